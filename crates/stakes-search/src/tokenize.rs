//! Words and terms: cutting text into words at Unicode word boundaries (UAX #29, the rules the
//! browser's `Intl.Segmenter` follows), lowercasing them, and stemming with the Snowball
//! stemmer of a language. It owns what a "word" is for the index, the reader and the browser
//! client alike (FORMAT.md, "Words"); it must not know files or postings.

use std::borrow::Cow;

use rust_stemmers::{Algorithm, Stemmer};
use unicode_segmentation::UnicodeSegmentation;

/// The longest word kept, in bytes: longer runs (hashes, URLs without spaces) are no words a
/// reader types, and would only swell the index.
pub const MAX_WORD_BYTES: usize = 64;

/// The words of `text`, lowercased, in order: the segments UAX #29 calls words that hold a
/// letter or a digit, with the typographic apostrophe (’) read as the plain one, so "Kyiv’s"
/// and "Kyiv's" are one word. Words over [`MAX_WORD_BYTES`] are skipped.
///
/// UAX #29 never joins across ASCII whitespace, so the text is cut there first, and a piece
/// that is all ASCII (most of a newsroom's text) is cut by [`ascii_words`], which applies the
/// same rules to ASCII about twenty times faster than the general segmenter; other pieces go
/// through `unicode-segmentation`. A property test checks both agree on ASCII.
pub fn words(text: &str) -> impl Iterator<Item = Cow<'_, str>> {
    raw_words(text).map(normalise_word)
}

/// The words of `text` as they are written (not yet [`normalise_word`]ed), in order: what
/// [`words`] lowercases. The index writer normalises each distinct one once per article.
pub fn raw_words(text: &str) -> impl Iterator<Item = &str> {
    // A text all in ASCII (most of an English newsroom's) is cut in one scan of its bytes:
    // whitespace is no word character and joins nothing, so cutting there first changes
    // nothing (a property test checks it). Splitting by `char` decoded every byte.
    let (whole, pieces) = if text.is_ascii() {
        (Some(ascii_words(text)), None)
    } else {
        let pieces = text
            .split(|c: char| c.is_ascii_whitespace())
            .filter(|piece| !piece.is_empty())
            .flat_map(|piece| {
                if piece.is_ascii() {
                    PieceWords::Ascii(ascii_words(piece))
                } else {
                    PieceWords::Unicode(piece.unicode_words())
                }
            });
        (None, Some(pieces))
    };
    whole
        .into_iter()
        .flatten()
        .chain(pieces.into_iter().flatten())
        .filter(|word| word.len() <= MAX_WORD_BYTES)
}

/// The words of one whitespace-free piece, by the fast ASCII path or the general segmenter
/// (an enum rather than a boxed iterator: no allocation per piece).
enum PieceWords<A, U> {
    Ascii(A),
    Unicode(U),
}

impl<'a, A: Iterator<Item = &'a str>, U: Iterator<Item = &'a str>> Iterator for PieceWords<A, U> {
    type Item = &'a str;

    fn next(&mut self) -> Option<&'a str> {
        match self {
            PieceWords::Ascii(words) => words.next(),
            PieceWords::Unicode(words) => words.next(),
        }
    }
}

/// What an ASCII byte can be in a word, one bit each (see [`BYTE_CLASSES`]).
const WORD: u8 = 1; // a letter, a digit or `_`
const ALNUM: u8 = 2; // a letter or a digit: a word must hold one
const LETTER: u8 = 4;
const DIGIT: u8 = 8;
const JOINS_LETTERS: u8 = 16; // `:` `.` `'` between two letters (WB6/7)
const JOINS_DIGITS: u8 = 32; // `,` `;` `.` `'` between two digits (WB11/12)

