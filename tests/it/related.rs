//! Related explainers (issue #19): "More explainers" at the end of each article, chosen by
//! shared tags, then section, then date; `related:` pins and switches; the listing card
//! component; every problem of a pin reported at its line.

use crate::support::*;

/// Five published explainers around `world/summit.md`, plus a draft, a scheduled article and a
/// plain page that share its tags and must never be shown.
fn newsroom() -> Site {
    Site::new()
        .article(
            "world/summit.md",
            "title: The summit\ndate: 2026-05-10\ntags: [EU, Energy]\n",
            "Intro.\n",
        )
        // Shares both tags, another section, oldest of all.
        .article(
            "economy/gas.md",
            "title: Gas prices\ndate: 2026-05-01\ntags: [Energy, EU]\n",
            "Intro.\n",
        )
        // Shares one tag, same section.
        .article(
            "world/grid.md",
            "title: The grid\ndate: 2026-05-02\ntags: [energy]\n",
            "Intro.\n",
        )
        // Shares one tag, another section, newer than the grid.
        .article(
            "economy/oil.md",
            "title: Oil\ndate: 2026-05-03\ntags: [Energy]\n",
            "Intro.\n",
        )
        // Shares nothing: newest of all.
        .article(
            "sport/final.md",
            "title: The final\ndate: 2026-05-09\n",
            "Intro.\n",
        )
        .article(
            "world/leak.md",
            "title: A draft\ndate: 2026-05-04\ntags: [EU, Energy]\ndraft: true\n",
            "Intro.\n",
        )
        .article(
            "world/later.md",
            "title: Scheduled\ndate: 2099-01-01\ntags: [EU, Energy]\n",
            "Intro.\n",
        )
        .article(
            "about.md",
            "title: About\ndate: 2026-05-05\ntags: [EU, Energy]\ntemplate: page.html\n",
            "Intro.\n",
        )
}

/// [`newsroom`] with the gas explainer given a dek, a lead photo and three sections.
fn newsroom_with_a_lead_photo() -> Site {
    newsroom()
        .png("content/economy/gas.png", 1200, 800)
        .article(
            "economy/gas.md",
            "title: Three questions about gas prices\ndate: 2026-05-01\ntags: [Energy, EU]\ndek: Why bills rise.\nimage:\n  src: gas.png\n  alt: A gas flame\n  credit: Desk\n",
            "Intro.\n\n## One\n\nA.\n\n## Two\n\nB.\n\n## Three\n\nC.\n",
        )
}

