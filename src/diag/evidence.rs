//! Evidence: what the service (or the SDK, or Entra ID) actually said. Parses the
//! `response` and the pasted `error_text` in every rendering of `auth-failures.md`
//! (raw JSON, Python dict repr, .NET exceptions, openai-node, LiteLLM, `curl -i`,
//! AADSTS envelopes, DefaultAzureCredential chains) into facts the rules can read.
//!
//! Matching is on normalized text (whitespace collapsed, case folded, quote style
//! ignored), never on raw bytes.
//!
//! STUB: the interface is fixed; the parsing is to be written.

use super::case::{BrowserFailure, ObservedResponse};
use super::report::{Field, Finding};
use std::collections::BTreeMap;

/// A known message, by the section of `auth-failures.md` it comes from.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Signature {
    /// A1: "Access denied due to invalid subscription key or wrong API endpoint".
    AzureInvalidKey,
    /// A2: "Access token is missing, invalid, audience is incorrect (…), or have expired".
    AzureTokenRejected,
    /// A2 variant: audience `urn:ms.scopedToken or urn:ms.faceSessionToken`.
    AzureScopedTokenRejected,
    /// A4: `PermissionDenied` / "Principal does not have access to API/Operation".
    AzurePermissionDenied,
    /// A5: `AuthenticationTypeDisabled` / "Key based authentication is disabled".
    AzureKeyAuthDisabled,
    /// A6: `DeploymentNotFound`.
    AzureDeploymentNotFound,
    /// A7: 404 "Resource not found".
    AzureResourceNotFound,
    /// A8: "API version not supported".
    AzureApiVersionNotSupported,
    /// A8: "Model … is enabled only for api versions … and later".
    AzureModelNeedsNewerApiVersion,
    /// A9: "Please provide an authentication key."
    AzureProvideAuthKey,
    /// A10: "Subdomain does not map to a resource".
    AzureSubdomainNotFound,
    /// A11: public access disabled, private endpoint, firewall, VNet.
    AzureNetworkRestricted,
    /// A12: 429 with a quota of zero or exhausted ("retry after 86400 seconds", "exceeded token rate limit").
    AzureQuota,
    /// A12: 429 "Rate limit is exceeded", high demand.
    AzureRateLimit,
    /// A13: a Cognitive Services API wants `Ocp-Apim-Subscription-Key`.
    AzureSubscriptionKeyHeaderMissing,
    /// A13: "Missing Authorization header" (serverless endpoint wants Bearer).
    AzureMissingAuthorizationHeader,
    /// A14: ARM `InvalidAuthenticationTokenAudience`.
    ArmWrongAudience,
    /// B1: "Access denied due to missing subscription key".
    ApimMissingKey,
    /// B2: "Access denied due to invalid subscription key." without the A1 tail.
    ApimInvalidKey,
    /// B3: "missing application credentials or subscription key".
    ApimMissingCredentials,
    /// B4: validate-jwt: "Invalid Token", "JWT not present.", "Access token is missing or invalid." (no audience part).
    ApimJwtRejected,
    /// C1: `invalid_api_key` / "Incorrect API key provided".
    OpenAiInvalidKey,
    /// C2: "You didn't provide an API key".
    OpenAiMissingKey,
    /// C3: `mismatched_organization`, "No such organization".
    OpenAiOrgMismatch,
    /// C4: `mismatched_project`.
    OpenAiProjectMismatch,
    /// C5: `no_organization`.
    OpenAiNoOrganization,
    /// C6: `unsupported_country_region_territory`.
    OpenAiRegion,
    /// C7: `insufficient_quota`.
    OpenAiQuota,
    /// C8: `rate_limit_exceeded`.
    OpenAiRateLimit,
    /// C9: "insufficient permissions … Missing scopes".
    OpenAiMissingScopes,
    /// C10: "IP not authorized".
    OpenAiIpNotAuthorized,
    /// C11: `model_not_found` / "does not have access to model" / "The model … does not exist".
    OpenAiModelNotFound,
    /// C12: "Admin API keys cannot be used for non-administration endpoints".
    OpenAiAdminKeyUsed,
    /// C13: "Unsupported OpenAI-Version header".
    OpenAiVersionHeader,
    /// 2.1: "DefaultAzureCredential failed to retrieve a token".
    DefaultCredentialFailed,
    /// 2.2: "Identity not found" / "requested identity has not been assigned".
    ManagedIdentityNotAssigned,
    /// 2.2: "No Managed Identity endpoint found", "no response from the IMDS endpoint".
    ManagedIdentityUnavailable,
    /// 2.1: `CredentialUnavailableError` / "Please run 'az login'".
    CredentialUnavailable,
    /// 2.4: an `AADSTSnnnnn` code (see [`Evidence::aadsts`]).
    EntraError,
    /// 8.2: the SDK had no credential ("Missing credentials", "api_key client option must be set").
    SdkMissingCredentials,
    /// 8.2: the SDK had no api-version.
    SdkMissingApiVersion,
    /// 8.2: the SDK had no endpoint.
    SdkMissingEndpoint,
    /// 8.1: openai-python ≥ 2.34 "Could not resolve authentication method".
    SdkCouldNotResolveAuth,
    /// 8.2: "Expected azure_ad_token_provider argument to return a non-empty string".
    SdkTokenProviderNotString,
    /// 8.3: openai-node "401 status code (no body)".
    SdkNoBody,
    /// 7: "Failed to fetch" / "NetworkError when attempting to fetch resource".
    BrowserFailedToFetch,
    /// 7: "blocked by CORS policy" / "No 'Access-Control-Allow-Origin' header".
    BrowserCors,
    /// A 2xx response: the call worked.
    Success,
    /// A 400 validation error that is not about auth or api-version: auth worked.
    ValidationError,
}

