//! The smaller inputs: how the credential is sent, deployment name, api-version,
//! client library, OpenAI organization and project (`auth-failures.md` §5.3, §6, §8).
//!
//! Each reader judges its field on its own; rules combine them with the endpoint and the
//! evidence. Facts (api-versions, model ids) come from [`known`](crate::diag::known). Pasted text
//! is quoted back shortened, and text that looks like a key or token is never quoted.

use crate::diag::known::api_versions::{self, Stage};
use crate::diag::known::chars::{is_invisible, is_quote};
pub use crate::diag::known::clients::Library;
use crate::diag::known::clients::{
    regression, Regression, CLIENTS, DOTNET_HINTS, NODE_HINTS, VERSION_QUALIFIERS,
};
pub use crate::diag::known::headers::AuthHeader;
use crate::diag::known::key_shapes::looks_like_secret;
use crate::diag::known::models::{self, ModelMatch, Spelling};
use crate::diag::read::endpoint::{describe_char, percent_decode, quote};
use crate::diag::report::{Field, Finding, Severity};

fn is_space(c: char) -> bool {
    c.is_whitespace() || is_invisible(c)
}

/// Values that stand for a missing one: `None`, `null`, `<deployment-name>`,
/// `${AZURE_OPENAI_DEPLOYMENT}`, an environment variable's name.
fn looks_like_placeholder(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "none",
        "null",
        "undefined",
        "nil",
        "nan",
        "changeme",
        "todo",
        "tbd",
    ];
    const MARKERS: &[&str] = &[
        "${",
        "{{",
        "$(",
        "<",
        ">",
        "your-",
        "your_",
        "yourdeployment",
    ];
    crate::diag::parse::placeholder::looks_like_placeholder(text, WORDS, MARKERS)
}

// ---------------------------------------------------------------------------------------
// auth_header

/// The values the `auth_header` field takes (`shared/case-format.md`).
const AUTH_HEADER_VALUES: &str =
    "`api-key`, `authorization`, `ocp-apim-subscription-key` or `auto`";

/// Looks like an HTTP header name someone would send (`x-api-key`, `X-Auth-Token`):
/// letters, digits and hyphens, with at least one hyphen. SDK argument names
/// (`api_key`) and single words are not.
fn is_header_name(name: &str) -> bool {
    name.contains('-')
        && !name.starts_with('-')
        && name.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// Reads the `auth_header` field; another header name becomes `Other`, anything else
/// unknown `Auto`, each with a finding.
///
/// Accepts the exact values and a few spellings people write (`Authorization: Bearer`,
/// `Bearer`, `API-Key`); a header line that carries its value is read for the name only,
/// and the value is never quoted.
pub fn auth_header(raw: Option<&str>) -> (AuthHeader, Vec<Finding>) {
    let mut findings = Vec::new();
    let text = raw.unwrap_or("").trim_matches(is_space);
    if text.is_empty() {
        return (AuthHeader::Auto, findings);
    }
    let f = |severity, id: &str, message: String| {
        Finding::new(Field::AuthHeader, severity, id, message)
    };
    if text.len() > 100 || looks_like_secret(text) {
        findings.push(f(
            Severity::Warning,
            "auth-header-unknown",
            format!(
                "The header field holds something long or key-like (not shown here), not a header \
                 name. It takes {AUTH_HEADER_VALUES}; the key goes in the credential field."
            ),
        ));
        return (AuthHeader::Auto, findings);
    }
    // `Authorization: Bearer eyJ…`, `api-key: 0123…`, `Bearer eyJ…`: keep the name only.
    let (name, value) = match text.split_once(':') {
        Some((n, v)) => (n.trim(), v.trim()),
        None => match text.split_once(char::is_whitespace) {
            Some((n, v)) if n.eq_ignore_ascii_case("bearer") => (n, v.trim()),
            _ => (text, ""),
        },
    };
    let value_is_scheme_only = value.eq_ignore_ascii_case("bearer") || value.is_empty();
    if !value_is_scheme_only {
        findings.push(f(
            Severity::Warning,
            "auth-header-has-value",
            "The header field also holds a value after the name (not shown here). Only the \
             header name belongs here; the key or token goes in the credential field."
                .to_string(),
        ));
    }
    let norm = name.to_ascii_lowercase();
    let exact = AuthHeader::from_name(&norm).filter(|h| *h != AuthHeader::Other);
    let header = match norm.as_str() {
        _ if exact.is_some() => exact.map(|h| (h, None)),
        "auto" | "unknown" => Some((AuthHeader::Auto, None)),
        "bearer" | "authorization-bearer" | "authorization bearer" => Some((
            AuthHeader::Authorization,
            Some("Read as `Authorization: Bearer <credential>`."),
        )),
        "azure_ad_token" | "azure_ad_token_provider" | "azureadtokenprovider" => Some((
            AuthHeader::Authorization,
            Some(
                "Read as `Authorization: Bearer`: that is how `azure_ad_token` and \
                 `azure_ad_token_provider` send the token.",
            ),
        )),
        "subscription-key" => Some((
            AuthHeader::ApimSubscription,
            Some(
                "Read as `Ocp-Apim-Subscription-Key`; `subscription-key` is API Management's \
                 query-parameter name for the same key.",
            ),
        )),
        _ => None,
    };
    match header {
        Some((h, note)) => {
            if let Some(note) = note {
                findings.push(f(Severity::Info, "auth-header-read-as", note.to_string()));
            }
            (h, findings)
        }
        None => {
            let message = match norm.as_str() {
                "api_key" | "apikey" => "`api_key` is the SDK argument, not a header: the OpenAI \
                    client sends it as `Authorization: Bearer`, AzureOpenAI as `api-key` (and \
                    openai-python before 2.34.0 as both). Pick the header that goes out."
                    .to_string(),
                "x-api-key" => "`x-api-key` is Anthropic's header; Azure OpenAI reads `api-key` \
                    and OpenAI reads `Authorization: Bearer`."
                    .to_string(),
                _ if is_header_name(&norm) => format!(
                    "`{}` is not a header Azure OpenAI or OpenAI reads the credential from \
                     (they read `api-key` or `Authorization`); only a gateway set up with that \
                     name would see it. This field takes {AUTH_HEADER_VALUES}.",
                    quote(name)
                ),
                _ => format!(
                    "`{}` is not a header this doctor knows; it takes {AUTH_HEADER_VALUES}. \
                     Judged as unknown.",
                    quote(name)
                ),
            };
            findings.push(f(Severity::Warning, "auth-header-unknown", message));
            // A real header name (with a hyphen, like `x-api-key`) is what goes out; an SDK
            // argument (`api_key`) or a stray word says nothing about the header.
            let header = if is_header_name(&norm) {
                AuthHeader::Other
            } else {
                AuthHeader::Auto
            };
            (header, findings)
        }
    }
}

// ---------------------------------------------------------------------------------------
// api-version

/// What the api-version is.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ApiVersionStatus {
    /// Not given.
    Missing,
    /// A known GA version.
    Ga,
    /// A known, still-supported preview.
    Preview,
    /// `v1`, `latest` or `preview` (the v1 API's values).
    V1,
    /// A known version that was retired.
    Retired,
    /// Well-formed (a date) but not a version we know of.
    Unknown,
    /// Not an api-version at all; the text says what it looks like (a model version,
    /// a date turned into a timestamp by YAML, …).
    Malformed(String),
    /// Well-formed, and known never to have existed (`2023-11-01-preview`, A7).
    NotReal,
}

/// Everything learned from the api-version.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ApiVersionAnalysis {
    /// The value judged (from the field, or from the endpoint URL's query).
    pub value: Option<String>,
    /// What it is.
    pub status: ApiVersionStatus,
    /// Observations.
    pub findings: Vec<Finding>,
    /// What to use instead, when it should change: the cleaned-up version (quotes or a
    /// timestamp removed), or the latest GA version.
    pub suggested: Option<String>,
    /// The value has whitespace or control characters around it, so the version as sent
    /// (`2024-10-21%0D`) is not the one [`ApiVersionAnalysis::status`] judged.
    pub padded: bool,
}

/// What an api-version should look like, for messages.
const API_VERSION_SHAPE: &str =
    "An api-version is a date such as `2024-10-21` or `2024-12-01-preview`, or `v1` for the v1 API.";

/// Longest text judged as an api-version; the longest real one is 18 characters.
const MAX_API_VERSION_LEN: usize = 64;

/// One judgement: status, finding and suggestion.
struct Verdict {
    status: ApiVersionStatus,
    severity: Severity,
    id: &'static str,
    message: String,
    suggested: Option<String>,
}

impl Verdict {
    fn malformed(what: &str, id: &'static str, message: String, suggested: Option<String>) -> Self {
        Verdict {
            status: ApiVersionStatus::Malformed(what.to_string()),
            severity: Severity::Error,
            id,
            message,
            suggested,
        }
    }
}

/// Judges an api-version.
pub fn api_version(raw: Option<&str>) -> ApiVersionAnalysis {
    let Some(raw) = raw else {
        return ApiVersionAnalysis {
            value: None,
            status: ApiVersionStatus::Missing,
            findings: Vec::new(),
            suggested: None,
            padded: false,
        };
    };
    let mut findings = Vec::new();
    let f = |severity, id: &str, message: String| {
        Finding::new(Field::ApiVersion, severity, id, message)
    };
    let trimmed = raw.trim_matches(is_space);
    if trimmed.is_empty() {
        findings.push(f(
            Severity::Info,
            "api-version-empty",
            "The api-version is blank. Classic `/openai/deployments/` calls need one (without \
             it: 404 Resource not found); the v1 API does not."
                .to_string(),
        ));
        return ApiVersionAnalysis {
            value: Some(raw.to_string()),
            status: ApiVersionStatus::Missing,
            findings,
            suggested: None,
            padded: false,
        };
    }
    let padded = trimmed.len() != raw.len();
    if padded {
        findings.push(f(
            Severity::Warning,
            "api-version-whitespace",
            format!(
                "The api-version has whitespace or invisible characters around it (judged without \
                 them). If the configuration has them too, the query becomes `api-version={}`, \
                 which the service does not know.",
                api_version_as_sent(raw)
            ),
        ));
    }
    let verdict = if trimmed.len() > MAX_API_VERSION_LEN {
        Verdict::malformed(
            "far too long to be an api-version",
            "api-version-malformed",
            format!(
                "The api-version is {} characters long, so something else was pasted. \
                 {API_VERSION_SHAPE}",
                trimmed.chars().count()
            ),
            Some(api_versions::LATEST_GA.to_string()),
        )
    } else {
        judge_api_version_text(trimmed, &mut findings)
    };
    findings.push(f(verdict.severity, verdict.id, verdict.message));
    ApiVersionAnalysis {
        value: Some(raw.to_string()),
        status: verdict.status,
        findings,
        suggested: verdict.suggested,
        padded,
    }
}

