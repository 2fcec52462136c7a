//! Fixes a user can act on: concrete steps and, where it helps, the exact command or
//! code with placeholders. Never a secret: keys and tokens appear only as environment
//! variable placeholders (`$AZURE_OPENAI_API_KEY`).
//!
//! Convention shared with the page: a step that carries a command or code is written as
//! an explanation, a blank line, and one Markdown fenced block; the page shows a copy
//! button for the block.

use crate::diag::known::causes::CauseId;
use crate::diag::read::endpoint::{Cloud, HostKind, ParsedEndpoint, PathShape};
use crate::diag::read::inputs::AuthHeader;
use crate::diag::read::token::TokenKind;
use crate::diag::Facts;

/// The GA api-version to recommend (auth-failures.md 6.2: "Latest GA API release: 2024-10-21").
pub const RECOMMENDED_API_VERSION: &str = "2024-10-21";

/// A step with a command: explanation, then a fenced block.
fn step_with(text: &str, lang: &str, code: &str) -> String {
    format!("{text}\n\n```{lang}\n{code}\n```")
}

/// Which API an endpoint belongs to. It decides every URL template, the header a key
/// goes in and the token audience (auth-failures.md 4.3, 3.1), so templates never put a
/// classic `/openai/…?api-version=` path after `/models` or a project path.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Surface {
    /// `api.openai.com`: `/v1/…`, the key in `Authorization: Bearer` (1.C).
    OpenAi,
    /// Azure OpenAI classic: `{root}/openai/deployments/{d}/…?api-version=…` (4.3).
    Classic,
    /// The v1 API, `{root}/openai/v1/…`, no api-version (4.3).
    V1,
    /// Foundry model inference, `{root}/models/chat/completions?api-version=2024-05-01-preview`,
    /// the deployment in the body's `model` (4.3, A13).
    Models,
    /// A Foundry project, `{root}/api/projects/{p}`: tokens for `https://ai.azure.com`
    /// (3.1; A2 cause 5), its OpenAI-compatible API under `…/openai/v1` (4.3).
    Project,
}

/// The api-version of Foundry model inference (auth-failures.md 4.3, 6.2).
const MODELS_API_VERSION: &str = "2024-05-01-preview";

/// What the endpoint facts say about the target, with placeholders where unknown.
struct Target {
    /// The base URL an SDK wants for this surface (`https://<resource>.openai.azure.com`,
    /// `…/models`, `…/api/projects/{p}`, `…/openai/v1`).
    base: String,
    /// Scheme, host and a gateway's own API suffix: where `/openai`, `/models` or
    /// `/api/projects` begin.
    root: String,
    /// The API the endpoint belongs to.
    surface: Surface,
    /// Resource name or a placeholder.
    resource: String,
    /// The cloud (public when unknown).
    cloud: Cloud,
    /// Host kind, when known.
    kind: Option<HostKind>,
    /// The audience the answering side wants when it is not the data plane's: a gateway's
    /// own app, named by the `api://…` token sent to it (B4), or Resource Manager's (A14).
    audience_override: Option<String>,
    /// Resource Manager answered a control-plane call (A14): fixes are about ARM tokens.
    control_plane: bool,
    /// The resource behind a gateway, when the pasted output names its host (B5).
    backend: Option<Backend>,
}

impl Target {
    fn of(facts: &Facts) -> Target {
        let p = facts.parsed_endpoint();
        let resource = p
            .and_then(|p| p.resource.clone())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "<resource-name>".to_string());
        let root = p
            .map(root_url)
            .unwrap_or_else(|| "https://<resource-name>.openai.azure.com".to_string());
        let surface = p.map_or(Surface::Classic, surface_of);
        let arm = arm_audience(facts);
        let gateway = p.is_some_and(|p| is_gateway(&p.kind));
        Target {
            base: surface_base(surface, &root, p.and_then(|p| p.project_in_url.as_deref())),
            root,
            surface,
            resource,
            cloud: p.and_then(|p| p.cloud).unwrap_or(Cloud::Public),
            kind: p.map(|p| p.kind.clone()),
            audience_override: arm.clone().or_else(|| gateway_audience(facts)),
            control_plane: arm.is_some(),
            backend: gateway.then(|| backend_in(facts)).flatten(),
        }
    }

    /// A classic Azure OpenAI target with placeholders, for advice to move off OpenAI.
    fn placeholder_aoai(t: Target) -> Target {
        let root = "https://<resource-name>.openai.azure.com".to_string();
        Target {
            base: root.clone(),
            root,
            surface: Surface::Classic,
            ..t
        }
    }

    /// The resource URI tokens must be issued for.
    fn audience(&self) -> &str {
        if let Some(a) = &self.audience_override {
            return a;
        }
        if self.surface == Surface::Project {
            return "https://ai.azure.com";
        }
        match self.cloud {
            Cloud::Public => "https://cognitiveservices.azure.com",
            Cloud::UsGov => "https://cognitiveservices.azure.us",
            Cloud::China => "https://cognitiveservices.azure.cn",
        }
    }

    fn scope(&self) -> String {
        format!("{}/.default", self.audience())
    }

    fn is_openai(&self) -> bool {
        self.kind == Some(HostKind::OpenAi)
    }

    fn is_apim(&self) -> bool {
        matches!(self.kind, Some(HostKind::Apim) | Some(HostKind::Custom))
    }

    fn cli_cloud_note(&self) -> &'static str {
        match self.cloud {
            Cloud::Public => "",
            Cloud::UsGov => "az cloud set --name AzureUSGovernment && az login\n",
            Cloud::China => "az cloud set --name AzureChinaCloud && az login\n",
        }
    }
}

/// When Resource Manager answered A14 ("It should exactly match with one of the allowed
/// audiences '…'"), the audience to request is one it lists: the one named after the host
/// that was called, else the one [`ARM_HOSTS`](crate::diag::known::hosts::ARM_HOSTS) names, else
/// the first without a trailing slash. Without the list (a cut
/// paste), an ARM operation still wants ARM's audience.
fn arm_audience(facts: &Facts) -> Option<String> {
    use crate::diag::read::evidence::Signature;
    let host = facts.parsed_endpoint().map(|p| p.host.to_ascii_lowercase());
    let arm_call = facts
        .parsed_endpoint()
        .is_some_and(|p| crate::diag::known::hosts::is_arm_operation(&p.host, &p.path));
    // A data-plane endpoint that ended up at Resource Manager needs its endpoint fixed,
    // not an ARM token.
    if !facts.evidence.has(Signature::ArmWrongAudience) || (host.is_some() && !arm_call) {
        return None;
    }
    let texts = [
        facts.case.response.as_ref().and_then(|r| r.body.as_deref()),
        facts.case.error_text.as_deref(),
    ];
    let listed: Vec<String> = texts
        .into_iter()
        .flatten()
        .flat_map(allowed_audiences)
        .collect();
    let known = |a: &&String| {
        crate::diag::known::hosts::ARM_HOSTS
            .iter()
            .any(|(_, aud)| a.eq_ignore_ascii_case(aud))
    };
    let pick = listed
        .iter()
        .find(|a| {
            host.as_deref()
                .is_some_and(|h| a.ends_with(&format!("//{h}")))
        })
        .or_else(|| listed.iter().find(|a| known(a)))
        .or_else(|| listed.iter().find(|a| !a.ends_with('/')))
        .cloned();
    pick.or_else(|| {
        arm_call.then(|| {
            crate::diag::known::hosts::ARM_HOSTS
                .first()
                .map_or("https://management.azure.com", |(_, aud)| aud)
                .to_string()
        })
    })
}

/// The quoted audiences after "allowed audiences" in an A14 message.
fn allowed_audiences(text: &str) -> Vec<String> {
    const MARK: &str = "allowed audiences";
    let Some(i) = text.to_ascii_lowercase().find(MARK) else {
        return Vec::new();
    };
    let rest = text.get(i + MARK.len()..).unwrap_or("");
    // The list ends with the sentence: `'a','b'.`
    let list = rest.split(['.', '"', '}']).next().unwrap_or("");
    let list = match rest.find("'.") {
        Some(end) => rest.get(..end + 1).unwrap_or(list),
        None => list,
    };
    list.split('\'')
        .map(str::trim)
        .filter(|a| a.starts_with("https://") && a.len() < 200)
        .take(8)
        .map(str::to_string)
        .collect()
}

