"""Issue 15: the build served by a real web server, as a company would host it.

Debian's nginx runs with the checked-in configuration (hosting/nginx/, generated from
hosting/policy.py) and serves dist/ under a path prefix (conftest.PREFIX), over HTTP
and over TLS. Checked over the wire (urllib, so every byte and header is seen as sent):
every security header on every response, HSTS only over TLS, the cache rule of each
file, content types, and the precompressed files chosen by Accept-Encoding. Then in
Chromium: the page starts under the prefix with the header CSP and the meta CSP both
in force, no violation and no console message at all, every request stays under the
prefix, the wasm comes brotli-encoded and only once, and a corpus case is diagnosed.
"""

from __future__ import annotations

import gzip
import json
import ssl
import sys
import urllib.error
import urllib.request
from pathlib import Path
from urllib.parse import urlsplit

import brotli
import pytest

import formfill
from conftest import PREFIX
from harness import REPO, Browser, NginxServer, parse_csp, read_page
from policy import EXPECTED_CSP, LOADER_HASH

sys.path.insert(0, str(REPO))
from hosting import policy as hosting  # noqa: E402

# The headers every response must carry, as the tests state them (not read from the
# policy module: test_hosting_policy.py checks that module against these).
EXPECTED_HEADERS = {
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cross-origin-opener-policy": "same-origin",
    "cross-origin-resource-policy": "same-origin",
}
IMMUTABLE = "public, max-age=31536000, immutable"


def fetch(url: str, accept_encoding: str | None = "br, gzip") -> tuple[int, dict, bytes]:
    """Status, headers (lower-case names; a repeated header joined by ', ') and the body
    exactly as sent (urllib does not decode Content-Encoding)."""
    headers = {"Accept-Encoding": accept_encoding} if accept_encoding is not None else {}
    request = urllib.request.Request(url, headers=headers)
    context = ssl._create_unverified_context() if url.startswith("https:") else None
    try:
        with urllib.request.urlopen(request, context=context, timeout=20) as r:
            status, raw_headers, body = r.status, r.headers, r.read()
    except urllib.error.HTTPError as e:
        status, raw_headers, body = e.code, e.headers, e.read()
    seen: dict[str, str] = {}
    for name, value in raw_headers.items():
        name = name.lower()
        seen[name] = f"{seen[name]}, {value}" if name in seen else value
    return status, seen, body


def built_files(dist: Path) -> list[str]:
    """The files a browser may ask for: everything but the precompressed copies."""
    return sorted(p.name for p in dist.iterdir() if p.suffix not in (".br", ".gz"))


def test_the_server_serves_under_the_prefix_only(nginx: NginxServer):
    assert urlsplit(nginx.url).path == PREFIX
    status, _, body = fetch(nginx.url)
    assert status == 200 and body
    root = nginx.url.replace(PREFIX, "/")
    assert fetch(root)[0] == 404


def test_every_response_carries_every_security_header(nginx: NginxServer, dist: Path):
    urls = [nginx.url] + [nginx.url + name for name in built_files(dist)]
    urls.append(nginx.url + "no-such-file")  # errors too
    for url in urls:
        status, headers, _ = fetch(url)
        assert status == (404 if url.endswith("no-such-file") else 200), url
        for name, value in EXPECTED_HEADERS.items():
            assert headers.get(name) == value, (url, name, headers)
        csp = parse_csp(headers["content-security-policy"])
        assert csp.pop("frame-ancestors") == ["'none'"], url
        hashed = {k: [LOADER_HASH if v.startswith("'sha256-") else v for v in vs]
                  for k, vs in csp.items()}
        assert hashed == EXPECTED_CSP, url
        denied = dict(p.split("=", 1) for p in headers["permissions-policy"].split(", "))
        assert denied["camera"] == "()" and denied["microphone"] == "()", denied
        assert denied["clipboard-write"] == "(self)", denied  # "Copy report" needs it
        assert {v for k, v in denied.items() if k != "clipboard-write"} == {"()"}, denied
        # Plain HTTP: no HSTS (a browser would ignore it, and it must not be sent).
        assert "strict-transport-security" not in headers, url
        assert "server" not in headers or headers["server"] == "nginx", headers  # no version


def test_hsts_is_sent_over_tls(nginx: NginxServer, dist: Path):
    for url in [nginx.tls_url] + [nginx.tls_url + name for name in built_files(dist)]:
        status, headers, _ = fetch(url)
        assert status == 200, url
        assert headers.get("strict-transport-security") == \
            "max-age=63072000; includeSubDomains", url
        assert headers.get("x-content-type-options") == "nosniff", url


def test_cache_rules(nginx: NginxServer, dist: Path):
    names = built_files(dist)
    hashed = [n for n in names if n not in ("index.html", "sw.js")]
    assert {Path(n).suffix for n in hashed} == {".js", ".wasm", ".css", ".svg"}, hashed
    for name in hashed:
        assert fetch(nginx.url + name)[1]["cache-control"] == IMMUTABLE, name
    for url in (nginx.url, nginx.url + "index.html", nginx.url + "sw.js"):
        assert fetch(url)[1]["cache-control"] == "no-cache", url
    # A no-cache file still revalidates cheaply.
    etag = fetch(nginx.url)[1]["etag"]
    request = urllib.request.Request(nginx.url, headers={"If-None-Match": etag,
                                                         "Accept-Encoding": "br, gzip"})
    with pytest.raises(urllib.error.HTTPError) as not_modified:
        urllib.request.urlopen(request, timeout=20)
    assert not_modified.value.code == 304


