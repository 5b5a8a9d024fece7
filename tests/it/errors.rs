//! All problems are reported in one run, each at its file and line, and nothing is written.

use crate::support::*;

#[test]
fn every_problem_in_every_file_is_reported_and_nothing_is_written() {
    let site = Site::new()
        .article(
            "a.md",
            "title: Two things\ndate: 2026-05-01\n",
            "## Only one\n\nX\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-05-01\ncolour: red\n",
            "Body\n",
        )
        .file("content/c.md", "no front matter\n")
        .article("d.md", BASIC_FRONT, "![](missing.png)\nCredit: Desk\n");
    let built = site.build();
    let errors = built.errors();
    assert_eq!(errors.len(), 5, "{errors:?}");
    assert!(errors[0].starts_with("content/a.md:2: the title promises 2 things"));
    assert!(errors[1].starts_with("content/b.md:4: unknown key `colour`"));
    assert!(errors[2].starts_with("content/c.md:1: the file does not start with front matter"));
    assert!(errors[3].starts_with("content/d.md:5: image `missing.png` does not exist"));
    assert!(errors[4].starts_with("content/d.md:5: image `missing.png` has no alt text"));
    assert!(built.stderr().contains("5 errors."));
    assert!(!site.root().join("public").exists());
}

#[test]
fn duplicate_urls_name_both_files() {
    let site = Site::new()
        .article("world/summit.md", BASIC_FRONT, "Body\n")
        .article(
            "world/other.md",
            "title: Other\ndate: 2026-05-01\nslug: summit\n",
            "Body\n",
        );
    let errors = site.build().errors();
    assert_eq!(errors, vec!["content/world/other.md: content/world/other.md and content/world/summit.md all publish to /world/summit/: rename one or set a different `slug:`"]);
}

#[test]
fn a_bad_site_yaml_is_reported_with_a_suggestion() {
    let site = Site::new()
        .file("site.yaml", "titel: x\n")
        .article("a.md", BASIC_FRONT, "Body\n");
    let errors = site.build().errors();
    assert!(
        errors[0].starts_with("site.yaml:1: unknown key `titel`: did you mean `title`?"),
        "{}",
        errors[0]
    );
}

#[test]
fn a_missing_base_url_warns_but_builds() {
    let site = Site::new()
        .file("site.yaml", "title: x\n")
        .article("a.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    assert!(
        built
            .stderr()
            .contains("warning: site.yaml: no `base_url` set"),
        "{}",
        built.stderr()
    );
    let overridden = site
        .build_with(&["--base-url", "https://preview.example/pr-7/"])
        .ok();
    assert!(!overridden.stderr().contains("warning"));
    assert_eq!(
        overridden
            .html("a/index.html")
            .attr("link[rel=canonical]", "href"),
        "https://preview.example/pr-7/a/"
    );
    assert_eq!(
        overridden.html("a/index.html").attr("a.site-title", "href"),
        "/pr-7/"
    );
}

#[test]
fn the_summary_line_counts_what_was_built() {
    let site = Site::new()
        .article(
            "world/a.md",
            "title: A\ndate: 2026-05-01\ntags: [x, y]\n",
            "Body\n",
        )
        .article("b.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    let line = built.stdout();
    assert!(
        line.starts_with("Built 2 articles, 1 section, 2 tags in "),
        "{line}"
    );
    assert!(line.trim_end().ends_with(" ms"));
}
