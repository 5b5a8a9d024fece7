//! Outputs read by machines rather than people: the Atom feed, the sitemap (whole or in parts
//! under an index) and robots.txt. Must not render listing or article pages (the feed borrows
//! `article`'s view for each entry's content) nor decide which of these outputs exist (that is
//! `outputs`).

use rayon::prelude::*;
use serde::Serialize;

use crate::content::{Article, Section};
use crate::date::PublishDate;
use crate::error::Result;
use crate::templates::Prepared;

use super::jobs::Renderer;
use super::outputs::{section_path, tag_path};
use super::Rendered;

impl Renderer<'_> {
    /// `/atom.xml`: the latest articles, with their full text.
    pub(super) fn render_feed(&self) -> Result<Rendered> {
        let site = FeedSource {
            articles: self.feed_articles().collect(),
            path: "atom.xml".to_string(),
            title: self.config.title.clone(),
            alternate: self.config.absolute(""),
            full_text: true,
        };
        self.render_feed_of(site)
    }

    /// An author's feed (issue #19): their latest articles, as the site feed lists them but
    /// with their summaries only (a build keeps the bodies of the site feed's articles alone:
    /// keeping every author's would hold most bodies of a large site in memory).
    pub(super) fn render_author_feed(&self, a: usize) -> Result<Rendered> {
        let author = &self.content.authors.list[a];
        let source = FeedSource {
            articles: self.authors[a]
                .iter()
                .map(|&i| &self.content.articles[i])
                .filter(|a| a.in_feed())
                .take(self.config.feed_limit)
                .collect(),
            path: crate::authors::author_feed_path(&author.slug),
            title: format!("{} · {}", author.name, self.config.title),
            alternate: self
                .config
                .absolute(&crate::authors::author_path(&author.slug)),
            full_text: false,
        };
        self.render_feed_of(source)
    }

    fn render_feed_of(&self, source: FeedSource<'_>) -> Result<Rendered> {
        let mut entries = Vec::new();
        for &article in &source.articles {
            let content = if source.full_text {
                let mut context = self.context(&article.path);
                context.insert("article", &self.frame.article_view(article));
                let bytes = self.theme.render(
                    "feed_entry.html",
                    &context,
                    &crate::layout::SlashPath(&article.source),
                )?;
                Some(String::from_utf8_lossy(&bytes).into_owned())
            } else {
                None
            };
            entries.push(FeedEntry {
                title: &article.title,
                url: self.config.absolute(&article.path),
                published: article.release().rfc3339(),
                updated: article.modified().rfc3339(),
                authors: &article.authors,
                tags: &article.tags,
                summary: &article.description,
                content,
            });
        }
        // A change dated later than now (a typo, warned about) does not date the feed.
        let now = self.content.now;
        let updated = source
            .articles
            .iter()
            .map(|a| {
                Some(a.modified())
                    .filter(|m| m.instant <= now)
                    .unwrap_or(a.release())
            })
            .max_by_key(|d| d.instant)
            .map(|d| d.rfc3339())
            .unwrap_or_else(|| "1970-01-01T00:00:00Z".to_string());
        let mut context = self.context(&source.path);
        context.insert(
            "feed",
            &FeedView {
                self_url: self.config.absolute(&source.path),
                title: &source.title,
                alternate_url: source.alternate,
                updated,
                entries,
            },
        );
        let bytes = self
            .theme
            .render("atom.xml", &context, &format!("/{}", source.path))?;
        Ok(Rendered {
            path: source.path,
            bytes,
        })
    }

    /// The feed's articles, newest first: the listed ones but those scheduled (`--future`).
    fn feed_articles(&self) -> impl Iterator<Item = &Article> + '_ {
        self.listed
            .iter()
            .map(|&i| &self.content.articles[i])
            .filter(|a| a.in_feed())
            .take(self.config.feed_limit)
    }

    /// The sitemap's pages in order (home, then every published article, section, tag and
    /// author),
    /// each with its site path and, where known, when it last changed.
    fn sitemap_entries(
        &self,
    ) -> impl IndexedParallelIterator<Item = (String, Option<&PublishDate>)> + '_ {
        let home = self.feed_articles().next().map(|a| a.modified());
        let articles: Vec<&Article> = self
            .content
            .articles
            .iter()
            .filter(|a| a.in_sitemap())
            .collect();
        let sections: Vec<&Section> = self
            .content
            .sections
            .iter()
            .enumerate()
            .filter(|&(s, _)| self.outputs.section_in_sitemap(s))
            .map(|(_, section)| section)
            .collect();
        let tags: Vec<&super::listings::TagListing> = (0..self.tags.len())
            .filter(|&t| self.outputs.tag_in_sitemap(t))
            .map(|t| &self.tags[t])
            .collect();
        let authors: Vec<&crate::authors::Author> = (0..self.content.authors.list.len())
            .filter(|&a| self.outputs.author_in_sitemap(a))
            .map(|a| &self.content.authors.list[a])
            .collect();
        let (at_articles, at_sections) = (1, 1 + articles.len());
        let at_tags = at_sections + sections.len();
        let at_authors = at_tags + tags.len();
        (0..at_authors + authors.len())
            .into_par_iter()
            .map(move |i| match i {
                0 => (String::new(), home),
                i if i < at_sections => {
                    let article = articles[i - at_articles];
                    (article.path.clone(), Some(article.modified()))
                }
                i if i < at_tags => (section_path(&sections[i - at_sections].key), None),
                i if i < at_authors => (tag_path(&tags[i - at_tags].slug), None),
                i => (
                    crate::authors::author_path(&authors[i - at_authors].slug),
                    None,
                ),
            })
    }

    /// How many pages the sitemap lists: the entries' count, known without building them.
    fn sitemap_len(&self) -> usize {
        let len = self.outputs.sitemap_len();
        debug_assert_eq!(len, self.sitemap_entries().len());
        len
    }

    pub(super) fn render_sitemap(&self, part: Option<usize>) -> Result<Rendered> {
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
                    alternates: self.versions(&path),
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

    pub(super) fn render_sitemap_index(&self) -> Result<Rendered> {
        let parts = self.sitemap_len().div_ceil(self.outputs.sitemap_limit);
        let mut sitemaps: Vec<SitemapUrl> = (1..=parts)
            .map(|n| SitemapUrl {
                loc: self.config.absolute(&format!("sitemap-{n}.xml")),
                lastmod: None,
                alternates: Vec::new(),
            })
            .collect();
        if self.outputs.news_sitemap {
            sitemaps.push(SitemapUrl {
                loc: self.config.absolute(super::outputs::NEWS_SITEMAP),
                lastmod: None,
                alternates: Vec::new(),
            });
        }
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

    /// The versions of the page at `path` in the site's languages, for the sitemap (none in a
    /// site in one language).
    fn versions(&self, path: &str) -> Vec<crate::config::Version> {
        let editions = &self.config.editions;
        if !editions.is_multilingual() {
            return Vec::new();
        }
        editions.versions(self.config.language_index, path)
    }

    /// The sitemaps of the site's other language editions that have no `robots.txt` of their
    /// own, which this one lists (issue #21).
    fn edition_sitemaps(&self) -> Vec<String> {
        if self.config.language_index != 0 {
            return Vec::new();
        }
        let mut sitemaps = Vec::new();
        for edition in self.config.editions.editions().iter().skip(1) {
            // An edition at an address of its own has its own robots.txt.
            if !edition.base_url.starts_with(self.config.base_url.as_str()) {
                continue;
            }
            sitemaps.push(format!("{}sitemap.xml", edition.base_url));
            if edition.news_sitemap {
                sitemaps.push(format!(
                    "{}{}",
                    edition.base_url,
                    super::outputs::NEWS_SITEMAP
                ));
            }
        }
        sitemaps
    }

    pub(super) fn render_robots(&self) -> Result<Rendered> {
        let mut context = self.context("robots.txt");
        context.insert("sitemap_url", &self.config.absolute("sitemap.xml"));
        let news = self
            .outputs
            .news_sitemap
            .then(|| self.config.absolute(super::outputs::NEWS_SITEMAP));
        context.insert("news_sitemap_url", &news);
        context.insert("edition_sitemaps", &self.edition_sitemaps());
        let bytes = self.theme.render("robots.txt", &context, &"/robots.txt")?;
        Ok(Rendered {
            path: "robots.txt".to_string(),
            bytes,
        })
    }
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
    /// The article's text; `None` in an author's feed (summaries only).
    content: Option<String>,
}

/// What one feed lists and where it is.
struct FeedSource<'a> {
    /// Newest first.
    articles: Vec<&'a Article>,
    /// Site path of the feed file.
    path: String,
    title: String,
    /// The page the feed is the feed of, absolute.
    alternate: String,
    /// Whether entries carry the article's text (the site feed) or only its summary.
    full_text: bool,
}

#[derive(Serialize)]
struct FeedView<'a> {
    self_url: String,
    title: &'a str,
    alternate_url: String,
    updated: String,
    entries: Vec<FeedEntry<'a>>,
}

#[derive(Serialize)]
struct SitemapUrl {
    loc: String,
    lastmod: Option<String>,
    /// The page in the site's other languages, with `x-default` (issue #21).
    alternates: Vec<crate::config::Version>,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::render::Job;

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
        // As when some article is recent (these are not, at the clock's moment).
        split.outputs.news_sitemap = true;
        let jobs = split.site_jobs();
        assert!(!jobs.contains(&Job::Sitemap(None)));
        let parts: Vec<Job> = jobs
            .into_iter()
            .filter(|j| matches!(j, Job::Sitemap(_)))
            .collect();
        assert_eq!(parts.len(), 4);
        let index = split.render(Job::SitemapIndex).unwrap();
        assert_eq!(index.path, "sitemap.xml");
        // The parts, then the news sitemap (issue #18).
        assert_eq!(locs(&index).len(), parts.len() + 1);
        assert_eq!(
            locs(&index).last().unwrap(),
            "https://news.example/news-sitemap.xml"
        );
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
