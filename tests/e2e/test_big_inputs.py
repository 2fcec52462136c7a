"""Any input of any size leaves the page responsive (issue 14): a 1 MB token with 50,000
claims in `#token`, and a 5 MB paste in `#error-text`.

For the token, Chromium's own long-animation-frame entries (the Long Animation Frames
API, a PerformanceObserver installed before anything is pasted) must show no frame over
1 s while the token panel ticks, and the page must still answer input. For the 5 MB
paste the page's own work (the diagnosis, `data-diag-ms`) must stay under 1 s and the
page must answer afterwards; the frame that puts 5 MB into a `<textarea>` is Chromium's
(a bare textarea given the same text took a 2.7 s frame on the 2-core machine), so it is
not held to 1 s here. Waits are bounded waits on conditions; no sleeps.
"""

from __future__ import annotations

import base64
import json
import time
from pathlib import Path

import formfill
from harness import Browser, StaticServer

OBSERVE_JS = """
window.__frames = [];
new PerformanceObserver(list => {
  for (const e of list.getEntries()) window.__frames.push(e.duration);
}).observe({type: 'long-animation-frame', buffered: false});
return PerformanceObserver.supportedEntryTypes.includes('long-animation-frame');
"""

# A frame of the page after a script round trip: the main thread is free.
ANSWERS_JS = """
const done = arguments[arguments.length - 1];
const t0 = performance.now();
requestAnimationFrame(() => done(performance.now() - t0));
"""


def b64(obj) -> str:
    return base64.urlsafe_b64encode(json.dumps(obj).encode()).decode().rstrip("=")


def big_token(claims: int) -> str:
    now = int(time.time())
    payload = {"aud": "https://cognitiveservices.azure.com",
               "iss": "https://sts.windows.net/3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13/",
               "iat": now - 60, "nbf": now - 60, "exp": now + 3000,
               "tid": "3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13",
               "oid": "a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95"}
    payload.update({f"claim{i}": f"value{i}" for i in range(claims)})
    return b64({"alg": "RS256", "typ": "JWT"}) + "." + b64(payload) + ".c2lnbmF0dXJl"


def assert_no_long_frame(app: Browser, what: str) -> None:
    frames = app.js("return window.__frames.slice()")
    assert all(d <= 1000 for d in frames), f"{what}: frames over 1 s: {sorted(frames)[-3:]}"


def assert_answers(app: Browser, what: str) -> None:
    # The page paints a frame right after a script round trip: its main thread is free.
    assert app.driver.execute_async_script(ANSWERS_JS) < 1000, what


def test_a_megabyte_token_and_five_megabytes_of_output(app: Browser, site: StaticServer, dist: Path):
    assert app.js(OBSERVE_JS), "Chromium reports long animation frames"
    formfill.enter(app, [("endpoint", "https://contoso-aoai.openai.azure.com/")])

    token = big_token(50_000)
    assert len(token) > 1_000_000
    app.paste_into("token", token)
    app.wait_until(lambda b: b.js("return !!document.getElementById('token-claims')"),
                   "the token panel for the 1 MB token", timeout=30)
    rows = app.js("return document.querySelectorAll('#token-claims tbody tr').length")
    assert 0 < rows <= 40, rows
    more = app.js("const m = document.getElementById('token-claims-more');"
                  "return m ? m.textContent : ''")
    assert "more not shown" in more, more
    # Let the per-second clock tick a few times with the token shown.
    first = app.js("return document.getElementById('token-panel-token').textContent")
    app.wait_until(lambda b: b.js("return document.getElementById('token-panel-token')"
                                  ".textContent") != first, "the token panel to tick", timeout=10)
    assert_no_long_frame(app, "1 MB token")
    assert_answers(app, "1 MB token")

    # Typing elsewhere is still followed.
    formfill.enter(app, [("deployment", "contoso-chat")])
    app.wait_until(lambda b: formfill.values(b, ["deployment"]) == {"deployment": "contoso-chat"},
                   "the deployment to be typed", timeout=10)

    noise = "2026-11-23T08:59:58Z INFO request id 5f0c; nothing to see here\n"
    big = noise * ((5 << 20) // len(noise))
    assert len(big) > 5_000_000
    diag_ms_js = "return document.getElementById('verdict').getAttribute('data-diag-ms')"
    before = app.js(diag_ms_js)
    app.paste_into("error-text", big)
    # A new diagnosis (the page diagnoses a large form once typing pauses).
    after = app.wait_until(lambda b: (m := b.js(diag_ms_js)) != before and m,
                           "the diagnosis of the 5 MB paste", timeout=60)
    diag_ms = float(after)
    assert diag_ms < 1000, f"the diagnosis of 5 MB took {diag_ms} ms"
    assert_answers(app, "5 MB paste")

    assert app.violations() == []
    assert app.console_errors() == []
    assert formfill.foreign_requests(app, site.url, dist) == []