/// The api-version as it goes out in the query: what surrounds the version
/// percent-encoded (`2024-10-21%0D`), the version itself shortened for display.
pub fn api_version_as_sent(raw: &str) -> String {
    let trimmed = raw.trim_matches(is_space);
    // `trimmed` is a slice of `raw`, so what lies around it is too.
    let rest = raw.trim_start_matches(is_space);
    let lead = raw.get(..raw.len() - rest.len()).unwrap_or("");
    let trail = rest.get(trimmed.len()..).unwrap_or("");
    format!(
        "{}{}{}",
        percent_encoded(lead),
        quote(trimmed),
        percent_encoded(trail)
    )
}

/// How characters travel in a query string: each UTF-8 byte as `%XX` (a carriage return
/// is `%0D`, a line feed `%0A`, a tab `%09`, a space `%20`, a BOM `%EF%BB%BF`). Long
/// runs are cut: only the first few characters tell what they are.
fn percent_encoded(text: &str) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if i == 8 {
            out.push('…');
            break;
        }
        let mut buf = [0u8; 4];
        for b in c.encode_utf8(&mut buf).bytes() {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Peels quotes and a pasted `api-version=` off, then judges the rest.
fn judge_api_version_text(text: &str, findings: &mut Vec<Finding>) -> Verdict {
    let unquoted = text.trim_matches(|c| is_quote(c) || is_space(c));
    if unquoted.len() != text.len() {
        let inner = judge_api_version_core(unquoted, &mut Vec::new());
        let clean = inner
            .suggested
            .clone()
            .filter(|_| {
                !matches!(
                    inner.status,
                    ApiVersionStatus::Ga | ApiVersionStatus::Preview | ApiVersionStatus::V1
                )
            })
            .unwrap_or_else(|| unquoted.to_string());
        return Verdict::malformed(
            "wrapped in quotes",
            "api-version-quoted",
            format!(
                "The api-version `{}` includes quote marks, which are sent as part of the value; \
                 the service knows no such version. Use `{}`.",
                quote(text),
                quote(&clean)
            ),
            Some(clean),
        );
    }
    let lower = text.to_ascii_lowercase();
    for prefix in [
        "?api-version=",
        "api-version=",
        "api_version=",
        "openai_api_version=",
        "azure_openai_api_version=",
    ] {
        if let Some(rest) = lower.strip_prefix(prefix) {
            let rest = text
                .get(prefix.len()..)
                .unwrap_or(rest)
                .trim_matches(is_space);
            findings.push(Finding::new(
                Field::ApiVersion,
                Severity::Warning,
                "api-version-parameter-name",
                format!(
                    "The api-version includes its name (`{}`); judged the value after `=`. In \
                     code, pass only the value.",
                    quote(text.get(..prefix.len()).unwrap_or(prefix))
                ),
            ));
            return judge_api_version_core(rest, findings);
        }
    }
    judge_api_version_core(text, findings)
}

/// A `YYYY-MM-DD` date with an optional `-preview`, as written.
struct DatedVersion<'a> {
    date: &'a str,
    preview: bool,
}

/// Reads the exact shape `YYYY-MM-DD` or `YYYY-MM-DD-preview` (any case).
fn dated_version(text: &str) -> Option<DatedVersion<'_>> {
    let date = text.get(..10)?;
    let rest = text.get(10..)?;
    let b = date.as_bytes();
    let shape = b.iter().enumerate().all(|(i, c)| {
        if i == 4 || i == 7 {
            *c == b'-'
        } else {
            c.is_ascii_digit()
        }
    });
    let preview = match rest.to_ascii_lowercase().as_str() {
        "" => false,
        "-preview" => true,
        _ => return None,
    };
    shape.then_some(DatedVersion { date, preview })
}

/// Whether `YYYY-MM-DD` is a calendar date (month 1–12, day 1–31).
fn is_calendar_date(date: &str) -> bool {
    let num = |r: std::ops::Range<usize>| date.get(r).and_then(|s| s.parse::<u32>().ok());
    matches!((num(5..7), num(8..10)), (Some(m), Some(d)) if (1..=12).contains(&m) && (1..=31).contains(&d))
}

/// The year, month and day in a date written another way (`2024/10/21`, `20241021`,
/// `2024-6-1`, `21.10.2024`), with `-preview` if it carried one; `None` when the order
/// is ambiguous or it is no date.
fn loose_date(text: &str) -> Option<(String, bool)> {
    let lower = text.to_ascii_lowercase();
    let (body, preview) = match lower.strip_suffix("preview") {
        Some(body) => (body, true),
        None => (lower.as_str(), false),
    };
    let body = body.trim_end_matches(['-', '_', '.', ' ', '/']);
    let parts: Vec<&str> = if body.len() == 8 && body.bytes().all(|b| b.is_ascii_digit()) {
        vec![body.get(..4)?, body.get(4..6)?, body.get(6..8)?]
    } else {
        body.split(['-', '/', '.', '_', ' ']).collect()
    };
    if parts.len() != 3
        || parts
            .iter()
            .any(|p| p.is_empty() || p.len() > 4 || !p.bytes().all(|b| b.is_ascii_digit()))
    {
        return None;
    }
    let n: Vec<u32> = parts.iter().filter_map(|p| p.parse().ok()).collect();
    let (y, m, d) = match (parts.first()?.len(), parts.get(2)?.len()) {
        (4, _) => (*n.first()?, *n.get(1)?, *n.get(2)?),
        (_, 4) if *n.first()? > 12 => (*n.get(2)?, *n.get(1)?, *n.first()?),
        (_, 4) if *n.get(1)? > 12 => (*n.get(2)?, *n.first()?, *n.get(1)?),
        _ => return None,
    };
    if !(2000..=2099).contains(&y) || !(1..=12).contains(&m) || !(1..=31).contains(&d) {
        return None;
    }
    Some((format!("{y:04}-{m:02}-{d:02}"), preview))
}

/// The date in a timestamp: `2023-05-15 00:00:00`, `2023-05-15T00:00:00Z`, or a
/// JavaScript date string `Mon May 15 2023 00:00:00 GMT+0000`.
fn timestamp_date(text: &str) -> Option<String> {
    if let Some(d) = dated_version(text.get(..10).unwrap_or("")) {
        let sep = text.as_bytes().get(10).copied();
        if matches!(sep, Some(b'T' | b't' | b' '))
            && text.get(11..).is_some_and(|r| r.contains(':'))
        {
            return Some(d.date.to_string());
        }
    }
    const MONTHS: [&str; 12] = [
        "jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec",
    ];
    let lower = text.to_ascii_lowercase();
    if !(lower.contains("gmt") || lower.contains("utc")) {
        return None;
    }
    let words: Vec<&str> = lower.split_whitespace().collect();
    let month_at = words
        .iter()
        .position(|w| MONTHS.iter().any(|m| w.starts_with(m)))?;
    let month = MONTHS
        .iter()
        .position(|m| words.get(month_at).is_some_and(|w| w.starts_with(m)))?
        + 1;
    let day: u32 = words
        .get(month_at + 1)?
        .trim_end_matches(',')
        .parse()
        .ok()?;
    let year: u32 = words.get(month_at + 2)?.parse().ok()?;
    ((1..=31).contains(&day) && (2000..=2099).contains(&year))
        .then(|| format!("{year:04}-{month:02}-{day:02}"))
}

/// The version to suggest for a date and preview flag: that exact version when known,
/// else its GA or preview sibling when that one is known, else the text as built.
fn nearest_known(date: &str, preview: bool) -> String {
    let exact = if preview {
        format!("{date}-preview")
    } else {
        date.to_string()
    };
    if api_versions::find(&exact).is_some() {
        return exact;
    }
    let sibling = if preview {
        date.to_string()
    } else {
        format!("{date}-preview")
    };
    if api_versions::find(&sibling).is_some() {
        sibling
    } else {
        exact
    }
}

