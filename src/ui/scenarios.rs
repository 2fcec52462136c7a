//! The scenario gallery's data: every scenario of the corpus, built into the page by
//! `build.rs` as Rust statics, so showing and loading one needs no request and no JSON
//! parsing (the page carries no serde code for the case format on this path).

use crate::diag::case::{BrowserFailure, Case, ObservedResponse};
use crate::diag::{CauseId, Secret, Verdict};

/// A scenario as built in: what the gallery shows and the case it loads.
pub struct StaticScenario {
    /// The corpus file it came from, e.g. `03-azure-key-newline-dotenv.json`.
    pub file: &'static str,
    pub title: &'static str,
    pub story: &'static str,
    pub case: StaticCase,
    /// The expected verdict and the acceptable leading causes.
    pub verdict: Verdict,
    pub causes: &'static [CauseId],
}

/// [`Case`] with borrowed text, so it can be a static.
pub struct StaticCase {
    pub endpoint: Option<&'static str>,
    pub deployment: Option<&'static str>,
    pub api_version: Option<&'static str>,
    pub credential: Option<&'static str>,
    pub auth_header: Option<&'static str>,
    pub token: Option<&'static str>,
    pub organization: Option<&'static str>,
    pub project: Option<&'static str>,
    pub client: Option<&'static str>,
    pub error_text: Option<&'static str>,
    pub response: Option<StaticResponse>,
    pub now: Option<&'static str>,
}

/// [`ObservedResponse`] with borrowed text.
pub struct StaticResponse {
    pub status: Option<u16>,
    pub headers: &'static [(&'static str, &'static str)],
    pub body: Option<&'static str>,
    pub failure: Option<BrowserFailure>,
}

include!(concat!(env!("OUT_DIR"), "/scenarios.rs"));

/// Every scenario, in file-name order.
pub fn all() -> &'static [StaticScenario] {
    SCENARIOS
}

/// One scenario by index.
pub fn get(index: usize) -> Option<&'static StaticScenario> {
    SCENARIOS.get(index)
}

impl StaticScenario {
    /// The case, owned, as the form loads it.
    pub fn case(&self) -> Case {
        let c = &self.case;
        let text = |v: Option<&str>| v.map(str::to_string);
        Case {
            endpoint: text(c.endpoint),
            deployment: text(c.deployment),
            api_version: text(c.api_version),
            credential: c.credential.map(Secret::from),
            auth_header: text(c.auth_header),
            token: c.token.map(Secret::from),
            organization: text(c.organization),
            project: text(c.project),
            client: text(c.client),
            error_text: text(c.error_text),
            response: c.response.as_ref().map(|r| ObservedResponse {
                status: r.status,
                headers: r
                    .headers
                    .iter()
                    .map(|(k, v)| (k.to_string(), v.to_string()))
                    .collect(),
                body: text(r.body),
                failure: r.failure,
            }),
            now: text(c.now),
        }
    }
}
