//! The pages that list articles — home, section and tag pages with their pagination, and the
//! tag index — plus which articles each listing holds and the summary (and card) each article
//! shows on them. Must not render an article's own page, nor decide the listings' paths (that
//! is `outputs`).

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{Article, Content, RelatedCard, Section};
use crate::error::{Error, Result};
use crate::i18n::english::capitalise;
use crate::markdown::Figure;
use crate::templates::{PageContext, Prepared, CARD_TEMPLATE};

use super::article::{section_link, Frame, SectionLink};
use super::jobs::Renderer;
use super::outputs::{listing_page, pages, section_path, tag_path};
use super::Rendered;

/// A tag and the listed articles carrying it.
#[derive(Debug)]
pub struct TagListing {
    /// First spelling seen.
    pub name: String,
    /// URL form.
    pub slug: String,
    /// Indices of articles, newest first.
    pub articles: Vec<usize>,
}

/// Which articles each listing shows, in order.
#[derive(Debug)]
pub struct Listings {
    pub(super) listed: Vec<usize>,
    pub(super) section_articles: Vec<Vec<usize>>,
    pub(super) tags: Vec<TagListing>,
    /// Each author's articles, newest first, by index in `Authors::list` (issue #19).
    pub(super) authors: Vec<Vec<usize>>,
}

impl Listings {
    pub(super) fn build(content: &Content) -> Listings {
        let listed: Vec<usize> = (0..content.articles.len())
            .filter(|&i| content.articles[i].is_listed())
            .collect();
        let section_index: HashMap<&str, usize> = content
            .sections
            .iter()
            .enumerate()
            .map(|(i, s)| (s.key.as_str(), i))
            .collect();
        let mut section_articles = vec![Vec::new(); content.sections.len()];
        let mut tag_index: HashMap<&str, usize> = HashMap::default();
        let mut tags: Vec<TagListing> = Vec::new();
        let mut authors = vec![Vec::new(); content.authors.list.len()];
        for &i in &listed {
            let article = &content.articles[i];
            // Nothing to look up on a site without author pages.
            let names = if authors.is_empty() {
                &[][..]
            } else {
                &article.authors[..]
            };
            for name in names {
                if let Some(a) = content.authors.index_of(name) {
                    // An article naming its author twice is listed once.
                    if authors[a].last() != Some(&i) {
                        authors[a].push(i);
                    }
                }
            }
            if let Some(key) = &article.section {
                for (end, _) in key
                    .match_indices('/')
                    .chain(std::iter::once((key.len(), "")))
                {
                    if let Some(&s) = section_index.get(&key[..end]) {
                        section_articles[s].push(i);
                    }
                }
            }
            for tag in &article.tags {
                let t = *tag_index.entry(tag.slug.as_str()).or_insert_with(|| {
                    tags.push(TagListing {
                        name: tag.name.clone(),
                        slug: tag.slug.clone(),
                        articles: Vec::new(),
                    });
                    tags.len() - 1
                });
                tags[t].articles.push(i);
            }
        }
        tags.sort_by(|a, b| a.slug.cmp(&b.slug));
        Listings {
            listed,
            section_articles,
            tags,
            authors,
        }
    }
}

/// Which listing a page belongs to.
#[derive(Clone, Copy)]
pub(super) enum ListingKind {
    Home,
    Section(usize),
    Tag(usize),
    Author(usize),
}

/// What one listing shows, whichever kind it is.
struct ListingSource<'r> {
    /// Indices of its articles, in order.
    articles: &'r [usize],
    per_page: usize,
    /// Site path of its first page (`""`, `world/`, `tags/vote/`).
    base: String,
    template: &'static str,
    title: &'r str,
    description: &'r str,
    intro_html: Option<&'r str>,
}

