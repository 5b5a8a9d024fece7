//! Photos keep their rights (issue #19): every resized copy carries the original's creator,
//! credit line and copyright notice (XMP in JPEG and WebP, IPTC in JPEG) and no EXIF.

use stakes::testing::{embed_xmp_first_for_tests, read_photo_metadata, xmp_packet_for_tests};

use crate::support::*;

/// A JPEG whose XMP segment stands before its IPTC block (each holding fields the other has
/// not), with an EXIF segment carrying a GPS tag name after both.
fn agency_jpeg(credit: &str) -> Vec<u8> {
    let decoded = stakes_images::decode(&png(1400, 900)).unwrap();
    let plain = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    let xmp = xmp_packet_for_tests(
        "<dc:creator><rdf:Seq><rdf:li>Hanne Berg</rdf:li></rdf:Seq></dc:creator>\
         <dc:rights><rdf:Alt><rdf:li xml:lang=\"x-default\">© 2026 NTB &amp; Partners &lt;Oslo&gt;</rdf:li></rdf:Alt></dc:rights>",
    );
    let with_rights = embed_xmp_first_for_tests(&plain, &[(110, credit), (115, "Scanpix")], &xmp);
    let mut exif = b"Exif\0\0MM\0*GPSLatitude 59.91N".to_vec();
    let mut segment = vec![0xFF, 0xE1];
    segment.extend_from_slice(&((exif.len() + 2) as u16).to_be_bytes());
    segment.append(&mut exif);
    let mut bytes = with_rights[..2].to_vec();
    bytes.extend_from_slice(&segment);
    bytes.extend_from_slice(&with_rights[2..]);
    bytes
}

/// Every photo file the build published (resized copies and crops).
fn published_photos(built: &Built) -> Vec<(String, Vec<u8>)> {
    let mut files: Vec<(String, Vec<u8>)> = walkdir(&built.public)
        .into_iter()
        .filter(|p| p.ends_with(".jpg") || p.ends_with(".webp"))
        .map(|p| {
            let bytes = std::fs::read(built.public.join(&p)).unwrap();
            (p, bytes)
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &std::path::Path) -> Vec<String> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            let name = entry.file_name().to_string_lossy().into_owned();
            found.extend(walkdir(&path).into_iter().map(|p| format!("{name}/{p}")));
        } else {
            found.push(entry.file_name().to_string_lossy().into_owned());
        }
    }
    found
}

fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    haystack.windows(needle.len()).any(|w| w == needle)
}

fn site_with(photo: Vec<u8>) -> Site {
    Site::new().bytes("content/a/boats.jpg", &photo).article(
        "a/index.md",
        "title: A\ndate: 2026-05-01\nimage: {src: boats.jpg, alt: Boats at dawn}\n",
        "Intro.\n\n![Nets](boats.jpg)\nNets drying.\n",
    )
}

#[test]
fn issue19_every_copy_names_the_photographer_from_xmp_before_iptc_and_has_no_exif() {
    let site = site_with(agency_jpeg("NTB Scanpix"));
    let built = site.build().ok();
    let photos = published_photos(&built);
    let jpegs = photos.iter().filter(|(p, _)| p.ends_with(".jpg")).count();
    let webps = photos.iter().filter(|(p, _)| p.ends_with(".webp")).count();
    assert!(jpegs >= 3 && webps >= 3, "{photos:?}");
    for (path, bytes) in &photos {
        let read = read_photo_metadata(bytes);
        assert_eq!(read.byline, vec!["Hanne Berg"], "{path}: the XMP's creator");
        assert_eq!(read.credit.as_deref(), Some("NTB Scanpix"), "{path}: IPTC");
        assert_eq!(read.source.as_deref(), Some("Scanpix"), "{path}");
        assert_eq!(
            read.copyright.as_deref(),
            Some("© 2026 NTB & Partners <Oslo>"),
            "{path}"
        );
        assert!(!contains(bytes, b"Exif\0\0"), "{path} carries EXIF");
        assert!(!contains(bytes, b"GPSLatitude"), "{path} carries GPS");
        assert!(!contains(bytes, b"EXIF"), "{path} has an EXIF chunk");
        // Still a whole image a decoder reads.
        stakes_images::decode(bytes).unwrap_or_else(|e| panic!("{path}: {e}"));
        if path.ends_with(".jpg") {
            assert!(contains(bytes, b"http://ns.adobe.com/xap/1.0/\0"), "{path}");
            assert!(contains(bytes, b"Photoshop 3.0\08BIM\x04\x04"), "{path}");
        } else {
            assert!(
                contains(bytes, b"VP8X") && contains(bytes, b"XMP "),
                "{path}"
            );
        }
    }
}

#[test]
fn issue19_a_changed_credit_in_the_photo_gives_new_copies_and_no_stale_ones() {
    let site = site_with(agency_jpeg("NTB Scanpix"));
    let first = site.build().ok();
    let before: Vec<String> = published_photos(&first)
        .into_iter()
        .map(|(p, _)| p)
        .collect();
    let site = site.bytes("content/a/boats.jpg", &agency_jpeg("Reuters"));
    let second = site.build_with(&["--prune-cache"]).ok();
    let after = published_photos(&second);
    assert!(!after.is_empty());
    for (path, bytes) in &after {
        assert!(
            !before.contains(path),
            "{path} kept its name with new contents"
        );
        assert_eq!(
            read_photo_metadata(bytes).credit.as_deref(),
            Some("Reuters"),
            "{path}"
        );
    }
    let entries = std::fs::read_dir(site.root().join(".stakes-cache/images"))
        .unwrap()
        .flatten()
        .filter(|e| e.path().is_dir())
        .count();
    assert_eq!(
        entries, 2,
        "the photo's entry and its crops', the old ones pruned"
    );
}
