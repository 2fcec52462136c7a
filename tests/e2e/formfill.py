"""Driving the page's form the way a user does, for the end-to-end tests.

Everything here goes through the page's own inputs and events (docs/page.md): values
are set and an `input` (or, for selects, `change`) event fired, as typing would; a
value that holds a line break in a one-line `<input>` is entered as a user's paste (a
`paste` event carrying the text), because an `<input>` drops line breaks from `value`
and the page keeps them only from a paste. Nothing here reads or writes the page's
state behind its back.
"""

from __future__ import annotations

import base64
import json
from pathlib import Path
from urllib.parse import urlsplit

from harness import Browser

# Case field -> input id (docs/page.md "Inputs"). `response` is handled on its own.
CASE_FIELDS = {
    "endpoint": "endpoint",
    "credential": "credential",
    "auth_header": "auth-header",
    "deployment": "deployment",
    "api_version": "api-version",
    "token": "token",
    "organization": "organization",
    "project": "project",
    "client": "client",
    "now": "now",
    "error_text": "error-text",
}
RESPONSE_FIELDS = ["response-status", "response-failure", "response-headers", "response-body"]
ALL_INPUTS = [*CASE_FIELDS.values(), *RESPONSE_FIELDS]
# What each select holds on an empty form.
EMPTY_SELECTS = {"auth-header": "auto", "response-failure": ""}

# Enters {id: value} in order, like a user: opens #response first when a response field
# is among them; selects get `change`; one-line inputs get a paste event when the value
# has a line break (which must then be the only text in the field, as after Clear);
# everything else gets value + `input`. Returns, per id, how it was entered.
ENTER_JS = r"""
const fields = arguments[0];
const how = {};
if (fields.some(([id]) => id.startsWith('response-'))) {
  document.getElementById('response').open = true;
}
for (const [id, value] of fields) {
  const el = document.getElementById(id);
  if (!el) throw new Error('no #' + id);
  if (el.tagName === 'SELECT') {
    if (![...el.options].some(o => o.value === value)) throw new Error('#' + id + ' has no option ' + value);
    el.value = value;
    el.dispatchEvent(new Event('change', {bubbles: true}));
    how[id] = 'change';
  } else if (el.tagName === 'INPUT' && /[\r\n]/.test(value)) {
    if (el.value !== '') throw new Error('#' + id + ' is not empty before the paste');
    el.focus();
    const dt = new DataTransfer();
    dt.setData('text/plain', value);
    el.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));
    how[id] = 'paste';
  } else {
    el.focus();
    el.value = value;
    el.dispatchEvent(new InputEvent('input', {bubbles: true, inputType: 'insertText'}));
    how[id] = 'input';
  }
}
return how;
"""

# The verdict after the page has rendered: two animation frames after the last event,
# so Yew's (microtask) render and any effects have run.
VERDICT_JS = r"""
const done = arguments[arguments.length - 1];
requestAnimationFrame(() => requestAnimationFrame(() => {
  const v = document.getElementById('verdict');
  const lead = document.getElementById('lead-cause');
  done({verdict: v && v.getAttribute('data-verdict'),
        diag_ms: v && v.getAttribute('data-diag-ms'),
        cause: lead && lead.getAttribute('data-cause'),
        causes: [...document.querySelectorAll('[data-cause]')].map(e => e.getAttribute('data-cause'))});
}));
"""

VALUES_JS = r"""
const out = {};
for (const id of arguments[0]) {
  const el = document.getElementById(id);
  out[id] = el ? el.value : null;
}
return out;
"""


def response_fields(response: dict) -> list[tuple[str, str]]:
    """The response form fields for a case's `response` (status, failure, headers as
    `name: value` lines, body), only those that are set."""
    out = []
    if response.get("status") is not None:
        out.append(("response-status", str(response["status"])))
    if response.get("failure"):
        out.append(("response-failure", response["failure"]))
    headers = response.get("headers") or {}
    if headers:
        out.append(("response-headers", "\n".join(f"{k}: {v}" for k, v in headers.items())))
    if response.get("body") is not None:
        out.append(("response-body", response["body"]))
    return out


def case_fields(case: dict) -> list[tuple[str, str]]:
    """(input id, value) for every field of a case, in form order. Fails on a case
    field the form has no input for, so a new case field cannot be skipped silently."""
    unknown = set(case) - set(CASE_FIELDS) - {"response"}
    if unknown:
        raise AssertionError(f"case fields with no form input: {sorted(unknown)}")
    out = [(CASE_FIELDS[k], case[k]) for k in CASE_FIELDS if k in case and k != "error_text"]
    # Error output last but one: a `Date` in it would fill #now, which the case's own
    # `now` (typed earlier) overrides either way; the response after it.
    if "error_text" in case:
        out.append(("error-text", case["error_text"]))
    out += response_fields(case.get("response") or {})
    return out


ONE_LINE_INPUTS = {"endpoint", "credential", "deployment", "api-version", "organization",
                   "project", "client", "now", "response-status"}


def enter(b: Browser, fields: list[tuple[str, str]]) -> dict:
    """Enters the fields (see ENTER_JS); returns how each was entered."""
    return b.js(ENTER_JS, [list(f) for f in fields])


