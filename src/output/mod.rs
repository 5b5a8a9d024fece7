//! The only module that writes into the output directory. A build writes a complete new site
//! into a staging folder beside the output and swaps it in only when everything succeeded, so a
//! failed build never leaves a half-written site. Only folders we created (they carry our marker
//! file) or empty ones are ever replaced: nothing the user wrote is deleted.

use std::path::{Component, Path, PathBuf};

use crate::error::{Error, Result};
use crate::folder::Folder;
use crate::layout::{CONFIG_FILE, CONTENT_DIR, DEFAULT_OUTPUT_DIR, SOURCE_DIRS};

/// Marker file that says "stakes made this folder"; its absence protects user folders.
pub const MARKER: &str = ".stakes-output";

/// Refuses output directories that would overwrite or delete the user's work: the site root
/// itself, an ancestor of it, a folder holding a `content/` folder, the home folder, or a folder
/// inside `content/`, `templates/` or `static/`.
pub fn check_output_dir(root: &Path, output: &Path) -> Result<PathBuf> {
    let refuse = |reason: &str| Error::UnsafeOutput {
        path: output.to_path_buf(),
        reason: reason.to_string(),
    };
    let root = resolve(root);
    let resolved = resolve(output);
    if resolved.parent().is_none() {
        return Err(refuse("it is the filesystem root"));
    }
    if resolved == root {
        return Err(refuse(
            "it is the site root; use a folder inside it, such as public/",
        ));
    }
    if root.starts_with(&resolved) {
        return Err(refuse(
            "it contains the site; use a folder inside the site, such as public/",
        ));
    }
    // Windows names the home folder USERPROFILE (HOME only under Git Bash and the like).
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE"));
    if let Some(home) = home.map(PathBuf::from) {
        if resolve(&home) == resolved {
            return Err(refuse("it is your home folder"));
        }
    }
    for protected in SOURCE_DIRS {
        if resolved.starts_with(root.join(protected)) {
            return Err(refuse(&format!(
                "it is inside {protected}/, which holds your sources"
            )));
        }
    }
    if resolved.join(CONTENT_DIR).is_dir() || resolved.join(CONFIG_FILE).is_file() {
        return Err(refuse(
            "it looks like a site (it has content/ or site.yaml)",
        ));
    }
    Ok(resolved)
}

/// An absolute, symlink-free form of `path`, even when its last components do not exist yet:
/// the existing part is canonicalised and `..` in the rest is applied lexically. On Windows
/// the result is a plain `C:\…` path, not the `\\?\C:\…` form `std::fs::canonicalize` gives:
/// in that form `/` is not a separator, and every output file is created by a `/`-separated
/// path below it (issue #22).
pub fn resolve(path: &Path) -> PathBuf {
    let absolute = if path.is_absolute() {
        path.to_path_buf()
    } else {
        std::env::current_dir()
            .map(|d| d.join(path))
            .unwrap_or_else(|_| path.to_path_buf())
    };
    let mut existing = absolute.clone();
    let mut rest: Vec<std::ffi::OsString> = Vec::new();
    loop {
        if let Ok(canonical) = dunce::canonicalize(&existing) {
            let mut result = canonical;
            for part in rest.iter().rev() {
                match Path::new(part).components().next() {
                    Some(Component::ParentDir) => {
                        result.pop();
                    }
                    Some(Component::CurDir) | None => {}
                    _ => result.push(part),
                }
            }
            return result;
        }
        match (
            existing.file_name().map(|n| n.to_os_string()),
            existing.parent(),
        ) {
            (Some(name), Some(parent)) => {
                rest.push(name);
                existing = parent.to_path_buf();
            }
            _ => {
                let last = existing.components().next_back();
                if matches!(last, Some(Component::ParentDir)) {
                    rest.push("..".into());
                    existing.pop();
                    continue;
                }
                return absolute;
            }
        }
    }
}

