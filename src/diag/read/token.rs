//! Tokens: judge a decoded Entra ID access token's claims against the endpoint and the
//! time of the failure (`auth-failures.md` §3). Decoding is [`jwt`](super::jwt)'s job.

use crate::diag::known::audiences::{self, AudienceClass};
use crate::diag::parse::time::{format_rfc3339, human_duration};
use crate::diag::read::credential;
use crate::diag::read::endpoint::{Cloud, HostKind, ParsedEndpoint, PathShape};
use crate::diag::read::jwt::{
    decode_lenient, display, read_json_paste, signature_problem, AzCliOutput, JsonPaste, JwtError,
    Quirks, UnverifiedJwt,
};
use crate::diag::report::{Field, Finding, Severity};
use serde_json::{Map, Value};

/// What the token is for, from `aud` (and the header `nonce` for Graph).
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

impl TokenAnalysis {
    /// Nothing learned yet about a token in `field`: what the analysis starts from.
    pub fn blank(field: Field) -> TokenAnalysis {
        TokenAnalysis {
            field,
            decoded: None,
            error: None,
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
}

/// The clock skew allowed on `nbf`/`iat` and the "expires soon" window (`auth-failures.md` 3.6).
pub const CLOCK_SKEW_SECS: i64 = 300;

/// Times beyond year 9999 are not times; such claims are reported as unreadable.
const MAX_TIME: i64 = 253_402_300_799;

/// Decodes and judges a token. `now` is Unix seconds; `endpoint` is the parsed endpoint
/// when there is one. Accepts a bare JWT, `Bearer <jwt>`, or the JSON printed by
/// `az account get-access-token`.
pub fn analyze(
    raw: &str,
    field: Field,
    now: i64,
    endpoint: Option<&ParsedEndpoint>,
) -> TokenAnalysis {
    let mut a = TokenAnalysis::blank(field);
    let mut quirks = Quirks::default();
    match read_json_paste(raw) {
        Some(JsonPaste {
            token: Some(token),
            source,
            az_cli,
            id_token_only,
            ..
        }) => {
            let mut msg = format!(
                "Read the JSON {}: its access token is checked below.",
                source.describe()
            );
            if id_token_only {
                msg = format!(
                    "Read the JSON {}: it holds only an ID token, which is checked below.",
                    source.describe()
                );
            }
            if let Some(cli) = &az_cli {
                if let Some(e) = &cli.expires_on {
                    msg.push_str(&format!(
                        " It says the token expires on {} (local time of that machine).",
                        display(e, 40)
                    ));
                }
                if let Some(t) = &cli.tenant {
                    msg.push_str(&format!(" Tenant: {}.", display(t, 60)));
                }
            }
            a.findings
                .push(finding(field, Severity::Info, "token-json", msg));
            a.az_cli = az_cli;
            decode_into(&mut a, &token, &mut quirks);
        }
        Some(JsonPaste {
            claims: Some(claims),
            ..
        }) => {
            a.findings.push(finding(
                field,
                Severity::Warning,
                "token-claims-json",
                "This is a decoded payload (JSON claims), not the token itself: its claims are \
                 checked, but not whether the token is whole. Paste the token (eyJ…) to check that too.",
            ));
            a.decoded = Some(UnverifiedJwt {
                header: Map::new(),
                claims,
                signature_len: 0,
            });
        }
        Some(_) => {
            a.error = Some(JwtError::NotAJwt);
            a.findings.push(finding(
                field,
                Severity::Error,
                "token-json",
                "This is a JSON object without an access token in it (no accessToken or \
                 access_token), not a token.",
            ));
            return a;
        }
        None => decode_into(&mut a, raw, &mut quirks),
    }
    if quirks.padding {
        a.findings.push(finding(
            field,
            Severity::Warning,
            "token-base64-padding",
            "The token has = padding, which JWTs never carry: it was re-encoded or altered on \
             the way. It was read anyway; a service may refuse it.",
        ));
    }
    if quirks.standard_alphabet {
        a.findings.push(finding(
            field,
            Severity::Warning,
            "token-base64-standard",
            "The token has + or / (standard base64) where JWTs use - and _ (base64url): it was \
             re-encoded or altered on the way. It was read anyway; a service will refuse it.",
        ));
    }
    let Some(jwt) = a.decoded.clone() else {
        return a;
    };
    a.claims = typed_claims(&jwt, field, &mut a.findings);
    judge(&mut a, now, endpoint);
    a
}

fn finding(field: Field, severity: Severity, id: &str, message: impl Into<String>) -> Finding {
    Finding::new(field, severity, id, message)
}

/// Undoes paste damage, decodes, and records what broke.
fn decode_into(a: &mut TokenAnalysis, text: &str, quirks: &mut Quirks) {
    let field = a.field;
    let inspected = credential::inspect_text(text);
    for note in &inspected.notes {
        a.findings.push(finding(
            field,
            note.severity,
            &format!("token-{}", note.id),
            note.message.clone(),
        ));
    }
    let d = decode_lenient(&inspected.cleaned);
    *quirks = d.quirks.clone();
    if let Some(e) = &d.error {
        let (id, mut msg) = match e {
            JwtError::Empty => ("token-empty", e.to_string()),
            JwtError::NotAJwt => ("token-not-jwt", e.to_string()),
            JwtError::SegmentCount { found: 5 } => ("token-jwe", e.to_string()),
            JwtError::SegmentCount { .. } => ("token-segment-count", e.to_string()),
            JwtError::Base64 { .. } => ("token-base64", e.to_string()),
            JwtError::NotJson { .. } | JwtError::NotObject { .. } | JwtError::NotUtf8 { .. } => {
                ("token-not-json", e.to_string())
            }
            JwtError::Truncated { .. } => ("token-truncated", e.to_string()),
            JwtError::MissingSignature => (
                "token-signature-missing",
                format!("The token looks cut short: {}", signature_problem(&d)),
            ),
            JwtError::EmptyPart { .. } => ("token-empty-part", e.to_string()),
        };
        if matches!(e, JwtError::NotAJwt) {
            let shape = &inspected.shape;
            if !matches!(
                shape,
                credential::Shape::Unknown | credential::Shape::Empty | credential::Shape::Jwt
            ) {
                msg.push_str(&format!(" It looks like {}.", shape.describe()));
            }
        }
        if let Some(jwt) = &d.jwt {
            msg.push_str(if jwt.claims.is_empty() {
                " The header could be read and is used below; the claims could not."
            } else {
                " Header and claims could be read and are checked below, but a service will refuse this token."
            });
        }
        a.findings.push(finding(field, Severity::Error, id, msg));
        a.error = Some(e.clone());
    }
    a.decoded = d.jwt;
}

fn text_claim(m: &Map<String, Value>, key: &str) -> Option<String> {
    match m.get(key)? {
        Value::String(s) => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

fn list_claim(m: &Map<String, Value>, key: &str) -> Vec<String> {
    match m.get(key) {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .take(100)
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

/// A time claim: a number (integer or not) or a numeric string. `Err` when present but
/// not a plausible time.
fn time_claim(m: &Map<String, Value>, key: &str) -> Result<Option<i64>, ()> {
    let v = match m.get(key) {
        None | Some(Value::Null) => return Ok(None),
        Some(v) => v,
    };
    let t = match v {
        Value::Number(n) => n.as_i64().or_else(|| {
            n.as_f64()
                .filter(|f| f.is_finite())
                .map(|f| f.floor() as i64)
        }),
        Value::String(s) => {
            let s = s.trim();
            s.parse::<i64>().ok().or_else(|| {
                s.parse::<f64>()
                    .ok()
                    .filter(|f| f.is_finite())
                    .map(|f| f.floor() as i64)
            })
        }
        _ => None,
    };
    match t {
        Some(t) if (-MAX_TIME..=MAX_TIME).contains(&t) => Ok(Some(t)),
        _ => Err(()),
    }
}

fn typed_claims(jwt: &UnverifiedJwt, field: Field, findings: &mut Vec<Finding>) -> Claims {
    let h = &jwt.header;
    let p = &jwt.claims;
    let mut time = |key: &str| match time_claim(p, key) {
        Ok(t) => t,
        Err(()) => {
            findings.push(finding(
                field,
                Severity::Warning,
                "token-time-unreadable",
                format!("The {key} claim is not a time (Unix seconds), so it was ignored."),
            ));
            None
        }
    };
    let (exp, nbf, iat) = (time("exp"), time("nbf"), time("iat"));
    let scp = match p.get("scp") {
        Some(Value::Array(items)) => Some(
            items
                .iter()
                .filter_map(Value::as_str)
                .take(100)
                .collect::<Vec<_>>()
                .join(" "),
        ),
        _ => text_claim(p, "scp"),
    };
    Claims {
        alg: text_claim(h, "alg"),
        header_nonce: h.contains_key("nonce"),
        aud: list_claim(p, "aud"),
        iss: text_claim(p, "iss"),
        tid: text_claim(p, "tid"),
        oid: text_claim(p, "oid"),
        exp,
        nbf,
        iat,
        ver: text_claim(p, "ver"),
        idtyp: text_claim(p, "idtyp"),
        scp,
        roles: list_claim(p, "roles"),
        client_id: text_claim(p, "appid").or_else(|| text_claim(p, "azp")),
        user: text_claim(p, "upn")
            .or_else(|| text_claim(p, "unique_name"))
            .or_else(|| text_claim(p, "preferred_username")),
        nonce_claim: p.contains_key("nonce"),
    }
}

/// The tenant GUID in an issuer URL (`https://sts.windows.net/{tid}/`,
/// `https://login.microsoftonline.com/{tid}/v2.0`).
fn issuer_tenant(iss: &str) -> Option<&str> {
    let rest = iss.trim().split_once("://")?.1;
    let segment = rest.split('/').nth(1)?;
    credential::is_guid(segment).then_some(segment)
}

fn cloud_name(c: Cloud) -> &'static str {
    match c {
        Cloud::Public => "public Azure",
        Cloud::UsGov => "Azure Government",
        Cloud::China => "Azure China (21Vianet)",
    }
}

fn authority(c: Cloud) -> &'static str {
    match c {
        Cloud::Public => "https://login.microsoftonline.com",
        Cloud::UsGov => "https://login.microsoftonline.us",
        Cloud::China => "https://login.chinacloudapi.cn",
    }
}

/// What the token is for, and the cloud its audience names (if it names one).
fn kind_of(
    c: &Claims,
    jwt: &UnverifiedJwt,
    iss_cloud: Option<Cloud>,
) -> (TokenKind, Option<Cloud>, Option<String>) {
    let known = c
        .aud
        .iter()
        .find_map(|a| audiences::lookup(a).map(|entry| (a, entry)));
    if let Some((aud, entry)) = known {
        let kind = match entry.class {
            AudienceClass::CognitiveServices => {
                TokenKind::CognitiveServices(entry.cloud.or(iss_cloud).unwrap_or(Cloud::Public))
            }
            AudienceClass::AiAzure => TokenKind::AiAzure,
            AudienceClass::Arm => TokenKind::Arm,
            AudienceClass::Graph => TokenKind::Graph,
            AudienceClass::AzureMl => TokenKind::AzureMl,
            AudienceClass::ScopedToken => TokenKind::ScopedToken,
            AudienceClass::OtherService => TokenKind::OtherService(entry.name.to_string()),
        };
        return (kind, entry.cloud, Some(aud.clone()));
    }
    let Some(aud) = c.aud.first() else {
        let kind = if c.header_nonce {
            TokenKind::Graph
        } else {
            TokenKind::Unknown
        };
        return (kind, None, None);
    };
    let id_token_marks =
        c.nonce_claim || jwt.claims.contains_key("at_hash") || jwt.claims.contains_key("c_hash");
    let no_grants = c.scp.is_none() && c.roles.is_empty();
    let kind = if credential::is_guid(aud.trim()) {
        if id_token_marks || (no_grants && c.client_id.is_none()) {
            TokenKind::IdToken
        } else {
            TokenKind::OwnApi(aud.clone())
        }
    } else if let Some(cloud) = audiences::url_host(aud).and_then(audiences::azure_service_cloud) {
        return (
            TokenKind::OtherService(display(aud, 80)),
            cloud,
            Some(aud.clone()),
        );
    } else if aud.contains("://") {
        TokenKind::OwnApi(aud.clone())
    } else if c.header_nonce {
        TokenKind::Graph
    } else {
        TokenKind::Unknown
    };
    (kind, None, Some(aud.clone()))
}

fn is_ai_host(kind: &HostKind) -> bool {
    matches!(
        kind,
        HostKind::AzureOpenAi
            | HostKind::CognitiveServices
            | HostKind::FoundryServices
            | HostKind::Regional
            | HostKind::Serverless
    )
}

/// Does a token of this kind fit the endpoint? Gateways and non-Azure hosts decide
/// for themselves, so they are `Unknown`.
fn fit(kind: &TokenKind, ep: Option<&ParsedEndpoint>) -> AudienceFit {
    let Some(ep) = ep.filter(|e| is_ai_host(&e.kind)) else {
        return AudienceFit::Unknown;
    };
    let cloud = ep.cloud.unwrap_or(Cloud::Public);
    if ep.path_shape == PathShape::FoundryProject {
        return match kind {
            TokenKind::AiAzure => AudienceFit::Fits,
            TokenKind::Unknown => AudienceFit::Unknown,
            _ => AudienceFit::Mismatch {
                expected: audiences::FOUNDRY_PROJECT_AUDIENCE.to_string(),
            },
        };
    }
    let expected = audiences::cognitive_services_audience(cloud).to_string();
    // Contested (auth-failures.md 3.1): ai.azure.com on the v1 API and /models, ml.azure.com
    // on serverless and /models. The service decides; say nothing either way.
    let contested_ai = matches!(ep.path_shape, PathShape::V1 | PathShape::Models)
        || ep.kind == HostKind::Serverless;
    let contested_ml = ep.path_shape == PathShape::Models || ep.kind == HostKind::Serverless;
    match kind {
        TokenKind::CognitiveServices(c) if *c == cloud => AudienceFit::Fits,
        TokenKind::Unknown => AudienceFit::Unknown,
        TokenKind::AiAzure if contested_ai => AudienceFit::Unknown,
        TokenKind::AzureMl if contested_ml => AudienceFit::Unknown,
        TokenKind::ScopedToken if ep.kind == HostKind::Regional => AudienceFit::Unknown,
        _ => AudienceFit::Mismatch { expected },
    }
}

fn time_status(c: &Claims, now: i64) -> TimeStatus {
    if let Some(exp) = c.exp.filter(|&e| e <= now) {
        return TimeStatus::Expired {
            ago: now.saturating_sub(exp),
        };
    }
    let future = [c.nbf, c.iat]
        .into_iter()
        .flatten()
        .filter(|&t| t > now.saturating_add(CLOCK_SKEW_SECS))
        .max();
    if let Some(t) = future {
        return TimeStatus::NotYetValid {
            starts_in: t.saturating_sub(now),
        };
    }
    match c.exp {
        None => TimeStatus::NoExpiry,
        Some(exp) => {
            let left = exp.saturating_sub(now);
            if left < CLOCK_SKEW_SECS {
                TimeStatus::ExpiresSoon { expires_in: left }
            } else {
                TimeStatus::Valid { expires_in: left }
            }
        }
    }
}

/// Judges the decoded claims: kind, audience, cloud, times, tenant, algorithm.
fn judge(a: &mut TokenAnalysis, now: i64, endpoint: Option<&ParsedEndpoint>) {
    let Some(jwt) = a.decoded.clone() else { return };
    let field = a.field;
    let c = a.claims.clone();
    let mut passed: Vec<String> = Vec::new();
    let mut push =
        |sev: Severity, id: &str, msg: String| a.findings.push(finding(field, sev, id, msg));

    // Algorithm (3.4).
    match c.alg.as_deref() {
        None if !jwt.header.is_empty() => push(
            Severity::Warning,
            "token-alg-missing",
            "The header names no signing algorithm (alg): Entra ID tokens always do. This is not an Entra ID token.".into(),
        ),
        Some(alg) if alg.eq_ignore_ascii_case("none") => push(
            Severity::Warning,
            "token-alg-none",
            "The token is not signed (alg none): Entra ID never issues such tokens. This is a test or hand-made token.".into(),
        ),
        Some(alg) if alg.to_ascii_uppercase().starts_with("HS") => push(
            Severity::Warning,
            "token-alg-hmac",
            format!(
                "The token is signed with {} (a shared secret): Entra ID signs access tokens with RS256. This is a test or hand-made token.",
                display(alg, 16)
            ),
        ),
        Some("RS256") => passed.push("signed with RS256, as Entra ID signs (the signature is not verified here)".into()),
        Some(alg) => push(
            Severity::Info,
            "token-alg-unusual",
            format!(
                "The token is signed with {}, where Entra ID access tokens use RS256: is it from Entra ID?",
                display(alg, 16)
            ),
        ),
        None => {}
    }
    if jwt.claims.is_empty() {
        return;
    }

    // Cloud (3.1, 3.3).
    let iss_cloud = c.iss.as_deref().and_then(audiences::issuer_cloud);
    let (kind, aud_cloud, aud_shown) = kind_of(&c, &jwt, iss_cloud);
    let cloud = aud_cloud.or(iss_cloud);
    if let (Some(x), Some(y)) = (aud_cloud, iss_cloud) {
        if x != y {
            push(
                Severity::Warning,
                "token-cloud-conflict",
                format!(
                    "The audience belongs to {} but the issuer to {}: such a token is not issued by Entra ID as is.",
                    cloud_name(x),
                    cloud_name(y)
                ),
            );
        }
    }
    a.cloud = cloud;

    // Audience (3.2, 3.5).
    let fit = fit(&kind, endpoint);
    let aud_text = aud_shown
        .as_deref()
        .map(|s| display(s, 100))
        .unwrap_or_default();
    let ep_cloud = endpoint
        .filter(|e| is_ai_host(&e.kind))
        .map(|e| e.cloud.unwrap_or(Cloud::Public));
    let cognitive =
        audiences::cognitive_services_audience(ep_cloud.or(cloud).unwrap_or(Cloud::Public));
    let gateway = endpoint.is_some_and(|e| !is_ai_host(&e.kind));
    match (&kind, &fit) {
        (_, AudienceFit::Fits) => passed.push(format!("audience {aud_text} is the one this endpoint needs")),
        (TokenKind::CognitiveServices(tc), AudienceFit::Mismatch { expected }) if Some(*tc) != ep_cloud => push(
            Severity::Error,
            "token-wrong-cloud",
            format!(
                "The token is for {} ({aud_text}), but the endpoint is in {}: it needs a token for {expected}, from {}.",
                cloud_name(*tc),
                cloud_name(ep_cloud.unwrap_or(Cloud::Public)),
                authority(ep_cloud.unwrap_or(Cloud::Public))
            ),
        ),
        (_, AudienceFit::Mismatch { expected }) => {
            let (id, what) = describe_kind(&kind, &aud_text, &c);
            push(Severity::Error, id, format!("{what}, but this endpoint needs {expected}.{}", kind_hint(&kind, expected)));
        }
        (TokenKind::CognitiveServices(_), AudienceFit::Unknown) => {
            passed.push(format!("audience {aud_text} is Azure AI Services (what Azure OpenAI needs)"))
        }
        (TokenKind::Unknown, _) if c.aud.is_empty() => push(
            Severity::Warning,
            "token-audience-missing",
            "The token has no audience (aud): Entra ID access tokens always have one.".into(),
        ),
        (kind, AudienceFit::Unknown) => {
            let (id, what) = describe_kind(kind, &aud_text, &c);
            let (sev, tail) = if gateway {
                (
                    if matches!(kind, TokenKind::OwnApi(_) | TokenKind::AiAzure | TokenKind::Unknown) {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    format!(
                        " This endpoint is not an Azure AI host: its gateway decides which audience it accepts (Azure OpenAI behind it wants {cognitive})."
                    ),
                )
            } else if endpoint.is_some() {
                (Severity::Info, " Whether this endpoint accepts it is not settled by the sources; the service decides.".to_string())
            } else {
                (
                    if matches!(kind, TokenKind::Unknown | TokenKind::AiAzure | TokenKind::OwnApi(_)) {
                        Severity::Info
                    } else {
                        Severity::Warning
                    },
                    format!(" Azure OpenAI needs {cognitive}."),
                )
            };
            push(sev, id, format!("{what}.{tail}"));
        }
    }
    if c.header_nonce && kind != TokenKind::Graph {
        push(
            Severity::Info,
            "token-header-nonce",
            "The header has a nonce, as Microsoft Graph tokens do; such a token is meant for Graph.".into(),
        );
    }
    a.kind = kind;
    a.audience_fit = fit;

    // Times (3.4, 3.6).
    let status = time_status(&c, now);
    match status {
        TimeStatus::Expired { ago } => {
            let mut msg = format!(
                "Expired {} ago (exp {}).",
                human_duration(ago),
                format_rfc3339(c.exp.unwrap_or(now))
            );
            if ago < CLOCK_SKEW_SECS {
                msg.push_str(" Services that allow 5 minutes of clock skew may take it a moment longer; API Management does not.");
            }
            if let (Some(exp), Some(iat)) = (c.exp, c.iat) {
                if exp > iat {
                    msg.push_str(&format!(" It was valid for {}.", human_duration(exp - iat)));
                }
            }
            msg.push_str(
                " Access tokens live 60–90 minutes: get a fresh one for each call through a token provider instead of fetching it once.",
            );
            push(Severity::Error, "token-expired", msg);
        }
        TimeStatus::NotYetValid { starts_in } => {
            let which = if c.nbf.is_some_and(|t| t > now.saturating_add(CLOCK_SKEW_SECS)) { "nbf" } else { "iat" };
            push(
                Severity::Error,
                "token-not-yet-valid",
                format!(
                    "Not valid yet: {which} is {} ({} after the time of the failure), beyond the 5 minutes of clock skew allowed. The clock of the machine that got the token, or of the one judging it, is wrong.",
                    format_rfc3339(now.saturating_add(starts_in)),
                    human_duration(starts_in)
                ),
            );
        }
        TimeStatus::ExpiresSoon { expires_in } => push(
            Severity::Warning,
            "token-expires-soon",
            format!(
                "Expires in {} (exp {}): refresh it before it runs out; API Management rejects it the second it expires.",
                human_duration(expires_in),
                format_rfc3339(now.saturating_add(expires_in))
            ),
        ),
        TimeStatus::Valid { expires_in } => passed.push(format!(
            "valid for {} more (exp {})",
            human_duration(expires_in),
            format_rfc3339(now.saturating_add(expires_in))
        )),
        TimeStatus::NoExpiry if jwt.claims.contains_key("exp") => {}
        TimeStatus::NoExpiry => push(
            Severity::Warning,
            "token-no-exp",
            "The token has no expiry (exp): Entra ID access tokens always have one. This is not an Entra ID access token.".into(),
        ),
    }
    a.time = Some(status);

    // Tenant (3.3).
    let iss_tid = c.iss.as_deref().and_then(issuer_tenant);
    let consumer = |t: &str| t.eq_ignore_ascii_case(audiences::CONSUMER_TENANT);
    a.consumer_tenant = c.tid.as_deref().is_some_and(consumer) || iss_tid.is_some_and(consumer);
    if let (Some(i), Some(t)) = (iss_tid, c.tid.as_deref()) {
        a.issuer_tenant_mismatch = !i.eq_ignore_ascii_case(t.trim());
    }
    if a.consumer_tenant {
        push(
            Severity::Error,
            "token-msa-tenant",
            format!(
                "The token comes from the personal Microsoft account (MSA) tenant {}: a personal account cannot hold a role on the Azure resource. Sign in with a work or school account of the tenant that owns the resource (az login --tenant <tenant id>).",
                audiences::CONSUMER_TENANT
            ),
        );
    } else if let Some(t) = &c.tid {
        passed.push(format!("issued in tenant {}", display(t, 40)));
    }
    if a.issuer_tenant_mismatch {
        push(
            Severity::Warning,
            "token-issuer-tenant",
            format!(
                "The issuer names tenant {} but tid says {}: Entra ID never issues such a token; it was altered or hand-made.",
                display(iss_tid.unwrap_or(""), 40),
                display(c.tid.as_deref().unwrap_or(""), 40)
            ),
        );
    }

    // Version (3.3).
    if let (Some(ver), Some(iss)) = (c.ver.as_deref(), c.iss.as_deref()) {
        let v2_iss = iss.trim_end_matches('/').ends_with("/v2.0");
        let odd = (ver == "2.0" && !v2_iss) || (ver == "1.0" && v2_iss);
        if odd {
            push(
                Severity::Info,
                "token-version-issuer",
                format!(
                    "The token says version {} but its issuer has the other format (v1.0 issuers are https://sts.windows.net/{{tid}}/, v2.0 ones end in /v2.0).",
                    display(ver, 8)
                ),
            );
        } else if ver == "1.0" || ver == "2.0" {
            passed.push(format!("token format v{ver}"));
        }
    }

    principal(a, &c);
    if !passed.is_empty() {
        a.findings.push(finding(
            field,
            Severity::Ok,
            "token-ok",
            format!("Checked and fine: {}.", passed.join("; ")),
        ));
    }
}

/// The finding id and a sentence naming what a token of this kind is.
fn describe_kind(kind: &TokenKind, aud: &str, c: &Claims) -> (&'static str, String) {
    match kind {
        TokenKind::CognitiveServices(_) => ("token-audience-cognitive-services", format!("Audience is Azure AI Services ({aud})")),
        TokenKind::AiAzure => ("token-audience-ai-azure", format!("Audience is {aud} (Azure AI Foundry projects and agents)")),
        TokenKind::Arm => ("token-audience-arm", format!("Audience is Azure Resource Manager ({aud})")),
        TokenKind::Graph => (
            "token-audience-graph",
            if aud.is_empty() {
                "This is a Microsoft Graph token (its header has a nonce)".to_string()
            } else {
                format!("Audience is Microsoft Graph ({aud}{})", if c.header_nonce { "; its header has a nonce" } else { "" })
            },
        ),
        TokenKind::IdToken => (
            "token-audience-id-token",
            format!(
                "This is an ID token, not an access token: its audience is the client id of your own app ({aud}){}. It says who signed in to your app and is not accepted by the service",
                if c.nonce_claim { " and it has a nonce claim" } else { "" }
            ),
        ),
        TokenKind::ScopedToken => (
            "token-audience-scoped-token",
            format!("This is a Cognitive Services issueToken token ({aud}), valid only on regional Speech and Translator-style APIs"),
        ),
        TokenKind::AzureMl => ("token-audience-azure-ml", format!("Audience is Azure Machine Learning ({aud})")),
        TokenKind::OtherService(name) => (
            "token-audience-other-service",
            if display(name, 100) == aud {
                format!("Audience is another Azure service ({aud})")
            } else {
                format!("Audience is {name} ({aud}), another Azure service")
            },
        ),
        TokenKind::OwnApi(_) => ("token-audience-own-api", format!("Audience is an API of your own ({aud})")),
        TokenKind::Unknown => ("token-audience-unknown", format!("Audience {aud} is not one of the known Azure audiences")),
    }
}

/// Where such a token usually comes from, and what to ask for instead.
fn kind_hint(kind: &TokenKind, expected: &str) -> String {
    match kind {
        TokenKind::Arm => format!(
            " `az account get-access-token` without --resource returns such a token; ask for --resource {expected}."
        ),
        TokenKind::Graph => format!(
            " MSAL's default scopes (openid profile User.Read) give such a token; request the scope {expected}/.default."
        ),
        TokenKind::IdToken => " Send the access token from the same sign-in, requested for that scope.".to_string(),
        _ => format!(" Request the token with the scope {expected}/.default."),
    }
}

/// Who the token is for, and the role it needs (roles are not in the token).
fn principal(a: &mut TokenAnalysis, c: &Claims) {
    // Delegated (user) tokens always carry scp; app-only ones (service principals,
    // managed identities) never do (auth-failures.md 3.4).
    let app_only = c.idtyp.as_deref() == Some("app") || (c.scp.is_none() && c.user.is_none());
    let oid = c.oid.as_deref().map(|o| display(o, 40));
    let mut msg = match (&c.user, app_only) {
        (Some(user), false) => format!("The token is for the user {}", display(user, 80)),
        _ if app_only => "The token is for an application or managed identity".to_string(),
        _ => "The token is for a principal".to_string(),
    };
    if let Some(client) = &c.client_id {
        let cli = if client.eq_ignore_ascii_case(audiences::AZURE_CLI_APP_ID) {
            ", the Azure CLI"
        } else {
            ""
        };
        msg.push_str(&format!(
            ", obtained through client {}{cli}",
            display(client, 40)
        ));
    }
    match &oid {
        Some(o) => msg.push_str(&format!(" (object id {o}).")),
        None => msg.push_str(". It names no object id (oid), so the principal cannot be told."),
    }
    if let Some(scp) = &c.scp {
        msg.push_str(&format!(" Delegated scopes: {}.", display(scp, 120)));
    }
    if !c.roles.is_empty() {
        msg.push_str(&format!(
            " App roles: {}.",
            display(&c.roles.join(", "), 120)
        ));
    }
    if matches!(a.kind, TokenKind::CognitiveServices(_) | TokenKind::AiAzure) {
        msg.push_str(
            " Azure role assignments are not in the token: the service checks them when the call arrives.",
        );
        if let Some(o) = &oid {
            msg.push_str(&format!(
                " To call Azure OpenAI, object id {o} needs the role Cognitive Services OpenAI User (or Cognitive Services User) on the resource; Owner and Contributor are not enough, and a new assignment takes up to 5 minutes."
            ));
        }
    }
    let field = a.field;
    a.findings
        .push(finding(field, Severity::Info, "token-principal", msg));
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::read::jwt::*;
    use base64::engine::general_purpose::{STANDARD, URL_SAFE_NO_PAD};
    use base64::Engine;
    use serde_json::json;

    /// 2026-11-23T09:00:00Z.
    const NOW: i64 = 1_795_424_400;
    const TID: &str = "3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13";
    const OID: &str = "a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95";
    const AOAI: &str = "https://cognitiveservices.azure.com";

    fn b64(bytes: &[u8]) -> String {
        URL_SAFE_NO_PAD.encode(bytes)
    }

    fn noise(len: usize) -> String {
        crate::diag::test_support::noise(len, 987)
    }

    fn header() -> Value {
        json!({"typ": "JWT", "alg": "RS256", "x5t": "kWbkaa6qs8wsTnBwiiNYOhHbnAw", "kid": "kWbkaa6qs8wsTnBwiiNYOhHbnAw"})
    }

    /// A v1 Azure CLI user token for Azure OpenAI, valid from 5 minutes before NOW for an hour.
    fn claims() -> Value {
        json!({
            "aud": AOAI,
            "iss": format!("https://sts.windows.net/{TID}/"),
            "iat": NOW - 300, "nbf": NOW - 300, "exp": NOW + 3600,
            "appid": "04b07795-8ddb-461a-bbee-02f9e1bf7b46", "appidacr": "0",
            "idtyp": "user", "name": "Dana Example", "oid": OID,
            "scp": "user_impersonation", "tid": TID,
            "unique_name": "dana@contoso.example", "upn": "dana@contoso.example", "ver": "1.0"
        })
    }

    fn with(mut base: Value, changes: Value) -> Value {
        if let (Some(b), Some(c)) = (base.as_object_mut(), changes.as_object()) {
            for (k, v) in c {
                if v.is_null() {
                    b.remove(k);
                } else {
                    b.insert(k.clone(), v.clone());
                }
            }
        }
        base
    }

    fn tok(h: &Value, p: &Value) -> String {
        format!(
            "{}.{}.{}",
            b64(h.to_string().as_bytes()),
            b64(p.to_string().as_bytes()),
            noise(342)
        )
    }

    fn good() -> String {
        tok(&header(), &claims())
    }

    fn ep(kind: HostKind, cloud: Option<Cloud>, shape: PathShape) -> ParsedEndpoint {
        ParsedEndpoint {
            scheme: "https".into(),
            host: "contoso.openai.azure.com".into(),
            port: None,
            kind,
            cloud,
            resource: Some("contoso".into()),
            path: "/".into(),
            path_shape: shape,
            deployment_in_url: None,
            api_version_in_url: None,
            project_in_url: None,
            is_request_url: false,
            suggested_base: None,
        }
    }

    fn aoai() -> ParsedEndpoint {
        ep(HostKind::AzureOpenAi, Some(Cloud::Public), PathShape::Root)
    }

    fn run(raw: &str, e: Option<&ParsedEndpoint>) -> TokenAnalysis {
        analyze(raw, Field::Credential, NOW, e)
    }

    fn ids(a: &TokenAnalysis) -> Vec<&str> {
        crate::diag::test_support::ids(&a.findings)
    }

    fn message(a: &TokenAnalysis, id: &str) -> String {
        crate::diag::test_support::message(&a.findings, id)
    }

    // ---- decoding ----

    #[test]
    fn decodes_a_whole_token() {
        let jwt = decode_unverified(&good()).expect("decodes");
        assert_eq!(jwt.header.get("alg"), Some(&json!("RS256")));
        assert_eq!(jwt.claims.get("aud"), Some(&json!(AOAI)));
        assert_eq!(jwt.signature_len, 342);
    }

    #[test]
    fn decoding_errors_name_the_part() {
        let h = b64(header().to_string().as_bytes());
        let p = b64(claims().to_string().as_bytes());
        let s = noise(342);
        let bad_char = format!("{h}.{}!{}.{s}", &p[..16], &p[17..]);
        let cut_payload = format!("{h}.{}.{s}", &p[..40]);
        let not_utf8 = format!("{h}.{}.{s}", b64(&[0xff, 0xfe, 0x7b, 0x7d]));
        let not_json = format!("{h}.{}.{s}", b64(b"hello world"));
        let array = format!("{h}.{}.{s}", b64(b"[1,2]"));
        let bad_sig = format!("{h}.{p}.{}*{}", &s[..10], &s[11..]);
        // 9 bytes of JSON are 12 base64 characters; a 13th cannot be decoded.
        let one_stray = format!("{h}.{}A.{s}", b64(br#"{"abc":1}"#));
        let cases: Vec<(String, JwtError)> = vec![
            (String::new(), JwtError::Empty),
            ("   ".into(), JwtError::Empty),
            ("0123456789abcdef0123456789abcdef".into(), JwtError::NotAJwt),
            (
                "https://contoso.openai.azure.com/".into(),
                JwtError::NotAJwt,
            ),
            (h.clone(), JwtError::SegmentCount { found: 1 }),
            (format!("{h}.{p}"), JwtError::MissingSignature),
            (format!("{h}.{p}."), JwtError::MissingSignature),
            (format!("{h}.{p}.{}", &s[..200]), JwtError::MissingSignature),
            (
                format!("{h}.{p}.{s}.x"),
                JwtError::SegmentCount { found: 4 },
            ),
            (format!("{h}.a.b.c.d"), JwtError::SegmentCount { found: 5 }),
            (
                format!("{h}.{p}.{s}.x.y.z"),
                JwtError::SegmentCount { found: 6 },
            ),
            (
                bad_char,
                JwtError::Base64 {
                    segment: Segment::Payload,
                    offset: 16,
                },
            ),
            (
                format!("{}#.{p}.{s}", &h[..10]),
                JwtError::Base64 {
                    segment: Segment::Header,
                    offset: 10,
                },
            ),
            (
                bad_sig,
                JwtError::Base64 {
                    segment: Segment::Signature,
                    offset: 10,
                },
            ),
            (
                cut_payload,
                JwtError::Truncated {
                    segment: Segment::Payload,
                },
            ),
            (
                not_utf8,
                JwtError::NotUtf8 {
                    segment: Segment::Payload,
                },
            ),
            (
                not_json,
                JwtError::NotJson {
                    segment: Segment::Payload,
                },
            ),
            (
                array,
                JwtError::NotObject {
                    segment: Segment::Payload,
                },
            ),
            (
                format!("{h}..{s}"),
                JwtError::EmptyPart {
                    segment: Segment::Payload,
                },
            ),
            (
                one_stray,
                JwtError::Base64 {
                    segment: Segment::Payload,
                    offset: 12,
                },
            ),
        ];
        for (raw, want) in cases {
            assert_eq!(decode_unverified(&raw).err(), Some(want.clone()), "{raw}");
        }
    }

    #[test]
    fn errors_read_as_sentences() {
        let all = [
            JwtError::Empty,
            JwtError::NotAJwt,
            JwtError::SegmentCount { found: 1 },
            JwtError::SegmentCount { found: 4 },
            JwtError::SegmentCount { found: 5 },
            JwtError::Base64 {
                segment: Segment::Payload,
                offset: 16,
            },
            JwtError::NotJson {
                segment: Segment::Header,
            },
            JwtError::NotObject {
                segment: Segment::Payload,
            },
            JwtError::MissingSignature,
            JwtError::NotUtf8 {
                segment: Segment::Payload,
            },
            JwtError::Truncated {
                segment: Segment::Payload,
            },
            JwtError::EmptyPart {
                segment: Segment::Header,
            },
        ];
        for e in all {
            let s = e.to_string();
            assert!(
                s.chars().next().is_some_and(char::is_uppercase) && s.ends_with('.'),
                "{s}"
            );
            assert!(
                !s.contains("SegmentCount") && !s.contains('{') || s.contains("({…})"),
                "{s}"
            );
        }
        assert_eq!(
            JwtError::Base64 { segment: Segment::Payload, offset: 16 }.to_string(),
            "The payload is not base64url at character 17: a JWT part holds only letters, digits, - and _."
        );
        assert!(JwtError::SegmentCount { found: 5 }
            .to_string()
            .contains("5 parts: this is an encrypted token (JWE), which cannot be read and is not an access token for Azure OpenAI"));
    }

    #[test]
    fn padding_and_standard_alphabet_are_tolerated_and_reported() {
        // A payload whose standard base64 has + and /, with padding.
        let p = with(claims(), json!({"name": "?>?>?>~~~"}));
        let std_payload = STANDARD.encode(p.to_string());
        assert!(
            std_payload.contains('+') || std_payload.contains('/'),
            "{std_payload}"
        );
        let h = b64(header().to_string().as_bytes());
        let raw = format!("{h}.{std_payload}.{}", noise(342));
        assert!(decode_unverified(&raw).is_ok());
        let a = run(&raw, None);
        assert!(ids(&a).contains(&"token-base64-standard"), "{:?}", ids(&a));
        if std_payload.ends_with('=') {
            assert!(ids(&a).contains(&"token-base64-padding"));
        }
        let padded = format!(
            "{h}==.{}.{}",
            b64(claims().to_string().as_bytes()),
            noise(342)
        );
        assert!(decode_unverified(&padded).is_ok());
        assert!(ids(&run(&padded, None)).contains(&"token-base64-padding"));
        assert!(!ids(&run(&good(), None))
            .iter()
            .any(|i| i.starts_with("token-base64")));
    }

    #[test]
    fn alg_none_needs_no_signature() {
        let raw = format!(
            "{}.{}.",
            b64(br#"{"alg":"none"}"#),
            b64(claims().to_string().as_bytes())
        );
        assert!(decode_unverified(&raw).is_ok());
        assert!(ids(&run(&raw, None)).contains(&"token-alg-none"));
    }

    #[test]
    fn deep_json_and_huge_input_do_not_panic() {
        let deep = format!(
            "{}.{}.{}",
            b64(header().to_string().as_bytes()),
            b64("[".repeat(200_000).as_bytes()),
            noise(342)
        );
        assert_eq!(
            decode_unverified(&deep).err(),
            Some(JwtError::NotJson {
                segment: Segment::Payload
            })
        );
        let deep_obj = format!(
            "{}.{}.{}",
            b64(header().to_string().as_bytes()),
            b64(format!("{}{}", "{\"a\":".repeat(50_000), "}".repeat(50_000)).as_bytes()),
            noise(342)
        );
        assert!(decode_unverified(&deep_obj).is_err());
        let garbage: String = (0..1_000_000u32)
            .map(|i| char::from(b'#' + (i % 80) as u8))
            .collect();
        let cases = [
            garbage,
            format!("eyJ{}", "A".repeat(1_000_000)),
            format!("eyJ{}", ".".repeat(1_000_000)),
            format!("{}.{}.{}", good(), "x".repeat(500_000), "y"),
            "\u{0}\u{202E}eyJ.eyJ.".to_string(),
            "Bearer".to_string(),
            "{".to_string(),
            "{}".to_string(),
            "[]".to_string(),
            "{\"accessToken\": 5}".to_string(),
        ];
        for raw in &cases {
            let a = run(raw, Some(&aoai()));
            assert!(
                a.error.is_some() || a.decoded.is_some(),
                "{}",
                &raw[..raw.len().min(20)]
            );
        }
    }

    #[test]
    fn keeps_the_header_when_the_payload_breaks() {
        let h = b64(header().to_string().as_bytes());
        let p = b64(claims().to_string().as_bytes());
        let a = run(&format!("{h}.{}", &p[..50]), None);
        assert_eq!(
            a.error,
            Some(JwtError::Truncated {
                segment: Segment::Payload
            })
        );
        let d = a.decoded.as_ref().expect("header kept");
        assert_eq!(d.header.get("alg"), Some(&json!("RS256")));
        assert!(d.claims.is_empty());
        assert_eq!(a.claims.alg.as_deref(), Some("RS256"));
        let m = message(&a, "token-truncated");
        assert!(
            m.contains("payload ends in the middle") && m.contains("header could be read"),
            "{m}"
        );
        assert_eq!(a.time, None);
    }

    // ---- what was pasted ----

    #[test]
    fn pasted_forms_are_accepted() {
        let t = good();
        let cli = format!(
            "{{\"accessToken\": \"{t}\", \"expiresOn\": \"2026-11-23 10:00:00.000000\", \"expires_on\": {}, \
             \"subscription\": \"4c5f29a2-de31-c915-c401-96ea3a7c1b12\", \"tenant\": \"{TID}\", \"tokenType\": \"Bearer\"}}",
            NOW + 3600
        );
        let oauth =
            format!("{{\"token_type\":\"Bearer\",\"expires_in\":3599,\"access_token\":\"{t}\"}}");
        let cases: Vec<(String, &[&str])> = vec![
            (t.clone(), &[]),
            (format!("Bearer {t}"), &["token-bearer-prefix"]),
            (format!("Bearer Bearer {t}"), &["token-bearer-prefix"]),
            (format!("\"{t}\""), &["token-quotes"]),
            (
                format!("  {t}\n"),
                &["token-leading-whitespace", "token-trailing-newline"],
            ),
            (
                format!("{}\n{}", &t[..80], &t[80..]),
                &["token-inner-whitespace"],
            ),
            (
                format!("Authorization: Bearer {t}"),
                &["token-header-name", "token-bearer-prefix"],
            ),
            (cli, &["token-json"]),
            (oauth, &["token-json"]),
        ];
        for (raw, expect) in cases {
            let a = analyze(&raw, Field::Token, NOW, Some(&aoai()));
            assert_eq!(a.error, None, "{raw}");
            assert_eq!(a.kind, TokenKind::CognitiveServices(Cloud::Public), "{raw}");
            for id in expect {
                assert!(ids(&a).contains(id), "{raw}: {:?}", ids(&a));
            }
            for f in &a.findings {
                assert_eq!(f.field, Field::Token);
                assert!(f.id.starts_with("token-"), "{}", f.id);
            }
        }
        let a = analyze(&format!("Bearer Bearer {t}"), Field::Token, NOW, None);
        assert!(message(&a, "token-bearer-prefix").contains("2 times"));
    }

    #[test]
    fn az_cli_output_is_kept() {
        let cli = format!(
            "{{\n  \"accessToken\": \"{}\",\n  \"expiresOn\": \"2026-11-23 10:00:00.000000\",\n  \
             \"subscription\": \"4c5f29a2-de31-c915-c401-96ea3a7c1b12\",\n  \"tenant\": \"{TID}\",\n  \"tokenType\": \"Bearer\"\n}}",
            good()
        );
        let a = run(&cli, Some(&aoai()));
        let out = a.az_cli.as_ref().expect("az output");
        assert_eq!(
            out.expires_on.as_deref(),
            Some("2026-11-23 10:00:00.000000")
        );
        assert_eq!(out.tenant.as_deref(), Some(TID));
        assert_eq!(
            out.subscription.as_deref(),
            Some("4c5f29a2-de31-c915-c401-96ea3a7c1b12")
        );
        assert!(message(&a, "token-json").contains("az account get-access-token"));
        assert_eq!(a.audience_fit, AudienceFit::Fits);
    }

    #[test]
    fn other_json_is_explained() {
        let a = run(&claims().to_string(), Some(&aoai()));
        assert!(ids(&a).contains(&"token-claims-json"));
        assert_eq!(a.kind, TokenKind::CognitiveServices(Cloud::Public));
        let a = run(r#"{"foo": "bar"}"#, None);
        assert_eq!(a.error, Some(JwtError::NotAJwt));
        assert!(ids(&a).contains(&"token-json"));
        let id_only = format!("{{\"id_token\":\"{}\"}}", good());
        assert!(message(&run(&id_only, None), "token-json").contains("only an ID token"));
    }

    #[test]
    fn not_a_jwt_says_what_it_looks_like() {
        let a = run("4b53e7a899fab1d30d599108c64a5115", Some(&aoai()));
        assert_eq!(a.error, Some(JwtError::NotAJwt));
        assert!(message(&a, "token-not-jwt").contains("classic Azure key"));
        let a = run(
            "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d",
            None,
        );
        assert_eq!(a.error, Some(JwtError::SegmentCount { found: 5 }));
        assert!(ids(&a).contains(&"token-jwe"));
        assert_eq!(
            a.decoded.as_ref().and_then(|d| d.header.get("enc")),
            Some(&json!("A256GCM"))
        );
    }

    // ---- claims ----

    #[test]
    fn typed_claims() {
        let p = with(
            claims(),
            json!({"aud": [AOAI, "api://x"], "exp": "1795428000", "nbf": 1795424100.7, "roles": ["A", "B"], "scp": null,
                   "appid": null, "azp": "azp-client", "upn": null, "unique_name": null, "preferred_username": "p@x", "nonce": "n"}),
        );
        let h = with(header(), json!({"nonce": "abc"}));
        let a = run(&tok(&h, &p), None);
        let c = &a.claims;
        assert_eq!(c.alg.as_deref(), Some("RS256"));
        assert!(c.header_nonce);
        assert_eq!(c.aud, vec![AOAI.to_string(), "api://x".to_string()]);
        assert_eq!(c.exp, Some(1_795_428_000));
        assert_eq!(c.nbf, Some(1_795_424_100));
        assert_eq!(c.iat, Some(NOW - 300));
        assert_eq!(
            c.iss.as_deref(),
            Some(format!("https://sts.windows.net/{TID}/").as_str())
        );
        assert_eq!(c.tid.as_deref(), Some(TID));
        assert_eq!(c.oid.as_deref(), Some(OID));
        assert_eq!(c.ver.as_deref(), Some("1.0"));
        assert_eq!(c.idtyp.as_deref(), Some("user"));
        assert_eq!(c.scp, None);
        assert_eq!(c.roles, vec!["A".to_string(), "B".to_string()]);
        assert_eq!(c.client_id.as_deref(), Some("azp-client"));
        assert_eq!(c.user.as_deref(), Some("p@x"));
        assert!(c.nonce_claim);
    }

    #[test]
    fn unreadable_times_are_reported() {
        for bad in [
            json!("soon"),
            json!(1e300),
            json!(-1e300),
            json!({"a": 1}),
            json!(i64::MAX),
        ] {
            let a = run(&tok(&header(), &with(claims(), json!({"exp": bad}))), None);
            assert_eq!(a.claims.exp, None);
            assert!(ids(&a).contains(&"token-time-unreadable"));
            assert!(!ids(&a).contains(&"token-no-exp"));
            assert_eq!(a.time, Some(TimeStatus::NoExpiry));
        }
    }

    #[test]
    fn kinds_from_the_audience() {
        let gov_iss = json!(format!("https://login.microsoftonline.us/{TID}/v2.0"));
        let guid = "6144723c-6949-e242-9728-1c3a371c7be3";
        let cases: Vec<(Value, Value, TokenKind)> = vec![
            (
                header(),
                json!({}),
                TokenKind::CognitiveServices(Cloud::Public),
            ),
            (
                header(),
                json!({"aud": "https://cognitiveservices.azure.com/"}),
                TokenKind::CognitiveServices(Cloud::Public),
            ),
            (
                header(),
                json!({"aud": "https://cognitiveservices.azure.us"}),
                TokenKind::CognitiveServices(Cloud::UsGov),
            ),
            (
                header(),
                json!({"aud": "https://cognitiveservices.azure.cn"}),
                TokenKind::CognitiveServices(Cloud::China),
            ),
            (
                header(),
                json!({"aud": "7d312290-28c8-473c-a0ed-8e53749b6d6d"}),
                TokenKind::CognitiveServices(Cloud::Public),
            ),
            (
                header(),
                json!({"aud": "7d312290-28c8-473c-a0ed-8e53749b6d6d", "iss": gov_iss}),
                TokenKind::CognitiveServices(Cloud::UsGov),
            ),
            (
                header(),
                json!({"aud": "https://ai.azure.com"}),
                TokenKind::AiAzure,
            ),
            (
                header(),
                json!({"aud": "https://management.azure.com"}),
                TokenKind::Arm,
            ),
            (
                header(),
                json!({"aud": "https://management.azure.com/"}),
                TokenKind::Arm,
            ),
            (
                header(),
                json!({"aud": "https://management.core.windows.net"}),
                TokenKind::Arm,
            ),
            (
                header(),
                json!({"aud": "https://management.core.windows.net/"}),
                TokenKind::Arm,
            ),
            (
                header(),
                json!({"aud": "https://management.usgovcloudapi.net/"}),
                TokenKind::Arm,
            ),
            (
                header(),
                json!({"aud": "https://graph.microsoft.com"}),
                TokenKind::Graph,
            ),
            (
                with(header(), json!({"nonce": "x"})),
                json!({"aud": "00000003-0000-0000-c000-000000000000", "scp": "User.Read"}),
                TokenKind::Graph,
            ),
            (
                with(header(), json!({"nonce": "x"})),
                json!({"aud": null}),
                TokenKind::Graph,
            ),
            (
                header(),
                json!({"aud": guid, "nonce": "n", "scp": null}),
                TokenKind::IdToken,
            ),
            (
                header(),
                json!({"aud": guid, "scp": null, "appid": null, "at_hash": "h"}),
                TokenKind::IdToken,
            ),
            (
                header(),
                json!({"aud": guid, "scp": null, "appid": null}),
                TokenKind::IdToken,
            ),
            (
                header(),
                json!({"aud": guid}),
                TokenKind::OwnApi(guid.into()),
            ),
            (
                header(),
                json!({"aud": "api://my-api"}),
                TokenKind::OwnApi("api://my-api".into()),
            ),
            (
                header(),
                json!({"aud": "https://contoso.example/api"}),
                TokenKind::OwnApi("https://contoso.example/api".into()),
            ),
            (
                header(),
                json!({"aud": "https://storage.azure.com/"}),
                TokenKind::OtherService("Azure Storage".into()),
            ),
            (
                header(),
                json!({"aud": "https://vault.azure.net"}),
                TokenKind::OtherService("Azure Key Vault".into()),
            ),
            (
                header(),
                json!({"aud": "https://myacct.blob.core.windows.net"}),
                TokenKind::OtherService("https://myacct.blob.core.windows.net".into()),
            ),
            (
                header(),
                json!({"aud": "https://ml.azure.com"}),
                TokenKind::AzureMl,
            ),
            (
                header(),
                json!({"aud": "urn:ms.scopedToken"}),
                TokenKind::ScopedToken,
            ),
            (header(), json!({"aud": null}), TokenKind::Unknown),
            (header(), json!({"aud": "something"}), TokenKind::Unknown),
            (
                header(),
                json!({"aud": ["api://x", AOAI]}),
                TokenKind::CognitiveServices(Cloud::Public),
            ),
        ];
        for (h, changes, want) in cases {
            let a = run(&tok(&h, &with(claims(), changes.clone())), None);
            assert_eq!(a.kind, want, "{changes}");
        }
    }

    #[test]
    fn audience_fits_the_endpoint() {
        let public = aoai();
        let gov = ep(HostKind::AzureOpenAi, Some(Cloud::UsGov), PathShape::Root);
        let project = ep(
            HostKind::FoundryServices,
            Some(Cloud::Public),
            PathShape::FoundryProject,
        );
        let v1 = ep(HostKind::AzureOpenAi, Some(Cloud::Public), PathShape::V1);
        let classic = ep(
            HostKind::AzureOpenAi,
            Some(Cloud::Public),
            PathShape::Deployments,
        );
        let regional = ep(HostKind::Regional, Some(Cloud::Public), PathShape::Root);
        let serverless = ep(HostKind::Serverless, Some(Cloud::Public), PathShape::Models);
        let apim = ep(HostKind::Apim, None, PathShape::Other);
        let custom = ep(HostKind::Custom, None, PathShape::Root);
        let openai = ep(HostKind::OpenAi, None, PathShape::OpenAiStyleV1);
        let mismatch = |e: &str| AudienceFit::Mismatch {
            expected: e.to_string(),
        };
        let cases: Vec<(Value, Option<&ParsedEndpoint>, AudienceFit)> = vec![
            (json!({}), Some(&public), AudienceFit::Fits),
            (
                json!({"aud": "https://cognitiveservices.azure.com/"}),
                Some(&classic),
                AudienceFit::Fits,
            ),
            (json!({}), Some(&regional), AudienceFit::Fits),
            (json!({}), None, AudienceFit::Unknown),
            (json!({}), Some(&apim), AudienceFit::Unknown),
            (json!({}), Some(&custom), AudienceFit::Unknown),
            (json!({}), Some(&openai), AudienceFit::Unknown),
            (
                json!({"aud": "https://management.azure.com"}),
                Some(&public),
                mismatch(AOAI),
            ),
            (
                json!({"aud": "https://management.azure.com"}),
                Some(&apim),
                AudienceFit::Unknown,
            ),
            (
                json!({"aud": "https://graph.microsoft.com"}),
                Some(&classic),
                mismatch(AOAI),
            ),
            (
                json!({}),
                Some(&gov),
                mismatch("https://cognitiveservices.azure.us"),
            ),
            (
                json!({"aud": "https://cognitiveservices.azure.us"}),
                Some(&gov),
                AudienceFit::Fits,
            ),
            (
                json!({"aud": "https://cognitiveservices.azure.us"}),
                Some(&public),
                mismatch(AOAI),
            ),
            (json!({}), Some(&project), mismatch("https://ai.azure.com")),
            (
                json!({"aud": "https://ai.azure.com"}),
                Some(&project),
                AudienceFit::Fits,
            ),
            (
                json!({"aud": "https://ai.azure.com"}),
                Some(&classic),
                mismatch(AOAI),
            ),
            (
                json!({"aud": "https://ai.azure.com"}),
                Some(&v1),
                AudienceFit::Unknown,
            ),
            (
                json!({"aud": "https://ai.azure.com"}),
                Some(&serverless),
                AudienceFit::Unknown,
            ),
            (
                json!({"aud": "https://ml.azure.com"}),
                Some(&serverless),
                AudienceFit::Unknown,
            ),
            (
                json!({"aud": "https://ml.azure.com"}),
                Some(&public),
                mismatch(AOAI),
            ),
            (json!({}), Some(&serverless), AudienceFit::Fits),
            (
                json!({"aud": "urn:ms.scopedToken"}),
                Some(&regional),
                AudienceFit::Unknown,
            ),
            (
                json!({"aud": "urn:ms.scopedToken"}),
                Some(&public),
                mismatch(AOAI),
            ),
            (json!({"aud": null}), Some(&public), AudienceFit::Unknown),
        ];
        for (changes, e, want) in cases {
            let a = run(&tok(&header(), &with(claims(), changes.clone())), e);
            assert_eq!(a.audience_fit, want, "{changes} {:?}", e.map(|x| &x.kind));
        }
    }

    #[test]
    fn audience_messages() {
        let arm = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"aud": "https://management.core.windows.net/"}),
                ),
            ),
            Some(&aoai()),
        );
        let m = message(&arm, "token-audience-arm");
        assert!(
            m.starts_with("Audience is Azure Resource Manager (https://management.core.windows.net/), but this endpoint needs https://cognitiveservices.azure.com."),
            "{m}"
        );
        assert!(m.contains("--resource https://cognitiveservices.azure.com"));
        assert_eq!(
            arm.findings
                .iter()
                .find(|f| f.id == "token-audience-arm")
                .map(|f| f.severity),
            Some(Severity::Error)
        );

        let graph = run(
            &tok(
                &with(header(), json!({"nonce": "x"})),
                &with(
                    claims(),
                    json!({"aud": "00000003-0000-0000-c000-000000000000"}),
                ),
            ),
            Some(&aoai()),
        );
        assert!(message(&graph, "token-audience-graph").contains("header has a nonce"));
        assert!(!ids(&graph).contains(&"token-header-nonce"));

        let id = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"aud": "6144723c-6949-e242-9728-1c3a371c7be3", "nonce": "n", "scp": null}),
                ),
            ),
            Some(&aoai()),
        );
        assert!(message(&id, "token-audience-id-token").contains("ID token"));

