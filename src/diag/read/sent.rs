//! What a pasted request shows was sent: the credential header lines of `curl -v`
//! (`> api-key: …`), of a command (`curl -H 'Authorization: Bearer …'`, `wget
//! --header=…`, httpie's `api-key:…`), of a request-header dump (`Request headers:`
//! followed by `api-key: …`) and of code that sets the header (PowerShell
//! `@{ "api-key" = … }`, a Python or JavaScript map, `Headers.Add("api-key", …)`, a HAR
//! entry).
//!
//! Users often paste only such output. The header a credential rode in, and the shape of
//! its value, are the facts the rules of `auth-failures.md` 5.3 (which header each
//! service reads) and 3.5 (a key sent as Bearer) turn on. The value is kept as a
//! [`Secret`]: it is analysed, never shown.
//!
//! One pass over the lines, each line scanned once: linear in the text.

use crate::diag::known::headers::CREDENTIAL_HEADERS;
use crate::diag::read::inputs::AuthHeader;
use crate::diag::secret::Secret;

/// How the request line was written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SentVia {
    /// A `curl -v` request line (`> name: value`): what actually left the machine.
    CurlVerbose,
    /// A header line in a dump (`name: value` at the start of a line).
    Dump,
    /// A header argument of a command (curl's `-H`/`--header`, wget's `--header=`,
    /// httpie's `name:value`): what the shell was asked to send.
    CurlArgument,
    /// Code or configuration that sets the header: what the program was told to send.
    Code,
}

/// One credential header seen in the pasted text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SentHeader {
    /// Which header.
    pub header: AuthHeader,
    /// The value (after `Bearer ` for `Authorization`), or `None` when it was shown
    /// masked or as a shell variable: then only the header name is known.
    pub value: Option<Secret>,
    /// When the value comes from a variable (`$AZURE_OPENAI_API_KEY`, `f"Bearer {token}"`,
    /// `process.env.API_KEY`), what the variable's name says it holds.
    pub variable: Option<Holds>,
    /// 1-based line of the pasted text.
    pub line: usize,
    /// How it was written.
    pub via: SentVia,
}

/// What a variable's name says it holds. The name itself is not kept: a masked value
/// may hold pieces of the secret, and a report never quotes it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Holds {
    /// `AZURE_OPENAI_API_KEY`, `apiKey`, `subscription_key`.
    Key,
    /// `token`, `AZURE_OPENAI_AD_TOKEN`, `accessToken`.
    Token,
}

/// At most this many headers are kept; the first ones are the ones used.
const MAX_SENT: usize = 16;

/// The credential header for a header name, if it is one.
fn credential_header(name: &str) -> Option<AuthHeader> {
    AuthHeader::from_name(name)
}

/// True for a value shown masked (`****`, `REDACTED`, `…`), or, in a command or code,
/// left to a shell or a template (`$AZURE_OPENAI_API_KEY`, `%KEY%`, `{api_key}`,
/// `${token}`): not what was sent. (A `curl -v` line or a header dump shows what left,
/// so there `{{aoai_key}}` is what the service got: an unresolved template.) No key or
/// token shape holds `$`, `%`, `{` or `}`.
fn hidden(value: &str, via: SentVia) -> bool {
    let lower = value.to_ascii_lowercase();
    let expanded_later = matches!(via, SentVia::CurlArgument | SentVia::Code);
    value.contains("***")
        || value.contains('…')
        || value.contains("...")
        || (expanded_later && value.contains(['$', '%', '{', '}']))
        || lower.contains("redacted")
        || lower.contains("hidden")
}

/// True when the text is wrapped in one kind of quote.
fn quoted(text: &str) -> bool {
    let t = text.trim();
    ['\'', '"', '`']
        .into_iter()
        .any(|q| t.len() >= 2 && t.starts_with(q) && t.ends_with(q))
}

/// Reads `name: value` into a header, stripping quotes and a trailing comma. A quoted
/// name with an unquoted value is code (`'api-key': process.env.KEY`): the value is
/// an expression, so only the header is known.
fn read(name_value: &str, line: usize, via: SentVia) -> Option<SentHeader> {
    let (name, value) = name_value.split_once(':')?;
    let header = credential_header(name)?;
    let value = value.trim().trim_end_matches(',').trim();
    let expression = quoted(name) && !quoted(value);
    // A JavaScript template literal is code, whatever the line looks like.
    let template = value.starts_with('`');
    let text = value;
    let value = value.trim_matches(['\'', '"', '`']).trim();
    let via = if expression || template {
        SentVia::Code
    } else {
        via
    };
    Some(header_with(
        header,
        (!expression).then_some(value),
        text,
        line,
        via,
    ))
}

