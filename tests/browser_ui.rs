//! The page in a real browser (`wasm-bindgen-test`, headless Chromium): the App is
//! mounted into a fresh element, driven with real `input`, `paste` and `click` events,
//! and checked after `yew::scheduler::flush()`.
//!
//! Where what the page shows depends on the engine's rules, the test asks the engine
//! itself (`Form::diagnose` on the same form) and checks that the page shows exactly
//! that: the wiring is under test here, the rules in the native tests.
//!
//! Run: `CHROMEDRIVER=/usr/bin/chromedriver cargo test --target wasm32-unknown-unknown --test browser_ui`
//! (with `wasm-bindgen-test-runner` as the wasm32 runner).
#![cfg(target_arch = "wasm32")]

use doctor401::diag::page::form::{Form, FormField};
use doctor401::diag::{Field, Verdict};
use doctor401::ui::{scenarios, App};
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;
use wasm_bindgen_test::{wasm_bindgen_test, wasm_bindgen_test_configure};
use web_sys::{
    ClipboardEvent, ClipboardEventInit, DataTransfer, Element, HtmlElement, HtmlInputElement,
    HtmlSelectElement, HtmlTextAreaElement, InputEvent, InputEventInit,
};
use yew::AppHandle;

wasm_bindgen_test_configure!(run_in_browser);

/// A fixed time of failure, so the engine's answer does not depend on the clock.
const NOW: &str = "2026-11-23T09:00:00Z";
const CLOCK: i64 = 1_795_424_400;

struct Page {
    root: Element,
    app: Option<AppHandle<App>>,
}

impl Page {
    async fn mount() -> Page {
        let doc = web_sys::window()
            .and_then(|w| w.document())
            .expect("a document");
        let root = doc.create_element("div").expect("a div");
        doc.body()
            .expect("a body")
            .append_child(&root)
            .expect("append");
        let app = yew::Renderer::<App>::with_root(root.clone()).render();
        yew::scheduler::flush().await;
        Page {
            root,
            app: Some(app),
        }
    }

    fn find(&self, selector: &str) -> Option<Element> {
        self.root.query_selector(selector).ok().flatten()
    }

    fn get(&self, selector: &str) -> Element {
        self.find(selector)
            .unwrap_or_else(|| panic!("no {selector} in: {}", self.root.inner_html()))
    }

    fn text(&self, selector: &str) -> String {
        self.get(selector).text_content().unwrap_or_default()
    }

    fn value(&self, id: &str) -> String {
        let el = self.get(&format!("#{id}"));
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.value()
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.value()
        } else if let Some(s) = el.dyn_ref::<HtmlSelectElement>() {
            s.value()
        } else {
            panic!("#{id} is not an input")
        }
    }

    /// Sets a field's value and fires `input`, as typing does.
    async fn type_into(&self, id: &str, text: &str) {
        let el = self.get(&format!("#{id}"));
        if let Some(i) = el.dyn_ref::<HtmlInputElement>() {
            i.set_value(text);
        } else if let Some(t) = el.dyn_ref::<HtmlTextAreaElement>() {
            t.set_value(text);
        } else {
            panic!("#{id} is not a text input");
        }
        let init = InputEventInit::new();
        init.set_bubbles(true);
        let ev = InputEvent::new_with_event_init_dict("input", &init).expect("an input event");
        el.dispatch_event(&ev).expect("dispatch input");
        yew::scheduler::flush().await;
    }

    /// Fires a `paste` carrying `text`, as a user's paste does. Returns whether the
    /// page took over the paste (prevented the browser's own insertion).
    async fn paste_into(&self, id: &str, text: &str) -> bool {
        let el = self.get(&format!("#{id}"));
        if let Some(h) = el.dyn_ref::<HtmlElement>() {
            let _ = h.focus();
        }
        let data = DataTransfer::new().expect("a DataTransfer");
        data.set_data("text/plain", text).expect("set data");
        let init = ClipboardEventInit::new();
        init.set_bubbles(true);
        init.set_cancelable(true);
        init.set_clipboard_data(Some(&data));
        let ev = ClipboardEvent::new_with_event_init_dict("paste", &init).expect("a paste event");
        let not_prevented = el.dispatch_event(&ev).expect("dispatch paste");
        yew::scheduler::flush().await;
        !not_prevented
    }

    async fn select(&self, id: &str, value: &str) {
        let el = self.get(&format!("#{id}"));
        el.dyn_ref::<HtmlSelectElement>()
            .expect("a select")
            .set_value(value);
        let ev = web_sys::Event::new_with_event_init_dict("change", &{
            let i = web_sys::EventInit::new();
            i.set_bubbles(true);
            i
        })
        .expect("a change event");
        el.dispatch_event(&ev).expect("dispatch change");
        yew::scheduler::flush().await;
    }

    async fn click(&self, selector: &str) {
        self.get(selector)
            .dyn_ref::<HtmlElement>()
            .expect("an HTML element")
            .click();
        yew::scheduler::flush().await;
    }

    fn verdict(&self) -> Option<String> {
        self.get("#verdict").get_attribute("data-verdict")
    }

    fn lead_cause(&self) -> Option<String> {
        self.find("[data-cause]")
            .and_then(|e| e.get_attribute("data-cause"))
    }

    /// The finding ids shown beside a field.
    fn finding_ids(&self, id: &str) -> Vec<String> {
        let list = self
            .root
            .query_selector_all(&format!("#{id}-findings [data-finding]"))
            .expect("a selector");
        (0..list.length())
            .filter_map(|i| list.item(i))
            .filter_map(|n| n.dyn_into::<Element>().ok())
            .filter_map(|e| e.get_attribute("data-finding"))
            .collect()
    }
}

