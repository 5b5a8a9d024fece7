//! Authors (issue #19): `authors.yaml`, the author pages with their pagination and feeds, the
//! author index, linked bylines, and every problem of the file reported at once.

use crate::support::*;

const ANN: &str = "Ann Lee:
  role: Europe correspondent
  bio: |
    Ann covers the **EU** from Brussels. Read [her summit piece](@/world/summit.md).
  photo:
    src: /people/ann.png
    alt: A drawing of a lighthouse
    credit: Drawing | Desk Studio
  url: https://ann.example/
  social:
    - https://social.example/@ann
  email: ann@news.example
";

/// A site where Ann Lee wrote two explainers (one with Bo Yu) and Bo Yu a third.
fn newsroom() -> Site {
    Site::new()
        .file("authors.yaml", ANN)
        .png("static/people/ann.png", 1000, 1000)
        .article(
            "world/summit.md",
            "title: The summit\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
            "Intro.\n",
        )
        .article(
            "world/vote.md",
            "title: The vote\ndate: 2026-05-03\nauthors: [Ann Lee, Bo Yu]\n",
            "Intro.\n",
        )
        .article(
            "world/budget.md",
            "title: The budget\ndate: 2026-05-02\nauthors: Bo Yu\n",
            "Intro.\n",
        )
}

#[test]
fn an_author_page_shows_photo_role_bio_links_and_their_explainers_newest_first() {
    let site = newsroom();
    let built = site.build().ok();
    let page = built.html("authors/ann-lee/index.html");
    assert_eq!(page.text("section.author h1"), "Ann Lee");
    assert_eq!(
        page.text("section.author .author-role"),
        "Europe correspondent"
    );
    // The bio went through the checked Markdown path: its `@/` link is resolved.
    assert_eq!(page.text(".author-bio strong"), "EU");
    assert_eq!(page.attr(".author-bio a", "href"), "/world/summit/");
    // The photo is drawn like any figure: resized copies, srcset, the credit.
    let img = page.one("section.author figure.figure img");
    assert_eq!(img.value().attr("alt"), Some("A drawing of a lighthouse"));
    let srcset = img.value().attr("srcset").expect("resized copies");
    assert!(
        srcset.contains("480w") && srcset.contains("960w"),
        "{srcset}"
    );
    assert!(
        page.all("section.author figure picture source[type='image/webp']")
            .len()
            == 1
    );
    assert_eq!(
        page.text("section.author figcaption .credit"),
        "Credit: Drawing | Desk Studio"
    );
    let links: Vec<String> = page
        .all(".author-links a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(
        links,
        vec![
            "https://ann.example/",
            "https://social.example/@ann",
            "mailto:ann@news.example",
            "/authors/ann-lee/atom.xml"
        ]
    );
    assert_eq!(page.texts(".card-title a"), vec!["The vote", "The summit"]);
    let copies = srcset.split(", ").map(|c| c.split(' ').next().unwrap());
    for copy in copies {
        assert!(
            built.exists(copy.trim_start_matches('/')),
            "{copy} is published"
        );
    }
}

#[test]
fn bylines_link_to_author_pages_and_the_index_lists_every_author() {
    let site = newsroom();
    let built = site.build().ok();
    let vote = built.html("world/vote/index.html");
    let byline: Vec<(String, String)> = vote
        .all("p.byline a[rel=author]")
        .iter()
        .map(|a| (text_of(*a), a.value().attr("href").unwrap().to_string()))
        .collect();
    assert_eq!(
        byline,
        vec![
            ("Ann Lee".to_string(), "/authors/ann-lee/".to_string()),
            ("Bo Yu".to_string(), "/authors/bo-yu/".to_string())
        ]
    );
    assert_eq!(vote.text("p.byline .authors"), "By Ann Lee and Bo Yu");
    let index = built.html("authors/index.html");
    assert_eq!(index.texts(".author-index a"), vec!["Ann Lee", "Bo Yu"]);
    assert_eq!(index.texts(".author-index .tag-count"), vec!["(2)", "(2)"]);
    assert!(built
        .stdout()
        .starts_with("Built 3 articles, 1 section, 0 tags, 2 authors, 1 photo"));
}

#[test]
fn an_author_with_no_entry_still_gets_a_page_and_check_names_them_and_their_articles() {
    let site = newsroom();
    let built = site.build().ok();
    let bo = built.html("authors/bo-yu/index.html");
    assert_eq!(bo.text("section.author h1"), "Bo Yu");
    assert!(bo
        .all(".author-role, .author-bio, section.author figure")
        .is_empty());
    assert_eq!(bo.texts(".card-title a"), vec!["The vote", "The budget"]);
    let checked = site.run("check", &[]).ok();
    assert_eq!(
        checked.stdout(),
        "content/world/budget.md\n  warning: `Bo Yu` has no entry in authors.yaml, so their author page shows only their name and articles (named in content/world/budget.md, content/world/vote.md): add an entry with a `role` and a `bio`\nChecked 11 pages: 0 errors, 1 warning.\n"
    );
}

