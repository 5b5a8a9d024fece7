//! One translation table, built in or a site's `i18n/<lang>.yaml`: it owns reading the file
//! and checking every entry against the English table (unknown keys with a suggestion, the
//! wrong kind of value, plural forms CLDR does not name, placeholders the theme never fills,
//! month lists of the wrong length, date patterns), each problem at its line. It must not
//! choose which tables a site uses (see [`super::Translations`]).

use std::collections::BTreeMap;
use std::path::Path;

use crate::error::{Error, Location};
use crate::yaml::Value;

/// The plural categories of CLDR, in its order.
pub const CATEGORIES: [&str; 6] = ["zero", "one", "two", "few", "many", "other"];

/// A translated text: one form, or one per plural category (`other` always among them).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Text {
    /// The same words whatever the count.
    Plain(String),
    /// Forms by CLDR category name (`one`, `few` …).
    Plural(BTreeMap<String, String>),
}

impl Text {
    /// The form for a plural category, falling back to `other` (a table need not give the
    /// categories its language never uses for whole numbers).
    pub fn form(&self, category: &str) -> &str {
        match self {
            Text::Plain(text) => text,
            Text::Plural(forms) => forms
                .get(category)
                .or_else(|| forms.get("other"))
                .map_or("", String::as_str),
        }
    }

    /// The names of the placeholders of every form.
    pub fn placeholders(&self) -> Vec<&str> {
        let mut names: Vec<&str> = self.forms().into_iter().flat_map(placeholders).collect();
        names.sort_unstable();
        names.dedup();
        names
    }

    /// Every form, for the placeholder check.
    fn forms(&self) -> Vec<&str> {
        match self {
            Text::Plain(text) => vec![text],
            Text::Plural(forms) => forms.values().map(String::as_str).collect(),
        }
    }
}

/// One entry of a table.
#[derive(Debug, Clone, PartialEq)]
pub enum Entry {
    /// A text the theme shows.
    Text(Text),
    /// A list of names (`months`, `weekdays` …).
    Names(Vec<String>),
    /// `reading_words_per_minute`.
    Number(usize),
}

/// A table's entries by key.
pub type Table = BTreeMap<String, Entry>;

/// The keys that hold names, with the length each list must have.
const NAME_LISTS: [(&str, usize); 4] = [
    ("months", 12),
    ("months_short", 12),
    ("weekdays", 7),
    ("weekdays_short", 7),
];

/// Keys that are strftime patterns.
const DATE_PATTERNS: [&str; 2] = ["date_format", "datetime_format"];

/// Placeholders every plural text may use beside the English table's own: the count in
/// digits, and in words.
const COUNT_PLACEHOLDERS: [&str; 3] = ["count", "number", "Number"];

/// Reads a table's `text`, shown as `path` in messages, checking it against `english` (the
/// built-in table, which defines the keys); `None` for the English table itself. The entries
/// that are sound are kept even when others are not.
pub fn read(text: &str, path: &Path, english: Option<&Table>) -> (Table, Vec<Error>) {
    let text = crate::yaml::normalise_text(text.to_string());
    if text.trim().is_empty() {
        return (Table::new(), Vec::new());
    }
    let (raw, mut errors) = crate::yaml::parse_all::<BTreeMap<String, Value>>(&text, path, 1);
    let mut table = Table::new();
    let known: Vec<&str> =
        english.map_or_else(Vec::new, |e| e.keys().map(String::as_str).collect());
    for (key, value) in raw.unwrap_or_default() {
        let lines: Vec<usize> = crate::yaml::key_lines(&text, &key, false).collect();
        let line = lines.first().copied();
        let at = line.map_or_else(|| Location::file(path), |n| Location::line(path, n));
        // YAML keeps the last of two equal keys: a translator's first text would vanish.
        if let [first, .., last] = lines[..] {
            errors.push(Error::content(
                Location::line(path, last),
                format!("`{key}` is written twice (lines {first} and {last}): the last would replace the first; keep one"),
            ));
            continue;
        }
        let model = match english {
            None => None,
            Some(english) => match english.get(&key) {
                Some(model) => Some(model),
                None => {
                    let hint = crate::yaml::closest(&key, &known)
                        .map(|near| format!("did you mean `{near}`? "))
                        .unwrap_or_default();
                    errors.push(Error::content(
                        at,
                        format!("unknown key `{key}`: {hint}The keys are those of the built-in English table (see the README, \"Languages\")"),
                    ));
                    continue;
                }
            },
        };
        match entry(&key, &value, model) {
            Ok(entry) => {
                table.insert(key, entry);
            }
            Err(message) => errors.push(Error::content(at, message)),
        }
    }
    errors.sort_by_key(Error::sort_key);
    (table, errors)
}

