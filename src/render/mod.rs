//! Plans every output of a site (articles, listing pages, feed, sitemap, 404 …) as a list of
//! jobs and renders each job to a path and bytes. This file owns the two shared types (`Job`,
//! `Rendered`) and re-exports the folder's public items at their old paths; the work lives in
//! `jobs` (planning and dispatch), `article` (what every page shares, the article page),
//! `listings` (home, section and tag pages, cards), `feeds` (feed, sitemaps, robots.txt), `news`
//! (the Google News sitemap) and
//! `outputs` (the single list of generated outputs and their paths). Nothing here writes
//! files: `build`, `check` and `serve` share this and differ only in what they do with the
//! results.

mod article;
mod authors;
mod feeds;
mod jobs;
mod listings;
mod news;
mod outputs;

pub use article::{missing_template, Frame};
pub use jobs::{RenderCache, Renderer};
pub(crate) use news::NEWS_WINDOW_SECONDS;
pub use outputs::{author_sizes, section_path, ListingSizes, Outputs};

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
    /// A page of an author's listing: (index in `Authors::list`, page) (issue #19).
    Author(usize, usize),
    /// `/authors/<slug>/atom.xml`: an author's feed.
    AuthorFeed(usize),
    /// `/authors/`.
    AuthorIndex,
    /// `/atom.xml`.
    Feed,
    /// One sitemap: the whole site (`None`) or part N of several.
    Sitemap(Option<usize>),
    /// `/sitemap.xml` as an index of parts.
    SitemapIndex,
    /// `/news-sitemap.xml`: the last two days' articles for Google News (issue #18).
    NewsSitemap,
    /// `/404.html`.
    NotFound,
    /// `/robots.txt`.
    Robots,
    /// The theme stylesheet.
    Stylesheet,
    /// The publisher's logo fitted to 600×60 for JSON-LD (issue #19).
    PublisherLogo,
    /// `/search/`: the search page (issue #20).
    Search,
    /// The search page's script.
    SearchScript,
}