/// Judges the bare value.
fn judge_api_version_core(text: &str, findings: &mut Vec<Finding>) -> Verdict {
    let lower = text.to_ascii_lowercase();
    let latest = api_versions::LATEST_GA;

    if api_versions::V1_VALUES.iter().any(|(v, _)| *v == lower) {
        return Verdict {
            status: ApiVersionStatus::V1,
            severity: Severity::Ok,
            id: "api-version-ok",
            message: format!(
                "`{}` is a value for the v1 API (`/openai/v1/…`), where api-version is optional. \
                 Classic `/openai/deployments/…` calls need a dated version such as `{latest}`.",
                quote(text)
            ),
            suggested: None,
        };
    }

    if let Some(d) = dated_version(text) {
        if text != lower {
            findings.push(Finding::new(
                Field::ApiVersion,
                Severity::Warning,
                "api-version-case",
                format!(
                    "`{}` has capital letters; api-versions are written in lower case \
                     (`{lower}`), and the service may not match other spellings.",
                    quote(text)
                ),
            ));
        }
        return judge_dated(text, &lower, &d);
    }

    if let Some(date) = timestamp_date(text) {
        let known = api_versions::find(&date).map(|k| k.stage);
        let also = match known {
            Some(Stage::Ga) => " (a GA version)",
            Some(Stage::Preview) => " (a preview version)",
            _ => "",
        };
        return Verdict::malformed(
            "a date turned into a timestamp",
            "api-version-timestamp",
            format!(
                "`{}` is a date turned into a timestamp: YAML reads an unquoted `{date}` as a date, \
                 and a date type prints with a time. Write it as the text `\"{date}\"`{also}.",
                quote(text)
            ),
            Some(date),
        );
    }

    if let Some(m) = models::lookup(text) {
        return Verdict::malformed(
            "a model id",
            "api-version-model-version",
            format!(
                "`{}` is a model id ({}), not an api-version. {API_VERSION_SHAPE} `{latest}` is \
                 the latest GA.",
                quote(text),
                m.model.id
            ),
            Some(latest.to_string()),
        );
    }

    // `1106-Preview`, `0613`: a model version (gh:haibbo/cf-openai-azure-proxy#65, A7).
    let (digits, preview) = match lower.strip_suffix("-preview") {
        Some(d) => (d, true),
        None => (lower.as_str(), false),
    };
    if digits.len() == 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
        let is_year = !preview && (digits.starts_with("20") || digits.starts_with("19"));
        if is_year {
            return Verdict::malformed(
                "only a year",
                "api-version-malformed",
                format!("`{}` is only a year. {API_VERSION_SHAPE}", quote(text)),
                Some(latest.to_string()),
            );
        }
        return Verdict::malformed(
            "a model version",
            "api-version-model-version",
            format!(
                "`{}` is a model version (as in `gpt-4-{}`), not an api-version. \
                 {API_VERSION_SHAPE} `{latest}` is the latest GA.",
                quote(text),
                quote(&lower)
            ),
            Some(latest.to_string()),
        );
    }
    if lower == "vision-preview" || lower == "turbo" {
        return Verdict::malformed(
            "a model version",
            "api-version-model-version",
            format!(
                "`{}` is part of a model id (as in `gpt-4-vision-preview`), not an api-version. \
                 {API_VERSION_SHAPE}",
                quote(text)
            ),
            Some(latest.to_string()),
        );
    }

    if let Some((date, preview)) = loose_date(text) {
        let fixed = nearest_known(&date, preview);
        return Verdict::malformed(
            "a date written the wrong way",
            "api-version-format",
            format!(
                "`{}` is written the wrong way; api-versions are `YYYY-MM-DD` with hyphens \
                 (optionally `-preview`). Use `{fixed}`.",
                quote(text)
            ),
            Some(fixed),
        );
    }

    // A date with something stuck to it: `2024-10-21preview`, `2024-10-21_preview`.
    if let Some(d) = dated_version(text.get(..10).unwrap_or("")) {
        let fixed = nearest_known(d.date, lower.contains("preview"));
        return Verdict::malformed(
            "a date with extra text",
            "api-version-format",
            format!(
                "`{}` has extra text after the date; api-versions are `YYYY-MM-DD` or \
                 `YYYY-MM-DD-preview`. Did you mean `{fixed}`?",
                quote(text)
            ),
            Some(fixed),
        );
    }

    let what = if text
        .bytes()
        .all(|b| b.is_ascii_digit() || b == b'.' || b == b'v' || b == b'V')
    {
        "a version number, not a date"
    } else {
        "not an api-version"
    };
    Verdict::malformed(
        what,
        "api-version-malformed",
        format!("`{}` is {what}. {API_VERSION_SHAPE}", quote(text)),
        Some(latest.to_string()),
    )
}

/// Judges `YYYY-MM-DD[-preview]` against the table.
fn judge_dated(text: &str, lower: &str, d: &DatedVersion<'_>) -> Verdict {
    let latest = api_versions::LATEST_GA;
    if !is_calendar_date(d.date) {
        return Verdict::malformed(
            "not a real date",
            "api-version-malformed",
            format!("`{}` is not a real date. {API_VERSION_SHAPE}", quote(text)),
            Some(latest.to_string()),
        );
    }
    if !d.preview {
        if let Some(model) = models::model_of_version_date(d.date) {
            return Verdict::malformed(
                "a model version",
                "api-version-model-version",
                format!(
                    "`{}` is the version date of the model {model}, not an api-version. Use an \
                     api-version such as `{latest}`.",
                    quote(text)
                ),
                Some(latest.to_string()),
            );
        }
    }
    let Some(known) = api_versions::find(lower) else {
        // A sibling that exists: `2024-08-01` → `2024-08-01-preview`, and the reverse.
        let sibling = if d.preview {
            d.date.to_string()
        } else {
            format!("{}-preview", d.date)
        };
        if let Some(k) =
            api_versions::find(&sibling).filter(|k| matches!(k.stage, Stage::Ga | Stage::Preview))
        {
            return Verdict {
                status: ApiVersionStatus::Unknown,
                severity: Severity::Warning,
                id: "api-version-unknown",
                message: format!(
                    "`{}` is not a version this doctor knows, but `{}` is. Unknown versions are \
                     answered with 404 Resource not found.",
                    quote(text),
                    k.version
                ),
                suggested: Some(k.version.to_string()),
            };
        }
        let newer = d.date > api_versions::newest_known_date();
        return Verdict {
            status: ApiVersionStatus::Unknown,
            severity: if newer {
                Severity::Info
            } else {
                Severity::Warning
            },
            id: "api-version-unknown",
            message: if newer {
                format!(
                    "`{}` is newer than the versions this doctor knows; fine if the service \
                     lists it. If calls get 404 Resource not found, try `{latest}`.",
                    quote(text)
                )
            } else {
                format!(
                    "`{}` is not an api-version this doctor knows; unknown versions are answered \
                     with 404 Resource not found. `{latest}` is the latest GA.",
                    quote(text)
                )
            },
            suggested: (!newer).then(|| latest.to_string()),
        };
    };
    let note = if known.note.is_empty() {
        String::new()
    } else {
        format!(" ({})", known.note)
    };
    match known.stage {
        Stage::Ga => Verdict {
            status: ApiVersionStatus::Ga,
            severity: Severity::Ok,
            id: "api-version-ok",
            message: if known.version == latest {
                format!("`{}`: the latest GA api-version.", quote(text))
            } else {
                format!(
                    "`{}`: a GA api-version. The latest GA is `{latest}`; newer models may need \
                     it or a recent preview.",
                    quote(text)
                )
            },
            suggested: (text != lower).then(|| lower.to_string()),
        },
        Stage::Preview => Verdict {
            status: ApiVersionStatus::Preview,
            severity: Severity::Ok,
            id: "api-version-ok",
            message: format!(
                "`{}`: a preview api-version{note}. Previews are retired over time; `{latest}` \
                 (GA) or the v1 API last longer.",
                quote(text)
            ),
            suggested: (text != lower).then(|| lower.to_string()),
        },
        Stage::Retired => Verdict {
            status: ApiVersionStatus::Retired,
            severity: Severity::Warning,
            id: "api-version-retired",
            message: format!(
                "`{}` was {}; calls with it may be refused (404 Resource not found or 400 API \
                 version not supported). Use `{latest}` or a newer preview.",
                quote(text),
                if known.note.is_empty() {
                    "retired"
                } else {
                    known.note
                }
            ),
            suggested: Some(latest.to_string()),
        },
        Stage::NotReal => Verdict {
            status: ApiVersionStatus::NotReal,
            severity: Severity::Error,
            id: "api-version-not-real",
            message: format!(
                "`{}` was never a real api-version; calls with it get 404 Resource not found. Use \
                 `{latest}`.",
                quote(text)
            ),
            suggested: Some(latest.to_string()),
        },
    }
}

/// The oldest api-version that serves `model`, when `api_version` is older than it
/// (`auth-failures.md` A8: o-series models need `2024-12-01-preview` or later). `None`
/// when the version is new enough, is not a date (`v1`), or nothing is known.
pub fn api_version_too_old_for(api_version: &str, model: &str) -> Option<&'static str> {
    let min = models::lookup(model)?.model.min_api_version?;
    let v = dated_version(api_version.trim())?;
    (v.date < min.get(..10)?).then_some(min)
}

// ---------------------------------------------------------------------------------------
// deployment

/// Everything learned from the deployment name.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct DeploymentAnalysis {
    /// The model id the name looks like (`gpt-4o`, `gpt-35-turbo`), if it looks like one.
    pub looks_like_model: Option<String>,
    /// Observations.
    pub findings: Vec<Finding>,
    /// The known model behind [`DeploymentAnalysis::looks_like_model`]: spelling (Azure or
    /// OpenAI), whether the name carried a version, the oldest api-version serving it.
    pub model: Option<ModelMatch>,
    /// The name to use, when it differs from what was given and can be told: without
    /// surrounding whitespace or quotes, the part after a Foundry `connection/`, decoded.
    pub suggested: Option<String>,
}

/// Longest name judged in detail. The limit on deployment names is UNCONFIRMED
/// (`auth-failures.md` 6.1); past this it is something else.
const MAX_DEPLOYMENT_LEN: usize = 256;

