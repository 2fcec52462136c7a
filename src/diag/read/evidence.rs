//! Evidence: what the service (or the SDK, or Entra ID) actually said. Parses the
//! `response` and the pasted `error_text` in every rendering of `auth-failures.md`
//! (raw JSON, Python dict repr, openai-python 0.x, .NET `RequestFailedException` and
//! `ClientResultException`, openai-node, LiteLLM, `curl -i`/`-v`, AADSTS envelopes,
//! DefaultAzureCredential chains, browser consoles) into facts the rules can read.
//!
//! How a text is read, in linear time:
//!
//! 1. [`normalize`](crate::diag::parse::normalize::normalize) builds its canonical form once
//!    (whitespace collapsed, case folded, quote style ignored) with a map back to the
//!    original bytes.
//! 2. One pass of a multi-pattern [`Matcher`] finds every known message of
//!    [`SIGNATURES`], every rendering of [`RENDERINGS`] and the probes for values
//!    (status, body `code`, audience, missing scopes, OpenAI's key echo, AADSTS codes).
//! 3. One pass over the lines reads status lines, response headers and log timestamps.
//! 4. Offsets map back to lines with a binary search; excerpts are cut from the original
//!    text and redacted ([`redact`]).
//!
//! The status line's reason is never read as evidence: .NET prints
//! `Status: 401 (PermissionDenied)` for an invalid key (A1) too; the body decides.

use crate::diag::case::{BrowserFailure, ObservedResponse};
use crate::diag::known::aadsts;
use crate::diag::known::signatures::{self, Reads, RENDERINGS, SIGNATURES};
pub use crate::diag::known::signatures::{Rendering, Signature};
use crate::diag::parse::normalize::{
    self, canonical, is_run_byte, redact, LineIndex, Matcher, Needle,
};
use crate::diag::parse::time::{format_rfc3339, parse_http_date, parse_rfc3339};
use crate::diag::report::{Field, Finding, Severity};
use std::collections::BTreeMap;
use std::sync::OnceLock;

/// Where a piece of evidence was found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hit {
    /// The message recognised.
    pub signature: Signature,
    /// `response` or `error_text`.
    pub field: Field,
    /// 1-based line in the pasted text, when it came from `error_text`.
    pub line: Option<usize>,
    /// A short excerpt of the message (never longer than 200 characters; any key
    /// echo in it already masked by the service).
    pub excerpt: String,
}

/// OpenAI's echo of the key it received (`auth-failures.md` C1).
///
/// `prefix` holds up to 8 characters of the key that was sent, exactly as OpenAI printed
/// them. Print no more than its first 4 in a report (the excerpts in [`Hit`] already
/// show only 4), so that no 8 characters of a real key appear together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum KeyEcho {
    /// `sk-abcde***…***wxyz`: first 8, stars, last 4. `length` is the length sent.
    Masked {
        /// First 8 characters.
        prefix: String,
        /// Last 4 characters.
        suffix: String,
        /// Length of the key that was sent.
        length: usize,
    },
    /// A literal word such as `undefined` or `None`: an unset variable was sent. At most
    /// 12 characters (OpenAI masks anything longer); an empty string when the echo was
    /// empty. A longer unmasked echo (from a proxy) is stored as [`KeyEcho::Masked`].
    Literal(String),
}

/// How OpenAI's echo compares with the key that was pasted into the doctor.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum EchoFit {
    /// Same first characters, last 4 and length: the service got the pasted key.
    Same,
    /// The pasted key's beginning, ending where the echo ends: the key arrived cut short.
    CutShort,
    /// Longer than the pasted key: something rode along (whitespace, quotes, a newline).
    Longer,
    /// Another value altogether: the app does not send the pasted key.
    Other,
}

impl KeyEcho {
    /// Compares the echo with a key (C1 masking rule: the echo keeps the first 8 and last
    /// 4 characters of the key that was sent, and its length). `None` for a literal echo.
    pub fn fit(&self, key: &str) -> Option<EchoFit> {
        let KeyEcho::Masked {
            prefix,
            suffix,
            length,
        } = self
        else {
            return None;
        };
        let key: Vec<char> = key.chars().collect();
        let head: Vec<char> = prefix.chars().collect();
        let tail: Vec<char> = suffix.chars().collect();
        let starts = key.starts_with(&head);
        let ends_at = |n: usize| key.get(..n).is_some_and(|k| k.ends_with(&tail));
        Some(if !starts {
            EchoFit::Other
        } else if *length == key.len() && ends_at(key.len()) {
            EchoFit::Same
        } else if *length < key.len() && *length >= head.len() + tail.len() && ends_at(*length) {
            EchoFit::CutShort
        } else if *length > key.len() {
            EchoFit::Longer
        } else {
            EchoFit::Other
        })
    }
}

/// Everything learned from what the service said.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Evidence {
    /// HTTP status, from the response, a status line, or an SDK rendering.
    pub status: Option<u16>,
    /// Where the status came from.
    pub status_field: Option<Field>,
    /// Which rendering the status was read from.
    pub status_source: Option<StatusSource>,
    /// The line of `error_text` the status was read from.
    pub status_text_line: Option<usize>,
    /// The browser saw no response.
    pub failure: Option<BrowserFailure>,
    /// Recognised messages, in order of appearance.
    pub hits: Vec<Hit>,
    /// The key echo in an OpenAI invalid-key message.
    pub echo: Option<KeyEcho>,
    /// AADSTS codes seen.
    pub aadsts: Vec<u32>,
    /// Audience named in an A2 message (`https://cognitiveservices.azure.com`).
    pub audience_in_message: Option<String>,
    /// Scopes named in a C9 message.
    pub missing_scopes: Option<String>,
    /// Response headers, names lower-cased (from `response` or `curl -i` output).
    pub headers: BTreeMap<String, String>,
    /// The `code` of the error body, when there is one.
    pub body_code: Option<String>,
    /// When the failure happened (a `date:` header or a timestamp in the text), Unix seconds.
    pub when: Option<i64>,
    /// Where `when` came from.
    pub when_source: Option<WhenSource>,
    /// Seconds the service asked to wait (`Please retry after N seconds`, `Try again in N
    /// seconds`, a `retry-after` header). `86400` on an Azure 429 means zero quota (A12).
    pub retry_after: Option<u64>,
    /// How `error_text` was rendered (the SDK or tool that printed it), in table order.
    pub renderings: Vec<Rendering>,
    /// Credential headers the pasted request shows (`> api-key: …`, `-H '…'`).
    pub sent: Vec<crate::diag::read::sent::SentHeader>,
    /// Observations about the evidence itself.
    pub findings: Vec<Finding>,
}

impl Evidence {
    /// True when this message was recognised anywhere.
    pub fn has(&self, s: Signature) -> bool {
        self.hits.iter().any(|h| h.signature == s)
    }

    /// The first hit of this message.
    pub fn hit(&self, s: Signature) -> Option<&Hit> {
        self.hits.iter().find(|h| h.signature == s)
    }

    /// True when anything at all was observed (a status, a failure or a message).
    pub fn observed(&self) -> bool {
        self.status.is_some() || self.failure.is_some() || !self.hits.is_empty()
    }

    /// True when a recognised message proves that authentication succeeded (a 2xx, a
    /// validation error, `DeploymentNotFound`, a quota or rate limit, a model OpenAI
    /// will not serve this project).
    pub fn auth_proven(&self) -> bool {
        self.hits.iter().any(|h| h.signature.proves_auth())
    }

    /// True when this rendering was recognised in `error_text`.
    pub fn rendered_as(&self, r: Rendering) -> bool {
        self.renderings.contains(&r)
    }
}

/// Which rendering an HTTP status was read from, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum StatusSource {
    /// The `response` object's `status`.
    Response,
    /// An HTTP status line (`HTTP/1.1 401 Unauthorized`, `< HTTP/2 401`).
    StatusLine,
    /// An SDK's wording: `Error code: 401`, `Status: 401 (…)`, `AuthenticationError: 401`,
    /// `401 status code (no body)`, `http_status=403`.
    SdkMessage,
    /// The body's `"statusCode":401` (APIM-style bodies).
    BodyStatusCode,
    /// A status with its reason phrase in prose: `401 Unauthorized`, `403 (Forbidden)`.
    ReasonPhrase,
    /// An Azure body's string `code` that is a status: `"code":"401"`.
    BodyCode,
    /// Only the SDK's error class: `AuthenticationError` (401), `PermissionDeniedError` (403).
    ErrorClass,
}

/// Where [`Evidence::when`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenSource {
    /// The `date` header of the response (or of pasted `curl -i` output).
    DateHeader,
    /// A timestamp at the start of a log line, the last one before the error.
    LogTimestamp,
}

/// Texts longer than this are read from their end: in a long log the error comes last.
const MAX_TEXT: usize = 4 << 20;
/// At most this many headers are kept.
const MAX_HEADERS: usize = 64;
/// Header values are cut to this many bytes.
const MAX_HEADER_VALUE: usize = 512;
/// Excerpts are at most this many characters.
const EXCERPT_CHARS: usize = 200;
/// How many occurrences of one pattern are looked at.
const FIRST_CAP: usize = 16;
/// How many AADSTS codes are kept.
const MAX_AADSTS: usize = 16;

/// What a needle of the matcher stands for.
#[derive(Clone, Copy, Debug)]
enum Tag {
    /// A row of [`SIGNATURES`].
    Sig(usize),
    /// A row of [`RENDERINGS`].
    Render(usize),
    /// A place to read a value from.
    Probe(Probe),
}

/// Places where a value follows (or precedes) a fixed text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Probe {
    /// A three-digit status right after the text.
    StatusAfter(StatusSource),
    /// A three-digit status right before the text.
    StatusBefore(StatusSource),
    /// An SDK error class that stands for one status.
    Class(u16),
    /// `'code':` in a body.
    CodeKey,
    /// `ErrorCode:` in a .NET `RequestFailedException`.
    DotNetErrorCode,
    /// `error_code=` in openai-python 0.x.
    LegacyErrorCode,
    /// `audience is incorrect (` in A2.
    Audience,
    /// `Missing scopes:` in C9.
    Scopes,
    /// `Incorrect API key provided:` in C1.
    Echo,
    /// `retry after N` / `try again in N`.
    RetryAfter,
    /// `'error_codes':[…]` in an Entra envelope.
    ErrorCodes,
    /// An object opening (`{'error':`), whose raw quote tells JSON from a Python dict.
    JsonObject,
    /// `(PermissionDenied)` after a status: the .NET reason, not evidence of RBAC.
    ReasonPermissionDenied,
}

use StatusSource as Src;

const PROBES: &[(&str, Probe)] = &[
    ("Error code:", Probe::StatusAfter(Src::SdkMessage)),
    ("Status:", Probe::StatusAfter(Src::SdkMessage)),
    ("http_status=", Probe::StatusAfter(Src::SdkMessage)),
    ("status_code=", Probe::StatusAfter(Src::SdkMessage)),
    ("status_code:", Probe::StatusAfter(Src::SdkMessage)),
    ("status code", Probe::StatusAfter(Src::SdkMessage)),
    ("HTTP code", Probe::StatusAfter(Src::SdkMessage)),
    ("StatusCode:", Probe::StatusAfter(Src::SdkMessage)),
    (
        "does not indicate success:",
        Probe::StatusAfter(Src::SdkMessage),
    ),
    ("Error:", Probe::StatusAfter(Src::SdkMessage)),
    ("AuthenticationError:", Probe::StatusAfter(Src::SdkMessage)),
    (
        "PermissionDeniedError:",
        Probe::StatusAfter(Src::SdkMessage),
    ),
    ("NotFoundError:", Probe::StatusAfter(Src::SdkMessage)),
    ("RateLimitError:", Probe::StatusAfter(Src::SdkMessage)),
    ("BadRequestError:", Probe::StatusAfter(Src::SdkMessage)),
    ("InternalServerError:", Probe::StatusAfter(Src::SdkMessage)),
    ("APIError:", Probe::StatusAfter(Src::SdkMessage)),
    ("APIStatusError:", Probe::StatusAfter(Src::SdkMessage)),
    (
        "status code (no body)",
        Probe::StatusBefore(Src::SdkMessage),
    ),
    ("'statusCode':", Probe::StatusAfter(Src::BodyStatusCode)),
    ("'status':", Probe::StatusAfter(Src::BodyStatusCode)),
    ("Unauthorized", Probe::StatusBefore(Src::ReasonPhrase)),
    ("Forbidden", Probe::StatusBefore(Src::ReasonPhrase)),
    ("Not Found", Probe::StatusBefore(Src::ReasonPhrase)),
    ("Too Many Requests", Probe::StatusBefore(Src::ReasonPhrase)),
    ("Bad Request", Probe::StatusBefore(Src::ReasonPhrase)),
    ("AuthenticationError", Probe::Class(401)),
    ("PermissionDeniedError", Probe::Class(403)),
    ("PermissionError", Probe::Class(403)),
    ("NotFoundError", Probe::Class(404)),
    ("RateLimitError", Probe::Class(429)),
    ("BadRequestError", Probe::Class(400)),
    ("'code':", Probe::CodeKey),
    ("ErrorCode:", Probe::DotNetErrorCode),
    ("error_code=", Probe::LegacyErrorCode),
    ("audience is incorrect (", Probe::Audience),
    ("Missing scopes:", Probe::Scopes),
    ("Incorrect API key provided:", Probe::Echo),
    ("retry after", Probe::RetryAfter),
    ("try again in", Probe::RetryAfter),
    ("'error_codes':", Probe::ErrorCodes),
    ("{'error':", Probe::JsonObject),
    ("{'statusCode':", Probe::JsonObject),
    ("{'code':", Probe::JsonObject),
    ("(PermissionDenied)", Probe::ReasonPermissionDenied),
];

