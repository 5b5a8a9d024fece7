//! How many things a title promises ("Five things at stake…", "7 questions…", "Cinq choses…"),
//! and English number words for templates. The word lists of other languages are
//! `i18n::numbers`'s. The count check exists because a headline that promises five and delivers
//! four is the most common embarrassing error in explainers.

/// Plural nouns that do not end in `s`.
const IRREGULAR_PLURALS: [&str; 6] = ["people", "children", "men", "women", "mice", "feet"];

/// Units of time: "Six months on: the vote's four lessons" promises four, not six.
const DURATIONS: [&str; 9] = [
    "seconds",
    "minutes",
    "hours",
    "days",
    "weeks",
    "months",
    "years",
    "decades",
    "centuries",
];

/// Words that may stand between the number and its noun ("Three *big* risks").
const MAX_WORDS_BETWEEN: usize = 2;

use crate::i18n::english::NUMBER_WORDS;
use crate::i18n::Counting;

/// The number of things an English title promises, if it states one (see [`read_title`]).
pub fn promised_count(title: &str) -> Option<u32> {
    read_title(title, 0, Some(&Counting::English)).promised
}

/// What a title says about its count, read once per article (every title is read; pages and
/// cards use the label without reading the title again).
#[derive(Debug, PartialEq, Eq)]
pub struct TitleCount<'t> {
    /// The number of things the title promises, if it states one: a whole number from 2 to
    /// 100 in digits, or a number word of the language, followed (at most two words later) by
    /// a plural noun. A span of time ("Six months on: four lessons") counts only when the
    /// title promises nothing else ("Five days that shook Brussels"). Years ("the 2026
    /// budget") and numbers that do not count a plural ("Article 5 talks" counts "talks" —
    /// which is why writers can override with `count:`) are the known limits.
    pub promised: Option<u32>,
    /// What the title calls the `numbered` things, as written, from its number when that is a
    /// word: "Three questions" in "Three questions about the vote", "three big risks",
    /// "Five things at stake" (a following "at stake" is kept), "questions" in "7 questions"
    /// (see [`TitleCount::label`]). `None` when the title promises no such number (the theme
    /// then uses the `count_label` of site.yaml or of the language's table).
    pub noun: Option<&'t str>,
    /// Whether `noun` holds the number too.
    pub with_number: bool,
    /// The words `promised` was read from, number and noun ("Quatre leçons", "7 questions"),
    /// for the message of a wrong count.
    pub promise: Option<&'t str>,
}

impl TitleCount<'_> {
    /// The words a contents heading or a card shows for `count` things, before capitals:
    /// the title's own ("Five things at stake", "cinq choses", "الأمور الخمسة"), or its noun
    /// after the count in words when the title wrote digits ("seven questions").
    pub fn label(&self, count: u32, translations: &crate::i18n::Translations) -> Option<String> {
        let noun = self.noun?;
        Some(if self.with_number {
            noun.to_string()
        } else {
            format!("{} {noun}", translations.number_word(count.into()))
        })
    }
}

/// [`TitleCount`] in one reading of the title, for an article with `numbered` numbered
/// sections, in a language whose number words are `counting` (`None`: nothing is inferred).
pub fn read_title<'t>(
    title: &'t str,
    numbered: u32,
    counting: Option<&Counting>,
) -> TitleCount<'t> {
    let promises = match counting {
        Some(counting) => promises(title, counting),
        None => Vec::new(),
    };
    let chosen = promises.iter().find(|p| !p.duration).or(promises.first());
    let counted = promises.iter().find(|p| p.count == numbered);
    TitleCount {
        promised: chosen.map(|p| p.count),
        noun: counted.map(|p| p.noun),
        with_number: counted.is_some_and(|p| p.with_number),
        promise: chosen.map(|p| p.whole),
    }
}

