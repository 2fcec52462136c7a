//! Decoding an Entra ID token without verifying it (`auth-failures.md` §3.5), and
//! reading a pasted JSON object that holds one (`az account get-access-token`, a token
//! response). Judging the decoded claims is [`token`](super::token)'s job.
//!
//! Nothing here fetches anything: no JWKS, no issuer metadata. The signature is never
//! verified, so everything is named `unverified`.
//!
//! Decoding keeps going as far as it can: when the header decodes but the payload is
//! cut, the header is kept and the error says where it broke. Messages never quote the
//! token; decoded claims are shown as text, cut short and with control characters
//! replaced (`security-notes.md` §2.5).
//!
//! ```
//! use doctor401::diag::read::jwt::{decode_unverified, JwtError};
//! // {"alg":"RSA-OAEP"} and four more parts: an encrypted token.
//! let err = decode_unverified("eyJhbGciOiJSU0EtT0FFUCJ9.a.b.c.d").unwrap_err();
//! assert_eq!(err, JwtError::SegmentCount { found: 5 });
//! assert!(err.to_string().contains("encrypted token (JWE)"));
//! ```

use crate::diag::known::chars::is_invisible;
use crate::diag::known::key_shapes::JWT_PREFIX;
use base64::alphabet;
use base64::engine::{DecodePaddingMode, GeneralPurpose, GeneralPurposeConfig};
use base64::{DecodeError, Engine};
use serde_json::{Map, Value};
use std::fmt;

/// A JWT part.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Segment {
    /// The first part.
    Header,
    /// The second part.
    Payload,
    /// The third part.
    Signature,
}

impl fmt::Display for Segment {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Segment::Header => "header",
            Segment::Payload => "payload",
            Segment::Signature => "signature",
        })
    }
}

/// Why a token could not be decoded (fully). `Display` is a sentence for people and
/// never quotes the token.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum JwtError {
    /// Nothing to decode.
    Empty,
    /// Not dot-separated parts at all.
    NotAJwt,
    /// The wrong number of parts; 5 means an encrypted token (JWE).
    SegmentCount {
        /// How many parts were found.
        found: usize,
    },
    /// A part is not base64url; `offset` is the character index inside that part
    /// (0-based; `Display` counts from 1).
    Base64 {
        /// Which part.
        segment: Segment,
        /// Where in the part.
        offset: usize,
    },
    /// A part decodes but is not JSON (or is cut short).
    NotJson {
        /// Which part.
        segment: Segment,
    },
    /// A part is JSON but not an object.
    NotObject {
        /// Which part.
        segment: Segment,
    },
    /// The signature part is empty or clearly cut short.
    MissingSignature,
    /// A part decodes to bytes that are not UTF-8 text.
    NotUtf8 {
        /// Which part.
        segment: Segment,
    },
    /// A part ends in the middle (its JSON or its base64 stops short): the token was cut.
    Truncated {
        /// Which part.
        segment: Segment,
    },
    /// A part is empty (two dots in a row, or a dot at the start).
    EmptyPart {
        /// Which part.
        segment: Segment,
    },
}

impl fmt::Display for JwtError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            JwtError::Empty => f.write_str("There is no token to decode."),
            JwtError::NotAJwt => f.write_str(
                "This is not a JWT: an Entra ID token has three parts separated by dots, and the \
                 first starts with eyJ.",
            ),
            JwtError::SegmentCount { found: 5 } => f.write_str(
                "The token has 5 parts: this is an encrypted token (JWE), which cannot be read \
                 and is not an access token for Azure OpenAI.",
            ),
            JwtError::SegmentCount { found: 1 } => f.write_str(
                "The token has only 1 part (no dots), where a JWT has 3: only its beginning was \
                 copied, or the rest was cut off.",
            ),
            JwtError::SegmentCount { found } => write!(
                f,
                "The token has {found} parts separated by dots, where a JWT has exactly 3."
            ),
            JwtError::Base64 { segment, offset } => write!(
                f,
                "The {segment} is not base64url at character {}: a JWT part holds only letters, \
                 digits, - and _.",
                offset.saturating_add(1)
            ),
            JwtError::NotJson { segment } => {
                write!(f, "The {segment} decodes, but not to JSON.")
            }
            JwtError::NotObject { segment } => {
                write!(f, "The {segment} is JSON, but not an object ({{…}}).")
            }
            JwtError::MissingSignature => f.write_str(
                "The signature (the third part) is missing or cut short: the token was not copied \
                 whole.",
            ),
            JwtError::NotUtf8 { segment } => write!(
                f,
                "The {segment} decodes to bytes that are not text (UTF-8), so it is not JSON."
            ),
            JwtError::Truncated { segment } => write!(
                f,
                "The {segment} ends in the middle: the token was cut short."
            ),
            JwtError::EmptyPart { segment } => write!(f, "The {segment} part is empty."),
        }
    }
}

