//! Text that stands for a value instead of being one, shared by the endpoint and the
//! deployment checks: an unset value printed as text (`None`, `undefined`), a template
//! (`<your-resource>`, `{{endpoint}}`), or a variable that was never expanded
//! (`${AZURE_OPENAI_ENDPOINT}`, `%AZURE_OPENAI_ENDPOINT%`, `$AZURE_OPENAI_ENDPOINT`, or
//! the bare name `AZURE_OPENAI_ENDPOINT`). Each caller brings the words and template
//! pieces of its own field. (The credential has its own table, `known::key_shapes`,
//! because there a miss would hide a real key; the report scrub asks only the strict
//! [`is_variable_reference`].)

/// True when `text` is one of `words` (case-insensitive), contains one of `markers`
/// (lower case), or is a variable reference or name. Long text (over 200 bytes) is
/// never a placeholder: it is judged as what it is.
pub fn looks_like_placeholder(text: &str, words: &[&str], markers: &[&str]) -> bool {
    if text.len() > 200 {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let env_name = is_env_name(text);
    let windows_var = text.len() > 2 && text.starts_with('%') && text.ends_with('%');
    let shell_var = text.len() > 1 && text.starts_with('$');
    words.contains(&lower.as_str())
        || markers.iter().any(|m| lower.contains(m))
        || env_name
        || windows_var
        || shell_var
}

/// True for a reference to a variable that was never expanded, such as
/// `${AZURE_OPENAI_API_KEY}`, `%OPENAI_API_KEY%`, `$AZURE_OPENAI_KEY` or the bare
/// name: a name, not a secret. Stricter than [`looks_like_placeholder`] because the
/// report scrub relies on it: names are upper case with an underscore, and keys have
/// lower-case letters or no underscore, so a key is never taken for one.
pub fn is_variable_reference(value: &str) -> bool {
    let name = value
        .trim_start_matches(['$', '{', '(', '%'])
        .trim_end_matches(['}', ')', '%']);
    name.starts_with(|c: char| c.is_ascii_uppercase()) && is_env_name(name)
}

/// An environment variable's name: upper case, digits and at least one underscore.
fn is_env_name(text: &str) -> bool {
    text.len() >= 3
        && text.contains('_')
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_')
}

#[cfg(test)]
mod tests {
    use super::looks_like_placeholder as p;

    #[test]
    fn words_markers_and_variables() {
        assert!(p("None", &["none"], &[]));
        assert!(p("<your-resource>", &[], &["<"]));
        assert!(p("AZURE_OPENAI_ENDPOINT", &[], &[]));
        assert!(p("%AZURE_OPENAI_ENDPOINT%", &[], &[]));
        assert!(p("$ENDPOINT", &[], &[]));
        assert!(!p("contoso-aoai", &["none"], &["<"]));
        assert!(!p("gpt-4o", &["none"], &["<"]));
        assert!(!p(&"A_".repeat(101), &[], &[]));
    }
}
