//! The page's state and the actions that change it. `State` holds only what the user
//! typed and chose; the diagnosis is derived from it on every render.

use super::scenarios;
use crate::diag::case::ObservedResponse;
use crate::diag::page::form::{Form, FormField, ResponseForm};
use crate::diag::page::smart_paste::Recognized;
use std::rc::Rc;
use yew::Reducible;

/// What the page tells the user after a smart paste.
#[derive(Clone, Debug, PartialEq)]
pub struct PasteNote {
    /// "Took endpoint and credential from the .env block."
    pub summary: String,
    /// Where each value came from: `(field label, source)`.
    pub sources: Vec<(String, String)>,
    /// Further notes about the paste.
    pub notes: Vec<String>,
    /// The form before the paste, for "Undo".
    pub previous: Option<Rc<Form>>,
}

/// Everything the user typed and chose.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct State {
    /// The form.
    pub form: Form,
    /// The credential is shown as text instead of dots.
    pub show_credential: bool,
    /// The last smart paste, while it is worth telling.
    pub paste_note: Option<PasteNote>,
    /// The gallery scenario the form was filled from, by index.
    pub scenario: Option<usize>,
}

/// The only ways the state changes.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// One field's new value.
    Set {
        /// Which field.
        field: FormField,
        /// Its raw value (line breaks kept).
        value: String,
    },
    /// Spread a recognised paste into the form.
    Spread {
        /// What was recognised.
        recognized: Rc<Recognized>,
        /// The text came from the paste box itself (typed or dropped there), so it
        /// leaves the box: a `.env` block is not error output.
        from_box: bool,
    },
    /// Put the form back as it was before the last paste.
    UndoPaste,
    /// Hide the paste note.
    DismissPaste,
    /// Fill the form from a gallery scenario.
    LoadScenario {
        /// Index into [`scenarios::SCENARIO_FILES`].
        index: usize,
    },
    /// Hide the scenario banner (the form stays).
    DismissScenario,
    /// Empty every field.
    Clear,
    /// Show or hide the credential.
    ToggleShowCredential,
    /// Judge token times against the clock, ignoring any time in the pasted output.
    UseClockTime,
    /// Judge token times as of the time found in the pasted output.
    UseEvidenceTime,
    /// An observed response (the probe, issue 5, sends this).
    SetResponse {
        /// What came back.
        response: ObservedResponse,
    },
}

impl Reducible for State {
    type Action = Action;

    fn reduce(self: Rc<Self>, action: Action) -> Rc<Self> {
        let mut next = (*self).clone();
        match action {
            Action::Set { field, value } => next.form.set(field, value),
            Action::Spread {
                recognized,
                from_box,
            } => {
                let previous = Rc::new(next.form.clone());
                if from_box {
                    next.form.error_text = String::new();
                }
                next.form.apply(&recognized);
                next.paste_note = Some(PasteNote {
                    summary: recognized.summary(),
                    sources: recognized
                        .taken
                        .iter()
                        .map(|t| (t.field.label().to_string(), t.source.clone()))
                        .collect(),
                    notes: recognized.notes.clone(),
                    previous: Some(previous),
                });
            }
            Action::UndoPaste => {
                if let Some(prev) = next.paste_note.take().and_then(|n| n.previous) {
                    next.form = (*prev).clone();
                }
            }
            Action::DismissPaste => next.paste_note = None,
            Action::LoadScenario { index } => {
                if let Some(Ok(s)) = scenarios::load(index) {
                    next.form = Form::from_case(&s.case);
                    next.scenario = Some(index);
                    next.paste_note = None;
                }
            }
            Action::DismissScenario => next.scenario = None,
            Action::Clear => {
                next = State::default();
            }
            Action::ToggleShowCredential => next.show_credential = !next.show_credential,
            Action::UseClockTime => {
                next.form.now = String::new();
                next.form.now_set = true;
            }
            Action::UseEvidenceTime => {
                next.form.now = String::new();
                next.form.now_set = false;
            }
            Action::SetResponse { response } => {
                next.form.response = ResponseForm::from_response(&response);
            }
        }
        next.into()
    }
}
