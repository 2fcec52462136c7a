//! The rules that rank causes from the facts.
//!
//! Each rule reads [`Facts`] and adds candidates with a score (0–100) and the evidence
//! they rest on. Two sources feed the ranking, and they are kept apart:
//!
//! * **Observed evidence** — what the service, the SDK or Entra ID actually said
//!   ([`crate::diag::read::evidence`]). It decides *which layer* failed and outranks everything else.
//! * **Input shapes** — what the endpoint, credential, token and other fields look like.
//!   Inside an observed failure they pick the most specific cause (a 401 "invalid key"
//!   plus a key with a trailing newline is `key-malformed`); on their own they rank
//!   causes with at most medium confidence.
//!
//! Evidence that proves authentication worked (a 2xx, `DeploymentNotFound`, a 429, a
//! 400 validation error) removes the auth causes that input shapes suggest. A browser
//! failure with no status never ranks an auth cause by itself.
//!
//! Scores map to confidence: ≥ 85 high, ≥ 60 medium, otherwise low. A problem verdict
//! needs a candidate of at least [`PROBLEM_SCORE`]. An `ok` verdict needs proof that auth
//! works (a 2xx, or a validation error with nothing else wrong), or no evidence at all
//! and inputs without an error-level finding; any other status (a 3xx, status 0) is
//! inconclusive.

use crate::diag::known::causes::CauseId;
use crate::diag::known::key_shapes::{
    PlaceholderPattern, KEY_PREFIXES, OPENAI_MARKER, PLACEHOLDERS,
};
use crate::diag::known::signatures::SIGNATURES;
use crate::diag::rank::{fixes, tier};
use crate::diag::read::credential::{is_guid, Damage, OpenAiKeyKind, Shape};
use crate::diag::read::endpoint::{HostKind, PathShape};
use crate::diag::read::evidence::{EchoFit, KeyEcho, Signature as S};
use crate::diag::read::inputs::{ApiVersionStatus, AuthHeader};
use crate::diag::read::sent::Holds;
use crate::diag::read::token::{AudienceFit, TimeStatus, TokenAnalysis, TokenKind};
use crate::diag::report::{Field, RankedCause, Report, Severity, Verdict};
use crate::diag::{parse::time, Facts};

/// The lowest score that makes a verdict `problem`.
pub const PROBLEM_SCORE: u8 = tier::PROBLEM;

/// Where a candidate's support comes from.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Basis {
    Observed,
    Inputs,
}

struct Candidate {
    id: CauseId,
    score: u8,
    title: Option<String>,
    evidence: Vec<String>,
    observed: bool,
    inputs: bool,
}

/// The candidates collected so far.
#[derive(Default)]
struct Ranking {
    cands: Vec<Candidate>,
}

impl Ranking {
    fn add(&mut self, id: CauseId, score: u8, basis: Basis, evidence: impl Into<String>) {
        self.add_titled(id, score, basis, None, evidence);
    }

    fn add_titled(
        &mut self,
        id: CauseId,
        score: u8,
        basis: Basis,
        title: Option<String>,
        evidence: impl Into<String>,
    ) {
        let evidence = evidence.into();
        let c = match self.cands.iter_mut().position(|c| c.id == id) {
            Some(i) => &mut self.cands[i],
            None => {
                self.cands.push(Candidate {
                    id,
                    score: 0,
                    title: None,
                    evidence: Vec::new(),
                    observed: false,
                    inputs: false,
                });
                self.cands.last_mut().expect("just pushed")
            }
        };
        if score > c.score {
            c.score = score;
            if title.is_some() {
                c.title = title;
            }
        } else if c.title.is_none() {
            c.title = title;
        }
        if !evidence.is_empty() && !c.evidence.contains(&evidence) {
            c.evidence.push(evidence);
        }
        match basis {
            Basis::Observed => c.observed = true,
            Basis::Inputs => c.inputs = true,
        }
    }

    fn has(&self, id: CauseId, min: u8) -> bool {
        self.cands.iter().any(|c| c.id == id && c.score >= min)
    }

    fn best(&self) -> u8 {
        self.cands.iter().map(|c| c.score).max().unwrap_or(0)
    }
}

/// Where an observed hit was seen, for evidence lines.
fn place(f: &Facts, s: S) -> String {
    match f.evidence.hit(s) {
        Some(h) => {
            let at = match (h.field, h.line) {
                (Field::ErrorText, Some(n)) => format!("error output, line {n}"),
                (Field::ErrorText, None) => "error output".to_string(),
                _ => match f.evidence.status {
                    Some(st) => format!("response {st}"),
                    None => "response".to_string(),
                },
            };
            if h.excerpt.is_empty() {
                at
            } else {
                format!("{at}: \"{}\"", h.excerpt)
            }
        }
        None => "the observed response".to_string(),
    }
}

// ---------------------------------------------------------------------------------
// Small readings of the facts.
// ---------------------------------------------------------------------------------

fn shape<'a>(f: &'a Facts) -> Option<&'a Shape> {
    f.credential.as_ref().map(|c| &c.shape)
}

fn damage<'a>(f: &'a Facts) -> &'a [Damage] {
    f.credential.as_ref().map_or(&[], |c| c.damage.as_slice())
}

fn cred_is_jwt(f: &Facts) -> bool {
    matches!(shape(f), Some(Shape::Jwt | Shape::Jwe))
}

/// An Azure key, or a value that could be a key of a shape not listed (one run of
/// letters, digits, `-` and `_`, 16 or more long).
fn key_like(f: &Facts) -> bool {
    match shape(f) {
        Some(Shape::AzureKey32 | Shape::AzureKey84) => true,
        Some(Shape::Unknown) => f.credential.as_ref().is_some_and(|c| {
            let v = c.cleaned.expose();
            v.len() >= 16
                && v.bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
        }),
        _ => false,
    }
}

/// A value of no known shape that cannot be a key either (dots, spaces, slashes).
fn opaque_non_key(f: &Facts) -> bool {
    matches!(shape(f), Some(Shape::Unknown)) && !key_like(f)
}

/// C11: an OpenAI project without access to the model. The key worked, and no cause
/// of the taxonomy fits (the model name is right), so none is ranked: for auth, `ok`.
/// C11: the OpenAI project cannot use the model. OpenAI says so, or it says that a model
/// that exists (a known model id, sent to api.openai.com) "does not exist": the model is
/// not visible to this project or account. Either way the key was accepted.
fn project_lacks_model(f: &Facts) -> bool {
    let ev = &f.evidence;
    !ev.has(S::AzureDeploymentNotFound)
        && (ev.has(S::OpenAiProjectNoModelAccess)
            || (ev.has(S::OpenAiModelNotFound)
                && is_openai(f)
                && f.deployment.looks_like_model.is_some()))
}

fn cred_missing(f: &Facts) -> bool {
    matches!(
        shape(f),
        None | Some(Shape::Empty) | Some(Shape::Placeholder(_))
    )
}

fn host<'a>(f: &'a Facts) -> Option<&'a HostKind> {
    f.parsed_endpoint().map(|p| &p.kind)
}

/// Hosts of the Azure OpenAI / AI Services data plane itself.
fn is_azure_resource(f: &Facts) -> bool {
    matches!(
        host(f),
        Some(
            HostKind::AzureOpenAi
                | HostKind::CognitiveServices
                | HostKind::FoundryServices
                | HostKind::Regional
                | HostKind::Serverless
        )
    )
}

fn is_gateway(f: &Facts) -> bool {
    matches!(
        host(f),
        Some(HostKind::Apim | HostKind::Custom | HostKind::AzureFronted)
    )
}

fn is_openai(f: &Facts) -> bool {
    matches!(host(f), Some(HostKind::OpenAi))
}

/// The endpoint is a Resource Manager operation, called on purpose (A14).
fn arm_operation(f: &Facts) -> bool {
    f.parsed_endpoint()
        .is_some_and(|p| crate::diag::known::hosts::is_arm_operation(&p.host, &p.path))
}

fn is_v1_path(f: &Facts) -> bool {
    f.parsed_endpoint()
        .is_some_and(|p| p.path_shape == PathShape::V1)
}

fn describe_shape(s: &Shape) -> String {
    match s {
        Shape::Empty => "empty".into(),
        Shape::Placeholder(p) => format!("a placeholder ({p}), not a key"),
        Shape::AzureKey32 => "an Azure key (32 hex characters)".into(),
        Shape::AzureKey84 => "an Azure key (84 characters)".into(),
        Shape::Guid => {
            "a GUID — a subscription, tenant, client or secret id, never an Azure OpenAI key".into()
        }
        Shape::Jwt => "an Entra ID token (JWT)".into(),
        Shape::Jwe => "an encrypted token (JWE)".into(),
        Shape::OpenAi(OpenAiKeyKind::Admin) => "an OpenAI admin key (sk-admin-)".into(),
        Shape::OpenAi(_) => "an OpenAI key (sk-…)".into(),
        Shape::OtherVendor(v) => format!("a {v} key"),
        Shape::ClientSecret => "a Microsoft Entra client secret value, which gets a token from Entra ID and is never a key for the service".into(),
        Shape::Url => "a URL, not a key".into(),
        Shape::Prose => "words, not a key".into(),
        Shape::Unknown => "not a recognised key shape".into(),
    }
}

