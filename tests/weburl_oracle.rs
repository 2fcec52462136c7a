//! The hand-written URL parser (`doctor401::diag::parse::weburl`) against the `url` crate, the
//! WHATWG parser it replaces in the page. `url` is a native dev-dependency only: it
//! costs the wasm nothing and is the reference for what browsers and SDK-side parsers
//! make of a pasted endpoint. Known, documented differences are left out of the
//! generated inputs (see each strategy).

use doctor401::diag::parse::weburl::{Host, UrlError, WebUrl};
use proptest::prelude::*;

/// What `url` makes of `text`: `None` when it panics (the ASCII-only IDNA back end
/// idna_adapter 1.0 asserts on some mixed-case non-ASCII hosts in debug builds).
fn reference(text: &str) -> Option<Result<url::Url, url::ParseError>> {
    let text = text.to_string();
    std::panic::catch_unwind(move || url::Url::parse(&text)).ok()
}

/// The error `url` gives, in our terms. IDNA failures are ours to name more precisely.
fn same_error(ours: UrlError, theirs: url::ParseError) -> bool {
    use url::ParseError as P;
    matches!(
        (ours, theirs),
        (UrlError::NoScheme, P::RelativeUrlWithoutBase)
            | (UrlError::EmptyHost, P::EmptyHost)
            | (UrlError::InvalidPort, P::InvalidPort)
            | (UrlError::InvalidIpv4, P::InvalidIpv4Address)
            | (UrlError::InvalidIpv6, P::InvalidIpv6Address)
            | (
                UrlError::InvalidDomainCharacter,
                P::InvalidDomainCharacter | P::IdnaError
            )
            | (UrlError::NonAsciiHost(_), P::IdnaError)
    )
}

/// Compares the two parsers on one input; the message says where they differ.
fn compare(text: &str) -> Result<(), String> {
    let Some(theirs) = reference(text) else {
        return Ok(());
    };
    let ours = WebUrl::parse(text);
    // Other schemes (`mailto:`, `foo://`) are read only to report the scheme; their
    // finer points (a `\\` after a port, opaque paths) are not ours to match.
    let other_scheme = |s: &str| !matches!(s, "http" | "https" | "ws" | "wss" | "ftp");
    if ours.as_ref().is_ok_and(|o| other_scheme(o.scheme()))
        || theirs.as_ref().is_ok_and(|t| other_scheme(t.scheme()))
    {
        return match (&ours, &theirs) {
            (Ok(o), Ok(t)) if o.scheme() != t.scheme() => {
                Err(format!("scheme differs: ours {o:?}, url {t:?}"))
            }
            _ => Ok(()),
        };
    }
    match (&ours, &theirs) {
        (Ok(o), Ok(t)) => {
            let host = match t.host() {
                Some(url::Host::Domain(d)) => Some(Host::Domain(d.to_string())),
                Some(url::Host::Ipv4(a)) => Some(Host::Ipv4(a)),
                Some(url::Host::Ipv6(a)) => Some(Host::Ipv6(a)),
                None => None,
            };
            let pairs: Vec<(String, String)> = t
                .query_pairs()
                .map(|(k, v)| (k.into_owned(), v.into_owned()))
                .collect();
            let checks = [
                ("scheme", o.scheme() == t.scheme()),
                (
                    "credentials",
                    o.has_credentials() == (!t.username().is_empty() || t.password().is_some()),
                ),
                ("host", o.host().cloned() == host),
                ("port", o.port() == t.port()),
                ("path", o.path() == t.path()),
                ("query", o.query() == t.query()),
                ("fragment", o.fragment() == t.fragment()),
                ("query pairs", o.query_pairs().collect::<Vec<_>>() == pairs),
            ];
            match checks.iter().find(|(_, same)| !same) {
                None => Ok(()),
                Some((what, _)) => Err(format!("{what} differs: ours {o:?}, url {t:?}")),
            }
        }
        (Err(o), Err(t)) if same_error(*o, *t) => Ok(()),
        _ => Err(format!("ours {ours:?}, url {theirs:?}")),
    }
}

