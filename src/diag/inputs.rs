//! The smaller inputs: how the credential is sent, deployment name, api-version,
//! client library, OpenAI organization and project (`auth-failures.md` §5.3, §6, §8).
//!
//! STUB: the interface is fixed; the checks are to be written.

use super::report::Finding;

/// How the app sends the credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthHeader {
    /// `api-key: <credential>`.
    ApiKey,
    /// `Authorization: Bearer <credential>`.
    Authorization,
    /// `Ocp-Apim-Subscription-Key: <credential>`.
    ApimSubscription,
    /// Not known.
    Auto,
}

/// Reads the `auth_header` field; unknown text becomes `Auto` with a finding.
pub fn auth_header(raw: Option<&str>) -> (AuthHeader, Vec<Finding>) {
    let h = match raw.map(|s| s.trim().to_ascii_lowercase()) {
        Some(s) if s == "api-key" => AuthHeader::ApiKey,
        Some(s) if s == "authorization" => AuthHeader::Authorization,
        Some(s) if s == "ocp-apim-subscription-key" => AuthHeader::ApimSubscription,
        _ => AuthHeader::Auto,
    };
    (h, Vec::new())
}

/// What the api-version is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiVersionStatus {
    /// Not given.
    Missing,
    /// A known GA version.
    Ga,
    /// A known, still-supported preview.
    Preview,
    /// `v1`, `latest` or `preview` (the v1 API's values).
    V1,
    /// A known version that was retired.
    Retired,
    /// Well-formed (a date) but not a version we know of.
    Unknown,
    /// Not an api-version at all; the text says what it looks like (a model version,
    /// a date turned into a timestamp by YAML, …).
    Malformed(String),
}

/// Everything learned from the api-version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiVersionAnalysis {
    /// The value judged (from the field, or from the endpoint URL's query).
    pub value: Option<String>,
    /// What it is.
    pub status: ApiVersionStatus,
    /// Observations.
    pub findings: Vec<Finding>,
}

/// Judges an api-version.
pub fn api_version(raw: Option<&str>) -> ApiVersionAnalysis {
    ApiVersionAnalysis {
        value: raw.map(str::to_string),
        status: if raw.is_some() { ApiVersionStatus::Unknown } else { ApiVersionStatus::Missing },
        findings: Vec::new(),
    }
}

/// Everything learned from the deployment name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeploymentAnalysis {
    /// The model id the name looks like (`gpt-4o`, `gpt-35-turbo`), if it looks like one.
    pub looks_like_model: Option<String>,
    /// Observations.
    pub findings: Vec<Finding>,
}

/// Judges a deployment name.
pub fn deployment(_raw: Option<&str>) -> DeploymentAnalysis {
    DeploymentAnalysis::default()
}

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

/// What the `client` field says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientInfo {
    /// The library.
    pub library: Library,
    /// Its version, when given.
    pub version: Option<(u32, u32, u32)>,
    /// Observations.
    pub findings: Vec<Finding>,
}

impl ClientInfo {
    /// openai-python 2.34.0 or later: `AzureOpenAI(api_key=…)` sends only `api-key`
    /// (`auth-failures.md` §8.1, openai-python #3282).
    pub fn sends_api_key_only(&self) -> bool {
        self.library == Library::OpenAiPython && self.version.is_some_and(|v| v >= (2, 34, 0))
    }
}

/// Reads the `client` field.
pub fn client(raw: Option<&str>) -> Option<ClientInfo> {
    raw.map(|_| ClientInfo {
        library: Library::Other,
        version: None,
        findings: Vec::new(),
    })
}

/// Checks the OpenAI organization and project values.
pub fn organization_project(_org: Option<&str>, _project: Option<&str>) -> Vec<Finding> {
    Vec::new()
}
