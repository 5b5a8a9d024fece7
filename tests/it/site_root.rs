//! Which folder the commands work on, and what they say when it is not a site, run from a
//! terminal with relative paths as the README shows.

use std::path::Path;
use std::process::Output;

use crate::support::*;

fn stderr_lines(output: &Output) -> Vec<String> {
    String::from_utf8_lossy(&output.stderr)
        .lines()
        .map(str::to_string)
        .collect()
}

/// Every file and folder under `dir`, relative, sorted.
fn tree(dir: &Path) -> Vec<String> {
    let mut found: Vec<String> = walkdir::WalkDir::new(dir)
        .min_depth(1)
        .into_iter()
        .map(|e| {
            let e = e.unwrap();
            e.path().strip_prefix(dir).unwrap().display().to_string()
        })
        .collect();
    found.sort();
    found
}

/// The last line of every failed build.
const NOTHING_WRITTEN: &str = "Nothing was written.";

/// What stderr holds when a command refuses its root: the error, and for `build` the line that
/// says the output was left as it was.
fn refusal(args: &[&str], error: &str) -> Vec<String> {
    let mut lines = vec![error.to_string()];
    if args[0] == "build" {
        lines.push(NOTHING_WRITTEN.to_string());
    }
    lines
}

/// Issue #16: `build --root no/such/site` said "is not a folder" and created it, after which
/// `check` passed and `serve` served an empty site.
#[test]
fn issue16_a_missing_root_is_refused_and_not_created() {
    let dir = tempfile::tempdir().unwrap();
    let expected = "error: no/such/site: no such folder: run stakes in your site's folder (the one with content/ and site.yaml) or pass it with --root; to start a new site there, run `stakes init no/such/site`";
    for args in [
        &["build"][..],
        &["check"],
        &["serve", "--port", "0"],
        &["new", "Three things at stake"],
    ] {
        let mut args = args.to_vec();
        args.extend(["--root", "no/such/site"]);
        let output = stakes_in(dir.path(), &args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr_lines(&output), refusal(&args, expected), "{args:?}");
        assert!(output.stdout.is_empty(), "{args:?}");
        assert_eq!(tree(dir.path()), Vec::<String>::new(), "{args:?}");
    }
}

/// Issue #16: a folder with no `content/` and no `site.yaml` built "0 articles" and got a
/// `public/` and a `.stakes-cache/`.
#[test]
fn issue16_a_folder_that_is_no_site_is_refused_and_left_alone() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.md"), "# Notes\n").unwrap();
    let here = std::fs::canonicalize(dir.path()).unwrap();
    let expected = format!("error: {}: is not a stakes site (it has no content/ folder and no site.yaml): run stakes in your site's folder (the one with content/ and site.yaml) or pass it with --root; to start a new site, run `stakes init DIR`", here.display());
    for args in [
        &["build"][..],
        &["build", "--root", "."],
        &["check"],
        &["serve", "--port", "0"],
    ] {
        let output = stakes_in(dir.path(), args);
        assert_eq!(output.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr_lines(&output), refusal(args, &expected), "{args:?}");
        assert_eq!(tree(dir.path()), ["notes.md"], "{args:?}");
    }
    // An empty folder gets the exact command to start a site in it.
    let empty = tempfile::tempdir().unwrap();
    let parent = empty.path().parent().unwrap();
    let name = empty.path().file_name().unwrap().to_str().unwrap();
    let output = stakes_in(parent, &["build", "--root", name]);
    assert_eq!(
        stderr_lines(&output),
        [format!("error: {name}: is not a stakes site (it has no content/ folder and no site.yaml): run stakes in your site's folder (the one with content/ and site.yaml) or pass it with --root; to start a new site, run `stakes init {name}`"), NOTHING_WRITTEN.to_string()]
    );
    assert_eq!(tree(empty.path()), Vec::<String>::new());
}

/// A site with only `content/` (no site.yaml, which is optional) is still a site.
#[test]
fn a_site_without_site_yaml_still_builds() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("content")).unwrap();
    std::fs::write(
        dir.path().join("content/a.md"),
        format!("---\n{BASIC_FRONT}---\nBody.\n"),
    )
    .unwrap();
    let output = stakes_in(dir.path(), &["build"]);
    assert!(output.status.success(), "{output:?}");
    assert!(dir.path().join("public/a/index.html").is_file());
}

/// Issue #16: a bad `--base-url` was blamed on site.yaml.
#[test]
fn issue16_a_bad_base_url_option_is_blamed_on_the_option() {
    let site = Site::new().article("a.md", BASIC_FRONT, "Body.\n");
    let output = stakes_in(site.root(), &["build", "--base-url", "example.org"]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(
        stderr_lines(&output),
        ["error: --base-url: the address must start with https:// or http:// (got `example.org`), e.g. https://news.example/explainers/", NOTHING_WRITTEN]
    );
    let yaml = Site::new()
        .file("site.yaml", "base_url: example.org\n")
        .article("a.md", BASIC_FRONT, "Body.\n");
    let output = stakes_in(yaml.root(), &["build"]);
    assert_eq!(
        stderr_lines(&output),
        ["error: site.yaml:1: `base_url` must start with https:// or http:// (got `example.org`), e.g. https://news.example/explainers/", NOTHING_WRITTEN]
    );
}

/// Issue #16: `check` after a front-matter error said `Checked 0 pages`, as if the site were
/// empty and fine. A problem of one file no longer stops it (see `one_run`); a problem of the
/// whole site does, and the last line says which.
#[test]
fn issue16_check_says_it_stopped_when_the_site_cannot_load() {
    let site = Site::new()
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\nslug: same\n",
            "Body.\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-05-01\nslug: same\n",
            "Body.\n",
        );
    let output = stakes_in(site.root(), &["check"]);
    assert_eq!(output.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&output.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(
        lines,
        [
            "content/a.md",
            "  error: content/a.md and content/b.md both publish to /same/: rename one or set a different `slug:`",
            "Checking stopped before any page was rendered, because two pages would publish at one URL: 1 error, 0 warnings. Fix the errors, then check again for broken links and anchors.",
        ]
    );
}
