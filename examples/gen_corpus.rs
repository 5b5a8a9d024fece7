//! Generates a deterministic corpus of N "things at stake" explainers for benchmarks:
//! 3–7 numbered sections, a lead and an inline figure with caption and credit, a pull quote,
//! 2–4 tags from a pool of 50, about 14 KB of Markdown each, spread over eight sections.
//!
//! ```sh
//! cargo run --release --example gen_corpus -- --out /dev/shm/corpus -n 10000 [--seed 7] [--images]
//! ```
//!
//! Article i depends only on (seed, i), so a corpus of 1,000 is a prefix of one of 10,000.
//! With `--images` every article is a bundle with its own two photos (a tiny PNG); without, all
//! figures share one photo in `static/`.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

const NUMBER_WORDS: [&str; 8] = ["", "", "", "Three", "Four", "Five", "Six", "Seven"];
const SECTIONS: [&str; 8] = [
    "world", "politics", "economy", "climate", "health", "cities", "tech", "culture",
];
const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "with",
    "be",
    "by",
    "on",
    "not",
    "this",
    "are",
    "from",
    "at",
    "which",
    "but",
    "have",
    "they",
    "were",
    "their",
    "has",
    "would",
    "when",
    "what",
    "about",
    "who",
    "could",
    "budget",
    "vote",
    "senate",
    "court",
    "ruling",
    "election",
    "governor",
    "mayor",
    "policy",
    "reform",
    "tax",
    "deficit",
    "inflation",
    "wages",
    "union",
    "strike",
    "housing",
    "rent",
    "bank",
    "market",
    "energy",
    "climate",
    "drought",
    "coast",
    "prices",
    "tariff",
    "trade",
    "border",
    "police",
    "judge",
    "appeal",
    "regulators",
    "cabinet",
    "coalition",
    "voters",
    "council",
    "school",
    "hospital",
    "pension",
    "ceasefire",
    "sanctions",
    "summit",
    "pipeline",
    "railway",
    "bridge",
    "transit",
    "factory",
    "workers",
    "contract",
    "deadline",
    "proposal",
    "committee",
    "hearing",
    "report",
    "inquiry",
    "said",
    "argued",
    "warned",
    "noted",
    "announced",
    "promised",
    "rejected",
    "approved",
    "delayed",
    "blocked",
    "backed",
    "key",
    "major",
    "narrow",
    "fragile",
    "costly",
    "rapid",
    "modest",
    "uncertain",
    "crucial",
    "divided",
    "regional",
];
const PLACES: &[&str] = &[
    "Ohio", "Bavaria", "Kenya", "Quebec", "Lombardy", "Chile", "Scotland", "Punjab", "Poland",
    "Ontario", "Ghana", "Norway", "Peru", "Sicily", "Alberta", "Japan",
];
const EVENTS: &[&str] = &[
    "budget talks",
    "pension overhaul",
    "port strike",
    "housing vote",
    "pipeline fight",
    "trade deal",
    "teachers' contract",
    "water dispute",
    "energy auction",
    "rail expansion",
    "tax referendum",
    "coalition talks",
    "climate bill",
];
const NAMES: &[&str] = &[
    "Jane Doe",
    "Maria Lopez",
    "Ahmed Khan",
    "Lena Fischer",
    "Tomas Novak",
    "Priya Sharma",
    "Kofi Mensah",
    "Elena Petrova",
    "Yuki Tanaka",
    "Sofia Rossi",
];
const AGENCIES: &[&str] = &[
    "Northwind Press",
    "Pacific Wire",
    "Metro Photo Service",
    "Harbor News",
    "Delta Images",
];
/// A valid 4×3 PNG, written for every photo.
const PNG: &[u8] = &[
    137, 80, 78, 71, 13, 10, 26, 10, 0, 0, 0, 13, 73, 72, 68, 82, 0, 0, 0, 4, 0, 0, 0, 3, 8, 2, 0,
    0, 0, 59, 150, 57, 145, 0, 0, 0, 16, 73, 68, 65, 84, 120, 156, 99, 56, 96, 96, 0, 71, 12, 56,
    57, 0, 14, 54, 13, 129, 134, 153, 75, 159, 0, 0, 0, 0, 73, 69, 78, 68, 174, 66, 96, 130,
];

/// A small deterministic generator (SplitMix64), so the corpus needs no dependency.
struct Rng(u64);

impl Rng {
    fn new(seed: u64, i: u64) -> Rng {
        Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ i.wrapping_mul(0xD1B5_4A32_D192_ED03))
    }
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, list: &[&'a str]) -> &'a str {
        list[self.below(list.len())]
    }
}

