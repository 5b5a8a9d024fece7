//! Fills the schema.org types from the loaded site: which of an article's values become which
//! property. Must not decide how the JSON is escaped (`script`) nor know templates.

use std::borrow::Cow;

use crate::authors::AuthorCard;
use crate::config::SiteConfig;
use crate::content::Article;
use crate::markdown::{Crop, Figure};

use super::schema::{
    BreadcrumbList, CorrectionComment, ImageObject, ItemList, Link, NewsArticle, Organization,
    Person, WebPage,
};
use super::script::to_script_json;

/// One step of a breadcrumb trail: a page's name and absolute URL.
#[derive(Debug, Clone)]
pub struct Crumb<'a> {
    /// What the step is called (the site's title, a section's, the headline).
    pub name: &'a str,
    /// Its absolute URL.
    pub url: String,
}

/// What an article's block is made from besides the article itself.
pub struct ArticlePage<'a> {
    pub config: &'a SiteConfig,
    pub article: &'a Article,
    /// The page's absolute URL.
    pub permalink: &'a str,
    /// The title of the article's section, if any.
    pub section: Option<&'a str>,
    /// Home › section(s) › the article.
    pub crumbs: &'a [Crumb<'a>],
    /// The authors, in byline order.
    pub authors: Vec<Person<'a>>,
    /// What the numbered sections are called, with their count ("Five things at stake").
    pub list_name: String,
}

/// The article page's block, script-safe.
pub fn article_block(page: ArticlePage<'_>) -> String {
    let ArticlePage {
        config,
        article,
        permalink,
        ..
    } = page;
    let plain_page = article.is_page();
    let numbered = article.body.sections.iter().filter(|s| s.number.is_some());
    let has_part = (article.count > 0).then(|| {
        ItemList::new(
            page.list_name,
            numbered.clone().map(|section| {
                let url = Link {
                    base: permalink,
                    path: "",
                    anchor: Some(&section.id),
                };
                (section.title_text.as_str(), url)
            }),
        )
    });
    // The lead photo's crops (16:9, 4:3, 1:1) first, as search engines pick from the first
    // images; then every figure as published, the lead included.
    let crops = article.lead.iter().flat_map(|lead| {
        lead.crops
            .iter()
            .map(move |crop| crop_object(config, lead, crop))
    });
    let image: Vec<ImageObject<'_>> = crops
        .chain(article.figures().map(|figure| image_object(config, figure)))
        .collect();
    let expected_len = 1024
        + 2 * (article.title.len() + article.description.len())
        + numbered
            .map(|s| s.title_text.len() + s.id.len() + permalink.len() + 64)
            .sum::<usize>()
        + image.iter().map(|i| 320 + caption_len(i)).sum::<usize>();
    let block = NewsArticle {
        context: "https://schema.org",
        kind: if plain_page { "WebPage" } else { "NewsArticle" },
        headline: &article.title,
        description: &article.description,
        date_published: &article.date.datetime,
        date_modified: &article.modified().datetime,
        author: page.authors,
        publisher: publisher(config),
        main_entity_of_page: WebPage::new(permalink, breadcrumbs(page.crumbs)),
        url: permalink,
        in_language: &config.language,
        image,
        // `articleSection` and `wordCount` are properties of articles, not of web pages.
        article_section: page.section.filter(|_| !plain_page),
        keywords: &article.tags,
        word_count: (!plain_page).then_some(article.body.word_count),
        // Static pages have no paywall: every explainer is free to read.
        is_accessible_for_free: true,
        has_part,
        correction: article
            .notes
            .corrections
            .iter()
            .map(|note| CorrectionComment::new(&note.text, &note.date.datetime))
            .collect(),
    };
    to_script_json(&block, expected_len)
}

/// A section page's block: its `BreadcrumbList`, script-safe.
pub fn section_block(crumbs: &[Crumb<'_>]) -> String {
    let mut list = breadcrumbs(crumbs);
    list.context = Some("https://schema.org");
    to_script_json(&list, 128 + crumbs.len() * 128)
}

/// The people of a byline: each with their author page, role, profiles and portrait when the
/// site has author pages (`card` finds an author's by the name as written), by name otherwise.
pub fn author_people<'a>(
    names: &'a [String],
    card: impl Fn(&str) -> Option<&'a AuthorCard>,
) -> Vec<Person<'a>> {
    names
        .iter()
        .map(|name| match card(name) {
            Some(card) => Person {
                url: Some(card.url.clone()),
                job_title: card.role.as_deref(),
                same_as: &card.same_as,
                image: card.image.clone(),
                ..Person::named(name)
            },
            None => Person::named(name),
        })
        .collect()
}

