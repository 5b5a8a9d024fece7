//! Photo decoding, resizing and encoding for stakes, behind small non-generic functions. It is
//! its own crate because the resizer's generic code costs over a minute of release codegen in
//! whichever crate instantiates it; compiled here, it is built once and cached.
//!
//! Every decode runs under limits (dimensions and memory), applies the EXIF orientation (our
//! re-encoded files carry no EXIF, and browsers rotate originals by it), and reports problems
//! as values: nothing here panics on bad input.

#![forbid(unsafe_code)]

use std::io::Cursor;

use fast_image_resize::images::Image;
use fast_image_resize::{FilterType, PixelType, ResizeAlg, ResizeOptions, Resizer};
use image::codecs::jpeg::JpegEncoder;
use image::codecs::png::PngEncoder;
use image::{DynamicImage, ImageDecoder, ImageEncoder, ImageFormat, ImageReader, Limits};

/// Widest or tallest image accepted, in pixels; bigger claims are refused before any allocation.
pub const MAX_SIDE: u32 = 20_000;
/// Most memory one decode may allocate.
pub const MAX_ALLOC: u64 = 512 * 1024 * 1024;

/// The raster formats we resize.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// JPEG photos.
    Jpeg,
    /// PNG graphics (alpha kept).
    Png,
    /// WebP.
    WebP,
    /// GIF (passed through; see [`probe`]).
    Gif,
}

impl Format {
    /// The usual file extension.
    pub fn extension(self) -> &'static str {
        match self {
            Format::Jpeg => "jpg",
            Format::Png => "png",
            Format::WebP => "webp",
            Format::Gif => "gif",
        }
    }
}

/// A decoded photo: 8-bit RGB or RGBA pixels, orientation applied.
pub struct Decoded {
    /// Pixels, row by row.
    pub pixels: Vec<u8>,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// Whether `pixels` has an alpha channel (RGBA) or not (RGB).
    pub alpha: bool,
    /// The format the bytes really were (not what the file name said).
    pub format: Format,
}

/// What went wrong, as a sentence for the user.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ImageError(pub String);

impl std::fmt::Display for ImageError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for ImageError {}

fn limits() -> Limits {
    let mut limits = Limits::default();
    limits.max_image_width = Some(MAX_SIDE);
    limits.max_image_height = Some(MAX_SIDE);
    limits.max_alloc = Some(MAX_ALLOC);
    limits
}

/// A reader over bytes in memory.
type BytesReader<'a> = ImageReader<Cursor<&'a [u8]>>;

fn reader(bytes: &[u8]) -> Result<(BytesReader<'_>, Format), ImageError> {
    let mut reader = ImageReader::new(Cursor::new(bytes))
        .with_guessed_format()
        .map_err(|e| ImageError(format!("cannot read: {e}")))?;
    reader.limits(limits());
    let format = match reader.format() {
        Some(ImageFormat::Jpeg) => Format::Jpeg,
        Some(ImageFormat::Png) => Format::Png,
        Some(ImageFormat::WebP) => Format::WebP,
        Some(ImageFormat::Gif) => Format::Gif,
        Some(other) => {
            return Err(ImageError(format!(
                "is a {other:?} image; use JPEG, PNG, WebP or GIF"
            )))
        }
        None => {
            return Err(ImageError(
                "is not a JPEG, PNG, WebP or GIF image (its contents do not match any of them)"
                    .into(),
            ))
        }
    };
    Ok((reader, format))
}

fn describe(error: image::ImageError) -> ImageError {
    match error {
        image::ImageError::Limits(_) => ImageError(format!(
            "is too large to process safely (more than {MAX_SIDE} pixels on a side, or more than {} MiB decoded)",
            MAX_ALLOC / (1024 * 1024)
        )),
        other => ImageError(format!("is damaged or truncated: {other}")),
    }
}

/// Reads the format and the displayed size (after orientation) without decoding the pixels.
pub fn probe(bytes: &[u8]) -> Result<(Format, u32, u32), ImageError> {
    let (reader, format) = reader(bytes)?;
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let (width, height) = decoder.dimensions();
    let rotated = decoder
        .orientation()
        .map(|o| {
            use image::metadata::Orientation::*;
            matches!(o, Rotate90 | Rotate270 | Rotate90FlipH | Rotate270FlipH)
        })
        .unwrap_or(false);
    Ok(if rotated {
        (format, height, width)
    } else {
        (format, width, height)
    })
}

/// Decodes a photo under the limits and applies its EXIF orientation.
pub fn decode(bytes: &[u8]) -> Result<Decoded, ImageError> {
    let (reader, format) = reader(bytes)?;
    let mut decoder = reader.into_decoder().map_err(describe)?;
    let orientation = decoder
        .orientation()
        .unwrap_or(image::metadata::Orientation::NoTransforms);
    let mut image = DynamicImage::from_decoder(decoder).map_err(describe)?;
    image.apply_orientation(orientation);
    let alpha = image.color().has_alpha();
    let (width, height) = (image.width(), image.height());
    let pixels = if alpha {
        image.into_rgba8().into_raw()
    } else {
        image.into_rgb8().into_raw()
    };
    Ok(Decoded {
        pixels,
        width,
        height,
        alpha,
        format,
    })
}

