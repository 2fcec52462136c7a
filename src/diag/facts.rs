//! [`Facts`]: everything the rules may read about one case, gathered from every reader
//! once, with the time to judge tokens against.

use crate::diag::case::Case;
use crate::diag::known;
use crate::diag::parse::{order, time};
use crate::diag::read::credential::{self, CredentialAnalysis};
use crate::diag::read::endpoint::{self, EndpointAnalysis};
use crate::diag::read::evidence::{self, Evidence};
use crate::diag::read::inputs::{
    self, ApiVersionAnalysis, AuthHeader, ClientInfo, DeploymentAnalysis,
};
use crate::diag::read::sent;
use crate::diag::read::token::{self, TokenAnalysis};
use crate::diag::report::{Field, Finding, Severity};

/// The caller's clock, and whether a time found in the pasted output may stand in for it.
///
/// A log from three hours ago must be judged as of then: a token that was valid when the
/// call failed is not "expired" because the user pastes the log later. So when the case
/// names no `now` and the pasted output dates the failure (a `Date` header, a log
/// timestamp), tokens are judged at that time, unless the caller asks for its own clock
/// (the page's "Use now").
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Clock {
    /// The caller's current time, Unix seconds.
    pub now: i64,
    /// Judge tokens as of a time found in the pasted output when the case names none.
    pub follow_pasted_time: bool,
}

impl Clock {
    /// The current time; a time found in the pasted output takes its place.
    pub fn at(now: i64) -> Clock {
        Clock {
            now,
            follow_pasted_time: true,
        }
    }

    /// The current time, whatever the pasted output says.
    pub fn live(now: i64) -> Clock {
        Clock {
            now,
            follow_pasted_time: false,
        }
    }
}

impl From<i64> for Clock {
    fn from(now: i64) -> Clock {
        Clock::at(now)
    }
}

/// What token times were judged against.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum JudgedBy {
    /// The caller's clock.
    Clock,
    /// The case's own `now` (typed into the form, or set by a scenario).
    Typed,
    /// The `Date` header or a timestamp in the pasted output.
    Evidence,
}

/// A blank time is no time, and padding is not part of one (the form trims it).
pub(crate) fn names_no_time(case: &Case) -> bool {
    case.now.as_deref().is_none_or(|t| t.trim().is_empty())
}

/// Everything the rules may read, built from one case.
#[derive(Clone, Debug)]
pub struct Facts<'a> {
    /// The case as given.
    pub case: &'a Case,
    /// Unix seconds to judge token times against.
    pub now: i64,
    /// Where `now` came from.
    pub judged_by: JudgedBy,
    /// How the credential is sent.
    pub auth_header: AuthHeader,
    /// The endpoint, when given.
    pub endpoint: Option<EndpointAnalysis>,
    /// The credential, when given.
    pub credential: Option<CredentialAnalysis>,
    /// The token: the credential when it is a JWT, else the `token` field.
    pub token: Option<TokenAnalysis>,
    /// The `token` field, when a separate one was given besides a JWT credential.
    pub extra_token: Option<TokenAnalysis>,
    /// The deployment name.
    pub deployment: DeploymentAnalysis,
    /// The api-version (field, or the endpoint URL's query).
    pub api_version: ApiVersionAnalysis,
    /// The client library.
    pub client: Option<ClientInfo>,
    /// What the service said.
    pub evidence: Evidence,
    /// Findings that belong to no single module (auth_header, organization, now).
    pub other_findings: Vec<Finding>,
}

fn non_empty(s: &Option<String>) -> Option<&str> {
    s.as_deref().filter(|s| !s.trim().is_empty())
}