#[test]
fn an_entry_no_published_article_names_makes_no_page_and_check_suggests_the_name() {
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  role: R\nAnn Leee:\n  role: R\n",
        )
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
            "Intro.\n",
        )
        .article(
            "draft.md",
            "title: D\ndate: 2026-05-01\nauthors: [Cy Draft]\ndraft: true\n",
            "Intro.\n",
        )
        .article(
            "later.md",
            "title: L\ndate: 2099-05-01\nauthors: [Di Later]\n",
            "Intro.\n",
        )
        .article(
            "about.md",
            "title: About\ndate: 2026-05-01\nauthors: [Ed Page]\ntemplate: page.html\n",
            "Intro.\n",
        );
    let built = site.build().ok();
    assert!(built.exists("authors/ann-lee/index.html"));
    for missing in ["ann-leee", "cy-draft", "di-later", "ed-page"] {
        assert!(
            !built.exists(&format!("authors/{missing}/index.html")),
            "{missing}"
        );
    }
    let checked = site.run("check", &[]).ok();
    assert_eq!(
        checked.stdout(),
        "authors.yaml\n  3: warning: `Ann Leee` is named in no published article, so no author page is made for them: did you mean `Ann Lee`? the key must match the name in `authors:` exactly\nscheduled: content/later.md publishes at 2099-05-01 00:00 UTC (use --future to include it)\nNext publication: content/later.md at 2099-05-01 00:00 UTC\nChecked 8 pages: 0 errors, 1 warning.\n"
    );
    // With --drafts, the draft's author is listed as tags are.
    let drafts = site.build_with(&["--drafts"]).ok();
    assert!(drafts.exists("authors/cy-draft/index.html"));
}

#[test]
fn author_pages_paginate_with_per_page_author_and_have_an_atom_feed() {
    // An empty authors.yaml turns author pages on; Ann has no entry.
    let mut site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/sub/\nper_page: {author: 2}\nfeed_limit: 2\n",
        )
        .file("authors.yaml", "# The desk fills this in.\n");
    for i in 1..=3 {
        site = site.article(
            &format!("s{i}.md"),
            &format!("title: Story {i}\ndate: 2026-05-0{i}\nauthors: [Ann Lee]\ndescription: Summary {i}\n"),
            "Intro.\n",
        );
    }
    let built = site.build().ok();
    let first = built.html("authors/ann-lee/index.html");
    assert_eq!(first.texts(".card-title a"), vec!["Story 3", "Story 2"]);
    assert_eq!(
        first.attr("a[rel=next]", "href"),
        "/sub/authors/ann-lee/page/2/"
    );
    let second = built.html("authors/ann-lee/page/2/index.html");
    assert_eq!(second.texts(".card-title a"), vec!["Story 1"]);
    let feed_text = built.read("authors/ann-lee/atom.xml");
    let feed = parse_xml(&feed_text);
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .map(|e| {
            e.children()
                .find(|c| c.has_tag_name("title"))
                .and_then(|t| t.text())
                .unwrap()
        })
        .collect();
    assert_eq!(titles, vec!["Story 3", "Story 2"]);
    let link_of = |rel: &str| {
        feed.root_element()
            .children()
            .find(|n| n.has_tag_name("link") && n.attribute("rel") == Some(rel))
            .and_then(|n| n.attribute("href"))
            .unwrap()
            .to_string()
    };
    assert_eq!(
        link_of("self"),
        "https://news.example/sub/authors/ann-lee/atom.xml"
    );
    assert_eq!(
        link_of("alternate"),
        "https://news.example/sub/authors/ann-lee/"
    );
    // Summaries only: the site feed carries the text.
    assert!(feed.descendants().all(|n| !n.has_tag_name("content")));
    assert!(feed.descendants().any(|n| n.text() == Some("Summary 3")));
    let sitemap_text = built.read("sitemap.xml");
    let sitemap = parse_xml(&sitemap_text);
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&"https://news.example/sub/authors/ann-lee/"),
        "{locs:?}"
    );
}

