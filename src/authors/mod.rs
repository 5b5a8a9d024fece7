//! Authors (issue #19): who gets a page at `/authors/<slug>/` and what is known of them. It
//! owns [`Authors`], the site's directory of authors named in listed articles (by the rule
//! tags follow: an article listed in this build names its authors), each with a slug from
//! `authors.yaml` or made from the name — on a site that has an `authors.yaml`: one without
//! it keeps plain-text bylines and publishes no author pages, and the checks over the whole directory (two authors
//! on one slug, an author with no entry, a byline that is a near miss of an entry's name or
//! falls on an entry's slug, an entry with no article). `authors.yaml` itself is
//! read in [`file`]; the bio and photo are rendered by the content pass (`content::authors`),
//! which has the link index and the photo pipeline; which articles each page lists is the
//! renderer's (`render::listings`). It must not render or write anything.

mod file;

use std::path::{Path, PathBuf};

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

use crate::config::SiteConfig;
use crate::error::{Error, Location, Warning};
use crate::layout::AUTHORS_FILE;
use crate::markdown::Figure;

pub use file::{AuthorBook, AuthorEntry, WrittenPhoto};

/// What the directory needs to know of one article from its front matter.
pub struct AuthorFacts<'a> {
    /// The article's file, for messages.
    pub source: &'a Path,
    /// Its authors as written (site.yaml's `authors` when it names none).
    pub names: &'a [String],
    /// Its front matter, to find the line of `authors:` for a message (read only then).
    pub yaml: &'a str,
    /// Listed in this build (not a plain page, not archived; drafts and scheduled ones only
    /// when the build includes them): only then does it make author pages.
    pub listed: bool,
    /// In the sitemap (not a draft, not scheduled).
    pub public: bool,
}

/// One author with a page.
#[derive(Debug, Clone)]
pub struct Author {
    /// The name as written in front matter (trimmed).
    pub name: String,
    /// URL form (`ann-lee`): the page is `/authors/<slug>/`.
    pub slug: String,
    /// The index of its `authors.yaml` entry, if it has one.
    pub entry: Option<usize>,
    /// Listed articles naming this author (known from front matter).
    pub articles: usize,
    /// Of those, the ones in the sitemap: an author only scheduled articles name is left out
    /// of the sitemap of a `--future` preview, as a tag is.
    pub public: usize,
    /// The articles naming this author, for the warning of a missing entry.
    sources: Vec<Byline>,
}

/// Where a name is written: the article and, when the article has its own `authors:` and the
/// name has no entry (only then is it asked), that key's line.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Byline {
    file: PathBuf,
    line: Option<usize>,
}

impl Byline {
    fn of(article: &AuthorFacts<'_>) -> Byline {
        Byline {
            file: article.source.to_path_buf(),
            line: crate::content::front_matter::line_of_key(article.yaml, "authors"),
        }
    }

    fn location(&self) -> Location {
        match self.line {
            Some(line) => Location::line(&self.file, line),
            None => Location::file(&self.file),
        }
    }

    fn shown(&self) -> String {
        match self.line {
            Some(line) => format!("{}:{line}", self.file.display()),
            None => self.file.display().to_string(),
        }
    }
}

/// An `authors.yaml` entry's bio and photo, rendered by the content pass.
#[derive(Debug, Clone, Default, Serialize)]
pub struct AuthorProfile {
    /// The bio, through the one checked Markdown path.
    #[serde(serialize_with = "crate::html::serialize_optional_html")]
    pub bio_html: Option<String>,
    /// The photo as a figure: resized copies, srcset, credit.
    pub photo: Option<Figure>,
}

/// What bylines, templates and structured data (a JSON-LD `Person`) need of an author with a
/// page, in one small value: the page's URL (root-relative for links, absolute for
/// machines), the role, the photo's absolute URL and every profile elsewhere (`url` first,
/// then `social`, for `sameAs`).
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct AuthorCard {
    /// The name as written.
    pub name: String,
    /// The author page, root-relative (`/authors/ann-lee/`): for links.
    pub link: String,
    /// The author page's absolute URL.
    pub url: String,
    /// "Europe correspondent".
    pub role: Option<String>,
    /// The photo's absolute URL (its Open Graph copy's when resized).
    pub image: Option<String>,
    /// `url` and `social`.
    pub same_as: Vec<String>,
}

