//! Characters that ride along with a paste and do not show as themselves, as one table
//! each: the invisible ones (zero-width, bidi and other format characters), the quote
//! marks a word processor or chat app types, the no-break spaces, the line breaks, and
//! the look-alikes that get into a host name. Every reader (the credential, the endpoint,
//! the smaller fields, a token, the page's outline and the renderers) asks these tables,
//! so a character that one of them names, all of them name.
//!
//! Sources: Unicode's `Default_Ignorable_Code_Point` and `Bidi_Control` properties (the
//! invisible table), Unicode's confusables list for the look-alikes (style-anchors.md
//! H10), and `auth-failures.md` 5.4 for what pasting does to keys.

/// One invisible character, or a range of them, with a name for people.
#[derive(Clone, Copy, Debug)]
pub struct Invisible {
    /// First character of the range.
    pub from: char,
    /// Last character of the range (equal to `from` for one character).
    pub to: char,
    /// What to call it in a message ("a zero-width space").
    pub name: &'static str,
}

const fn one(c: char, name: &'static str) -> Invisible {
    Invisible {
        from: c,
        to: c,
        name,
    }
}

const fn range(from: char, to: char, name: &'static str) -> Invisible {
    Invisible { from, to, name }
}

/// Characters that show as nothing (Default_Ignorable and Bidi_Control code points that
/// get pasted), in code point order.
pub const INVISIBLE: &[Invisible] = &[
    one('\u{00AD}', "a soft hyphen"),
    one('\u{034F}', "a combining grapheme joiner"),
    one(
        '\u{061C}',
        "an Arabic letter mark (a text-direction control)",
    ),
    one('\u{180E}', "a Mongolian vowel separator"),
    one('\u{200B}', "a zero-width space"),
    one('\u{200C}', "a zero-width non-joiner"),
    one('\u{200D}', "a zero-width joiner"),
    range('\u{200E}', '\u{200F}', "a direction mark"),
    range('\u{202A}', '\u{202E}', "a text-direction control"),
    one('\u{2060}', "a word joiner"),
    range('\u{2061}', '\u{2064}', "an invisible operator"),
    range('\u{2066}', '\u{2069}', "a text-direction control"),
    one('\u{FEFF}', "a byte order mark (BOM)"),
    range('\u{FFF9}', '\u{FFFB}', "an interlinear annotation mark"),
];

/// The invisible character's row, if `c` is one.
pub fn invisible(c: char) -> Option<&'static Invisible> {
    INVISIBLE.iter().find(|r| (r.from..=r.to).contains(&c))
}

/// True for a character that shows as nothing ([`INVISIBLE`]).
pub fn is_invisible(c: char) -> bool {
    // Every row is above U+00AC: one comparison keeps ASCII text fast.
    c > '\u{00AC}' && invisible(c).is_some()
}

/// Quote marks other than `"`, `'` and `` ` ``: typographic quotes, guillemets, primes and
/// fullwidth quotes, which a document or chat app puts where a straight quote was typed.
pub const SMART_QUOTES: &[char] = &[
    '\u{00AB}', '\u{00BB}', '\u{2018}', '\u{2019}', '\u{201A}', '\u{201B}', '\u{201C}', '\u{201D}',
    '\u{201E}', '\u{201F}', '\u{2032}', '\u{2033}', '\u{2039}', '\u{203A}', '\u{FF02}', '\u{FF07}',
];

/// True for a [`SMART_QUOTES`] character.
pub fn is_smart_quote(c: char) -> bool {
    SMART_QUOTES.contains(&c)
}

/// True for a straight quote or a smart one: what wraps a value that was quoted.
pub fn is_quote(c: char) -> bool {
    matches!(c, '"' | '\'' | '`') || is_smart_quote(c)
}

/// Spaces that do not break a line and look like a space: no-break, narrow no-break and
/// figure space.
pub const NO_BREAK_SPACES: &[char] = &['\u{00A0}', '\u{2007}', '\u{202F}'];

