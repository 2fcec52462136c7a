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

/// Every probe request is built with the policy of `diag::page::probe::REQUEST_POLICY`:
/// CORS, no cookies, no referrer, no cache, redirects never followed, a time limit.
#[wasm_bindgen_test]
fn probe_requests_carry_the_safe_policy() {
    use doctor401::diag::page::probe::{Method, REQUEST_POLICY};
    use doctor401::ui::fetch::{build, Outgoing};
    use wasm_bindgen::JsValue;
    use web_sys::{ReferrerPolicy, RequestCache, RequestCredentials, RequestMode, RequestRedirect};

    let req: web_sys::Request = build(&Outgoing {
        method: Method::Post,
        url: "https://contoso.openai.azure.com/openai/models?api-version=2024-10-21".into(),
        headers: vec![("api-key", "k".into())],
        body: Some("{}".into()),
    })
    .expect("the request builds")
    .into();
    let policy = |s: &str| JsValue::from_str(s);
    assert_eq!(
        Some(req.mode()),
        RequestMode::from_js_value(&policy(REQUEST_POLICY.mode))
    );
    assert_eq!(req.mode(), RequestMode::Cors);
    assert_eq!(req.credentials(), RequestCredentials::Omit);
    assert_eq!(req.cache(), RequestCache::NoStore);
    assert_eq!(req.referrer_policy(), ReferrerPolicy::NoReferrer);
    assert_eq!(
        Some(req.redirect()),
        RequestRedirect::from_js_value(&policy(REQUEST_POLICY.redirect))
    );
    assert_ne!(req.redirect(), RequestRedirect::Follow);
    assert_eq!(req.method(), "POST");
    assert_eq!(
        req.url(),
        "https://contoso.openai.azure.com/openai/models?api-version=2024-10-21"
    );
    assert_eq!(
        req.headers().get("api-key").ok().flatten().as_deref(),
        Some("k")
    );
    assert!(!req.signal().aborted(), "a time limit, not yet reached");
}
