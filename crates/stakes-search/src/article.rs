//! One article made ready for the index, in the build's parallel article pass: its words with
//! the sub-results that hold them ([`ArticleTerms`], packed small because the build keeps
//! every article's until the index is written), its filter values, and its fragment file (the
//! JSON the browser shows a result from). It must not know other articles.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use crate::format::{filter_term, put_bytes, put_varint, Cursor};
use crate::record::{ArticleRecord, FilterValue, SubKind};
use crate::tokenize::{normalise_word, raw_words};

/// The kinds of filter, as named in the manifest and in filter terms.
pub const FILTER_KINDS: [&str; 4] = ["section", "tag", "author", "year"];

/// How many shards the index writer splits the vocabulary into (one task each).
pub const SHARDS: usize = 16;

/// The shard a word's postings are gathered in.
pub fn shard_of(word: &str) -> usize {
    (FxBuildHasher.hash_one(word) % SHARDS as u64) as usize
}

/// An article's words, not yet stemmed (stems are found once per distinct word of the whole
/// site, not once per article), each with the masks of the sub-results holding it.
#[derive(Debug, Clone)]
pub struct ArticleTerms {
    pub(crate) article: u32,
    /// By shard (in no order within one): length-prefixed word, varint `subs`, varint `heads`.
    pub(crate) packed: Vec<u8>,
    /// Where each shard's entries end in `packed`.
    pub(crate) shard_ends: [u32; SHARDS],
    /// `(kind, value)` of each filter the article is in.
    pub(crate) filters: Vec<(&'static str, FilterValue)>,
}

impl ArticleTerms {
    /// The article's number.
    pub fn article(&self) -> u32 {
        self.article
    }

    /// Its words (and filter terms), by shard, with their masks.
    pub fn entries(&self) -> impl Iterator<Item = (&str, u64, u64)> + '_ {
        entries_of(&self.packed)
            .filter_map(|(word, subs, heads)| Some((std::str::from_utf8(word).ok()?, subs, heads)))
    }

    /// Its words of one shard ([`shard_of`]), with their masks. The words are bytes: the
    /// index writer reads every article's, and checks each distinct word is UTF-8 once
    /// (`prepare` wrote them from `&str`s; a kept file's checksum vouches for its bytes).
    pub fn shard_entries(&self, shard: usize) -> impl Iterator<Item = (&[u8], u64, u64)> + '_ {
        let start = if shard == 0 {
            0
        } else {
            self.shard_ends[shard - 1] as usize
        };
        entries_of(&self.packed[start..self.shard_ends[shard] as usize])
    }
}

/// The entries of packed words: length-prefixed word, varint `subs`, varint `heads`.
pub(crate) fn entries_of(packed: &[u8]) -> impl Iterator<Item = (&[u8], u64, u64)> + '_ {
    let mut cursor = Cursor::new(packed);
    std::iter::from_fn(move || {
        if cursor.is_done() {
            return None;
        }
        Some((cursor.bytes()?, cursor.varint()?, cursor.varint()?))
    })
}

/// The most text of one sub-result a fragment keeps, in bytes (cut at the last whitespace
/// before it, then marked with `…`): enough for the client's excerpt of ~30 words when the
/// match is in the first ~80 words, and the fragment files then weigh a fraction of the
/// pages. A match further in shows the sub-result's opening instead (FORMAT.md).
pub const FRAGMENT_TEXT_BYTES: usize = 600;

/// `text` cut to about [`FRAGMENT_TEXT_BYTES`] at whitespace, with `…` when cut.
fn capped(text: &str) -> Cow<'_, str> {
    if text.len() <= FRAGMENT_TEXT_BYTES {
        return Cow::Borrowed(text);
    }
    let mut end = FRAGMENT_TEXT_BYTES;
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let cut = text[..end].rfind(char::is_whitespace).unwrap_or(end);
    Cow::Owned(format!("{} …", text[..cut].trim_end()))
}

/// An article ready for the index: its terms, and its fragment file's bytes.
pub struct PreparedArticle {
    /// What the index writer needs.
    pub terms: ArticleTerms,
    /// The fragment file (`fragments/<article>.json`).
    pub fragment: Vec<u8>,
}

/// The fragment file of an article, as the browser reads it.
#[derive(Serialize)]
struct Fragment<'a> {
    url: &'a str,
    title: &'a str,
    date: &'a str,
    #[serde(skip_serializing_if = "str::is_empty")]
    date_shown: &'a str,
    section: Option<&'a str>,
    thumbnail: Option<&'a str>,
    subs: Vec<FragmentSub<'a>>,
}

/// A sub-result as a fragment holds it: its text capped ([`FRAGMENT_TEXT_BYTES`]).
#[derive(Serialize)]
struct FragmentSub<'a> {
    kind: SubKind,
    number: Option<u32>,
    heading: &'a str,
    anchor: Option<&'a str>,
    text: Cow<'a, str>,
}

