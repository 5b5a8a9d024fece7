//! The crate's round trip and its refusals, through its public functions. Integration tests,
//! not unit tests: a unit-test target would compile the whole optimised crate a second time
//! (~190 s of a fresh `cargo test` on 2 cores, measured with `--timings`), where this links
//! against the library already built.

use stakes_images::*;

fn png(width: u32, height: u32) -> Vec<u8> {
    let image = Decoded {
        pixels: (0..width * height * 3).map(|i| (i % 251) as u8).collect(),
        width,
        height,
        alpha: false,
        format: Format::Png,
    };
    encode_png(&image).unwrap()
}

#[test]
fn decode_resize_and_encode_round_trip() {
    let decoded = decode(&png(40, 20)).unwrap();
    assert_eq!(
        (decoded.width, decoded.height, decoded.format),
        (40, 20, Format::Png)
    );
    let small = resize(&decoded, 10).unwrap();
    assert_eq!((small.width, small.height), (10, 5));
    let webp = encode_webp(&small, 75).unwrap();
    assert_eq!(probe(&webp).unwrap(), (Format::WebP, 10, 5));
    let jpeg = encode_jpeg(&small, 80).unwrap();
    assert_eq!(probe(&jpeg).unwrap(), (Format::Jpeg, 10, 5));
}

#[test]
fn bombs_garbage_and_truncation_are_errors() {
    let mut bomb = png(2, 2);
    bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let err = decode(&bomb).err().unwrap();
    assert!(
        err.0.contains("too large") || err.0.contains("damaged"),
        "{err}"
    );
    assert!(decode(b"not an image at all")
        .err()
        .unwrap()
        .0
        .contains("not a JPEG"));
    let whole = png(30, 30);
    assert!(decode(&whole[..whole.len() / 2]).is_err());
}
