//! Text that stands for a value instead of being one, shared by the endpoint and the
//! deployment checks: an unset value printed as text (`None`, `undefined`), a template
//! (`<your-resource>`, `{{endpoint}}`), or a variable that was never expanded
//! (`${AZURE_OPENAI_ENDPOINT}`, `%AZURE_OPENAI_ENDPOINT%`, `$AZURE_OPENAI_ENDPOINT`, or
//! the bare name `AZURE_OPENAI_ENDPOINT`). Each caller brings the words and template
//! pieces of its own field. (The credential has its own table, `known::key_shapes`,
//! because there a miss would hide a real key.)

/// True when `text` is one of `words` (case-insensitive), contains one of `markers`
/// (lower case), or is a variable reference or name. Long text (over 200 bytes) is
/// never a placeholder: it is judged as what it is.
pub fn looks_like_placeholder(text: &str, words: &[&str], markers: &[&str]) -> bool {
    if text.len() > 200 {
        return false;
    }
    let lower = text.to_ascii_lowercase();
    let env_name = text.len() >= 3
        && text.contains('_')
        && text
            .bytes()
            .all(|b| b.is_ascii_uppercase() || b.is_ascii_digit() || b == b'_');
    let windows_var = text.len() > 2 && text.starts_with('%') && text.ends_with('%');
    let shell_var = text.len() > 1 && text.starts_with('$');
    words.contains(&lower.as_str())
        || markers.iter().any(|m| lower.contains(m))
        || env_name
        || windows_var
        || shell_var
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
