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

#[test]
fn crop_copies_the_region_and_refuses_one_outside_the_image() {
    let image = Decoded {
        pixels: (0..4 * 3 * 3).map(|i| i as u8).collect(),
        width: 4,
        height: 3,
        alpha: false,
        format: Format::Jpeg,
    };
    let cut = crop(&image, 1, 1, 2, 2).unwrap();
    assert_eq!((cut.width, cut.height), (2, 2));
    // Rows 1 and 2, pixels 1 and 2: bytes 15..21 and 27..33.
    let expected: Vec<u8> = (15..21).chain(27..33).collect();
    assert_eq!(cut.pixels, expected);
    assert!(crop(&image, 3, 0, 2, 1).is_err());
    assert!(crop(&image, 0, 0, 0, 1).is_err());
    assert!(crop(&image, u32::MAX, 0, 2, 1).is_err());
    let exact = resize_exact(&cut, 5, 1).unwrap();
    assert_eq!((exact.width, exact.height, exact.pixels.len()), (5, 1, 15));
}
