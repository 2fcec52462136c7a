//! The findings beside one input. Plain view functions (no component state), which
//! keeps the wasm smaller than one component per list.

use super::fix::inline;
use crate::diag::{Finding, Severity};
use yew::prelude::*;

/// A visible marker and a word for screen readers, per severity.
pub fn severity_marks(s: Severity) -> (&'static str, &'static str, &'static str) {
    match s {
        Severity::Error => ("sev-error", "✖", "Problem: "),
        Severity::Warning => ("sev-warning", "▲", "Warning: "),
        Severity::Info => ("sev-info", "ℹ", "Note: "),
        Severity::Ok => ("sev-ok", "✔", "Checked: "),
    }
}

/// One finding as a list item.
pub fn finding_item(finding: &Finding) -> Html {
    let (class, icon, word) = severity_marks(finding.severity);
    html! {
        <li class={classes!("finding", class)} data-finding={finding.id.clone()}>
            <span class="sev-icon" aria-hidden="true">{icon}</span>
            <span class="sr-only">{word}</span>
            <span class="finding-text">{inline(&finding.message)}</span>
        </li>
    }
}

/// The findings under an input (element id `id`, referenced by the input's
/// `aria-describedby`), or its hint when there are none, so the line is never empty
/// and typing does not move the form.
pub fn finding_list(id: &str, findings: &[Finding], hint: &str) -> Html {
    if findings.is_empty() {
        return html! {
            <div class="findings" id={id.to_string()}>
                <p class="hint">{hint.to_string()}</p>
            </div>
        };
    }
    html! {
        <div class="findings" id={id.to_string()}>
            <ul>
                for f in findings.iter() {
                    {finding_item(f)}
                }
            </ul>
        </div>
    }
}
