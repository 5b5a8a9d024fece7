//! Loading: the two passes over the files discovery finds. The survey reads every article's
//! front matter (so URLs, sections and link targets are known first); [`Survey::finish`] then
//! parses every body in parallel and builds the articles, keeping those that built when
//! others have errors. It must not walk folders itself ([`super::discovery`]), read one file's
//! front matter ([`super::draft`]), read bytes by hand ([`super::io`]) or resolve links
//! ([`super::links`]).

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use super::article::Rejected;
use super::discovery::discover;
use super::draft::{draft_body, read_draft, survey_draft, Draft, Unread};
use super::io::OpenHandles;
use super::links::{ArticleResolver, LinkIndex};
use super::order::sort_newest_first;
use super::paths::{article_path, duplicate_path_errors};
use super::related_cards::{CardContext, RelatedPlan};
use super::schedule::{self, Left};
use super::sections::load_sections;
use super::{
    article, parent_of, Article, Asset, AttachPhotos, Content, LoadOptions, Section, SourceFile,
};
use crate::config::{ExpiredArticles, SiteConfig};
use crate::error::{Error, Result, Warning};
use crate::layout::CONTENT_DIR;

/// The first pass of a load: every file found and its front matter read, so URLs, sections and
/// link targets are known before any body is parsed. A build renders each article as soon as
/// its body is parsed ([`Survey::finish`]), which needs the sections first.
pub struct Survey {
    // Boxed on purpose: the survey's lists move pointers, not ~700-byte drafts (see `survey`).
    #[allow(clippy::vec_box)]
    pub(super) drafts: Vec<Box<Draft>>,
    pub(super) sections: Vec<Section>,
    pub(super) assets: Vec<SourceFile>,
    /// Problems of one file each: that file is left out, the rest of the site can render.
    pub(super) errors: Vec<Error>,
    /// Problems of the whole site (two files claiming one URL, a file on a generated page):
    /// no page can be rendered safely until they are fixed.
    pub(super) blocking: Vec<Error>,
    /// Files whose front matter could not be read: they exist, so links to them are not
    /// broken, but their own errors leave them out.
    pub(super) unread: Vec<SourceFile>,
    pub(super) warnings: Vec<Warning>,
    pub(super) scheduled: Vec<super::Scheduled>,
    pub(super) removed: Vec<super::Scheduled>,
    pub(super) now: jiff::Timestamp,
    /// The authors with pages, known from front matter ([`Survey::set_authors`]).
    pub(super) authors: crate::authors::Authors,
    /// What a translation left in the original's words (issue #21): warnings for a build,
    /// errors for `stakes check`.
    pub(super) untranslated: Vec<Warning>,
}

/// What the body pass made of a survey: the articles that built, every problem found, and the
/// pages left out because of their own errors. A build uses it only when `errors` is empty;
/// `check` and `serve` go on with the rest of the site.
pub struct Loaded {
    /// The articles that built (their pages may still fail to render), sections and assets.
    pub content: Content,
    /// Every problem, sorted by file and line.
    pub errors: Vec<Error>,
    /// The site paths (`world/summit/`) of articles left out by their own errors; for a file
    /// whose front matter could not be read, the path its file name gives.
    pub left_out: Vec<String>,
}

/// What listings need to know of one article from its front matter, before any body is read
/// (the generated-URL clash check counts listing pages from these).
pub struct ListingFacts<'a> {
    /// A plain page (`template: page.html`): in the sitemap, in no listing.
    pub page: bool,
    /// A draft (built with `--drafts`): listed, but not in the sitemap.
    pub draft: bool,
    /// Its section key (`world/europe`), if any.
    pub section: Option<&'a str>,
    /// Its tags as written.
    pub tags: &'a [String],
}

