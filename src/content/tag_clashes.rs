//! Tags that are different words but share a URL (`Energy` and `energy` are one tag; `حرب`
//! "war" and `هرب` "fled" both become `/tags/hrb/`, as would two names that differ only in
//! accents): the listings merge them under the first spelling, so each such pair is a warning
//! naming both and where they are used. It owns only that check.

use rustc_hash::FxHashMap as HashMap;

use super::Article;
use crate::error::{Location, Warning};

/// One warning per tag name that shares its slug with a different name used before it.
pub fn warnings(articles: &[Article]) -> Vec<Warning> {
    // slug → (first name, the file it is first in)
    let mut first: HashMap<&str, (&str, &std::path::Path)> = HashMap::default();
    let mut warned: Vec<(&str, &str)> = Vec::new();
    let mut found = Vec::new();
    for article in articles {
        for tag in &article.tags {
            let (name, file) = *first
                .entry(tag.slug.as_str())
                .or_insert((tag.name.as_str(), article.source.as_path()));
            if name.to_lowercase() == tag.name.to_lowercase() || warned.contains(&(name, &tag.name))
            {
                continue;
            }
            warned.push((name, &tag.name));
            found.push(Warning::new(
                Location::file(&article.source),
                format!(
                    "the tags `{}` and `{name}` (in {}) share the address /tags/{}/, so they are listed as one topic, `{name}`: if they are different topics, rename one",
                    tag.name,
                    crate::content::slash_path(file),
                    tag.slug
                ),
            ));
        }
    }
    found
}
