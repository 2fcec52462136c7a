//! A small web URL parser: the part of the WHATWG URL Standard that the endpoint checks
//! and the probe read, written here instead of pulling in the `url` crate (with IDNA,
//! form and percent encoding, about 30 KB of the page's wasm).
//!
//! It follows the standard's basic URL parser, without a base URL, where our checks
//! depend on it, so that what we judge is what a browser or an SDK would request:
//!
//! - Leading and trailing C0 controls and spaces are trimmed; tabs, line feeds and
//!   carriage returns are removed everywhere (the endpoint checks look at the raw text
//!   first to report such damage).
//! - The scheme is lower-cased. For `http`, `https`, `ws`, `wss` and `ftp` any run of
//!   `/` and `\` after it is skipped (`https:host`, `https:///host`, `https:\\host` all
//!   name `host`), and `\` separates path segments like `/`.
//! - The host is percent-decoded and lower-cased. A host that ends in a number is an IPv4
//!   address in any form the standard reads (`127.1`, `0x7f.0.0.1`, `2130706433`) or an
//!   error, never a domain; `[…]` is an IPv6 address. Hosts outside ASCII are refused
//!   ([`UrlError::NonAsciiHost`]): there is no IDNA here, and every host we care
//!   about is ASCII.
//! - A port equal to the scheme's default is dropped, as browsers do: `https://x:443/`
//!   has no port.
//! - The path loses its `.` and `..` segments (also written `%2e`) and is
//!   percent-encoded as the standard encodes it, so a path shown back or copied into a
//!   fix is what goes on the wire.
//!
//! Not done, because nothing here needs it: relative references and base URLs, Unicode
//! host names (IDNA, Punycode checks: an `xn--` label is taken as typed), Windows drive
//! letters in `file:` URLs, and the finer points of non-special schemes (`mailto:`,
//! `data:`), which are read only far enough to say they have no web host.
//!
//! Every step is one pass over the text: linear time, and no panic on any input.

use std::fmt::{self, Write};
use std::net::{Ipv4Addr, Ipv6Addr};

/// A parsed absolute URL. The user name and password are not kept, only whether there
/// were any, so no secret can leak from here.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct WebUrl {
    scheme: String,
    credentials: bool,
    host: Option<Host>,
    port: Option<u16>,
    path: String,
    query: Option<String>,
    fragment: Option<String>,
}

/// The host of a URL.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Host {
    /// A domain name: ASCII, lower case for web schemes, possibly with empty labels or a
    /// trailing dot (the endpoint checks report those).
    Domain(String),
    /// An IPv4 address, in whichever notation it was written.
    Ipv4(Ipv4Addr),
    /// An IPv6 address, written in brackets.
    Ipv6(Ipv6Addr),
}

impl fmt::Display for Host {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Host::Domain(d) => f.write_str(d),
            Host::Ipv4(a) => write!(f, "{a}"),
            Host::Ipv6(a) => write!(f, "[{a}]"),
        }
    }
}

/// Why a text is not an absolute URL. The messages never quote the text: it may hold a
/// secret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlError {
    /// No `scheme:` at the start (a relative URL, or no URL at all).
    NoScheme,
    /// Nothing between `scheme://` (or `user@`) and the path.
    EmptyHost,
    /// A port that is not a number from 0 to 65535.
    InvalidPort,
    /// A host that ends in a number but is no valid IPv4 address.
    InvalidIpv4,
    /// A bracketed host that is no valid IPv6 address.
    InvalidIpv6,
    /// A character no host can have (space, `<`, `%` left after decoding, …).
    InvalidDomainCharacter,
    /// A character outside ASCII in the host, which would need IDNA.
    NonAsciiHost(char),
}

impl fmt::Display for UrlError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            UrlError::NoScheme => {
                f.write_str("The text does not start with a scheme such as `https://`, so it is no absolute URL.")
            }
            UrlError::EmptyHost => f.write_str("The URL has no host name after its scheme."),
            UrlError::InvalidPort => {
                f.write_str("The URL's port is not a number from 0 to 65535.")
            }
            UrlError::InvalidIpv4 => f.write_str(
                "The URL's host ends in a number, so it must be an IPv4 address, but it is not a valid one.",
            ),
            UrlError::InvalidIpv6 => {
                f.write_str("The URL's host in brackets is not a valid IPv6 address.")
            }
            UrlError::InvalidDomainCharacter => {
                f.write_str("The URL's host contains a character that no host name can have.")
            }
            UrlError::NonAsciiHost(c) => write!(
                f,
                "The URL's host contains U+{:04X}, a character outside ASCII; international host names are not read here.",
                *c as u32
            ),
        }
    }
}

impl std::error::Error for UrlError {}

/// How a scheme is parsed: the standard's "special" schemes with their default ports,
/// `file`, and everything else.
#[derive(Clone, Copy, PartialEq, Eq)]
enum SchemeKind {
    Special(u16),
    File,
    Other,
}

