"""The one definition of how 401 Doctor is served: its Content-Security-Policy, the
security headers around it, and the cache rules.

Everything that states the policy is generated from this file, so a change here (say,
the hardening issue narrowing `connect-src`) reaches all of them at once:

* the CSP `<meta>` of the built page (scripts/csp_hash.py writes it at build time),
* the nginx configuration (hosting/nginx/, written by hosting/generate.py),
* the Azure Static Web Apps configuration and the other recipes (hosting/generate.py),
* the expectations of the hosting tests (tests/e2e/test_hosting_*.py read this module
  and compare it with tests/e2e/policy.py, the tests' own statement of the policy).

The page's only script is its loader (hosting/loader.js), whose text is the same for
every build; its sha256 is therefore part of the policy itself and the policy is the
same for every build too. That is what lets a server send it as a header without being
reconfigured for each release: a header naming an old loader hash would block a new
build's loader and leave the page blank.

Stdlib only: the Trunk build hook runs this with the system's Python.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

HERE = Path(__file__).resolve().parent

# The one Trusted Types policy the page creates (in its loader), for the service
# worker's URL: `navigator.serviceWorker.register()` is a TrustedScriptURL sink.
TRUSTED_TYPES_POLICY = "doctor401-sw"

# Hosts the optional live probe may reach (Azure OpenAI / AI Services / Foundry / API
# Management / OpenAI). Keep in step with the Rust host validator.
CONNECT_SRC_ALLOWLIST = [
    "https://*.openai.azure.com",
    "https://*.cognitiveservices.azure.com",
    "https://*.services.ai.azure.com",
    "https://*.azure-api.net",
    "https://api.openai.com",
]

LOADER_FILE = HERE / "loader.js"


def loader_text() -> str:
    """The exact text inlined as the page's loader: hosting/loader.js without its
    comment lines (they explain it to readers, not to browsers)."""
    lines = LOADER_FILE.read_text(encoding="utf-8").splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("//"))


def loader_hash() -> str:
    """The CSP source that allows the loader: `'sha256-…'`."""
    digest = hashlib.sha256(loader_text().encode("utf-8")).digest()
    return "'sha256-" + base64.b64encode(digest).decode("ascii") + "'"


def csp_directives() -> list[tuple[str, list[str]]]:
    """The page's CSP, directive by directive, in the order it is written."""
    return [
        ("default-src", ["'none'"]),
        ("script-src", ["'self'", loader_hash(), "'wasm-unsafe-eval'"]),
        ("connect-src", ["'self'", *CONNECT_SRC_ALLOWLIST]),
        ("style-src", ["'self'"]),
        ("img-src", ["'self'"]),
        ("font-src", ["'self'"]),
        ("manifest-src", ["'self'"]),
        # The service worker (sw.js, offline use) comes from the page's own origin.
        ("worker-src", ["'self'"]),
        ("frame-src", ["'none'"]),
        ("object-src", ["'none'"]),
        ("base-uri", ["'none'"]),
        ("form-action", ["'none'"]),
        ("require-trusted-types-for", ["'script'"]),
        ("trusted-types", [TRUSTED_TYPES_POLICY]),
    ]


# What only an HTTP header can carry: a <meta> CSP ignores frame-ancestors.
HEADER_ONLY_DIRECTIVES = [("frame-ancestors", ["'none'"])]


def _join(directives: list[tuple[str, list[str]]]) -> str:
    return "; ".join(" ".join([name, *values]) for name, values in directives)


def meta_csp() -> str:
    """The CSP as the page's `<meta http-equiv>` carries it."""
    return _join(csp_directives())


def header_csp() -> str:
    """The CSP as a server sends it: the meta policy plus what a meta cannot carry."""
    return _join(csp_directives() + HEADER_ONLY_DIRECTIVES)


# Features the page never uses, denied to it and to anything it could ever embed. Only
# names Chromium knows: an unknown one costs a console error on every load.
DENIED_FEATURES = [
    "accelerometer", "autoplay", "browsing-topics", "camera", "clipboard-read",
    "display-capture", "encrypted-media", "fullscreen", "gamepad", "geolocation",
    "gyroscope", "hid", "idle-detection", "local-fonts", "magnetometer", "microphone",
    "midi", "otp-credentials", "payment", "picture-in-picture",
    "publickey-credentials-create", "publickey-credentials-get", "screen-wake-lock",
    "serial", "sync-xhr", "usb", "window-management", "xr-spatial-tracking",
]
# "Copy report" writes to the clipboard: allowed for the page itself only.
ALLOWED_FEATURES = {"clipboard-write": "(self)"}


def permissions_policy() -> str:
    parts = [f"{name}=()" for name in DENIED_FEATURES]
    parts += [f"{name}={value}" for name, value in ALLOWED_FEATURES.items()]
    return ", ".join(parts)


def security_headers() -> dict[str, str]:
    """Every header sent with every response (HTML, JS, wasm, CSS, icon, worker)."""
    return {
        "Content-Security-Policy": header_csp(),
        "X-Content-Type-Options": "nosniff",
        "Referrer-Policy": "no-referrer",
        "Permissions-Policy": permissions_policy(),
        "Cross-Origin-Opener-Policy": "same-origin",
        "Cross-Origin-Resource-Policy": "same-origin",
    }


# Sent only over TLS (a browser ignores it over plain HTTP, and loopback tests use HTTP).
# Two years; no `preload`: whether the whole domain goes on browsers' preload lists is
# the host's decision, not the page's.
HSTS = ("Strict-Transport-Security", "max-age=63072000; includeSubDomains")

# Trunk names built files `name-<16 hex>.ext`: their content never changes under a name.
HASHED_FILE_REGEX = r"-[0-9a-f]{16}(_bg)?\.(js|wasm|css|svg)$"
CACHE_IMMUTABLE = "public, max-age=31536000, immutable"
# index.html, sw.js and anything else without a hash: revalidate every time, so a new
# build is seen at once (an unchanged file costs a 304).
CACHE_REVALIDATE = "no-cache"

# Content types the page's files are served with (the charset for text).
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "js": "text/javascript; charset=utf-8",
    "css": "text/css; charset=utf-8",
    "wasm": "application/wasm",
    "svg": "image/svg+xml",
    "json": "application/json",
}

# The precompressed variants the build writes beside each file, in the server's order
# of preference, and the files that get them.
ENCODINGS = [("br", ".br"), ("gzip", ".gz")]
COMPRESSED_SUFFIXES = (".html", ".js", ".wasm", ".css", ".svg")
