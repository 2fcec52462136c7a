//! Fixes a user can act on: concrete steps and, where it helps, the exact command or
//! code with placeholders. Never a secret: keys and tokens appear only as environment
//! variable placeholders (`$AZURE_OPENAI_API_KEY`).
//!
//! Convention shared with the page: a step that carries a command or code is written as
//! an explanation, a blank line, and one Markdown fenced block; the page shows a copy
//! button for the block.

use super::cause::CauseId;
use super::endpoint::{Cloud, HostKind, ParsedEndpoint, PathShape};
use super::inputs::AuthHeader;
use super::jwt::TokenKind;
use super::Facts;

/// The GA api-version to recommend (auth-failures.md 6.2: "Latest GA API release: 2024-10-21").
pub const RECOMMENDED_API_VERSION: &str = "2024-10-21";

/// A step with a command: explanation, then a fenced block.
fn step_with(text: &str, lang: &str, code: &str) -> String {
    format!("{text}\n\n```{lang}\n{code}\n```")
}

/// What the endpoint facts say about the target, with placeholders where unknown.
struct Target {
    /// Base URL to show in commands (`https://<resource>.openai.azure.com`).
    base: String,
    /// Resource name or a placeholder.
    resource: String,
    /// The cloud (public when unknown).
    cloud: Cloud,
    /// Host kind, when known.
    kind: Option<HostKind>,
    /// The endpoint is a Foundry project path.
    foundry_project: bool,
    /// The audience the answering side wants when it is not the data plane's: a gateway's
    /// own app, named by the `api://…` token sent to it (B4), or Resource Manager's (A14).
    audience_override: Option<String>,
    /// Resource Manager answered a control-plane call (A14): fixes are about ARM tokens.
    control_plane: bool,
}

impl Target {
    fn of(facts: &Facts) -> Target {
        let p = facts.parsed_endpoint();
        let resource = p
            .and_then(|p| p.resource.clone())
            .filter(|r| !r.is_empty())
            .unwrap_or_else(|| "<resource-name>".to_string());
        let base = p
            .map(base_url)
            .unwrap_or_else(|| "https://<resource-name>.openai.azure.com".to_string());
        let arm = arm_audience(facts);
        Target {
            base,
            resource,
            cloud: p.and_then(|p| p.cloud).unwrap_or(Cloud::Public),
            kind: p.map(|p| p.kind.clone()),
            foundry_project: p.is_some_and(|p| p.path_shape == PathShape::FoundryProject),
            audience_override: arm.clone().or_else(|| gateway_audience(facts)),
            control_plane: arm.is_some(),
        }
    }

