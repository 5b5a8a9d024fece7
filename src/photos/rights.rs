//! Writing a photo's rights into its resized copies (issue #19, "photos keep their rights"): the
//! creator(s), credit line, source and copyright notice the original carries, as an XMP packet
//! (JPEG APP1, WebP `XMP ` chunk in a `VP8X` container) and as IPTC-IIM (JPEG APP13, Photoshop
//! `8BIM` resource 0x0404), so a copy saved from a page still names its photographer. Our
//! encoders write no EXIF, and any EXIF, XMP or IPTC already in the encoded bytes is dropped
//! before ours goes in: a copy never carries GPS or camera data.
//!
//! It owns the byte layout of what it writes and nothing else: what the fields mean is
//! [`super::metadata`]'s (which reads them back), when copies are made is the pipeline's.

use super::metadata::Embedded;

/// The signature that opens an XMP APP1 segment.
pub(super) const XMP_SIGNATURE: &[u8] = b"http://ns.adobe.com/xap/1.0/\0";
/// The signature that opens a Photoshop APP13 segment.
pub(super) const PHOTOSHOP_SIGNATURE: &[u8] = b"Photoshop 3.0\0";
/// The most a JPEG segment's payload may hold (its length field counts itself).
const MAX_SEGMENT_PAYLOAD: usize = u16::MAX as usize - 2;
/// The VP8X flag saying the file has an XMP chunk.
const VP8X_XMP_FLAG: u8 = 0x04;

/// The rights statement written into every copy of one photo: the original's own fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Rights<'a> {
    embedded: &'a Embedded,
}

impl<'a> Rights<'a> {
    /// The rights a photo states, or `None` when it states none (its copies then carry nothing).
    pub(super) fn of(embedded: &'a Embedded) -> Option<Rights<'a>> {
        let states_any = !embedded.byline.is_empty()
            || embedded.credit.is_some()
            || embedded.source.is_some()
            || embedded.copyright.is_some();
        states_any.then_some(Rights { embedded })
    }

    /// The IPTC-IIM record 2 datasets: By-line (2:80, one per creator), Credit (2:110), Source
    /// (2:115), Copyright Notice (2:116), without the characters the XMP cannot hold either, so
    /// both forms say the same.
    fn datasets(&self) -> Vec<(u8, String)> {
        let e = self.embedded;
        let mut datasets: Vec<(u8, String)> =
            e.byline.iter().map(|b| (80, without_controls(b))).collect();
        datasets.extend(e.credit.as_deref().map(|c| (110, without_controls(c))));
        datasets.extend(e.source.as_deref().map(|s| (115, without_controls(s))));
        datasets.extend(e.copyright.as_deref().map(|c| (116, without_controls(c))));
        datasets
    }

    /// The XMP packet (UTF-8), every value escaped for XML.
    pub(super) fn xmp_packet(&self) -> String {
        let e = self.embedded;
        let mut body = String::new();
        if !e.byline.is_empty() {
            body.push_str("<dc:creator><rdf:Seq>");
            for creator in &e.byline {
                body.push_str(&format!("<rdf:li>{}</rdf:li>", escape_xml(creator)));
            }
            body.push_str("</rdf:Seq></dc:creator>");
        }
        if let Some(copyright) = &e.copyright {
            body.push_str(&format!(
                "<dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">{}</rdf:li></rdf:Alt></dc:rights>",
                escape_xml(copyright)
            ));
        }
        for (element, value) in [
            ("photoshop:Credit", &e.credit),
            ("photoshop:Source", &e.source),
        ] {
            if let Some(value) = value {
                body.push_str(&format!("<{element}>{}</{element}>", escape_xml(value)));
            }
        }
        xmp_envelope(&body)
    }

    /// `jpeg` with our XMP and IPTC segments after its JFIF header, and no EXIF, XMP or IPTC
    /// segment of its own.
    pub(super) fn stamp_jpeg(&self, jpeg: &[u8]) -> Vec<u8> {
        let mut added = jpeg_xmp_segment(&self.xmp_packet()).unwrap_or_default();
        let datasets = self.datasets();
        let datasets: Vec<(u8, &str)> = datasets.iter().map(|(d, v)| (*d, v.as_str())).collect();
        added.extend(jpeg_iptc_segment(&datasets).unwrap_or_default());
        splice_jpeg(jpeg, &added)
    }

    /// `webp` (a whole RIFF file of `width` × `height`) in the extended format with our XMP
    /// chunk, and no EXIF or XMP chunk of its own. Bytes that are not a WebP are returned as
    /// they are.
    pub(super) fn stamp_webp(&self, webp: &[u8], width: u32, height: u32) -> Vec<u8> {
        splice_webp(webp, self.xmp_packet().as_bytes(), width, height)
            .unwrap_or_else(|| webp.to_vec())
    }
}

/// Wraps the properties of one `rdf:Description` in an XMP packet.
pub(super) fn xmp_envelope(properties: &str) -> String {
    format!(
        "<?xpacket begin=\"\u{feff}\" id=\"W5M0MpCehiHzreSzNTczkc9d\"?>\
<x:xmpmeta xmlns:x=\"adobe:ns:meta/\"><rdf:RDF xmlns:rdf=\"http://www.w3.org/1999/02/22-rdf-syntax-ns#\">\
<rdf:Description rdf:about=\"\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\" \
xmlns:photoshop=\"http://ns.adobe.com/photoshop/1.0/\" \
xmlns:Iptc4xmpCore=\"http://iptc.org/std/Iptc4xmpCore/1.0/xmlns/\">{properties}</rdf:Description>\
</rdf:RDF></x:xmpmeta><?xpacket end=\"r\"?>"
    )
}

/// Whether XML 1.0 cannot hold `c` (controls other than tab and line breaks, and two
/// non-characters).
fn is_unwritable(c: char) -> bool {
    ((c as u32) < 0x20 && !matches!(c, '\t' | '\n' | '\r')) || c == '\u{fffe}' || c == '\u{ffff}'
}

fn without_controls(text: &str) -> String {
    text.chars().filter(|c| !is_unwritable(*c)).collect()
}

/// Text escaped for XML content and attributes; characters XML 1.0 cannot hold are left out.
pub(super) fn escape_xml(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            c if is_unwritable(c) => {}
            c => out.push(c),
        }
    }
    out
}