/// Tokenizes an article (numbered `article`, 0 being the newest) and writes its fragment.
pub fn prepare(article: u32, record: &ArticleRecord) -> PreparedArticle {
    let subs = record.folded_subs();
    let text_bytes: usize = subs.iter().map(|s| s.heading.len() + s.text.len()).sum();
    let mut terms = ArticleWords::with_capacity(text_bytes / BYTES_PER_DISTINCT_WORD);
    for (n, sub) in subs.iter().enumerate() {
        let bit = 1u64 << n;
        for word in raw_words(&sub.heading) {
            terms.mark(word, bit, bit);
        }
        for word in raw_words(&sub.text) {
            terms.mark(word, bit, 0);
        }
    }
    for author in &record.authors {
        for word in raw_words(author) {
            terms.mark(word, 1, 0);
        }
    }
    let filters = filters_of(record);
    let mut filter_terms: Vec<String> = filters
        .iter()
        .map(|(kind, filter)| filter_term(kind, &filter.value))
        .collect();
    filter_terms.sort_unstable();
    filter_terms.dedup();
    // Grouped by shard, in no order within one: the writer gathers each shard's words in a
    // map (sorting every article's words cost more than tokenizing them).
    let mut by_shard: [Vec<u8>; SHARDS] = Default::default();
    let mut put = |term: &str, (subs, heads): (u64, u64)| {
        let shard = &mut by_shard[shard_of(term)];
        put_bytes(shard, term.as_bytes());
        put_varint(shard, subs);
        put_varint(shard, heads);
    };
    terms.each_term(&mut put);
    for term in &filter_terms {
        put(term, (1, 0));
    }
    let mut packed = Vec::with_capacity(by_shard.iter().map(Vec::len).sum());
    let mut shard_ends = [0u32; SHARDS];
    for (shard, bytes) in by_shard.iter().enumerate() {
        packed.extend_from_slice(bytes);
        shard_ends[shard] = packed.len() as u32;
    }
    let fragment = serde_json::to_vec(&Fragment {
        url: &record.url,
        title: &record.title,
        date: &record.date,
        date_shown: &record.date_shown,
        section: record.section.as_ref().map(|s| s.label.as_str()),
        thumbnail: record.thumbnail.as_deref(),
        subs: subs
            .iter()
            .map(|sub| FragmentSub {
                kind: sub.kind,
                number: sub.number,
                heading: &sub.heading,
                anchor: sub.anchor.as_deref(),
                text: capped(&sub.text),
            })
            .collect(),
    })
    .expect("a fragment of strings and numbers always serialises");
    PreparedArticle {
        terms: ArticleTerms {
            article,
            packed,
            shard_ends,
            filters,
        },
        fragment,
    }
}

/// One article's distinct words with the masks of the sub-results holding them. A word is
/// looked up as written (one hash per occurrence); each distinct spelling is normalised
/// (lowercased) once, at the end, where spellings that normalise alike ("The", "the") are
/// merged.
struct ArticleWords<'a> {
    /// A word as written → its slot.
    by_spelling: FxHashMap<&'a str, u32>,
    /// `(subs, heads)` masks by slot.
    masks: Vec<(u64, u64)>,
}

/// About how many bytes of newsroom text bring one new distinct word: the maps are sized from
/// the text so they do not grow (growing them was ~5 % of a search build's instructions).
const BYTES_PER_DISTINCT_WORD: usize = 16;

impl<'a> ArticleWords<'a> {
    fn with_capacity(words: usize) -> ArticleWords<'a> {
        ArticleWords {
            by_spelling: FxHashMap::with_capacity_and_hasher(words, FxBuildHasher),
            masks: Vec::with_capacity(words),
        }
    }

    /// Marks `word` (as written) as in the sub-results `subs`, as a heading word in `heads`.
    fn mark(&mut self, word: &'a str, subs: u64, heads: u64) {
        let next = self.masks.len() as u32;
        let slot = *self.by_spelling.entry(word).or_insert(next);
        if slot == next {
            self.masks.push((0, 0));
        }
        let mask = &mut self.masks[slot as usize];
        mask.0 |= subs;
        mask.1 |= heads;
    }

    /// Hands `put` each normalised word once, with the masks of every spelling of it.
    fn each_term(mut self, put: &mut impl FnMut(&str, (u64, u64))) {
        // Spellings already normal (most: running text is lowercase) are their own term. The
        // others are merged into their normal spelling's masks when the text has it too, else
        // gathered under their normal form.
        let mut normal = Vec::with_capacity(self.by_spelling.len());
        let mut others: FxHashMap<String, (u64, u64)> = FxHashMap::default();
        for (&spelling, &slot) in &self.by_spelling {
            let term = match normalise_word(spelling) {
                Cow::Borrowed(term) => term,
                Cow::Owned(term) if term == spelling => spelling,
                Cow::Owned(term) => {
                    let (subs, heads) = self.masks[slot as usize];
                    let masks = match self.by_spelling.get(term.as_str()) {
                        Some(&plain) => &mut self.masks[plain as usize],
                        None => others.entry(term).or_default(),
                    };
                    masks.0 |= subs;
                    masks.1 |= heads;
                    continue;
                }
            };
            normal.push((term, slot));
        }
        for (term, slot) in normal {
            put(term, self.masks[slot as usize]);
        }
        for (term, masks) in &others {
            put(term, *masks);
        }
    }
}

