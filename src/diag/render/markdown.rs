//! The Markdown report a user copies into a ticket, and the small text helpers the
//! page shares with it: safe display of untrusted text, claim meanings, time phrases,
//! and splitting a fix into prose and copyable code.
//!
//! A report must be safe to paste anywhere. Secrets are shown only through
//! [`mask`](crate::diag::secret::mask), the token's signature is never shown, and as a last
//! line of defence [`scrub`] cuts out every run of five or more characters that also
//! occurs in the credential or the token, whatever put it there.

use crate::diag::case::{BrowserFailure, Case};
use crate::diag::known::chars::is_invisible;
use crate::diag::parse::time::{format_rfc3339, human_duration};
use crate::diag::read::endpoint::{self, HostKind};
use crate::diag::read::token::Claims;
use crate::diag::report::{Confidence, Field, Severity, Verdict};
use crate::diag::secret::mask;
use crate::diag::{Diagnosis, JudgedBy};
use serde_json::{Map, Value};
use std::collections::HashSet;
use std::fmt::Write;

/// Longest claim value shown, in characters.
pub const CLAIM_MAX: usize = 300;

/// Text from an untrusted source, made safe to show: line breaks, tabs, control,
/// bidi and zero-width characters become visible markers (`⏎`, `⇥`, `⟨U+202E⟩`), and
/// the text is cut after `max_chars` characters with a note of how many were left out.
/// Works in one pass.
pub fn printable(text: &str, max_chars: usize) -> String {
    let mut out = String::with_capacity(text.len().min(max_chars * 4));
    for (n, (i, c)) in text.char_indices().enumerate() {
        if n == max_chars {
            let rest = text[i..].chars().count();
            let _ = write!(out, "… ({rest} more characters)");
            break;
        }
        match c {
            '\n' => out.push('⏎'),
            '\t' => out.push('⇥'),
            c if c.is_control() || is_invisible(c) => {
                let _ = write!(out, "⟨U+{:04X}⟩", c as u32);
            }
            c => out.push(c),
        }
    }
    out
}

/// What a header field or claim means for someone debugging a 401, when it matters.
/// Source: `auth-failures.md` §3.3–§3.5 and the Entra claims reference quoted there.
pub fn claim_meaning(name: &str, in_header: bool) -> Option<&'static str> {
    if in_header {
        return Some(match name {
            "alg" => "Signing algorithm. Entra ID access tokens use RS256; none or HS256 means a test or forged token.",
            "typ" => "Token type.",
            "kid" | "x5t" => "Which Entra ID signing key signed the token (the signature is not checked here).",
            "nonce" => "Only Microsoft Graph tokens carry a nonce in the header: this token is for Graph, not for Azure OpenAI.",
            _ => return None,
        });
    }
    Some(match name {
        "aud" => "Audience: the resource the token is for. Azure OpenAI wants https://cognitiveservices.azure.com; Foundry projects want https://ai.azure.com.",
        "iss" => "Issuer: the Entra ID tenant that issued it (v1: sts.windows.net/{tid}/, v2: login.microsoftonline.com/{tid}/v2.0).",
        "tid" => "Tenant id. It must be the tenant that holds the Azure OpenAI resource.",
        "oid" => "Object id of the user or service principal. Azure checks its roles on the resource for this id: grant the role to it.",
        "exp" => "Expiry. Access tokens live 60–90 minutes; after this the service answers 401.",
        "nbf" => "Not valid before this time (5 minutes of clock skew are usually allowed).",
        "iat" => "When the token was issued.",
        "appid" | "azp" => "The client app that asked for the token (04b07795-8ddb-461a-bbee-02f9e1bf7b46 is the Azure CLI).",
        "appidacr" | "azpacr" => "How that app signed in: 0 public client, 1 client secret, 2 certificate.",
        "scp" => "Delegated scopes, in user tokens only (for Azure OpenAI usually user_impersonation).",
        "roles" => "App permissions of the calling app in Entra ID. These are not Azure roles on the resource.",
        "idtyp" => "app for an app-only token, user for a token on behalf of a user.",
        "ver" => "Token format version, 1.0 or 2.0.",
        "upn" | "unique_name" | "preferred_username" => "Who signed in.",
        "name" => "Display name of who signed in.",
        "sub" => "Subject: an id that differs per app; roles are granted to oid, not to this.",
        "nonce" => "A nonce claim marks an ID token (proof of sign-in for your app), not an access token for an API.",
        "xms_mirid" => "The managed identity's Azure resource id (managed identity tokens only).",
        "amr" => "How the user authenticated (pwd, mfa, …).",
        "ipaddr" => "The address the user signed in from.",
        "aio" | "uti" | "rh" => "Entra ID's own bookkeeping.",
        _ => return None,
    })
}

