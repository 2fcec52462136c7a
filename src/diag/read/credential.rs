//! The credential: classify the shape of what the app sends, and find damage done to
//! it on the way (`auth-failures.md` §5, seed "whitespace, quotes, truncated key").
//!
//! Shape checks are hints that raise or lower causes, never hard rejections: key
//! formats change (`tools-landscape.md` §11). Messages therefore say "looks like", and a
//! value of no known shape is [`Shape::Unknown`] without complaint.
//!
//! Nothing here quotes the secret: findings say what was found and where ("a line break
//! (LF) after character 32"), never the characters of the key.
//!
//! ```
//! use doctor401::diag::read::credential::{analyze, Damage, Shape};
//! let a = analyze("0123456789abcdef0123456789abcdef\n");
//! assert_eq!(a.shape, Shape::AzureKey32);
//! assert_eq!(a.damage, vec![Damage::TrailingNewline]);
//! assert_eq!(a.cleaned.expose(), "0123456789abcdef0123456789abcdef");
//! ```

use crate::diag::known::chars::{
    self, is_line_break, is_no_break_space as is_nbsp, is_smart_quote,
};
pub use crate::diag::known::key_shapes::OpenAiKeyKind;
use crate::diag::known::key_shapes::{self, PrefixMeaning};
use crate::diag::read::jwt;
use crate::diag::report::{Field, Finding, Severity};
use crate::diag::secret::Secret;

/// What the cleaned credential looks like.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Shape {
    /// Nothing (empty or only whitespace).
    Empty,
    /// A placeholder or unset value: `None`, `undefined`, `null`, `<your-key>`, `$VAR`,
    /// `your-api-key-here`. Carries a description of which.
    Placeholder(String),
    /// 32 hexadecimal characters: classic Azure key (or an APIM subscription key).
    AzureKey32,
    /// 84-character Azure key with the `JQQJ99…ACOG` markers.
    AzureKey84,
    /// A GUID: a subscription, tenant, client or secret id; never an Azure OpenAI key.
    Guid,
    /// Three dot-separated base64url parts starting `eyJ`.
    Jwt,
    /// Five parts: an encrypted token (JWE).
    Jwe,
    /// An OpenAI key.
    OpenAi(OpenAiKeyKind),
    /// Another vendor's key, named: `OpenRouter`, `Anthropic`, `Google`, `Groq`, …
    OtherVendor(&'static str),
    /// A Microsoft Entra client secret *value* (`…Q~…`): it gets a token from Entra ID
    /// and is never sent to Azure OpenAI itself.
    ClientSecret,
    /// A URL pasted as the key.
    Url,
    /// Words, not a key.
    Prose,
    /// Something else; no judgement.
    Unknown,
}

impl Shape {
    /// What the shape is, for people ("a classic Azure key (32 hexadecimal characters)").
    /// Never quotes the value.
    pub fn describe(&self) -> String {
        match self {
            Shape::Empty => "nothing".into(),
            Shape::Placeholder(what) => format!("a placeholder: {what}"),
            Shape::AzureKey32 => "a classic Azure key (32 hexadecimal characters)".into(),
            Shape::AzureKey84 => "an 84-character Azure AI Services key".into(),
            Shape::Guid => "a GUID (a subscription, tenant, client or secret id)".into(),
            Shape::Jwt => "a JWT (an Entra ID token)".into(),
            Shape::Jwe => "an encrypted token (JWE)".into(),
            Shape::OpenAi(kind) => kind.describe().into(),
            Shape::OtherVendor(name) => format!("a key of {name}"),
            Shape::ClientSecret => "a Microsoft Entra client secret value".into(),
            Shape::Url => "a URL".into(),
            Shape::Prose => "words, not a key".into(),
            Shape::Unknown => "a value of no known shape".into(),
        }
    }
}

/// Damage done to the key text before it was sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Damage {
    /// Spaces or tabs before the key.
    LeadingWhitespace,
    /// Spaces or tabs after the key.
    TrailingWhitespace,
    /// A line break (CR and/or LF) at the end, e.g. from `echo $KEY > .env`.
    TrailingNewline,
    /// Whitespace or a line break inside the key.
    InnerWhitespace,
    /// Straight quotes around or in the key.
    Quotes,
    /// Typographic quotes (“ ” ‘ ’) around or in the key.
    SmartQuotes,
    /// Zero-width or other invisible characters (U+200B…, BOM, soft hyphen).
    Invisible,
    /// A non-breaking space.
    NonBreakingSpace,
    /// `Bearer ` inside the value; `count` of them.
    BearerPrefix {
        /// How many `Bearer` words precede the value.
        count: usize,
    },
    /// An `api-key:` / `Authorization:` header name pasted with the value.
    HeaderNamePrefix,
    /// A variable assignment pasted with the value (`AZURE_OPENAI_API_KEY=…`,
    /// `export …=`, `api_key: …`).
    VariableAssignment,
    /// Shorter than its shape should be (e.g. 31 hex characters, a JWT without signature).
    Truncated,
    /// Other non-ASCII characters.
    NonAscii,
}

/// Everything learned from the credential (or the token field).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CredentialAnalysis {
    /// The shape of the cleaned value.
    pub shape: Shape,
    /// Damage found in the raw value; empty when it is clean.
    pub damage: Vec<Damage>,
    /// The value with the damage undone (whitespace, quotes, invisible characters and
    /// `Bearer ` removed): what the app should send.
    pub cleaned: Secret,
    /// Length in characters of the raw value.
    pub raw_len: usize,
    /// Observations, with stable ids (e.g. `credential-trailing-newline`).
    pub findings: Vec<Finding>,
}

impl CredentialAnalysis {
    /// True when this damage was found (any `Bearer` count for [`Damage::BearerPrefix`]).
    pub fn has(&self, damage: &Damage) -> bool {
        self.damage.iter().any(|d| match (d, damage) {
            (Damage::BearerPrefix { .. }, Damage::BearerPrefix { .. }) => true,
            (a, b) => a == b,
        })
    }

    /// How many `Bearer` words precede the value (0 when none).
    pub fn bearer_count(&self) -> usize {
        self.damage
            .iter()
            .find_map(|d| match d {
                Damage::BearerPrefix { count } => Some(*count),
                _ => None,
            })
            .unwrap_or(0)
    }
}

/// Classifies a pasted credential.
pub fn analyze(raw: &str) -> CredentialAnalysis {
    let inspected = inspect(raw);
    let mut findings: Vec<Finding> = Vec::new();
    let to_finding = |n: &Note| {
        Finding::new(
            Field::Credential,
            n.severity,
            &format!("credential-{}", n.id),
            n.message.clone(),
        )
    };
    findings.extend(inspected.shape_notes.iter().map(to_finding));
    findings.extend(inspected.notes.iter().map(to_finding));
    findings.extend(inspected.truncation.iter().map(to_finding));
    let usable = !matches!(inspected.shape, Shape::Empty | Shape::Placeholder(_));
    if inspected.damage.is_empty() && usable {
        findings.push(Finding::new(
            Field::Credential,
            Severity::Ok,
            "credential-clean",
            format!(
                "No whitespace, quotes, line breaks or invisible characters around or inside \
                 the value ({} characters).",
                inspected.cleaned.chars().count()
            ),
        ));
    }
    CredentialAnalysis {
        shape: inspected.shape,
        damage: inspected.damage,
        cleaned: Secret::new(inspected.cleaned),
        raw_len: raw.chars().count(),
        findings,
    }
}

/// One observation before it becomes a [`Finding`]: the id without its field prefix,
/// so the token module can reuse the damage checks under `token-…` ids.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Note {
    /// The id after the prefix, e.g. `trailing-newline`.
    pub id: &'static str,
    /// How it reads.
    pub severity: Severity,
    /// A sentence for people; never quotes the value.
    pub message: String,
}

impl Note {
    fn new(id: &'static str, severity: Severity, message: impl Into<String>) -> Self {
        Note {
            id,
            severity,
            message: message.into(),
        }
    }
}

/// The result of [`inspect`].
#[derive(Clone, Debug)]
pub(crate) struct Inspection {
    /// The value with the damage undone.
    pub cleaned: String,
    /// The damage, in the order found, each kind once.
    pub damage: Vec<Damage>,
    /// One note per damage kind (not truncation).
    pub notes: Vec<Note>,
    /// The shape of the cleaned value.
    pub shape: Shape,
    /// What the shape is, when it is worth saying.
    pub shape_notes: Vec<Note>,
    /// Why the value looks cut short, when it does.
    pub truncation: Option<Note>,
}

impl Inspection {
    fn empty() -> Self {
        Inspection {
            cleaned: String::new(),
            damage: Vec::new(),
            notes: Vec::new(),
            shape: Shape::Empty,
            shape_notes: Vec::new(),
            truncation: None,
        }
    }
}

