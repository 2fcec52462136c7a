//! The scenario gallery for training and demos: every scenario of the shared corpus,
//! built into the page. Choosing one fills the form (with its own time of failure
//! and observed response) and diagnoses it, offline. The expected answer stays folded
//! so a trainer can ask first.

use super::fix::inline;
use crate::diag::Verdict;
use crate::ui::scenarios::{self, StaticScenario};
use yew::prelude::*;

/// Props of [`Gallery`].
#[derive(Properties, PartialEq)]
pub struct GalleryProps {
    /// Called with the chosen scenario's index.
    pub onload: Callback<usize>,
}

/// `03` from `03-azure-key-newline-dotenv.json`.
fn number(index: usize) -> String {
    scenarios::get(index)
        .and_then(|s| s.file.split('-').next())
        .filter(|n| n.chars().all(|c| c.is_ascii_digit()))
        .map_or_else(|| format!("{}", index + 1), str::to_string)
}

/// The list of scenarios, folded by default.
#[component]
pub fn Gallery(props: &GalleryProps) -> Html {
    let all = scenarios::all();
    html! {
        <details class="gallery" id="gallery">
            <summary>{format!("Scenarios for training and demos ({})", all.len())}</summary>
            <p class="gallery-note">
                {"Synthetic cases, built into this page. Choosing one fills the form as the failing app had it and diagnoses it, without any request."}
            </p>
            <ul class="gallery-list">
                for (i, s) in all.iter().enumerate() {
                    <li>
                        {scenario_button(i, s, &props.onload)}
                    </li>
                }
            </ul>
        </details>
    }
}

fn scenario_button(index: usize, s: &StaticScenario, onload: &Callback<usize>) -> Html {
    let onclick = {
        let onload = onload.clone();
        Callback::from(move |_: MouseEvent| onload.emit(index))
    };
    html! {
        <button type="button" class="scenario" data-scenario={s.file} {onclick}>
            <span class="scenario-number">{number(index)}</span>
            <span class="scenario-title">{s.title}</span>
        </button>
    }
}

/// Props of [`ScenarioBanner`].
#[derive(Properties, PartialEq)]
pub struct ScenarioBannerProps {
    /// The loaded scenario.
    pub index: usize,
    /// Hide the banner.
    pub ondismiss: Callback<MouseEvent>,
}

/// What scenario the form holds, its story, and (folded) the expected answer.
#[component]
pub fn ScenarioBanner(props: &ScenarioBannerProps) -> Html {
    let Some(s) = scenarios::get(props.index) else {
        return html! {};
    };
    let verdict = match s.verdict {
        Verdict::Problem => "problem",
        Verdict::Ok => "ok",
        Verdict::Inconclusive => "inconclusive",
    };
    let causes: Vec<&str> = s.causes.iter().map(|c| c.id()).collect();
    let expected = if causes.is_empty() {
        verdict.to_string()
    } else {
        format!("{verdict}: {}", causes.join(" or "))
    };
    html! {
        <div class="scenario-banner" id="scenario-banner"
            data-scenario={s.file}>
            <p><strong>{format!("Scenario {}: ", number(props.index))}</strong>{s.title}</p>
            <p class="story">{inline(s.story)}</p>
            <details class="expected">
                <summary>{"Expected answer"}</summary>
                <p><code>{expected}</code></p>
            </details>
            <button type="button" class="quiet dismiss" onclick={props.ondismiss.clone()} aria-label="Hide the scenario note">{"×"}</button>
        </div>
    }
}
