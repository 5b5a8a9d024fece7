//! What the site's language tag (`language:` in site.yaml, BCP 47: `fr`, `fr-BE`, `zh-Hant-TW`)
//! becomes where another format wants another form: Open Graph's `og:locale`, `ll_CC`. It owns
//! those conversions and the table of each language's most likely region; it must not read
//! settings or render.

/// Each language's most likely region (CLDR's likely subtags), for a tag that names none.
const LIKELY_REGIONS: [(&str, &str); 34] = [
    ("ar", "EG"),
    ("bg", "BG"),
    ("ca", "ES"),
    ("cs", "CZ"),
    ("da", "DK"),
    ("de", "DE"),
    ("el", "GR"),
    ("en", "US"),
    ("es", "ES"),
    ("et", "EE"),
    ("fa", "IR"),
    ("fi", "FI"),
    ("fr", "FR"),
    ("he", "IL"),
    ("hi", "IN"),
    ("hr", "HR"),
    ("hu", "HU"),
    ("id", "ID"),
    ("it", "IT"),
    ("ja", "JP"),
    ("ko", "KR"),
    ("lt", "LT"),
    ("nb", "NO"),
    ("nl", "NL"),
    ("pl", "PL"),
    ("pt", "BR"),
    ("ro", "RO"),
    ("ru", "RU"),
    ("sk", "SK"),
    ("sl", "SI"),
    ("sv", "SE"),
    ("tr", "TR"),
    ("uk", "UA"),
    ("zh", "CN"),
];

/// `og:locale` for a language tag: the language and the tag's region (`fr-BE` → `fr_BE`), or
/// the language's most likely region (`fr` → `fr_FR`); the language alone when neither is
/// known (Open Graph wants `ll_CC`, and a made-up region would be worse than none).
pub fn og_locale(tag: &str) -> String {
    let mut parts = tag.split(['-', '_']).filter(|p| !p.is_empty());
    let language = parts.next().unwrap_or("en").to_ascii_lowercase();
    let region = parts
        .find(|p| p.len() == 2 && p.chars().all(|c| c.is_ascii_alphabetic()))
        .map(str::to_ascii_uppercase)
        .or_else(|| {
            LIKELY_REGIONS
                .iter()
                .find(|(l, _)| *l == language)
                .map(|(_, region)| region.to_string())
        });
    match region {
        Some(region) => format!("{language}_{region}"),
        None => language,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_becomes_language_and_region() {
        assert_eq!(og_locale("fr-BE"), "fr_BE");
        assert_eq!(og_locale("en_GB"), "en_GB");
        assert_eq!(og_locale("zh-Hant-TW"), "zh_TW");
        assert_eq!(og_locale("FR"), "fr_FR");
        assert_eq!(og_locale("pt"), "pt_BR");
        assert_eq!(og_locale("ar"), "ar_EG");
        assert_eq!(og_locale("gsw"), "gsw");
        assert_eq!(og_locale(""), "en_US");
    }

    #[test]
    fn the_table_is_sorted_and_has_one_region_per_language() {
        assert!(LIKELY_REGIONS.windows(2).all(|w| w[0].0 < w[1].0));
    }
}
