#!/usr/bin/env python3
"""An HTTPS stand-in for Azure OpenAI, API Management and OpenAI, for browser tests.

It answers the way the real services do for the failures in
`shared/reference/auth-failures.md` (bodies verbatim, real header sets), chosen by the
host name the request names, so a headless Chromium can probe real host names through
`--host-resolver-rules` and the page's production CSP is tested unchanged. It logs
EVERY request it receives, so a test can prove where a secret went and where it did not.

    python3 tests/e2e/azure_mock.py --port 0 --log /tmp/mock.jsonl [--cert-dir DIR]

* Binds 127.0.0.1 only. `--port 0` lets the OS pick a free port.
* At start it makes a self-signed certificate (openssl CLI) whose SANs cover every
  mapped name, in a temporary directory (or `--cert-dir`, kept), and prints one line
  `listening on https://127.0.0.1:<port>/ cert=<path to cert.pem>` when it is ready.
* Every request (method, host, SNI, path, query, every header, body) is appended to the
  `--log` file as one JSON line, before the answer is sent, and flushed.
* Stops cleanly on SIGTERM or SIGINT (exit code 0), releasing hanging requests.

Hosts (see README-probe.md for the full table):

* `<scenario>.openai.azure.com`, `.cognitiveservices.azure.com`, `.services.ai.azure.com`:
  an Azure AI resource; the first label picks the behaviour (`ok`, `invalid-key`,
  `token`, `rbac`, `keyauth-disabled`, `deployment-missing`, `rate-limited`,
  `quota-zero`, `private`, `firewall`, `redirect`, `redirect-out`, `hang`, `second`).
* `<scenario>.azure-api.net`: an API Management gateway (`apim-ok`, `apim-invalid`,
  `apim-apikey`, `apim-either`, `apim-backend-rbac`).
* `api.openai.com`: OpenAI; the behaviour follows markers in the key it receives
  (`-OK-`, `-QUOTA-`, `-RATELIMIT-`, `-REGION-`, `-SCOPES-`, `-NOCORS-`), else
  `invalid_api_key` with the key echoed masked the way OpenAI does.
* Any `*.example` host (`attacker.example`): a bystander that accepts everything, so a
  leak or a followed redirect shows up in the log.

CORS variants are prefixes of the first label, combinable: `nocors-` (preflight passes,
responses carry no Access-Control-Allow-Origin), `nopreflight-` (no CORS headers at all),
`noallowheaders-` (preflight omits Access-Control-Allow-Headers), `authpreflight-`
(OPTIONS answered 401, like gateways that demand auth on preflights) and `expose-`
(Access-Control-Expose-Headers lists the diagnostic headers).

Python 3 standard library only, plus the `openssl` command.
"""

import argparse
import base64
import json
import os
import re
import shutil
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from datetime import datetime, timezone
from email.utils import formatdate
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qsl, urlsplit

# ---------------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------------

AZURE_RESOURCE_SUFFIXES = (
    "openai.azure.com",
    "cognitiveservices.azure.com",
    "services.ai.azure.com",
    # Sovereign clouds (auth-failures.md 4.1): the same service under other names.
    "openai.azure.us",
    "cognitiveservices.azure.us",
    "openai.azure.cn",
    "cognitiveservices.azure.cn",
)
APIM_SUFFIX = "azure-api.net"
OPENAI_HOST = "api.openai.com"
BYSTANDER_SUFFIX = "example"

# Subject alternative names of the certificate: every name the harness maps here.
CERT_NAMES = [
    "*.openai.azure.com",
    "*.cognitiveservices.azure.com",
    "*.services.ai.azure.com",
    "*.openai.azure.us",
    "*.cognitiveservices.azure.us",
    "*.openai.azure.cn",
    "*.cognitiveservices.azure.cn",
    "*.azure-api.net",
    "*.regional.azure-api.net",
    "api.openai.com",
    "attacker.example",
    "*.attacker.example",
    "evil.example",
    "*.example",
]

VARIANTS = ("nocors-", "nopreflight-", "noallowheaders-", "authpreflight-", "expose-")

