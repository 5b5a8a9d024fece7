//! The related explainers of every article in a load (issue #19): the choice
//! ([`super::related`]) made from the survey's front matter, `related:` pins checked, and the
//! facts each related card shows, gathered once per article however many pages show it —
//! from its front matter and its lead photo (through the same photo table as its own page),
//! its numbered sections counted without converting the body when the title promises no
//! number. Pages are written as their bodies are parsed, so nothing here may wait for another
//! article's body. It must not render cards (that is `render`) or choose (that is `related`).

use std::path::Path;
use std::sync::{Arc, OnceLock};

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;

use super::count::read_title;
use super::draft::Draft;
use super::front_matter::{self, LeadImage};
use super::links::{ArticleResolver, LinkIndex};
use super::related::{choose, Candidate, Want};
use super::related_pins::{want_of, PinIndex};
use super::{article, order, parent_of, SourceFile, Timing};
use crate::config::SiteConfig;
use crate::date;
use crate::error::{Error, Warning};
use crate::markdown::{Figure, Resolve};

/// What a related card shows of an article: its listing facts as its front matter and lead
/// photo give them.
#[derive(Debug)]
pub struct RelatedCard {
    /// Its place in the load: the same on every page that shows it.
    pub id: usize,
    /// The headline.
    pub title: String,
    /// The standfirst.
    pub dek: Option<String>,
    /// `description:`, else the dek (the intro's first sentence would need the body).
    pub description: String,
    /// Site path (`world/summit/`).
    pub path: String,
    /// `<time datetime>` value.
    pub date: String,
    /// Section key.
    pub section: Option<String>,
    /// Tag names as written, each once.
    pub tags: Vec<String>,
    /// The lead photo with its resized copies, when it has one that could be read.
    pub lead: Option<Figure>,
    /// Its numbered sections.
    pub count: u32,
    /// What its title calls the things it counts.
    pub count_noun: Option<String>,
    /// The built-in card.html's HTML for it, once rendered for a page's block: the listings
    /// reuse it instead of rendering the same card again.
    pub built_in_card: OnceLock<String>,
}

impl RelatedCard {
    /// The card of a loaded article, under the id its earlier card had (the preview server
    /// makes it again when an edit changes what the card shows).
    pub fn of_article(id: usize, article: &article::Article) -> RelatedCard {
        RelatedCard {
            id,
            title: article.title.clone(),
            dek: article.dek.clone(),
            description: article.description.clone(),
            path: article.path.clone(),
            date: article.date.datetime.clone(),
            section: article.section.clone(),
            tags: article.tags.iter().map(|t| t.name.clone()).collect(),
            lead: article.lead.clone(),
            count: article.count,
            count_noun: article.count_noun.clone(),
            built_in_card: OnceLock::new(),
        }
    }
}

/// What a card is made from, copied out of a draft before the draft is built.
struct CardSource {
    file: SourceFile,
    title: String,
    dek: Option<String>,
    description: Option<String>,
    path: String,
    date: String,
    section: Option<String>,
    tags: Vec<String>,
    lead: Option<LeadImage>,
    /// The `image:` line, where its own page reports the lead photo's warnings (so a card
    /// repeats none of them).
    lead_line: usize,
    count_key: Option<u32>,
}

/// Every article's related explainers in one load, and the cards they show.
pub(super) struct RelatedPlan {
    chosen: Vec<Vec<usize>>,
    sources: Vec<Option<CardSource>>,
    cards: Vec<OnceLock<Option<Arc<RelatedCard>>>>,
}

/// What gathering a card needs of the load.
pub(super) struct CardContext<'a> {
    pub(super) root: &'a Path,
    pub(super) config: &'a SiteConfig,
    pub(super) index: &'a LinkIndex<'a>,
    pub(super) photos: &'a dyn article::AttachPhotos,
}

