//! The page's form as plain text: [`FormField`] (each input and its element id),
//! [`Form`] and [`ResponseForm`], converted to and from a [`Case`]; [`Form::diagnose`]
//! hands that case to the one [`diagnose`], with the user's choice of clock. Also what
//! the page needs to show an input truthfully: the whitespace an `<input>` eats, and the
//! outline that makes a secret's damage visible without showing it.
//!
//! Everything here is pure and never quotes a secret.

use crate::diag::case::{BrowserFailure, Case, ObservedResponse};
use crate::diag::known::chars::is_invisible;
use crate::diag::report::Field;
use crate::diag::secret::Secret;
use crate::diag::{diagnose, Clock, Diagnosis};
use std::collections::BTreeMap;

/// One input of the page's form. The [`FormField::id`] is the element id the page
/// gives the input; those ids are a contract with the end-to-end tests.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FormField {
    /// Endpoint or base URL (`endpoint`).
    Endpoint,
    /// Key or token the app sends (`credential`).
    Credential,
    /// How the app sends it (`auth-header`).
    AuthHeader,
    /// Deployment or model (`deployment`).
    Deployment,
    /// api-version (`api-version`).
    ApiVersion,
    /// A separate token for decoding (`token`).
    Token,
    /// OpenAI organization (`organization`).
    Organization,
    /// OpenAI project (`project`).
    Project,
    /// Client library and version (`client`).
    Client,
    /// Pasted error output (`error-text`).
    ErrorText,
    /// Time of the failure (`now`).
    Now,
    /// Observed response status (`response-status`).
    ResponseStatus,
    /// Observed browser failure instead of a status (`response-failure`).
    ResponseFailure,
    /// Observed response headers, one `name: value` per line (`response-headers`).
    ResponseHeaders,
    /// Observed response body (`response-body`).
    ResponseBody,
}

impl FormField {
    /// Every field, in form order.
    pub const ALL: &'static [FormField] = &[
        FormField::Endpoint,
        FormField::Credential,
        FormField::AuthHeader,
        FormField::Deployment,
        FormField::ApiVersion,
        FormField::Token,
        FormField::Organization,
        FormField::Project,
        FormField::Client,
        FormField::ErrorText,
        FormField::Now,
        FormField::ResponseStatus,
        FormField::ResponseFailure,
        FormField::ResponseHeaders,
        FormField::ResponseBody,
    ];

    /// The element id of the input.
    pub fn id(self) -> &'static str {
        match self {
            FormField::Endpoint => "endpoint",
            FormField::Credential => "credential",
            FormField::AuthHeader => "auth-header",
            FormField::Deployment => "deployment",
            FormField::ApiVersion => "api-version",
            FormField::Token => "token",
            FormField::Organization => "organization",
            FormField::Project => "project",
            FormField::Client => "client",
            FormField::ErrorText => "error-text",
            FormField::Now => "now",
            FormField::ResponseStatus => "response-status",
            FormField::ResponseFailure => "response-failure",
            FormField::ResponseHeaders => "response-headers",
            FormField::ResponseBody => "response-body",
        }
    }

    /// A short name for people, as used in "Took endpoint and credential from …".
    pub fn label(self) -> &'static str {
        match self {
            FormField::Endpoint => "endpoint",
            FormField::Credential => "credential",
            FormField::AuthHeader => "how it is sent",
            FormField::Deployment => "deployment",
            FormField::ApiVersion => "api-version",
            FormField::Token => "token",
            FormField::Organization => "organization",
            FormField::Project => "project",
            FormField::Client => "client",
            FormField::ErrorText => "error output",
            FormField::Now => "time of the failure",
            FormField::ResponseStatus => "response status",
            FormField::ResponseFailure => "browser failure",
            FormField::ResponseHeaders => "response headers",
            FormField::ResponseBody => "response body",
        }
    }

    /// The report field whose findings belong beside this input.
    pub fn report_field(self) -> Field {
        match self {
            FormField::Endpoint => Field::Endpoint,
            FormField::Credential => Field::Credential,
            FormField::AuthHeader => Field::AuthHeader,
            FormField::Deployment => Field::Deployment,
            FormField::ApiVersion => Field::ApiVersion,
            FormField::Token => Field::Token,
            FormField::Organization => Field::Organization,
            FormField::Project => Field::Project,
            FormField::Client => Field::Client,
            FormField::ErrorText => Field::ErrorText,
            FormField::Now => Field::Now,
            FormField::ResponseStatus
            | FormField::ResponseFailure
            | FormField::ResponseHeaders
            | FormField::ResponseBody => Field::Response,
        }
    }

    /// True for the fields that hold a secret.
    pub fn is_secret(self) -> bool {
        matches!(self, FormField::Credential | FormField::Token)
    }
}

