//! The scenario gallery's data: every scenario of the corpus, built into the page by
//! `build.rs`, so showing and loading one needs no request.

use crate::diag::Scenario;
use std::sync::OnceLock;

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

static PARSED: OnceLock<Vec<Result<Scenario, String>>> = OnceLock::new();

/// Every scenario, parsed once; a file that does not parse is kept as its message.
pub fn all() -> &'static [Result<Scenario, String>] {
    PARSED.get_or_init(|| {
        SCENARIO_FILES
            .iter()
            .map(|(name, text)| Scenario::from_json(text).map_err(|e| format!("{name}: {e}")))
            .collect()
    })
}

/// One scenario by index.
pub fn load(index: usize) -> Option<&'static Result<Scenario, String>> {
    all().get(index)
}

/// The file name of a scenario, e.g. `03-azure-key-newline-dotenv.json`.
pub fn file_name(index: usize) -> Option<&'static str> {
    SCENARIO_FILES.get(index).map(|(name, _)| *name)
}