/// An output path made only of plain names, so nothing is ever written outside the output.
fn checked_relative(relative: &str) -> Result<&str> {
    let safe = Path::new(relative)
        .components()
        .all(|c| matches!(c, Component::Normal(_)));
    if !safe || relative.is_empty() {
        return Err(Error::UnsafeOutput {
            path: PathBuf::from(relative),
            reason: "an output path must stay inside the output folder".to_string(),
        });
    }
    Ok(relative)
}

/// Replaces one file of a served site atomically (write beside it, then rename), so a reader
/// never sees half a page.
pub fn replace_file(dir: &Path, relative: &str, bytes: &[u8]) -> Result<()> {
    let target = dir.join(checked_relative(relative)?);
    if let Some(parent) = target.parent() {
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    }
    let temporary = target.with_file_name(format!(
        ".{}.stakes-new",
        target
            .file_name()
            .map(|n| n.to_string_lossy())
            .unwrap_or_default()
    ));
    std::fs::write(&temporary, bytes).map_err(|e| Error::io(&temporary, e))?;
    std::fs::rename(&temporary, &target).map_err(|e| Error::io(&target, e))
}

/// A new site being written; dropped without [`Staging::commit`] it removes itself and leaves
/// the old output untouched.
#[derive(Debug)]
pub struct Staging {
    output: PathBuf,
    /// The staging folder beside the output, open: every file is created relative to it.
    folder: Folder,
    /// The folder most linked files come from (`content/`), open: files under it are linked
    /// by their path relative to it.
    sources: Option<Folder>,
    committed: bool,
    /// The folder of the output that writes go into (`fr/`), or nothing: a multilingual site
    /// writes each language's edition into its own folder (issue #21).
    folder_prefix: String,
    /// Every file written, for the manifest (kept here rather than found by walking the folder).
    written: std::sync::Mutex<Vec<String>>,
    /// Folders known to exist in the staging folder: a file going into one of them (a search
    /// fragment, a tag page) needs no `mkdir` to find that out.
    folders: std::sync::Mutex<rustc_hash::FxHashSet<String>>,
}

