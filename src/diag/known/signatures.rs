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
    /// B4: validate-jwt: "Invalid Token", "Access token is missing or invalid." (no audience part).
    ApimJwtRejected,
    /// B4: validate-jwt's default message when no token reached it: "JWT not present."
    ApimJwtNotPresent,
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
    /// C11: "Project `…` does not have access to model `…`".
    OpenAiProjectNoModelAccess,
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
    /// 2.1: Azure Identity's log line that a credential got a token ("DefaultAzureCredential
    /// acquired a token from AzureCliCredential"): the chain worked.
    CredentialTokenAcquired,
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
    /// 8.2/8.3: "The `api_key` … and `azure_ad_token_provider` arguments are mutually
    /// exclusive": a key and a token were both given to the SDK.
    SdkConflictingCredentials,
    /// Real-world: "Token tenant … does not match resource tenant" / "Tenant provided in
    /// token does not match resource token" (Foundry agents, Azure AI services).
    AzureTokenTenantMismatch,
    /// Real-world: "ExpiredAuthenticationToken", "The access token expiry UTC time '…' is
    /// earlier than current UTC time '…'" (Foundry and Azure AI services data planes).
    AzureTokenExpired,
    /// Real-world: a data-plane RBAC denial worded as "lacks the required data action".
    AzureDataActionDenied,
    /// Real-world: a managed identity or Cloud Shell token source refuses the audience
    /// ("AudienceNotSupported", "is not a supported MSI token audience").
    TokenSourceAudienceNotSupported,
    /// Real-world: Entra ID requires consent or preauthorization before it issues the
    /// token ("must be configured via preauthorization", `consent_required`).
    EntraConsentRequired,
    /// Real-world: the client could not resolve the host name (getaddrinfo ENOTFOUND,
    /// NameResolutionError, "Name or service not known", "No such host is known").
    HostNotResolved,
    /// Real-world: a client found no key to send ("No API key provided" in openai-python
    /// 0.x, "API key not found" in LangChain.js).
    ClientFoundNoKey,
    /// Real-world: OpenAI's answer to a request with no `Authorization` header ("Missing
    /// bearer or basic authentication in header").
    OpenAiNoAuthHeader,
    /// Real-world: OpenAI's `account_deactivated` ("This key is associated with a
    /// deactivated account").
    OpenAiAccountDeactivated,
    /// Real-world: a client's own check of the key's format refused it before sending
    /// ("API key should be of the format", "Invalid OpenAI API key!").
    ClientRejectedKeyFormat,
    /// 7: "Failed to fetch" / "NetworkError when attempting to fetch resource".
    BrowserFailedToFetch,
    /// 7: "blocked by CORS policy" / "No 'Access-Control-Allow-Origin' header".
    BrowserCors,
    /// A 2xx response: the call worked.
    Success,
    /// A 400 validation error that is not about auth or api-version: auth worked.
    ValidationError,
}

impl Signature {
    /// This message's row in the signature table (summary, source, patterns).
    pub fn row(self) -> Option<&'static SignatureRow> {
        row(self)
    }

    /// The section of `auth-failures.md` it comes from (`A1`, `2.4`).
    pub fn section(self) -> &'static str {
        self.row().map_or("", SignatureRow::section)
    }

    /// True when this message says the service refused the credential.
    pub fn refuses_credential(self) -> bool {
        self.row().is_some_and(|r| r.reads == Reads::Refusal)
    }

    /// True when this message can only come after authentication succeeded
    /// (`causes.md`: a 404 DeploymentNotFound, a 429 and a 400 validation error prove it).
    pub fn proves_auth(self) -> bool {
        matches!(
            self,
            Signature::Success
                | Signature::ValidationError
                | Signature::AzureDeploymentNotFound
                | Signature::AzureQuota
                | Signature::AzureRateLimit
                | Signature::OpenAiQuota
                | Signature::OpenAiRateLimit
                | Signature::OpenAiModelNotFound
                | Signature::OpenAiProjectNoModelAccess
        )
    }
}

