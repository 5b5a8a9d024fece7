//! Reading a written index the way the browser client (`static/search.js`) does, step for step:
//! the manifest, then only the chunks holding the query's words, then postings intersected and
//! ranked (FORMAT.md, "Searching"). It exists for tests — the differential test against a
//! naive search, and the site generator's tests that decode the index a build wrote — so a
//! change to the format or the ranking has one Rust mirror to keep in step with the client.

use std::collections::{BTreeSet, HashMap};

use serde::Deserialize;

use crate::format::{filter_term, read_chunk, Entry, Posting};
use crate::record::MAX_SUBS;
use crate::tokenize::words;

/// The manifest, as read back.
#[derive(Debug, Clone, Deserialize)]
pub struct ReadManifest {
    /// The format's version.
    pub format: u32,
    /// The site's language.
    pub language: String,
    /// The stemmer used.
    pub stemmer: String,
    /// How many articles are indexed.
    pub articles: u32,
    /// The chunks, by first term.
    pub chunks: Vec<ReadChunk>,
    /// The fragment path pattern.
    pub fragments: String,
    /// Filter values by kind.
    pub filters: HashMap<String, Vec<ReadFilter>>,
}

/// A chunk named in the manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct ReadChunk {
    /// Its first term.
    pub first: String,
    /// Its file.
    pub file: String,
}

/// A filter value named in the manifest.
#[derive(Debug, Clone, Deserialize)]
pub struct ReadFilter {
    /// Matched.
    pub value: String,
    /// Shown.
    pub label: String,
    /// Articles with it.
    pub count: u32,
}

/// A result: an article, the sub-result to land on, and the heading matches that ranked it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit {
    /// The article's number (0 = newest).
    pub article: u32,
    /// The sub-result shown (0 = headline).
    pub sub: usize,
    /// The most query terms found in one heading (headline or section heading).
    pub boost: u32,
}

/// The outcome of a search: the ranked hits, the words to highlight, the files read.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Found {
    /// Ranked best first.
    pub hits: Vec<Hit>,
    /// Every word indexed under the query's terms (for `<mark>`).
    pub highlight: BTreeSet<String>,
    /// The files fetched, in order (manifest excluded).
    pub fetched: Vec<String>,
}

/// An index read through `load` (a path relative to the index's folder → its bytes).
pub struct IndexReader<L: Fn(&str) -> Option<Vec<u8>>> {
    load: L,
    /// The manifest.
    pub manifest: ReadManifest,
    chunks: HashMap<usize, Vec<(String, Entry)>>,
}

impl<L: Fn(&str) -> Option<Vec<u8>>> IndexReader<L> {
    /// Reads the manifest.
    pub fn open(load: L) -> Result<Self, String> {
        let bytes = load(crate::MANIFEST_PATH).ok_or("no manifest.json")?;
        let manifest: ReadManifest =
            serde_json::from_slice(&bytes).map_err(|e| format!("manifest.json: {e}"))?;
        Ok(IndexReader {
            load,
            manifest,
            chunks: HashMap::new(),
        })
    }

    /// The fragment of `article`, as JSON.
    pub fn fragment(&self, article: u32) -> Option<serde_json::Value> {
        let path = self
            .manifest
            .fragments
            .replace("{article}", &article.to_string());
        serde_json::from_slice(&(self.load)(&path)?).ok()
    }

    /// Every article numbered in the index that holds a term (used by tests to list what an
    /// index holds through a filter term, e.g. every year).
    pub fn postings_of(&mut self, term: &str, fetched: &mut Vec<String>) -> Option<Vec<Posting>> {
        let (_, entry) = self.entry(term, fetched)?;
        match entry {
            Entry::Postings { postings, .. } => Some(postings),
            Entry::Alias(stem) => match self.entry(&stem, fetched)?.1 {
                Entry::Postings { postings, .. } => Some(postings),
                Entry::Alias(_) => None,
            },
        }
    }

    /// The chunk that would hold `term`: the last whose first term is not after it.
    fn chunk_for(&self, term: &str) -> Option<usize> {
        let after = self
            .manifest
            .chunks
            .partition_point(|c| c.first.as_str() <= term);
        after.checked_sub(1)
    }

