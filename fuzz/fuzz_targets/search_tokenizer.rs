//! The search tokenizer (issue #20) on any text: it never panics, every word it gives is short,
//! already in its normal form, and stems without panicking in every language stakes maps; and
//! the chunk reader refuses garbage without panicking.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakes_search::{format::read_chunk, normalise_word, words, TermStemmer, MAX_WORD_BYTES};

fuzz_target!(|data: &[u8]| {
    let _ = read_chunk(data);
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let stemmers = ["en", "fr", "de", "ru", "el", "tr", "xx"].map(TermStemmer::for_language);
    for word in words(text) {
        assert!(word.len() <= MAX_WORD_BYTES * 4, "{word:?}");
        assert_eq!(normalise_word(&word), word, "normal form is stable");
        for stemmer in &stemmers {
            let _ = stemmer.stem(&word);
        }
    }
});
