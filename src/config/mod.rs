//! `site.yaml`: the raw file as written (unknown keys refused) and the resolved settings the rest
//! of the build reads, with defaults filled in and the base URL split into its parts.

mod editions;
mod languages;
mod values;

use std::path::Path;
use std::sync::Arc;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};
use crate::layout::{CONFIG_FILE, STATIC_DIR};

pub use editions::{Edition, Editions, Version};
pub use languages::{
    language_suffix, looks_like_translation, FileLanguage, LanguageFiles, SiteLanguage,
};
use values::{
    checked_count_label, checked_date_format, checked_favicon, checked_publisher_url,
    publisher_logo, resolve_images, shows_time,
};
use values::{language_message, split_base_url};

/// Used when `site.yaml` names no `base_url`; the build warns, because such URLs cannot be
/// published.
pub const DEFAULT_BASE_URL: &str = "http://localhost:1111/";

/// How a date with a time is shown unless `datetime_format` says otherwise (issue #18): the
/// time zone's abbreviation tells a reader abroad which 06:00 is meant.
pub const DEFAULT_DATETIME_FORMAT: &str = "%-d %B %Y, %H:%M %Z";
/// How many related explainers end each article unless site.yaml says otherwise (issue #19).
pub const DEFAULT_RELATED: usize = 3;

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawConfig {
    title: Option<String>,
    base_url: Option<String>,
    language: Option<String>,
    #[serde(default)]
    languages: Vec<languages::RawLanguage>,
    description: Option<String>,
    #[serde(default)]
    authors: Vec<String>,
    publisher: Option<RawPublisher>,
    #[serde(default)]
    per_page: RawPerPage,
    require_credits: Option<bool>,
    unsafe_html: Option<bool>,
    date_format: Option<String>,
    datetime_format: Option<String>,
    timezone: Option<String>,
    expired: Option<ExpiredArticles>,
    news_sitemap: Option<bool>,
    feed_limit: Option<usize>,
    search: Option<bool>,
    related: Option<usize>,
    favicon: Option<String>,
    count_label: Option<String>,
    slugs: Option<crate::slug::SlugStyle>,
    #[serde(default)]
    images: RawImages,
    #[serde(default)]
    ignore: Vec<String>,
    #[serde(default)]
    extra: crate::yaml::Value,
}

/// `publisher:` as written: the name alone (`publisher: The Desk`, as before issue #19) or a map.
#[derive(Debug, Default)]
struct RawPublisher(RawPublisherMap);

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPublisherMap {
    name: Option<String>,
    logo: Option<String>,
    url: Option<String>,
}

impl<'de> Deserialize<'de> for RawPublisher {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct NameOrMap;
        impl<'de> serde::de::Visitor<'de> for NameOrMap {
            type Value = RawPublisher;
            fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
                f.write_str("the publisher's name, or a map with name, logo and url")
            }
            fn visit_str<E: serde::de::Error>(self, name: &str) -> Result<RawPublisher, E> {
                Ok(RawPublisher(RawPublisherMap {
                    name: Some(name.to_string()),
                    ..RawPublisherMap::default()
                }))
            }
            fn visit_unit<E: serde::de::Error>(self) -> Result<RawPublisher, E> {
                Ok(RawPublisher::default())
            }
            fn visit_map<A: serde::de::MapAccess<'de>>(
                self,
                map: A,
            ) -> Result<RawPublisher, A::Error> {
                RawPublisherMap::deserialize(serde::de::value::MapAccessDeserializer::new(map))
                    .map(RawPublisher)
            }
        }
        deserializer.deserialize_any(NameOrMap)
    }
}

/// Who publishes the site, for JSON-LD and the Google News sitemap (issue #19).
#[derive(Debug, Clone, Serialize)]
pub struct Publisher {
    /// Its name (default: the site's title).
    pub name: String,
    /// Its home page, absolute (default: the base URL).
    pub url: String,
    /// Its logo, as published for JSON-LD.
    pub logo: Option<crate::photos::logo::PublisherLogo>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawImages {
    widths: Option<Vec<u32>>,
    jpeg_quality: Option<u8>,
    webp_quality: Option<u8>,
    process: Option<bool>,
    cache: Option<String>,
}

/// Photo settings (`images:` in site.yaml).
#[derive(Debug, Clone, Serialize)]
pub struct ImageConfig {
    /// Widths of the resized copies, ascending (default 480, 960, 1600).
    pub widths: Vec<u32>,
    /// JPEG quality (default 80).
    pub jpeg_quality: u8,
    /// WebP quality (default 75).
    pub webp_quality: u8,
    /// Whether to resize photos at all (default true).
    pub process: bool,
    /// Cache folder, relative to the site root (default `.stakes-cache`).
    pub cache_dir: String,
}

#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPerPage {
    home: Option<usize>,
    section: Option<usize>,
    tag: Option<usize>,
    author: Option<usize>,
}

