//! Loading: the two passes over the files discovery finds. The survey reads every article's
//! front matter (so URLs, sections and link targets are known first); [`Survey::finish`] then
//! parses every body in parallel and builds the articles. It must not walk folders itself
//! ([`super::discovery`]), read bytes by hand ([`super::io`]) or resolve links
//! ([`super::links`]).

use std::path::Path;

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use super::discovery::discover;
use super::front_matter::{self, parse_front_matter, split_error, split_front_matter};
use super::io::{read_kept, read_open, read_text, OpenHandles, FRONT_MATTER_READ};
use super::links::{ArticleResolver, LinkIndex};
use super::order::{listing_order, sort_newest_first};
use super::paths::{article_path, duplicate_path_errors};
use super::schedule::{self, Left};
use super::sections::load_sections;
use super::{
    article, page_file, parent_of, traps, Article, Asset, AttachPhotos, Content, LoadOptions,
    Section, SourceFile,
};
use crate::config::{ExpiredArticles, SiteConfig};
use crate::date;
use crate::error::{Error, Location, Result, Warning};
use crate::layout::CONTENT_DIR;

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
    /// When it publishes (`publish_at`, else `date`), if that parses (else the article's own
    /// build reports why).
    release: Option<jiff::Timestamp>,
    /// When it expires (`expires:`), if that parses.
    expires: Option<jiff::Timestamp>,
    /// Where it stands at the build's moment.
    timing: super::Timing,
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
    scheduled: Vec<super::Scheduled>,
    removed: Vec<super::Scheduled>,
    now: jiff::Timestamp,
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
    let (ignore, zone) = (&config.ignore, &config.timezone);
    // The clock is read once: every article is published (or not) as of the same moment.
    let now = options.moment();
    let options = LoadOptions {
        now: Some(now),
        ..options
    };
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
                    .map(|file| survey_draft(file, folder, handles, zone).map(Box::new))
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
    let Sorted {
        mut loaded,
        held,
        scheduled,
        removed,
    } = sort_by_timing(batches, &options, config, &mut errors, &mut warnings);
    let mut assets = discovered.assets;
    schedule::withhold_bundle_files(&mut assets, &scheduled);
    schedule::withhold_bundle_files(&mut assets, &removed);
    // Found in parallel: ordered by content path (unique) so builds are the same on every run.
    loaded.par_sort_unstable_by(|a, b| a.file.content_path.cmp(&b.file.content_path));

    let claimed = loaded.iter().chain(&held);
    errors.append(&mut duplicate_path_errors(
        claimed.map(|d| (d.path.as_str(), d.file.shown.as_path())),
    ));
    drop(held);
    let sections = load_sections(
        &discovered.section_indexes,
        loaded.iter().filter_map(|d| d.section.as_deref()),
        &mut errors,
        &mut warnings,
    );
    Survey {
        drafts: loaded,
        sections,
        assets,
        errors,
        warnings,
        scheduled,
        removed,
        now,
    }
}

/// The drafts of a survey sorted by where they stand at the build's moment (issue #18).
// Boxed on purpose, as in `Survey`: the lists move pointers, not ~700-byte drafts.
#[allow(clippy::vec_box)]
struct Sorted {
    /// Built: live, scheduled with `--future`, or archived.
    loaded: Vec<Box<Draft>>,
    /// Scheduled and left out, but still claiming their URLs: a clash with a live article
    /// must fail now, not the rebuild that was to publish them.
    held: Vec<Box<Draft>>,
    /// The scheduled ones' lines for the summary, soonest first.
    scheduled: Vec<super::Scheduled>,
    /// The expired ones removed (`expired: remove`).
    removed: Vec<super::Scheduled>,
}