fn kind_of(scheme: &str) -> SchemeKind {
    match scheme {
        "http" | "ws" => SchemeKind::Special(80),
        "https" | "wss" => SchemeKind::Special(443),
        "ftp" => SchemeKind::Special(21),
        "file" => SchemeKind::File,
        _ => SchemeKind::Other,
    }
}

impl WebUrl {
    /// Parses an absolute URL (see the module comment for what is and is not done).
    ///
    /// # Errors
    /// A [`UrlError`] naming the first problem, in the standard's order: scheme, host,
    /// port.
    pub fn parse(input: &str) -> Result<WebUrl, UrlError> {
        let text: String = input
            .trim_matches(|c: char| c <= ' ')
            .chars()
            .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
            .collect();
        let (scheme, rest) = split_scheme(&text).ok_or(UrlError::NoScheme)?;
        let kind = kind_of(&scheme);
        let special = kind != SchemeKind::Other;
        let mut url = WebUrl {
            scheme,
            credentials: false,
            host: None,
            port: None,
            path: String::new(),
            query: None,
            fragment: None,
        };
        let rest = match kind {
            SchemeKind::Special(default_port) => {
                let (authority, rest) = split_authority(rest.trim_start_matches(['/', '\\']), true);
                url.read_authority(authority, Some(default_port), true)?;
                rest
            }
            SchemeKind::File => match strip_two_slashes(rest) {
                Some(after) => {
                    let (host, rest) = split_authority(after, true);
                    if !host.is_empty() {
                        let host = parse_host(host)?;
                        if host != Host::Domain("localhost".into()) {
                            url.host = Some(host);
                        }
                    }
                    rest
                }
                None => rest,
            },
            SchemeKind::Other => match rest.strip_prefix("//") {
                Some(after) => {
                    let (authority, rest) = split_authority(after, false);
                    url.read_authority(authority, None, false)?;
                    rest
                }
                None => rest,
            },
        };
        let path_end = rest.find(['?', '#']).unwrap_or(rest.len());
        let (path, rest) = rest.split_at(path_end);
        url.path = if special || path.starts_with('/') || url.host.is_some() {
            normalize_path(path, special)
        } else {
            // An opaque path (`mailto:x@y`): only controls and non-ASCII are escaped.
            encode(path, |_| false)
        };
        let (query, fragment) = match rest.split_once('#') {
            Some((q, f)) => (q, Some(f)),
            None => (rest, None),
        };
        if let Some(q) = query.strip_prefix('?') {
            url.query = Some(encode(q, |b| {
                matches!(b, b' ' | b'"' | b'#' | b'<' | b'>') || (special && b == b'\'')
            }));
        }
        url.fragment =
            fragment.map(|f| encode(f, |b| matches!(b, b' ' | b'"' | b'<' | b'>' | b'`')));
        Ok(url)
    }

    /// Reads `[userinfo@]host[:port]` into `self`. An empty host is `None` here; web
    /// schemes refuse it afterwards.
    fn read_authority(
        &mut self,
        authority: &str,
        default_port: Option<u16>,
        special: bool,
    ) -> Result<(), UrlError> {
        let hostport = match authority.rsplit_once('@') {
            Some((userinfo, hostport)) => {
                // `user:` and `:` alone carry nothing, as the standard serialises them.
                self.credentials = !userinfo.is_empty() && userinfo != ":";
                if hostport.is_empty() {
                    return Err(UrlError::EmptyHost);
                }
                hostport
            }
            None => authority,
        };
        let mut in_brackets = false;
        let mut colon = None;
        for (i, c) in hostport.char_indices() {
            match c {
                '[' => in_brackets = true,
                ']' => in_brackets = false,
                ':' if !in_brackets => {
                    colon = Some(i);
                    break;
                }
                _ => {}
            }
        }
        let (host, port) = match colon {
            Some(i) => {
                let (host, port) = hostport.split_at(i);
                (host, port.strip_prefix(':'))
            }
            None => (hostport, None),
        };
        if host.is_empty() {
            return if special || port.is_some() {
                Err(UrlError::EmptyHost)
            } else {
                Ok(())
            };
        }
        self.host = Some(if special {
            parse_host(host)?
        } else {
            parse_opaque_host(host)?
        });
        if let Some(port) = port {
            self.port = parse_port(port, default_port)?;
        }
        Ok(())
    }

    /// The scheme, lower case, without `:`.
    pub fn scheme(&self) -> &str {
        &self.scheme
    }

    /// True when a user name or a password came before the host (`user:pass@host`).
    pub fn has_credentials(&self) -> bool {
        self.credentials
    }

    /// The host, if the URL has one.
    pub fn host(&self) -> Option<&Host> {
        self.host.as_ref()
    }

