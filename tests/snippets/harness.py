#!/usr/bin/env python3
"""Every fix the engine writes, run by the real client it is written for (issue 13).

    python3 tests/snippets/harness.py [--doctor PATH] [--clients DIR] [--keep DIR] [-v]

1. The real CLI (`doctor --json`) diagnoses the corpus, the corpus moved onto every
   endpoint variant of `cases.py`, and a few extra situations.
2. Every fenced block of every fix and next step is taken out, and its placeholders are
   filled as a user would (`<resource-group>` → a name; nothing else is rewritten).
3. Each distinct snippet runs with its client, against `tests/e2e/azure_mock.py` on port
   443 of a private network namespace whose /etc/hosts sends every name to loopback:
   * `sh`: `bash -n`; with curl in it, run by bash (curl from Debian), `az` being the
     token stand-in of `bin/az`; every `az` line is parsed by the real azure-cli.
   * `python`: `py_compile`, then run with openai-python 2.33.0, 2.34.0 and the newest
     release (azure-identity, azure-ai-inference; azure-ai-projects with the newest
     only, which it needs), plus the one call a user makes next (`client.chat…`).
   * `js`: `node --check`, then run with openai (npm) and @azure/identity.
   * `csharp`: no .NET SDK installs here, so read: the API names against
     Azure.AI.OpenAI 2.1 / OpenAI 2.x, the URLs and scopes like every other snippet.
     Compiled when `dotnet` is on PATH (see `check_csharp`).
   Tokens come from a managed-identity token stub (IDENTITY_ENDPOINT/IDENTITY_HEADER,
   what azure-identity's DefaultAzureCredential reads on App Service) that records the
   resource each token was asked for.
4. From the server's request log: the host, the path for the API surface, the
   api-version (clean, where needed, absent on v1), no doubled segments, the header the
   credential goes in, the credential itself, and the token's scope.

The environment of every run is the one our own key fixes leave behind:
`AZURE_OPENAI_API_KEY` exported. All keys are synthetic. Nothing leaves the namespace:
it has only a loopback interface.

Exit 0 when every snippet passed; prints the table (family × client: run, passed) and
each failure. `DOCTOR_SNIPPET_MUTATE=OLD=>NEW` rewrites each report before extraction
(the negative control in test_harness.py uses it to break a header name).
"""

import argparse
import base64
import collections
import json
import os
import py_compile
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import uuid
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

import cases

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.normpath(os.path.join(HERE, "..", ".."))
MOCK = os.path.join(ROOT, "tests", "e2e", "azure_mock.py")
CLOCK = "1795424400"  # 2026-11-23T09:00:00Z, the corpus's `now`

# Synthetic credentials, the values the snippets read from the environment.
AZURE_KEY = "5ynth371c0a1b2c3d4e5f60718293a4b"
APIM_KEY = "a9im5ub5cr1pt10nk3y0000000000001"
OPENAI_KEY = "sk-proj-SYNTHETIC-OK-" + "x" * 40 + "T3BlbkFJ" + "y" * 40
KEYS = {"AZURE_OPENAI_API_KEY": AZURE_KEY, "APIM_SUBSCRIPTION_KEY": APIM_KEY, "OPENAI_API_KEY": OPENAI_KEY}

# The client versions, pinned here and in `dev` (setup_snippet_clients).
PY_VERSIONS = ["2.33.0", "2.34.0", "3.57.0"]
NEWEST_PY = PY_VERSIONS[-1]

# Placeholders the engine writes, and what a user types in their place.
FILL = {
    "<resource-group>": "rg-ai",
    "<rg>": "rg-ai",
    "<gateway-resource-group>": "rg-gateway",
    "<deployment>": "contoso-chat",
    "<project>": "agents",
    "<app>": "contoso-app",
    "<identity>": "id-contoso-app",
    "<identity resource id>": "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.ManagedIdentity/userAssignedIdentities/id-contoso-app",
    "<tenant id of the resource>": "3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13",
    "<object id (oid) of the user, app or managed identity>": "a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95",
    "<object id of the identity that gets the token>": "a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95",
    "<object id of the gateway's managed identity>": "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f",
    "<backend-resource-name>": "contoso-backend",
    "<app id>": "6d2f0e5c-1b4a-4f38-9e7d-2c5b8a1f0e93",
}
PLACEHOLDER = re.compile(r"<[a-z][a-z0-9 ()'_.-]*>")
RESOURCE_SUFFIXES = (
    "openai.azure.com", "cognitiveservices.azure.com", "services.ai.azure.com",
    "openai.azure.us", "cognitiveservices.azure.us", "openai.azure.cn", "cognitiveservices.azure.cn",
)
GATEWAY_SUFFIX = "azure-api.net"
CLASSIC_API_VERSION = re.compile(r"^\d{4}-\d{2}-\d{2}(-preview)?$")
MODELS_API_VERSION = "2024-05-01-preview"


