//! The token panel: what a decoded token says, in plain language. Header and claims
//! as tables with what each claim means here, times in UTC and local time with a live
//! "expires in 12 min", the checks that passed and failed, and why a valid token can
//! still be refused (roles are not in the token). Never the signature; every claim is
//! rendered as text, length-capped, with control and bidi characters made visible.

use super::findings::finding_item;
use super::fix::fix_text;
use crate::diag::parse::time::{format_rfc3339, human_duration};
use crate::diag::read::endpoint::Cloud;
use crate::diag::read::token::{AudienceFit, TimeStatus, TokenAnalysis, TokenKind};
use crate::diag::render::markdown::{
    claim_meaning, claim_text, expiry_phrase, is_time_claim, printable, rbac_note, relative_phrase,
    CLAIM_MAX,
};
use crate::diag::JudgedBy;
use crate::diag::{Field, Severity};
use crate::ui::browser;
use serde_json::{Map, Value};
use yew::prelude::*;

/// Props of [`TokenPanel`].
#[derive(Properties, PartialEq)]
pub struct TokenPanelProps {
    /// The decoded token.
    pub token: TokenAnalysis,
    /// The time the diagnosis judged it against.
    pub judged_at: i64,
    /// Where that time came from.
    pub judged_by: JudgedBy,
    /// The current time (ticks while the page is open).
    pub clock: i64,
    /// The endpoint's resource name, for the role-assignment command.
    pub resource: Option<AttrValue>,
}

fn cloud_name(c: Cloud) -> &'static str {
    match c {
        Cloud::Public => "public Azure",
        Cloud::UsGov => "Azure Government",
        Cloud::China => "Azure China",
    }
}

/// What the token is for, in a sentence.
fn kind_text(kind: &TokenKind) -> String {
    match kind {
        TokenKind::CognitiveServices(c) => format!(
            "An access token for Azure OpenAI / Azure AI Services ({}).",
            cloud_name(*c)
        ),
        TokenKind::AiAzure => {
            "An access token for Azure AI Foundry projects (ai.azure.com).".into()
        }
        TokenKind::Arm => {
            "An Azure Resource Manager token: for managing resources, not for calling models."
                .into()
        }
        TokenKind::Graph => "A Microsoft Graph token: for Graph, not for Azure OpenAI.".into(),
        TokenKind::IdToken => {
            "An ID token: proof of sign-in for your app, not an access token for an API.".into()
        }
        TokenKind::ScopedToken => {
            "A Cognitive Services issueToken token, which Azure OpenAI does not take.".into()
        }
        TokenKind::AzureMl => "An Azure Machine Learning token (ml.azure.com).".into(),
        TokenKind::OtherService(s) => {
            format!("A token for another service ({}).", printable(s, 120))
        }
        TokenKind::OwnApi(s) => format!("A token for your own API ({}).", printable(s, 120)),
        TokenKind::Unknown => "The audience is not one this page knows.".into(),
    }
}

fn field_text(f: Field) -> &'static str {
    match f {
        Field::Token => "token field",
        _ => "credential",
    }
}

/// `2026-11-23 10:00:00 (UTC+01:00)` in the browser's time zone.
fn local_time(unix: i64) -> String {
    let offset = browser::local_offset_minutes(unix);
    let local = format_rfc3339(unix + offset * 60)
        .replace('T', " ")
        .replace('Z', "");
    let sign = if offset < 0 { '-' } else { '+' };
    let a = offset.abs();
    format!("{local} (UTC{sign}{:02}:{:02})", a / 60, a % 60)
}

fn time_status_text(t: TimeStatus) -> (&'static str, String) {
    match t {
        TimeStatus::Expired { ago } => (
            "bad",
            format!("Expired {} before the failure", human_duration(ago)),
        ),
        TimeStatus::NotYetValid { starts_in } => (
            "bad",
            format!(
                "Not valid yet: starts {} after the failure",
                human_duration(starts_in)
            ),
        ),
        TimeStatus::ExpiresSoon { expires_in } => (
            "warn",
            format!(
                "Valid, but expires {} after the failure",
                human_duration(expires_in)
            ),
        ),
        TimeStatus::Valid { expires_in } => (
            "good",
            format!(
                "Valid at the failure, for {} more",
                human_duration(expires_in)
            ),
        ),
        TimeStatus::NoExpiry => ("warn", "No expiry (exp) claim".into()),
    }
}