fn related_links(page: &Page) -> Vec<String> {
    page.all("section.related li.card h2 a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect()
}

#[test]
fn more_explainers_shows_most_shared_tags_then_same_section_then_newest() {
    let site = newsroom();
    let built = site.stakes_here(&["build"]).ok();
    let summit = built.html("world/summit/index.html");
    assert_eq!(
        summit.text("section.related h2#related-heading"),
        "More explainers"
    );
    assert_eq!(
        related_links(&summit),
        ["/economy/gas/", "/world/grid/", "/economy/oil/"]
    );
    // With no tag in common, the same section first, then the newest.
    let final_page = built.html("sport/final/index.html");
    assert_eq!(
        related_links(&final_page),
        ["/world/summit/", "/economy/oil/", "/world/grid/"]
    );
    // Never a draft, a scheduled article or a plain page; a plain page shows none.
    for page in [
        "world/summit",
        "economy/gas",
        "world/grid",
        "economy/oil",
        "sport/final",
    ] {
        let links = related_links(&built.html(&format!("{page}/index.html")));
        assert_eq!(links.len(), 3, "{page}: {links:?}");
        assert!(
            links
                .iter()
                .all(|l| !l.contains("leak") && !l.contains("later") && !l.contains("about")),
            "{page}: {links:?}"
        );
        assert!(!links.contains(&format!("/{page}/")), "{page} shows itself");
    }
    assert!(built
        .html("about/index.html")
        .all("section.related")
        .is_empty());
}

#[test]
fn related_cards_are_the_listing_cards() {
    let site = newsroom_with_a_lead_photo();
    let built = site.build().ok();
    let summit = built.html("world/summit/index.html");
    let card = summit.all("section.related li.card")[0];
    let home = built.html("index.html");
    let listed = home
        .all("li.card")
        .into_iter()
        .find(|c| c.html().contains("/economy/gas/"))
        .expect("the gas explainer is listed");
    // The same card.html, the same summary: only the loading hint differs (the block ends the
    // page, so its photos load lazily).
    let eager = |html: String| html.replace(" loading=\"lazy\"", "");
    assert!(card.html().contains(" loading=\"lazy\""));
    assert_eq!(eager(card.html()), eager(listed.html()));
    assert_eq!(
        summit.texts("section.related .card-dek")[0],
        "Why bills rise."
    );
    assert_eq!(
        summit.texts("section.related .card-meta")[0]
            .split(" · ")
            .nth(1),
        Some("Three questions")
    );
    let img = summit.all("section.related img.card-image")[0];
    assert_eq!(img.value().attr("alt"), Some("A gas flame"));
    assert!(img.value().attr("srcset").unwrap().contains("480w"));
}

#[test]
fn a_title_without_a_number_shows_the_count_of_its_sections() {
    let site = Site::new()
        .article(
            "a.md",
            "title: The port deal\ndate: 2026-05-01\n",
            "Intro.\n\n## One\n\nA.\n\n## Two\n\nB.\n\n## Next {.unnumbered}\n\nC.\n\n```\n## not a heading\n```\n",
        )
        .article("b.md", BASIC_FRONT, "Intro.\n");
    let built = site.build().ok();
    let page = built.html("b/index.html");
    assert_eq!(
        page.text("section.related .card-meta").split(" · ").nth(1),
        Some("Two things at stake")
    );
}

#[test]
fn pins_come_first_and_related_false_or_zero_turns_it_off() {
    let site = newsroom()
        .article(
            "world/summit.md",
            "title: The summit\ndate: 2026-05-10\ntags: [EU, Energy]\nrelated: [\"@/sport/final.md\"]\n",
            "Intro.\n",
        )
        .article(
            "economy/oil.md",
            "title: Oil\ndate: 2026-05-03\ntags: [Energy]\nrelated: false\n",
            "Intro.\n",
        );
    let built = site.build().ok();
    assert_eq!(
        related_links(&built.html("world/summit/index.html")),
        ["/sport/final/", "/economy/gas/", "/world/grid/"]
    );
    assert!(built
        .html("economy/oil/index.html")
        .all("section.related")
        .is_empty());
    let fewer = site.file(
        "site.yaml",
        "title: T\nbase_url: https://news.example/\nrelated: 1\n",
    );
    let built = fewer.build().ok();
    assert_eq!(
        related_links(&built.html("world/summit/index.html")),
        ["/sport/final/"]
    );
    let none = fewer.file(
        "site.yaml",
        "title: T\nbase_url: https://news.example/\nrelated: 0\n",
    );
    let built = none.build().ok();
    for page in ["world/summit", "economy/gas", "sport/final"] {
        let html = built.html(&format!("{page}/index.html"));
        assert!(html.all("section.related").is_empty(), "{page}");
    }
}

#[test]
fn every_bad_pin_is_reported_at_its_line_with_what_to_do() {
    let site = newsroom()
        .file("content/world/map.png", "not really a photo")
        .article(
            "world/summit.md",
            "title: The summit\ndate: 2026-05-10\ntags: [EU]\nrelated:\n  - world/grid.md\n  - \"@/world/gird.md\"\n  - \"@/world/leak.md\"\n  - \"@/world/grid.md#the-cables\"\n  - \"@/world/map.png\"\n  - \"@/economy/oil\"\n  - \"@/world/summit.md\"\n  - \"@/sport/final.md\"\n  - \"@/sport/final.md\"\n",
            "Intro.\n",
        )
        .article(
            "economy/gas.md",
            "title: Gas prices\ndate: 2026-05-01\ntags: [Energy, EU]\nrelated: {first: \"@/world/grid.md\"}\n",
            "Intro.\n",
        );
    let built = site.build();
    assert_eq!(
        built.errors(),
        [
            "content/economy/gas.md:5: `related:` takes `false`, or the articles to show first as a list of quoted `@/` paths: `related: [\"@/world/summit.md\"]`",
            "content/world/summit.md:6: `related:` lists `world/grid.md`: write `@/world/grid.md`",
            "content/world/summit.md:7: `related:` lists `@/world/gird.md`, which is not an article: did you mean `@/world/grid.md`?",
            "content/world/summit.md:9: `related:` lists `@/world/grid.md#the-cables`: a pin names a whole article, not a place in it; write `@/world/grid.md`",
            "content/world/summit.md:10: `related:` lists `@/world/map.png`, which is not an article (articles are the `.md` files under content/)",
            "content/world/summit.md:11: `related:` lists `@/economy/oil`, which is not an article: did you mean `@/economy/oil.md`?",
        ]
    );
    assert_eq!(
        built.warnings(),
        [
            "content/world/summit.md:8: `related:` lists `@/world/leak.md`, which is not in this build (a draft, or an article with errors of its own): it is left out until it is",
            "content/world/summit.md:12: `related:` lists `@/world/summit.md`, the article itself: it is left out",
            "content/world/summit.md:14: `related:` lists `@/sport/final.md` twice: it is shown once",
        ]
    );
}

#[test]
fn a_pin_to_an_unpublished_article_is_a_warning_and_one_pin_may_stand_alone() {
    let site = newsroom().article(
        "world/summit.md",
        "title: The summit\ndate: 2026-05-10\ntags: [EU]\nrelated: \"@/about.md\"\n",
        "Intro.\n",
    );
    let built = site.build().ok();
    assert_eq!(
        built.warnings(),
        ["content/world/summit.md:5: `related:` lists `@/about.md`, which is not published (a draft, scheduled, expired or a plain page): it is left out until it is"]
    );
    let links = related_links(&built.html("world/summit/index.html"));
    assert_eq!(links.len(), 3);
    assert!(!links.iter().any(|l| l.contains("about")), "{links:?}");
}

#[test]
fn listings_are_the_same_whether_their_cards_were_rendered_for_the_blocks_or_not() {
    // The listings reuse the built-in cards the article pages' blocks rendered: the result
    // must be what rendering them afresh gives (with `related: 0` nothing is reused).
    let site = newsroom_with_a_lead_photo();
    let pages = [
        "index.html",
        "economy/index.html",
        "tags/energy/index.html",
        "tags/eu/index.html",
    ];
    let with_blocks: Vec<String> = {
        let built = site.build().ok();
        pages.iter().map(|p| built.read(p)).collect()
    };
    let site = site.file(
        "site.yaml",
        "title: Test Site\nbase_url: https://news.example/\nrelated: 0\n",
    );
    let built = site.build().ok();
    for (page, html) in pages.iter().zip(with_blocks) {
        assert_eq!(built.read(page), html, "{page}");
    }
}

#[test]
fn a_related_count_that_is_not_a_number_says_what_it_takes() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nrelated: lots\n",
        )
        .article("a.md", BASIC_FRONT, "Intro.\n");
    assert_eq!(
        site.build().errors(),
        ["site.yaml:3:10: invalid site.yaml: related: invalid type: string \"lots\", expected a whole number (0, 1, 2 …)"]
    );
}

