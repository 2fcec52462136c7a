//! Known facts: host names and what they are (`auth-failures.md` §4.1), the base-URL
//! conventions per kind (§4.3), and the characters that most often sneak into a pasted
//! host name.
//!
//! [`endpoint`](crate::diag::read::endpoint) reads these tables; it does not repeat them in `if`s.

/// What kind of host the endpoint names (`auth-failures.md` §4.1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HostKind {
    /// `{name}.openai.azure.com` (and `.azure.us` / `.azure.cn` variants).
    AzureOpenAi,
    /// `{name}.cognitiveservices.azure.com` (and sovereign variants).
    CognitiveServices,
    /// `{name}.services.ai.azure.com`: Foundry resource.
    FoundryServices,
    /// `{region}.api.cognitive.microsoft.com` (and sovereign regional hosts): no Entra ID.
    Regional,
    /// `*.azure-api.net`: API Management gateway.
    Apim,
    /// `*.models.ai.azure.com` / `*.inference.ai.azure.com`: serverless model endpoints.
    Serverless,
    /// `*.azurefd.net` and other Azure fronting services.
    AzureFronted,
    /// A private DNS zone name such as `privatelink.openai.azure.com`, called directly.
    PrivateLinkZone,
    /// `api.openai.com`.
    OpenAi,
    /// A portal or studio page (portal.azure.com, ai.azure.com, oai.azure.com,
    /// platform.openai.com, …), not an API.
    Portal,
    /// Another vendor's API host (OpenRouter, Anthropic, …), named.
    OtherVendor(&'static str),
    /// Anything else: a custom domain, possibly an APIM gateway or a proxy.
    Custom,
}

/// The Azure cloud a host belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cloud {
    /// Public Azure (`*.azure.com`, `*.microsoft.com`).
    Public,
    /// Azure Government (`*.azure.us`).
    UsGov,
    /// Azure China, 21Vianet (`*.azure.cn`, `*.chinacloudapi.cn`).
    China,
}

/// How a rule's [`HostRule::name`] is matched against a host.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Match {
    /// The host is exactly the name.
    Exact,
    /// The host is `{labels}.` + the name; the labels name the resource (or the region).
    Subdomain,
    /// Either of the above.
    ExactOrSubdomain,
}

/// One known host name or host suffix.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostRule {
    /// The name (lower case, no leading dot).
    pub name: &'static str,
    /// How it is matched.
    pub matching: Match,
    /// What a matching host is.
    pub kind: HostKind,
    /// The Azure cloud, for Azure hosts.
    pub cloud: Option<Cloud>,
    /// What it is, for people: "Azure OpenAI resource", "the Azure portal".
    pub label: &'static str,
    /// Whether a near miss of this name (`openai.azure.co`) is reported as a typo.
    pub typo_target: bool,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn rule(
    name: &'static str,
    matching: Match,
    kind: HostKind,
    cloud: Option<Cloud>,
    label: &'static str,
    typo_target: bool,
    source: &'static str,
) -> HostRule {
    HostRule {
        name,
        matching,
        kind,
        cloud,
        label,
        typo_target,
        source,
    }
}

use Cloud::{China, Public, UsGov};
use HostKind as K;
use Match::{Exact, ExactOrSubdomain, Subdomain};

