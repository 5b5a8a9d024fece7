//! `languages:` in `site.yaml` (issue #21): the languages of a multilingual site as written and
//! checked, and the settings of each language's part of the site. The first language is the
//! default and lives at the site's root; every other one is a whole site of its own under
//! `/<tag>/` (its own listings, tags, feeds, search and 404), built from the translation files
//! (`summit.fr.md`) beside the originals. This module knows the setting and the file names; it
//! must not walk folders or render.

use serde::Deserialize;

use crate::error::{Error, Location};
use crate::layout::CONFIG_FILE;

/// One entry of `languages:` as written: a tag alone (`- fr`) or a map with the tag and the
/// settings that differ in that language.
#[derive(Debug, Default, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub(super) struct RawLanguageMap {
    language: Option<String>,
    name: Option<String>,
    title: Option<String>,
    description: Option<String>,
    base_url: Option<String>,
    timezone: Option<String>,
}

/// `- fr` or `- language: fr …`.
#[derive(Debug, Default, Clone)]
pub(super) struct RawLanguage(RawLanguageMap);

impl<'de> Deserialize<'de> for RawLanguage {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct TagOrMap;
        impl<'de> serde::de::Visitor<'de> for TagOrMap {
            type Value = RawLanguage;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str(
                    "a language tag (`- fr`) or a map (`- language: fr` with title, description, base_url or timezone)",
                )
            }
            fn visit_str<E: serde::de::Error>(self, tag: &str) -> Result<RawLanguage, E> {
                Ok(RawLanguage(RawLanguageMap {
                    language: Some(tag.to_string()),
                    ..RawLanguageMap::default()
                }))
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawLanguage, A::Error> {
                RawLanguageMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawLanguage)
            }
        }
        deserializer.deserialize_any(TagOrMap)
    }
}

/// One language of a multilingual site, checked.
#[derive(Debug, Clone, serde::Serialize)]
pub struct SiteLanguage {
    /// The BCP 47 tag as written (`fr`, `pt-BR`); also the suffix of its files
    /// (`summit.fr.md`) and, for every language but the first, its folder (`/fr/`).
    pub tag: String,
    /// The language's name in itself, for the language switcher (`Français`): `name:` if
    /// written, else the name stakes knows, else the tag.
    pub name: String,
    /// The site's name in this language; the site's `title` when not given.
    pub title: Option<String>,
    /// The site's description in this language.
    pub description: Option<String>,
    /// A separate address for this language (`https://fr.news.example/`); by default the
    /// site's `base_url` plus `<tag>/`.
    pub base_url: Option<String>,
    /// The time zone of this language's edition; by default the site's.
    pub timezone: Option<String>,
}

impl SiteLanguage {
    /// The folder this language's pages are written to, relative to the output (`fr/`), or
    /// nothing for the default language.
    pub fn folder(&self, index: usize) -> String {
        if index == 0 {
            String::new()
        } else {
            format!("{}/", self.tag.to_ascii_lowercase())
        }
    }
}