# --------------------------------------------------------------------------- snippets


class Snippet:
    """One fenced block as a user would run it, and what it must do."""

    def __init__(self, lang, code, world, origin):
        self.lang = lang
        self.code = code  # placeholders filled
        self.world = world  # what the service it is for reads (see `world_of`)
        self.origins = [origin]  # (case name, cause id) that wrote it
        self.results = []  # (family, client, ok, message)

    def key(self):
        return (self.lang, self.code, json.dumps(self.world, sort_keys=True))


def world_of(case):
    """What the service behind the case's endpoint reads, as far as the case tells.

    A gateway reads its subscription key from `Ocp-Apim-Subscription-Key` unless the
    case shows it reading `api-key`: a key sent there was called *invalid* (B2), not
    missing (B1). Tokens sent to a gateway are for the audience the case's token names
    when that is an app's own (`api://…`, B4), else cognitiveservices.
    """
    texts = json.dumps([case.get("error_text"), case.get("response")]).lower()
    renamed = case.get("auth_header") == "api-key" and "invalid subscription key" in texts
    aud = None
    for field in ("token", "credential"):
        claims = jwt_claims(case.get(field) or "")
        if str(claims.get("aud", "")).startswith("api://"):
            aud = claims["aud"].rstrip("/")
    return {"gateway_header": "api-key" if renamed else "ocp-apim-subscription-key", "gateway_audience": aud}


def jwt_claims(text):
    parts = text.strip().removeprefix("Bearer ").split(".")
    if len(parts) != 3:
        return {}
    try:
        return json.loads(base64.urlsafe_b64decode(parts[1] + "=" * (-len(parts[1]) % 4)))
    except ValueError:
        return {}


def fill(code):
    """The snippet with every placeholder replaced, or an error for one we do not know."""
    for name, value in FILL.items():
        code = code.replace(name, value)
    # `<resource-name>` stands for the user's Azure OpenAI resource.
    code = code.replace("<resource-name>", "contoso")
    left = [p for p in PLACEHOLDER.findall(code) if p not in ("<token>",)]
    return code, left


def extract(reports):
    """Distinct snippets of every report, and the failures found without running any."""
    found = collections.OrderedDict()
    static_failures = []
    for name, case, report in reports:
        world = world_of(case)
        fixes = [(c["id"], c["fix"]) for c in report["causes"]]
        if report.get("next_step"):
            fixes.append(("next_step", [report["next_step"]]))
        for cause, steps in fixes:
            blocks = []
            for step in steps:
                for m in re.finditer(r"```(\w*)\n(.*?)\n```", step, re.S):
                    code, left = fill(m.group(2))
                    if left:
                        static_failures.append((name, cause, m.group(1), f"placeholder a user cannot fill: {left}", code))
                    blocks.append((m.group(1), code))
            static_failures += [(name, cause, "sh", msg, code) for msg, code in sequence_problems(blocks)]
            for lang, code in blocks:
                s = Snippet(lang, code, world, (name, cause))
                if s.key() in found:
                    found[s.key()].origins.append((name, cause))
                else:
                    found[s.key()] = s
    return list(found.values()), static_failures


def sequence_problems(blocks):
    """A fix that exports a variable and then checks the call sends it there (issue 13:
    project key fixes set the key and then checked with a token), and a test of one
    variable followed by a request that sends another."""
    out = []
    exported = []
    for lang, code in blocks:
        if lang != "sh":
            continue
        sent = set(re.findall(r"-H \"[^\"]*\$([A-Z_]+)", code))
        for var in exported:
            if "curl" in code and var not in sent:
                out.append((f"the fix exports {var} and then checks a call that does not send it (sends {sorted(sent)})", code))
        exported += re.findall(r"^export ([A-Z_]+)=", code, re.M)
        for var in re.findall(r"test -n \"\$([A-Z_]+)\"", code):
            if "curl" in code and var not in sent:
                out.append((f"checks ${var} is set, then sends {sorted(sent)}", code))
    return out


# --------------------------------------------------------------------------- the token stub


