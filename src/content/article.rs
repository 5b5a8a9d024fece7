//! The Article model and how one is built from a file: front matter checked and resolved, the
//! body parsed into intro and sections, every figure checked for alt text, credit and file, and
//! the count the title promises checked against the numbered sections.
//!
//! Every check of every figure runs in one pass, photo pipeline included (issue #16): a missing
//! file, a damaged photo or a missing credit in one figure never hides a problem in another.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use serde::Serialize;

use super::count::read_title;
use super::dates::Dates;
use super::front_matter::{key_location, FrontMatter, ReadMore};
use crate::date::PublishDate;
use crate::error::{Error, Location, Warning};
use crate::markdown::{self, Body, Figure, InlineImage, LinkNotice, Resolve};

mod figures;
pub(super) use figures::may_embed_metadata;
use figures::{check_photos, lead_figure, Found};

/// Template used when front matter names none.
pub const DEFAULT_TEMPLATE: &str = "article.html";
/// Template for plain pages ("About"), which are not listed, counted or put in feeds.
pub const PAGE_TEMPLATE: &str = "page.html";

/// A tag as written and as it appears in URLs.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct TagRef {
    /// As the writer typed it (first spelling wins).
    pub name: String,
    /// URL form.
    pub slug: String,
}

/// The "Read more" link, resolved.
#[derive(Debug, Clone, Serialize)]
pub struct ReadMoreLink {
    /// Link text.
    pub title: String,
    /// Published URL.
    pub url: String,
}

/// One explainer (or plain page), ready to render.
#[derive(Debug, Clone)]
pub struct Article {
    /// The file, relative to the site root, for messages.
    pub source: PathBuf,
    /// The file relative to `content/` with `/` separators, as `@/` links name it.
    pub content_path: String,
    /// Section key (`world/europe`), `None` at the top level.
    pub section: Option<String>,
    /// Site path without the base (`world/summit/`).
    pub path: String,
    /// The headline.
    pub title: String,
    /// The standfirst.
    pub dek: Option<String>,
    /// Meta description: `description`, else the dek, else the intro's first sentence.
    pub description: String,
    /// Byline names.
    pub authors: Vec<String>,
    /// Tags.
    pub tags: Vec<TagRef>,
    /// A draft, built only with `--drafts` or in serve.
    pub draft: bool,
    /// Template name.
    pub template: String,
    /// Publication date.
    pub date: PublishDate,
    /// Last update.
    pub updated: Option<PublishDate>,
    /// When it goes live, if that is not `date` (issue #18).
    pub publish_at: Option<PublishDate>,
    /// Where it stands at the build's moment: live, built ahead of its publication (the page
    /// says so), or archived after `expires:` (issue #18).
    pub timing: super::Timing,
    /// When it leaves listings, feeds and the sitemap (issue #18).
    pub expires: Option<PublishDate>,
    /// Its corrections and updates.
    pub notes: super::notes::Notes,
    /// The lead photo.
    pub lead: Option<Figure>,
    /// The closing link.
    pub read_more: Option<ReadMoreLink>,
    /// Intro, sections, footnotes.
    pub body: Body,
    /// Numbered sections.
    pub count: u32,
    /// What the title calls them ("questions" in "Three questions about …"), if it does.
    pub count_noun: Option<String>,
    /// Minutes to read.
    pub reading_minutes: usize,
    /// Free-form template data.
    pub extra: crate::yaml::Value,
    /// What looked wrong but does not stop the build; the load moves them to the site's list.
    pub warnings: Vec<Warning>,
    /// `search:` from front matter (issue #20).
    pub search: Option<bool>,
    /// `related:` from front matter (issue #19).
    pub related_key: crate::yaml::Value,
    /// The cards of its related explainers, in order (filled in by the load).
    pub related: Vec<Arc<super::RelatedCard>>,
}

