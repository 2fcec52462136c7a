//! Text helpers for reading pasted error output: one canonical form to match against,
//! a multi-pattern search over it, line numbers, and redaction of secrets in excerpts.
//!
//! The same message reaches the doctor in many spellings: `"message":"…"` or
//! `'message': '…'`, with a space before a comma, with `\"` escapes, smart quotes,
//! non-breaking spaces or a zero-width space from a chat client. [`normalize`] maps all
//! of them to one canonical form, and every known pattern goes through the same function,
//! so matching never depends on bytes that do not carry meaning.
//!
//! Everything here is linear in the length of the text.

use crate::diag::known::chars;
use crate::diag::secret::mask;

/// Punctuation next to which whitespace carries no meaning: `'code': '401'` and
/// `"code":"401"` both become `'code':'401'`, `(…) , or` becomes `(…),or`.
const TIGHT: &[u8] = b",.;:()[]{}'=";

/// Text in canonical form, with a map back to the original.
///
/// Canonical form: ASCII and Unicode letters lower-cased; every quote character
/// (`"`, `'`, `` ` ``, typographic quotes) becomes `'`; `\"`, `\'` and `\/` escapes lose
/// their backslash, `\n`, `\r`, `\t` escapes and all whitespace and control characters
/// collapse to one space, which is dropped entirely next to punctuation in [`TIGHT`];
/// `\uXXXX` escapes are decoded; zero-width characters, byte-order marks and soft
/// hyphens are removed.
#[derive(Clone, Debug)]
pub struct Normalized {
    /// The canonical text.
    pub text: String,
    /// For each byte of `text`, the byte offset in the original of the character it came
    /// from; one extra entry holds the original's length.
    map: Vec<u32>,
}

impl Normalized {
    /// The byte offset in the original text where the canonical byte `pos` came from.
    /// Always a character boundary of the original; `pos` past the end gives its length.
    pub fn raw_offset(&self, pos: usize) -> usize {
        let i = pos.min(self.map.len().saturating_sub(1));
        self.map.get(i).map_or(0, |&o| o as usize)
    }
}

/// What one piece of input becomes in canonical form.
enum Out {
    Space,
    Skip,
    Byte(u8),
    Char(char),
}

fn canon_char(c: char) -> Out {
    if c.is_ascii() {
        let b = c as u8;
        return match b {
            b'"' | b'`' | b'\'' => Out::Byte(b'\''),
            b'A'..=b'Z' => Out::Byte(b.to_ascii_lowercase()),
            0..=0x20 | 0x7f => Out::Space,
            _ => Out::Byte(b),
        };
    }
    match c {
        c if chars::is_invisible(c) => Out::Skip,
        c if chars::is_smart_quote(c) => Out::Byte(b'\''),
        c if c.is_whitespace() || c.is_control() => Out::Space,
        c => Out::Char(c),
    }
}

/// Reads one backslash escape at `i` (where `bytes[i] == b'\\'`). Returns what it means
/// and how many bytes it spans.
fn escape(raw: &str, i: usize) -> (Out, usize) {
    let bytes = raw.as_bytes();
    let run = bytes[i..].iter().take_while(|&&b| b == b'\\').count();
    let next = bytes.get(i + run).copied();
    match next {
        Some(b'"' | b'\'') => (Out::Byte(b'\''), run + 1),
        Some(b'n' | b'r' | b't') => (Out::Space, run + 1),
        Some(b'/') => (Out::Byte(b'/'), run + 1),
        Some(b'u') => {
            let hex = raw.get(i + run + 1..i + run + 5);
            match hex.and_then(|h| u32::from_str_radix(h, 16).ok()) {
                Some(v) if hex.is_some_and(|h| h.bytes().all(|b| b.is_ascii_hexdigit())) => {
                    match char::from_u32(v) {
                        Some(c) => (canon_char(c), run + 5),
                        None => (Out::Skip, run + 5),
                    }
                }
                _ => (Out::Byte(b'\\'), run),
            }
        }
        _ => (Out::Byte(b'\\'), run),
    }
}

