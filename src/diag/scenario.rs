//! Scenario files (`shared/corpus/*.json`): a title, a story, a case, and the expected
//! verdict and leading cause. Used by the tests, the `doctor` binary and the page's
//! gallery.

use crate::diag::case::{Case, CaseError};
use crate::diag::known::causes::CauseId;
use crate::diag::report::Verdict;
use serde::Deserialize;

/// One scenario.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Scenario {
    /// Short title.
    pub title: String,
    /// What happened, in a sentence or two.
    pub story: String,
    /// Where the scenario comes from.
    #[serde(default)]
    pub source: String,
    /// What fixed it, in one line (real-world cases, `tests/realworld/`); never read by
    /// the engine, so a case holds only what the reporter had before the fix.
    #[serde(default)]
    pub fixed: String,
    /// The case to diagnose.
    pub case: Case,
    /// What the diagnosis must say.
    pub expect: Expectation,
}

/// The expected outcome of a scenario.
#[derive(Clone, Debug, PartialEq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Expectation {
    /// The verdict.
    pub verdict: Verdict,
    /// Acceptable leading causes; empty when no cause may be ranked.
    #[serde(default)]
    pub cause: Vec<CauseId>,
}

impl Scenario {
    /// Reads a scenario file's text.
    ///
    /// # Errors
    /// As [`Case::from_json`].
    pub fn from_json(text: &str) -> Result<Scenario, CaseError> {
        serde_json::from_str(text).map_err(CaseError::Json)
    }
}