/// The credential's shape is of another provider for this endpoint.
fn wrong_provider(f: &Facts) -> Option<String> {
    let s = shape(f)?;
    let foreign_everywhere = matches!(
        s,
        Shape::Guid | Shape::Url | Shape::Prose | Shape::OtherVendor(_)
    );
    // Without an endpoint, the answer says who was called: Azure's A1/A2/A4 bodies or
    // OpenAI's C-family errors.
    let unknown_host = host(f).is_none();
    let azure_answered = unknown_host
        && [
            S::AzureInvalidKey,
            S::AzureTokenRejected,
            S::AzurePermissionDenied,
        ]
        .into_iter()
        .any(|sig| f.evidence.has(sig));
    let openai_answered = unknown_host
        && [S::OpenAiInvalidKey, S::OpenAiMissingKey]
            .into_iter()
            .any(|sig| f.evidence.has(sig));
    let bad = if is_openai(f) || openai_answered {
        foreign_everywhere || matches!(s, Shape::AzureKey32 | Shape::AzureKey84)
    } else if is_azure_resource(f) || matches!(host(f), Some(HostKind::Apim)) || azure_answered {
        foreign_everywhere || matches!(s, Shape::OpenAi(_))
    } else {
        foreign_everywhere
    };
    bad.then(|| {
        let target = match host(f) {
            Some(HostKind::OpenAi) => "api.openai.com",
            Some(HostKind::Apim) => "an API Management gateway",
            Some(_) if is_azure_resource(f) => "an Azure resource",
            None if openai_answered => "OpenAI (its answer says so)",
            None if azure_answered => "Azure (its answer says so)",
            _ => "this endpoint",
        };
        format!("credential: {} — sent to {target}", describe_shape(s))
    })
}

fn damage_text(d: &Damage) -> &'static str {
    match d {
        Damage::LeadingWhitespace => "whitespace before the key",
        Damage::TrailingWhitespace => "whitespace after the key",
        Damage::TrailingNewline => "a line break at the end",
        Damage::InnerWhitespace => "whitespace or a line break inside the key",
        Damage::Quotes => "quotes around or in the key",
        Damage::SmartQuotes => "typographic quotes (“ ”) around or in the key",
        Damage::Invisible => "invisible characters (zero-width, BOM)",
        Damage::NonBreakingSpace => "a non-breaking space",
        Damage::BearerPrefix { .. } => "a `Bearer ` prefix inside the value",
        Damage::HeaderNamePrefix => "a header name pasted with the value",
        Damage::VariableAssignment => "a variable assignment (`NAME=`) pasted with the value",
        Damage::Truncated => "it looks cut short",
        Damage::NonAscii => "non-ASCII characters",
    }
}

fn damage_evidence(f: &Facts) -> Option<String> {
    let d = damage(f);
    if d.is_empty() {
        return None;
    }
    let parts: Vec<&str> = d.iter().map(damage_text).collect();
    Some(format!("credential: {}", parts.join("; ")))
}

/// Damage that breaks a JWT in a Bearer header: anything but a lone `Bearer ` prefix
/// (which the app would send as `Bearer Bearer …`, itself broken).
fn token_damage(f: &Facts) -> Option<String> {
    damage_evidence(f)
}

/// The token the app sends, when it sends one.
fn token<'a>(f: &'a Facts) -> Option<&'a TokenAnalysis> {
    f.token.as_ref()
}

fn token_decoded(t: &TokenAnalysis) -> bool {
    t.decoded.as_ref().is_some_and(|d| !d.claims.is_empty())
}

fn token_where(t: &TokenAnalysis) -> &'static str {
    match t.field {
        Field::Token => "token",
        _ => "credential",
    }
}

fn kind_text(k: &TokenKind) -> String {
    match k {
        TokenKind::CognitiveServices(_) => "Azure AI Services (cognitiveservices)".into(),
        TokenKind::AiAzure => "Azure AI Foundry (https://ai.azure.com)".into(),
        TokenKind::Arm => "Azure Resource Manager".into(),
        TokenKind::Graph => "Microsoft Graph".into(),
        TokenKind::IdToken => "an ID token (sign-in), not an access token".into(),
        TokenKind::ScopedToken => {
            "a Cognitive Services issueToken token (urn:ms.scopedToken)".into()
        }
        TokenKind::AzureMl => "Azure Machine Learning".into(),
        TokenKind::OtherService(s) => format!("another service ({s})"),
        TokenKind::OwnApi(s) => format!("an application's own API ({s})"),
        TokenKind::Unknown => "an unknown audience".into(),
    }
}

// ---------------------------------------------------------------------------------
// Rules on the token and the credential (input shapes). `basis` says whether an
// observed failure backs them.
// ---------------------------------------------------------------------------------

/// Token problems, most specific first. Returns true when any was found.
fn token_rules(f: &Facts, r: &mut Ranking, base: u8) -> bool {
    let Some(t) = token(f) else { return false };
    let w = token_where(t);
    let mut found = false;
    let basis = if base >= 85 {
        Basis::Observed
    } else {
        Basis::Inputs
    };
    if !token_decoded(t) {
        let why = t
            .error
            .as_ref()
            .map_or_else(|| "it does not decode".to_string(), |e| e.to_string());
        r.add(CauseId::TokenMalformed, base, basis, format!("{w}: {why}"));
        return true;
    }
    if f.credential
        .as_ref()
        .is_some_and(|_| t.field == Field::Credential)
    {
        let bearer = damage(f)
            .iter()
            .any(|d| matches!(d, Damage::BearerPrefix { .. }));
        if bearer && f.auth_header != AuthHeader::ApiKey {
            r.add(
                CauseId::TokenMalformed,
                base,
                basis,
                "credential: starts with `Bearer `, so the header goes out as `Bearer Bearer …`",
            );
            found = true;
        } else if let Some(d) = token_damage(f) {
            r.add(CauseId::TokenMalformed, base.saturating_sub(5), basis, d);
            found = true;
        }
        if damage(f).contains(&Damage::Truncated) {
            r.add(
                CauseId::TokenMalformed,
                base,
                basis,
                "credential: the token is cut short",
            );
            found = true;
        }
    }
    found |= token_time_rules(f, t, r, base, basis);
    found |= token_audience_rules(f, t, r, base, basis);
    if t.consumer_tenant || t.issuer_tenant_mismatch {
        let why = if t.consumer_tenant {
            "issued by the personal Microsoft account (MSA) tenant, which cannot hold Azure role assignments"
        } else {
            "the issuer's tenant differs from the tid claim"
        };
        r.add(
            CauseId::TokenWrongTenant,
            base.saturating_sub(2),
            basis,
            format!("{w}: {why}"),
        );
        found = true;
    }
    if matches!(host(f), Some(HostKind::Regional)) {
        r.add(
            CauseId::RegionalEndpointToken,
            base,
            basis,
            "endpoint: a regional endpoint, which does not accept Entra ID tokens",
        );
        found = true;
    }
    found
}

/// The token's times: expired, or not valid yet (3.4, 3.6).
fn token_time_rules(f: &Facts, t: &TokenAnalysis, r: &mut Ranking, base: u8, basis: Basis) -> bool {
    let w = token_where(t);
    let mut found = false;
    match t.time {
        Some(TimeStatus::Expired { ago }) => {
            r.add(
                CauseId::TokenExpired,
                base,
                basis,
                format!(
                    "{w}: expired {} ago (exp {}), judged at {}",
                    time::human_duration(ago),
                    t.claims.exp.map(time::format_rfc3339).unwrap_or_default(),
                    time::format_rfc3339(f.now)
                ),
            );
            found = true;
        }
        Some(TimeStatus::NotYetValid { starts_in }) => {
            r.add(
                CauseId::TokenNotYetValid,
                base.saturating_sub(3),
                basis,
                format!(
                    "{w}: valid only from {} ({} after {})",
                    t.claims
                        .nbf
                        .or(t.claims.iat)
                        .map(time::format_rfc3339)
                        .unwrap_or_default(),
                    time::human_duration(starts_in),
                    time::format_rfc3339(f.now)
                ),
            );
            found = true;
        }
        _ => {}
    }
    found
}

