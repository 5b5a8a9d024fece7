//! How many things a title promises ("Five things at stake…", "7 questions…"), and number words
//! for templates. The count check exists because a headline that promises five and delivers
//! four is the most common embarrassing error in explainers.

const NUMBER_WORDS: [&str; 21] = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
    "twenty",
];

const TENS: [&str; 10] = [
    "", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety",
];

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

/// The number of things the title promises, if it states one.
///
/// A number is a whole number from 2 to 100 in digits, or an English word from "two" to
/// "twenty", followed (at most two words later) by a plural noun. A span of time ("Six months
/// on: four lessons") counts only when the title promises nothing else ("Five days that shook
/// Brussels"). Years ("the 2026 budget") and
/// numbers that do not count a plural ("Article 5 talks" counts "talks" — which is why writers
/// can override with `count:`) are the known limits of this heuristic.
pub fn promised_count(title: &str) -> Option<u32> {
    let mut promises = promises(title).peekable();
    let first = promises.peek()?.count;
    Some(
        promises
            .find(|promise| !promise.is_duration())
            .map_or(first, |promise| promise.count),
    )
}

/// What a title says about its count, read once per article (every title is read; pages and
/// cards use the noun without reading the title again).
#[derive(Debug, PartialEq, Eq)]
pub struct TitleCount<'t> {
    /// What the title promises ([`promised_count`]).
    pub promised: Option<u32>,
    /// What the title calls the `numbered` things, as written: "questions" in "Three questions
    /// about the vote", "big risks" in "Three big risks", "things at stake" in "Five things at
    /// stake in …" (a following "at stake" is kept). `None` when the title promises no such
    /// number (the theme then uses `count_label` from site.yaml).
    pub noun: Option<&'t str>,
}

/// [`promised_count`] and the noun in one reading of the title, for an article with
/// `numbered` numbered sections.
pub fn read_title(title: &str, numbered: u32) -> TitleCount<'_> {
    let promises: Vec<Promise<'_>> = promises(title).collect();
    let first = promises.first().map(|p| p.count);
    TitleCount {
        promised: promises
            .iter()
            .find(|p| !p.is_duration())
            .map(|p| p.count)
            .or(first),
        noun: promises
            .iter()
            .find(|p| p.count == numbered)
            .map(|p| p.noun),
    }
}

/// "Three questions": the count in words and what the title calls the things it counts
/// (`noun`, from [`read_title`]), or `fallback` (site.yaml's `count_label`, "things at stake")
/// when the title names none.
pub fn count_label(noun: Option<&str>, count: u32, fallback: &str) -> String {
    let number = capitalise(&number_word(u64::from(count)));
    match noun {
        Some(noun) => format!("{number} {noun}"),
        // Titles promise two or more; one numbered section takes the label in the singular.
        None if count == 1 => format!("{number} {}", singular(fallback)),
        None => format!("{number} {fallback}"),
    }
}

/// The label with its first plural word made singular: "things at stake" → "thing at stake",
/// "key issues" → "key issue", "stories" → "story". A label with no plural word is kept.
fn singular(label: &str) -> String {
    let mut words: Vec<String> = label.split(' ').map(str::to_owned).collect();
    if let Some(word) = words
        .iter_mut()
        .find(|w| w.len() > 2 && w.ends_with('s') && !w.ends_with("ss"))
    {
        if let Some(stem) = word.strip_suffix("ies") {
            *word = format!("{stem}y");
        } else {
            word.pop();
        }
    }
    words.join(" ")
}

/// A number in a title and the words that say what it counts.
struct Promise<'t> {
    count: u32,
    /// From the word after the number to the plural noun (and "at stake" after it).
    noun: &'t str,
}

impl Promise<'_> {
    /// Whether the number counts a span of time ("six months") rather than things.
    fn is_duration(&self) -> bool {
        let last = self.noun.rsplit(' ').next().unwrap_or(self.noun);
        DURATIONS.iter().any(|unit| unit.eq_ignore_ascii_case(last))
    }
}

