//! The page's state and the actions that change it, without the browser so `cargo test`
//! covers them. `State` holds only what the user typed and chose; the diagnosis is
//! derived from it on every render. The Yew shell (`ui::state`) makes this its reducer.

use crate::diag::case::{Case, ObservedResponse};
use crate::diag::page::form::{Form, FormField, ResponseForm};
use crate::diag::page::smart_paste::Recognized;
use std::rc::Rc;

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
        /// Index into the gallery's scenarios.
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

impl State {
    /// The state after `action`. `scenario` gives the case of a gallery scenario by its
    /// index (the page's built-in gallery; tests give their own).
    pub fn apply(&self, action: Action, scenario: impl Fn(usize) -> Option<Case>) -> State {
        let mut next = self.clone();
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
                if let Some(case) = scenario(index) {
                    next.form = Form::from_case(&case);
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
        next
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::page::smart_paste::recognize;

    fn none(_: usize) -> Option<Case> {
        None
    }

    #[test]
    fn a_paste_spreads_and_undo_puts_the_form_back() {
        let typed = State::default().apply(
            Action::Set {
                field: FormField::Deployment,
                value: "chat".into(),
            },
            none,
        );
        let pasted = typed.apply(
            Action::Spread {
                recognized: Rc::new(recognize(
                    "AZURE_OPENAI_ENDPOINT=https://x.openai.azure.com\nAZURE_OPENAI_API_KEY=k",
                )),
                from_box: true,
            },
            none,
        );
        assert_eq!(pasted.form.endpoint, "https://x.openai.azure.com");
        assert_eq!(pasted.form.deployment, "chat");
        let note = pasted.paste_note.as_ref().expect("a note after a paste");
        assert!(
            note.sources.iter().any(|(f, _)| f == "endpoint"),
            "{note:?}"
        );
        let undone = pasted.apply(Action::UndoPaste, none);
        assert_eq!(undone.form, typed.form);
        assert_eq!(undone.paste_note, None);
    }

    #[test]
    fn a_scenario_loads_its_case_and_clear_empties_everything() {
        let case = Case {
            endpoint: Some("https://contoso.openai.azure.com/".into()),
            now: Some("2026-11-23T09:00:00Z".into()),
            ..Case::default()
        };
        let loaded = State::default().apply(Action::LoadScenario { index: 3 }, |i| {
            (i == 3).then(|| case.clone())
        });
        assert_eq!(loaded.scenario, Some(3));
        assert_eq!(loaded.form.to_case(), case);
        let missing = State::default().apply(Action::LoadScenario { index: 9 }, none);
        assert_eq!(missing, State::default());
        assert_eq!(loaded.apply(Action::Clear, none), State::default());
    }

    #[test]
    fn the_clock_choices_set_and_clear_the_typed_time() {
        let typed = State::default().apply(
            Action::Set {
                field: FormField::Now,
                value: "2026-11-23T09:00:00Z".into(),
            },
            none,
        );
        assert!(typed.form.now_set);
        let live = typed.apply(Action::UseClockTime, none);
        assert_eq!((live.form.now.as_str(), live.form.now_set), ("", true));
        let pasted = live.apply(Action::UseEvidenceTime, none);
        assert_eq!((pasted.form.now.as_str(), pasted.form.now_set), ("", false));
    }
}
