//! `stakes new --lang fr --translation-of @/world/summit.md "Cinq choses…"` (issue #21): a
//! draft translation beside its original (`summit.fr.md`, `summit/index.fr.md`), and which of
//! the site's `languages:` a `--lang` names. The draft keeps what a translation shares with
//! its original (date, authors, photo, read-more link) and copies the texts to translate over
//! in place, the body with its photos, pull quotes and numbered sections included, so the
//! section count stays right; `draft: true` keeps the untranslated text off the site.

use std::path::{Path, PathBuf};

use crate::config::{language_suffix, SiteConfig};
use crate::content::count::read_title;
use crate::content::front_matter::{read_front_matter, split_error, split_front_matter};
use crate::content::front_matter::{FrontMatter, YAML_FIRST_LINE};
use crate::error::{Error, Location, Result, Warning};
use crate::layout::{CONFIG_FILE, CONTENT_DIR, SECTION_INDEX};

/// A translation `stakes new` started.
#[derive(Debug)]
pub struct NewTranslation {
    /// The file written (`content/world/summit.fr.md`), under the site root.
    pub file: PathBuf,
    /// The original it translates, under the site root.
    pub original: PathBuf,
    /// What to fix before publishing: a title whose count differs from the original's
    /// numbered sections.
    pub warnings: Vec<Warning>,
}

/// Writes a draft translation into `lang` of the article `original` names (`@/world/summit.md`,
/// `world/summit.md`, `content/world/summit.md`, `@/world/summit/`) beside it, titled `title`.
/// Refuses a site without `languages:`, a language it does not list or its default language,
/// an original that is missing or is itself a translation, and a translation that exists.
pub fn new_translation(
    root: &Path,
    title: &str,
    original: &str,
    lang: Option<&str>,
) -> Result<NewTranslation> {
    let title = title.trim();
    if title.is_empty() {
        return Err(Error::content(
            Location::file("title"),
            "the title is empty: give the translated headline",
        ));
    }
    let config = SiteConfig::load(root, None)?;
    if config.languages.is_empty() {
        return Err(no_languages(&config, lang.unwrap_or("fr")));
    }
    let Some(lang) = lang else {
        return Err(Error::Argument(format!(
            "--translation-of needs --lang, the language of the translation: one of {}",
            tags(&config, 1)
        )));
    };
    let index = language_index(&config, lang)?;
    if index == 0 {
        return Err(Error::Argument(format!(
            "--lang {lang}: {} is the site's default language, the one the originals are in: a translation is in one of {}",
            config.languages[0].tag,
            tags(&config, 1)
        )));
    }
    let all: Vec<String> = (config.languages.iter())
        .map(|l| l.tag.to_ascii_lowercase())
        .collect();
    let found = find_original(root, original, &all)?;
    let tag = &config.languages[index].tag;
    let folder = found.file.parent().unwrap_or(root).to_path_buf();
    let file = folder.join(format!("{}.{tag}.md", found.stem));
    if let Some(existing) = existing_translation(&folder, &found.stem, tag, &all) {
        return Err(Error::content(
            Location::file(shown(root, &existing)),
            "already exists; stakes new never overwrites a file. Translate that one, or delete it to start again",
        ));
    }
    let original_shown = shown(root, &found.file);
    let text = std::fs::read_to_string(&found.file).map_err(|e| Error::io(&found.file, e))?;
    let text = crate::yaml::normalise_text(text);
    let split =
        split_front_matter(&text).map_err(|message| split_error(&original_shown, message))?;
    let front = match read_front_matter(split.yaml, &original_shown) {
        (Some(front), errors) if errors.is_empty() => front,
        (_, errors) => return Err(Error::from_list(errors)),
    };
    let settings = config.for_language(root, index);
    let numbered = crate::markdown::numbered_sections(split.body);
    let read = read_title(title, numbered, settings.translations.counting());
    let mut warnings = Vec::new();
    if let (Some(promised), Some(words)) = (read.promised, read.promise) {
        if promised != numbered {
            warnings.push(Warning::new(
                Location::line(shown(root, &file), YAML_FIRST_LINE),
                format!(
                    "the title (“{words}”) promises {promised} things but the original ({}) has {numbered} numbered sections: make the title and the sections agree before you publish",
                    crate::layout::slash_path(&original_shown)
                ),
            ));
        }
    }
    let mut front = front;
    front.date = same_moment(&front.date, &config.timezone, &settings.timezone);
    let draft = translation_text(
        &front,
        split.body,
        title,
        &crate::layout::slash_path(&original_shown),
    );
    super::write_new(&file, draft.as_bytes())?;
    Ok(NewTranslation {
        file,
        original: found.file,
        warnings,
    })
}

