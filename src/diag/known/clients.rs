//! Clients as users name them (`openai==2.34.0`, `Azure.AI.OpenAI 2.1.0`, `@azure/openai`,
//! `langchain-openai 0.3`, `litellm 1.67`): one table of names, read by the client field,
//! and one table of known client-library regressions (`causes.md` client-known-bug), each
//! with its bad versions, the version to move to and the public issue.

use super::causes::CauseId;

/// A client library.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Library {
    /// `openai` for Python.
    OpenAiPython,
    /// `openai` for Node.
    OpenAiNode,
    /// `Azure.AI.OpenAI` for .NET.
    AzureAiOpenAiDotnet,
    /// `OpenAI` for .NET.
    OpenAiDotnet,
    /// LiteLLM.
    LiteLlm,
    /// LangChain.
    LangChain,
    /// curl or another raw HTTP client.
    Curl,
    /// Something else.
    Other,
}

/// How a client is recognised in free text.
pub struct ClientAlias {
    /// Lower-case text to look for.
    pub needle: &'static str,
    /// The library.
    pub library: Library,
    /// How the doctor names it.
    pub name: &'static str,
    /// Something worth knowing about it, with its source, or `""`.
    pub note: &'static str,
}

const fn alias(
    needle: &'static str,
    library: Library,
    name: &'static str,
    note: &'static str,
) -> ClientAlias {
    ClientAlias {
        needle,
        library,
        name,
        note,
    }
}

/// Client names, most specific first (the first match wins, so longer names come before
/// the names they contain). Bare `openai` is handled after this table, by language hints
/// and version.
#[rustfmt::skip]
pub const CLIENTS: &[ClientAlias] = &[
    alias("azure.ai.openai", Library::AzureAiOpenAiDotnet, "Azure.AI.OpenAI", ""),
    alias("azure.ai.inference", Library::Other, "Azure.AI.Inference", ""),
    alias("@microsoft/teams-ai", Library::Other, "Teams AI library", ""),
    alias("teams-ai", Library::Other, "Teams AI library", ""),
    alias("genaiscript", Library::Other, "GenAIScript", ""),
    alias("promptfoo", Library::Other, "promptfoo", ""),
    alias("codex-cli", Library::Other, "OpenAI Codex CLI",
        "Codex treats only Azure-looking hosts as Azure and sends `Authorization: Bearer` to others, such as an API Management custom domain (auth-failures.md 8.7)."),
    alias("@azure/openai", Library::Other, "@azure/openai",
        "@azure/openai 2.x no longer has its own client; it layers on the `openai` package's AzureOpenAI (auth-failures.md 8.5)."),
    alias("azure-ai-inference", Library::Other, "azure-ai-inference",
        "azure-ai-inference with a key credential sends it both as `api-key` and as `Authorization: Bearer` (auth-failures.md 8.6)."),
    alias("azure-ai-projects", Library::Other, "azure-ai-projects",
        "azure-ai-projects before 2.0.0b3 asked for the wrong token scope in get_openai_client(), giving 401 (auth-failures.md 8.6)."),
    // Java's Azure SDK and LangChain4j are neither openai-python nor LangChain.
    alias("azure-ai-openai", Library::Other, "azure-ai-openai (Java)", ""),
    alias("litellm", Library::LiteLlm, "LiteLLM", ""),
    alias("langchain4j", Library::Other, "LangChain4j", ""),
    alias("langchain", Library::LangChain, "LangChain", ""),
    alias("semantic-kernel", Library::Other, "Semantic Kernel", ""),
    alias("semantic kernel", Library::Other, "Semantic Kernel", ""),
    alias("semantickernel", Library::Other, "Semantic Kernel", ""),
    alias("llama-index", Library::Other, "LlamaIndex", ""),
    alias("llama_index", Library::Other, "LlamaIndex", ""),
    alias("llamaindex", Library::Other, "LlamaIndex", ""),
    alias("autogen", Library::Other, "AutoGen", ""),
    alias("codex", Library::Other, "OpenAI Codex CLI",
        "Codex treats only Azure-looking hosts as Azure and sends `Authorization: Bearer` to others, such as an API Management custom domain (auth-failures.md 8.7)."),
    alias("openai-node", Library::OpenAiNode, "openai-node", ""),
    alias("openai node", Library::OpenAiNode, "openai-node", ""),
    alias("openai-js", Library::OpenAiNode, "openai-node", ""),
    alias("openai npm", Library::OpenAiNode, "openai-node", ""),
    alias("npm openai", Library::OpenAiNode, "openai-node", ""),
    alias("node openai", Library::OpenAiNode, "openai-node", ""),
    alias("openai-dotnet", Library::OpenAiDotnet, "OpenAI .NET", ""),
    alias("openai .net", Library::OpenAiDotnet, "OpenAI .NET", ""),
    alias("openai.net", Library::OpenAiDotnet, "OpenAI .NET", ""),
    alias("openai dotnet", Library::OpenAiDotnet, "OpenAI .NET", ""),
    alias("openai-python", Library::OpenAiPython, "openai-python", ""),
    alias("openai python", Library::OpenAiPython, "openai-python", ""),
    alias("openai_python", Library::OpenAiPython, "openai-python", ""),
    alias("python openai", Library::OpenAiPython, "openai-python", ""),
    alias("openai==", Library::OpenAiPython, "openai-python", ""),
    alias("curl", Library::Curl, "curl", ""),
    alias("wget", Library::Curl, "wget", ""),
    alias("httpie", Library::Curl, "HTTPie", ""),
    alias("postman", Library::Curl, "Postman", ""),
    alias("insomnia", Library::Curl, "Insomnia", ""),
    alias("bruno", Library::Curl, "Bruno", ""),
    alias("invoke-restmethod", Library::Curl, "Invoke-RestMethod", ""),
    alias("invoke-webrequest", Library::Curl, "Invoke-WebRequest", ""),
    alias("httpx", Library::Curl, "httpx", ""),
    alias("requests", Library::Curl, "requests", ""),
    alias("axios", Library::Curl, "axios", ""),
    alias("fetch", Library::Curl, "fetch", ""),
];

