//! Content: finding the files under `content/` (discovery, no parsing), then loading every
//! article and section in parallel into the model the renderer reads. All problems in all files
//! are collected so one build reports everything a writer has to fix.

pub mod article;
pub mod count;
pub mod date;
pub mod front_matter;
pub mod ignore;
mod traps;

use std::collections::BTreeMap;
use std::path::{Component, Path, PathBuf};

use rayon::prelude::*;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use walkdir::WalkDir;

pub use article::{Article, AttachPhotos, ReadMoreLink, TagRef};
use front_matter::{
    normalise_text, parse_front_matter, split_error, split_front_matter, SectionFrontMatter,
};
pub use ignore::IgnoreRules;

use crate::config::SiteConfig;
use crate::error::{Error, Location, Result, Warning};
use crate::markdown::{LocalImage, Resolve};
use crate::slug::{is_valid_slug, slugify};

/// Folder of articles, relative to the site root.
pub const CONTENT_DIR: &str = "content";
/// Folder copied verbatim to the output root.
pub const STATIC_DIR: &str = "static";
/// A section's optional settings file.
const SECTION_INDEX: &str = "_index.md";
/// Articles larger than this are refused: no real explainer comes near it, and it bounds memory.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;
/// Top-level URL segments the site generates itself.
const RESERVED_SEGMENTS: [&str; 2] = ["tags", "page"];

/// A file found under `content/`.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Absolute (or root-joined) path to read.
    pub file: PathBuf,
    /// Path relative to the site root, for messages (`content/world/summit.md`).
    pub shown: PathBuf,
    /// Path relative to `content/`, `/`-separated (`world/summit.md`).
    pub content_path: String,
}

/// A file under `content/` that is not Markdown, published at the same relative path.
#[derive(Debug, Clone)]
pub struct Asset {
    /// The file to copy.
    pub source: PathBuf,
    /// Output path relative to the output root (`world/summit/photo.jpg`).
    pub output: String,
}

/// A section of the site: a folder under `content/`.
#[derive(Debug, Clone, serde::Serialize)]
pub struct Section {
    /// Key (`world/europe`), also the site path without the trailing slash.
    pub key: String,
    /// Display name, from `_index.md` or the folder name.
    pub title: String,
    /// From `_index.md`.
    pub description: Option<String>,
    /// The body of `_index.md` as HTML.
    pub intro_html: Option<String>,
    /// Free-form template data.
    pub extra: crate::yaml::Value,
    /// The body of `_index.md` as written, until [`Survey::finish`] renders it into
    /// `intro_html` (its links can only be resolved once every article's URL is known).
    #[serde(skip)]
    intro: Option<SectionIntro>,
}

/// The Markdown introduction of a section, waiting to be rendered.
#[derive(Debug, Clone)]
struct SectionIntro {
    file: SourceFile,
    markdown: String,
    /// Line of the file where the Markdown starts.
    first_line: usize,
}

impl Section {
    /// Renders the `_index.md` introduction through the one checked Markdown path (links
    /// resolved, script URLs refused, sanitised when the site asks), as an article body is.
    fn render_intro(
        &mut self,
        root: &Path,
        config: &SiteConfig,
        index: &LinkIndex<'_>,
        errors: &mut Vec<Error>,
    ) {
        let Some(intro) = self.intro.take() else {
            return;
        };
        let resolver = ArticleResolver {
            root,
            config,
            article_dir: parent_of(&intro.file.content_path),
            index,
        };
        let renderer = crate::markdown::Renderer::new(&resolver, !config.unsafe_html);
        let (html, problems) = renderer.document(&intro.markdown, intro.first_line);
        errors.extend(
            problems
                .into_iter()
                .map(|p| Error::content(Location::line(&intro.file.shown, p.line), p.message)),
        );
        self.intro_html = Some(html);
    }
}

/// Everything under `content/`, loaded.
#[derive(Debug, Default)]
pub struct Content {
    /// Articles and pages, newest first.
    pub articles: Vec<Article>,
    /// Sections, sorted by key.
    pub sections: Vec<Section>,
    /// Files to copy along.
    pub assets: Vec<Asset>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Warning>,
}

/// What to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include `draft: true` articles.
    pub include_drafts: bool,
}

/// Files found by a walk of `content/`, besides the articles (which are handed on as they are
/// found).
#[derive(Debug, Default)]
pub struct Discovered {
    /// `_index.md` files.
    pub section_indexes: Vec<SourceFile>,
    /// Everything else.
    pub assets: Vec<SourceFile>,
    /// Symlinks skipped and similar.
    pub warnings: Vec<Warning>,
    /// Unreadable folders and the like.
    pub errors: Vec<Error>,
}

/// How many articles a walk gathers before handing them on: enough to make a task worth
/// scheduling, few enough that reading starts while the walk goes on.
const ARTICLE_BATCH: usize = 64;

/// Walks `content/` without parsing anything. Hidden files, editor backups and what `ignore`
/// leaves out are skipped; symlinks are followed only when they stay inside the site. Each top-level folder (a
/// section) is walked on its own thread: a site of page bundles has a folder per article.
/// Articles are handed to `articles` in batches as they are found, unsorted, so their front
/// matter can be read while the walk goes on (a flat folder of 40,000 files takes tens of
/// milliseconds to list); everything else is returned sorted.
pub fn discover(
    root: &Path,
    ignore: &IgnoreRules,
    articles: &(dyn Fn(Vec<SourceFile>) + Sync),
) -> Discovered {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Discovered::default();
    }
    let walk = Walk {
        root,
        canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        content_dir: &content_dir,
        ignore,
        articles,
    };
    let mut sections = Vec::new();
    let mut found = walk.tree(&content_dir, 1, &mut sections);
    let below: Vec<Discovered> = sections
        .par_iter()
        .map(|dir| walk.tree(dir, usize::MAX, &mut Vec::new()))
        .collect();
    for mut more in below {
        found.section_indexes.append(&mut more.section_indexes);
        found.assets.append(&mut more.assets);
        found.warnings.append(&mut more.warnings);
        found.errors.append(&mut more.errors);
    }
    // Walked in parallel and unsorted (sorting inside a walk compares parsed paths at every
    // step), so sorted once here by content path: builds are the same on every run.
    for list in [&mut found.section_indexes, &mut found.assets] {
        list.sort_unstable_by(|a, b| a.content_path.cmp(&b.content_path));
    }
    found
}

/// What every part of a content walk needs.
struct Walk<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    content_dir: &'a Path,
    ignore: &'a IgnoreRules,
    articles: &'a (dyn Fn(Vec<SourceFile>) + Sync),
}