/// The site's authors: `authors.yaml` and every author named in a listed article.
#[derive(Debug, Clone, Default)]
pub struct Authors {
    /// `authors.yaml`.
    pub book: AuthorBook,
    /// Each entry's rendered bio and photo, in the order of `book.entries` (empty until the
    /// content pass renders them).
    pub profiles: Vec<AuthorProfile>,
    /// Every author with a page, ordered by slug.
    pub list: Vec<Author>,
    /// Index into `list` by name as written (trimmed).
    by_name: HashMap<String, usize>,
    /// Bylines naming, with no entry, someone whose name is a near miss of an entry's: said
    /// by `build` as well as `check` (see [`Authors::byline_warnings`]).
    misspelt: Vec<Warning>,
}

impl Authors {
    /// The directory of the authors `articles` name, with `book`'s slugs: the authors, and
    /// an error for every slug two names share. A site without `authors.yaml` has none: author
    /// pages are the desk's decision (a site upgrading stakes does not start publishing a page
    /// for every name it ever printed), and a site that never uses them pays nothing for them.
    pub fn new<'a>(
        book: AuthorBook,
        articles: impl Iterator<Item = AuthorFacts<'a>>,
    ) -> (Authors, Vec<Error>) {
        if !book.exists {
            return (Authors::default(), Vec::new());
        }
        let entry_of: HashMap<&str, usize> = book
            .entries
            .iter()
            .enumerate()
            .map(|(i, e)| (e.name.as_str(), i))
            .collect();
        let entry_names: Vec<&str> = book.entries.iter().map(|e| e.name.as_str()).collect();
        let mut list: Vec<Author> = Vec::new();
        let mut by_name: HashMap<String, usize> = HashMap::default();
        let mut stray: Vec<Stray> = Vec::new();
        let mut errors = Vec::new();
        for article in articles.filter(|a| a.listed) {
            for name in article.names {
                let name = name.trim();
                if name.is_empty() {
                    continue;
                }
                let a = match by_name.get(name) {
                    Some(&a) => a,
                    None => {
                        let entry = entry_of.get(name).copied();
                        if entry.is_none() {
                            if let Some(problem) = stray_name(&book, &entry_names, name, &article) {
                                match problem {
                                    Stray::Error(error) => errors.push(error),
                                    near => stray.push(near),
                                }
                                continue;
                            }
                        }
                        let slug = entry.map_or_else(
                            || crate::slug::slugify(name),
                            |e| book.entries[e].slug.clone(),
                        );
                        list.push(Author {
                            name: name.to_string(),
                            slug,
                            entry,
                            articles: 0,
                            public: 0,
                            sources: Vec::new(),
                        });
                        by_name.insert(name.to_string(), list.len() - 1);
                        list.len() - 1
                    }
                };
                let author = &mut list[a];
                // An article naming its author twice is listed once.
                if author.sources.last().map(|b| b.file.as_path()) != Some(article.source) {
                    author.articles += 1;
                    author.public += usize::from(article.public);
                    author.sources.push(if author.entry.is_none() {
                        Byline::of(&article)
                    } else {
                        Byline {
                            file: article.source.to_path_buf(),
                            line: None,
                        }
                    });
                }
            }
        }
        list.retain(|a| !a.slug.is_empty());
        list.sort_by(|a, b| a.slug.cmp(&b.slug).then_with(|| a.name.cmp(&b.name)));
        errors.extend(same_slug_errors(&list));
        let misspelt = misspelling_warnings(stray);
        let by_name = list
            .iter()
            .enumerate()
            .map(|(i, a)| (a.name.clone(), i))
            .collect();
        let profiles = vec![AuthorProfile::default(); book.entries.len()];
        (
            Authors {
                book,
                profiles,
                list,
                by_name,
                misspelt,
            },
            errors,
        )
    }

    /// Whether the site makes author pages (it has an `authors.yaml`).
    pub fn enabled(&self) -> bool {
        self.book.exists
    }

    /// The author with a page named `name` as written in front matter, by its index in
    /// [`Authors::list`].
    pub fn index_of(&self, name: &str) -> Option<usize> {
        self.by_name.get(name.trim()).copied()
    }

    /// The rendered bio and photo of author `a` (by index in `list`), if it has an entry.
    pub fn profile(&self, a: usize) -> Option<&AuthorProfile> {
        self.list[a].entry.map(|e| &self.profiles[e])
    }

    /// The `authors.yaml` entry of author `a`, if it has one.
    pub fn entry(&self, a: usize) -> Option<&AuthorEntry> {
        self.list[a].entry.map(|e| &self.book.entries[e])
    }

    /// What bylines and structured data need of author `a`.
    pub fn card(&self, a: usize, config: &SiteConfig) -> AuthorCard {
        let author = &self.list[a];
        let entry = self.entry(a);
        let photo = self.profile(a).and_then(|p| p.photo.as_ref());
        AuthorCard {
            name: author.name.clone(),
            link: config.link(&author_path(&author.slug)),
            url: config.absolute(&author_path(&author.slug)),
            role: entry.and_then(|e| e.role.clone()),
            image: photo
                .filter(|f| !f.src.is_empty())
                .map(|f| config.absolute_link(f.largest_src.as_deref().unwrap_or(&f.src))),
            same_as: entry
                .map(|e| e.url.iter().chain(&e.social).cloned().collect())
                .unwrap_or_default(),
        }
    }

    /// What `build` and `check` both say of bylines: a name with no entry that is a near
    /// miss of an entry's (no page is made for it, its byline is plain text).
    pub fn byline_warnings(&self) -> &[Warning] {
        &self.misspelt
    }

    /// What `stakes check` says so the desk can complete `authors.yaml`: each author with a
    /// page and no entry (naming the articles), and each entry no listed article names (its
    /// author gets no page: the name is most often misspelt on one side).
    pub fn warnings(&self) -> Vec<Warning> {
        let mut warnings: Vec<Warning> = self
            .list
            .iter()
            .filter(|a| a.entry.is_none())
            .map(|a| {
                Warning::new(
                    Location::file(&a.sources[0].file),
                    format!(
                        "`{}` has no entry in {AUTHORS_FILE}, so their author page shows only their name and articles ({}): add an entry with a `role` and a `bio`",
                        a.name,
                        named_in(&a.sources)
                    ),
                )
            })
            .collect();
        let names: Vec<&str> = self.list.iter().map(|a| a.name.as_str()).collect();
        for entry in &self.book.entries {
            if self.by_name.contains_key(&entry.name) {
                continue;
            }
            let hint = match crate::yaml::closest(&entry.name, &names) {
                Some(close) => format!("did you mean `{close}`? "),
                None => String::new(),
            };
            warnings.push(Warning::new(
                Location::line(AUTHORS_FILE, entry.line),
                format!(
                    "`{}` is named in no published article, so no author page is made for them: {hint}the key must match the name in `authors:` exactly",
                    entry.name
                ),
            ));
        }
        warnings
    }
}