/// A number in a title and the words that say what it counts.
struct Promise<'t> {
    count: u32,
    /// From the number (when a word) or the word after it to the plural noun (and "at stake"
    /// after it).
    noun: &'t str,
    /// Whether `noun` starts (or, in Arabic, ends) with the number.
    with_number: bool,
    /// Whether the number counts a span of time ("six months") rather than things.
    duration: bool,
    /// The number and its noun, whichever comes first in the title.
    whole: &'t str,
}

/// Every number-then-plural-noun in a title, in order.
fn promises<'t>(title: &'t str, counting: &Counting) -> Vec<Promise<'t>> {
    let words = title_words(title);
    match counting {
        Counting::English => english_promises(title, &words),
        Counting::Words(list) => promises_in(title, &words, list),
    }
}

/// English titles are compared without being lowercased: every article's title is read, and
/// the words that matter are ASCII.
fn english_promises<'t>(title: &'t str, words: &[(usize, usize)]) -> Vec<Promise<'t>> {
    let mut found = Vec::new();
    for (i, &(start, end)) in words.iter().enumerate() {
        let Some(n) = parse_number(&title[start..end]) else {
            continue;
        };
        let word_number = !title.as_bytes()[start].is_ascii_digit();
        let following = words
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(MAX_WORDS_BETWEEN + 1);
        for (j, &(from, to)) in following {
            let candidate = &title[from..to];
            if is_plural_noun(candidate) {
                let noun_start = if word_number { start } else { words[i + 1].0 };
                let noun_end = match (words.get(j + 1), words.get(j + 2)) {
                    (Some(&(a, b)), Some(&(c, d)))
                        if title[a..b].eq_ignore_ascii_case("at")
                            && title[c..d].eq_ignore_ascii_case("stake") =>
                    {
                        d
                    }
                    _ => to,
                };
                found.push(Promise {
                    count: n,
                    noun: &title[noun_start..noun_end],
                    with_number: word_number,
                    duration: DURATIONS
                        .iter()
                        .any(|unit| unit.eq_ignore_ascii_case(candidate)),
                    whole: &title[start..noun_end],
                });
                break;
            }
            if parse_number(candidate).is_some() {
                break;
            }
        }
    }
    found
}

/// The promises of a title in another built-in language, from its word lists.
fn promises_in<'t>(
    title: &'t str,
    words: &[(usize, usize)],
    list: &crate::i18n::numbers::Words,
) -> Vec<Promise<'t>> {
    use crate::i18n::numbers::{normalise, Noun};
    let normalised: Vec<String> = words
        .iter()
        .map(|&(s, e)| normalise(&title[s..e]))
        .collect();
    let mut found = Vec::new();
    // Words before this index were the second half of a compound number (`خمسة عشر`).
    let mut consumed = 0;
    for (i, &(start, end)) in words.iter().enumerate() {
        if i < consumed {
            continue;
        }
        // "أمران على المحك": a noun in the dual promises two by itself.
        if let Some(duration) = list.dual(&normalised[i]) {
            found.push(Promise {
                count: 2,
                noun: &title[start..end],
                with_number: true,
                duration,
                whole: &title[start..end],
            });
            continue;
        }
        let compound = normalised
            .get(i + 1)
            .and_then(|next| list.compound(&normalised[i], next));
        let single = list.number(&normalised[i]);
        let Some((n, last)) = compound.map(|n| (n, i + 1)).or(single.map(|n| (n, i))) else {
            // "الأمور الخمسة": in Arabic a number with the article follows its noun.
            if list.noun == Noun::Next && i > 0 {
                let definite = normalised[i]
                    .strip_prefix("ال")
                    .and_then(|rest| list.number(rest));
                let (noun_start, noun_end) = words[i - 1];
                if let Some(n) = definite
                    .filter(|_| list.is_noun(&title[noun_start..noun_end], &normalised[i - 1]))
                {
                    found.push(Promise {
                        count: n,
                        noun: &title[noun_start..end],
                        with_number: true,
                        duration: list.is_duration(normalised[i - 1].trim_start_matches("ال")),
                        whole: &title[noun_start..end],
                    });
                }
            }
            continue;
        };
        consumed = last + 1;
        let word_number = !normalised[i].as_bytes()[0].is_ascii_digit();
        for j in (last + 1..words.len()).take(MAX_WORDS_BETWEEN + 1) {
            let (from, to) = words[j];
            if list.is_noun(&title[from..to], &normalised[j]) {
                let noun_start = if word_number {
                    start
                } else {
                    words[last + 1].0
                };
                found.push(Promise {
                    count: n,
                    noun: &title[noun_start..to],
                    with_number: word_number,
                    duration: list.is_duration(&normalised[j]),
                    whole: &title[start..to],
                });
                break;
            }
            if list.number(&normalised[j]).is_some()
                || list.not_nouns.contains(&normalised[j].as_str())
            {
                break;
            }
        }
    }
    found
}