impl Walk<'_> {
    /// The files in `dir` down to `depth` levels; folders at the last level are handed back in
    /// `deeper` instead of being entered.
    fn tree(&self, dir: &Path, depth: usize, deeper: &mut Vec<PathBuf>) -> Discovered {
        let mut found = Discovered::default();
        let mut articles = Vec::with_capacity(ARTICLE_BATCH);
        let walker = WalkDir::new(dir)
            .min_depth(1)
            .max_depth(depth)
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| !self.is_ignored(entry));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| shown_path(self.root, p))
                        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                    found.errors.push(Error::content(
                        Location::file(path),
                        format!("cannot read: {err}"),
                    ));
                    continue;
                }
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                if entry.depth() == depth {
                    deeper.push(entry.into_path());
                }
            } else if file_type.is_file() || self.followed_symlink(&entry, &mut found) {
                self.add_file(entry, &mut found, &mut articles);
                if articles.len() == ARTICLE_BATCH {
                    (self.articles)(std::mem::replace(
                        &mut articles,
                        Vec::with_capacity(ARTICLE_BATCH),
                    ));
                }
            }
        }
        if !articles.is_empty() {
            (self.articles)(articles);
        }
        found
    }

    /// Whether a file or folder is left out: by name (hidden, editor swap files) or by the
    /// site's `ignore:` rules.
    fn is_ignored(&self, entry: &walkdir::DirEntry) -> bool {
        let name = text_of(entry.file_name());
        is_ignored_name(&name)
            || self.ignore.is_ignored(&name, || {
                relative_to(entry.path(), self.content_dir)
                    .map_or(std::borrow::Cow::Borrowed(""), |relative| {
                        std::borrow::Cow::Owned(slash_path(relative))
                    })
            })
    }

    /// Whether `entry`, if a symlink, points to a file inside the site (and so counts as one);
    /// other symlinks are warned about and skipped.
    fn followed_symlink(&self, entry: &walkdir::DirEntry, found: &mut Discovered) -> bool {
        if !entry.path_is_symlink() {
            return false;
        }
        let shown = shown_path(self.root, entry.path());
        match entry.path().canonicalize() {
            Ok(target) if target.starts_with(&self.canonical_root) && target.is_file() => true,
            Ok(target) if target.starts_with(&self.canonical_root) => {
                found.warnings.push(Warning::new(Location::file(&shown), "is a symlink to a folder; it is not followed (link the files, or move the folder)"));
                false
            }
            Ok(target) => {
                found.warnings.push(Warning::new(
                    Location::file(&shown),
                    format!(
                        "is a symlink to {}, outside the site; it is not followed",
                        target.display()
                    ),
                ));
                false
            }
            Err(err) => {
                found.warnings.push(Warning::new(
                    Location::file(&shown),
                    format!("is a broken symlink ({err}); skipped"),
                ));
                false
            }
        }
    }

    fn add_file(
        &self,
        entry: walkdir::DirEntry,
        found: &mut Discovered,
        articles: &mut Vec<SourceFile>,
    ) {
        let Some(relative) = relative_to(entry.path(), self.content_dir) else {
            return;
        };
        let content_path = slash_path(relative);
        let name = text_of(entry.file_name());
        let list = if name == SECTION_INDEX {
            &mut found.section_indexes
        } else if name.ends_with(".md") {
            articles
        } else {
            &mut found.assets
        };
        list.push(SourceFile {
            shown: shown_path(self.root, entry.path()),
            file: entry.path().to_path_buf(),
            content_path,
        });
    }
}

/// A file name or path as text, replacing what is not UTF-8. Valid text (every name, nearly
/// always) is checked with `str::from_utf8`'s ASCII fast path, which the lossy conversion
/// lacks: three conversions per file found were ~1 % of a large build.
fn text_of(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, str> {
    match name.to_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => name.to_string_lossy(),
    }
}

/// Editor swap files (`.a.md.swp`, `#a.md#`, vim's `4913` probe), backups and hidden files
/// never become content; the preview's watcher ignores the same names.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

/// A relative path with `/` between its parts (`world/summit.md`), as content paths and URLs
/// spell it on every platform.
pub fn slash_path(relative: &Path) -> String {
    if std::path::MAIN_SEPARATOR == '/' {
        text_of(relative.as_os_str()).into_owned()
    } else {
        relative
            .components()
            .map(|c| c.as_os_str().to_string_lossy())
            .collect::<Vec<_>>()
            .join("/")
    }
}

/// `root/content/a.md` → `content/a.md`, for messages.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    relative_to(path, root).unwrap_or(path).to_path_buf()
}

/// `path` below `base`. Paths the walk finds are `base` joined with names, so they are
/// compared as text first: `Path::strip_prefix` goes component by component, and with two
/// calls per file it was ~2 % of a large build.
fn relative_to<'p>(path: &'p Path, base: &Path) -> Option<&'p Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let base_bytes = base.as_os_str().as_bytes();
        let rest = (path.as_os_str().as_bytes())
            .strip_prefix(base_bytes)
            .and_then(|rest| rest.strip_prefix(b"/"));
        let plain = |part: &[u8]| !part.is_empty() && part != b"." && part != b"..";
        if let Some(rest) = rest {
            if plain(base_bytes)
                && !base_bytes.ends_with(b"/")
                && rest.split(|&b| b == b'/').all(plain)
            {
                let relative = Path::new(std::ffi::OsStr::from_bytes(rest));
                debug_assert_eq!(path.strip_prefix(base).ok(), Some(relative));
                return Some(relative);
            }
        }
    }
    path.strip_prefix(base).ok()
}

/// An article whose front matter is parsed but whose body is not.
///
/// The body is not kept between the two passes of a load (URLs first, then articles): holding
/// every file's text at once would double the memory of a large site, and reading a file again
/// from the page cache costs microseconds.
struct Draft {
    file: SourceFile,
    /// The file, still open when the survey read only its start and could keep it: the body
    /// is then read without opening the file again.
    handle: Option<std::fs::File>,
    yaml: String,
    body: Option<String>,
    body_first_line: usize,
    front: front_matter::FrontMatter,
    section: Option<String>,
    path: String,
    /// Front matter that YAML reads other than it looks ([`traps`]).
    warnings: Vec<Warning>,
}

/// The first pass of a load: every file found and its front matter read, so URLs, sections and
/// link targets are known before any body is parsed. A build renders each article as soon as
/// its body is parsed ([`Survey::finish`]), which needs the sections first.
pub struct Survey {
    // Boxed on purpose: the survey's lists move pointers, not ~700-byte drafts (see `survey`).
    #[allow(clippy::vec_box)]
    drafts: Vec<Box<Draft>>,
    sections: Vec<Section>,
    assets: Vec<SourceFile>,
    errors: Vec<Error>,
    warnings: Vec<Warning>,
}