impl Staging {
    /// Starts writing a site that will replace `output`. Refuses a non-empty `output` that we did
    /// not create, unless `force`.
    pub fn begin(output: &Path, force: bool) -> Result<Staging> {
        if output.exists() {
            if !output.is_dir() {
                return Err(Error::UnsafeOutput {
                    path: output.to_path_buf(),
                    reason: "it is a file, not a folder".to_string(),
                });
            }
            let empty = std::fs::read_dir(output)
                .map_err(|e| Error::io(output, e))?
                .next()
                .is_none();
            if !empty && !output.join(MARKER).is_file() && !force {
                return Err(Error::UnsafeOutput {
                    path: output.to_path_buf(),
                    reason: format!(
                        "it is not empty and was not created by stakes (no {MARKER} file in it); \
                         choose another --output, empty it yourself, or pass --force to replace it"
                    ),
                });
            }
            if !force {
                let foreign = foreign_files(output)?;
                if !foreign.is_empty() {
                    let shown: Vec<String> =
                        foreign.iter().take(5).map(|f| format!("`{f}`")).collect();
                    return Err(Error::UnsafeOutput {
                        path: output.to_path_buf(),
                        reason: format!(
                            "{} {} not written by stakes, and a build replaces the whole folder: put files you want \
                             published (a CNAME, a verification file …) in static/ so every build copies them, \
                             or delete them, or pass --force to let the build remove them",
                            shown.join(", "),
                            if foreign.len() == 1 { "was" } else { "were" }
                        ),
                    });
                }
            }
        }
        let parent = output.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        let name = output
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| DEFAULT_OUTPUT_DIR.into());
        remove_abandoned_staging(parent, &name);
        let dir = parent.join(format!(".{name}.stakes-staging-{}", std::process::id()));
        if dir.exists() {
            std::fs::remove_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        }
        std::fs::create_dir_all(&dir).map_err(|e| Error::io(&dir, e))?;
        let folder = Folder::open(&dir).map_err(|e| Error::io(&dir, e))?;
        Ok(Staging {
            output: output.to_path_buf(),
            folder,
            sources: None,
            committed: false,
            folder_prefix: String::new(),
            written: std::sync::Mutex::new(Vec::new()),
            folders: std::sync::Mutex::default(),
        })
    }

    /// Links files found under `dir` by their path relative to it (fewer names for the kernel
    /// to resolve per file); if `dir` cannot be opened, files are linked by their full path.
    pub fn link_sources_from(&mut self, dir: &Path) {
        self.sources = Folder::open(dir).ok();
    }

    /// Sends the writes and copies that follow into `prefix` (`fr/`, ending in `/`) of the
    /// output, or its root (`""`).
    pub fn write_into(&mut self, prefix: &str) {
        debug_assert!(prefix.is_empty() || prefix.ends_with('/'));
        self.folder_prefix = prefix.to_string();
    }

    /// `relative` checked, inside the folder writes go into.
    fn placed<'r>(&self, relative: &'r str) -> Result<std::borrow::Cow<'r, str>> {
        let relative = checked_relative(relative)?;
        Ok(if self.folder_prefix.is_empty() {
            std::borrow::Cow::Borrowed(relative)
        } else {
            std::borrow::Cow::Owned(format!("{}{relative}", self.folder_prefix))
        })
    }

    /// Writes one file (path relative to the output root, or to the folder of
    /// [`Staging::write_into`]).
    pub fn write(&self, relative: &str, bytes: &[u8]) -> Result<()> {
        let placed = self.placed(relative)?;
        let relative = placed.as_ref();
        self.ensure_parent(relative)?;
        // Never through an existing entry: it could be a hard link to a user's file.
        let mut file = self
            .folder
            .create_new(relative)
            .map_err(|e| Error::io(self.folder.path_of(relative), e))?;
        std::io::Write::write_all(&mut file, bytes)
            .map_err(|e| Error::io(self.folder.path_of(relative), e))?;
        self.record(relative);
        Ok(())
    }

    fn record(&self, relative: &str) {
        self.written
            .lock()
            .expect("no panics while holding the lock")
            .push(relative.to_string());
    }

    /// [`Staging::copy`] of a file from a cache, which may have been deleted since the build
    /// found it: `false` (and nothing written) if it is not there.
    pub fn link_kept(&self, source: &Path, relative: &str) -> Result<bool> {
        match self.copy(source, relative) {
            Ok(()) => Ok(true),
            Err(Error::Io { path, source: e })
                if path == source && e.kind() == std::io::ErrorKind::NotFound =>
            {
                Ok(false)
            }
            Err(error) => Err(error),
        }
    }

    /// Puts a file into the site: a hard link where the file system allows (photos and static
    /// files are the bulk of a site's bytes, and a link copies none of them), else a copy. The
    /// output is replaced as a whole on every build, never edited in place, so sharing the
    /// bytes with the source is safe.
    pub fn copy(&self, source: &Path, relative: &str) -> Result<()> {
        let placed = self.placed(relative)?;
        let relative = placed.as_ref();
        // Most files go into a folder that exists already (the site root, an article's
        // folder): link first, and create the folder only when the link says it is missing.
        let (from, name) = self
            .sources
            .as_ref()
            .and_then(|sources| Some((Some(sources), sources.relative(source)?)))
            .unwrap_or((None, source));
        let mut linked = self.folder.hard_link(from, name, relative);
        if matches!(&linked, Err(e) if e.kind() == std::io::ErrorKind::NotFound) {
            self.ensure_parent(relative)?;
            linked = self.folder.hard_link(from, name, relative);
        }
        let path = || self.folder.path_of(relative);
        match linked {
            Ok(()) => {}
            // Something is already there: copying over it could write into a linked original.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
                return Err(Error::io(path(), e))
            }
            // Another file system, or one without links: a real copy, into a new file only.
            Err(_) => {
                let mut from = std::fs::File::open(source).map_err(|e| Error::io(source, e))?;
                let mut to = self
                    .folder
                    .create_new(relative)
                    .map_err(|e| Error::io(path(), e))?;
                std::io::copy(&mut from, &mut to).map_err(|e| Error::io(source, e))?;
            }
        }
        self.record(relative);
        Ok(())
    }

    /// Creates the folder `relative` goes in, unless this build made or met it already. Most
    /// files go into a folder that exists or whose parent does, so one `mkdir` answers (where
    /// `create_dir_all` would also `stat` an existing folder), and none for the next file into
    /// the same folder: tens of thousands of system calls fewer on a large site.
    fn ensure_parent(&self, relative: &str) -> Result<()> {
        let Some((parent, _)) = relative.rsplit_once('/') else {
            return Ok(());
        };
        let folders = || {
            self.folders
                .lock()
                .expect("no panics while holding the lock")
        };
        if folders().contains(parent) {
            return Ok(());
        }
        match self.folder.create_dir(parent) {
            Ok(()) => {}
            // Something that is not a folder makes the write itself fail, naming the file.
            Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {}
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                let path = self.folder.path_of(parent);
                std::fs::create_dir_all(&path).map_err(|e| Error::io(path, e))?;
            }
            Err(e) => return Err(Error::io(self.folder.path_of(parent), e)),
        }
        folders().insert(parent.to_string());
        Ok(())
    }

    /// Writes `.gz` and `.br` beside every text file worth compressing, in parallel; returns how
    /// many compressed files were written.
    pub fn precompress(&self) -> Result<usize> {
        use rayon::prelude::*;
        let files: Vec<PathBuf> = walkdir::WalkDir::new(self.folder.path())
            .into_iter()
            .filter_map(|entry| entry.ok())
            .filter(|entry| entry.file_type().is_file() && is_compressible(entry.path()))
            .map(|entry| entry.into_path())
            .collect();
        let written: Vec<Result<Vec<PathBuf>>> = files
            .par_iter()
            .map(|file| precompress_file(file))
            .collect();
        let mut count = 0;
        for paths in written {
            for path in paths? {
                let relative = path
                    .strip_prefix(self.folder.path())
                    .expect("compressed beside the original");
                // The manifest spells paths with `/` on every system, as `write` records them.
                self.record(&crate::content::slash_path(relative));
                count += 1;
            }
        }
        Ok(count)
    }

    /// Marks the new site as ours and swaps it in place of the old output.
    pub fn commit(mut self) -> Result<()> {
        let marker = self.folder.path().join(MARKER);
        let mut written = std::mem::take(
            &mut *self
                .written
                .lock()
                .expect("no panics while holding the lock"),
        );
        rayon::slice::ParallelSliceMut::par_sort_unstable(&mut written[..]);
        let mut manifest = String::with_capacity(
            MANIFEST_HEADER.len() + written.iter().map(|w| w.len() + 1).sum::<usize>(),
        );
        manifest.push_str(MANIFEST_HEADER);
        for relative in written {
            manifest.push_str(&relative);
            manifest.push('\n');
        }
        std::fs::write(&marker, manifest).map_err(|e| Error::io(&marker, e))?;
        if self.output.exists() {
            let old = self.folder.path().with_file_name(format!(
                "{}.old",
                self.folder
                    .path()
                    .file_name()
                    .expect("staging has a name")
                    .to_string_lossy()
            ));
            rename_folder(&self.output, &old).map_err(|e| Error::io(&self.output, in_use(e)))?;
            if let Err(err) = rename_folder(self.folder.path(), &self.output) {
                let _ = rename_folder(&old, &self.output);
                return Err(Error::io(&self.output, in_use(err)));
            }
            self.committed = true;
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        } else {
            rename_folder(self.folder.path(), &self.output)
                .map_err(|e| Error::io(&self.output, in_use(e)))?;
            self.committed = true;
        }
        Ok(())
    }
}

