//! Writing the index from every article's [`ArticleTerms`]: words gathered into postings (in
//! parallel, by shards of the vocabulary), stemmed once per distinct word, grouped under their
//! stems, sorted, and cut into chunk files of a bounded size by word range, with the manifest
//! that names each chunk's first term and the filter values. It owns which term goes in which
//! file; the bytes are `format`'s.

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::FxHashMap;
use serde::Serialize;

use crate::article::{ArticleTerms, FILTER_KINDS, SHARDS};
use crate::format::{
    alias_entry, postings_entry, put_postings, put_varint, read_postings, write_chunk, Posting,
    FILTER_PREFIX,
};
use crate::tokenize::TermStemmer;

/// The version of the file format (FORMAT.md), in the manifest.
pub const FORMAT_VERSION: u32 = 1;

/// The size a chunk grows to before the next term starts a new one (a term's entry is never
/// split, so a chunk of one very common word can be larger).
pub const CHUNK_TARGET_BYTES: usize = 48 * 1024;

/// How the manifest names an article's fragment: `{article}` is replaced by its number.
pub const FRAGMENT_PATTERN: &str = "fragments/{article}.json";

/// The path of article `article`'s fragment file, relative to the index's folder.
pub fn fragment_path(article: u32) -> String {
    FRAGMENT_PATTERN.replace("{article}", &article.to_string())
}

/// The path of the manifest, relative to the index's folder.
pub const MANIFEST_PATH: &str = "manifest.json";

/// One file of the index: its path relative to the index's folder, and its bytes.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct IndexFile {
    /// `manifest.json`, `chunks/3.bin`.
    pub path: String,
    /// The contents.
    pub bytes: Vec<u8>,
}

/// A filter value in the manifest, with how many articles have it.
#[derive(Debug, Serialize)]
struct ManifestFilter {
    value: String,
    label: String,
    count: u32,
}

/// The manifest (`manifest.json`).
#[derive(Debug, Serialize)]
struct Manifest<'a> {
    format: u32,
    language: &'a str,
    stemmer: &'a str,
    articles: u32,
    chunks: Vec<ManifestChunk>,
    fragments: &'a str,
    filters: BTreeMap<&'static str, Vec<ManifestFilter>>,
}

/// A chunk in the manifest: its first term and file.
#[derive(Debug, Serialize)]
struct ManifestChunk {
    first: String,
    file: String,
}

/// Writes the manifest and chunk files for `articles` (numbered 0 = newest, each number once),
/// stemming with the stemmer of `language`.
pub fn write_index(language: &str, articles: Vec<ArticleTerms>) -> Vec<IndexFile> {
    write_index_in_chunks_of(language, articles, CHUNK_TARGET_BYTES)
}

/// [`write_index`] with chunks of about `chunk_bytes` (tests use small ones to get many).
pub fn write_index_in_chunks_of(
    language: &str,
    mut articles: Vec<ArticleTerms>,
    chunk_bytes: usize,
) -> Vec<IndexFile> {
    articles.par_sort_unstable_by_key(|a| a.article);
    let stemmer_name = TermStemmer::for_language(language).name();
    let by_word = postings_by_word(&articles);
    let entries = entries_by_term(language, by_word);
    let mut files = Vec::new();
    let mut chunks = Vec::new();
    for (n, range) in chunk_ranges(&entries, chunk_bytes).into_iter().enumerate() {
        let file = format!("chunks/{n}.bin");
        chunks.push(ManifestChunk {
            first: entries[range.start].0.clone(),
            file: file.clone(),
        });
        let bytes = write_chunk(
            entries[range]
                .iter()
                .map(|(term, encoded)| (term.as_str(), encoded.as_slice())),
        );
        files.push(IndexFile { path: file, bytes });
    }
    let manifest = Manifest {
        format: FORMAT_VERSION,
        language,
        stemmer: stemmer_name,
        articles: articles.len() as u32,
        chunks,
        fragments: FRAGMENT_PATTERN,
        filters: manifest_filters(&articles),
    };
    files.push(IndexFile {
        path: MANIFEST_PATH.to_string(),
        bytes: serde_json::to_vec(&manifest).expect("the manifest always serialises"),
    });
    files
}

