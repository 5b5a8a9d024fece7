//! One article's front matter read by the survey (a [`Draft`]), or the problems that kept it
//! from being read (an [`Unread`] file, which still exists for links), and the site path it
//! publishes at. It owns reading a file's start, keeping it open for the body pass, and
//! reading the body again; it must not parse bodies ([`super::article`]) or decide what the
//! whole site does with a failed file ([`super::load`]).

use super::front_matter::{self, read_front_matter, split_error, split_front_matter};
use super::io::{read_kept, read_open, read_text, OpenHandles, FRONT_MATTER_READ};
use super::{traps, SourceFile};
use crate::error::{Error, Location, Result, Warning};
use crate::slug::{is_valid_slug, slugify};

/// Top-level URL segments the site generates itself.
const RESERVED_SEGMENTS: [&str; 2] = ["tags", "page"];

/// An article whose front matter is parsed but whose body is not.
///
/// The body is not kept between the two passes of a load (URLs first, then articles): holding
/// every file's text at once would double the memory of a large site, and reading a file again
/// from the page cache costs microseconds.
pub(super) struct Draft {
    pub(super) file: SourceFile,
    /// The file, still open when the survey read only its start and could keep it: the body
    /// is then read without opening the file again.
    pub(super) handle: Option<std::fs::File>,
    pub(super) yaml: String,
    pub(super) body: Option<String>,
    pub(super) body_first_line: usize,
    pub(super) front: front_matter::FrontMatter,
    pub(super) section: Option<String>,
    pub(super) path: String,
    /// Front matter that YAML reads other than it looks ([`traps`]).
    pub(super) warnings: Vec<Warning>,
    /// Problems of front matter that could still be read (an unknown key): the body is
    /// checked too, so they are all reported together, and the article is left out.
    pub(super) errors: Vec<Error>,
}

/// One file the survey could not read, with its problems and the warnings of its front
/// matter (a `#hashtag` cut off is worth knowing while fixing the rest).
#[derive(Debug)]
pub(super) struct Unread {
    pub(super) error: Error,
    pub(super) file: SourceFile,
    pub(super) warnings: Vec<Warning>,
}

/// The survey's read of one article: its start, enough for the front matter, keeping the file
/// open for the body pass when the start was not the whole file.
pub(super) fn survey_draft(
    file: SourceFile,
    content: Option<&crate::folder::Folder>,
    handles: &OpenHandles,
) -> std::result::Result<Draft, Box<Unread>> {
    let opened = match content {
        Some(folder) => folder.open_read(&file.content_path),
        None => std::fs::File::open(&file.file),
    };
    let handle = match opened {
        Ok(handle) => handle,
        Err(e) => return Err(unread(Error::io(&file.shown, e), file)),
    };
    let (start, whole) = match read_open(
        &handle,
        &file,
        FRONT_MATTER_READ,
        FRONT_MATTER_READ as usize,
    ) {
        Ok(read) => read,
        Err(error) => return Err(unread(error, file)),
    };
    let text = if whole || split_front_matter(&start).is_ok() {
        // The whole file, or a start that holds all of the front matter.
        start
    } else {
        // Front matter longer than the window: the rest from the same handle.
        match read_kept(&handle, &file) {
            Ok(text) => text,
            Err(error) => return Err(unread(error, file)),
        }
    };
    let handle = (!whole && handles.take()).then_some(handle);
    // A short file was read whole: its body is kept rather than read again.
    draft_from(file, handle, &text, whole)
}

/// One article read whole (the preview server reloading it).
pub(super) fn read_draft(file: SourceFile) -> Result<Draft> {
    let text = read_text(&file)?;
    draft_from(file, None, &text, true).map_err(|unread| unread.error)
}

fn unread(error: Error, file: SourceFile) -> Box<Unread> {
    Box::new(Unread {
        error,
        file,
        warnings: Vec::new(),
    })
}

fn draft_from(
    file: SourceFile,
    handle: Option<std::fs::File>,
    text: &str,
    keep_body: bool,
) -> std::result::Result<Draft, Box<Unread>> {
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(message) => return Err(unread(split_error(&file.shown, message), file)),
    };
    let (front, mut errors) = read_front_matter(split.yaml, &file.shown);
    let place =
        front.and_then(
            |front| match article_path(&file, front.slug.as_deref(), split.yaml) {
                Ok(place) => Some((front, place)),
                Err(error) => {
                    errors.push(error);
                    None
                }
            },
        );
    let warnings = traps::warnings(split.yaml, &file.shown);
    let Some((front, (section, path))) = place else {
        return Err(Box::new(Unread {
            error: Error::from_list(errors),
            file,
            warnings,
        }));
    };
    Ok(Draft {
        warnings,
        errors,
        yaml: split.yaml.to_string(),
        body: keep_body.then(|| split.body.to_string()),
        body_first_line: split.body_first_line,
        file,
        handle,
        front,
        section,
        path,
    })
}