// ---------------------------------------------------------------------------------
// The form
// ---------------------------------------------------------------------------------

/// The observed-response part of the form, as typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct ResponseForm {
    /// Status code text.
    pub status: String,
    /// `""`, `network`, `timeout`, `cors` or `redirect`.
    pub failure: String,
    /// `name: value` per line.
    pub headers: String,
    /// Body text.
    pub body: String,
}

impl ResponseForm {
    /// True when nothing was entered.
    pub fn is_empty(&self) -> bool {
        self.status.trim().is_empty()
            && self.failure.is_empty()
            && self.headers.trim().is_empty()
            && self.body.is_empty()
    }

    /// The response the form describes. A status that is not a number from 100 to
    /// 599 is left out and reported as the error.
    pub fn to_response(&self) -> (Option<ObservedResponse>, Option<String>) {
        if self.is_empty() {
            return (None, None);
        }
        let mut problem = None;
        let status_text = self.status.trim();
        let status = if status_text.is_empty() {
            None
        } else {
            match status_text.parse::<u16>() {
                Ok(s) if (100..=599).contains(&s) => Some(s),
                _ => {
                    problem = Some(
                        "The status must be a number from 100 to 599, such as 401; it was left out."
                            .to_string(),
                    );
                    None
                }
            }
        };
        let failure = match self.failure.as_str() {
            "network" => Some(BrowserFailure::Network),
            "timeout" => Some(BrowserFailure::Timeout),
            "cors" => Some(BrowserFailure::Cors),
            "redirect" => Some(BrowserFailure::Redirect),
            _ => None,
        };
        let mut headers = BTreeMap::new();
        for line in self.headers.lines() {
            if let Some((n, v)) = line.split_once(':') {
                let n = n.trim();
                if !n.is_empty() {
                    headers.insert(n.to_ascii_lowercase(), v.trim().to_string());
                }
            }
        }
        let body = (!self.body.is_empty()).then(|| self.body.clone());
        let response = ObservedResponse {
            status,
            headers,
            body,
            failure,
        };
        if response == ObservedResponse::default() {
            return (None, problem);
        }
        (Some(response), problem)
    }

    /// The form for a response.
    pub fn from_response(r: &ObservedResponse) -> Self {
        let failure = match r.failure {
            None => "",
            Some(BrowserFailure::Network) => "network",
            Some(BrowserFailure::Timeout) => "timeout",
            Some(BrowserFailure::Cors) => "cors",
            Some(BrowserFailure::Redirect) => "redirect",
        };
        ResponseForm {
            status: r.status.map(|s| s.to_string()).unwrap_or_default(),
            failure: failure.to_string(),
            headers: r
                .headers
                .iter()
                .map(|(n, v)| format!("{n}: {v}"))
                .collect::<Vec<_>>()
                .join("\n"),
            body: r.body.clone().unwrap_or_default(),
        }
    }
}

fn non_blank(s: &Option<String>) -> bool {
    s.as_deref().is_some_and(|s| !s.trim().is_empty())
}