/// Finds every file under `content/` and reads its front matter, in parallel. Problems are kept
/// for [`Survey::finish`], which reports them with those of the bodies.
pub fn survey(root: &Path, options: LoadOptions, ignore: &IgnoreRules) -> Survey {
    // Front matter is read as the walk finds files, on whichever thread is free.
    let read = std::sync::Mutex::new(Vec::new());
    let handles = OpenHandles::for_this_process();
    // Articles are opened by their path inside content/ (see `folder`); by their full path
    // if the folder cannot be opened, so the error names the file.
    let folder = crate::folder::Folder::open(&root.join(CONTENT_DIR)).ok();
    let discovered = rayon::scope(|scope| {
        let (read, handles, folder) = (&read, &handles, folder.as_ref());
        discover(root, ignore, &|batch: Vec<SourceFile>| {
            scope.spawn(move |_| {
                // Each draft is boxed where it is read: the lists below then hold and move
                // pointers, not ~700-byte drafts (growing a list of those on one thread
                // touched tens of megabytes of fresh memory on a large site).
                let drafts: Vec<Result<Box<Draft>>> = batch
                    .into_iter()
                    .map(|file| survey_draft(file, folder, handles).map(Box::new))
                    .filter(|draft| match draft {
                        Ok(draft) => !draft.front.draft || options.include_drafts,
                        Err(_) => true,
                    })
                    .collect();
                read.lock()
                    .expect("no panics while holding the lock")
                    .push(drafts);
            })
        })
    });
    let batches = read.into_inner().expect("no panics while holding the lock");
    let mut errors = discovered.errors;
    let mut warnings = discovered.warnings;
    let mut loaded = Vec::with_capacity(batches.iter().map(Vec::len).sum());
    for draft in batches.into_iter().flatten() {
        match draft {
            Ok(mut draft) => {
                warnings.append(&mut draft.warnings);
                loaded.push(draft);
            }
            Err(error) => errors.push(error),
        }
    }
    // Found in parallel: ordered by content path (unique) so builds are the same on every run.
    loaded.par_sort_unstable_by(|a, b| a.file.content_path.cmp(&b.file.content_path));

    let mut by_path: HashMap<&str, Vec<&Path>> = HashMap::default();
    for draft in &loaded {
        by_path
            .entry(draft.path.as_str())
            .or_default()
            .push(&draft.file.shown);
    }
    let mut duplicates: Vec<_> = by_path
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .collect();
    duplicates.sort();
    for (path, files) in duplicates {
        let names: Vec<String> = files.iter().map(|f| f.display().to_string()).collect();
        let (all, rest) = names.split_last().expect("two files or more");
        let (joined, how_many) = match rest {
            [one] => (format!("{one} and {all}"), "both"),
            _ => (format!("{} and {all}", rest.join(", ")), "all"),
        };
        errors.push(Error::content(
            Location::file(files[0]),
            format!(
                "{joined} {how_many} publish to /{path}: rename one or set a different `slug:`"
            ),
        ));
    }
    let sections = load_sections(
        &discovered.section_indexes,
        loaded.iter().filter_map(|d| d.section.as_deref()),
        &mut errors,
        &mut warnings,
    );
    Survey {
        drafts: loaded,
        sections,
        assets: discovered.assets,
        errors,
        warnings,
    }
}

impl Survey {
    /// Whether reading front matter already found problems (the build will fail; bodies are
    /// still parsed to report theirs).
    pub fn has_errors(&self) -> bool {
        !self.errors.is_empty()
    }

    /// Front matter traps, symlinks skipped and the like: problems that do not stop a build.
    pub fn warnings(&self) -> &[Warning] {
        &self.warnings
    }

    /// Files under `content/` that are not Markdown.
    pub fn assets(&self) -> &[SourceFile] {
        &self.assets
    }

    /// The page each article will be written to (`world/summit/index.html`).
    pub fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.drafts.iter().map(|d| page_file(&d.path))
    }

    /// Every article as the listings will see it, from its front matter.
    pub fn listing_facts(&self) -> impl Iterator<Item = crate::render::ListingFacts<'_>> {
        self.drafts.iter().map(|d| crate::render::ListingFacts {
            page: d.front.template.as_deref() == Some(article::PAGE_TEMPLATE),
            draft: d.front.draft,
            section: d.section.as_deref(),
            tags: &d.front.tags,
        })
    }

    /// Refuses every article whose page would be one the site generates (issue #16: it
    /// crashed the build with "File exists"). `generated` says what is at a site path
    /// (`world/page/2/` → "page 2 of the section `world` listing"), if anything.
    pub fn refuse_generated_pages(&mut self, generated: &(dyn Fn(&str) -> Option<String> + Sync)) {
        let mut clashes: Vec<Error> = self
            .drafts
            .par_iter()
            .filter_map(|d| {
                let what = generated(&d.path)?;
                let (at, fix) = match d.front.slug {
                    Some(_) => (
                        front_matter::key_location(&d.file.shown, &d.yaml, "slug"),
                        "change `slug:`",
                    ),
                    None if d.file.content_path.ends_with("/index.md") => (
                        Location::file(&d.file.shown),
                        "rename its folder or set `slug:`",
                    ),
                    None => (
                        Location::file(&d.file.shown),
                        "rename the file or set `slug:`",
                    ),
                };
                Some(Error::content(
                    at,
                    format!("would publish at /{}, which is {what}: {fix}", d.path),
                ))
            })
            .collect();
        self.errors.append(&mut clashes);
    }

    /// The site's sections, known before any article body is parsed.
    pub fn sections(&self) -> &[Section] {
        &self.sections
    }

    /// The content paths of the `n` newest listed articles (the feed's entries), known from
    /// front matter alone so a build can keep just their bodies for the feed.
    pub fn newest(&self, n: usize) -> HashSet<String> {
        let mut listed: Vec<(date::PublishDate, &str, &str)> = self
            .drafts
            .iter()
            .filter(|d| d.front.template.as_deref() != Some(article::PAGE_TEMPLATE))
            .filter_map(|d| {
                let date = date::PublishDate::parse(&d.front.date).ok()?;
                Some((date, d.front.title.as_str(), d.file.content_path.as_str()))
            })
            .collect();
        listed.sort_by(|a, b| listing_order((&a.0, a.1), (&b.0, b.1)));
        listed
            .into_iter()
            .take(n)
            .map(|(_, _, path)| path.to_string())
            .collect()
    }

    /// Parses every body in parallel and hands each article to `each` as soon as it is built
    /// (a build renders and writes it there, then keeps only what listings need). Returns the
    /// articles newest first, or every problem of every file.
    pub fn finish<F>(
        self,
        root: &Path,
        config: &SiteConfig,
        photos: &dyn AttachPhotos,
        each: F,
    ) -> Result<Content>
    where
        F: Fn(&mut Article) -> std::result::Result<(), Vec<Error>> + Sync,
    {
        let Survey {
            drafts,
            mut sections,
            assets,
            mut errors,
            mut warnings,
        } = self;
        // The index owns its strings so each draft (its front matter and YAML) can be freed as
        // soon as its article is built, instead of all of them living to the end of the pass.
        let links: Vec<(String, String)> = drafts
            .iter()
            .map(|d| (d.file.content_path.clone(), d.path.clone()))
            .collect();
        let index = LinkIndex::Maps {
            links: links
                .iter()
                .map(|(from, to)| (from.as_str(), to.as_str()))
                .collect(),
            assets: assets.iter().map(|a| a.content_path.as_str()).collect(),
        };
        for section in &mut sections {
            section.render_intro(root, config, &index, &mut errors);
        }
        let built: Vec<std::result::Result<Article, Vec<Error>>> = drafts
            .into_par_iter()
            .map(|draft| {
                let mut article = build_draft(root, config, *draft, &index, photos)?;
                each(&mut article)?;
                Ok(article)
            })
            .collect();
        drop(index);
        // Collected in place (the results and the articles have one size), so a large site
        // does not hold two lists of every article at once.
        let mut articles: Vec<Article> = built
            .into_iter()
            .filter_map(|result| match result {
                Ok(mut article) => {
                    warnings.append(&mut article.warnings);
                    Some(article)
                }
                Err(mut list) => {
                    errors.append(&mut list);
                    None
                }
            })
            .collect();
        if !errors.is_empty() {
            errors.sort_by_cached_key(Error::sort_key);
            return Err(Error::from_list(errors));
        }
        sort_newest_first(&mut articles);
        let assets = assets
            .into_iter()
            .map(|file| Asset {
                output: file.content_path,
                source: file.file,
            })
            .collect();
        warnings.sort();
        Ok(Content {
            articles,
            sections,
            assets,
            warnings,
        })
    }
}

