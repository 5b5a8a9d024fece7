//! The one list of everything a site generates besides its articles' own pages — listing pages,
//! the tag index, the feed, sitemaps, the 404 page, robots.txt, the stylesheet — with the path
//! of each and what it is, in words. A new generator (search, author pages …) adds its outputs
//! here: rendering plans its jobs from this list, and the clash check refuses an article whose
//! page would land on any of them, naming the page it collides with (issue #16). The list
//! depends only on how many articles each listing holds, so it is known from front matter
//! alone, before any article is written.

use rustc_hash::FxHashMap as HashMap;

use super::Job;
use crate::authors::{author_feed_path, author_path, Authors};
use crate::config::SiteConfig;
use crate::content::{ListingFacts, Section};

/// The Google News sitemap's file (issue #18).
pub const NEWS_SITEMAP: &str = "news-sitemap.xml";

/// A sitemap holds at most this many URLs; past it we write a sitemap index.
pub const SITEMAP_LIMIT: usize = 50_000;

/// One tag's listing: its URL form, its name as first written, how many articles it lists.
#[derive(Debug, Clone)]
pub struct TagSize {
    /// URL form.
    pub slug: String,
    /// Name shown.
    pub name: String,
    /// Listed articles.
    pub articles: usize,
    /// Of those, the ones the sitemap has (not drafts, not scheduled): a tag page only a
    /// scheduled article makes is left out of the sitemap of a `--future` preview (the trial
    /// of #18).
    pub public: usize,
}

/// How many articles each listing holds: all the list of outputs depends on.
#[derive(Debug, Default, Clone)]
pub struct ListingSizes {
    /// Articles on the home listing.
    pub home: usize,
    /// Articles of each section, by its index among the site's sections (subsections' included).
    pub sections: Vec<usize>,
    /// Of those, the ones the sitemap has, as for [`TagSize::public`].
    pub public_in_sections: Vec<usize>,
    /// Every tag with a listed article, ordered by slug.
    pub tags: Vec<TagSize>,
    /// Every author with a page, in the order of [`crate::authors::Authors::list`] (by
    /// slug), counted as tags are (issue #19).
    pub authors: Vec<TagSize>,
    /// Whether the site makes author pages, and so the author index (it has `authors.yaml`).
    pub author_pages: bool,
    /// Articles and pages that are not drafts: the sitemap lists them.
    pub published: usize,
}

impl ListingSizes {
    /// The sizes the listings will have, counted from every article's front matter the way
    /// the renderer lists the built articles (a tag counted once per article, by its slug).
    /// `sections` are the site's section keys, in the order of its sections.
    pub fn from_front_matter<'a>(
        sections: &[&str],
        articles: impl Iterator<Item = ListingFacts<'a>>,
        style: crate::slug::SlugStyle,
    ) -> ListingSizes {
        let section_index: HashMap<&str, usize> = sections
            .iter()
            .enumerate()
            .map(|(i, &key)| (key, i))
            .collect();
        let mut sizes = ListingSizes {
            sections: vec![0; sections.len()],
            public_in_sections: vec![0; sections.len()],
            ..ListingSizes::default()
        };
        let articles: Vec<ListingFacts<'a>> = articles.collect();
        // A site has few distinct tags on many articles: each name is made a slug once.
        let mut slugs: HashMap<&str, String> = HashMap::default();
        for name in articles.iter().filter(|a| !a.page).flat_map(|a| a.tags) {
            slugs
                .entry(name.as_str())
                .or_insert_with(|| crate::slug::slug_in(name, style));
        }
        let mut tags: HashMap<&str, (&str, usize, usize)> = HashMap::default();
        let mut seen: Vec<&str> = Vec::new();
        for article in &articles {
            sizes.published += usize::from(!article.draft);
            if article.page {
                continue;
            }
            sizes.home += 1;
            if let Some(key) = article.section {
                for (end, _) in key.match_indices('/').chain([(key.len(), "")]) {
                    if let Some(&s) = section_index.get(&key[..end]) {
                        sizes.sections[s] += 1;
                        sizes.public_in_sections[s] += usize::from(!article.draft);
                    }
                }
            }
            seen.clear();
            for name in article.tags {
                let slug = slugs[name.as_str()].as_str();
                if slug.is_empty() || seen.contains(&slug) {
                    continue;
                }
                seen.push(slug);
                let counts = tags.entry(slug).or_insert((name.trim(), 0, 0));
                counts.1 += 1;
                counts.2 += usize::from(!article.draft);
            }
        }
        sizes.tags = tags
            .into_iter()
            .map(|(slug, (name, articles, public))| TagSize {
                slug: slug.to_string(),
                name: name.to_string(),
                articles,
                public,
            })
            .collect();
        sizes.tags.sort_by(|a, b| a.slug.cmp(&b.slug));
        sizes
    }
}