impl RelatedPlan {
    /// Chooses every draft's related explainers. A `related:` that is wrong is an error of its
    /// draft (returned with the draft's index); a pin that cannot be shown yet, a warning.
    #[allow(clippy::vec_box)]
    pub(super) fn new(
        root: &Path,
        drafts: &[Box<Draft>],
        config: &SiteConfig,
        warnings: &mut Vec<Warning>,
    ) -> (RelatedPlan, Vec<(usize, Error)>) {
        let count = drafts.len();
        let zone = &config.timezone;
        if config.related == 0 {
            let plan = RelatedPlan {
                chosen: vec![Vec::new(); count],
                sources: Vec::new(),
                cards: Vec::new(),
            };
            // Nothing is shown, but pins are still checked: they are wrong all the same.
            return (plan, check_pins_only(root, drafts, zone, warnings));
        }
        let (dates, tags): (Vec<Option<date::PublishDate>>, Vec<Vec<String>>) = drafts
            .par_iter()
            .map(|d| {
                let date = date::PublishDate::parse(&d.front.date, zone).ok();
                (date, tag_slugs(&d.front.tags, config.slugs))
            })
            .unzip();
        let ranks = listing_ranks(drafts, &dates);
        let by_path = by_content_path(drafts);
        let shown = |j: usize| dates[j].is_some() && may_be_shown(&drafts[j]);
        let pins = PinIndex {
            root,
            by_path: &by_path,
            shown: &shown,
        };
        let mut draft_errors = Vec::new();
        let candidates: Vec<Candidate<'_>> = drafts
            .iter()
            .enumerate()
            .map(|(i, d)| {
                let mut errors = Vec::new();
                let want = if d.front.template.as_deref() == Some(article::PAGE_TEMPLATE) {
                    // A plain page ("About") ends with no explainers.
                    Want::Off
                } else {
                    want_of(i, d, &pins, (&mut errors, &mut *warnings))
                };
                draft_errors.extend(errors.into_iter().map(|e| (i, e)));
                Candidate {
                    tags: &tags[i],
                    section: d.section.as_deref(),
                    rank: ranks[i],
                    shown: shown(i),
                    want,
                }
            })
            .collect();
        let chosen = choose(&candidates, config.related);
        let mut needed = vec![false; count];
        for &j in chosen.iter().flatten() {
            needed[j] = true;
        }
        let sources = drafts
            .iter()
            .zip(dates)
            .enumerate()
            .map(|(j, (d, date))| {
                needed[j]
                    .then(|| card_source(d, date?, config.slugs))
                    .flatten()
            })
            .collect();
        let plan = RelatedPlan {
            chosen,
            sources,
            cards: (0..count).map(|_| OnceLock::new()).collect(),
        };
        (plan, draft_errors)
    }

    /// The cards of draft `i`'s related explainers, in order, each gathered the first time
    /// any page asks for it.
    pub(super) fn cards_for(&self, i: usize, context: &CardContext<'_>) -> Vec<Arc<RelatedCard>> {
        self.chosen[i]
            .iter()
            .filter_map(|&j| {
                let source = self.sources.get(j)?.as_ref()?;
                self.cards[j]
                    .get_or_init(|| gather(j, source, context).map(Arc::new))
                    .clone()
            })
            .collect()
    }
}

/// Drops the cards of articles that did not build (their own errors left them out): `check`
/// and `serve` go on without them, as the listings do, instead of showing a broken edit.
pub(super) fn drop_left_out(articles: &mut [article::Article]) {
    let built: rustc_hash::FxHashSet<String> = articles.iter().map(|a| a.path.clone()).collect();
    for article in articles {
        article.related.retain(|card| built.contains(&card.path));
    }
}

/// The problems of every `related:` that pins articles, when no block is shown (`related: 0`
/// in site.yaml). Nothing is read for a site whose articles pin none.
#[allow(clippy::vec_box)]
fn check_pins_only(
    root: &Path,
    drafts: &[Box<Draft>],
    zone: &jiff::tz::TimeZone,
    warnings: &mut Vec<Warning>,
) -> Vec<(usize, Error)> {
    if drafts.iter().all(|d| d.front.related.is_null()) {
        return Vec::new();
    }
    let by_path = by_content_path(drafts);
    let shown = |j: usize| {
        date::PublishDate::parse(&drafts[j].front.date, zone).is_ok() && may_be_shown(&drafts[j])
    };
    let pins = PinIndex {
        root,
        by_path: &by_path,
        shown: &shown,
    };
    let mut found = Vec::new();
    for (i, draft) in drafts.iter().enumerate() {
        if draft.front.related.is_null() {
            continue;
        }
        let mut errors = Vec::new();
        want_of(i, draft, &pins, (&mut errors, &mut *warnings));
        found.extend(errors.into_iter().map(|e| (i, e)));
    }
    found
}

/// Each draft's index by its path under content/, as `@/` pins name it.
#[allow(clippy::vec_box)]
fn by_content_path(drafts: &[Box<Draft>]) -> HashMap<&str, usize> {
    drafts
        .iter()
        .enumerate()
        .map(|(i, d)| (d.file.content_path.as_str(), i))
        .collect()
}

/// Whether an article may stand under another's: live, published, listed.
fn may_be_shown(draft: &Draft) -> bool {
    draft.timing == Timing::Live
        && !draft.front.draft
        && draft.front.template.as_deref() != Some(article::PAGE_TEMPLATE)
}

