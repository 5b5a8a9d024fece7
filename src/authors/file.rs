//! Reading `authors.yaml` (issue #19): one entry per author, keyed by the name as written in
//! front matter `authors:`. It owns the raw file (read entry by entry, unknown keys refused
//! with a suggestion, by the one YAML reader), the checks of each entry (slug, URLs, photo
//! fields, two entries on one slug) and the lines
//! every problem is reported at. It must not render Markdown or process photos: the bio and
//! the photo are handed on as written, to the content pass that has the link index and the
//! photo pipeline.

use std::collections::BTreeMap;
use std::path::Path;

use serde::Deserialize;

use crate::error::{Error, Location};
use crate::layout::AUTHORS_FILE;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawAuthor {
    slug: Option<String>,
    role: Option<String>,
    bio: Option<String>,
    photo: Option<RawPhoto>,
    url: Option<String>,
    #[serde(default)]
    social: Social,
    email: Option<String>,
}

/// `social:` as a list, or one address written alone (`social: https://…`).
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Social {
    One(String),
    Many(Vec<String>),
}

impl Default for Social {
    fn default() -> Self {
        Social::Many(Vec::new())
    }
}

impl Social {
    fn urls(&self) -> &[String] {
        match self {
            Social::One(url) => std::slice::from_ref(url),
            Social::Many(urls) => urls,
        }
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPhoto {
    src: String,
    alt: Option<String>,
    credit: Option<String>,
}

/// An author's photo as written in `authors.yaml`, processed later like any figure.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WrittenPhoto {
    /// Relative to `content/`, root-relative to `static/`, or an absolute URL.
    pub src: String,
    /// Alt text (required: its absence is reported when the photo is processed).
    pub alt: Option<String>,
    /// Credit (required as for figures unless `require_credits: false`).
    pub credit: Option<String>,
    /// Line of `photo:` in `authors.yaml`.
    pub line: usize,
}

/// One entry of `authors.yaml`, checked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuthorEntry {
    /// The name as written in front matter.
    pub name: String,
    /// URL form: `slug:` or made from the name.
    pub slug: String,
    /// "Europe correspondent".
    pub role: Option<String>,
    /// The bio in Markdown, as written, and the line its text starts on.
    pub bio: Option<(String, usize)>,
    /// The author's photo.
    pub photo: Option<WrittenPhoto>,
    /// An external profile page.
    pub url: Option<String>,
    /// Profile URLs elsewhere.
    pub social: Vec<String>,
    /// A contact address.
    pub email: Option<String>,
    /// Line of the entry's name.
    pub line: usize,
}

/// Every entry of `authors.yaml`, in the file's order.
#[derive(Debug, Clone, Default)]
pub struct AuthorBook {
    /// Whether the site has an `authors.yaml` (even an empty one): only then are author pages
    /// made (see [`crate::authors::Authors::new`]).
    pub exists: bool,
    /// The entries, in the order of the file.
    pub entries: Vec<AuthorEntry>,
}

impl AuthorBook {
    /// Reads `authors.yaml` under `root`, if there is one: the entries that could be read and
    /// every problem of the file, each at its line.
    pub fn load(root: &Path) -> (AuthorBook, Vec<Error>) {
        let path = root.join(AUTHORS_FILE);
        match std::fs::read_to_string(&path) {
            Ok(text) => AuthorBook::read(&text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                (AuthorBook::default(), Vec::new())
            }
            Err(err) => (
                AuthorBook {
                    exists: true,
                    entries: Vec::new(),
                },
                vec![Error::io(&path, err)],
            ),
        }
    }

    /// Reads the text of an `authors.yaml`.
    pub fn read(text: &str) -> (AuthorBook, Vec<Error>) {
        let text = crate::content::front_matter::normalise_text(text.to_string());
        if text.trim().is_empty() {
            let empty = AuthorBook {
                exists: true,
                entries: Vec::new(),
            };
            return (empty, Vec::new());
        }
        let (raw, mut errors) = read_entries(&text);
        let mut entries: Vec<AuthorEntry> = raw
            .into_iter()
            .filter_map(|(name, raw)| {
                checked_entry(&text, name, raw.unwrap_or_default(), &mut errors)
            })
            .collect();
        entries.sort_by_key(|e| e.line);
        errors.extend(same_slug_errors(&text, &entries));
        let book = AuthorBook {
            exists: true,
            entries,
        };
        (book, errors)
    }
}

