//! Cases that are not in the shared corpus, built from the reference's renderings and
//! rules (auth-failures.md), to check that the ranking generalises.

use base64::Engine;
use doctor401::diag::{diagnose, Case, CauseId, Confidence, ObservedResponse, Verdict};

const NOW: i64 = 1_795_424_400; // 2026-11-23T09:00:00Z
const AOAI: &str = "https://fabrikam-ai.openai.azure.com/";
const KEY: &str = "9d2f6a1c04b84e7f93a5c1d2e8f7b6a0";
const A1: &str = "Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.";

fn case(endpoint: &str, credential: Option<&str>, header: &str, error_text: &str) -> Case {
    Case {
        endpoint: Some(endpoint.into()),
        credential: credential.map(Into::into),
        auth_header: Some(header.into()),
        error_text: (!error_text.is_empty()).then(|| error_text.into()),
        ..Case::default()
    }
}

fn lead(c: &Case) -> (Verdict, Option<CauseId>, Option<Confidence>) {
    let r = diagnose(c, NOW).report;
    (
        r.verdict,
        r.causes.first().map(|c| c.id),
        r.causes.first().map(|c| c.confidence),
    )
}

#[test]
fn dotnet_permission_denied_status_line_with_invalid_key_body_is_key_invalid() {
    let text = format!(
        "Azure.RequestFailedException: {A1}\nStatus: 401 (PermissionDenied)\nErrorCode: 401\n\nContent:\n{{\"error\":{{\"code\":\"401\",\"message\":\"{A1}\"}}}}\n\nHeaders:\napim-request-id: 1b2c"
    );
    let (v, id, _) = lead(&case(AOAI, Some(KEY), "api-key", &text));
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::KeyInvalid)));
}

#[test]
fn litellm_rendering_of_a_key_from_openai_sent_to_azure() {
    let text = format!("litellm.AuthenticationError: AzureException AuthenticationError - {A1}");
    let key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x";
    let (v, id, _) = lead(&case(AOAI, Some(key), "api-key", &text));
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::KeyWrongProvider)));
}

#[test]
fn deployment_not_found_proves_auth_even_with_an_old_looking_token_field() {
    let mut c = case(AOAI, Some(KEY), "api-key", "");
    c.deployment = Some("gpt-35-turbo".into());
    c.response = Some(ObservedResponse {
        status: Some(404),
        body: Some(r#"{"error":{"code":"DeploymentNotFound","message":"The API deployment for this resource does not exist. If you created the deployment within the last 5 minutes, please wait a moment and try again."}}"#.into()),
        ..ObservedResponse::default()
    });
    c.credential = Some(format!("{KEY} ").into());
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Problem);
    assert_eq!(r.causes[0].id, CauseId::DeploymentNotFound);
    assert!(
        r.causes.iter().all(|x| x.id != CauseId::KeyMalformed),
        "auth worked, so the key's trailing space is not the cause: {:?}",
        r.causes.iter().map(|c| c.id).collect::<Vec<_>>()
    );
}

#[test]
fn a_success_is_ok_even_if_the_key_text_looks_damaged() {
    let mut c = case(AOAI, Some(&format!("{KEY}\n")), "api-key", "");
    c.response = Some(ObservedResponse {
        status: Some(200),
        body: Some(r#"{"data":[],"object":"list"}"#.into()),
        ..ObservedResponse::default()
    });
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Ok);
    assert!(r.causes.is_empty());
}

#[test]
fn a_browser_failure_does_not_hide_damage_seen_in_the_inputs() {
    let mut c = case(AOAI, Some(&format!("{KEY}\n")), "api-key", "");
    c.response = Some(ObservedResponse {
        failure: Some(doctor401::diag::BrowserFailure::Cors),
        ..ObservedResponse::default()
    });
    let (v, id, conf) = lead(&c);
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::KeyMalformed)));
    assert_ne!(
        conf,
        Some(Confidence::High),
        "inputs alone never give high confidence"
    );
}

#[test]
fn an_empty_case_is_inconclusive_with_a_next_step() {
    let r = diagnose(&Case::default(), NOW).report;
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert!(r.next_step.is_some_and(|n| n.contains("curl -i")));
}

/// A2 alone names four causes (causes.md: "where the evidence cannot decide, the verdict
/// is inconclusive"): they are listed in A2's order, key-as-Bearer first, and the next
/// step asks for what the app sends after `Bearer`.
#[test]
fn token_message_without_any_token_is_inconclusive() {
    let text = "Error code: 401 - {'statusCode': 401, 'message': 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'}";
    let r = diagnose(&case(AOAI, None, "auto", text), NOW).report;
    assert_eq!(r.verdict, Verdict::Inconclusive);
    let ids: Vec<CauseId> = r.causes.iter().map(|c| c.id).collect();
    assert_eq!(
        ids,
        vec![
            CauseId::AuthHeaderWrong,
            CauseId::TokenExpired,
            CauseId::TokenAudience
        ]
    );
    assert!(r.causes.iter().all(|c| c.confidence == Confidence::Low));
    let next = r.next_step.unwrap_or_default();
    assert!(
        next.contains("Authorization: Bearer") && next.contains("az account get-access-token"),
        "{next}"
    );
}

/// The same A2 with the code that sent it: a Bearer header filled from a variable named
/// for a key is A2 cause 1 (the devgem.io example); one named for a token, or a chain
/// that got a token (2.1), leaves the token causes, and a key in Bearer on the v1 API is
/// no header mistake (5.3).
#[test]
fn a2_with_the_code_that_sent_it() {
    let a2 = "{'statusCode': 401, 'message': 'Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired.'}";
    let key_var =
        format!("headers = {{\"Authorization\": f\"Bearer {{API_KEY}}\"}}\nError code: 401 - {a2}");
    let (v, id, conf) = lead(&case(AOAI, None, "auto", &key_var));
    assert_eq!(
        (v, id, conf),
        (
            Verdict::Problem,
            Some(CauseId::AuthHeaderWrong),
            Some(Confidence::Medium)
        )
    );

    let token_var = format!("-H \"Authorization: Bearer $ACCESS_TOKEN\"\n{a2}");
    let curl = format!("curl {AOAI}openai/deployments/x/chat/completions {token_var}");
    let r = diagnose(&case(AOAI, None, "auto", &curl), NOW).report;
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert_ne!(
        r.causes.first().map(|c| c.id),
        Some(CauseId::AuthHeaderWrong)
    );

    let v1 = "https://fabrikam-ai.openai.azure.com/openai/v1/";
    let r = diagnose(&case(v1, None, "auto", &key_var), NOW).report;
    assert_ne!(
        r.causes.first().map(|c| c.id),
        Some(CauseId::AuthHeaderWrong)
    );
}

