//! What a pasted request shows was sent: the credential header lines of `curl -v`
//! (`> api-key: …`), of a curl command (`-H 'Authorization: Bearer …'`) and of a
//! request-header dump (`Request headers:` followed by `api-key: …`).
//!
//! Users often paste only such output. The header a credential rode in, and the shape of
//! its value, are the facts the rules of `auth-failures.md` 5.3 (which header each
//! service reads) and 3.5 (a key sent as Bearer) turn on. The value is kept as a
//! [`Secret`]: it is analysed, never shown.
//!
//! One pass over the lines, each line scanned once: linear in the text.

use super::inputs::AuthHeader;
use super::secret::Secret;

/// How the request line was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentVia {
    /// A `curl -v` request line (`> name: value`): what actually left the machine.
    CurlVerbose,
    /// A header line in a dump (`name: value` at the start of a line).
    Dump,
    /// A `-H`/`--header` argument of a curl command: what the shell was asked to send.
    CurlArgument,
}

/// One credential header seen in the pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentHeader {
    /// Which header.
    pub header: AuthHeader,
    /// The value (after `Bearer ` for `Authorization`), or `None` when it was shown
    /// masked or as a shell variable: then only the header name is known.
    pub value: Option<Secret>,
    /// 1-based line of the pasted text.
    pub line: usize,
    /// How it was written.
    pub via: SentVia,
}

/// At most this many headers are kept; the first ones are the ones used.
const MAX_SENT: usize = 16;

/// The credential header for a header name, if it is one (`auth-failures.md` 5.3:
/// `api-key` and `Authorization` for Azure OpenAI, `Ocp-Apim-Subscription-Key` for API
/// Management; `x-api-key` is a header neither reads).
fn credential_header(name: &str) -> Option<AuthHeader> {
    let name = name.trim().trim_matches(['\'', '"']);
    [
        ("api-key", AuthHeader::ApiKey),
        ("authorization", AuthHeader::Authorization),
        ("ocp-apim-subscription-key", AuthHeader::ApimSubscription),
        ("x-api-key", AuthHeader::Other),
    ]
    .into_iter()
    .find(|(n, _)| n.eq_ignore_ascii_case(name))
    .map(|(_, h)| h)
}

/// True for a value shown masked (`****`, `REDACTED`, `…`) or left to the shell
/// (`$AZURE_OPENAI_API_KEY`, `%KEY%`): not what was sent.
fn hidden(value: &str, via: SentVia) -> bool {
    let lower = value.to_ascii_lowercase();
    value.contains("***")
        || value.contains('…')
        || value.contains("...")
        || lower.contains("redacted")
        || lower.contains("hidden")
        || (via == SentVia::CurlArgument && (value.contains('$') || value.contains('%')))
}

/// Reads `name: value` into a header, stripping quotes, a trailing comma and the
/// `Bearer` scheme of `Authorization`.
fn read(name_value: &str, line: usize, via: SentVia) -> Option<SentHeader> {
    let (name, value) = name_value.split_once(':')?;
    let header = credential_header(name)?;
    let value = value
        .trim()
        .trim_end_matches(',')
        .trim()
        .trim_matches(['\'', '"'])
        .trim();
    let value = if header == AuthHeader::Authorization {
        match value.split_once(char::is_whitespace) {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
            _ => value,
        }
    } else {
        value
    };
    let value = (!value.is_empty() && !hidden(value, via)).then(|| Secret::new(value));
    Some(SentHeader {
        header,
        value,
        line,
        via,
    })
}

/// At most this many `-H` flags are read on one line, so a line of nothing but flags
/// costs a bounded number of passes over it.
const MAX_FLAGS_PER_LINE: usize = 32;

/// The `-H`/`--header` arguments of a curl command on this line.
fn arguments(line: &str, no: usize, out: &mut Vec<SentHeader>) {
    let mut flags = 0;
    for (at, _) in line.match_indices('-') {
        let Some(rest) = line.get(at..) else { continue };
        let flag_len = if rest.starts_with("--header") {
            8
        } else if rest.starts_with("-H") {
            2
        } else {
            continue;
        };
        // A flag of its own: at the start of the line or after a space.
        let before = line.get(..at).unwrap_or_default();
        if !(before.is_empty() || before.ends_with(char::is_whitespace)) {
            continue;
        }
        flags += 1;
        if flags > MAX_FLAGS_PER_LINE || out.len() >= MAX_SENT {
            break;
        }
        let arg = rest
            .get(flag_len..)
            .unwrap_or_default()
            .trim_start_matches([' ', '=']);
        let text = match arg.chars().next() {
            Some(q @ ('\'' | '"')) => {
                let inner = arg.get(1..).unwrap_or_default();
                inner.split(q).next().unwrap_or_default()
            }
            _ => arg.split(char::is_whitespace).next().unwrap_or_default(),
        };
        out.extend(read(text, no, SentVia::CurlArgument));
    }
}

