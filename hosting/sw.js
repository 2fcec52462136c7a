// 401 Doctor's service worker: after one visit the page loads, and diagnoses, offline.
//
// scripts/offline.py writes dist/sw.js from this file at build time, putting the build's
// file list in place of __FILES__ and its id in place of __BUILD__. The rules:
//
// * The only cache holds the page's own first-load files, exactly the list below, each
//   fetched with its sha384 `integrity` so a cache can only ever hold one whole build.
//   Nothing is ever put into it after install: no response to a request the page makes
//   at run time (a live probe's answer, say), and nothing the user typed or pasted.
// * The cache is named after the build (its files' hashes). A new build changes this
//   file, so the browser installs the new worker, which fills a new cache; once it is
//   active, every other cache of this origin is deleted. No build's page is ever served
//   with another build's files.
// * Only GETs of those files (and navigations to the page) are answered here; every
//   other request (the live probe's, for one) goes to the network untouched.
'use strict';

const BUILD = '__BUILD__';
const CACHE = 'doctor401-' + BUILD;
// [URL relative to this worker, sha384 integrity]; './' is the page (index.html).
const FILES = __FILES__;
const PAGE = new URL('./', self.location).href;
const URLS = new Set(FILES.map(([url]) => new URL(url, self.location).href));

self.addEventListener('install', (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    // The page is revalidated (it may have changed on the server since it was loaded);
    // hashed files come from the HTTP cache when they are there, so the first visit
    // does not download the wasm twice.
    await cache.addAll(FILES.map(([url, integrity]) =>
      new Request(url, { integrity, cache: url === './' ? 'no-cache' : 'default' })));
    await self.skipWaiting();
  })());
});

self.addEventListener('activate', (event) => {
  event.waitUntil((async () => {
    for (const name of await caches.keys()) {
      if (name !== CACHE) await caches.delete(name);
    }
    await self.clients.claim();
  })());
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  url.search = '';
  url.hash = '';
  let key = url.href;
  if (request.mode === 'navigate' && key === PAGE + 'index.html') key = PAGE;
  if (!URLS.has(key)) return;
  event.respondWith((async () => {
    const hit = await caches.match(key, { cacheName: CACHE });
    return hit || fetch(request);
  })());
});