/// Every known host. When several match, the longest name wins, so
/// `x.services.ai.azure.com` is a Foundry resource and not the `ai.azure.com` portal.
#[rustfmt::skip]
pub const HOSTS: &[HostRule] = &[
    // Azure OpenAI / AI Services resources (custom subdomains).
    rule("openai.azure.com", Subdomain, K::AzureOpenAi, Some(Public), "Azure OpenAI resource", true, "auth-failures.md 4.1"),
    rule("cognitiveservices.azure.com", Subdomain, K::CognitiveServices, Some(Public), "Azure AI Services resource", true, "auth-failures.md 4.1"),
    rule("services.ai.azure.com", Subdomain, K::FoundryServices, Some(Public), "Azure AI Foundry resource", true, "auth-failures.md 4.1, 4.3"),
    rule("openai.azure.us", Subdomain, K::AzureOpenAi, Some(UsGov), "Azure OpenAI resource", true, "auth-failures.md 4.1 (azure-government.md)"),
    rule("cognitiveservices.azure.us", Subdomain, K::CognitiveServices, Some(UsGov), "Azure AI Services resource", true, "auth-failures.md 4.1"),
    rule("openai.azure.cn", Subdomain, K::AzureOpenAi, Some(China), "Azure OpenAI resource", true, "auth-failures.md 4.1 (third-party validators only; UNCONFIRMED)"),
    rule("openai.chinacloudapi.cn", Subdomain, K::AzureOpenAi, Some(China), "Azure OpenAI resource", false, "auth-failures.md 4.1 (one Bicep snippet; UNCONFIRMED)"),
    rule("cognitiveservices.azure.cn", Subdomain, K::CognitiveServices, Some(China), "Azure AI Services resource", true, "auth-failures.md 4.1 (openai/codex test)"),
    // Regional endpoints: keys only, no Entra ID (A9).
    rule("api.cognitive.microsoft.com", Subdomain, K::Regional, Some(Public), "regional Cognitive Services endpoint", true, "auth-failures.md 4.1, A9"),
    rule("api.cognitive.microsoft.us", Subdomain, K::Regional, Some(UsGov), "regional Cognitive Services endpoint", false, "auth-failures.md 4.1 (virginia.api.cognitive.microsoft.us)"),
    rule("api.cognitive.azure.cn", Subdomain, K::Regional, Some(China), "regional Cognitive Services endpoint", false, "auth-failures.md 4.1 (chinaeast2/chinanorth)"),
    // API Management gateways.
    rule("azure-api.net", Subdomain, K::Apim, Some(Public), "API Management gateway", true, "auth-failures.md 4.1, 1.B"),
    rule("azure-api.us", Subdomain, K::Apim, Some(UsGov), "API Management gateway", false, "APIM Azure Government gateway domain (not in auth-failures.md)"),
    rule("azure-api.cn", Subdomain, K::Apim, Some(China), "API Management gateway", false, "APIM Azure China gateway domain (not in auth-failures.md)"),
    rule("developer.azure-api.net", Subdomain, K::Portal, Some(Public), "an API Management developer portal", false, "APIM developer portal host (derived from 1.B)"),
    // Serverless (MaaS) model endpoints.
    rule("models.ai.azure.com", Subdomain, K::Serverless, Some(Public), "serverless model endpoint", false, "auth-failures.md 4.1"),
    rule("inference.ai.azure.com", Subdomain, K::Serverless, Some(Public), "serverless model endpoint", false, "auth-failures.md 4.1"),
    // Fronting services.
    rule("azurefd.net", Subdomain, K::AzureFronted, Some(Public), "Azure Front Door host", false, "auth-failures.md 4.1 (openai/codex test)"),
    rule("aoai.azure.com", Subdomain, K::AzureFronted, Some(Public), "aoai.azure.com host", false, "auth-failures.md 4.1 (openai/codex test; what it is UNCONFIRMED)"),
    // OpenAI.
    rule("api.openai.com", ExactOrSubdomain, K::OpenAi, None, "OpenAI API", true, "auth-failures.md 4.1, 1.C (regional subdomains UNCONFIRMED)"),
    // Portals and studios: pages, not APIs.
    rule("portal.azure.com", ExactOrSubdomain, K::Portal, Some(Public), "the Azure portal", false, "auth-failures.md 4.1 (portals)"),
    rule("portal.azure.us", ExactOrSubdomain, K::Portal, Some(UsGov), "the Azure Government portal", false, "auth-failures.md 4.1 (azure-government.md)"),
    rule("portal.azure.cn", ExactOrSubdomain, K::Portal, Some(China), "the Azure China portal", false, "Azure China portal (not in auth-failures.md)"),
    rule("ai.azure.com", Exact, K::Portal, Some(Public), "the Azure AI Foundry portal", false, "auth-failures.md 3.1, 4.1"),
    rule("ai.azure.us", Exact, K::Portal, Some(UsGov), "the Azure AI Foundry portal (Government)", false, "auth-failures.md 4.1 (azure-government.md)"),
    rule("oai.azure.com", Exact, K::Portal, Some(Public), "Azure OpenAI Studio", false, "Azure OpenAI Studio (not in auth-failures.md)"),
    rule("aoai.azure.us", Exact, K::Portal, Some(UsGov), "Azure OpenAI Studio (Government)", false, "auth-failures.md 4.1 (azure-government.md)"),
    rule("ml.azure.com", Exact, K::Portal, Some(Public), "Azure Machine Learning studio", false, "Azure ML studio (not in auth-failures.md)"),
    rule("management.azure.com", Exact, K::Portal, Some(Public), "Azure Resource Manager, the control plane", false, "auth-failures.md A14"),
    rule("login.microsoftonline.com", Exact, K::Portal, Some(Public), "the Microsoft Entra ID sign-in service", false, "auth-failures.md 0, 2.3"),
    rule("learn.microsoft.com", Exact, K::Portal, Some(Public), "a Microsoft Learn page", false, "documentation site"),
    rule("platform.openai.com", Exact, K::Portal, None, "the OpenAI platform site", false, "auth-failures.md C1 (key page)"),
    rule("chatgpt.com", ExactOrSubdomain, K::Portal, None, "ChatGPT", false, "ChatGPT web app"),
    rule("chat.openai.com", Exact, K::Portal, None, "ChatGPT", false, "ChatGPT web app"),
    rule("openai.com", Exact, K::Portal, None, "OpenAI's website", false, "OpenAI website"),
    rule("www.openai.com", Exact, K::Portal, None, "OpenAI's website", false, "OpenAI website"),
    // Other vendors' APIs (their keys are `key-wrong-provider` when sent to Azure or OpenAI).
    rule("openrouter.ai", ExactOrSubdomain, K::OtherVendor("OpenRouter"), None, "OpenRouter", false, "causes.md key-wrong-provider; auth-failures.md C1"),
    rule("api.anthropic.com", Exact, K::OtherVendor("Anthropic"), None, "Anthropic", false, "causes.md key-wrong-provider"),
    rule("generativelanguage.googleapis.com", Exact, K::OtherVendor("Google Gemini"), None, "Google Gemini", false, "vendor API host"),
    rule("api.mistral.ai", Exact, K::OtherVendor("Mistral"), None, "Mistral", false, "vendor API host"),
    rule("api.groq.com", Exact, K::OtherVendor("Groq"), None, "Groq", false, "vendor API host"),
    rule("api.deepseek.com", Exact, K::OtherVendor("DeepSeek"), None, "DeepSeek", false, "vendor API host"),
    rule("api.x.ai", Exact, K::OtherVendor("xAI"), None, "xAI", false, "vendor API host"),
];

