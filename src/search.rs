//! The site's search index (issue #20): which articles it holds and in what order (from front
//! matter, before any body is read), each article turned into a `stakes_search` record as the
//! article pass hands it over (its text comes from the Markdown conversion: no HTML is read
//! again), and the index files at the end. Each prepared article is kept in the cache folder
//! and read back while its record is unchanged (issue #20's warm rebuilds). The index format
//! is the `stakes-search` crate's; it writes no output file itself (the build hands the
//! outputs to `output`), only its cache entries.

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
/// the key of everything tokenising reads), so an unchanged article is not tokenised again;
/// and the keys this build used, for `--prune-cache`.
struct KeptArticles {
    dir: PathBuf,
    used: Mutex<HashSet<String>>,
}

/// The cache folder's subfolder for kept articles.
const KEPT_DIR: &str = "search";

/// One output of the index: its path from the output root and its bytes.
pub type IndexOutput = (String, Vec<u8>);

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
        let Some(index) = SearchIndex::plan(config, root, order, sections) else {
            return Vec::new();
        };
        let mut outputs: Vec<IndexOutput> = articles
            .par_iter()
            .filter_map(|article| index.add(config, article))
            .collect();
        outputs.extend(index.finish());
        outputs
    }

    /// Tokenizes `article` if the index holds it, keeping its terms, and returns its fragment
    /// file to write.
    pub fn add(&self, config: &SiteConfig, article: &Article) -> Option<IndexOutput> {
        let number = *self.numbers.get(&article.content_path)?;
        let record = record(config, article, &self.section_titles);
        let prepared = self.kept.prepare(number, &record, &self.language);
        self.terms
            .lock()
            .expect("no panics while holding the lock")
            .push(prepared.terms);
        Some((
            format!("{SEARCH_DIR}/{}", stakes_search::fragment_path(number)),
            prepared.fragment,
        ))
    }

    /// Deletes the kept articles this build did not use (`--prune-cache`); returns how many.
    pub fn prune_unused(&self) -> std::io::Result<usize> {
        let used = self.used();
        prune_kept_dir(&self.kept.dir, &used)
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
    /// The article prepared, from the cache when it holds this very record, else tokenised
    /// and kept. A file that cannot be read or written only costs tokenising again.
    fn prepare(
        &self,
        number: u32,
        record: &ArticleRecord,
        language: &str,
    ) -> stakes_search::PreparedArticle {
        use stakes_search::cache::{cache_key, from_cached_bytes, to_cached_bytes};
        let key = cache_key(language, record);
        let file = self.dir.join(&key[..2]).join(&key);
        self.used
            .lock()
            .expect("no panics while holding the lock")
            .insert(key.clone());
        if let Some(kept) = std::fs::read(&file)
            .ok()
            .and_then(|bytes| from_cached_bytes(number, &bytes))
        {
            return kept;
        }
        let prepared = stakes_search::prepare(number, record);
        // Written beside, then renamed: a reader never meets half an entry (and the
        // checksum catches one anyway).
        let entry = format!("{}/{key}", &key[..2]);
        let _ = crate::output::replace_file(&self.dir, &entry, &to_cached_bytes(&prepared));
        prepared
    }
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

/// Deletes every kept article in `dir` whose key is not in `used`.
fn prune_kept_dir(dir: &Path, used: &HashSet<String>) -> std::io::Result<usize> {
    let mut removed = 0;
    let Ok(folders) = std::fs::read_dir(dir) else {
        return Ok(0);
    };
    for folder in folders.flatten() {
        for entry in std::fs::read_dir(folder.path())?.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if !used.contains(&name) {
                std::fs::remove_file(entry.path())?;
                removed += 1;
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
