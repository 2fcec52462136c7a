//! The diagnosis engine: one [`Case`] in, one [`Diagnosis`] out, through one
//! [`diagnose`] that the page, the `doctor` CLI, the tests and the benchmarks all call.
//!
//! The layers, as data flows (each imports only the layers before it and [`known`]):
//!
//! 1. [`known`]: the facts, as tables with their sources, and the types they are written
//!    in (hosts, audiences, api-versions, key shapes, characters, headers, error
//!    signatures, client regressions). It imports nothing else of the engine.
//! 2. [`parse`]: small parsers with no opinions (URL, canonical text, times).
//! 3. [`read`]: one module per input, each turning what was pasted into facts and
//!    per-field findings.
//! 4. [`Facts`] (in `facts.rs`): every reader's result for one case, with the time to
//!    judge tokens against.
//! 5. [`rank`]: the rules that turn the facts into a verdict and ranked causes, and the
//!    fixes for each cause.
//! 6. [`render`]: the report as plain text or as a Markdown ticket.
//!
//! [`page`] holds what the page does besides diagnosing (the form model, smart paste,
//! the probe's plan), pure so it tests natively; the vocabulary ([`case`], [`CauseId`],
//! [`report`], [`secret`], [`scenario`]) is shared by all.
//!
//! ```
//! use doctor401::diag::{diagnose, Case, Verdict};
//! let case = Case::from_json(r#"{"endpoint": "https://contoso.openai.azure.com/"}"#).unwrap();
//! let report = diagnose(&case, 1_795_424_400).report;
//! // Nothing observed: the inputs may look right, but that is no proof.
//! assert_eq!(report.verdict, Verdict::Inconclusive);
//! ```
//!
//! Nothing here reads a clock, touches the network or knows of the browser.

#![deny(missing_docs)]

pub mod case;
mod facts;
pub mod known;
pub mod page;
pub mod parse;
pub mod rank;
pub mod read;
pub mod render;
pub mod report;
pub mod scenario;
pub mod secret;
#[cfg(test)]
mod test_support;

pub use case::{BrowserFailure, Case, CaseError, ObservedResponse};
use facts::names_no_time;
pub use facts::{Clock, Facts, JudgedBy};
pub use known::causes::CauseId;
pub use report::{Confidence, Field, Finding, RankedCause, Report, Severity, Verdict};
pub use scenario::Scenario;
pub use secret::{mask, Secret};

use read::token::TokenAnalysis;

/// One diagnosis: the report, and what the page shows beside it.
#[derive(Clone, Debug, PartialEq)]
pub struct Diagnosis {
    /// The report (case-format.md).
    pub report: Report,
    /// Decoded tokens (the credential's and the token field's), for the token panel.
    pub tokens: Vec<TokenAnalysis>,
    /// Unix seconds the tokens were judged against.
    pub judged_at: i64,
    /// Where that time came from.
    pub judged_by: JudgedBy,
    /// The time found in the pasted output, if any.
    pub evidence_when: Option<i64>,
}

/// Diagnoses one case: the one entry point of the page, the `doctor` CLI, the tests and
/// the benchmarks. `clock` is the caller's current time (Unix seconds, or a [`Clock`]);
/// the case's own `now`, when present, takes precedence, and otherwise a time found in
/// the pasted output does (see [`Clock`]).
pub fn diagnose(case: &Case, clock: impl Into<Clock>) -> Diagnosis {
    let clock = clock.into();
    let mut facts = Facts::gather(case, clock.now);
    let evidence_when = facts.evidence.when;
    if let Some(when) = evidence_when.filter(|_| names_no_time(case) && clock.follow_pasted_time) {
        // A second pass judges the tokens as of then; the pasted output is read once.
        let evidence = std::mem::take(&mut facts.evidence);
        facts = Facts::gather_with(case, clock.now, Some((when, evidence)));
    }
    Diagnosis {
        report: rank::rules::rank(&facts),
        tokens: [&facts.token, &facts.extra_token]
            .into_iter()
            .flatten()
            .cloned()
            .collect(),
        judged_at: facts.now,
        judged_by: facts.judged_by,
        evidence_when,
    }
}
