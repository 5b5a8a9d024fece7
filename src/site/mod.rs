//! Orchestration: load the settings, theme and content, render every output, and hand the
//! results to the writer (build) or drop them (check). It owns the loaded [`Site`], the
//! two-step load ([`Site::survey`], then [`Surveyed::load_all`], in `surveyed`) and the lists
//! of files to copy; the build's own order of steps is in `build`, the clash checks in
//! `clashes`. It must not parse, render or write files itself: each step lives in its module.

mod build;
mod clashes;
mod editions;
mod surveyed;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use walkdir::WalkDir;

use crate::config::SiteConfig;
use crate::content::{self, Content, LoadOptions};
use crate::error::{Error, Location, Result, Warning};
use crate::layout::{CONFIG_FILE, CONTENT_DIR, STATIC_DIR};
use crate::photos::{self, Photos};
use crate::progress::Progress;
use crate::render::{Job, ListingSizes, Outputs, Rendered, Renderer};
use crate::templates::{DateStyle, Theme};

pub use build::build_keeping;
pub use clashes::{clashes, copy_clashes};
pub use editions::load_every_language;
pub(crate) use editions::{once_each_error, once_each_warning};
pub use surveyed::{LoadOutcome, Stop, Surveyed};

/// What `stakes build` was asked to do.
#[derive(Debug, Clone, Default)]
pub struct BuildOptions {
    /// The site root (holding `content/`).
    pub root: PathBuf,
    /// Output folder; default `<root>/public`.
    pub output: Option<PathBuf>,
    /// Overrides `base_url` from `site.yaml`.
    pub base_url: Option<String>,
    /// Build drafts too.
    pub include_drafts: bool,
    /// Build articles that publish after `now` too (`--future`, issue #18).
    pub include_future: bool,
    /// The moment to build the site as of (`--now`); `None` reads the clock.
    pub now: Option<jiff::Timestamp>,
    /// Replace a non-empty output folder that stakes did not create.
    pub force: bool,
    /// Resize photos (off: link the originals as they are, for benchmarks of the rest).
    pub process_images: bool,
    /// Delete cached photo results this build did not use.
    pub prune_cache: bool,
    /// Write `.gz` and `.br` beside every text file.
    pub precompress: bool,
    /// Counters the build bumps as it goes, for the command line to draw.
    pub progress: Arc<Progress>,
}

impl BuildOptions {
    /// Options for `root` with every default.
    pub fn new(root: impl Into<PathBuf>) -> Self {
        BuildOptions {
            root: root.into(),
            process_images: true,
            ..Default::default()
        }
    }

    /// The loading part of these options.
    pub fn site_options(&self) -> SiteOptions {
        SiteOptions {
            base_url: self.base_url.clone(),
            include_drafts: self.include_drafts,
            include_future: self.include_future,
            now: self.now,
            process_images: self.process_images,
            progress: Arc::clone(&self.progress),
        }
    }
}

/// What loading a site depends on besides its files.
#[derive(Debug, Clone, Default)]
pub struct SiteOptions {
    /// Overrides `base_url`.
    pub base_url: Option<String>,
    /// Include drafts.
    pub include_drafts: bool,
    /// Include articles that publish after `now`.
    pub include_future: bool,
    /// The moment the site is built as of; `None` reads the clock.
    pub now: Option<jiff::Timestamp>,
    /// Resize photos.
    pub process_images: bool,
    /// Counters the load bumps as it goes, for the command line to draw.
    pub progress: Arc<Progress>,
}

/// What a build produced, for the one-line summary.
#[derive(Debug)]
pub struct BuildSummary {
    /// Listed explainers.
    pub articles: usize,
    /// Plain pages.
    pub pages: usize,
    /// Sections.
    pub sections: usize,
    /// Tags.
    pub tags: usize,
    /// Authors with a page (issue #19).
    pub authors: usize,
    /// Problems that did not stop the build.
    pub warnings: Vec<Warning>,
    /// Photos used by figures.
    pub photos: usize,
    /// Photos resized in this build.
    pub photos_processed: usize,
    /// Photos whose resized copies came from the cache.
    pub photos_cached: usize,
    /// Compressed files written by `--precompress`.
    pub compressed: Option<usize>,
    /// Cache entries deleted by `--prune-cache`.
    pub pruned: Option<usize>,
    /// Kept search articles deleted by `--prune-cache` (issue #20).
    pub pruned_search: Option<usize>,
    /// Wall time.
    pub elapsed: Duration,
    /// Articles left out because they publish later, soonest first.
    pub scheduled: Vec<content::Scheduled>,
    /// Articles left out because they expired (`expired: remove`).
    pub removed: Vec<content::Scheduled>,
    /// A multilingual site's languages, each with its count of explainers (issue #21);
    /// empty for a site in one language.
    pub languages: Vec<(String, usize)>,
}