/// What the token is for, against the endpoint: another cloud, another audience (3.1, 3.2).
fn token_audience_rules(
    f: &Facts,
    t: &TokenAnalysis,
    r: &mut Ranking,
    base: u8,
    basis: Basis,
) -> bool {
    let w = token_where(t);
    let mut found = false;
    let endpoint_cloud = f.parsed_endpoint().and_then(|p| p.cloud);
    let cloud_differs = fixes::token_cloud_differs(&t.kind, endpoint_cloud)
        || matches!((t.cloud, endpoint_cloud), (Some(a), Some(b)) if a != b);
    if cloud_differs {
        r.add(
            CauseId::TokenWrongCloud,
            base,
            basis,
            format!(
                "{w}: issued for the {:?} cloud, but the endpoint is in the {:?} cloud",
                t.cloud
                    .or(match t.kind {
                        TokenKind::CognitiveServices(c) => Some(c),
                        _ => None,
                    })
                    .map_or("public".to_string(), |c| format!("{c:?}")),
                endpoint_cloud.map_or("public".to_string(), |c| format!("{c:?}"))
            )
            .replace('"', ""),
        );
        found = true;
    } else if let AudienceFit::Mismatch { expected } = &t.audience_fit {
        r.add(
            CauseId::TokenAudience,
            base,
            basis,
            format!(
                "{w}: audience is {} ({}), but this endpoint needs {expected}",
                kind_text(&t.kind),
                t.claims.aud.join(", ")
            ),
        );
        found = true;
    } else if matches!(
        t.kind,
        TokenKind::Arm
            | TokenKind::Graph
            | TokenKind::IdToken
            | TokenKind::ScopedToken
            | TokenKind::OtherService(_)
    ) && t.audience_fit != AudienceFit::Fits
    {
        // Behind a gateway the fit is unknown, but these audiences never reach Azure OpenAI.
        r.add(
            CauseId::TokenAudience,
            base.saturating_sub(10),
            basis,
            format!("{w}: audience is {}", kind_text(&t.kind)),
        );
        found = true;
    }
    found
}

/// Key problems from the credential's shape and damage.
fn key_rules(f: &Facts, r: &mut Ranking, base: u8) {
    let Some(c) = &f.credential else { return };
    let basis = if base >= 85 {
        Basis::Observed
    } else {
        Basis::Inputs
    };
    if cred_missing(f) {
        r.add(
            CauseId::KeyMissing,
            base,
            basis,
            format!("credential: {}", describe_shape(&c.shape)),
        );
        return;
    }
    if let Shape::OpenAi(OpenAiKeyKind::Admin) = c.shape {
        if !is_azure_resource(f) {
            r.add(
                CauseId::OpenaiAdminKey,
                base.max(75),
                basis,
                "credential: an admin key (sk-admin-), which reaches only the Administration API",
            );
        }
    }
    let wrong = wrong_provider(f);
    let other_provider = wrong.is_some();
    if let Some(e) = wrong {
        r.add(CauseId::KeyWrongProvider, base, basis, e);
    }
    if cred_is_jwt(f) {
        return;
    }
    if let Some(d) = damage_evidence(f) {
        // Damage matters more than the key's kind, except when the key is another
        // provider's: then even an undamaged copy would fail here (A1 cause 2), so the
        // provider leads and the damage comes second.
        let score = if other_provider {
            base.saturating_sub(5)
        } else {
            base.saturating_add(3).min(99)
        };
        r.add(CauseId::KeyMalformed, score, basis, d);
    }
}

/// The app sends the credential in a key header (`api-key`, or a gateway's
/// `Ocp-Apim-Subscription-Key`): said so, or implied by a client that sends `api_key=`
/// only as `api-key` (openai-python ≥ 2.34.0, `auth-failures.md` 8.1).
fn sends_in_key_header(f: &Facts) -> bool {
    matches!(
        f.auth_header,
        AuthHeader::ApiKey | AuthHeader::ApimSubscription
    ) || (f.auth_header == AuthHeader::Auto
        && f.client.as_ref().is_some_and(|c| c.sends_api_key_only()))
}

/// The credential goes in the wrong header for this endpoint.
fn header_rules(f: &Facts, r: &mut Ranking, base: u8) {
    let basis = if base >= 85 {
        Basis::Observed
    } else {
        Basis::Inputs
    };
    let jwt = cred_is_jwt(f);
    if jwt && sends_in_key_header(f) {
        let name = if f.auth_header == AuthHeader::ApimSubscription {
            "Ocp-Apim-Subscription-Key"
        } else {
            "api-key"
        };
        let mut ev = format!("credential: an Entra ID token, sent in the `{name}` header");
        if f.client.as_ref().is_some_and(|c| c.sends_api_key_only()) {
            ev.push_str("; openai-python ≥ 2.34.0 sends `api_key=` only as `api-key` (#3282)");
        }
        r.add(CauseId::TokenInApiKey, base, basis, ev);
        return;
    }
    if f.credential.is_none() || cred_missing(f) {
        return;
    }
    // A header name neither Azure OpenAI nor OpenAI reads (5.3): the service never sees
    // the credential, whatever it is. A gateway may have been set up with that name.
    if f.auth_header == AuthHeader::Other && (is_azure_resource(f) || is_openai(f)) {
        let reads = if is_openai(f) {
            "OpenAI reads the key only from `Authorization: Bearer`"
        } else {
            "Azure OpenAI reads `api-key` (keys) and `Authorization: Bearer` (tokens) only"
        };
        r.add(
            CauseId::AuthHeaderWrong,
            base,
            basis,
            format!(
                "auth_header: the credential goes in a header the service does not read; {reads}"
            ),
        );
        return;
    }
    if jwt {
        return;
    }
    let is_key = key_like(f);
    match f.auth_header {
        AuthHeader::Authorization if is_azure_resource(f) && is_key && !is_v1_path(f) => r.add(
            CauseId::AuthHeaderWrong,
            base,
            basis,
            "auth_header: an Azure key sent as `Authorization: Bearer` (classic paths read keys only from `api-key`)",
        ),
        AuthHeader::ApiKey | AuthHeader::ApimSubscription if is_openai(f) => r.add(
            CauseId::AuthHeaderWrong,
            base,
            basis,
            "auth_header: OpenAI reads the key from `Authorization: Bearer`, not `api-key`",
        ),
        AuthHeader::Authorization if matches!(host(f), Some(HostKind::Apim)) && is_key => r.add(
            CauseId::AuthHeaderWrong,
            base.saturating_sub(10),
            basis,
            "auth_header: a key sent as `Authorization: Bearer` to a gateway, which reads subscription keys from its own header",
        ),
        _ => {}
    }
}

/// Endpoint, api-version and path problems visible in the inputs.
fn endpoint_rules(f: &Facts, r: &mut Ranking, base: u8) {
    let basis = if base >= 85 {
        Basis::Observed
    } else {
        Basis::Inputs
    };
    if let Some(e) = &f.endpoint {
        if e.is_invalid() {
            let msgs: Vec<&str> = e
                .findings
                .iter()
                .filter(|x| x.severity == crate::diag::report::Severity::Error)
                .map(|x| x.message.as_str())
                .collect();
            // A whole request URL only hurts when an SDK appends its own path to it.
            let request_url_only =
                e.parsed.as_ref().is_some_and(|p| p.is_request_url) && msgs.len() == 1;
            let curl = f
                .client
                .as_ref()
                .is_some_and(|c| c.library == crate::diag::read::inputs::Library::Curl);
            if !(request_url_only && curl) {
                r.add(
                    CauseId::EndpointInvalid,
                    base,
                    basis,
                    format!("endpoint: {}", msgs.join("; ")),
                );
            }
        }
    }
    if let ApiVersionStatus::Malformed(what) = &f.api_version.status {
        r.add(
            CauseId::ApiVersionInvalid,
            base.saturating_sub(5),
            basis,
            format!("api_version: {what}"),
        );
    }
    if f.api_version.status == ApiVersionStatus::NotReal {
        r.add(
            CauseId::ApiVersionInvalid,
            base.saturating_sub(5),
            basis,
            "api_version: never a real api-version (404 Resource not found, A7)",
        );
    }
    if matches!(f.api_version.status, ApiVersionStatus::Retired) {
        r.add(
            CauseId::ApiVersionInvalid,
            base.saturating_sub(15),
            basis,
            "api_version: a preview that was retired",
        );
    }
}

// ---------------------------------------------------------------------------------
// Rules on observed evidence.
// ---------------------------------------------------------------------------------

/// Everything the observed messages say. Returns true when the evidence proves that
/// authentication succeeded.
/// What the service, the SDK or Entra ID said, rule by rule, grouped by who said it.
/// Returns true when an answer shows that authentication worked.
fn observed_rules(f: &Facts, r: &mut Ranking) -> bool {
    let mut auth_ok = pointed_causes(f, r);
    azure_key_refused(f, r);
    azure_token_refused(f, r);
    auth_ok |= azure_answers_after_auth(f, r);
    azure_other_answers(f, r);
    apim_answers(f, r);
    openai_answers(f, r);
    entra_answers(f, r);
    let ev = &f.evidence;
    auth_ok || ev.has(S::Success) || ev.has(S::ValidationError)
}

