//! `stakes build`: the one pass that loads, renders and writes a site into a staging folder and
//! commits it whole. It owns the order of the steps and what runs beside what; it must not render
//! (that is `render`), write outside the staging folder (that is `output`) or decide what clashes
//! (that is `clashes`).

use std::path::{Path, PathBuf};
use std::sync::Mutex;
use std::time::Instant;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use crate::config::SiteConfig;
use crate::content::Article;
use crate::error::{Error, Result, Warning};
use crate::layout::{CONTENT_DIR, DEFAULT_OUTPUT_DIR};
use crate::markdown::Body;
use crate::output::{self, Staging};
use crate::progress::Progress;
use crate::render::{Frame, Job, Renderer};
use crate::search::{FragmentBody, FragmentFile, SearchIndex};

use super::clashes::{clashes, late_clashes};
use super::{
    check_root, render_jobs, render_jobs_past_errors, static_files, BuildOptions, BuildSummary,
    LoadOutcome, Site, Surveyed,
};

/// What a finished build still holds: the loaded site, the listings' prepared values and the
/// lists of files. Freeing it is one small deallocation after another (tens of milliseconds
/// for a large archive, on one thread), which a command that exits right away can skip with
/// [`std::mem::forget`].
pub struct Leftovers {
    _site: Site,
    _cache: crate::render::RenderCache,
    _files: Vec<Vec<(PathBuf, String)>>,
    _feed: HashSet<String>,
    /// The other editions' leftovers, in a multilingual build.
    _more: Vec<Leftovers>,
    /// The search cache entries the build used, for a multilingual build's one prune.
    pub(super) search_used: HashSet<String>,
}

impl Leftovers {
    /// The loaded site.
    pub(super) fn site(&self) -> &Site {
        &self._site
    }

    /// Several editions' leftovers as one value, for the command line to forget.
    pub(super) fn several(list: Vec<Leftovers>) -> Leftovers {
        let mut list = list.into_iter();
        let mut first = list.next().expect("a site has at least one language");
        first._more = list.collect();
        first
    }
}

/// A build that failed: every problem, and the warnings it found on the way, which the command
/// line prints too, so one run shows everything (a warning is no less true because another
/// file has an error).
#[derive(Debug)]
pub struct BuildFailure {
    /// Every problem found.
    pub error: Error,
    /// Every warning found before the build stopped.
    pub warnings: Vec<Warning>,
}

impl From<Error> for BuildFailure {
    fn from(error: Error) -> Self {
        BuildFailure {
            error,
            warnings: Vec::new(),
        }
    }
}

/// Builds the site into its output folder, all or nothing, handing back what the build loaded
/// instead of freeing it (the CLI exits without freeing it piece by piece), or on failure the
/// warnings found with the errors. A multilingual site builds each language's edition into
/// the same staging folder, the default at its root and the others under `<tag>/`, and
/// swaps them in together (issue #21).
pub fn build_keeping(
    options: &BuildOptions,
) -> std::result::Result<(BuildSummary, Leftovers), BuildFailure> {
    let started = Instant::now();
    let root = &options.root;
    // Before the output folder is checked or created: nothing is written for a wrong --root.
    check_root(root)?;
    let output = output::check_output_dir(root, &output_dir(options))?;
    let config = SiteConfig::load(root, options.base_url.as_deref())?;
    if config.languages.len() > 1 {
        return super::editions::build_every_language(options, config, &output, started);
    }
    // Checking the old output for files that are not ours walks the whole folder: do it while
    // the front matter is read.
    let (surveyed, staging) = rayon::join(
        || Site::survey_with(root, &options.site_options(), config),
        || Staging::begin(&output, options.force),
    );
    let (surveyed, mut staging) = (surveyed?, staging?);
    staging.link_sources_from(&root.join(CONTENT_DIR));
    let Built { summary, leftovers } = build_edition(surveyed, &staging, options, true)?;
    let summary = finish_output(staging, options.precompress, summary, started)?;
    Ok((summary, leftovers))
}

/// One edition built into the staging folder: its summary (without the compressed count,
/// known once every edition is in) and what it loaded.
pub(super) struct Built {
    pub(super) summary: BuildSummary,
    pub(super) leftovers: Leftovers,
}

