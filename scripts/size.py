"""First-load size of the built page, against the budget: `./dev size` (after a build).

    python3 scripts/size.py [DIST] [--budget BYTES]

Counts what a first visit downloads before the page works: index.html and the files it
links that are HTML, JS, WASM or CSS (the glue, the wasm, the stylesheet), as they go on
the wire from a server that negotiates: the `.br` and `.gz` files the build wrote beside
them (scripts/compress.py: brotli quality 11, gzip level 9), plus the raw size. The
icon and the service worker (fetched after the page has started) are listed apart.

Issue 15's budget: the brotli first load must not exceed 290 KB (290,000 bytes).
Above it, this prints the table and `OVER BUDGET`, and exits 1: `./dev test` fails.
"""

from __future__ import annotations

import argparse
import re
import sys
from pathlib import Path

BUDGET = 290_000  # bytes of brotli, first load (issue 15); the aim is 240,000
COUNTED = {".html": "HTML", ".js": "JS", ".wasm": "WASM", ".css": "CSS"}
LINK_HREF = re.compile(r"<link\b[^>]*?\shref=[\"']?([^\"'\s>]+)", re.I)


def on_wire(path: Path) -> tuple[int, int, int]:
    """Raw, gzip and brotli bytes: the precompressed files the server sends."""
    sizes = [path.stat().st_size]
    for suffix in (".gz", ".br"):
        variant = path.with_name(path.name + suffix)
        if not variant.is_file():
            sys.exit(f"size.py: {variant.name} is missing: the build's compress step "
                     "(scripts/compress.py) did not run")
        sizes.append(variant.stat().st_size)
    return sizes[0], sizes[1], sizes[2]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", nargs="?", default="dist")
    parser.add_argument("--budget", type=int, default=BUDGET,
                        help=f"brotli bytes allowed for the first load (default {BUDGET:,})")
    args = parser.parse_args()
    dist = Path(args.dist)
    index = dist / "index.html"
    if not index.is_file():
        print(f"no build in {dist}: run `./dev build` first", file=sys.stderr)
        return 1

    linked = [h.removeprefix("./") for h in LINK_HREF.findall(index.read_text("utf-8"))]
    counted = ["index.html"] + [n for n in linked if Path(n).suffix in COUNTED]
    apart = [n for n in linked if Path(n).suffix not in COUNTED]
    apart += ["sw.js"] if (dist / "sw.js").is_file() else []

    rows = [(COUNTED[Path(n).suffix], n, *on_wire(dist / n)) for n in counted]
    extra = [("apart", n, *on_wire(dist / n)) for n in apart]
    total = [sum(r[i] for r in rows) for i in (2, 3, 4)]
    width = max(len(r[1]) for r in rows + extra)
    print(f"{'kind':<6} {'file':<{width}} {'raw':>10} {'gzip -9':>10} {'brotli':>10}")
    for kind, name, raw, gz, br in rows:
        print(f"{kind:<6} {name:<{width}} {raw:>10,} {gz:>10,} {br:>10,}")
    label = "first load (HTML+JS+WASM+CSS)"
    print(f"{label:<{width + 7}} {total[0]:>10,} {total[1]:>10,} {total[2]:>10,}")
    for kind, name, raw, gz, br in extra:
        print(f"{'(' + kind + ')':<6} {name:<{width}} {raw:>10,} {gz:>10,} {br:>10,}")
    print("(apart): not counted: the icon (as issue 4 counts) and the service worker,"
          " fetched once the page has started")
    if total[2] > args.budget:
        print(f"OVER BUDGET: the brotli first load is {total[2]:,} bytes, "
              f"{total[2] - args.budget:,} over the budget of {args.budget:,}")
        return 1
    print(f"within budget: {total[2]:,} of {args.budget:,} bytes brotli "
          f"({args.budget - total[2]:,} to spare)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
