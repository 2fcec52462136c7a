//! Known facts: what keys, other vendors' secrets and placeholder values look like
//! (`auth-failures.md` §5). [`crate::diag::read::credential`] reads these tables.
//!
//! Every shape here is a hint, never a rejection: key formats change, and validators
//! that hard-block on a regex go stale (`tools-landscape.md` §11). A value that matches
//! nothing is simply "unknown".

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

impl OpenAiKeyKind {
    /// A name for people, without quoting the prefix.
    pub fn describe(self) -> &'static str {
        match self {
            OpenAiKeyKind::Legacy => "a legacy OpenAI user key",
            OpenAiKeyKind::Project => "an OpenAI project key",
            OpenAiKeyKind::ServiceAccount => "an OpenAI service-account key",
            OpenAiKeyKind::Admin => "an OpenAI admin key",
            OpenAiKeyKind::NoneProject => "an OpenAI key not bound to a project",
            OpenAiKeyKind::Other => "an sk- key of no known OpenAI kind",
        }
    }
}

/// What a key prefix says about the key.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PrefixMeaning {
    /// An OpenAI key of this kind.
    OpenAi(OpenAiKeyKind),
    /// Another vendor's key, named for people ("OpenRouter", "Anthropic", …).
    Vendor(&'static str),
}

/// A key prefix, matched case-sensitively at the start of the cleaned value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KeyPrefix {
    /// The literal prefix.
    pub prefix: &'static str,
    /// What it means.
    pub meaning: PrefixMeaning,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn openai(prefix: &'static str, kind: OpenAiKeyKind, source: &'static str) -> KeyPrefix {
    KeyPrefix {
        prefix,
        meaning: PrefixMeaning::OpenAi(kind),
        source,
    }
}

const fn vendor(prefix: &'static str, name: &'static str, source: &'static str) -> KeyPrefix {
    KeyPrefix {
        prefix,
        meaning: PrefixMeaning::Vendor(name),
        source,
    }
}

/// Known key prefixes. [`prefix_of`] picks the longest match, so order does not matter.
/// The bare `sk-` (legacy or unknown OpenAI kind) is handled by the classifier, not here.
pub const KEY_PREFIXES: &[KeyPrefix] = &[
    openai("sk-proj-", OpenAiKeyKind::Project, "auth-failures.md 5.2"),
    openai("sk-svcacct-", OpenAiKeyKind::ServiceAccount, "auth-failures.md 5.2"),
    openai("sk-admin-", OpenAiKeyKind::Admin, "auth-failures.md 5.2, C12"),
    openai("sk-None-", OpenAiKeyKind::NoneProject, "auth-failures.md 5.2 (meaning UNCONFIRMED)"),
    vendor("sk-or-", "OpenRouter", "auth-failures.md 5.2, C1 (sk-or-v1-, 73 chars)"),
    vendor("sk-ant-", "Anthropic", "causes.md key-wrong-provider; gitleaks rules/anthropic.go (sk-ant-api03-, sk-ant-admin01-)"),
    vendor("AIza", "Google (Gemini / Google Cloud)", "gitleaks rules/gcp.go gcp-api-key (AIza + 35)"),
    vendor("gsk_", "Groq", "gitleaks rules/groq.go (gsk_ + 48)"),
    vendor("hf_", "Hugging Face", "gitleaks rules/huggingface.go (hf_ + 34 letters)"),
    vendor("ghp_", "GitHub (personal access token)", "gitleaks rules/github.go (ghp_ + 36)"),
    vendor("github_pat_", "GitHub (fine-grained personal access token)", "gitleaks rules/github.go"),
    vendor("AKIA", "AWS (access key id)", "gitleaks rules/aws.go (AKIA + 16)"),
];

/// The longest known prefix of `key`, if any.
pub fn prefix_of(key: &str) -> Option<&'static KeyPrefix> {
    KEY_PREFIXES
        .iter()
        .filter(|p| key.starts_with(p.prefix))
        .max_by_key(|p| p.prefix.len())
}

/// Classic Azure key: 32 hexadecimal characters (`auth-failures.md` 5.1, Purview
/// "Azure Cognitive Service key"). APIM subscription keys look the same (5.1, UNCONFIRMED).
pub const AZURE_KEY32_LEN: usize = 32;

