"""Issue 15, offline that really works: the service worker (hosting/sw.js, written per
build by scripts/offline.py) precaches exactly the first-load files, nothing else.

Against Debian's nginx under a path prefix (the worker's scope is the prefix):

* first visit, then Chromium's offline emulation AND the server stopped, reload: the
  page starts from the cache and diagnoses a corpus case;
* a second build on the server replaces the cache: one cache, the new build's files
  only, and the next load (offline) is the new build throughout;
* what the user types never reaches the cache or the disk.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Iterator

import pytest

import formfill
from conftest import PREFIX
from harness import REPO, Browser, NginxServer, sri
from probe_harness import profile_hits

CORPUS = REPO.parent / "shared" / "corpus"

CACHES_JS = r"""
const done = arguments[arguments.length - 1];
(async () => {
  const out = {};
  for (const name of await caches.keys()) {
    const cache = await caches.open(name);
    out[name] = [];
    for (const request of await cache.keys()) {
      const body = await (await cache.match(request)).text();
      out[name].push([request.url, body.length, body.includes(arguments[0])]);
    }
  }
  return out;
})().then(done, (e) => done({error: String(e)}));
"""


def build_id(site: Path) -> str:
    return re.search(r"const BUILD = '([0-9a-f]{16})'", (site / "sw.js").read_text())[1]


def first_load_urls(site: Path, page_url: str) -> list[str]:
    """What the worker must hold: the page, and every file index.html links."""
    hrefs = re.findall(r"<link\b[^>]*?\shref=[\"']?\./([^\"'\s>]+)",
                       (site / "index.html").read_text())
    return sorted([page_url] + [page_url + h for h in hrefs])


def caches(b: Browser, needle: str = "\x00never\x00") -> dict:
    """{cache name: [(url, body length, body contains needle)]} as the page sees them."""
    return {name: sorted(tuple(e) for e in entries)
            for name, entries in b.driver.execute_async_script(CACHES_JS, needle).items()}


def wait_for_cache(b: Browser, site: Path, page_url: str) -> dict:
    """Until the page is controlled and the only cache is this build's, complete."""
    want = {f"doctor401-{build_id(site)}": first_load_urls(site, page_url)}

    def ready(br: Browser):
        if not br.js("return !!navigator.serviceWorker.controller"):
            return None
        got = {name: [url for url, _, _ in entries] for name, entries in caches(br).items()}
        return got if got == want else None

    return b.wait_until(ready, f"the service worker's cache to be {want}")


def go_offline(b: Browser, server: NginxServer) -> None:
    server.stop()  # no server at all, and the browser is told it has no network
    b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", {
        "offline": True, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})


def diagnose(b: Browser, name: str) -> dict:
    case = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    formfill.enter(b, formfill.case_fields(case["case"]))
    got = formfill.verdict(b)
    assert got["verdict"] == case["expect"]["verdict"], (name, got)
    if case["expect"]["cause"]:
        assert got["cause"] in case["expect"]["cause"], (name, got)
    return got


@pytest.fixture
def live(dist: Path) -> Iterator[Path]:
    """A directory the server serves, holding a copy of the build (tests replace it).
    Not under pytest's tmp_path, which nginx's workers (user nobody) cannot enter."""
    top = Path(tempfile.mkdtemp(prefix="doctor401-live-"))
    top.chmod(0o755)
    shutil.copytree(dist, top / "live")
    yield top / "live"
    shutil.rmtree(top, ignore_errors=True)


def test_after_one_visit_the_page_loads_and_diagnoses_offline(browser: Browser, live: Path):
    server = NginxServer(live, prefix=PREFIX).start()
    try:
        browser.load(server.url)
        browser.wait_for_app()
        wait_for_cache(browser, live, server.url)
    finally:
        go_offline(browser, server)
    before = len(browser.network_events())
    browser.load(server.url)
    browser.wait_for_app()
    assert browser.violations() == [] and browser.state()["errors"] == []
    diagnose(browser, "17-azure-token-expired.json")
    # Every response of the offline load came from the service worker.
    responses = [e["params"]["response"] for e in browser.network_events()[before:]
                 if e["method"] == "Network.responseReceived"]
    assert responses and all(r.get("fromServiceWorker") for r in responses), \
        [(r["url"], r.get("fromServiceWorker")) for r in responses]
    urls = {r["url"] for r in responses}
    page_files = set(first_load_urls(live, server.url))
    assert urls <= page_files and {u for u in page_files if not u.endswith(".svg")} <= urls, \
        sorted(urls)


