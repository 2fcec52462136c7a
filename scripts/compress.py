"""Trunk post_build hook (last): precompressed `.br` and `.gz` beside every asset.

A server that negotiates (nginx's `brotli_static`/`gzip_static`, hosting/nginx/) sends
these instead of compressing on every request, at the best levels: brotli quality 11
(Debian's `brotli` command, which ./dev setup installs) and gzip level 9 (Python's
zlib). Both are written with fixed metadata, so the same build gives the same bytes.

    python3 scripts/compress.py           # as a hook: TRUNK_STAGING_DIR
    python3 scripts/compress.py DIR       # (re)compress a built directory (tests)
"""

from __future__ import annotations

import gzip
import os
import shutil
import subprocess
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from hosting.policy import COMPRESSED_SUFFIXES  # noqa: E402


def compress(site: Path) -> list[Path]:
    brotli = shutil.which("brotli")
    if not brotli:
        sys.exit("compress.py: no `brotli` command: run ./dev setup (Debian package brotli)")
    done = []
    for path in sorted(site.iterdir()):
        if not path.is_file() or path.suffix not in COMPRESSED_SUFFIXES:
            continue
        data = path.read_bytes()
        gz = path.with_name(path.name + ".gz")
        # mtime=0 and no file name in the header: reproducible bytes.
        with open(gz, "wb") as out, gzip.GzipFile(filename="", mode="wb", fileobj=out,
                                                    compresslevel=9, mtime=0) as z:
            z.write(data)
        subprocess.run([brotli, "--quality=11", "--force", "--no-copy-stat",
                        f"--output={path.name}.br", path.name], cwd=site, check=True)
        # brotli creates its output owner-only; a server's worker user must read it.
        path.with_name(path.name + ".br").chmod(0o644)
        done.append(path)
    return done


def main() -> None:
    site = Path(sys.argv[1] if len(sys.argv) > 1 else os.environ.get("TRUNK_STAGING_DIR", ""))
    if not (site / "index.html").is_file():
        sys.exit("compress.py: no index.html; run it as a Trunk post_build hook or pass DIR")
    done = compress(site)
    print(f"compress.py: .br and .gz beside {len(done)} files")


if __name__ == "__main__":
    main()
