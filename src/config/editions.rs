//! Which page of one language is which page of another, in a multilingual site (issue #21):
//! the translation groups every page's `hreflang` links, language switcher and sitemap
//! alternates are read from. They are found before any page is rendered, from front matter
//! alone (`site` gathers each language's pages); this module only answers questions about them.

use rustc_hash::FxHashMap as HashMap;
use serde::Serialize;

/// One language's edition of the site, as other languages link to it.
#[derive(Debug, Clone)]
pub struct Edition {
    /// The BCP 47 tag (`fr`), for `hreflang` and `lang`.
    pub tag: String,
    /// The language's name in itself (`Français`).
    pub name: String,
    /// Its base URL (`https://news.example/fr/`).
    pub base_url: String,
    /// Its `og:locale` (`fr_FR`).
    pub locale: String,
    /// Whether it writes a news sitemap (an article gone live in the last two days).
    pub news_sitemap: bool,
}

/// The translation groups of a multilingual site. A page's group is named by a key the same
/// in every language: the article's content path without its language (`world/summit.md`),
/// a section's key, or a generated page's path (the home page, the topic index …).
#[derive(Debug, Default)]
pub struct Editions {
    editions: Vec<Edition>,
    /// For each group key, its page's site path in each language (`None`: not translated).
    groups: HashMap<String, Vec<Option<String>>>,
    /// For each language, its pages' group keys by site path.
    keys: Vec<HashMap<String, String>>,
}

/// A page's version in one language, for the templates.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct Version {
    /// The language tag (`fr`), or `x-default` for the default language's version in the
    /// `hreflang` list.
    pub hreflang: String,
    /// The absolute URL of the page in that language.
    pub url: String,
    /// The language's `og:locale` (`fr_FR`), for `og:locale:alternate`.
    pub locale: String,
}

/// One entry of the language switcher.
#[derive(Debug, Clone, Serialize, PartialEq, Eq)]
pub struct SwitcherLink {
    /// The language tag (`fr`).
    pub lang: String,
    /// The language's name in itself.
    pub name: String,
    /// The page in that language, or that language's home page when the page has no
    /// translation.
    pub url: String,
    /// Whether this is the language of the page being shown.
    pub current: bool,
    /// Whether `url` is this page's translation (not the language's home page).
    pub translated: bool,
}

impl Editions {
    /// The groups of `editions`, given each language's pages as (group key, site path), in the
    /// order of `editions`.
    pub fn new(editions: Vec<Edition>, pages: Vec<Vec<(String, String)>>) -> Editions {
        let count = editions.len();
        let mut groups: HashMap<String, Vec<Option<String>>> = HashMap::default();
        let mut keys = Vec::with_capacity(count);
        for (language, list) in pages.into_iter().enumerate() {
            let mut by_path = HashMap::default();
            for (key, path) in list {
                groups
                    .entry(key.clone())
                    .or_insert_with(|| vec![None; count])[language] = Some(path.clone());
                by_path.insert(path, key);
            }
            keys.push(by_path);
        }
        Editions {
            editions,
            groups,
            keys,
        }
    }

    /// Whether the site has more than one language.
    pub fn is_multilingual(&self) -> bool {
        self.editions.len() > 1
    }

    /// Every language's edition, the default first.
    pub fn editions(&self) -> &[Edition] {
        &self.editions
    }

    /// The versions of the page at `path` in language `language`, each at its absolute URL,
    /// then `x-default` (the default language's version) — or nothing when the page exists in
    /// one language only.
    pub fn versions(&self, language: usize, path: &str) -> Vec<Version> {
        let Some(group) = self.group_of(language, path) else {
            return Vec::new();
        };
        let mut versions: Vec<Version> = group
            .iter()
            .enumerate()
            .filter_map(|(index, path)| {
                let path = path.as_deref()?;
                Some(Version {
                    hreflang: self.editions[index].tag.clone(),
                    url: self.url(index, path),
                    locale: self.editions[index].locale.clone(),
                })
            })
            .collect();
        if versions.len() < 2 {
            return Vec::new();
        }
        if let Some(default) = &group[0] {
            versions.push(Version {
                hreflang: "x-default".to_string(),
                url: self.url(0, default),
                locale: self.editions[0].locale.clone(),
            });
        }
        versions
    }

    /// The language switcher of the page at `path` in language `language`: every language,
    /// linking to the page's translation where there is one, else to that language's home.
    pub fn switcher(&self, language: usize, path: &str) -> Vec<SwitcherLink> {
        let group = self.group_of(language, path);
        self.editions
            .iter()
            .enumerate()
            .map(|(index, edition)| {
                let translation = group
                    .and_then(|g| g[index].as_deref())
                    .filter(|_| index != language);
                let url = match (index == language, translation) {
                    (true, _) => self.url(index, path),
                    (false, Some(path)) => self.url(index, path),
                    (false, None) => edition.base_url.clone(),
                };
                // Root-relative on the same host, like the site's other links: a preview or
                // a copy of the site on another host keeps its readers.
                let url = match same_origin(&self.editions[language].base_url, &url) {
                    Some(path) => path.to_string(),
                    None => url,
                };
                SwitcherLink {
                    lang: edition.tag.clone(),
                    name: edition.name.clone(),
                    url,
                    current: index == language,
                    translated: index == language || translation.is_some(),
                }
            })
            .collect()
    }

