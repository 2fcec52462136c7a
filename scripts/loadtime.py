"""Load time as users feel it (issue 15): `.venv/bin/python scripts/loadtime.py [--loads N]`
after `./dev build` and `./dev setup --test`. Run by hand; not a test (the figures
depend on the machine and what else it is doing).

Both pages are served by Debian's nginx with the checked-in configuration (brotli, the
hosting headers; scripts/nginx_server.py) and loaded in headless Chromium with
Lighthouse's "slow 4G" profile through CDP: 150 ms round trip (`latency`), 1.6 Mbit/s
down, 750 kbit/s up, and the CPU slowed 4x (`Emulation.setCPUThrottlingRate`). Each load
is a first visit: a fresh browser profile, empty HTTP cache, no service worker.

Measured in the page (`performance.now()`, zero = start of the navigation), by a script
injected before the page's own (CDP), for N loads each (default 5):

* `FCP`: first contentful paint (PerformanceObserver "paint"),
* `input`: the form accepts input: `#endpoint` is in the DOM and enabled (the app's,
  not the static shell's, which has no id). The script then types a URL into it
  (value + `input` event, as the tests do),
* `verdict`: `#verdict` carries `data-verdict` for that input: a first diagnosis ran
  and was rendered.

The same three for a Yew hello-world (scripts/hello-yew/: one input, one line that
answers it), built here with the page's release profile, wasm-opt settings and
post-build steps (so the same headers allow it), served and loaded the same way in the
same run: the floor of a Yew page on this profile.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))
sys.path.insert(0, str(REPO / "scripts"))

from harness import Browser  # noqa: E402
from nginx_server import NginxServer  # noqa: E402

HELLO = REPO / "scripts" / "hello-yew"

PROBE = r"""
window.__t = {};
new PerformanceObserver((list) => {
  for (const e of list.getEntries())
    if (e.name === 'first-contentful-paint') window.__t.fcp = e.startTime;
}).observe({type: 'paint', buffered: true});
new MutationObserver((_, obs) => {
  const t = window.__t;
  const ep = document.getElementById('endpoint');
  if (ep && !ep.disabled && t.input === undefined) {
    t.input = performance.now();
    ep.value = 'https://contoso.openai.azure.com/';
    ep.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
  }
  const v = document.getElementById('verdict');
  if (t.input !== undefined && v && v.hasAttribute('data-verdict') && t.verdict === undefined) {
    t.verdict = performance.now();
    obs.disconnect();
  }
}).observe(document, {subtree: true, childList: true, attributes: true,
                      attributeFilter: ['data-verdict']});
"""

SLOW_4G = {"offline": False, "latency": 150,
           "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}


def build_hello() -> Path:
    """trunk build --release of the hello-world; its Trunk.toml runs the page's own
    post-build steps (minified glue, the page's loader and CSP, sw.js, .br/.gz)."""
    env = {**os.environ, "CARGO_TARGET_DIR": str(HELLO / "target")}
    subprocess.run(["trunk", "build", "--release"], cwd=HELLO, env=env, check=True,
                   stdout=subprocess.DEVNULL)
    return HELLO / "dist"


def first_load_bytes(dist: Path) -> int:
    """Brotli bytes of HTML + JS + WASM + CSS, as nginx sends them."""
    return sum(p.stat().st_size for p in dist.glob("*.br")
               if Path(p.stem).suffix in (".html", ".js", ".wasm", ".css")
               and p.name != "sw.js.br")


def measure(url: str) -> dict:
    with Browser(timeout=120) as b:
        b.driver.execute_cdp_cmd("Network.setCacheDisabled", {"cacheDisabled": True})
        b.driver.execute_cdp_cmd("Network.emulateNetworkConditions", SLOW_4G)
        b.driver.execute_cdp_cmd("Emulation.setCPUThrottlingRate", {"rate": 4})
        b.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": PROBE})
        b.load(url)
        return b.wait_until(
            lambda br: (t := br.js("return window.__t")) and "verdict" in t and "fcp" in t and t,
            "FCP, the form and a first verdict", timeout=120)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loads", type=int, default=5)
    parser.add_argument("--dist", default=str(REPO / "dist"))
    args = parser.parse_args()
    if not shutil.which("trunk"):
        sys.exit("loadtime.py: trunk not on PATH; run it as `./dev setup --test` leaves it")
    hello = build_hello()
    rows = {}
    for name, dist in (("401 Doctor", Path(args.dist)), ("Yew hello-world", hello)):
        with NginxServer(dist) as server:
            runs = [measure(server.url) for _ in range(args.loads)]
        rows[name] = {k: [r[k] for r in runs] for k in ("fcp", "input", "verdict")}
        rows[name]["bytes"] = first_load_bytes(dist)
    print(f"slow 4G (150 ms RTT, 1.6 Mbit/s down), 4x CPU slowdown, nginx + brotli, "
          f"{args.loads} first visits each; median (max), ms")
    print(f"{'page':<16} {'first load br':>14} {'FCP':>14} {'input':>14} {'verdict':>14}")
    for name, r in rows.items():
        cells = [f"{statistics.median(r[k]):,.0f} ({max(r[k]):,.0f})"
                 for k in ("fcp", "input", "verdict")]
        print(f"{name:<16} {r['bytes']:>14,} " + " ".join(f"{c:>14}" for c in cells))
    ours, floor = rows["401 Doctor"], rows["Yew hello-world"]
    ratios = [statistics.median(ours[k]) / statistics.median(floor[k])
              for k in ("fcp", "input", "verdict")]
    print(f"{'ratio':<16} {'':>14} " + " ".join(f"{r:>13.2f}x" for r in ratios))


if __name__ == "__main__":
    main()
