//! Home, section and tag listings with pagination; the feed and sitemaps as valid XML.

use crate::support::*;

fn many(count: usize) -> Site {
    let mut site = Site::new().file("site.yaml", "title: T\nbase_url: https://news.example/sub/\nper_page: {home: 3, section: 2, tag: 2}\nfeed_limit: 4\n");
    for i in 1..=count {
        site = site.article(
            &format!("world/story-{i:02}.md"),
            &format!(
                "title: Story {i:02}\ndate: 2026-05-{i:02}\ntags: [Common{}]\ndek: Dek {i}\n",
                if i % 2 == 0 { ", Even" } else { "" }
            ),
            "Intro.\n",
        );
    }
    site
}

#[test]
fn the_home_page_lists_newest_first_and_paginates() {
    let site = many(7);
    let built = site.build().ok();
    let first = built.html("index.html");
    assert_eq!(
        first.texts(".card-title a"),
        vec!["Story 07", "Story 06", "Story 05"]
    );
    assert_eq!(first.attr("a[rel=next]", "href"), "/sub/page/2/");
    assert!(first.all("a[rel=prev]").is_empty());
    let second = built.html("page/2/index.html");
    assert_eq!(
        second.texts(".card-title a"),
        vec!["Story 04", "Story 03", "Story 02"]
    );
    assert_eq!(second.attr("a[rel=prev]", "href"), "/sub/");
    assert_eq!(second.attr("a[rel=next]", "href"), "/sub/page/3/");
    let third = built.html("page/3/index.html");
    assert_eq!(third.texts(".card-title a"), vec!["Story 01"]);
    assert_eq!(third.text(".pagination-status"), "Page 3 of 3");
    assert!(!built.exists("page/4/index.html"));
    assert!(!built.exists("page/1/index.html"));
}

#[test]
fn sections_and_tags_have_their_own_paginated_listings() {
    let site = many(5);
    let built = site.build().ok();
    let section = built.html("world/index.html");
    assert_eq!(section.text("h1.listing-title"), "World");
    assert_eq!(section.texts(".card-title a"), vec!["Story 05", "Story 04"]);
    assert!(built.exists("world/page/3/index.html"));
    let tag = built.html("tags/even/index.html");
    assert_eq!(tag.text("h1.listing-title"), "Even");
    assert_eq!(tag.texts(".card-title a"), vec!["Story 04", "Story 02"]);
    assert!(!built.exists("tags/even/page/2/index.html"));
    assert!(built.exists("tags/common/page/3/index.html"));
    let index = built.html("tags/index.html");
    assert_eq!(index.texts(".tag-index a"), vec!["Common", "Even"]);
}

#[test]
fn sections_take_titles_from_index_files_and_nest() {
    let site = Site::new()
        .file(
            "content/world/_index.md",
            "---\ntitle: World news\ndescription: Abroad\n---\nFrom *everywhere*.\n",
        )
        .article("world/europe/a.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    let world = built.html("world/index.html");
    assert_eq!(world.text("h1.listing-title"), "World news");
    assert_eq!(
        world.one(".listing-intro").inner_html().trim(),
        "<p>From <em>everywhere</em>.</p>"
    );
    assert_eq!(
        world.texts(".card-title a"),
        vec!["A plain explainer"],
        "subsection articles appear in the parent"
    );
    assert_eq!(
        built
            .html("world/europe/index.html")
            .text("h1.listing-title"),
        "Europe"
    );
    assert_eq!(
        built.html("index.html").texts(".site-nav a"),
        vec!["World news"]
    );
}

#[test]
fn the_feed_is_valid_atom_with_the_latest_entries_in_full() {
    let site = many(6);
    let built = site.build().ok();
    let feed = built.read("atom.xml");
    let doc = parse_xml(&feed);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "feed");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.w3.org/2005/Atom")
    );
    let entries: Vec<_> = root
        .children()
        .filter(|n| n.has_tag_name("entry"))
        .collect();
    assert_eq!(entries.len(), 4, "feed_limit");
    let child = |node: roxmltree::Node, name: &str| {
        node.children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(child(entries[0], "title"), "Story 06");
    assert_eq!(
        child(entries[0], "id"),
        "https://news.example/sub/world/story-06/"
    );
    assert_eq!(child(entries[0], "published"), "2026-05-06T00:00:00Z");
    assert_eq!(child(root, "updated"), "2026-05-06T00:00:00Z");
    let content = child(entries[0], "content");
    let html = Html::parse_fragment(&content);
    assert_eq!(
        html.select(&Selector::parse("p").unwrap())
            .map(|p| p.text().collect::<String>())
            .collect::<Vec<_>>(),
        vec!["Dek 6", "Intro."]
    );
    let self_link = root
        .children()
        .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some("self"))
        .unwrap();
    assert_eq!(
        self_link.attribute("href"),
        Some("https://news.example/sub/atom.xml")
    );
}

#[test]
fn the_sitemap_and_robots_list_every_public_url() {
    let site = many(3);
    let built = site.build().ok();
    let sitemap = built.read("sitemap.xml");
    let doc = parse_xml(&sitemap);
    assert_eq!(doc.root_element().tag_name().name(), "urlset");
    let locs: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    for expected in [
        "https://news.example/sub/",
        "https://news.example/sub/world/story-01/",
        "https://news.example/sub/world/",
        "https://news.example/sub/tags/common/",
    ] {
        assert!(locs.contains(&expected), "{expected} missing from {locs:?}");
    }
    assert_eq!(locs.len(), 1 + 3 + 1 + 2);
    let robots = built.read("robots.txt");
    assert!(
        robots
            .lines()
            .any(|l| l == "Sitemap: https://news.example/sub/sitemap.xml"),
        "{robots}"
    );
}