/// Which of the site's languages `lang` names (compared without case): its index in
/// `languages:`, or 0 for the language of a site in one language. Refuses a language the site
/// does not list.
pub(crate) fn language_index(config: &SiteConfig, lang: &str) -> Result<usize> {
    let lang = lang.trim();
    if config.languages.is_empty() {
        return if config.language.eq_ignore_ascii_case(lang) {
            Ok(0)
        } else {
            Err(no_languages(config, lang))
        };
    }
    (config.languages.iter())
        .position(|l| l.tag.eq_ignore_ascii_case(lang))
        .ok_or_else(|| {
            Error::Argument(format!(
                "--lang {lang}: not one of the site's languages ({}): give one of them, or add {lang} to `languages:` in site.yaml",
                tags(config, 0)
            ))
        })
}

/// Refuses a new article in `lang` where the default language already has one at the same
/// name (`originals`): beside it, the new file would be taken for its translation.
pub(crate) fn refuse_to_pair<'p>(
    root: &Path,
    originals: impl IntoIterator<Item = &'p PathBuf>,
    lang: &str,
) -> Result<()> {
    let content = root.join(CONTENT_DIR);
    let Some(original) = originals.into_iter().find(|path| path.is_file()) else {
        return Ok(());
    };
    let link = original
        .strip_prefix(&content)
        .map(|relative| format!("@/{}", crate::layout::slash_path(relative)))
        .unwrap_or_default();
    Err(Error::content(
        Location::file(shown(root, original)),
        format!("already exists, and an article in {lang} beside it would be its translation: choose another title, or translate it with `stakes new --lang {lang} --translation-of {link} \"…\"`"),
    ))
}

/// The error for `--lang` on a site in one language, with the `languages:` line to add.
fn no_languages(config: &SiteConfig, lang: &str) -> Error {
    let default = config.language.as_str();
    let other = if !default.eq_ignore_ascii_case(lang) {
        lang
    } else if default.eq_ignore_ascii_case("en") {
        "fr"
    } else {
        "en"
    };
    Error::content(
        Location::file(CONFIG_FILE),
        format!("lists no `languages:`, so the site has one language ({default}) and no translations: add `languages: [{default}, {other}]` (the default language first), then run stakes new again"),
    )
}

/// The tags of the site's languages from `from` on, for messages (`fr, ar`).
fn tags(config: &SiteConfig, from: usize) -> String {
    let tags: Vec<&str> = (config.languages.iter().skip(from))
        .map(|l| l.tag.as_str())
        .collect();
    tags.join(", ")
}

/// The path under the site root, `/`-separated, for messages.
fn shown(root: &Path, path: &Path) -> PathBuf {
    crate::content::shown_path(root, path)
}

/// An original found for `--translation-of`.
#[derive(Debug)]
struct Original {
    /// The file, under the site root.
    file: PathBuf,
    /// Its name without `.md` (and without the default language's suffix: `summit.en.md`):
    /// what its translations are named after (`summit` → `summit.fr.md`).
    stem: String,
}

