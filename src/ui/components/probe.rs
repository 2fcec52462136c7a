//! Where the live probe (issue 5) goes.
//!
//! The probe will show each request before it is sent, send it only to the entered
//! host, and hand what it observed to `onresponse`; the page then puts it into the
//! observed-response fields and the verdict updates. Until then this renders nothing,
//! and the inconclusive verdict's next step offers the `curl -i` command instead.

use crate::diag::case::ObservedResponse;
use yew::prelude::*;

/// Props of [`ProbeSlot`].
#[derive(Properties, PartialEq)]
pub struct ProbeSlotProps {
    /// Receives the observed response (wired to `Action::SetResponse`).
    pub onresponse: Callback<ObservedResponse>,
}

/// The probe's place in the page. Empty in this build: no request is ever sent.
#[component]
pub fn ProbeSlot(props: &ProbeSlotProps) -> Html {
    let _ = &props.onresponse;
    html! {}
}
