//! Where an article publishes: its section key and site path, from its place under
//! `content/` and an optional `slug:`, with the names that cannot make a URL or that the site
//! uses for its own pages refused, and two articles claiming one path.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::{front_matter, SourceFile};
use crate::error::{Error, Location, Result};
use crate::slug::{is_valid_slug_in, slug_in, SlugStyle};

/// Top-level URL segments the site generates itself.
const RESERVED_SEGMENTS: [&str; 2] = ["tags", "page"];

/// The section key and site path of an article, from its location and optional `slug:`.
pub(super) fn article_path(
    file: &SourceFile,
    slug: Option<&str>,
    yaml: &str,
    style: SlugStyle,
) -> Result<(Option<String>, String)> {
    let parts: Vec<&str> = file.content_path.split('/').collect();
    let (dirs, stem) = match parts.split_last() {
        Some((&"index.md", dirs)) if !dirs.is_empty() => (&dirs[..dirs.len() - 1], dirs[dirs.len() - 1]),
        Some((&"index.md", _)) => {
            return Err(Error::content(
                Location::file(&file.shown),
                "the home page is generated from the articles; rename this file (e.g. content/about.md with `template: page.html`)",
            ))
        }
        Some((name, dirs)) => (dirs, name.trim_end_matches(".md")),
        None => unreachable!("a discovered file has a name"),
    };
    let slug = match slug {
        Some(slug) if is_valid_slug_in(slug, style) => slug.to_string(),
        Some(slug) => {
            let suggestion = slug_in(slug, style);
            let hint = if suggestion.is_empty() {
                String::new()
            } else {
                format!(", e.g. `{suggestion}`")
            };
            return Err(Error::content(
                front_matter::key_location(&file.shown, yaml, "slug"),
                format!("`slug: {slug}` must be lowercase letters, digits and hyphens (no `/`, `..` or spaces){hint}"),
            ));
        }
        None => slug_in(stem, style),
    };
    if slug.is_empty() {
        return Err(Error::content(
            Location::file(&file.shown),
            "the file name has no letters or digits to make a URL from: rename it or set `slug:`",
        ));
    }
    let section_parts: Vec<String> = dirs.iter().map(|d| slug_in(d, style)).collect();
    if section_parts.iter().any(String::is_empty) {
        return Err(Error::content(
            Location::file(&file.shown),
            "a folder name has no letters or digits to make a URL from: rename the folder",
        ));
    }
    let first = section_parts
        .first()
        .map(String::as_str)
        .unwrap_or(slug.as_str());
    if RESERVED_SEGMENTS.contains(&first) {
        return Err(Error::content(
            Location::file(&file.shown),
            format!("would publish under /{first}/, which the site uses for its own listing pages: rename it or set `slug:`"),
        ));
    }
    let section = (!section_parts.is_empty()).then(|| section_parts.join("/"));
    let path = match &section {
        Some(section) => format!("{section}/{slug}/"),
        None => format!("{slug}/"),
    };
    Ok((section, path))
}

/// One error for each site path that two or more articles would publish to, naming them all.
pub(super) fn duplicate_path_errors<'d>(
    articles: impl Iterator<Item = (&'d str, &'d Path)>,
    folder: &str,
) -> Vec<Error> {
    let mut by_path: HashMap<&str, Vec<&Path>> = HashMap::default();
    for (path, shown) in articles {
        by_path.entry(path).or_default().push(shown);
    }
    let mut duplicates: Vec<_> = by_path
        .into_iter()
        .filter(|(_, files)| files.len() > 1)
        .collect();
    duplicates.sort();
    let mut errors = Vec::new();
    for (path, files) in duplicates {
        let names: Vec<String> = files.iter().map(|f| super::slash_path(f)).collect();
        let (all, rest) = names.split_last().expect("two files or more");
        let (joined, how_many) = match rest {
            [one] => (format!("{one} and {all}"), "both"),
            _ => (format!("{} and {all}", rest.join(", ")), "all"),
        };
        errors.push(Error::content(
            Location::file(files[0]),
            format!(
                "{joined} {how_many} publish to /{folder}{path}: rename one or set a different `slug:`"
            ),
        ));
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_of_flat_files_bundles_and_typed_slugs() {
        assert_eq!(
            article_path(
                &SourceFile::at("world/summit.md"),
                None,
                "",
                SlugStyle::Ascii
            )
            .unwrap(),
            (Some("world".into()), "world/summit/".into())
        );
        assert_eq!(
            article_path(
                &SourceFile::at("world/Big Summit/index.md"),
                None,
                "",
                SlugStyle::Ascii
            )
            .unwrap(),
            (Some("world".into()), "world/big-summit/".into())
        );
        assert_eq!(
            article_path(&SourceFile::at("about.md"), None, "", SlugStyle::Ascii).unwrap(),
            (None, "about/".into())
        );
        assert_eq!(
            article_path(
                &SourceFile::at("a/b.md"),
                Some("custom"),
                "",
                SlugStyle::Ascii
            )
            .unwrap()
            .1,
            "a/custom/"
        );
    }

    #[test]
    fn unsafe_slugs_and_reserved_paths_are_refused() {
        let err = article_path(
            &SourceFile::at("a.md"),
            Some("../etc"),
            "slug: ../etc\n",
            SlugStyle::Ascii,
        )
        .unwrap_err()
        .to_string();
        assert!(
            err.starts_with("content/a.md:2: `slug: ../etc` must be lowercase"),
            "{err}"
        );
        assert!(article_path(&SourceFile::at("tags.md"), None, "", SlugStyle::Ascii).is_err());
        assert!(article_path(&SourceFile::at("index.md"), None, "", SlugStyle::Ascii).is_err());
    }
}
