//! Known facts: Azure OpenAI `api-version` values (`auth-failures.md` §6.2, A7, A8).
//!
//! The list is what the sources name; it is not complete. A well-formed date that is not
//! here is reported as unknown, never as wrong.

/// Where a known api-version stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Stage {
    /// Generally available.
    Ga,
    /// A preview that is (as far as the sources say) still accepted.
    Preview,
    /// A preview that was retired.
    Retired,
    /// A value that was never a real version.
    NotReal,
}

/// One known api-version.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct KnownApiVersion {
    /// The value, as sent in `?api-version=`.
    pub version: &'static str,
    /// Where it stands.
    pub stage: Stage,
    /// Something worth saying about it, or `""`.
    pub note: &'static str,
    /// Where the fact comes from.
    pub source: &'static str,
}

const fn v(
    version: &'static str,
    stage: Stage,
    note: &'static str,
    source: &'static str,
) -> KnownApiVersion {
    KnownApiVersion {
        version,
        stage,
        note,
        source: super::cited(source),
    }
}

const RETIRED_2024_07: &str = "retired on 1 July 2024";
const KEPT: &str = "kept when the older previews were retired in July 2024";

/// Every api-version the sources name, oldest first.
#[rustfmt::skip]
pub const API_VERSIONS: &[KnownApiVersion] = &[
    v("2022-12-01", Stage::Ga, "", "auth-failures.md 6.2"),
    v("2023-03-15-preview", Stage::Retired, RETIRED_2024_07, "auth-failures.md 6.2 (api-version-deprecation)"),
    v("2023-05-15", Stage::Ga, "", "auth-failures.md 6.2"),
    v("2023-06-01-preview", Stage::Preview, KEPT, "auth-failures.md 6.2 (DALL-E 2 only in this version)"),
    v("2023-07-01-preview", Stage::Retired, RETIRED_2024_07, "auth-failures.md 6.2 (api-version-deprecation)"),
    v("2023-08-01-preview", Stage::Retired, RETIRED_2024_07, "auth-failures.md 6.2 (api-version-deprecation)"),
    v("2023-09-01-preview", Stage::Retired, RETIRED_2024_07, "auth-failures.md 6.2 (api-version-deprecation)"),
    v("2023-10-01-preview", Stage::Preview, KEPT, "auth-failures.md 6.2"),
    v("2023-11-01-preview", Stage::NotReal, "never existed; calls with it get 404 Resource not found", "auth-failures.md 6.2, A7 (Azure-Samples/openai#73)"),
    v("2023-12-01-preview", Stage::Retired, RETIRED_2024_07, "auth-failures.md 6.2 (api-version-deprecation)"),
    v("2024-02-01", Stage::Ga, "", "auth-failures.md 6.2"),
    v("2024-02-15-preview", Stage::Preview, "", "auth-failures.md 6.2"),
    v("2024-03-01-preview", Stage::Preview, "", "auth-failures.md 6.2; api-version-deprecation page (features added in it)"),
    v("2024-04-01-preview", Stage::Preview, "", "SDK version enums, e.g. koog AzureOpenAIServiceVersion (not in auth-failures.md)"),
    v("2024-05-01-preview", Stage::Preview, "also the Foundry model inference (/models) version", "auth-failures.md 6.2, 4.3"),
    v("2024-06-01", Stage::Ga, "", "auth-failures.md 6.2"),
    v("2024-07-01-preview", Stage::Preview, "", "auth-failures.md 6.2; SDK version enums"),
    v("2024-08-01-preview", Stage::Preview, "", "auth-failures.md 6.2"),
    v("2024-09-01-preview", Stage::Preview, "", "auth-failures.md 6.2; api-version-deprecation page (latest inference preview, 2024)"),
    v("2024-10-01-preview", Stage::Preview, "", "auth-failures.md 6.2; api-version-deprecation page (latest preview, late 2024)"),
    v("2024-10-21", Stage::Ga, "the latest GA version", "auth-failures.md 6.2 (api-version-lifecycle.md)"),
    v("2024-12-01-preview", Stage::Preview, "the first version that serves o-series models", "auth-failures.md 6.2, A8"),
    v("2025-01-01-preview", Stage::Preview, "", "auth-failures.md 6.2"),
    v("2025-03-01-preview", Stage::Preview, "", "auth-failures.md 6.2"),
    v("2025-04-01-preview", Stage::Preview, "its OpenAPI 3.1 spec is not fully supported by API Management", "auth-failures.md 6.2"),
];

/// The latest GA version: what to suggest when a version is wrong
/// (`auth-failures.md` 6.2: "Latest GA API release: 2024-10-21").
pub const LATEST_GA: &str = "2024-10-21";

/// Values of the v1 API's optional `api-version`: `v1` is the spec default, `preview` was
/// used by the v1 preview, `latest` is documented for v1 preview features.
#[rustfmt::skip]
pub const V1_VALUES: &[(&str, &str)] = &[
    ("v1", "auth-failures.md 4.3, 6.2 (azure-v1 spec default)"),
    ("preview", "auth-failures.md 4.3, 6.2 (older v1 doc revision)"),
    ("latest", "v1 preview docs (UNCONFIRMED in auth-failures.md)"),
];

/// Looks a version up (exact, lower-case text).
pub fn find(version: &str) -> Option<&'static KnownApiVersion> {
    API_VERSIONS.iter().find(|k| k.version == version)
}

/// The newest date this table knows (`YYYY-MM-DD`); a well-formed version after it may
/// simply be newer than the table.
pub fn newest_known_date() -> &'static str {
    API_VERSIONS
        .iter()
        .map(|k| k.version.get(..10).unwrap_or(k.version))
        .max()
        .unwrap_or(LATEST_GA)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_entry_is_a_well_formed_dated_version() {
        for k in API_VERSIONS {
            let (date, rest) = k.version.split_at(10);
            assert!(rest.is_empty() || rest == "-preview", "{}", k.version);
            let b = date.as_bytes();
            assert!(
                b.iter().enumerate().all(|(i, c)| if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }),
                "{}",
                k.version
            );
            assert!(!k.source.is_empty());
        }
    }

    #[test]
    fn sorted_oldest_first_and_unique() {
        for w in API_VERSIONS.windows(2) {
            assert!(
                w[0].version < w[1].version,
                "{} {}",
                w[0].version,
                w[1].version
            );
        }
    }

    #[test]
    fn latest_ga_is_a_ga_entry() {
        assert_eq!(find(LATEST_GA).map(|k| k.stage), Some(Stage::Ga));
    }

    #[test]
    fn retired_and_kept_previews_follow_the_deprecation_notice() {
        assert_eq!(
            find("2023-03-15-preview").map(|k| k.stage),
            Some(Stage::Retired)
        );
        assert_eq!(
            find("2023-06-01-preview").map(|k| k.stage),
            Some(Stage::Preview)
        );
        assert_eq!(
            find("2023-10-01-preview").map(|k| k.stage),
            Some(Stage::Preview)
        );
        assert_eq!(
            find("2023-11-01-preview").map(|k| k.stage),
            Some(Stage::NotReal)
        );
    }

    #[test]
    fn newest_date_is_the_last_entry() {
        assert_eq!(newest_known_date(), "2025-04-01");
    }
}
