//! Prepared articles kept between builds (issue #20's warm rebuilds): the key of everything
//! [`prepare`](crate::prepare) reads of an article (its whole record, the stemmer's language,
//! this crate's version and the index format), and a prepared article as bytes and back, so an
//! unchanged article is not tokenised again. Its number is not kept: it moves as newer
//! articles arrive, and is given back when the bytes are read. Its fragment file is not in
//! the bytes either, only its length and checksum, and a stamp the site generator gives (the
//! file's modification time): the generator keeps the fragment as a file of its own, which a
//! build links into the site instead of writing it again. This module must not touch files:
//! the site generator keeps both where it keeps its other caches.

use xxhash_rust::xxh3::{xxh3_64, Xxh3};

use crate::article::{ArticleTerms, PreparedArticle, FILTER_KINDS, SHARDS};
use crate::format::{put_bytes, put_varint, Cursor};
use crate::index::FORMAT_VERSION;
use crate::record::{ArticleRecord, FilterValue};

/// What starts every kept article: a wrong or older file is never read as one. (3: the
/// fragment moved out into its own file.)
const MAGIC: &[u8; 4] = b"SSC3";

/// The length of the checksum (xxh3-64 of everything after it) that follows the magic: a kept
/// article whose bytes were changed in place, even so that they still parse, is not used.
const CHECKSUM_BYTES: usize = 8;

/// The key of an article's prepared form: 32 hex digits that change whenever anything
/// `prepare` reads of it changes, or the language, or this crate.
pub fn cache_key(language: &str, record: &ArticleRecord) -> String {
    use std::hash::Hash;
    let mut hasher = KeyHasher(Xxh3::new());
    env!("CARGO_PKG_VERSION").hash(&mut hasher);
    FORMAT_VERSION.hash(&mut hasher);
    language.hash(&mut hasher);
    // Every field, through the derived `Hash`: a field added later is keyed too. (Hashing the
    // record's `Debug` form did the same at ~6 % of a cold build: it escapes every
    // character of the text.)
    record.hash(&mut hasher);
    format!("{:032x}", hasher.0.digest128())
}

/// A `Hasher` that feeds a 128-bit XXH3 (std's `Hash` only asks for 64 bits; the key keeps
/// 128, so that two articles never share one).
struct KeyHasher(Xxh3);

impl std::hash::Hasher for KeyHasher {
    fn write(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }

    fn finish(&self) -> u64 {
        self.0.digest()
    }
}

/// A kept article read back: what the index writer needs, and what its fragment file holds
/// (kept beside it by the site generator).
#[derive(Debug)]
pub struct KeptArticle {
    /// The article's words, numbered as asked.
    pub terms: ArticleTerms,
    fragment_len: u64,
    fragment_sum: u64,
    fragment_stamp: u64,
}

impl KeptArticle {
    /// Whether `bytes` are the article's fragment as it was kept (same length and checksum).
    pub fn fragment_is(&self, bytes: &[u8]) -> bool {
        bytes.len() as u64 == self.fragment_len && xxh3_64(bytes) == self.fragment_sum
    }

    /// Whether a fragment file of `len` bytes stamped `stamp` is the one kept, as far as its
    /// length and stamp tell (a stamp of 0 tells nothing).
    pub fn fragment_stamped(&self, len: u64, stamp: u64) -> bool {
        stamp != 0 && stamp == self.fragment_stamp && len == self.fragment_len
    }
}

/// A prepared article as kept: everything but its number and its fragment, whose length,
/// checksum and `fragment_stamp` (the caller's, 0 for none) stand in for it.
pub fn to_cached_bytes(prepared: &PreparedArticle, fragment_stamp: u64) -> Vec<u8> {
    let terms = &prepared.terms;
    let mut out = Vec::with_capacity(terms.packed.len() + 128);
    out.extend_from_slice(MAGIC);
    out.extend_from_slice(&[0; CHECKSUM_BYTES]);
    put_bytes(&mut out, &terms.packed);
    for end in terms.shard_ends {
        put_varint(&mut out, u64::from(end));
    }
    put_varint(&mut out, terms.filters.len() as u64);
    for (kind, filter) in &terms.filters {
        let kind_index = FILTER_KINDS.iter().position(|k| k == kind).unwrap_or(0);
        put_varint(&mut out, kind_index as u64);
        put_bytes(&mut out, filter.value.as_bytes());
        put_bytes(&mut out, filter.label.as_bytes());
    }
    put_varint(&mut out, prepared.fragment.len() as u64);
    put_varint(&mut out, xxh3_64(&prepared.fragment));
    put_varint(&mut out, fragment_stamp);
    let body = MAGIC.len() + CHECKSUM_BYTES;
    let sum = xxh3_64(&out[body..]).to_le_bytes();
    out[MAGIC.len()..body].copy_from_slice(&sum);
    out
}

