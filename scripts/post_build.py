"""Trunk's one post_build hook: finishes the staged build, step by step, in order.

Trunk runs all hooks of a stage at the same time, so the steps that depend on each
other are run from here, one after the other, each a script of its own:

1. minify_glue.py   esbuild on the wasm-bindgen glue (release builds)
2. csp_hash.py      the page's loader, integrity pins, the CSP from hosting/policy.py
3. offline.py       sw.js, precaching exactly the first-load files of the sealed page
4. compress.py      .br and .gz beside every asset (the final bytes)

Any step's failure fails the build.
"""

import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
STEPS = ["minify_glue.py", "csp_hash.py", "offline.py", "compress.py"]

for step in STEPS:
    done = subprocess.run([sys.executable, str(HERE / step)])
    if done.returncode != 0:
        sys.exit(f"post_build.py: {step} failed (exit {done.returncode})")