ALLOW_HEADERS = "api-key, authorization, ocp-apim-subscription-key, content-type"
OPENAI_ALLOW_HEADERS = ALLOW_HEADERS + ", openai-organization, openai-project"
EXPOSE_HEADERS = (
    "apim-request-id, x-ms-region, x-request-id, retry-after, policy-id, "
    "x-ratelimit-limit-requests, x-ratelimit-limit-tokens, "
    "x-ratelimit-remaining-requests, x-ratelimit-remaining-tokens"
)

# ---------------------------------------------------------------------------------
# Bodies, verbatim from auth-failures.md (section ids in the comments)
# ---------------------------------------------------------------------------------

# A1. 224 bytes, as reported with `Content-Length: 224`.
A1_INVALID_KEY = (
    '{"error":{"code":"401","message":"Access denied due to invalid subscription key or '
    "wrong API endpoint. Make sure to provide a valid key for an active subscription and "
    'use a correct regional API endpoint for your resource."}}'
)
# A2. Returned by Azure OpenAI itself, in the APIM-style shape.
A2_TOKEN = (
    '{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience '
    'is incorrect (https://cognitiveservices.azure.com), or have expired."}'
)
# A3. No credential at all: the exact body is UNCONFIRMED; this is the gateway message an
# AzureOpenAI client received in openai-python#1527.
A3_MISSING = (
    '{"statusCode":401,"message":"Access denied due to missing subscription key. Make sure '
    'to include subscription key when making requests to an API."}'
)
# A4.
A4_RBAC = (
    '{"error":{"code":"PermissionDenied","message":"Principal does not have access to '
    'API/Operation."}}'
)
# A5. HTTP 403, space after "message": as printed in the source.
A5_KEY_DISABLED = (
    '{"error":{"code":"AuthenticationTypeDisabled","message": "Key based authentication is '
    'disabled for this resource."}}'
)
# A6. HTTP 404.
A6_DEPLOYMENT = (
    '{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource '
    "does not exist. If you created the deployment within the last 5 minutes, please wait "
    'a moment and try again."}}'
)
# A7. HTTP 404, space after the colon.
A7_NOT_FOUND = '{"error":{"code":"404","message": "Resource not found"}}'
# A10. HTTP 404 (shape from logs; UNCONFIRMED raw body).
A10_SUBDOMAIN = (
    '{"error":{"code":"ResourceNotFound","message":"Subdomain does not map to a resource"}}'
)
# A11. HTTP 403.
A11_PUBLIC_DISABLED = (
    '{"error":{"code":"403","message":"Public access is disabled. Please configure private '
    'endpoint."}}'
)
# A11, with `policy-id: ThrowExceptionDueToTrafficDenied` and Content-Length 90.
A11_FIREWALL = (
    '{"error":{"code":"403","message": "Access denied due to Virtual Network/Firewall rules."}}'
)
# A12.
A12_RATE_LIMIT = '{"error":{"code":"429","message": "Rate limit is exceeded. Try again in 2 seconds."}}'
A12_QUOTA_ZERO = (
    '{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under '
    "Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current "
    "AIServices S0 pricing tier. Please retry after 86400 seconds. Please contact Azure "
    'support service if you would like to further increase the default rate limit."}}'
)
# B1-B4 (APIM).
B1_MISSING_KEY = (
    '{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make '
    'sure to include subscription key when making requests to an API." }'
)
B2_INVALID_KEY = (
    '{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make '
    'sure to provide a valid key for an active subscription." }'
)
B3_MISSING_EITHER = (
    '{ "statusCode": 401, "message": "Access denied due to a missing application '
    "credentials or subscription key. Make sure to include an application token or a "
    'subscription key when making requests to the API." }'
)
B4_INVALID_TOKEN = '{"statusCode": 401, "message": "Invalid Token"}'
# APIM's answer when no API matches the path (UNCONFIRMED wording).
APIM_NO_API = '{ "statusCode": 404, "message": "Resource not found" }'
# C2. The shorter variant.
C2_MISSING = (
    '{"error":{"message":"You didn\'t provide an API key. You need to provide your API key '
    "in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). "
    'You can obtain an API key from https://platform.openai.com/account/api-keys.",'
    '"type":"invalid_request_error","param":null,"code":null}}'
)
C3_ORG = (
    '{"error":{"message":"OpenAI-Organization header should match organization for API key",'
    '"type":"invalid_request_error","param":null,"code":"mismatched_organization"}}'
)
C6_REGION = (
    '{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or '
    'territory not supported","param":null,"type":"request_forbidden"}}'
)
C7_QUOTA = (
    '{"error": {"message": "You exceeded your current quota, please check your plan and '
    "billing details. For more information on this error, read the docs: "
    'https://platform.openai.com/docs/guides/error-codes/api-errors.", "type": '
    '"insufficient_quota", "param": null, "code": "insufficient_quota"}}'
)
C8_RATE = (
    '{"error":{"message":"Rate limit reached for gpt-4o-mini in organization org-mock on '
    "tokens per min (TPM): Limit 100000, Used 96749, Requested 19126. Please try again in "
    '9.525s. Visit https://platform.openai.com/account/rate-limits to learn more.",'
    '"type":"tokens","param":null,"code":"rate_limit_exceeded"}}'
)
C9_SCOPES = (
    '{"error":{"message":"You have insufficient permissions for this operation. Missing '
    "scopes: model.request. Check that you have the correct role in your organization "
    "(Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted "
    'API key, that it has the necessary scopes.","type":"invalid_request_error",'
    '"param":null,"code":null}}'
)

