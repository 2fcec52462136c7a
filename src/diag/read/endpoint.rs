//! The endpoint: what the user has as endpoint or base URL, parsed as a browser parses a
//! URL and classified (`auth-failures.md` §4).
//!
//! From the top: [`analyze`] trims what was pasted around the URL, checks the host's
//! characters itself (the parser has no Unicode IDNA, so a smart quote or a Cyrillic
//! letter in a host would only be "a character outside ASCII"; we name it and repair
//! it), parses with [`WebUrl`], classifies the host from [`known::hosts`], reads the path
//! shape, and says what the SDK's base URL should be.
//!
//! Findings carry stable ids prefixed `endpoint-`. Only a finding that makes the text
//! unusable as a base URL is an error ([`EndpointAnalysis::is_invalid`]); a custom domain,
//! a regional host or a missing scheme are not.
//!
//! [`known::hosts`]: crate::diag::known::hosts

use crate::diag::known::chars::{self, is_invisible};
use crate::diag::known::hosts::{self, HostRule, Match, HOSTS};
pub use crate::diag::known::hosts::{Cloud, HostKind};
use crate::diag::known::key_shapes::looks_like_secret;
use crate::diag::parse::weburl::{self, Host, UrlError, WebUrl};
use crate::diag::report::{Field, Finding, Severity};
use std::net::IpAddr;

/// The shape of the path after the host (`auth-failures.md` §4.3).
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PathShape {
    /// Nothing or `/`: a proper base URL.
    Root,
    /// `/openai` only.
    OpenAiPrefix,
    /// `/openai/deployments/{name}/…`: a classic request path.
    Deployments,
    /// `/openai/v1/…`: the v1 API.
    V1,
    /// `/models/…`: Foundry model inference.
    Models,
    /// `/api/projects/{project}…`: a Foundry project.
    FoundryProject,
    /// `/v1/…` (OpenAI style).
    OpenAiStyleV1,
    /// Anything else, e.g. an APIM API suffix.
    Other,
}

/// The parsed endpoint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ParsedEndpoint {
    /// Lower-case scheme.
    pub scheme: String,
    /// Lower-case host, as the URL parser gives it.
    pub host: String,
    /// Explicit port, if any.
    pub port: Option<u16>,
    /// What the host is.
    pub kind: HostKind,
    /// The cloud, for Azure hosts.
    pub cloud: Option<Cloud>,
    /// The resource name (first label) for resource hosts, or the region for regional ones.
    pub resource: Option<String>,
    /// The path as pasted (percent-decoded is not needed).
    pub path: String,
    /// Its shape.
    pub path_shape: PathShape,
    /// Deployment named in the path (`/openai/deployments/{d}/…`), if any.
    pub deployment_in_url: Option<String>,
    /// `api-version` from the query, if any.
    pub api_version_in_url: Option<String>,
    /// Foundry project named in the path, if any.
    pub project_in_url: Option<String>,
    /// True when a whole request URL was pasted where a base URL belongs.
    pub is_request_url: bool,
    /// What the base URL should be, when it differs from what was pasted.
    pub suggested_base: Option<String>,
}

/// Everything learned from the endpoint field.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct EndpointAnalysis {
    /// The parsed URL, when it parses at all.
    pub parsed: Option<ParsedEndpoint>,
    /// Observations, with stable ids (e.g. `endpoint-http`, `endpoint-portal-url`).
    pub findings: Vec<Finding>,
}

impl EndpointAnalysis {
    /// True when some finding says the endpoint is not a usable base URL.
    pub fn is_invalid(&self) -> bool {
        self.findings
            .iter()
            .any(|f| f.severity == crate::diag::report::Severity::Error)
    }

    /// The host kind, if parsed.
    pub fn kind(&self) -> Option<&HostKind> {
        self.parsed.as_ref().map(|p| &p.kind)
    }
}

/// Parses and classifies an endpoint as pasted. Never panics, on any input.
pub fn analyze(raw: &str) -> EndpointAnalysis {
    let mut out = Out::default();
    let parsed = analyze_into(raw, &mut out);
    if parsed.is_some() && !out.has_problem() {
        if let Some(message) = out.ok.take() {
            out.push(Severity::Ok, "endpoint-ok", message);
        }
    }
    EndpointAnalysis {
        parsed,
        findings: out.findings,
    }
}

/// Findings collected while reading one endpoint, and the sentence for the tick shown
/// when nothing is wrong.
#[derive(Default)]
struct Out {
    findings: Vec<Finding>,
    ok: Option<String>,
}

impl Out {
    fn push(&mut self, severity: Severity, id: &str, message: impl Into<String>) {
        self.findings
            .push(Finding::new(Field::Endpoint, severity, id, message));
    }
    fn error(&mut self, id: &str, message: impl Into<String>) {
        self.push(Severity::Error, id, message);
    }
    fn warn(&mut self, id: &str, message: impl Into<String>) {
        self.push(Severity::Warning, id, message);
    }
    fn info(&mut self, id: &str, message: impl Into<String>) {
        self.push(Severity::Info, id, message);
    }
    fn has_problem(&self) -> bool {
        self.findings
            .iter()
            .any(|f| matches!(f.severity, Severity::Error | Severity::Warning))
    }
}

fn analyze_into(raw: &str, out: &mut Out) -> Option<ParsedEndpoint> {
    let text = strip_wrapping(raw, out);
    if text.is_empty() {
        out.error(
            "endpoint-empty",
            "The endpoint is empty: it should be the resource's base URL, such as \
             `https://<resource>.openai.azure.com/`.",
        );
        return None;
    }
    if text.len() > MAX_URL_LEN {
        // Nothing is quoted: a paste this long may hold anything, secrets included.
        out.error(
            "endpoint-too-long",
            format!(
                "The endpoint is {} characters long; a base URL is well under 100. Something \
                 else was pasted here (a log, a file, a response).",
                text.chars().count()
            ),
        );
        return None;
    }
    if looks_like_secret(text) {
        // Never quote it: this text is probably the key itself.
        out.error(
            "endpoint-looks-like-secret",
            "The endpoint field holds what looks like a key or token (not shown here), not a \
             URL. Put the base URL here, such as `https://<resource>.openai.azure.com/`, and \
             the secret in the credential field.",
        );
        return None;
    }
    if looks_like_placeholder(text) {
        out.error(
            "endpoint-placeholder",
            format!(
                "The endpoint `{}` is a placeholder, a variable name or an unexpanded \
                 variable, not a URL: the app never got the real endpoint.",
                quote(&redacted(text))
            ),
        );
        return None;
    }
    let url_text = if is_bare_resource_name(text) {
        let host = format!("{}.openai.azure.com", text.to_ascii_lowercase());
        out.warn(
            "endpoint-bare-name",
            format!(
                "`{}` is a name, not a URL. If it is your Azure OpenAI resource, the endpoint \
                 is `https://{host}/`.",
                quote(text)
            ),
        );
        format!("https://{host}/")
    } else {
        with_scheme(text, out)
    };
    let checked = check_host_chars(&url_text, out)?;
    // Anything rewritten here (scheme added, host repaired) differs from what the SDK has.
    let rewritten = checked != text;
    match WebUrl::parse(&checked) {
        Ok(url) => inspect(&url, out, rewritten),
        Err(e) => {
            out.error("endpoint-unparseable", parse_error_message(e));
            None
        }
    }
}

/// Longest text read as a URL. Servers refuse request lines over 8 KiB; anything longer
/// is not an endpoint, and refusing it keeps a 1 MB paste cheap.
const MAX_URL_LEN: usize = 8 * 1024;

/// Quote marks, straight and typographic, and the angle brackets of `<https://…>`.
fn is_wrapping_quote(c: char) -> bool {
    chars::is_quote(c) || matches!(c, '<' | '>')
}

/// Removes whitespace, invisible characters and quotes around the URL, with a finding
/// for each kind removed.
fn strip_wrapping<'a>(raw: &'a str, out: &mut Out) -> &'a str {
    let space = |c: char| c.is_whitespace() || is_invisible(c);
    let trimmed = raw.trim_matches(space);
    if trimmed.len() != raw.len() && !trimmed.is_empty() {
        out.warn(
            "endpoint-surrounding-whitespace",
            "The endpoint has whitespace or invisible characters around it (ignored here). If \
             your configuration has them too, the URL the SDK builds can break.",
        );
    }
    let unquoted = trimmed.trim_matches(|c: char| is_wrapping_quote(c) || space(c));
    if unquoted.len() != trimmed.len() && !unquoted.is_empty() {
        out.warn(
            "endpoint-surrounding-quotes",
            "The endpoint is wrapped in quotes or angle brackets (ignored here). In code or \
             an environment variable they would become part of the URL.",
        );
    }
    unquoted
}

/// Text that stands for an endpoint instead of being one: `None`, `<your-resource>`,
/// `${AZURE_OPENAI_ENDPOINT}`, an environment variable's name.
fn looks_like_placeholder(text: &str) -> bool {
    const WORDS: &[&str] = &[
        "none",
        "null",
        "undefined",
        "nil",
        "nan",
        "endpoint",
        "changeme",
        "todo",
        "tbd",
        "xxx",
    ];
    const MARKERS: &[&str] = &[
        "${",
        "{{",
        "$(",
        "<",
        ">",
        "your-resource",
        "your_resource",
        "yourresource",
        "your-endpoint",
        "your_endpoint",
        "resource-name",
        "resource_name",
        "{resource",
        "{name}",
    ];
    crate::diag::parse::placeholder::looks_like_placeholder(text, WORDS, MARKERS)
}

/// A lone resource name (`contoso-aoai`) typed where the URL belongs.
fn is_bare_resource_name(text: &str) -> bool {
    !text.eq_ignore_ascii_case("localhost") && resource_name_problem(text).is_none()
}

/// Makes sure the text starts with `scheme://`, with a finding when it did not.
fn with_scheme(text: &str, out: &mut Out) -> String {
    if let Some(i) = text.find("://") {
        if is_scheme(&text[..i]) {
            return text.to_string();
        }
    }
    let lower_start = text.get(..8).unwrap_or(text).to_ascii_lowercase();
    for (typed, scheme) in [
        ("https//", "https"),
        ("http//", "http"),
        ("https:", "https"),
        ("http:", "http"),
    ] {
        if lower_start.starts_with(typed) {
            // `typed` is ASCII and matched the start, so slicing after it is on a boundary.
            let rest = text.get(typed.len()..).unwrap_or("");
            let rest = rest.trim_start_matches(['/', '\\']);
            out.warn(
                "endpoint-scheme-slashes",
                format!(
                    "The endpoint starts with `{}` instead of `{scheme}://`; write `{scheme}://{}`.",
                    quote(text.get(..typed.len()).unwrap_or(typed)),
                    quote(&redacted(rest))
                ),
            );
            return format!("{scheme}://{rest}");
        }
    }
    let rest = text.trim_start_matches(['/', '\\']);
    out.warn(
        "endpoint-no-scheme",
        format!(
            "The endpoint has no `https://`. Judged as `https://{}`; SDKs need the full URL.",
            quote(&redacted(rest))
        ),
    );
    format!("https://{rest}")
}