impl Drop for Page {
    fn drop(&mut self) {
        if let Some(app) = self.app.take() {
            app.destroy();
        }
        self.root.remove();
    }
}

/// Lets queued tasks run (a `toggle` event of `<details>` is one).
async fn next_task() {
    let p = js_sys::Promise::new(&mut |resolve, _| {
        let _ = web_sys::window()
            .expect("a window")
            .set_timeout_with_callback_and_timeout_and_arguments_0(&resolve, 20);
    });
    let _ = JsFuture::from(p).await;
}

fn verdict_word(v: Verdict) -> &'static str {
    match v {
        Verdict::Problem => "problem",
        Verdict::Ok => "ok",
        Verdict::Inconclusive => "inconclusive",
    }
}

/// Checks the page shows exactly what the engine says about this form.
fn assert_page_shows_engine(page: &Page, form: &Form) {
    let d = form.diagnose(CLOCK);
    assert_eq!(
        page.verdict().as_deref(),
        Some(verdict_word(d.diagnosis.report.verdict)),
        "verdict"
    );
    let lead = (d.diagnosis.report.verdict == Verdict::Problem)
        .then(|| {
            d.diagnosis
                .report
                .causes
                .first()
                .map(|c| c.id.id().to_string())
        })
        .flatten();
    assert_eq!(page.lead_cause(), lead, "leading cause");
    for (field, id) in [
        (Field::Endpoint, "endpoint"),
        (Field::Deployment, "deployment"),
        (Field::ApiVersion, "api-version"),
        (Field::AuthHeader, "auth-header"),
        (Field::Now, "now"),
    ] {
        let expected: Vec<String> = d
            .diagnosis
            .report
            .findings
            .iter()
            .filter(|f| f.field == field)
            .map(|f| f.id.clone())
            .collect();
        assert_eq!(page.finding_ids(id), expected, "findings beside #{id}");
    }
}

#[wasm_bindgen_test]
async fn empty_form_has_no_verdict_and_typing_diagnoses() {
    let page = Page::mount().await;
    assert_eq!(page.verdict(), None, "an empty form has no verdict yet");
    assert!(page.find("[data-cause]").is_none());
    assert!(
        page.text("#endpoint-findings").contains("base URL"),
        "the hint holds the line"
    );

    page.type_into("now", NOW).await;
    page.type_into("endpoint", "http://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21").await;
    let mut form = Form::default();
    form.set(FormField::Now, NOW.into());
    form.endpoint = page.value("endpoint");
    assert!(
        page.verdict().is_some(),
        "a verdict once something is typed"
    );
    assert_page_shows_engine(&page, &form);

    page.type_into("deployment", "gpt-4o").await;
    page.select("auth-header", "api-key").await;
    page.type_into("credential", "e9ec0002096ff0a43ae31e77050c2e15 ")
        .await;
    form.deployment = "gpt-4o".into();
    form.auth_header = "api-key".into();
    form.set(
        FormField::Credential,
        "e9ec0002096ff0a43ae31e77050c2e15 ".into(),
    );
    assert_eq!(page.value("auth-header"), "api-key");
    assert_page_shows_engine(&page, &form);
    let timing: f64 = page
        .get("#verdict")
        .get_attribute("data-diag-ms")
        .and_then(|t| t.parse().ok())
        .expect("the verdict says how long the diagnosis took");
    assert!(timing >= 0.0);
}

