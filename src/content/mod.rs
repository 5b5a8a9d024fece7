//! Content: finding the files under `content/` (discovery, no parsing), then loading every
//! article and section in parallel into the model the renderer reads. All problems in all files
//! are collected so one build reports everything a writer has to fix.
//!
//! This file owns the model (source files, assets, sections, the loaded content) and says where
//! each step lives; it must not hold the steps themselves: [`discovery`] walks the folder,
//! [`load`] reads it in two passes over [`io`], [`links`] resolves links and images,
//! [`sections`] and [`order`] shape the listings, [`schedule`] decides what is published yet,
//! [`related`] and [`related_cards`] choose and gather each article's related explainers.

pub mod article;
mod authors;
pub mod count;
mod dates;
mod discovery;
mod draft;
pub mod front_matter;
mod io;
mod links;
mod load;
pub mod notes;
mod order;
mod paths;
mod related;
mod related_cards;
mod related_pins;
mod schedule;
mod sections;
mod survey_facts;
mod tag_clashes;
mod translations;
mod traps;

use std::path::PathBuf;

use crate::error::Warning;

pub use article::{Article, AttachPhotos, ReadMoreLink, TagRef};
pub(crate) use discovery::is_ignored_name;
pub use discovery::{shown_path, slash_path};
pub(crate) use io::prepare_open_files;
pub use links::{encode_path, LinkIndex};
pub(crate) use links::{normalise_relative, percent_decode};
pub use load::{reload_article, survey, ListingFacts, Loaded, Survey};
pub use order::sort_newest_first;
pub use related_cards::RelatedCard;

/// Articles larger than this are refused: no real explainer comes near it, and it bounds memory.
pub const MAX_ARTICLE_BYTES: u64 = 8 * 1024 * 1024;

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

#[cfg(test)]
impl SourceFile {
    /// A file at `content_path` under `content/`, for unit tests.
    pub(crate) fn at(content_path: &str) -> SourceFile {
        SourceFile {
            file: PathBuf::from(content_path),
            shown: PathBuf::from(format!("content/{content_path}")),
            content_path: content_path.to_string(),
        }
    }
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
    intro: Option<sections::SectionIntro>,
}

/// Everything under `content/`, loaded.
#[derive(Debug, Default)]
pub struct Content {
    /// Articles and pages, newest first.
    pub articles: Vec<Article>,
    /// Sections, sorted by key.
    pub sections: Vec<Section>,
    /// The authors with pages, and `authors.yaml` with its bios and photos rendered
    /// (issue #19).
    pub authors: crate::authors::Authors,
    /// Files to copy along.
    pub assets: Vec<Asset>,
    /// Problems that do not stop the build.
    pub warnings: Vec<Warning>,
    /// Articles left out because they publish later (issue #18), soonest first.
    pub scheduled: Vec<Scheduled>,
    /// Articles left out because they expired and `expired: remove` is set, most recent last.
    pub removed: Vec<Scheduled>,
    /// What a translation left in its original's words (issue #21): a build warns,
    /// `stakes check` refuses.
    pub untranslated: Vec<Warning>,
    /// The moment the content was loaded as of (`--now`, else the clock): what is "recent"
    /// for the news sitemap.
    pub now: jiff::Timestamp,
}

impl Content {
    /// What links know of an article left out of this build (issue #18).
    pub(crate) fn gone(&self, content_path: &str) -> Option<links::Gone> {
        schedule::gone_from(self, content_path)
    }
}

/// An article left out of a build because its `publish_at` (or `date`) is after the build's
/// moment, or (in [`Content::removed`]) its `expires` before it (issue #18).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Scheduled {
    /// The file, relative to the site root (`content/world/summit.md`).
    pub source: PathBuf,
    /// When it publishes (or expired).
    pub at: jiff::Timestamp,
    /// That moment in the site's zone, for messages (`2026-12-08 06:00 CET`).
    pub shown: String,
}

/// What to load.
#[derive(Debug, Clone, Copy, Default)]
pub struct LoadOptions {
    /// Include `draft: true` articles.
    pub include_drafts: bool,
    /// Include articles that publish after `now` (issue #18).
    pub include_future: bool,
    /// The moment the site is built as of; `None` reads the clock when loading starts.
    pub now: Option<jiff::Timestamp>,
}

/// Where an article stands at the build's moment (issue #18), from its front matter.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Timing {
    /// Published and current.
    #[default]
    Live,
    /// Built ahead of its publication (`--future`, serve): marked "Scheduled for …".
    Scheduled,
    /// Past its `expires:` and kept (`expired: archive`): out of listings, feeds and the
    /// sitemap, its page marked "archived" and `noindex`.
    Archived,
}

impl LoadOptions {
    /// The moment articles are published as of: `now`, else the clock.
    pub fn moment(&self) -> jiff::Timestamp {
        self.now.unwrap_or_else(jiff::Timestamp::now)
    }
}

/// The file an article's page is written to, from its site path (`world/summit/` →
/// `world/summit/index.html`).
pub fn page_file(site_path: &str) -> String {
    format!("{site_path}index.html")
}

fn parent_of(content_path: &str) -> &str {
    content_path
        .rfind('/')
        .map(|i| &content_path[..i])
        .unwrap_or("")
}
