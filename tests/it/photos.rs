//! Photos: responsive copies, the cache, embedded credits and bad images.

use crate::support::*;

/// A JPEG of the given size, optionally carrying IPTC fields and an XMP packet.
fn jpeg(width: u32, height: u32, iptc: &[(u8, &str)], xmp: Option<&str>) -> Vec<u8> {
    let decoded = stakes_images::decode(&png(width, height)).unwrap();
    let bytes = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    stakes::photos::metadata::embed_for_tests(&bytes, iptc, xmp)
}

fn srcset_widths(srcset: &str) -> Vec<u32> {
    srcset
        .split(", ")
        .map(|entry| {
            entry
                .rsplit_once(' ')
                .unwrap()
                .1
                .trim_end_matches('w')
                .parse()
                .unwrap()
        })
        .collect()
}

#[test]
fn figures_get_resized_copies_in_two_formats_without_upscaling() {
    let site = Site::new()
        .png("content/world/chart.png", 1000, 500)
        .article(
            "world/a.md",
            BASIC_FRONT,
            "![A chart](chart.png)\nCaption.\nCredit: Desk\n",
        );
    let built = site.build().ok();
    let page = built.html("world/a/index.html");
    let img = page.one("figure picture > img");
    assert_eq!(
        srcset_widths(img.value().attr("srcset").unwrap()),
        vec![480, 960, 1000],
        "1600 would upscale"
    );
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("1000"), Some("500"))
    );
    assert_eq!(img.value().attr("loading"), Some("lazy"));
    assert!(img
        .value()
        .attr("src")
        .unwrap()
        .starts_with("/world/chart.960."));
    let webp = page.attr("figure picture > source", "srcset");
    assert_eq!(srcset_widths(&webp), vec![480, 960, 1000]);
    for entry in webp.split(", ") {
        let path = entry.split(' ').next().unwrap().trim_start_matches('/');
        let bytes = std::fs::read(built.public.join(path)).unwrap();
        let (format, width, _) = stakes_images::probe(&bytes).unwrap();
        assert_eq!(format, stakes_images::Format::WebP);
        assert!([480, 960, 1000].contains(&width));
    }
    assert!(
        !built.exists("world/chart.png"),
        "the original is replaced by its copies"
    );
}

#[test]
fn the_second_build_takes_every_photo_from_the_cache_and_names_follow_the_content() {
    let site = Site::new().png("content/a/lead.png", 700, 350).article(
        "a/index.md",
        "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Lead, credit: Desk}\n",
        "Body.\n",
    );
    let first = site.build().ok();
    assert!(
        first
            .stdout()
            .contains("1 photo (1 processed, 0 from cache)"),
        "{}",
        first.stdout()
    );
    let name = first.html("a/index.html").attr("figure img", "src");
    let second = site.build().ok();
    assert!(
        second
            .stdout()
            .contains("1 photo (0 processed, 1 from cache)"),
        "{}",
        second.stdout()
    );
    assert_eq!(second.html("a/index.html").attr("figure img", "src"), name);
    let site = site.png("content/a/lead.png", 700, 351);
    let third = site.build().ok();
    assert!(third.stdout().contains("(1 processed, 0 from cache)"));
    assert_ne!(
        third.html("a/index.html").attr("figure img", "src"),
        name,
        "a changed photo gets a new name"
    );
    let pruned = site.build_with(&["--prune-cache"]).ok();
    assert!(
        pruned
            .stdout()
            .contains("Pruned 1 unused photo cache entries"),
        "{}",
        pruned.stdout()
    );
}

#[test]
fn the_lead_photo_loads_eagerly_and_feeds_open_graph() {
    let site = Site::new().png("content/a/lead.png", 2000, 1000).article(
        "a/index.md",
        "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Lead, credit: Desk}\n",
        "Body.\n",
    );
    let built = site.build().ok();
    let page = built.html("a/index.html");
    assert_eq!(
        page.attr("figure.figure--lead img", "fetchpriority"),
        "high"
    );
    assert!(page
        .one("figure.figure--lead img")
        .value()
        .attr("loading")
        .is_none());
    let og = page.attr("meta[property='og:image']", "content");
    let path = og.strip_prefix("https://news.example/").unwrap();
    let (_, width, height) =
        stakes_images::probe(&std::fs::read(built.public.join(path)).unwrap()).unwrap();
    assert_eq!((width, height), (1200, 600));
}