/// The one matcher for every table, built on first use.
fn matcher() -> &'static (Matcher, Vec<Tag>) {
    static M: OnceLock<(Matcher, Vec<Tag>)> = OnceLock::new();
    M.get_or_init(|| {
        let mut needles = Vec::new();
        let mut tags = Vec::new();
        for (i, row) in SIGNATURES.iter().enumerate() {
            for pat in row.patterns {
                needles.push(Needle {
                    text: canonical(pat.text),
                    unless_next: pat.unless_next.iter().map(|u| canonical(u)).collect(),
                    then: pat.then.map(|(t, w)| (canonical(t), w)),
                    digit_next: pat.digit_next,
                    word_end: pat.word_end,
                });
                tags.push(Tag::Sig(i));
            }
        }
        for (i, row) in RENDERINGS.iter().enumerate() {
            for pat in row.patterns {
                needles.push(Needle {
                    text: canonical(pat),
                    ..Needle::default()
                });
                tags.push(Tag::Render(i));
            }
        }
        for (text, probe) in PROBES {
            needles.push(Needle {
                text: canonical(text),
                ..Needle::default()
            });
            tags.push(Tag::Probe(*probe));
        }
        (Matcher::new(needles), tags)
    })
}

/// How strong a status source is; the strongest wins, then the last in the text.
fn rank(s: StatusSource) -> u8 {
    match s {
        Src::Response => 7,
        Src::StatusLine => 6,
        Src::SdkMessage => 5,
        Src::BodyStatusCode => 4,
        Src::ReasonPhrase => 3,
        Src::BodyCode => 2,
        Src::ErrorClass => 1,
    }
}

/// A three-digit HTTP status at `h[i..]`, not part of a longer number.
fn status_at(h: &[u8], i: usize) -> Option<u16> {
    let d = h.get(i..i + 3)?;
    if !d.iter().all(u8::is_ascii_digit) || h.get(i + 3).is_some_and(u8::is_ascii_digit) {
        return None;
    }
    let v = d.iter().fold(0u16, |a, b| a * 10 + u16::from(b - b'0'));
    (100..=599).contains(&v).then_some(v)
}

fn status_after(h: &[u8], end: usize) -> Option<u16> {
    let i = if matches!(h.get(end), Some(b' ' | b'\'' | b':' | b'=')) {
        end + 1
    } else {
        end
    };
    status_at(h, i)
}

fn status_before(h: &[u8], start: usize) -> Option<u16> {
    let j = if start > 0 && matches!(h[start - 1], b' ' | b'(') {
        start - 1
    } else {
        start
    };
    let i = j.checked_sub(3)?;
    if i > 0 && h[i - 1].is_ascii_alphanumeric() {
        return None;
    }
    status_at(h, i)
}

/// Digits at `h[i..]` (at most 9).
fn number_at(h: &[u8], i: usize) -> Option<u64> {
    let n = h
        .get(i..)?
        .iter()
        .take(10)
        .take_while(|b| b.is_ascii_digit())
        .count();
    if n == 0 || n > 9 {
        return None;
    }
    std::str::from_utf8(&h[i..i + n]).ok()?.parse().ok()
}

/// A status candidate.
#[derive(Clone, Copy, Debug)]
struct StatusCand {
    code: u16,
    source: StatusSource,
    /// Byte offset in the original text.
    at: usize,
}

/// Everything read from one text (the response body or the pasted error text).
#[derive(Debug, Default)]
struct TextFacts {
    hits: Vec<(usize, Hit)>,
    status: Option<StatusCand>,
    status_line_no: Option<usize>,
    reason_permission_denied: bool,
    body_code: Option<String>,
    audience: Option<String>,
    scopes: Option<String>,
    echo: Option<KeyEcho>,
    aadsts: Vec<u32>,
    retry_after: Option<u64>,
    headers: BTreeMap<String, String>,
    date: Option<i64>,
    timestamp: Option<i64>,
    renderings: Vec<Rendering>,
    /// Bytes skipped at the start of an over-long text.
    skipped: usize,
}

/// Where a line starts and what the line pass found.
#[derive(Debug, Default)]
struct LineFacts {
    status: Option<(u16, usize, bool)>,
    block_headers: BTreeMap<String, String>,
    other_headers: BTreeMap<String, String>,
    timestamps: Vec<(usize, i64)>,
}

/// Response headers worth reading even outside a header block.
const LOOSE_HEADERS: &[&str] = &[
    "apim-request-id",
    "x-ms-region",
    "x-request-id",
    "policy-id",
    "www-authenticate",
    "date",
    "content-length",
    "retry-after",
];

/// `HTTP/1.1 401 Unauthorized` → (401, "Unauthorized").
fn status_line(rest: &str) -> Option<(u16, &str)> {
    let b = rest.as_bytes();
    if b.len() < 10 || !b[..5].eq_ignore_ascii_case(b"http/") || !b[5].is_ascii_digit() {
        return None;
    }
    let mut parts = rest.split_ascii_whitespace();
    parts.next()?;
    let code = parts.next()?;
    if code.len() != 3 {
        return None;
    }
    let v = status_at(code.as_bytes(), 0)?;
    Some((v, parts.next().unwrap_or("")))
}

/// `Name: value` with a token name.
fn header_line(rest: &str) -> Option<(&str, &str)> {
    let (name, value) = rest.split_once(':')?;
    let ok = !name.is_empty()
        && name.len() <= 64
        && name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    ok.then(|| (name, value.trim()))
}

/// A header value as kept: cut, and masked when the header carries a secret.
fn header_value(name: &str, value: &str) -> String {
    let mut end = value.len().min(MAX_HEADER_VALUE);
    while !value.is_char_boundary(end) {
        end -= 1;
    }
    let v = &value[..end];
    if normalize::is_secret_name(name) || name.contains("cookie") {
        crate::diag::secret::mask(v)
    } else {
        v.to_string()
    }
}

fn put_header(map: &mut BTreeMap<String, String>, name: String, value: &str, replace: bool) {
    if map.len() >= MAX_HEADERS && !map.contains_key(&name) {
        return;
    }
    if replace || !map.contains_key(&name) {
        let v = header_value(&name, value);
        map.insert(name, v);
    }
}

/// An RFC 3339 timestamp at the start of a line (`2026-11-23T09:00:00Z …`,
/// `[2026-11-23 09:00:00.123+01:00] …`).
fn line_timestamp(t: &str) -> Option<i64> {
    let t = t.strip_prefix('[').unwrap_or(t);
    let b = t.as_bytes();
    if !b.first()?.is_ascii_digit() {
        return None;
    }
    let end = b
        .iter()
        .take(40)
        .enumerate()
        .take_while(|&(i, &c)| {
            c.is_ascii_digit()
                || matches!(c, b'-' | b':' | b'.' | b'+' | b'T' | b't' | b'Z' | b'z')
                || (c == b' ' && i == 10)
        })
        .count();
    parse_rfc3339(t.get(..end)?)
}

enum Block {
    None,
    Http,
    DotNet,
}

/// One pass over the lines: status lines, headers, timestamps.
fn read_lines(raw: &str, lines: &LineIndex) -> LineFacts {
    let mut f = LineFacts::default();
    let mut block = Block::None;
    for n in 1..=lines.count() {
        let (s, e) = lines.bounds(n);
        let Some(line) = raw.get(s..e) else { continue };
        let t = line.trim_end_matches('\r').trim_start();
        let (marker, rest) = match t.as_bytes().first() {
            Some(&m @ (b'<' | b'>' | b'*')) => (m, t[1..].trim_start()),
            _ => (0, t),
        };
        if marker == b'>' || marker == b'*' {
            continue; // curl -v request lines and notes: never response headers
        }
        if let Some(ts) = line_timestamp(rest) {
            f.timestamps.push((s, ts));
        }
        if let Some((code, reason)) = status_line(rest) {
            f.status = Some((code, s, reason.eq_ignore_ascii_case("PermissionDenied")));
            f.block_headers.clear();
            block = Block::Http;
            continue;
        }
        match block {
            Block::Http | Block::DotNet if rest.is_empty() => {
                block = Block::None;
                continue;
            }
            Block::Http | Block::DotNet => match header_line(rest) {
                Some((name, value)) => {
                    let map = match block {
                        Block::Http => &mut f.block_headers,
                        _ => &mut f.other_headers,
                    };
                    put_header(map, name.to_ascii_lowercase(), value, true);
                    continue;
                }
                None => block = Block::None,
            },
            Block::None => {}
        }
        if rest.eq_ignore_ascii_case("headers:") {
            block = Block::DotNet;
            continue;
        }
        if let Some((name, value)) = header_line(rest) {
            if let Some(known) = LOOSE_HEADERS.iter().find(|h| h.eq_ignore_ascii_case(name)) {
                put_header(&mut f.other_headers, known.to_string(), value, false);
            }
        }
    }
    f
}

/// Where the message holding byte `at` starts, within the line `ls..le`:
///
/// 1. the value of a `message` key (`"message":"…"`, `'message': '…'`,
///    `error_message='…'`) that holds `at` or follows it closely, so a hit on a `code`
///    shows the message;
/// 2. else the nearest of: the line's start (past bullets and curl markers), the text
///    after `: ` or ` - ` (`…Exception: <message>`, LiteLLM's `AuthenticationError - …`),
///    or after a quote that opens a value; at most 160 bytes back.
fn message_span(raw: &str, ls: usize, le: usize, at: usize) -> (usize, usize) {
    let line = raw.get(ls..le).unwrap_or("");
    let rel = at.saturating_sub(ls).min(line.len());
    let lower = line.to_ascii_lowercase();
    let lb = lower.as_bytes();
    let mut best: Option<(usize, usize)> = None;
    for (k, _) in lower.match_indices("message") {
        let mut j = k + "message".len();
        while j < lb.len() && matches!(lb[j], b'"' | b'\'' | b'\\' | b' ') {
            j += 1;
        }
        if j >= lb.len() || !matches!(lb[j], b':' | b'=') {
            continue;
        }
        j += 1;
        while j < lb.len() && lb[j] == b' ' {
            j += 1;
        }
        let q = j;
        while j < lb.len() && matches!(lb[j], b'"' | b'\'' | b'\\') {
            j += 1;
        }
        let Some(&quote) = lb[q..j].iter().rev().find(|&&b| b != b'\\') else {
            continue; // not a string value
        };
        let close = (j..lb.len())
            .find(|&c| lb[c] == quote && lb[c - 1] != b'\\')
            .unwrap_or(lb.len());
        let holds = j <= rel && rel <= close;
        let follows = j > rel && j - rel <= 300;
        if holds {
            return (ls + j, ls + close);
        }
        if follows && best.is_none() {
            best = Some((ls + j, ls + close));
        }
    }
    if let Some(span) = best {
        return span;
    }
    let lo = rel.saturating_sub(160);
    let head = line.get(..rel).unwrap_or("");
    let mut start = line.len()
        - line
            .trim_start_matches([' ', '\t', '-', '*', '<', '>'])
            .len();
    if start > rel || start < lo {
        start = rel;
    }
    let window = head.get(lo..).unwrap_or("");
    for sep in [": ", " - "] {
        if let Some(k) = window.rfind(sep) {
            start = start.max(lo + k + sep.len());
        }
    }
    let wb = window.as_bytes();
    for (k, &b) in wb.iter().enumerate().rev() {
        if matches!(b, b'"' | b'\'') {
            let before = window[..k].trim_end();
            if before.ends_with([':', '=', '(', '[']) {
                start = start.max(lo + k + 1);
            }
            break;
        }
    }
    (ls + start.min(rel), le)
}

/// A short, redacted excerpt of the message holding byte `at`, within its line.
fn excerpt(raw: &str, lines: &LineIndex, at: usize) -> String {
    let (ls, le) = lines.bounds(lines.line_of(at));
    let bytes = raw.as_bytes();
    let (mut s, end) = message_span(raw, ls, le, at.clamp(ls, le));
    // Start at the beginning of a key-like run, so a secret is never cut in half.
    let from = s;
    while s > ls && from - s < 512 && is_run_byte(bytes[s - 1]) {
        s -= 1;
    }
    while !raw.is_char_boundary(s) {
        s -= 1;
    }
    let mut e = end.min(s + 2048);
    let limit = e;
    // Let a key-like run at the end finish, so it is masked whole.
    while e < le && e - limit < 512 && is_run_byte(bytes[e]) {
        e += 1;
    }
    while !raw.is_char_boundary(e) {
        e -= 1;
    }
    let Some(window) = raw.get(s..e) else {
        return String::new();
    };
    let red = redact(window);
    let red = red.trim_start();
    let cut = red.chars().count() > EXCERPT_CHARS;
    let take = if cut {
        EXCERPT_CHARS - 1
    } else {
        EXCERPT_CHARS
    };
    let mut out: String = red.chars().take(take).collect();
    let kept = out
        .trim_end_matches(|c: char| {
            c.is_whitespace() || matches!(c, '"' | '\'' | '}' | ']' | ',' | '\\')
        })
        .len();
    out.truncate(kept);
    if cut {
        out.push('…');
    }
    out
}

/// OpenAI's echo after `Incorrect API key provided:` (`auth-failures.md` C1 masking rule:
/// first 8, `*` × (length − 12), last 4).
fn parse_echo(raw: &str, from: usize) -> Option<KeyEcho> {
    let rest = raw.get(from..)?.trim_start_matches([' ', '\t']);
    let rest = rest.strip_prefix(['\'', '"', '`']).unwrap_or(rest);
    let chars: Vec<char> = rest
        .chars()
        .take(400)
        .take_while(|&c| c != '\n' && c != '\r')
        .collect();
    if let Some(k) = chars.iter().take(9).position(|&c| c == '*') {
        let stars = chars[k..].iter().take_while(|&&c| c == '*').count();
        let suffix: String = chars[k + stars..]
            .iter()
            .take(4)
            .take_while(|c| !c.is_whitespace())
            .collect();
        let length = k + stars + suffix.chars().count();
        return Some(KeyEcho::Masked {
            prefix: chars[..k].iter().collect(),
            suffix,
            length,
        });
    }
    let word: String = chars
        .iter()
        .take_while(|&&c| !c.is_whitespace() && !matches!(c, '\'' | '"' | '`' | ','))
        .collect();
    let word = word.strip_suffix('.').unwrap_or(&word);
    let n = word.chars().count();
    if n > 12 {
        // Not masked (a proxy echoing the whole key): keep only what OpenAI would show.
        let w: Vec<char> = word.chars().collect();
        return Some(KeyEcho::Masked {
            prefix: w[..8].iter().collect(),
            suffix: w[n - 4..].iter().collect(),
            length: n,
        });
    }
    Some(KeyEcho::Literal(word.to_string()))
}

