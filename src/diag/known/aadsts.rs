//! Known facts: Microsoft Entra ID `AADSTSnnnnn` codes that Azure OpenAI callers meet,
//! with their names, what they mean and the usual cause
//! (`auth-failures.md` 2.4; names and descriptions from Microsoft's
//! `reference-error-codes.md`, runtime texts from the issues cited there).
//!
//! Any code can be looked up at `https://login.microsoftonline.com/error?code=<n>`.

/// What an AADSTS code asks the user to change, for the rules to pick a fix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EntraHint {
    /// The scope is malformed: usually `/.default` is missing.
    Scope,
    /// The resource in the scope does not exist in this tenant or cloud (typo, wrong cloud).
    Resource,
    /// The scope names more than one resource.
    MultipleResources,
    /// The application (client) id or the tenant id is wrong.
    TenantOrApp,
    /// The secret ID was sent instead of the secret value.
    SecretIdNotValue,
    /// The client secret has expired.
    SecretExpired,
    /// No client secret or assertion was sent.
    SecretMissing,
    /// A federated client assertion is outside its time window (expired, clock skew).
    AssertionTime,
    /// The refresh token or session is no longer valid: sign in again.
    SignInAgain,
    /// Consent for the delegated permission is missing.
    Consent,
    /// The tenant is wrong, or belongs to another cloud.
    TenantOrCloud,
    /// The user does not exist in the resource's tenant.
    UserNotInTenant,
    /// MFA or Conditional Access stopped the sign-in.
    Policy,
    /// Username/password (ROPC) flow failures.
    Password,
}

/// One AADSTS code.
#[derive(Clone, Copy, Debug)]
pub struct AadstsCode {
    /// The number after `AADSTS`.
    pub code: u32,
    /// Microsoft's name for it, or a short description in parentheses where
    /// `auth-failures.md` gives none.
    pub name: &'static str,
    /// What it means.
    pub meaning: &'static str,
    /// The usual cause for an Azure OpenAI caller.
    pub typical_cause: &'static str,
    /// What to change.
    pub hint: EntraHint,
    /// Where this comes from.
    pub source: &'static str,
}

const SRC: &str = "auth-failures.md 2.4";

