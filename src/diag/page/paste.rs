//! Smart paste and the form: what the page does with what users actually copy.
//!
//! Users rarely paste one value into one field. They paste a `.env` block, a whole
//! request URL, the JSON printed by `az account get-access-token`, a `curl` command
//! (often with its `-i` output under it), client code, or an error. [`recognize`] tells
//! which it is and spreads it into form fields, saying for each value where it was
//! taken from, so the page can say "Took endpoint and credential from the .env block".
//!
//! [`Form`] is the page's form as plain text, and [`Form::to_case`] /
//! [`Form::from_case`] convert between it and a [`Case`]. [`Form::diagnose`] hands that
//! case to the one [`diagnose`], with the user's choice of clock.
//!
//! Everything here is pure, linear in the size of its input, and never quotes a
//! secret in a note.

use crate::diag::case::{BrowserFailure, Case, ObservedResponse};
use crate::diag::known::chars::is_invisible;
use crate::diag::known::env_names::{self, Setting};
use crate::diag::known::headers::AuthHeader;
use crate::diag::read::jwt::looks_like_jwt as is_jwt;
use crate::diag::report::Field;
use crate::diag::secret::Secret;
use crate::diag::{diagnose, Clock, Diagnosis};
use std::collections::BTreeMap;
use std::fmt;

/// Texts longer than this are only ever error output: nobody pastes a 200 KB `.env`.
/// Keeps recognition cheap on a 1 MB paste.
const STRUCTURED_MAX: usize = 200_000;

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

/// What a paste was recognised as.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PasteKind {
    /// `NAME=value` lines: `.env`, `export`, PowerShell `$env:`, `set`, YAML `NAME: value`.
    DotEnv,
    /// Client code or a settings file: `AzureOpenAI(api_key="…")`, `{"Endpoint": "…"}`.
    Config,
    /// One request URL, optionally after its method.
    RequestUrl,
    /// The JSON printed by `az account get-access-token` (or a token endpoint response).
    AzCliToken,
    /// A `curl` command, possibly followed by its output.
    CurlCommand,
    /// `curl -i` / `curl -v` output: a status line, headers and a body.
    CurlOutput,
    /// A lone JWT, optionally after `Bearer `.
    Token,
    /// Anything else: error output.
    Text,
}

impl PasteKind {
    /// How the page names the source: "the .env block".
    pub fn describe(self) -> &'static str {
        match self {
            PasteKind::DotEnv => "the .env block",
            PasteKind::Config => "the client code or settings",
            PasteKind::RequestUrl => "the request URL",
            PasteKind::AzCliToken => "the az account get-access-token output",
            PasteKind::CurlCommand => "the curl command",
            PasteKind::CurlOutput => "the curl -i output",
            PasteKind::Token => "the pasted token",
            PasteKind::Text => "the pasted text",
        }
    }
}

/// One value taken from a paste.
#[derive(Clone, PartialEq, Eq)]
pub struct Taken {
    /// The field it goes to.
    pub field: FormField,
    /// The value, exactly as it should go into the field.
    pub value: String,
    /// Where in the paste it was found: a variable name, a header, `accessToken`.
    pub source: String,
}

impl fmt::Debug for Taken {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let value = if self.field.is_secret() {
            crate::diag::secret::mask(&self.value)
        } else {
            format!("{:?}", self.value)
        };
        write!(f, "Taken({:?} = {value} from {})", self.field, self.source)
    }
}

/// What a paste was, and what the page takes from it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Recognized {
    /// What it was recognised as.
    pub kind: PasteKind,
    /// The values taken, in the order found; at most one per field.
    pub taken: Vec<Taken>,
    /// Things worth telling the user about the paste (never quoting a secret).
    pub notes: Vec<String>,
}

impl Recognized {
    fn new(kind: PasteKind) -> Self {
        Recognized {
            kind,
            taken: Vec::new(),
            notes: Vec::new(),
        }
    }

    /// True when the paste fills fields other than the error output: the page then
    /// spreads it into the form instead of pasting it as text.
    pub fn spreads(&self) -> bool {
        self.taken.iter().any(|t| t.field != FormField::ErrorText)
    }

    /// The value taken for a field, if any.
    pub fn get(&self, field: FormField) -> Option<&str> {
        self.taken
            .iter()
            .find(|t| t.field == field)
            .map(|t| t.value.as_str())
    }

    /// One sentence for people: "Took endpoint and credential from the .env block."
    pub fn summary(&self) -> String {
        let labels: Vec<&str> = self.taken.iter().map(|t| t.field.label()).collect();
        if labels.is_empty() {
            return format!("Nothing to take from {}.", self.kind.describe());
        }
        format!(
            "Took {} from {}.",
            join_words(&labels),
            self.kind.describe()
        )
    }

    /// Sets a field unless it is already taken (the first occurrence wins, except in
    /// `.env` blocks, which call [`Recognized::put_last`]).
    fn put(&mut self, field: FormField, value: impl Into<String>, source: impl Into<String>) {
        if self.taken.iter().any(|t| t.field == field) {
            return;
        }
        self.taken.push(Taken {
            field,
            value: value.into(),
            source: source.into(),
        });
    }

    /// Sets a field, replacing an earlier value (a later `.env` line wins, as in dotenv).
    fn put_last(&mut self, field: FormField, value: String, source: String) {
        self.taken.retain(|t| t.field != field);
        self.taken.push(Taken {
            field,
            value,
            source,
        });
    }
}

