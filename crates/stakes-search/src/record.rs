//! What the site generator hands the index for one article: an [`ArticleRecord`] (headline,
//! dek, metadata and its sub-results — intro, numbered sections, captions with credits, pull
//! quotes with attributions). Plain data: it must not tokenize or encode.

use serde::Serialize;

/// The most sub-results one article keeps (sub-result numbers are bits of a mask the browser
/// reads as a double, exact to 2^53). Past it, captions and quotes are folded into the
/// sub-result before them (see [`ArticleRecord::folded_subs`]).
pub const MAX_SUBS: usize = 48;

/// What kind of place in an article a sub-result is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubKind {
    /// The headline and dek (always sub-result 0, made by the index, not given).
    Headline,
    /// Everything before the first section.
    Intro,
    /// A `##` section, numbered or not.
    Section,
    /// A photo's caption and credit.
    Caption,
    /// A pull quote and its attribution.
    Quote,
}

/// One place a result can land on: its heading (a section's title, or the section a caption or
/// quote sits in), its anchor, and its text as plain words.
#[derive(Debug, Clone, PartialEq, Hash, Serialize)]
pub struct SubResult {
    /// What it is.
    pub kind: SubKind,
    /// The number of the section it is or sits in, when that is numbered.
    pub number: Option<u32>,
    /// The section's heading as plain text (empty for the intro and what sits in it).
    pub heading: String,
    /// The anchor to link to (`sanctions`), when there is one.
    pub anchor: Option<String>,
    /// Plain text.
    pub text: String,
}

/// One value of a filter: what the index matches (`value`) and what the page shows (`label`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
pub struct FilterValue {
    /// Matched: a section key, a tag slug, an author's name lowercased, a year.
    pub value: String,
    /// Shown.
    pub label: String,
}

/// Everything the index knows of one article.
#[derive(Debug, Clone, PartialEq, Hash, Default)]
pub struct ArticleRecord {
    /// Root-relative URL of the page, with the site's base path (`/news/world/summit/`).
    pub url: String,
    /// The headline.
    pub title: String,
    /// The standfirst.
    pub dek: Option<String>,
    /// Publication date, `YYYY-MM-DD`.
    pub date: String,
    /// The date as the site shows it (its `date_format`: "3 December 2026"); empty to let the
    /// client format `date` itself.
    pub date_shown: String,
    /// The section, if any.
    pub section: Option<FilterValue>,
    /// Tags.
    pub tags: Vec<FilterValue>,
    /// Authors (indexed as words of the headline sub-result too).
    pub authors: Vec<String>,
    /// URL of the lead photo's smallest copy, if any.
    pub thumbnail: Option<String>,
    /// The sub-results after the headline, in reading order.
    pub subs: Vec<SubResult>,
}

impl ArticleRecord {
    /// Every sub-result, the headline (title as heading, dek as text) first, with at most
    /// [`MAX_SUBS`]: past that, each caption or quote is folded into the sub-result before it
    /// (its text appended), then anything left into the last one kept.
    pub fn folded_subs(&self) -> Vec<SubResult> {
        let mut subs = Vec::with_capacity(self.subs.len() + 1);
        subs.push(SubResult {
            kind: SubKind::Headline,
            number: None,
            heading: self.title.clone(),
            anchor: None,
            text: self.dek.clone().unwrap_or_default(),
        });
        let mut extra = (self.subs.len() + 1).saturating_sub(MAX_SUBS);
        for sub in &self.subs {
            let foldable = matches!(sub.kind, SubKind::Caption | SubKind::Quote);
            if (extra > 0 && foldable && subs.len() > 1) || subs.len() == MAX_SUBS {
                let last = subs.last_mut().expect("the headline is always there");
                last.text.push(' ');
                last.text.push_str(&sub.text);
                extra = extra.saturating_sub(1);
            } else {
                subs.push(sub.clone());
            }
        }
        subs
    }

    /// The year of the date (its first four characters), for the year filter.
    pub fn year(&self) -> Option<&str> {
        self.date
            .get(..4)
            .filter(|y| y.bytes().all(|b| b.is_ascii_digit()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sub(kind: SubKind, text: &str) -> SubResult {
        SubResult {
            kind,
            number: None,
            heading: String::new(),
            anchor: None,
            text: text.to_string(),
        }
    }

    #[test]
    fn headline_comes_first() {
        let record = ArticleRecord {
            title: "Five things".into(),
            dek: Some("A dek".into()),
            subs: vec![sub(SubKind::Intro, "intro")],
            ..Default::default()
        };
        let subs = record.folded_subs();
        assert_eq!(subs[0].kind, SubKind::Headline);
        assert_eq!(subs[0].heading, "Five things");
        assert_eq!(subs[0].text, "A dek");
        assert_eq!(subs[1].text, "intro");
    }

    #[test]
    fn too_many_subs_fold_captions_first() {
        let mut subs = vec![sub(SubKind::Intro, "intro")];
        for n in 0..60 {
            subs.push(sub(SubKind::Section, &format!("s{n}")));
            subs.push(sub(SubKind::Caption, &format!("c{n}")));
        }
        let record = ArticleRecord {
            subs,
            ..Default::default()
        };
        let folded = record.folded_subs();
        assert_eq!(folded.len(), MAX_SUBS);
        let all: String = folded.iter().map(|s| s.text.as_str()).collect();
        for n in 0..60 {
            assert!(all.contains(&format!("c{n}")), "caption {n} kept");
            assert!(all.contains(&format!("s{n}")), "section {n} kept");
        }
    }

    #[test]
    fn year_is_read_from_date() {
        let record = ArticleRecord {
            date: "2024-05-01".into(),
            date_shown: String::new(),
            ..Default::default()
        };
        assert_eq!(record.year(), Some("2024"));
        assert_eq!(ArticleRecord::default().year(), None);
    }
}
