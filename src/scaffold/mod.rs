//! `stakes new` and `stakes init`: starting points a writer can fill in (and, in `copies`,
//! the theme's files and translation tables to change). All refuse to overwrite anything: the
//! writer's files are never touched.

use std::path::{Path, PathBuf};

pub mod copies;
pub mod translation;

pub use translation::new_translation;

use crate::content::count::read_title;
use crate::content::Article;
use crate::error::{Error, Location, Result, Warning};
use crate::i18n::english::{capitalise, number_word};
use crate::layout::{CONTENT_DIR, STATIC_DIR, TEMPLATES_DIR};
use crate::markdown::skeleton::{
    is_numbered_placeholder_heading, is_placeholder_dek, skeleton_for,
};
use crate::slug::slug_in;

/// Sections a new explainer gets when its title promises no number.
const DEFAULT_SECTIONS: u32 = 3;

/// The end of every English skeleton heading: `## First thing at stake`. The skeleton's other
/// texts, in every built-in language, are `markdown::skeleton`'s; they are also what
/// [`placeholders`] looks for, so a skeleton nobody filled in cannot be published without a
/// word (issue #16).
const HEADING_PLACEHOLDER: &str = " thing at stake";

/// Creates `content/<section>/<slug>/index.md` with complete front matter (today's date,
/// `draft: true`) and one `## ` skeleton per thing the title promises. Returns the new file.
/// With `language`, one of the site's `languages:` (issue #21), the article is in that
/// language: `index.fr.md`, read, dated and written in French.
pub fn new_article(
    root: &Path,
    title: &str,
    section: Option<&str>,
    language: Option<&str>,
) -> Result<PathBuf> {
    let title = title.trim();
    // A site with `slugs: unicode` names the file in the title's script (issue #21).
    let style = crate::config::SiteConfig::load(root, None)
        .map(|config| config.slugs)
        .unwrap_or_default();
    let slug = slug_in(title, style);
    if slug.is_empty() {
        return Err(Error::content(
            Location::file("title"),
            "the title has no letters or digits to make a URL from",
        ));
    }
    let mut folder = root.join(CONTENT_DIR);
    if let Some(section) = section {
        for part in section.split('/').filter(|p| !p.is_empty()) {
            let part = slug_in(part, style);
            if part.is_empty() {
                return Err(Error::content(
                    Location::file("--section"),
                    format!("`{section}` is not a usable section name"),
                ));
            }
            folder.push(part);
        }
    }
    let loaded = crate::config::SiteConfig::load(root, None);
    let (config, suffix) = match language {
        None => (loaded.ok(), String::new()),
        Some(language) => {
            let config = loaded?;
            match translation::language_index(&config, language)? {
                0 => (Some(config), String::new()),
                index => {
                    let suffix = format!(".{}", config.languages[index].tag);
                    (Some(config.for_language(root, index)), suffix)
                }
            }
        }
    };
    let bundle = folder.join(&slug);
    let file = bundle.join(format!("index{suffix}.md"));
    let flat = folder.join(format!("{slug}{suffix}.md"));
    for existing in [&file, &flat] {
        if existing.exists() {
            return Err(Error::content(
                Location::file(crate::content::shown_path(root, existing)),
                "already exists; stakes new never overwrites a file. Choose another title or edit that one",
            ));
        }
    }
    if !suffix.is_empty() {
        let originals = [bundle.join("index.md"), folder.join(format!("{slug}.md"))];
        translation::refuse_to_pair(root, &originals, &suffix[1..])?;
    }
    // The title read in the site's language ("Cinq choses…" promises five: issue #21).
    let counting = match &config {
        Some(config) => config.translations.counting(),
        None => crate::i18n::numbers::counting("en"),
    };
    let count = read_title(title, 0, counting)
        .promised
        .unwrap_or(DEFAULT_SECTIONS);
    // Today in the site's zone: a day counts from its first moment there, so a date taken
    // from another zone could be tomorrow and hold the article back as scheduled (issue #18).
    let zone = config
        .as_ref()
        .map_or_else(jiff::tz::TimeZone::system, |config| config.timezone.clone());
    let today = jiff::Timestamp::now().to_zoned_datetime(zone).date();
    let skeleton = skeleton_for(config.as_ref().map_or("en", |c| c.language.as_str()));
    let mut text = String::new();
    text.push_str("---\n");
    text.push_str(&format!(
        "title: {}\n",
        serde_json::to_string(title).expect("strings serialise")
    ));
    text.push_str(&format!("date: {today}\n"));
    text.push_str("draft: true\n");
    text.push_str(&format!(
        "dek: {}\n",
        serde_json::to_string(skeleton.dek).expect("strings serialise")
    ));
    // Left commented: even an empty list would replace site.yaml's `authors`, and the page
    // would have no byline (issue #16).
    text.push_str("# The byline is `authors` from site.yaml unless you name the authors here.\n");
    text.push_str("# authors: [Your Name]\n");
    text.push_str("tags: []\n");
    text.push_str("# The lead photo: put the file beside this one, then remove the # signs.\n");
    text.push_str("# image:\n#   src: lead.jpg\n#   alt: What the photo shows\n#   caption: What is happening, where and when.\n#   credit: Photographer | Agency\n");
    text.push_str("# read_more:\n#   title: The explainer to read next\n#   url: \"@/section/other-article.md\"\n");
    text.push_str("---\n");
    text.push_str(&format!("{}\n", skeleton.intro));
    for n in 1..=count {
        let heading = if skeleton.heading.is_empty() {
            format!("{}{HEADING_PLACEHOLDER}", capitalise(&ordinal(n)))
        } else {
            format!("{} {n}", skeleton.heading)
        };
        text.push_str(&format!("\n## {heading}\n\n{}\n", skeleton.section));
    }
    text.push_str(&format!(
        "\n## {} {{.unnumbered}}\n\n{}\n",
        skeleton.next_heading, skeleton.next
    ));
    std::fs::create_dir_all(&bundle).map_err(|e| Error::io(&bundle, e))?;
    write_new(&file, text.as_bytes())?;
    Ok(file)
}

