//! A multilingual site (issue #21): each language's edition surveyed with its own settings,
//! the translation groups found from every edition's front matter before any page is
//! rendered, and each edition built into its folder of one staging output (the default
//! language at the root, the others under `<tag>/`), swapped in together. It owns the order
//! of those steps and how the editions' reports are joined; it must not render or write
//! files itself.

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use rustc_hash::FxHashSet as HashSet;

use crate::config::{Edition, Editions, SiteConfig};
use crate::error::{Error, Warning};
use crate::layout::CONTENT_DIR;
use crate::output::Staging;

use super::build::{build_edition, finish_output, BuildFailure, Built, Leftovers};
use super::{BuildOptions, BuildSummary, LoadOutcome, Site, SiteOptions, Surveyed};

/// Surveys every language of the site whose settings are `config` (one, for a site in one
/// language), each edition knowing every other's pages.
pub fn survey_every_language(
    root: &Path,
    options: &SiteOptions,
    config: &SiteConfig,
) -> crate::error::Result<Vec<Surveyed>> {
    let mut surveyed = Vec::new();
    for config in config.every_language(root) {
        surveyed.push(Site::survey_with(root, options, config)?);
    }
    if surveyed.len() > 1 {
        let editions = Arc::new(editions_of(&surveyed));
        for edition in &mut surveyed {
            edition.config.editions = Arc::clone(&editions);
        }
        let (default, others) = surveyed.split_at_mut(1);
        for edition in others {
            let tag = edition.config.language.clone();
            edition
                .survey
                .note_untranslated(&default[0].survey, root, &tag);
        }
    }
    Ok(surveyed)
}

/// Loads what can be loaded of every language (`check` and `serve`), each edition's outcome
/// in the order of `languages:`.
pub fn load_every_language(
    root: &Path,
    options: &SiteOptions,
) -> crate::error::Result<Vec<LoadOutcome>> {
    super::check_root(root)?;
    let config = SiteConfig::load(root, options.base_url.as_deref())?;
    let surveyed = survey_every_language(root, options, &config)?;
    // `static/` is walked once for every edition (an unreadable one is reported when copied).
    let statics = if options.process_images {
        super::static_files(root).unwrap_or_default()
    } else {
        Vec::new()
    };
    Ok(surveyed
        .into_iter()
        .map(|edition| {
            if options.process_images {
                edition.expect_photos(&statics);
            }
            edition.load_all(|_, _| Ok(()), true)
        })
        .collect())
}

/// The translation groups of the surveyed editions: each article by its content path
/// without the language (`world/summit.md`), each section by its key, and the home page, the
/// topic index, the author index and the search page by their paths, and each author's page
/// by the author.
fn editions_of(surveyed: &[Surveyed]) -> Editions {
    let editions = surveyed
        .iter()
        .map(|s| Edition {
            tag: s.config.language.clone(),
            name: s.config.languages[s.config.language_index].name.clone(),
            base_url: s.config.base_url.clone(),
            locale: crate::locale::og_locale(&s.config.language),
            news_sitemap: s.config.news_sitemap
                && s.survey.has_news(jiff::SignedDuration::from_secs(
                    crate::render::NEWS_WINDOW_SECONDS,
                )),
        })
        .collect();
    let pages = surveyed
        .iter()
        .map(|s| {
            let mut pages: Vec<(String, String)> = s
                .survey
                .page_keys()
                .map(|(key, path)| (key.to_string(), path.to_string()))
                .collect();
            pages.extend(s.survey.sections().iter().map(|section| {
                (
                    format!("section:{}", section.key),
                    crate::render::section_path(&section.key),
                )
            }));
            // An author's page is the same person's in every language.
            pages.extend(s.survey.authors().list.iter().map(|author| {
                (
                    format!("author:{}", author.slug),
                    crate::authors::author_path(&author.slug),
                )
            }));
            let mut fixed = vec![String::new(), "tags/".to_string()];
            if s.survey.authors().enabled() {
                fixed.push("authors/".to_string());
            }
            if s.config.search {
                fixed.push(format!("{}/", crate::search::SEARCH_DIR));
            }
            pages.extend(fixed.into_iter().map(|path| (format!("page:{path}"), path)));
            pages
        })
        .collect();
    Editions::new(editions, pages)
}