/// Builds one edition of the site (the whole site, for a site in one language) into
/// `staging`: every article, listing, feed and copied file, with the search index. With
/// `prune`, deletes the photo and search cache entries it did not use (a multilingual build
/// prunes once, with what every edition used).
pub(super) fn build_edition(
    surveyed: Surveyed,
    staging: &Staging,
    options: &BuildOptions,
    prune: bool,
) -> std::result::Result<Built, BuildFailure> {
    let started = Instant::now();
    let root = surveyed.root.clone();
    let (feed, planned) = rayon::join(
        || surveyed.feed_articles(),
        || plan_copies(&surveyed, &root),
    );
    let CopyPlan {
        statics,
        early,
        pages,
    } = planned?;
    surveyed.expect_photos(&statics);
    options.progress.expect_pages(pages.len());
    let search = surveyed.plan_search();
    let pass = article_pass(
        surveyed,
        staging,
        PassOptions {
            feed: &feed,
            progress: &options.progress,
            pages: &pages,
            search: search.as_ref(),
        },
        early,
    );
    let placeholders = pass.placeholders;
    let (site, early) = match (pass.site, pass.linked) {
        (Err(mut failure), _) => {
            failure.warnings.extend(placeholders);
            return Err(failure);
        }
        (Ok(site), Err(error)) => return Err(failed(error, &site, placeholders)),
        (Ok(site), Ok(early)) => (site, early),
    };
    // The feed's entries were chosen from the same front matter, ordered the same way (a file
    // edited during the build is an error), so their bodies are the ones kept.
    debug_assert!(site
        .content
        .articles
        .iter()
        .filter(|a| a.in_feed())
        .take(site.config.feed_limit)
        .all(|a| feed.contains(&a.content_path)));
    let renderer = match Renderer::new(&site.config, &site.content, &site.theme) {
        Ok(renderer) => renderer,
        Err(error) => return Err(failed(error, &site, placeholders)),
    };
    let late = late_files(&site, statics, &early);
    let mut pruned_search = None;
    // With `search: false` no article is used, so a prune deletes every kept one (a site that
    // turned search off keeps no index it will not write).
    let search_used = search.as_ref().map(SearchIndex::used).unwrap_or_default();
    if prune && options.prune_cache {
        let kept = site.root.join(&site.config.images.cache_dir);
        match crate::search::prune_kept(&site.config, &site.root, &search_used) {
            Ok(pruned) => pruned_search = Some(pruned),
            Err(error) => return Err(failed(Error::io(kept, error), &site, placeholders)),
        }
    }
    if let Some(search) = search {
        let written = write_all(staging, search.finish());
        if let Err(error) = written {
            return Err(failed(error, &site, placeholders));
        }
    }
    let written = write_listings_and_late_files(&site, &renderer, staging, options, &early, &late);
    if let Err(error) = written {
        return Err(failed(error, &site, placeholders));
    }
    let mut summary = summarise(&site, &renderer, started);
    summary.warnings.extend(placeholders);
    if prune && options.prune_cache {
        let cache = site.root.join(&site.config.images.cache_dir);
        match site.photos.prune_cache(&HashSet::default()) {
            Ok(pruned) => summary.pruned = Some(pruned),
            Err(error) => return Err(failed(Error::io(cache, error), &site, Vec::new())),
        }
        summary.pruned_search = pruned_search;
    }
    let leftovers = Leftovers {
        _cache: renderer.into_cache(),
        _site: site,
        _files: vec![early, late],
        _feed: feed,
        _more: Vec::new(),
        search_used,
    };
    Ok(Built { summary, leftovers })
}

/// The output folder asked for, or `<root>/public`.
pub(super) fn output_dir(options: &BuildOptions) -> PathBuf {
    options
        .output
        .clone()
        .unwrap_or_else(|| options.root.join(DEFAULT_OUTPUT_DIR))
}

/// The files a build copies, as known from front matter alone.
struct CopyPlan {
    /// Every file of `static/` (walked once, for the early links and the clash check).
    statics: Vec<(PathBuf, String)>,
    /// The files that can be linked while the articles are parsed: `static/` and the files of
    /// `content/` no photo can replace.
    early: Vec<(PathBuf, String)>,
    /// The output path of every article's page.
    pages: Vec<String>,
}

/// Lists the files to copy before any body is read.
fn plan_copies(surveyed: &Surveyed, root: &Path) -> Result<CopyPlan> {
    let statics = static_files(root)?;
    let mut early = surveyed.content_files_known_early();
    early.extend(statics.iter().cloned());
    let pages: Vec<String> = surveyed.survey.page_paths().collect();
    Ok(CopyPlan {
        statics,
        early,
        pages,
    })
}

