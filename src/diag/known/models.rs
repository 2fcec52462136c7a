//! Known facts: model ids, as Azure and OpenAI spell them (`auth-failures.md` §6.1, A6,
//! A8).
//!
//! On Azure the deployment name is chosen by the team and may well equal the model id,
//! so a match here is only a hint that the model id was used where the deployment name
//! belongs (A6), never proof.

/// Who spells a model id this way.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Spelling {
    /// Azure and OpenAI both use this id.
    Both,
    /// Only Azure spells it so (`gpt-35-turbo`).
    AzureOnly,
    /// Only OpenAI spells it so (`gpt-3.5-turbo`).
    OpenAiOnly,
}

/// One known model id.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownModel {
    /// The id, lower case.
    pub id: &'static str,
    /// Who spells it so.
    pub spelling: Spelling,
    /// The other provider's spelling, when it differs.
    pub counterpart: Option<&'static str>,
    /// The oldest api-version that serves it, when the sources say.
    pub min_api_version: Option<&'static str>,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn m(
    id: &'static str,
    spelling: Spelling,
    counterpart: Option<&'static str>,
    min_api_version: Option<&'static str>,
    source: &'static str,
) -> KnownModel {
    KnownModel {
        id,
        spelling,
        counterpart,
        min_api_version,
        source: super::cited(source),
    }
}

use Spelling::{AzureOnly, Both, OpenAiOnly};

const CATALOG: &str = "Azure OpenAI / OpenAI model catalog";
const O_SERIES: Option<&str> = Some("2024-12-01-preview");

/// Model ids. Variants (`gpt-4o-2024-08-06`, `gpt-5-mini`, `gpt-4-0613`) are matched by
/// [`lookup`] through [`QUALIFIERS`]; list an id here when it needs its own facts.
#[rustfmt::skip]
pub const MODELS: &[KnownModel] = &[
    m("gpt-35-turbo", AzureOnly, Some("gpt-3.5-turbo"), None, "auth-failures.md 6.1, A6 (chatbot-ui#498)"),
    m("gpt-3.5-turbo", OpenAiOnly, Some("gpt-35-turbo"), None, "auth-failures.md 6.1, A6 (chatbot-ui#498)"),
    m("gpt-4", Both, None, None, CATALOG),
    m("gpt-4-turbo", Both, None, None, CATALOG),
    m("gpt-4-32k", Both, None, None, CATALOG),
    m("gpt-4o", Both, None, None, CATALOG),
    m("gpt-4o-mini", Both, None, None, CATALOG),
    m("gpt-4.1", Both, None, None, CATALOG),
    m("gpt-4.1-mini", Both, None, None, CATALOG),
    m("gpt-4.1-nano", Both, None, None, CATALOG),
    m("gpt-4.5-preview", Both, None, None, CATALOG),
    m("gpt-5", Both, None, None, CATALOG),
    m("gpt-5-mini", Both, None, None, CATALOG),
    m("gpt-5-nano", Both, None, None, CATALOG),
    m("gpt-oss-120b", Both, None, None, CATALOG),
    m("gpt-oss-20b", Both, None, None, CATALOG),
    m("o1", Both, None, O_SERIES, "auth-failures.md 6.2, A8"),
    m("o1-mini", Both, None, Some("2024-09-01-preview"), "api-version-deprecation page (max_completion_tokens for o1-preview/o1-mini)"),
    m("o1-preview", Both, None, Some("2024-09-01-preview"), "api-version-deprecation page (max_completion_tokens for o1-preview/o1-mini)"),
    m("o3", Both, None, O_SERIES, "auth-failures.md 6.2, A8"),
    m("o3-mini", Both, None, O_SERIES, "auth-failures.md 6.2, A8"),
    m("o3-pro", Both, None, O_SERIES, "auth-failures.md 6.2, A8"),
    m("o4-mini", Both, None, O_SERIES, "auth-failures.md 6.2, A8"),
    m("codex-mini", Both, None, O_SERIES, CATALOG),
    m("text-embedding-ada-002", Both, None, None, CATALOG),
    m("text-embedding-3-small", Both, None, None, CATALOG),
    m("text-embedding-3-large", Both, None, None, CATALOG),
    m("dall-e-2", Both, None, Some("2023-06-01-preview"), "auth-failures.md 6.2 (DALL-E 2 only in 2023-06-01-preview)"),
    m("dall-e-3", Both, None, None, CATALOG),
    m("gpt-image-1", Both, None, None, CATALOG),
    m("whisper", AzureOnly, Some("whisper-1"), None, CATALOG),
    m("whisper-1", OpenAiOnly, Some("whisper"), None, CATALOG),
    m("tts", AzureOnly, Some("tts-1"), None, CATALOG),
    m("tts-hd", AzureOnly, Some("tts-1-hd"), None, CATALOG),
    m("tts-1", OpenAiOnly, Some("tts"), None, CATALOG),
    m("tts-1-hd", OpenAiOnly, Some("tts-hd"), None, CATALOG),
    m("davinci-002", Both, None, None, CATALOG),
    m("babbage-002", Both, None, None, CATALOG),
    m("text-davinci-003", Both, None, None, CATALOG),
];

