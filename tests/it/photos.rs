//! Photos: responsive copies, the cache, embedded credits and bad images.

use crate::support::*;

/// A JPEG of the given size, optionally carrying IPTC fields and an XMP packet.
fn jpeg(width: u32, height: u32, iptc: &[(u8, &str)], xmp: Option<&str>) -> Vec<u8> {
    let decoded = stakes_images::decode(&png(width, height)).unwrap();
    let bytes = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    stakes::testing::embed_for_tests(&bytes, iptc, xmp)
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
            // The old photo's copies and its crops (a lead photo's crops are an entry of their own).
            .contains("Pruned 2 unused photo cache entries"),
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
    assert_eq!((width, height), (1200, 630), "the social card's crop");
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
        errors[0].starts_with(
            "content/a/index.md:5: photo `truncated.jpg` is incomplete: the file ends early"
        ),
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

/// A photo big enough that a cut lands in its compressed picture data, as with real photos.
fn photo_jpeg() -> Vec<u8> {
    jpeg(600, 400, &[], None)
}

/// The error for an image that stands inside text rather than starting its own paragraph.
const INSIDE_TEXT: &str = "stands inside text, where it can have no caption or credit of its own: start a paragraph with it to make it a figure, with a last line `Credit: Photographer | Agency` (or set `require_credits: false` in site.yaml)";

/// Front matter with a lead photo and no credit: the `image:` key is on line 4.
const LEAD_WITHOUT_CREDIT: &str =
    "title: A\ndate: 2026-05-01\nimage:\n  src: lead.jpg\n  alt: Lead\n";

#[test]
fn issue16_every_missing_credit_and_missing_file_is_reported_in_one_build_and_check() {
    let site = Site::new()
        .bytes("content/a/lead.jpg", &photo_jpeg())
        .bytes("content/a/photo.jpg", &photo_jpeg())
        .png("content/a/chart.png", 40, 20)
        .article(
            "a/index.md",
            LEAD_WITHOUT_CREDIT,
            "Intro.\n\n![Photo](photo.jpg)\nA caption.\n\n![Chart](chart.png)\n\n![Gone](gone.jpg)\nCredit: Desk\n",
        );
    let expected = [
        "content/a/index.md:4: the lead image has no `credit` (and the photo carries none): add `credit: Photographer | Agency` under `image:` (or set `require_credits: false` in site.yaml)",
        "content/a/index.md:10: figure `photo.jpg` has no credit (and the photo carries none): add a last line `Credit: Photographer | Agency` under its caption (or set `require_credits: false` in site.yaml)",
        "content/a/index.md:13: figure `chart.png` has no credit (and the photo carries none): add a last line `Credit: Photographer | Agency` under its caption (or set `require_credits: false` in site.yaml)",
        "content/a/index.md:15: image `gone.jpg` does not exist: relative images are looked up beside the article (expected content/a/gone.jpg)",
    ];
    assert_eq!(site.stakes_here(&["build"]).errors(), expected);
    assert!(!site.root().join("public").exists(), "nothing is written");

    let checked = site.stakes_here(&["check"]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stdout()
    );
    let lines: Vec<String> = checked.stdout().lines().map(str::to_string).collect();
    assert_eq!(lines[0], "content/a/index.md");
    for (line, error) in lines[1..5].iter().zip(expected) {
        let (at, message) = error
            .strip_prefix("content/a/index.md:")
            .unwrap()
            .split_once(": ")
            .unwrap();
        assert_eq!(line, &format!("  {at}: error: {message}"));
    }
    assert!(lines[5].contains(": 4 errors, 0 warnings."), "{}", lines[5]);
}

#[test]
fn issue16_a_truncated_jpeg_is_an_error_at_its_figure_cached_or_not() {
    let whole = photo_jpeg();
    let third = &whole[..whole.len() / 3];
    let most = &whole[..whole.len() * 4 / 5];
    let body = "![First](third.jpg)\nCredit: Desk\n\n![Second](most.jpg)\nCredit: Desk\n\n![Fine](fine.jpg)\nCredit: Desk\n";
    let site = Site::new()
        .bytes("content/a/third.jpg", &whole)
        .bytes("content/a/most.jpg", &whole)
        .bytes("content/a/fine.jpg", &whole)
        .article("a/index.md", BASIC_FRONT, body);
    // Whole photos are processed and cached first; the cut-off files then replace them.
    site.stakes_here(&["build"]).ok();
    let site = site
        .bytes("content/a/third.jpg", third)
        .bytes("content/a/most.jpg", most);
    let ends_early = "is incomplete: the file ends early (an interrupted copy, upload or export left part of the picture out): export it again";
    let expected = vec![
        format!("content/a/index.md:5: photo `third.jpg` {ends_early}"),
        format!("content/a/index.md:8: photo `most.jpg` {ends_early}"),
    ];
    assert_eq!(site.stakes_here(&["build"]).errors(), expected);
    assert_eq!(
        site.stakes_here(&["build", "--no-image-processing"])
            .errors(),
        expected,
        "linking originals as they are still checks that they are whole"
    );
    let checked = site.stakes_here(&["check"]);
    assert_eq!(checked.output.status.code(), Some(1));
    assert!(
        checked.stdout().contains(&format!(
            "content/a/index.md\n  5: error: photo `third.jpg` {ends_early}\n  8: error: photo `most.jpg` {ends_early}\n"
        )),
        "{}",
        checked.stdout()
    );
}

#[test]
fn issue16_a_png_named_jpg_is_a_warning_naming_the_file() {
    let site = Site::new().png("content/a/chart.jpg", 40, 20).article(
        "a/index.md",
        BASIC_FRONT,
        "Intro.\n\n![Chart](chart.jpg)\nCredit: Desk\n",
    );
    let warning = "content/a/index.md:7: photo `chart.jpg` is a PNG file named `.jpg`: rename it to `.png` (and change the reference) so hosts and tools treat it as what it is";
    for args in [&["build"][..], &["build", "--no-image-processing"]] {
        let built = site.stakes_here(args).ok();
        assert_eq!(built.warnings(), vec![warning.to_string()], "{args:?}");
    }
    let checked = site.stakes_here(&["check"]);
    assert!(
        checked.stdout().contains(&format!(
            "content/a/index.md\n  7: warning: {}",
            warning.split_once(":7: ").unwrap().1
        )),
        "{}",
        checked.stdout()
    );
}

#[test]
fn a_linked_photos_verdict_is_remembered_only_while_the_file_is_unchanged() {
    let whole = photo_jpeg();
    // Captioned and credited, so nothing but the completeness check reads the photos.
    let body = "![Kept](kept.jpg)\nThe kept one.\nCredit: Desk\n\n![Cut](cut.jpg)\nThe cut one.\nCredit: Desk\n";
    let site = Site::new()
        .bytes("content/a/kept.jpg", &whole)
        .bytes("content/a/cut.jpg", &whole)
        .article("a/index.md", BASIC_FRONT, body);
    site.stakes_here(&["build", "--no-image-processing"]).ok();
    let index =
        std::fs::read_to_string(site.root().join(".stakes-cache/images/index.tsv")).unwrap();
    let mut lines: Vec<Vec<&str>> = index
        .lines()
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    lines.sort_by_key(|fields| fields[4]);
    let recorded: Vec<(&str, &str, &str)> = lines.iter().map(|f| (f[0], f[3], f[4])).collect();
    assert_eq!(
        recorded,
        [
            ("whole", "jpeg", "content/a/cut.jpg"),
            ("whole", "jpeg", "content/a/kept.jpg")
        ],
        "named from the site root: {index}"
    );

    // The warm build trusts the verdict of the unchanged photo, not of the one cut off since.
    let site = site.bytes("content/a/cut.jpg", &whole[..whole.len() / 2]);
    assert_eq!(
        site.stakes_here(&["build", "--no-image-processing"]).errors(),
        vec![
            "content/a/index.md:9: photo `cut.jpg` is incomplete: the file ends early (an interrupted copy, upload or export left part of the picture out): export it again"
                .to_string()
        ]
    );
    let site = site.bytes("content/a/cut.jpg", &whole);
    site.stakes_here(&["build", "--no-image-processing"]).ok();
}

#[test]
fn issue16_an_image_inside_a_paragraph_is_checked_like_a_figure() {
    let whole = photo_jpeg();
    let site = Site::new()
        .bytes("content/a/server-room.jpg", &whole)
        .bytes("content/a/cut.jpg", &whole[..whole.len() / 2])
        .article(
            "a/index.md",
            BASIC_FRONT,
            "Brussels ![Servers](server-room.jpg) has a data centre.\n\nAnd ![](nameless.jpg) here, ![Cut](cut.jpg) there.\n",
        );
    let inside = |src: &str| format!("image `{src}` {INSIDE_TEXT}");
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            format!("content/a/index.md:5: {}", inside("server-room.jpg")),
            format!("content/a/index.md:7: {}", inside("cut.jpg")),
            "content/a/index.md:7: image `nameless.jpg` does not exist: relative images are looked up beside the article (expected content/a/nameless.jpg)".to_string(),
            "content/a/index.md:7: image `nameless.jpg` has no alt text: describe the photo between the brackets, e.g. ![Crowds outside parliament at night](nameless.jpg)".to_string(),
            format!("content/a/index.md:7: {}", inside("nameless.jpg")),
            "content/a/index.md:7: photo `cut.jpg` is incomplete: the file ends early (an interrupted copy, upload or export left part of the picture out): export it again".to_string(),
        ]
    );
}

