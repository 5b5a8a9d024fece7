//! The site's language for everything stakes writes itself (issue #21): the words of the
//! default theme, month and weekday names, date patterns, plural rules, reading speed, the
//! writing direction and the count check's number words. It owns choosing the tables a site
//! uses (built-in English under the built-in table of the site's language under the site's
//! `i18n/` files), the warnings for keys left in English, and filling a text's placeholders.
//! It must not render pages: templates reach it through `t()` (see `crate::templates`).

use std::collections::BTreeMap;
use std::path::Path;

use intl_pluralrules::{PluralCategory, PluralRuleType, PluralRules};
use unic_langid::LanguageIdentifier;

use crate::error::{Error, Warning};

pub mod dates;
pub mod english;
mod number_words;
pub mod numbers;
mod site_files;
mod table;

pub use dates::DateNames;
pub use numbers::Counting;
pub use site_files::{is_language_tag, tag_for_name};
pub use table::Text;
use table::{Entry, Table};

/// The built-in tables, English first (it defines the keys).
pub const BUILT_IN: [(&str, &str); 8] = [
    ("en", include_str!("tables/en.yaml")),
    ("fr", include_str!("tables/fr.yaml")),
    ("de", include_str!("tables/de.yaml")),
    ("es", include_str!("tables/es.yaml")),
    ("it", include_str!("tables/it.yaml")),
    ("pt", include_str!("tables/pt.yaml")),
    ("nl", include_str!("tables/nl.yaml")),
    ("ar", include_str!("tables/ar.yaml")),
];

/// Built-in regional tables, each applied over its language's table for that exact tag.
pub const BUILT_IN_REGIONAL: [(&str, &str); 1] = [("pt-PT", include_str!("tables/pt-PT.yaml"))];

/// The keys (after `search_`) the search page's script shows.
const SCRIPT_KEYS: [&str; 13] = [
    "any",
    "section",
    "topic",
    "author",
    "year",
    "more",
    "searching",
    "unavailable",
    "results",
    "no_results",
    "for",
    "with_filters",
    "stand_in",
];

/// Languages written right to left (primary subtags).
const RIGHT_TO_LEFT: [&str; 10] = ["ar", "he", "fa", "ur", "ps", "sd", "ug", "yi", "ckb", "dv"];

/// The words and rules of the site's language, merged from its tables.
pub struct Translations {
    /// The site's language tag, as written.
    language: String,
    /// Every key: the site's words, else its language's built-in ones, else English.
    table: Table,
    /// The language's CLDR cardinal plural rules (English's when CLDR does not know it).
    plurals: PluralRules,
    /// The count check's number words, when stakes has them for the language.
    counting: Option<&'static Counting>,
    /// Month and weekday names when they are not the English ones the date crate writes.
    date_names: Option<DateNames>,
    /// `count_label` of site.yaml, which replaces the table's label in every language.
    count_label: Option<String>,
    /// The plural category of each small count, found once: the rules work on the number's
    /// digits as text, ~10,000 instructions a count.
    small_categories: [std::sync::OnceLock<&'static str>; SMALL_COUNTS],
}

/// Counts whose plural category is remembered.
const SMALL_COUNTS: usize = 128;

impl std::fmt::Debug for Translations {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Translations")
            .field("language", &self.language)
            .field("keys", &self.table.len())
            .finish_non_exhaustive()
    }
}

/// What loading a site's tables found wrong.
#[derive(Debug, Default)]
pub struct Problems {
    /// Mistakes in `i18n/` files: the build stops.
    pub errors: Vec<Error>,
    /// Keys left in English.
    pub warnings: Vec<Warning>,
}

