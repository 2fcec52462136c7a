//! 401 Doctor: tells an app team why their call to Azure OpenAI, Azure AI Foundry,
//! an API Management gateway in front of it, or the OpenAI API is answered 401,
//! and what exactly to change.
//!
//! The crate has two halves:
//!
//! * [`diag`], the pure engine. It turns a [`diag::Case`] (what the user pasted) into a
//!   [`diag::Report`] (a verdict, ranked causes with evidence and fixes, and per-field
//!   findings). It knows nothing of the browser and builds and tests natively.
//! * `ui` (wasm32 only), a thin Yew shell that turns form state into a case, calls
//!   [`diag::diagnose`] and renders the report. Browser-only code lives there, at the edge.
//!
//! The same function serves the page, the scenario tests and the native `doctor` binary,
//! so a case diagnoses the same way everywhere.

pub mod diag;

#[cfg(target_arch = "wasm32")]
pub mod ui;