impl std::fmt::Display for BuildSummary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let plural =
            |n: usize, one: &str, many: &str| format!("{n} {}", if n == 1 { one } else { many });
        write!(
            f,
            "{}, {}, {}",
            plural(self.articles, "article", "articles"),
            plural(self.sections, "section", "sections"),
            plural(self.tags, "tag", "tags"),
        )?;
        if !self.languages.is_empty() {
            let each: Vec<String> = self
                .languages
                .iter()
                .map(|(tag, articles)| format!("{tag} {articles}"))
                .collect();
            write!(
                f,
                " in {} languages (articles: {})",
                self.languages.len(),
                each.join(", ")
            )?;
        }
        if self.authors > 0 {
            write!(f, ", {}", plural(self.authors, "author", "authors"))?;
        }
        if self.pages > 0 {
            write!(f, ", {}", plural(self.pages, "page", "pages"))?;
        }
        if self.photos > 0 {
            write!(
                f,
                ", {} ({} processed, {} from cache)",
                plural(self.photos, "photo", "photos"),
                self.photos_processed,
                self.photos_cached
            )?;
        }
        write!(f, " in {} ms", self.elapsed.as_millis())
    }
}

/// A loaded site: settings, theme and content, ready to render.
#[derive(Debug)]
pub struct Site {
    /// Site root.
    pub root: PathBuf,
    /// Resolved settings.
    pub config: SiteConfig,
    /// The compiled theme.
    pub theme: Theme,
    /// Articles, sections and assets.
    pub content: Content,
    /// Resized photos.
    pub photos: Photos,
    /// Where pages rendered are counted.
    progress: Arc<Progress>,
}

impl Site {
    /// Loads everything, reporting the problems of the theme and of every content file together.
    #[cfg(test)]
    pub fn load(root: &Path, options: &SiteOptions) -> Result<Site> {
        let surveyed = Site::survey(root, options)?;
        if options.process_images {
            // An unreadable static/ is reported when its files are copied.
            surveyed.expect_photos(&static_files(root).unwrap_or_default());
        }
        surveyed.finish(|_, _| Ok(()))
    }

    /// The first half of a load: settings, theme, and every article's front matter (so URLs and
    /// sections are known), with no body parsed yet. (`build`, `check` and `serve` survey
    /// every language of a site: `editions::survey_every_language`.)
    #[cfg(test)]
    pub fn survey(root: &Path, options: &SiteOptions) -> Result<Surveyed> {
        check_root(root)?;
        let config = SiteConfig::load(root, options.base_url.as_deref())?;
        Site::survey_with(root, options, config)
    }

    /// [`Site::survey`] with the settings read: those of one language's edition of a
    /// multilingual site (issue #21), or of the whole site.
    pub fn survey_with(root: &Path, options: &SiteOptions, config: SiteConfig) -> Result<Surveyed> {
        let load_options = LoadOptions {
            include_drafts: options.include_drafts,
            include_future: options.include_future,
            now: options.now,
        };
        let settings = photos::settings(root, &config, options.process_images);
        // The photo index (a line per photo of the site) is read while the front matter is.
        let ((theme, mut survey), photos) = rayon::join(
            || {
                rayon::join(
                    || Theme::load(root, DateStyle::of(&config)),
                    || content::survey(root, load_options, &config),
                )
            },
            || Photos::new(settings, Arc::clone(&options.progress)),
        );
        let (book, mut book_errors) = crate::authors::AuthorBook::load(root);
        // The translation tables' mistakes are reported with everything else (issue #21).
        book_errors.extend(
            config
                .translation_errors
                .iter()
                .map(|(at, message)| Error::content(at.clone(), message.clone())),
        );
        let (authors, clashes) =
            crate::authors::Authors::new(book, survey.author_facts(&config.authors));
        survey.set_authors(authors, book_errors, clashes);
        refuse_generated_pages(&config, &theme, &mut survey);
        Ok(Surveyed {
            root: root.to_path_buf(),
            photos,
            progress: Arc::clone(&options.progress),
            config,
            theme,
            survey,
        })
    }
    /// Problems that do not stop a build.
    pub fn warnings(&self) -> Vec<Warning> {
        let mut warnings = self.content.warnings.clone();
        warnings.extend_from_slice(&self.content.untranslated);
        warnings.extend(self.photos.warnings());
        warnings.extend_from_slice(self.content.authors.byline_warnings());
        warnings.extend_from_slice(&self.config.translation_warnings);
        if !self.config.base_url_is_set {
            warnings.push(Warning::new(
                Location::file(CONFIG_FILE),
                format!(
                    "no `base_url` set: canonical, feed and sitemap URLs use {}; set `base_url:` (or pass --base-url) before publishing",
                    crate::config::DEFAULT_BASE_URL
                ),
            ));
        }
        warnings
    }

