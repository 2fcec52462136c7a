//! Every scenario in `../shared/corpus/` must diagnose as expected: the expected verdict,
//! and a leading cause from `expect.cause` (none when the list is empty).

use doctor401::diag::{diagnose, Scenario};
use std::path::PathBuf;

fn corpus_dir() -> PathBuf {
    std::env::var_os("DOCTOR_CORPUS_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"))
}

/// Tuesday 2026-11-24 00:00 UTC: a clock that is deliberately not any scenario's `now`,
/// so a case that forgets its own time would show up.
const CLOCK: i64 = 1_795_478_400;

#[test]
fn every_scenario_diagnoses_as_expected() {
    let dir = corpus_dir();
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read the corpus at {}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    assert!(
        files.len() >= 40,
        "expected the shared corpus, found {} files",
        files.len()
    );

    let mut failures = Vec::new();
    for path in &files {
        let name = path.file_name().unwrap().to_string_lossy().to_string();
        let text = std::fs::read_to_string(path).unwrap();
        let scenario = Scenario::from_json(&text).unwrap_or_else(|e| panic!("{name}: {e}"));
        let report = diagnose(&scenario.case, CLOCK).report;
        let lead = report.causes.first().map(|c| c.id);
        let verdict_ok = report.verdict == scenario.expect.verdict;
        let cause_ok = if scenario.expect.cause.is_empty() {
            lead.is_none()
        } else {
            lead.is_some_and(|l| scenario.expect.cause.contains(&l))
        };
        if !(verdict_ok && cause_ok) {
            failures.push(format!(
                "{name}: expected {:?} {:?}, got {:?} led by {:?} (ranked {:?})",
                scenario.expect.verdict,
                scenario
                    .expect
                    .cause
                    .iter()
                    .map(|c| c.id())
                    .collect::<Vec<_>>(),
                report.verdict,
                lead.map(|c| c.id()),
                report.causes.iter().map(|c| c.id.id()).collect::<Vec<_>>(),
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} scenarios diagnose wrongly:\n{}",
        failures.len(),
        files.len(),
        failures.join("\n")
    );
}
