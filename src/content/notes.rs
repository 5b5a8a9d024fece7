//! Corrections and updates (issue #18): the `corrections:` and `updates:` lists of front
//! matter, each entry a `date` and a `text` of inline Markdown rendered through the one checked
//! Markdown path (links resolved, script URLs refused, raw HTML shown as text), checked at the
//! line of its entry. It owns the notes and their checks; where they are shown is the theme's.

use std::path::Path;

use super::front_matter::{line_of_key, YAML_FIRST_LINE};
use crate::date::PublishDate;
use crate::error::{Error, Location, Warning};
use crate::markdown;

mod entries;

/// One entry of `corrections:` or `updates:` as written ([`entries::read`]).
#[derive(Debug, Clone)]
pub struct RawNote {
    /// When the correction or update was made, in any form `date:` takes.
    pub date: String,
    /// What was wrong and what is right, or what is new: inline Markdown.
    pub text: String,
}

/// A correction or an update, checked and rendered.
#[derive(Debug, Clone)]
pub struct Note {
    /// When it was made.
    pub date: PublishDate,
    /// The text as HTML, from the checked Markdown path.
    pub html: String,
    /// The text without markup, for JSON-LD.
    pub text: String,
}

/// Which list a note is in: its front matter key and how messages name one entry.
#[derive(Debug, Clone, Copy)]
pub enum NoteKind {
    /// `corrections:`.
    Correction,
    /// `updates:`.
    Update,
}

impl NoteKind {
    pub(super) fn key(self) -> &'static str {
        match self {
            NoteKind::Correction => "corrections",
            NoteKind::Update => "updates",
        }
    }

    /// "a correction", "an update".
    fn with_article(self) -> &'static str {
        match self {
            NoteKind::Correction => "a correction",
            NoteKind::Update => "an update",
        }
    }

    pub(super) fn name(self) -> &'static str {
        match self {
            NoteKind::Correction => "correction",
            NoteKind::Update => "update",
        }
    }
}

/// Where a list of notes comes from and what it is checked against.
pub struct NoteSource<'a> {
    /// The article file, for messages.
    pub path: &'a Path,
    /// Its front matter, for the lines of entries.
    pub yaml: &'a str,
    /// The site's time zone.
    pub zone: &'a jiff::tz::TimeZone,
    /// The article's `date`, which no note may be before.
    pub published: Option<&'a PublishDate>,
    /// The build's moment, which a note should not be after.
    pub now: jiff::Timestamp,
}

/// The warning for a change (`what`: a note, `updated`) dated after the build's moment: a
/// typo in the year showed "Corrected 20 December 2027" a year early (the trial of #18).
pub fn later_than_now(what: &str, now: jiff::Timestamp, zone: &jiff::tz::TimeZone) -> String {
    format!(
        "{what} is later than now ({}): check its date (a typo in the year?); it is shown as written but does not move the feed's `updated`",
        crate::date::moment_in(now, zone)
    )
}

/// An article's corrections and updates, each list in the order of its dates.
#[derive(Debug, Clone, Default)]
pub struct Notes {
    /// `corrections:`.
    pub corrections: Vec<Note>,
    /// `updates:`.
    pub updates: Vec<Note>,
}

impl Notes {
    /// Both lists of front matter, checked.
    pub fn checked(
        corrections: &crate::yaml::Value,
        updates: &crate::yaml::Value,
        source: &NoteSource<'_>,
        renderer: &markdown::Renderer<'_>,
        (errors, warnings): (&mut Vec<Error>, &mut Vec<Warning>),
    ) -> Notes {
        let mut found = Found { errors, warnings };
        Notes {
            corrections: checked_notes(
                NoteKind::Correction,
                corrections,
                source,
                renderer,
                &mut found,
            ),
            updates: checked_notes(NoteKind::Update, updates, source, renderer, &mut found),
        }
    }

    /// `updated` as the article shows it: the latest correction or update when that is later
    /// than the `updated` written (or none is written), so "Updated", `dateModified` and the
    /// feed's `updated` never lag behind a correction.
    pub fn last_change(&self, updated: Option<PublishDate>) -> Option<PublishDate> {
        let latest = self
            .corrections
            .iter()
            .chain(&self.updates)
            .map(|note| &note.date)
            .max_by_key(|date| date.instant);
        match (updated, latest) {
            (Some(written), Some(latest)) if written.is_before(latest) => Some(latest.clone()),
            (None, Some(latest)) => Some(latest.clone()),
            (written, _) => written,
        }
    }
}

/// Where checking notes puts what it finds.
pub struct Found<'a> {
    /// Problems that stop the build.
    pub errors: &'a mut Vec<Error>,
    /// Those that do not (a link to a removed article, issue #18).
    pub warnings: &'a mut Vec<Warning>,
}

/// The notes of one list, checked, in the order of their dates; every problem of every entry
/// goes to `found`. Each entry is read on its own (the trial of #18: one entry written wrong
/// hid every other problem of the file behind serde's message), so all are reported at once.
pub fn checked_notes(
    kind: NoteKind,
    raw: &crate::yaml::Value,
    source: &NoteSource<'_>,
    renderer: &markdown::Renderer<'_>,
    found: &mut Found<'_>,
) -> Vec<Note> {
    if raw.is_null() {
        return Vec::new();
    }
    let lines = entry_lines(source.yaml, kind.key());
    let key_line = line_of_key(source.yaml, kind.key()).unwrap_or(1);
    let entries = entries::read(kind, raw, &lines, key_line, source.path, found.errors);
    let mut notes: Vec<Note> = entries
        .into_iter()
        .filter_map(|entry| checked_note(kind, entry, source, renderer, found))
        .collect();
    notes.sort_by_key(|note| note.date.instant);
    notes
}