/// What links and images in an article may point at: every article's content path with its
/// site path, and every file under `content/`.
pub enum LinkIndex<'a> {
    /// Hash maps, for loading a whole site.
    Maps {
        /// Content path → site path.
        links: HashMap<&'a str, &'a str>,
        /// Content paths of non-Markdown files.
        assets: HashSet<&'a str>,
    },
    /// Looks things up in loaded content on demand: reloading one article (in the preview
    /// server) then costs nothing unless it links to others.
    Scan(&'a Content),
}

impl LinkIndex<'_> {
    fn site_path(&self, content_path: &str) -> Option<&str> {
        match self {
            LinkIndex::Maps { links, .. } => links.get(content_path).copied(),
            LinkIndex::Scan(content) => content
                .articles
                .iter()
                .find(|a| a.content_path == content_path)
                .map(|a| a.path.as_str()),
        }
    }

    /// File names of the non-Markdown files directly in a folder of `content/` (for
    /// suggestions when an image is misspelt; only asked after a miss).
    fn asset_names_in(&self, folder: &str) -> Vec<&str> {
        fn name(path: &str) -> &str {
            path.rsplit('/').next().unwrap_or(path)
        }
        let in_folder = |path: &str| parent_of(path) == folder;
        match self {
            LinkIndex::Maps { assets, .. } => assets
                .iter()
                .filter(|p| in_folder(p))
                .map(|p| name(p))
                .collect(),
            LinkIndex::Scan(content) => content
                .assets
                .iter()
                .map(|a| a.output.as_str())
                .filter(|p| in_folder(p))
                .map(name)
                .collect(),
        }
    }

    fn has_asset(&self, content_path: &str) -> bool {
        match self {
            LinkIndex::Maps { assets, .. } => assets.contains(content_path),
            LinkIndex::Scan(content) => content.assets.iter().any(|a| a.output == content_path),
        }
    }
}

fn build_draft(
    root: &Path,
    config: &SiteConfig,
    draft: Draft,
    index: &LinkIndex<'_>,
    photos: &dyn AttachPhotos,
) -> std::result::Result<Article, Vec<Error>> {
    // Taken apart, so the front matter and paths move into the article instead of being
    // copied, and the rest is freed as soon as the article is built.
    let Draft {
        file,
        handle,
        yaml,
        body: kept,
        body_first_line,
        front,
        section,
        path,
        warnings: _,
    } = draft;
    let (text, body_start) = draft_body(&file, handle, &yaml, kept)?;
    let resolver = ArticleResolver {
        root,
        config,
        article_dir: parent_of(&file.content_path),
        index,
    };
    article::build_article(
        article::ArticleInput {
            source: &file.shown,
            content_path: &file.content_path,
            front,
            yaml: &yaml,
            body: &text[body_start..],
            body_first_line,
            section,
            path,
            require_credits: config.require_credits,
            sanitize_html: !config.unsafe_html,
            default_authors: &config.authors,
            photos,
        },
        &resolver,
    )
}

/// Reads and builds one article again (the preview server does this on every save). Returns
/// `None` when the file is now a draft and drafts are hidden.
pub fn reload_article(
    root: &Path,
    config: &SiteConfig,
    index: &LinkIndex<'_>,
    file: SourceFile,
    options: LoadOptions,
    photos: &dyn AttachPhotos,
) -> Result<Option<Article>> {
    let draft = read_draft(file)?;
    if draft.front.draft && !options.include_drafts {
        return Ok(None);
    }
    build_draft(root, config, draft, index, photos)
        .map(Some)
        .map_err(Error::from_list)
}

impl SourceFile {
    /// Describes a file under `root/content/`, or `None` if it is not there.
    pub fn under(root: &Path, file: &Path) -> Option<SourceFile> {
        let relative = file.strip_prefix(root.join(CONTENT_DIR)).ok()?;
        let content_path = slash_path(relative);
        Some(SourceFile {
            file: file.to_path_buf(),
            shown: shown_path(root, file),
            content_path,
        })
    }
}

/// The file an article's page is written to, from its site path (`world/summit/` →
/// `world/summit/index.html`).
pub fn page_file(site_path: &str) -> String {
    format!("{site_path}index.html")
}

/// The order of every listing: newest first, then by title.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    listing_order((&a.date, &a.title), (&b.date, &b.title))
}

