//! The site's layout: the names of the folders and files a site is made of (`site.yaml`,
//! `content/`, `templates/`, `static/`, `_index.md`) and the default names of the folders a
//! build makes (`public/`, `.stakes-cache/`), and how a path inside a site is spelt: with `/`
//! on every system. Names only, so every module can use them without depending on the module
//! that reads the folder: this file must not touch the disk or know what is inside the files
//! it names.

use std::path::Path;

/// A path with `/` between its parts (`content/world/summit.md`), as content paths, URLs and
/// messages spell it on every system: on Windows the system's `\` never reaches a URL, the
/// output's manifest or a `file:line` (issue #22). An absolute path is left as the system
/// writes it (`C:\site`), since `/` after a drive would misname it.
pub fn slash_path(relative: &Path) -> String {
    match relative.to_str() {
        Some(text) if !needs_slashes(relative) => text.to_owned(),
        _ => SlashPath(relative).to_string(),
    }
}

/// [`slash_path`] written only when displayed: a page's name is passed to every render in
/// case a template fails, and formatting it for every page would cost a string each.
pub struct SlashPath<'p>(pub &'p Path);

impl std::fmt::Display for SlashPath<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !needs_slashes(self.0) {
            return write!(f, "{}", self.0.display());
        }
        for (index, part) in self.0.components().enumerate() {
            let separator = if index == 0 { "" } else { "/" };
            write!(f, "{separator}{}", part.as_os_str().to_string_lossy())?;
        }
        Ok(())
    }
}

/// Whether the system's spelling of `path` differs from [`slash_path`]'s: only a relative path
/// where the separator is not `/`.
fn needs_slashes(path: &Path) -> bool {
    std::path::MAIN_SEPARATOR != '/' && !path.has_root() && !path.is_absolute()
}

/// The settings file at the site root.
pub const CONFIG_FILE: &str = "site.yaml";
/// Folder of articles, relative to the site root.
pub const CONTENT_DIR: &str = "content";
/// Folder of a site's template overrides.
pub const TEMPLATES_DIR: &str = "templates";
/// Folder copied verbatim to the output root.
pub const STATIC_DIR: &str = "static";
/// The folders that hold the writer's sources: never written into, and watched by `serve`.
pub const SOURCE_DIRS: [&str; 4] = [CONTENT_DIR, TEMPLATES_DIR, STATIC_DIR, I18N_DIR];
/// A section's optional settings file, inside a folder of `content/`.
pub const SECTION_INDEX: &str = "_index.md";
/// Where a build writes the site when no `--output` is given, relative to the site root.
pub const DEFAULT_OUTPUT_DIR: &str = "public";
/// Where resized photos are kept between builds when `images.cache` is not set.
pub const DEFAULT_CACHE_DIR: &str = ".stakes-cache";
/// The authors' roles, bios and photos, at the site root (issue #19).
pub const AUTHORS_FILE: &str = "authors.yaml";
/// A site's translation tables (`i18n/fr.yaml`), issue #21.
pub const I18N_DIR: &str = "i18n";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_joined_by_the_system_are_spelled_with_slashes_issue_22() {
        // Joined with the system's separator: `content\world\summit.md` on Windows.
        let relative = Path::new(CONTENT_DIR).join("world").join("summit.md");
        assert_eq!(slash_path(&relative), "content/world/summit.md");
        assert_eq!(SlashPath(&relative).to_string(), "content/world/summit.md");
        assert_eq!(slash_path(Path::new("summit.md")), "summit.md");
        let absolute = std::env::temp_dir().join("site").join("content");
        assert_eq!(slash_path(&absolute), absolute.display().to_string());
        assert_eq!(
            SlashPath(&absolute).to_string(),
            absolute.display().to_string()
        );
    }
}