/// A whole APP1 segment (marker included) holding an XMP packet; `None` when the packet is too
/// large for one segment (extended XMP is not written).
pub(super) fn jpeg_xmp_segment(packet: &str) -> Option<Vec<u8>> {
    let mut payload = XMP_SIGNATURE.to_vec();
    payload.extend_from_slice(packet.as_bytes());
    jpeg_segment(0xE1, &payload)
}

/// A whole APP13 segment (marker included) holding IPTC-IIM record 2 `datasets`, marked as
/// UTF-8 (1:90 `ESC % G`). Values too long for a dataset are left out; `None` when nothing fits.
pub(super) fn jpeg_iptc_segment(datasets: &[(u8, &str)]) -> Option<Vec<u8>> {
    let mut records = vec![0x1C, 1, 90, 0, 3, 0x1b, b'%', b'G'];
    let mut any = false;
    for (dataset, value) in datasets {
        // Standard datasets hold at most 32,767 bytes; longer needs the extended form.
        let Ok(length) = u16::try_from(value.len()) else {
            continue;
        };
        if length & 0x8000 != 0 {
            continue;
        }
        records.extend_from_slice(&[0x1C, 2, *dataset]);
        records.extend_from_slice(&length.to_be_bytes());
        records.extend_from_slice(value.as_bytes());
        any = true;
    }
    if !any {
        return None;
    }
    let mut payload = PHOTOSHOP_SIGNATURE.to_vec();
    payload.extend_from_slice(b"8BIM\x04\x04\x00\x00");
    payload.extend_from_slice(&u32::try_from(records.len()).ok()?.to_be_bytes());
    payload.extend_from_slice(&records);
    if records.len() % 2 == 1 {
        payload.push(0);
    }
    jpeg_segment(0xED, &payload)
}

