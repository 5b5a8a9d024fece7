//! The cache folder of resized photos (`<cache>/images/`): the key of a photo's entry, the
//! manifest stored beside its files, the index of what is known about unchanged sources (their
//! content hashes, and the completeness verdicts of photos linked as they are), staging a new
//! entry and pruning unused ones. It must not decode or encode images (the pipeline does) nor decide what
//! a page shows (figure).

use std::collections::HashMap;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::integrity::{self, Sniffed};
use super::metadata::Embedded;
use super::{PhotoSettings, Photos};

/// Bumped when the processing changes in a way that must invalidate cached results. 2: truncated
/// photos are refused (issue #16), so results cached from one before are not trusted.
const PIPELINE_VERSION: u32 = 2;
/// The cache's folder of photo entries, inside the cache folder.
const IMAGES: &str = "images";

/// One resized copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Variant {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) extension: String,
}

/// What processing a photo produced, stored beside the files in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Manifest {
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) variants: Vec<Variant>,
    pub(super) og: Option<Variant>,
    pub(super) embedded: Embedded,
    /// Why the contents contradict the file name, if they do (a warning for every use).
    #[serde(default)]
    pub(super) mismatch: Option<String>,
}

/// A file's size and modification time: while both are unchanged, what was learnt from its bytes
/// still holds. (Never `#[serde(flatten)]`ed: serde's flattening cannot read back a `u128`.)
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct Stamp {
    size: u64,
    modified: u128,
}

impl Stamp {
    /// The stamp of a file on disk; `None` where the system keeps no modification time (then
    /// nothing about the file can be trusted from one build to the next).
    fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        let modified = metadata
            .modified()
            .ok()?
            .duration_since(std::time::UNIX_EPOCH)
            .ok()?
            .as_nanos();
        (modified != 0).then_some(Stamp {
            size: metadata.len(),
            modified,
        })
    }
}

/// A cached source hash, valid while the file's stamp is unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Fingerprint {
    stamp: Stamp,
    hash: u64,
}

/// A linked photo found whole, valid while the file's stamp is unchanged: what its contents are.
/// Photos found broken are not remembered, so they are checked again on every build.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub(super) struct Verdict {
    stamp: Stamp,
    kind: Option<Sniffed>,
}

/// What the last build learnt about unchanged sources (`<cache>/images/index.json`). An index
/// written by another version of the checks, or in an older layout, reads as empty: the only cost
/// is reading the photos once more.
#[derive(Debug, Default, Serialize, Deserialize)]
pub(super) struct Index {
    #[serde(default)]
    version: u32,
    /// Content hashes of the photos we resize.
    #[serde(default)]
    pub(super) hashes: HashMap<PathBuf, Fingerprint>,
    /// Completeness verdicts of the photos we link as they are.
    #[serde(default)]
    pub(super) linked: HashMap<PathBuf, Verdict>,
    /// Whether this build learnt something the saved index does not hold.
    #[serde(skip)]
    pub(super) changed: bool,
}

/// The index saved by the last build, or an empty one.
pub(super) fn load_index(cache_dir: &Path) -> Index {
    std::fs::read(cache_dir.join(IMAGES).join("index.json"))
        .ok()
        .and_then(|bytes| serde_json::from_slice::<Index>(&bytes).ok())
        .filter(|index| index.version == PIPELINE_VERSION)
        .unwrap_or_default()
}

/// The cache entry's name for a source with this content hash under these settings.
pub(super) fn cache_key(hash: u64, settings: &PhotoSettings) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(
            format!(
                "{hash:016x}|{:?}|{}|{}|{}|{PIPELINE_VERSION}",
                settings.widths, settings.jpeg_quality, settings.webp_quality, settings.og_width
            )
            .as_bytes()
        )
    )
}

/// The folder of one cache entry.
pub(super) fn entry_dir(cache_dir: &Path, key: &str) -> PathBuf {
    cache_dir.join(IMAGES).join(key)
}

