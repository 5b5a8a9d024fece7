//! Photos: every local figure image is decoded once, resized to the configured widths (never
//! upscaled) in its own format and in WebP, and given content-hashed names, so pages get
//! responsive `<picture>` markup with fixed dimensions and hosts can cache the files forever.
//! Results live in a cache folder outside the output, keyed by the photo's bytes and the
//! settings, so an unchanged photo is never processed twice. Captions and credits embedded by
//! agencies (IPTC, XMP) fill in what the writer left out.

mod integrity;
pub mod metadata;

use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use serde::{Deserialize, Serialize};

use crate::config::SiteConfig;
use crate::content::{Article, AttachPhotos};
use crate::error::{Error, Location, Warning};
use crate::markdown::{Figure, ImageSource, InlineImage};
use crate::progress::Progress;

use metadata::Embedded;
use stakes_images::Format;

/// How photos are processed; from `site.yaml` `images:` and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoSettings {
    /// Widths of the resized copies, ascending.
    pub widths: Vec<u32>,
    /// JPEG quality, 1–100.
    pub jpeg_quality: u8,
    /// WebP quality, 1–100.
    pub webp_quality: u8,
    /// Width of the Open Graph copy.
    pub og_width: u32,
    /// Whether to resize at all (`--no-image-processing` links the originals as they are).
    pub process: bool,
    /// The cache folder.
    pub cache_dir: PathBuf,
    /// The base URL's path, which every published URL starts with.
    pub base_path: String,
}

/// Bumped when the processing changes in a way that must invalidate cached results. 2: truncated
/// photos are refused (issue #16), so results cached from one before are not trusted.
const PIPELINE_VERSION: u32 = 2;
/// Attribute `sizes` for lead photos (which run wider than the text column) and inline ones.
const LEAD_SIZES: &str = "(min-width: 60rem) 52rem, 100vw";
const INLINE_SIZES: &str = "(min-width: 42rem) 40rem, 100vw";
/// The width the default `src` aims at.
const DEFAULT_WIDTH: u32 = 960;

/// One resized copy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Variant {
    width: u32,
    height: u32,
    extension: String,
}

/// Published copies of one format: (output path, width, height), ascending.
type Copies = Vec<(String, u32, u32)>;

/// A photo's set and whether it was processed now (rather than found in the cache).
type Prepared = Result<(PhotoSet, bool), String>;

/// What processing a photo produced, stored beside the files in the cache.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Manifest {
    width: u32,
    height: u32,
    variants: Vec<Variant>,
    og: Option<Variant>,
    embedded: Embedded,
    /// Why the contents contradict the file name, if they do (a warning for every use).
    #[serde(default)]
    mismatch: Option<String>,
}