/// What the article pass produced: the site, the files linked beside it, and the placeholder
/// text from `stakes new` it found (published, with a warning; `check` refuses it).
struct ArticlePass {
    site: std::result::Result<Site, BuildFailure>,
    linked: Result<Vec<(PathBuf, String)>>,
    placeholders: Vec<Warning>,
}

/// What the article pass reads besides the site: the feed's articles (whose bodies are kept),
/// the progress counters, every page's path (for the clash check) and the search index.
struct PassOptions<'p> {
    feed: &'p HashSet<String>,
    progress: &'p Progress,
    pages: &'p [String],
    search: Option<&'p crate::search::SearchIndex>,
}

/// Parses every body and writes each article's page as soon as it is parsed, dropping the
/// body (except for the feed's entries): memory holds what listings need, not the site.
/// Static files and content files no photo can replace are linked in meanwhile (linking is
/// kernel work, parsing is CPU work), unless one would land on an article's page: then nothing
/// is linked early, and the full check afterwards names them all.
fn article_pass(
    surveyed: Surveyed,
    staging: &Staging,
    options: PassOptions<'_>,
    early: Vec<(PathBuf, String)>,
) -> ArticlePass {
    let PassOptions {
        feed,
        progress,
        pages,
        search,
    } = options;
    let root = surveyed.root.clone();
    let placeholders = Mutex::new(Vec::new());
    let write_page = |frame: &Frame<'_>, article: &mut Article| -> Result<()> {
        let found = crate::scaffold::placeholders(&root, article);
        if !found.is_empty() {
            placeholders
                .lock()
                .expect("no panics while holding the lock")
                .extend(found);
        }
        let page = frame.render_article(article)?;
        staging.write(&page.path, &page.bytes)?;
        if let Some(search) = search {
            put_fragment(staging, search, frame.config(), article)?;
        }
        progress.page_done();
        if !feed.contains(&article.content_path) {
            article.body = Body::default();
        }
        Ok(())
    };
    let (site, linked) = rayon::join(
        || {
            let outcome = surveyed.load_all(write_page, false);
            match outcome.site {
                Ok(site) if outcome.errors.is_empty() => Ok(site),
                _ => Err(failed_pass(outcome)),
            }
        },
        // The clash check runs here too, beside the article pass rather than before it.
        || -> Result<Vec<(PathBuf, String)>> {
            if !clashes(&root, pages, &early).is_empty() {
                return Ok(Vec::new());
            }
            copy_all(staging, &early)?;
            Ok(early)
        },
    );
    let mut placeholders = placeholders
        .into_inner()
        .expect("no panics while holding the lock");
    placeholders.sort();
    ArticlePass {
        site,
        linked,
        placeholders,
    }
}

/// Puts an article's search fragment into the site: written when prepared in this build,
/// linked from the cache when kept, and prepared again if the kept file has gone.
fn put_fragment(
    staging: &Staging,
    search: &SearchIndex,
    config: &SiteConfig,
    article: &Article,
) -> Result<()> {
    let Some(FragmentFile { path, body }) = search.add(config, article) else {
        return Ok(());
    };
    let bytes = match body {
        FragmentBody::Bytes(bytes) => bytes,
        FragmentBody::Kept(file) => {
            if staging.link_kept(&file, &path)? {
                return Ok(());
            }
            let Some(bytes) = search.fragment_again(config, article) else {
                return Ok(());
            };
            bytes
        }
    };
    staging.write(&path, &bytes)
}

/// A build that failed once `site` was loaded: `error` with every warning found.
fn failed(error: Error, site: &Site, placeholders: Vec<Warning>) -> BuildFailure {
    let mut warnings = site.warnings();
    warnings.extend(placeholders);
    BuildFailure { error, warnings }
}

/// The failure of an article pass that found problems: every one of them, plus those of the
/// other kinds of page (listings, feed, 404 …) rendered from the articles that built, so a
/// broken `404.html` is reported in the same run as a broken `article.html`. Each distinct
/// template error is reported once, with the number of pages it broke. Only on this error
/// path: the listings are rendered to find their problems and dropped.
fn failed_pass(outcome: LoadOutcome) -> BuildFailure {
    let warnings = match &outcome.site {
        Ok(site) => site.warnings(),
        Err(_) => outcome.warnings,
    };
    let mut errors = outcome.errors;
    if let Ok(site) = &outcome.site {
        let more = match Renderer::new(&site.config, &site.content, &site.theme) {
            Ok(renderer) => {
                let jobs = renderer.site_jobs();
                render_jobs_past_errors(&renderer, jobs, &Progress::default(), |_| Ok(())).errors
            }
            Err(error) => error.into_list(),
        };
        // An article naming a missing template was already reported by its own page.
        let known: HashSet<String> = errors.iter().map(ToString::to_string).collect();
        errors.extend(more.into_iter().filter(|e| !known.contains(&e.to_string())));
    }
    BuildFailure {
        error: Error::from_list(crate::templates::once_each(errors)),
        warnings,
    }
}