/// A kept article back, numbered `article`; `None` for bytes that are not one whole kept
/// article (a file cut short, another version's): the article is then prepared again.
pub fn from_cached_bytes(article: u32, bytes: &[u8]) -> Option<KeptArticle> {
    let rest = bytes.strip_prefix(MAGIC)?;
    let (sum, rest) = rest.split_at_checked(CHECKSUM_BYTES)?;
    if sum != xxh3_64(rest).to_le_bytes() {
        return None;
    }
    let mut cursor = Cursor::new(rest);
    let packed = cursor.bytes()?.to_vec();
    let mut shard_ends = [0u32; SHARDS];
    for end in &mut shard_ends {
        *end = u32::try_from(cursor.varint()?).ok()?;
    }
    if shard_ends.windows(2).any(|w| w[0] > w[1]) || shard_ends[SHARDS - 1] as usize != packed.len()
    {
        return None;
    }
    let count = cursor.varint()?;
    let mut filters = Vec::new();
    for _ in 0..count {
        let kind = *FILTER_KINDS.get(usize::try_from(cursor.varint()?).ok()?)?;
        let value = String::from_utf8(cursor.bytes()?.to_vec()).ok()?;
        let label = String::from_utf8(cursor.bytes()?.to_vec()).ok()?;
        filters.push((kind, FilterValue { value, label }));
    }
    let (fragment_len, fragment_sum) = (cursor.varint()?, cursor.varint()?);
    let fragment_stamp = cursor.varint()?;
    if !cursor.is_done() {
        return None;
    }
    // The packed words must be whole entries; whether each word is UTF-8 the index writer
    // checks once per distinct word (the checksum already vouches for the bytes).
    let terms = ArticleTerms {
        article,
        packed,
        shard_ends,
        filters,
    };
    let mut reader = Cursor::new(&terms.packed);
    while !reader.is_done() {
        reader.bytes()?;
        reader.varint()?;
        reader.varint()?;
    }
    Some(KeptArticle {
        terms,
        fragment_len,
        fragment_sum,
        fragment_stamp,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::record::{SubKind, SubResult};

    fn record() -> ArticleRecord {
        ArticleRecord {
            url: "/a/".into(),
            title: "Five things at stake in the sanctions vote".into(),
            date: "2026-05-01".into(),
            section: Some(FilterValue {
                value: "world".into(),
                label: "World".into(),
            }),
            tags: vec![FilterValue {
                value: "eu".into(),
                label: "EU".into(),
            }],
            authors: vec!["Ann Lee".into()],
            subs: vec![SubResult {
                kind: SubKind::Section,
                number: Some(1),
                heading: "Sanctions".into(),
                anchor: Some("sanctions".into()),
                text: "Kyiv’s allies vote on sanctions.".into(),
            }],
            ..ArticleRecord::default()
        }
    }

    #[test]
    fn a_kept_article_reads_back_as_prepared() {
        let prepared = crate::prepare(3, &record());
        let bytes = to_cached_bytes(&prepared, 1_765_000_000_123_456_789);
        let back = from_cached_bytes(7, &bytes).expect("reads back");
        assert_eq!(back.terms.article(), 7);
        assert!(back.fragment_is(&prepared.fragment));
        let mut other = prepared.fragment.clone();
        other[1] ^= 0x01;
        assert!(!back.fragment_is(&other));
        assert!(!back.fragment_is(&prepared.fragment[1..]));
        let len = prepared.fragment.len() as u64;
        assert!(back.fragment_stamped(len, 1_765_000_000_123_456_789));
        assert!(!back.fragment_stamped(len, 1_765_000_000_123_456_790));
        assert!(!back.fragment_stamped(len + 1, 1_765_000_000_123_456_789));
        let unstamped = from_cached_bytes(7, &to_cached_bytes(&prepared, 0)).unwrap();
        assert!(!unstamped.fragment_stamped(len, 0));
        let entries: Vec<_> = back.terms.entries().collect();
        assert_eq!(entries, prepared.terms.entries().collect::<Vec<_>>());
        assert_eq!(back.terms.filters, prepared.terms.filters);
        assert_eq!(back.terms.shard_ends, prepared.terms.shard_ends);
    }

    #[test]
    fn bytes_cut_short_or_changed_are_no_article() {
        let bytes = to_cached_bytes(&crate::prepare(0, &record()), 42);
        for end in 0..bytes.len() {
            assert!(
                from_cached_bytes(0, &bytes[..end]).is_none(),
                "cut at {end}"
            );
        }
        let mut longer = bytes.clone();
        longer.push(0);
        assert!(from_cached_bytes(0, &longer).is_none());
        assert!(from_cached_bytes(0, b"SSC0").is_none());
        // Changed in place so that it would still parse: "tugboat" made "tugbxat".
        let word = bytes
            .windows(7)
            .position(|w| w == b"allies ")
            .or_else(|| bytes.windows(8).position(|w| w == b"sanction"));
        let at = word.expect("the packed words hold a word of the text");
        let mut changed = bytes.clone();
        changed[at + 1] ^= 0x01;
        assert!(from_cached_bytes(0, &changed).is_none());
    }

    #[test]
    fn the_key_changes_with_anything_prepare_reads() {
        let base = cache_key("en", &record());
        assert_eq!(base.len(), 32);
        assert_eq!(base, cache_key("en", &record()));
        assert_ne!(base, cache_key("fr", &record()));
        let mut changed = record();
        changed.subs[0].text.push('!');
        assert_ne!(base, cache_key("en", &changed));
        let mut dated = record();
        dated.date_shown = "1 May 2026".into();
        assert_ne!(base, cache_key("en", &dated));
    }
}
