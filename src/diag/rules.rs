//! The rules that rank causes from the facts.
//!
//! STUB: to be written.

use super::report::{Report, Verdict};
use super::Facts;

/// Ranks causes and picks the verdict.
pub fn rank(facts: &Facts) -> Report {
    let _ = facts;
    Report {
        verdict: Verdict::Inconclusive,
        causes: Vec::new(),
        findings: Vec::new(),
        next_step: Some("Paste the error output.".into()),
    }
}
