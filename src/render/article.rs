//! What every page shares (`Frame`: settings, theme, the site's sections and header) and what
//! `article.html` sees as `article` (`ArticleView`), so an article's page can be rendered the
//! moment its body is parsed, with its related explainers' cards (made as the listings make
//! theirs, once each). Must not know which listings, feeds or jobs exist.

use std::sync::Mutex;

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::authors::{AuthorCard, Authors};
use crate::config::SiteConfig;
use crate::content::{Article, Section};
use crate::error::{Error, Location, Result};
use crate::i18n::english::capitalise;
use crate::json_ld::{self, ArticlePage, Crumb};
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
    /// Every author with a page, by name as written (issue #19).
    author_cards: HashMap<String, AuthorCard>,
    /// Related explainers' summaries with their cards, by card id: rendered once however many
    /// pages show them (issue #19).
    related: Mutex<HashMap<usize, Prepared>>,
}

impl<'a> Frame<'a> {
    /// Prepares the values every page's template gets.
    pub fn new(
        config: &'a SiteConfig,
        theme: &'a Theme,
        sections: &[Section],
        authors: &Authors,
    ) -> Self {
        Frame {
            config,
            theme,
            sections: sections.to_vec(),
            site: Prepared::new(&site_view(config, sections, authors.enabled())),
            stylesheet_url: config.link(&theme.stylesheet_name),
            author_cards: (0..authors.list.len())
                .map(|a| (authors.list[a].name.clone(), authors.card(a, config)))
                .collect(),
            related: Mutex::new(HashMap::default()),
        }
    }

    /// What bylines and structured data need of the author named `name` (as written in front
    /// matter), if the author has a page.
    pub(crate) fn author_card(&self, name: &str) -> Option<&AuthorCard> {
        if self.author_cards.is_empty() {
            // A site without author pages: no name to hash for every byline.
            return None;
        }
        self.author_cards.get(name.trim())
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
        let editions = &self.config.editions;
        if editions.is_multilingual() {
            // The page in the site's other languages (issue #21): `hreflang` links in the
            // head, the language switcher in the header.
            let language = self.config.language_index;
            context.insert("alternates", &editions.versions(language, page_path));
            context.insert("languages", &editions.switcher(language, page_path));
        }
        context
    }

    /// Renders an article's (or plain page's) own page.
    pub fn render_article(&self, article: &Article) -> Result<Rendered> {
        check_templates(self.theme, std::iter::once(article))?;
        let mut context = self.context(&article.path);
        context.insert("article", &self.article_view(article));
        context.insert_prepared("related", &Prepared::list(self.related_summaries(article)?));
        // The body plus what the theme puts around it (the head with its metadata, the header
        // and footer: ~8 KB in the default theme), with room to spare.
        let bytes = self.theme.render_sized(
            &article.template,
            &context,
            &crate::layout::SlashPath(&article.source),
            article.body.html_len() + 16 * 1024,
        )?;
        Ok(Rendered {
            path: crate::content::page_file(&article.path),
            bytes,
        })
    }

    /// The summaries (with `card_html`) of the article's related explainers, in order.
    fn related_summaries(&self, article: &Article) -> Result<Vec<Prepared>> {
        if !self.theme.shows_related() {
            return Ok(Vec::new());
        }
        let known = |id: usize| {
            let memo = self
                .related
                .lock()
                .expect("no panics while holding the lock");
            memo.get(&id).cloned()
        };
        article
            .related
            .iter()
            .map(|card| {
                if let Some(summary) = known(card.id) {
                    return Ok(summary);
                }
                let summary =
                    super::listings::related_value(self, &self.sections, card, &article.source)?;
                let mut memo = self
                    .related
                    .lock()
                    .expect("no panics while holding the lock");
                memo.insert(card.id, summary.clone());
                Ok(summary)
            })
            .collect()
    }

    /// The page's JSON-LD block (issue #19).
    fn json_ld(&self, article: &Article, permalink: &str, section: Option<&str>) -> String {
        let config = self.config;
        let mut crumbs = self.section_crumbs(article.section.as_deref());
        crumbs.push(Crumb {
            name: &article.title,
            url: permalink.to_string(),
        });
        json_ld::article_block(ArticlePage {
            config,
            article,
            permalink,
            section,
            crumbs: &crumbs,
            authors: json_ld::author_people(&article.authors, |name| self.author_card(name)),
            list_name: capitalise(&count_label_of(config, article)),
        })
    }