/// One note, checked; `None` when it cannot be shown.
fn checked_note(
    kind: NoteKind,
    entry: entries::Entry,
    source: &NoteSource<'_>,
    renderer: &markdown::Renderer<'_>,
    found: &mut Found<'_>,
) -> Option<Note> {
    let errors = &mut *found.errors;
    let entries::Entry { which, line, note } = entry;
    let at = Location::line(source.path, line);
    let date = match PublishDate::parse(&note.date, source.zone) {
        Ok(date) => Some(date),
        Err(message) => {
            errors.push(Error::content(
                at.clone(),
                format!("{which}: `date`: {message}"),
            ));
            None
        }
    };
    if let (Some(date), Some(published)) = (&date, source.published) {
        if date.is_before(published) {
            errors.push(Error::content(
                at.clone(),
                format!(
                    "{which} is dated `{}`, before the article's `date: {}`: {} comes after publication; check its date",
                    date.datetime, published.datetime, kind.with_article()
                ),
            ));
        }
    }
    if let Some(date) = date.as_ref().filter(|d| d.instant > source.now) {
        let what = format!("{which} is dated `{}`, which", date.datetime);
        let message = later_than_now(&what, source.now, source.zone);
        found.warnings.push(Warning::new(at.clone(), message));
    }
    if note.text.trim().is_empty() {
        errors.push(Error::content(
            at,
            format!(
                "{which} has an empty `text`: say what was wrong and what is right, or what is new"
            ),
        ));
        return None;
    }
    let piece = renderer.inline_with_images(note.text.trim(), line);
    let in_note = |p: markdown::Problem| {
        (
            Location::line(source.path, p.line),
            format!("{which}: {}", p.message),
        )
    };
    found.warnings.extend(
        piece
            .warnings
            .into_iter()
            .map(in_note)
            .map(|(at, m)| Warning::new(at, m)),
    );
    errors.extend(
        piece
            .problems
            .into_iter()
            .map(in_note)
            .map(|(at, m)| Error::content(at, m)),
    );
    for image in piece.images {
        errors.push(Error::content(
            at.clone(),
            format!(
                "{which} shows the image `{}`: {} is text; link to the photo instead",
                image.written_src,
                kind.with_article()
            ),
        ));
    }
    let text = html_text(&piece.html);
    date.map(|date| Note {
        date,
        html: piece.html,
        text,
    })
}

/// The file line of each entry of the block list under a top-level `key:` (`- date: …`), in
/// order; empty for a list written inline (`[{date: …, text: …}]`), whose entries are all on
/// the key's line.
fn entry_lines(yaml: &str, key: &str) -> Vec<usize> {
    let Some(key_line) = line_of_key(yaml, key) else {
        return Vec::new();
    };
    let mut lines = Vec::new();
    for (index, line) in yaml
        .lines()
        .enumerate()
        .skip(key_line - YAML_FIRST_LINE + 1)
    {
        let trimmed = line.trim_start();
        if !trimmed.is_empty() && line.len() == trimmed.len() && !trimmed.starts_with('-') {
            break; // the next top-level key
        }
        if trimmed == "-" || trimmed.starts_with("- ") {
            lines.push(YAML_FIRST_LINE + index);
        }
    }
    lines
}

/// The text of HTML that the inline Markdown path wrote: tags dropped, its escapes decoded.
/// Exact for that HTML, which has no raw markup (raw HTML is shown as text) and only the
/// escapes of pulldown-cmark's writer.
fn html_text(html: &str) -> String {
    let mut text = String::with_capacity(html.len());
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&amp;", "&")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn each_entry_of_a_block_list_has_its_line() {
        let yaml = "title: T\ncorrections:\n  - date: 2026-12-03\n    text: A\n\n  - text: B\n    date: 2026-12-04\nupdates: []\ndek: d\n";
        assert_eq!(entry_lines(yaml, "corrections"), vec![4, 7]);
        assert_eq!(entry_lines(yaml, "updates"), Vec::<usize>::new());
        let flush = "corrections:\n- date: 2026-12-03\n  text: A\n- date: 2026-12-04\n  text: B\ntitle: T\n";
        assert_eq!(entry_lines(flush, "corrections"), vec![3, 5]);
    }

    #[test]
    fn updated_follows_the_latest_note_when_later() {
        let at = |t: &str| PublishDate::parse(t, &jiff::tz::TimeZone::UTC).unwrap();
        let note = |t: &str| Note {
            date: at(t),
            html: String::new(),
            text: String::new(),
        };
        let notes = Notes {
            corrections: vec![note("2026-12-04T10:00:00Z")],
            updates: vec![note("2026-12-03")],
        };
        assert_eq!(notes.last_change(None), Some(at("2026-12-04T10:00:00Z")));
        assert_eq!(
            notes.last_change(Some(at("2026-12-02"))),
            Some(at("2026-12-04T10:00:00Z"))
        );
        assert_eq!(
            notes.last_change(Some(at("2026-12-05"))),
            Some(at("2026-12-05"))
        );
        assert_eq!(Notes::default().last_change(None), None);
    }

    #[test]
    fn the_text_of_rendered_html_is_exact() {
        assert_eq!(
            html_text("The <a href=\"/x/\">vote</a> was on <em>Tuesday</em> &amp; not &lt;Monday&gt;, &quot;sorry&quot; &#39;"),
            "The vote was on Tuesday & not <Monday>, \"sorry\" '"
        );
    }
}
