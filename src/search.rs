//! The site's search index (issue #20): which articles it holds and in what order (from front
//! matter, before any body is read), each article turned into a `stakes_search` record as the
//! article pass hands it over (its text comes from the Markdown conversion: no HTML is read
//! again), and the index files at the end. Each prepared article is kept in the cache folder
//! and read back while its record is unchanged (issue #20's warm rebuilds), its fragment as a
//! file of its own that a build links into the site. The index format is the `stakes-search`
//! crate's; it writes no output file itself (the build hands the outputs to `output`), only
//! its cache entries.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use stakes_search::{ArticleRecord, ArticleTerms, FilterValue, SubKind, SubResult};

use crate::config::SiteConfig;
use crate::content::{Article, Section};
use crate::markdown::{Block, Figure};

/// The folder of the output the index is written to; the search page is its `index.html`.
pub const SEARCH_DIR: &str = "search";

/// The index being built: the number of every article it holds, and the terms of those read.
pub struct SearchIndex {
    numbers: HashMap<String, u32>,
    section_titles: HashMap<String, String>,
    language: String,
    terms: Mutex<Vec<ArticleTerms>>,
    kept: KeptArticles,
}

/// Prepared articles kept between builds in the cache folder (`<cache>/search/ab/abcd…`, by
/// the key of everything tokenising reads, with the fragment beside it in `abcd….json`), so
/// an unchanged article is not tokenised again; and the keys this build used, for
/// `--prune-cache`.
struct KeptArticles {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
    /// Whether a kept fragment, once checked, is handed over as its file to link (a build)
    /// or as its bytes (the preview server, which serves from memory).
    link_fragments: bool,
}

/// The cache folder's subfolder for kept articles.
const KEPT_DIR: &str = "search";

/// What ends the name of a kept article's fragment file (the article's own file has none).
const FRAGMENT_SUFFIX: &str = ".json";

/// One output of the index: its path from the output root and its bytes.
pub type IndexOutput = (String, Vec<u8>);

/// An article's fragment file for the site: its path from the output root, and what it holds.
#[derive(Debug)]
pub struct FragmentFile {
    /// `search/fragments/12.json`.
    pub path: String,
    /// Its bytes, or the kept file that has them.
    pub body: FragmentBody,
}

/// The bytes of a fragment file, or where they are kept.
#[derive(Debug)]
pub enum FragmentBody {
    /// Prepared (or read back) in this build.
    Bytes(Vec<u8>),
    /// Kept from an earlier build in this file (checked just now), to be linked into the
    /// site: a warm build writes no new file for 10,000 fragments. If the file has gone
    /// since, [`SearchIndex::fragment_again`] prepares them again.
    Kept(PathBuf),
}

impl SearchIndex {
    /// An index for the articles of `order` (content paths, newest first), or none when
    /// `site.yaml` says `search: false`.
    pub fn plan(
        config: &SiteConfig,
        root: &Path,
        order: Vec<String>,
        sections: &[Section],
    ) -> Option<Self> {
        if !config.search {
            return None;
        }
        let numbers = order
            .into_iter()
            .enumerate()
            .map(|(n, path)| (path, n as u32))
            .collect();
        let section_titles = sections
            .iter()
            .map(|s| (s.key.clone(), s.title.clone()))
            .collect();
        Some(SearchIndex {
            numbers,
            section_titles,
            language: config.language.clone(),
            terms: Mutex::new(Vec::new()),
            kept: KeptArticles {
                dir: root.join(&config.images.cache_dir).join(KEPT_DIR),
                used: Mutex::new(HashSet::default()),
                link_fragments: true,
            },
        })
    }

    /// The whole index of articles already loaded with their bodies (the preview server keeps
    /// them): those [`Article::in_search`] holds, numbered in their listing order.
    pub fn of_loaded(
        config: &SiteConfig,
        root: &Path,
        articles: &[Article],
        sections: &[Section],
    ) -> Vec<IndexOutput> {
        let order = articles
            .iter()
            .filter(|a| a.in_search())
            .map(|a| a.content_path.clone())
            .collect();
        let Some(mut index) = SearchIndex::plan(config, root, order, sections) else {
            return Vec::new();
        };
        index.kept.link_fragments = false;
        let mut outputs: Vec<IndexOutput> = articles
            .par_iter()
            .filter_map(|article| {
                let FragmentFile { path, body } = index.add(config, article)?;
                match body {
                    FragmentBody::Bytes(bytes) => Some((path, bytes)),
                    // Not handed over when not linking; read, should that ever change.
                    FragmentBody::Kept(file) => Some((path, std::fs::read(file).ok()?)),
                }
            })
            .collect();
        outputs.extend(index.finish());
        outputs
    }