/// Judges a deployment name (`auth-failures.md` §6.1): accepts `[A-Za-z0-9._-]` quietly,
/// warns on spaces, `/`, `?`, `#`, percent-encoding and other characters, and notes when
/// the name is a model id (a hint only: many teams name deployments after models).
pub fn deployment(raw: Option<&str>) -> DeploymentAnalysis {
    let mut out = DeploymentAnalysis::default();
    let Some(raw) = raw else {
        return out;
    };
    let mut push = |severity, id: &str, message: String| {
        out.findings
            .push(Finding::new(Field::Deployment, severity, id, message));
    };
    let trimmed = raw.trim_matches(is_space);
    if trimmed.is_empty() {
        push(
            Severity::Warning,
            "deployment-empty",
            "The deployment name is blank; the request path then has no deployment.".into(),
        );
        return out;
    }
    if looks_like_secret(trimmed) {
        push(
            Severity::Error,
            "deployment-looks-like-secret",
            "The deployment field holds what looks like a key or token (not shown here), not a \
             deployment name."
                .into(),
        );
        return out;
    }
    let chars = trimmed.chars().count();
    if chars > MAX_DEPLOYMENT_LEN {
        push(
            Severity::Warning,
            "deployment-long",
            format!(
                "The deployment name is {chars} characters long; something else was pasted here."
            ),
        );
        return out;
    }
    let mut suggested: Option<String> = None;
    if trimmed.len() != raw.len() {
        push(
            Severity::Warning,
            "deployment-whitespace",
            format!(
                "The deployment name has whitespace or invisible characters around it (judged \
                 without them); in the request path they make a name that does not exist. Use \
                 `{}`.",
                quote(trimmed)
            ),
        );
        suggested = Some(trimmed.to_string());
    }
    let name = trimmed.trim_matches(|c| is_quote(c) || is_space(c));
    if name.len() != trimmed.len() {
        push(
            Severity::Warning,
            "deployment-quoted",
            format!(
                "The deployment name is wrapped in quotes, which become part of the name. Use `{}`.",
                quote(name)
            ),
        );
        suggested = Some(name.to_string());
    }
    if name.is_empty() {
        return out;
    }
    if looks_like_placeholder(name) {
        push(
            Severity::Error,
            "deployment-placeholder",
            format!(
                "The deployment `{}` is a placeholder, a variable name or an unexpanded variable: \
                 the app never got the real name. Use the name on the resource's Deployments page.",
                quote(name)
            ),
        );
        out.suggested = None;
        return out;
    }

    let lower = name.to_ascii_lowercase();
    if lower.contains("://")
        || lower.contains("/openai/deployments/")
        || lower.starts_with("/openai")
    {
        let inner = lower
            .find("/deployments/")
            .and_then(|i| name.get(i + "/deployments/".len()..))
            .and_then(|rest| rest.split(['/', '?', '#']).next())
            .filter(|d| !d.is_empty())
            .map(percent_decode);
        push(
            Severity::Warning,
            "deployment-url",
            format!(
                "The deployment field holds a URL or path, not a name.{}",
                inner
                    .as_ref()
                    .map(|d| format!(" The name in it is `{}`.", quote(d)))
                    .unwrap_or_default()
            ),
        );
        out.suggested = inner;
        return out;
    }
    if let Some((connection, dep)) = name.rsplit_once('/') {
        push(
            Severity::Warning,
            "deployment-slash",
            format!(
                "`{}` has a `/`. The `connection/deployment` form works only inside Foundry SDK \
                 evaluators; the API wants the deployment name alone{}.",
                quote(name),
                if dep.is_empty() {
                    String::new()
                } else {
                    format!(
                        " (`{}`, after connection `{}`)",
                        quote(dep),
                        quote(connection)
                    )
                }
            ),
        );
        if !dep.is_empty() {
            suggested = Some(dep.to_string());
        }
    }
    if name.contains(char::is_whitespace) {
        push(
            Severity::Warning,
            "deployment-space",
            format!(
                "`{}` contains a space. Deployment names in the portal have none; check the exact \
                 name on the Deployments page.",
                quote(name)
            ),
        );
    }
    if name.contains(['?', '#']) {
        push(
            Severity::Warning,
            "deployment-reserved-character",
            format!(
                "`{}` contains `?` or `#`, which end the path in a URL; the service sees a shorter \
                 name.",
                quote(name)
            ),
        );
    }
    let decoded = percent_decode(name);
    if decoded != name {
        push(
            Severity::Warning,
            "deployment-percent-encoded",
            format!(
                "`{}` is percent-encoded (`{}`); give the name as shown in the portal and let the \
                 SDK encode it.",
                quote(name),
                quote(&decoded)
            ),
        );
        suggested = Some(decoded);
    }
    // Other characters outside [A-Za-z0-9._-] (the quiet set of 6.1).
    let mut odd: Vec<char> = Vec::new();
    for c in name.chars() {
        let quiet = c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-');
        let reported = c.is_whitespace() || matches!(c, '/' | '?' | '#' | '%');
        if !quiet && !reported && !odd.contains(&c) && odd.len() < 3 {
            odd.push(c);
        }
    }
    if !odd.is_empty() {
        let names: Vec<String> = odd.iter().map(|c| describe_char(*c)).collect();
        push(
            if odd.iter().any(|c| !c.is_ascii()) {
                Severity::Warning
            } else {
                Severity::Info
            },
            "deployment-unusual-character",
            format!(
                "`{}` contains {}; deployment names are usually letters, digits, `-`, `_` and `.`. \
                 A pasted smart quote or invisible character makes a name that does not exist.",
                quote(name),
                names.join(", ")
            ),
        );
    }

    // The name the service would see once fixed: after a `connection/`, decoded.
    let effective = suggested.clone().unwrap_or_else(|| name.to_string());
    if let Some(m) = models::lookup(&effective) {
        let name = effective.as_str();
        let id = m.model.id;
        out.looks_like_model = Some(id.to_string());
        out.model = Some(m);
        let message = match (m.model.spelling, m.model.counterpart) {
            (Spelling::OpenAiOnly, Some(azure)) => format!(
                "`{}` is OpenAI's model id (Azure calls this model `{azure}`). On Azure the \
                 deployment name is your own: use the name on the Deployments page \
                 (a model id there gives 404 DeploymentNotFound). On OpenAI this is the model.",
                quote(name)
            ),
            _ if m.dated => format!(
                "`{}` is a model id with its version. On Azure, deployment names rarely carry the \
                 version: use the name on the Deployments page. On OpenAI this is the model.",
                quote(name)
            ),
            _ => format!(
                "`{}` is also a model id. On Azure that is fine if the deployment is named so; if \
                 not, use the name on the Deployments page (a model id there gives 404 \
                 DeploymentNotFound). On OpenAI this is the model.",
                quote(name)
            ),
        };
        push(Severity::Info, "deployment-looks-like-model", message);
    }

    let problem = out
        .findings
        .iter()
        .any(|f| matches!(f.severity, Severity::Error | Severity::Warning));
    if !problem {
        out.findings.push(Finding::new(
            Field::Deployment,
            Severity::Ok,
            "deployment-ok",
            format!("`{}` is a well-formed deployment name.", quote(name)),
        ));
    }
    out.suggested = suggested.filter(|s| s != raw && !s.is_empty());
    out
}

// ---------------------------------------------------------------------------------------
// client

/// What the `client` field says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ClientInfo {
    /// The library.
    pub library: Library,
    /// Its version, when given. Parts not given are 0: see
    /// [`ClientInfo::version_parts`].
    pub version: Option<(u32, u32, u32)>,
    /// Observations.
    pub findings: Vec<Finding>,
    /// How the doctor names the library in messages (`openai-python`, `Azure.AI.OpenAI`,
    /// `curl`, or the text given when unknown).
    pub name: String,
    /// How many parts of the version were given: `2.x` is 1, `1.52` is 2, `2.34.0` is 3;
    /// 0 without a version.
    pub version_parts: u8,
    /// The version came from a range such as `>=2.30` or `^4.0`: a lower bound, not the
    /// installed version.
    pub version_is_minimum: bool,
    /// The client field as given (trimmed), for what the parsed version leaves out
    /// (`1.0.0b4`, `1.0.0-beta.5`).
    pub text: String,
}

/// Client notes about how `AzureOpenAI` (and Azure.Core) behave against Azure: they do not
/// apply to calls to api.openai.com.
const AZURE_ONLY_NOTES: &[&str] = &[
    "client-api-key-only",
    "client-sends-both-headers",
    "client-no-version",
    "client-openai-python-0x",
    "client-node-azure",
    "client-azure-core-status",
];

impl ClientInfo {
    /// The known regression of this client's version (`known::clients::REGRESSIONS`), with
    /// the version as written, if there is one. A range (`>=1.84`) names no version.
    pub fn regression(&self) -> Option<(&'static Regression, &str)> {
        if self.version_is_minimum {
            return None;
        }
        self.text
            .split(|c: char| c.is_whitespace() || "=@,()/:;".contains(c))
            .find_map(|word| regression(&self.name, word).map(|r| (r, word)))
    }

    /// Drops the notes that are about Azure only, for a call to another kind of endpoint.
    pub fn drop_azure_notes(&mut self) {
        self.findings
            .retain(|f| !AZURE_ONLY_NOTES.contains(&f.id.as_str()));
    }

    /// openai-python 2.34.0 or later: `AzureOpenAI(api_key=…)` sends only `api-key`
    /// (`auth-failures.md` §8.1, openai-python #3282).
    pub fn sends_api_key_only(&self) -> bool {
        self.library == Library::OpenAiPython && self.version.is_some_and(|v| v >= (2, 34, 0))
    }

    /// Whether `AzureOpenAI(api_key=…)` sends only `api-key`, as far as the version tells:
    /// `Some(true)` from openai-python 2.34.0 on, `Some(false)` before it (it sent both
    /// `api-key` and `Authorization: Bearer`), `None` when the version does not decide (no
    /// version, `2.x`, `>=2.0`) or the library is not openai-python.
    pub fn api_key_only(&self) -> Option<bool> {
        if self.library != Library::OpenAiPython {
            return None;
        }
        let (major, minor, _) = self.version?;
        let at_least = major > 2 || (major == 2 && self.version_parts >= 2 && minor >= 34);
        if at_least {
            return Some(true);
        }
        if self.version_is_minimum {
            return None;
        }
        match (major, self.version_parts) {
            (0 | 1, _) => Some(false),
            (2, p) if p >= 2 => Some(false),
            _ => None,
        }
    }
}

/// The version that belongs to the name ending at `end`: after the rest of the name's
/// token (`-cli`, `.exe`) only separators, range operators and the words of
/// [`VERSION_QUALIFIERS`] may come before it.
fn version_after_name(text: &str, end: usize) -> Option<((u32, u32, u32), u8, bool)> {
    let bytes = text.as_bytes();
    let mut i = end.min(bytes.len());
    if !bytes.get(i).is_some_and(u8::is_ascii_digit) {
        // The rest of the name: `-cli`, `.exe`, `/openai` of a scoped npm name.
        let next_is_letter = |j: usize| bytes.get(j + 1).is_some_and(u8::is_ascii_alphabetic);
        while bytes.get(i).is_some_and(|b| {
            b.is_ascii_alphanumeric()
                || matches!(b, b'-' | b'_' | b'.')
                || (*b == b'/' && next_is_letter(i))
        }) {
            i += 1;
        }
    }
    loop {
        match bytes.get(i) {
            Some(b) if b.is_ascii_digit() => return find_version(text, end),
            Some(b'v' | b'V') if bytes.get(i + 1).is_some_and(u8::is_ascii_digit) => {
                return find_version(text, end)
            }
            Some(b) if b.is_ascii_whitespace() || b"/@=:^~<>(),".contains(b) => i += 1,
            Some(b) if b.is_ascii_alphabetic() || *b == b'.' => {
                let start = i;
                while bytes
                    .get(i)
                    .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'.')
                {
                    i += 1;
                }
                let word = text
                    .get(start..i)?
                    .trim_start_matches('.')
                    .to_ascii_lowercase();
                if !VERSION_QUALIFIERS.contains(&word.as_str()) {
                    return None;
                }
            }
            _ => return None,
        }
    }
}

/// Longest client text read.
const MAX_CLIENT_LEN: usize = 200;

/// Where `openai` stands as a package name of its own: not inside a longer name such as
/// `azure-ai-openai`, `spring-ai-openai` or `openai4j`.
fn bare_openai(lower: &str) -> Option<usize> {
    let bytes = lower.as_bytes();
    lower.match_indices("openai").map(|(i, _)| i).find(|&i| {
        let before = i.checked_sub(1).and_then(|j| bytes.get(j));
        let after = bytes.get(i + "openai".len());
        !before.is_some_and(|b| b.is_ascii_alphanumeric() || b"-_./:@".contains(b))
            && !after.is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_')
    })
}