#[test]
fn curl_output_from_a_gateway_that_wants_its_subscription_key() {
    let text = "HTTP/1.1 401 Access Denied\r\ncontent-type: application/json\r\ndate: Mon, 23 Nov 2026 08:58:00 GMT\r\n\r\n{ \"statusCode\": 401, \"message\": \"Access denied due to missing subscription key. Make sure to include subscription key when making requests to an API.\" }";
    let (v, id, _) = lead(&case(
        "https://fabrikam-gw.azure-api.net/aoai",
        Some(KEY),
        "api-key",
        text,
    ));
    assert_eq!(
        (v, id),
        (Verdict::Problem, Some(CauseId::ApimSubscriptionKey))
    );
}

#[test]
fn openai_echo_of_an_azure_key_is_another_provider() {
    let text = "openai.AuthenticationError: Error code: 401 - {'error': {'message': 'Incorrect API key provided: 9d2f6a1c********************b6a0. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}";
    let (v, id, _) = lead(&case(
        "https://api.openai.com/v1",
        None,
        "authorization",
        text,
    ));
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::KeyWrongProvider)));
}

/// Every string of a report, joined.
fn report_text(c: &Case) -> String {
    let r = diagnose(c, NOW).report;
    let mut out: Vec<String> = Vec::new();
    for c in &r.causes {
        out.push(c.title.clone());
        out.extend(c.evidence.iter().cloned());
        out.extend(c.fix.iter().cloned());
    }
    out.extend(r.findings.iter().map(|f| f.message.clone()));
    out.extend(r.next_step);
    out.join("\n")
}

#[test]
fn the_scrub_hides_the_secret_part_only() {
    // An unset variable printed as text is no secret: the explanation may quote it.
    let unset = case(
        "https://api.openai.com/v1",
        Some("undefined"),
        "authorization",
        "Error: 401 Incorrect API key provided: undefined.",
    );
    let text = report_text(&unset);
    assert!(text.contains("`undefined`"), "{text}");
    assert!(!text.contains("[redacted]"), "{text}");

    // An unexpanded variable is a name: the fix may name it too.
    let text = report_text(&case(AOAI, Some("${AZURE_OPENAI_API_KEY}"), "api-key", ""));
    assert!(text.contains("$AZURE_OPENAI_API_KEY"), "{text}");
    assert!(!text.contains("[redacted]"), "{text}");

    // An admin key: the public `sk-admin-` prefix may be named, nothing after it.
    let secret = "qUmTgVEEAEoqK_ImRkr5xdyeL9VaO_JCxPMmW7gIXV0ChoLLpCpnr7be1FpGR3HElJfq2AeN8";
    let admin = format!("sk-admin-{secret}");
    let text = report_text(&case(
        "https://api.openai.com/v1",
        Some(&admin),
        "authorization",
        "",
    ));
    assert!(text.contains("sk-admin-"), "{text}");
    let chars: Vec<char> = secret.chars().collect();
    for w in chars.windows(5) {
        let piece: String = w.iter().collect();
        assert!(!text.contains(&piece), "{piece:?} of the key in {text}");
    }
}