class TokenStub:
    """A managed-identity endpoint (App Service's protocol, 2019-08-01) on loopback: each
    token is an unsigned JWT for the resource asked for, with a fresh `jti`; `issued`
    maps each token to that resource."""

    SECRET = "snippet-harness-identity-header"

    def __init__(self):
        self.issued = {}
        stub = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):
                q = parse_qs(urlsplit(self.path).query)
                resource = (q.get("resource") or [""])[0]
                if self.headers.get("X-IDENTITY-HEADER") != TokenStub.SECRET or not resource:
                    self.send_response(400)
                    self.end_headers()
                    return
                token = stub.make(resource)
                body = json.dumps({
                    "access_token": token, "expires_on": str(int(time.time()) + 3600),
                    "resource": resource, "token_type": "Bearer", "client_id": "stub",
                }).encode()
                self.send_response(200)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/msi/token"
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def make(self, resource):
        b64 = lambda d: base64.urlsafe_b64encode(json.dumps(d).encode()).decode().rstrip("=")
        now = int(time.time())
        aud = resource.removesuffix("/.default")
        token = ".".join([b64({"typ": "JWT", "alg": "RS256"}), b64({"aud": aud, "jti": uuid.uuid4().hex, "iat": now, "exp": now + 3600}), "c2lnbmF0dXJl"])
        self.issued[token] = resource
        return token


# --------------------------------------------------------------------------- judging requests


def expected_audience(host, path, world):
    """The audience a token must have for this request (auth-failures.md 3.1)."""
    if host.endswith(GATEWAY_SUFFIX):
        return world["gateway_audience"] or "https://cognitiveservices.azure.com"
    if "/api/projects/" in path:
        return "https://ai.azure.com"
    if host.endswith(".azure.us"):
        return "https://cognitiveservices.azure.us"
    if host.endswith(".azure.cn"):
        return "https://cognitiveservices.azure.cn"
    return "https://cognitiveservices.azure.com"


def judge(entry, snippet, stub):
    """What is wrong with one logged request, as a list of reasons (empty: right)."""
    bad = []
    host, path = entry["host"], entry["path"]
    headers = collections.defaultdict(list)
    for k, v in entry["headers"]:
        headers[k.lower()].append(v)
    query = entry.get("query_params") or {}
    query = {k: v for k, v in (query.items() if isinstance(query, dict) else query)}
    segs = [s for s in path.split("/")]
    if "//" in path or any(segs[i] and segs[i] == segs[i + 1] for i in range(len(segs) - 1)) or any(
        segs[i : i + 2] == segs[i + 2 : i + 4] and segs[i] for i in range(len(segs) - 3)
    ):
        bad.append(f"doubled segment in {path}")
    gateway = host.endswith(GATEWAY_SUFFIX)
    resource = host.endswith(RESOURCE_SUFFIXES)
    openai = host == "api.openai.com"
    if not (gateway or resource or openai):
        bad.append(f"request to {host}, which is no service the fix is for")
    version = query.get("api-version")
    if isinstance(version, list):
        version = version[0] if version else None
    v1 = "/openai/v1/" in path or openai
    if openai and not path.startswith("/v1/"):
        bad.append(f"OpenAI has no {path} (an Azure client pointed at api.openai.com?)")
    if v1 and version is not None:
        bad.append(f"api-version {version!r} on a v1 path")
    if path.startswith("/models/") and version != MODELS_API_VERSION:
        bad.append(f"/models wants api-version={MODELS_API_VERSION}, got {version!r}")
    if not v1 and not path.startswith("/models/") and not CLASSIC_API_VERSION.match(version or ""):
        bad.append(f"classic path without a clean api-version: {version!r}")

    api_key = headers.get("api-key", [])
    sub_key = headers.get("ocp-apim-subscription-key", [])
    auth = headers.get("authorization", [])
    bearer = [a[7:] for a in auth if a[:7].lower() == "bearer "]
    if len(auth) > 1 or len(api_key) > 1 or len(sub_key) > 1:
        bad.append("a credential header sent twice")
    tokens = [b for b in bearer if b.count(".") == 2 and b.startswith("eyJ")]
    for t in tokens:
        want = expected_audience(host, path, snippet.world)
        got = stub.issued.get(t)
        if got is None:
            bad.append("a Bearer token the token stub never issued")
        elif got.removesuffix("/.default") != want:
            bad.append(f"token asked for {got}, the service wants {want}")
    keys_sent = {"api-key": api_key, "ocp-apim-subscription-key": sub_key, "bearer": [b for b in bearer if b not in tokens]}
    sent = {h: v[0] for h, v in keys_sent.items() if v}
    if openai:
        if tokens:
            bad.append("an Entra ID token sent to OpenAI, which takes only its own keys")
        if sent != {"bearer": OPENAI_KEY}:
            bad.append(f"OpenAI wants Authorization: Bearer $OPENAI_API_KEY, got {describe(sent)}")
    elif resource:
        project = "/api/projects/" in path
        if tokens:
            if sent:
                bad.append(f"a token and also {describe(sent)} (the exported key rides along)")
        elif project:
            bad.append(f"a project takes Entra ID tokens, got {describe(sent)}")
        elif not (sent == {"api-key": AZURE_KEY} or sent == {"api-key": AZURE_KEY, "bearer": AZURE_KEY} or (v1 and sent == {"bearer": AZURE_KEY})):
            bad.append(f"the resource wants api-key: $AZURE_OPENAI_API_KEY{' (or Bearer on v1)' if v1 else ''}, got {describe(sent)}")
    elif gateway:
        header = snippet.world["gateway_header"]
        if not tokens or sent:
            want = {header: APIM_KEY}
            if sent != want:
                bad.append(f"the gateway reads its subscription key from {header}, got {describe(sent)}")
    return bad


