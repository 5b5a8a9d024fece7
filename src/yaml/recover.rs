//! Front matter that YAML refused, read as far as it can be: every tab and no-break space a
//! writer cannot see, and every unknown key (each at its line, with its suggestion), in one
//! run instead of one per build. An unknown key is dropped and the rest read again, so when
//! that is all that was wrong the value is recovered and the article's other checks (its lead
//! photo, its credits) still run. Only the error path comes here: front matter that parses
//! never does.

use std::path::Path;

use serde::de::DeserializeOwned;

use super::{closest, convert_error, invisible_traps, parse_unknown_field, strip_position};
use crate::error::{Error, Location};

/// More unknown keys than this in one front matter are past a typo: stop listing them.
const MAX_UNKNOWN_KEYS: usize = 32;

/// Every problem of `text` (starting on line `first_line` of `path`), which the YAML crate
/// refused, and its value once the problems are set aside, where that is sound: invisible
/// characters replaced by plain spaces, unknown keys dropped. `None` when something else is
/// wrong (a missing or mistyped key, YAML that does not parse).
pub(super) fn read_past_errors<T: DeserializeOwned>(
    text: &str,
    path: &Path,
    first_line: usize,
    first: serde_yaml::Error,
) -> (Option<T>, Vec<Error>) {
    let traps = invisible_traps(text, path, first_line);
    let mut errors: Vec<Error> = traps
        .iter()
        .map(|(line, message)| Error::content(Location::line(path, *line), message.clone()))
        .collect();
    let mut lines: Vec<String> = text.lines().map(plain_spaces).collect();
    let mut suggested: Vec<String> = Vec::new();
    // The text as it was already failed with `first`: not parsed twice (10,000-deep nesting
    // costs seconds in a debug build).
    let mut known = traps.is_empty().then_some(first);
    for _ in 0..=MAX_UNKNOWN_KEYS {
        let again = lines.join("\n") + "\n";
        let err = match known.take() {
            Some(err) => err,
            None => match serde_yaml::from_str::<T>(&again) {
                Ok(value) => return (Some(value), errors),
                Err(err) => err,
            },
        };
        let full = err.to_string();
        let message = strip_position(&full);
        if let Some((error, index, suggestion)) = unknown_key(message, &lines, path, first_line) {
            errors.push(error);
            suggested.extend(suggestion);
            drop_entry(&mut lines, index);
            continue;
        }
        // A key suggested for a misspelt one is missing, of course: said once is enough (at
        // the top level or in a nested map: `updates[1]: missing field `text``).
        let missing_suggested = message
            .split_once("missing field `")
            .filter(|(under, _)| under.is_empty() || under.ends_with(": "))
            .and_then(|(_, m)| m.strip_suffix('`'))
            .is_some_and(|key| suggested.iter().any(|s| s == key));
        let error = convert_error(&err, &again, path, first_line);
        // Where a tab was taken for two spaces, an error on its line or the next may only be
        // the guess's echo: not said.
        let echo = match &error {
            Error::Content { at, .. } => at.line.is_none_or(|line| {
                traps
                    .iter()
                    .any(|(trap, _)| line == *trap || line == trap + 1)
            }),
            _ => true,
        };
        if !missing_suggested && (traps.is_empty() || !echo) {
            errors.push(error);
        }
        return (None, errors);
    }
    (None, errors)
}

/// The error for an unknown key the YAML crate reported, the index of its line in `lines`,
/// and the known key suggested for it (any map's: `text` of an update as well as `title`).
fn unknown_key(
    message: &str,
    lines: &[String],
    path: &Path,
    first_line: usize,
) -> Option<(Error, usize, Option<String>)> {
    let (key, expected) = parse_unknown_field(message)?;
    let under = message[..message.find("unknown field")?].trim_end_matches([':', ' ', '.']);
    let index = lines.iter().position(|line| {
        let nested = line.starts_with([' ', '-']);
        nested != under.is_empty()
            && line
                .trim_start_matches([' ', '-'])
                .strip_prefix(key)
                .is_some_and(|rest| rest.trim_start().starts_with(':'))
    })?;
    let suggestion = closest(key, &expected).map(str::to_string);
    let error = Error::content(
        Location::line(path, first_line + index),
        super::unknown_key_message(key, &expected, under),
    );
    Some((error, index, suggestion))
}

/// A line with the characters YAML refuses where a writer sees a space made plain: tabs in
/// the indentation (two spaces each) and a no-break space right after `key:`.
fn plain_spaces(line: &str) -> String {
    let content = line.trim_start_matches([' ', '\t']);
    let indent = &line[..line.len() - content.len()];
    let mut plain = indent.replace('\t', "  ");
    match super::space_after_key(content) {
        Some((key, _)) => {
            let start = content.find(key).unwrap_or(0) + key.len() + 1;
            let rest = &content[start..];
            let space = rest.chars().next().map_or(0, char::len_utf8);
            plain.push_str(&content[..start]);
            plain.push(' ');
            plain.push_str(&rest[space..]);
        }
        None => plain.push_str(content),
    }
    plain
}

/// Blanks the line at `index` and the lines that belong to its value (indented deeper, or
/// list items under a top-level key), keeping every other line where it was so lines found
/// later are still lines of the file.
fn drop_entry(lines: &mut [String], index: usize) {
    let depth = |line: &str| line.len() - line.trim_start_matches(' ').len();
    let own = depth(&lines[index]);
    lines[index].clear();
    for line in lines.iter_mut().skip(index + 1) {
        let inside =
            line.trim().is_empty() || depth(line) > own || (own == 0 && line.starts_with('-'));
        if !inside {
            break;
        }
        line.clear();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Sample {
        title: String,
        #[serde(default)]
        tags: Vec<String>,
        count: Option<u32>,
        slug: Option<String>,
    }

    fn read(text: &str) -> (Option<Sample>, Vec<String>) {
        let first = serde_yaml::from_str::<Sample>(text).unwrap_err();
        let (value, errors) = read_past_errors(text, Path::new("content/a.md"), 2, first);
        (value, errors.iter().map(ToString::to_string).collect())
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Note {
        date: String,
        text: String,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Noted {
        title: String,
        #[serde(default)]
        updates: Vec<Note>,
    }

    #[test]
    fn a_misspelt_key_in_a_list_entry_is_not_also_reported_missing() {
        let text = "title: A\nupdates:\n  - date: x\n    txt: typo\n";
        let first = serde_yaml::from_str::<Noted>(text).unwrap_err();
        let (value, errors) = read_past_errors::<Noted>(text, Path::new("content/a.md"), 2, first);
        assert!(value.is_none());
        let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            errors,
            ["content/a.md:5: unknown key `txt` in entry 1 of `updates:`: did you mean `text`? Known keys there: date, text"]
        );
    }

    #[test]
    fn every_tab_and_an_error_away_from_them_are_reported() {
        let (value, errors) = read("title: A\ntags:\n\t- a\n\t- b\nslug: ok\ncount: many\n");
        assert!(value.is_none());
        assert_eq!(
            errors,
            [
                "content/a.md:4: front matter uses a tab for indentation at line 4: YAML needs spaces",
                "content/a.md:5: front matter uses a tab for indentation at line 5: YAML needs spaces",
                "content/a.md:7:8: invalid front matter: count: invalid type: string \"many\", expected a whole number (0, 1, 2 …)",
            ]
        );
    }
}