/// The text at `from` up to the end of its sentence, line or quote.
fn clause(raw: &str, from: usize, max_chars: usize) -> Option<String> {
    let rest = raw.get(from..)?;
    let mut out = String::new();
    let mut it = rest.chars().peekable();
    while let Some(c) = it.next() {
        if matches!(c, '\n' | '\r' | '"' | '\'' | '`') || out.chars().count() >= max_chars {
            break;
        }
        if c == '.'
            && it
                .peek()
                .is_none_or(|n| n.is_whitespace() || matches!(n, '"' | '\'' | '\\'))
        {
            break;
        }
        out.push(c);
    }
    let t = out.trim().trim_end_matches('\\').trim();
    (!t.is_empty()).then(|| redact(t))
}

/// A body `code` value after `'code':`, in its original case.
fn code_value(
    norm: &normalize::Normalized,
    raw: &str,
    end: usize,
    quoted_only: bool,
) -> Option<String> {
    let h = norm.text.as_bytes();
    let (vs, ve) = if h.get(end) == Some(&b'\'') {
        let len = h
            .get(end + 1..)?
            .iter()
            .take(80)
            .position(|&b| b == b'\'')?;
        (end + 1, end + 1 + len)
    } else if quoted_only {
        return None;
    } else {
        let len = h
            .get(end..)?
            .iter()
            .take(80)
            .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
            .count();
        (end, end + len)
    };
    let v = raw.get(norm.raw_offset(vs)..norm.raw_offset(ve))?;
    let v = v.trim_matches(|c: char| c.is_whitespace() || matches!(c, '"' | '\'' | '\\'));
    if v.is_empty() || v.eq_ignore_ascii_case("null") || v.eq_ignore_ascii_case("none") {
        return None;
    }
    Some(v.to_string())
}

