//! Secrets in memory and on screen.
//!
//! A key or token is held in a [`Secret`], whose `Debug` and `Display` show only the
//! masked form, so `{:?}` in a log or a panic can never print it. [`mask`] is the one
//! masking rule used everywhere: at most the first 4 and the last 4 characters and the
//! length, and less for short values.

use serde::{Deserialize, Serialize};
use std::fmt;

/// A secret pasted by the user: an API key, a token, or anything in the credential field.
///
/// The raw text is available through [`Secret::expose`], named so that every use stands
/// out in review. Formatting a `Secret` prints its mask.
#[derive(Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Secret(String);

impl Secret {
    /// Wraps a pasted value.
    pub fn new(raw: impl Into<String>) -> Self {
        Secret(raw.into())
    }

    /// The raw text. Only for analysis and for the one probe the user asked for.
    pub fn expose(&self) -> &str {
        &self.0
    }

    /// The masked form, safe for a report or a ticket.
    pub fn masked(&self) -> String {
        mask(&self.0)
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Secret({})", self.masked())
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.masked())
    }
}

/// Masks a secret for display: `abcd…wxyz (32 chars)`.
///
/// Keeps the first 4 and last 4 characters only when the value is at least 16
/// characters long, so at least half of it stays hidden; shorter values show only
/// their length. Characters that are not printable ASCII (whitespace, quotes from a
/// word processor, zero-width marks) are shown as `·` so the mask itself cannot smuggle
/// invisible text into a ticket.
pub fn mask(raw: &str) -> String {
    let chars: Vec<char> = raw.chars().collect();
    let n = chars.len();
    if n == 0 {
        return "(empty)".to_string();
    }
    if n < 16 {
        return format!("…({n} chars)");
    }
    let shown = |c: &char| if c.is_ascii_graphic() { *c } else { '·' };
    let head: String = chars[..4].iter().map(shown).collect();
    let tail: String = chars[n - 4..].iter().map(shown).collect();
    format!("{head}…{tail} ({n} chars)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_values_keep_four_and_four() {
        assert_eq!(mask("0123456789abcdef0123456789abcdef"), "0123…cdef (32 chars)");
    }

    #[test]
    fn short_values_show_only_length() {
        assert_eq!(mask("abc"), "…(3 chars)");
        assert_eq!(mask(""), "(empty)");
    }

    #[test]
    fn debug_never_prints_the_value() {
        let s = Secret::new("0123456789abcdef0123456789abcdef");
        let dbg = format!("{s:?} {s}");
        assert!(!dbg.contains("456789ab"), "{dbg}");
    }

    #[test]
    fn invisible_characters_are_made_visible() {
        assert_eq!(mask("\u{201c}123456789abcdef0123\n"), "·123…123· (21 chars)");
    }
}