fn jpeg_segment(marker: u8, payload: &[u8]) -> Option<Vec<u8>> {
    if payload.len() > MAX_SEGMENT_PAYLOAD {
        return None;
    }
    let mut segment = vec![0xFF, marker];
    segment.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    segment.extend_from_slice(payload);
    Some(segment)
}

/// `jpeg` with `added` after SOI and any JFIF APP0, and its own APP1 (EXIF, XMP) and APP13
/// segments left out. A file it cannot walk is returned with `added` after SOI.
fn splice_jpeg(jpeg: &[u8], added: &[u8]) -> Vec<u8> {
    let mut out = Vec::with_capacity(jpeg.len() + added.len());
    if !jpeg.starts_with(&[0xFF, 0xD8]) {
        return jpeg.to_vec();
    }
    out.extend_from_slice(&jpeg[..2]);
    let mut at = 2;
    let mut added_yet = false;
    while at + 4 <= jpeg.len() && jpeg[at] == 0xFF {
        let marker = jpeg[at + 1];
        if marker == 0xDA || marker == 0xD9 || marker == 0xFF || !(0xC0..=0xFE).contains(&marker) {
            break; // image data (or fill bytes): copied with the rest as they are
        }
        let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
        if length < 2 || at + 2 + length > jpeg.len() {
            break;
        }
        let segment = &jpeg[at..at + 2 + length];
        if marker == 0xE0 {
            out.extend_from_slice(segment);
        } else {
            if !added_yet {
                out.extend_from_slice(added);
                added_yet = true;
            }
            if marker != 0xE1 && marker != 0xED {
                out.extend_from_slice(segment);
            }
        }
        at += 2 + length;
    }
    if !added_yet {
        out.extend_from_slice(added);
    }
    out.extend_from_slice(&jpeg[at..]);
    out
}

/// The chunks of a WebP file: (fourcc, payload).
fn webp_chunks(webp: &[u8]) -> Option<Vec<([u8; 4], &[u8])>> {
    if webp.len() < 12 || &webp[..4] != b"RIFF" || &webp[8..12] != b"WEBP" {
        return None;
    }
    let mut chunks = Vec::new();
    let mut at = 12;
    while at + 8 <= webp.len() {
        let fourcc: [u8; 4] = webp[at..at + 4].try_into().ok()?;
        let size = u32::from_le_bytes(webp[at + 4..at + 8].try_into().ok()?) as usize;
        let payload = webp.get(at + 8..at + 8 + size)?;
        chunks.push((fourcc, payload));
        at += 8 + size + (size & 1);
    }
    Some(chunks)
}

/// The XMP packet of a WebP file, if it has one.
pub(super) fn webp_xmp(webp: &[u8]) -> Option<&[u8]> {
    webp_chunks(webp)?
        .into_iter()
        .find(|(fourcc, _)| fourcc == b"XMP ")
        .map(|(_, payload)| payload)
}