impl Translations {
    /// The tables of a site in `language` under `root`, with site.yaml's `count_label`
    /// (`None`: the table's). Every `i18n/*.yaml` file is checked, not only the language's.
    pub fn load(
        root: &Path,
        language: &str,
        count_label: Option<String>,
    ) -> (Translations, Problems) {
        let english = english();
        let mut problems = Problems::default();
        let primary = primary_subtag(language);
        let mut table = english.clone();
        if let Some((_, text)) = BUILT_IN
            .iter()
            .find(|(code, _)| *code == primary && *code != "en")
        {
            let (own, errors) = table::read(
                text,
                Path::new(code_path(&primary).as_str()),
                Some(&english),
            );
            debug_assert!(errors.is_empty(), "built-in {primary}: {errors:?}");
            table.extend(own);
        }
        if let Some((tag, text)) = BUILT_IN_REGIONAL
            .iter()
            .find(|(tag, _)| tag.eq_ignore_ascii_case(language))
        {
            let (own, errors) =
                table::read(text, Path::new(code_path(tag).as_str()), Some(&english));
            debug_assert!(errors.is_empty(), "built-in {tag}: {errors:?}");
            table.extend(own);
        }
        let site_files = site_files::site_tables(root, &english, &mut problems);
        problems
            .warnings
            .extend(site_files::unused_tables(&site_files, language, &primary));
        let mut overridden: Vec<&str> = Vec::new();
        // The language's own file, then its regional one (`fr.yaml`, then `fr-BE.yaml`).
        let mut own_files: Vec<&(String, Table)> = site_files
            .iter()
            .filter(|(tag, _)| {
                tag.eq_ignore_ascii_case(&primary) || tag.eq_ignore_ascii_case(language)
            })
            .collect();
        own_files.sort_by_key(|(tag, _)| tag.len());
        for (_, own) in &own_files {
            overridden.extend(own.keys().map(String::as_str));
            table.extend(own.iter().map(|(k, v)| (k.clone(), v.clone())));
        }
        if primary != "en" && !BUILT_IN.iter().any(|(code, _)| *code == primary) {
            problems.warnings.push(site_files::untranslated(
                language,
                &english,
                &overridden,
                own_files.last().map(|(tag, _)| tag.as_str()),
            ));
        }
        let translations = Translations {
            language: language.to_string(),
            plurals: plural_rules(language),
            counting: numbers::counting(language),
            date_names: date_names(&table, &english),
            table,
            count_label,
            small_categories: std::array::from_fn(|_| std::sync::OnceLock::new()),
        };
        (translations, problems)
    }

    /// The English tables alone (unit tests and sites without settings).
    pub fn english() -> Translations {
        Translations {
            language: "en".to_string(),
            table: english(),
            plurals: plural_rules("en"),
            counting: numbers::counting("en"),
            date_names: None,
            count_label: None,
            small_categories: std::array::from_fn(|_| std::sync::OnceLock::new()),
        }
    }

    /// The text of `key`, if the tables know it.
    pub fn text(&self, key: &str) -> Option<&Text> {
        match self.table.get(key) {
            Some(Entry::Text(text)) => Some(text),
            _ => None,
        }
    }

    /// The language's word for a photo's credit line, from the table's `credit` text without
    /// its colon (`Crédit`, `Foto`, `الصورة`), when it is not the English `Credit` every
    /// language reads anyway (issue #21).
    pub fn credit_label(&self) -> Option<&str> {
        let Some(Text::Plain(text)) = self.text("credit") else {
            return None;
        };
        let label = text
            .trim()
            .trim_end_matches([':', ' ', '\u{a0}', '\u{202f}']);
        (!label.is_empty() && !label.eq_ignore_ascii_case("credit")).then_some(label)
    }

    /// Every text key, for suggestions.
    pub fn keys(&self) -> Vec<&str> {
        self.table
            .iter()
            .filter(|(_, entry)| matches!(entry, Entry::Text(_)))
            .map(|(key, _)| key.as_str())
            .collect()
    }

    /// Every text with one form and no placeholders, by key (`words` in templates).
    pub fn plain_texts(&self) -> BTreeMap<&str, &str> {
        self.table
            .iter()
            .filter_map(|(key, entry)| match entry {
                Entry::Text(Text::Plain(text)) if !text.contains('{') => {
                    Some((key.as_str(), text.as_str()))
                }
                _ => None,
            })
            .collect()
    }

