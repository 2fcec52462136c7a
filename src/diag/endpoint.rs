//! The endpoint: what the user has as endpoint or base URL, parsed with a real URL
//! parser and classified (`auth-failures.md` §4).
//!
//! STUB: the interface is fixed; the parsing and classification are to be written.

use super::report::Finding;

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

/// The shape of the path after the host (`auth-failures.md` §4.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathShape {
    /// Nothing or `/`: a proper base URL.
    Root,
    /// `/openai` only.
    OpenAiPrefix,
    /// `/openai/deployments/{name}/…`: a classic request path.
    Deployments,
    /// `/openai/v1/…`: the v1 API.
    V1,
    /// `/models/…`: Foundry model inference.
    Models,
    /// `/api/projects/{project}…`: a Foundry project.
    FoundryProject,
    /// `/v1/…` (OpenAI style).
    OpenAiStyleV1,
    /// Anything else, e.g. an APIM API suffix.
    Other,
}

/// The parsed endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedEndpoint {
    /// Lower-case scheme.
    pub scheme: String,
    /// Lower-case host, as the URL parser gives it.
    pub host: String,
    /// Explicit port, if any.
    pub port: Option<u16>,
    /// What the host is.
    pub kind: HostKind,
    /// The cloud, for Azure hosts.
    pub cloud: Option<Cloud>,
    /// The resource name (first label) for resource hosts, or the region for regional ones.
    pub resource: Option<String>,
    /// The path as pasted (percent-decoded is not needed).
    pub path: String,
    /// Its shape.
    pub path_shape: PathShape,
    /// Deployment named in the path (`/openai/deployments/{d}/…`), if any.
    pub deployment_in_url: Option<String>,
    /// `api-version` from the query, if any.
    pub api_version_in_url: Option<String>,
    /// Foundry project named in the path, if any.
    pub project_in_url: Option<String>,
    /// True when a whole request URL was pasted where a base URL belongs.
    pub is_request_url: bool,
    /// What the base URL should be, when it differs from what was pasted.
    pub suggested_base: Option<String>,
}

/// Everything learned from the endpoint field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointAnalysis {
    /// The parsed URL, when it parses at all.
    pub parsed: Option<ParsedEndpoint>,
    /// Observations, with stable ids (e.g. `endpoint-http`, `endpoint-portal-url`).
    pub findings: Vec<Finding>,
}

impl EndpointAnalysis {
    /// True when some finding says the endpoint is not a usable base URL.
    pub fn is_invalid(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == super::report::Severity::Error)
    }

    /// The host kind, if parsed.
    pub fn kind(&self) -> Option<&HostKind> {
        self.parsed.as_ref().map(|p| &p.kind)
    }
}

/// Parses and classifies an endpoint as pasted.
pub fn analyze(_raw: &str) -> EndpointAnalysis {
    EndpointAnalysis::default()
}
