//! The written index, read back through the reader that mirrors the browser client, against a
//! naive search that scans every record of the same generated corpus: the same ranked results
//! and highlighted words for a few hundred generated queries (issue #20).

use std::collections::{BTreeSet, HashMap};

use stakes_search::reader::{Found, IndexReader};
use stakes_search::{
    prepare, words, write_index_in_chunks_of, ArticleRecord, FilterValue, SubKind, SubResult,
    TermStemmer,
};

/// A small deterministic generator (xorshift), so the corpus is the same on every run.
struct Dice(u64);

impl Dice {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

/// Words with their inflections, capitals, apostrophes and non-Latin text, so stems, aliases
/// and forms are all exercised.
const VOCABULARY: &[&str] = &[
    "sanction",
    "sanctions",
    "sanctioned",
    "Sanctioning",
    "tariff",
    "tariffs",
    "TARIFF",
    "vote",
    "votes",
    "voted",
    "voting",
    "voter",
    "voters",
    "election",
    "elections",
    "elected",
    "budget",
    "budgets",
    "budgeting",
    "Kyiv’s",
    "Kyiv's",
    "Kyiv",
    "minister",
    "ministers",
    "ministry",
    "court",
    "courts",
    "courting",
    "oil",
    "gas",
    "pipeline",
    "pipelines",
    "Getty",
    "Reuters",
    "café",
    "cafés",
    "Ελλάδα",
    "мир",
    "2024",
    "3",
    "the",
    "a",
    "of",
    "and",
    "general",
    "generous",
    "generally",
    "news",
    "new",
    "newer",
    "running",
    "runs",
    "ran",
    "run",
];

const SECTIONS: &[&str] = &["world", "politics", "economy"];
const TAGS: &[&str] = &["budget", "africa", "energy", "courts", "trade"];
const AUTHORS: &[&str] = &["Ann Lee", "Bo Chen", "Carla Díaz"];

/// `base` words and up to `spread - 1` more.
fn sentence(dice: &mut Dice, base: usize, spread: usize) -> String {
    let length = base + dice.below(spread);
    (0..length)
        .map(|_| dice.pick(VOCABULARY))
        .collect::<Vec<_>>()
        .join(" ")
}

fn corpus(articles: usize) -> Vec<ArticleRecord> {
    let mut dice = Dice(0x5eed_1234_abcd_0001);
    (0..articles)
        .map(|n| {
            let mut subs = vec![SubResult {
                kind: SubKind::Intro,
                number: None,
                heading: String::new(),
                anchor: None,
                text: sentence(&mut dice, 12, 1),
            }];
            for section in 1..=(2 + dice.below(5)) as u32 {
                let heading = sentence(&mut dice, 1, 3);
                subs.push(SubResult {
                    kind: SubKind::Section,
                    number: Some(section),
                    heading: heading.clone(),
                    anchor: Some(format!("s{section}")),
                    text: sentence(&mut dice, 8, 20),
                });
                if dice.below(3) == 0 {
                    subs.push(SubResult {
                        kind: SubKind::Caption,
                        number: Some(section),
                        heading,
                        anchor: Some(format!("s{section}")),
                        text: format!(
                            "{} {}",
                            sentence(&mut dice, 5, 1),
                            dice.pick(&["Getty", "Reuters"])
                        ),
                    });
                }
            }
            let tags = (0..dice.below(3))
                .map(|_| dice.pick(TAGS))
                .collect::<BTreeSet<_>>()
                .into_iter()
                .map(|t| FilterValue {
                    value: t.into(),
                    label: t.to_uppercase(),
                })
                .collect();
            ArticleRecord {
                url: format!("/a{n}/"),
                title: sentence(&mut dice, 3, 4),
                dek: (dice.below(2) == 0).then(|| sentence(&mut dice, 6, 1)),
                date: format!("{}-01-01", 2026 - n / 40),
                date_shown: format!("1 January {}", 2026 - n / 40),
                section: (dice.below(4) > 0).then(|| {
                    let s = dice.pick(SECTIONS);
                    FilterValue {
                        value: s.into(),
                        label: s.into(),
                    }
                }),
                tags,
                authors: vec![dice.pick(AUTHORS).to_string()],
                thumbnail: None,
                subs,
            }
        })
        .collect()
}

/// A set of stems.
type Stems = BTreeSet<String>;
/// The stems of a sub-result's heading and of its text.
type HeadingAndText = (Stems, Stems);

/// The naive search: every record scanned, each of its texts as the set of its words' stems.
struct Naive<'a> {
    records: &'a [ArticleRecord],
    /// Per record: per sub-result, the stems of its heading and of its text; then of authors.
    texts: Vec<(Vec<HeadingAndText>, Stems)>,
    /// Every word of the corpus → its stem.
    stems: HashMap<String, String>,
    /// Every stem.
    all_stems: BTreeSet<String>,
}