/// The page's form: every input as the user left it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Form {
    /// Endpoint.
    pub endpoint: String,
    /// Credential, whitespace and all (including line breaks an `<input>` cannot show).
    pub credential: Secret,
    /// `api-key`, `authorization`, `ocp-apim-subscription-key`, or `auto`/empty.
    pub auth_header: String,
    /// Deployment.
    pub deployment: String,
    /// api-version.
    pub api_version: String,
    /// Separate token.
    pub token: Secret,
    /// OpenAI organization.
    pub organization: String,
    /// OpenAI project.
    pub project: String,
    /// Client library.
    pub client: String,
    /// Pasted error output.
    pub error_text: String,
    /// Time of the failure as typed (RFC 3339); used only when `now_set`.
    pub now: String,
    /// The user (or a scenario) set the time; otherwise it follows the pasted
    /// output's date, or the clock.
    pub now_set: bool,
    /// The observed response.
    pub response: ResponseForm,
}

impl Form {
    /// The text of one field (`now` as typed).
    pub fn get(&self, field: FormField) -> &str {
        match field {
            FormField::Endpoint => &self.endpoint,
            FormField::Credential => self.credential.expose(),
            FormField::AuthHeader => &self.auth_header,
            FormField::Deployment => &self.deployment,
            FormField::ApiVersion => &self.api_version,
            FormField::Token => self.token.expose(),
            FormField::Organization => &self.organization,
            FormField::Project => &self.project,
            FormField::Client => &self.client,
            FormField::ErrorText => &self.error_text,
            FormField::Now => &self.now,
            FormField::ResponseStatus => &self.response.status,
            FormField::ResponseFailure => &self.response.failure,
            FormField::ResponseHeaders => &self.response.headers,
            FormField::ResponseBody => &self.response.body,
        }
    }

    /// Sets one field. Setting `now` marks the time as chosen.
    pub fn set(&mut self, field: FormField, value: String) {
        match field {
            FormField::Endpoint => self.endpoint = value,
            FormField::Credential => self.credential = Secret::new(value),
            FormField::AuthHeader => self.auth_header = value,
            FormField::Deployment => self.deployment = value,
            FormField::ApiVersion => self.api_version = value,
            FormField::Token => self.token = Secret::new(value),
            FormField::Organization => self.organization = value,
            FormField::Project => self.project = value,
            FormField::Client => self.client = value,
            FormField::ErrorText => self.error_text = value,
            FormField::Now => {
                self.now = value;
                self.now_set = true;
            }
            FormField::ResponseStatus => self.response.status = value,
            FormField::ResponseFailure => self.response.failure = value,
            FormField::ResponseHeaders => self.response.headers = value,
            FormField::ResponseBody => self.response.body = value,
        }
    }

    /// True when every field is empty.
    pub fn is_empty(&self) -> bool {
        FormField::ALL
            .iter()
            .all(|f| *f == FormField::Now || self.get(*f).is_empty())
            && !self.now_set
    }

    /// The form for a case (a scenario from the gallery).
    pub fn from_case(case: &Case) -> Form {
        let s = |v: &Option<String>| v.clone().unwrap_or_default();
        Form {
            endpoint: s(&case.endpoint),
            credential: case.credential.clone().unwrap_or_default(),
            auth_header: case.auth_header.clone().unwrap_or_else(|| "auto".into()),
            deployment: s(&case.deployment),
            api_version: s(&case.api_version),
            token: case.token.clone().unwrap_or_default(),
            organization: s(&case.organization),
            project: s(&case.project),
            client: s(&case.client),
            error_text: s(&case.error_text),
            now: s(&case.now),
            now_set: non_blank(&case.now),
            response: case
                .response
                .as_ref()
                .map(ResponseForm::from_response)
                .unwrap_or_default(),
        }
    }

    /// The case the form describes. Empty fields are absent; `auto` is absent (it
    /// means the same); the time is present only when it was set.
    pub fn to_case(&self) -> Case {
        let opt = |s: &str| (!s.is_empty()).then(|| s.to_string());
        let secret = |s: &Secret| (!s.expose().is_empty()).then(|| s.clone());
        let auth = self.auth_header.trim();
        Case {
            endpoint: opt(&self.endpoint),
            deployment: opt(&self.deployment),
            api_version: opt(&self.api_version),
            credential: secret(&self.credential),
            auth_header: (!auth.is_empty() && auth != "auto").then(|| auth.to_string()),
            token: secret(&self.token),
            organization: opt(&self.organization),
            project: opt(&self.project),
            client: opt(&self.client),
            error_text: opt(&self.error_text),
            response: self.response.to_response().0,
            now: if self.now_set {
                opt(self.now.trim())
            } else {
                None
            },
        }
    }
}

