//! The browser at the edge: clock, clipboard writes, paste events and DOM attributes
//! `html!` cannot express. Everything else in the shell is plain data and Yew.
//!
//! Nothing here reads the clipboard: a paste handler only sees the text of the user's
//! own paste, through the event. Nothing here logs, stores or sends anything.

use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::{spawn_local, JsFuture};
use web_sys::{ClipboardEvent, Element, Event};
use yew::Callback;

/// The current time in Unix seconds.
pub fn now_unix() -> i64 {
    (js_sys::Date::now() / 1000.0).floor() as i64
}

/// A monotonic time in milliseconds, for measuring how long a diagnosis takes.
pub fn perf_now() -> f64 {
    web_sys::window()
        .and_then(|w| w.performance())
        .map_or_else(js_sys::Date::now, |p| p.now())
}

/// Minutes to add to UTC to get the browser's local time at that moment (east is
/// positive), daylight saving included.
pub fn local_offset_minutes(unix: i64) -> i64 {
    let date = js_sys::Date::new(&JsValue::from_f64(unix as f64 * 1000.0));
    -(date.get_timezone_offset() as i64)
}

/// The text of a paste, from the event itself (`clipboardData.getData('text')`).
pub fn pasted_text(e: &Event) -> Option<String> {
    e.dyn_ref::<ClipboardEvent>()?
        .clipboard_data()?
        .get_data("text")
        .ok()
}

/// Writes `text` to the clipboard and reports whether it worked. Only ever called
/// with text that is safe to copy (a masked report or a command with placeholders).
pub fn copy_text(text: String, done: Callback<bool>) {
    let Some(window) = web_sys::window() else {
        done.emit(false);
        return;
    };
    let navigator = window.navigator();
    // `navigator.clipboard` is undefined outside secure contexts.
    let has_clipboard = js_sys::Reflect::get(&navigator, &JsValue::from_str("clipboard"))
        .is_ok_and(|c| !c.is_undefined() && !c.is_null());
    if !has_clipboard {
        done.emit(false);
        return;
    }
    let promise = navigator.clipboard().write_text(&text);
    spawn_local(async move {
        done.emit(JsFuture::from(promise).await.is_ok());
    });
}

/// Password-manager opt-outs, which `html!` cannot write (`data-1p-ignore` is not an
/// identifier to its parser): 1Password, LastPass, Bitwarden and Dashlane.
pub fn opt_out_of_password_managers(el: &Element) {
    for (name, value) in [
        ("data-1p-ignore", "true"),
        ("data-lpignore", "true"),
        ("data-bwignore", "true"),
        ("data-form-type", "other"),
    ] {
        let _ = el.set_attribute(name, value);
    }
}

/// The selection of an `<input>` or `<textarea>` as UTF-16 offsets, or the end of
/// its value when the browser does not say.
pub fn selection(el: &Element) -> Option<(u32, u32)> {
    if let Some(input) = el.dyn_ref::<web_sys::HtmlInputElement>() {
        let s = input.selection_start().ok().flatten()?;
        let e = input.selection_end().ok().flatten()?;
        return Some((s, e));
    }
    if let Some(area) = el.dyn_ref::<web_sys::HtmlTextAreaElement>() {
        let s = area.selection_start().ok().flatten()?;
        let e = area.selection_end().ok().flatten()?;
        return Some((s, e));
    }
    None
}

/// Scrolls an element into view, if it exists.
pub fn scroll_to(id: &str) {
    if let Some(el) = web_sys::window()
        .and_then(|w| w.document())
        .and_then(|d| d.get_element_by_id(id))
    {
        el.scroll_into_view();
    }
}

/// Brings an input into view and focuses it; for a `<textarea>` and a 1-based line,
/// selects that line. Opens the `<details>` around it first, if it is folded.
pub fn focus_field(id: &str, line: Option<usize>) {
    let Some(doc) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(el) = doc.get_element_by_id(id) else {
        return;
    };
    if let Ok(Some(details)) = el.closest("details") {
        let _ = details.set_attribute("open", "");
    }
    el.scroll_into_view_with_bool(false);
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
    let (Some(area), Some(n)) = (el.dyn_ref::<web_sys::HtmlTextAreaElement>(), line) else {
        return;
    };
    let value = area.value();
    let mut start = 0u32;
    for (i, l) in value.split('\n').enumerate() {
        let len = l.encode_utf16().count() as u32;
        if i + 1 == n {
            let _ = area.set_selection_range(start, start + len);
            return;
        }
        start += len + 1;
    }
}