impl Article {
    /// Plain pages are published but not listed, tagged into listings or put in the feed.
    pub fn is_page(&self) -> bool {
        self.template == PAGE_TEMPLATE
    }

    /// Whether the search index holds it (issue #20): see [`in_search`].
    pub fn in_search(&self) -> bool {
        in_search(self.timing, self.draft, &self.template, self.search)
    }

    /// The lead photo and every inline figure, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.lead.iter().chain(self.body.figures())
    }

    /// When it goes live: `publish_at` if set, else `date`.
    pub fn release(&self) -> &PublishDate {
        self.publish_at.as_ref().unwrap_or(&self.date)
    }

    /// Whether it is built ahead of its publication (`--future`, serve).
    pub fn is_scheduled(&self) -> bool {
        self.timing == super::Timing::Scheduled
    }

    /// When a page built ahead of its publication goes live.
    pub fn scheduled_for(&self) -> Option<&PublishDate> {
        self.is_scheduled().then(|| self.release())
    }

    /// When an archived page expired.
    pub fn archived_since(&self) -> Option<&PublishDate> {
        self.expires.as_ref().filter(|_| self.is_archived())
    }

    /// Whether it is past its `expires:` and kept as an archived page.
    pub fn is_archived(&self) -> bool {
        self.timing == super::Timing::Archived
    }

    /// Whether the home, section and tag pages and the feed list it: an explainer, not
    /// archived.
    pub fn is_listed(&self) -> bool {
        !self.is_page() && !self.is_archived()
    }

    /// Whether the sitemap has it: not a draft, not archived, not scheduled (a preview built
    /// with `--future` must not announce an embargoed article: the trial of #18).
    pub fn in_sitemap(&self) -> bool {
        !self.draft && self.timing == super::Timing::Live
    }

    /// Whether the feed has it: listed, and not scheduled (as for the sitemap).
    pub fn in_feed(&self) -> bool {
        self.is_listed() && !self.is_scheduled()
    }

    /// When it last changed, for the feed, the sitemap and `dateModified`: `updated` (as
    /// written, or from its latest note), but never before it went live ([`Article::release`]).
    /// The trial of #18: a note dated the publication day alone (its midnight) moved the feed's
    /// `<updated>` before its `<published>` 09:30.
    pub fn modified(&self) -> &PublishDate {
        let release = self.release();
        match &self.updated {
            Some(updated) if updated.instant >= release.instant => updated,
            _ => release,
        }
    }
}

/// The photo pipeline as building an article needs it: implemented by
/// [`crate::photos::Photos`], which reads each photo once however many articles show it.
pub trait AttachPhotos: Sync {
    /// Fills a figure in from its photo (size, resized copies, embedded caption and credit), or
    /// says why the photo cannot be used.
    fn attach(&self, source: &Path, figure: &mut Figure) -> Result<(), Error>;
    /// Checks a photo shown inside running text, which is published as it is (never replaced
    /// by resized copies, so its `<img>` keeps working), or says why it cannot be used.
    fn inline(&self, source: &Path, image: &InlineImage) -> Result<(), Error>;
}

/// What building one article needs besides its own file.
pub struct ArticleInput<'a> {
    /// The file relative to the site root.
    pub source: &'a Path,
    /// The file relative to `content/`.
    pub content_path: &'a str,
    /// Parsed front matter.
    pub front: FrontMatter,
    /// The YAML text, for key line numbers.
    pub yaml: &'a str,
    /// The Markdown body.
    pub body: &'a str,
    /// Line of the file where the body starts.
    pub body_first_line: usize,
    /// Section key.
    pub section: Option<String>,
    /// Site path.
    pub path: String,
    /// Whether figures need credits.
    pub require_credits: bool,
    /// Whether raw HTML in the body is sanitised.
    pub sanitize_html: bool,
    /// Whether the body keeps its plain text for the search index (issue #20).
    pub keep_text: bool,
    /// The site's language: the count check's number words, reading speed (issue #21).
    pub translations: &'a crate::i18n::Translations,
    /// How the site writes its slugs (`slugs:`), for the tags' URLs.
    pub slugs: crate::slug::SlugStyle,
    /// Default authors from `site.yaml`.
    pub default_authors: &'a [String],
    /// The site's time zone, which dates without an offset are read in.
    pub zone: &'a jiff::tz::TimeZone,
    /// Where it stands at the build's moment.
    pub timing: super::Timing,
    /// The build's moment (`--now`, else the clock): a change dated later is a typo.
    pub now: jiff::Timestamp,
    /// The photo pipeline, which checks and fills in every figure.
    pub photos: &'a dyn AttachPhotos,
}