/// A1: Azure OpenAI refused the key. The most specific input explanation wins.
fn azure_key_refused(f: &Facts, r: &mut Ranking) {
    let ev = &f.evidence;
    let o = Basis::Observed;
    // Azure OpenAI: invalid key (A1). The most specific input explanation wins.
    if ev.has(S::AzureInvalidKey) || (ev.has(S::ApimInvalidKey) && !is_gateway(f)) {
        let sig = if ev.has(S::AzureInvalidKey) {
            S::AzureInvalidKey
        } else {
            S::ApimInvalidKey
        };
        let at = place(f, sig);
        let before = r.best();
        header_rules(f, r, 96);
        key_rules(f, r, 95);
        if cred_is_jwt(f) && !r.has(CauseId::TokenInApiKey, 90) {
            // A JWT answered with the key message: the service read it as a key.
            r.add(
                CauseId::TokenInApiKey,
                90,
                o,
                "credential: an Entra ID token, but the service answered as to a key",
            );
        }
        if matches!(shape(f), Some(Shape::AzureKey32 | Shape::AzureKey84)) || r.best() == before {
            let s = if r.best() > before { 60 } else { 88 };
            r.add(CauseId::KeyInvalid, s, o, at.clone());
            if let Some(e) = &f.endpoint {
                if e.is_invalid() {
                    r.add(CauseId::EndpointInvalid, 80, o, "the message also says \"or wrong API endpoint\", and the endpoint is not a usable base URL");
                }
            }
        }
        for c in r.cands.iter_mut().filter(|c| c.observed || c.score >= 90) {
            if !c.evidence.contains(&at) {
                c.evidence.push(at.clone());
            }
        }
    }
}

/// A2: Azure OpenAI refused the bearer credential (or named a scoped-token audience).
fn azure_token_refused(f: &Facts, r: &mut Ranking) {
    let ev = &f.evidence;
    let o = Basis::Observed;
    // Azure OpenAI: token rejected (A2), or a scoped-token audience.
    if ev.has(S::AzureTokenRejected) || ev.has(S::AzureScopedTokenRejected) {
        let sig = if ev.has(S::AzureTokenRejected) {
            S::AzureTokenRejected
        } else {
            S::AzureScopedTokenRejected
        };
        let at = place(f, sig);
        let before = r.best();
        if cred_missing(f) && f.credential.is_some() {
            key_rules(f, r, 92);
        } else if opaque_non_key(f) {
            // Neither a token nor a key: the app sends something else where the token
            // belongs (an object's type name, a path, a wrapper), 3.5 "not a JWT".
            r.add(CauseId::TokenMalformed, 90, o, "credential: neither a JWT nor a key — the app sends something other than the token string (an object's name such as `System.Security.SecureString`, a file name, a wrapper around the token)");
        } else if f.credential.is_some() && !cred_is_jwt(f) {
            // A2 cause 1: a key sent as a bearer token on a classic path.
            if is_v1_path(f) {
                r.add(CauseId::KeyInvalid, 70, o, "credential: a key sent as Bearer on the v1 API, which accepts keys there; the key itself is likely wrong");
                r.add(
                    CauseId::AuthHeaderWrong,
                    60,
                    o,
                    "credential: not a token; the classic paths read keys only from `api-key`",
                );
            } else {
                r.add(
                    CauseId::AuthHeaderWrong,
                    95,
                    o,
                    format!("credential: {} — a key, where the service expected an Entra ID token in `Authorization: Bearer`", describe_shape(shape(f).unwrap_or(&Shape::Unknown))),
                );
            }
            key_rules(f, r, 80);
        } else if token(f).is_some() {
            token_rules(f, r, 95);
            if ev.has(S::AzureScopedTokenRejected) {
                r.add(CauseId::TokenAudience, 80, o, "the service names the scoped-token audience: the token is for another service or came through the wrong transport");
            }
        }
        if r.best() == before {
            // Nothing in the inputs explains it: rank the usual suspects, low.
            if token(f).is_some() {
                r.add(CauseId::TokenWrongTenant, 55, o, "the token decodes and fits the endpoint; the remaining explanation is a tenant other than the resource's (compare tid with the resource's tenant)");
                r.add(
                    CauseId::TokenExpired,
                    45,
                    o,
                    "or the app sends an older token than the one pasted here",
                );
            } else {
                sovereign_audience_expected(f, r, &at);
                unexplained_a2(f, r, &at);
            }
        }
        for c in r.cands.iter_mut().filter(|c| c.score >= 85) {
            if !c.evidence.contains(&at) {
                c.evidence.push(at.clone());
            }
        }
    }
}

/// A4, A6, A7: answers that come after the credential was accepted (a missing role, a
/// missing deployment, a wrong path or api-version). Returns true when one was seen.
fn azure_answers_after_auth(f: &Facts, r: &mut Ranking) -> bool {
    let ev = &f.evidence;
    let o = Basis::Observed;
    let mut auth_ok = false;
    if ev.has(S::AzurePermissionDenied) {
        let mut e = place(f, S::AzurePermissionDenied);
        if let Some(oid) = token(f).and_then(|t| t.claims.oid.as_deref()) {
            e.push_str(&format!(
                " — grant a role to the token's principal, oid {oid}"
            ));
        }
        r.add(CauseId::RbacMissingRole, 96, o, e);
        if f.credential.is_some() && !cred_is_jwt(f) && !cred_missing(f) {
            r.add(CauseId::KeyMissing, 55, o, "a key is configured, yet the service judged a token: the key variable was probably not loaded and the SDK fell back to Entra ID");
        }
        auth_ok = true;
    }
    if project_lacks_model(f) {
        auth_ok = true;
    } else if ev.has(S::AzureDeploymentNotFound) || ev.has(S::OpenAiModelNotFound) {
        let sig = if ev.has(S::AzureDeploymentNotFound) {
            S::AzureDeploymentNotFound
        } else {
            S::OpenAiModelNotFound
        };
        r.add(
            CauseId::DeploymentNotFound,
            95,
            o,
            format!("{} — authentication worked", place(f, sig)),
        );
        if let Some(m) = &f.deployment.looks_like_model {
            r.add(
                CauseId::DeploymentNotFound,
                96,
                o,
                format!(
                    "deployment: `{m}` is a model name; deployments usually have their own names"
                ),
            );
        }
        auth_ok = true;
    }
    if ev.has(S::AzureResourceNotFound) {
        let at = place(f, S::AzureResourceNotFound);
        let doubled = f
            .parsed_endpoint()
            .is_some_and(|p| p.is_request_url || p.path_shape == PathShape::OpenAiStyleV1);
        // Judged as sent (A7, 6.2): a version with whitespace or a control character
        // around it is not the version the service knows, however valid its core.
        let padded = f.api_version.padded
            && !matches!(
                f.api_version.status,
                ApiVersionStatus::Missing | ApiVersionStatus::Malformed(_)
            );
        let version_valid = !padded
            && match f.api_version.status {
                ApiVersionStatus::Ga | ApiVersionStatus::Preview => true,
                ApiVersionStatus::V1 | ApiVersionStatus::Missing => is_v1_path(f),
                _ => false,
            };
        match &f.api_version.status {
            _ if padded => r.add(
                CauseId::ApiVersionInvalid,
                93,
                o,
                format!(
                    "{at}; api_version: sent as `api-version={}`, with whitespace or a control character the service does not strip",
                    crate::diag::read::inputs::api_version_as_sent(f.api_version.value.as_deref().unwrap_or(""))
                ),
            ),
            ApiVersionStatus::Malformed(w) => r.add(
                CauseId::ApiVersionInvalid,
                94,
                o,
                format!("{at}; api_version: {w}"),
            ),
            ApiVersionStatus::NotReal => r.add(
                CauseId::ApiVersionInvalid,
                94,
                o,
                format!("{at}; api_version: never a real version"),
            ),
            ApiVersionStatus::Retired | ApiVersionStatus::Unknown => r.add(
                CauseId::ApiVersionInvalid,
                85,
                o,
                format!("{at}; api_version is not a current version"),
            ),
            ApiVersionStatus::Missing if !is_v1_path(f) && !doubled => r.add(
                CauseId::ApiVersionInvalid,
                80,
                o,
                format!("{at}; no api-version was given, and classic paths require one"),
            ),
            _ => {}
        }
        if doubled {
            r.add(CauseId::EndpointInvalid, 93, o, format!("{at}; the endpoint already holds a request path, so the SDK's path is appended to it"));
            r.add(CauseId::PathNotFound, 88, o, "the request path was doubled");
        } else if version_valid {
            r.add(
                CauseId::PathNotFound,
                70,
                o,
                format!("{at} — with a valid api-version, the path itself is wrong"),
            );
        } else {
            r.add(
                CauseId::PathNotFound,
                60,
                o,
                format!("{at} — or the path itself is wrong, once the api-version is fixed"),
            );
        }
        auth_ok = true;
    }
    auth_ok
}

