//! One labelled input with its findings beside it.
//!
//! Every input gets the secret-field treatment (spellcheck, autocorrect,
//! autocapitalize and translation off, password managers opted out): endpoints and
//! error output carry keys often enough, and a spellchecker service must never see one.
//!
//! An `<input>` silently drops line breaks, so a key pasted with its trailing newline
//! would look clean. Single-line fields therefore keep the raw value in the form: a
//! paste that contains line breaks is inserted by us with the breaks kept (shown as
//! markers by the caller), and typing only replaces the raw value once the visible
//! text actually changes ([`merge_input`]).

use super::findings::finding_list;
use crate::diag::page::form::{merge_input, splice_paste, strip_newlines, FormField};
use crate::diag::Finding;
use crate::ui::browser;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlInputElement, HtmlTextAreaElement};
use yew::prelude::*;

/// What kind of input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum FieldKind {
    /// One line of text.
    Line,
    /// One line, hidden unless revealed (`type=password`).
    Secret {
        /// Shown as text.
        reveal: bool,
    },
    /// Several lines.
    Area {
        /// Visible rows.
        rows: u32,
    },
}

/// Props of [`Field`].
#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// Which form field (gives the element id).
    pub field: FormField,
    /// The label.
    pub label: AttrValue,
    /// The raw value, line breaks and all.
    pub value: AttrValue,
    /// Findings for this input.
    pub findings: Vec<Finding>,
    /// Shown under the input when there are no findings.
    #[prop_or_default]
    pub hint: AttrValue,
    /// Input kind.
    #[prop_or(FieldKind::Line)]
    pub kind: FieldKind,
    /// Placeholder text.
    #[prop_or_default]
    pub placeholder: AttrValue,
    /// Called with the field and its new raw value.
    pub onset: Callback<(FormField, String)>,
    /// Called when the reveal toggle of a secret field is pressed.
    #[prop_or_default]
    pub onreveal: Option<Callback<MouseEvent>>,
    /// Extra content under the input (e.g. the credential's outline).
    #[prop_or_default]
    pub children: Html,
    /// Read-only (shown, not editable).
    #[prop_or_default]
    pub readonly: bool,
}

fn element_value(el: &Element) -> String {
    if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
        i.value()
    } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
        t.value()
    } else {
        String::new()
    }
}

/// A labelled input, its findings, and the hint when there are none.
#[component]
pub fn Field(props: &FieldProps) -> Html {
    let node = use_node_ref();
    {
        let node = node.clone();
        use_effect_with((), move |_| {
            if let Some(el) = node.cast::<Element>() {
                browser::opt_out_of_password_managers(&el);
            }
        });
    }
    let id = props.field.id();
    let findings_id = format!("{id}-findings");
    let single_line = !matches!(props.kind, FieldKind::Area { .. });

    let oninput = {
        let node = node.clone();
        let onset = props.onset.clone();
        let field = props.field;
        let raw = props.value.clone();
        Callback::from(move |_: InputEvent| {
            let Some(el) = node.cast::<Element>() else {
                return;
            };
            let shown = element_value(&el);
            let value = if single_line {
                merge_input(&raw, &shown)
            } else {
                shown
            };
            onset.emit((field, value));
        })
    };
    let onpaste = {
        let node = node.clone();
        let onset = props.onset.clone();
        let field = props.field;
        let raw = props.value.clone();
        Callback::from(move |e: Event| {
            if !single_line {
                return;
            }
            let Some(text) = browser::pasted_text(&e) else {
                return;
            };
            if !text.contains(['\n', '\r']) {
                return; // the browser's own paste loses nothing
            }
            e.prevent_default();
            let Some(el) = node.cast::<Element>() else {
                return;
            };
            let shown_len = strip_newlines(&raw).encode_utf16().count() as u32;
            let (start, end) = browser::selection(&el).unwrap_or((shown_len, shown_len));
            onset.emit((field, splice_paste(&raw, start, end, &text)));
        })
    };

    let input = match props.kind {
        FieldKind::Area { rows } => html! {
            <textarea
                ref={node.clone()}
                id={id}
                rows={rows.to_string()}
                value={props.value.clone()}
                placeholder={props.placeholder.clone()}
                aria-describedby={findings_id.clone()}
                autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                translate="no"
                readonly={props.readonly}
                {oninput}
            />
        },
        FieldKind::Line | FieldKind::Secret { .. } => {
            let ty = match props.kind {
                FieldKind::Secret { reveal: false } => "password",
                _ => "text",
            };
            html! {
                <input
                    ref={node.clone()}
                    id={id}
                    type={ty}
                    value={strip_newlines(&props.value)}
                    placeholder={props.placeholder.clone()}
                    aria-describedby={findings_id.clone()}
                    autocomplete="off" spellcheck="false" autocapitalize="off" autocorrect="off"
                    translate="no"
                    readonly={props.readonly}
                    {oninput}
                    {onpaste}
                />
            }
        }
    };
    let reveal = match (props.kind, &props.onreveal) {
        (FieldKind::Secret { reveal }, Some(onclick)) => html! {
            <button type="button" class="reveal" id={format!("{id}-reveal")}
                aria-pressed={reveal.to_string()} aria-controls={id} onclick={onclick.clone()}>
                { if reveal { "Hide" } else { "Show" } }
            </button>
        },
        _ => html! {},
    };
    html! {
        <div class={classes!("field", format!("field-{id}"))}>
            <label for={id}>{props.label.clone()}</label>
            <div class="control">
                {input}
                {reveal}
            </div>
            {props.children.clone()}
            {finding_list(&findings_id, &props.findings, &props.hint)}
        </div>
    }
}