/// The byte ranges of a title's words, cut at spaces and clause punctuation and trimmed of
/// quotes and other marks (apostrophes kept).
fn title_words(title: &str) -> Vec<(usize, usize)> {
    let is_cut =
        |c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';' | '—' | '–' | '?' | '!');
    let is_mark = |c: char| !c.is_alphanumeric() && c != '’' && c != '\'';
    let mut words = Vec::new();
    let mut offset = 0;
    for piece in title.split(is_cut) {
        let start = offset + (piece.len() - piece.trim_start_matches(is_mark).len());
        let end = offset + piece.trim_end_matches(is_mark).len();
        if start < end {
            words.push((start, end));
        }
        offset += piece.len()
            + title[offset + piece.len()..]
                .chars()
                .next()
                .map_or(0, char::len_utf8);
    }
    words
}

fn parse_number(word: &str) -> Option<u32> {
    let first = *word.as_bytes().first()?;
    if first.is_ascii_digit() {
        return word.parse::<u32>().ok().filter(|n| (2..=100).contains(n));
    }
    // Every title is read (three times per article, for its page, its card and the count
    // check): most words are turned away by their first letter and length.
    if !matches!(first.to_ascii_lowercase(), b't' | b'f' | b's' | b'e' | b'n') || word.len() > 9 {
        return None;
    }
    NUMBER_WORDS
        .iter()
        .position(|w| w.eq_ignore_ascii_case(word))
        .filter(|n| *n >= 2)
        .map(|n| n as u32)
}

