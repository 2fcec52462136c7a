//! The probe's edge: the host lock and the one `fetch` per probe step. What is sent and
//! how an answer is read are decided in [`crate::diag::page::probe`]; this file only does it.
//!
//! Every request goes out with [`REQUEST_POLICY`] (`mode: 'cors'`, `credentials:
//! 'omit'`, `referrerPolicy: 'no-referrer'`, `cache: 'no-store'`, `redirect: 'manual'`,
//! `AbortSignal.timeout`), through `gloo-net`'s request builder, which exposes each of
//! these `RequestInit` options. One attempt, no retries, no `keepalive`.

use crate::diag::page::probe::{FetchResult, Method, REQUEST_POLICY};
use gloo_net::http::{Request, RequestBuilder};
use std::fmt;
use wasm_bindgen::JsValue;
use web_sys::{
    AbortSignal, ReferrerPolicy, RequestCache, RequestCredentials, RequestMode, RequestRedirect,
    ResponseType,
};

/// The attribute that marks the page's host-lock `<meta>` and names its origin.
const LOCK_ATTR: &str = "data-host-lock";

/// One request, ready to send: the credential is already in its header.
pub struct Outgoing {
    /// `GET` or `POST`.
    pub method: Method,
    /// The URL the plan built.
    pub url: String,
    /// Header names and values, the credential filled in.
    pub headers: Vec<(&'static str, String)>,
    /// JSON body (the deployment step).
    pub body: Option<String>,
}

/// Why the page did not send.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LockError {
    /// An earlier probe locked this tab to another host.
    OtherHost,
    /// The page could not add its security policy (no document).
    NoDocument,
}

impl fmt::Display for LockError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            LockError::OtherHost => "An earlier probe locked this tab to another host, so nothing was sent. Reload the page to probe a different host.",
            LockError::NoDocument => "The page could not narrow its security policy to this host, so nothing was sent.",
        })
    }
}

/// The origin an earlier probe locked the page to, read from the DOM (the policy it
/// added cannot be removed, so the DOM is the truth).
pub fn locked_origin() -> Option<String> {
    web_sys::window()?
        .document()?
        .query_selector(&format!("meta[{LOCK_ATTR}]"))
        .ok()??
        .get_attribute(LOCK_ATTR)
}

/// Narrows `connect-src` to `origin` with a second CSP `<meta>` (`csp` is
/// `ProbeTarget::host_lock_csp`). Policies only ever narrow, so from then on the page
/// reaches that origin and nothing else, not even itself (`security-notes.md` §3.5).
/// Locking again to the same origin does nothing.
///
/// # Errors
/// [`LockError::OtherHost`] when already locked to another origin.
pub fn lock_to(origin: &str, csp: &str) -> Result<(), LockError> {
    match locked_origin() {
        Some(o) if o == origin => return Ok(()),
        Some(_) => return Err(LockError::OtherHost),
        None => {}
    }
    let doc = web_sys::window()
        .and_then(|w| w.document())
        .ok_or(LockError::NoDocument)?;
    let head = doc.head().ok_or(LockError::NoDocument)?;
    let meta = doc
        .create_element("meta")
        .map_err(|_| LockError::NoDocument)?;
    for (name, value) in [
        ("http-equiv", "Content-Security-Policy"),
        ("content", csp),
        (LOCK_ATTR, origin),
    ] {
        meta.set_attribute(name, value)
            .map_err(|_| LockError::NoDocument)?;
    }
    head.append_child(&meta)
        .map_err(|_| LockError::NoDocument)?;
    Ok(())
}

/// Reads one `RequestInit` value from [`REQUEST_POLICY`], or the safe one if the text
/// were ever not a value of that enum.
fn policy<T>(value: &str, parse: fn(&JsValue) -> Option<T>, safe: T) -> T {
    parse(&JsValue::from_str(value)).unwrap_or(safe)
}

/// The request as the browser will see it, policy applied; `None` when the browser
/// refuses to build it (it never should: every part was validated).
pub fn build(req: &Outgoing) -> Option<Request> {
    let p = &REQUEST_POLICY;
    let mut b: RequestBuilder = match req.method {
        Method::Get => Request::get(&req.url),
        Method::Post => Request::post(&req.url),
    }
    .mode(policy(
        p.mode,
        RequestMode::from_js_value,
        RequestMode::Cors,
    ))
    .credentials(policy(
        p.credentials,
        RequestCredentials::from_js_value,
        RequestCredentials::Omit,
    ))
    .cache(policy(
        p.cache,
        RequestCache::from_js_value,
        RequestCache::NoStore,
    ))
    .referrer_policy(policy(
        p.referrer_policy,
        ReferrerPolicy::from_js_value,
        ReferrerPolicy::NoReferrer,
    ))
    .redirect(policy(
        p.redirect,
        RequestRedirect::from_js_value,
        RequestRedirect::Manual,
    ))
    .abort_signal(Some(&AbortSignal::timeout_with_u32(p.timeout_ms)));
    for (name, value) in &req.headers {
        b = b.header(name, value);
    }
    match &req.body {
        Some(body) => b.body(body.as_str()).ok(),
        None => b.build().ok(),
    }
}

/// Sends one request and reports what the browser let the page see.
pub async fn send(req: &Outgoing) -> FetchResult {
    let Some(request) = build(req) else {
        return FetchResult::TypeError;
    };
    match request.send().await {
        Ok(r) if r.type_() == ResponseType::Opaqueredirect => FetchResult::OpaqueRedirect,
        Ok(r) => FetchResult::Response {
            status: r.status(),
            headers: r.headers().entries().collect(),
            body: r.text().await.ok(),
        },
        Err(gloo_net::Error::JsError(e)) if e.name == "TimeoutError" || e.name == "AbortError" => {
            FetchResult::Timeout
        }
        Err(_) => FetchResult::TypeError,
    }
}

/// TEST ONLY (feature `leak-canary`, never in the default build): sends the request's
/// headers, credential included, to a second host before the host lock, so that the
/// end-to-end leak checker can be shown to catch a leak.
#[cfg(feature = "leak-canary")]
pub async fn leak(req: &Outgoing) {
    if req.headers.is_empty() {
        return;
    }
    let leaked = Outgoing {
        method: Method::Get,
        url: "https://second.openai.azure.com/openai/models?api-version=2024-10-21".into(),
        headers: req.headers.clone(),
        body: None,
    };
    let _ = send(&leaked).await;
}