def describe(sent):
    names = {AZURE_KEY: "$AZURE_OPENAI_API_KEY", APIM_KEY: "$APIM_SUBSCRIPTION_KEY", OPENAI_KEY: "$OPENAI_API_KEY"}
    return "{" + ", ".join(f"{h}: {names.get(v, 'another value')}" for h, v in sent.items()) + "}" if sent else "no credential"


# --------------------------------------------------------------------------- running


class Runner:
    """Runs snippets in the namespace and reads what reached the server."""

    def __init__(self, clients, work, log, stub, cert, verbose):
        self.clients, self.work, self.log_path, self.stub, self.cert = clients, work, log, stub, cert
        self.verbose = verbose
        self.n = 0

    def env(self, extra_path=None):
        home = tempfile.mkdtemp(dir=self.work, prefix="home-")
        env = {
            "PATH": (extra_path + ":" if extra_path else "") + "/usr/local/bin:/usr/bin:/bin",
            "HOME": home,
            "AZURE_CONFIG_DIR": os.path.join(home, ".azure"),
            "SNIPPET_AZ_LOG": os.path.join(home, "az-log.jsonl"),
            "IDENTITY_ENDPOINT": self.stub.url,
            "IDENTITY_HEADER": TokenStub.SECRET,
            "SSL_CERT_FILE": self.cert,
            "REQUESTS_CA_BUNDLE": self.cert,
            "CURL_CA_BUNDLE": self.cert,
            "NODE_EXTRA_CA_CERTS": self.cert,
            "AZURE_CORE_COLLECT_TELEMETRY": "no",
            "LANG": "C.UTF-8",
            **KEYS,
        }
        os.makedirs(env["AZURE_CONFIG_DIR"])
        return env

    def mark(self):
        with open(self.log_path, encoding="utf-8") as f:
            return sum(1 for _ in f)

    def since(self, mark):
        with open(self.log_path, encoding="utf-8") as f:
            return [json.loads(line) for line in f.readlines()[mark:]]

    def run(self, argv, env, timeout=60, cwd=None):
        """(exit code, output) of one client run, bounded in time."""
        try:
            p = subprocess.run(argv, env=env, cwd=cwd or self.work, capture_output=True, text=True, timeout=timeout)
            return p.returncode, (p.stdout + p.stderr)[-3000:]
        except subprocess.TimeoutExpired:
            return "timeout", f"no exit within {timeout} s"

    def requests_ok(self, snippet, argv, env, family, client, need_request=True, cwd=None):
        mark = self.mark()
        issued_before = len(self.stub.issued)
        rc, out = self.run(argv, env, cwd=cwd)
        entries = [e for e in self.since(mark) if "event" not in e]
        problems = []
        if rc != 0:
            problems.append(f"exit {rc}: {error_line(out)}")
        if need_request and not entries and rc == 0:
            problems.append("no request reached the server")
        for e in entries:
            for b in judge(e, snippet, self.stub):
                problems.append(f"{e['method']} {e['host']}{e['path']}: {b}")
            if e.get("status") and e["status"] >= 400 and not e["host"].endswith(GATEWAY_SUFFIX):
                problems.append(f"{e['method']} {e['host']}{e['target']}: answered {e['status']} {e['answer']}")
            if e.get("status") == 404 and e["host"].endswith(GATEWAY_SUFFIX):
                problems.append(f"{e['method']} {e['host']}{e['target']}: the gateway has no such API path")
        if not need_request and len(self.stub.issued) == issued_before and not entries:
            problems.append("neither a request nor a token")
        snippet.results.append((family, client, not problems, "; ".join(problems), out))
        return not problems


