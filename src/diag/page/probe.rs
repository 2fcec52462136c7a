//! The live probe, planned without a browser: which hosts the page may contact, how a
//! pasted endpoint becomes a target we trust, which requests the probe ladder sends,
//! what each one costs, and what an observed result means (issue 5;
//! `security-notes.md` §3.4, §3.5, §4, §5 items 5–7; `auth-failures.md` §4.4, §5.3, §7).
//!
//! The page does the sending (`fetch`, at the edge). Everything it sends is decided
//! here, so it can be tested natively:
//!
//! 1. [`validate_target`] turns the pasted endpoint into a [`ProbeTarget`] or refuses
//!    it with a [`ProbeRefusal`]: only `https`, no user name or password, no port other
//!    than 443, no IP literal, and a host in [`CONNECT_ALLOWLIST`] — the same list the
//!    page's CSP `connect-src` carries (`tests/csp_allowlist.rs` checks they agree).
//! 2. [`plan`] builds the ladder: a request without the credential, a request with it
//!    that spends no tokens, and optionally the deployment itself. Every URL is built
//!    here from the validated host; nothing of the pasted text is sent verbatim. The
//!    credential request mirrors how the app sends its credential (header name, path
//!    shape, api-version), because a probe that differs from the app can pass while the
//!    app fails (`tools-landscape.md` §12).
//! 3. [`Outcome::classify`] reads what `fetch` produced. A browser failure (CORS,
//!    network, timeout, refused redirect) is never an auth verdict: it becomes a
//!    [`BrowserFailure`] in the case's response, which the rules treat as "no answer".
//!
//! The secret itself never enters this module's output: headers carry a
//! [`HeaderValue::Credential`] placeholder that the page fills in at send time, curl
//! commands use environment variables, and [`LoggedRequest`] masks with [`mask`].

use crate::diag::case::{BrowserFailure, Case, ObservedResponse};
use crate::diag::parse::weburl::{self, Host, WebUrl};
use crate::diag::rank::fixes::RECOMMENDED_API_VERSION;
use crate::diag::read::credential::Shape;
use crate::diag::read::endpoint::{ParsedEndpoint, PathShape};
use crate::diag::read::inputs::AuthHeader;
use crate::diag::read::jwt::looks_like_jwt;
use crate::diag::secret::mask;
use crate::diag::Facts;
use std::collections::BTreeMap;
use std::fmt;

// ---------------------------------------------------------------------------------
// Where the page may connect
// ---------------------------------------------------------------------------------

/// What kind of service an allowed host is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TargetKind {
    /// `{resource}.openai.azure.com`.
    AzureOpenAi,
    /// `{resource}.cognitiveservices.azure.com`.
    CognitiveServices,
    /// `{resource}.services.ai.azure.com` (Foundry).
    FoundryServices,
    /// `*.azure-api.net`: an API Management gateway.
    Apim,
    /// `api.openai.com`.
    OpenAi,
}

impl TargetKind {
    /// True for the hosts of Azure AI resources themselves (not a gateway, not OpenAI).
    pub fn is_azure_resource(self) -> bool {
        matches!(
            self,
            TargetKind::AzureOpenAi | TargetKind::CognitiveServices | TargetKind::FoundryServices
        )
    }

    /// A short name for people.
    pub fn describe(self) -> &'static str {
        match self {
            TargetKind::AzureOpenAi => "an Azure OpenAI resource",
            TargetKind::CognitiveServices => "an Azure AI Services resource",
            TargetKind::FoundryServices => "an Azure AI Foundry resource",
            TargetKind::Apim => "an Azure API Management gateway",
            TargetKind::OpenAi => "the OpenAI API",
        }
    }
}

/// How many labels may stand before an allowed suffix.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Depth {
    /// Exactly the host named (no wildcard).
    Exact,
    /// Exactly one label: a resource name (`contoso.openai.azure.com`). Deeper names are
    /// never Azure AI resources, and `privatelink.…` is a DNS zone, not a resource.
    OneLabel,
    /// One or more labels: APIM also has regional gateway names such as
    /// `contoso-westus-01.regional.azure-api.net`.
    AnyLabels,
}

/// One entry of the page's `connect-src` allowlist.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct AllowedHost {
    /// The host (for [`Depth::Exact`]) or the suffix after `*.`, lower case.
    pub host: &'static str,
    /// Whether labels may stand before it, and how many.
    pub depth: Depth,
    /// What is behind it.
    pub kind: TargetKind,
    /// Where this entry comes from.
    pub source: &'static str,
}

impl AllowedHost {
    /// The CSP source expression for this entry: `https://*.openai.azure.com` or
    /// `https://api.openai.com`. The scheme fixes the port to 443.
    pub fn csp_source(&self) -> String {
        match self.depth {
            Depth::Exact => format!("https://{}", self.host),
            Depth::OneLabel | Depth::AnyLabels => format!("https://*.{}", self.host),
        }
    }

    /// True when `host` (lower case, no trailing dot) is allowed by this entry: equal to
    /// it, or below it at a label boundary with the permitted number of labels.
    fn admits(&self, host: &str) -> bool {
        match self.depth {
            Depth::Exact => host == self.host,
            Depth::OneLabel | Depth::AnyLabels => {
                let Some(front) = host
                    .strip_suffix(self.host)
                    .and_then(|f| f.strip_suffix('.'))
                else {
                    return false;
                };
                !front.is_empty() && (self.depth == Depth::AnyLabels || !front.contains('.'))
            }
        }
    }
}

/// Every host the page may contact besides itself: the page's CSP `connect-src` is
/// `'self'` plus exactly these ([`connect_src`]), and the probe refuses any other host
/// before a request exists.
///
/// Wildcards are not an exfiltration wall (anyone can create a resource or gateway under
/// these names, `security-notes.md` §3.5); the host lock ([`ProbeTarget::host_lock_csp`])
/// and "no third-party code" are the real controls. The Entra ID key endpoint
/// (`login.microsoftonline.com`, proposed in §3.4 for optional JWKS checks) is not here:
/// nothing fetches it yet.
pub const CONNECT_ALLOWLIST: &[AllowedHost] = &[
    AllowedHost {
        host: "openai.azure.com",
        depth: Depth::OneLabel,
        kind: TargetKind::AzureOpenAi,
        source: "security-notes.md §3.4; auth-failures.md §4.1",
    },
    AllowedHost {
        host: "cognitiveservices.azure.com",
        depth: Depth::OneLabel,
        kind: TargetKind::CognitiveServices,
        source: "security-notes.md §3.4; auth-failures.md §4.1",
    },
    AllowedHost {
        host: "services.ai.azure.com",
        depth: Depth::OneLabel,
        kind: TargetKind::FoundryServices,
        source: "security-notes.md §3.4; auth-failures.md §4.1",
    },
    AllowedHost {
        host: "azure-api.net",
        depth: Depth::AnyLabels,
        kind: TargetKind::Apim,
        source: "security-notes.md §3.4; auth-failures.md §1.B",
    },
    AllowedHost {
        host: "api.openai.com",
        depth: Depth::Exact,
        kind: TargetKind::OpenAi,
        source: "security-notes.md §3.4; auth-failures.md §1.C",
    },
];

/// The value of the page's CSP `connect-src` directive: `'self'` and the allowlist.
pub fn connect_src() -> String {
    let mut out = String::from("'self'");
    for h in CONNECT_ALLOWLIST {
        out.push(' ');
        out.push_str(&h.csp_source());
    }
    out
}

/// How the page must call `fetch` for a probe (`security-notes.md` §4, §5 item 6), in
/// one place so the page and its in-browser tests read the same values.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct RequestPolicy {
    /// `RequestInit.mode`.
    pub mode: &'static str,
    /// `RequestInit.credentials`: no cookies, no HTTP auth.
    pub credentials: &'static str,
    /// `RequestInit.referrerPolicy`: the page's address stays home.
    pub referrer_policy: &'static str,
    /// `RequestInit.cache`: nothing kept on disk.
    pub cache: &'static str,
    /// `RequestInit.redirect`: `manual`. A custom header such as `api-key` survives a
    /// cross-origin redirect (`security-notes.md` §4), so no redirect may be followed.
    /// Issue 5 names `error`, which follows none either but makes a redirect look like
    /// any other failed fetch. With `manual` the browser also follows nothing (checked in
    /// headless Chromium against `tests/e2e/azure_mock.py`: the redirect's target received
    /// no request) and, when the redirect carries CORS headers, hands the page an
    /// `opaqueredirect` response, so the page can say "redirect refused"
    /// ([`FetchResult::OpaqueRedirect`]). Without CORS headers it is a `TypeError` either way.
    pub redirect: &'static str,
    /// Time limit for one request, in milliseconds (`AbortSignal.timeout`).
    pub timeout_ms: u32,
}

/// The policy every probe request uses. One attempt, no retries, no `keepalive`.
pub const REQUEST_POLICY: RequestPolicy = RequestPolicy {
    mode: "cors",
    credentials: "omit",
    referrer_policy: "no-referrer",
    cache: "no-store",
    redirect: "manual",
    timeout_ms: 10_000,
};

// ---------------------------------------------------------------------------------
// Validating the target
// ---------------------------------------------------------------------------------

/// Why the probe will not contact an endpoint. Messages never quote the pasted text:
/// a key pasted into the endpoint field must not come back in an error.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ProbeRefusal {
    /// Nothing was entered.
    Empty,
    /// Not an absolute URL (no `https://` in front, or unparseable).
    NotAUrl,
    /// `http://`: the key would travel unencrypted.
    PlainHttp,
    /// Another scheme than `https`.
    NotHttps,
    /// A user name or password before the host (`user:pass@host`).
    Userinfo,
    /// A port other than 443.
    Port,
    /// An IPv4 or IPv6 address instead of a host name.
    IpLiteral,
    /// A host name with characters or labels DNS does not allow.
    BadHostName,
    /// The host ends with a dot (`name.openai.azure.com.`).
    TrailingDot,
    /// A private DNS zone (`privatelink.openai.azure.com`), not a resource.
    PrivateLinkZone,
    /// Below an Azure AI suffix, but with more than one label before it.
    NotAResourceName,
    /// Not a host the page may contact.
    NotAllowed,
    /// A gateway path whose segments we would have to send verbatim (percent-escapes,
    /// unusual characters).
    GatewayPath,
}

