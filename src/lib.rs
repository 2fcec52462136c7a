//! 401 Doctor: tells an app team why their call to Azure OpenAI, Azure AI Foundry,
//! an API Management gateway in front of it, or the OpenAI API is answered 401,
//! and what exactly to change.
//!
//! The crate has two halves:
//!
//! * [`diag`], the pure engine, in layers (facts in `known`, parsers, one reader per input,
//!   the rules that rank causes, the renderers; see its docs). [`diag::diagnose`] turns a
//!   [`diag::Case`] (what the user pasted) into a [`diag::Diagnosis`]: the
//!   [`diag::Report`] (a verdict, ranked causes with evidence and fixes, per-field
//!   findings) and the decoded tokens with the time they were judged at. It knows nothing
//!   of the browser and builds and tests natively, the page's form model and reducer too
//!   (`diag::page`).
//! * `ui` (wasm32 only), a thin Yew shell that turns form state into a case, calls
//!   [`diag::diagnose`] and renders the diagnosis. Browser-only code lives there, at the
//!   edge.
//!
//! The same function serves the page, the scenario tests, the benchmarks and the native
//! `doctor` binary, so a case diagnoses the same way everywhere (`tests/one_driver.rs`).

pub mod diag;

#[cfg(target_arch = "wasm32")]
pub mod ui;