#[test]
fn the_404_page_and_stylesheet_are_written() {
    let site = many(1);
    let built = site.build().ok();
    let not_found = built.html("404.html");
    assert_eq!(not_found.text("h1"), "Page not found");
    assert_eq!(not_found.attr("a.site-title", "href"), "/sub/");
    let css = not_found.attr("link[rel=stylesheet]", "href");
    let name = css.strip_prefix("/sub/").unwrap();
    assert!(
        name.starts_with("stakes.") && name.ends_with(".css"),
        "{css}"
    );
    assert!(built.read(name).contains(".stake-number"));
}

/// Issue #16: an article whose URL is a page the site generates (here pages of the section
/// listing, and the section listing itself) crashed the build with "File exists (os error
/// 17)" while `check` found nothing. Both now refuse it, naming the file and the page, with
/// the site's other problems in the same run.
#[test]
fn issue16_an_article_at_a_generated_url_is_refused_by_build_and_check() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nper_page: {section: 1}\n",
        )
        .article(
            "world/summit.md",
            "title: Summit\ndate: 2026-05-01\n",
            "Intro.\n",
        )
        .article(
            "world/page/2.md",
            "title: Two\ndate: 2026-05-02\n",
            "Intro.\n",
        )
        .article(
            "world/page/notes.md",
            "title: Notes\ndate: 2026-05-03\nslug: \"3\"\n",
            "Intro.\n",
        )
        .article(
            "world/page/4/index.md",
            "title: Four\ndate: 2026-05-04\n",
            "Intro.\n",
        )
        .article("world.md", "title: World\ndate: 2026-05-05\n", "Intro.\n")
        .article("bad.md", "title: Bad\ndate: yesterday\n", "Intro.\n");
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        vec![
            "content/bad.md:3: `date`: `yesterday` is not a valid date: use YYYY-MM-DD (2026-05-01), a date and time read in the site's time zone (2026-05-01 09:30) or one with its UTC offset (2026-05-01T09:30:00+02:00)",
            "content/world.md: would publish at /world/, which is the section `world` listing: rename the file or set `slug:`",
            "content/world/page/2.md: would publish at /world/page/2/, which is page 2 of the section `world` listing: rename the file or set `slug:`",
            "content/world/page/4/index.md: would publish at /world/page/4/, which is page 4 of the section `world` listing: rename its folder or set `slug:`",
            "content/world/page/notes.md:4: would publish at /world/page/3/, which is page 3 of the section `world` listing: change `slug:`",
        ]
    );
    assert!(!built.stderr().contains("os error"), "{}", built.stderr());
    assert!(!site.root().join("public").exists(), "nothing is written");

    let checked = site.stakes_here(&["check"]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stdout()
    );
    let out = checked.stdout();
    for expected in [
        "content/world/page/2.md\n  error: would publish at /world/page/2/, which is page 2 of the section `world` listing: rename the file or set `slug:`\n",
        "content/world/page/notes.md\n  4: error: would publish at /world/page/3/, which is page 3 of the section `world` listing: change `slug:`\n",
    ] {
        assert!(out.contains(expected), "missing {expected:?} in\n{out}");
    }
    assert!(out.contains(": 5 errors, 0 warnings."), "{out}");
}

/// Issue #16: with fewer articles the same file publishes (its page is no listing's), and
/// the section listing still links to it.
#[test]
fn issue16_a_page_folder_that_is_no_listing_page_publishes() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nper_page: {section: 1}\n",
        )
        .article(
            "world/page/2.md",
            "title: Two\ndate: 2026-05-02\n",
            "Intro.\n",
        );
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("world/page/2/index.html");
    assert_eq!(page.text("h1"), "Two");
    let section = built.html("world/index.html");
    assert_eq!(section.attr(".card-title a", "href"), "/world/page/2/");
}

/// Issue #16 (rough edge): two files at one URL "both" publish there; three or more "all".
#[test]
fn issue16_files_sharing_a_url_both_or_all_publish_there() {
    let front =
        |title: &str, slug: &str| format!("title: {title}\ndate: 2026-05-01\nslug: {slug}\n");
    let site = Site::new()
        .article("a.md", &front("A", "same"), "Body\n")
        .article("b.md", &front("B", "same"), "Body\n")
        .article("c.md", &front("C", "other"), "Body\n")
        .article("d.md", &front("D", "other"), "Body\n")
        .article("e.md", &front("E", "other"), "Body\n");
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            "content/a.md: content/a.md and content/b.md both publish to /same/: rename one or set a different `slug:`",
            "content/c.md: content/c.md, content/d.md and content/e.md all publish to /other/: rename one or set a different `slug:`",
        ]
    );
}

/// Issue #16: a file of `static/` copied onto a generated output failed the build with a
/// message naming nothing it collided with, and `check` passed. Both now name the output.
#[test]
fn issue16_a_file_copied_onto_a_generated_output_is_named_by_build_and_check() {
    let site = Site::new()
        .file("static/robots.txt", "User-agent: *\n")
        .file("static/atom.xml", "<feed/>\n")
        .article("world/summit.md", BASIC_FRONT, "Intro.\n");
    let fix = "rename or move it (to change what stakes generates there, override its template in templates/)";
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            format!("static/atom.xml: would be copied to /atom.xml, which is the Atom feed: {fix}"),
            format!("static/robots.txt: would be copied to /robots.txt, which is the generated robots.txt: {fix}"),
        ]
    );
    let checked = site.stakes_here(&["check"]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stdout()
    );
    assert!(
        checked.stdout().contains(&format!(
            "static/robots.txt\n  error: would be copied to /robots.txt, which is the generated robots.txt: {fix}\n"
        )),
        "{}",
        checked.stdout()
    );
}
