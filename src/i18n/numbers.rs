//! How each built-in language writes the numbers a title promises ("Cinq choses", "Fünf
//! Dinge", "خمسة أمور") and what it counts with them: its number words (masculine and
//! feminine forms where the language has both), how its plural nouns look, its units of time
//! and the short plural words that are not things. It owns those word lists and the
//! normalisation titles are compared in; the promise-finding itself is `content::count`'s.

/// What the count check knows of a language.
#[derive(Debug, PartialEq, Eq)]
pub enum Counting {
    /// English: the first release's rules in `content::count` ("Five things *at stake*",
    /// irregular plurals).
    English,
    /// Another built-in language, from its word lists.
    Words(&'static Words),
}

/// The count check's word lists for one language, every form written normalised (see
/// [`normalise`]).
#[derive(Debug, PartialEq, Eq)]
pub struct Words {
    /// The primary language subtag (`fr`).
    pub code: &'static str,
    /// Every spelling of the numbers two to twenty (and round tens where written as words),
    /// with the number it means.
    pub numbers: &'static [(&'static str, u32)],
    /// The form shown for 0 to 20 when stakes writes a number (`{Number}` in a label).
    pub shown: [&'static str; 21],
    /// Numbers written as a unit and then a word for ten (Arabic `خمسة عشر`, 15): the units
    /// that only appear there (`احد`, `اثنا` …; the other units are `numbers`).
    pub teen_units: &'static [(&'static str, u32)],
    /// The words for ten that follow a unit in such a number.
    pub ten_words: &'static [&'static str],
    /// How a plural noun looks.
    pub noun: Noun,
    /// Plural units of time: "Deux ans après : trois leçons" promises three.
    pub durations: &'static [&'static str],
    /// Nouns in the dual, which count two by themselves (Arabic `أمران`), with whether each
    /// is a unit of time (`عامان`).
    pub duals: &'static [(&'static str, bool)],
    /// Words that are never what a number counts (articles, prepositions, "fois"): the
    /// search for a number's noun stops at them, so "un quartier neuf pour les Halles"
    /// promises nothing.
    pub not_nouns: &'static [&'static str],
}

/// How a language's plural nouns look.
#[derive(Debug, PartialEq, Eq)]
pub enum Noun {
    /// A word ending in one of these (normalised) endings.
    EndsWith(&'static [&'static str]),
    /// Any word that starts with a capital letter (German nouns).
    Capitalised,
    /// The next word that is not a number (Arabic, where the noun follows the number
    /// whatever its form).
    Next,
}

/// The count check for a BCP 47 language tag (`fr-BE` reads as `fr`); `None` for a language
/// stakes has no number words for (no count is inferred; `count:` sets one).
pub fn counting(language: &str) -> Option<&'static Counting> {
    match super::primary_subtag(language).as_str() {
        "en" => Some(&ENGLISH),
        "fr" => Some(&super::number_words::FRENCH),
        "de" => Some(&super::number_words::GERMAN),
        "es" => Some(&super::number_words::SPANISH),
        "it" => Some(&super::number_words::ITALIAN),
        "pt" => Some(&super::number_words::PORTUGUESE),
        "nl" => Some(&super::number_words::DUTCH),
        "ar" => Some(&super::number_words::ARABIC),
        _ => None,
    }
}

/// The languages with number words (the tests go through each).
#[cfg(test)]
const COUNTED_LANGUAGES: [&str; 8] = ["en", "fr", "de", "es", "it", "pt", "nl", "ar"];

impl Words {
    /// The number a (normalised) word means, from two up.
    pub fn number(&self, word: &str) -> Option<u32> {
        if !word.is_empty() && word.bytes().all(|b| b.is_ascii_digit()) {
            return word.parse::<u32>().ok().filter(|n| (2..=100).contains(n));
        }
        self.numbers
            .iter()
            .find(|(form, _)| *form == word)
            .map(|&(_, n)| n)
    }

    /// The number two (normalised) words make together, `خمسة عشر` → 15.
    pub fn compound(&self, first: &str, second: &str) -> Option<u32> {
        if !self.ten_words.contains(&second) {
            return None;
        }
        let unit = self
            .teen_units
            .iter()
            .find(|(form, _)| *form == first)
            .map(|&(_, n)| n)
            .or_else(|| self.number(first).filter(|n| (3..=9).contains(n)))?;
        Some(unit + 10)
    }