/// The raw entries of the file and the YAML problems of each: entry by entry when the file is
/// the plain shape (a name at the start of a line, its keys indented below), so a mistyped
/// value in one entry does not hide the problems of the others; else as one document.
fn read_entries(text: &str) -> (Vec<(String, Option<RawAuthor>)>, Vec<Error>) {
    type Raw = BTreeMap<String, Option<RawAuthor>>;
    let shown = Path::new(AUTHORS_FILE);
    let Some(blocks) = entry_blocks(text) else {
        let (raw, errors) = crate::yaml::parse_all::<Raw>(text, shown, 1);
        return (raw.unwrap_or_default().into_iter().collect(), errors);
    };
    let mut entries = Vec::new();
    let mut errors = Vec::new();
    let mut first_lines: BTreeMap<String, usize> = BTreeMap::new();
    for (first_line, block) in blocks {
        let (raw, mut problems) = crate::yaml::parse_all::<Raw>(block, shown, first_line);
        errors.append(&mut problems);
        for (name, raw) in raw.unwrap_or_default() {
            if let Some(first) = first_lines.get(&name) {
                errors.push(Error::content(
                    Location::line(AUTHORS_FILE, first_line),
                    format!("`{name}` has two entries (the first on line {first}): keep one"),
                ));
                continue;
            }
            first_lines.insert(name.clone(), first_line);
            entries.push((name, raw));
        }
    }
    (entries, errors)
}

/// The file cut before each line that starts an entry (unindented, not a comment), with the
/// line each part starts on; `None` when a top-level line is not `name:` (a list, a flow map,
/// a document marker), which only the whole document can make sense of.
fn entry_blocks(text: &str) -> Option<Vec<(usize, &str)>> {
    let mut starts: Vec<(usize, usize)> = Vec::new();
    let mut offset = 0;
    for (index, line) in text.split_inclusive('\n').enumerate() {
        let top = !line.starts_with([' ', '\t', '#']) && !line.trim().is_empty();
        if top {
            if line.starts_with(['-', '{', '[', '%', '?', '&', '*', '!', '|', '>']) {
                return None;
            }
            starts.push((index + 1, offset));
        }
        offset += line.len();
    }
    let ends = starts.iter().skip(1).map(|&(_, at)| at).chain([text.len()]);
    Some(
        starts
            .iter()
            .zip(ends)
            .map(|(&(line, start), end)| (line, &text[start..end]))
            .collect(),
    )
}

/// The entry `name` checked, with its problems added to `errors`; `None` when its name is
/// empty.
fn checked_entry(
    text: &str,
    name: String,
    raw: RawAuthor,
    errors: &mut Vec<Error>,
) -> Option<AuthorEntry> {
    let line = entry_line(text, &name).unwrap_or(1);
    let at =
        |key: &str| Location::line(AUTHORS_FILE, nested_line(text, &name, key).unwrap_or(line));
    let name = name.trim().to_string();
    if name.is_empty() {
        errors.push(Error::content(
            Location::line(AUTHORS_FILE, line),
            "an entry has an empty name: key each entry by the author's name as written in `authors:`",
        ));
        return None;
    }
    let slug = checked_slug(&name, raw.slug.as_deref(), at("slug"), line, errors);
    errors.extend(address_problems(text, &name, &raw, line));
    let bio = raw.bio.filter(|b| !b.trim().is_empty()).map(|bio| {
        let bio_line = nested_line(text, &name, "bio").unwrap_or(line);
        // A block (`bio: |`) starts on the next line.
        let block = text
            .lines()
            .nth(bio_line - 1)
            .and_then(|l| l.split_once(':'))
            .is_some_and(|(_, v)| v.trim_start().starts_with(['|', '>']));
        (bio, bio_line + usize::from(block))
    });
    Some(AuthorEntry {
        photo: raw.photo.map(|p| WrittenPhoto {
            src: p.src,
            alt: p.alt,
            credit: p.credit,
            line: nested_line(text, &name, "photo").unwrap_or(line),
        }),
        name,
        slug,
        role: raw
            .role
            .map(|r| r.trim().to_string())
            .filter(|r| !r.is_empty()),
        bio,
        url: raw.url.map(|u| u.trim().to_string()),
        social: raw
            .social
            .urls()
            .iter()
            .map(|u| u.trim().to_string())
            .collect(),
        email: raw.email.map(|e| e.trim().to_string()),
        line,
    })
}

/// An error for every entry whose slug an earlier entry has, at its `slug:` line (or its
/// name's, when the slug is made from the name), whether or not an article names either.
fn same_slug_errors(text: &str, entries: &[AuthorEntry]) -> Vec<Error> {
    let mut errors = Vec::new();
    for (i, entry) in entries.iter().enumerate() {
        let same = entries[..i].iter().find(|e| e.slug == entry.slug);
        let Some(first) = same.filter(|_| !entry.slug.is_empty()) else {
            continue;
        };
        let line = nested_line(text, &entry.name, "slug").unwrap_or(entry.line);
        errors.push(Error::content(
            Location::line(AUTHORS_FILE, line),
            format!(
                "`{}` and `{}` would both have the author page /{}: give one of them another `slug:` in {AUTHORS_FILE}",
                first.name,
                entry.name,
                crate::authors::author_path(&entry.slug)
            ),
        ));
    }
    errors
}

