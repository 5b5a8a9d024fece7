//! Lead-photo crops (issue #19): 16:9, 4:3 and 1:1 for structured data and the 1.91:1 social
//! card, centred on `image.focus`, never upscaled, and the head's Open Graph and Twitter tags.

use crate::support::*;

/// A photo whose left half is black and right half white, as a PNG of `width` × `height`.
fn half_and_half(width: u32, height: u32) -> Vec<u8> {
    let pixels = (0..height)
        .flat_map(|_| (0..width).flat_map(move |x| [if x < width / 2 { 0 } else { 255 }; 3]))
        .collect();
    stakes_images::encode_png(&stakes_images::Decoded {
        pixels,
        width,
        height,
        alpha: false,
        format: stakes_images::Format::Png,
    })
    .unwrap()
}

/// The published crops of `stem` in `folder`, by shape name: (width, height, mean brightness).
fn crops(built: &Built, folder: &str, stem: &str) -> Vec<(String, u32, u32, u32)> {
    let mut found: Vec<(String, u32, u32, u32)> = std::fs::read_dir(built.public.join(folder))
        .unwrap()
        .flatten()
        .filter_map(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            let shape = name.strip_prefix(&format!("{stem}."))?.split('.').next()?;
            ["16x9", "4x3", "1x1", "og"].contains(&shape).then(|| {
                let image = stakes_images::decode(&std::fs::read(entry.path()).unwrap()).unwrap();
                let mean = image.pixels.iter().map(|&p| u64::from(p)).sum::<u64>()
                    / image.pixels.len() as u64;
                (shape.to_string(), image.width, image.height, mean as u32)
            })
        })
        .collect();
    found.sort();
    found
}

fn sizes(found: &[(String, u32, u32, u32)]) -> Vec<(&str, u32, u32)> {
    found
        .iter()
        .map(|(s, w, h, _)| (s.as_str(), *w, *h))
        .collect()
}

#[test]
fn issue19_a_lead_photo_gets_three_crops_and_a_social_card_with_its_size_and_alt() {
    let site = Site::new()
        .bytes("content/a/lead.png", &half_and_half(2400, 1600))
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Harbour at dawn, credit: Desk}\n",
            "Body.\n",
        );
    let built = site.build().ok();
    assert_eq!(
        sizes(&crops(&built, "a", "lead")),
        [
            ("16x9", 1200, 675),
            ("1x1", 1200, 1200),
            ("4x3", 1200, 900),
            ("og", 1200, 630)
        ]
    );
    let page = built.html("a/index.html");
    let meta = |selector: &str| page.attr(selector, "content");
    let og = meta("meta[property='og:image']");
    let path = og.strip_prefix("https://news.example/").unwrap();
    assert!(path.starts_with("a/lead.og."), "{path}");
    let card = stakes_images::decode(&std::fs::read(built.public.join(path)).unwrap()).unwrap();
    assert_eq!((card.width, card.height), (1200, 630));
    assert_eq!(meta("meta[property='og:image:width']"), "1200");
    assert_eq!(meta("meta[property='og:image:height']"), "630");
    assert_eq!(meta("meta[property='og:image:alt']"), "Harbour at dawn");
    assert_eq!(meta("meta[name='twitter:card']"), "summary_large_image");
    assert_eq!(meta("meta[name='twitter:image']"), og);
    assert_eq!(meta("meta[name='twitter:image:alt']"), "Harbour at dawn");
}

#[test]
fn issue19_crops_of_a_small_photo_are_never_upscaled() {
    let site = Site::new()
        .bytes("content/a/lead.png", &half_and_half(800, 500))
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Small, credit: Desk}\n",
            "Body.\n",
        );
    let built = site.build().ok();
    assert_eq!(
        sizes(&crops(&built, "a", "lead")),
        [
            ("16x9", 800, 450),
            ("1x1", 500, 500),
            ("4x3", 667, 500),
            ("og", 800, 420)
        ]
    );
    let page = built.html("a/index.html");
    assert_eq!(
        page.attr("meta[property='og:image:width']", "content"),
        "800"
    );
}