/// Each draft's place in the listing order (newest first, then by title); undated ones last.
#[allow(clippy::vec_box)]
fn listing_ranks(drafts: &[Box<Draft>], dates: &[Option<date::PublishDate>]) -> Vec<usize> {
    let mut dated: Vec<usize> = (0..drafts.len()).filter(|&i| dates[i].is_some()).collect();
    dated.sort_by(|&a, &b| {
        let date = |i: usize| dates[i].as_ref().expect("dated");
        order::listing_order(
            (date(a), &drafts[a].front.title),
            (date(b), &drafts[b].front.title),
        )
    });
    let mut ranks = vec![usize::MAX; drafts.len()];
    for (rank, i) in dated.into_iter().enumerate() {
        ranks[i] = rank;
    }
    ranks
}

/// Tags by their URL form, as the tag pages group them.
fn tag_slugs(tags: &[String], style: crate::slug::SlugStyle) -> Vec<String> {
    tags.iter()
        .map(|t| crate::slug::slug_in(t, style))
        .filter(|s| !s.is_empty())
        .collect()
}

/// Copies what a card shows out of a draft that someone's page will show.
fn card_source(
    draft: &Draft,
    date: date::PublishDate,
    style: crate::slug::SlugStyle,
) -> Option<CardSource> {
    let front = &draft.front;
    // Each tag once by its URL form, as written first (each slug made once).
    let mut tags: Vec<String> = Vec::new();
    let mut slugs: Vec<String> = Vec::new();
    for tag in &front.tags {
        let slug = crate::slug::slug_in(tag, style);
        if !slug.is_empty() && !slugs.contains(&slug) {
            slugs.push(slug);
            tags.push(tag.trim().to_string());
        }
    }
    Some(CardSource {
        file: draft.file.clone(),
        title: front.title.clone(),
        dek: front.dek.clone(),
        description: front.description.clone(),
        path: draft.path.clone(),
        date: date.datetime,
        section: draft.section.clone(),
        tags,
        lead: front.image.clone(),
        lead_line: front_matter::key_location(&draft.file.shown, &draft.yaml, "image")
            .line
            .unwrap_or(1),
        count_key: front.count,
    })
}

/// Gathers one card: its lead photo through the photo table its own page uses (processed once
/// whichever page comes first), its count from the title, `count:` or its headings. `None`
/// when its file can no longer be read (its own page reports why).
fn gather(id: usize, source: &CardSource, context: &CardContext<'_>) -> Option<RelatedCard> {
    let (count, count_noun) = card_count(source, &context.config.translations)?;
    let lead = source
        .lead
        .as_ref()
        .and_then(|image| lead_photo(source, image, context));
    Some(RelatedCard {
        id,
        title: source.title.clone(),
        dek: source.dek.clone(),
        description: source
            .description
            .clone()
            .or_else(|| source.dek.clone())
            .unwrap_or_default(),
        path: source.path.clone(),
        date: source.date.clone(),
        section: source.section.clone(),
        tags: source.tags.clone(),
        lead,
        count,
        count_noun,
        built_in_card: OnceLock::new(),
    })
}

/// The count a card shows and the title's noun for it: `count:`, else the title's promise,
/// else the numbered sections of the body (a valid article has as many as it promises).
fn card_count(
    source: &CardSource,
    translations: &crate::i18n::Translations,
) -> Option<(u32, Option<String>)> {
    let counting = translations.counting();
    let promised = source
        .count_key
        .or_else(|| read_title(&source.title, 0, counting).promised);
    let count = match promised {
        Some(count) => count,
        None => {
            let text = super::io::read_text(&source.file).ok()?;
            let split = front_matter::split_front_matter(&text).ok()?;
            crate::markdown::numbered_sections(split.body)
        }
    };
    let noun = read_title(&source.title, count, counting).label(count, translations);
    Some((count, noun))
}

/// The lead photo as a card shows it: resized copies and size when it can be read, else none.
fn lead_photo(source: &CardSource, image: &LeadImage, context: &CardContext<'_>) -> Option<Figure> {
    if crate::markdown::is_script_url(&image.src) {
        return None;
    }
    let resolver = ArticleResolver {
        root: context.root,
        config: context.config,
        article_dir: parent_of(&source.file.content_path),
        index: context.index,
    };
    let (src, file) = resolver.image(&image.src).ok()?;
    let alt = image.alt.as_deref().unwrap_or_default().trim().to_string();
    let mut figure = Figure::new(src, image.src.clone(), alt, file, source.lead_line);
    // Not marked as a lead: the card needs no crops (its own page makes them). What the
    // writer gave is said, so the photo is read for nothing its own page does not read it for.
    figure.credit = image.credit.clone().filter(|c| !c.trim().is_empty());
    if image
        .caption
        .as_deref()
        .is_some_and(|c| !c.trim().is_empty())
    {
        figure.caption_html = Some(String::new());
    }
    context
        .photos
        .attach(&source.file.shown, &mut figure)
        .ok()?;
    Some(figure)
}
