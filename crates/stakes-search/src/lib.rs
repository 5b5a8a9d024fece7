//! The static search index of stakes (issue #20): an inverted index cut into chunk files by word
//! range, so a reader's query fetches only the chunks holding its words, plus one fragment file
//! per article (its sub-results' headings and text, to show and highlight a result). The site
//! generator hands each article as an [`ArticleRecord`] to [`prepare`] in its parallel article
//! pass, then the prepared terms to [`write_index`]. FORMAT.md describes every file byte for
//! byte; [`reader`] reads them back as the browser client does; [`cache`] keeps a prepared
//! article between builds.

#![forbid(unsafe_code)]

mod article;
pub mod cache;
pub mod format;
mod index;
pub mod reader;
mod record;
mod tokenize;

pub use article::{prepare, ArticleTerms, PreparedArticle, FILTER_KINDS};
pub use index::{
    fragment_path, write_index, write_index_in_chunks_of, IndexFile, CHUNK_TARGET_BYTES,
    FORMAT_VERSION, MANIFEST_PATH,
};
pub use record::{ArticleRecord, FilterValue, SubKind, SubResult, MAX_SUBS};
pub use tokenize::{normalise_word, raw_words, words, TermStemmer, MAX_WORD_BYTES};