    /// The absolute URL of the article at `content_path` in another edition, for an `@/`
    /// link the linking edition cannot answer: `summit.fr.md` names the French version;
    /// a path without a language, an article not translated into the linking edition, names
    /// the default language's version, else the first language that has it.
    pub fn article_elsewhere(&self, content_path: &str) -> Option<String> {
        let tags: Vec<String> = self
            .editions
            .iter()
            .map(|e| e.tag.to_ascii_lowercase())
            .collect();
        if let Some((stem, tag)) = super::language_suffix(content_path, &tags) {
            let language = tags.iter().position(|t| *t == tag)?;
            let path = self.groups.get(&format!("{stem}.md"))?[language].as_deref()?;
            return Some(self.url(language, path));
        }
        let group = self.groups.get(content_path)?;
        let (language, path) = group
            .iter()
            .enumerate()
            .find_map(|(index, path)| Some((index, path.as_deref()?)))?;
        Some(self.url(language, path))
    }

    fn group_of(&self, language: usize, path: &str) -> Option<&[Option<String>]> {
        let key = self.keys.get(language)?.get(path)?;
        self.groups.get(key).map(Vec::as_slice)
    }

    /// The absolute URL of `path` in language `index`.
    fn url(&self, index: usize, path: &str) -> String {
        let base = &self.editions[index].base_url;
        let path = crate::urlpath::for_url(path.trim_start_matches('/'));
        let mut url = String::with_capacity(base.len() + path.len());
        url.push_str(base);
        url.push_str(&path);
        url
    }
}

/// The path of `url` when it is on the host of `base_url`.
fn same_origin<'u>(base_url: &str, url: &'u str) -> Option<&'u str> {
    let origin_end = |u: &str| {
        let after_scheme = u.find("://").map_or(0, |i| i + 3);
        u[after_scheme..]
            .find('/')
            .map_or(u.len(), |i| after_scheme + i)
    };
    let origin = &base_url[..origin_end(base_url)];
    url.strip_prefix(origin)
        .filter(|path| path.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn editions() -> Editions {
        let edition = |tag: &str, name: &str, base: &str| Edition {
            tag: tag.into(),
            name: name.into(),
            base_url: base.into(),
            locale: crate::locale::og_locale(tag),
            news_sitemap: false,
        };
        let pages = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter()
                .map(|(k, p)| (k.to_string(), p.to_string()))
                .collect()
        };
        Editions::new(
            vec![
                edition("en", "English", "https://n.example/"),
                edition("fr", "Français", "https://n.example/fr/"),
                edition("ar", "العربية", "https://ar.example/"),
            ],
            vec![
                pages(&[
                    ("", ""),
                    ("w/summit.md", "w/summit/"),
                    ("w/only.md", "w/only/"),
                ]),
                pages(&[("", ""), ("w/summit.md", "w/sommet/")]),
                pages(&[("", ""), ("w/summit.md", "w/qimma/"), ("w/ar.md", "w/ar/")]),
            ],
        )
    }

    #[test]
    fn a_translated_page_lists_every_version_and_the_default() {
        let versions = editions().versions(1, "w/sommet/");
        let shown: Vec<(&str, &str)> = versions
            .iter()
            .map(|v| (v.hreflang.as_str(), v.url.as_str()))
            .collect();
        assert_eq!(
            shown,
            [
                ("en", "https://n.example/w/summit/"),
                ("fr", "https://n.example/fr/w/sommet/"),
                ("ar", "https://ar.example/w/qimma/"),
                ("x-default", "https://n.example/w/summit/"),
            ]
        );
    }

    #[test]
    fn a_page_in_one_language_has_no_alternates_and_switches_to_homes() {
        let editions = editions();
        assert!(editions.versions(0, "w/only/").is_empty());
        let switcher = editions.switcher(0, "w/only/");
        let urls: Vec<(&str, bool)> = switcher
            .iter()
            .map(|l| (l.url.as_str(), l.translated))
            .collect();
        assert_eq!(
            urls,
            [
                ("/w/only/", true),
                ("/fr/", false),
                ("https://ar.example/", false),
            ]
        );
        assert!(switcher[0].current && !switcher[1].current);
    }

    #[test]
    fn links_reach_articles_of_other_editions() {
        let editions = editions();
        assert_eq!(
            editions.article_elsewhere("w/only.md").as_deref(),
            Some("https://n.example/w/only/")
        );
        assert_eq!(
            editions.article_elsewhere("w/summit.ar.md").as_deref(),
            Some("https://ar.example/w/qimma/")
        );
        assert_eq!(editions.article_elsewhere("w/only.fr.md"), None);
        assert_eq!(editions.article_elsewhere("w/none.md"), None);
    }

    #[test]
    fn without_a_default_version_there_is_no_x_default() {
        let editions = editions();
        assert!(editions.versions(2, "w/ar/").is_empty());
        let two = Editions::new(
            editions.editions.clone(),
            vec![
                vec![],
                vec![("k".into(), "a/".into())],
                vec![("k".into(), "b/".into())],
            ],
        );
        let tags: Vec<String> = two
            .versions(1, "a/")
            .into_iter()
            .map(|v| v.hreflang)
            .collect();
        assert_eq!(tags, ["fr", "ar"]);
    }
}
