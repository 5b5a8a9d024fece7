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
        page.one("script[type='application/ld+json']");
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