/// How many articles each kind of listing shows per page.
#[derive(Debug, Clone, Copy, Serialize)]
pub struct PerPage {
    /// The home page and its `/page/N/` pages.
    pub home: usize,
    /// Each section's listing.
    pub section: usize,
    /// Each tag's listing.
    pub tag: usize,
    /// Each author's page (issue #19).
    pub author: usize,
}

/// What happens to an article after its `expires:` moment (issue #18), `expired:` in
/// site.yaml. Either way it leaves every listing, feed and sitemap.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum ExpiredArticles {
    /// Its page stays, marked "archived" and `noindex`: links to it keep working (default).
    #[default]
    Archive,
    /// Its page (and the files of its own folder) are no longer published: for material
    /// whose licence or legal hold ends.
    Remove,
}

/// The site settings after defaults; every other module reads these, never the raw file.
#[derive(Debug, Clone, Serialize)]
pub struct SiteConfig {
    /// Site name, shown in the header, titles and feed.
    pub title: String,
    /// Absolute base URL, always ending in `/` (`https://org.github.io/explainers/`).
    pub base_url: String,
    /// The path part of the base URL, always starting and ending in `/` (`/explainers/`); every
    /// link we generate starts with it so sites work under a subpath.
    pub base_path: String,
    /// Whether `base_url` was set by the user (or the CLI) rather than defaulted.
    pub base_url_is_set: bool,
    /// BCP 47 language tag for `<html lang>`.
    pub language: String,
    /// Site description for the home page and feed.
    pub description: String,
    /// Default byline for articles that name no author.
    pub authors: Vec<String>,
    /// The publisher in JSON-LD and the news sitemap; its name defaults to the title.
    pub publisher: Publisher,
    /// Listing sizes.
    pub per_page: PerPage,
    /// Whether every figure must carry a credit.
    pub require_credits: bool,
    /// Whether raw HTML in articles passes through as written (default) or is sanitised.
    pub unsafe_html: bool,
    /// strftime format for dates without a time (`date: 2026-05-01`).
    pub date_format: String,
    /// strftime format for dates with a time (`date: 2026-05-01 09:30`), issue #18.
    pub datetime_format: String,
    /// The IANA name of the site's time zone (`Europe/Brussels`; default `UTC`).
    #[serde(rename = "timezone")]
    pub timezone_name: String,
    /// The site's time zone, read once: dates without an offset are read in it, and timed
    /// dates shown in it.
    #[serde(skip)]
    pub timezone: jiff::tz::TimeZone,
    /// What becomes of an article after `expires:`.
    pub expired: ExpiredArticles,
    /// Whether to write `news-sitemap.xml` for Google News (default true; issue #18).
    pub news_sitemap: bool,
    /// Entries in `/atom.xml`.
    pub feed_limit: usize,
    /// Whether to write the search index and page (default true; issue #20).
    pub search: bool,
    /// How many related explainers end each article (default 3; 0 turns them off; issue #19).
    pub related: usize,
    /// Site icon, a path inside `static/` (`favicon.svg`); the theme links it when set.
    pub favicon: Option<String>,
    /// What the numbered sections are called when the title does not say ("things at
    /// stake"): the contents heading and the cards read "Four things at stake". `None`: the
    /// language table's `count_label` (see [`SiteConfig::translations`]).
    pub count_label: Option<String>,
    /// How slugs are written (`slugs: ascii`, the default, or `unicode`, issue #21): the URLs
    /// of articles, sections and tags in their script, percent-encoded where they become URLs.
    pub slugs: crate::slug::SlugStyle,
    /// Photo processing.
    pub images: ImageConfig,
    /// Files under `content/` that are not published: the defaults plus `ignore:`.
    #[serde(skip)]
    pub ignore: crate::ignore::IgnoreRules,
    /// Free-form settings for templates.
    pub extra: crate::yaml::Value,
    /// The words and rules of the site's language (issue #21): built-in tables and the site's
    /// `i18n/` files.
    #[serde(skip)]
    pub translations: std::sync::Arc<crate::i18n::Translations>,
    /// Mistakes in `i18n/` files, reported with the content's (a table's mistakes do not stop
    /// the other checks).
    #[serde(skip)]
    pub translation_errors: Vec<(Location, String)>,
    /// Keys of the site's language left in English.
    #[serde(skip)]
    pub translation_warnings: Vec<crate::error::Warning>,
    /// The languages of a multilingual site, the default first (issue #21); empty for a site
    /// in one language.
    pub languages: Vec<SiteLanguage>,
    /// Which of `languages` these settings are for (0, the default, for a site in one
    /// language).
    #[serde(skip)]
    pub language_index: usize,
    /// Every language's pages and which translate which, set once every language's front
    /// matter is read; empty for a site in one language.
    #[serde(skip)]
    pub editions: Arc<Editions>,
    /// Whether `date_format` and `datetime_format` were written in site.yaml (else each
    /// language has its own).
    #[serde(skip)]
    formats_given: (bool, bool),
    /// Whether the base URL came from the command line, which then places every language.
    #[serde(skip)]
    base_url_overridden: bool,
    /// The path of the whole site's root (`/`), which root-relative links in Markdown start
    /// from in every edition; `base_path` for a site in one language.
    #[serde(skip)]
    site_base_path: String,
}