/// "a", "a and b", "a, b and c".
fn join_words(words: &[&str]) -> String {
    match words {
        [] => String::new(),
        [one] => (*one).to_string(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Recognises a paste and says what to take from it. Anything not recognised is
/// error output.
pub fn recognize(text: &str) -> Recognized {
    let trimmed = text.trim();
    if trimmed.is_empty() {
        return Recognized::new(PasteKind::Text);
    }
    if trimmed.len() <= STRUCTURED_MAX {
        if let Some(r) = az_token_json(trimmed) {
            return r;
        }
        if let Some(r) = curl_command(text) {
            return r;
        }
    }
    if looks_like_http_output(text) {
        let mut r = Recognized::new(PasteKind::CurlOutput);
        r.put(
            FormField::ErrorText,
            text,
            "the status line, headers and body",
        );
        return r;
    }
    if trimmed.len() <= STRUCTURED_MAX {
        if let Some(r) = request_url(trimmed) {
            return r;
        }
        if let Some(r) = lone_token(trimmed) {
            return r;
        }
        if let Some(r) = dotenv(text) {
            return r;
        }
        if let Some(r) = config(text) {
            return r;
        }
    }
    let mut r = Recognized::new(PasteKind::Text);
    r.put(FormField::ErrorText, text, "the pasted text");
    r
}

// ---------------------------------------------------------------------------------
// Known names: environment variables, SDK arguments and settings keys.
// ---------------------------------------------------------------------------------

/// Where a known name's value goes on the form.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Target {
    Field(FormField),
    /// An Entra token the app sends as `Authorization: Bearer`.
    BearerToken,
    /// `OPENAI_API_TYPE`: `azure` sends `api-key`, `azure_ad` sends Bearer (0.x SDK).
    ApiType,
    /// Not sent to the service; only worth a note.
    NoteOnly(&'static str),
}

impl Target {
    fn of(setting: Setting) -> Target {
        match setting {
            Setting::Endpoint => Target::Field(FormField::Endpoint),
            Setting::Key => Target::Field(FormField::Credential),
            Setting::BearerToken => Target::BearerToken,
            Setting::ApiVersion => Target::Field(FormField::ApiVersion),
            Setting::Deployment => Target::Field(FormField::Deployment),
            Setting::Organization => Target::Field(FormField::Organization),
            Setting::Project => Target::Field(FormField::Project),
            Setting::ApiType => Target::ApiType,
            Setting::NoteOnly(note) => Target::NoteOnly(note),
        }
    }
}

fn env_target(name: &str) -> Option<Target> {
    env_names::env_setting(name).map(Target::of)
}

fn code_target(name: &str) -> Option<Target> {
    env_names::code_setting(name).map(Target::of)
}

/// True when a deployment variable names an embedding deployment: a chat one is the
/// likelier subject of a 401 report, so it wins.
fn is_embedding_name(name: &str) -> bool {
    name.to_ascii_uppercase().contains("EMBED")
}

/// Applies one named value (from `.env` lines or code) to the result.
struct Assignments {
    r: Recognized,
    /// A key variable was seen (so an AD token goes to the token field).
    saw_key: bool,
    /// Bearer tokens seen, applied at the end.
    bearer: Option<(String, String)>,
    /// Deployment chosen from an embedding variable (a chat one may replace it).
    deployment_is_embedding: bool,
    seen_names: Vec<String>,
}

impl Assignments {
    fn new(kind: PasteKind) -> Self {
        Assignments {
            r: Recognized::new(kind),
            saw_key: false,
            bearer: None,
            deployment_is_embedding: false,
            seen_names: Vec::new(),
        }
    }

    fn assign(&mut self, name: &str, value: String, target: Target) {
        let norm = env_names::normalize_name(name);
        if self.seen_names.contains(&norm) {
            self.r.notes.push(format!(
                "{name} is set more than once; the last value is used, as dotenv loaders do."
            ));
        } else {
            self.seen_names.push(norm);
        }
        match target {
            Target::Field(FormField::Deployment) => {
                let embedding = is_embedding_name(name);
                let have = self.r.get(FormField::Deployment).is_some();
                if !have || !embedding || self.deployment_is_embedding {
                    self.deployment_is_embedding = embedding;
                    self.r
                        .put_last(FormField::Deployment, value, name.to_string());
                }
            }
            Target::Field(FormField::Credential) => {
                self.saw_key = true;
                let upper = name.to_ascii_uppercase();
                if upper == "AZURE_OPENAI_KEY" {
                    self.r.notes.push(
                        "The openai SDKs read AZURE_OPENAI_API_KEY, not AZURE_OPENAI_KEY: unless \
                         your code reads AZURE_OPENAI_KEY itself, the app sends no key."
                            .into(),
                    );
                }
                if upper == "OPENAI_ADMIN_KEY" {
                    self.r.notes.push(
                        "OPENAI_ADMIN_KEY is an admin key: it only works on the Administration API."
                            .into(),
                    );
                }
                self.r
                    .put_last(FormField::Credential, value, name.to_string());
            }
            Target::Field(field) => self.r.put_last(field, value, name.to_string()),
            Target::BearerToken => self.bearer = Some((value, name.to_string())),
            Target::ApiType => match value.trim().to_ascii_lowercase().as_str() {
                "azure" => self.r.put_last(
                    FormField::AuthHeader,
                    "api-key".into(),
                    format!("{name}=azure"),
                ),
                "azure_ad" | "azuread" => self.r.put_last(
                    FormField::AuthHeader,
                    "authorization".into(),
                    format!("{name}=azure_ad"),
                ),
                _ => {}
            },
            Target::NoteOnly(note) => self.r.notes.push(note.to_string()),
        }
    }

    fn finish(mut self) -> Recognized {
        if let Some((token, source)) = self.bearer.take() {
            if self.saw_key {
                self.r.put_last(FormField::Token, token, source);
                self.r.notes.push(
                    "Both a key and an Entra ID token are set; the openai SDKs refuse both at \
                     once. The key went to the credential, the token to the token field."
                        .into(),
                );
            } else {
                self.r
                    .put_last(FormField::Credential, token, source.clone());
                self.r.put_last(
                    FormField::AuthHeader,
                    "authorization".into(),
                    format!("{source} (sent as Authorization: Bearer)"),
                );
            }
        }
        self.r
    }
}

// ---------------------------------------------------------------------------------
// .env blocks
// ---------------------------------------------------------------------------------

/// A `NAME=value` line in one of its dialects.
struct EnvLine<'a> {
    name: &'a str,
    value: String,
    /// Quotes were removed around the value.
    unquoted: bool,
    /// An opening quote had no closing one; the value is kept as written.
    unterminated: bool,
}

fn is_env_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '.' || c == '-')
}

/// Parses one line; `None` when it is not an assignment.
fn env_line(line: &str) -> Option<EnvLine<'_>> {
    let mut l = line.trim();
    l = l.strip_prefix("- ").unwrap_or(l); // docker compose list items
    let mut keep_quotes = false;
    if let Some(rest) = strip_word(l, "export") {
        l = rest;
    } else if let Some(rest) = l
        .strip_prefix("$env:")
        .or_else(|| l.strip_prefix("$Env:"))
        .or_else(|| l.strip_prefix("$ENV:"))
    {
        l = rest;
    } else if let Some(rest) = strip_word(l, "set").or_else(|| strip_word(l, "SET")) {
        // cmd.exe: `set "NAME=value"` strips the outer quotes, `set NAME="v"` keeps them.
        if let Some(inner) = rest.strip_prefix('"').and_then(|r| r.strip_suffix('"')) {
            l = inner;
        } else {
            l = rest;
            keep_quotes = true;
        }
    }
    let (name, value, yaml) = match l.find(['=', ':']) {
        Some(i) if l.as_bytes().get(i) == Some(&b'=') => (&l[..i], &l[i + 1..], false),
        Some(i) => {
            // YAML `NAME: value` needs a space after the colon (not a URL's `https:`).
            let rest = &l[i + 1..];
            if !rest.starts_with(' ') && !rest.is_empty() {
                return None;
            }
            (&l[..i], rest, true)
        }
        None => return None,
    };
    let name = name.trim();
    if !is_env_name(name) || (yaml && !name.chars().any(|c| c == '_')) {
        return None;
    }
    let value = value.trim_start();
    if keep_quotes {
        return Some(EnvLine {
            name,
            value: value.trim_end().to_string(),
            unquoted: false,
            unterminated: false,
        });
    }
    Some(parse_env_value(name, value))
}