/// Reads one text (a response body or the pasted error text).
fn read_text(full: &str, field: Field) -> TextFacts {
    let mut skipped = 0;
    if full.len() > MAX_TEXT {
        skipped = full.len() - MAX_TEXT;
        while !full.is_char_boundary(skipped) {
            skipped += 1;
        }
    }
    let raw = &full[skipped..];
    let line_base = full.as_bytes()[..skipped]
        .iter()
        .filter(|&&b| b == b'\n')
        .count();
    let norm = normalize::normalize(raw);
    let lines = LineIndex::new(raw);
    let (m, tags) = matcher();
    let found = m.scan(&norm.text, FIRST_CAP);
    let h = norm.text.as_bytes();
    let mut t = TextFacts {
        skipped,
        ..TextFacts::default()
    };
    let line_no = |raw_at: usize| match field {
        Field::ErrorText => Some(line_base + lines.line_of(raw_at)),
        _ => None,
    };

    let mut first_sig: Vec<Option<usize>> = vec![None; SIGNATURES.len()];
    let mut renderings: Vec<bool> = vec![false; RENDERINGS.len()];
    let mut cands: Vec<StatusCand> = Vec::new();
    let mut aadsts_at: Vec<usize> = Vec::new();
    let mut code_key = None;
    let mut dotnet_code = None;
    let mut legacy_code = None;

    for (i, f) in found.iter().enumerate() {
        if f.count == 0 {
            continue;
        }
        let needle_len = m.needles()[i].text.len();
        let mut at: Vec<usize> = f.first.clone();
        if let Some(l) = f.last.filter(|l| !at.contains(l)) {
            at.push(l);
        }
        match tags[i] {
            Tag::Sig(r) => {
                let s = f.first[0];
                if first_sig[r].is_none_or(|o| s < o) {
                    first_sig[r] = Some(s);
                }
                if SIGNATURES[r].signature == Signature::EntraError {
                    aadsts_at.extend(at.iter().map(|&s| s + needle_len));
                }
            }
            Tag::Render(r) => renderings[r] = true,
            Tag::Probe(p) => {
                for &s in &at {
                    let end = s + needle_len;
                    let raw_at = norm.raw_offset(s);
                    let cand = |code, source| StatusCand {
                        code,
                        source,
                        at: raw_at,
                    };
                    match p {
                        Probe::StatusAfter(src) => {
                            cands.extend(status_after(h, end).map(|c| cand(c, src)));
                        }
                        Probe::StatusBefore(src) => {
                            cands.extend(status_before(h, s).map(|c| cand(c, src)));
                        }
                        Probe::Class(c) => cands.push(cand(c, Src::ErrorClass)),
                        Probe::CodeKey => {
                            if let Some(v) = code_value(&norm, raw, end, false) {
                                if let Some(c) = status_at(v.as_bytes(), 0).filter(|_| v.len() == 3)
                                {
                                    cands.push(cand(c, Src::BodyCode));
                                }
                                if code_key.as_ref().is_none_or(|(o, _)| s < *o) {
                                    code_key = Some((s, v));
                                }
                            }
                        }
                        Probe::DotNetErrorCode => {
                            if let Some(v) = code_value(&norm, raw, end, false) {
                                if let Some(c) = status_at(v.as_bytes(), 0).filter(|_| v.len() == 3)
                                {
                                    cands.push(cand(c, Src::BodyCode));
                                }
                                dotnet_code = dotnet_code.or(Some(v));
                            }
                        }
                        Probe::LegacyErrorCode => {
                            legacy_code =
                                legacy_code.or_else(|| code_value(&norm, raw, end, false));
                        }
                        Probe::Audience if t.audience.is_none() => {
                            let close = h
                                .get(end..)
                                .and_then(|w| w.iter().take(200).position(|&b| b == b')'));
                            if let Some(c) = close {
                                let span = raw.get(norm.raw_offset(end)..norm.raw_offset(end + c));
                                t.audience =
                                    span.map(str::trim).filter(|a| !a.is_empty()).map(redact);
                            }
                        }
                        Probe::Scopes if t.scopes.is_none() => {
                            t.scopes = clause(raw, norm.raw_offset(end), 200);
                        }
                        Probe::Echo if t.echo.is_none() => {
                            t.echo = parse_echo(raw, norm.raw_offset(end));
                        }
                        Probe::RetryAfter if t.retry_after.is_none() => {
                            let i = if h.get(end) == Some(&b' ') {
                                end + 1
                            } else {
                                end
                            };
                            t.retry_after = number_at(h, i);
                        }
                        Probe::ErrorCodes => {
                            if h.get(end) == Some(&b'[') {
                                let mut i = end + 1;
                                while let Some(n) = number_at(h, i) {
                                    aadsts_code(&mut t.aadsts, n);
                                    i += h[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                                    if h.get(i) != Some(&b',') {
                                        break;
                                    }
                                    i += 1;
                                }
                            }
                        }
                        Probe::JsonObject => {
                            let q = raw.as_bytes().get(norm.raw_offset(s + 1)).copied();
                            let r = if q == Some(b'\'') {
                                Rendering::PythonDict
                            } else {
                                Rendering::RawJson
                            };
                            if let Some(k) = RENDERINGS.iter().position(|x| x.rendering == r) {
                                renderings[k] = true;
                            }
                        }
                        Probe::ReasonPermissionDenied => {
                            if status_before(h, s).is_some() {
                                t.reason_permission_denied = true;
                            }
                        }
                        Probe::Audience | Probe::Scopes | Probe::Echo | Probe::RetryAfter => {}
                    }
                }
            }
        }
    }
    crate::diag::parse::order::sort_by_rank(&mut aadsts_at, |&at| (at as u64, 0));
    let mut codes = Vec::new();
    for end in aadsts_at {
        if let Some(n) = number_at(h, end) {
            aadsts_code(&mut codes, n);
        }
    }
    for c in std::mem::take(&mut t.aadsts) {
        aadsts_code(&mut codes, u64::from(c));
    }
    t.aadsts = codes;
    t.body_code = code_key.map(|(_, v)| v).or(dotnet_code).or(legacy_code);

    let lf = read_lines(raw, &lines);
    if let Some((code, at, pd)) = lf.status {
        cands.push(StatusCand {
            code,
            source: Src::StatusLine,
            at,
        });
        t.reason_permission_denied |= pd;
        if let Some(k) = RENDERINGS
            .iter()
            .position(|x| x.rendering == Rendering::Curl)
        {
            renderings[k] = true;
        }
    }
    t.status = cands.into_iter().max_by_key(|c| (rank(c.source), c.at));
    t.status_line_no = t.status.and_then(|c| line_no(c.at));
    let mut headers = lf.other_headers;
    for (k, v) in lf.block_headers {
        headers.insert(k, v);
    }
    t.date = headers.get("date").and_then(|d| parse_http_date(d));
    if t.retry_after.is_none() {
        t.retry_after = headers
            .get("retry-after")
            .and_then(|v| v.trim().parse().ok());
    }
    t.headers = headers;
    t.renderings = RENDERINGS
        .iter()
        .zip(&renderings)
        .filter(|(_, &on)| on)
        .map(|(r, _)| r.rendering)
        .collect();

    for (r, first) in first_sig.iter().enumerate() {
        let Some(s) = *first else { continue };
        let at = norm.raw_offset(s);
        t.hits.push((
            at,
            Hit {
                signature: SIGNATURES[r].signature,
                field,
                line: line_no(at),
                excerpt: excerpt(raw, &lines, at),
            },
        ));
    }
    crate::diag::parse::order::sort_by_rank(&mut t.hits, |(at, _)| (*at as u64, 0));

    // The time of the failure: the last log timestamp at or before the error.
    let anchor = t
        .hits
        .iter()
        .filter(|(_, h)| !h.signature.proves_auth())
        .map(|(at, _)| *at)
        .chain(t.status.map(|c| c.at))
        .min();
    t.timestamp = match anchor {
        Some(a) => lf
            .timestamps
            .iter()
            .rev()
            .find(|(at, _)| *at <= a)
            .map(|(_, ts)| *ts),
        None => lf.timestamps.last().map(|(_, ts)| *ts),
    };
    if let Some(c) = t.status.filter(|c| (200..300).contains(&c.code)) {
        t.hits.push((
            c.at,
            Hit {
                signature: Signature::Success,
                field,
                line: line_no(c.at),
                excerpt: excerpt(raw, &lines, c.at),
            },
        ));
    }
    t
}

fn aadsts_code(codes: &mut Vec<u32>, n: u64) {
    if let Ok(c) = u32::try_from(n) {
        if codes.len() < MAX_AADSTS && !codes.contains(&c) {
            codes.push(c);
        }
    }
}

/// Reads the response and the pasted error text.
pub fn analyze(response: Option<&ObservedResponse>, error_text: Option<&str>) -> Evidence {
    let mut e = Evidence::default();
    let mut findings = Vec::new();
    let mut body_missing = false;
    let resp = response.and_then(|r| {
        e.failure = r.failure;
        if let Some(s) = r.status {
            e.status = Some(s);
            e.status_field = Some(Field::Response);
            e.status_source = Some(Src::Response);
        }
        for (k, v) in &r.headers {
            put_header(&mut e.headers, k.trim().to_ascii_lowercase(), v, true);
        }
        match r.body.as_deref() {
            Some(b) if !b.trim().is_empty() => Some(read_text(b, Field::Response)),
            _ => {
                body_missing = r.status.is_some();
                None
            }
        }
    });
    let text = error_text
        .filter(|t| !t.trim().is_empty())
        .map(|t| read_text(t, Field::ErrorText));
    e.sent = error_text
        .map(crate::diag::read::sent::read_sent)
        .unwrap_or_default();

    // Status: the response's own, else its body's, else the pasted text's.
    let text_status = text
        .as_ref()
        .and_then(|t| t.status.map(|c| (c, t.status_line_no)));
    if e.status.is_none() {
        if let Some(c) = resp.as_ref().and_then(|r| r.status) {
            e.status = Some(c.code);
            e.status_field = Some(Field::Response);
            e.status_source = Some(c.source);
        } else if let Some((c, line)) = text_status {
            e.status = Some(c.code);
            e.status_field = Some(Field::ErrorText);
            e.status_source = Some(c.source);
            e.status_text_line = line;
        }
    }
    if e.status == Some(0) {
        // Status 0 is no HTTP status: an opaque (`no-cors`) or blocked response, of which
        // the page could read nothing (7.4). It is a browser failure, like CORS.
        e.status = None;
        e.status_field = None;
        e.status_source = None;
        e.status_text_line = None;
        e.failure = e.failure.or(Some(BrowserFailure::Cors));
        body_missing = false;
    }
    if let (Some(s), Some((c, _))) = (e.status, text_status) {
        if e.status_field == Some(Field::Response) && c.code != s {
            findings.push(Finding::new(
                Field::ErrorText,
                Severity::Info,
                "evidence-status-conflict",
                format!(
                    "The response has status {s} but the pasted text says {}; the response is used.",
                    c.code
                ),
            ));
        }
    }

    let both = [resp.as_ref(), text.as_ref()];
    let pick = |f: fn(&TextFacts) -> Option<String>| both.iter().flatten().find_map(|t| f(t));
    e.body_code = pick(|t| t.body_code.clone());
    e.audience_in_message = pick(|t| t.audience.clone());
    e.missing_scopes = pick(|t| t.scopes.clone());
    e.echo = both.iter().flatten().find_map(|t| t.echo.clone());
    e.retry_after = both.iter().flatten().find_map(|t| t.retry_after);
    if e.retry_after.is_none() {
        e.retry_after = e
            .headers
            .get("retry-after")
            .and_then(|v| v.trim().parse().ok());
    }
    for t in both.iter().flatten() {
        for &c in &t.aadsts {
            aadsts_code(&mut e.aadsts, u64::from(c));
        }
    }
    if let Some(t) = &text {
        for (k, v) in &t.headers {
            if !e.headers.contains_key(k) && e.headers.len() < MAX_HEADERS {
                e.headers.insert(k.clone(), v.clone());
            }
        }
        e.renderings = t.renderings.clone();
    }

    // When: a date header, else the last log timestamp before the error.
    let resp_date = response
        .and_then(|r| {
            r.headers
                .iter()
                .find(|(k, _)| k.trim().eq_ignore_ascii_case("date"))
        })
        .and_then(|(_, v)| parse_http_date(v));
    if let Some(d) = resp_date.or_else(|| text.as_ref().and_then(|t| t.date)) {
        e.when = Some(d);
        e.when_source = Some(WhenSource::DateHeader);
    } else if let Some(ts) = text.as_ref().and_then(|t| t.timestamp) {
        e.when = Some(ts);
        e.when_source = Some(WhenSource::LogTimestamp);
    }

    for t in both.iter().flatten() {
        e.hits.extend(t.hits.iter().map(|(_, h)| h.clone()));
    }
    if e.status_source == Some(Src::Response) && e.status.is_some_and(|s| (200..300).contains(&s)) {
        e.hits
            .retain(|h| !(h.signature == Signature::Success && h.field == Field::Response));
        e.hits.insert(
            0,
            Hit {
                signature: Signature::Success,
                field: Field::Response,
                line: None,
                excerpt: format!("HTTP {}", e.status.unwrap_or(200)),
            },
        );
    }
    // A validation error proves auth only when nothing else was said and the status fits.
    let others = e
        .hits
        .iter()
        .any(|h| h.signature != Signature::ValidationError);
    let status_fits = e.status.is_none_or(|s| s == 400 || s == 422);
    if others || !status_fits {
        e.hits.retain(|h| h.signature != Signature::ValidationError);
    }

    findings.extend(describe(&e, response, body_missing, &resp, &text));
    e.findings = findings;
    e
}

fn capitalized(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Words that mean an unset variable was sent as the key.
fn placeholder_word(w: &str) -> bool {
    matches!(
        w.to_ascii_lowercase().as_str(),
        "undefined" | "none" | "null" | "nil" | "nan" | "false" | "true"
    )
}

/// More about one hit, from the values read around it.
fn detail(e: &Evidence, s: Signature) -> String {
    match s {
        Signature::AzureTokenRejected => match &e.audience_in_message {
            Some(a) if !a.to_ascii_lowercase().starts_with("urn:") => {
                format!("; the audience it expects is {a}")
            }
            _ => String::new(),
        },
        Signature::OpenAiMissingScopes => match &e.missing_scopes {
            Some(sc) => format!("; missing scopes: {sc}"),
            None => String::new(),
        },
        Signature::OpenAiInvalidKey => match &e.echo {
            Some(KeyEcho::Masked { prefix, suffix, length }) => {
                let head: String = prefix.chars().take(4).collect();
                format!("; the key it received was {length} characters long ({head}…{suffix})")
            }
            Some(KeyEcho::Literal(w)) if w.is_empty() => "; the key it received was empty".into(),
            Some(KeyEcho::Literal(w)) if placeholder_word(w) => {
                format!("; the key it received was the literal text `{w}`, so an unset variable was sent")
            }
            Some(KeyEcho::Literal(w)) => {
                format!("; the key it received was only {} characters long", w.chars().count())
            }
            None => String::new(),
        },
        Signature::EntraError if !e.aadsts.is_empty() => {
            let parts: Vec<String> = e
                .aadsts
                .iter()
                .map(|&c| match aadsts::lookup(c) {
                    Some(a) => format!("AADSTS{c} {}: {}", a.name, a.typical_cause),
                    None => format!(
                        "AADSTS{c} (look it up at https://login.microsoftonline.com/error?code={c})"
                    ),
                })
                .collect();
            format!(": {}", parts.join("; "))
        }
        Signature::AzureQuota if e.retry_after == Some(86400) => {
            "; retry after 86400 seconds usually means the deployment has no tokens-per-minute quota".into()
        }
        _ => String::new(),
    }
}

fn status_origin(src: Option<StatusSource>) -> &'static str {
    match src {
        Some(Src::Response) => "from the response",
        Some(Src::StatusLine) => "from the status line",
        Some(Src::SdkMessage) => "from the SDK's message",
        Some(Src::BodyStatusCode) => "from the body's statusCode",
        Some(Src::ReasonPhrase) => "from the text",
        Some(Src::BodyCode) => "from the body's code",
        Some(Src::ErrorClass) => "from the SDK's error class",
        None => "",
    }
}

/// The findings about the evidence itself.
fn describe(
    e: &Evidence,
    response: Option<&ObservedResponse>,
    body_missing: bool,
    resp: &Option<TextFacts>,
    text: &Option<TextFacts>,
) -> Vec<Finding> {
    let mut out = Vec::new();
    if let Some(f) = e.failure {
        let what = match f {
            BrowserFailure::Network => {
                "the request failed before any response (network, DNS, TLS or CORS)"
            }
            BrowserFailure::Timeout => "no response came within the time limit",
            BrowserFailure::Cors => "a response came but CORS hid it from the page",
            BrowserFailure::Redirect => {
                "the server answered with a redirect, which the probe does not follow"
            }
        };
        out.push(Finding::new(
            Field::Response,
            Severity::Info,
            "evidence-browser-failure",
            format!(
                "The browser saw no readable response: {what}. This says nothing about the credential; \
                 the same request with curl -i would."
            ),
        ));
    }
    for t in [resp, text].into_iter().flatten() {
        if t.skipped > 0 {
            let field = t.hits.first().map_or(Field::ErrorText, |(_, h)| h.field);
            out.push(Finding::new(
                field,
                Severity::Info,
                "evidence-truncated",
                format!(
                    "The text is longer than {} MB; only its last {} MB were read.",
                    MAX_TEXT >> 20,
                    MAX_TEXT >> 20
                ),
            ));
        }
    }
    if body_missing {
        let s = e.status.unwrap_or(0);
        let mut msg = format!("The response had no readable body; only its status {s} is known.");
        if s == 401
            && e.headers
                .get("content-length")
                .is_some_and(|v| v.trim() == "224")
        {
            msg.push_str(
                " Its Content-Length of 224 matches Azure OpenAI's invalid-key body (A1).",
            );
        }
        out.push(Finding::new(
            Field::Response,
            Severity::Info,
            "evidence-no-body",
            msg,
        ));
    }
    for h in &e.hits {
        let Some(row) = h.signature.row() else {
            continue;
        };
        let place = match (h.field, h.line) {
            (Field::ErrorText, Some(n)) => format!("Line {n}: "),
            (Field::Response, _) => "The response: ".to_string(),
            _ => String::new(),
        };
        let message = if h.signature == Signature::Success {
            let s = e.status.unwrap_or(200);
            format!("{place}{} (status {s}).", capitalized(row.summary))
        } else {
            format!(
                "{place}{}{} ({}).",
                capitalized(row.summary),
                detail(e, h.signature),
                row.section()
            )
        };
        let severity = match row.reads {
            Reads::Refusal | Reads::Failure => Severity::Warning,
            Reads::Neutral => Severity::Info,
            Reads::Success => Severity::Ok,
        };
        out.push(Finding::new(h.field, severity, row.id, message));
    }
    if e.reason_permission_denied(resp, text) && !e.has(Signature::AzurePermissionDenied) {
        out.push(Finding::new(
            Field::ErrorText,
            Severity::Info,
            "evidence-reason-not-rbac",
            format!(
                "The status line says PermissionDenied, but Azure labels every such 401 that way, \
                 an invalid key included; the body's code{} decides, not the status line (8.4).",
                e.body_code
                    .as_deref()
                    .map(|c| format!(" ({c})"))
                    .unwrap_or_default()
            ),
        ));
    }
    for r in &e.renderings {
        if let Some(row) = signatures::rendering_row(*r) {
            out.push(Finding::new(
                Field::ErrorText,
                Severity::Info,
                row.id,
                format!("The pasted text reads as {}.", row.name),
            ));
        }
    }
    let failure_hits = e.hits.iter().any(|h| h.signature != Signature::Success);
    if let Some(s) = e.status.filter(|&s| s >= 400) {
        if !failure_hits && !body_missing {
            let field = e.status_field.unwrap_or(Field::ErrorText);
            out.push(Finding::new(
                field,
                Severity::Warning,
                "evidence-status-unexplained",
                format!(
                    "Status {s} {} but no recognisable message.",
                    status_origin(e.status_source)
                ),
            ));
        }
    }
    if let Some(t) = text {
        if t.hits.is_empty() && t.status.is_none() {
            out.push(Finding::new(
                Field::ErrorText,
                Severity::Info,
                "evidence-unrecognised",
                "Nothing in the pasted text was recognised as a message from Azure OpenAI, \
                 OpenAI, API Management, Entra ID or an SDK.",
            ));
        }
    }
    if let (Some(w), Some(src)) = (e.when, e.when_source) {
        let from = match src {
            WhenSource::DateHeader => "the date header",
            WhenSource::LogTimestamp => "the log timestamp before the error",
        };
        out.push(Finding::new(
            if src == WhenSource::DateHeader
                && response
                    .is_some_and(|r| r.headers.keys().any(|k| k.eq_ignore_ascii_case("date")))
            {
                Field::Response
            } else {
                Field::ErrorText
            },
            Severity::Info,
            "evidence-when",
            format!(
                "The failure happened at {} (from {from}).",
                format_rfc3339(w)
            ),
        ));
    }
    out
}

impl Evidence {
    fn reason_permission_denied(&self, resp: &Option<TextFacts>, text: &Option<TextFacts>) -> bool {
        [resp, text]
            .into_iter()
            .flatten()
            .any(|t| t.reason_permission_denied)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    const A1: &str = r#"{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}"#;
    const A2: &str = r#"{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}"#;
    const A4: &str = r#"{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}"#;
    const B1: &str = r#"{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." }"#;
    const C1: &str = r#"{ "error": { "message": "Incorrect API key provided: sk-abcde***************************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "param": null, "code": "invalid_api_key" } }"#;
    const C2: &str = r#"{"error":{"message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":null}}"#;

    fn text(t: &str) -> Evidence {
        analyze(None, Some(t))
    }

    fn response(
        status: Option<u16>,
        headers: &[(&str, &str)],
        body: Option<&str>,
    ) -> ObservedResponse {
        ObservedResponse {
            status,
            headers: headers
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            body: body.map(str::to_string),
            failure: None,
        }
    }

    fn sigs(e: &Evidence) -> Vec<Signature> {
        e.hits.iter().map(|h| h.signature).collect()
    }

    /// Python's repr of a parsed JSON value, as openai-python prints a body.
    fn py(v: &Value) -> String {
        match v {
            Value::Null => "None".into(),
            Value::Bool(b) => if *b { "True" } else { "False" }.into(),
            Value::Number(n) => n.to_string(),
            Value::String(s) if s.contains('\'') && !s.contains('"') => format!("\"{s}\""),
            Value::String(s) => format!("'{}'", s.replace('\'', "\\'")),
            Value::Array(a) => format!("[{}]", a.iter().map(py).collect::<Vec<_>>().join(", ")),
            Value::Object(o) => format!(
                "{{{}}}",
                o.iter()
                    .map(|(k, v)| format!("'{k}': {}", py(v)))
                    .collect::<Vec<_>>()
                    .join(", ")
            ),
        }
    }

    fn message_of(body: &str) -> String {
        let v: Value = serde_json::from_str(body).unwrap();
        v.pointer("/error/message")
            .or_else(|| v.get("message"))
            .and_then(Value::as_str)
            .unwrap()
            .to_string()
    }

    fn code_of(body: &str) -> Option<String> {
        let v: Value = serde_json::from_str(body).unwrap();
        v.pointer("/error/code")
            .and_then(Value::as_str)
            .map(str::to_string)
    }

    /// Every rendering of `auth-failures.md` (conventions) of one body with its status.
    fn renderings(status: u16, reason: &str, body: &str) -> Vec<(&'static str, String, bool)> {
        let v: Value = serde_json::from_str(body).unwrap();
        let msg = message_of(body);
        let code_line = code_of(body)
            .map(|c| format!("ErrorCode: {c}\n"))
            .unwrap_or_default();
        let headers = "apim-request-id: 6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24\nx-ms-region: East US\nDate: Mon, 23 Nov 2026 09:00:00 GMT\nContent-Length: 224";
        vec![
            ("raw json", body.to_string(), true),
            (
                "python dict",
                format!("openai.AuthenticationError: Error code: {status} - {}", py(&v)),
                true,
            ),
            (
                ".net RequestFailedException",
                format!(
                    "Azure.RequestFailedException: {msg}\nStatus: {status} ({reason})\n{code_line}\nContent:\n{body}\n\nHeaders:\n{headers}\n"
                ),
                true,
            ),
            (
                ".net ClientResultException",
                format!(
                    "System.ClientModel.ClientResultException: Service request failed.\nStatus: {status} (Unauthorized)\n\nContent:\n{body}\n\nHeaders:\n{headers}\n"
                ),
                true,
            ),
            ("openai-node", format!("AuthenticationError: {status} {msg}"), false),
            (
                "litellm",
                format!("litellm.AuthenticationError: AzureException AuthenticationError - {msg}"),
                false,
            ),
            (
                "curl -i",
                format!(
                    "HTTP/1.1 {status} {reason}\r\nContent-Length: 224\r\nContent-Type: application/json\r\napim-request-id: 6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24\r\nDate: Mon, 23 Nov 2026 09:00:00 GMT\r\n\r\n{body}"
                ),
                true,
            ),
        ]
    }

    #[test]
    fn signature_rows_are_unique_sourced_and_matchable() {
        for (i, r) in SIGNATURES.iter().enumerate() {
            assert!(
                SIGNATURES[i + 1..]
                    .iter()
                    .all(|o| o.signature != r.signature),
                "{:?} twice",
                r.signature
            );
            assert!(
                r.source.starts_with("auth-failures.md ")
                    || r.source.starts_with("causes.md ")
                    || r.source.starts_with("https://"),
                "{:?}",
                r.signature
            );
            assert!(r.id.starts_with("evidence-"), "{:?}", r.signature);
            for pat in r.patterns {
                assert!(
                    crate::diag::parse::normalize::canonical(pat.text).len() >= 3,
                    "{:?}",
                    pat.text
                );
            }
        }
        assert_eq!(
            signatures::row(Signature::AzureInvalidKey).map(|r| r.section()),
            Some("A1")
        );
        assert_eq!(
            signatures::row(Signature::ValidationError).map(|r| r.section()),
            Some("4.4")
        );
    }

    #[test]
    fn every_rendering_of_the_same_body_reads_the_same() {
        let cases = [
            (
                A1,
                "PermissionDenied",
                Signature::AzureInvalidKey,
                Some("401"),
            ),
            (A2, "Unauthorized", Signature::AzureTokenRejected, None),
            (
                A4,
                "PermissionDenied",
                Signature::AzurePermissionDenied,
                Some("PermissionDenied"),
            ),
            (B1, "Unauthorized", Signature::ApimMissingKey, None),
            (
                C1,
                "Unauthorized",
                Signature::OpenAiInvalidKey,
                Some("invalid_api_key"),
            ),
            (C2, "Unauthorized", Signature::OpenAiMissingKey, None),
        ];
        for (body, reason, sig, code) in cases {
            for (name, t, has_body) in renderings(401, reason, body) {
                let e = text(&t);
                assert!(e.has(sig), "{name} of {sig:?}: {:?}\n{t}", sigs(&e));
                // A bare body carries a status only in `statusCode` or a numeric `code`.
                let want = if name == "raw json" && !body.contains("401") {
                    None
                } else {
                    Some(401)
                };
                assert_eq!(e.status, want, "{name} of {sig:?}");
                if has_body {
                    assert_eq!(e.body_code.as_deref(), code, "{name} of {sig:?}");
                }
                let hit = e.hit(sig).unwrap();
                assert!(
                    hit.line.is_some()
                        && !hit.excerpt.is_empty()
                        && hit.excerpt.chars().count() <= 200
                );
                for other in [Signature::ApimInvalidKey, Signature::ApimJwtRejected] {
                    assert!(!e.has(other), "{name} of {sig:?} also read as {other:?}");
                }
                if sig != Signature::AzurePermissionDenied {
                    assert!(
                        !e.has(Signature::AzurePermissionDenied),
                        "{name} of {sig:?}"
                    );
                }
                if sig == Signature::OpenAiInvalidKey {
                    assert!(
                        matches!(e.echo, Some(KeyEcho::Masked { length: 51, .. })),
                        "{name}"
                    );
                }
            }
        }
    }

    #[test]
    fn renderings_are_recognised() {
        let r = renderings(401, "PermissionDenied", A1);
        let expect = [
            Rendering::RawJson,
            Rendering::PythonDict,
            Rendering::DotNetRequestFailed,
            Rendering::DotNetClientResult,
            Rendering::OpenAiNode,
            Rendering::LiteLlm,
            Rendering::Curl,
        ];
        for ((name, t, _), want) in r.iter().zip(expect) {
            let e = text(t);
            assert!(e.rendered_as(want), "{name}: {:?}", e.renderings);
            let id = signatures::rendering_row(want).unwrap().id;
            assert!(
                e.findings
                    .iter()
                    .any(|f| f.id == id && f.severity == Severity::Info),
                "{name}"
            );
        }
        let py = text(&r[1].1);
        assert!(!py.rendered_as(Rendering::RawJson), "{:?}", py.renderings);
        let legacy = text("openai: error_code=PermissionDenied error_message='Principal does not have access to API/Operation.' error_param=None error_type=None message='OpenAI API error received' stream_error=False");
        assert!(legacy.rendered_as(Rendering::OpenAiPythonLegacy));
        assert!(legacy.has(Signature::AzurePermissionDenied));
        assert_eq!(legacy.body_code.as_deref(), Some("PermissionDenied"));
        assert_eq!(
            legacy
                .hit(Signature::AzurePermissionDenied)
                .unwrap()
                .excerpt,
            "Principal does not have access to API/Operation."
        );
    }

    #[test]
    fn dotnet_permission_denied_status_is_not_rbac() {
        let t = renderings(401, "PermissionDenied", A1).remove(2).1;
        assert!(t.contains("Status: 401 (PermissionDenied)"));
        let e = text(&t);
        assert!(e.has(Signature::AzureInvalidKey));
        assert!(!e.has(Signature::AzurePermissionDenied), "{:?}", sigs(&e));
        assert_eq!(e.body_code.as_deref(), Some("401"));
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-reason-not-rbac")
            .unwrap();
        assert!(f.message.contains("(401)"), "{}", f.message);
        // The same trap in a raw status line.
        let e = text(&format!(
            "HTTP/1.1 401 PermissionDenied\ncontent-length: 224\n\n{A1}"
        ));
        assert!(e.has(Signature::AzureInvalidKey) && !e.has(Signature::AzurePermissionDenied));
        assert!(e
            .findings
            .iter()
            .any(|f| f.id == "evidence-reason-not-rbac"));
        // A real RBAC failure in the same rendering gets no such note.
        let e = text(&renderings(401, "PermissionDenied", A4).remove(2).1);
        assert!(e.has(Signature::AzurePermissionDenied));
        assert!(!e
            .findings
            .iter()
            .any(|f| f.id == "evidence-reason-not-rbac"));
    }

    /// Every test fixture line of `auth-failures.md` section 9.
    const FIXTURES: &[(&str, Option<u16>, &str, Signature)] = &[
        ("AZ-KEY-INVALID", Some(401), r#"{"error":{"code":"401","message":"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}"#, Signature::AzureInvalidKey),
        ("AZ-KEY-INVALID-2", Some(401), r#"{"error":{"code":"Unauthorized","message": "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource."}}"#, Signature::AzureInvalidKey),
        ("AZ-TOKEN", Some(401), r#"{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}"#, Signature::AzureTokenRejected),
        ("AZ-TOKEN-SLASH", Some(401), r#"{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com/), or have expired."}"#, Signature::AzureTokenRejected),
        ("AZ-TOKEN-SPACE", Some(401), "Error code: 401 - {'statusCode': 401, 'message': 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com) , or have expired.'}", Signature::AzureTokenRejected),
        ("AZ-TOKEN-SCOPED", Some(401), "401 Unauthorized. Access token is missing, invalid, audience is incorrect (urn:ms.scopedToken or urn:ms.faceSessionToken), or have expired.", Signature::AzureScopedTokenRejected),
        ("AZ-RBAC", Some(401), "Error code: 401 - {'error': {'code': 'PermissionDenied', 'message': 'Principal does not have access to API/Operation.'}}", Signature::AzurePermissionDenied),
        ("AZ-LOCALAUTH-OFF", Some(403), r#"{"error":{"code":"AuthenticationTypeDisabled","message": "Key based authentication is disabled for this resource."}}"#, Signature::AzureKeyAuthDisabled),
        ("AZ-DEPLOY-404", Some(404), r#"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}"#, Signature::AzureDeploymentNotFound),
        ("AZ-RNF-404", Some(404), r#"{"error":{"code":"404","message": "Resource not found"}}"#, Signature::AzureResourceNotFound),
        ("AZ-APIVER-400", Some(400), r#"{"error":{"code":"BadRequest","message":"API version not supported"}}"#, Signature::AzureApiVersionNotSupported),
        ("AZ-MODEL-APIVER", Some(400), r#"{"error":{"code":"BadRequest","message":"Model {modelName} is enabled only for api versions 2024-12-01-preview and later"}}"#, Signature::AzureModelNeedsNewerApiVersion),
        ("AZ-REGIONAL-AAD", None, r#"{"error":{"code":"BadRequest","message": "Please provide an authentication key."}}"#, Signature::AzureProvideAuthKey),
        ("AZ-NET-PUBLICOFF", Some(403), r#"{"error":{"code":"403","message":"Public access is disabled. Please configure private endpoint."}}"#, Signature::AzureNetworkRestricted),
        ("AZ-NET-PE", Some(403), r#"{"error":{"code":"403","message":"Traffic is not from an approved private endpoint."}}"#, Signature::AzureNetworkRestricted),
        ("AZ-NET-FW", Some(403), r#"{"error":{"code":"403","message": "Access denied due to Virtual Network/Firewall rules."}}"#, Signature::AzureNetworkRestricted),
        ("AZ-NET-VNET", Some(403), r#"{"code":"403","message":"A Virtual Network is configured for this resource. Please use the correct endpoint for making requests. Check https://aka.ms/cogsvc-vnet for more details."}"#, Signature::AzureNetworkRestricted),
        ("AZ-429-QUOTA", Some(429), "{'error': {'code': '429', 'message': 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2023-05-15 have exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after 86400 seconds. Please contact Azure support service if you would like to further increase the default rate limit.'}}", Signature::AzureQuota),
        ("AZ-429-RATE", Some(429), r#"{"error":{"code":"429","message": "Rate limit is exceeded. Try again in 2 seconds."}}"#, Signature::AzureRateLimit),
        ("APIM-MISSING", Some(401), r#"{ "statusCode": 401, "message": "Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API." }"#, Signature::ApimMissingKey),
        ("APIM-INVALID", Some(401), r#"{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }"#, Signature::ApimInvalidKey),
        ("APIM-EITHER", Some(401), r#"{ "statusCode": 401, "message": "Access denied due to a missing application credentials or subscription key. Make sure to include an application token or a subscription key when making requests to the API." }"#, Signature::ApimMissingCredentials),
        ("APIM-JWT", Some(401), r#"{"statusCode": 401, "message": "Invalid Token"}"#, Signature::ApimJwtRejected),
        ("OAI-KEY-INVALID", Some(401), r#"{ "error": { "message": "Incorrect API key provided: sk-abcde***************************************wxyz. You can find your API key at https://platform.openai.com/account/api-keys.", "type": "invalid_request_error", "param": null, "code": "invalid_api_key" } }"#, Signature::OpenAiInvalidKey),
        ("OAI-KEY-OPENROUTER", Some(401), "401 Incorrect API key provided: sk-or-v1*************************************************************abcd. You can find your API key at https://platform.openai.com/account/api-keys.", Signature::OpenAiInvalidKey),
        ("OAI-KEY-MISSING", Some(401), r#"{"error":{"message":"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.","type":"invalid_request_error","param":null,"code":null}}"#, Signature::OpenAiMissingKey),
        ("OAI-ORG", Some(401), "Error code: 401 - {'error': {'message': 'OpenAI-Organization header should match organization for API key', 'type': 'invalid_request_error', 'param': None, 'code': 'mismatched_organization'}}", Signature::OpenAiOrgMismatch),
        ("OAI-PROJECT", Some(401), r#"{"error":{"message":"OpenAI-Project header should match project for API key","type":"invalid_request_error","param":null,"code":"mismatched_project"}}"#, Signature::OpenAiProjectMismatch),
        ("OAI-NO-ORG", Some(401), "Error code: 401 - {'error': {'message': 'You must be a member of an organization to use the API. Please contact us through our help center at help.openai.com.', 'type': 'invalid_request_error', 'param': None, 'code': 'no_organization'}}", Signature::OpenAiNoOrganization),
        ("OAI-REGION", Some(403), r#"{"error":{"code":"unsupported_country_region_territory","message":"Country, region, or territory not supported","param":null,"type":"request_forbidden"}}"#, Signature::OpenAiRegion),
        ("OAI-QUOTA", Some(429), r#"{"error": {"message": "You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.", "type": "insufficient_quota", "param": null, "code": "insufficient_quota"}}"#, Signature::OpenAiQuota),
        ("OAI-SCOPES", Some(401), r#"{"error": {"message": "You have insufficient permissions for this operation. Missing scopes: model.request. Check that you have the correct role in your organization (Reader, Writer, Owner) and project (Member, Owner), and if you're using a restricted API key, that it has the necessary scopes."}}"#, Signature::OpenAiMissingScopes),
        ("ENTRA-DAC", None, "DefaultAzureCredential failed to retrieve a token from the included credentials.", Signature::DefaultCredentialFailed),
        ("ENTRA-MI-NOTFOUND", Some(400), r#"{"error":"invalid_request","error_description":"Identity not found"}"#, Signature::ManagedIdentityNotAssigned),
        ("ENTRA-SCOPE", Some(400), "AADSTS70011: The scope https://cognitiveservices.azure.com/ openid offline_access profile is not valid. …", Signature::EntraError),
        ("ENTRA-SECRET-ID", Some(401), "AADSTS7000215: Invalid client secret provided. Ensure the secret being sent in the request is the client secret value, not the client secret ID.", Signature::EntraError),
        ("ENTRA-RESOURCE", Some(400), "AADSTS500011: The resource principal named https://cognitiveservices.azure.us was not found in the tenant named …", Signature::EntraError),
    ];

    #[test]
    fn every_section_9_fixture_is_recognised_in_text_and_response() {
        for &(id, status, body, sig) in FIXTURES {
            let e = text(body);
            assert!(e.has(sig), "{id} as text: {:?}", sigs(&e));
            let h = e.hit(sig).unwrap();
            assert_eq!((h.field, h.line), (Field::ErrorText, Some(1)), "{id}");
            let r = response(status, &[], Some(body));
            let e = analyze(Some(&r), None);
            assert!(e.has(sig), "{id} as response: {:?}", sigs(&e));
            assert_eq!(e.hit(sig).unwrap().field, Field::Response);
            assert_eq!(e.status, status, "{id}");
            let row = sig.row().unwrap();
            let f = e.findings.iter().find(|f| f.id == row.id).unwrap();
            assert!(f.message.starts_with("The response: "), "{}", f.message);
            assert!(
                f.message.ends_with(&format!("({}).", row.section())),
                "{}",
                f.message
            );
        }
    }

    #[test]
    fn fixture_values_are_extracted() {
        let get = |id: &str| {
            FIXTURES
                .iter()
                .find(|f| f.0 == id)
                .map(|f| text(f.2))
                .unwrap()
        };
        assert_eq!(
            get("AZ-TOKEN").audience_in_message.as_deref(),
            Some("https://cognitiveservices.azure.com")
        );
        assert_eq!(
            get("AZ-TOKEN-SLASH").audience_in_message.as_deref(),
            Some("https://cognitiveservices.azure.com/")
        );
        let space = get("AZ-TOKEN-SPACE");
        assert_eq!(
            space.audience_in_message.as_deref(),
            Some("https://cognitiveservices.azure.com")
        );
        assert_eq!(
            (space.status, space.status_source),
            (Some(401), Some(StatusSource::SdkMessage))
        );
        let scoped = get("AZ-TOKEN-SCOPED");
        assert!(
            scoped.has(Signature::AzureTokenRejected),
            "the scoped variant is still A2"
        );
        assert_eq!(
            scoped.audience_in_message.as_deref(),
            Some("urn:ms.scopedToken or urn:ms.faceSessionToken")
        );
        assert_eq!(
            (scoped.status, scoped.status_source),
            (Some(401), Some(StatusSource::ReasonPhrase))
        );
        assert_eq!(
            get("OAI-SCOPES").missing_scopes.as_deref(),
            Some("model.request")
        );
        assert_eq!(get("AZ-429-QUOTA").retry_after, Some(86400));
        assert_eq!(get("AZ-429-RATE").retry_after, Some(2));
        assert_eq!(get("ENTRA-SCOPE").aadsts, vec![70011]);
        assert_eq!(get("ENTRA-SECRET-ID").aadsts, vec![7000215]);
        assert_eq!(get("ENTRA-RESOURCE").aadsts, vec![500011]);
        assert_eq!(
            get("OAI-ORG").body_code.as_deref(),
            Some("mismatched_organization")
        );
        assert_eq!(
            get("OAI-KEY-MISSING").body_code,
            None,
            "code null is no code"
        );
        assert_eq!(get("AZ-NET-VNET").body_code.as_deref(), Some("403"));
        assert_eq!(get("APIM-JWT").status, Some(401));
        assert_eq!(
            get("APIM-JWT").status_source,
            Some(StatusSource::BodyStatusCode)
        );
        assert!(get("AZ-DEPLOY-404").auth_proven());
        assert!(!get("AZ-KEY-INVALID").auth_proven());
    }

    #[test]
    fn tails_tell_similar_messages_apart() {
        let a1 = text(A1);
        assert!(a1.has(Signature::AzureInvalidKey) && !a1.has(Signature::ApimInvalidKey));
        let b2 = text(
            r#"{ "statusCode": 401, "message": "Access denied due to invalid subscription key. Make sure to provide a valid key for an active subscription." }"#,
        );
        assert!(b2.has(Signature::ApimInvalidKey) && !b2.has(Signature::AzureInvalidKey));
        let legacy = text(
            r#"{"error":{"code":"Unspecified","message":"Access denied due to invalid subscription key. Make sure you are subscribed to an API you are trying to call and provide the right key."}}"#,
        );
        assert!(legacy.has(Signature::ApimInvalidKey) && !legacy.has(Signature::AzureInvalidKey));
        let cut = text("Access denied due to invalid subscription key");
        assert!(cut.has(Signature::ApimInvalidKey));
        let a2 = text(A2);
        assert!(a2.has(Signature::AzureTokenRejected) && !a2.has(Signature::ApimJwtRejected));
        assert!(!a2.has(Signature::AzureScopedTokenRejected));
        for b4 in [
            r#"{"statusCode": 401, "message": "Unauthorized. Access token is missing or invalid."}"#,
            "{'statusCode': 401, 'message': 'Invalid Token'}",
        ] {
            let e = text(b4);
            assert!(
                e.has(Signature::ApimJwtRejected) && !e.has(Signature::AzureTokenRejected),
                "{b4}"
            );
        }
        // The default message for a missing token is its own signature: nothing reached
        // the policy, which is not the same as a token it judged and rejected.
        let absent = text(r#"{"statusCode": 401, "message": "JWT not present."}"#);
        assert!(
            absent.has(Signature::ApimJwtNotPresent) && !absent.has(Signature::ApimJwtRejected)
        );
        let no_url = text("401 Unauthorized. Access token is missing, invalid, audience is incorrect, or have expired.");
        assert!(no_url.has(Signature::AzureTokenRejected));
        assert_eq!(no_url.audience_in_message, None);
        let has = text("(None) Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or has expired.");
        assert!(has.has(Signature::AzureTokenRejected));
        // "Invalid Token" in prose is not the validate-jwt message.
        assert!(!text("jwt library: Invalid Token audience").has(Signature::ApimJwtRejected));
    }

    #[test]
    fn every_pattern_of_every_signature_is_found() {
        for row in SIGNATURES {
            for pat in row.patterns {
                let mut t = format!("x {} ", pat.text);
                if pat.digit_next {
                    t = format!("x {}70011 ", pat.text);
                }
                if let Some((then, _)) = pat.then {
                    t.push_str(then);
                }
                let e = text(&t);
                assert!(
                    e.has(row.signature),
                    "{:?}: {t:?} gave {:?}",
                    row.signature,
                    sigs(&e)
                );
            }
        }
    }

    #[test]
    fn quote_case_and_space_styles_do_not_matter() {
        for t in [
            "ACCESS DENIED DUE TO INVALID SUBSCRIPTION KEY OR WRONG API ENDPOINT",
            "Access  denied\tdue to invalid\nsubscription key or wrong API endpoint",
            "Access\u{00A0}denied due to invalid subscription\u{200B} key or wrong API endpoint",
            r#"{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint.\"}}"#,
        ] {
            assert!(text(t).has(Signature::AzureInvalidKey), "{t}");
        }
        let e = text("You didn\u{2019}t provide an API key.");
        assert!(e.has(Signature::OpenAiMissingKey));
        let e = text(r#"{\"error\":{\"code\":\"PermissionDenied\"}}"#);
        assert_eq!(e.body_code.as_deref(), Some("PermissionDenied"));
    }

    fn echo(t: &str) -> Option<KeyEcho> {
        let e = text(t);
        assert!(e.has(Signature::OpenAiInvalidKey), "{t}");
        e.echo
    }

    fn masked(prefix: &str, suffix: &str, length: usize) -> Option<KeyEcho> {
        Some(KeyEcho::Masked {
            prefix: prefix.into(),
            suffix: suffix.into(),
            length,
        })
    }

    #[test]
    fn openai_masked_echo() {
        let stars = |n| "*".repeat(n);
        let tail = ". You can find your API key at https://platform.openai.com/account/api-keys.";
        let cases = [
            (
                format!("sk-abcde{}wxyz", stars(39)),
                masked("sk-abcde", "wxyz", 51),
            ),
            (
                format!("sk-or-v1{}94f6", stars(61)),
                masked("sk-or-v1", "94f6", 73),
            ),
            (
                format!("sk-proj-{}MxYA", stars(160)),
                masked("sk-proj-", "MxYA", 172),
            ),
            (
                format!("https://{}lETQ", stars(40)),
                masked("https://", "lETQ", 52),
            ),
            (
                format!("You are {}tep.", stars(104)),
                masked("You are ", "tep.", 116),
            ),
            (
                format!("key_8Tjw{}rtUb", stars(4)),
                masked("key_8Tjw", "rtUb", 16),
            ),
            ("8kaL5ja$**oQnP".to_string(), masked("8kaL5ja$", "oQnP", 14)),
            (
                format!("237e6c24{}c066", stars(20)),
                masked("237e6c24", "c066", 32),
            ),
            (
                "undefined".to_string(),
                Some(KeyEcho::Literal("undefined".into())),
            ),
            ("None".to_string(), Some(KeyEcho::Literal("None".into()))),
            ("null".to_string(), Some(KeyEcho::Literal("null".into()))),
            (String::new(), Some(KeyEcho::Literal(String::new()))),
            ("''".to_string(), Some(KeyEcho::Literal(String::new()))),
        ];
        for (shown, want) in cases {
            let t = format!("Incorrect API key provided: {shown}{tail}");
            assert_eq!(echo(&t), want, "{t}");
            // The same echo in the Python rendering.
            let t = format!("Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: {shown}{tail}', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}}}");
            if !shown.contains('\'') {
                assert_eq!(echo(&t), want, "{t}");
            }
        }
        // A proxy that echoes the whole key: only what OpenAI would show is kept.
        let full = "sk-proj-abcdefghijklmnopqrstuvwxyz0123";
        assert_eq!(
            echo(&format!("Incorrect API key provided: {full}. You can")),
            masked("sk-proj-", "0123", full.len())
        );
    }

    #[test]
    fn echo_findings_never_show_eight_characters_of_the_key() {
        let e = text(&format!(
            "Incorrect API key provided: sk-abcde{}wxyz. You can",
            "*".repeat(39)
        ));
        let h = e.hit(Signature::OpenAiInvalidKey).unwrap();
        assert!(!h.excerpt.contains("sk-abcde"), "{}", h.excerpt);
        assert!(h.excerpt.contains("sk-a****"), "{}", h.excerpt);
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-openai-invalid-key")
            .unwrap();
        assert!(
            f.message.contains("51 characters") && !f.message.contains("sk-abcde"),
            "{}",
            f.message
        );
        let e = text("Error: 401 Incorrect API key provided: undefined. You can find your API key at https://platform.openai.com/account/api-keys.");
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-openai-invalid-key")
            .unwrap();
        assert!(f.message.contains("`undefined`"), "{}", f.message);
        assert_eq!(
            (e.status, e.status_source),
            (Some(401), Some(StatusSource::SdkMessage))
        );
    }

    #[test]
    fn aadsts_envelopes_and_lines() {
        let env = r#"{"error":"invalid_scope","error_description":"AADSTS70011: The provided value for the input parameter 'scope' is not valid. The scope https://cognitiveservices.azure.com/ openid offline_access profile is not valid.\r\nTrace ID: 0f4a8d2e-1111-2222-3333-444455556666\r\nCorrelation ID: 9c1e2f3a-1111-2222-3333-444455556666\r\nTimestamp: 2026-11-23 09:00:00Z","error_codes":[70011],"timestamp":"2026-11-23 09:00:00Z","trace_id":"0f4a8d2e-1111-2222-3333-444455556666","correlation_id":"9c1e2f3a-1111-2222-3333-444455556666","error_uri":"https://login.microsoftonline.com/error?code=70011"}"#;
        let e = text(env);
        assert_eq!(e.aadsts, vec![70011]);
        assert!(e.has(Signature::EntraError));
        assert!(e.rendered_as(Rendering::EntraEnvelope));
        let h = e.hit(Signature::EntraError).unwrap();
        assert!(
            h.excerpt.starts_with("AADSTS70011: The provided value"),
            "{}",
            h.excerpt
        );
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-entra-error")
            .unwrap();
        assert!(
            f.message.contains("AADSTS70011 InvalidScope") && f.message.contains("/.default"),
            "{}",
            f.message
        );

        let e = text(
            r#"{"error":"invalid_client","error_description":"Invalid client secret provided.","error_codes":[7000215, 7000222]}"#,
        );
        assert_eq!(
            e.aadsts,
            vec![7000215, 7000222],
            "codes from error_codes alone"
        );

        let e = text("azure.identity._exceptions.ClientAuthenticationError: Authentication failed: AADSTS7000215: Invalid client secret provided.\nthen AADSTS7000215 again, and AADSTS999999: unknown.");
        assert_eq!(e.aadsts, vec![7000215, 999999]);
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-entra-error")
            .unwrap();
        assert!(f.message.contains("error?code=999999"), "{}", f.message);
        assert!(text("the AADSTS prefix alone").aadsts.is_empty());
        assert!(!text("AADSTS: nothing").has(Signature::EntraError));
        for (code, _) in [(500011, ()), (90002, ()), (700024, ()), (50173, ())] {
            let e = text(&format!("AADSTS{code}: something"));
            assert_eq!(e.aadsts, vec![code]);
            assert!(aadsts::lookup(code).is_some());
        }
    }

    #[test]
    fn default_azure_credential_chain_python() {
        let t = "ClientAuthenticationError: DefaultAzureCredential failed to retrieve a token from the included credentials.\nAttempted credentials:\n\tEnvironmentCredential: EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\nVisit https://aka.ms/azsdk/python/identity/environmentcredential/troubleshoot to troubleshoot.this issue.\n\tManagedIdentityCredential: ManagedIdentityCredential authentication unavailable, no response from the IMDS endpoint.\n\tSharedTokenCacheCredential: SharedTokenCacheCredential authentication unavailable. No accounts were found in the cache.\n\tAzureCliCredential: Azure CLI not found on path\n\tAzurePowerShellCredential: PowerShell is not installed\n\tAzureDeveloperCliCredential: Azure Developer CLI could not be found.\nTo mitigate this issue, please refer to the troubleshooting guidelines here at https://aka.ms/azsdk/python/identity/defaultazurecredential/troubleshoot.";
        let e = text(t);
        let line = |s| e.hit(s).and_then(|h| h.line);
        assert_eq!(line(Signature::DefaultCredentialFailed), Some(1));
        assert_eq!(line(Signature::CredentialUnavailable), Some(3));
        assert_eq!(line(Signature::ManagedIdentityUnavailable), Some(5));
        assert!(e.rendered_as(Rendering::AzureIdentity));
        assert_eq!(e.status, None);
        assert!(!e.has(Signature::EntraError));
        assert!(e
            .hit(Signature::DefaultCredentialFailed)
            .unwrap()
            .excerpt
            .starts_with("DefaultAzureCredential failed"));
        let e = text("azure.identity._exceptions.CredentialUnavailableError: Please run 'az login' to set up an account");
        assert!(e.has(Signature::CredentialUnavailable));
    }

    #[test]
    fn default_azure_credential_chain_dotnet() {
        let t = "Unhandled exception. Azure.Identity.AuthenticationFailedException: DefaultAzureCredential failed to retrieve a token from the included credentials. See the troubleshooting guide for more information. https://aka.ms/azsdk/net/identity/defaultazurecredential/troubleshoot\n- EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\n- WorkloadIdentityCredential authentication unavailable. The workload options are not fully configured.\n- ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.\n- VisualStudioCredential authentication failed: Visual Studio Token provider can't be accessed\n- AzureCliCredential authentication failed: Azure CLI not installed\n   at Azure.Identity.DefaultAzureCredential.GetTokenImplAsync(...)";
        let e = text(t);
        assert_eq!(
            e.hit(Signature::DefaultCredentialFailed)
                .and_then(|h| h.line),
            Some(1)
        );
        assert_eq!(
            e.hit(Signature::ManagedIdentityUnavailable)
                .and_then(|h| h.line),
            Some(4)
        );
        assert_eq!(
            e.hit(Signature::CredentialUnavailable).unwrap().excerpt,
            "EnvironmentCredential authentication unavailable. Environment variables are not fully configured."
        );
        let e = text("Azure.Identity.CredentialUnavailableException: ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.");
        assert!(
            e.has(Signature::ManagedIdentityUnavailable) && e.has(Signature::CredentialUnavailable)
        );
    }

    #[test]
    fn managed_identity_errors() {
        let cases = [
            ("ManagedIdentityCredential authentication unavailable. The requested identity has not been assigned to this resource.\nStatus: 400 (Bad Request)\n\nContent:\n{\"error\":\"invalid_request\",\"error_description\":\"Identity not found\"}\n\nServer: IMDS/150.870.65.1015", Signature::ManagedIdentityNotAssigned),
            ("The requested identity hasn\u{2019}t been assigned to this resource.", Signature::ManagedIdentityNotAssigned),
            ("ImdsCredential.get_token failed: ManagedIdentityCredential authentication unavailable, no response from the IMDS endpoint.", Signature::ManagedIdentityUnavailable),
            ("No response received from the managed identity endpoint.", Signature::ManagedIdentityUnavailable),
            ("ManagedIdentityCredential authentication failed.(status code 404). IMDS: Failed to retrieve IMDS token after 3 retries.", Signature::ManagedIdentityUnavailable),
        ];
        for (t, sig) in cases {
            assert!(text(t).has(sig), "{t}");
        }
        let e = text(cases[0].0);
        assert_eq!((e.status, e.status_text_line), (Some(400), Some(2)));
        assert!(!text("identity not foundation").has(Signature::ManagedIdentityNotAssigned));
    }

    const CURL_I: &str = "$ curl -i https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21 -H \"api-key: $AZURE_OPENAI_API_KEY\"\nHTTP/2 401 \ncontent-length: 224\ncontent-type: application/json\napim-request-id: 6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24\nx-ms-region: East US\ndate: Mon, 23 Nov 2026 09:00:00 GMT\n\n{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.\"}}\n";

    #[test]
    fn curl_i_status_headers_date_and_body() {
        let e = text(CURL_I);
        assert_eq!(e.status, Some(401));
        assert_eq!(e.status_source, Some(StatusSource::StatusLine));
        assert_eq!(e.status_text_line, Some(2));
        assert_eq!(
            e.headers.get("apim-request-id").map(String::as_str),
            Some("6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24")
        );
        assert_eq!(
            e.headers.get("x-ms-region").map(String::as_str),
            Some("East US")
        );
        assert_eq!(
            e.headers.get("content-length").map(String::as_str),
            Some("224")
        );
        assert_eq!(e.when, Some(1_795_424_400));
        assert_eq!(e.when_source, Some(WhenSource::DateHeader));
        assert_eq!(
            e.hit(Signature::AzureInvalidKey).and_then(|h| h.line),
            Some(9)
        );
        assert!(e.rendered_as(Rendering::Curl));
        assert_eq!(e.body_code.as_deref(), Some("401"));
        assert!(e
            .findings
            .iter()
            .any(|f| f.id == "evidence-when" && f.message.contains("2026-11-23T09:00:00Z")));
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-azure-invalid-key")
            .unwrap();
        assert!(
            f.message
                .starts_with("Line 9: Azure OpenAI says the key is invalid"),
            "{}",
            f.message
        );
        // Redirects and 100 Continue: the last status line is the answer.
        let e = text("HTTP/1.1 100 Continue\n\nHTTP/1.1 301 Moved\nlocation: x\n\n< HTTP/1.1 401 Unauthorized\n< www-authenticate: Bearer\n<\n{}");
        assert_eq!((e.status, e.status_text_line), (Some(401), Some(6)));
        assert_eq!(
            e.headers.get("www-authenticate").map(String::as_str),
            Some("Bearer")
        );
        assert!(
            !e.headers.contains_key("location"),
            "headers of the last response only"
        );
    }

    const KEY: &str = "0123456789abcdef0123456789abcdef";
    const JWT: &str = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJodHRwczovL2NvZ25pdGl2ZXNlcnZpY2VzLmF6dXJlLmNvbSJ9.c2lnbmF0dXJlc2lnbmF0dXJlc2lnbmF0dXJl";

    fn assert_no_secret(e: &Evidence, secrets: &[&str]) {
        let mut shown: Vec<String> = e.hits.iter().map(|h| h.excerpt.clone()).collect();
        shown.extend(e.findings.iter().map(|f| f.message.clone()));
        shown.extend(e.headers.values().cloned());
        shown.extend(e.audience_in_message.clone());
        shown.extend(e.missing_scopes.clone());
        for s in secrets {
            for x in &shown {
                let found = crate::diag::test_support::leaks(s, x, 8);
                assert!(found.is_empty(), "{found:?} of a secret in {x:?}");
            }
        }
    }

    #[test]
    fn curl_v_request_headers_never_leak() {
        let t = format!("*   Trying 20.1.2.3:443...\n* Connected to contoso.openai.azure.com\n> POST /openai/deployments/chat/chat/completions?api-version=2024-10-21 HTTP/1.1\n> Host: contoso.openai.azure.com\n> api-key: {KEY}\n> Authorization: Bearer {JWT}\n> Ocp-Apim-Subscription-Key: {KEY}\n> Content-Type: application/json\n>\n< HTTP/1.1 401 Unauthorized\n< Content-Length: 224\n< apim-request-id: 6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24\n< Date: Mon, 23 Nov 2026 09:00:00 GMT\n<\n{A1}\n");
        let e = text(&t);
        assert!(e.has(Signature::AzureInvalidKey));
        assert_eq!((e.status, e.status_text_line), (Some(401), Some(10)));
        for k in [
            "api-key",
            "authorization",
            "ocp-apim-subscription-key",
            "host",
            "content-type",
        ] {
            assert!(!e.headers.contains_key(k), "request header {k} kept");
        }
        assert_eq!(e.when, Some(1_795_424_400));
        assert_no_secret(&e, &[KEY, JWT]);
        // Secrets on the same line as the message are masked in the excerpt.
        for t in [
            format!("Access denied due to invalid subscription key or wrong API endpoint. (sent api-key: {KEY}, Authorization: Bearer {JWT})"),
            format!("ERROR {{'api-key': '{KEY}'}} AuthenticationError: 401 Incorrect API key provided: {KEY}. You can find"),
            format!("401 Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired. token={JWT} key {KEY}"),
            format!("https://x.openai.azure.com/openai/deployments/d/chat?api-key={KEY} -> Error: Resource not found (api-key={KEY}, {KEY})"),
        ] {
            let e = text(&t);
            assert!(!e.hits.is_empty(), "{t}");
            assert_no_secret(&e, &[KEY, JWT]);
        }
        // Secret-bearing response headers are stored masked.
        let r = response(
            Some(401),
            &[("Api-Key", KEY), ("Set-Cookie", JWT)],
            Some(A1),
        );
        let e = analyze(Some(&r), None);
        assert_no_secret(&e, &[KEY, JWT]);
        assert!(e.headers.contains_key("api-key"));
    }

    #[test]
    fn dotnet_headers_section_is_read() {
        let t = &renderings(401, "PermissionDenied", A1)[2].1;
        let e = text(t);
        assert_eq!(
            e.headers.get("apim-request-id").map(String::as_str),
            Some("6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24")
        );
        assert_eq!(
            e.headers.get("content-length").map(String::as_str),
            Some("224")
        );
        assert_eq!(e.when, Some(1_795_424_400));
        assert_eq!(e.status_source, Some(StatusSource::SdkMessage));
        assert_eq!(e.status_text_line, Some(2));
    }

    #[test]
    fn status_sources() {
        let cases: &[(&str, u16, StatusSource)] = &[
            ("HTTP/1.1 401 Unauthorized", 401, Src::StatusLine),
            ("< HTTP/2 403", 403, Src::StatusLine),
            ("Error code: 404 - {'error': {'code': '404', 'message': 'Resource not found'}}", 404, Src::SdkMessage),
            ("Status: 401 (Unauthorized)", 401, Src::SdkMessage),
            ("AuthenticationError: 401 Incorrect API key provided: x", 401, Src::SdkMessage),
            ("Error: 401 status code (no body)", 401, Src::SdkMessage),
            ("PermissionError(message='Access denied due to Virtual Network/Firewall rules.', http_status=403)", 403, Src::SdkMessage),
            ("Response status code does not indicate success: 401 (Unauthorized).", 401, Src::SdkMessage),
            ("Status code 403 Key based authentication is disabled for this resource.", 403, Src::SdkMessage),
            (r#"{"statusCode":401,"message":"x"}"#, 401, Src::BodyStatusCode),
            ("401 Unauthorized", 401, Src::ReasonPhrase),
            ("the gateway said 429 (Too Many Requests)", 429, Src::ReasonPhrase),
            (r#"{"error":{"code":"403","message":"x"}}"#, 403, Src::BodyCode),
            ("openai.error.AuthenticationError: Access denied", 401, Src::ErrorClass),
            ("litellm.RateLimitError: AzureException RateLimitError - x", 429, Src::ErrorClass),
            ("HTTP/1.1 401 Unauthorized\n\n{\"error\":{\"code\":\"403\"}}", 401, Src::StatusLine),
        ];
        for &(t, code, src) in cases {
            let e = text(t);
            assert_eq!((e.status, e.status_source), (Some(code), Some(src)), "{t}");
            assert_eq!(e.status_field, Some(Field::ErrorText));
        }
        for t in [
            "Error: 2023-05-15 is old",
            "code 4011 here",
            "ClientAuthenticationError: nope",
            "https://x/401/y",
            r#"{"error":{"code":401001}}"#,
        ] {
            assert_eq!(text(t).status, None, "{t}");
        }
        let e = text("401 status code (no body)");
        assert!(e.has(Signature::SdkNoBody) && e.rendered_as(Rendering::OpenAiNode));
        assert_eq!(e.status, Some(401));
    }

    #[test]
    fn response_status_wins_and_conflicts_are_noted() {
        let r = response(Some(403), &[], Some(A1));
        let e = analyze(Some(&r), Some("Error code: 401 - {}"));
        assert_eq!(
            (e.status, e.status_field, e.status_source),
            (Some(403), Some(Field::Response), Some(Src::Response))
        );
        assert!(e
            .findings
            .iter()
            .any(|f| f.id == "evidence-status-conflict"));
        let r = response(None, &[], Some(A2));
        let e = analyze(Some(&r), None);
        assert_eq!(
            (e.status, e.status_field, e.status_source),
            (Some(401), Some(Field::Response), Some(Src::BodyStatusCode))
        );
    }

    #[test]
    fn empty_response_bodies() {
        let r = response(
            Some(401),
            &[("Content-Length", "224"), ("apim-request-id", "x")],
            None,
        );
        let e = analyze(Some(&r), None);
        assert!(e.hits.is_empty());
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-no-body")
            .unwrap();
        assert!(
            f.message.contains("224") && f.message.contains("(A1)"),
            "{}",
            f.message
        );
        assert_eq!(
            e.headers.get("content-length").map(String::as_str),
            Some("224")
        );
        let r = response(Some(401), &[], Some("  \n"));
        let e = analyze(Some(&r), None);
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-no-body")
            .unwrap();
        assert!(!f.message.contains("224"));
        assert!(!e
            .findings
            .iter()
            .any(|f| f.id == "evidence-status-unexplained"));
    }

    #[test]
    fn unexplained_status_and_unrecognised_text() {
        let e = text("HTTP/1.1 401 Unauthorized\n\n<html>nope</html>");
        let f = e
            .findings
            .iter()
            .find(|f| f.id == "evidence-status-unexplained")
            .unwrap();
        assert_eq!(
            f.message,
            "Status 401 from the status line but no recognisable message."
        );
        assert_eq!(f.severity, Severity::Warning);
        let e = text("something went wrong");
        assert!(e.findings.iter().any(|f| f.id == "evidence-unrecognised"));
        assert!(!e.observed());
    }

    #[test]
    fn success_and_validation_errors_prove_auth() {
        let r = response(
            Some(200),
            &[("Date", "Mon, 23 Nov 2026 09:00:00 GMT")],
            Some(r#"{"object":"list"}"#),
        );
        let e = analyze(Some(&r), None);
        assert_eq!(sigs(&e), vec![Signature::Success]);
        assert!(e.auth_proven());
        assert_eq!(
            (e.when, e.when_source),
            (Some(1_795_424_400), Some(WhenSource::DateHeader))
        );
        assert!(e
            .findings
            .iter()
            .any(|f| f.id == "evidence-success" && f.severity == Severity::Ok));
        let e = text("HTTP/1.1 200 OK\ncontent-type: application/json\n\n{}");
        assert_eq!(sigs(&e), vec![Signature::Success]);
        assert_eq!(e.hit(Signature::Success).unwrap().line, Some(1));
        let v400 = [
            "Error code: 400 - {'error': {'message': \"'messages' is a required property\", 'type': 'invalid_request_error', 'param': None, 'code': None}}",
            r#"{"error":{"message":"Invalid value for 'temperature'","type":"invalid_request_error","param":"temperature","code":"invalid_value"}}"#,
            "HTTP/1.1 400 Bad Request\n\n{\"error\":{\"message\":\"Unrecognized request argument supplied: foo\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
        ];
        for t in v400 {
            let e = text(t);
            assert_eq!(sigs(&e), vec![Signature::ValidationError], "{t}");
            assert!(e.auth_proven());
        }
        // Not a validation error: auth or api-version messages, or another status.
        for t in [
            r#"{"error":{"code":"BadRequest","message":"API version not supported","param":"api-version"}}"#,
            "HTTP/1.1 429 Too Many Requests\n\n{\"error\":{\"message\":\"x\",\"param\":\"y\"}}",
            C1,
        ] {
            assert!(!text(t).has(Signature::ValidationError), "{t}");
        }
    }

    #[test]
    fn when_from_log_timestamps() {
        let t = format!("2026-11-23T08:59:58Z INFO starting\n[2026-11-23T09:00:00.123+00:00] ERROR openai.AuthenticationError: Error code: 401 - {}\n2026-11-23T09:05:00Z INFO retrying\n", py(&serde_json::from_str(A1).unwrap()));
        let e = text(&t);
        assert_eq!(
            (e.when, e.when_source),
            (Some(1_795_424_400), Some(WhenSource::LogTimestamp))
        );
        let e = text("2026-11-23T08:00:00Z start\n2026-11-23T09:00:00Z nothing known here\n");
        assert_eq!(e.when, Some(1_795_424_400), "no error: the last timestamp");
        let e = text("2026-11-23 09:00:00,123 ERROR Error code: 401 - {}");
        assert_eq!(e.when, None, "a timestamp without a zone is not guessed");
        let e = analyze(
            Some(&response(
                Some(401),
                &[("date", "Mon, 23 Nov 2026 10:00:00 GMT")],
                Some(A1),
            )),
            Some("2026-11-23T09:00:00Z x"),
        );
        assert_eq!(
            (e.when, e.when_source),
            (Some(1_795_428_000), Some(WhenSource::DateHeader))
        );
    }

    #[test]
    fn browser_failures() {
        let r = ObservedResponse {
            failure: Some(BrowserFailure::Network),
            ..ObservedResponse::default()
        };
        let e = analyze(Some(&r), None);
        assert_eq!(e.failure, Some(BrowserFailure::Network));
        assert!(e.hits.is_empty() && e.status.is_none() && e.observed());
        assert!(e
            .findings
            .iter()
            .any(|f| f.id == "evidence-browser-failure"));
        let e = text("Uncaught (in promise) TypeError: Failed to fetch");
        assert!(e.has(Signature::BrowserFailedToFetch) && e.rendered_as(Rendering::BrowserConsole));
        let e = text("Access to fetch at 'https://contoso.openai.azure.com/openai/deployments/x/chat/completions?api-version=2024-10-21' from origin 'http://localhost:8080' has been blocked by CORS policy: No 'Access-Control-Allow-Origin' header is present on the requested resource.");
        assert!(e.has(Signature::BrowserCors));
        assert!(!e.has(Signature::BrowserFailedToFetch));
        let e = text("Cross-Origin Request Blocked: The Same Origin Policy disallows reading the remote resource at https://api.openai.com/v1/chat/completions. (Reason: CORS header \u{201C}Access-Control-Allow-Origin\u{201D} missing). Status code: 404.");
        assert!(e.has(Signature::BrowserCors));
        assert_eq!(e.status, Some(404));
        assert!(!text("the data was fetched").has(Signature::BrowserFailedToFetch));
    }

    #[test]
    fn sdk_client_side_messages() {
        let cases = [
            ("openai.OpenAIError: Missing credentials. Please pass one of `api_key`, `azure_ad_token`, `azure_ad_token_provider`, or the `AZURE_OPENAI_API_KEY` or `AZURE_OPENAI_AD_TOKEN` environment variables.", Signature::SdkMissingCredentials),
            ("The api_key client option must be set either by passing api_key to the client or by setting the OPENAI_API_KEY environment variable", Signature::SdkMissingCredentials),
            ("ValueError: Must provide either the `api_version` argument or the `OPENAI_API_VERSION` environment variable", Signature::SdkMissingApiVersion),
            ("Error: The OPENAI_API_VERSION environment variable is missing or empty; either provide it, or instantiate the AzureOpenAI client with an apiVersion option", Signature::SdkMissingApiVersion),
            ("ValueError: Must provide one of the `base_url` or `azure_endpoint` arguments, or the `AZURE_OPENAI_ENDPOINT` environment variable", Signature::SdkMissingEndpoint),
            ("TypeError: \"Could not resolve authentication method. Expected either api_key, azure_ad_token or azure_ad_token_provider to be set.\"", Signature::SdkCouldNotResolveAuth),
            ("ValueError: Expected `azure_ad_token_provider` argument to return a non-empty string.", Signature::SdkTokenProviderNotString),
            ("MutuallyExclusiveAuthError: The `api_key`, `azure_ad_token` and `azure_ad_token_provider` arguments are mutually exclusive; Only one can be passed at a time", Signature::SdkConflictingCredentials),
            ("Unsupported OpenAI-Version header provided: 2023-03-15-preview. (HINT: you can provide any of the following supported versions: 2020-10-01, 2020-11-07.", Signature::OpenAiVersionHeader),
            ("Admin API keys cannot be used for non-administration endpoints.", Signature::OpenAiAdminKeyUsed),
            ("Error code: 404 - {'error': {'message': 'The model `gpt-5` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}", Signature::OpenAiModelNotFound),
            (r#"{"error":{"code":401001,"message":"The request is not authorized because credentials are missing or invalid."}}"#, Signature::AzureSubscriptionKeyHeaderMissing),
            ("400 (Missing Authorization header)", Signature::AzureMissingAuthorizationHeader),
            (r#"{"error":{"code":"InvalidAuthenticationTokenAudience","message":"The access token has been obtained for wrong audience or resource 'api://x'."}}"#, Signature::ArmWrongAudience),
        ];
        for (t, sig) in cases {
            let e = text(t);
            assert!(e.has(sig), "{t}: {:?}", sigs(&e));
        }
        assert!(!text("baseURL and endpoint are mutually exclusive")
            .has(Signature::SdkConflictingCredentials));
        assert_eq!(text(cases[11].0).body_code.as_deref(), Some("401001"));
    }

    /// A small deterministic generator for garbage.
    fn garbage(seed: u64, len: usize) -> String {
        let mut x = seed | 1;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                (x >> 24) as u8
            })
            .collect();
        String::from_utf8_lossy(&bytes).into_owned()
    }

    fn check_shape(e: &Evidence) {
        for h in &e.hits {
            assert!(h.excerpt.chars().count() <= 200, "{}", h.excerpt);
        }
        for f in &e.findings {
            assert!(f.id.starts_with("evidence-"), "{}", f.id);
        }
        assert!(e.aadsts.len() <= MAX_AADSTS && e.headers.len() <= MAX_HEADERS);
    }

    #[test]
    fn garbage_and_edge_cases_do_not_panic() {
        let mut inputs: Vec<String> = (0..40).map(|s| garbage(s, 5000)).collect();
        inputs.extend(
            [
                "Incorrect API key provided:",
                "Incorrect API key provided: ",
                "Incorrect API key provided: ****",
                "Incorrect API key provided: ab**",
                "audience is incorrect (",
                "audience is incorrect ()",
                "Missing scopes:",
                "Missing scopes: .",
                "AADSTS",
                "AADSTS99999999999999999999",
                "'error_codes':[",
                "'error_codes':[1,2,",
                "'code':",
                "'code':'",
                "{'",
                "HTTP/",
                "HTTP/1.1 ",
                "HTTP/1.1 999 x",
                "Error code:",
                "Status: 4",
                "\\",
                "\\u",
                "\\u00",
                "\\uD800\\uDC00 \\u0000",
                "İİİ ǅ ß ﬃ \u{10FFFF} ",
                "\u{0}\u{1}\u{7f}\r\r\n\n",
                "message: '",
                "message\": \"",
                "retry after 99999999999999999999 seconds",
                "The model ",
                "> api-key:",
                "api-key: ''",
                "Authorization: Bearer",
            ]
            .iter()
            .map(|s| s.to_string()),
        );
        let fragments = [
            "İ",
            "\\\"",
            "'",
            "**",
            "aadsts7",
            "incorrect api key provided: ",
            "{'error':",
            "HTTP/1.1 401 \n",
            "message: '",
        ];
        for (i, f) in fragments.iter().enumerate() {
            inputs.push(f.repeat(2000 + i));
            inputs.push(format!("{}{A1}{}", f.repeat(100), f.repeat(100)));
        }
        inputs.push("\\".repeat(200_000));
        inputs.push("*".repeat(200_000));
        inputs.push(format!(
            "Incorrect API key provided: {}",
            "*".repeat(10_000)
        ));
        for t in &inputs {
            let e = text(t);
            check_shape(&e);
            let r = response(Some(401), &[("x", t.as_str())], Some(t));
            check_shape(&analyze(Some(&r), Some(t)));
        }
        assert!(text(&format!("{}{A1}{}", "İ".repeat(100), "İ".repeat(100)))
            .has(Signature::AzureInvalidKey));
    }

    #[test]
    fn one_megabyte_inputs() {
        let noise = "2026-11-23 09:00:01 INFO httpx: HTTP Request: POST https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21 \"HTTP/1.1 200 OK\"\n";
        let mut big = String::new();
        while big.len() < (1 << 20) {
            big.push_str(noise);
        }
        let lines = big.matches('\n').count();
        big.push_str("openai.AuthenticationError: Error code: 401 - {'error': {'code': '401', 'message': 'Access denied due to invalid subscription key or wrong API endpoint.'}}\n");
        let e = text(&big);
        assert!(e.has(Signature::AzureInvalidKey));
        assert_eq!(
            e.hit(Signature::AzureInvalidKey).unwrap().line,
            Some(lines + 1)
        );
        assert_eq!(
            (e.status, e.status_source),
            (Some(401), Some(Src::SdkMessage))
        );
        // One line of 1 MB with the message in the middle.
        let half = "x".repeat(1 << 19);
        let e = text(&format!("{half} {A2} {half}"));
        assert!(e.has(Signature::AzureTokenRejected));
        assert!(e.hit(Signature::AzureTokenRejected).unwrap().excerpt.len() <= 800);
        // The same message 10 000 times: one hit, bounded work.
        let e = text(&format!("{A1}\n").repeat(10_000));
        assert_eq!(sigs(&e), vec![Signature::AzureInvalidKey]);
        // Over the read limit: the end is read, with true line numbers.
        let mut huge = noise.repeat((MAX_TEXT / noise.len()) + 1000);
        let n = huge.matches('\n').count();
        huge.push_str(A1);
        let e = text(&huge);
        assert_eq!(e.hit(Signature::AzureInvalidKey).unwrap().line, Some(n + 1));
        assert!(e.findings.iter().any(|f| f.id == "evidence-truncated"));
    }

    #[test]
    fn hits_are_in_order_of_appearance() {
        let t = format!("{C2}\n{A4}\n{A1}");
        let e = text(&t);
        assert_eq!(
            sigs(&e),
            vec![
                Signature::OpenAiMissingKey,
                Signature::AzurePermissionDenied,
                Signature::AzureInvalidKey
            ]
        );
        let lines: Vec<_> = e.hits.iter().map(|h| h.line).collect();
        assert_eq!(lines, vec![Some(1), Some(2), Some(3)]);
        let r = response(Some(401), &[], Some(A2));
        let e = analyze(Some(&r), Some(A1));
        assert_eq!(
            sigs(&e),
            vec![Signature::AzureTokenRejected, Signature::AzureInvalidKey]
        );
        assert_eq!(e.hits[0].field, Field::Response);
    }

    mod props {
        use super::*;
        use proptest::prelude::*;

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(64))]

            #[test]
            fn any_text_is_read_without_panic(s in any::<String>(), t in "[ -~\\n\\t'\"{}:*\\\\]{0,400}") {
                check_shape(&text(&s));
                check_shape(&text(&t));
                check_shape(&text(&format!("{t}{A1}{s}")));
            }

            #[test]
            fn planted_secrets_never_reach_excerpts(
                key in "[0-9a-f]{32}",
                before in "[ -~]{0,80}",
                header in prop::sample::select(vec!["api-key: ", "Authorization: Bearer ", "Ocp-Apim-Subscription-Key: ", "'api-key': '", "api-key=", " "]),
                body in prop::sample::select(vec![A1, A2, A4, C1, C2, B1]),
            ) {
                let t = format!("{before}{header}{key} {body} {header}{key}\n> {header}{key}\n{body}");
                let e = text(&t);
                prop_assert!(!e.hits.is_empty());
                assert_no_secret(&e, &[&key]);
            }
        }
    }
}
