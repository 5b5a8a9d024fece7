//! Issue #18, corrections and updates: dated notes from front matter, rendered through the
//! checked Markdown path at the end of the article, linked from the byline, in the JSON-LD
//! and moving the feed's `updated`; their errors at the line of their entry.

use crate::support::*;

fn corrected_site() -> Site {
    Site::in_brussels()
        .article("other.md", "title: Other\ndate: 2026-12-01\n", "Intro.\n")
        .article(
            "summit.md",
            "title: Summit\ndate: 2026-12-03 09:30\nread_more: {title: Other, url: \"@/other.md\"}\ncorrections:\n  - date: 2026-12-03 14:10\n    text: An earlier version said the vote was on *Monday*; it is on [Tuesday](@/other.md).\nupdates:\n  - date: 2026-12-05 08:00\n    text: \"Ministers agreed <script>alert(1)</script> & signed.\"\n  - date: 2026-12-04\n    text: Talks resumed.\n",
            "Intro.\n",
        )
}

#[test]
fn issue18_corrections_are_rendered_linked_from_the_byline_and_in_json_ld_and_the_feed() {
    let site = corrected_site();
    let built = site
        .stakes_here(&["build", "--now", "2026-12-06T00:00:00Z"])
        .ok();
    let page = built.html("summit/index.html");
    let correction = page.one("article aside.corrections p.correction");
    assert_eq!(correction.value().attr("id"), Some("correction-1"));
    assert_eq!(
        page.attr("aside.corrections p.correction time", "datetime"),
        "2026-12-03T14:10:00+01:00"
    );
    assert_eq!(
        text_of(correction),
        "Correction 3 December 2026, 14:10 CET: An earlier version said the vote was on Monday; it is on Tuesday."
    );
    assert_eq!(page.attr("p.correction a", "href"), "/other/");
    assert_eq!(page.text("p.correction em"), "Monday");
    // Updates oldest first; raw HTML shown as text, never run.
    assert_eq!(
        page.texts("aside.updates p.update"),
        vec![
            "Update 4 December 2026: Talks resumed.",
            "Update 5 December 2026, 08:00 CET: Ministers agreed <script>alert(1)</script> & signed.",
        ]
    );
    assert!(page.all("aside.updates script").is_empty());
    // At the end of the article, before "Read more".
    let html = built.read("summit/index.html");
    let at = |needle: &str| html.find(needle).unwrap_or_else(|| panic!("{needle}"));
    assert!(at("class=\"updates\"") < at("class=\"corrections\""));
    assert!(at("class=\"corrections\"") < at("class=\"read-more\""));
    // The byline links to the notice, and `updated` is the latest note.
    assert_eq!(
        page.attr("p.byline a.corrected-link", "href"),
        "#corrections"
    );
    assert_eq!(
        page.text("p.byline a.corrected-link"),
        "Corrected 3 December 2026, 14:10 CET"
    );
    assert_eq!(
        page.attr(".byline .updated time", "datetime"),
        "2026-12-05T08:00:00+01:00"
    );
    let ld: serde_json::Value = serde_json::from_str(
        &page
            .one("script[type=\"application/ld+json\"]")
            .inner_html(),
    )
    .unwrap();
    assert_eq!(
        ld["correction"],
        serde_json::json!([{
            "@type": "CorrectionComment",
            "text": "An earlier version said the vote was on Monday; it is on Tuesday.",
            "datePublished": "2026-12-03T14:10:00+01:00"
        }])
    );
    assert_eq!(ld["dateModified"], "2026-12-05T08:00:00+01:00");
    let feed = built.read("atom.xml");
    let feed = parse_xml(&feed);
    let entry = feed
        .descendants()
        .find(|n| {
            n.has_tag_name("entry")
                && n.children()
                    .any(|c| c.has_tag_name("title") && c.text() == Some("Summit"))
        })
        .unwrap();
    let updated = entry
        .children()
        .find(|c| c.has_tag_name("updated"))
        .and_then(|c| c.text());
    assert_eq!(updated, Some("2026-12-05T08:00:00+01:00"));
}