    /// The port, unless absent or the scheme's default (`https://x:443` has none).
    pub fn port(&self) -> Option<u16> {
        self.port
    }

    /// The path, normalised and percent-encoded; `/` at least for web schemes.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The query without its `?`, percent-encoded where the standard encodes it.
    pub fn query(&self) -> Option<&str> {
        self.query.as_deref()
    }

    /// The fragment without its `#`.
    pub fn fragment(&self) -> Option<&str> {
        self.fragment.as_deref()
    }

    /// The query's `key=value` pairs, decoded as an HTML form decodes them (`+` is a
    /// space, `%XX` a byte, invalid UTF-8 becomes `�`). Empty pieces are skipped.
    pub fn query_pairs(&self) -> impl Iterator<Item = (String, String)> + '_ {
        self.query
            .as_deref()
            .unwrap_or("")
            .split('&')
            .filter(|p| !p.is_empty())
            .map(|p| {
                let (k, v) = p.split_once('=').unwrap_or((p, ""));
                (form_decode(k), form_decode(v))
            })
    }

    /// The URL as text, without user name and password (they are not kept): for
    /// comparing with another URL, not for sending.
    pub fn without_credentials(&self) -> String {
        let mut out = self.scheme.clone();
        out.push(':');
        if let Some(host) = &self.host {
            out.push_str(&format!("//{host}"));
            if let Some(port) = self.port {
                out.push_str(&format!(":{port}"));
            }
        } else if kind_of(&self.scheme) == SchemeKind::File {
            out.push_str("//");
        }
        out.push_str(&self.path);
        if let Some(q) = &self.query {
            out.push('?');
            out.push_str(q);
        }
        if let Some(f) = &self.fragment {
            out.push('#');
            out.push_str(f);
        }
        out
    }
}

/// Splits `scheme:rest`, the scheme lower-cased. `None` when the text does not start
/// with a letter followed by letters, digits, `+`, `-` or `.` up to a `:`.
fn split_scheme(text: &str) -> Option<(String, &str)> {
    let (scheme, rest) = text.split_once(':')?;
    let mut bytes = scheme.bytes();
    let valid = bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'));
    valid.then(|| (scheme.to_ascii_lowercase(), rest))
}

/// Splits the authority from what follows it: it ends at `/`, `?`, `#`, or for web
/// schemes `\`.
fn split_authority(text: &str, special: bool) -> (&str, &str) {
    let end = text
        .find(|c| matches!(c, '/' | '?' | '#') || (special && c == '\\'))
        .unwrap_or(text.len());
    text.split_at(end)
}

/// `file:` takes its host only after two slashes (either kind).
fn strip_two_slashes(text: &str) -> Option<&str> {
    text.strip_prefix(['/', '\\'])?.strip_prefix(['/', '\\'])
}

/// Bytes no domain may contain after percent-decoding (the standard's forbidden domain
/// code points, ASCII part).
fn is_forbidden_in_domain(b: u8) -> bool {
    is_forbidden_in_host(b) || b <= 0x1f || b == b'%' || b == 0x7f
}

/// WHATWG's forbidden host code points (ASCII): what would break a URL's structure.
fn is_forbidden_in_host(b: u8) -> bool {
    matches!(
        b,
        0 | b'\t'
            | b'\n'
            | b'\r'
            | b' '
            | b'#'
            | b'/'
            | b':'
            | b'<'
            | b'>'
            | b'?'
            | b'@'
            | b'['
            | b'\\'
            | b']'
            | b'^'
            | b'|'
    )
}

/// The host of a web URL: IPv6 in brackets, else a percent-decoded, lower-cased ASCII
/// domain, which is an IPv4 address when its last label is a number.
fn parse_host(text: &str) -> Result<Host, UrlError> {
    if let Some(inner) = text.strip_prefix('[') {
        let inner = inner.strip_suffix(']').ok_or(UrlError::InvalidIpv6)?;
        return inner
            .parse::<Ipv6Addr>()
            .map(Host::Ipv6)
            .map_err(|_| UrlError::InvalidIpv6);
    }
    let decoded = String::from_utf8(percent_decode(text.as_bytes()))
        .map_err(|_| UrlError::InvalidDomainCharacter)?;
    if let Some(c) = decoded.chars().find(|c| !c.is_ascii()) {
        return Err(UrlError::NonAsciiHost(c));
    }
    if decoded.bytes().any(is_forbidden_in_domain) {
        return Err(UrlError::InvalidDomainCharacter);
    }
    let domain = decoded.to_ascii_lowercase();
    if ends_in_a_number(&domain) {
        return parse_ipv4(&domain).map(Host::Ipv4);
    }
    Ok(Host::Domain(domain))
}