impl fmt::Display for ProbeRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            ProbeRefusal::Empty => "Enter the endpoint to probe first.",
            ProbeRefusal::NotAUrl => {
                "The endpoint is not a full URL; it must start with https:// followed by the host name."
            }
            ProbeRefusal::PlainHttp => {
                "The endpoint uses http://, which would send the key unencrypted; the probe only talks to https:// endpoints."
            }
            ProbeRefusal::NotHttps => "The endpoint does not start with https://; the probe only talks to https:// endpoints.",
            ProbeRefusal::Userinfo => {
                "The endpoint has a user name or password before the host (user@host); the probe refuses such addresses because they can hide the real host and carry secrets."
            }
            ProbeRefusal::Port => {
                "The endpoint names a port other than 443; the services the probe may contact answer only on the standard https port."
            }
            ProbeRefusal::IpLiteral => {
                "The endpoint is an IP address, not a host name; the probe only contacts the named Azure OpenAI, API Management and OpenAI hosts."
            }
            ProbeRefusal::BadHostName => {
                "The host name contains characters or parts that a DNS name cannot have (only letters, digits and inner hyphens, separated by dots)."
            }
            ProbeRefusal::TrailingDot => "The host name ends with a dot; remove it and try again.",
            ProbeRefusal::PrivateLinkZone => {
                "That is a private DNS zone, not a resource; use the resource's own name (https://<resource>.openai.azure.com), which resolves through the zone."
            }
            ProbeRefusal::NotAResourceName => {
                "Azure AI resources have a one-part name before the service suffix (https://<resource>.openai.azure.com); this host has more parts, so it is not one the probe may contact."
            }
            ProbeRefusal::NotAllowed => {
                "The page may only contact *.openai.azure.com, *.cognitiveservices.azure.com, *.services.ai.azure.com, *.azure-api.net and api.openai.com; for any other host, run the curl command instead and paste its output."
            }
            ProbeRefusal::GatewayPath => {
                "The gateway path contains escapes or characters the probe will not copy into a request; run the curl command instead and paste its output."
            }
        })
    }
}

impl std::error::Error for ProbeRefusal {}

/// The API surface a path points at, as far as the probe needs to know.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Surface {
    /// `/openai/deployments/{d}/…?api-version=…`: the classic, dated API.
    Classic,
    /// `/openai/v1/…`: the v1 API; api-version optional.
    V1,
}

/// A route the app uses that the probe cannot reproduce exactly; the plan says so.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum RouteNote {
    /// Foundry model inference (`/models/…`).
    FoundryModels,
    /// A Foundry project (`/api/projects/{p}/…`), which wants a token for `https://ai.azure.com`.
    FoundryProject,
}

impl RouteNote {
    /// What the difference means for the probe's answer.
    pub fn describe(self) -> &'static str {
        match self {
            RouteNote::FoundryModels => {
                "The app calls the Foundry model-inference route (/models); the probe checks the same credential on the resource's /openai route, which may judge it differently."
            }
            RouteNote::FoundryProject => {
                "The app calls a Foundry project route, which wants a token for https://ai.azure.com; the probe checks the resource's /openai route, which wants one for https://cognitiveservices.azure.com, so their answers can differ."
            }
        }
    }
}

/// What the pasted path says, read through strict filters. Only values that pass the
/// filters are kept; the pasted path itself is never reused.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct PathHints {
    /// The app's URL is on the v1 API (`…/openai/v1/…`, or `…/v1/…` behind a gateway).
    pub v1: bool,
    /// Deployment named in the path, when it passes [`is_plain_name`].
    pub deployment: Option<String>,
    /// `api-version` from the query, when it passes [`is_api_version`].
    pub api_version: Option<String>,
    /// A route the probe cannot reproduce exactly.
    pub route_note: Option<RouteNote>,
}

/// An endpoint the probe may contact, rebuilt from validated parts.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeTarget {
    host: String,
    kind: TargetKind,
    api_root: Vec<String>,
    hints: PathHints,
}

impl ProbeTarget {
    /// The validated host, lower case.
    pub fn host(&self) -> &str {
        &self.host
    }

    /// What is behind the host.
    pub fn kind(&self) -> TargetKind {
        self.kind
    }

    /// `https://{host}`: the origin every probe request goes to.
    pub fn origin(&self) -> String {
        format!("https://{}", self.host)
    }

    /// The path below which the service's `/openai` API lives: `/openai` on a resource,
    /// `/{suffix}/openai` (or the suffix alone, when it stands in for `/openai`) on a
    /// gateway, `/v1` on OpenAI.
    pub fn api_root(&self) -> String {
        let mut s = String::new();
        for seg in &self.api_root {
            s.push('/');
            s.push_str(seg);
        }
        s
    }

    /// What the pasted path said.
    pub fn hints(&self) -> &PathHints {
        &self.hints
    }

    /// The CSP the page inserts as a second `<meta>` right before the first probe
    /// request, so that from then on the page can reach this one origin and nothing
    /// else, not even itself (`security-notes.md` §3.5 "host lock"). Probing another
    /// host afterwards needs a reload.
    pub fn host_lock_csp(&self) -> String {
        format!("connect-src {}", self.origin())
    }
}

/// True for an api-version we will put into a query: `YYYY-MM-DD`, `YYYY-MM-DD-preview`,
/// `preview`, `latest` or `v1` (`auth-failures.md` §6.2). Anything else — a model
/// version, a YAML timestamp, a key pasted into the wrong field — stays out of URLs.
pub fn is_api_version(s: &str) -> bool {
    if matches!(s, "preview" | "latest" | "v1") {
        return true;
    }
    let date = s.strip_suffix("-preview").unwrap_or(s);
    let b = date.as_bytes();
    b.len() == 10
        && b.iter().enumerate().all(|(i, c)| match i {
            4 | 7 => *c == b'-',
            _ => c.is_ascii_digit(),
        })
}

/// True for a deployment or model name we will put into a path or a JSON body:
/// 1–128 characters of letters, digits, `.`, `_`, `-` and `:` (OpenAI fine-tuned model
/// ids contain colons), and not `.` or `..` (`auth-failures.md` §6.1 recommends
/// `[A-Za-z0-9._-]{1,64}` for Azure deployments).
pub fn is_plain_name(s: &str) -> bool {
    (1..=128).contains(&s.len())
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b':'))
}

/// True for an OpenAI organization or project id we will send as a header value.
fn is_openai_id(s: &str) -> bool {
    (1..=64).contains(&s.len())
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'_' | b'-'))
}

/// True for one DNS label: letters, digits and inner hyphens, 1–63 characters.
fn is_dns_label(label: &str) -> bool {
    let b = label.as_bytes();
    (1..=63).contains(&b.len())
        && b.iter().all(|c| c.is_ascii_alphanumeric() || *c == b'-')
        && b.first() != Some(&b'-')
        && b.last() != Some(&b'-')
}

/// True for a gateway path segment we may send: RFC 3986 unreserved characters only.
fn is_plain_segment(s: &str) -> bool {
    !s.is_empty()
        && s != "."
        && s != ".."
        && s.bytes()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, b'.' | b'_' | b'-' | b'~'))
}

/// Checks a pasted endpoint and rebuilds it as a target the probe may contact.
///
/// Accepted: `https://` URLs without user name or password, without a port other than
/// 443, whose host is a DNS name (not an IP literal) allowed by [`CONNECT_ALLOWLIST`]
/// at a label boundary. An explicit `:443` is accepted because it names the same origin
/// the CSP allows; the URL parser drops it and our URLs never carry a port. A label in
/// Punycode (`xn--…`) is refused: our parser does not check it as browsers do, and no
/// resource or gateway name the probe may contact is internationalised.
///
/// The path and query are read only for hints (v1 or classic, deployment, api-version)
/// and, on a gateway, its API suffix, each through a strict filter.
///
/// # Errors
/// A [`ProbeRefusal`] naming the first rule the endpoint breaks.
pub fn validate_target(endpoint_text: &str) -> Result<ProbeTarget, ProbeRefusal> {
    let text = endpoint_text.trim();
    if text.is_empty() {
        return Err(ProbeRefusal::Empty);
    }
    // The URL parser drops tabs and line breaks anywhere; so do we, before reading.
    let text: String = text
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect();
    // The scheme is read by hand, so that nothing but https reaches the host parser.
    let Some((scheme, rest)) = text.split_once(':') else {
        return Err(ProbeRefusal::NotAUrl);
    };
    match scheme.to_ascii_lowercase().as_str() {
        "https" => {}
        "http" => return Err(ProbeRefusal::PlainHttp),
        s if s.starts_with(|c: char| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')) =>
        {
            return Err(ProbeRefusal::NotHttps)
        }
        _ => return Err(ProbeRefusal::NotAUrl),
    }
    // Allowed hosts are plain ASCII, written as they are sent: no escapes to decode.
    let authority = rest.trim_start_matches(['/', '\\']);
    let authority = authority
        .split(['/', '\\', '?', '#'])
        .next()
        .unwrap_or_default();
    if authority.contains('@') {
        return Err(ProbeRefusal::Userinfo);
    }
    if !authority.is_ascii() || authority.contains('%') {
        return Err(ProbeRefusal::BadHostName);
    }
    let url = WebUrl::parse(&text).map_err(|_| ProbeRefusal::NotAUrl)?;
    if url.scheme() != "https" {
        return Err(ProbeRefusal::NotHttps);
    }
    if url.has_credentials() {
        return Err(ProbeRefusal::Userinfo);
    }
    // `port()` is None both without a port and with the scheme's default (443).
    if url.port().is_some() {
        return Err(ProbeRefusal::Port);
    }
    let host = match url.host() {
        Some(Host::Domain(d)) => d.to_ascii_lowercase(),
        Some(Host::Ipv4(_)) | Some(Host::Ipv6(_)) => return Err(ProbeRefusal::IpLiteral),
        None => return Err(ProbeRefusal::NotAUrl),
    };
    if host.ends_with('.') {
        return Err(ProbeRefusal::TrailingDot);
    }
    if host.len() > 253
        || !host.split('.').all(is_dns_label)
        || host.split('.').any(|l| l.starts_with("xn--"))
    {
        return Err(ProbeRefusal::BadHostName);
    }
    let allowed = CONNECT_ALLOWLIST
        .iter()
        .find(|a| a.admits(&host))
        .ok_or_else(|| {
            // Say why when the host sits below an Azure AI suffix but is not a resource.
            let below_resource_suffix = CONNECT_ALLOWLIST.iter().any(|a| {
                a.depth == Depth::OneLabel
                    && host
                        .strip_suffix(a.host)
                        .is_some_and(|f| f.ends_with('.') && f.len() > 1)
            });
            if below_resource_suffix {
                ProbeRefusal::NotAResourceName
            } else {
                ProbeRefusal::NotAllowed
            }
        })?;
    if allowed.depth == Depth::OneLabel && host.starts_with("privatelink.") {
        return Err(ProbeRefusal::PrivateLinkZone);
    }

    let segments: Vec<&str> = url.path().split('/').filter(|s| !s.is_empty()).collect();
    let api_version = url
        .query_pairs()
        .find(|(k, _)| k == "api-version")
        .map(|(_, v)| v)
        .filter(|v| is_api_version(v));

    let (api_root, mut hints) = match allowed.kind {
        TargetKind::OpenAi => (vec!["v1".to_string()], PathHints::default()),
        TargetKind::Apim => gateway_root(&segments)?,
        _ => (vec!["openai".to_string()], resource_hints(&segments)),
    };
    hints.api_version = api_version;
    Ok(ProbeTarget {
        host,
        kind: allowed.kind,
        api_root,
        hints,
    })
}

/// Hints from the path of an Azure AI resource URL. The API root is always `/openai`.
fn resource_hints(segs: &[&str]) -> PathHints {
    let mut h = PathHints::default();
    match segs {
        ["openai", "v1", ..] => h.v1 = true,
        ["openai", "deployments", d, ..] => {
            h.deployment = Some(d.to_string()).filter(|d| is_plain_name(d));
        }
        ["models", ..] => h.route_note = Some(RouteNote::FoundryModels),
        ["api", "projects", ..] => h.route_note = Some(RouteNote::FoundryProject),
        _ => {}
    }
    h
}

/// A gateway's API root and hints. The API suffix is whatever precedes `openai`; when
/// the path has no `openai` but `deployments` or `v1`, the suffix itself stands in for
/// `/openai` (the gateway maps it); when it has neither, it is a base URL to which SDKs
/// append `/openai`.
fn gateway_root(segs: &[&str]) -> Result<(Vec<String>, PathHints), ProbeRefusal> {
    let mut h = PathHints::default();
    let openai = segs.iter().position(|s| *s == "openai");
    let (root, rest): (Vec<&str>, &[&str]) = if let Some(i) = openai {
        (segs[..=i].to_vec(), &segs[i + 1..])
    } else if let Some(i) = segs.iter().position(|s| *s == "deployments" || *s == "v1") {
        (segs[..i].to_vec(), &segs[i..])
    } else {
        let mut r = segs.to_vec();
        r.push("openai");
        (r, &[])
    };
    if !root.iter().all(|s| is_plain_segment(s)) {
        return Err(ProbeRefusal::GatewayPath);
    }
    match rest {
        ["v1", ..] => h.v1 = true,
        ["deployments", d, ..] => {
            h.deployment = Some(d.to_string()).filter(|d| is_plain_name(d));
        }
        _ => {}
    }
    Ok((root.into_iter().map(str::to_string).collect(), h))
}

// ---------------------------------------------------------------------------------
// Planning the ladder
// ---------------------------------------------------------------------------------

/// What the credential is, as far as choosing a header and a placeholder needs.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CredentialKind {
    /// A key: Azure resource key, APIM subscription key, OpenAI key, or unknown text.
    Key,
    /// An Entra ID access token (a JWT).
    Token,
}