/// Renames a folder. Windows refuses to rename a folder while any program holds a file in it
/// open, or has it as its current folder (a terminal, an Explorer window, a web server serving
/// it); a virus scanner or the search indexer reading the files just written holds them for
/// moments, so there a refused rename is tried again for about two seconds before giving up.
fn rename_folder(from: &Path, to: &Path) -> std::io::Result<()> {
    let mut result = std::fs::rename(from, to);
    if cfg!(windows) {
        for wait_ms in [10, 20, 50, 100, 200, 400, 600, 800] {
            match &result {
                Err(e) if e.kind() == std::io::ErrorKind::PermissionDenied => {
                    std::thread::sleep(std::time::Duration::from_millis(wait_ms));
                    result = std::fs::rename(from, to);
                }
                _ => break,
            }
        }
    }
    result
}

/// A refused rename of the output, with what to do about it: on Windows it is another program
/// using the folder.
fn in_use(error: std::io::Error) -> std::io::Error {
    if cfg!(windows) && error.kind() == std::io::ErrorKind::PermissionDenied {
        return std::io::Error::new(
            error.kind(),
            format!(
                "{error}: another program is using the output folder (a terminal or an Explorer \
                 window open in it, a web server serving it, an editor with a file of it open); \
                 close it and build again. The previous site was left as it was"
            ),
        );
    }
    error
}