    /// Whether a word (as written, and `normalised`) is a plural noun a number counts.
    pub fn is_noun(&self, written: &str, normalised: &str) -> bool {
        if self.not_nouns.contains(&normalised) || self.number(normalised).is_some() {
            return false;
        }
        match self.noun {
            Noun::EndsWith(endings) => {
                // "pontos-chave", "mots-clés": the first part carries the plural.
                let head = normalised.split('-').next().unwrap_or(normalised);
                head.chars().count() >= 3
                    && endings
                        .iter()
                        .any(|e| normalised.ends_with(e) || head.ends_with(e))
            }
            Noun::Capitalised => written.chars().next().is_some_and(char::is_uppercase),
            Noun::Next => true,
        }
    }

    /// Whether a (normalised) word is a noun in the dual, and then whether it is a unit of
    /// time.
    pub fn dual(&self, normalised: &str) -> Option<bool> {
        self.duals
            .iter()
            .find(|(form, _)| *form == normalised)
            .map(|&(_, duration)| duration)
    }

    /// Whether a (normalised) noun is a unit of time.
    pub fn is_duration(&self, normalised: &str) -> bool {
        self.durations.contains(&normalised)
    }

    /// A number as this language shows it: a word to twenty, digits past it.
    pub fn shown(&self, n: u64) -> String {
        match self.shown.get(n as usize) {
            Some(word) if !word.is_empty() => (*word).to_string(),
            _ => n.to_string(),
        }
    }
}

/// A word as the lists write it: lowercase; Arabic without its short-vowel marks and tatweel,
/// every alef written bare, final tā’ marbūṭa as hā’ and alef maqṣūra as yā’ (the spellings
/// titles mix); Arabic-Indic and Persian digits as ASCII digits.
pub fn normalise(word: &str) -> String {
    let mut out = String::with_capacity(word.len());
    for c in word.chars() {
        match c {
            '\u{064B}'..='\u{065F}' | '\u{0670}' | '\u{0640}' => {}
            'أ' | 'إ' | 'آ' | 'ٱ' => out.push('ا'),
            'ة' => out.push('ه'),
            'ى' => out.push('ي'),
            '\u{0660}'..='\u{0669}' => {
                out.push(char::from(b'0' + (c as u32 - 0x0660) as u8));
            }
            '\u{06F0}'..='\u{06F9}' => {
                out.push(char::from(b'0' + (c as u32 - 0x06F0) as u8));
            }
            '’' => out.push('\''),
            _ => out.extend(c.to_lowercase()),
        }
    }
    out
}

static ENGLISH: Counting = Counting::English;

#[cfg(test)]
mod tests {
    use super::*;

    fn words(language: &str) -> &'static Words {
        match counting(language) {
            Some(Counting::Words(words)) => words,
            other => panic!("{language}: {other:?}"),
        }
    }

    #[test]
    fn languages_are_found_by_their_primary_subtag() {
        assert_eq!(counting("en-GB"), Some(&ENGLISH));
        assert_eq!(words("fr-BE").code, "fr");
        assert_eq!(words("PT_br").code, "pt");
        assert_eq!(counting("pl"), None);
    }

    #[test]
    fn arabic_spellings_and_digits_meet_in_one_form() {
        assert_eq!(normalise("أربعة"), "اربعه");
        assert_eq!(normalise("خَمْسَة"), "خمسه");
        assert_eq!(normalise("٥"), "5");
        assert_eq!(normalise("Fünf"), "fünf");
        assert_eq!(normalise("risico’s"), "risico's");
        assert_eq!(words("ar").number(&normalise("أربعة")), Some(4));
        assert_eq!(words("ar").number(&normalise("١٢")), Some(12));
    }

    #[test]
    fn every_listed_form_is_normalised_and_every_shown_word_reads_back() {
        for code in COUNTED_LANGUAGES.iter().filter(|c| **c != "en") {
            let words = words(code);
            for (form, _) in words.numbers {
                assert_eq!(normalise(form), *form, "{code}: {form}");
            }
            for list in [words.durations, words.not_nouns] {
                for form in list {
                    assert_eq!(normalise(form), *form, "{code}: {form}");
                }
            }
            for n in 2..=10 {
                let shown = normalise(&words.shown(n));
                assert_eq!(words.number(&shown), Some(n as u32), "{code}: {n}");
            }
        }
    }
}