/// What the plan needs to know about how the app calls the service.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PlanInputs {
    /// The header the app sends the credential in (`Auto` when not known).
    pub auth_header: AuthHeader,
    /// What the credential is.
    pub credential: CredentialKind,
    /// The api-version the app uses, if known. Used only when [`is_api_version`].
    pub api_version: Option<String>,
    /// The deployment (Azure) or model (OpenAI), if known. Used only when [`is_plain_name`].
    pub deployment: Option<String>,
    /// The API surface the app uses; `None` means "as the endpoint's path says".
    pub surface: Option<Surface>,
    /// `OpenAI-Organization` the app sends (OpenAI only).
    pub organization: Option<String>,
    /// `OpenAI-Project` the app sends (OpenAI only).
    pub project: Option<String>,
}

impl Default for PlanInputs {
    fn default() -> Self {
        PlanInputs {
            auth_header: AuthHeader::Auto,
            credential: CredentialKind::Key,
            api_version: None,
            deployment: None,
            surface: None,
            organization: None,
            project: None,
        }
    }
}

/// The surface a parsed endpoint's path shape implies, if it implies one.
pub fn surface_of(p: &ParsedEndpoint) -> Option<Surface> {
    match p.path_shape {
        PathShape::V1 => Some(Surface::V1),
        PathShape::Deployments => Some(Surface::Classic),
        _ => None,
    }
}

fn non_blank(s: &Option<String>) -> Option<String> {
    s.as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .map(str::to_string)
}

impl PlanInputs {
    /// Reads what the plan needs from the facts of a case: the header, whether the
    /// credential is a token, the api-version and deployment the app uses, the surface
    /// its endpoint's path implies, and OpenAI organization and project.
    pub fn from_facts(facts: &Facts) -> PlanInputs {
        let credential_is_token = match &facts.credential {
            Some(c) => {
                matches!(c.shape, Shape::Jwt | Shape::Jwe) || looks_like_jwt(c.cleaned.expose())
            }
            None => facts.token.is_some(),
        };
        PlanInputs {
            auth_header: facts.auth_header,
            credential: if credential_is_token {
                CredentialKind::Token
            } else {
                CredentialKind::Key
            },
            api_version: facts.api_version.value.clone(),
            deployment: non_blank(&facts.case.deployment).or_else(|| {
                facts
                    .parsed_endpoint()
                    .and_then(|p| p.deployment_in_url.clone())
            }),
            surface: facts.parsed_endpoint().and_then(surface_of),
            organization: non_blank(&facts.case.organization),
            project: non_blank(&facts.case.project),
        }
    }
}

/// The plan inputs for a case, read from the fields that say how the app calls the
/// service. The pasted output and the response are left out: they can be large, and
/// the plan does not depend on them.
pub fn plan_inputs_for(case: &Case) -> PlanInputs {
    let slim = Case {
        endpoint: case.endpoint.clone(),
        deployment: case.deployment.clone(),
        api_version: case.api_version.clone(),
        credential: case.credential.clone(),
        auth_header: case.auth_header.clone(),
        token: case.token.clone(),
        organization: case.organization.clone(),
        project: case.project.clone(),
        ..Case::default()
    };
    PlanInputs::from_facts(&Facts::gather(&slim, 0))
}

/// Which rung of the ladder a step is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rung {
    /// 1: without the credential. Does the host answer, and who answers?
    Reachability,
    /// 2: with the credential, on a request that spends no tokens.
    Credential,
    /// 3: the deployment itself; optional, spends a few tokens.
    Deployment,
}

/// What a step costs the user.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Cost {
    /// Nothing: no credential, no tokens.
    Free,
    /// Sends the credential; lists models, spends no tokens.
    NoTokens,
    /// Sends the credential and a one-word prompt capped at one output token.
    FewTokens,
}

impl Cost {
    /// The cost, said plainly for the step's label.
    pub fn describe(self) -> &'static str {
        match self {
            Cost::Free => "Free: sends no credential and spends no tokens.",
            Cost::NoTokens => "Sends your credential; lists models, which spends no tokens.",
            Cost::FewTokens => {
                "Sends your credential and a one-word prompt capped at 1 output token: a few tokens, billed like any other call."
            }
        }
    }
}

/// HTTP method of a step.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    /// `GET`.
    Get,
    /// `POST`.
    Post,
}

impl Method {
    /// The method token.
    pub fn as_str(self) -> &'static str {
        match self {
            Method::Get => "GET",
            Method::Post => "POST",
        }
    }
}

/// A header value: literal text, or the credential, filled in only at send time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HeaderValue {
    /// Sent as written (not secret).
    Text(String),
    /// The credential, after `prefix` (`"Bearer "` or nothing).
    Credential {
        /// Text before the credential.
        prefix: &'static str,
    },
}

impl HeaderValue {
    /// The value to send, with the secret filled in. Only the page's send path calls this.
    pub fn render(&self, secret: &str) -> String {
        match self {
            HeaderValue::Text(t) => t.clone(),
            HeaderValue::Credential { prefix } => format!("{prefix}{secret}"),
        }
    }

    /// The value for the request log: the secret masked.
    pub fn masked(&self, secret: &str) -> String {
        match self {
            HeaderValue::Text(t) => t.clone(),
            HeaderValue::Credential { prefix } => format!("{prefix}{}", mask(secret)),
        }
    }

    /// The value for a preview or a command: the secret as `placeholder`.
    pub fn with_placeholder(&self, placeholder: &str) -> String {
        match self {
            HeaderValue::Text(t) => t.clone(),
            HeaderValue::Credential { prefix } => format!("{prefix}{placeholder}"),
        }
    }
}

/// One header of a step.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeHeader {
    /// Header name, as the app's SDK writes it.
    pub name: &'static str,
    /// Its value.
    pub value: HeaderValue,
}

/// One request of the ladder, fully decided before it is shown or sent.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ProbeStep {
    /// Which rung.
    pub rung: Rung,
    /// What the step checks, for people.
    pub label: String,
    /// HTTP method.
    pub method: Method,
    /// The URL, built from the validated host.
    pub url: String,
    /// Headers, in send order. The credential appears only as a placeholder.
    pub headers: Vec<ProbeHeader>,
    /// JSON body, for the deployment step.
    pub body: Option<String>,
    /// True when a header carries the credential.
    pub carries_secret: bool,
    /// What it costs.
    pub cost: Cost,
    /// The environment variable that stands for the credential in [`ProbeStep::curl`].
    pub env_var: Option<&'static str>,
    /// The equivalent `curl -i` command, the credential as `$ENV_VAR`.
    pub curl: String,
    /// Where the probe differs from the app's own call, said plainly.
    pub note: Option<String>,
}

impl ProbeStep {
    /// Headers as the page shows them before sending: the credential as `‹your key›`
    /// or `‹your token›`.
    pub fn preview_headers(&self, credential: CredentialKind) -> Vec<(&'static str, String)> {
        let shown = match credential {
            CredentialKind::Key => "‹your key›",
            CredentialKind::Token => "‹your token›",
        };
        self.headers
            .iter()
            .map(|h| (h.name, h.value.with_placeholder(shown)))
            .collect()
    }

    /// The request as it goes into the page's request log, secret masked.
    pub fn logged(&self, secret: &str) -> LoggedRequest {
        LoggedRequest {
            method: self.method.as_str(),
            url: self.url.clone(),
            headers: self
                .headers
                .iter()
                .map(|h| (h.name.to_string(), h.value.masked(secret)))
                .collect(),
        }
    }

    /// True when this step's result may become the case's `response`. The request
    /// without credentials never does: its 401 "missing key" says nothing about the
    /// app's credential and would diagnose the wrong thing.
    pub fn feeds_case(&self) -> bool {
        self.carries_secret
    }
}

/// How the credential travels: header, value prefix, placeholder variable.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct SendAs {
    header: &'static str,
    prefix: &'static str,
    env_var: &'static str,
}

/// The header the app uses, as the SDKs do when none is named: OpenAI and Entra ID
/// tokens go in `Authorization: Bearer`; keys for Azure (resource or gateway) in
/// `api-key`, which is what `AzureOpenAI(api_key=…)` sends (`auth-failures.md` §5.3).
/// A named header is used as named, even when it is the wrong one, so that the probe
/// fails the way the app fails. A header no service here reads (`x-api-key`,
/// [`AuthHeader::Other`]) is the exception: the page sends the credential only in the
/// three headers it knows, so the probe uses the one the SDKs would, and then shows
/// whether the credential works once the header is fixed (the verdict names the
/// wrong header).
fn send_as(kind: TargetKind, inputs: &PlanInputs) -> SendAs {
    let token = inputs.credential == CredentialKind::Token;
    let env_var = match (kind, token) {
        (_, true) => "AZURE_OPENAI_AD_TOKEN",
        (TargetKind::OpenAi, false) => "OPENAI_API_KEY",
        (TargetKind::Apim, false) => "APIM_SUBSCRIPTION_KEY",
        _ => "AZURE_OPENAI_API_KEY",
    };
    // A header no service reads (or none chosen) is probed with the one the SDKs use.
    let sent = match inputs.auth_header {
        AuthHeader::Auto | AuthHeader::Other if token || kind == TargetKind::OpenAi => {
            AuthHeader::Authorization
        }
        AuthHeader::Auto | AuthHeader::Other => AuthHeader::ApiKey,
        h => h,
    };
    let (header, prefix) = sent.row().map_or(("api-key", ""), |r| (r.name, r.prefix));
    SendAs {
        header,
        prefix,
        env_var,
    }
}

