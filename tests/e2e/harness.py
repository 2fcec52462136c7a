"""Browser test harness for the built page (dist/).

Two pieces, both context managers, both stopped by PID:

* `StaticServer(directory)` serves a directory on 127.0.0.1 at a free port with
  `scripts/static_server.py` (optionally logging every request it receives).
* `Browser()` starts Debian's headless Chromium through chromedriver with a fresh profile
  and the closed-network flags, and records, from before the first byte of any page:
  every CSP violation (a listener injected by CDP, which the page CSP cannot block),
  every console message, and every network request (the CDP performance log:
  `Network.requestWillBeSent` plus `…ExtraInfo`, which carries the headers on the wire).

Every wait is bounded and waits on a condition, never on time. `pytest` fixtures that
wrap these live in `conftest.py`; `screenshot.py` uses them outside pytest.
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
import selectors
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from typing import Callable, Iterable

# Selenium Manager must never try to download a driver or phone home: we bring our own.
os.environ.setdefault("SE_OFFLINE", "true")
os.environ.setdefault("SE_AVOID_STATS", "true")

from selenium import webdriver  # noqa: E402
from selenium.common.exceptions import TimeoutException  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webelement import WebElement  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO / "scripts"))
from nginx_server import NginxServer  # noqa: E402,F401  (re-exported for the tests)
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CHROMEDRIVER", "/usr/bin/chromedriver")

# Root needs --no-sandbox. The rest keep Chromium's own traffic (updates, sync, field
# trials, QUIC probes) off a closed network, so the request log holds only the page's.
CLOSED_NETWORK_FLAGS = [
    "--headless=new",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-dev-shm-usage",
    "--no-default-browser-check",
    "--disable-features=Translate,OptimizationHints,MediaRouter",
]

# Injected by CDP before any page script. CDP-injected scripts are not subject to the
# page's CSP, so this sees violations even when the page's own scripts are blocked.
PRELUDE = r"""
window.__v = [];
window.__errors = [];
window.__started = false;
document.addEventListener('securitypolicyviolation', (e) => {
  window.__v.push({directive: e.violatedDirective, effective: e.effectiveDirective,
                   blocked: e.blockedURI, sample: e.sample, disposition: e.disposition});
}, true);
addEventListener('TrunkApplicationStarted', () => { window.__started = true; });
addEventListener('error', (e) => { window.__errors.push(String(e.message)); });
addEventListener('unhandledrejection', (e) => { window.__errors.push(String(e.reason)); });
"""

# What the page looks like from inside, in one round trip.
STATE_JS = r"""
const body = document.body;
// The static shell (#shell, index.html) paints before the app; Yew replaces it on mount.
const rendered = !!(body && body.querySelector(':scope > :not(noscript):not(script):not(link):not(#shell)'));
return {ready: document.readyState, started: window.__started === true, rendered,
        violations: window.__v || [], errors: window.__errors || []};
