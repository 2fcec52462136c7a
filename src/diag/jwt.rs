//! Tokens: decode an Entra ID access token without verifying it, and judge its claims
//! against the endpoint and the time of the failure (`auth-failures.md` §3).
//!
//! Nothing here fetches anything: no JWKS, no issuer metadata. The signature is never
//! verified, so everything is named `unverified`.
//!
//! STUB: the interface is fixed; decoding and the claim checks are to be written.

use super::endpoint::{Cloud, ParsedEndpoint};
use super::report::{Field, Finding};
use serde_json::{Map, Value};
use std::fmt;

/// A JWT part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The first part.
    Header,
    /// The second part.
    Payload,
    /// The third part.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// Why a token could not be decoded (fully). `Display` is a sentence for people and
/// never quotes the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwtError {
    /// Nothing to decode.
    Empty,
    /// Not dot-separated parts at all.
    NotAJwt,
    /// The wrong number of parts; 5 means an encrypted token (JWE).
    SegmentCount {
        /// How many parts were found.
        found: usize,
    },
    /// A part is not base64url; `offset` is the character index inside that part.
    Base64 {
        /// Which part.
        segment: Segment,
        /// Where in the part.
        offset: usize,
    },
    /// A part decodes but is not JSON (or is cut short).
    NotJson {
        /// Which part.
        segment: Segment,
    },
    /// A part is JSON but not an object.
    NotObject {
        /// Which part.
        segment: Segment,
    },
    /// The signature part is empty or clearly cut short.
    MissingSignature,
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{self:?}")
    }
}

impl std::error::Error for JwtError {}

/// A token decoded without verification. Holds header and payload only; the signature
/// is dropped on purpose so it can never be shown or copied.
#[derive(Clone, Debug, PartialEq)]
pub struct UnverifiedJwt {
    /// The header object.
    pub header: Map<String, Value>,
    /// The payload (claims) object; empty when only the header decoded.
    pub claims: Map<String, Value>,
    /// Length in characters of the signature part (0 when missing).
    pub signature_len: usize,
}

/// Decodes a JWT's header and payload without verifying the signature.
///
/// # Errors
/// A [`JwtError`] saying which part broke and where.
pub fn decode_unverified(_token: &str) -> Result<UnverifiedJwt, JwtError> {
    Err(JwtError::NotAJwt)
}

/// What resource the token is for, from `aud` (and the header `nonce` for Graph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// `https://cognitiveservices.azure.com` (or `.us`/`.cn`, or the app id GUID):
    /// the Azure OpenAI / AI Services data plane, in the given cloud.
    CognitiveServices(Cloud),
    /// `https://ai.azure.com`: Foundry projects and agents.
    AiAzure,
    /// Azure Resource Manager (`management.azure.com` / `management.core.windows.net`).
    Arm,
    /// Microsoft Graph (header `nonce`, `aud` graph).
    Graph,
    /// An ID token (`aud` = a client id, `nonce` claim, no `scp`/`roles`).
    IdToken,
    /// A Cognitive Services `issueToken` token (`urn:ms.scopedToken`).
    ScopedToken,
    /// Azure Machine Learning (`https://ml.azure.com`).
    AzureMl,
    /// Another Azure service (storage, vault, database…), named by its audience.
    OtherService(String),
    /// A token for the caller's own API (`api://…` or a GUID that is not an ID token).
    OwnApi(String),
    /// No `aud`, or not recognised.
    Unknown,
}

/// Does the audience fit the endpoint?
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum AudienceFit {
    /// Yes.
    Fits,
    /// No; `expected` is the audience the endpoint needs.
    Mismatch {
        /// The audience (resource URI) this endpoint wants.
        expected: String,
    },
    /// Cannot tell (no endpoint, a gateway, or an unknown audience).
    Unknown,
}