/// Words that turn a model id into one of its variants (`gpt-4o-mini-realtime-preview`,
/// `gpt-35-turbo-16k`). Digits (versions, dates) are accepted too.
pub const QUALIFIERS: &[&str] = &[
    "mini",
    "nano",
    "pro",
    "turbo",
    "preview",
    "chat",
    "latest",
    "instruct",
    "16k",
    "32k",
    "vision",
    "realtime",
    "audio",
    "transcribe",
    "tts",
    "search",
    "codex",
    "hd",
    "small",
    "large",
    "high",
    "low",
    "deep",
    "research",
    "diarize",
];

/// Model version dates: a model's date is sometimes pasted where the api-version belongs
/// (`auth-failures.md` A7 names the `1106-Preview` case).
#[rustfmt::skip]
pub const MODEL_VERSION_DATES: &[(&str, &str)] = &[
    ("2024-04-09", "gpt-4-turbo"),
    ("2024-05-13", "gpt-4o"),
    ("2024-07-18", "gpt-4o-mini"),
    ("2024-08-06", "gpt-4o"),
    ("2024-09-12", "o1-preview and o1-mini"),
    ("2024-11-20", "gpt-4o"),
    ("2024-12-17", "o1"),
    ("2025-01-31", "o3-mini"),
    ("2025-04-14", "gpt-4.1"),
    ("2025-04-16", "o3 and o4-mini"),
    ("2025-08-07", "gpt-5"),
];

/// A name matched to a known model.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ModelMatch {
    /// The model.
    pub model: &'static KnownModel,
    /// The name carried a model version (`-0613`, `-2024-08-06`).
    pub dated: bool,
    /// The name is exactly the model id (ignoring case).
    pub exact: bool,
}

/// Longest names considered; anything longer is no model id.
const MAX_LEN: usize = 80;

/// Matches a name (case-insensitive) against [`MODELS`]: the id itself, or the id followed
/// by `-` or `.` and only qualifier words or digits. The longest matching id wins.
pub fn lookup(name: &str) -> Option<ModelMatch> {
    if name.is_empty() || name.len() > MAX_LEN {
        return None;
    }
    let lower = name.to_ascii_lowercase();
    let mut best: Option<ModelMatch> = None;
    for model in MODELS {
        let Some(rest) = lower.strip_prefix(model.id) else {
            continue;
        };
        let matched = if rest.is_empty() {
            Some(ModelMatch {
                model,
                dated: false,
                exact: true,
            })
        } else if rest.starts_with(['-', '.']) {
            let mut dated = false;
            let ok = rest.split(['-', '.']).skip(1).all(|t| {
                if !t.is_empty() && t.bytes().all(|b| b.is_ascii_digit()) {
                    dated |= t.len() == 4;
                    true
                } else {
                    QUALIFIERS.contains(&t)
                }
            });
            ok.then_some(ModelMatch {
                model,
                dated,
                exact: false,
            })
        } else {
            None
        };
        if let Some(found) = matched {
            if best.is_none_or(|b| b.model.id.len() < found.model.id.len()) {
                best = Some(found);
            }
        }
    }
    best
}

