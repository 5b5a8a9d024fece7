//! `stakes new` and `stakes init` as a writer runs them, from the site's own folder: what the
//! skeleton leaves to the site's defaults, and what happens when it is published unfilled.

use crate::support::*;

fn lines(bytes: &[u8]) -> Vec<String> {
    String::from_utf8_lossy(bytes)
        .lines()
        .map(str::to_string)
        .collect()
}

const ARTICLE: &str = "content/world/two-things-at-stake-in-the-vote/index.md";

/// A site whose `site.yaml` names the desk (with its entry in `authors.yaml`), with a fresh
/// skeleton from `stakes new`.
fn site_with_new_article() -> Site {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nauthors: [The Desk]\n",
        )
        .file("authors.yaml", "The Desk:\n  role: The newsroom\n");
    let made = stakes_in(
        site.root(),
        &[
            "new",
            "Two things at stake in the vote",
            "--section",
            "world",
        ],
    );
    assert!(made.status.success(), "{:?}", made);
    site
}

/// Issue #16: `stakes new` wrote `authors: []`, which replaced site.yaml's authors: the page
/// had no byline and the JSON-LD said `"author": []`.
#[test]
fn issue16_a_new_article_takes_the_site_authors() {
    let site = site_with_new_article();
    let built = site.build_with(&["--drafts"]).ok();
    let page = built.html("world/two-things-at-stake-in-the-vote/index.html");
    assert_eq!(page.text(".byline .authors"), "By The Desk");
    let script = page.one("script[type='application/ld+json']");
    let json: serde_json::Value = serde_json::from_str(&script.text().collect::<String>()).unwrap();
    assert_eq!(
        json["author"],
        serde_json::json!([{
            "@type": "Person",
            "jobTitle": "The newsroom",
            "name": "The Desk",
            "url": "https://news.example/authors/the-desk/"
        }])
    );
}

/// Issue #16: a skeleton published half filled in went out without a word. The writer here
/// wrote the intro and the first section, then took the draft flag off.
#[test]
fn issue16_placeholder_text_fails_check_and_warns_in_build() {
    let site = site_with_new_article();
    let path = site.root().join(ARTICLE);
    let text = std::fs::read_to_string(&path)
        .unwrap()
        .replace("draft: true", "draft: false")
        .replacen(
            "The intro: what is happening and why it matters, in a paragraph or two.",
            "The city votes on its budget on Thursday.",
            1,
        )
        .replacen("First thing at stake", "The fare rise", 1)
        .replacen(
            "What it is, who decides, and what changes for readers.",
            "Bus fares would rise by a fifth.",
            1,
        );
    std::fs::write(&path, text).unwrap();

    let expected = [
        (
            5,
            "“One or two sentences under the headline: what is decided, and when.”",
        ),
        (25, "“Second thing at stake”"),
        (
            27,
            "“What it is, who decides, and what changes for readers.”",
        ),
        (31, "“The dates to watch.”"),
    ];
    let message = "is placeholder text from `stakes new`: write your own, or delete it";
    let checked = stakes_in(site.root(), &["check"]);
    assert_eq!(checked.status.code(), Some(1));
    let mut report = vec![ARTICLE.to_string()];
    report.extend(
        expected
            .iter()
            .map(|(line, text)| format!("  {line}: error: {text} {message}")),
    );
    // Home, section, the topic and author indexes, the desk's page, the 404 and search pages.
    report.push("Checked 8 pages: 4 errors, 0 warnings.".to_string());
    assert_eq!(lines(&checked.stdout), report);

    let built = stakes_in(site.root(), &["build"]);
    assert!(built.status.success(), "{built:?}");
    let warnings: Vec<String> = expected
        .iter()
        .map(|(line, text)| format!("warning: {ARTICLE}:{line}: {text} {message}"))
        .collect();
    assert_eq!(lines(&built.stderr), warnings);
}

/// Issue #16: `stakes init .` suggested `cd . && stakes serve`.
#[test]
fn issue16_init_in_the_current_folder_suggests_just_serve() {
    let dir = tempfile::tempdir().unwrap();
    let here = stakes_in(dir.path(), &["init", "."]);
    assert!(here.status.success(), "{here:?}");
    assert_eq!(lines(&here.stdout).last().unwrap(), "Next: stakes serve");
    let spaced = stakes_in(dir.path(), &["init", "Election night"]);
    assert_eq!(
        lines(&spaced.stdout).last().unwrap(),
        "Next: cd 'Election night' && stakes serve"
    );
}

/// Issue #16: `stakes new` outside a site made a stray `content/` there.
#[test]
fn issue16_new_outside_a_site_writes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("notes.txt"), "mine").unwrap();
    let made = stakes_in(dir.path(), &["new", "Three things at stake"]);
    assert_eq!(made.status.code(), Some(1));
    let here = std::fs::canonicalize(dir.path()).unwrap();
    assert_eq!(
        lines(&made.stderr),
        [format!("error: {}: is not a stakes site (it has no content/ folder and no site.yaml): run stakes in your site's folder (the one with content/ and site.yaml) or pass it with --root; to start a new site, run `stakes init DIR`", here.display())]
    );
    assert!(!dir.path().join("content").exists());
}