/// An unsigned-looking token with these claims (the signature part is filler: nothing
/// here verifies signatures).
fn jwt(claims: &str) -> String {
    let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
    format!(
        "{}.{}.{}",
        b64(r#"{"typ":"JWT","alg":"RS256","kid":"k1"}"#),
        b64(claims),
        // As long as an RS256 signature (256 bytes), so it does not look cut short.
        b64(&"synthetic signature, not a real one. ".repeat(8)[..256])
    )
}

const TENANT: &str = "5b1c7e2a-0d3f-4c6b-9a8e-1f2d3c4b5a69";

fn user_token(aud: &str, exp: i64) -> String {
    jwt(&format!(
        r#"{{"aud":"{aud}","iss":"https://sts.windows.net/{TENANT}/","iat":{},"nbf":{},"exp":{exp},"tid":"{TENANT}","oid":"0a9b8c7d-6e5f-4a3b-2c1d-0e9f8a7b6c5d","scp":"user_impersonation","ver":"1.0"}}"#,
        exp - 4000,
        exp - 4000
    ))
}

const GATEWAY: &str = "https://tailspin-ai.azure-api.net/llm";

/// Review item 1 (B4, 8.1): "JWT not present." means no token reached validate-jwt. A JWT
/// sent in a key header explains it, so token-in-api-key leads, and the gateway cause's
/// fix does not send the user after the audience.
#[test]
fn validate_jwt_finding_no_token_when_the_jwt_went_in_a_key_header() {
    let token = user_token("api://3c1d2e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f", NOW + 3000);
    let curl = "HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n{\"statusCode\": 401, \"message\": \"JWT not present.\"}";
    for (header, client) in [
        ("api-key", None),
        ("auto", Some("openai-python 2.35.1")),
        ("ocp-apim-subscription-key", None),
    ] {
        let mut c = case(GATEWAY, Some(&token), header, curl);
        c.client = client.map(Into::into);
        let r = diagnose(&c, NOW).report;
        assert_eq!(r.verdict, Verdict::Problem, "{header}");
        assert_eq!(
            r.causes[0].id,
            CauseId::TokenInApiKey,
            "{header}: {:?}",
            r.causes.iter().map(|c| c.id).collect::<Vec<_>>()
        );
        assert_eq!(r.causes[0].confidence, Confidence::High, "{header}");
        for cause in r
            .causes
            .iter()
            .filter(|c| c.id == CauseId::ApimTokenRejected)
        {
            assert!(
                cause
                    .fix
                    .iter()
                    .all(|f| !f.contains("audience the policy expects")),
                "{header}: {:?}",
                cause.fix
            );
        }
    }
}

/// Review item 1 (B4, 3.6): validate-jwt allows 0 s of clock skew, so a token whose `exp`
/// has passed explains a gateway's "Invalid Token": token-expired leads.
#[test]
fn validate_jwt_rejecting_a_token_that_has_just_expired_is_token_expired() {
    let token = user_token("https://cognitiveservices.azure.com", NOW - 45);
    let text = "openai.AuthenticationError: Error code: 401 - {'statusCode': 401, 'message': 'Invalid Token'}";
    let r = diagnose(&case(GATEWAY, Some(&token), "authorization", text), NOW).report;
    assert_eq!(r.verdict, Verdict::Problem);
    assert_eq!(
        r.causes[0].id,
        CauseId::TokenExpired,
        "{:?}",
        r.causes.iter().map(|c| c.id).collect::<Vec<_>>()
    );
    assert_eq!(r.causes[0].confidence, Confidence::High);
    // The gateway still names the layer, below.
    assert!(r.causes.iter().any(|c| c.id == CauseId::ApimTokenRejected));
    // A token that is still valid keeps the gateway cause in the lead.
    let fresh = user_token("https://cognitiveservices.azure.com", NOW + 3000);
    let (_, id, _) = lead(&case(GATEWAY, Some(&fresh), "authorization", text));
    assert_eq!(id, Some(CauseId::ApimTokenRejected));
}

/// Azure.Identity (.NET) logs every link of DefaultAzureCredential it tries; the ones
/// before the link that works say "…authentication unavailable".
const DOTNET_CHAIN_LOG: &str = "[Informational] Azure-Identity: EnvironmentCredential.GetToken was unable to retrieve an access token. Scopes: [ https://cognitiveservices.azure.com/.default ] Exception: Azure.Identity.CredentialUnavailableException (0x80131500): EnvironmentCredential authentication unavailable. Environment variables are not fully configured.
[Informational] Azure-Identity: ManagedIdentityCredential.GetToken was unable to retrieve an access token. Scopes: [ https://cognitiveservices.azure.com/.default ] Exception: Azure.Identity.CredentialUnavailableException (0x80131500): ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.
[Informational] Azure-Identity: AzureCliCredential.GetToken succeeded. Scopes: [ https://cognitiveservices.azure.com/.default ] ExpiresOn: 2026-11-23T10:02:11.0000000+00:00
[Informational] Azure-Identity: DefaultAzureCredential credential selected: Azure.Identity.AzureCliCredential";

/// Review item 2 (2.1): a chain's "…unavailable" lines are not a failure when the chain
/// then got a token, or the service answered in a way that needs one.
#[test]
fn credential_chain_noise_before_a_token_is_not_credential_unavailable() {
    let rbac = format!(
        "{DOTNET_CHAIN_LOG}\nAzure.RequestFailedException: Principal does not have access to API/Operation.\nStatus: 401 (PermissionDenied)\nErrorCode: PermissionDenied\n\nContent:\n{{\"error\":{{\"code\":\"PermissionDenied\",\"message\":\"Principal does not have access to API/Operation.\"}}}}"
    );
    let r = diagnose(&case(AOAI, None, "auto", &rbac), NOW).report;
    let ids: Vec<CauseId> = r.causes.iter().map(|c| c.id).collect();
    assert_eq!(ids.first(), Some(&CauseId::RbacMissingRole), "{ids:?}");
    assert!(!ids.contains(&CauseId::CredentialUnavailable), "{ids:?}");

    // Without the success lines, a 429 answered afterwards shows a token got through.
    let links: Vec<&str> = DOTNET_CHAIN_LOG.lines().take(2).collect();
    let throttled = format!(
        "{}\nAzure.RequestFailedException: Rate limit is exceeded. Try again in 2 seconds.\nStatus: 429 (Too Many Requests)\nErrorCode: 429\n\nContent:\n{{\"error\":{{\"code\":\"429\",\"message\": \"Rate limit is exceeded. Try again in 2 seconds.\"}}}}",
        links.join("\n")
    );
    let r = diagnose(&case(AOAI, None, "auto", &throttled), NOW).report;
    let ids: Vec<CauseId> = r.causes.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![CauseId::QuotaOrRateLimit]);

    // The chain's own final failure, after an earlier success, is the last word.
    let later = format!(
        "{DOTNET_CHAIN_LOG}\nAzure.Identity.AuthenticationFailedException: DefaultAzureCredential failed to retrieve a token from the included credentials.\n- EnvironmentCredential authentication unavailable. Environment variables are not fully configured.\n- ManagedIdentityCredential authentication unavailable. No Managed Identity endpoint found.\n- Please run 'az login' to set up an account"
    );
    let (v, id, _) = lead(&case(AOAI, None, "auto", &later));
    assert_eq!(
        (v, id),
        (Verdict::Problem, Some(CauseId::CredentialUnavailable))
    );
}

/// Review item 7 (5.3): a header Azure OpenAI or OpenAI does not read means the service
/// never sees the credential: auth-header-wrong, medium without an observed answer. A
/// gateway may have been set up with any header name, so there it is no cause.
#[test]
fn a_credential_in_a_header_the_service_does_not_read_is_auth_header_wrong() {
    let cogsvc = "https://fabrikam-ai.cognitiveservices.azure.com/";
    for (endpoint, credential, header) in [
        (cogsvc, KEY, "X-API-Key"),
        (AOAI, KEY, "x-auth-token"),
        (
            "https://api.openai.com/v1",
            "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x",
            "x-api-key",
        ),
    ] {
        let (v, id, conf) = lead(&case(endpoint, Some(credential), header, ""));
        assert_eq!(
            (v, id, conf),
            (
                Verdict::Problem,
                Some(CauseId::AuthHeaderWrong),
                Some(Confidence::Medium)
            ),
            "{endpoint} {header}"
        );
    }
    let r = diagnose(&case(GATEWAY, Some(KEY), "x-api-key", ""), NOW).report;
    assert!(r.causes.iter().all(|c| c.id != CauseId::AuthHeaderWrong));
}

/// causes.md, "`ok` needs proof": clean inputs with nothing observed are `inconclusive`,
/// and the next step says they look right and leads with the probe and `curl -i`. With an
/// input that is wrong, "the inputs look right" is never said.
#[test]
fn clean_inputs_without_evidence_are_inconclusive() {
    let mut c = case(AOAI, Some(KEY), "api-key", "");
    c.api_version = Some("2024-10-21".into());
    c.deployment = Some("contoso-chat".into());
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Inconclusive);
    assert!(r.causes.is_empty(), "{:?}", r.causes);
    let next = r.next_step.unwrap_or_default();
    assert!(next.contains("inputs look right"), "{next}");
    assert!(next.contains("Probe the endpoint"), "{next}");
    assert!(next.contains("curl -i"), "{next}");

    c.deployment = Some("<your-deployment-name>".into());
    let r = diagnose(&c, NOW).report;
    assert!(r
        .findings
        .iter()
        .any(|f| f.severity == doctor401::diag::Severity::Error));
    assert_ne!(r.verdict, Verdict::Ok);
    let next = r.next_step.unwrap_or_default();
    assert!(!next.contains("inputs look right"), "{next}");
}

/// Review item 10 (7.4, 4.4): status 0 is an opaque or blocked response, which says
/// nothing; a redirect proves nothing either. Only a 2xx makes a response `ok`.
#[test]
fn a_status_without_success_is_never_ok() {
    for status in [0u16, 301, 302, 307] {
        let mut c = case(AOAI, Some(KEY), "api-key", "");
        c.response = Some(ObservedResponse {
            status: Some(status),
            ..ObservedResponse::default()
        });
        let r = diagnose(&c, NOW).report;
        assert_eq!(r.verdict, Verdict::Inconclusive, "status {status}");
        assert!(r.causes.is_empty(), "status {status}: {:?}", r.causes);
        let next = r.next_step.unwrap_or_default();
        assert!(next.contains("curl -i"), "status {status}: {next}");
        if status == 0 {
            assert!(next.contains("browser could not read"), "{next}");
        }
    }
}

/// Review item 9 (5.3, 4.4): a key in `Authorization: Bearer` works only on the v1 API,
/// so the suggested probe for that setup lists models on `/openai/v1/`, not on the
/// dated-version path, where the same key would get A2 and look broken.
#[test]
fn the_probe_for_a_key_sent_as_bearer_uses_the_v1_models_list() {
    let key84 =
        "Q7wXz2LmN4pR8sT1vY6bK3dF9gH5jA0cE2iO7uW4qZ1xC8nM5bV3JQQJ99BLAC5aXJ3w3AAAAAbcACOGr2Tt";
    let v1 = "https://northwind-ml.cognitiveservices.azure.com/openai/v1/";
    let c = case(v1, Some(key84), "authorization", "");
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Inconclusive);
    let text = r.next_step.clone().unwrap_or_default();
    assert!(
        text.contains("https://northwind-ml.cognitiveservices.azure.com/openai/v1/models\""),
        "{text}"
    );
    assert!(!text.contains("openai/models?api-version"), "{text}");

    // An unexplained failure on the same setup: the next step probes v1 too.
    let mut c = c;
    c.response = Some(ObservedResponse {
        status: Some(503),
        ..ObservedResponse::default()
    });
    let next = diagnose(&c, NOW).report.next_step.unwrap_or_default();
    assert!(next.contains("/openai/v1/models\""), "{next}");
    assert!(
        next.contains("Authorization: Bearer $AZURE_OPENAI_API_KEY"),
        "{next}"
    );
}