MODELS_LIST = json.dumps(
    {
        "data": [
            {"id": "gpt-4o", "object": "model", "created": 1715367049, "owned_by": "system"},
            {"id": "gpt-4o-mini", "object": "model", "created": 1721172741, "owned_by": "system"},
        ],
        "object": "list",
    },
    separators=(",", ":"),
)


def chat_completion(model: str) -> str:
    return json.dumps(
        {
            "id": "chatcmpl-mock",
            "object": "chat.completion",
            "created": 1795424400,
            "model": model,
            "choices": [
                {
                    "index": 0,
                    "message": {"role": "assistant", "content": "p"},
                    "finish_reason": "length",
                }
            ],
            "usage": {"prompt_tokens": 8, "completion_tokens": 1, "total_tokens": 9},
        },
        separators=(",", ":"),
    )


def openai_invalid_key(key: str) -> str:
    """C1, with the key echoed as OpenAI does: first 8, stars, last 4, same length."""
    if len(key) > 12:
        echo = key[:8] + "*" * (len(key) - 12) + key[-4:]
    else:  # UNCONFIRMED for short keys: keep the length, show nothing.
        echo = "*" * len(key)
    message = (
        f"Incorrect API key provided: {echo}. You can find your API key at "
        "https://platform.openai.com/account/api-keys."
    )
    return json.dumps(
        {
            "error": {
                "message": message,
                "type": "invalid_request_error",
                "param": None,
                "code": "invalid_api_key",
            }
        },
        indent=4,
    )


def openai_invalid_url(method: str, path: str) -> str:
    return json.dumps(
        {
            "error": {
                "message": f"Invalid URL ({method} {path})",
                "type": "invalid_request_error",
                "param": None,
                "code": None,
            }
        }
    )


# ---------------------------------------------------------------------------------
# Answers
# ---------------------------------------------------------------------------------


class Answer:
    """What to send back: a status, headers and a body, or a hang."""

    def __init__(self, name, status=200, body="", headers=None, hang=False):
        self.name = name
        self.status = status
        self.body = body.encode("utf-8") if isinstance(body, str) else body
        self.headers = list(headers or [])
        self.hang = hang


def azure_headers(region="East US"):
    return [
        ("Content-Type", "application/json"),
        ("apim-request-id", str(uuid.uuid4())),
        ("x-ms-region", region),
        ("x-content-type-options", "nosniff"),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
    ]


def openai_headers():
    return [
        ("Content-Type", "application/json; charset=utf-8"),
        ("x-request-id", "req_" + uuid.uuid4().hex),
        ("openai-version", "2020-10-01"),
        ("Strict-Transport-Security", "max-age=31536000; includeSubDomains; preload"),
    ]


def apim_headers():
    return [("Content-Type", "application/json")]


class Request:
    """The parts of a request the scenarios look at."""

    def __init__(self, method, host, path, query, headers, body):
        self.method = method
        self.host = host
        self.path = path
        self.query = dict(parse_qsl(query, keep_blank_values=True))
        self.raw_query = query
        self.headers = {k.lower(): v for k, v in headers}
        self.body = body

    def header(self, name):
        return self.headers.get(name.lower())

    def bearer(self):
        auth = self.header("authorization") or ""
        if auth[:7].lower() == "bearer ":
            return auth[7:].strip()
        return None

    def path_and_query(self):
        return self.path + ("?" + self.raw_query if self.raw_query else "")


