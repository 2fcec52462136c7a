//! The page and the `doctor` CLI are one function: every corpus case, and a few hundred
//! property-generated variants of them, give the same report through the page's entry
//! (`Form::from_case(..).diagnose(..)`, what the page does with its form) and through
//! the CLI's (the real `doctor --json` binary reading the case as JSON).
//!
//! The variants aim at what used to split the two: no `now` with a dated paste (the page
//! judged tokens at the `Date` header, the CLI at the clock), padded or empty fields the
//! form trims or drops, `auto` headers, unreadable times.

use doctor401::diag::page::form::Form;
use doctor401::diag::{Case, Scenario};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestRunner};
use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};

/// A clock that is no scenario's `now`, so a case judged by the clock shows it.
const CLOCK: i64 = 1_795_478_400;

fn corpus() -> Vec<(String, Case)> {
    let dir = std::env::var_os("DOCTOR_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"));
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus at {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "expected the shared corpus in {}",
        dir.display()
    );
    files
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).unwrap();
            let s = Scenario::from_json(&text).unwrap();
            (
                p.file_name().unwrap().to_string_lossy().into_owned(),
                s.case,
            )
        })
        .collect()
}

/// The CLI's report: the real binary, the case as JSON on standard input.
fn cli_report(case: &Case) -> String {
    let mut child = Command::new(env!("CARGO_BIN_EXE_doctor"))
        .args(["--json", "--clock", &CLOCK.to_string(), "-"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let json = serde_json::to_vec(case).unwrap();
    child.stdin.take().unwrap().write_all(&json).unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "doctor failed: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .trim_end()
        .to_string()
}

/// The page's report: the form filled from the case, diagnosed as the page does.
fn page_report(case: &Case) -> String {
    let d = Form::from_case(case).diagnose(CLOCK);
    serde_json::to_string_pretty(&d.diagnosis.report).unwrap()
}

fn assert_same(name: &str, case: &Case) {
    let (cli, page) = (cli_report(case), page_report(case));
    assert!(
        cli == page,
        "{name}: the CLI and the page disagree\ncase: {}\n--- cli\n{cli}\n--- page\n{page}",
        serde_json::to_string(case).unwrap()
    );
}

#[test]
fn every_corpus_case_gives_one_report_on_page_and_cli() {
    for (name, case) in corpus() {
        assert_same(&name, &case);
    }
}

/// The known disagreement, pinned: corpus 17 without `now` and with a `Date:` header.
/// The page judged the token at the header's time and the CLI at the clock.
#[test]
fn a_dated_paste_without_now_is_judged_alike() {
    let (_, mut case) = corpus()
        .into_iter()
        .find(|(n, _)| n.starts_with("17-"))
        .expect("corpus 17");
    case.now = None;
    let text = case.error_text.take().unwrap_or_default();
    case.error_text = Some(format!(
        "HTTP/1.1 401 Unauthorized\ndate: Mon, 23 Nov 2026 09:00:00 GMT\n\n{text}"
    ));
    assert_same("17 without now, dated", &case);
}

/// One edit to a corpus case.
#[derive(Clone, Debug)]
enum Edit {
    DropNow,
    Now(&'static str),
    AuthHeader(&'static str),
    DateHeader(&'static str),
    Pad(usize, &'static str),
    Text(usize, String),
}

const HEADERS: &[&str] = &[
    "auto",
    "",
    " ",
    " api-key ",
    "API-KEY",
    "Authorization",
    "authorization\n",
    "ocp-apim-subscription-key",
    "x-api-key",
    "bearer",
];
const NOWS: &[&str] = &[
    "",
    " ",
    " 2026-11-23T09:00:00Z ",
    "2026-11-23T09:00:00Z\n",
    "2026-11-23 09:00:00",
    "yesterday",
    "2026-11-23T08:10:00+01:00",
];
const DATES: &[&str] = &[
    "Mon, 23 Nov 2026 09:00:00 GMT",
    "Mon, 23 Nov 2026 07:00:00 GMT",
    "Tue, 24 Nov 2026 00:00:00 GMT",
    "not a date",
];
const PADS: &[&str] = &[" ", "\n", "\r\n", "\t", "\u{200b}", "\u{a0}", "\""];

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        Just(Edit::DropNow),
        prop::sample::select(NOWS).prop_map(Edit::Now),
        prop::sample::select(HEADERS).prop_map(Edit::AuthHeader),
        prop::sample::select(DATES).prop_map(Edit::DateHeader),
        (0usize..9, prop::sample::select(PADS)).prop_map(|(f, p)| Edit::Pad(f, p)),
        (0usize..9, "[ -~\\n\\r\\t\u{a0}\u{200b}é]{0,40}").prop_map(|(f, t)| Edit::Text(f, t)),
    ]
}

fn text_field(case: &mut Case, i: usize) -> &mut Option<String> {
    match i {
        0 => &mut case.endpoint,
        1 => &mut case.deployment,
        2 => &mut case.api_version,
        3 => &mut case.organization,
        4 => &mut case.project,
        5 => &mut case.client,
        6 => &mut case.error_text,
        7 => &mut case.auth_header,
        _ => &mut case.now,
    }
}

fn apply(case: &mut Case, e: &Edit) {
    match e {
        Edit::DropNow => case.now = None,
        Edit::Now(t) => case.now = Some((*t).to_string()),
        Edit::AuthHeader(h) => case.auth_header = Some((*h).to_string()),
        Edit::DateHeader(d) => {
            let text = case.error_text.take().unwrap_or_default();
            case.error_text = Some(format!(
                "HTTP/1.1 401 Unauthorized\r\nDate: {d}\r\n\r\n{text}"
            ));
        }
        Edit::Pad(i, p) => {
            let f = text_field(case, *i);
            *f = Some(format!("{p}{}{p}", f.take().unwrap_or_default()));
        }
        Edit::Text(i, t) => *text_field(case, *i) = Some(t.clone()),
    }
}

#[test]
fn generated_variants_give_one_report_on_page_and_cli() {
    let cases = corpus();
    let mut runner = TestRunner::new(Config {
        cases: 300,
        failure_persistence: None,
        rng_algorithm: proptest::test_runner::RngAlgorithm::ChaCha,
        ..Config::default()
    });
    let strategy = (0..cases.len(), prop::collection::vec(edit(), 1..4));
    let result = runner.run(&strategy, |(i, edits)| {
        let (name, mut case) = cases[i].clone();
        for e in &edits {
            apply(&mut case, e);
        }
        let (cli, page) = (cli_report(&case), page_report(&case));
        prop_assert!(
            cli == page,
            "{name} with {edits:?}\ncase: {}\n--- cli\n{cli}\n--- page\n{page}",
            serde_json::to_string(&case).unwrap()
        );
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}
