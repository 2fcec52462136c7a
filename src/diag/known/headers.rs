//! The headers a credential travels in (`auth-failures.md` 5.3): `api-key` and
//! `Authorization` for Azure OpenAI, `Authorization` for OpenAI, `Ocp-Apim-Subscription-Key`
//! for API Management; `x-api-key` is a header neither service reads (Anthropic's). One
//! table, read by the `auth_header` field, a pasted request, the probe and the fixes.

/// How the app sends the credential.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AuthHeader {
    /// `api-key: <credential>`.
    ApiKey,
    /// `Authorization: Bearer <credential>`.
    Authorization,
    /// `Ocp-Apim-Subscription-Key: <credential>`.
    ApimSubscription,
    /// Another header name, such as `x-api-key`: Azure OpenAI reads only `api-key` and
    /// `Authorization`, OpenAI only `Authorization` (`auth-failures.md` 5.3), so those
    /// services never see the credential. A gateway may read any name it was set up with.
    Other,
    /// Not known.
    Auto,
}

/// One credential header.
#[derive(Clone, Copy, Debug)]
pub struct HeaderRow {
    /// Which header.
    pub header: AuthHeader,
    /// Its name as the SDKs write it on the wire.
    pub name: &'static str,
    /// What goes before the credential in the value (`Bearer `).
    pub prefix: &'static str,
    /// The `auth_header` value of a case (`case-format.md`), when it has one.
    pub case_value: Option<&'static str>,
}

/// Every credential header, with `x-api-key` standing for [`AuthHeader::Other`].
pub const CREDENTIAL_HEADERS: &[HeaderRow] = &[
    HeaderRow {
        header: AuthHeader::ApiKey,
        name: "api-key",
        prefix: "",
        case_value: Some("api-key"),
    },
    HeaderRow {
        header: AuthHeader::Authorization,
        name: "Authorization",
        prefix: "Bearer ",
        case_value: Some("authorization"),
    },
    HeaderRow {
        header: AuthHeader::ApimSubscription,
        name: "Ocp-Apim-Subscription-Key",
        prefix: "",
        case_value: Some("ocp-apim-subscription-key"),
    },
    HeaderRow {
        header: AuthHeader::Other,
        name: "x-api-key",
        prefix: "",
        case_value: None,
    },
];

impl AuthHeader {
    /// The header a name (any case, quotes around it allowed) is, if it is a credential
    /// header.
    pub fn from_name(name: &str) -> Option<AuthHeader> {
        let name = name.trim().trim_matches(['\'', '"']);
        CREDENTIAL_HEADERS
            .iter()
            .find(|r| r.name.eq_ignore_ascii_case(name))
            .map(|r| r.header)
    }

    /// This header's row; `Auto` has none.
    pub fn row(self) -> Option<&'static HeaderRow> {
        CREDENTIAL_HEADERS.iter().find(|r| r.header == self)
    }

    /// The name on the wire (`x-api-key` for `Other`, which stands for any such name);
    /// `None` for `Auto`.
    pub fn wire_name(self) -> Option<&'static str> {
        self.row().map(|r| r.name)
    }
}
