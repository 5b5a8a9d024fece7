//! Watching the site for changes: raw file-system events are debounced (editors save in bursts,
//! often by writing a temporary file and renaming it) and each path is classified into a
//! [`Change`] by where it is, so the rebuild step can do the least work that is still correct.

use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::Duration;

use notify_debouncer_full::notify::RecommendedWatcher;
use notify_debouncer_full::notify::{EventKind, RecursiveMode};
use notify_debouncer_full::{new_debouncer, DebounceEventResult, Debouncer, RecommendedCache};

use crate::error::{Error, Result};
use crate::layout::{
    AUTHORS_FILE, CONFIG_FILE, CONTENT_DIR, I18N_DIR, SECTION_INDEX, SOURCE_DIRS, STATIC_DIR,
    TEMPLATES_DIR,
};

/// How long the watcher waits for a burst of events to settle.
pub const DEBOUNCE: Duration = Duration::from_millis(10);

/// What a changed path means for the site.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Change {
    /// An article's Markdown file (created, edited or deleted).
    Article(PathBuf),
    /// A section's `_index.md`.
    SectionIndex,
    /// A photo or other file under `content/`.
    Asset(PathBuf),
    /// A file under `templates/`, by its template name.
    Template(String),
    /// A file under `static/`.
    Static(PathBuf),
    /// `site.yaml`, `authors.yaml` (whose slugs move pages and change every byline), or a
    /// translation table in `i18n/`: the file, as the site's folder names it.
    Config(String),
    /// A folder under `content/` (or an input folder itself) appeared, vanished or was renamed.
    ContentFolder,
}

/// Classifies one changed path (absolute, under `root`). Paths the site does not use —
/// editor swap files, hidden files, anything outside the watched folders — give `None`.
pub fn classify(root: &Path, path: &Path, is_dir: bool) -> Option<Change> {
    let relative = path.strip_prefix(root).ok()?;
    let mut parts = relative
        .components()
        .map(|c| c.as_os_str().to_string_lossy());
    let top = parts.next()?;
    let rest: Vec<_> = parts.collect();
    let name = rest.last().map(|n| n.to_string()).unwrap_or_default();
    if rest
        .iter()
        .any(|part| crate::content::is_ignored_name(part))
    {
        return None;
    }
    match top.as_ref() {
        CONFIG_FILE | AUTHORS_FILE if rest.is_empty() => Some(Change::Config(top.to_string())),
        // A translation table changes words on every page (issue #21).
        I18N_DIR if rest.is_empty() || name.ends_with(".yaml") || name.ends_with(".yml") => {
            Some(Change::Config(format!("{I18N_DIR}/{}", rest.join("/"))))
        }
        CONTENT_DIR | TEMPLATES_DIR | STATIC_DIR if rest.is_empty() => Some(Change::ContentFolder),
        CONTENT_DIR if is_dir => Some(Change::ContentFolder),
        CONTENT_DIR if name == SECTION_INDEX => Some(Change::SectionIndex),
        CONTENT_DIR if name.ends_with(".md") => Some(Change::Article(path.to_path_buf())),
        CONTENT_DIR => Some(Change::Asset(path.to_path_buf())),
        TEMPLATES_DIR if !rest.is_empty() && !is_dir => Some(Change::Template(rest.join("/"))),
        STATIC_DIR if !rest.is_empty() && !is_dir => Some(Change::Static(path.to_path_buf())),
        _ => None,
    }
}

/// Watches the site's inputs (`content/`, `templates/`, `static/` recursively; the root itself
/// for `site.yaml` and for those folders appearing later) and sends each settled batch of
/// changed paths.
pub struct Watcher {
    root: PathBuf,
    debouncer: Debouncer<RecommendedWatcher, RecommendedCache>,
    watched: Vec<PathBuf>,
}

impl Watcher {
    /// Starts watching `root`.
    pub fn start(root: &Path, batches: Sender<Vec<PathBuf>>) -> Result<Watcher> {
        let debouncer = new_debouncer(
            DEBOUNCE,
            Some(Duration::from_millis(2)),
            move |result: DebounceEventResult| {
                if let Ok(events) = result {
                    // Reads (our own copying of photos, an editor opening a file) are not changes.
                    let paths: Vec<PathBuf> = events
                        .into_iter()
                        .filter(|e| !matches!(e.event.kind, EventKind::Access(_)))
                        .flat_map(|e| e.event.paths)
                        .collect();
                    if !paths.is_empty() {
                        let _ = batches.send(paths);
                    }
                }
            },
        )
        .map_err(|e| watch_error(root, e))?;
        let mut watcher = Watcher {
            root: root.to_path_buf(),
            debouncer,
            watched: Vec::new(),
        };
        // Not recursive: catches site.yaml and new top-level folders without watching the
        // output folder or anything else that lives beside the site.
        watcher
            .debouncer
            .watch(root, RecursiveMode::NonRecursive)
            .map_err(|e| watch_error(root, e))?;
        watcher.watch_new_folders()?;
        Ok(watcher)
    }

    /// Starts watching any of the input folders that exist now but did not before.
    pub fn watch_new_folders(&mut self) -> Result<()> {
        for name in SOURCE_DIRS {
            let dir = self.root.join(name);
            if dir.is_dir() && !self.watched.contains(&dir) {
                self.debouncer
                    .watch(&dir, RecursiveMode::Recursive)
                    .map_err(|e| watch_error(&dir, e))?;
                self.watched.push(dir);
            }
        }
        Ok(())
    }
}

fn watch_error(path: &Path, error: impl std::fmt::Display) -> Error {
    Error::io(
        path,
        std::io::Error::other(format!("cannot watch for changes: {error}")),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(path: &str) -> Option<Change> {
        classify(Path::new("/site"), Path::new(path), false)
    }

    #[test]
    fn paths_are_classified_by_folder_and_name() {
        assert_eq!(
            change("/site/content/world/a.md"),
            Some(Change::Article("/site/content/world/a.md".into()))
        );
        assert_eq!(
            change("/site/content/world/_index.md"),
            Some(Change::SectionIndex)
        );
        assert_eq!(
            change("/site/content/world/a/photo.jpg"),
            Some(Change::Asset("/site/content/world/a/photo.jpg".into()))
        );
        assert_eq!(
            change("/site/templates/article.html"),
            Some(Change::Template("article.html".into()))
        );
        assert_eq!(
            change("/site/templates/shared/x.html"),
            Some(Change::Template("shared/x.html".into()))
        );
        assert_eq!(
            change("/site/static/css/x.css"),
            Some(Change::Static("/site/static/css/x.css".into()))
        );
        assert_eq!(
            change("/site/site.yaml"),
            Some(Change::Config("site.yaml".into()))
        );
        assert_eq!(
            change("/site/authors.yaml"),
            Some(Change::Config("authors.yaml".into()))
        );
        assert_eq!(
            change("/site/i18n/fr.yaml"),
            Some(Change::Config("i18n/fr.yaml".into()))
        );
        assert_eq!(change("/site/i18n/notes.txt"), None);
        assert_eq!(
            classify(Path::new("/site"), Path::new("/site/content/world"), true),
            Some(Change::ContentFolder)
        );
    }

    #[test]
    fn editor_temporaries_output_and_other_files_are_ignored() {
        for ignored in [
            "/site/content/.a.md.swp",
            "/site/content/a.md~",
            "/site/content/#a.md#",
            "/site/content/4913",
            "/site/public/index.html",
            "/site/README.md",
            "/elsewhere/content/a.md",
            "/site/content/.git/HEAD",
        ] {
            assert_eq!(change(ignored), None, "{ignored}");
        }
    }
}