/// A photo's published form.
#[derive(Debug, Clone)]
struct PhotoSet {
    /// Display size (after EXIF orientation) of the original, when known.
    size: Option<(u32, u32)>,
    /// Files to publish: (file in the cache, output path).
    files: Vec<(PathBuf, String)>,
    /// srcset entries per MIME type, in ascending width: (output path, width, height).
    by_type: Vec<(&'static str, Copies)>,
    /// Output path of the Open Graph copy.
    og: Option<String>,
    embedded: Embedded,
    /// Whether the original is replaced by the resized copies (and so not published itself).
    replaces_original: bool,
    /// Why the contents contradict the file name, if they do.
    mismatch: Option<String>,
}

/// A cached source hash, valid while the file's size and modification time are unchanged.
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Fingerprint {
    size: u64,
    modified: u128,
    hash: u64,
}

/// One photo's result, filled in once by whichever article needs it first; articles showing the
/// same photo at the same time wait for that one result instead of processing it twice.
type Slot = Arc<OnceLock<Result<PhotoSet, String>>>;

/// A photo linked as it is, checked once: what its contents are, or why it cannot be used.
type Linked = Arc<OnceLock<Result<Option<integrity::Sniffed>, String>>>;

/// Photos processed for a site, reused across rebuilds of the preview server. Shared by the
/// threads that build articles: each attaches its own photos as it goes.
#[derive(Debug)]
pub struct Photos {
    settings: PhotoSettings,
    sets: Mutex<HashMap<PathBuf, Slot>>,
    fingerprints: Mutex<HashMap<PathBuf, Fingerprint>>,
    used_keys: Mutex<HashSet<String>>,
    processed: AtomicUsize,
    cached: AtomicUsize,
    /// Photos linked as they are without being read for anything else, checked once each.
    linked: Mutex<HashMap<PathBuf, Linked>>,
    /// Originals shown inside running text: published as they are, even when figures show
    /// resized copies of them.
    inline_originals: Mutex<HashSet<PathBuf>>,
    /// Problems that do not stop the build (a file whose contents contradict its name).
    warnings: Mutex<BTreeSet<Warning>>,
    /// Counts each photo that may be resized once it is settled (issue #16).
    progress: Arc<Progress>,
}

impl Photos {
    /// Starts with the cache's index of source fingerprints, if there is one.
    pub fn new(settings: PhotoSettings, progress: Arc<Progress>) -> Photos {
        let fingerprints = std::fs::read(settings.cache_dir.join("images/index.json"))
            .ok()
            .and_then(|bytes| serde_json::from_slice(&bytes).ok())
            .unwrap_or_default();
        Photos {
            settings,
            sets: Mutex::new(HashMap::new()),
            fingerprints: Mutex::new(fingerprints),
            used_keys: Mutex::new(HashSet::new()),
            processed: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            linked: Mutex::new(HashMap::new()),
            inline_originals: Mutex::new(HashSet::new()),
            warnings: Mutex::new(BTreeSet::new()),
            progress,
        }
    }

    /// Warnings about the photos figures and running text show, one per use.
    pub fn warnings(&self) -> Vec<Warning> {
        let warnings = self.warnings.lock().expect("warning lock");
        warnings.iter().cloned().collect()
    }

    fn warn(&self, source: &Path, line: usize, written_src: &str, mismatch: Option<&String>) {
        if let Some(message) = mismatch {
            self.warnings
                .lock()
                .expect("warning lock")
                .insert(Warning::new(
                    Location::line(source, line),
                    format!("photo `{written_src}` {message}"),
                ));
        }
    }

    /// Checks, once per photo, a file that is linked as it is (from its first and last bytes).
    fn check_linked(&self, file: &Path) -> Result<Option<integrity::Sniffed>, String> {
        let slot = {
            let mut linked = self.linked.lock().expect("linked lock");
            Arc::clone(linked.entry(file.to_path_buf()).or_default())
        };
        slot.get_or_init(|| integrity::check_file(file)).clone()
    }

    /// Photos resized in this run.
    pub fn processed(&self) -> usize {
        self.processed.load(Ordering::Relaxed)
    }

    /// Photos whose resized copies came from the cache in this run.
    pub fn cached(&self) -> usize {
        self.cached.load(Ordering::Relaxed)
    }

    /// The results known so far, for the questions asked after the articles are built.
    fn known(&self) -> std::sync::MutexGuard<'_, HashMap<PathBuf, Slot>> {
        self.sets
            .lock()
            .expect("no panics while holding the photo lock")
    }

