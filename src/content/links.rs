//! Links and images in Markdown: `@/` links to other articles, images beside an article or in
//! `static/`, with "did you mean" hints (percent-encoding is `urlpath`'s). It answers questions
//! about paths; it must not read articles or render Markdown (the renderer calls it through
//! [`Resolve`]).

use std::path::{Component, Path};

pub use crate::urlpath::encode_path;
pub(crate) use crate::urlpath::percent_decode;
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::{parent_of, Content};
use crate::config::SiteConfig;
use crate::layout::{CONTENT_DIR, STATIC_DIR};
use crate::markdown::{LinkNotice, LocalImage, Resolve};

/// What links and images in an article may point at: every article's content path with its
/// site path, and every file under `content/`.
pub enum LinkIndex<'a> {
    /// Hash maps, for loading a whole site.
    Maps {
        /// Content path → site path.
        links: HashMap<&'a str, &'a str>,
        /// Content paths of non-Markdown files.
        assets: HashSet<&'a str>,
        /// Content path → the articles that are not, or will not stay, published (issue #18).
        gone: HashMap<String, Gone>,
    },
    /// Looks things up in loaded content on demand: reloading one article (in the preview
    /// server) then costs nothing unless it links to others.
    Scan(&'a Content),
}

/// An article a link may point at that is not published, or will be removed (issue #18).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Gone {
    /// Why.
    pub kind: GoneKind,
    /// The moment that decides it, as messages show it (`2026-12-08 06:00 CET`).
    pub at: String,
}

/// Why a link's article is not, or will not stay, published.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum GoneKind {
    /// It publishes later.
    Scheduled,
    /// It expired and was removed (`expired: remove`).
    Removed,
    /// It is published, and will be removed when it expires.
    Expiring,
}

impl LinkIndex<'_> {
    /// What is known of an article that is not, or will not stay, published. Asked of every
    /// `@/` link: nothing is looked up on a site with no such article.
    fn gone(&self, content_path: &str) -> Option<Gone> {
        match self {
            LinkIndex::Maps { gone, .. } if gone.is_empty() => None,
            LinkIndex::Maps { gone, .. } => gone.get(content_path).cloned(),
            LinkIndex::Scan(content) => content.gone(content_path),
        }
    }

    fn site_path(&self, content_path: &str) -> Option<&str> {
        match self {
            LinkIndex::Maps { links, .. } => links.get(content_path).copied(),
            LinkIndex::Scan(content) => content
                .articles
                .iter()
                .find(|a| a.content_path == content_path)
                .map(|a| a.path.as_str()),
        }
    }

    /// File names of the non-Markdown files directly in a folder of `content/` (for
    /// suggestions when an image is misspelt; only asked after a miss).
    fn asset_names_in(&self, folder: &str) -> Vec<&str> {
        fn name(path: &str) -> &str {
            path.rsplit('/').next().unwrap_or(path)
        }
        let in_folder = |path: &str| parent_of(path) == folder;
        match self {
            LinkIndex::Maps { assets, .. } => assets
                .iter()
                .filter(|p| in_folder(p))
                .map(|p| name(p))
                .collect(),
            LinkIndex::Scan(content) => content
                .assets
                .iter()
                .map(|a| a.output.as_str())
                .filter(|p| in_folder(p))
                .map(name)
                .collect(),
        }
    }

    fn has_asset(&self, content_path: &str) -> bool {
        match self {
            LinkIndex::Maps { assets, .. } => assets.contains(content_path),
            LinkIndex::Scan(content) => content.assets.iter().any(|a| a.output == content_path),
        }
    }
}

/// Resolves image and link URLs for one article.
pub(super) struct ArticleResolver<'a> {
    pub(super) root: &'a Path,
    pub(super) config: &'a SiteConfig,
    pub(super) article_dir: &'a str,
    pub(super) index: &'a LinkIndex<'a>,
}