/// Finds every file under `content/` and reads its front matter, in parallel. Problems are kept
/// for [`Survey::finish`], which reports them with those of the bodies.
pub fn survey(root: &Path, options: LoadOptions, config: &SiteConfig) -> Survey {
    let ignore = &config.ignore;
    let reading = super::draft::Reading::of(config);
    // The clock is read once: every article is published (or not) as of the same moment.
    let now = options.moment();
    let options = LoadOptions {
        now: Some(now),
        ..options
    };
    // Front matter is read as the walk finds files, on whichever thread is free.
    let read = std::sync::Mutex::new(Vec::new());
    // Bundles of drafts left out: their photos must not be published before the article is.
    let unpublished = std::sync::Mutex::new(Vec::new());
    let handles = OpenHandles::for_this_process();
    // Articles are opened by their path inside content/ (see `folder`); by their full path
    // if the folder cannot be opened, so the error names the file.
    let folder = crate::folder::Folder::open(&root.join(CONTENT_DIR)).ok();
    let languages = (config.languages.len() > 1)
        .then(|| crate::config::LanguageFiles::new(&config.languages, config.language_index));
    let discovered = rayon::scope(|scope| {
        let (read, handles, folder) = (&read, &handles, folder.as_ref());
        let unpublished = &unpublished;
        discover(root, ignore, languages.as_ref(), &|batch: Vec<
            SourceFile,
        >| {
            scope.spawn(move |_| {
                // Each draft is boxed where it is read: the lists below then hold and move
                // pointers, not ~700-byte drafts (growing a list of those on one thread
                // touched tens of megabytes of fresh memory on a large site).
                let drafts: Vec<Read> = batch
                    .into_iter()
                    .map(|file| survey_draft(file, folder, handles, reading).map(Box::new))
                    .filter(|draft| match draft {
                        Ok(draft) if draft.front.draft && !options.include_drafts => {
                            if let Some(bundle) = schedule::bundle_folder(&draft.file.content_path)
                            {
                                unpublished
                                    .lock()
                                    .expect("no panics while holding the lock")
                                    .push(bundle);
                            }
                            false
                        }
                        _ => true,
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
    let Sorted {
        mut loaded,
        held,
        unread,
        scheduled,
        removed,
    } = sort_by_timing(batches, &options, config, &mut errors, &mut warnings);
    let mut assets = discovered.assets;
    if config.language_index > 0 {
        keep_own_assets(&mut assets, &loaded, &discovered.section_indexes);
    }
    schedule::withhold_folders(
        &mut assets,
        &unpublished
            .into_inner()
            .expect("no panics while holding the lock"),
    );
    schedule::withhold_bundle_files(&mut assets, &scheduled);
    schedule::withhold_bundle_files(&mut assets, &removed);
    // Found in parallel: ordered by content path (unique) so builds are the same on every run.
    loaded.par_sort_unstable_by(|a, b| a.file.content_path.cmp(&b.file.content_path));

    // A scheduled article claiming a live one's URL blocks the site now, not the rebuild
    // that was to publish it.
    let claimed = loaded.iter().chain(&held);
    let blocking = duplicate_path_errors(
        claimed.map(|d| (d.path.as_str(), d.file.shown.as_path())),
        &config.output_folder(),
    );
    drop(held);
    let sections = load_sections(
        &discovered.section_indexes,
        loaded.iter().filter_map(|d| d.section.as_deref()),
        config.slugs,
        &mut errors,
        &mut warnings,
    );
    Survey {
        drafts: loaded,
        sections,
        assets,
        errors,
        blocking,
        unread,
        warnings,
        scheduled,
        removed,
        now,
        authors: crate::authors::Authors::default(),
        untranslated: Vec::new(),
    }
}

/// Keeps, for a language other than the default (issue #21), only the files beside its own
/// articles and section pages: its edition is a site of its own under `/<tag>/`, and needs
/// the photos its translations show, not every file of the site.
fn keep_own_assets(assets: &mut Vec<SourceFile>, drafts: &[Box<Draft>], indexes: &[SourceFile]) {
    let folder = |content_path: &str| -> String {
        content_path
            .rsplit_once('/')
            .map_or(String::new(), |(dir, _)| dir.to_string())
    };
    let own: HashSet<String> = drafts
        .iter()
        .map(|d| folder(&d.file.content_path))
        .chain(indexes.iter().map(|f| folder(&f.content_path)))
        .collect();
    // A bundle's files may sit in folders of their own (`summit/maps/a.jpg`).
    let bundles: Vec<String> = drafts
        .iter()
        .filter(|d| d.file.content_path.ends_with("/index.md"))
        .map(|d| format!("{}/", folder(&d.file.content_path)))
        .collect();
    assets.retain(|asset| {
        own.contains(&folder(&asset.content_path))
            || bundles.iter().any(|b| asset.content_path.starts_with(b))
    });
}

/// What the survey read of one file: its draft, or why it could not be read.
type Read = std::result::Result<Box<Draft>, Box<Unread>>;

/// The drafts of a survey sorted by where they stand at the build's moment (issue #18).
// Boxed on purpose, as in `Survey`: the lists move pointers, not ~700-byte drafts.
#[allow(clippy::vec_box)]
struct Sorted {
    /// Built: live, scheduled with `--future`, or archived.
    loaded: Vec<Box<Draft>>,
    /// Scheduled and left out, but still claiming their URLs: a clash with a live article
    /// must fail now, not the rebuild that was to publish them.
    held: Vec<Box<Draft>>,
    /// Files whose front matter could not be read (their errors are in `errors`).
    unread: Vec<SourceFile>,
    /// The scheduled ones' lines for the summary, soonest first.
    scheduled: Vec<super::Scheduled>,
    /// The expired ones removed (`expired: remove`).
    removed: Vec<super::Scheduled>,
}

/// Sorts the survey's drafts by [`schedule::timing`], moving their warnings and the read
/// errors out. The front matter errors of an article a build leaves out by its timing are
/// reported all the same: a scheduled article with an unknown key must fail now, not the
/// rebuild that was to publish it.
fn sort_by_timing(
    batches: Vec<Vec<Read>>,
    options: &LoadOptions,
    config: &SiteConfig,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Sorted {
    let zone = &config.timezone;
    let now = options.moment();
    let remove_expired = config.expired == ExpiredArticles::Remove;
    let mut sorted = Sorted {
        loaded: Vec::with_capacity(batches.iter().map(Vec::len).sum()),
        held: Vec::new(),
        unread: Vec::new(),
        scheduled: Vec::new(),
        removed: Vec::new(),
    };
    for read in batches.into_iter().flatten() {
        let mut draft = match read {
            Ok(draft) => draft,
            Err(failed) => {
                let Unread {
                    error,
                    file,
                    warnings: mut found,
                } = *failed;
                errors.extend(error.into_list());
                warnings.append(&mut found);
                sorted.unread.push(file);
                continue;
            }
        };
        warnings.append(&mut draft.warnings);
        let timing = schedule::timing(draft.release, draft.expires, now, options, remove_expired);
        if timing.is_err() && draft.expires.is_some() {
            // A built article reports this with its other dates; one left out must too.
            errors.extend(super::dates::never_shown_error(
                &draft.front,
                &draft.file.shown,
                &draft.yaml,
                zone,
            ));
        }
        match timing {
            Ok(timing) => {
                draft.timing = timing;
                sorted.loaded.push(draft);
            }
            Err(Left::Scheduled(at)) => {
                errors.append(&mut draft.errors);
                sorted
                    .scheduled
                    .push(schedule::entry(&draft.file, at, zone));
                sorted.held.push(draft);
            }
            Err(Left::Removed(at)) => {
                errors.append(&mut draft.errors);
                sorted.removed.push(schedule::entry(&draft.file, at, zone));
            }
        }
    }
    let by_time =
        |a: &super::Scheduled, b: &super::Scheduled| (a.at, &a.source).cmp(&(b.at, &b.source));
    sorted.scheduled.sort_by(by_time);
    sorted.removed.sort_by(by_time);
    sorted
        .held
        .sort_unstable_by(|a, b| a.file.content_path.cmp(&b.file.content_path));
    sorted
}

impl Survey {
    /// Parses every body in parallel and hands each article to `each` as soon as it is built
    /// (a build renders and writes it there, then keeps only what listings need). Returns the
    /// articles newest first with every problem of every file: an article whose own errors
    /// leave it out is missing from the content, one whose `each` failed is kept. With
    /// `note_left_out`, the site paths of the articles left out are listed too (`check` and
    /// `serve` need them; a build that fails does not).
    /// `authors_ready` is called with the authors once their bios and photos are rendered,
    /// before any article is built (a build's bylines and author data come from them).
    pub fn finish<F>(
        self,
        root: &Path,
        config: &SiteConfig,
        photos: &dyn AttachPhotos,
        (authors_ready, each): (impl FnOnce(&crate::authors::Authors), F),
        note_left_out: bool,
    ) -> Loaded
    where
        F: Fn(&mut Article) -> std::result::Result<(), Vec<Error>> + Sync,
    {
        let Survey {
            mut drafts,
            mut sections,
            assets,
            mut errors,
            blocking,
            unread,
            mut warnings,
            scheduled,
            removed,
            now,
            mut authors,
            untranslated,
        } = self;
        errors.extend(blocking);
        // The index owns its strings so each draft (its front matter and YAML) can be freed as
        // soon as its article is built, instead of all of them living to the end of the pass.
        let unread = unread_paths(unread, config.slugs);
        let links: Vec<(String, String)> = drafts
            .iter()
            .map(|d| (d.file.content_path.clone(), d.path.clone()))
            .chain(unread.iter().cloned())
            .collect();
        let removes = config.expired == ExpiredArticles::Remove;
        let expiring = drafts
            .iter()
            .filter(|d| removes && d.timing == super::Timing::Live)
            .filter_map(|d| Some((d.file.content_path.as_str(), d.expires?)));
        let gone = schedule::gone_articles(&scheduled, &removed, expiring, &config.timezone);
        let index = LinkIndex::Maps {
            links: links
                .iter()
                .map(|(from, to)| (from.as_str(), to.as_str()))
                .collect(),
            assets: assets.iter().map(|a| a.content_path.as_str()).collect(),
            gone,
        };
        for section in &mut sections {
            section.render_intro(root, config, &index, &mut errors);
        }
        super::authors::render_profiles(&mut authors, root, config, &index, photos, &mut errors);
        authors_ready(&authors);
        let (related, pin_errors) = RelatedPlan::new(root, &drafts, config, &mut warnings);
        for (i, error) in pin_errors {
            drafts[i].errors.push(error);
        }
        let card_context = CardContext {
            root,
            config,
            index: &index,
            photos,
        };
        let built: Vec<BuiltDraft> = drafts
            .into_par_iter()
            .enumerate()
            .map(|(i, draft)| {
                let path = note_left_out.then(|| draft.path.clone());
                match build_draft(root, config, *draft, &index, photos, now) {
                    Ok(mut article) => {
                        article.related = related.cards_for(i, &card_context);
                        let failed = each(&mut article).err().unwrap_or_default();
                        BuiltDraft::Article(article, failed)
                    }
                    Err(problems) => BuiltDraft::LeftOut(problems, path),
                }
            })
            .collect();
        drop(index);
        let mut left_out: Vec<String> = unread.into_iter().map(|(_, path)| path).collect();
        let mut articles = built_articles(built, &mut errors, &mut warnings, &mut left_out);
        if !errors.is_empty() {
            super::related_cards::drop_left_out(&mut articles);
        }
        errors.sort_by_cached_key(Error::sort_key);
        sort_newest_first(&mut articles);
        let assets = assets
            .into_iter()
            .map(|file| Asset {
                output: file.content_path,
                source: file.file,
            })
            .collect();
        warnings.extend(super::tag_clashes::warnings(&articles));
        warnings.sort();
        Loaded {
            content: Content {
                articles,
                sections,
                authors,
                assets,
                warnings,
                scheduled,
                removed,
                now,
                untranslated,
            },
            errors,
            left_out,
        }
    }
}

/// The content path and the site path its file name gives of each file whose front matter
/// could not be read: it still exists, so links to it are not broken.
fn unread_paths(unread: Vec<SourceFile>, slugs: crate::slug::SlugStyle) -> Vec<(String, String)> {
    unread
        .into_iter()
        .filter_map(|file| {
            let (_, path) = article_path(&file, None, "", slugs).ok()?;
            Some((file.content_path, path))
        })
        .collect()
}

/// One draft after the body pass: an article (with the problems `each` found in it, such as a
/// page that failed to render), or the problems that left it out and, when asked for, its site
/// path. An article is large, but these are collected in place into the article list (as the
/// `Result<Article, _>` before them were): boxing it would cost an allocation per article.
#[allow(clippy::large_enum_variant)]
enum BuiltDraft {
    Article(Article, Vec<Error>),
    LeftOut(Rejected, Option<String>),
}

/// The articles that were built, their warnings moved to `warnings` and the problems of the
/// others to `errors` (their warnings to `warnings` too: one run shows everything). Collected in place (the results and the articles have one size), so a
/// large site does not hold two lists of every article at once.
fn built_articles(
    built: Vec<BuiltDraft>,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
    left_out: &mut Vec<String>,
) -> Vec<Article> {
    built
        .into_iter()
        .filter_map(|result| match result {
            BuiltDraft::Article(mut article, mut failed) => {
                warnings.append(&mut article.warnings);
                errors.append(&mut failed);
                Some(article)
            }
            BuiltDraft::LeftOut(mut rejected, path) => {
                errors.append(&mut rejected.errors);
                warnings.append(&mut rejected.warnings);
                left_out.extend(path);
                None
            }
        })
        .collect()
}

fn build_draft(
    root: &Path,
    config: &SiteConfig,
    draft: Draft,
    index: &LinkIndex<'_>,
    photos: &dyn AttachPhotos,
    now: jiff::Timestamp,
) -> std::result::Result<Article, Rejected> {
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
        release: _,
        expires: _,
        timing,
        errors: mut front_errors,
    } = draft;
    let (text, body_start) = match draft_body(&file, handle, &yaml, kept) {
        Ok(read) => read,
        Err(more) => {
            front_errors.extend(more);
            return Err(Rejected {
                errors: front_errors,
                warnings: Vec::new(),
            });
        }
    };
    let resolver = ArticleResolver {
        root,
        config,
        article_dir: parent_of(&file.content_path),
        index,
    };
    let built = article::build_article(
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
            keep_text: config.search,
            translations: &config.translations,
            slugs: config.slugs,
            default_authors: &config.authors,
            zone: &config.timezone,
            timing,
            now,
            photos,
        },
        &resolver,
    );
    match built {
        Ok(article) if front_errors.is_empty() => Ok(article),
        Ok(article) => Err(Rejected {
            errors: front_errors,
            warnings: article.warnings,
        }),
        Err(mut rejected) => {
            front_errors.append(&mut rejected.errors);
            rejected.errors = front_errors;
            Err(rejected)
        }
    }
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
    let mut draft = read_draft(file, super::draft::Reading::of(config))?;
    if draft.front.draft && !options.include_drafts {
        return Ok(None);
    }
    let remove_expired = config.expired == ExpiredArticles::Remove;
    let now = options.moment();
    match schedule::timing(draft.release, draft.expires, now, &options, remove_expired) {
        Ok(timing) => draft.timing = timing,
        Err(_) => return Ok(None),
    }
    build_draft(root, config, draft, index, photos, now)
        .map(Some)
        .map_err(|rejected| Error::from_list(rejected.errors))
}