impl SiteConfig {
    /// Reads `site.yaml` under `root` if it exists (it is optional) and applies `base_url_override`.
    pub fn load(root: &Path, base_url_override: Option<&str>) -> Result<SiteConfig> {
        let path = root.join(CONFIG_FILE);
        let (mut raw, text): (RawConfig, String) = match std::fs::read_to_string(&path) {
            Ok(text) if text.trim().is_empty() => (RawConfig::default(), text),
            Ok(text) => (crate::yaml::parse(&text, Path::new(CONFIG_FILE), 1)?, text),
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => {
                (RawConfig::default(), String::new())
            }
            Err(err) => return Err(Error::io(&path, err)),
        };
        let ignore = std::mem::take(&mut raw.ignore);
        let zone = raw.timezone.take();
        let logo = raw.publisher.as_mut().and_then(|p| p.0.logo.take());
        let date_format_given = raw.date_format.is_some();
        let datetime_format_given =
            raw.datetime_format.is_some() || raw.date_format.as_deref().is_some_and(shows_time);
        let written_language = raw.language.clone();
        let raw_languages = std::mem::take(&mut raw.languages);
        let mut config = SiteConfig::resolve(raw, base_url_override, &text)?;
        config.formats_given = (date_format_given, datetime_format_given);
        config.base_url_overridden = base_url_override.is_some();
        if !raw_languages.is_empty() {
            config.languages = languages::check(raw_languages, written_language.as_deref(), &text)
                .map_err(Error::from_list)?;
            config.language = config.languages[0].tag.clone();
        }
        if !crate::i18n::is_language_tag(&config.language) {
            let line = crate::yaml::key_lines(&text, "language", false).next();
            let at = line.map_or(Location::file(CONFIG_FILE), |n| {
                Location::line(CONFIG_FILE, n)
            });
            return Err(Error::content(at, language_message(&config.language)));
        }
        config.load_translations(root);
        config.ignore = crate::ignore::IgnoreRules::new(&ignore).map_err(|message| {
            let line = crate::yaml::key_lines(&text, "ignore", false)
                .next()
                .unwrap_or(1);
            Error::content(Location::line(CONFIG_FILE, line), message)
        })?;
        if let Some(name) = zone {
            config.timezone = crate::date::time_zone(name.trim()).map_err(|message| {
                let line = crate::yaml::key_lines(&text, "timezone", false)
                    .next()
                    .unwrap_or(1);
                Error::content(Location::line(CONFIG_FILE, line), message)
            })?;
            config.timezone_name = name.trim().to_string();
        }
        if let Some(favicon) = &config.favicon {
            if !root.join(STATIC_DIR).join(favicon).is_file() {
                let line = crate::yaml::key_lines(&text, "favicon", false).next();
                return Err(Error::content(
                    line.map_or(Location::file(CONFIG_FILE), |n| Location::line(CONFIG_FILE, n)),
                    format!("`favicon: {favicon}` is not a file in static/: add static/{favicon} or remove the setting"),
                ));
            }
        }
        if let Some(written) = logo {
            config.publisher.logo = Some(publisher_logo(root, &written).map_err(|message| {
                let line = crate::yaml::key_lines(&text, "logo", true).next();
                Error::content(
                    line.map_or(Location::file(CONFIG_FILE), |n| {
                        Location::line(CONFIG_FILE, n)
                    }),
                    message,
                )
            })?);
        }
        Ok(config)
    }