    /// The CLDR plural category of a count in the site's language (`one`, `few` …).
    pub fn category(&self, count: u64) -> &'static str {
        match self.small_categories.get(count as usize) {
            Some(known) => known.get_or_init(|| self.select(count)),
            None => self.select(count),
        }
    }

    /// [`Translations::category`] from the rules.
    fn select(&self, count: u64) -> &'static str {
        category_of(&self.plurals, count)
    }

    /// `key`'s text for `count` (its plural form) with its placeholders filled by `fill`
    /// (`None` leaves a placeholder as written); `{count}`, `{number}` and `{Number}` are the
    /// count in digits and in words. `None` when the key is unknown.
    pub fn format(
        &self,
        key: &str,
        count: Option<u64>,
        fill: impl Fn(&str) -> Option<String>,
    ) -> Option<String> {
        let text = self.text(key)?;
        let form = text.form(count.map_or("other", |n| self.category(n)));
        Some(self.fill(form, count, fill))
    }

    /// A text with its placeholders filled.
    fn fill(
        &self,
        form: &str,
        count: Option<u64>,
        fill: impl Fn(&str) -> Option<String>,
    ) -> String {
        if !form.contains('{') {
            return form.to_string();
        }
        let mut out = String::with_capacity(form.len() + 16);
        let mut rest = form;
        while let Some(open) = rest.find('{') {
            out.push_str(&rest[..open]);
            let after = &rest[open + 1..];
            let name = after.find('}').map(|end| &after[..end]);
            let value = name.and_then(|name| match (name, count) {
                ("count", Some(n)) => Some(n.to_string()),
                ("number", Some(n)) => Some(self.number_word(n)),
                ("Number", Some(n)) => Some(english::capitalise(&self.number_word(n))),
                _ => fill(name),
            });
            match (name, value) {
                (Some(name), Some(value)) => {
                    out.push_str(&value);
                    rest = &after[name.len() + 1..];
                }
                _ => {
                    out.push('{');
                    rest = after;
                }
            }
        }
        out.push_str(rest);
        out
    }

    /// A number in words in the site's language ("five", "cinq"); digits where it has none.
    pub fn number_word(&self, n: u64) -> String {
        match self.counting {
            Some(Counting::English) => english::number_word(n),
            Some(Counting::Words(words)) => words.shown(n),
            None => n.to_string(),
        }
    }

    /// The count check's words for the site's language (`None`: no count is inferred).
    pub fn counting(&self) -> Option<&'static Counting> {
        self.counting
    }

    /// "Five things at stake": the title's own words for what it counts (`phrase`, from the
    /// count check), else site.yaml's `count_label`, else the table's `count_label` for
    /// `count`.
    pub fn count_label(&self, phrase: Option<&str>, count: u32) -> String {
        if let Some(phrase) = phrase {
            return english::capitalise(phrase);
        }
        if let Some(label) = &self.count_label {
            return english::label_with_noun(&self.number_word(count.into()), label, count);
        }
        self.format("count_label", Some(count.into()), |_| None)
            .unwrap_or_default()
    }

    /// [`Translations::date_names`] as the date module takes them.
    pub fn date_localiser(&self) -> Option<&dyn crate::date::Names> {
        self.date_names
            .as_ref()
            .map(|names| names as &dyn crate::date::Names)
    }

    /// `date_format` (or `datetime_format`) of the tables.
    pub fn date_pattern(&self, key: &str) -> String {
        match self.table.get(key) {
            Some(Entry::Text(text)) => text.form("other").to_string(),
            _ => String::new(),
        }
    }

    /// How many words a reader reads in a minute, for "5 min read".
    pub fn words_per_minute(&self) -> usize {
        match self.table.get("reading_words_per_minute") {
            Some(Entry::Number(n)) => *n,
            _ => 230,
        }
    }

    /// `rtl` for the languages written right to left, `ltr` for the others.
    pub fn direction(&self) -> &'static str {
        direction(&self.language)
    }

    /// The texts the search page's script shows, by key without `search_`, plural texts as
    /// maps of their forms (the script picks one with the browser's `Intl.PluralRules`).
    pub fn search_strings(&self) -> BTreeMap<String, serde_json::Value> {
        SCRIPT_KEYS
            .iter()
            .filter_map(|short| {
                let entry = self.table.get(&format!("search_{short}"))?;
                let Entry::Text(text) = entry else {
                    return None;
                };
                let value = match text {
                    Text::Plain(text) => serde_json::Value::from(text.as_str()),
                    Text::Plural(forms) => serde_json::to_value(forms).ok()?,
                };
                Some((short.to_string(), value))
            })
            .collect()
    }
}

