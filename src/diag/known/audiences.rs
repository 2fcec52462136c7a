//! Known facts: token audiences (`aud`) and issuer hosts (`auth-failures.md` §3).
//! [`crate::diag::read::jwt`] reads these tables to tell what a token is for and which cloud
//! issued it.

use super::hosts::Cloud;

/// What an audience is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudienceClass {
    /// The Azure OpenAI / AI Services data plane.
    CognitiveServices,
    /// `https://ai.azure.com`: Foundry projects and agents.
    AiAzure,
    /// Azure Resource Manager.
    Arm,
    /// Microsoft Graph (or the retired Azure AD Graph).
    Graph,
    /// Azure Machine Learning.
    AzureMl,
    /// Cognitive Services `issueToken` tokens.
    ScopedToken,
    /// Another Azure service.
    OtherService,
}

/// One known audience.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Audience {
    /// The audience, lower case, without a trailing slash.
    pub aud: &'static str,
    /// What it is for.
    pub class: AudienceClass,
    /// The cloud it belongs to, when the audience itself tells.
    pub cloud: Option<Cloud>,
    /// A name for people.
    pub name: &'static str,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn aud(
    aud: &'static str,
    class: AudienceClass,
    cloud: Option<Cloud>,
    name: &'static str,
    source: &'static str,
) -> Audience {
    Audience {
        aud,
        class,
        cloud,
        name,
        source,
    }
}

use AudienceClass::*;
use Cloud::{China, Public, UsGov};

