//! The output-directory guard and all-or-nothing writes.

use crate::support::*;

#[test]
fn the_build_refuses_to_write_over_the_site_or_its_parents() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body\n");
    let root = site.root().to_str().unwrap().to_string();
    let parent = site.root().parent().unwrap().to_str().unwrap().to_string();
    for (output, reason) in [
        (root.clone(), "it is the site root"),
        (format!("{root}/public/.."), "it is the site root"),
        (parent, "it contains the site"),
        (format!("{root}/content/out"), "it is inside content/"),
    ] {
        let built = site.build_with(&["--output", &output]);
        let errors = built.errors();
        assert_eq!(errors.len(), 1, "{output}: {errors:?}");
        assert!(errors[0].contains(reason), "{output}: {}", errors[0]);
    }
    assert!(
        site.root().join("content/a.md").exists(),
        "sources untouched"
    );
}

#[test]
fn a_foreign_folder_is_not_replaced_without_force() {
    let site = Site::new()
        .article("a.md", BASIC_FRONT, "Body\n")
        .file("public/notes.txt", "my notes");
    let errors = site.build().errors();
    assert!(
        errors[0].contains("was not created by stakes") && errors[0].contains("--force"),
        "{}",
        errors[0]
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("public/notes.txt")).unwrap(),
        "my notes"
    );
    site.build_with(&["--force"]).ok();
    assert!(site.root().join("public/a/index.html").exists());
}

#[test]
fn a_failed_build_leaves_the_previous_output_as_it_was() {
    let site = Site::new().article("a.md", BASIC_FRONT, "First version\n");
    let built = site.build().ok();
    let before = built.read("a/index.html");
    let site = site.article("a.md", "title: Broken\ndate: never\n", "Second version\n");
    site.build().errors();
    assert_eq!(built.read("a/index.html"), before);
    let leftovers: Vec<_> = std::fs::read_dir(site.root())
        .unwrap()
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.contains("staging"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn a_custom_output_folder_is_used() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body\n");
    let out = tempfile::tempdir().unwrap();
    let target = out.path().join("site");
    let built = site
        .build_with(&["--output", target.to_str().unwrap()])
        .ok();
    assert!(target.join("a/index.html").exists());
    assert!(!built.public.exists());
}

#[test]
fn a_file_that_would_land_on_a_page_is_refused_and_left_as_it_was() {
    // content/world/summit/index.html would be published where the article's page goes. Files
    // are hard-linked into the output, so writing the page over it would write into the
    // writer's own file: the build must refuse, name it, and leave it untouched.
    let original = "<p>my notes</p>\n";
    let site = Site::new()
        .article("world/summit.md", BASIC_FRONT, "Body\n")
        .file("content/world/summit/index.html", original)
        .file("static/robots.txt", "User-agent: *\n");
    let built = site.build();
    let mut errors = built.errors();
    errors.sort();
    assert_eq!(
        errors,
        vec![
            "content/world/summit/index.html: would be copied to /world/summit/index.html, which is the page of content/world/summit.md: rename or move one of them",
            "static/robots.txt: would be copied to /robots.txt, which is the generated robots.txt: rename or move it (to change what stakes generates there, override its template in templates/)",
        ]
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("content/world/summit/index.html")).unwrap(),
        original
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("static/robots.txt")).unwrap(),
        "User-agent: *\n"
    );
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_static_file_on_a_generated_path_is_named_and_left_as_it_was() {
    // Static files are linked while articles are parsed, before the listings exist: a clash
    // with one (robots.txt, the feed) is still reported, and the original is untouched.
    let site = Site::new()
        .article("a.md", BASIC_FRONT, "Body\n")
        .file("static/atom.xml", "<mine/>\n");
    assert_eq!(
        site.build().errors(),
        vec!["static/atom.xml: would be copied to /atom.xml, which is the Atom feed: rename or move it (to change what stakes generates there, override its template in templates/)"]
    );
    assert_eq!(
        std::fs::read_to_string(site.root().join("static/atom.xml")).unwrap(),
        "<mine/>\n"
    );
}

#[test]
fn a_photo_linked_after_the_articles_is_checked_against_files_linked_before() {
    // With photo processing on, photos are linked after the articles (resizing may replace
    // them), static files before: a photo and a static file with one output path still clash.
    let site = Site::new()
        .article("a.md", BASIC_FRONT, "Body\n")
        .png("content/a/extra.png", 40, 20)
        .png("static/a/extra.png", 30, 20);
    assert_eq!(
        site.build().errors(),
        vec!["content/a/extra.png: would be copied to /a/extra.png, which is also where static/a/extra.png is copied: rename or move one of them"]
    );
    assert!(!site.root().join("public").exists());
    assert!(site.root().join("static/a/extra.png").exists());
}