const A7: &str = "{\"error\":{\"code\":\"404\",\"message\": \"Resource not found\"}}";

/// Review item 6 (A7, 6.2): the api-version is judged as sent. A valid version with a
/// line break or space around it is not one the service knows, so a 404 "Resource not
/// found" is api-version-invalid, and the finding names the character as it is encoded.
#[test]
fn a_padded_api_version_with_resource_not_found_is_api_version_invalid() {
    let dotnet = format!(
        "Azure.RequestFailedException: Resource not found\nStatus: 404 (Not Found)\nErrorCode: 404\n\nContent:\n{A7}"
    );
    for (raw, encoded) in [
        ("2024-06-01\n", "2024-06-01%0A"),
        ("2024-06-01\r", "2024-06-01%0D"),
        ("2024-06-01\t", "2024-06-01%09"),
        (" 2024-06-01", "%202024-06-01"),
    ] {
        let mut c = case(AOAI, Some(KEY), "api-key", &dotnet);
        c.api_version = Some(raw.into());
        c.deployment = Some("contoso-chat".into());
        let r = diagnose(&c, NOW).report;
        assert_eq!(r.verdict, Verdict::Problem, "{raw:?}");
        assert_eq!(r.causes[0].id, CauseId::ApiVersionInvalid, "{raw:?}");
        let text = report_text(&c);
        assert!(
            text.contains(&format!("api-version={encoded}")),
            "{raw:?}: {text}"
        );
        assert!(
            !text.contains("with a valid api-version"),
            "{raw:?}: {text}"
        );
    }
}

/// Review item 14 (A7): path-not-found says "with a valid api-version" only when the
/// version is valid: not when it is missing, nor when it is a model version.
#[test]
fn path_not_found_claims_a_valid_version_only_when_it_is_one() {
    let text = format!("Error code: 404 - {A7}");
    for version in [None, Some("0613"), Some("2023-11-01-preview")] {
        let mut c = case(AOAI, Some(KEY), "api-key", &text);
        c.deployment = Some("contoso-chat".into());
        c.api_version = version.map(Into::into);
        let r = diagnose(&c, NOW).report;
        assert_eq!(r.causes[0].id, CauseId::ApiVersionInvalid, "{version:?}");
        let all = report_text(&c);
        assert!(
            !all.contains("with a valid api-version"),
            "{version:?}: {all}"
        );
    }
    let mut c = case(AOAI, Some(KEY), "api-key", &text);
    c.deployment = Some("contoso-chat".into());
    c.api_version = Some("2024-10-21".into());
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.causes[0].id, CauseId::PathNotFound);
    assert!(report_text(&c).contains("with a valid api-version"));
}

/// Review item 4 (A14): Resource Manager answering a control-plane call wants a token
/// for one of the audiences it lists, so the fix asks for ARM's audience; and neither the
/// data-plane endpoint rules nor the data-plane api-version rules apply to its URL.
#[test]
fn resource_manager_wants_its_own_audience() {
    let a14 = "{\"error\":{\"code\":\"InvalidAuthenticationTokenAudience\",\"message\":\"The access token has been obtained for wrong audience or resource 'api://6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d'. It should exactly match with one of the allowed audiences 'https://management.core.windows.net/','https://management.core.windows.net','https://management.azure.com/','https://management.azure.com'.\"}}";
    let arm = "https://management.azure.com/subscriptions/0b1c2d3e-4f5a-4b6c-8d7e-9f0a1b2c3d4e/providers/Microsoft.CognitiveServices/accounts?api-version=2024-10-01";
    let token = user_token("api://6a5b4c3d-2e1f-4a0b-9c8d-7e6f5a4b3c2d", NOW + 3000);
    let mut c = case(arm, Some(&token), "authorization", "");
    c.response = Some(ObservedResponse {
        status: Some(401),
        body: Some(a14.into()),
        ..ObservedResponse::default()
    });
    let r = diagnose(&c, NOW).report;
    let ids: Vec<CauseId> = r.causes.iter().map(|c| c.id).collect();
    assert_eq!(ids, vec![CauseId::TokenAudience]);
    let fix = r.causes[0].fix.join("\n");
    assert!(
        fix.contains("--resource https://management.azure.com"),
        "{fix}"
    );
    assert!(
        !fix.contains("cognitiveservices.azure.com/.default"),
        "{fix}"
    );
    assert!(
        r.findings.iter().all(|f| !f.id.starts_with("api-version")),
        "{:?}",
        r.findings.iter().map(|f| &f.id).collect::<Vec<_>>()
    );

    // Only the pasted error, no endpoint: the audience comes from the message's list.
    let text = format!("Azure.RequestFailedException: Status: 401 (Unauthorized)\nErrorCode: InvalidAuthenticationTokenAudience\n\nContent:\n{a14}");
    let mut c = case(AOAI, None, "auto", &text);
    c.endpoint = None;
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.causes[0].id, CauseId::TokenAudience);
    let fix = r.causes[0].fix.join("\n");
    assert!(
        fix.contains("https://management.azure.com/.default"),
        "{fix}"
    );
}