/// The files under `content/` that `written` may name, most likely first, `/`-separated:
/// `@/world/summit.md`, `world/summit.md` and `content/world/summit.md` name
/// `world/summit.md`; `@/world/summit/` names `world/summit/index.md`, and `@/world/summit`
/// either. `None` for a path that leaves `content/` or names nothing.
fn original_candidates(written: &str) -> Option<Vec<String>> {
    let written = written.trim().replace('\\', "/");
    let (link, rest) = match written.strip_prefix("@/") {
        Some(rest) => (true, rest),
        None => (false, written.as_str()),
    };
    let folder = rest.ends_with('/');
    let mut parts: Vec<&str> = (rest.split('/'))
        .filter(|part| !part.is_empty() && *part != ".")
        .collect();
    if parts.is_empty() || parts.contains(&"..") || written.starts_with('/') {
        return None;
    }
    // Typed from the site's folder (`content/world/summit.md`); a section named `content`
    // is still tried after.
    let mut bases = Vec::new();
    if !link && parts.len() > 1 && parts[0] == CONTENT_DIR {
        bases.push(parts[1..].join("/"));
    }
    bases.push(std::mem::take(&mut parts).join("/"));
    let mut candidates = Vec::new();
    for base in bases {
        if base.ends_with(".md") && !folder {
            candidates.push(base);
        } else {
            candidates.push(format!("{base}/index.md"));
            if !folder {
                candidates.push(format!("{base}.md"));
            }
        }
    }
    Some(candidates)
}

/// The original `written` names: an existing article of the default language (`tags[0]`).
fn find_original(root: &Path, written: &str, tags: &[String]) -> Result<Original> {
    let content = root.join(CONTENT_DIR);
    let argument =
        |message: String| Error::Argument(format!("--translation-of {written}: {message}"));
    let Some(candidates) = original_candidates(written) else {
        return Err(argument(
            "name an article inside content/, as a link to it is written: `@/world/summit.md`, or `@/world/summit/` for a folder with its index.md".to_string(),
        ));
    };
    for candidate in &candidates {
        let (folder, name) = candidate.rsplit_once('/').unwrap_or(("", candidate));
        let Some((stem, tag)) = language_suffix(name, tags) else {
            continue;
        };
        if tag == tags[0] {
            continue;
        }
        let original = match folder {
            "" => format!("{stem}.md"),
            folder => format!("{folder}/{stem}.md"),
        };
        let hint = if content.join(&original).is_file() {
            format!("name its original, `@/{original}`")
        } else {
            format!("name the original in {}", tags[0])
        };
        return Err(argument(format!(
            "{CONTENT_DIR}/{candidate} is a translation ({tag}), not an original: {hint}"
        )));
    }
    let Some(found) = candidates.iter().find(|c| content.join(c).is_file()) else {
        let first = &candidates[0];
        let near = articles(&content, tags);
        let near: Vec<&str> = near.iter().map(String::as_str).collect();
        let hint = match crate::yaml::closest(&format!("@/{first}"), &near) {
            Some(near) => format!("did you mean `{near}`?"),
            None => "name the original as a link to it is written: `@/world/summit.md`, or `@/world/summit/` for a folder with its index.md".to_string(),
        };
        return Err(argument(format!(
            "there is no {CONTENT_DIR}/{first}: {hint}"
        )));
    };
    let name = found.rsplit('/').next().unwrap_or(found);
    if name == SECTION_INDEX {
        return Err(argument(format!(
            "{CONTENT_DIR}/{found} is a section's page, not an article: write its translation, `_index.{}.md` beside it, by hand (title and description)",
            tags.get(1).map_or("fr", String::as_str)
        )));
    }
    let stem = match language_suffix(name, tags) {
        Some((stem, _)) => stem,
        None => name.strip_suffix(".md").unwrap_or(name),
    };
    Ok(Original {
        file: content.join(found),
        stem: stem.to_string(),
    })
}

/// Every article of the default language under `content/` as a link names it
/// (`@/world/summit.md`), for suggesting the one meant.
fn articles(content: &Path, tags: &[String]) -> Vec<String> {
    walkdir::WalkDir::new(content)
        .min_depth(1)
        .into_iter()
        .filter_entry(|entry| {
            !crate::content::is_ignored_name(&entry.file_name().to_string_lossy())
        })
        .filter_map(|entry| entry.ok())
        .filter(|entry| entry.file_type().is_file())
        .filter_map(|entry| {
            let name = entry.file_name().to_str()?;
            let plain = name.ends_with(".md")
                && name != SECTION_INDEX
                && language_suffix(name, tags).is_none_or(|(_, tag)| tag == tags[0]);
            let relative = entry.path().strip_prefix(content).ok()?;
            plain.then(|| format!("@/{}", crate::layout::slash_path(relative)))
        })
        .collect()
}