def split_host(host):
    """(variants, scenario, suffix) for a host, or (None, None, None) if unmapped."""
    for suffix in AZURE_RESOURCE_SUFFIXES + (APIM_SUFFIX,):
        if host.endswith("." + suffix):
            label = host[: -len(suffix) - 1].split(".")[0]
            variants = []
            changed = True
            while changed:
                changed = False
                for v in VARIANTS:
                    if label.startswith(v):
                        variants.append(v[:-1])
                        label = label[len(v) :]
                        changed = True
            return variants, label, suffix
    return None, None, None


API_VERSION = re.compile(r"^(\d{4}-\d{2}-\d{2}(-preview)?|preview|latest|v1)$")


def azure_route(req, root):
    """Route an authenticated request below `root` (the path of `/openai`).

    Returns ("models" | "chat", deployment or model) or None for an unknown path. Classic
    paths need an api-version (else A7), as the real service does. On a resource host
    (root `/openai`) two more surfaces answer (auth-failures.md 4.3): Foundry model
    inference, `POST /models/chat/completions?api-version=2024-05-01-preview` with the
    deployment in the body's `model`, and a Foundry project's OpenAI-compatible API,
    `/api/projects/{project}/openai/v1/…` (v1 routes only, no api-version).
    """
    path = req.path
    if root == "/openai":
        if path == "/models/chat/completions" and req.method == "POST":
            if req.query.get("api-version") != "2024-05-01-preview":
                return None
            return ("chat", body_model(req))
        segs = path.split("/")
        if path.startswith("/api/projects/") and len(segs) > 5 and segs[3] and segs[4:6] == ["openai", "v1"]:
            root = "/".join(segs[:5])
    if not path.startswith(root + "/"):
        return None
    rest = [s for s in path[len(root) :].split("/") if s]
    project = root.startswith("/api/projects/")
    classic_ok = bool(API_VERSION.match(req.query.get("api-version", ""))) and not project
    if rest == ["models"] and req.method == "GET":
        return ("models", None) if classic_ok else None
    if rest == ["v1", "models"] and req.method == "GET":
        return ("models", None)
    if (
        len(rest) == 4
        and rest[0] == "deployments"
        and rest[2:] == ["chat", "completions"]
        and req.method == "POST"
    ):
        return ("chat", rest[1]) if classic_ok else None
    if rest == ["v1", "chat", "completions"] and req.method == "POST":
        return ("chat", body_model(req))
    return None


def body_model(req):
    """The `model` of a JSON request body, or "" when there is none."""
    try:
        model = json.loads(req.body or b"{}").get("model", "")
    except (ValueError, AttributeError):
        model = ""
    return str(model)


def authenticated_azure(req, root, hdrs, deployment_missing=False):
    """What an Azure resource says once the credential was accepted."""
    route = azure_route(req, root)
    if route is None:
        return Answer("A7 resource not found", 404, A7_NOT_FOUND, hdrs)
    kind, name = route
    if kind == "models":
        return Answer("200 models list", 200, MODELS_LIST, hdrs)
    if deployment_missing:
        return Answer("A6 deployment not found", 404, A6_DEPLOYMENT, hdrs)
    return Answer("200 chat completion", 200, chat_completion(name or "gpt-4o"), hdrs)


# The first labels that pick a behaviour (the host tables of README-probe.md).
RESOURCE_SCENARIOS = {
    "ok",
    "second",
    "invalid-key",
    "token",
    "rbac",
    "keyauth-disabled",
    "deployment-missing",
    "rate-limited",
    "quota-zero",
    "private",
    "firewall",
    "redirect",
    "redirect-out",
    "hang",
}
GATEWAY_SCENARIOS = {"apim-ok", "apim-invalid", "apim-apikey", "apim-either", "apim-backend-rbac"}

# `--fallback-resource` / `--fallback-gateway`: the behaviour of a first label the tables
# do not know (None: 404 A10 / "no API", as the service says for a name it lacks). The
# snippet harness (tests/snippets) sets `ok` / `apim-ok`, so a fix written for
# `contoso.openai.azure.com` meets a healthy service and only the request decides.
FALLBACK = {"resource": None, "gateway": None}