/// The class of every byte: one table lookup per byte instead of several comparisons (the
/// scan is most of what tokenising costs). Bytes past ASCII have none: [`ascii_words`] only
/// reads ASCII text.
const BYTE_CLASSES: [u8; 256] = {
    let mut classes = [0u8; 256];
    let mut byte = 0;
    while byte < 128 {
        let b = byte as u8;
        let mut class = 0;
        if b.is_ascii_alphabetic() {
            class |= WORD | ALNUM | LETTER;
        } else if b.is_ascii_digit() {
            class |= WORD | ALNUM | DIGIT;
        } else if b == b'_' {
            class |= WORD;
        }
        if matches!(b, b':' | b'.' | b'\'') {
            class |= JOINS_LETTERS;
        }
        if matches!(b, b',' | b';' | b'.' | b'\'') {
            class |= JOINS_DIGITS;
        }
        classes[byte] = class;
        byte += 1;
    }
    classes
};

/// UAX #29's words of an ASCII text: runs of letters, digits and `_` holding a letter or
/// digit, joined across one `:` `.` `'` between two letters (WB6/7) or one `,` `;` `.` `'`
/// between two digits (WB11/12). Whitespace and other punctuation end a word.
fn ascii_words(text: &str) -> impl Iterator<Item = &str> {
    let bytes = text.as_bytes();
    let class = move |at: usize| BYTE_CLASSES[usize::from(bytes[at])];
    let mut at = 0;
    std::iter::from_fn(move || loop {
        while at < bytes.len() && class(at) & WORD == 0 {
            at += 1;
        }
        if at == bytes.len() {
            return None;
        }
        let start = at;
        let mut seen = 0;
        while at < bytes.len() {
            let here = class(at);
            if here & WORD != 0 {
                seen |= here;
                at += 1;
                continue;
            }
            // A joiner: the byte before it is in the word (a word byte, as a joiner is only
            // taken before one); the byte after must be of the same kind.
            let Some(&after) = bytes.get(at + 1) else {
                break;
            };
            let both = class(at - 1) & BYTE_CLASSES[usize::from(after)];
            if (here & JOINS_LETTERS != 0 && both & LETTER != 0)
                || (here & JOINS_DIGITS != 0 && both & DIGIT != 0)
            {
                at += 1;
                continue;
            }
            break;
        }
        if seen & ALNUM != 0 {
            return Some(&text[start..at]);
        }
    })
}

/// One word as the index keeps it: lowercase, `’` as `'`. Borrowed when already so (most words
/// of running text are plain lowercase ASCII).
pub fn normalise_word(word: &str) -> Cow<'_, str> {
    let plain = word
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase());
    if plain {
        return Cow::Borrowed(word);
    }
    Cow::Owned(word.to_lowercase().replace('\u{2019}', "'"))
}

/// The stemmer of a language, by its BCP 47 code (`en`, `fr-BE`): Snowball's, or none (words are
/// then kept whole) for a language Snowball does not cover.
pub struct TermStemmer {
    stemmer: Option<Stemmer>,
    name: &'static str,
}

impl TermStemmer {
    /// The stemmer for `language` (only the primary subtag counts: `pt-BR` is `pt`).
    pub fn for_language(language: &str) -> TermStemmer {
        let primary = language
            .split(['-', '_'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        match algorithm(&primary) {
            Some((algorithm, name)) => TermStemmer {
                stemmer: Some(Stemmer::create(algorithm)),
                name,
            },
            None => TermStemmer {
                stemmer: None,
                name: "none",
            },
        }
    }

    /// Snowball's name for the stemmer (`english`), or `none`.
    pub fn name(&self) -> &'static str {
        self.name
    }

    /// The term a word is indexed under.
    pub fn stem<'w>(&self, word: &'w str) -> Cow<'w, str> {
        match &self.stemmer {
            Some(stemmer) => stemmer.stem(word),
            None => Cow::Borrowed(word),
        }
    }
}