#[test]
fn issue16_an_image_in_a_caption_is_checked_like_one_in_a_paragraph() {
    let site = Site::new()
        .png("content/a/lead.png", 40, 20)
        .png("content/a/map.png", 40, 20)
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage:\n  src: lead.png\n  alt: Lead\n  credit: Desk\n  caption: Where ![Map](map.png) it is\n",
            "![Chart](map.png \"A caption with ![Inset](inset.png)\")\nCredit: Desk\n",
        );
    let inside = |src: &str| format!("image `{src}` {INSIDE_TEXT}");
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            format!("content/a/index.md:4: {}", inside("map.png")),
            "content/a/index.md:10: image `inset.png` does not exist: relative images are looked up beside the article (expected content/a/inset.png)".to_string(),
            format!("content/a/index.md:10: {}", inside("inset.png")),
        ]
    );
}

#[test]
fn issue16_an_image_inside_a_paragraph_links_a_published_file_when_credits_are_optional() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nrequire_credits: false\n",
        )
        .bytes("content/a/server-room.jpg", &photo_jpeg())
        .article(
            "a/index.md",
            BASIC_FRONT,
            "![Servers](server-room.jpg)\nThe same photo as a figure.\n\nBrussels ![Servers](server-room.jpg) has a data centre.\n",
        );
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("a/index.html");
    let inline = page.attr("p > img", "src");
    assert_eq!(inline, "/a/server-room.jpg");
    assert!(
        built.exists("a/server-room.jpg"),
        "the original the paragraph shows is published"
    );
    let figure = page.attr("figure picture > img", "src");
    assert!(figure.starts_with("/a/server-room.600."), "{figure}");
    assert!(built.exists(figure.trim_start_matches('/')));
    let checked = site.stakes_here(&["check"]);
    assert_eq!(
        checked.output.status.code(),
        Some(0),
        "{}",
        checked.stdout()
    );
    assert!(
        checked.stdout().ends_with("0 errors, 0 warnings.\n"),
        "{}",
        checked.stdout()
    );
}

#[test]
fn issue16_a_wrong_case_image_name_suggests_the_file_on_disk() {
    let site = Site::new()
        .bytes("content/world/parliament.jpg", &photo_jpeg())
        .png("static/images/map.png", 8, 8)
        .article(
            "world/vote.md",
            BASIC_FRONT,
            "![Parliament](Parliament.JPG)\nCredit: Desk\n\n![Map](/images/Map.png)\nCredit: Desk\n",
        );
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            "content/world/vote.md:5: image `Parliament.JPG` does not exist: relative images are looked up beside the article (expected content/world/Parliament.JPG); did you mean `parliament.jpg`?",
            "content/world/vote.md:8: image `/images/Map.png` does not exist: root-relative images are looked up in static/ (expected static/images/Map.png); did you mean `/images/map.png`?",
        ]
    );
}
