//! The report: a verdict, ranked causes with the evidence each rests on and a fix,
//! per-field findings, and the next step when the evidence cannot decide
//! (`shared/case-format.md`).

use crate::diag::known::causes::CauseId;
use serde::{Deserialize, Serialize};

/// The one-word answer.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Verdict {
    /// Something is wrong, and `causes[0]` says what.
    Problem,
    /// Nothing wrong was found: the evidence says auth works, or there is no evidence of
    /// a failure and the inputs look right.
    Ok,
    /// The evidence cannot decide; `next_step` says what would.
    Inconclusive,
}

/// How sure the doctor is of one cause.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Confidence {
    /// A hint from input shapes alone, or one of several candidates.
    Low,
    /// Inputs and evidence agree, or strong input evidence without a response.
    Medium,
    /// A response or error text says so, and nothing contradicts it.
    High,
}

/// One ranked cause.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RankedCause {
    /// The cause id from `causes.md`.
    pub id: CauseId,
    /// How sure.
    pub confidence: Confidence,
    /// A title for people, specific to this case where possible.
    pub title: String,
    /// What this cause rests on, each naming its source (a field, a line of pasted
    /// output, the response).
    pub evidence: Vec<String>,
    /// What to change. A step that is a command or code is written as a Markdown fenced
    /// block after its explanation, so the page can offer a copy button for it.
    pub fix: Vec<String>,
}

/// Which input a finding is about. Serialises as the case field name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Field {
    /// `endpoint`
    Endpoint,
    /// `deployment`
    Deployment,
    /// `api_version`
    ApiVersion,
    /// `credential`
    Credential,
    /// `auth_header`
    AuthHeader,
    /// `token`
    Token,
    /// `organization`
    Organization,
    /// `project`
    Project,
    /// `client`
    Client,
    /// `error_text`
    ErrorText,
    /// `response`
    Response,
    /// `now`
    Now,
}

/// How a finding reads.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// This input is wrong.
    Error,
    /// This input is suspicious.
    Warning,
    /// Something worth knowing.
    Info,
    /// This input was checked and looks right.
    Ok,
}

/// One observation about one input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Finding {
    /// The input it is about.
    pub field: Field,
    /// How it reads.
    pub severity: Severity,
    /// A stable id for the observation, e.g. `credential-trailing-newline`.
    pub id: String,
    /// A sentence for people. Never contains a secret.
    pub message: String,
}

impl Finding {
    /// Builds a finding.
    pub fn new(field: Field, severity: Severity, id: &str, message: impl Into<String>) -> Self {
        Finding {
            field,
            severity,
            id: id.to_string(),
            message: message.into(),
        }
    }
}

/// The whole answer for one case.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// `problem`, `ok` or `inconclusive`.
    pub verdict: Verdict,
    /// Ranked causes, most likely first. Empty when the verdict is `ok`.
    pub causes: Vec<RankedCause>,
    /// Per-input observations.
    pub findings: Vec<Finding>,
    /// When inconclusive: the one action that would decide.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_step: Option<String>,
}
