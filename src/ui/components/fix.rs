//! A fix step (or next step) as the engine writes it: prose, with commands and
//! snippets as Markdown fenced blocks. Prose is shown as text with `inline code`;
//! each block gets its own copy button that copies only the code.

use super::copy_button::CopyButton;
use crate::diag::render::markdown::{split_fenced, split_inline_code, FixPart};
use yew::prelude::*;

/// Prose with `inline code`, paragraph by paragraph, as text nodes (never as HTML).
pub fn prose(text: &str) -> Html {
    html! {
        for p in text.split("\n\n").map(str::trim).filter(|p| !p.is_empty()) {
            <p>{inline(p)}</p>
        }
    }
}

/// One line of text with `inline code` as `<code>`, always as text nodes.
pub fn inline(text: &str) -> Html {
    html! {
        for (code, piece) in split_inline_code(text) {
            if code {
                <code>{piece.to_string()}</code>
            } else {
                {piece.to_string()}
            }
        }
    }
}

/// One fix step (Markdown): its prose and its copyable code blocks.
pub fn fix_text(text: &str) -> Html {
    html! {
        <div class="fix-step">
            for part in split_fenced(text).into_iter() {
                {render_part(part)}
            }
        </div>
    }
}

fn render_part(part: FixPart) -> Html {
    match part {
        FixPart::Text(t) => prose(&t),
        FixPart::Code { lang, code } => {
            let label = if matches!(
                lang.as_str(),
                "sh" | "bash" | "shell" | "console" | "powershell" | "pwsh" | ""
            ) {
                "Copy command"
            } else {
                "Copy snippet"
            };
            html! {
                <div class="code-block">
                    <div class="code-head">
                        <span class="code-lang">{lang}</span>
                        <CopyButton text={AttrValue::from(code.clone())} label={label} />
                    </div>
                    <pre><code translate="no">{code}</code></pre>
                </div>
            }
        }
    }
}