impl<'a> Naive<'a> {
    fn new(records: &'a [ArticleRecord]) -> Self {
        let stemmer = TermStemmer::for_language("en");
        let mut stems = HashMap::new();
        for record in records {
            for sub in record.folded_subs() {
                for word in words(&sub.heading).chain(words(&sub.text)) {
                    stems.insert(word.to_string(), stemmer.stem(&word).into_owned());
                }
            }
            for author in &record.authors {
                for word in words(author) {
                    stems.insert(word.to_string(), stemmer.stem(&word).into_owned());
                }
            }
        }
        let stem_all = |text: &str| -> BTreeSet<String> {
            words(text).map(|w| stemmer.stem(&w).into_owned()).collect()
        };
        let texts = records
            .iter()
            .map(|record| {
                let subs = record
                    .folded_subs()
                    .iter()
                    .map(|sub| (stem_all(&sub.heading), stem_all(&sub.text)))
                    .collect();
                (subs, stem_all(&record.authors.join(" ")))
            })
            .collect();
        let all_stems = stems.values().cloned().collect();
        Naive {
            records,
            texts,
            stems,
            all_stems,
        }
    }

    /// A query word's term: itself if some word stems to it, else its stem if it is a word of
    /// the corpus, else that of its longest known prefix, else none.
    fn term(&self, word: &str) -> Option<String> {
        self.known_term(word).or_else(|| {
            // As the index is read: the longest prefix of enough length that is known
            // (FORMAT.md, "Searching", step 2), counted here in code points independently.
            let chars: Vec<char> = word.chars().collect();
            let shortest = chars.len().saturating_sub(3).max(4);
            (shortest..chars.len())
                .rev()
                .find_map(|k| self.known_term(&chars[..k].iter().collect::<String>()))
        })
    }

    /// A word's term if the corpus has it as a stem or as a word.
    fn known_term(&self, word: &str) -> Option<String> {
        if self.all_stems.contains(word) {
            return Some(word.to_string());
        }
        self.stems.get(word).cloned()
    }

    fn search(
        &self,
        query: &str,
        filters: &[(&str, &str)],
    ) -> (Vec<(u32, usize, u32)>, BTreeSet<String>) {
        let mut terms: Vec<String> = Vec::new();
        for word in words(query) {
            let Some(term) = self.term(&word) else {
                return (Vec::new(), BTreeSet::new());
            };
            if !terms.contains(&term) {
                terms.push(term);
            }
        }
        if terms.is_empty() {
            // No words: the articles of every chosen filter, newest first, on their headline.
            let hits = self
                .records
                .iter()
                .enumerate()
                .filter(|(_, record)| {
                    !filters.is_empty()
                        && filters
                            .iter()
                            .all(|(kind, value)| in_filter(record, kind, value))
                })
                .map(|(n, _)| (n as u32, 0, 0))
                .collect();
            return (hits, BTreeSet::new());
        }
        let highlight = self
            .stems
            .iter()
            .filter(|(_, stem)| terms.contains(stem))
            .map(|(word, _)| word.clone())
            .chain(terms.iter().cloned())
            .collect();
        let mut hits = Vec::new();
        for (n, record) in self.records.iter().enumerate() {
            if !filters
                .iter()
                .all(|(kind, value)| in_filter(record, kind, value))
            {
                continue;
            }
            let (subs, authors) = &self.texts[n];
            // (terms in the sub, terms in its heading) per sub.
            let counts: Vec<(u32, u32)> = subs
                .iter()
                .enumerate()
                .map(|(s, (heading, text))| {
                    let mut found = 0;
                    let mut heads = 0;
                    for term in &terms {
                        let in_heading = heading.contains(term);
                        let in_text = text.contains(term) || (s == 0 && authors.contains(term));
                        found += u32::from(in_heading || in_text);
                        heads += u32::from(in_heading);
                    }
                    (found, heads)
                })
                .collect();
            let all_found = terms.iter().all(|t| {
                subs.iter().any(|(h, x)| h.contains(t) || x.contains(t)) || authors.contains(t)
            });
            if !all_found {
                continue;
            }
            let boost = counts.iter().map(|c| c.1).max().unwrap_or(0);
            let mut best = 0;
            let mut best_key = (0, 0, false);
            for (s, (found, heads)) in counts.iter().enumerate() {
                let key = (*found, if s == 0 { 0 } else { *heads }, s != 0);
                if *found > 0 && key > best_key {
                    best_key = key;
                    best = s;
                }
            }
            hits.push((n as u32, best, boost));
        }
        hits.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.cmp(&b.0)));
        (hits, highlight)
    }
}