/// Every output of a site besides its articles' pages.
#[derive(Debug, Clone)]
pub struct Outputs<'a> {
    config: &'a SiteConfig,
    sections: &'a [Section],
    sizes: ListingSizes,
    stylesheet: &'a str,
    /// [`SITEMAP_LIMIT`], smaller in tests so that splitting needs no 50,000 pages.
    pub(crate) sitemap_limit: usize,
    /// Whether `news-sitemap.xml` is written: switched on, and some article is recent (the
    /// trial of #18: an empty `<urlset>` is invalid, and Google flags it). Front matter alone
    /// does not say; the renderer does.
    pub(crate) news_sitemap: bool,
}

impl<'a> Outputs<'a> {
    /// The outputs of a site with these sections, listing sizes and stylesheet file name.
    pub fn new(
        config: &'a SiteConfig,
        sections: &'a [Section],
        sizes: ListingSizes,
        stylesheet: &'a str,
    ) -> Self {
        Outputs {
            config,
            sections,
            sizes,
            stylesheet,
            sitemap_limit: SITEMAP_LIMIT,
            news_sitemap: config.news_sitemap,
        }
    }

    /// How many pages the sitemap lists: home, every published article and page, every
    /// section with articles, every tag.
    pub fn sitemap_len(&self) -> usize {
        let sections = self
            .sizes
            .public_in_sections
            .iter()
            .filter(|&&n| n > 0)
            .count();
        let tags = self.sizes.tags.iter().filter(|t| t.public > 0).count();
        let authors = self.sizes.authors.iter().filter(|a| a.public > 0).count();
        1 + self.sizes.published + sections + tags + authors
    }

    /// Whether the sitemap lists author `a`'s page (by its index): some article naming
    /// them is public, as for tags.
    pub fn author_in_sitemap(&self, a: usize) -> bool {
        self.sizes.authors[a].public > 0
    }

    /// Whether the sitemap lists section `s` (by its index): some article in it is public.
    pub fn section_in_sitemap(&self, s: usize) -> bool {
        self.sizes.public_in_sections[s] > 0
    }

    /// Whether the sitemap lists tag `t` (by its index): some article with it is public.
    pub fn tag_in_sitemap(&self, t: usize) -> bool {
        self.sizes.tags[t].public > 0
    }

    /// The sitemap's jobs: one sitemap, or its parts and an index of them.
    pub fn sitemap_jobs(&self) -> Vec<Job> {
        let urls = self.sitemap_len();
        if urls <= self.sitemap_limit {
            vec![Job::Sitemap(None)]
        } else {
            let mut jobs: Vec<Job> = (1..=urls.div_ceil(self.sitemap_limit))
                .map(|n| Job::Sitemap(Some(n)))
                .collect();
            jobs.push(Job::SitemapIndex);
            jobs
        }
    }

