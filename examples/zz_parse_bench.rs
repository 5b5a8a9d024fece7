use stakes::markdown::{parse_body, LocalImage, Resolve};
use std::time::Instant;
struct R;
impl Resolve for R {
    fn image(&self, src: &str) -> Result<(String, Option<LocalImage>), String> {
        Ok((src.to_string(), None))
    }
    fn link(&self, dest: &str) -> Result<String, String> {
        Ok(dest.to_string())
    }
}
fn main() {
    let dir = std::env::args().nth(1).unwrap();
    let mut bodies = Vec::new();
    for e in std::fs::read_dir(&dir).unwrap() {
        let p = e.unwrap().path();
        if p.extension().map_or(false, |x| x == "md") {
            let t = std::fs::read_to_string(&p).unwrap();
            let body = t.splitn(3, "---\n").nth(2).unwrap_or("").to_string();
            bodies.push(body);
        }
    }
    let bytes: usize = bodies.iter().map(|b| b.len()).sum();
    for _ in 0..2 {
        let t = Instant::now();
        let mut n = 0;
        for b in &bodies {
            let (body, _) = parse_body(b, 1, &R, false);
            n += body.word_count;
        }
        println!("parse_body: {:?} ({} bytes, {n} words)", t.elapsed(), bytes);
        let t = Instant::now();
        let mut n = 0;
        for b in &bodies {
            let mut s = String::new();
            pulldown_cmark::html::push_html(
                &mut s,
                pulldown_cmark::Parser::new_ext(b, pulldown_cmark::Options::empty()),
            );
            n += s.len();
        }
        println!("raw plain: {:?} {n}", t.elapsed());
        let opts = pulldown_cmark::Options::ENABLE_TABLES
            | pulldown_cmark::Options::ENABLE_FOOTNOTES
            | pulldown_cmark::Options::ENABLE_STRIKETHROUGH
            | pulldown_cmark::Options::ENABLE_SMART_PUNCTUATION
            | pulldown_cmark::Options::ENABLE_HEADING_ATTRIBUTES;
        let t = Instant::now();
        let mut n = 0;
        for b in &bodies {
            let mut s = String::new();
            pulldown_cmark::html::push_html(&mut s, pulldown_cmark::Parser::new_ext(b, opts));
            n += s.len();
        }
        println!("raw with options: {:?} {n}", t.elapsed());
        let t = Instant::now();
        let mut n = 0;
        for b in &bodies {
            let v: Vec<_> = pulldown_cmark::Parser::new_ext(b, opts)
                .into_offset_iter()
                .collect();
            n += v.len();
        }
        println!("offset collect: {:?} {n}", t.elapsed());
    }
}
