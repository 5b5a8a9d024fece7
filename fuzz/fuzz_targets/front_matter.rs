//! Splitting and parsing front matter must never panic, whatever the bytes.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakes::testing::{normalise_text, parse_front_matter, split_front_matter};

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let text = normalise_text(text.to_string());
    if let Ok(split) = split_front_matter(&text) {
        let _ = parse_front_matter(split.yaml, std::path::Path::new("fuzz.md"));
    }
});