/// A gateway in front of Azure OpenAI validates tokens for its own app registration
/// (B4): when the token sent to it is for an application's own API (`api://…`), that is
/// the audience to keep asking for, not cognitiveservices.
fn gateway_audience(facts: &Facts) -> Option<String> {
    let gateway = facts
        .parsed_endpoint()
        .is_some_and(|p| matches!(p.kind, HostKind::Apim | HostKind::Custom));
    match facts.token.as_ref().map(|t| &t.kind) {
        Some(TokenKind::OwnApi(aud)) if gateway => Some(aud.trim_end_matches('/').to_string()),
        _ => None,
    }
}

/// The base URL an SDK wants for this endpoint (auth-failures.md 4.3).
pub fn base_url(p: &ParsedEndpoint) -> String {
    surface_base(surface_of(p), &root_url(p), p.project_in_url.as_deref())
}

/// The API an endpoint belongs to, by host and path shape (auth-failures.md 4.1, 4.3).
fn surface_of(p: &ParsedEndpoint) -> Surface {
    match (&p.kind, &p.path_shape) {
        (HostKind::OpenAi, _) => Surface::OpenAi,
        (_, PathShape::FoundryProject) => Surface::Project,
        (_, PathShape::Models) => Surface::Models,
        (_, PathShape::V1) => Surface::V1,
        (kind, PathShape::OpenAiStyleV1) if !is_gateway(kind) => Surface::V1,
        _ => Surface::Classic,
    }
}

/// A host that forwards to another: an API Management gateway or a custom domain or
/// fronting service, possibly with an API suffix of its own (1.B, 4.1).
fn is_gateway(kind: &HostKind) -> bool {
    matches!(
        kind,
        HostKind::Apim | HostKind::Custom | HostKind::AzureFronted
    )
}

/// Scheme and host (the suggested base's, when the pasted one is not usable), plus a
/// gateway's own API suffix (`/my-openai-api`, 1.B): everything before the first
/// `/openai`, `/models` or `/api/projects` segment. A resource host has no suffix.
fn root_url(p: &ParsedEndpoint) -> String {
    let url = match &p.suggested_base {
        Some(s) => s.trim_end_matches('/').to_string(),
        None => {
            let port = p.port.map(|n| format!(":{n}")).unwrap_or_default();
            format!("https://{}{port}{}", p.host, p.path.trim_end_matches('/'))
        }
    };
    let path_at = url
        .find("://")
        .and_then(|i| url.get(i + 3..)?.find('/').map(|j| i + 3 + j))
        .unwrap_or(url.len());
    let (origin, path) = url.split_at(path_at);
    // Only a resource host's paths are all Azure's own; others may carry a prefix.
    let resource_host = matches!(
        p.kind,
        HostKind::AzureOpenAi
            | HostKind::CognitiveServices
            | HostKind::FoundryServices
            | HostKind::Regional
            | HostKind::OpenAi
    );
    if resource_host {
        return origin.to_string();
    }
    let mut end = 0;
    for segment in path.split('/').skip(1) {
        let rest = path.get(end + 1..).unwrap_or("");
        if matches!(segment, "openai" | "models") || rest.starts_with("api/projects/") {
            break;
        }
        end += 1 + segment.len();
    }
    format!("{origin}{}", path.get(..end).unwrap_or(""))
}

/// The base an SDK is given on each surface (4.3).
fn surface_base(surface: Surface, root: &str, project: Option<&str>) -> String {
    match surface {
        Surface::OpenAi => crate::diag::known::hosts::OPENAI_BASE.to_string(),
        Surface::Classic => root.to_string(),
        Surface::V1 => format!("{root}/openai/v1"),
        Surface::Models => format!("{root}/models"),
        Surface::Project => format!(
            "{root}/api/projects/{}",
            project.filter(|p| !p.is_empty()).unwrap_or("<project>")
        ),
    }
}

/// The Azure OpenAI resource a gateway forwards to.
struct Backend {
    /// Its resource name (the host's first label).
    name: String,
    /// What it is: decides the role to assign (A4).
    kind: HostKind,
}

/// The first Azure OpenAI / AI Services resource host named in the pasted output (an
/// APIM trace's `forward-request` URL, a log line): the backend behind a gateway, whose
/// role assignments matter when the gateway calls it with its managed identity (A4,
/// B5). One pass over the text; host names come from the known-hosts table (4.1).
fn backend_in(facts: &Facts) -> Option<Backend> {
    let texts = [
        facts.case.response.as_ref().and_then(|r| r.body.as_deref()),
        facts.case.error_text.as_deref(),
    ];
    let words = texts
        .into_iter()
        .flatten()
        .flat_map(|t| t.split(|c: char| !(c.is_ascii_alphanumeric() || c == '.' || c == '-')));
    words.filter(|w| w.len() <= 253).find_map(|word| {
        let host = word.trim_matches('.').to_ascii_lowercase();
        let (kind, name) = crate::diag::read::endpoint::resource_host(&host)?;
        Some(Backend { name, kind })
    })
}

/// The `curl -i` command that would show what the service says, with the secret as an
/// environment variable. Spends no tokens: it lists models.
pub fn curl_probe(facts: &Facts) -> String {
    curl_probe_as(facts, facts.auth_header)
}

/// How OpenAI's echo of the key it got compares with the pasted credential (C1).
fn echo_fit(facts: &Facts) -> Option<crate::diag::read::evidence::EchoFit> {
    let c = facts.credential.as_ref()?;
    facts.evidence.echo.as_ref()?.fit(c.cleaned.expose())
}

/// OpenAI's echo of the key it got is another value than the pasted credential (C1).
fn echo_is_another_key(facts: &Facts) -> bool {
    echo_fit(facts) == Some(crate::diag::read::evidence::EchoFit::Other)
}

/// The app sends a token (the credential is a JWT, or only a token was given).
fn token_like(facts: &Facts) -> bool {
    facts.credential.as_ref().is_some_and(|c| {
        matches!(
            c.shape,
            crate::diag::read::credential::Shape::Jwt | crate::diag::read::credential::Shape::Jwe
        )
    }) || (facts.credential.is_none() && facts.token.is_some())
}

/// [`curl_probe`] with the credential sent the way `header` says (to show a corrected call).
///
/// Each surface gets its own request (auth-failures.md 4.3, 4.4): the models list on
/// the classic and v1 APIs (no tokens spent); on `/models` and a Foundry project, which
/// route by the body's `model`, a one-token chat completion on that same route. A
/// project takes Entra ID tokens for `https://ai.azure.com` (3.1), so its probe sends one.
pub fn curl_probe_as(facts: &Facts, header: AuthHeader) -> String {
    let t = Target::of(facts);
    let token_like = token_like(facts) || t.surface == Surface::Project;
    let key_as_bearer = header == AuthHeader::Authorization && !token_like;
    if t.is_openai() {
        return "curl -i https://api.openai.com/v1/models \\\n  -H \"Authorization: Bearer $OPENAI_API_KEY\"".to_string();
    }
    let api_version = facts
        .api_version
        .value
        .clone()
        .filter(|_| {
            matches!(
                facts.api_version.status,
                crate::diag::read::inputs::ApiVersionStatus::Ga
                    | crate::diag::read::inputs::ApiVersionStatus::Preview
            )
        })
        .unwrap_or_else(|| RECOMMENDED_API_VERSION.to_string());
    let header = match (header, token_like) {
        (AuthHeader::ApimSubscription, _) => {
            "Ocp-Apim-Subscription-Key: $APIM_SUBSCRIPTION_KEY".to_string()
        }
        (_, true) => "Authorization: Bearer $AZURE_OPENAI_AD_TOKEN".to_string(),
        (AuthHeader::Authorization, false) => {
            "Authorization: Bearer $AZURE_OPENAI_API_KEY".to_string()
        }
        _ => "api-key: $AZURE_OPENAI_API_KEY".to_string(),
    };
    let root = &t.root;
    let (url, body) = match t.surface {
        Surface::Models => (
            format!("{root}/models/chat/completions?api-version={MODELS_API_VERSION}"),
            Some(chat_body(facts)),
        ),
        Surface::Project => (
            format!("{}/openai/v1/chat/completions", t.base),
            Some(chat_body(facts)),
        ),
        // A key in `Authorization: Bearer` works on the v1 API only (5.3: "On classic
        // paths a key in Bearer → A2"), so its probe is the v1 models list (4.4).
        _ if key_as_bearer || t.surface == Surface::V1 => {
            (format!("{root}/openai/v1/models"), None)
        }
        _ => (
            format!("{root}/openai/models?api-version={api_version}"),
            None,
        ),
    };
    let mut cmd = format!("curl -i \"{url}\" \\\n  -H \"{header}\"");
    if let Some(body) = body {
        cmd.push_str(&format!(
            " \\\n  -H \"Content-Type: application/json\" \\\n  -d '{body}'"
        ));
    }
    if token_like {
        cmd = format!(
            "{}AZURE_OPENAI_AD_TOKEN=$(az account get-access-token --resource {} --query accessToken -o tsv)\n{cmd}",
            t.cli_cloud_note(),
            t.audience()
        );
    }
    cmd
}