#[test]
fn every_problem_of_authors_yaml_is_reported_at_once_with_its_line() {
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  rol: Reporter\n  slug: Ann Lee!\n  url: ann.example\n  social:\n    - https://social.example/@ann\n    - javascript:alert(1)\n  email: ann at example\n  bio: See [this](@/nowhere.md).\n  photo:\n    src: /people/ann.png\n",
        )
        .png("static/people/ann.png", 20, 20)
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
            "Intro.\n",
        );
    let errors = site.build().errors();
    assert_eq!(
        errors,
        vec![
            "authors.yaml:2: unknown key `rol` under `Ann Lee:`: did you mean `role`? Known keys there: slug, role, bio, photo, url, social, email",
            "authors.yaml:3: `slug: Ann Lee!` of `Ann Lee` is not a URL slug: use lowercase letters, digits and hyphens (e.g. `ann-lee`)",
            "authors.yaml:4: `url` of `Ann Lee` is not a web address (`ann.example`): write the full address, starting with https://",
            "authors.yaml:7: entry 2 of `social` of `Ann Lee` is not a web address (`javascript:alert(1)`): write the full address, starting with https://",
            "authors.yaml:8: `email: ann at example` of `Ann Lee` is not an email address: write it as name@example.org, or remove it",
            "authors.yaml:9: `bio` of `Ann Lee`: link `@/nowhere.md`: there is no content/nowhere.md (or it is a draft)",
            "authors.yaml:10: the photo of `Ann Lee` has no `alt` (and the photo carries none): add `alt: <what the photo shows>` under `photo:`, or fill in the photo's IPTC “Alt Text (Accessibility)” field",
            "authors.yaml:10: the photo of `Ann Lee` has no `credit` (and the photo carries none): add `credit: Photographer | Agency` under `photo:` (or set `require_credits: false` in site.yaml)",
        ]
    );
}

#[test]
fn two_authors_on_one_slug_are_an_error_naming_both() {
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  role: R\nBo Yu:\n  slug: ann-lee\n",
        )
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee, Bo Yu]\n",
            "Intro.\n",
        );
    assert_eq!(
        site.build().errors(),
        vec!["authors.yaml:4: `Ann Lee` and `Bo Yu` would both have the author page /authors/ann-lee/: give one of them another `slug:` in authors.yaml"]
    );
}

#[test]
fn an_article_on_an_author_page_is_refused_by_the_clash_check() {
    let site = Site::new()
        .file("authors.yaml", "Ann Lee:\n  role: R\n")
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
            "Intro.\n",
        )
        .article(
            "authors/ann-lee.md",
            "title: B\ndate: 2026-05-01\n",
            "Intro.\n",
        );
    assert_eq!(
        site.build().errors(),
        vec!["content/authors/ann-lee.md: would publish at /authors/ann-lee/, which is the author page of `Ann Lee`: rename the file or set `slug:`"]
    );
}

#[test]
fn a_site_without_authors_yaml_keeps_plain_bylines_and_makes_no_author_pages() {
    let site = Site::new().article(
        "a.md",
        "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
        "Intro.\n",
    );
    let built = site.build().ok();
    let page = built.html("a/index.html");
    assert_eq!(page.text("p.byline .authors"), "By Ann Lee");
    assert!(page
        .all("p.byline a[rel=author], a[href='/authors/']")
        .is_empty());
    assert!(!built.exists("authors"));
    assert!(built
        .stdout()
        .starts_with("Built 1 article, 0 sections, 0 tags in "));
    let checked = site.run("check", &[]).ok();
    // The home page, the article, the topic index and the 404 page: no author pages.
    assert_eq!(checked.stdout(), "Checked 5 pages: 0 errors, 0 warnings.\n");
}

#[test]
fn a_near_miss_of_an_entry_name_is_warned_at_its_authors_line_with_the_right_name() {
    let site = Site::new()
        .file("authors.yaml", "Mara Jensen:\n  role: R\n")
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Mara Jenson]\n",
            "Intro.\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-05-02\ndek: D\nauthors: [Mara Jensen, Mara Jenson]\n",
            "Intro.\n",
        );
    let built = site.build().ok();
    let expected = "`Mara Jenson` has no entry in authors.yaml: did you mean `Mara Jensen`? Write the name as in authors.yaml; until then its byline is plain text and no author page is made for it (also in content/b.md:5)";
    // A warning, not an error: the build passes, and says it.
    assert!(
        built
            .warnings()
            .contains(&format!("content/a.md:4: {expected}")),
        "{}",
        built.stderr()
    );
    assert!(built.exists("authors/mara-jensen/index.html"));
    assert!(!built.exists("authors/mara-jenson/index.html"));
    let checked = site.run("check", &[]).ok();
    assert!(
        checked
            .stdout()
            .contains(&format!("content/a.md\n  4: warning: {expected}\n")),
        "{}",
        checked.stdout()
    );
}