/// Every credential header the pasted text shows, in order of appearance.
pub fn read_sent(text: &str) -> Vec<SentHeader> {
    let mut out = Vec::new();
    for (i, line) in text.lines().enumerate() {
        if out.len() >= MAX_SENT {
            break;
        }
        let no = i + 1;
        let t = line.trim_start();
        if let Some(rest) = t.strip_prefix('>') {
            out.extend(read(rest, no, SentVia::CurlVerbose));
        } else if t.starts_with('<') || t.starts_with('*') {
            // A response line or curl's own notes.
        } else if let Some(h) = read(t.trim_start_matches(['-', '•']), no, SentVia::Dump) {
            out.push(h);
        } else if t.contains("-H") || t.contains("--header") {
            arguments(t, no, &mut out);
        }
    }
    out
}

/// The header to take as sent: a `curl -v` line (what really left) over a dump line over
/// a curl argument (what the shell was asked to send).
pub fn best(sent: &[SentHeader]) -> Option<&SentHeader> {
    [SentVia::CurlVerbose, SentVia::Dump, SentVia::CurlArgument]
        .into_iter()
        .find_map(|via| sent.iter().find(|h| h.via == via))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn curl_verbose_bearer_is_read_without_its_scheme() {
        let s =
            read_sent("* Trying\n> POST /x HTTP/2\n> authorization: Bearer abc123\n< HTTP/2 401\n");
        assert_eq!(s.len(), 1);
        assert_eq!(s[0].header, AuthHeader::Authorization);
        assert_eq!(s[0].value.as_ref().map(Secret::expose), Some("abc123"));
        assert_eq!((s[0].line, s[0].via), (3, SentVia::CurlVerbose));
    }

    #[test]
    fn curl_arguments_in_both_quote_styles_and_shell_variables() {
        let s = read_sent(
            "curl https://x -H 'api-key: k1' --header \"Ocp-Apim-Subscription-Key: k2\" -H \"api-key: $KEY\" -H 'Content-Type: a'",
        );
        let got: Vec<_> = s
            .iter()
            .map(|h| (h.header, h.value.as_ref().map(|v| v.expose().to_string())))
            .collect();
        assert_eq!(
            got,
            vec![
                (AuthHeader::ApiKey, Some("k1".to_string())),
                (AuthHeader::ApimSubscription, Some("k2".to_string())),
                (AuthHeader::ApiKey, None),
            ]
        );
    }

    #[test]
    fn dumps_masked_values_and_other_headers() {
        let s = read_sent(
            "Request headers:\n  'api-key': 'REDACTED',\n  x-api-key: abc\nauthorization failed\n",
        );
        assert_eq!(s.len(), 2);
        assert_eq!(
            (s[0].header, s[0].value.is_none()),
            (AuthHeader::ApiKey, true)
        );
        assert_eq!(s[1].header, AuthHeader::Other);
    }

    #[test]
    fn response_lines_and_other_flags_are_not_read() {
        assert!(read_sent("< api-key: abc\ncurl -Hx 'api-key: a' http://x-H\n").is_empty());
    }

    #[test]
    fn best_prefers_what_left_the_machine() {
        let s = read_sent("curl -H 'api-key: a'\n> authorization: Bearer b\n");
        assert_eq!(best(&s).map(|h| h.header), Some(AuthHeader::Authorization));
    }

    #[test]
    fn a_megabyte_line_of_flags_is_read_quickly() {
        let line = "-H '".repeat(250_000);
        assert!(read_sent(&line).is_empty());
        let line = format!("curl {}", "-H 'api-key: abcdefgh' ".repeat(50_000));
        assert_eq!(read_sent(&line).len(), MAX_SENT);
    }

    #[test]
    fn a_long_paste_keeps_a_bounded_list() {
        let text = "> api-key: abcdefgh\n".repeat(50_000);
        assert_eq!(read_sent(&text).len(), MAX_SENT);
    }
}