/// Builds `https://{host}/{segments…}?{query}`, segments and query escaped, and parses
/// the result back to check the host came out unchanged and nothing else crept in.
fn build_url(target: &ProbeTarget, segments: &[String], query: &[(&str, &str)]) -> Option<String> {
    let mut text = target.origin();
    // `.` and `..` would be resolved away, as the URL parser did; none is ever planned.
    let segments: Vec<&String> = segments
        .iter()
        .filter(|s| !matches!(s.as_str(), "." | ".."))
        .collect();
    for segment in &segments {
        text.push('/');
        text.push_str(&weburl::encode_path_segment(segment));
    }
    if segments.is_empty() {
        text.push('/');
    }
    for (i, (k, v)) in query.iter().enumerate() {
        text.push(if i == 0 { '?' } else { '&' });
        text.push_str(&weburl::encode_form_component(k));
        text.push('=');
        text.push_str(&weburl::encode_form_component(v));
    }
    let url = WebUrl::parse(&text).ok()?;
    let same_host = url.host() == Some(&Host::Domain(target.host.clone()));
    (same_host && url.port().is_none() && !url.has_credentials() && url.fragment().is_none())
        .then_some(text)
}

/// The `curl -i` command for a step. Every part is built from filtered values, so
/// nothing in it needs shell escaping beyond the quotes used.
fn curl_command(
    method: Method,
    url: &str,
    headers: &[ProbeHeader],
    env_var: Option<&str>,
    body: Option<&str>,
) -> String {
    let placeholder = env_var.map(|v| format!("${v}")).unwrap_or_default();
    let mut cmd = String::from("curl -i");
    if method == Method::Post {
        cmd.push_str(" -X POST");
    }
    cmd.push_str(&format!(" \"{url}\""));
    for h in headers {
        cmd.push_str(&format!(
            " \\\n  -H \"{}: {}\"",
            h.name,
            h.value.with_placeholder(&placeholder)
        ));
    }
    if let Some(b) = body {
        cmd.push_str(&format!(" \\\n  -d '{b}'"));
    }
    cmd
}

/// The request body of the deployment step: one short message, one output token.
/// `model` is set on the v1 API and on OpenAI, where the body routes the request.
fn deployment_body(model: Option<&str>) -> String {
    // Written by hand to keep the order people expect; the model goes through the JSON
    // encoder, so any text stays a string.
    let model = model
        .map(|m| format!("\"model\":{},", serde_json::Value::from(m)))
        .unwrap_or_default();
    format!("{{{model}\"messages\":[{{\"role\":\"user\",\"content\":\"ping\"}}],\"max_tokens\":1}}")
}

/// Plans the probe ladder for a target.
///
/// 1. Without the credential: the request of step 2, minus the credential. Shows
///    whether the host answers, and whose error body it sends.
/// 2. With the credential, a request that spends no tokens, on the app's surface:
///    `GET {root}/models?api-version=…` (classic), `GET {root}/v1/models` (v1),
///    `GET https://api.openai.com/v1/models` (OpenAI), with the app's header.
/// 3. When a deployment (or model) is known: the deployment itself, a chat completion
///    capped at one token. Optional, and labelled with its cost.
///
/// An api-version that is not well formed is not copied into a URL; the probe then
/// uses the current GA version and says so. Steps whose URL cannot be built are left
/// out rather than built differently.
pub fn plan(target: &ProbeTarget, inputs: &PlanInputs) -> Vec<ProbeStep> {
    let send = send_as(target.kind, inputs);
    let openai = target.kind == TargetKind::OpenAi;
    let surface = if openai {
        Surface::V1
    } else {
        inputs.surface.unwrap_or(if target.hints.v1 {
            Surface::V1
        } else {
            Surface::Classic
        })
    };
    let mut notes: Vec<String> = Vec::new();
    if let Some(r) = target.hints.route_note {
        notes.push(r.describe().to_string());
    }

    // The api-version: the app's, when it is one; else the one in the pasted URL.
    let app_version = non_blank(&inputs.api_version);
    let version: Option<String> = match (&app_version, surface, openai) {
        (_, _, true) => None,
        (Some(v), _, false) if is_api_version(v) => Some(v.clone()),
        (Some(_), Surface::Classic, false) => {
            notes.push(format!(
                "The app's api-version is not a well-formed version, so the probe uses {RECOMMENDED_API_VERSION}; the app's own value is likely part of the problem."
            ));
            Some(RECOMMENDED_API_VERSION.to_string())
        }
        (Some(_), Surface::V1, false) => None,
        (None, Surface::Classic, false) => Some(
            target
                .hints
                .api_version
                .clone()
                .unwrap_or_else(|| RECOMMENDED_API_VERSION.to_string()),
        ),
        (None, Surface::V1, false) => target.hints.api_version.clone(),
    };
    let query: Vec<(&str, &str)> = version
        .as_deref()
        .map(|v| vec![("api-version", v)])
        .unwrap_or_default();

    let with = |tail: &[&str]| -> Vec<String> {
        let mut v = target.api_root.clone();
        v.extend(tail.iter().map(|s| s.to_string()));
        v
    };
    let models_path = match (openai, surface) {
        (true, _) | (false, Surface::Classic) => with(&["models"]),
        (false, Surface::V1) => with(&["v1", "models"]),
    };

    let credential_header = ProbeHeader {
        name: send.header,
        value: HeaderValue::Credential {
            prefix: send.prefix,
        },
    };
    let mut app_headers = vec![credential_header];
    if openai {
        if let Some(o) = non_blank(&inputs.organization).filter(|o| is_openai_id(o)) {
            app_headers.push(ProbeHeader {
                name: "OpenAI-Organization",
                value: HeaderValue::Text(o),
            });
        }
        if let Some(p) = non_blank(&inputs.project).filter(|p| is_openai_id(p)) {
            app_headers.push(ProbeHeader {
                name: "OpenAI-Project",
                value: HeaderValue::Text(p),
            });
        }
    }
    let note = (!notes.is_empty()).then(|| notes.join(" "));
    let who = target.kind.describe();
    let mut steps = Vec::new();

    let Some(models_url) = build_url(target, &models_path, &query) else {
        return steps;
    };
    steps.push(ProbeStep {
        rung: Rung::Reachability,
        label: format!(
            "Without your credential: does {} answer at all, and does its answer look like {who}?",
            target.host
        ),
        method: Method::Get,
        curl: curl_command(Method::Get, &models_url, &[], None, None),
        url: models_url.clone(),
        headers: Vec::new(),
        body: None,
        carries_secret: false,
        cost: Cost::Free,
        env_var: None,
        note: None,
    });
    steps.push(ProbeStep {
        rung: Rung::Credential,
        label: format!(
            "With your credential, sent as the app sends it ({}): is it accepted? Lists models and spends no tokens.",
            send.header
        ),
        method: Method::Get,
        curl: curl_command(
            Method::Get,
            &models_url,
            &app_headers,
            Some(send.env_var),
            None,
        ),
        url: models_url,
        headers: app_headers.clone(),
        body: None,
        carries_secret: true,
        cost: Cost::NoTokens,
        env_var: Some(send.env_var),
        note: note.clone(),
    });

    let Some(deployment) = non_blank(&inputs.deployment)
        .or_else(|| target.hints.deployment.clone())
        .filter(|d| is_plain_name(d))
    else {
        return steps;
    };
    let (path, model) = match (openai, surface) {
        (true, _) => (with(&["chat", "completions"]), Some(deployment.as_str())),
        (false, Surface::V1) => (
            with(&["v1", "chat", "completions"]),
            Some(deployment.as_str()),
        ),
        (false, Surface::Classic) => (
            with(&["deployments", deployment.as_str(), "chat", "completions"]),
            None,
        ),
    };
    let Some(url) = build_url(target, &path, &query) else {
        return steps;
    };
    let body = deployment_body(model);
    let mut headers = app_headers;
    headers.push(ProbeHeader {
        name: "Content-Type",
        value: HeaderValue::Text("application/json".into()),
    });
    steps.push(ProbeStep {
        rung: Rung::Deployment,
        label: format!(
            "Optional, costs a few tokens: call the {} `{deployment}` itself with a one-token chat completion. A 400 about the request's parameters still means the credential and the name were accepted.",
            if openai { "model" } else { "deployment" }
        ),
        method: Method::Post,
        curl: curl_command(
            Method::Post,
            &url,
            &headers,
            Some(send.env_var),
            Some(&body),
        ),
        url,
        headers,
        body: Some(body),
        carries_secret: true,
        cost: Cost::FewTokens,
        env_var: Some(send.env_var),
        note,
    });
    steps
}

/// Why a credential cannot go into a header as it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SecretRefusal {
    /// Nothing (or only spaces) to send.
    Empty,
    /// A line break or control character inside: no HTTP client sends that.
    ControlCharacter,
    /// A character outside printable ASCII (a typographic quote, a zero-width space…).
    NonAscii,
}

impl fmt::Display for SecretRefusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            SecretRefusal::Empty => "Enter the key or token to probe with first.",
            SecretRefusal::ControlCharacter => {
                "The credential contains a line break or control character inside it, which no HTTP client can send in a header; the credential field's findings say where."
            }
            SecretRefusal::NonAscii => {
                "The credential contains characters that cannot travel in an HTTP header (typographic quotes, invisible or non-ASCII characters); the credential field's findings say which."
            }
        })
    }
}

impl std::error::Error for SecretRefusal {}

/// The credential as `fetch` would send it: leading and trailing spaces, tabs and line
/// breaks dropped (browsers normalise header values this way), the rest unchanged.
///
/// # Errors
/// A [`SecretRefusal`] when nothing is left, or when what is left could not be a header
/// value (a control character, or anything outside printable ASCII), which the page
/// would otherwise meet as an exception from `fetch`.
pub fn sendable_secret(raw: &str) -> Result<&str, SecretRefusal> {
    let s = raw.trim_matches([' ', '\t', '\r', '\n']);
    if s.is_empty() {
        return Err(SecretRefusal::Empty);
    }
    for c in s.chars() {
        if c == ' ' || c == '\t' || c.is_ascii_graphic() {
            continue;
        }
        return Err(if c.is_ascii_control() {
            SecretRefusal::ControlCharacter
        } else {
            SecretRefusal::NonAscii
        });
    }
    Ok(s)
}

// ---------------------------------------------------------------------------------
// The request log
// ---------------------------------------------------------------------------------

/// One line of the page's request log: what left the page, secrets masked.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LoggedRequest {
    /// HTTP method.
    pub method: &'static str,
    /// Full URL (our URLs never carry a secret).
    pub url: String,
    /// Headers as sent, credential values masked.
    pub headers: Vec<(String, String)>,
}

impl fmt::Display for LoggedRequest {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", self.method, self.url)?;
        for (n, v) in &self.headers {
            write!(f, "\n{n}: {v}")?;
        }
        Ok(())
    }
}

/// Header names whose values are secrets wherever they appear.
const SECRET_HEADERS: &[&str] = &[
    "api-key",
    "authorization",
    "ocp-apim-subscription-key",
    "proxy-authorization",
    "x-api-key",
    "cookie",
];