/// How the pasted text was printed. Recognising it helps read it (the .NET status line
/// trap) and tells the rules which client the user runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Rendering {
    /// A raw JSON body: `{"error":{"code":"401","message":"…"}}`.
    RawJson,
    /// openai-python v1+: `Error code: 401 - {'error': {...}}` (Python dict repr).
    PythonDict,
    /// openai-python 0.x: `openai.error.AuthenticationError: …`, `error_code=… error_message='…'`.
    OpenAiPythonLegacy,
    /// .NET Azure.Core: `Azure.RequestFailedException: … Status: 401 (…) ErrorCode: … Content: …`.
    DotNetRequestFailed,
    /// .NET System.ClientModel: `ClientResultException: Service request failed. Status: 401 (…)`.
    DotNetClientResult,
    /// openai-node: `AuthenticationError: 401 …` or `401 status code (no body)`.
    OpenAiNode,
    /// LiteLLM: `litellm.AuthenticationError: AzureException AuthenticationError - …`.
    LiteLlm,
    /// `curl -i` / `curl -v` output: a status line (`HTTP/1.1 401 Unauthorized`), headers, body.
    Curl,
    /// The Entra ID token endpoint's envelope: `{"error":"…","error_description":"AADSTS…"}`.
    EntraEnvelope,
    /// Azure Identity: DefaultAzureCredential chains, managed identity, `ClientAuthenticationError`.
    AzureIdentity,
    /// A browser console: `TypeError: Failed to fetch`, CORS messages.
    BrowserConsole,
}

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

/// What a known message says about the call; the finding about it reads accordingly.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reads {
    /// The service refused the credential (a warning; the call got no further).
    Refusal,
    /// The call failed another way (a warning: something is wrong, the rules say what).
    Failure,
    /// Neither (information: a rate limit, a browser failure, a chain's progress).
    Neutral,
    /// The call worked.
    Success,
}

use super::causes::CauseId;

/// One known message.
#[derive(Clone, Copy, Debug)]
pub struct SignatureRow {
    /// Which message.
    pub signature: Signature,
    /// Finding id for it (`evidence-…`).
    pub id: &'static str,
    /// What it means, as a clause for a finding ("Azure OpenAI says …").
    pub summary: &'static str,
    /// What the message says about the call: a failure, a success, or neither.
    pub reads: Reads,
    /// Where this comes from (`auth-failures.md A1`).
    pub source: &'static str,
    /// How to recognise it. Empty for signatures found by other means (a 2xx status).
    pub patterns: &'static [Pattern],
    /// The cause this message alone points at, when it needs no rule to interpret it.
    /// Messages whose meaning depends on the inputs (an invalid key, a rejected token)
    /// have `None` and a rule of their own in `rank::rules`.
    pub points_at: Option<Pointer>,
}

/// The cause a message points at, how firmly, and what it adds to the evidence line.
#[derive(Clone, Copy, Debug)]
pub struct Pointer {
    /// The cause.
    pub cause: CauseId,
    /// How firmly the message alone points at it.
    pub strength: Strength,
    /// Appended to the evidence line (" — authentication worked"); may be empty.
    pub note: &'static str,
    /// The answer comes only after the credential was accepted (a 429, a 400 for the
    /// api-version), so input shapes cannot make an auth cause of it.
    pub auth_worked: bool,
}

/// How firmly a message points at its cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Strength {
    /// The message could mean this cause, among others (a hint, low).
    Hints,
    /// The message suggests this cause; input shapes may name a more specific one.
    Suggests,
    /// The message means this cause.
    Means,
    /// The message names this cause in so many words (a code, a policy).
    Names,
}

const fn points(cause: CauseId, strength: Strength, note: &'static str) -> Option<Pointer> {
    Some(Pointer {
        cause,
        strength,
        note,
        auth_worked: false,
    })
}