/// What the variable an expression or template reads holds, by its name: the last name
/// in `text` with `key` or `token` in it (`AZURE_OPENAI_API_KEY` in
/// `Bearer ${process.env.AZURE_OPENAI_API_KEY}`, `apiKey` in `"Bearer " + apiKey`).
fn variable_holds(text: &str) -> Option<Holds> {
    head(text, 512)
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .filter(|w| w.len() <= 64 && w.starts_with(|c: char| c.is_ascii_alphabetic() || c == '_'))
        .filter_map(|w| {
            let lower = w.to_ascii_lowercase();
            // `token` wins in `api_key_token`-like names; `TOKEN_KEY` is rare either way.
            if lower.contains("token") {
                Some(Holds::Token)
            } else if lower.contains("key") {
                Some(Holds::Key)
            } else {
                None
            }
        })
        .next_back()
}

/// The header with its value: the `Bearer` scheme of `Authorization` is dropped, and a
/// value that is empty, masked or a variable is not kept. `text` is the value as written
/// (an expression, when `value` is `None`), for the variable's name.
fn header_with(
    header: AuthHeader,
    value: Option<&str>,
    text: &str,
    line: usize,
    via: SentVia,
) -> SentHeader {
    let value = value.unwrap_or_default();
    let value = if header == AuthHeader::Authorization {
        match value.split_once(char::is_whitespace) {
            Some((scheme, rest)) if scheme.eq_ignore_ascii_case("bearer") => rest.trim(),
            _ => value,
        }
    } else {
        value
    };
    let kept = !value.is_empty() && !hidden(value, via);
    // A literal value is the secret itself: never read a "name" out of it.
    let variable = if kept { None } else { variable_holds(text) };
    SentHeader {
        header,
        value: kept.then(|| Secret::new(value)),
        variable,
        line,
        via,
    }
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
        // A flag of its own: at the start of the line or after a space, and not the
        // start of a longer word (PowerShell's `-Headers`).
        let before = line.get(..at).unwrap_or_default();
        let next = rest.get(flag_len..).and_then(|r| r.chars().next());
        if !(before.is_empty() || before.ends_with(char::is_whitespace))
            || next.is_some_and(|c| c.is_alphanumeric() || c == '-')
        {
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

/// httpie's request items (`http POST url api-key:abc 'Authorization:Bearer …'`): a
/// header is `name:value`, while `name:=` is a JSON field and `name==` a query parameter.
fn httpie(line: &str, no: usize, out: &mut Vec<SentHeader>) {
    for item in line.split_whitespace().skip(1).take(MAX_FLAGS_PER_LINE) {
        let item = item.trim_matches(['\'', '"']);
        let Some((name, value)) = item.split_once(':') else {
            continue;
        };
        if value.starts_with('=') || out.len() >= MAX_SENT {
            continue;
        }
        if let Some(header) = credential_header(name) {
            out.push(header_with(
                header,
                Some(value),
                value,
                no,
                SentVia::CurlArgument,
            ));
        }
    }
}

/// True for a character that continues a name (`api-key`, `api_key`, `Authorization2`).
fn name_char(c: char) -> bool {
    c.is_alphanumeric() || c == '-' || c == '_'
}

/// A value in code is read up to this many bytes: a JWT is a few kilobytes, and a line
/// of a megabyte is not scanned once per header name on it.
const MAX_VALUE: usize = 16 * 1024;

/// The first `max` bytes of `text`, cut at a character boundary.
fn head(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or_default()
}

/// The value after a header name in code, as a literal when it is one: `"abc"`, `'abc'`.
/// An interpolated string (`f"…"`, `$"…"`, `` `…${t}` ``), a variable or a
/// concatenation (`"Bearer " + token`) gives `None`.
fn literal_value(text: &str) -> Option<&str> {
    let text = text.trim_start();
    let (interpolated, text) = match text.strip_prefix(['f', '$']) {
        Some(rest) if rest.starts_with(['\'', '"']) => (true, rest),
        _ => (false, text.strip_prefix('@').unwrap_or(text)),
    };
    let q = text
        .chars()
        .next()
        .filter(|c| matches!(c, '\'' | '"' | '`'))?;
    let inner = head(text.get(1..)?, MAX_VALUE);
    let (value, after) = inner.split_once(q).unwrap_or((inner, ""));
    let joined = after.trim_start().starts_with(['+', '.', '%']);
    (!interpolated && !joined).then_some(value)
}

/// What follows a header name in code, if it sets the header there: the text of the
/// value. `quoted` says the name was in quotes; `before` is the line up to the name.
fn value_after<'a>(before: &str, after: &'a str, quoted: bool) -> Option<&'a str> {
    let before = before.trim_end();
    // HAR and similar: `"name": "api-key", "value": "…"`.
    if quoted && before.ends_with(':') {
        let key = before.trim_end_matches(':').trim_end();
        let key = key.get(key.len().saturating_sub(6)..).unwrap_or_default();
        if !key.eq_ignore_ascii_case("\"name\"") && !key.eq_ignore_ascii_case("'name'") {
            return None;
        }
        let rest = after.trim_start().strip_prefix(',')?.trim_start();
        let rest = rest
            .strip_prefix("\"value\"")
            .or_else(|| rest.strip_prefix("'value'"))?;
        return rest.trim_start().strip_prefix(':');
    }
    if before.ends_with('=') {
        return None; // the name is itself a value (`header = 'api-key'`)
    }
    let after = if quoted {
        after.strip_prefix(']').unwrap_or(after) // `headers["api-key"] = …`
    } else {
        after
    };
    let rest = after.trim_start();
    if let Some(v) = rest.strip_prefix("=>") {
        return Some(v);
    }
    if let Some(v) = rest.strip_prefix('=') {
        return (!v.starts_with('=')).then_some(v);
    }
    if let Some(v) = rest.strip_prefix(':') {
        // A bare name is a map key only after `{`, `,` or `;` (`{ Authorization: t }`).
        let key_position = quoted || before.is_empty() || before.ends_with(['{', ',', ';']);
        return (key_position && !v.starts_with(':')).then_some(v);
    }
    if let Some(v) = rest.strip_prefix(',') {
        // A call's first argument: `Headers.Add("api-key", …)`, `.header("api-key", …)`.
        return (quoted && before.ends_with('(')).then_some(v);
    }
    None
}

