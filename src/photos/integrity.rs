//! Whether a photo file is whole, and whether its contents are what its name says. A JPEG cut
//! off in the middle (an interrupted copy or upload, a half-synced folder) still decodes: the
//! decoder fills the missing rows with grey, and every resized copy would be published with a
//! grey band at the bottom (issue #16). So completeness is checked on the bytes themselves, from
//! the format's own structure: a JPEG must reach the end-of-image marker of its main image, a
//! PNG its `IEND` chunk, a WebP the length its RIFF header announces.
//!
//! Two ways in: [`check_whole`] walks a file already read (photo processing reads every byte
//! anyway), and [`check_file`] looks at a file's first and last bytes only (one small read each),
//! for photos linked as they are (`--no-image-processing`, SVG and GIF figures, images inside
//! running text), falling back to the walk only when the end does not look like an end.

use std::path::Path;

/// A raster format recognised from a file's first bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sniffed {
    Jpeg,
    Png,
    WebP,
    Gif,
}

impl Sniffed {
    fn name(self) -> &'static str {
        match self {
            Sniffed::Jpeg => "JPEG",
            Sniffed::Png => "PNG",
            Sniffed::WebP => "WebP",
            Sniffed::Gif => "GIF",
        }
    }

    /// The name the photo index stores for a format (`-` for contents not recognised).
    pub(crate) fn name_of(kind: Option<Sniffed>) -> &'static str {
        match kind {
            Some(Sniffed::Jpeg) => "jpeg",
            Some(Sniffed::Png) => "png",
            Some(Sniffed::WebP) => "webp",
            Some(Sniffed::Gif) => "gif",
            None => "-",
        }
    }

    /// [`Sniffed::name_of`] read back; `None` for a name it never writes.
    pub(crate) fn from_name(name: &str) -> Option<Option<Sniffed>> {
        match name {
            "jpeg" => Some(Some(Sniffed::Jpeg)),
            "png" => Some(Some(Sniffed::Png)),
            "webp" => Some(Some(Sniffed::WebP)),
            "gif" => Some(Some(Sniffed::Gif)),
            "-" => Some(None),
            _ => None,
        }
    }

    /// Whether a (lowercase) extension names this format.
    fn matches(self, extension: &str) -> bool {
        match self {
            Sniffed::Jpeg => matches!(extension, "jpg" | "jpeg" | "jpe" | "jfif"),
            Sniffed::Png => extension == "png",
            Sniffed::WebP => extension == "webp",
            Sniffed::Gif => extension == "gif",
        }
    }
}

/// What the file's own bytes say it is, if it is one of the raster formats we publish.
pub(crate) fn sniff(head: &[u8]) -> Option<Sniffed> {
    if head.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(Sniffed::Jpeg)
    } else if head.starts_with(b"\x89PNG\r\n\x1a\n") {
        Some(Sniffed::Png)
    } else if head.len() >= 12 && head.starts_with(b"RIFF") && &head[8..12] == b"WEBP" {
        Some(Sniffed::WebP)
    } else if head.starts_with(b"GIF87a") || head.starts_with(b"GIF89a") {
        Some(Sniffed::Gif)
    } else {
        None
    }
}

/// The message for a file that ends before its image does.
pub(crate) const ENDS_EARLY: &str =
    "is incomplete: the file ends early (an interrupted copy, upload or export left part of the picture out): export it again";

/// Checks a whole file in memory: `Err` with the reason (to follow "photo `x.jpg` ") when it
/// ends before its image does.
pub(crate) fn check_whole(bytes: &[u8]) -> Result<(), &'static str> {
    let whole = match sniff(bytes) {
        Some(Sniffed::Jpeg) => jpeg_reaches_its_end(bytes),
        Some(Sniffed::Png) => png_reaches_iend(bytes),
        Some(Sniffed::WebP) => webp_has_its_length(bytes, bytes.len() as u64),
        // GIFs and unknown contents are left to the decoder (or published as they are).
        Some(Sniffed::Gif) | None => true,
    };
    if whole {
        Ok(())
    } else {
        Err(ENDS_EARLY)
    }
}