/// The claims whose value is a Unix time.
pub fn is_time_claim(name: &str) -> bool {
    matches!(name, "exp" | "nbf" | "iat" | "auth_time")
}

/// A claim value as text: strings as they are, arrays joined with `, `, objects as
/// compact JSON. Not yet made printable.
pub fn claim_text(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Array(items) => items.iter().map(claim_text).collect::<Vec<_>>().join(", "),
        other => other.to_string(),
    }
}

/// `in 12 min` / `12 min ago` / `now`, for a time relative to `now`.
pub fn relative_phrase(t: i64, now: i64) -> String {
    let d = t - now;
    if d.abs() < 1 {
        "now".to_string()
    } else if d > 0 {
        format!("in {}", human_duration(d))
    } else {
        format!("{} ago", human_duration(d))
    }
}

/// `expires in 12 min` / `expired 2 h ago`.
pub fn expiry_phrase(exp: i64, now: i64) -> String {
    if exp > now {
        format!("expires in {}", human_duration(exp - now))
    } else {
        format!("expired {} ago", human_duration(now - exp))
    }
}

/// The Azure role to grant for Azure OpenAI data-plane calls (`causes.md`,
/// rbac-missing-role; `auth-failures.md` A4).
pub const DATA_PLANE_ROLE: &str = "Cognitive Services OpenAI User";

/// "Roles are not in the token" explained for this token, with the `az` command that
/// grants the data-plane role to its `oid`, as Markdown with a fenced block. `None`
/// when the token has no `oid`.
pub fn rbac_note(claims: &Claims, resource: Option<&str>) -> Option<String> {
    let oid = claims.oid.as_deref()?;
    let oid = printable(oid, 64);
    let principal_type = match claims.idtyp.as_deref() {
        Some("app") => Some("ServicePrincipal"),
        Some("user") => Some("User"),
        _ if claims.scp.is_some() => Some("User"),
        _ if !claims.roles.is_empty() => Some("ServicePrincipal"),
        _ => None,
    };
    let who = match principal_type {
        Some("User") => "this user",
        Some(_) => "this app or managed identity",
        None => "this principal",
    };
    let mut cmd = format!("az role assignment create \\\n  --assignee-object-id {oid} \\\n");
    if let Some(t) = principal_type {
        let _ = writeln!(cmd, "  --assignee-principal-type {t} \\");
    }
    let resource = resource
        .filter(|r| r.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .unwrap_or("<resource-name>");
    let _ = write!(
        cmd,
        "  --role \"{DATA_PLANE_ROLE}\" \\\n  --scope \"$(az cognitiveservices account show --name {resource} --resource-group <resource-group> --query id --output tsv)\""
    );
    let mut text = format!(
        "Roles are not in the token. Azure OpenAI looks up, at each call, which roles {who} \
         (oid `{oid}`) holds on the resource. A valid token for the right audience is still \
         refused (401/403 PermissionDenied) when that oid has no data-plane role. Owner and \
         Contributor are not enough; grant {DATA_PLANE_ROLE} and allow up to 5 minutes."
    );
    if !claims.roles.is_empty() {
        text.push_str(
            " The token's roles claim lists Entra ID app permissions, which are something else.",
        );
    }
    Some(format!("{text}\n```sh\n{cmd}\n```"))
}

/// The resource name of the endpoint, when it names an Azure resource.
pub fn resource_name(endpoint_text: Option<&str>) -> Option<String> {
    let parsed = endpoint::analyze(endpoint_text?).parsed?;
    match parsed.kind {
        HostKind::AzureOpenAi | HostKind::CognitiveServices | HostKind::FoundryServices => {
            parsed.resource
        }
        _ => None,
    }
}

/// One piece of a fix step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FixPart {
    /// Prose, possibly with `inline code`.
    Text(String),
    /// A fenced code block: a command or snippet the page offers to copy.
    Code {
        /// The fence's info string (`sh`, `python`, …), possibly empty.
        lang: String,
        /// The code, without the fences.
        code: String,
    },
}