/// A version in the text from `from` on: `(major, minor, patch)`, how many parts were
/// given, and whether a range operator (`>=`, `^`, `~`) came before it.
fn find_version(text: &str, from: usize) -> Option<((u32, u32, u32), u8, bool)> {
    let bytes = text.as_bytes();
    let mut i = from.min(bytes.len());
    while i < bytes.len() {
        let b = bytes[i];
        let starts = b.is_ascii_digit()
            && (i == 0
                || !bytes[i - 1].is_ascii_alphanumeric()
                || matches!(bytes[i - 1], b'v' | b'V'));
        if !starts {
            i += 1;
            continue;
        }
        let mut parts: Vec<u32> = Vec::new();
        let mut j = i;
        loop {
            let start = j;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
            let Some(n) = text.get(start..j).and_then(|s| s.parse::<u32>().ok()) else {
                break;
            };
            parts.push(n);
            if parts.len() == 3
                || bytes.get(j) != Some(&b'.')
                || !bytes.get(j + 1).is_some_and(u8::is_ascii_digit)
            {
                break;
            }
            j += 1;
        }
        if parts.is_empty() {
            i = j.max(i + 1);
            continue;
        }
        let before = text.get(from.min(i)..i).unwrap_or("");
        let before = before.trim_end_matches(['v', 'V', ' ', '=']);
        let minimum = before.ends_with(['>', '^', '~']);
        let count = parts.len() as u8;
        let v = (
            parts.first().copied().unwrap_or(0),
            parts.get(1).copied().unwrap_or(0),
            parts.get(2).copied().unwrap_or(0),
        );
        return Some((v, count, minimum));
    }
    None
}

/// Reads the `client` field.
pub fn client(raw: Option<&str>) -> Option<ClientInfo> {
    let raw = raw?;
    let text = raw.trim_matches(is_space);
    if text.is_empty() {
        return None;
    }
    let mut info = ClientInfo {
        library: Library::Other,
        version: None,
        findings: Vec::new(),
        name: String::new(),
        version_parts: 0,
        version_is_minimum: false,
        text: text.chars().take(MAX_CLIENT_LEN).collect(),
    };
    let f =
        |severity, id: &str, message: String| Finding::new(Field::Client, severity, id, message);
    if text.len() > MAX_CLIENT_LEN || looks_like_secret(text) {
        info.name = "an unknown client".into();
        info.findings.push(f(
            Severity::Info,
            "client-unknown",
            "The client field holds something long or key-like (not shown here); give the \
             library and its version, such as `openai-python 2.34.0`."
                .into(),
        ));
        return Some(info);
    }
    let lower = text.to_ascii_lowercase();
    let mut note = "";
    let mut needle_end = 0;
    if let Some(a) = CLIENTS.iter().find(|a| lower.contains(a.needle)) {
        info.library = a.library;
        info.name = a.name.to_string();
        note = a.note;
        needle_end = lower.find(a.needle).map_or(0, |i| i + a.needle.len());
    } else if let Some(i) = bare_openai(&lower) {
        needle_end = i + "openai".len();
        let hinted = |hints: &[&str]| hints.iter().any(|h| lower.contains(h));
        let (library, name) = if hinted(NODE_HINTS) {
            (Library::OpenAiNode, "openai-node")
        } else if hinted(DOTNET_HINTS) {
            (Library::OpenAiDotnet, "OpenAI .NET")
        } else {
            (Library::OpenAiPython, "openai-python")
        };
        info.library = library;
        info.name = name.to_string();
    } else {
        info.name = quote(text);
    }

    // A known name's version follows the name; an unknown client is quoted whole.
    let found = if info.library == Library::Other && note.is_empty() && info.name == quote(text) {
        find_version(text, 0)
    } else {
        version_after_name(text, needle_end)
    };
    if let Some((v, parts, minimum)) = found {
        info.version = Some(v);
        info.version_parts = parts;
        info.version_is_minimum = minimum;
    }
    // A bare `openai 4.x` is Node: openai-python never had a 4.x (HEAD is 3.x, 8.1).
    let bare_openai = !CLIENTS.iter().any(|a| lower.contains(a.needle));
    if bare_openai
        && info.library == Library::OpenAiPython
        && info.version.is_some_and(|v| v.0 >= 4)
    {
        info.library = Library::OpenAiNode;
        info.name = "openai-node".into();
        info.findings.push(f(
            Severity::Info,
            "client-read-as",
            "Read as openai-node: openai-python has no 4.x or later release.".into(),
        ));
    }

    let version_text = match (info.version, info.version_parts) {
        (Some((a, _, _)), 1) => format!(" {a}.x"),
        (Some((a, b, _)), 2) => format!(" {a}.{b}"),
        (Some((a, b, c)), _) => format!(" {a}.{b}.{c}"),
        (None, _) => String::new(),
    };
    let range = if info.version_is_minimum {
        " or later"
    } else {
        ""
    };
    let known = info.library != Library::Other || CLIENTS.iter().any(|a| lower.contains(a.needle));
    if known {
        info.findings.push(f(
            Severity::Ok,
            "client-ok",
            format!("Read as {}{version_text}{range}.", info.name),
        ));
    } else {
        info.findings.push(f(
            Severity::Info,
            "client-unknown",
            format!(
                "`{}` is not a client this doctor knows; it is judged by the endpoint and the \
                 evidence alone.",
                quote(text)
            ),
        ));
    }
    if !note.is_empty() {
        info.findings
            .push(f(Severity::Info, "client-note", note.to_string()));
    }
    if info.version_is_minimum {
        info.findings.push(f(
            Severity::Info,
            "client-version-range",
            format!(
                "`{}` gives a range; the installed version decides (`pip show openai`, \
                 `npm ls openai`).",
                quote(text)
            ),
        ));
    }

    match info.library {
        Library::OpenAiPython => {
            match info.api_key_only() {
                Some(true) => info.findings.push(f(
                    Severity::Info,
                    "client-api-key-only",
                    "openai-python 2.34.0 and later send `AzureOpenAI(api_key=…)` only as \
                     `api-key`: an Entra ID token passed as `api_key` is rejected. Pass tokens \
                     with `azure_ad_token_provider` (openai-python #3282)."
                        .into(),
                )),
                Some(false) if info.version.is_some_and(|v| v.0 >= 1) => info.findings.push(f(
                    Severity::Info,
                    "client-sends-both-headers",
                    "openai-python before 2.34.0 sends `AzureOpenAI(api_key=…)` both as `api-key` \
                     and as `Authorization: Bearer`; upgrading to 2.34.0 or later drops the \
                     Bearer header (openai-python #3282)."
                        .into(),
                )),
                _ => {}
            }
            if info.version.is_some_and(|v| v.0 == 0) {
                info.findings.push(f(
                    Severity::Info,
                    "client-openai-python-0x",
                    "openai-python 0.x sends the key as `api-key` only with `api_type=\"azure\"`; \
                     otherwise it goes out as `Authorization: Bearer`, which Azure refuses. 0.x \
                     is long out of support: upgrade."
                        .into(),
                ));
            }
            if info.version.is_none() || info.api_key_only().is_none() && !info.version_is_minimum {
                info.findings.push(f(
                    Severity::Info,
                    "client-no-version",
                    "openai-python 2.34.0 changed how `api_key` is sent to Azure; give the exact \
                     version (`pip show openai`)."
                        .into(),
                ));
            }
        }
        Library::OpenAiNode => info.findings.push(f(
            Severity::Info,
            "client-node-azure",
            "openai-node's AzureOpenAI sends `apiKey` as `api-key`, and a token only through \
             `azureADTokenProvider` (as `Authorization: Bearer`)."
                .into(),
        )),
        Library::AzureAiOpenAiDotnet if info.version.is_some_and(|v| v.0 == 1) => {
            info.findings.push(f(
                Severity::Info,
                "client-azure-core-status",
                "Azure.AI.OpenAI 1.x (Azure.Core) prints `Status: 401 (PermissionDenied)` even \
                 for an invalid key; read the error body's code, not the status line."
                    .into(),
            ))
        }
        _ => {}
    }
    Some(info)
}

// ---------------------------------------------------------------------------------------
// organization and project

/// What an OpenAI id field takes.
struct IdField {
    field: Field,
    /// `organization` or `project`, for ids and messages.
    word: &'static str,
    header: &'static str,
    prefix: &'static str,
    /// The other field's prefix, to spot the two swapped.
    other_prefix: &'static str,
    example: &'static str,
    /// The error the service gives for a wrong value.
    error_code: &'static str,
    /// "an organization" / "a project".
    with_article: &'static str,
    /// What the service says to a name or a literal `null` (C3), or `""`.
    name_answer: &'static str,
}

const ORGANIZATION: IdField = IdField {
    field: Field::Organization,
    word: "organization",
    header: "OpenAI-Organization",
    prefix: "org-",
    other_prefix: "proj_",
    example: "org-…",
    error_code: "mismatched_organization",
    with_article: "an organization",
    name_answer: " or \"No such organization: …\"",
};

const PROJECT: IdField = IdField {
    field: Field::Project,
    word: "project",
    header: "OpenAI-Project",
    prefix: "proj_",
    other_prefix: "org-",
    example: "proj_…",
    error_code: "mismatched_project",
    with_article: "a project",
    name_answer: "",
};

/// Checks the OpenAI organization and project values (`auth-failures.md` C3–C5): an id's
/// shape (`org-…`, `proj_…`), a display name or a user id instead of an id, the two
/// swapped, placeholders, whitespace and quotes, and a key pasted there (never quoted).
pub fn organization_project(org: Option<&str>, project: Option<&str>) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(o) = org {
        check_openai_id(o, &ORGANIZATION, &mut out);
    }
    if let Some(p) = project {
        check_openai_id(p, &PROJECT, &mut out);
    }
    out
}