fn splice_webp(webp: &[u8], packet: &[u8], width: u32, height: u32) -> Option<Vec<u8>> {
    let chunks = webp_chunks(webp)?;
    if width == 0 || height == 0 || width > 1 << 24 || height > 1 << 24 {
        return None;
    }
    let mut body = b"WEBP".to_vec();
    let push = |body: &mut Vec<u8>, fourcc: &[u8; 4], payload: &[u8]| {
        body.extend_from_slice(fourcc);
        body.extend_from_slice(&(payload.len() as u32).to_le_bytes());
        body.extend_from_slice(payload);
        if payload.len() % 2 == 1 {
            body.push(0);
        }
    };
    let mut vp8x = match chunks.first() {
        Some((fourcc, payload)) if fourcc == b"VP8X" && payload.len() == 10 => payload.to_vec(),
        _ => {
            let mut header = vec![0u8; 4];
            header.extend_from_slice(&(width - 1).to_le_bytes()[..3]);
            header.extend_from_slice(&(height - 1).to_le_bytes()[..3]);
            header
        }
    };
    // The EXIF flag goes with the EXIF chunks left out below.
    vp8x[0] = (vp8x[0] & !0x08) | VP8X_XMP_FLAG;
    push(&mut body, b"VP8X", &vp8x);
    for (fourcc, payload) in &chunks {
        if !matches!(fourcc, b"VP8X" | b"EXIF" | b"XMP ") {
            push(&mut body, fourcc, payload);
        }
    }
    push(&mut body, b"XMP ", packet);
    let mut out = b"RIFF".to_vec();
    out.extend_from_slice(&u32::try_from(body.len()).ok()?.to_le_bytes());
    out.extend_from_slice(&body);
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::photos::metadata;

    const BARE_JPEG: [u8; 8] = [0xFF, 0xD8, 0xFF, 0xDA, 0x00, 0x02, 0xFF, 0xD9];

    fn embedded() -> Embedded {
        Embedded {
            byline: vec!["Hanne <Berg>".into(), "Ola & Kari".into()],
            credit: Some("AP \"Images\"".into()),
            source: Some("NTB".into()),
            copyright: Some("© 2026 O'Neil\u{1}".into()),
            ..Embedded::default()
        }
    }

    #[test]
    fn a_photo_stating_no_rights_gets_none_written() {
        let nothing = Embedded {
            caption: Some("Only a caption".into()),
            ..Embedded::default()
        };
        assert_eq!(Rights::of(&nothing), None);
    }

    #[test]
    fn the_xmp_packet_is_well_formed_and_escaped() {
        let source = embedded();
        let packet = Rights::of(&source).unwrap().xmp_packet();
        let mut reader = quick_xml::Reader::from_str(&packet);
        loop {
            match reader.read_event() {
                Ok(quick_xml::events::Event::Eof) => break,
                Ok(_) => {}
                Err(e) => panic!("malformed XMP: {e}\n{packet}"),
            }
        }
        assert!(packet.contains("Hanne &lt;Berg&gt;"));
        assert!(!packet.contains('\u{1}'));
    }

    #[test]
    fn jpeg_rights_round_trip_through_our_reader_in_both_forms() {
        let source = embedded();
        let rights = Rights::of(&source).unwrap();
        let stamped = rights.stamp_jpeg(&BARE_JPEG);
        let read = metadata::read(&stamped);
        assert_eq!(read.byline, source.byline);
        assert_eq!(read.credit, source.credit);
        assert_eq!(read.source, source.source);
        assert_eq!(read.copyright.as_deref(), Some("© 2026 O'Neil"));
        // Each form alone says the same: the XMP…
        let xmp_only = splice_jpeg(&BARE_JPEG, &jpeg_xmp_segment(&rights.xmp_packet()).unwrap());
        assert_eq!(metadata::read(&xmp_only).byline, source.byline);
        assert_eq!(metadata::read(&xmp_only).credit, source.credit);
        // …and the IPTC.
        let stamped_iptc = metadata::read(&strip_xmp(&stamped));
        assert_eq!(stamped_iptc.byline, source.byline);
        assert_eq!(stamped_iptc.credit, source.credit);
        assert_eq!(stamped_iptc.copyright.as_deref(), Some("© 2026 O'Neil"));
    }

    /// A JPEG without its XMP segment (what a reader that only knows IPTC sees).
    fn strip_xmp(jpeg: &[u8]) -> Vec<u8> {
        let mut out = jpeg[..2].to_vec();
        let mut at = 2;
        while jpeg[at + 1] != 0xDA {
            let length = usize::from(u16::from_be_bytes([jpeg[at + 2], jpeg[at + 3]]));
            let segment = &jpeg[at..at + 2 + length];
            if !segment[4..].starts_with(XMP_SIGNATURE) {
                out.extend_from_slice(segment);
            }
            at += 2 + length;
        }
        out.extend_from_slice(&jpeg[at..]);
        out
    }

    #[test]
    fn exif_and_old_metadata_segments_are_dropped_and_jfif_stays_first() {
        let jfif = [0xFF, 0xE0, 0x00, 0x04, b'J', b'F'];
        let exif = [0xFF, 0xE1, 0x00, 0x08, b'E', b'x', b'i', b'f', 0, 0];
        let dqt = [0xFF, 0xDB, 0x00, 0x03, 0x07];
        let mut jpeg = vec![0xFF, 0xD8];
        for part in [&jfif[..], &exif[..], &dqt[..], &BARE_JPEG[2..]] {
            jpeg.extend_from_slice(part);
        }
        let stamped = splice_jpeg(&jpeg, b"ADDED");
        let mut expected = vec![0xFF, 0xD8];
        for part in [&jfif[..], b"ADDED", &dqt[..], &BARE_JPEG[2..]] {
            expected.extend_from_slice(part);
        }
        assert_eq!(stamped, expected);
    }

    #[test]
    fn oversized_values_are_left_out_rather_than_corrupting_the_file() {
        let long = "x".repeat(70_000);
        assert_eq!(jpeg_xmp_segment(&long), None);
        assert_eq!(jpeg_iptc_segment(&[(116, &long)]), None);
        let kept = jpeg_iptc_segment(&[(116, &long), (110, "AP")]).unwrap();
        assert_eq!(
            metadata::read(&splice_jpeg(&BARE_JPEG, &kept))
                .credit
                .as_deref(),
            Some("AP")
        );
    }

    fn riff(chunks: &[(&[u8; 4], &[u8])]) -> Vec<u8> {
        let mut body = b"WEBP".to_vec();
        for (fourcc, payload) in chunks {
            body.extend_from_slice(*fourcc);
            body.extend_from_slice(&(payload.len() as u32).to_le_bytes());
            body.extend_from_slice(payload);
            if payload.len() % 2 == 1 {
                body.push(0);
            }
        }
        let mut out = b"RIFF".to_vec();
        out.extend_from_slice(&(body.len() as u32).to_le_bytes());
        out.extend_from_slice(&body);
        out
    }

    #[test]
    fn a_simple_webp_becomes_extended_with_an_xmp_chunk_and_no_exif() {
        let simple = riff(&[(b"VP8 ", b"frame"), (b"EXIF", b"gps")]);
        let source = embedded();
        let stamped = Rights::of(&source).unwrap().stamp_webp(&simple, 1200, 630);
        let chunks = webp_chunks(&stamped).unwrap();
        let names: Vec<&[u8; 4]> = chunks.iter().map(|(f, _)| f).collect();
        assert_eq!(names, [b"VP8X", b"VP8 ", b"XMP "]);
        let vp8x = chunks[0].1;
        assert_eq!(vp8x[0], VP8X_XMP_FLAG);
        assert_eq!(&vp8x[4..7], &1199u32.to_le_bytes()[..3]);
        assert_eq!(&vp8x[7..10], &629u32.to_le_bytes()[..3]);
        assert_eq!(
            u32::from_le_bytes(stamped[4..8].try_into().unwrap()) as usize,
            stamped.len() - 8
        );
        assert_eq!(chunks[1].1, b"frame");
        assert_eq!(metadata::read(&stamped).byline, source.byline);
    }

    #[test]
    fn an_extended_webp_keeps_its_flags_and_alpha() {
        let flags = [0x10 | 0x08, 0, 0, 0, 9, 0, 0, 4, 0, 0];
        let extended = riff(&[(b"VP8X", &flags), (b"ALPH", b"a"), (b"VP8 ", b"f")]);
        let stamped = Rights::of(&embedded())
            .unwrap()
            .stamp_webp(&extended, 10, 5);
        let chunks = webp_chunks(&stamped).unwrap();
        assert_eq!(chunks[0].1[0], 0x10 | VP8X_XMP_FLAG);
        assert_eq!(&chunks[0].1[4..], &flags[4..]);
        assert_eq!(chunks[1], (*b"ALPH", &b"a"[..]));
        assert_eq!(chunks.last().unwrap().0, *b"XMP ");
    }
}