/// The CLDR category name the rules choose for a count.
pub(super) fn category_of(rules: &PluralRules, count: u64) -> &'static str {
    match rules.select(count) {
        Ok(PluralCategory::ZERO) => "zero",
        Ok(PluralCategory::ONE) => "one",
        Ok(PluralCategory::TWO) => "two",
        Ok(PluralCategory::FEW) => "few",
        Ok(PluralCategory::MANY) => "many",
        _ => "other",
    }
}

/// `ltr` or `rtl` for a language tag (`ar-EG` → `rtl`).
pub fn direction(language: &str) -> &'static str {
    if RIGHT_TO_LEFT.contains(&primary_subtag(language).as_str()) {
        "rtl"
    } else {
        "ltr"
    }
}

/// `fr` of `fr-BE` (or `fr_BE`), lowercased.
pub(crate) fn primary_subtag(language: &str) -> String {
    language
        .split(['-', '_'])
        .next()
        .unwrap_or(language)
        .trim()
        .to_ascii_lowercase()
}

/// How a built-in table is named in messages.
fn code_path(code: &str) -> String {
    format!("(built-in {code}.yaml)")
}

/// The built-in English table, read once per process (`serve` rebuilds read it again
/// otherwise, and reading it is most of what loading a site's tables costs).
fn english() -> Table {
    static ENGLISH: std::sync::OnceLock<Table> = std::sync::OnceLock::new();
    ENGLISH
        .get_or_init(|| {
            let (table, errors) = table::read(BUILT_IN[0].1, Path::new("(built-in en.yaml)"), None);
            debug_assert!(errors.is_empty(), "built-in English: {errors:?}");
            table
        })
        .clone()
}

/// CLDR's cardinal rules for a tag, else for its language, else English's.
pub(super) fn plural_rules(language: &str) -> PluralRules {
    let create = |tag: &str| {
        tag.parse::<LanguageIdentifier>()
            .ok()
            .and_then(|id| PluralRules::create(id, PluralRuleType::CARDINAL).ok())
    };
    create(language)
        .or_else(|| create(&primary_subtag(language)))
        .or_else(|| create("en"))
        .expect("CLDR has English plural rules")
}