"""

DEFAULT_TIMEOUT = float(os.environ.get("E2E_TIMEOUT", "20"))


class HarnessError(AssertionError):
    """A harness step did not reach its condition in time; the message says what was seen."""


# --------------------------------------------------------------------------- processes


def _children(pid: int) -> list[int]:
    """All descendants of `pid`, read from /proc (no psutil needed)."""
    parents: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        # The command name is in parentheses and may contain spaces; ppid follows it.
        ppid = int(stat[stat.rindex(")") + 2 :].split()[1])
        parents.setdefault(ppid, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in parents.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def _alive(pid: int) -> bool:
    try:
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    return stat[stat.rindex(")") + 2] != "Z"  # a zombie has already stopped


def _wait_gone(pids: Iterable[int], timeout: float) -> list[int]:
    """Wait (bounded) until every pid has exited; return those still alive."""
    pids = list(pids)
    deadline = time.monotonic() + timeout
    while True:
        alive = [p for p in pids if _alive(p)]
        if not alive or time.monotonic() >= deadline:
            return alive
        time.sleep(0.05)  # polling a condition with a deadline, not synchronising on time


def stop_pids(pids: Iterable[int], timeout: float = 5.0) -> None:
    """SIGTERM, wait for exit (bounded), then SIGKILL whatever is left. Only our own pids."""
    pids = [p for p in pids if _alive(p)]
    for sig in (signal.SIGTERM, signal.SIGKILL):
        for p in pids:
            try:
                os.kill(p, sig)
            except ProcessLookupError:
                pass
        pids = _wait_gone(pids, timeout)
        if not pids:
            return
    raise HarnessError(f"processes {pids} survived SIGKILL")


class StaticServer:
    """`scripts/static_server.py` on 127.0.0.1 at a free port, stopped by PID."""

    def __init__(self, directory: Path | str, *, log: Path | str | None = None,
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.directory = Path(directory)
        self.log = Path(log) if log else None
        self.timeout = timeout
        self.proc: subprocess.Popen | None = None
        self.url = ""

    def __enter__(self) -> "StaticServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    def start(self) -> "StaticServer":
        if not (self.directory / "index.html").is_file():
            raise HarnessError(f"{self.directory} has no index.html: build the page first")
        cmd = [sys.executable, "-u", str(REPO / "scripts" / "static_server.py"),
               "--dir", str(self.directory), "--port", "0", "--quiet"]
        if self.log:
            cmd += ["--log", str(self.log)]
        # stderr (tracebacks only, with --quiet) goes to a file so it can never fill a pipe.
        self.stderr = tempfile.TemporaryFile(mode="w+")
        self.proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=self.stderr, text=True)
        try:
            line = _read_line(self.proc, self.timeout)
        except HarnessError:
            line = ""
        match = re.match(r"listening on (http://127\.0\.0\.1:\d+/)", line)
        if not match:
            self.stderr.seek(0)
            said = self.stderr.read()[-2000:]
            self.stop()
            raise HarnessError(f"static server did not start; it said: {line!r} {said}")
        self.url = match.group(1)
        return self

    def stop(self) -> None:
        if self.proc is not None:
            stop_pids([self.proc.pid])
            self.proc.wait(timeout=self.timeout)
            if self.proc.stdout:
                self.proc.stdout.close()
            self.stderr.close()
            self.proc = None

    def requests(self) -> list[dict]:
        """What the server received (needs `log=`), one dict per request."""
        if not self.log or not self.log.exists():
            return []
        return [json.loads(line) for line in self.log.read_text().splitlines() if line]


def _read_line(proc: subprocess.Popen, timeout: float) -> str:
    """One line from proc's stdout, or fail after `timeout` seconds."""
    assert proc.stdout is not None
    with selectors.DefaultSelector() as sel:
        sel.register(proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            raise HarnessError(f"no output from {proc.args[2]} within {timeout}s")
    return proc.stdout.readline().strip()


# --------------------------------------------------------------------------- browser


@dataclass
class Request:
    """One request as the browser sent it."""

    request_id: str
    url: str
    method: str
    resource_type: str
    headers: dict = field(default_factory=dict)
    wire_headers: dict = field(default_factory=dict)  # from ExtraInfo: what really went out


class Browser:
    """Headless Chromium with a fresh profile, recording violations, console and network."""

    def __init__(self, *, width: int = 1280, height: int = 900, extra_args: Iterable[str] = (),
                 timeout: float = DEFAULT_TIMEOUT) -> None:
        self.timeout = timeout
        self.profile = Path(tempfile.mkdtemp(prefix="doctor401-profile-"))
        self.driver_log = self.profile.parent / (self.profile.name + ".chromedriver.log")
        self._perf: list[dict] = []
        self._console: list[dict] = []
        options = webdriver.ChromeOptions()
        options.binary_location = CHROMIUM
        for arg in [*CLOSED_NETWORK_FLAGS, f"--user-data-dir={self.profile}",
                    f"--window-size={width},{height}", *extra_args]:
            options.add_argument(arg)
        options.set_capability("goog:loggingPrefs", {"performance": "ALL", "browser": "ALL"})
        self.service = Service(CHROMEDRIVER, log_output=str(self.driver_log))
        try:
            self.driver = webdriver.Chrome(service=self.service, options=options)
        except Exception:
            self._stop_processes()
            shutil.rmtree(self.profile, ignore_errors=True)
            raise
        self.driver.set_page_load_timeout(timeout)
        self.driver.set_script_timeout(timeout)
        self.driver.execute_cdp_cmd("Network.enable", {})
        self.driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument",
                                    {"source": PRELUDE})
        # Chromium opens its new-tab page (chrome:// resources) at start. Leave it, then
        # forget what it logged, so the records hold only what the page under test does.
        self.driver.get("about:blank")
        self.driver.get_log("performance")
        self.driver.get_log("browser")

    def __enter__(self) -> "Browser":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    # -- lifecycle

    def _stop_processes(self) -> None:
        proc = getattr(self.service, "process", None)
        if proc is None:
            return
        pids = [proc.pid, *_children(proc.pid)]
        stop_pids(pids)
        proc.wait(timeout=self.timeout)

    def quit(self) -> None:
        """Stop Chromium and chromedriver (by PID if quit is not enough); keep the profile."""
        if getattr(self, "driver", None) is not None:
            proc = self.service.process
            family = [proc.pid, *_children(proc.pid)] if proc else []
            try:
                self.driver.quit()
            finally:
                self.driver = None
                left = _wait_gone(family, self.timeout)
                if left:
                    stop_pids(left)

    def close(self, keep_profile: bool = False) -> None:
        """Quit and, unless asked to keep it for inspection, delete the profile."""
        self.quit()
        if not keep_profile:
            shutil.rmtree(self.profile, ignore_errors=True)
            self.driver_log.unlink(missing_ok=True)

    # -- driving the page

    def load(self, url: str) -> None:
        self.driver.get(url)

    def js(self, script: str, *args):
        return self.driver.execute_script(script, *args)

    def wait_until(self, predicate: Callable[["Browser"], object], what: str,
                   timeout: float | None = None):
        """Poll `predicate(self)` until truthy; fail with `what` and the page state."""
        try:
            return WebDriverWait(self.driver, timeout or self.timeout, poll_frequency=0.05) \
                .until(lambda _d: predicate(self))
        except TimeoutException:
            raise HarnessError(f"timed out after {timeout or self.timeout}s waiting for {what}; "
                               f"page state: {self.state()}; console: {self.console()}") from None

    def state(self) -> dict:
        """readyState, whether Trunk's loader finished (`started`), whether anything was
        rendered into <body>, CSP violations and uncaught errors, as the page sees them."""
        return self.js(STATE_JS)

    def wait_for_app(self, timeout: float | None = None) -> dict:
        """Wait until the app started and rendered, or fail as soon as it cannot."""
        def settled(b: "Browser"):
            s = b.state()
            if s["violations"] or s["errors"] or (s["started"] and s["rendered"]):
                return s
            return None

        s = self.wait_until(settled, "the app to start (or fail)", timeout)
        if not (s["started"] and s["rendered"]):
            raise HarnessError(f"the app did not start: {s}; console: {self.console()}")
        return s

    def wait_for_failure(self, timeout: float | None = None) -> dict:
        """For negative controls: wait until the page finished loading and a CSP violation
        was recorded. Returns the state; callers assert the app did not start."""
        return self.wait_until(
            lambda b: (s := b.state())["ready"] == "complete" and s["violations"] and s,
            "a CSP violation after the page loaded", timeout)

    def element(self, element_id: str, timeout: float = 5.0) -> WebElement:
        """The element with this id, once it exists (after `wait_for_app` it should be
        there already, hence the short default)."""
        self.wait_until(lambda b: b.js("return !!document.getElementById(arguments[0])",
                                       element_id), f"#{element_id}", timeout)
        return self.driver.find_element(By.ID, element_id)

    def type_into(self, element_id: str, text: str) -> None:
        """Type like a user (key events). For long pastes use `paste_into`."""
        el = self.element(element_id)
        el.clear()
        el.send_keys(text)

    def paste_into(self, element_id: str, text: str) -> None:
        """Set the value and fire `input`, as a paste does; fast for megabyte strings."""
        self.element(element_id)
        self.js("const el = document.getElementById(arguments[0]); el.value = arguments[1];"
                "el.dispatchEvent(new Event('input', {bubbles: true}));", element_id, text)

    def attributes(self, element_id: str) -> dict:
        """All attributes of an element, as the DOM holds them."""
        self.element(element_id)
        return self.js("const el = document.getElementById(arguments[0]); const a = {};"
                       "for (const x of el.attributes) a[x.name] = x.value; return a;",
                       element_id)

    # -- what happened

    def violations(self) -> list[dict]:
        return self.js("return window.__v || []")

    def _drain_logs(self) -> None:
        self._perf += [json.loads(e["message"])["message"]
                       for e in self.driver.get_log("performance")]
        self._console += self.driver.get_log("browser")

    def console(self) -> list[dict]:
        """Every console message so far (level, source, message)."""
        self._drain_logs()
        return list(self._console)

    def console_errors(self) -> list[dict]:
        return [m for m in self.console() if m.get("level") == "SEVERE"]

    def network_events(self) -> list[dict]:
        """Raw CDP Network.* events so far."""
        self._drain_logs()
        return [e for e in self._perf if e.get("method", "").startswith("Network.")]

    def requests(self) -> list[Request]:
        """Every request the browser sent, with the headers that went on the wire."""
        sent: list[Request] = []
        extra: dict[str, dict] = {}
        for e in self.network_events():
            p = e.get("params", {})
            if e["method"] == "Network.requestWillBeSent":
                r = p["request"]
                sent.append(Request(p["requestId"], r["url"], r["method"], p.get("type", ""),
                                    dict(r.get("headers", {}))))
            elif e["method"] == "Network.requestWillBeSentExtraInfo":
                extra.setdefault(p["requestId"], {}).update(p.get("headers", {}))
        for req in sent:
            req.wire_headers = extra.get(req.request_id, {})
        return sent

    # -- looking at it

    def screenshot(self, path: Path | str, *, width: int | None = None,
                   color_scheme: str | None = None, full_page: bool = True) -> None:
        """A PNG of the page at `width` CSS pixels (narrow widths emulate a phone);
        `color_scheme` "light" or "dark" sets prefers-color-scheme; `full_page` captures
        the whole scroll height, not just the viewport."""
        if color_scheme:
            self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {
                "features": [{"name": "prefers-color-scheme", "value": color_scheme}]})
        if width:
            self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {
                "width": width, "height": 900, "deviceScaleFactor": 1, "mobile": width < 600})
        # Let layout settle on the new metrics before measuring: two animation frames.
        self.driver.execute_async_script(
            "const done = arguments[0];"
            "requestAnimationFrame(() => requestAnimationFrame(() => done(true)));")
        params: dict = {"format": "png"}
        if full_page:
            size = self.driver.execute_cdp_cmd("Page.getLayoutMetrics", {})["cssContentSize"]
            params["captureBeyondViewport"] = True
            params["clip"] = {"x": 0, "y": 0, "width": size["width"],
                              "height": size["height"], "scale": 1}
        shot = self.driver.execute_cdp_cmd("Page.captureScreenshot", params)
        Path(path).write_bytes(base64.b64decode(shot["data"]))