    /// Processes (or takes from the cache) a figure's local photo if not seen before, and fills
    /// in the figure's sizes, sources and embedded caption or credit. Safe to call from many
    /// threads at once.
    fn attach_figure(&self, source: &Path, figure: &mut Figure) -> Result<(), Error> {
        let Some(image) = &figure.file else {
            return Ok(());
        };
        let at = Location::line(source, figure.line);
        let needs_metadata = figure.credit.is_none() || figure.caption_html.is_none();
        let slot = {
            let mut sets = self.known();
            match sets.get(&image.file) {
                Some(slot) => Some(Arc::clone(slot)),
                None if self.settings.process || needs_metadata => Some(Arc::clone(
                    sets.entry(image.file.clone())
                        .or_insert_with(|| Arc::new(OnceLock::new())),
                )),
                None => None,
            }
        };
        let Some(slot) = slot else {
            // Linked as it is and needed for nothing else: still never published incomplete.
            let kind = self
                .check_linked(&image.file)
                .map_err(|m| Error::content(at, format!("photo `{}` {m}", figure.written_src)))?;
            let mismatch = integrity::mismatch(kind, &image.file);
            self.warn(source, figure.line, &figure.written_src, mismatch.as_ref());
            return Ok(());
        };
        let result = slot.get_or_init(|| {
            let prepared = self
                .prepare(&image.file, &image.site_path)
                .map(|(set, processed)| {
                    if processed {
                        self.processed.fetch_add(1, Ordering::Relaxed);
                    } else if self.settings.process && set.replaces_original {
                        self.cached.fetch_add(1, Ordering::Relaxed);
                    }
                    set
                });
            // Counted against the photos expected, which are the ones that may be resized.
            if self.may_replace(&image.file) {
                self.progress.photo_done();
            }
            prepared
        });
        match result {
            Ok(set) => {
                self.warn(
                    source,
                    figure.line,
                    &figure.written_src,
                    set.mismatch.as_ref(),
                );
                apply_set(figure, set, &self.settings.base_path);
                Ok(())
            }
            Err(message) => Err(Error::content(
                at,
                format!("photo `{}` {message}", figure.written_src),
            )),
        }
    }

    /// Files to publish: every resized copy, from the cache to its output path.
    pub fn files_to_copy(&self) -> Vec<(PathBuf, String)> {
        let mut files: Vec<(PathBuf, String)> = self
            .known()
            .values()
            .filter_map(|slot| slot.get()?.as_ref().ok())
            .flat_map(|s| s.files.iter().cloned())
            .collect();
        files.sort_by(|a, b| a.1.cmp(&b.1));
        files.dedup_by(|a, b| a.1 == b.1);
        files
    }

    /// The published files of the photos one article shows: resized copies of its figures'
    /// photos, and the originals it shows inside running text.
    pub fn files_for(&self, article: &Article) -> Vec<(PathBuf, String)> {
        let sets = self.known();
        let mut files: Vec<(PathBuf, String)> = article
            .figures()
            .filter_map(|f| f.file.as_ref())
            .filter_map(|image| sets.get(&image.file)?.get()?.as_ref().ok())
            .flat_map(|set| set.files.iter().cloned())
            .collect();
        files.extend(
            article
                .body
                .inline_images
                .iter()
                .filter_map(|i| i.file.as_ref())
                .map(|i| (i.file.clone(), i.site_path.clone())),
        );
        files
    }

    /// Whether some figure or running text shows `file` (so a change to it affects pages, and
    /// what was found when it was checked is out of date).
    pub fn knows(&self, file: &Path) -> bool {
        self.known().contains_key(file)
            || self.linked.lock().expect("linked lock").contains_key(file)
    }