/// Sorts articles as [`newest_first`] does, moving each article once: an article is near a
/// kilobyte, and a merge sort that moves them at every step copied ~130 MB (on one thread,
/// between two parallel phases) for 10,000 articles. The sort is over (key, position) pairs,
/// so articles that compare equal keep their order, as with a stable sort.
pub fn sort_newest_first(articles: &mut [Article]) {
    articles.sort_by_cached_key(|a| (std::cmp::Reverse(a.date.instant), a.title.clone()));
    debug_assert!(articles.is_sorted_by(|a, b| newest_first(a, b).is_le()));
}

/// [`newest_first`] on a date and a title, so the survey can order front matter exactly as
/// the listings will order the articles built from it.
fn listing_order(
    a: (&date::PublishDate, &str),
    b: (&date::PublishDate, &str),
) -> std::cmp::Ordering {
    b.0.instant.cmp(&a.0.instant).then_with(|| a.1.cmp(b.1))
}

fn parent_of(content_path: &str) -> &str {
    content_path
        .rfind('/')
        .map(|i| &content_path[..i])
        .unwrap_or("")
}

/// Reads a file as UTF-8 text with a size limit, naming the file in every error.
pub fn read_text(file: &SourceFile) -> Result<String> {
    // One open, then the size from the handle: a path lookup fewer per file than stat + read.
    let handle = std::fs::File::open(&file.file).map_err(|e| Error::io(&file.shown, e))?;
    let size = handle
        .metadata()
        .map_err(|e| Error::io(&file.shown, e))?
        .len();
    if size > MAX_ARTICLE_BYTES {
        return Err(too_large(file, size));
    }
    read_open(&handle, file, MAX_ARTICLE_BYTES + 1, size as usize + 1).map(|(text, _)| text)
}

/// How much of an article the survey reads for its front matter: front matter is a few hundred
/// bytes, the body is read when it is parsed.
const FRONT_MATTER_READ: u64 = 4 * 1024;

fn too_large(file: &SourceFile, size: u64) -> Error {
    Error::content(
        Location::file(&file.shown),
        format!(
            "is {} MiB; the limit for one article is {} MiB. Split it, or move data into static/",
            size / (1024 * 1024),
            MAX_ARTICLE_BYTES / (1024 * 1024)
        ),
    )
}

/// The whole of a file the survey kept open, read again from its start (the handle holds the
/// file the survey read even if it was replaced since). No size is asked for: a file over the
/// limit shows itself by reading past it.
fn read_kept(handle: &std::fs::File, file: &SourceFile) -> Result<String> {
    let (text, whole) = read_open(handle, file, MAX_ARTICLE_BYTES + 1, 32 * 1024)?;
    if !whole {
        let size = handle.metadata().map_or(MAX_ARTICLE_BYTES + 1, |m| m.len());
        return Err(too_large(file, size));
    }
    Ok(text)
}

/// Reads at most `limit` bytes from the start of the file, as UTF-8 text naming the file in
/// every error; when the file is longer, the text is cut after its last complete line.
/// Returns whether the text is whole.
fn read_open(
    handle: &std::fs::File,
    file: &SourceFile,
    limit: u64,
    capacity: usize,
) -> Result<(String, bool)> {
    let mut bytes =
        read_from_start(handle, limit, capacity).map_err(|e| Error::io(&file.shown, e))?;
    let whole = (bytes.len() as u64) < limit;
    if !whole {
        bytes.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
        // Whole lines only, so no character or line ending is cut in two.
        let end = bytes.iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
        bytes.truncate(end);
    }
    let text = String::from_utf8(bytes).map_err(|e| {
        let offset = e.utf8_error().valid_up_to();
        let line = crate::markdown::count_newlines(&e.as_bytes()[..offset]) + 1;
        Error::content(
            Location::line(&file.shown, line),
            format!("is not valid UTF-8 (byte {offset}): save the file as UTF-8"),
        )
    })?;
    Ok((normalise_text(text), whole))
}

/// At most `limit` bytes (or a few more, which the caller cuts) from the start of `handle`, in
/// a buffer of `capacity` bytes to begin with. Positioned reads: a file the survey read from is
/// read again without seeking back, and each read asks for all the room the buffer has, so an
/// article takes one read and the one that finds its end (it took a seek and three reads:
/// 20,000 more system calls on 10,000 articles).
#[cfg(unix)]
fn read_from_start(
    handle: &std::fs::File,
    limit: u64,
    capacity: usize,
) -> std::io::Result<Vec<u8>> {
    let limit = usize::try_from(limit).unwrap_or(usize::MAX);
    let mut bytes = Vec::with_capacity(capacity.clamp(1, limit.max(1)));
    while bytes.len() < limit {
        if bytes.len() == bytes.capacity() {
            // Doubles, up to the limit.
            bytes.reserve_exact(bytes.len().min(limit - bytes.len()));
        }
        let before = bytes.len();
        match rustix::io::pread(
            handle,
            rustix::buffer::spare_capacity(&mut bytes),
            before as u64,
        ) {
            Ok(0) => break,
            Ok(_) => {}
            Err(rustix::io::Errno::INTR) => {}
            Err(e) => return Err(e.into()),
        }
    }
    Ok(bytes)
}