    /// Renders every output in parallel and passes each to `sink`, going on past pages that
    /// fail (`check` and `serve`): what rendered, what failed and why.
    pub fn render_past_errors<F>(&self, renderer: &Renderer<'_>, sink: F) -> Rendering
    where
        F: Fn(Rendered) -> Result<()> + Sync,
    {
        render_jobs_past_errors(renderer, renderer.jobs(), &self.progress, sink)
    }

    /// Files to copy: `static/` to the root and non-Markdown files of `content/` beside their
    /// articles, as (source, output path).
    pub fn files_to_copy(&self) -> Result<Vec<(PathBuf, String)>> {
        let mut files = self.content_files_to_copy();
        files.extend(static_files(&self.root)?);
        Ok(files)
    }

    /// The files under `content/` that are not linked while the articles are parsed (see
    /// [`Surveyed::content_files_known_early`]): originals photo processing could have replaced
    /// but did not, and the resized copies.
    fn content_files_linked_late(&self) -> Vec<(PathBuf, String)> {
        self.content_files(|source| {
            self.photos.may_replace(source) && !self.photos.replaces(source)
        })
    }

    /// The part of [`Site::files_to_copy`] under `content/`: files beside the articles that no
    /// resized copies replace, and the resized copies themselves.
    fn content_files_to_copy(&self) -> Vec<(PathBuf, String)> {
        self.content_files(|source| !self.photos.replaces(source))
    }

    /// The files beside the articles that `keep` accepts, then the resized copies, as (source,
    /// output path).
    fn content_files(&self, keep: impl Fn(&Path) -> bool) -> Vec<(PathBuf, String)> {
        let mut files: Vec<(PathBuf, String)> = self
            .content
            .assets
            .iter()
            .filter(|a| keep(&a.source))
            .map(|a| (a.source.clone(), a.output.clone()))
            .collect();
        files.extend(self.photos.files_to_copy());
        files
    }
}

/// Refuses a `--root` that is not a site before anything reads or writes under it: a missing
/// folder (a build used to create it, output and cache included), a file, or a folder with
/// neither `content/` nor `site.yaml` (a build there "succeeded" with 0 articles). The message
/// names the folder as the user gave it and says how to start a site (issue #16).
pub fn check_root(root: &Path) -> Result<()> {
    const WHERE: &str =
        "run stakes in your site's folder (the one with content/ and site.yaml) or pass it with --root";
    let init = |dir: &Path| format!("`stakes init {}`", crate::scaffold::shell_word(dir));
    let problem = match std::fs::metadata(root) {
        Err(_) => format!(
            "no such folder: {WHERE}; to start a new site there, run {}",
            init(root)
        ),
        Ok(meta) if !meta.is_dir() => format!("is not a folder: {WHERE}"),
        Ok(_) if is_site(root) => return Ok(()),
        Ok(_) => {
            let empty = std::fs::read_dir(root).is_ok_and(|mut entries| entries.next().is_none());
            let start = if empty {
                init(root)
            } else {
                init(Path::new("DIR"))
            };
            format!(
                "is not a stakes site (it has no content/ folder and no site.yaml): {WHERE}; to start a new site, run {start}"
            )
        }
    };
    Err(Error::content(Location::file(shown_root(root)), problem))
}

/// Whether `root` holds a site: a `content/` folder or a `site.yaml`.
fn is_site(root: &Path) -> bool {
    root.join(CONTENT_DIR).is_dir() || root.join(CONFIG_FILE).is_file()
}

/// The root as the user gave it, except `.` (or nothing), which names no folder in a message:
/// then the current folder's full path.
fn shown_root(root: &Path) -> PathBuf {
    if root.as_os_str().is_empty() || root == Path::new(".") {
        std::env::current_dir().unwrap_or_else(|_| root.to_path_buf())
    } else {
        root.to_path_buf()
    }
}

/// Refuses every article whose page is one the site generates (a listing page, the topic
/// index …), before anything is written and with the other problems of the front matter: the
/// list of generated outputs is known from front matter alone (issue #16).
fn refuse_generated_pages(
    config: &SiteConfig,
    theme: &Result<Theme>,
    survey: &mut content::Survey,
) {
    let keys: Vec<&str> = survey.sections().iter().map(|s| s.key.as_str()).collect();
    let mut sizes = ListingSizes::from_front_matter(&keys, survey.listing_facts(), config.slugs);
    sizes.authors = crate::render::author_sizes(survey.authors());
    sizes.author_pages = survey.authors().enabled();
    // A theme that failed to load reports its own error; its stylesheet is never an
    // article's page anyway.
    let stylesheet = theme.as_ref().map_or("", |t| t.stylesheet_name.as_str());
    let outputs = Outputs::new(config, survey.sections(), sizes, stylesheet);
    let pages: HashMap<String, String> = outputs
        .pages()
        .into_iter()
        .map(|(path, job)| (path, outputs.describe(job)))
        .collect();
    survey.refuse_generated_pages(&|path| pages.get(path).cloned());
}

/// Every file under `static/`, as (source, output path).
fn static_files(root: &Path) -> Result<Vec<(PathBuf, String)>> {
    let mut files = Vec::new();
    let static_dir = root.join(STATIC_DIR);
    if static_dir.is_dir() {
        for entry in WalkDir::new(&static_dir).sort_by_file_name() {
            let entry = entry.map_err(|e| {
                Error::content(Location::file(STATIC_DIR), format!("cannot read: {e}"))
            })?;
            if !entry.file_type().is_file() {
                continue;
            }
            let relative = entry
                .path()
                .strip_prefix(&static_dir)
                .expect("below static");
            let output = content::slash_path(relative);
            files.push((entry.into_path(), output));
        }
    }
    Ok(files)
}

/// What rendering went on past failed pages produced ([`render_jobs_past_errors`]).
#[derive(Debug, Default)]
pub struct Rendering {
    /// The output paths of the pages rendered.
    pub paths: Vec<String>,
    /// The output paths of the pages that failed: they exist in the site, so links to them are
    /// not broken, but they could not be rendered.
    pub failed: Vec<String>,
    /// Why they failed, each distinct template error once.
    pub errors: Vec<Error>,
}

/// Renders `jobs` in parallel, passing each page to `sink` and going on past pages that
/// fail: `check` and `serve` use what rendered and report the rest.
pub(crate) fn render_jobs_past_errors<F>(
    renderer: &Renderer<'_>,
    jobs: Vec<Job>,
    progress: &Progress,
    sink: F,
) -> Rendering
where
    F: Fn(Rendered) -> Result<()> + Sync,
{
    progress.expect_pages(jobs.len());
    let results: Vec<(String, Result<()>)> = jobs
        .into_par_iter()
        .map(|job| {
            let path = renderer.path_of(job);
            let done = renderer.render(job).and_then(&sink);
            progress.page_done();
            (path, done)
        })
        .collect();
    let mut rendering = Rendering::default();
    let mut errors = Vec::new();
    for (path, done) in results {
        match done {
            Ok(()) => rendering.paths.push(path),
            Err(error) => {
                rendering.failed.push(path);
                errors.extend(error.into_list());
            }
        }
    }
    rendering.errors = crate::templates::once_each(errors);
    rendering
}

/// Renders `jobs` in parallel and passes each result to `sink`, counting each in `progress`;
/// returns the output paths. All render errors are collected.
pub(crate) fn render_jobs<F>(
    renderer: &Renderer<'_>,
    jobs: Vec<Job>,
    progress: &Progress,
    sink: F,
) -> Result<Vec<String>>
where
    F: Fn(Rendered) -> Result<()> + Sync,
{
    progress.expect_pages(jobs.len());
    let results: Vec<Result<String>> = jobs
        .into_par_iter()
        .map(|job| {
            let rendered = renderer.render(job)?;
            debug_assert_eq!(renderer.path_of(job), rendered.path);
            let path = rendered.path.clone();
            sink(rendered)?;
            progress.page_done();
            Ok(path)
        })
        .collect();
    // A broken section.html breaks every section page the same way: said once, with the count.
    Error::collect_all(results)
        .map_err(|error| Error::from_list(crate::templates::once_each(error.into_list())))
}
