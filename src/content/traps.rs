//! Front matter that is valid YAML but not what the writer typed, found by reading its lines
//! (issue #16): a ` #hashtag` that YAML takes for a comment and cuts off a dek, a value pasted
//! from a word processor in curly quotes that YAML keeps, a no-break space after `key: `. Each
//! is a warning at its line of the file: the build goes on, and `check` lists it.

use std::path::Path;

use super::front_matter::YAML_FIRST_LINE;
use crate::error::{Location, Warning};
use crate::markdown::odd_space_name;

/// Keys whose values are prose, where ` #` is far likelier a hashtag than a comment.
const PROSE_KEYS: [&str; 6] = ["title", "dek", "description", "caption", "alt", "credit"];

/// Curly quotes that open a value and the ones that close it.
const CURLY_PAIRS: [(char, char); 3] = [('“', '”'), ('„', '“'), ('‘', '’')];

/// Warnings about the front matter `yaml` of the file shown as `path`.
pub(crate) fn warnings(yaml: &str, path: &Path) -> Vec<Warning> {
    // Every article's front matter passes here: lines are read only when the text holds a
    // `#` or a byte that starts a no-break space or a curly quote.
    let bytes = yaml.as_bytes();
    if memchr::memchr3(b'#', 0xC2, 0xE2, bytes).is_none() {
        return Vec::new();
    }
    let mut found = Vec::new();
    for (index, line) in yaml.lines().enumerate() {
        let Some((key, after_colon)) = key_and_value(line) else {
            continue;
        };
        let at = || Location::line(path, YAML_FIRST_LINE + index);
        let value = after_colon.trim_start_matches(' ');
        if let Some(space) = value.chars().next().and_then(odd_space_name) {
            let shown = key.map_or("-".to_string(), |k| format!("{k}:"));
            found.push(Warning::new(
                at(),
                format!("{space} after `{shown}`: use a plain space"),
            ));
        }
        if let Some(message) = value_trap(key, value) {
            found.push(Warning::new(at(), message));
        }
    }
    found
}

/// A `key: value` line as (key, what follows the colon); a `- item` line as (None, item).
fn key_and_value(line: &str) -> Option<(Option<&str>, &str)> {
    let rest = line.trim_start_matches(' ');
    if let Some(item) = rest.strip_prefix("- ") {
        return Some((None, item));
    }
    let end = rest.find(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == '-'))?;
    let after = rest[end..].strip_prefix(':')?;
    (end > 0).then_some((Some(&rest[..end]), after))
}

/// What a plain (unquoted) value loses or keeps that its writer did not mean.
fn value_trap(key: Option<&str>, value: &str) -> Option<String> {
    let value = value
        .trim_start_matches(|c: char| c == ' ' || odd_space_name(c).is_some())
        .trim_end();
    if value.starts_with(['"', '\'', '|', '>', '[', '{']) {
        return None;
    }
    let shown = key.map_or("a list item".to_string(), |k| format!("`{k}`"));
    if let Some(key) = key.filter(|k| PROSE_KEYS.contains(k)) {
        let cut = match value.strip_prefix('#') {
            Some(_) => Some(0),
            None => value.find(" #").map(|at| at + 1),
        };
        if let Some(cut) = cut {
            let (kept, lost) = (value[..cut].trim_end(), &value[cut..]);
            let whole = [kept, lost].join(if kept.is_empty() { "" } else { " " });
            return Some(format!(
                "{shown} is cut before `{lost}`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: {key}: \"{whole}\""
            ));
        }
    }
    if value.starts_with('#') {
        return None;
    }
    let (open, close) = CURLY_PAIRS.into_iter().find(|(open, close)| {
        let inner = value
            .strip_prefix(*open)
            .and_then(|rest| rest.strip_suffix(*close));
        inner.is_some_and(|inner| !inner.is_empty() && !inner.contains(*open))
    })?;
    Some(format!(
        "{shown} is wrapped in curly quotes ({open}…{close}), which YAML keeps as part of the text: remove them, or use straight quotes (\"…\"). To show them on purpose, put them inside straight ones (\"{open}…{close}\")"
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn messages(yaml: &str) -> Vec<String> {
        warnings(yaml, Path::new("content/a.md"))
            .into_iter()
            .map(|w| format!("{}: {}", w.at, w.message))
            .collect()
    }

    #[test]
    fn plain_front_matter_has_no_warnings() {
        let yaml = "title: Europe’s ‘long’ winter — no. 1 issue\ndate: 2026-05-01\ndraft: true # for now\ntags: [a, '#b']\ndek: \"Why #it matters\"\nimage:\n  caption: 'It’s “x”'\n";
        assert_eq!(messages(yaml), Vec::<String>::new());
    }

    #[test]
    fn a_hashtag_in_prose_is_a_cut_value() {
        assert_eq!(
            messages("title: T\nimage:\n  caption: Crowds at dawn #Riverton vote\n"),
            vec!["content/a.md:4: `caption` is cut before `#Riverton vote`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: caption: \"Crowds at dawn #Riverton vote\""]
        );
    }

    #[test]
    fn a_value_that_starts_with_a_hashtag_is_named_too() {
        assert_eq!(
            messages("dek: #Riverton\n"),
            vec!["content/a.md:2: `dek` is cut before `#Riverton`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: dek: \"#Riverton\""]
        );
    }

    #[test]
    fn curly_quotes_around_a_value_are_named() {
        let found = messages("title: “Five things”\nauthors:\n- ‘Jane Doe’\ndek: “Yes” and “no”\n");
        assert_eq!(found.len(), 2, "{found:?}");
        assert!(found[0].starts_with("content/a.md:2: `title` is wrapped in curly quotes (“…”)"));
        assert!(
            found[1].starts_with("content/a.md:4: a list item is wrapped in curly quotes (‘…’)")
        );
    }

    #[test]
    fn a_no_break_space_after_a_key_is_named() {
        assert_eq!(
            messages("title: T\ndek: \u{a0}Standfirst\n"),
            vec!["content/a.md:3: a non-breaking space (U+00A0) after `dek:`: use a plain space"]
        );
    }
}