/// A9 and A14: a regional endpoint that wants a key, and Resource Manager answering.
fn azure_other_answers(f: &Facts, r: &mut Ranking) {
    let ev = &f.evidence;
    let o = Basis::Observed;
    if ev.has(S::AzureProvideAuthKey) {
        let at = place(f, S::AzureProvideAuthKey);
        if cred_is_jwt(f)
            || (f.credential.is_none() && token(f).is_some())
            || matches!(host(f), Some(HostKind::Regional))
                && f.auth_header == AuthHeader::Authorization
        {
            r.add(CauseId::RegionalEndpointToken, 95, o, at);
        } else {
            r.add(CauseId::KeyMissing, 70, o, at);
        }
    }
    if ev.has(S::ArmWrongAudience) {
        // A14: Resource Manager names the audiences it accepts. Called on purpose (an ARM
        // operation), the token is for the wrong audience; a data-plane call that ended
        // up at Resource Manager has the wrong endpoint instead.
        let at = place(f, S::ArmWrongAudience);
        if arm_operation(f) {
            r.add(
                CauseId::TokenAudience,
                92,
                o,
                format!("{at} — Resource Manager answered: this control-plane call needs a token for Resource Manager"),
            );
        } else {
            r.add(
                CauseId::TokenAudience,
                75,
                o,
                format!("{at} — this is Azure Resource Manager answering, not the data plane"),
            );
            r.add(CauseId::EndpointInvalid, 60, o, "the call went to Resource Manager (management.azure.com), not to the resource's endpoint");
        }
    }
}

/// B1–B4: API Management gateways.
fn apim_answers(f: &Facts, r: &mut Ranking) {
    let ev = &f.evidence;
    let o = Basis::Observed;
    // API Management gateways (B1–B4).
    if ev.has(S::ApimMissingKey)
        || ev.has(S::ApimMissingCredentials)
        || (ev.has(S::ApimInvalidKey) && is_gateway(f))
    {
        let sig = [
            S::ApimMissingKey,
            S::ApimMissingCredentials,
            S::ApimInvalidKey,
        ]
        .into_iter()
        .find(|s| ev.has(*s))
        .unwrap_or(S::ApimMissingKey);
        let at = place(f, sig);
        let before = r.best();
        header_rules(f, r, 96);
        if !r.has(CauseId::TokenInApiKey, 90) {
            if cred_missing(f) {
                key_rules(f, r, 92);
            } else if f.credential.is_some() {
                if let Some(d) = damage_evidence(f) {
                    r.add(CauseId::KeyMalformed, 93, o, d);
                }
                if let Some(w) = wrong_provider(f) {
                    r.add(CauseId::KeyWrongProvider, 85, o, w);
                }
            }
        }
        if r.best() == before || r.best() < 90 {
            if is_azure_resource(f) && sig == S::ApimMissingKey {
                // openai-python #1527: the Azure front end said this when the key variable was unset.
                r.add(
                    CauseId::KeyMissing,
                    88,
                    o,
                    format!("{at} — no usable key header reached the resource"),
                );
            } else if sig == S::ApimMissingCredentials
                && f.auth_header == AuthHeader::Authorization
                && !cred_is_jwt(f)
            {
                r.add(CauseId::AuthHeaderWrong, 88, o, format!("{at}; the key went out as `Authorization: Bearer`, which the gateway does not read as a subscription key"));
            } else {
                r.add(CauseId::ApimSubscriptionKey, 90, o, at.clone());
            }
        }
        for c in r.cands.iter_mut().filter(|c| c.score >= 85) {
            if !c.evidence.contains(&at) {
                c.evidence.push(at.clone());
            }
        }
    }
    if ev.has(S::ApimJwtRejected) || ev.has(S::ApimJwtNotPresent) {
        apim_validate_jwt(f, r);
    }
}

/// C1 and C9: OpenAI refused the key, or the key lacks a scope.
fn openai_answers(f: &Facts, r: &mut Ranking) {
    let ev = &f.evidence;
    let o = Basis::Observed;
    // OpenAI (C1–C13).
    if ev.has(S::OpenAiInvalidKey) {
        openai_invalid_key(f, r);
    }
    if ev.has(S::OpenAiMissingScopes) {
        let mut e = place(f, S::OpenAiMissingScopes);
        if let Some(s) = &ev.missing_scopes {
            e.push_str(&format!(" — missing: {s}"));
        }
        r.add(CauseId::OpenaiKeyScope, 96, o, e);
    }
    // A 403 from api.openai.com that says nothing more: C6 (the caller's country or
    // region, judged on the egress IP) is the usual one; a project's IP allowlist (C10)
    // answers 403 too. A message would have named either.
    let unexplained = ev
        .hits
        .iter()
        .all(|h| h.signature.row().is_none_or(|row| row.patterns.is_empty()));
    if is_openai(f) && ev.status == Some(403) && unexplained {
        r.add(CauseId::RegionNotSupported, 55, o, "a 403 from api.openai.com with no message: most often the caller's country or region, judged on the egress IP (C6)");
        r.add(
            CauseId::NetworkRestricted,
            40,
            o,
            "or the project allows only some IP addresses (C10)",
        );
    }
}

/// §2: Entra ID refused to issue a token, or a credential chain got none.
fn entra_answers(f: &Facts, r: &mut Ranking) {
    let ev = &f.evidence;
    let o = Basis::Observed;
    // Entra ID and credential chains (§2): the app never got a token.
    if !ev.aadsts.is_empty() || ev.has(S::EntraError) {
        let codes: Vec<String> = ev.aadsts.iter().map(|c| format!("AADSTS{c}")).collect();
        let mut e = place(f, S::EntraError);
        if !codes.is_empty() && !e.contains(&codes[0]) {
            e = format!("{e} ({})", codes.join(", "));
        }
        r.add(CauseId::EntraSignInFailed, 96, o, e);
    }
    for sig in credential_failures(f) {
        let score = if ev.aadsts.is_empty() { 95 } else { 80 };
        r.add(CauseId::CredentialUnavailable, score, o, place(f, sig));
    }
}

/// The causes that known messages point at on their own (`known::signatures::Pointer`): each is a row of
/// `known::signatures`, so a new message of that kind needs no rule here. Returns true
/// when one of them came after authentication succeeded.
fn pointed_causes(f: &Facts, r: &mut Ranking) -> bool {
    let mut auth_worked = false;
    for row in SIGNATURES
        .iter()
        .filter(|row| f.evidence.has(row.signature))
    {
        let Some(p) = row.points_at else { continue };
        let evidence = format!("{}{}", place(f, row.signature), p.note);
        r.add(p.cause, tier::of(p.strength), Basis::Observed, evidence);
        auth_worked |= p.auth_worked;
    }
    auth_worked
}

/// A client version with a known regression (`known::clients::REGRESSIONS`). With an
/// observed refusal (or a client that sent nothing) it explains the failure and leads,
/// unless a more specific cause names the effect (`causes.md` client-known-bug); without
/// one it is only worth knowing.
fn client_rules(f: &Facts, r: &mut Ranking) {
    let Some(client) = &f.client else { return };
    let Some((reg, version)) = client.regression() else {
        return;
    };
    let failed = f.evidence.hits.iter().any(|h| {
        h.signature.refuses_credential()
            || matches!(
                h.signature,
                S::SdkMissingCredentials
                    | S::SdkCouldNotResolveAuth
                    | S::ClientFoundNoKey
                    | S::ClientRejectedKeyFormat
                    | S::OpenAiNoAuthHeader
            )
    }) || f.evidence.status == Some(401);
    let (basis, bug, effect) = if failed {
        (Basis::Observed, tier::NAMES, tier::MEANS)
    } else {
        (Basis::Inputs, tier::HINTS, tier::HINTS)
    };
    let evidence = format!(
        "client: {} {version} {} — a known defect ({}); move to {}",
        client.name, reg.effect, reg.source, reg.fixed
    );
    match reg.names_effect {
        Some(cause) => {
            r.add(cause, effect, basis, evidence.clone());
            r.add(
                CauseId::ClientKnownBug,
                effect.saturating_sub(6),
                basis,
                evidence,
            );
        }
        None => r.add(CauseId::ClientKnownBug, bug, basis, evidence),
    }
}

/// The messages that say the app got no token, as far as they are the last word.
///
/// A credential chain (DefaultAzureCredential, ChainedTokenCredential) tries its links
/// in turn and logs each one that is "…unavailable": per 2.1 that "means that link of
/// the chain was not configured, not that it was wrong". Inside a chain only its final
/// line ("failed to retrieve a token from the included credentials") is a failure; a
/// link's message is one only when it is the credential the app used on its own. And
/// "if the chain *did* get a token … you get A2 or A4 instead": a later line saying a
/// token was acquired, or an answer that comes only after a token was accepted (A4,
/// A6–A8, a 429, a 2xx), supersedes the failure.
fn credential_failures(f: &Facts) -> Vec<S> {
    let ev = &f.evidence;
    // A hit's place in time: the line of the pasted text; the response comes last.
    let at = |h: &crate::diag::read::evidence::Hit| match h.field {
        Field::ErrorText => h.line.unwrap_or(0),
        _ => usize::MAX,
    };
    let chain = f.case.error_text.as_deref().is_some_and(|t| {
        let t = t.to_ascii_lowercase();
        t.contains("defaultazurecredential") || t.contains("chainedtokencredential")
    });
    let is_failure = |s: S| match s {
        S::DefaultCredentialFailed | S::SdkTokenProviderNotString => true,
        S::ManagedIdentityNotAssigned
        | S::ManagedIdentityUnavailable
        | S::CredentialUnavailable => !chain,
        _ => false,
    };
    let got_token = |s: S| {
        passed_auth(s)
            || matches!(
                s,
                S::CredentialTokenAcquired | S::AzurePermissionDenied | S::AzureResourceNotFound
            )
    };
    let last_token = ev
        .hits
        .iter()
        .filter(|h| got_token(h.signature))
        .map(at)
        .max();
    let mut out: Vec<S> = Vec::new();
    for h in ev.hits.iter().filter(|h| is_failure(h.signature)) {
        let superseded = last_token.is_some_and(|t| t >= at(h));
        if !superseded && !out.contains(&h.signature) {
            out.push(h.signature);
        }
    }
    out
}

