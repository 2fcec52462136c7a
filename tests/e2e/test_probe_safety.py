"""Issue 5: where the probe must not go. Refused endpoints never produce a request;
redirects are refused and their target receives nothing; a hanging server ends in the
timeout outcome within the page's limit; after the first probe the page can reach only
that one host (the host lock). Each journey ends with the same trace checks as
test_probe_outcomes.py.
"""

from __future__ import annotations

import time

import pytest

from probe_harness import (
    PROBE_TIMEOUT_S,
    ProbePage,
    assert_clean_after,
    assert_log_matches,
    assert_only_the_probe_carried_it,
    browser_hops,
    new_key,
    page_requests,
)

REFUSED = {
    "https://evil.example/": "NotAllowed",
    "https://attacker.example/openai/models": "NotAllowed",
    "https://contoso.openai.azure.com.evil.example/": "NotAllowed",
    "https://evilopenai.azure.com/": "NotAllowed",
    "http://contoso.openai.azure.com/": "PlainHttp",
    "https://user@contoso.openai.azure.com/": "Userinfo",
    "https://user:pass@contoso.openai.azure.com/": "Userinfo",
    "https://contoso.openai.azure.com:8443/": "Port",
    "https://127.0.0.1/": "IpLiteral",
    "https://[::1]/": "IpLiteral",
    "https://a.b.openai.azure.com/": "NotAResourceName",
    "contoso.openai.azure.com": "NotAUrl",
}


def test_refused_endpoints_send_nothing(probe_browser, site, azure_mock):
    """Each endpoint is refused with its reason before any request exists: no step to
    press, nothing in the browser's record beyond the page's own files, nothing at the
    mock. The credential is present, so only the endpoint stands in the way."""
    secret = new_key()
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint="https://placeholder.openai.azure.com/", credential=secret)
    for endpoint, code in REFUSED.items():
        page.b.paste_into("endpoint", endpoint)
        refusal = page.refusal()
        assert refusal is not None and refusal["code"] == code, (endpoint, refusal)
        assert refusal["text"].endswith("."), refusal
        assert page.step_buttons() == [], endpoint
    assert page_requests(page.b, site.url) == []
    assert azure_mock.since(mark) == []
    assert page.request_log() == []
    assert page.b.violations() == []
    assert_clean_after(page, secret)


@pytest.mark.parametrize("scenario,second_host", [
    ("redirect", "second.openai.azure.com"),
    ("redirect-out", "attacker.example"),
])
def test_redirect_is_refused_and_its_target_gets_nothing(probe_browser, site, azure_mock,
                                                         scenario, second_host):
    secret = new_key()
    host = f"{scenario}.openai.azure.com"
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint=f"https://{host}/", credential=secret)
    out = page.send(2)
    entries = azure_mock.since(mark)

    assert out["outcome"] == "redirect-refused", out
    assert "never follows redirects" in out["text"]
    assert page.verdict()["cause"] is None
    assert page.b.js("return document.getElementById('response-failure').value") == "redirect"
    # The mock did redirect (its answer to the GET is the 302) ...
    assert [(e["method"], e["host"], e["status"]) for e in entries] == \
        [("OPTIONS", host, 200), ("GET", host, 302)]
    # ... and nothing reached the redirect's target, in the mock's log or on the wire
    # (the browser records the redirect's target as a hop that was aborted unsent).
    assert all(e["host"] != second_host for e in azure_mock.entries()[mark:])
    assert [u for _, u in page_requests(page.b, site.url, wire_only=True) if second_host in u] == []
    assert [h for h in browser_hops(page.b) if h.host == second_host and h.wire is not None] == []
    assert_only_the_probe_carried_it(page, entries, secret, host, site.url)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)


def test_hanging_server_ends_in_the_timeout_outcome(probe_browser, site, azure_mock):
    secret = new_key()
    host = "hang.openai.azure.com"
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint=f"https://{host}/", credential=secret)
    start = time.monotonic()
    out = page.send(2, timeout=PROBE_TIMEOUT_S + 10)
    took = time.monotonic() - start
    entries = azure_mock.since(mark)

    assert out["outcome"] == "timeout", out
    assert PROBE_TIMEOUT_S - 0.5 <= took <= PROBE_TIMEOUT_S + 5, took
    assert "may have been sent" in out["text"]
    assert page.verdict()["cause"] is None
    assert [(e["method"], e["answer"]) for e in entries] == [("OPTIONS", "preflight"),
                                                             ("GET", "hang")]
    assert_only_the_probe_carried_it(page, entries, secret, host, site.url)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)


LOCK_PROBE_JS = r"""
const done = arguments[arguments.length - 1];
const tryFetch = (url) => fetch(url, {cache: 'no-store'}).then(r => 'reached ' + r.status,
                                                                 e => 'blocked: ' + e.name);
Promise.all([tryFetch('https://second.openai.azure.com/openai/models?api-version=2024-10-21'),
             tryFetch(location.origin + '/index.html')]).then(done);
"""


def test_after_a_probe_the_page_reaches_that_host_only(probe_browser, site, azure_mock):
    """The host lock: after a probe to host A the page's own fetches to another allowed
    host and to itself are blocked by the browser (CSP), and the probe refuses to plan
    for another host until a reload."""
    secret = new_key()
    host = "ok.openai.azure.com"
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint=f"https://{host}/", credential=secret)
    out = page.send(2)
    assert (out["outcome"], out["status"]) == ("answered", "200"), out
    assert page.verdict()["verdict"] == "ok"

    lock = page.b.js("return [...document.querySelectorAll('meta[data-host-lock]')]"
                     ".map(m => [m.getAttribute('http-equiv'), m.content])")
    assert lock == [["Content-Security-Policy", f"connect-src https://{host}"]]
    assert page.b.driver.execute_async_script(LOCK_PROBE_JS) == ["blocked: TypeError"] * 2
    blocked = {v["blocked"] for v in page.b.violations() if v["effective"] == "connect-src"}
    assert {"https://second.openai.azure.com/openai/models?api-version=2024-10-21",
            site.url + "index.html"} <= blocked

    page.b.paste_into("endpoint", "https://second.openai.azure.com/")
    refusal = page.refusal()
    assert refusal is not None and refusal["code"] == "Locked", refusal
    assert page.step_buttons() == []

    entries = azure_mock.since(mark)
    assert [(e["method"], e["host"]) for e in entries] == [("OPTIONS", host), ("GET", host)]
    assert_only_the_probe_carried_it(page, entries, secret, host, site.url)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)
