//! What the page does that is not the diagnosis itself, written without the browser so
//! it tests natively: the form model and smart paste, and the live probe's plan and the
//! reading of its answer. The Yew shell (`ui`) only renders these and sends the probe.

pub mod form;
pub mod probe;
pub mod smart_paste;
