//! In-browser tests (`wasm-bindgen-test`, headless Chromium): the real Yew app, mounted
//! into a fresh element, renders the first view.
//!
//! Run with `./dev test`, or alone with
//! `cargo test --target wasm32-unknown-unknown --test browser`.
//! They assert only on the stable input ids from issue 2, which later issues keep.
#![cfg(target_arch = "wasm32")]

use doctor401::ui::App;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{Document, Element};

wasm_bindgen_test_configure!(run_in_browser);

/// The ids of the first view's fields.
const FIELD_IDS: [&str; 6] = [
    "endpoint",
    "credential",
    "deployment",
    "api-version",
    "token",
    "error-text",
];

fn document() -> Document {
    web_sys::window()
        .and_then(|w| w.document())
        .expect("a browser test runs with a document")
}

/// A fresh `<div>` appended to `<body>`, so each test starts from nothing.
fn fresh_root() -> Element {
    let doc = document();
    let root = doc.create_element("div").expect("create a div");
    doc.body()
        .expect("the test page has a body")
        .append_child(&root)
        .expect("append the root");
    root
}

/// Mounts the app into a fresh element and lets Yew finish rendering.
async fn mount() -> Element {
    let root = fresh_root();
    yew::Renderer::<App>::with_root(root.clone()).render();
    yew::scheduler::flush().await;
    root
}

#[wasm_bindgen_test]
async fn first_view_renders_every_field() {
    let root = mount().await;
    let missing: Vec<&str> = FIELD_IDS
        .iter()
        .copied()
        .filter(|id| {
            root.query_selector(&format!("#{id}"))
                .ok()
                .flatten()
                .is_none()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "fields missing from the first view: {missing:?}; rendered: {}",
        root.inner_html()
    );
}

#[wasm_bindgen_test]
async fn every_field_is_an_input_with_a_label() {
    let root = mount().await;
    for id in FIELD_IDS {
        let field = root
            .query_selector(&format!("#{id}"))
            .ok()
            .flatten()
            .unwrap_or_else(|| panic!("#{id} is missing"));
        let tag = field.tag_name().to_ascii_lowercase();
        assert!(
            matches!(tag.as_str(), "input" | "textarea" | "select"),
            "#{id} is a <{tag}>, not a form control"
        );
        let labelled = root
            .query_selector(&format!("label[for='{id}']"))
            .ok()
            .flatten()
            .is_some()
            || field.has_attribute("aria-label")
            || field.closest("label").ok().flatten().is_some();
        assert!(labelled, "#{id} has no label");
    }
}

#[wasm_bindgen_test]
async fn first_view_has_no_form_element() {
    let root = mount().await;
    assert!(
        root.query_selector("form").ok().flatten().is_none(),
        "a <form> invites submit, navigation and password-manager save prompts"
    );
}
