// The page's only script, inlined into index.html by scripts/csp_hash.py in place of
// Trunk's loader and allowed by its sha256 in the CSP (hosting/policy.py). Its text is
// the same for every build: the hashed file names and the wasm's integrity are read from
// the preload links Trunk writes, so the CSP, and every header that carries it, stays
// the same from one build to the next. Lines that start with `//` are not inlined.
//
// 1. Start the app: import the glue, fetch the wasm WITH its integrity (Chromium ignores
//    `integrity` on a preload link, so this fetch is the check), mount.
// 2. If that fails, say so in the static shell instead of leaving it on "Loading".
// 3. Once the app runs, register the service worker (offline use). `register()` is a
//    Trusted Types sink: the one policy the CSP names (`trusted-types doctor401-sw`)
//    is created here, before any other script runs, and only ever yields `sw.js`.
const $ = (s) => document.querySelector(s);
try {
  if (typeof WebAssembly != 'object') throw new Error('no WebAssembly');
  const js = $('link[rel=modulepreload]'), bin = $('link[rel=preload][as=fetch]');
  const { default: init } = await import(js.href);
  const wasm = await init({ module_or_path: fetch(bin.href, { integrity: bin.dataset.integrity }) });
  dispatchEvent(new CustomEvent('TrunkApplicationStarted', { detail: { wasm } }));
} catch (e) {
  const say = $('#shell-status');
  if (say) {
    say.textContent = typeof WebAssembly != 'object'
      ? '401 Doctor cannot run here: WebAssembly is turned off or blocked in this browser (often by a policy or an extension). Nothing you paste is sent anywhere; try another browser.'
      : '401 Doctor could not start (' + e + '). Reload the page; if it persists, WebAssembly may be blocked here.';
    say.hidden = false;
  }
  throw e;
}
if ('serviceWorker' in navigator) {
  const tt = self.trustedTypes;
  const url = tt ? tt.createPolicy('doctor401-sw', { createScriptURL: (u) => { if (u != 'sw.js') throw new TypeError(u); return u; } }).createScriptURL('sw.js') : 'sw.js';
  navigator.serviceWorker.register(url, { updateViaCache: 'none' }).catch(() => {});
}