/// Words that say which language a bare `openai` is for.
pub const NODE_HINTS: &[&str] = &[
    "node",
    "npm",
    "javascript",
    "typescript",
    " js",
    "-js",
    "yarn",
    "pnpm",
    "deno",
    "bun",
];

/// Words that say a bare `openai` is the .NET library.
pub const DOTNET_HINTS: &[&str] = &[".net", "dotnet", "nuget", "c#", "csharp"];

/// Words that may stand between a client's name and its version (`openai (python)
/// v2.35.1`, `openai nuget 2.1.0`); any other word means the number that follows is
/// another package's (`fetch (@azure/msal-browser 3.27)`, `Invoke-RestMethod / Az.Accounts 2.19`).
pub const VERSION_QUALIFIERS: &[&str] = &[
    "python",
    "node",
    "nodejs",
    "npm",
    "nuget",
    "pip",
    "pypi",
    "dotnet",
    "net",
    "typescript",
    "javascript",
    "js",
    "ts",
    "java",
    "maven",
    "gradle",
    "sdk",
    "library",
    "lib",
    "package",
    "version",
    "ver",
    "client",
    "cli",
];

/// A known defect of some versions of a client library that sends the credential wrongly
/// or not at all (`causes.md` client-known-bug). The configuration is right; the fix is
/// another version.
#[derive(Clone, Copy, Debug)]
pub struct Regression {
    /// The library, as [`ClientAlias::name`] names it.
    pub client: &'static str,
    /// The bad versions as written: an exact version (`0.149.0`, `1.0.0b4`), or a series
    /// ending in a dot (`1.86.`).
    pub bad: &'static [&'static str],
    /// The version to move to, in words ("0.148.0 (the release before)", "0.97.0").
    pub fixed: &'static str,
    /// What the defect does to the request.
    pub effect: &'static str,
    /// A more specific cause that names the effect, which then leads (`causes.md`).
    pub names_effect: Option<CauseId>,
    /// The public issue or pull request.
    pub source: &'static str,
}

impl Regression {
    /// True when `version` (as written, any case) is one of the bad versions.
    pub fn is_bad(&self, version: &str) -> bool {
        let v = version.trim_start_matches(['v', 'V']).to_ascii_lowercase();
        self.bad.iter().any(|b| {
            if b.ends_with('.') {
                v.starts_with(b)
            } else {
                v == *b
            }
        })
    }
}

