"""Trunk post_build hook: seal the staged index.html under the page's CSP.

Trunk writes the page with one inline `<script type="module">` (its loader, which names
the hashed files) and preload links for the glue and the wasm. This hook runs after
Trunk has written (and, in release, minified) the staged index.html, and before Trunk
moves it to dist/. It:

1. Replaces Trunk's loader with the page's own (hosting/loader.js). That text is the
   same for every build: it reads the hashed file names from the preload links, so the
   CSP that allows it by hash (hosting/policy.py) is the same for every build, and a
   server can send it as a header without being reconfigured per release.
2. Pins the wasm's integrity. Chromium ignores `integrity` on `<link rel=preload
   as=fetch>` (crbug.com/981419; security-notes.md 3.3), so a tampered `_bg.wasm` would
   still run. The preload link gets `data-integrity="sha384-…"` (computed here, from the
   staged wasm) instead, and the loader fetches the wasm with it, which the browser
   does check. wasm-bindgen's `init` accepts a Response promise; the preloaded response
   is reused (one download) and checked by that fetch.
3. Recomputes every `integrity` Trunk wrote (an earlier hook may have minified the
   glue), from the staged files.
4. Writes the CSP: the `__POLICY__` placeholder of the `<meta>` becomes
   `hosting.policy.meta_csp()`.
5. Checks the page works under any path prefix: no URL of its own starts with `/`.

It refuses (non-zero exit, so the build fails) when the page does not look as expected:
no loader, more than one script, a script with `src`, no placeholder, an absolute URL.
"""

from __future__ import annotations

import base64
import hashlib
import os
import re
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hosting import policy  # noqa: E402

PLACEHOLDER = "__POLICY__"
# minify-html drops the quotes around a value without spaces: match it either way.
PLACEHOLDER_ATTR = re.compile(r"""content=(["']?)__POLICY__\1""")
# Release builds minify the HTML (`type=module`), dev builds keep `type="module"`.
SCRIPT_TAG = re.compile(r"(<script\b[^>]*>)(.*?)</script>", re.S | re.I)
LINK_TAG = re.compile(r"<link\b[^>]*>", re.I)
ATTR = re.compile(r"""\s([a-z-]+)(?:=("[^"]*"|'[^']*'|[^\s"'>]+))?""", re.I)
LOCAL_URL = re.compile(r"""\s(?:href|src)=["']?(/[^"'\s>]*)""", re.I)


def fail(message: str) -> None:
    sys.exit(f"csp_hash.py: {message}")


def digest(algorithm: str, data: bytes) -> str:
    raw = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-" + base64.b64encode(raw).decode("ascii")


def attrs(tag: str) -> dict[str, str]:
    return {m.group(1).lower(): (m.group(2) or "").strip("\"'") for m in ATTR.finditer(tag)}


def staged(staging: Path, href: str) -> bytes:
    path = staging / href.removeprefix("./")
    try:
        return path.read_bytes()
    except OSError as e:
        fail(f"cannot read {href}, named by index.html: {e}")


def seal_links(html: str, staging: Path) -> str:
    """Integrity from the staged bytes on every link that has one; on the wasm preload,
    `data-integrity` instead (see 2. above)."""
    wasm_links = 0

    def reseal(m: re.Match) -> str:
        nonlocal wasm_links
        tag = m.group(0)
        a = attrs(tag)
        href = a.get("href", "")
        if a.get("rel") == "preload" and href.endswith("_bg.wasm"):
            wasm_links += 1
            tag = re.sub(r"\s(?:data-)?integrity=[\"']?[^\"'\s>]+[\"']?", "", tag)
            sri = digest("sha384", staged(staging, href))
            return tag[:-1].rstrip("/") + f' data-integrity="{sri}">'
        if "integrity" in a:
            sri = digest("sha384", staged(staging, href))
            return re.sub(r"\sintegrity=[\"']?[^\"'\s>]+[\"']?", f' integrity="{sri}"', tag)
        return tag

    html = LINK_TAG.sub(reseal, html)
    if wasm_links != 1:
        fail(f"expected one wasm preload link, found {wasm_links}")
    return html


def main() -> None:
    staging_dir = os.environ.get("TRUNK_STAGING_DIR")
    if not staging_dir:
        fail("TRUNK_STAGING_DIR is not set; run it as a Trunk post_build hook")
    staging = Path(staging_dir)
    path = staging / "index.html"
    html = path.read_text(encoding="utf-8")

    scripts = SCRIPT_TAG.findall(html)
    if len(scripts) != 1:
        fail(f"expected exactly one <script> (Trunk's loader), found {len(scripts)}")
    open_tag, trunk_loader = scripts[0]
    if "module" not in open_tag or " src" in open_tag:
        fail(f"the only <script> is not an inline module loader: {open_tag}")
    if "TrunkApplicationStarted" not in trunk_loader:
        fail("the inline script does not look like Trunk's loader")
    if html.count(PLACEHOLDER) != 1:
        fail(f"the CSP placeholder {PLACEHOLDER} must occur exactly once in index.html")
    modulepreloads = [t for t in LINK_TAG.findall(html) if attrs(t).get("rel") == "modulepreload"]
    if len(modulepreloads) != 1:
        fail(f"expected one modulepreload link (the glue), found {len(modulepreloads)}")

    html = html.replace(open_tag + trunk_loader, open_tag + policy.loader_text(), 1)
    html = seal_links(html, staging)
    # The policy holds single quotes and never a double one.
    html = PLACEHOLDER_ATTR.sub(lambda _: f'content="{policy.meta_csp()}"', html, count=1)
    if PLACEHOLDER in html:
        fail(f"the CSP placeholder {PLACEHOLDER} is not a content= attribute")
    absolute = LOCAL_URL.findall(html)
    if absolute:
        fail(f"absolute URLs break hosting under a path prefix: {absolute}")

    path.write_text(html, encoding="utf-8")
    print(f"csp_hash.py: loader {policy.loader_hash()}, wasm integrity pinned")


if __name__ == "__main__":
    main()
