//! English words for numbers and labels: the cardinals the first release wrote ("five",
//! "forty-two"), capitals at the start of a label, and site.yaml's `count_label` made
//! singular for one thing. Shared by the count check (`content::count`) and the translation
//! tables; it owns no other language's words (see [`super::numbers`]).

/// English number words from zero to twenty.
pub const NUMBER_WORDS: [&str; 21] = [
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
    // Every card and contents heading passes through here: an ASCII first letter is changed
    // in place rather than the text rebuilt a character at a time.
    if word.as_bytes().first().is_some_and(u8::is_ascii) {
        let mut out = word.to_string();
        out[..1].make_ascii_uppercase();
        return out;
    }
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// "Three things at stake": `number` (in words) and site.yaml's `count_label`, with the
/// label's first plural word made singular for one thing.
pub fn label_with_noun(number: &str, label: &str, count: u32) -> String {
    let number = capitalise(number);
    // Titles promise two or more; one numbered section takes the label in the singular.
    if count == 1 {
        format!("{number} {}", singular(label))
    } else {
        format!("{number} {label}")
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn number_words_for_templates() {
        assert_eq!(number_word(5), "five");
        assert_eq!(number_word(20), "twenty");
        assert_eq!(number_word(42), "forty-two");
        assert_eq!(number_word(300), "three hundred");
        assert_eq!(number_word(1000), "1000");
        assert_eq!(capitalise("five"), "Five");
        assert_eq!(capitalise("خمسة"), "خمسة");
        assert_eq!(capitalise("élan"), "Élan");
    }

    #[test]
    fn a_site_label_is_made_singular_for_one_thing() {
        assert_eq!(label_with_noun("one", "key issues", 1), "One key issue");
        assert_eq!(label_with_noun("one", "stories", 1), "One story");
        assert_eq!(label_with_noun("three", "stories", 3), "Three stories");
    }
}