/// An article that did not build: its problems, and the warnings found on the way, which are
/// reported with them (a failed build prints its warnings too).
#[derive(Debug, Default)]
pub struct Rejected {
    /// Every problem of the article.
    pub errors: Vec<Error>,
    /// The warnings of its body.
    pub warnings: Vec<Warning>,
}

/// The article's authors (`default` when it names none), each once: a name written twice is
/// a slip, listed once with a warning at `authors:`.
fn byline(
    written: Option<super::front_matter::Authors>,
    default: &[String],
    at_key: &dyn Fn(&str) -> Location,
    warnings: &mut Vec<Warning>,
) -> Vec<String> {
    let Some(written) = written else {
        return default.to_vec();
    };
    let mut names: Vec<String> = Vec::new();
    for name in written.into_vec() {
        if names.iter().any(|n| n.trim() == name.trim()) {
            warnings.push(Warning::new(
                at_key("authors"),
                format!(
                    "`{}` is named twice in `authors:`: name each author once",
                    name.trim()
                ),
            ));
        } else {
            names.push(name);
        }
    }
    names
}

/// Builds an article, returning every problem found in it rather than the first.
pub fn build_article(input: ArticleInput<'_>, resolver: &dyn Resolve) -> Result<Article, Rejected> {
    let mut errors = Vec::new();
    let source = input.source;
    let mut front = input.front;
    let at_key = |key: &str| key_location(source, input.yaml, key);

    let renderer = markdown::Renderer::new(resolver, input.sanitize_html)
        .keeping_text(input.keep_text)
        .crediting_with(input.translations.credit_label());
    let mut warnings = Vec::new();
    let file = (source, input.yaml, input.zone, input.now);
    let (dates, notes, updated) = front_checks(
        &mut front,
        file,
        &renderer,
        &at_key,
        (&mut errors, &mut warnings),
    );
    let (date, publish_at, expires) = (dates.date, dates.publish_at, dates.expires);
    let markdown = BodyText {
        source,
        content_path: input.content_path,
        text: input.body,
        first_line: input.body_first_line,
    };
    let Some(mut body) = parsed_body(&renderer, &markdown, &mut errors) else {
        return Err(Rejected { errors, warnings });
    };

    let mut lead = front.image.map(|image| {
        let at = at_key("image");
        let found = Found {
            errors: &mut errors,
            images: &mut body.inline_images,
            warnings: &mut body.warnings,
        };
        lead_figure(image, (&at, input.yaml), &renderer, resolver, found)
    });
    errors.extend(check_photos(
        source,
        input.photos,
        (input.require_credits, input.translations.credit_label()),
        lead.as_mut(),
        &mut body,
    ));
    let (count, count_noun) = counted(
        (&front.title, input.translations),
        front.count,
        &body,
        &at_key,
        &mut errors,
    );
    let tags = tag_refs(
        &front.tags,
        input.slugs,
        &at_key,
        (&mut errors, &mut warnings),
    );
    let read_more = front
        .read_more
        .and_then(|link| read_more_link(link, resolver, &at_key, (&mut errors, &mut warnings)));
    let template = checked_template(front.template, &at_key, &mut errors);
    let authors = byline(front.authors, input.default_authors, &at_key, &mut warnings);

    let mut body_warnings = located(source, std::mem::take(&mut body.warnings));
    body_warnings.append(&mut warnings);
    let warnings = body_warnings;
    let (Some(date), true) = (date, errors.is_empty()) else {
        return Err(Rejected { errors, warnings });
    };
    Ok(Article {
        source: source.to_path_buf(),
        content_path: input.content_path.to_string(),
        section: input.section,
        path: input.path,
        title: front.title,
        // Before `dek` moves: the description falls back to it.
        description: front
            .description
            .or_else(|| front.dek.clone())
            .unwrap_or_else(|| body.first_sentence.clone()),
        dek: front.dek,
        authors,
        tags,
        draft: front.draft,
        search: front.search,
        related_key: front.related,
        related: Vec::new(),
        template,
        date,
        updated,
        publish_at,
        timing: input.timing,
        expires,
        notes,
        lead,
        read_more,
        reading_minutes: body
            .word_count
            .div_ceil(input.translations.words_per_minute())
            .max(1),
        count,
        count_noun,
        warnings,
        body,
        extra: front.extra,
    })
}