def error_line(out):
    """The line of a client's output that names its error (the last one that says
    Error, else the last line)."""
    lines = [l.strip() for l in out.splitlines() if l.strip()]
    named = [l for l in lines if "Error" in l or "error" in l]
    return (named or lines or [""])[-1][:400]


def sh_family(code):
    return "curl (sh)" if re.search(r"(^|\n|\$\()\s*curl ", code) else "shell (other)"


def az_commands(code):
    """Every `az …` invocation in a shell snippet, as argument lists, with command
    substitutions and variables a user's shell would expand given plausible values."""
    text = code.replace("\\\n", " ")
    resource_id = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso"
    inner = re.findall(r"\$\((az [^()]*)\)", text)
    text = re.sub(r"\$\((az [^()]*)\)", resource_id, text)
    text = text.replace('"$RESOURCE_ID"', resource_id).replace('"$PRINCIPAL_ID"', "0c1d2e3f-4a5b-4c6d-8e7f-9a0b1c2d3e4f")
    out = []
    for line in inner + text.split("\n"):
        line = line.split("#", 1)[0] if "#" in line and not line.strip().startswith("az") else line
        for part in re.split(r"&&|\|\||;", line):
            part = part.strip()
            part = re.sub(r"^[A-Z_]+=", "", part)
            part = part.removeprefix("export ").strip()
            part = re.sub(r"^[A-Z_]+=", "", part)
            if part.startswith("az "):
                out.append(shlex.split(part)[1:])
    return out


AZ_PARSE = r'''
import json, sys, io, contextlib
from azure.cli.core import get_default_cli
results = []
for args in json.load(sys.stdin):
    err = io.StringIO()
    with contextlib.redirect_stderr(err), contextlib.redirect_stdout(io.StringIO()):
        try:
            code = get_default_cli().invoke(args)
        except SystemExit as e:
            code = e.code
    results.append([code, err.getvalue()[-800:]])
json.dump(results, sys.stdout)
'''


def az_meaning(args, snippet):
    """What an `az` line gets wrong in meaning, given the names of the case."""
    bad = []
    name = args[args.index("--name") + 1] if "--name" in args and args.index("--name") + 1 < len(args) else None
    if args[:2] == ["cognitiveservices", "account"] and name:
        if name in snippet.world.get("gateway_names", []):
            bad.append(f"`az cognitiveservices account … --name {name}` names the API Management gateway, not an Azure OpenAI resource")
        if name == "api":
            bad.append("`--name api` is api.openai.com's first label, not an Azure resource")
    return bad


def check_az(snippets, runner):
    """Every `az` line through the real azure-cli (parse: exit 2 with an argument error
    fails; stopping at "run az login" passes), one process for all of them."""
    jobs = []
    for s in snippets:
        if s.lang == "sh":
            for args in az_commands(s.code):
                jobs.append((s, args))
    if not jobs:
        return
    distinct = list({json.dumps(a): a for _, a in jobs}.values())
    env = runner.env()
    py = os.path.join(runner.clients, "az", "bin", "python")
    p = subprocess.run([py, "-c", AZ_PARSE], input=json.dumps(distinct), env=env, capture_output=True, text=True, timeout=170)
    if p.returncode != 0:
        raise SystemExit(f"azure-cli did not run: {p.stderr[-2000:]}")
    verdicts = {json.dumps(a): r for a, r in zip(distinct, json.loads(p.stdout))}
    for s, args in jobs:
        code, err = verdicts[json.dumps(args)]
        problems = []
        if code not in (0, 1) or "unrecognized arguments" in err or "the following arguments are required" in err or "is misspelled" in err:
            problems.append(f"az {' '.join(args)}: exit {code}: {err.strip().splitlines()[-1] if err.strip() else ''}")
        problems += az_meaning(args, s)
        s.results.append(("az lines", "azure-cli", not problems, "; ".join(problems), err))