/// The body of a chat completion of at most one token, for routes that have no models
/// list: the deployment goes in `model` (4.3).
fn chat_body(facts: &Facts) -> String {
    format!(
        "{{\"model\":\"{}\",\"messages\":[{{\"role\":\"user\",\"content\":\"ping\"}}],\"max_tokens\":1}}",
        deployment_name(facts)
    )
}

/// The deployment to put in a template: the given name when it is a plain one (6.1),
/// else a placeholder.
fn deployment_name(facts: &Facts) -> String {
    facts
        .deployment
        .suggested
        .as_deref()
        .or(facts.case.deployment.as_deref())
        .map(str::trim)
        .filter(|d| {
            (1..=64).contains(&d.len())
                && d.chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-'))
        })
        .unwrap_or("<deployment>")
        .to_string()
}

/// A Python client that sends the key the way its surface reads it: `api-key` on Azure
/// (5.3), the v1 API's stock `OpenAI` client with the key as Bearer (5.3), the
/// azure-ai-inference client on `/models` (8.6). A project takes tokens (3.1).
fn python_key_client(t: &Target) -> String {
    let base = &t.base;
    match t.surface {
        Surface::Project => python_token_client(t),
        Surface::OpenAi => "import os\nfrom openai import OpenAI\n\nclient = OpenAI(api_key=os.environ[\"OPENAI_API_KEY\"].strip())".into(),
        Surface::V1 => format!(
            "import os\nfrom openai import OpenAI\n\nclient = OpenAI(\n    base_url=\"{base}/\",\n    api_key=os.environ[\"AZURE_OPENAI_API_KEY\"].strip(),\n)"
        ),
        Surface::Models => format!(
            "import os\nfrom azure.ai.inference import ChatCompletionsClient\nfrom azure.core.credentials import AzureKeyCredential\n\nclient = ChatCompletionsClient(\n    endpoint=\"{base}\",\n    credential=AzureKeyCredential(os.environ[\"AZURE_OPENAI_API_KEY\"].strip()),\n)"
        ),
        Surface::Classic => format!(
            "import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(\n    azure_endpoint=\"{base}\",\n    api_key=os.environ[\"AZURE_OPENAI_API_KEY\"].strip(),\n    api_version=\"{RECOMMENDED_API_VERSION}\",\n)"
        ),
    }
}

/// A Python client that gets and refreshes tokens for the audience its surface wants
/// (3.1): a Foundry project's own client, which asks for `https://ai.azure.com/.default`
/// since azure-ai-projects 2.0.0b3 (8.6); on `/models` the azure-ai-inference client
/// with the scope named; else `AzureOpenAI` with a token provider.
fn python_token_client(t: &Target) -> String {
    let (scope, base) = (t.scope(), &t.base);
    match t.surface {
        Surface::Project => format!(
            "from azure.identity import DefaultAzureCredential\nfrom azure.ai.projects import AIProjectClient\n\n# azure-ai-projects 2.0.0b3 or later: tokens for {scope}, refreshed before expiry\nproject = AIProjectClient(\n    endpoint=\"{base}\",\n    credential=DefaultAzureCredential(),\n)\nclient = project.get_openai_client()"
        ),
        Surface::Models => format!(
            "from azure.identity import DefaultAzureCredential\nfrom azure.ai.inference import ChatCompletionsClient\n\nclient = ChatCompletionsClient(\n    endpoint=\"{base}\",\n    credential=DefaultAzureCredential(),  # refreshes before expiry\n    credential_scopes=[\"{scope}\"],\n)"
        ),
        _ => format!(
            "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\nfrom openai import AzureOpenAI\n\ntoken_provider = get_bearer_token_provider(\n    DefaultAzureCredential(), \"{scope}\"\n)\nclient = AzureOpenAI(\n    azure_endpoint=\"{}\",\n    azure_ad_token_provider=token_provider,  # refreshes before expiry\n    api_version=\"{RECOMMENDED_API_VERSION}\",\n)",
            t.root
        ),
    }
}

/// The OpenAI-compatible v1 base for surfaces that the OpenAI SDKs reach only through
/// it: a project's `…/api/projects/{p}/openai/v1` and, for `/models`, the resource's
/// `/openai/v1` (4.1: services.ai.azure.com accepts it; 4.3).
fn v1_base(t: &Target) -> Option<String> {
    match t.surface {
        Surface::Project => Some(format!("{}/openai/v1", t.base)),
        Surface::Models => Some(format!("{}/openai/v1", t.root)),
        _ => None,
    }
}

/// .NET: `AzureOpenAIClient` with the audience of a sovereign cloud named (3.1, the
/// SDK's `AzureOpenAIAudience`); the stock OpenAI client with a bearer-token policy for
/// the scope a Foundry project or `/models` wants.
fn dotnet_token_client(t: &Target, deployment: &str) -> String {
    let scope = t.scope();
    if let Some(v1) = v1_base(t) {
        return format!(
            "using Azure.Identity;\nusing OpenAI;\nusing OpenAI.Chat;\nusing System.ClientModel.Primitives;\n\nvar tokenPolicy = new BearerTokenPolicy(new DefaultAzureCredential(), \"{scope}\");\nvar client = new ChatClient(\n    model: \"{deployment}\",\n    authenticationPolicy: tokenPolicy,\n    options: new OpenAIClientOptions {{ Endpoint = new Uri(\"{v1}\") }});"
        );
    }
    let options = if t.audience_override.is_some() || t.cloud != Cloud::Public {
        format!(
            ",\n    new AzureOpenAIClientOptions {{ Audience = new AzureOpenAIAudience(\"{scope}\") }}"
        )
    } else {
        String::new()
    };
    format!(
        "using Azure.AI.OpenAI;\nusing Azure.Identity;\n\nvar client = new AzureOpenAIClient(\n    new Uri(\"{}\"),\n    new DefaultAzureCredential(){options});",
        t.root
    )
}

/// JavaScript: `AzureOpenAI` with a token provider for the endpoint's scope; the stock
/// `OpenAI` client on the v1 base where that is the way in, as openai-node's Azure docs
/// show with `https://ai.azure.com/.default` (3.1).
fn js_token_client(t: &Target) -> String {
    let scope = t.scope();
    let provider = format!(
        "import {{ DefaultAzureCredential, getBearerTokenProvider }} from \"@azure/identity\";\n\nconst azureADTokenProvider = getBearerTokenProvider(\n  new DefaultAzureCredential(), \"{scope}\");\n"
    );
    match v1_base(t) {
        Some(v1) => format!(
            "import OpenAI from \"openai\";\n{provider}const client = new OpenAI({{\n  baseURL: \"{v1}/\",\n  apiKey: azureADTokenProvider,\n}});"
        ),
        None => format!(
            "import {{ AzureOpenAI }} from \"openai\";\n{provider}const client = new AzureOpenAI({{\n  endpoint: \"{}\",\n  azureADTokenProvider,\n  apiVersion: \"{RECOMMENDED_API_VERSION}\",\n}});",
            t.root
        ),
    }
}