/// Splits a fix step (Markdown) into prose and fenced code blocks. An unclosed fence
/// runs to the end.
pub fn split_fenced(text: &str) -> Vec<FixPart> {
    let mut parts = Vec::new();
    let mut prose = String::new();
    let mut code: Option<(String, String)> = None;
    for line in text.split('\n') {
        let fence = line.trim_start().starts_with("```");
        match code.as_mut() {
            Some(_) if fence => {
                if let Some((lang, body)) = code.take() {
                    parts.push(FixPart::Code { lang, code: body });
                }
            }
            Some((_, body)) => {
                if !body.is_empty() {
                    body.push('\n');
                }
                body.push_str(line);
            }
            None if fence => {
                let p = prose.trim();
                if !p.is_empty() {
                    parts.push(FixPart::Text(p.to_string()));
                }
                prose.clear();
                let lang = line.trim_start().trim_start_matches('`').trim().to_string();
                code = Some((lang, String::new()));
            }
            None => {
                if !prose.is_empty() {
                    prose.push('\n');
                }
                prose.push_str(line);
            }
        }
    }
    if let Some((lang, body)) = code {
        parts.push(FixPart::Code { lang, code: body });
    }
    let p = prose.trim();
    if !p.is_empty() {
        parts.push(FixPart::Text(p.to_string()));
    }
    parts
}

/// Splits prose at single backticks: `(is_code, text)` pieces.
pub fn split_inline_code(text: &str) -> Vec<(bool, &str)> {
    let mut out = Vec::new();
    let mut code = false;
    for (i, piece) in text.split('`').enumerate() {
        if i > 0 {
            code = !code;
        }
        if !piece.is_empty() {
            out.push((code, piece));
        }
    }
    // An unmatched backtick: show the rest as prose rather than swallowing it.
    if code {
        if let Some(last) = out.last_mut() {
            last.0 = false;
        }
    }
    out
}

/// Removes every run of 5 or more characters that also occurs in one of `secrets`,
/// replacing it with `[…]` (a marker that cannot itself complete a piece of a key). Linear in the text and the secrets.
pub fn scrub(text: &str, secrets: &[&str]) -> String {
    const W: usize = 5;
    let mut windows: HashSet<[char; W]> = HashSet::new();
    for s in secrets {
        let chars: Vec<char> = s.chars().collect();
        for w in chars.windows(W) {
            let mut a = ['\0'; W];
            a.copy_from_slice(w);
            windows.insert(a);
        }
    }
    if windows.is_empty() {
        return text.to_string();
    }
    let chars: Vec<char> = text.chars().collect();
    let mut hidden = vec![false; chars.len()];
    let mut cover_until = 0usize;
    for (i, w) in chars.windows(W).enumerate() {
        let mut a = ['\0'; W];
        a.copy_from_slice(w);
        if windows.contains(&a) {
            cover_until = cover_until.max(i + W);
        }
        if i < cover_until {
            hidden[i] = true;
        }
    }
    for (i, h) in hidden
        .iter_mut()
        .enumerate()
        .skip(chars.len().saturating_sub(W))
    {
        if i < cover_until {
            *h = true;
        }
    }
    let mut out = String::with_capacity(text.len());
    let mut in_hidden = false;
    for (c, h) in chars.iter().zip(&hidden) {
        if *h {
            if !in_hidden {
                out.push_str("[…]");
            }
            in_hidden = true;
        } else {
            in_hidden = false;
            out.push(*c);
        }
    }
    out
}