    /// Tokenizes `article` if the index holds it, keeping its terms, and returns its fragment
    /// file to write or link.
    pub fn add(&self, config: &SiteConfig, article: &Article) -> Option<FragmentFile> {
        let number = *self.numbers.get(&article.content_path)?;
        let record = record(config, article, &self.section_titles);
        let (terms, body) = self.kept.prepare(number, &record, &self.language);
        self.terms
            .lock()
            .expect("no panics while holding the lock")
            .push(terms);
        Some(FragmentFile {
            path: format!("{SEARCH_DIR}/{}", stakes_search::fragment_path(number)),
            body,
        })
    }

    /// The bytes of the fragment of an article [`SearchIndex::add`] handed over as a kept
    /// file that could not be linked (it was deleted since): prepared again, and kept again.
    pub fn fragment_again(&self, config: &SiteConfig, article: &Article) -> Option<Vec<u8>> {
        let number = *self.numbers.get(&article.content_path)?;
        let record = record(config, article, &self.section_titles);
        let key = stakes_search::cache::cache_key(&self.language, &record);
        Some(self.kept.prepare_and_keep(number, &record, &key).1)
    }

    /// The keys of the kept articles this build used.
    pub fn used(&self) -> HashSet<String> {
        self.kept
            .used
            .lock()
            .expect("no panics while holding the lock")
            .clone()
    }

    /// The manifest and chunk files, once every article was added.
    pub fn finish(self) -> Vec<IndexOutput> {
        let terms = self
            .terms
            .into_inner()
            .expect("no panics while holding the lock");
        stakes_search::write_index(&self.language, terms)
            .into_iter()
            .map(|file| (format!("{SEARCH_DIR}/{}", file.path), file.bytes))
            .collect()
    }
}

impl KeptArticles {
    /// The article's terms and fragment, from the cache when it holds this very record, else
    /// tokenised and kept. A file that cannot be read or written only costs tokenising again.
    fn prepare(
        &self,
        number: u32,
        record: &ArticleRecord,
        language: &str,
    ) -> (ArticleTerms, FragmentBody) {
        let key = stakes_search::cache::cache_key(language, record);
        self.used
            .lock()
            .expect("no panics while holding the lock")
            .insert(key.clone());
        let entry = entry_path(&key);
        let kept = std::fs::read(self.dir.join(&entry))
            .ok()
            .and_then(|bytes| stakes_search::cache::from_cached_bytes(number, &bytes));
        if let Some(kept) = kept {
            // Checked before it is used: a build links it, so the site's copy is this very
            // file, and a tool that rewrote that copy in place rewrote this one. A build asks
            // for its length and modification time, as the photo index does for photos, and
            // reads it only when they do not answer; the preview server reads it anyway.
            let fragment = self.dir.join(format!("{entry}{FRAGMENT_SUFFIX}"));
            let stamp = self
                .link_fragments
                .then(|| std::fs::metadata(&fragment).ok())
                .flatten()
                .map(|m| (m.len(), stamp_of(&m)));
            if stamp.is_some_and(|(len, stamp)| kept.fragment_stamped(len, stamp)) {
                return (kept.terms, FragmentBody::Kept(fragment));
            }
            if let Some(bytes) = std::fs::read(&fragment)
                .ok()
                .filter(|bytes| kept.fragment_is(bytes))
            {
                if !self.link_fragments {
                    return (kept.terms, FragmentBody::Bytes(bytes));
                }
                // The bytes are right and only the time differs (a cache copied without its
                // times): stamped anew, so that the next build needs the `stat` alone again.
                let prepared = stakes_search::PreparedArticle {
                    terms: kept.terms,
                    fragment: bytes,
                };
                if let Some((_, stamp)) = stamp {
                    self.keep_entry(&entry, &prepared, stamp);
                }
                return (prepared.terms, FragmentBody::Kept(fragment));
            }
        }
        let (terms, fragment) = self.prepare_and_keep(number, record, &key);
        (terms, FragmentBody::Bytes(fragment))
    }

    /// The article tokenised, and kept: its fragment first, then the entry that vouches for
    /// it (each written beside, then renamed, so a reader never meets half of one).
    fn prepare_and_keep(
        &self,
        number: u32,
        record: &ArticleRecord,
        key: &str,
    ) -> (ArticleTerms, Vec<u8>) {
        let prepared = stakes_search::prepare(number, record);
        let entry = entry_path(key);
        let fragment = format!("{entry}{FRAGMENT_SUFFIX}");
        if crate::output::replace_file(&self.dir, &fragment, &prepared.fragment).is_ok() {
            let stamp = std::fs::metadata(self.dir.join(&fragment)).map_or(0, |m| stamp_of(&m));
            self.keep_entry(&entry, &prepared, stamp);
        }
        (prepared.terms, prepared.fragment)
    }

    /// Writes the entry of `prepared`, whose fragment file is stamped `stamp`.
    fn keep_entry(&self, entry: &str, prepared: &stakes_search::PreparedArticle, stamp: u64) {
        let bytes = stakes_search::cache::to_cached_bytes(prepared, stamp);
        let _ = crate::output::replace_file(&self.dir, entry, &bytes);
    }
}