fn strip_word<'a>(l: &'a str, word: &str) -> Option<&'a str> {
    let rest = l.strip_prefix(word)?;
    rest.starts_with([' ', '\t']).then(|| rest.trim_start())
}

/// dotenv value rules: `'…'` literal, `"…"` with escapes, otherwise up to a ` #` comment.
fn parse_env_value<'a>(name: &'a str, value: &str) -> EnvLine<'a> {
    let mut chars = value.char_indices();
    match chars.next() {
        Some((_, q @ ('\'' | '"'))) => {
            let mut out = String::new();
            let mut escaped = false;
            for (_, c) in chars {
                if escaped {
                    out.push(match c {
                        'n' => '\n',
                        't' => '\t',
                        'r' => '\r',
                        other => other,
                    });
                    escaped = false;
                } else if c == '\\' && q == '"' {
                    escaped = true;
                } else if c == q {
                    return EnvLine {
                        name,
                        value: out,
                        unquoted: true,
                        unterminated: false,
                    };
                } else {
                    out.push(c);
                }
            }
            EnvLine {
                name,
                value: value.trim_end().to_string(),
                unquoted: false,
                unterminated: true,
            }
        }
        _ => {
            let end = comment_start(value).unwrap_or(value.len());
            EnvLine {
                name,
                value: value[..end].trim_end().to_string(),
                unquoted: false,
                unterminated: false,
            }
        }
    }
}

/// Byte index of a ` #` comment in an unquoted value.
fn comment_start(value: &str) -> Option<usize> {
    if value.starts_with('#') {
        return Some(0);
    }
    value
        .char_indices()
        .zip(value.chars().skip(1))
        .find(|((_, a), b)| a.is_whitespace() && *b == '#')
        .map(|((i, _), _)| i)
}

fn dotenv(text: &str) -> Option<Recognized> {
    let mut a = Assignments::new(PasteKind::DotEnv);
    let (mut assignments, mut meaningful, mut known) = (0usize, 0usize, 0usize);
    for line in text.lines() {
        let l = line.trim();
        if l.is_empty() || l.starts_with('#') || l.starts_with("//") || l.starts_with("REM ") {
            continue;
        }
        meaningful += 1;
        let Some(parsed) = env_line(l) else { continue };
        assignments += 1;
        let Some(target) = env_target(parsed.name) else {
            continue;
        };
        known += 1;
        if parsed.unterminated {
            a.r.notes.push(format!(
                "The value of {} opens a quote that never closes; it was taken as written.",
                parsed.name
            ));
        }
        if parsed.unquoted && target == Target::Field(FormField::Credential) {
            a.r.notes.push(format!(
                "Removed the quotes around {}, as dotenv loaders do; `docker run --env-file` \
                 keeps them, and the service then sees them as part of the key.",
                parsed.name
            ));
        }
        if parsed.value.contains("${") {
            a.r.notes.push(format!(
                "{} refers to another variable (${{…}}); only loaders with interpolation expand it.",
                parsed.name
            ));
        }
        a.assign(parsed.name, parsed.value, target);
    }
    (known > 0 && assignments * 2 >= meaningful).then(|| a.finish())
}

// ---------------------------------------------------------------------------------
// Client code and settings files
// ---------------------------------------------------------------------------------

/// Finds `name = "literal"` / `name: 'literal'` / `"Name": "literal"` pairs for known
/// names, and `getenv("X")`-style references.
fn config(text: &str) -> Option<Recognized> {
    let mut a = Assignments::new(PasteKind::Config);
    let mut strong = false;
    let mut env_refs: Vec<(String, String)> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if !(c.is_ascii_alphabetic() || c == b'_') || (i > 0 && is_ident_byte(bytes[i - 1])) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && (is_ident_byte(bytes[i]) || bytes[i] == b'.' || bytes[i] == b':') {
            i += 1;
        }
        // `AzureOpenAI:Endpoint` / `settings.api_key`: the last segment names it.
        let full = &text[start..i];
        let name = full.rsplit(['.', ':']).next().unwrap_or(full);
        let mut j = i;
        if j < bytes.len() && matches!(bytes[j], b'"' | b'\'') {
            j += 1; // the closing quote of a quoted JSON key
        }
        while j < bytes.len() && bytes[j] == b' ' {
            j += 1;
        }
        if j >= bytes.len() || !matches!(bytes[j], b'=' | b':') {
            continue;
        }
        if bytes.get(j + 1) == Some(&b'=') {
            continue; // `==` comparison
        }
        j += 1;
        while j < bytes.len() && matches!(bytes[j], b' ' | b'\t') {
            j += 1;
        }
        let Some(target) = code_target(name) else {
            continue;
        };
        let rest = &text[j..];
        if let Some((literal, used)) = string_literal(rest) {
            if matches!(
                target,
                Target::Field(FormField::Endpoint | FormField::Credential | FormField::ApiVersion)
                    | Target::BearerToken
            ) {
                strong = true;
            }
            a.assign(name, literal, target);
            i = j + used;
        } else if let Some(var) = env_reference(rest) {
            env_refs.push((name.to_string(), var));
        }
    }
    for (name, var) in &env_refs {
        a.r.notes.push(format!(
            "{name} comes from the environment variable {var}: paste its value into the form."
        ));
    }
    (strong || (!env_refs.is_empty() && !a.r.taken.is_empty())).then(|| a.finish())
}

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// A string literal at the start of `s`: `"…"`, `'…'` or `` `…` ``, on one line.
/// Returns the text and the bytes consumed.
fn string_literal(s: &str) -> Option<(String, usize)> {
    let s2 = s
        .strip_prefix(['r', 'f', 'u', 'R', 'F', 'U', '@'])
        .filter(|r| r.starts_with(['"', '\'']))
        .unwrap_or(s);
    let prefix = s.len() - s2.len();
    let mut chars = s2.char_indices();
    let (_, q) = chars.next()?;
    if !matches!(q, '"' | '\'' | '`') {
        return None;
    }
    let mut out = String::new();
    let mut escaped = false;
    for (i, c) in chars {
        // One line, and bounded, so scanning many unclosed quotes stays linear.
        if c == '\n' || i > LITERAL_MAX {
            return None;
        }
        if escaped {
            out.push(match c {
                'n' => '\n',
                't' => '\t',
                'r' => '\r',
                other => other,
            });
            escaped = false;
        } else if c == '\\' {
            escaped = true;
        } else if c == q {
            return Some((out, prefix + i + c.len_utf8()));
        } else {
            out.push(c);
        }
    }
    None
}