/// Known client regressions, each from a public issue whose thread confirms it.
pub const REGRESSIONS: &[Regression] = &[
    Regression {
        client: "OpenAI Codex CLI",
        bad: &["0.149.0"],
        fixed: "0.148.0 (the release before)",
        effect: "sends no `Authorization` header, so OpenAI answers 401 \"Missing bearer or basic authentication\"",
        names_effect: None,
        source: "https://github.com/openai/codex/issues/39883",
    },
    Regression {
        client: "LiteLLM",
        bad: &["1.84.0"],
        fixed: "a release with PR #29113 (or 1.84.0.rc.1 and earlier)",
        effect: "drops `azure_ad_token` / `azure_ad_token_provider` on the v1 API path, so the OpenAI client inside has no credential",
        names_effect: None,
        source: "https://github.com/BerriAI/litellm/pull/29113",
    },
    Regression {
        client: "GenAIScript",
        bad: &["1.86."],
        fixed: "1.85.1 (the last release before the regression)",
        effect: "clears the Azure token before the call, so Azure OpenAI answers 401",
        names_effect: None,
        source: "https://github.com/microsoft/genaiscript/issues/960",
    },
    Regression {
        client: "azure-ai-inference",
        bad: &["1.0.0b1", "1.0.0b2", "1.0.0b3", "1.0.0b4"],
        fixed: "1.0.0b5 or later (PR #37888 adds the `api-key` header)",
        effect: "sends an `AzureKeyCredential` only as `Authorization: Bearer`, which Azure OpenAI's classic paths do not read as a key",
        names_effect: Some(CauseId::AuthHeaderWrong),
        source: "https://github.com/Azure/azure-sdk-for-python/issues/37408",
    },
    Regression {
        client: "Azure.AI.Inference",
        bad: &["1.0.0-beta.5"],
        fixed: "a policy that asks for https://cognitiveservices.azure.com/.default (BearerTokenAuthenticationPolicy), or a later release",
        effect: "asks Entra ID for a token of another audience by default, which Azure OpenAI rejects",
        names_effect: Some(CauseId::TokenAudience),
        source: "https://github.com/Azure/azure-sdk-for-net/issues/50872",
    },
    Regression {
        client: "promptfoo",
        bad: &["0.96."],
        fixed: "0.97.0 (PR #2149)",
        effect: "sends the token of `azureClientSecret` / Azure CLI credentials in `api-key` instead of `Authorization: Bearer`",
        names_effect: Some(CauseId::TokenInApiKey),
        source: "https://github.com/promptfoo/promptfoo/pull/2149",
    },
    Regression {
        client: "Teams AI library",
        bad: &["1.3.0"],
        fixed: "a release with PR #1747",
        effect: "sends `azureApiKey` as `Authorization: Bearer` instead of `api-key`",
        names_effect: Some(CauseId::AuthHeaderWrong),
        source: "https://github.com/microsoft/teams-sdk/issues/1746",
    },
    Regression {
        client: "LlamaIndex",
        bad: &["0.7.12"],
        fixed: "a later release (0.7.9 works)",
        effect: "checks every key for the OpenAI `sk-` format, so an Azure key is refused before anything is sent",
        names_effect: None,
        source: "https://github.com/run-llama/llama_index/issues/7042",
    },
];

/// The known regression for a client and the version the client field gives, if any.
pub fn regression(client: &str, version: &str) -> Option<&'static Regression> {
    REGRESSIONS
        .iter()
        .find(|r| r.client == client && r.is_bad(version))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_regression_names_a_known_client_and_a_public_source() {
        for r in REGRESSIONS {
            assert!(CLIENTS.iter().any(|a| a.name == r.client), "{}", r.client);
            assert!(r.source.starts_with("https://"), "{}", r.client);
            assert!(!r.bad.is_empty() && !r.fixed.is_empty(), "{}", r.client);
        }
    }

    #[test]
    fn bad_versions_are_exact_or_a_series() {
        let r = &REGRESSIONS[2];
        assert!(r.is_bad("1.86.2") && r.is_bad("v1.86.0"));
        assert!(!r.is_bad("1.85.1") && !r.is_bad("1.860.0"));
        assert!(REGRESSIONS[0].is_bad("0.149.0") && !REGRESSIONS[0].is_bad("0.149.01"));
    }
}
