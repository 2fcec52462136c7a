//! Names an app's configuration uses: the environment variables the OpenAI and Azure
//! SDKs and common samples read, and the SDK constructor arguments and settings keys,
//! each with which setting it holds. Smart paste reads `.env` blocks and client code
//! with these tables.

/// Which setting a name holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Setting {
    /// The endpoint or base URL.
    Endpoint,
    /// An API key (`api-key`, or `Authorization: Bearer` on OpenAI).
    Key,
    /// An Entra token the app sends as `Authorization: Bearer`.
    BearerToken,
    /// The api-version.
    ApiVersion,
    /// The deployment (Azure) or model (OpenAI).
    Deployment,
    /// The OpenAI organization.
    Organization,
    /// The OpenAI project.
    Project,
    /// `OPENAI_API_TYPE`: `azure` sends `api-key`, `azure_ad` sends Bearer (0.x SDK).
    ApiType,
    /// Not sent to the service; only worth the note it carries.
    NoteOnly(&'static str),
}

/// Environment variables read by the OpenAI and Azure SDKs and common samples, with
/// where they go. Names are compared after [`normalize_name`].
/// Sources: `auth-failures.md` §8.2 (openai-python and openai-node error texts name
/// `AZURE_OPENAI_ENDPOINT`, `AZURE_OPENAI_API_KEY`, `AZURE_OPENAI_AD_TOKEN`,
/// `OPENAI_API_VERSION`, `OPENAI_API_KEY`, `OPENAI_ADMIN_KEY`), C3/C4 (`OPENAI_ORG_ID`,
/// `OPENAI_PROJECT_ID`), §8.2 (`AZURE_OPENAI_KEY` mismatch, `OPENAI_API_TYPE`).
pub const ENV_NAMES: &[(&str, Setting)] = &[
    ("AZURE_OPENAI_ENDPOINT", Setting::Endpoint),
    ("AZURE_OPENAI_BASE_URL", Setting::Endpoint),
    ("OPENAI_BASE_URL", Setting::Endpoint),
    ("OPENAI_API_BASE", Setting::Endpoint),
    ("AZURE_OPENAI_API_BASE", Setting::Endpoint),
    ("AZURE_INFERENCE_ENDPOINT", Setting::Endpoint),
    ("AZURE_AI_PROJECT_ENDPOINT", Setting::Endpoint),
    ("AZURE_OPENAI_API_KEY", Setting::Key),
    ("AZURE_OPENAI_KEY", Setting::Key),
    ("OPENAI_API_KEY", Setting::Key),
    ("OPENAI_ADMIN_KEY", Setting::Key),
    ("AZURE_INFERENCE_CREDENTIAL", Setting::Key),
    ("AZURE_OPENAI_AD_TOKEN", Setting::BearerToken),
    ("OPENAI_API_VERSION", Setting::ApiVersion),
    ("AZURE_OPENAI_API_VERSION", Setting::ApiVersion),
    ("AZURE_OPENAI_DEPLOYMENT", Setting::Deployment),
    ("AZURE_OPENAI_DEPLOYMENT_NAME", Setting::Deployment),
    ("AZURE_OPENAI_CHAT_DEPLOYMENT", Setting::Deployment),
    ("AZURE_OPENAI_CHAT_DEPLOYMENT_NAME", Setting::Deployment),
    ("AZURE_OPENAI_CHATGPT_DEPLOYMENT", Setting::Deployment),
    ("AZURE_OPENAI_MODEL", Setting::Deployment),
    ("OPENAI_DEPLOYMENT_NAME", Setting::Deployment),
    ("OPENAI_MODEL", Setting::Deployment),
    ("OPENAI_ORG_ID", Setting::Organization),
    ("OPENAI_ORGANIZATION", Setting::Organization),
    ("OPENAI_ORGANIZATION_ID", Setting::Organization),
    ("OPENAI_PROJECT_ID", Setting::Project),
    ("OPENAI_PROJECT", Setting::Project),
    ("OPENAI_API_TYPE", Setting::ApiType),
    (
        "AZURE_CLIENT_SECRET",
        Setting::NoteOnly(
            "AZURE_CLIENT_SECRET is used to sign in to Entra ID, not sent to the model \
             endpoint; it was not copied.",
        ),
    ),
    (
        "AZURE_CLIENT_ID",
        Setting::NoteOnly(
            "AZURE_CLIENT_ID selects the app or managed identity DefaultAzureCredential signs \
             in as; the token's oid must hold the role on the resource.",
        ),
    ),
];

/// SDK constructor arguments and settings keys, compared after [`normalize_name`]
/// (`api_key`, `apiKey` and `ApiKey` are one name). Sources: the openai-python,
/// openai-node and Azure.AI.OpenAI constructors quoted in `auth-failures.md` §8.
pub const CODE_NAMES: &[(&str, Setting)] = &[
    ("azureendpoint", Setting::Endpoint),
    ("endpoint", Setting::Endpoint),
    ("baseurl", Setting::Endpoint),
    ("apibase", Setting::Endpoint),
    ("apikey", Setting::Key),
    ("key", Setting::Key),
    ("azureadtoken", Setting::BearerToken),
    ("apiversion", Setting::ApiVersion),
    ("azuredeployment", Setting::Deployment),
    ("deployment", Setting::Deployment),
    ("deploymentname", Setting::Deployment),
    ("deploymentid", Setting::Deployment),
    ("model", Setting::Deployment),
    ("organization", Setting::Organization),
    ("project", Setting::Project),
    ("apitype", Setting::ApiType),
];

/// Lower case with `_`, `-` and `.` removed, so `AZURE_OPENAI_API_KEY`,
/// `AzureOpenAI:ApiKey`-style keys and `apiKey` compare alike.
pub fn normalize_name(name: &str) -> String {
    name.chars()
        .filter(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

/// The setting an environment variable holds, if it is a known one.
pub fn env_setting(name: &str) -> Option<Setting> {
    let n = normalize_name(name);
    ENV_NAMES
        .iter()
        .find(|(k, _)| normalize_name(k) == n)
        .map(|(_, t)| *t)
        .or_else(|| {
            // Sample-specific names: AZURE_OPENAI_<WHATEVER>_DEPLOYMENT(_NAME).
            let upper = name.to_ascii_uppercase();
            (upper.starts_with("AZURE_OPENAI_") && upper.contains("DEPLOYMENT"))
                .then_some(Setting::Deployment)
        })
}

/// The setting a constructor argument or settings key holds (or an environment
/// variable's, when the name is one).
pub fn code_setting(name: &str) -> Option<Setting> {
    let n = normalize_name(name);
    CODE_NAMES
        .iter()
        .find(|(k, _)| *k == n)
        .map(|(_, t)| *t)
        .or_else(|| env_setting(name))
}