/// What each ASCII byte becomes: [`WS`] for whitespace and controls, [`ESC`] for a
/// backslash (an escape may follow), else the canonical byte.
const ASCII: [u8; 128] = {
    let mut t = [0u8; 128];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = match b {
            b'"' | b'`' | b'\'' => b'\'',
            b'A'..=b'Z' => b + 32,
            b'\\' => ESC,
            0..=0x20 | 0x7f => WS,
            _ => b,
        };
        i += 1;
    }
    t
};
const WS: u8 = 0;
const ESC: u8 = 1;

/// Builds the canonical form of `raw` (see [`Normalized`]).
///
/// Texts longer than `u32::MAX` bytes are cut there; callers bound their input far below.
pub fn normalize(raw: &str) -> Normalized {
    let raw = match raw.len() {
        n if n > u32::MAX as usize => {
            let mut end = u32::MAX as usize;
            while !raw.is_char_boundary(end) {
                end -= 1;
            }
            &raw[..end]
        }
        _ => raw,
    };
    let bytes = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(raw.len());
    let mut map: Vec<u32> = Vec::with_capacity(raw.len() + 1);
    let mut pending: Option<u32> = None;
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        // Fast path: plain ASCII, most of any paste.
        if b < 0x80 {
            let c = ASCII[usize::from(b)];
            if c == WS {
                if pending.is_none() {
                    pending = Some(i as u32);
                }
                i += 1;
                continue;
            }
            if c != ESC {
                if pending.is_some() {
                    flush_space(&mut out, &mut map, &mut pending, c);
                }
                // Copy the whole run of plain ASCII at once.
                let mut j = i + 1;
                while j < bytes.len() && bytes[j] < 0x80 && ASCII[usize::from(bytes[j])] > ESC {
                    j += 1;
                }
                out.extend(bytes[i..j].iter().map(|&x| ASCII[usize::from(x & 0x7f)]));
                map.extend(i as u32..j as u32);
                i = j;
                continue;
            }
        }
        let (what, adv) = if b == b'\\' {
            escape(raw, i)
        } else {
            match raw.get(i..).and_then(|s| s.chars().next()) {
                Some(c) => (canon_char(c), c.len_utf8()),
                None => (Out::Skip, 1),
            }
        };
        let at = i as u32;
        match what {
            Out::Space => {
                if pending.is_none() {
                    pending = Some(at);
                }
            }
            Out::Skip => {}
            Out::Byte(c) => {
                flush_space(&mut out, &mut map, &mut pending, c);
                out.push(c);
                map.push(at);
            }
            Out::Char(c) => {
                let mut buf = [0u8; 4];
                for (k, lc) in c.to_lowercase().enumerate() {
                    let s = lc.encode_utf8(&mut buf);
                    if k == 0 {
                        flush_space(&mut out, &mut map, &mut pending, s.as_bytes()[0]);
                    }
                    out.extend_from_slice(s.as_bytes());
                    map.extend(std::iter::repeat_n(at, s.len()));
                }
            }
        }
        i += adv.max(1);
    }
    map.push(raw.len() as u32);
    // Only whole characters were pushed, so the bytes are valid UTF-8.
    let text = String::from_utf8(out).unwrap_or_default();
    Normalized { text, map }
}

fn flush_space(out: &mut Vec<u8>, map: &mut Vec<u32>, pending: &mut Option<u32>, next: u8) {
    if let Some(at) = pending.take() {
        let after_tight = out.last().is_some_and(|l| TIGHT.contains(l));
        if !out.is_empty() && !after_tight && !TIGHT.contains(&next) {
            out.push(b' ');
            map.push(at);
        }
    }
}

/// The canonical form of a pattern, for building a [`Matcher`].
pub fn canonical(pattern: &str) -> String {
    normalize(pattern).text
}

/// One string to look for in canonical text.
#[derive(Clone, Debug, Default)]
pub struct Needle {
    /// The canonical text to find (at least 2 bytes).
    pub text: String,
    /// The match is ignored when the text right after it (past one optional space)
    /// starts with one of these.
    pub unless_next: Vec<String>,
    /// The match counts only if this text follows within this many bytes.
    pub then: Option<(String, usize)>,
    /// The match counts only if a digit follows directly (`aadsts` + code).
    pub digit_next: bool,
    /// The match counts only if no letter or digit follows.
    pub word_end: bool,
}