def azure_answer(req, scenario):
    hdrs = azure_headers()
    api_key = req.header("api-key") or req.header("ocp-apim-subscription-key")
    bearer = req.bearer()
    root = "/openai"

    if scenario == "hang":
        return Answer("hang", hang=True)
    if scenario in ("redirect", "redirect-out"):
        target = (
            "https://second.openai.azure.com"
            if scenario == "redirect"
            else "https://attacker.example/collect"
        )
        return Answer(
            f"302 to {target}",
            302,
            "",
            [("Location", target + req.path_and_query())],
        )
    if scenario == "private":
        return Answer("A11 public access disabled", 403, A11_PUBLIC_DISABLED, hdrs)
    if scenario == "firewall":
        return Answer(
            "A11 firewall",
            403,
            A11_FIREWALL,
            hdrs + [("policy-id", "ThrowExceptionDueToTrafficDenied")],
        )
    known = RESOURCE_SCENARIOS
    if scenario not in known:
        return Answer("A10 subdomain does not map", 404, A10_SUBDOMAIN, hdrs)
    if not api_key and not bearer:
        return Answer("A3 no credential", 401, A3_MISSING, hdrs)

    if scenario == "invalid-key":
        if bearer is not None:
            return Answer("A2 token rejected", 401, A2_TOKEN, hdrs)
        return Answer("A1 invalid key", 401, A1_INVALID_KEY, hdrs)
    if scenario == "token" and bearer is not None:
        return Answer("A2 token rejected", 401, A2_TOKEN, hdrs)
    if scenario == "rbac" and bearer is not None:
        return Answer("A4 permission denied", 401, A4_RBAC, hdrs)
    if scenario == "keyauth-disabled" and api_key:
        return Answer("A5 key auth disabled", 403, A5_KEY_DISABLED, hdrs)
    if scenario == "rate-limited":
        return Answer(
            "A12 rate limit",
            429,
            A12_RATE_LIMIT,
            hdrs
            + [
                ("retry-after", "2"),
                ("x-ratelimit-limit-requests", "60"),
                ("x-ratelimit-limit-tokens", "10000"),
                ("x-ratelimit-remaining-requests", "0"),
                ("x-ratelimit-remaining-tokens", "0"),
            ],
        )
    if scenario == "quota-zero":
        return Answer("A12 quota zero", 429, A12_QUOTA_ZERO, hdrs + [("retry-after", "86400")])
    return authenticated_azure(
        req, root, hdrs, deployment_missing=(scenario == "deployment-missing")
    )


def apim_root(path):
    """The gateway path that stands for the backend's `/openai`."""
    segs = [s for s in path.split("/") if s]
    if "openai" in segs:
        return "/" + "/".join(segs[: segs.index("openai") + 1])
    for marker in ("deployments", "v1", "models"):
        if marker in segs:
            return "/" + "/".join(segs[: segs.index(marker)])
    return None


def apim_answer(req, scenario):
    hdrs = apim_headers()
    header = "api-key" if scenario.startswith("apim-apikey") else "ocp-apim-subscription-key"
    key = req.header(header) or req.query.get("subscription-key")
    bearer = req.bearer()
    known = GATEWAY_SCENARIOS
    root = apim_root(req.path)
    if scenario not in known or root is None:
        return Answer("APIM no API", 404, APIM_NO_API, hdrs)
    if scenario == "apim-either":
        if not key and bearer is None:
            return Answer("B3 missing either", 401, B3_MISSING_EITHER, hdrs)
        if not key:
            return Answer("B4 invalid token", 401, B4_INVALID_TOKEN, hdrs)
    elif not key:
        return Answer("B1 missing key", 401, B1_MISSING_KEY, hdrs)
    if scenario == "apim-invalid":
        return Answer("B2 invalid key", 401, B2_INVALID_KEY, hdrs)
    if scenario == "apim-backend-rbac":
        # The gateway's managed identity lacks the role; the backend's A4 passes through.
        return Answer("A4 via gateway", 401, A4_RBAC, hdrs)
    return authenticated_azure(req, root if root != "/" else "", hdrs)


