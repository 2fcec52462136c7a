//! The case: everything a user can tell the doctor about one failing call
//! (`shared/case-format.md`). The page builds one from its form, a scenario file holds
//! one, and the `doctor` binary reads one.

use crate::diag::secret::Secret;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt;

/// One failing call, as the user describes it. Every field is optional.
///
/// Unknown fields are rejected (see [`Case::from_json`]) so a typo such as `api-version`
/// for `api_version` is reported instead of silently ignored.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Case {
    /// Endpoint or base URL as pasted; may be a whole request URL.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub endpoint: Option<String>,
    /// Deployment name (Azure) or model (OpenAI).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub deployment: Option<String>,
    /// api-version as configured.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub api_version: Option<String>,
    /// The secret the app sends, whitespace and all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub credential: Option<Secret>,
    /// How the app sends `credential`: `api-key`, `authorization`,
    /// `ocp-apim-subscription-key` or `auto`. Kept as text so an unknown value becomes a
    /// finding rather than a parse error.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub auth_header: Option<String>,
    /// An access token pasted on its own, for decoding.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub token: Option<Secret>,
    /// `OpenAI-Organization` value the app sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organization: Option<String>,
    /// `OpenAI-Project` value the app sends.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project: Option<String>,
    /// Client library and version, free text (`openai-python 2.34.0`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client: Option<String>,
    /// Error output the user pasted: exception, log line, body, or `curl -i` output.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error_text: Option<String>,
    /// A response observed by the page's probe or reported by the user.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response: Option<ObservedResponse>,
    /// RFC 3339 time to judge token times against; absent means the current time.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<String>,
}

/// What came back: a status with headers and body, or a browser failure with no status.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ObservedResponse {
    /// HTTP status code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    /// Response headers as seen (names in any case).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub headers: BTreeMap<String, String>,
    /// Response body text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<String>,
    /// Set when the browser saw no response at all.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub failure: Option<BrowserFailure>,
}

/// Why a browser fetch produced no readable response. None of these says anything
/// about the credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum BrowserFailure {
    /// `TypeError: Failed to fetch`: DNS, TLS, connection refused, CSP, or CORS.
    Network,
    /// No answer within the time limit.
    Timeout,
    /// The response arrived but CORS hid it from the page.
    Cors,
    /// The server answered with a redirect, which the probe refuses to follow
    /// (an extension of the case format used by the page's probe).
    Redirect,
}

/// Why a case could not be read.
#[derive(Debug)]
pub enum CaseError {
    /// The text is not JSON, or not a JSON object of the case format.
    Json(serde_json::Error),
    /// A field the case format does not have.
    UnknownField {
        /// The field's name as written.
        field: String,
    },
}

impl fmt::Display for CaseError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CaseError::UnknownField { field } => write!(
                f,
                "unknown case field `{field}`; the case format has endpoint, deployment, \
                 api_version, credential, auth_header, token, organization, project, client, \
                 error_text, response and now"
            ),
            CaseError::Json(e) => write!(
                f,
                "the case is not valid JSON of the case format: {}",
                redact_quoted(&e.to_string())
            ),
        }
    }
}

impl std::error::Error for CaseError {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match self {
            CaseError::Json(e) => Some(e),
            CaseError::UnknownField { .. } => None,
        }
    }
}

impl Case {
    /// Reads a case from JSON text.
    ///
    /// # Errors
    /// [`CaseError::UnknownField`] names a field the format does not have;
    /// [`CaseError::Json`] covers everything else (not JSON, wrong types). The message
    /// never quotes field values, so a secret cannot leak through an error.
    pub fn from_json(text: &str) -> Result<Case, CaseError> {
        serde_json::from_str(text).map_err(classify)
    }

    /// Reads a case from an already parsed JSON value.
    ///
    /// # Errors
    /// As [`Case::from_json`].
    pub fn from_value(value: serde_json::Value) -> Result<Case, CaseError> {
        serde_json::from_value(value).map_err(classify)
    }

    /// True when the user told us nothing at all.
    pub fn is_empty(&self) -> bool {
        *self == Case::default()
    }
}

/// serde quotes offending values in its messages (`invalid type: string "…"`). Field
/// and variant names are short; anything quoted that is longer may be a secret pasted
/// into the wrong field, so it is cut out.
fn redact_quoted(msg: &str) -> String {
    let mut out = String::with_capacity(msg.len());
    let mut rest = msg;
    while let Some(start) = rest.find(['"', '`']) {
        let quote = rest.as_bytes()[start] as char;
        out.push_str(&rest[..=start]);
        let after = &rest[start + 1..];
        let Some(end) = after.find(quote) else {
            out.push_str(if after.chars().count() > 12 {
                "…"
            } else {
                after
            });
            return out;
        };
        let inner = &after[..end];
        out.push_str(if inner.chars().count() > 12 {
            "…"
        } else {
            inner
        });
        out.push(quote);
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    out
}

fn classify(e: serde_json::Error) -> CaseError {
    // serde's message is "unknown field `x`, expected one of ..."; pull the name out.
    let msg = e.to_string();
    if let Some(rest) = msg.strip_prefix("unknown field `") {
        if let Some(end) = rest.find('`') {
            return CaseError::UnknownField {
                field: rest[..end].to_string(),
            };
        }
    }
    CaseError::Json(e)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_field_is_named() {
        let err = Case::from_json(r#"{"api-version":"2024-10-21"}"#).unwrap_err();
        assert!(
            matches!(&err, CaseError::UnknownField { field } if field == "api-version"),
            "{err:?}"
        );
        assert!(err.to_string().contains("`api-version`"));
    }

    #[test]
    fn unknown_response_field_is_named() {
        let err = Case::from_json(r#"{"response":{"code":401}}"#).unwrap_err();
        assert!(
            matches!(&err, CaseError::UnknownField { field } if field == "code"),
            "{err:?}"
        );
    }

    #[test]
    fn empty_object_is_an_empty_case() {
        assert!(Case::from_json("{}").unwrap().is_empty());
    }

    #[test]
    fn failure_parses() {
        let c = Case::from_json(r#"{"response":{"failure":"network"}}"#).unwrap();
        assert_eq!(c.response.unwrap().failure, Some(BrowserFailure::Network));
    }

    #[test]
    fn errors_do_not_quote_secret_values() {
        let err = Case::from_json(r#"{"credential": 12345678901234567890}"#).unwrap_err();
        assert!(!err.to_string().contains("1234567890"), "{err}");
        let err =
            Case::from_json(r#"{"response": {"status": "sk-proj-abcdefghijklmnop"}}"#).unwrap_err();
        assert!(!err.to_string().contains("abcdefgh"), "{err}");
    }
}