/// OpenAI's masked echo of a key (C1): first 8, a star for each hidden character, last 4.
fn echo_of(sent: &str) -> String {
    let chars: Vec<char> = sent.chars().collect();
    let head: String = chars[..8].iter().collect();
    let tail: String = chars[chars.len() - 4..].iter().collect();
    format!("{head}{}{tail}", "*".repeat(chars.len() - 12))
}

/// Review item 3 (C1, causes.md key-malformed): the echo has the length and the first
/// and last characters of the key that arrived. When that is not the pasted key, the
/// app does not send it, and a new key would not help.
#[test]
fn openai_echo_compared_with_the_pasted_key() {
    // A legacy key: `sk-`, 20, the `T3BlbkFJ` marker, 20 (5.2).
    let key = "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";
    assert_eq!(key.len(), 51);
    let node = |sent: &str| {
        format!(
            "AuthenticationError: 401 Incorrect API key provided: {}. You can find your API key at https://platform.openai.com/account/api-keys.",
            echo_of(sent)
        )
    };
    let openai = "https://api.openai.com/v1";

    // Cut short on the way: the first 40 characters arrived.
    let r = diagnose(
        &case(openai, Some(key), "authorization", &node(&key[..40])),
        NOW,
    )
    .report;
    assert_eq!(r.causes[0].id, CauseId::KeyMalformed);
    assert!(r.causes.iter().all(|c| c.id != CauseId::KeyInvalid));
    let fixes = r.causes[0].fix.join("\n");
    assert!(!fixes.contains("Create a new key"), "{fixes}");

    // Another key altogether (same length, other ending): the app reads another value.
    let other = format!("{}Zz9Q", &key[..47]);
    let r = diagnose(
        &case(openai, Some(key), "authorization", &node(&other)),
        NOW,
    )
    .report;
    assert_eq!(r.causes[0].id, CauseId::KeyInvalid);
    let fixes = r.causes[0].fix.join("\n");
    assert!(!fixes.contains("Create a new key"), "{fixes}");
    assert!(fixes.contains("another value"), "{fixes}");

    // The pasted key itself arrived: it is the one OpenAI refuses.
    let r = diagnose(&case(openai, Some(key), "authorization", &node(key)), NOW).report;
    assert_eq!(r.causes[0].id, CauseId::KeyInvalid);
    assert!(r.causes[0].fix.join("\n").contains("Create a new key"));
}

/// Review item 13 (8.1–8.6): a client is read by its exact package name, its version is
/// the number after that name, and AzureOpenAI's notes (#3282) appear only for Azure.
#[test]
fn clients_are_read_by_their_own_names_and_notes_fit_the_endpoint() {
    let client_text = |endpoint: &str, client: &str| {
        let mut c = case(endpoint, Some(KEY), "api-key", "");
        c.client = Some(client.into());
        diagnose(&c, NOW)
            .report
            .findings
            .iter()
            .filter(|f| f.field == doctor401::diag::Field::Client)
            .map(|f| f.message.clone())
            .collect::<Vec<_>>()
            .join("\n")
    };
    let java = client_text(AOAI, "com.azure:azure-ai-openai:1.0.0-beta.8");
    assert!(
        !java.contains("openai-python") && !java.contains("#3282"),
        "{java}"
    );
    let lc4j = client_text(AOAI, "dev.langchain4j:langchain4j-open-ai 0.35.0");
    assert!(!lc4j.contains("LangChain 0"), "{lc4j}");
    let spa = client_text(AOAI, "SPA: fetch + @azure/msal-browser 4.2.1");
    assert!(!spa.contains("4.2"), "{spa}");

    let openai_key = "sk-proj-Ab3dEf6hIj9kLm2nOp5qRs8tUv1wXy4zAb7cDe0fGh3iJk6lMn9oPq2rSt5uVw8x";
    let mut c = case(
        "https://api.openai.com/v1",
        Some(openai_key),
        "authorization",
        "",
    );
    c.client = Some("openai-python 2.35.0".into());
    let r = diagnose(&c, NOW).report;
    assert!(
        r.findings.iter().all(|f| !f.message.contains("#3282")),
        "{:?}",
        r.findings
    );
    let azure = client_text(AOAI, "openai-python 2.35.0");
    assert!(azure.contains("#3282"), "{azure}");
}

/// Review item 11 (causes.md: "a 400 validation error … prove[s] that authentication
/// succeeded"): with nothing else wrong, that is `ok` for auth, not a reason to probe.
#[test]
fn a_validation_error_alone_says_auth_works() {
    let text = "openai.BadRequestError: Error code: 400 - {'error': {'message': \"Missing required parameter: 'messages'.\", 'type': 'invalid_request_error', 'param': 'messages', 'code': 'missing_required_parameter'}}";
    let mut c = case(AOAI, Some(KEY), "api-key", text);
    c.deployment = Some("contoso-chat".into());
    c.api_version = Some("2024-10-21".into());
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Ok, "{:?}", r.causes);
    assert!(r.next_step.is_none());
    assert!(r.findings.iter().any(|f| f.id == "evidence-auth-worked"));
}

/// A `curl -v` log of one call to the classic chat path, with this request header line.
fn curl_v(host: &str, header_line: &str, status: &str, body: &str) -> String {
    format!(
        "$ curl -v \"https://{host}/openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21\" -d @body.json\n\
         *   Trying 20.62.58.5:443...\n\
         > POST /openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21 HTTP/2\n\
         > Host: {host}\n\
         > user-agent: curl/8.5.0\n\
         > {header_line}\n\
         > content-type: application/json\n\
         >\n\
         < HTTP/2 {status}\n\
         < content-type: application/json\n\
         <\n\
         {body}\n"
    )
}

const A2_BODY: &str = r#"{"statusCode":401,"message":"Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.com), or have expired."}"#;

fn a1_body() -> String {
    format!(r#"{{"error":{{"code":"401","message":"{A1}"}}}}"#)
}

/// Every string of the report (ids too), as one JSON text.
fn report_json(c: &Case) -> String {
    serde_json::to_string(&diagnose(c, NOW).report).unwrap_or_default()
}

fn assert_no_piece(report: &str, secret: &str) {
    let chars: Vec<char> = secret.chars().collect();
    for w in chars.windows(8) {
        let piece: String = w.iter().collect();
        assert!(
            !report.contains(&piece),
            "a piece of the pasted credential is in the report"
        );
    }
}

/// Review item 8 (A2 cause 1, 3.5, 5.3): only a `curl -v` log, whose request line shows a
/// hex key in `Authorization: Bearer` on a classic path. The key and header are read
/// from the paste, so the answer is the wrong header, as if they had been typed.
#[test]
fn curl_v_shows_a_key_sent_as_bearer_on_a_classic_path() {
    let host = "fabrikam-ai.openai.azure.com";
    let text = curl_v(
        host,
        &format!("authorization: Bearer {KEY}"),
        "401",
        A2_BODY,
    );
    let c = case(AOAI, None, "", &text);
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Problem);
    assert_eq!(r.causes[0].id, CauseId::AuthHeaderWrong);
    let from = r
        .findings
        .iter()
        .find(|x| x.id == "credential-from-paste")
        .map(|x| x.message.clone())
        .unwrap_or_default();
    assert!(
        from.contains("line 6") && from.contains("value not shown"),
        "{from}"
    );
    assert_no_piece(&report_json(&c), KEY);
}