/// The files left to copy once the articles are written: all of them when none was linked
/// early, else those photo processing could have replaced but did not, and the resized copies.
fn late_files(
    site: &Site,
    statics: Vec<(PathBuf, String)>,
    early: &[(PathBuf, String)],
) -> Vec<(PathBuf, String)> {
    if early.is_empty() {
        let mut all = site.content_files_to_copy();
        all.extend(statics);
        all
    } else {
        site.content_files_linked_late()
    }
}

/// Checks the late files for clashes, then renders the listings while linking them: linking is
/// kernel work on one folder at a time, rendering is CPU work, so doing both at once keeps the
/// cores busy. No path is claimed twice (checked first), and both only ever create new files.
/// Returns how many files the build wrote in all.
fn write_listings_and_late_files(
    site: &Site,
    renderer: &Renderer<'_>,
    staging: &Staging,
    options: &BuildOptions,
    early: &[(PathBuf, String)],
    late: &[(PathBuf, String)],
) -> Result<()> {
    let jobs: Vec<Job> = renderer.site_jobs();
    let listing_paths: Vec<String> = jobs.iter().map(|&job| renderer.path_of(job)).collect();
    let clashes = late_clashes(site, renderer, (&jobs, &listing_paths), early, late);
    if !clashes.is_empty() {
        return Err(Error::from_list(clashes));
    }
    let (listings, copied) = rayon::join(
        || {
            render_jobs(renderer, jobs, &options.progress, |page| {
                staging.write(&page.path, &page.bytes)
            })
        },
        || copy_all(staging, late),
    );
    listings?;
    copied?;
    Ok(())
}

/// Compresses the staged text files if asked, then puts the staging folder in the output's
/// place; the summary gets the compressed files' count and the build's whole time. On
/// failure, the summary's warnings are kept with the error.
pub(super) fn finish_output(
    staging: Staging,
    precompress: bool,
    mut summary: BuildSummary,
    started: Instant,
) -> std::result::Result<BuildSummary, BuildFailure> {
    let compressed = if precompress {
        staging.precompress().map(Some)
    } else {
        Ok(None)
    };
    match compressed.and_then(|compressed| staging.commit().map(|()| compressed)) {
        Ok(compressed) => summary.compressed = compressed,
        Err(error) => {
            return Err(BuildFailure {
                error,
                warnings: summary.warnings,
            })
        }
    }
    summary.elapsed = started.elapsed();
    Ok(summary)
}

/// Writes generated files into the staging folder in parallel, reporting every failure.
fn write_all(staging: &Staging, files: Vec<(String, Vec<u8>)>) -> Result<()> {
    let results: Vec<Result<()>> = files
        .par_iter()
        .map(|(path, bytes)| staging.write(path, bytes))
        .collect();
    Error::collect_all(results).map(|_| ())
}

/// Copies (links) files into the staging folder in parallel, reporting every failure.
fn copy_all(staging: &Staging, files: &[(PathBuf, String)]) -> Result<()> {
    let results: Vec<Result<()>> = files
        .par_iter()
        .map(|(source, path)| staging.copy(source, path))
        .collect();
    Error::collect_all(results).map(|_| ())
}

/// The one-line summary's numbers.
fn summarise(site: &Site, renderer: &Renderer<'_>, started: Instant) -> BuildSummary {
    let pages = site.content.articles.iter().filter(|a| a.is_page()).count();
    BuildSummary {
        articles: site.content.articles.len() - pages,
        pages,
        sections: site.content.sections.len(),
        tags: renderer.tags().len(),
        authors: site.content.authors.list.len(),
        photos: site.photos.count(),
        photos_processed: site.photos.processed(),
        photos_cached: site.photos.cached(),
        pruned: None,
        pruned_search: None,
        compressed: None,
        warnings: site.warnings(),
        elapsed: started.elapsed(),
        scheduled: site.content.scheduled.clone(),
        removed: site.content.removed.clone(),
        languages: Vec::new(),
    }
}
