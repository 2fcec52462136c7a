//! The page: the form on one side, the verdict, report and token panels on the other.
//! The form is diagnosed on every change (and every second while a token is shown,
//! so its expiry stays current); nothing is sent anywhere.

use super::browser;
use super::components::field::{Field, FieldKind};
use super::components::findings::finding_list;
use super::components::gallery::{Gallery, ScenarioBanner};
use super::components::now_field::NowField;
use super::components::paste_box::PasteBox;
use super::components::probe::ProbePanel;
use super::components::report::CopyReport;
use super::components::response::ResponseSection;
use super::components::token::TokenPanel;
use super::components::verdict::VerdictPanel;
use super::state::{Action, State};
use crate::diag::case::ObservedResponse;
use crate::diag::page::form::Form;
use crate::diag::page::form::{outline, FormDiagnosis, FormField, OutlinePart};
use crate::diag::page::smart_paste::Recognized;
use crate::diag::parse::time::format_rfc3339;
use crate::diag::render::markdown::resource_name;
use crate::diag::JudgedBy;
use crate::diag::{Field as ReportField, Finding, Severity, Verdict};
use gloo_timers::callback::{Interval, Timeout};
use std::rc::Rc;
use web_sys::HtmlSelectElement;
use yew::prelude::*;

/// The `auth-header` options: value (the case-format string) and label.
const AUTH_HEADERS: &[(&str, &str)] = &[
    ("auto", "Not sure"),
    ("api-key", "api-key header"),
    ("authorization", "Authorization: Bearer"),
    (
        "ocp-apim-subscription-key",
        "Ocp-Apim-Subscription-Key header",
    ),
];

fn dispatcher<E, F>(state: &UseReducerHandle<State>, f: F) -> Callback<E>
where
    F: Fn(E) -> Action + 'static,
{
    let state = state.clone();
    Callback::from(move |e: E| state.dispatch(f(e)))
}

/// The credential's outline: its damage made visible, its content hidden.
fn credential_outline(raw: &str) -> Html {
    let parts = outline(raw);
    if parts.is_empty() {
        return html! {};
    }
    let has_break = raw.contains(['\n', '\r']);
    html! {
        <p class="outline" id="credential-outline">
            <span class="outline-label">{"What the field holds: "}</span>
            <span class="outline-parts" translate="no">
                for part in parts.into_iter() {
                    {outline_part(part)}
                }
            </span>
            if has_break {
                <span class="outline-note">
                    {" The line break is part of the value: a one-line box cannot show it, but it is kept, because the app sends it too."}
                </span>
            }
        </p>
    }
}

fn outline_part(part: OutlinePart) -> Html {
    match part {
        OutlinePart::Chars(n) => html! {
            <span class="chars">{format!("{n} character{}", if n == 1 { "" } else { "s" })}</span>
        },
        OutlinePart::Mark(m) => html! { <mark>{m}</mark> },
    }
}

/// On a phone the verdict sits below the whole form: a bar at the bottom of the
/// screen says what it is and takes the user there.
fn verdict_chip(diag: &FormDiagnosis, empty: bool) -> Html {
    if empty {
        return html! {};
    }
    let r = &diag.diagnosis.report;
    let (class, word) = match r.verdict {
        Verdict::Problem => ("problem", "Problem"),
        Verdict::Ok => ("ok", "Looks right"),
        Verdict::Inconclusive => ("inconclusive", "Not decided"),
    };
    let title = match (r.verdict, r.causes.first()) {
        (Verdict::Problem, Some(c)) => c.title.clone(),
        (Verdict::Inconclusive, _) => "see the next step".to_string(),
        _ => "see what was checked".to_string(),
    };
    let onclick = Callback::from(|_: MouseEvent| browser::scroll_to("verdict"));
    html! {
        <button type="button" class={classes!("verdict-chip", class)} {onclick}>
            <strong>{word}</strong>{": "}{title}<span aria-hidden="true">{" ↓"}</span>
        </button>
    }
}