impl std::error::Error for JwtError {}

/// A token decoded without verification. Holds header and payload only; the signature
/// is dropped on purpose so it can never be shown or copied.
#[derive(Clone, Debug, PartialEq)]
pub struct UnverifiedJwt {
    /// The header object.
    pub header: Map<String, Value>,
    /// The payload (claims) object; empty when only the header decoded.
    pub claims: Map<String, Value>,
    /// Length in characters of the signature part (0 when missing).
    pub signature_len: usize,
}

/// base64url, with or without padding, tolerant of non-zero trailing bits.
const B64: GeneralPurpose = GeneralPurpose::new(
    &alphabet::URL_SAFE,
    GeneralPurposeConfig::new()
        .with_encode_padding(false)
        .with_decode_padding_mode(DecodePaddingMode::RequireNone)
        .with_decode_allow_trailing_bits(true),
);

/// What decoding found besides the result.
#[derive(Clone, Debug, Default)]
pub(crate) struct Quirks {
    /// `=` padding was stripped.
    pub(crate) padding: bool,
    /// `+` or `/` (standard base64) were read as `-` and `_`.
    pub(crate) standard_alphabet: bool,
}

/// As far as decoding got.
#[derive(Clone, Debug)]
pub(crate) struct Decoded {
    pub(crate) jwt: Option<UnverifiedJwt>,
    pub(crate) error: Option<JwtError>,
    pub(crate) quirks: Quirks,
    pub(crate) parts: usize,
    pub(crate) alg: Option<String>,
}

/// True for text shaped like a JWT: three base64url parts (padding allowed), the first
/// starting `eyJ`. Says nothing of whether it decodes; [`decode_unverified`] does.
pub fn looks_like_jwt(s: &str) -> bool {
    let s = s.trim();
    s.starts_with(JWT_PREFIX)
        && s.split('.').count() == 3
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b'='))
}

/// Decodes a JWT's header and payload without verifying the signature.
///
/// Tolerates `=` padding and standard-base64 `+` `/` (the token analysis reports them).
///
/// # Errors
/// A [`JwtError`] saying which part broke and where.
pub fn decode_unverified(token: &str) -> Result<UnverifiedJwt, JwtError> {
    let d = decode_lenient(token);
    match (d.error, d.jwt) {
        (Some(e), _) => Err(e),
        (None, Some(jwt)) => Ok(jwt),
        (None, None) => Err(JwtError::NotAJwt),
    }
}

fn decode_segment(
    seg: &str,
    which: Segment,
    quirks: &mut Quirks,
) -> Result<Map<String, Value>, JwtError> {
    if seg.is_empty() {
        return Err(JwtError::EmptyPart { segment: which });
    }
    let body = seg.trim_end_matches('=');
    if body.len() != seg.len() {
        quirks.padding = true;
    }
    let mut buf = String::with_capacity(body.len());
    for (i, c) in body.chars().enumerate() {
        match c {
            'A'..='Z' | 'a'..='z' | '0'..='9' | '-' | '_' => buf.push(c),
            '+' => {
                quirks.standard_alphabet = true;
                buf.push('-');
            }
            '/' => {
                quirks.standard_alphabet = true;
                buf.push('_');
            }
            _ => {
                return Err(JwtError::Base64 {
                    segment: which,
                    offset: i,
                })
            }
        }
    }
    // A length of 4k+1 cannot be base64: one character too many or (far more often) the
    // part was cut. Decode what there is and let the JSON say which.
    let stray = buf.len() % 4 == 1;
    if stray {
        buf.pop();
    }
    let bytes = B64.decode(buf.as_bytes()).map_err(|e| match e {
        DecodeError::InvalidByte(offset, _) => JwtError::Base64 {
            segment: which,
            offset,
        },
        _ => JwtError::Truncated { segment: which },
    })?;
    let text = std::str::from_utf8(&bytes).map_err(|e| match e.error_len() {
        None => JwtError::Truncated { segment: which },
        Some(_) => JwtError::NotUtf8 { segment: which },
    })?;
    let value: Value = serde_json::from_str(text).map_err(|e| {
        if e.is_eof() {
            JwtError::Truncated { segment: which }
        } else {
            JwtError::NotJson { segment: which }
        }
    })?;
    match value {
        Value::Object(m) if !stray => Ok(m),
        Value::Object(_) => Err(JwtError::Base64 {
            segment: which,
            offset: buf.len(),
        }),
        _ => Err(JwtError::NotObject { segment: which }),
    }
}