/// One key's value checked against the English entry `model` (`None` while reading English).
fn entry(key: &str, value: &Value, model: Option<&Entry>) -> Result<Entry, String> {
    if let Some(&(_, length)) = NAME_LISTS.iter().find(|(k, _)| *k == key) {
        return names(key, value, length);
    }
    if key == "reading_words_per_minute" {
        return match value.number() {
            Some(n) if n >= 1.0 && n.fract() == 0.0 && n <= 2000.0 => Ok(Entry::Number(n as usize)),
            _ => Err(format!(
                "`{key}` is {}: write a whole number of words a reader reads in a minute, e.g. 200",
                value.kind()
            )),
        };
    }
    if let Some(Entry::Text(Text::Plain(_))) = model {
        if value.map().is_some() {
            return Err(format!(
                "`{key}` takes one text, not plural forms: write `{key}: …`"
            ));
        }
    }
    let text = text(key, value)?;
    if text.forms().iter().any(|form| form.trim().is_empty()) {
        return Err(format!(
            "`{key}` is empty: write the text, or delete the key to keep the built-in one"
        ));
    }
    if DATE_PATTERNS.contains(&key) {
        if let Text::Plain(pattern) = &text {
            crate::date::check_format(pattern).map_err(|e| {
                format!("`{key}: {pattern}` is not a valid strftime pattern ({e}), e.g. \"%-d %B %Y\" (see the README's \"Dates and times\")")
            })?;
        }
    }
    if let Some(Entry::Text(english)) = model {
        check_placeholders(key, &text, english)?;
    }
    Ok(Entry::Text(text))
}

/// A text or a map of plural forms.
fn text(key: &str, value: &Value) -> Result<Text, String> {
    if let Some(text) = value.text().filter(|_| value.is_string()) {
        return Ok(Text::Plain(text));
    }
    let Some(map) = value.map() else {
        return Err(format!(
            "`{key}` is {}: write the text, in quotes if it has a colon",
            value.kind()
        ));
    };
    let mut forms = BTreeMap::new();
    for (category, form) in map {
        if !CATEGORIES.contains(&category.as_str()) {
            let hint = crate::yaml::closest(&category, &CATEGORIES)
                .map(|near| format!("did you mean `{near}`? "))
                .unwrap_or_default();
            return Err(format!(
                "`{key}` has a plural form `{category}`: {hint}The forms are CLDR's plural categories: {}",
                CATEGORIES.join(", ")
            ));
        }
        let Some(form) = form.text().filter(|_| form.is_string()) else {
            return Err(format!(
                "`{key}.{category}` is {}: write the text",
                form.kind()
            ));
        };
        forms.insert(category, form);
    }
    if !forms.contains_key("other") {
        return Err(format!(
            "`{key}` has no `other` form: add it (it is used for every count the other forms do not cover)"
        ));
    }
    Ok(Text::Plural(forms))
}

/// A list of exactly `length` names.
fn names(key: &str, value: &Value, length: usize) -> Result<Entry, String> {
    let items = value.list().unwrap_or_default();
    let names: Vec<String> = items.iter().filter_map(Value::text).collect();
    if value.list().is_none() || names.len() != items.len() || names.len() != length {
        let what = if key.starts_with("months") {
            "January to December"
        } else {
            "Monday to Sunday"
        };
        return Err(format!(
            "`{key}` must list {length} names, {what}, e.g. `{key}: [{}]`; it has {}",
            if length == 12 { "…, …" } else { "…" },
            if value.list().is_some() {
                format!("{} ", items.len())
            } else {
                value.kind().to_string()
            }
            .trim_end()
        ));
    }
    Ok(Entry::Names(names))
}

