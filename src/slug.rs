//! URL slugs: lowercase ASCII words joined by hyphens, the same for a file name, a heading, a tag
//! or a title, so that links stay stable when the text is retyped.

/// Turns any text into a URL-safe slug (`Europe’s security` → `europes-security`).
///
/// Apostrophes are dropped before transliteration so a possessive stays one word.
pub fn slugify(text: &str) -> String {
    if text.is_ascii() {
        return ascii_slug(text);
    }
    let mut without_apostrophes = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\'' | '’' | '‘' | 'ʼ' => {}
            // Arabic script, which the general transliteration reduces to its consonants
            // without the long vowels ("أسعار الفائدة" → `s-r-lfy-d`): issue #21.
            '\u{0600}'..='\u{06FF}' => without_apostrophes.push_str(arabic_letter(c)),
            _ => without_apostrophes.push(c),
        }
    }
    slug::slugify(without_apostrophes)
}

/// A letter of the Arabic script (Arabic, Persian, Urdu) in Latin letters, as newsrooms
/// transliterate names: long vowels and alef written, short-vowel marks, hamza and ʿayn
/// dropped (`أسعار الفائدة` → `asar alfaida`); Arabic-Indic digits as digits.
fn arabic_letter(c: char) -> &'static str {
    const DIGITS: [&str; 10] = ["0", "1", "2", "3", "4", "5", "6", "7", "8", "9"];
    match c {
        'ا' | 'أ' | 'ٱ' | 'ى' | 'ة' => "a",
        'إ' | 'ئ' => "i",
        'آ' => "aa",
        'ؤ' | 'و' => "u",
        'ب' => "b",
        'ت' | 'ط' => "t",
        'ث' => "th",
        'ج' => "j",
        'ح' | 'ه' | 'ھ' => "h",
        'خ' => "kh",
        'د' | 'ض' => "d",
        'ذ' => "dh",
        'ر' => "r",
        'ز' | 'ظ' => "z",
        'س' | 'ص' => "s",
        'ش' => "sh",
        'غ' => "gh",
        'ف' => "f",
        'ق' => "q",
        'ك' | 'ک' => "k",
        'ل' => "l",
        'م' => "m",
        'ن' => "n",
        'ي' | 'ی' | 'ے' => "y",
        'پ' => "p",
        'چ' => "ch",
        'ژ' => "zh",
        'گ' => "g",
        '،' | '؛' | '؟' => " ",
        '\u{0660}'..='\u{0669}' => DIGITS[(c as u32 - 0x0660) as usize],
        '\u{06F0}'..='\u{06F9}' => DIGITS[(c as u32 - 0x06F0) as usize],
        // ʿayn, hamza, tatweel, short-vowel marks and the rest.
        _ => "",
    }
}

/// [`slugify`] of ASCII text in one pass, with no copy and nothing to transliterate: every
/// heading and file name goes through here.
fn ascii_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    // True at the start, so the slug never begins with a hyphen.
    let mut after_hyphen = true;
    for byte in text.bytes() {
        match byte {
            b'\'' => {}
            b'a'..=b'z' | b'0'..=b'9' => {
                slug.push(char::from(byte));
                after_hyphen = false;
            }
            b'A'..=b'Z' => {
                slug.push(char::from(byte.to_ascii_lowercase()));
                after_hyphen = false;
            }
            _ if !after_hyphen => {
                slug.push('-');
                after_hyphen = true;
            }
            _ => {}
        }
    }
    if slug.ends_with('-') {
        slug.pop();
    }
    slug
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
    fn ascii_text_is_slugged_as_the_general_path_would() {
        let general = |text: &str| slug::slugify(text.replace('\'', ""));
        for text in [
            "",
            "---",
            "Kyiv's  winter",
            "  --test_-_cool",
            "You & Me",
            "user@example.com",
            "My Test String!!!1!1",
            "'quoted' heading'",
            "trailing ?!",
            "a\tb\nc",
        ] {
            assert_eq!(ascii_slug(text), general(text), "{text:?}");
        }
        let every_byte: String = (0u8..128).map(char::from).collect();
        assert_eq!(ascii_slug(&every_byte), general(&every_byte));
    }

    #[test]
    fn arabic_script_becomes_readable_latin_words() {
        assert_eq!(slugify("أسعار الفائدة"), "asar-alfaida");
        assert_eq!(slugify("التضخم"), "altdkhm");
        assert_eq!(slugify("قمة ٢٠٢٦"), "qma-2026");
        assert_eq!(slugify("خَمْسَة أمور، على المحك؟"), "khmsa-amur-la-almhk");
        assert_eq!(slugify("پاکستان"), "pakstan");
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
