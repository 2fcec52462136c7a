//! The credential: classify the shape of what the app sends, and find damage done to
//! it on the way (`auth-failures.md` §5, seed "whitespace, quotes, truncated key").
//!
//! Shape checks are hints that raise or lower causes, never hard rejections: key
//! formats change.
//!
//! STUB: the interface is fixed; the classification is to be written.

use super::report::Finding;
use super::secret::Secret;

/// The kind of OpenAI key, by prefix (`auth-failures.md` §5.2).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OpenAiKeyKind {
    /// `sk-` + 48 with `T3BlbkFJ`.
    Legacy,
    /// `sk-proj-`.
    Project,
    /// `sk-svcacct-`.
    ServiceAccount,
    /// `sk-admin-`: Administration API only.
    Admin,
    /// `sk-None-`.
    NoneProject,
    /// Some other `sk-` key.
    Other,
}

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
    /// A URL pasted as the key.
    Url,
    /// Words, not a key.
    Prose,
    /// Something else; no judgement.
    Unknown,
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

/// Classifies a pasted credential.
pub fn analyze(raw: &str) -> CredentialAnalysis {
    CredentialAnalysis {
        shape: if raw.trim().is_empty() { Shape::Empty } else { Shape::Unknown },
        damage: Vec::new(),
        cleaned: Secret::new(raw.trim()),
        raw_len: raw.chars().count(),
        findings: Vec::new(),
    }
}