/// The filters an article is in: its section, tags, authors (lowercased names) and year.
fn filters_of(record: &ArticleRecord) -> Vec<(&'static str, FilterValue)> {
    let mut filters = Vec::new();
    if let Some(section) = &record.section {
        filters.push(("section", section.clone()));
    }
    for tag in &record.tags {
        filters.push(("tag", tag.clone()));
    }
    for author in &record.authors {
        filters.push((
            "author",
            FilterValue {
                value: author.to_lowercase(),
                label: author.clone(),
            },
        ));
    }
    if let Some(year) = record.year() {
        filters.push((
            "year",
            FilterValue {
                value: year.to_string(),
                label: year.to_string(),
            },
        ));
    }
    filters
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::SubResult;

    fn record() -> ArticleRecord {
        ArticleRecord {
            url: "/a/".into(),
            title: "Sanctions at stake".into(),
            dek: Some("A dek".into()),
            date: "2024-05-01".into(),
            date_shown: String::new(),
            authors: vec!["Ann Lee".into()],
            subs: vec![SubResult {
                kind: SubKind::Section,
                number: Some(1),
                heading: "Oil".into(),
                anchor: Some("oil".into()),
                text: "Sanctions bite".into(),
            }],
            ..Default::default()
        }
    }

    #[test]
    fn masks_say_where_each_word_is() {
        let prepared = prepare(7, &record());
        let entries: Vec<(String, u64, u64)> = prepared
            .terms
            .entries()
            .map(|(w, s, h)| (w.to_string(), s, h))
            .collect();
        assert!(entries.contains(&("sanctions".into(), 0b11, 0b01)));
        assert!(entries.contains(&("oil".into(), 0b10, 0b10)));
        assert!(entries.contains(&("ann".into(), 0b01, 0)));
        assert!(entries.contains(&(filter_term("year", "2024"), 1, 0)));
        assert!(entries.contains(&(filter_term("author", "ann lee"), 1, 0)));
        for shard in 0..SHARDS {
            let words: Vec<&[u8]> = prepared.terms.shard_entries(shard).map(|e| e.0).collect();
            assert!(words
                .iter()
                .all(|w| shard_of(std::str::from_utf8(w).unwrap()) == shard));
        }
        let in_shards: usize = (0..SHARDS)
            .map(|s| prepared.terms.shard_entries(s).count())
            .sum();
        assert_eq!(in_shards, entries.len());
    }

    #[test]
    fn spellings_of_one_word_are_one_term() {
        let mut both = record();
        both.title = "The café".into();
        both.subs[0].text = "the Café, CAFÉ and Kyiv’s kyiv's".into();
        let prepared = prepare(0, &both);
        let mut entries: Vec<(String, u64, u64)> = prepared
            .terms
            .entries()
            .filter(|(w, _, _)| !w.starts_with(crate::format::FILTER_PREFIX))
            .map(|(w, s, h)| (w.to_string(), s, h))
            .collect();
        entries.sort();
        let expected = [
            ("a", 0b01, 0),
            ("and", 0b10, 0),
            ("ann", 0b01, 0),
            ("café", 0b11, 0b01),
            ("dek", 0b01, 0),
            ("kyiv's", 0b10, 0),
            ("lee", 0b01, 0),
            ("oil", 0b10, 0b10),
            ("the", 0b11, 0b01),
        ];
        let expected: Vec<(String, u64, u64)> = expected
            .iter()
            .map(|&(w, s, h)| (w.to_string(), s, h))
            .collect();
        assert_eq!(entries, expected);
    }

    #[test]
    fn fragment_holds_the_sub_results() {
        let prepared = prepare(0, &record());
        let json: serde_json::Value = serde_json::from_slice(&prepared.fragment).unwrap();
        assert_eq!(json["subs"][0]["kind"], "headline");
        assert_eq!(json["subs"][1]["number"], 1);
        assert_eq!(json["subs"][1]["anchor"], "oil");
        assert_eq!(json["subs"][1]["text"], "Sanctions bite");
    }

    #[test]
    fn fragment_text_is_capped_at_whitespace() {
        let mut long = record();
        long.subs[0].text = "grounds ".repeat(200);
        let prepared = prepare(0, &long);
        let json: serde_json::Value = serde_json::from_slice(&prepared.fragment).unwrap();
        let text = json["subs"][1]["text"].as_str().unwrap();
        assert!(
            text.len() <= FRAGMENT_TEXT_BYTES + " …".len(),
            "{}",
            text.len()
        );
        assert!(text.ends_with("grounds …"), "{text}");
        assert_eq!(capped("é".repeat(400).as_str()).chars().last(), Some('…'));
    }
}