    /// Reads the tables of the settings' language and, unless site.yaml writes them, takes its
    /// date patterns (issue #21).
    fn load_translations(&mut self, root: &Path) {
        let (translations, problems) =
            crate::i18n::Translations::load(root, &self.language, self.count_label.clone());
        if !self.formats_given.0 {
            self.date_format = translations.date_pattern("date_format");
        }
        if !self.formats_given.1 {
            self.datetime_format = translations.date_pattern("datetime_format");
        }
        self.translations = Arc::new(translations);
        self.translation_errors = problems
            .errors
            .into_iter()
            .map(|error| match error {
                Error::Content { at, message } => (at, message),
                other => (Location::file(crate::layout::I18N_DIR), other.to_string()),
            })
            .collect();
        self.translation_warnings = problems.warnings;
    }

    /// The settings of the multilingual site's language `index` (issue #21): its tag, its
    /// own title, description, time zone and tables, and its address: its own `base_url`,
    /// else the site's plus `<tag>/` (always the latter when the command line gave the
    /// address, so a preview or a staging build keeps every language under one host).
    pub fn for_language(&self, root: &Path, index: usize) -> SiteConfig {
        let mut config = self.clone();
        config.language_index = index;
        if index >= self.languages.len() {
            return config;
        }
        let language = &self.languages[index];
        config.language = language.tag.clone();
        if let Some(title) = &language.title {
            config.title = title.clone();
        }
        if let Some(description) = &language.description {
            config.description = description.clone();
        }
        let own = language
            .base_url
            .as_deref()
            .filter(|_| !self.base_url_overridden);
        let address = match own {
            Some(url) => url.to_string(),
            None => format!("{}{}", self.base_url, language.folder(index)),
        };
        // Checked when site.yaml was read.
        if let Ok((base_url, base_path)) = split_base_url(&address, "`base_url`") {
            config.base_url = base_url;
            config.base_path = base_path;
        }
        if let Some(zone) = &language.timezone {
            if let Ok(timezone) = crate::date::time_zone(zone) {
                config.timezone = timezone;
                config.timezone_name = zone.clone();
            }
        }
        if index > 0 {
            config.load_translations(root);
            if language.description.is_none() && !self.description.is_empty() {
                config.translation_warnings.push(crate::error::Warning::new(
                    Location::file(CONFIG_FILE),
                    format!(
                        "the `{}` entry of `languages:` has no `description`: its edition shows the site's (“{}”) on its home page and in its feed; add `description:` to the entry",
                        language.tag, self.description
                    ),
                ));
            }
        }
        config
    }

    /// The folder this language's pages are written to, relative to the output (`fr/`), or
    /// nothing for the default language and for a site in one language.
    pub fn output_folder(&self) -> String {
        self.languages
            .get(self.language_index)
            .map(|language| language.folder(self.language_index))
            .unwrap_or_default()
    }

    /// Whether this edition is served from a host of its own root, which needs its own
    /// `robots.txt`: the whole site, the default language's edition, or a language with its
    /// own `base_url` (issue #21).
    pub fn serves_robots(&self) -> bool {
        self.language_index == 0
            || (self.languages.get(self.language_index))
                .is_some_and(|l| l.base_url.is_some() && !self.base_url_overridden)
    }

    /// The settings of every language of the site, the default first (one for a site in one
    /// language).
    pub fn every_language(&self, root: &Path) -> Vec<SiteConfig> {
        if self.languages.len() < 2 {
            return vec![self.clone()];
        }
        (0..self.languages.len())
            .map(|index| self.for_language(root, index))
            .collect()
    }

