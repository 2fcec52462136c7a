"""Copy report (issue 4, "Must show"): #copy-report puts a Markdown report on the
clipboard that names the verdict and holds no piece of a secret longer than 4
characters, only the masked form (first 4 … last 4, length). The page itself shows
no secret outside the secret's own input.

The clipboard is really read back (CDP grants the permission; `readText()` after
the click), and it must change from a sentinel, so the test cannot pass on a stale
or empty clipboard. The error output echoes both secrets, as `curl -v` output does,
so the scrubbing of pasted text is tested too.
"""

from __future__ import annotations

from pathlib import Path

import formfill
from harness import Browser, StaticServer

KEY = "9f3ab7c2e8d14f6a0b5c9e2d7a1f4b8c"  # synthetic
TOKEN = formfill.make_jwt({
    "aud": "https://cognitiveservices.azure.com",
    "iss": "https://sts.windows.net/3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13/",
    "iat": 1795410000, "nbf": 1795410000, "exp": 1795417200,
    "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "idtyp": "user",
    "name": "Dana Example", "upn": "dana@contoso.example",
    "oid": "a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95",
    "tid": "3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13", "ver": "1.0"})
HEADER, PAYLOAD, SIGNATURE = TOKEN.split(".")
ERROR_OUTPUT = (
    "> POST /openai/deployments/chat-gpt4o/chat/completions?api-version=2024-10-21 HTTP/1.1\n"
    "> Host: contoso-aoai.openai.azure.com\n"
    f"> api-key: {KEY}\n"
    f"> Authorization: Bearer {TOKEN}\n"
    ">\n"
    "< HTTP/1.1 401 PermissionDenied\n"
    "< content-type: application/json\n"
    "< date: Mon, 23 Nov 2026 09:00:00 GMT\n"
    "<\n"
    '{"error":{"code":"401","message":"Access denied due to invalid subscription key or '
    'wrong API endpoint. Make sure to provide a valid key for an active subscription and '
    'use a correct regional API endpoint for your resource."}}\n')
SENTINEL = "clipboard before the click"

# Every text node and attribute in <body> except what the inputs hold themselves
# (their value, and the text a <textarea> may keep as its child), plus innerText.
VISIBLE_JS = r"""
const parts = [document.body.innerText];
const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_ELEMENT | NodeFilter.SHOW_TEXT);
for (let n = walk.currentNode; n; n = walk.nextNode()) {
  if (n.nodeType === Node.TEXT_NODE) {
    if (!n.parentElement.closest('textarea')) parts.push(n.data);
  } else {
    for (const a of n.attributes) {
      if (a.name === 'value' && (n.tagName === 'INPUT' || n.tagName === 'TEXTAREA')) continue;
      parts.push(a.value);
    }
  }
}
return parts.join('\n');
"""


def leaks(text: str, secret: str, n: int = 5) -> list[str]:
    """The pieces of `secret` of `n` characters (so: longer than 4) found in `text`."""
    return sorted({secret[i:i + n] for i in range(len(secret) - n + 1)
                   if secret[i:i + n] in text})


def test_copied_report_names_the_verdict_and_holds_no_secret(app: Browser, site: StaticServer,
                                                              dist: Path):
    formfill.grant_clipboard(app, site.url)
    formfill.enter(app, [("endpoint", "https://contoso-aoai.openai.azure.com/"),
                         ("deployment", "chat-gpt4o"), ("api-version", "2024-10-21"),
                         ("credential", KEY), ("auth-header", "api-key"),
                         ("token", TOKEN), ("error-text", ERROR_OUTPUT)])
    shown = formfill.verdict(app)
    assert shown["verdict"] in ("problem", "ok", "inconclusive"), shown
    # The inputs really hold the secrets (so "not in the report" means something).
    assert formfill.values(app, ["credential", "token"]) == {"credential": KEY, "token": TOKEN}

    formfill.write_clipboard(app, SENTINEL)
    app.element("copy-report").click()
    report = app.wait_until(lambda b: (t := formfill.read_clipboard(b)) != SENTINEL and t,
                            "the report on the clipboard", timeout=5)

    # Markdown, with the verdict the page shows (and its lead cause).
    assert report.startswith("# "), report[:200]
    assert f"**Verdict: {shown['verdict']}" in report, report[:400]
    if shown["cause"]:
        assert f"`{shown['cause']}`" in report, report[:600]
    # The same text the preview shows.
    app.js("document.getElementById('report-preview').open = true")
    preview = app.wait_until(lambda b: b.js(
        "const p = document.getElementById('report-markdown'); return p && p.textContent"),
        "the report preview", timeout=5)
    assert preview == report

    for name, secret in [("key", KEY), ("token", TOKEN), ("signature", SIGNATURE)]:
        assert leaks(report, secret) == [], f"the report holds pieces of the {name}"
    # Masked, the credential is still recognisable in the ticket.
    assert f"{KEY[:4]}…{KEY[-4:]} ({len(KEY)} chars)" in report, report

    # Nor does the page show them outside their own inputs. The token's header part is
    # the same in every RS256 token (and the field's placeholder starts like it), so on
    # the page the token's own parts are checked: its claims and its signature.
    visible = app.js(VISIBLE_JS)
    assert len(visible) > 1000, "the DOM walk found almost nothing"
    for name, secret in [("key", KEY), ("token payload", PAYLOAD), ("signature", SIGNATURE)]:
        assert leaks(visible, secret) == [], f"the page shows pieces of the {name}"

    assert formfill.foreign_requests(app, site.url, dist) == []
    assert app.violations() == []
    assert app.console_errors() == []