/// Credential headers set in code or configuration anywhere on a line: PowerShell
/// `@{ "api-key" = "…" }`, Python and JavaScript maps (`{"api-key": key}`,
/// `{ Authorization: token }`), subscripts (`headers["api-key"] = …`), calls
/// (`Headers.Add("api-key", …)`, `req.Header.Set("Authorization", …)`), .NET's
/// `AuthenticationHeaderValue("Bearer", …)` and HAR entries. A literal value is read; a
/// variable or an expression leaves only the header known.
fn in_code(line: &str, no: usize, out: &mut Vec<SentHeader>) {
    let lower = line.to_ascii_lowercase();
    let mut found: Vec<(usize, SentHeader)> = Vec::new();
    for row in CREDENTIAL_HEADERS {
        let (name, header) = (row.name.to_ascii_lowercase(), row.header);
        for (at, _) in lower.match_indices(name.as_str()).take(MAX_FLAGS_PER_LINE) {
            let end = at + name.len();
            let (Some(before), Some(after)) = (line.get(..at), line.get(end..)) else {
                continue;
            };
            let prev = before.chars().next_back();
            let next = after.chars().next();
            let quote = prev.filter(|c| matches!(c, '\'' | '"' | '`'));
            let (before, after, is_quoted) = match quote {
                Some(q) if next == Some(q) => (
                    before.get(..before.len() - 1).unwrap_or_default(),
                    after.get(1..).unwrap_or_default(),
                    true,
                ),
                Some(_) => continue,
                None if prev.is_some_and(name_char) || next.is_some_and(name_char) => continue,
                None => (before, after, false),
            };
            if let Some(v) = value_after(before, after, is_quoted) {
                let h = header_with(header, literal_value(v), v, no, SentVia::Code);
                found.push((at, h));
            }
        }
    }
    for (at, _) in lower
        .match_indices("authenticationheadervalue(")
        .take(MAX_FLAGS_PER_LINE)
    {
        let args = line
            .get(at + "authenticationheadervalue(".len()..)
            .unwrap_or_default();
        let Some(rest) = args.trim_start().strip_prefix("\"Bearer\"") else {
            continue;
        };
        if let Some(v) = rest.trim_start().strip_prefix(',') {
            let h = header_with(
                AuthHeader::Authorization,
                literal_value(v),
                v,
                no,
                SentVia::Code,
            );
            found.push((at, h));
        }
    }
    found.sort_by_key(|(at, _)| *at);
    // `X.Authorization = new AuthenticationHeaderValue("Bearer", "…")` names the header
    // twice; the mention that carries the value stands for both.
    let valued: Vec<AuthHeader> = found
        .iter()
        .filter(|(_, h)| h.value.is_some())
        .map(|(_, h)| h.header)
        .collect();
    found.retain(|(_, h)| h.value.is_some() || !valued.contains(&h.header));
    let room = MAX_SENT.saturating_sub(out.len());
    out.extend(found.into_iter().take(room).map(|(_, h)| h));
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
        // A Python or Node prompt (`>>> r = requests.post(…)`) is code, not curl's `>`.
        let t = t
            .strip_prefix(">>> ")
            .or_else(|| t.strip_prefix("... "))
            .unwrap_or(t);
        if let Some(rest) = t.strip_prefix('>') {
            out.extend(read(rest, no, SentVia::CurlVerbose));
        } else if t.starts_with('<') || t.starts_with('*') {
            // A response line or curl's own notes.
        } else if let Some(h) = read(t.trim_start_matches(['-', '•']), no, SentVia::Dump) {
            out.push(h);
        } else {
            let before = out.len();
            if t.contains("-H") || t.contains("--header") {
                arguments(t, no, &mut out);
            }
            let command = t.split_whitespace().next().unwrap_or_default();
            if out.len() == before && matches!(command, "http" | "https" | "xh" | "xhs") {
                httpie(t, no, &mut out);
            }
            if out.len() == before {
                in_code(t, no, &mut out);
            }
        }
    }
    out
}

