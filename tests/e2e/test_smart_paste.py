"""Smart paste (docs/page.md): a real paste (clipboard + Ctrl+V, a trusted `paste`
event) into #error-text of each supported format lands in the right fields, and
#paste-note says what was taken from where. Error output, `curl -i` output included,
is pasted as text. All secrets here are synthetic.

One page for the module, Clear between tests; every test also checks that the paste
sent nothing and the page reported no CSP violation or console error.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

import pytest

import formfill
from harness import Browser, StaticServer

KEY = "5f0c1d2e3a4b5c6d7e8f90a1b2c3d4e5"  # Azure-style 32 hex digits
SK = "sk-proj-" + "Zq3XvT8wLm2NpR7s" * 4 + "T3BlbkFJ" + "Hk4Jd9Qa2Wc6Ye1U" * 2
BASE = "https://contoso-aoai.openai.azure.com/"
REQUEST_URL = BASE + "openai/deployments/chat-gpt4o/chat/completions?api-version=2024-10-21"
HTTP_401 = ("HTTP/1.1 401 PermissionDenied\r\n"
            "content-type: application/json\r\n"
            "date: Mon, 23 Nov 2026 09:00:00 GMT\r\n"
            "apim-request-id: 6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24\r\n"
            "\r\n"
            '{"error":{"code":"401","message":"Access denied due to invalid subscription key '
            'or wrong API endpoint. Make sure to provide a valid key for an active subscription '
            'and use a correct regional API endpoint for your resource."}}')
TOKEN = formfill.make_jwt({
    "aud": "https://cognitiveservices.azure.com",
    "iss": "https://sts.windows.net/3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13/",
    "iat": 1795410000, "nbf": 1795410000, "exp": 1795417200,
    "oid": "a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95",
    "tid": "3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13", "ver": "1.0"})

NOTE_JS = r"""
const n = document.getElementById('paste-note');
if (!n) return null;
return {sources: [...n.querySelectorAll('.paste-sources li')].map(li => [
          li.querySelector('.what').textContent.trim(), li.querySelector('code').textContent]),
        undo: !!document.getElementById('undo-paste'),
        text: n.textContent};