/// Whether an article is in the search index (issue #20): live, not a draft, and not a plain
/// page unless it asks with `search: true`; never with `search: false`.
pub fn in_search(timing: super::Timing, draft: bool, template: &str, search: Option<bool>) -> bool {
    timing == super::Timing::Live && !draft && search.unwrap_or(template != PAGE_TEMPLATE)
}

/// What front matter alone decides: the dates (`date`, `updated`, `publish_at`, `expires`)
/// read in the site's zone, the title not empty, the corrections and updates (taken out of
/// `front`) checked, and `updated` as the article shows it (the latest note when later); a
/// change dated after the build's moment is a warning (the trial of #18). The file is given
/// with its YAML, the site's zone and the build's moment.
fn front_checks(
    front: &mut FrontMatter,
    (path, yaml, zone, now): (&Path, &str, &jiff::tz::TimeZone, jiff::Timestamp),
    renderer: &markdown::Renderer<'_>,
    at_key: &KeyLocation<'_>,
    (errors, warnings): (&mut Vec<Error>, &mut Vec<Warning>),
) -> (Dates, super::notes::Notes, Option<PublishDate>) {
    let dates = Dates::checked(front, zone, at_key, errors);
    if is_yaml_null(&front.title) {
        errors.push(Error::content(
            at_key("title"),
            "`title` is empty: write the headline",
        ));
    }
    let source = super::notes::NoteSource {
        path,
        yaml,
        zone,
        published: dates.date.as_ref(),
        now,
    };
    let notes = super::notes::Notes::checked(
        &front.corrections,
        &front.updates,
        &source,
        renderer,
        (errors, &mut *warnings),
    );
    if let Some(written) = dates.updated.as_ref().filter(|u| u.instant > now) {
        let what = format!("`updated: {}`", written.datetime);
        let message = super::notes::later_than_now(&what, now, zone);
        warnings.push(Warning::new(at_key("updated"), message));
    }
    let updated = notes.last_change(dates.updated.clone());
    (dates, notes, updated)
}

/// The numbered sections counted and checked against what the title (in the site's language)
/// or `count:` promises; with the title's words for them ("three questions"), if it has some.
fn counted(
    (title, translations): (&str, &crate::i18n::Translations),
    count_key: Option<u32>,
    body: &Body,
    at_key: &KeyLocation<'_>,
    errors: &mut Vec<Error>,
) -> (u32, Option<String>) {
    let count = body.numbered_count();
    let title_count = read_title(title, count, translations.counting());
    check_count(
        (title_count.promised, title_count.promise),
        count_key,
        body,
        at_key,
        errors,
    );
    (count, title_count.label(count, translations))
}

