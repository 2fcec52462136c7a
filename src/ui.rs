//! The Yew shell: form state to case, case to report, report to view. Browser-only
//! code (DOM, clipboard, fetch) lives here, at the edge.

use yew::prelude::*;

/// Mounts the page on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}

/// The page.
#[component]
pub fn App() -> Html {
    html! {
        <main id="app">
            <h1>{"401 Doctor"}</h1>
        </main>
    }
}
