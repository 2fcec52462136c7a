"""Issue 5: each behaviour of the test server, probed from the release build, gives the
right outcome and verdict on the page, and every journey leaves no trace.

The page is the production build (dist/) under its production CSP; Chromium reaches the
real host names through `--host-resolver-rules` and accepts the mock's self-signed
certificate (`--ignore-certificate-errors`), in this harness only. Credentials are
synthetic canaries, unique per test. For every journey:

* the outcome (`data-probe-outcome`, status) and the verdict (`data-verdict`,
  `data-cause`) are the expected ones;
* exactly the expected requests reached the mock, all to the entered host;
* the canary (raw, URL-encoded, base64, base64url, hex) is in no request but the probe's
  credential header, in the browser's record and the mock's; no Referer, no Cookie;
* the page's request log lists what arrived, credential masked;
* storage, cookies, URL, history, console and the profile on disk hold nothing of it.
"""

from __future__ import annotations

from dataclasses import dataclass

import azure_mock as azure_mock_module
import pytest

from probe_harness import (
    ProbePage,
    assert_clean_after,
    assert_log_matches,
    assert_only_the_probe_carried_it,
    header,
    new_key,
    new_token,
)


@dataclass
class Behaviour:
    """One server behaviour and what the page must make of it."""

    host: str
    cause: str  # the lead cause once the page can read the answer
    status: int
    credential: str = "key"  # "key", "token", "token-other-audience"
    auth_header: str | None = None
    path: str = "/openai/models"
    deployment: str | None = None
    steps: tuple[int, ...] = (2,)


BEHAVIOURS = {
    "401-invalid-key": Behaviour("invalid-key.openai.azure.com", "key-invalid", 401),
    "401-token": Behaviour("token.openai.azure.com", "token-audience", 401,
                           credential="token-other-audience"),
    "401-permission-denied": Behaviour("rbac.openai.azure.com", "rbac-missing-role", 401,
                                       credential="token"),
    "403-key-auth-disabled": Behaviour("keyauth-disabled.openai.azure.com",
                                       "key-auth-disabled", 403),
    "404-deployment-not-found": Behaviour(
        "deployment-missing.openai.azure.com", "deployment-not-found", 404,
        deployment="gpt-4o-mini", steps=(2, 3),
        path="/openai/deployments/gpt-4o-mini/chat/completions"),
    "429-rate-limit": Behaviour("rate-limited.openai.azure.com", "quota-or-rate-limit", 429),
    "403-network": Behaviour("firewall.openai.azure.com", "network-restricted", 403),
    "401-apim-invalid-key": Behaviour("apim-invalid.azure-api.net", "apim-subscription-key", 401,
                                      auth_header="ocp-apim-subscription-key"),
}


def credential_for(kind: str) -> str:
    if kind == "token":
        return new_token()
    if kind == "token-other-audience":
        return new_token(aud="https://management.azure.com/")
    return new_key()


def run_journey(probe_browser, site, azure_mock, b: Behaviour, cors: bool):
    host = b.host if cors else "nocors-" + b.host
    secret = credential_for(b.credential)
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint=f"https://{host}/", credential=secret, auth_header=b.auth_header,
              deployment=b.deployment)
    assert page.refusal() is None
    assert azure_mock.since(mark) == [], "nothing may be sent before a button is pressed"
    before = page.verdict()
    outcomes = [page.send(step) for step in b.steps]
    return page, host, secret, before, outcomes, azure_mock.since(mark)


def expected_requests(b: Behaviour, host: str) -> list[tuple[str, str, str]]:
    """(method, host, path) of each request the steps send: a preflight (the credential
    header is not CORS-safelisted), then the request itself."""
    out = []
    for step in b.steps:
        method, path = ("POST", b.path) if step == 3 else ("GET", "/openai/models")
        out += [("OPTIONS", host, path), (method, host, path)]
    return out


