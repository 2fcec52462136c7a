"""The cases the snippet harness runs the engine on: the shared corpus, and each corpus
case moved onto every endpoint variant below (its credential, header, error output and
response kept), so each fix template is seen on every API surface it can meet.

A variant's endpoint is written the way users paste it; its host's first label is one
the test server does not know, so `azure_mock.py --fallback-*` answers as a healthy
resource (`ok`) or a default gateway (`apim-ok`), and only the request decides.
"""

import glob
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.normpath(os.path.join(HERE, "..", "..", "..", "shared", "corpus"))

# name -> endpoint, one of each kind the issue names (auth-failures.md 4.1, 4.3).
VARIANTS = {
    "classic": "https://contoso.openai.azure.com/",
    "classic-cognitiveservices": "https://contoso.cognitiveservices.azure.com/",
    "classic-full-url": "https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21",
    "v1": "https://contoso.openai.azure.com/openai/v1/",
    "v1-foundry": "https://contoso.services.ai.azure.com/openai/v1/",
    "models": "https://contoso.services.ai.azure.com/models",
    "project": "https://contoso.services.ai.azure.com/api/projects/agents",
    "apim": "https://contoso-gw.azure-api.net/",
    "apim-suffix": "https://contoso-gw.azure-api.net/my-api/openai",
    "openai": "https://api.openai.com/v1",
    "usgov": "https://contoso.openai.azure.us/",
    "china": "https://contoso.cognitiveservices.azure.cn/",
}

# Situations written for the variants, beyond the corpus: what a gateway whose
# subscription header is renamed `api-key` says to a wrong key sent there (B2: it read
# the header), and a padded api-version (issue 13: `"2024-10-21\r"` went into URLs raw).
EXTRA = {
    "apim-renamed-header": {
        "endpoint": "https://contoso-gw.azure-api.net/my-api/openai",
        "credential": "0b23766828afa33a6375919dd61a7181",
        "auth_header": "api-key",
        "deployment": "chat",
        "response": {
            "status": 401,
            "body": '{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }',
        },
    },
    "apim-default-header": {
        "endpoint": "https://contoso-gw.azure-api.net/my-api/openai",
        "credential": "0b23766828afa33a6375919dd61a7181",
        "auth_header": "api-key",
        "deployment": "chat",
        "response": {
            "status": 401,
            "body": '{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." }',
        },
    },
}
for _ws, _pad in {"cr": "\r", "crlf": "\r\n", "space": " ", "tab": "\t", "lead": "  "}.items():
    _v = ("  2024-10-21" if _ws == "lead" else "2024-10-21" + _pad)
    EXTRA[f"api-version-{_ws}"] = {
        "endpoint": "https://contoso.openai.azure.com/",
        "credential": "9d2f6a1c04b84e7f93a5c1d2e8f7b6a0",
        "auth_header": "api-key",
        "deployment": "chat",
        "api_version": _v,
        "error_text": "openai.NotFoundError: Error code: 404 - {'error': {'code': '404', 'message': 'Resource not found'}}",
    }


def corpus():
    """(name, case) for every corpus scenario."""
    out = []
    for path in sorted(glob.glob(os.path.join(CORPUS, "*.json"))):
        with open(path, encoding="utf-8") as f:
            out.append((os.path.basename(path)[:-5], json.load(f)["case"]))
    if not out:
        raise SystemExit(f"no corpus cases in {CORPUS}")
    return out


def all_cases():
    """(name, case): the corpus, the extra situations, and every corpus case on every
    variant endpoint."""
    base = corpus()
    out = list(base) + [(k, dict(v)) for k, v in EXTRA.items()]
    for name, case in base:
        for variant, endpoint in VARIANTS.items():
            moved = dict(case, endpoint=endpoint)
            out.append((f"{name}@{variant}", moved))
    return out