def second_build(first: Path, target: Path) -> Path:
    """A second build, made from the first as a rebuild with a changed stylesheet makes
    it: the stylesheet under a new hashed name, index.html linking it with its new
    integrity, then the build's own last steps (scripts/offline.py, compress.py)."""
    shutil.copytree(first, target)
    for stale in target.glob("sw.js*"):
        stale.unlink()
    (css,) = target.glob("style-*.css")
    old = css.read_bytes()
    new = old + b"\n/* second build */\n"
    new_name = f"style-{int(css.stem.split('-')[1], 16) ^ 0xFFFF:016x}.css"
    (target / new_name).write_bytes(new)
    for stale in target.glob(css.name + "*"):
        stale.unlink()
    index = target / "index.html"
    html = index.read_text(encoding="utf-8")
    assert css.name in html and sri("sha384", old) in html
    index.write_text(html.replace(css.name, new_name).replace(sri("sha384", old), sri("sha384", new)),
                     encoding="utf-8")
    for step in ("offline.py", "compress.py"):
        subprocess.run([sys.executable, str(REPO / "scripts" / step), str(target)],
                       check=True, capture_output=True)
    assert build_id(target) != build_id(first)
    return target


def replace_site(live: Path, build: Path) -> None:
    for path in live.iterdir():
        path.unlink()
    for path in build.iterdir():
        shutil.copy2(path, live / path.name)


def test_a_second_build_replaces_the_cache(browser: Browser, live: Path):
    first = live.parent / "first"
    shutil.copytree(live, first)
    second = second_build(first, live.parent / "second")
    server = NginxServer(live, prefix=PREFIX).start()
    try:
        browser.load(server.url)
        browser.wait_for_app()
        wait_for_cache(browser, first, server.url)

        replace_site(live, second)
        # A navigation makes the browser check sw.js (no-cache, updateViaCache 'none'):
        # the new worker precaches the second build, then drops every other cache.
        browser.load(server.url)
        browser.wait_for_app()
        held = wait_for_cache(browser, second, server.url)
        (css,) = second.glob("style-*.css")
        assert any(url.endswith(css.name) for urls in held.values() for url in urls)
    finally:
        go_offline(browser, server)
    browser.load(server.url)
    browser.wait_for_app()
    # Offline, the page is the second build, with the second build's files.
    (css,) = second.glob("style-*.css")
    assert browser.js("return [...document.styleSheets].map(s => s.href)") == [server.url + css.name]
    assert browser.js("return getComputedStyle(document.body).marginTop") == "0px"
    diagnose(browser, "01-azure-wrong-key.json")


def test_nothing_the_user_types_is_cached(browser: Browser, live: Path):
    canary = "sk-CANARY" + "7f3a9c1e5b" * 4
    server = NginxServer(live, prefix=PREFIX).start()
    try:
        browser.load(server.url)
        browser.wait_for_app()
        wait_for_cache(browser, live, server.url)
        formfill.enter(browser, [("endpoint", "https://api.openai.com/v1"),
                                 ("credential", canary),
                                 ("error-text", f"Incorrect API key provided: {canary}")])
        formfill.verdict(browser)
        held = caches(browser, canary)
        assert list(held) == [f"doctor401-{build_id(live)}"]
        assert [url for url, _, _ in held[f"doctor401-{build_id(live)}"]] == \
            first_load_urls(live, server.url)
        assert [url for entries in held.values() for url, _, has in entries if has] == []
    finally:
        server.stop()
    browser.close(keep_profile=True)
    assert profile_hits(browser.profile, canary) == []
    shutil.rmtree(browser.profile, ignore_errors=True)


def test_the_worker_only_ever_caches_at_install():
    """The one write to a cache is the install's addAll of the fixed list."""
    code = (REPO / "hosting" / "sw.js").read_text(encoding="utf-8")
    code = "\n".join(line for line in code.splitlines() if not line.lstrip().startswith("//"))
    assert re.findall(r"\.(put|add|addAll)\(", code) == ["addAll"]
    assert "caches.open(CACHE)" in code


def test_without_the_worker_an_offline_reload_fails(browser: Browser, live: Path):
    """The negative control: the same build without sw.js (registration fails) is not
    there after the network is gone, so the offline tests above rest on the worker."""
    for path in live.glob("sw.js*"):
        path.unlink()
    server = NginxServer(live, prefix=PREFIX).start()
    try:
        browser.load(server.url)
        browser.wait_for_app()
        assert caches(browser) == {}
    finally:
        go_offline(browser, server)
    try:
        browser.load(server.url)
    except Exception:  # chromedriver may report the failed navigation itself
        pass
    assert browser.wait_until(lambda b: b.js("return document.readyState") == "complete",
                              "the offline navigation to end")
    assert not browser.js("return !!document.querySelector('#shell, .page')")
    assert not browser.js("return window.__started === true")
