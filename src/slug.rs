//! URL slugs: lowercase ASCII words joined by hyphens, the same for a file name, a heading, a tag
//! or a title, so that links stay stable when the text is retyped; or, for a site that chooses
//! `slugs: unicode` (issue #21), the words kept in their own script (`القمة`, `économie`),
//! which `urlpath` percent-encodes where they become URLs.

/// How a site writes the slugs of its URLs (`slugs:` in site.yaml).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SlugStyle {
    /// Lowercase ASCII, other scripts transliterated (`asar-alfaida`): the default.
    #[default]
    Ascii,
    /// Lowercase letters and digits of any script, kept as written (`أسعار-الفائدة`).
    Unicode,
}

/// The slug of `text` in `style`: [`slugify`], or the words kept in their script.
pub fn slug_in(text: &str, style: SlugStyle) -> String {
    match style {
        SlugStyle::Unicode if !text.is_ascii() => unicode_slug(text),
        _ => slugify(text),
    }
}

/// Whether a slug the writer typed is usable as given in `style`.
pub fn is_valid_slug_in(candidate: &str, style: SlugStyle) -> bool {
    match style {
        SlugStyle::Unicode if !candidate.is_ascii() => slug_in(candidate, style) == candidate,
        _ => is_valid_slug(candidate),
    }
}

/// Letters and digits of any script, lowercased, words joined by hyphens. Apostrophes join
/// (`l’été` → `lété`, as the ASCII slug does); Arabic short-vowel marks and the tatweel are
/// dropped (they are not written in names), other combining marks (Devanagari vowel signs)
/// kept inside their word; punctuation and spaces of any script separate words.
fn unicode_slug(text: &str) -> String {
    let mut slug = String::with_capacity(text.len());
    let mut after_hyphen = true;
    for c in text.chars() {
        match c {
            '\'' | '’' | '‘' | 'ʼ' => {}
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            c if c.is_alphanumeric() || is_mark(c) => {
                slug.extend(c.to_lowercase());
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

/// Whether `c` is a combining mark that belongs to the letter before it (the common blocks of
/// combining diacritics, and the vowel signs of the Indic scripts and Thai).
fn is_mark(c: char) -> bool {
    matches!(c,
        '\u{0300}'..='\u{036F}'
        | '\u{0900}'..='\u{0903}' | '\u{093A}'..='\u{094F}' | '\u{0951}'..='\u{0957}' | '\u{0962}'..='\u{0963}'
        | '\u{0981}'..='\u{0983}' | '\u{09BC}'..='\u{09D7}'
        | '\u{0A01}'..='\u{0A03}' | '\u{0A3C}'..='\u{0A51}'
        | '\u{0B01}'..='\u{0B03}' | '\u{0B3C}'..='\u{0B57}'
        | '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}'
        | '\u{05B0}'..='\u{05C7}'
        | '\u{3099}'..='\u{309A}'
    )
}

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
    fn unicode_slugs_keep_each_script() {
        let unicode = |text: &str| slug_in(text, SlugStyle::Unicode);
        assert_eq!(unicode("أسعار الفائدة"), "أسعار-الفائدة");
        assert_eq!(unicode("خَمْسَة أمور: على المحك؟"), "خمسة-أمور-على-المحك");
        assert_eq!(unicode("L’Énergie, l’été"), "lénergie-lété");
        assert_eq!(unicode("हिन्दी समाचार"), "हिन्दी-समाचार");
        assert_eq!(unicode("Five things"), "five-things");
        assert!(is_valid_slug_in("القمة-العربية", SlugStyle::Unicode));
        assert!(!is_valid_slug_in("القمة العربية", SlugStyle::Unicode));
        assert!(!is_valid_slug_in("القمة", SlugStyle::Ascii));
        assert_eq!(slug_in("أسعار الفائدة", SlugStyle::Ascii), "asar-alfaida");
    }

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
