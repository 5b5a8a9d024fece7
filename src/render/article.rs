//! What every page shares (`Frame`: settings, theme, the site's sections and header) and what
//! `article.html` sees as `article` (`ArticleView`), so an article's page can be rendered the
//! moment its body is parsed. Must not know about listings, feeds or which jobs exist.

use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::count::{capitalise, count_label, number_word};
use crate::content::{Article, Section};
use crate::error::{Error, Location, Result};
use crate::json_ld::JsonLd;
use crate::markdown::{Block, Figure, Footnote, Section as BodySection};
use crate::templates::{PageContext, Prepared, Theme};

use super::outputs::{section_path, tag_path};
use super::Rendered;

/// Fails, naming every article, when articles name a template the theme does not have.
pub(super) fn check_templates<'c>(
    theme: &Theme,
    articles: impl Iterator<Item = &'c Article>,
) -> Result<()> {
    let missing: Vec<Error> = articles
        .filter_map(|a| missing_template(theme, a))
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::from_list(missing))
    }
}

/// The error of an article that names a template the theme does not have, if it does.
pub fn missing_template(theme: &Theme, article: &Article) -> Option<Error> {
    (!theme.has(&article.template)).then(|| {
        Error::content(
            Location::file(&article.source),
            format!(
                "`template: {}` does not exist: add templates/{} or use article.html or page.html",
                article.template, article.template
            ),
        )
    })
}

/// What every page shares (settings, theme, the site's sections and header), so an article's
/// page can be rendered the moment its body is parsed, before the rest of the site is known.
pub struct Frame<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) theme: &'a Theme,
    sections: Vec<Section>,
    pub(super) site: Prepared,
    stylesheet_url: String,
}

impl<'a> Frame<'a> {
    /// Prepares the values every page's template gets.
    pub fn new(config: &'a SiteConfig, theme: &'a Theme, sections: &[Section]) -> Self {
        Frame {
            config,
            theme,
            sections: sections.to_vec(),
            site: Prepared::new(&site_view(config, sections)),
            stylesheet_url: config.link(&theme.stylesheet_name),
        }
    }

    /// The site's settings.
    pub fn config(&self) -> &SiteConfig {
        self.config
    }

    pub(super) fn context(&self, page_path: &str) -> PageContext {
        let mut context = PageContext::new();
        context.insert_prepared("site", &self.site);
        context.insert("stylesheet_url", &self.stylesheet_url);
        context.insert("page_url", &self.config.absolute(page_path));
        context
    }

    /// Renders an article's (or plain page's) own page.
    pub fn render_article(&self, article: &Article) -> Result<Rendered> {
        check_templates(self.theme, std::iter::once(article))?;
        let mut context = self.context(&article.path);
        context.insert("article", &self.article_view(article));
        // The body plus what the theme puts around it (the head with its metadata, the header
        // and footer: ~8 KB in the default theme), with room to spare.
        let bytes = self.theme.render_sized(
            &article.template,
            &context,
            &article.source.display(),
            article.body.html_len() + 16 * 1024,
        )?;
        Ok(Rendered {
            path: crate::content::page_file(&article.path),
            bytes,
        })
    }

    /// The page's JSON-LD block.
    fn json_ld(
        &self,
        article: &Article,
        permalink: &str,
        image: Option<&str>,
        section: Option<&str>,
    ) -> String {
        JsonLd {
            plain_page: article.is_page(),
            headline: &article.title,
            description: &article.description,
            published: &article.date.datetime,
            modified: &article.modified().datetime,
            authors: &article.authors,
            publisher: &self.config.publisher,
            permalink,
            language: &self.config.language,
            image,
            section,
            keywords: &article.tags,
            corrections: &article.notes.corrections,
        }
        .to_script_json()
    }

    pub(super) fn article_view<'v>(&'v self, article: &'v Article) -> ArticleView<'v> {
        let config = self.config;
        let url = config.link(&article.path);
        let permalink = config.absolute(&article.path);
        let og_image = article
            .lead
            .as_ref()
            .map(|f| config.absolute_link(f.og.as_deref().unwrap_or(&f.src)));
        let section = article
            .section
            .as_deref()
            .and_then(|key| self.section_link(key));
        ArticleView {
            title: &article.title,
            dek: article.dek.as_deref(),
            description: &article.description,
            json_ld: self.json_ld(
                article,
                &permalink,
                og_image.as_deref(),
                section.as_ref().map(|s| s.title),
            ),
            url,
            permalink,
            date: &article.date.datetime,
            updated: article.updated.as_ref().map(|d| d.datetime.as_str()),
            scheduled: article.scheduled_for().map(|d| d.datetime.as_str()),
            archived: article.archived_since().map(|d| d.datetime.as_str()),
            corrections: note_views("correction", &article.notes.corrections),
            updates: note_views("update", &article.notes.updates),
            corrected: article
                .notes
                .corrections
                .last()
                .map(|n| n.date.datetime.as_str()),
            authors: &article.authors,
            byline: byline(&article.authors),
            tags: article
                .tags
                .iter()
                .map(|t| TagLink {
                    name: &t.name,
                    url: config.link(&tag_path(&t.slug)),
                })
                .collect(),
            section,
            draft: article.draft,
            lead: article.lead.as_ref(),
            og_image,
            intro: &article.body.intro,
            toc: article
                .body
                .sections
                .iter()
                .filter(|s| s.number.is_some())
                .map(|s| TocEntry {
                    number: s.number.unwrap_or_default(),
                    id: &s.id,
                    title: &s.title_text,
                })
                .collect(),
            sections: &article.body.sections,
            footnotes: &article.body.footnotes,
            count: article.count,
            count_word: number_word(u64::from(article.count)),
            count_word_title: capitalise(&number_word(u64::from(article.count))),
            count_label: count_label_of(config, article),
            reading_minutes: article.reading_minutes,
            word_count: article.body.word_count,
            read_more: article.read_more.as_ref(),
            extra: &article.extra,
        }
    }

