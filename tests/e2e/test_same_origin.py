"""T15 (static half): nothing in dist/ loads from another origin.

The runtime half is test_boot.test_every_request_stays_on_the_page_origin. Here the
built files are read: every URL the HTML, CSS or JS could fetch must be same-origin.
The wasm is not scanned: its strings (e.g. SVG namespace URIs, links shown as text)
are not fetched by the browser, and the CSP plus the runtime request log cover it.
"""

from __future__ import annotations

import re
from pathlib import Path

from harness import read_page

URL_ATTRS = ("src", "href", "srcset", "poster", "data", "action", "formaction", "manifest")
FOREIGN = re.compile(r"^\s*(?:[a-z][a-z0-9+.-]*:|//)", re.I)  # any scheme, or scheme-relative


def test_dist_holds_only_the_expected_kinds_of_file(dist: Path):
    # `x.js.br`, `x.js.gz`: the precompressed copies (test_precompressed.py decodes them).
    kinds = sorted({Path(p.name.removesuffix(".br").removesuffix(".gz")).suffix
                    for p in dist.rglob("*") if p.is_file()})
    assert set(kinds) <= {".html", ".js", ".wasm", ".css", ".svg", ".ico", ".png", ".txt"}, kinds


def test_html_references_only_same_origin_urls(dist: Path):
    page = read_page(dist / "index.html")
    refs = [(tag, name, value) for tag, attrs in page.elements for name, value in attrs.items()
            if name in URL_ATTRS and value]
    assert refs, "no URL attributes found at all: the scan is broken"
    assert [r for r in refs if FOREIGN.match(r[2])] == []


def test_css_references_only_same_origin_urls(dist: Path):
    for css in dist.rglob("*.css"):
        text = css.read_text(encoding="utf-8")
        urls = re.findall(r"url\(\s*['\"]?([^'\")]*)", text, re.I)
        imports = re.findall(r"@import\s+['\"]([^'\"]+)", text, re.I)
        assert [u for u in urls + imports if FOREIGN.match(u) and not u.startswith("data:")] \
            == [], css.name


def _without_comments(js: str) -> str:
    js = re.sub(r"/\*.*?\*/", "", js, flags=re.S)
    return re.sub(r"(?m)^\s*//.*$", "", js)  # whole-line comments only: strings may hold //


def test_js_fetches_and_imports_only_same_origin_urls(dist: Path):
    for js in dist.rglob("*.js"):
        code = _without_comments(js.read_text(encoding="utf-8"))
        assert re.findall(r"""['"`](?:[a-z][a-z0-9+.-]*:)?//[^'"`]*""", code, re.I) == [], js.name
        assert "import(" not in code.replace("import.meta", ""), js.name