    /// Every output: the list generators add to.
    pub fn jobs(&self) -> Vec<Job> {
        let per_page = &self.config.per_page;
        // The longest jobs first (the sitemap is one render of every URL, ~8 ms for 10,000
        // articles; the feed renders twenty bodies): last, they ran on one core while the
        // other had nothing left to take.
        let mut jobs = self.sitemap_jobs();
        jobs.push(Job::Feed);
        jobs.extend((1..=pages(self.sizes.home, per_page.home)).map(Job::Home));
        for (s, &n) in self.sizes.sections.iter().enumerate() {
            jobs.extend((1..=pages(n, per_page.section)).map(|p| Job::Section(s, p)));
        }
        for (t, tag) in self.sizes.tags.iter().enumerate() {
            jobs.extend((1..=pages(tag.articles, per_page.tag)).map(|p| Job::Tag(t, p)));
        }
        for (a, author) in self.sizes.authors.iter().enumerate() {
            jobs.extend((1..=pages(author.articles, per_page.author)).map(|p| Job::Author(a, p)));
            jobs.push(Job::AuthorFeed(a));
        }
        jobs.extend([Job::TagIndex, Job::NotFound, Job::Stylesheet]);
        // One robots.txt per host: another language's edition under `/<tag>/` is listed in
        // the root's (issue #21).
        if self.config.serves_robots() {
            jobs.push(Job::Robots);
        }
        if self.sizes.author_pages {
            jobs.push(Job::AuthorIndex);
        }
        if self.config.search {
            jobs.extend([Job::Search, Job::SearchScript]);
        }
        if self.news_sitemap {
            jobs.push(Job::NewsSitemap);
        }
        if self.config.publisher.logo.is_some() {
            jobs.push(Job::PublisherLogo);
        }
        jobs
    }

    /// The file an output is written to, relative to the output root.
    pub fn path_of(&self, job: Job) -> String {
        match job {
            Job::Article(_) => unreachable!("an article's page is not a generated output"),
            Job::Home(page) => listing_file("", page),
            Job::Section(s, page) => listing_file(&section_path(&self.sections[s].key), page),
            Job::Tag(t, page) => listing_file(&tag_path(&self.sizes.tags[t].slug), page),
            Job::TagIndex => "tags/index.html".to_string(),
            Job::Author(a, page) => listing_file(&author_path(&self.sizes.authors[a].slug), page),
            Job::AuthorFeed(a) => author_feed_path(&self.sizes.authors[a].slug),
            Job::AuthorIndex => AUTHOR_INDEX.to_string(),
            Job::Feed => "atom.xml".to_string(),
            Job::Sitemap(None) | Job::SitemapIndex => "sitemap.xml".to_string(),
            Job::Sitemap(Some(n)) => format!("sitemap-{n}.xml"),
            Job::NewsSitemap => NEWS_SITEMAP.to_string(),
            Job::NotFound => "404.html".to_string(),
            Job::Robots => "robots.txt".to_string(),
            Job::Stylesheet => self.stylesheet.to_string(),
            Job::PublisherLogo => self
                .config
                .publisher
                .logo
                .as_ref()
                .map_or_else(String::new, |logo| logo.output.clone()),
            Job::Search => format!("{}/index.html", crate::search::SEARCH_DIR),
            Job::SearchScript => crate::templates::search_script_path(),
        }
    }

    /// What an output is, for messages: "page 2 of the section `world` listing".
    pub fn describe(&self, job: Job) -> String {
        let listing = |what: String, page: usize| {
            if page == 1 {
                what
            } else {
                format!("page {page} of {what}")
            }
        };
        match job {
            Job::Article(_) => unreachable!("an article's page is not a generated output"),
            Job::Home(page) => listing("the home page listing".to_string(), page),
            Job::Section(s, page) => listing(
                format!("the section `{}` listing", self.sections[s].key),
                page,
            ),
            Job::Tag(t, page) => listing(
                format!("the tag `{}` listing", self.sizes.tags[t].name),
                page,
            ),
            Job::TagIndex => "the topic index".to_string(),
            Job::Author(a, page) => listing(
                format!("the author page of `{}`", self.sizes.authors[a].name),
                page,
            ),
            Job::AuthorFeed(a) => format!("the Atom feed of `{}`", self.sizes.authors[a].name),
            Job::AuthorIndex => "the author index".to_string(),
            Job::Feed => "the Atom feed".to_string(),
            Job::Sitemap(None) | Job::SitemapIndex => "the sitemap".to_string(),
            Job::Sitemap(Some(n)) => format!("part {n} of the sitemap"),
            Job::NewsSitemap => "the Google News sitemap".to_string(),
            Job::NotFound => "the 404 page".to_string(),
            Job::Robots => "the generated robots.txt".to_string(),
            Job::Stylesheet => "the theme's stylesheet".to_string(),
            Job::PublisherLogo => "the publisher's logo for JSON-LD".to_string(),
            Job::Search => "the search page".to_string(),
            Job::SearchScript => "the search page's script".to_string(),
        }
    }

