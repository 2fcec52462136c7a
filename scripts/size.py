"""First-load size of the built page: `./dev size` (after a release build).

Counts what a first visit downloads: index.html, the JS glue, the wasm, the CSS (and,
listed apart, the icon), raw, gzip -9 and brotli -q 11. These are the bytes on the wire
with a server that compresses; the static server in this repo does not compress, so
the raw column is what it sends.
"""

import gzip
import sys
from pathlib import Path

try:
    import brotli  # PyPI `brotli`, installed into .venv by ./dev setup
except ImportError:  # still useful without it
    brotli = None

KINDS = {".html": "HTML", ".js": "JS", ".wasm": "WASM", ".css": "CSS"}


def sizes(data: bytes) -> tuple[int, int, int | None]:
    gz = len(gzip.compress(data, compresslevel=9, mtime=0))
    br = len(brotli.compress(data, quality=11)) if brotli else None
    return len(data), gz, br


def fmt(n: int | None) -> str:
    return "n/a" if n is None else f"{n:,}"


def main() -> int:
    dist = Path(sys.argv[1] if len(sys.argv) > 1 else "dist")
    files = sorted(p for p in dist.iterdir() if p.is_file())
    if not any(p.name == "index.html" for p in files):
        print(f"no build in {dist}: run `./dev build` first", file=sys.stderr)
        return 1
    rows, total, extra = [], [0, 0, 0], []
    for path in files:
        raw, gz, br = sizes(path.read_bytes())
        kind = KINDS.get(path.suffix)
        rows.append((kind or "other", path.name, raw, gz, br))
        if kind:
            total = [total[0] + raw, total[1] + gz, total[2] + (br or 0)]
        else:
            extra.append(path.name)
    width = max(len(r[1]) for r in rows)
    print(f"{'kind':<6} {'file':<{width}} {'raw':>10} {'gzip -9':>10} {'brotli':>10}")
    for kind, name, raw, gz, br in rows:
        print(f"{kind:<6} {name:<{width}} {fmt(raw):>10} {fmt(gz):>10} {fmt(br):>10}")
    label = "first load (HTML+JS+WASM+CSS)"
    print(f"{label:<{width + 7}} {fmt(total[0]):>10} {fmt(total[1]):>10} "
          f"{fmt(total[2] if brotli else None):>10}")
    if extra:
        print(f"not counted above: {', '.join(extra)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
