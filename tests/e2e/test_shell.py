"""Issue 15, paint first: index.html carries a static shell (title, one-line explanation,
the form's outline, in the page's own CSS) that paints before the wasm arrives, the app
takes its place without anything moving, and when WebAssembly is unavailable or blocked
the shell says so instead of staying on "Loading".
"""

from __future__ import annotations

import re

import pytest

from harness import Browser, StaticServer

# Elements of the first view, found by the same selector in the shell and in the app.
DESKTOP = [".masthead h1", ".tagline", ".privacy", ".toolbar .gallery", ".toolbar > button",
           ".field-error-text label", ".field-error-text textarea", ".field-error-text .hint",
           ".inputs fieldset", ".inputs fieldset legend", ".field-endpoint input",
           ".field-deployment input", ".field-api-version input", ".field-api-version .hint",
           ".verdict", ".verdict h2", ".verdict .how", ".verdict-intro"]
# On a phone the verdict comes after the whole form (the shell does not show it).
PHONE = [s for s in DESKTOP if not s.startswith(".verdict")]

BOXES_JS = r"""
const out = {};
for (const sel of arguments[0]) {
  const e = document.querySelector(sel);
  if (!e) { out[sel] = null; continue; }
  const r = e.getBoundingClientRect();
  out[sel] = [r.x, r.y, r.width, r.height].map(v => Math.round(v * 4) / 4);
}
return out;
"""

NO_SCRIPT = re.compile(r"<script type=module>.*?</script>", re.S)


def boxes(b: Browser, selectors: list[str]) -> dict:
    # After two frames, so layout reflects everything that has loaded.
    b.driver.execute_async_script(
        "const done = arguments[0];"
        "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")
    return b.js(BOXES_JS, selectors)


def shell_loaded(b: Browser) -> bool:
    return b.js("return document.readyState === 'complete' && "
                "getComputedStyle(document.body).marginTop === '0px'")  # our CSS applied


@pytest.mark.parametrize("width,selectors", [(1280, DESKTOP), (390, PHONE)])
def test_the_app_mounts_where_the_shell_was_painted(mutated_site, site: StaticServer,
                                                    width: int, selectors: list[str]):
    """The shell alone (the build without its loader: what shows until the wasm has
    run) and the started app, at the same window size: every element of the first view
    is at the same place and of the same size."""
    shell_only = mutated_site(lambda html: NO_SCRIPT.sub("", html, count=1), "shell")
    with Browser(width=width, height=900) as b:
        b.load(shell_only.url)
        b.wait_until(shell_loaded, "the shell with its stylesheet")
        assert b.js("return !!document.getElementById('shell')")
        shell = boxes(b, selectors)
    with Browser(width=width, height=900) as b:
        b.load(site.url)
        b.wait_for_app()
        assert not b.js("return !!document.getElementById('shell')"), "the shell stayed"
        app = boxes(b, selectors)
    assert all(shell.values()) and all(app.values()), (shell, app)
    moved = {sel: (shell[sel], app[sel]) for sel in selectors if shell[sel] != app[sel]}
    assert moved == {}


def test_the_shell_paints_before_the_wasm_and_says_when_it_cannot_start(browser: Browser,
                                                                        site: StaticServer):
    """With the wasm blocked the page still paints its title and form outline, disabled,
    and then tells the user it could not start."""
    browser.driver.execute_cdp_cmd("Network.setBlockedURLs", {"urls": ["*.wasm"]})
    browser.load(site.url)
    status = browser.wait_until(
        lambda b: b.js("const s = document.getElementById('shell-status');"
                       "return s && !s.hidden && s.textContent"), "the shell's message")
    assert "could not start" in status and "WebAssembly may be blocked" in status, status
    browser.wait_until(
        lambda b: b.js("return performance.getEntriesByName('first-contentful-paint').length"),
        "a first contentful paint")
    assert browser.js("return document.querySelector('#shell h1').textContent") == "401 Doctor"
    assert browser.js("return [...document.querySelectorAll('#shell textarea, #shell input')]"
                      ".every(e => e.matches(':disabled'))")
    assert not browser.state()["started"]


def test_without_webassembly_the_shell_says_so(site: StaticServer):
    """A browser without WebAssembly: V8 with its JIT turned off (`--jitless`, what
    hardened or enterprise "no JIT" settings do) does not offer WebAssembly at all."""
    with Browser(extra_args=["--js-flags=--jitless"]) as b:
        b.load(site.url)
        status = b.wait_until(
            lambda br: br.js("const s = document.getElementById('shell-status');"
                             "return s && !s.hidden && s.textContent"), "the shell's message")
        assert b.js("return typeof WebAssembly") == "undefined"
        assert "WebAssembly is turned off or blocked" in status, status
        assert not b.state()["started"]
