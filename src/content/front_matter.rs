//! Front matter: splitting the YAML block off a Markdown file and the typed keys an article may
//! set. Unknown keys are refused (with a suggestion) because a misspelt `dek` silently missing
//! from a published page is worse than a failed build.

use std::path::Path;

use serde::{Deserialize, Serialize};

use crate::error::{Error, Location, Result};

/// A file cut into its YAML and its Markdown body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SplitFile<'a> {
    /// The YAML between the `---` lines.
    pub yaml: &'a str,
    /// The Markdown after the closing `---`.
    pub body: &'a str,
    /// Line of the file on which `body` starts, so body errors report file lines.
    pub body_first_line: usize,
}

/// Line on which the YAML text starts (after the opening `---`).
pub const YAML_FIRST_LINE: usize = 2;

/// Splits a file (already free of BOM and CRLF) into front matter and body.
pub fn split_front_matter(text: &str) -> std::result::Result<SplitFile<'_>, String> {
    let mut lines = text.split_inclusive('\n');
    let opening = lines.next().unwrap_or("");
    if opening.trim_end() != "---" {
        return Err(if text.trim().is_empty() {
            "the file is empty: an article starts with front matter between `---` lines, e.g.\n---\ntitle: Five things at stake in …\ndate: 2026-05-01\n---".to_string()
        } else {
            "the file does not start with front matter: put a line `---`, the keys (`title:`, `date:` …), and another `---` at the top".to_string()
        });
    }
    let yaml_start = opening.len();
    // Line by line with memchr, looking closer only at lines that start like a fence (every
    // article's front matter is split on every build).
    let bytes = text.as_bytes();
    let (mut start, mut index) = (yaml_start, 0);
    while start < bytes.len() {
        let end = memchr::memchr(b'\n', &bytes[start..]).map_or(bytes.len(), |at| start + at + 1);
        if matches!(bytes[start], b'-' | b'.') {
            let trimmed = text[start..end].trim_end();
            if trimmed == "---" || trimmed == "..." {
                return Ok(SplitFile {
                    yaml: &text[yaml_start..start],
                    body: &text[end..],
                    body_first_line: YAML_FIRST_LINE + index + 1,
                });
            }
        }
        (start, index) = (end, index + 1);
    }
    Err(
        "the front matter opened on line 1 is never closed: add a line `---` after the last key"
            .to_string(),
    )
}

/// The keys an article's front matter may set, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FrontMatter {
    /// The headline.
    pub title: String,
    /// Publication date, `YYYY-MM-DD` or RFC 3339.
    pub date: String,
    /// Date of the last substantive update.
    pub updated: Option<String>,
    /// When the article goes live, when that differs from the `date` it shows (issue #18).
    pub publish_at: Option<String>,
    /// When the article leaves listings, feeds and the sitemap (issue #18); its page is then
    /// archived or removed, as `expired:` in site.yaml says.
    pub expires: Option<String>,
    /// Dated corrections, shown at the end of the article (issue #18).
    #[serde(default)]
    pub corrections: crate::yaml::Value,
    /// Dated updates to a running explainer (issue #18).
    #[serde(default)]
    pub updates: crate::yaml::Value,
    /// The standfirst under the headline.
    pub dek: Option<String>,
    /// One author or a list.
    pub authors: Option<Authors>,
    /// Tags, each becoming a `/tags/<slug>/` page.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Excluded from builds unless `--drafts`.
    #[serde(default)]
    pub draft: bool,
    /// Overrides the slug taken from the file name.
    pub slug: Option<String>,
    /// The meta description.
    pub description: Option<String>,
    /// Template to render with (default `article.html`).
    pub template: Option<String>,
    /// The lead photo.
    pub image: Option<LeadImage>,
    /// The "Read more" link at the end.
    pub read_more: Option<ReadMore>,
    /// Overrides the count promised by the title.
    pub count: Option<u32>,
    /// In the search index or not (issue #20): articles are unless `false`, plain pages only
    /// when `true`.
    pub search: Option<bool>,
    /// Related explainers at the end of the page (issue #19): `false` for none, or the
    /// `@/…` articles to show first; read by `related_pins`.
    #[serde(default)]
    pub related: crate::yaml::Value,
    /// Free-form data for templates.
    #[serde(default)]
    pub extra: crate::yaml::Value,
}

/// `authors: Jane Doe` or `authors: [Jane Doe, John Roe]`.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged)]
pub enum Authors {
    /// A single name.
    One(String),
    /// Several names.
    Many(Vec<String>),
}