/// The site path of an author's page (`ann-lee` → `authors/ann-lee/`).
pub fn author_path(slug: &str) -> String {
    format!("authors/{slug}/")
}

/// The site path of an author's Atom feed (`ann-lee` → `authors/ann-lee/atom.xml`).
pub fn author_feed_path(slug: &str) -> String {
    format!("authors/{slug}/atom.xml")
}

/// "content/a.md, content/b.md and 3 more".
fn named_in(sources: &[Byline]) -> String {
    const SHOWN: usize = 3;
    let shown: Vec<String> = sources
        .iter()
        .take(SHOWN)
        .map(|s| s.file.display().to_string())
        .collect();
    let more = sources.len().saturating_sub(SHOWN);
    let mut text = format!("named in {}", shown.join(", "));
    if more > 0 {
        text.push_str(&format!(" and {more} more"));
    }
    text
}

/// A byline name with no entry that is not given a page of its own: one on an entry's slug
/// (an error), or a near miss of an entry's name (a warning).
enum Stray {
    Error(Error),
    Near {
        name: String,
        entry: String,
        at: Byline,
    },
}

/// What is wrong with `name` (no entry) written in `article`, if it must not get a page.
fn stray_name(
    book: &AuthorBook,
    entry_names: &[&str],
    name: &str,
    article: &AuthorFacts<'_>,
) -> Option<Stray> {
    let slug = crate::slug::slugify(name);
    if let Some(entry) = book.entries.iter().find(|e| e.slug == slug) {
        let at = Byline::of(article);
        return Some(Stray::Error(Error::content(
            at.location(),
            format!(
                "`{name}` has no entry in {AUTHORS_FILE} but would have the author page /{} of `{}`: write the name as in {AUTHORS_FILE}, `{}`",
                author_path(&slug),
                entry.name,
                entry.name
            ),
        )));
    }
    let entry = crate::yaml::closest(name, entry_names)?;
    Some(Stray::Near {
        name: name.to_string(),
        entry: entry.to_string(),
        at: Byline::of(article),
    })
}

