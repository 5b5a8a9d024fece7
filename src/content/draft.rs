//! One article's front matter read by the survey (a [`Draft`]), or the problems that kept it
//! from being read (an [`Unread`] file, which still exists for links). It owns reading a
//! file's start, keeping it open for the body pass, and reading the body again; it must not
//! work out site paths ([`super::paths`]) or publication times ([`super::schedule`]), parse
//! bodies ([`super::article`]) or decide what the whole site does with a failed file
//! ([`super::load`]).

use super::front_matter::{self, read_front_matter, split_error, split_front_matter};
use super::io::{read_kept, read_open, read_text, OpenHandles, FRONT_MATTER_READ};
use super::paths::article_path;
use super::{schedule, traps, SourceFile};
use crate::error::{Error, Location, Result, Warning};

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
    /// When it publishes (`publish_at`, else `date`), if that parses (else the article's own
    /// build reports why).
    pub(super) release: Option<jiff::Timestamp>,
    /// When it expires (`expires:`), if that parses.
    pub(super) expires: Option<jiff::Timestamp>,
    /// Where it stands at the build's moment.
    pub(super) timing: super::Timing,
}

/// One file the survey could not read, with its problems and the warnings of its front
/// matter (a `#hashtag` cut off is worth knowing while fixing the rest).
#[derive(Debug)]
pub(super) struct Unread {
    pub(super) error: Error,
    pub(super) file: SourceFile,
    pub(super) warnings: Vec<Warning>,
}

/// What reading an article's front matter needs of the settings: the zone its dates without
/// an offset are read in, and how its URL's slugs are written.
#[derive(Clone, Copy)]
pub(super) struct Reading<'a> {
    pub(super) zone: &'a jiff::tz::TimeZone,
    pub(super) slugs: crate::slug::SlugStyle,
}

impl<'a> Reading<'a> {
    /// What `config` says.
    pub(super) fn of(config: &'a crate::config::SiteConfig) -> Self {
        Reading {
            zone: &config.timezone,
            slugs: config.slugs,
        }
    }
}

/// The survey's read of one article: its start, enough for the front matter, keeping the file
/// open for the body pass when the start was not the whole file.
pub(super) fn survey_draft(
    file: SourceFile,
    content: Option<&crate::folder::Folder>,
    handles: &OpenHandles,
    reading: Reading<'_>,
) -> std::result::Result<Draft, Box<Unread>> {
    // A translation (`summit.fr.md`) is known by the name without its language (issue #21):
    // it is opened by its own path.
    let opened = match content {
        Some(folder)
            if file
                .file
                .to_str()
                .is_some_and(|f| f.ends_with(&file.content_path)) =>
        {
            folder.open_read(&file.content_path)
        }
        _ => std::fs::File::open(&file.file),
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
    draft_from(file, handle, &text, whole, reading)
}

/// One article read whole (the preview server reloading it).
pub(super) fn read_draft(file: SourceFile, reading: Reading<'_>) -> Result<Draft> {
    let text = read_text(&file)?;
    draft_from(file, None, &text, true, reading).map_err(|unread| unread.error)
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
    reading: Reading<'_>,
) -> std::result::Result<Draft, Box<Unread>> {
    let zone = reading.zone;
    let split = match split_front_matter(text) {
        Ok(split) => split,
        Err(message) => return Err(unread(split_error(&file.shown, message), file)),
    };
    let (front, mut errors) = read_front_matter(split.yaml, &file.shown);
    let place = front.and_then(|front| {
        match article_path(&file, front.slug.as_deref(), split.yaml, reading.slugs) {
            Ok(place) => Some((front, place)),
            Err(error) => {
                errors.push(error);
                None
            }
        }
    });
    let warnings = traps::warnings(split.yaml, &file.shown);
    let Some((front, (section, path))) = place else {
        return Err(Box::new(Unread {
            error: Error::from_list(errors),
            file,
            warnings,
        }));
    };
    Ok(Draft {
        release: schedule::release(&front, zone),
        expires: schedule::expiry(&front, zone),
        timing: super::Timing::Live,
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

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::{Path, PathBuf};

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

    fn ascii(zone: &jiff::tz::TimeZone) -> Reading<'_> {
        Reading {
            zone,
            slugs: crate::slug::SlugStyle::Ascii,
        }
    }

    fn utc() -> jiff::tz::TimeZone {
        jiff::tz::TimeZone::UTC
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
        let kept = survey_draft(long.clone(), None, &handles(1), ascii(&utc())).unwrap();
        let reopened = survey_draft(long.clone(), None, &handles(0), ascii(&utc())).unwrap();
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
            ascii(&utc()),
        )
        .unwrap();
        assert!(draft.handle.is_none());
        assert_eq!(draft.body.as_deref(), Some("Short body.\n"));
    }
}