impl Renderer<'_> {
    pub(super) fn render_listing(&self, kind: ListingKind, page: usize) -> Result<Rendered> {
        let source = self.listing_source(kind);
        let total_pages = pages(source.articles.len(), source.per_page);
        let start = (page - 1) * source.per_page;
        let articles = Prepared::list(
            source
                .articles
                .iter()
                .skip(start)
                .take(source.per_page)
                .map(|&i| self.summaries[i].clone()),
        );
        let path = listing_page(&source.base, page);
        let description = match kind {
            _ if !source.description.is_empty() => source.description.to_string(),
            ListingKind::Tag(_) => self.described("explainers_about", source.title),
            ListingKind::Author(_) => self.described("explainers_by", source.title),
            _ => String::new(),
        };
        let listing = ListingView {
            title: source.title,
            description,
            intro_html: source.intro_html,
            url: self.config.link(&path),
            paginator: self.paginator(&source, page, total_pages),
            json_ld: match kind {
                ListingKind::Section(s) => {
                    let key = &self.content.sections[s].key;
                    Some(crate::json_ld::section_block(
                        &self.frame.section_crumbs(Some(key)),
                    ))
                }
                _ => None,
            },
        };
        let mut context = self.context(&path);
        if let ListingKind::Author(a) = kind {
            context.insert("author", &self.author_view(a));
        }
        context.insert_prepared(
            "listing",
            &Prepared::new(&listing).with_field("articles", articles),
        );
        let bytes = self
            .theme
            .render(source.template, &context, &format!("/{path}"))?;
        Ok(Rendered {
            path: format!("{path}index.html"),
            bytes,
        })
    }

    fn listing_source(&self, kind: ListingKind) -> ListingSource<'_> {
        match kind {
            ListingKind::Home => ListingSource {
                articles: &self.listed,
                per_page: self.config.per_page.home,
                base: String::new(),
                template: "index.html",
                title: &self.config.title,
                description: &self.config.description,
                intro_html: None,
            },
            ListingKind::Section(s) => {
                let section: &Section = &self.content.sections[s];
                ListingSource {
                    articles: &self.section_articles[s],
                    per_page: self.config.per_page.section,
                    base: section_path(&section.key),
                    template: "section.html",
                    title: &section.title,
                    description: section.description.as_deref().unwrap_or(""),
                    intro_html: section.intro_html.as_deref(),
                }
            }
            ListingKind::Tag(t) => {
                let tag = &self.tags[t];
                ListingSource {
                    articles: &tag.articles,
                    per_page: self.config.per_page.tag,
                    base: tag_path(&tag.slug),
                    template: "tag.html",
                    title: &tag.name,
                    description: "",
                    intro_html: None,
                }
            }
            ListingKind::Author(a) => {
                let author = &self.content.authors.list[a];
                let role = self
                    .content
                    .authors
                    .entry(a)
                    .and_then(|e| e.role.as_deref());
                ListingSource {
                    articles: &self.authors[a],
                    per_page: self.config.per_page.author,
                    base: crate::authors::author_path(&author.slug),
                    template: "author.html",
                    title: &author.name,
                    description: role.unwrap_or(""),
                    intro_html: None,
                }
            }
        }
    }

    /// Page `page` of `total_pages` of a listing, with the links to its neighbours and ends.
    /// "Explainers about Energy": a listing's description from the language table's `key`.
    fn described(&self, key: &str, name: &str) -> String {
        self.config
            .translations
            .format(key, None, |placeholder| {
                (placeholder == "name").then(|| name.to_string())
            })
            .unwrap_or_default()
    }

    fn paginator(&self, source: &ListingSource<'_>, page: usize, total_pages: usize) -> Paginator {
        let link = |n: usize| self.config.link(&listing_page(&source.base, n));
        Paginator {
            page,
            pages: total_pages,
            total: source.articles.len(),
            prev_url: (page > 1).then(|| link(page - 1)),
            next_url: (page < total_pages).then(|| link(page + 1)),
            first_url: link(1),
            last_url: link(total_pages),
        }
    }

    pub(super) fn render_tag_index(&self) -> Result<Rendered> {
        let mut tags: Vec<TagCount> = self
            .tags
            .iter()
            .map(|t| TagCount {
                name: &t.name,
                url: self.config.link(&tag_path(&t.slug)),
                count: t.articles.len(),
            })
            .collect();
        // "Économie" among the E's, not after "Ukraine": Latin names by their letters without
        // accents; other scripts (Arabic, Greek …) in their own order.
        tags.sort_by_cached_key(|t| {
            if t.name.chars().all(|c| (c as u32) < 0x0370) {
                crate::slug::slugify(t.name)
            } else {
                t.name.to_lowercase()
            }
        });
        let mut context = self.context("tags/");
        context.insert("tags", &tags);
        let bytes = self.theme.render("tags.html", &context, &"/tags/")?;
        Ok(Rendered {
            path: "tags/index.html".to_string(),
            bytes,
        })
    }
}

