//! The live probe (issue 5): the ladder of requests `diag::probe` plans from the form,
//! each shown in full (credential masked) with its `curl -i` equivalent before the user
//! chooses to send it, and the request log of everything the page has sent.
//!
//! Sending is in [`crate::ui::fetch`]: host lock first, then one `fetch`. What came
//! back is classified by [`Outcome::classify`]; a step that carried the credential
//! hands its observed response to `onresponse`, and the verdict follows. A browser
//! failure becomes a `BrowserFailure`, which the engine never reads as an auth verdict.

use super::copy_button::CopyButton;
use crate::diag::case::ObservedResponse;
use crate::diag::page::form::FormDiagnosis;
use crate::diag::page::probe::{
    observed_for, plan, plan_inputs_for, sendable_secret, validate_target, CredentialKind,
    LoggedRequest, Outcome, ProbeStep, ProbeTarget, Rung, SecretRefusal,
};
use crate::ui::fetch::{self, Outgoing};
use std::rc::Rc;
use wasm_bindgen_futures::spawn_local;
use yew::prelude::*;

/// Props of [`ProbePanel`].
#[derive(Properties, PartialEq)]
pub struct ProbePanelProps {
    /// The current diagnosis; its case is what the probe plans from.
    pub diag: Rc<FormDiagnosis>,
    /// Receives the observed response (wired to `Action::SetResponse`).
    pub onresponse: Callback<ObservedResponse>,
}

/// Where one step stands.
#[derive(Clone, Debug, PartialEq)]
enum StepState {
    Sending,
    Done(Outcome),
    NotSent(String),
}

/// What the probe did in this tab. In memory only, never stored.
#[derive(Clone, Debug, Default, PartialEq)]
struct Session {
    /// Every request the page sent, credential masked, oldest first.
    log: Vec<LoggedRequest>,
    /// Per step: its number, its URL, where it stands.
    steps: Vec<(u8, String, StepState)>,
    /// A request is being sent; the send buttons wait.
    busy: bool,
}

enum Change {
    Start(u8, String),
    Sent(LoggedRequest),
    Finish(u8, String, StepState),
}

impl Reducible for Session {
    type Action = Change;

    fn reduce(self: Rc<Self>, change: Change) -> Rc<Self> {
        let mut next = (*self).clone();
        let mut set = |n: u8, url: String, state: StepState| {
            next.steps.retain(|(m, _, _)| *m != n);
            next.steps.push((n, url, state));
        };
        match change {
            Change::Start(n, url) => {
                set(n, url, StepState::Sending);
                next.busy = true;
            }
            Change::Finish(n, url, state) => {
                set(n, url, state);
                next.busy = false;
            }
            Change::Sent(entry) => next.log.push(entry),
        }
        next.into()
    }
}

fn number(rung: Rung) -> u8 {
    match rung {
        Rung::Reachability => 1,
        Rung::Credential => 2,
        Rung::Deployment => 3,
    }
}

/// `data-probe-outcome` of a finished step.
fn outcome_code(o: &Outcome) -> &'static str {
    match o {
        Outcome::Answered { .. } => "answered",
        Outcome::StatusOnly { .. } => "status-only",
        Outcome::Blocked => "blocked",
        Outcome::Timeout => "timeout",
        Outcome::RedirectRefused => "redirect-refused",
    }
}

/// Sends one step: host lock, log, fetch, classify, hand over.
fn send_step(
    session: UseReducerHandle<Session>,
    onresponse: Callback<ObservedResponse>,
    target: &ProbeTarget,
    step: ProbeStep,
    secret: String,
) {
    let n = number(step.rung);
    session.dispatch(Change::Start(n, step.url.clone()));
    let (origin, csp) = (target.origin(), target.host_lock_csp());
    let req = Outgoing {
        method: step.method,
        url: step.url.clone(),
        headers: step
            .headers
            .iter()
            .map(|h| (h.name, h.value.render(&secret)))
            .collect(),
        body: step.body.clone(),
    };
    let logged = step.logged(&secret);
    drop(secret);
    spawn_local(async move {
        #[cfg(feature = "leak-canary")]
        fetch::leak(&req).await;
        let state = match fetch::lock_to(&origin, &csp) {
            Err(e) => StepState::NotSent(e.to_string()),
            Ok(()) => {
                session.dispatch(Change::Sent(logged));
                let outcome = Outcome::classify(fetch::send(&req).await);
                if let Some(observed) = observed_for(&step, &outcome) {
                    onresponse.emit(observed);
                }
                StepState::Done(outcome)
            }
        };
        session.dispatch(Change::Finish(n, step.url, state));
    });
}

fn request_text(
    method: &str,
    url: &str,
    headers: &[(String, String)],
    body: Option<&str>,
) -> String {
    let mut s = format!("{method} {url}");
    for (name, value) in headers {
        s.push_str(&format!("\n{name}: {value}"));
    }
    if let Some(b) = body {
        s.push_str(&format!("\n\n{b}"));
    }
    s
}

fn outcome_view(state: &StepState, carried: bool) -> Html {
    match state {
        StepState::Sending => html! {
            <div class="probe-outcome" data-probe-outcome="sending" role="status">{"Sending…"}</div>
        },
        StepState::NotSent(why) => html! {
            <div class="probe-outcome" data-probe-outcome="not-sent" role="status">{why.clone()}</div>
        },
        StepState::Done(o) => {
            // A step without the credential shows the start of what answered, so the
            // user sees who is behind the host; it cannot echo a secret it never got.
            let excerpt = match o {
                Outcome::Answered { body, .. } if !carried => {
                    Some(body.chars().take(400).collect::<String>())
                }
                _ => None,
            };
            html! {
                <div class={classes!("probe-outcome", o.is_browser_failure().then_some("failed"))}
                    data-probe-outcome={outcome_code(o)}
                    data-probe-status={o.status().map(|s| s.to_string())} role="status">
                    <strong>{o.headline()}</strong>
                    <p>{o.explain(carried)}</p>
                    if let Some(x) = excerpt {
                        <pre class="probe-excerpt" translate="no">{x}</pre>
                    }
                </div>
            }
        }
    }
}

