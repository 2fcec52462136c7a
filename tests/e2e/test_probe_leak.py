"""Issue 5, negative controls: the leak checker and the trace checks can fail.

A test-only build (cargo feature `leak-canary`, never in the default build) sends the
probe's credential to a second allowed host (second.openai.azure.com) just before the
real probe. The same journey and the same checks that pass on the release build must
report that leak, in the browser's record and in the mock's log. The default build is
checked not to carry the leaking code.

The leaking build is made once per session with `trunk build --release --features
leak-canary --dist <temp>`; it shares `target/` with the default build, so only this
crate is recompiled.
"""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

from harness import REPO, StaticServer
from probe_harness import (
    ProbePage,
    assert_nothing_kept,
    assert_only_the_probe_carried_it,
    browser_leaks,
    console_hits,
    mock_leaks,
    new_key,
    profile_hits,
)

LEAK_HOST = "second.openai.azure.com"
BUILD_TIMEOUT_S = 900


@pytest.fixture(scope="session")
def leak_dist(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("leak-canary-dist")
    env = dict(os.environ)
    # The tools ./dev installs: npm's wasm-opt first, then cargo's trunk.
    env["PATH"] = os.pathsep.join([str(REPO / ".tools" / "node_modules" / ".bin"),
                                   str(Path.home() / ".cargo" / "bin"), env.get("PATH", "")])
    cmd = ["trunk", "build", "--release", "--features", "leak-canary", "--dist", str(out)]
    done = subprocess.run(cmd, cwd=REPO, env=env, capture_output=True, text=True,
                          timeout=BUILD_TIMEOUT_S)
    if done.returncode != 0 or not (out / "index.html").is_file():
        pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}):\n{done.stderr[-4000:]}")
    return out


@pytest.fixture(scope="session")
def leak_site(leak_dist: Path):
    with StaticServer(leak_dist) as server:
        yield server


def wasm_bytes(directory: Path) -> bytes:
    wasm = list(directory.glob("*_bg.wasm"))
    assert len(wasm) == 1, wasm
    return wasm[0].read_bytes()


def test_default_build_carries_no_leaking_code(dist: Path):
    assert LEAK_HOST.encode() not in wasm_bytes(dist)


def test_leak_checker_reports_the_leaking_build(probe_browser, leak_site, leak_dist, azure_mock):
    # The control is only a control if its build really differs in the leaking code.
    assert LEAK_HOST.encode() in wasm_bytes(leak_dist)

    secret = new_key()
    host = "invalid-key.openai.azure.com"
    page = ProbePage(probe_browser, leak_site.url)
    mark = azure_mock.mark()
    page.fill(endpoint=f"https://{host}/", credential=secret)
    out = page.send(2)
    entries = azure_mock.since(mark)
    # The probe itself behaves as in the release build ...
    assert (out["outcome"], out["status"]) == ("answered", "401"), out

    # ... but the checkers see the credential at the second host, on both sides.
    seen = browser_leaks(page.b, secret, host)
    assert {(x.host, x.part) for x in seen} >= {(LEAK_HOST, "header api-key")}, seen
    arrived = mock_leaks(entries, secret, host)
    assert {(x.host, x.method, x.part) for x in arrived} == {(LEAK_HOST, "GET", "header api-key")}
    # And the very assertion the other tests rely on fails.
    with pytest.raises(AssertionError):
        assert_only_the_probe_carried_it(page, entries, secret, host, leak_site.url)


def test_trace_checks_can_fail(probe_browser, site):
    """The after-journey checks see a trace when there is one: a canary the test itself
    puts into localStorage and the console is reported by the storage check, the console
    check and, once the browser has stopped, the scan of its profile on disk."""
    secret = new_key()
    page = ProbePage(probe_browser, site.url)
    page.b.js("localStorage.setItem('x', arguments[0]); console.log('k=' + arguments[0])", secret)
    with pytest.raises(AssertionError):
        assert_nothing_kept(page.b, page.url, page.history)
    assert console_hits(page.b, secret) != []
    page.b.quit()
    assert profile_hits(page.b.profile, secret) != []