fn sentence(rng: &mut Rng) -> String {
    let n = 8 + rng.below(13);
    let mut words: Vec<String> = (0..n).map(|_| rng.pick(WORDS).to_string()).collect();
    if rng.below(3) == 0 {
        let at = rng.below(n);
        words[at] = rng.pick(PLACES).to_string();
    }
    if rng.below(6) == 0 {
        let at = rng.below(n);
        words[at] = format!("*{}*", words[at]);
    }
    let mut text = words.join(" ");
    text[..1].make_ascii_uppercase();
    text.push('.');
    text
}

fn paragraph(rng: &mut Rng) -> String {
    (0..4 + rng.below(3))
        .map(|_| sentence(rng))
        .collect::<Vec<_>>()
        .join(" ")
}

fn article(seed: u64, i: u64, images: bool) -> (String, String, String) {
    let mut rng = Rng::new(seed, i);
    let count = 3 + rng.below(5);
    let section = SECTIONS[(i % SECTIONS.len() as u64) as usize];
    let event = rng.pick(EVENTS);
    let place = rng.pick(PLACES);
    let title = format!(
        "{} things at stake in the {place} {event} ({i})",
        NUMBER_WORDS[count]
    );
    let slug = format!(
        "{}-things-{}-{i}",
        NUMBER_WORDS[count].to_lowercase(),
        place.to_lowercase()
    );
    let day = 1 + i % 28;
    let month = 1 + (i / 28) % 12;
    let year = 2020 + (i / 336) % 7;
    let mut tags: Vec<usize> = Vec::new();
    while tags.len() < 2 + rng.below(3) {
        let t = rng.below(50);
        if !tags.contains(&t) {
            tags.push(t);
        }
    }
    let tags: Vec<String> = tags.iter().map(|t| format!("Topic {t:02}")).collect();
    let (lead, inline) = if images {
        ("lead.png".to_string(), "inline.png".to_string())
    } else {
        ("/photo.png".to_string(), "/photo.png".to_string())
    };
    let credit = |rng: &mut Rng| format!("{} | {}", rng.pick(NAMES), rng.pick(AGENCIES));
    let mut text = String::with_capacity(16 * 1024);
    let _ = write!(
        text,
        "---\ntitle: \"{title}\"\ndate: {year}-{month:02}-{day:02}\ndek: \"{}\"\nauthors: [{}]\ntags: [{}]\nimage:\n  src: {lead}\n  alt: A photo for explainer {i}\n  caption: \"{}\"\n  credit: {}\n---\n",
        sentence(&mut rng),
        rng.pick(NAMES),
        tags.join(", "),
        sentence(&mut rng),
        credit(&mut rng),
    );
    for _ in 0..2 {
        let _ = writeln!(text, "{}\n", paragraph(&mut rng));
    }
    for n in 0..count {
        let _ = writeln!(
            text,
            "## {} {}\n",
            rng.pick(WORDS).to_uppercase(),
            rng.pick(WORDS)
        );
        for _ in 0..3 + rng.below(3) {
            let _ = writeln!(text, "{}\n", paragraph(&mut rng));
        }
        if n == 1 {
            let _ = writeln!(
                text,
                "![An inline photo for explainer {i}]({inline})\n{}\nCredit: {}\n",
                sentence(&mut rng),
                credit(&mut rng)
            );
        }
        if n == 2 {
            let _ = writeln!(
                text,
                "> {}\n>\n> — {}, {}\n",
                sentence(&mut rng),
                rng.pick(NAMES),
                rng.pick(WORDS)
            );
        }
    }
    let _ = writeln!(
        text,
        "## What comes next {{.unnumbered}}\n\n{}",
        paragraph(&mut rng)
    );
    (section.to_string(), slug, text)
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let value = |flag: &str| {
        args.iter()
            .position(|a| a == flag)
            .and_then(|p| args.get(p + 1))
            .cloned()
    };
    let (Some(out), Some(n)) = (
        value("--out"),
        value("-n").and_then(|n| n.parse::<u64>().ok()),
    ) else {
        eprintln!("usage: gen_corpus --out DIR -n N [--seed S] [--images]");
        std::process::exit(2);
    };
    let seed = value("--seed").and_then(|s| s.parse().ok()).unwrap_or(7);
    let images = args.iter().any(|a| a == "--images");
    let out = PathBuf::from(out);
    write(
        &out.join("site.yaml"),
        b"title: Benchmark corpus\nbase_url: https://bench.example/\n",
    );
    if !images {
        write(&out.join("static/photo.png"), PNG);
    }
    for i in 0..n {
        let (section, slug, text) = article(seed, i, images);
        let dir = out.join("content").join(section).join(&slug);
        write(&dir.join("index.md"), text.as_bytes());
        if images {
            write(&dir.join("lead.png"), PNG);
            write(&dir.join("inline.png"), PNG);
        }
    }
    eprintln!("wrote {n} articles to {}", out.display());
}

fn write(path: &Path, bytes: &[u8]) {
    std::fs::create_dir_all(path.parent().expect("has a parent")).expect("create folder");
    std::fs::write(path, bytes).expect("write file");
}