/// Where one needle was found.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Found {
    /// The first offsets (in the canonical text), at most the cap given to
    /// [`Matcher::scan`], in order.
    pub first: Vec<usize>,
    /// The last offset.
    pub last: Option<usize>,
    /// How many times it was found.
    pub count: usize,
}

/// Finds many needles in one pass over the text.
///
/// Each needle is indexed by its rarest two-byte pair; one pass over the text tests each
/// position's pair against a 64 Ki-bit set and verifies only the needles filed under it.
/// The cost is linear in the text, whatever the needles.
#[derive(Clone, Debug)]
pub struct Matcher {
    needles: Vec<Needle>,
    bits: Vec<u64>,
    starts: Vec<u32>,
    entries: Vec<(u32, u32)>,
}

/// How common a byte is in error output; the rarest pair anchors a needle.
fn commonness(b: u8) -> u32 {
    match b {
        b' ' => 12,
        b'e' | b't' | b'a' | b'o' | b'i' | b'n' | b's' | b'r' => 8,
        b'\'' | b':' | b',' | b'h' | b'l' | b'd' | b'c' | b'u' => 6,
        b'm' | b'f' | b'p' | b'g' | b'w' | b'y' | b'b' | b'.' => 4,
        b'0'..=b'9' | b'-' | b'_' | b'/' | b'{' | b'}' | b'(' | b')' | b'=' => 3,
        b'v' | b'k' => 2,
        _ => 1,
    }
}

/// How many `then` look-aheads one scan may make; bounds the work on hostile input.
const THEN_BUDGET: usize = 4096;

impl Matcher {
    /// Indexes the needles. Needles shorter than two bytes are never found.
    pub fn new(needles: Vec<Needle>) -> Matcher {
        let mut anchored: Vec<(usize, u32, u32)> = Vec::new();
        for (id, n) in needles.iter().enumerate() {
            let t = n.text.as_bytes();
            let best = (0..t.len().saturating_sub(1))
                .min_by_key(|&k| (commonness(t[k]) + commonness(t[k + 1]), k));
            if let Some(k) = best {
                let key = (u32::from(t[k]) << 8) | u32::from(t[k + 1]);
                anchored.push((key as usize, id as u32, k as u32));
            }
        }
        let mut counts = vec![0u32; 65537];
        for &(key, _, _) in &anchored {
            counts[key + 1] += 1;
        }
        for k in 1..counts.len() {
            counts[k] += counts[k - 1];
        }
        let starts = counts.clone();
        let mut fill = counts;
        let mut entries = vec![(0u32, 0u32); anchored.len()];
        let mut bits = vec![0u64; 1024];
        for &(key, id, off) in &anchored {
            let slot = fill[key] as usize;
            entries[slot] = (id, off);
            fill[key] += 1;
            bits[key >> 6] |= 1 << (key & 63);
        }
        Matcher {
            needles,
            bits,
            starts,
            entries,
        }
    }

    /// The needles, in the order given.
    pub fn needles(&self) -> &[Needle] {
        &self.needles
    }

