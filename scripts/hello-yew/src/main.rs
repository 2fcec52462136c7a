//! One input and one line that answers it: what the load-time script measures on the
//! page (the form accepts input, a first "verdict" for typed input), on the least Yew.
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[component]
fn App() -> Html {
    let text = use_state(String::new);
    let oninput = {
        let text = text.clone();
        Callback::from(move |e: InputEvent| text.set(e.target_unchecked_into::<HtmlInputElement>().value()))
    };
    html! {
        <main>
            <h1>{"Hello, Yew"}</h1>
            <input id="endpoint" {oninput} />
            if !text.is_empty() {
                <p id="verdict" data-verdict="ok">{format!("{} characters", text.len())}</p>
            }
        </main>
    }
}

fn main() {
    yew::Renderer::<App>::new().render();
}
