//! Discovery: walking `content/` and sorting what it holds into articles, section indexes and
//! assets. It decides which files are content (hidden files, editor backups and `ignore:`
//! rules are left out; symlinks only when they stay inside the site); it must not read or
//! parse any file — that is the load's job ([`super::load`]).

use std::path::{Path, PathBuf};

use rayon::prelude::*;
use walkdir::WalkDir;

use super::SourceFile;
use crate::config::{FileLanguage, LanguageFiles};
use crate::error::{Error, Location, Warning};
use crate::ignore::IgnoreRules;
use crate::layout::{CONTENT_DIR, SECTION_INDEX};

/// Files found by a walk of `content/`, besides the articles (which are handed on as they are
/// found).
#[derive(Debug, Default)]
pub struct Discovered {
    /// `_index.md` files.
    pub section_indexes: Vec<SourceFile>,
    /// Everything else.
    pub assets: Vec<SourceFile>,
    /// Symlinks skipped and similar.
    pub warnings: Vec<Warning>,
    /// Unreadable folders and the like.
    pub errors: Vec<Error>,
}

/// How many articles a walk gathers before handing them on: enough to make a task worth
/// scheduling, few enough that reading starts while the walk goes on.
const ARTICLE_BATCH: usize = 64;

/// Walks `content/` without parsing anything. Hidden files, editor backups and what `ignore`
/// leaves out are skipped; symlinks are followed only when they stay inside the site. Each top-level folder (a
/// section) is walked on its own thread: a site of page bundles has a folder per article.
/// Articles are handed to `articles` in batches as they are found, unsorted, so their front
/// matter can be read while the walk goes on (a flat folder of 40,000 files takes tens of
/// milliseconds to list); everything else is returned sorted.
///
/// In a multilingual site (issue #21), `languages` says which Markdown files are the language
/// being built's: `summit.fr.md` is found as `summit.md` by the French build and skipped by the
/// others; a file without a suffix is the default language's.
pub fn discover(
    root: &Path,
    ignore: &IgnoreRules,
    languages: Option<&LanguageFiles>,
    articles: &(dyn Fn(Vec<SourceFile>) + Sync),
) -> Discovered {
    let content_dir = root.join(CONTENT_DIR);
    if !content_dir.is_dir() {
        return Discovered::default();
    }
    let walk = Walk {
        root,
        canonical_root: root.canonicalize().unwrap_or_else(|_| root.to_path_buf()),
        content_dir: &content_dir,
        ignore,
        languages,
        articles,
    };
    let mut sections = Vec::new();
    let mut found = walk.tree(&content_dir, 1, &mut sections);
    let below: Vec<Discovered> = sections
        .par_iter()
        .map(|dir| walk.tree(dir, usize::MAX, &mut Vec::new()))
        .collect();
    for mut more in below {
        found.section_indexes.append(&mut more.section_indexes);
        found.assets.append(&mut more.assets);
        found.warnings.append(&mut more.warnings);
        found.errors.append(&mut more.errors);
    }
    // Walked in parallel and unsorted (sorting inside a walk compares parsed paths at every
    // step), so sorted once here by content path: builds are the same on every run.
    for list in [&mut found.section_indexes, &mut found.assets] {
        list.sort_unstable_by(|a, b| a.content_path.cmp(&b.content_path));
    }
    found
}

/// What every part of a content walk needs.
struct Walk<'a> {
    root: &'a Path,
    canonical_root: PathBuf,
    content_dir: &'a Path,
    ignore: &'a IgnoreRules,
    languages: Option<&'a LanguageFiles>,
    articles: &'a (dyn Fn(Vec<SourceFile>) + Sync),
}

