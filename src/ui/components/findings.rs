//! The findings beside one input.

use super::fix::inline;
use crate::diag::{Finding, Severity};
use yew::prelude::*;

/// Props of [`FindingList`].
#[derive(Properties, PartialEq)]
pub struct FindingListProps {
    /// Element id (`<input id>-findings`), referenced by the input's `aria-describedby`.
    pub id: AttrValue,
    /// The findings for this input.
    pub findings: Vec<Finding>,
    /// Shown when there are no findings, so the line is never empty (no layout jump).
    #[prop_or_default]
    pub hint: AttrValue,
}

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
#[component]
pub fn FindingItem(props: &FindingItemProps) -> Html {
    let (class, icon, word) = severity_marks(props.finding.severity);
    html! {
        <li class={classes!("finding", class)} data-finding={props.finding.id.clone()}>
            <span class="sev-icon" aria-hidden="true">{icon}</span>
            <span class="sr-only">{word}</span>
            <span class="finding-text">{inline(&props.finding.message)}</span>
        </li>
    }
}

/// Props of [`FindingItem`].
#[derive(Properties, PartialEq)]
pub struct FindingItemProps {
    /// The finding.
    pub finding: Finding,
}

/// The findings under an input, or its hint when there are none.
#[component]
pub fn FindingList(props: &FindingListProps) -> Html {
    if props.findings.is_empty() {
        return html! {
            <div class="findings" id={props.id.clone()}>
                <p class="hint">{props.hint.clone()}</p>
            </div>
        };
    }
    html! {
        <div class="findings" id={props.id.clone()}>
            <ul>
                for f in props.findings.iter() {
                    <FindingItem finding={f.clone()} />
                }
            </ul>
        </div>
    }
}
