//! Known facts: the messages that Azure OpenAI, Azure AI Services, API Management,
//! OpenAI, Entra ID, the SDKs and browsers print when a call fails, each with the
//! patterns that recognise it and its source in `auth-failures.md`; and the SDK
//! renderings those messages arrive in.
//!
//! Patterns are written the way the messages read. They go through the same
//! normalisation as the pasted text ([`crate::diag::parse::normalize`]) before matching, so
//! spacing, case and quote style do not matter: `'code': 'PermissionDenied'` matches
//! `"code":"PermissionDenied"` and `{'code': 'PermissionDenied'}` alike. A pattern that
//! starts with a letter or digit only matches at the start of a word.
//!
//! Messages that differ only by a tail are told apart with [`Pattern::unless`]: Azure
//! OpenAI's "invalid subscription key or wrong API endpoint" (A1) against API
//! Management's "invalid subscription key." (B2).

use crate::diag::read::evidence::{Rendering, Signature};
use crate::diag::report::Severity;

/// One way to recognise a message.
#[derive(Clone, Copy, Debug)]
pub struct Pattern {
    /// The text to find.
    pub text: &'static str,
    /// Not a match when the text right after it starts with one of these.
    pub unless_next: &'static [&'static str],
    /// A match only when this text follows within the given number of bytes.
    pub then: Option<(&'static str, usize)>,
    /// A match only when a digit follows directly.
    pub digit_next: bool,
    /// A match only when no letter or digit follows (the pattern ends a word).
    pub word_end: bool,
}

impl Pattern {
    /// A plain pattern.
    pub const fn new(text: &'static str) -> Pattern {
        Pattern {
            text,
            unless_next: &[],
            then: None,
            digit_next: false,
            word_end: false,
        }
    }

    /// Not a match when followed by one of `next`.
    pub const fn unless(self, next: &'static [&'static str]) -> Pattern {
        Pattern {
            unless_next: next,
            ..self
        }
    }

    /// A match only when `text` follows within `within` bytes.
    pub const fn then(self, text: &'static str, within: usize) -> Pattern {
        Pattern {
            then: Some((text, within)),
            ..self
        }
    }

    /// A match only when a digit follows.
    pub const fn digits(self) -> Pattern {
        Pattern {
            digit_next: true,
            ..self
        }
    }

    /// A match only when the pattern ends a word.
    pub const fn word(self) -> Pattern {
        Pattern {
            word_end: true,
            ..self
        }
    }
}

const fn p(text: &'static str) -> Pattern {
    Pattern::new(text)
}

/// One known message.
#[derive(Clone, Copy, Debug)]
pub struct SignatureRow {
    /// Which message.
    pub signature: Signature,
    /// Finding id for it (`evidence-…`).
    pub id: &'static str,
    /// What it means, as a clause for a finding ("Azure OpenAI says …").
    pub summary: &'static str,
    /// How a finding about it reads.
    pub severity: Severity,
    /// Where this comes from (`auth-failures.md A1`).
    pub source: &'static str,
    /// How to recognise it. Empty for signatures found by other means (a 2xx status).
    pub patterns: &'static [Pattern],
}

impl SignatureRow {
    /// The section of `auth-failures.md` (`A1`, `2.4`) for a short citation.
    pub fn section(&self) -> &'static str {
        let s = self
            .source
            .strip_prefix("auth-failures.md ")
            .unwrap_or(self.source);
        s.split(' ').next().unwrap_or(s)
    }
}

use Severity::{Info, Ok as Good, Warning};
use Signature as S;