/// Elsewhere than Unix: back to the start, then read.
#[cfg(not(unix))]
fn read_from_start(
    mut handle: &std::fs::File,
    limit: u64,
    capacity: usize,
) -> std::io::Result<Vec<u8>> {
    use std::io::{Read, Seek};
    handle.seek(std::io::SeekFrom::Start(0))?;
    let mut bytes = Vec::with_capacity(capacity);
    handle.take(limit).read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// The most article files the survey keeps open for the body pass (more are opened again):
/// enough for large archives, small enough that the table of open files stays small.
pub(crate) const MOST_FILES_KEPT_OPEN: usize = 65_536;
/// Open files left for everything else: the output, photos, the preview server.
pub(crate) const FILES_LEFT_FREE: usize = 512;

/// How many more article files the survey may keep open for the body pass: each kept one
/// saves opening it again (a path lookup, an open and a close), but a process may only hold
/// so many files, and writing the site needs some.
struct OpenHandles(std::sync::atomic::AtomicUsize);

impl OpenHandles {
    fn for_this_process() -> OpenHandles {
        #[cfg(unix)]
        let limit = rustix::process::getrlimit(rustix::process::Resource::Nofile)
            .current
            .unwrap_or(u64::MAX);
        // Elsewhere, keep none: a second open costs little there next to everything else.
        #[cfg(not(unix))]
        let limit = 0;
        let spare = usize::try_from(limit)
            .unwrap_or(usize::MAX)
            .saturating_sub(FILES_LEFT_FREE)
            .min(MOST_FILES_KEPT_OPEN);
        OpenHandles(std::sync::atomic::AtomicUsize::new(spare))
    }

    /// Takes one, if any is left.
    fn take(&self) -> bool {
        use std::sync::atomic::Ordering::Relaxed;
        self.0
            .fetch_update(Relaxed, Relaxed, |left| left.checked_sub(1))
            .is_ok()
    }
}

/// The survey's read of one article: its start, enough for the front matter, keeping the file
/// open for the body pass when the start was not the whole file.
fn survey_draft(
    file: SourceFile,
    content: Option<&crate::folder::Folder>,
    handles: &OpenHandles,
) -> Result<Draft> {
    let handle = match content {
        Some(folder) => folder.open_read(&file.content_path),
        None => std::fs::File::open(&file.file),
    }
    .map_err(|e| Error::io(&file.shown, e))?;
    let (start, whole) = read_open(
        &handle,
        &file,
        FRONT_MATTER_READ,
        FRONT_MATTER_READ as usize,
    )?;
    let text = if whole || split_front_matter(&start).is_ok() {
        // The whole file, or a start that holds all of the front matter.
        start
    } else {
        // Front matter longer than the window: the rest from the same handle.
        read_kept(&handle, &file)?
    };
    let handle = (!whole && handles.take()).then_some(handle);
    // A short file was read whole: its body is kept rather than read again.
    draft_from(file, handle, &text, whole)
}

/// One article read whole (the preview server reloading it).
fn read_draft(file: SourceFile) -> Result<Draft> {
    let text = read_text(&file)?;
    draft_from(file, None, &text, true)
}

fn draft_from(
    file: SourceFile,
    handle: Option<std::fs::File>,
    text: &str,
    keep_body: bool,
) -> Result<Draft> {
    let split = split_front_matter(text).map_err(|m| split_error(&file.shown, m))?;
    let front = parse_front_matter(split.yaml, &file.shown)?;
    let (section, path) = article_path(&file, front.slug.as_deref(), split.yaml)?;
    Ok(Draft {
        warnings: traps::warnings(split.yaml, &file.shown),
        yaml: split.yaml.to_string(),
        body: keep_body.then(|| split.body.to_string()),
        body_first_line: split.body_first_line,
        file,
        handle,
        front,
        section,
        path,
    })
}

/// The body of a draft as a text and where in it the body starts: the body the first pass
/// kept, or the file read again (its body used in place, not copied out).
fn draft_body(
    file: &SourceFile,
    handle: Option<std::fs::File>,
    yaml: &str,
    kept: Option<String>,
) -> std::result::Result<(String, usize), Vec<Error>> {
    if let Some(body) = kept {
        return Ok((body, 0));
    }
    let text = match handle {
        Some(handle) => read_kept(&handle, file),
        None => read_text(file),
    }
    .map_err(|e| vec![e])?;
    let split = split_front_matter(&text).map_err(|m| vec![split_error(&file.shown, m)])?;
    if split.yaml != yaml {
        return Err(vec![Error::content(
            Location::file(&file.shown),
            "changed while the site was being built; build again",
        )]);
    }
    // The body is the rest of the text after the front matter.
    let start = text.len() - split.body.len();
    Ok((text, start))
}

/// The section key and site path of an article, from its location and optional `slug:`.
fn article_path(
    file: &SourceFile,
    slug: Option<&str>,
    yaml: &str,
) -> Result<(Option<String>, String)> {
    let parts: Vec<&str> = file.content_path.split('/').collect();
    let (dirs, stem) = match parts.split_last() {
        Some((&"index.md", dirs)) if !dirs.is_empty() => (&dirs[..dirs.len() - 1], dirs[dirs.len() - 1]),
        Some((&"index.md", _)) => {
            return Err(Error::content(
                Location::file(&file.shown),
                "the home page is generated from the articles; rename this file (e.g. content/about.md with `template: page.html`)",
            ))
        }
        Some((name, dirs)) => (dirs, name.trim_end_matches(".md")),
        None => unreachable!("a discovered file has a name"),
    };
    let slug = match slug {
        Some(slug) if is_valid_slug(slug) => slug.to_string(),
        Some(slug) => {
            let suggestion = slugify(slug);
            let hint = if suggestion.is_empty() {
                String::new()
            } else {
                format!(", e.g. `{suggestion}`")
            };
            return Err(Error::content(
                front_matter::key_location(&file.shown, yaml, "slug"),
                format!("`slug: {slug}` must be lowercase letters, digits and hyphens (no `/`, `..` or spaces){hint}"),
            ));
        }
        None => slugify(stem),
    };
    if slug.is_empty() {
        return Err(Error::content(
            Location::file(&file.shown),
            "the file name has no letters or digits to make a URL from: rename it or set `slug:`",
        ));
    }
    let section_parts: Vec<String> = dirs.iter().map(|d| slugify(d)).collect();
    if section_parts.iter().any(String::is_empty) {
        return Err(Error::content(
            Location::file(&file.shown),
            "a folder name has no letters or digits to make a URL from: rename the folder",
        ));
    }
    let first = section_parts
        .first()
        .map(String::as_str)
        .unwrap_or(slug.as_str());
    if RESERVED_SEGMENTS.contains(&first) {
        return Err(Error::content(
            Location::file(&file.shown),
            format!("would publish under /{first}/, which the site uses for its own listing pages: rename it or set `slug:`"),
        ));
    }
    let section = (!section_parts.is_empty()).then(|| section_parts.join("/"));
    let path = match &section {
        Some(section) => format!("{section}/{slug}/"),
        None => format!("{slug}/"),
    };
    Ok((section, path))
}

/// Sections for every folder that holds articles (and their parents) or has an `_index.md`.
fn load_sections<'k>(
    indexes: &[SourceFile],
    article_sections: impl Iterator<Item = &'k str>,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Vec<Section> {
    fn add(sections: &mut BTreeMap<String, Section>, key: &str) {
        let mut prefix = String::new();
        for part in key.split('/') {
            if !prefix.is_empty() {
                prefix.push('/');
            }
            prefix.push_str(part);
            sections.entry(prefix.clone()).or_insert_with(|| Section {
                key: prefix.clone(),
                title: title_from_slug(part),
                description: None,
                intro_html: None,
                extra: crate::yaml::Value::default(),
                intro: None,
            });
        }
    }
    let mut sections: BTreeMap<String, Section> = BTreeMap::new();
    for key in article_sections {
        add(&mut sections, key);
    }
    for index in indexes {
        let dir = parent_of(&index.content_path);
        if dir.is_empty() {
            errors.push(Error::content(Location::file(&index.shown), "`_index.md` belongs in a section folder (content/<section>/_index.md); the home page takes its title from site.yaml"));
            continue;
        }
        let key = dir.split('/').map(slugify).collect::<Vec<_>>().join("/");
        add(&mut sections, &key);
        match read_section_index(index, warnings) {
            Ok((front, intro)) => {
                let section = sections.get_mut(&key).expect("added above");
                if let Some(title) = front.title {
                    section.title = title;
                }
                section.description = front.description;
                section.intro = intro;
                section.extra = front.extra;
            }
            Err(error) => errors.push(error),
        }
    }
    sections.into_values().collect()
}