    /// Every output that is a page (`…/index.html`), by its site path (`world/page/2/`): the
    /// ones an article could land on.
    pub fn pages(&self) -> HashMap<String, Job> {
        self.jobs()
            .into_iter()
            .filter_map(|job| {
                let file = self.path_of(job);
                let page = file.strip_suffix("index.html")?;
                (page.is_empty() || page.ends_with('/')).then(|| (page.to_string(), job))
            })
            .collect()
    }
}

/// Number of pages for `n` items, at least one (an empty listing still has a page).
pub fn pages(n: usize, per_page: usize) -> usize {
    n.div_ceil(per_page).max(1)
}

/// The site path of page `page` of the listing at `base` (`world/` → `world/page/2/`).
pub fn listing_page(base: &str, page: usize) -> String {
    if page == 1 {
        base.to_string()
    } else {
        format!("{base}page/{page}/")
    }
}

/// The site path of the section `key`'s listing (`world/africa` → `world/africa/`).
pub fn section_path(key: &str) -> String {
    format!("{key}/")
}

/// The site path of the listing of the tag `slug` (`vote` → `tags/vote/`).
pub(super) fn tag_path(slug: &str) -> String {
    format!("tags/{slug}/")
}

/// The author index's file (issue #19).
pub const AUTHOR_INDEX: &str = "authors/index.html";

/// The sizes of the author pages, from the authors known from front matter.
pub fn author_sizes(authors: &Authors) -> Vec<TagSize> {
    authors
        .list
        .iter()
        .map(|a| TagSize {
            slug: a.slug.clone(),
            name: a.name.clone(),
            articles: a.articles,
            public: a.public,
        })
        .collect()
}

/// The file of page `page` of the listing at `base` (`world/` → `world/page/2/index.html`).
fn listing_file(base: &str, page: usize) -> String {
    crate::content::page_file(&listing_page(base, page))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn listings_always_have_a_page() {
        assert_eq!(pages(0, 10), 1);
        assert_eq!(pages(10, 10), 1);
        assert_eq!(pages(11, 10), 2);
    }

    #[test]
    fn sizes_from_front_matter_count_tags_once_per_article_and_sections_with_parents() {
        let sections = ["world", "world/europe"];
        let tags = |names: &[&str]| names.iter().map(|n| n.to_string()).collect::<Vec<_>>();
        let (a, b, c) = (
            tags(&["Vote", "vote", "EU"]),
            tags(&["EU"]),
            tags(&["Vote"]),
        );
        let facts = [
            (false, false, Some("world/europe"), &a),
            (false, true, Some("world"), &b),
            (true, false, None, &c),
        ];
        let sizes = ListingSizes::from_front_matter(
            &sections,
            facts
                .iter()
                .map(|&(page, draft, section, tags)| ListingFacts {
                    page,
                    draft,
                    section,
                    tags,
                }),
            crate::slug::SlugStyle::Ascii,
        );
        assert_eq!(sizes.home, 2);
        assert_eq!(sizes.sections, vec![2, 1]);
        assert_eq!(sizes.published, 2);
        let tags: Vec<(&str, usize)> = sizes
            .tags
            .iter()
            .map(|t| (t.slug.as_str(), t.articles))
            .collect();
        assert_eq!(tags, vec![("eu", 2), ("vote", 1)]);
    }
}