/// The manifest stored in an entry's folder, if it can be read.
pub(super) fn read_manifest(dir: &Path) -> Option<Manifest> {
    std::fs::read(dir.join("manifest.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
}

/// Whether every file the manifest names is in the entry's folder (an interrupted build can
/// leave some out).
pub(super) fn is_complete(manifest: &Manifest, dir: &Path) -> bool {
    manifest_files(manifest)
        .iter()
        .all(|f| dir.join(f).is_file())
}

fn manifest_files(manifest: &Manifest) -> Vec<String> {
    let mut files: Vec<String> = manifest
        .variants
        .iter()
        .map(|v| format!("{}.{}", v.width, v.extension))
        .collect();
    if let Some(og) = &manifest.og {
        files.push(format!("og.{}", og.extension));
    }
    files
}

/// A fresh staging folder beside the entry `dir`. Two figures may show identical photos and be
/// processed at once: each writes its own staging folder, and the first to finish wins.
pub(super) fn staging_dir(dir: &Path) -> Result<tempfile::TempDir, String> {
    let parent = dir.parent().expect("cache entries live in a folder");
    std::fs::create_dir_all(parent)
        .map_err(|e| format!("cannot be cached in {}: {e}", parent.display()))?;
    tempfile::Builder::new()
        .prefix(".staging-")
        .tempdir_in(parent)
        .map_err(|e| format!("cannot be cached in {}: {e}", parent.display()))
}

/// Moves a finished staging folder into place as the entry `dir`.
pub(super) fn commit_staged(staging: tempfile::TempDir, dir: &Path) -> Result<(), String> {
    let staging_path = staging.keep();
    let existing = read_manifest(dir);
    if dir.exists() && !existing.is_some_and(|m| is_complete(&m, dir)) {
        // Left incomplete by an interrupted build.
        let _ = std::fs::remove_dir_all(dir);
    }
    if std::fs::rename(&staging_path, dir).is_err() {
        // Another worker stored the same photo first; its files are identical.
        let _ = std::fs::remove_dir_all(&staging_path);
        if !dir.join("manifest.json").is_file() {
            return Err(format!("cannot be cached in {}", dir.display()));
        }
    }
    Ok(())
}

impl Photos {
    /// Saves the index so the next build can skip reading unchanged photos; writes nothing when
    /// this build learnt nothing new.
    pub fn save_index(&self) -> std::io::Result<()> {
        let mut index = self.index.lock().expect("index lock");
        if !index.changed {
            return Ok(());
        }
        index.version = PIPELINE_VERSION;
        let dir = self.settings.cache_dir.join(IMAGES);
        std::fs::create_dir_all(&dir)?;
        let json = serde_json::to_vec(&*index).map_err(std::io::Error::other)?;
        let temporary = dir.join("index.json.new");
        std::fs::write(&temporary, json)?;
        std::fs::rename(temporary, dir.join("index.json"))?;
        index.changed = false;
        Ok(())
    }

    /// Deletes cached results this build did not use; returns how many.
    pub fn prune_cache(&self) -> std::io::Result<usize> {
        let dir = self.settings.cache_dir.join(IMAGES);
        let used = self.used_keys.lock().expect("key lock");
        let mut removed = 0;
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(0);
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && !used.contains(&name) {
                std::fs::remove_dir_all(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }

    /// The source's content hash, read from the index when the file is unchanged.
    pub(super) fn source_hash(&self, file: &Path) -> Result<u64, String> {
        let metadata = std::fs::metadata(file).map_err(|e| format!("cannot be read: {e}"))?;
        let stamp = Stamp::of(&metadata);
        let key = self.index_key(file);
        if let Some(known) = self.index.lock().expect("index lock").hashes.get(key) {
            if Some(known.stamp) == stamp {
                return Ok(known.hash);
            }
        }
        let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        if let Some(stamp) = stamp {
            let mut index = self.index.lock().expect("index lock");
            index
                .hashes
                .insert(key.to_path_buf(), Fingerprint { stamp, hash });
            index.changed = true;
        }
        Ok(hash)
    }

    /// How the index names a source: relative to the site root.
    fn index_key<'f>(&self, file: &'f Path) -> &'f Path {
        file.strip_prefix(&self.settings.root).unwrap_or(file)
    }

    /// Checks that a photo linked as it is is whole ([`integrity::check_file`]), or takes the
    /// verdict of an earlier build when the file is unchanged: a warm build then only asks the
    /// system for each photo's size and time, instead of opening and reading every one.
    pub(super) fn linked_verdict(&self, file: &Path) -> Result<Option<Sniffed>, String> {
        let metadata = std::fs::metadata(file).map_err(|e| format!("cannot be read: {e}"))?;
        let stamp = Stamp::of(&metadata);
        let key = self.index_key(file);
        if let Some(known) = self.index.lock().expect("index lock").linked.get(key) {
            if Some(known.stamp) == stamp {
                return Ok(known.kind);
            }
        }
        let kind = integrity::check_file(file)?;
        if let Some(stamp) = stamp {
            let mut index = self.index.lock().expect("index lock");
            index
                .linked
                .insert(key.to_path_buf(), Verdict { stamp, kind });
            index.changed = true;
        }
        Ok(kind)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_index_reads_back_what_it_wrote() {
        let stamp = Stamp {
            size: 1234,
            modified: 1_796_000_000_123_456_789,
        };
        let mut index = Index {
            version: PIPELINE_VERSION,
            ..Index::default()
        };
        index
            .hashes
            .insert("content/a.jpg".into(), Fingerprint { stamp, hash: 7 });
        index.linked.insert(
            "content/b.jpg".into(),
            Verdict {
                stamp,
                kind: Some(Sniffed::Png),
            },
        );
        let folder = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(folder.path().join(IMAGES)).unwrap();
        let json = serde_json::to_vec(&index).unwrap();
        std::fs::write(folder.path().join(IMAGES).join("index.json"), json).unwrap();
        let read = load_index(folder.path());
        assert_eq!(read.hashes[Path::new("content/a.jpg")].hash, 7);
        assert_eq!(read.hashes[Path::new("content/a.jpg")].stamp, stamp);
        let verdict = &read.linked[Path::new("content/b.jpg")];
        assert_eq!((verdict.stamp, verdict.kind), (stamp, Some(Sniffed::Png)));
    }

    #[test]
    fn an_index_of_another_version_or_layout_reads_as_empty() {
        let folder = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(folder.path().join(IMAGES)).unwrap();
        let file = folder.path().join(IMAGES).join("index.json");
        // The layout before issue #16: a bare table of fingerprints.
        std::fs::write(
            &file,
            r#"{"content/a.jpg":{"size":1,"modified":2,"hash":3}}"#,
        )
        .unwrap();
        assert!(load_index(folder.path()).hashes.is_empty());
        std::fs::write(&file, r#"{"version":1,"hashes":{},"linked":{}}"#).unwrap();
        assert_eq!(load_index(folder.path()).version, 0);
    }
}