fn is_plural_noun(word: &str) -> bool {
    if IRREGULAR_PLURALS
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word))
    {
        return true;
    }
    let ends = |suffix: &str| {
        word.len() >= suffix.len() && word[word.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    word.len() >= 3
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && ends("s")
        && !ends("ss")
        && !ends("us")
        && !ends("is")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::Translations;

    const EN: Option<&Counting> = Some(&Counting::English);

    /// The label a page shows for a title with `count` numbered sections.
    fn label_in(language: &str, title: &str, count: u32) -> String {
        let translations =
            Translations::load(std::path::Path::new("/nonexistent"), language, None).0;
        let read = read_title(title, count, translations.counting());
        translations.count_label(read.label(count, &translations).as_deref(), count)
    }

    fn label(title: &str, count: u32) -> String {
        label_in("en", title, count)
    }

    fn promised_in(language: &str, title: &str) -> Option<u32> {
        read_title(title, 0, crate::i18n::numbers::counting(language)).promised
    }

    #[test]
    fn titles_that_promise_a_number_of_things() {
        assert_eq!(
            promised_count("Five things at stake in the rail strike"),
            Some(5)
        );
        assert_eq!(promised_count("7 questions about the budget"), Some(7));
        assert_eq!(
            promised_count("Three big risks for the central bank"),
            Some(3)
        );
        assert_eq!(promised_count("The twelve people who decide"), Some(12));
        assert_eq!(promised_count("Rate cut: four reasons it matters"), Some(4));
    }

    #[test]
    fn a_span_of_time_counts_only_when_nothing_else_is_promised() {
        assert_eq!(
            promised_count("Six months on: the vote's four lessons"),
            Some(4)
        );
        assert_eq!(promised_count("Two years, three reforms"), Some(3));
        assert_eq!(promised_count("Five days that shook Brussels"), Some(5));
        assert_eq!(
            label("Six months on: the vote's four lessons", 4),
            "Four lessons"
        );
    }

    #[test]
    fn one_reading_of_the_title_gives_the_promise_and_the_noun() {
        let title = "Six months on: the vote's four lessons";
        assert_eq!(
            read_title(title, 4, EN),
            TitleCount {
                promised: Some(4),
                noun: Some("four lessons"),
                with_number: true,
                promise: Some("four lessons"),
            }
        );
        assert_eq!(read_title(title, 6, EN).noun, Some("Six months"));
        assert_eq!(read_title(title, 3, EN).noun, None);
        let plain = read_title("What the summit means", 3, EN);
        assert_eq!((plain.promised, plain.noun), (None, None));
        assert_eq!(read_title("Five things", 5, None).promised, None);
    }

    #[test]
    fn titles_without_a_count_are_not_checked() {
        assert_eq!(promised_count("What the summit means for Europe"), None);
        assert_eq!(promised_count("The 2026 budget vote explained"), None);
        assert_eq!(promised_count("One thing to know"), None);
        assert_eq!(promised_count("Two-thirds majority fails"), None);
        assert_eq!(promised_count("Five is the magic number"), None);
    }

    #[test]
    fn titles_in_any_case_and_with_quotes() {
        assert_eq!(promised_count("FIVE THINGS AT STAKE"), Some(5));
        assert_eq!(promised_count("“Seven Questions” on the vote"), Some(7));
        assert_eq!(promised_count("Élection: trois… four risks"), Some(4));
    }

    #[test]
    fn the_label_the_title_gives() {
        assert_eq!(
            label("Three questions about the vote", 3),
            "Three questions"
        );
        assert_eq!(label("Three big risks for the bank", 3), "Three big risks");
        assert_eq!(
            label("Five things at stake in the rail strike", 5),
            "Five things at stake"
        );
        assert_eq!(label("7 Questions About the Budget", 7), "Seven Questions");
        assert_eq!(label("The twelve people who decide", 12), "Twelve people");
        // The number the body has, not the first one in the title.
        assert_eq!(
            label("Six months on: the vote's four lessons", 4),
            "Four lessons"
        );
        assert_eq!(label("Six months on", 4), "Four things at stake");
        assert_eq!(label("What the summit means", 3), "Three things at stake");
        assert_eq!(label("What the summit means", 1), "One thing at stake");
    }

    #[test]
    fn titles_in_the_other_built_in_languages() {
        let cases = [
            (
                "fr",
                "Cinq choses à retenir du sommet",
                Some(5),
                "Cinq choses",
            ),
            ("fr", "Les 3 enjeux de la COP", Some(3), "Trois enjeux"),
            (
                "fr",
                "Deux ans après : trois leçons",
                Some(3),
                "Trois leçons",
            ),
            ("fr", "Un quartier neuf pour les Halles", None, ""),
            (
                "de",
                "Fünf Dinge, die beim Gipfel auf dem Spiel stehen",
                Some(5),
                "Fünf Dinge",
            ),
            (
                "de",
                "Sieben wichtige Fragen zur Wahl",
                Some(7),
                "Sieben wichtige Fragen",
            ),
            ("es", "Cinco claves de la cumbre", Some(5), "Cinco claves"),
            (
                "es",
                "Dos años después: tres lecciones",
                Some(3),
                "Tres lecciones",
            ),
            ("it", "Tre cose da sapere sul voto", Some(3), "Tre cose"),
            ("pt", "Duas coisas que mudam", Some(2), "Duas coisas"),
            ("pt", "Cinco coisas em jogo", Some(5), "Cinco coisas"),
            (
                "nl",
                "Vijf dingen die op het spel staan",
                Some(5),
                "Vijf dingen",
            ),
            ("nl", "Drie risico’s voor de bank", Some(3), "Drie risico’s"),
            ("ar", "خمسة أمور على المحك في القمة", Some(5), "خمسة أمور"),
            ("ar", "خمس نقاط أساسية", Some(5), "خمس نقاط"),
            ("ar", "الأمور الخمسة على المحك", Some(5), "الأمور الخمسة"),
            ("ar", "٤ أسئلة عن الانتخابات", Some(4), "أربعة أسئلة"),
            ("ar", "بعد ثلاث سنوات: أربعة دروس", Some(4), "أربعة دروس"),
            (
                "ar",
                "خمسة عشر سؤالًا حول الموازنة",
                Some(15),
                "خمسة عشر سؤالًا",
            ),
            ("ar", "إحدى عشرة نقطة أساسية", Some(11), "إحدى عشرة نقطة"),
            ("ar", "اثنا عشر وزيرًا جديدًا", Some(12), "اثنا عشر وزيرًا"),
            ("ar", "ثلاثون عامًا على الحرب", Some(30), "ثلاثون عامًا"),
            ("ar", "أمران على المحك في القمة", Some(2), "أمران"),
            ("ar", "سؤالين حول الموازنة", Some(2), "سؤالين"),
            ("ar", "بعد عامين: ثلاثة دروس", Some(3), "ثلاثة دروس"),
            ("ar", "البرلمان يصوت على الإيمان بالخطة", None, ""),
            (
                "pt",
                "Três pontos-chave do acordo",
                Some(3),
                "Três pontos-chave",
            ),
            (
                "de",
                "Zwei Drittel der Deutschen sind unzufrieden",
                None,
                "",
            ),
        ];
        for (language, title, promised, shown) in cases {
            assert_eq!(
                promised_in(language, title),
                promised,
                "{language}: {title}"
            );
            if let Some(count) = promised {
                assert_eq!(
                    label_in(language, title, count),
                    shown,
                    "{language}: {title}"
                );
            }
        }
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(500))]
        /// Any title, in any built-in language (and one without number words), is read without
        /// a panic, and what it promises and its label are consistent.
        #[test]
        fn any_title_in_any_language_is_read(
            title in "[ -~éèçàüößâêôîûñõãúíóáاأإآةىيوعشرخمسثلاتنبكلمقدفغزهحجصضطظ\\u{064B}-\\u{0652}\\u{0640}\\u{0660}-\\u{0669}’,:]{0,60}",
            language in proptest::sample::select(vec!["en", "fr", "de", "es", "it", "pt", "nl", "ar", "pl"]),
            numbered in 0u32..30,
        ) {
            let translations = Translations::load(std::path::Path::new("/nonexistent"), language, None).0;
            let read = read_title(&title, numbered, translations.counting());
            if let Some(promised) = read.promised {
                proptest::prop_assert!((2..=100).contains(&promised));
                proptest::prop_assert!(read.promise.is_some_and(|words| title.contains(words)));
            }
            if let Some(noun) = read.noun {
                proptest::prop_assert!(title.contains(noun));
            }
            let label = translations.count_label(read.label(numbered, &translations).as_deref(), numbered);
            proptest::prop_assert!(!label.is_empty());
        }
    }

    #[test]
    fn a_title_that_names_no_noun_takes_the_language_label() {
        assert_eq!(label_in("fr", "Le sommet en bref", 4), "Quatre enjeux");
        assert_eq!(label_in("de", "Der Gipfel kurz erklärt", 1), "Ein Punkt");
        assert_eq!(label_in("ar", "القمة باختصار", 2), "أمران على المحك");
        // No number words: the count in digits, the words in English (and a warning to translate).
        assert_eq!(label_in("pl", "Pięć rzeczy", 5), "5 things at stake");
        assert_eq!(promised_in("pl", "Pięć rzeczy"), None);
    }
}
