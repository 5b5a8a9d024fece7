//! One article made ready for the index, in the build's parallel article pass: its words with
//! the sub-results that hold them ([`ArticleTerms`], packed small because the build keeps
//! every article's until the index is written), its filter values, and its fragment file (the
//! JSON the browser shows a result from). It must not know other articles.

use std::borrow::Cow;
use std::hash::BuildHasher;

use rustc_hash::{FxBuildHasher, FxHashMap};
use serde::Serialize;

use crate::format::{filter_term, put_bytes, put_varint, Cursor};
use crate::record::{ArticleRecord, FilterValue, SubResult};
use crate::tokenize::words;

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
    packed: Vec<u8>,
    /// Where each shard's entries end in `packed`.
    shard_ends: [u32; SHARDS],
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
        self.entries_of(&self.packed)
    }

    /// Its words of one shard ([`shard_of`]), with their masks.
    pub fn shard_entries(&self, shard: usize) -> impl Iterator<Item = (&str, u64, u64)> + '_ {
        let start = if shard == 0 {
            0
        } else {
            self.shard_ends[shard - 1] as usize
        };
        self.entries_of(&self.packed[start..self.shard_ends[shard] as usize])
    }

    fn entries_of<'a>(&self, packed: &'a [u8]) -> impl Iterator<Item = (&'a str, u64, u64)> + 'a {
        let mut cursor = Cursor::new(packed);
        std::iter::from_fn(move || {
            if cursor.is_done() {
                return None;
            }
            // Written by `prepare` from `&str`s just above: always well formed.
            let word = std::str::from_utf8(cursor.bytes()?).ok()?;
            Some((word, cursor.varint()?, cursor.varint()?))
        })
    }
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
    section: Option<&'a str>,
    thumbnail: Option<&'a str>,
    subs: &'a [SubResult],
}

/// Tokenizes an article (numbered `article`, 0 being the newest) and writes its fragment.
pub fn prepare(article: u32, record: &ArticleRecord) -> PreparedArticle {
    let subs = record.folded_subs();
    let mut masks: FxHashMap<Cow<'_, str>, (u64, u64)> = FxHashMap::default();
    for (n, sub) in subs.iter().enumerate() {
        let bit = 1u64 << n;
        for word in words(&sub.heading) {
            let mask = masks.entry(word).or_default();
            mask.0 |= bit;
            mask.1 |= bit;
        }
        for word in words(&sub.text) {
            masks.entry(word).or_default().0 |= bit;
        }
    }
    for author in &record.authors {
        for word in words(author) {
            masks.entry(word).or_default().0 |= 1;
        }
    }
    let filters = filters_of(record);
    for (kind, filter) in &filters {
        masks.insert(Cow::Owned(filter_term(kind, &filter.value)), (1, 0));
    }
    // Grouped by shard, in no order within one: the writer gathers each shard's words in a
    // map (sorting every article's words cost more than tokenizing them).
    let mut by_shard: [Vec<u8>; SHARDS] = Default::default();
    for (word, (subs, heads)) in &masks {
        let shard = &mut by_shard[shard_of(word)];
        put_bytes(shard, word.as_bytes());
        put_varint(shard, *subs);
        put_varint(shard, *heads);
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
        section: record.section.as_ref().map(|s| s.label.as_str()),
        thumbnail: record.thumbnail.as_deref(),
        subs: &subs,
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
    use crate::record::SubKind;

    fn record() -> ArticleRecord {
        ArticleRecord {
            url: "/a/".into(),
            title: "Sanctions at stake".into(),
            dek: Some("A dek".into()),
            date: "2024-05-01".into(),
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
            let words: Vec<&str> = prepared.terms.shard_entries(shard).map(|e| e.0).collect();
            assert!(words.iter().all(|w| shard_of(w) == shard));
        }
        let in_shards: usize = (0..SHARDS)
            .map(|s| prepared.terms.shard_entries(s).count())
            .sum();
        assert_eq!(in_shards, entries.len());
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
}
