//! Which jobs a site has, which of them a change touches, where each one's output goes, and
//! dispatching a job to the module that renders it. Owns `Renderer` and the cache the preview
//! server keeps between rebuilds. Must not build any page's template values itself (that is
//! `article`, `listings` and `feeds`) nor keep its own list of outputs (that is `outputs`).

use crate::config::SiteConfig;
use crate::content::Content;
use crate::error::{Error, Location, Result};
use crate::templates::{PageContext, Prepared, Theme};

use super::article::{check_templates, Frame};
use super::listings::{every_summary, summary_value, ListingKind, Listings, TagListing};
use super::outputs::{ListingSizes, Outputs, TagSize};
use super::{Job, Rendered};

/// What a renderer prepared that the next one may reuse when only one article's text changed.
#[derive(Debug)]
pub struct RenderCache {
    summaries: Vec<Prepared>,
    listings: Listings,
}

/// Everything rendering needs, computed once per build.
pub struct Renderer<'a> {
    pub(super) config: &'a SiteConfig,
    pub(super) content: &'a Content,
    pub(super) theme: &'a Theme,
    pub(super) frame: Frame<'a>,
    pub(super) summaries: Vec<Prepared>,
    pub(super) listed: Vec<usize>,
    pub(super) section_articles: Vec<Vec<usize>>,
    pub(super) tags: Vec<TagListing>,
    /// Each author's articles, by index in `Authors::list` (issue #19).
    pub(super) authors: Vec<Vec<usize>>,
    /// Every output besides the articles' pages.
    pub(super) outputs: Outputs<'a>,
}

impl<'a> Renderer<'a> {
    /// Indexes the content for listings; fails if an article names a template that does not
    /// exist.
    pub fn new(config: &'a SiteConfig, content: &'a Content, theme: &'a Theme) -> Result<Self> {
        check_templates(theme, content.articles.iter())?;
        let frame = Frame::new(config, theme, &content.sections, &content.authors);
        // The listings' indexes are built on one thread while the summaries take the others.
        let (summaries, listings) = rayon::join(
            || every_summary(&frame, content),
            || Listings::build(content),
        );
        let cache = RenderCache {
            summaries: summaries?,
            listings,
        };
        Ok(Self::assemble(frame, content, cache))
    }

    /// A renderer for the same articles in the same order as the one that gave `cache` (the
    /// preview server keeps it between rebuilds). `refreshed` names an article edited in place,
    /// whose summary is prepared again; with `None` (a template change) every article's template
    /// is checked again.
    pub fn from_cache(
        config: &'a SiteConfig,
        content: &'a Content,
        theme: &'a Theme,
        mut cache: RenderCache,
        refreshed: Option<usize>,
    ) -> Result<Self> {
        let frame = Frame::new(config, theme, &content.sections, &content.authors);
        match refreshed {
            Some(i) => {
                check_templates(theme, std::iter::once(&content.articles[i]))?;
                cache.summaries[i] = summary_value(&frame, content, &content.articles[i])?;
            }
            None => {
                check_templates(theme, content.articles.iter())?;
                // A changed template may be the card's, or may start or stop using cards.
                if theme.renders_cards() {
                    cache.summaries = every_summary(&frame, content)?;
                }
            }
        }
        Ok(Self::assemble(frame, content, cache))
    }

    fn assemble(frame: Frame<'a>, content: &'a Content, cache: RenderCache) -> Self {
        let listings = &cache.listings;
        let public = |list: &[usize]| {
            list.iter()
                .filter(|&&i| content.articles[i].in_sitemap())
                .count()
        };
        let sizes = ListingSizes {
            public_in_sections: listings
                .section_articles
                .iter()
                .map(|list| public(list))
                .collect(),
            home: listings.listed.len(),
            sections: listings.section_articles.iter().map(Vec::len).collect(),
            tags: listings
                .tags
                .iter()
                .map(|t| TagSize {
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                    articles: t.articles.len(),
                    public: public(&t.articles),
                })
                .collect(),
            published: content.articles.iter().filter(|a| a.in_sitemap()).count(),
            authors: content
                .authors
                .list
                .iter()
                .zip(&listings.authors)
                .map(|(author, list)| TagSize {
                    slug: author.slug.clone(),
                    name: author.name.clone(),
                    articles: list.len(),
                    public: public(list),
                })
                .collect(),
            author_pages: content.authors.enabled(),
        };
        let mut outputs = Outputs::new(
            frame.config,
            &content.sections,
            sizes,
            &frame.theme.stylesheet_name,
        );
        // Newest first: the answer is usually the first article.
        outputs.news_sitemap &= listings
            .listed
            .iter()
            .any(|&i| super::news::is_recent(content.now, &content.articles[i]));
        Renderer {
            config: frame.config,
            content,
            theme: frame.theme,
            frame,
            summaries: cache.summaries,
            listed: cache.listings.listed,
            section_articles: cache.listings.section_articles,
            tags: cache.listings.tags,
            authors: cache.listings.authors,
            outputs,
        }
    }