/// The endpoint as it may appear in a ticket: no user info, and of the query only
/// `api-version`.
pub fn endpoint_for_report(endpoint: &str) -> String {
    let (base, query) = endpoint.split_once('?').unwrap_or((endpoint, ""));
    let base = match base.split_once("://") {
        Some((scheme, rest)) => {
            let host_end = rest.find('/').unwrap_or(rest.len());
            match rest[..host_end].rfind('@') {
                Some(at) => format!("{scheme}://{}", &rest[at + 1..]),
                None => base.to_string(),
            }
        }
        None => base.to_string(),
    };
    let kept: Vec<&str> = query
        .split('&')
        .filter(|p| p.to_ascii_lowercase().starts_with("api-version="))
        .collect();
    let dropped = query.split('&').filter(|p| !p.is_empty()).count() - kept.len();
    let mut out = base;
    if !kept.is_empty() {
        out.push('?');
        out.push_str(&kept.join("&"));
    }
    if dropped > 0 {
        let _ = write!(out, " (other query parameters left out)");
    }
    out
}

/// A value as an inline code span, safe inside a Markdown table cell.
fn code_span(text: &str) -> String {
    let shown = printable(text, 200).replace('|', "\\|");
    let longest = shown.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let fence = "`".repeat(longest + 1);
    if longest > 0 {
        format!("{fence} {shown} {fence}")
    } else {
        format!("`{shown}`")
    }
}

fn cell(text: &str) -> String {
    printable(text, CLAIM_MAX).replace('|', "\\|")
}

fn failure_word(f: BrowserFailure) -> &'static str {
    match f {
        BrowserFailure::Network => "network error",
        BrowserFailure::Timeout => "timeout",
        BrowserFailure::Cors => "blocked by CORS",
        BrowserFailure::Redirect => "redirect refused",
    }
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Problem => "problem",
        Verdict::Ok => "ok",
        Verdict::Inconclusive => "inconclusive",
    }
}

fn confidence_word(c: Confidence) -> &'static str {
    match c {
        Confidence::High => "high",
        Confidence::Medium => "medium",
        Confidence::Low => "low",
    }
}

fn severity_word(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info => "info",
        Severity::Ok => "ok",
    }
}

/// The case field name a finding is about.
pub fn field_name(f: Field) -> &'static str {
    match f {
        Field::Endpoint => "endpoint",
        Field::Deployment => "deployment",
        Field::ApiVersion => "api_version",
        Field::Credential => "credential",
        Field::AuthHeader => "auth_header",
        Field::Token => "token",
        Field::Organization => "organization",
        Field::Project => "project",
        Field::Client => "client",
        Field::ErrorText => "error_text",
        Field::Response => "response",
        Field::Now => "now",
    }
}

/// Appends a Markdown list item whose text may span lines and hold fenced blocks.
fn list_item(out: &mut String, marker: &str, text: &str) {
    let indent = " ".repeat(marker.len() + 1);
    for (i, line) in text.split('\n').enumerate() {
        if i == 0 {
            let _ = writeln!(out, "{marker} {line}");
        } else if line.is_empty() {
            out.push('\n');
        } else {
            let _ = writeln!(out, "{indent}{line}");
        }
    }
}

fn object_table(out: &mut String, map: &Map<String, Value>, in_header: bool, judged_at: i64) {
    out.push_str("| claim | value | meaning |\n|---|---|---|\n");
    for (name, value) in map {
        let mut shown = cell(&claim_text(value));
        if let (true, Some(t)) = (is_time_claim(name), value.as_i64()) {
            let _ = write!(
                shown,
                " = {} ({})",
                format_rfc3339(t),
                relative_phrase(t, judged_at)
            );
        }
        let meaning = claim_meaning(name, in_header).unwrap_or("");
        let _ = writeln!(out, "| {} | {shown} | {meaning} |", cell(name));
    }
}