impl<'a> Facts<'a> {
    /// Reads every input of the case. `clock_now` is the caller's current time in Unix
    /// seconds, used unless the case names its own `now`.
    pub fn gather(case: &'a Case, clock_now: i64) -> Facts<'a> {
        Facts::gather_with(case, clock_now, None)
    }

    /// [`Facts::gather`], judging tokens as of `at` (the time the pasted output dates the
    /// failure, when the case names none) and reusing the evidence of an earlier pass:
    /// reading a megabyte of pasted output is the costly part, and it does not depend on
    /// the time of the failure.
    pub(crate) fn gather_with(
        case: &'a Case,
        clock_now: i64,
        dated: Option<(i64, evidence::Evidence)>,
    ) -> Facts<'a> {
        let mut other_findings = Vec::new();
        let typed_now = case
            .now
            .as_deref()
            .map(str::trim)
            .filter(|_| !names_no_time(case));
        let (now, judged_by) = match (typed_now, &dated) {
            (Some(text), _) => match time::parse_rfc3339(text) {
                Some(t) => (t, JudgedBy::Typed),
                None => {
                    other_findings.push(Finding::new(
                        Field::Now,
                        Severity::Warning,
                        "now-unreadable",
                        "The time of the failure is not an RFC 3339 time \
                         (like 2026-11-23T09:00:00Z); token times are judged against the current time.",
                    ));
                    (clock_now, JudgedBy::Clock)
                }
            },
            (None, Some((when, _))) => (*when, JudgedBy::Evidence),
            (None, None) => (clock_now, JudgedBy::Clock),
        };
        let evidence = dated.map(|(_, e)| e);
        let (typed_header, mut f) = inputs::auth_header(case.auth_header.as_deref());
        other_findings.append(&mut f);
        other_findings.extend(inputs::organization_project(
            case.organization.as_deref(),
            case.project.as_deref(),
        ));

        let mut endpoint = non_empty(&case.endpoint).map(endpoint::analyze);
        let arm = endpoint
            .as_ref()
            .and_then(|e| e.parsed.as_ref())
            .is_some_and(|p| known::hosts::is_arm_operation(&p.host, &p.path));
        if arm {
            // A Resource Manager operation called on purpose: it is no data-plane
            // endpoint gone wrong, and its api-version is ARM's own (A14).
            if let Some(e) = endpoint.as_mut() {
                e.findings.retain(|x| x.severity != Severity::Error);
                e.findings.push(Finding::new(
                    Field::Endpoint,
                    Severity::Info,
                    "endpoint-arm-operation",
                    "A Resource Manager (control-plane) operation: it takes a token for \
                     https://management.azure.com and Resource Manager's own api-versions; the \
                     data-plane rules for endpoints and api-versions do not apply.",
                ));
            }
        }
        let parsed = endpoint.as_ref().and_then(|e| e.parsed.as_ref());

        let evidence = evidence.unwrap_or_else(|| {
            evidence::analyze(case.response.as_ref(), non_empty(&case.error_text))
        });
        let typed = case
            .credential
            .as_ref()
            .filter(|c| !c.expose().is_empty())
            .map(|c| credential::analyze(c.expose()));
        let (credential, auth_header) =
            from_pasted_request(&evidence, typed, typed_header, &mut other_findings);
        let cred_is_jwt = credential
            .as_ref()
            .is_some_and(|c| matches!(c.shape, credential::Shape::Jwt | credential::Shape::Jwe));
        let cred_token = credential
            .as_ref()
            .filter(|_| cred_is_jwt)
            .map(|c| token::analyze(c.cleaned.expose(), Field::Credential, now, parsed));
        let field_token = case
            .token
            .as_ref()
            .filter(|t| !t.expose().trim().is_empty())
            .map(|t| token::analyze(t.expose(), Field::Token, now, parsed));
        let (token, extra_token) = match (cred_token, field_token) {
            (Some(c), t) => (Some(c), t),
            (None, t) => (t, None),
        };

        let api_source = non_empty(&case.api_version)
            .map(str::to_string)
            .or_else(|| {
                parsed
                    .filter(|_| !arm)
                    .and_then(|p| p.api_version_in_url.clone())
            });
        let api_version = inputs::api_version(api_source.as_deref());
        let dep_source = non_empty(&case.deployment)
            .map(str::to_string)
            .or_else(|| parsed.and_then(|p| p.deployment_in_url.clone()));
        let deployment = inputs::deployment(dep_source.as_deref());
        let mut client = inputs::client(non_empty(&case.client));
        if parsed.is_some_and(|p| p.kind == endpoint::HostKind::OpenAi) {
            // #3282 and the other AzureOpenAI notes say nothing about calls to OpenAI.
            client
                .iter_mut()
                .for_each(inputs::ClientInfo::drop_azure_notes);
        }

        Facts {
            case,
            now,
            judged_by,
            auth_header,
            endpoint,
            credential,
            token,
            extra_token,
            deployment,
            api_version,
            client,
            evidence,
            other_findings,
        }
    }

