//! What a survey tells before any body is read (the first pass of [`super::load`]): each
//! article's page, content path and listing facts, the sections, the feed's and the search
//! index's articles, whether the news sitemap has any, and the articles that would publish on
//! a page the site generates. It reads front matter already read; it must not read files.

use rayon::prelude::*;
use rustc_hash::FxHashSet as HashSet;

use super::load::{ListingFacts, Survey};
use super::order::listing_order;
use super::{article, front_matter, page_file, Section, SourceFile};
use crate::date;
use crate::error::{Error, Location};

impl Survey {
    /// Whether reading front matter found problems of the whole site (two files claiming one
    /// URL, a file on a generated page): then no page is rendered, since pages could collide;
    /// bodies are still parsed to report their problems.
    pub fn is_blocked(&self) -> bool {
        !self.blocking.is_empty()
    }

    /// Files under `content/` that are not Markdown.
    pub fn assets(&self) -> &[SourceFile] {
        &self.assets
    }

    /// The page each article will be written to (`world/summit/index.html`).
    pub fn page_paths(&self) -> impl Iterator<Item = String> + '_ {
        self.drafts.iter().map(|d| page_file(&d.path))
    }

    /// Every article's content path (without its language, in a multilingual site) and site
    /// path: what names it in every language, and where it is in this one (issue #21).
    pub fn page_keys(&self) -> impl Iterator<Item = (&str, &str)> {
        self.drafts
            .iter()
            .map(|d| (d.file.content_path.as_str(), d.path.as_str()))
    }

    /// Whether a listed article, live, went live in the `window` before the survey's moment:
    /// what puts it in the news sitemap, known from front matter.
    pub fn has_news(&self, window: jiff::SignedDuration) -> bool {
        let since = self.now.checked_sub(window).unwrap_or(jiff::Timestamp::MIN);
        self.drafts.iter().any(|d| {
            !d.front.draft
                && d.front.template.as_deref() != Some(article::PAGE_TEMPLATE)
                && d.timing == super::Timing::Live
                && d.release.is_some_and(|at| since < at && at <= self.now)
        })
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
        self.blocking.append(&mut clashes);
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

    /// The content paths of the articles the search index holds (issue #20), newest first (their
    /// numbers in the index): live ones, not drafts, and plain pages only with `search: true`;
    /// none with `search: false`. Known from front matter alone, so each article can be indexed
    /// as it is parsed.
    pub fn search_order(&self, zone: &jiff::tz::TimeZone) -> Vec<String> {
        let mut indexed: Vec<(date::PublishDate, &str)> = self
            .drafts
            .iter()
            .filter(|d| {
                let template = d
                    .front
                    .template
                    .as_deref()
                    .unwrap_or(article::DEFAULT_TEMPLATE);
                article::in_search(d.timing, d.front.draft, template, d.front.search)
            })
            .filter_map(|d| {
                let date = date::PublishDate::parse(&d.front.date, zone).ok()?;
                Some((date, d.file.content_path.as_str()))
            })
            .collect();
        indexed.sort_by(|a, b| listing_order((&a.0, a.1), (&b.0, b.1)));
        indexed
            .into_iter()
            .map(|(_, path)| path.to_string())
            .collect()
    }
}