/// Every number-then-plural-noun in a title, in order. Titles are compared without being
/// lowercased: every article's title is read, and the words that matter are ASCII.
fn promises(title: &str) -> impl Iterator<Item = Promise<'_>> {
    let words = title_words(title);
    let mut found = Vec::new();
    for (i, &(start, end)) in words.iter().enumerate() {
        let Some(n) = parse_number(&title[start..end]) else {
            continue;
        };
        let following = words
            .iter()
            .enumerate()
            .skip(i + 1)
            .take(MAX_WORDS_BETWEEN + 1);
        for (j, &(from, to)) in following {
            let candidate = &title[from..to];
            if is_plural_noun(candidate) {
                let noun_start = words[i + 1].0;
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
                });
                break;
            }
            if parse_number(candidate).is_some() {
                break;
            }
        }
    }
    found.into_iter()
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

/// An English cardinal for templates (`5` → `five`, `42` → `forty-two`); digits past 999.
pub fn number_word(n: u64) -> String {
    match n {
        0..=20 => NUMBER_WORDS[n as usize].to_string(),
        21..=99 => {
            let tens = TENS[(n / 10) as usize];
            match n % 10 {
                0 => tens.to_string(),
                unit => format!("{tens}-{}", NUMBER_WORDS[unit as usize]),
            }
        }
        100..=999 => {
            let hundreds = format!("{} hundred", NUMBER_WORDS[(n / 100) as usize]);
            match n % 100 {
                0 => hundreds,
                rest => format!("{hundreds} and {}", number_word(rest)),
            }
        }
        _ => n.to_string(),
    }
}

/// `five` → `Five`, for the start of a sentence.
pub fn capitalise(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
            count_label(
                read_title("Six months on: the vote's four lessons", 4).noun,
                4,
                "things at stake"
            ),
            "Four lessons"
        );
    }

    #[test]
    fn one_reading_of_the_title_gives_the_promise_and_the_noun() {
        let title = "Six months on: the vote's four lessons";
        assert_eq!(
            read_title(title, 4),
            TitleCount {
                promised: Some(4),
                noun: Some("lessons")
            }
        );
        assert_eq!(read_title(title, 6).noun, Some("months"));
        assert_eq!(read_title(title, 3).noun, None);
        let plain = read_title("What the summit means", 3);
        assert_eq!((plain.promised, plain.noun), (None, None));
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
    fn the_noun_the_title_counts() {
        let noun = |title, count| read_title(title, count).noun;
        assert_eq!(noun("Three questions about the vote", 3), Some("questions"));
        assert_eq!(noun("Three big risks for the bank", 3), Some("big risks"));
        assert_eq!(
            noun("Five things at stake in the rail strike", 5),
            Some("things at stake")
        );
        assert_eq!(noun("7 Questions About the Budget", 7), Some("Questions"));
        assert_eq!(noun("The twelve people who decide", 12), Some("people"));
        // The number the body has, not the first one in the title.
        assert_eq!(
            noun("Six months on: the vote's four lessons", 4),
            Some("lessons")
        );
        assert_eq!(noun("Six months on", 4), None);
        assert_eq!(noun("What the summit means", 3), None);
        assert_eq!(
            count_label(
                read_title("7 questions about the budget", 7).noun,
                7,
                "things at stake"
            ),
            "Seven questions"
        );
        assert_eq!(
            count_label(
                read_title("What the summit means", 3).noun,
                3,
                "things at stake"
            ),
            "Three things at stake"
        );
        assert_eq!(
            count_label(
                read_title("What the summit means", 1).noun,
                1,
                "things at stake"
            ),
            "One thing at stake"
        );
        assert_eq!(
            count_label(read_title("Untitled", 1).noun, 1, "key issues"),
            "One key issue"
        );
        assert_eq!(
            count_label(read_title("Untitled", 1).noun, 1, "stories"),
            "One story"
        );
    }

    #[test]
    fn number_words_for_templates() {
        assert_eq!(number_word(5), "five");
        assert_eq!(number_word(20), "twenty");
        assert_eq!(number_word(42), "forty-two");
        assert_eq!(number_word(300), "three hundred");
        assert_eq!(number_word(1000), "1000");
        assert_eq!(capitalise("five"), "Five");
    }
}