/// An API Management validate-jwt failure (B4). The message names the layer, not the
/// reason: a default "JWT not present." means no token reached the policy, and a custom
/// "Invalid Token" covers every failure. Where the inputs say why, that cause leads and
/// `apim-token-rejected` only classifies the layer:
///
/// * a JWT sent in a key header (`api-key`, `Ocp-Apim-Subscription-Key`) never reaches a
///   policy that reads `Authorization` (8.1: "a validate-jwt message (B4) when APIM
///   wanted `Authorization`"): `token-in-api-key`;
/// * a token whose `exp` has passed fails a policy whose clock skew defaults to 0 seconds
///   (B4, 3.6): `token-expired` (and `token-not-yet-valid` likewise);
/// * an audience that can never pass (Graph, ARM, an ID token) stays `token-audience`.
fn apim_validate_jwt(f: &Facts, r: &mut Ranking) {
    let o = Basis::Observed;
    let not_present = f.evidence.has(S::ApimJwtNotPresent);
    let sig = if not_present {
        S::ApimJwtNotPresent
    } else {
        S::ApimJwtRejected
    };
    let at = place(f, sig);
    let mut explained = false;
    let in_key_header = cred_is_jwt(f) && sends_in_key_header(f);
    if in_key_header {
        let why = if not_present {
            "no token reached the gateway's validate-jwt, which reads `Authorization`: the token went in a key header"
        } else {
            "the token went in a key header, where a validate-jwt policy (reading `Authorization` by default) does not look"
        };
        let score = if not_present { 95 } else { 93 };
        r.add(CauseId::TokenInApiKey, score, o, format!("{at} — {why}"));
        header_rules(f, r, score);
        explained = true;
    } else if f.auth_header == AuthHeader::Other && f.credential.is_some() && !cred_missing(f) {
        r.add(
            CauseId::AuthHeaderWrong,
            if not_present { 93 } else { 88 },
            o,
            format!("{at}; the credential goes in a header of another name, and validate-jwt reads `Authorization` by default"),
        );
        explained = true;
    }
    if token(f).is_some_and(token_decoded) {
        let mut sub = Ranking::default();
        token_rules(f, &mut sub, 80);
        let timely = |id: CauseId| matches!(id, CauseId::TokenExpired | CauseId::TokenNotYetValid);
        for c in sub.cands {
            // A token that never reached the policy (none present, or sent in a key
            // header) was not judged on its times; they still need fixing once it does.
            let score = if timely(c.id) && !not_present && !in_key_header {
                explained = true;
                94
            } else {
                c.score.min(80)
            };
            r.add(c.id, score, o, c.evidence.join("; "));
        }
    }
    if not_present && !explained {
        // None reached the policy: the header is empty, named differently, or stripped on
        // the way.
        r.add(CauseId::ApimTokenRejected, 92, o, "the gateway saw no token at all: the app must send `Authorization: Bearer <token>`, and nothing on the way may strip it");
    }
    let layer = if explained { 75 } else { 92 };
    r.add(CauseId::ApimTokenRejected, layer, o, at.clone());
    for c in r.cands.iter_mut().filter(|c| c.score >= 90) {
        if !c.evidence.iter().any(|e| e.starts_with(&at)) {
            c.evidence.push(at.clone());
        }
    }
}

/// OpenAI's invalid-key answer, read together with its echo of the key it got.
fn openai_invalid_key(f: &Facts, r: &mut Ranking) {
    let o = Basis::Observed;
    let at = place(f, S::OpenAiInvalidKey);
    let before = r.best();
    match &f.evidence.echo {
        Some(KeyEcho::Literal(word)) => {
            r.add(
                CauseId::KeyMissing,
                96,
                o,
                format!("{at} — the key sent was the literal text `{word}`: an unset variable"),
            );
        }
        Some(KeyEcho::Masked {
            prefix,
            suffix,
            length,
        }) => {
            let hexish = prefix.chars().all(|c| c.is_ascii_hexdigit())
                && suffix.chars().all(|c| c.is_ascii_hexdigit());
            let lower = prefix.to_ascii_lowercase();
            // Template or quoting characters around an `sk-` key in the echo: the key
            // arrived wrapped (`${…}`, quotes from a Windows `set`, `<…>`), C1 + 5.4.
            let wrapper = |c: char| matches!(c, '$' | '{' | '}' | '"' | '\'' | '`' | '<' | '>');
            let inner = lower.trim_start_matches(wrapper);
            let wrapped = inner.starts_with("sk-")
                && (inner.len() < lower.len() || suffix.ends_with(wrapper));
            if wrapped {
                r.add(
                    CauseId::KeyMalformed,
                    96,
                    o,
                    format!("{at} — OpenAI's echo shows the key arrived with quotes or template characters around it ({length} characters)"),
                );
            }
            let vendor = if wrapped {
                None
            } else if lower.starts_with("sk-or-") {
                Some("an OpenRouter key (sk-or-)")
            } else if lower.starts_with("sk-ant-") {
                Some("an Anthropic key (sk-ant-)")
            } else if lower.starts_with("http") {
                Some("a URL")
            } else if prefix.starts_with("eyJ") && *length > 100 {
                // 5.2: `eyJ…` is a JWT — an Entra ID token, which OpenAI never issues.
                Some("an Entra ID token (a JWT, eyJ…)")
            } else if hexish && (*length == 32 || *length == 84) {
                Some("an Azure resource key (hex, 32 characters)")
            } else if prefix.contains(' ') {
                Some("words (prose)")
            } else if hexish {
                // Every OpenAI key starts `sk-`; a run of hex is another service's key
                // (Azure's 32, OpenRouter's 64 without its `sk-or-v1-` prefix).
                Some("a hexadecimal key of another service (OpenAI keys start with sk-)")
            } else if !lower.starts_with("sk-") && *length < 40 {
                Some("a key of another vendor (no sk- prefix)")
            } else {
                None
            };
            if let Some(v) = vendor {
                r.add(
                    CauseId::KeyWrongProvider,
                    95,
                    o,
                    format!("{at} — OpenAI's echo shows {v}, {length} characters long"),
                );
            }
            if let Some(c) = f.credential.as_ref().filter(|_| !cred_missing(f)) {
                let cleaned_len = c.cleaned.expose().chars().count();
                if !c.damage.is_empty() && *length != cleaned_len {
                    r.add(
                        CauseId::KeyMalformed,
                        95,
                        o,
                        format!("{at} — the key that arrived was {length} characters, the clean key is {cleaned_len}"),
                    );
                }
                // C1: the echo has the length, first 8 and last 4 of the key that arrived.
                // When it is not the pasted key, the app does not send what was pasted
                // (causes.md key-malformed: "masked echo shows an unexpected length").
                match f.evidence.echo.as_ref().and_then(|e| e.fit(c.cleaned.expose())) {
                    Some(EchoFit::CutShort) => r.add(
                        CauseId::KeyMalformed,
                        94,
                        o,
                        format!("{at} — the key that arrived is the first {length} of the pasted key's {cleaned_len} characters: it is cut short on the way (a wrapped or length-limited secret, a copy that stopped early)"),
                    ),
                    Some(EchoFit::Longer) => r.add(
                        CauseId::KeyMalformed,
                        93,
                        o,
                        format!("{at} — the key that arrived has {length} characters, the pasted key {cleaned_len}: something rides along with it (whitespace, quotes, a line break)"),
                    ),
                    Some(EchoFit::Other) if vendor.is_none() => r.add_titled(
                        CauseId::KeyInvalid,
                        93,
                        o,
                        Some("The app sends another key than the one pasted here".into()),
                        format!("{at} — the key that arrived ({length} characters) is not the pasted key ({cleaned_len} characters, other first or last characters): the app reads another value"),
                    ),
                    _ => {}
                }
            }
        }
        None => {}
    }
    key_rules(f, r, 93);
    header_rules(f, r, 90);
    if r.best() == before {
        r.add(CauseId::KeyInvalid, 92, o, at.clone());
    }
    for c in r.cands.iter_mut().filter(|c| c.score >= 90) {
        if !c.evidence.iter().any(|e| e.starts_with(&at)) {
            c.evidence.push(at.clone());
        }
    }
}

// ---------------------------------------------------------------------------------
// Putting it together.
// ---------------------------------------------------------------------------------

/// Causes that only make sense if authentication failed: removed when the evidence
/// proves it worked.
/// Answers that come only after the credential was accepted: those that prove auth
/// (`Signature::proves_auth`), and the api-version answers the rules also read so.
fn passed_auth(s: S) -> bool {
    s.proves_auth()
        || matches!(
            s,
            S::AzureApiVersionNotSupported | S::AzureModelNeedsNewerApiVersion
        )
}

