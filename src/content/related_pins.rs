//! Reading an article's `related:` (issue #19): `false`, `true`, or the articles to show first
//! as `@/` paths, each checked against the site's articles and reported at its own line with
//! what to do. It must not choose related articles ([`super::related`]) or gather cards.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::draft::Draft;
use super::front_matter;
use super::related::Want;
use crate::error::{Error, Location, Warning};
use crate::layout::CONTENT_DIR;

/// What reading pins needs of the site: its root, every article by content path, and whether
/// each may be shown under another article.
pub(super) struct PinIndex<'a> {
    pub(super) root: &'a Path,
    pub(super) by_path: &'a HashMap<&'a str, usize>,
    pub(super) shown: &'a dyn Fn(usize) -> bool,
}

/// What draft `me`'s `related:` asks for. Problems that make it wrong are errors of the
/// draft (it is left out, as with any front matter error); pins that only cannot be shown
/// yet are warnings.
pub(super) fn want_of(
    me: usize,
    draft: &Draft,
    index: &PinIndex<'_>,
    (errors, warnings): (&mut Vec<Error>, &mut Vec<Warning>),
) -> Want {
    let value = &draft.front.related;
    if value.is_null() {
        return Want::Auto;
    }
    if let Some(on) = value.boolean() {
        return if on { Want::Auto } else { Want::Off };
    }
    if value.number().is_some() {
        errors.push(Error::content(
            front_matter::key_location(&draft.file.shown, &draft.yaml, "related"),
            "`related:` in an article takes `false` or the articles to show first; how many explainers every article shows is `related:` in site.yaml",
        ));
        return Want::Auto;
    }
    let items = match (value.list(), value.text()) {
        (Some(items), _) => items.iter().map(crate::yaml::Value::text).collect(),
        (None, Some(one)) => Some(vec![one]),
        (None, None) => None,
    };
    let Some(pins) = items else {
        errors.push(Error::content(
            front_matter::key_location(&draft.file.shown, &draft.yaml, "related"),
            "`related:` takes `false`, or the articles to show first as a list of quoted `@/` paths: `related: [\"@/world/summit.md\"]`",
        ));
        return Want::Auto;
    };
    let mut found: Vec<usize> = Vec::new();
    for (k, pin) in pins.iter().enumerate() {
        let written = pin.trim();
        let earlier = pins[..k].iter().filter(|p| p.trim() == written).count();
        let at = pin_location(draft, written, earlier);
        match read_pin(written, index) {
            Ok(j) if j == me => warnings.push(Warning::new(
                at,
                format!("`related:` lists `{written}`, the article itself: it is left out"),
            )),
            Ok(j) if found.contains(&j) => warnings.push(Warning::new(
                at,
                format!("`related:` lists `{written}` twice: it is shown once"),
            )),
            Ok(j) => {
                if !(index.shown)(j) {
                    warnings.push(Warning::new(at, not_published(written)));
                }
                found.push(j);
            }
            Err(Pin::NotBuilt) => warnings.push(Warning::new(
                at,
                format!("`related:` lists `{written}`, which is not in this build (a draft, or an article with errors of its own): it is left out until it is"),
            )),
            Err(Pin::Wrong(message)) => errors.push(Error::content(at, message)),
        }
    }
    Want::Pinned(found)
}

/// Why a pin shows nothing.
enum Pin {
    /// An article file that this build does not hold.
    NotBuilt,
    /// A mistake, said with what to do.
    Wrong(String),
}

