"""Trunk post_build hook (first): minify the wasm-bindgen glue (`app-….js`) in place.

Trunk's own minifier cannot parse the glue (it fails on `export default`), so release
builds ship it as written: 43 KB raw. esbuild (npm, pinned by ./dev setup into .tools/)
keeps it an ES module with the same exports and saves about 1.5 KB brotli. The file
keeps its name (its hash is Trunk's, of the unminified text, which fixes the minified
text too); scripts/csp_hash.py recomputes its integrity afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def main() -> None:
    staging = Path(os.environ.get("TRUNK_STAGING_DIR", ""))
    glue = [p for p in staging.glob("*.js") if p.name != "sw.js"]
    if len(glue) != 1:
        sys.exit(f"minify_glue.py: expected one glue .js in {staging}, found {len(glue)}")
    if os.environ.get("TRUNK_PROFILE") != "release":
        return  # dev builds stay readable
    esbuild = shutil.which("esbuild", path=str(REPO / ".tools" / "node_modules" / ".bin")) \
        or shutil.which("esbuild")
    if not esbuild:
        sys.exit("minify_glue.py: no esbuild: run ./dev setup (npm esbuild into .tools/)")
    (path,) = glue
    before = path.stat().st_size
    subprocess.run([esbuild, path.name, "--minify", "--format=esm", "--log-level=warning",
                    "--allow-overwrite", f"--outfile={path.name}"], cwd=staging, check=True)
    print(f"minify_glue.py: {path.name} {before:,} -> {path.stat().st_size:,} bytes")


if __name__ == "__main__":
    main()