/// The line of the pasted output where an auth failure follows every answer that
/// showed auth working, if it does: the log's latest state is the failure.
fn failure_after_ok(f: &Facts) -> Option<usize> {
    let line_of = |wanted: &dyn Fn(S) -> bool| {
        f.evidence
            .hits
            .iter()
            .filter(|h| h.field == Field::ErrorText && wanted(h.signature))
            .filter_map(|h| h.line)
            .max()
    };
    let ok = line_of(&passed_auth)?;
    let refused = line_of(&S::refuses_credential)?;
    (refused > ok).then_some(refused)
}

fn is_auth_cause(id: CauseId) -> bool {
    use CauseId::*;
    matches!(
        id,
        KeyInvalid
            | KeyMalformed
            | KeyMissing
            | KeyWrongProvider
            | OpenaiAdminKey
            | AuthHeaderWrong
            | TokenInApiKey
            | TokenMalformed
            | TokenExpired
            | TokenNotYetValid
            | TokenAudience
            | TokenWrongCloud
            | TokenWrongTenant
            | CredentialUnavailable
            | EntraSignInFailed
            | RegionalEndpointToken
            | ApimSubscriptionKey
            | ApimTokenRejected
    )
}

/// Ranks causes and picks the verdict.
pub fn rank(facts: &Facts) -> Report {
    let f = facts;
    let mut r = Ranking::default();
    let mut auth_ok = observed_rules(f, &mut r);
    // A log read in order: when an auth failure comes after the answers that showed auth
    // working (a 429, a 200, a 404), those answers are history, not today's state.
    let stale_ok = failure_after_ok(f);
    if let Some(line) = stale_ok {
        auth_ok = false;
        for c in r.cands.iter_mut().filter(|c| !is_auth_cause(c.id)) {
            c.score = c.score.min(45);
            c.evidence.push(format!(
                "earlier in the log; the latest answer (error output, line {line}) is an authentication failure"
            ));
        }
    }
    let observed_causes = !r.cands.is_empty();

    client_rules(f, &mut r);

    // Input shapes on their own (they only add to, or sharpen, what was observed).
    let input_base = 72;
    key_rules(f, &mut r, input_base);
    header_rules(f, &mut r, input_base);
    token_rules(f, &mut r, input_base);
    endpoint_rules(f, &mut r, input_base - 2);

    let success = f.evidence.has(S::Success) && stale_ok.is_none();
    if auth_ok {
        r.cands.retain(|c| c.observed || !is_auth_cause(c.id));
    }
    if success {
        // The call worked: nothing the inputs suggest is the cause of a failure.
        r.cands.retain(|c| c.observed && !is_auth_cause(c.id));
    }

    let browser_only = f.evidence.failure.is_some()
        && f.evidence.status.is_none()
        && !f
            .evidence
            .hits
            .iter()
            .any(|h| !matches!(h.signature, S::BrowserFailedToFetch | S::BrowserCors));
    // Support from both sides raises a cause; input-only causes stay below high.
    for c in &mut r.cands {
        if c.observed && c.inputs {
            c.score = c.score.saturating_add(2).min(99);
        }
        if !c.observed {
            c.score = c.score.min(80);
        }
    }
    crate::diag::parse::order::sort_by_rank(&mut r.cands, |c| {
        (u64::from(u8::MAX - c.score), c.id as u64)
    });

    // Any status but a 2xx is no proof that the call works: a 4xx or 5xx failed, and a
    // 3xx only points elsewhere (4.4: "200 → auth OK").
    let unproven_status = f.evidence.status.is_some_and(|s| !(200..300).contains(&s));
    // Pasted text that names no outcome (nothing recognised, or only a chain's "acquired
    // a token" line) does not say the call worked.
    let unexplained_text = f
        .case
        .error_text
        .as_deref()
        .is_some_and(|t| !t.trim().is_empty())
        && f.evidence
            .hits
            .iter()
            .all(|h| h.signature == S::CredentialTokenAcquired);
    // "The inputs look right" cannot stand next to a finding that says one is wrong.
    let findings = f.findings();
    let input_error = findings.iter().any(|x| x.severity == Severity::Error);

    // A validation error (400) comes only after the credential was accepted (causes.md):
    // with no cause to rank, auth works, which is what `ok` says (case-format.md).
    let auth_proven = success || f.evidence.has(S::ValidationError) || project_lacks_model(f);

    // `ok` needs proof (causes.md): inputs that only look right, with nothing observed,
    // are `inconclusive`, and the next step is what would show the service's answer.
    let best = r.best();
    let verdict = if best >= PROBLEM_SCORE {
        Verdict::Problem
    } else if auth_proven && r.cands.is_empty() {
        Verdict::Ok
    } else {
        Verdict::Inconclusive
    };
    let inputs_look_right = !browser_only
        && !unproven_status
        && !unexplained_text
        && !observed_causes
        && !f.case.is_empty()
        && r.cands.is_empty()
        && !input_error;

    let causes: Vec<RankedCause> = if verdict == Verdict::Ok {
        Vec::new()
    } else {
        r.cands
            .iter()
            .take(6)
            .map(|c| RankedCause {
                id: c.id,
                confidence: tier::confidence(c.score),
                title: c.title.clone().unwrap_or_else(|| c.id.title().to_string()),
                evidence: c.evidence.clone(),
                fix: fixes::fix(c.id, f),
            })
            .collect()
    };

    let next_step =
        (verdict == Verdict::Inconclusive).then(|| next_step(f, browser_only, inputs_look_right));
    let mut report = Report {
        verdict,
        causes,
        findings,
        next_step,
    };
    if auth_ok && !success {
        report.findings.push(crate::diag::report::Finding::new(
            Field::Response,
            crate::diag::report::Severity::Info,
            "evidence-auth-worked",
            "The service got past authentication (this answer comes after the credential is accepted), so the key or token is not the problem.",
        ));
    }
    if success {
        report.findings.push(crate::diag::report::Finding::new(
            Field::Response,
            crate::diag::report::Severity::Ok,
            "evidence-success",
            "The call succeeded: the credential, endpoint and header work together.",
        ));
    }
    scrub(&mut report, f);
    report
}

fn next_step(f: &Facts, browser_only: bool, inputs_look_right: bool) -> String {
    let cmd = fixes::curl_probe(f);
    if inputs_look_right {
        return format!(
            "The inputs look right, but nothing shows the service accepting them yet. Probe the endpoint from this page, or run this and paste its full output here:\n\n```sh\n{cmd}\n```"
        );
    }
    if f.case.is_empty() {
        return format!(
            "Paste the endpoint, the key or token the app sends, and the error output. Or run this and paste its output:\n\n```sh\n{cmd}\n```"
        );
    }
    if browser_only {
        return format!(
            "The browser could not read an answer (CORS, DNS, a private endpoint, TLS or a blocked request look the same from a page), so nothing is known about the credential. Run the same request with curl and paste its output here:\n\n```sh\n{cmd}\n```"
        );
    }
    let a2 = f.evidence.has(S::AzureTokenRejected) || f.evidence.has(S::AzureScopedTokenRejected);
    if a2 && token(f).is_none() && cred_missing(f) {
        // A2 names four causes; what the app puts after `Bearer` tells them apart.
        return format!(
            "Paste what the app sends after `Authorization: Bearer` into the credential field (it is read here, in this page, and sent nowhere). A token shows whether it has expired or is for another resource; a key means it belongs in the `api-key` header. If the app gets its token from azure-identity, a token from the same identity does as well:\n\n```sh\n{}\n```",
            fixes::token_command(f)
        );
    }
    format!("Run the request with curl and paste its full output (status line, headers and body) here:\n\n```sh\n{cmd}\n```")
}

/// A2 names the audiences the resource accepts. When they all belong to a sovereign
/// cloud (Azure Government, Azure China), the resource lives there, and a client that
/// asks for the public audience (the SDKs' default scope) is refused (3.1).
fn sovereign_audience_expected(f: &Facts, r: &mut Ranking, at: &str) {
    let Some(listed) = &f.evidence.audience_in_message else {
        return;
    };
    // The audiences this doctor knows the cloud of (Foundry's ai.azure.us may not be).
    let clouds: Vec<_> = listed
        .split(" or ")
        .filter_map(|aud| crate::diag::known::audiences::lookup(aud).and_then(|a| a.cloud))
        .collect();
    let Some(&cloud) = clouds.first() else {
        return;
    };
    let endpoint_cloud = f.parsed_endpoint().and_then(|p| p.cloud);
    let sovereign = cloud != crate::diag::known::hosts::Cloud::Public;
    if sovereign && clouds.iter().all(|c| *c == cloud) && endpoint_cloud.is_none_or(|e| e == cloud)
    {
        r.add(
            CauseId::TokenWrongCloud,
            80,
            Basis::Observed,
            format!("{at} — the resource accepts only {cloud:?} audiences ({listed}); a token for the public cloud, the SDKs' default scope, is refused"),
        );
    }
}

