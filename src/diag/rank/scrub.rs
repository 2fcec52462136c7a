//! The report scrub: the last line of defence that no report string holds a piece of a
//! secret the case carries, whatever a rule wrote.
//!
//! Linear in the size of the secrets and the report: the report's own pieces are hashed
//! (a few thousand), then each secret is read once with a rolling hash and only the pieces
//! that occur in both are hidden. (A set of every piece of a megabyte token would cost a
//! second per keystroke on the page.)

use crate::diag::known::key_shapes::{
    PlaceholderPattern, KEY_PREFIXES, OPENAI_MARKER, PLACEHOLDERS,
};
use crate::diag::parse::order::sort_by_rank;
use crate::diag::read::credential::{is_guid, Shape};
use crate::diag::report::Report;
use crate::diag::Facts;

/// Pieces of this many characters are compared.
const WINDOW: usize = 8;
/// Shorter secrets are not scrubbed.
const MIN_SECRET: usize = 6;

/// Last line of defence: no report string may contain any 8-character piece of the
/// credential or token, whatever a rule or a parser put there.
///
/// Only the secret part counts: a word such as `undefined` is no secret (hiding it
/// would garble the explanation of an unset variable), and a vendor's public prefix
/// (`sk-admin-`) or the `T3BlbkFJ` marker is in every key of its kind.
pub fn scrub(report: &mut Report, f: &Facts) {
    // Only the words that mean "unset" (`undefined`, `None`, `null`, …): a masked or
    // templated value may still hold real characters of the key.
    let unset = |c: &crate::diag::read::credential::CredentialAnalysis| {
        let value = c.cleaned.expose().trim();
        matches!(c.shape, Shape::Placeholder(_))
            && (crate::diag::parse::placeholder::is_variable_reference(value)
                // An unset word, or code or a reference (`process.env.…`,
                // `@Microsoft.KeyVault(…)`) that names where the key lives and holds none
                // of it. A template (`<…>`, `{{…}}`) may wrap real characters.
                || PLACEHOLDERS.iter().any(|p| {
                    !matches!(p.pattern, PlaceholderPattern::Wrapped(..))
                        && p.pattern.matches(&value.to_ascii_lowercase())
                }))
    };
    let placeholder = f.credential.as_ref().is_some_and(unset);
    let mut secrets: Vec<Vec<char>> = Vec::new();
    if let Some(c) = f.case.credential.as_ref().filter(|_| !placeholder) {
        secrets.push(c.expose().chars().collect());
    }
    // Every value a pasted request shows (`> api-key: …`, `-H '…'`), used or not.
    secrets.extend(
        f.evidence
            .sent
            .iter()
            .filter_map(|h| h.value.as_ref())
            .filter(|v| {
                let c = crate::diag::read::credential::analyze(v.expose());
                !unset(&c) && !matches!(c.shape, Shape::Prose)
            })
            .map(|v| v.expose().chars().collect()),
    );
    if let Some(t) = &f.case.token {
        secrets.extend(token_field_secrets(t.expose()));
    }
    // Every piece of WINDOW characters of a secret is hidden; a secret shorter than that
    // is hidden whole (down to MIN_SECRET: shorter text is no secret worth the name, and
    // hiding it would garble the report's words).
    let marker: Vec<char> = OPENAI_MARKER.chars().collect();
    let mut texts: Vec<&mut String> = Vec::new();
    for c in &mut report.causes {
        texts.push(&mut c.title);
        texts.extend(c.evidence.iter_mut());
        texts.extend(c.fix.iter_mut());
    }
    for x in &mut report.findings {
        texts.push(&mut x.message);
        texts.push(&mut x.id);
    }
    texts.extend(report.next_step.iter_mut());
    let trimmed: Vec<&[char]> = secrets
        .iter()
        .map(|s| s.get(public_prefix_len(s)..).unwrap_or_default())
        .collect();
    let shown = texts.iter().map(|t| t.as_str());
    let pieces = Pieces::shown_in(shown, &trimmed, WINDOW, MIN_SECRET, &marker);
    if pieces.is_empty() {
        return;
    }
    for text in texts {
        pieces.hide_in(text, "[redacted]");
    }
}

/// What in the token field is secret: the token an `az account get-access-token` answer
/// or a token response holds (its JSON names and the tenant and subscription GUIDs are
/// not, and the claims table shows the tenant anyway), the long runs of pasted decoded
/// claims, and otherwise the whole value, whatever its characters.
fn token_field_secrets(text: &str) -> Vec<Vec<char>> {
    let value = text.trim();
    if let Some(paste) = crate::diag::read::jwt::read_json_paste(value) {
        return match paste.token {
            Some(token) => vec![token.trim().chars().collect()],
            None => value
                .split(|c: char| !(c.is_ascii_alphanumeric() || "._~+/=-".contains(c)))
                .filter(|run| run.len() >= 20 && !is_guid(run))
                .map(|run| run.chars().collect())
                .collect(),
        };
    }
    vec![value.chars().collect()]
}

/// How many leading characters of a credential are public: quotes and whitespace
/// around it, a `Bearer ` word, and a known vendor prefix such as `sk-proj-`.
fn public_prefix_len(s: &[char]) -> usize {
    let text: String = s.iter().collect();
    let rest = text.trim_start_matches(|c: char| c.is_whitespace() || c == '"' || c == '\'');
    let rest = match rest.get(..7) {
        Some(word) if word.eq_ignore_ascii_case("bearer ") => rest.get(7..).unwrap_or_default(),
        _ => rest,
    };
    let prefix = KEY_PREFIXES
        .iter()
        .map(|k| k.prefix)
        .filter(|p| rest.starts_with(p))
        .map(str::len)
        .max()
        .unwrap_or(0);
    let public_bytes = text.len() - rest.len() + prefix;
    text.get(..public_bytes).map_or(0, |p| p.chars().count())
}

