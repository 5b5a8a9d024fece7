//! Counting in plain text: words (at ASCII whitespace), line feeds and the first sentence of a
//! paragraph. Pure functions of `&str`/`&[u8]`: it must not know Markdown events or HTML.

/// Words in a piece of text: runs of characters between ASCII whitespace. (A no-break or
/// other Unicode space joins words, as writers use it: "10\u{a0}km" is one.) Word counts run
/// over every text event of every article, so the text is compared 32 byte pairs at a time:
/// a word starts at each non-space byte that follows a space, and summing those 0s and 1s
/// over fixed-size chunks is a loop the compiler turns into vector compares. Most text events
/// are a line or less, so the tail goes through the same compares, padded with spaces (which
/// start no word): byte by byte, the tails were ~2.5 % of a build's instructions.
pub(super) fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut words = usize::from(!is_ascii_space(first));
    let (before, after) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut before_chunks = before.chunks_exact(WORD_LANES);
    let mut after_chunks = after.chunks_exact(WORD_LANES);
    for (previous, current) in (&mut before_chunks).zip(&mut after_chunks) {
        words += word_starts(
            previous.try_into().expect("a full chunk"),
            current.try_into().expect("a full chunk"),
        );
    }
    let (previous_tail, current_tail) = (before_chunks.remainder(), after_chunks.remainder());
    if !current_tail.is_empty() {
        let mut previous = [b' '; WORD_LANES];
        let mut current = [b' '; WORD_LANES];
        previous[..previous_tail.len()].copy_from_slice(previous_tail);
        current[..current_tail.len()].copy_from_slice(current_tail);
        words += word_starts(&previous, &current);
    }
    words
}

/// How many bytes [`word_starts`] compares at once.
const WORD_LANES: usize = 32;

/// Word starts among 32 byte pairs: a non-space byte in `current` after a space in `previous`.
fn word_starts(previous: &[u8; WORD_LANES], current: &[u8; WORD_LANES]) -> usize {
    // At most 32: fits in a u8.
    let mut starts = 0u8;
    for i in 0..WORD_LANES {
        starts += u8::from(is_ascii_space(previous[i]) & !is_ascii_space(current[i]));
    }
    usize::from(starts)
}

/// Space, or tab through carriage return. Bytes of multi-byte characters are never spaces.
pub(super) fn is_ascii_space(byte: u8) -> bool {
    (byte == b' ') | (byte.wrapping_sub(b'\t') < 5)
}

/// Line feeds in `bytes`. Every section and figure records its line, so each body is counted
/// through once, by memchr's counter (vector compares, the widest the CPU has, chosen at run
/// time): a byte-by-byte filter was 4 % of a build's instructions, and a portable 32-byte
/// chunked sum still ~1 %. Every line number the build reports is counted here.
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// The first sentence of a paragraph, at most about 200 characters, cut at a word.
pub(super) fn first_sentence(paragraph: &str) -> String {
    // The result is decided by the first 201 characters of the collapsed text (and one
    // after, to see a sentence end): words are joined until there are more than that, and
    // the rest of the paragraph is never looked at.
    const ENOUGH: usize = 202;
    let mut text = String::with_capacity(256);
    let mut chars = 0;
    for word in paragraph.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        text.push_str(word);
        chars += word.chars().count();
        if chars > ENOUGH {
            break;
        }
    }
    sentence_of(&text)
}

/// The first sentence of text whose whitespace is collapsed, cut at a word past 200 characters.
fn sentence_of(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '?' | '!') && text[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() <= 200 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(200).collect();
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => format!("{cut}…"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn newlines_are_counted_in_every_position() {
        let text: String = (0..200)
            .map(|i| {
                if i % 7 == 0 || i % 31 == 0 {
                    '\n'
                } else {
                    'é'
                }
            })
            .collect();
        let bytes = text.as_bytes();
        for start in 0..70 {
            for end in [start, start + 1, start + 33, start + 64, bytes.len()] {
                let slice = &bytes[start..end.min(bytes.len())];
                let expected = slice.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(count_newlines(slice), expected, "{start}..{end}");
            }
        }
    }

    #[test]
    fn words_are_split_at_ascii_whitespace_only() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnew\x0bline\x0c\r end",
            "caf\u{e9} na\u{ef}ve\u{a0}nbsp\u{2003}em",
            &"word ".repeat(40),
            &"x".repeat(64),
            &format!("{} {}", "a".repeat(63), "b".repeat(70)),
            &format!("{} b", "a".repeat(64)),
            "\x08\x09\x0d\x0e\x1f\x20\x21\x7f a",
            "ab\tcd\x0bef\x0c\x0dgh  ijklmnop qrstuvwx",
            "\u{2019}\u{201c}quoted\u{201d} \u{2014} dash\u{2009}thin \u{e9}\u{e9}\u{e9}\u{e9}",
        ] {
            assert_eq!(count_words(text), ascii_words(text), "{text:?}");
        }
        assert_eq!(
            count_words("10\u{a0}km of road"),
            3,
            "a no-break space joins"
        );
    }

    /// The reference: words between ASCII whitespace, one character at a time.
    pub(super) fn ascii_words(text: &str) -> usize {
        text.split(|c: char| c.is_ascii() && c.is_whitespace())
            .filter(|word| !word.is_empty())
            .count()
    }

    #[test]
    fn long_first_sentences_are_cut_at_a_word() {
        let long = "word ".repeat(80);
        let sentence = first_sentence(&long);
        assert!(sentence.ends_with('…') && sentence.chars().count() <= 201);
    }
}

#[cfg(test)]
mod properties {
    use super::*;
    use proptest::prelude::*;

    /// `first_sentence` without the shortcut for long paragraphs, as the reference.
    fn whole_first_sentence(paragraph: &str) -> String {
        sentence_of(&paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
    }

    proptest! {
        #[test]
        fn long_paragraphs_give_the_same_first_sentence_as_whole_ones(
            words in proptest::collection::vec("[a-zé]{1,30}[.?!]?", 1..400),
            gaps in proptest::collection::vec("[ \t\n]{1,3}", 400),
        ) {
            let paragraph: String = words.iter().zip(&gaps).map(|(w, g)| format!("{w}{g}")).collect();
            prop_assert_eq!(first_sentence(&paragraph), whole_first_sentence(&paragraph));
        }

        #[test]
        fn words_are_counted_at_ascii_whitespace_for_any_text(text in "[ -~\t\n\r\x0b\x0c\x00-\x1f\u{80}-\u{3000}]{0,200}") {
            prop_assert_eq!(count_words(&text), super::tests::ascii_words(&text));
        }
    }
}