def enter_as_user(b: Browser, fields: list[tuple[str, str]]) -> dict:
    """Like `enter`, but a one-line value with spaces around it and no line break is
    pasted for real (clipboard + Ctrl+V; needs `grant_clipboard`), the way such a value
    gets into a field: the browser inserts it, spaces and all."""
    pasted = [(i, v) for i, v in fields
              if i in ONE_LINE_INPUTS and v != v.strip() and not any(c in v for c in "\r\n")]
    how = enter(b, [f for f in fields if f not in pasted])
    for i, v in pasted:
        real_paste(b, i, v)
        how[i] = "real paste"
    return how


def shown(value: str) -> str:
    """What a one-line `<input>` shows for a raw value: line breaks stripped."""
    return value.replace("\r", "").replace("\n", "")


def values(b: Browser, ids: list[str] | None = None) -> dict:
    return b.js(VALUES_JS, ids or ALL_INPUTS)


def verdict(b: Browser) -> dict:
    """{verdict, cause, causes, diag_ms} once the page rendered the last change."""
    return b.driver.execute_async_script(VERDICT_JS)


def clear(b: Browser) -> dict:
    """Presses Clear and waits until every input is empty and the verdict is gone;
    returns the values seen (for the caller's own assertion)."""
    b.element("clear").click()
    empty = {i: EMPTY_SELECTS.get(i, "") for i in ALL_INPUTS}

    def cleared(br: Browser):
        v = values(br)
        has_verdict = br.js("return document.getElementById('verdict')"
                            ".hasAttribute('data-verdict')")
        return v if v == empty and not has_verdict else None

    return b.wait_until(cleared, "an empty form after Clear", timeout=5)


# --------------------------------------------------------------------------- network


def dist_files(dist: Path) -> set[str]:
    """URL paths of the files in the build (`/` for index.html)."""
    files = {"/" + p.relative_to(dist).as_posix() for p in dist.rglob("*") if p.is_file()}
    return files | {"/"}


def foreign_requests(b: Browser, site_url: str, dist: Path) -> list[str]:
    """Every request that was not a GET of one of the page's own files from its origin."""
    origin = urlsplit(site_url)
    own = dist_files(dist)
    bad = []
    for r in b.requests():
        u = urlsplit(r.url)
        if (u.scheme, u.netloc) != (origin.scheme, origin.netloc) or u.path not in own \
                or r.method != "GET":
            bad.append(f"{r.method} {r.url}")
    return bad


# --------------------------------------------------------------------------- tokens


def b64url(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


# 256 bytes, the size of an RS256 signature (a shorter one reads as a cut-short token).
SYNTHETIC_SIGNATURE = bytes((i * 37 + 11) % 256 for i in range(256))


def make_jwt(claims: dict, signature: bytes = SYNTHETIC_SIGNATURE) -> str:
    """A JWT for tests: RS256 header, the given claims, and a signature of the right
    size that no key made (the page never verifies signatures)."""
    header = {"typ": "JWT", "alg": "RS256", "kid": "test-key"}
    return ".".join([b64url(json.dumps(header).encode()), b64url(json.dumps(claims).encode()),
                     b64url(signature)])


# --------------------------------------------------------------------------- clipboard

# Records every paste event the page receives (capture phase, before the page's own
# handler), so a test can tell a real, trusted paste from a synthetic one.
PASTE_SPY_JS = r"""
if (!window.__pastes) {
  window.__pastes = [];
  document.addEventListener('paste', (e) => {
    window.__pastes.push({target: e.target.id, trusted: e.isTrusted});
  }, true);
}
"""


def grant_clipboard(b: Browser, site_url: str) -> None:
    """Lets the page's origin read and write the clipboard without a prompt (CDP)."""
    b.driver.execute_cdp_cmd("Browser.grantPermissions", {
        "origin": site_url.rstrip("/"),
        "permissions": ["clipboardReadWrite", "clipboardSanitizedWrite"]})


def write_clipboard(b: Browser, text: str) -> None:
    res = b.driver.execute_async_script(
        "const done = arguments[1];"
        "navigator.clipboard.writeText(arguments[0]).then(() => done('ok'), e => done(String(e)));",
        text)
    assert res == "ok", f"clipboard write failed: {res}"


def read_clipboard(b: Browser) -> str:
    res = b.driver.execute_async_script(
        "const done = arguments[0];"
        "navigator.clipboard.readText().then(t => done({text: t}), e => done({error: String(e)}));")
    assert "text" in res, f"clipboard read failed: {res}"
    return res["text"]


def real_paste(b: Browser, element_id: str, text: str) -> dict:
    """Puts `text` on the clipboard and presses Ctrl+V in the element: the browser
    fires a trusted `paste` event and, unless the page takes it, inserts the text.
    Returns what the paste spy saw."""
    from selenium.webdriver.common.keys import Keys

    b.js(PASTE_SPY_JS)
    before = len(b.js("return window.__pastes"))
    write_clipboard(b, text)
    el = b.element(element_id)
    el.click()
    el.send_keys(Keys.CONTROL, "v")
    pastes = b.wait_until(lambda br: br.js("return window.__pastes")[before:],
                          f"a paste event in #{element_id}", timeout=5)
    assert pastes == [{"target": element_id, "trusted": True}], pastes
    return pastes[0]