/// The header to take as sent: a `curl -v` line (what really left) over a dump line over
/// a command's argument (what the shell was asked to send) over code.
pub fn best(sent: &[SentHeader]) -> Option<&SentHeader> {
    [
        SentVia::CurlVerbose,
        SentVia::Dump,
        SentVia::CurlArgument,
        SentVia::Code,
    ]
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

    /// `(header, value)` of every header read from `text`.
    fn headers(text: &str) -> Vec<(AuthHeader, Option<String>)> {
        read_sent(text)
            .iter()
            .map(|h| (h.header, h.value.as_ref().map(|v| v.expose().to_string())))
            .collect()
    }

    fn key(v: &str) -> (AuthHeader, Option<String>) {
        (AuthHeader::ApiKey, Some(v.to_string()))
    }

    #[test]
    fn powershell_hashtables_on_one_line_and_several() {
        let one = r#"Invoke-RestMethod -Uri $u -Method Post -Headers @{"api-key"="k1"; "Content-Type"="application/json"}"#;
        assert_eq!(headers(one), vec![key("k1")]);
        let several =
            "$headers = @{\n    'api-key' = 'k2'\n    Authorization = \"Bearer $token\"\n}";
        assert_eq!(
            headers(several),
            vec![key("k2"), (AuthHeader::Authorization, None)]
        );
    }

    #[test]
    fn maps_subscripts_and_calls_in_code() {
        let code = [
            r#"headers = {"api-key": "k1", "Content-Type": "application/json"}"#,
            r#"r = requests.post(url, headers={'Authorization': f'Bearer {token}'})"#,
            "fetch(url, { headers: { 'api-key': process.env.AZURE_OPENAI_API_KEY } })",
            "  Authorization: `Bearer ${token}`,",
            r#"req.headers["Ocp-Apim-Subscription-Key"] = "k3""#,
            r#"client.DefaultRequestHeaders.Add("api-key", "k4");"#,
            r#"req.Header.Set("Authorization", "Bearer "+token)"#,
            r#"http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", "tok5");"#,
            r#"  { "name": "api-key", "value": "k6" },"#,
            "$h = @{ Authorization = \"Bearer tok7\" }",
        ]
        .join("\n");
        assert_eq!(
            headers(&code),
            vec![
                key("k1"),
                (AuthHeader::Authorization, None),
                (AuthHeader::ApiKey, None),
                (AuthHeader::Authorization, None),
                (AuthHeader::ApimSubscription, Some("k3".into())),
                key("k4"),
                (AuthHeader::Authorization, None),
                (AuthHeader::Authorization, Some("tok5".into())),
                key("k6"),
                (AuthHeader::Authorization, Some("tok7".into())),
            ]
        );
    }

    #[test]
    fn a_variable_says_whether_it_holds_a_key_or_a_token() {
        let holds = |text: &str| read_sent(text).first().and_then(|h| h.variable);
        let cases = [
            (
                "curl -H \"Authorization: Bearer $AZURE_OPENAI_API_KEY\"",
                Some(Holds::Key),
            ),
            (
                "headers = {\"Authorization\": f\"Bearer {token}\"}",
                Some(Holds::Token),
            ),
            (
                "headers: { Authorization: 'Bearer ' + apiKey }",
                Some(Holds::Key),
            ),
            (
                "$h = @{ Authorization = \"Bearer $env:AZURE_OPENAI_AD_TOKEN\" }",
                Some(Holds::Token),
            ),
            (
                "req.Header.Set(\"api-key\", os.Getenv(\"AZURE_OPENAI_API_KEY\"))",
                Some(Holds::Key),
            ),
            ("headers = {\"api-key\": secret}", None),
            ("> authorization: Bearer abc-key-def", None), // a value, not a variable
        ];
        for (text, want) in cases {
            assert_eq!(holds(text), want, "{text}");
        }
    }

    #[test]
    fn a_python_prompt_is_not_a_curl_request_line() {
        let text = r#">>> r = requests.post(url, headers={"api-key": "k1"})"#;
        assert_eq!(headers(text), vec![key("k1")]);
    }

    #[test]
    fn what_left_is_taken_literally_and_what_a_shell_expands_is_not() {
        assert_eq!(
            headers("Request Headers\napi-key: {{aoai_key}}\n> api-key: $KEY\n"),
            vec![key("{{aoai_key}}"), key("$KEY")]
        );
        assert_eq!(
            headers("curl -H 'api-key: {{aoai_key}}' -H \"api-key: $KEY\""),
            vec![(AuthHeader::ApiKey, None), (AuthHeader::ApiKey, None)]
        );
    }

    #[test]
    fn commands_other_than_curl() {
        assert_eq!(
            headers(
                "wget --header='api-key: k1' https://x\nhttp POST https://x api-key:k2 msg:=1 q==2"
            ),
            vec![key("k1"), key("k2")]
        );
    }

    #[test]
    fn a_header_name_as_a_value_or_in_prose_is_not_a_header_sent() {
        let text = [
            "subscriptionKeyParameterNames: { header: 'api-key', query: 'api-key' }",
            "The api-key header is missing; check the Authorization policy.",
            "x_api_key = 1; my-api-key: 2; if h == 'api-key': pass",
            "headers.get(\"api-key\")",
        ]
        .join("\n");
        assert_eq!(headers(&text), vec![]);
    }

    #[test]
    fn a_megabyte_line_of_flags_is_read_quickly() {
        let line = "-H '".repeat(250_000);
        assert!(read_sent(&line).is_empty());
        let line = format!("curl {}", "-H 'api-key: abcdefgh' ".repeat(50_000));
        assert_eq!(read_sent(&line).len(), MAX_SENT);
    }

    #[test]
    fn a_megabyte_line_of_code_is_read_quickly() {
        let line = "'api-key': 'x".repeat(80_000);
        assert!(read_sent(&line).len() <= MAX_SENT);
        // Only the first mentions of a name on one line are looked at.
        let line = format!("{}{}", "\"api-key\" ".repeat(100_000), "= 'k'");
        assert_eq!(headers(&line), vec![]);
        let line = format!("{}{}", "\"api-key\" ".repeat(10), "= 'k'");
        assert_eq!(headers(&line), vec![key("k")]);
    }

    #[test]
    fn a_long_paste_keeps_a_bounded_list() {
        let text = "> api-key: abcdefgh\n".repeat(50_000);
        assert_eq!(read_sent(&text).len(), MAX_SENT);
    }
}