    /// Gives back what the next renderer of the same content can reuse.
    pub fn into_cache(self) -> RenderCache {
        RenderCache {
            summaries: self.summaries,
            listings: Listings {
                listed: self.listed,
                section_articles: self.section_articles,
                tags: self.tags,
                authors: self.authors,
            },
        }
    }

    /// The jobs whose output shows article `i`: its page, the listing pages it is on, the feed
    /// if it is among the latest, and (when its dates changed) the sitemap.
    pub fn jobs_showing(&self, i: usize, dates_changed: bool) -> Vec<Job> {
        let mut jobs = vec![Job::Article(i)];
        if let Some(position) = self.listed.iter().position(|&l| l == i) {
            jobs.push(Job::Home(position / self.config.per_page.home + 1));
            if position < self.config.feed_limit {
                jobs.push(Job::Feed);
            }
        }
        for (s, list) in self.section_articles.iter().enumerate() {
            if let Some(position) = list.iter().position(|&l| l == i) {
                jobs.push(Job::Section(s, position / self.config.per_page.section + 1));
            }
        }
        for (t, tag) in self.tags.iter().enumerate() {
            if let Some(position) = tag.articles.iter().position(|&l| l == i) {
                jobs.push(Job::Tag(t, position / self.config.per_page.tag + 1));
            }
        }
        for (a, list) in self.authors.iter().enumerate() {
            if let Some(position) = list.iter().position(|&l| l == i) {
                jobs.push(Job::Author(a, position / self.config.per_page.author + 1));
                if position < self.config.feed_limit {
                    jobs.push(Job::AuthorFeed(a));
                }
            }
        }
        if dates_changed {
            jobs.extend(self.sitemap_jobs());
        }
        // A recent article's title may have changed, and a date change may move one in or out.
        let article = &self.content.articles[i];
        if self.outputs.news_sitemap && (dates_changed || self.is_news(article)) {
            jobs.push(Job::NewsSitemap);
        }
        jobs
    }

    fn sitemap_jobs(&self) -> Vec<Job> {
        self.outputs.sitemap_jobs()
    }