/// Longest string literal read from code, in bytes.
const LITERAL_MAX: usize = 8_192;

/// `os.getenv("X")`, `os.environ["X"]`, `process.env.X`,
/// `Environment.GetEnvironmentVariable("X")` at the start of `s`: the variable name.
fn env_reference(s: &str) -> Option<String> {
    let head: String = s.chars().take(120).collect();
    for marker in [
        "getenv(",
        "environ[",
        "environ.get(",
        "GetEnvironmentVariable(",
        "process.env.",
        "process.env[",
        "env(",
    ] {
        if let Some(pos) = head.find(marker) {
            if pos > 40 {
                continue;
            }
            let after = head[pos + marker.len()..].trim_start_matches(['"', '\'', '`']);
            let name: String = after
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            if !name.is_empty() {
                return Some(name);
            }
        }
    }
    None
}

// ---------------------------------------------------------------------------------
// az account get-access-token, lone tokens, URLs
// ---------------------------------------------------------------------------------

fn az_token_json(trimmed: &str) -> Option<Recognized> {
    if !trimmed.starts_with('{') {
        return None;
    }
    let value: serde_json::Value = serde_json::from_str(trimmed).ok()?;
    let obj = value.as_object()?;
    let (key, token) = ["accessToken", "access_token"]
        .iter()
        .find_map(|k| obj.get(*k).and_then(|v| v.as_str()).map(|t| (*k, t)))?;
    let mut r = Recognized::new(PasteKind::AzCliToken);
    r.put(FormField::Token, token, key);
    let text = |k: &str| obj.get(k).and_then(|v| v.as_str()).map(str::to_string);
    if let Some(exp) = text("expiresOn").or_else(|| text("expires_on")) {
        r.notes.push(format!(
            "The CLI says the token expires on {exp} (its local time)."
        ));
    }
    if let Some(t) = text("tenant") {
        r.notes.push(format!("Tenant {t}."));
    }
    Some(r)
}

fn lone_token(trimmed: &str) -> Option<Recognized> {
    let token = strip_bearer(trimmed).unwrap_or(trimmed);
    if !is_jwt(token) {
        return None;
    }
    let mut r = Recognized::new(PasteKind::Token);
    r.put(FormField::Token, token, "the pasted token");
    Some(r)
}

/// `Bearer x` → `x` (one prefix only; `Bearer Bearer x` keeps the second, which is
/// exactly the damage the app sends).
fn strip_bearer(s: &str) -> Option<&str> {
    let head = s.get(..7)?;
    head.eq_ignore_ascii_case("bearer ")
        .then(|| s[7..].trim_start_matches(' '))
}

const METHODS: &[&str] = &["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"];

fn request_url(trimmed: &str) -> Option<Recognized> {
    if trimmed.contains('\n') {
        return None;
    }
    let mut words = trimmed.split_whitespace();
    let first = words.next()?;
    let (url, method) = if METHODS.contains(&first.to_ascii_uppercase().as_str()) {
        (words.next()?, true)
    } else {
        (first, false)
    };
    if words.next().is_some_and(|w| !w.starts_with("HTTP/")) {
        return None;
    }
    let lower = url.to_ascii_lowercase();
    if !(lower.starts_with("https://") || lower.starts_with("http://")) {
        return None;
    }
    let mut r = Recognized::new(PasteKind::RequestUrl);
    let source = if method {
        "the request line"
    } else {
        "the URL"
    };
    // A request URL from a log is what an SDK built from base URL, deployment and
    // api-version: spread it into those fields, so a correct setup is not judged as
    // "the endpoint is a whole URL". Anything else wrong with it stays visible whole.
    let a = crate::diag::read::endpoint::analyze(url);
    let errors = a
        .findings
        .iter()
        .filter(|f| f.severity == crate::diag::report::Severity::Error)
        .count();
    match a.parsed.filter(|p| p.is_request_url && errors == 1) {
        Some(p) if p.suggested_base.is_some() => {
            r.put(
                FormField::Endpoint,
                p.suggested_base.unwrap_or_default(),
                source,
            );
            if let Some(d) = p.deployment_in_url {
                r.put(FormField::Deployment, d, "the URL's path");
            }
            if let Some(v) = p.api_version_in_url {
                r.put(FormField::ApiVersion, v, "the URL's query");
            }
        }
        _ => r.put(FormField::Endpoint, url, source),
    }
    if lower.contains("api-key=") || lower.contains("subscription-key=") {
        r.notes.push(
            "The URL carries a key in its query string: anyone who sees the URL (logs, \
             history, proxies) sees the key. Send it in a header instead."
                .into(),
        );
    }
    Some(r)
}

// ---------------------------------------------------------------------------------
// curl commands and curl -i output
// ---------------------------------------------------------------------------------

/// True when the first meaningful lines are HTTP response lines (`curl -i`, `curl -v`).
fn looks_like_http_output(text: &str) -> bool {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .take(40)
        .any(|l| {
            let l = l.strip_prefix("< ").unwrap_or(l);
            l.starts_with("HTTP/")
                && l.split_whitespace()
                    .nth(1)
                    .is_some_and(|s| s.len() == 3 && s.bytes().all(|b| b.is_ascii_digit()))
        })
}

/// One shell word and whether the shell would expand a `$` in it.
struct Word {
    text: String,
    expands: bool,
    single_quoted_dollar: bool,
}

/// Where the `curl` command starts: the first non-empty line, after a shell prompt.
fn curl_start(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.is_empty() {
            offset += line.len();
            continue;
        }
        let lead = line.len() - line.trim_start().len();
        let body = &line[lead..];
        // A prompt: `$ `, `% `, `> `, `# `, `PS C:\x> `, `user@host:~$ `.
        for (i, _) in body.match_indices("curl") {
            let before = &body[..i];
            let after = &body[i + 4..];
            let word_ends = after.starts_with([' ', '\t']) || after.starts_with(".exe ");
            let prompt_ok = before.is_empty()
                || (before.len() < 80
                    && (before.ends_with("$ ")
                        || before.ends_with("% ")
                        || before.ends_with("> ")
                        || before.ends_with("# ")));
            if word_ends && prompt_ok {
                return Some(offset + lead + i);
            }
        }
        return None;
    }
    None
}

