//! The order of every listing: newest first, then by title. It compares and sorts; it must not
//! filter what is listed (that is the renderer's).

use super::Article;
use crate::date;

/// The order of every listing: newest first, then by title.
pub fn newest_first(a: &Article, b: &Article) -> std::cmp::Ordering {
    listing_order((&a.date, &a.title), (&b.date, &b.title))
}

/// Sorts articles as [`newest_first`] does, moving each article once: an article is near a
/// kilobyte, and a merge sort that moves them at every step copied ~130 MB (on one thread,
/// between two parallel phases) for 10,000 articles. The sort is over (key, position) pairs,
/// so articles that compare equal keep their order, as with a stable sort.
pub fn sort_newest_first(articles: &mut [Article]) {
    articles.sort_by_cached_key(|a| (std::cmp::Reverse(a.date.instant), a.title.clone()));
    debug_assert!(articles.is_sorted_by(|a, b| newest_first(a, b).is_le()));
}

/// [`newest_first`] on a date and a title, so the survey can order front matter exactly as
/// the listings will order the articles built from it.
pub(super) fn listing_order(
    a: (&date::PublishDate, &str),
    b: (&date::PublishDate, &str),
) -> std::cmp::Ordering {
    b.0.instant.cmp(&a.0.instant).then_with(|| a.1.cmp(b.1))
}