/// Known audiences. Lookup ignores case and one trailing slash, so
/// `https://cognitiveservices.azure.com/` matches the first entry.
pub const AUDIENCES: &[Audience] = &[
    aud(
        "https://cognitiveservices.azure.com",
        CognitiveServices,
        Some(Public),
        "Azure AI Services / Azure OpenAI",
        "auth-failures.md 3.2",
    ),
    aud(
        "https://cognitiveservices.azure.us",
        CognitiveServices,
        Some(UsGov),
        "Azure AI Services / Azure OpenAI (Azure Government)",
        "auth-failures.md 3.1, 3.2",
    ),
    aud(
        "https://cognitiveservices.azure.cn",
        CognitiveServices,
        Some(China),
        "Azure AI Services (Azure China)",
        "auth-failures.md 3.1, 3.2 (UNCONFIRMED for OpenAI)",
    ),
    // The app id of the first-party "Microsoft Cognitive Services" principal; the same id
    // in every cloud, so the cloud comes from the issuer.
    aud(
        "7d312290-28c8-473c-a0ed-8e53749b6d6d",
        CognitiveServices,
        None,
        "Azure AI Services (by app id)",
        "auth-failures.md 3.2 (UNCONFIRMED as aud)",
    ),
    aud(
        "https://ai.azure.com",
        AiAzure,
        Some(Public),
        "Azure AI Foundry projects and agents",
        "auth-failures.md 3.1, 3.2",
    ),
    aud(
        "https://management.azure.com",
        Arm,
        Some(Public),
        "Azure Resource Manager",
        "auth-failures.md A14, 3.2",
    ),
    aud(
        "https://management.core.windows.net",
        Arm,
        Some(Public),
        "Azure Resource Manager",
        "auth-failures.md A14, 3.2",
    ),
    aud(
        "https://management.usgovcloudapi.net",
        Arm,
        Some(UsGov),
        "Azure Resource Manager (Azure Government)",
        "go-autorest azureEnvironments (resourceManagerEndpoint)",
    ),
    aud(
        "https://management.core.usgovcloudapi.net",
        Arm,
        Some(UsGov),
        "Azure Resource Manager (Azure Government)",
        "go-autorest azureEnvironments (serviceManagementEndpoint)",
    ),
    aud(
        "https://management.chinacloudapi.cn",
        Arm,
        Some(China),
        "Azure Resource Manager (Azure China)",
        "go-autorest azureEnvironments (resourceManagerEndpoint)",
    ),
    aud(
        "https://management.core.chinacloudapi.cn",
        Arm,
        Some(China),
        "Azure Resource Manager (Azure China)",
        "go-autorest azureEnvironments (serviceManagementEndpoint)",
    ),
    // The "Windows Azure Service Management API" app id, the v2 form of the ARM audience.
    aud(
        "797f4846-ba00-4fd7-ba43-dac1f8f63013",
        Arm,
        None,
        "Azure Resource Manager (by app id)",
        "Entra first-party app id (well known; not in auth-failures.md)",
    ),
    aud(
        "https://graph.microsoft.com",
        Graph,
        Some(Public),
        "Microsoft Graph",
        "auth-failures.md 3.2, 3.5",
    ),
    aud(
        "00000003-0000-0000-c000-000000000000",
        Graph,
        None,
        "Microsoft Graph (by app id)",
        "auth-failures.md 3.2, 3.5",
    ),
    aud(
        "https://graph.microsoft.us",
        Graph,
        Some(UsGov),
        "Microsoft Graph (US Government)",
        "Microsoft Graph national cloud endpoints (not in auth-failures.md)",
    ),
    aud(
        "https://dod-graph.microsoft.us",
        Graph,
        Some(UsGov),
        "Microsoft Graph (US DoD)",
        "Microsoft Graph national cloud endpoints (not in auth-failures.md)",
    ),
    aud(
        "https://microsoftgraph.chinacloudapi.cn",
        Graph,
        Some(China),
        "Microsoft Graph (China)",
        "Microsoft Graph national cloud endpoints (not in auth-failures.md)",
    ),
    aud(
        "https://graph.windows.net",
        Graph,
        Some(Public),
        "Azure AD Graph (retired)",
        "cloud endpoint tables (AadGraphEndpointResourceId)",
    ),
    aud(
        "00000002-0000-0000-c000-000000000000",
        Graph,
        None,
        "Azure AD Graph (retired, by app id)",
        "Entra first-party app id (well known)",
    ),
    aud(
        "https://ml.azure.com",
        AzureMl,
        Some(Public),
        "Azure Machine Learning",
        "auth-failures.md 3.1 (contested row), 3.2",
    ),
    aud(
        "urn:ms.scopedtoken",
        ScopedToken,
        None,
        "a Cognitive Services issueToken token",
        "auth-failures.md 3.1, 3.5, A2",
    ),
    aud(
        "urn:ms.facesessiontoken",
        ScopedToken,
        None,
        "a Face session token",
        "auth-failures.md A2",
    ),
    aud(
        "https://storage.azure.com",
        OtherService,
        Some(Public),
        "Azure Storage",
        "auth-failures.md 3.2",
    ),
    aud(
        "https://vault.azure.net",
        OtherService,
        Some(Public),
        "Azure Key Vault",
        "auth-failures.md 3.2",
    ),
    aud(
        "https://database.windows.net",
        OtherService,
        Some(Public),
        "Azure SQL Database",
        "auth-failures.md 3.2",
    ),
    aud(
        "https://ossrdbms-aad.database.windows.net",
        OtherService,
        Some(Public),
        "Azure Database for PostgreSQL / MySQL",
        "derived from auth-failures.md 3.2 (\"etc.\")",
    ),
    aud(
        "https://search.azure.com",
        OtherService,
        Some(Public),
        "Azure AI Search",
        "derived from auth-failures.md 3.2 (\"etc.\")",
    ),
    aud(
        "https://servicebus.azure.net",
        OtherService,
        Some(Public),
        "Azure Service Bus / Event Hubs",
        "derived from auth-failures.md 3.2 (\"etc.\")",
    ),
    aud(
        "https://eventhubs.azure.net",
        OtherService,
        Some(Public),
        "Azure Event Hubs",
        "derived from auth-failures.md 3.2 (\"etc.\")",
    ),
    aud(
        "https://cosmos.azure.com",
        OtherService,
        Some(Public),
        "Azure Cosmos DB",
        "derived from auth-failures.md 3.2 (\"etc.\")",
    ),
    aud(
        "https://api.loganalytics.io",
        OtherService,
        Some(Public),
        "Azure Monitor Log Analytics",
        "derived from auth-failures.md 3.2 (\"etc.\")",
    ),
    aud(
        "https://vault.usgovcloudapi.net",
        OtherService,
        Some(UsGov),
        "Azure Key Vault (Azure Government)",
        "cloud endpoint tables",
    ),
    aud(
        "https://vault.azure.cn",
        OtherService,
        Some(China),
        "Azure Key Vault (Azure China)",
        "cloud endpoint tables",
    ),
    aud(
        "https://database.usgovcloudapi.net",
        OtherService,
        Some(UsGov),
        "Azure SQL Database (Azure Government)",
        "cloud endpoint tables",
    ),
];