/// Splits a command into shell words, up to the end of the command (an unescaped line
/// break, `|`, `;`, `&&`, `>`). Returns the words and the byte offset where the
/// command ended.
fn shell_words(cmd: &str) -> (Vec<Word>, usize) {
    let mut words = Vec::new();
    let mut cur = String::new();
    let mut in_word = false;
    let mut expands = false;
    let mut sq_dollar = false;
    let mut it = cmd.char_indices().peekable();
    let mut end = cmd.len();
    macro_rules! finish {
        () => {
            end_word(
                &mut words,
                &mut cur,
                &mut in_word,
                &mut expands,
                &mut sq_dollar,
            )
        };
    }
    while let Some((i, c)) = it.next() {
        match c {
            // Line continuations: bash `\`, PowerShell `` ` ``, cmd `^`.
            '\\' | '`' | '^' if matches!(it.peek(), Some((_, '\n' | '\r'))) => {
                while matches!(it.peek(), Some((_, '\n' | '\r'))) {
                    it.next();
                }
                finish!();
            }
            '\\' => {
                in_word = true;
                if let Some((_, n)) = it.next() {
                    cur.push(n);
                }
            }
            '\'' => {
                in_word = true;
                for (_, n) in it.by_ref() {
                    if n == '\'' {
                        break;
                    }
                    if n == '$' {
                        sq_dollar = true;
                    }
                    cur.push(n);
                }
            }
            '"' => {
                in_word = true;
                while let Some((_, n)) = it.next() {
                    match n {
                        '"' => break,
                        '\\' => {
                            if let Some((_, e)) = it.next() {
                                if !matches!(e, '"' | '\\' | '$' | '`') {
                                    cur.push('\\');
                                }
                                cur.push(e);
                            }
                        }
                        '$' => {
                            expands = true;
                            cur.push(n);
                        }
                        _ => cur.push(n),
                    }
                }
            }
            '\n' | ';' | '|' | '>' => {
                finish!();
                end = i;
                break;
            }
            '&' if matches!(it.peek(), Some((_, '&'))) => {
                finish!();
                end = i;
                break;
            }
            ' ' | '\t' | '\r' => finish!(),
            '$' => {
                in_word = true;
                expands = true;
                cur.push(c);
            }
            _ => {
                in_word = true;
                cur.push(c);
            }
        }
    }
    finish!();
    (words, end)
}

/// Ends the word being built, if any.
fn end_word(
    words: &mut Vec<Word>,
    cur: &mut String,
    in_word: &mut bool,
    expands: &mut bool,
    single_quoted_dollar: &mut bool,
) {
    if *in_word {
        words.push(Word {
            text: std::mem::take(cur),
            expands: std::mem::take(expands),
            single_quoted_dollar: std::mem::take(single_quoted_dollar),
        });
        *in_word = false;
    }
}

/// curl options that take an argument (short letters and long names).
const CURL_SHORT_WITH_ARG: &str = "HdXuoOmAebxwFKTcrYyzEUQtCP";
const CURL_LONG_WITH_ARG: &[&str] = &[
    "--header",
    "--data",
    "--data-raw",
    "--data-binary",
    "--data-ascii",
    "--data-urlencode",
    "--json",
    "--request",
    "--user",
    "--output",
    "--max-time",
    "--connect-timeout",
    "--user-agent",
    "--referer",
    "--cookie",
    "--cookie-jar",
    "--proxy",
    "--write-out",
    "--cacert",
    "--cert",
    "--key",
    "--form",
    "--retry",
    "--config",
    "--resolve",
    "--connect-to",
    "--upload-file",
    "--url",
    "--oauth2-bearer",
    "--variable",
];

fn curl_command(text: &str) -> Option<Recognized> {
    let start = curl_start(text)?;
    let (words, used) = shell_words(&text[start..]);
    let mut r = Recognized::new(PasteKind::CurlCommand);
    let mut url: Option<String> = None;
    let mut headers: Vec<(String, Word)> = Vec::new();
    let mut data: Option<String> = None;
    let mut args = words.into_iter().skip(1); // `curl`
    while let Some(w) = args.next() {
        let t = w.text.clone();
        if let Some(long) = t.strip_prefix("--") {
            let (name, inline) = match long.split_once('=') {
                Some((n, v)) => (format!("--{n}"), Some(v.to_string())),
                None => (t.clone(), None),
            };
            if !CURL_LONG_WITH_ARG.contains(&name.as_str()) {
                continue;
            }
            let value = match inline {
                Some(v) => Word {
                    text: v,
                    expands: w.expands,
                    single_quoted_dollar: w.single_quoted_dollar,
                },
                None => match args.next() {
                    Some(v) => v,
                    None => break,
                },
            };
            match name.as_str() {
                "--header" => headers.push((value.text.clone(), value)),
                "--url" => url = Some(value.text),
                "--oauth2-bearer" => {
                    let text = format!("Authorization: Bearer {}", value.text);
                    headers.push((text, value));
                }
                "--data" | "--data-raw" | "--data-binary" | "--data-ascii" | "--json" => {
                    data = Some(value.text)
                }
                _ => {}
            }
        } else if t.len() > 1 && t.starts_with('-') {
            // A cluster of short options; the first that takes an argument ends it.
            let letters: Vec<char> = t[1..].chars().collect();
            for (k, letter) in letters.iter().enumerate() {
                if !CURL_SHORT_WITH_ARG.contains(*letter) {
                    continue;
                }
                let inline: String = letters[k + 1..].iter().collect();
                let value = if inline.is_empty() {
                    args.next()
                } else {
                    Some(Word {
                        text: inline,
                        expands: w.expands,
                        single_quoted_dollar: w.single_quoted_dollar,
                    })
                };
                if let Some(v) = value {
                    match letter {
                        'H' => headers.push((v.text.clone(), v)),
                        'd' => data = Some(v.text),
                        'u' => r.notes.push(
                            "The command sends HTTP Basic credentials (-u); OpenAI accepts the key \
                             as the password, Azure OpenAI does not."
                                .into(),
                        ),
                        _ => {}
                    }
                }
                break;
            }
        } else if url.is_none() && (t.contains("://") || t.contains('.')) {
            url = Some(t);
        }
    }
    if let Some(u) = &url {
        r.put(FormField::Endpoint, u.clone(), "the curl URL");
    }
    curl_headers(&mut r, headers);
    if let Some(body) = data {
        curl_body(&mut r, &body, url.as_deref());
    }
    r.put(FormField::Client, "curl", "the curl command");
    let rest = &text[start + used..];
    if looks_like_http_output(rest) {
        let output = rest.trim_start_matches(['\n', '\r']);
        r.put(FormField::ErrorText, output, "the output under the command");
    }
    Some(r)
}