    /// Settings for a site with no `site.yaml`, for unit tests.
    #[cfg(test)]
    pub fn defaults() -> SiteConfig {
        SiteConfig::resolve(RawConfig::default(), None, "").expect("defaults are valid")
    }

    /// The settings with defaults filled in; `text` is the file, for the line of a key whose
    /// value is refused.
    fn resolve(raw: RawConfig, base_url_override: Option<&str>, text: &str) -> Result<SiteConfig> {
        let at_key = |key: &str| match crate::yaml::key_lines(text, key, false).next() {
            Some(line) => Location::line(CONFIG_FILE, line),
            None => Location::file(CONFIG_FILE),
        };
        let given = base_url_override.map(str::to_string).or(raw.base_url);
        let base_url_is_set = given.is_some();
        // A bad `--base-url` is the command line's fault, not site.yaml's (issue #16).
        let (blamed, what) = match base_url_override {
            Some(_) => (Location::file("--base-url"), "the address"),
            None => (at_key("base_url"), "`base_url`"),
        };
        let (base_url, base_path) =
            split_base_url(given.as_deref().unwrap_or(DEFAULT_BASE_URL), what)
                .map_err(|message| Error::content(blamed, message))?;
        let positive = |value: Option<usize>, default: usize, key: &str| match value {
            Some(0) => Err(Error::content(
                at_key(key.split('.').next().unwrap_or(key)),
                format!("`{key}` must be at least 1"),
            )),
            Some(n) => Ok(n),
            None => Ok(default),
        };
        let title = raw.title.unwrap_or_else(|| "Explainers".to_string());
        let publisher = raw.publisher.unwrap_or_default().0;
        Ok(SiteConfig {
            publisher: Publisher {
                name: publisher.name.unwrap_or_else(|| title.clone()),
                url: checked_publisher_url(publisher.url, &base_url)
                    .map_err(|message| Error::content(at_key("publisher"), message))?,
                logo: None,
            },
            title,
            base_url,
            base_path: base_path.clone(),
            base_url_is_set,
            language: raw.language.unwrap_or_else(|| "en".to_string()),
            description: raw.description.unwrap_or_default(),
            authors: raw.authors,
            per_page: PerPage {
                home: positive(raw.per_page.home, 10, "per_page.home")?,
                section: positive(raw.per_page.section, 20, "per_page.section")?,
                tag: positive(raw.per_page.tag, 20, "per_page.tag")?,
                author: positive(raw.per_page.author, 20, "per_page.author")?,
            },
            require_credits: raw.require_credits.unwrap_or(true),
            unsafe_html: raw.unsafe_html.unwrap_or(true),
            // `date_format` first: a bad one is blamed on its own line, not on the
            // `datetime_format` it stands in for.
            date_format: checked_date_format(raw.date_format.clone(), "date_format", "%-d %B %Y")
                .map_err(|message| Error::content(at_key("date_format"), message))?,
            datetime_format: checked_date_format(
                raw.datetime_format
                    .or_else(|| raw.date_format.filter(|f| shows_time(f))),
                "datetime_format",
                DEFAULT_DATETIME_FORMAT,
            )
            .map_err(|message| Error::content(at_key("datetime_format"), message))?,
            // Set by `load`, which knows the line to blame.
            timezone_name: crate::date::DEFAULT_TIMEZONE.to_string(),
            timezone: jiff::tz::TimeZone::UTC,
            expired: raw.expired.unwrap_or_default(),
            news_sitemap: raw.news_sitemap.unwrap_or(true),
            feed_limit: positive(raw.feed_limit, 20, "feed_limit")?,
            search: raw.search.unwrap_or(true),
            related: raw.related.unwrap_or(DEFAULT_RELATED),
            favicon: raw
                .favicon
                .map(|path| checked_favicon(&path).map(|()| path))
                .transpose()
                .map_err(|message| Error::content(at_key("favicon"), message))?,
            slugs: raw.slugs.unwrap_or_default(),
            count_label: checked_count_label(raw.count_label)
                .map_err(|message| Error::content(at_key("count_label"), message))?,
            // Set by `load`, which knows the site's folder.
            translations: std::sync::Arc::new(crate::i18n::Translations::english()),
            translation_errors: Vec::new(),
            translation_warnings: Vec::new(),
            images: resolve_images(raw.images)
                .map_err(|message| Error::content(at_key("images"), message))?,
            // Compiled by `load`, which knows the line to blame.
            ignore: crate::ignore::IgnoreRules::default(),
            extra: raw.extra,
            languages: Vec::new(),
            language_index: 0,
            editions: Arc::default(),
            formats_given: (false, false),
            base_url_overridden: false,
            site_base_path: base_path,
        })
    }