/// Host suffixes of Azure services not named above: an `aud` URL on one of these is
/// "another Azure service" rather than the caller's own API (derived from 3.2).
pub const AZURE_SERVICE_SUFFIXES: &[(&str, Option<Cloud>)] = &[
    (".azure.com", Some(Public)),
    (".azure.net", Some(Public)),
    (".windows.net", Some(Public)),
    (".microsoft.com", Some(Public)),
    (".azure.us", Some(UsGov)),
    (".usgovcloudapi.net", Some(UsGov)),
    (".azure.cn", Some(China)),
    (".chinacloudapi.cn", Some(China)),
];

/// The consumer (personal Microsoft account, MSA) tenant (`auth-failures.md` 3.3).
pub const CONSUMER_TENANT: &str = "9188040d-6c67-4c5b-b112-36a304b66dad";

/// Azure CLI's client id, seen as `appid` in real Azure OpenAI tokens (3.4).
pub const AZURE_CLI_APP_ID: &str = "04b07795-8ddb-461a-bbee-02f9e1bf7b46";

/// Issuer hosts and the cloud they belong to (3.3; Government and China hosts from
/// go-autorest azureEnvironments `activeDirectoryEndpoint` and the cloud endpoint
/// tables; v1 Government/China issuer hosts UNCONFIRMED).
pub const ISSUER_HOSTS: &[(&str, Cloud, &str)] = &[
    (
        "sts.windows.net",
        Public,
        "auth-failures.md 3.3 (v1 issuer)",
    ),
    (
        "login.microsoftonline.com",
        Public,
        "auth-failures.md 3.3 (v2 issuer)",
    ),
    ("login.windows.net", Public, "cloud endpoint tables"),
    (
        "login.microsoftonline.us",
        UsGov,
        "auth-failures.md 3.1, 3.3",
    ),
    (
        "login-us.microsoftonline.com",
        UsGov,
        "cloud endpoint tables (old Government host)",
    ),
    (
        "login.chinacloudapi.cn",
        China,
        "auth-failures.md 3.1; go-autorest azureEnvironments",
    ),
    (
        "login.partner.microsoftonline.cn",
        China,
        "cloud endpoint tables",
    ),
    (
        "sts.chinacloudapi.cn",
        China,
        "derived (v1 issuer host in Azure China, UNCONFIRMED)",
    ),
];

/// The resource URI of Azure AI Services in a cloud: what an Azure OpenAI endpoint
/// wants as `aud` (3.1).
pub fn cognitive_services_audience(cloud: Cloud) -> &'static str {
    match cloud {
        Public => "https://cognitiveservices.azure.com",
        UsGov => "https://cognitiveservices.azure.us",
        China => "https://cognitiveservices.azure.cn",
    }
}

/// The audience a Foundry project endpoint (`/api/projects/…`) wants (3.1).
pub const FOUNDRY_PROJECT_AUDIENCE: &str = "https://ai.azure.com";

/// Looks an audience up, ignoring case, surrounding whitespace, one trailing slash
/// and a `/.default` suffix (a scope pasted where the resource belongs).
pub fn lookup(aud: &str) -> Option<&'static Audience> {
    let key = normalize(aud);
    AUDIENCES.iter().find(|a| a.aud.eq_ignore_ascii_case(key))
}

fn normalize(aud: &str) -> &str {
    let t = aud.trim();
    let t = strip_suffix_ignore_case(t, "/.default").unwrap_or(t);
    t.strip_suffix('/').unwrap_or(t)
}

fn strip_suffix_ignore_case<'a>(s: &'a str, suffix: &str) -> Option<&'a str> {
    let cut = s.len().checked_sub(suffix.len())?;
    let (head, tail) = (s.get(..cut)?, s.get(cut..)?);
    tail.eq_ignore_ascii_case(suffix).then_some(head)
}