fn ordinal(n: u32) -> String {
    const ORDINALS: [&str; 21] = [
        "zeroth",
        "first",
        "second",
        "third",
        "fourth",
        "fifth",
        "sixth",
        "seventh",
        "eighth",
        "ninth",
        "tenth",
        "eleventh",
        "twelfth",
        "thirteenth",
        "fourteenth",
        "fifteenth",
        "sixteenth",
        "seventeenth",
        "eighteenth",
        "nineteenth",
        "twentieth",
    ];
    ORDINALS
        .get(n as usize)
        .map(|o| o.to_string())
        .unwrap_or_else(|| format!("number {}", number_word(u64::from(n))))
}

/// The placeholder texts of `stakes new` still in `article` (its heading skeletons, intro,
/// section and dek texts), each at its line, for `check` (errors) and `build` (warnings).
/// Free when there are none: the Markdown pass noted the skeleton paragraphs as it met them,
/// and the file is read again only to find the line of the dek or a heading that is there.
pub fn placeholders(root: &Path, article: &Article) -> Vec<Warning> {
    let mut found: Vec<(usize, &str)> = Vec::new();
    if let Some(dek) = article.dek.as_deref().filter(|dek| is_placeholder_dek(dek)) {
        found.push((0, dek));
    }
    for section in &article.body.sections {
        if is_skeleton_heading(&section.title_text)
            || is_numbered_placeholder_heading(&section.title_text)
        {
            found.push((section.line.saturating_sub(1), &section.title_text));
        }
    }
    let paragraphs = &article.body.placeholders;
    if found.is_empty() && paragraphs.is_empty() {
        return Vec::new();
    }
    let shown = crate::content::shown_path(root, &article.source);
    let warning = |line: Option<usize>, text: &str| {
        let at = Location {
            line,
            ..Location::file(&shown)
        };
        Warning::new(
            at,
            format!("“{text}” is placeholder text from `stakes new`: write your own, or delete it"),
        )
    };
    let source = if found.is_empty() {
        String::new()
    } else {
        std::fs::read_to_string(&article.source).unwrap_or_default()
    };
    let mut warnings: Vec<(Option<usize>, Warning)> = found
        .into_iter()
        .map(|(after, text)| {
            let line = source
                .lines()
                .enumerate()
                .skip(after)
                .find(|(_, l)| l.contains(text))
                .map(|(i, _)| i + 1);
            (line, warning(line, text))
        })
        .collect();
    warnings.extend(
        paragraphs
            .iter()
            .map(|&(line, text)| (Some(line), warning(Some(line), text))),
    );
    warnings.sort_by_key(|(line, _)| *line);
    warnings.into_iter().map(|(_, warning)| warning).collect()
}

/// `First thing at stake` … `Twentieth thing at stake`, `Number twenty-one thing at stake`.
fn is_skeleton_heading(title: &str) -> bool {
    title
        .strip_suffix(HEADING_PLACEHOLDER)
        .is_some_and(|first| {
            let first = first.to_lowercase();
            first.starts_with("number ") || (1..=20).any(|n| ordinal(n) == first)
        })
}

/// `path` as one word a shell reads back as the same path: as it is when it is made of
/// ordinary characters, otherwise in single quotes. For the commands stakes suggests.
pub fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    let plain = |c: char| c.is_alphanumeric() || "_-./+,:@%=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// Writes a file only if it does not exist yet.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    use std::io::Write;
    let mut file = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .map_err(|e| Error::io(path, e))?;
    file.write_all(bytes).map_err(|e| Error::io(path, e))
}

/// What `init` did.
#[derive(Debug, Default)]
pub struct InitReport {
    /// Files written.
    pub created: Vec<PathBuf>,
    /// Files that already existed and were left alone.
    pub kept: Vec<PathBuf>,
}