    /// The absolute URL of a site path given from the root (`world/summit/`).
    pub fn absolute(&self, path_from_root: &str) -> String {
        concat(
            &self.base_url,
            &crate::urlpath::for_url(path_from_root.trim_start_matches('/')),
        )
    }

    /// Scheme and host of the base URL (`https://org.github.io`), for making root-relative links
    /// absolute.
    pub fn origin(&self) -> &str {
        &self.base_url[..self.base_url.len() - self.base_path.len()]
    }

    /// Makes a link we generated (root-relative or already absolute) absolute.
    pub fn absolute_link(&self, link: &str) -> String {
        if link.starts_with('/') && !link.starts_with("//") {
            format!("{}{link}", self.origin())
        } else {
            link.to_string()
        }
    }

    /// The root-relative URL of a path written from the whole site's root (a root-relative
    /// link in Markdown): the same as [`SiteConfig::link`] but in a multilingual site's other
    /// editions, whose own links start at `/fr/`.
    pub fn site_link(&self, path_from_root: &str) -> String {
        concat(
            &self.site_base_path,
            &crate::urlpath::for_url(path_from_root.trim_start_matches('/')),
        )
    }

    /// The root-relative URL of a site path (`/explainers/world/summit/`).
    pub fn link(&self, path_from_root: &str) -> String {
        concat(
            &self.base_path,
            &crate::urlpath::for_url(path_from_root.trim_start_matches('/')),
        )
    }
}

/// Two strings as one, allocated once: links are made for every article, card and listing
/// page, where `format!`'s machinery costs more than the copying.
fn concat(first: &str, second: &str) -> String {
    let mut joined = String::with_capacity(first.len() + second.len());
    joined.push_str(first);
    joined.push_str(second);
    joined
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_url_is_normalised_and_its_path_extracted() {
        assert_eq!(
            split_base_url("https://org.github.io/explainers", "`base_url`").unwrap(),
            (
                "https://org.github.io/explainers/".into(),
                "/explainers/".into()
            )
        );
        assert_eq!(
            split_base_url("http://localhost:1111", "`base_url`").unwrap(),
            ("http://localhost:1111/".into(), "/".into())
        );
        assert!(split_base_url("org.github.io", "`base_url`").is_err());
        assert!(split_base_url("https:///x", "`base_url`").is_err());
    }

    #[test]
    fn links_and_absolute_urls_carry_the_subpath() {
        let mut config = SiteConfig::defaults();
        (config.base_url, config.base_path) =
            split_base_url("https://org.github.io/explainers/", "`base_url`").unwrap();
        assert_eq!(config.link("world/summit/"), "/explainers/world/summit/");
        assert_eq!(
            config.absolute("/atom.xml"),
            "https://org.github.io/explainers/atom.xml"
        );
        assert_eq!(config.origin(), "https://org.github.io");
        assert_eq!(
            config.absolute_link("/explainers/a.jpg"),
            "https://org.github.io/explainers/a.jpg"
        );
        assert_eq!(
            config.absolute_link("https://cdn.example/a.jpg"),
            "https://cdn.example/a.jpg"
        );
    }

    #[test]
    fn a_favicon_must_stay_inside_static() {
        assert!(checked_favicon("icons/favicon.svg").is_ok());
        for bad in ["../x.svg", "/etc/x", "a\\b.svg", "", "a//b", "./x"] {
            assert!(checked_favicon(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_bad_date_format_is_refused() {
        assert!(
            checked_date_format(Some("%Y %".into()), "date_format", "%-d %B %Y")
                .unwrap_err()
                .contains("not a valid strftime")
        );
        assert_eq!(
            checked_date_format(None, "date_format", "%-d %B %Y").unwrap(),
            "%-d %B %Y"
        );
    }

    #[test]
    fn unknown_settings_are_refused_with_a_suggestion() {
        let err =
            crate::yaml::parse::<RawConfig>("titel: x\n", Path::new(CONFIG_FILE), 1).unwrap_err();
        assert!(err.to_string().contains("did you mean `title`"), "{err}");
    }
}