#[wasm_bindgen_test]
async fn a_pasted_trailing_newline_is_kept_and_shown() {
    let page = Page::mount().await;
    assert!(page.find("#credential-outline").is_none());
    let took_over = page
        .paste_into("credential", "e9ec0002096ff0a43ae31e77050c2e15\n")
        .await;
    assert!(
        took_over,
        "a paste with a line break is inserted by the page"
    );
    assert_eq!(page.value("credential"), "e9ec0002096ff0a43ae31e77050c2e15");
    let outline = page.text("#credential-outline");
    assert!(outline.contains("32 characters"), "{outline}");
    assert!(
        outline.contains('↵'),
        "the newline is shown as a marker: {outline}"
    );
    assert!(
        !outline.contains("e9ec0"),
        "the outline never shows the key: {outline}"
    );

    // Typing changes the visible text, and with it the value.
    page.type_into("credential", "e9ec0002096ff0a43ae31e77050c2e1")
        .await;
    assert!(
        page.find("#credential-outline").is_none(),
        "edited: no hidden newline left"
    );

    // A paste without line breaks is the browser's own.
    assert!(!page.paste_into("credential", "plain").await);
}

#[wasm_bindgen_test]
async fn credential_is_a_password_field_with_opt_outs_and_a_toggle() {
    let page = Page::mount().await;
    let cred = page.get("#credential");
    assert_eq!(cred.get_attribute("type").as_deref(), Some("password"));
    for attr in ["data-1p-ignore", "data-lpignore", "data-bwignore"] {
        assert!(cred.has_attribute(attr), "credential lacks {attr}");
        assert!(page.get("#token").has_attribute(attr), "token lacks {attr}");
    }
    for (attr, value) in [
        ("spellcheck", "false"),
        ("autocomplete", "off"),
        ("autocapitalize", "off"),
        ("autocorrect", "off"),
        ("translate", "no"),
    ] {
        assert_eq!(cred.get_attribute(attr).as_deref(), Some(value), "{attr}");
        assert_eq!(
            page.get("#token").get_attribute(attr).as_deref(),
            Some(value),
            "{attr}"
        );
    }
    page.click("#credential-reveal").await;
    assert_eq!(
        page.get("#credential").get_attribute("type").as_deref(),
        Some("text")
    );
    assert_eq!(
        page.get("#credential")
            .get_attribute("spellcheck")
            .as_deref(),
        Some("false")
    );
    page.click("#credential-reveal").await;
    assert_eq!(
        page.get("#credential").get_attribute("type").as_deref(),
        Some("password")
    );
    assert!(
        page.root.query_selector("form").ok().flatten().is_none(),
        "no <form>"
    );
}

#[wasm_bindgen_test]
async fn pasting_a_dotenv_block_spreads_it_into_the_form() {
    let page = Page::mount().await;
    let took_over = page
        .paste_into(
            "error-text",
            "export AZURE_OPENAI_ENDPOINT=https://contoso.openai.azure.com/\nAZURE_OPENAI_API_KEY=\"e9ec0002096ff0a43ae31e77050c2e15\"\nOPENAI_API_VERSION=2024-10-21\n",
        )
        .await;
    assert!(took_over, "a .env block is spread, not pasted as text");
    assert_eq!(page.value("endpoint"), "https://contoso.openai.azure.com/");
    assert_eq!(page.value("credential"), "e9ec0002096ff0a43ae31e77050c2e15");
    assert_eq!(page.value("api-version"), "2024-10-21");
    assert_eq!(
        page.value("error-text"),
        "",
        "the block is not error output"
    );
    let note = page.text("#paste-note");
    assert!(
        note.contains("Took endpoint, credential and api-version from the .env block."),
        "{note}"
    );
    assert!(
        note.contains("AZURE_OPENAI_API_KEY"),
        "says where each value came from: {note}"
    );
    assert!(
        !note.contains("e9ec0"),
        "the note never quotes the key: {note}"
    );

    page.click("#undo-paste").await;
    assert_eq!(page.value("endpoint"), "");
    assert_eq!(page.value("credential"), "");
}

#[wasm_bindgen_test]
async fn error_output_is_pasted_as_text() {
    let page = Page::mount().await;
    let text = "HTTP/1.1 401 Unauthorized\ndate: Mon, 23 Nov 2026 09:00:00 GMT\n\n{\"error\":{\"code\":\"401\",\"message\":\"Access denied due to invalid subscription key or wrong API endpoint.\"}}";
    assert!(
        !page.paste_into("error-text", text).await,
        "error output is left to the browser's own paste"
    );
    // What the browser's paste does:
    page.type_into("error-text", text).await;
    assert_eq!(page.value("error-text"), text);
    assert!(page.find("#spread-paste").is_none(), "nothing to spread");
    let form = Form {
        error_text: text.into(),
        ..Form::default()
    };
    let expected: Vec<String> = form
        .diagnose(CLOCK)
        .diagnosis
        .report
        .findings
        .iter()
        .filter(|f| f.field == Field::ErrorText)
        .map(|f| f.id.clone())
        .collect();
    assert_eq!(page.finding_ids("error-text"), expected);
    if expected.is_empty() {
        assert!(page
            .text("#error-text-findings")
            .contains("Read as curl -i output"));
    }
}

