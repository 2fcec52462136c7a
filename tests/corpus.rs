//! Every scenario in `../shared/corpus/` must diagnose as expected: the expected verdict,
//! and a leading cause from `expect.cause` (none when the list is empty).

mod common;

use doctor401::diag::diagnose;

/// Tuesday 2026-11-24 00:00 UTC: a clock that is deliberately not any scenario's `now`,
/// so a case that forgets its own time would show up.
const CLOCK: i64 = 1_795_478_400;

#[test]
fn every_scenario_diagnoses_as_expected() {
    let scenarios = common::scenarios(&common::corpus_dir(), 40);

    let mut failures = Vec::new();
    for (name, scenario) in &scenarios {
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
        scenarios.len(),
        failures.join("\n")
    );
}