/// Above this many bytes of form text, diagnosis waits for a pause in typing.
const LARGE_FORM: usize = 100_000;
/// How long typing must pause before a large form is diagnosed.
const SETTLE_MS: u32 = 150;

/// The form the verdict is computed from. A usual form is diagnosed at every keystroke.
/// With a large paste (over [`LARGE_FORM`] bytes) re-reading it would hold up every
/// keystroke by tens of milliseconds, so the verdict follows once typing pauses for
/// [`SETTLE_MS`]; meanwhile the last verdict stays on screen.
#[hook]
fn use_settled(form: &Form) -> Form {
    let large = form_bytes(form) > LARGE_FORM;
    // The form the shown verdict belongs to, and the large form the timer let through.
    let last = use_mut_ref(|| form.clone());
    let settled = use_state_eq(|| None::<Form>);
    {
        let settled = settled.clone();
        use_effect_with(form.clone(), move |form| {
            let form = form.clone();
            let timer = (form_bytes(&form) > LARGE_FORM)
                .then(|| Timeout::new(SETTLE_MS, move || settled.set(Some(form))));
            move || drop(timer)
        });
    }
    if large && settled.as_ref() != Some(form) {
        return last.borrow().clone();
    }
    *last.borrow_mut() = form.clone();
    form.clone()
}

fn form_bytes(form: &Form) -> usize {
    FormField::ALL.iter().map(|f| form.get(*f).len()).sum()
}