def check_sh(s, runner):
    path = os.path.join(runner.work, f"s{runner.n}.sh")
    runner.n += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write("set -e\n" + s.code + "\n")
    family = sh_family(s.code)
    rc, out = runner.run(["bash", "-n", path], runner.env())
    if rc != 0:
        s.results.append((family, "bash -n", False, f"bash -n: {out.strip()}", out))
        return
    if family != "curl (sh)":
        s.results.append((family, "bash -n", True, "", out))
        return
    env = runner.env(extra_path=os.path.join(HERE, "bin"))
    # curl -i prints the answer; a 4xx is judged from the log, not from curl's exit.
    runner.requests_ok(s, ["bash", path], env, family, "curl " + curl_version())
    with open(env["SNIPPET_AZ_LOG"], "a", encoding="utf-8"):
        pass


_CURL = []


def curl_version():
    if not _CURL:
        _CURL.append(subprocess.run(["curl", "--version"], capture_output=True, text=True).stdout.split()[1])
    return _CURL[0]


PY_CALL = '''

# --- added by the snippet harness: the call a user makes next ---------------------
import sys as _sys
_client = globals().get("client")
_messages = [{"role": "user", "content": "ping"}]
try:
    if _client is not None and hasattr(_client, "chat"):
        _client.chat.completions.create(model=%(model)r, messages=_messages, max_tokens=1)
    elif _client is not None and hasattr(_client, "complete"):
        _client.complete(model=%(model)r, messages=_messages, max_tokens=1)
    elif _client is not None:
        raise SystemExit("harness: `client` is no client it knows")
except Exception as _e:
    _status = getattr(_e, "status_code", None) or getattr(getattr(_e, "response", None), "status_code", None)
    if not isinstance(_status, int):
        raise
    print("answered", _status)
'''


def py_family(code):
    if "azure.ai.projects" in code:
        return "python azure-ai-projects"
    if "azure.ai.inference" in code:
        return "python azure-ai-inference"
    if "openai" in code or "AzureOpenAI" in code:
        return "python openai"
    return "python azure-identity"


def check_python(s, runner):
    path = os.path.join(runner.work, f"s{runner.n}.py")
    runner.n += 1
    family = py_family(s.code)
    with open(path, "w", encoding="utf-8") as f:
        f.write(s.code + PY_CALL % {"model": "contoso-chat"})
    try:
        py_compile.compile(path, doraise=True)
    except py_compile.PyCompileError as e:
        s.results.append((family, "py_compile", False, str(e), ""))
        return
    versions = [NEWEST_PY] if family == "python azure-ai-projects" else PY_VERSIONS
    makes_client = re.search(r"^client\s*=", s.code, re.M) or re.search(r"^\s*client\s*=", s.code, re.M)
    for v in versions:
        py = os.path.join(runner.clients, f"py-openai-{v}", "bin", "python")
        runner.requests_ok(s, [py, path], runner.env(), family, f"openai-python {v}", need_request=bool(makes_client))


JS_CALL = '''

// --- added by the snippet harness: the call a user makes next ---------------------
import { APIError as __HarnessAPIError } from "openai";
try {
  await client.chat.completions.create({ model: %(model)s, messages: [{ role: "user", content: "ping" }], max_tokens: 1 });
} catch (e) {
  if (!(e instanceof __HarnessAPIError) || typeof e.status !== "number") throw e;
  console.log("answered", e.status);
}
'''


def check_js(s, runner):
    node_dir = os.path.join(runner.clients, "node")
    run_dir = tempfile.mkdtemp(dir=node_dir, prefix="run-")
    path = os.path.join(run_dir, f"s{runner.n}.mjs")
    runner.n += 1
    with open(path, "w", encoding="utf-8") as f:
        f.write(s.code + JS_CALL % {"model": json.dumps("contoso-chat")})
    try:
        rc, out = runner.run(["node", "--check", path], runner.env())
        if rc != 0:
            s.results.append(("js openai + @azure/identity", "node --check", False, out.strip()[-500:], out))
            return
        version = json.load(open(os.path.join(node_dir, "node_modules", "openai", "package.json")))["version"]
        runner.requests_ok(s, ["node", path], runner.env(), "js openai + @azure/identity", f"openai (npm) {version}", cwd=run_dir)
    finally:
        shutil.rmtree(run_dir, ignore_errors=True)


# The members of Azure.AI.OpenAI 2.1 / OpenAI 2.x / System.ClientModel the C# snippets may
# use, as documented (Azure.AI.OpenAI README: AzureOpenAIClient(Uri, TokenCredential,
# AzureOpenAIClientOptions), AzureOpenAIClientOptions.Audience, AzureOpenAIAudience;
# OpenAI .NET: ChatClient(model, AuthenticationPolicy, OpenAIClientOptions),
# OpenAIClientOptions.Endpoint; System.ClientModel: BearerTokenPolicy(provider, scope)).
CSHARP_TYPES = {
    "AzureOpenAIClient", "AzureOpenAIClientOptions", "AzureOpenAIAudience", "DefaultAzureCredential",
    "BearerTokenPolicy", "ChatClient", "OpenAIClientOptions", "Uri", "ApiKeyCredential", "AzureKeyCredential",
}


