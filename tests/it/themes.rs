//! The built-in theme, overrides of one file, and template errors.

use crate::support::*;

#[test]
fn a_site_template_overrides_one_built_in_file() {
    let site = Site::new()
        .file("templates/404.html", "{% extends \"base.html\" %}{% block content %}<h1 id=\"custom\">Lost? {{ site.title }}</h1>{% endblock content %}")
        .article("a.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    assert_eq!(built.html("404.html").text("#custom"), "Lost? Test Site");
    let article = built.html("a/index.html");
    assert_eq!(
        article.all("article.explainer").len(),
        1,
        "other templates are still built in"
    );
}

#[test]
fn a_template_syntax_error_names_the_file_and_line() {
    let site = Site::new()
        .file("templates/page.html", "<p>\n{% if %}\n")
        .article("a.md", BASIC_FRONT, "Body\n");
    let built = site.build();
    let errors = built.errors();
    assert!(
        errors[0].starts_with("templates/page.html: "),
        "{}",
        errors[0]
    );
    assert!(
        built.stderr().contains("page.html:2:"),
        "{}",
        built.stderr()
    );
}

#[test]
fn a_render_error_names_the_article_being_rendered() {
    let site = Site::new()
        .file(
            "templates/article.html",
            "{{ article.no_such_field.deeper }}",
        )
        .article("a.md", BASIC_FRONT, "Body\n");
    let errors = site.build().errors();
    assert!(
        errors[0].starts_with("templates/article.html: while rendering content/a.md: "),
        "{}",
        errors[0]
    );
}

#[test]
fn an_unknown_template_is_an_error_on_the_article() {
    let site = Site::new().article(
        "a.md",
        "title: T\ndate: 2026-05-01\ntemplate: wide.html\n",
        "Body\n",
    );
    let errors = site.build().errors();
    assert_eq!(errors, vec!["content/a.md: `template: wide.html` does not exist: add templates/wide.html or use article.html or page.html"]);
}

#[test]
fn a_favicon_from_static_is_linked_and_a_missing_one_is_an_error() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: Test Site\nbase_url: https://news.example/sub/\nfavicon: icons/site.svg\n",
        )
        .file(
            "static/icons/site.svg",
            "<svg xmlns=\"http://www.w3.org/2000/svg\"/>",
        )
        .article("a.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    for page in ["index.html", "a/index.html", "404.html"] {
        assert_eq!(
            built.html(page).attr("link[rel=icon]", "href"),
            "/sub/icons/site.svg",
            "{page}"
        );
    }
    assert!(built.exists("icons/site.svg"));

    let missing = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nfavicon: nope.svg\n",
        )
        .article("a.md", BASIC_FRONT, "Body\n");
    assert_eq!(
        missing.build().errors(),
        vec!["site.yaml:3: `favicon: nope.svg` is not a file in static/: add static/nope.svg or remove the setting"]
    );
}

#[test]
fn without_a_favicon_setting_no_icon_is_linked() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    assert!(built.html("a/index.html").all("link[rel=icon]").is_empty());
}

/// The built-in card is rendered once per article and its eager form derived from it; a site
/// overriding card.html with the very same text takes the two-render path. Both must publish
/// the same bytes.
#[test]
fn the_built_in_cards_eager_form_is_what_rendering_it_eager_gives() {
    let mut site = Site::new().file("site.yaml", "title: T\nper_page: {home: 4, tag: 4}\n");
    for i in 1..=5 {
        site = site.png(&format!("content/s{i}/lead.png"), 40, 30).article(
            &format!("s{i}/index.md"),
            &format!("title: \"Story {i}: \\\" loading=\\\"lazy\\\" <b>\"\ndate: 2026-05-0{i}\ntags: [Common]\nimage:\n  src: lead.png\n  alt: \"Alt {i} loading=\\\"lazy\\\"\"\n  credit: Desk\n"),
            "Body.\n",
        );
    }
    let derived = site.stakes_here(&["build", "--no-image-processing"]).ok();
    let pages = ["index.html", "page/2/index.html", "tags/common/index.html"];
    let first: Vec<String> = pages.iter().map(|p| derived.read(p)).collect();
    let home = derived.html("index.html");
    let loading: Vec<Option<&str>> = home
        .all("li.card img")
        .iter()
        .map(|img| img.value().attr("loading"))
        .collect();
    assert_eq!(loading, [None, None, None, Some("lazy")]);

    let rendered = site.file(
        "templates/card.html",
        include_str!("../../templates/card.html"),
    );
    let built = rendered
        .stakes_here(&["build", "--no-image-processing"])
        .ok();
    for (page, expected) in pages.iter().zip(&first) {
        assert_eq!(&built.read(page), expected, "{page}");
    }
}

#[test]
fn a_card_override_draws_every_listing_card_eager_for_the_first_three() {
    let mut site = Site::new()
        .file("site.yaml", "title: T\nper_page: {home: 4, tag: 4}\n")
        .file(
            "templates/card.html",
            "<li class=\"card\" data-eager=\"{{ eager }}\"><a href=\"{{ a.url }}\">{{ a.title }}</a> {{ site.title }}</li>",
        );
    for i in 1..=5 {
        site = site.article(
            &format!("s{i}.md"),
            &format!("title: Story {i}\ndate: 2026-05-0{i}\ntags: [Common]\n"),
            "Body.\n",
        );
    }
    let built = site.build().ok();
    for (page, titles, eager) in [
        (
            "index.html",
            vec!["Story 5", "Story 4", "Story 3", "Story 2"],
            vec!["true", "true", "true", "false"],
        ),
        ("page/2/index.html", vec!["Story 1"], vec!["true"]),
        (
            "tags/common/index.html",
            vec!["Story 5", "Story 4", "Story 3", "Story 2"],
            vec!["true", "true", "true", "false"],
        ),
    ] {
        let html = built.html(page);
        let cards = html.all("ol.cards > li.card");
        assert_eq!(html.texts("li.card a"), titles, "{page}");
        let flags: Vec<&str> = cards
            .iter()
            .map(|c| c.value().attr("data-eager").unwrap())
            .collect();
        assert_eq!(flags, eager, "{page}");
        assert!(
            cards.iter().all(|c| text_of(*c).ends_with(" T")),
            "cards get `site`"
        );
    }
}

#[test]
fn an_error_in_the_card_template_names_it() {
    let site = Site::new()
        .file("templates/card.html", "<li>{{ a.no_such_field }}</li>")
        .article("a.md", BASIC_FRONT, "Body\n");
    let errors = site.build().errors();
    assert!(
        errors[0].starts_with(
            "templates/card.html: while rendering content/a.md: error: Field `no_such_field` is not defined"
        ),
        "{errors:?}"
    );
}

#[test]
fn stakes_theme_lists_and_copies_the_built_in_files() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Intro.\n");
    let list = site.stakes_here(&["theme"]).ok().stdout();
    assert!(
        list.contains("  article.html ") && list.contains("  stakes.css "),
        "{list}"
    );
    let run = site.stakes_here(&["theme", "card.html", "artcle.html"]);
    assert_eq!(
        run.errors(),
        ["artcle.html: the theme has no such file: did you mean `article.html`? Run `stakes theme` for the list"]
    );
    assert!(!site.root().join("templates/card.html").exists());
    site.stakes_here(&["theme", "card.html"]).ok();
    let copied = std::fs::read_to_string(site.root().join("templates/card.html")).unwrap();
    assert!(copied.contains("card-title"));
    site.stakes_here(&["build"]).ok();
}
