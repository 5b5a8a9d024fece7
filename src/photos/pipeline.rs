//! One photo, start to finish: probe or decode it, resize it to the configured widths (never
//! upscaled) in its own format and in WebP, encode the copies through stakes-images, and name
//! the published files. It must not decide where the cache keeps things (cache) nor fill in a
//! page's figure (figure).

use std::path::Path;

use stakes_images::{Decoded, Format};

use super::cache::{self, Manifest, Variant};
use super::metadata::{self, Embedded};
use super::rights::Rights;
use super::{integrity, PhotoSettings, Photos};

/// Published copies of one format: (output path, width, height), ascending.
pub(super) type Copies = Vec<(String, u32, u32)>;

/// A photo's set and whether it was processed now (rather than found in the cache).
type Outcome = Result<(PhotoSet, bool), String>;

/// A photo's published form.
#[derive(Debug, Clone)]
pub(super) struct PhotoSet {
    /// Display size (after EXIF orientation) of the original, when known.
    pub(super) size: Option<(u32, u32)>,
    /// Files to publish: (file in the cache, output path).
    pub(super) files: Vec<(std::path::PathBuf, String)>,
    /// srcset entries per MIME type, in ascending width: (output path, width, height).
    pub(super) by_type: Vec<(&'static str, Copies)>,
    /// The cache entry of the resized copies (which a lead photo's crops are keyed by).
    pub(super) key: Option<String>,
    pub(super) embedded: Embedded,
    /// Whether the original is replaced by the resized copies (and so not published itself).
    pub(super) replaces_original: bool,
    /// Why the contents contradict the file name, if they do.
    pub(super) mismatch: Option<String>,
}

impl Photos {
    /// Resizes (or takes from the cache) one photo. Returns the set and whether work was done.
    pub(super) fn prepare(&self, file: &Path, site_path: &str) -> Outcome {
        let extension = file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("")
            .to_ascii_lowercase();
        if !self.settings.process || !is_resizable(&extension) {
            return Ok((self.pass_through(file, &extension)?, false));
        }
        let hash = self.source_hash(file)?;
        let key = cache::cache_key(hash, &self.settings);
        self.used_keys.lock().expect("key lock").insert(key.clone());
        let dir = cache::entry_dir(&self.settings.cache_dir, &key);
        let (manifest, processed) = match cache::read_manifest(&dir) {
            Some(manifest) if cache::is_complete(&manifest, &dir) => (manifest, false),
            _ => (self.process(file, &dir)?, true),
        };
        let mut set = publish(&manifest, &dir, site_path, &key[..6]);
        set.key = Some(key);
        Ok((set, processed))
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
            key: None,
            embedded: metadata::read(&bytes),
            replaces_original: false,
            mismatch: integrity::mismatch(kind, file),
        })
    }

    /// Decodes, resizes and encodes one photo into the cache entry `dir`.
    fn process(&self, file: &Path, dir: &Path) -> Result<Manifest, String> {
        let bytes = std::fs::read(file).map_err(|e| format!("cannot be read: {e}"))?;
        // Checked before decoding: the decoder fills a cut-off JPEG's missing rows with grey.
        integrity::check_whole(&bytes).map_err(str::to_string)?;
        let mismatch = integrity::mismatch(integrity::sniff(&bytes), file);
        let original = stakes_images::decode(&bytes).map_err(|e| e.to_string())?;
        let embedded = metadata::read(&bytes);
        drop(bytes);
        // Every copy names the photographer, as the original does (issue #19).
        let rights = Rights::of(&embedded);
        let rights = rights.as_ref();
        let staging = cache::staging_dir(dir)?;
        let staging_path = staging.path().to_path_buf();
        let write = |name: String, data: Vec<u8>| -> Result<(), String> {
            std::fs::write(staging_path.join(&name), data)
                .map_err(|e| format!("cannot be cached: {e}"))
        };
        let settings = &self.settings;
        let widths = target_widths(&settings.widths, original.width);
        let formats = formats_for(original.format);
        let variants = encode_variants(settings, (&original, rights), &widths, &formats, &write)?;
        let manifest = Manifest {
            width: original.width,
            height: original.height,
            variants,
            embedded,
            mismatch,
        };
        write(
            "manifest.json".to_string(),
            serde_json::to_vec(&manifest).map_err(|e| e.to_string())?,
        )?;
        cache::commit_staged(staging, dir)?;
        Ok(manifest)
    }
}