/// A translation of `stem` into `tag` already in `folder`, whatever the case of its suffix.
fn existing_translation(folder: &Path, stem: &str, tag: &str, tags: &[String]) -> Option<PathBuf> {
    let tag = tag.to_ascii_lowercase();
    std::fs::read_dir(folder)
        .ok()?
        .filter_map(|entry| entry.ok())
        .find(|entry| {
            entry.file_name().to_str().is_some_and(|name| {
                language_suffix(name, tags).is_some_and(|(s, t)| s == stem && t == tag)
            })
        })
        .map(|entry| entry.path())
}

/// The draft: the translated `title`, what the translation shares with the original, its
/// texts to translate (kept, under a comment saying so) and its body as it is.
fn translation_text(front: &FrontMatter, body: &str, title: &str, original: &str) -> String {
    let mut text = String::from("---\n");
    text.push_str(&format!("title: {}\n", quoted(title)));
    text.push_str(&format!("date: {}\n", date(&front.date)));
    text.push_str("draft: true\n");
    if let Some(authors) = &front.authors {
        text.push_str(&format!("authors: {}\n", list(authors.names())));
    }
    text.push_str(&format!(
        "# Translate every text below from the original ({original}), then remove draft: true.\n"
    ));
    for (key, value) in [("dek", &front.dek), ("description", &front.description)] {
        if let Some(value) = value {
            text.push_str(&format!("{key}: {}\n", quoted(value)));
        }
    }
    if !front.tags.is_empty() {
        text.push_str(&format!("tags: {}\n", list(&front.tags)));
    }
    if let Some(image) = &front.image {
        text.push_str(&format!("image:\n  src: {}\n", quoted(&image.src)));
        let texts = [
            ("alt", &image.alt),
            ("caption", &image.caption),
            ("credit", &image.credit),
        ];
        for (key, value) in texts {
            if let Some(value) = value {
                text.push_str(&format!("  {key}: {}\n", quoted(value)));
            }
        }
        if !image.focus.is_null() {
            text.push_str(&format!("  focus: {}\n", flow(&image.focus)));
        }
    }
    if let Some(read_more) = &front.read_more {
        text.push_str(&format!(
            "read_more:\n  title: {}\n  url: {}\n",
            quoted(&read_more.title),
            quoted(&read_more.url)
        ));
    }
    text.push_str("---\n");
    text.push_str(body);
    text
}

/// Text as a double-quoted YAML string (JSON's escapes are YAML's), safe whatever it holds.
fn quoted(text: &str) -> String {
    serde_json::to_string(text).expect("strings serialise")
}

/// `[Léa Martin, "Paul Roy"]` as a flow list of quoted strings.
fn list(items: &[String]) -> String {
    let items: Vec<String> = items.iter().map(|item| quoted(item)).collect();
    format!("[{}]", items.join(", "))
}

/// The original's date for its translation: as written, unless it has a time of day but no
/// offset and the translation's edition has another time zone, where the same words would
/// be another moment; then with the original zone's offset (`2026-03-02T08:30:00+01:00`).
fn same_moment(
    written: &str,
    original: &jiff::tz::TimeZone,
    edition: &jiff::tz::TimeZone,
) -> String {
    // A day alone (`2026-03-02`) is that day in every edition: only a time of day moves.
    let moved = written.contains(':')
        && crate::date::instant(written, original) != crate::date::instant(written, edition);
    match crate::date::PublishDate::parse(written, original) {
        Ok(date) if moved => date.rfc3339(),
        _ => written.to_string(),
    }
}

/// The date as written, plain as `stakes new` writes it when it looks like one, else quoted.
fn date(written: &str) -> String {
    let plain = !written.is_empty()
        && !written.contains(": ")
        && (written.chars()).all(|c| c.is_ascii_alphanumeric() || "-:+. ".contains(c));
    if plain {
        written.to_string()
    } else {
        quoted(written)
    }
}

