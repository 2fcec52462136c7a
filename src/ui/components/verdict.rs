//! The verdict: the leading cause first, with its confidence, the evidence it rests
//! on and the fix with copy buttons; then the other candidates, folded. `ok` says
//! what was checked; `inconclusive` gives the one next step.

use super::findings::finding_item;
use super::fix::{fix_text, inline};
use crate::diag::page::form::evidence_target;
use crate::diag::page::form::FormDiagnosis;
use crate::diag::{Confidence, RankedCause, Severity, Verdict};
use crate::ui::browser;
use std::rc::Rc;
use yew::prelude::*;

/// Props of [`VerdictPanel`].
#[derive(Properties, PartialEq)]
pub struct VerdictPanelProps {
    /// The diagnosis of the form.
    pub diag: Rc<FormDiagnosis>,
    /// Nothing was entered yet.
    pub empty: bool,
    /// How long the diagnosis took, in milliseconds (exposed for the performance test).
    pub elapsed_ms: f64,
}

fn confidence_text(c: Confidence) -> (&'static str, &'static str) {
    match c {
        Confidence::High => ("conf-high", "High confidence"),
        Confidence::Medium => ("conf-medium", "Medium confidence"),
        Confidence::Low => ("conf-low", "Low confidence"),
    }
}

fn verdict_text(v: Verdict) -> (&'static str, &'static str) {
    match v {
        Verdict::Problem => ("problem", "Problem found"),
        Verdict::Ok => ("ok", "Nothing wrong found"),
        Verdict::Inconclusive => ("inconclusive", "Not enough to decide yet"),
    }
}

/// A line of evidence; when it names an input (or a line of the pasted output), that
/// name is a button that takes the user there.
fn evidence_item(text: &str) -> Html {
    let Some((field, line, len)) = evidence_target(text) else {
        return fix_text(text);
    };
    let (head, rest) = text.split_at(len);
    let onclick = Callback::from(move |_: MouseEvent| browser::focus_field(field.id(), line));
    html! {
        <div class="fix-step">
            <p>
                <button type="button" class="goto" data-goto={field.id()} {onclick}
                    title="Show this input">{head.to_string()}</button>
                {inline(rest)}
            </p>
        </div>
    }
}

/// One cause: title, confidence, evidence and fix. The leading one carries
/// `data-cause`; the others `data-other-cause`, so `[data-cause]` finds only the lead.
pub fn cause_card(c: &RankedCause, lead: bool) -> Html {
    let (conf_class, conf_text) = confidence_text(c.confidence);
    let id = c.id.id();
    let body = html! {
        <>
            if !c.evidence.is_empty() {
                <h4>{"Evidence"}</h4>
                <ul class="evidence">
                    for e in c.evidence.iter() {
                        <li>{evidence_item(e)}</li>
                    }
                </ul>
            }
            if !c.fix.is_empty() {
                <h4>{"Fix"}</h4>
                <ol class="fix">
                    for f in c.fix.iter() {
                        <li>{fix_text(f)}</li>
                    }
                </ol>
            }
        </>
    };
    if lead {
        html! {
            <article class="cause lead" data-cause={id} id="lead-cause">
                <h3 class="cause-title">{c.title.clone()}</h3>
                <p class="cause-meta">
                    <span class={classes!("confidence", conf_class)}>{conf_text}</span>
                    <code class="cause-id">{id}</code>
                </p>
                {body}
            </article>
        }
    } else {
        html! {
            <article class="cause other" data-other-cause={id}>
                <h4 class="cause-title">{c.title.clone()}</h4>
                <p class="cause-meta">
                    <span class={classes!("confidence", conf_class)}>{conf_text}</span>
                    <code class="cause-id">{id}</code>
                </p>
                {body}
            </article>
        }
    }
}

fn others_summary(problem: bool, n: usize) -> String {
    let s = if n == 1 { "" } else { "s" };
    if problem {
        format!("{n} other possible cause{s}")
    } else {
        format!("{n} possible cause{s}")
    }
}

/// Milliseconds with two decimals, without pulling float formatting into the wasm.
fn millis(ms: f64) -> String {
    let hundredths = (ms.max(0.0) * 100.0).round() as u64;
    format!("{}.{:02}", hundredths / 100, hundredths % 100)
}

/// The verdict panel.
#[component]
pub fn VerdictPanel(props: &VerdictPanelProps) -> Html {
    let ms = millis(props.elapsed_ms);
    if props.empty {
        return html! {
            <section class="verdict verdict-empty" id="verdict" aria-live="polite" data-diag-ms={ms}>
                <h2>{"Verdict"}</h2>
                <ol class="how">
                    <li>{"Paste what you have into the big box: the error or exception, "}<code>{"curl -i"}</code>{" output, a .env block, a curl command, a request URL or a token. It is spread into the fields."}</li>
                    <li>{"Fill in or correct the fields. Every keystroke is checked, with notes beside each field."}</li>
                    <li>{"Read the verdict here: the likeliest cause, what it rests on, and the fix to copy. Copy the report for a ticket: keys are masked."}</li>
                </ol>
                <p class="verdict-intro">{"Or open a scenario above to see a diagnosis."}</p>
            </section>
        };
    }
    let report = &props.diag.diagnosis.report;
    let (vclass, vtext) = verdict_text(report.verdict);
    // Only a problem has a leading cause; candidates of an undecided verdict are
    // listed without one.
    let problem = report.verdict == Verdict::Problem;
    let lead = report.causes.first().filter(|_| problem);
    let others: Vec<RankedCause> = report
        .causes
        .iter()
        .skip(usize::from(problem))
        .cloned()
        .collect();
    let checked: Vec<_> = report
        .findings
        .iter()
        .filter(|f| f.severity == Severity::Ok)
        .cloned()
        .collect();
    let provided: Vec<&'static str> = {
        let c = &props.diag.case;
        [
            (c.endpoint.is_some(), "endpoint"),
            (c.credential.is_some(), "credential"),
            (c.auth_header.is_some(), "how it is sent"),
            (c.deployment.is_some(), "deployment"),
            (c.api_version.is_some(), "api-version"),
            (c.token.is_some(), "token"),
            (c.organization.is_some(), "organization"),
            (c.project.is_some(), "project"),
            (c.client.is_some(), "client"),
            (c.error_text.is_some(), "error output"),
            (c.response.is_some(), "observed response"),
        ]
        .into_iter()
        .filter_map(|(given, name)| given.then_some(name))
        .collect()
    };
    html! {
        <section class={classes!("verdict", format!("verdict-{vclass}"))} id="verdict"
            aria-live="polite" data-verdict={vclass} data-diag-ms={ms}>
            <h2><span class="verdict-badge">{vtext}</span></h2>
            if report.verdict == Verdict::Ok {
                <p class="ok-text">
                    {"Nothing in what you gave points to a problem. Checked: "}
                    {provided.join(", ")}{"."}
                </p>
                if !checked.is_empty() {
                    <ul class="checked">
                        for f in checked.iter() {
                            {finding_item(f)}
                        }
                    </ul>
                }
            }
            if let Some(step) = &report.next_step {
                <div class="next-step" id="next-step">
                    <h3>{"Next step"}</h3>
                    {fix_text(step)}
                </div>
            }
            if let Some(c) = lead {
                {cause_card(c, true)}
            }
            if !others.is_empty() {
                <details class="other-causes">
                    <summary>{others_summary(problem, others.len())}</summary>
                    for c in others.iter() {
                        {cause_card(c, false)}
                    }
                </details>
            }
        </section>
    }
}