#[test]
fn issue18_bad_corrections_and_updates_are_errors_at_their_lines() {
    let site = Site::new()
        .article(
            "a.md",
            "title: A\ndate: 2026-12-03\ncorrections:\n  - date: 2026-12-02\n    text: Too early.\n  - date: soon\n    text: Bad date.\n  - date: 2026-12-04\n    text: \"[See](javascript:alert(1))\"\nupdates:\n  - date: 2026-12-04\n    text: \" \"\n  - date: 2026-12-04\n    txt: typo\n",
            "Intro.\n",
        );
    let refused = "is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead";
    // The problems of every entry but the last update's, which the second file leaves out.
    let first_entries = vec![
        "content/a.md:5: correction 1 is dated `2026-12-02`, before the article's `date: 2026-12-03`: a correction comes after publication; check its date".to_string(),
        "content/a.md:7: correction 2: `date`: `soon` is not a valid date: use YYYY-MM-DD (2026-05-01), a date and time read in the site's time zone (2026-05-01 09:30) or one with its UTC offset (2026-05-01T09:30:00+02:00)".to_string(),
        format!("content/a.md:9: correction 3: link to `javascript:alert(1)` {refused}"),
        "content/a.md:12: update 1 has an empty `text`: say what was wrong and what is right, or what is new".to_string(),
    ];
    let mut every_entry = first_entries.clone();
    every_entry.extend([
        // Every problem in one run (the trial of #18), the entry's own, no `extra:` advice.
        "content/a.md:14: update 2 has an unknown key `txt`: did you mean `text`? (an update has only `date` and `text`)".to_string(),
        "content/a.md:14: update 2 has no `text`: add `text:` saying what is new".to_string(),
    ]);
    assert_eq!(site.stakes_here(&["build"]).errors(), every_entry);
    let site = Site::new().article(
        "a.md",
        "title: A\ndate: 2026-12-03\ncorrections:\n  - date: 2026-12-02\n    text: Too early.\n  - date: soon\n    text: Bad date.\n  - date: 2026-12-04\n    text: \"[See](javascript:alert(1))\"\nupdates:\n  - date: 2026-12-04\n    text: \" \"\n",
        "Intro.\n",
    );
    assert_eq!(site.stakes_here(&["build"]).errors(), first_entries);
}

/// A plain page shows its corrections too, and a theme whose `partials.html` predates the
/// `notes` component still builds it.
#[test]
fn issue18_plain_pages_show_corrections_even_with_an_older_partials_html() {
    let site = Site::new()
        .file(
            "templates/partials.html",
            "{% component figure(fig: map) %}{% endcomponent figure %}\
             {% component block(b: map) %}{{ b.html }}{% endcomponent block %}\
             {% component explainer_body(article: map, toc: bool = true) %}{% endcomponent explainer_body %}\
             {% component article_list(articles: array) %}{% endcomponent article_list %}\
             {% component pagination(p: map) %}{% endcomponent pagination %}",
        )
        .article(
            "about.md",
            "title: About\ndate: 2026-12-01\ntemplate: page.html\ncorrections:\n  - date: 2026-12-02\n    text: Fixed the *address*.\n",
            "Text.\n",
        );
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("about/index.html");
    assert_eq!(page.text("aside.corrections h2.notes-title"), "Correction");
    assert_eq!(
        page.text("aside.corrections p.correction"),
        "Correction 2 December 2026: Fixed the address."
    );
}

/// The trial of #18: a correction dated the publication day alone (its midnight) moved the
/// feed's `<updated>`, the sitemap's `lastmod` and `dateModified` before the 09:30
/// publication. The modified moment is never before the article went live.
#[test]
fn issue18_trial_a_same_day_date_only_note_does_not_move_updated_backwards() {
    for notes in [
        "corrections:\n  - date: 2026-12-03\n    text: Fixed a name.\n",
        "updated: 2026-12-03\n",
    ] {
        let site = Site::in_brussels().article(
            "summit.md",
            &format!("title: Summit\ndate: 2026-12-03 09:30\n{notes}"),
            "Intro.\n",
        );
        let built = site
            .stakes_here(&["build", "--now", "2026-12-04T00:00:00Z"])
            .ok();
        let published = "2026-12-03T09:30:00+01:00";
        let feed = built.read("atom.xml");
        let doc = parse_xml(&feed);
        let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
        let text = |node: roxmltree::Node<'_, '_>, name: &str| {
            node.children()
                .find(|n| n.has_tag_name(name))
                .and_then(|n| n.text())
                .unwrap_or("")
                .to_string()
        };
        assert_eq!(text(entry, "published"), published, "{notes}");
        assert_eq!(text(entry, "updated"), published, "{notes}");
        assert_eq!(text(doc.root_element(), "updated"), published, "{notes}");
        let sitemap = built.read("sitemap.xml");
        let doc = parse_xml(&sitemap);
        let url = doc
            .descendants()
            .filter(|n| n.has_tag_name("url"))
            .find(|u| text(*u, "loc") == "https://news.example/summit/")
            .unwrap();
        assert_eq!(text(url, "lastmod"), published, "{notes}");
        let ld: serde_json::Value = serde_json::from_str(
            &built
                .html("summit/index.html")
                .one("script[type=\"application/ld+json\"]")
                .inner_html(),
        )
        .unwrap();
        assert_eq!(ld["dateModified"], published, "{notes}");
    }
}