    fn section_link(&self, key: &str) -> Option<SectionLink<'_>> {
        section_link(self.config, &self.sections, key)
    }
}

/// "A", "A and B", "A, B and C".
fn byline(authors: &[String]) -> String {
    match authors {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

fn site_view<'c>(config: &'c SiteConfig, sections: &'c [Section]) -> SiteView<'c> {
    SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        base_url: &config.base_url,
        base_path: &config.base_path,
        publisher: &config.publisher,
        home_url: config.link(""),
        feed_url: config.link("atom.xml"),
        tags_url: config.link("tags/"),
        search_url: config
            .search
            .then(|| config.link(&format!("{}/", crate::search::SEARCH_DIR))),
        favicon_url: config.favicon.as_deref().map(|path| config.link(path)),
        sections: sections
            .iter()
            .filter(|s| !s.key.contains('/'))
            .map(|s| SectionLink {
                title: &s.title,
                url: config.link(&section_path(&s.key)),
            })
            .collect(),
        extra: &config.extra,
    }
}

#[derive(Serialize)]
struct SiteView<'a> {
    title: &'a str,
    description: &'a str,
    language: &'a str,
    base_url: &'a str,
    base_path: &'a str,
    publisher: &'a str,
    home_url: String,
    feed_url: String,
    tags_url: String,
    /// The search page, when the site has one (issue #20).
    search_url: Option<String>,
    favicon_url: Option<String>,
    sections: Vec<SectionLink<'a>>,
    extra: &'a crate::yaml::Value,
}

/// The title and URL of the section with `key`, for an article's kicker and listing card.
pub(super) fn section_link<'s>(
    config: &SiteConfig,
    sections: &'s [Section],
    key: &str,
) -> Option<SectionLink<'s>> {
    let section = sections.iter().find(|s| s.key == key)?;
    Some(SectionLink {
        title: &section.title,
        url: config.link(&section_path(key)),
    })
}

#[derive(Serialize)]
pub(super) struct SectionLink<'a> {
    title: &'a str,
    url: String,
}

/// A correction or update as templates see it (issue #18).
#[derive(Serialize)]
struct NoteView<'a> {
    /// `correction-1`, `update-2`: the note's anchor.
    id: String,
    /// RFC 3339 (or a day), for `<time datetime>` and `format_date`.
    date: &'a str,
    /// The text, rendered through the checked Markdown path.
    #[serde(serialize_with = "crate::html::serialize_html")]
    html: &'a str,
}

/// The notes of one list, each with its anchor (`correction-1`).
fn note_views<'a>(prefix: &str, notes: &'a [crate::content::notes::Note]) -> Vec<NoteView<'a>> {
    notes
        .iter()
        .enumerate()
        .map(|(i, note)| NoteView {
            id: format!("{prefix}-{}", i + 1),
            date: &note.date.datetime,
            html: &note.html,
        })
        .collect()
}

#[derive(Serialize)]
struct TagLink<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    number: u32,
    id: &'a str,
    title: &'a str,
}

/// What `article.html` sees as `article`; documented in the README.
#[derive(Serialize)]
pub(super) struct ArticleView<'a> {
    title: &'a str,
    dek: Option<&'a str>,
    description: &'a str,
    url: String,
    permalink: String,
    date: &'a str,
    updated: Option<&'a str>,
    /// When a page built ahead of its publication goes live (RFC 3339 or a day); `None` for
    /// a published one (issue #18).
    scheduled: Option<&'a str>,
    /// When an archived page expired (`expires:` has passed); `None` for a current one.
    archived: Option<&'a str>,
    /// Corrections, oldest first (issue #18).
    corrections: Vec<NoteView<'a>>,
    /// Updates, oldest first (issue #18).
    updates: Vec<NoteView<'a>>,
    /// The date of the latest correction, for the byline's "Corrected" link.
    corrected: Option<&'a str>,
    authors: &'a [String],
    byline: String,
    tags: Vec<TagLink<'a>>,
    section: Option<SectionLink<'a>>,
    draft: bool,
    lead: Option<&'a Figure>,
    og_image: Option<String>,
    intro: &'a [Block],
    toc: Vec<TocEntry<'a>>,
    sections: &'a [BodySection],
    footnotes: &'a [Footnote],
    count: u32,
    count_word: String,
    count_word_title: String,
    /// "Three questions": the count and what the title calls the things it counts.
    count_label: String,
    reading_minutes: usize,
    word_count: usize,
    read_more: Option<&'a crate::content::ReadMoreLink>,
    extra: &'a crate::yaml::Value,
    #[serde(serialize_with = "crate::html::serialize_html")]
    json_ld: String,
}

/// "Five things at stake": the article's count in words with what its title calls the things
/// (or site.yaml's `count_label`), for its page and its card.
pub(super) fn count_label_of(config: &SiteConfig, article: &Article) -> String {
    count_label(
        article.count_noun.as_deref(),
        article.count,
        &config.count_label,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_join_names_in_english() {
        assert_eq!(byline(&[]), "");
        assert_eq!(byline(&["A".into()]), "A");
        assert_eq!(byline(&["A".into(), "B".into(), "C".into()]), "A, B and C");
    }
}
