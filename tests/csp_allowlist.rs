//! The page's CSP `connect-src` and the probe's host allowlist are one list: the CSP in
//! `index.html` must allow exactly `'self'` plus `CONNECT_ALLOWLIST`, so the probe never
//! plans a request the browser would block, and the page can reach no host the probe
//! would refuse (`security-notes.md` §3.4, §6.1 T2).

use doctor401::diag::page::probe::{connect_src, validate_target, CONNECT_ALLOWLIST};
use std::path::Path;

/// The `content` of the `<meta http-equiv="Content-Security-Policy">` tag.
fn csp_of(html: &str) -> Option<String> {
    let lower = html.to_ascii_lowercase();
    let mut from = 0;
    while let Some(rel) = lower[from..].find("<meta") {
        let start = from + rel;
        let end = start + lower[start..].find('>')?;
        let tag = &html[start..end];
        if tag
            .to_ascii_lowercase()
            .contains("http-equiv=\"content-security-policy\"")
        {
            let content_at = tag.to_ascii_lowercase().find("content=\"")? + "content=\"".len();
            let rest = &tag[content_at..];
            return Some(rest[..rest.find('"')?].to_string());
        }
        from = end;
    }
    None
}

/// The sources of one directive, in order.
fn directive<'a>(csp: &'a str, name: &str) -> Vec<Vec<&'a str>> {
    csp.split(';')
        .map(|d| d.split_whitespace().collect::<Vec<_>>())
        .filter(|d| d.first().is_some_and(|n| n.eq_ignore_ascii_case(name)))
        .map(|d| d[1..].to_vec())
        .collect()
}

fn index_html() -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("index.html");
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
}

#[test]
fn index_html_connect_src_is_self_plus_the_allowlist() {
    let html = index_html();
    let csp = csp_of(&html).expect("index.html has a CSP meta tag");
    let found = directive(&csp, "connect-src");
    assert_eq!(found.len(), 1, "exactly one connect-src directive: {csp}");

    let mut actual: Vec<String> = found[0].iter().map(|s| s.to_string()).collect();
    let mut expected: Vec<String> = std::iter::once("'self'".to_string())
        .chain(CONNECT_ALLOWLIST.iter().map(|h| h.csp_source()))
        .collect();
    let n = actual.len();
    actual.sort();
    actual.dedup();
    assert_eq!(actual.len(), n, "connect-src lists a source twice: {csp}");
    expected.sort();
    assert_eq!(
        actual, expected,
        "connect-src differs from CONNECT_ALLOWLIST"
    );

    // The same list, in the same order, as the page-side helper writes it.
    assert_eq!(found[0].join(" "), connect_src());
}

#[test]
fn every_csp_source_names_a_host_the_probe_accepts() {
    for h in CONNECT_ALLOWLIST {
        let source = h.csp_source();
        let example = source.replace("*.", "contoso.");
        assert!(
            validate_target(&example).is_ok(),
            "{example} is allowed by the CSP but refused by the probe"
        );
    }
}

#[test]
fn the_lint_can_fail() {
    // A policy with an extra host, or one missing, must not pass the comparison above.
    let extra = format!(
        "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; connect-src {} https://evil.example\">",
        connect_src()
    );
    let csp = csp_of(&extra).expect("parses");
    let got = directive(&csp, "connect-src");
    assert_eq!(got.len(), 1);
    assert_ne!(got[0].join(" "), connect_src());
    assert!(csp_of("<meta charset=\"utf-8\">").is_none());
}