def check_csharp(s, runner):
    """Read against the documented API (no .NET SDK installs here); compiled with
    `dotnet build` the day one is on PATH."""
    problems = []
    for t in set(re.findall(r"new ([A-Z][A-Za-z]+)\(", s.code)) | set(re.findall(r"new ([A-Z][A-Za-z]+) \{", s.code)):
        if t not in CSHARP_TYPES:
            problems.append(f"`new {t}` is not in the API list the harness checks against")
    for url in re.findall(r'new Uri\("([^"]+)"\)', s.code):
        u = urlsplit(url)
        azure_client = "AzureOpenAIClient(" in s.code
        if azure_client and u.hostname == "api.openai.com":
            problems.append("AzureOpenAIClient pointed at api.openai.com")
        if azure_client and u.path.strip("/"):
            if not u.hostname.endswith(GATEWAY_SUFFIX):
                problems.append(f"AzureOpenAIClient wants the resource root, got {url}")
        if "ChatClient(" in s.code and not u.path.rstrip("/").endswith("/openai/v1") and u.hostname != "api.openai.com":
            problems.append(f"the OpenAI client wants a v1 base, got {url}")
        for scope in re.findall(r'"(https://[^"]+/\.default)"', s.code):
            want = expected_audience(u.hostname or "", u.path + "/", s.world)
            if scope.removesuffix("/.default") != want:
                problems.append(f"scope {scope} for {url}, the service wants {want}")
    if "AzureOpenAIClient(" in s.code and re.search(r"azure\.(us|cn)", s.code) and "Audience" not in s.code:
        problems.append("a sovereign endpoint without its Audience")
    client = "read (no .NET SDK)"
    if shutil.which("dotnet"):
        client = "dotnet build"
        problems += compile_csharp(s.code, runner)
    s.results.append(("csharp Azure.AI.OpenAI", client, not problems, "; ".join(problems), ""))


def compile_csharp(code, runner):
    d = tempfile.mkdtemp(dir=runner.work, prefix="cs-")
    with open(os.path.join(d, "snippet.csproj"), "w") as f:
        f.write('<Project Sdk="Microsoft.NET.Sdk"><PropertyGroup><OutputType>Exe</OutputType><TargetFramework>net8.0</TargetFramework><ImplicitUsings>enable</ImplicitUsings></PropertyGroup><ItemGroup>'
                '<PackageReference Include="Azure.AI.OpenAI" Version="2.1.0" /><PackageReference Include="Azure.Identity" Version="1.14.0" /></ItemGroup></Project>')
    with open(os.path.join(d, "Program.cs"), "w") as f:
        f.write(code + "\n")
    rc, out = runner.run(["dotnet", "build", "-nologo", "-v", "q"], os.environ.copy(), timeout=300, cwd=d)
    return [] if rc == 0 else [f"dotnet build: {out.strip()[-500:]}"]


# --------------------------------------------------------------------------- main


def diagnose(doctor, work):
    """(name, case, report) for every case, through the real CLI."""
    mutate = os.environ.get("DOCTOR_SNIPPET_MUTATE")
    out = []
    matched = 0
    for name, case in cases.all_cases():
        p = subprocess.run([doctor, "--json", "--clock", CLOCK, "-"], input=json.dumps(case), capture_output=True, text=True, timeout=60)
        if p.returncode != 0:
            raise SystemExit(f"doctor failed on {name}: {p.stderr}")
        text = p.stdout
        if mutate:
            old, new = mutate.split("=>", 1)
            matched += text.count(old)
            text = text.replace(old, new)
        out.append((name, case, json.loads(text)))
    if mutate and not matched:
        raise SystemExit("DOCTOR_SNIPPET_MUTATE matched nothing")
    return out


def hosts_of(snippets):
    names = {"api.openai.com"}
    for s in snippets:
        names |= set(re.findall(r"https://([a-z0-9.-]+)", s.code))
    return sorted(names)