/// Checks `languages:` as written: every tag well formed and listed once, at most one
/// default, agreeing with `language:` when both are set. Returns the languages, or every
/// problem at its line.
pub(super) fn check(
    raw: Vec<RawLanguage>,
    language: Option<&str>,
    text: &str,
) -> std::result::Result<Vec<SiteLanguage>, Vec<Error>> {
    let key_line = crate::yaml::key_lines(text, "languages", false)
        .next()
        .unwrap_or(1);
    let mut errors = Vec::new();
    let mut languages: Vec<SiteLanguage> = Vec::new();
    let mut search_from = key_line;
    // Whether the first entry, the default language, was read: if not, `language:` is not
    // compared with whichever entry came next.
    let mut default_read = false;
    for (index, RawLanguage(entry)) in raw.into_iter().enumerate() {
        let tag = entry.language.as_deref().map(str::trim).unwrap_or("");
        let line = entry_line(text, tag, search_from);
        search_from = line;
        let at = Location::line(CONFIG_FILE, line);
        if tag.is_empty() {
            errors.push(Error::content(
                at,
                "an entry of `languages:` has no `language:`: write `- language: fr` (or just `- fr`)",
            ));
            continue;
        }
        if !crate::i18n::is_language_tag(tag) {
            errors.push(Error::content(at, super::language_message(tag)));
            continue;
        }
        if languages.iter().any(|l| l.tag.eq_ignore_ascii_case(tag)) {
            errors.push(Error::content(
                at,
                format!("`{tag}` is listed twice in `languages:`: list each language once"),
            ));
            continue;
        }
        if let Some(url) = &entry.base_url {
            if let Err(message) = super::split_base_url(url, "`base_url`") {
                errors.push(Error::content(at.clone(), message));
            }
        }
        if let Some(zone) = &entry.timezone {
            if let Err(message) = crate::date::time_zone(zone.trim()) {
                errors.push(Error::content(at.clone(), message));
            }
        }
        default_read |= index == 0;
        // Written the canonical way (`AR` → `ar`, `pt-br` → `pt-BR`), as `lang` and `hreflang`
        // expect.
        let tag = tag
            .parse::<unic_langid::LanguageIdentifier>()
            .map_or_else(|_| tag.to_string(), |id| id.to_string());
        let tag = tag.as_str();
        languages.push(SiteLanguage {
            tag: tag.to_string(),
            name: entry
                .name
                .map(|name| name.trim().to_string())
                .filter(|name| !name.is_empty())
                .unwrap_or_else(|| autonym(tag)),
            title: entry.title,
            description: entry.description,
            base_url: entry.base_url,
            timezone: entry.timezone.map(|zone| zone.trim().to_string()),
        });
    }
    if let (Some(first), Some(written)) = (languages.first().filter(|_| default_read), language) {
        if !first.tag.eq_ignore_ascii_case(written.trim()) {
            let line = crate::yaml::key_lines(text, "language", false)
                .next()
                .unwrap_or(key_line);
            errors.push(Error::content(
                Location::line(CONFIG_FILE, line),
                format!(
                    "`language: {}` disagrees with `languages:`, whose first entry (`{}`) is the default language: remove `language:` or list {} first",
                    written.trim(),
                    first.tag,
                    written.trim()
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(languages)
    } else {
        errors.sort_by_cached_key(Error::sort_key);
        Err(errors)
    }
}

/// Each language's name in itself, for the switcher: a reader looks for their own language
/// written their own way.
const AUTONYMS: [(&str, &str); 48] = [
    ("am", "አማርኛ"),
    ("ar", "العربية"),
    ("bg", "Български"),
    ("bn", "বাংলা"),
    ("ca", "Català"),
    ("cs", "Čeština"),
    ("cy", "Cymraeg"),
    ("da", "Dansk"),
    ("de", "Deutsch"),
    ("el", "Ελληνικά"),
    ("en", "English"),
    ("es", "Español"),
    ("et", "Eesti"),
    ("eu", "Euskara"),
    ("fa", "فارسی"),
    ("fi", "Suomi"),
    ("fr", "Français"),
    ("ga", "Gaeilge"),
    ("gl", "Galego"),
    ("he", "עברית"),
    ("hi", "हिन्दी"),
    ("hr", "Hrvatski"),
    ("hu", "Magyar"),
    ("id", "Bahasa Indonesia"),
    ("it", "Italiano"),
    ("ja", "日本語"),
    ("ko", "한국어"),
    ("lt", "Lietuvių"),
    ("lv", "Latviešu"),
    ("ms", "Bahasa Melayu"),
    ("nb", "Norsk bokmål"),
    ("nl", "Nederlands"),
    ("nn", "Norsk nynorsk"),
    ("no", "Norsk"),
    ("pl", "Polski"),
    ("pt", "Português"),
    ("ro", "Română"),
    ("ru", "Русский"),
    ("sk", "Slovenčina"),
    ("sl", "Slovenščina"),
    ("sr", "Српски"),
    ("sv", "Svenska"),
    ("sw", "Kiswahili"),
    ("th", "ไทย"),
    ("tr", "Türkçe"),
    ("uk", "Українська"),
    ("ur", "اردو"),
    ("vi", "Tiếng Việt"),
];

/// The name of the language of `tag` in itself (`fr-BE` → `Français`), else the tag.
fn autonym(tag: &str) -> String {
    let primary = crate::i18n::primary_subtag(tag);
    AUTONYMS
        .iter()
        .find(|(code, _)| *code == primary)
        .map_or_else(|| tag.to_string(), |(_, name)| (*name).to_string())
}

/// The line of the `languages:` entry for `tag`, looked for from `from` on (each entry comes
/// after the one before it).
fn entry_line(text: &str, tag: &str, from: usize) -> usize {
    text.lines()
        .enumerate()
        .skip(from)
        .find(|(_, line)| {
            let line = line.trim_start();
            line.starts_with('-') && !tag.is_empty() && line.contains(tag)
        })
        .map_or(from, |(index, _)| index + 1)
}

/// How the files of `content/` are shared out among the languages of a multilingual site.
#[derive(Debug, Clone)]
pub struct LanguageFiles {
    /// The language being built (lowercase tag).
    this: String,
    /// Whether it is the default language, which owns the files without a language suffix.
    default: bool,
    /// Every language of the site (lowercase tags).
    all: Vec<String>,
}

/// What a Markdown file's name says about its language.
#[derive(Debug, PartialEq, Eq)]
pub enum FileLanguage<'n> {
    /// The file belongs to the language being built; its name without the suffix
    /// (`summit.fr.md` → `summit.md`).
    Ours(String),
    /// A translation into another language of the site: left to that language's build.
    Theirs,
    /// Not this language's (an unsuffixed file, seen by a language other than the default).
    NotOurs,
    /// A name with no language suffix, in the default language: kept as it is.
    Plain(&'n str),
}

impl LanguageFiles {
    /// The sharing-out for language `index` of `languages`.
    pub fn new(languages: &[SiteLanguage], index: usize) -> LanguageFiles {
        LanguageFiles {
            this: languages[index].tag.to_ascii_lowercase(),
            default: index == 0,
            all: languages
                .iter()
                .map(|l| l.tag.to_ascii_lowercase())
                .collect(),
        }
    }

    /// The listed language with the same primary subtag as `tag` (`fr` for `fr-CA`), for
    /// the advice given about a file in a language the site does not list.
    pub fn listed_like(&self, tag: &str) -> Option<&str> {
        let primary = crate::i18n::primary_subtag(tag);
        self.all
            .iter()
            .find(|listed| crate::i18n::primary_subtag(listed) == primary)
            .map(String::as_str)
    }

    /// Which language a Markdown file (`summit.fr.md`, `_index.ar.md`, `index.md`) is in.
    pub fn of<'n>(&self, name: &'n str) -> FileLanguage<'n> {
        match language_suffix(name, &self.all) {
            Some((stem, tag)) if tag == self.this => FileLanguage::Ours(format!("{stem}.md")),
            Some(_) => FileLanguage::Theirs,
            None if self.default => FileLanguage::Plain(name),
            None => FileLanguage::NotOurs,
        }
    }
}

/// `summit.fr.md` → (`summit`, `fr`) when `fr` is the tag of a language stakes knows the
/// name of, whether or not the site lists it: a file that looks like a translation.
pub fn looks_like_translation(name: &str) -> Option<(&str, String)> {
    let stem = name.strip_suffix(".md")?;
    let (before, tag) = stem.rsplit_once('.')?;
    let primary = tag.split('-').next().unwrap_or(tag);
    let known = AUTONYMS
        .iter()
        .any(|(code, _)| code.eq_ignore_ascii_case(primary))
        && crate::i18n::is_language_tag(tag);
    (known && !before.is_empty()).then(|| (before, tag.to_string()))
}

/// `summit.fr.md` → (`summit`, `fr`) when `fr` is one of `tags` (compared without case).
/// A site listing `fr-FR` alone also takes `summit.fr.md` as its French file; `tags` are
/// lowercase, and the tag returned is the listed one.
pub fn language_suffix<'n>(name: &'n str, tags: &[String]) -> Option<(&'n str, String)> {
    let stem = name.strip_suffix(".md")?;
    let (before, suffix) = stem.rsplit_once('.')?;
    if before.is_empty() {
        return None;
    }
    let suffix = suffix.to_ascii_lowercase();
    if tags.contains(&suffix) {
        return Some((before, suffix));
    }
    let mut regional = tags
        .iter()
        .filter(|tag| tag.split('-').next() == Some(suffix.as_str()));
    match (regional.next(), regional.next()) {
        (Some(tag), None) => Some((before, tag.clone())),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn languages(tags: &[&str]) -> Vec<SiteLanguage> {
        tags.iter()
            .map(|tag| SiteLanguage {
                tag: tag.to_string(),
                name: autonym(tag),
                title: None,
                description: None,
                base_url: None,
                timezone: None,
            })
            .collect()
    }

    #[test]
    fn files_are_shared_out_by_their_suffix() {
        let site = languages(&["en", "fr", "ar"]);
        let english = LanguageFiles::new(&site, 0);
        let french = LanguageFiles::new(&site, 1);
        assert_eq!(english.of("summit.md"), FileLanguage::Plain("summit.md"));
        assert_eq!(
            english.of("summit.en.md"),
            FileLanguage::Ours("summit.md".into())
        );
        assert_eq!(english.of("summit.fr.md"), FileLanguage::Theirs);
        assert_eq!(
            french.of("summit.fr.md"),
            FileLanguage::Ours("summit.md".into())
        );
        assert_eq!(
            french.of("_index.FR.md"),
            FileLanguage::Ours("_index.md".into())
        );
        assert_eq!(french.of("summit.md"), FileLanguage::NotOurs);
        // A regional file is not the language's (`fr-CA` is no `fr`), but a site listing
        // `fr-FR` alone takes `.fr.md` as its.
        assert_eq!(
            english.of("summit.fr-CA.md"),
            FileLanguage::Plain("summit.fr-CA.md")
        );
        let regional = languages(&["en", "fr-fr"]);
        assert_eq!(
            LanguageFiles::new(&regional, 1).of("summit.fr.md"),
            FileLanguage::Ours("summit.md".into())
        );
        assert_eq!(french.of("summit.ar.md"), FileLanguage::Theirs);
        // A dot that is not a language of the site is part of the name.
        assert_eq!(
            english.of("version.2.md"),
            FileLanguage::Plain("version.2.md")
        );
        assert_eq!(english.of(".fr.md"), FileLanguage::Plain(".fr.md"));
    }

    #[test]
    fn translation_like_names_are_recognised() {
        assert_eq!(
            looks_like_translation("summit.de.md"),
            Some(("summit", "de".to_string()))
        );
        assert_eq!(looks_like_translation("v2.0.md"), None);
        assert_eq!(
            looks_like_translation("summit.fr-CA.md"),
            Some(("summit", "fr-CA".to_string()))
        );
        assert_eq!(looks_like_translation("summit.md"), None);
    }

    #[test]
    fn only_other_languages_have_a_folder() {
        let site = languages(&["en", "pt-BR"]);
        assert_eq!(site[0].folder(0), "");
        assert_eq!(site[1].folder(1), "pt-br/");
    }

    #[test]
    fn entries_are_checked_each_at_its_line() {
        let text = "title: T\nlanguages:\n  - en\n  - french\n  - en\n";
        let raw: Vec<RawLanguage> = ["en", "french", "en"]
            .iter()
            .map(|tag| {
                RawLanguage(RawLanguageMap {
                    language: Some(tag.to_string()),
                    ..RawLanguageMap::default()
                })
            })
            .collect();
        let errors = check(raw, None, text).unwrap_err();
        let shown: Vec<String> = errors.iter().map(ToString::to_string).collect();
        assert_eq!(
            shown,
            [
                "site.yaml:4: `language: french` is not a language tag: write `language: fr`",
                "site.yaml:5: `en` is listed twice in `languages:`: list each language once",
            ]
        );
    }
}
