"""The page's Content-Security-Policy, as the tests expect it (security-notes.md 3.4).

The tests' own statement of the policy, written out by hand: hosting/policy.py is what
the build and the host recipes are generated from, and test_hosting_policy.py checks
that the two agree, so an accidental edit there cannot pass unnoticed. One place to
change (here) when the policy changes on purpose. `LOADER_HASH` stands for the
sha256 of Trunk's inline loader, which differs per build and is checked separately.
"""

LOADER_HASH = "<sha256 of the inline loader>"

# Hosts the optional probe may reach: Azure OpenAI / AI Services / Foundry / API
# Management / OpenAI, plus Entra ID (JWKS) for signature checks. Everything else is
# refused by the browser before DNS. Keep in step with the Rust host validator.
CONNECT_SRC_ALLOWLIST = [
    "https://*.openai.azure.com",
    "https://*.cognitiveservices.azure.com",
    "https://*.services.ai.azure.com",
    "https://*.azure-api.net",
    "https://api.openai.com",
]

EXPECTED_CSP = {
    "default-src": ["'none'"],
    "script-src": ["'self'", LOADER_HASH, "'wasm-unsafe-eval'"],
    "connect-src": ["'self'", *CONNECT_SRC_ALLOWLIST],
    "style-src": ["'self'"],
    "img-src": ["'self'"],
    "font-src": ["'self'"],
    "manifest-src": ["'self'"],
    # The service worker (offline use, issue 15) is the page's own sw.js.
    "worker-src": ["'self'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "require-trusted-types-for": ["'script'"],
    # One policy, created by the loader, only for the service worker's URL
    # (`serviceWorker.register()` is a TrustedScriptURL sink).
    "trusted-types": ["doctor401-sw"],
}

# The stable ids of the first view's inputs (issue 2); later issues keep them.
FIELD_IDS = ["endpoint", "credential", "deployment", "api-version", "token", "error-text"]