fn curl_headers(r: &mut Recognized, headers: Vec<(String, Word)>) {
    let mut credential_from: Option<String> = None;
    for (text, word) in headers {
        let Some((name, value)) = text.split_once(':') else {
            continue;
        };
        let name = name.trim();
        let value = value.trim_start_matches(' ').trim_end_matches(['\r', '\n']);
        let lname = name.to_ascii_lowercase();
        let credential_header = AuthHeader::from_name(&lname)
            .and_then(AuthHeader::row)
            .and_then(|row| Some((row.header, row.case_value?)));
        let (field_value, header) = match (credential_header, lname.as_str()) {
            (Some((AuthHeader::Authorization, case_value)), _) => match strip_bearer(value) {
                Some(v) => (v, case_value),
                None if value.to_ascii_lowercase().starts_with("basic ") => {
                    r.notes.push(
                        "The Authorization header is HTTP Basic, not Bearer; it was not copied."
                            .into(),
                    );
                    continue;
                }
                None => (value, case_value),
            },
            (Some((_, case_value)), _) => (value, case_value),
            (None, "openai-organization") => {
                r.put(
                    FormField::Organization,
                    value,
                    "the OpenAI-Organization header",
                );
                continue;
            }
            (None, "openai-project") => {
                r.put(FormField::Project, value, "the OpenAI-Project header");
                continue;
            }
            _ => continue,
        };
        let source = format!("the {name} header");
        if word.expands && value.contains('$') {
            let var: String = value
                .trim_start_matches(['$', '{'])
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                .collect();
            r.notes.push(format!(
                "The {name} header takes its value from the shell variable ${var}: paste that \
                 value into the credential field (run `echo \"${{#{var}}}\"` to see its length)."
            ));
            if credential_from.is_none() {
                r.put(FormField::AuthHeader, header, source.clone());
                credential_from = Some(name.to_string());
            }
            continue;
        }
        if let Some(dollar) = value.find('$').filter(|_| word.single_quoted_dollar) {
            // Only the variable reference is quoted back, never the rest of the value.
            let var: String = value[dollar + 1..]
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '{' | '}'))
                .take(64)
                .collect();
            r.notes.push(format!(
                "The {name} header is in single quotes, so the shell does not expand the \
                 variable in it: curl sends the text `${var}` itself."
            ));
        }
        match &credential_from {
            None => {
                r.put(FormField::Credential, field_value, source.clone());
                r.put(FormField::AuthHeader, header, source);
                credential_from = Some(name.to_string());
            }
            Some(first) => {
                if is_jwt(field_value.trim()) {
                    r.put(FormField::Token, field_value, source);
                }
                r.notes.push(format!(
                    "The command sends both {first} and {name}; the credential field holds the \
                     {first} value."
                ));
            }
        }
    }
}

