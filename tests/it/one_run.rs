//! One run shows everything: an article with errors is left out and the rest of the site is
//! still rendered and checked (`check`), served (`serve`) and reported (`build`).

use crate::support::*;

/// A site with one article whose body has errors, one whose front matter cannot be read, and
/// healthy articles with broken links, a missing anchor and a leftover placeholder.
fn site_with_one_broken_article() -> Site {
    Site::new()
        .png("content/world/photo.png", 4, 4)
        .article(
            "world/broken.md",
            "title: Three things at stake in the vote\ndate: 2026-05-01\n",
            "Intro.\n\n## Only one\n\n![A photo](photo.png)\nNo credit here.\n",
        )
        .article(
            "world/unreadable.md",
            "title: Broken: colon\ndate: 2026-05-01\n",
            "Body.\n",
        )
        .article(
            "world/summit.md",
            "title: The summit\ndate: 2026-05-02\n\
             dek: \"One or two sentences under the headline: what is decided, and when.\"\n",
            "Intro.\n\n## Sanctions\n\nText.\n",
        )
        .article(
            "world/links.md",
            "title: Links\ndate: 2026-05-03\n",
            "See [the summit](/world/summit/#nope) and [gone](/world/gone/).\n\n\
             [Broken](/world/broken/), [its file](@/world/broken.md),\n\
             [unreadable](/world/unreadable/) and [its file](@/world/unreadable.md) exist.\n",
        )
}

/// Runs `stakes check` in the site's folder, asserts it failed, and returns what it printed.
fn failed_check(site: &Site) -> String {
    let checked = site.stakes_here(&["check"]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stderr()
    );
    checked.stdout()
}

#[test]
fn check_reports_broken_links_in_healthy_articles_beside_an_article_with_errors() {
    let site = site_with_one_broken_article();
    assert_eq!(
        failed_check(&site),
        "content/world/broken.md\n  \
         2: error: the title (“Three things at stake”) promises 3 things but the body has 1 numbered section (Only one): add a `## ` section for each of the others, or set `count:`\n  \
         9: error: figure `photo.png` has no credit (and the photo carries none): add a last line `Credit: Photographer | Agency` under its caption (or set `require_credits: false` in site.yaml)\n\
         content/world/links.md\n  \
         5: error: link to `/world/gone/`: there is no such page or file in the site\n  \
         5: error: link to `/world/summit/#nope`: the page has no element with id `nope`\n\
         content/world/summit.md\n  \
         4: error: “One or two sentences under the headline: what is decided, and when.” is placeholder text from `stakes new`: write your own, or delete it\n\
         content/world/unreadable.md\n  \
         2: error: invalid front matter: mapping values are not allowed in this context. A value containing `: ` must be quoted, e.g. title: \"Breaking: the vote\"\n\
         Checked 7 pages: 6 errors, 0 warnings.\n"
    );
}

/// A site of four articles whose `article.html` and `404.html` both use variables that do not
/// exist.
fn site_with_two_broken_templates() -> Site {
    let mut site = Site::new()
        .file(
            "templates/article.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ article.headline }}</h1>{% endblock content %}",
        )
        .file(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ site.titel }}</h1>{% endblock content %}",
        );
    for name in ["a", "b", "c", "d"] {
        site = site.article(
            &format!("{name}.md"),
            BASIC_FRONT,
            "Intro.\n\n[Home](/) and [next](/a/).\n",
        );
    }
    site
}

const ARTICLE_FIELDS: &str = "Available fields: archived, authors, byline, byline_authors, corrected, corrections, count, count_label, count_word, count_word_title, date, dek, description, draft, extra, footnotes, intro, json_ld, lead, og_image, og_image_size, permalink, read_more, reading_minutes, scheduled, section, sections, tags, title, toc, updated, updates, url, word_count";
const SITE_FIELDS: &str = "Available fields: authors_url, base_path, base_url, description, direction, extra, favicon_url, feed_url, home_url, language, locale, publisher, search_url, sections, tags_url, title";

#[test]
fn build_reports_each_broken_template_once_and_every_broken_template() {
    let site = site_with_two_broken_templates();
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        [
            format!("templates/404.html: while rendering 404.html: error: Field `titel` is not defined. {SITE_FIELDS}"),
            format!("templates/article.html: while rendering content/a.md (and 3 other pages): error: Field `headline` is not defined. {ARTICLE_FIELDS}"),
        ]
    );
    let stderr = built.stderr();
    assert!(
        stderr.ends_with("2 errors.\nNothing was written.\n"),
        "{stderr}"
    );
}