/// A kept article's entry, from the cache's search folder: `ab/abcd…` (its fragment is the
/// same with [`FRAGMENT_SUFFIX`]).
fn entry_path(key: &str) -> String {
    format!("{}/{key}", &key[..2])
}

/// A file's modification time in nanoseconds since 1970, or 0 where the system keeps none.
fn stamp_of(metadata: &std::fs::Metadata) -> u64 {
    metadata
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(0))
}

/// Deletes every kept article of the site under `root` whose key is not in `used` (a
/// multilingual build prunes once with what every edition used, issue #21); returns how many.
pub fn prune_kept(
    config: &SiteConfig,
    root: &Path,
    used: &HashSet<String>,
) -> std::io::Result<usize> {
    prune_kept_dir(&root.join(&config.images.cache_dir).join(KEPT_DIR), used)
}

/// Deletes every kept article in `dir` whose key is not in `used`, with its fragment; returns
/// how many articles.
fn prune_kept_dir(dir: &Path, used: &HashSet<String>) -> std::io::Result<usize> {
    let mut removed = 0;
    let Ok(folders) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    for folder in folders.flatten() {
        for entry in std::fs::read_dir(folder.path())?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let (key, fragment) = match name.strip_suffix(FRAGMENT_SUFFIX) {
                Some(key) => (key, true),
                None => (name.as_str(), false),
            };
            if !used.contains(key) {
                std::fs::remove_file(entry.path())?;
                removed += usize::from(!fragment);
            }
        }
        // A folder left empty goes too (only an empty one can be removed).
        let _ = std::fs::remove_dir(folder.path());
    }
    Ok(removed)
}

/// What the index knows of an article: its metadata, and its intro, sections, captions and
/// quotes as plain text, each caption and quote placed in the section it sits in.
fn record(
    config: &SiteConfig,
    article: &Article,
    section_titles: &HashMap<String, String>,
) -> ArticleRecord {
    let mut subs = Vec::new();
    let intro = Place::default();
    let body = &article.body;
    if !body.intro_text.trim().is_empty() {
        subs.push(intro.sub(SubKind::Intro, body.intro_text.trim()));
    }
    // After the intro: on a tie, a result lands on the intro rather than the lead's caption.
    if let Some(lead) = &article.lead {
        push_caption(&mut subs, &intro, lead);
    }
    push_blocks(&mut subs, &intro, &body.intro);
    for section in &body.sections {
        let place = Place {
            number: section.number,
            heading: &section.title_text,
            anchor: Some(&section.id),
        };
        subs.push(place.sub(SubKind::Section, section.text.trim()));
        push_blocks(&mut subs, &place, &section.blocks);
    }
    ArticleRecord {
        url: config.link(&article.path),
        title: article.title.clone(),
        dek: article.dek.clone(),
        date: article.date.day().to_string(),
        // As the site's pages show it (a result's date read differently from the page's was
        // a trial finding of #20); the client formats `date` itself only without it.
        date_shown: article
            .date
            .display_in(
                &config.date_format,
                &config.datetime_format,
                config.translations.date_localiser(),
            )
            .unwrap_or_default(),
        section: article.section.as_ref().map(|key| FilterValue {
            value: key.clone(),
            label: section_titles
                .get(key)
                .cloned()
                .unwrap_or_else(|| key.clone()),
        }),
        tags: article
            .tags
            .iter()
            .map(|t| FilterValue {
                value: t.slug.clone(),
                label: t.name.clone(),
            })
            .collect(),
        authors: article.authors.clone(),
        thumbnail: article.lead.as_ref().and_then(|l| l.thumbnail.clone()),
        subs,
    }
}

/// Where a sub-result sits: the section (number, heading, anchor), or the intro.
#[derive(Default)]
struct Place<'a> {
    number: Option<u32>,
    heading: &'a str,
    anchor: Option<&'a str>,
}

impl Place<'_> {
    fn sub(&self, kind: SubKind, text: &str) -> SubResult {
        SubResult {
            kind,
            number: self.number,
            heading: self.heading.to_string(),
            anchor: self.anchor.map(str::to_string),
            text: text.to_string(),
        }
    }
}

/// The captions and quotes among `blocks`.
fn push_blocks(subs: &mut Vec<SubResult>, place: &Place<'_>, blocks: &[Block]) {
    for block in blocks {
        match block {
            Block::Figure(figure) => push_caption(subs, place, figure),
            Block::Quote { text, .. } if !text.is_empty() => {
                subs.push(place.sub(SubKind::Quote, text));
            }
            _ => {}
        }
    }
}

/// A figure's caption and credit, when it has either.
fn push_caption(subs: &mut Vec<SubResult>, place: &Place<'_>, figure: &Figure) {
    let credit = figure.credit.as_deref().unwrap_or("");
    let text = match (figure.caption_text.is_empty(), credit.is_empty()) {
        (true, true) => return,
        (false, true) => figure.caption_text.clone(),
        (true, false) => credit.to_string(),
        (false, false) => format!("{} {credit}", figure.caption_text),
    };
    subs.push(place.sub(SubKind::Caption, &text));
}