/// A body's warnings at their lines of the file.
fn located(source: &Path, found: Vec<markdown::Problem>) -> Vec<Warning> {
    found
        .into_iter()
        .map(|p| Warning::new(Location::line(source, p.line), p.message))
        .collect()
}

/// The line of a front matter key, for messages about it.
pub(super) type KeyLocation<'a> = dyn Fn(&str) -> Location + 'a;

/// An article's Markdown body and where it comes from.
struct BodyText<'a> {
    source: &'a Path,
    content_path: &'a str,
    text: &'a str,
    first_line: usize,
}

/// The body parsed, its problems added to `errors`; `None` when parsing it crashed.
fn parsed_body(
    renderer: &markdown::Renderer<'_>,
    input: &BodyText<'_>,
    errors: &mut Vec<Error>,
) -> Option<Body> {
    let source = input.source;
    // A panic while the body is read (in the Markdown parser or in our own code) becomes this
    // file's error: the other files are still built and every problem reported.
    let parsed = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        crash_if_asked(input.content_path);
        renderer.body(input.text, input.first_line)
    }));
    let (body, problems) = match parsed {
        Ok(result) => result,
        Err(panic) => {
            errors.push(Error::content(
                Location::file(source),
                format!(
                    "stakes crashed while reading the Markdown of this file ({}): this is a bug in \
                     stakes, not in your file; please report it to the stakes developers with the \
                     file. Until it is fixed, rewriting the unusual Markdown in it may avoid it",
                    panic_message(&*panic)
                ),
            ));
            return None;
        }
    };
    errors.extend(
        problems
            .into_iter()
            .map(|p| Error::content(Location::line(source, p.line), p.message)),
    );
    Some(body)
}

/// The count the title (or `count:`) promises, checked against the numbered sections.
fn check_count(
    (title_promises, promise): (Option<u32>, Option<&str>),
    count_key: Option<u32>,
    body: &Body,
    at_key: &KeyLocation<'_>,
    errors: &mut Vec<Error>,
) {
    let count = body.numbered_count();
    let (promised, promise_key, who) = match count_key {
        Some(n) => (Some(n), "count", format!("`count: {n}` promises")),
        // The words it was read from: a misread title ("Cinq Français sur dix") shows itself.
        None => (
            title_promises,
            "title",
            match promise {
                Some(words) => format!("the title (“{words}”) promises"),
                None => "the title promises".to_string(),
            },
        ),
    };
    if let Some(promised) = promised.filter(|p| *p != count) {
        let titles: Vec<&str> = body
            .sections
            .iter()
            .filter(|s| s.number.is_some())
            .map(|s| s.title_text.as_str())
            .collect();
        errors.push(Error::content(
            at_key(promise_key),
            count_mismatch(&who, promised, &titles),
        ));
    }
}

/// The tags as written, each once by its URL form; a tag with no URL form is an error.
fn tag_refs(
    names: &[String],
    style: crate::slug::SlugStyle,
    at_key: &KeyLocation<'_>,
    (errors, warnings): (&mut Vec<Error>, &mut Vec<Warning>),
) -> Vec<TagRef> {
    let mut tags: Vec<TagRef> = Vec::new();
    for name in names {
        let slug = crate::slug::slug_in(name, style);
        let same = tags.iter().find(|t| t.slug == slug);
        if slug.is_empty() {
            errors.push(Error::content(
                at_key("tags"),
                format!("tag `{name}` has no letters or digits to make a URL from"),
            ));
        } else if let Some(first) = same {
            // Two spellings of one tag are one tag; two words on one address are a surprise.
            if first.name.to_lowercase() != name.trim().to_lowercase() {
                warnings.push(Warning::new(
                    at_key("tags"),
                    format!(
                        "the tags `{}` and `{}` share the address /tags/{slug}/, so they are listed as one topic, `{}`: if they are different topics, rename one",
                        name.trim(),
                        first.name,
                        first.name
                    ),
                ));
            }
        } else {
            tags.push(TagRef {
                name: name.trim().to_string(),
                slug,
            });
        }
    }
    tags
}