/// The host of a URL with another scheme: taken as written, controls and non-ASCII
/// escaped; only characters that would break the URL's structure are refused.
fn parse_opaque_host(text: &str) -> Result<Host, UrlError> {
    if text.starts_with('[') {
        return parse_host(text);
    }
    if text.bytes().any(is_forbidden_in_host) {
        return Err(UrlError::InvalidDomainCharacter);
    }
    Ok(Host::Domain(encode(text, |_| false)))
}

/// The port after `:`: digits only, at most 65535; empty or the default means none.
fn parse_port(text: &str, default_port: Option<u16>) -> Result<Option<u16>, UrlError> {
    if text.is_empty() {
        return Ok(None);
    }
    let mut port: u16 = 0;
    for b in text.bytes() {
        let digit = (b as char).to_digit(10).ok_or(UrlError::InvalidPort)?;
        port = port
            .checked_mul(10)
            .and_then(|p| p.checked_add(digit as u16))
            .ok_or(UrlError::InvalidPort)?;
    }
    Ok(Some(port).filter(|p| Some(*p) != default_port))
}

/// The standard's "ends in a number" test: the last label (before an optional final
/// dot) is all digits or reads as an IPv4 number (`0x7f`, `017`).
fn ends_in_a_number(domain: &str) -> bool {
    let trimmed = domain.strip_suffix('.').unwrap_or(domain);
    let last = trimmed.rsplit('.').next().unwrap_or("");
    (!last.is_empty() && last.bytes().all(|b| b.is_ascii_digit())) || ipv4_number(last).is_ok()
}

/// One part of an IPv4 address: decimal, octal with a leading `0`, hex with `0x`.
/// `Ok(None)` for a valid number too big for 32 bits; `Err` for no number at all.
fn ipv4_number(text: &str) -> Result<Option<u32>, ()> {
    if text.is_empty() {
        return Err(());
    }
    let (digits, radix) =
        if let Some(hex) = text.strip_prefix("0x").or_else(|| text.strip_prefix("0X")) {
            (hex, 16)
        } else if text.len() >= 2 {
            match text.strip_prefix('0') {
                Some(octal) => (octal, 8),
                None => (text, 10),
            }
        } else {
            (text, 10)
        };
    let mut value = Some(0u32);
    for c in digits.chars() {
        let d = c.to_digit(radix).ok_or(())?;
        value = value
            .and_then(|v| v.checked_mul(radix))
            .and_then(|v| v.checked_add(d));
    }
    Ok(value)
}

/// The standard's IPv4 parser: one to four numbers; all but the last below 256, the
/// last filling the remaining bytes (`127.1` is 127.0.0.1).
fn parse_ipv4(domain: &str) -> Result<Ipv4Addr, UrlError> {
    let trimmed = domain.strip_suffix('.').unwrap_or(domain);
    // Five parts are already too many; the rest is never looked at.
    let parts: Vec<&str> = trimmed.split('.').take(5).collect();
    if parts.len() > 4 {
        return Err(UrlError::InvalidIpv4);
    }
    let mut numbers = parts
        .iter()
        .map(|p| ipv4_number(p).ok().flatten().ok_or(UrlError::InvalidIpv4))
        .collect::<Result<Vec<u32>, UrlError>>()?;
    let last = numbers.pop().ok_or(UrlError::InvalidIpv4)?;
    let leading = numbers.len() as u32;
    if u64::from(last) >= 1u64 << (8 * (4 - leading)) || numbers.iter().any(|n| *n > 255) {
        return Err(UrlError::InvalidIpv4);
    }
    let address = numbers
        .iter()
        .zip((1..=3u32).rev())
        .fold(last, |acc, (n, shift)| acc | (n << (8 * shift)));
    Ok(Ipv4Addr::from(address))
}

/// Resolves `.` and `..` segments (also `%2e`) and percent-encodes each segment. The
/// text starts after the host (or the scheme) and ends before `?` or `#`; web schemes
/// split at `\` too and always have at least `/`.
fn normalize_path(text: &str, special: bool) -> String {
    if text.is_empty() && !special {
        return String::new();
    }
    let text = text
        .strip_prefix('/')
        .or_else(|| text.strip_prefix('\\').filter(|_| special))
        .unwrap_or(text);
    let mut segments: Vec<String> = Vec::new();
    let mut pieces = text
        .split(|c| c == '/' || (special && c == '\\'))
        .peekable();
    while let Some(piece) = pieces.next() {
        let last = pieces.peek().is_none();
        let segment = encode(piece, |b| {
            matches!(
                b,
                b' ' | b'"' | b'<' | b'>' | b'`' | b'#' | b'?' | b'{' | b'}'
            )
        });
        let lower = segment.to_ascii_lowercase();
        match lower.as_str() {
            ".." | ".%2e" | "%2e." | "%2e%2e" => {
                segments.pop();
                if last {
                    segments.push(String::new());
                }
            }
            "." | "%2e" => {
                if last {
                    segments.push(String::new());
                }
            }
            _ => segments.push(segment),
        }
    }
    format!("/{}", segments.join("/"))
}