/// Checks a file on disk from its first and last bytes; reads it whole only when its last bytes
/// are not the format's end (a JPEG with data after its image, say). Returns what the contents
/// really are, for [`mismatch`].
pub(crate) fn check_file(file: &Path) -> Result<Option<Sniffed>, String> {
    use std::io::{Read, Seek, SeekFrom};
    let cannot_read = |e: std::io::Error| format!("cannot be read: {e}");
    let mut handle = std::fs::File::open(file).map_err(cannot_read)?;
    let length = handle.metadata().map_err(cannot_read)?.len();
    let mut head = [0u8; 16];
    let head_length = read_up_to(&mut handle, &mut head).map_err(cannot_read)?;
    let head = &head[..head_length];
    let kind = sniff(head);
    let mut tail = [0u8; 12];
    let tail_start = length.saturating_sub(tail.len() as u64);
    handle
        .seek(SeekFrom::Start(tail_start))
        .map_err(cannot_read)?;
    let tail_length = read_up_to(&mut handle, &mut tail).map_err(cannot_read)?;
    let tail = &tail[..tail_length];
    let ends_well = match kind {
        Some(Sniffed::Jpeg) => tail.ends_with(&[0xFF, 0xD9]),
        Some(Sniffed::Png) => tail.ends_with(&PNG_IEND),
        Some(Sniffed::WebP) => return whole_or_early(webp_has_its_length(head, length), kind),
        Some(Sniffed::Gif) | None => return Ok(kind),
    };
    if ends_well {
        return Ok(kind);
    }
    let mut bytes = Vec::with_capacity(length as usize);
    handle.seek(SeekFrom::Start(0)).map_err(cannot_read)?;
    handle.read_to_end(&mut bytes).map_err(cannot_read)?;
    check_whole(&bytes).map_err(str::to_string)?;
    Ok(kind)
}

fn whole_or_early(whole: bool, kind: Option<Sniffed>) -> Result<Option<Sniffed>, String> {
    if whole {
        Ok(kind)
    } else {
        Err(ENDS_EARLY.to_string())
    }
}

/// Fills `buffer` as far as the file allows.
fn read_up_to(handle: &mut std::fs::File, buffer: &mut [u8]) -> std::io::Result<usize> {
    use std::io::Read;
    let mut filled = 0;
    while filled < buffer.len() {
        match handle.read(&mut buffer[filled..])? {
            0 => break,
            n => filled += n,
        }
    }
    Ok(filled)
}

/// A warning's text when the contents are another format than the extension says, e.g. a PNG
/// saved as `chart.jpg`: browsers sniff and show it, but hosts send the wrong type and tools
/// that trust the name (our own credit reading among them) go wrong.
pub(crate) fn mismatch(kind: Option<Sniffed>, file: &Path) -> Option<String> {
    let kind = kind?;
    let extension = file.extension()?.to_str()?.to_ascii_lowercase();
    let known = ["jpg", "jpeg", "jpe", "jfif", "png", "webp", "gif"];
    if !known.contains(&extension.as_str()) || kind.matches(&extension) {
        return None;
    }
    Some(format!(
        "is a {} file named `.{extension}`: rename it to `.{}` (and change the reference) so hosts and tools treat it as what it is",
        kind.name(),
        match kind {
            Sniffed::Jpeg => "jpg",
            Sniffed::Png => "png",
            Sniffed::WebP => "webp",
            Sniffed::Gif => "gif",
        }
    ))
}

/// The last 12 bytes of every PNG: the empty `IEND` chunk with its checksum.
const PNG_IEND: [u8; 12] = [0, 0, 0, 0, b'I', b'E', b'N', b'D', 0xAE, 0x42, 0x60, 0x82];

/// Walks a JPEG's segments to the end-of-image marker of its main image. Segments with a length
/// (metadata, tables, the embedded EXIF thumbnail with its own markers) are skipped whole; after
/// each start-of-scan the compressed data is skipped to the next marker (in it, `FF` is always
/// followed by `00` or a restart marker). Data after the end marker (phones append videos or
/// depth maps) does not matter.
fn jpeg_reaches_its_end(bytes: &[u8]) -> bool {
    let mut at = 2;
    loop {
        // A marker: one or more `FF`, then its code.
        let Some(start) = memchr::memchr(0xFF, bytes.get(at..).unwrap_or_default()) else {
            return false;
        };
        at += start;
        while bytes.get(at) == Some(&0xFF) {
            at += 1;
        }
        let Some(&code) = bytes.get(at) else {
            return false;
        };
        at += 1;
        match code {
            0xD9 => return true,
            // Markers without a length.
            0x01 | 0xD0..=0xD7 => {}
            _ => {
                let Some(length) = bytes.get(at..at + 2) else {
                    return false;
                };
                at += usize::from(u16::from_be_bytes([length[0], length[1]]));
                if at > bytes.len() {
                    return false;
                }
                if code == 0xDA {
                    match skip_scan(bytes, at) {
                        Some(next) => at = next,
                        None => return false,
                    }
                }
            }
        }
    }
}

