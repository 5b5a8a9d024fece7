//! The publisher's logo for JSON-LD (`site.yaml` `publisher.logo`, issue #19): Google News asks
//! for a PNG or JPEG that fits 600×60. When the site is loaded the logo's header is read to
//! know the copy's size (so every article's JSON-LD can name it); the copy itself is made by
//! the render job that publishes it, with the photo pipeline's resize. Never upscaled.

use std::path::{Path, PathBuf};

use serde::Serialize;
use stakes_images::Format;

/// The box the copy fits in.
pub const LOGO_BOX: (u32, u32) = (600, 60);

/// The logo copy a build publishes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PublisherLogo {
    /// The logo as written in site.yaml (a path inside `static/`).
    pub written: String,
    /// The file it is read from.
    #[serde(skip)]
    pub file: PathBuf,
    /// The copy's output path (`publisher-logo.png`).
    pub output: String,
    /// The copy's size.
    pub width: u32,
    /// The copy's size.
    pub height: u32,
}

/// Reads the logo's header and plans its copy: PNG stays PNG (keeping transparency), every
/// other raster format becomes JPEG. The error says what is wrong, for the caller to place.
pub fn plan(file: &Path, written: &str) -> Result<PublisherLogo, String> {
    let bytes = std::fs::read(file)
        .map_err(|e| format!("`publisher.logo: {written}` cannot be read ({e}): add static/{written} or remove the setting"))?;
    let (format, width, height) = stakes_images::probe(&bytes).map_err(|e| {
        format!("`publisher.logo: {written}` {e}: give a PNG or JPEG (Google News does not read SVG logos)")
    })?;
    let (width, height) = fit(width, height).ok_or_else(|| {
        format!("`publisher.logo: {written}` is {width}×{height} pixels, too tall to fit 600×60: give a wide logo")
    })?;
    Ok(PublisherLogo {
        written: written.to_string(),
        file: file.to_path_buf(),
        output: format!("publisher-logo.{}", copy_format(format).extension()),
        width,
        height,
    })
}

/// Makes the copy: decoded, resized to the planned width, encoded.
pub fn render(logo: &PublisherLogo, jpeg_quality: u8) -> Result<Vec<u8>, String> {
    let describe = |e: stakes_images::ImageError| format!("`publisher.logo: {}` {e}", logo.written);
    let bytes = std::fs::read(&logo.file)
        .map_err(|e| format!("`publisher.logo: {}` cannot be read ({e})", logo.written))?;
    let original = stakes_images::decode(&bytes).map_err(describe)?;
    let resized = if original.width == logo.width {
        None
    } else {
        Some(stakes_images::resize(&original, logo.width).map_err(describe)?)
    };
    let copy = resized.as_ref().unwrap_or(&original);
    stakes_images::encode(copy, copy_format(original.format), jpeg_quality, 0).map_err(describe)
}

fn copy_format(original: Format) -> Format {
    match original {
        Format::Png | Format::Gif | Format::WebP => Format::Png,
        Format::Jpeg => Format::Jpeg,
    }
}

/// The largest size of the same shape that fits [`LOGO_BOX`] without upscaling, rounded as
/// `stakes_images::resize` rounds the height; `None` when even one pixel's width is too tall.
fn fit(width: u32, height: u32) -> Option<(u32, u32)> {
    let (box_width, box_height) = LOGO_BOX;
    let (w, h) = (u64::from(width.max(1)), u64::from(height.max(1)));
    let by_height = (w * u64::from(box_height) / h).max(1);
    let target = w.min(u64::from(box_width)).min(by_height);
    let target_height = ((h * target + w / 2) / w).max(1);
    (target_height <= u64::from(box_height)).then_some((target as u32, target_height as u32))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn logos_fit_600_by_60_and_are_never_upscaled() {
        assert_eq!(fit(1200, 120), Some((600, 60)));
        assert_eq!(fit(2000, 100), Some((600, 30)));
        assert_eq!(fit(400, 400), Some((60, 60)));
        assert_eq!(fit(300, 50), Some((300, 50)));
        assert_eq!(fit(1000, 61), Some((600, 37)));
        assert_eq!(fit(100, 590), Some((10, 59)));
        assert_eq!(fit(7, 3000), None);
        for (w, h) in [(3000, 7), (601, 61), (1, 1), (599, 59), (61, 600)] {
            let (fw, fh) = fit(w, h).unwrap();
            assert!(
                fw <= 600 && fh <= 60 && fw <= w && fh <= h.max(1),
                "{w}×{h} → {fw}×{fh}"
            );
        }
    }
}