/// An A2 with neither the credential nor the token at hand: the message names four
/// causes and only what the app sends can tell them apart (A2 causes 1–3). They are
/// ranked in A2's order, below a verdict, unless the paste tells a key from a token: a
/// header set from a variable named for a key (`Bearer $AZURE_OPENAI_API_KEY`, the
/// devgem.io example of A2 cause 1) or a credential chain that got a token (2.1).
fn unexplained_a2(f: &Facts, r: &mut Ranking, at: &str) {
    let o = Basis::Observed;
    let bearer = f
        .evidence
        .sent
        .iter()
        .find(|h| h.header == AuthHeader::Authorization);
    let holds = bearer.and_then(|h| h.variable);
    let chain_token = f.evidence.has(S::CredentialTokenAcquired);
    if holds == Some(Holds::Key) && !is_v1_path(f) && !chain_token {
        let line = bearer.map(|h| h.line).unwrap_or_default();
        r.add(
            CauseId::AuthHeaderWrong,
            75,
            o,
            format!("error output, line {line}: `Authorization: Bearer` is filled from a variable named for a key; the classic paths read a key only from `api-key` (A2 cause 1)"),
        );
    }
    let v1_key = holds == Some(Holds::Key) && is_v1_path(f) && !chain_token;
    if v1_key {
        r.add(
            CauseId::KeyInvalid,
            55,
            o,
            "a key sent as Bearer on the v1 API, which reads keys there (5.3): the key itself is likely wrong",
        );
    }
    let token_side = holds == Some(Holds::Token) || chain_token;
    let header_score = if token_side || v1_key { 35 } else { 45 };
    r.add(
        CauseId::AuthHeaderWrong,
        header_score,
        o,
        format!("{at} — the token is missing, invalid, for another audience, or expired; a key sent as `Authorization: Bearer` is answered this way too"),
    );
    r.add(
        CauseId::TokenExpired,
        45,
        o,
        "or the token has expired: tokens live 60–90 minutes, and an app that keeps the first one fails about an hour after it starts",
    );
    r.add(
        CauseId::TokenAudience,
        45,
        o,
        "or the token is for another resource (Resource Manager, Graph, an ID token)",
    );
}

/// Last line of defence: no report string may contain any 8-character piece of the
/// credential or token, whatever a rule or a parser put there.
///
/// Only the secret part counts: a word such as `undefined` is no secret (hiding it
/// would garble the explanation of an unset variable), and a vendor's public prefix
/// (`sk-admin-`) or the `T3BlbkFJ` marker is in every key of its kind.
fn scrub(report: &mut Report, f: &Facts) {
    // Only the words that mean "unset" (`undefined`, `None`, `null`, …): a masked or
    // templated value may still hold real characters of the key.
    let unset = |c: &crate::diag::read::credential::CredentialAnalysis| {
        let value = c.cleaned.expose().trim();
        matches!(c.shape, Shape::Placeholder(_))
            && (crate::diag::parse::placeholder::is_variable_reference(value)
                // An unset word, or code or a reference (`process.env.…`,
                // `@Microsoft.KeyVault(…)`) that names where the key lives and holds none
                // of it. A template (`<…>`, `{{…}}`) may wrap real characters.
                || PLACEHOLDERS.iter().any(|p| {
                    !matches!(p.pattern, PlaceholderPattern::Wrapped(..))
                        && p.pattern.matches(&value.to_ascii_lowercase())
                }))
    };
    let placeholder = f.credential.as_ref().is_some_and(unset);
    let mut secrets: Vec<Vec<char>> = Vec::new();
    if let Some(c) = f.case.credential.as_ref().filter(|_| !placeholder) {
        secrets.push(c.expose().chars().collect());
    }
    // Every value a pasted request shows (`> api-key: …`, `-H '…'`), used or not.
    secrets.extend(
        f.evidence
            .sent
            .iter()
            .filter_map(|h| h.value.as_ref())
            .filter(|v| {
                let c = crate::diag::read::credential::analyze(v.expose());
                !unset(&c) && !matches!(c.shape, Shape::Prose)
            })
            .map(|v| v.expose().chars().collect()),
    );
    if let Some(t) = &f.case.token {
        secrets.extend(token_field_secrets(t.expose()));
    }
    // Every piece of WINDOW characters of a secret is hidden; a secret shorter than that
    // is hidden whole (down to MIN_SECRET: shorter text is no secret worth the name, and
    // hiding it would garble the report's words).
    const WINDOW: usize = 8;
    const MIN_SECRET: usize = 6;
    let marker: Vec<char> = OPENAI_MARKER.chars().collect();
    let windows: std::collections::HashSet<&[char]> = secrets
        .iter()
        .map(|s| s.get(public_prefix_len(s)..).unwrap_or_default())
        .filter(|s| s.len() >= MIN_SECRET)
        .flat_map(|s| s.windows(WINDOW.min(s.len())))
        .filter(|w| *w != marker.as_slice())
        .collect();
    if windows.is_empty() {
        return;
    }
    let clean = |text: &mut String| {
        let chars: Vec<char> = text.chars().collect();
        let mut hide = vec![false; chars.len()];
        let mut any = false;
        for n in (MIN_SECRET..=WINDOW).filter(|n| *n <= chars.len()) {
            for (i, w) in chars.windows(n).enumerate() {
                if windows.contains(w) {
                    hide[i..i + n].iter_mut().for_each(|h| *h = true);
                    any = true;
                }
            }
        }
        if !any {
            return;
        }
        let mut out = String::with_capacity(text.len());
        let mut prev_hidden = false;
        for (c, h) in chars.iter().zip(&hide) {
            if *h {
                if !prev_hidden {
                    out.push_str("[redacted]");
                }
            } else {
                out.push(*c);
            }
            prev_hidden = *h;
        }
        *text = out;
    };
    for c in &mut report.causes {
        clean(&mut c.title);
        c.evidence.iter_mut().for_each(&clean);
        c.fix.iter_mut().for_each(&clean);
    }
    for x in &mut report.findings {
        clean(&mut x.message);
        clean(&mut x.id);
    }
    if let Some(n) = &mut report.next_step {
        clean(n);
    }
}

/// What in the token field is secret: the token an `az account get-access-token` answer
/// or a token response holds (its JSON names and the tenant and subscription GUIDs are
/// not, and the claims table shows the tenant anyway), the long runs of pasted decoded
/// claims, and otherwise the whole value, whatever its characters.
fn token_field_secrets(text: &str) -> Vec<Vec<char>> {
    let value = text.trim();
    if let Some(paste) = crate::diag::read::jwt::read_json_paste(value) {
        return match paste.token {
            Some(token) => vec![token.trim().chars().collect()],
            None => value
                .split(|c: char| !(c.is_ascii_alphanumeric() || "._~+/=-".contains(c)))
                .filter(|run| run.len() >= 20 && !is_guid(run))
                .map(|run| run.chars().collect())
                .collect(),
        };
    }
    vec![value.chars().collect()]
}

/// How many leading characters of a credential are public: quotes and whitespace
/// around it, a `Bearer ` word, and a known vendor prefix such as `sk-proj-`.
fn public_prefix_len(s: &[char]) -> usize {
    let text: String = s.iter().collect();
    let rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let rest = match rest.get(..7) {
        Some(word) if word.eq_ignore_ascii_case("bearer ") => rest.get(7..).unwrap_or_default(),
        _ => rest,
    };
    let prefix = KEY_PREFIXES
        .iter()
        .map(|k| k.prefix)
        .filter(|p| rest.starts_with(p))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let public_bytes = text.len() - rest.len() + prefix;
    text.get(..public_bytes).map_or(0, |p| p.chars().count())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::{Case, Finding};

    /// The scrub is the last line of defence: even if a rule quoted a credential read
    /// from a pasted request, no 8-character piece of it may stay in the report.
    #[test]
    fn scrub_hides_credentials_read_from_a_pasted_request() {
        let key = "5e0c9a7b3d2f4e6a8c1b0d9e7f5a3c2b";
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJlLXN5bnRoZXRpYw";
        let case = Case {
            error_text: Some(format!(
                "> api-key: {key}\ncurl -H \"Authorization: Bearer {token}\"\n< HTTP/2 401\n"
            )),
            ..Case::default()
        };
        let facts = Facts::gather(&case, 0);
        let mut report = Report {
            verdict: Verdict::Problem,
            causes: Vec::new(),
            findings: vec![Finding::new(
                Field::ErrorText,
                Severity::Info,
                "planted",
                format!("sent {key} and {token}"),
            )],
            next_step: Some(format!("retry with {key}")),
        };
        scrub(&mut report, &facts);
        let text = format!("{} {:?}", report.findings[0].message, report.next_step);
        for secret in [key, token] {
            let chars: Vec<char> = secret.chars().collect();
            for w in chars.windows(8) {
                let piece: String = w.iter().collect();
                assert!(!text.contains(&piece), "{piece} left in {text}");
            }
        }
        assert!(text.contains("[redacted]"));
    }
}