impl Resolve for ArticleResolver<'_> {
    fn image(&self, src: &str) -> std::result::Result<(String, Option<LocalImage>), String> {
        if is_external(src) {
            return Ok((src.to_string(), None));
        }
        let (path, _) = split_fragment(src);
        let decoded = percent_decode(path);
        if let Some(from_static) = decoded.strip_prefix('/') {
            let file = self.root.join(STATIC_DIR).join(from_static);
            if !is_safe_relative(from_static) || !file.is_file() {
                let names = file_names_in(file.parent());
                let hint = did_you_mean(&decoded, names.iter().map(String::as_str));
                return Err(format!("image `{src}` does not exist: root-relative images are looked up in static/ (expected static/{from_static}){hint}"));
            }
            let local = LocalImage {
                file,
                site_path: from_static.to_string(),
            };
            return Ok((self.config.link(&encode_path(from_static)), Some(local)));
        }
        let joined = if self.article_dir.is_empty() {
            decoded.to_string()
        } else {
            format!("{}/{}", self.article_dir, decoded)
        };
        match normalise_relative(&joined) {
            Some(content_path) if self.index.has_asset(&content_path) => {
                let local = LocalImage {
                    file: self.root.join(CONTENT_DIR).join(&content_path),
                    site_path: content_path.clone(),
                };
                Ok((self.config.link(&encode_path(&content_path)), Some(local)))
            }
            found => {
                let folder = found.as_deref().map_or("", parent_of);
                let names = self.index.asset_names_in(folder);
                let hint = did_you_mean(&decoded, names.into_iter());
                Err(format!(
                    "image `{src}` does not exist: relative images are looked up beside the article (expected content/{joined}){hint}"
                ))
            }
        }
    }

    fn link(&self, dest: &str) -> std::result::Result<String, String> {
        if let Some(target) = dest.strip_prefix("@/") {
            let (path, fragment) = split_fragment(target);
            let path = percent_decode(path);
            let elsewhere = || self.config.editions.article_elsewhere(&path);
            return match self.index.site_path(&path) {
                Some(site_path) => Ok(format!("{}{fragment}", self.config.link(site_path))),
                // An article of another language's edition (issue #21): not translated into
                // this one, or named with its language (`@/world/summit.fr.md`).
                None if self.config.editions.is_multilingual() && elsewhere().is_some() => {
                    let url = elsewhere().unwrap_or_default();
                    // Root-relative on the same host, like every other link we make.
                    let url = match url.strip_prefix(self.config.origin()) {
                        Some(rest) if rest.starts_with('/') => rest.to_string(),
                        _ => url,
                    };
                    Ok(format!("{url}{fragment}"))
                }
                None => Err(match self.index.gone(&path) {
                    Some(Gone {
                        kind: GoneKind::Scheduled,
                        at,
                    }) => format!(
                        "link `{dest}`: content/{path} is scheduled to publish at {at}: link to it once it is published, or build with --future"
                    ),
                    _ => format!("link `{dest}`: there is no content/{path} (or it is a draft)"),
                }),
            };
        }
        if dest.starts_with('/') && !dest.starts_with("//") {
            // From the site's root: in a French edition, `/world/deal/` is the English page
            // and `/fr/world/deal/` the French one, as they are written (issue #21).
            return Ok(self.config.site_link(dest));
        }
        // A file beside the article (`treaty.pdf`) is published beside its folder, not
        // below its page: a flat article's page is one folder deeper, and a translation with
        // its own `slug:` is elsewhere. The link goes where the file is.
        if !dest.is_empty() && !dest.starts_with('#') && !dest.contains(':') {
            let (path, fragment) = split_fragment(dest);
            let decoded = percent_decode(path);
            let joined = if self.article_dir.is_empty() {
                decoded.to_string()
            } else {
                format!("{}/{}", self.article_dir, decoded)
            };
            if let Some(content_path) = normalise_relative(&joined) {
                if self.index.has_asset(&content_path) {
                    let link = self.config.link(&encode_path(&content_path));
                    return Ok(format!("{link}{fragment}"));
                }
            }
        }
        Ok(dest.to_string())
    }

    fn notice(&self, dest: &str) -> Option<LinkNotice> {
        let target = dest.strip_prefix("@/")?;
        let path = percent_decode(split_fragment(target).0);
        let Gone { kind, at } = self.index.gone(&path)?;
        let advice = "remove it or link to another article";
        match kind {
            GoneKind::Scheduled => None,
            GoneKind::Removed => Some(LinkNotice::Dropped(format!(
                "link `{dest}`: content/{path} expired at {at} and was removed (`expired: remove` in site.yaml): the link is shown as its text; {advice}"
            ))),
            GoneKind::Expiring => Some(LinkNotice::Expiring(format!(
                "link `{dest}`: content/{path} expires at {at} and will be removed (`expired: remove` in site.yaml): the link will be dropped then; {advice}"
            ))),
        }
    }
}

