"""The offline bundle: `./dev bundle` writes out/dist.zip from a build and prints its
SHA-256 (the README lists the figure for the build it describes).

A trainer unzips it and serves the folder with any static server on the laptop, e.g.
`python3 -m http.server --bind 127.0.0.1 8080 --directory 401-doctor`, and opens
http://127.0.0.1:8080/ (the service worker needs https or localhost; on another address
the page still works, just not after a reload without network).

The zip holds the build's files under `401-doctor/`, without the precompressed copies
(a plain static server would not send them) and byte-for-byte reproducible: entries
sorted, fixed timestamps and permissions, so the same build gives the same SHA-256.

    python3 scripts/bundle.py DIST OUT.zip
"""

from __future__ import annotations

import hashlib
import sys
import zipfile
from pathlib import Path

FIXED_TIME = (1980, 1, 1, 0, 0, 0)  # the earliest a zip can say
TOP = "401-doctor"


def bundle(dist: Path, out: Path) -> str:
    if not (dist / "index.html").is_file():
        sys.exit(f"bundle.py: no build in {dist}")
    files = sorted(p for p in dist.iterdir() if p.is_file() and p.suffix not in (".br", ".gz"))
    out.parent.mkdir(parents=True, exist_ok=True)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for path in files:
            info = zipfile.ZipInfo(f"{TOP}/{path.name}", FIXED_TIME)
            info.external_attr = 0o644 << 16
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, path.read_bytes(), compresslevel=9)
    return hashlib.sha256(out.read_bytes()).hexdigest()


def main() -> None:
    if len(sys.argv) != 3:
        sys.exit(__doc__.strip().splitlines()[-1])
    digest = bundle(Path(sys.argv[1]), Path(sys.argv[2]))
    print(f"{digest}  {sys.argv[2]}")


if __name__ == "__main__":
    main()