/// Every article's listing summary, in parallel; every problem of every card reported.
pub(super) fn every_summary(frame: &Frame<'_>, content: &Content) -> Result<Vec<Prepared>> {
    let rendered = rendered_built_in_cards(frame, content);
    let results: Vec<Result<Prepared>> = content
        .articles
        .par_iter()
        .map(|a| {
            let card = rendered.get(a.path.as_str()).copied();
            summary_with(frame, content, a, card)
        })
        .collect();
    // A broken card.html breaks every card the same way: said once, with the count.
    Error::collect_all(results)
        .map_err(|error| Error::from_list(crate::templates::once_each(error.into_list())))
}

/// The built-in cards the article pass already rendered for "More explainers", by article
/// path: the listings reuse them instead of rendering each card a second time. Only the
/// built-in card.html's (a site's own may differ between the two uses, or have changed since).
fn rendered_built_in_cards<'c>(
    frame: &Frame<'_>,
    content: &'c Content,
) -> HashMap<&'c str, &'c str> {
    if !frame.theme.renders_cards() || !frame.theme.is_builtin(CARD_TEMPLATE) {
        return HashMap::default();
    }
    content
        .articles
        .iter()
        .flat_map(|a| a.related.iter())
        .filter_map(|card| Some((card.path.as_str(), card.built_in_card.get()?.as_str())))
        .collect()
}

/// The prepared listing summary of one article. When the theme shows cards, its card is
/// rendered here, once, as `card_html` (and `card_html_eager`, without lazy loading, for the
/// first three of a page): an article appears on the home page and on each of its tags' pages,
/// and rendering its card on every one of them was most of the listings' cost.
pub(super) fn summary_value(
    frame: &Frame<'_>,
    content: &Content,
    article: &Article,
) -> Result<Prepared> {
    summary_with(frame, content, article, None)
}

/// [`summary_value`], taking the built-in card's HTML when it was rendered already.
fn summary_with(
    frame: &Frame<'_>,
    content: &Content,
    article: &Article,
    rendered: Option<&str>,
) -> Result<Prepared> {
    let facts = CardFacts::of_article(article);
    let summary = Prepared::new(&summary(frame.config, &content.sections, facts));
    if !frame.theme.renders_cards() {
        return Ok(summary);
    }
    match rendered {
        // A published article's card shows the same facts in both places.
        Some(lazy) if !article.draft && !article.is_scheduled() => {
            let eager = lazy_html_to_eager(lazy);
            let (lazy, eager) = (Prepared::html(lazy), Prepared::html(&eager));
            Ok(summary.with_fields([("card_html", lazy), ("card_html_eager", eager)]))
        }
        _ => with_card_html(frame, summary, &article.source, true),
    }
}

/// A related explainer's summary (issue #19), with its card as `card_html` (lazy: the block
/// ends the page): the same summary and card.html as on the listings, from the facts its front
/// matter and lead photo give.
pub(super) fn related_value(
    frame: &Frame<'_>,
    sections: &[Section],
    card: &RelatedCard,
    page: &std::path::Path,
) -> Result<Prepared> {
    let facts = CardFacts {
        title: &card.title,
        dek: card.dek.as_deref(),
        description: &card.description,
        path: &card.path,
        date: &card.date,
        section: card.section.as_deref(),
        lead: card.lead.as_ref(),
        count: card.count,
        count_noun: card.count_noun.as_deref(),
        draft: false,
        scheduled: false,
        tags: card.tags.iter().map(String::as_str).collect(),
    };
    let summary = Prepared::new(&summary(frame.config, sections, facts));
    let lazy = render_card(frame, &summary, page, false)?;
    if frame.theme.is_builtin(CARD_TEMPLATE) {
        let _ = card.built_in_card.set(lazy.clone());
    }
    Ok(summary.with_fields([("card_html", Prepared::html(&lazy))]))
}

/// `summary` with its card rendered in as `card_html`, and with `eager` `card_html_eager`.
fn with_card_html(
    frame: &Frame<'_>,
    summary: Prepared,
    page: &std::path::Path,
    eager: bool,
) -> Result<Prepared> {
    let lazy = render_card(frame, &summary, page, false)?;
    if !eager {
        let lazy = Prepared::html(&lazy);
        return Ok(summary.with_fields([("card_html", lazy)]));
    }
    let eager = if frame.theme.is_builtin(CARD_TEMPLATE) {
        // The built-in card differs with `eager` only by this attribute, written before any
        // text of the article's (where a `"` would be escaped): one render instead of two.
        lazy_html_to_eager(&lazy)
    } else {
        render_card(frame, &summary, page, true)?
    };
    let (lazy, eager) = (Prepared::html(&lazy), Prepared::html(&eager));
    Ok(summary.with_fields([("card_html", lazy), ("card_html_eager", eager)]))
}