/// The `az` command that gets a token for the audience this endpoint wants, for a next
/// step that asks for one.
pub fn token_command(facts: &Facts) -> String {
    get_token_cmd(&Target::of(facts))
}

fn get_token_cmd(t: &Target) -> String {
    format!(
        "{}az account get-access-token --resource {} --query accessToken -o tsv",
        t.cli_cloud_note(),
        t.audience()
    )
}

/// The role assignment that grants inference (A4): Cognitive Services OpenAI User, or
/// Cognitive Services User on a Foundry resource, at the resource that answers. Behind
/// a gateway that is the backend, and the principal is the gateway's managed identity
/// (A4: "Same fix when an APIM managed identity calls the backend"; B5), unless the
/// caller's own data-plane token was sent on.
fn role_fix(t: &Target, facts: &Facts) -> Vec<String> {
    let passes_token = facts
        .token
        .as_ref()
        .is_some_and(|tk| matches!(tk.kind, TokenKind::CognitiveServices(_)));
    let oid = facts.token.as_ref().and_then(|tk| tk.claims.oid.as_deref());
    let role = |kind: Option<&HostKind>| match kind {
        Some(HostKind::FoundryServices) => "Cognitive Services User",
        _ => "Cognitive Services OpenAI User",
    };
    let assign = |resource: &str, assignee: &str, role: &str| {
        format!(
            "RESOURCE_ID=$(az cognitiveservices account show --name {resource} --resource-group <resource-group> --query id -o tsv)\naz role assignment create --assignee {assignee} \\\n  --role \"{role}\" --scope \"$RESOURCE_ID\""
        )
    };
    let intro = "The token is accepted but its principal has no data-plane role. Owner and Contributor do not grant inference. Assign Cognitive Services OpenAI User (or Cognitive Services User for non-OpenAI Foundry models) at the resource, then wait about 5 minutes and get a fresh token.";
    let gateway = t.kind.as_ref().is_some_and(is_gateway);
    if !gateway || passes_token {
        let assignee = oid.unwrap_or("<object id (oid) of the user, app or managed identity>");
        let what = if oid.is_some() {
            "Azure CLI (the assignee is the token's `oid`):"
        } else {
            "Azure CLI (the assignee is the object id of the identity that gets the token):"
        };
        return vec![
            intro.into(),
            step_with(
                what,
                "sh",
                &assign(&t.resource, assignee, role(t.kind.as_ref())),
            ),
        ];
    }
    let (backend, backend_kind) = match &t.backend {
        Some(b) => (b.name.as_str(), Some(&b.kind)),
        None => ("<backend-resource-name>", None),
    };
    let named = match &t.backend {
        Some(_) => format!("The gateway forwards to the resource `{backend}`"),
        None => "The gateway forwards to an Azure OpenAI resource (its name is in the API's backend settings in API Management)".into(),
    };
    let identity = if t.kind == Some(HostKind::Apim) {
        format!(
            "PRINCIPAL_ID=$(az apim show --name {} --resource-group <gateway-resource-group> --query identity.principalId -o tsv)\n",
            t.resource
        )
    } else {
        "PRINCIPAL_ID=<object id of the gateway's managed identity>\n".into()
    };
    vec![
        format!("{named} and calls it with its own managed identity, and that resource refused the identity: it has no data-plane role there. Assign Cognitive Services OpenAI User (or Cognitive Services User for non-OpenAI Foundry models) to the gateway's managed identity at the backend resource, not at the gateway, then wait about 5 minutes. Owner and Contributor do not grant inference."),
        step_with(
            "Azure CLI (the assignee is the gateway's managed identity):",
            "sh",
            &format!("{identity}{}", assign(backend, "\"$PRINCIPAL_ID\"", role(backend_kind))),
        ),
    ]
}