/// Resizes to `width` pixels wide, keeping the aspect ratio (Lanczos3).
pub fn resize(image: &Decoded, width: u32) -> Result<Decoded, ImageError> {
    let height = ((u64::from(image.height) * u64::from(width) + u64::from(image.width) / 2)
        / u64::from(image.width))
    .max(1) as u32;
    resize_exact(image, width, height)
}

/// Resizes to exactly `width` × `height` pixels (Lanczos3); used after [`crop`], whose region
/// already has the aspect ratio wanted.
pub fn resize_exact(image: &Decoded, width: u32, height: u32) -> Result<Decoded, ImageError> {
    if width == 0 || height == 0 {
        return Err(ImageError("cannot resize to an empty image".into()));
    }
    let pixel_type = if image.alpha {
        PixelType::U8x4
    } else {
        PixelType::U8x3
    };
    let source = Image::from_vec_u8(image.width, image.height, image.pixels.clone(), pixel_type)
        .map_err(|e| ImageError(format!("cannot resize: {e}")))?;
    let mut target = Image::new(width, height, pixel_type);
    Resizer::new()
        .resize(
            &source,
            &mut target,
            &ResizeOptions::new().resize_alg(ResizeAlg::Convolution(FilterType::Lanczos3)),
        )
        .map_err(|e| ImageError(format!("cannot resize: {e}")))?;
    Ok(Decoded {
        pixels: target.into_vec(),
        width,
        height,
        alpha: image.alpha,
        format: image.format,
    })
}

/// The `width` × `height` region whose top left corner is at (`x`, `y`), copied out; an error
/// when the region is empty or does not lie inside the image.
pub fn crop(
    image: &Decoded,
    x: u32,
    y: u32,
    width: u32,
    height: u32,
) -> Result<Decoded, ImageError> {
    let inside = width > 0
        && height > 0
        && x.checked_add(width)
            .is_some_and(|right| right <= image.width)
        && y.checked_add(height)
            .is_some_and(|bottom| bottom <= image.height);
    if !inside {
        return Err(ImageError(format!(
            "cannot crop {width}×{height} at ({x}, {y}) from a {}×{} image",
            image.width, image.height
        )));
    }
    let channels = if image.alpha { 4 } else { 3 };
    let row = image.width as usize * channels;
    let (start, length) = (x as usize * channels, width as usize * channels);
    let mut pixels = Vec::with_capacity(length * height as usize);
    for line in image
        .pixels
        .chunks_exact(row)
        .skip(y as usize)
        .take(height as usize)
    {
        pixels.extend_from_slice(&line[start..start + length]);
    }
    Ok(Decoded {
        pixels,
        width,
        height,
        alpha: image.alpha,
        format: image.format,
    })
}

/// Encodes as JPEG (alpha is dropped onto white).
pub fn encode_jpeg(image: &Decoded, quality: u8) -> Result<Vec<u8>, ImageError> {
    let rgb = if image.alpha {
        flatten(image)
    } else {
        image.pixels.clone()
    };
    let mut out = Vec::new();
    JpegEncoder::new_with_quality(&mut out, quality.clamp(1, 100))
        .write_image(
            &rgb,
            image.width,
            image.height,
            image::ExtendedColorType::Rgb8,
        )
        .map_err(|e| ImageError(format!("cannot encode JPEG: {e}")))?;
    Ok(out)
}

/// Encodes as PNG.
pub fn encode_png(image: &Decoded) -> Result<Vec<u8>, ImageError> {
    let kind = if image.alpha {
        image::ExtendedColorType::Rgba8
    } else {
        image::ExtendedColorType::Rgb8
    };
    let mut out = Vec::new();
    PngEncoder::new(&mut out)
        .write_image(&image.pixels, image.width, image.height, kind)
        .map_err(|e| ImageError(format!("cannot encode PNG: {e}")))?;
    Ok(out)
}

/// Encodes as lossy WebP (libwebp).
pub fn encode_webp(image: &Decoded, quality: u8) -> Result<Vec<u8>, ImageError> {
    let encoder = if image.alpha {
        webp::Encoder::from_rgba(&image.pixels, image.width, image.height)
    } else {
        webp::Encoder::from_rgb(&image.pixels, image.width, image.height)
    };
    let memory = encoder
        .encode_simple(false, f32::from(quality.clamp(1, 100)))
        .map_err(|e| ImageError(format!("cannot encode WebP: {e:?}")))?;
    Ok(memory.to_vec())
}

/// Encodes in the given format (GIF is written as PNG: we never animate resized copies).
pub fn encode(
    image: &Decoded,
    format: Format,
    jpeg_quality: u8,
    webp_quality: u8,
) -> Result<Vec<u8>, ImageError> {
    match format {
        Format::Jpeg => encode_jpeg(image, jpeg_quality),
        Format::Png | Format::Gif => encode_png(image),
        Format::WebP => encode_webp(image, webp_quality),
    }
}

fn flatten(image: &Decoded) -> Vec<u8> {
    image
        .pixels
        .chunks_exact(4)
        .flat_map(|p| {
            let a = u16::from(p[3]);
            let blend = |c: u8| ((u16::from(c) * a + 255 * (255 - a)) / 255) as u8;
            [blend(p[0]), blend(p[1]), blend(p[2])]
        })
        .collect()
}
