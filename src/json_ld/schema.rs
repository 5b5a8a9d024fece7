//! The schema.org types stakes writes, as serde structs whose field names are the schema.org
//! property names (issue #19). Data only: which values go where is `article`'s, and making
//! the text safe inside `<script>` is `script`'s. Everything borrows from the loaded site, and
//! absolute URLs are [`Link`]s written straight into the output, so a block costs no
//! allocation per URL.

use std::borrow::Cow;
use std::fmt;

use serde::{Serialize, Serializer};

use crate::content::TagRef;

/// An absolute URL written in up to three parts (`https://news.example`, `/world/vote/`,
/// `#anchor`), joined only as it is written out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Link<'a> {
    /// Scheme and host, or the whole base URL; empty when `path` is already absolute.
    pub base: &'a str,
    /// The rest of the URL.
    pub path: &'a str,
    /// A fragment, written after a `#`.
    pub anchor: Option<&'a str>,
}

impl<'a> Link<'a> {
    /// A URL that is already whole.
    pub fn whole(url: &'a str) -> Link<'a> {
        Link {
            base: "",
            path: url,
            anchor: None,
        }
    }

    /// A link we generated (root-relative, or already absolute for remote photos) made absolute
    /// against the site's origin (`https://news.example`).
    pub fn from_site_link(origin: &'a str, link: &'a str) -> Link<'a> {
        if link.starts_with('/') && !link.starts_with("//") {
            Link {
                base: origin,
                path: link,
                anchor: None,
            }
        } else {
            Link::whole(link)
        }
    }
}

impl fmt::Display for Link<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.base)?;
        f.write_str(self.path)?;
        if let Some(anchor) = self.anchor {
            f.write_str("#")?;
            f.write_str(anchor)?;
        }
        Ok(())
    }
}

impl Serialize for Link<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

/// `NewsArticle` (or `WebPage` for a plain page): the block of an article's page.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewsArticle<'a> {
    #[serde(rename = "@context")]
    pub context: &'static str,
    /// `NewsArticle`, or `WebPage` for a plain page.
    #[serde(rename = "@type")]
    pub kind: &'static str,
    pub headline: &'a str,
    pub description: &'a str,
    pub date_published: &'a str,
    pub date_modified: &'a str,
    pub author: Vec<Person<'a>>,
    pub publisher: Organization<'a>,
    /// The page itself, carrying the breadcrumb trail.
    pub main_entity_of_page: WebPage<'a>,
    pub url: &'a str,
    pub in_language: &'a str,
    /// The lead photo and every figure of the body, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub image: Vec<ImageObject<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub article_section: Option<&'a str>,
    #[serde(
        skip_serializing_if = "<[TagRef]>::is_empty",
        serialize_with = "tag_names"
    )]
    pub keywords: &'a [TagRef],
    /// Words of running text (an `Article` property: left out of plain pages).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub word_count: Option<usize>,
    pub is_accessible_for_free: bool,
    /// The numbered sections, in order (see the README on `hasPart`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub has_part: Option<ItemList<'a>>,
    /// Corrections, each a `CorrectionComment` (issue #18).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub correction: Vec<CorrectionComment<'a>>,
}

/// The tags' names, as `keywords`.
fn tag_names<S: Serializer>(tags: &&[TagRef], serializer: S) -> Result<S::Ok, S::Error> {
    serializer.collect_seq(tags.iter().map(|tag| tag.name.as_str()))
}

/// A writer or photographer. Built from a byline name with the author page's URL; the other
/// fields are for what `authors.yaml` knows (role, profiles, portrait).
#[derive(Debug, Clone, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Person<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub name: &'a str,
    /// The author page, absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
    /// "Europe correspondent".
    #[serde(skip_serializing_if = "Option::is_none")]
    pub job_title: Option<&'a str>,
    /// Profile URLs elsewhere.
    #[serde(skip_serializing_if = "<[String]>::is_empty")]
    pub same_as: &'a [String],
    /// A portrait, absolute.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
}

impl<'a> Person<'a> {
    /// A person known by name alone.
    pub fn named(name: &'a str) -> Person<'a> {
        Person {
            kind: "Person",
            name,
            url: None,
            job_title: None,
            same_as: &[],
            image: None,
        }
    }
}

/// The publisher (`site.yaml` `publisher:`).
#[derive(Debug, Serialize)]
pub struct Organization<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub name: &'a str,
    pub url: &'a str,
    /// The logo copy fitting 600×60.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub logo: Option<ImageObject<'a>>,
}

impl<'a> Organization<'a> {
    /// The organisation called `name` at `url`.
    pub fn new(name: &'a str, url: &'a str, logo: Option<ImageObject<'a>>) -> Organization<'a> {
        Organization {
            kind: "Organization",
            name,
            url,
            logo,
        }
    }
}

/// A published photo with what it says about itself.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ImageObject<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub url: Link<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub width: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub height: Option<u32>,
    /// The caption as plain text.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub caption: Option<Cow<'a, str>>,
    /// The credit as printed under the photo.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub credit_text: Option<&'a str>,
    /// The photographer(s), from the photo's IPTC/XMP.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub creator: Vec<Person<'a>>,
    /// The copyright notice, from the photo's IPTC/XMP.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub copyright_notice: Option<&'a str>,
}

