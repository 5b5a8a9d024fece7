//! Reading `corrections:` and `updates:` entry by entry from their YAML (the trial of #18):
//! each entry's shape is checked on its own, so every entry's problem is reported in one run
//! at its line, numbered from 1 as the writer counts, in the writer's words ("correction 6
//! has no `text`") rather than serde's (`corrections[5]: missing field`, `RawNote`).

use std::path::Path;

use super::{NoteKind, RawNote};
use crate::error::{Error, Location};
use crate::yaml::Value;

/// One entry that has the shape of a note.
pub(super) struct Entry {
    /// How messages name it: `correction 2`.
    pub which: String,
    /// Its line in the file.
    pub line: usize,
    /// What it says.
    pub note: RawNote,
}

/// The entries of a list that have a note's shape; the problems of the others go to `errors`.
/// `lines` are the entries' file lines, `key_line` the list's (for an inline list).
pub(super) fn read(
    kind: NoteKind,
    value: &Value,
    lines: &[usize],
    key_line: usize,
    path: &Path,
    errors: &mut Vec<Error>,
) -> Vec<Entry> {
    let key = kind.key();
    let Some(list) = value.list() else {
        errors.push(Error::content(
            Location::line(path, key_line),
            format!(
                "`{key}` must be a list of entries with `date` and `text`, not {}: write `{key}:` then `  - date: 2026-12-03 14:10` and `    text: …` on the lines below",
                value.kind()
            ),
        ));
        return Vec::new();
    };
    let mut entries = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let which = format!("{} {}", kind.name(), i + 1);
        let line = lines.get(i).copied().unwrap_or(key_line);
        let at = Location::line(path, line);
        match note_of(kind, &which, item) {
            Ok(note) => entries.push(Entry { which, line, note }),
            Err(problems) => {
                errors.extend(problems.into_iter().map(|m| Error::content(at.clone(), m)))
            }
        }
    }
    entries
}

/// The note an entry says, or every problem with its shape.
fn note_of(kind: NoteKind, which: &str, item: &Value) -> Result<RawNote, Vec<String>> {
    let Some(fields) = item.map() else {
        return Err(vec![format!(
            "{which} must be a map with `date` and `text`, not {}: write `- date: 2026-12-03 14:10` and, indented below it, `text: …`",
            item.kind()
        )]);
    };
    let mut problems = Vec::new();
    let (mut date, mut text) = (None, None);
    for (name, field) in &fields {
        let slot = match name.as_str() {
            "date" => &mut date,
            "text" => &mut text,
            other => {
                problems.push(unknown_key(kind, which, other));
                continue;
            }
        };
        match field.text() {
            Some(value) => *slot = Some(value),
            None => problems.push(format!(
                "{which}: `{name}` must be written as text, not {}",
                field.kind()
            )),
        }
    }
    let has = |key: &str| fields.iter().any(|(name, _)| name == key);
    if !has("date") {
        problems.push(format!(
            "{which} has no `date`: add `date:` with when it was made (2026-12-03 14:10)"
        ));
    }
    if !has("text") {
        let what = match kind {
            NoteKind::Correction => "what was wrong and what is right",
            NoteKind::Update => "what is new",
        };
        problems.push(format!("{which} has no `text`: add `text:` saying {what}"));
    }
    match (date, text, problems.is_empty()) {
        (Some(date), Some(text), true) => Ok(RawNote { date, text }),
        _ => Err(problems),
    }
}

/// The message for a key a note does not have, with the one meant when it is close.
fn unknown_key(kind: NoteKind, which: &str, key: &str) -> String {
    let hint = ["date", "text"]
        .into_iter()
        .find(|known| strsim::jaro_winkler(known, &key.to_lowercase()) > 0.7)
        .map(|known| format!(": did you mean `{known}`?"))
        .unwrap_or_default();
    format!(
        "{which} has an unknown key `{key}`{hint} ({} has only `date` and `text`)",
        kind.with_article()
    )
}