/// Sorts the survey's drafts by [`schedule::timing`], moving their warnings and the read
/// errors out.
fn sort_by_timing(
    batches: Vec<Vec<Result<Box<Draft>>>>,
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
        scheduled: Vec::new(),
        removed: Vec::new(),
    };
    for draft in batches.into_iter().flatten() {
        let mut draft = match draft {
            Ok(draft) => draft,
            Err(error) => {
                errors.push(error);
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
                sorted
                    .scheduled
                    .push(schedule::entry(&draft.file, at, zone));
                sorted.held.push(draft);
            }
            Err(Left::Removed(at)) => sorted.removed.push(schedule::entry(&draft.file, at, zone)),
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
    pub fn listing_facts(&self) -> impl Iterator<Item = ListingFacts<'_>> {
        self.drafts.iter().map(|d| ListingFacts {
            // An archived article is listed nowhere and left out of the sitemap, like a page
            // and a draft together.
            page: d.front.template.as_deref() == Some(article::PAGE_TEMPLATE)
                || d.timing == super::Timing::Archived,
            // Neither is a scheduled one shown by `--future` (the trial of #18).
            draft: d.front.draft || d.timing != super::Timing::Live,
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

    /// The content paths of the `n` newest listed articles that are live (the feed's entries:
    /// no archived or scheduled one), known from front matter alone so a build can keep just their bodies for the feed.
    pub fn newest(&self, n: usize, zone: &jiff::tz::TimeZone) -> HashSet<String> {
        let mut listed: Vec<(date::PublishDate, &str, &str)> = self
            .drafts
            .iter()
            .filter(|d| d.front.template.as_deref() != Some(article::PAGE_TEMPLATE))
            .filter(|d| d.timing == super::Timing::Live)
            .filter_map(|d| {
                let date = date::PublishDate::parse(&d.front.date, zone).ok()?;
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
            scheduled,
            removed,
            now,
        } = self;
        // The index owns its strings so each draft (its front matter and YAML) can be freed as
        // soon as its article is built, instead of all of them living to the end of the pass.
        let links: Vec<(String, String)> = drafts
            .iter()
            .map(|d| (d.file.content_path.clone(), d.path.clone()))
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
        let built: Vec<std::result::Result<Article, Vec<Error>>> = drafts
            .into_par_iter()
            .map(|draft| {
                let mut article = build_draft(root, config, *draft, &index, photos, now)?;
                each(&mut article)?;
                Ok(article)
            })
            .collect();
        drop(index);
        let mut articles = built_articles(built, &mut errors, &mut warnings);
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
            scheduled,
            removed,
            now,
        })
    }
}

/// The articles that were built, their warnings moved to `warnings` and the problems of the
/// others to `errors`. Collected in place (the results and the articles have one size), so a
/// large site does not hold two lists of every article at once.
fn built_articles(
    built: Vec<std::result::Result<Article, Vec<Error>>>,
    errors: &mut Vec<Error>,
    warnings: &mut Vec<Warning>,
) -> Vec<Article> {
    built
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
        .collect()
}

fn build_draft(
    root: &Path,
    config: &SiteConfig,
    draft: Draft,
    index: &LinkIndex<'_>,
    photos: &dyn AttachPhotos,
    now: jiff::Timestamp,
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
        release: _,
        expires: _,
        timing,
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
            zone: &config.timezone,
            timing,
            now,
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
    let mut draft = read_draft(file, &config.timezone)?;
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
        .map_err(Error::from_list)
}

/// The survey's read of one article: its start, enough for the front matter, keeping the file
/// open for the body pass when the start was not the whole file.
fn survey_draft(
    file: SourceFile,
    content: Option<&crate::folder::Folder>,
    handles: &OpenHandles,
    zone: &jiff::tz::TimeZone,
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
    draft_from(file, handle, &text, whole, zone)
}

/// One article read whole (the preview server reloading it).
fn read_draft(file: SourceFile, zone: &jiff::tz::TimeZone) -> Result<Draft> {
    let text = read_text(&file)?;
    draft_from(file, None, &text, true, zone)
}

fn draft_from(
    file: SourceFile,
    handle: Option<std::fs::File>,
    text: &str,
    keep_body: bool,
    zone: &jiff::tz::TimeZone,
) -> Result<Draft> {
    let split = split_front_matter(text).map_err(|m| split_error(&file.shown, m))?;
    let front = parse_front_matter(split.yaml, &file.shown)?;
    let (section, path) = article_path(&file, front.slug.as_deref(), split.yaml)?;
    let release = schedule::release(&front, zone);
    let expires = schedule::expiry(&front, zone);
    Ok(Draft {
        release,
        expires,
        timing: super::Timing::Live,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn written(dir: &Path, name: &str, text: &str) -> SourceFile {
        std::fs::write(dir.join(name), text).unwrap();
        SourceFile {
            file: dir.join(name),
            shown: PathBuf::from(format!("content/{name}")),
            content_path: name.to_string(),
        }
    }

    fn handles(n: usize) -> OpenHandles {
        OpenHandles::allowing(n)
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
        let kept = survey_draft(long.clone(), None, &handles(1), &jiff::tz::TimeZone::UTC).unwrap();
        let reopened =
            survey_draft(long.clone(), None, &handles(0), &jiff::tz::TimeZone::UTC).unwrap();
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
            &jiff::tz::TimeZone::UTC,
        )
        .unwrap();
        assert!(draft.handle.is_none());
        assert_eq!(draft.body.as_deref(), Some("Short body.\n"));
    }
}