fn breadcrumbs<'a>(crumbs: &'a [Crumb<'a>]) -> BreadcrumbList<'a> {
    BreadcrumbList::new(
        crumbs
            .iter()
            .map(|crumb| (crumb.name, Link::whole(&crumb.url))),
    )
}

fn publisher(config: &SiteConfig) -> Organization<'_> {
    let logo = config.publisher.logo.as_ref().map(|logo| ImageObject {
        width: Some(logo.width),
        height: Some(logo.height),
        ..ImageObject::at(Link {
            base: &config.base_url,
            path: &logo.output,
            anchor: None,
        })
    });
    Organization::new(&config.publisher.name, &config.publisher.url, logo)
}

/// A figure's photo: its largest published copy (the one `width` and `height` describe), its
/// caption as text, its credit, and the photographer and copyright its metadata names.
fn image_object<'a>(config: &'a SiteConfig, figure: &'a Figure) -> ImageObject<'a> {
    let src = figure.largest_src.as_deref().unwrap_or(&figure.src);
    ImageObject {
        width: figure.width,
        height: figure.height,
        caption: figure.caption_html.as_deref().map(html_to_text),
        credit_text: figure.credit.as_deref(),
        creator: figure
            .creator
            .iter()
            .map(|name| Person::named(name))
            .collect(),
        copyright_notice: figure.copyright.as_deref(),
        ..ImageObject::at(Link::from_site_link(config.origin(), src))
    }
}

/// One crop of a lead photo: the photo's caption, credit and rights at the crop's size.
fn crop_object<'a>(config: &'a SiteConfig, lead: &'a Figure, crop: &'a Crop) -> ImageObject<'a> {
    ImageObject {
        url: Link::from_site_link(config.origin(), &crop.src),
        width: Some(crop.width),
        height: Some(crop.height),
        ..image_object(config, lead)
    }
}

fn caption_len(image: &ImageObject<'_>) -> usize {
    image.caption.as_ref().map_or(0, |c| c.len()) + image.credit_text.map_or(0, str::len)
}

/// A caption's inline HTML as text: tags dropped, the entities our renderer writes decoded.
/// Captions come from the checked Markdown path, where every `<` of the text is escaped, so
/// every `<` starts a tag and no attribute holds a `>`.
fn html_to_text(html: &str) -> Cow<'_, str> {
    if !html.contains(['<', '&']) {
        return Cow::Borrowed(html);
    }
    let mut text = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(at) = rest.find(['<', '&']) {
        text.push_str(&rest[..at]);
        rest = &rest[at..];
        if rest.starts_with('<') {
            rest = rest.find('>').map_or("", |end| &rest[end + 1..]);
            continue;
        }
        let entity = rest.find(';').map_or(rest, |end| &rest[..=end]);
        match decode_entity(entity) {
            Some(c) => {
                text.push(c);
                rest = &rest[entity.len()..];
            }
            None => {
                text.push('&');
                rest = &rest[1..];
            }
        }
    }
    text.push_str(rest);
    Cow::Owned(text)
}

/// `&amp;` → `&`, `&#39;` → `'`, `&#x2019;` → `’`.
fn decode_entity(entity: &str) -> Option<char> {
    let name = entity.strip_prefix('&')?.strip_suffix(';')?;
    match name {
        "amp" => Some('&'),
        "lt" => Some('<'),
        "gt" => Some('>'),
        "quot" => Some('"'),
        "apos" => Some('\''),
        "nbsp" => Some('\u{a0}'),
        _ => {
            let number = name.strip_prefix('#')?;
            let code = match number.strip_prefix(['x', 'X']) {
                Some(hex) => u32::from_str_radix(hex, 16).ok()?,
                None => number.parse().ok()?,
            };
            char::from_u32(code)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn captions_lose_their_markup_and_keep_their_text() {
        assert!(matches!(html_to_text("Plain"), Cow::Borrowed("Plain")));
        assert_eq!(
            html_to_text(r#"The <em>old</em> <a href="/a/?x=1&amp;y=2">port</a> &amp; &lt;b&gt;"#),
            "The old port & <b>"
        );
        assert_eq!(
            html_to_text("Tom&#39;s &#x2019; &unknown; & x"),
            "Tom's ’ &unknown; & x"
        );
        assert_eq!(html_to_text("cut <em"), "cut ");
    }

    #[test]
    fn a_byline_name_with_an_author_page_carries_its_card() {
        let card = AuthorCard {
            name: "Ana Ruiz".to_string(),
            link: "/authors/ana/".to_string(),
            url: "https://news.example/authors/ana/".to_string(),
            role: Some("Europe correspondent".to_string()),
            image: None,
            same_as: vec!["https://social.example/ana".to_string()],
        };
        let names = ["Ana Ruiz".to_string(), "The Desk".to_string()];
        let people = author_people(&names, |name| (name == "Ana Ruiz").then_some(&card));
        assert_eq!(
            people[0].url.as_deref(),
            Some("https://news.example/authors/ana/")
        );
        assert_eq!(people[0].job_title, Some("Europe correspondent"));
        assert_eq!(
            people[0].same_as,
            ["https://social.example/ana".to_string()]
        );
        assert_eq!(people[1].url, None);
    }
}