/// The Snowball algorithm for a primary language subtag, with its name.
fn algorithm(primary: &str) -> Option<(Algorithm, &'static str)> {
    Some(match primary {
        "ar" => (Algorithm::Arabic, "arabic"),
        "da" => (Algorithm::Danish, "danish"),
        "nl" => (Algorithm::Dutch, "dutch"),
        "en" => (Algorithm::English, "english"),
        "fi" => (Algorithm::Finnish, "finnish"),
        "fr" => (Algorithm::French, "french"),
        "de" => (Algorithm::German, "german"),
        "el" => (Algorithm::Greek, "greek"),
        "hu" => (Algorithm::Hungarian, "hungarian"),
        "it" => (Algorithm::Italian, "italian"),
        "no" | "nb" | "nn" => (Algorithm::Norwegian, "norwegian"),
        "pt" => (Algorithm::Portuguese, "portuguese"),
        "ro" => (Algorithm::Romanian, "romanian"),
        "ru" => (Algorithm::Russian, "russian"),
        "es" => (Algorithm::Spanish, "spanish"),
        "sv" => (Algorithm::Swedish, "swedish"),
        "ta" => (Algorithm::Tamil, "tamil"),
        "tr" => (Algorithm::Turkish, "turkish"),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all(text: &str) -> Vec<String> {
        words(text).map(Cow::into_owned).collect()
    }

    #[test]
    fn words_are_lowercase_and_skip_punctuation() {
        assert_eq!(
            all("Sanctions, tariffs — and the EU’s 2024 budget!"),
            [
                "sanctions",
                "tariffs",
                "and",
                "the",
                "eu's",
                "2024",
                "budget"
            ]
        );
    }

    proptest::proptest! {
        #[test]
        fn an_ascii_text_in_one_scan_gives_the_words_of_its_pieces(
            text in "[a-zA-Z0-9_:.,;'\"!?()\\- \t\n\r]{0,80}"
        ) {
            let one_scan: Vec<&str> = raw_words(&text).collect();
            let by_piece: Vec<&str> = text
                .split(|c: char| c.is_ascii_whitespace())
                .flat_map(ascii_words)
                .filter(|word| word.len() <= MAX_WORD_BYTES)
                .collect();
            let uax29: Vec<&str> = text.unicode_words().collect();
            proptest::prop_assert_eq!(&one_scan, &by_piece);
            proptest::prop_assert_eq!(one_scan, uax29);
        }

        #[test]
        fn ascii_words_are_uax29_words(text in "[a-zA-Z0-9_:.,;'\"!?()\\- ]{0,40}") {
            let fast: Vec<&str> = text.split(|c: char| c.is_ascii_whitespace()).flat_map(ascii_words).collect();
            let slow: Vec<&str> = text.unicode_words().collect();
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn ascii_words_join_as_uax29_does() {
        let text = "e.g. don't 4.25 3,000 a:b a_b __ _x 1a a.1 x.. 'quoted' end.";
        let fast: Vec<&str> = text.split(' ').flat_map(ascii_words).collect();
        assert_eq!(fast, text.unicode_words().collect::<Vec<_>>());
    }

    #[test]
    fn non_latin_words_are_kept() {
        assert_eq!(all("Привет, Мир. Ελλάδα"), ["привет", "мир", "ελλάδα"]);
    }

    #[test]
    fn overlong_runs_are_skipped() {
        let long = "a".repeat(MAX_WORD_BYTES + 1);
        assert_eq!(all(&format!("x {long} y")), ["x", "y"]);
    }

    #[test]
    fn stemmer_is_chosen_by_primary_subtag() {
        let english = TermStemmer::for_language("en-GB");
        assert_eq!(english.name(), "english");
        assert_eq!(english.stem("sanctions"), "sanction");
        assert_eq!(TermStemmer::for_language("fr").name(), "french");
        assert_eq!(TermStemmer::for_language("pt_BR").name(), "portuguese");
    }

    #[test]
    fn unknown_language_keeps_words_whole() {
        let none = TermStemmer::for_language("ja");
        assert_eq!(none.name(), "none");
        assert_eq!(none.stem("sanctions"), "sanctions");
    }
}
