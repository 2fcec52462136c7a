"""T1: the release build starts under its own strict CSP, and the checks can fail.

The positive test alone could pass vacuously (say, if the CSP were dropped). The
negative controls serve the same build with one thing taken away and require that the
app does NOT start and that the browser reports the expected violation.
"""

from __future__ import annotations

import re
from pathlib import Path
from urllib.parse import urlsplit

from harness import Browser, StaticServer, copy_dist

LOADER_HASH = re.compile(r" 'sha256-[A-Za-z0-9+/=]+'")


def test_release_build_starts_with_zero_violations(app: Browser, site: StaticServer):
    state = app.state()
    assert state["started"] and state["rendered"], state
    assert app.violations() == []
    assert state["errors"] == []
    # Not even warnings: a clean first load logs nothing worth reading.
    assert [m for m in app.console() if m["level"] in ("WARNING", "SEVERE")] == []


def test_every_request_stays_on_the_page_origin(app: Browser, site: StaticServer):
    origin = urlsplit(site.url)
    sent = app.requests()
    assert sent, "the performance log recorded no requests at all: the recorder is broken"
    foreign = [r.url for r in sent
               if (urlsplit(r.url).scheme, urlsplit(r.url).netloc) != (origin.scheme, origin.netloc)]
    assert foreign == []
    # Trunk preloads the wasm and the loader fetches it with integrity; the browser must
    # reuse one download, not fetch it twice.
    wasm = [r.url for r in sent if r.url.endswith(".wasm")]
    assert len(wasm) == 1, wasm


def test_without_the_loader_hash_the_app_does_not_start(browser: Browser, mutated_site):
    site = mutated_site(lambda html: LOADER_HASH.sub("", html, count=1))
    browser.load(site.url)
    state = browser.wait_for_failure()
    assert not state["started"] and not state["rendered"], state
    assert {"effective": "script-src-elem", "blocked": "inline"} in [
        {"effective": v["effective"], "blocked": v["blocked"]} for v in state["violations"]
    ], state["violations"]


def test_without_wasm_unsafe_eval_the_app_does_not_start(browser: Browser, mutated_site):
    site = mutated_site(lambda html: html.replace(" 'wasm-unsafe-eval'", "", 1))
    browser.load(site.url)
    state = browser.wait_for_failure()
    # The loader's promise rejects once instantiation is refused; wait for that too, so
    # "not started" is observed after the attempt ended, not before it began.
    state = browser.wait_until(lambda b: (s := b.state())["errors"] and s,
                               "the loader to fail")
    assert not state["started"] and not state["rendered"], state
    assert any(v["blocked"] == "wasm-eval" for v in state["violations"]), state["violations"]


def test_a_tampered_wasm_is_refused(browser: Browser, dist: Path, tmp_path: Path):
    """The loader fetches the wasm with `integrity` (Chromium ignores it on preload)."""
    copy = copy_dist(dist, tmp_path / "tampered")
    (wasm,) = copy.glob("*.wasm")
    data = bytearray(wasm.read_bytes())
    data[-1] ^= 0x01  # one bit in the last section; the module may even still be valid
    wasm.write_bytes(bytes(data))
    with StaticServer(copy) as site:
        browser.load(site.url)
        state = browser.wait_until(lambda b: (s := b.state())["errors"] and s,
                                   "the loader to fail")
        assert not state["started"] and not state["rendered"], state
        assert any("integrity" in m["message"] for m in browser.console_errors()), \
            browser.console()