def openai_answer(req):
    hdrs = openai_headers()
    routes = {("GET", "/v1/models"), ("POST", "/v1/chat/completions")}
    key = req.bearer()
    if key is None:
        return Answer("C2 missing key", 401, C2_MISSING, hdrs)
    if (req.method, req.path) not in routes:
        return Answer("404 invalid URL", 404, openai_invalid_url(req.method, req.path), hdrs)
    if "-REGION-" in key:
        return Answer("C6 region", 403, C6_REGION, hdrs)
    if "-QUOTA-" in key:
        return Answer("C7 insufficient quota", 429, C7_QUOTA, hdrs)
    if "-RATELIMIT-" in key:
        return Answer("C8 rate limit", 429, C8_RATE, hdrs + [("retry-after", "10")])
    if "-SCOPES-" in key:
        return Answer("C9 missing scopes", 401, C9_SCOPES, hdrs)
    if "-OK-" in key:
        org = req.header("openai-organization")
        if org is not None and org != "org-mock":
            return Answer("C3 organization mismatch", 401, C3_ORG, hdrs)
        if req.path == "/v1/models":
            return Answer("200 models list", 200, MODELS_LIST, hdrs)
        try:
            model = json.loads(req.body or b"{}").get("model", "gpt-4o")
        except (ValueError, AttributeError):
            model = "gpt-4o"
        return Answer("200 chat completion", 200, chat_completion(str(model)), hdrs)
    return Answer("C1 invalid key", 401, openai_invalid_key(key), hdrs)


def preflight(req, variants, allow_headers):
    """The answer to an OPTIONS preflight: never asks for credentials (unless the
    `authpreflight` variant imitates a gateway that does)."""
    if "authpreflight" in variants:
        return Answer("401 on preflight", 401, B1_MISSING_KEY, apim_headers())
    if "nopreflight" in variants:
        return Answer("preflight without CORS", 200, "", [])
    headers = [
        ("Access-Control-Allow-Origin", "*"),
        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
        ("Access-Control-Max-Age", "0"),
    ]
    if "noallowheaders" not in variants:
        headers.append(("Access-Control-Allow-Headers", allow_headers))
    return Answer("preflight", 200, "", headers)


def decide(req):
    """(answer, facts for the log) for one request."""
    host = req.host
    if host == OPENAI_HOST:
        key = req.bearer() or ""
        variants = ["nocors"] if "-NOCORS-" in key else []
        if req.method == "OPTIONS":
            return preflight(req, [], OPENAI_ALLOW_HEADERS), "openai", variants
        return openai_answer(req), "openai", variants
    if host == BYSTANDER_SUFFIX or host.endswith("." + BYSTANDER_SUFFIX):
        if req.method == "OPTIONS":
            requested = req.header("access-control-request-headers") or ""
            return (
                Answer(
                    "bystander preflight",
                    200,
                    "",
                    [
                        ("Access-Control-Allow-Origin", "*"),
                        ("Access-Control-Allow-Methods", "GET, POST, OPTIONS"),
                        ("Access-Control-Allow-Headers", requested or "*"),
                        ("Access-Control-Max-Age", "0"),
                    ],
                ),
                "bystander",
                [],
            )
        return Answer("bystander 200", 200, '{"ok":true}', [("Content-Type", "application/json")]), "bystander", []

    variants, scenario, suffix = split_host(host)
    if scenario is None:
        return Answer("421 unmapped host", 421, "misdirected request\n", [("Content-Type", "text/plain")]), None, []
    gateway = suffix == APIM_SUFFIX
    known = GATEWAY_SCENARIOS if gateway else RESOURCE_SCENARIOS
    fallback = FALLBACK["gateway" if gateway else "resource"]
    if scenario not in known and fallback:
        scenario = fallback
    if req.method == "OPTIONS":
        return preflight(req, variants, ALLOW_HEADERS), scenario, variants
    if suffix == APIM_SUFFIX:
        return apim_answer(req, scenario), scenario, variants
    return azure_answer(req, scenario), scenario, variants


def with_cors(answer, variants, is_preflight):
    """Adds CORS headers to an actual (non-preflight) response, per the variants."""
    if is_preflight or "nocors" in variants or "nopreflight" in variants:
        return answer
    names = {k.lower() for k, _ in answer.headers}
    if "access-control-allow-origin" not in names:
        answer.headers.append(("Access-Control-Allow-Origin", "*"))
    if "expose" in variants:
        answer.headers.append(("Access-Control-Expose-Headers", EXPOSE_HEADERS))
    return answer


