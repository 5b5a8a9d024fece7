//! The bytes of the index's chunk files, written and read: LEB128 varints, front-coded terms,
//! postings and aliases, exactly as FORMAT.md describes them (and `static/search.js` reads
//! them). It owns the encoding only: which terms go where is `index`'s.

/// The first four bytes of every chunk file.
pub const CHUNK_MAGIC: &[u8; 4] = b"SKC1";

/// Marks an entry holding postings.
pub const ENTRY_POSTINGS: u8 = 0;
/// Marks an entry naming the term a word is indexed under.
pub const ENTRY_ALIAS: u8 = 1;

/// The byte that opens a filter term (`\u{1}tag:budget`): words never contain it.
pub const FILTER_PREFIX: char = '\u{1}';

/// The term a filter value is indexed under.
pub fn filter_term(kind: &str, value: &str) -> String {
    format!("{FILTER_PREFIX}{kind}:{value}")
}

/// Appends `value` as an unsigned LEB128 varint.
pub fn put_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push((value as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

/// Appends a length-prefixed byte string.
pub fn put_bytes(out: &mut Vec<u8>, bytes: &[u8]) {
    put_varint(out, bytes.len() as u64);
    out.extend_from_slice(bytes);
}

/// One article in a term's postings: which sub-results hold the term (bit `n` for sub-result
/// `n`), and in which of them it is in the heading (the headline for sub-result 0).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Posting {
    /// The article's number: 0 is the newest.
    pub article: u32,
    /// Sub-results holding the term.
    pub subs: u64,
    /// Sub-results holding it in their heading; a subset of `subs`.
    pub heads: u64,
}

/// Appends postings sorted by article: the article as a difference from the one before (the
/// first from 0), then the two masks.
pub fn put_postings(out: &mut Vec<u8>, postings: &[Posting]) {
    let mut previous = 0u32;
    for posting in postings {
        put_varint(out, u64::from(posting.article - previous));
        put_varint(out, posting.subs);
        put_varint(out, posting.heads);
        previous = posting.article;
    }
}

/// An entry of a chunk, decoded.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Entry {
    /// The term's postings, with the other words indexed under it (for highlighting).
    Postings {
        /// Words other than the term itself that stem to it.
        forms: Vec<String>,
        /// By article, ascending.
        postings: Vec<Posting>,
    },
    /// A word indexed under another term (its stem).
    Alias(String),
}

/// A reader over the bytes of a chunk; every read fails softly on truncated input.
pub struct Cursor<'a> {
    bytes: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    /// Reads `bytes` from the start.
    pub fn new(bytes: &'a [u8]) -> Cursor<'a> {
        Cursor { bytes, at: 0 }
    }

    /// Whether everything was read.
    pub fn is_done(&self) -> bool {
        self.at >= self.bytes.len()
    }

    /// One byte.
    pub fn byte(&mut self) -> Option<u8> {
        let byte = *self.bytes.get(self.at)?;
        self.at += 1;
        Some(byte)
    }

    /// An unsigned LEB128 varint of at most 64 bits.
    pub fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.byte()?;
            value |= u64::from(byte & 0x7f) << shift;
            if byte < 0x80 {
                return Some(value);
            }
        }
        None
    }

    /// `n` bytes.
    pub fn take(&mut self, n: usize) -> Option<&'a [u8]> {
        let end = self.at.checked_add(n)?;
        let slice = self.bytes.get(self.at..end)?;
        self.at = end;
        Some(slice)
    }

    /// A length-prefixed byte string.
    pub fn bytes(&mut self) -> Option<&'a [u8]> {
        let n = usize::try_from(self.varint()?).ok()?;
        self.take(n)
    }
}

/// Decodes postings written by [`put_postings`].
pub fn read_postings(bytes: &[u8]) -> Option<Vec<Posting>> {
    let mut cursor = Cursor::new(bytes);
    let mut postings = Vec::new();
    let mut article = 0u64;
    while !cursor.is_done() {
        article += cursor.varint()?;
        postings.push(Posting {
            article: u32::try_from(article).ok()?,
            subs: cursor.varint()?,
            heads: cursor.varint()?,
        });
    }
    Some(postings)
}