/// card.html for one summary.
fn render_card(
    frame: &Frame<'_>,
    summary: &Prepared,
    page: &std::path::Path,
    eager: bool,
) -> Result<String> {
    let mut context = PageContext::new();
    context.insert_prepared("site", &frame.site);
    context.insert_prepared("a", summary);
    context.insert("eager", &eager);
    let page = crate::layout::SlashPath(page);
    let bytes = frame
        .theme
        .render_sized(CARD_TEMPLATE, &context, &page, 2 * 1024)?;
    Ok(String::from_utf8(bytes)
        .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned()))
}

/// The built-in card's eager form: its photo without `loading="lazy"`.
fn lazy_html_to_eager(lazy: &str) -> String {
    lazy.replacen(" loading=\"lazy\"", "", 1)
}

/// What a summary shows of an article, from the article or from a related card.
struct CardFacts<'c> {
    title: &'c str,
    dek: Option<&'c str>,
    description: &'c str,
    path: &'c str,
    date: &'c str,
    section: Option<&'c str>,
    lead: Option<&'c Figure>,
    count: u32,
    count_noun: Option<&'c str>,
    draft: bool,
    scheduled: bool,
    tags: Vec<&'c str>,
}

impl<'c> CardFacts<'c> {
    fn of_article(article: &'c Article) -> CardFacts<'c> {
        CardFacts {
            title: &article.title,
            dek: article.dek.as_deref(),
            description: &article.description,
            path: &article.path,
            date: &article.date.datetime,
            section: article.section.as_deref(),
            lead: article.lead.as_ref(),
            count: article.count,
            count_noun: article.count_noun.as_deref(),
            draft: article.draft,
            scheduled: article.is_scheduled(),
            tags: article.tags.iter().map(|t| t.name.as_str()).collect(),
        }
    }
}

fn summary<'c>(config: &SiteConfig, sections: &'c [Section], facts: CardFacts<'c>) -> Summary<'c> {
    Summary {
        title: facts.title,
        dek: facts.dek,
        description: facts.description,
        url: config.link(facts.path),
        date: facts.date,
        section: facts
            .section
            .and_then(|key| section_link(config, sections, key)),
        image: facts.lead.map(|f| Thumbnail {
            src: f.thumbnail.as_deref().unwrap_or(&f.src),
            srcset: f.srcset.as_deref(),
            alt: &f.alt,
            width: f.width,
            height: f.height,
        }),
        count: facts.count,
        count_word_title: capitalise(&config.translations.number_word(u64::from(facts.count))),
        count_label: config
            .translations
            .count_label(facts.count_noun, facts.count),
        draft: facts.draft,
        scheduled: facts.scheduled,
        tags: facts.tags,
    }
}

#[derive(Serialize)]
struct TagCount<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct Thumbnail<'a> {
    src: &'a str,
    srcset: Option<&'a str>,
    alt: &'a str,
    width: Option<u32>,
    height: Option<u32>,
}

#[derive(Serialize)]
struct Summary<'a> {
    title: &'a str,
    dek: Option<&'a str>,
    description: &'a str,
    url: String,
    date: &'a str,
    section: Option<SectionLink<'a>>,
    image: Option<Thumbnail<'a>>,
    count: u32,
    count_word_title: String,
    count_label: String,
    draft: bool,
    /// Built ahead of its publication (issue #18).
    scheduled: bool,
    tags: Vec<&'a str>,
}

#[derive(Serialize)]
struct Paginator {
    page: usize,
    pages: usize,
    total: usize,
    prev_url: Option<String>,
    next_url: Option<String>,
    first_url: String,
    last_url: String,
}

#[derive(Serialize)]
struct ListingView<'a> {
    title: &'a str,
    description: String,
    #[serde(serialize_with = "crate::html::serialize_optional_html")]
    intro_html: Option<&'a str>,
    url: String,
    paginator: Paginator,
    /// A section page's `BreadcrumbList` (home › section), script-safe; `None` elsewhere.
    #[serde(serialize_with = "crate::html::serialize_optional_html")]
    json_ld: Option<String>,
}