/// Characters that matter to URL parsing, and some that should not.
const PIECES: &[&str] = &[
    "a",
    "b",
    "Z",
    "0",
    "1",
    "9",
    "x",
    "0x",
    "0X",
    "7f",
    "255",
    "256",
    "4294967295",
    "4294967296",
    "08",
    ".",
    "..",
    "%2e",
    "%2E",
    "/",
    "\\",
    "//",
    ":",
    "@",
    "?",
    "#",
    "&",
    "=",
    "+",
    "%",
    "%41",
    "%2F",
    "%zz",
    "%e2%80",
    "[",
    "]",
    "::",
    "::1",
    "[::1]",
    "1.2.3.4",
    " ",
    "\t",
    "\n",
    "\r",
    "\u{0}",
    "\u{7f}",
    "\"",
    "'",
    "<",
    ">",
    "`",
    "{",
    "}",
    "^",
    "|",
    "é",
    "\u{201c}",
    "\u{200b}",
    "\u{3002}",
    "-",
    "_",
    "~",
    ";",
    "443",
    "80",
    "65535",
    "65536",
    "api-version",
    "openai",
    "azure",
    "com",
];

fn piece() -> impl Strategy<Value = String> {
    proptest::sample::select(PIECES).prop_map(str::to_string)
}

/// Anything after a scheme: a run of interesting pieces.
fn tail() -> impl Strategy<Value = String> {
    proptest::collection::vec(piece(), 0..14).prop_map(|v| v.concat())
}

/// A URL-shaped text: scheme (often a web one, in any case), separators, an authority
/// with the odd user name, port or IP literal, a path, a query, a fragment. `file:` is
/// left out: Windows drive letters are not handled here.
fn url_text() -> impl Strategy<Value = String> {
    let scheme = prop_oneof![
        6 => Just("https"),
        1 => Just("HTTPS"),
        1 => Just("http"),
        1 => Just("wss"),
        1 => Just("ftp"),
        1 => Just("foo"),
        1 => Just("mailto"),
        1 => Just("1x"),
        1 => Just(""),
    ];
    let slashes = prop_oneof![
        6 => Just("://"),
        1 => Just(":"),
        1 => Just(":/"),
        1 => Just(":///"),
        1 => Just(":\\\\"),
        1 => Just("//"),
        1 => Just(":\t//"),
    ];
    let host = prop_oneof![
        4 => "[a-z0-9-]{1,8}(\\.[a-zA-Z0-9-]{1,8}){0,3}\\.?",
        2 => "[0-9]{1,4}(\\.[0-9x]{1,4}){0,4}",
        2 => "0x[0-9a-f]{1,9}(\\.[0-9]{1,3}){0,3}",
        1 => "\\[[0-9a-f:.]{0,20}\\]",
        2 => "\\[(::)?[0-9a-fA-F]{1,4}(:[0-9a-f]{1,4}){0,7}(::)?\\]",
        1 => "\\[::(ffff:)?[0-9]{1,3}(\\.[0-9]{1,3}){3}\\]",
        1 => tail(),
    ];
    let userinfo = prop_oneof![
        6 => Just(String::new()),
        1 => Just("user@".to_string()),
        1 => Just(":pw@".to_string()),
        1 => Just(":@".to_string()),
        1 => Just("@".to_string()),
        1 => Just("u:p@".to_string()),
        1 => "[a-z:%@]{0,6}@",
    ];
    let port = prop_oneof![
        6 => Just(String::new()),
        1 => Just(":".to_string()),
        1 => "\\:[0-9]{1,6}",
        1 => "\\:[0-9a]{1,3}",
    ];
    // Mostly a path, query or fragment after the authority; sometimes more host.
    let after = prop_oneof![
        3 => Just(""),
        4 => Just("/"),
        1 => Just("?"),
        1 => Just("#"),
        1 => Just("\\"),
    ];
    (scheme, slashes, userinfo, host, port, after, tail())
        .prop_map(|(s, sl, u, h, p, a, t)| format!("{s}{sl}{u}{h}{p}{a}{t}"))
        .prop_filter("xn-- labels are not checked as Punycode here", |t| {
            !t.to_ascii_lowercase().contains("xn--")
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(20_000))]

    #[test]
    fn agrees_with_the_url_crate(text in url_text()) {
        if let Err(why) = compare(&text) {
            prop_assert!(false, "{:?}: {}", text, why);
        }
    }

    #[test]
    fn agrees_on_arbitrary_text(
        prefix in prop_oneof![Just(""), Just("https://"), Just("https://h/")],
        text in prop_oneof!["[ -~é\t\n]{0,40}", any::<String>()],
    ) {
        let text = format!("{prefix}{text}");
        prop_assume!(!text.to_ascii_lowercase().contains("xn--"));
        if let Err(why) = compare(&text) {
            prop_assert!(false, "{:?}: {}", text, why);
        }
    }
}