#[test]
fn issue19_the_focus_chooses_what_each_crop_keeps_and_names_new_files() {
    let lead = |focus: &str| {
        format!("title: A\ndate: 2026-05-01\nimage:\n  src: lead.png\n  alt: Halves\n  credit: Desk\n  focus: {focus}\n")
    };
    let site = Site::new()
        .bytes("content/a/lead.png", &half_and_half(1600, 800))
        .article("a/index.md", &lead("[1, 0.5]"), "Body.\n");
    let right = site.build().ok();
    let right_crops = crops(&right, "a", "lead");
    let square = |found: &[(String, u32, u32, u32)]| found.iter().find(|c| c.0 == "1x1").unwrap().3;
    assert!(
        square(&right_crops) > 230,
        "the white half: {right_crops:?}"
    );
    let copies_before = right.html("a/index.html").attr("figure img", "srcset");
    let og_before = right
        .html("a/index.html")
        .attr("meta[property='og:image']", "content");

    let site = site.article("a/index.md", &lead("[0.0, 0.5]"), "Body.\n");
    let left = site.build().ok();
    let left_crops = crops(&left, "a", "lead");
    assert!(square(&left_crops) < 25, "the black half: {left_crops:?}");
    let page = left.html("a/index.html");
    assert_ne!(page.attr("meta[property='og:image']", "content"), og_before);
    assert_eq!(
        page.attr("figure img", "srcset"),
        copies_before,
        "the resized copies do not depend on the focus"
    );
    // No focus is the centre: half black, half white.
    let site = site.article("a/index.md", &lead("null"), "Body.\n");
    let centre = crops(&site.build().ok(), "a", "lead");
    assert!((100..160).contains(&square(&centre)), "{centre:?}");
}

#[test]
fn issue19_a_bad_focus_is_an_error_at_its_line_and_every_one_is_reported() {
    let site = Site::new()
        .png("content/a/lead.png", 40, 20)
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage:\n  src: lead.png\n  alt: A\n  credit: Desk\n  focus: [1.5, 0.3]\n",
            "Body.\n",
        )
        .png("content/b/lead.png", 40, 20)
        .article(
            "b/index.md",
            "title: B\ndate: 2026-05-01\nimage: {src: lead.png, alt: B, credit: Desk, focus: centre}\n",
            "Body.\n",
        )
        .png("content/c/lead.png", 40, 20)
        .article(
            "c/index.md",
            "title: C\ndate: 2026-05-01\nimage:\n  src: lead.png\n  alt: C\n  credit: Desk\n  focus: [\"0.5\", \"0.5\"]\n",
            "Body.\n",
        );
    let hint = "`image.focus` must be two fractions between 0 and 1 — across the photo's width, then down its height — e.g. `focus: [0.5, 0.3]` (the centre, [0.5, 0.5], is the default)";
    assert_eq!(
        site.build().errors(),
        [
            format!("content/a/index.md:8: {hint}; found [1.5, 0.3]"),
            format!("content/b/index.md:4: {hint}; found centre"),
            format!("content/c/index.md:8: {hint}; found [\"0.5\" (text: write the number without quotes), \"0.5\" (text: write the number without quotes)]"),
        ]
    );
}

#[test]
fn issue19_without_processing_the_card_is_the_original_with_no_size_claimed() {
    let site = Site::new()
        .bytes("content/a/lead.png", &half_and_half(400, 200))
        .article(
            "a/index.md",
            "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Halves, credit: Desk}\n",
            "Body.\n",
        );
    let built = site.build_with(&["--no-image-processing"]).ok();
    let page = built.html("a/index.html");
    assert_eq!(
        page.attr("meta[property='og:image']", "content"),
        "https://news.example/a/lead.png"
    );
    assert!(page.all("meta[property='og:image:width']").is_empty());
    assert_eq!(
        page.attr("meta[property='og:image:alt']", "content"),
        "Halves"
    );
    assert!(crops(&built, "a", "lead").is_empty());
}
