//! A button that copies one piece of text (a command, a snippet, the report) with
//! `navigator.clipboard.writeText`, and says whether it worked.

use crate::ui::browser;
use yew::prelude::*;

/// Props of [`CopyButton`].
#[derive(Properties, PartialEq)]
pub struct CopyButtonProps {
    /// What to copy. Never a secret: commands carry placeholders, reports are masked.
    pub text: AttrValue,
    /// The button's label, e.g. "Copy command".
    #[prop_or(AttrValue::Static("Copy"))]
    pub label: AttrValue,
    /// Element id, if tests or labels need one.
    #[prop_or_default]
    pub id: Option<AttrValue>,
    /// Told whether the copy worked (the report falls back to showing its text).
    #[prop_or_default]
    pub oncopied: Option<Callback<bool>>,
}

/// The copy state shown next to a copy button (this one and the report's).
#[derive(Clone, Copy, PartialEq)]
pub enum Status {
    /// Nothing copied yet.
    Idle,
    /// The clipboard took the text.
    Copied,
    /// The browser refused.
    Failed,
}

/// A copy button with a polite status message.
#[component]
pub fn CopyButton(props: &CopyButtonProps) -> Html {
    let status = use_state_eq(|| Status::Idle);
    let onclick = {
        let status = status.clone();
        let text = props.text.clone();
        let oncopied = props.oncopied.clone();
        Callback::from(move |_: MouseEvent| {
            let status = status.clone();
            let oncopied = oncopied.clone();
            browser::copy_text(
                text.to_string(),
                Callback::from(move |ok: bool| {
                    status.set(if ok { Status::Copied } else { Status::Failed });
                    if let Some(cb) = &oncopied {
                        cb.emit(ok);
                    }
                }),
            );
        })
    };
    let message = match *status {
        Status::Idle => "",
        Status::Copied => "Copied",
        Status::Failed => "Copy failed: select the text instead",
    };
    html! {
        <span class="copy">
            <span class="copy-status" role="status">{message}</span>
            <button type="button" class="copy-button" id={props.id.clone()} {onclick}>
                {props.label.clone()}
            </button>
        </span>
    }
}