/// 3.5/5.3: a JWT in `api-key` is the token-in-api-key cause, read from `> api-key:`.
#[test]
fn curl_v_shows_a_token_in_the_api_key_header() {
    let token = user_token("https://cognitiveservices.azure.com", NOW + 3000);
    let host = "fabrikam-ai.openai.azure.com";
    let text = curl_v(host, &format!("api-key: {token}"), "401", &a1_body());
    let c = case(AOAI, None, "", &text);
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.verdict, Verdict::Problem);
    assert_eq!(
        r.causes[0].id,
        CauseId::TokenInApiKey,
        "{:?}",
        r.causes.iter().map(|c| c.id).collect::<Vec<_>>()
    );
    assert_no_piece(&report_json(&c), &token);
}

/// A1 (5.2): a curl command's `-H 'api-key: …'` with a well-formed key and the invalid-key
/// body is key-invalid; the key is read from the command.
#[test]
fn curl_command_header_argument_with_a1_body_is_key_invalid() {
    let text = format!(
        "curl -i \"{AOAI}openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21\" \\\n  -H 'api-key: {KEY}' \\\n  -H 'Content-Type: application/json' -d '{{}}'\nHTTP/1.1 401 PermissionDenied\ncontent-type: application/json\n\n{}",
        a1_body()
    );
    let c = case(AOAI, None, "", &text);
    let r = diagnose(&c, NOW).report;
    assert_eq!(
        (r.verdict, r.causes[0].id),
        (Verdict::Problem, CauseId::KeyInvalid)
    );
    assert!(r.findings.iter().any(|x| x.id == "auth-header-from-paste"));
    assert_no_piece(&report_json(&c), KEY);
}

/// 3.5/5.3 from code rather than a log: PowerShell and Python that put a hex key in
/// `Authorization: Bearer` on a classic path (A2) are auth-header-wrong; code that reads the
/// key from a variable still names the header, and a JWT literal in `api-key` is
/// token-in-api-key.
#[test]
fn headers_set_in_code_are_read_like_a_request() {
    let url = format!("{AOAI}openai/deployments/gpt-4o/chat/completions?api-version=2024-10-21");
    let powershell = format!(
        "$headers = @{{\n    \"Authorization\" = \"Bearer {KEY}\"\n    \"Content-Type\" = \"application/json\"\n}}\nInvoke-RestMethod -Uri \"{url}\" -Method Post -Headers $headers -Body $body\nInvoke-RestMethod : {A2_BODY}"
    );
    let python = format!(
        "resp = requests.post(\"{url}\", headers={{\"Authorization\": \"Bearer {KEY}\"}}, json=body)\nprint(resp.status_code, resp.text)\n401 {A2_BODY}"
    );
    for text in [powershell, python] {
        let c = case(AOAI, None, "", &text);
        let r = diagnose(&c, NOW).report;
        assert_eq!(
            (r.verdict, r.causes.first().map(|c| c.id)),
            (Verdict::Problem, Some(CauseId::AuthHeaderWrong)),
            "{text}"
        );
        assert!(r.findings.iter().any(|x| x.id == "credential-from-paste"));
        assert_no_piece(&report_json(&c), KEY);
    }

    let token = user_token("https://cognitiveservices.azure.com", NOW + 3000);
    let node = format!(
        "const res = await fetch(url, {{ method: 'POST', headers: {{ 'api-key': '{token}' }} }});\n// 401\n{}",
        a1_body()
    );
    let c = case(AOAI, None, "", &node);
    let r = diagnose(&c, NOW).report;
    assert_eq!(r.causes.first().map(|c| c.id), Some(CauseId::TokenInApiKey));
    assert_no_piece(&report_json(&c), &token);
}

/// A pasted request that agrees with the fields adds nothing; one that disagrees warns,
/// because the app may not send what the user entered.
#[test]
fn pasted_request_agreeing_with_the_fields_adds_no_warning() {
    let host = "fabrikam-ai.openai.azure.com";
    let text = curl_v(host, &format!("api-key: {KEY}"), "401", &a1_body());
    let r = diagnose(&case(AOAI, Some(KEY), "api-key", &text), NOW).report;
    assert!(
        !r.findings.iter().any(|x| x.id.contains("from-paste")),
        "{:?}",
        r.findings.iter().map(|x| &x.id).collect::<Vec<_>>()
    );
    assert_eq!(r.causes[0].id, CauseId::KeyInvalid);

    let other = "0123456789abcdef0123456789abcdef";
    let text = curl_v(
        host,
        &format!("Authorization: Bearer {other}"),
        "401",
        A2_BODY,
    );
    let c = case(AOAI, Some(KEY), "api-key", &text);
    let r = diagnose(&c, NOW).report;
    for id in [
        "auth-header-differs-from-paste",
        "credential-differs-from-paste",
    ] {
        let f = r.findings.iter().find(|x| x.id == id);
        assert_eq!(
            f.map(|x| x.severity),
            Some(doctor401::diag::Severity::Warning),
            "{id}"
        );
    }
    assert_no_piece(&report_json(&c), other);
}

/// The last scrub covers values read from a paste: for many synthetic keys and tokens, in
/// every way a request can be pasted (curl, header dumps, code, httpie), no 8-character piece reaches any report string.
#[test]
fn no_piece_of_a_pasted_credential_reaches_the_report() {
    let mut seed: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    let alphabet: Vec<char> = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
        .chars()
        .collect();
    for round in 0..40 {
        let secret: String = match round % 4 {
            0 => (0..32)
                .map(|_| char::from_digit((next() % 16) as u32, 16).unwrap_or('0'))
                .collect(),
            1 => (0..84)
                .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                .collect(),
            2 => user_token(
                &format!("https://x{}.example", next() % 1000),
                NOW - 600 + (next() % 5000) as i64,
            ),
            _ => format!(
                "sk-proj-{}",
                (0..60)
                    .map(|_| alphabet[(next() % alphabet.len() as u64) as usize])
                    .collect::<String>()
            ),
        };
        let header = [
            "api-key",
            "Authorization: Bearer",
            "Ocp-Apim-Subscription-Key",
            "x-api-key",
        ][(next() % 4) as usize];
        let line = match header.split_once(' ') {
            Some((h, b)) => format!("{h} {b} {secret}"),
            None => format!("{header}: {secret}"),
        };
        let host = "fabrikam-ai.openai.azure.com";
        // The header's name and value apart, for the forms written as code.
        let (name, value) = match header.split_once(' ') {
            Some((h, b)) => (h.trim_end_matches(':'), format!("{b} {secret}")),
            None => (header, secret.clone()),
        };
        let texts = [
            curl_v(host, &line, "401", A2_BODY),
            format!("curl {AOAI} -H \"{line}\"\n{}", a1_body()),
            format!("Request headers:\n  {line}\nStatus: 401\n{A2_BODY}"),
            format!(
                "$h = @{{ \"{name}\" = \"{value}\" }}\nInvoke-RestMethod -Headers $h\n{A2_BODY}"
            ),
            format!("requests.post(url, headers={{'{name}': '{value}'}})\n{A2_BODY}"),
            format!("client.DefaultRequestHeaders.Add(\"{name}\", \"{value}\");\n{A2_BODY}"),
            format!("http POST {AOAI} '{name}:{value}'\n{A2_BODY}"),
        ];
        for text in texts {
            for (cred, hdr) in [(None, ""), (Some(KEY), "api-key")] {
                let c = case(AOAI, cred, hdr, &text);
                assert_no_piece(&report_json(&c), &secret);
            }
        }
    }
}

