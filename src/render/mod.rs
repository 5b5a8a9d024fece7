//! Plans every output of a site (articles, listing pages, feed, sitemap, 404 …) as a list of
//! jobs and renders each job to a path and bytes. Nothing here writes files: `build`, `check`
//! and `serve` share this and differ only in what they do with the results.

use rayon::prelude::*;
use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::count::{capitalise, count_label, number_word};
use crate::content::date::PublishDate;
use crate::content::{Article, Content, Section};
use crate::error::{Error, Location, Result};
use crate::json_ld::JsonLd;
use crate::markdown::{Block, Figure, Footnote, Section as BodySection};
use crate::templates::{PageContext, Prepared, Theme, CARD_TEMPLATE};

mod outputs;

pub(crate) use outputs::pages;
pub use outputs::{ListingFacts, ListingSizes, Outputs, TagSize, SITEMAP_LIMIT};

/// One file of output.
#[derive(Debug)]
pub struct Rendered {
    /// Path relative to the output root (`world/summit/index.html`).
    pub path: String,
    /// The file's contents.
    pub bytes: Vec<u8>,
}

/// One output to produce.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Job {
    /// An article or page, by index into `Content::articles`.
    Article(usize),
    /// A page of the home listing (1-based).
    Home(usize),
    /// A page of a section listing: (section index, page).
    Section(usize, usize),
    /// A page of a tag listing: (tag index, page).
    Tag(usize, usize),
    /// `/tags/`.
    TagIndex,
    /// `/atom.xml`.
    Feed,
    /// One sitemap: the whole site (`None`) or part N of several.
    Sitemap(Option<usize>),
    /// `/sitemap.xml` as an index of parts.
    SitemapIndex,
    /// `/404.html`.
    NotFound,
    /// `/robots.txt`.
    Robots,
    /// The theme stylesheet.
    Stylesheet,
}

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
    listed: Vec<usize>,
    section_articles: Vec<Vec<usize>>,
    tags: Vec<TagListing>,
}

impl Listings {
    fn build(content: &Content) -> Listings {
        let listed: Vec<usize> = (0..content.articles.len())
            .filter(|&i| !content.articles[i].is_page())
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
        for &i in &listed {
            let article = &content.articles[i];
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
        }
    }
}

/// What a renderer prepared that the next one may reuse when only one article's text changed.
#[derive(Debug)]
pub struct RenderCache {
    summaries: Vec<Prepared>,
    listings: Listings,
}

fn check_templates<'c>(theme: &Theme, articles: impl Iterator<Item = &'c Article>) -> Result<()> {
    let missing: Vec<Error> = articles
        .filter(|a| !theme.has(&a.template))
        .map(|a| {
            Error::content(
                Location::file(&a.source),
                format!("`template: {}` does not exist: add templates/{} or use article.html or page.html", a.template, a.template),
            )
        })
        .collect();
    if missing.is_empty() {
        Ok(())
    } else {
        Err(Error::from_list(missing))
    }
}