/// The trial of #18: a correction typed with the year 2027 showed "Corrected 20 December 2027"
/// and moved the feed's top-level `updated` a year ahead, silently. A note or `updated` later
/// than the build's moment is a warning at its line, and does not date the feed.
#[test]
fn issue18_trial_changes_dated_after_now_are_warned_about() {
    let site = Site::in_brussels()
        .article(
            "a.md",
            "title: A\ndate: 2026-12-03 09:30\ncorrections:\n  - date: 2027-12-20\n    text: Fixed a name.\n",
            "Intro.\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-12-02\nupdated: 2027-01-05\n",
            "Intro.\n",
        );
    let now = "2026-12-20T10:00:00+01:00";
    let later = "is later than now (2026-12-20 10:00 CET): check its date (a typo in the year?); it is shown as written but does not move the feed's `updated`";
    let built = site.stakes_here(&["build", "--now", now]).ok();
    assert_eq!(
        built.warnings(),
        vec![
            format!("content/a.md:5: correction 1 is dated `2027-12-20`, which {later}"),
            format!("content/b.md:4: `updated: 2027-01-05` {later}"),
        ]
    );
    let feed = built.read("atom.xml");
    let doc = parse_xml(&feed);
    let top = doc
        .root_element()
        .children()
        .find(|n| n.has_tag_name("updated"))
        .and_then(|n| n.text())
        .unwrap()
        .to_string();
    assert_eq!(top, "2026-12-03T09:30:00+01:00");
    let checked = site.stakes_here(&["check", "--now", now]).stdout();
    assert!(
        checked.contains(&format!(
            "  5: warning: correction 1 is dated `2027-12-20`, which {later}\n"
        )),
        "{checked}"
    );
}

/// The trial of #18: one entry of `corrections:` written wrong hid every other problem of the
/// file behind serde's message (`corrections[5]: missing field `text``, `RawNote`, advice to use
/// `extra:`). Each entry is read on its own, every problem reported at its line, numbered from 1.
#[test]
fn issue18_trial_each_note_entry_is_read_on_its_own() {
    let site = Site::new().article(
        "a.md",
        "title: A\ndate: 2026-12-03\ncorrections:\n  - date: 2026-12-04\n    text: Fine.\n  - date: 2026-12-04\n  - date: 2026-12-05\n    txt: Typo.\n  - date: 2026-12-01\n    text: Too early.\nupdates:\n  - date: 2026-12-04\n    text: Fine.\n  - Talks resumed.\n",
        "Intro.\n",
    );
    let built = site.stakes_here(&["build", "--now", "2026-12-10T00:00:00Z"]);
    assert!(
        built.stderr().contains("\n5 errors.\n"),
        "{}",
        built.stderr()
    );
    assert_eq!(
        built.errors(),
        vec![
            "content/a.md:7: correction 2 has no `text`: add `text:` saying what was wrong and what is right",
            "content/a.md:8: correction 3 has an unknown key `txt`: did you mean `text`? (a correction has only `date` and `text`)",
            "content/a.md:8: correction 3 has no `text`: add `text:` saying what was wrong and what is right",
            "content/a.md:10: correction 4 is dated `2026-12-01`, before the article's `date: 2026-12-03`: a correction comes after publication; check its date",
            "content/a.md:15: update 2 must be a map with `date` and `text`, not a string: write `- date: 2026-12-03 14:10` and, indented below it, `text: …`",
        ]
    );
}