/// Hex strings this long (up to 31) are read as a classic Azure key cut short. Shorter
/// hex runs are too unlike a key to say so (derived).
pub const AZURE_KEY32_MIN_TRUNCATED: usize = 20;

/// The 84-character Azure key (`auth-failures.md` 5.1): 52 random characters, the
/// marker `JQQJ9` + one of `9`/`D`/`H` (Microsoft security-utilities pattern SEC101/200
/// "common annotated security key"; the samples in 5.1 show `JQQJ99`), 18 characters,
/// a 4-character service signature (`ACOG` for Cognitive Services), 4 characters.
pub struct AnnotatedKey {
    /// Total length.
    pub len: usize,
    /// Where the `JQQJ9` marker starts (0-based).
    pub marker_at: usize,
    /// The fixed part of the marker.
    pub marker: &'static str,
    /// Allowed characters right after [`AnnotatedKey::marker`].
    pub marker_tail: &'static [char],
    /// Where the service signature starts (0-based).
    pub signature_at: usize,
    /// The Cognitive Services signature.
    pub cognitive_signature: &'static str,
    /// Where the fact comes from.
    pub source: &'static str,
}

/// The 84-character Azure AI Services key.
pub const AZURE_KEY84: AnnotatedKey = AnnotatedKey {
    len: 84,
    marker_at: 52,
    marker: "JQQJ9",
    marker_tail: &['9', 'D', 'H'],
    signature_at: 76,
    cognitive_signature: "ACOG",
    source: "auth-failures.md 5.1; Microsoft security-utilities SEC101/200",
};

/// Legacy OpenAI user key: `sk-` + 20 + marker + 20 = 51 characters
/// (`auth-failures.md` 5.2, regex from gh:Menci/Floway#160).
pub const OPENAI_LEGACY_LEN: usize = 51;

/// Where the marker sits in a legacy OpenAI key (after `sk-` and 20 characters).
pub const OPENAI_LEGACY_MARKER_AT: usize = 23;

/// The base64 of "OpenAI" that OpenAI keys carry (`auth-failures.md` 5.2).
pub const OPENAI_MARKER: &str = "T3BlbkFJ";

/// Lengths of `sk-proj-` project keys seen in public reports (`auth-failures.md` 5.2: 56
/// in early 2024, gh:di-sukharev/opencommit#328; 164, gh:frappe/flow_client#87 and the
/// gpt_academic regex; 172, the C1 masking rule). Other lengths are not proof of damage,
/// only worth a look.
pub const OPENAI_PROJECT_LENGTHS: &[usize] = &[56, 164, 172];

/// `sk-svcacct-` keys "seem to always be more than 100 chars" (`auth-failures.md` 5.2,
/// gh:mongodb/kingfisher#68).
pub const OPENAI_SERVICE_ACCOUNT_MIN_LEN: usize = 100;

/// Microsoft Entra client secret value: 3 characters, a digit, `Q~`, then 31–34
/// characters of `[A-Za-z0-9_~.-]` (gitleaks rules/azure.go azure-ad-client-secret;
/// Microsoft security-utilities SEC101/156 uses `8Q~` + 34). causes.md lists a
/// client-secret value pasted as the key under key-wrong-provider.
pub struct ClientSecretShape {
    /// Characters before the digit.
    pub head: usize,
    /// The literal after the digit.
    pub marker: &'static str,
    /// Shortest tail.
    pub tail_min: usize,
    /// Longest tail.
    pub tail_max: usize,
    /// Where the fact comes from.
    pub source: &'static str,
}

/// The Entra client secret value shape.
pub const CLIENT_SECRET: ClientSecretShape = ClientSecretShape {
    head: 3,
    marker: "Q~",
    tail_min: 31,
    tail_max: 34,
    source: "gitleaks rules/azure.go azure-ad-client-secret; security-utilities SEC101/156",
};