fn is_scheme(s: &str) -> bool {
    let mut bytes = s.bytes();
    bytes.next().is_some_and(|b| b.is_ascii_alphabetic())
        && bytes.all(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        && s.len() <= 16
}

/// The URL text without what may hold a secret: the user name and password before the
/// host, the query and the fragment.
fn redacted(text: &str) -> String {
    let cut = text
        .find(['?', '#'])
        .map_or(text, |i| text.get(..i).unwrap_or(""));
    let scheme_end = cut.find("://").map_or(0, |i| i + 3);
    let (host_start, _) = host_span(cut);
    if host_start > scheme_end {
        format!(
            "{}{}",
            cut.get(..scheme_end).unwrap_or(""),
            cut.get(host_start..).unwrap_or("")
        )
    } else {
        cut.to_string()
    }
}

/// The byte range of the host inside `scheme://userinfo@host:port/…`.
fn host_span(url_text: &str) -> (usize, usize) {
    let after = url_text.find("://").map_or(0, |i| i + 3);
    let rest = url_text.get(after..).unwrap_or("");
    let authority_end = rest.find(['/', '?', '#', '\\']).unwrap_or(rest.len());
    let authority = rest.get(..authority_end).unwrap_or("");
    let host_start = authority.rfind('@').map_or(0, |i| i + 1);
    let hostport = authority.get(host_start..).unwrap_or("");
    let host_len = if hostport.starts_with('[') {
        hostport.find(']').map_or(hostport.len(), |i| i + 1)
    } else {
        match hostport.rfind(':') {
            Some(i) if hostport[i + 1..].bytes().all(|b| b.is_ascii_digit()) => i,
            _ => hostport.len(),
        }
    };
    (after + host_start, after + host_start + host_len)
}

fn is_host_char(c: char) -> bool {
    c.is_ascii_alphanumeric() || matches!(c, '-' | '.' | '_')
}

/// What a stray host character should have been: nothing for quotes, spaces and
/// invisible marks, the ASCII look-alike for homoglyphs. `None` when unknown.
fn repair_char(c: char) -> Option<&'static str> {
    if c.is_ascii_whitespace() || matches!(c, '"' | '\'' | '`') {
        return Some("");
    }
    chars::CONFUSABLE_CHARS
        .iter()
        .find(|(k, _, _)| *k == c)
        .and_then(|(_, _, fix)| *fix)
}

/// Names a character by code point and Unicode name where known:
/// `U+201C LEFT DOUBLE QUOTATION MARK`.
pub fn describe_char(c: char) -> String {
    let name = chars::CONFUSABLE_CHARS
        .iter()
        .find(|(k, _, _)| *k == c)
        .map(|(_, name, _)| *name)
        .or_else(|| {
            chars::ASCII_CHAR_NAMES
                .iter()
                .find(|(k, _)| *k == c)
                .map(|(_, name)| *name)
        });
    match name {
        Some(name) => format!("U+{:04X} {name}", c as u32),
        None if c.is_control() => format!("U+{:04X} (a control character)", c as u32),
        None => format!("U+{:04X} `{c}`", c as u32),
    }
}

/// Checks the host's characters before parsing: the URL parser would only say the host
/// has a character outside ASCII, or one no host can have. Returns the URL text to parse, repaired when the damage is
/// only quotes, spaces, invisible marks or look-alike letters, or `None` when nothing
/// usable is left.
fn check_host_chars(url_text: &str, out: &mut Out) -> Option<String> {
    let (start, end) = host_span(url_text);
    let host = url_text.get(start..end).unwrap_or("");
    if host.starts_with('[') || host.chars().all(is_host_char) {
        return Some(url_text.to_string());
    }
    let mut named: Vec<String> = Vec::new();
    let mut seen: Vec<char> = Vec::new();
    let mut non_ascii = false;
    for (pos, c) in host.chars().enumerate() {
        if is_host_char(c) {
            continue;
        }
        non_ascii |= !c.is_ascii();
        if seen.len() < 3 && !seen.contains(&c) {
            seen.push(c);
            named.push(format!("{} at position {}", describe_char(c), pos + 1));
        }
    }
    let repaired: Option<String> = host
        .chars()
        .map(|c| {
            if is_host_char(c) {
                Some(c.to_string())
            } else {
                repair_char(c).map(str::to_string)
            }
        })
        .collect::<Option<String>>()
        .filter(|h| !h.is_empty());
    let id = if non_ascii {
        "endpoint-non-ascii-host"
    } else {
        "endpoint-host-character"
    };
    let mut message = format!(
        "The host contains {}. A host name is plain ASCII letters, digits, `-` and `.`; a \
         pasted smart quote, invisible character or look-alike letter makes every call fail.",
        named.join(", ")
    );
    if let Some(h) = &repaired {
        message.push_str(&format!(" Retype it as `{}`.", quote(h)));
    }
    out.error(id, message);
    let h = repaired?;
    Some(format!(
        "{}{h}{}",
        url_text.get(..start).unwrap_or(""),
        url_text.get(end..).unwrap_or("")
    ))
}

fn parse_error_message(e: UrlError) -> String {
    let why = match e {
        UrlError::EmptyHost => "it has no host name after `https://`",
        UrlError::NonAsciiHost(_) | UrlError::InvalidDomainCharacter => {
            "its host name has characters a host cannot have"
        }
        UrlError::InvalidPort => "its port is not a number from 0 to 65535",
        UrlError::InvalidIpv4 => "its host looks like an IPv4 address but is not a valid one",
        UrlError::InvalidIpv6 => "its host looks like an IPv6 address but is not a valid one",
        UrlError::NoScheme => "it is not a well-formed web URL",
    };
    format!(
        "The endpoint cannot be read as a URL: {why}. It should look like \
         `https://<resource>.openai.azure.com/`."
    )
}

/// The host as classified against [`HOSTS`].
struct HostClass {
    kind: HostKind,
    cloud: Option<Cloud>,
    rule: Option<&'static HostRule>,
    /// The labels before the matched name (`contoso` in `contoso.openai.azure.com`).
    prefix: String,
}

impl HostClass {
    fn custom() -> Self {
        HostClass {
            kind: HostKind::Custom,
            cloud: None,
            rule: None,
            prefix: String::new(),
        }
    }
}

/// Matches a host name (lower case, no trailing dot) against the table; the longest
/// matching name wins.
fn classify(name: &str) -> HostClass {
    let mut best: Option<(&'static HostRule, &str)> = None;
    for rule in HOSTS {
        let prefix = if name == rule.name {
            Some("")
        } else if rule.matching != Match::Exact {
            name.strip_suffix(rule.name)
                .and_then(|p| p.strip_suffix('.'))
                .filter(|p| !p.is_empty())
        } else {
            None
        };
        if let Some(prefix) = prefix {
            if best.is_none_or(|(b, _)| b.name.len() < rule.name.len()) {
                best = Some((rule, prefix));
            }
        }
    }
    match best {
        Some((rule, prefix)) => HostClass {
            kind: rule.kind.clone(),
            cloud: rule.cloud,
            rule: Some(rule),
            prefix: prefix.to_string(),
        },
        None => HostClass::custom(),
    }
}

/// The Azure OpenAI / AI Services / Foundry resource a bare host name names, such as
/// `contoso.openai.azure.com`: its kind and resource name. `None` for any other host,
/// for a deeper name and for a private-link name (`x.privatelink.openai.azure.com`).
pub fn resource_host(name: &str) -> Option<(HostKind, String)> {
    let class = classify(name);
    let resource_kind = matches!(
        class.kind,
        HostKind::AzureOpenAi | HostKind::CognitiveServices | HostKind::FoundryServices
    );
    let one_label = !class.prefix.is_empty() && !class.prefix.contains('.');
    (resource_kind && one_label && class.prefix != hosts::PRIVATE_LINK_LABEL)
        .then_some((class.kind, class.prefix))
}

/// The resource (or region, gateway, endpoint) name a host carries, by kind.
fn resource_of(kind: &HostKind, prefix: &str) -> Option<String> {
    if prefix.is_empty() {
        return None;
    }
    match kind {
        HostKind::AzureOpenAi
        | HostKind::CognitiveServices
        | HostKind::FoundryServices
        | HostKind::Regional => Some(prefix.to_string()),
        HostKind::Apim | HostKind::Serverless | HostKind::AzureFronted => {
            prefix.split('.').next().map(str::to_string)
        }
        _ => None,
    }
}

/// Kinds whose host is a resource's own subdomain, where the naming rules of
/// `auth-failures.md` 4.2 apply and the base URL is the bare host.
fn is_resource_kind(kind: &HostKind) -> bool {
    matches!(
        kind,
        HostKind::AzureOpenAi | HostKind::CognitiveServices | HostKind::FoundryServices
    )
}

/// Kinds served by Microsoft or OpenAI themselves, on port 443 only.
fn is_cloud_kind(kind: &HostKind) -> bool {
    !matches!(kind, HostKind::Custom)
}

/// Why a custom-subdomain name breaks the rules of `auth-failures.md` 4.2, if it does:
/// 2 to 64 characters, ASCII letters, digits and `-`, not starting or ending with `-`.
fn resource_name_problem(name: &str) -> Option<String> {
    let len = name.chars().count();
    if let Some(c) = name
        .chars()
        .find(|c| !(c.is_ascii_alphanumeric() || *c == '-'))
    {
        return Some(if c == '.' {
            "it is more than one DNS label; the resource's subdomain is a single name".into()
        } else {
            format!("it contains {}", describe_char(c))
        });
    }
    if len < 2 {
        return Some("it is shorter than 2 characters".into());
    }
    if len > 64 {
        return Some(format!("it is {len} characters long; the limit is 64"));
    }
    if name.starts_with('-') || name.ends_with('-') {
        return Some("it starts or ends with `-`".into());
    }
    None
}

/// Edit distance with adjacent transpositions (optimal string alignment), for typo
/// detection on short host suffixes only.
fn osa_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut rows: Vec<Vec<usize>> = (0..=a.len())
        .map(|i| {
            (0..=b.len())
                .map(|j| {
                    if i == 0 {
                        j
                    } else if j == 0 {
                        i
                    } else {
                        0
                    }
                })
                .collect()
        })
        .collect();
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            let mut v = (rows[i - 1][j] + 1)
                .min(rows[i][j - 1] + 1)
                .min(rows[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                v = v.min(rows[i - 2][j - 2] + 1);
            }
            rows[i][j] = v;
        }
    }
    rows[a.len()][b.len()]
}