/// Builds every language's edition into one staging folder and swaps it in: all or nothing,
/// every edition's problems reported together.
pub(super) fn build_every_language(
    options: &BuildOptions,
    config: SiteConfig,
    output: &Path,
    started: Instant,
) -> std::result::Result<(BuildSummary, Leftovers), BuildFailure> {
    let root = &options.root;
    let site_options = options.site_options();
    let (surveyed, staging) = rayon::join(
        || survey_every_language(root, &site_options, &config),
        || Staging::begin(output, options.force),
    );
    let (surveyed, mut staging) = (surveyed?, staging?);
    staging.link_sources_from(&root.join(CONTENT_DIR));
    let mut built: Vec<Built> = Vec::new();
    let mut errors: Vec<Error> = Vec::new();
    let mut warnings: Vec<Warning> = Vec::new();
    for edition in surveyed {
        staging.write_into(&edition.config.output_folder());
        match build_edition(edition, &staging, options, false) {
            Ok(done) => {
                warnings.extend(done.summary.warnings.iter().cloned());
                built.push(done);
            }
            // Built on: every language's problems are reported in one run.
            Err(failure) => {
                errors.extend(failure.error.into_list());
                warnings.extend(failure.warnings);
            }
        }
    }
    staging.write_into("");
    let warnings = once_each_warning(warnings);
    if !errors.is_empty() {
        let mut errors = crate::templates::once_each(once_each_error(errors));
        errors.sort_by_cached_key(Error::sort_key);
        return Err(BuildFailure {
            error: Error::from_list(errors),
            warnings,
        });
    }
    let mut summary = joined_summary(&built, warnings);
    if options.prune_cache {
        prune_every_edition(&built, &mut summary).map_err(|error| BuildFailure {
            error,
            warnings: summary.warnings.clone(),
        })?;
    }
    let summary = finish_output(staging, options.precompress, summary, started)?;
    let leftovers = Leftovers::several(built.into_iter().map(|b| b.leftovers).collect());
    Ok((summary, leftovers))
}

/// Deletes the photo and search cache entries no edition used.
fn prune_every_edition(built: &[Built], summary: &mut BuildSummary) -> crate::error::Result<()> {
    let mut photos: HashSet<String> = HashSet::default();
    let mut search: HashSet<String> = HashSet::default();
    for edition in built {
        photos.extend(edition.leftovers.site().photos.used_keys());
        search.extend(edition.leftovers.search_used.iter().cloned());
    }
    let site = built[0].leftovers.site();
    let cache = site.root.join(&site.config.images.cache_dir);
    summary.pruned = Some(
        site.photos
            .prune_cache(&photos)
            .map_err(|e| Error::io(&cache, e))?,
    );
    // Also with `search: false`: what no edition used goes, which is then every entry.
    summary.pruned_search = Some(
        crate::search::prune_kept(&site.config, &site.root, &search)
            .map_err(|e| Error::io(&cache, e))?,
    );
    Ok(())
}

/// The editions' summaries as one: counts added up, each language's article count kept.
fn joined_summary(built: &[Built], warnings: Vec<Warning>) -> BuildSummary {
    let mut list = built.iter().map(|b| &b.summary);
    let first = list.next().expect("a site has at least one language");
    let mut summary = BuildSummary {
        articles: first.articles,
        pages: first.pages,
        sections: first.sections,
        tags: first.tags,
        authors: first.authors,
        warnings,
        photos: first.photos,
        photos_processed: first.photos_processed,
        photos_cached: first.photos_cached,
        compressed: None,
        pruned: None,
        pruned_search: None,
        elapsed: first.elapsed,
        scheduled: first.scheduled.clone(),
        removed: first.removed.clone(),
        languages: vec![(first_tag(built, 0), first.articles)],
    };
    for (index, other) in list.enumerate() {
        summary.articles += other.articles;
        summary.pages += other.pages;
        summary.sections += other.sections;
        summary.tags += other.tags;
        summary.authors = summary.authors.max(other.authors);
        summary.photos += other.photos;
        summary.photos_processed += other.photos_processed;
        summary.photos_cached += other.photos_cached;
        summary.scheduled.extend(other.scheduled.iter().cloned());
        summary.removed.extend(other.removed.iter().cloned());
        summary
            .languages
            .push((first_tag(built, index + 1), other.articles));
    }
    summary
}

fn first_tag(built: &[Built], index: usize) -> String {
    built[index].leftovers.site().config.language.clone()
}

/// Each warning once: the settings' and the theme's are found by every edition.
pub(crate) fn once_each_warning(warnings: Vec<Warning>) -> Vec<Warning> {
    let mut seen = HashSet::default();
    let mut kept: Vec<Warning> = warnings
        .into_iter()
        .filter(|w| seen.insert(w.to_string()))
        .collect();
    kept.sort();
    kept
}

/// Each error once: a mistake in `site.yaml`, `i18n/` or `static/` is found by every edition.
pub(crate) fn once_each_error(errors: Vec<Error>) -> Vec<Error> {
    let mut seen = HashSet::default();
    errors
        .into_iter()
        .filter(|e| seen.insert(e.to_string()))
        .collect()
}