/// The offset of the marker that ends compressed scan data starting at `at`, if the file has one.
fn skip_scan(bytes: &[u8], mut at: usize) -> Option<usize> {
    loop {
        at += memchr::memchr(0xFF, bytes.get(at..)?)?;
        match bytes.get(at + 1)? {
            // A stuffed byte, a restart marker, or fill before a marker.
            0x00 | 0xD0..=0xD7 | 0xFF => at += 1,
            _ => return Some(at),
        }
    }
}

/// Walks a PNG's chunks (length, type, data, checksum) to `IEND`.
fn png_reaches_iend(bytes: &[u8]) -> bool {
    let mut at = 8;
    while let Some(header) = bytes.get(at..at + 8) {
        if &header[4..8] == b"IEND" {
            return true;
        }
        let length = u32::from_be_bytes([header[0], header[1], header[2], header[3]]);
        at = match at.checked_add(12 + length as usize) {
            Some(next) => next,
            None => return false,
        };
    }
    false
}

/// A WebP is as long as its RIFF header says (8 bytes of header plus the announced size).
fn webp_has_its_length(head: &[u8], length: u64) -> bool {
    head.get(4..8).is_some_and(|size| {
        let size = u32::from_le_bytes([size[0], size[1], size[2], size[3]]);
        length >= u64::from(size) + 8
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A minimal JPEG-shaped byte string: SOI, an APP1 holding a thumbnail's own SOI…EOI, a
    /// table, SOS, scan data with a stuffed byte and a restart marker, EOI, then a trailer.
    fn jpeg_like() -> Vec<u8> {
        let mut bytes = vec![0xFF, 0xD8];
        bytes.extend([0xFF, 0xE1, 0x00, 0x08, 0xFF, 0xD8, 0x12, 0x34, 0xFF, 0xD9]);
        bytes.extend([0xFF, 0xDB, 0x00, 0x04, 0x01, 0x02]);
        bytes.extend([0xFF, 0xDA, 0x00, 0x03, 0x00]);
        bytes.extend([0x11, 0xFF, 0x00, 0x22, 0xFF, 0xD0, 0x33, 0x44, 0x55]);
        bytes.extend([0xFF, 0xD9]);
        bytes
    }

    #[test]
    fn a_jpeg_is_whole_only_if_its_main_image_reaches_its_end_marker() {
        let whole = jpeg_like();
        assert!(jpeg_reaches_its_end(&whole));
        let mut with_trailer = whole.clone();
        with_trailer.extend(b"ftypmp42 a motion photo's video");
        assert!(jpeg_reaches_its_end(&with_trailer));
        // Cut anywhere before the end marker, including just after the thumbnail's own.
        for cut in 2..whole.len() - 1 {
            assert!(!jpeg_reaches_its_end(&whole[..cut]), "cut at {cut}");
        }
        assert_eq!(check_whole(&whole[..20]), Err(ENDS_EARLY));
    }

    #[test]
    fn a_png_is_whole_only_with_its_iend_chunk() {
        let mut png = b"\x89PNG\r\n\x1a\n".to_vec();
        png.extend([0, 0, 0, 2, b'I', b'D', b'A', b'T', 7, 7, 0, 0, 0, 0]);
        png.extend(PNG_IEND);
        assert!(png_reaches_iend(&png));
        assert!(!png_reaches_iend(&png[..png.len() - 12]));
        assert_eq!(sniff(&png), Some(Sniffed::Png));
    }

    #[test]
    fn a_webp_is_whole_when_as_long_as_its_header_says() {
        let mut webp = b"RIFF".to_vec();
        webp.extend(8u32.to_le_bytes());
        webp.extend(b"WEBPVP8 ");
        assert!(webp_has_its_length(&webp, webp.len() as u64));
        assert!(!webp_has_its_length(&webp, webp.len() as u64 - 1));
    }

    #[test]
    fn contents_that_contradict_the_extension_are_named() {
        let png = Some(Sniffed::Png);
        assert_eq!(
            mismatch(png, Path::new("content/a/chart.JPG")).as_deref(),
            Some("is a PNG file named `.jpg`: rename it to `.png` (and change the reference) so hosts and tools treat it as what it is")
        );
        assert_eq!(mismatch(png, Path::new("chart.png")), None);
        assert_eq!(mismatch(Some(Sniffed::Jpeg), Path::new("photo.jpeg")), None);
        assert_eq!(mismatch(png, Path::new("map.svg")), None);
    }
}