/// Masks one header for display, whatever its origin: the value of a secret-bearing
/// header goes through [`mask`], keeping an auth scheme word (`Bearer`) visible.
pub fn mask_header(name: &str, value: &str) -> String {
    if !SECRET_HEADERS.iter().any(|s| s.eq_ignore_ascii_case(name)) {
        return value.to_string();
    }
    match value.split_once(' ') {
        Some((scheme, rest))
            if scheme.eq_ignore_ascii_case("bearer") || scheme.eq_ignore_ascii_case("basic") =>
        {
            format!("{scheme} {}", mask(rest))
        }
        _ => mask(value),
    }
}

// ---------------------------------------------------------------------------------
// What came back
// ---------------------------------------------------------------------------------

/// What `fetch` produced, as the page reports it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum FetchResult {
    /// The promise resolved with a response whose `type` is `basic` or `cors`. (An
    /// `opaqueredirect` response is [`FetchResult::OpaqueRedirect`]; its status reads 0.)
    Response {
        /// `response.status`.
        status: u16,
        /// The headers the page could read (CORS hides all but the safelisted ones
        /// unless the server exposes them).
        headers: Vec<(String, String)>,
        /// `response.text()`, or `None` when reading it failed.
        body: Option<String>,
    },
    /// `response.type == "opaqueredirect"`: the server redirected and, with
    /// `redirect: 'manual'`, the browser did not follow.
    OpaqueRedirect,
    /// The promise rejected with a `TypeError` ("Failed to fetch").
    TypeError,
    /// Our time limit aborted it (`TimeoutError`).
    Timeout,
}

/// What a probe step observed, classified.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// A status with a body the page could read.
    Answered {
        /// HTTP status.
        status: u16,
        /// Readable headers, names lower case.
        headers: BTreeMap<String, String>,
        /// The body.
        body: String,
    },
    /// A status, but no body the page could read.
    StatusOnly {
        /// HTTP status.
        status: u16,
        /// Readable headers, names lower case.
        headers: BTreeMap<String, String>,
    },
    /// The browser gave no answer: CORS, network, DNS, TLS, CSP, or a refused redirect.
    Blocked,
    /// No answer within the time limit.
    Timeout,
    /// The server answered with a redirect and the probe did not follow it.
    RedirectRefused,
}

fn is_redirect(status: u16) -> bool {
    matches!(status, 301 | 302 | 303 | 307 | 308)
}

impl Outcome {
    /// Classifies what `fetch` produced. Status 0 (an opaque response) counts as
    /// blocked; a redirect status counts as a refused redirect.
    pub fn classify(result: FetchResult) -> Outcome {
        match result {
            FetchResult::Response { status: 0, .. } => Outcome::Blocked,
            FetchResult::Response { status, .. } if is_redirect(status) => Outcome::RedirectRefused,
            FetchResult::Response {
                status,
                headers,
                body,
            } => {
                let headers: BTreeMap<String, String> = headers
                    .into_iter()
                    .map(|(k, v)| (k.to_ascii_lowercase(), v))
                    .collect();
                match body {
                    Some(b) if !b.trim().is_empty() => Outcome::Answered {
                        status,
                        headers,
                        body: b,
                    },
                    _ => Outcome::StatusOnly { status, headers },
                }
            }
            FetchResult::OpaqueRedirect => Outcome::RedirectRefused,
            FetchResult::TypeError => Outcome::Blocked,
            FetchResult::Timeout => Outcome::Timeout,
        }
    }

    /// The HTTP status, when there was one.
    pub fn status(&self) -> Option<u16> {
        match self {
            Outcome::Answered { status, .. } | Outcome::StatusOnly { status, .. } => Some(*status),
            _ => None,
        }
    }

    /// True when the browser gave no status: nothing here may be read as an auth verdict.
    pub fn is_browser_failure(&self) -> bool {
        self.status().is_none()
    }

    /// A one-line headline.
    pub fn headline(&self) -> String {
        match self {
            Outcome::Answered { status, .. } => format!("The server answered {status}."),
            Outcome::StatusOnly { status, .. } => {
                format!("The server answered {status}, but the page could not read the answer.")
            }
            Outcome::Blocked => "The browser blocked the request or its answer.".into(),
            Outcome::Timeout => "No answer in time.".into(),
            Outcome::RedirectRefused => "Redirect refused.".into(),
        }
    }

    /// What the outcome means, in plain words, for a step that did or did not carry the
    /// credential.
    pub fn explain(&self, carried_secret: bool) -> String {
        let sent = if carried_secret {
            "The request may have reached the server, so your key or token may have been sent, but the browser hid the answer."
        } else {
            "The request may have reached the server (it carried no credential), but the browser hid the answer."
        };
        let no_verdict = "This says nothing about your credential. Run the curl command below and paste its output to complete the diagnosis.";
        match self {
            Outcome::Answered { status, .. } if carried_secret => format!(
                "The server answered {status} and the page could read the answer; the diagnosis now uses it."
            ),
            Outcome::Answered { status, .. } => format!(
                "The host answered {status} to a request without credentials; the answer shows who is behind the host. It is not used as the app's response."
            ),
            Outcome::StatusOnly { status, .. } => format!(
                "The server answered {status}, but the browser did not let the page read the body (the server does not allow this page to read it, or it was empty). The status alone is used; run the curl command below for the full answer."
            ),
            Outcome::Blocked => format!(
                "The browser blocked the request or its answer: CORS, network, DNS, TLS, a redirect or the page's own security policy. {sent} {no_verdict}"
            ),
            Outcome::Timeout => format!(
                "No answer within {} seconds, so the page stopped waiting. {sent} {no_verdict}",
                REQUEST_POLICY.timeout_ms / 1000
            ),
            Outcome::RedirectRefused => format!(
                "The server answered with a redirect to another address. The probe never follows redirects, because the key header would travel to the new host too; nothing was sent there. The app may be using an old or wrong endpoint. {no_verdict}"
            ),
        }
    }

    /// The outcome as a case's `response`. Browser failures become a
    /// [`BrowserFailure`] with no status, which the rules never read as an auth verdict.
    pub fn to_observed(&self) -> ObservedResponse {
        match self {
            Outcome::Answered {
                status,
                headers,
                body,
            } => ObservedResponse {
                status: Some(*status),
                headers: headers.clone(),
                body: Some(body.clone()),
                failure: None,
            },
            Outcome::StatusOnly { status, headers } => ObservedResponse {
                status: Some(*status),
                headers: headers.clone(),
                body: None,
                failure: None,
            },
            Outcome::Blocked => failure(BrowserFailure::Network),
            Outcome::Timeout => failure(BrowserFailure::Timeout),
            Outcome::RedirectRefused => failure(BrowserFailure::Redirect),
        }
    }
}

fn failure(f: BrowserFailure) -> ObservedResponse {
    ObservedResponse {
        failure: Some(f),
        ..ObservedResponse::default()
    }
}

