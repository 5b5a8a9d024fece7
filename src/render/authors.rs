//! The parts of the author pages that are theirs alone (issue #19): what `author.html` sees as
//! `author` (name, role, bio, photo, profiles elsewhere, feed) beside the paginated listing
//! `listings` renders, and the author index `/authors/`. Must not paginate (that is
//! `listings`), write feeds (`feeds`) or decide who has a page ([`crate::authors`]).

use serde::Serialize;

use crate::authors::{author_feed_path, author_path, AuthorCard};
use crate::error::Result;
use crate::markdown::Figure;

use super::jobs::Renderer;
use super::outputs::AUTHOR_INDEX;
use super::Rendered;

/// What `author.html` sees as `author`; documented in the README.
#[derive(Serialize)]
pub(super) struct AuthorView<'a> {
    name: &'a str,
    role: Option<&'a str>,
    /// The bio, rendered through the checked Markdown path.
    #[serde(serialize_with = "crate::html::serialize_optional_html")]
    bio_html: Option<&'a str>,
    /// The photo, drawn by the `figure` component like any other.
    photo: Option<&'a Figure>,
    /// Profiles elsewhere: `url`, then `social`, each with the host name to show.
    links: Vec<ProfileLink<'a>>,
    email: Option<&'a str>,
    /// The author's Atom feed.
    feed_url: String,
    /// Whether `authors.yaml` has an entry for this author.
    has_entry: bool,
    /// The page's URLs, role, photo URL and `sameAs` list, for structured data.
    card: AuthorCard,
}

/// A profile elsewhere, with the host name to show as its text.
#[derive(Serialize)]
struct ProfileLink<'a> {
    url: &'a str,
    host: &'a str,
}

/// One author on `/authors/`.
#[derive(Serialize)]
struct AuthorIndexEntry<'a> {
    name: &'a str,
    url: String,
    role: Option<&'a str>,
    count: usize,
}

impl Renderer<'_> {
    /// What the page of author `a` (by index in `Authors::list`) shows of them.
    pub(super) fn author_view(&self, a: usize) -> AuthorView<'_> {
        let authors = &self.content.authors;
        let author = &authors.list[a];
        let entry = authors.entry(a);
        let profile = authors.profile(a);
        AuthorView {
            name: &author.name,
            role: entry.and_then(|e| e.role.as_deref()),
            bio_html: profile.and_then(|p| p.bio_html.as_deref()),
            photo: profile.and_then(|p| p.photo.as_ref()),
            links: entry
                .map(|e| {
                    e.url
                        .iter()
                        .chain(&e.social)
                        .map(|url| ProfileLink {
                            url,
                            host: host_of(url),
                        })
                        .collect()
                })
                .unwrap_or_default(),
            email: entry.and_then(|e| e.email.as_deref()),
            feed_url: self.config.link(&author_feed_path(&author.slug)),
            has_entry: entry.is_some(),
            card: authors.card(a, self.config),
        }
    }

    /// `/authors/`: every author with a page, by name.
    pub(super) fn render_author_index(&self) -> Result<Rendered> {
        let authors = &self.content.authors;
        let mut entries: Vec<AuthorIndexEntry<'_>> = authors
            .list
            .iter()
            .enumerate()
            .map(|(a, author)| AuthorIndexEntry {
                name: &author.name,
                url: self.config.link(&author_path(&author.slug)),
                role: authors.entry(a).and_then(|e| e.role.as_deref()),
                count: self.authors[a].len(),
            })
            .collect();
        entries.sort_by_key(|e| e.name.to_lowercase());
        let mut context = self.context("authors/");
        context.insert("authors", &entries);
        let bytes = self.theme.render("authors.html", &context, &"/authors/")?;
        Ok(Rendered {
            path: AUTHOR_INDEX.to_string(),
            bytes,
        })
    }
}

/// `social.example` of `https://www.social.example/@ann`: what a profile link shows.
fn host_of(url: &str) -> &str {
    let rest = url.split_once("://").map_or(url, |(_, rest)| rest);
    let host = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    host.strip_prefix("www.").unwrap_or(host)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn profile_links_show_their_host() {
        assert_eq!(host_of("https://www.social.example/@ann"), "social.example");
        assert_eq!(host_of("http://example.org"), "example.org");
        assert_eq!(host_of("https://a.example?x=1"), "a.example");
    }
}