/// What every page shares (settings, theme, the site's sections and header), so an article's
/// page can be rendered the moment its body is parsed, before the rest of the site is known.
pub struct Frame<'a> {
    config: &'a SiteConfig,
    theme: &'a Theme,
    sections: Vec<Section>,
    site: Prepared,
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

    fn context(&self, page_path: &str) -> PageContext {
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

    fn article_view<'v>(&'v self, article: &'v Article) -> ArticleView<'v> {
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
            json_ld: JsonLd {
                plain_page: article.is_page(),
                headline: &article.title,
                description: &article.description,
                published: &article.date.datetime,
                modified: &article.modified().datetime,
                authors: &article.authors,
                publisher: &config.publisher,
                permalink: &permalink,
                language: &config.language,
                image: og_image.as_deref(),
                section: section.as_ref().map(|s| s.title),
                keywords: &article.tags,
            }
            .to_script_json(),
            url,
            permalink,
            date: &article.date.datetime,
            updated: article.updated.as_ref().map(|d| d.datetime.as_str()),
            authors: &article.authors,
            byline: byline(&article.authors),
            tags: article
                .tags
                .iter()
                .map(|t| TagLink {
                    name: &t.name,
                    url: config.link(&format!("tags/{}/", t.slug)),
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
            count_label: count_label(&article.title, article.count, &config.count_label),
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

/// Everything rendering needs, computed once per build.
pub struct Renderer<'a> {
    config: &'a SiteConfig,
    content: &'a Content,
    theme: &'a Theme,
    frame: Frame<'a>,
    summaries: Vec<Prepared>,
    listed: Vec<usize>,
    section_articles: Vec<Vec<usize>>,
    tags: Vec<TagListing>,
    /// Every output besides the articles' pages.
    outputs: Outputs<'a>,
}

impl<'a> Renderer<'a> {
    /// Indexes the content for listings; fails if an article names a template that does not
    /// exist.
    pub fn new(config: &'a SiteConfig, content: &'a Content, theme: &'a Theme) -> Result<Self> {
        check_templates(theme, content.articles.iter())?;
        let frame = Frame::new(config, theme, &content.sections);
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
        let frame = Frame::new(config, theme, &content.sections);
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
        let sizes = ListingSizes {
            home: listings.listed.len(),
            sections: listings.section_articles.iter().map(Vec::len).collect(),
            tags: listings
                .tags
                .iter()
                .map(|t| TagSize {
                    slug: t.slug.clone(),
                    name: t.name.clone(),
                    articles: t.articles.len(),
                })
                .collect(),
            published: content.articles.iter().filter(|a| !a.draft).count(),
        };
        let outputs = Outputs::new(
            frame.config,
            &content.sections,
            sizes,
            &frame.theme.stylesheet_name,
        );
        Renderer {
            config: frame.config,
            content,
            theme: frame.theme,
            frame,
            summaries: cache.summaries,
            listed: cache.listings.listed,
            section_articles: cache.listings.section_articles,
            tags: cache.listings.tags,
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
        if dates_changed {
            jobs.extend(self.sitemap_jobs());
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

    /// Every listing-like job: home, section and tag pages, the tag index, feed and sitemaps.
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
                        | Job::Feed
                        | Job::Sitemap(_)
                        | Job::SitemapIndex
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
            "card.html" => keep(&|j| matches!(j, Job::Home(_) | Job::Section(..) | Job::Tag(..))),
            "tags.html" => keep(&|j| matches!(j, Job::TagIndex)),
            "404.html" => keep(&|j| matches!(j, Job::NotFound)),
            "atom.xml" | "feed_entry.html" => keep(&|j| matches!(j, Job::Feed)),
            "sitemap.xml" | "sitemap_index.xml" => {
                keep(&|j| matches!(j, Job::Sitemap(_) | Job::SitemapIndex))
            }
            "robots.txt" => keep(&|j| matches!(j, Job::Robots)),
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
            Job::Feed => self.render_feed(),
            Job::Sitemap(part) => self.render_sitemap(part),
            Job::SitemapIndex => self.render_sitemap_index(),
            Job::NotFound => self.render_simple("404.html", "404.html", "404.html"),
            Job::Robots => self.render_robots(),
            Job::Stylesheet => Ok(Rendered {
                path: self.theme.stylesheet_name.clone(),
                bytes: self.theme.stylesheet.as_bytes().to_vec(),
            }),
        }
    }

    fn context(&self, page_path: &str) -> PageContext {
        self.frame.context(page_path)
    }

    fn render_article(&self, i: usize) -> Result<Rendered> {
        self.frame.render_article(&self.content.articles[i])
    }

    fn render_listing(&self, kind: ListingKind, page: usize) -> Result<Rendered> {
        let (all, per_page, base, template, title, description, intro_html): (
            &[usize],
            usize,
            String,
            &str,
            &str,
            &str,
            Option<&str>,
        ) = match kind {
            ListingKind::Home => (
                &self.listed,
                self.config.per_page.home,
                String::new(),
                "index.html",
                &self.config.title,
                &self.config.description,
                None,
            ),
            ListingKind::Section(s) => {
                let section: &Section = &self.content.sections[s];
                (
                    &self.section_articles[s],
                    self.config.per_page.section,
                    format!("{}/", section.key),
                    "section.html",
                    &section.title,
                    section.description.as_deref().unwrap_or(""),
                    section.intro_html.as_deref(),
                )
            }
            ListingKind::Tag(t) => {
                let tag = &self.tags[t];
                (
                    &self.tags[t].articles,
                    self.config.per_page.tag,
                    format!("tags/{}/", tag.slug),
                    "tag.html",
                    &tag.name,
                    "",
                    None,
                )
            }
        };
        let total_pages = pages(all.len(), per_page);
        let page_path = |n: usize| outputs::listing_page(&base, n);
        let start = (page - 1) * per_page;
        let articles = Prepared::list(
            all.iter()
                .skip(start)
                .take(per_page)
                .map(|&i| self.summaries[i].clone()),
        );
        let path = page_path(page);
        let description = if description.is_empty() && matches!(kind, ListingKind::Tag(_)) {
            format!("Explainers about {title}")
        } else {
            description.to_string()
        };
        let listing = ListingView {
            title,
            description,
            intro_html,
            url: self.config.link(&path),
            paginator: Paginator {
                page,
                pages: total_pages,
                total: all.len(),
                prev_url: (page > 1).then(|| self.config.link(&page_path(page - 1))),
                next_url: (page < total_pages).then(|| self.config.link(&page_path(page + 1))),
                first_url: self.config.link(&page_path(1)),
                last_url: self.config.link(&page_path(total_pages)),
            },
        };
        let mut context = self.context(&path);
        context.insert_prepared(
            "listing",
            &Prepared::new(&listing).with_field("articles", articles),
        );
        let bytes = self.theme.render(template, &context, &format!("/{path}"))?;
        Ok(Rendered {
            path: format!("{path}index.html"),
            bytes,
        })
    }

    fn render_tag_index(&self) -> Result<Rendered> {
        let mut tags: Vec<TagCount> = self
            .tags
            .iter()
            .map(|t| TagCount {
                name: &t.name,
                url: self.config.link(&format!("tags/{}/", t.slug)),
                count: t.articles.len(),
            })
            .collect();
        tags.sort_by_key(|t| t.name.to_lowercase());
        let mut context = self.context("tags/");
        context.insert("tags", &tags);
        let bytes = self.theme.render("tags.html", &context, &"/tags/")?;
        Ok(Rendered {
            path: "tags/index.html".to_string(),
            bytes,
        })
    }

    fn render_simple(&self, template: &str, path: &str, label: &str) -> Result<Rendered> {
        let context = self.context(path);
        let bytes = self.theme.render(template, &context, &label)?;
        Ok(Rendered {
            path: path.to_string(),
            bytes,
        })
    }

    fn render_feed(&self) -> Result<Rendered> {
        let mut entries = Vec::new();
        for &i in self.listed.iter().take(self.config.feed_limit) {
            let article = &self.content.articles[i];
            let mut context = self.context(&article.path);
            context.insert("article", &self.frame.article_view(article));
            let content = self.theme.render(
                "feed_entry.html",
                &context,
                &article.source.display().to_string(),
            )?;
            entries.push(FeedEntry {
                title: &article.title,
                url: self.config.absolute(&article.path),
                published: article.date.rfc3339(),
                updated: article.modified().rfc3339(),
                authors: &article.authors,
                tags: &article.tags,
                summary: &article.description,
                content: String::from_utf8_lossy(&content).into_owned(),
            });
        }
        let updated = self
            .listed
            .iter()
            .take(self.config.feed_limit)
            .map(|&i| self.content.articles[i].modified())
            .max_by_key(|d| d.instant)
            .map(|d| d.rfc3339())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        let mut context = self.context("atom.xml");
        context.insert(
            "feed",
            &FeedView {
                self_url: self.config.absolute("atom.xml"),
                updated,
                entries,
            },
        );
        let bytes = self.theme.render("atom.xml", &context, &"/atom.xml")?;
        Ok(Rendered {
            path: "atom.xml".to_string(),
            bytes,
        })
    }

    /// The sitemap's pages in order (home, then every published article, section and tag),
    /// each with its site path and, where known, when it last changed.
    fn sitemap_entries(
        &self,
    ) -> impl IndexedParallelIterator<Item = (String, Option<&PublishDate>)> + '_ {
        let home = self
            .listed
            .first()
            .map(|&i| self.content.articles[i].modified());
        let articles: Vec<&Article> = self.content.articles.iter().filter(|a| !a.draft).collect();
        let sections: Vec<&Section> = self
            .content
            .sections
            .iter()
            .enumerate()
            .filter(|&(s, _)| !self.section_articles[s].is_empty())
            .map(|(_, section)| section)
            .collect();
        let (at_articles, at_sections) = (1, 1 + articles.len());
        let at_tags = at_sections + sections.len();
        (0..at_tags + self.tags.len())
            .into_par_iter()
            .map(move |i| match i {
                0 => (String::new(), home),
                i if i < at_sections => {
                    let article = articles[i - at_articles];
                    (article.path.clone(), Some(article.modified()))
                }
                i if i < at_tags => (format!("{}/", sections[i - at_sections].key), None),
                i => (format!("tags/{}/", self.tags[i - at_tags].slug), None),
            })
    }

    /// How many pages the sitemap lists: the entries' count, known without building them.
    fn sitemap_len(&self) -> usize {
        let len = self.outputs.sitemap_len();
        debug_assert_eq!(len, self.sitemap_entries().len());
        len
    }

    fn render_sitemap(&self, part: Option<usize>) -> Result<Rendered> {
        let (skip, path) = match part {
            None => (0, "sitemap.xml".to_string()),
            Some(n) => (
                (n - 1) * self.outputs.sitemap_limit,
                format!("sitemap-{n}.xml"),
            ),
        };
        // Ten thousand entries on a large site: their values are prepared on every core
        // before the one render.
        let urls: Vec<Prepared> = self
            .sitemap_entries()
            .skip(skip)
            .take(self.outputs.sitemap_limit)
            .map(|(path, modified)| {
                Prepared::new(&SitemapUrl {
                    loc: self.config.absolute(&path),
                    lastmod: modified.map(PublishDate::rfc3339),
                })
            })
            .collect();
        let mut context = self.context(&path);
        context.insert_prepared("urls", &Prepared::list(urls));
        let bytes = self
            .theme
            .render("sitemap.xml", &context, &format!("/{path}"))?;
        Ok(Rendered { path, bytes })
    }

    fn render_sitemap_index(&self) -> Result<Rendered> {
        let parts = self.sitemap_len().div_ceil(self.outputs.sitemap_limit);
        let sitemaps: Vec<SitemapUrl> = (1..=parts)
            .map(|n| SitemapUrl {
                loc: self.config.absolute(&format!("sitemap-{n}.xml")),
                lastmod: None,
            })
            .collect();
        let mut context = self.context("sitemap.xml");
        context.insert("sitemaps", &sitemaps);
        let bytes = self
            .theme
            .render("sitemap_index.xml", &context, &"/sitemap.xml")?;
        Ok(Rendered {
            path: "sitemap.xml".to_string(),
            bytes,
        })
    }

    fn render_robots(&self) -> Result<Rendered> {
        let mut context = self.context("robots.txt");
        context.insert("sitemap_url", &self.config.absolute("sitemap.xml"));
        let bytes = self.theme.render("robots.txt", &context, &"/robots.txt")?;
        Ok(Rendered {
            path: "robots.txt".to_string(),
            bytes,
        })
    }
}

#[derive(Clone, Copy)]
enum ListingKind {
    Home,
    Section(usize),
    Tag(usize),
}

/// "A", "A and B", "A, B and C".
fn byline(authors: &[String]) -> String {
    match authors {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// Every article's listing summary, in parallel; every problem of every card reported.
fn every_summary(frame: &Frame<'_>, content: &Content) -> Result<Vec<Prepared>> {
    let results: Vec<Result<Prepared>> = content
        .articles
        .par_iter()
        .map(|a| summary_value(frame, content, a))
        .collect();
    Error::collect_all(results)
}

/// The prepared listing summary of one article. When the theme shows cards, its card is
/// rendered here, once, as `card_html` (and `card_html_eager`, without lazy loading, for the
/// first three of a page): an article appears on the home page and on each of its tags' pages,
/// and rendering its card on every one of them was most of the listings' cost.
fn summary_value(frame: &Frame<'_>, content: &Content, article: &Article) -> Result<Prepared> {
    let summary = Prepared::new(&summary(frame.config, content, article));
    if !frame.theme.renders_cards() {
        return Ok(summary);
    }
    let page = article.source.display();
    let card = |eager: bool| -> Result<Prepared> {
        let mut context = PageContext::new();
        context.insert_prepared("site", &frame.site);
        context.insert_prepared("a", &summary);
        context.insert("eager", &eager);
        let bytes = frame
            .theme
            .render_sized(CARD_TEMPLATE, &context, &page, 2 * 1024)?;
        let html = String::from_utf8(bytes)
            .unwrap_or_else(|e| String::from_utf8_lossy(e.as_bytes()).into_owned());
        Ok(Prepared::html(&html))
    };
    let (lazy, eager) = (card(false)?, card(true)?);
    Ok(summary.with_fields([("card_html", lazy), ("card_html_eager", eager)]))
}

fn summary<'c>(config: &SiteConfig, content: &'c Content, article: &'c Article) -> Summary<'c> {
    let section = article
        .section
        .as_deref()
        .and_then(|key| section_link(config, &content.sections, key));
    Summary {
        title: &article.title,
        dek: article.dek.as_deref(),
        description: &article.description,
        url: config.link(&article.path),
        date: &article.date.datetime,
        section,
        image: article.lead.as_ref().map(|f| Thumbnail {
            src: f.thumbnail.as_deref().unwrap_or(&f.src),
            srcset: f.srcset.as_deref(),
            alt: &f.alt,
            width: f.width,
            height: f.height,
        }),
        count: article.count,
        count_word_title: capitalise(&number_word(u64::from(article.count))),
        count_label: count_label(&article.title, article.count, &config.count_label),
        draft: article.draft,
        tags: article.tags.iter().map(|t| t.name.as_str()).collect(),
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
        favicon_url: config.favicon.as_deref().map(|path| config.link(path)),
        sections: sections
            .iter()
            .filter(|s| !s.key.contains('/'))
            .map(|s| SectionLink {
                title: &s.title,
                url: config.link(&format!("{}/", s.key)),
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
    favicon_url: Option<String>,
    sections: Vec<SectionLink<'a>>,
    extra: &'a crate::yaml::Value,
}

/// The title and URL of the section with `key`, for an article's kicker and listing card.
fn section_link<'s>(
    config: &SiteConfig,
    sections: &'s [Section],
    key: &str,
) -> Option<SectionLink<'s>> {
    let section = sections.iter().find(|s| s.key == key)?;
    Some(SectionLink {
        title: &section.title,
        url: config.link(&format!("{key}/")),
    })
}

#[derive(Serialize)]
struct SectionLink<'a> {
    title: &'a str,
    url: String,
}

#[derive(Serialize)]
struct TagLink<'a> {
    name: &'a str,
    url: String,
}

#[derive(Serialize)]
struct TagCount<'a> {
    name: &'a str,
    url: String,
    count: usize,
}

#[derive(Serialize)]
struct TocEntry<'a> {
    number: u32,
    id: &'a str,
    title: &'a str,
}

/// What `article.html` sees as `article`; documented in the README.
#[derive(Serialize)]
struct ArticleView<'a> {
    title: &'a str,
    dek: Option<&'a str>,
    description: &'a str,
    url: String,
    permalink: String,
    date: &'a str,
    updated: Option<&'a str>,
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
    #[serde(serialize_with = "crate::templates::serialize_html")]
    json_ld: String,
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
    #[serde(serialize_with = "crate::templates::serialize_optional_html")]
    intro_html: Option<&'a str>,
    url: String,
    paginator: Paginator,
}

#[derive(Serialize)]
struct FeedEntry<'a> {
    title: &'a str,
    url: String,
    published: String,
    updated: String,
    authors: &'a [String],
    tags: &'a [crate::content::TagRef],
    summary: &'a str,
    content: String,
}