impl Authors {
    /// The names as written.
    pub fn names(&self) -> &[String] {
        match self {
            Authors::One(name) => std::slice::from_ref(name),
            Authors::Many(names) => names,
        }
    }

    /// The names as a list.
    pub fn into_vec(self) -> Vec<String> {
        match self {
            Authors::One(name) => vec![name],
            Authors::Many(names) => names,
        }
    }
}

/// The lead photo as written in front matter.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LeadImage {
    /// Path relative to the article, or root-relative to `static/`, or an absolute URL.
    pub src: String,
    /// Alt text; required.
    pub alt: Option<String>,
    /// Caption; inline Markdown allowed.
    pub caption: Option<String>,
    /// Photo credit.
    pub credit: Option<String>,
    /// Where the lead photo's crops are centred: `[x, y]`, fractions of its width and height
    /// (issue #19); checked when the lead figure is read.
    #[serde(default)]
    pub focus: crate::yaml::Value,
}

/// The "Read more" link.
#[derive(Debug, Clone, Deserialize, Serialize)]
#[serde(deny_unknown_fields)]
pub struct ReadMore {
    /// Link text.
    pub title: String,
    /// Target; `@/path.md` links to another article.
    pub url: String,
}

/// The keys a section's `_index.md` may set.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SectionFrontMatter {
    /// The section's display name.
    pub title: Option<String>,
    /// Shown on the section page and in its meta description.
    pub description: Option<String>,
    /// Free-form data for templates.
    #[serde(default)]
    pub extra: crate::yaml::Value,
}

/// Parses the YAML of an article.
pub fn parse_front_matter(yaml: &str, path: &Path) -> Result<FrontMatter> {
    crate::yaml::parse(yaml, path, YAML_FIRST_LINE)
}

/// Parses the YAML of an article, reporting every problem and keeping the keys when only
/// unknown keys (or invisible characters) were wrong, so the rest of the article is still
/// checked in the same run.
pub fn read_front_matter(yaml: &str, path: &Path) -> (Option<FrontMatter>, Vec<Error>) {
    crate::yaml::parse_all(yaml, path, YAML_FIRST_LINE)
}

/// The file line on which a top-level `key:` is written, for errors about its value.
/// Every article with a lead photo asks (the photo records its line), so the key is searched
/// for as text and only lines are counted, instead of every line being split off and compared.
pub fn line_of_key(yaml: &str, key: &str) -> Option<usize> {
    let bytes = yaml.as_bytes();
    memchr::memmem::find_iter(bytes, key.as_bytes())
        .find(|&at| {
            let rest = &yaml[at + key.len()..];
            let line_rest = rest.split('\n').next().unwrap_or_default();
            (at == 0 || bytes[at - 1] == b'\n') && line_rest.trim_start().starts_with(':')
        })
        .map(|at| YAML_FIRST_LINE + crate::markdown::count_newlines(&bytes[..at]))
}

/// The file line on which the value of `parent.key` starts (`image.caption`), for errors in
/// it: the line of `key:` inside the block of `parent:`, or the next one when the value is a
/// block scalar (`caption: >`). Asked only once an error was found.
pub fn line_of_nested_value(yaml: &str, parent: &str, key: &str) -> Option<usize> {
    let start = line_of_key(yaml, parent)? - YAML_FIRST_LINE;
    let lines = yaml.lines().enumerate().skip(start + 1);
    for (index, line) in lines {
        if !line.starts_with([' ', '\t']) && !line.trim().is_empty() {
            return None;
        }
        let Some(value) = line
            .trim_start()
            .strip_prefix(key)
            .and_then(|rest| rest.trim_start().strip_prefix(':'))
        else {
            continue;
        };
        let block = value.trim_start().starts_with(['>', '|']);
        return Some(YAML_FIRST_LINE + index + usize::from(block));
    }
    None
}

/// Location of a key's value for errors, falling back to the start of the front matter.
pub fn key_location(path: &Path, yaml: &str, key: &str) -> Location {
    Location::line(path, line_of_key(yaml, key).unwrap_or(1))
}

pub use crate::yaml::normalise_text;