def test_content_types(nginx: NginxServer, dist: Path):
    want = {".html": "text/html; charset=utf-8", ".js": "text/javascript; charset=utf-8",
            ".css": "text/css; charset=utf-8", ".wasm": "application/wasm",
            ".svg": "image/svg+xml"}
    for name in built_files(dist):
        assert fetch(nginx.url + name)[1]["content-type"] == want[Path(name).suffix], name
    assert fetch(nginx.url)[1]["content-type"] == want[".html"]


def test_precompressed_files_by_negotiation(nginx: NginxServer, dist: Path):
    for name in built_files(dist):
        raw = (dist / name).read_bytes()
        for accept, encoding, decode in (("br, gzip", "br", brotli.decompress),
                                         ("gzip", "gzip", gzip.decompress),
                                         (None, None, lambda b: b)):
            status, headers, body = fetch(nginx.url + name, accept)
            assert status == 200, (name, accept)
            assert headers.get("content-encoding") == encoding, (name, accept, headers)
            assert headers.get("vary") == "Accept-Encoding", (name, headers)
            if encoding:
                suffix = ".br" if encoding == "br" else ".gz"
                # The build's own file, not a compression made on the fly.
                assert body == (dist / (name + suffix)).read_bytes(), (name, encoding)
            assert decode(body) == raw, (name, accept)


def test_csp_header_is_the_meta_policy_plus_frame_ancestors(nginx: NginxServer, tmp_path: Path):
    status, headers, body = fetch(nginx.url, None)
    assert status == 200
    (tmp_path / "index.html").write_bytes(body)
    meta = read_page(tmp_path / "index.html").csp_text
    assert headers["content-security-policy"] == meta + "; frame-ancestors 'none'"
    # Both come from the one policy.
    assert meta == hosting.meta_csp()
    assert headers["content-security-policy"] == hosting.header_csp()


# --------------------------------------------------------------------------- in Chromium


@pytest.fixture
def served(browser: Browser, nginx: NginxServer) -> Browser:
    mark = len(nginx.requests())
    browser.load(nginx.url)
    browser.wait_for_app()
    browser.mark = mark
    return browser


def test_the_page_starts_under_the_prefix_with_both_policies(served: Browser, nginx: NginxServer):
    state = served.state()
    assert state["started"] and state["rendered"] and state["errors"] == [], state
    assert served.violations() == []
    # No warning or error: an unknown Permissions-Policy feature, a header the browser
    # rejects, a preload it does not use, all show up here (as test_boot asks of the
    # static server's page).
    assert [m for m in served.console() if m["level"] in ("WARNING", "SEVERE")] == []
    # Every feature the Permissions-Policy names is one this Chromium knows.
    named = {p.split("=", 1)[0] for p in hosting.permissions_policy().split(", ")}
    assert named <= set(served.js("return document.featurePolicy.features()"))
    # The header CSP really arrived with the page (so both policies are in force).
    docs = [e["params"]["response"] for e in served.network_events()
            if e["method"] == "Network.responseReceived"
            and e["params"]["response"]["url"] == nginx.url]
    assert docs and "frame-ancestors 'none'" in {
        k.lower(): v for k, v in docs[0]["headers"].items()}["content-security-policy"]


def test_every_request_stays_under_the_prefix_and_the_wasm_comes_once_in_brotli(
        served: Browser, nginx: NginxServer, dist: Path):
    sent = served.requests()
    assert sent
    assert [r.url for r in sent if not r.url.startswith(nginx.url)] == []
    # The service worker installs (precaching from the HTTP cache); wait for it, then
    # count what nginx sent: the wasm once, brotli-encoded.
    served.wait_until(lambda b: b.js("return !!(navigator.serviceWorker.controller)"),
                      "the service worker to control the page")
    got = nginx.requests()[served.mark:]
    (wasm,) = dist.glob("*.wasm")
    wasm_sent = [r for r in got if r["uri"] == PREFIX + wasm.name]
    assert [(r["status"], r["content_encoding"]) for r in wasm_sent] == [(200, "br")], got
    assert [r for r in got if not r["uri"].startswith(PREFIX)] == []
    assert all(r["status"] in (200, 304) for r in got), got


def test_a_corpus_case_is_diagnosed_under_the_prefix(served: Browser):
    case = json.loads((REPO.parent / "shared" / "corpus" / "01-azure-wrong-key.json")
                      .read_text(encoding="utf-8"))
    formfill.enter(served, formfill.case_fields(case["case"]))
    got = formfill.verdict(served)
    assert got["verdict"] == "problem" and got["cause"] in case["expect"]["cause"], got
    assert served.violations() == [] and served.console_errors() == []