/// [`points`] for an answer that comes only after authentication succeeded.
const fn after_auth(cause: CauseId, strength: Strength, note: &'static str) -> Option<Pointer> {
    Some(Pointer {
        cause,
        strength,
        note,
        auth_worked: true,
    })
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

use super::causes::CauseId as C;
use Reads::{Failure as Warning, Neutral as Info, Refusal as Refused, Success as Good};
use Signature as S;
use Strength::{Hints, Means, Names, Suggests};

/// Every known message.
pub const SIGNATURES: &[SignatureRow] = &[
    // 1.A Azure OpenAI / Azure AI Services data plane.
    SignatureRow {
        signature: S::AzureInvalidKey,
        id: "evidence-azure-invalid-key",
        summary: "Azure OpenAI says the key is invalid for this resource (or the endpoint is wrong)",
        reads: Refused,
        source: "auth-failures.md A1",
        patterns: &[p("invalid subscription key or wrong API endpoint")],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzureTokenRejected,
        id: "evidence-azure-token-rejected",
        summary: "Azure OpenAI rejected the bearer credential: the token is missing, invalid, for another audience, or expired",
        reads: Refused,
        source: "auth-failures.md A2",
        patterns: &[p("Access token is missing, invalid, audience is incorrect")],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzureScopedTokenRejected,
        id: "evidence-azure-scoped-token-rejected",
        summary: "Azure OpenAI expected a different token type (urn:ms.scopedToken audience): a token for another service, or the wrong client transport",
        reads: Refused,
        source: "auth-failures.md A2",
        patterns: &[
            p("audience is incorrect (urn:ms.scopedToken"),
            p("urn:ms.faceSessionToken)"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzurePermissionDenied,
        id: "evidence-azure-permission-denied",
        summary: "the token was accepted but its principal has no data-plane role on the resource (PermissionDenied)",
        reads: Warning,
        source: "auth-failures.md A4",
        patterns: &[
            p("Principal does not have access to API/Operation"),
            p("'code': 'PermissionDenied'"),
            p("error_code=PermissionDenied"),
            p("ErrorCode: PermissionDenied"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzureKeyAuthDisabled,
        id: "evidence-azure-key-auth-disabled",
        summary: "key authentication is disabled on this resource; only Entra ID tokens work",
        reads: Refused,
        source: "auth-failures.md A5",
        patterns: &[
            p("AuthenticationTypeDisabled"),
            p("Key based authentication is disabled"),
            p("KeyBasedAuthenticationNotPermitted"),
        ],
        points_at: points(C::KeyAuthDisabled, Names, ""),
    },
    SignatureRow {
        signature: S::AzureDeploymentNotFound,
        id: "evidence-azure-deployment-not-found",
        summary: "the deployment does not exist on this resource; authentication succeeded",
        reads: Info,
        source: "auth-failures.md A6",
        patterns: &[
            p("DeploymentNotFound"),
            p("The API deployment for this resource does not exist"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzureResourceNotFound,
        id: "evidence-azure-resource-not-found",
        summary: "Azure OpenAI answered Resource not found: the path or the api-version is wrong",
        reads: Warning,
        source: "auth-failures.md A7",
        patterns: &[p("'Resource not found"), p(": Resource not found")],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzureApiVersionNotSupported,
        id: "evidence-azure-api-version-not-supported",
        summary: "the api-version is not supported",
        reads: Warning,
        source: "auth-failures.md A8",
        patterns: &[p("API version not supported")],
        points_at: after_auth(C::ApiVersionInvalid, Means, ""),
    },
    SignatureRow {
        signature: S::AzureModelNeedsNewerApiVersion,
        id: "evidence-azure-model-needs-newer-api-version",
        summary: "this model needs a newer api-version",
        reads: Warning,
        source: "auth-failures.md A8",
        patterns: &[p("is enabled only for api versions")],
        points_at: after_auth(C::ApiVersionInvalid, Means, ""),
    },
    SignatureRow {
        signature: S::AzureProvideAuthKey,
        id: "evidence-azure-provide-auth-key",
        summary: "the service wants a key: Entra ID tokens do not work on a regional endpoint",
        reads: Warning,
        source: "auth-failures.md A9",
        patterns: &[p("Please provide an authentication key")],
        points_at: None,
    },
    SignatureRow {
        signature: S::AzureSubdomainNotFound,
        id: "evidence-azure-subdomain-not-found",
        summary: "the host names no existing Azure resource",
        reads: Warning,
        source: "auth-failures.md A10",
        patterns: &[p("Subdomain does not map to a resource")],
        points_at: points(C::ResourceNotFound, Means, ""),
    },
    SignatureRow {
        signature: S::AzureNetworkRestricted,
        id: "evidence-azure-network-restricted",
        summary: "the resource refuses traffic from this network (firewall, private endpoint or virtual network); this says nothing about the credential",
        reads: Warning,
        source: "auth-failures.md A11",
        patterns: &[
            p("Public access is disabled"),
            p("Traffic is not from an approved private endpoint"),
            p("Access denied due to Virtual Network/Firewall rules"),
            p("A Virtual Network is configured for this resource"),
            p("ThrowExceptionDueToTrafficDenied"),
        ],
        points_at: points(C::NetworkRestricted, Means, " — says nothing about the credential"),
    },
    SignatureRow {
        signature: S::AzureQuota,
        id: "evidence-azure-quota",
        summary: "the deployment's quota is exhausted or zero; authentication succeeded",
        reads: Info,
        source: "auth-failures.md A12",
        patterns: &[
            p("retry after 86400 seconds"),
            p("exceeded token rate limit"),
        ],
        points_at: after_auth(C::QuotaOrRateLimit, Means, " — authentication worked"),
    },
    SignatureRow {
        signature: S::AzureRateLimit,
        id: "evidence-azure-rate-limit",
        summary: "the call was rate limited; authentication succeeded",
        reads: Info,
        source: "auth-failures.md A12",
        patterns: &[
            p("Rate limit is exceeded"),
            p("call rate limit"),
            p("token rate limit"),
            p("experiencing high demand"),
        ],
        points_at: after_auth(C::QuotaOrRateLimit, Means, " — authentication worked"),
    },
    SignatureRow {
        signature: S::AzureSubscriptionKeyHeaderMissing,
        id: "evidence-azure-subscription-key-header",
        summary: "this Azure AI Services API wants its key in the Ocp-Apim-Subscription-Key header",
        reads: Refused,
        source: "auth-failures.md A13",
        patterns: &[
            p("Ocp-Apim-Subscription-Key is missing"),
            p("The request is not authorized because credentials are missing or invalid"),
        ],
        points_at: points(C::AuthHeaderWrong, Suggests, ""),
    },
    SignatureRow {
        signature: S::AzureMissingAuthorizationHeader,
        id: "evidence-azure-missing-authorization-header",
        summary: "the endpoint wants an Authorization header (serverless endpoints take the key as Bearer)",
        reads: Refused,
        source: "auth-failures.md A13",
        patterns: &[p("Missing Authorization header")],
        points_at: points(C::AuthHeaderWrong, Suggests, ""),
    },
    SignatureRow {
        signature: S::ArmWrongAudience,
        id: "evidence-arm-wrong-audience",
        summary: "Azure Resource Manager rejected the token's audience: this is a control-plane call, not Azure OpenAI",
        reads: Warning,
        source: "auth-failures.md A14",
        patterns: &[
            p("InvalidAuthenticationTokenAudience"),
            p("The access token has been obtained for wrong audience or resource"),
        ],
        points_at: None,
    },
    // 1.B API Management.
    SignatureRow {
        signature: S::ApimMissingKey,
        id: "evidence-apim-missing-key",
        summary: "an API Management gateway wants a subscription key and got none",
        reads: Refused,
        source: "auth-failures.md B1",
        patterns: &[p("Access denied due to missing subscription key")],
        points_at: None,
    },
    SignatureRow {
        signature: S::ApimInvalidKey,
        id: "evidence-apim-invalid-key",
        summary: "an API Management gateway (or a legacy Cognitive Services API) says the subscription key is invalid",
        reads: Refused,
        source: "auth-failures.md B2",
        patterns: &[p("Access denied due to invalid subscription key").unless(&["or wrong"])],
        points_at: None,
    },
    SignatureRow {
        signature: S::ApimMissingCredentials,
        id: "evidence-apim-missing-credentials",
        summary: "an API Management gateway wants an application token or a subscription key and got neither",
        reads: Refused,
        source: "auth-failures.md B3",
        patterns: &[p("missing application credentials or subscription key")],
        points_at: None,
    },
    SignatureRow {
        signature: S::ApimJwtRejected,
        id: "evidence-apim-jwt-rejected",
        summary: "an API Management validate-jwt policy rejected the token",
        reads: Refused,
        source: "auth-failures.md B4",
        patterns: &[
            p("Access token is missing or invalid"),
            p("'message': 'Invalid Token'"),
            // APIM's default wording for other validate-jwt failures (derived).
            p("JWT Validation Failed"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::ApimJwtNotPresent,
        id: "evidence-apim-jwt-not-present",
        summary: "an API Management validate-jwt policy found no token in the header it reads (usually `Authorization`)",
        reads: Refused,
        source: "auth-failures.md B4",
        patterns: &[p("JWT not present")],
        points_at: None,
    },
    // 1.C OpenAI.
    SignatureRow {
        signature: S::OpenAiInvalidKey,
        id: "evidence-openai-invalid-key",
        summary: "OpenAI says the API key is incorrect",
        reads: Refused,
        source: "auth-failures.md C1",
        patterns: &[p("Incorrect API key provided"), p("invalid_api_key")],
        points_at: None,
    },
    SignatureRow {
        signature: S::OpenAiMissingKey,
        id: "evidence-openai-missing-key",
        summary: "OpenAI received no API key",
        reads: Refused,
        source: "auth-failures.md C2",
        patterns: &[p("You didn't provide an API key")],
        points_at: points(C::KeyMissing, Means, ""),
    },
    SignatureRow {
        signature: S::OpenAiOrgMismatch,
        id: "evidence-openai-org-mismatch",
        summary: "the OpenAI-Organization header does not match the key",
        reads: Warning,
        source: "auth-failures.md C3",
        patterns: &[
            p("mismatched_organization"),
            p("OpenAI-Organization header should match organization"),
            p("No such organization"),
        ],
        points_at: points(C::OpenaiOrgProject, Means, ""),
    },
    SignatureRow {
        signature: S::OpenAiProjectMismatch,
        id: "evidence-openai-project-mismatch",
        summary: "the OpenAI-Project header does not match the key",
        reads: Warning,
        source: "auth-failures.md C4",
        patterns: &[
            p("mismatched_project"),
            p("OpenAI-Project header should match project"),
        ],
        points_at: points(C::OpenaiOrgProject, Means, ""),
    },
    SignatureRow {
        signature: S::OpenAiNoOrganization,
        id: "evidence-openai-no-organization",
        summary: "the OpenAI account belongs to no organization",
        reads: Warning,
        source: "auth-failures.md C5",
        patterns: &[
            p("no_organization"),
            p("You must be a member of an organization to use the API"),
        ],
        points_at: points(C::OpenaiOrgProject, Means, ""),
    },
    SignatureRow {
        signature: S::OpenAiRegion,
        id: "evidence-openai-region",
        summary: "OpenAI does not serve the caller's country or region (judged by the egress IP)",
        reads: Warning,
        source: "auth-failures.md C6",
        patterns: &[
            p("unsupported_country_region_territory"),
            p("Country, region, or territory not supported"),
        ],
        points_at: points(C::RegionNotSupported, Names, ""),
    },
    SignatureRow {
        signature: S::OpenAiQuota,
        id: "evidence-openai-quota",
        summary: "the OpenAI account has no quota or credits left; authentication succeeded",
        reads: Info,
        source: "auth-failures.md C7",
        patterns: &[p("insufficient_quota"), p("You exceeded your current quota")],
        points_at: after_auth(C::QuotaOrRateLimit, Means, " — authentication worked"),
    },
    SignatureRow {
        signature: S::OpenAiRateLimit,
        id: "evidence-openai-rate-limit",
        summary: "an OpenAI rate limit was reached; authentication succeeded",
        reads: Info,
        source: "auth-failures.md C8",
        patterns: &[p("rate_limit_exceeded"), p("Rate limit reached for")],
        points_at: after_auth(C::QuotaOrRateLimit, Means, " — authentication worked"),
    },
    SignatureRow {
        signature: S::OpenAiMissingScopes,
        id: "evidence-openai-missing-scopes",
        summary: "the OpenAI key or role lacks a scope this call needs",
        reads: Warning,
        source: "auth-failures.md C9",
        patterns: &[
            p("Missing scopes:"),
            p("You have insufficient permissions for this operation"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::OpenAiIpNotAuthorized,
        id: "evidence-openai-ip-not-authorized",
        summary: "the caller's IP is not on the OpenAI project's or organization's allow-list",
        reads: Warning,
        source: "auth-failures.md C10",
        patterns: &[
            p("IP not authorized"),
            p("does not match the configured IP allowlist"),
        ],
        points_at: points(C::NetworkRestricted, Means, " — says nothing about the credential"),
    },
    SignatureRow {
        signature: S::OpenAiModelNotFound,
        id: "evidence-openai-model-not-found",
        summary: "the model does not exist or the OpenAI project has no access to it; authentication succeeded",
        reads: Info,
        source: "auth-failures.md C11",
        patterns: &[
            p("model_not_found"),
            p("The model").then("does not exist", 120),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::OpenAiProjectNoModelAccess,
        id: "evidence-openai-project-no-model-access",
        summary: "the OpenAI project has no access to this model; authentication succeeded",
        reads: Info,
        source: "auth-failures.md C11",
        patterns: &[p("does not have access to model")],
        points_at: None,
    },
    SignatureRow {
        signature: S::OpenAiAdminKeyUsed,
        id: "evidence-openai-admin-key",
        summary: "an OpenAI admin key was used for a non-administration endpoint",
        reads: Warning,
        source: "auth-failures.md C12",
        patterns: &[p("Admin API keys cannot be used for non-administration endpoints")],
        points_at: points(C::OpenaiAdminKey, Names, ""),
    },
    SignatureRow {
        signature: S::OpenAiVersionHeader,
        id: "evidence-openai-version-header",
        summary: "an Azure api-version went to OpenAI as the OpenAI-Version header: the client is not set up for Azure",
        reads: Warning,
        source: "auth-failures.md C13",
        patterns: &[p("Unsupported OpenAI-Version header")],
        points_at: points(C::EndpointInvalid, Hints, " — Azure settings (api-version) went to OpenAI: the client is not configured for Azure"),
    },
    // 2. Entra ID and Azure Identity, client side.
    SignatureRow {
        signature: S::DefaultCredentialFailed,
        id: "evidence-default-credential-failed",
        summary: "DefaultAzureCredential found no working credential, so no token was sent",
        reads: Warning,
        source: "auth-failures.md 2.1",
        patterns: &[
            p("DefaultAzureCredential failed to retrieve a token"),
            p("failed to retrieve a token from the included credentials"),
            // @azure/identity (JS): the chain's AggregateAuthenticationError.
            p("ChainedTokenCredential authentication failed"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::ManagedIdentityNotAssigned,
        id: "evidence-managed-identity-not-assigned",
        summary: "the requested managed identity is not assigned to this host (wrong client id, or not attached)",
        reads: Warning,
        source: "auth-failures.md 2.2",
        patterns: &[
            p("Identity not found").word(),
            p("The requested identity has not been assigned"),
            p("The requested identity hasn't been assigned"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::ManagedIdentityUnavailable,
        id: "evidence-managed-identity-unavailable",
        summary: "no managed identity endpoint answered (not running on Azure, or IMDS unreachable)",
        reads: Warning,
        source: "auth-failures.md 2.2",
        patterns: &[
            p("No Managed Identity endpoint found"),
            p("no response from the IMDS endpoint"),
            p("No response received from the managed identity endpoint"),
            p("Failed to retrieve IMDS token"),
            p("ManagedIdentityCredential authentication failed"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::CredentialUnavailable,
        id: "evidence-credential-unavailable",
        summary: "an Azure Identity credential is not configured in this environment",
        reads: Warning,
        source: "auth-failures.md 2.1",
        patterns: &[
            p("CredentialUnavailable"),
            p("Please run 'az login'"),
            p("Please run az login"),
            p("Azure CLI not found on path"),
            p("Environment variables are not fully configured"),
            p("authentication unavailable"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::CredentialTokenAcquired,
        id: "evidence-credential-token-acquired",
        summary: "Azure Identity got a token (the lines about unavailable credentials before it are the chain trying its links, not a failure)",
        reads: Info,
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
        points_at: None,
    },
    SignatureRow {
        signature: S::EntraError,
        id: "evidence-entra-error",
        summary: "Entra ID refused to issue a token",
        reads: Warning,
        source: "auth-failures.md 2.4",
        patterns: &[p("AADSTS").digits()],
        points_at: None,
    },
    // 8. SDK messages: nothing was sent.
    SignatureRow {
        signature: S::SdkMissingCredentials,
        id: "evidence-sdk-missing-credentials",
        summary: "the SDK had no credential and sent nothing",
        reads: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[
            p("Missing credentials. Please pass"),
            p("The api_key client option must be set"),
            p("The OPENAI_API_KEY environment variable is missing or empty"),
            p("Value cannot be null. (Parameter 'credential')"),
        ],
        points_at: points(C::KeyMissing, Means, " — the client had no credential, so nothing was sent"),
    },
    SignatureRow {
        signature: S::SdkMissingApiVersion,
        id: "evidence-sdk-missing-api-version",
        summary: "the SDK had no api-version and sent nothing",
        reads: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[
            p("Must provide either the `api_version` argument"),
            p("The OPENAI_API_VERSION environment variable is missing or empty"),
        ],
        points_at: points(C::ApiVersionInvalid, Means, ""),
    },
    SignatureRow {
        signature: S::SdkMissingEndpoint,
        id: "evidence-sdk-missing-endpoint",
        summary: "the SDK had no endpoint and sent nothing",
        reads: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[
            p("Must provide one of the `base_url` or `azure_endpoint` arguments"),
            p("Must provide one of the `baseURL` or `endpoint` arguments"),
        ],
        points_at: points(C::EndpointInvalid, Means, ""),
    },
    SignatureRow {
        signature: S::SdkCouldNotResolveAuth,
        id: "evidence-sdk-could-not-resolve-auth",
        summary: "openai-python (2.34.0 or later) could not build an auth header and sent nothing",
        reads: Warning,
        source: "auth-failures.md 8.1",
        patterns: &[p("Could not resolve authentication method")],
        points_at: points(C::KeyMissing, Means, " — the client had no credential, so nothing was sent"),
    },
    SignatureRow {
        signature: S::SdkTokenProviderNotString,
        id: "evidence-sdk-token-provider-not-string",
        summary: "the token provider returned no string (an AccessToken object or None); use get_bearer_token_provider",
        reads: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[p("argument to return a non-empty string")],
        points_at: None,
    },
    SignatureRow {
        signature: S::SdkConflictingCredentials,
        id: "evidence-sdk-conflicting-credentials",
        summary: "the SDK was given both a key and a token (or token provider); pass only one",
        reads: Warning,
        source: "auth-failures.md 8.2",
        patterns: &[p("arguments are mutually exclusive")],
        points_at: None,
    },
    SignatureRow {
        signature: S::SdkNoBody,
        id: "evidence-sdk-no-body",
        summary: "the service (or a gateway) answered with an empty body",
        reads: Warning,
        source: "auth-failures.md 8.3",
        patterns: &[p("status code (no body)")],
        points_at: None,
    },
    // 7. Browser.
    SignatureRow {
        signature: S::BrowserFailedToFetch,
        id: "evidence-browser-failed-to-fetch",
        summary: "the browser's fetch failed without a status (CORS, DNS, TLS, private endpoint): this says nothing about the credential",
        reads: Info,
        source: "auth-failures.md 7.4",
        patterns: &[
            p("Failed to fetch").word(),
            p("NetworkError when attempting to fetch resource"),
            // Safari's wording of the same failure (derived).
            p("TypeError: Load failed"),
        ],
        points_at: None,
    },
    SignatureRow {
        signature: S::BrowserCors,
        id: "evidence-browser-cors",
        summary: "the browser blocked the response (CORS): this says nothing about the credential",
        reads: Info,
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
        points_at: None,
    },
    // Real-world messages (tests/realworld/), each from a public thread whose cause was
    // confirmed there.
    SignatureRow {
        signature: S::AzureTokenTenantMismatch,
        id: "evidence-azure-token-tenant-mismatch",
        summary: "the service says the token's tenant is not the resource's tenant",
        reads: Refused,
        source: "https://github.com/Azure/azure-dev/issues/5974 (and Azure-Samples/ai-rag-chat-evaluator#94)",
        patterns: &[
            p("does not match resource tenant"),
            p("Tenant provided in token does not match"),
        ],
        points_at: points(C::TokenWrongTenant, Means, ""),
    },
    SignatureRow {
        signature: S::AzureTokenExpired,
        id: "evidence-azure-token-expired",
        summary: "the service says the access token has expired",
        reads: Refused,
        source: "https://github.com/microsoft/microsoft-foundry-for-vscode/issues/20",
        patterns: &[
            p("ExpiredAuthenticationToken"),
            p("The access token expiry").then("is earlier than current", 120),
        ],
        points_at: points(C::TokenExpired, Means, ""),
    },
    SignatureRow {
        signature: S::AzureDataActionDenied,
        id: "evidence-azure-data-action-denied",
        summary: "the token was accepted but its principal lacks a data action on the resource (a data-plane role)",
        reads: Warning,
        source: "https://github.com/microsoft/microsoft-foundry-for-vscode/issues/247",
        patterns: &[p("lacks the required data action")],
        points_at: points(C::RbacMissingRole, Means, " — authentication worked; a data-plane role is missing"),
    },
    SignatureRow {
        signature: S::TokenSourceAudienceNotSupported,
        id: "evidence-token-source-audience",
        summary: "the token source (a managed identity, Cloud Shell) refuses to issue a token for this audience",
        reads: Warning,
        source: "https://github.com/Azure/CloudShell/issues/550 (and Azure-Samples/azure-search-openai-demo#629)",
        patterns: &[
            p("AudienceNotSupported"),
            p("is not a supported MSI token audience"),
        ],
        points_at: points(C::CredentialUnavailable, Means, " — sign in another way (az login, a service principal)"),
    },
    SignatureRow {
        signature: S::EntraConsentRequired,
        id: "evidence-entra-consent",
        summary: "Entra ID requires consent or preauthorization before it issues this token",
        reads: Warning,
        source: "https://github.com/Azure/azure-sdk-for-net/issues/50268 (AADSTS65001 is the coded form)",
        patterns: &[
            p("must be configured via preauthorization"),
            p("consent_required"),
            p("has not consented to use the application"),
        ],
        points_at: points(C::EntraSignInFailed, Means, ""),
    },
    SignatureRow {
        signature: S::HostNotResolved,
        id: "evidence-host-not-resolved",
        summary: "the client could not resolve the host name: no such resource (or DNS is not set up)",
        reads: Warning,
        source: "causes.md resource-not-found; https://github.com/microsoft/sample-app-aoai-chatGPT/issues/82",
        patterns: &[
            p("getaddrinfo ENOTFOUND"),
            p("NameResolutionError"),
            p("Name or service not known"),
            p("No such host is known"),
            p("nodename nor servname provided"),
            p("Temporary failure in name resolution"),
            p("Could not resolve host"),
            p("no such host").word(),
        ],
        points_at: points(C::ResourceNotFound, Means, " — no HTTP answer, so nothing is known of the credential"),
    },
    SignatureRow {
        signature: S::ClientFoundNoKey,
        id: "evidence-client-found-no-key",
        summary: "the client found no API key to send",
        reads: Warning,
        source: "https://github.com/microsoft/PubSec-Info-Assistant/issues/555 (openai-python 0.x), FlowiseAI/Flowise#926 (LangChain.js)",
        patterns: &[
            p("No API key provided"),
            p("API key not found").word(),
            p("API key or Token Provider not found"),
        ],
        points_at: points(C::KeyMissing, Means, " — the client had no key, so nothing was sent"),
    },
    SignatureRow {
        signature: S::OpenAiNoAuthHeader,
        id: "evidence-openai-no-auth-header",
        summary: "OpenAI received no Authorization header",
        reads: Refused,
        source: "https://github.com/openai/codex/issues/39883",
        patterns: &[
            p("Missing bearer or basic authentication in header"),
            p("Missing bearer authentication in header"),
        ],
        points_at: points(C::KeyMissing, Means, ""),
    },
    SignatureRow {
        signature: S::OpenAiAccountDeactivated,
        id: "evidence-openai-account-deactivated",
        summary: "OpenAI says the key belongs to a deactivated account",
        reads: Refused,
        source: "https://github.com/ashinnotfound/ChatGPT-YourChatRobot/issues/43",
        patterns: &[
            p("associated with a deactivated account"),
            p("account_deactivated"),
        ],
        points_at: points(C::KeyInvalid, Means, " — this key will not work again: use a key of an active account"),
    },
    SignatureRow {
        signature: S::ClientRejectedKeyFormat,
        id: "evidence-client-rejected-key-format",
        summary: "the client's own check of the key's format refused it before anything was sent",
        reads: Warning,
        source: "https://github.com/run-llama/llama_index/issues/7042, Significant-Gravitas/AutoGPT#7090",
        patterns: &[
            p("API key should be of the format"),
            p("Invalid OpenAI API key!"),
        ],
        points_at: None,
    },
    // Computed, and validation errors.
    SignatureRow {
        signature: S::Success,
        id: "evidence-success",
        summary: "the call succeeded",
        reads: Good,
        source: "auth-failures.md 4.4",
        patterns: &[],
        points_at: None,
    },
    SignatureRow {
        signature: S::ValidationError,
        id: "evidence-validation-error",
        summary: "the service rejected the request body (a validation error), so authentication succeeded",
        reads: Info,
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
            p("(content_filter)"),
            p("content management policy"),
            p("ResponsibleAIPolicyViolation"),
            p("'code': 'invalid_value'"),
            p("is not of type"),
        ],
        points_at: None,
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
