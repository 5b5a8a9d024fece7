//! Which files under `content/` are published (issue #16: editor junk was): `ignore:` in
//! site.yaml on top of defaults. Run from the site's folder with `stakes build`.

use crate::support::*;

#[test]
fn issue16_notes_and_backups_are_not_published_by_default() {
    let site = Site::new()
        .article("world/summit/index.md", BASIC_FRONT, "Body\n")
        .file(
            "content/world/summit/notes.txt",
            "Source: call back at 555-0100\n",
        )
        .file("content/world/summit/index.md.bak", "---\nold\n")
        .file("content/world/summit/~$draft.docx", "lock")
        .file("content/world/summit/map.svg", "<svg/>")
        .file("content/world/summit/report.pdf", "%PDF");
    let built = site.stakes_here(&["build"]).ok();
    assert!(built.exists("world/summit/index.html"));
    assert!(built.exists("world/summit/map.svg"));
    assert!(built.exists("world/summit/report.pdf"));
    for junk in ["notes.txt", "index.md.bak", "~$draft.docx"] {
        assert!(
            !built.exists(&format!("world/summit/{junk}")),
            "{junk} was published"
        );
    }
}

#[test]
fn issue16_ignore_in_site_yaml_adds_patterns_and_bang_publishes_again() {
    let site = Site::new()
        .file(
            "site.yaml",
            "base_url: https://news.example/\nignore:\n  - drafts\n  - \"*.docx\"\n  - \"!world/data/*.txt\"\n",
        )
        .article("world/a.md", BASIC_FRONT, "Body\n")
        .article("world/drafts/b.md", BASIC_FRONT, "Body\n")
        .file("content/world/brief.docx", "x")
        .file("content/world/notes.txt", "x")
        .file("content/world/x.md.orig", "x")
        .file("content/world/data/results.txt", "1,2,3\n");
    let built = site.stakes_here(&["build"]).ok();
    assert!(built.exists("world/a/index.html"));
    assert!(!built.exists("world/drafts/b/index.html"));
    assert!(!built.exists("world/brief.docx"));
    assert!(!built.exists("world/notes.txt"));
    assert!(!built.exists("world/x.md.orig"));
    assert_eq!(built.read("world/data/results.txt"), "1,2,3\n");
}

#[test]
fn issue16_a_bad_ignore_pattern_is_named() {
    let site = Site::new()
        .file(
            "site.yaml",
            "base_url: https://news.example/\n\nignore: [\"[abc\"]\n",
        )
        .article("a.md", BASIC_FRONT, "Body\n");
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(
        errors,
        vec!["site.yaml:3: `ignore`: `[abc` is not a valid pattern (unclosed character class; missing ']'): write a file name like `*.txt` or a path below content/ like `world/old/**`"]
    );
}