    /// Home, then the section `key` and those it is inside, outermost first: the start of the
    /// breadcrumb trail of a page in it.
    pub(super) fn section_crumbs(&self, key: Option<&str>) -> Vec<Crumb<'_>> {
        let config = self.config;
        let mut crumbs = vec![Crumb {
            name: &config.title,
            url: config.base_url.clone(),
        }];
        if let Some(key) = key {
            let ends = key
                .match_indices('/')
                .map(|(end, _)| end)
                .chain([key.len()]);
            crumbs.extend(ends.filter_map(|end| {
                let section = self.sections.iter().find(|s| s.key == key[..end])?;
                Some(Crumb {
                    name: &section.title,
                    url: config.absolute(&section_path(&section.key)),
                })
            }));
        }
        crumbs
    }

    pub(super) fn article_view<'v>(&'v self, article: &'v Article) -> ArticleView<'v> {
        let config = self.config;
        let url = config.link(&article.path);
        let permalink = config.absolute(&article.path);
        let og_image = article
            .lead
            .as_ref()
            .map(|f| config.absolute_link(f.og.as_ref().map_or(&f.src, |og| &og.src)));
        let section = article
            .section
            .as_deref()
            .and_then(|key| self.section_link(key));
        ArticleView {
            title: &article.title,
            dek: article.dek.as_deref(),
            description: &article.description,
            json_ld: self.json_ld(article, &permalink, section.as_ref().map(|s| s.title)),
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
            byline: byline(&article.authors, &self.config.translations),
            // Empty on a site without author pages: its byline is `byline`, as before #19.
            byline_authors: if self.author_cards.is_empty() {
                Vec::new()
            } else {
                article
                    .authors
                    .iter()
                    .map(|name| BylineAuthor {
                        name,
                        url: self.author_card(name).map(|card| card.link.as_str()),
                    })
                    .collect()
            },
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
            og_image_size: article
                .lead
                .as_ref()
                .and_then(|f| f.og.as_ref())
                .map(|og| ImageSize {
                    width: og.width,
                    height: og.height,
                }),
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
            count_word: config.translations.number_word(u64::from(article.count)),
            count_word_title: capitalise(
                &config.translations.number_word(u64::from(article.count)),
            ),
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

/// "A", "A and B", "A, B and C", with the site language's comma and "and" ("A، B وC").
fn byline(authors: &[String], translations: &crate::i18n::Translations) -> String {
    match authors {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => {
            let text = |key| translations.format(key, None, |_| None).unwrap_or_default();
            format!(
                "{}{}{last}",
                init.join(&text("list_comma")),
                text("list_and")
            )
        }
    }
}

fn site_view<'c>(
    config: &'c SiteConfig,
    sections: &'c [Section],
    author_pages: bool,
) -> SiteView<'c> {
    SiteView {
        title: &config.title,
        description: &config.description,
        language: &config.language,
        locale: crate::locale::og_locale(&config.language),
        direction: config.translations.direction(),
        base_url: &config.base_url,
        base_path: &config.base_path,
        publisher: &config.publisher.name,
        home_url: config.link(""),
        feed_url: config.link("atom.xml"),
        tags_url: config.link("tags/"),
        authors_url: author_pages.then(|| config.link("authors/")),
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
    /// `og:locale`: `fr_FR` for `language: fr`, `fr_BE` for `fr-BE`.
    locale: String,
    /// `ltr`, or `rtl` for Arabic, Hebrew, Persian, Urdu … (issue #21).
    direction: &'static str,
    base_url: &'a str,
    base_path: &'a str,
    publisher: &'a str,
    home_url: String,
    feed_url: String,
    tags_url: String,
    /// The author index; none on a site without `authors.yaml` (issue #19).
    authors_url: Option<String>,
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

/// An author in a byline: the name as written, and their page's root-relative URL if they
/// have one. Only these two: every article carries them (the rest of the author's card is
/// on the author page, and [`Frame::author_card`] gives it to code such as structured data).
#[derive(Serialize)]
struct BylineAuthor<'a> {
    name: &'a str,
    url: Option<&'a str>,
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
    /// Each author with their page's URL, if they have one (issue #19); empty on a site
    /// without author pages.
    byline_authors: Vec<BylineAuthor<'a>>,
    tags: Vec<TagLink<'a>>,
    section: Option<SectionLink<'a>>,
    draft: bool,
    lead: Option<&'a Figure>,
    og_image: Option<String>,
    /// The size of `og_image` when it is the lead photo's social-card crop (issue #19).
    og_image_size: Option<ImageSize>,
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

/// An image's size in pixels, for `og:image:width` and `og:image:height`.
#[derive(Serialize)]
struct ImageSize {
    width: u32,
    height: u32,
}

/// "Five things at stake": the article's count in words with what its title calls the things
/// (or site.yaml's `count_label`), for its page and its card.
pub(super) fn count_label_of(config: &SiteConfig, article: &Article) -> String {
    config
        .translations
        .count_label(article.count_noun.as_deref(), article.count)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bylines_join_names_in_the_site_language() {
        let english = crate::i18n::Translations::english();
        assert_eq!(byline(&[], &english), "");
        assert_eq!(byline(&["A".into()], &english), "A");
        assert_eq!(
            byline(&["A".into(), "B".into(), "C".into()], &english),
            "A, B and C"
        );
        let french =
            crate::i18n::Translations::load(std::path::Path::new("/nonexistent"), "fr", None).0;
        assert_eq!(byline(&["A".into(), "B".into()], &french), "A et B");
        let arabic =
            crate::i18n::Translations::load(std::path::Path::new("/nonexistent"), "ar", None).0;
        assert_eq!(
            byline(&["ريم".into(), "سامي".into(), "ليلى".into()], &arabic),
            "ريم، سامي وليلى"
        );
    }
}