/// First line of the marker: the rest lists every file the build wrote, so the next build can
/// tell the user's own files from ours.
const MANIFEST_HEADER: &str =
    "# Written by `stakes build`, which replaces this folder on every build. Files it wrote:\n";

/// Files in an output folder that the last build did not write.
fn foreign_files(output: &Path) -> Result<Vec<String>> {
    let marker = output.join(MARKER);
    let Ok(manifest) = std::fs::read_to_string(&marker) else {
        return Ok(Vec::new());
    };
    let Some(listed) = manifest.strip_prefix(MANIFEST_HEADER) else {
        return Ok(Vec::new()); // a marker from before manifests: trust it
    };
    let ours: rustc_hash::FxHashSet<&str> = listed.lines().collect();
    let mut foreign = Vec::new();
    // Unsorted walk, the few foreign files sorted at the end: sorting every folder of a large
    // output by file name parsed path components ~60,000 times and cost ~3 % of a build.
    for entry in walkdir::WalkDir::new(output) {
        let entry = entry.map_err(|e| Error::io(output, std::io::Error::other(e.to_string())))?;
        if entry.file_type().is_dir() {
            continue;
        }
        // With `/` as the manifest spells them: on Windows the walk gives `world\index.html`,
        // and every file of the last build would look foreign (issue #22).
        let relative = crate::content::slash_path(
            entry
                .path()
                .strip_prefix(output)
                .expect("walked below the output"),
        );
        if relative != MARKER && !ours.contains(relative.as_str()) {
            foreign.push(relative);
        }
    }
    foreign.sort_unstable();
    Ok(foreign)
}

/// Removes staging folders left beside the output by builds that were killed (their process is
/// gone). Where processes cannot be checked, nothing is removed.
fn remove_abandoned_staging(parent: &Path, name: &str) {
    let prefix = format!(".{name}.stakes-staging-");
    if !Path::new("/proc/self").exists() {
        return;
    }
    let Ok(entries) = std::fs::read_dir(parent) else {
        return;
    };
    for entry in entries.flatten() {
        let file_name = entry.file_name().to_string_lossy().into_owned();
        let Some(rest) = file_name.strip_prefix(&prefix) else {
            continue;
        };
        let pid = rest.trim_end_matches(".old");
        let alive = pid
            .parse::<u32>()
            .is_ok_and(|pid| Path::new(&format!("/proc/{pid}")).exists());
        if !alive {
            let _ = std::fs::remove_dir_all(entry.path());
        }
    }
}

/// Text formats that hosts serve precompressed, and the search index's chunks (issue #20:
/// varints and front-coded words, which compress by about half).
fn is_compressible(path: &Path) -> bool {
    matches!(
        path.extension().and_then(|e| e.to_str()),
        Some("html" | "css" | "js" | "mjs" | "xml" | "json" | "svg" | "txt" | "bin")
    )
}

/// A compressed copy must save at least this share of the original to be written: below it,
/// decompressing costs the client more than the bytes saved.
const WORTHWHILE: f64 = 0.9;

