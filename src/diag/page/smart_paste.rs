//! Smart paste: what the page does with what users actually copy.
//!
//! Users rarely paste one value into one field. They paste a `.env` block, a whole
//! request URL, the JSON printed by `az account get-access-token`, a `curl` command
//! (often with its `-i` output under it), client code, or an error. [`recognize`] tells
//! which it is and spreads it into form fields, saying for each value where it was
//! taken from, so the page can say "Took endpoint and credential from the .env block".
//!
//! Everything here is pure, linear in the size of its input, and never quotes a
//! secret in a note.

use crate::diag::known::env_names::{self, Setting};
use crate::diag::known::headers::AuthHeader;
use crate::diag::page::form::{Form, FormField};
use crate::diag::read::jwt::looks_like_jwt as is_jwt;
use std::fmt;

/// Texts longer than this are only ever error output: nobody pastes a 200 KB `.env`.
/// Keeps recognition cheap on a 1 MB paste.
const STRUCTURED_MAX: usize = 200_000;

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

impl Form {
    /// Spreads a recognised paste into the form.
    pub fn apply(&mut self, r: &Recognized) {
        for t in &r.taken {
            self.set(t.field, t.value.clone());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: &str = "e9ec0002096ff0a43ae31e77050c2e15";

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
    fn apply_spreads_into_the_form() {
        let mut form = Form::default();
        form.apply(&recognize(
            "AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com\nAZURE_OPENAI_API_KEY=k",
        ));
        assert_eq!(form.endpoint, "https://x.openai.azure.com");
        assert_eq!(form.credential.expose(), "k");
    }
}