/// The fix for a cause, specific to the facts of this case.
pub fn fix(id: CauseId, facts: &Facts) -> Vec<String> {
    let t = Target::of(facts);
    match id {
        CauseId::KeyInvalid if t.is_openai() && echo_is_another_key(facts) => vec![
            "OpenAI's echo is not the key pasted here, so the app sends another value: an old key left in an environment variable, a .env file, a secret store or a shell profile, which wins over the one you updated. Find where the client reads its key (`OPENAI_API_KEY` by default) and make it the pasted one; the pasted key itself may be fine.".into(),
            step_with("Check the pasted key on its own:", "sh", &curl_probe(facts)),
        ],
        CauseId::KeyInvalid if t.is_openai() => vec![
            "Create a new key at https://platform.openai.com/api-keys (the old one may be revoked, rotated or deleted) and update the app's secret.".into(),
            step_with("Check it works before redeploying:", "sh", &curl_probe(facts)),
        ],
        CauseId::KeyInvalid => vec![
            format!(
                "Copy Key 1 or Key 2 from the same resource as the endpoint ({}): Azure portal → the resource → Keys and Endpoint. Keys regenerated in the portal stop working at once.",
                t.resource
            ),
            step_with(
                "Or read it with the Azure CLI, into an environment variable rather than a file:",
                "sh",
                &format!(
                    "export AZURE_OPENAI_API_KEY=$(az cognitiveservices account keys list --name {} --resource-group <resource-group> --query key1 -o tsv)",
                    t.resource
                ),
            ),
            step_with("Then check it against the endpoint:", "sh", &curl_probe(facts)),
        ],
        CauseId::KeyMalformed if echo_fit(facts) == Some(crate::diag::read::evidence::EchoFit::CutShort) => vec![
            "The key arrives cut short: OpenAI's echo has fewer characters than the key pasted here, with the same beginning. Something on the way truncates it: a secret wrapped or folded at a fixed width (YAML, Helm, a 64- or 120-column line), a field with a length limit, or a copy that stopped early. Store the whole key on one line and compare its length where the app reads it.".into(),
            step_with(
                "Print the length the app sees (not the key):",
                "sh",
                "printf '%s' \"$OPENAI_API_KEY\" | wc -c",
            ),
        ],
        CauseId::KeyMalformed => vec![
            "Store the key exactly as shown in the portal: no quotes, no spaces, no line break, no `Bearer ` prefix. Re-type the surrounding quotes if it was copied from a chat or a document (typographic quotes are not quotes to a shell).".into(),
            step_with(
                "When writing it to a .env file, avoid the newline that `echo` adds, and strip it when reading:",
                "sh",
                "printf '%s' \"$AZURE_OPENAI_API_KEY\" > .secret-key   # no trailing newline\n# Python: api_key=os.environ[\"AZURE_OPENAI_API_KEY\"].strip()",
            ),
        ],
        CauseId::KeyMissing if t.is_openai() => vec![
            "The variable that should hold the key was empty or unset when the client was created. Check the name (`OPENAI_API_KEY`) and that the .env file is loaded in this environment (e.g. `load_dotenv()` before creating the client; the deployment's app settings in production).".into(),
            step_with("Check it from the same shell or container:", "sh", "test -n \"$OPENAI_API_KEY\" && echo set || echo MISSING\ncurl -i https://api.openai.com/v1/models -H \"Authorization: Bearer $OPENAI_API_KEY\""),
        ],
        CauseId::KeyMissing => vec![
            "No credential reached the service. Check the variable name the code reads (`AZURE_OPENAI_API_KEY`, not `AZURE_OPENAI_KEY`), that the .env file or app setting is loaded where the app runs, and that a proxy does not strip the header.".into(),
            step_with("Check it from the same shell or container:", "sh", &format!("test -n \"$AZURE_OPENAI_API_KEY\" && echo set || echo MISSING\n{}", curl_probe(facts))),
        ],
        CauseId::KeyWrongProvider if t.is_openai() => vec![
            "api.openai.com takes only OpenAI keys (`sk-…`). An Azure resource key, an OpenRouter key or another vendor's key will never work there.".into(),
            step_with(
                "If the model lives on Azure, point the client at the Azure resource instead:",
                "python",
                &python_key_client(&Target::placeholder_aoai(t)),
            ),
        ],
        CauseId::KeyWrongProvider => vec![
            "Use the resource's own key (Azure portal → the resource → Keys and Endpoint: 32 hex characters, or 84 characters on newer resources). An OpenAI `sk-` key, a subscription id, tenant id, client id or client-secret id is not an Azure OpenAI key.".into(),
            step_with("Read the key with the Azure CLI:", "sh", &format!("az cognitiveservices account keys list --name {} --resource-group <resource-group> --query key1 -o tsv", t.resource)),
        ],
        CauseId::ClientKnownBug => match facts.client.as_ref().and_then(|c| c.regression().map(|(r, v)| (c, r, v))) {
            Some((c, reg, version)) => vec![format!(
                "The configuration is right; {} {version} {}. Move to {}, reinstall, and run the same call again. Source: {}",
                c.name, reg.effect, reg.fixed, reg.source
            )],
            None => vec!["The configuration is right; this version of the client library sends the credential wrongly. Move to the fixed version named in the evidence (or back to the last version that worked), reinstall, and run the same call again.".into()],
        },
        CauseId::OpenaiAdminKey => vec![
            "Admin keys (`sk-admin-…`) reach only the Administration API. Create a project key (`sk-proj-…`) at https://platform.openai.com/api-keys for inference, and keep the admin key out of application configuration.".into(),
        ],
        CauseId::OpenaiKeyScope => vec![
            "The key is restricted or your project role lacks this permission. In https://platform.openai.com/api-keys edit the key: give Models Read and Model capabilities Write (or make it an unrestricted key), or ask an owner to raise your project role.".into(),
            "Note: a `GET /v1/models` probe can pass while `POST /v1/chat/completions` fails for a restricted key.".into(),
        ],
        CauseId::OpenaiOrgProject => vec![
            "Remove the `OpenAI-Organization` / `OpenAI-Project` header (the `OPENAI_ORG_ID` / `OPENAI_PROJECT_ID` variables, or `organization=` / `project=` in the client), or set them to the organization and project the key belongs to (see https://platform.openai.com/settings).".into(),
            step_with("Check which variables the environment sets:", "sh", "env | grep -E '^OPENAI_(ORG|ORGANIZATION|PROJECT)'"),
        ],
        CauseId::AuthHeaderWrong if t.is_apim() => vec![
            "Send the gateway's subscription key in the header the API expects: `Ocp-Apim-Subscription-Key` by default, or the name the API was configured with (often `api-key`). Send `Authorization: Bearer` only with an Entra ID token the gateway's validate-jwt policy accepts.".into(),
            step_with("Python, for a gateway that reads Ocp-Apim-Subscription-Key:", "python", &format!("client = AzureOpenAI(\n    azure_endpoint=\"{}\",\n    api_key=\"unused\",\n    default_headers={{\"Ocp-Apim-Subscription-Key\": os.environ[\"APIM_SUBSCRIPTION_KEY\"]}},\n    api_version=\"{RECOMMENDED_API_VERSION}\",\n)", t.root)),
        ],
        CauseId::AuthHeaderWrong if t.is_openai() => vec![
            "OpenAI reads the key only from `Authorization: Bearer <key>`, not from `api-key` or any other header. Use the `OpenAI` client (not `AzureOpenAI`) for api.openai.com.".into(),
        ],
        CauseId::AuthHeaderWrong if token_like(facts) => vec![
            "An Entra ID token goes in `Authorization: Bearer <token>`; Azure OpenAI reads no other header for it. Let the SDK send it with a token provider.".into(),
            step_with("Python:", "python", &python_token_client(&t)),
            step_with("curl:", "sh", &curl_probe_as(facts, AuthHeader::Authorization)),
        ],
        CauseId::AuthHeaderWrong if t.surface == Surface::Models => vec![
            "The model inference route (`/models`) reads a key from the `api-key` header; `Authorization: Bearer` is for Entra ID tokens there (a key in Bearer is not known to work on it). Send the key as `api-key`, or use the azure-ai-inference client, which sends it there.".into(),
            step_with("Python:", "python", &python_key_client(&t)),
            step_with("curl:", "sh", &curl_probe_as(facts, AuthHeader::ApiKey)),
        ],
        CauseId::AuthHeaderWrong => vec![
            "Azure keys go in the `api-key` header on `/openai/deployments/…` paths; `Authorization: Bearer` is for Entra ID tokens (the v1 API, `/openai/v1/`, also accepts a key there). Use `AzureOpenAI(api_key=…)`, which sends `api-key`.".into(),
            step_with("Python:", "python", &python_key_client(&t)),
            step_with("curl:", "sh", &curl_probe_as(facts, AuthHeader::ApiKey)),
        ],
        CauseId::TokenInApiKey => vec![
            "An Entra ID token must go in `Authorization: Bearer`, not in `api-key`. openai-python 2.34.0 and later send `api_key=` only as `api-key` (openai-python #3282), so pass the token as `azure_ad_token=` or, better, a token provider that refreshes it.".into(),
            step_with("Python:", "python", &python_token_client(&t)),
            step_with("If a gateway needs both headers, add Authorization yourself:", "python", "client = AzureOpenAI(..., api_key=os.environ[\"APIM_SUBSCRIPTION_KEY\"],\n    default_headers={\"Authorization\": f\"Bearer {token}\"})"),
        ],
        CauseId::TokenMalformed => vec![
            "Send the access token exactly as issued: `Authorization: Bearer <token>` with one `Bearer ` (the SDKs add it themselves), no quotes, no line breaks, nothing cut off. An encrypted (5-part) token or an opaque string is not an access token for Azure OpenAI.".into(),
            step_with("Get a fresh, complete token:", "sh", &get_token_cmd(&t)),
        ],
        CauseId::TokenExpired => vec![
            "Access tokens live 60–90 minutes. Don't fetch one at start-up and keep it: use a token provider, which caches and refreshes it before it expires.".into(),
            step_with("Python:", "python", &python_token_client(&t)),
            step_with("JavaScript:", "js", &js_token_client(&t)),
            step_with(".NET (the credential refreshes tokens itself):", "csharp", &dotnet_token_client(&t, &deployment_name(facts))),
        ],
        CauseId::TokenNotYetValid => vec![
            "The token's start time lies in the future of this clock: the clock of the machine that sent the request (or of this page) is wrong. Sync it with NTP and retry; Entra ID and clients allow only about 5 minutes of skew.".into(),
            step_with("Linux:", "sh", "timedatectl status\nsudo timedatectl set-ntp true"),
        ],
        CauseId::TokenAudience if t.control_plane => vec![
            format!(
                "Resource Manager (the control plane) accepts only tokens for its own audiences. Request the token for {} (scope `{}`); a token for cognitiveservices works only on the resource's own endpoint, for inference.",
                t.audience(),
                t.scope()
            ),
            step_with("Azure CLI:", "sh", &get_token_cmd(&t)),
            step_with(
                "Python (azure-identity):",
                "python",
                &format!(
                    "from azure.identity import DefaultAzureCredential\n\ntoken = DefaultAzureCredential().get_token(\"{}\").token",
                    t.scope()
                ),
            ),
        ],
        CauseId::TokenAudience => vec![
            format!(
                "Request the token for {} (scope `{}`), not for Resource Manager, Microsoft Graph or your own app, and send the access token, not the ID token.",
                t.audience(),
                t.scope()
            ),
            step_with("Azure CLI:", "sh", &get_token_cmd(&t)),
            step_with("Python:", "python", &python_token_client(&t)),
        ],
        CauseId::TokenWrongCloud => vec![
            format!(
                "Sign in to the resource's cloud and request the token for {}; a public-cloud token is not valid in Azure Government or China, nor the reverse.",
                t.audience()
            ),
            step_with("Azure CLI:", "sh", &get_token_cmd(&t)),
        ],
        CauseId::TokenWrongTenant => vec![
            "Sign in to the tenant that holds the Azure OpenAI resource with a work or school account (personal Microsoft accounts cannot hold Azure role assignments), and request the token from that tenant.".into(),
            step_with("Azure CLI:", "sh", &format!("az login --tenant <tenant id of the resource>\n{}", get_token_cmd(&t))),
        ],
        CauseId::RbacMissingRole => role_fix(&t, facts),
        CauseId::CredentialUnavailable => vec![
            "The app never got a token. Configure one credential where it runs: `az login` on a developer machine; AZURE_CLIENT_ID / AZURE_TENANT_ID / AZURE_CLIENT_SECRET for a service principal; or attach a managed identity to the App Service, VM or container (and set AZURE_CLIENT_ID to its client id for a user-assigned identity).".into(),
            step_with("Attach a user-assigned identity to a web app and find its ids:", "sh", "az webapp identity assign --name <app> --resource-group <rg> --identities <identity resource id>\naz identity show --name <identity> --resource-group <rg> --query \"{clientId:clientId, principalId:principalId}\""),
        ],
        CauseId::EntraSignInFailed => entra_fix(facts, &t),
        CauseId::KeyAuthDisabled => vec![
            "Key authentication is off on this resource (disableLocalAuth, often set by Azure Policy). Use Entra ID: a token provider plus the Cognitive Services OpenAI User role for the app's identity.".into(),
            step_with("Python:", "python", &python_token_client(&t)),
            step_with("Or, if policy allows, turn keys back on:", "sh", &format!("az resource update --ids $(az cognitiveservices account show --name {} --resource-group <resource-group> --query id -o tsv) --set properties.disableLocalAuth=false", t.resource)),
        ],
        CauseId::RegionalEndpointToken => vec![
            "Entra ID tokens work only on the resource's custom subdomain, not on the regional endpoint. Use `https://<resource-name>.openai.azure.com/` (or the endpoint shown in the portal), or send the key in `api-key` instead.".into(),
            step_with("Find the custom subdomain:", "sh", "az cognitiveservices account show --name <resource-name> --resource-group <resource-group> --query properties.endpoint -o tsv"),
        ],
        CauseId::EndpointInvalid => endpoint_fix(facts, &t),
        CauseId::ResourceNotFound => vec![
            "No resource answers to this name. Check the spelling against the portal (Keys and Endpoint), that the resource was not deleted, and give a newly created resource a few minutes for DNS.".into(),
            step_with("List the resources you can see:", "sh", "az cognitiveservices account list --query \"[].{name:name, endpoint:properties.endpoint}\" -o table"),
        ],
        CauseId::DeploymentNotFound => vec![
            "Use the deployment name exactly as shown in the portal (Foundry → Deployments), not the model name: e.g. a deployment called `contoso-chat` running `gpt-4o`. A deployment created in the last 5 minutes may not route yet. Authentication worked.".into(),
            step_with("List the deployments of this resource:", "sh", &format!("az cognitiveservices account deployment list --name {} --resource-group <resource-group> --query \"[].{{deployment:name, model:properties.model.name}}\" -o table", t.resource)),
        ],
        CauseId::ApiVersionInvalid if facts.api_version.padded => vec![
            format!(
                "The api-version goes out as `api-version={}`: whitespace or a control character rides along with it. A carriage return usually comes from a .env or config file saved with Windows line endings (CRLF); strip the value where it is read (`.strip()` in Python, `.trim()` in JavaScript and C#), or save the file with LF line endings (`dos2unix .env`).",
                crate::diag::read::inputs::api_version_as_sent(facts.api_version.value.as_deref().unwrap_or(""))
            ),
        ],
        CauseId::ApiVersionInvalid => vec![
            format!(
                "Set api-version to a real, current version: `{RECOMMENDED_API_VERSION}` (GA), a recent preview, or use the v1 API (`{}/openai/v1/`) which needs none. Quote it in YAML (`api_version: \"{RECOMMENDED_API_VERSION}\"`) so it stays a string; a model version such as `1106-Preview` is not an api-version.",
                t.root
            ),
        ],
        CauseId::PathNotFound => vec![
            format!(
                "Give the SDK only the base URL (`{}/`) and let it build the path; don't include `/openai/deployments/…` or a double slash. OpenAI-style paths (`/v1/chat/completions`) exist on Azure only under `/openai/v1/`.",
                t.base
            ),
            step_with("curl:", "sh", &curl_probe(facts)),
        ],
        CauseId::ApimSubscriptionKey => vec![
            "The gateway wants its own subscription key, not the Azure OpenAI key: from the API Management portal (Subscriptions), in the header the API is configured for — `Ocp-Apim-Subscription-Key` by default, often renamed `api-key` for Azure OpenAI APIs.".into(),
            step_with("curl:", "sh", &format!("curl -i \"{}/openai/deployments/<deployment>/chat/completions?api-version={RECOMMENDED_API_VERSION}\" \\\n  -H \"Ocp-Apim-Subscription-Key: $APIM_SUBSCRIPTION_KEY\" \\\n  -H \"Content-Type: application/json\" -d '{{\"messages\":[{{\"role\":\"user\",\"content\":\"ping\"}}],\"max_tokens\":1}}'", t.root)),
        ],
        CauseId::ApimTokenRejected => apim_token_fix(facts),
        CauseId::NetworkRestricted => vec![
            "This is a network rule, not your credential. Call from inside the allowed virtual network or through the private endpoint (check that the resource name resolves to a private IP there), or add your public IP to the resource's firewall, or enable public access if policy allows.".into(),
            step_with("Check what the name resolves to from where the app runs:", "sh", &format!("nslookup {}", facts.parsed_endpoint().map_or("<resource-name>.openai.azure.com".to_string(), |p| p.host.clone()))),
        ],
        CauseId::RegionNotSupported => vec![
            "OpenAI judges the country by the egress IP of the machine that sends the request (a server, a VPN, an edge function). Send the request from a supported region.".into(),
        ],
        CauseId::QuotaOrRateLimit => vec![
            "Authentication worked. For OpenAI `insufficient_quota`: add billing or credits — a new key will not help. For Azure: raise the deployment's tokens-per-minute quota (a deployment created with 0 TPM answers every call with 'retry after 86400 seconds'), or back off and retry after the time the message gives.".into(),
        ],
    }
}