#[test]
fn two_entries_on_one_slug_are_an_error_at_the_second_slug_even_unnamed() {
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  role: R\nBo Yu:\n  role: R\n  slug: ann-lee\n",
        )
        .article("a.md", "title: A\ndate: 2026-05-01\n", "Intro.\n");
    assert_eq!(
        site.build().errors(),
        vec!["authors.yaml:5: `Ann Lee` and `Bo Yu` would both have the author page /authors/ann-lee/: give one of them another `slug:` in authors.yaml"]
    );
}

#[test]
fn a_byline_spelt_onto_an_entry_slug_is_an_error_at_the_article() {
    let site = Site::new()
        .file("authors.yaml", "Tomas Okafor:\n  role: R\n")
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Tomás Okafor]\n",
            "Intro.\n",
        );
    assert_eq!(
        site.build().errors(),
        vec!["content/a.md:4: `Tomás Okafor` has no entry in authors.yaml but would have the author page /authors/tomas-okafor/ of `Tomas Okafor`: write the name as in authors.yaml, `Tomas Okafor`"]
    );
}

#[test]
fn one_social_address_may_be_written_alone() {
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  role: R\n  social: https://social.example/@ann\n",
        )
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
            "Intro.\n",
        );
    let built = site.build().ok();
    let page = built.html("authors/ann-lee/index.html");
    let links: Vec<&str> = page
        .all(".author-links a")
        .iter()
        .filter_map(|a| a.value().attr("href"))
        .filter(|href| href.starts_with("https://"))
        .collect();
    assert_eq!(links, vec!["https://social.example/@ann"]);
}

#[test]
fn a_mistyped_value_names_authors_yaml_and_the_other_entries_are_still_checked() {
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  role: [a, b]\nBo Yu:\n  url: bo.example\nBo Yu:\n  role: R\n",
        )
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee, Bo Yu]\n",
            "Intro.\n",
        );
    assert_eq!(
        site.build().errors(),
        vec![
            "authors.yaml:2:9: invalid authors.yaml: Ann Lee.role: invalid type: sequence, expected a string",
            "authors.yaml:4: `url` of `Bo Yu` is not a web address (`bo.example`): write the full address, starting with https://",
            "authors.yaml:5: `Bo Yu` has two entries (the first on line 3): keep one",
        ]
    );
}

#[test]
fn a_headshot_takes_the_photos_alt_text_and_shows_its_credit_but_not_its_caption() {
    let decoded = stakes_images::decode(&png(64, 64)).unwrap();
    let plain = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    let xmp = stakes::testing::xmp_packet_for_tests(
        "<Iptc4xmpCore:AltTextAccessibility><rdf:Alt><rdf:li xml:lang=\"x-default\">Ann at her desk</rdf:li></rdf:Alt></Iptc4xmpCore:AltTextAccessibility>",
    );
    let jpeg = stakes::testing::embed_for_tests(
        &plain,
        &[(110, "NTB"), (120, "The 2019 summit, on its first day")],
        Some(&xmp),
    );
    let site = Site::new()
        .file(
            "authors.yaml",
            "Ann Lee:\n  role: R\n  photo:\n    src: /people/ann.jpg\n",
        )
        .bytes("static/people/ann.jpg", &jpeg)
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee]\n",
            "Intro.\n",
        );
    for args in [&[][..], &["--no-image-processing"][..]] {
        let built = site.build_with(args).ok();
        let page = built.html("authors/ann-lee/index.html");
        assert_eq!(
            page.attr("section.author figure img", "alt"),
            "Ann at her desk"
        );
        assert_eq!(page.text("section.author figcaption"), "Credit: NTB");
    }
}

#[test]
fn an_author_named_twice_is_warned_at_authors_and_listed_once() {
    let site = Site::new()
        .file("authors.yaml", "Ann Lee:\n  role: R\n")
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nauthors: [Ann Lee, Ann Lee]\n",
            "Intro.\n",
        );
    let built = site.build().ok();
    assert!(
        built.warnings().contains(
            &"content/a.md:4: `Ann Lee` is named twice in `authors:`: name each author once"
                .to_string()
        ),
        "{}",
        built.stderr()
    );
    let page = built.html("a/index.html");
    assert_eq!(page.texts("p.byline a[rel=author]"), vec!["Ann Lee"]);
    let ld: serde_json::Value =
        serde_json::from_str(&page.one("script[type='application/ld+json']").inner_html()).unwrap();
    let authors = ld["author"].as_array().expect("a list of authors");
    assert_eq!(authors.len(), 1, "{ld}");
}

#[test]
fn check_list_credits_lists_the_author_photos_under_authors_yaml() {
    let site = newsroom();
    let out = site.run("check", &["--list-credits"]).ok().stdout();
    assert!(
        out.contains("Photos:\nauthors.yaml\n  5: /people/ann.png\n    caption: —\n    credit (written): Drawing | Desk Studio\n"),
        "{out}"
    );
}