# ---------------------------------------------------------------------------------
# The server
# ---------------------------------------------------------------------------------


class RequestLog:
    """Appends one JSON object per line; every write is flushed at once."""

    def __init__(self, path):
        self.lock = threading.Lock()
        self.seq = 0
        self.file = open(path, "a", encoding="utf-8")

    def write(self, entry):
        with self.lock:
            self.seq += 1
            entry = {"seq": self.seq, **entry}
            self.file.write(json.dumps(entry, ensure_ascii=False) + "\n")
            self.file.flush()

    def close(self):
        with self.lock:
            self.file.close()


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    # Idle keep-alive connections are dropped after this many seconds.
    timeout = 30

    # Set by the server.
    log = None
    context = None
    stop = None
    hang_limit = 300.0

    def setup(self):
        self.sni = None
        raw = self.request
        raw.settimeout(10)
        try:
            self.request = self.context.wrap_socket(raw, server_side=True)
        except (ssl.SSLError, OSError) as e:
            self.log.write(
                {
                    "event": "tls-failure",
                    "client": "%s:%s" % self.client_address,
                    "error": type(e).__name__,
                    "time": now_iso(),
                }
            )
            raw.close()
            self.request = None
            return
        self.sni = getattr(self.request, "sni_name", None)
        super().setup()

    def handle(self):
        if self.request is None:
            return
        super().handle()

    def finish(self):
        if self.request is None:
            return
        try:
            super().finish()
        except OSError:
            pass

    # BaseHTTPRequestHandler calls do_<METHOD>; route every method through one place.
    def __getattr__(self, name):
        if name.startswith("do_"):
            return self.serve
        raise AttributeError(name)

    def parse_request(self):
        ok = super().parse_request()
        if not ok:
            self.log.write(
                {
                    "event": "bad-request",
                    "client": "%s:%s" % self.client_address,
                    "sni": self.sni,
                    "requestline": self.raw_requestline.decode("latin-1", "replace").rstrip("\r\n"),
                    "time": now_iso(),
                }
            )
        return ok

    def read_body(self):
        if self.headers.get("Transfer-Encoding", "").lower() == "chunked":
            chunks = []
            while True:
                size = int(self.rfile.readline().split(b";")[0].strip() or b"0", 16)
                if size == 0:
                    while self.rfile.readline() not in (b"\r\n", b"\n", b""):
                        pass
                    return b"".join(chunks)
                chunks.append(self.rfile.read(size))
                self.rfile.readline()
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length > 0 else b""

    def serve(self):
        body = self.read_body()
        split = urlsplit(self.path)
        host_header = self.headers.get("Host", "")
        host = host_header.rsplit(":", 1)[0] if not host_header.endswith("]") else host_header
        host = host.strip().lower().rstrip(".")
        req = Request(self.command, host, split.path, split.query, self.headers.items(), body)
        answer, scenario, variants = decide(req)
        answer = with_cors(answer, variants, self.command == "OPTIONS")

        try:
            text = body.decode("utf-8")
            body_b64 = None
        except UnicodeDecodeError:
            text = body.decode("utf-8", "replace")
            body_b64 = base64.b64encode(body).decode("ascii")
        self.log.write(
            {
                "time": now_iso(),
                "client": "%s:%s" % self.client_address,
                "sni": self.sni,
                "method": self.command,
                "host": host,
                "target": self.path,
                "path": split.path,
                "query": split.query,
                "query_params": parse_qsl(split.query, keep_blank_values=True),
                "headers": [[k, v] for k, v in self.headers.items()],
                "body": text,
                "body_base64": body_b64,
                "scenario": scenario,
                "variants": variants,
                "answer": answer.name,
                "status": None if answer.hang else answer.status,
            }
        )
        if answer.hang:
            self.hang()
            return
        self.send_response_only(answer.status)
        self.send_header("Date", formatdate(usegmt=True))
        for k, v in answer.headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(answer.body)))
        self.end_headers()
        if self.command != "HEAD":
            self.wfile.write(answer.body)
        self.wfile.flush()

    def hang(self):
        """Never answer: wait until the client goes away, the server stops, or the
        hang limit passes. Only this connection's thread waits."""
        self.close_connection = True
        deadline = time.monotonic() + self.hang_limit
        conn = self.connection
        conn.settimeout(0.2)
        while not self.stop.is_set() and time.monotonic() < deadline:
            try:
                if not conn.recv(1):
                    return  # the client closed the connection
            except (socket.timeout, ssl.SSLWantReadError):
                continue
            except (OSError, ValueError):
                return

    def log_message(self, format, *args):
        pass  # the JSON log is the record; keep stderr quiet


