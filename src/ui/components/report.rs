//! "Copy report": the diagnosis as Markdown for a ticket, masked and scrubbed by
//! [`report_markdown`]. The preview shows the same text, so anyone can read what
//! would be copied before copying it. The text is made only when it is copied or
//! previewed, never per keystroke.

use crate::diag::page::form::FormDiagnosis;
use crate::diag::render::markdown::report_markdown;
use crate::ui::browser;
use std::rc::Rc;
use web_sys::HtmlDetailsElement;
use yew::prelude::*;

/// Props of [`CopyReport`].
#[derive(Properties, PartialEq)]
pub struct CopyReportProps {
    /// The diagnosis to report.
    pub diag: Rc<FormDiagnosis>,
}

#[derive(Clone, Copy, PartialEq)]
enum Status {
    Idle,
    Copied,
    Failed,
}

/// The copy button and the folded preview.
#[component]
pub fn CopyReport(props: &CopyReportProps) -> Html {
    let open = use_state_eq(|| false);
    let status = use_state_eq(|| Status::Idle);
    let ontoggle = {
        let open = open.clone();
        Callback::from(move |e: Event| {
            if let Some(d) = e.target_dyn_into::<HtmlDetailsElement>() {
                open.set(d.open());
            }
        })
    };
    let onclick = {
        let diag = props.diag.clone();
        let status = status.clone();
        let open = open.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let open = open.clone();
            browser::copy_text(
                report_markdown(&diag.case, &diag.diagnosis),
                Callback::from(move |ok: bool| {
                    status.set(if ok { Status::Copied } else { Status::Failed });
                    if !ok {
                        open.set(true); // let the user select it instead
                    }
                }),
            );
        })
    };
    let message = match *status {
        Status::Idle => "",
        Status::Copied => "Copied",
        Status::Failed => "The browser did not allow copying: select the preview below instead.",
    };
    html! {
        <section class="report" id="report">
            <p class="report-actions">
                <button type="button" id="copy-report" class="primary" {onclick}>{"Copy report (Markdown)"}</button>
                <span class="copy-status" role="status">{message}</span>
            </p>
            <p class="report-note">{"For a ticket: keys and tokens masked, no signature, no pasted output."}</p>
            <details class="report-preview" id="report-preview" open={*open} {ontoggle}>
                <summary>{"Preview the report"}</summary>
                if *open {
                    <pre id="report-markdown" translate="no">{report_markdown(&props.diag.case, &props.diag.diagnosis)}</pre>
                }
            </details>
        </section>
    }
}