impl<'a> ImageObject<'a> {
    /// An image at `url`, nothing else known yet.
    pub fn at(url: Link<'a>) -> ImageObject<'a> {
        ImageObject {
            kind: "ImageObject",
            url,
            width: None,
            height: None,
            caption: None,
            credit_text: None,
            creator: Vec::new(),
            copyright_notice: None,
        }
    }
}

/// The page an article is the main entity of, with its breadcrumb trail.
#[derive(Debug, Serialize)]
pub struct WebPage<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    #[serde(rename = "@id")]
    pub id: &'a str,
    pub breadcrumb: BreadcrumbList<'a>,
}

impl<'a> WebPage<'a> {
    /// The page at `id` (its absolute URL).
    pub fn new(id: &'a str, breadcrumb: BreadcrumbList<'a>) -> WebPage<'a> {
        WebPage {
            kind: "WebPage",
            id,
            breadcrumb,
        }
    }
}

/// Home › section › page.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct BreadcrumbList<'a> {
    #[serde(rename = "@context", skip_serializing_if = "Option::is_none")]
    pub context: Option<&'static str>,
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub item_list_element: Vec<ListItem<'a>>,
}

impl<'a> BreadcrumbList<'a> {
    /// The trail of `(name, absolute URL)` steps, first to last.
    pub fn new(steps: impl IntoIterator<Item = (&'a str, Link<'a>)>) -> BreadcrumbList<'a> {
        BreadcrumbList {
            context: None,
            kind: "BreadcrumbList",
            item_list_element: steps
                .into_iter()
                .enumerate()
                .map(|(i, (name, link))| ListItem {
                    kind: "ListItem",
                    position: i + 1,
                    name,
                    url: None,
                    item: Some(link),
                })
                .collect(),
        }
    }
}

/// The numbered sections of an article ("the things at stake").
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ItemList<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    /// "Five things at stake".
    pub name: String,
    pub number_of_items: usize,
    pub item_list_element: Vec<ListItem<'a>>,
}

impl<'a> ItemList<'a> {
    /// The list called `name` of `(heading, absolute URL with anchor)` entries, in order.
    pub fn new(name: String, entries: impl IntoIterator<Item = (&'a str, Link<'a>)>) -> Self {
        let item_list_element: Vec<ListItem<'a>> = entries
            .into_iter()
            .enumerate()
            .map(|(i, (name, link))| ListItem {
                kind: "ListItem",
                position: i + 1,
                name,
                url: Some(link),
                item: None,
            })
            .collect();
        ItemList {
            kind: "ItemList",
            name,
            number_of_items: item_list_element.len(),
            item_list_element,
        }
    }
}

/// One entry of an [`ItemList`] (with `url`) or a [`BreadcrumbList`] (with `item`, as
/// Google's breadcrumbs ask).
#[derive(Debug, Serialize)]
pub struct ListItem<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub position: usize,
    pub name: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub url: Option<Link<'a>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub item: Option<Link<'a>>,
}

/// A correction note (issue #18).
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CorrectionComment<'a> {
    #[serde(rename = "@type")]
    pub(super) kind: &'static str,
    pub text: &'a str,
    pub date_published: &'a str,
}

impl<'a> CorrectionComment<'a> {
    /// The correction `text`, made at `date`.
    pub fn new(text: &'a str, date: &'a str) -> CorrectionComment<'a> {
        CorrectionComment {
            kind: "CorrectionComment",
            text,
            date_published: date,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_join_their_parts_when_written() {
        let link = Link {
            base: "https://news.example",
            path: "/world/vote/",
            anchor: Some("the-budget"),
        };
        assert_eq!(
            serde_json::to_string(&link).unwrap(),
            r#""https://news.example/world/vote/#the-budget""#
        );
        assert_eq!(
            Link::from_site_link("https://n.example", "/a.jpg").to_string(),
            "https://n.example/a.jpg"
        );
        for whole in ["https://cdn.example/a.jpg", "//cdn.example/a.jpg"] {
            assert_eq!(
                Link::from_site_link("https://n.example", whole).to_string(),
                whole
            );
        }
    }

    #[test]
    fn lists_number_their_entries_from_one() {
        let link = Link::whole("https://n.example/");
        let list = ItemList::new("Two things".into(), [("A", link), ("B", link)]);
        let json = serde_json::to_value(&list).unwrap();
        assert_eq!(json["numberOfItems"], 2);
        assert_eq!(json["itemListElement"][1]["position"], 2);
        assert_eq!(json["itemListElement"][1]["url"], "https://n.example/");
        assert!(json["itemListElement"][1].get("item").is_none());
        let crumbs = serde_json::to_value(BreadcrumbList::new([("Home", link)])).unwrap();
        assert_eq!(crumbs["itemListElement"][0]["item"], "https://n.example/");
        assert!(crumbs["itemListElement"][0].get("url").is_none());
    }
}