/// Every word's postings, encoded, in no particular order. Each shard of the vocabulary reads
/// its part of every article (in number order, so postings come out sorted).
fn postings_by_word(articles: &[ArticleTerms]) -> Vec<(&str, Vec<u8>)> {
    (0..SHARDS)
        .into_par_iter()
        .flat_map_iter(|shard| {
            let mut words: FxHashMap<&[u8], (u32, Vec<u8>)> = FxHashMap::default();
            for article in articles {
                for (word, subs, heads) in article.shard_entries(shard) {
                    let (previous, bytes) = words.entry(word).or_default();
                    put_varint(bytes, u64::from(article.article - *previous));
                    put_varint(bytes, subs);
                    put_varint(bytes, heads);
                    *previous = article.article;
                }
            }
            // Each distinct word checked once, not once per article holding it; a word that
            // is not UTF-8 (only a kept file altered with its checksum could hold one) is left
            // out.
            words
                .into_iter()
                .filter_map(|(word, (_, bytes))| Some((std::str::from_utf8(word).ok()?, bytes)))
        })
        .collect()
}

/// The index's entries sorted by term: each stem with its postings (the union of its words')
/// and its other words, and an alias for each word whose stem differs (unless the word is
/// itself some words' stem: then it holds those postings, FORMAT.md "Terms").
fn entries_by_term(language: &str, by_word: Vec<(&str, Vec<u8>)>) -> Vec<(String, Vec<u8>)> {
    let mut stemmed: Vec<(String, &str, Vec<u8>)> = by_word
        .into_par_iter()
        .map_init(
            || TermStemmer::for_language(language),
            |stemmer, (word, bytes)| {
                let stem = if word.starts_with(FILTER_PREFIX) {
                    word.to_string()
                } else {
                    stemmer.stem(word).into_owned()
                };
                (stem, word, bytes)
            },
        )
        .collect();
    stemmed.par_sort_unstable_by(|a, b| (&a.0, a.1).cmp(&(&b.0, b.1)));
    let groups: Vec<&[(String, &str, Vec<u8>)]> = stemmed.chunk_by(|a, b| a.0 == b.0).collect();
    let stems: rustc_hash::FxHashSet<&str> = groups.iter().map(|g| g[0].0.as_str()).collect();
    let mut entries: Vec<(String, Vec<u8>)> = groups
        .par_iter()
        .flat_map_iter(|group| {
            let stem = group[0].0.as_str();
            let forms: Vec<&str> = group.iter().map(|g| g.1).filter(|w| *w != stem).collect();
            let postings = if group.len() == 1 {
                postings_entry(&forms, &group[0].2)
            } else {
                postings_entry(&forms, &merged_postings(group.iter().map(|g| &g.2[..])))
            };
            let aliases = forms
                .iter()
                .filter(|w| !stems.contains(*w))
                .map(|w| (w.to_string(), alias_entry(stem)))
                .collect::<Vec<_>>();
            std::iter::once((stem.to_string(), postings)).chain(aliases)
        })
        .collect();
    entries.par_sort_unstable_by(|a, b| a.0.cmp(&b.0));
    entries
}

/// The union of several words' postings: by article, masks or-ed together.
fn merged_postings<'a>(lists: impl Iterator<Item = &'a [u8]>) -> Vec<u8> {
    let mut all: Vec<Posting> = lists
        .flat_map(|bytes| read_postings(bytes).expect("postings written just above"))
        .collect();
    all.sort_unstable_by_key(|p| p.article);
    let mut merged: Vec<Posting> = Vec::with_capacity(all.len());
    for posting in all {
        match merged.last_mut() {
            Some(last) if last.article == posting.article => {
                last.subs |= posting.subs;
                last.heads |= posting.heads;
            }
            _ => merged.push(posting),
        }
    }
    let mut out = Vec::new();
    put_postings(&mut out, &merged);
    out
}