#[test]
fn hurried_mistakes_in_related_say_what_to_write_even_with_the_block_off() {
    let site = newsroom()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nrelated: 0\n",
        )
        .article(
            "world/summit.md",
            "title: The summit\ndate: 2026-05-10\nrelated:\n  - \"@/world/grid.md\"\n  - \"false\"\n  - world/grid.md\n  - \"/economy/oil/\"\n  - \"@/world/grid.md, @/economy/oil.md\"\n",
            "Intro.\n",
        )
        .article(
            "economy/gas.md",
            "title: Gas prices\ndate: 2026-05-01\nrelated: 5\n",
            "Intro.\n",
        )
        .article(
            "economy/oil.md",
            "title: Oil\ndate: 2026-05-03\nrelated: [@/world/grid.md]\n",
            "Intro.\n",
        );
    assert_eq!(
        site.build().errors(),
        [
            "content/economy/gas.md:4: `related:` in an article takes `false` or the articles to show first; how many explainers every article shows is `related:` in site.yaml",
            "content/economy/oil.md:4:11: invalid front matter: found character that cannot start any token. A value starting with `@` must be quoted: \"@/world/summit.md\"",
            "content/world/summit.md:6: `related:` lists `false` as an article: to turn the block off, write `related: false` (no quotes)",
            // At the line of this item, not the earlier one that holds the same text.
            "content/world/summit.md:7: `related:` lists `world/grid.md`: write `@/world/grid.md`",
            "content/world/summit.md:8: `related:` lists `/economy/oil/`: name an article from content/ as in links, with `@/`: did you mean `@/economy/oil.md`?",
            "content/world/summit.md:9: `related:` lists `@/world/grid.md, @/economy/oil.md` as one article: give each its own item, `[\"@/world/summit.md\", \"@/economy/gas.md\"]`",
        ]
    );
}