"""


@pytest.fixture
def fresh(page: Browser, site: StaticServer, dist: Path) -> Iterator[Browser]:
    """The shared page, cleared; afterwards: nothing sent, no violation, no error."""
    formfill.clear(page)
    yield page
    assert formfill.foreign_requests(page, site.url, dist) == []
    assert page.violations() == []
    assert page.console_errors() == []


def filled(b: Browser) -> dict:
    """The inputs that hold something (selects at their empty value left out)."""
    formfill.verdict(b)  # let the page render the paste first
    return {k: v for k, v in formfill.values(b).items()
            if v != formfill.EMPTY_SELECTS.get(k, "")}


def note(b: Browser) -> dict | None:
    return b.js(NOTE_JS)


def test_dotenv_block_azure(fresh: Browser):
    block = (f"# .env\nAZURE_OPENAI_ENDPOINT={BASE}\nAZURE_OPENAI_API_KEY={KEY}\n"
             "OPENAI_API_VERSION=2024-10-21\n")
    formfill.real_paste(fresh, "error-text", block)
    assert filled(fresh) == {"endpoint": BASE, "credential": KEY, "api-version": "2024-10-21"}
    n = note(fresh)
    assert n and n["undo"], n
    assert n["sources"] == [["endpoint", "AZURE_OPENAI_ENDPOINT"],
                            ["credential", "AZURE_OPENAI_API_KEY"],
                            ["api-version", "OPENAI_API_VERSION"]]
    assert KEY[4:-4] not in n["text"]


def test_dotenv_block_openai(fresh: Browser):
    formfill.real_paste(fresh, "error-text",
                        f"export OPENAI_API_KEY=\"{SK}\"\nexport OPENAI_ORG_ID=org-Xy12Ab34Cd56Ef78\n")
    assert filled(fresh) == {"credential": SK, "organization": "org-Xy12Ab34Cd56Ef78"}
    assert note(fresh)["sources"] == [["credential", "OPENAI_API_KEY"],
                                      ["organization", "OPENAI_ORG_ID"]]


def test_undo_puts_the_form_back(fresh: Browser):
    formfill.enter(fresh, [("client", "openai-python 1.51.0")])
    formfill.real_paste(fresh, "error-text", f"AZURE_OPENAI_API_KEY={KEY}\n")
    assert filled(fresh) == {"client": "openai-python 1.51.0", "credential": KEY}
    fresh.element("undo-paste").click()
    fresh.wait_until(lambda b: filled(b) == {"client": "openai-python 1.51.0"},
                     "the form as it was before the paste", timeout=5)
    assert note(fresh) is None


def test_request_url_spreads_into_endpoint_deployment_and_api_version(fresh: Browser):
    formfill.real_paste(fresh, "error-text", REQUEST_URL + "\n")
    assert filled(fresh) == {"endpoint": BASE, "deployment": "chat-gpt4o",
                             "api-version": "2024-10-21"}
    sources = dict((what, src) for what, src in note(fresh)["sources"])
    assert set(sources) == {"endpoint", "deployment", "api-version"}, sources
    # A well-formed request URL is not judged a broken endpoint.
    assert fresh.js("return document.querySelector('[data-cause]')"
                    "?.getAttribute('data-cause') ?? null") != "endpoint-invalid"


def test_az_account_get_access_token_goes_to_the_token_field(fresh: Browser):
    out = json.dumps({"accessToken": TOKEN, "expiresOn": "2026-11-23 10:00:00.000000",
                      "expires_on": 1795417200, "subscription": "0b1f6471-1bf0-4dda-aec3-111122223333",
                      "tenant": "3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13", "tokenType": "Bearer"},
                     indent=2)
    formfill.real_paste(fresh, "error-text", out)
    assert filled(fresh) == {"token": TOKEN}
    assert note(fresh)["sources"] == [["token", "accessToken"]]
    # Decoded into its panel, without the signature.
    panel = fresh.element("token-panel-token").text
    assert "cognitiveservices.azure.com" in panel
    assert TOKEN.rsplit(".", 1)[1] not in fresh.js("return document.body.innerText")


def test_curl_command_with_api_key_header(fresh: Browser):
    cmd = (f"curl -sS {REQUEST_URL} \\\n  -H 'Content-Type: application/json' \\\n"
           f"  -H 'api-key: {KEY}' \\\n  -d '{{\"messages\":[{{\"role\":\"user\",\"content\":\"hi\"}}]}}'")
    formfill.real_paste(fresh, "error-text", cmd)
    assert filled(fresh) == {"endpoint": REQUEST_URL, "credential": KEY,
                             "auth-header": "api-key", "client": "curl"}
    sources = dict((what, src) for what, src in note(fresh)["sources"])
    assert sources["credential"] == sources["how it is sent"], sources
    assert "api-key" in sources["credential"], sources


def test_curl_command_with_bearer_token(fresh: Browser):
    cmd = (f'curl https://api.openai.com/v1/chat/completions -H "Authorization: Bearer {SK}" '
           '-H "Content-Type: application/json" -d \'{"model": "gpt-4o", "messages": []}\'')
    formfill.real_paste(fresh, "error-text", cmd)
    assert filled(fresh) == {"endpoint": "https://api.openai.com/v1/chat/completions",
                             "credential": SK, "auth-header": "authorization",
                             "deployment": "gpt-4o", "client": "curl"}
    sources = dict((what, src) for what, src in note(fresh)["sources"])
    assert "Authorization" in sources["credential"], sources


def test_curl_i_output_is_pasted_as_text_and_dates_the_failure(fresh: Browser):
    formfill.real_paste(fresh, "error-text", HTTP_401)
    # The browser's own paste: the text as it is (a textarea normalises CRLF to LF).
    assert filled(fresh) == {"error-text": HTTP_401.replace("\r\n", "\n"),
                             "now": "2026-11-23T09:00:00Z"}
    assert note(fresh) is None
    got = formfill.verdict(fresh)
    assert got["verdict"] == "problem", got
    assert got["cause"] == "key-invalid", got
    assert fresh.js("return !!document.getElementById('now-live')")  # "Use now" offered


def test_curl_command_followed_by_its_i_output(fresh: Browser):
    text = f"$ curl -i {REQUEST_URL} -H \"api-key: {KEY}\" -d '{{}}'\n{HTTP_401}\n"
    formfill.real_paste(fresh, "error-text", text)
    got = filled(fresh)
    assert got.pop("error-text").startswith("HTTP/1.1 401"), got
    assert got == {"endpoint": REQUEST_URL, "credential": KEY, "auth-header": "api-key",
                   "client": "curl", "now": "2026-11-23T09:00:00Z"}
    sources = dict((what, src) for what, src in note(fresh)["sources"])
    assert set(sources) == {"endpoint", "credential", "how it is sent", "client",
                            "error output"}, sources
