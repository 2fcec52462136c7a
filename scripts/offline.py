"""Trunk post_build hook (after csp_hash.py): write the service worker, `sw.js`.

The worker precaches exactly the first-load files: the page (`./`, i.e. index.html) and
every file its `<link>`s name (icon, stylesheet, glue, wasm), nothing else. Each is
listed with its sha384, and the cache is named after a digest of that list, so a new
build (any changed file) means a new worker and a new cache (hosting/sw.js says how the
worker uses them). The list is read from the sealed index.html, so it is the page's
own idea of what it loads, not a directory listing.

    python3 scripts/offline.py            # as a hook: TRUNK_STAGING_DIR
    python3 scripts/offline.py DIR        # re-seal a built directory (tests)
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
TEMPLATE = REPO / "hosting" / "sw.js"
LINK_HREF = re.compile(r"<link\b[^>]*?\shref=[\"']?([^\"'\s>]+)", re.I)


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode("ascii")


def first_load_files(site: Path) -> list[tuple[str, str]]:
    """`(URL relative to the site, sha384)` for the page and every file it links."""
    html = (site / "index.html").read_bytes()
    files = [("./", sri(html))]
    for href in LINK_HREF.findall(html.decode("utf-8")):
        name = href.removeprefix("./")
        if "/" in name or ":" in name:
            sys.exit(f"offline.py: index.html links {href!r}, not a file of its own directory")
        files.append((name, sri((site / name).read_bytes())))
    return files


def worker(files: list[tuple[str, str]]) -> str:
    build = hashlib.sha256(json.dumps(files).encode()).hexdigest()[:16]
    lines = TEMPLATE.read_text(encoding="utf-8").splitlines()
    code = "\n".join(line for line in lines if not line.lstrip().startswith("//")) + "\n"
    if code.count("__BUILD__") != 1 or code.count("__FILES__") != 1:
        sys.exit("offline.py: hosting/sw.js must hold __BUILD__ and __FILES__ once each")
    return code.replace("__BUILD__", build).replace("__FILES__", json.dumps(files))


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", ""))
    if not (site / "index.html").is_file():
        sys.exit("offline.py: no index.html; run it as a Trunk post_build hook or pass DIR")
    files = first_load_files(site)
    (site / "sw.js").write_text(worker(files), encoding="utf-8")
    print(f"offline.py: sw.js precaches {len(files)} files")


if __name__ == "__main__":
    main()