impl Form {
    /// The clock to diagnose the form with: the user's "Use now" keeps the clock even
    /// when the pasted output dates the failure.
    pub fn clock(&self, now: i64) -> Clock {
        if self.now_set && self.now.trim().is_empty() {
            Clock::live(now)
        } else {
            Clock::at(now)
        }
    }

    /// Diagnoses the form: the case it describes, through the one [`diagnose`].
    pub fn diagnose(&self, now: i64) -> FormDiagnosis {
        let case = self.to_case();
        let diagnosis = diagnose(&case, self.clock(now));
        FormDiagnosis {
            diagnosis,
            case,
            response_problem: self.response.to_response().1,
        }
    }
}

/// The diagnosis of the form, with the case it was made from (the probe and the
/// "go to field" links read it) and what the response form could not take.
#[derive(Clone, Debug, PartialEq)]
pub struct FormDiagnosis {
    /// The engine's diagnosis of [`FormDiagnosis::case`].
    pub diagnosis: Diagnosis,
    /// The case that was diagnosed.
    pub case: Case,
    /// Why part of the response form was left out, if it was.
    pub response_problem: Option<String>,
}

/// Which input a line of evidence points at, from how the engine starts it
/// (`credential: …`, `endpoint: …`, `error output, line 3: …`, `response 401: …`),
/// with the 1-based line of pasted output when it names one. Returns the target and
/// the length in bytes of the leading words that name it.
pub fn evidence_target(text: &str) -> Option<(FormField, Option<usize>, usize)> {
    const PREFIXES: &[(&str, FormField)] = &[
        ("endpoint", FormField::Endpoint),
        ("credential", FormField::Credential),
        ("deployment", FormField::Deployment),
        ("api-version", FormField::ApiVersion),
        ("api_version", FormField::ApiVersion),
        ("auth_header", FormField::AuthHeader),
        ("token", FormField::Token),
        ("organization", FormField::Organization),
        ("project", FormField::Project),
        ("client", FormField::Client),
        ("error output", FormField::ErrorText),
        ("error_text", FormField::ErrorText),
        ("response", FormField::ResponseStatus),
        ("the observed response", FormField::ResponseStatus),
        ("now", FormField::Now),
    ];
    let (field, rest, prefix_len) = PREFIXES.iter().find_map(|(p, f)| {
        let rest = text.strip_prefix(p)?;
        rest.starts_with([':', ',', ' '])
            .then_some((*f, rest, p.len()))
            .or_else(|| rest.is_empty().then_some((*f, rest, p.len())))
    })?;
    let mut line = None;
    let mut used = prefix_len;
    if let Some(after) = rest.strip_prefix(", line ") {
        let digits: String = after.chars().take_while(char::is_ascii_digit).collect();
        line = digits.parse().ok();
        used += ", line ".len() + digits.len();
    } else if field == FormField::ResponseStatus {
        let after = rest.trim_start_matches(' ');
        let digits = after.chars().take_while(char::is_ascii_digit).count();
        if digits == 3 {
            used += rest.len() - after.len() + digits;
        }
    }
    let next = text[used..].chars().next();
    matches!(next, None | Some(':') | Some(' ') | Some(',')).then_some((field, line, used))
}

// ---------------------------------------------------------------------------------
// Whitespace an <input> eats
// ---------------------------------------------------------------------------------

/// What an `<input>` shows for a value: line breaks removed (HTML "strip newlines").
pub fn strip_newlines(s: &str) -> String {
    s.chars().filter(|c| !matches!(c, '\n' | '\r')).collect()
}