/// How many places a message lists before it says "and N more".
const MAX_PLACES: usize = 3;

/// Up to [`MAX_PLACES`] raw positions of one kind of character, and how many in all.
#[derive(Clone, Debug, Default)]
struct Spots {
    count: usize,
    first: Vec<(usize, char)>,
}

impl Spots {
    fn push(&mut self, at: usize, c: char) {
        self.count += 1;
        if self.first.len() < MAX_PLACES {
            self.first.push((at, c));
        }
    }
}

/// Inspects a pasted value: undoes damage, classifies the result. Linear in the input.
pub(crate) fn inspect(raw: &str) -> Inspection {
    if let Some(paste) = jwt::read_json_paste(raw) {
        return inspect_json(paste);
    }
    inspect_text(raw)
}

fn inspect_json(paste: jwt::JsonPaste) -> Inspection {
    match paste.token {
        Some(token) => {
            let mut inner = inspect_text(&token);
            inner.shape_notes.insert(
                0,
                Note::new(
                    "token-json",
                    Severity::Info,
                    format!(
                        "This is the JSON {}; only its access token is checked. The app must \
                         send that value alone.",
                        paste.source.describe()
                    ),
                ),
            );
            inner
        }
        None => {
            let (id, what) = if paste.claims.is_some() {
                (
                    "claims-json",
                    "decoded token claims (a JSON payload), not the token itself",
                )
            } else {
                ("json", "a JSON object, not a key or token")
            };
            Inspection {
                cleaned: String::new(),
                shape: Shape::Unknown,
                shape_notes: vec![Note::new(id, Severity::Warning, format!("This is {what}."))],
                ..Inspection::empty()
            }
        }
    }
}

/// Invisible characters, and control characters that are no whitespace: both show as
/// nothing in a key.
fn is_invisible(c: char) -> bool {
    chars::is_invisible(c) || (c.is_control() && !c.is_whitespace())
}

fn invisible_name(c: char) -> &'static str {
    match chars::invisible(c) {
        Some(row) => row.name,
        None if c.is_control() => "a control character",
        None => "an invisible character",
    }
}