    /// Whether `file` could be replaced by resized copies once a figure shows it: only photos
    /// we resize. Anything else can be published before the articles are read.
    pub fn may_replace(&self, file: &Path) -> bool {
        self.settings.process
            && file
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| is_resizable(&e.to_ascii_lowercase()))
    }

    /// Whether `file` is an original that its resized copies replace in the output (never one
    /// that running text shows as it is).
    pub fn replaces(&self, file: &Path) -> bool {
        let sets = self.known();
        matches!(sets.get(file).and_then(|slot| slot.get()), Some(Ok(set)) if set.replaces_original)
            && !self
                .inline_originals
                .lock()
                .expect("inline lock")
                .contains(file)
    }

    /// Photos that figures use.
    pub fn count(&self) -> usize {
        self.known().len()
    }

    /// Saves the fingerprint index so the next build can skip reading unchanged photos.
    pub fn save_index(&self) -> std::io::Result<()> {
        let dir = self.settings.cache_dir.join("images");
        std::fs::create_dir_all(&dir)?;
        let fingerprints = self.fingerprints.lock().expect("fingerprint lock");
        let json = serde_json::to_vec(&*fingerprints).map_err(std::io::Error::other)?;
        let temporary = dir.join("index.json.new");
        std::fs::write(&temporary, json)?;
        std::fs::rename(temporary, dir.join("index.json"))
    }

    /// Deletes cached results this build did not use; returns how many.
    pub fn prune_cache(&self) -> std::io::Result<usize> {
        let dir = self.settings.cache_dir.join("images");
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

    /// Resizes (or takes from the cache) one photo. Returns the set and whether work was done.
    fn prepare(&self, file: &Path, site_path: &str) -> Prepared {
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !self.settings.process || !is_resizable(&extension) {
            return Ok((self.pass_through(file, &extension)?, false));
        }
        let hash = self.source_hash(file)?;
        let key = format!(
            "{:016x}",
            xxhash_rust::xxh3::xxh3_64(
                format!(
                    "{hash:016x}|{:?}|{}|{}|{}|{PIPELINE_VERSION}",
                    self.settings.widths,
                    self.settings.jpeg_quality,
                    self.settings.webp_quality,
                    self.settings.og_width
                )
                .as_bytes()
            )
        );
        self.used_keys.lock().expect("key lock").insert(key.clone());
        let dir = self.settings.cache_dir.join("images").join(&key);
        let manifest_path = dir.join("manifest.json");
        let cached: Option<Manifest> = std::fs::read(&manifest_path)
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        let (manifest, processed) = match cached {
            Some(manifest)
                if manifest_files(&manifest)
                    .iter()
                    .all(|f| dir.join(f).is_file()) =>
            {
                (manifest, false)
            }
            _ => (self.process(file, &dir)?, true),
        };
        Ok((publish(&manifest, &dir, site_path, &key[..6]), processed))
    }

    /// A photo we link as it is: its size where we can read it, and its embedded text. It is
    /// checked for completeness all the same: a cut-off file is as broken linked as resized.
    fn pass_through(&self, file: &Path, extension: &str) -> Result<PhotoSet, String> {
        const HEAD: u64 = 4 * 1024 * 1024;
        let bytes = read_head(file, HEAD).map_err(|e| format!("cannot be read: {e}"))?;
        let kind = if (bytes.len() as u64) < HEAD {
            integrity::check_whole(&bytes).map_err(str::to_string)?;
            integrity::sniff(&bytes)
        } else {
            integrity::check_file(file)?
        };
        let size = match extension {
            "svg" => svg_size(&String::from_utf8_lossy(&bytes)),
            "jpg" | "jpeg" | "png" | "webp" | "gif" if self.settings.process => Some(
                stakes_images::probe(&bytes)
                    .map(|(_, w, h)| (w, h))
                    .map_err(|e| e.to_string())?,
            ),
            _ => None,
        };
        Ok(PhotoSet {
            size,
            files: Vec::new(),
            by_type: Vec::new(),
            og: None,
            embedded: metadata::read(&bytes),
            replaces_original: false,
            mismatch: integrity::mismatch(kind, file),
        })
    }

    /// The source's content hash, read from the fingerprint index when the file is unchanged.
    fn source_hash(&self, file: &Path) -> Result<u64, String> {
        let metadata = std::fs::metadata(file).map_err(|e| format!("cannot be read: {e}"))?;
        let modified = metadata
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map(|d| d.as_nanos())
            .unwrap_or(0);
        if let Some(known) = self
            .fingerprints
            .lock()
            .expect("fingerprint lock")
            .get(file)
        {
            if known.size == metadata.len() && known.modified == modified && modified != 0 {
                return Ok(known.hash);
            }
        }
        let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
        let hash = xxhash_rust::xxh3::xxh3_64(&bytes);
        self.fingerprints.lock().expect("fingerprint lock").insert(
            file.to_path_buf(),
            Fingerprint {
                size: metadata.len(),
                modified,
                hash,
            },
        );
        Ok(hash)
    }

    /// Decodes, resizes and encodes one photo into `dir`.
    fn process(&self, file: &Path, dir: &Path) -> Result<Manifest, String> {
        let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
        // Checked before decoding: the decoder fills a cut-off JPEG's missing rows with grey.
        integrity::check_whole(&bytes).map_err(str::to_string)?;
        let mismatch = integrity::mismatch(integrity::sniff(&bytes), file);
        let original = stakes_images::decode(&bytes).map_err(|e| e.to_string())?;
        let embedded = metadata::read(&bytes);
        drop(bytes);
        let parent = dir.parent().expect("cache entries live in a folder");
        std::fs::create_dir_all(parent)
            .map_err(|e| format!("cannot be cached in {}: {e}", parent.display()))?;
        // Two figures may show identical photos and be processed at once: each writes its own
        // staging folder, and the first to finish wins.
        let staging = tempfile::Builder::new()
            .prefix(".staging-")
            .tempdir_in(parent)
            .map_err(|e| format!("cannot be cached in {}: {e}", parent.display()))?;
        let staging_path = staging.path().to_path_buf();
        let settings = &self.settings;
        let mut widths: Vec<u32> = settings
            .widths
            .iter()
            .copied()
            .filter(|w| *w < original.width)
            .collect();
        let largest = settings
            .widths
            .iter()
            .copied()
            .max()
            .unwrap_or(original.width)
            .min(original.width);
        if !widths.contains(&largest) {
            widths.push(largest);
        }
        widths.sort_unstable();
        let formats: Vec<Format> = match original.format {
            Format::WebP => vec![Format::WebP],
            Format::Png => vec![Format::Png, Format::WebP],
            _ => vec![Format::Jpeg, Format::WebP],
        };
        let write = |name: String, data: Vec<u8>| -> Result<(), String> {
            std::fs::write(staging_path.join(&name), data)
                .map_err(|e| format!("cannot be cached: {e}"))
        };
        let encode = |image: &stakes_images::Decoded, format: Format| {
            stakes_images::encode(image, format, settings.jpeg_quality, settings.webp_quality)
                .map_err(|e| e.to_string())
        };
        let mut variants = Vec::new();
        // Largest first, each from the one before: Lanczos from a close size keeps the quality
        // and costs a fraction of resizing every copy from the original.
        let mut previous: Option<stakes_images::Decoded> = None;
        for &width in widths.iter().rev() {
            let from = previous.as_ref().unwrap_or(&original);
            let resized = if width == from.width {
                None
            } else {
                Some(stakes_images::resize(from, width).map_err(|e| e.to_string())?)
            };
            let image = resized.as_ref().unwrap_or(from);
            for &format in &formats {
                write(
                    format!("{width}.{}", format.extension()),
                    encode(image, format)?,
                )?;
                variants.push(Variant {
                    width,
                    height: image.height,
                    extension: format.extension().to_string(),
                });
            }
            previous = resized.or(previous);
        }
        let og_width = settings.og_width.min(original.width);
        let og_format = if original.format == Format::Png {
            Format::Png
        } else {
            Format::Jpeg
        };
        let og_image = if og_width == original.width {
            None
        } else {
            Some(stakes_images::resize(&original, og_width).map_err(|e| e.to_string())?)
        };
        let og_image = og_image.as_ref().unwrap_or(&original);
        write(
            format!("og.{}", og_format.extension()),
            encode(og_image, og_format)?,
        )?;
        let manifest = Manifest {
            width: original.width,
            height: original.height,
            variants,
            og: Some(Variant {
                width: og_image.width,
                height: og_image.height,
                extension: og_format.extension().to_string(),
            }),
            embedded,
            mismatch,
        };
        write(
            "manifest.json".to_string(),
            serde_json::to_vec(&manifest).map_err(|e| e.to_string())?,
        )?;
        let staging_path = staging.keep();
        let complete = |manifest: &Manifest| {
            manifest_files(manifest)
                .iter()
                .all(|f| dir.join(f).is_file())
        };
        let existing: Option<Manifest> = std::fs::read(dir.join("manifest.json"))
            .ok()
            .and_then(|b| serde_json::from_slice(&b).ok());
        if dir.exists() && !existing.as_ref().is_some_and(complete) {
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
        Ok(manifest)
    }
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

/// Output names: `photo.960.3f9a1c.webp` beside the original's output path.
fn publish(manifest: &Manifest, dir: &Path, site_path: &str, tag: &str) -> PhotoSet {
    let (folder, name) = match site_path.rfind('/') {
        Some(i) => (&site_path[..=i], &site_path[i + 1..]),
        None => ("", site_path),
    };
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let mut files = Vec::new();
    let mut by_type: Vec<(&'static str, Copies)> = Vec::new();
    let mut variants = manifest.variants.clone();
    variants.sort_by_key(|v| v.width);
    for variant in &variants {
        let output = format!(
            "{folder}{stem}.{}.{tag}.{}",
            variant.width, variant.extension
        );
        files.push((
            dir.join(format!("{}.{}", variant.width, variant.extension)),
            output.clone(),
        ));
        let mime = mime_of(&variant.extension);
        match by_type.iter_mut().find(|(m, _)| *m == mime) {
            Some((_, list)) => list.push((output, variant.width, variant.height)),
            None => by_type.push((mime, vec![(output, variant.width, variant.height)])),
        }
    }
    let og = manifest.og.as_ref().map(|og| {
        let output = format!("{folder}{stem}.og.{tag}.{}", og.extension);
        files.push((dir.join(format!("og.{}", og.extension)), output.clone()));
        output
    });
    // The fallback (`<img>`) format goes last so templates can take it as the default.
    by_type.sort_by_key(|(mime, _)| *mime != "image/webp");
    PhotoSet {
        size: Some((manifest.width, manifest.height)),
        files,
        by_type,
        og,
        embedded: manifest.embedded.clone(),
        replaces_original: true,
        mismatch: manifest.mismatch.clone(),
    }
}

impl AttachPhotos for Photos {
    fn attach(&self, source: &Path, figure: &mut Figure) -> Result<(), Error> {
        self.attach_figure(source, figure)
    }

    fn inline(&self, source: &Path, image: &InlineImage) -> Result<(), Error> {
        let Some(local) = &image.file else {
            return Ok(());
        };
        self.inline_originals
            .lock()
            .expect("inline lock")
            .insert(local.file.clone());
        let kind = self.check_linked(&local.file).map_err(|message| {
            Error::content(
                Location::line(source, image.line),
                format!("photo `{}` {message}", image.written_src),
            )
        })?;
        let mismatch = integrity::mismatch(kind, &local.file);
        self.warn(source, image.line, &image.written_src, mismatch.as_ref());
        Ok(())
    }
}

fn mime_of(extension: &str) -> &'static str {
    match extension {
        "webp" => "image/webp",
        "png" => "image/png",
        "gif" => "image/gif",
        _ => "image/jpeg",
    }
}

/// Whether a photo with this (lowercase) extension is resized; anything else is linked as is.
fn is_resizable(extension: &str) -> bool {
    matches!(extension, "jpg" | "jpeg" | "png" | "webp")
}

/// Fills a figure from its photo: sizes, sources, and embedded caption or credit where the
/// writer gave none (what the writer wrote always wins).
fn apply_set(figure: &mut Figure, set: &PhotoSet, base_path: &str) {
    if figure.credit.is_none() {
        if let Some(line) = set.embedded.credit_line() {
            figure.credit = Some(line);
            figure.credit_from = Some("embedded");
        }
    }
    if figure.caption_html.is_none() {
        if let Some(caption) = &set.embedded.caption {
            figure.caption_html = Some(escape_html(caption));
            figure.caption_from = Some("embedded");
        }
    }
    if let Some((width, height)) = set.size {
        figure.width = Some(width);
        figure.height = Some(height);
    }
    let Some((_, fallback)) = set.by_type.last() else {
        return;
    };
    let url = |path: &str| format!("{base_path}{}", crate::content::encode_path(path));
    let srcset = |list: &[(String, u32, u32)]| {
        list.iter()
            .map(|(p, w, _)| format!("{} {w}w", url(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let default = fallback
        .iter()
        .rev()
        .find(|(_, w, _)| *w <= DEFAULT_WIDTH)
        .or(fallback.first())
        .expect("at least one variant");
    let largest = fallback.last().expect("at least one variant");
    figure.width = Some(largest.1);
    figure.height = Some(largest.2);
    figure.src = url(&default.0);
    figure.thumbnail = Some(url(&fallback[0].0));
    figure.srcset = Some(srcset(fallback));
    figure.sizes = Some(
        if figure.lead {
            LEAD_SIZES
        } else {
            INLINE_SIZES
        }
        .to_string(),
    );
    figure.sources = set.by_type[..set.by_type.len() - 1]
        .iter()
        .map(|(mime, list)| ImageSource {
            kind: mime.to_string(),
            srcset: srcset(list),
        })
        .collect();
    figure.og = set.og.as_deref().map(url);
}

fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for ch in text.chars() {
        match ch {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            other => out.push(other),
        }
    }
    out
}

/// Reads at most `limit` bytes from the start of a file (header metadata lives there).
fn read_head(file: &Path, limit: u64) -> std::io::Result<Vec<u8>> {
    use std::io::Read;
    let mut bytes = Vec::new();
    std::fs::File::open(file)?
        .take(limit)
        .read_to_end(&mut bytes)?;
    Ok(bytes)
}

/// An SVG's size from its `width`/`height` (in px or unitless), else from its `viewBox`.
fn svg_size(text: &str) -> Option<(u32, u32)> {
    let start = text.find("<svg")?;
    let tag = &text[start..start + text[start..].find('>')?];
    let attribute = |name: &str| {
        let at = tag.find(&format!(" {name}=\""))? + name.len() + 3;
        let end = tag[at..].find('"')?;
        Some(&tag[at..at + end])
    };
    let number = |value: &str| {
        value
            .trim_end_matches("px")
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|n| *n > 0.0)
            .map(|n| n.round() as u32)
    };
    if let (Some(w), Some(h)) = (
        attribute("width").and_then(number),
        attribute("height").and_then(number),
    ) {
        return Some((w, h));
    }
    let view_box: Vec<f64> = attribute("viewBox")?
        .split([' ', ','])
        .filter_map(|p| p.parse().ok())
        .collect();
    (view_box.len() == 4 && view_box[2] > 0.0 && view_box[3] > 0.0)
        .then(|| (view_box[2].round() as u32, view_box[3].round() as u32))
}

/// Settings from `site.yaml` with the command line's switch applied.
pub fn settings(root: &Path, config: &SiteConfig, process: bool) -> PhotoSettings {
    let images = &config.images;
    PhotoSettings {
        widths: images.widths.clone(),
        jpeg_quality: images.jpeg_quality,
        webp_quality: images.webp_quality,
        og_width: 1200,
        process: process && images.process,
        cache_dir: root.join(&images.cache_dir),
        base_path: config.base_path.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn svg_sizes_come_from_attributes_or_the_view_box() {
        assert_eq!(
            svg_size(r#"<svg xmlns="x" width="300px" height="150">"#),
            Some((300, 150))
        );
        assert_eq!(
            svg_size(r#"<?xml?><svg viewBox="0 0 640 480" width="100%">"#),
            Some((640, 480))
        );
        assert_eq!(svg_size("<svg>"), None);
    }

    #[test]
    fn published_names_carry_the_width_and_a_content_tag() {
        let manifest = Manifest {
            width: 2000,
            height: 1000,
            variants: vec![
                Variant {
                    width: 960,
                    height: 480,
                    extension: "jpg".into(),
                },
                Variant {
                    width: 960,
                    height: 480,
                    extension: "webp".into(),
                },
                Variant {
                    width: 480,
                    height: 240,
                    extension: "jpg".into(),
                },
            ],
            og: None,
            embedded: Embedded::default(),
            mismatch: None,
        };
        let set = publish(
            &manifest,
            Path::new("/cache/k"),
            "world/summit/ruins.jpg",
            "3f9a1c",
        );
        assert_eq!(set.by_type[0].0, "image/webp");
        assert_eq!(set.by_type[1].1[0].0, "world/summit/ruins.480.3f9a1c.jpg");
        assert!(set.files.contains(&(
            PathBuf::from("/cache/k/960.webp"),
            "world/summit/ruins.960.3f9a1c.webp".into()
        )));
    }
}