/// The field's new raw value after an `input` event. An `<input>` cannot hold line
/// breaks, so the raw value keeps them (from a paste) for as long as the visible text
/// is unchanged; any edit makes the visible text the value.
pub fn merge_input(raw: &str, shown: &str) -> String {
    if strip_newlines(raw) == shown {
        raw.to_string()
    } else {
        shown.to_string()
    }
}

/// The field's raw value after pasting `pasted` over the selection `start..end`
/// (UTF-16 offsets into the visible text, as the DOM gives them). Line breaks in both
/// the old value and the paste are kept.
pub fn splice_paste(raw: &str, start: u32, end: u32, pasted: &str) -> String {
    let (start, end) = (start.min(end), start.max(end));
    let mut out = String::with_capacity(raw.len() + pasted.len());
    let mut shown_pos = 0u32; // UTF-16 offset in the visible text
    let mut inserted = false;
    for c in raw.chars() {
        let hidden = matches!(c, '\n' | '\r');
        if !inserted && shown_pos >= start && (!hidden || shown_pos > start) {
            out.push_str(pasted);
            inserted = true;
        }
        if hidden {
            // Line breaks inside the replaced range go with it.
            if !(inserted && shown_pos > start && shown_pos < end) {
                out.push(c);
            }
            continue;
        }
        let in_selection = shown_pos >= start && shown_pos < end;
        if !in_selection {
            out.push(c);
        }
        shown_pos += c.len_utf16() as u32;
    }
    if !inserted {
        out.push_str(pasted);
    }
    out
}

/// One piece of a secret's outline.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum OutlinePart {
    /// This many ordinary characters (never shown).
    Chars(usize),
    /// A character worth seeing, as a visible marker: `↵` for a line break, `␣` for a
    /// space, `⟨U+200B⟩` for an invisible one, or a quote as itself.
    Mark(String),
}

/// The shape of a secret with its damage made visible and its content hidden: e.g.
/// `[Chars(32), Mark("↵")]` for a key with a trailing newline. Empty when there is no
/// whitespace, quote or invisible character to show. At most 24 parts; the rest is
/// summed into the last `Chars`.
pub fn outline(raw: &str) -> Vec<OutlinePart> {
    let mut parts: Vec<OutlinePart> = Vec::new();
    let mut damaged = false;
    let mut run = 0usize;
    for c in raw.chars() {
        let mark = marker(c);
        match mark {
            Some(m) if parts.len() < 22 => {
                damaged = true;
                if run > 0 {
                    parts.push(OutlinePart::Chars(run));
                    run = 0;
                }
                parts.push(OutlinePart::Mark(m));
            }
            Some(_) => run += 1,
            None => run += 1,
        }
    }
    if !damaged {
        return Vec::new();
    }
    if run > 0 {
        parts.push(OutlinePart::Chars(run));
    }
    parts
}