    /// Every output besides the articles' pages, with their paths and descriptions.
    pub fn outputs(&self) -> &Outputs<'a> {
        &self.outputs
    }

    /// Every listing-like job: home, section, tag and author pages, the indexes, feeds and
    /// sitemaps.
    pub fn listing_jobs(&self) -> Vec<Job> {
        self.site_jobs()
            .into_iter()
            .filter(|j| {
                matches!(
                    j,
                    Job::Home(_)
                        | Job::Section(..)
                        | Job::Tag(..)
                        | Job::TagIndex
                        | Job::Author(..)
                        | Job::AuthorFeed(_)
                        | Job::AuthorIndex
                        | Job::Feed
                        | Job::Sitemap(_)
                        | Job::SitemapIndex
                        | Job::NewsSitemap
                )
            })
            .collect()
    }

    /// The jobs rendered by template `name`; `None` when it may be used by any page (the base
    /// layout, the shared components, or a file we cannot map).
    pub fn jobs_using_template(&self, name: &str) -> Option<Vec<Job>> {
        let jobs = self.jobs();
        let keep = |predicate: &dyn Fn(&Job) -> bool| {
            Some(jobs.iter().copied().filter(|j| predicate(j)).collect())
        };
        match name {
            "index.html" => keep(&|j| matches!(j, Job::Home(_))),
            "section.html" => keep(&|j| matches!(j, Job::Section(..))),
            "tag.html" => keep(&|j| matches!(j, Job::Tag(..))),
            "card.html" => keep(&|j| {
                matches!(
                    j,
                    Job::Home(_) | Job::Section(..) | Job::Tag(..) | Job::Author(..)
                )
            }),
            "tags.html" => keep(&|j| matches!(j, Job::TagIndex)),
            "author.html" => keep(&|j| matches!(j, Job::Author(..))),
            "authors.html" => keep(&|j| matches!(j, Job::AuthorIndex)),
            "404.html" => keep(&|j| matches!(j, Job::NotFound)),
            "search.html" => keep(&|j| matches!(j, Job::Search)),
            "atom.xml" => keep(&|j| matches!(j, Job::Feed | Job::AuthorFeed(_))),
            "feed_entry.html" => keep(&|j| matches!(j, Job::Feed)),
            "sitemap.xml" | "sitemap_index.xml" => {
                keep(&|j| matches!(j, Job::Sitemap(_) | Job::SitemapIndex))
            }
            "robots.txt" => keep(&|j| matches!(j, Job::Robots)),
            "news_sitemap.xml" => keep(&|j| matches!(j, Job::NewsSitemap)),
            _ if self.content.articles.iter().any(|a| a.template == name) => keep(
                &|j| matches!(j, Job::Article(i) if self.content.articles[*i].template == name),
            ),
            _ => None,
        }
    }

    /// The tags with at least one listed article.
    pub fn tags(&self) -> &[TagListing] {
        &self.tags
    }

    /// Every output of the site.
    pub fn jobs(&self) -> Vec<Job> {
        let mut jobs: Vec<Job> = (0..self.content.articles.len()).map(Job::Article).collect();
        jobs.extend(self.site_jobs());
        jobs
    }

    /// Every output except the articles' own pages (which a build renders as it parses them).
    pub fn site_jobs(&self) -> Vec<Job> {
        self.outputs.jobs()
    }

    /// The output path of a job, known without rendering it (so a build can check for clashes
    /// before it writes anything).
    pub fn path_of(&self, job: Job) -> String {
        match job {
            Job::Article(i) => crate::content::page_file(&self.content.articles[i].path),
            _ => self.outputs.path_of(job),
        }
    }

    /// Renders one job.
    pub fn render(&self, job: Job) -> Result<Rendered> {
        match job {
            Job::Article(i) => self.render_article(i),
            Job::Home(page) => self.render_listing(ListingKind::Home, page),
            Job::Section(s, page) => self.render_listing(ListingKind::Section(s), page),
            Job::Tag(t, page) => self.render_listing(ListingKind::Tag(t), page),
            Job::TagIndex => self.render_tag_index(),
            Job::Author(a, page) => self.render_listing(ListingKind::Author(a), page),
            Job::AuthorFeed(a) => self.render_author_feed(a),
            Job::AuthorIndex => self.render_author_index(),
            Job::Feed => self.render_feed(),
            Job::Sitemap(part) => self.render_sitemap(part),
            Job::SitemapIndex => self.render_sitemap_index(),
            Job::NewsSitemap => self.render_news_sitemap(),
            Job::NotFound => self.render_simple("404.html", "404.html", "404.html"),
            Job::Robots => self.render_robots(),
            Job::Stylesheet => Ok(Rendered {
                path: self.theme.stylesheet_name.clone(),
                bytes: self.theme.stylesheet.as_bytes().to_vec(),
            }),
            Job::PublisherLogo => self.render_publisher_logo(),
            Job::Search => self.render_search_page(),
            Job::SearchScript => Ok(Rendered {
                path: crate::templates::search_script_path(),
                bytes: crate::templates::SEARCH_SCRIPT.as_bytes().to_vec(),
            }),
        }
    }

    pub(super) fn context(&self, page_path: &str) -> PageContext {
        self.frame.context(page_path)
    }

    fn render_article(&self, i: usize) -> Result<Rendered> {
        self.frame.render_article(&self.content.articles[i])
    }

    fn render_publisher_logo(&self) -> Result<Rendered> {
        let logo = self.config.publisher.logo.as_ref().ok_or_else(|| {
            Error::content(
                Location::file(crate::layout::CONFIG_FILE),
                "no `publisher.logo` is set",
            )
        })?;
        let bytes = crate::photos::logo::render(logo, self.config.images.jpeg_quality).map_err(
            |message| Error::content(Location::file(crate::layout::CONFIG_FILE), message),
        )?;
        Ok(Rendered {
            path: logo.output.clone(),
            bytes,
        })
    }

    /// The search page: the theme's `search.html`, told where the client and the index are.
    fn render_search_page(&self) -> Result<Rendered> {
        let path = self.path_of(Job::Search);
        let mut context = self.context(&format!("{}/", crate::search::SEARCH_DIR));
        let dir = format!("{}/", crate::search::SEARCH_DIR);
        context.insert(
            "search",
            &serde_json::json!({
                "script_url": self.config.link(&crate::templates::search_script_path()),
                "index_url": self.config.link(&dir),
                // The script's own words in the site's language (issue #21), read from the
                // page's `data-strings`.
                "strings_json": serde_json::to_string(&self.config.translations.search_strings())
                    .unwrap_or_default(),
            }),
        );
        let bytes = self.theme.render("search.html", &context, &"search.html")?;
        Ok(Rendered { path, bytes })
    }

    fn render_simple(&self, template: &str, path: &str, label: &str) -> Result<Rendered> {
        let context = self.context(path);
        let bytes = self.theme.render(template, &context, &label)?;
        Ok(Rendered {
            path: path.to_string(),
            bytes,
        })
    }
}