/// Every known message.
pub const SIGNATURES: &[SignatureRow] = &[
    // 1.A Azure OpenAI / Azure AI Services data plane.
    SignatureRow {
        signature: S::AzureInvalidKey,
        id: "evidence-azure-invalid-key",
        summary: "Azure OpenAI says the key is invalid for this resource (or the endpoint is wrong)",
        severity: Warning,
        source: "auth-failures.md A1",
        patterns: &[p("invalid subscription key or wrong API endpoint")],
    },
    SignatureRow {
        signature: S::AzureTokenRejected,
        id: "evidence-azure-token-rejected",
        summary: "Azure OpenAI rejected the bearer credential: the token is missing, invalid, for another audience, or expired",
        severity: Warning,
        source: "auth-failures.md A2",
        patterns: &[p("Access token is missing, invalid, audience is incorrect")],
    },
    SignatureRow {
        signature: S::AzureScopedTokenRejected,
        id: "evidence-azure-scoped-token-rejected",
        summary: "Azure OpenAI expected a different token type (urn:ms.scopedToken audience): a token for another service, or the wrong client transport",
        severity: Warning,
        source: "auth-failures.md A2",
        patterns: &[
            p("audience is incorrect (urn:ms.scopedToken"),
            p("urn:ms.faceSessionToken)"),
        ],
    },
    SignatureRow {
        signature: S::AzurePermissionDenied,
        id: "evidence-azure-permission-denied",
        summary: "the token was accepted but its principal has no data-plane role on the resource (PermissionDenied)",
        severity: Warning,
        source: "auth-failures.md A4",
        patterns: &[
            p("Principal does not have access to API/Operation"),
            p("'code': 'PermissionDenied'"),
            p("error_code=PermissionDenied"),
            p("ErrorCode: PermissionDenied"),
        ],
    },
    SignatureRow {
        signature: S::AzureKeyAuthDisabled,
        id: "evidence-azure-key-auth-disabled",
        summary: "key authentication is disabled on this resource; only Entra ID tokens work",
        severity: Warning,
        source: "auth-failures.md A5",
        patterns: &[
            p("AuthenticationTypeDisabled"),
            p("Key based authentication is disabled"),
            p("KeyBasedAuthenticationNotPermitted"),
        ],
    },
    SignatureRow {
        signature: S::AzureDeploymentNotFound,
        id: "evidence-azure-deployment-not-found",
        summary: "the deployment does not exist on this resource; authentication succeeded",
        severity: Info,
        source: "auth-failures.md A6",
        patterns: &[
            p("DeploymentNotFound"),
            p("The API deployment for this resource does not exist"),
        ],
    },
    SignatureRow {
        signature: S::AzureResourceNotFound,
        id: "evidence-azure-resource-not-found",
        summary: "Azure OpenAI answered Resource not found: the path or the api-version is wrong",
        severity: Warning,
        source: "auth-failures.md A7",
        patterns: &[p("'Resource not found"), p(": Resource not found")],
    },
    SignatureRow {
        signature: S::AzureApiVersionNotSupported,
        id: "evidence-azure-api-version-not-supported",
        summary: "the api-version is not supported",
        severity: Warning,
        source: "auth-failures.md A8",
        patterns: &[p("API version not supported")],
    },
    SignatureRow {
        signature: S::AzureModelNeedsNewerApiVersion,
        id: "evidence-azure-model-needs-newer-api-version",
        summary: "this model needs a newer api-version",
        severity: Warning,
        source: "auth-failures.md A8",
        patterns: &[p("is enabled only for api versions")],
    },
    SignatureRow {
        signature: S::AzureProvideAuthKey,
        id: "evidence-azure-provide-auth-key",
        summary: "the service wants a key: Entra ID tokens do not work on a regional endpoint",
        severity: Warning,
        source: "auth-failures.md A9",
        patterns: &[p("Please provide an authentication key")],
    },
    SignatureRow {
        signature: S::AzureSubdomainNotFound,
        id: "evidence-azure-subdomain-not-found",
        summary: "the host names no existing Azure resource",
        severity: Warning,
        source: "auth-failures.md A10",
        patterns: &[p("Subdomain does not map to a resource")],
    },
    SignatureRow {
        signature: S::AzureNetworkRestricted,
        id: "evidence-azure-network-restricted",
        summary: "the resource refuses traffic from this network (firewall, private endpoint or virtual network); this says nothing about the credential",
        severity: Warning,
        source: "auth-failures.md A11",
        patterns: &[
            p("Public access is disabled"),
            p("Traffic is not from an approved private endpoint"),
            p("Access denied due to Virtual Network/Firewall rules"),
            p("A Virtual Network is configured for this resource"),
            p("ThrowExceptionDueToTrafficDenied"),
        ],
    },
    SignatureRow {
        signature: S::AzureQuota,
        id: "evidence-azure-quota",
        summary: "the deployment's quota is exhausted or zero; authentication succeeded",
        severity: Info,
        source: "auth-failures.md A12",
        patterns: &[
            p("retry after 86400 seconds"),
            p("exceeded token rate limit"),
        ],
    },
    SignatureRow {
        signature: S::AzureRateLimit,
        id: "evidence-azure-rate-limit",
        summary: "the call was rate limited; authentication succeeded",
        severity: Info,
        source: "auth-failures.md A12",
        patterns: &[
            p("Rate limit is exceeded"),
            p("exceeded call rate limit"),
            p("experiencing high demand"),
        ],
    },
    SignatureRow {
        signature: S::AzureSubscriptionKeyHeaderMissing,
        id: "evidence-azure-subscription-key-header",
        summary: "this Azure AI Services API wants its key in the Ocp-Apim-Subscription-Key header",
        severity: Warning,
        source: "auth-failures.md A13",
        patterns: &[
            p("Ocp-Apim-Subscription-Key is missing"),
            p("The request is not authorized because credentials are missing or invalid"),
        ],
    },
    SignatureRow {
        signature: S::AzureMissingAuthorizationHeader,
        id: "evidence-azure-missing-authorization-header",
        summary: "the endpoint wants an Authorization header (serverless endpoints take the key as Bearer)",
        severity: Warning,
        source: "auth-failures.md A13",
        patterns: &[p("Missing Authorization header")],
    },
    SignatureRow {
        signature: S::ArmWrongAudience,
        id: "evidence-arm-wrong-audience",
        summary: "Azure Resource Manager rejected the token's audience: this is a control-plane call, not Azure OpenAI",
        severity: Warning,
        source: "auth-failures.md A14",
        patterns: &[
            p("InvalidAuthenticationTokenAudience"),
            p("The access token has been obtained for wrong audience or resource"),
        ],
    },
    // 1.B API Management.
    SignatureRow {
        signature: S::ApimMissingKey,
        id: "evidence-apim-missing-key",
        summary: "an API Management gateway wants a subscription key and got none",
        severity: Warning,
        source: "auth-failures.md B1",
        patterns: &[p("Access denied due to missing subscription key")],
    },
    SignatureRow {
        signature: S::ApimInvalidKey,
        id: "evidence-apim-invalid-key",
        summary: "an API Management gateway (or a legacy Cognitive Services API) says the subscription key is invalid",
        severity: Warning,
        source: "auth-failures.md B2",
        patterns: &[p("Access denied due to invalid subscription key").unless(&["or wrong"])],
    },
    SignatureRow {
        signature: S::ApimMissingCredentials,
        id: "evidence-apim-missing-credentials",
        summary: "an API Management gateway wants an application token or a subscription key and got neither",
        severity: Warning,
        source: "auth-failures.md B3",
        patterns: &[p("missing application credentials or subscription key")],
    },
    SignatureRow {
        signature: S::ApimJwtRejected,
        id: "evidence-apim-jwt-rejected",
        summary: "an API Management validate-jwt policy rejected the token",
        severity: Warning,
        source: "auth-failures.md B4",
        patterns: &[
            p("Access token is missing or invalid"),
            p("'message': 'Invalid Token'"),
            // APIM's default wording for other validate-jwt failures (derived).
            p("JWT Validation Failed"),
        ],
    },
    SignatureRow {
        signature: S::ApimJwtNotPresent,
        id: "evidence-apim-jwt-not-present",
        summary: "an API Management validate-jwt policy found no token in the header it reads (usually `Authorization`)",
        severity: Warning,
        source: "auth-failures.md B4",
        patterns: &[p("JWT not present")],
    },
    // 1.C OpenAI.
    SignatureRow {
        signature: S::OpenAiInvalidKey,
        id: "evidence-openai-invalid-key",
        summary: "OpenAI says the API key is incorrect",
        severity: Warning,
        source: "auth-failures.md C1",
        patterns: &[p("Incorrect API key provided"), p("invalid_api_key")],
    },
    SignatureRow {
        signature: S::OpenAiMissingKey,
        id: "evidence-openai-missing-key",
        summary: "OpenAI received no API key",
        severity: Warning,
        source: "auth-failures.md C2",
        patterns: &[p("You didn't provide an API key")],
    },
    SignatureRow {
        signature: S::OpenAiOrgMismatch,
        id: "evidence-openai-org-mismatch",
        summary: "the OpenAI-Organization header does not match the key",
        severity: Warning,
        source: "auth-failures.md C3",
        patterns: &[
            p("mismatched_organization"),
            p("OpenAI-Organization header should match organization"),
            p("No such organization"),
        ],
    },
    SignatureRow {
        signature: S::OpenAiProjectMismatch,
        id: "evidence-openai-project-mismatch",
        summary: "the OpenAI-Project header does not match the key",
        severity: Warning,
        source: "auth-failures.md C4",
        patterns: &[
            p("mismatched_project"),
            p("OpenAI-Project header should match project"),
        ],
    },
    SignatureRow {
        signature: S::OpenAiNoOrganization,
        id: "evidence-openai-no-organization",
        summary: "the OpenAI account belongs to no organization",
        severity: Warning,
        source: "auth-failures.md C5",
        patterns: &[
            p("no_organization"),
            p("You must be a member of an organization to use the API"),
        ],
    },
    SignatureRow {
        signature: S::OpenAiRegion,
        id: "evidence-openai-region",
        summary: "OpenAI does not serve the caller's country or region (judged by the egress IP)",
        severity: Warning,
        source: "auth-failures.md C6",
        patterns: &[
            p("unsupported_country_region_territory"),
            p("Country, region, or territory not supported"),
        ],
    },
    SignatureRow {
        signature: S::OpenAiQuota,
        id: "evidence-openai-quota",
        summary: "the OpenAI account has no quota or credits left; authentication succeeded",
        severity: Info,
        source: "auth-failures.md C7",
        patterns: &[p("insufficient_quota"), p("You exceeded your current quota")],
    },
    SignatureRow {
        signature: S::OpenAiRateLimit,
        id: "evidence-openai-rate-limit",
        summary: "an OpenAI rate limit was reached; authentication succeeded",
        severity: Info,
        source: "auth-failures.md C8",
        patterns: &[p("rate_limit_exceeded"), p("Rate limit reached for")],
    },
    SignatureRow {
        signature: S::OpenAiMissingScopes,
        id: "evidence-openai-missing-scopes",
        summary: "the OpenAI key or role lacks a scope this call needs",
        severity: Warning,
        source: "auth-failures.md C9",
        patterns: &[
            p("Missing scopes:"),
            p("You have insufficient permissions for this operation"),
        ],
    },
    SignatureRow {
        signature: S::OpenAiIpNotAuthorized,
        id: "evidence-openai-ip-not-authorized",
        summary: "the caller's IP is not on the OpenAI project's or organization's allow-list",
        severity: Warning,
        source: "auth-failures.md C10",
        patterns: &[
            p("IP not authorized"),
            p("does not match the configured IP allowlist"),
        ],
    },
    SignatureRow {
        signature: S::OpenAiModelNotFound,
        id: "evidence-openai-model-not-found",
        summary: "the model does not exist or the OpenAI project has no access to it; authentication succeeded",
        severity: Info,
        source: "auth-failures.md C11",
        patterns: &[
            p("model_not_found"),
            p("does not have access to model"),
            p("The model").then("does not exist", 120),
        ],
    },
    SignatureRow {
        signature: S::OpenAiAdminKeyUsed,
        id: "evidence-openai-admin-key",
        summary: "an OpenAI admin key was used for a non-administration endpoint",
        severity: Warning,
        source: "auth-failures.md C12",
        patterns: &[p("Admin API keys cannot be used for non-administration endpoints")],
    },
    SignatureRow {
        signature: S::OpenAiVersionHeader,
        id: "evidence-openai-version-header",
        summary: "an Azure api-version went to OpenAI as the OpenAI-Version header: the client is not set up for Azure",
        severity: Warning,
        source: "auth-failures.md C13",
        patterns: &[p("Unsupported OpenAI-Version header")],
    },
    // 2. Entra ID and Azure Identity, client side.
    SignatureRow {
        signature: S::DefaultCredentialFailed,
        id: "evidence-default-credential-failed",
        summary: "DefaultAzureCredential found no working credential, so no token was sent",
        severity: Warning,
        source: "auth-failures.md 2.1",
        patterns: &[
            p("DefaultAzureCredential failed to retrieve a token"),
            p("failed to retrieve a token from the included credentials"),
            // @azure/identity (JS): the chain's AggregateAuthenticationError.
            p("ChainedTokenCredential authentication failed"),
        ],
    },
    SignatureRow {
        signature: S::ManagedIdentityNotAssigned,
        id: "evidence-managed-identity-not-assigned",
        summary: "the requested managed identity is not assigned to this host (wrong client id, or not attached)",
        severity: Warning,
        source: "auth-failures.md 2.2",
        patterns: &[
            p("Identity not found").word(),
            p("The requested identity has not been assigned"),
            p("The requested identity hasn't been assigned"),
        ],
    },
    SignatureRow {
        signature: S::ManagedIdentityUnavailable,
        id: "evidence-managed-identity-unavailable",
        summary: "no managed identity endpoint answered (not running on Azure, or IMDS unreachable)",
        severity: Warning,
        source: "auth-failures.md 2.2",
        patterns: &[
            p("No Managed Identity endpoint found"),
            p("no response from the IMDS endpoint"),
            p("No response received from the managed identity endpoint"),
            p("Failed to retrieve IMDS token"),
            p("ManagedIdentityCredential authentication failed"),
        ],
    },
    SignatureRow {
        signature: S::CredentialUnavailable,
        id: "evidence-credential-unavailable",
        summary: "an Azure Identity credential is not configured in this environment",
        severity: Warning,
        source: "auth-failures.md 2.1",
        patterns: &[
            p("CredentialUnavailable"),
            p("Please run 'az login'"),
            p("Please run az login"),
            p("Azure CLI not found on path"),
            p("Environment variables are not fully configured"),
            p("authentication unavailable"),
        ],
    },
    SignatureRow {
        signature: S::CredentialTokenAcquired,
        id: "evidence-credential-token-acquired",
        summary: "Azure Identity got a token (the lines about unavailable credentials before it are the chain trying its links, not a failure)",
        severity: Info,
        // The log lines of azure-identity (Python: "… acquired a token from …", "….get_token
        // succeeded"), Azure.Identity (.NET: "credential selected:", "GetToken succeeded")
        // and @azure/identity (JS: "getToken() => SUCCESS").
        source: "auth-failures.md 2.1",
        patterns: &[
            p("acquired a token from"),
            p("get_token succeeded"),
            p("GetToken succeeded"),
            p("DefaultAzureCredential credential selected"),
            p("getToken() => SUCCESS"),
        ],
    },
    SignatureRow {
        signature: S::EntraError,
        id: "evidence-entra-error",
        summary: "Entra ID refused to issue a token",
        severity: Warning,
        source: "auth-failures.md 2.4",
        patterns: &[p("AADSTS").digits()],
    },
    // 8. SDK messages: nothing was sent.
    SignatureRow {
        signature: S::SdkMissingCredentials,
        id: "evidence-sdk-missing-credentials",
        summary: "the SDK had no credential and sent nothing",
        severity: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[
            p("Missing credentials. Please pass"),
            p("The api_key client option must be set"),
            p("The OPENAI_API_KEY environment variable is missing or empty"),
            p("Value cannot be null. (Parameter 'credential')"),
        ],
    },
    SignatureRow {
        signature: S::SdkMissingApiVersion,
        id: "evidence-sdk-missing-api-version",
        summary: "the SDK had no api-version and sent nothing",
        severity: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[
            p("Must provide either the `api_version` argument"),
            p("The OPENAI_API_VERSION environment variable is missing or empty"),
        ],
    },
    SignatureRow {
        signature: S::SdkMissingEndpoint,
        id: "evidence-sdk-missing-endpoint",
        summary: "the SDK had no endpoint and sent nothing",
        severity: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[
            p("Must provide one of the `base_url` or `azure_endpoint` arguments"),
            p("Must provide one of the `baseURL` or `endpoint` arguments"),
        ],
    },
    SignatureRow {
        signature: S::SdkCouldNotResolveAuth,
        id: "evidence-sdk-could-not-resolve-auth",
        summary: "openai-python (2.34.0 or later) could not build an auth header and sent nothing",
        severity: Warning,
        source: "auth-failures.md 8.1",
        patterns: &[p("Could not resolve authentication method")],
    },
    SignatureRow {
        signature: S::SdkTokenProviderNotString,
        id: "evidence-sdk-token-provider-not-string",
        summary: "the token provider returned no string (an AccessToken object or None); use get_bearer_token_provider",
        severity: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[p("argument to return a non-empty string")],
    },
    SignatureRow {
        signature: S::SdkConflictingCredentials,
        id: "evidence-sdk-conflicting-credentials",
        summary: "the SDK was given both a key and a token (or token provider); pass only one",
        severity: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[p("arguments are mutually exclusive")],
    },
    SignatureRow {
        signature: S::SdkNoBody,
        id: "evidence-sdk-no-body",
        summary: "the service (or a gateway) answered with an empty body",
        severity: Warning,
        source: "auth-failures.md 8.3",
        patterns: &[p("status code (no body)")],
    },
    // 7. Browser.
    SignatureRow {
        signature: S::BrowserFailedToFetch,
        id: "evidence-browser-failed-to-fetch",
        summary: "the browser's fetch failed without a status (CORS, DNS, TLS, private endpoint): this says nothing about the credential",
        severity: Info,
        source: "auth-failures.md 7.4",
        patterns: &[
            p("Failed to fetch").word(),
            p("NetworkError when attempting to fetch resource"),
            // Safari's wording of the same failure (derived).
            p("TypeError: Load failed"),
        ],
    },
    SignatureRow {
        signature: S::BrowserCors,
        id: "evidence-browser-cors",
        summary: "the browser blocked the response (CORS): this says nothing about the credential",
        severity: Info,
        source: "auth-failures.md 7",
        patterns: &[
            p("blocked by CORS policy"),
            p("No 'Access-Control-Allow-Origin' header"),
            p("CORS header 'Access-Control-Allow-Origin' is missing"),
            p("CORS preflight"),
            p("Response to preflight request doesn't pass access control check"),
            p("is not allowed by Access-Control-Allow-Headers"),
            p("Cross-Origin Request Blocked"),
            p("Blocking a cross-origin request"),
        ],
    },
    // Computed, and validation errors.
    SignatureRow {
        signature: S::Success,
        id: "evidence-success",
        summary: "the call succeeded",
        severity: Good,
        source: "auth-failures.md 4.4",
        patterns: &[],
    },
    SignatureRow {
        signature: S::ValidationError,
        id: "evidence-validation-error",
        summary: "the service rejected the request body (a validation error), so authentication succeeded",
        severity: Info,
        source: "auth-failures.md 4.4 (derived)",
        patterns: &[
            p("is a required property"),
            p("'param': '"),
            p("Additional properties are not allowed"),
            p("Unrecognized request argument"),
            p("We could not parse the JSON body"),
            p("Missing required parameter"),
            p("context_length_exceeded"),
            p("'code': 'content_filter'"),
            p("'code': 'invalid_value'"),
            p("is not of type"),
        ],
    },
];

