//! The Google News sitemap (issue #18): `news-sitemap.xml`, the articles that went live in the
//! two days before the build's moment, each with the `news:` publication (name and language),
//! its publication date and title, newest first. Google reads at most 1,000 entries and only
//! articles of the last two days; older ones belong in the ordinary sitemap alone.

use serde::Serialize;

use super::{Rendered, Renderer};
use crate::error::Result;

/// How far back the news sitemap reaches: Google News asks for the last two days.
pub(crate) const NEWS_WINDOW_SECONDS: i64 = 2 * 24 * 60 * 60;
/// The most entries Google reads from one news sitemap.
const NEWS_LIMIT: usize = 1000;

#[derive(Serialize)]
struct NewsView<'a> {
    /// The publication's name, as Google News knows it: `publisher` in site.yaml.
    name: &'a str,
    /// Its language: ISO 639 (`en`, `zh-cn`), from `language`.
    language: String,
    items: Vec<NewsItem<'a>>,
}

#[derive(Serialize)]
struct NewsItem<'a> {
    loc: String,
    /// RFC 3339 with the offset: when it went live (`publish_at`, else `date`).
    published: String,
    title: &'a str,
}

/// Whether an article belongs in the news sitemap built at `now`: public, and gone live in
/// the two days before.
pub(super) fn is_recent(now: jiff::Timestamp, article: &crate::content::Article) -> bool {
    let since = now
        .checked_sub(jiff::SignedDuration::from_secs(NEWS_WINDOW_SECONDS))
        .unwrap_or(jiff::Timestamp::MIN);
    let live = article.release().instant;
    article.in_sitemap() && since < live && live <= now
}

impl Renderer<'_> {
    /// Whether a listed article belongs in the news sitemap: public, and gone live in the two
    /// days before the build's moment.
    pub(super) fn is_news(&self, article: &crate::content::Article) -> bool {
        is_recent(self.content.now, article)
    }

    pub(super) fn render_news_sitemap(&self) -> Result<Rendered> {
        let mut recent: Vec<&crate::content::Article> = self
            .listed
            .iter()
            .map(|&i| &self.content.articles[i])
            .filter(|a| self.is_news(a))
            .collect();
        recent.sort_by_key(|a| std::cmp::Reverse(a.release().instant));
        let items = recent
            .into_iter()
            .take(NEWS_LIMIT)
            .map(|a| NewsItem {
                loc: self.config.absolute(&a.path),
                published: a.release().rfc3339(),
                title: &a.title,
            })
            .collect();
        let mut context = self.context(super::outputs::NEWS_SITEMAP);
        context.insert(
            "news",
            &NewsView {
                name: &self.config.publisher.name,
                language: news_language(&self.config.language),
                items,
            },
        );
        let path = super::outputs::NEWS_SITEMAP.to_string();
        let bytes = self
            .theme
            .render("news_sitemap.xml", &context, &format!("/{path}"))?;
        Ok(Rendered { path, bytes })
    }
}

/// A BCP 47 tag (`en-GB`, `zh-Hant`) as Google News wants it: the ISO 639 code alone, except
/// for Chinese, written `zh-cn` (simplified) or `zh-tw` (traditional).
fn news_language(tag: &str) -> String {
    let tag = tag.trim().to_lowercase().replace('_', "-");
    match tag.as_str() {
        "zh-tw" | "zh-hant" | "zh-hk" => "zh-tw".to_string(),
        _ if tag.starts_with("zh-hant") => "zh-tw".to_string(),
        _ if tag.starts_with("zh") => "zh-cn".to_string(),
        _ => tag.split('-').next().unwrap_or_default().to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn languages_are_written_as_google_news_reads_them() {
        for (tag, news) in [
            ("en", "en"),
            ("en-GB", "en"),
            ("fr_BE", "fr"),
            ("zh-Hant-TW", "zh-tw"),
            ("zh-TW", "zh-tw"),
            ("zh-Hans", "zh-cn"),
            ("zh", "zh-cn"),
        ] {
            assert_eq!(news_language(tag), news, "{tag}");
        }
    }
}