/// Percent-encodes `text`: controls, DEL, everything outside ASCII, and the ASCII bytes
/// `also` names.
fn encode(text: &str, also: impl Fn(u8) -> bool) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        if !(0x20..0x7f).contains(&b) || also(b) {
            push_escaped(&mut out, b);
        } else {
            out.push(b as char);
        }
    }
    out
}

fn push_escaped(out: &mut String, b: u8) {
    // Writing to a String cannot fail.
    let _ = write!(out, "%{b:02X}");
}

/// Decodes `%XX` escapes to bytes; a `%` not followed by two hex digits stays as typed.
pub fn percent_decode(bytes: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = |k: usize| bytes.get(k).and_then(|h| (*h as char).to_digit(16));
        if b == b'%' {
            if let (Some(hi), Some(lo)) = (hex(i + 1), hex(i + 2)) {
                out.push((hi * 16 + lo) as u8);
                i += 3;
                continue;
            }
        }
        out.push(b);
        i += 1;
    }
    out
}

/// One key or value of a form-encoded query: `+` is a space, then `%XX` escapes.
fn form_decode(text: &str) -> String {
    let plus_as_space: Vec<u8> = text
        .bytes()
        .map(|b| if b == b'+' { b' ' } else { b })
        .collect();
    String::from_utf8_lossy(&percent_decode(&plus_as_space)).into_owned()
}

/// Escapes text for one path segment of a URL we build: everything but RFC 3986's
/// unreserved characters and a few harmless marks, so the segment can hold no `/`, `?`,
/// `#`, `%` or `\` of its own.
pub fn encode_path_segment(text: &str) -> String {
    encode(text, |b| {
        matches!(
            b,
            b' ' | b'"' | b'<' | b'>' | b'`' | b'#' | b'?' | b'{' | b'}' | b'/' | b'%' | b'\\'
        )
    })
}

