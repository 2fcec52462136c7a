"""Trunk post_build hook: put the sha256 of the inline module loader into the CSP.

Trunk writes an inline <script type="module"> that imports the hashed glue and starts
the wasm. Its text changes with every build (it names hashed files), so the CSP hash
is computed here, after the build, over the exact text between the tags.
"""
import base64
import hashlib
import os
import re
import sys

staging = os.environ.get("TRUNK_STAGING_DIR")
if not staging:
    sys.exit("csp_hash.py: TRUNK_STAGING_DIR is not set; run it as a Trunk hook")
path = os.path.join(staging, "index.html")
html = open(path, encoding="utf-8").read()
loaders = re.findall(r'<script type="module"[^>]*>(.*?)</script>', html, re.S)
if len(loaders) != 1:
    sys.exit(f"csp_hash.py: expected one inline module loader, found {len(loaders)}")
digest = hashlib.sha256(loaders[0].encode("utf-8")).digest()
token = "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"
if "'__LOADER_HASH__'" not in html:
    sys.exit("csp_hash.py: the CSP placeholder '__LOADER_HASH__' is missing from index.html")
open(path, "w", encoding="utf-8").write(html.replace("'__LOADER_HASH__'", token))