/// What to change when a gateway's validate-jwt policy refused the call (B4). The
/// audience advice is given only when the audience is in doubt: not when no token reached
/// the policy, and not when the token already names an app of its own (`api://…`), which
/// is what a gateway's policy usually expects.
fn apim_token_fix(facts: &Facts) -> Vec<String> {
    use crate::diag::read::evidence::Signature;
    use crate::diag::read::token::TimeStatus;
    let owner = "Ask the gateway's owner for the policy's `<audiences>` and `<issuers>`, or read them in the API's inbound policy in the APIM portal.";
    if facts.evidence.has(Signature::ApimJwtNotPresent) {
        return vec![
            "No token reached the gateway's validate-jwt policy, which reads `Authorization: Bearer <token>` unless it was set up with another header. Send the token there: openai-python 2.34.0 and later send `api_key=` only as `api-key`, so pass the token as `azure_ad_token=` or a token provider; and check that no proxy on the way strips `Authorization`.".into(),
            step_with(
                "Check that the gateway accepts the token when it is sent in `Authorization`:",
                "sh",
                &curl_probe_as(facts, AuthHeader::Authorization),
            ),
        ];
    }
    let token = facts.token.as_ref();
    if token.is_some_and(|t| matches!(t.time, Some(TimeStatus::Expired { .. }))) {
        return vec![
            "The token had expired when the gateway checked it. A validate-jwt policy allows 0 seconds of clock skew by default, so refresh tokens a few minutes before `exp`, not at it: use a token provider, which refreshes early.".into(),
            owner.into(),
        ];
    }
    if let Some(aud) = token.and_then(|t| match &t.kind {
        TokenKind::OwnApi(aud) => Some(aud.clone()),
        _ => None,
    }) {
        return vec![
            format!("The token is for an application's own API (`{aud}`), which is what a gateway's policy usually expects, so its audience is probably right. Compare it, the issuer (tenant) and the required claims with what the policy lists; the policy's clock skew defaults to 0 seconds."),
            owner.into(),
        ];
    }
    vec![
        "The gateway's validate-jwt policy rejected the token. Request a token for the audience the policy expects (usually the gateway's own app registration, `api://<app id>/.default`, not cognitiveservices), from the issuer it trusts, and refresh it early: the policy's clock skew defaults to 0 seconds.".into(),
        owner.into(),
    ]
}