/// The request body's `model` is the deployment for OpenAI-style paths.
fn curl_body(r: &mut Recognized, body: &str, url: Option<&str>) {
    if url.is_some_and(|u| u.contains("/deployments/")) {
        return;
    }
    let Ok(v) = serde_json::from_str::<serde_json::Value>(body.trim()) else {
        return;
    };
    if let Some(model) = v.get("model").and_then(|m| m.as_str()) {
        r.put(FormField::Deployment, model, "the request body's model");
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

    /// Spreads a recognised paste into the form.
    pub fn apply(&mut self, r: &Recognized) {
        for t in &r.taken {
            self.set(t.field, t.value.clone());
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

    /// One table of invisible characters (known::chars): every one of them is damage to
    /// the credential check and a marker in the page's outline of the same field. (U+034F
    /// used to be damage with no marker, U+061C a marker with no damage.)
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

    fn taken(r: &Recognized) -> Vec<(FormField, &str)> {
        r.taken
            .iter()
            .map(|t| (t.field, t.value.as_str()))
            .collect()
    }

    #[test]
    fn dotenv_block_with_export_quotes_and_comments() {
        let text = "# Azure settings\n\
                    export AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/  # prod\n\
                    AZURE_OPENAI_API_KEY=\"e9ec0002096ff0a43ae31e77050c2e15\"\n\
                    OPENAI_API_VERSION='2024-10-21'\n\
                    AZURE_OPENAI_DEPLOYMENT_NAME=chat-gpt4o\n\
                    UNRELATED=1\n";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::DotEnv);
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://contoso.openai.azure.com/")
        );
        assert_eq!(r.get(FormField::Credential), Some(KEY));
        assert_eq!(r.get(FormField::ApiVersion), Some("2024-10-21"));
        assert_eq!(r.get(FormField::Deployment), Some("chat-gpt4o"));
        assert_eq!(r.get(FormField::ErrorText), None);
        assert!(r.spreads());
        assert_eq!(
            r.summary(),
            "Took endpoint, credential, api-version and deployment from the .env block."
        );
        let src: Vec<&str> = r.taken.iter().map(|t| t.source.as_str()).collect();
        assert_eq!(
            src,
            [
                "AZURE_OPENAI_ENDPOINT",
                "AZURE_OPENAI_API_KEY",
                "OPENAI_API_VERSION",
                "AZURE_OPENAI_DEPLOYMENT_NAME"
            ]
        );
        assert!(
            r.notes.iter().any(|n| n.contains("Removed the quotes")),
            "{:?}",
            r.notes
        );
        for n in &r.notes {
            assert!(!n.contains(&KEY[..8]), "note leaks the key: {n}");
        }
    }

    #[test]
    fn dotenv_crlf_and_escapes() {
        let r = recognize("OPENAI_API_KEY=sk-proj-abc123\r\nOPENAI_ORG_ID=org-XYZ\r\nOPENAI_PROJECT_ID=proj_123\r\n");
        assert_eq!(
            taken(&r),
            [
                (FormField::Credential, "sk-proj-abc123"),
                (FormField::Organization, "org-XYZ"),
                (FormField::Project, "proj_123"),
            ]
        );
        let r = recognize("AZURE_OPENAI_API_KEY=\"abc\\n\"");
        assert_eq!(
            r.get(FormField::Credential),
            Some("abc\n"),
            "a \\n escape in double quotes is a newline"
        );
    }

    #[test]
    fn dotenv_misnamed_key_and_later_line_wins() {
        let r = recognize("AZURE_OPENAI_KEY=one\nAZURE_OPENAI_KEY=two\nAZURE_OPENAI_ENDPOINT=https://x.openai.azure.com");
        assert_eq!(r.get(FormField::Credential), Some("two"));
        assert!(
            r.notes.iter().any(|n| n.contains("not AZURE_OPENAI_KEY")),
            "{:?}",
            r.notes
        );
        assert!(
            r.notes.iter().any(|n| n.contains("more than once")),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn dotenv_powershell_cmd_yaml() {
        let r = recognize("$env:AZURE_OPENAI_ENDPOINT = \"https://a.openai.azure.com/\"\n$env:AZURE_OPENAI_API_KEY = 'k1'");
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://a.openai.azure.com/")
        );
        assert_eq!(r.get(FormField::Credential), Some("k1"));
        // cmd keeps the quotes in `set NAME="v"`: that is the damage the app sends.
        let r = recognize("set AZURE_OPENAI_API_KEY=\"k2\"");
        assert_eq!(r.get(FormField::Credential), Some("\"k2\""));
        let r = recognize("set \"AZURE_OPENAI_API_KEY=k3\"");
        assert_eq!(r.get(FormField::Credential), Some("k3"));
        let r = recognize("environment:\n  AZURE_OPENAI_ENDPOINT: https://b.openai.azure.com/\n  AZURE_OPENAI_API_VERSION: \"2024-10-21\"");
        assert_eq!(r.kind, PasteKind::DotEnv);
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://b.openai.azure.com/")
        );
        assert_eq!(r.get(FormField::ApiVersion), Some("2024-10-21"));
    }

    #[test]
    fn dotenv_ad_token_and_api_type() {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln";
        let r = recognize(&format!(
            "AZURE_OPENAI_AD_TOKEN={jwt}\nAZURE_OPENAI_ENDPOINT=https://c.openai.azure.com"
        ));
        assert_eq!(r.get(FormField::Credential), Some(jwt));
        assert_eq!(r.get(FormField::AuthHeader), Some("authorization"));
        let r = recognize(&format!(
            "AZURE_OPENAI_AD_TOKEN={jwt}\nAZURE_OPENAI_API_KEY=k"
        ));
        assert_eq!(r.get(FormField::Credential), Some("k"));
        assert_eq!(r.get(FormField::Token), Some(jwt));
        let r = recognize(
            "OPENAI_API_TYPE=azure\nOPENAI_API_KEY=k\nOPENAI_API_BASE=https://d.openai.azure.com/",
        );
        assert_eq!(r.get(FormField::AuthHeader), Some("api-key"));
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://d.openai.azure.com/")
        );
    }

    #[test]
    fn dotenv_prefers_chat_deployment_and_ignores_client_secret() {
        let r = recognize(
            "AZURE_OPENAI_EMBEDDING_DEPLOYMENT_NAME=embed\nAZURE_OPENAI_CHAT_DEPLOYMENT_NAME=chat\nAZURE_CLIENT_SECRET=s3cr3t-value\n",
        );
        assert_eq!(r.get(FormField::Deployment), Some("chat"));
        assert!(r.taken.iter().all(|t| !t.value.contains("s3cr3t")));
        assert!(r.notes.iter().any(|n| n.contains("AZURE_CLIENT_SECRET")));
        assert!(r.notes.iter().all(|n| !n.contains("s3cr3t")));
    }

    #[test]
    fn prose_with_an_equals_sign_is_not_dotenv() {
        let text = "Traceback (most recent call last):\n  File \"app.py\", line 3\n    x = 1\nopenai.AuthenticationError: Error code: 401";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::Text);
        assert_eq!(r.get(FormField::ErrorText), Some(text));
        assert!(!r.spreads());
    }

    #[test]
    fn request_url_goes_to_endpoint() {
        let url = "https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21";
        let r = recognize(&format!("  {url}\n"));
        assert_eq!(r.kind, PasteKind::RequestUrl);
        let split = [
            (FormField::Endpoint, "https://contoso.openai.azure.com/"),
            (FormField::Deployment, "chat"),
            (FormField::ApiVersion, "2024-10-21"),
        ];
        assert_eq!(taken(&r), split);
        assert_eq!(
            r.summary(),
            "Took endpoint, deployment and api-version from the request URL."
        );
        let r = recognize(&format!("POST {url} HTTP/1.1"));
        assert_eq!(taken(&r), split);
        // Damage besides the path keeps the URL whole, so the endpoint check sees it.
        let odd = "https://contoso.openai.azure.com:8443/openai/deployments/chat/chat/completions?api-version=2024-10-21";
        let r = recognize(odd);
        assert_eq!(r.get(FormField::Endpoint), Some(odd));
        let v1 = "https://api.openai.com/v1/chat/completions";
        assert_eq!(
            taken(&recognize(v1)),
            [(FormField::Endpoint, "https://api.openai.com/v1")]
        );
        let r = recognize("https://x.openai.azure.com/?api-key=abc");
        assert!(r.notes.iter().any(|n| n.contains("query string")));
    }

    #[test]
    fn az_cli_json_goes_to_token() {
        let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSJ9.sig";
        let text = format!(
            "{{\n  \"accessToken\": \"{jwt}\",\n  \"expiresOn\": \"2026-11-23 10:04:05.000000\",\n  \"expires_on\": 1795428245,\n  \"subscription\": \"0000\",\n  \"tenant\": \"3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13\",\n  \"tokenType\": \"Bearer\"\n}}"
        );
        let r = recognize(&text);
        assert_eq!(r.kind, PasteKind::AzCliToken);
        assert_eq!(taken(&r), [(FormField::Token, jwt)]);
        assert!(r.notes.iter().any(|n| n.contains("2026-11-23 10:04:05")));
        assert!(r.notes.iter().all(|n| !n.contains("eyJ0eX")));
        let r = recognize(&format!(
            "{{\"token_type\":\"Bearer\",\"access_token\":\"{jwt}\"}}"
        ));
        assert_eq!(r.get(FormField::Token), Some(jwt));
    }

    #[test]
    fn lone_jwt_and_bearer_go_to_token() {
        let jwt = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln";
        assert_eq!(taken(&recognize(jwt)), [(FormField::Token, jwt)]);
        assert_eq!(
            taken(&recognize(&format!("Bearer {jwt}"))),
            [(FormField::Token, jwt)]
        );
    }

    #[test]
    fn curl_command_with_continuations() {
        let text = "$ curl -i https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21 \\\n  -H 'Content-Type: application/json' \\\n  -H 'api-key: e9ec0002096ff0a43ae31e77050c2e15' \\\n  -d '{\"messages\":[]}'\n";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::CurlCommand);
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21")
        );
        assert_eq!(r.get(FormField::Credential), Some(KEY));
        assert_eq!(r.get(FormField::AuthHeader), Some("api-key"));
        assert_eq!(r.get(FormField::Client), Some("curl"));
        assert_eq!(
            r.get(FormField::Deployment),
            None,
            "the URL names the deployment"
        );
        assert_eq!(r.get(FormField::ErrorText), None);
    }

    #[test]
    fn curl_bearer_org_project_and_body_model() {
        let text = "curl https://api.openai.com/v1/chat/completions -H \"Authorization: Bearer sk-proj-abc\" -H \"OpenAI-Organization: org-1\" --header 'OpenAI-Project: proj_2' --json '{\"model\": \"gpt-4o\"}'";
        let r = recognize(text);
        assert_eq!(r.get(FormField::Credential), Some("sk-proj-abc"));
        assert_eq!(r.get(FormField::AuthHeader), Some("authorization"));
        assert_eq!(r.get(FormField::Organization), Some("org-1"));
        assert_eq!(r.get(FormField::Project), Some("proj_2"));
        assert_eq!(r.get(FormField::Deployment), Some("gpt-4o"));
    }

    #[test]
    fn curl_double_bearer_keeps_the_damage() {
        let r = recognize(
            "curl https://x.openai.azure.com/ -H 'Authorization: Bearer Bearer eyJa.eyJb.c'",
        );
        assert_eq!(r.get(FormField::Credential), Some("Bearer eyJa.eyJb.c"));
    }

    #[test]
    fn curl_apim_key_windows_continuations() {
        let text = "curl.exe -X POST \"https://gw.azure-api.net/openai/deployments/d/chat/completions?api-version=2024-10-21\" ^\n  -H \"Ocp-Apim-Subscription-Key: 0123456789abcdef0123456789abcdef\"";
        let r = recognize(text);
        assert_eq!(
            r.get(FormField::Credential),
            Some("0123456789abcdef0123456789abcdef")
        );
        assert_eq!(
            r.get(FormField::AuthHeader),
            Some("ocp-apim-subscription-key")
        );
        assert!(r
            .get(FormField::Endpoint)
            .is_some_and(|e| e.starts_with("https://gw.azure-api.net/")));
    }

    #[test]
    fn curl_shell_variables() {
        // Double quotes: the shell expands the variable; we cannot know its value.
        let r = recognize("curl https://x.openai.azure.com/ -H \"api-key: $AZURE_OPENAI_API_KEY\"");
        assert_eq!(r.get(FormField::Credential), None);
        assert_eq!(r.get(FormField::AuthHeader), Some("api-key"));
        assert!(
            r.notes.iter().any(|n| n.contains("$AZURE_OPENAI_API_KEY")),
            "{:?}",
            r.notes
        );
        // Single quotes: curl sends the literal text.
        let r = recognize("curl https://x.openai.azure.com/ -H 'api-key: $AZURE_OPENAI_API_KEY'");
        assert_eq!(r.get(FormField::Credential), Some("$AZURE_OPENAI_API_KEY"));
        assert!(
            r.notes.iter().any(|n| n.contains("single quotes")),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn curl_command_followed_by_its_output() {
        let text = "curl -i https://x.openai.azure.com/openai/models?api-version=2024-10-21 -H 'api-key: abc'\nHTTP/2 401\ndate: Mon, 23 Nov 2026 09:00:00 GMT\ncontent-type: application/json\n\n{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint.\"}}";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::CurlCommand);
        assert_eq!(r.get(FormField::Credential), Some("abc"));
        let out = r.get(FormField::ErrorText).unwrap_or_default();
        assert!(out.starts_with("HTTP/2 401\n"), "{out:?}");
        assert!(out.ends_with("endpoint.\"}}"));
    }

    #[test]
    fn curl_i_output_goes_to_error_text() {
        let text = "HTTP/1.1 401 PermissionDenied\r\nDate: Mon, 23 Nov 2026 09:00:00 GMT\r\n\r\n{\"error\":{}}";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::CurlOutput);
        assert_eq!(taken(&r), [(FormField::ErrorText, text)]);
        assert!(!r.spreads());
        let verbose =
            "* Trying 1.2.3.4:443...\n> GET / HTTP/2\n> api-key: x\n< HTTP/2 404 \n< date: x\n";
        assert_eq!(recognize(verbose).kind, PasteKind::CurlOutput);
    }

    #[test]
    fn python_client_code() {
        let text = "client = AzureOpenAI(\n    azure_endpoint=\"https://contoso.openai.azure.com/\",\n    api_key=os.getenv(\"AZURE_OPENAI_KEY\"),\n    api_version=\"2024-10-21\",\n)\nclient.chat.completions.create(model=\"chat-gpt4o\", messages=[])";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::Config);
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://contoso.openai.azure.com/")
        );
        assert_eq!(r.get(FormField::ApiVersion), Some("2024-10-21"));
        assert_eq!(r.get(FormField::Deployment), Some("chat-gpt4o"));
        assert_eq!(r.get(FormField::Credential), None);
        assert!(
            r.notes.iter().any(|n| n.contains("AZURE_OPENAI_KEY")),
            "{:?}",
            r.notes
        );
    }

    #[test]
    fn appsettings_json() {
        let text = "{\n  \"AzureOpenAI\": {\n    \"Endpoint\": \"https://e.openai.azure.com/\",\n    \"ApiKey\": \"k-123\",\n    \"DeploymentName\": \"gpt4o\"\n  }\n}";
        let r = recognize(text);
        assert_eq!(r.kind, PasteKind::Config);
        assert_eq!(
            r.get(FormField::Endpoint),
            Some("https://e.openai.azure.com/")
        );
        assert_eq!(r.get(FormField::Credential), Some("k-123"));
        assert_eq!(r.get(FormField::Deployment), Some("gpt4o"));
    }

    #[test]
    fn error_bodies_are_not_config() {
        for text in [
            "openai.AuthenticationError: Error code: 401 - {'error': {'code': '401', 'message': 'Access denied due to invalid subscription key or wrong API endpoint.'}}",
            "{\"error\":{\"message\":\"The model `gpt-5` does not exist\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":\"model_not_found\"}}",
            "Azure.RequestFailedException: Principal does not have access to API/Operation.\nStatus: 401 (PermissionDenied)",
        ] {
            let r = recognize(text);
            assert_eq!(r.kind, PasteKind::Text, "{text}");
            assert_eq!(r.get(FormField::ErrorText), Some(text));
        }
    }

    #[test]
    fn huge_paste_is_linear_and_text() {
        let big = "x=1 ".repeat(300_000);
        let r = recognize(&big);
        assert_eq!(r.kind, PasteKind::Text);
        assert_eq!(recognize("").kind, PasteKind::Text);
        assert!(recognize("   ").taken.is_empty());
    }

    #[test]
    fn debug_of_taken_masks_secrets() {
        let r = recognize(&format!("AZURE_OPENAI_API_KEY={KEY}"));
        let dbg = format!("{r:?}");
        assert!(!dbg.contains(&KEY[4..12]), "{dbg}");
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
    fn apply_spreads_into_the_form() {
        let mut form = Form::default();
        form.apply(&recognize(
            "AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com\nAZURE_OPENAI_API_KEY=k",
        ));
        assert_eq!(form.endpoint, "https://x.openai.azure.com");
        assert_eq!(form.credential.expose(), "k");
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