/// The `read_more:` link resolved, or `None` with an error when it cannot be.
fn read_more_link(
    link: ReadMore,
    resolver: &dyn Resolve,
    at_key: &KeyLocation<'_>,
    (errors, warnings): (&mut Vec<Error>, &mut Vec<Warning>),
) -> Option<ReadMoreLink> {
    match resolver.notice(&link.url) {
        // Left out, title and all (the trial of #18): a "Read more" to nothing helps no one.
        Some(LinkNotice::Dropped(message)) => {
            let message = format!("`read_more`: {message}");
            warnings.push(Warning::new(at_key("read_more"), message));
            return None;
        }
        Some(LinkNotice::Expiring(message)) => {
            let message = format!("`read_more`: {message}");
            warnings.push(Warning::new(at_key("read_more"), message));
        }
        None => {}
    }
    match resolver.link(&link.url) {
        Ok(url) if !markdown::is_script_url(&link.url) => Some(ReadMoreLink {
            title: link.title,
            url,
        }),
        Ok(_) => {
            errors.push(Error::content(
                at_key("read_more"),
                "`read_more.url` is a script URL, which is not allowed",
            ));
            None
        }
        Err(message) => {
            errors.push(Error::content(
                at_key("read_more"),
                format!("`read_more`: {message}"),
            ));
            None
        }
    }
}

/// The template named in front matter (or the default); one outside `templates/` is an error.
fn checked_template(
    template: Option<String>,
    at_key: &KeyLocation<'_>,
    errors: &mut Vec<Error>,
) -> String {
    let template = template.unwrap_or_else(|| DEFAULT_TEMPLATE.to_string());
    if template.contains("..") || template.starts_with('/') || template.contains('\\') {
        errors.push(Error::content(
            at_key("template"),
            format!("`template: {template}` must name a file in templates/, like `page.html`"),
        ));
    }
    template
}

/// The count check's message. A body with no `## ` heading at all is said in words (it used to
/// read "0 numbered sections ()"), with how to start one.
fn count_mismatch(who: &str, promised: u32, titles: &[&str]) -> String {
    match titles {
        [] => format!(
            "{who} {promised} things but the body has no numbered sections: start each of them with a `## ` heading (`## The first thing`), or set `count:`"
        ),
        [one] => format!(
            "{who} {promised} things but the body has 1 numbered section ({one}): add a `## ` section for each of the others, or set `count:`"
        ),
        many => format!(
            "{who} {promised} things but the body has {} numbered sections ({}): add or remove a `## ` section, mark extra ones `{{.unnumbered}}`, or set `count:`",
            many.len(),
            many.join(", ")
        ),
    }
}

/// YAML's spellings of "no value", which the YAML crate hands to string fields as text.
fn is_yaml_null(value: &str) -> bool {
    matches!(value.trim(), "" | "~" | "null" | "Null" | "NULL")
}

/// What a caught panic said, for the error that replaces it.
fn panic_message(panic: &(dyn std::any::Any + Send)) -> &str {
    match (panic.downcast_ref::<&str>(), panic.downcast_ref::<String>()) {
        (Some(message), _) => message,
        (_, Some(message)) => message,
        _ => "no message",
    }
}

/// A real panic inside the guard above, so the test suite can check that it is caught: debug
/// builds (the ones `cargo test` runs) panic on the article whose content path is in
/// `STAKES_TEST_PANIC_IN`. Release builds compile this to nothing.
fn crash_if_asked(content_path: &str) {
    if cfg!(debug_assertions)
        && std::env::var_os("STAKES_TEST_PANIC_IN").is_some_and(|path| path == content_path)
    {
        panic!("STAKES_TEST_PANIC_IN asked for a panic in {content_path}");
    }
}