/// The month and weekday names of `table`, when any differ from English's.
fn date_names(table: &Table, english: &Table) -> Option<DateNames> {
    let names = |key: &str| match table.get(key) {
        Some(Entry::Names(names)) => names.clone(),
        _ => Vec::new(),
    };
    let same = [
        "months",
        "months_short",
        "weekdays",
        "weekdays_short",
        "day_one",
    ]
    .iter()
    .all(|key| table.get(*key) == english.get(*key));
    let day_one = match table.get("day_one") {
        Some(Entry::Text(text)) => text.form("other").to_string(),
        _ => "1".to_string(),
    };
    (!same).then(|| DateNames {
        months: names("months"),
        months_short: names("months_short"),
        weekdays: names("weekdays"),
        weekdays_short: names("weekdays_short"),
        day_one,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn site(files: &[(&str, &str)], language: &str) -> (Translations, Problems, tempfile::TempDir) {
        let dir = tempfile::tempdir().unwrap();
        for (name, text) in files {
            let path = dir.path().join(crate::layout::I18N_DIR).join(name);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, text).unwrap();
        }
        let (translations, problems) = Translations::load(dir.path(), language, None);
        (translations, problems, dir)
    }

    #[test]
    fn a_built_in_language_needs_no_file_and_a_site_file_overrides_one_key() {
        let (fr, problems, _dir) = site(&[("fr.yaml", "by: De\n")], "fr-BE");
        assert!(problems.errors.is_empty() && problems.warnings.is_empty());
        assert_eq!(fr.format("by", None, |_| None).unwrap(), "De");
        assert_eq!(
            fr.format("updated", None, |_| None).unwrap(),
            "Mis à jour le"
        );
        assert_eq!(
            fr.format("reading_time", Some(1), |_| None).unwrap(),
            "1 min de lecture"
        );
        assert_eq!(fr.count_label(None, 5), "Cinq enjeux");
        assert_eq!(fr.count_label(Some("cinq choses"), 5), "Cinq choses");
        assert_eq!(fr.date_names.as_ref().unwrap().months[11], "décembre");
        assert_eq!(fr.words_per_minute(), 195);
        assert_eq!(fr.direction(), "ltr");
    }

    #[test]
    fn european_portuguese_has_its_own_words_over_the_portuguese_table() {
        let pt = Translations::load(Path::new("/nonexistent"), "pt-PT", None).0;
        assert_eq!(
            pt.format("sections_nav", None, |_| None).unwrap(),
            "Secções"
        );
        assert_eq!(
            pt.format("updated", None, |_| None).unwrap(),
            "Atualizado em"
        );
        let br = Translations::load(Path::new("/nonexistent"), "pt-BR", None).0;
        assert_eq!(br.format("sections_nav", None, |_| None).unwrap(), "Seções");
    }

    #[test]
    fn arabic_plurals_use_every_cldr_category_and_the_page_reads_right_to_left() {
        let ar = Translations::load(Path::new("/nonexistent"), "ar", None).0;
        let minutes = |n| ar.format("reading_time", Some(n), |_| None).unwrap();
        assert_eq!(minutes(1), "دقيقة واحدة للقراءة");
        assert_eq!(minutes(2), "دقيقتان للقراءة");
        assert_eq!(minutes(5), "5 دقائق للقراءة");
        assert_eq!(minutes(11), "11 دقيقة للقراءة");
        assert_eq!(ar.count_label(None, 5), "خمسة أمور على المحك");
        assert_eq!(ar.direction(), "rtl");
    }

    #[test]
    fn a_language_without_a_table_warns_once_naming_the_keys_left_in_english() {
        let (pl, problems, _dir) = site(&[], "pl");
        assert_eq!(pl.format("by", None, |_| None).unwrap(), "By");
        assert_eq!(problems.warnings.len(), 1);
        assert!(problems.warnings[0]
            .to_string()
            .starts_with("site.yaml: `language: pl` has no built-in translation"));
        let (pl, problems, _dir) = site(&[("pl.yaml", "by: Autor\nreading_time:\n  one: \"{count} minuta\"\n  few: \"{count} minuty\"\n  many: \"{count} minut\"\n  other: \"{count} minuty\"\n")], "pl");
        assert_eq!(
            pl.format("reading_time", Some(5), |_| None).unwrap(),
            "5 minut"
        );
        assert_eq!(
            pl.format("reading_time", Some(3), |_| None).unwrap(),
            "3 minuty"
        );
        let warning = problems.warnings[0].to_string();
        assert!(
            warning.starts_with("i18n/pl.yaml: 72 of 74 keys are not translated"),
            "{warning}"
        );
        assert!(
            !warning.contains(" by,") && warning.contains("updated"),
            "{warning}"
        );
    }

    #[test]
    fn built_in_tables_give_only_the_plural_forms_their_language_uses() {
        for (code, text) in BUILT_IN {
            let (table, _) = table::read(text, Path::new(code), Some(&english()));
            let unused = site_files::unused_forms(&table, code, Path::new(code));
            assert!(unused.is_empty(), "{code}: {unused:?}");
        }
        let (french, _) = table::read(
            "update:\n  one: Mise à jour\n  two: Deux\n  other: Mises à jour\n",
            Path::new("i18n/fr.yaml"),
            Some(&english()),
        );
        let unused = site_files::unused_forms(&french, "fr", Path::new("i18n/fr.yaml"));
        assert_eq!(
            unused[0].to_string(),
            "i18n/fr.yaml: `update.two` is never shown: `fr` counts with the forms one, other (CLDR); delete it"
        );
    }

    #[test]
    fn placeholders_are_filled_and_unknown_ones_kept() {
        let en = Translations::english();
        let page = en.format("page_of", None, |name| match name {
            "page" => Some("2".into()),
            "pages" => Some("9".into()),
            _ => None,
        });
        assert_eq!(page.unwrap(), "Page 2 of 9");
        assert_eq!(en.fill("{a} {count", None, |_| None), "{a} {count");
        assert_eq!(en.count_label(None, 1), "One thing at stake");
        assert_eq!(en.format("nonsense", None, |_| None), None);
    }
}
