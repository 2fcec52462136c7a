//! The cause taxonomy of `shared/causes.md`, as a table of ids and titles. The ids are a contract with the scenario
//! files, the tests and every consumer of a report: never rename one.

use serde::{Deserialize, Serialize};
use std::fmt;

macro_rules! causes {
    ($( $variant:ident = $id:literal, $title:literal; )*) => {
        /// One cause from the taxonomy. Serialises as its stable id, e.g. `"key-invalid"`.
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
        pub enum CauseId {
            $( #[doc = $title] #[serde(rename = $id)] $variant, )*
        }

        impl CauseId {
            /// Every cause, in taxonomy order.
            pub const ALL: &'static [CauseId] = &[ $( CauseId::$variant, )* ];

            /// The stable id, as in `causes.md`.
            pub fn id(self) -> &'static str {
                match self { $( CauseId::$variant => $id, )* }
            }

            /// A one-line title for people.
            pub fn title(self) -> &'static str {
                match self { $( CauseId::$variant => $title, )* }
            }

            /// Looks an id up; `None` for anything not in the taxonomy.
            pub fn from_id(id: &str) -> Option<CauseId> {
                match id { $( $id => Some(CauseId::$variant), )* _ => None }
            }
        }
    };
}

causes! {
    KeyInvalid = "key-invalid", "The key is wrong for this resource";
    KeyMalformed = "key-malformed", "The key text is damaged before it is sent";
    KeyMissing = "key-missing", "No credential reached the service";
    KeyWrongProvider = "key-wrong-provider", "A key of another kind or vendor";
    OpenaiAdminKey = "openai-admin-key", "An OpenAI admin key used for inference";
    OpenaiKeyScope = "openai-key-scope", "The OpenAI key or role lacks the scope this call needs";
    OpenaiOrgProject = "openai-org-project", "OpenAI organization or project header does not match the key";
    AuthHeaderWrong = "auth-header-wrong", "The right secret in the wrong header";
    TokenInApiKey = "token-in-api-key", "An Entra ID token sent in the api-key header";
    TokenMalformed = "token-malformed", "The bearer value is not a usable JWT";
    TokenExpired = "token-expired", "The access token has expired";
    TokenNotYetValid = "token-not-yet-valid", "The token is not valid yet: a clock is wrong";
    TokenAudience = "token-audience", "The token is for another resource";
    TokenWrongCloud = "token-wrong-cloud", "The token is for another Azure cloud";
    TokenWrongTenant = "token-wrong-tenant", "The token is from the wrong tenant";
    RbacMissingRole = "rbac-missing-role", "The token is accepted but the principal has no data-plane role";
    CredentialUnavailable = "credential-unavailable", "The app never got a token";
    EntraSignInFailed = "entra-sign-in-failed", "Entra ID refused to issue the token";
    ClientKnownBug = "client-known-bug", "A known defect of this client library version sends the credential wrongly";
    KeyAuthDisabled = "key-auth-disabled", "Key authentication is disabled on the resource";
    RegionalEndpointToken = "regional-endpoint-token", "An Entra token sent to a regional endpoint";
    EndpointInvalid = "endpoint-invalid", "The endpoint is not a usable base URL";
    ResourceNotFound = "resource-not-found", "The host names no existing resource";
    DeploymentNotFound = "deployment-not-found", "The deployment does not exist on this resource";
    ApiVersionInvalid = "api-version-invalid", "The api-version is missing, malformed, unknown or retired";
    PathNotFound = "path-not-found", "The request path is wrong";
    ApimSubscriptionKey = "apim-subscription-key", "The API Management gateway wants its own subscription key";
    ApimTokenRejected = "apim-token-rejected", "The API Management gateway rejected the token";
    NetworkRestricted = "network-restricted", "Network rules block the call (not an auth failure)";
    RegionNotSupported = "region-not-supported", "OpenAI refuses the caller's country or region";
    QuotaOrRateLimit = "quota-or-rate-limit", "Quota or rate limit (authentication worked)";
}

impl fmt::Display for CauseId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_round_trip_through_serde() {
        for &c in CauseId::ALL {
            let json = serde_json::to_string(&c).unwrap();
            assert_eq!(json, format!("\"{}\"", c.id()));
            assert_eq!(CauseId::from_id(c.id()), Some(c));
        }
        assert_eq!(CauseId::ALL.len(), 31);
    }
}
