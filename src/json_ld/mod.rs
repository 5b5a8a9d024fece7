//! The JSON-LD blocks of the site's pages (issue #19): a schema.org `NewsArticle` (or `WebPage`
//! for a plain page) on every article's page, with its authors, publisher, every photo with its
//! credit, the numbered sections as an `ItemList` and the breadcrumb trail; a `BreadcrumbList`
//! on section pages. `schema` holds the types, `build` fills them from the loaded site and
//! `script` writes them (through `writer`, a compact serde serializer) as JSON that is safe
//! inside `<script>`. The templates only print the finished text.

mod build;
mod schema;
mod script;
mod writer;

pub use build::{article_block, author_people, section_block, ArticlePage, Crumb};
