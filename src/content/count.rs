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

/// Words that may stand between the number and its noun ("Three *big* risks").
const MAX_WORDS_BETWEEN: usize = 2;

/// The number of things the title promises, if it states one.
///
/// A number is a whole number from 2 to 100 in digits, or an English word from "two" to
/// "twenty", followed (at most two words later) by a plural noun. Years ("the 2026 budget") and
/// numbers that do not count a plural ("Article 5 talks" counts "talks" — which is why writers
/// can override with `count:`) are the known limits of this heuristic.
pub fn promised_count(title: &str) -> Option<u32> {
    // Lowercased once, then cut into words borrowed from it (every article's title is read).
    let lowercase = title.to_lowercase();
    let words: Vec<&str> = lowercase
        .split(|c: char| c.is_whitespace() || matches!(c, ':' | ',' | ';' | '—' | '–' | '?' | '!'))
        .filter(|w| !w.is_empty())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '’' && c != '\''))
        .collect();
    for (i, word) in words.iter().enumerate() {
        let Some(n) = parse_number(word) else {
            continue;
        };
        let following = words.iter().skip(i + 1).take(MAX_WORDS_BETWEEN + 1);
        for candidate in following {
            if is_plural_noun(candidate) {
                return Some(n);
            }
            if parse_number(candidate).is_some() {
                break;
            }
        }
    }
    None
}

fn parse_number(word: &str) -> Option<u32> {
    if let Ok(n) = word.parse::<u32>() {
        return (2..=100).contains(&n).then_some(n);
    }
    NUMBER_WORDS
        .iter()
        .position(|w| *w == word)
        .filter(|n| *n >= 2)
        .map(|n| n as u32)
}

fn is_plural_noun(word: &str) -> bool {
    if IRREGULAR_PLURALS.contains(&word) {
        return true;
    }
    word.len() >= 3
        && word.chars().all(|c| c.is_ascii_alphabetic())
        && word.ends_with('s')
        && !word.ends_with("ss")
        && !word.ends_with("us")
        && !word.ends_with("is")
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
    fn titles_without_a_count_are_not_checked() {
        assert_eq!(promised_count("What the summit means for Europe"), None);
        assert_eq!(promised_count("The 2026 budget vote explained"), None);
        assert_eq!(promised_count("One thing to know"), None);
        assert_eq!(promised_count("Two-thirds majority fails"), None);
        assert_eq!(promised_count("Five is the magic number"), None);
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