/// Decodes a whole chunk file into its terms and entries, in order.
pub fn read_chunk(bytes: &[u8]) -> Option<Vec<(String, Entry)>> {
    let mut cursor = Cursor::new(bytes);
    if cursor.take(4)? != CHUNK_MAGIC {
        return None;
    }
    let count = cursor.varint()?;
    let mut entries = Vec::new();
    let mut term: Vec<u8> = Vec::new();
    for _ in 0..count {
        let shared = usize::try_from(cursor.varint()?).ok()?;
        if shared > term.len() {
            return None;
        }
        term.truncate(shared);
        term.extend_from_slice(cursor.bytes()?);
        let text = String::from_utf8(term.clone()).ok()?;
        let entry = match cursor.byte()? {
            ENTRY_POSTINGS => {
                let forms = (0..cursor.varint()?)
                    .map(|_| String::from_utf8(cursor.bytes()?.to_vec()).ok())
                    .collect::<Option<Vec<String>>>()?;
                Entry::Postings {
                    forms,
                    postings: read_postings(cursor.bytes()?)?,
                }
            }
            ENTRY_ALIAS => Entry::Alias(String::from_utf8(cursor.bytes()?.to_vec()).ok()?),
            _ => return None,
        };
        entries.push((text, entry));
    }
    cursor.is_done().then_some(entries)
}

/// Writes one chunk: the magic, the count, then each entry with its term front-coded against
/// the one before.
pub fn write_chunk<'t>(entries: impl ExactSizeIterator<Item = (&'t str, &'t [u8])>) -> Vec<u8> {
    let mut out = Vec::new();
    out.extend_from_slice(CHUNK_MAGIC);
    put_varint(&mut out, entries.len() as u64);
    let mut previous: &[u8] = &[];
    for (term, encoded) in entries {
        let term = term.as_bytes();
        let shared = previous
            .iter()
            .zip(term)
            .take_while(|(a, b)| a == b)
            .count();
        put_varint(&mut out, shared as u64);
        put_bytes(&mut out, &term[shared..]);
        out.extend_from_slice(encoded);
        previous = term;
    }
    out
}

/// The encoded body of a postings entry (everything after the term).
pub fn postings_entry(forms: &[&str], postings: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(postings.len() + 8);
    out.push(ENTRY_POSTINGS);
    put_varint(&mut out, forms.len() as u64);
    for form in forms {
        put_bytes(&mut out, form.as_bytes());
    }
    put_bytes(&mut out, postings);
    out
}

/// The encoded body of an alias entry.
pub fn alias_entry(term: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(term.len() + 2);
    out.push(ENTRY_ALIAS);
    put_bytes(&mut out, term.as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn varints_round_trip() {
        for value in [0, 1, 127, 128, 300, u64::from(u32::MAX), u64::MAX] {
            let mut out = Vec::new();
            put_varint(&mut out, value);
            assert_eq!(Cursor::new(&out).varint(), Some(value));
        }
    }

    #[test]
    fn chunk_round_trips() {
        let postings = [
            Posting {
                article: 3,
                subs: 0b101,
                heads: 0b1,
            },
            Posting {
                article: 40,
                subs: 1 << 47,
                heads: 0,
            },
        ];
        let mut encoded = Vec::new();
        put_postings(&mut encoded, &postings);
        let sanction = postings_entry(&["sanctions", "sanctioned"], &encoded);
        let alias = alias_entry("sanction");
        let chunk = write_chunk(
            [
                ("sanction", sanction.as_slice()),
                ("sanctions", alias.as_slice()),
            ]
            .into_iter(),
        );
        let entries = read_chunk(&chunk).expect("decodes");
        assert_eq!(entries.len(), 2);
        assert_eq!(
            entries[0],
            (
                "sanction".to_string(),
                Entry::Postings {
                    forms: vec!["sanctions".into(), "sanctioned".into()],
                    postings: postings.to_vec()
                }
            )
        );
        assert_eq!(
            entries[1],
            ("sanctions".to_string(), Entry::Alias("sanction".into()))
        );
    }

    proptest! {
        #[test]
        fn truncated_or_garbage_chunks_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..200)) {
            let mut chunk = CHUNK_MAGIC.to_vec();
            chunk.extend(bytes);
            let _ = read_chunk(&chunk);
        }
    }
}
