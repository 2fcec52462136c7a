//! The real-world corpus (`tests/realworld/*.json`): cases taken from public threads whose
//! root cause the thread confirms, each holding only what the reporter had before the
//! fix. They run through the CLI's entry (the real `doctor --json` binary).
//!
//! The score is a ratchet, not a wish: `tests/realworld/known-misses.txt` lists every
//! case the engine gets wrong today, with why. A case that starts missing fails this
//! test, and so does a listed case that now passes (take it off the list). The README
//! states the score.

mod common;

use doctor401::diag::{CauseId, Scenario, Verdict};
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A clock no case names, as in `tests/corpus.rs`.
const CLOCK: i64 = 1_795_478_400;

fn dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests/realworld")
}

fn cases() -> Vec<(String, Scenario)> {
    common::scenarios(&dir(), 100)
}

/// `(verdict, leading cause id)` from the CLI.
fn cli(path: &Path) -> (String, Option<String>) {
    let child = Command::new(env!("CARGO_BIN_EXE_doctor"))
        .args(["--json", "--clock", &CLOCK.to_string()])
        .arg(path)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let verdict = v["verdict"].as_str().unwrap_or_default().to_string();
    let lead = v["causes"][0]["id"].as_str().map(str::to_string);
    (verdict, lead)
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Problem => "problem",
        Verdict::Ok => "ok",
        Verdict::Inconclusive => "inconclusive",
    }
}

fn known_misses() -> BTreeSet<String> {
    let text = std::fs::read_to_string(dir().join("known-misses.txt")).unwrap_or_default();
    text.lines()
        .map(|l| l.split('#').next().unwrap_or("").trim())
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect()
}

#[test]
fn the_corpus_is_what_it_claims() {
    let cases = cases();
    assert!(cases.len() >= 100, "{} cases", cases.len());
    let mut per_cause: BTreeMap<&'static str, usize> = BTreeMap::new();
    let mut not_auth = 0;
    for (name, s) in &cases {
        assert!(
            s.source.starts_with("https://"),
            "{name}: source must be the thread's address"
        );
        assert!(
            !s.fixed.trim().is_empty(),
            "{name}: say in one line what fixed it"
        );
        match s.expect.cause.first() {
            Some(c) => *per_cause.entry(c.id()).or_default() += 1,
            None => *per_cause.entry("(none)").or_default() += 1,
        }
        let healthy_or_other = s.expect.verdict != Verdict::Problem
            || s.expect.cause.first().is_some_and(|c| !c.is_auth());
        not_auth += usize::from(healthy_or_other);
    }
    for (cause, n) in &per_cause {
        assert!(
            *cause == "(none)" || *n <= 8,
            "{n} cases lead with {cause}: at most 8"
        );
    }
    assert!(
        not_auth >= 15,
        "{not_auth} ok/inconclusive/non-auth cases: at least 15"
    );
}

#[test]
fn the_engine_scores_what_the_readme_says() {
    let cases = cases();
    let listed = known_misses();
    let mut misses = BTreeSet::new();
    let mut report = String::new();
    let mut healthy_problems = Vec::new();
    for (name, s) in &cases {
        let (verdict, lead) = cli(&dir().join(name));
        let verdict_ok = verdict == verdict_word(s.expect.verdict);
        let cause_ok = match (&lead, s.expect.cause.is_empty()) {
            (None, true) => true,
            (Some(l), false) => s.expect.cause.iter().any(|c| c.id() == l),
            // An inconclusive verdict may rank causes as hints.
            (Some(_), true) => s.expect.verdict == Verdict::Inconclusive,
            (None, false) => false,
        };
        if s.expect.verdict != Verdict::Problem && verdict == "problem" {
            healthy_problems.push(name.clone());
        }
        if !(verdict_ok && cause_ok) {
            misses.insert(name.clone());
            report.push_str(&format!(
                "{name}: expected {} {:?}, got {verdict} {lead:?}\n",
                verdict_word(s.expect.verdict),
                s.expect.cause.iter().map(|c| c.id()).collect::<Vec<_>>()
            ));
        }
    }
    let right = cases.len() - misses.len();
    println!(
        "real-world score: {right} of {} top-1 ({:.1}%); problem on a healthy case: {}",
        cases.len(),
        100.0 * right as f64 / cases.len() as f64,
        healthy_problems.len()
    );
    print!("{report}");
    let new: Vec<_> = misses.difference(&listed).collect();
    let fixed: Vec<_> = listed.difference(&misses).collect();
    assert!(
        new.is_empty() && fixed.is_empty(),
        "the misses changed.\nnew misses (fix them or list them with why): {new:?}\n\
         now right (take them off tests/realworld/known-misses.txt): {fixed:?}\n{report}"
    );
}

/// A cause id that means authentication itself failed (not a non-auth cause).
trait AuthCause {
    fn is_auth(&self) -> bool;
}

impl AuthCause for CauseId {
    fn is_auth(&self) -> bool {
        !matches!(
            self,
            CauseId::DeploymentNotFound
                | CauseId::ApiVersionInvalid
                | CauseId::PathNotFound
                | CauseId::ResourceNotFound
                | CauseId::QuotaOrRateLimit
                | CauseId::NetworkRestricted
                | CauseId::RegionNotSupported
        )
    }
}
