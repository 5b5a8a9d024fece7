//! What a translation still lacks (issue #21), found before any body is parsed: texts of a
//! translation the same, word for word, as its original's (what `stakes new
//! --translation-of` copied for the translator: the front matter's texts, or the whole body),
//! and sections translated by no `_index.<tag>.md`. It finds; the build warns and `check`
//! refuses. It must not parse bodies.

use std::path::Path;

use rustc_hash::FxHashMap as HashMap;

use super::front_matter::key_location;
use super::Survey;
use crate::error::{Location, Warning};
use crate::layout::CONTENT_DIR;

/// The line `stakes new --translation-of` writes above the texts to translate.
pub const TRANSLATE_NOTE: &str = "# Translate every text below from the original";

impl Survey {
    /// Warns about what this edition (in the language `tag`) left untranslated from the
    /// default language's edition `original`.
    pub fn note_untranslated(&mut self, original: &Survey, root: &Path, tag: &str) {
        let originals: HashMap<&str, &super::draft::Draft> = original
            .drafts
            .iter()
            .map(|d| (d.file.content_path.as_str(), &**d))
            .collect();
        let mut found = Vec::new();
        for draft in &self.drafts {
            let Some(source) = originals.get(draft.file.content_path.as_str()) else {
                continue;
            };
            let shown = &draft.file.shown;
            if draft.yaml.contains(TRANSLATE_NOTE) {
                let line = draft
                    .yaml
                    .lines()
                    .position(|l| l.contains(TRANSLATE_NOTE))
                    .map_or(1, |n| n + 2);
                found.push(Warning::new(
                    Location::line(shown, line),
                    format!("the note of `stakes new --translation-of` is still here: translate the texts from {}, then delete the note", crate::layout::slash_path(&source.file.shown)),
                ));
            }
            if same_body(&draft.file.file, &source.file.file) {
                found.push(Warning::new(
                    Location::file(shown),
                    format!(
                        "its text is the original's, word for word ({}): translate it into `{tag}`",
                        crate::layout::slash_path(&source.file.shown)
                    ),
                ));
            }
            let (mine, theirs) = (&draft.front, &source.front);
            let image = |f: &super::front_matter::FrontMatter| {
                f.image.as_ref().and_then(|i| i.caption.clone())
            };
            let same = [
                ("dek", mine.dek.clone(), theirs.dek.clone()),
                (
                    "description",
                    mine.description.clone(),
                    theirs.description.clone(),
                ),
                ("image", image(mine), image(theirs)),
            ];
            for (key, mine, theirs) in same {
                if mine
                    .is_some_and(|text| !text.trim().is_empty() && Some(&text) == theirs.as_ref())
                {
                    let what = if key == "image" {
                        "the lead photo's caption"
                    } else {
                        key
                    };
                    found.push(Warning::new(
                        key_location(shown, &draft.yaml, key),
                        format!("{what} is the original's, word for word ({}): translate it into `{tag}`", crate::layout::slash_path(&source.file.shown)),
                    ));
                }
            }
        }
        self.untranslated.extend(found);
        // A section's title left in the default language is worth a word, not a refusal.
        for section in &self.sections {
            let folder = root.join(CONTENT_DIR).join(&section.key);
            if folder.join(format!("_index.{tag}.md")).is_file() {
                continue;
            }
            let default = folder.join(crate::layout::SECTION_INDEX);
            let (at, from) = if default.is_file() {
                (
                    format!(
                        "{CONTENT_DIR}/{}/{}",
                        section.key,
                        crate::layout::SECTION_INDEX
                    ),
                    "the default language's",
                )
            } else {
                (
                    format!("{CONTENT_DIR}/{}/", section.key),
                    "its folder's name",
                )
            };
            self.warnings.push(Warning::new(
                Location::file(at),
                format!("has no `{tag}` translation: the `{tag}` edition's section is titled “{}” ({from}); add `_index.{tag}.md` with its `title:`", section.title),
            ));
        }
    }
}

/// Whether two articles have the same body (what follows the front matter), read again from
/// their files: a translation is rare enough for the second read not to count.
fn same_body(translation: &Path, original: &Path) -> bool {
    let body = |file: &Path| -> Option<String> {
        let text = std::fs::read_to_string(file).ok()?;
        let rest = text.strip_prefix("---")?;
        let end = rest.find("\n---")?;
        let body = &rest[end + 4..];
        Some(
            body.split_once('\n')
                .map_or("", |(_, b)| b)
                .trim()
                .to_string(),
        )
    };
    match (body(translation), body(original)) {
        (Some(mine), Some(theirs)) => !mine.is_empty() && mine == theirs,
        _ => false,
    }
}