def inside(args):
    """The run itself, in the namespace (loopback only, our own /etc/hosts)."""
    work = args.keep or tempfile.mkdtemp(prefix="snippets-")
    os.makedirs(work, exist_ok=True)
    reports = diagnose(args.doctor, work)
    snippets, static_failures = extract(reports)
    gateway_names = sorted({h.split(".")[0] for s in snippets for h in re.findall(r"https://([a-z0-9.-]+)", s.code) if h.endswith(GATEWAY_SUFFIX)})
    for s in snippets:
        s.world["gateway_names"] = gateway_names

    subprocess.run(["ip", "link", "set", "lo", "up"], check=True)
    hosts = os.path.join(work, "hosts")
    with open(hosts, "w") as f:
        f.write("127.0.0.1 localhost\n" + "".join(f"127.0.0.1 {h}\n" for h in hosts_of(snippets)))
    subprocess.run(["mount", "--bind", hosts, "/etc/hosts"], check=True)

    log = os.path.join(work, "mock.jsonl")
    open(log, "w").close()
    mock = subprocess.Popen(
        [sys.executable, MOCK, "--port", "443", "--log", log, "--cert-dir", os.path.join(work, "cert"),
         "--fallback-resource", "ok", "--fallback-gateway", "apim-ok"],
        stdout=subprocess.PIPE, text=True,
    )
    try:
        line = mock.stdout.readline()  # bounded: the mock prints it or exits
        if "listening on" not in line:
            raise SystemExit(f"the mock did not start: {line!r}")
        cert = line.split("cert=", 1)[1].strip()
        stub = TokenStub()
        runner = Runner(args.clients, work, log, stub, cert, args.verbose)
        started = time.time()
        for s in snippets:
            {"sh": check_sh, "python": check_python, "js": check_js, "csharp": check_csharp}.get(s.lang, unknown_lang)(s, runner)
        check_az(snippets, runner)
        return report(snippets, static_failures, time.time() - started, args)
    finally:
        mock.terminate()
        mock.wait(timeout=20)


def unknown_lang(s, runner):
    s.results.append((f"`{s.lang}` block", "none", False, "no client runs this language", ""))


def report(snippets, static_failures, seconds, args):
    table = collections.OrderedDict()
    failures = []
    for s in snippets:
        for family, client, ok, msg, out in s.results:
            row = table.setdefault((family, client), [0, 0])
            row[0] += 1
            row[1] += ok
            if not ok:
                failures.append((family, client, msg, s, out))
    print(f"\n{len(snippets)} distinct snippets, {sum(r[0] for r in table.values())} runs in {seconds:.0f} s\n")
    print("| family | client | run | passed |\n|---|---|---:|---:|")
    for (family, client), (n, ok) in sorted(table.items()):
        print(f"| {family} | {client} | {n} | {ok} |")
    print(f"| fix sequences (static) | | {len(static_failures)} failing | |" if static_failures else "| fix sequences (static) | | 0 failing | |")
    for family, client, msg, s, out in failures:
        print(f"\nFAIL {family} × {client}: {msg}\n  from {s.origins[0][0]} ({s.origins[0][1]}) and {len(s.origins) - 1} more\n" + indent(s.code))
        if args.verbose:
            print(indent(out))
    for name, cause, lang, msg, code in static_failures:
        print(f"\nFAIL fix sequence in {name} ({cause}): {msg}\n" + indent(code))
    n_fail = len(failures) + len(static_failures)
    total = sum(r[0] for r in table.values())
    print(f"\nsnippets: {total - len(failures)} passed, {n_fail} failed")
    return 1 if n_fail else 0


def indent(text):
    return "\n".join("    " + line for line in text.splitlines())


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--doctor", default=os.path.join(ROOT, "target", "debug", "doctor"))
    ap.add_argument("--clients", default=os.path.join(ROOT, ".clients"))
    ap.add_argument("--keep", help="work directory to keep (default: a temp dir)")
    ap.add_argument("-v", "--verbose", action="store_true")
    ap.add_argument("--inside", action="store_true", help=argparse.SUPPRESS)
    args = ap.parse_args()
    for need in [args.doctor, os.path.join(args.clients, "az", "bin", "python"), os.path.join(args.clients, "node", "node_modules", "openai")] + [
        os.path.join(args.clients, f"py-openai-{v}", "bin", "python") for v in PY_VERSIONS
    ]:
        if not os.path.exists(need):
            raise SystemExit(f"missing {need}: run `./dev setup --test` (and `cargo build --bin doctor`)")
    if args.inside:
        return inside(args)
    # A private network (loopback only) and mount namespace; we are root (as CI is).
    return subprocess.call(["unshare", "--net", "--mount", "--propagation", "private", sys.executable, os.path.abspath(__file__), "--inside", *sys.argv[1:]])


if __name__ == "__main__":
    sys.exit(main())
