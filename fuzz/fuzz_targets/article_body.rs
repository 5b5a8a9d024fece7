//! The Markdown-to-article step (intro, sections, figures, quotes, footnotes, the count) must
//! never panic, and numbered sections are always 1..N.
#![no_main]

use libfuzzer_sys::fuzz_target;
use stakes::testing::{LocalImage, Renderer, Resolve};

struct Anything;

impl Resolve for Anything {
    fn image(&self, src: &str) -> Result<(String, Option<LocalImage>), String> {
        if src.len() % 3 == 0 {
            Err(format!("image `{src}` does not exist"))
        } else {
            Ok((src.to_string(), None))
        }
    }
    fn link(&self, dest: &str) -> Result<String, String> {
        Ok(dest.to_string())
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    for sanitize in [false, true] {
        let (body, _) = Renderer::new(&Anything, sanitize).body(text, 1);
        let _ = Renderer::new(&Anything, sanitize).inline(text, 1);
        let _ = Renderer::new(&Anything, sanitize).document(text, 1);
        let numbers: Vec<u32> = body.sections.iter().filter_map(|s| s.number).collect();
        assert!(numbers.iter().enumerate().all(|(i, n)| *n as usize == i + 1));
        let _ = stakes::testing::promised_count(text);
    }
});