/// Cuts the sorted entries into ranges of about `target` bytes.
fn chunk_ranges(entries: &[(String, Vec<u8>)], target: usize) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let (mut start, mut size) = (0, 0);
    for (n, (term, encoded)) in entries.iter().enumerate() {
        if size > 0 && size + term.len() + encoded.len() > target {
            ranges.push(start..n);
            (start, size) = (n, 0);
        }
        size += term.len() + encoded.len() + 2;
    }
    if start < entries.len() {
        ranges.push(start..entries.len());
    }
    ranges
}

/// Every filter value with its article count, by kind, sorted by value.
fn manifest_filters(articles: &[ArticleTerms]) -> BTreeMap<&'static str, Vec<ManifestFilter>> {
    let mut counts: BTreeMap<(&str, &str), (&str, u32)> = BTreeMap::new();
    for article in articles {
        for (kind, filter) in &article.filters {
            let entry = counts
                .entry((kind, filter.value.as_str()))
                .or_insert((filter.label.as_str(), 0));
            entry.1 += 1;
        }
    }
    let mut filters: BTreeMap<&'static str, Vec<ManifestFilter>> =
        FILTER_KINDS.iter().map(|k| (*k, Vec::new())).collect();
    for ((kind, value), (label, count)) in counts {
        let kind = FILTER_KINDS
            .iter()
            .find(|k| **k == kind)
            .expect("filters are of the known kinds");
        filters
            .get_mut(kind)
            .expect("every kind has a list")
            .push(ManifestFilter {
                value: value.to_string(),
                label: label.to_string(),
                count,
            });
    }
    filters
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunks_stay_near_the_target() {
        let entries: Vec<(String, Vec<u8>)> = (0..10_000)
            .map(|n| (format!("w{n:05}"), vec![0u8; 100]))
            .collect();
        let ranges = chunk_ranges(&entries, CHUNK_TARGET_BYTES);
        assert!(ranges.len() > 1);
        assert_eq!(ranges.first().unwrap().start, 0);
        assert_eq!(ranges.last().unwrap().end, entries.len());
        for pair in ranges.windows(2) {
            assert_eq!(pair[0].end, pair[1].start);
        }
        for range in &ranges {
            let size: usize = entries[range.clone()]
                .iter()
                .map(|(t, e)| t.len() + e.len() + 2)
                .sum();
            assert!(size <= CHUNK_TARGET_BYTES + 200, "{size}");
        }
    }

    #[test]
    fn a_huge_entry_gets_a_chunk_of_its_own() {
        let entries = vec![
            ("a".to_string(), vec![0u8; 10]),
            ("b".to_string(), vec![0u8; CHUNK_TARGET_BYTES * 2]),
            ("c".to_string(), vec![0u8; 10]),
        ];
        assert_eq!(
            chunk_ranges(&entries, CHUNK_TARGET_BYTES),
            vec![0..1, 1..2, 2..3]
        );
    }

    #[test]
    fn merged_postings_or_masks_by_article() {
        let mut a = Vec::new();
        put_postings(
            &mut a,
            &[
                Posting {
                    article: 1,
                    subs: 1,
                    heads: 0,
                },
                Posting {
                    article: 4,
                    subs: 2,
                    heads: 2,
                },
            ],
        );
        let mut b = Vec::new();
        put_postings(
            &mut b,
            &[Posting {
                article: 4,
                subs: 8,
                heads: 0,
            }],
        );
        let merged = read_postings(&merged_postings([&a[..], &b[..]].into_iter())).unwrap();
        assert_eq!(
            merged,
            vec![
                Posting {
                    article: 1,
                    subs: 1,
                    heads: 0
                },
                Posting {
                    article: 4,
                    subs: 10,
                    heads: 2
                },
            ]
        );
    }
}
