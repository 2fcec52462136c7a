//! The observed response: status (or a browser failure), headers and body, as a probe
//! or the user's own tools saw it. Scenario files carry one; the live probe fills it.
//! Folded away until it holds something.

use super::field::{Field, FieldKind};
use super::findings::finding_list;
use crate::diag::page::form::{FormField, ResponseForm};
use crate::diag::{Finding, Severity};
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// Props of [`ResponseSection`].
#[derive(Properties, PartialEq)]
pub struct ResponseSectionProps {
    /// The response part of the form.
    pub response: ResponseForm,
    /// Findings about the response.
    pub findings: Vec<Finding>,
    /// Why part of it was left out (an unreadable status).
    pub problem: Option<String>,
    /// Called with a field and its new value.
    pub onset: Callback<(FormField, String)>,
}

/// The options of the browser-failure select: value and label.
const FAILURES: &[(&str, &str)] = &[
    ("", "None: a status came back"),
    ("network", "Network error (Failed to fetch)"),
    ("cors", "Blocked by CORS"),
    ("timeout", "Timed out"),
    ("redirect", "Redirect refused"),
];

/// The observed-response fields.
#[component]
pub fn ResponseSection(props: &ResponseSectionProps) -> Html {
    let r = &props.response;
    let open = !r.is_empty();
    let summary = if r.is_empty() {
        "Observed response (optional)".to_string()
    } else if !r.status.trim().is_empty() {
        format!("Observed response: status {}", r.status.trim())
    } else if !r.failure.is_empty() {
        format!("Observed response: no response ({})", r.failure)
    } else {
        "Observed response".to_string()
    };
    let onfailure = {
        let onset = props.onset.clone();
        Callback::from(move |e: Event| {
            if let Some(s) = e.target_dyn_into::<HtmlSelectElement>() {
                onset.emit((FormField::ResponseFailure, s.value()));
            }
        })
    };
    let mut status_findings = props.findings.clone();
    if let Some(p) = &props.problem {
        status_findings.insert(
            0,
            Finding::new(
                crate::diag::Field::Response,
                Severity::Error,
                "response-status-unreadable",
                p.clone(),
            ),
        );
    }
    html! {
        <details class="response" id="response" open={open}>
            <summary>{summary}</summary>
            <div class="response-grid">
                <Field field={FormField::ResponseStatus} label="Status" value={r.status.clone()}
                    findings={Vec::<Finding>::new()} placeholder="401" hint="The HTTP status, e.g. 401."
                    onset={props.onset.clone()} />
                <div class="field field-response-failure">
                    <label for="response-failure">{"Or: no response at all"}</label>
                    <div class="control">
                        <select id="response-failure" onchange={onfailure}>
                            for (value, label) in FAILURES.iter() {
                                <option value={*value} selected={r.failure == *value}>{*label}</option>
                            }
                        </select>
                    </div>
                    <div class="findings"><p class="hint">{"What the browser saw when no status arrived."}</p></div>
                </div>
            </div>
            <Field field={FormField::ResponseHeaders} label="Headers" value={r.headers.clone()}
                kind={FieldKind::Area { rows: 3 }} findings={Vec::<Finding>::new()}
                placeholder="date: Mon, 23 Nov 2026 09:00:00 GMT\napim-request-id: …"
                hint="One name: value per line." onset={props.onset.clone()} />
            <Field field={FormField::ResponseBody} label="Body" value={r.body.clone()}
                kind={FieldKind::Area { rows: 4 }} findings={Vec::<Finding>::new()}
                placeholder="{\"error\":{\"code\":\"401\",\"message\":\"…\"}}"
                hint="The response body as received." onset={props.onset.clone()} />
            {finding_list("response-findings", &status_findings, "What came back decides between causes that the inputs alone cannot.")}
        </details>
    }
}