@pytest.mark.parametrize("name", list(BEHAVIOURS))
def test_readable_answer_gives_the_verdict(probe_browser, site, azure_mock, name):
    b = BEHAVIOURS[name]
    page, host, secret, before, outcomes, entries = run_journey(probe_browser, site, azure_mock, b, True)

    last = outcomes[-1]
    assert (last["outcome"], last["status"]) == ("answered", str(b.status)), last
    assert page.verdict() == {"verdict": "problem", "cause": b.cause}

    assert [(e["method"], e["host"], e["path"]) for e in entries] == expected_requests(b, host)
    credential_header = (b.auth_header or
                         ("authorization" if b.credential.startswith("token") else "api-key"))
    for e in entries:
        if e["method"] == "OPTIONS":
            assert header(e, credential_header) is None, "a preflight carries no credential"
        else:
            value = header(e, credential_header) or ""
            assert value.removeprefix("Bearer ") == secret
    assert_only_the_probe_carried_it(page, entries, secret, host, site.url)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)


@pytest.mark.parametrize("name", ["401-invalid-key", "401-token", "403-key-auth-disabled",
                                  "429-rate-limit", "403-network"])
def test_answer_hidden_by_cors_is_no_verdict(probe_browser, site, azure_mock, name):
    """Without CORS headers the browser hides the answer: the page says the key may have
    reached the server (the mock's log proves it did) and gives no auth verdict."""
    b = BEHAVIOURS[name]
    page, host, secret, before, outcomes, entries = run_journey(probe_browser, site, azure_mock, b, False)

    assert outcomes[-1]["outcome"] == "blocked", outcomes
    text = outcomes[-1]["text"]
    assert "may have reached the server" in text and "may have been sent" in text
    assert "hid the answer" in text
    # The failure adds no cause: what leads is what the inputs alone showed (nothing for
    # a clean key; the token's audience for that token), never a status-based one.
    after = page.verdict()
    assert after["cause"] == before["cause"], (before, after)
    assert after["verdict"] == ("problem" if before["cause"] else "inconclusive"), after
    assert page.b.js("return document.getElementById('response-failure').value") == "network"

    # The request with the credential did arrive: "blocked" is not "not sent".
    assert [(e["method"], e["host"]) for e in entries] == [("OPTIONS", host), ("GET", host)]
    assert_only_the_probe_carried_it(page, entries, secret, host, site.url)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)


def test_step_one_sends_no_credential_and_leaves_the_case_alone(probe_browser, site, azure_mock):
    """Step 1 carries nothing secret (the canary is in no request at all), is a simple
    GET (no preflight), shows who answered, and does not become the app's response."""
    secret = new_key()
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint="https://invalid-key.openai.azure.com/", credential=secret)
    before = page.verdict()
    out = page.send(1)
    entries = azure_mock.since(mark)

    assert (out["outcome"], out["status"]) == ("answered", "401"), out
    assert "not used as the app's response" in out["text"]
    assert page.b.js("return document.querySelector('#probe .probe-excerpt').innerText") \
        == azure_mock_module.A3_MISSING
    assert page.verdict() == before
    assert page.b.js("return document.getElementById('response-status').value") == ""
    assert [(e["method"], e["path"], e["answer"]) for e in entries] == \
        [("GET", "/openai/models", "A3 no credential")]
    assert_only_the_probe_carried_it(page, entries, secret, "invalid-key.openai.azure.com",
                                     site.url, carried=False)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)


def test_openai_key_goes_as_bearer_to_api_openai_com(probe_browser, site, azure_mock):
    """OpenAI: the key travels as `Authorization: Bearer` to api.openai.com/v1/models;
    its `invalid_api_key` answer (which echoes a masked key) gives `key-invalid`."""
    secret = "sk-proj-" + new_key() + new_key()
    page = ProbePage(probe_browser, site.url)
    mark = azure_mock.mark()
    page.fill(endpoint="https://api.openai.com/v1", credential=secret)
    out = page.send(2)
    entries = azure_mock.since(mark)

    assert (out["outcome"], out["status"]) == ("answered", "401"), out
    assert page.verdict() == {"verdict": "problem", "cause": "key-invalid"}
    assert [(e["method"], e["host"], e["path"]) for e in entries] == \
        [("OPTIONS", "api.openai.com", "/v1/models"), ("GET", "api.openai.com", "/v1/models")]
    assert header(entries[1], "authorization") == f"Bearer {secret}"
    assert_only_the_probe_carried_it(page, entries, secret, "api.openai.com", site.url)
    assert_log_matches(page, entries, secret)
    assert_clean_after(page, secret)