/// The row of a signature.
pub fn row(s: Signature) -> Option<&'static SignatureRow> {
    SIGNATURES.iter().find(|r| r.signature == s)
}

/// One SDK or tool rendering of an error.
#[derive(Clone, Copy, Debug)]
pub struct RenderingRow {
    /// Which rendering.
    pub rendering: Rendering,
    /// Finding id part (`evidence-rendering-…`).
    pub id: &'static str,
    /// Its name for people.
    pub name: &'static str,
    /// Texts that show it. Empty for renderings found by other means.
    pub patterns: &'static [&'static str],
    /// Where this comes from.
    pub source: &'static str,
}

/// Every rendering the doctor recognises.
pub const RENDERINGS: &[RenderingRow] = &[
    RenderingRow {
        rendering: Rendering::RawJson,
        id: "evidence-rendering-json",
        name: "a raw JSON error body",
        patterns: &[],
        source: "auth-failures.md conventions",
    },
    RenderingRow {
        rendering: Rendering::PythonDict,
        id: "evidence-rendering-python",
        name: "an openai-python error (Python dict rendering)",
        patterns: &["Error code:"],
        source: "auth-failures.md conventions",
    },
    RenderingRow {
        rendering: Rendering::OpenAiPythonLegacy,
        id: "evidence-rendering-python-0x",
        name: "an openai-python 0.x error",
        patterns: &["openai.error.", "error_code=", "error_message="],
        source: "auth-failures.md conventions",
    },
    RenderingRow {
        rendering: Rendering::DotNetRequestFailed,
        id: "evidence-rendering-dotnet-request-failed",
        name: "a .NET Azure.RequestFailedException",
        patterns: &["RequestFailedException"],
        source: "auth-failures.md conventions",
    },
    RenderingRow {
        rendering: Rendering::DotNetClientResult,
        id: "evidence-rendering-dotnet-client-result",
        name: "a .NET System.ClientModel.ClientResultException",
        patterns: &["ClientResultException", "Service request failed. Status:"],
        source: "auth-failures.md conventions",
    },
    RenderingRow {
        rendering: Rendering::OpenAiNode,
        id: "evidence-rendering-node",
        name: "an openai-node error",
        patterns: &[
            "status code (no body)",
            "AuthenticationError: 401",
            "PermissionDeniedError: 403",
            "NotFoundError: 404",
            "RateLimitError: 429",
            "BadRequestError: 400",
        ],
        source: "auth-failures.md conventions, 8.3",
    },
    RenderingRow {
        rendering: Rendering::LiteLlm,
        id: "evidence-rendering-litellm",
        name: "a LiteLLM error",
        patterns: &["litellm."],
        source: "auth-failures.md conventions",
    },
    RenderingRow {
        rendering: Rendering::Curl,
        id: "evidence-rendering-curl",
        name: "HTTP output with a status line (curl -i or -v)",
        patterns: &[],
        source: "auth-failures.md 7.4",
    },
    RenderingRow {
        rendering: Rendering::EntraEnvelope,
        id: "evidence-rendering-entra",
        name: "an Entra ID or managed identity (IMDS) error envelope",
        patterns: &["'error_description':", "'error_codes':"],
        source: "auth-failures.md 2.3",
    },
    RenderingRow {
        rendering: Rendering::AzureIdentity,
        id: "evidence-rendering-azure-identity",
        name: "an Azure Identity credential error",
        patterns: &[
            "DefaultAzureCredential",
            "ManagedIdentityCredential",
            "ChainedTokenCredential",
            "CredentialUnavailable",
            "ClientAuthenticationError",
            "AuthenticationFailedException",
            "azure.identity",
        ],
        source: "auth-failures.md 2.1",
    },
    RenderingRow {
        rendering: Rendering::BrowserConsole,
        id: "evidence-rendering-browser",
        name: "a browser console error",
        patterns: &[
            "TypeError: Failed to fetch",
            "blocked by CORS policy",
            "Access-Control-Allow-Origin",
        ],
        source: "auth-failures.md 7",
    },
];