/// The page.
#[component]
pub fn App() -> Html {
    let state = use_reducer(State::default);
    let clock = use_state_eq(browser::now_unix);

    // Diagnose whenever the form changes, and on each clock tick while a token is
    // shown. The memo reads the clock itself so a change of form is judged at the
    // moment of typing, not at the last tick.
    let settled = use_settled(&state.form);
    let computed = use_memo((settled, *clock), |(form, _)| {
        let start = browser::perf_now();
        let d = form.diagnose(browser::now_unix());
        (Rc::new(d), browser::perf_now() - start)
    });
    let diag = computed.0.clone();
    let elapsed_ms = computed.1;
    let ticking = !diag.diagnosis.tokens.is_empty();
    {
        let clock = clock.clone();
        use_effect_with(ticking, move |&ticking| {
            let interval =
                ticking.then(|| Interval::new(1_000, move || clock.set(browser::now_unix())));
            move || drop(interval)
        });
    }
    use_effect_with(state.scenario, |s| {
        if s.is_some() {
            browser::scroll_to("scenario-banner");
        }
    });
    let now = browser::now_unix();

    let onset = dispatcher(&state, |(field, value): (FormField, String)| Action::Set {
        field,
        value,
    });
    let onspread = dispatcher(&state, |(recognized, from_box): (Rc<Recognized>, bool)| {
        Action::Spread {
            recognized,
            from_box,
        }
    });
    let onundo = dispatcher(&state, |_: MouseEvent| Action::UndoPaste);
    let ondismiss_paste = dispatcher(&state, |_: MouseEvent| Action::DismissPaste);
    let onload = dispatcher(&state, |index: usize| Action::LoadScenario { index });
    let ondismiss_scenario = dispatcher(&state, |_: MouseEvent| Action::DismissScenario);
    let onclear = dispatcher(&state, |_: MouseEvent| Action::Clear);
    let onreveal = dispatcher(&state, |_: MouseEvent| Action::ToggleShowCredential);
    let onclock = dispatcher(&state, |_: MouseEvent| Action::UseClockTime);
    let onevidence = dispatcher(&state, |_: MouseEvent| Action::UseEvidenceTime);
    let onresponse = dispatcher(&state, |response: ObservedResponse| Action::SetResponse {
        response,
    });
    let onauth = dispatcher(&state, |e: Event| Action::Set {
        field: FormField::AuthHeader,
        value: e
            .target_dyn_into::<HtmlSelectElement>()
            .map(|s| s.value())
            .unwrap_or_default(),
    });

    let findings = |field: ReportField| -> Vec<Finding> {
        diag.diagnosis
            .report
            .findings
            .iter()
            .filter(|f| f.field == field)
            .cloned()
            .collect()
    };
    // A decoded token's own checks are all in its panel; beside the field only the
    // ones that fail, so the form does not repeat the panel.
    let token_finding_ids: Vec<&str> = diag
        .diagnosis
        .tokens
        .iter()
        .filter(|t| t.decoded.is_some())
        .flat_map(|t| t.findings.iter().map(|f| f.id.as_str()))
        .collect();
    let secret_findings = |field: ReportField| -> Vec<Finding> {
        let all = findings(field);
        let total = all.len();
        let mut kept: Vec<Finding> = all
            .into_iter()
            .filter(|f| {
                !token_finding_ids.contains(&f.id.as_str())
                    || matches!(f.severity, Severity::Error | Severity::Warning)
            })
            .collect();
        if kept.len() < total {
            kept.push(Finding::new(
                field,
                Severity::Info,
                "token-panel",
                "Every check of the token, passed and failed, is in the token panel.",
            ));
        }
        kept
    };
    let form = &state.form;
    let auth = if form.auth_header.is_empty() {
        "auto"
    } else {
        form.auth_header.as_str()
    };
    let now_value = if form.now_set {
        form.now.clone()
    } else if diag.diagnosis.judged_by == JudgedBy::Evidence {
        format_rfc3339(diag.diagnosis.judged_at)
    } else {
        String::new()
    };
    let resource = resource_name((!form.endpoint.is_empty()).then_some(form.endpoint.as_str()))
        .map(AttrValue::from);
    let v = |s: &str| AttrValue::from(s.to_string());

    html! {
        <div class="page">
            <header class="masthead">
                <div class="brand">
                    <h1>{"401 Doctor"}</h1>
                    <p class="tagline">
                        {"Why is your call to Azure OpenAI, Azure AI Foundry, an API Management gateway or OpenAI answered 401, and what exactly to change."}
                    </p>
                </div>
                <p class="privacy">
                    <span class="lock" aria-hidden="true">{"●"}</span>
                    {" Runs entirely in this tab: nothing you paste is stored or sent anywhere, unless you press a live-probe button, which sends the request it shows to the host you entered. It stays in this tab's memory until you press Clear or close the tab."}
                </p>
                <div class="toolbar">
                    <Gallery onload={onload} />
                    <button type="button" id="clear" class="quiet" onclick={onclear}>{"Clear"}</button>
                </div>
            </header>
            if let Some(index) = state.scenario {
                <ScenarioBanner index={index} ondismiss={ondismiss_scenario} />
            }
            <main class="layout">
                <section class="inputs" aria-label="What you have">
                    <PasteBox value={v(&form.error_text)} findings={findings(ReportField::ErrorText)}
                        note={state.paste_note.clone()} onset={onset.clone()} onspread={onspread}
                        onundo={onundo} ondismiss={ondismiss_paste} />

                    <fieldset>
                        <legend>{"Where the app calls"}</legend>
                        <Field field={FormField::Endpoint} label="Endpoint" value={v(&form.endpoint)}
                            findings={findings(ReportField::Endpoint)} onset={onset.clone()}
                            placeholder="e.g. https://contoso.openai.azure.com/"
                            hint="The base URL the app uses, or paste the whole request URL." />
                        <div class="row">
                            <Field field={FormField::Deployment} label="Deployment or model" value={v(&form.deployment)}
                                findings={findings(ReportField::Deployment)} onset={onset.clone()}
                                placeholder="e.g. chat-gpt4o"
                                hint="Deployment name (Azure) or model (OpenAI)." />
                            <Field field={FormField::ApiVersion} label="api-version" value={v(&form.api_version)}
                                findings={findings(ReportField::ApiVersion)} onset={onset.clone()}
                                placeholder="e.g. 2024-10-21"
                                hint="As configured; v1 or preview for /openai/v1." />
                        </div>
                    </fieldset>

                    <fieldset>
                        <legend>{"How it authenticates"}</legend>
                        <Field field={FormField::Credential} label="Credential: API key or token, as the app sends it"
                            value={AttrValue::from(form.credential.expose().to_string())}
                            kind={FieldKind::Secret { reveal: state.show_credential }} onreveal={onreveal}
                            findings={secret_findings(ReportField::Credential)} onset={onset.clone()}
                            hint="Spaces, quotes and line breaks are kept: they are often the problem.">
                            {credential_outline(form.credential.expose())}
                        </Field>
                        <div class="field field-auth-header">
                            <label for="auth-header">{"Sent in"}</label>
                            <div class="control">
                                <select id="auth-header" onchange={onauth} aria-describedby="auth-header-findings">
                                    for (value, label) in AUTH_HEADERS.iter() {
                                        <option value={*value} selected={auth == *value}>{*label}</option>
                                    }
                                </select>
                            </div>
                            {finding_list("auth-header-findings", &findings(ReportField::AuthHeader), "Which header the app puts the credential in.")}
                        </div>
                        <Field field={FormField::Token} label="Access token to decode (optional)"
                            value={AttrValue::from(form.token.expose().to_string())}
                            kind={FieldKind::Area { rows: 3 }}
                            findings={secret_findings(ReportField::Token)} onset={onset.clone()}
                            placeholder="eyJ0eXAiOiJKV1Qi…"
                            hint="An Entra ID token, if it is not already the credential. Decoded here, never sent." />
                    </fieldset>

                    <fieldset>
                        <legend>{"About the call"}</legend>
                        <div class="row three">
                            <Field field={FormField::Organization} label="OpenAI organization" value={v(&form.organization)}
                                findings={findings(ReportField::Organization)} onset={onset.clone()}
                                placeholder="org-…" hint="OpenAI-Organization, if set." />
                            <Field field={FormField::Project} label="OpenAI project" value={v(&form.project)}
                                findings={findings(ReportField::Project)} onset={onset.clone()}
                                placeholder="proj_…" hint="OpenAI-Project, if set." />
                            <Field field={FormField::Client} label="Client library and version" value={v(&form.client)}
                                findings={findings(ReportField::Client)} onset={onset.clone()}
                                placeholder="e.g. openai-python 2.34.0" hint="SDK and version, or curl." />
                        </div>
                        <NowField value={AttrValue::from(now_value)} clock={now}
                            judged_by={diag.diagnosis.judged_by} judged_at={diag.diagnosis.judged_at}
                            evidence_when={diag.diagnosis.evidence_when} findings={findings(ReportField::Now)}
                            onset={onset.clone()} onclock={onclock} onevidence={onevidence} />
                    </fieldset>

                    <ResponseSection response={form.response.clone()} findings={findings(ReportField::Response)}
                        problem={diag.response_problem.clone()} onset={onset} />
                    <ProbePanel diag={diag.clone()} onresponse={onresponse} />
                    // Last in the form column and sticky: on a phone it stays at the bottom
                    // while the form is on screen and leaves with the form's end, so it never
                    // covers the verdict it points to.
                    {verdict_chip(&diag, form.is_empty())}
                </section>

                <section class="results" aria-label="Diagnosis" tabindex="0">
                    <VerdictPanel diag={diag.clone()} empty={form.is_empty()} elapsed_ms={elapsed_ms} />
                    if !form.is_empty() {
                        <CopyReport diag={diag.clone()} />
                    }
                    for t in diag.diagnosis.tokens.iter() {
                        <TokenPanel token={t.clone()} judged_at={diag.diagnosis.judged_at} judged_by={diag.diagnosis.judged_by}
                            clock={now} resource={resource.clone()} />
                    }
                </section>
            </main>
            <footer class="footer">
                <p>
                    {"401 Doctor decodes and checks everything in this tab. It makes no request while you type, paste, decode, choose a scenario or copy; the live probe sends only the requests you press, listed under “Requests this page sent”. See for yourself in your browser's network panel."}
                </p>
            </footer>
        </div>
    }
}
