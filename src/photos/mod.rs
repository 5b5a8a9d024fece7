//! Photos: every local figure image is decoded once, resized to the configured widths (never
//! upscaled) in its own format and in WebP, and given content-hashed names, so pages get
//! responsive `<picture>` markup with fixed dimensions and hosts can cache the files forever.
//! Results live in a cache folder outside the output, keyed by the photo's bytes and the
//! settings, so an unchanged photo is never processed twice. Captions and credits embedded by
//! agencies (IPTC, XMP) fill in what the writer left out.
//!
//! This module owns the settings and `Photos`, the shared, thread-safe table of results with the
//! questions the build asks of it. It must not decode or encode images (`pipeline`), touch the
//! cache folder's layout (`cache`) or build a figure's markup attributes (`figure`).

mod cache;
mod crops;
mod figure;
mod index;
mod integrity;
pub mod logo;
pub mod metadata;
mod pipeline;
mod rights;

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, OnceLock};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use crate::config::SiteConfig;
use crate::content::{Article, AttachPhotos};
use crate::error::{Error, Location, Warning};
use crate::markdown::{Figure, InlineImage};
use crate::progress::Progress;

use pipeline::{is_resizable, PhotoSet};

/// How photos are processed; from `site.yaml` `images:` and the command line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PhotoSettings {
    /// Widths of the resized copies, ascending.
    pub widths: Vec<u32>,
    /// JPEG quality, 1–100.
    pub jpeg_quality: u8,
    /// WebP quality, 1–100.
    pub webp_quality: u8,
    /// Width of a lead photo's crops (the social card's and structured data's, issue #19).
    pub og_width: u32,
    /// Whether to resize at all (`--no-image-processing` links the originals as they are).
    pub process: bool,
    /// The cache folder.
    pub cache_dir: PathBuf,
    /// The site root, which the cache's index names sources relative to (so it holds however
    /// `--root` is written, and when the site folder moves).
    pub root: PathBuf,
    /// The base URL's path, which every published URL starts with.
    pub base_path: String,
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
    /// What earlier builds learnt about unchanged sources.
    index: Mutex<index::Index>,
    used_keys: Mutex<HashSet<String>>,
    /// Lead photos' crops, by file and crop entry (which holds the focus).
    crops: Mutex<HashMap<(PathBuf, String), crops::CropSlot>>,
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
    /// Starts with the cache's index of unchanged sources, if there is one.
    pub fn new(settings: PhotoSettings, progress: Arc<Progress>) -> Photos {
        let index = index::Index::load(&settings.cache_dir);
        Photos {
            settings,
            sets: Mutex::new(HashMap::default()),
            index: Mutex::new(index),
            used_keys: Mutex::new(HashSet::default()),
            crops: Mutex::new(HashMap::default()),
            processed: AtomicUsize::new(0),
            cached: AtomicUsize::new(0),
            linked: Mutex::new(HashMap::default()),
            inline_originals: Mutex::new(HashSet::default()),
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

    /// Checks, once per photo and build, a file that is linked as it is (from its first and last
    /// bytes, or the verdict of an earlier build on the unchanged file).
    fn check_linked(&self, file: &Path) -> Result<Option<integrity::Sniffed>, String> {
        let slot = {
            let mut linked = self.linked.lock().expect("linked lock");
            Arc::clone(linked.entry(file.to_path_buf()).or_default())
        };
        slot.get_or_init(|| self.linked_verdict(file)).clone()
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
        let needs_metadata =
            figure.credit.is_none() || figure.caption_html.is_none() || figure.alt.is_empty();
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
                figure::apply_set(figure, set, &self.settings.base_path);
                if let (Some(key), true) = (&set.key, figure.lead) {
                    self.attach_crops(&at, figure, key)?;
                }
                Ok(())
            }
            Err(message) => Err(Error::content(
                at,
                format!("photo `{}` {message}", figure.written_src),
            )),
        }
    }

    /// Gives a lead figure the crops of its photo, whose copies are in cache entry `key`.
    fn attach_crops(&self, at: &Location, figure: &mut Figure, key: &str) -> Result<(), Error> {
        let Some(image) = &figure.file else {
            return Ok(());
        };
        let crops = self
            .lead_crops(&image.file, &image.site_path, key, figure.focus)
            .map_err(|m| {
                Error::content(at.clone(), format!("photo `{}` {m}", figure.written_src))
            })?;
        figure::apply_crops(figure, &crops, &self.settings.base_path);
        Ok(())
    }

    /// Files to publish: every resized copy and crop, from the cache to its output path.
    pub fn files_to_copy(&self) -> Vec<(PathBuf, String)> {
        let mut files: Vec<(PathBuf, String)> = self
            .known()
            .values()
            .filter_map(|slot| slot.get()?.as_ref().ok())
            .flat_map(|s| s.files.iter().cloned())
            .collect();
        files.extend(
            self.crops
                .lock()
                .expect("crop lock")
                .values()
                .filter_map(|slot| slot.get()?.as_ref().ok())
                .flat_map(|set| set.files.iter().cloned()),
        );
        files.sort_by(|a, b| a.1.cmp(&b.1));
        files.dedup_by(|a, b| a.1 == b.1);
        files
    }

    /// The published files of the photos one article shows: resized copies of its figures'
    /// photos, its lead photo's crops, and the originals it shows inside running text.
    pub fn files_for(&self, article: &Article) -> Vec<(PathBuf, String)> {
        let sets = self.known();
        let mut files: Vec<(PathBuf, String)> = article
            .figures()
            .filter_map(|f| f.file.as_ref())
            .filter_map(|image| sets.get(&image.file)?.get()?.as_ref().ok())
            .flat_map(|set| set.files.iter().cloned())
            .collect();
        let lead_crops: HashSet<&str> = article
            .lead
            .iter()
            .flat_map(|lead| lead.crops.iter().chain(&lead.og))
            .map(|crop| crop.src.as_str())
            .collect();
        if !lead_crops.is_empty() {
            let crops = self.crops.lock().expect("crop lock");
            let base = &self.settings.base_path;
            files.extend(
                crops
                    .values()
                    .filter_map(|slot| slot.get()?.as_ref().ok())
                    .flat_map(|set| set.files.iter())
                    .filter(|(_, output)| {
                        lead_crops.contains(figure::published_url(base, output).as_str())
                    })
                    .cloned(),
            );
        }
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
        root: root.to_path_buf(),
        base_path: config.base_path.clone(),
    }
}
