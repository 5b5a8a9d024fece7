//! Alt text from the photo (issue #19): a figure with no alt text takes the photo's IPTC Alt
//! Text (Accessibility), `Iptc4xmpCore:AltTextAccessibility` in its XMP; the writer's alt wins.

use stakes::testing::{embed_for_tests, xmp_packet_for_tests};

use crate::support::*;

/// A JPEG whose XMP carries an alt text (and a credit, so only alt is under test).
fn described_jpeg(alt: &str) -> Vec<u8> {
    let decoded = stakes_images::decode(&png(64, 48)).unwrap();
    let plain = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    let xmp = xmp_packet_for_tests(&format!(
        "<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang=\"x-default\">{alt}</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>"
    ));
    embed_for_tests(&plain, &[(110, "NTB")], Some(&xmp))
}

#[test]
fn issue19_figures_without_alt_take_the_photos_alt_text_and_the_writers_wins() {
    let site = Site::new()
        .bytes(
            "content/a/boats.jpg",
            &described_jpeg("Fishing boats &amp; nets at dawn"),
        )
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage: {src: boats.jpg}\n",
            "Intro.\n\n![](boats.jpg)\nNets.\n\n![Two boats, written](boats.jpg)\nAgain.\n",
        );
    for args in [&[][..], &["--no-image-processing"][..]] {
        let built = site.build_with(args).ok();
        let page = built.html("a/index.html");
        let alts: Vec<String> = page
            .all("figure img")
            .iter()
            .map(|img| img.value().attr("alt").unwrap().to_string())
            .collect();
        assert_eq!(
            alts,
            [
                "Fishing boats & nets at dawn",
                "Fishing boats & nets at dawn",
                "Two boats, written"
            ],
            "{args:?}"
        );
        assert_eq!(
            page.attr("meta[property='og:image:alt']", "content"),
            "Fishing boats & nets at dawn"
        );
    }
}

#[test]
fn issue19_missing_alt_errors_say_the_photo_can_supply_it() {
    let site = Site::new()
        .bytes("content/a/plain.jpg", &described_jpeg(""))
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage: {src: plain.jpg}\n",
            "Intro.\n\n![](plain.jpg)\nNets.\n",
        );
    assert_eq!(
        site.build().errors(),
        [
            "content/a/index.md:4: the lead image has no `alt` (and the photo carries none): add `alt: <what the photo shows>` under `image:`, or fill in the photo's IPTC “Alt Text (Accessibility)” field",
            "content/a/index.md:8: image `plain.jpg` has no alt text (and the photo carries none): describe the photo between the brackets, e.g. ![Crowds outside parliament at night](plain.jpg), or fill in the photo's IPTC “Alt Text (Accessibility)” field",
        ]
    );
}