    /// The resource URI tokens must be issued for.
    fn audience(&self) -> &str {
        if let Some(a) = &self.audience_override {
            return a;
        }
        if self.foundry_project {
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
/// that was called, else the one [`ARM_HOSTS`](super::known::hosts::ARM_HOSTS) names, else
/// the first without a trailing slash. Without the list (a cut
/// paste), an ARM operation still wants ARM's audience.
fn arm_audience(facts: &Facts) -> Option<String> {
    use super::evidence::Signature;
    let host = facts.parsed_endpoint().map(|p| p.host.to_ascii_lowercase());
    let arm_call = facts
        .parsed_endpoint()
        .is_some_and(|p| super::known::hosts::is_arm_operation(&p.host, &p.path));
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
        super::known::hosts::ARM_HOSTS
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
            super::known::hosts::ARM_HOSTS
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

/// The base URL an SDK wants: the suggested base when the pasted one is not, else the
/// scheme and host (plus an APIM API suffix).
pub fn base_url(p: &ParsedEndpoint) -> String {
    if let Some(s) = &p.suggested_base {
        return s.trim_end_matches('/').to_string();
    }
    let host = format!("https://{}", p.host);
    match p.path_shape {
        PathShape::Root | PathShape::Deployments | PathShape::OpenAiPrefix | PathShape::V1 => host,
        PathShape::FoundryProject
        | PathShape::Models
        | PathShape::OpenAiStyleV1
        | PathShape::Other => {
            format!("{host}{}", p.path.trim_end_matches('/'))
        }
    }
}

/// The `curl -i` command that would show what the service says, with the secret as an
/// environment variable. Spends no tokens: it lists models.
pub fn curl_probe(facts: &Facts) -> String {
    curl_probe_as(facts, facts.auth_header)
}

/// How OpenAI's echo of the key it got compares with the pasted credential (C1).
fn echo_fit(facts: &Facts) -> Option<super::evidence::EchoFit> {
    let c = facts.credential.as_ref()?;
    facts.evidence.echo.as_ref()?.fit(c.cleaned.expose())
}

/// OpenAI's echo of the key it got is another value than the pasted credential (C1).
fn echo_is_another_key(facts: &Facts) -> bool {
    echo_fit(facts) == Some(super::evidence::EchoFit::Other)
}

/// The app sends a token (the credential is a JWT, or only a token was given).
fn token_like(facts: &Facts) -> bool {
    facts.credential.as_ref().is_some_and(|c| {
        matches!(
            c.shape,
            super::credential::Shape::Jwt | super::credential::Shape::Jwe
        )
    }) || (facts.credential.is_none() && facts.token.is_some())
}

/// [`curl_probe`] with the credential sent the way `header` says (to show a corrected call).
pub fn curl_probe_as(facts: &Facts, header: AuthHeader) -> String {
    let t = Target::of(facts);
    let token_like = token_like(facts);
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
                super::inputs::ApiVersionStatus::Ga | super::inputs::ApiVersionStatus::Preview
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
    let base = if t.is_apim() {
        // A gateway's API suffix is part of the base (e.g. /openai or /my-api/openai).
        t.base.trim_end_matches("/openai").to_string()
    } else {
        t.base.clone()
    };
    // A key in `Authorization: Bearer` works on the v1 API only (5.3: "On classic paths a
    // key in Bearer → A2"), so its probe is the v1 models list (4.4), which also fits an
    // app set up for `/openai/v1/`.
    let v1 = key_as_bearer
        || facts
            .parsed_endpoint()
            .is_some_and(|p| p.path_shape == PathShape::V1);
    let url = if v1 {
        format!("{base}/openai/v1/models")
    } else {
        format!("{base}/openai/models?api-version={api_version}")
    };
    let mut cmd = format!("curl -i \"{url}\" \\\n  -H \"{header}\"");
    if token_like {
        cmd = format!(
            "AZURE_OPENAI_AD_TOKEN=$(az account get-access-token --resource {} --query accessToken -o tsv)\n{cmd}",
            t.audience()
        );
    }
    cmd
}

fn python_key_client(t: &Target) -> String {
    format!(
        "import os\nfrom openai import AzureOpenAI\n\nclient = AzureOpenAI(\n    azure_endpoint=\"{}\",\n    api_key=os.environ[\"AZURE_OPENAI_API_KEY\"].strip(),\n    api_version=\"{RECOMMENDED_API_VERSION}\",\n)",
        t.base
    )
}

fn python_token_client(t: &Target) -> String {
    format!(
        "from azure.identity import DefaultAzureCredential, get_bearer_token_provider\nfrom openai import AzureOpenAI\n\ntoken_provider = get_bearer_token_provider(\n    DefaultAzureCredential(), \"{}\"\n)\nclient = AzureOpenAI(\n    azure_endpoint=\"{}\",\n    azure_ad_token_provider=token_provider,  # refreshes before expiry\n    api_version=\"{RECOMMENDED_API_VERSION}\",\n)",
        t.scope(),
        t.base
    )
}

fn dotnet_token_client(t: &Target) -> String {
    format!(
        "using Azure.AI.OpenAI;\nusing Azure.Identity;\n\nvar client = new AzureOpenAIClient(\n    new Uri(\"{}\"),\n    new DefaultAzureCredential());",
        t.base
    )
}

fn js_token_client(t: &Target) -> String {
    format!(
        "import {{ AzureOpenAI }} from \"openai\";\nimport {{ DefaultAzureCredential, getBearerTokenProvider }} from \"@azure/identity\";\n\nconst azureADTokenProvider = getBearerTokenProvider(\n  new DefaultAzureCredential(), \"{}\");\nconst client = new AzureOpenAI({{\n  endpoint: \"{}\",\n  azureADTokenProvider,\n  apiVersion: \"{RECOMMENDED_API_VERSION}\",\n}});",
        t.scope(),
        t.base
    )
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

fn role_cmd(t: &Target, oid: Option<&str>) -> String {
    let assignee = oid.unwrap_or("<object id (oid) of the user, app or managed identity>");
    let role = if t.kind == Some(HostKind::FoundryServices) {
        "Cognitive Services User"
    } else {
        "Cognitive Services OpenAI User"
    };
    format!(
        "RESOURCE_ID=$(az cognitiveservices account show --name {} --resource-group <resource-group> --query id -o tsv)\naz role assignment create --assignee {assignee} \\\n  --role \"{role}\" --scope \"$RESOURCE_ID\"",
        t.resource
    )
}

/// The fix for a cause, specific to the facts of this case.
pub fn fix(id: CauseId, facts: &Facts) -> Vec<String> {
    let t = Target::of(facts);
    let oid = facts.token.as_ref().and_then(|tk| tk.claims.oid.as_deref());
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
        CauseId::KeyMalformed if echo_fit(facts) == Some(super::evidence::EchoFit::CutShort) => vec![
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
                &python_key_client(&Target { base: "https://<resource-name>.openai.azure.com".into(), ..t }),
            ),
        ],
        CauseId::KeyWrongProvider => vec![
            "Use the resource's own key (Azure portal → the resource → Keys and Endpoint: 32 hex characters, or 84 characters on newer resources). An OpenAI `sk-` key, a subscription id, tenant id, client id or client-secret id is not an Azure OpenAI key.".into(),
            step_with("Read the key with the Azure CLI:", "sh", &format!("az cognitiveservices account keys list --name {} --resource-group <resource-group> --query key1 -o tsv", t.resource)),
        ],
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
            step_with("Python, for a gateway that reads Ocp-Apim-Subscription-Key:", "python", &format!("client = AzureOpenAI(\n    azure_endpoint=\"{}\",\n    api_key=\"unused\",\n    default_headers={{\"Ocp-Apim-Subscription-Key\": os.environ[\"APIM_SUBSCRIPTION_KEY\"]}},\n    api_version=\"{RECOMMENDED_API_VERSION}\",\n)", t.base)),
        ],
        CauseId::AuthHeaderWrong if t.is_openai() => vec![
            "OpenAI reads the key only from `Authorization: Bearer <key>`, not from `api-key` or any other header. Use the `OpenAI` client (not `AzureOpenAI`) for api.openai.com.".into(),
        ],
        CauseId::AuthHeaderWrong if token_like(facts) => vec![
            "An Entra ID token goes in `Authorization: Bearer <token>`; Azure OpenAI reads no other header for it. Let the SDK send it with a token provider.".into(),
            step_with("Python:", "python", &python_token_client(&t)),
            step_with("curl:", "sh", &curl_probe_as(facts, AuthHeader::Authorization)),
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
            step_with(".NET (the credential refreshes tokens itself):", "csharp", &dotnet_token_client(&t)),
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
        CauseId::RbacMissingRole => vec![
            "The token is accepted but its principal has no data-plane role. Owner and Contributor do not grant inference. Assign Cognitive Services OpenAI User (or Cognitive Services User for non-OpenAI Foundry models) at the resource, then wait about 5 minutes and get a fresh token.".into(),
            step_with("Azure CLI (the assignee is the token's `oid`):", "sh", &role_cmd(&t, oid)),
        ],
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
                super::inputs::api_version_as_sent(facts.api_version.value.as_deref().unwrap_or(""))
            ),
        ],
        CauseId::ApiVersionInvalid => vec![
            format!(
                "Set api-version to a real, current version: `{RECOMMENDED_API_VERSION}` (GA), a recent preview, or use the v1 API (`{}/openai/v1/`) which needs none. Quote it in YAML (`api_version: \"{RECOMMENDED_API_VERSION}\"`) so it stays a string; a model version such as `1106-Preview` is not an api-version.",
                t.base
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
            step_with("curl:", "sh", &format!("curl -i \"{}/deployments/<deployment>/chat/completions?api-version={RECOMMENDED_API_VERSION}\" \\\n  -H \"Ocp-Apim-Subscription-Key: $APIM_SUBSCRIPTION_KEY\" \\\n  -H \"Content-Type: application/json\" -d '{{\"messages\":[{{\"role\":\"user\",\"content\":\"ping\"}}],\"max_tokens\":1}}'", t.base)),
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
    use super::evidence::Signature;
    use super::jwt::TimeStatus;
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
    let base = p.map(base_url);
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
    if let Some(b) = base {
        out.push(format!("Set the endpoint to the base URL only: `{b}/`. The SDK adds `/openai/deployments/<deployment>/…` and the api-version itself."));
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
