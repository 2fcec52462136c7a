"""Take a screenshot of the page: `./dev screenshot OUT.png [WIDTH] [light|dark] [URL]`.

Without URL it serves dist/ itself on a free loopback port. With URL (say, the page
`./dev serve` put on http://127.0.0.1:8080/) it shoots that. It waits for the app to
start and fails, printing what the page reported, if it does not.
"""

from __future__ import annotations

import argparse
import sys
from contextlib import nullcontext
from pathlib import Path

from harness import REPO, Browser, StaticServer


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path)
    parser.add_argument("width", type=int, nargs="?", default=1280)
    parser.add_argument("scheme", choices=["light", "dark"], nargs="?", default="light")
    parser.add_argument("url", nargs="?")
    parser.add_argument("--dist", type=Path, default=REPO / "dist")
    args = parser.parse_args()

    server = nullcontext() if args.url else StaticServer(args.dist)
    with server as site, Browser(width=max(args.width, 320)) as browser:
        url = args.url or site.url
        browser.load(url)
        browser.wait_for_app()
        browser.screenshot(args.out, width=args.width, color_scheme=args.scheme)
        violations = browser.violations()
        errors = [m["message"] for m in browser.console_errors()]
    print(f"{args.out}: {url} at {args.width}px, {args.scheme}; "
          f"CSP violations: {len(violations)}, console errors: {len(errors)}")
    for line in [*map(str, violations), *errors]:
        print(f"  {line}")
    return 1 if violations or errors else 0


if __name__ == "__main__":
    sys.exit(main())