/// Escapes text for a query key or value of a URL we build, as an HTML form does:
/// letters, digits and `*-._` stay, a space becomes `+`, everything else `%XX`.
pub fn encode_form_component(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for b in text.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => push_escaped(&mut out, b),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn url(text: &str) -> WebUrl {
        match WebUrl::parse(text) {
            Ok(u) => u,
            Err(e) => panic!("{text:?}: {e}"),
        }
    }

    fn domain(text: &str) -> Option<Host> {
        Some(Host::Domain(text.to_string()))
    }

    #[test]
    fn reads_the_parts_of_a_request_url() {
        let u = url("https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21#top");
        assert_eq!(u.scheme(), "https");
        assert!(!u.has_credentials());
        assert_eq!(u.host().cloned(), domain("contoso.openai.azure.com"));
        assert_eq!(u.port(), None);
        assert_eq!(u.path(), "/openai/deployments/gpt-4o/chat/completions");
        assert_eq!(u.query(), Some("api-version=2024-10-21"));
        assert_eq!(u.fragment(), Some("top"));
        assert_eq!(
            u.without_credentials(),
            "https://contoso.openai.azure.com/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21#top"
        );
    }

    #[test]
    fn scheme_and_host_are_lower_cased() {
        let u = url("HTTPS://Host.Openai.Azure.Com");
        assert_eq!(u.scheme(), "https");
        assert_eq!(u.host().cloned(), domain("host.openai.azure.com"));
        assert_eq!(u.path(), "/");
        assert_eq!(u.query(), None);
        assert_eq!(u.fragment(), None);
    }

    #[test]
    fn credentials_are_noticed_but_not_kept() {
        for (text, has) in [
            ("https://user:pw@host", true),
            ("https://user@host", true),
            ("https://:pw@host", true),
            ("https://user:@host", true),
            ("https://:@host", false),
            ("https://@host", false),
            ("https://host", false),
            ("https://a@b@host/", true),
        ] {
            let u = url(text);
            assert_eq!(u.has_credentials(), has, "{text}");
            assert_eq!(u.host().cloned(), domain("host"), "{text}");
            assert!(!u.without_credentials().contains('@'), "{text}");
            assert!(!format!("{u:?}").contains("pw"), "{text}");
        }
    }

    #[test]
    fn default_ports_are_dropped() {
        let cases = [
            ("https://host:443/", None),
            ("https://host:0443/", None),
            ("https://host:/", None),
            ("https://host:8443", Some(8443)),
            ("https://host:80", Some(80)),
            ("http://host:80", None),
            ("http://host:443", Some(443)),
            ("wss://host:443", None),
            ("https://host:0", Some(0)),
            ("https://host:65535", Some(65535)),
        ];
        for (text, port) in cases {
            assert_eq!(url(text).port(), port, "{text}");
        }
        assert_eq!(
            url("https://host:8443/x").without_credentials(),
            "https://host:8443/x"
        );
    }

    #[test]
    fn ip_literals_in_every_notation() {
        let v4 = |a, b, c, d| Some(Host::Ipv4(Ipv4Addr::new(a, b, c, d)));
        let cases = [
            ("https://1.2.3.4/", v4(1, 2, 3, 4)),
            ("https://1.2.3.4./", v4(1, 2, 3, 4)),
            ("https://127.1/", v4(127, 0, 0, 1)),
            ("https://0x7f.1/", v4(127, 0, 0, 1)),
            ("https://0X7F.0.0.1/", v4(127, 0, 0, 1)),
            ("https://0x7f000001/", v4(127, 0, 0, 1)),
            ("https://2130706433/", v4(127, 0, 0, 1)),
            ("https://0177.0.0.01/", v4(127, 0, 0, 1)),
            ("https://10.0.0.4:8080/", v4(10, 0, 0, 4)),
            ("https://169.254.169.254/metadata", v4(169, 254, 169, 254)),
            ("https://[::1]/", Some(Host::Ipv6(Ipv6Addr::LOCALHOST))),
            (
                "https://[FE80::1]:8443/",
                Some(Host::Ipv6(Ipv6Addr::new(0xfe80, 0, 0, 0, 0, 0, 0, 1))),
            ),
            (
                "https://[::ffff:1.2.3.4]/",
                Some(Host::Ipv6(Ipv4Addr::new(1, 2, 3, 4).to_ipv6_mapped())),
            ),
            // Numbers inside a name do not make it an address.
            ("https://1.2.3.4a/", domain("1.2.3.4a")),
            ("https://0x7g/", domain("0x7g")),
            ("https://a1.b2/", domain("a1.b2")),
        ];
        for (text, host) in cases {
            assert_eq!(url(text).host().cloned(), host, "{text}");
        }
        assert_eq!(url("https://[::1]:8443/").port(), Some(8443));
        assert_eq!(
            url("https://[0:0::1]/").host().map(ToString::to_string),
            Some("[::1]".into())
        );
    }

    #[test]
    fn refusals() {
        let cases = [
            ("", UrlError::NoScheme),
            ("host/path", UrlError::NoScheme),
            ("//host/path", UrlError::NoScheme),
            ("1https://host", UrlError::NoScheme),
            ("ht tps://host", UrlError::NoScheme),
            ("https://", UrlError::EmptyHost),
            ("https:", UrlError::EmptyHost),
            ("https:///", UrlError::EmptyHost),
            ("https://?x", UrlError::EmptyHost),
            ("https://user@", UrlError::EmptyHost),
            ("https://user@/x", UrlError::EmptyHost),
            ("https://:443", UrlError::EmptyHost),
            ("https://host:65536/", UrlError::InvalidPort),
            ("https://host:99999999999999999999/", UrlError::InvalidPort),
            ("https://host:8o/", UrlError::InvalidPort),
            ("https://host:-1/", UrlError::InvalidPort),
            ("https://host:443:443/", UrlError::InvalidPort),
            ("https://1.2.3.256/", UrlError::InvalidIpv4),
            ("https://1.2.3.4.5/", UrlError::InvalidIpv4),
            ("https://256.1.1.1/", UrlError::InvalidIpv4),
            ("https://4294967296/", UrlError::InvalidIpv4),
            ("https://0x100000000/", UrlError::InvalidIpv4),
            ("https://08/", UrlError::InvalidIpv4),
            ("https://host.99/", UrlError::InvalidIpv4),
            ("https://a.b.c.0x/", UrlError::InvalidIpv4),
            // A name that ends in a number is read as an address, and fails.
            ("https://foo.0x10/", UrlError::InvalidIpv4),
            ("https://[/", UrlError::InvalidIpv6),
            ("https://[]/", UrlError::InvalidIpv6),
            ("https://[::1/", UrlError::InvalidIpv6),
            ("https://[::1]x/", UrlError::InvalidIpv6),
            ("https://[1:2:3:4:5:6:7:8:9]/", UrlError::InvalidIpv6),
            ("https://[::1%25eth0]/", UrlError::InvalidIpv6),
            ("https://[1.2.3.4]/", UrlError::InvalidIpv6),
            ("https://a b/", UrlError::InvalidDomainCharacter),
            ("https://a%20b/", UrlError::InvalidDomainCharacter),
            ("https://a<b/", UrlError::InvalidDomainCharacter),
            ("https://a%zzb/", UrlError::InvalidDomainCharacter),
            ("https://a%ffb/", UrlError::InvalidDomainCharacter),
            ("https://a^b/", UrlError::InvalidDomainCharacter),
            ("https://a]b/", UrlError::InvalidDomainCharacter),
            ("https://contosö.com/", UrlError::NonAsciiHost('ö')),
            ("https://caf%C3%A9.com/", UrlError::NonAsciiHost('é')),
            ("https://a\u{3002}b/", UrlError::NonAsciiHost('\u{3002}')),
            (
                "https://\u{201c}host\u{201d}/",
                UrlError::NonAsciiHost('\u{201c}'),
            ),
        ];
        for (text, want) in cases {
            assert_eq!(WebUrl::parse(text), Err(want), "{text:?}");
        }
    }

    #[test]
    fn error_messages_are_sentences_without_the_input() {
        for e in [
            UrlError::NoScheme,
            UrlError::EmptyHost,
            UrlError::InvalidPort,
            UrlError::InvalidIpv4,
            UrlError::InvalidIpv6,
            UrlError::InvalidDomainCharacter,
            UrlError::NonAsciiHost('\u{201c}'),
        ] {
            let m = e.to_string();
            assert!(m.ends_with('.'), "{m}");
            assert!(m.starts_with("The "), "{m}");
        }
        assert!(UrlError::NonAsciiHost('\u{201c}')
            .to_string()
            .contains("U+201C"));
    }

    #[test]
    fn slashes_after_a_web_scheme_are_forgiven() {
        for text in [
            "https:/host/p",
            "https:///host/p",
            "https:host/p",
            "https:\\\\host\\p",
            "https:/\\host/p",
        ] {
            let u = url(text);
            assert_eq!(u.host().cloned(), domain("host"), "{text}");
            assert_eq!(u.path(), "/p", "{text}");
        }
        // Backslashes separate segments in web URLs only.
        assert_eq!(
            url("https://h/openai\\deployments\\d").path(),
            "/openai/deployments/d"
        );
        assert_eq!(url("foo://h/a\\b").path(), "/a\\b");
    }

    #[test]
    fn tabs_and_line_breaks_vanish_and_the_ends_are_trimmed() {
        let u =
            url(" \u{0}\thttps://con\ttoso.openai.az\nure.com/open\r\nai/v1?api-\tversion=x#f\n ");
        assert_eq!(u.host().cloned(), domain("contoso.openai.azure.com"));
        assert_eq!(u.path(), "/openai/v1");
        assert_eq!(u.query(), Some("api-version=x"));
        assert_eq!(u.fragment(), Some("f"));
        // Other spaces inside are not removed: in a host they are an error, in a path
        // they are escaped.
        assert_eq!(
            WebUrl::parse("https://con toso.com/"),
            Err(UrlError::InvalidDomainCharacter)
        );
        assert_eq!(url("https://h/a b").path(), "/a%20b");
    }

    #[test]
    fn trailing_dots_and_empty_labels_stay_for_the_checks() {
        assert_eq!(
            url("https://contoso.openai.azure.com./").host().cloned(),
            domain("contoso.openai.azure.com.")
        );
        assert_eq!(url("https://a..b.com/").host().cloned(), domain("a..b.com"));
        assert_eq!(url("https://-x_y.com/").host().cloned(), domain("-x_y.com"));
        assert_eq!(url("https://%41b.com/").host().cloned(), domain("ab.com"));
        assert_eq!(
            url("https://xn--80ak6aa92e.com/").host().cloned(),
            domain("xn--80ak6aa92e.com")
        );
    }

    #[test]
    fn paths_are_normalised_and_escaped() {
        let cases = [
            ("https://h", "/"),
            ("https://h/", "/"),
            ("https://h?x", "/"),
            ("https://h/a/b/", "/a/b/"),
            ("https://h//a", "//a"),
            ("https://h/a/./b", "/a/b"),
            ("https://h/a/../b", "/b"),
            ("https://h/a/%2e/b", "/a/b"),
            ("https://h/a/%2E%2e/b", "/b"),
            ("https://h/a/.%2e", "/"),
            ("https://h/a/..", "/"),
            ("https://h/a/b/..", "/a/"),
            ("https://h/a/.", "/a/"),
            ("https://h/../../x", "/x"),
            ("https://h/..a/a..", "/..a/a.."),
            ("https://h/%2e%2e%2fetc", "/%2e%2e%2fetc"),
            ("https://h/a b\"<>`{}", "/a%20b%22%3C%3E%60%7B%7D"),
            ("https://h/é", "/%C3%A9"),
            ("https://h/%41%zz|^~", "/%41%zz|^~"),
            ("https://h/\u{7f}\u{1}x", "/%7F%01x"),
        ];
        for (text, path) in cases {
            assert_eq!(url(text).path(), path, "{text}");
        }
    }

    #[test]
    fn query_pairs_are_form_decoded() {
        let u = url("https://h/?api-version=2024-10-21&api-version=2025-01-01&&a+b=c%20d%2B&k&=v&%zz=%ff&x=1=2");
        let pairs: Vec<(String, String)> = u.query_pairs().collect();
        let want = [
            ("api-version", "2024-10-21"),
            ("api-version", "2025-01-01"),
            ("a b", "c d+"),
            ("k", ""),
            ("", "v"),
            ("%zz", "\u{FFFD}"),
            ("x", "1=2"),
        ];
        assert_eq!(pairs.len(), want.len(), "{pairs:?}");
        for ((k, v), (wk, wv)) in pairs.iter().zip(want) {
            assert_eq!((k.as_str(), v.as_str()), (wk, wv));
        }
        assert_eq!(url("https://h/?").query(), Some(""));
        assert_eq!(url("https://h/?").query_pairs().count(), 0);
        assert_eq!(url("https://h/").query_pairs().count(), 0);
        assert_eq!(url("https://h/?a b'c").query(), Some("a%20b%27c"));
        assert_eq!(url("foo://h/?a'c").query(), Some("a'c"));
    }

    #[test]
    fn fragments() {
        assert_eq!(url("https://h/#").fragment(), Some(""));
        assert_eq!(url("https://h/#a#b c").fragment(), Some("a#b%20c"));
        assert_eq!(url("https://h/?q#f?g").query(), Some("q"));
        assert_eq!(url("https://h/#f?g").query(), None);
        assert_eq!(url("https://h/#f?g").fragment(), Some("f?g"));
    }

    #[test]
    fn other_schemes_say_whether_they_have_a_host() {
        assert_eq!(url("mailto:someone@example.com").host(), None);
        assert_eq!(
            url("mailto:someone@example.com").path(),
            "someone@example.com"
        );
        assert_eq!(url("javascript:alert(1)").host(), None);
        assert_eq!(url("data:text/plain,hi").scheme(), "data");
        assert_eq!(url("file:///etc/passwd").host(), None);
        assert_eq!(url("file:///etc/passwd").path(), "/etc/passwd");
        assert_eq!(url("file://localhost/x").host(), None);
        assert_eq!(url("file://server/x").host().cloned(), domain("server"));
        assert_eq!(url("foo://Host:99/p").host().cloned(), domain("Host"));
        assert_eq!(url("foo://Host:99/p").port(), Some(99));
        assert_eq!(url("foo://").host(), None);
        assert_eq!(
            WebUrl::parse("foo://a b/"),
            Err(UrlError::InvalidDomainCharacter)
        );
    }

    #[test]
    fn builders_escape_what_could_change_the_url() {
        assert_eq!(
            encode_path_segment("chat-gpt4o_v1.2~:x"),
            "chat-gpt4o_v1.2~:x"
        );
        assert_eq!(
            encode_path_segment("a/b?c#d%e\\f g"),
            "a%2Fb%3Fc%23d%25e%5Cf%20g"
        );
        assert_eq!(encode_form_component("2024-10-21"), "2024-10-21");
        assert_eq!(encode_form_component("a b&c=d/é"), "a+b%26c%3Dd%2F%C3%A9");
    }

    #[test]
    fn a_megabyte_of_anything_is_read_in_one_pass() {
        let inputs = [
            format!("https://{}.com/", "a".repeat(1 << 20)),
            format!("https://{}", "a.".repeat(1 << 19)),
            format!("https://{}", "1.".repeat(1 << 19)),
            format!("https://h/{}", "../".repeat(1 << 18)),
            format!("https://h/{}", "a/".repeat(1 << 19)),
            format!("https://h/?{}", "k=v&".repeat(1 << 18)),
            format!("https://{}h/", "@".repeat(1 << 20)),
            format!("https://h:{}/", "9".repeat(1 << 20)),
            format!("https://[{}]/", ":".repeat(1 << 20)),
            format!("https:{}h", "/\\".repeat(1 << 19)),
            "\t".repeat(1 << 20),
            "é".repeat(1 << 19),
            format!("https://{}", "%".repeat(1 << 20)),
            format!("https://h/{}", "%2e%2e/".repeat(1 << 17)),
        ];
        let start = std::time::Instant::now();
        for text in &inputs {
            let _ = WebUrl::parse(text);
        }
        // Generous: a quadratic step would take minutes on these.
        assert!(start.elapsed().as_secs() < 20, "{:?}", start.elapsed());
        assert_eq!(
            url(&format!("https://h/{}", "../".repeat(1 << 18))).path(),
            "/"
        );
    }

    #[test]
    fn never_panics_on_any_bytes() {
        let alphabet: Vec<char> = "ab1.:/\\@[]%?#&= \t\n\u{0}\u{7f}éx0X\u{201c}"
            .chars()
            .collect();
        let mut x: u64 = 0x2545_f491_4f6c_dd1d;
        for _ in 0..20_000 {
            let mut s = String::from(if x % 2 == 0 { "https://" } else { "" });
            for _ in 0..(x % 24) {
                x ^= x << 13;
                x ^= x >> 7;
                x ^= x << 17;
                s.push(alphabet[(x % alphabet.len() as u64) as usize]);
            }
            let _ = WebUrl::parse(&s);
            x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        }
    }
}