#[test]
fn credits_and_captions_come_from_the_photo_when_the_writer_gave_none() {
    let iptc = [
        (80, "Libkos"),
        (110, "Getty Images News"),
        (120, "Ruins seen from above at dawn"),
    ];
    let xmp = r#"<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#"><rdf:Description xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:photoshop="http://ns.adobe.com/photoshop/1.0/" photoshop:Credit="Harbor News"><dc:creator><rdf:Seq><rdf:li>Hanne Berg</rdf:li></rdf:Seq></dc:creator><dc:description><rdf:Alt><rdf:li xml:lang="x-default">Boats &amp; nets</rdf:li></rdf:Alt></dc:description></rdf:Description></rdf:RDF></x:xmpmeta>"#;
    let site = Site::new()
        .bytes("content/a/iptc.jpg", &jpeg(64, 48, &iptc, None))
        .bytes("content/a/xmp.jpg", &jpeg(64, 48, &[], Some(xmp)))
        .bytes("content/a/both.jpg", &jpeg(64, 48, &iptc, None))
        .article(
            "a/index.md",
            BASIC_FRONT,
            "![Ruins](iptc.jpg)\n\n![Boats](xmp.jpg)\n\n![Ruins again](both.jpg)\nThe writer's caption.\nCredit: The Writer's Credit\n",
        );
    let built = site.build().ok();
    let page = built.html("a/index.html");
    assert_eq!(
        page.texts("figure .credit"),
        vec![
            "Credit: Libkos | Getty Images News",
            "Credit: Hanne Berg | Harbor News",
            "Credit: The Writer’s Credit"
        ]
    );
    assert_eq!(
        page.texts("figure .caption"),
        vec![
            "Ruins seen from above at dawn",
            "Boats & nets",
            "The writer’s caption."
        ]
    );
}

#[test]
fn a_photo_with_no_credit_anywhere_is_still_an_error() {
    let site = Site::new()
        .bytes("content/a/bare.jpg", &jpeg(32, 32, &[], None))
        .article(
            "a/index.md",
            BASIC_FRONT,
            "Intro.\n\n![Bare](bare.jpg)\nA caption.\n",
        );
    let errors = site.build().errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with(
            "content/a/index.md:7: figure `bare.jpg` has no credit (and the photo carries none)"
        ),
        "{}",
        errors[0]
    );
}

#[test]
fn bad_images_are_errors_naming_the_photo_and_the_article_and_nothing_panics() {
    let mut bomb = png(1, 1);
    // A valid PNG header claiming 50,000 × 50,000 pixels (with a correct checksum).
    bomb[16..20].copy_from_slice(&50_000u32.to_be_bytes());
    bomb[20..24].copy_from_slice(&50_000u32.to_be_bytes());
    let crc = crc32(&bomb[12..29]);
    bomb[29..33].copy_from_slice(&crc.to_be_bytes());
    let good = jpeg(40, 30, &[], None);
    let site = Site::new()
        .bytes("content/a/truncated.jpg", &good[..good.len() / 2])
        .file("content/a/liar.jpg", "this is text, not a photo")
        .bytes("content/a/bomb.png", &bomb)
        .bytes("content/a/fine.jpg", &good)
        .article(
            "a/index.md",
            BASIC_FRONT,
            "![T](truncated.jpg)\nCredit: X\n\n![L](liar.jpg)\nCredit: X\n\n![B](bomb.png)\nCredit: X\n\n![F](fine.jpg)\nCredit: X\n",
        );
    let errors = site.build().errors();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0]
            .starts_with("content/a/index.md:5: photo `truncated.jpg` is damaged or truncated"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with(
            "content/a/index.md:8: photo `liar.jpg` is not a JPEG, PNG, WebP or GIF image"
        ),
        "{}",
        errors[1]
    );
    assert!(
        errors[2]
            .starts_with("content/a/index.md:11: photo `bomb.png` is too large to process safely"),
        "{}",
        errors[2]
    );
}

#[test]
fn svg_passes_through_with_its_size() {
    let site = Site::new()
        .file("content/a/map.svg", r#"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 300 200"><rect width="300" height="200"/></svg>"#)
        .article("a/index.md", BASIC_FRONT, "![Map](map.svg)\nCredit: Desk\n");
    let built = site.build().ok();
    let page = built.html("a/index.html");
    let img = page.one("figure > img");
    assert_eq!(img.value().attr("src"), Some("/a/map.svg"));
    assert_eq!(
        (img.value().attr("width"), img.value().attr("height")),
        (Some("300"), Some("200"))
    );
    assert!(built.exists("a/map.svg"));
}

#[test]
fn processing_can_be_switched_off() {
    let site = Site::new().png("content/a/chart.png", 1000, 500).article(
        "a/index.md",
        BASIC_FRONT,
        "![Chart](chart.png)\nCredit: Desk\n",
    );
    let built = site.build_with(&["--no-image-processing"]).ok();
    let page = built.html("a/index.html");
    assert_eq!(page.attr("figure > img", "src"), "/a/chart.png");
    assert!(page.all("figure picture").is_empty());
    assert!(built.exists("a/chart.png"));
}
