"""A megabyte of pasted output (issue 4: "no input lag a user could notice"): above
100 kB of form text the page diagnoses once typing pauses (150 ms) instead of at every
keystroke, so it must still reach the right verdict for the large text, and follow a
later change of it. Waits are on the verdict, bounded; no sleeps.
"""

from __future__ import annotations

from pathlib import Path

import formfill
from harness import Browser, StaticServer

A1 = ('{"error":{"code":"401","message":"Access denied due to invalid subscription key or '
      'wrong API endpoint. Make sure to provide a valid key for an active subscription and '
      'use a correct regional API endpoint for your resource."}}')
NOISE = "2026-11-23T08:59:58Z INFO httpx: HTTP Request: POST https://contoso-aoai.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21 \"HTTP/1.1 200 OK\"\n"

LEAD_JS = """
const c = document.getElementById('lead-cause');
const v = document.getElementById('verdict');
return [v && v.getAttribute('data-verdict'), c && c.getAttribute('data-cause')];
"""


def test_a_megabyte_of_output_is_diagnosed_once_typing_pauses(app: Browser, site: StaticServer, dist: Path):
    formfill.enter(app, [("endpoint", "https://contoso-aoai.openai.azure.com/"),
                         ("credential", "9d2f6a1c04b84e7f93a5c1d2e8f7b6a0"),
                         ("auth-header", "api-key")])
    app.wait_until(lambda b: b.js(LEAD_JS)[0] is not None, "a verdict for the small form", timeout=5)

    big = NOISE * ((1 << 20) // len(NOISE)) + "openai.AuthenticationError: Error code: 401 - " + A1 + "\n"
    assert len(big) > 1_000_000
    formfill.enter(app, [("error-text", big)])
    got = app.wait_until(lambda b: (r := b.js(LEAD_JS)) == ["problem", "key-invalid"] and r,
                         "key-invalid for the 1 MB paste", timeout=15)
    assert got == ["problem", "key-invalid"]
    assert float(app.js("return document.getElementById('verdict').getAttribute('data-diag-ms')")) > 0

    # A later edit of the large text is followed too: the 401 becomes a 200.
    formfill.enter(app, [("error-text", NOISE * ((1 << 20) // len(NOISE)))])
    app.wait_until(lambda b: b.js(LEAD_JS)[1] != "key-invalid" and b.js(LEAD_JS)[0] is not None,
                   "the verdict to follow the edited 1 MB paste", timeout=15)

    assert app.violations() == []
    assert app.console_errors() == []
    assert formfill.foreign_requests(app, site.url, dist) == []