/// `; did you mean `photos/parliament.jpg`?` when a file in the folder has the name the writer
/// wrote but for case (`Parliament.JPG`: it works on a Mac's disk, not on the Linux server) or
/// for `.jpg`/`.jpeg`; empty otherwise. Only near-certain matches: a wrong guess misleads more
/// than none. `written` is the path as written, decoded.
fn did_you_mean<'n>(written: &str, names: impl Iterator<Item = &'n str>) -> String {
    let (folder, wanted) = match written.rfind('/') {
        Some(i) => written.split_at(i + 1),
        None => ("", written),
    };
    let key = |name: &str| {
        let lower = name.to_lowercase();
        match lower.strip_suffix(".jpeg") {
            Some(stem) => format!("{stem}.jpg"),
            None => lower,
        }
    };
    let wanted_key = key(wanted);
    let mut names = names;
    match names.find(|name| key(name) == wanted_key) {
        Some(name) => format!("; did you mean `{folder}{name}`?"),
        None => String::new(),
    }
}

/// Names of the files in a folder (none if it cannot be read).
fn file_names_in(folder: Option<&Path>) -> Vec<String> {
    folder
        .and_then(|f| std::fs::read_dir(f).ok())
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter_map(|e| e.file_name().into_string().ok())
        .collect()
}

fn is_external(url: &str) -> bool {
    url.starts_with("http://")
        || url.starts_with("https://")
        || url.starts_with("//")
        || url.starts_with("data:")
}

fn split_fragment(url: &str) -> (&str, &str) {
    match url.find(['#', '?']) {
        Some(i) => (&url[..i], &url[i..]),
        None => (url, ""),
    }
}

/// `a/./b/../c.jpg` → `a/c.jpg`; `None` when it climbs out of `content/`.
pub(crate) fn normalise_relative(path: &str) -> Option<String> {
    // Nearly every path is normal already: plain names between single slashes.
    if is_plain_relative(path) {
        return Some(path.to_string());
    }
    normalise_components(path)
}

/// Plain names between single slashes: what [`normalise_components`] returns unchanged.
fn is_plain_relative(path: &str) -> bool {
    !path.is_empty()
        && path.split('/').all(|part| {
            !part.is_empty() && part != "." && part != ".." && !part.contains(['\\', ':'])
        })
}

fn normalise_components(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for component in Path::new(path).components() {
        match component {
            Component::Normal(part) => parts.push(part.to_str()?),
            Component::CurDir => {}
            Component::ParentDir => {
                parts.pop()?;
            }
            _ => return None,
        }
    }
    Some(parts.join("/"))
}

fn is_safe_relative(path: &str) -> bool {
    Path::new(path)
        .components()
        .all(|c| matches!(c, Component::Normal(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_are_normalised_inside_content() {
        assert_eq!(
            normalise_relative("a/./b/../c.jpg").as_deref(),
            Some("a/c.jpg")
        );
        assert_eq!(normalise_relative("../x.jpg"), None);
        for path in [
            "a.jpg",
            "a/b.jpg",
            "a//b.jpg",
            "./a.jpg",
            "a/",
            "/a.jpg",
            "a/../b",
            "a b/ç.jpg",
            "a:b.jpg",
            "a\\b.jpg",
            "..",
            ".",
            "",
            "x/./y",
        ] {
            if is_plain_relative(path) {
                assert_eq!(
                    normalise_components(path).as_deref(),
                    Some(path),
                    "the fast path must agree on {path:?}"
                );
            }
        }
    }

    #[test]
    fn url_paths_are_encoded_and_decoded() {
        assert_eq!(encode_path("a b/ç.jpg"), "a%20b/%C3%A7.jpg");
        assert_eq!(percent_decode("a%20b.jpg"), "a b.jpg");
        assert_eq!(percent_decode("100%"), "100%");
        // Issue #16: a `%` before a multi-byte character once sliced it in two and panicked.
        assert_eq!(percent_decode("/t/%aé"), "/t/%aé");
        assert_eq!(percent_decode("%é%"), "%é%");
        assert_eq!(percent_decode("%C3%A9t%C3%A9"), "été");
        assert_eq!(
            percent_decode("%FF.jpg"),
            "%FF.jpg",
            "not UTF-8: left as written"
        );
    }
}
