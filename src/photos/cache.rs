//! The cache folder of resized photos (`<cache>/images/`): the key of a photo's entry (and of
//! a lead photo's crops, issue #19), the manifest stored beside its files, staging a new entry and pruning unused ones. It must not
//! decode or encode images (the pipeline does), decide what a page shows (figure) or keep what
//! is known of unchanged sources (index).

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::metadata::Embedded;
use super::{PhotoSettings, Photos};
use rustc_hash::FxHashSet as HashSet;

/// Bumped when the processing changes in a way that must invalidate cached results. 2: truncated
/// photos are refused (issue #16), so results cached from one before are not trusted. 3: copies
/// carry the photo's rights (issue #19); older ones carry none and must not be served.
const PIPELINE_VERSION: u32 = 3;
/// The cache's folder of photo entries, inside the cache folder.
const IMAGES: &str = "images";
/// The manifest of a crop entry (a photo entry's is `manifest.json`).
const CROP_MANIFEST: &str = "crops.json";

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
    pub(super) embedded: Embedded,
    /// Why the contents contradict the file name, if they do (a warning for every use).
    #[serde(default)]
    pub(super) mismatch: Option<String>,
}

/// The cache entry's name for a source with this content hash under these settings.
pub(super) fn cache_key(hash: u64, settings: &PhotoSettings) -> String {
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(
            format!(
                "{hash:016x}|{:?}|{}|{}|{PIPELINE_VERSION}",
                settings.widths, settings.jpeg_quality, settings.webp_quality
            )
            .as_bytes()
        )
    )
}

/// One crop of a lead photo (`16x9.jpg`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CropVariant {
    pub(super) name: String,
    pub(super) width: u32,
    pub(super) height: u32,
    pub(super) extension: String,
}

/// What cropping a lead photo produced, stored beside the crops in their own entry.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub(super) struct CropManifest {
    pub(super) crops: Vec<CropVariant>,
}

/// The cache entry's name for the crops of the photo in entry `photo_key` centred on `focus`:
/// a new focus, a new photo or new settings give a new entry, never a stale crop.
pub(super) fn crop_key(photo_key: &str, focus: (f64, f64), settings: &PhotoSettings) -> String {
    let shapes: Vec<&str> = super::crops::SHAPES.iter().map(|s| s.name).collect();
    format!(
        "{:016x}",
        xxhash_rust::xxh3::xxh3_64(
            format!(
                "crops|{photo_key}|{:.4}|{:.4}|{shapes:?}|{}|{}|{PIPELINE_VERSION}",
                focus.0, focus.1, settings.og_width, settings.jpeg_quality
            )
            .as_bytes()
        )
    )
}

/// The crop manifest stored in an entry's folder, if it can be read.
pub(super) fn read_crop_manifest(dir: &Path) -> Option<CropManifest> {
    std::fs::read(dir.join(CROP_MANIFEST))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
}

/// Whether every crop the manifest names is in the entry's folder.
pub(super) fn crops_complete(manifest: &CropManifest, dir: &Path) -> bool {
    manifest
        .crops
        .iter()
        .all(|c| dir.join(format!("{}.{}", c.name, c.extension)).is_file())
}

/// Writes the crop manifest into a finished staging folder and moves it into place as `dir`.
pub(super) fn commit_crops(
    staging: tempfile::TempDir,
    dir: &Path,
    manifest: &CropManifest,
) -> Result<(), String> {
    let json = serde_json::to_vec(manifest).map_err(|e| e.to_string())?;
    std::fs::write(staging.path().join(CROP_MANIFEST), json)
        .map_err(|e| format!("cannot be cached: {e}"))?;
    let staging_path = staging.keep();
    if dir.exists() && !read_crop_manifest(dir).is_some_and(|m| crops_complete(&m, dir)) {
        let _ = std::fs::remove_dir_all(dir);
    }
    if std::fs::rename(&staging_path, dir).is_err() {
        // Another worker stored the same crops first; its files are identical.
        let _ = std::fs::remove_dir_all(&staging_path);
        if !dir.join(CROP_MANIFEST).is_file() {
            return Err(format!("cannot be cached in {}", dir.display()));
        }
    }
    Ok(())
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
    manifest
        .variants
        .iter()
        .map(|v| format!("{}.{}", v.width, v.extension))
        .collect()
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
    /// The cache entries this build used.
    pub fn used_keys(&self) -> HashSet<String> {
        self.used_keys
            .lock()
            .expect("key lock")
            .iter()
            .cloned()
            .collect()
    }

    /// Deletes cached results neither this build nor `also_used` (the other editions of a
    /// multilingual site, issue #21) used; returns how many.
    pub fn prune_cache(&self, also_used: &HashSet<String>) -> std::io::Result<usize> {
        let dir = self.settings.cache_dir.join(IMAGES);
        let used = self.used_keys.lock().expect("key lock");
        let mut removed = 0;
        let Ok(entries) = std::fs::read_dir(&dir) else {
            return Ok(0);
        };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            if entry.path().is_dir() && !used.contains(&name) && !also_used.contains(&name) {
                std::fs::remove_dir_all(entry.path())?;
                removed += 1;
            }
        }
        Ok(removed)
    }
}
