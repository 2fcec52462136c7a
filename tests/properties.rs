//! Property tests of the whole engine: no panic on any input in any field, and no
//! secret in any report.

use doctor401::diag::{diagnose, mask, Case, ObservedResponse, Report};
use proptest::prelude::*;

const CLOCK: i64 = 1_795_424_400;

/// Every string a report holds.
fn report_strings(r: &Report) -> Vec<String> {
    let mut out = Vec::new();
    for c in &r.causes {
        out.push(c.title.clone());
        out.extend(c.evidence.iter().cloned());
        out.extend(c.fix.iter().cloned());
    }
    for f in &r.findings {
        out.push(f.id.clone());
        out.push(f.message.clone());
    }
    out.extend(r.next_step.iter().cloned());
    assert!(
        serde_json::to_string(r).is_ok(),
        "a report always serialises"
    );
    out
}

/// What every key of a kind shares, so it is no secret: OpenAI's published key prefixes
/// (`auth-failures.md` 5.2) and the `T3BlbkFJ` marker of legacy keys.
const PUBLIC_PREFIXES: &[&str] = &["sk-proj-", "sk-svcacct-", "sk-admin-", "sk-None-"];
const PUBLIC_PIECES: &[&str] = &["T3BlbkFJ"];
/// Words that mean "no key was set"; the report may quote them.
const UNSET_WORDS: &[&str] = &["none", "undefined", "null"];

/// Fails with the offending window when a report string contains any 8-character piece
/// of the secret (its public prefix and marker aside).
fn assert_no_window(r: &Report, secret: &str) {
    if UNSET_WORDS.contains(&secret.trim().to_ascii_lowercase().as_str()) {
        return;
    }
    let public = PUBLIC_PREFIXES
        .iter()
        .filter(|p| secret.starts_with(*p))
        .map(|p| p.len())
        .max()
        .unwrap_or(0);
    let chars: Vec<char> = secret[public..].chars().collect();
    let all = report_strings(r).join("\n");
    for w in chars.windows(8) {
        let piece: String = w.iter().collect();
        if PUBLIC_PIECES.contains(&piece.as_str()) {
            continue;
        }
        assert!(
            !all.contains(&piece),
            "report contains secret piece {piece:?}"
        );
    }
}

/// Interesting text: key-like, token-like, JSON-ish, and arbitrary unicode.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[ -~]{0,200}",
        "(sk-|sk-proj-|eyJ|Bearer |api-key: )?[A-Za-z0-9_\\-\\.]{8,120}[ \n\"\u{201d}\u{200b}]?",
        "(\\{\"error\":\\{\"code\":\"[0-9A-Za-z]{1,20}\",\"message\":\"[ -~]{0,80}\"\\}\\})",
        "https?://[a-z0-9\\-\\.]{1,40}(/[a-z0-9/\\-\\?=&%#]{0,60})?",
    ]
}

fn case_strategy() -> impl Strategy<Value = Case> {
    (
        proptest::collection::vec(proptest::option::of(text()), 11),
        proptest::option::of(100u16..600),
    )
        .prop_map(|(v, status)| {
            let mut it = v.into_iter();
            let mut next = || it.next().flatten();
            Case {
                endpoint: next(),
                deployment: next(),
                api_version: next(),
                credential: next().map(Into::into),
                auth_header: next(),
                token: next().map(Into::into),
                organization: next(),
                project: next(),
                client: next(),
                error_text: next(),
                response: status.map(|s| ObservedResponse {
                    status: Some(s),
                    body: next(),
                    ..ObservedResponse::default()
                }),
                now: None,
            }
        })
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, ..ProptestConfig::default() })]

    #[test]
    fn any_case_gives_a_report_without_its_secrets(case in case_strategy()) {
        let r = diagnose(&case, CLOCK).report;
        if let Some(c) = &case.credential { assert_no_window(&r, c.expose()); }
        // The token field's secret is its long runs (a JWT), not JSON around it.
        if let Some(t) = &case.token {
            for run in t.expose().split(|c: char| !(c.is_ascii_alphanumeric() || "._~+/=-".contains(c))) {
                if run.len() >= 20 { assert_no_window(&r, run); }
            }
        }
    }

    #[test]
    fn masking_keeps_at_most_four_and_four(s in any::<String>()) {
        let m = mask(&s);
        let chars: Vec<char> = s.chars().collect();
        // Judge only what the mask shows of the value, not its "(N chars)" suffix.
        let shown = m.rsplit_once(" (").map_or(m.as_str(), |(head, _)| head);
        // No 5-character piece of the secret survives the mask.
        for w in chars.windows(5) {
            let piece: String = w.iter().collect();
            prop_assert!(!shown.contains(&piece), "{m:?} keeps {piece:?}");
        }
        let length = format!("{} chars", chars.len());
        prop_assert!(chars.is_empty() || m.contains(&length), "{m:?} lacks the length");
    }
}

