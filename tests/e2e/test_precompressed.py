"""Issue 15: every asset of dist/ has a precompressed `.br` and `.gz` beside it, each
decoding to exactly that asset, so a negotiating server (nginx's brotli_static and
gzip_static) can send them instead of compressing per request."""

from __future__ import annotations

import gzip
from pathlib import Path

import brotli  # PyPI brotli, pinned in requirements.txt

ASSETS = (".html", ".js", ".wasm", ".css", ".svg")


def test_every_asset_has_a_br_and_a_gz_that_decode_to_it(dist: Path):
    assets = sorted(p for p in dist.iterdir() if p.suffix in ASSETS)
    assert {p.suffix for p in assets} >= {".html", ".js", ".wasm", ".css"}, assets
    for asset in assets:
        data = asset.read_bytes()
        br, gz = asset.with_name(asset.name + ".br"), asset.with_name(asset.name + ".gz")
        assert brotli.decompress(br.read_bytes()) == data, br.name
        assert gzip.decompress(gz.read_bytes()) == data, gz.name
        # Worth sending: smaller than the file (the icon is tiny but still smaller).
        assert len(br.read_bytes()) < len(data) and len(gz.read_bytes()) < len(data), asset.name
        # A server's worker user (www-data) must be able to read them.
        assert br.stat().st_mode & 0o044 == 0o044 and gz.stat().st_mode & 0o044 == 0o044


def test_no_compressed_file_without_its_asset(dist: Path):
    orphans = [p.name for p in dist.iterdir() if p.suffix in (".br", ".gz")
               and not p.with_name(p.name[: -len(p.suffix)]).is_file()]
    assert orphans == []