fn check_openai_id(raw: &str, kind: &IdField, out: &mut Vec<Finding>) {
    let mut push = |severity, suffix: &str, message: String| {
        out.push(Finding::new(
            kind.field,
            severity,
            &format!("{}-{suffix}", kind.word),
            message,
        ));
    };
    let trimmed = raw.trim_matches(is_space);
    if trimmed.is_empty() {
        return;
    }
    let value = trimmed.trim_matches(|c| is_quote(c) || is_space(c));
    let damaged = trimmed.len() != raw.len() || value.len() != trimmed.len();
    if looks_like_secret(trimmed) || trimmed.len() > 200 {
        push(
            Severity::Error,
            "looks-like-secret",
            format!(
                "The {} field holds what looks like an API key or token (not shown here). The \
                 `{}` header takes an id like `{}`; a key sent there also lands in logs, so \
                 rotate it.",
                kind.word, kind.header, kind.example
            ),
        );
        return;
    }
    if trimmed.len() != raw.len() {
        push(
            Severity::Warning,
            "whitespace",
            format!(
                "The {} id has whitespace or invisible characters around it (judged without \
                 them); sent as is, it matches no {}.",
                kind.word, kind.word
            ),
        );
    }
    if value.len() != trimmed.len() {
        push(
            Severity::Warning,
            "quoted",
            format!(
                "The {} id is wrapped in quotes, which are sent as part of the `{}` header. Use \
                 `{}`.",
                kind.word,
                kind.header,
                quote(value)
            ),
        );
    }
    if value.is_empty() {
        return;
    }
    if looks_like_placeholder(value) || value.eq_ignore_ascii_case("none") {
        push(
            Severity::Error,
            "placeholder",
            format!(
                "`{}` would be sent literally as the `{}` header{}. Remove the header or set the \
                 real id (`{}`).",
                quote(value),
                kind.header,
                kind.name_answer,
                kind.example
            ),
        );
        return;
    }
    let id_body = |v: &str, prefix: &str| {
        v.strip_prefix(prefix)
            .is_some_and(|rest| rest.len() >= 8 && rest.bytes().all(|b| b.is_ascii_alphanumeric()))
    };
    if value.starts_with(kind.other_prefix) {
        push(
            Severity::Warning,
            "swapped",
            format!(
                "`{}` is {} id, but this is the {} field: the two are swapped.",
                quote(value),
                if kind.word == "organization" {
                    "a project"
                } else {
                    "an organization"
                },
                kind.word
            ),
        );
    } else if kind.word == "organization" && value.starts_with("user-") {
        push(
            Severity::Warning,
            "not-an-id",
            format!(
                "`{}` is a user id, not an organization id (`{}`).",
                quote(value),
                kind.example
            ),
        );
    } else if id_body(value, kind.prefix) {
        if damaged {
            return;
        }
        push(
            Severity::Ok,
            "ok",
            format!(
                "`{}` has the shape of an OpenAI {} id; it must be the {} the key belongs to, or \
                 calls fail with {}.",
                quote(value),
                kind.word,
                kind.word,
                kind.error_code
            ),
        );
    } else if value.starts_with(kind.prefix) {
        push(
            Severity::Warning,
            "malformed-id",
            format!(
                "`{}` starts like {} id but the rest is not letters and digits (or is cut \
                 short); copy it again from the settings page.",
                quote(value),
                kind.with_article
            ),
        );
    } else {
        push(
            Severity::Warning,
            "not-an-id",
            format!(
                "`{}` looks like {}'s name, not its id. The `{}` header takes the id (`{}`) \
                 from the settings page; a name gets {}{}.",
                quote(value),
                kind.with_article,
                kind.header,
                kind.example,
                kind.error_code,
                kind.name_answer
            ),
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(findings: &[Finding]) -> Vec<&str> {
        findings.iter().map(|f| f.id.as_str()).collect()
    }

    fn has(findings: &[Finding], id: &str, severity: Severity) -> bool {
        findings
            .iter()
            .any(|f| f.id == id && f.severity == severity)
    }

    // --- auth_header -------------------------------------------------------------------

    #[test]
    #[rustfmt::skip]
    fn auth_header_values() {
        use AuthHeader::*;
        let cases: &[(Option<&str>, AuthHeader, &[&str])] = &[
            (None, Auto, &[]),
            (Some(""), Auto, &[]),
            (Some("   "), Auto, &[]),
            (Some("api-key"), ApiKey, &[]),
            (Some(" API-Key "), ApiKey, &[]),
            (Some("authorization"), Authorization, &[]),
            (Some("Authorization: Bearer"), Authorization, &[]),
            (Some("Authorization:"), Authorization, &[]),
            (Some("ocp-apim-subscription-key"), ApimSubscription, &[]),
            (Some("Ocp-Apim-Subscription-Key:"), ApimSubscription, &[]),
            (Some("auto"), Auto, &[]),
            (Some("Bearer"), Authorization, &["auth-header-read-as"]),
            (Some("azure_ad_token_provider"), Authorization, &["auth-header-read-as"]),
            (Some("subscription-key"), ApimSubscription, &["auth-header-read-as"]),
            (Some("api_key"), Auto, &["auth-header-unknown"]),
            (Some("x-api-key"), Other, &["auth-header-unknown"]),
            (Some("X-Auth-Token"), Other, &["auth-header-unknown"]),
            (Some("header"), Auto, &["auth-header-unknown"]),
            (Some("api-key: 0123456789abcdef0123456789abcdef"), ApiKey, &["auth-header-has-value"]),
            (Some("Authorization: Bearer eyJ0eXAi.eyJhdWQi.c2ln"), Authorization, &["auth-header-has-value"]),
            (Some("Bearer eyJ0eXAi.eyJhdWQi.c2ln"), Auto, &["auth-header-unknown"]),
            (Some("0123456789abcdef0123456789abcdef"), Auto, &["auth-header-unknown"]),
        ];
        for (raw, want, want_ids) in cases {
            let (h, f) = auth_header(*raw);
            assert_eq!(h, *want, "{raw:?}");
            assert_eq!(ids(&f), want_ids.to_vec(), "{raw:?}");
            for finding in &f {
                assert_eq!(finding.field, Field::AuthHeader);
            }
        }
    }

    #[test]
    fn unknown_header_lists_the_allowed_values() {
        let (_, f) = auth_header(Some("X-Custom"));
        let m = &f[0].message;
        for v in [
            "api-key",
            "authorization",
            "ocp-apim-subscription-key",
            "auto",
            "X-Custom",
        ] {
            assert!(m.contains(v), "{v}: {m}");
        }
    }

    #[test]
    fn header_values_are_never_quoted() {
        for raw in [
            "api-key: 0123456789abcdef0123456789abcdef",
            "Authorization: Bearer eyJ0eXAiOiJKV1QifQ.eyJhdWQiOiJ4In0.c2lnbmF0dXJl",
            "0123456789abcdef0123456789abcdef",
        ] {
            let (_, f) = auth_header(Some(raw));
            for finding in &f {
                assert!(
                    !finding.message.contains("0123456789abcdef"),
                    "{}",
                    finding.message
                );
                assert!(!finding.message.contains("eyJhdWQi"), "{}", finding.message);
            }
        }
    }

    // --- api-version -------------------------------------------------------------------

    #[test]
    #[rustfmt::skip]
    fn api_version_statuses() {
        use ApiVersionStatus as S;
        let malformed = |s: &str| S::Malformed(s.to_string());
        let cases: Vec<(&str, ApiVersionStatus, &str, Severity, Option<&str>)> = vec![
            ("2024-10-21", S::Ga, "api-version-ok", Severity::Ok, None),
            ("2023-05-15", S::Ga, "api-version-ok", Severity::Ok, None),
            ("2022-12-01", S::Ga, "api-version-ok", Severity::Ok, None),
            ("2024-12-01-preview", S::Preview, "api-version-ok", Severity::Ok, None),
            ("2023-06-01-preview", S::Preview, "api-version-ok", Severity::Ok, None),
            ("2023-10-01-preview", S::Preview, "api-version-ok", Severity::Ok, None),
            ("2024-05-01-preview", S::Preview, "api-version-ok", Severity::Ok, None),
            ("v1", S::V1, "api-version-ok", Severity::Ok, None),
            ("preview", S::V1, "api-version-ok", Severity::Ok, None),
            ("latest", S::V1, "api-version-ok", Severity::Ok, None),
            ("2023-03-15-preview", S::Retired, "api-version-retired", Severity::Warning, Some("2024-10-21")),
            ("2023-07-01-preview", S::Retired, "api-version-retired", Severity::Warning, Some("2024-10-21")),
            ("2023-12-01-preview", S::Retired, "api-version-retired", Severity::Warning, Some("2024-10-21")),
            ("2023-11-01-preview", S::NotReal, "api-version-not-real", Severity::Error, Some("2024-10-21")),
            ("2023-01-01", S::Unknown, "api-version-unknown", Severity::Warning, Some("2024-10-21")),
            ("2024-08-01", S::Unknown, "api-version-unknown", Severity::Warning, Some("2024-08-01-preview")),
            ("2024-10-21-preview", S::Unknown, "api-version-unknown", Severity::Warning, Some("2024-10-21")),
            ("2027-03-01-preview", S::Unknown, "api-version-unknown", Severity::Info, None),
            // Model versions (A7: 1106-Preview).
            ("1106-Preview", malformed("a model version"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            ("0613", malformed("a model version"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            ("0125-preview", malformed("a model version"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            ("vision-preview", malformed("a model version"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            ("2024-08-06", malformed("a model version"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            ("gpt-4o-2024-08-06", malformed("a model id"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            ("gpt-35-turbo", malformed("a model id"), "api-version-model-version", Severity::Error, Some("2024-10-21")),
            // YAML and friends.
            ("2023-05-15 00:00:00", malformed("a date turned into a timestamp"), "api-version-timestamp", Severity::Error, Some("2023-05-15")),
            ("2023-05-15T00:00:00Z", malformed("a date turned into a timestamp"), "api-version-timestamp", Severity::Error, Some("2023-05-15")),
            ("2024-10-21T00:00:00.000+00:00", malformed("a date turned into a timestamp"), "api-version-timestamp", Severity::Error, Some("2024-10-21")),
            ("Mon May 15 2023 02:00:00 GMT+0200 (Central European Summer Time)", malformed("a date turned into a timestamp"), "api-version-timestamp", Severity::Error, Some("2023-05-15")),
            // Separators and shapes.
            ("2024/10/21", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-10-21")),
            ("2024.10.21", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-10-21")),
            ("20241021", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-10-21")),
            ("2024-6-1", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-06-01")),
            ("21.10.2024", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-10-21")),
            ("2024_12_01_preview", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-12-01-preview")),
            ("2024-10-21preview", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-10-21")),
            ("2024-12-01-previewx", malformed("a date with extra text"), "api-version-format", Severity::Error, Some("2024-12-01-preview")),
            ("10/21/2024", malformed("a date written the wrong way"), "api-version-format", Severity::Error, Some("2024-10-21")),
            ("05/06/2024", malformed("not an api-version"), "api-version-malformed", Severity::Error, Some("2024-10-21")),
            ("2024-13-01", malformed("not a real date"), "api-version-malformed", Severity::Error, Some("2024-10-21")),
            ("2024", malformed("only a year"), "api-version-malformed", Severity::Error, Some("2024-10-21")),
            ("1.0", malformed("a version number, not a date"), "api-version-malformed", Severity::Error, Some("2024-10-21")),
            ("v2", malformed("a version number, not a date"), "api-version-malformed", Severity::Error, Some("2024-10-21")),
            ("hello", malformed("not an api-version"), "api-version-malformed", Severity::Error, Some("2024-10-21")),
            // Quotes.
            ("\"2024-10-21\"", malformed("wrapped in quotes"), "api-version-quoted", Severity::Error, Some("2024-10-21")),
            ("'2024-02-15-preview'", malformed("wrapped in quotes"), "api-version-quoted", Severity::Error, Some("2024-02-15-preview")),
            ("\u{201c}2024-10-21\u{201d}", malformed("wrapped in quotes"), "api-version-quoted", Severity::Error, Some("2024-10-21")),
            ("\"2023-05-15 00:00:00\"", malformed("wrapped in quotes"), "api-version-quoted", Severity::Error, Some("2023-05-15")),
        ];
        for (raw, status, id, severity, suggested) in cases {
            let a = api_version(Some(raw));
            assert_eq!(a.status, status, "{raw:?}: {:?}", a.findings);
            assert!(
                has(&a.findings, id, severity),
                "{raw:?}: want {id}/{severity:?}, got {:?}",
                a.findings
            );
            assert_eq!(a.suggested.as_deref(), suggested, "{raw:?}");
            assert_eq!(a.value.as_deref(), Some(raw));
            for f in &a.findings {
                assert_eq!(f.field, Field::ApiVersion);
                assert!(f.id.starts_with("api-version-"));
            }
        }
    }

    #[test]
    fn api_version_missing_blank_and_wrapped() {
        let a = api_version(None);
        assert_eq!(a.status, ApiVersionStatus::Missing);
        assert!(a.findings.is_empty());

        let a = api_version(Some("  "));
        assert_eq!(a.status, ApiVersionStatus::Missing);
        assert_eq!(ids(&a.findings), vec!["api-version-empty"]);

        // Surrounding whitespace is a warning; the value inside is still judged.
        let a = api_version(Some(" 2024-10-21\n"));
        assert_eq!(a.status, ApiVersionStatus::Ga);
        assert_eq!(
            ids(&a.findings),
            vec!["api-version-whitespace", "api-version-ok"]
        );

        let a = api_version(Some("api-version=2024-10-21"));
        assert_eq!(a.status, ApiVersionStatus::Ga);
        assert!(ids(&a.findings).contains(&"api-version-parameter-name"));

        let a = api_version(Some("2024-05-01-PREVIEW"));
        assert_eq!(a.status, ApiVersionStatus::Preview);
        assert!(has(&a.findings, "api-version-case", Severity::Warning));
    }

    #[test]
    fn api_version_messages_say_what_it_should_be() {
        let a = api_version(Some("1106-Preview"));
        let m = &a.findings[0].message;
        assert!(
            m.contains("model version") && m.contains("2024-10-21"),
            "{m}"
        );
        let a = api_version(Some("2023-05-15 00:00:00"));
        let m = &a.findings[0].message;
        assert!(m.contains("YAML") && m.contains("\"2023-05-15\""), "{m}");
    }

    #[test]
    fn too_old_for_model() {
        assert_eq!(
            api_version_too_old_for("2024-10-21", "o1"),
            Some("2024-12-01-preview")
        );
        assert_eq!(
            api_version_too_old_for("2024-10-21", "o3-mini"),
            Some("2024-12-01-preview")
        );
        assert_eq!(api_version_too_old_for("2024-12-01-preview", "o1"), None);
        assert_eq!(
            api_version_too_old_for("2025-01-01-preview", "o4-mini"),
            None
        );
        assert_eq!(
            api_version_too_old_for("2024-08-01-preview", "o1-mini"),
            Some("2024-09-01-preview")
        );
        assert_eq!(api_version_too_old_for("2023-05-15", "gpt-4o"), None);
        assert_eq!(api_version_too_old_for("v1", "o1"), None);
        assert_eq!(api_version_too_old_for("garbage", "o1"), None);
        assert_eq!(api_version_too_old_for("2024-10-21", "contoso-chat"), None);
    }

    // --- deployment --------------------------------------------------------------------

    #[test]
    #[rustfmt::skip]
    fn deployment_names() {
        type Row = (
            &'static str,
            &'static [&'static str],
            Option<&'static str>,
            Option<&'static str>,
        );
        let cases: &[Row] = &[
            ("contoso-chat", &["deployment-ok"], None, None),
            ("chat_gpt4o.v2", &["deployment-ok"], None, None),
            ("gpt-4o", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-4o"), None),
            ("GPT-4o-mini", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-4o-mini"), None),
            ("gpt-35-turbo", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-35-turbo"), None),
            ("gpt-3.5-turbo", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-3.5-turbo"), None),
            ("gpt-4o-2024-08-06", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-4o"), None),
            ("gpt-4.1-nano", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-4.1-nano"), None),
            ("gpt-5-mini", &["deployment-looks-like-model", "deployment-ok"], Some("gpt-5-mini"), None),
            ("o3-mini", &["deployment-looks-like-model", "deployment-ok"], Some("o3-mini"), None),
            ("text-embedding-3-small", &["deployment-looks-like-model", "deployment-ok"], Some("text-embedding-3-small"), None),
            ("dall-e-3", &["deployment-looks-like-model", "deployment-ok"], Some("dall-e-3"), None),
            ("whisper", &["deployment-looks-like-model", "deployment-ok"], Some("whisper"), None),
            ("tts-hd", &["deployment-looks-like-model", "deployment-ok"], Some("tts-hd"), None),
            (" chat ", &["deployment-whitespace"], None, Some("chat")),
            ("chat\n", &["deployment-whitespace"], None, Some("chat")),
            ("\"chat\"", &["deployment-quoted"], None, Some("chat")),
            ("my deployment", &["deployment-space"], None, None),
            ("my-aoai-connection/gpt-4o", &["deployment-slash", "deployment-looks-like-model"], Some("gpt-4o"), Some("gpt-4o")),
            ("chat?x=1", &["deployment-reserved-character"], None, None),
            ("chat#1", &["deployment-reserved-character"], None, None),
            ("my%20dep", &["deployment-percent-encoded"], None, Some("my dep")),
            ("ch\u{0430}t", &["deployment-unusual-character"], None, None),
            ("chat\u{200b}x", &["deployment-unusual-character"], None, None),
            ("chat@1", &["deployment-unusual-character", "deployment-ok"], None, None),
            ("<deployment-name>", &["deployment-placeholder"], None, None),
            ("None", &["deployment-placeholder"], None, None),
            ("undefined", &["deployment-placeholder"], None, None),
            ("${AZURE_OPENAI_DEPLOYMENT}", &["deployment-placeholder"], None, None),
            ("AZURE_OPENAI_DEPLOYMENT_NAME", &["deployment-placeholder"], None, None),
            ("https://x.openai.azure.com/openai/deployments/chat/chat/completions", &["deployment-url"], None, Some("chat")),
            ("/openai/deployments/my%20dep/embeddings", &["deployment-url"], None, Some("my dep")),
            ("0123456789abcdef0123456789abcdef", &["deployment-looks-like-secret"], None, None),
            ("   ", &["deployment-empty"], None, None),
        ];
        for (raw, want, model, suggested) in cases {
            let a = deployment(Some(raw));
            for id in *want {
                assert!(
                    ids(&a.findings).contains(id),
                    "{raw:?}: want {id}, got {:?}",
                    a.findings
                );
            }
            assert_eq!(a.looks_like_model.as_deref(), *model, "{raw:?}");
            assert_eq!(a.suggested.as_deref(), *suggested, "{raw:?}");
            let problem = a
                .findings
                .iter()
                .any(|f| matches!(f.severity, Severity::Error | Severity::Warning));
            assert_eq!(
                problem,
                !ids(&a.findings).contains(&"deployment-ok"),
                "{raw:?}: {:?}",
                a.findings
            );
            for f in &a.findings {
                assert_eq!(f.field, Field::Deployment);
            }
        }
        assert_eq!(deployment(None), DeploymentAnalysis::default());
    }

    #[test]
    fn a_model_name_is_only_a_hint() {
        for raw in ["gpt-4o", "gpt-3.5-turbo", "gpt-4o-2024-08-06"] {
            let a = deployment(Some(raw));
            assert!(
                a.findings.iter().all(|f| f.severity != Severity::Error),
                "{raw}: {:?}",
                a.findings
            );
            assert!(a.model.is_some());
        }
        let a = deployment(Some("gpt-3.5-turbo"));
        assert!(
            a.findings[0].message.contains("gpt-35-turbo"),
            "{}",
            a.findings[0].message
        );
        assert_eq!(
            a.model.map(|m| m.model.spelling),
            Some(Spelling::OpenAiOnly)
        );
        assert!(deployment(Some("gpt-4o-2024-08-06"))
            .model
            .is_some_and(|m| m.dated));
    }

    // --- client ------------------------------------------------------------------------

    #[test]
    #[rustfmt::skip]
    fn client_texts() {
        use Library::*;
        type Row = (
            &'static str,
            Library,
            Option<(u32, u32, u32)>,
            u8,
            bool,
            Option<bool>,
        );
        let cases: &[Row] = &[
            ("openai-python 2.34.0", OpenAiPython, Some((2, 34, 0)), 3, false, Some(true)),
            ("openai 2.34.0", OpenAiPython, Some((2, 34, 0)), 3, false, Some(true)),
            ("openai==2.33.0", OpenAiPython, Some((2, 33, 0)), 3, false, Some(false)),
            ("openai 2.34", OpenAiPython, Some((2, 34, 0)), 2, false, Some(true)),
            ("openai-python 3.3.1", OpenAiPython, Some((3, 3, 1)), 3, false, Some(true)),
            ("openai-python 1.51.0", OpenAiPython, Some((1, 51, 0)), 3, false, Some(false)),
            ("python 3.12 / openai 1.51.0", OpenAiPython, Some((1, 51, 0)), 3, false, Some(false)),
            ("openai (python) v2.35.1", OpenAiPython, Some((2, 35, 1)), 3, false, Some(true)),
            ("openai-python 2.34.0rc1", OpenAiPython, Some((2, 34, 0)), 3, false, Some(true)),
            ("openai-python 2.x", OpenAiPython, Some((2, 0, 0)), 1, false, None),
            ("openai>=2.30", OpenAiPython, Some((2, 30, 0)), 2, true, None),
            ("openai>=2.35", OpenAiPython, Some((2, 35, 0)), 2, true, Some(true)),
            ("openai 0.28.1", OpenAiPython, Some((0, 28, 1)), 3, false, Some(false)),
            ("openai-python", OpenAiPython, None, 0, false, None),
            ("openai-node 4.x", OpenAiNode, Some((4, 0, 0)), 1, false, None),
            ("openai 4.52.0", OpenAiNode, Some((4, 52, 0)), 3, false, None),
            ("openai npm 7.57.0", OpenAiNode, Some((7, 57, 0)), 3, false, None),
            ("openai ^4.20.0 (typescript)", OpenAiNode, Some((4, 20, 0)), 3, true, None),
            ("Azure.AI.OpenAI 2.1.0", AzureAiOpenAiDotnet, Some((2, 1, 0)), 3, false, None),
            ("Azure.AI.OpenAI 1.0.0-beta.17", AzureAiOpenAiDotnet, Some((1, 0, 0)), 3, false, None),
            ("OpenAI .NET 2.1", OpenAiDotnet, Some((2, 1, 0)), 2, false, None),
            ("openai nuget 2.1.0", OpenAiDotnet, Some((2, 1, 0)), 3, false, None),
            ("litellm 1.52", LiteLlm, Some((1, 52, 0)), 2, false, None),
            ("langchain-openai", LangChain, None, 0, false, None),
            ("@langchain/openai 0.3", LangChain, Some((0, 3, 0)), 2, false, None),
            ("curl", Curl, None, 0, false, None),
            ("curl 8.5.0", Curl, Some((8, 5, 0)), 3, false, None),
            ("Postman", Curl, None, 0, false, None),
            ("azure-ai-inference 1.0.0b9", Other, Some((1, 0, 0)), 3, false, None),
            // Names that contain `openai` or `langchain` but are other libraries.
            ("azure-ai-openai 1.0.0-beta.16", Other, Some((1, 0, 0)), 3, false, None),
            ("com.azure:azure-ai-openai:1.0.0-beta.8", Other, Some((1, 0, 0)), 3, false, None),
            ("langchain4j-azure-open-ai 0.36.2", Other, Some((0, 36, 2)), 3, false, None),
            ("spring-ai-openai 1.0.0", Other, Some((1, 0, 0)), 3, false, None),
            // A number after another package's name is not this client's version.
            ("browser fetch (@azure/msal-browser 3.27)", Curl, None, 0, false, None),
            ("browser fetch (Chrome 139)", Curl, None, 0, false, None),
            ("PowerShell 5.1 Invoke-RestMethod / Az.Accounts 2.19", Curl, None, 0, false, None),
            ("curl/8.5.0", Curl, Some((8, 5, 0)), 3, false, None),
            ("curl.exe 8.9 (Windows)", Curl, Some((8, 9, 0)), 2, false, None),
            ("openai-python 1.99.2 (OpenAI client, base_url)", OpenAiPython, Some((1, 99, 2)), 3, false, Some(false)),
            ("my own thing 1.2", Other, Some((1, 2, 0)), 2, false, None),
        ];
        for (raw, library, version, parts, minimum, key_only) in cases {
            let c = client(Some(raw)).unwrap();
            assert_eq!(c.library, *library, "{raw}");
            assert_eq!(c.version, *version, "{raw}");
            assert_eq!(c.version_parts, *parts, "{raw}");
            assert_eq!(c.version_is_minimum, *minimum, "{raw}");
            assert_eq!(c.api_key_only(), *key_only, "{raw}");
            for f in &c.findings {
                assert_eq!(f.field, Field::Client);
            }
        }
        assert_eq!(client(None), None);
        assert_eq!(client(Some("  ")), None);
    }

    #[test]
    fn client_findings() {
        let c = client(Some("openai-python 2.34.0")).unwrap();
        assert!(c.sends_api_key_only());
        assert!(has(&c.findings, "client-ok", Severity::Ok));
        assert!(has(&c.findings, "client-api-key-only", Severity::Info));
        assert!(c
            .findings
            .iter()
            .any(|f| f.message.contains("azure_ad_token_provider")));

        let c = client(Some("openai 2.33.0")).unwrap();
        assert!(!c.sends_api_key_only());
        assert!(has(
            &c.findings,
            "client-sends-both-headers",
            Severity::Info
        ));

        let c = client(Some("openai-python")).unwrap();
        assert!(has(&c.findings, "client-no-version", Severity::Info));
        let c = client(Some("openai-python 2.x")).unwrap();
        assert!(has(&c.findings, "client-no-version", Severity::Info));
        let c = client(Some("openai 0.28")).unwrap();
        assert!(has(&c.findings, "client-openai-python-0x", Severity::Info));
        let c = client(Some("openai>=2.0")).unwrap();
        assert!(has(&c.findings, "client-version-range", Severity::Info));
        let c = client(Some("Azure.AI.OpenAI 1.0.0-beta.12")).unwrap();
        assert!(has(&c.findings, "client-azure-core-status", Severity::Info));
        let c = client(Some("codex")).unwrap();
        assert!(has(&c.findings, "client-note", Severity::Info));
        let c = client(Some("openai 4.52.0")).unwrap();
        assert!(has(&c.findings, "client-read-as", Severity::Info));
        let c = client(Some("something else")).unwrap();
        assert!(has(&c.findings, "client-unknown", Severity::Info));
        assert!(!ids(&c.findings).contains(&"client-ok"));
    }

    // --- organization and project ------------------------------------------------------

    #[test]
    #[rustfmt::skip]
    fn organization_and_project_ids() {
        type Row = (
            Option<&'static str>,
            Option<&'static str>,
            &'static [(&'static str, Field, Severity)],
        );
        use Field::{Organization as O, Project as P};
        use Severity::{Error as E, Ok as K, Warning as W};
        let cases: &[Row] = &[
            (None, None, &[]),
            (Some(""), Some(""), &[]),
            (Some("org-hsDLRUVEapwBTOgEjyLa2vUR"), None, &[("organization-ok", O, K)]),
            (None, Some("proj_abcDEF123456ghi789"), &[("project-ok", P, K)]),
            (Some("org-hsDLRUVEapwBTOgEjyLa2vUR"), Some("proj_abcDEF123456ghi789"), &[("organization-ok", O, K), ("project-ok", P, K)]),
            (Some(" org-hsDLRUVEapwBTOgEjyLa2vUR\n"), None, &[("organization-whitespace", O, W)]),
            (Some("\"org-hsDLRUVEapwBTOgEjyLa2vUR\""), None, &[("organization-quoted", O, W)]),
            (Some("Personal"), None, &[("organization-not-an-id", O, W)]),
            (Some("Contoso Ltd"), None, &[("organization-not-an-id", O, W)]),
            (Some("user-abcdefghijklmnop"), None, &[("organization-not-an-id", O, W)]),
            (Some("org-"), None, &[("organization-malformed-id", O, W)]),
            (Some("org-abc_def!"), None, &[("organization-malformed-id", O, W)]),
            (Some("proj_abcDEF123456ghi789"), None, &[("organization-swapped", O, W)]),
            (None, Some("org-hsDLRUVEapwBTOgEjyLa2vUR"), &[("project-swapped", P, W)]),
            (None, Some("Default project"), &[("project-not-an-id", P, W)]),
            (Some("None"), None, &[("organization-placeholder", O, E)]),
            (Some("null"), Some("undefined"), &[("organization-placeholder", O, E), ("project-placeholder", P, E)]),
            (Some("$OPENAI_ORG_ID"), None, &[("organization-placeholder", O, E)]),
            (Some("sk-proj-abcdefghijklmnopqrstuvwxyz0123456789"), None, &[("organization-looks-like-secret", O, E)]),
            (None, Some("sk-abcdefghijklmnopqrstT3BlbkFJabcdefghijklmnopqrst"), &[("project-looks-like-secret", P, E)]),
            (None, Some("0123456789abcdef0123456789abcdef"), &[("project-looks-like-secret", P, E)]),
        ];
        for (org, project, want) in cases {
            let f = organization_project(*org, *project);
            let got: Vec<(&str, Field, Severity)> = f
                .iter()
                .map(|x| (x.id.as_str(), x.field, x.severity))
                .collect();
            assert_eq!(got, want.to_vec(), "{org:?} {project:?}");
        }
    }

    #[test]
    fn keys_in_id_fields_are_never_quoted() {
        let key = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";
        for f in organization_project(Some(key), Some(key)) {
            assert!(!f.message.contains("abcdefgh"), "{}", f.message);
        }
    }

    // --- every reader, any input -------------------------------------------------------

    /// Deterministic garbage over the characters these readers care about.
    fn garbage(seed: u64, len: usize) -> String {
        let alphabet: Vec<char> =
            "ab0123456789-_./:?#%@\"' \t\n\u{201c}\u{0430}\u{200b}\u{feff}é中=>^~vV"
                .chars()
                .collect();
        crate::diag::test_support::garbage(seed, len, &alphabet)
    }

    #[test]
    fn no_panics_and_short_messages_on_any_input() {
        let mut inputs: Vec<String> = vec![
            String::new(),
            " ".repeat(1_000_000),
            "a".repeat(1_000_000),
            "2024-10-21".repeat(100_000),
            "9".repeat(100_000),
            "%".repeat(10_000),
            format!("openai {}", "9".repeat(50)),
            "openai 99999999999999999999.1.1".into(),
            "2024-".into(),
            "2024-10-2".into(),
            "2024-10-21-".into(),
            "-preview".into(),
            "\u{201c}".into(),
            "'".into(),
            "/".into(),
            "org-".into(),
            "proj_".into(),
            ":".into(),
            "Bearer".into(),
            "Bearer ".into(),
        ];
        for seed in 1..200u64 {
            inputs.push(garbage(seed, (seed as usize % 40) + 1));
        }
        inputs.push(garbage(7, 1_000_000));
        for input in &inputs {
            let s = Some(input.as_str());
            let mut all: Vec<Finding> = Vec::new();
            all.extend(auth_header(s).1);
            all.extend(api_version(s).findings);
            all.extend(deployment(s).findings);
            all.extend(client(s).map(|c| c.findings).unwrap_or_default());
            all.extend(organization_project(s, s));
            let _ = api_version_too_old_for(input, input);
            for f in &all {
                assert!(
                    f.message.chars().count() < 800,
                    "{} too long for an input of {} bytes",
                    f.id,
                    input.len()
                );
            }
        }
    }
}
