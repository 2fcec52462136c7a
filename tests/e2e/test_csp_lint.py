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
    (wasm,) = dist.glob("*.wasm")
    expected = f"fetch('/{wasm.name}', {{ integrity: '{sri('sha384', wasm.read_bytes())}' }})"
    assert expected in page.loader


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