/// Header names that users paste together with the value (`auth-failures.md` 5.3, B5).
/// Matched case-insensitively, followed by `:`.
pub const HEADER_NAMES: &[(&str, &str)] = &[
    ("authorization", "auth-failures.md 5.3"),
    ("api-key", "auth-failures.md 5.3"),
    ("ocp-apim-subscription-key", "auth-failures.md 5.3, B5"),
    ("x-api-key", "Anthropic-style header (derived)"),
];

/// How a placeholder is recognised.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PlaceholderPattern {
    /// The whole value, compared case-insensitively.
    Exact(&'static str),
    /// Wrapped in this opening and closing text: `<…>`, `{{…}}`, `${…}`, `%…%`, `$(…)`.
    Wrapped(&'static str, &'static str),
    /// Starts with this text (case-insensitive): `process.env.`, `os.environ`.
    StartsWith(&'static str),
}

impl PlaceholderPattern {
    /// True when `lower` (the value in lower case) has this shape.
    pub fn matches(self, lower: &str) -> bool {
        match self {
            PlaceholderPattern::Exact(w) => lower == w,
            PlaceholderPattern::Wrapped(open, close) => {
                lower.len() > open.len() + close.len()
                    && lower.starts_with(open)
                    && lower.ends_with(close)
            }
            PlaceholderPattern::StartsWith(head) => lower.starts_with(head),
        }
    }
}

/// A placeholder or unset value.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Placeholder {
    /// How to recognise it.
    pub pattern: PlaceholderPattern,
    /// What it is, for people.
    pub what: &'static str,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn exact(word: &'static str, what: &'static str, source: &'static str) -> Placeholder {
    Placeholder {
        pattern: PlaceholderPattern::Exact(word),
        what,
        source,
    }
}

const fn wrapped(
    open: &'static str,
    close: &'static str,
    what: &'static str,
    source: &'static str,
) -> Placeholder {
    Placeholder {
        pattern: PlaceholderPattern::Wrapped(open, close),
        what,
        source,
    }
}

/// Values that mean "no key was set". Besides these, the classifier recognises template
/// texts (`your-api-key-here`), `$VAR`, runs of `x`/`*`, and masked keys ending in `...`.
pub const PLACEHOLDERS: &[Placeholder] = &[
    exact(
        "none",
        "Python's None (an unset variable printed as text)",
        "causes.md key-missing",
    ),
    exact(
        "undefined",
        "JavaScript's undefined (an unset variable)",
        "auth-failures.md C1 (gh:jas3333/GPT-Helper#26)",
    ),
    exact("null", "null (an unset value)", "causes.md key-missing"),
    exact(
        "nil",
        "nil (an unset value)",
        "derived from causes.md key-missing",
    ),
    exact(
        "nan",
        "NaN (an unset value)",
        "derived from causes.md key-missing",
    ),
    exact(
        "[object object]",
        "a JavaScript object printed as text",
        "derived",
    ),
    exact("false", "false (a boolean, not a key)", "derived"),
    exact("true", "true (a boolean, not a key)", "derived"),
    exact("key", "the word key", "derived"),
    exact(
        "apikey",
        "the name of the setting, not its value",
        "derived",
    ),
    exact(
        "api_key",
        "the name of the setting, not its value",
        "derived",
    ),
    exact(
        "api-key",
        "the name of the setting, not its value",
        "derived",
    ),
    exact("token", "the word token", "derived"),
    exact("secret", "the word secret", "derived"),
    exact("changeme", "a template value", "derived"),
    exact("placeholder", "a template value", "derived"),
    exact("dummy", "a template value", "derived"),
    exact("todo", "a template value", "derived"),
    exact("test", "a template value", "derived"),
    exact("...", "an ellipsis", "derived"),
    exact("sk-...", "a template OpenAI key", "derived"),
    wrapped(
        "<",
        ">",
        "a template value in angle brackets",
        "causes.md key-missing (<api-key>)",
    ),
    wrapped("{{", "}}", "an unfilled template variable", "derived"),
    wrapped(
        "${",
        "}",
        "an unexpanded shell or compose variable",
        "derived",
    ),
    wrapped("$(", ")", "an unexpanded shell command", "derived"),
    wrapped(
        "%",
        "%",
        "an unexpanded Windows environment variable",
        "derived",
    ),
    wrapped("[", "]", "a template value in square brackets", "derived"),
    Placeholder {
        pattern: PlaceholderPattern::StartsWith("@microsoft.keyvault("),
        what: "an App Service / Functions Key Vault reference that was not resolved: the app \
               got the reference, not the secret (the app's identity cannot read the vault, or \
               the reference is wrong)",
        source: "derived from causes.md key-missing (the setting did not load)",
    },
    Placeholder {
        pattern: PlaceholderPattern::StartsWith("process.env."),
        what: "JavaScript code that reads an environment variable, not its value",
        source: "derived",
    },
    Placeholder {
        pattern: PlaceholderPattern::StartsWith("os.environ"),
        what: "Python code that reads an environment variable, not its value",
        source: "derived",
    },
    Placeholder {
        pattern: PlaceholderPattern::StartsWith("os.getenv"),
        what: "Python code that reads an environment variable, not its value",
        source: "derived",
    },
    Placeholder {
        pattern: PlaceholderPattern::StartsWith("$env:"),
        what: "a PowerShell environment variable, not its value",
        source: "derived",
    },
];

