//! The big "paste anything" box (`error-text`) and smart paste.
//!
//! A paste that is a `.env` block, a request URL, `az account get-access-token`
//! output, a curl command or client code is spread into the form instead of being
//! pasted as text, and the page says what it took from where (with Undo). Error
//! output, including `curl -i` output, is pasted as it is. Text typed or dropped in
//! rather than pasted gets a "Spread into the form" button when it is recognised.

use super::findings::finding_list;
use crate::diag::page::form::FormField;
use crate::diag::page::smart_paste::{recognize, PasteKind, Recognized};
use crate::diag::Finding;
use crate::ui::browser;
use crate::ui::state::PasteNote;
use std::rc::Rc;
use web_sys::{Element, HtmlTextAreaElement};
use yew::prelude::*;

/// Props of [`PasteBox`].
#[derive(Properties, PartialEq)]
pub struct PasteBoxProps {
    /// The box's text.
    pub value: AttrValue,
    /// Findings about the pasted output.
    pub findings: Vec<Finding>,
    /// What the last smart paste did.
    pub note: Option<PasteNote>,
    /// Called with the box's new text.
    pub onset: Callback<(FormField, String)>,
    /// Called to spread a recognised paste; the flag says whether it came from the
    /// box's own text (which then leaves the box).
    pub onspread: Callback<(Rc<Recognized>, bool)>,
    /// Undo the last smart paste.
    pub onundo: Callback<MouseEvent>,
    /// Hide the note.
    pub ondismiss: Callback<MouseEvent>,
}

/// The paste box with its smart-paste note.
#[component]
pub fn PasteBox(props: &PasteBoxProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<Element>() {
                browser::opt_out_of_password_managers(&el);
            }
        });
    }
    // What the box's current text is, for the "Spread" button and the hint.
    let typed = use_memo(props.value.clone(), |v| Rc::new(recognize(v)));

    let oninput = {
        let node = node.clone();
        let onset = props.onset.clone();
        Callback::from(move |_: InputEvent| {
            if let Some(t) = node.cast::<HtmlTextAreaElement>() {
                onset.emit((FormField::ErrorText, t.value()));
            }
        })
    };
    let onpaste = {
        let onspread = props.onspread.clone();
        Callback::from(move |e: Event| {
            let Some(text) = browser::pasted_text(&e) else {
                return;
            };
            let r = recognize(&text);
            if r.spreads() {
                e.prevent_default();
                onspread.emit((Rc::new(r), false));
            }
        })
    };
    let spread_button = if typed.spreads() {
        let onclick = {
            let onspread = props.onspread.clone();
            let r = (*typed).clone();
            Callback::from(move |_: MouseEvent| onspread.emit((r.clone(), true)))
        };
        html! {
            <p class="spread">
                <button type="button" id="spread-paste" class="primary" {onclick}>
                    {"Spread into the form"}
                </button>
                <span>{format!("This looks like {}.", typed.kind.describe())}</span>
            </p>
        }
    } else {
        html! {}
    };
    let hint = match typed.kind {
        PasteKind::CurlOutput => {
            "Read as curl -i output: status line, headers and body. A Date header sets the time of the failure."
        }
        _ => "Paste anything: the error or exception, curl -i output, a .env block, a curl command, a request URL, or az account get-access-token output.",
    };
    let note = props.note.as_ref().map(|n| {
        html! {
            <div class="paste-note" id="paste-note" role="status">
                <p class="paste-summary">{n.summary.clone()}</p>
                if !n.sources.is_empty() {
                    <ul class="paste-sources">
                        for (label, source) in n.sources.iter() {
                            <li><span class="what">{label.clone()}</span>{" ← "}<code>{source.clone()}</code></li>
                        }
                    </ul>
                }
                if !n.notes.is_empty() {
                    <ul class="paste-notes">
                        for note in n.notes.iter() {
                            <li>{note.clone()}</li>
                        }
                    </ul>
                }
                <p class="paste-actions">
                    if n.previous.is_some() {
                        <button type="button" id="undo-paste" onclick={props.onundo.clone()}>{"Undo"}</button>
                    }
                    <button type="button" class="quiet" onclick={props.ondismiss.clone()}>{"Dismiss"}</button>
                </p>
            </div>
        }
    });
    html! {
        <div class="field field-error-text">
            <label for="error-text">{"Paste anything"}</label>
            <textarea
                ref={node}
                id="error-text"
                rows="9"
                value={props.value.clone()}
                placeholder="openai.AuthenticationError: Error code: 401 - {'error': …}\nor HTTP/1.1 401 …\nor AZURE_OPENAI_ENDPOINT=…\nor curl -i https://…"
                aria-describedby="error-text-findings"
                autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                translate="no"
                {oninput}
                {onpaste}
            />
            {spread_button}
            {note.unwrap_or_default()}
            {finding_list("error-text-findings", &props.findings, hint)}
        </div>
    }
}
