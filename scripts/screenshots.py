"""Regenerates docs/screenshots/ from a release build: `.venv/bin/python scripts/screenshots.py
[DIST] [--out DIR]` after `./dev build`.

Desktop (1280×900) and phone (390×844), light and dark, of the empty form, a token
diagnosis (scenario 18, an Azure Resource Manager token) and an `ok` verdict (scenario
48), plus the desktop token panel. Scenarios are chosen in the gallery, the scenario
note is dismissed, and the view is scrolled as a user would look: on a phone to the
verdict, on the desktop to the top (the results column scrolls on its own; for the
token panel shot it is scrolled to the panel). Viewport shots, not the whole page.
Fails if the page reports a CSP violation or a console error.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from harness import Browser, StaticServer  # noqa: E402

DEVICES = {"desktop": (1280, 900, False), "phone": (390, 844, True)}
SCENARIOS = {"token": "18-azure-arm-token.json", "ok": "48-healthy-entra-token.json"}
SHOTS = [(device, state) for device in DEVICES for state in ("empty", "token", "ok")] + [
    ("desktop", "token-panel")]

STAGE_JS = r"""
const [state, phone] = arguments;
const dismiss = document.querySelector('#scenario-banner .dismiss');
if (dismiss) dismiss.click();
window.scrollTo(0, 0);
const results = document.querySelector('.results');
if (results) results.scrollTop = 0;
if (state === 'token-panel') {
  document.getElementById('token-panel-credential').scrollIntoView({block: 'start'});
  window.scrollTo(0, 0);
} else if (phone && state !== 'empty') {
  document.getElementById('verdict').scrollIntoView({block: 'start'});
}
"""


def shoot(site: StaticServer, out: Path, device: str, scheme: str, state: str) -> Path:
    width, height, mobile = DEVICES[device]
    with Browser(width=width, height=height) as b:
        b.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
            "width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
        b.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
            "features": [{"name": "prefers-color-scheme", "value": scheme}]})
        b.load(site.url)
        b.wait_for_app()
        scenario = SCENARIOS.get(state.split("-")[0])
        if scenario:
            b.js("document.getElementById('gallery').open = true;"
                 "document.querySelector(`button[data-scenario='${arguments[0]}']`).click();",
                 scenario)
            b.wait_until(lambda br: br.js("return document.getElementById('verdict')"
                                          ".getAttribute('data-verdict')"), "the verdict")
            b.js("document.getElementById('gallery').open = false;")
        b.js(STAGE_JS, state, mobile)
        b.wait_until(lambda br: br.js("return !document.getElementById('scenario-banner')"),
                     "the scenario note to go")
        b.js(STAGE_JS, state, mobile)  # again, now that the layout no longer moves
        path = out / f"{device}-{scheme}-{state}.png"
        b.screenshot(path, full_page=False)
        problems = [*b.violations(), *b.console_errors()]
        if problems:
            raise SystemExit(f"{path.name}: the page reported {problems}")
    return path


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("dist", nargs="?", type=Path, default=REPO / "dist")
    parser.add_argument("--out", type=Path, default=REPO / "docs" / "screenshots")
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with StaticServer(args.dist) as site:
        for device, state in SHOTS:
            for scheme in ("light", "dark"):
                print(shoot(site, args.out, device, scheme, state))
    return 0


if __name__ == "__main__":
    sys.exit(main())
