//! URL slugs: lowercase ASCII words joined by hyphens, the same for a file name, a heading, a tag
//! or a title, so that links stay stable when the text is retyped.

/// Turns any text into a URL-safe slug (`Europe’s security` → `europes-security`).
///
/// Apostrophes are dropped before transliteration so a possessive stays one word.
pub fn slugify(text: &str) -> String {
    let without_apostrophes: String = text
        .chars()
        .filter(|c| !matches!(c, '\'' | '’' | '‘' | 'ʼ'))
        .collect();
    slug::slugify(without_apostrophes)
}

/// Whether a slug the writer typed is already URL-safe; such slugs are used as given.
pub fn is_valid_slug(candidate: &str) -> bool {
    !candidate.is_empty()
        && !candidate.starts_with('-')
        && !candidate.ends_with('-')
        && candidate
            .bytes()
            .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn possessives_and_accents_become_plain_ascii_words() {
        assert_eq!(slugify("Europe’s security"), "europes-security");
        assert_eq!(slugify("Kyiv's  winter"), "kyivs-winter");
        assert_eq!(slugify("Zürich: Ça va?"), "zurich-ca-va");
        assert_eq!(slugify("Five things at stake"), "five-things-at-stake");
    }

    #[test]
    fn typed_slugs_must_be_lowercase_ascii_words() {
        assert!(is_valid_slug("rail-strike-2026"));
        for bad in [
            "", "../etc", "a/b", "a\\b", "Upper", "-lead", "trail-", "sp ace",
        ] {
            assert!(!is_valid_slug(bad), "{bad}");
        }
    }
}