/// The cloud of an issuer URL (`https://sts.windows.net/{tid}/`), from its host.
pub fn issuer_cloud(iss: &str) -> Option<Cloud> {
    let host = url_host(iss)?;
    ISSUER_HOSTS
        .iter()
        .find(|(h, _, _)| h.eq_ignore_ascii_case(host))
        .map(|(_, c, _)| *c)
}

/// The host of an `https://host/…` string, without parsing anything else.
pub fn url_host(s: &str) -> Option<&str> {
    let rest = s.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit('@').next()?;
    let host = host.split(':').next()?;
    (!host.is_empty()).then_some(host)
}

/// The cloud of an Azure service host by its suffix, when it is one.
pub fn azure_service_cloud(host: &str) -> Option<Option<Cloud>> {
    let host = host.to_ascii_lowercase();
    AZURE_SERVICE_SUFFIXES
        .iter()
        .find(|(s, _)| host.ends_with(s))
        .map(|(_, c)| *c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lookup_ignores_case_and_trailing_slash() {
        let cases: &[(&str, Option<AudienceClass>)] = &[
            (
                "https://cognitiveservices.azure.com",
                Some(CognitiveServices),
            ),
            (
                "https://cognitiveservices.azure.com/",
                Some(CognitiveServices),
            ),
            (
                "HTTPS://CognitiveServices.Azure.com/",
                Some(CognitiveServices),
            ),
            (
                "https://cognitiveservices.azure.com/.default",
                Some(CognitiveServices),
            ),
            (
                "7D312290-28C8-473C-A0ED-8E53749B6D6D",
                Some(CognitiveServices),
            ),
            ("https://management.core.windows.net/", Some(Arm)),
            ("https://management.azure.com", Some(Arm)),
            ("00000003-0000-0000-c000-000000000000", Some(Graph)),
            ("urn:ms.scopedToken", Some(ScopedToken)),
            ("https://ai.azure.com", Some(AiAzure)),
            ("https://ml.azure.com/", Some(AzureMl)),
            ("https://vault.azure.net", Some(OtherService)),
            ("https://contoso.example/api", None),
            ("", None),
            ("/", None),
        ];
        for (a, want) in cases {
            assert_eq!(lookup(a).map(|x| x.class), *want, "{a}");
        }
    }

    #[test]
    fn entries_are_normalized_and_sourced() {
        for a in AUDIENCES {
            assert_eq!(a.aud, a.aud.to_ascii_lowercase(), "{}", a.aud);
            assert!(!a.aud.ends_with('/'), "{}", a.aud);
            assert!(!a.source.is_empty() && !a.name.is_empty(), "{}", a.aud);
        }
    }

    #[test]
    fn four_arm_audiences_of_a14_are_known() {
        for a in [
            "https://management.core.windows.net/",
            "https://management.core.windows.net",
            "https://management.azure.com/",
            "https://management.azure.com",
        ] {
            assert_eq!(lookup(a).map(|x| x.class), Some(Arm), "{a}");
        }
    }

    #[test]
    fn issuer_clouds() {
        let cases: &[(&str, Option<Cloud>)] = &[
            (
                "https://sts.windows.net/3f1c2a7e-5b9d-4e61-8c0a-7d2e9b4f6a13/",
                Some(Public),
            ),
            ("https://login.microsoftonline.com/x/v2.0", Some(Public)),
            ("https://login.microsoftonline.us/x/v2.0", Some(UsGov)),
            ("https://login.chinacloudapi.cn/x/", Some(China)),
            ("https://evil.example/", None),
            ("not a url", None),
            ("https://", None),
        ];
        for (iss, want) in cases {
            assert_eq!(issuer_cloud(iss), *want, "{iss}");
        }
    }

    #[test]
    fn azure_suffixes() {
        assert_eq!(
            azure_service_cloud("myacct.blob.core.windows.net"),
            Some(Some(Public))
        );
        assert_eq!(azure_service_cloud("x.azure.us"), Some(Some(UsGov)));
        assert_eq!(azure_service_cloud("contoso.example"), None);
    }

    #[test]
    fn cognitive_audience_per_cloud() {
        for c in [Public, UsGov, China] {
            let a = lookup(cognitive_services_audience(c)).map(|x| (x.class, x.cloud));
            assert_eq!(a, Some((CognitiveServices, Some(c))));
        }
    }
}