def now_iso():
    return datetime.now(timezone.utc).isoformat(timespec="milliseconds")


class MockServer(ThreadingHTTPServer):
    daemon_threads = True
    # Do not wait for hanging threads on close; they watch `stop` and end by themselves.
    block_on_close = False
    allow_reuse_address = True


def make_certificate(directory):
    """A self-signed certificate whose SANs cover every mapped name (openssl CLI)."""
    openssl = shutil.which("openssl")
    if openssl is None:
        sys.exit("azure_mock.py: the openssl command is needed to make the test certificate")
    cert = os.path.join(directory, "cert.pem")
    key = os.path.join(directory, "key.pem")
    san = ",".join(["DNS:" + n for n in CERT_NAMES] + ["IP:127.0.0.1"])
    subprocess.run(
        [
            openssl, "req", "-x509", "-newkey", "ec",
            "-pkeyopt", "ec_paramgen_curve:prime256v1",
            "-nodes", "-keyout", key, "-out", cert, "-days", "7",
            "-subj", "/CN=401 Doctor test mock",
            "-addext", "subjectAltName=" + san,
            "-addext", "basicConstraints=critical,CA:TRUE",
            "-addext", "keyUsage=critical,digitalSignature,keyCertSign",
            "-addext", "extendedKeyUsage=serverAuth",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    return cert, key


def tls_context(cert, key):
    ctx = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    ctx.load_cert_chain(cert, key)
    ctx.set_alpn_protocols(["http/1.1"])

    def remember_sni(sslsock, name, _ctx):
        try:
            sslsock.sni_name = name
        except AttributeError:
            pass
        return None

    ctx.sni_callback = remember_sni
    return ctx


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, required=True, help="port on 127.0.0.1; 0 picks a free one")
    parser.add_argument("--log", required=True, help="append every request as a JSON line to this file")
    parser.add_argument("--cert-dir", help="write cert.pem/key.pem here and keep them (default: a temp dir, removed at exit)")
    parser.add_argument("--fallback-resource", choices=sorted(RESOURCE_SCENARIOS), help="behaviour of an unknown first label on an Azure resource host (default: 404 A10)")
    parser.add_argument("--fallback-gateway", choices=sorted(GATEWAY_SCENARIOS), help="behaviour of an unknown first label on a gateway host (default: 404)")
    parser.add_argument("--hang-limit", type=float, default=300.0, help="seconds a `hang` request waits at most")
    args = parser.parse_args()

    FALLBACK["resource"] = args.fallback_resource
    FALLBACK["gateway"] = args.fallback_gateway
    temp_dir = None
    if args.cert_dir:
        os.makedirs(args.cert_dir, exist_ok=True)
        cert_dir = args.cert_dir
    else:
        temp_dir = tempfile.mkdtemp(prefix="azure-mock-")
        cert_dir = temp_dir
    cert, key = make_certificate(cert_dir)

    stop = threading.Event()
    log = RequestLog(args.log)
    Handler.log = log
    Handler.context = tls_context(cert, key)
    Handler.stop = stop
    Handler.hang_limit = args.hang_limit
    server = MockServer(("127.0.0.1", args.port), Handler)

    def on_signal(_signum, _frame):
        stop.set()

    signal.signal(signal.SIGTERM, on_signal)
    signal.signal(signal.SIGINT, on_signal)

    thread = threading.Thread(target=server.serve_forever, kwargs={"poll_interval": 0.1}, daemon=True)
    thread.start()
    print(f"listening on https://127.0.0.1:{server.server_port}/ cert={cert}", flush=True)
    while not stop.wait(0.5):
        pass
    server.shutdown()
    server.server_close()
    log.close()
    if temp_dir:
        shutil.rmtree(temp_dir, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