        let gov = ep(HostKind::AzureOpenAi, Some(Cloud::UsGov), PathShape::Root);
        let wrong_cloud = run(&good(), Some(&gov));
        let m = message(&wrong_cloud, "token-wrong-cloud");
        assert!(
            m.contains("https://cognitiveservices.azure.us")
                && m.contains("login.microsoftonline.us"),
            "{m}"
        );

        let project = ep(
            HostKind::FoundryServices,
            Some(Cloud::Public),
            PathShape::FoundryProject,
        );
        let m = message(
            &run(&good(), Some(&project)),
            "token-audience-cognitive-services",
        );
        assert!(m.contains("needs https://ai.azure.com"), "{m}");

        // Without an endpoint, a wrong kind is still a warning; the right kind passes.
        let arm_alone = run(
            &tok(
                &header(),
                &with(claims(), json!({"aud": "https://management.azure.com"})),
            ),
            None,
        );
        assert_eq!(
            arm_alone
                .findings
                .iter()
                .find(|f| f.id == "token-audience-arm")
                .map(|f| f.severity),
            Some(Severity::Warning)
        );
        // Behind a gateway it is a warning too, and says the gateway decides.
        let apim = ep(HostKind::Apim, None, PathShape::Other);
        assert!(message(
            &run(
                &tok(
                    &header(),
                    &with(claims(), json!({"aud": "https://management.azure.com"}))
                ),
                Some(&apim)
            ),
            "token-audience-arm"
        )
        .contains("gateway decides"));
        assert!(ids(&run(
            &tok(&header(), &with(claims(), json!({"aud": null}))),
            None
        ))
        .contains(&"token-audience-missing"));
    }

    #[test]
    fn times_against_now() {
        let cases: Vec<(Value, TimeStatus)> = vec![
            (json!({}), TimeStatus::Valid { expires_in: 3600 }),
            (json!({"exp": NOW}), TimeStatus::Expired { ago: 0 }),
            (
                json!({"exp": NOW - 7500}),
                TimeStatus::Expired { ago: 7500 },
            ),
            (
                json!({"exp": NOW + 299}),
                TimeStatus::ExpiresSoon { expires_in: 299 },
            ),
            (
                json!({"exp": NOW + 300}),
                TimeStatus::Valid { expires_in: 300 },
            ),
            (
                json!({"nbf": NOW + 300, "iat": NOW}),
                TimeStatus::Valid { expires_in: 3600 },
            ),
            (
                json!({"nbf": NOW + 301}),
                TimeStatus::NotYetValid { starts_in: 301 },
            ),
            (
                json!({"nbf": NOW - 10, "iat": NOW + 2400}),
                TimeStatus::NotYetValid { starts_in: 2400 },
            ),
            (
                json!({"exp": NOW - 1, "nbf": NOW + 9999}),
                TimeStatus::Expired { ago: 1 },
            ),
            (json!({"exp": null}), TimeStatus::NoExpiry),
            (
                json!({"exp": format!("{}", NOW + 3600)}),
                TimeStatus::Valid { expires_in: 3600 },
            ),
        ];
        for (changes, want) in cases {
            let a = run(&tok(&header(), &with(claims(), changes.clone())), None);
            assert_eq!(a.time, Some(want), "{changes}");
        }
    }

    #[test]
    fn time_messages_are_readable() {
        let expired = run(
            &tok(
                &header(),
                &with(claims(), json!({"exp": NOW - 7500, "iat": NOW - 11100})),
            ),
            None,
        );
        let m = message(&expired, "token-expired");
        assert!(
            m.starts_with("Expired 2 h 5 min ago (exp 2026-11-23T06:55:00Z)."),
            "{m}"
        );
        assert!(m.contains("valid for 1 h"), "{m}");
        let just = run(
            &tok(&header(), &with(claims(), json!({"exp": NOW - 60}))),
            None,
        );
        assert!(message(&just, "token-expired").contains("API Management does not"));
        let future = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"nbf": NOW + 2400, "iat": NOW + 2400, "exp": NOW + 6000}),
                ),
            ),
            None,
        );
        let m = message(&future, "token-not-yet-valid");
        assert!(
            m.contains("nbf is 2026-11-23T09:40:00Z (40 min after"),
            "{m}"
        );
        let soon = run(
            &tok(&header(), &with(claims(), json!({"exp": NOW + 120}))),
            None,
        );
        assert!(message(&soon, "token-expires-soon")
            .starts_with("Expires in 2 min (exp 2026-11-23T09:02:00Z)"));
        assert!(ids(&run(
            &tok(&header(), &with(claims(), json!({"exp": null}))),
            None
        ))
        .contains(&"token-no-exp"));
        let ok = run(&good(), Some(&aoai()));
        let m = message(&ok, "token-ok");
        assert!(
            m.contains("valid for 1 h more (exp 2026-11-23T10:00:00Z)"),
            "{m}"
        );
        assert!(
            m.contains(
                "audience https://cognitiveservices.azure.com is the one this endpoint needs"
            ),
            "{m}"
        );
        assert!(
            m.contains("RS256") && m.contains(TID) && m.contains("v1.0"),
            "{m}"
        );
    }

    #[test]
    fn tenants() {
        let msa = "9188040d-6c67-4c5b-b112-36a304b66dad";
        let a = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"tid": msa, "iss": format!("https://sts.windows.net/{msa}/")}),
                ),
            ),
            None,
        );
        assert!(a.consumer_tenant);
        assert!(!a.issuer_tenant_mismatch);
        assert!(message(&a, "token-msa-tenant").contains("personal Microsoft account"));
        let a = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"tid": null, "iss": format!("https://sts.windows.net/{msa}/")}),
                ),
            ),
            None,
        );
        assert!(a.consumer_tenant);
        let a = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"tid": "11111111-2222-3333-4444-555555555555"}),
                ),
            ),
            None,
        );
        assert!(a.issuer_tenant_mismatch);
        assert!(ids(&a).contains(&"token-issuer-tenant"));
        let a = run(&good(), None);
        assert!(!a.consumer_tenant && !a.issuer_tenant_mismatch);
        assert!(!ids(&a).iter().any(|i| i.contains("tenant")));
    }

    #[test]
    fn clouds() {
        let cases: Vec<(Value, Option<Cloud>)> = vec![
            (json!({}), Some(Cloud::Public)),
            (
                json!({"aud": "https://cognitiveservices.azure.us", "iss": format!("https://login.microsoftonline.us/{TID}/v2.0"), "ver": "2.0"}),
                Some(Cloud::UsGov),
            ),
            (
                json!({"aud": "7d312290-28c8-473c-a0ed-8e53749b6d6d", "iss": format!("https://login.chinacloudapi.cn/{TID}/v2.0"), "ver": "2.0"}),
                Some(Cloud::China),
            ),
            (
                json!({"aud": "api://x", "iss": "https://evil.example/"}),
                None,
            ),
        ];
        for (changes, want) in cases {
            let a = run(&tok(&header(), &with(claims(), changes.clone())), None);
            assert_eq!(a.cloud, want, "{changes}");
            assert!(!ids(&a).contains(&"token-cloud-conflict"), "{changes}");
        }
        let a = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"aud": "https://cognitiveservices.azure.us"}),
                ),
            ),
            None,
        );
        assert_eq!(a.cloud, Some(Cloud::UsGov));
        assert!(ids(&a).contains(&"token-cloud-conflict"));
    }

    #[test]
    fn algorithms_and_versions() {
        let cases: Vec<(Value, &str)> = vec![
            (json!({"alg": "HS256"}), "token-alg-hmac"),
            (json!({"alg": "none"}), "token-alg-none"),
            (json!({"alg": "ES256"}), "token-alg-unusual"),
            (json!({"alg": null}), "token-alg-missing"),
        ];
        for (changes, id) in cases {
            let h = with(header(), changes.clone());
            let a = run(&tok(&h, &claims()), None);
            assert!(ids(&a).contains(&id), "{changes}: {:?}", ids(&a));
        }
        let a = run(
            &tok(&header(), &with(claims(), json!({"ver": "2.0"}))),
            None,
        );
        assert!(ids(&a).contains(&"token-version-issuer"));
        assert!(!ids(&run(&good(), None)).contains(&"token-version-issuer"));
    }

    #[test]
    fn signature_cut_short() {
        let full = good();
        let cut = &full[..full.len() - 100];
        let a = run(cut, Some(&aoai()));
        assert_eq!(a.error, Some(JwtError::MissingSignature));
        let m = message(&a, "token-signature-missing");
        assert!(
            m.contains("242 characters where an RS256 signature has 342"),
            "{m}"
        );
        // Claims are still judged.
        assert_eq!(a.kind, TokenKind::CognitiveServices(Cloud::Public));
        assert!(a.time.is_some());
        assert_eq!(truncation(cut).as_deref(), Some("Looks cut short: the signature has 242 characters where an RS256 signature has 342."));
        assert_eq!(truncation(&full), None);
    }

    #[test]
    fn principal_and_roles() {
        let a = run(&good(), Some(&aoai()));
        let m = message(&a, "token-principal");
        assert!(m.contains("dana@contoso.example") && m.contains(OID), "{m}");
        assert!(m.contains("Azure CLI"));
        assert!(m.contains("role assignments are not in the token"), "{m}");
        assert!(
            m.contains(&format!(
                "object id {OID} needs the role Cognitive Services OpenAI User"
            )),
            "{m}"
        );
        let app = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"idtyp": "app", "scp": null, "upn": null, "unique_name": null, "roles": ["x"]}),
                ),
            ),
            None,
        );
        assert!(message(&app, "token-principal").contains("application or managed identity"));
        // A managed identity token: no scp, no roles, no user, no idtyp.
        let mi = run(
            &tok(
                &header(),
                &with(
                    claims(),
                    json!({"idtyp": null, "scp": null, "upn": null, "unique_name": null}),
                ),
            ),
            Some(&aoai()),
        );
        let m = message(&mi, "token-principal");
        assert!(
            m.contains("application or managed identity") && m.contains("needs the role"),
            "{m}"
        );
        let arm = run(
            &tok(
                &header(),
                &with(claims(), json!({"aud": "https://management.azure.com"})),
            ),
            None,
        );
        assert!(!message(&arm, "token-principal").contains("needs the role"));
        let no_oid = run(&tok(&header(), &with(claims(), json!({"oid": null}))), None);
        assert!(message(&no_oid, "token-principal").contains("names no object id"));
    }

    #[test]
    fn hostile_claims_are_shown_safely() {
        let evil = format!("https://evil.example/\u{202E}moc.erusa{}", "x".repeat(500));
        let a = run(
            &tok(&header(), &with(claims(), json!({"aud": evil}))),
            Some(&aoai()),
        );
        let m = message(&a, "token-audience-own-api");
        assert!(!m.contains('\u{202E}'));
        assert!(m.chars().count() < 400, "{m}");
    }

    #[test]
    fn findings_are_sentences_of_the_given_field() {
        let gov = ep(HostKind::AzureOpenAi, Some(Cloud::UsGov), PathShape::Root);
        let inputs = vec![
            good(),
            String::new(),
            "not a token".to_string(),
            format!("Bearer Bearer {}", good()),
            tok(
                &with(header(), json!({"alg": "none", "nonce": "x"})),
                &with(claims(), json!({"exp": NOW - 10, "ver": "2.0"})),
            ),
            tok(
                &header(),
                &with(
                    claims(),
                    json!({"aud": "api://x", "tid": "9188040d-6c67-4c5b-b112-36a304b66dad"}),
                ),
            ),
            tok(
                &header(),
                &with(claims(), json!({"nbf": NOW + 4000, "exp": "soon"})),
            ),
        ];
        for raw in &inputs {
            for e in [None, Some(&gov)] {
                let a = analyze(raw, Field::Token, NOW, e);
                assert!(!a.findings.is_empty(), "{raw}");
                for f in &a.findings {
                    assert_eq!(f.field, Field::Token);
                    assert!(f.id.starts_with("token-"), "{}", f.id);
                    assert!(f.message.ends_with('.'), "{}: {}", f.id, f.message);
                }
            }
        }
    }

    fn leaks(secret: &str, text: &str) -> Vec<String> {
        crate::diag::test_support::leaks(secret, text, 8)
    }

    #[test]
    fn nothing_of_the_token_is_repeated() {
        let t = good();
        let parts: Vec<&str> = t.split('.').collect();
        let inputs = vec![
            t.clone(),
            t[..t.len() - 50].to_string(),
            format!("{}.{}", parts[0], parts[1]),
            format!("{}.{}", parts[0], &parts[1][..100]),
            format!("{}.{}.{}.x.y", parts[0], parts[1], parts[2]),
            tok(
                &header(),
                &with(
                    claims(),
                    json!({"aud": "https://management.azure.com", "exp": NOW - 100}),
                ),
            ),
        ];
        for raw in &inputs {
            for e in [None, Some(aoai())] {
                let a = run(raw, e.as_ref());
                let mut text = format!("{a:?}");
                for f in &a.findings {
                    text.push_str(&f.message);
                }
                if let Some(err) = &a.error {
                    text.push_str(&err.to_string());
                }
                assert_eq!(leaks(raw, &text), Vec::<String>::new(), "{}", &raw[..20]);
            }
        }
    }
}