/// The case `response` a step's outcome provides, if any: only steps that carried the
/// credential speak for the app ([`ProbeStep::feeds_case`]).
pub fn observed_for(step: &ProbeStep, outcome: &Outcome) -> Option<ObservedResponse> {
    step.feeds_case().then(|| outcome.to_observed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::read::endpoint::{Cloud, HostKind};
    use crate::diag::{diagnose, Case, Secret, Verdict};

    fn target(s: &str) -> ProbeTarget {
        validate_target(s).unwrap_or_else(|e| panic!("{s} refused: {e}"))
    }

    fn key_inputs() -> PlanInputs {
        PlanInputs::default()
    }

    fn step(steps: &[ProbeStep], rung: Rung) -> &ProbeStep {
        steps
            .iter()
            .find(|s| s.rung == rung)
            .unwrap_or_else(|| panic!("no {rung:?} step in {steps:#?}"))
    }

    // --- allowlist -------------------------------------------------------------

    #[test]
    fn connect_src_is_self_plus_the_five_hosts() {
        assert_eq!(
            connect_src(),
            "'self' https://*.openai.azure.com https://*.cognitiveservices.azure.com \
             https://*.services.ai.azure.com https://*.azure-api.net https://api.openai.com"
        );
    }

    #[test]
    fn every_allowlist_entry_admits_a_name_and_validates() {
        for a in CONNECT_ALLOWLIST {
            let host = match a.depth {
                Depth::Exact => a.host.to_string(),
                _ => format!("contoso.{}", a.host),
            };
            assert!(a.admits(&host), "{host}");
            let t = target(&format!("https://{host}/"));
            assert_eq!(t.kind(), a.kind);
            assert!(!a.source.is_empty());
        }
    }

    // --- validate_target: accepted -----------------------------------------------

    #[test]
    fn accepts_resource_hosts_and_lowercases() {
        let t = target("  HTTPS://Contoso.OpenAI.Azure.com/  ");
        assert_eq!(t.host(), "contoso.openai.azure.com");
        assert_eq!(t.origin(), "https://contoso.openai.azure.com");
        assert_eq!(t.api_root(), "/openai");
        assert_eq!(
            t.host_lock_csp(),
            "connect-src https://contoso.openai.azure.com"
        );
        assert_eq!(
            target("https://x.cognitiveservices.azure.com").kind(),
            TargetKind::CognitiveServices
        );
        assert_eq!(
            target("https://x.services.ai.azure.com").kind(),
            TargetKind::FoundryServices
        );
        assert_eq!(
            target("https://api.openai.com/v1").kind(),
            TargetKind::OpenAi
        );
    }

    #[test]
    fn backslashes_are_read_as_the_parser_reads_them() {
        // WHATWG URL parsing treats `\` as `/` in https URLs; the host is what counts.
        let t = target("https:\\\\x.openai.azure.com\\openai\\v1");
        assert_eq!(t.host(), "x.openai.azure.com");
        assert!(t.hints().v1);
    }

    #[test]
    fn explicit_443_is_the_same_origin() {
        let t = target("https://contoso.openai.azure.com:443/");
        assert_eq!(t.origin(), "https://contoso.openai.azure.com");
    }

    #[test]
    fn apim_allows_regional_gateway_names() {
        let t = target("https://contoso-westus-01.regional.azure-api.net/aoai");
        assert_eq!(t.kind(), TargetKind::Apim);
        assert_eq!(t.host(), "contoso-westus-01.regional.azure-api.net");
    }

    #[test]
    fn request_urls_give_hints_not_paths() {
        let t = target(
            "https://contoso.openai.azure.com/openai/deployments/gpt-4o-prod/chat/completions?api-version=2024-10-21&x=1#frag",
        );
        assert_eq!(t.api_root(), "/openai");
        assert_eq!(t.hints().deployment.as_deref(), Some("gpt-4o-prod"));
        assert_eq!(t.hints().api_version.as_deref(), Some("2024-10-21"));
        assert!(!t.hints().v1);

        let v1 = target("https://contoso.openai.azure.com/openai/v1/");
        assert!(v1.hints().v1);

        let odd = target(
            "https://contoso.openai.azure.com/openai/deployments/a%20b/chat/completions?api-version=1106-Preview",
        );
        assert_eq!(odd.hints().deployment, None);
        assert_eq!(odd.hints().api_version, None);
    }

    #[test]
    fn foundry_routes_are_noted() {
        let m = target("https://x.services.ai.azure.com/models/chat/completions");
        assert_eq!(m.hints().route_note, Some(RouteNote::FoundryModels));
        let p = target("https://x.services.ai.azure.com/api/projects/p1");
        assert_eq!(p.hints().route_note, Some(RouteNote::FoundryProject));
        let steps = plan(&p, &key_inputs());
        let note = step(&steps, Rung::Credential).note.as_deref().unwrap_or("");
        assert!(note.contains("ai.azure.com"), "{note}");
    }

    #[test]
    fn gateway_keeps_its_api_suffix() {
        let cases = [
            ("https://gw.azure-api.net", "/openai", false, None),
            ("https://gw.azure-api.net/", "/openai", false, None),
            ("https://gw.azure-api.net/my-api", "/my-api/openai", false, None),
            ("https://gw.azure-api.net/my-api/", "/my-api/openai", false, None),
            (
                "https://gw.azure-api.net/my-api/openai/deployments/d1/chat/completions?api-version=2024-06-01",
                "/my-api/openai",
                false,
                Some("d1"),
            ),
            ("https://gw.azure-api.net/my-api/openai/v1/", "/my-api/openai", true, None),
            (
                "https://gw.azure-api.net/aoai/deployments/d2/chat/completions",
                "/aoai",
                false,
                Some("d2"),
            ),
            ("https://gw.azure-api.net/aoai/v1/chat/completions", "/aoai", true, None),
        ];
        for (url, root, v1, dep) in cases {
            let t = target(url);
            assert_eq!(t.api_root(), root, "{url}");
            assert_eq!(t.hints().v1, v1, "{url}");
            assert_eq!(t.hints().deployment.as_deref(), dep, "{url}");
        }
    }

    // --- validate_target: refused ------------------------------------------------

    #[test]
    fn refusals() {
        let cases = [
            ("", ProbeRefusal::Empty),
            ("   ", ProbeRefusal::Empty),
            ("contoso.openai.azure.com", ProbeRefusal::NotAUrl),
            ("https://", ProbeRefusal::NotAUrl),
            ("http://contoso.openai.azure.com/", ProbeRefusal::PlainHttp),
            ("ftp://contoso.openai.azure.com/", ProbeRefusal::NotHttps),
            ("wss://contoso.openai.azure.com/", ProbeRefusal::NotHttps),
            (
                "https://user@contoso.openai.azure.com/",
                ProbeRefusal::Userinfo,
            ),
            (
                "https://:pw@contoso.openai.azure.com/",
                ProbeRefusal::Userinfo,
            ),
            (
                "https://u:p@contoso.openai.azure.com/",
                ProbeRefusal::Userinfo,
            ),
            ("https://contoso.openai.azure.com:8443/", ProbeRefusal::Port),
            ("https://contoso.openai.azure.com:80/", ProbeRefusal::Port),
            ("https://127.0.0.1/", ProbeRefusal::IpLiteral),
            ("https://0x7f000001/", ProbeRefusal::IpLiteral),
            ("https://[::1]/", ProbeRefusal::IpLiteral),
            ("https://[fe80::1]/openai", ProbeRefusal::IpLiteral),
            (
                "https://contoso.openai.azure.com./",
                ProbeRefusal::TrailingDot,
            ),
            ("https://*.openai.azure.com/", ProbeRefusal::BadHostName),
            ("https://a_b.openai.azure.com/", ProbeRefusal::BadHostName),
            ("https://-x.openai.azure.com/", ProbeRefusal::BadHostName),
            ("https://Sé.openai.azure.com/", ProbeRefusal::BadHostName),
            ("https://%41b.openai.azure.com/", ProbeRefusal::BadHostName),
            ("https://u%40:p@x.openai.azure.com/", ProbeRefusal::Userinfo),
            ("mailto:x@openai.azure.com", ProbeRefusal::NotHttps),
            ("1https://x", ProbeRefusal::NotAUrl),
            ("https://x..openai.azure.com/", ProbeRefusal::BadHostName),
            ("https://openai.azure.com/", ProbeRefusal::NotAllowed),
            ("https://azure-api.net/", ProbeRefusal::NotAllowed),
            ("https://evilopenai.azure.com/", ProbeRefusal::NotAllowed),
            (
                "https://x.openai.azure.com.evil.example/",
                ProbeRefusal::NotAllowed,
            ),
            ("https://evil.example/", ProbeRefusal::NotAllowed),
            ("https://x.api.openai.com/", ProbeRefusal::NotAllowed),
            (
                "https://api.openai.com.evil.example/",
                ProbeRefusal::NotAllowed,
            ),
            ("https://x.openai.azure.us/", ProbeRefusal::NotAllowed),
            (
                "https://westus.api.cognitive.microsoft.com/",
                ProbeRefusal::NotAllowed,
            ),
            (
                "https://a.b.openai.azure.com/",
                ProbeRefusal::NotAResourceName,
            ),
            (
                "https://privatelink.openai.azure.com/",
                ProbeRefusal::PrivateLinkZone,
            ),
            (
                "https://gw.azure-api.net/a%2Fb/openai",
                ProbeRefusal::GatewayPath,
            ),
            ("https://gw.azure-api.net/a$b/", ProbeRefusal::GatewayPath),
        ];
        for (input, want) in cases {
            assert_eq!(validate_target(input), Err(want), "{input:?}");
        }
    }

    #[test]
    fn non_ascii_hosts_are_refused() {
        // The URL parser has no IDNA: a host outside ASCII is refused, never converted.
        assert!(validate_target("https://contosö.openai.azure.com/").is_err());
        assert!(validate_target("https://contoso.openai\u{3002}azure.com/").is_err());
    }

    #[test]
    fn refusal_messages_are_sentences_without_input() {
        let secret = "0123456789abcdef0123456789abcdef";
        let inputs = [
            secret.to_string(),
            format!("https://{secret}@contoso.openai.azure.com/"),
            format!("http://{secret}.openai.azure.com/"),
            format!("https://{secret}.evil.example/"),
            format!("sk-proj-{secret}:x"),
        ];
        for i in inputs {
            let e = validate_target(&i).expect_err(&i).to_string();
            assert!(!e.contains("0123456789"), "{e}");
            assert!(e.ends_with('.'), "{e}");
            assert!(e.chars().next().is_some_and(char::is_uppercase), "{e}");
        }
    }

    #[test]
    fn long_input_is_refused_quickly() {
        let big = format!("https://{}.openai.azure.com/", "a".repeat(1 << 20));
        assert!(validate_target(&big).is_err());
        let path = format!("https://gw.azure-api.net/{}", "a/".repeat(1 << 19));
        // A huge gateway path is still only filtered, never echoed.
        let _ = validate_target(&path);
    }

    // --- plan ----------------------------------------------------------------------

    #[test]
    fn classic_azure_key_ladder() {
        let t = target("https://contoso.openai.azure.com/");
        let inputs = PlanInputs {
            api_version: Some("2024-06-01".into()),
            deployment: Some("chat-prod".into()),
            ..key_inputs()
        };
        let steps = plan(&t, &inputs);
        assert_eq!(steps.len(), 3);

        let s1 = step(&steps, Rung::Reachability);
        assert_eq!(s1.method, Method::Get);
        assert_eq!(
            s1.url,
            "https://contoso.openai.azure.com/openai/models?api-version=2024-06-01"
        );
        assert!(s1.headers.is_empty());
        assert!(!s1.carries_secret && !s1.feeds_case());
        assert_eq!(s1.cost, Cost::Free);
        assert_eq!(
            s1.curl,
            "curl -i \"https://contoso.openai.azure.com/openai/models?api-version=2024-06-01\""
        );

        let s2 = step(&steps, Rung::Credential);
        assert_eq!(s2.url, s1.url);
        assert_eq!(s2.headers.len(), 1);
        assert_eq!(s2.headers[0].name, "api-key");
        assert_eq!(s2.headers[0].value, HeaderValue::Credential { prefix: "" });
        assert!(s2.carries_secret && s2.feeds_case());
        assert_eq!(s2.cost, Cost::NoTokens);
        assert_eq!(s2.env_var, Some("AZURE_OPENAI_API_KEY"));
        assert_eq!(
            s2.curl,
            "curl -i \"https://contoso.openai.azure.com/openai/models?api-version=2024-06-01\" \\\n  -H \"api-key: $AZURE_OPENAI_API_KEY\""
        );

        let s3 = step(&steps, Rung::Deployment);
        assert_eq!(s3.method, Method::Post);
        assert_eq!(
            s3.url,
            "https://contoso.openai.azure.com/openai/deployments/chat-prod/chat/completions?api-version=2024-06-01"
        );
        assert_eq!(s3.cost, Cost::FewTokens);
        let body: serde_json::Value = serde_json::from_str(s3.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["max_tokens"], 1);
        assert!(body.get("model").is_none());
        assert!(s3.curl.starts_with("curl -i -X POST \"https://contoso.openai.azure.com/openai/deployments/chat-prod/chat/completions?api-version=2024-06-01\""));
        assert!(s3.curl.contains("-H \"Content-Type: application/json\""));
        assert!(s3.curl.contains("-d '{\"messages\""), "{}", s3.curl);
        assert!(s3.label.contains("costs a few tokens"));
    }

    #[test]
    fn v1_surface_uses_v1_models_without_api_version() {
        let t = target("https://contoso.openai.azure.com/openai/v1/");
        let inputs = PlanInputs {
            deployment: Some("gpt-4o".into()),
            auth_header: AuthHeader::Authorization,
            ..key_inputs()
        };
        let steps = plan(&t, &inputs);
        let s2 = step(&steps, Rung::Credential);
        assert_eq!(s2.url, "https://contoso.openai.azure.com/openai/v1/models");
        assert_eq!(s2.headers[0].name, "Authorization");
        assert_eq!(
            s2.headers[0].value,
            HeaderValue::Credential { prefix: "Bearer " }
        );
        assert!(s2
            .curl
            .contains("-H \"Authorization: Bearer $AZURE_OPENAI_API_KEY\""));
        let s3 = step(&steps, Rung::Deployment);
        assert_eq!(
            s3.url,
            "https://contoso.openai.azure.com/openai/v1/chat/completions"
        );
        let body: serde_json::Value = serde_json::from_str(s3.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["model"], "gpt-4o");
    }

    #[test]
    fn surface_from_inputs_beats_the_path() {
        let t = target("https://contoso.openai.azure.com/");
        let inputs = PlanInputs {
            surface: Some(Surface::V1),
            ..key_inputs()
        };
        let s2 = plan(&t, &inputs).remove(1);
        assert_eq!(s2.url, "https://contoso.openai.azure.com/openai/v1/models");
    }

    #[test]
    fn tokens_go_as_bearer_unless_the_app_says_otherwise() {
        let t = target("https://contoso.openai.azure.com/");
        let token = PlanInputs {
            credential: CredentialKind::Token,
            ..key_inputs()
        };
        let s2 = plan(&t, &token).remove(1);
        assert_eq!(s2.headers[0].name, "Authorization");
        assert!(s2
            .curl
            .contains("Authorization: Bearer $AZURE_OPENAI_AD_TOKEN"));
        assert_eq!(
            s2.url,
            format!("https://contoso.openai.azure.com/openai/models?api-version={RECOMMENDED_API_VERSION}")
        );

        // The app puts the token in api-key (openai-python ≥ 2.34): the probe does too.
        let in_api_key = PlanInputs {
            auth_header: AuthHeader::ApiKey,
            ..token
        };
        let s2 = plan(&t, &in_api_key).remove(1);
        assert_eq!(s2.headers[0].name, "api-key");
        assert!(s2.curl.contains("api-key: $AZURE_OPENAI_AD_TOKEN"));
    }

    #[test]
    fn apim_uses_the_app_header_and_keeps_the_suffix() {
        let t = target(
            "https://gw.azure-api.net/my-api/openai/deployments/d1/chat/completions?api-version=2024-02-01",
        );
        let steps = plan(
            &t,
            &PlanInputs {
                auth_header: AuthHeader::ApimSubscription,
                ..key_inputs()
            },
        );
        assert_eq!(steps.len(), 3, "the deployment comes from the URL");
        let s2 = step(&steps, Rung::Credential);
        assert_eq!(
            s2.url,
            "https://gw.azure-api.net/my-api/openai/models?api-version=2024-02-01"
        );
        assert_eq!(s2.headers[0].name, "Ocp-Apim-Subscription-Key");
        assert!(s2
            .curl
            .contains("-H \"Ocp-Apim-Subscription-Key: $APIM_SUBSCRIPTION_KEY\""));
        assert_eq!(
            step(&steps, Rung::Deployment).url,
            "https://gw.azure-api.net/my-api/openai/deployments/d1/chat/completions?api-version=2024-02-01"
        );

        // Auto on a gateway: what AzureOpenAI(api_key=…) sends.
        let auto = plan(&t, &key_inputs()).remove(1);
        assert_eq!(auto.headers[0].name, "api-key");
        assert!(auto.curl.contains("api-key: $APIM_SUBSCRIPTION_KEY"));

        // A suffix that stands in for /openai.
        let t = target("https://gw.azure-api.net/aoai/deployments/d2/chat/completions");
        let steps = plan(&t, &key_inputs());
        assert_eq!(
            steps[1].url,
            format!("https://gw.azure-api.net/aoai/models?api-version={RECOMMENDED_API_VERSION}")
        );
        assert_eq!(
            steps[2].url,
            format!("https://gw.azure-api.net/aoai/deployments/d2/chat/completions?api-version={RECOMMENDED_API_VERSION}")
        );
    }

    #[test]
    fn openai_ladder() {
        let t = target("https://api.openai.com/v1/chat/completions");
        let inputs = PlanInputs {
            deployment: Some("ft:gpt-4o-mini:org:x:abc123".into()),
            organization: Some("org-abc123".into()),
            project: Some("proj_abc123".into()),
            api_version: Some("2024-10-21".into()),
            ..key_inputs()
        };
        let steps = plan(&t, &inputs);
        let s1 = step(&steps, Rung::Reachability);
        assert_eq!(s1.url, "https://api.openai.com/v1/models");
        assert!(s1.headers.is_empty());
        let s2 = step(&steps, Rung::Credential);
        assert_eq!(s2.url, "https://api.openai.com/v1/models");
        let names: Vec<_> = s2.headers.iter().map(|h| h.name).collect();
        assert_eq!(
            names,
            ["Authorization", "OpenAI-Organization", "OpenAI-Project"]
        );
        assert!(s2.curl.contains("Authorization: Bearer $OPENAI_API_KEY"));
        assert!(s2.curl.contains("-H \"OpenAI-Organization: org-abc123\""));
        let s3 = step(&steps, Rung::Deployment);
        assert_eq!(s3.url, "https://api.openai.com/v1/chat/completions");
        let body: serde_json::Value = serde_json::from_str(s3.body.as_deref().unwrap()).unwrap();
        assert_eq!(body["model"], "ft:gpt-4o-mini:org:x:abc123");
    }

    #[test]
    fn openai_headers_only_for_openai_and_only_when_plain() {
        let azure = plan(
            &target("https://contoso.openai.azure.com/"),
            &PlanInputs {
                organization: Some("org-abc".into()),
                ..key_inputs()
            },
        );
        assert_eq!(azure[1].headers.len(), 1);
        let odd = plan(
            &target("https://api.openai.com/"),
            &PlanInputs {
                organization: Some("org abc\r\nX: y".into()),
                ..key_inputs()
            },
        );
        assert_eq!(odd[1].headers.len(), 1);
    }

    #[test]
    fn malformed_api_version_is_not_copied_into_the_url() {
        let t = target("https://contoso.openai.azure.com/");
        let steps = plan(
            &t,
            &PlanInputs {
                api_version: Some("0123456789abcdef0123456789abcdef".into()),
                ..key_inputs()
            },
        );
        assert!(steps[1]
            .url
            .ends_with(&format!("api-version={RECOMMENDED_API_VERSION}")));
        assert!(steps[1]
            .note
            .as_deref()
            .unwrap_or("")
            .contains("not a well-formed"));
        assert!(steps.iter().all(|s| !s.curl.contains("0123456789")));

        // A retired but well-formed version is the app's: the probe fails like the app.
        let steps = plan(
            &t,
            &PlanInputs {
                api_version: Some("2023-03-15-preview".into()),
                ..key_inputs()
            },
        );
        assert!(steps[1].url.ends_with("api-version=2023-03-15-preview"));
    }

    #[test]
    fn odd_deployment_names_get_no_deployment_step() {
        let t = target("https://contoso.openai.azure.com/");
        for d in ["", "  ", "a/b", "a b", "..", "x?y", "d\u{200b}", "é"] {
            let steps = plan(
                &t,
                &PlanInputs {
                    deployment: Some(d.into()),
                    ..key_inputs()
                },
            );
            assert_eq!(steps.len(), 2, "{d:?}");
        }
    }

    #[test]
    fn previews_and_logs_hide_the_secret() {
        let secret = "0123456789abcdef0123456789abcdef";
        let t = target("https://contoso.openai.azure.com/");
        let steps = plan(
            &t,
            &PlanInputs {
                deployment: Some("d".into()),
                ..key_inputs()
            },
        );
        for s in &steps {
            let preview = format!("{:?}", s.preview_headers(CredentialKind::Key));
            let logged = s.logged(secret).to_string();
            let all = format!("{preview}{logged}{}{:?}{}", s.curl, s.body, s.url);
            assert!(!all.contains("456789ab"), "{all}");
            if s.carries_secret {
                assert!(logged.contains("api-key: 0123…cdef (32 chars)"), "{logged}");
                assert!(preview.contains("‹your key›"));
                assert_eq!(s.headers[0].value.render(secret), secret);
            }
        }
    }

    #[test]
    fn mask_header_masks_secret_headers_only() {
        let k = "0123456789abcdef0123456789abcdef";
        assert_eq!(mask_header("API-Key", k), "0123…cdef (32 chars)");
        assert_eq!(
            mask_header("authorization", &format!("Bearer {k}")),
            "Bearer 0123…cdef (32 chars)"
        );
        assert_eq!(
            mask_header("Ocp-Apim-Subscription-Key", k),
            "0123…cdef (32 chars)"
        );
        assert_eq!(
            mask_header("content-type", "application/json"),
            "application/json"
        );
    }

    #[test]
    fn surface_of_parsed_endpoint() {
        let p = ParsedEndpoint {
            scheme: "https".into(),
            host: "contoso.openai.azure.com".into(),
            port: None,
            kind: HostKind::AzureOpenAi,
            cloud: Some(Cloud::Public),
            resource: Some("contoso".into()),
            path: "/openai/v1/chat/completions".into(),
            path_shape: PathShape::V1,
            deployment_in_url: None,
            api_version_in_url: None,
            project_in_url: None,
            is_request_url: true,
            suggested_base: Some("https://contoso.openai.azure.com/openai/v1".into()),
        };
        assert_eq!(surface_of(&p), Some(Surface::V1));
        let classic = ParsedEndpoint {
            path_shape: PathShape::Deployments,
            ..p.clone()
        };
        assert_eq!(surface_of(&classic), Some(Surface::Classic));
        let root = ParsedEndpoint {
            path_shape: PathShape::Root,
            ..p
        };
        assert_eq!(surface_of(&root), None);
    }

    #[test]
    fn plan_inputs_from_facts() {
        let case = Case {
            endpoint: Some("https://contoso.openai.azure.com/".into()),
            credential: Some(Secret::new("eyJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln")),
            deployment: Some(" chat ".into()),
            api_version: Some("2024-10-21".into()),
            organization: Some("org-1".into()),
            ..Case::default()
        };
        let facts = Facts::gather(&case, 0);
        let i = PlanInputs::from_facts(&facts);
        assert_eq!(i.credential, CredentialKind::Token);
        assert_eq!(i.deployment.as_deref(), Some("chat"));
        assert_eq!(i.api_version.as_deref(), Some("2024-10-21"));
        assert_eq!(i.organization.as_deref(), Some("org-1"));
        assert_eq!(i.auth_header, AuthHeader::Auto);

        let key_case = Case {
            credential: Some(Secret::new("0123456789abcdef0123456789abcdef")),
            auth_header: Some("ocp-apim-subscription-key".into()),
            ..Case::default()
        };
        let facts = Facts::gather(&key_case, 0);
        let i = PlanInputs::from_facts(&facts);
        assert_eq!(i.credential, CredentialKind::Key);
        assert_eq!(i.auth_header, AuthHeader::ApimSubscription);
    }

    #[test]
    fn plan_inputs_ignore_the_pasted_output() {
        let case = Case {
            endpoint: Some("https://contoso.openai.azure.com/openai/v1/".into()),
            credential: Some(Secret::new("0123456789abcdef0123456789abcdef")),
            auth_header: Some("api-key".into()),
            deployment: Some("chat".into()),
            error_text: Some("HTTP/1.1 401 Unauthorized\napi-version=2019-01-01".into()),
            ..Case::default()
        };
        let full = PlanInputs::from_facts(&Facts::gather(&case, 0));
        assert_eq!(plan_inputs_for(&case), full);
        assert_eq!(full.surface, Some(Surface::V1));
        assert_eq!(full.auth_header, AuthHeader::ApiKey);
    }

    #[test]
    fn sendable_secret_rules() {
        assert_eq!(sendable_secret("  abc\r\n"), Ok("abc"));
        assert_eq!(sendable_secret("Bearer abc"), Ok("Bearer abc"));
        assert_eq!(sendable_secret(" \n"), Err(SecretRefusal::Empty));
        assert_eq!(
            sendable_secret("ab\ncd"),
            Err(SecretRefusal::ControlCharacter)
        );
        assert_eq!(
            sendable_secret("ab\u{7f}cd"),
            Err(SecretRefusal::ControlCharacter)
        );
        assert_eq!(
            sendable_secret("\u{201c}abc\u{201d}"),
            Err(SecretRefusal::NonAscii)
        );
        assert_eq!(sendable_secret("abc\u{200b}"), Err(SecretRefusal::NonAscii));
        for e in [
            SecretRefusal::Empty,
            SecretRefusal::ControlCharacter,
            SecretRefusal::NonAscii,
        ] {
            assert!(e.to_string().ends_with('.'));
        }
    }

    // --- outcomes ----------------------------------------------------------------

    fn response(status: u16, body: Option<&str>) -> FetchResult {
        FetchResult::Response {
            status,
            headers: vec![("Content-Type".into(), "application/json".into())],
            body: body.map(str::to_string),
        }
    }

    #[test]
    fn classification() {
        let a = Outcome::classify(response(401, Some("{\"error\":{}}")));
        assert!(matches!(&a, Outcome::Answered { status: 401, headers, .. }
            if headers.get("content-type").map(String::as_str) == Some("application/json")));
        assert!(!a.is_browser_failure());
        assert!(matches!(
            Outcome::classify(response(401, None)),
            Outcome::StatusOnly { status: 401, .. }
        ));
        assert!(matches!(
            Outcome::classify(response(403, Some("  "))),
            Outcome::StatusOnly { status: 403, .. }
        ));
        assert_eq!(Outcome::classify(response(0, None)), Outcome::Blocked);
        assert_eq!(
            Outcome::classify(response(302, None)),
            Outcome::RedirectRefused
        );
        assert_eq!(
            Outcome::classify(FetchResult::OpaqueRedirect),
            Outcome::RedirectRefused
        );
        assert_eq!(Outcome::classify(FetchResult::TypeError), Outcome::Blocked);
        assert_eq!(Outcome::classify(FetchResult::Timeout), Outcome::Timeout);
    }

    #[test]
    fn conversion_to_the_case_response() {
        let o = Outcome::classify(response(401, Some("body")));
        let r = o.to_observed();
        assert_eq!(r.status, Some(401));
        assert_eq!(r.body.as_deref(), Some("body"));
        assert_eq!(r.failure, None);
        assert_eq!(
            Outcome::classify(response(401, None)).to_observed().body,
            None
        );
        for (o, f) in [
            (Outcome::Blocked, BrowserFailure::Network),
            (Outcome::Timeout, BrowserFailure::Timeout),
            (Outcome::RedirectRefused, BrowserFailure::Redirect),
        ] {
            let r = o.to_observed();
            assert_eq!(r.failure, Some(f));
            assert_eq!(r.status, None);
            assert!(o.is_browser_failure());
        }
    }

    #[test]
    fn only_credentialed_steps_feed_the_case() {
        let steps = plan(&target("https://contoso.openai.azure.com/"), &key_inputs());
        let o = Outcome::classify(response(401, Some("missing key")));
        assert_eq!(observed_for(&steps[0], &o), None);
        assert_eq!(observed_for(&steps[1], &o), Some(o.to_observed()));
    }

    #[test]
    fn browser_failures_are_never_an_auth_verdict() {
        for o in [Outcome::Blocked, Outcome::Timeout, Outcome::RedirectRefused] {
            let case = Case {
                endpoint: Some("https://contoso.openai.azure.com/".into()),
                credential: Some(Secret::new("0123456789abcdef0123456789abcdef")),
                response: Some(o.to_observed()),
                ..Case::default()
            };
            let report = diagnose(&case, 1_795_424_400).report;
            assert_ne!(report.verdict, Verdict::Problem, "{o:?}: {report:?}");
        }
    }

    #[test]
    fn outcome_texts() {
        let blocked_key = Outcome::Blocked.explain(true);
        assert!(blocked_key.contains("may have reached the server"));
        assert!(blocked_key.contains("key or token may have been sent"));
        assert!(blocked_key.contains("hid the answer"));
        assert!(blocked_key.contains("says nothing about your credential"));
        assert!(!Outcome::Blocked
            .explain(false)
            .contains("may have been sent"));
        assert!(Outcome::Timeout.explain(true).contains("10 seconds"));
        assert!(Outcome::RedirectRefused
            .explain(true)
            .contains("never follows redirects"));
        let status_only = Outcome::classify(response(401, None));
        assert!(status_only.explain(true).contains("401"));
        assert_eq!(status_only.status(), Some(401));
        let answered = Outcome::classify(response(401, Some("x")));
        assert!(answered
            .explain(false)
            .contains("not used as the app's response"));
        for o in [
            Outcome::Blocked,
            Outcome::Timeout,
            Outcome::RedirectRefused,
            answered,
            status_only,
        ] {
            assert!(o.headline().ends_with('.'));
        }
    }

    #[test]
    fn request_policy_is_the_safe_one() {
        assert_eq!(REQUEST_POLICY.credentials, "omit");
        assert_eq!(REQUEST_POLICY.referrer_policy, "no-referrer");
        assert_eq!(REQUEST_POLICY.cache, "no-store");
        // Never "follow": the key header would travel to the redirect's target.
        assert!(matches!(REQUEST_POLICY.redirect, "manual" | "error"));
        assert_eq!(REQUEST_POLICY.mode, "cors");
        const { assert!(REQUEST_POLICY.timeout_ms > 0 && REQUEST_POLICY.timeout_ms <= 30_000) };
    }

    // --- properties ----------------------------------------------------------------

    mod props {
        use super::*;
        use proptest::prelude::*;
        // The `url` crate (a native dev-dependency) judges what the probe accepts: the
        // WHATWG parser browsers follow, independent of our own `weburl`.
        use url::{Host, Url};

        fn endpoint_text() -> impl Strategy<Value = String> {
            let scheme = prop_oneof![
                6 => Just("https://"),
                1 => Just("HTTPS://"),
                1 => Just("http://"),
                1 => Just("ftp://"),
                1 => Just(""),
                1 => Just("https:"),
                1 => Just("https:///"),
            ];
            let userinfo = prop_oneof![
                8 => Just(""),
                1 => Just("u@"),
                1 => Just("u:p@"),
                1 => Just(":@"),
                1 => Just("@"),
            ];
            let front = prop_oneof![
                8 => "[a-zA-Z0-9][a-zA-Z0-9-]{0,10}[a-zA-Z0-9]\\.",
                1 => "[A-Za-z0-9_*%.\\-]{0,12}\\.",
                1 => Just(String::new()),
                1 => "[a-z0-9]{1,5}\\.[a-z0-9]{1,5}\\.",
                1 => Just("127.0.0.1".to_string()),
                1 => Just("[::1]".to_string()),
            ];
            let suffix = prop_oneof![
                3 => Just("openai.azure.com"),
                2 => Just("cognitiveservices.azure.com"),
                2 => Just("services.ai.azure.com"),
                3 => Just("azure-api.net"),
                2 => Just("api.openai.com"),
                1 => Just("openai.azure.com.evil.example"),
                1 => Just("evilopenai.azure.com"),
                1 => Just("openai.azure.com."),
                1 => Just("OpenAI.Azure.COM"),
                1 => Just(""),
            ];
            let port = prop_oneof![
                8 => Just(String::new()),
                1 => Just(":443".to_string()),
                1 => (0u32..70000).prop_map(|p| format!(":{p}")),
                1 => Just(":".to_string()),
            ];
            let path = "(/[A-Za-z0-9._~%$@?=&#/:-]{0,30}){0,3}";
            let structured = (scheme, userinfo, front, suffix, port, path)
                .prop_map(|(s, u, f, x, p, path)| format!("{s}{u}{f}{x}{p}{path}"));
            prop_oneof![3 => structured, 1 => any::<String>()]
        }

        fn name() -> impl Strategy<Value = Option<String>> {
            proptest::option::of(prop_oneof![
                "[A-Za-z0-9._:-]{1,20}",
                any::<String>(),
                "[a-z]{1,5}(@|/|\\?|#|%2F)[a-z.]{1,20}",
            ])
        }

        /// The property below is only worth something if many generated endpoints are
        /// accepted (and many refused).
        #[test]
        fn the_generator_is_not_vacuous() {
            use proptest::strategy::ValueTree;
            let mut runner = proptest::test_runner::TestRunner::deterministic();
            let strategy = endpoint_text();
            let n = 2000;
            let accepted = (0..n)
                .filter(|_| {
                    let text = strategy.new_tree(&mut runner).expect("generates").current();
                    validate_target(&text).is_ok()
                })
                .count();
            assert!(accepted > n / 20, "only {accepted} of {n} accepted");
            assert!(accepted < n * 9 / 10, "{accepted} of {n} accepted");
        }

        proptest! {
            #![proptest_config(ProptestConfig::with_cases(2000))]

            #[test]
            fn accepted_targets_are_safe(
                text in endpoint_text(),
                api_version in name(),
                deployment in name(),
                organization in name(),
                header in 0usize..4,
                token in any::<bool>(),
                surface in proptest::option::of(prop_oneof![Just(Surface::Classic), Just(Surface::V1)]),
            ) {
                let Ok(t) = validate_target(&text) else { return Ok(()); };
                let url = Url::parse(text.trim()).expect("accepted text parses");
                prop_assert_eq!(url.scheme(), "https");
                prop_assert!(url.username().is_empty() && url.password().is_none());
                prop_assert!(url.port().is_none());
                prop_assert!(matches!(url.host(), Some(Host::Domain(_))));
                let host = t.host();
                prop_assert_eq!(host, host.to_ascii_lowercase());
                prop_assert!(host.parse::<std::net::IpAddr>().is_err());
                let allowed = CONNECT_ALLOWLIST.iter().any(|a| match a.depth {
                    Depth::Exact => host == a.host,
                    _ => host.ends_with(&format!(".{}", a.host)),
                });
                prop_assert!(allowed, "host outside the allowlist");

                let inputs = PlanInputs {
                    auth_header: [AuthHeader::Auto, AuthHeader::ApiKey, AuthHeader::Authorization, AuthHeader::ApimSubscription][header],
                    credential: if token { CredentialKind::Token } else { CredentialKind::Key },
                    api_version,
                    deployment,
                    surface,
                    organization,
                    project: None,
                };
                let steps = plan(&t, &inputs);
                prop_assert!(steps.len() >= 2);
                for s in &steps {
                    let u = Url::parse(&s.url).expect("planned URLs parse");
                    prop_assert_eq!(u.scheme(), "https");
                    prop_assert_eq!(u.host_str(), Some(host));
                    prop_assert!(u.port().is_none());
                    prop_assert!(u.username().is_empty() && u.password().is_none());
                    prop_assert!(u.fragment().is_none());
                    prop_assert!(s.curl.starts_with("curl -i"));
                    // Nothing in a command needs escaping inside the quotes used.
                    prop_assert!(!s.url.contains(['"', '`', '\\', '$', '\'']));
                    if let Some(b) = &s.body {
                        prop_assert!(!b.contains('\''));
                        prop_assert!(serde_json::from_str::<serde_json::Value>(b).is_ok());
                    }
                }
            }

            #[test]
            fn odd_hosts_never_panic(
                host in "[A-Za-z0-9%é\u{e9}\u{200b}\u{3002}\u{ff21}.*_-]{1,12}",
                scheme in prop_oneof![Just("https://"), Just("HTTPS:"), Just("http://"), Just("https:\\\\"), Just("h\tttps://")],
            ) {
                for suffix in ["", ".openai.azure.com", ".Azure-API.net/x", "@x.openai.azure.com"] {
                    let _ = validate_target(&format!("{scheme}{host}{suffix}"));
                }
            }

            #[test]
            fn refusals_never_quote_the_input(text in "[a-z0-9]{24,40}") {
                for candidate in [
                    text.clone(),
                    format!("http://{text}.openai.azure.com"),
                    format!("https://{text}@x.openai.azure.com"),
                    format!("https://{text}.example"),
                ] {
                    if let Err(e) = validate_target(&candidate) {
                        prop_assert!(!e.to_string().contains(&text));
                    }
                }
            }
        }
    }
}