/// One warning per misspelt name, at its first article, naming every article it is in.
fn misspelling_warnings(stray: Vec<Stray>) -> Vec<Warning> {
    let mut by_name: Vec<(String, String, Vec<Byline>)> = Vec::new();
    for near in stray {
        if let Stray::Near { name, entry, at } = near {
            match by_name.iter_mut().find(|(n, _, _)| *n == name) {
                Some((_, _, places)) => places.push(at),
                None => by_name.push((name, entry, vec![at])),
            }
        }
    }
    by_name
        .into_iter()
        .map(|(name, entry, places)| {
            // The warning stands at the first place: the others are listed, not it again.
            let others: Vec<String> = places[1..].iter().map(Byline::shown).collect();
            let also = if others.is_empty() {
                String::new()
            } else {
                format!(" (also in {})", others.join(", "))
            };
            Warning::new(
                places[0].location(),
                format!(
                    "`{name}` has no entry in {AUTHORS_FILE}: did you mean `{entry}`? Write the name as in {AUTHORS_FILE}; until then its byline is plain text and no author page is made for it{also}"
                ),
            )
        })
        .collect()
}

/// An error for every slug two names with no entry share, naming both and where the second
/// is written (two entries on one slug are the file's error, [`AuthorBook::read`]; a name on an
/// entry's slug is refused before it gets a page, [`stray_name`]).
fn same_slug_errors(list: &[Author]) -> Vec<Error> {
    list.windows(2)
        .filter(|pair| pair[0].slug == pair[1].slug && pair[0].entry.is_none() && pair[1].entry.is_none())
        .map(|pair| {
            let (first, second) = (&pair[0], &pair[1]);
            Error::content(
                second.sources[0].location(),
                format!(
                    "`{}` and `{}` would both have the author page /{}: write the name one way, or give one of them an entry with another `slug:` in {AUTHORS_FILE}",
                    first.name,
                    second.name,
                    author_path(&first.slug)
                ),
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn facts<'a>(source: &'a Path, names: &'a [String], listed: bool) -> AuthorFacts<'a> {
        AuthorFacts {
            source,
            names,
            yaml: "",
            listed,
            public: listed,
        }
    }

    #[test]
    fn only_authors_of_listed_articles_get_pages_and_counts_are_per_article() {
        let (book, _) = AuthorBook::read("Ann Lee:\n  slug: ann\nNobody:\n  role: R\n");
        let (a, b) = (Path::new("content/a.md"), Path::new("content/b.md"));
        let ab = vec![
            "Ann Lee".to_string(),
            "Bo Yu".to_string(),
            "Ann Lee".to_string(),
        ];
        let drafted = vec!["Cy Draft".to_string()];
        let (authors, errors) = Authors::new(
            book,
            [facts(a, &ab, true), facts(b, &drafted, false)].into_iter(),
        );
        assert!(errors.is_empty(), "{errors:?}");
        let list: Vec<(&str, &str, usize)> = authors
            .list
            .iter()
            .map(|a| (a.name.as_str(), a.slug.as_str(), a.articles))
            .collect();
        assert_eq!(list, vec![("Ann Lee", "ann", 1), ("Bo Yu", "bo-yu", 1)]);
        assert_eq!(authors.index_of(" Bo Yu "), Some(1));
        let warnings: Vec<String> = authors.warnings().iter().map(|w| w.to_string()).collect();
        assert_eq!(warnings.len(), 2, "{warnings:?}");
    }

    #[test]
    fn a_site_without_authors_yaml_has_no_author_pages() {
        let names = vec!["Ann Lee".to_string()];
        let (authors, errors) = Authors::new(
            AuthorBook::default(),
            [facts(Path::new("content/a.md"), &names, true)].into_iter(),
        );
        assert!(errors.is_empty() && authors.list.is_empty() && !authors.enabled());
    }

    #[test]
    fn two_names_on_one_slug_are_an_error_naming_both() {
        let names = vec!["Ann Lee".to_string(), "Ann-Lee".to_string()];
        let book = AuthorBook {
            exists: true,
            entries: Vec::new(),
        };
        let (_, errors) = Authors::new(
            book,
            [facts(Path::new("content/a.md"), &names, true)].into_iter(),
        );
        assert_eq!(errors.len(), 1);
        let message = errors[0].to_string();
        assert!(message.contains("`Ann Lee` and `Ann-Lee`"), "{message}");
    }
}