#[wasm_bindgen_test]
async fn typed_curl_command_offers_to_spread() {
    let page = Page::mount().await;
    page.type_into(
        "error-text",
        "curl -i https://contoso.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21 \\\n  -H 'api-key: e9ec0002096ff0a43ae31e77050c2e15'",
    )
    .await;
    page.click("#spread-paste").await;
    assert!(page
        .value("endpoint")
        .starts_with("https://contoso.openai.azure.com/openai/deployments/chat/"));
    assert_eq!(page.value("credential"), "e9ec0002096ff0a43ae31e77050c2e15");
    assert_eq!(page.value("auth-header"), "api-key");
    assert_eq!(page.value("client"), "curl");
    assert_eq!(page.value("error-text"), "");
}

#[wasm_bindgen_test]
async fn choosing_a_scenario_fills_the_form_and_diagnoses() {
    let page = Page::mount().await;
    let count = page
        .root
        .query_selector_all("[data-scenario]")
        .expect("a selector")
        .length();
    assert_eq!(count as usize, scenarios::SCENARIO_FILES.len());
    assert!(count >= 40, "the corpus is built in: {count}");
    for (i, (file, _)) in scenarios::SCENARIO_FILES.iter().enumerate() {
        let scenario = match scenarios::load(i) {
            Some(Ok(s)) => s,
            other => panic!("{file}: {other:?}"),
        };
        page.click(&format!("button[data-scenario='{file}']")).await;
        let form = Form::from_case(&scenario.case);
        assert_eq!(page.value("endpoint"), form.endpoint, "{file}");
        assert_eq!(
            page.value("now"),
            form.now,
            "{file}: the scenario's own time"
        );
        assert_eq!(
            page.value("response-status"),
            form.response.status,
            "{file}: the observed response is in the form"
        );
        assert_eq!(
            page.get("#scenario-banner")
                .get_attribute("data-scenario")
                .as_deref(),
            Some(*file)
        );
        assert_page_shows_engine(&page, &form);
    }
    page.click("#clear").await;
    for f in FormField::ALL {
        if *f != FormField::AuthHeader && *f != FormField::ResponseFailure {
            assert_eq!(page.value(f.id()), "", "Clear empties #{}", f.id());
        }
    }
    assert_eq!(page.value("auth-header"), "auto");
    assert_eq!(page.verdict(), None);
    assert!(page.find("#scenario-banner").is_none());
}

#[wasm_bindgen_test]
async fn an_unreadable_status_is_reported_beside_the_response() {
    let page = Page::mount().await;
    page.get("#response")
        .dyn_ref::<web_sys::HtmlDetailsElement>()
        .expect("details")
        .set_open(true);
    page.type_into("response-status", "four-oh-one").await;
    let text = page.text("#response-findings");
    assert!(text.contains("100 to 599"), "{text}");
    page.type_into("response-status", "401").await;
    assert!(!page.text("#response-findings").contains("100 to 599"));
}

#[wasm_bindgen_test]
async fn the_report_preview_masks_the_secret() {
    let page = Page::mount().await;
    let secret = "sk-proj-CANARYcanary0123456789abcdefCANARY";
    page.type_into("endpoint", "https://api.openai.com/v1")
        .await;
    page.type_into("credential", secret).await;
    page.get("#report-preview")
        .dyn_ref::<web_sys::HtmlDetailsElement>()
        .expect("details")
        .set_open(true);
    next_task().await;
    yew::scheduler::flush().await;
    let md = page.text("#report-markdown");
    assert!(md.contains("# 401 Doctor report"), "{md}");
    assert!(md.contains("(masked)"), "{md}");
    let chars: Vec<char> = secret.chars().collect();
    for w in chars.windows(5) {
        let piece: String = w.iter().collect();
        assert!(!md.contains(&piece), "the report contains {piece:?}");
    }
    // Nor does anything else on the page outside the input itself.
    let outside = page.root.text_content().unwrap_or_default();
    assert!(!outside.contains("CANARYcanary"), "secret text in the DOM");
}