impl Walk<'_> {
    /// The files in `dir` down to `depth` levels; folders at the last level are handed back in
    /// `deeper` instead of being entered.
    fn tree(&self, dir: &Path, depth: usize, deeper: &mut Vec<PathBuf>) -> Discovered {
        let mut found = Discovered::default();
        let mut articles = Vec::with_capacity(ARTICLE_BATCH);
        let walker = WalkDir::new(dir)
            .min_depth(1)
            .max_depth(depth)
            .follow_links(false)
            .into_iter()
            .filter_entry(|entry| !self.is_ignored(entry));
        for entry in walker {
            let entry = match entry {
                Ok(entry) => entry,
                Err(err) => {
                    let path = err
                        .path()
                        .map(|p| shown_path(self.root, p))
                        .unwrap_or_else(|| PathBuf::from(CONTENT_DIR));
                    found.errors.push(Error::content(
                        Location::file(path),
                        format!("cannot read: {err}"),
                    ));
                    continue;
                }
            };
            let file_type = entry.file_type();
            if file_type.is_dir() {
                if entry.depth() == depth {
                    deeper.push(entry.into_path());
                }
            } else if file_type.is_file() || self.followed_symlink(&entry, &mut found) {
                self.add_file(entry, &mut found, &mut articles);
                if articles.len() == ARTICLE_BATCH {
                    (self.articles)(std::mem::replace(
                        &mut articles,
                        Vec::with_capacity(ARTICLE_BATCH),
                    ));
                }
            }
        }
        if !articles.is_empty() {
            (self.articles)(articles);
        }
        found
    }

    /// Whether a file or folder is left out: by name (hidden, editor swap files) or by the
    /// site's `ignore:` rules.
    fn is_ignored(&self, entry: &walkdir::DirEntry) -> bool {
        let name = text_of(entry.file_name());
        is_ignored_name(&name)
            || self.ignore.is_ignored(&name, || {
                relative_to(entry.path(), self.content_dir)
                    .map_or(std::borrow::Cow::Borrowed(""), |relative| {
                        std::borrow::Cow::Owned(slash_path(relative))
                    })
            })
    }

    /// Whether `entry`, if a symlink, points to a file inside the site (and so counts as one);
    /// other symlinks are warned about and skipped.
    fn followed_symlink(&self, entry: &walkdir::DirEntry, found: &mut Discovered) -> bool {
        if !entry.path_is_symlink() {
            return false;
        }
        let shown = shown_path(self.root, entry.path());
        match entry.path().canonicalize() {
            Ok(target) if target.starts_with(&self.canonical_root) && target.is_file() => true,
            Ok(target) if target.starts_with(&self.canonical_root) => {
                found.warnings.push(Warning::new(Location::file(&shown), "is a symlink to a folder; it is not followed (link the files, or move the folder)"));
                false
            }
            Ok(target) => {
                found.warnings.push(Warning::new(
                    Location::file(&shown),
                    format!(
                        "is a symlink to {}, outside the site; it is not followed",
                        target.display()
                    ),
                ));
                false
            }
            Err(err) => {
                found.warnings.push(Warning::new(
                    Location::file(&shown),
                    format!("is a broken symlink ({err}); skipped"),
                ));
                false
            }
        }
    }

    /// Warns about a file named like a translation (`summit.fr.md` beside `summit.md`) into a
    /// language the site does not list, and says whether it is one (issue #21). In a site
    /// with `languages:` it is left out; in a site in one language it is published as an
    /// article of its own, at `/world/summit.fr/`, as before translations existed.
    fn note_stray_translation(
        &self,
        entry: &walkdir::DirEntry,
        name: &str,
        found: &mut Discovered,
    ) -> bool {
        let Some((stem, tag)) = crate::config::looks_like_translation(name) else {
            return false;
        };
        let original = entry.path().with_file_name(format!("{stem}.md"));
        let has_original = original.is_file();
        // In a site in one language, only a file beside its original is taken for a
        // translation (`report.it.md` alone may be about Italy).
        if !has_original && self.languages.is_none() {
            return false;
        }
        let what = if has_original {
            format!(
                "looks like a translation into `{tag}` of {}",
                slash_path(&shown_path(self.root, &original))
            )
        } else {
            format!("is named as a file in `{tag}` (`.{tag}.md`)")
        };
        let message = match self.languages {
            Some(languages) => {
                let fix = match languages.listed_like(&tag) {
                    Some(listed) => format!(
                        "rename it `{stem}.{listed}.md` for the `{listed}` edition, or add `{tag}` to `languages:`"
                    ),
                    None => format!("add `{tag}` to `languages:` to publish it, or rename it"),
                };
                format!("{what}, but that language is not in `languages:` in site.yaml: it is not published; {fix}")
            }
            None => format!(
                "{what}, but site.yaml has no `languages:`: it is published as an article of its own; add `{tag}` to `languages:` to publish it as a translation, or rename it"
            ),
        };
        found.warnings.push(Warning::new(
            Location::file(shown_path(self.root, entry.path())),
            message,
        ));
        true
    }

    fn add_file(
        &self,
        entry: walkdir::DirEntry,
        found: &mut Discovered,
        articles: &mut Vec<SourceFile>,
    ) {
        let Some(relative) = relative_to(entry.path(), self.content_dir) else {
            return;
        };
        let mut content_path = slash_path(relative);
        let mut name = text_of(entry.file_name());
        if let Some(languages) = self.languages.filter(|_| name.ends_with(".md")) {
            match languages.of(&name) {
                // A translation into a language the site does not list is not published.
                FileLanguage::Plain(_) if self.note_stray_translation(&entry, &name, found) => {
                    return
                }
                FileLanguage::Plain(_) => {}
                FileLanguage::Theirs | FileLanguage::NotOurs => return,
                FileLanguage::Ours(plain) => {
                    // Found under the name without its language: `summit.fr.md` is the
                    // French build's `summit.md`, at the same URL in its edition.
                    content_path.truncate(content_path.len() - name.len());
                    content_path.push_str(&plain);
                    name = std::borrow::Cow::Owned(plain);
                }
            }
        }
        if self.languages.is_none() && name.ends_with(".md") {
            self.note_stray_translation(&entry, &name, found);
        }
        let list = if name == SECTION_INDEX {
            &mut found.section_indexes
        } else if name.ends_with(".md") {
            articles
        } else {
            &mut found.assets
        };
        list.push(SourceFile {
            shown: shown_path(self.root, entry.path()),
            file: entry.path().to_path_buf(),
            content_path,
        });
    }
}