#[test]
fn another_providers_key_leads_over_its_damage() {
    // An OpenAI project key (164 characters) with a zero-width space pasted in, sent to
    // an Azure OpenAI resource: the provider is the cause (A1 cause 2); a perfect copy of
    // this key would fail there too.
    let key = format!(
        "sk-proj-{}T3BlbkFJ\u{200b}{}",
        "a1B2c3D4e5".repeat(7),
        "Z9y8X7w6V5".repeat(7)
    );
    let c = case(
        AOAI,
        Some(&key),
        "api-key",
        &format!("{{\"error\":{{\"code\":\"401\",\"message\":\"{A1}\"}}}}"),
    );
    let (v, id, _) = lead(&c);
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::KeyWrongProvider)));
    let r = diagnose(&c, NOW).report;
    assert!(
        r.causes.iter().any(|c| c.id == CauseId::KeyMalformed),
        "the damage is still listed: {:?}",
        r.causes.iter().map(|c| c.id).collect::<Vec<_>>()
    );
}

/// A log read in order (causes.md: the pasted evidence decides): 429s that showed auth
/// working, then A1 after a key rotation, is key-invalid today; the 429s are history.
/// The other way round, the rate limit is today's state.
#[test]
fn the_latest_answer_in_a_log_decides() {
    let rate = r#"{"error":{"code":"429","message":"Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded call rate limit of your current OpenAI S0 pricing tier. Rate limit is exceeded. Try again in 6 seconds."}}"#;
    let a1 = a1_body();
    let log = |first: &str, then: &str| {
        format!("02:10:01 POST chat/completions -> 429\n{first}\n02:31:00 keys regenerated\n02:32:05 POST chat/completions -> 401\n{then}\n")
    };
    let r = diagnose(&case(AOAI, Some(KEY), "api-key", &log(rate, &a1)), NOW).report;
    assert_eq!(r.causes.first().map(|c| c.id), Some(CauseId::KeyInvalid));
    assert!(r
        .causes
        .iter()
        .filter(|c| c.id == CauseId::QuotaOrRateLimit)
        .all(|c| c.confidence == Confidence::Low));
    assert!(!r.findings.iter().any(|x| x.id == "evidence-auth-worked"));

    let r = diagnose(&case(AOAI, Some(KEY), "api-key", &log(&a1, rate)), NOW).report;
    assert_eq!(
        r.causes.first().map(|c| c.id),
        Some(CauseId::QuotaOrRateLimit)
    );
}

/// Messages from real threads (tests/realworld/) are rows of `known::signatures`; each
/// gets a second wording here, from another client or rendering than the real-world case,
/// so the row is not fitted to one string.
#[test]
fn real_world_messages_in_other_renderings() {
    let cases: &[(&str, CauseId)] = &[
        // Tenant mismatch, as a .NET RequestFailedException (the real cases are azd and JSON).
        (
            "Azure.RequestFailedException: Token tenant 11111111-2222-3333-4444-555555555555 does not match resource tenant.\nStatus: 400 (Bad Request)\nErrorCode: Tenant provided in token does not match resource token",
            CauseId::TokenWrongTenant,
        ),
        // Expired token, as openai-python's dict repr.
        (
            "openai.AuthenticationError: Error code: 401 - {'error': {'code': 'ExpiredAuthenticationToken', 'message': 'The access token expiry UTC time 11/23/2026 8:00:00 AM is earlier than current UTC time 11/23/2026 9:00:00 AM.'}}",
            CauseId::TokenExpired,
        ),
        // A data action denied, from a Python agent SDK.
        (
            "azure.core.exceptions.HttpResponseError: (PermissionDenied) The principal `a8d2c6f4-1e3b-4a57-9c8d-0f6e2b1a3c95` lacks the required data action `Microsoft.CognitiveServices/accounts/OpenAI/deployments/chat/completions/action` to perform `POST /openai/deployments/{deployment-id}/chat/completions` operation.",
            CauseId::RbacMissingRole,
        ),
        // A managed identity refusing the audience, from ManagedIdentityCredential.
        (
            "azure.identity.CredentialUnavailableError: ManagedIdentityCredential: Audience https://ai.azure.com is not a supported MSI token audience.",
            CauseId::CredentialUnavailable,
        ),
        // Consent, as an Entra token-endpoint envelope without the code in front.
        (
            "{\"error\":\"consent_required\",\"error_description\":\"The user or administrator has not consented to use the application.\"}",
            CauseId::EntraSignInFailed,
        ),
        // DNS failures from Go, .NET and curl.
        (
            "Post \"https://fabrikam-ai.openai.azure.com/openai/deployments/chat/chat/completions?api-version=2024-10-21\": dial tcp: lookup fabrikam-ai.openai.azure.com: no such host",
            CauseId::ResourceNotFound,
        ),
        (
            "System.Net.Http.HttpRequestException: No such host is known. (fabrikam-ai.openai.azure.com:443)",
            CauseId::ResourceNotFound,
        ),
        ("curl: (6) Could not resolve host: fabrikam-ai.openai.azure.com", CauseId::ResourceNotFound),
        // No key found, from LangChain.js's token-provider wording.
        ("Error: OpenAI or Azure OpenAI API key or Token Provider not found", CauseId::KeyMissing),
        // OpenAI without an Authorization header, as raw JSON from curl.
        (
            "HTTP/2 401\n\n{\"error\":{\"message\":\"Missing bearer authentication in header\",\"type\":\"invalid_request_error\",\"param\":null,\"code\":null}}",
            CauseId::KeyMissing,
        ),
        // A deactivated account, as openai-node.
        (
            "AuthenticationError: 401 This key is associated with a deactivated account. If you feel this is an error, contact us through our help center at help.openai.com.",
            CauseId::KeyInvalid,
        ),
    ];
    for (text, want) in cases {
        let c = Case {
            error_text: Some((*text).into()),
            ..Case::default()
        };
        let r = diagnose(&c, NOW).report;
        assert_eq!(
            (r.verdict, r.causes.first().map(|c| c.id)),
            (Verdict::Problem, Some(*want)),
            "{text}"
        );
    }
}

