//! `stakes theme` and `stakes i18n`: the built-in theme's files and translation tables copied
//! into a site as starting points, for a desk that has only the binary (a trial of #21 found
//! the README pointing at a repository such a desk never sees). It owns choosing what to copy
//! and refusing to overwrite; the files themselves are `templates` and `i18n`'s.

use std::path::{Path, PathBuf};

use crate::error::{Error, Location, Result};
use crate::layout::{I18N_DIR, TEMPLATES_DIR};
use crate::templates::{BUILT_IN, BUILT_IN_STYLESHEET, STYLESHEET};

/// Every file of the built-in theme a site may replace, with its text.
pub fn theme_files() -> Vec<(&'static str, &'static str)> {
    let mut files: Vec<(&str, &str)> = BUILT_IN.to_vec();
    files.push((STYLESHEET, BUILT_IN_STYLESHEET));
    files
}

/// Copies the built-in theme files `names` into the site's `templates/`; a name the theme
/// does not have, or a file the site already has, is an error (every one, before anything is
/// written). Returns the files written.
pub fn copy_theme(root: &Path, names: &[String]) -> Result<Vec<PathBuf>> {
    let files = theme_files();
    let known: Vec<&str> = files.iter().map(|(name, _)| *name).collect();
    let mut errors = Vec::new();
    let mut chosen = Vec::new();
    for name in names {
        let name = name.trim_start_matches("templates/");
        match files.iter().find(|(known, _)| *known == name) {
            Some(&(name, text)) => {
                let path = root.join(TEMPLATES_DIR).join(name);
                if path.exists() {
                    errors.push(exists(root, &path));
                } else {
                    chosen.push((path, text));
                }
            }
            None => {
                let hint = crate::yaml::closest(name, &known)
                    .map(|near| format!("did you mean `{near}`? "))
                    .unwrap_or_default();
                errors.push(Error::content(
                    Location::file(name),
                    format!("the theme has no such file: {hint}Run `stakes theme` for the list"),
                ));
            }
        }
    }
    if !errors.is_empty() {
        return Err(Error::from_list(errors));
    }
    let folder = root.join(TEMPLATES_DIR);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    for (path, text) in &chosen {
        super::write_new(path, text.as_bytes())?;
    }
    Ok(chosen.into_iter().map(|(path, _)| path).collect())
}

/// Writes `i18n/<language>.yaml` with the built-in table of that language (English, with a
/// note to translate it, for a language stakes has none for). Returns the file written.
pub fn copy_table(root: &Path, language: &str) -> Result<PathBuf> {
    if !crate::i18n::is_language_tag(language) {
        let hint = crate::i18n::tag_for_name(language)
            .map(|tag| format!("did you mean `{tag}`? "))
            .unwrap_or_default();
        return Err(Error::content(
            Location::file(language),
            format!("not a language tag: {hint}Give one such as `fr`, `fr-BE` or `pl`"),
        ));
    }
    let path = root.join(I18N_DIR).join(format!("{language}.yaml"));
    if path.exists() {
        return Err(exists(root, &path));
    }
    let primary = language
        .split('-')
        .next()
        .unwrap_or(language)
        .to_ascii_lowercase();
    let text = match crate::i18n::BUILT_IN.iter().find(|(code, _)| *code == primary) {
        Some((_, text)) => format!(
            "# The built-in table of `{primary}`, to change: keep the keys you change and delete\n# the others, which then follow stakes's own table as it improves.\n{text}"
        ),
        None => format!(
            "# stakes has no table for `{language}`: translate each text below (keep the keys and\n# the {{placeholders}}; give each plural text the forms CLDR names for the language).\n{}",
            crate::i18n::BUILT_IN[0].1
        ),
    };
    let folder = root.join(I18N_DIR);
    std::fs::create_dir_all(&folder).map_err(|e| Error::io(&folder, e))?;
    super::write_new(&path, text.as_bytes())?;
    Ok(path)
}

/// The error for a file the site already has.
fn exists(root: &Path, path: &Path) -> Error {
    Error::content(
        Location::file(crate::content::shown_path(root, path)),
        "already exists; stakes never overwrites your files. Delete or rename it to copy the built-in one again",
    )
}