/// The model whose version date this is, if any.
pub fn model_of_version_date(date: &str) -> Option<&'static str> {
    MODEL_VERSION_DATES
        .iter()
        .find(|(d, _)| *d == date)
        .map(|(_, model)| *model)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(name: &str) -> Option<&'static str> {
        lookup(name).map(|m| m.model.id)
    }

    #[test]
    fn ids_are_lower_case_unique_and_sourced() {
        for (i, a) in MODELS.iter().enumerate() {
            assert_eq!(a.id, a.id.to_ascii_lowercase());
            assert!(!a.source.is_empty());
            for b in &MODELS[i + 1..] {
                assert_ne!(a.id, b.id);
            }
        }
    }

    #[test]
    fn counterparts_are_known_models() {
        for a in MODELS {
            if let Some(c) = a.counterpart {
                assert!(MODELS.iter().any(|b| b.id == c), "{c}");
            }
        }
    }

    #[test]
    fn matches_ids_and_their_variants() {
        let cases = [
            ("gpt-4o", Some("gpt-4o")),
            ("GPT-4o", Some("gpt-4o")),
            ("gpt-4o-mini", Some("gpt-4o-mini")),
            ("gpt-4o-mini-2024-07-18", Some("gpt-4o-mini")),
            ("gpt-4o-2024-08-06", Some("gpt-4o")),
            ("gpt-4o-realtime-preview", Some("gpt-4o")),
            ("gpt-35-turbo", Some("gpt-35-turbo")),
            ("gpt-35-turbo-16k", Some("gpt-35-turbo")),
            ("gpt-3.5-turbo", Some("gpt-3.5-turbo")),
            ("gpt-3.5-turbo-0125", Some("gpt-3.5-turbo")),
            ("gpt-4", Some("gpt-4")),
            ("gpt-4-0613", Some("gpt-4")),
            ("gpt-4-1106-preview", Some("gpt-4")),
            ("gpt-4-turbo", Some("gpt-4-turbo")),
            ("gpt-4.1", Some("gpt-4.1")),
            ("gpt-4.1-nano", Some("gpt-4.1-nano")),
            ("gpt-5", Some("gpt-5")),
            ("gpt-5.1", Some("gpt-5")),
            ("gpt-5-chat-latest", Some("gpt-5")),
            ("gpt-5-mini", Some("gpt-5-mini")),
            ("o1", Some("o1")),
            ("o3-mini", Some("o3-mini")),
            ("o4-mini", Some("o4-mini")),
            ("text-embedding-3-large", Some("text-embedding-3-large")),
            ("text-embedding-ada-002", Some("text-embedding-ada-002")),
            ("dall-e-3", Some("dall-e-3")),
            ("whisper", Some("whisper")),
            ("tts-1-hd", Some("tts-1-hd")),
            // Team names are not models.
            ("contoso-chat", None),
            ("chat-gpt4o", None),
            ("gpt-4o-team", None),
            ("o1-team-chat", None),
            ("o10", None),
            ("gpt-4oo", None),
            ("", None),
        ];
        for (name, want) in cases {
            assert_eq!(id(name), want, "{name}");
        }
    }

    #[test]
    fn dated_and_exact_flags() {
        let d = lookup("gpt-4o-2024-08-06").unwrap();
        assert!(d.dated && !d.exact);
        let e = lookup("gpt-4o").unwrap();
        assert!(!e.dated && e.exact);
        assert!(lookup("gpt-4-0613").unwrap().dated);
        assert!(!lookup("gpt-5.1").unwrap().dated);
    }

    #[test]
    fn long_input_is_no_model() {
        assert_eq!(lookup(&"gpt-4o-".repeat(100_000)), None);
    }

    #[test]
    fn version_dates() {
        assert_eq!(model_of_version_date("2024-08-06"), Some("gpt-4o"));
        assert_eq!(model_of_version_date("2024-10-21"), None);
    }
}
