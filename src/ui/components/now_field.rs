//! The time of the failure (`now`): token times are judged against it. It follows the
//! clock unless the pasted output dates the failure (a `Date` header, a timestamp) or
//! the user (or a scenario) sets it, so a log from three hours ago is judged as of then.

use super::findings::finding_list;
use crate::diag::page::form::FormField;
use crate::diag::parse::time::format_rfc3339;
use crate::diag::Finding;
use crate::diag::JudgedBy;
use crate::ui::browser;
use web_sys::{Element, HtmlInputElement};
use yew::prelude::*;

/// Props of [`NowField`].
#[derive(Properties, PartialEq)]
pub struct NowFieldProps {
    /// The text in the field (typed, or the evidence time shown).
    pub value: AttrValue,
    /// The current time, for the placeholder.
    pub clock: i64,
    /// What the tokens were judged against.
    pub judged_by: JudgedBy,
    /// When.
    pub judged_at: i64,
    /// The time found in the pasted output.
    pub evidence_when: Option<i64>,
    /// Findings about the time.
    pub findings: Vec<Finding>,
    /// Called with typed text.
    pub onset: Callback<(FormField, String)>,
    /// Use the clock.
    pub onclock: Callback<MouseEvent>,
    /// Use the pasted output's time.
    pub onevidence: Callback<MouseEvent>,
}

/// The time-of-failure input with where its value came from.
#[component]
pub fn NowField(props: &NowFieldProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<Element>() {
                browser::opt_out_of_password_managers(&el);
            }
        });
    }
    let oninput = {
        let node = node.clone();
        let onset = props.onset.clone();
        Callback::from(move |_: InputEvent| {
            if let Some(i) = node.cast::<HtmlInputElement>() {
                onset.emit((FormField::Now, i.value()));
            }
        })
    };
    let status = match props.judged_by {
        JudgedBy::Clock => "Token times are judged against the current time.".to_string(),
        JudgedBy::Typed => format!(
            "Token times are judged as of {} (set here).",
            format_rfc3339(props.judged_at)
        ),
        JudgedBy::Evidence => format!(
            "Taken from the pasted output: token times are judged as of {}, when the request failed.",
            format_rfc3339(props.judged_at)
        ),
    };
    let show_clock = props.judged_by != JudgedBy::Clock;
    let show_evidence = props.evidence_when.is_some() && props.judged_by != JudgedBy::Evidence;
    html! {
        <div class="field field-now">
            <label for="now">{"Time of the failure (UTC)"}</label>
            <div class="control">
                <input
                    ref={node}
                    id="now"
                    type="text"
                    inputmode="text"
                    value={props.value.clone()}
                    placeholder={format!("now: {}", format_rfc3339(props.clock))}
                    aria-describedby="now-status now-findings"
                    autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                    translate="no"
                    {oninput}
                />
                if show_clock {
                    <button type="button" id="now-live" onclick={props.onclock.clone()}>{"Use now"}</button>
                }
                if show_evidence {
                    <button type="button" id="now-evidence" onclick={props.onevidence.clone()}>{"Use the pasted time"}</button>
                }
            </div>
            <p class="now-status" id="now-status">{status}</p>
            {finding_list("now-findings", &props.findings, "RFC 3339, e.g. 2026-11-23T09:00:00Z. Trainers: set it to replay a scenario at its own time.")}
        </div>
    }
}
