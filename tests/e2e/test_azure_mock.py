"""Tests of the HTTPS test server (azure_mock.py), over real TLS on loopback.

Plain unittest, so it runs with the standard library alone, and under pytest as well:

    python3 -m unittest discover -s tests/e2e -p 'test_azure_mock.py' -v
    python3 -m pytest tests/e2e/test_azure_mock.py

Each request goes to 127.0.0.1:<port> with the real host name as TLS server name (SNI)
and `Host` header, as Chromium sends them under `--host-resolver-rules`. Certificates are
verified against the server's own self-signed certificate, host names included, so the
SANs are tested too.
"""

import http.client
import json
import os
import selectors
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
MOCK = os.path.join(HERE, "azure_mock.py")

A1 = (
    '{"error":{"code":"401","message":"Access denied due to invalid subscription key or '
    "wrong API endpoint. Make sure to provide a valid key for an active subscription and "
    'use a correct regional API endpoint for your resource."}}'
)
B1 = (
    '{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make '
    'sure to include subscription key when making requests to an API." }'
)
ALLOW_HEADERS = "api-key, authorization, ocp-apim-subscription-key, content-type"
KEY = "CANARY0123456789abcdef0123456789ab"  # synthetic; not a real key shape
VERSION = "?api-version=2024-10-21"