/// A near miss of a known host suffix (`openai.azure.co`, `openia.azure.com`,
/// `cognitiveservice.azure.com`, `contoso.openai.azure`): the rule probably meant and the
/// corrected host.
fn typo_of(name: &str) -> Option<(&'static HostRule, String)> {
    let mut best: Option<(usize, &'static HostRule, String)> = None;
    for rule in HOSTS.iter().filter(|r| r.typo_target) {
        let max = if rule.name.len() < 12 { 1 } else { 2 };
        let mut consider = |distance: usize, prefix: &str| {
            let better = match &best {
                None => true,
                Some((d, r, _)) => {
                    distance < *d || (distance == *d && rule.name.len() > r.name.len())
                }
            };
            if better {
                let fixed = if prefix.is_empty() {
                    rule.name.to_string()
                } else {
                    format!("{prefix}.{}", rule.name)
                };
                best = Some((distance, rule, fixed));
            }
        };
        // Tails of the host that start at a label, from the shortest; only those about
        // as long as the suffix are compared, so a 1 MB host costs nothing here.
        let mut starts: Vec<usize> = vec![0];
        starts.extend(name.match_indices('.').map(|(i, _)| i + 1));
        for &start in starts.iter().rev() {
            let tail = name.get(start..).unwrap_or("");
            if tail.len() > rule.name.len() + max {
                break;
            }
            if tail.len() + max < rule.name.len() {
                continue;
            }
            let d = osa_distance(tail, rule.name);
            if d > 0 && d <= max {
                let prefix = name.get(..start).unwrap_or("").trim_end_matches('.');
                consider(d, prefix);
            }
        }
        // The top-level domain left off: `contoso.openai.azure`.
        if let Some((without_tld, _)) = rule.name.rsplit_once('.') {
            if name == without_tld {
                consider(1, "");
            } else if let Some(prefix) = name
                .strip_suffix(without_tld)
                .and_then(|p| p.strip_suffix('.'))
            {
                consider(1, prefix);
            }
        }
    }
    best.map(|(_, rule, fixed)| (rule, fixed))
}

/// Hosts that are on this machine or a private network, where plain http and odd ports
/// are normal (a local proxy, LiteLLM, an emulator).
fn is_local(host: &str, ip: Option<IpAddr>) -> bool {
    match ip {
        Some(IpAddr::V4(a)) => a.is_loopback() || a.is_private() || a.is_link_local(),
        Some(IpAddr::V6(a)) => a.is_loopback() || a.is_unique_local(),
        None => {
            host == "localhost"
                || host.ends_with(".localhost")
                || host.ends_with(".local")
                || host.ends_with(".internal")
        }
    }
}

/// What the path says, split at the first marker of a known API surface.
#[derive(Debug, Default)]
struct PathFacts {
    shape: Option<PathShape>,
    /// Segments before the marker: an APIM API suffix, or junk on a resource host.
    prefix: Vec<String>,
    deployment: Option<String>,
    project: Option<String>,
    /// Segments after the surface root: the operation of a request URL.
    tail: Vec<String>,
    /// For a Foundry project path: the tail starts `openai/v1`.
    project_v1: bool,
    doubled: bool,
    double_slash: bool,
}

fn path_facts(path: &str) -> PathFacts {
    let raw: Vec<&str> = path.split('/').collect();
    let last = raw.len().saturating_sub(1);
    let double_slash = raw
        .iter()
        .enumerate()
        .any(|(i, s)| s.is_empty() && i > 0 && i < last);
    let segs: Vec<&str> = raw.into_iter().filter(|s| !s.is_empty()).collect();
    let lower: Vec<String> = segs.iter().map(|s| s.to_ascii_lowercase()).collect();
    let at = |i: usize| lower.get(i).map(String::as_str);
    let owned = |from: usize, to: usize| -> Vec<String> {
        segs.get(from..to.min(segs.len()))
            .unwrap_or(&[])
            .iter()
            .map(|s| s.to_string())
            .collect()
    };
    let n = segs.len();

    let markers = (0..n)
        .filter(|&i| {
            at(i) == Some("openai") && matches!(at(i + 1), Some("deployments" | "v1" | "openai"))
        })
        .count();
    let v1_twice = (1..n).any(|i| at(i) == Some("v1") && at(i - 1) == Some("v1"));
    let mut facts = PathFacts {
        double_slash,
        doubled: markers >= 2 || v1_twice,
        ..PathFacts::default()
    };

    for i in 0..n {
        let here = at(i);
        let next = at(i + 1);
        let shape = match (here, next) {
            (Some("openai"), Some("openai")) => continue,
            (Some("openai"), Some("deployments")) => {
                facts.deployment = segs.get(i + 2).map(|d| percent_decode(d));
                facts.tail = owned(i + 3, n);
                PathShape::Deployments
            }
            (Some("openai"), Some("v1")) => {
                facts.tail = owned(i + 2, n);
                PathShape::V1
            }
            (Some("openai"), _) => {
                facts.tail = owned(i + 1, n);
                PathShape::OpenAiPrefix
            }
            (Some("api"), Some("projects")) => {
                facts.project = segs.get(i + 2).map(|p| percent_decode(p));
                let tail = owned(i + 3, n);
                let tail_lower: Vec<String> = tail.iter().map(|s| s.to_ascii_lowercase()).collect();
                if tail_lower.first().map(String::as_str) == Some("openai")
                    && matches!(tail_lower.get(1).map(String::as_str), None | Some("v1"))
                {
                    facts.project_v1 = true;
                    facts.tail = tail.into_iter().skip(2).collect();
                } else {
                    facts.tail = tail;
                }
                PathShape::FoundryProject
            }
            (Some("models"), _) => {
                facts.tail = owned(i + 1, n);
                PathShape::Models
            }
            (Some("v1"), _) => {
                facts.tail = owned(i + 1, n);
                PathShape::OpenAiStyleV1
            }
            _ => continue,
        };
        facts.prefix = owned(0, i);
        facts.shape = Some(shape);
        return facts;
    }
    facts.prefix = owned(0, n);
    facts.shape = Some(if n == 0 {
        PathShape::Root
    } else {
        PathShape::Other
    });
    facts
}

/// Decodes `%XX` escapes (bad escapes are kept as typed); invalid UTF-8 becomes `�`.
pub fn percent_decode(s: &str) -> String {
    String::from_utf8_lossy(&weburl::percent_decode(s.as_bytes())).into_owned()
}

/// Longest piece of pasted text quoted back in a message.
const QUOTE_MAX: usize = 80;

/// Quotes pasted text for a message: at most [`QUOTE_MAX`] characters, control
/// characters shown as `·`, backticks as `'` so the Markdown quoting holds.
pub fn quote(s: &str) -> String {
    let mut out: String = s
        .chars()
        .take(QUOTE_MAX)
        .map(|c| match c {
            '`' => '\'',
            c if c.is_control() => '·',
            c => c,
        })
        .collect();
    if s.chars().nth(QUOTE_MAX).is_some() {
        out.push('…');
    }
    out
}

fn cloud_text(cloud: Option<Cloud>) -> &'static str {
    match cloud {
        Some(Cloud::Public) => "the public cloud",
        Some(Cloud::UsGov) => "Azure Government",
        Some(Cloud::China) => "Azure China (21Vianet)",
        None => "no Azure cloud",
    }
}

fn aoai_suffix(cloud: Option<Cloud>) -> &'static str {
    let cloud = cloud.unwrap_or(Cloud::Public);
    hosts::AOAI_SUFFIX_BY_CLOUD
        .iter()
        .find(|(c, _)| *c == cloud)
        .map_or("openai.azure.com", |(_, s)| *s)
}

/// The base URL an SDK wants for this kind of host and path shape, or `None` when there
/// is nothing to suggest (a portal, another vendor, an unknown gateway path).
fn ideal_base(kind: &HostKind, origin: &str, pf: &PathFacts) -> Option<String> {
    let shape = pf.shape.as_ref()?;
    let prefix = if pf.prefix.is_empty() {
        String::new()
    } else {
        format!("/{}", pf.prefix.join("/"))
    };
    let project = |origin: &str, prefix: &str| {
        pf.project.as_ref().map(|p| {
            let v1 = if pf.project_v1 { "/openai/v1" } else { "" };
            format!("{origin}{prefix}/api/projects/{p}{v1}")
        })
    };
    match kind {
        HostKind::OpenAi => Some(hosts::OPENAI_BASE.to_string()),
        HostKind::Portal | HostKind::OtherVendor(_) | HostKind::PrivateLinkZone => None,
        HostKind::AzureOpenAi
        | HostKind::CognitiveServices
        | HostKind::FoundryServices
        | HostKind::Regional => match shape {
            PathShape::V1 | PathShape::OpenAiStyleV1 => {
                Some(format!("{origin}{}", hosts::AZURE_V1_BASE_PATH))
            }
            PathShape::Models => Some(format!("{origin}/models")),
            PathShape::FoundryProject => project(origin, ""),
            _ => Some(format!("{origin}/")),
        },
        HostKind::Apim | HostKind::Custom | HostKind::AzureFronted | HostKind::Serverless => {
            match shape {
                PathShape::Root => Some(format!("{origin}/")),
                PathShape::Deployments if prefix.is_empty() => Some(format!("{origin}/")),
                PathShape::Deployments => Some(format!("{origin}{prefix}")),
                PathShape::V1 => Some(format!("{origin}{prefix}{}", hosts::AZURE_V1_BASE_PATH)),
                PathShape::Models => Some(format!("{origin}{prefix}/models")),
                PathShape::FoundryProject => project(origin, &prefix),
                PathShape::OpenAiStyleV1 => Some(format!("{origin}{prefix}/v1")),
                PathShape::OpenAiPrefix if !pf.tail.is_empty() && prefix.is_empty() => {
                    Some(format!("{origin}/"))
                }
                PathShape::OpenAiPrefix if !pf.tail.is_empty() => Some(format!("{origin}{prefix}")),
                PathShape::OpenAiPrefix | PathShape::Other => None,
            }
        }
    }
}

/// `https://host/path` without query, fragment, empty segments or a trailing slash, for
/// comparing what was pasted with the ideal base.
fn comparable(url: &str) -> String {
    let (head, path) = match url.find("://") {
        Some(i) => {
            let after = i + 3;
            match url.get(after..).and_then(|r| r.find('/')) {
                Some(j) => (
                    url.get(..after + j).unwrap_or(url),
                    url.get(after + j..).unwrap_or(""),
                ),
                None => (url, ""),
            }
        }
        None => (url, ""),
    };
    let segs: Vec<&str> = path.split('/').filter(|s| !s.is_empty()).collect();
    if segs.is_empty() {
        head.to_ascii_lowercase()
    } else {
        format!("{}/{}", head.to_ascii_lowercase(), segs.join("/"))
    }
}

/// A Cognitive Services account named in a portal URL
/// (`…/providers/Microsoft.CognitiveServices/accounts/{name}[/projects/{project}]`).
fn account_in_portal_url(url: &WebUrl) -> Option<(String, Option<String>)> {
    let mut text = url.path().to_string();
    if let Some(q) = url.query() {
        text.push('?');
        text.push_str(q);
    }
    if let Some(f) = url.fragment() {
        text.push('#');
        text.push_str(f);
    }
    let decoded = percent_decode(&text).to_ascii_lowercase();
    let i = decoded.find(hosts::ARM_ACCOUNT_MARKER)?;
    let rest = decoded.get(i + hosts::ARM_ACCOUNT_MARKER.len()..)?;
    let mut parts = rest.split(['/', '?', '&', '#']);
    let name = parts
        .next()
        .filter(|n| resource_name_problem(n).is_none())?;
    let project = match (parts.next(), parts.next()) {
        (Some("projects"), Some(p)) if resource_name_problem(p).is_none() => Some(p.to_string()),
        _ => None,
    };
    Some((name.to_string(), project))
}