/// Where a piece of evidence was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The message recognised.
    pub signature: Signature,
    /// `response` or `error_text`.
    pub field: Field,
    /// 1-based line in the pasted text, when it came from `error_text`.
    pub line: Option<usize>,
    /// A short excerpt of the message (never longer than 200 characters; any key
    /// echo in it already masked by the service).
    pub excerpt: String,
}

/// OpenAI's echo of the key it received (`auth-failures.md` C1).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyEcho {
    /// `sk-abcde***…***wxyz`: first 8, stars, last 4. `length` is the length sent.
    Masked {
        /// First 8 characters.
        prefix: String,
        /// Last 4 characters.
        suffix: String,
        /// Length of the key that was sent.
        length: usize,
    },
    /// A literal word such as `undefined` or `None`: an unset variable was sent.
    Literal(String),
}

/// Everything learned from what the service said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// HTTP status, from the response, a status line, or an SDK rendering.
    pub status: Option<u16>,
    /// Where the status came from.
    pub status_field: Option<Field>,
    /// The browser saw no response.
    pub failure: Option<BrowserFailure>,
    /// Recognised messages, in order of appearance.
    pub hits: Vec<Hit>,
    /// The key echo in an OpenAI invalid-key message.
    pub echo: Option<KeyEcho>,
    /// AADSTS codes seen.
    pub aadsts: Vec<u32>,
    /// Audience named in an A2 message (`https://cognitiveservices.azure.com`).
    pub audience_in_message: Option<String>,
    /// Scopes named in a C9 message.
    pub missing_scopes: Option<String>,
    /// Response headers, names lower-cased (from `response` or `curl -i` output).
    pub headers: BTreeMap<String, String>,
    /// The `code` of the error body, when there is one.
    pub body_code: Option<String>,
    /// When the failure happened (a `date:` header or a timestamp in the text), Unix seconds.
    pub when: Option<i64>,
    /// Observations about the evidence itself.
    pub findings: Vec<Finding>,
}

impl Evidence {
    /// True when this message was recognised anywhere.
    pub fn has(&self, s: Signature) -> bool {
        self.hits.iter().any(|h| h.signature == s)
    }

    /// The first hit of this message.
    pub fn hit(&self, s: Signature) -> Option<&Hit> {
        self.hits.iter().find(|h| h.signature == s)
    }

    /// True when anything at all was observed (a status, a failure or a message).
    pub fn observed(&self) -> bool {
        self.status.is_some() || self.failure.is_some() || !self.hits.is_empty()
    }
}

/// Reads the response and the pasted error text.
pub fn analyze(response: Option<&ObservedResponse>, _error_text: Option<&str>) -> Evidence {
    let mut e = Evidence::default();
    if let Some(r) = response {
        e.status = r.status;
        e.status_field = r.status.map(|_| Field::Response);
        e.failure = r.failure;
    }
    e
}