/// Words that mark a template text such as `your-api-key-here` or `<insert key>` when
/// they appear together with a word from [`TEMPLATE_NOUNS`] (derived from causes.md
/// key-missing: `your-key-here`, `<api-key>`).
pub const TEMPLATE_MARKERS: &[&str] = &[
    "your", "here", "insert", "replace", "enter", "paste", "put", "example", "sample", "my",
];

/// Nouns of a template text (see [`TEMPLATE_MARKERS`]).
pub const TEMPLATE_NOUNS: &[&str] = &["key", "token", "secret", "apikey", "credential"];

/// How every JWT starts: `{"` in base64url.
pub const JWT_PREFIX: &str = "eyJ";

/// Text that is a key or token by its shape, typed where a name, an id or a URL belongs:
/// a JWT, an `sk-` key, a `Bearer` value, or a run of at least 24 letters and digits
/// with no `.`, `/` or `:` that is all hexadecimal (32-hex Azure keys) or has upper and
/// lower case and digits and is at least 32 long (84-character Azure keys,
/// `auth-failures.md` 5.1, 5.2). Such text is never quoted back.
pub fn looks_like_secret(text: &str) -> bool {
    let t = text.trim();
    let lower_start = t.get(..7).unwrap_or(t).to_ascii_lowercase();
    if t.starts_with(JWT_PREFIX) || t.starts_with("sk-") || lower_start.starts_with("bearer ") {
        return true;
    }
    if t.len() < 24 || !t.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let hex = t.bytes().all(|b| b.is_ascii_hexdigit());
    let mixed = t.len() >= 32
        && t.bytes().any(|b| b.is_ascii_uppercase())
        && t.bytes().any(|b| b.is_ascii_lowercase())
        && t.bytes().any(|b| b.is_ascii_digit());
    hex || mixed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn longest_prefix_wins() {
        let cases: &[(&str, Option<&str>)] = &[
            ("sk-proj-abc", Some("sk-proj-")),
            ("sk-or-v1-abc", Some("sk-or-")),
            ("sk-ant-api03-x", Some("sk-ant-")),
            ("sk-abc", None),
            ("github_pat_x", Some("github_pat_")),
            ("aiza", None),
            ("", None),
        ];
        for (key, want) in cases {
            assert_eq!(prefix_of(key).map(|p| p.prefix), *want, "{key}");
        }
    }

    #[test]
    fn every_entry_has_a_source() {
        assert!(KEY_PREFIXES
            .iter()
            .all(|p| !p.source.is_empty() && !p.prefix.is_empty()));
        assert!(PLACEHOLDERS
            .iter()
            .all(|p| !p.source.is_empty() && !p.what.is_empty()));
        assert!(HEADER_NAMES
            .iter()
            .all(|(n, s)| !n.is_empty() && !s.is_empty()));
    }

    #[test]
    fn prefixes_are_unique() {
        for (i, a) in KEY_PREFIXES.iter().enumerate() {
            for b in &KEY_PREFIXES[i + 1..] {
                assert_ne!(a.prefix, b.prefix);
            }
        }
    }
}