/// The probe panel: refusal or ladder, then the request log.
#[component]
pub fn ProbePanel(props: &ProbePanelProps) -> Html {
    let session = use_reducer(Session::default);
    let case = &props.diag.case;
    let target = validate_target(case.endpoint.as_deref().unwrap_or_default());
    let inputs = plan_inputs_for(case);
    let secret = case
        .credential
        .as_ref()
        .map_or(Err(SecretRefusal::Empty), |c| sendable_secret(c.expose()));
    let locked = fetch::locked_origin();

    let body = match &target {
        Err(refusal) => html! {
            <p id="probe-refusal" class="probe-refusal" data-refusal={format!("{refusal:?}")} role="status">
                {refusal.to_string()}
            </p>
        },
        Ok(t) if locked.as_deref().is_some_and(|o| o != t.origin()) => html! {
            <p id="probe-refusal" class="probe-refusal" data-refusal="Locked" role="status">
                {format!("This tab already sent a probe to {}; its security policy now allows that host only. Reload the page to probe {} (reloading empties the form).",
                    locked.unwrap_or_default(), t.origin())}
            </p>
        },
        Ok(t) => html! {
            <ol class="probe-steps">
                for step in plan(t, &inputs).into_iter() {
                    {step_view(&props.diag, &session, &props.onresponse, t, step, secret, inputs.credential)}
                }
            </ol>
        },
    };

    html! {
        <details class="probe" id="probe">
            <summary>{"Live probe: test the credential against your endpoint (optional)"}</summary>
            <p class="hint">
                {"Each step is a request the page sends only when you press its button, only to the host you entered, exactly as shown. Before the first one, the page narrows its security policy to that one host. Or copy the curl command and run it yourself."}
            </p>
            {body}
            <section id="request-log" class="request-log" aria-label="Requests this page sent">
                <h3>{"Requests this page sent"}</h3>
                if session.log.is_empty() {
                    <p class="hint">{"None. Typing, pasting, decoding and copying send nothing."}</p>
                } else {
                    <ol>
                        for entry in session.log.iter() {
                            <li data-request={entry.method}><pre translate="no">{entry.to_string()}</pre></li>
                        }
                    </ol>
                    <p class="hint">{"Credentials are masked. For requests with a credential header the browser first sends its own CORS check (OPTIONS, without the credential)."}</p>
                }
            </section>
        </details>
    }
}

fn step_view(
    diag: &Rc<FormDiagnosis>,
    session: &UseReducerHandle<Session>,
    onresponse: &Callback<ObservedResponse>,
    target: &ProbeTarget,
    step: ProbeStep,
    secret: Result<&str, SecretRefusal>,
    kind: CredentialKind,
) -> Html {
    let n = number(step.rung);
    let headers: Vec<(String, String)> = match (step.carries_secret, secret) {
        (true, Ok(s)) => step.logged(s).headers,
        _ => step
            .preview_headers(kind)
            .into_iter()
            .map(|(k, v)| (k.to_string(), v))
            .collect(),
    };
    let blocked = if step.carries_secret {
        secret.err().map(|e| e.to_string())
    } else {
        None
    };
    let state = session
        .steps
        .iter()
        .find(|(m, url, _)| *m == n && *url == step.url)
        .map(|(_, _, s)| s.clone());
    // The callback holds the shared diagnosis, not a copy of the secret; the secret is
    // read when the button is pressed, and only for a step that carries it.
    let onclick = {
        let (session, onresponse, target) = (session.clone(), onresponse.clone(), target.clone());
        let (step, diag) = (step.clone(), diag.clone());
        Callback::from(move |_: MouseEvent| {
            let secret = match (&diag.case.credential, step.carries_secret) {
                (Some(c), true) => match sendable_secret(c.expose()) {
                    Ok(s) => s.to_string(),
                    Err(_) => return,
                },
                _ => String::new(),
            };
            send_step(
                session.clone(),
                onresponse.clone(),
                &target,
                step.clone(),
                secret,
            )
        })
    };
    html! {
        <li class="probe-step" data-step={n.to_string()}>
            <p class="probe-label"><strong>{format!("Step {n}. ")}</strong>{step.label.clone()}</p>
            <p class="probe-cost">{step.cost.describe()}</p>
            if let Some(note) = &step.note {
                <p class="hint">{note.clone()}</p>
            }
            <pre class="probe-request" translate="no">
                {request_text(step.method.as_str(), &step.url, &headers, step.body.as_deref())}
            </pre>
            if let Some(why) = &blocked {
                <p class="probe-refusal">{why.clone()}</p>
            }
            <button type="button" class="primary" data-probe-step={n.to_string()}
                disabled={blocked.is_some() || session.busy} onclick={onclick}>
                {format!("Send step {n}")}
            </button>
            if let Some(s) = &state {
                {outcome_view(s, step.carries_secret)}
            }
            <div class="code-block">
                <div class="code-head">
                    <span class="code-lang">{"curl -i equivalent"}</span>
                    <CopyButton text={AttrValue::from(step.curl.clone())} label="Copy command" />
                </div>
                <pre><code translate="no">{step.curl.clone()}</code></pre>
            </div>
        </li>
    }
}
