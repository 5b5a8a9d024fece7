//! The repository's own demo site builds and every page follows the HTML contract in the README.

use crate::support::*;

#[test]
fn the_demo_site_builds_and_follows_the_html_contract() {
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("public");
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_stakes"))
        .args(["build", "--root", env!("CARGO_MANIFEST_DIR"), "--output"])
        .arg(&target)
        .output()
        .unwrap();
    assert!(
        output.status.success(),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        output.stderr.is_empty(),
        "no warnings: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    let articles = [
        "local/riverton-budget-vote/index.html",
        "transport/rail-strike/index.html",
        "economy/valdoria-rate-decision/index.html",
        "environment/harbour-wind-farm/index.html",
    ];
    for path in articles {
        let page = Page(Html::parse_document(
            &std::fs::read_to_string(target.join(path)).unwrap(),
        ));
        page.one("article.explainer h1.headline");
        page.one("article.explainer p.dek");
        page.one("article.explainer p.byline > time[datetime]");
        page.one("figure.figure.figure--lead > picture > img[alt][srcset][width][height]");
        let figures = page.all("figure.figure");
        assert!(figures.len() >= 2, "{path}: a lead and an inline figure");
        for figure in figures {
            let select = |css: &str| figure.select(&Selector::parse(css).unwrap()).count();
            assert_eq!(select(":scope > picture > img[alt]"), 1, "{path}");
            assert_eq!(
                select(":scope > picture > source[type='image/webp'][srcset]"),
                1,
                "{path}"
            );
            assert_eq!(select(":scope > figcaption > span.caption"), 1, "{path}");
            assert_eq!(select(":scope > figcaption > span.credit"), 1, "{path}");
        }
        let stakes = page.all("section.stake");
        assert!(
            (3..=7).contains(&stakes.len()),
            "{path}: 3–7 numbered sections"
        );
        let numbers = page.texts("section.stake > h2 > span.stake-number:first-child");
        let expected: Vec<String> = (1..=stakes.len()).map(|n| n.to_string()).collect();
        assert_eq!(numbers, expected, "{path}");
        let toc = page.all("nav.stakes-toc ol > li > a");
        assert_eq!(toc.len(), stakes.len(), "{path}");
        for (link, section) in toc.iter().zip(&stakes) {
            assert_eq!(
                link.value().attr("href").unwrap(),
                format!("#{}", section.value().attr("id").unwrap())
            );
        }
        // Issue #19: every demo byline names an author with a page.
        for link in page.all("p.byline a[rel=author]") {
            let href = link.value().attr("href").unwrap();
            let file = format!("{}index.html", href.trim_start_matches('/'));
            assert!(target.join(&file).is_file(), "{path}: {href}");
        }
        assert!(!page.all("p.byline a[rel=author]").is_empty(), "{path}");
        page.one("figure.quote > blockquote");
        page.one("figure.quote > figcaption.attribution");
        page.one("link[rel=canonical]");
        page.one("meta[property='og:image']");
        page.one("meta[name='twitter:card']");
        json_ld_lists_every_credit_and_numbered_section(&page, &target, path);
        page.one("a.skip-link[href='#main']");
        page.one("main#main");
    }
    for path in [
        "local/riverton-budget-vote/index.html",
        "transport/rail-strike/index.html",
    ] {
        let page = Page(Html::parse_document(
            &std::fs::read_to_string(target.join(path)).unwrap(),
        ));
        page.one("aside.read-more a[href]");
    }
    parse_xml(&std::fs::read_to_string(target.join("atom.xml")).unwrap());
    parse_xml(&std::fs::read_to_string(target.join("sitemap.xml")).unwrap());
}

/// Issue #19: a demo article's JSON-LD names every figure's credit and caption, each photo a
/// published file, and every numbered section with its heading and anchor, in order; the
/// publisher carries the demo's logo, fitted to 600×60.
fn json_ld_lists_every_credit_and_numbered_section(
    page: &Page,
    target: &std::path::Path,
    path: &str,
) {
    let ld: serde_json::Value =
        serde_json::from_str(&page.one("script[type='application/ld+json']").inner_html()).unwrap();
    let published = |url: &str| target.join(url.strip_prefix("https://stakes.example/").unwrap());
    let all = ld["image"].as_array().unwrap();
    let credits: Vec<String> = page
        .texts("figure.figure .credit")
        .iter()
        .map(|c| c.strip_prefix("Credit: ").unwrap().to_string())
        .collect();
    // A lead photo's three crops first (with the lead's credit), then every figure.
    let crops = all.len() - page.all("figure.figure").len();
    assert!(crops == 0 || crops == 3, "{path}: {crops} crops");
    for crop in &all[..crops] {
        assert!(
            published(crop["url"].as_str().unwrap()).is_file(),
            "{path}: {crop}"
        );
        assert_eq!(crop["creditText"], all[crops]["creditText"], "{path}");
    }
    let images = &all[crops..];
    let written: Vec<&str> = images
        .iter()
        .map(|i| i["creditText"].as_str().unwrap())
        .collect();
    assert_eq!(written, credits, "{path}");
    let captions: Vec<&str> = images
        .iter()
        .map(|i| i["caption"].as_str().unwrap())
        .collect();
    assert_eq!(captions, page.texts("figure.figure .caption"), "{path}");
    for image in images {
        assert!(
            published(image["url"].as_str().unwrap()).is_file(),
            "{path}: {image}"
        );
    }
    let entries = ld["hasPart"]["itemListElement"].as_array().unwrap();
    let stakes = page.all("section.stake");
    assert_eq!(entries.len(), stakes.len(), "{path}");
    for (n, (entry, section)) in entries.iter().zip(&stakes).enumerate() {
        assert_eq!(entry["position"], n + 1, "{path}");
        let id = section.value().attr("id").unwrap();
        assert!(
            entry["url"].as_str().unwrap().ends_with(&format!("/#{id}")),
            "{path}: {entry}"
        );
        let heading = section
            .select(&Selector::parse("h2").unwrap())
            .next()
            .unwrap();
        assert!(
            text_of(heading).ends_with(entry["name"].as_str().unwrap()),
            "{path}"
        );
    }
    let logo = &ld["publisher"]["logo"];
    let bytes = std::fs::read(published(logo["url"].as_str().unwrap())).unwrap();
    let (_, width, height) = stakes_images::probe(&bytes).unwrap();
    assert!(width <= 600 && height <= 60, "{width}×{height}");
    assert_eq!(
        (logo["width"].as_u64(), logo["height"].as_u64()),
        (Some(u64::from(width)), Some(u64::from(height)))
    );
}