class MockProcess:
    """The server as a child process, stopped by its PID."""

    def __init__(self, *extra):
        fd, self.log_path = tempfile.mkstemp(prefix="azure-mock-log-", suffix=".jsonl")
        os.close(fd)
        self.proc = subprocess.Popen(
            [sys.executable, MOCK, "--port", "0", "--log", self.log_path, *extra],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        line = self._ready_line(timeout=20)
        # listening on https://127.0.0.1:<port>/ cert=<path>
        parts = line.split()
        self.port = int(parts[2].rsplit(":", 1)[1].rstrip("/"))
        self.cert = parts[3].split("=", 1)[1]

    def _ready_line(self, timeout):
        sel = selectors.DefaultSelector()
        sel.register(self.proc.stdout, selectors.EVENT_READ)
        if not sel.select(timeout):
            self.stop()
            raise AssertionError("the mock printed no ready line in time")
        line = self.proc.stdout.readline()
        if not line.startswith("listening on https://127.0.0.1:"):
            err = self.proc.stderr.read() if self.proc.poll() is not None else ""
            raise AssertionError(f"unexpected first line {line!r} {err}")
        return line

    def stop(self, timeout=10):
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
        for f in (self.proc.stdout, self.proc.stderr):
            f.close()
        return self.proc.returncode

    def entries(self):
        with open(self.log_path, encoding="utf-8") as f:
            return [json.loads(line) for line in f if line.strip()]

    def wait_for_entries(self, predicate, count=1, timeout=5.0):
        """Log entries matching `predicate`, once at least `count` are there."""
        deadline = time.monotonic() + timeout
        while True:
            found = [e for e in self.entries() if predicate(e)]
            if len(found) >= count or time.monotonic() > deadline:
                return found
            time.sleep(0.02)


class Connection(http.client.HTTPSConnection):
    """Connects to the mock's port but speaks to `host` (SNI and certificate check)."""

    def __init__(self, host, port, context, timeout):
        super().__init__(host, 443, context=context, timeout=timeout)
        self._mock_port = port

    def connect(self):
        sock = socket.create_connection(("127.0.0.1", self._mock_port), self.timeout)
        self.sock = self._context.wrap_socket(sock, server_hostname=self.host)


class MockTestCase(unittest.TestCase):
    mock = None

    @classmethod
    def setUpClass(cls):
        cls.mock = MockProcess()
        cls.context = ssl.create_default_context(cafile=cls.mock.cert)

    @classmethod
    def tearDownClass(cls):
        rc = cls.mock.stop()
        os.unlink(cls.mock.log_path)
        assert rc == 0, f"mock exited with {rc}"

    def call(self, host, method="GET", path="/", headers=None, body=None, timeout=5):
        conn = Connection(host, self.mock.port, self.context, timeout)
        try:
            hdrs = {"Host": host, **(headers or {})}
            conn.request(method, path, body=body, headers=hdrs)
            resp = conn.getresponse()
            data = resp.read().decode("utf-8")
            return resp.status, {k.lower(): v for k, v in resp.getheaders()}, data
        finally:
            conn.close()

    def last_entry(self, host):
        found = [e for e in self.mock.entries() if e.get("host") == host]
        self.assertTrue(found, f"no request to {host} in the log")
        return found[-1]


class AzureResourceTests(MockTestCase):
    def test_ok_answers_models_only_with_a_credential(self):
        h = "ok.openai.azure.com"
        status, _, body = self.call(h, path="/openai/models" + VERSION)
        self.assertEqual(status, 401)
        self.assertIn("missing subscription key", body)
        for cred in ({"api-key": KEY}, {"Authorization": "Bearer " + KEY}):
            status, headers, body = self.call(h, path="/openai/models" + VERSION, headers=cred)
            self.assertEqual(status, 200)
            self.assertEqual(json.loads(body)["object"], "list")
            self.assertEqual(headers["content-type"], "application/json")
        status, _, _ = self.call(h, path="/openai/v1/models", headers={"api-key": KEY})
        self.assertEqual(status, 200)

    def test_classic_paths_need_an_api_version(self):
        status, _, body = self.call(
            "ok.openai.azure.com", path="/openai/models", headers={"api-key": KEY}
        )
        self.assertEqual(status, 404)
        self.assertEqual(body, '{"error":{"code":"404","message": "Resource not found"}}')

    def test_ok_deployment_call(self):
        status, _, body = self.call(
            "ok.openai.azure.com",
            "POST",
            "/openai/deployments/chat/chat/completions" + VERSION,
            {"api-key": KEY, "Content-Type": "application/json"},
            '{"messages":[{"role":"user","content":"ping"}],"max_tokens":1}',
        )
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["usage"]["completion_tokens"], 1)

    def test_invalid_key_is_a1_verbatim_with_real_headers(self):
        status, headers, body = self.call(
            "invalid-key.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY}
        )
        self.assertEqual(status, 401)
        self.assertEqual(body, A1)
        self.assertEqual(headers["content-length"], "224")
        self.assertRegex(headers["apim-request-id"], r"^[0-9a-f-]{36}$")
        self.assertIn("x-ms-region", headers)
        self.assertEqual(headers["access-control-allow-origin"], "*")

    def test_bearer_on_invalid_key_resource_is_a2(self):
        status, _, body = self.call(
            "invalid-key.openai.azure.com",
            path="/openai/models" + VERSION,
            headers={"Authorization": "Bearer " + KEY},
        )
        self.assertEqual(status, 401)
        self.assertIn('"statusCode":401', body)
        self.assertIn("audience is incorrect (https://cognitiveservices.azure.com)", body)

    def test_token_rbac_and_key_disabled(self):
        bearer = {"Authorization": "Bearer eyJ.x.y"}
        key = {"api-key": KEY}
        path = "/openai/models" + VERSION
        cases = [
            ("token.openai.azure.com", bearer, 401, "Access token is missing"),
            ("token.openai.azure.com", key, 200, '"object":"list"'),
            ("rbac.openai.azure.com", bearer, 401, "PermissionDenied"),
            ("rbac.openai.azure.com", key, 200, '"object":"list"'),
            ("keyauth-disabled.openai.azure.com", key, 403, "AuthenticationTypeDisabled"),
            ("keyauth-disabled.openai.azure.com", bearer, 200, '"object":"list"'),
        ]
        for host, cred, want_status, want_text in cases:
            with self.subTest(host=host, cred=list(cred)):
                status, _, body = self.call(host, path=path, headers=cred)
                self.assertEqual(status, want_status)
                self.assertIn(want_text, body)

    def test_deployment_missing_passes_auth_then_404s(self):
        h = "deployment-missing.openai.azure.com"
        status, _, _ = self.call(h, path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 200)
        status, _, body = self.call(
            h, "POST", "/openai/deployments/gpt-4o/chat/completions" + VERSION, {"api-key": KEY}, "{}"
        )
        self.assertEqual(status, 404)
        self.assertEqual(json.loads(body)["error"]["code"], "DeploymentNotFound")
        status, _, body = self.call(
            h, "POST", "/openai/v1/chat/completions", {"api-key": KEY}, '{"model":"x"}'
        )
        self.assertEqual(status, 404)
        self.assertIn("DeploymentNotFound", body)

    def test_rate_limits(self):
        status, headers, body = self.call(
            "rate-limited.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY}
        )
        self.assertEqual(status, 429)
        self.assertIn("Rate limit is exceeded", body)
        self.assertEqual(headers["retry-after"], "2")
        self.assertEqual(headers["x-ratelimit-remaining-requests"], "0")
        status, headers, body = self.call(
            "quota-zero.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY}
        )
        self.assertEqual(status, 429)
        self.assertIn("retry after 86400 seconds", body)

    def test_network_403s_come_without_credentials_too(self):
        for headers in ({}, {"api-key": KEY}):
            status, _, body = self.call("private.openai.azure.com", path="/openai/models" + VERSION, headers=headers)
            self.assertEqual(status, 403)
            self.assertIn("Public access is disabled", body)
        status, headers, body = self.call("firewall.openai.azure.com", path="/openai/models" + VERSION)
        self.assertEqual(status, 403)
        self.assertEqual(headers["policy-id"], "ThrowExceptionDueToTrafficDenied")
        self.assertEqual(headers["content-length"], "90")

    def test_unknown_resource_and_other_suffixes(self):
        status, _, body = self.call("nosuch.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 404)
        self.assertIn("Subdomain does not map to a resource", body)
        for suffix in ("cognitiveservices.azure.com", "services.ai.azure.com"):
            status, _, body = self.call("invalid-key." + suffix, path="/openai/models" + VERSION, headers={"api-key": KEY})
            self.assertEqual((status, body), (401, A1), suffix)

    def test_unmapped_host_is_misdirected_and_logged(self):
        status, _, _ = self.call("api.openai.com", path="/v1/models")  # warm: mapped
        self.assertEqual(status, 401)
        # `Host` names an unmapped host over a mapped SNI.
        conn = Connection("ok.openai.azure.com", self.mock.port, self.context, 5)
        try:
            conn.request("GET", "/", headers={"Host": "elsewhere.test"})
            resp = conn.getresponse()
            resp.read()
            self.assertEqual(resp.status, 421)
        finally:
            conn.close()
        e = self.last_entry("elsewhere.test")
        self.assertEqual(e["sni"], "ok.openai.azure.com")


class CorsTests(MockTestCase):
    PREFLIGHT = {
        "Origin": "http://127.0.0.1:8080",
        "Access-Control-Request-Method": "GET",
        "Access-Control-Request-Headers": "api-key",
    }

    def test_preflight_needs_no_auth_and_allows_the_credential_headers(self):
        status, headers, body = self.call(
            "invalid-key.openai.azure.com", "OPTIONS", "/openai/models" + VERSION, self.PREFLIGHT
        )
        self.assertEqual(status, 200)
        self.assertEqual(body, "")
        self.assertEqual(headers["access-control-allow-origin"], "*")
        self.assertEqual(headers["access-control-allow-headers"], ALLOW_HEADERS)
        self.assertIn("GET", headers["access-control-allow-methods"])
        self.assertEqual(headers["access-control-max-age"], "0")
        e = self.last_entry("invalid-key.openai.azure.com")
        self.assertEqual(e["method"], "OPTIONS")
        self.assertEqual(e["answer"], "preflight")
        self.assertNotIn("api-key", [k.lower() for k, _ in e["headers"]])

    def test_nocors_passes_preflight_but_hides_the_answer(self):
        h = "nocors-invalid-key.openai.azure.com"
        status, headers, _ = self.call(h, "OPTIONS", "/openai/models" + VERSION, self.PREFLIGHT)
        self.assertEqual(status, 200)
        self.assertEqual(headers["access-control-allow-headers"], ALLOW_HEADERS)
        status, headers, body = self.call(h, path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual((status, body), (401, A1))
        self.assertNotIn("access-control-allow-origin", headers)
        e = self.last_entry(h)
        self.assertEqual(e["scenario"], "invalid-key")
        self.assertEqual(e["variants"], ["nocors"])
        self.assertIn(["api-key", KEY], e["headers"])  # the key did arrive

    def test_preflight_variants(self):
        path = "/openai/models" + VERSION
        status, headers, _ = self.call("nopreflight-ok.openai.azure.com", "OPTIONS", path, self.PREFLIGHT)
        self.assertEqual(status, 200)
        self.assertFalse([k for k in headers if k.startswith("access-control-")])
        _, headers, _ = self.call("nopreflight-ok.openai.azure.com", path=path)
        self.assertNotIn("access-control-allow-origin", headers)

        _, headers, _ = self.call("noallowheaders-ok.openai.azure.com", "OPTIONS", path, self.PREFLIGHT)
        self.assertEqual(headers["access-control-allow-origin"], "*")
        self.assertNotIn("access-control-allow-headers", headers)

        status, headers, _ = self.call("authpreflight-ok.openai.azure.com", "OPTIONS", path, self.PREFLIGHT)
        self.assertEqual(status, 401)
        self.assertNotIn("access-control-allow-origin", headers)

    def test_expose_variant_and_combined_prefixes(self):
        h = "expose-nocors-invalid-key.openai.azure.com"
        _, headers, _ = self.call(h, path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertNotIn("access-control-allow-origin", headers)
        self.assertEqual(self.last_entry(h)["variants"], ["expose", "nocors"])
        _, headers, _ = self.call("expose-invalid-key.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertIn("apim-request-id", headers["access-control-expose-headers"])
        _, headers, _ = self.call("invalid-key.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertNotIn("access-control-expose-headers", headers)


class RedirectAndHangTests(MockTestCase):
    def test_redirect_to_another_allowed_host(self):
        path = "/openai/models" + VERSION
        status, headers, _ = self.call("redirect.openai.azure.com", path=path, headers={"api-key": KEY})
        self.assertEqual(status, 302)
        self.assertEqual(headers["location"], "https://second.openai.azure.com" + path)
        self.assertEqual(headers["access-control-allow-origin"], "*")
        # Only the first host was contacted; the test client did not follow.
        self.assertFalse([e for e in self.mock.entries() if e.get("host") == "second.openai.azure.com"])
        # The target exists and would answer like `ok`, so a followed redirect shows up.
        status, _, _ = self.call("second.openai.azure.com", path=path, headers={"api-key": KEY})
        self.assertEqual(status, 200)

    def test_redirect_out_of_the_allowlist(self):
        path = "/openai/models" + VERSION
        status, headers, _ = self.call("redirect-out.openai.azure.com", path=path)
        self.assertEqual(status, 302)
        self.assertEqual(headers["location"], "https://attacker.example/collect" + path)
        status, _, body = self.call("attacker.example", path="/collect" + path, headers={"api-key": KEY})
        self.assertEqual((status, body), (200, '{"ok":true}'))
        self.assertIn(["api-key", KEY], self.last_entry("attacker.example")["headers"])

    def test_hang_times_out_and_does_not_wedge_the_server(self):
        h = "hang.openai.azure.com"
        # The preflight of a hanging resource is answered, so a browser sends the GET.
        status, _, _ = self.call(h, "OPTIONS", "/openai/models" + VERSION, CorsTests.PREFLIGHT)
        self.assertEqual(status, 200)
        clients = []
        for _ in range(3):
            conn = Connection(h, self.mock.port, self.context, timeout=0.5)
            conn.request("GET", "/openai/models" + VERSION, headers={"Host": h, "api-key": KEY})
            clients.append(conn)
        for conn in clients:
            started = time.monotonic()
            with self.assertRaises((socket.timeout, TimeoutError)):
                conn.getresponse()
            self.assertLess(time.monotonic() - started, 3)
        hung = self.mock.wait_for_entries(lambda e: e.get("host") == h and e.get("method") == "GET", count=3)
        self.assertEqual(len(hung), 3)
        self.assertTrue(all(e["answer"] == "hang" and e["status"] is None for e in hung))
        # While those three still hang, and after the clients give up, others are served.
        started = time.monotonic()
        status, _, _ = self.call("ok.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 200)
        for conn in clients:
            conn.close()
        status, _, _ = self.call("ok.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 200)
        self.assertLess(time.monotonic() - started, 3)


class ApimTests(MockTestCase):
    PATH = "/my-api/openai/models" + VERSION

    def test_missing_and_invalid_subscription_key(self):
        h = "apim-invalid.azure-api.net"
        status, headers, body = self.call(h, path=self.PATH)
        self.assertEqual((status, body), (401, B1))
        self.assertNotIn("apim-request-id", headers)
        status, _, body = self.call(h, path=self.PATH, headers={"Ocp-Apim-Subscription-Key": KEY})
        self.assertEqual(status, 401)
        self.assertIn("invalid subscription key. Make sure to provide a valid key for an active subscription.", body)
        self.assertNotIn("wrong API endpoint", body)
        status, _, body = self.call(h, path=self.PATH + "&subscription-key=" + KEY)
        self.assertIn("invalid subscription key", body)

    def test_header_name_matters(self):
        status, _, _ = self.call("apim-ok.azure-api.net", path=self.PATH, headers={"Ocp-Apim-Subscription-Key": KEY})
        self.assertEqual(status, 200)
        status, _, body = self.call("apim-ok.azure-api.net", path=self.PATH, headers={"api-key": KEY})
        self.assertEqual((status, body), (401, B1))
        status, _, body = self.call("apim-apikey.azure-api.net", path=self.PATH, headers={"Ocp-Apim-Subscription-Key": KEY})
        self.assertEqual((status, body), (401, B1))
        status, _, _ = self.call("apim-apikey.azure-api.net", path=self.PATH, headers={"api-key": KEY})
        self.assertEqual(status, 200)

    def test_either_credential_and_backend_rbac(self):
        status, _, body = self.call("apim-either.azure-api.net", path=self.PATH)
        self.assertEqual(status, 401)
        self.assertIn("missing application credentials or subscription key", body)
        status, _, body = self.call("apim-either.azure-api.net", path=self.PATH, headers={"Authorization": "Bearer x"})
        self.assertEqual((status, json.loads(body)["message"]), (401, "Invalid Token"))
        status, _, body = self.call("apim-backend-rbac.azure-api.net", path=self.PATH, headers={"Ocp-Apim-Subscription-Key": KEY})
        self.assertEqual(status, 401)
        self.assertIn("PermissionDenied", body)

    def test_gateway_routes_under_its_suffix(self):
        key = {"Ocp-Apim-Subscription-Key": KEY}
        status, _, _ = self.call(
            "apim-ok.azure-api.net", "POST", "/my-api/openai/deployments/d/chat/completions" + VERSION, key, "{}"
        )
        self.assertEqual(status, 200)
        status, _, _ = self.call("apim-ok.azure-api.net", path="/aoai/v1/models", headers=key)
        self.assertEqual(status, 200)
        status, _, body = self.call("apim-ok.azure-api.net", path="/", headers=key)
        self.assertEqual(status, 404)
        self.assertIn('"statusCode": 404', body)


class SurfacesAndFallbackTests(MockTestCase):
    """The routes and names the snippet harness (tests/snippets) needs: sovereign
    suffixes, Foundry `/models` and project routes, and `--fallback-*` for labels the
    tables do not know."""

    @classmethod
    def setUpClass(cls):
        cls.mock = MockProcess("--fallback-resource", "ok", "--fallback-gateway", "apim-ok")
        cls.context = ssl.create_default_context(cafile=cls.mock.cert)

    def test_sovereign_suffixes_are_resources(self):
        for host in ("ok.openai.azure.us", "ok.cognitiveservices.azure.cn"):
            status, _, _ = self.call(host, path="/openai/models" + VERSION, headers={"api-key": KEY})
            self.assertEqual(status, 200, host)

    def test_models_route_needs_its_api_version(self):
        body = '{"model":"chat","messages":[]}'
        key = {"api-key": KEY}
        status, _, _ = self.call("ok.services.ai.azure.com", "POST", "/models/chat/completions?api-version=2024-05-01-preview", key, body)
        self.assertEqual(status, 200)
        status, _, _ = self.call("ok.services.ai.azure.com", "POST", "/models/chat/completions" + VERSION, key, body)
        self.assertEqual(status, 404)

    def test_project_route_is_v1_only(self):
        auth = {"Authorization": "Bearer x"}
        status, _, _ = self.call("ok.services.ai.azure.com", path="/api/projects/p/openai/v1/models", headers=auth)
        self.assertEqual(status, 200)
        status, _, _ = self.call("ok.services.ai.azure.com", path="/api/projects/p/openai/models" + VERSION, headers=auth)
        self.assertEqual(status, 404)
        status, _, _ = self.call("ok.services.ai.azure.com", path="/api/projects/p/openai/v1/openai/v1/models", headers=auth)
        self.assertEqual(status, 404)

    def test_unknown_labels_fall_back(self):
        status, _, _ = self.call("contoso.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 200)
        self.assertEqual(self.last_entry("contoso.openai.azure.com")["scenario"], "ok")
        status, _, _ = self.call("contoso-gw.azure-api.net", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 401, "the fallback gateway reads Ocp-Apim-Subscription-Key")
        status, _, _ = self.call("invalid-key.openai.azure.com", path="/openai/models" + VERSION, headers={"api-key": KEY})
        self.assertEqual(status, 401, "known labels keep their behaviour")


class OpenAiTests(MockTestCase):
    H = "api.openai.com"

    @staticmethod
    def masked(key):
        return key[:8] + "*" * (len(key) - 12) + key[-4:]

    def test_missing_key(self):
        status, headers, body = self.call(self.H, path="/v1/models")
        self.assertEqual(status, 401)
        err = json.loads(body)["error"]
        self.assertTrue(err["message"].startswith("You didn't provide an API key"))
        self.assertIsNone(err["code"])
        self.assertTrue(headers["x-request-id"].startswith("req_"))
        # `api-key` is not how OpenAI reads a key.
        status, _, body = self.call(self.H, path="/v1/models", headers={"api-key": KEY})
        self.assertIn("You didn't provide an API key", body)

    def test_invalid_key_echo_is_computed_from_the_key_received(self):
        for key in ("sk-proj-" + KEY, KEY, "0123456789abcdef0123456789abcdef"):
            with self.subTest(key=key):
                status, _, body = self.call(self.H, path="/v1/models", headers={"Authorization": "Bearer " + key})
                self.assertEqual(status, 401)
                err = json.loads(body)["error"]
                self.assertEqual(err["code"], "invalid_api_key")
                echo = self.masked(key)
                self.assertEqual(len(echo), len(key))
                self.assertIn(f"Incorrect API key provided: {echo}.", err["message"])
                self.assertNotIn(key, body)

    def test_key_markers(self):
        cases = [
            ("sk-test-QUOTA-" + KEY, 429, "insufficient_quota"),
            ("sk-test-RATELIMIT-" + KEY, 429, "rate_limit_exceeded"),
            ("sk-test-REGION-" + KEY, 403, "unsupported_country_region_territory"),
            ("sk-test-SCOPES-" + KEY, 401, "Missing scopes: model.request"),
            ("sk-test-OK-" + KEY, 200, '"object":"list"'),
        ]
        for key, want_status, want_text in cases:
            with self.subTest(key=key):
                status, headers, body = self.call(self.H, path="/v1/models", headers={"Authorization": "Bearer " + key})
                self.assertEqual(status, want_status)
                self.assertIn(want_text, body)
                self.assertEqual(headers["access-control-allow-origin"], "*")

    def test_organization_mismatch_and_nocors(self):
        ok = {"Authorization": "Bearer sk-test-OK-" + KEY}
        status, _, body = self.call(self.H, path="/v1/models", headers={**ok, "OpenAI-Organization": "org-other"})
        self.assertEqual(status, 401)
        self.assertIn("mismatched_organization", body)
        status, _, _ = self.call(self.H, path="/v1/models", headers={**ok, "OpenAI-Organization": "org-mock"})
        self.assertEqual(status, 200)
        status, headers, _ = self.call(self.H, path="/v1/models", headers={"Authorization": "Bearer sk-NOCORS-" + KEY})
        self.assertEqual(status, 401)
        self.assertNotIn("access-control-allow-origin", headers)

    def test_preflight_and_routes(self):
        status, headers, _ = self.call(self.H, "OPTIONS", "/v1/models", CorsTests.PREFLIGHT)
        self.assertEqual(status, 200)
        self.assertIn("openai-organization", headers["access-control-allow-headers"])
        status, _, body = self.call(
            self.H, "POST", "/v1/chat/completions",
            {"Authorization": "Bearer sk-test-OK-" + KEY, "Content-Type": "application/json"},
            '{"model":"gpt-4o-mini","messages":[],"max_tokens":1}',
        )
        self.assertEqual(status, 200)
        self.assertEqual(json.loads(body)["model"], "gpt-4o-mini")
        status, _, body = self.call(self.H, path="/v1/nothing", headers={"Authorization": "Bearer x"})
        self.assertEqual(status, 404)
        self.assertIn("Invalid URL (GET /v1/nothing)", body)


class LogTests(MockTestCase):
    def test_every_request_is_logged_with_everything(self):
        before = len(self.mock.entries())
        h = "ok.cognitiveservices.azure.com"
        self.call(h, "OPTIONS", "/openai/models" + VERSION, CorsTests.PREFLIGHT)
        body = '{"messages":[{"role":"user","content":"' + KEY + '"}],"max_tokens":1}'
        self.call(
            h,
            "POST",
            "/openai/deployments/d1/chat/completions" + VERSION + "&x=%2Fy",
            {"api-key": KEY, "X-Custom": "one", "Content-Type": "application/json"},
            body,
        )
        entries = self.mock.entries()[before:]
        self.assertEqual([e["method"] for e in entries], ["OPTIONS", "POST"])
        self.assertEqual(entries[1]["seq"], entries[0]["seq"] + 1)
        post = entries[1]
        self.assertEqual(post["host"], h)
        self.assertEqual(post["sni"], h)
        self.assertEqual(post["path"], "/openai/deployments/d1/chat/completions")
        self.assertEqual(post["query"], "api-version=2024-10-21&x=%2Fy")
        self.assertEqual(post["query_params"], [["api-version", "2024-10-21"], ["x", "/y"]])
        self.assertIn(["api-key", KEY], post["headers"])
        self.assertIn(["X-Custom", "one"], post["headers"])
        self.assertIn(["Host", h], post["headers"])
        self.assertEqual(post["body"], body)
        self.assertIsNone(post["body_base64"])
        self.assertEqual(post["answer"], "200 chat completion")
        self.assertEqual(post["status"], 200)

    def test_binary_bodies_are_kept_exactly(self):
        raw = b"\xff\xfe" + KEY.encode()
        self.call("attacker.example", "POST", "/x", {"Content-Type": "application/octet-stream"}, raw)
        e = self.last_entry("attacker.example")
        import base64

        self.assertEqual(base64.b64decode(e["body_base64"]), raw)

    def test_bad_requests_and_tls_failures_are_logged(self):
        before = len(self.mock.entries())
        with socket.create_connection(("127.0.0.1", self.mock.port), 5) as raw:
            with self.context.wrap_socket(raw, server_hostname="ok.openai.azure.com") as tls:
                tls.sendall(b"NOT A REQUEST\r\n\r\n")
                tls.recv(4096)
        with socket.create_connection(("127.0.0.1", self.mock.port), 5) as raw:
            raw.sendall(b"GET / HTTP/1.1\r\nHost: ok.openai.azure.com\r\n\r\n")  # plain text
            raw.settimeout(5)
            try:
                raw.recv(4096)
            except OSError:
                pass
        events = self.mock.wait_for_entries(lambda e: "event" in e and e["seq"] > before, count=2)
        self.assertEqual(sorted(e["event"] for e in events), ["bad-request", "tls-failure"])


class CertificateTests(MockTestCase):
    def test_certificate_covers_every_mapped_name(self):
        for name in (
            "x.openai.azure.com",
            "x.cognitiveservices.azure.com",
            "x.services.ai.azure.com",
            "x.azure-api.net",
            "x.regional.azure-api.net",
            "api.openai.com",
            "attacker.example",
            "evil.example",
        ):
            with self.subTest(name=name):
                with socket.create_connection(("127.0.0.1", self.mock.port), 5) as raw:
                    with self.context.wrap_socket(raw, server_hostname=name) as tls:
                        self.assertEqual(tls.version() in ("TLSv1.2", "TLSv1.3"), True)

    def test_other_names_fail_verification(self):
        with socket.create_connection(("127.0.0.1", self.mock.port), 5) as raw:
            with self.assertRaises(ssl.SSLCertVerificationError):
                self.context.wrap_socket(raw, server_hostname="a.b.openai.azure.com")


class LifecycleTests(unittest.TestCase):
    def test_sigterm_stops_cleanly_while_a_request_hangs(self):
        mock = MockProcess("--hang-limit", "120")
        try:
            ctx = ssl.create_default_context(cafile=mock.cert)
            conn = Connection("hang.openai.azure.com", mock.port, ctx, timeout=30)
            errors = []

            def hang():
                try:
                    conn.request("GET", "/openai/models" + VERSION, headers={"Host": "hang.openai.azure.com"})
                    conn.getresponse()
                except (OSError, http.client.HTTPException) as e:
                    errors.append(e)

            t = threading.Thread(target=hang, daemon=True)
            t.start()
            self.assertEqual(len(mock.wait_for_entries(lambda e: e.get("answer") == "hang")), 1)
            cert = mock.cert
            started = time.monotonic()
            rc = mock.stop(timeout=10)
            self.assertEqual(rc, 0)
            self.assertLess(time.monotonic() - started, 5)
            self.assertFalse(os.path.exists(cert), "the temporary certificate was left behind")
            t.join(10)
            self.assertFalse(t.is_alive())
            self.assertTrue(errors, "the hanging client should see the connection end")
            conn.close()
        finally:
            mock.stop()
            os.unlink(mock.log_path)

    def test_cert_dir_is_kept(self):
        with tempfile.TemporaryDirectory() as d:
            mock = MockProcess("--cert-dir", d)
            try:
                self.assertEqual(os.path.dirname(mock.cert), d)
            finally:
                self.assertEqual(mock.stop(), 0)
                os.unlink(mock.log_path)
            self.assertTrue(os.path.exists(os.path.join(d, "cert.pem")))


if __name__ == "__main__":
    unittest.main()