/// Token times judged against "now" (5 minutes of clock skew allowed, `auth-failures.md` §3.6).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimeStatus {
    /// `exp` has passed by this many seconds.
    Expired {
        /// Seconds since `exp`.
        ago: i64,
    },
    /// `nbf` (or `iat`) lies beyond the skew in the future by this many seconds.
    NotYetValid {
        /// Seconds until `nbf`.
        starts_in: i64,
    },
    /// Valid, and expires within 5 minutes.
    ExpiresSoon {
        /// Seconds until `exp`.
        expires_in: i64,
    },
    /// Valid for this many more seconds.
    Valid {
        /// Seconds until `exp`.
        expires_in: i64,
    },
    /// No `exp` claim.
    NoExpiry,
}

/// What `az account get-access-token` printed besides the token, when its JSON was pasted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AzCliOutput {
    /// `expiresOn` as printed.
    pub expires_on: Option<String>,
    /// `tenant`.
    pub tenant: Option<String>,
    /// `subscription`.
    pub subscription: Option<String>,
}

/// The claims that matter here, typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Claims {
    /// Header `alg`.
    pub alg: Option<String>,
    /// Header has `nonce` (Microsoft Graph).
    pub header_nonce: bool,
    /// `aud`, one or more.
    pub aud: Vec<String>,
    /// `iss`.
    pub iss: Option<String>,
    /// `tid`.
    pub tid: Option<String>,
    /// `oid`: the principal RBAC is evaluated for.
    pub oid: Option<String>,
    /// `exp`, Unix seconds.
    pub exp: Option<i64>,
    /// `nbf`, Unix seconds.
    pub nbf: Option<i64>,
    /// `iat`, Unix seconds.
    pub iat: Option<i64>,
    /// `ver`.
    pub ver: Option<String>,
    /// `idtyp` (`app` or `user`).
    pub idtyp: Option<String>,
    /// `scp` (delegated scopes).
    pub scp: Option<String>,
    /// `roles` (app permissions).
    pub roles: Vec<String>,
    /// `appid` (v1) or `azp` (v2): the calling client.
    pub client_id: Option<String>,
    /// `upn`, `unique_name` or `preferred_username`.
    pub user: Option<String>,
    /// Payload has a `nonce` claim (ID tokens).
    pub nonce_claim: bool,
}

/// Everything learned from a token.
#[derive(Clone, Debug, PartialEq)]
pub struct TokenAnalysis {
    /// Which input the token came from (`credential` or `token`).
    pub field: Field,
    /// The decoded header and claims, possibly partial (header only).
    pub decoded: Option<UnverifiedJwt>,
    /// Why decoding stopped, if it did.
    pub error: Option<JwtError>,
    /// Typed claims.
    pub claims: Claims,
    /// What the token is for.
    pub kind: TokenKind,
    /// Whether that fits the endpoint.
    pub audience_fit: AudienceFit,
    /// Time checks against now.
    pub time: Option<TimeStatus>,
    /// The tenant is the consumer (MSA) tenant `9188040d-…`.
    pub consumer_tenant: bool,
    /// `iss` names a different tenant than `tid`.
    pub issuer_tenant_mismatch: bool,
    /// The cloud the token was issued for, when it can be told.
    pub cloud: Option<Cloud>,
    /// Extra output of `az account get-access-token`, when that JSON was pasted.
    pub az_cli: Option<AzCliOutput>,
    /// Observations, with stable ids (e.g. `token-expired`, `token-audience-arm`).
    pub findings: Vec<Finding>,
}

/// Decodes and judges a token. `now` is Unix seconds; `endpoint` is the parsed endpoint
/// when there is one. Accepts a bare JWT, `Bearer <jwt>`, or the JSON printed by
/// `az account get-access-token`.
pub fn analyze(
    _raw: &str,
    field: Field,
    _now: i64,
    _endpoint: Option<&ParsedEndpoint>,
) -> TokenAnalysis {
    TokenAnalysis {
        field,
        decoded: None,
        error: Some(JwtError::NotAJwt),
        claims: Claims::default(),
        kind: TokenKind::Unknown,
        audience_fit: AudienceFit::Unknown,
        time: None,
        consumer_tenant: false,
        issuer_tenant_mismatch: false,
        cloud: None,
        az_cli: None,
        findings: Vec::new(),
    }
}