fn precompress_file(file: &Path) -> Result<Vec<PathBuf>> {
    use std::io::Write;
    let bytes = std::fs::read(file).map_err(|e| Error::io(file, e))?;
    let limit = (bytes.len() as f64 * WORTHWHILE) as usize;
    let mut written = Vec::new();
    let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gzip.write_all(&bytes).map_err(|e| Error::io(file, e))?;
    let gzip = gzip.finish().map_err(|e| Error::io(file, e))?;
    if gzip.len() < limit {
        let target = with_suffix(file, "gz");
        std::fs::write(&target, gzip).map_err(|e| Error::io(&target, e))?;
        written.push(target);
    }
    let mut brotli = Vec::new();
    let params = brotli::enc::BrotliEncoderParams {
        quality: 9,
        ..Default::default()
    };
    brotli::BrotliCompress(&mut bytes.as_slice(), &mut brotli, &params)
        .map_err(|e| Error::io(file, e))?;
    if brotli.len() < limit {
        let target = with_suffix(file, "br");
        std::fs::write(&target, brotli).map_err(|e| Error::io(&target, e))?;
        written.push(target);
    }
    Ok(written)
}

fn with_suffix(file: &Path, suffix: &str) -> PathBuf {
    let mut name = file.as_os_str().to_os_string();
    name.push(".");
    name.push(suffix);
    PathBuf::from(name)
}

impl Drop for Staging {
    fn drop(&mut self) {
        if !self.committed {
            let _ = std::fs::remove_dir_all(self.folder.path());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn resolve_handles_missing_tails_and_dot_dots() {
        let dir = tempfile::tempdir().unwrap();
        let base = dir.path().canonicalize().unwrap();
        assert_eq!(resolve(&dir.path().join("a/b/../c")), base.join("a/c"));
        assert_eq!(resolve(&dir.path().join("public/..")), base);
    }

    #[test]
    fn the_guard_refuses_the_site_its_parents_and_its_sources() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("site");
        std::fs::create_dir_all(root.join("content")).unwrap();
        for bad in [
            root.clone(),
            dir.path().to_path_buf(),
            root.join("content/out"),
            root.join("public/.."),
            PathBuf::from("/"),
        ] {
            assert!(check_output_dir(&root, &bad).is_err(), "{}", bad.display());
        }
        assert!(check_output_dir(&root, &root.join("public")).is_ok());
    }

    #[test]
    fn a_dropped_staging_leaves_the_old_output_alone() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("public");
        let first = Staging::begin(&out, false).unwrap();
        first.write("index.html", b"one").unwrap();
        first.commit().unwrap();
        let second = Staging::begin(&out, false).unwrap();
        second.write("index.html", b"two").unwrap();
        drop(second);
        assert_eq!(std::fs::read(out.join("index.html")).unwrap(), b"one");
        assert_eq!(
            std::fs::read_dir(dir.path()).unwrap().count(),
            1,
            "no staging folder left behind"
        );
    }

    #[test]
    fn nothing_is_written_through_a_linked_original() {
        // Files are hard links to the writer's originals: a second write or copy to the same
        // output path must fail, not change the original through the link.
        let dir = tempfile::tempdir().unwrap();
        let original = dir.path().join("photo.jpg");
        std::fs::write(&original, b"the writer's photo").unwrap();
        let staging = Staging::begin(&dir.path().join("public"), false).unwrap();
        staging.copy(&original, "world/photo.jpg").unwrap();
        assert!(staging.write("world/photo.jpg", b"a page").is_err());
        let other = dir.path().join("other.jpg");
        std::fs::write(&other, b"another photo").unwrap();
        assert!(staging.copy(&other, "world/photo.jpg").is_err());
        assert_eq!(std::fs::read(&original).unwrap(), b"the writer's photo");
    }

    #[test]
    fn a_foreign_non_empty_folder_is_refused_without_force() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
        let err = Staging::begin(dir.path(), false).unwrap_err().to_string();
        assert!(err.contains("--force"), "{err}");
        assert!(Staging::begin(dir.path(), true).is_ok());
    }
}