#[test]
fn agrees_on_the_hand_picked_cases() {
    for text in [
        "https://user:pw@host",
        "https://host:443/",
        "https://host:8443",
        "https://[::1]/",
        "https://[::ffff:1.2.3.4]/",
        "https://1.2.3.4/",
        "https://0x7f.1/",
        "https://127.1/",
        "https://2130706433/",
        "https://1.2.3.4.5/",
        "https://1.2.3.256/",
        "https://0x100000000/",
        "https://08/",
        "https://a.08/",
        "https://1.2.3.4./",
        "HTTPS://Host.Openai.Azure.Com",
        "https://contoso.openai.azure.com./",
        "  https://contoso.openai.azure.com/ \n",
        "https:\\\\contoso.openai.azure.com\\openai\\deployments\\x",
        "https://contoso.openai.azure.com/open\tai/deploy\nments",
        "https://contoso.openai.azure.com/a/%2e/b/%2E%2e/c/./d/..",
        "https://contoso.openai.azure.com/a b/\"q\"/{x}/`/é",
        "https://h/?api-version=2024-10-21&api-version=2025-01-01",
        "https://h/?a+b=c%20d&&=x&k&%zz=%ff",
        "https://h/p#frag ment",
        "https:/host",
        "https:///host",
        "https:host",
        "//host/path",
        "host/path",
        "https://",
        "https://@",
        "https://user@",
        "https://@host",
        "https://:@host",
        "https://user:@host",
        "https://:80",
        "https://h:",
        "https://h:65536",
        "https://h:12a",
        "https://h:0443",
        "http://h:80/",
        "wss://h:443/",
        "https://[",
        "https://[]",
        "https://[::1",
        "https://[::1]x",
        "https://[::1]:8443/",
        "https://a b/",
        "https://a%20b/",
        "https://%41%42.com/",
        "https://a..b.com/",
        "https://contosö.openai.azure.com/",
        "https://contoso.openai\u{3002}azure.com/",
        "mailto:someone@example.com",
        "data:text/plain,hello",
        "javascript:alert(1)",
        "foo://Host/Path",
        "foo://",
        "foo://user@/",
        "foo://h:99999/",
        "ftp://h:21/",
    ] {
        if let Err(why) = compare(text) {
            panic!("{text:?}: {why}");
        }
    }
}

/// The comparison is only worth something if the generated texts reach every outcome:
/// many parse (with hosts of each kind), many fail.
#[test]
fn the_generator_is_not_vacuous() {
    use proptest::strategy::ValueTree;
    let mut runner = proptest::test_runner::TestRunner::deterministic();
    let strategy = url_text();
    let (mut ok, mut ipv4, mut ipv6, mut failed) = (0, 0, 0, 0);
    let n = 4000;
    for _ in 0..n {
        let text = strategy.new_tree(&mut runner).expect("generates").current();
        match WebUrl::parse(&text) {
            Ok(u) => {
                ok += 1;
                ipv4 += usize::from(matches!(u.host(), Some(Host::Ipv4(_))));
                ipv6 += usize::from(matches!(u.host(), Some(Host::Ipv6(_))));
            }
            Err(_) => failed += 1,
        }
    }
    assert!(ok > n / 5, "only {ok} of {n} parse");
    assert!(failed > n / 10, "only {failed} of {n} fail");
    assert!(
        ipv4 > n / 100 && ipv6 > n / 200,
        "{ipv4} IPv4, {ipv6} IPv6 of {n}"
    );
}