/// A header or claims object as a table: name, value (as text, capped, control and
/// bidi characters made visible; times also as dates) and what it means here.
fn claim_table(
    id: &str,
    caption: &str,
    map: &Map<String, Value>,
    header: bool,
    clock: i64,
) -> Html {
    let rows: Vec<(String, String, Option<&'static str>)> = map
        .iter()
        .map(|(name, v)| {
            let mut text = printable(&claim_text(v), CLAIM_MAX);
            if let (false, true, Some(t)) = (header, is_time_claim(name), v.as_i64()) {
                text = format!(
                    "{text} = {} ({})",
                    format_rfc3339(t),
                    relative_phrase(t, clock)
                );
            }
            (printable(name, 64), text, claim_meaning(name, header))
        })
        .collect();
    html! {
        <table class="claims" id={id.to_string()} translate="no">
            <caption>{caption.to_string()}</caption>
            <thead><tr><th scope="col">{"Claim"}</th><th scope="col">{"Value"}</th><th scope="col">{"What it means"}</th></tr></thead>
            <tbody>
                for (name, value, meaning) in rows.into_iter() {
                    <tr>
                        <th scope="row"><code>{name}</code></th>
                        <td class="claim-value">{value}</td>
                        <td class="claim-meaning">{meaning.unwrap_or("")}</td>
                    </tr>
                }
            </tbody>
        </table>
    }
}

/// One decoded token.
#[component]
pub fn TokenPanel(props: &TokenPanelProps) -> Html {
    let t = &props.token;
    let which = field_text(t.field);
    let stem = if t.field == Field::Token {
        "token"
    } else {
        "credential"
    };
    let id = format!("token-panel-{stem}");
    let exp = t.claims.exp;
    let live = props.judged_by == JudgedBy::Clock;
    let expiry = exp.map(|e| {
        if live {
            format!("This token {}.", expiry_phrase(e, props.clock))
        } else {
            let then = if e > props.judged_at {
                format!("it had {} left", human_duration(e - props.judged_at))
            } else {
                format!(
                    "it had expired {} earlier",
                    human_duration(props.judged_at - e)
                )
            };
            format!(
                "At the time of the failure ({}), {then}. Now: {}.",
                format_rfc3339(props.judged_at),
                expiry_phrase(e, props.clock)
            )
        }
    });
    let times: Vec<(&'static str, &'static str, i64)> = [
        ("exp", "Expires", t.claims.exp),
        ("nbf", "Not before", t.claims.nbf),
        ("iat", "Issued", t.claims.iat),
    ]
    .into_iter()
    .filter_map(|(k, label, v)| v.map(|v| (k, label, v)))
    .collect();
    let failed: Vec<_> = t
        .findings
        .iter()
        .filter(|f| matches!(f.severity, Severity::Error | Severity::Warning))
        .cloned()
        .collect();
    let passed: Vec<_> = t
        .findings
        .iter()
        .filter(|f| matches!(f.severity, Severity::Ok | Severity::Info))
        .cloned()
        .collect();
    let fit = match &t.audience_fit {
        AudienceFit::Fits => Some(("good", "The audience fits the endpoint.".to_string())),
        AudienceFit::Mismatch { expected } => Some((
            "bad",
            format!(
                "This endpoint needs a token with audience {}.",
                printable(expected, 120)
            ),
        )),
        AudienceFit::Unknown => None,
    };
    let rbac = rbac_note(&t.claims, props.resource.as_deref());
    html! {
        <section class="token-panel" id={id} translate="no">
            <h2>{format!("Token in the {which}")}</h2>
            <p class="token-note">
                {"Decoded in this tab and never sent anywhere. The signature is not verified and not shown."}
            </p>
            if t.decoded.is_some() {
                <ul class="token-summary">
                    <li class="chip">{kind_text(&t.kind)}</li>
                    if let Some((class, text)) = fit {
                        <li class={classes!("chip", class)}>{text}</li>
                    }
                    if let Some(status) = t.time {
                        <li class={classes!("chip", time_status_text(status).0)}>{time_status_text(status).1}</li>
                    }
                </ul>
            }
            if let Some(text) = expiry {
                <p class="token-expiry" aria-live="off">{text}</p>
            }
            if let Some(e) = &t.error {
                <p class="token-error">{format!("Decoding stopped: {e}")}</p>
            }
            if !times.is_empty() {
                <table class="times">
                    <caption>{"Times"}</caption>
                    <thead><tr><th scope="col">{"Claim"}</th><th scope="col">{"UTC and your time"}</th><th scope="col">{"From now"}</th></tr></thead>
                    <tbody>
                        for (k, label, v) in times.into_iter() {
                            <tr data-claim={k}>
                                <th scope="row">{label}</th>
                                <td>
                                    <span class="utc">{format_rfc3339(v)}</span>
                                    <span class="local">{local_time(v)}</span>
                                </td>
                                <td class="relative">{relative_phrase(v, props.clock)}</td>
                            </tr>
                        }
                    </tbody>
                </table>
            }
            if !failed.is_empty() || !passed.is_empty() {
                <div class="checks">
                    if !failed.is_empty() {
                        <h3>{"Checks that failed"}</h3>
                        <ul class="checks-failed">
                            for f in failed.iter() { {finding_item(f)} }
                        </ul>
                    }
                    if !passed.is_empty() {
                        <h3>{"Checks that passed"}</h3>
                        <ul class="checks-passed">
                            for f in passed.iter() { {finding_item(f)} }
                        </ul>
                    }
                </div>
            }
            if let Some(jwt) = &t.decoded {
                {claim_table(&format!("{stem}-header"), "Header", &jwt.header, true, props.clock)}
                if !jwt.claims.is_empty() {
                    {claim_table(&format!("{stem}-claims"), "Claims (payload)", &jwt.claims, false, props.clock)}
                }
            }
            if let Some(note) = rbac {
                <div class="rbac">
                    <h3>{"Why a valid token can still be refused"}</h3>
                    {fix_text(&note)}
                </div>
            }
        </section>
    }
}