/// True for a [`NO_BREAK_SPACES`] character.
pub fn is_no_break_space(c: char) -> bool {
    NO_BREAK_SPACES.contains(&c)
}

/// Characters that end a line: LF, CR, vertical tab, form feed, NEL and the Unicode line
/// and paragraph separators.
pub const LINE_BREAKS: &[char] = &[
    '\n', '\r', '\u{000B}', '\u{000C}', '\u{0085}', '\u{2028}', '\u{2029}',
];

/// True for a [`LINE_BREAKS`] character.
pub fn is_line_break(c: char) -> bool {
    LINE_BREAKS.contains(&c)
}

/// Characters that get into a pasted host name by accident, with their Unicode name and
/// the ASCII text that was meant (`None` for characters to drop). Smart quotes and
/// invisible marks come from word processors and chat apps; the Cyrillic and Greek
/// letters are homoglyphs (style-anchors.md H10).
pub const CONFUSABLE_CHARS: &[(char, &str, Option<&str>)] = &[
    ('\u{2018}', "LEFT SINGLE QUOTATION MARK", Some("")),
    ('\u{2019}', "RIGHT SINGLE QUOTATION MARK", Some("")),
    ('\u{201A}', "SINGLE LOW-9 QUOTATION MARK", Some("")),
    ('\u{201C}', "LEFT DOUBLE QUOTATION MARK", Some("")),
    ('\u{201D}', "RIGHT DOUBLE QUOTATION MARK", Some("")),
    ('\u{201E}', "DOUBLE LOW-9 QUOTATION MARK", Some("")),
    (
        '\u{00AB}',
        "LEFT-POINTING DOUBLE ANGLE QUOTATION MARK",
        Some(""),
    ),
    (
        '\u{00BB}',
        "RIGHT-POINTING DOUBLE ANGLE QUOTATION MARK",
        Some(""),
    ),
    ('\u{00A0}', "NO-BREAK SPACE", Some("")),
    ('\u{2002}', "EN SPACE", Some("")),
    ('\u{2003}', "EM SPACE", Some("")),
    ('\u{2009}', "THIN SPACE", Some("")),
    ('\u{202F}', "NARROW NO-BREAK SPACE", Some("")),
    ('\u{3000}', "IDEOGRAPHIC SPACE", Some("")),
    ('\u{200B}', "ZERO WIDTH SPACE", Some("")),
    ('\u{200C}', "ZERO WIDTH NON-JOINER", Some("")),
    ('\u{200D}', "ZERO WIDTH JOINER", Some("")),
    ('\u{2060}', "WORD JOINER", Some("")),
    (
        '\u{FEFF}',
        "ZERO WIDTH NO-BREAK SPACE (byte order mark)",
        Some(""),
    ),
    ('\u{00AD}', "SOFT HYPHEN", Some("")),
    ('\u{200E}', "LEFT-TO-RIGHT MARK", Some("")),
    ('\u{200F}', "RIGHT-TO-LEFT MARK", Some("")),
    ('\u{2010}', "HYPHEN", Some("-")),
    ('\u{2011}', "NON-BREAKING HYPHEN", Some("-")),
    ('\u{2012}', "FIGURE DASH", Some("-")),
    ('\u{2013}', "EN DASH", Some("-")),
    ('\u{2014}', "EM DASH", Some("-")),
    ('\u{2212}', "MINUS SIGN", Some("-")),
    ('\u{3002}', "IDEOGRAPHIC FULL STOP", Some(".")),
    ('\u{FF0E}', "FULLWIDTH FULL STOP", Some(".")),
    ('\u{2024}', "ONE DOT LEADER", Some(".")),
    ('\u{0430}', "CYRILLIC SMALL LETTER A", Some("a")),
    ('\u{0441}', "CYRILLIC SMALL LETTER ES", Some("c")),
    ('\u{0435}', "CYRILLIC SMALL LETTER IE", Some("e")),
    (
        '\u{0456}',
        "CYRILLIC SMALL LETTER BYELORUSSIAN-UKRAINIAN I",
        Some("i"),
    ),
    ('\u{0458}', "CYRILLIC SMALL LETTER JE", Some("j")),
    ('\u{043E}', "CYRILLIC SMALL LETTER O", Some("o")),
    ('\u{0440}', "CYRILLIC SMALL LETTER ER", Some("p")),
    ('\u{0455}', "CYRILLIC SMALL LETTER DZE", Some("s")),
    ('\u{0445}', "CYRILLIC SMALL LETTER HA", Some("x")),
    ('\u{0443}', "CYRILLIC SMALL LETTER U", Some("y")),
    ('\u{03B1}', "GREEK SMALL LETTER ALPHA", Some("a")),
    ('\u{03BF}', "GREEK SMALL LETTER OMICRON", Some("o")),
    ('\u{03BD}', "GREEK SMALL LETTER NU", Some("v")),
    ('\u{0131}', "LATIN SMALL LETTER DOTLESS I", Some("i")),
];