/// 1 MB in every field, one field at a time and all at once.
#[test]
fn one_megabyte_in_any_field() {
    let big: String = "eyJhbGciOi.J9xx \n\u{201c}sk-proj-".repeat(1 << 20 >> 5);
    let fields: [fn(&mut Case, String); 11] = [
        |c, s| c.endpoint = Some(s),
        |c, s| c.deployment = Some(s),
        |c, s| c.api_version = Some(s),
        |c, s| c.credential = Some(s.into()),
        |c, s| c.auth_header = Some(s),
        |c, s| c.token = Some(s.into()),
        |c, s| c.organization = Some(s),
        |c, s| c.project = Some(s),
        |c, s| c.client = Some(s),
        |c, s| c.error_text = Some(s),
        |c, s| c.now = Some(s),
    ];
    let mut all = Case::default();
    for set in fields {
        let mut one = Case::default();
        set(&mut one, big.clone());
        let _ = diagnose(&one, CLOCK).report;
        set(&mut all, big.clone());
    }
    all.response = Some(ObservedResponse {
        status: Some(401),
        body: Some(big.clone()),
        ..ObservedResponse::default()
    });
    let r = diagnose(&all, CLOCK).report;
    assert!(serde_json::to_string(&r).is_ok());
}

/// Deeply nested JSON in the places where JSON is parsed.
#[test]
fn deep_json_does_not_overflow() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    let deep_obj = format!("{}1{}", "{\"a\":".repeat(50_000), "}".repeat(50_000));
    let b64 = |s: &str| {
        use base64::Engine;
        base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s)
    };
    let token = format!("{}.{}.sig", b64("{\"alg\":\"RS256\"}"), b64(&deep_obj));
    let case = Case {
        credential: Some(token.clone().into()),
        token: Some(format!("{{\"accessToken\": {deep}}}").into()),
        error_text: Some(deep.clone()),
        response: Some(ObservedResponse {
            status: Some(401),
            body: Some(deep_obj.clone()),
            ..ObservedResponse::default()
        }),
        ..Case::default()
    };
    let _ = diagnose(&case, CLOCK).report;
    // A case file itself may be deep: the reader must refuse it, not crash.
    assert!(Case::from_json(&format!("{{\"response\": {deep}}}")).is_err());
}

/// Issue 14: a value in the `token` field with no long run of base64-like characters (or a
/// short one, echoed through another field) was quoted whole in the evidence. Every
/// secret-bearing field is scrubbed whatever its characters and length.
#[test]
fn a_token_field_value_of_any_alphabet_never_reaches_the_report() {
    let echo = |t: &str| {
        format!("{{\"error\":{{\"message\":\"Incorrect API key provided: {t}. You can find your API key at https://platform.openai.com/account/api-keys.\",\"type\":\"invalid_request_error\",\"code\":\"invalid_api_key\"}}}}")
    };
    for secret in [
        "Ab3$kL9!pQ2#xZ7&mN4^wR8",
        "QiQkY_RW40NUBe3og",
        "p@ss w0rd/with spaces!",
    ] {
        let mut c = Case {
            endpoint: Some("https://api.openai.com/v1".into()),
            token: Some(secret.into()),
            response: Some(ObservedResponse {
                status: Some(401),
                body: Some(echo(secret)),
                ..ObservedResponse::default()
            }),
            ..Case::default()
        };
        assert_no_window(&diagnose(&c, CLOCK).report, secret);
        c.client = Some(secret.into());
        assert_no_window(&diagnose(&c, CLOCK).report, secret);
    }
}