#[test]
fn check_does_not_turn_pages_a_template_broke_into_broken_links() {
    let site = site_with_two_broken_templates();
    assert_eq!(
        failed_check(&site),
        format!(
            "templates/404.html\n  error: while rendering 404.html: error: Field `titel` is not defined. {SITE_FIELDS}\n \
             --> 404.html:1:57\n  |\n\
             1 | {{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ site.titel }}}}</h1>{{% endblock content %}}\n  \
             |                                                         ^^^^^\n\
             templates/article.html\n  error: while rendering content/a.md (and 3 other pages): error: Field `headline` is not defined. {ARTICLE_FIELDS}\n \
             --> article.html:1:60\n  |\n\
             1 | {{% extends \"base.html\" %}}{{% block content %}}<h1>{{{{ article.headline }}}}</h1>{{% endblock content %}}\n  \
             |                                                            ^^^^^^^^\n\
             Checked 3 pages: 2 errors, 0 warnings.\n"
        )
    );
}

#[test]
fn a_failed_build_prints_its_warnings_too() {
    let site = Site::new()
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\ndek: Why it matters #Riverton\n",
            "Body.\n",
        )
        .article(
            "b.md",
            "title: Three things at stake\ndate: 2026-05-01\n",
            "## Only one\n\nText.\n",
        );
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        ["content/b.md:2: the title (“Three things at stake”) promises 3 things but the body has 1 numbered section (Only one): add a `## ` section for each of the others, or set `count:`"]
    );
    assert_eq!(
        built.stderr(),
        "warning: content/a.md:4: `dek` is cut before `#Riverton`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: dek: \"Why it matters #Riverton\"\n\
         error: content/b.md:2: the title (“Three things at stake”) promises 3 things but the body has 1 numbered section (Only one): add a `## ` section for each of the others, or set `count:`\n\
         Nothing was written.\n"
    );
}

#[test]
fn an_article_naming_a_missing_template_is_left_out_and_the_rest_checked() {
    let site = Site::new()
        .article(
            "wide.md",
            "title: Wide\ndate: 2026-05-01\ntemplate: wide.html\n",
            "Body.\n",
        )
        .article(
            "links.md",
            BASIC_FRONT,
            "[Wide](/wide/) and [gone](/gone/).\n",
        );
    assert_eq!(
        failed_check(&site),
        "content/links.md\n  \
         5: error: link to `/gone/`: there is no such page or file in the site\n\
         content/wide.md\n  \
         error: `template: wide.html` does not exist: add templates/wide.html or use article.html or page.html\n\
         Checked 5 pages: 2 errors, 0 warnings.\n"
    );
}

#[test]
fn check_says_a_template_that_does_not_compile_stopped_it() {
    let site = Site::new()
        .file("templates/page.html", "<p>\n{% if %}\n")
        .article("a.md", BASIC_FRONT, "Body.\n");
    let stdout = failed_check(&site);
    assert!(
        stdout.ends_with("Checking stopped before any page was rendered, because a template does not compile: 1 error, 0 warnings. Fix the errors, then check again for broken links and anchors.\n"),
        "{stdout}"
    );
}

#[test]
fn an_article_with_errors_keeps_its_own_warnings_in_build_and_check() {
    let site = Site::new().article(
        "a.md",
        "title: Three things at stake\ndate: 2026-05-01\n",
        "## Only one\n\n> A quote.\n>\n> - Ines Albrecht\n",
    );
    let built = site.stakes_here(&["build"]);
    let quote = "the quote's last line `- Ines Albrecht` is read as a list, so the quote has no attribution: start the line with an em dash instead (`— Ines Albrecht`)";
    assert_eq!(built.warnings(), [format!("content/a.md:9: {quote}")]);
    assert_eq!(
        failed_check(&site),
        format!(
            "content/a.md\n  \
             2: error: the title (“Three things at stake”) promises 3 things but the body has 1 numbered section (Only one): add a `## ` section for each of the others, or set `count:`\n  \
             9: warning: {quote}\n\
             Checked 4 pages: 1 error, 1 warning.\n"
        )
    );
}

/// With every article fine, a template of the listings that fails on every one of its pages
/// is reported once too, beside a broken 404.html.
#[test]
fn a_broken_listing_template_is_reported_once_with_the_404() {
    let mut site = Site::new()
        .file(
            "templates/tag.html",
            "{% extends \"base.html\" %}{% block content %}{{ listing.titel }}{% endblock content %}",
        )
        .file(
            "templates/404.html",
            "{% extends \"base.html\" %}{% block content %}<h1>{{ site.titel }}</h1>{% endblock content %}",
        );
    for (name, tag) in [("a", "x"), ("b", "y"), ("c", "z")] {
        site = site.article(
            &format!("{name}.md"),
            &format!("title: {name}\ndate: 2026-05-01\ntags: [{tag}]\n"),
            "Body.\n",
        );
    }
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(
        errors,
        [
            "templates/tag.html: while rendering /tags/x/ (and 2 other pages): error: Field `titel` is not defined. Available fields: articles, description, intro_html, json_ld, paginator, title, url".to_string(),
            format!("templates/404.html: while rendering 404.html: error: Field `titel` is not defined. {SITE_FIELDS}"),
        ]
    );
}