fn marker(c: char) -> Option<String> {
    Some(match c {
        ' ' => "␣".into(),
        '\t' => "⇥".into(),
        '\n' => "↵".into(),
        '\r' => "␍".into(),
        '"' | '\'' | '\u{2018}' | '\u{2019}' | '\u{201C}' | '\u{201D}' => c.to_string(),
        '\u{00A0}' => "⟨NBSP⟩".into(),
        c if c.is_control() || is_invisible(c) => format!("⟨U+{:04X}⟩", c as u32),
        c if c.is_whitespace() => format!("⟨U+{:04X}⟩", c as u32),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::JudgedBy;

    const KEY: &str = "e9ec0002096ff0a43ae31e77050c2e15";

    #[test]
    fn the_outline_and_the_credential_check_see_the_same_characters() {
        use crate::diag::known::chars::INVISIBLE;
        use crate::diag::read::credential::{analyze, Damage};
        for row in INVISIBLE {
            for c in row.from..=row.to {
                let key = format!("{}{c}{}", &KEY[..16], &KEY[16..]);
                let damage = analyze(&key).damage;
                assert!(
                    damage.contains(&Damage::Invisible),
                    "U+{:04X}: {damage:?}",
                    c as u32
                );
                let marked = outline(&key)
                    .iter()
                    .any(|p| matches!(p, OutlinePart::Mark(m) if m.contains(&format!("{:04X}", c as u32))));
                assert!(marked, "U+{:04X} has no marker in the outline", c as u32);
            }
        }
    }

    #[test]
    fn form_round_trips_a_case() {
        let case = Case::from_json(
            r#"{"endpoint":"https://x.openai.azure.com/","credential":"k \n","auth_header":"api-key",
                "response":{"status":401,"headers":{"date":"Mon, 23 Nov 2026 09:00:00 GMT"},"body":"{}"},
                "now":"2026-11-23T09:00:00Z"}"#,
        )
        .unwrap();
        let form = Form::from_case(&case);
        assert_eq!(form.credential.expose(), "k \n");
        assert_eq!(form.response.status, "401");
        assert!(form.now_set);
        assert_eq!(form.to_case(), case);
        // An empty form is an empty case; "auto" means the same as nothing.
        let mut empty = Form::default();
        assert!(empty.is_empty());
        empty.auth_header = "auto".into();
        assert!(empty.to_case().is_empty());
    }

    #[test]
    fn response_form_reports_a_bad_status() {
        let rf = ResponseForm {
            status: "four-oh-one".into(),
            body: "x".into(),
            ..Default::default()
        };
        let (r, problem) = rf.to_response();
        assert_eq!(r.and_then(|r| r.status), None);
        assert!(problem.is_some_and(|p| p.contains("100 to 599")));
        let rf = ResponseForm {
            failure: "cors".into(),
            ..Default::default()
        };
        assert_eq!(
            rf.to_response().0.and_then(|r| r.failure),
            Some(BrowserFailure::Cors)
        );
    }

    #[test]
    fn typed_time_wins_and_clock_is_the_default() {
        let mut form = Form {
            endpoint: "https://x.openai.azure.com/".into(),
            ..Form::default()
        };
        let d = form.diagnose(1_000);
        assert_eq!(
            (d.diagnosis.judged_at, d.diagnosis.judged_by),
            (1_000, JudgedBy::Clock)
        );
        form.set(FormField::Now, "2026-11-23T09:00:00Z".into());
        let d = form.diagnose(1_000);
        assert_eq!(
            (d.diagnosis.judged_at, d.diagnosis.judged_by),
            (1_795_424_400, JudgedBy::Typed)
        );
        assert_eq!(d.case.now.as_deref(), Some("2026-11-23T09:00:00Z"));
    }

    #[test]
    fn pasted_output_dates_the_failure() {
        let form = Form {
            error_text:
                "HTTP/1.1 401 Unauthorized\r\nDate: Mon, 23 Nov 2026 09:00:00 GMT\r\n\r\n{}".into(),
            ..Form::default()
        };
        let d = form.diagnose(1_000);
        assert_eq!(d.diagnosis.evidence_when, Some(1_795_424_400));
        assert_eq!(
            (d.diagnosis.judged_at, d.diagnosis.judged_by),
            (1_795_424_400, JudgedBy::Evidence)
        );
        // The case stays as the user gave it: the time is the engine's choice.
        assert_eq!(d.case.now, None);
        // A time the user sets wins over the pasted one.
        let mut typed = form.clone();
        typed.set(FormField::Now, "2026-11-24T00:00:00Z".into());
        let d = typed.diagnose(1_000);
        assert_eq!(
            (d.diagnosis.judged_at, d.diagnosis.judged_by),
            (1_795_478_400, JudgedBy::Typed)
        );
        assert_eq!(d.diagnosis.evidence_when, Some(1_795_424_400));
        // "Use now": the clock, although the output is dated.
        let mut live = form;
        live.now_set = true;
        let d = live.diagnose(1_000);
        assert_eq!(
            (d.diagnosis.judged_at, d.diagnosis.judged_by),
            (1_000, JudgedBy::Clock)
        );
    }

    #[test]
    fn evidence_points_at_fields_and_lines() {
        assert_eq!(
            evidence_target("credential: a line break at the end"),
            Some((FormField::Credential, None, 10))
        );
        assert_eq!(
            evidence_target("error output, line 3: \"Access denied\""),
            Some((FormField::ErrorText, Some(3), 20))
        );
        assert_eq!(
            evidence_target("response 401: \"Unauthorized\""),
            Some((FormField::ResponseStatus, None, 12))
        );
        assert_eq!(evidence_target("endpoints are hard"), None);
        assert_eq!(evidence_target("A1 message"), None);
    }

    #[test]
    fn newline_preserving_input() {
        assert_eq!(strip_newlines("ab\r\nc\n"), "abc");
        assert_eq!(merge_input("abc\n", "abc"), "abc\n");
        assert_eq!(merge_input("abc\n", "abcd"), "abcd");
        // Paste a key with a trailing newline into an empty field.
        assert_eq!(splice_paste("", 0, 0, "key\n"), "key\n");
        // Paste over a selection that spans a hidden newline.
        assert_eq!(splice_paste("ab\ncd", 1, 3, "X"), "aXd");
        // Paste at the end keeps the earlier newline.
        assert_eq!(splice_paste("ab\n", 2, 2, "c\n"), "ab\nc\n");
        // Paste at the start.
        assert_eq!(splice_paste("ab", 0, 0, "\n"), "\nab");
        // UTF-16 offsets: an emoji is two units.
        assert_eq!(splice_paste("😀b", 2, 2, "\n"), "😀\nb");
    }

    #[test]
    fn outline_shows_damage_not_content() {
        assert!(outline(KEY).is_empty());
        let o = outline(&format!(" {KEY}\n"));
        assert_eq!(
            o,
            [
                OutlinePart::Mark("␣".into()),
                OutlinePart::Chars(32),
                OutlinePart::Mark("↵".into())
            ]
        );
        let o = outline("\u{201C}abc\u{200B}\u{201D}");
        assert_eq!(
            o,
            [
                OutlinePart::Mark("\u{201C}".into()),
                OutlinePart::Chars(3),
                OutlinePart::Mark("⟨U+200B⟩".into()),
                OutlinePart::Mark("\u{201D}".into())
            ]
        );
        let many = " a".repeat(1000);
        assert!(outline(&many).len() <= 24);
    }

    #[cfg(not(target_arch = "wasm32"))]
    mod never_panics {
        use super::super::*;
        use crate::diag::page::smart_paste::recognize;
        use proptest::prelude::*;

        /// Text that starts like each recognised format, then anything.
        fn pasteish() -> impl Strategy<Value = String> {
            let heads = prop::sample::select(vec![
                "",
                "curl ",
                "curl -H '",
                "$ curl https://x -H \"api-key: ",
                "export AZURE_OPENAI_API_KEY=\"",
                "AZURE_OPENAI_ENDPOINT=",
                "set \"",
                "$env:OPENAI_API_KEY = '",
                "{\"accessToken\": \"",
                "HTTP/1.1 401",
                "https://",
                "Bearer eyJ",
                "api_key=\"",
                "  - OPENAI_API_KEY: ",
                "POST https://",
            ]);
            (
                heads,
                "\\PC{0,200}",
                prop::sample::select(vec!["", "\n", "\r\n", "\\\n", "é😀\u{202E}"]),
                "\\PC{0,50}",
            )
                .prop_map(|(h, a, sep, b)| format!("{h}{a}{sep}{b}"))
        }

        proptest! {
            #[test]
            fn recognize_and_friends(text in pasteish(), start in 0u32..300, end in 0u32..300) {
                let r = recognize(&text);
                let _ = r.summary();
                let mut form = Form::default();
                form.apply(&r);
                let _ = form.to_case();
                let spliced = splice_paste(&text, start, end, "x\n");
                prop_assert!(spliced.contains("x\n"));
                let _ = merge_input(&text, &strip_newlines(&text));
                prop_assert!(outline(&text).len() <= 24);
                let _ = evidence_target(&text);
            }
        }
    }
}