    /// The entry of `term`, fetching its chunk once.
    fn entry(&mut self, term: &str, fetched: &mut Vec<String>) -> Option<(String, Entry)> {
        let n = self.chunk_for(term)?;
        if !self.chunks.contains_key(&n) {
            let file = self.manifest.chunks[n].file.clone();
            fetched.push(file.clone());
            let entries = read_chunk(&(self.load)(&file)?)?;
            self.chunks.insert(n, entries);
        }
        let entries = &self.chunks[&n];
        let at = entries
            .binary_search_by(|(t, _)| t.as_str().cmp(term))
            .ok()?;
        Some(entries[at].clone())
    }

    /// Searches for every word of `text` (all must be in an article), within the articles
    /// having every `(kind, value)` filter.
    pub fn search(&mut self, text: &str, filters: &[(&str, &str)]) -> Found {
        let mut found = Found::default();
        let mut query: Vec<String> = Vec::new();
        for word in words(text) {
            if !query.iter().any(|w| *w == word) {
                query.push(word.into_owned());
            }
        }
        if query.is_empty() {
            // Filters alone list their articles, newest first, each on its headline.
            if !filters.is_empty() {
                let required = self.filter_postings(filters, &mut found.fetched);
                found.hits = every_article_in(&required);
            }
            return found;
        }
        let mut terms: Vec<(String, Vec<Posting>)> = Vec::new();
        for word in &query {
            let Some(term) = self.term(word, &mut found) else {
                return Found {
                    fetched: found.fetched,
                    ..Found::default()
                };
            };
            if !terms.iter().any(|t| t.0 == term.0) {
                terms.push(term);
            }
        }
        let required = self.filter_postings(filters, &mut found.fetched);
        let lists: Vec<&[Posting]> = terms.iter().map(|t| t.1.as_slice()).collect();
        found.hits = rank(&lists, &required);
        found
    }

    /// The articles of each chosen filter, ascending.
    fn filter_postings(
        &mut self,
        filters: &[(&str, &str)],
        fetched: &mut Vec<String>,
    ) -> Vec<Vec<u32>> {
        filters
            .iter()
            .map(|(kind, value)| {
                let postings = self
                    .postings_of(&filter_term(kind, value), fetched)
                    .unwrap_or_default();
                postings.iter().map(|p| p.article).collect()
            })
            .collect()
    }

    /// A query word's term and postings (through its alias), noting its forms to highlight.
    fn term(&mut self, word: &str, found: &mut Found) -> Option<(String, Vec<Posting>)> {
        let (mut term, mut entry) = match self.entry(word, &mut found.fetched) {
            Some(known) => known,
            None => self.prefix_entry(word, &mut found.fetched)?,
        };
        if let Entry::Alias(stem) = entry {
            (term, entry) = self.entry(&stem, &mut found.fetched)?;
        }
        let Entry::Postings { forms, postings } = entry else {
            return None;
        };
        found.highlight.insert(term.clone());
        found.highlight.extend(forms);
        Some((term, postings))
    }
}

impl<L: Fn(&str) -> Option<Vec<u8>>> IndexReader<L> {
    /// The entry of the longest prefix of `word` that has one, among its prefixes of at least
    /// max(4, n − 3) code points, longest first (FORMAT.md, "Searching", step 2).
    fn prefix_entry(&mut self, word: &str, fetched: &mut Vec<String>) -> Option<(String, Entry)> {
        prefixes_to_try(word).find_map(|prefix| self.entry(prefix, fetched))
    }
}

/// The prefixes that may stand for a query word with no entry, longest first: those of at
/// least max(4, n − 3) code points, shorter than the word.
pub fn prefixes_to_try(word: &str) -> impl Iterator<Item = &str> {
    let starts: Vec<usize> = word.char_indices().map(|(at, _)| at).collect();
    let shortest = starts.len().saturating_sub(3).max(4);
    (shortest..starts.len())
        .rev()
        .map(move |k| &word[..starts[k]])
}