/// The body of a draft as a text and where in it the body starts: the body the first pass
/// kept, or the file read again (its body used in place, not copied out).
pub(super) fn draft_body(
    file: &SourceFile,
    handle: Option<std::fs::File>,
    yaml: &str,
    kept: Option<String>,
) -> std::result::Result<(String, usize), Vec<Error>> {
    if let Some(body) = kept {
        return Ok((body, 0));
    }
    let text = match handle {
        Some(handle) => read_kept(&handle, file),
        None => read_text(file),
    }
    .map_err(|e| vec![e])?;
    let split = split_front_matter(&text).map_err(|m| vec![split_error(&file.shown, m)])?;
    if split.yaml != yaml {
        return Err(vec![Error::content(
            Location::file(&file.shown),
            "changed while the site was being built; build again",
        )]);
    }
    // The body is the rest of the text after the front matter.
    let start = text.len() - split.body.len();
    Ok((text, start))
}

/// The section key and site path of an article, from its location and optional `slug:`.
pub(super) fn article_path(
    file: &SourceFile,
    slug: Option<&str>,
    yaml: &str,
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
        Some(slug) if is_valid_slug(slug) => slug.to_string(),
        Some(slug) => {
            let suggestion = slugify(slug);
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
        None => slugify(stem),
    };
    if slug.is_empty() {
        return Err(Error::content(
            Location::file(&file.shown),
            "the file name has no letters or digits to make a URL from: rename it or set `slug:`",
        ));
    }
    let section_parts: Vec<String> = dirs.iter().map(|d| slugify(d)).collect();
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

    fn file(content_path: &str) -> SourceFile {
        SourceFile {
            file: PathBuf::from(content_path),
            shown: PathBuf::from(format!("content/{content_path}")),
            content_path: content_path.to_string(),
        }
    }

    fn written(dir: &Path, name: &str, text: &str) -> SourceFile {
        std::fs::write(dir.join(name), text).unwrap();
        SourceFile {
            file: dir.join(name),
            shown: PathBuf::from(format!("content/{name}")),
            content_path: name.to_string(),
        }
    }

    fn handles(n: usize) -> OpenHandles {
        OpenHandles::allowing(n)
    }

    #[test]
    fn a_kept_file_is_read_as_the_survey_saw_it_even_if_replaced_since() {
        let dir = tempfile::tempdir().unwrap();
        let body = "Words. ".repeat(1000);
        let long = written(
            dir.path(),
            "a.md",
            &format!("---\ntitle: A\ndate: 2026-01-02\n---\n{body}"),
        );
        let kept = survey_draft(long.clone(), None, &handles(1)).unwrap();
        let reopened = survey_draft(long.clone(), None, &handles(0)).unwrap();
        assert!(kept.handle.is_some() && kept.body.is_none());
        assert!(reopened.handle.is_none());
        // Saved again (write beside, rename over) between the two passes.
        std::fs::write(
            dir.path().join("new"),
            "---\ntitle: B\ndate: 2026-01-02\n---\nOther.",
        )
        .unwrap();
        std::fs::rename(dir.path().join("new"), dir.path().join("a.md")).unwrap();
        let (text, start) = draft_body(&long, kept.handle, &kept.yaml, None).unwrap();
        assert_eq!(&text[start..], body);
        let err = draft_body(&long, None, &reopened.yaml, None).unwrap_err();
        assert!(err[0]
            .to_string()
            .contains("changed while the site was being built"));
    }

    #[test]
    fn a_short_file_is_read_once_and_its_body_kept() {
        let dir = tempfile::tempdir().unwrap();
        let short = written(
            dir.path(),
            "b.md",
            "---\ntitle: B\ndate: 2026-01-02\n---\nShort body.\n",
        );
        let draft = survey_draft(
            short,
            Some(&crate::folder::Folder::open(dir.path()).unwrap()),
            &handles(1),
        )
        .unwrap();
        assert!(draft.handle.is_none());
        assert_eq!(draft.body.as_deref(), Some("Short body.\n"));
    }

    #[test]
    fn paths_of_flat_files_bundles_and_typed_slugs() {
        assert_eq!(
            article_path(&file("world/summit.md"), None, "").unwrap(),
            (Some("world".into()), "world/summit/".into())
        );
        assert_eq!(
            article_path(&file("world/Big Summit/index.md"), None, "").unwrap(),
            (Some("world".into()), "world/big-summit/".into())
        );
        assert_eq!(
            article_path(&file("about.md"), None, "").unwrap(),
            (None, "about/".into())
        );
        assert_eq!(
            article_path(&file("a/b.md"), Some("custom"), "").unwrap().1,
            "a/custom/"
        );
    }

    #[test]
    fn unsafe_slugs_and_reserved_paths_are_refused() {
        let err = article_path(&file("a.md"), Some("../etc"), "slug: ../etc\n")
            .unwrap_err()
            .to_string();
        assert!(
            err.starts_with("content/a.md:2: `slug: ../etc` must be lowercase"),
            "{err}"
        );
        assert!(article_path(&file("tags.md"), None, "").is_err());
        assert!(article_path(&file("index.md"), None, "").is_err());
    }
}