/// The DNS label that marks a private-link zone (`privatelink.openai.azure.com`). Clients
/// keep using the public name, which resolves into the zone; calling a `privatelink` name
/// directly breaks TLS and routing (`auth-failures.md` 4.1, derived).
pub const PRIVATE_LINK_LABEL: &str = "privatelink";

/// The Azure OpenAI host suffix per cloud, for suggesting `https://{name}.{suffix}/` when
/// only a resource name is known (a portal URL, a bare name). China uses the
/// `cognitiveservices` name because `openai.azure.cn` is UNCONFIRMED
/// (`auth-failures.md` 4.1).
pub const AOAI_SUFFIX_BY_CLOUD: &[(Cloud, &str)] = &[
    (Public, "openai.azure.com"),
    (UsGov, "openai.azure.us"),
    (China, "cognitiveservices.azure.cn"),
];

/// The base URL for the OpenAI API (`auth-failures.md` 4.4: `https://api.openai.com/v1/models`).
pub const OPENAI_BASE: &str = "https://api.openai.com/v1";

/// The base path for the Azure OpenAI v1 API, used with the stock OpenAI client
/// (`auth-failures.md` 4.3, api-version-lifecycle.md).
pub const AZURE_V1_BASE_PATH: &str = "/openai/v1/";

/// The marker in an ARM resource id (as found in portal URLs) before the account name
/// (`…/providers/Microsoft.CognitiveServices/accounts/{name}`). Matched lower-case.
pub const ARM_ACCOUNT_MARKER: &str = "/providers/microsoft.cognitiveservices/accounts/";

/// Azure Resource Manager, the control plane, with the token audience it wants (A14
/// lists `https://management.azure.com` among its allowed audiences).
pub const ARM_HOSTS: &[(&str, &str)] = &[("management.azure.com", "https://management.azure.com")];

/// True for a Resource Manager REST operation (`https://management.azure.com/subscriptions/…`,
/// `/providers/…`): a control-plane call made on purpose, with ARM's own api-versions,
/// not a data-plane endpoint pasted by mistake (`auth-failures.md` A14).
pub fn is_arm_operation(host: &str, path: &str) -> bool {
    let path = path.to_ascii_lowercase();
    ARM_HOSTS.iter().any(|(h, _)| host.eq_ignore_ascii_case(h))
        && (path.starts_with("/subscriptions/") || path.starts_with("/providers/"))
}

/// Query parameters that carry a secret when found in an endpoint URL: the Realtime
/// `api-key` query (5.3), APIM's `subscription-key` (5.3), Azure Functions' `code`, and
/// SAS signatures.
pub const SECRET_QUERY_PARAMS: &[&str] = &[
    "api-key",
    "api_key",
    "apikey",
    "key",
    "subscription-key",
    "code",
    "sig",
    "access_token",
    "token",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_lower_case_without_dots_at_the_ends() {
        for r in HOSTS {
            assert_eq!(r.name, r.name.to_ascii_lowercase(), "{}", r.name);
            assert!(
                !r.name.starts_with('.') && !r.name.ends_with('.'),
                "{}",
                r.name
            );
            assert!(!r.source.is_empty(), "{} has no source", r.name);
        }
    }

    #[test]
    fn names_are_unique() {
        for (i, a) in HOSTS.iter().enumerate() {
            for b in &HOSTS[i + 1..] {
                assert_ne!(a.name, b.name);
            }
        }
    }

    #[test]
    fn every_cloud_has_an_aoai_suffix() {
        for cloud in [Public, UsGov, China] {
            assert!(AOAI_SUFFIX_BY_CLOUD.iter().any(|(c, _)| *c == cloud));
        }
    }
}