/// The widths to make of a photo `original_width` wide: every configured width below it, and
/// the largest configured width capped at the original's (never upscaled), ascending.
fn target_widths(configured: &[u32], original_width: u32) -> Vec<u32> {
    let mut widths: Vec<u32> = configured
        .iter()
        .copied()
        .filter(|w| *w < original_width)
        .collect();
    let largest = configured
        .iter()
        .copied()
        .max()
        .unwrap_or(original_width)
        .min(original_width);
    if !widths.contains(&largest) {
        widths.push(largest);
    }
    widths.sort_unstable();
    widths
}

/// The formats the copies of a photo in `format` are made in: its own, then WebP.
fn formats_for(format: Format) -> Vec<Format> {
    match format {
        Format::WebP => vec![Format::WebP],
        Format::Png => vec![Format::Png, Format::WebP],
        _ => vec![Format::Jpeg, Format::WebP],
    }
}

/// Encodes one copy (or crop) and writes the photo's rights into it (JPEG and WebP; PNG copies are of
/// graphics, whose originals we read no rights from).
pub(super) fn encode(
    settings: &PhotoSettings,
    image: &Decoded,
    format: Format,
    rights: Option<&Rights<'_>>,
) -> Result<Vec<u8>, String> {
    let bytes = stakes_images::encode(image, format, settings.jpeg_quality, settings.webp_quality)
        .map_err(|e| e.to_string())?;
    Ok(match (rights, format) {
        (Some(rights), Format::Jpeg) => rights.stamp_jpeg(&bytes),
        (Some(rights), Format::WebP) => rights.stamp_webp(&bytes, image.width, image.height),
        _ => bytes,
    })
}

/// Resizes and encodes every copy, writing each through `write` (`960.webp`).
fn encode_variants(
    settings: &PhotoSettings,
    (original, rights): (&Decoded, Option<&Rights<'_>>),
    widths: &[u32],
    formats: &[Format],
    write: &impl Fn(String, Vec<u8>) -> Result<(), String>,
) -> Result<Vec<Variant>, String> {
    let mut variants = Vec::new();
    // Largest first, each from the one before: Lanczos from a close size keeps the quality
    // and costs a fraction of resizing every copy from the original.
    let mut previous: Option<Decoded> = None;
    for &width in widths.iter().rev() {
        let from = previous.as_ref().unwrap_or(original);
        let resized = if width == from.width {
            None
        } else {
            Some(stakes_images::resize(from, width).map_err(|e| e.to_string())?)
        };
        let image = resized.as_ref().unwrap_or(from);
        for &format in formats {
            write(
                format!("{width}.{}", format.extension()),
                encode(settings, image, format, rights)?,
            )?;
            variants.push(Variant {
                width,
                height: image.height,
                extension: format.extension().to_string(),
            });
        }
        previous = resized.or(previous);
    }
    Ok(variants)
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
    // The fallback (`<img>`) format goes last so templates can take it as the default.
    by_type.sort_by_key(|(mime, _)| *mime != "image/webp");
    PhotoSet {
        size: Some((manifest.width, manifest.height)),
        files,
        by_type,
        key: None,
        embedded: manifest.embedded.clone(),
        replaces_original: true,
        mismatch: manifest.mismatch.clone(),
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
pub(super) fn is_resizable(extension: &str) -> bool {
    matches!(extension, "jpg" | "jpeg" | "png" | "webp")
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

#[cfg(test)]
mod tests {
    use std::path::PathBuf;

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
    fn target_widths_never_upscale_and_keep_the_largest_the_original_allows() {
        assert_eq!(target_widths(&[480, 960, 1600], 2000), vec![480, 960, 1600]);
        assert_eq!(target_widths(&[480, 960, 1600], 1200), vec![480, 960, 1200]);
        assert_eq!(target_widths(&[480, 960], 300), vec![300]);
        assert_eq!(target_widths(&[], 640), vec![640]);
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