/// Builds the error for a file that cannot be split.
pub fn split_error(path: &Path, message: String) -> Error {
    Error::content(Location::line(path, 1), message)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_line_of_a_nested_value_is_its_key_or_the_block_after_it() {
        let yaml = "title: A\ncaption: top\nimage:\n  src: a.png\n  caption: Here\nread_more:\n  caption: x\n";
        assert_eq!(line_of_nested_value(yaml, "image", "caption"), Some(6));
        let block = "image:\n  src: a.png\n  caption: >\n    Folded\n";
        assert_eq!(line_of_nested_value(block, "image", "caption"), Some(5));
        assert_eq!(
            line_of_nested_value("image:\n  src: a\ncaption: b\n", "image", "caption"),
            None
        );
    }

    #[test]
    fn splits_yaml_from_body_and_counts_body_lines_of_the_file() {
        let split = split_front_matter("---\ntitle: A\ndate: 2026-01-01\n---\nIntro\n").unwrap();
        assert_eq!(split.yaml, "title: A\ndate: 2026-01-01\n");
        assert_eq!(split.body, "Intro\n");
        assert_eq!(split.body_first_line, 5);
    }

    #[test]
    fn only_whole_fence_lines_close_front_matter() {
        let cases = [
            ("---\ntitle: A\n...\nBody", "title: A\n", "Body", 4),
            (
                "---\nlist:\n- a\n----\n-- -\n---  \nBody\n",
                "list:\n- a\n----\n-- -\n",
                "Body\n",
                7,
            ),
            (
                "---\nnote: a --- b\n\n.x: 1\n---",
                "note: a --- b\n\n.x: 1\n",
                "",
                6,
            ),
        ];
        for (text, yaml, body, line) in cases {
            let split = split_front_matter(text).unwrap();
            assert_eq!(
                (split.yaml, split.body, split.body_first_line),
                (yaml, body, line)
            );
        }
        assert!(split_front_matter("---\n --- \n-\n").is_err());
    }

    #[test]
    fn only_front_matter_gives_an_empty_body() {
        let split = split_front_matter("---\ntitle: A\n---").unwrap();
        assert_eq!(split.body, "");
    }

    #[test]
    fn missing_or_unclosed_front_matter_says_how_to_fix_it() {
        assert!(split_front_matter("").unwrap_err().contains("empty"));
        assert!(split_front_matter("# Hello\n")
            .unwrap_err()
            .contains("does not start with front matter"));
        assert!(split_front_matter("---\ntitle: A\n")
            .unwrap_err()
            .contains("never closed"));
    }

    #[test]
    fn bom_and_crlf_are_normalised() {
        let text = normalise_text("\u{feff}---\r\ntitle: A\r\n---\r\nBody\r\n".to_string());
        assert_eq!(text, "---\ntitle: A\n---\nBody\n");
    }

    #[test]
    fn every_key_deserialises() {
        let yaml = "title: T\ndate: 2026-05-01\nupdated: 2026-05-02\ndek: D\nauthors: [A, B]\ntags: [x]\ndraft: true\nslug: s\ndescription: M\ntemplate: page.html\nimage: {src: a.jpg, alt: A, caption: C, credit: X}\nread_more: {title: R, url: /r/}\ncount: 3\nextra: {k: v}\n";
        let fm = parse_front_matter(yaml, Path::new("a.md")).unwrap();
        assert_eq!(fm.title, "T");
        assert_eq!(fm.updated.as_deref(), Some("2026-05-02"));
        assert_eq!(fm.authors.unwrap().into_vec(), vec!["A", "B"]);
        assert!(fm.draft);
        assert_eq!(fm.count, Some(3));
        assert_eq!(fm.image.unwrap().credit.as_deref(), Some("X"));
        assert_eq!(fm.read_more.unwrap().url, "/r/");
        let one = parse_front_matter(
            "title: T\ndate: 2026-05-01\nauthors: Solo\n",
            Path::new("a.md"),
        )
        .unwrap();
        assert_eq!(one.authors.unwrap().into_vec(), vec!["Solo"]);
    }

    #[test]
    fn key_lines_are_lines_of_the_file() {
        assert_eq!(line_of_key("title: T\ndate: x\n", "date"), Some(3));
        assert_eq!(line_of_key("title: T\n", "date"), None);
        assert_eq!(line_of_key("date: x\n", "date"), Some(2));
        // The key as a value, inside another key, or alone on its line is not the key.
        let yaml = "title: image\nlead_image: x\nimage\n: y\ndek: d\nimage  : z\n";
        assert_eq!(line_of_key(yaml, "image"), Some(7));
        assert_eq!(line_of_key("title: T\nimage:", "image"), Some(3));
    }
}
