"""The page's Content-Security-Policy, as the tests expect it (security-notes.md 3.4).

One place to change when the policy changes on purpose. `LOADER_HASH` stands for the
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
    "worker-src": ["'none'"],
    "frame-src": ["'none'"],
    "object-src": ["'none'"],
    "base-uri": ["'none'"],
    "form-action": ["'none'"],
    "require-trusted-types-for": ["'script'"],
    "trusted-types": ["'none'"],
}

# The stable ids of the first view's inputs (issue 2); later issues keep them.
FIELD_IDS = ["endpoint", "credential", "deployment", "api-version", "token", "error-text"]