fn read_section_index(
    file: &SourceFile,
    warnings: &mut Vec<Warning>,
) -> Result<(SectionFrontMatter, Option<SectionIntro>)> {
    let text = read_text(file)?;
    let (front, body, first_line) = match split_front_matter(&text) {
        Ok(split) => {
            let front = crate::yaml::parse(split.yaml, &file.shown, front_matter::YAML_FIRST_LINE)?;
            warnings.extend(traps::warnings(split.yaml, &file.shown));
            (front, split.body, split.body_first_line)
        }
        Err(_) if !text.starts_with("---") => (SectionFrontMatter::default(), text.as_str(), 1),
        Err(message) => return Err(split_error(&file.shown, message)),
    };
    let intro = (!body.trim().is_empty()).then(|| SectionIntro {
        file: file.clone(),
        markdown: body.to_string(),
        first_line,
    });
    Ok((front, intro))
}

fn title_from_slug(slug: &str) -> String {
    count::capitalise(&slug.replace('-', " "))
}

/// Resolves image and link URLs for one article.
struct ArticleResolver<'a> {
    root: &'a Path,
    config: &'a SiteConfig,
    article_dir: &'a str,
    index: &'a LinkIndex<'a>,
}

impl Resolve for ArticleResolver<'_> {
    fn image(&self, src: &str) -> std::result::Result<(String, Option<LocalImage>), String> {
        if is_external(src) {
            return Ok((src.to_string(), None));
        }
        let (path, _) = split_fragment(src);
        let decoded = percent_decode(path);
        if let Some(from_static) = decoded.strip_prefix('/') {
            let file = self.root.join(STATIC_DIR).join(from_static);
            if !is_safe_relative(from_static) || !file.is_file() {
                let names = file_names_in(file.parent());
                let hint = did_you_mean(&decoded, names.iter().map(String::as_str));
                return Err(format!("image `{src}` does not exist: root-relative images are looked up in static/ (expected static/{from_static}){hint}"));
            }
            let local = LocalImage {
                file,
                site_path: from_static.to_string(),
            };
            return Ok((self.config.link(&encode_path(from_static)), Some(local)));
        }
        let joined = if self.article_dir.is_empty() {
            decoded.to_string()
        } else {
            format!("{}/{}", self.article_dir, decoded)
        };
        match normalise_relative(&joined) {
            Some(content_path) if self.index.has_asset(&content_path) => {
                let local = LocalImage {
                    file: self.root.join(CONTENT_DIR).join(&content_path),
                    site_path: content_path.clone(),
                };
                Ok((self.config.link(&encode_path(&content_path)), Some(local)))
            }
            found => {
                let folder = found.as_deref().map_or("", parent_of);
                let names = self.index.asset_names_in(folder);
                let hint = did_you_mean(&decoded, names.into_iter());
                Err(format!(
                    "image `{src}` does not exist: relative images are looked up beside the article (expected content/{joined}){hint}"
                ))
            }
        }
    }

    fn link(&self, dest: &str) -> std::result::Result<String, String> {
        if let Some(target) = dest.strip_prefix("@/") {
            let (path, fragment) = split_fragment(target);
            let path = percent_decode(path);
            return match self.index.site_path(&path) {
                Some(site_path) => Ok(format!("{}{fragment}", self.config.link(site_path))),
                None => Err(format!(
                    "link `{dest}`: there is no content/{path} (or it is a draft)"
                )),
            };
        }
        if dest.starts_with('/') && !dest.starts_with("//") {
            return Ok(self.config.link(dest));
        }
        Ok(dest.to_string())
    }
}

/// `; did you mean `photos/parliament.jpg`?` when a file in the folder has the name the writer
/// wrote but for case (`Parliament.JPG`: it works on a Mac's disk, not on the Linux server) or
/// for `.jpg`/`.jpeg`; empty otherwise. Only near-certain matches: a wrong guess misleads more
/// than none. `written` is the path as written, decoded.
fn did_you_mean<'n>(written: &str, names: impl Iterator<Item = &'n str>) -> String {
    let (folder, wanted) = match written.rfind('/') {
        Some(i) => written.split_at(i + 1),
        None => ("", written),
    };
    let key = |name: &str| {
        let lower = name.to_lowercase();
        match lower.strip_suffix(".jpeg") {
            Some(stem) => format!("{stem}.jpg"),
            None => lower,
        }
    };
    let wanted_key = key(wanted);
    let mut names = names;
    match names.find(|name| key(name) == wanted_key) {
        Some(name) => format!("; did you mean `{folder}{name}`?"),
        None => String::new(),
    }
}

/// Names of the files in a folder (none if it cannot be read).
fn file_names_in(folder: Option<&Path>) -> Vec<String> {
    folder
        .and_then(|f| std::fs::read_dir(f).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("//")
        || url.starts_with("data:")
}

fn split_fragment(url: &str) -> (&str, &str) {
    match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    }
}

/// `a/./b/../c.jpg` → `a/c.jpg`; `None` when it climbs out of `content/`.
fn normalise_relative(path: &str) -> Option<String> {
    // Nearly every path is normal already: plain names between single slashes.
    if is_plain_relative(path) {
        return Some(path.to_string());
    }
    normalise_components(path)
}

/// Plain names between single slashes: what [`normalise_components`] returns unchanged.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', ':'])
        })
}