fn entra_fix(facts: &Facts, t: &Target) -> Vec<String> {
    let codes = &facts.evidence.aadsts;
    let mut out = Vec::new();
    for code in codes {
        let line = match code {
            70011 => format!("AADSTS70011: ask for the scope `{}` — the resource URI plus `/.default`.", t.scope()),
            7000215 => "AADSTS7000215: AZURE_CLIENT_SECRET holds the secret's ID (a GUID). Put the secret's Value there: it is shown only once, when the secret is created, so create a new one if needed.".into(),
            7000222 => "AADSTS7000222: the client secret has expired; create a new one and update the app.".into(),
            500011 => format!("AADSTS500011: the resource in the scope does not exist in this tenant or cloud. Check the spelling (`{}`) and that the authority matches the resource's cloud.", t.scope()),
            700016 => "AADSTS700016: the application (AZURE_CLIENT_ID) was not found in this tenant (AZURE_TENANT_ID); check both values.".into(),
            90002 => "AADSTS90002: the tenant was not found; check AZURE_TENANT_ID and the cloud's authority.".into(),
            50173 | 700082 => "The refresh token is revoked or expired: run `az login` again (or sign in again in the app).".into(),
            700024 => "AADSTS700024: the federated assertion is outside its time range; fetch a fresh OIDC token and check the clock.".into(),
            65001 => "AADSTS65001: consent is missing; an admin must grant the app's permission.".into(),
            _ => continue,
        };
        out.push(line);
    }
    if out.is_empty() {
        out.push("Entra ID refused to issue the token; the AADSTS code in the message names the reason (look it up at https://login.microsoftonline.com/error?code=<number>).".into());
    }
    out.push(step_with(
        "Check the sign-in outside the app:",
        "sh",
        &get_token_cmd(t),
    ));
    out
}

fn endpoint_fix(facts: &Facts, t: &Target) -> Vec<String> {
    let p = facts.parsed_endpoint();
    let mut out = Vec::new();
    match p.map(|p| &p.kind) {
        Some(HostKind::Portal) => out.push(
            "That is a portal page, not the API. Use the endpoint from the resource's Keys and Endpoint page: `https://<resource-name>.openai.azure.com/` (or `.cognitiveservices.azure.com/`, `.services.ai.azure.com/`).".into(),
        ),
        Some(HostKind::PrivateLinkZone) => out.push(
            "Call the resource by its public name (`https://<resource-name>.openai.azure.com/`); the privatelink zone is only where DNS resolves it to the private IP.".into(),
        ),
        _ => {}
    }
    if p.is_some() {
        // What the client appends on each surface (4.3).
        let adds = match t.surface {
            Surface::Classic => "The SDK adds `/openai/deployments/<deployment>/…` and the api-version itself.",
            Surface::V1 | Surface::OpenAi => "The client adds the operation (`/chat/completions`, `/models`, …); no api-version is needed.",
            Surface::Models => "The client adds `/chat/completions` and the api-version; the deployment goes in the body's `model`.",
            Surface::Project => "The project client builds its own paths.",
        };
        out.push(format!(
            "Set the endpoint to the base URL only: `{}/`. {adds}",
            t.base
        ));
        if t.kind
            .as_ref()
            .is_some_and(|k| !matches!(k, HostKind::Portal))
        {
            out.push(step_with("Python:", "python", &python_key_client(t)));
        }
    } else {
        out.push("Use `https://<resource-name>.openai.azure.com/` for Azure OpenAI, or `https://api.openai.com/v1` for OpenAI.".into());
    }
    out
}