/// The length of a whole signature for an algorithm, in base64url characters. RSA
/// assumes 2048-bit keys, which Entra ID uses (derived).
fn expected_signature_len(alg: &str) -> Option<usize> {
    Some(match alg {
        "RS256" | "RS384" | "RS512" | "PS256" | "PS384" | "PS512" => 342,
        "ES256" | "EdDSA" | "HS512" => 86,
        "ES384" => 128,
        "ES512" => 176,
        "HS256" => 43,
        "HS384" => 64,
        _ => return None,
    })
}

pub(crate) fn decode_lenient(token: &str) -> Decoded {
    let mut d = Decoded {
        jwt: None,
        error: None,
        quirks: Quirks::default(),
        parts: 0,
        alg: None,
    };
    let t = token.trim();
    if t.is_empty() {
        d.error = Some(JwtError::Empty);
        return d;
    }
    let parts: Vec<&str> = t.split('.').collect();
    let n = parts.len();
    d.parts = n;
    let looks_jwt = t.starts_with("ey");
    let first = parts.first().copied().unwrap_or("");
    let header = match decode_segment(first, Segment::Header, &mut d.quirks) {
        Ok(h) => h,
        Err(e) => {
            d.error = Some(if !looks_jwt || n == 1 && !t.starts_with("eyJ") {
                JwtError::NotAJwt
            } else if n == 5 || n == 1 {
                JwtError::SegmentCount { found: n }
            } else {
                e
            });
            return d;
        }
    };
    d.alg = header
        .get("alg")
        .and_then(Value::as_str)
        .map(str::to_string);
    let mut jwt = UnverifiedJwt {
        header,
        claims: Map::new(),
        signature_len: 0,
    };
    if n == 1 || n == 5 {
        d.jwt = Some(jwt);
        d.error = Some(JwtError::SegmentCount { found: n });
        return d;
    }
    let payload = parts.get(1).copied().unwrap_or("");
    match decode_segment(payload, Segment::Payload, &mut d.quirks) {
        Ok(claims) => jwt.claims = claims,
        Err(e) => {
            d.jwt = Some(jwt);
            d.error = Some(if n == 2 || n == 3 {
                e
            } else {
                JwtError::SegmentCount { found: n }
            });
            return d;
        }
    }
    if n != 3 {
        d.jwt = Some(jwt);
        d.error = Some(if n == 2 {
            JwtError::MissingSignature
        } else {
            JwtError::SegmentCount { found: n }
        });
        return d;
    }
    let sig = parts.get(2).copied().unwrap_or("");
    let sig_body = sig.trim_end_matches('=');
    if sig_body.len() != sig.len() {
        d.quirks.padding = true;
    }
    jwt.signature_len = sig_body.chars().count();
    let bad = sig_body
        .chars()
        .enumerate()
        .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '+' | '/')));
    if sig_body.contains(['+', '/']) {
        d.quirks.standard_alphabet = true;
    }
    let unsigned = d
        .alg
        .as_deref()
        .is_some_and(|a| a.eq_ignore_ascii_case("none"));
    d.error = if let Some((offset, _)) = bad {
        Some(JwtError::Base64 {
            segment: Segment::Signature,
            offset,
        })
    } else if (sig_body.is_empty() && !unsigned)
        || d.alg
            .as_deref()
            .and_then(expected_signature_len)
            .is_some_and(|want| jwt.signature_len < want)
    {
        // Empty, or shorter than any whole signature of the named algorithm.
        Some(JwtError::MissingSignature)
    } else if sig_body.len() % 4 == 1 {
        Some(JwtError::Truncated {
            segment: Segment::Signature,
        })
    } else {
        None
    };
    d.jwt = Some(jwt);
    d
}

/// Why a JWT-shaped value looks cut short, as a sentence, or `None` when it does not.
/// Used by the credential check, which has no other way to see inside a token.
pub(crate) fn truncation(token: &str) -> Option<String> {
    let d = decode_lenient(token);
    match d.error.clone()? {
        JwtError::MissingSignature => Some(format!("Looks cut short: {}", signature_problem(&d))),
        JwtError::SegmentCount { found: 1 } => Some(
            "Looks cut short: only the first part of a JWT (no dots), where a token has three."
                .to_string(),
        ),
        JwtError::Truncated { segment } => Some(format!(
            "Looks cut short: the {segment} of the token ends in the middle."
        )),
        _ => None,
    }
}

