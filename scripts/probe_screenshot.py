"""Screenshots of the live probe after a step-2 probe that the test server answers 401
(invalid key): `.venv/bin/python scripts/probe_screenshot.py` after `./dev build`.
Writes docs/screenshots/desktop-{light,dark}-probe.png (whole page).

Uses the probe tests' harness: tests/e2e/azure_mock.py on loopback, reached through
Chromium's --host-resolver-rules with its self-signed certificate accepted (test
harness only; the page and its CSP are the production build). The key is a fresh
synthetic canary.
"""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO / "tests" / "e2e"))

from harness import Browser, StaticServer  # noqa: E402
from probe_harness import AzureMock, ProbePage, new_key  # noqa: E402


def main() -> int:
    mock = AzureMock()
    try:
        for scheme in ("light", "dark"):
            with StaticServer(REPO / "dist") as site, \
                    Browser(width=1280, height=1000, extra_args=mock.browser_args()) as b:
                page = ProbePage(b, site.url)
                page.fill(endpoint="https://invalid-key.openai.azure.com/",
                          credential=new_key(), auth_header="api-key")
                outcome = page.send(2)
                verdict = page.verdict()
                out = REPO / "docs" / "screenshots" / f"desktop-{scheme}-probe.png"
                b.screenshot(out, width=1280, color_scheme=scheme)
                print(f"{out.name}: {outcome['outcome']} {outcome['status']}, {verdict}, "
                      f"CSP violations: {len(b.violations())}")
    finally:
        mock.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
