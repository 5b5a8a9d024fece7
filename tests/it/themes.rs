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