fn is_straight_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`')
}

fn ws_name(c: char) -> &'static str {
    match c {
        ' ' => "space",
        '\t' => "tab",
        '\n' => "line break (LF)",
        '\r' => "carriage return (CR)",
        c if is_line_break(c) => "line break",
        c if is_nbsp(c) => "non-breaking space",
        _ => "other space character",
    }
}

/// Describes a run of whitespace: "a line break (LF)", "2 spaces", "a line break (CRLF)".
fn describe_run(run: &[char]) -> String {
    if run == ['\r', '\n'] {
        return "a line break (CRLF)".into();
    }
    let first = run.first().copied().unwrap_or(' ');
    if run.iter().all(|&c| c == first) {
        let name = ws_name(first);
        if run.len() == 1 {
            format!("a {name}")
        } else {
            format!("{} {}", run.len(), plural(name))
        }
    } else {
        let newlines = run.iter().filter(|&&c| is_line_break(c)).count();
        if newlines > 0 {
            format!(
                "{} whitespace characters including {newlines} line break(s)",
                run.len()
            )
        } else {
            format!("{} whitespace characters", run.len())
        }
    }
}

fn plural(name: &str) -> String {
    // "line break (LF)" → "line breaks (LF)"
    match name.split_once(' ') {
        Some((head, tail)) if name.starts_with("line") || name.starts_with("carriage") => {
            let (a, b) = tail.split_once(' ').unwrap_or((tail, ""));
            format!("{head} {a}s {b}").trim_end().to_string()
        }
        _ => match name.split_once(" (") {
            Some((a, b)) => format!("{a}s ({b}"),
            None => format!("{name}s"),
        },
    }
}

/// "after character 12, after character 30 and 2 more"
fn list_places(places: &[String], total: usize) -> String {
    let mut s = places.join(", ");
    if total > places.len() {
        s.push_str(&format!(" and {} more", total - places.len()));
    }
    s
}

/// Where a raw position lies relative to the content span.
fn place(at: usize, span: Option<(usize, usize)>) -> String {
    match span {
        Some((start, _)) if at < start => "before the value".into(),
        Some((_, end)) if at > end => "after the value".into(),
        _ => format!("after character {at}"),
    }
}

struct Peeled {
    start: usize,
    bearer: usize,
    header: Option<&'static str>,
    assignment: bool,
}

/// Like [`inspect`], without looking for pasted JSON.
pub(crate) fn inspect_text(raw: &str) -> Inspection {
    let mut invisible = Spots::default();
    let mut quotes = Spots::default();
    let mut smart = Spots::default();
    let mut nbsp = Spots::default();
    // (raw char index, char) of everything that is not dropped outright.
    let mut kept: Vec<(usize, char)> = Vec::with_capacity(raw.len().min(1 << 20));
    for (i, c) in raw.chars().enumerate() {
        if is_invisible(c) {
            invisible.push(i, c);
        } else if is_straight_quote(c) {
            quotes.push(i, c);
        } else if is_smart_quote(c) {
            smart.push(i, c);
        } else {
            if is_nbsp(c) {
                nbsp.push(i, c);
            }
            kept.push((i, c));
        }
    }

    let mut out = Inspection::empty();
    let first = kept.iter().position(|&(_, c)| !c.is_whitespace());
    let last = kept.iter().rposition(|&(_, c)| !c.is_whitespace());
    let span = match (first, last) {
        (Some(a), Some(b)) => Some((a, b)),
        _ => None,
    };
    let raw_span = span.and_then(|(a, b)| Some((kept.get(a)?.0, kept.get(b)?.0)));

    note_dropped(&mut out, &invisible, &quotes, &smart, &nbsp, raw_span);

    let Some((k0, k1)) = span else {
        out.shape = Shape::Empty;
        let message = if raw.is_empty() {
            "The credential is empty.".to_string()
        } else {
            "The credential holds only whitespace, quotes or invisible characters: no key at all."
                .to_string()
        };
        out.shape_notes
            .push(Note::new("empty", Severity::Error, message));
        return out;
    };
    let leading = kept.get(..k0).unwrap_or(&[]);
    let trailing = kept.get(k1 + 1..).unwrap_or(&[]);
    let content = kept.get(k0..=k1).unwrap_or(&[]);
    note_edges(&mut out, leading, trailing, k1, &kept);

    let peeled = peel(content);
    if let Some(name) = peeled.header {
        push(
            &mut out,
            Damage::HeaderNamePrefix,
            Note::new(
                "header-name",
                Severity::Error,
                format!(
                    "The value starts with an HTTP header name (“{name}”): only what follows the \
                     colon is the credential."
                ),
            ),
        );
    }
    if peeled.assignment {
        push(
            &mut out,
            Damage::VariableAssignment,
            Note::new(
                "assignment",
                Severity::Error,
                "The value starts with a variable name and “=” or “:” (a line of a .env, shell \
                 or YAML file): only what follows is the credential.",
            ),
        );
    }
    if peeled.bearer > 0 {
        let message = if peeled.bearer == 1 {
            "The value starts with the word “Bearer”. Clients and SDKs add “Bearer” themselves, \
             so the service receives it twice; store only the token or key."
                .to_string()
        } else {
            format!(
                "The value starts with the word “Bearer” {} times: the service receives it at \
                 least that often and reads “Bearer” as the token. Store only the token.",
                peeled.bearer
            )
        };
        push(
            &mut out,
            Damage::BearerPrefix {
                count: peeled.bearer,
            },
            Note::new("bearer-prefix", Severity::Error, message),
        );
    }

    let rest = content.get(peeled.start..).unwrap_or(&[]);
    finish(&mut out, rest);
    out
}

fn push(out: &mut Inspection, damage: Damage, note: Note) {
    if !out.damage.contains(&damage) {
        out.damage.push(damage);
        out.notes.push(note);
    }
}

fn note_dropped(
    out: &mut Inspection,
    invisible: &Spots,
    quotes: &Spots,
    smart: &Spots,
    nbsp: &Spots,
    span: Option<(usize, usize)>,
) {
    if invisible.count > 0 {
        let places: Vec<String> = invisible
            .first
            .iter()
            .map(|&(at, c)| {
                format!(
                    "{} (U+{:04X}) {}",
                    invisible_name(c),
                    c as u32,
                    place(at, span)
                )
            })
            .collect();
        push(
            out,
            Damage::Invisible,
            Note::new(
                "invisible",
                Severity::Error,
                format!(
                    "Invisible characters that are sent with the key: {}.",
                    list_places(&places, invisible.count)
                ),
            ),
        );
    }
    if nbsp.count > 0 {
        let places: Vec<String> = nbsp
            .first
            .iter()
            .map(|&(at, c)| format!("U+{:04X} {}", c as u32, place(at, span)))
            .collect();
        push(
            out,
            Damage::NonBreakingSpace,
            Note::new(
                "non-breaking-space",
                Severity::Error,
                format!(
                    "{} non-breaking space{} (from a web page or document): {}.",
                    nbsp.count,
                    if nbsp.count == 1 { "" } else { "s" },
                    list_places(&places, nbsp.count)
                ),
            ),
        );
    }
    for (spots, damage, id, what) in [
        (quotes, Damage::Quotes, "quotes", "Straight quotes"),
        (
            smart,
            Damage::SmartQuotes,
            "smart-quotes",
            "Typographic quotes (from a chat, document or word processor)",
        ),
    ] {
        if spots.count == 0 {
            continue;
        }
        let around = spots.count == 2
            && span.is_some_and(|(s, e)| {
                spots.first.first().is_some_and(|&(a, _)| a < s)
                    && spots.first.get(1).is_some_and(|&(b, _)| b > e)
            });
        let where_ = if around {
            "around the value".to_string()
        } else {
            let places: Vec<String> = spots.first.iter().map(|&(at, _)| place(at, span)).collect();
            list_places(&places, spots.count)
        };
        push(
            out,
            damage,
            Note::new(
                id,
                Severity::Error,
                format!("{what} {where_}: they become part of the key. Remove them."),
            ),
        );
    }
}

fn note_edges(
    out: &mut Inspection,
    leading: &[(usize, char)],
    trailing: &[(usize, char)],
    k1: usize,
    kept: &[(usize, char)],
) {
    let lead: Vec<char> = leading
        .iter()
        .map(|&(_, c)| c)
        .filter(|&c| !is_nbsp(c))
        .collect();
    if !lead.is_empty() {
        push(
            out,
            Damage::LeadingWhitespace,
            Note::new(
                "leading-whitespace",
                Severity::Error,
                format!(
                    "{} before the value. Remove it: the key must be sent exactly.",
                    capitalize(&describe_run(&lead))
                ),
            ),
        );
    }
    let breaks: Vec<(usize, char)> = trailing
        .iter()
        .copied()
        .filter(|&(_, c)| is_line_break(c))
        .collect();
    let spaces: Vec<char> = trailing
        .iter()
        .map(|&(_, c)| c)
        .filter(|&c| !is_line_break(c) && !is_nbsp(c))
        .collect();
    let content_len = kept.get(k1).map_or(0, |&(at, _)| at + 1);
    if let Some(&(at, _)) = breaks.first() {
        let chars: Vec<char> = breaks.iter().map(|&(_, c)| c).collect();
        push(
            out,
            Damage::TrailingNewline,
            Note::new(
                "trailing-newline",
                Severity::Error,
                format!(
                    "{} at the end, after character {at}: typical of `echo $KEY > .env` or a file \
                     saved with a final newline. Remove it.",
                    capitalize(&describe_run(&chars))
                ),
            ),
        );
    }
    if !spaces.is_empty() {
        push(
            out,
            Damage::TrailingWhitespace,
            Note::new(
                "trailing-whitespace",
                Severity::Error,
                format!(
                    "{} after the value (after character {content_len}). Remove {}: the key must be sent exactly.",
                    capitalize(&describe_run(&spaces)),
                    if spaces.len() == 1 { "it" } else { "them" }
                ),
            ),
        );
    }
}

fn capitalize(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Does `content[p..]` start with `word` (ASCII case-insensitive)?
fn word_at(content: &[(usize, char)], p: usize, word: &str) -> bool {
    let mut i = p;
    for w in word.chars() {
        match content.get(i) {
            Some(&(_, c)) if c.eq_ignore_ascii_case(&w) => i += 1,
            _ => return false,
        }
    }
    true
}

fn is_ws_at(content: &[(usize, char)], p: usize) -> bool {
    content.get(p).is_some_and(|&(_, c)| c.is_whitespace())
}

fn skip_ws(content: &[(usize, char)], mut p: usize) -> usize {
    while is_ws_at(content, p) {
        p += 1;
    }
    p
}

/// Strips what people paste together with a credential: `-H`, header names, a variable
/// assignment, and `Bearer` (counted). Each step moves forward, so this ends.
fn peel(content: &[(usize, char)]) -> Peeled {
    let mut out = Peeled {
        start: 0,
        bearer: 0,
        header: None,
        assignment: false,
    };
    let mut p = 0;
    loop {
        p = skip_ws(content, p);
        if p >= content.len() {
            break;
        }
        if let Some(q) = ["-h", "--header"]
            .iter()
            .find(|w| word_at(content, p, w) && is_ws_at(content, p + w.len()))
            .map(|w| p + w.len())
        {
            p = q;
            continue;
        }
        if let Some((name, q)) = header_name_at(content, p) {
            out.header = Some(name);
            p = q;
            continue;
        }
        if word_at(content, p, "bearer") {
            let q = p + "bearer".len();
            if q >= content.len() || is_ws_at(content, q) {
                out.bearer += 1;
                p = q;
                continue;
            }
        }
        if out.bearer == 0 && !out.assignment {
            if let Some(q) = assignment_at(content, p) {
                out.assignment = true;
                p = q;
                continue;
            }
        }
        break;
    }
    out.start = p.min(content.len());
    out
}

fn header_name_at(content: &[(usize, char)], p: usize) -> Option<(&'static str, usize)> {
    key_shapes::HEADER_NAMES.iter().find_map(|&(name, _)| {
        if !word_at(content, p, name) {
            return None;
        }
        let mut q = p + name.len();
        while content.get(q).is_some_and(|&(_, c)| c == ' ' || c == '\t') {
            q += 1;
        }
        (content.get(q).map(|&(_, c)| c) == Some(':')).then_some((name, q + 1))
    })
}

/// `export NAME=`, `$env:NAME=`, `NAME=`, `api_key:` when NAME looks like a setting name.
fn assignment_at(content: &[(usize, char)], p: usize) -> Option<usize> {
    let mut q = p;
    if word_at(content, q, "export") && is_ws_at(content, q + 6) {
        q = skip_ws(content, q + 6);
    } else if word_at(content, q, "set") && is_ws_at(content, q + 3) {
        q = skip_ws(content, q + 3);
    }
    if word_at(content, q, "$env:") {
        q += 5;
    } else if content.get(q).map(|&(_, c)| c) == Some('$') {
        q += 1;
    }
    let start = q;
    while content
        .get(q)
        .is_some_and(|&(_, c)| c.is_ascii_alphanumeric() || c == '_' || c == '-')
    {
        q += 1;
    }
    let ident: String = content.get(start..q)?.iter().map(|&(_, c)| c).collect();
    if ident.is_empty() || ident.len() > 64 || ident.starts_with("eyJ") {
        return None;
    }
    let lower = ident.to_ascii_lowercase();
    let keyish = ["key", "token", "secret", "password"]
        .iter()
        .any(|w| lower.contains(w));
    let env_style = ident.contains('_')
        && ident
            .chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_');
    if !(keyish || env_style) {
        return None;
    }
    while content.get(q).is_some_and(|&(_, c)| c == ' ' || c == '\t') {
        q += 1;
    }
    let sep = content.get(q).map(|&(_, c)| c)?;
    if sep != '=' && sep != ':' {
        return None;
    }
    if sep == ':' && content.get(q + 1).map(|&(_, c)| c) == Some('/') {
        return None;
    }
    let after = skip_ws(content, q + 1);
    (after < content.len()).then_some(q + 1)
}

/// Handles inner whitespace, classifies, and notes non-ASCII characters.
fn finish(out: &mut Inspection, rest: &[(usize, char)]) {
    let mut joined = String::with_capacity(rest.len());
    let mut spaced = String::with_capacity(rest.len());
    let mut inner = Spots::default();
    let mut runs: Vec<(usize, Vec<char>)> = Vec::new();
    let mut prev_ws = false;
    // Inside a run that holds at least one ordinary whitespace character (non-breaking
    // spaces have their own finding), and whether that run is one of those listed.
    let mut in_run = false;
    let mut recording = false;
    for &(at, c) in rest {
        if c.is_whitespace() {
            if !is_nbsp(c) {
                if in_run {
                    if let Some(r) = runs.last_mut().filter(|r| recording && r.1.len() < 16) {
                        r.1.push(c);
                    }
                } else {
                    inner.push(at, c);
                    in_run = true;
                    recording = runs.len() < MAX_PLACES;
                    if recording {
                        runs.push((at, vec![c]));
                    }
                }
            }
            if !prev_ws {
                spaced.push(' ');
            }
            prev_ws = true;
        } else {
            joined.push(c);
            spaced.push(c);
            prev_ws = false;
            in_run = false;
        }
    }
    let spaced = spaced.trim().to_string();
    let has_inner = rest.iter().any(|&(_, c)| c.is_whitespace());

    let (cleaned, inner_damage, classified) = if !has_inner {
        let c = classify(&joined);
        (joined, false, c)
    } else if placeholder(&spaced).is_some() {
        let c = classify(&spaced);
        (spaced, false, c)
    } else {
        let c = classify(&joined);
        if matches!(c.shape, Shape::Unknown | Shape::Prose) && looks_like_prose(&spaced) {
            let c = classify(&spaced);
            (spaced, false, c)
        } else {
            (joined, true, c)
        }
    };

    if inner_damage && inner.count > 0 {
        let places: Vec<String> = runs
            .iter()
            .map(|(at, run)| format!("{} after character {at}", describe_run(run)))
            .collect();
        push(
            out,
            Damage::InnerWhitespace,
            Note::new(
                "inner-whitespace",
                Severity::Error,
                format!(
                    "Whitespace inside the value: {}. A key or token has none; the value was \
                     probably wrapped or split when copied.",
                    list_places(&places, inner.count)
                ),
            ),
        );
    }

    if !matches!(classified.shape, Shape::Prose) {
        let mut odd = Spots::default();
        for &(at, c) in rest {
            if !c.is_ascii() && !c.is_whitespace() {
                odd.push(at, c);
            }
        }
        if odd.count > 0 {
            let places: Vec<String> = odd
                .first
                .iter()
                .map(|&(at, c)| format!("U+{:04X} after character {at}", c as u32))
                .collect();
            push(
                out,
                Damage::NonAscii,
                Note::new(
                    "non-ascii",
                    Severity::Warning,
                    format!(
                        "Characters outside ASCII: {}. Keys and tokens are plain ASCII; a \
                         look-alike letter from another alphabet or a converted character was \
                         pasted.",
                        list_places(&places, odd.count)
                    ),
                ),
            );
        }
    }
    if let Some(why) = classified.truncated {
        out.damage.push(Damage::Truncated);
        out.truncation = Some(Note::new("truncated", Severity::Error, why));
    }
    out.shape_notes.extend(shape_notes(&classified.shape));
    out.shape_notes.extend(classified.notes);
    out.shape = classified.shape;
    out.cleaned = cleaned;
}

fn looks_like_prose(s: &str) -> bool {
    let mut words = 0usize;
    let mut alpha = 0usize;
    for w in s.split_whitespace() {
        words += 1;
        let core = w.trim_matches(|c: char| c.is_ascii_punctuation());
        if core.chars().count() >= 2 && core.chars().all(char::is_alphabetic) {
            alpha += 1;
        }
    }
    words >= 2 && alpha >= 2 && alpha * 2 >= words
}

/// The classification of a cleaned value.
struct Classified {
    shape: Shape,
    truncated: Option<String>,
    notes: Vec<Note>,
}

impl Classified {
    fn of(shape: Shape) -> Self {
        Classified {
            shape,
            truncated: None,
            notes: Vec::new(),
        }
    }
}

fn classify(s: &str) -> Classified {
    if s.is_empty() {
        return Classified::of(Shape::Empty);
    }
    if let Some(what) = placeholder(s) {
        return Classified::of(Shape::Placeholder(what));
    }
    if s.contains(char::is_whitespace) {
        return Classified::of(if looks_like_prose(s) {
            Shape::Prose
        } else {
            Shape::Unknown
        });
    }
    if let Some(c) = jwt_shape(s) {
        return c;
    }
    if is_guid(s) {
        return Classified::of(Shape::Guid);
    }
    if let Some(c) = annotated_key(s) {
        return c;
    }
    if s.bytes().all(|b| b.is_ascii_hexdigit()) {
        return hex_key(s);
    }
    if let Some(c) = prefixed_key(s) {
        return c;
    }
    if is_client_secret(s) {
        return Classified::of(Shape::ClientSecret);
    }
    if is_url(s) {
        return Classified::of(Shape::Url);
    }
    Classified::of(Shape::Unknown)
}

/// Placeholders are short; longer values are never read as one (and this keeps a 1 MB
/// paste cheap).
const MAX_PLACEHOLDER_LEN: usize = 512;

fn placeholder(s: &str) -> Option<String> {
    if s.len() > MAX_PLACEHOLDER_LEN {
        return None;
    }
    let lower = s.to_ascii_lowercase();
    if let Some(p) = key_shapes::PLACEHOLDERS
        .iter()
        .find(|p| p.pattern.matches(&lower))
    {
        return Some(p.what.to_string());
    }
    if let Some(name) = s.strip_prefix('$') {
        if !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_') {
            return Some(
                "an environment variable name, not its value (it was never expanded)".into(),
            );
        }
    }
    if s.len() >= 3 && !s.contains(char::is_whitespace) {
        let body = key_shapes::prefix_of(s).map_or(s, |p| s.get(p.prefix.len()..).unwrap_or(""));
        let body = body.strip_prefix("sk-").unwrap_or(body);
        let fill = body
            .chars()
            .filter(|c| matches!(c, 'x' | 'X' | '*' | '.' | '…' | '#'))
            .count();
        let other = body
            .chars()
            .filter(|c| !matches!(c, 'x' | 'X' | '*' | '.' | '…' | '#' | '-' | '_'))
            .count();
        if fill >= 3 && other == 0 {
            return Some("a run of x, * or dots: a template or a masked key".into());
        }
        if s.len() >= 8 && (s.contains("***") || s.contains('…') || s.contains("...")) {
            return Some("a masked key (shown with *** or …), not the key itself".into());
        }
        let mut chars = s.chars();
        if let Some(first) = chars.next() {
            if s.chars().count() >= 8 && chars.all(|c| c == first) {
                return Some("one character repeated".into());
            }
        }
    }
    let words: Vec<String> = lower
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect();
    if words.len() >= 2 && words.len() <= 12 && words.iter().all(|w| w.len() <= 12) {
        let marker = words
            .iter()
            .any(|w| key_shapes::TEMPLATE_MARKERS.contains(&w.as_str()));
        let noun = words
            .iter()
            .any(|w| key_shapes::TEMPLATE_NOUNS.contains(&w.as_str()));
        if marker && noun {
            return Some("a template text asking for the real key".into());
        }
        let env_name = s.contains('_')
            && s.chars()
                .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || c == '_')
            && noun;
        if env_name {
            return Some("the name of an environment variable, not its value".into());
        }
    }
    None
}

fn jwt_shape(s: &str) -> Option<Classified> {
    let dots = s.bytes().filter(|&b| b == b'.').count();
    let jwt_like = s.starts_with(key_shapes::JWT_PREFIX)
        || (dots == 2
            && s.bytes().all(|b| {
                b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'=' | b'+' | b'/')
            })
            && jwt::decode_unverified(s).is_ok());
    if !jwt_like {
        return None;
    }
    if dots == 4 {
        return Some(Classified::of(Shape::Jwe));
    }
    Some(Classified {
        shape: Shape::Jwt,
        truncated: jwt::truncation(s),
        notes: Vec::new(),
    })
}

/// True for a GUID (8-4-4-4-12 hexadecimal), with or without braces.
pub(crate) fn is_guid(s: &str) -> bool {
    let s = s
        .strip_prefix('{')
        .and_then(|x| x.strip_suffix('}'))
        .unwrap_or(s);
    s.len() == 36
        && s.bytes().enumerate().all(|(i, b)| {
            if matches!(i, 8 | 13 | 18 | 23) {
                b == b'-'
            } else {
                b.is_ascii_hexdigit()
            }
        })
}

fn annotated_key(s: &str) -> Option<Classified> {
    let k = &key_shapes::AZURE_KEY84;
    if !s.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return None;
    }
    let m = s.find(k.marker)?;
    let tail_ok = s[m + k.marker.len()..]
        .chars()
        .next()
        .is_some_and(|c| k.marker_tail.contains(&c));
    if !tail_ok {
        return None;
    }
    let len = s.len();
    let sig = s.get(k.signature_at..k.signature_at + 4);
    let sig_found = s
        .get(m..)
        .and_then(|t| t.find(k.cognitive_signature))
        .map(|i| i + m);
    if m == k.marker_at && len >= k.len {
        return Some(if sig == Some(k.cognitive_signature) {
            let mut c = Classified::of(Shape::AzureKey84);
            if len > k.len {
                c.notes.push(Note::new(
                    "length-unusual",
                    Severity::Info,
                    format!(
                        "{len} characters where the Azure AI Services keys seen so far have {}; \
                         longer variants are reported but unconfirmed.",
                        k.len
                    ),
                ));
            }
            c
        } else {
            let mut c = Classified::of(Shape::OtherVendor("another Azure service"));
            c.notes.push(Note::new(
                "azure-other-service",
                Severity::Warning,
                "Has the marker of Azure's 84-character keys, but not the Cognitive Services \
                 signature: probably a key of another Azure service (Search, Storage, …), not of \
                 the Azure OpenAI resource.",
            ));
            c
        });
    }
    if len < k.len && len >= k.len - 24 && sig_found.is_some() {
        let why = if m < k.marker_at {
            format!(
                "{} characters are missing before the marker of an 84-character Azure key (it is \
                 at character {}, not {})",
                k.marker_at - m,
                m + 1,
                k.marker_at + 1
            )
        } else if sig_found.is_some_and(|i| i < k.signature_at) {
            "characters are missing between the two markers of an 84-character Azure key"
                .to_string()
        } else {
            format!("{} characters are missing at the end", k.len - len)
        };
        return Some(Classified {
            shape: Shape::AzureKey84,
            truncated: Some(format!(
                "Looks cut short: {len} characters with the markers of an {}-character Azure AI \
                 Services key; {why}. Copy the key again from Keys and Endpoint.",
                k.len
            )),
            notes: Vec::new(),
        });
    }
    None
}

fn hex_key(s: &str) -> Classified {
    let n = s.len();
    let want = key_shapes::AZURE_KEY32_LEN;
    if n == want {
        Classified::of(Shape::AzureKey32)
    } else if (key_shapes::AZURE_KEY32_MIN_TRUNCATED..want).contains(&n) {
        Classified {
            shape: Shape::AzureKey32,
            truncated: Some(format!(
                "Looks cut short: {n} hexadecimal characters where a classic Azure key has {want} \
                 ({} missing). Copy the key again from Keys and Endpoint.",
                want - n
            )),
            notes: Vec::new(),
        }
    } else if n > want && n <= want + 2 {
        let mut c = Classified::of(Shape::Unknown);
        c.notes.push(Note::new(
            "length-unusual",
            Severity::Warning,
            format!(
                "{n} hexadecimal characters: {} more than a classic Azure key ({want}). An extra \
                 character may have crept in.",
                n - want
            ),
        ));
        c
    } else {
        Classified::of(Shape::Unknown)
    }
}

fn prefixed_key(s: &str) -> Option<Classified> {
    if let Some(p) = key_shapes::prefix_of(s) {
        return Some(match p.meaning {
            PrefixMeaning::Vendor(name) => Classified::of(Shape::OtherVendor(name)),
            PrefixMeaning::OpenAi(kind) => {
                let mut c = Classified::of(Shape::OpenAi(kind));
                c.notes.extend(openai_length_note(s.len(), kind));
                c
            }
        });
    }
    let body = s.strip_prefix("sk-")?;
    let marker = key_shapes::OPENAI_MARKER;
    let legacy_body = body.bytes().all(|b| b.is_ascii_alphanumeric());
    let Some(at) = s.find(marker).filter(|_| legacy_body) else {
        return Some(Classified::of(Shape::OpenAi(OpenAiKeyKind::Other)));
    };
    let want = key_shapes::OPENAI_LEGACY_LEN;
    let want_at = key_shapes::OPENAI_LEGACY_MARKER_AT;
    let n = s.len();
    let mut c = Classified::of(Shape::OpenAi(OpenAiKeyKind::Legacy));
    if n < want || at < want_at {
        let missing = want.saturating_sub(n);
        let where_ = if at < want_at {
            "before the OpenAI marker"
        } else {
            "at the end"
        };
        c.truncated = Some(format!(
            "Looks cut short: {n} characters where a legacy OpenAI key has {want}; characters \
             are missing {where_}{}.",
            if missing > 0 {
                format!(" ({missing} in all)")
            } else {
                String::new()
            }
        ));
    } else if n > want {
        c.notes.push(Note::new(
            "length-unusual",
            Severity::Warning,
            format!(
                "{n} characters where a legacy OpenAI key has {want}: extra characters crept in?"
            ),
        ));
    }
    Some(c)
}

/// A note when an OpenAI key's length is not one seen for its kind (`auth-failures.md`
/// 5.2). Only the legacy key's length is fixed; for the others the lengths are what public
/// reports show, so a different one is a warning to look, not proof of a cut.
fn openai_length_note(n: usize, kind: OpenAiKeyKind) -> Option<Note> {
    let message = match kind {
        OpenAiKeyKind::Project if !key_shapes::OPENAI_PROJECT_LENGTHS.contains(&n) => format!(
            "{n} characters: project keys seen so far have {}. If it was copied in part, \
             copy it again.",
            key_shapes::OPENAI_PROJECT_LENGTHS
                .iter()
                .map(ToString::to_string)
                .collect::<Vec<_>>()
                .join(", ")
        ),
        OpenAiKeyKind::ServiceAccount if n <= key_shapes::OPENAI_SERVICE_ACCOUNT_MIN_LEN => {
            format!(
                "{n} characters: service-account keys seen so far are longer than {}. If it \
                 was copied in part, copy it again.",
                key_shapes::OPENAI_SERVICE_ACCOUNT_MIN_LEN
            )
        }
        _ => return None,
    };
    Some(Note::new("length-unusual", Severity::Warning, message))
}

fn is_client_secret(s: &str) -> bool {
    let c = &key_shapes::CLIENT_SECRET;
    let ok_char = |b: u8| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'~' | b'.' | b'-');
    let b = s.as_bytes();
    let n = b.len();
    let fixed = c.head + 1 + c.marker.len();
    n >= fixed + c.tail_min
        && n <= fixed + c.tail_max
        && b.iter().all(|&x| ok_char(x))
        && b.get(c.head).is_some_and(u8::is_ascii_digit)
        && s.get(c.head + 1..fixed) == Some(c.marker)
}

fn is_url(s: &str) -> bool {
    let lower = s.to_ascii_lowercase();
    if lower.contains("://") || lower.starts_with("www.") {
        return true;
    }
    // A bare host such as contoso.openai.azure.com.
    let host = lower.split('/').next().unwrap_or("");
    let labels: Vec<&str> = host.split('.').collect();
    const TLDS: &[&str] = &[
        "com", "net", "org", "io", "ai", "us", "cn", "dev", "app", "co",
    ];
    labels.len() >= 2
        && labels
            .iter()
            .all(|l| !l.is_empty() && l.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-'))
        && labels.last().is_some_and(|t| TLDS.contains(t))
}

fn shape_notes(shape: &Shape) -> Vec<Note> {
    let note = |id, sev, msg: String| vec![Note::new(id, sev, msg)];
    match shape {
        Shape::Empty => note("empty", Severity::Error, "The credential is empty.".into()),
        Shape::Placeholder(what) => note(
            "placeholder",
            Severity::Error,
            format!(
                "This is not a key but a placeholder: {what}. No real credential reached the \
                 service; check that the setting or environment variable is filled where the app \
                 runs."
            ),
        ),
        Shape::AzureKey32 => note(
            "azure-key",
            Severity::Info,
            "Looks like a classic Azure key: 32 hexadecimal characters (an Azure OpenAI / AI \
             Services key, or an API Management subscription key, which look the same)."
                .into(),
        ),
        Shape::AzureKey84 => note(
            "azure-key",
            Severity::Info,
            "Looks like an 84-character Azure AI Services key (with the markers of Azure's newer \
             key format)."
                .into(),
        ),
        Shape::Guid => note(
            "guid",
            Severity::Warning,
            "Looks like a GUID (8-4-4-4-12): a subscription, tenant, client or secret id. An \
             Azure OpenAI key is never a GUID; the key is under Keys and Endpoint on the resource."
                .into(),
        ),
        Shape::Jwt => note(
            "jwt",
            Severity::Info,
            "Looks like a JWT (an Entra ID token, three dot-separated parts): it belongs in the \
             Authorization header as a Bearer token. See the token findings."
                .into(),
        ),
        Shape::Jwe => note(
            "jwe",
            Severity::Error,
            "Has five dot-separated parts: an encrypted token (JWE). It cannot be read, and it is \
             not an access token for Azure OpenAI."
                .into(),
        ),
        Shape::OpenAi(OpenAiKeyKind::Admin) => note(
            "openai-admin-key",
            Severity::Warning,
            "Looks like an OpenAI admin key: admin keys reach only the Administration API, not \
             models."
                .into(),
        ),
        Shape::OpenAi(OpenAiKeyKind::Other) => note(
            "openai-key",
            Severity::Info,
            "Starts with sk- but matches no known OpenAI key kind: an OpenAI key of a newer kind, \
             or a key of another vendor with an OpenAI-compatible API."
                .into(),
        ),
        Shape::OpenAi(kind) => note(
            "openai-key",
            Severity::Info,
            format!("Looks like {}.", kind.describe()),
        ),
        Shape::OtherVendor(name) => note(
            "other-vendor",
            Severity::Warning,
            format!("Looks like a key of {name}, not an Azure OpenAI or OpenAI key."),
        ),
        Shape::ClientSecret => note(
            "client-secret",
            Severity::Warning,
            "Looks like a Microsoft Entra client secret value: it is used to get a token from \
             Entra ID, never sent to Azure OpenAI as a key."
                .into(),
        ),
        Shape::Url => note(
            "url",
            Severity::Warning,
            "Looks like a URL, not a key.".into(),
        ),
        Shape::Prose => note(
            "prose",
            Severity::Warning,
            "Looks like words (prose), not a key.".into(),
        ),
        Shape::Unknown => Vec::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use base64::engine::general_purpose::URL_SAFE_NO_PAD;
    use base64::Engine;

    const HEX32: &str = "4b53e7a899fab1d30d599108c64a5115";
    /// Synthetic, in the shape of auth-failures.md 5.1 (52 + JQQJ99 + 18 + ACOG + 4).
    const KEY84: &str = "Tq7LvBfROFsrBTKof4sMsChriH0ancQ4NRrSbdrsH1KiJv2QVkof\
                         JQQJ99OPcqCkPOtX3AvOsL90ACOGuXpM";
    /// Synthetic legacy OpenAI key: sk- + 20 + marker + 20.
    const LEGACY: &str = "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";
    /// Synthetic project key, 164 characters (a length auth-failures.md 5.2 reports).
    const PROJECT: &str = "sk-proj-pTyGJMuHbEL31IeL2HPcHyGcFRl1SPnXNYvMIHa_2o76umfXfKm_r5kJP1Qw3Er5Ty7Ui9Op1A\
                           T3BlbkFJVrT-1FJors_6ILi8IHn5kxsC7tVO_HbkQfyy_KV5zjR3j1twdTKWTddB-XZx2Cv4Bn6Mm8Lk0J";
    const GUID: &str = "c38fe535-e584-d13e-c002-716c65baf7f9";
    const CLIENT_SECRET: &str = "Abc8Q~dEfGhIjKlMnOpQrStUvWxYz012345678.-";

    fn b64(s: &str) -> String {
        URL_SAFE_NO_PAD.encode(s)
    }

    fn noise(len: usize) -> String {
        crate::diag::test_support::noise(len, 12345)
    }

    fn jwt(payload: &str, sig_len: usize) -> String {
        format!(
            "{}.{}.{}",
            b64(r#"{"typ":"JWT","alg":"RS256","kid":"k1"}"#),
            b64(payload),
            noise(sig_len)
        )
    }

    fn token() -> String {
        jwt(
            r#"{"aud":"https://cognitiveservices.azure.com","exp":1795428000,"oid":"a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95"}"#,
            342,
        )
    }

    fn ids(a: &CredentialAnalysis) -> Vec<&str> {
        crate::diag::test_support::ids(&a.findings)
    }

    fn message(a: &CredentialAnalysis, id: &str) -> String {
        crate::diag::test_support::message(&a.findings, id)
    }

    #[test]
    fn shapes_of_clean_values() {
        let jwt3 = token();
        let jwe = "eyJhbGciOiJSU0EtT0FFUCIsImVuYyI6IkEyNTZHQ00ifQ.a.b.c.d".to_string();
        let cases: Vec<(String, Shape)> = vec![
            (HEX32.into(), Shape::AzureKey32),
            (HEX32.to_uppercase(), Shape::AzureKey32),
            (KEY84.into(), Shape::AzureKey84),
            (GUID.into(), Shape::Guid),
            (format!("{{{GUID}}}"), Shape::Guid),
            (jwt3, Shape::Jwt),
            (jwe, Shape::Jwe),
            (LEGACY.into(), Shape::OpenAi(OpenAiKeyKind::Legacy)),
            (PROJECT.into(), Shape::OpenAi(OpenAiKeyKind::Project)),
            (
                "sk-svcacct-abcDEF123_-xyz".into(),
                Shape::OpenAi(OpenAiKeyKind::ServiceAccount),
            ),
            (
                "sk-admin-abcDEF123_-xyz".into(),
                Shape::OpenAi(OpenAiKeyKind::Admin),
            ),
            (
                "sk-None-abcDEF123_-xyz".into(),
                Shape::OpenAi(OpenAiKeyKind::NoneProject),
            ),
            (
                "sk-0123456789abcdef0123456789abcdef".into(),
                Shape::OpenAi(OpenAiKeyKind::Other),
            ),
            (
                "sk-or-v1-0123456789abcdef0123456789abcdef".into(),
                Shape::OtherVendor("OpenRouter"),
            ),
            (
                "sk-ant-api03-abcdefghijklmnopqrstuvwxyz".into(),
                Shape::OtherVendor("Anthropic"),
            ),
            (
                "AIzaSyA1b2C3d4E5f6G7h8I9j0KlMnOpQrStUvW".into(),
                Shape::OtherVendor("Google (Gemini / Google Cloud)"),
            ),
            (
                "gsk_abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUV".into(),
                Shape::OtherVendor("Groq"),
            ),
            (
                "hf_abcdefghijklmnopqrstuvwxyzABCDEFGH".into(),
                Shape::OtherVendor("Hugging Face"),
            ),
            (
                "ghp_abcdefghijklmnopqrstuvwxyz0123456789".into(),
                Shape::OtherVendor("GitHub (personal access token)"),
            ),
            (
                "AKIAABCDEFGHIJKLMNOP".into(),
                Shape::OtherVendor("AWS (access key id)"),
            ),
            (CLIENT_SECRET.into(), Shape::ClientSecret),
            ("https://contoso.openai.azure.com/".into(), Shape::Url),
            ("contoso.openai.azure.com".into(), Shape::Url),
            ("You are a helpful assistant.".into(), Shape::Prose),
            ("q9Zt7Lw2Xr".into(), Shape::Unknown),
            (
                "0123456789abcdef0123456789abcdef0123456789".into(),
                Shape::Unknown,
            ),
            (String::new(), Shape::Empty),
        ];
        for (raw, want) in cases {
            let a = analyze(&raw);
            assert_eq!(a.shape, want, "{raw}");
        }
    }

    #[test]
    fn placeholders() {
        let cases = [
            "None",
            "undefined",
            "null",
            "NULL",
            "<your-key>",
            "<api-key>",
            "your-api-key-here",
            "YOUR_AZURE_OPENAI_KEY",
            "insert your key here",
            "$AZURE_OPENAI_API_KEY",
            "${AZURE_OPENAI_API_KEY}",
            "%AZURE_OPENAI_API_KEY%",
            "{{api_key}}",
            "process.env.OPENAI_API_KEY",
            "os.environ['OPENAI_API_KEY']",
            "AZURE_OPENAI_API_KEY",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "sk-xxxxxxxxxxxxxxxxxxxxxxxx",
            "sk-...",
            "sk-proj-****************",
            "sk-4sJHr***************************************w8ZP",
            "sk-abcd...wxyz",
            "00000000000000000000000000000000",
            "[object Object]",
        ];
        for raw in cases {
            let a = analyze(raw);
            assert!(
                matches!(a.shape, Shape::Placeholder(_)),
                "{raw}: {:?}",
                a.shape
            );
            assert!(ids(&a).contains(&"credential-placeholder"), "{raw}");
            assert!(!ids(&a).contains(&"credential-clean"), "{raw}");
        }
        // Quoted placeholders still read as placeholders, with the quotes noted.
        let a = analyze("\"None\"");
        assert!(matches!(a.shape, Shape::Placeholder(_)));
        assert_eq!(a.damage, vec![Damage::Quotes]);
    }

    #[test]
    fn real_keys_are_not_placeholders() {
        for raw in [
            HEX32,
            KEY84,
            LEGACY,
            PROJECT,
            GUID,
            CLIENT_SECRET,
            "sk-0123456789abcdef0123456789abcdef",
        ] {
            assert!(
                !matches!(analyze(raw).shape, Shape::Placeholder(_)),
                "{raw}"
            );
        }
    }

    #[test]
    fn damage_is_found_and_undone() {
        let jwt = token();
        let cases: Vec<(String, Vec<Damage>, String)> = vec![
            (
                format!(" {HEX32}"),
                vec![Damage::LeadingWhitespace],
                HEX32.into(),
            ),
            (
                format!("{HEX32} "),
                vec![Damage::TrailingWhitespace],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\t"),
                vec![Damage::TrailingWhitespace],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\n"),
                vec![Damage::TrailingNewline],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\r\n"),
                vec![Damage::TrailingNewline],
                HEX32.into(),
            ),
            (
                format!("{HEX32} \n"),
                vec![Damage::TrailingNewline, Damage::TrailingWhitespace],
                HEX32.into(),
            ),
            (
                format!("{}\n{}", &HEX32[..16], &HEX32[16..]),
                vec![Damage::InnerWhitespace],
                HEX32.into(),
            ),
            (
                format!("{} {}", &KEY84[..40], &KEY84[40..]),
                vec![Damage::InnerWhitespace],
                KEY84.into(),
            ),
            (format!("\"{HEX32}\""), vec![Damage::Quotes], HEX32.into()),
            (format!("'{HEX32}'"), vec![Damage::Quotes], HEX32.into()),
            (format!("`{HEX32}`"), vec![Damage::Quotes], HEX32.into()),
            (
                format!("\u{201C}{HEX32}\u{201D}"),
                vec![Damage::SmartQuotes],
                HEX32.into(),
            ),
            (
                format!("\u{2018}{HEX32}\u{2019}"),
                vec![Damage::SmartQuotes],
                HEX32.into(),
            ),
            (
                format!("\u{FEFF}{HEX32}"),
                vec![Damage::Invisible],
                HEX32.into(),
            ),
            (
                format!("{}\u{200B}{}", &HEX32[..5], &HEX32[5..]),
                vec![Damage::Invisible],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\u{200C}"),
                vec![Damage::Invisible],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\u{200D}"),
                vec![Damage::Invisible],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\u{2060}"),
                vec![Damage::Invisible],
                HEX32.into(),
            ),
            (
                format!("{}\u{00AD}{}", &HEX32[..5], &HEX32[5..]),
                vec![Damage::Invisible],
                HEX32.into(),
            ),
            (
                format!("{HEX32}\u{00A0}"),
                vec![Damage::NonBreakingSpace],
                HEX32.into(),
            ),
            (
                format!("\u{00A0}{HEX32}"),
                vec![Damage::NonBreakingSpace],
                HEX32.into(),
            ),
            (
                format!("Bearer {jwt}"),
                vec![Damage::BearerPrefix { count: 1 }],
                jwt.clone(),
            ),
            (
                format!("bearer  {jwt}"),
                vec![Damage::BearerPrefix { count: 1 }],
                jwt.clone(),
            ),
            (
                format!("Bearer Bearer {jwt}"),
                vec![Damage::BearerPrefix { count: 2 }],
                jwt.clone(),
            ),
            (
                format!("api-key: {HEX32}"),
                vec![Damage::HeaderNamePrefix],
                HEX32.into(),
            ),
            (
                format!("Ocp-Apim-Subscription-Key:{HEX32}"),
                vec![Damage::HeaderNamePrefix],
                HEX32.into(),
            ),
            (
                format!("Authorization: Bearer {jwt}"),
                vec![Damage::HeaderNamePrefix, Damage::BearerPrefix { count: 1 }],
                jwt.clone(),
            ),
            (
                format!("-H \"api-key: {HEX32}\""),
                vec![Damage::Quotes, Damage::HeaderNamePrefix],
                HEX32.into(),
            ),
            (
                format!("AZURE_OPENAI_API_KEY={HEX32}"),
                vec![Damage::VariableAssignment],
                HEX32.into(),
            ),
            (
                format!("export OPENAI_API_KEY=\"{LEGACY}\""),
                vec![Damage::Quotes, Damage::VariableAssignment],
                LEGACY.into(),
            ),
            (
                format!("api_key: {HEX32}"),
                vec![Damage::VariableAssignment],
                HEX32.into(),
            ),
            (
                format!("$env:AZURE_OPENAI_API_KEY=\"{HEX32}\""),
                vec![Damage::Quotes, Damage::VariableAssignment],
                HEX32.into(),
            ),
            (
                format!("{}\u{0435}{}", &HEX32[..4], &HEX32[5..]),
                vec![Damage::NonAscii],
                format!("{}\u{0435}{}", &HEX32[..4], &HEX32[5..]),
            ),
            (
                HEX32[..31].to_string(),
                vec![Damage::Truncated],
                HEX32[..31].into(),
            ),
        ];
        for (raw, want, cleaned) in cases {
            let a = analyze(&raw);
            assert_eq!(a.damage, want, "{raw:?}");
            assert_eq!(a.cleaned.expose(), cleaned, "{raw:?}");
            assert_eq!(a.raw_len, raw.chars().count());
            assert!(!ids(&a).contains(&"credential-clean"), "{raw:?}");
        }
    }

    #[test]
    fn clean_values_say_so() {
        for raw in [HEX32, KEY84, LEGACY, GUID] {
            let a = analyze(raw);
            assert!(a.damage.is_empty(), "{raw}");
            assert!(ids(&a).contains(&"credential-clean"), "{raw}");
        }
    }

    #[test]
    fn messages_say_where() {
        let a = analyze(&format!("{HEX32}\n"));
        assert!(message(&a, "credential-trailing-newline")
            .contains("A line break (LF) at the end, after character 32"));
        let a = analyze(&format!("{HEX32}\r\n"));
        assert!(message(&a, "credential-trailing-newline").contains("(CRLF)"));
        let a = analyze(&format!("{}\n{}", &HEX32[..20], &HEX32[20..]));
        assert!(message(&a, "credential-inner-whitespace")
            .contains("a line break (LF) after character 20"));
        let a = analyze(&format!("{HEX32}   "));
        assert!(message(&a, "credential-trailing-whitespace")
            .starts_with("3 spaces after the value (after character 32)"));
        let a = analyze(&format!("{}\u{200B}{}", &HEX32[..12], &HEX32[12..]));
        assert!(message(&a, "credential-invisible")
            .contains("a zero-width space (U+200B) after character 12"));
        let a = analyze(&format!("\u{FEFF}{HEX32}"));
        assert!(message(&a, "credential-invisible")
            .contains("byte order mark (BOM) (U+FEFF) before the value"));
        let a = analyze(&format!("\"{HEX32}\""));
        assert!(message(&a, "credential-quotes").contains("around the value"));
        let a = analyze(&format!("{}\"{}", &HEX32[..10], &HEX32[10..]));
        assert!(message(&a, "credential-quotes").contains("after character 10"));
        let a = analyze(&format!("{}\u{0435}{}", &HEX32[..4], &HEX32[5..]));
        assert!(message(&a, "credential-non-ascii").contains("U+0435 after character 4"));
        let a = analyze(&format!("{HEX32}\u{00A0}"));
        assert!(message(&a, "credential-non-breaking-space").contains("U+00A0 after the value"));
    }

    #[test]
    fn many_places_are_summed_up() {
        let raw: String = HEX32.chars().flat_map(|c| [c, '\u{200B}']).collect();
        let a = analyze(&raw);
        assert_eq!(a.cleaned.expose(), HEX32);
        let m = message(&a, "credential-invisible");
        assert!(m.contains("and 29 more"), "{m}");
    }

    #[test]
    fn bearer_is_counted() {
        let jwt = token();
        for (raw, n) in [
            (format!("Bearer {jwt}"), 1),
            (format!("Bearer Bearer {jwt}"), 2),
            (format!("BEARER bearer Bearer {jwt}"), 3),
            (format!("Authorization: Bearer Bearer {jwt}"), 2),
        ] {
            let a = analyze(&raw);
            assert_eq!(a.bearer_count(), n, "{raw}");
            assert!(a.has(&Damage::BearerPrefix { count: 0 }));
            assert_eq!(a.shape, Shape::Jwt);
        }
        assert!(message(
            &analyze(&format!("Bearer Bearer {jwt}")),
            "credential-bearer-prefix"
        )
        .contains("2 times"));
        // A word that merely starts with "bearer" is not the prefix.
        assert_eq!(analyze("bearertoken123").bearer_count(), 0);
        // Only "Bearer": nothing after it.
        let a = analyze("Bearer ");
        assert_eq!(a.shape, Shape::Empty);
        assert_eq!(a.bearer_count(), 1);
    }

    #[test]
    fn truncation_is_recognised() {
        let t = token();
        let parts: Vec<&str> = t.split('.').collect();
        let two_parts = format!("{}.{}", parts[0], parts[1]);
        let short_sig = format!("{}.{}.{}", parts[0], parts[1], &parts[2][..120]);
        let empty_sig = format!("{}.{}.", parts[0], parts[1]);
        let cut_payload = format!("{}.{}", parts[0], &parts[1][..30]);
        let cases: Vec<(String, Shape, &str)> = vec![
            (
                HEX32[..31].into(),
                Shape::AzureKey32,
                "31 hexadecimal characters",
            ),
            (HEX32[..24].into(), Shape::AzureKey32, "8 missing"),
            (
                KEY84[..83].into(),
                Shape::AzureKey84,
                "1 characters are missing at the end",
            ),
            (
                format!("{}{}", &KEY84[..30], &KEY84[31..]),
                Shape::AzureKey84,
                "before the marker",
            ),
            (
                format!("{}{}", &KEY84[..60], &KEY84[61..]),
                Shape::AzureKey84,
                "between the two markers",
            ),
            (
                LEGACY[..50].into(),
                Shape::OpenAi(OpenAiKeyKind::Legacy),
                "50 characters where a legacy OpenAI key has 51",
            ),
            (
                format!("{}{}", &LEGACY[..10], &LEGACY[11..]),
                Shape::OpenAi(OpenAiKeyKind::Legacy),
                "before the OpenAI marker",
            ),
            (two_parts, Shape::Jwt, "it has 2 parts"),
            (
                short_sig,
                Shape::Jwt,
                "120 characters where an RS256 signature has 342",
            ),
            (empty_sig, Shape::Jwt, "is empty"),
            (parts[0].to_string(), Shape::Jwt, "only the first part"),
            (
                cut_payload,
                Shape::Jwt,
                "payload of the token ends in the middle",
            ),
        ];
        for (raw, shape, says) in cases {
            let a = analyze(&raw);
            assert_eq!(a.shape, shape, "{raw}");
            assert!(
                a.damage.contains(&Damage::Truncated),
                "{raw}: {:?}",
                a.damage
            );
            let m = message(&a, "credential-truncated");
            assert!(m.contains(says), "{raw}: {m}");
        }
        // Whole values are not truncated.
        for raw in [HEX32, KEY84, LEGACY, PROJECT, &token()] {
            assert!(!analyze(raw).damage.contains(&Damage::Truncated), "{raw}");
        }
    }

    #[test]
    fn odd_lengths_are_hints_not_rejections() {
        let a = analyze(&format!("{HEX32}a"));
        assert_eq!(a.shape, Shape::Unknown);
        assert!(message(&a, "credential-length-unusual").contains("33 hexadecimal characters"));
        let a = analyze(&format!("{LEGACY}x"));
        assert_eq!(a.shape, Shape::OpenAi(OpenAiKeyKind::Legacy));
        assert!(ids(&a).contains(&"credential-length-unusual"));
        // Project keys have no fixed length (auth-failures.md 5.2): a length not seen
        // is a warning, not damage.
        let a = analyze(&PROJECT[..PROJECT.len() - 9]);
        assert!(a.damage.is_empty());
        assert!(message(&a, "credential-length-unusual").contains("56, 164, 172"));
        assert!(!ids(&analyze(PROJECT)).contains(&"credential-length-unusual"));
        let longer = format!("{KEY84}ab");
        let a = analyze(&longer);
        assert_eq!(a.shape, Shape::AzureKey84);
        assert!(a.damage.is_empty());
        let other_service = format!("{}AZSE{}", &KEY84[..76], &KEY84[80..]);
        let a = analyze(&other_service);
        assert_eq!(a.shape, Shape::OtherVendor("another Azure service"));
        assert!(ids(&a).contains(&"credential-azure-other-service"));
    }

    #[test]
    fn prose_keeps_its_spaces_and_wrapped_keys_lose_them() {
        let a = analyze("You are a helpful assistant that answers questions.");
        assert_eq!(a.shape, Shape::Prose);
        assert!(a.damage.is_empty());
        assert!(a.cleaned.expose().contains(' '));
        let t = token();
        let wrapped = format!("{}\n{}\n{}", &t[..100], &t[100..500], &t[500..]);
        let a = analyze(&wrapped);
        assert_eq!(a.shape, Shape::Jwt);
        assert_eq!(a.damage, vec![Damage::InnerWhitespace]);
        assert_eq!(a.cleaned.expose(), t);
    }

    #[test]
    fn az_cli_json_in_the_credential_is_read() {
        let t = token();
        let json = format!(
            "{{\n  \"accessToken\": \"{t}\",\n  \"expiresOn\": \"2026-11-23 10:00:00.000000\",\n  \
             \"subscription\": \"{GUID}\",\n  \"tenant\": \"3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13\",\n  \"tokenType\": \"Bearer\"\n}}\n"
        );
        let a = analyze(&json);
        assert_eq!(a.shape, Shape::Jwt);
        assert_eq!(a.cleaned.expose(), t);
        assert!(ids(&a).contains(&"credential-token-json"));
        let a = analyze(r#"{"aud":"https://cognitiveservices.azure.com","exp":1,"iss":"x"}"#);
        assert_eq!(a.shape, Shape::Unknown);
        assert!(ids(&a).contains(&"credential-claims-json"));
        let a = analyze(r#"{"hello":"world"}"#);
        assert!(ids(&a).contains(&"credential-json"));
    }

    #[test]
    fn findings_belong_to_the_credential() {
        for raw in [
            "",
            " ",
            "None",
            HEX32,
            "\"x\"",
            &format!("Bearer Bearer {}", token()),
        ] {
            let a = analyze(raw);
            assert!(!a.findings.is_empty(), "{raw:?}");
            for f in &a.findings {
                assert_eq!(f.field, Field::Credential);
                assert!(f.id.starts_with("credential-"), "{}", f.id);
                assert!(f.message.ends_with('.'), "{}", f.message);
            }
        }
    }

    #[test]
    fn empty_and_blank() {
        for raw in ["", "   ", "\n", "\u{200B}", "\"\"", "\u{201C}\u{201D}"] {
            let a = analyze(raw);
            assert_eq!(a.shape, Shape::Empty, "{raw:?}");
            assert!(ids(&a).contains(&"credential-empty"), "{raw:?}");
            assert_eq!(a.cleaned.expose(), "");
        }
    }

    #[test]
    fn no_panic_on_odd_input() {
        let big_garbage: String = (0..1_000_000u32)
            .map(|i| char::from(b'!' + (i % 90) as u8))
            .collect();
        let big_jwtish = format!("eyJ{}", "A".repeat(1_000_000));
        let big_ws = format!(
            "{}{HEX32}{}",
            " \u{200B}".repeat(200_000),
            "\n".repeat(200_000)
        );
        let many_dots = ".".repeat(100_000);
        let deep = format!("{}.{}.sig", b64(&"[".repeat(100_000)), b64("{}"));
        let inputs: Vec<String> = vec![
            big_garbage,
            big_jwtish,
            big_ws,
            many_dots,
            deep,
            "Bearer".into(),
            "bearer bearer bearer".into(),
            "api-key:".into(),
            "api-key: ".into(),
            "Authorization: Bearer".into(),
            "export".into(),
            "export X=".into(),
            "=".into(),
            "$".into(),
            "%".into(),
            "<>".into(),
            "{".into(),
            "{}".into(),
            "\u{0}\u{1}\u{7f}".into(),
            "😀🔑".into(),
            "\u{202E}abc".into(),
            "eyJ".into(),
            "eyJ.".into(),
            "eyJ..".into(),
            "....".into(),
            "sk-".into(),
            "sk-proj-".into(),
            "JQQJ9".into(),
            "JQQJ99ACOG".into(),
            "a\r\n\r\nb".into(),
        ];
        for raw in &inputs {
            let a = analyze(raw);
            assert_eq!(a.raw_len, raw.chars().count());
        }
        let a = analyze(&inputs[2]);
        assert_eq!(a.cleaned.expose(), HEX32);
        assert_eq!(a.shape, Shape::AzureKey32);
    }

    fn leaks(secret: &str, text: &str) -> Vec<String> {
        crate::diag::test_support::leaks(secret, text, 8)
    }

    #[test]
    fn nothing_of_the_secret_is_repeated() {
        let t = token();
        // Values whose every 8-character window is secret material.
        let plain: Vec<String> = vec![
            HEX32.into(),
            format!("{HEX32}\n"),
            format!("\"{HEX32}\""),
            format!("\u{201C}{HEX32}\u{201D}"),
            format!("{}\u{200B}{}", &HEX32[..9], &HEX32[9..]),
            HEX32[..31].into(),
            KEY84.into(),
            KEY84[..83].into(),
            LEGACY.into(),
            LEGACY[..45].into(),
            PROJECT.into(),
            GUID.into(),
            CLIENT_SECRET.into(),
            t.clone(),
            t[..t.len() - 100].to_string(),
            format!("{} {}", &t[..300], &t[300..]),
            "sk-or-v1-0123456789abcdef0123456789abcdef".into(),
            format!("{HEX32}ab"),
        ];
        for raw in &plain {
            let a = analyze(raw);
            let mut text = format!("{a:?}");
            for f in &a.findings {
                text.push_str(&f.message);
            }
            assert_eq!(leaks(raw, &text), Vec::<String>::new(), "{raw:?}");
        }
        // With pasted header names and "Bearer", the words are not secret; the value is.
        for raw in [
            format!("Authorization: Bearer Bearer {t}"),
            format!("api-key: {HEX32}"),
            format!("AZURE_OPENAI_API_KEY={HEX32}"),
            format!("Bearer {t}"),
        ] {
            let a = analyze(&raw);
            let mut text = format!("{a:?}");
            for f in &a.findings {
                text.push_str(&f.message);
            }
            let secret = a.cleaned.expose().to_string();
            assert!(secret.len() >= 32, "{raw}");
            assert_eq!(leaks(&secret, &text), Vec::<String>::new(), "{raw:?}");
        }
    }
}
