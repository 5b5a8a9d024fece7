//! A site's own translation tables: reading every `i18n/<tag>.yaml` (each checked against
//! the English table by `table`), and the warnings about them — a file for no language or
//! another language, plural forms the language never uses, keys left in English — with the
//! language tags and names those messages need. It must not merge tables (that is
//! [`super::Translations::load`]'s).

use std::path::Path;

use unic_langid::LanguageIdentifier;

use super::table::{self, Entry, Table, Text};
use super::{category_of, plural_rules, primary_subtag, Problems};
use crate::error::{Error, Location, Warning};
use crate::layout::{CONFIG_FILE, I18N_DIR};

/// Every `i18n/<tag>.yaml` of the site, read and checked, by tag.
pub(super) fn site_tables(
    root: &Path,
    english: &Table,
    problems: &mut Problems,
) -> Vec<(String, Table)> {
    let dir = root.join(I18N_DIR);
    let Ok(entries) = std::fs::read_dir(&dir) else {
        return Vec::new();
    };
    let mut paths: Vec<_> = entries.filter_map(|e| e.ok()).map(|e| e.path()).collect();
    paths.sort();
    let mut tables = Vec::new();
    for path in paths {
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let shown = Path::new(I18N_DIR).join(&name);
        let Some(tag) = name
            .strip_suffix(".yaml")
            .or_else(|| name.strip_suffix(".yml"))
        else {
            if !name.starts_with('.') && path.is_file() {
                problems.warnings.push(Warning::new(
                    Location::file(&shown),
                    format!("`{name}` is not read: translation tables are `i18n/<language>.yaml`, e.g. `i18n/fr.yaml`"),
                ));
            }
            continue;
        };
        if tables
            .iter()
            .any(|(known, _): &(String, Table)| known.eq_ignore_ascii_case(tag))
        {
            problems.errors.push(Error::content(
                Location::file(&shown),
                format!("a second table for `{tag}` (beside i18n/{tag}.yaml or .yml in other capitals): keep one file per language"),
            ));
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(text) => {
                let (table, errors) = table::read(&text, &shown, Some(english));
                problems.errors.extend(errors);
                problems.warnings.extend(unused_forms(&table, tag, &shown));
                tables.push((tag.to_string(), table));
            }
            Err(err) => problems.errors.push(Error::io(&path, err)),
        }
    }
    tables
}

/// A warning for each plural form a table gives that its language never uses for a whole
/// number (`two:` in French): CLDR's rules never choose it, so the text would never show.
pub(super) fn unused_forms(table: &Table, tag: &str, shown: &Path) -> Vec<Warning> {
    if !is_language_tag(tag) {
        return Vec::new();
    }
    let rules = plural_rules(tag);
    let mut used: Vec<&str> = (0..=200u64)
        .chain([1_000, 1_000_000])
        .map(|n| category_of(&rules, n))
        .collect();
    used.sort_unstable();
    used.dedup();
    let mut found = Vec::new();
    for (key, entry) in table {
        let Entry::Text(Text::Plural(forms)) = entry else {
            continue;
        };
        for form in forms.keys() {
            // `other` is required whatever the language (Polish uses it only for fractions).
            if form != "other" && !used.contains(&form.as_str()) {
                found.push(Warning::new(
                    Location::file(shown),
                    format!(
                        "`{key}.{form}` is never shown: `{tag}` counts with the forms {} (CLDR); delete it",
                        used.join(", ")
                    ),
                ));
            }
        }
    }
    found
}

/// Language names a desk may write for a tag, with the tag (`french.yaml`, `language: french`).
const LANGUAGE_NAMES: [(&str, &str); 16] = [
    ("english", "en"),
    ("french", "fr"),
    ("francais", "fr"),
    ("français", "fr"),
    ("german", "de"),
    ("deutsch", "de"),
    ("spanish", "es"),
    ("espanol", "es"),
    ("español", "es"),
    ("italian", "it"),
    ("italiano", "it"),
    ("portuguese", "pt"),
    ("portugues", "pt"),
    ("dutch", "nl"),
    ("nederlands", "nl"),
    ("arabic", "ar"),
];

/// `fr` for a language's name (`French`, `français`), for messages.
pub fn tag_for_name(name: &str) -> Option<&'static str> {
    let name = name.trim().to_lowercase();
    LANGUAGE_NAMES
        .iter()
        .find(|(known, _)| *known == name)
        .map(|(_, tag)| *tag)
}

/// Whether `tag` is a well-formed BCP 47 language tag (`fr`, `fr-BE`, `zh-Hant-TW`).
pub fn is_language_tag(tag: &str) -> bool {
    let primary = tag.split('-').next().unwrap_or(tag);
    !tag.contains('_')
        && (2..=3).contains(&primary.len())
        && primary.chars().all(|c| c.is_ascii_alphabetic())
        && tag.parse::<LanguageIdentifier>().is_ok()
}

/// A warning for each `i18n/` file the site does not use: one not named after a language, or
/// for another language than the site's (still checked, for the day the site adds it).
pub(super) fn unused_tables(
    files: &[(String, Table)],
    language: &str,
    primary: &str,
) -> Vec<Warning> {
    files
        .iter()
        .filter(|(tag, _)| !tag.eq_ignore_ascii_case(primary) && !tag.eq_ignore_ascii_case(language))
        .map(|(tag, _)| {
            let at = Location::file(Path::new(I18N_DIR).join(format!("{tag}.yaml")));
            let message = match (is_language_tag(tag), tag_for_name(tag)) {
                (false, Some(known)) => format!("`{tag}.yaml` is not read: tables are named after the language's tag; rename it `{known}.yaml`"),
                (false, None) => format!("`{tag}.yaml` is not read: tables are named after the language's tag, e.g. `fr.yaml` or `fr-BE.yaml`"),
                (true, _) => format!("`{tag}.yaml` is not used: the site's language is `{language}` (the file is still checked)"),
            };
            Warning::new(at, message)
        })
        .collect()
}

/// The warning for a language with no built-in table: which keys stay in English, and where.
pub(super) fn untranslated(
    language: &str,
    english: &Table,
    translated: &[&str],
    file: Option<&str>,
) -> Warning {
    let missing: Vec<&str> = english
        .keys()
        .map(String::as_str)
        .filter(|key| !translated.contains(key))
        .collect();
    match file {
        None => Warning::new(
            Location::file(CONFIG_FILE),
            format!(
                "`language: {language}` has no built-in translation, so the theme's words and month names are in English and titles are not read for the number of things they promise (`count:` still sets one): add i18n/{}.yaml with the keys of the README's \"Languages\" table",
                primary_subtag(language)
            ),
        ),
        Some(tag) => Warning::new(
            Location::file(Path::new(I18N_DIR).join(format!("{tag}.yaml"))),
            format!(
                "{} of {} keys are not translated and show in English: {}; add them to translate them",
                missing.len(),
                english.len(),
                missing.join(", ")
            ),
        ),
    }
}