const SITE_YAML: &str = r#"# Settings for this site. Every key is optional; the README lists them all.
title: My Explainers
# Where the site will be published; links, the feed and the sitemap use it.
base_url: https://example.org/
# The language of the theme's words, dates and the count check: en, fr, de, es, it, pt, nl
# and ar are built in (see the README, "Languages").
language: en
description: Explainers on the decisions that matter, one numbered point at a time.
# The byline of articles that name no author.
authors: [The Desk]
# How many articles each listing page shows.
per_page: { home: 10, section: 20, tag: 20 }
# Every photo needs a credit (written, or embedded in the photo by the agency).
require_credits: true
# The desk's time zone (an IANA name): times in front matter without an offset, and
# scheduled publishing, are read in it. Set it: a desk in Brussels writes Europe/Brussels.
timezone: UTC
# How dates are shown (strftime); by default the language's ("3 December 2026").
# date_format: "%-d %B %Y"
# After an article's `expires:`, archive keeps its page (marked, noindex); remove deletes it.
expired: archive
# Write /news-sitemap.xml (the last two days' articles) for Google News; false turns it off.
news_sitemap: true
# What the numbered sections are called when a title does not say; by default the
# language's ("Four things at stake"). "Three questions about …" gets "Three questions".
# count_label: things at stake
images:
  # Widths of the resized copies of every photo.
  widths: [480, 960, 1600]
"#;

const AUTHORS_YAML: &str = r#"# One entry per name written in `authors:` (and site.yaml's `authors`): each gets a page
# at /authors/<slug>/ with this role, bio (Markdown) and photo. The README lists every key.
The Desk:
  role: The newsroom
  bio: Explainers written by several people at the desk carry this byline.
  # photo: { src: /authors/desk.jpg, alt: What the photo shows, credit: Photographer | Agency }
  # social: [https://social.example/@desk]
"#;

const GITIGNORE: &str = "/public\n/.stakes-cache\n";

const EXAMPLE_ARTICLE: &str = r#"---
title: Three things at stake in the city hall renovation
date: 2026-01-15
dek: The council decides this week whether to spend 40 million on the old building or move out.
authors: [The Desk]
tags: [City hall, Budget]
image:
  src: city-hall.jpg
  alt: City hall at dusk with people gathered on the steps
  caption: An illustration of city hall; replace it with your own photo.
  credit: Stakes Demo Studio | Illustration
---
This is an example explainer. Everything before the first `## ` heading is the intro.

## The cost

Each `## ` heading starts a numbered section. The title promises three, so there are three.

> A pull quote ends with a line that starts with a dash.
>
> — A council member

## The timetable

Write what changes, for whom, and when.

## The alternatives

Then delete this file and run `stakes new "Five things at stake in …"`.

## What happens next {.unnumbered}

Sections marked `{.unnumbered}` are not counted.
"#;

/// Creates a new site in `dir` that builds at once. Refuses a non-empty folder unless `force`,
/// and even then never overwrites an existing file.
pub fn init_site(dir: &Path, force: bool) -> Result<InitReport> {
    if dir.exists() {
        let non_empty = std::fs::read_dir(dir)
            .map_err(|e| Error::io(dir, e))?
            .next()
            .is_some();
        if non_empty && !force {
            return Err(Error::content(
                Location::file(dir),
                "is not empty: choose a new folder, or pass --force to add the missing files (existing files are never overwritten)",
            ));
        }
    }
    let files: [(&str, &[u8]); 5] = [
        ("site.yaml", SITE_YAML.as_bytes()),
        (crate::layout::AUTHORS_FILE, AUTHORS_YAML.as_bytes()),
        (".gitignore", GITIGNORE.as_bytes()),
        (
            "content/city-hall-renovation/index.md",
            EXAMPLE_ARTICLE.as_bytes(),
        ),
        (
            "content/city-hall-renovation/city-hall.jpg",
            include_bytes!("example-photo.jpg"),
        ),
    ];
    let mut report = InitReport::default();
    // Not `i18n/`: a site in a built-in language needs none.
    for folder in [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR] {
        let path = dir.join(folder);
        std::fs::create_dir_all(&path).map_err(|e| Error::io(&path, e))?;
    }
    for (relative, bytes) in files {
        let path = dir.join(relative);
        if path.exists() {
            report.kept.push(path);
            continue;
        }
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        write_new(&path, bytes)?;
        report.created.push(path);
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinals_for_section_skeletons() {
        assert_eq!(ordinal(1), "first");
        assert_eq!(ordinal(20), "twentieth");
        assert_eq!(ordinal(21), "number twenty-one");
    }

    #[test]
    fn skeleton_headings_are_recognised_and_real_ones_are_not() {
        assert!(is_skeleton_heading("First thing at stake"));
        assert!(is_skeleton_heading("Twentieth thing at stake"));
        assert!(is_skeleton_heading("Number twenty-one thing at stake"));
        assert!(!is_skeleton_heading("The one thing at stake"));
        assert!(!is_skeleton_heading("First things first"));
    }

    #[test]
    fn suggested_folders_are_one_shell_word() {
        assert_eq!(shell_word(Path::new("my-site")), "my-site");
        assert_eq!(shell_word(Path::new("../sites/news")), "../sites/news");
        assert_eq!(shell_word(Path::new("Election night")), "'Election night'");
        assert_eq!(shell_word(Path::new("Kyiv's")), "'Kyiv'\\''s'");
    }
}