/// What is wrong with the signature part, for a [`JwtError::MissingSignature`].
pub(crate) fn signature_problem(d: &Decoded) -> String {
    let len = d.jwt.as_ref().map_or(0, |j| j.signature_len);
    if d.parts == 2 {
        return "it has 2 parts; the third part, the signature, is missing.".into();
    }
    match (
        len,
        d.alg
            .as_deref()
            .and_then(|a| expected_signature_len(a).map(|w| (a, w))),
    ) {
        (0, _) => "the signature (the third part) is empty.".into(),
        (len, Some((alg, want))) => format!(
            "the signature has {len} characters where an {} signature has {want}.",
            display(alg, 16)
        ),
        (len, None) => format!("the signature has only {len} characters."),
    }
}

/// A claim as text for a message: at most `max` characters, control, invisible and
/// direction characters replaced, so a claim cannot spoof or hide text.
pub(crate) fn display(s: &str, max: usize) -> String {
    let mut out = String::new();
    for (i, c) in s.chars().enumerate() {
        if i >= max {
            out.push('…');
            break;
        }
        let hidden = c.is_control() || is_invisible(c);
        out.push(if hidden { '\u{FFFD}' } else { c });
    }
    out
}

/// What `az account get-access-token` printed besides the token, when its JSON was pasted.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AzCliOutput {
    /// `expiresOn` as printed.
    pub expires_on: Option<String>,
    /// `tenant`.
    pub tenant: Option<String>,
    /// `subscription`.
    pub subscription: Option<String>,
}

/// Where a pasted JSON object came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum JsonSource {
    /// `az account get-access-token` (`accessToken`, `expiresOn`, `tenant`).
    AzCli,
    /// An OAuth token response (`access_token`, maybe `id_token`).
    TokenResponse,
    /// Something else.
    Other,
}

impl JsonSource {
    pub(crate) fn describe(self) -> &'static str {
        match self {
            JsonSource::AzCli => "printed by az account get-access-token",
            JsonSource::TokenResponse => "of a token response",
            JsonSource::Other => "pasted",
        }
    }
}

/// A JSON object pasted where a token or key belongs.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct JsonPaste {
    /// Where it came from.
    pub source: JsonSource,
    /// The token inside it, if any.
    pub token: Option<String>,
    /// What `az` printed besides the token.
    pub az_cli: Option<AzCliOutput>,
    /// The object itself, when it looks like decoded claims (`aud`, `iss`, `exp`…).
    pub claims: Option<Map<String, Value>>,
    /// A token response held only an `id_token`, which was taken.
    pub id_token_only: bool,
}

/// Reads a pasted JSON object: `az account get-access-token` output, an OAuth token
/// response, or decoded claims. `None` when the text is not a JSON object.
pub(crate) fn read_json_paste(raw: &str) -> Option<JsonPaste> {
    let t = raw.trim_matches(|c: char| c.is_whitespace() || c == '\u{FEFF}');
    if !(t.starts_with('{') && t.ends_with('}')) {
        return None;
    }
    let obj = match serde_json::from_str::<Value>(t).ok()? {
        Value::Object(m) => m,
        _ => return None,
    };
    let text = |k: &str| match obj.get(k) {
        Some(Value::String(s)) => Some(s.clone()),
        Some(Value::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    if let Some(token) = obj.get("accessToken").and_then(Value::as_str) {
        return Some(JsonPaste {
            source: JsonSource::AzCli,
            token: Some(token.to_string()),
            az_cli: Some(AzCliOutput {
                expires_on: text("expiresOn").or_else(|| text("expires_on")),
                tenant: text("tenant"),
                subscription: text("subscription"),
            }),
            claims: None,
            id_token_only: false,
        });
    }
    let access = obj.get("access_token").and_then(Value::as_str);
    let id = obj.get("id_token").and_then(Value::as_str);
    if access.is_some() || id.is_some() {
        return Some(JsonPaste {
            source: JsonSource::TokenResponse,
            token: access.or(id).map(str::to_string),
            az_cli: None,
            claims: None,
            id_token_only: access.is_none(),
        });
    }
    let claims_like = ["aud", "iss", "exp", "tid", "oid"]
        .iter()
        .filter(|k| obj.contains_key(**k))
        .count()
        >= 2;
    Some(JsonPaste {
        source: JsonSource::Other,
        token: None,
        az_cli: None,
        claims: claims_like.then_some(obj),
        id_token_only: false,
    })
}