/// The row of a rendering.
pub fn rendering_row(r: Rendering) -> Option<&'static RenderingRow> {
    RENDERINGS.iter().find(|x| x.rendering == r)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::parse::normalize::canonical;

    #[test]
    fn rows_are_unique_sourced_and_matchable() {
        for (i, r) in SIGNATURES.iter().enumerate() {
            assert!(
                SIGNATURES[i + 1..]
                    .iter()
                    .all(|o| o.signature != r.signature),
                "{:?} twice",
                r.signature
            );
            assert!(
                r.source.starts_with("auth-failures.md "),
                "{:?}",
                r.signature
            );
            assert!(r.id.starts_with("evidence-"), "{:?}", r.signature);
            for pat in r.patterns {
                assert!(canonical(pat.text).len() >= 3, "{:?}", pat.text);
            }
        }
        assert_eq!(
            row(Signature::AzureInvalidKey).map(|r| r.section()),
            Some("A1")
        );
        assert_eq!(
            row(Signature::ValidationError).map(|r| r.section()),
            Some("4.4")
        );
    }

    #[test]
    fn renderings_are_unique() {
        for (i, r) in RENDERINGS.iter().enumerate() {
            assert!(RENDERINGS[i + 1..]
                .iter()
                .all(|o| o.rendering != r.rendering));
            assert!(r.id.starts_with("evidence-rendering-"));
        }
    }
}