/// Ranks the articles in every list of `terms` (and in every `required` list of articles):
/// most query terms in one heading first, then newest (lowest number) first; each lands on
/// its best sub-result (FORMAT.md, "Ranking").
pub fn rank(terms: &[&[Posting]], required: &[Vec<u32>]) -> Vec<Hit> {
    let Some((first, rest)) = terms.split_first() else {
        return Vec::new();
    };
    let mut hits = Vec::new();
    'articles: for posting in *first {
        let mut masks = vec![(posting.subs, posting.heads)];
        for list in rest {
            match list.binary_search_by_key(&posting.article, |p| p.article) {
                Ok(at) => masks.push((list[at].subs, list[at].heads)),
                Err(_) => continue 'articles,
            }
        }
        if required
            .iter()
            .any(|r| r.binary_search(&posting.article).is_err())
        {
            continue;
        }
        let (sub, boost) = best_sub(&masks);
        hits.push(Hit {
            article: posting.article,
            sub,
            boost,
        });
    }
    hits.sort_by(|a, b| b.boost.cmp(&a.boost).then(a.article.cmp(&b.article)));
    hits
}

/// The articles in every list of `required` (ascending), newest (lowest number) first, each
/// landing on its headline: what filters show without words (FORMAT.md, "Searching", step 1).
pub fn every_article_in(required: &[Vec<u32>]) -> Vec<Hit> {
    let Some((first, rest)) = required.split_first() else {
        return Vec::new();
    };
    first
        .iter()
        .filter(|article| rest.iter().all(|r| r.binary_search(article).is_ok()))
        .map(|&article| Hit {
            article,
            sub: 0,
            boost: 0,
        })
        .collect()
}

/// The sub-result to land on — most query terms, then most in its heading (the headline's
/// not counting), then any before the headline, then the first — and the boost: the most
/// query terms in one heading, headline included.
pub fn best_sub(masks: &[(u64, u64)]) -> (usize, u32) {
    let mut best = (0usize, (0u32, 0u32, false));
    let mut boost = 0;
    for sub in 0..MAX_SUBS {
        let bit = 1u64 << sub;
        let hits = masks.iter().filter(|m| m.0 & bit != 0).count() as u32;
        if hits == 0 {
            continue;
        }
        let heads = masks.iter().filter(|m| m.1 & bit != 0).count() as u32;
        boost = boost.max(heads);
        let key = (hits, if sub == 0 { 0 } else { heads }, sub != 0);
        if key > best.1 {
            best = (sub, key);
        }
    }
    (best.0, boost)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_word_with_no_entry_tries_its_longer_prefixes_longest_first() {
        let tried: Vec<&str> = prefixes_to_try("sanctioned").collect();
        assert_eq!(tried, ["sanctione", "sanction", "sanctio"]);
        // Never down to a short word that merely begins it ("marathon" is no "mara").
        assert_eq!(
            prefixes_to_try("marathon").collect::<Vec<_>>(),
            ["maratho", "marath", "marat"]
        );
        assert_eq!(
            prefixes_to_try("calling").collect::<Vec<_>>(),
            ["callin", "calli", "call"]
        );
        assert_eq!(prefixes_to_try("vote").count(), 0);
        assert_eq!(prefixes_to_try("votes").collect::<Vec<_>>(), ["vote"]);
        assert_eq!(
            prefixes_to_try("défilés").collect::<Vec<_>>(),
            ["défilé", "défil", "défi"]
        );
    }

    #[test]
    fn best_sub_prefers_more_terms_then_a_heading_then_a_section() {
        // Term A in the headline and section 2's heading; term B in section 2 and 3.
        let masks = [(0b101, 0b101), (0b1100, 0)];
        assert_eq!(best_sub(&masks), (2, 1));
        // Only in the headline: land there.
        assert_eq!(best_sub(&[(0b1, 0b1)]), (0, 1));
        // In the headline and the intro: the intro.
        assert_eq!(best_sub(&[(0b11, 0b1)]), (1, 1));
    }

    #[test]
    fn rank_intersects_and_orders_by_boost_then_recency() {
        let a = [
            Posting {
                article: 1,
                subs: 2,
                heads: 0,
            },
            Posting {
                article: 3,
                subs: 2,
                heads: 2,
            },
            Posting {
                article: 5,
                subs: 2,
                heads: 0,
            },
        ];
        let b = [
            Posting {
                article: 1,
                subs: 2,
                heads: 0,
            },
            Posting {
                article: 3,
                subs: 4,
                heads: 0,
            },
        ];
        let hits = rank(&[&a, &b], &[]);
        assert_eq!(
            hits.iter().map(|h| h.article).collect::<Vec<_>>(),
            vec![3, 1]
        );
        assert!(rank(&[&a, &b], &[vec![1]]).iter().all(|h| h.article == 1));
    }
}