/// Everything after parsing: scheme, host, port, path, query, fragment.
fn inspect(url: &WebUrl, out: &mut Out, rewritten: bool) -> Option<ParsedEndpoint> {
    let scheme = url.scheme().to_ascii_lowercase();
    let (host, ip) = match url.host() {
        Some(Host::Domain(d)) => (d.to_ascii_lowercase(), None),
        Some(Host::Ipv4(a)) => (a.to_string(), Some(IpAddr::V4(*a))),
        Some(Host::Ipv6(a)) => (format!("[{a}]"), Some(IpAddr::V6(*a))),
        None => {
            out.error(
                "endpoint-no-host",
                format!(
                    "The endpoint (scheme `{}`) has no host name; it should look like \
                     `https://<resource>.openai.azure.com/`.",
                    quote(url.scheme())
                ),
            );
            return None;
        }
    };

    // The host.
    let mut name = host.as_str();
    if ip.is_none() && name.ends_with('.') {
        name = name.trim_end_matches('.');
        out.warn(
            "endpoint-trailing-dot",
            format!(
                "The host ends with a dot (`{}.`); some clients then fail the TLS name check. \
                 Write `{}`.",
                quote(name),
                quote(name)
            ),
        );
    }
    let labels: Vec<&str> = name.split('.').collect();
    let empty_label = ip.is_none() && labels.iter().any(|l| l.is_empty());
    if empty_label {
        out.error(
            "endpoint-empty-label",
            format!(
                "The host `{}` has an empty part (`..`, or a dot at the start), so it names no \
                 server.",
                quote(name)
            ),
        );
    }
    let local = is_local(name, ip);
    if ip.is_none() && labels.iter().any(|l| l.starts_with("xn--")) {
        out.warn(
            "endpoint-punycode-host",
            format!(
                "The host `{}` has an internationalised (`xn--`) label: it was typed with \
                 non-ASCII letters, often look-alikes of Latin ones. Retype the host by hand.",
                quote(name)
            ),
        );
    }
    let private_link = ip.is_none() && labels.contains(&hosts::PRIVATE_LINK_LABEL);

    let class = if ip.is_some() {
        HostClass::custom()
    } else if private_link {
        let public: Vec<&str> = labels
            .iter()
            .copied()
            .filter(|l| *l != hosts::PRIVATE_LINK_LABEL)
            .collect();
        let under = classify(&public.join("."));
        HostClass {
            kind: HostKind::PrivateLinkZone,
            ..under
        }
    } else {
        classify(name)
    };
    let resource = match (&class.kind, class.rule) {
        (HostKind::PrivateLinkZone, Some(rule)) => resource_of(&rule.kind, &class.prefix),
        (kind, _) => resource_of(kind, &class.prefix),
    };

    let pf = path_facts(url.path());
    let mut api_version: Option<String> = None;
    let mut secret_params: Vec<String> = Vec::new();
    let mut other_params: Vec<String> = Vec::new();
    for (k, v) in url.query_pairs() {
        let key = k.to_ascii_lowercase();
        if key == "api-version" {
            if api_version.is_none() {
                api_version = Some(v);
            }
        } else if hosts::SECRET_QUERY_PARAMS.contains(&key.as_str()) {
            if secret_params.len() < 3 && !secret_params.contains(&key) {
                secret_params.push(key);
            }
        } else if other_params.len() < 3 {
            other_params.push(quote(&k));
        }
    }

    // Scheme.
    let kind_is_cloud = is_cloud_kind(&class.kind);
    match scheme.as_str() {
        "https" => {}
        "http" if local => out.info(
            "endpoint-http",
            "Plain `http://` to a local or private address: fine for a proxy on your \
             network, but the proxy must call Azure or OpenAI over https.",
        ),
        "http" => out.error(
            "endpoint-http",
            "The endpoint uses `http://`. Azure OpenAI, API Management and OpenAI take \
             `https://` only; a plain http call is refused or redirected without its headers.",
        ),
        "ws" | "wss" => out.warn(
            "endpoint-websocket",
            "This is a WebSocket (`wss://`) URL, as used by the Realtime API. The base URL \
             for ordinary calls starts with `https://`.",
        ),
        other => out.error(
            "endpoint-scheme",
            format!(
                "The endpoint starts with `{}://`; it must start with `https://`.",
                quote(other)
            ),
        ),
    }

    // Credentials inside the URL: never quoted.
    if url.has_credentials() {
        out.warn(
            "endpoint-userinfo",
            "The endpoint has a user name or password before the host (not shown here). \
             Azure OpenAI and OpenAI read no credentials from the URL; remove them, and treat \
             that password as exposed.",
        );
    }
    if !secret_params.is_empty() {
        out.warn(
            "endpoint-secret-in-query",
            format!(
                "The URL carries `{}` in its query (value not shown). A secret in a URL ends up \
                 in logs and browser history; send it in a header and rotate it.",
                secret_params.join("`, `")
            ),
        );
    }

    // IP literals and local hosts.
    if let Some(addr) = ip {
        if addr == IpAddr::from([169, 254, 169, 254]) {
            out.error(
                "endpoint-imds",
                "169.254.169.254 is the managed identity (IMDS) endpoint, which hands out tokens; \
                 it is not the model API. Use the resource's endpoint, \
                 `https://<resource>.openai.azure.com/`.",
            );
        } else if local {
            out.info(
                "endpoint-local",
                format!(
                    "`{}` is a local or private address: a proxy or gateway on your network. \
                     Azure OpenAI itself is called by its host name, because TLS checks the name.",
                    quote(&host)
                ),
            );
        } else {
            out.warn(
                "endpoint-ip-literal",
                format!(
                    "The endpoint is an IP address (`{}`). Azure OpenAI must be called by its host \
                     name (TLS checks the name and Azure routes by it); for a private endpoint, \
                     make the name resolve to the private IP in DNS instead.",
                    quote(&host)
                ),
            );
        }
    } else if local {
        out.info(
            "endpoint-local",
            format!(
                "`{}` is a local host: a proxy or emulator on your machine or network.",
                quote(name)
            ),
        );
    }

    // Port.
    if let Some(port) = url.port() {
        if kind_is_cloud && !local {
            out.error(
                "endpoint-port",
                format!(
                    "The endpoint names port {port}; {} answers on the standard https port \
                     (443) only. Remove `:{port}`.",
                    class.rule.map_or("this service", |r| r.label)
                ),
            );
        }
    }

    // Host kinds.
    // A local proxy keeps its plain-http scheme and its port; everything else is https.
    let origin_scheme = if local && scheme == "http" {
        "http"
    } else {
        "https"
    };
    let origin = match (url.port(), kind_is_cloud) {
        (Some(p), false) => format!("{origin_scheme}://{name}:{p}"),
        _ => format!("{origin_scheme}://{name}"),
    };
    let mut ideal = if empty_label {
        None
    } else {
        ideal_base(&class.kind, &origin, &pf)
    };
    let label = class.rule.map_or("host", |r| r.label);
    let project_text = pf.project.as_deref().map(quote);
    match &class.kind {
        HostKind::Portal => {
            let mut message = format!(
                "`{}` is {label}, not the model endpoint an SDK calls.",
                quote(name)
            );
            if let Some((account, project)) = account_in_portal_url(url) {
                let base = match &project {
                    Some(p) if class.cloud.unwrap_or(Cloud::Public) == Cloud::Public => {
                        format!("https://{account}.services.ai.azure.com/api/projects/{p}")
                    }
                    _ => format!("https://{account}.{}/", aoai_suffix(class.cloud)),
                };
                message.push_str(&format!(
                    " The page is for resource `{account}`; its endpoint is usually `{base}` \
                     (the resource's Keys and Endpoint page shows the exact one)."
                ));
                ideal = Some(base);
            } else if class.cloud.is_none() {
                message.push_str(&format!(
                    " The OpenAI API's base URL is `{}`.",
                    hosts::OPENAI_BASE
                ));
                ideal = Some(hosts::OPENAI_BASE.to_string());
            } else {
                message.push_str(
                    " Copy the endpoint from the resource's Keys and Endpoint page in the Azure \
                     portal, such as `https://<resource>.openai.azure.com/`.",
                );
            }
            out.error("endpoint-portal-url", message);
        }
        HostKind::PrivateLinkZone => {
            let public: Vec<&str> = labels
                .iter()
                .copied()
                .filter(|l| *l != hosts::PRIVATE_LINK_LABEL)
                .collect();
            let public = public.join(".");
            let mut message = format!(
                "`{}` is a private-link DNS zone name. Clients keep using the public name, which \
                 resolves into the zone to the private IP; calling the `privatelink` name \
                 directly fails the TLS name check.",
                quote(name)
            );
            if resource.is_some() {
                let base = format!("https://{public}/");
                message.push_str(&format!(" Use `{}`.", quote(&base)));
                ideal = Some(base);
            } else {
                message.push_str(
                    " Use the resource's own name, such as `https://<resource>.openai.azure.com/`.",
                );
            }
            out.error("endpoint-private-link", message);
        }
        HostKind::Custom if ip.is_none() && !local && !empty_label => {
            if let Some((rule, fixed)) = typo_of(name) {
                let complete = fixed != rule.name || rule.matching != Match::Subdomain;
                let suggestion = if complete {
                    let base = ideal_base(&rule.kind, &format!("https://{fixed}"), &pf);
                    ideal = base.clone();
                    format!(
                        " Did you mean `{}`?",
                        quote(base.as_deref().unwrap_or(&fixed))
                    )
                } else {
                    ideal = None;
                    format!(" Did you mean `<resource>.{}`?", rule.name)
                };
                out.error(
                    "endpoint-host-typo",
                    format!(
                        "The host `{}` is a near miss of `{}` ({}), so it reaches no Azure or \
                         OpenAI server.{suggestion}",
                        quote(name),
                        rule.name,
                        rule.label
                    ),
                );
            } else {
                out.info(
                    "endpoint-custom-domain",
                    format!(
                        "`{}` is not an Azure or OpenAI host: a gateway (such as API Management on \
                         a custom domain) or a proxy. Its own configuration decides which header \
                         carries the key.",
                        quote(name)
                    ),
                );
            }
        }
        HostKind::OtherVendor(vendor) => out.info(
            "endpoint-other-vendor",
            format!(
                "This is {vendor}'s API, not Azure OpenAI or OpenAI: it needs a key from {vendor}, \
                 and its errors are its own."
            ),
        ),
        HostKind::Regional => out.info(
            "endpoint-regional",
            format!(
                "A regional endpoint (`{}`): keys work here, Microsoft Entra ID tokens do not. \
                 Token auth needs the resource's own subdomain, \
                 `https://<resource>.openai.azure.com/`.",
                quote(resource.as_deref().unwrap_or(name))
            ),
        ),
        HostKind::Apim => out.info(
            "endpoint-apim",
            "An API Management gateway: it checks its own subscription key (header \
             `Ocp-Apim-Subscription-Key` unless renamed, often to `api-key`) and may validate \
             tokens with its own policy before anything reaches Azure OpenAI.",
        ),
        HostKind::Serverless => out.info(
            "endpoint-serverless",
            "A serverless model endpoint: it takes its own key as `Authorization: Bearer`; \
             Azure OpenAI clients that send `api-key` get 400 Missing Authorization header.",
        ),
        HostKind::AzureFronted => out.info(
            "endpoint-fronted",
            format!(
                "`{}` is an Azure fronting host ({label}); it forwards to a backend, which decides \
                 how the key must be sent.",
                quote(name)
            ),
        ),
        _ => {}
    }
    if matches!(class.cloud, Some(Cloud::UsGov | Cloud::China))
        && !matches!(class.kind, HostKind::Portal)
    {
        let scope = if class.cloud == Some(Cloud::UsGov) {
            "https://cognitiveservices.azure.us/.default"
        } else {
            "https://cognitiveservices.azure.cn/.default"
        };
        out.info(
            "endpoint-sovereign-cloud",
            format!(
                "A host in {}: keys and tokens must come from that cloud (token scope `{scope}`).",
                cloud_text(class.cloud)
            ),
        );
    }

    // The resource name.
    let mut unusable_host = false;
    let resource_kind = match (&class.kind, class.rule) {
        (HostKind::PrivateLinkZone, _) => false,
        (kind, _) => is_resource_kind(kind) || matches!(kind, HostKind::Apim | HostKind::Regional),
    };
    if resource_kind && !empty_label {
        match &resource {
            None => {
                out.error(
                    "endpoint-no-resource",
                    format!(
                        "`{}` is missing the resource name in front: the endpoint is \
                         `https://<resource>.{}/`.",
                        quote(name),
                        quote(name)
                    ),
                );
                unusable_host = true;
            }
            Some(r) if is_resource_kind(&class.kind) => {
                if let Some(why) = resource_name_problem(r) {
                    out.error(
                        "endpoint-resource-name",
                        format!(
                            "`{}` cannot be a resource's subdomain: {why}. Names are 2 to 64 \
                             letters, digits and `-`, not starting or ending with `-`.",
                            quote(r)
                        ),
                    );
                    unusable_host = true;
                }
            }
            Some(_) => {}
        }
    }

    // The path.
    let azure_resource_host = is_resource_kind(&class.kind) || class.kind == HostKind::Regional;
    let shape = pf.shape.clone().unwrap_or(PathShape::Root);
    let request_tail = if pf.tail.is_empty() {
        None
    } else {
        Some(format!("/{}", pf.tail.join("/")))
    };
    let mut is_request_url = false;
    let base_text = |ideal: &Option<String>| {
        ideal
            .as_deref()
            .map_or_else(|| "the base URL".to_string(), |b| format!("`{}`", quote(b)))
    };
    let skip_path = matches!(
        class.kind,
        HostKind::Portal | HostKind::OtherVendor(_) | HostKind::PrivateLinkZone
    );
    if !skip_path {
        if pf.double_slash {
            out.warn(
                "endpoint-double-slash",
                "The path has an empty segment (`//`); Azure answers such paths with 404 \
                 Resource not found. Remove the extra `/`.",
            );
        }
        if pf.doubled {
            is_request_url = true;
            out.error(
                "endpoint-path-doubled",
                format!(
                    "The path repeats `/openai/…`: an SDK appended its path to an endpoint that \
                     already had one, which ends in 404 Resource not found. The endpoint is {}.",
                    base_text(&ideal)
                ),
            );
        }
        let on_openai = class.kind == HostKind::OpenAi;
        let mut path_reported = false;
        match shape {
            PathShape::OpenAiStyleV1 if azure_resource_host => {
                path_reported = true;
                out.error(
                    "endpoint-openai-path-on-azure",
                    format!(
                        "`/v1/…` is OpenAI's path; Azure serves `/openai/deployments/…` or the v1 \
                         API under `/openai/v1/`. Use {} with the OpenAI client, or \
                         `{origin}/` with an Azure client.",
                        base_text(&ideal)
                    ),
                );
            }
            PathShape::Deployments
            | PathShape::OpenAiPrefix
            | PathShape::V1
            | PathShape::Models
            | PathShape::FoundryProject
                if on_openai =>
            {
                path_reported = true;
                out.error(
                    "endpoint-azure-path-on-openai",
                    format!(
                        "The path `{}` is an Azure path, but api.openai.com serves `/v1/…`. Use \
                         `{}`.",
                        quote(url.path()),
                        hosts::OPENAI_BASE
                    ),
                );
            }
            PathShape::Root if on_openai => out.warn(
                "endpoint-openai-missing-v1",
                format!(
                    "The OpenAI base URL includes `/v1`: use `{}`; without it requests go to \
                     paths that do not exist.",
                    hosts::OPENAI_BASE
                ),
            ),
            PathShape::Other if on_openai => out.warn(
                "endpoint-unexpected-path",
                format!(
                    "The path `{}` is not an OpenAI API path; the base URL is `{}`.",
                    quote(url.path()),
                    hosts::OPENAI_BASE
                ),
            ),
            PathShape::Other if azure_resource_host => out.warn(
                "endpoint-unexpected-path",
                format!(
                    "The path `{}` is not an Azure OpenAI path; the endpoint is {}.",
                    quote(url.path()),
                    base_text(&ideal)
                ),
            ),
            _ => {}
        }
        if azure_resource_host
            && !pf.prefix.is_empty()
            && !matches!(shape, PathShape::Other | PathShape::Root)
        {
            out.warn(
                "endpoint-unexpected-path",
                format!(
                    "`/{}` before the API path is not part of an Azure OpenAI URL; the endpoint is \
                     {}.",
                    quote(&pf.prefix.join("/")),
                    base_text(&ideal)
                ),
            );
        }

        let request_shape = matches!(
            shape,
            PathShape::Deployments
                | PathShape::V1
                | PathShape::Models
                | PathShape::FoundryProject
                | PathShape::OpenAiStyleV1
                | PathShape::OpenAiPrefix
        );
        let classic = matches!(shape, PathShape::Deployments | PathShape::OpenAiPrefix);
        if !pf.doubled
            && !path_reported
            && request_shape
            && (request_tail.is_some() || (classic && api_version.is_some()))
            && !(on_openai && shape != PathShape::OpenAiStyleV1)
        {
            is_request_url = true;
            let mut named = Vec::new();
            if let Some(d) = &pf.deployment {
                named.push(format!("deployment `{}`", quote(d)));
            }
            if let Some(v) = &api_version {
                named.push(format!("api-version `{}`", quote(v)));
            }
            let also = match named.len() {
                0 => String::new(),
                1 => format!(" It also names {}: set it in the client.", named.join("")),
                _ => format!(
                    " It also names {}: set them in the client.",
                    named.join(" and ")
                ),
            };
            out.error(
                "endpoint-request-url",
                format!(
                    "This is a whole request URL (path `{}`), not the base URL an SDK wants: the \
                     SDK appends the path itself, so the request goes to a doubled path and \
                     fails with 404. Use {} as the endpoint.{also} (A full URL is right only for \
                     curl or a raw HTTP call.)",
                    quote(url.path()),
                    base_text(&ideal)
                ),
            );
        } else if shape == PathShape::Deployments && !pf.doubled && !on_openai {
            if pf.deployment.is_some() {
                out.warn(
                    "endpoint-deployment-base",
                    format!(
                        "The endpoint ends in `/openai/deployments/{}`: right as `base_url`, but as \
                         `azure_endpoint` the SDK appends that path again. As the endpoint use {} \
                         with that deployment name.",
                        quote(pf.deployment.as_deref().unwrap_or("")),
                        base_text(&ideal)
                    ),
                );
            } else {
                out.warn(
                    "endpoint-unexpected-path",
                    format!(
                        "The endpoint ends in `/openai/deployments` without a deployment name; the \
                         endpoint is {}.",
                        base_text(&ideal)
                    ),
                );
            }
        } else if shape == PathShape::OpenAiPrefix && request_tail.is_none() && !on_openai {
            let message = format!(
                "The endpoint ends in `/openai`. Azure OpenAI clients add `/openai` themselves, \
                 so requests would go to `/openai/openai/…`; the endpoint is {}.",
                base_text(&ideal.clone().or_else(|| Some(format!("{origin}/"))))
            );
            if azure_resource_host {
                out.warn("endpoint-openai-suffix", message);
            } else {
                // A gateway may really mount its API at `/openai`; only a hint.
                out.info(
                    "endpoint-openai-suffix",
                    format!(
                        "{message} Keep `/openai` only if the gateway's API is mounted at \
                         `/openai/openai` or you pass this as `base_url`."
                    ),
                );
            }
        }
        if shape == PathShape::FoundryProject {
            if matches!(
                class.kind,
                HostKind::CognitiveServices | HostKind::AzureOpenAi
            ) {
                let fixed = resource
                    .as_ref()
                    .zip(pf.project.as_ref())
                    .map(|(r, p)| format!("https://{r}.services.ai.azure.com/api/projects/{p}"));
                out.warn(
                    "endpoint-project-host",
                    format!(
                        "Foundry project paths are served by `*.services.ai.azure.com`, not by \
                         this host; other hosts answer 404 Subdomain does not map to a resource.{}",
                        fixed
                            .as_ref()
                            .map(|f| format!(" Use `{}`.", quote(f)))
                            .unwrap_or_default()
                    ),
                );
                if fixed.is_some() {
                    ideal = fixed;
                }
            }
            if project_text.is_some() {
                out.info(
                    "endpoint-foundry-project",
                    format!(
                        "A Foundry project endpoint (project `{}`): Entra ID tokens for it need the \
                         audience `https://ai.azure.com` (scope `https://ai.azure.com/.default`), \
                         not `cognitiveservices`.",
                        project_text.as_deref().unwrap_or("")
                    ),
                );
            }
        }
        if shape == PathShape::Models && class.kind == HostKind::FoundryServices {
            out.info(
                "endpoint-foundry-models",
                "The Foundry model inference route (`/models`): the deployment name goes in the \
                 request body's `model`, and the key in `api-key`.",
            );
        }
        if !is_request_url && !other_params.is_empty() {
            out.warn(
                "endpoint-query",
                format!(
                    "The endpoint has a query (`{}`); a base URL has none, and SDKs append their \
                     path before it.",
                    other_params.join("`, `")
                ),
            );
        }
        if !is_request_url && api_version.is_some() {
            out.warn(
                "endpoint-query",
                "The endpoint carries `?api-version=…`; a base URL has no query. Give the \
                 api-version to the client instead.",
            );
        }
        if url.fragment().is_some() {
            out.warn(
                "endpoint-fragment",
                "The endpoint ends with a `#…` page anchor, as copied from a browser's address \
                 bar; HTTP never sends it. Remove it.",
            );
        }
    }

    let pasted = comparable(&url.without_credentials());
    let suggested_base = ideal.filter(|_| !unusable_host).filter(|b| {
        rewritten
            || url.has_credentials()
            || comparable(b) != pasted
            || scheme != origin_scheme
            || url.query().is_some()
            || url.fragment().is_some()
            || url.port().is_some() && kind_is_cloud
            || name.len() != host.len()
    });

    out.ok = Some(match &class.kind {
        HostKind::AzureOpenAi | HostKind::CognitiveServices | HostKind::FoundryServices => {
            let r = quote(resource.as_deref().unwrap_or(""));
            let cloud = cloud_text(class.cloud);
            match shape {
                PathShape::V1 => format!(
                    "{label} `{r}` in {cloud}; a proper v1 API base URL (for the OpenAI client; no \
                     api-version needed)."
                ),
                PathShape::Models => {
                    format!("{label} `{r}` in {cloud}; the model inference base URL.")
                }
                PathShape::FoundryProject => format!(
                    "Foundry project `{}` on {label} `{r}` in {cloud}; a proper project endpoint.",
                    project_text.as_deref().unwrap_or("")
                ),
                _ => format!("{label} `{r}` in {cloud}; a proper base URL."),
            }
        }
        HostKind::Regional => format!(
            "Regional endpoint for `{}` in {}; a proper base URL for key auth.",
            quote(resource.as_deref().unwrap_or("")),
            cloud_text(class.cloud)
        ),
        HostKind::Apim => {
            let suffix = if pf.prefix.is_empty() {
                String::new()
            } else {
                format!(" with API suffix `/{}`", quote(&pf.prefix.join("/")))
            };
            format!(
                "API Management gateway `{}`{suffix}; a well-formed base URL.",
                quote(resource.as_deref().unwrap_or(name))
            )
        }
        HostKind::OpenAi => "The OpenAI API; a proper base URL.".to_string(),
        HostKind::Serverless => format!(
            "Serverless model endpoint `{}`; a well-formed base URL.",
            quote(name)
        ),
        _ => format!("`{}`: a well-formed base URL.", quote(&host)),
    });
    if matches!(class.kind, HostKind::OtherVendor(_)) {
        out.ok = None;
    }

    Some(ParsedEndpoint {
        scheme,
        host,
        port: url.port(),
        kind: class.kind,
        cloud: class.cloud,
        resource,
        path: url.path().to_string(),
        path_shape: shape,
        deployment_in_url: pf.deployment,
        api_version_in_url: api_version,
        project_in_url: pf.project,
        is_request_url,
        suggested_base,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::test_support::garbage;

    fn ids(a: &EndpointAnalysis) -> Vec<&str> {
        crate::diag::test_support::ids(&a.findings)
    }

    fn severity_of(a: &EndpointAnalysis, id: &str) -> Option<Severity> {
        a.findings.iter().find(|f| f.id == id).map(|f| f.severity)
    }

    fn parsed(input: &str) -> ParsedEndpoint {
        let a = analyze(input);
        match a.parsed {
            Some(p) => p,
            None => panic!("{input:?} did not parse: {:?}", a.findings),
        }
    }

    #[test]
    #[rustfmt::skip]
    fn classifies_hosts() {
        use Cloud::*;
        use HostKind as K;
        let cases: &[(&str, HostKind, Option<Cloud>, Option<&str>)] = &[
            ("https://contoso.openai.azure.com/", K::AzureOpenAi, Some(Public), Some("contoso")),
            ("https://Contoso-AOAI.OpenAI.Azure.com", K::AzureOpenAi, Some(Public), Some("contoso-aoai")),
            ("https://contoso.cognitiveservices.azure.com/", K::CognitiveServices, Some(Public), Some("contoso")),
            ("https://contoso.services.ai.azure.com/", K::FoundryServices, Some(Public), Some("contoso")),
            ("https://eastus.api.cognitive.microsoft.com/", K::Regional, Some(Public), Some("eastus")),
            ("https://virginia.api.cognitive.microsoft.us/", K::Regional, Some(UsGov), Some("virginia")),
            ("https://chinaeast2.api.cognitive.azure.cn/", K::Regional, Some(China), Some("chinaeast2")),
            ("https://contoso.openai.azure.us/", K::AzureOpenAi, Some(UsGov), Some("contoso")),
            ("https://contoso.cognitiveservices.azure.us/", K::CognitiveServices, Some(UsGov), Some("contoso")),
            ("https://contoso.openai.azure.cn/", K::AzureOpenAi, Some(China), Some("contoso")),
            ("https://contoso.cognitiveservices.azure.cn/", K::CognitiveServices, Some(China), Some("contoso")),
            ("https://contoso-gw.azure-api.net/", K::Apim, Some(Public), Some("contoso-gw")),
            ("https://foo.openai.azure-api.net/", K::Apim, Some(Public), Some("foo")),
            ("https://contoso-gw.azure-api.us/", K::Apim, Some(UsGov), Some("contoso-gw")),
            ("https://llama-abcd.eastus2.models.ai.azure.com/", K::Serverless, Some(Public), Some("llama-abcd")),
            ("https://llama-abcd.eastus2.inference.ai.azure.com/", K::Serverless, Some(Public), Some("llama-abcd")),
            ("https://foo.z01.azurefd.net/", K::AzureFronted, Some(Public), Some("foo")),
            ("https://foo.aoai.azure.com/", K::AzureFronted, Some(Public), Some("foo")),
            ("https://privatelink.openai.azure.com/", K::PrivateLinkZone, Some(Public), None),
            ("https://contoso.privatelink.openai.azure.com/", K::PrivateLinkZone, Some(Public), Some("contoso")),
            ("https://contoso.privatelink.cognitiveservices.azure.cn/", K::PrivateLinkZone, Some(China), Some("contoso")),
            ("https://api.openai.com/v1", K::OpenAi, None, None),
            ("https://portal.azure.com/", K::Portal, Some(Public), None),
            ("https://ms.portal.azure.com/#home", K::Portal, Some(Public), None),
            ("https://portal.azure.us/", K::Portal, Some(UsGov), None),
            ("https://ai.azure.com/", K::Portal, Some(Public), None),
            ("https://oai.azure.com/portal", K::Portal, Some(Public), None),
            ("https://ml.azure.com/", K::Portal, Some(Public), None),
            ("https://platform.openai.com/api-keys", K::Portal, None, None),
            ("https://chatgpt.com/", K::Portal, None, None),
            ("https://contoso.developer.azure-api.net/", K::Portal, Some(Public), None),
            ("https://openrouter.ai/api/v1", K::OtherVendor("OpenRouter"), None, None),
            ("https://api.anthropic.com/v1", K::OtherVendor("Anthropic"), None, None),
            ("https://gw.contoso.com/", K::Custom, None, None),
            ("https://10.0.0.4/", K::Custom, None, None),
            ("http://localhost:4000", K::Custom, None, None),
        ];
        for (input, kind, cloud, resource) in cases {
            let p = parsed(input);
            assert_eq!(&p.kind, kind, "{input}");
            assert_eq!(p.cloud, *cloud, "{input}");
            assert_eq!(p.resource.as_deref(), *resource, "{input}");
        }
    }

    /// Each row: input, finding ids that must be present, whether the endpoint is
    /// unusable (`is_invalid`), and the suggested base URL.
    #[test]
    #[rustfmt::skip]
    fn findings_validity_and_suggested_base() {
        let cases: &[(&str, &[&str], bool, Option<&str>)] = &[
            // Proper base URLs.
            ("https://contoso.openai.azure.com/", &["endpoint-ok"], false, None),
            ("https://contoso.openai.azure.com", &["endpoint-ok"], false, None),
            ("https://contoso.openai.azure.com/openai/v1/", &["endpoint-ok"], false, None),
            ("https://api.openai.com/v1", &["endpoint-ok"], false, None),
            ("https://api.openai.com/v1/", &["endpoint-ok"], false, None),
            ("https://contoso.services.ai.azure.com/api/projects/proj1", &["endpoint-ok", "endpoint-foundry-project"], false, None),
            ("https://contoso.services.ai.azure.com/models", &["endpoint-ok", "endpoint-foundry-models"], false, None),
            ("https://eastus.api.cognitive.microsoft.com/", &["endpoint-ok", "endpoint-regional"], false, None),
            ("https://contoso.openai.azure.us/", &["endpoint-ok", "endpoint-sovereign-cloud"], false, None),
            ("https://contoso-gw.azure-api.net/my-api", &["endpoint-ok", "endpoint-apim"], false, None),
            // A custom domain is not an error: it may be APIM.
            ("https://ai.contoso.com/", &["endpoint-ok", "endpoint-custom-domain"], false, None),
            ("https://llama-abcd.eastus2.models.ai.azure.com/", &["endpoint-ok", "endpoint-serverless"], false, None),
            ("http://localhost:4000", &["endpoint-http", "endpoint-local", "endpoint-ok"], false, None),
            ("http://127.0.0.1:11434/v1", &["endpoint-http", "endpoint-local"], false, None),
            ("https://10.0.0.4/", &["endpoint-local"], false, None),
            ("https://openrouter.ai/api/v1", &["endpoint-other-vendor"], false, None),
            // Damage around the URL.
            ("  https://contoso.openai.azure.com/\n", &["endpoint-surrounding-whitespace"], false, None),
            ("\"https://contoso.openai.azure.com/\"", &["endpoint-surrounding-quotes"], false, None),
            ("\u{201c}https://contoso.openai.azure.com/\u{201d}", &["endpoint-surrounding-quotes"], false, None),
            ("<https://contoso.openai.azure.com/>", &["endpoint-surrounding-quotes"], false, None),
            ("\u{feff}https://contoso.openai.azure.com/", &["endpoint-surrounding-whitespace"], false, None),
            // Scheme.
            ("contoso.openai.azure.com", &["endpoint-no-scheme"], false, Some("https://contoso.openai.azure.com/")),
            ("//contoso.openai.azure.com/", &["endpoint-no-scheme"], false, Some("https://contoso.openai.azure.com/")),
            ("contoso.openai.azure.com:443", &["endpoint-no-scheme"], false, Some("https://contoso.openai.azure.com/")),
            ("https:contoso.openai.azure.com", &["endpoint-scheme-slashes"], false, Some("https://contoso.openai.azure.com/")),
            ("https//contoso.openai.azure.com", &["endpoint-scheme-slashes"], false, Some("https://contoso.openai.azure.com/")),
            ("contoso-aoai", &["endpoint-bare-name"], false, Some("https://contoso-aoai.openai.azure.com/")),
            ("http://contoso.openai.azure.com/", &["endpoint-http"], true, Some("https://contoso.openai.azure.com/")),
            ("http://api.openai.com/v1", &["endpoint-http"], true, Some("https://api.openai.com/v1")),
            ("ftp://contoso.openai.azure.com/", &["endpoint-scheme"], true, Some("https://contoso.openai.azure.com/")),
            ("wss://contoso.openai.azure.com/", &["endpoint-websocket"], false, Some("https://contoso.openai.azure.com/")),
            // Host.
            ("https://contoso\u{201c}.openai.azure.com/", &["endpoint-non-ascii-host"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.open\u{0430}i.azure.com/", &["endpoint-non-ascii-host"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso\u{200b}.openai.azure.com/", &["endpoint-non-ascii-host"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso .openai.azure.com/", &["endpoint-host-character"], true, Some("https://contoso.openai.azure.com/")),
            ("https://xn--80ak6aa92e.com/", &["endpoint-punycode-host"], false, None),
            ("https://contoso.openai.azure.com./", &["endpoint-trailing-dot"], false, Some("https://contoso.openai.azure.com/")),
            ("https://a..b.com/", &["endpoint-empty-label"], true, None),
            ("https://openai.azure.com/", &["endpoint-no-resource"], true, None),
            ("https://con_toso.openai.azure.com/", &["endpoint-resource-name"], true, None),
            ("https://-contoso.openai.azure.com/", &["endpoint-resource-name"], true, None),
            ("https://contoso-.openai.azure.com/", &["endpoint-resource-name"], true, None),
            ("https://c.openai.azure.com/", &["endpoint-resource-name"], true, None),
            ("https://a.b.openai.azure.com/", &["endpoint-resource-name"], true, None),
            ("https://contoso.openai.azure.com:8443/", &["endpoint-port"], true, Some("https://contoso.openai.azure.com/")),
            ("https://52.1.2.3/", &["endpoint-ip-literal"], false, None),
            ("https://169.254.169.254/metadata/identity/oauth2/token", &["endpoint-imds"], true, None),
            ("https://user:hunter2@contoso.openai.azure.com/", &["endpoint-userinfo"], false, Some("https://contoso.openai.azure.com/")),
            // Typos in the host suffix.
            ("https://contoso.openai.azure.co/", &["endpoint-host-typo"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openia.azure.com/", &["endpoint-host-typo"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.opanai.azure.com/", &["endpoint-host-typo"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.cognitiveservice.azure.com/", &["endpoint-host-typo"], true, Some("https://contoso.cognitiveservices.azure.com/")),
            ("https://contoso.openai.azure/", &["endpoint-host-typo"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openaiazure.com/", &["endpoint-host-typo"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.azure-api.ne/", &["endpoint-host-typo"], true, Some("https://contoso.azure-api.net/")),
            ("https://api.openai.co/v1", &["endpoint-host-typo"], true, Some("https://api.openai.com/v1")),
            ("https://api.opeani.com/v1", &["endpoint-host-typo"], true, Some("https://api.openai.com/v1")),
            // Places that are no API.
            ("https://portal.azure.com/#@contoso.onmicrosoft.com/resource/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-ai/providers/Microsoft.CognitiveServices/accounts/contoso-aoai/overview",
                &["endpoint-portal-url"], true, Some("https://contoso-aoai.openai.azure.com/")),
            ("https://portal.azure.us/#@contoso.onmicrosoft.us/resource/subscriptions/x/resourceGroups/rg/providers/Microsoft.CognitiveServices/accounts/gov-aoai/keys",
                &["endpoint-portal-url"], true, Some("https://gov-aoai.openai.azure.us/")),
            ("https://ai.azure.com/build/overview?wsid=%2Fsubscriptions%2Fx%2FresourceGroups%2Frg%2Fproviders%2FMicrosoft.CognitiveServices%2Faccounts%2Ffoo-ai%2Fprojects%2Fbar&tid=abc",
                &["endpoint-portal-url"], true, Some("https://foo-ai.services.ai.azure.com/api/projects/bar")),
            ("https://oai.azure.com/portal", &["endpoint-portal-url"], true, None),
            ("https://platform.openai.com/api-keys", &["endpoint-portal-url"], true, Some("https://api.openai.com/v1")),
            ("https://management.azure.com/subscriptions/x", &["endpoint-portal-url"], true, None),
            ("https://contoso.privatelink.openai.azure.com/", &["endpoint-private-link"], true, Some("https://contoso.openai.azure.com/")),
            ("https://privatelink.openai.azure.com/", &["endpoint-private-link"], true, None),
            // Paths.
            ("https://contoso.openai.azure.com/openai", &["endpoint-openai-suffix"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso-ai.azure-api.net/openai", &["endpoint-openai-suffix", "endpoint-ok"], false, None),
            ("https://contoso.openai.azure.com/openai/deployments/gpt-4o", &["endpoint-deployment-base"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/openai/deployments/", &["endpoint-unexpected-path"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/v1/chat/completions", &["endpoint-openai-path-on-azure"], true, Some("https://contoso.openai.azure.com/openai/v1/")),
            ("https://contoso.openai.azure.com/v1", &["endpoint-openai-path-on-azure"], true, Some("https://contoso.openai.azure.com/openai/v1/")),
            ("https://contoso.openai.azure.com/something", &["endpoint-unexpected-path"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/x/openai/deployments/d/chat/completions?api-version=2024-10-21", &["endpoint-unexpected-path", "endpoint-request-url"], true, Some("https://contoso.openai.azure.com/")),
            ("https://api.openai.com", &["endpoint-openai-missing-v1"], false, Some("https://api.openai.com/v1")),
            ("https://api.openai.com/openai/deployments/x/chat/completions", &["endpoint-azure-path-on-openai"], true, Some("https://api.openai.com/v1")),
            ("https://api.openai.com/foo", &["endpoint-unexpected-path"], false, Some("https://api.openai.com/v1")),
            ("https://contoso.openai.azure.com//openai/deployments/d", &["endpoint-double-slash"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/openai/deployments/d/openai/deployments/d/chat/completions?api-version=2024-10-21",
                &["endpoint-path-doubled"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/openai/openai/deployments/d/chat/completions", &["endpoint-path-doubled"], true, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.cognitiveservices.azure.com/api/projects/p1", &["endpoint-project-host"], false, Some("https://contoso.services.ai.azure.com/api/projects/p1")),
            // Query and fragment.
            ("https://contoso.openai.azure.com/?api-version=2024-10-21", &["endpoint-query"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/?foo=bar", &["endpoint-query"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/?api-key=abc", &["endpoint-secret-in-query"], false, Some("https://contoso.openai.azure.com/")),
            ("https://contoso.openai.azure.com/#keys", &["endpoint-fragment"], false, Some("https://contoso.openai.azure.com/")),
            // Not a URL at all.
            ("", &["endpoint-empty"], true, None),
            ("   \t\n ", &["endpoint-empty"], true, None),
            ("\"\"", &["endpoint-empty"], true, None),
            ("0123456789abcdef0123456789abcdef", &["endpoint-looks-like-secret"], true, None),
            ("sk-proj-abcdefghijklmnopqrstuvwxyz", &["endpoint-looks-like-secret"], true, None),
            ("eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln", &["endpoint-looks-like-secret"], true, None),
            ("Bearer abc.def", &["endpoint-looks-like-secret"], true, None),
            ("None", &["endpoint-placeholder"], true, None),
            ("undefined", &["endpoint-placeholder"], true, None),
            ("${AZURE_OPENAI_ENDPOINT}", &["endpoint-placeholder"], true, None),
            ("$AZURE_OPENAI_ENDPOINT", &["endpoint-placeholder"], true, None),
            ("%AZURE_OPENAI_ENDPOINT%", &["endpoint-placeholder"], true, None),
            ("AZURE_OPENAI_ENDPOINT", &["endpoint-placeholder"], true, None),
            ("https://<your-resource-name>.openai.azure.com/", &["endpoint-placeholder"], true, None),
            ("https://YOUR_RESOURCE_NAME.openai.azure.com/", &["endpoint-placeholder"], true, None),
            ("https://", &["endpoint-unparseable"], true, None),
            ("https://contoso.openai.azure.com:99999/", &["endpoint-unparseable"], true, None),
            ("https://[::1/", &["endpoint-unparseable"], true, None),
        ];
        for (input, want, invalid, base) in cases {
            let a = analyze(input);
            for id in *want {
                assert!(
                    ids(&a).contains(id),
                    "{input:?}: want {id}, got {:?}",
                    a.findings
                );
            }
            assert_eq!(a.is_invalid(), *invalid, "{input:?}: {:?}", a.findings);
            let got = a.parsed.as_ref().and_then(|p| p.suggested_base.as_deref());
            assert_eq!(got, *base, "{input:?}: {:?}", a.findings);
            // The tick appears exactly when nothing is wrong.
            let has_problem = a
                .findings
                .iter()
                .any(|f| matches!(f.severity, Severity::Error | Severity::Warning));
            if has_problem {
                assert!(
                    !ids(&a).contains(&"endpoint-ok"),
                    "{input:?}: {:?}",
                    a.findings
                );
            }
            for f in &a.findings {
                assert_eq!(f.field, Field::Endpoint);
                assert!(f.id.starts_with("endpoint-"), "{}", f.id);
            }
        }
    }

    /// Request URLs: what is pulled out of them and what the base should be.
    #[test]
    #[rustfmt::skip]
    fn request_urls() {
        type Row = (
            &'static str,
            PathShape,
            Option<&'static str>,
            Option<&'static str>,
            Option<&'static str>,
            &'static str,
        );
        let cases: &[Row] = &[
            // Azure OpenAI classic.
            ("https://contoso-aoai.openai.azure.com/openai/deployments/chat-gpt4o/chat/completions?api-version=2024-10-21",
                PathShape::Deployments, Some("chat-gpt4o"), Some("2024-10-21"), None, "https://contoso-aoai.openai.azure.com/"),
            ("https://contoso.openai.azure.com/openai/deployments/my%20dep/embeddings?api-version=2023-05-15",
                PathShape::Deployments, Some("my dep"), Some("2023-05-15"), None, "https://contoso.openai.azure.com/"),
            ("https://contoso.openai.azure.com/openai/deployments/gpt?api-version=2024-02-01",
                PathShape::Deployments, Some("gpt"), Some("2024-02-01"), None, "https://contoso.openai.azure.com/"),
            ("https://contoso.openai.azure.com/openai/models?api-version=2024-10-21",
                PathShape::OpenAiPrefix, None, Some("2024-10-21"), None, "https://contoso.openai.azure.com/"),
            // v1 API.
            ("https://contoso.openai.azure.com/openai/v1/chat/completions",
                PathShape::V1, None, None, None, "https://contoso.openai.azure.com/openai/v1/"),
            ("https://contoso.openai.azure.com/openai/v1/responses?api-version=preview",
                PathShape::V1, None, Some("preview"), None, "https://contoso.openai.azure.com/openai/v1/"),
            // Foundry.
            ("https://contoso.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview",
                PathShape::Models, None, Some("2024-05-01-preview"), None, "https://contoso.services.ai.azure.com/models"),
            ("https://contoso.services.ai.azure.com/api/projects/proj1/openai/v1/responses",
                PathShape::FoundryProject, None, None, Some("proj1"), "https://contoso.services.ai.azure.com/api/projects/proj1/openai/v1"),
            ("https://contoso.services.ai.azure.com/api/projects/proj1/assistants?api-version=v1",
                PathShape::FoundryProject, None, Some("v1"), Some("proj1"), "https://contoso.services.ai.azure.com/api/projects/proj1"),
            // API Management keeps its API suffix.
            ("https://contoso.azure-api.net/my-api/openai/deployments/gpt/chat/completions?api-version=2024-10-21",
                PathShape::Deployments, Some("gpt"), Some("2024-10-21"), None, "https://contoso.azure-api.net/my-api"),
            ("https://contoso.azure-api.net/openai/deployments/gpt/chat/completions?api-version=2024-10-21",
                PathShape::Deployments, Some("gpt"), Some("2024-10-21"), None, "https://contoso.azure-api.net/"),
            ("https://ai.contoso.com/aoai/v2/openai/deployments/gpt/chat/completions?api-version=2024-10-21",
                PathShape::Deployments, Some("gpt"), Some("2024-10-21"), None, "https://ai.contoso.com/aoai/v2"),
            ("https://localhost:8443/openai/deployments/gpt/chat/completions?api-version=2024-10-21",
                PathShape::Deployments, Some("gpt"), Some("2024-10-21"), None, "https://localhost:8443/"),
            // OpenAI.
            ("https://api.openai.com/v1/chat/completions", PathShape::OpenAiStyleV1, None, None, None, "https://api.openai.com/v1"),
            ("https://api.openai.com/v1/models", PathShape::OpenAiStyleV1, None, None, None, "https://api.openai.com/v1"),
            // Serverless.
            ("https://llama-abcd.eastus2.models.ai.azure.com/v1/chat/completions",
                PathShape::OpenAiStyleV1, None, None, None, "https://llama-abcd.eastus2.models.ai.azure.com/v1"),
        ];
        for (input, shape, deployment, version, project, base) in cases {
            let a = analyze(input);
            let p = parsed(input);
            assert_eq!(&p.path_shape, shape, "{input}");
            assert_eq!(p.deployment_in_url.as_deref(), *deployment, "{input}");
            assert_eq!(p.api_version_in_url.as_deref(), *version, "{input}");
            assert_eq!(p.project_in_url.as_deref(), *project, "{input}");
            assert!(p.is_request_url, "{input}");
            assert_eq!(p.suggested_base.as_deref(), Some(*base), "{input}");
            assert!(a.is_invalid(), "{input}");
            assert_eq!(
                severity_of(&a, "endpoint-request-url"),
                Some(Severity::Error),
                "{input}"
            );
        }
    }

    #[test]
    fn base_urls_are_not_request_urls() {
        for input in [
            "https://contoso.openai.azure.com/",
            "https://contoso.openai.azure.com/openai/v1/",
            "https://contoso.openai.azure.com/openai/deployments/gpt",
            "https://contoso.services.ai.azure.com/api/projects/p",
            "https://contoso.services.ai.azure.com/api/projects/p/openai/v1",
            "https://contoso.services.ai.azure.com/models",
            "https://contoso.azure-api.net/my-api",
            "https://contoso.azure-api.net/openai",
            "https://api.openai.com/v1",
        ] {
            let p = parsed(input);
            assert!(!p.is_request_url, "{input}");
        }
    }

    #[test]
    fn request_url_message_names_what_to_set() {
        let a = analyze(
            "https://contoso-aoai.openai.azure.com/openai/deployments/chat-gpt4o/chat/completions?api-version=2024-10-21",
        );
        let f = a
            .findings
            .iter()
            .find(|f| f.id == "endpoint-request-url")
            .unwrap();
        for part in [
            "`https://contoso-aoai.openai.azure.com/`",
            "deployment `chat-gpt4o`",
            "api-version `2024-10-21`",
        ] {
            assert!(f.message.contains(part), "{part}: {}", f.message);
        }
    }

    #[test]
    fn ok_message_is_specific() {
        let a = analyze("https://contoso.openai.azure.com/");
        assert_eq!(a.findings.len(), 1, "{:?}", a.findings);
        assert_eq!(a.findings[0].severity, Severity::Ok);
        assert_eq!(
            a.findings[0].message,
            "Azure OpenAI resource `contoso` in the public cloud; a proper base URL."
        );
        let gov = analyze("https://contoso.openai.azure.us/");
        let ok = gov
            .findings
            .iter()
            .find(|f| f.severity == Severity::Ok)
            .unwrap();
        assert!(ok.message.contains("Azure Government"), "{}", ok.message);
    }

    #[test]
    fn non_ascii_host_names_the_character() {
        let a = analyze("https://contoso\u{201c}.openai.azure.com/");
        let f = a
            .findings
            .iter()
            .find(|f| f.id == "endpoint-non-ascii-host")
            .unwrap();
        assert!(
            f.message.contains("U+201C LEFT DOUBLE QUOTATION MARK"),
            "{}",
            f.message
        );
        assert!(f.message.contains("position 8"), "{}", f.message);
        // Still classified, from the repaired host.
        assert_eq!(a.kind(), Some(&HostKind::AzureOpenAi));

        let b = analyze("https://cont\u{043e}so.openai.azure.com/");
        let f = b
            .findings
            .iter()
            .find(|f| f.id == "endpoint-non-ascii-host")
            .unwrap();
        assert!(
            f.message.contains("U+043E CYRILLIC SMALL LETTER O"),
            "{}",
            f.message
        );

        // A character with no known repair: named by code point, nothing parsed.
        let c = analyze("https://contoso\u{4e2d}.openai.azure.com/");
        let f = c
            .findings
            .iter()
            .find(|f| f.id == "endpoint-non-ascii-host")
            .unwrap();
        assert!(f.message.contains("U+4E2D"), "{}", f.message);
        assert!(c.parsed.is_none());
        assert!(c.is_invalid());
    }

    #[test]
    #[rustfmt::skip]
    fn secrets_in_the_endpoint_are_never_echoed() {
        let secrets = [
            ("https://user:hunter2pass@contoso.openai.azure.com/", "hunter2pass"),
            ("user:hunter2pass@contoso.openai.azure.com", "hunter2pass"),
            ("https://contoso.openai.azure.com/?api-key=0123456789abcdef0123", "0123456789abcdef0123"),
            ("contoso.openai.azure.com/?subscription-key=0123456789abcdef0123", "0123456789abcdef0123"),
            ("https:contoso.openai.azure.com/?code=0123456789abcdef0123", "0123456789abcdef0123"),
            ("0123456789abcdef0123456789abcdef", "456789abcdef"),
            ("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaJQQJ99bbbbbbbbbbbbbbbbbbACOGcccc", "JQQJ99"),
            ("sk-proj-abcdefghijklmnopqrstuvwxyz0123", "abcdefghijkl"),
            ("Bearer eyJ0eXAiOiJKV1QiLCJhbGciOiJSUzI1NiJ9.eyJhdWQiOiJ4In0.c2ln", "eyJhdWQiOiJ4In0"),
        ];
        for (input, secret) in secrets {
            let a = analyze(input);
            for f in &a.findings {
                assert!(!f.message.contains(secret), "{input}: {}", f.message);
            }
            if let Some(p) = &a.parsed {
                assert!(!p
                    .suggested_base
                    .clone()
                    .unwrap_or_default()
                    .contains(secret));
                assert!(!p.host.contains(secret));
            }
        }
    }

    #[test]
    fn never_panics_and_messages_stay_short() {
        let url_chars: Vec<char> =
            "abc.-_/:?#@%[]{}<>\"' \t\n\u{201c}\u{0430}\u{200b}é中0123456789=&\\"
                .chars()
                .collect();
        let mut inputs: Vec<String> = vec![
            String::new(),
            " ".repeat(1_000_000),
            "\u{feff}".repeat(1000),
            "https://".into(),
            "https://.".into(),
            "https://..".into(),
            "https://-".into(),
            "https://[".into(),
            "https://[]".into(),
            "http://:80".into(),
            "://".into(),
            ":".into(),
            "@".into(),
            "?#".into(),
            "https://a/%".into(),
            "https://a/%zz/%e2%80".into(),
            "https://contoso.openai.azure.com/openai/deployments/%ff%fe/chat".into(),
            "mailto:someone@example.com".into(),
            "data:text/plain,hello".into(),
            "javascript:alert(1)".into(),
            "file:///etc/passwd".into(),
            format!("https://{}.openai.azure.com/", "a".repeat(1_000_000)),
            format!("https://contoso.openai.azure.com/{}", "a/".repeat(500_000)),
            format!(
                "https://contoso.openai.azure.com/?{}",
                "k=v&".repeat(250_000)
            ),
            format!("https://{}", "a.".repeat(500_000)),
            format!("https://{}", "\u{201c}".repeat(300_000)),
            format!("{}.com", "é".repeat(300_000)),
            "x".repeat(1_000_000),
            "0".repeat(1_000_000),
            // Just under the length cap, so every stage runs on them.
            format!("https://{}.openai.azure.com/", "a".repeat(8000)),
            format!("https://contoso.openai.azure.com/{}", "a/".repeat(4000)),
            format!(
                "https://contoso.openai.azure.com/{}",
                "openai/deployments/".repeat(400)
            ),
            format!("https://contoso.openai.azure.com/?{}", "k=v&".repeat(2000)),
            format!("https://{}", "a.".repeat(4000)),
            format!("https://{}com", "openai.azure.".repeat(600)),
            format!("https://{}", "\u{201c}a".repeat(2000)),
            format!(
                "https://portal.azure.com/#{}",
                "/providers/Microsoft.CognitiveServices/accounts/".repeat(150)
            ),
        ];
        for seed in 1..40u64 {
            inputs.push(garbage(seed, 200, &url_chars));
            inputs.push(format!("https://{}", garbage(seed, 60, &url_chars)));
        }
        inputs.push(garbage(99, 1_000_000, &url_chars));
        for input in &inputs {
            let a = analyze(input);
            for f in &a.findings {
                assert!(
                    f.message.chars().count() < 1200,
                    "message too long ({}) for input of {} bytes: {}",
                    f.message.len(),
                    input.len(),
                    f.id
                );
            }
        }
    }

    #[test]
    fn a_megabyte_is_refused_without_quoting_it() {
        let a = analyze(&format!(
            "https://contoso.openai.azure.com/{}",
            "k".repeat(1_000_000)
        ));
        assert_eq!(ids(&a), vec!["endpoint-too-long"]);
        assert!(a.is_invalid());
        assert!(!a.findings[0].message.contains("kkkk"));
        // The length limit is on the URL, not on the whitespace around it.
        let padded = format!("{}https://contoso.openai.azure.com/", " ".repeat(1_000_000));
        assert!(analyze(&padded).parsed.is_some());
    }

    #[test]
    fn path_facts_split_at_the_surface() {
        let pf = path_facts("/my-api/openai/deployments/gpt/chat/completions");
        assert_eq!(pf.shape, Some(PathShape::Deployments));
        assert_eq!(pf.prefix, vec!["my-api".to_string()]);
        assert_eq!(pf.deployment.as_deref(), Some("gpt"));
        assert_eq!(pf.tail, vec!["chat".to_string(), "completions".to_string()]);
        assert!(!pf.doubled && !pf.double_slash);

        let pf = path_facts("/");
        assert_eq!(pf.shape, Some(PathShape::Root));
        let pf = path_facts("//");
        assert!(pf.double_slash);
        let pf = path_facts("/a/b/");
        assert_eq!(pf.shape, Some(PathShape::Other));
        assert!(!pf.double_slash);
        let pf = path_facts("/openai/v1/openai/v1/chat/completions");
        assert!(pf.doubled);
        let pf = path_facts("/v1/v1/chat/completions");
        assert!(pf.doubled);
    }

    #[test]
    fn resource_name_rules() {
        let cases = [
            ("contoso", true),
            ("contoso-aoai-01", true),
            ("ab", true),
            ("a", false),
            ("-contoso", false),
            ("contoso-", false),
            ("con_toso", false),
            ("con.toso", false),
            ("contoso!", false),
            ("", false),
            (&"a".repeat(64), true),
            (&"a".repeat(65), false),
        ];
        for (name, ok) in cases {
            assert_eq!(resource_name_problem(name).is_none(), ok, "{name}");
        }
    }

    #[test]
    fn helpers() {
        assert_eq!(
            describe_char('\u{201C}'),
            "U+201C LEFT DOUBLE QUOTATION MARK"
        );
        assert_eq!(describe_char(' '), "U+0020 SPACE");
        assert_eq!(describe_char('\u{7}'), "U+0007 (a control character)");
        assert_eq!(describe_char('中'), "U+4E2D `中`");
        assert_eq!(percent_decode("a%20b%2Fc%zz%"), "a b/c%zz%");
        assert_eq!(percent_decode("%ff"), "\u{FFFD}");
        assert_eq!(osa_distance("openia", "openai"), 1);
        assert_eq!(osa_distance("openai.azure.co", "openai.azure.com"), 1);
        assert_eq!(osa_distance("", "abc"), 3);
        assert_eq!(quote("a`b\nc"), "a'b·c");
        let long = quote(&"x".repeat(500));
        assert_eq!(long.chars().count(), QUOTE_MAX + 1);
        assert!(long.ends_with('…'));
        assert_eq!(redacted("https://u:p@h.com/x?k=v#f"), "https://h.com/x");
        assert_eq!(redacted("u:p@h.com/x"), "h.com/x");
    }

    #[test]
    fn typo_does_not_fire_on_real_or_unrelated_hosts() {
        for host in [
            "contoso.openai.azure.com",
            "gw.contoso.com",
            "example.org",
            "openai.contoso.com",
            "azure.microsoft.com",
            "contoso.openai.azure-api.net",
            "contoso.blob.core.windows.net",
        ] {
            let a = analyze(&format!("https://{host}/"));
            assert!(
                !ids(&a).contains(&"endpoint-host-typo"),
                "{host}: {:?}",
                a.findings
            );
        }
    }
}