/// True when the token kind's cloud differs from the endpoint's.
pub fn token_cloud_differs(kind: &TokenKind, endpoint_cloud: Option<Cloud>) -> bool {
    match (kind, endpoint_cloud) {
        (TokenKind::CognitiveServices(c), Some(e)) => *c != e,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diag::Case;
    use base64::Engine;

    const NOW: i64 = 1_795_424_400; // 2026-11-23T09:00:00Z
    const KEY: &str = "9d2f6a1c04b84e7f93a5c1d2e8f7b6a0";

    /// An unsigned token for `aud`, valid at [`NOW`].
    fn token(aud: &str) -> String {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        let claims = format!(
            r#"{{"aud":"{aud}","iss":"https://sts.windows.net/5b1c7e2a-0d3f-4c6b-9a8e-1f2d3c4b5a69/","tid":"5b1c7e2a-0d3f-4c6b-9a8e-1f2d3c4b5a69","oid":"0a1b2c3d-4e5f-4a6b-8c7d-9e0f1a2b3c4d","iat":{},"nbf":{},"exp":{},"ver":"1.0"}}"#,
            NOW - 600,
            NOW - 600,
            NOW + 3000
        );
        format!(
            "{}.{}.{}",
            b64(r#"{"typ":"JWT","alg":"RS256","kid":"k1"}"#),
            b64(&claims),
            b64(&"synthetic signature, not a real one. ".repeat(8)[..256])
        )
    }

    /// Every `https://…` URL in `text`, up to a quote, space, backtick or line end.
    fn urls(text: &str) -> Vec<&str> {
        text.match_indices("https://")
            .filter_map(|(i, _)| {
                let rest = text.get(i..)?;
                let end = rest
                    .find(['"', '\'', ' ', '`', '\n', ')', ','])
                    .unwrap_or(rest.len());
                rest.get(..end)
            })
            .collect()
    }

    /// The causes OpenAI's answers can lead to (auth-failures.md 1.C).
    const OPENAI_CAUSES: &[CauseId] = &[
        CauseId::KeyInvalid,
        CauseId::KeyMalformed,
        CauseId::KeyMissing,
        CauseId::KeyWrongProvider,
        CauseId::OpenaiAdminKey,
        CauseId::OpenaiKeyScope,
        CauseId::OpenaiOrgProject,
        CauseId::AuthHeaderWrong,
        CauseId::RegionNotSupported,
        CauseId::QuotaOrRateLimit,
        CauseId::EndpointInvalid,
        CauseId::PathNotFound,
    ];

    /// Every copyable text a report can give for this case: each cause's fix (on
    /// OpenAI, each cause it can have), the probe with each header, and the token
    /// command for Azure.
    fn texts(case: &Case) -> Vec<String> {
        let facts = Facts::gather(case, NOW);
        let openai = Target::of(&facts).is_openai();
        let causes = if openai { OPENAI_CAUSES } else { CauseId::ALL };
        let mut out: Vec<String> = causes.iter().flat_map(|&id| fix(id, &facts)).collect();
        for h in [
            AuthHeader::ApiKey,
            AuthHeader::Authorization,
            AuthHeader::ApimSubscription,
        ] {
            out.push(curl_probe_as(&facts, h));
        }
        out.push(curl_probe(&facts));
        if !openai {
            out.push(token_command(&facts));
        }
        out
    }

    /// One endpoint of each kind the engine knows, with the audience its tokens need
    /// (auth-failures.md 3.1, 4.1, 4.3); `None` for OpenAI, which takes no Entra token.
    const KINDS: &[(&str, Option<&str>)] = &[
        ("https://contoso.openai.azure.com/", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.openai.azure.com/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.openai.azure.com/openai/v1/", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.openai.azure.com/openai/v1/chat/completions", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.cognitiveservices.azure.com/", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.services.ai.azure.com/openai/v1/", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.services.ai.azure.com/models", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.services.ai.azure.com/models/chat/completions?api-version=2024-05-01-preview", Some("https://cognitiveservices.azure.com")),
        ("https://contoso.services.ai.azure.com/api/projects/agents", Some("https://ai.azure.com")),
        ("https://contoso.services.ai.azure.com/api/projects/agents/openai/v1", Some("https://ai.azure.com")),
        ("https://contoso-gw.azure-api.net/", Some("https://cognitiveservices.azure.com")),
        ("https://contoso-gw.azure-api.net/my-api/openai", Some("https://cognitiveservices.azure.com")),
        ("https://llm.contoso.example/aoai/openai/deployments/gpt4o/chat/completions?api-version=2024-10-21", Some("https://cognitiveservices.azure.com")),
        ("https://api.openai.com/v1", None),
        ("https://contoso.openai.azure.us/", Some("https://cognitiveservices.azure.us")),
        ("https://contoso.cognitiveservices.azure.cn/", Some("https://cognitiveservices.azure.cn")),
    ];

    /// Checks one copyable text against the rules of its endpoint; returns what breaks.
    fn broken(text: &str, host: &str, audience: Option<&str>) -> Vec<String> {
        let mut bad = Vec::new();
        for url in urls(text) {
            let path = url
                .get(8..)
                .and_then(|r| r.find('/').map(|i| &r[i..]))
                .unwrap_or("");
            let path = path.split('?').next().unwrap_or("");
            let segments: Vec<&str> = path.split('/').skip(1).collect();
            let repeated =
                (1..=2).any(|k| segments.windows(2 * k).any(|w| w.get(..k) == w.get(k..)));
            if repeated || path.contains("//") {
                bad.push(format!("doubled segment in {url}"));
            }
            if let Some(i) = path.find("/models") {
                if path.get(i..).is_some_and(|r| r.contains("/openai")) {
                    bad.push(format!("/openai after /models in {url}"));
                }
            }
            if let Some(i) = path.find("/api/projects/") {
                let after = path.get(i + 14..).unwrap_or("");
                let rest = after.split_once('/').map_or("", |(_, r)| r);
                if !(rest.is_empty() || rest.starts_with("openai/v1")) {
                    bad.push(format!(
                        "a project path takes only /openai/v1 after it: {url}"
                    ));
                }
            }
            if path.contains("/openai/v1") && url.contains("api-version") {
                bad.push(format!("api-version on a v1 URL: {url}"));
            }
            if path.contains("/models/chat") && !url.contains(MODELS_API_VERSION) {
                bad.push(format!("/models without its api-version: {url}"));
            }
            let api_call = ["/openai", "/models", "/chat/completions", "/api/projects"]
                .iter()
                .any(|s| path.contains(s));
            let url_host = url.get(8..).and_then(|r| r.split('/').next()).unwrap_or("");
            if audience.is_none() && url_host == host && url.contains("api-version") {
                bad.push(format!("api-version on OpenAI: {url}"));
            }
            if api_call && url_host != host && !url_host.starts_with('<') {
                bad.push(format!("{url} calls another host than {host}"));
            }
        }
        // Every audience or scope requested is the one this endpoint wants.
        let requested = text
            .match_indices("--resource ")
            .filter_map(|(i, m)| text.get(i + m.len()..)?.split_whitespace().next())
            .chain(
                text.match_indices("/.default")
                    .filter_map(|(i, _)| text.get(..i)?.rsplit(['"', '`', '\'']).next()),
            )
            // A placeholder (`api://<app id>`) names no audience.
            .filter(|a| !a.contains(['<', ' ']));
        for aud in requested {
            if Some(aud) != audience {
                bad.push(format!("audience {aud}, want {audience:?}"));
            }
        }
        let cloud_cmd = audience.is_some_and(|a| !a.ends_with(".com"));
        if cloud_cmd
            && text.contains("az account get-access-token")
            && !text.contains("az cloud set")
        {
            bad.push("a sovereign-cloud token command without `az cloud set`".into());
        }
        bad
    }

    #[test]
    fn every_endpoint_kind_gets_templates_that_fit_it() {
        let mut failures = Vec::new();
        for &(endpoint, audience) in KINDS {
            let host = endpoint
                .get(8..)
                .and_then(|r| r.split('/').next())
                .unwrap_or("");
            let openai_key =
                "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x";
            let creds: Vec<(String, &str)> = match audience {
                Some(aud) => vec![
                    (KEY.into(), "api-key"),
                    (KEY.into(), "authorization"),
                    (token(aud), "authorization"),
                ],
                None => vec![(openai_key.into(), "authorization")],
            };
            for (cred, header) in creds {
                let case = Case {
                    endpoint: Some(endpoint.into()),
                    credential: Some(cred.clone().into()),
                    auth_header: Some(header.into()),
                    deployment: Some("gpt4o".into()),
                    ..Case::default()
                };
                for text in texts(&case) {
                    for b in broken(&text, host, audience) {
                        failures.push(format!("{endpoint} ({header}): {b}\n{text}"));
                    }
                    assert!(
                        !text.contains(&cred),
                        "{endpoint}: a template quotes the credential"
                    );
                }
            }
        }
        assert!(failures.is_empty(), "{}", failures.join("\n\n"));
    }

    #[test]
    fn rbac_behind_a_gateway_targets_the_backend_and_the_gateway_identity() {
        let rbac = |text: &str| {
            let case = Case {
                endpoint: Some("https://contoso-gw.azure-api.net/".into()),
                credential: Some(KEY.into()),
                auth_header: Some("api-key".into()),
                error_text: Some(text.into()),
                ..Case::default()
            };
            fix(CauseId::RbacMissingRole, &Facts::gather(&case, NOW)).join("\n")
        };
        let denied = r#"{"error":{"code":"PermissionDenied","message":"Principal does not have access to API/Operation."}}"#;
        let traced = rbac(&format!(
            "forward-request: POST https://Fabrikam-EUS2.openai.azure.com/openai/deployments/x/chat/completions\n{denied}"
        ));
        assert!(traced.contains("--name fabrikam-eus2 "), "{traced}");
        assert!(
            !traced.contains("--name contoso-gw --resource-group <resource-group>"),
            "{traced}"
        );
        assert!(
            traced.contains("az apim show --name contoso-gw"),
            "{traced}"
        );
        assert!(!traced.contains("token's `oid`"), "{traced}");
        let untraced = rbac(denied);
        assert!(
            untraced.contains("--name <backend-resource-name>"),
            "{untraced}"
        );
        assert!(
            untraced.contains("gateway's managed identity"),
            "{untraced}"
        );
        // A private-link zone name is no backend resource.
        let zone = rbac(&format!("privatelink.openai.azure.com\n{denied}"));
        assert!(zone.contains("<backend-resource-name>"), "{zone}");
    }

    #[test]
    fn a_foundry_project_gets_the_ai_azure_com_scope_in_every_language() {
        let case = Case {
            endpoint: Some("https://contoso.services.ai.azure.com/api/projects/agents".into()),
            credential: Some(token("https://ai.azure.com").into()),
            auth_header: Some("authorization".into()),
            ..Case::default()
        };
        let fixes = fix(CauseId::TokenExpired, &Facts::gather(&case, NOW));
        for lang in ["```python", "```js", "```csharp"] {
            let block = fixes.iter().find(|f| f.contains(lang));
            assert!(
                block.is_some_and(|b| b.contains("https://ai.azure.com/.default")
                    && !b.contains("AzureOpenAI")
                    && !b.contains("api-version")),
                "{lang}: {block:?}"
            );
        }
    }

    #[test]
    fn the_checker_catches_the_templates_it_is_meant_to_reject() {
        let cs = Some("https://cognitiveservices.azure.com");
        let host = "x.services.ai.azure.com";
        for wrong in [
            "curl -i \"https://x.services.ai.azure.com/models/openai/models?api-version=2024-10-21\"",
            "AzureOpenAI(azure_endpoint=\"https://x.services.ai.azure.com/api/projects/p/openai/models?api-version=2024-10-21\")",
            "curl -i \"https://x.services.ai.azure.com/openai/v1/openai/v1/models\"",
            "az account get-access-token --resource https://management.azure.com",
            "get_bearer_token_provider(DefaultAzureCredential(), \"https://ai.azure.com/.default\")",
            "curl -i \"https://other.openai.azure.com/openai/models?api-version=2024-10-21\"",
        ] {
            assert!(!broken(wrong, host, cs).is_empty(), "passed: {wrong}");
        }
        assert!(broken(
            "curl -i \"https://x.services.ai.azure.com/openai/v1/models\"\naz account get-access-token --resource https://cognitiveservices.azure.com",
            host,
            cs
        )
        .is_empty());
    }
}
