"""What the live-probe tests (test_probe_*.py) share: the HTTPS mock of Azure/APIM/OpenAI
as a child process, the Chromium flags that send real host names to it, synthetic
canary secrets, the leak checker, and the after-journey checks (storage, URL, history,
profile on disk, console).

The leak checker is the heart of it. Given the canary's forms (raw, URL-encoded,
base64 in its three alignments, base64url, hex; UTF-16 too for the on-disk scan) it
looks at every request the browser says it sent (the CDP performance log, including the
headers on the wire) and every request the mock received (its JSONL log), and reports
each place a form appears, except the credential header of a probe request to the one
host the user entered. `test_probe_leak.py` proves it can fail.
"""

from __future__ import annotations

import base64
import json
import os
import secrets
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote, urlsplit

from harness import Browser, HarnessError, _read_line, stop_pids

HERE = Path(__file__).resolve().parent
MOCK = HERE / "azure_mock.py"

# Names the page may contact (the production CSP allowlist) plus the bystanders a leak
# or a followed redirect would reach. All go to the mock.
MAPPED = [
    "*.openai.azure.com",
    "*.cognitiveservices.azure.com",
    "*.services.ai.azure.com",
    "*.azure-api.net",
    "api.openai.com",
    "attacker.example",
    "*.example",
]

# The page's probe time limit (REQUEST_POLICY.timeout_ms in src/diag/probe.rs).
PROBE_TIMEOUT_S = 10.0

# Headers that carry the credential, by the page's send rules (diag::page::probe::send_as).
CREDENTIAL_HEADERS = {"api-key", "authorization", "ocp-apim-subscription-key"}


class AzureMock:
    """tests/e2e/azure_mock.py on 127.0.0.1 at a free port, logging to a temp file,
    stopped by PID."""

    def __init__(self, timeout: float = 20.0) -> None:
        fd, name = tempfile.mkstemp(prefix="azure-mock-", suffix=".jsonl")
        os.close(fd)
        self.log = Path(name)
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(
            [sys.executable, "-u", str(MOCK), "--port", "0", "--log", str(self.log),
             "--hang-limit", "60"],
            stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        try:
            line = _read_line(self.proc, timeout)
        except HarnessError:
            line = ""
        if not line.startswith("listening on https://127.0.0.1:"):
            self.stderr.seek(0)
            said = self.stderr.read()[-2000:]
            self.stop()
            raise HarnessError(f"azure_mock.py did not start: {line!r} {said}")
        self.port = int(line.split()[2].rsplit(":", 1)[1].rstrip("/"))

    def stop(self) -> None:
        if self.proc is not None:
            stop_pids([self.proc.pid])
            self.proc.wait(timeout=10)
            if self.proc.stdout:
                self.proc.stdout.close()
            self.stderr.close()
            self.proc = None
            self.log.unlink(missing_ok=True)

    def entries(self) -> list[dict]:
        """Every request the mock received so far, oldest first."""
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]

    def mark(self) -> int:
        """A position in the log; `since(mark)` returns what arrived after it."""
        return len(self.entries())

    def since(self, mark: int) -> list[dict]:
        return self.entries()[mark:]

    def browser_args(self) -> list[str]:
        """Chromium flags for the TEST HARNESS ONLY: real names to the mock, and its
        self-signed certificate accepted. The page and its CSP are unchanged."""
        rules = ", ".join(f"MAP {name} 127.0.0.1:{self.port}" for name in MAPPED)
        return [f"--host-resolver-rules={rules}", "--ignore-certificate-errors"]


# --------------------------------------------------------------------------- canaries


def new_key() -> str:
    """A synthetic Azure-shaped key (32 hex), unique per call."""
    return secrets.token_hex(16)