/// A file name or path as text, replacing what is not UTF-8. Valid text (every name, nearly
/// always) is checked with `str::from_utf8`'s ASCII fast path, which the lossy conversion
/// lacks: three conversions per file found were ~1 % of a large build.
fn text_of(name: &std::ffi::OsStr) -> std::borrow::Cow<'_, str> {
    match name.to_str() {
        Some(text) => std::borrow::Cow::Borrowed(text),
        None => name.to_string_lossy(),
    }
}

/// Editor swap files (`.a.md.swp`, `#a.md#`, vim's `4913` probe), backups and hidden files
/// never become content; the preview's watcher ignores the same names.
pub(crate) fn is_ignored_name(name: &str) -> bool {
    name.starts_with('.')
        || name.starts_with('#')
        || name.ends_with('~')
        || name.ends_with(".swp")
        || name.ends_with(".swx")
        || name.ends_with(".tmp")
        || name == "4913"
}

pub use crate::layout::slash_path;

/// `root/content/a.md` → `content/a.md`, for messages.
pub fn shown_path(root: &Path, path: &Path) -> PathBuf {
    relative_to(path, root).unwrap_or(path).to_path_buf()
}

/// `path` below `base`. Paths the walk finds are `base` joined with names, so they are
/// compared as text first: `Path::strip_prefix` goes component by component, and with two
/// calls per file it was ~2 % of a large build.
fn relative_to<'p>(path: &'p Path, base: &Path) -> Option<&'p Path> {
    #[cfg(unix)]
    {
        use std::os::unix::ffi::OsStrExt;
        let base_bytes = base.as_os_str().as_bytes();
        let rest = (path.as_os_str().as_bytes())
            .strip_prefix(base_bytes)
            .and_then(|rest| rest.strip_prefix(b"/"));
        let plain = |part: &[u8]| !part.is_empty() && part != b"." && part != b"..";
        if let Some(rest) = rest {
            if plain(base_bytes)
                && !base_bytes.ends_with(b"/")
                && rest.split(|&b| b == b'/').all(plain)
            {
                let relative = Path::new(std::ffi::OsStr::from_bytes(rest));
                debug_assert_eq!(path.strip_prefix(base).ok(), Some(relative));
                return Some(relative);
            }
        }
    }
    path.strip_prefix(base).ok()
}

impl SourceFile {
    /// Describes a file under `root/content/`, or `None` if it is not there.
    pub fn under(root: &Path, file: &Path) -> Option<SourceFile> {
        let relative = file.strip_prefix(root.join(CONTENT_DIR)).ok()?;
        let content_path = slash_path(relative);
        Some(SourceFile {
            file: file.to_path_buf(),
            shown: shown_path(root, file),
            content_path,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relative_paths_agree_with_strip_prefix() {
        let cases = [
            ("/site/content/a.md", "/site/content"),
            ("/site/content/world/a.md", "/site/content"),
            ("/site/content/a.md", "/site/content/"),
            ("/site/content//a.md", "/site/content"),
            ("/site/content/./a.md", "/site/content"),
            ("/site/content/../a.md", "/site/content"),
            ("./content/a.md", "."),
            ("content/a.md", "content"),
            ("/site/contents/a.md", "/site/content"),
            ("/site/content", "/site/content"),
            ("/elsewhere/a.md", "/site"),
        ];
        for (path, base) in cases {
            let (path, base) = (Path::new(path), Path::new(base));
            assert_eq!(
                relative_to(path, base),
                path.strip_prefix(base).ok(),
                "{path:?} {base:?}"
            );
        }
    }
}