/// The article a pin names, by index.
fn read_pin(written: &str, index: &PinIndex<'_>) -> Result<usize, Pin> {
    if ["false", "true", "no", "yes", "off", "on", "none"]
        .contains(&written.to_lowercase().as_str())
    {
        return Err(Pin::Wrong(format!(
            "`related:` lists `{written}` as an article: to turn the block off, write `related: false` (no quotes)"
        )));
    }
    if written.matches("@/").count() > 1 {
        return Err(Pin::Wrong(format!(
            "`related:` lists `{written}` as one article: give each its own item, `[\"@/world/summit.md\", \"@/economy/gas.md\"]`"
        )));
    }
    let Some(path) = written.strip_prefix("@/") else {
        let bare = written.trim_start_matches('/');
        let exists = index.by_path.contains_key(bare) || is_article_file(index, bare);
        let fix = match exists {
            true => format!("write `@/{bare}`"),
            false => format!(
                "name an article from content/ as in links, with `@/`{}",
                suggestion(bare, index)
            ),
        };
        return Err(Pin::Wrong(format!("`related:` lists `{written}`: {fix}")));
    };
    if let Some((article, _)) = path.split_once('#') {
        return Err(Pin::Wrong(format!(
            "`related:` lists `{written}`: a pin names a whole article, not a place in it; write `@/{article}`"
        )));
    }
    if let Some(&j) = index.by_path.get(path) {
        return Ok(j);
    }
    let file = index.root.join(CONTENT_DIR).join(path);
    if path == "_index.md" || path.ends_with("/_index.md") {
        return Err(Pin::Wrong(format!(
            "`related:` lists `{written}`, a section's introduction: pin an article"
        )));
    }
    if file.is_file() {
        if path.ends_with(".md") {
            return Err(Pin::NotBuilt);
        }
        return Err(Pin::Wrong(format!(
            "`related:` lists `{written}`, which is not an article (articles are the `.md` files under content/)"
        )));
    }
    Err(Pin::Wrong(format!(
        "`related:` lists `{written}`, which is not an article{}",
        suggestion(path, index)
    )))
}

/// `: did you mean `@/world/summit.md`?` for a pin missing `.md`, written as a URL, or with a
/// typo; else what to check.
fn suggestion(path: &str, index: &PinIndex<'_>) -> String {
    let bare = path.trim_end_matches('/');
    let likely = [
        format!("{bare}.md"),
        format!("{bare}/index.md"),
        path.to_string(),
    ]
    .into_iter()
    .find_map(|wanted| {
        // Written with other capitals: found on a Mac's disk, not on the server's.
        let lower = wanted.to_lowercase();
        index
            .by_path
            .keys()
            .find(|p| p.to_lowercase() == lower)
            .map(|p| p.to_string())
    });
    let on_disk = || {
        [format!("{bare}.md"), format!("{bare}/index.md")]
            .into_iter()
            .find(|wanted| is_article_file(index, wanted))
    };
    let near = likely.or_else(on_disk).or_else(|| {
        let paths: Vec<&str> = index.by_path.keys().copied().collect();
        crate::yaml::closest(path, &paths).map(str::to_string)
    });
    match near {
        Some(near) => format!(": did you mean `@/{near}`?"),
        None => ": check the path under content/ (with `.md`)".to_string(),
    }
}

/// Whether `path` under content/ is a Markdown file (an article this build may not hold).
fn is_article_file(index: &PinIndex<'_>, path: &str) -> bool {
    path.ends_with(".md") && index.root.join(CONTENT_DIR).join(path).is_file()
}

fn not_published(written: &str) -> String {
    format!("`related:` lists `{written}`, which is not published (a draft, scheduled, expired or a plain page): it is left out until it is")
}

/// Where a pin is written: the line of the list item that is it (the `nth` such item, for a
/// pin written more than once), else the first line after the key that holds its text (a list
/// on one line), else the key's.
fn pin_location(draft: &Draft, written: &str, nth: usize) -> Location {
    let first = front_matter::YAML_FIRST_LINE;
    let line = front_matter::line_of_key(&draft.yaml, "related").map(|key| {
        let after = || {
            draft
                .yaml
                .lines()
                .enumerate()
                .skip(key.saturating_sub(first))
        };
        after()
            .filter(|(_, line)| list_item(line) == Some(written))
            .nth(nth)
            .or_else(|| after().find(|(_, line)| line.contains(written)))
            .map_or(key, |(k, _)| k + first)
    });
    Location::line(&draft.file.shown, line.unwrap_or(1))
}

/// The value of a YAML list item line (`  - "@/a.md"` → `@/a.md`), if the line is one.
fn list_item(line: &str) -> Option<&str> {
    let value = line.trim_start().strip_prefix('-')?.trim();
    let unquoted = ['"', '\'']
        .iter()
        .find_map(|q| value.strip_prefix(*q)?.strip_suffix(*q))
        .unwrap_or(value);
    Some(unquoted.trim())
}
