//! Lead-photo crops (issue #19): 16:9, 4:3 and 1:1 for structured data and the 1.91:1 social
//! card (1200 × 630), each as wide as `og_width` when the photo allows and never upscaled,
//! centred on the article's `image.focus`. They live in their own cache entry, keyed by the
//! photo's entry, the focus and the shapes, so a photo shown by many articles is resized once
//! and cropped once per focus.
//!
//! It owns the crop geometry and the making of the crop files; where the cache keeps them is
//! [`super::cache`]'s, what a page shows of them [`super::figure`]'s.

use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

use stakes_images::Format;

use super::cache::{self, CropManifest, CropVariant};
use super::pipeline::encode;
use super::rights::Rights;
use super::{integrity, metadata, Photos};

/// A crop's aspect ratio.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) struct Shape {
    /// Its name in cached and published file names (`16x9`).
    pub(super) name: &'static str,
    /// As templates and the README write it (`16:9`).
    pub(super) ratio: &'static str,
    /// The ratio's width and height, from which every crop's size is computed.
    across: u32,
    down: u32,
}

/// Structured data's crops in the order they are listed (16:9, 4:3, 1:1), then the social
/// card's: 1200 × 630 is the size Facebook and LinkedIn ask for.
pub(super) const SHAPES: [Shape; 4] = [
    Shape {
        name: "16x9",
        ratio: "16:9",
        across: 16,
        down: 9,
    },
    Shape {
        name: "4x3",
        ratio: "4:3",
        across: 4,
        down: 3,
    },
    Shape {
        name: "1x1",
        ratio: "1:1",
        across: 1,
        down: 1,
    },
    Shape {
        name: "og",
        ratio: "1.91:1",
        across: 1200,
        down: 630,
    },
];

/// The social card's shape.
pub(super) const SOCIAL_CARD: &str = "og";

/// A photo's crops as published: files to copy, and per shape its (output path, width,
/// height), in [`SHAPES`] order.
#[derive(Debug, Clone)]
pub(super) struct CropSet {
    pub(super) files: Vec<(PathBuf, String)>,
    pub(super) crops: Vec<(Shape, String, u32, u32)>,
}

/// One lead photo's crops, made once per (file, crop key) and build.
pub(super) type CropSlot = Arc<OnceLock<Result<CropSet, String>>>;

/// The largest region of `shape` inside a `width` × `height` photo, centred as near `focus`
/// (fractions of the width and height) as the photo's edges allow: (x, y, width, height).
pub(super) fn region(width: u32, height: u32, shape: Shape, focus: (f64, f64)) -> [u32; 4] {
    let (w, h) = (u64::from(width), u64::from(height));
    let (across, down) = (u64::from(shape.across), u64::from(shape.down));
    let (crop_w, crop_h) = if w * down > h * across {
        (((h * across + down / 2) / down).clamp(1, w), h)
    } else {
        (w, ((w * down + across / 2) / across).clamp(1, h))
    };
    let start = |size: u64, part: u64, fraction: f64| -> u32 {
        let centred = (fraction * size as f64 - part as f64 / 2.0)
            .round()
            .max(0.0) as u64;
        centred.min(size - part) as u32
    };
    [
        start(w, crop_w, focus.0),
        start(h, crop_h, focus.1),
        crop_w as u32,
        crop_h as u32,
    ]
}

/// The size a crop of `crop_w` × `crop_h` is published at: `max_width` wide when the crop is
/// wider (never upscaled), its height from the shape.
pub(super) fn target_size(crop_w: u32, crop_h: u32, shape: Shape, max_width: u32) -> (u32, u32) {
    if crop_w <= max_width {
        return (crop_w, crop_h);
    }
    let (across, down) = (u64::from(shape.across), u64::from(shape.down));
    let height = ((u64::from(max_width) * down + across / 2) / across).clamp(1, u64::from(crop_h));
    (max_width, height as u32)
}

impl Photos {
    /// The crops of a lead photo whose resized copies are in the cache entry `photo_key`, made
    /// (or taken from the cache) once per build and focus. Safe to call from many threads.
    pub(super) fn lead_crops(
        &self,
        file: &Path,
        site_path: &str,
        photo_key: &str,
        focus: (f64, f64),
    ) -> Result<CropSet, String> {
        let key = cache::crop_key(photo_key, focus, &self.settings);
        self.used_keys.lock().expect("key lock").insert(key.clone());
        let slot = {
            let mut crops = self.crops.lock().expect("crop lock");
            Arc::clone(crops.entry((file.to_path_buf(), key.clone())).or_default())
        };
        slot.get_or_init(|| {
            let dir = cache::entry_dir(&self.settings.cache_dir, &key);
            let manifest = match cache::read_crop_manifest(&dir) {
                Some(manifest) if cache::crops_complete(&manifest, &dir) => manifest,
                _ => self.make_crops(file, &dir, focus)?,
            };
            Ok(publish(&manifest, &dir, site_path, &key[..6]))
        })
        .clone()
    }