/// The codes the doctor knows.
pub const AADSTS: &[AadstsCode] = &[
    AadstsCode {
        code: 500011,
        name: "InvalidResourceServicePrincipalNotFound",
        meaning: "the resource principal named in the scope was not found in the tenant",
        typical_cause: "a misspelled scope (cognitiveservice.azure.com), a sovereign-cloud resource requested from the public cloud or the reverse, or an api:// app not in that tenant",
        hint: EntraHint::Resource,
        source: SRC,
    },
    AadstsCode {
        code: 50001,
        name: "InvalidResource",
        meaning: "the resource is disabled or does not exist",
        typical_cause: "a wrong resource URI in the scope",
        hint: EntraHint::Resource,
        source: SRC,
    },
    AadstsCode {
        code: 70011,
        name: "InvalidScope",
        meaning: "the scope is not valid",
        typical_cause: "a scope without /.default on the v2 endpoint; use https://cognitiveservices.azure.com/.default",
        hint: EntraHint::Scope,
        source: SRC,
    },
    AadstsCode {
        code: 700022,
        name: "InvalidMultipleResourcesScope",
        meaning: "the scope names more than one resource",
        typical_cause: "cognitiveservices/.default requested together with Graph or ARM scopes",
        hint: EntraHint::MultipleResources,
        source: SRC,
    },
    AadstsCode {
        code: 700016,
        name: "UnauthorizedClient_DoesNotMatchRequest",
        meaning: "the application was not found in the directory/tenant",
        typical_cause: "a wrong AZURE_CLIENT_ID or AZURE_TENANT_ID",
        hint: EntraHint::TenantOrApp,
        source: SRC,
    },
    AadstsCode {
        code: 7000215,
        name: "(invalid client secret)",
        meaning: "an invalid client secret was provided",
        typical_cause: "the client secret's ID (a GUID) was used instead of its value",
        hint: EntraHint::SecretIdNotValue,
        source: SRC,
    },
    AadstsCode {
        code: 7000222,
        name: "InvalidClientSecretExpiredKeysProvided",
        meaning: "the client secret has expired",
        typical_cause: "an expired client secret; create a new one and update the app",
        hint: EntraHint::SecretExpired,
        source: SRC,
    },
    AadstsCode {
        code: 7000218,
        name: "(missing client credential)",
        meaning: "the request must contain client_assertion or client_secret",
        typical_cause: "a confidential client configured as public, or the secret variable is empty",
        hint: EntraHint::SecretMissing,
        source: SRC,
    },
    AadstsCode {
        code: 700024,
        name: "(client assertion time range)",
        meaning: "the client assertion is not within its valid time range",
        typical_cause: "an expired federated token (GitHub OIDC lives ~5 min, AKS projected token) or clock skew over 5 min",
        hint: EntraHint::AssertionTime,
        source: SRC,
    },
    AadstsCode {
        code: 50173,
        name: "FreshTokenNeeded",
        meaning: "the grant was revoked and a fresh sign-in is needed",
        typical_cause: "revoked tokens; run az login again and clear the stale token cache",
        hint: EntraHint::SignInAgain,
        source: SRC,
    },
    AadstsCode {
        code: 65001,
        name: "DelegationDoesNotExist",
        meaning: "the user or administrator has not consented to the application",
        typical_cause: "a custom app requesting user_impersonation on Cognitive Services without consent",
        hint: EntraHint::Consent,
        source: SRC,
    },
    AadstsCode {
        code: 90002,
        name: "InvalidTenantName",
        meaning: "the tenant was not found",
        typical_cause: "a wrong tenant id, or a Government/China tenant against login.microsoftonline.com",
        hint: EntraHint::TenantOrCloud,
        source: SRC,
    },
    AadstsCode {
        code: 90038,
        name: "NationalCloudTenantRedirection",
        meaning: "the tenant belongs to a national cloud",
        typical_cause: "use the national-cloud authority (login.microsoftonline.us, or the China authority)",
        hint: EntraHint::TenantOrCloud,
        source: SRC,
    },
    AadstsCode {
        code: 50020,
        name: "UserUnauthorized",
        meaning: "the user account from this identity provider does not exist in the tenant",
        typical_cause: "a guest or personal account signing into the resource's tenant",
        hint: EntraHint::UserNotInTenant,
        source: SRC,
    },
    AadstsCode {
        code: 16000,
        name: "InteractionRequired",
        meaning: "the user account does not exist in the tenant",
        typical_cause: "signing in to the wrong tenant",
        hint: EntraHint::UserNotInTenant,
        source: SRC,
    },
    AadstsCode {
        code: 50076,
        name: "(MFA required)",
        meaning: "multi-factor authentication is required",
        typical_cause: "a non-interactive sign-in where MFA is required; sign in interactively",
        hint: EntraHint::Policy,
        source: SRC,
    },
    AadstsCode {
        code: 53003,
        name: "BlockedByConditionalAccess",
        meaning: "a Conditional Access policy blocked the sign-in",
        typical_cause: "a Conditional Access policy; talk to the tenant administrator",
        hint: EntraHint::Policy,
        source: SRC,
    },
    AadstsCode {
        code: 70043,
        name: "BadTokenDueToSignInFrequency",
        meaning: "the session expired under the sign-in frequency policy",
        typical_cause: "sign in again",
        hint: EntraHint::SignInAgain,
        source: SRC,
    },
    AadstsCode {
        code: 700082,
        name: "(refresh token expired)",
        meaning: "the refresh token expired due to inactivity",
        typical_cause: "sign in again (az login)",
        hint: EntraHint::SignInAgain,
        source: SRC,
    },
    AadstsCode {
        code: 50034,
        name: "UserAccountNotFound",
        meaning: "the user account does not exist in the directory",
        typical_cause: "a username/password flow with a wrong account",
        hint: EntraHint::Password,
        source: SRC,
    },
    AadstsCode {
        code: 50126,
        name: "InvalidUserNameOrPassword",
        meaning: "the username or password is wrong",
        typical_cause: "a username/password flow with wrong credentials",
        hint: EntraHint::Password,
        source: SRC,
    },
];

/// The entry for a code, if the doctor knows it.
pub fn lookup(code: u32) -> Option<&'static AadstsCode> {
    AADSTS.iter().find(|c| c.code == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn codes_are_unique_and_sourced() {
        for (i, a) in AADSTS.iter().enumerate() {
            assert!(
                AADSTS[i + 1..].iter().all(|b| b.code != a.code),
                "{}",
                a.code
            );
            assert!(a.source.starts_with("auth-failures.md"));
            assert!(!a.name.is_empty() && !a.meaning.is_empty() && !a.typical_cause.is_empty());
        }
    }

    #[test]
    fn lookup_finds_the_common_ones() {
        assert_eq!(
            lookup(7000215).map(|c| c.hint),
            Some(EntraHint::SecretIdNotValue)
        );
        assert_eq!(lookup(70011).map(|c| c.hint), Some(EntraHint::Scope));
        assert_eq!(lookup(500011).map(|c| c.hint), Some(EntraHint::Resource));
        assert!(lookup(12345).is_none());
    }
}