fn normalise_components(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn is_safe_relative(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

/// Decodes `%20`-style escapes in a URL path written in Markdown. Escapes that are not two hex
/// digits (`%aé`, `100%`) stay as they are, and so does a path whose escapes do not decode to
/// UTF-8 (no file of the site can have that name).
pub(crate) fn percent_decode(text: &str) -> std::borrow::Cow<'_, str> {
    percent_encoding::percent_decode_str(text)
        .decode_utf8()
        .unwrap_or(std::borrow::Cow::Borrowed(text))
}

/// Percent-encodes what may not stand in a URL path (spaces, non-ASCII …), keeping `/`.
pub fn encode_path(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        if byte.is_ascii_alphanumeric() || b"-._~/!$&'()*+,;=:@".contains(&byte) {
            out.push(byte as char);
        } else {
            out.push_str(&format!("%{byte:02X}"));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_agree_with_strip_prefix() {
        let cases = [
            ("/site/content/a.md", "/site/content"),
            ("/site/content/world/a.md", "/site/content"),
            ("/site/content/a.md", "/site/content/"),
            ("/site/content//a.md", "/site/content"),
            ("/site/content/./a.md", "/site/content"),
            ("/site/content/../a.md", "/site/content"),
            ("./content/a.md", "."),
            ("content/a.md", "content"),
            ("/site/contents/a.md", "/site/content"),
            ("/site/content", "/site/content"),
            ("/elsewhere/a.md", "/site"),
        ];
        for (path, base) in cases {
            let (path, base) = (Path::new(path), Path::new(base));
            assert_eq!(
                relative_to(path, base),
                path.strip_prefix(base).ok(),
                "{path:?} {base:?}"
            );
        }
    }

    fn file(content_path: &str) -> SourceFile {
        SourceFile {
            file: PathBuf::from(content_path),
            shown: PathBuf::from(format!("content/{content_path}")),
            content_path: content_path.to_string(),
        }
    }

    fn written(dir: &Path, name: &str, text: &str) -> SourceFile {
        std::fs::write(dir.join(name), text).unwrap();
        SourceFile {
            file: dir.join(name),
            shown: PathBuf::from(format!("content/{name}")),
            content_path: name.to_string(),
        }
    }

    fn handles(n: usize) -> OpenHandles {
        OpenHandles(std::sync::atomic::AtomicUsize::new(n))
    }

    #[test]
    fn a_kept_file_is_read_as_the_survey_saw_it_even_if_replaced_since() {
        let dir = tempfile::tempdir().unwrap();
        let body = "Words. ".repeat(1000);
        let long = written(
            dir.path(),
            "a.md",
            &format!("---\ntitle: A\ndate: 2026-01-02\n---\n{body}"),
        );
        let kept = survey_draft(long.clone(), None, &handles(1)).unwrap();
        let reopened = survey_draft(long.clone(), None, &handles(0)).unwrap();
        assert!(kept.handle.is_some() && kept.body.is_none());
        assert!(reopened.handle.is_none());
        // Saved again (write beside, rename over) between the two passes.
        std::fs::write(
            dir.path().join("new"),
            "---\ntitle: B\ndate: 2026-01-02\n---\nOther.",
        )
        .unwrap();
        std::fs::rename(dir.path().join("new"), dir.path().join("a.md")).unwrap();
        let (text, start) = draft_body(&long, kept.handle, &kept.yaml, None).unwrap();
        assert_eq!(&text[start..], body);
        let err = draft_body(&long, None, &reopened.yaml, None).unwrap_err();
        assert!(err[0]
            .to_string()
            .contains("changed while the site was being built"));
    }

    #[test]
    fn a_short_file_is_read_once_and_its_body_kept() {
        let dir = tempfile::tempdir().unwrap();
        let short = written(
            dir.path(),
            "b.md",
            "---\ntitle: B\ndate: 2026-01-02\n---\nShort body.\n",
        );
        let draft = survey_draft(
            short,
            Some(&crate::folder::Folder::open(dir.path()).unwrap()),
            &handles(1),
        )
        .unwrap();
        assert!(draft.handle.is_none());
        assert_eq!(draft.body.as_deref(), Some("Short body.\n"));
    }

    #[test]
    fn files_are_read_from_their_start_whatever_the_buffer_up_to_the_limit() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.md");
        let text: Vec<u8> = (0..10_000u32).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &text).unwrap();
        let mut handle = std::fs::File::open(&path).unwrap();
        // Wherever the handle stands, and from a buffer far smaller than the file.
        std::io::Read::read_exact(&mut handle, &mut [0; 100]).unwrap();
        assert_eq!(read_from_start(&handle, 1_000_000, 16).unwrap(), text);
        assert_eq!(read_from_start(&handle, 1_000_000, 10_000).unwrap(), text);
        let cut = read_from_start(&handle, 5_000, 16).unwrap();
        assert!(cut.len() >= 5_000, "{}", cut.len());
        assert_eq!(cut[..], text[..cut.len()]);
    }

    #[test]
    fn paths_of_flat_files_bundles_and_typed_slugs() {
        assert_eq!(
            article_path(&file("world/summit.md"), None, "").unwrap(),
            (Some("world".into()), "world/summit/".into())
        );
        assert_eq!(
            article_path(&file("world/Big Summit/index.md"), None, "").unwrap(),
            (Some("world".into()), "world/big-summit/".into())
        );
        assert_eq!(
            article_path(&file("about.md"), None, "").unwrap(),
            (None, "about/".into())
        );
        assert_eq!(
            article_path(&file("a/b.md"), Some("custom"), "").unwrap().1,
            "a/custom/"
        );
    }

    #[test]
    fn unsafe_slugs_and_reserved_paths_are_refused() {
        let err = article_path(&file("a.md"), Some("../etc"), "slug: ../etc\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/a.md:2: `slug: ../etc` must be lowercase"),
            "{err}"
        );
        assert!(article_path(&file("tags.md"), None, "").is_err());
        assert!(article_path(&file("index.md"), None, "").is_err());
    }

    #[test]
    fn relative_paths_are_normalised_inside_content() {
        assert_eq!(
            normalise_relative("a/./b/../c.jpg").as_deref(),
            Some("a/c.jpg")
        );
        assert_eq!(normalise_relative("../x.jpg"), None);
        for path in [
            "a.jpg",
            "a/b.jpg",
            "a//b.jpg",
            "./a.jpg",
            "a/",
            "/a.jpg",
            "a/../b",
            "a b/ç.jpg",
            "a:b.jpg",
            "a\\b.jpg",
            "..",
            ".",
            "",
            "x/./y",
        ] {
            if is_plain_relative(path) {
                assert_eq!(
                    normalise_components(path).as_deref(),
                    Some(path),
                    "the fast path must agree on {path:?}"
                );
            }
        }
    }

    #[test]
    fn url_paths_are_encoded_and_decoded() {
        assert_eq!(encode_path("a b/ç.jpg"), "a%20b/%C3%A7.jpg");
        assert_eq!(percent_decode("a%20b.jpg"), "a b.jpg");
        assert_eq!(percent_decode("100%"), "100%");
        // Issue #16: a `%` before a multi-byte character once sliced it in two and panicked.
        assert_eq!(percent_decode("/t/%aé"), "/t/%aé");
        assert_eq!(percent_decode("%é%"), "%é%");
        assert_eq!(percent_decode("%C3%A9t%C3%A9"), "été");
        assert_eq!(
            percent_decode("%FF.jpg"),
            "%FF.jpg",
            "not UTF-8: left as written"
        );
    }
}