# --------------------------------------------------------------------------- static page facts


class _PageParser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.elements: list[tuple[str, dict]] = []  # start tags in document order
        self.scripts: list[tuple[dict, str]] = []  # (attrs, inline text)
        self._in_script: dict | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = {k: (v if v is not None else "") for k, v in attrs}
        self.elements.append((tag, a))
        if tag == "script":
            self._in_script, self._text = a, []

    def handle_data(self, data):
        if self._in_script is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._in_script is not None:
            self.scripts.append((self._in_script, "".join(self._text)))
            self._in_script = None


@dataclass
class PageFacts:
    """What a built index.html says, parsed without a browser."""

    html: str
    elements: list[tuple[str, dict]]
    scripts: list[tuple[dict, str]]
    csp_text: str
    csp: dict[str, list[str]]

    @property
    def loader(self) -> str:
        """The text of the one inline module script (Trunk's loader)."""
        inline = [text for attrs, text in self.scripts if "src" not in attrs]
        if len(inline) != 1:
            raise HarnessError(f"expected one inline script, found {len(inline)}")
        return inline[0]


def parse_csp(text: str) -> dict[str, list[str]]:
    """`a x y; b z` -> {"a": ["x", "y"], "b": ["z"]}; duplicate directives are an error."""
    policy: dict[str, list[str]] = {}
    for part in text.split(";"):
        tokens = part.split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if name in policy:
            raise HarnessError(f"CSP directive {name!r} appears twice")
        policy[name] = tokens[1:]
    return policy