/// The Markdown report for a ticket: verdict, causes with evidence and fix, next
/// step, inputs (credential and token masked), findings, and each token's header and
/// claims (never its signature). Scrubbed of the credential and token (see [`scrub`]).
pub fn report_markdown(case: &Case, d: &Diagnosis) -> String {
    let mut out = String::new();
    let r = &d.report;
    out.push_str("# 401 Doctor report\n\n");
    let lead = r.causes.first();
    match (r.verdict, lead) {
        (Verdict::Problem, Some(c)) => {
            let _ = writeln!(
                out,
                "**Verdict: problem** — {} (`{}`, {} confidence)",
                c.title,
                c.id,
                confidence_word(c.confidence)
            );
        }
        (v, _) => {
            let _ = writeln!(out, "**Verdict: {}**", verdict_word(v));
        }
    }
    let when = match d.judged_by {
        JudgedBy::Clock => "the time the report was made",
        JudgedBy::Typed => "the time of the failure given",
        JudgedBy::Evidence => "the time of the failure, from the pasted output",
    };
    let _ = writeln!(
        out,
        "\nToken times judged as of {} ({when}).",
        format_rfc3339(d.judged_at)
    );

    if let Some(c) = lead {
        let _ = writeln!(
            out,
            "\n## Leading cause: {} (`{}`, {} confidence)\n",
            c.title,
            c.id,
            confidence_word(c.confidence)
        );
        if !c.evidence.is_empty() {
            out.push_str("Evidence:\n\n");
            for e in &c.evidence {
                list_item(&mut out, "-", e);
            }
            out.push('\n');
        }
        if !c.fix.is_empty() {
            out.push_str("Fix:\n\n");
            for (i, f) in c.fix.iter().enumerate() {
                list_item(&mut out, &format!("{}.", i + 1), f);
            }
        }
    }
    if r.causes.len() > 1 {
        out.push_str("\n## Other candidate causes\n\n");
        for c in &r.causes[1..] {
            let mut line = format!(
                "{} (`{}`, {} confidence)",
                c.title,
                c.id,
                confidence_word(c.confidence)
            );
            if !c.evidence.is_empty() {
                let _ = write!(line, ": {}", c.evidence.join("; "));
            }
            list_item(&mut out, "-", &line);
        }
    }
    if let Some(n) = &r.next_step {
        let _ = writeln!(out, "\n## Next step\n\n{n}");
    }

    out.push_str("\n## Inputs\n\n| input | value |\n|---|---|\n");
    let row = |out: &mut String, name: &str, v: &Option<String>| {
        if let Some(v) = v {
            let _ = writeln!(out, "| {name} | {} |", code_span(v));
        }
    };
    if let Some(e) = &case.endpoint {
        let _ = writeln!(out, "| endpoint | {} |", code_span(&endpoint_for_report(e)));
    }
    row(&mut out, "deployment", &case.deployment);
    row(&mut out, "api-version", &case.api_version);
    if let Some(c) = &case.credential {
        let _ = writeln!(
            out,
            "| credential | {} (masked) |",
            code_span(&mask(c.expose()))
        );
    }
    row(&mut out, "sent as", &case.auth_header);
    if let Some(t) = &case.token {
        let _ = writeln!(out, "| token | {} (masked) |", code_span(&mask(t.expose())));
    }
    row(&mut out, "organization", &case.organization);
    row(&mut out, "project", &case.project);
    row(&mut out, "client", &case.client);
    if let Some(resp) = &case.response {
        let mut v = match (resp.status, resp.failure) {
            (Some(s), _) => format!("status {s}"),
            (None, Some(f)) => format!("no response ({})", failure_word(f)),
            (None, None) => "no status".to_string(),
        };
        if let Some(id) = resp.headers.get("apim-request-id") {
            let _ = write!(v, ", apim-request-id {id}");
        }
        let _ = writeln!(out, "| response | {} |", cell(&v));
    }
    if let Some(t) = &case.error_text {
        let _ = writeln!(
            out,
            "| error output | {} lines pasted (not included) |",
            t.lines().count()
        );
    }

    if !r.findings.is_empty() {
        out.push_str("\n## Findings\n\n");
        for f in &r.findings {
            let line = format!(
                "**{}** {}: {}",
                severity_word(f.severity),
                field_name(f.field),
                f.message
            );
            list_item(&mut out, "-", &line);
        }
    }

    for t in &d.tokens {
        let _ = writeln!(
            out,
            "\n## Token from the {} field (decoded, signature not verified and not shown)\n",
            field_name(t.field)
        );
        match &t.decoded {
            Some(jwt) => {
                out.push_str("Header:\n\n");
                object_table(&mut out, &jwt.header, true, d.judged_at);
                if !jwt.claims.is_empty() {
                    out.push_str("\nClaims:\n\n");
                    object_table(&mut out, &jwt.claims, false, d.judged_at);
                }
            }
            None => out.push_str("The token could not be decoded.\n"),
        }
        if let Some(e) = &t.error {
            let _ = writeln!(out, "\nDecoding stopped: {e}");
        }
        if let Some(note) = rbac_note(
            &t.claims,
            resource_name(case.endpoint.as_deref()).as_deref(),
        ) {
            let _ = writeln!(out, "\n{note}");
        }
    }
    out.push_str(
        "\n---\nMade by 401 Doctor in the browser. Keys and tokens are masked (first 4 and \
         last 4 characters and the length); the token signature and the pasted error output \
         are left out.\n",
    );
    let secrets: Vec<&str> = [&case.credential, &case.token]
        .into_iter()
        .flatten()
        .map(|s| s.expose())
        .collect();
    scrub(&out, &secrets)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::case::{Case, ObservedResponse};
    use crate::diag::known::causes::CauseId;
    use crate::diag::read::jwt::UnverifiedJwt;
    use crate::diag::read::token::TokenAnalysis;
    use crate::diag::report::{Finding, RankedCause, Report};
    use crate::diag::secret::Secret;
    use crate::diag::Verdict;

    fn leaks(text: &str, secret: &str) -> Vec<String> {
        crate::diag::test_support::leaks(secret, text, 5)
    }

    fn token_analysis(claims: Map<String, Value>) -> TokenAnalysis {
        let mut header = Map::new();
        header.insert("alg".into(), Value::from("RS256"));
        header.insert("typ".into(), Value::from("JWT"));
        TokenAnalysis {
            decoded: Some(UnverifiedJwt {
                header,
                claims,
                signature_len: 342,
            }),
            claims: Claims {
                oid: Some("a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95".into()),
                idtyp: Some("user".into()),
                scp: Some("user_impersonation".into()),
                ..Claims::default()
            },
            ..TokenAnalysis::blank(Field::Credential)
        }
    }

    /// A diagnosis whose engine output deliberately repeats the secret everywhere it
    /// could (a buggy rule), to prove the report still never shows it.
    fn leaky_diagnosis(secret: &str, token: &str) -> (Case, Diagnosis) {
        let case = Case {
            endpoint: Some(format!("https://contoso.openai.azure.com/openai/deployments/d/chat/completions?api-version=2024-10-21&api-key={secret}")),
            credential: Some(Secret::new(format!("{secret}\n"))),
            token: Some(Secret::new(token)),
            auth_header: Some("api-key".into()),
            response: Some(ObservedResponse {
                status: Some(401),
                ..Default::default()
            }),
            error_text: Some(format!("curl -H 'api-key: {secret}'")),
            ..Default::default()
        };
        let mut claims = Map::new();
        claims.insert(
            "aud".into(),
            Value::from("https://cognitiveservices.azure.com"),
        );
        claims.insert("exp".into(), Value::from(1_795_417_200i64));
        claims.insert(
            "oid".into(),
            Value::from("a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95"),
        );
        claims.insert("name".into(), Value::from("Dana\u{202E}Example"));
        let diagnosis = Diagnosis {
            report: Report {
                verdict: Verdict::Problem,
                causes: vec![
                    RankedCause {
                        id: CauseId::KeyMalformed,
                        confidence: Confidence::High,
                        title: "The key ends with a line break".into(),
                        evidence: vec![format!("credential: `{secret}` ends with a newline")],
                        fix: vec![format!(
                            "Strip the newline:\n```sh\nexport AZURE_OPENAI_API_KEY='{secret}'\n```"
                        )],
                    },
                    RankedCause {
                        id: CauseId::KeyInvalid,
                        confidence: Confidence::Low,
                        title: "The key is wrong".into(),
                        evidence: vec!["A1 message".into()],
                        fix: vec![],
                    },
                ],
                findings: vec![Finding::new(
                    Field::Credential,
                    Severity::Error,
                    "credential-trailing-newline",
                    format!("The key {secret} ends with a line break."),
                )],
                next_step: None,
            },
            tokens: vec![token_analysis(claims)],
            judged_at: 1_795_424_400,
            judged_by: JudgedBy::Typed,
            evidence_when: None,
        };
        (case, diagnosis)
    }

    const TOKEN: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSJ9.QmhoN29MTlNRUXlRbE1qZnFhUGhCay1ZS3FVNi1QNHNZcmVoaThncXdILWZ4Y2ZROFpjZnJma0l1c1NOdjlMZXJ6";

    #[test]
    fn report_never_contains_five_characters_of_a_secret() {
        for secret in [
            "e9ec0002096ff0a43ae31e77050c2e15",
            "sk-proj-CANARYcanary0123456789abcdefCANARY",
            "TftLvBfROFsrBTKof4sMsChriH0ancQ4NRrSbdrsH1KiJv2QVkofJQQJ99OPcqCkPOtX3AvOsL90ACOGuXpM",
        ] {
            let (case, d) = leaky_diagnosis(secret, TOKEN);
            let md = report_markdown(&case, &d);
            assert!(
                leaks(&md, secret).is_empty(),
                "{secret}: {:?}\n{md}",
                leaks(&md, secret)
            );
            assert!(
                leaks(&md, TOKEN).is_empty(),
                "token: {:?}\n{md}",
                leaks(&md, TOKEN)
            );
            // Still a useful report.
            assert!(md.contains("**Verdict: problem**"), "{md}");
            assert!(md.contains("`key-malformed`"), "{md}");
            assert!(md.contains("| credential |"), "{md}");
            assert!(md.contains("(masked)"), "{md}");
            assert!(md.contains("Cognitive Services OpenAI User"), "{md}");
        }
    }

    #[test]
    fn report_shows_claims_but_not_the_signature() {
        let (case, d) = leaky_diagnosis("e9ec0002096ff0a43ae31e77050c2e15", TOKEN);
        let md = report_markdown(&case, &d);
        assert!(
            md.contains("| aud | https://cognitiveservices.azure.com |"),
            "{md}"
        );
        assert!(md.contains("2026-11-23T07:00:00Z (2 h ago)"), "{md}");
        assert!(
            md.contains("Dana⟨U+202E⟩Example"),
            "bidi made visible: {md}"
        );
        let sig = TOKEN.rsplit('.').next().unwrap_or_default();
        assert!(!md.contains(&sig[..12]), "{md}");
        assert!(
            md.contains("api-version=2024-10-21 (other query parameters left out)"),
            "{md}"
        );
        assert!(
            md.contains("--assignee-object-id a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95"),
            "{md}"
        );
        assert!(md.contains("--assignee-principal-type User"), "{md}");
        assert!(
            !md.contains("curl -H"),
            "the error output is left out: {md}"
        );
    }

    #[test]
    fn scrub_cuts_runs_and_keeps_the_rest() {
        assert_eq!(scrub("key=abcdefgh!", &["xxabcdefxx"]), "key=[…]gh!");
        assert_eq!(scrub("abcd and abcd", &["abcdz"]), "abcd and abcd");
        assert_eq!(scrub("tail abcde", &["abcde"]), "tail […]");
        assert_eq!(scrub("anything", &[]), "anything");
        assert_eq!(scrub("short", &["shor"]), "short");
    }

    #[test]
    fn printable_marks_and_caps() {
        assert_eq!(
            printable("a\nb\u{202E}c\u{200B}", 100),
            "a⏎b⟨U+202E⟩c⟨U+200B⟩"
        );
        assert_eq!(printable("abcdef", 3), "abc… (3 more characters)");
        assert_eq!(printable("\u{0007}", 3), "⟨U+0007⟩");
    }

    #[test]
    fn fenced_blocks_split_out() {
        let parts = split_fenced("Regenerate the key, then:\n```sh\naz cognitiveservices account keys list \\\n  -n x\n```\nand restart.");
        assert_eq!(
            parts,
            [
                FixPart::Text("Regenerate the key, then:".into()),
                FixPart::Code {
                    lang: "sh".into(),
                    code: "az cognitiveservices account keys list \\\n  -n x".into()
                },
                FixPart::Text("and restart.".into()),
            ]
        );
        assert_eq!(split_fenced("plain"), [FixPart::Text("plain".into())]);
        assert_eq!(
            split_fenced("```\nunclosed"),
            [FixPart::Code {
                lang: String::new(),
                code: "unclosed".into()
            }]
        );
        assert_eq!(
            split_inline_code("use `api-key` header"),
            [(false, "use "), (true, "api-key"), (false, " header")]
        );
        assert_eq!(split_inline_code("a `b"), [(false, "a "), (false, "b")]);
    }

    #[test]
    fn phrases() {
        assert_eq!(expiry_phrase(1_000 + 720, 1_000), "expires in 12 min");
        assert_eq!(expiry_phrase(1_000 - 7_200, 1_000), "expired 2 h ago");
        assert_eq!(relative_phrase(5, 5), "now");
        assert_eq!(relative_phrase(65, 5), "in 60 s");
    }

    #[test]
    fn endpoint_for_report_drops_userinfo_and_keys() {
        assert_eq!(
            endpoint_for_report("https://user:pw@x.openai.azure.com/a?b=1&api-version=v1"),
            "https://x.openai.azure.com/a?api-version=v1 (other query parameters left out)"
        );
        assert_eq!(endpoint_for_report("https://x/"), "https://x/");
    }

    #[test]
    fn rbac_note_needs_an_oid() {
        assert_eq!(rbac_note(&Claims::default(), None), None);
        let note = rbac_note(
            &Claims {
                oid: Some("o-1".into()),
                idtyp: Some("app".into()),
                ..Claims::default()
            },
            Some("contoso"),
        )
        .unwrap_or_default();
        assert!(
            note.contains("--assignee-principal-type ServicePrincipal"),
            "{note}"
        );
        assert!(note.contains("--name contoso"), "{note}");
        assert!(note.starts_with("Roles are not in the token."), "{note}");
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod properties {
        use super::super::*;
        use proptest::prelude::*;

        proptest! {
            /// Whatever surrounds it, no 5-character piece of the secret survives.
            #[test]
            fn scrub_leaves_no_piece_of_the_secret(
                secret in "[a-zA-Z0-9é😀 \n-]{5,40}",
                before in "\\PC{0,40}",
                after in "\\PC{0,40}",
                cut in 0usize..40,
            ) {
                let chars: Vec<char> = secret.chars().collect();
                let piece: String = chars[cut.min(chars.len() - 5)..].iter().collect();
                let text = format!("{before}{piece}{after}{secret}");
                let out = scrub(&text, &[&secret]);
                for w in chars.windows(5) {
                    let w: String = w.iter().collect();
                    prop_assert!(!out.contains(&w), "{out:?} contains {w:?}");
                }
            }

            #[test]
            fn text_helpers_never_panic(text in "\\PC{0,300}", max in 0usize..50) {
                prop_assert!(printable(&text, max).chars().count() <= max * 10 + 40);
                let _ = split_fenced(&text);
                let _ = split_inline_code(&text);
                let _ = endpoint_for_report(&text);
                let _ = code_span(&text);
            }
        }
    }
}
