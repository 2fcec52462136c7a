"""T2: the CSP text of the built page, read without a browser."""

from __future__ import annotations

from pathlib import Path

import pytest

from harness import PageFacts, read_page, sri
from policy import CONNECT_SRC_ALLOWLIST, EXPECTED_CSP, LOADER_HASH


@pytest.fixture(scope="module")
def page(dist: Path) -> PageFacts:
    return read_page(dist / "index.html")


def test_directive_set_is_exactly_the_policy(page: PageFacts):
    actual = {name: [LOADER_HASH if v.startswith("'sha256-") else v for v in values]
              for name, values in page.csp.items()}
    assert actual == EXPECTED_CSP


def test_no_unsafe_keywords_or_wildcard_sources(page: PageFacts):
    for name, values in page.csp.items():
        for value in values:
            assert value.lower() not in ("'unsafe-inline'", "'unsafe-eval'",
                                         "'unsafe-hashes'", "*", "data:", "blob:",
                                         "http:", "https:"), (name, value)
            assert "http://" not in value, (name, value)


def test_script_hash_is_the_sha256_of_the_emitted_loader(page: PageFacts):
    hashes = [v for v in page.csp["script-src"] if v.startswith("'sha256-")]
    assert hashes == ["'" + sri("sha256", page.loader.encode()) + "'"]


def test_only_script_is_the_inline_loader(page: PageFacts):
    assert len(page.scripts) == 1
    attrs, text = page.scripts[0]
    assert attrs.get("type") == "module" and "src" not in attrs
    assert "TrunkApplicationStarted" in text
    # data-wasm-no-import: the loader does not hang the wasm exports on window.
    assert "wasmBindings" not in text


def test_loader_fetches_the_wasm_with_its_integrity(page: PageFacts, dist: Path):
    """The loader is the same for every build (so the CSP is too, and a server can send
    it as a header): it fetches the wasm that the preload link names, with the
    integrity that link carries, and that integrity is the sha384 of the built wasm."""
    (wasm,) = dist.glob("*.wasm")
    preloads = [a for tag, a in page.elements
                if tag == "link" and a.get("rel") == "preload" and a.get("as") == "fetch"]
    assert [(a["href"], a["data-integrity"]) for a in preloads] == [
        (f"./{wasm.name}", sri("sha384", wasm.read_bytes()))]
    assert "integrity" not in preloads[0]  # ignored by Chromium on preload; a warning
    assert "fetch(bin.href, { integrity: bin.dataset.integrity })" in page.loader
    # Nothing build-specific in the loader: no file name, no digest.
    assert wasm.name.split("_")[0] not in page.loader and "sha384-" not in page.loader


def test_the_loader_is_hosting_policy_loader(page: PageFacts):
    """The inline script is exactly the loader hosting/policy.py hashes."""
    import sys
    from harness import REPO
    sys.path.insert(0, str(REPO))
    from hosting import policy as hosting_policy
    assert page.loader == hosting_policy.loader_text()
    assert f"'{sri('sha256', page.loader.encode())}'" == hosting_policy.loader_hash()


def test_every_url_of_the_page_is_relative(page: PageFacts):
    """The build works under any path prefix (issue 15): no URL of its own is absolute."""
    urls = [a[k] for tag, a in page.elements for k in ("href", "src") if k in a]
    assert urls, "the page links no files: the parser is broken"
    assert all(u.startswith("./") and "/" not in u[2:] for u in urls), urls


def test_csp_meta_comes_first_and_before_any_script_or_link(page: PageFacts):
    tags = [(tag, attrs) for tag, attrs in page.elements if tag not in ("html", "head")]
    assert tags[0] == ("meta", {"charset": "utf-8"})
    tag, attrs = tags[1]
    assert tag == "meta" and attrs.get("http-equiv", "").lower() == "content-security-policy"


def test_referrer_is_never_sent(page: PageFacts):
    assert ("meta", {"content": "no-referrer", "name": "referrer"}) in [
        (t, dict(sorted(a.items()))) for t, a in page.elements]


def test_no_base_element(page: PageFacts):
    # base-uri 'none' would block it anyway; Trunk's data-trunk-public-url would add one.
    assert all(tag != "base" for tag, _ in page.elements)


def test_connect_src_is_self_plus_the_allowlist(page: PageFacts):
    assert page.csp["connect-src"] == ["'self'", *CONNECT_SRC_ALLOWLIST]
    assert all(h.startswith("https://") for h in CONNECT_SRC_ALLOWLIST)
