//! Plain-text and Markdown renderings of a report, for the terminal and for tickets.
//! Reports never hold secrets, so these only format.

use crate::diag::report::{Report, Severity, Verdict};
use std::fmt::Write;

/// A readable plain-text report, as the `doctor` binary prints it.
pub fn render(report: &Report) -> String {
    let mut out = String::new();
    let verdict = match report.verdict {
        Verdict::Problem => "PROBLEM",
        Verdict::Ok => "OK",
        Verdict::Inconclusive => "INCONCLUSIVE",
    };
    let _ = writeln!(out, "Verdict: {verdict}");
    for (i, c) in report.causes.iter().enumerate() {
        let _ = writeln!(
            out,
            "\n{}. {} [{}] ({:?} confidence)",
            i + 1,
            c.title,
            c.id,
            c.confidence
        );
        for e in &c.evidence {
            let _ = writeln!(out, "   evidence: {e}");
        }
        for f in &c.fix {
            for (j, line) in f.lines().enumerate() {
                let lead = if j == 0 { "   fix: " } else { "        " };
                let _ = writeln!(out, "{lead}{line}");
            }
        }
    }
    if let Some(n) = &report.next_step {
        let _ = writeln!(out, "\nNext step: {n}");
    }
    if !report.findings.is_empty() {
        let _ = writeln!(out, "\nFindings:");
        for f in &report.findings {
            let sev = match f.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info => "info",
                Severity::Ok => "ok",
            };
            let _ = writeln!(out, "  [{sev}] {:?}: {}", f.field, f.message);
        }
    }
    out
}