def _b64u(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def new_token(aud: str = "https://cognitiveservices.azure.com", exp_in: int = 3600) -> str:
    """A synthetic Entra-ID-shaped access token (never signed by anyone): a unique canary
    in `jti` and a random 256-byte signature, so every part of it is unique per run."""
    now = int(time.time())
    tenant = "00000000-0000-4000-8000-00000000c0de"
    header = {"typ": "JWT", "alg": "RS256", "kid": "canary"}
    claims = {
        "aud": aud, "iss": f"https://sts.windows.net/{tenant}/", "iat": now - 60,
        "nbf": now - 60, "exp": now + exp_in, "tid": tenant, "ver": "1.0",
        "oid": "00000000-0000-4000-8000-0000000000a1",
        "appid": "00000000-0000-4000-8000-0000000000a2",
        "jti": "canary" + secrets.token_hex(12),
    }
    return ".".join([_b64u(json.dumps(header).encode()), _b64u(json.dumps(claims).encode()),
                     _b64u(secrets.token_bytes(256))])


def _b64_alignments(raw: bytes, alphabet) -> list[str]:
    """The base64 of `raw` as it shows inside a longer encoded text, in each of the three
    byte alignments: the characters that depend only on `raw`'s own bytes."""
    forms = []
    for shift in range(3):
        enc = alphabet(b"\0" * shift + raw).decode().rstrip("=")
        # Drop the characters mixed with the padding bytes before and the unknown after.
        start = (shift * 4 + 2) // 3 if shift else 0
        inner = enc[start: len(enc) - 2]
        if len(inner) >= 8:
            forms.append(inner)
    return forms


def canary_forms(secret: str) -> dict[str, str]:
    """The forms a leaked secret would take: raw, URL-encoded, base64 and base64url
    (each in its three alignments), and hex. For a JWT, each of its parts too."""
    raw = secret.encode()
    forms = {"raw": secret, "url-encoded": quote(secret, safe=""), "hex": raw.hex()}
    for i, f in enumerate(_b64_alignments(raw, base64.b64encode)):
        forms[f"base64/{i}"] = f
    for i, f in enumerate(_b64_alignments(raw, base64.urlsafe_b64encode)):
        forms[f"base64url/{i}"] = f
    parts = secret.split(".")
    if len(parts) == 3:
        for name, part in zip(("header", "payload", "signature"), parts):
            # The header of a JWT is not secret and repeats across tokens.
            if name != "header":
                forms[f"jwt-{name}"] = part
    return forms


def disk_forms(secret: str) -> dict[str, bytes]:
    """The forms to look for in files: every text form in UTF-8 and UTF-16 (Chromium
    keeps some strings, e.g. Local Storage values, as UTF-16)."""
    out: dict[str, bytes] = {}
    for name, form in canary_forms(secret).items():
        out[name] = form.encode()
        out[name + "/utf-16"] = form.encode("utf-16-le")
    return out


# --------------------------------------------------------------------------- the leak checker


@dataclass(frozen=True)
class Leak:
    """One place a canary form was found where it must not be."""

    where: str  # "browser" or "mock"
    host: str
    method: str
    url: str
    form: str
    part: str  # which part of the request held it

    def __str__(self) -> str:
        return f"{self.where}: {self.method} {self.url} ({self.host}) carried {self.form} in {self.part}"


def _find(forms: dict[str, str], text: str) -> str | None:
    low = text.lower()
    for name, form in forms.items():
        if form.lower() in low:
            return name
    return None


def _allowed_value(header: str, value: str, secret: str) -> bool:
    """The one allowed appearance: the secret as the whole value of a credential header
    (after an auth scheme word)."""
    if header.lower() not in CREDENTIAL_HEADERS:
        return False
    v = value.strip()
    if v.lower().startswith("bearer "):
        v = v[7:].strip()
    return v == secret


def _check_request(where: str, host: str, method: str, url: str, headers: list[tuple[str, str]],
                   body: str, forms: dict[str, str], secret: str,
                   allowed_host: str | None) -> list[Leak]:
    leaks = []
    may_carry = allowed_host is not None and host == allowed_host and method != "OPTIONS"
    name = _find(forms, url)
    if name:
        leaks.append(Leak(where, host, method, url, name, "the URL"))
    name = _find(forms, body or "")
    if name:
        leaks.append(Leak(where, host, method, url, name, "the body"))
    for header, value in headers:
        name = _find(forms, f"{header}: {value}")
        if name and not (may_carry and _allowed_value(header, value, secret)):
            leaks.append(Leak(where, host, method, url, name, f"header {header}"))
    return leaks


@dataclass
class Hop:
    """One request as the browser recorded it. A redirect reuses its request's id, so
    one id can have several hops; the k-th `requestWillBeSentExtraInfo` of an id (the
    headers that really went on the wire) belongs to its k-th hop. A hop without one
    never went on the wire (a refused redirect's target, a request CSP blocked)."""

    request_id: str
    host: str
    method: str
    url: str
    headers: dict
    post_data: str
    wire: dict | None


def browser_hops(browser: Browser) -> list[Hop]:
    events = browser.network_events()
    hops: dict[str, list[Hop]] = {}
    for e in events:
        if e["method"] == "Network.requestWillBeSent":
            p, r = e["params"], e["params"]["request"]
            hops.setdefault(p["requestId"], []).append(Hop(
                p["requestId"], urlsplit(r["url"]).hostname or "", r["method"], r["url"],
                dict(r.get("headers", {})), r.get("postData", "") or "", None))
    seen: dict[str, int] = {}
    orphans = []
    for e in events:
        if e["method"] == "Network.requestWillBeSentExtraInfo":
            p = e["params"]
            k = seen.get(p["requestId"], 0)
            seen[p["requestId"]] = k + 1
            mine = hops.get(p["requestId"], [])
            if k < len(mine):
                mine[k].wire = dict(p.get("headers", {}))
            else:
                orphans.append(Hop(p["requestId"], "?", "?", "?", {}, "", dict(p.get("headers", {}))))
    return [h for hs in hops.values() for h in hs] + orphans


def browser_leaks(browser: Browser, secret: str, allowed_host: str | None) -> list[Leak]:
    """Canary forms in any request the browser recorded (URL, headers as the page set
    them and as they went on the wire, POST data), except the credential header of a
    non-OPTIONS request to `allowed_host`. WebSocket frames count too."""
    forms = canary_forms(secret)
    leaks: list[Leak] = []
    for h in browser_hops(browser):
        known = h.host != "?"
        for headers in (h.headers, h.wire or {}):
            leaks += _check_request("browser", h.host, h.method, h.url, list(headers.items()),
                                    h.post_data, forms, secret, allowed_host if known else None)
    for e in browser.network_events():
        if e["method"] == "Network.webSocketFrameSent":
            name = _find(forms, json.dumps(e["params"]))
            if name:
                leaks.append(Leak("browser", "?", "WS", "?", name, "a WebSocket frame"))
    # Each hop was checked twice (page's view, wire view): report each place once.
    return sorted(set(leaks), key=str)


def mock_leaks(entries: list[dict], secret: str, allowed_host: str | None) -> list[Leak]:
    """Canary forms in any request the mock received, except the credential header of a
    non-OPTIONS request to `allowed_host`. TLS failures and unparsed requests are
    searched whole."""
    forms = canary_forms(secret)
    leaks: list[Leak] = []
    for e in entries:
        if "event" in e:
            name = _find(forms, json.dumps(e))
            if name:
                leaks.append(Leak("mock", "?", e["event"], "?", name, "a raw request"))
            continue
        url = f"https://{e['host']}{e['target']}"
        body = (e.get("body") or "") + (e.get("body_base64") or "")
        leaks += _check_request("mock", e["host"], e["method"], url,
                                [tuple(h) for h in e["headers"]], body, forms, secret,
                                allowed_host)
        name = _find(forms, e.get("sni") or "")
        if name:
            leaks.append(Leak("mock", e["host"], e["method"], url, name, "the TLS server name"))
    return leaks


# --------------------------------------------------------------------------- after a journey

STORAGE_JS = r"""
const done = arguments[arguments.length - 1];
(async () => {
  const out = {local: localStorage.length, session: sessionStorage.length,
               cookie: document.cookie, href: location.href, history: history.length,
               title: document.title};
  try { out.idb = (await indexedDB.databases()).map(d => d.name); } catch (e) { out.idb = String(e); }
  try { out.caches = await caches.keys(); } catch (e) { out.caches = String(e); }
  try { out.sw = (await navigator.serviceWorker.getRegistrations()).length; } catch (e) { out.sw = String(e); }
  return out;
})().then(done, (e) => done({error: String(e)}));
"""


def storage_state(browser: Browser) -> dict:
    """Storage, cookies (also every cookie the browser holds, any site), URL, history."""
    state = browser.driver.execute_async_script(STORAGE_JS)
    state["all_cookies"] = browser.driver.execute_cdp_cmd("Network.getAllCookies", {})["cookies"]
    return state


def assert_nothing_kept(browser: Browser, url: str, history_length: int) -> None:
    s = storage_state(browser)
    assert s == {**s, "local": 0, "session": 0, "cookie": "", "idb": [], "caches": [],
                 "sw": 0, "all_cookies": [], "href": url, "history": history_length}, s


def console_hits(browser: Browser, secret: str) -> list[str]:
    forms = canary_forms(secret)
    return [m["message"] for m in browser.console() if _find(forms, m.get("message", ""))]


def profile_hits(profile: Path, secret: str) -> list[str]:
    """Files under the browser profile that hold any form of the canary (call after the
    browser quit, so everything was flushed)."""
    forms = disk_forms(secret)
    hits = []
    for path in profile.rglob("*"):
        if not path.is_file() or path.is_symlink():
            continue
        try:
            data = path.read_bytes()
        except OSError:
            continue
        for name, form in forms.items():
            if form in data:
                hits.append(f"{path.relative_to(profile)}: {name}")
    return hits


# --------------------------------------------------------------------------- driving the probe

OUTCOME_JS = r"""
const o = document.querySelector(`#probe [data-step="${arguments[0]}"] [data-probe-outcome]`);
if (!o || o.dataset.probeOutcome === 'sending') return null;
return {outcome: o.dataset.probeOutcome, status: o.dataset.probeStatus || null, text: o.innerText};
"""

VERDICT_JS = r"""
const v = document.getElementById('verdict'), c = document.getElementById('lead-cause');
return {verdict: v ? v.dataset.verdict || null : null, cause: c ? c.dataset.cause : null};
"""


class ProbePage:
    """The page under test, driven the way a user would: fields, the probe's buttons."""

    def __init__(self, browser: Browser, url: str) -> None:
        self.b = browser
        browser.load(url)
        browser.wait_for_app()
        self.url = browser.js("return location.href")
        self.history = browser.js("return history.length")

    def fill(self, *, endpoint: str, credential: str | None = None,
             auth_header: str | None = None, deployment: str | None = None) -> None:
        self.b.paste_into("endpoint", endpoint)
        if credential is not None:
            self.b.paste_into("credential", credential)
        if deployment is not None:
            self.b.paste_into("deployment", deployment)
        if auth_header is not None:
            self.b.js("const s = document.getElementById('auth-header'); s.value = arguments[0];"
                      "s.dispatchEvent(new Event('change', {bubbles: true}));", auth_header)
        self.b.js("document.getElementById('probe').open = true")

    def refusal(self) -> dict | None:
        return self.b.js("const r = document.getElementById('probe-refusal');"
                         "return r && {code: r.dataset.refusal, text: r.innerText};")

    def step_buttons(self) -> list[str]:
        return self.b.js("return [...document.querySelectorAll('#probe button[data-probe-step]')]"
                         ".map(b => b.dataset.probeStep)")

    def send(self, step: int, timeout: float = 15.0) -> dict:
        """Press the step's button (a real click) and wait, bounded, for its outcome."""
        from selenium.webdriver.common.by import By

        button = self.b.driver.find_element(By.CSS_SELECTOR,
                                            f'#probe button[data-probe-step="{step}"]')
        self.b.wait_until(lambda _b: button.is_enabled(), f"step {step}'s button to be enabled", 5)
        self.b.js("arguments[0].scrollIntoView({block: 'center'})", button)
        button.click()
        return self.b.wait_until(lambda b: b.js(OUTCOME_JS, step),
                                 f"the outcome of probe step {step}", timeout)

    def verdict(self) -> dict:
        return self.b.js(VERDICT_JS)

    def request_log(self) -> list[str]:
        return self.b.js("return [...document.querySelectorAll('#request-log li pre')]"
                         ".map(p => p.innerText)")

    def dom_text(self) -> str:
        return self.b.js("return document.documentElement.outerHTML")


def page_requests(browser: Browser, site_url: str, *, wire_only: bool = False) -> list[tuple[str, str]]:
    """(method, URL) of every request the browser recorded (with `wire_only`, only those
    that went on the wire) that was not for the page's own static server."""
    own = urlsplit(site_url).netloc
    return [(h.method, h.url) for h in browser_hops(browser)
            if urlsplit(h.url).netloc != own and (h.wire is not None or not wire_only)]


def header(entry: dict, name: str) -> str | None:
    """A header of a mock log entry, by name (case-insensitive)."""
    for k, v in entry["headers"]:
        if k.lower() == name.lower():
            return v
    return None


# --------------------------------------------------------------------------- journey assertions


def assert_only_the_probe_carried_it(page: ProbePage, entries: list[dict], secret: str,
                                     host: str | None, site_url: str,
                                     carried: bool = True) -> None:
    """Nothing reached any host but `host` (None: none at all), in the browser's record
    or the mock's; the canary (every form) is in no request but the probe's credential
    header to `host` (in none at all when not `carried`); no Referer, no Cookie."""
    assert browser_leaks(page.b, secret, host if carried else None) == []
    assert mock_leaks(entries, secret, host if carried else None) == []
    allowed = {host} if host else set()
    assert {e.get("host") for e in entries} <= allowed, entries
    elsewhere = [u for _, u in page_requests(page.b, site_url, wire_only=True)
                 if urlsplit(u).hostname not in allowed]
    assert elsewhere == []
    for e in entries:
        assert header(e, "referer") is None and header(e, "cookie") is None, e
    for h in browser_hops(page.b):
        if urlsplit(h.url).netloc == urlsplit(site_url).netloc:
            continue
        # On the wire (ExtraInfo): no Referer, no Cookie. The page's view lists an empty
        # `Referer` for "no referrer".
        wire = {k.lower(): v for k, v in (h.wire or {}).items()}
        assert "referer" not in wire and "cookie" not in wire, h
        view = {k.lower(): v for k, v in h.headers.items()}
        assert view.get("referer", "") == "" and "cookie" not in view, h


def assert_log_matches(page: ProbePage, entries: list[dict], secret: str) -> None:
    """The page's request log lists exactly the requests (other than CORS preflights,
    which the browser sends by itself) that reached the mock, credentials masked."""
    shown = page.request_log()
    arrived = [f"{e['method']} https://{e['host']}{e['target']}" for e in entries
               if e.get("method") != "OPTIONS"]
    assert [s.splitlines()[0] for s in shown] == arrived
    forms = canary_forms(secret)
    assert [s for s in shown if _find(forms, s)] == []


def assert_clean_after(page: ProbePage, secret: str) -> None:
    """After a journey: no storage of any kind, no cookie in the whole browser, URL and
    history unchanged, no canary in the console or the title; then, with the browser
    stopped, no canary in any file of its profile."""
    assert_nothing_kept(page.b, page.url, page.history)
    assert console_hits(page.b, secret) == []
    assert _find(canary_forms(secret), page.b.js("return document.title")) is None
    page.b.quit()
    assert profile_hits(page.b.profile, secret) == []