    /// The parsed endpoint, if any.
    pub fn parsed_endpoint(&self) -> Option<&endpoint::ParsedEndpoint> {
        self.endpoint.as_ref().and_then(|e| e.parsed.as_ref())
    }

    /// Every finding of every input, in field order.
    pub fn findings(&self) -> Vec<Finding> {
        let mut all = Vec::new();
        if let Some(e) = &self.endpoint {
            all.extend(e.findings.iter().cloned());
        }
        if let Some(c) = &self.credential {
            all.extend(c.findings.iter().cloned());
        }
        for t in [&self.token, &self.extra_token].into_iter().flatten() {
            all.extend(t.findings.iter().cloned());
        }
        all.extend(self.deployment.findings.iter().cloned());
        all.extend(self.api_version.findings.iter().cloned());
        if let Some(c) = &self.client {
            all.extend(c.findings.iter().cloned());
        }
        all.extend(self.evidence.findings.iter().cloned());
        all.extend(self.other_findings.iter().cloned());
        order::sort_by_rank(&mut all, |f| (f.field as u64, 0));
        all
    }
}

/// Fills the credential and the header from the request the pasted text shows, when
/// the fields are empty, and warns when they disagree with it: the app may not send what
/// was entered. Which header carries what is the heart of `auth-failures.md` 5.3 (a key
/// in Bearer on a classic path is A2, 3.5); the value is analysed, never shown.
fn from_pasted_request(
    evidence: &Evidence,
    typed: Option<CredentialAnalysis>,
    typed_header: AuthHeader,
    findings: &mut Vec<Finding>,
) -> (Option<CredentialAnalysis>, AuthHeader) {
    let Some(sent) = sent::best(&evidence.sent) else {
        return (typed, typed_header);
    };
    let pasted = sent.value.as_ref().map(|v| credential::analyze(v.expose()));
    // A dump line such as `Authorization: failed …` is prose, not a request.
    if pasted
        .as_ref()
        .is_some_and(|p| matches!(p.shape, credential::Shape::Prose | credential::Shape::Empty))
    {
        return (typed, typed_header);
    }
    // A pasted request names a real header; `Other` stands for `x-api-key` and the like.
    let name = sent.header.wire_name().unwrap_or("x-api-key");
    let line = sent.line;
    let header = if typed_header == AuthHeader::Auto {
        findings.push(Finding::new(
            Field::AuthHeader,
            Severity::Info,
            "auth-header-from-paste",
            format!("The header was read from the pasted request, line {line}: `{name}`."),
        ));
        sent.header
    } else {
        if typed_header != sent.header {
            findings.push(Finding::new(
                Field::AuthHeader,
                Severity::Warning,
                "auth-header-differs-from-paste",
                format!(
                    "The pasted request (line {line}) sends the credential in `{name}`, not in \
                     the header chosen here: the app may not send what you think. The \
                     diagnosis uses the header chosen here."
                ),
            ));
        }
        typed_header
    };
    let credential = match (typed, pasted) {
        (None, Some(p)) => {
            findings.push(Finding::new(
                Field::Credential,
                Severity::Info,
                "credential-from-paste",
                format!(
                    "The credential was read from the pasted request, line {line} (`{name}`); \
                     value not shown. It is judged as if it had been entered here."
                ),
            ));
            Some(p)
        }
        (Some(t), Some(p)) => {
            let (a, b) = (t.cleaned.expose(), p.cleaned.expose());
            let last4 = |s: &str| s.chars().rev().take(4).collect::<String>();
            if a.chars().count() != b.chars().count() || last4(a) != last4(b) {
                findings.push(Finding::new(
                    Field::Credential,
                    Severity::Warning,
                    "credential-differs-from-paste",
                    format!(
                        "The pasted request (line {line}) sends a different credential than \
                         the one entered here ({} characters, not {}, or a different ending): \
                         the app may not send what you think. The diagnosis uses the one \
                         entered here.",
                        b.chars().count(),
                        a.chars().count()
                    ),
                ));
            }
            Some(t)
        }
        (t, None) => t,
    };
    (credential, header)
}