def read_page(index_html: Path | str) -> PageFacts:
    html = Path(index_html).read_text(encoding="utf-8")
    parser = _PageParser()
    parser.feed(html)
    metas = [a for tag, a in parser.elements
             if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy"]
    if len(metas) != 1:
        raise HarnessError(f"expected one CSP <meta>, found {len(metas)}")
    text = metas[0].get("content", "")
    return PageFacts(html, parser.elements, parser.scripts, text, parse_csp(text))


def sri(algorithm: str, data: bytes) -> str:
    """The CSP/SRI form of a digest: `sha256-<base64>`."""
    return f"{algorithm}-" + base64.b64encode(hashlib.new(algorithm, data).digest()).decode()


def copy_dist(dist: Path, target: Path, mutate_html: Callable[[str], str] | None = None) -> Path:
    """A copy of dist/ in `target`, with index.html passed through `mutate_html`.

    Raises if the mutation changed nothing, so a negative control can never pass because
    its mutation silently stopped matching the build."""
    shutil.copytree(dist, target)
    if mutate_html is not None:
        index = target / "index.html"
        before = index.read_text(encoding="utf-8")
        after = mutate_html(before)
        if after == before:
            raise HarnessError("the mutation did not change index.html")
        index.write_text(after, encoding="utf-8")
    return target