    /// Finds every needle in `hay` (canonical text). For each needle, in the order given,
    /// returns its first `cap` offsets, its last offset and its count.
    pub fn scan(&self, hay: &str, cap: usize) -> Vec<Found> {
        let h = hay.as_bytes();
        let mut found = vec![Found::default(); self.needles.len()];
        let mut then_budget = THEN_BUDGET;
        for p in 0..h.len().saturating_sub(1) {
            let key = (usize::from(h[p]) << 8) | usize::from(h[p + 1]);
            if self.bits[key >> 6] & (1 << (key & 63)) == 0 {
                continue;
            }
            let (a, b) = (self.starts[key] as usize, self.starts[key + 1] as usize);
            for &(id, off) in self.entries.get(a..b).unwrap_or(&[]) {
                let (id, off) = (id as usize, off as usize);
                let Some(s) = p.checked_sub(off) else {
                    continue;
                };
                let n = &self.needles[id];
                let t = n.text.as_bytes();
                if h.get(s..s + t.len()) != Some(t) {
                    continue;
                }
                if t[0].is_ascii_alphanumeric() && s > 0 && h[s - 1].is_ascii_alphanumeric() {
                    continue;
                }
                let end = s + t.len();
                if n.digit_next && !h.get(end).is_some_and(u8::is_ascii_digit) {
                    continue;
                }
                if n.word_end && h.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                    continue;
                }
                if !n.unless_next.is_empty() {
                    let from = if h.get(end) == Some(&b' ') {
                        end + 1
                    } else {
                        end
                    };
                    let rest = h.get(from..).unwrap_or(&[]);
                    if n.unless_next.iter().any(|u| rest.starts_with(u.as_bytes())) {
                        continue;
                    }
                }
                if let Some((then, within)) = &n.then {
                    if then_budget == 0 {
                        continue;
                    }
                    then_budget -= 1;
                    let window = h.get(end..(end + within).min(h.len())).unwrap_or(&[]);
                    if !contains(window, then.as_bytes()) {
                        continue;
                    }
                }
                let f = &mut found[id];
                if f.first.len() < cap {
                    f.first.push(s);
                }
                f.last = Some(s);
                f.count += 1;
            }
        }
        found
    }
}

/// Naive search, for short windows only.
fn contains(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty() && hay.windows(needle.len()).any(|w| w == needle)
}

/// Byte offsets of line starts, to turn an offset into a 1-based line number.
#[derive(Clone, Debug)]
pub struct LineIndex {
    starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes the lines of `raw` in one pass.
    pub fn new(raw: &str) -> LineIndex {
        let mut starts = vec![0];
        starts.extend(
            raw.bytes()
                .enumerate()
                .filter(|&(_, b)| b == b'\n')
                .map(|(i, _)| i + 1),
        );
        LineIndex {
            starts,
            len: raw.len(),
        }
    }

    /// The 1-based line holding byte `offset`.
    pub fn line_of(&self, offset: usize) -> usize {
        self.starts.partition_point(|&s| s <= offset).max(1)
    }

    /// The byte range of line `line` (1-based), without its line break.
    pub fn bounds(&self, line: usize) -> (usize, usize) {
        let start = self
            .starts
            .get(line.saturating_sub(1))
            .copied()
            .unwrap_or(self.len);
        let end = self
            .starts
            .get(line)
            .map_or(self.len, |&next| next.saturating_sub(1));
        (start, end.max(start))
    }

    /// How many lines there are.
    pub fn count(&self) -> usize {
        self.starts.len()
    }
}

/// Header or variable names whose values are secrets.
const SECRET_NAMES: &[&str] = &[
    "ocp-apim-subscription-key",
    "azure_openai_api_key",
    "openai_api_key",
    "subscription-key",
    "authorization",
    "client_secret",
    "client-secret",
    "refresh_token",
    "access_token",
    "x-api-key",
    "id_token",
    "api-key",
    "api_key",
    "apikey",
];

/// True for a header name whose value is a secret (`api-key`, `authorization`, …).
pub fn is_secret_name(name: &str) -> bool {
    let n = name.trim().to_ascii_lowercase();
    SECRET_NAMES.iter().any(|s| n == *s || n.ends_with(s))
}

/// True for the bytes that make up keys, tokens and ids: letters, digits and
/// `_ - . ~ + / =` (base64, base64url, hex, GUIDs, JWTs).
pub fn is_run_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.' | b'~' | b'+' | b'/' | b'=')
}

