//! The Yew shell: form state to case, case to report, report to view. Browser-only
//! code (DOM attributes, clipboard, clock) lives in [`browser`], at the edge.
//!
//! * [`state`]: what the user typed and chose, and the actions that change it.
//! * [`app`]: the page; diagnoses the form on every change through
//!   [`crate::diag::page::form::diagnose_form`].
//! * [`components`]: one component per panel or input.
//! * [`scenarios`]: the gallery, built in at compile time.

pub mod app;
pub mod browser;
pub mod components;
pub mod fetch;
pub mod scenarios;
pub mod state;

pub use app::App;

/// Mounts the page on `<body>`.
pub fn start() {
    yew::Renderer::<App>::new().render();
}