/// A value (`focus: [0.5, 0.4]`) written back in flow style: numbers as written, anything
/// else as JSON, which YAML reads.
fn flow(value: &crate::yaml::Value) -> String {
    let numbers: Option<Vec<String>> = value.list().and_then(|items| {
        (items.iter())
            .map(|item| item.number().and(item.text()))
            .collect()
    });
    match numbers {
        Some(numbers) => format!("[{}]", numbers.join(", ")),
        None => serde_json::to_string(value).expect("YAML values serialise"),
    }
}

#[cfg(test)]
mod moment_tests {
    use super::same_moment;

    #[test]
    fn a_time_keeps_its_moment_in_an_edition_with_another_zone() {
        let brussels = crate::date::time_zone("Europe/Brussels").unwrap();
        let beirut = crate::date::time_zone("Asia/Beirut").unwrap();
        assert_eq!(
            same_moment("2026-03-02 08:30", &brussels, &beirut),
            "2026-03-02T08:30:00+01:00"
        );
        assert_eq!(same_moment("2026-03-02", &brussels, &beirut), "2026-03-02");
        assert_eq!(
            same_moment("2026-03-02 08:30", &brussels, &brussels),
            "2026-03-02 08:30"
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn candidates(written: &str) -> Vec<String> {
        original_candidates(written).unwrap_or_default()
    }

    #[test]
    fn the_original_is_named_as_links_and_paths_name_it() {
        assert_eq!(candidates("@/world/summit.md"), ["world/summit.md"]);
        assert_eq!(candidates("world/summit.md"), ["world/summit.md"]);
        assert_eq!(candidates("./world/summit.md"), ["world/summit.md"]);
        assert_eq!(
            candidates("content/world/summit.md"),
            ["world/summit.md", "content/world/summit.md"]
        );
        assert_eq!(candidates(r"content\world\summit.md")[0], "world/summit.md");
        assert_eq!(
            candidates("@/world/summit/index.md"),
            ["world/summit/index.md"]
        );
        assert_eq!(candidates("@/world/summit/"), ["world/summit/index.md"]);
        assert_eq!(
            candidates("@/world/summit"),
            ["world/summit/index.md", "world/summit.md"]
        );
        // `@/content/…` is a section named content, as in a link.
        assert_eq!(candidates("@/content/a.md"), ["content/a.md"]);
    }

    #[test]
    fn paths_that_leave_content_name_nothing() {
        assert_eq!(original_candidates("@/../site.yaml"), None);
        assert_eq!(original_candidates("/etc/passwd.md"), None);
        assert_eq!(original_candidates("@/"), None);
        assert_eq!(original_candidates("  "), None);
    }

    fn site(files: &[&str]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        for file in files {
            let path = dir.path().join(CONTENT_DIR).join(file);
            std::fs::create_dir_all(path.parent().unwrap()).unwrap();
            std::fs::write(path, "---\ntitle: T\ndate: 2026-12-01\n---\n").unwrap();
        }
        dir
    }

    fn languages() -> Vec<String> {
        ["en", "fr", "ar"].map(String::from).to_vec()
    }

    #[test]
    fn originals_are_found_flat_in_a_folder_or_with_the_default_suffix() {
        let dir = site(&[
            "world/summit.md",
            "world/vote/index.md",
            "world/budget.en.md",
        ]);
        let found = |written| find_original(dir.path(), written, &languages()).unwrap();
        let summit = found("content/world/summit.md");
        assert_eq!(summit.stem, "summit");
        assert!(summit.file.ends_with("content/world/summit.md"));
        let vote = found("@/world/vote/");
        assert_eq!(vote.stem, "index");
        assert!(vote.file.ends_with("world/vote/index.md"));
        assert_eq!(found("@/world/vote").stem, "index");
        assert_eq!(found("@/world/budget.en.md").stem, "budget");
    }

    #[test]
    fn a_translation_or_a_missing_article_is_not_an_original() {
        let dir = site(&["world/summit.md", "world/summit.fr.md", "world/_index.md"]);
        let error = |written| {
            find_original(dir.path(), written, &languages())
                .unwrap_err()
                .to_string()
        };
        assert_eq!(
            error("@/world/summit.fr.md"),
            "--translation-of @/world/summit.fr.md: content/world/summit.fr.md is a translation (fr), not an original: name its original, `@/world/summit.md`"
        );
        assert_eq!(
            error("@/world/sumit.md"),
            "--translation-of @/world/sumit.md: there is no content/world/sumit.md: did you mean `@/world/summit.md`?"
        );
        assert!(error("@/world/_index.md").contains("is a section's page, not an article"));
    }

    #[test]
    fn an_existing_translation_is_found_whatever_its_case() {
        let dir = site(&["world/summit.md", "world/summit.FR.md"]);
        let folder = dir.path().join("content/world");
        assert!(existing_translation(&folder, "summit", "fr", &languages()).is_some());
        assert!(existing_translation(&folder, "summit", "ar", &languages()).is_none());
    }

    const ORIGINAL: &str = r#"title: Five things at stake in the summit
date: 2026-12-01 09:30
updated: 2026-12-02
dek: "Leaders meet: what is decided, and when."
description: The summit in five points.
authors: Jane Doe
tags: [Trade, Climate]
slug: summit-2026
image:
  src: lead.jpg
  alt: Leaders on the steps
  caption: The leaders' photo, on Monday.
  credit: Ann Lee | Agency
  focus: [0.5, 0.25]
read_more:
  title: The last summit
  url: "@/world/last-summit.md"
"#;

    #[test]
    fn the_draft_keeps_what_is_shared_and_the_texts_to_translate() {
        let front = crate::content::front_matter::parse_front_matter(
            ORIGINAL,
            Path::new("content/world/summit.md"),
        )
        .unwrap();
        let body = "Intro.\n\n## One\n\n![A photo](a.jpg)\n";
        let text = translation_text(
            &front,
            body,
            "Cinq choses à retenir",
            "content/world/summit.md",
        );
        assert_eq!(
            text,
            r#"---
title: "Cinq choses à retenir"
date: 2026-12-01 09:30
draft: true
authors: ["Jane Doe"]
# Translate every text below from the original (content/world/summit.md), then remove draft: true.
dek: "Leaders meet: what is decided, and when."
description: "The summit in five points."
tags: ["Trade", "Climate"]
image:
  src: "lead.jpg"
  alt: "Leaders on the steps"
  caption: "The leaders' photo, on Monday."
  credit: "Ann Lee | Agency"
  focus: [0.5, 0.25]
read_more:
  title: "The last summit"
  url: "@/world/last-summit.md"
---
Intro.

## One

![A photo](a.jpg)
"#
        );
        // And it reads back as the article it says.
        let split = split_front_matter(&text).unwrap();
        let draft = crate::content::front_matter::parse_front_matter(
            split.yaml,
            Path::new("content/world/summit.fr.md"),
        )
        .unwrap();
        assert!(draft.draft);
        assert_eq!(draft.title, "Cinq choses à retenir");
        assert_eq!(draft.date, front.date);
        assert_eq!(draft.tags, front.tags);
        assert_eq!(draft.image.unwrap().focus, front.image.unwrap().focus);
        assert_eq!(draft.read_more.unwrap().url, "@/world/last-summit.md");
        assert_eq!(split.body, body);
    }

    #[test]
    fn a_bare_original_gives_a_bare_draft() {
        let front = crate::content::front_matter::parse_front_matter(
            "title: T\ndate: 2026-12-01\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(
            translation_text(&front, "", "Titre", "content/a.md"),
            "---\ntitle: \"Titre\"\ndate: 2026-12-01\ndraft: true\n# Translate every text below from the original (content/a.md), then remove draft: true.\n---\n"
        );
    }

    #[test]
    fn odd_dates_are_quoted() {
        assert_eq!(
            date("2026-12-01T09:30:00+01:00"),
            "2026-12-01T09:30:00+01:00"
        );
        assert_eq!(date("1 Dec: 2026"), "\"1 Dec: 2026\"");
        assert_eq!(date("#1"), "\"#1\"");
    }
}