/// True when a run of key-like characters looks like a secret: a JWT, an `sk-` key, a
/// long random piece (hex or base64 with letters and digits), or mixed-case text with
/// digits throughout. GUIDs, URLs, versions and CamelCase words are not secrets.
fn secret_like(run: &[u8]) -> bool {
    if run.len() < 20 {
        return false;
    }
    if run.starts_with(b"eyJ") || run.starts_with(b"sk-") {
        return true;
    }
    let count = |p: &[u8], f: fn(&u8) -> bool| p.iter().filter(|b| f(b)).count();
    // A long piece between separators holding both letters and digits: hex, base64.
    let random_piece = |p: &[u8]| {
        p.len() >= 16 && count(p, u8::is_ascii_digit) > 0 && count(p, u8::is_ascii_alphabetic) > 0
    };
    if run
        .split(|b| matches!(b, b'_' | b'-' | b'.' | b'~' | b'+' | b'/' | b'='))
        .any(random_piece)
    {
        return true;
    }
    // Base64 with separators: mixed case and digits throughout.
    let upper = count(run, u8::is_ascii_uppercase);
    let lower = count(run, u8::is_ascii_lowercase);
    let letters = upper + lower;
    letters > 0
        && upper * 5 >= letters
        && lower * 5 >= letters
        && count(run, u8::is_ascii_digit) * 10 >= run.len()
}

/// A value that is obviously not a secret: a placeholder or variable reference.
fn placeholder(v: &str) -> bool {
    let lower = v.to_ascii_lowercase();
    v.starts_with(['$', '<', '{', '%', '*'])
        || v.bytes().all(|b| b.is_ascii_uppercase() || b == b'_')
        || matches!(lower.as_str(), "none" | "null" | "undefined" | "nil")
}