/// Every `{name}` in the forms of `text` must be one the theme fills for this key: those of
/// the English text (and the count's, for a plural text).
fn check_placeholders(key: &str, text: &Text, english: &Text) -> Result<(), String> {
    let mut allowed: Vec<&str> = english.forms().into_iter().flat_map(placeholders).collect();
    if matches!(english, Text::Plural(_)) {
        allowed.extend(COUNT_PLACEHOLDERS);
    }
    for form in text.forms() {
        for name in placeholders(form) {
            if !allowed.contains(&name) {
                allowed.sort_unstable();
                allowed.dedup();
                let known = if allowed.is_empty() {
                    "it takes none".to_string()
                } else {
                    format!(
                        "it takes {}",
                        allowed
                            .iter()
                            .map(|a| format!("{{{a}}}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                };
                let hint = crate::yaml::closest(name, &allowed)
                    .map(|near| format!("did you mean `{{{near}}}`? "))
                    .unwrap_or_default();
                return Err(format!(
                    "`{key}` has the placeholder `{{{name}}}`, which the theme never fills: {hint}{known}"
                ));
            }
        }
    }
    Ok(())
}

/// The names of the `{placeholders}` of a text: a brace, a name of letters and `_`, a brace.
pub fn placeholders(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices('{').filter_map(move |(at, _)| {
        let rest = &text[at + 1..];
        let end = rest.find('}')?;
        let name = &rest[..end];
        (!name.is_empty() && name.chars().all(|c| c.is_ascii_alphabetic() || c == '_'))
            .then_some(name)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn english() -> Table {
        let (table, errors) = read(super::super::BUILT_IN[0].1, Path::new("en.yaml"), None);
        assert!(errors.is_empty(), "{errors:?}");
        table
    }

    fn problems(text: &str) -> Vec<String> {
        let (_, errors) = read(text, Path::new("i18n/fr.yaml"), Some(&english()));
        errors.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn every_built_in_table_reads_cleanly_against_english() {
        let english = english();
        for (code, text) in super::super::BUILT_IN {
            let (table, errors) = read(text, Path::new(code), Some(&english));
            assert!(errors.is_empty(), "{code}: {errors:?}");
            assert_eq!(table.len(), english.len(), "{code} leaves keys out");
        }
        for (tag, text) in super::super::BUILT_IN_REGIONAL {
            let (_, errors) = read(text, Path::new(tag), Some(&english));
            assert!(errors.is_empty(), "{tag}: {errors:?}");
        }
    }

    #[test]
    fn a_key_written_twice_is_an_error_at_its_second_line() {
        assert_eq!(
            problems("by: Par\nupdated: Mis à jour\nby: De\n"),
            ["i18n/fr.yaml:3: `by` is written twice (lines 1 and 3): the last would replace the first; keep one"]
        );
    }

    #[test]
    fn each_mistake_is_reported_at_its_line_with_the_fix() {
        let found = problems(
            "by: Par\nupdatedd: Mis à jour\nreading_time:\n  one: \"{count} min\"\n  sevral: x\nmonths: [a, b]\npage_of: \"Page {pge}\"\nreading_words_per_minute: fast\nupdate:\n  one: Mise à jour\n",
        );
        assert_eq!(
            found,
            [
                "i18n/fr.yaml:2: unknown key `updatedd`: did you mean `updated`? The keys are those of the built-in English table (see the README, \"Languages\")",
                "i18n/fr.yaml:3: `reading_time` has a plural form `sevral`: The forms are CLDR's plural categories: zero, one, two, few, many, other",
                "i18n/fr.yaml:6: `months` must list 12 names, January to December, e.g. `months: […, …]`; it has 2",
                "i18n/fr.yaml:7: `page_of` has the placeholder `{pge}`, which the theme never fills: did you mean `{page}`? it takes {page}, {pages}",
                "i18n/fr.yaml:8: `reading_words_per_minute` is a string: write a whole number of words a reader reads in a minute, e.g. 200",
                "i18n/fr.yaml:9: `update` has no `other` form: add it (it is used for every count the other forms do not cover)",
            ]
        );
    }

    #[test]
    fn placeholders_are_braced_names() {
        let found: Vec<&str> = placeholders("{count} of {pages} {not one} {} {x").collect();
        assert_eq!(found, ["count", "pages"]);
    }
}