/// A rate limit in Azure's other wordings ("the call rate limit", "token rate limit") and a
/// content filter written as plain text both prove that authentication worked.
#[test]
fn rate_limits_and_content_filters_in_other_wordings_say_auth_worked() {
    let limit = "openai.RateLimitError: Error code: 429 - {'error': {'code': '429', 'message': 'Requests to the ChatCompletions_Create Operation under Azure OpenAI API version 2024-10-21 have exceeded token rate limit of your current AIServices S0 pricing tier. Please retry after 6 seconds.'}}";
    let (v, id, _) = lead(&case(AOAI, Some(KEY), "api-key", limit));
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::QuotaOrRateLimit)));
    let filter = "Error: (content_filter) The response was filtered due to the prompt triggering Azure OpenAI's content management policy.";
    let mut c = case(AOAI, Some(KEY), "api-key", filter);
    c.deployment = Some("contoso-chat".into());
    c.api_version = Some("2024-10-21".into());
    let (v, id, _) = lead(&c);
    assert_eq!((v, id), (Verdict::Ok, None));
}

/// Every known client regression, written as a user would (`name version`), with a plain
/// 401 from the service: the regression (or the cause naming its effect) leads, and the
/// fix names the version to move to. The same client at another version gets no
/// client-known-bug.
#[test]
fn every_known_client_regression_leads_a_plain_401() {
    use doctor401::diag::known::clients::{CLIENTS, REGRESSIONS};
    let text = "HTTP/1.1 401 Unauthorized\ncontent-type: application/json\n\n{\"error\":{\"code\":\"401\",\"message\":\"Unauthorized\"}}";
    for reg in REGRESSIONS {
        let version = reg.bad[0].trim_end_matches('.');
        let version = if reg.bad[0].ends_with('.') {
            format!("{version}.3")
        } else {
            version.to_string()
        };
        // As users write it: the package name the client table knows it by.
        let name = CLIENTS
            .iter()
            .find(|a| a.name == reg.client)
            .unwrap()
            .needle;
        let mut c = case(AOAI, None, "auto", text);
        c.client = Some(format!("{name} {version}"));
        let r = diagnose(&c, NOW).report;
        let want = reg.names_effect.unwrap_or(CauseId::ClientKnownBug);
        assert_eq!(
            (r.verdict, r.causes.first().map(|c| c.id)),
            (Verdict::Problem, Some(want)),
            "{} {version}",
            reg.client
        );
        let bug = r.causes.iter().find(|c| c.id == CauseId::ClientKnownBug);
        let fix = bug.map(|c| c.fix.join("\n")).unwrap_or_default();
        assert!(fix.contains(reg.fixed), "{}: {fix}", reg.client);

        c.client = Some(format!("{name} 99.0.0"));
        let r = diagnose(&c, NOW).report;
        assert!(
            r.causes.iter().all(|c| c.id != CauseId::ClientKnownBug),
            "{} 99.0.0",
            reg.client
        );
    }
}

/// OpenAI's masked echo (C1) read for what arrived: a key with quotes or template
/// characters around it is damaged; a run of hex is another service's key.
#[test]
fn openai_echo_shows_wrapping_and_foreign_keys() {
    let echo = |shown: &str| {
        format!("openai.AuthenticationError: Error code: 401 - {{'error': {{'message': 'Incorrect API key provided: {shown}. You can find your API key at https://platform.openai.com/account/api-keys.', 'type': 'invalid_request_error', 'param': None, 'code': 'invalid_api_key'}}}}")
    };
    let oai = "https://api.openai.com/v1";
    for (shown, want) in [
        (
            "'sk-proj*************************************************************Qx9'",
            CauseId::KeyMalformed,
        ),
        (
            "<sk-Ab1*******************************************Cd2>",
            CauseId::KeyMalformed,
        ),
        (
            "9f3c2a71****************************b04e",
            CauseId::KeyWrongProvider,
        ),
    ] {
        let (v, id, _) = lead(&case(oai, None, "authorization", &echo(shown)));
        assert_eq!((v, id), (Verdict::Problem, Some(want)), "{shown}");
    }
}

/// C11 generalised: api.openai.com saying a known model "does not exist" means this
/// project cannot see it (auth worked); an unknown name is a wrong model id.
#[test]
fn openai_model_not_found_for_a_known_model_proves_auth() {
    let text = "Error code: 404 - {'error': {'message': 'The model `gpt-4o` does not exist or you do not have access to it.', 'type': 'invalid_request_error', 'param': None, 'code': 'model_not_found'}}";
    let mut c = case("https://api.openai.com/v1", None, "authorization", text);
    c.deployment = Some("gpt-4o".into());
    assert_eq!(lead(&c).0, Verdict::Ok);
    c.deployment = Some("contoso-chat-prod".into());
    let (v, id, _) = lead(&c);
    assert_eq!(
        (v, id),
        (Verdict::Problem, Some(CauseId::DeploymentNotFound))
    );
}

/// A2 that lists only sovereign audiences (here Azure China, as .NET prints it) means the
/// resource lives in that cloud: a public-cloud token is the likely miss. A bare 403 from
/// api.openai.com (here curl's status line) points at the region rule first.
#[test]
fn sovereign_a2_and_a_bare_openai_403() {
    let a2 = "Azure.RequestFailedException: Unauthorized. Access token is missing, invalid, audience is incorrect (https://cognitiveservices.azure.cn), or have expired.\nStatus: 401 (Unauthorized)";
    let c = Case {
        error_text: Some(a2.into()),
        auth_header: Some("authorization".into()),
        ..Case::default()
    };
    let (v, id, _) = lead(&c);
    assert_eq!((v, id), (Verdict::Problem, Some(CauseId::TokenWrongCloud)));
    // The same message from the public cloud says nothing of the cloud.
    let public = a2.replace("azure.cn", "azure.com");
    let c = Case {
        error_text: Some(public),
        auth_header: Some("authorization".into()),
        ..Case::default()
    };
    assert_ne!(lead(&c).1, Some(CauseId::TokenWrongCloud));

    let c = case(
        "https://api.openai.com/v1",
        None,
        "authorization",
        "HTTP/2 403\ncontent-length: 0\n\n",
    );
    let (v, id, _) = lead(&c);
    assert_eq!(
        (v, id),
        (Verdict::Problem, Some(CauseId::RegionNotSupported))
    );
}