/// Masks anything secret in a piece of pasted text, for an excerpt or a message:
///
/// * the value after a secret header or variable name (`api-key: …`,
///   `Authorization: Bearer …`, `Ocp-Apim-Subscription-Key: …`, `OPENAI_API_KEY=…`,
///   `?api-key=…`), keeping the `Bearer`/`Basic` scheme word;
/// * any run of 20 or more key-like characters that looks random (hex, base64, `sk-…`,
///   JWT);
/// * OpenAI's own masked echo (`sk-abcde****wxyz`) keeps only its first 4 and last 4
///   characters visible, with its length unchanged, so no 8 characters of a key are
///   ever shown together.
///
/// Masks use [`mask`]. Placeholders (`$AZURE_OPENAI_API_KEY`, `<key>`, `YOUR_KEY`) stay.
pub fn redact(text: &str) -> String {
    let bytes = text.as_bytes();
    let lower = text.to_ascii_lowercase();
    let lb = lower.as_bytes();
    // Ranges to replace, as (start, end, replacement).
    let mut edits: Vec<(usize, usize, String)> = Vec::new();

    for name in SECRET_NAMES {
        for (at, _) in lower.match_indices(name) {
            let mut j = at + name.len();
            while j < lb.len() && matches!(lb[j], b'"' | b'\'') {
                j += 1;
            }
            while j < lb.len() && matches!(lb[j], b' ' | b'\t') {
                j += 1;
            }
            if j >= lb.len() || !matches!(lb[j], b':' | b'=') {
                continue;
            }
            j += 1;
            while j < lb.len() && matches!(lb[j], b' ' | b'\t' | b'"' | b'\'') {
                j += 1;
            }
            for scheme in ["bearer ", "basic "] {
                if lb[j..].starts_with(scheme.as_bytes()) {
                    j += scheme.len();
                    while j < lb.len() && lb[j] == b' ' {
                        j += 1;
                    }
                }
            }
            let end = j + bytes[j..]
                .iter()
                .position(|&b| {
                    b.is_ascii_whitespace()
                        || matches!(
                            b,
                            b'"' | b'\'' | b',' | b';' | b'&' | b'}' | b')' | b']' | b'\\'
                        )
                })
                .unwrap_or(bytes.len() - j);
            let Some(value) = text.get(j..end) else {
                continue;
            };
            if value.is_empty() || placeholder(value) {
                continue;
            }
            edits.push((j, end, mask(value)));
        }
    }

    let mut i = 0;
    while i < bytes.len() {
        if !is_run_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && is_run_byte(bytes[i]) {
            i += 1;
        }
        if secret_like(&bytes[start..i]) {
            if let Some(run) = text.get(start..i) {
                edits.push((start, i, mask(run)));
            }
        }
    }

    // OpenAI's echo: a token holding `**`.
    let mut i = 0;
    while i < bytes.len() {
        let tok_byte = |b: u8| !(b.is_ascii_whitespace() || matches!(b, b'"' | b'\'' | b','));
        if !tok_byte(bytes[i]) {
            i += 1;
            continue;
        }
        let start = i;
        while i < bytes.len() && tok_byte(bytes[i]) {
            i += 1;
        }
        let tok = &bytes[start..i];
        let Some(first_star) = tok.windows(2).position(|w| w == b"**") else {
            continue;
        };
        let last_star = tok.iter().rposition(|&b| b == b'*').unwrap_or(first_star);
        let Some(tok_str) = text.get(start..i) else {
            continue;
        };
        let head = &tok_str[..first_star];
        let mut tail = &tok_str[last_star + 1..];
        let punct = tail.len() - tail.trim_end_matches(['.', ')', ':', ';']).len();
        let trail = &tail[tail.len() - punct..];
        tail = &tail[..tail.len() - punct];
        let keep = |s: &str, front: bool| -> String {
            let n = s.chars().count();
            if n <= 4 {
                return s.to_string();
            }
            if front {
                s.chars()
                    .take(4)
                    .chain(std::iter::repeat_n('*', n - 4))
                    .collect()
            } else {
                std::iter::repeat_n('*', n - 4)
                    .chain(s.chars().skip(n - 4))
                    .collect()
            }
        };
        let stars = &tok_str[first_star..=last_star];
        let replaced = format!(
            "{}{}{}{}",
            keep(head, true),
            stars,
            keep(tail, false),
            trail
        );
        if replaced != tok_str {
            edits.push((start, i, replaced));
        }
    }

    if edits.is_empty() {
        return text.to_string();
    }
    crate::diag::parse::order::sort_by_rank(&mut edits, |e| (e.0 as u64, u64::MAX - e.1 as u64));
    let mut out = String::with_capacity(text.len());
    let mut pos = 0;
    for (s, e, rep) in edits {
        if s < pos {
            continue; // overlaps an earlier, wider edit
        }
        out.push_str(text.get(pos..s).unwrap_or(""));
        out.push_str(&rep);
        pos = e;
    }
    out.push_str(text.get(pos..).unwrap_or(""));
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quote_space_and_case_styles_meet() {
        let a = normalize(r#"{"error":{"code":"401","message":"Access denied"}}"#).text;
        let b = normalize("{'error': {'code': '401', 'message': 'Access denied'}}").text;
        let c =
            normalize(r#"{ "error" : { "code" : "401" , "message" :  "ACCESS   denied" } }"#).text;
        assert_eq!(a, "{'error':{'code':'401','message':'access denied'}}");
        assert_eq!(a, b);
        assert_eq!(a, c);
    }

    #[test]
    fn escapes_and_invisible_characters() {
        let n = normalize("{\\\"a\\\":\\\"x\\ny\\u0027z\\/w\\\"}");
        assert_eq!(n.text, "{'a':'x y'z/w'}");
        let n = normalize("didn\u{2019}t\u{00A0}provide \u{200B}an\u{FEFF} key");
        assert_eq!(n.text, "didn't provide an key");
    }

    #[test]
    fn space_before_comma_is_dropped() {
        assert_eq!(
            normalize("(https://x.com) , or have").text,
            normalize("(https://x.com), or have").text
        );
    }

    #[test]
    fn map_points_back_to_the_original() {
        let raw = "Ab  \u{00C9}x 'Q'";
        let n = normalize(raw);
        assert_eq!(n.text, "ab \u{e9}x'q'");
        let pos = n.text.find('x').unwrap();
        assert_eq!(&raw[n.raw_offset(pos)..n.raw_offset(pos) + 1], "x");
        assert_eq!(n.raw_offset(n.text.len()), raw.len());
        assert_eq!(n.raw_offset(n.text.len() + 10), raw.len());
    }

    #[test]
    fn backslash_runs_are_linear_and_safe() {
        let raw = "\\".repeat(100_000) + "x\\u00zz\\u12";
        let n = normalize(&raw);
        assert!(n.text.ends_with("x\\u00zz\\u12"));
    }

    fn needle(t: &str) -> Needle {
        Needle {
            text: canonical(t),
            ..Needle::default()
        }
    }

    #[test]
    fn matcher_finds_all_needles_in_one_pass() {
        let m = Matcher::new(vec![
            needle("access denied"),
            needle("denied due"),
            needle("zz"),
        ]);
        let hay = normalize("Access denied due to x. ACCESS DENIED due").text;
        let f = m.scan(&hay, 8);
        assert_eq!(f[0].count, 2);
        assert_eq!(f[1].count, 2);
        assert_eq!(f[2].count, 0);
        assert_eq!(f[0].first[0], 0);
        assert_eq!(f[0].last, Some(hay.rfind("access").unwrap()));
    }

    #[test]
    fn matcher_constraints() {
        let mut a = needle("invalid subscription key");
        a.unless_next = vec![canonical("or wrong")];
        let mut b = needle("aadsts");
        b.digit_next = true;
        let mut c = needle("the model");
        c.then = Some((canonical("does not exist"), 40));
        let m = Matcher::new(vec![a, b, c, needle("identity")]);
        let f = m.scan(
            &normalize("invalid subscription key or wrong. invalid subscription key. aadsts: AADSTS700 the model x does not exist; the model is fine. xidentity").text,
            8,
        );
        assert_eq!(f[0].count, 1);
        assert_eq!(f[1].count, 1);
        assert_eq!(f[2].count, 1);
        assert_eq!(f[3].count, 0, "word boundary at the start");
    }

    #[test]
    fn line_index() {
        let li = LineIndex::new("a\nbc\n\nd");
        assert_eq!(li.line_of(0), 1);
        assert_eq!(li.line_of(2), 2);
        assert_eq!(li.line_of(5), 3);
        assert_eq!(li.line_of(6), 4);
        assert_eq!(li.bounds(2), (2, 4));
        assert_eq!(li.bounds(4), (6, 7));
        assert_eq!(li.count(), 4);
    }

    #[test]
    fn redact_masks_header_values_and_random_runs() {
        let key = "0123456789abcdef0123456789abcdef";
        let jwt = "eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJlc2lnbmF0dXJl";
        for text in [
            format!("> api-key: {key}"),
            format!("Authorization: Bearer {jwt}"),
            format!("{{'api-key': '{key}'}}"),
            format!("https://x.openai.azure.com/?api-key={key}&x=1"),
            format!("the key {key} was sent"),
            format!("OPENAI_API_KEY=sk-proj-{key}"),
        ] {
            let r = redact(&text);
            for secret in [key, jwt] {
                let found = crate::diag::test_support::leaks(secret, &r, 8);
                assert!(found.is_empty(), "{text} -> {r}");
            }
        }
        assert_eq!(
            redact("Authorization: Bearer YOUR_KEY"),
            "Authorization: Bearer YOUR_KEY"
        );
        assert_eq!(
            redact("api-key: $AZURE_OPENAI_API_KEY"),
            "api-key: $AZURE_OPENAI_API_KEY"
        );
    }

    #[test]
    fn redact_keeps_ordinary_text() {
        for text in [
            "https://cognitiveservices.azure.com/.default",
            "apim-request-id: 6a1f0c2e-9b7d-4d35-a0e2-3c5b8f1d7e24",
            "AuthenticationTypeDisabled ThrowExceptionDueToTrafficDenied",
            "text-embedding-3-large api-version=2024-10-21-preview",
            "Microsoft.CognitiveServices/accounts/deployments",
        ] {
            assert_eq!(redact(text), text);
        }
    }

    #[test]
    fn redact_shortens_openai_echo() {
        let echo = "sk-abcde***************************************wxyz";
        let r = redact(&format!("Incorrect API key provided: {echo}. You can"));
        assert!(r.contains("sk-a****"), "{r}");
        assert!(r.contains("*wxyz. You can"), "{r}");
        assert!(!r.contains("sk-abcde"));
        let start = r.find("sk-a").unwrap();
        assert_eq!(r[start..].find('.').unwrap(), echo.len());
    }
}