    /// Decodes the photo and writes every crop into the cache entry `dir`.
    fn make_crops(
        &self,
        file: &Path,
        dir: &Path,
        focus: (f64, f64),
    ) -> Result<CropManifest, String> {
        let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
        integrity::check_whole(&bytes).map_err(str::to_string)?;
        let original = stakes_images::decode(&bytes).map_err(|e| e.to_string())?;
        let embedded = metadata::read(&bytes);
        drop(bytes);
        let rights = Rights::of(&embedded);
        // As the old Open Graph copy was: graphics stay PNG, photos become JPEG.
        let format = if original.format == Format::Png {
            Format::Png
        } else {
            Format::Jpeg
        };
        let staging = cache::staging_dir(dir)?;
        let mut crops = Vec::new();
        for shape in SHAPES {
            let [x, y, w, h] = region(original.width, original.height, shape, focus);
            let cut = stakes_images::crop(&original, x, y, w, h).map_err(|e| e.to_string())?;
            let (width, height) = target_size(w, h, shape, self.settings.og_width);
            let sized = if (width, height) == (w, h) {
                cut
            } else {
                stakes_images::resize_exact(&cut, width, height).map_err(|e| e.to_string())?
            };
            let name = format!("{}.{}", shape.name, format.extension());
            let encoded = encode(&self.settings, &sized, format, rights.as_ref())?;
            std::fs::write(staging.path().join(name), encoded)
                .map_err(|e| format!("cannot be cached: {e}"))?;
            crops.push(CropVariant {
                name: shape.name.to_string(),
                width,
                height,
                extension: format.extension().to_string(),
            });
        }
        let manifest = CropManifest { crops };
        cache::commit_crops(staging, dir, &manifest)?;
        Ok(manifest)
    }
}

/// Output names: `photo.16x9.3f9a1c.jpg` beside the original's output path.
fn publish(manifest: &CropManifest, dir: &Path, site_path: &str, tag: &str) -> CropSet {
    let (folder, name) = match site_path.rfind('/') {
        Some(i) => (&site_path[..=i], &site_path[i + 1..]),
        None => ("", site_path),
    };
    let stem = name.rsplit_once('.').map(|(s, _)| s).unwrap_or(name);
    let mut set = CropSet {
        files: Vec::new(),
        crops: Vec::new(),
    };
    for shape in SHAPES {
        let Some(crop) = manifest.crops.iter().find(|c| c.name == shape.name) else {
            continue;
        };
        let output = format!("{folder}{stem}.{}.{tag}.{}", shape.name, crop.extension);
        set.files.push((
            dir.join(format!("{}.{}", crop.name, crop.extension)),
            output.clone(),
        ));
        set.crops.push((shape, output, crop.width, crop.height));
    }
    set
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(name: &str) -> Shape {
        *SHAPES.iter().find(|s| s.name == name).unwrap()
    }

    #[test]
    fn a_wide_photo_is_cut_at_the_sides_around_the_focus_and_kept_inside() {
        let square = shape("1x1");
        assert_eq!(region(3000, 2000, square, (0.5, 0.5)), [500, 0, 2000, 2000]);
        assert_eq!(region(3000, 2000, square, (0.0, 0.5)), [0, 0, 2000, 2000]);
        assert_eq!(
            region(3000, 2000, square, (0.8, 0.5)),
            [1000, 0, 2000, 2000]
        );
        assert_eq!(region(3000, 2000, square, (0.6, 0.1)), [800, 0, 2000, 2000]);
    }

    #[test]
    fn a_tall_photo_is_cut_at_top_and_bottom() {
        assert_eq!(
            region(1200, 2000, shape("16x9"), (0.5, 0.25)),
            [0, 163, 1200, 675]
        );
        assert_eq!(
            region(1200, 2000, shape("og"), (0.5, 1.0)),
            [0, 1370, 1200, 630]
        );
    }

    #[test]
    fn crops_are_at_most_the_target_width_and_never_upscaled() {
        let card = shape("og");
        let [_, _, w, h] = region(3000, 1688, card, (0.5, 0.5));
        assert_eq!((w, h), (3000, 1575));
        assert_eq!(target_size(w, h, card, 1200), (1200, 630));
        let [_, _, w, h] = region(800, 600, card, (0.5, 0.5));
        assert_eq!(target_size(w, h, card, 1200), (800, 420));
        let four_three = shape("4x3");
        let [_, _, w, h] = region(4000, 3000, four_three, (0.5, 0.5));
        assert_eq!(target_size(w, h, four_three, 1200), (1200, 900));
    }

    #[test]
    fn a_one_pixel_photo_still_gives_a_one_pixel_crop() {
        for shape in SHAPES {
            assert_eq!(region(1, 1, shape, (1.0, 1.0)), [0, 0, 1, 1]);
        }
    }
}