/// A polynomial hash of `n` characters, rolled one character at a time.
#[derive(Clone, Copy)]
struct Roll {
    n: usize,
    /// BASE^(n-1), to take the leaving character out.
    top: u64,
}

const BASE: u64 = 0x0000_0100_0000_01b3;

impl Roll {
    fn new(n: usize) -> Roll {
        let top = (1..n).fold(1u64, |p, _| p.wrapping_mul(BASE));
        Roll { n, top }
    }

    /// The hash of every window of `n` characters, with its start.
    fn windows<'a>(self, chars: &'a [char]) -> impl Iterator<Item = (usize, u64)> + 'a {
        let mut h = 0u64;
        chars.iter().enumerate().filter_map(move |(i, c)| {
            if i >= self.n {
                let out = u64::from(chars[i - self.n]) + 1;
                h = h.wrapping_sub(out.wrapping_mul(self.top));
            }
            h = h.wrapping_mul(BASE).wrapping_add(u64::from(*c) + 1);
            (i + 1 >= self.n).then(|| (i + 1 - self.n, h))
        })
    }

    fn of(self, chars: &[char]) -> Option<u64> {
        self.windows(chars).next().map(|(_, h)| h)
    }
}

/// The pieces of secrets that a report shows, by length, as hashes.
pub(crate) struct Pieces {
    /// For each length from MIN_SECRET to WINDOW: the hashes to hide, sorted.
    by_len: Vec<(Roll, Vec<u64>)>,
}

impl Pieces {
    /// The pieces of `secrets` that occur in `texts`: of a secret at least `window`
    /// long, its pieces of `window` characters; of a shorter one (down to `min`), the
    /// whole secret. `skip` is a public piece never hidden (OpenAI's key marker).
    pub(crate) fn shown_in<'a>(
        texts: impl Iterator<Item = &'a str>,
        secrets: &[&[char]],
        window: usize,
        min: usize,
        skip: &[char],
    ) -> Pieces {
        let texts: Vec<Vec<char>> = texts.map(|t| t.chars().collect()).collect();
        let skip_hash = Roll::new(window).of(skip);
        let by_len = (min..=window)
            .map(|n| {
                let roll = Roll::new(n);
                let mut shown: Vec<u64> = texts
                    .iter()
                    .flat_map(|t| roll.windows(t).map(|(_, h)| h))
                    .collect();
                sort_by_rank(&mut shown, |h| (*h, 0));
                shown.dedup();
                let mut hide = Vec::new();
                let sized = |s: &&&[char]| s.len() == n || (n == window && s.len() > window);
                for s in secrets.iter().filter(sized) {
                    for (_, h) in roll.windows(s) {
                        if Some(h) != skip_hash.filter(|_| n == window)
                            && shown.binary_search(&h).is_ok()
                        {
                            hide.push(h);
                        }
                    }
                }
                sort_by_rank(&mut hide, |h| (*h, 0));
                hide.dedup();
                (roll, hide)
            })
            .collect();
        Pieces { by_len }
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.by_len.iter().all(|(_, h)| h.is_empty())
    }

    /// Replaces each run of hidden characters in `text` with `marker`.
    pub(crate) fn hide_in(&self, text: &mut String, marker: &str) {
        let chars: Vec<char> = text.chars().collect();
        let mut hide = vec![false; chars.len()];
        let mut any = false;
        for (roll, hashes) in self.by_len.iter().filter(|(_, h)| !h.is_empty()) {
            for (i, h) in roll.windows(&chars) {
                if hashes.binary_search(&h).is_ok() {
                    hide[i..i + roll.n].iter_mut().for_each(|x| *x = true);
                    any = true;
                }
            }
        }
        if !any {
            return;
        }
        let mut out = String::with_capacity(text.len());
        let mut prev_hidden = false;
        for (c, h) in chars.iter().zip(&hide) {
            if *h {
                if !prev_hidden {
                    out.push_str(marker);
                }
            } else {
                out.push(*c);
            }
            prev_hidden = *h;
        }
        *text = out;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::report::{Field, Severity, Verdict};
    use crate::diag::{Case, Finding};

    /// The scrub is the last line of defence: even if a rule quoted a credential read
    /// from a pasted request, no 8-character piece of it may stay in the report.
    #[test]
    fn scrub_hides_credentials_read_from_a_pasted_request() {
        let key = "5e0c9a7b3d2f4e6a8c1b0d9e7f5a3c2b";
        let token = "eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJlLXN5bnRoZXRpYw";
        let case = Case {
            error_text: Some(format!(
                "> api-key: {key}\ncurl -H \"Authorization: Bearer {token}\"\n< HTTP/2 401\n"
            )),
            ..Case::default()
        };
        let facts = Facts::gather(&case, 0);
        let mut report = Report {
            verdict: Verdict::Problem,
            causes: Vec::new(),
            findings: vec![Finding::new(
                Field::ErrorText,
                Severity::Info,
                "planted",
                format!("sent {key} and {token}"),
            )],
            next_step: Some(format!("retry with {key}")),
        };
        scrub(&mut report, &facts);
        let text = format!("{} {:?}", report.findings[0].message, report.next_step);
        for secret in [key, token] {
            let chars: Vec<char> = secret.chars().collect();
            for w in chars.windows(8) {
                let piece: String = w.iter().collect();
                assert!(!text.contains(&piece), "{piece} left in {text}");
            }
        }
        assert!(text.contains("[redacted]"));
    }
}