fn in_filter(record: &ArticleRecord, kind: &str, value: &str) -> bool {
    match kind {
        "section" => record.section.as_ref().is_some_and(|s| s.value == value),
        "tag" => record.tags.iter().any(|t| t.value == value),
        "author" => record.authors.iter().any(|a| a.to_lowercase() == value),
        "year" => record.year() == Some(value),
        _ => false,
    }
}

fn queries(count: usize) -> Vec<(String, Vec<(&'static str, &'static str)>)> {
    let mut dice = Dice(0x0bad_cafe_0000_0042);
    let extra = [
        "unknownword",
        "sanctio",
        "sanctioned",
        "votings",
        "budgetary",
        "vot",
        "getty",
        "KYIV",
        "Ann",
        "díaz",
        "cafe",
    ];
    (0..count)
        .map(|_| {
            // One query in ten has no words: filters alone then list their articles.
            let length = if dice.below(10) == 0 {
                0
            } else {
                1 + dice.below(3)
            };
            let text = (0..length)
                .map(|_| {
                    if dice.below(8) == 0 {
                        dice.pick(&extra)
                    } else {
                        dice.pick(VOCABULARY)
                    }
                })
                .collect::<Vec<_>>()
                .join(" ");
            let mut filters = Vec::new();
            match dice.below(6) {
                0 => filters.push(("section", dice.pick(SECTIONS))),
                1 => filters.push(("tag", dice.pick(TAGS))),
                2 => filters.push((
                    "author",
                    ["ann lee", "bo chen", "carla díaz"][dice.below(3)],
                )),
                3 => filters.push(("year", ["2026", "2025", "2024", "1999"][dice.below(4)])),
                _ => {}
            }
            (text, filters)
        })
        .collect()
}

#[test]
fn index_answers_like_a_naive_scan() {
    let records = corpus(200);
    let prepared: Vec<_> = records
        .iter()
        .enumerate()
        .map(|(n, r)| prepare(n as u32, r))
        .collect();
    let mut files: HashMap<String, Vec<u8>> = HashMap::new();
    for (n, p) in prepared.iter().enumerate() {
        files.insert(stakes_search::fragment_path(n as u32), p.fragment.clone());
    }
    let terms = prepared.into_iter().map(|p| p.terms).collect();
    for file in write_index_in_chunks_of("en", terms, 600) {
        files.insert(file.path, file.bytes);
    }
    let mut reader = IndexReader::open(|path: &str| files.get(path).cloned()).unwrap();
    assert!(
        reader.manifest.chunks.len() > 10,
        "small chunks make many files"
    );
    let naive = Naive::new(&records);
    // Words the corpus never wrote that stand for a known prefix, and one that does not.
    assert_eq!(naive.term("votings").as_deref(), Some("vote"));
    assert_eq!(naive.term("budgetary").as_deref(), Some("budget"));
    assert_eq!(naive.term("unknownword"), None);
    let (mut with_results, mut browsed) = (0, 0);
    for (text, filters) in queries(400) {
        let Found {
            hits,
            highlight,
            fetched,
        } = reader.search(&text, &filters);
        let (expected, expected_highlight) = naive.search(&text, &filters);
        let got: Vec<(u32, usize, u32)> =
            hits.iter().map(|h| (h.article, h.sub, h.boost)).collect();
        assert_eq!(got, expected, "query {text:?} {filters:?}");
        if !expected.is_empty() {
            assert_eq!(highlight, expected_highlight, "highlight of {text:?}");
            with_results += 1;
            browsed += usize::from(text.is_empty());
        }
        assert!(
            fetched.len() <= 2 * 3 + 1,
            "only the chunks needed: {fetched:?}"
        );
    }
    assert!(
        with_results > 150,
        "most queries find something: {with_results}"
    );
    assert!(browsed > 5, "filters alone list articles: {browsed}");
}

#[test]
fn fragments_carry_what_a_result_shows() {
    let records = corpus(5);
    let prepared = prepare(3, &records[3]);
    let fragment: serde_json::Value = serde_json::from_slice(&prepared.fragment).unwrap();
    assert_eq!(fragment["url"], "/a3/");
    assert_eq!(fragment["title"], records[3].title.as_str());
    assert_eq!(fragment["date_shown"], records[3].date_shown.as_str());
    let subs = fragment["subs"].as_array().unwrap();
    assert_eq!(subs.len(), records[3].subs.len() + 1);
    assert_eq!(subs[2]["anchor"], "s1");
}