#[derive(Serialize)]
struct FeedView<'a> {
    self_url: String,
    updated: String,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
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

    /// The `<loc>`s of a sitemap or sitemap index, checked to be well-formed XML.
    fn locs(rendered: &Rendered) -> Vec<String> {
        let text = std::str::from_utf8(&rendered.bytes).unwrap();
        let doc = roxmltree::Document::parse(text).unwrap();
        doc.descendants()
            .filter(|n| n.has_tag_name("loc"))
            .map(|n| n.text().unwrap_or_default().to_string())
            .collect()
    }

    #[test]
    fn a_sitemap_over_the_limit_is_split_into_parts_under_an_index() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        std::fs::write(
            root.join("site.yaml"),
            "title: T\nbase_url: https://news.example/\n",
        )
        .unwrap();
        std::fs::create_dir(root.join("content")).unwrap();
        for i in 0..5 {
            std::fs::write(
                root.join(format!("content/a{i}.md")),
                format!(
                    "---\ntitle: A{i}\ndate: 2026-05-0{}\ntags: [Vote]\n---\n## One\n\nText.\n",
                    i + 1
                ),
            )
            .unwrap();
        }
        let site = crate::site::Site::load(root, &crate::site::SiteOptions::default()).unwrap();
        let whole = Renderer::new(&site.config, &site.content, &site.theme).unwrap();
        assert!(!whole.site_jobs().contains(&Job::SitemapIndex));
        let every_url = locs(&whole.render(Job::Sitemap(None)).unwrap());
        // Home, five articles, the tag: seven pages, in parts of at most two.
        assert_eq!(every_url.len(), 7, "{every_url:?}");

        let mut split = Renderer::new(&site.config, &site.content, &site.theme).unwrap();
        split.outputs.sitemap_limit = 2;
        let jobs = split.site_jobs();
        assert!(!jobs.contains(&Job::Sitemap(None)));
        let parts: Vec<Job> = jobs
            .into_iter()
            .filter(|j| matches!(j, Job::Sitemap(_)))
            .collect();
        assert_eq!(parts.len(), 4);
        let index = split.render(Job::SitemapIndex).unwrap();
        assert_eq!(index.path, "sitemap.xml");
        assert_eq!(locs(&index).len(), parts.len());
        let mut listed = Vec::new();
        for (n, (job, loc)) in parts.iter().zip(locs(&index)).enumerate() {
            let part = split.render(*job).unwrap();
            assert_eq!(part.path, split.path_of(*job));
            assert_eq!(loc, format!("https://news.example/{}", part.path));
            assert_eq!(part.path, format!("sitemap-{}.xml", n + 1));
            let urls = locs(&part);
            assert!((1..=2).contains(&urls.len()), "{urls:?}");
            listed.extend(urls);
        }
        assert_eq!(listed, every_url);
    }
}
