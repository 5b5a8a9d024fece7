//! The photo metadata reader parses untrusted bytes by hand (JPEG segments, Photoshop resources,
//! IPTC datasets, an XMP packet): it must never panic, whatever the bytes. The header probe
//! (format, size after EXIF orientation) reads the same untrusted headers.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let embedded = stakes::testing::read_photo_metadata(data);
    let _ = embedded.credit_line();
    let _ = stakes_images::probe(data);
});