/// Names of the ASCII characters that cannot appear in a host name but do get pasted into
/// one (space, quotes, brackets).
pub const ASCII_CHAR_NAMES: &[(char, &str)] = &[
    (' ', "SPACE"),
    ('\t', "CHARACTER TABULATION"),
    ('\n', "LINE FEED"),
    ('\r', "CARRIAGE RETURN"),
    ('"', "QUOTATION MARK"),
    ('\'', "APOSTROPHE"),
    ('`', "GRAVE ACCENT"),
    ('<', "LESS-THAN SIGN"),
    ('>', "GREATER-THAN SIGN"),
    ('{', "LEFT CURLY BRACKET"),
    ('}', "RIGHT CURLY BRACKET"),
    ('|', "VERTICAL LINE"),
    ('^', "CIRCUMFLEX ACCENT"),
    ('%', "PERCENT SIGN"),
    (',', "COMMA"),
    (';', "SEMICOLON"),
    ('!', "EXCLAMATION MARK"),
    ('*', "ASTERISK"),
    ('$', "DOLLAR SIGN"),
    ('(', "LEFT PARENTHESIS"),
    (')', "RIGHT PARENTHESIS"),
    ('=', "EQUALS SIGN"),
    ('+', "PLUS SIGN"),
    ('&', "AMPERSAND"),
    ('~', "TILDE"),
    ('\\', "REVERSE SOLIDUS"),
    ('_', "LOW LINE"),
    (':', "COLON"),
    ('@', "COMMERCIAL AT"),
    ('/', "SOLIDUS"),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn invisible_rows_are_ordered_and_do_not_overlap() {
        for w in INVISIBLE.windows(2) {
            assert!(w[0].from <= w[0].to && w[0].to < w[1].from, "{:?}", w);
        }
        assert!(INVISIBLE[0].from > '\u{00AC}', "is_invisible's fast path");
    }

    #[test]
    fn every_invisible_character_is_neither_visible_nor_space() {
        for r in INVISIBLE {
            for c in r.from..=r.to {
                assert!(!c.is_whitespace() && !c.is_alphanumeric(), "{c:?}");
                assert!(is_invisible(c));
            }
        }
        assert!(!is_invisible('a') && !is_invisible(' ') && !is_invisible('\u{00A0}'));
    }

    #[test]
    fn confusables_are_not_ascii_and_unique() {
        for (i, (c, name, _)) in CONFUSABLE_CHARS.iter().enumerate() {
            assert!(!c.is_ascii(), "{name}");
            for (d, _, _) in &CONFUSABLE_CHARS[i + 1..] {
                assert_ne!(c, d, "{name}");
            }
        }
    }
}