/// The slug of `name`: `slug:` when it is a URL slug (else an error at `at`), or made from the
/// name.
fn checked_slug(
    name: &str,
    written: Option<&str>,
    at: Location,
    line: usize,
    errors: &mut Vec<Error>,
) -> String {
    let slug = match written.map(str::trim) {
        Some(slug) if crate::slug::is_valid_slug(slug) => slug.to_string(),
        Some(slug) => {
            errors.push(Error::content(
                at,
                format!(
                    "`slug: {slug}` of `{name}` is not a URL slug: use lowercase letters, digits and hyphens (e.g. `{}`)",
                    crate::slug::slugify(slug)
                ),
            ));
            crate::slug::slugify(name)
        }
        None => crate::slug::slugify(name),
    };
    if slug.is_empty() {
        errors.push(Error::content(
            Location::line(AUTHORS_FILE, line),
            format!("`{name}` makes no URL slug: add `slug:` with lowercase letters, digits and hyphens"),
        ));
    }
    slug
}

/// The problems of the entry's `url`, `social` and `email`, each at its line.
fn address_problems(text: &str, name: &str, raw: &RawAuthor, line: usize) -> Vec<Error> {
    let at = |key: &str| Location::line(AUTHORS_FILE, nested_line(text, name, key).unwrap_or(line));
    let mut errors = Vec::new();
    if let Some(problem) = raw.url.as_deref().and_then(web_url_problem) {
        errors.push(Error::content(
            at("url"),
            format!("`url` of `{name}` {problem}"),
        ));
    }
    for (i, url) in raw.social.urls().iter().enumerate() {
        if let Some(problem) = web_url_problem(url) {
            // One URL a line under `social:`, or all on its line (`social: [a, b]`).
            let line = nested_line(text, name, "social").map_or(line, |l| {
                let flow = text
                    .lines()
                    .nth(l - 1)
                    .and_then(|t| t.split_once(':'))
                    .is_some_and(|(_, v)| !v.trim().is_empty());
                if flow {
                    l
                } else {
                    l + 1 + i
                }
            });
            errors.push(Error::content(
                Location::line(AUTHORS_FILE, line),
                format!("entry {} of `social` of `{name}` {problem}", i + 1),
            ));
        }
    }
    if let Some(email) = raw.email.as_deref().map(str::trim) {
        let looks_right = email.split_once('@').is_some_and(|(user, host)| {
            !user.is_empty() && host.contains('.') && !email.contains(char::is_whitespace)
        });
        if !looks_right {
            errors.push(Error::content(
                at("email"),
                format!("`email: {email}` of `{name}` is not an email address: write it as name@example.org, or remove it"),
            ));
        }
    }
    errors
}

/// Why `url` is not an absolute `http(s)://` address with a host, if it is not.
fn web_url_problem(url: &str) -> Option<String> {
    let url = url.trim();
    let rest = url
        .strip_prefix("https://")
        .or_else(|| url.strip_prefix("http://"));
    match rest {
        Some(rest)
            if !rest.is_empty() && !rest.starts_with('/') && !url.contains(char::is_whitespace) =>
        {
            None
        }
        _ => Some(format!(
            "is not a web address (`{url}`): write the full address, starting with https://"
        )),
    }
}

/// The line of the top-level key `name` (written plain or quoted).
fn entry_line(text: &str, name: &str) -> Option<usize> {
    let quoted = [name.to_string(), format!("\"{name}\""), format!("'{name}'")];
    quoted
        .iter()
        .find_map(|key| crate::yaml::key_lines(text, key, false).next())
}

/// The line of `key:` inside the entry `name`.
fn nested_line(text: &str, name: &str, key: &str) -> Option<usize> {
    let start = entry_line(text, name)?;
    for (index, line) in text.lines().enumerate().skip(start) {
        if !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            return None;
        }
        if crate::yaml::key_lines(line, key, true).next().is_some() {
            return Some(index + 1);
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entries_keep_the_file_order_and_default_their_slug() {
        let (book, errors) =
            AuthorBook::read("Zoë Ávila:\n  role: Europe correspondent\nAnn Lee:\n  slug: ann\n");
        assert!(errors.is_empty(), "{errors:?}");
        let names: Vec<(&str, &str)> = book
            .entries
            .iter()
            .map(|e| (e.name.as_str(), e.slug.as_str()))
            .collect();
        assert_eq!(names, vec![("Zoë Ávila", "zoe-avila"), ("Ann Lee", "ann")]);
        assert_eq!(book.entries[0].line, 1);
        assert_eq!(book.entries[1].line, 3);
    }

    #[test]
    fn a_block_bio_starts_on_the_line_after_its_key() {
        let (book, _) = AuthorBook::read("A:\n  role: R\n  bio: |\n    Text.\n");
        assert_eq!(book.entries[0].bio, Some(("Text.\n".to_string(), 4)));
    }

    #[test]
    fn only_web_addresses_are_urls() {
        assert_eq!(web_url_problem("https://example.org/a"), None);
        assert_eq!(web_url_problem("http://example.org"), None);
        for bad in [
            "javascript:alert(1)",
            "example.org",
            "https://",
            "ftp://x.org",
            "https:///x",
        ] {
            assert!(web_url_problem(bad).is_some(), "{bad}");
        }
    }
}
