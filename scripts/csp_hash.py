"""Trunk post_build hook: seal Trunk's inline loader under the page's CSP.

Trunk writes one inline <script type="module"> that imports the hashed glue and starts
the wasm. Its text names hashed files, so it changes with every build, and the CSP can
only allow it by hash. This hook runs after Trunk has written (and, in release, minified)
the staged index.html, and before Trunk moves it to dist/. It does two things:

1. Pins the wasm's integrity. Chromium ignores `integrity` on `<link rel=preload as=fetch>`
   (crbug.com/981419; security-notes.md 3.3), so a tampered `_bg.wasm` would still run.
   The loader's `module_or_path: '/app-…_bg.wasm'` becomes
   `module_or_path: fetch('/app-…_bg.wasm', {integrity: 'sha384-…'})`, which the browser
   does check. wasm-bindgen's `init` accepts a Response promise. The ignored `integrity`
   on the wasm preload link is dropped: it only earns a console warning, and the
   preloaded response is still reused (one download) and checked by the fetch.
2. Replaces the `'__LOADER_HASH__'` placeholder in the CSP with the sha256 of the exact
   text between the loader's tags, computed after step 1.

It refuses (non-zero exit, so the build fails) when the page does not look as expected:
no loader, more than one script, a script with `src`, or no placeholder.
"""

import base64
import hashlib
import os
import re
import sys

PLACEHOLDER = "'__LOADER_HASH__'"
# Release builds minify the HTML (`type=module`), dev builds keep `type="module"`.
SCRIPT_TAG = re.compile(r"<script\b([^>]*)>(.*?)</script>", re.S | re.I)
WASM_ARG = re.compile(r"module_or_path: '([^']+_bg\.wasm)'")
# Release output: <link as=fetch crossorigin href=/app-…_bg.wasm integrity=sha384-… rel=preload …>
# (attribute order and quoting as Trunk/minify-html write them, quoted or not).
WASM_PRELOAD_INTEGRITY = re.compile(
    r"""(<link\b[^>]*\bhref=["']?[^"'\s>]+_bg\.wasm["']?[^>]*?)\s+integrity=["']?sha384-[A-Za-z0-9+/=]+["']?"""
)


def fail(message: str) -> None:
    sys.exit(f"csp_hash.py: {message}")


def digest(algorithm: str, data: bytes) -> str:
    raw = hashlib.new(algorithm, data).digest()
    return f"{algorithm}-" + base64.b64encode(raw).decode("ascii")


def pin_wasm_integrity(loader: str, staging: str) -> str:
    """Rewrite the loader so the wasm is fetched with a checked `integrity`."""
    found = WASM_ARG.findall(loader)
    if len(found) != 1:
        fail(f"expected one `module_or_path: '…_bg.wasm'` in the loader, found {len(found)}")
    url = found[0]
    path = os.path.join(staging, os.path.basename(url))
    try:
        with open(path, "rb") as f:
            integrity = digest("sha384", f.read())
    except OSError as e:
        fail(f"cannot read the wasm named by the loader ({url}): {e}")
    return WASM_ARG.sub(
        f"module_or_path: fetch('{url}', {{ integrity: '{integrity}' }})", loader
    )


def main() -> None:
    staging = os.environ.get("TRUNK_STAGING_DIR")
    if not staging:
        fail("TRUNK_STAGING_DIR is not set; run it as a Trunk post_build hook")
    path = os.path.join(staging, "index.html")
    with open(path, encoding="utf-8") as f:
        html = f.read()

    scripts = SCRIPT_TAG.findall(html)
    if len(scripts) != 1:
        fail(f"expected exactly one <script> (Trunk's loader), found {len(scripts)}")
    attrs, loader = scripts[0]
    if "module" not in attrs or "src" in attrs:
        fail(f"the only <script> is not an inline module loader: <script{attrs}>")
    if html.count(PLACEHOLDER) != 1:
        fail(f"the CSP placeholder {PLACEHOLDER} must occur exactly once in index.html")

    sealed = pin_wasm_integrity(loader, staging)
    html = html.replace(loader, sealed, 1)
    html, dropped = WASM_PRELOAD_INTEGRITY.subn(r"\1", html)
    if dropped > 1:
        fail(f"expected at most one wasm preload link, found {dropped}")
    token = "'" + digest("sha256", sealed.encode("utf-8")) + "'"
    html = html.replace(PLACEHOLDER, token)

    with open(path, "w", encoding="utf-8") as f:
        f.write(html)
    print(f"csp_hash.py: loader {token}, wasm integrity pinned")


if __name__ == "__main__":
    main()
