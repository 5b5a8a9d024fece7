//! Issue #18, scheduled publishing: an article whose `publish_at` (or `date`) is still to come
//! is in no output of a build until then; `--future` includes it, marked; `--now` builds the
//! site as of a chosen moment.

use crate::support::*;

/// Every file a build wrote, relative to its output folder.
fn written_files(built: &Built) -> Vec<String> {
    let mut files: Vec<String> = walkdir(&built.public)
        .into_iter()
        .map(|p| {
            p.strip_prefix(&built.public)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/")
        })
        .collect();
    files.sort();
    files
}

fn walkdir(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut found = Vec::new();
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            found.extend(walkdir(&path));
        } else {
            found.push(path);
        }
    }
    found
}

/// A Brussels site with one live article and one embargoed until 06:00 on 8 December, in its
/// own folder with a photo and a tag of its own.
fn newsroom() -> Site {
    Site::in_brussels()
        .article(
            "world/live.md",
            "title: Live\ndate: 2026-12-07 09:00\ntags: [summit]\n",
            "Intro.\n",
        )
        .png("content/world/summit/embargoed.png", 40, 30)
        .article(
            "world/summit/index.md",
            "title: Summit\ndate: 2026-12-08 06:00\ntags: [summit, embargo]\n",
            "Intro.\n\n![Leaders](embargoed.png)\nCredit: Desk\n",
        )
}

/// Whether the summit article appears anywhere in a build: its page, photo, cards, feed,
/// sitemap and its own tag page.
fn summit_everywhere(built: &Built) -> Vec<bool> {
    let files = written_files(built);
    let card = |page: &str| {
        built
            .html(page)
            .all(".card-title a")
            .iter()
            .any(|a| text_of(*a) == "Summit")
    };
    let feed = built.read("atom.xml");
    let feed = parse_xml(&feed);
    let in_feed = feed
        .descendants()
        .any(|n| n.has_tag_name("title") && n.text() == Some("Summit"));
    let sitemap = built.read("sitemap.xml");
    parse_xml(&sitemap);
    vec![
        built.exists("world/summit/index.html"),
        files.iter().any(|f| f.contains("embargoed")),
        card("index.html"),
        card("world/index.html"),
        card("tags/summit/index.html"),
        built.exists("tags/embargo/index.html"),
        in_feed,
        sitemap.contains("https://news.example/world/summit/"),
    ]
}

#[test]
fn issue18_a_future_article_is_absent_from_every_output_without_future_and_present_with_it() {
    let site = newsroom();
    let before = site
        .stakes_here(&["build", "--now", "2026-12-08T05:59:00+01:00"])
        .ok();
    assert_eq!(summit_everywhere(&before), vec![false; 8]);
    assert!(before.exists("world/live/index.html"));
    assert_eq!(
        before
            .stdout()
            .lines()
            .filter(|l| l.starts_with("scheduled:"))
            .collect::<Vec<_>>(),
        vec!["scheduled: content/world/summit/index.md publishes at 2026-12-08 06:00 CET (use --future to include it)"]
    );
    assert!(
        before.stdout().contains("Built 1 article"),
        "{}",
        before.stdout()
    );

    let future = site
        .stakes_here(&["build", "--future", "--now", "2026-12-08T05:59:00+01:00"])
        .ok();
    // On its listings, but neither in the feed nor the sitemap (the trial of #18).
    assert_eq!(
        summit_everywhere(&future),
        vec![true, true, true, true, true, true, false, false]
    );
    assert!(!future.stdout().contains("scheduled:"));
    let page = future.html("world/summit/index.html");
    assert_eq!(
        page.text(".scheduled-badge"),
        "Scheduled for 8 December 2026, 06:00 CET — not yet published"
    );
    assert_eq!(
        page.attr(".scheduled-badge time", "datetime"),
        "2026-12-08T06:00:00+01:00"
    );
    let home = future.html("index.html");
    assert_eq!(home.texts(".card .scheduled-badge"), vec!["Scheduled"]);

    // At 06:00 sharp it is published, unmarked.
    let after = site
        .stakes_here(&["build", "--now", "2026-12-08T05:00:00Z"])
        .ok();
    assert_eq!(summit_everywhere(&after), vec![true; 8]);
    assert!(after
        .html("world/summit/index.html")
        .all(".scheduled-badge")
        .is_empty());
    assert!(!after.stdout().contains("scheduled:"));
}

/// `publish_at` holds an article back when the moment it goes live is not the date it shows.
#[test]
fn issue18_now_before_and_after_publish_at() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\ntimezone: America/New_York\n",
        )
        .article(
            "vote.md",
            "title: Vote\ndate: 2026-11-03\npublish_at: 2026-11-03 07:00\n",
            "Intro.\n",
        );
    let before = site
        .stakes_here(&["build", "--now", "2026-11-03T06:59:59-05:00"])
        .ok();
    assert!(!before.exists("vote/index.html"));
    assert!(before.stdout().contains(
        "scheduled: content/vote.md publishes at 2026-11-03 07:00 EST (use --future to include it)"
    ));
    let after = site
        .stakes_here(&["build", "--now", "2026-11-03T12:00:00Z"])
        .ok();
    let page = after.html("vote/index.html");
    assert_eq!(page.text(".byline > time"), "3 November 2026");
    assert_eq!(page.attr(".byline > time", "datetime"), "2026-11-03");
}

/// `check` sees the site as `build` would, lists what is scheduled and the next publication,
/// checks scheduled articles with `--future`, and a bad `--now` or `publish_at` is an error.
#[test]
fn issue18_check_lists_the_next_publication_and_errors_name_their_lines() {
    let site = newsroom().article(
        "world/later.md",
        "title: Later\ndate: 2026-12-09\npublish_at: tomorrow\n",
        "Intro.\n",
    );
    let checked = site.stakes_here(&["check", "--now", "2026-12-08T05:00:00+01:00"]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stdout()
    );
    let out = checked.stdout();
    assert!(
        out.contains(
            "content/world/later.md\n  4: error: `publish_at`: `tomorrow` is not a valid date"
        ),
        "{out}"
    );
    let site = newsroom();
    let checked = site.stakes_here(&["check", "--now", "2026-12-08T05:00:00+01:00"]);
    let out = checked.stdout();
    assert!(out.contains("scheduled: content/world/summit/index.md publishes at 2026-12-08 06:00 CET (use --future to include it)\nNext publication: content/world/summit/index.md at 2026-12-08 06:00 CET\n"), "{out}");
    let bad = site.stakes_here(&["build", "--now", "tomorrow 06:00"]);
    assert_eq!(bad.output.status.code(), Some(2));
    assert!(
        bad.stderr().contains("`tomorrow 06:00` is not a moment: write a date and time as in front matter (2026-12-08 06:00, read in the site's time zone), a day (2026-12-08, from its first moment) or RFC 3339 with its offset (2026-12-08T06:00:00+01:00)"),
        "{}",
        bad.stderr()
    );
}

/// The trial of #18: a preview deployed from `build --future` put the embargoed article into
/// the feed and the sitemap and let it be indexed. It stays on its listings, marked, but is
/// `noindex` and out of the feed, the sitemap and the news sitemap.
#[test]
fn issue18_trial_future_previews_do_not_announce_embargoed_articles() {
    let site = newsroom();
    let built = site
        .stakes_here(&["build", "--future", "--now", "2026-12-08T05:59:00+01:00"])
        .ok();
    let page = built.html("world/summit/index.html");
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    assert!(built
        .html("world/live/index.html")
        .all("meta[name=robots]")
        .is_empty());
    let cards = built.html("index.html");
    assert!(cards
        .all(".card-title a")
        .iter()
        .any(|a| text_of(*a) == "Summit"));
    let feed = built.read("atom.xml");
    let titles: Vec<String> = parse_xml(&feed)
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .flat_map(|e| e.children().filter(|n| n.has_tag_name("title")))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert_eq!(titles, vec!["Live"]);
    let sitemap = built.read("sitemap.xml");
    let locs: Vec<String> = parse_xml(&sitemap)
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .map(|n| n.text().unwrap_or("").to_string())
        .collect();
    assert!(
        !locs.contains(&"https://news.example/world/summit/".to_string()),
        "{locs:?}"
    );
    assert!(locs.contains(&"https://news.example/world/live/".to_string()));
    // The tag only the embargoed article has is built, but not announced.
    assert!(built.exists("tags/embargo/index.html"));
    assert!(
        !locs.contains(&"https://news.example/tags/embargo/".to_string()),
        "{locs:?}"
    );
    assert!(locs.contains(&"https://news.example/tags/summit/".to_string()));
    assert!(
        !built.exists("news-sitemap.xml") || !built.read("news-sitemap.xml").contains("summit")
    );
}

/// A Brussels site whose `old` explainer expires at midnight on 10 December.
fn expiring(extra_settings: &str) -> Site {
    Site::new()
        .file(
            "site.yaml",
            &format!("title: T\nbase_url: https://news.example/\ntimezone: Europe/Brussels\n{extra_settings}"),
        )
        .article("live.md", "title: Live\ndate: 2026-12-01\n", "Intro.\n")
        .article(
            "old.md",
            "title: Old\ndate: 2026-12-02\ntags: [offer]\nexpires: 2026-12-10 00:00\n",
            "Intro.\n",
        )
}

/// Where the expiring article appears: its page, the home page, its tag page, feed, sitemap.
fn old_everywhere(built: &Built) -> Vec<bool> {
    vec![
        built.exists("old/index.html"),
        built
            .html("index.html")
            .all(".card-title a")
            .iter()
            .any(|a| text_of(*a) == "Old"),
        built.exists("tags/offer/index.html"),
        built.read("atom.xml").contains("<title>Old</title>")
            || built.read("atom.xml").contains("Old</title>"),
        built
            .read("sitemap.xml")
            .contains("https://news.example/old/"),
    ]
}

#[test]
fn issue18_now_before_and_after_expires_archives_by_default_or_removes() {
    let site = expiring("");
    let before = site
        .stakes_here(&["build", "--now", "2026-12-09T23:59:00+01:00"])
        .ok();
    assert_eq!(old_everywhere(&before), vec![true; 5]);
    assert!(before
        .html("old/index.html")
        .all(".archived-note")
        .is_empty());

    let after = site
        .stakes_here(&["build", "--now", "2026-12-10T00:00:00+01:00"])
        .ok();
    assert_eq!(
        old_everywhere(&after),
        vec![true, false, false, false, false]
    );
    let page = after.html("old/index.html");
    assert_eq!(
        page.text(".archived-note"),
        "Archived: this explainer is no longer updated (since 10 December 2026, 00:00 CET) and may be out of date."
    );
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    parse_xml(&after.read("sitemap.xml"));

    let site = expiring("expired: remove\n");
    let removed = site
        .stakes_here(&["build", "--now", "2026-12-11T00:00:00Z"])
        .ok();
    assert_eq!(old_everywhere(&removed), vec![false; 5]);
    assert!(removed.stdout().contains(
        "expired: content/old.md expired at 2026-12-10 00:00 CET and is no longer published (`expired: remove` in site.yaml)"
    ));
}

#[test]
fn issue18_check_prints_the_next_expiry_and_a_bad_expiry_is_an_error_at_its_line() {
    let site = expiring("");
    let out = site
        .stakes_here(&["check", "--now", "2026-12-05T00:00:00Z"])
        .stdout();
    assert!(
        out.contains("Next expiry: content/old.md at 2026-12-10 00:00 CET\n"),
        "{out}"
    );
    let site = Site::new().article(
        "a.md",
        "title: A\ndate: 2026-12-02\nexpires: 2026-12-01\n",
        "Intro.\n",
    );
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec!["content/a.md:4: `expires: 2026-12-01` is not after the article goes live (2026-12-02): it would never be shown; set `expires` later or remove it"]
    );
    let site = Site::new().file(
        "site.yaml",
        "title: T\nbase_url: https://news.example/\nexpired: delete\n",
    );
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("site.yaml:3:"), "{errors:?}");
    assert!(
        errors[0].contains("archive") && errors[0].contains("remove"),
        "{errors:?}"
    );
}

/// A scheduled article is not read by `build` or `check` (its problems wait), and `check
/// --future` checks it before it goes live.
#[test]
fn issue18_check_future_finds_problems_in_scheduled_articles() {
    let site = Site::new().article(
        "summit.md",
        "title: Three things at stake\ndate: 2026-12-08\n",
        "## One\n\nText.\n",
    );
    let now = "2026-12-07T12:00:00Z";
    assert_eq!(
        site.stakes_here(&["check", "--now", now])
            .output
            .status
            .code(),
        Some(0)
    );
    let checked = site.stakes_here(&["check", "--future", "--now", now]);
    assert_eq!(checked.output.status.code(), Some(1));
    assert!(
        checked.stdout().contains(
            "content/summit.md\n  2: error: the title (“Three things at stake”) promises 3"
        ),
        "{}",
        checked.stdout()
    );
}

/// A scheduled article that would publish at a live article's URL is refused now, not by the
/// rebuild meant to publish it.
#[test]
fn issue18_a_scheduled_article_claiming_a_live_url_is_an_error_now() {
    let site = Site::new()
        .article(
            "world/summit.md",
            "title: Live\ndate: 2026-12-01\n",
            "Intro.\n",
        )
        .article(
            "world/summit/index.md",
            "title: Later\ndate: 2026-12-09\n",
            "Intro.\n",
        );
    assert_eq!(
        site.stakes_here(&["build", "--now", "2026-12-07T00:00:00Z"])
            .errors(),
        vec!["content/world/summit.md: content/world/summit.md and content/world/summit/index.md both publish to /world/summit/: rename one or set a different `slug:`"]
    );
}

/// `check` leaves out a live article with errors of its own and checks the rest in the same
/// run, and still lists what is scheduled and the next publication (t16b merged with #18).
#[test]
fn check_beside_a_broken_article_still_lists_the_next_publication() {
    let site = newsroom().article(
        "world/broken.md",
        "title: Three things at stake\ndate: 2026-12-06\n",
        "## One\n\nSee [the live one](/world/live/) and [nothing](/world/nothing/).\n",
    );
    let checked = site.stakes_here(&["check", "--now", "2026-12-08T05:00:00+01:00"]);
    assert_eq!(
        checked.output.status.code(),
        Some(1),
        "{}",
        checked.stderr()
    );
    let out = checked.stdout();
    assert!(
        out.contains(
            "content/world/broken.md\n  2: error: the title (“Three things at stake”) promises 3"
        ),
        "{out}"
    );
    assert!(
        out.contains("scheduled: content/world/summit/index.md publishes at 2026-12-08 06:00 CET (use --future to include it)\nNext publication: content/world/summit/index.md at 2026-12-08 06:00 CET\n"),
        "{out}"
    );
    assert!(out.contains("Checked "), "{out}");
}

/// A scheduled article's front matter errors fail the build now, as they did before front
/// matter was read past its errors: only its body waits for its publication.
#[test]
fn an_unknown_key_in_a_scheduled_article_is_an_error_now() {
    let site = newsroom().article(
        "world/later.md",
        "title: Later\ndate: 2026-12-09\ndekk: Typo\n",
        "Intro.\n",
    );
    assert_eq!(
        site.stakes_here(&["build", "--now", "2026-12-07T12:00:00+01:00"])
            .errors(),
        vec!["content/world/later.md:4: unknown key `dekk`: did you mean `dek`? Known keys: title, date, updated, publish_at, expires, corrections, updates, dek, authors, tags, draft, slug, description, template, image, read_more, count, search, related, extra. Put custom data under `extra:`"]
    );
}

/// The trial of #18: an `expires` before `publish_at` went unreported while the article was
/// scheduled, then failed every timed rebuild once it was due. It is a mistake in the file,
/// reported at every build and check whatever the moment.
#[test]
fn issue18_trial_expires_before_publication_is_an_error_whatever_the_moment() {
    for settings in ["", "expired: remove\n"] {
        let site = Site::new()
            .file(
                "site.yaml",
                &format!("title: T\nbase_url: https://news.example/\ntimezone: Europe/Brussels\n{settings}"),
            )
            .article(
                "a.md",
                "title: A\ndate: 2026-12-08\npublish_at: 2026-12-08 06:00\nexpires: 2026-12-08 05:00\n",
                "Intro.\n",
            );
        let message = "`expires: 2026-12-08T05:00:00+01:00` is not after the article goes live (2026-12-08T06:00:00+01:00): it would never be shown; set `expires` later or remove it";
        for now in ["2026-12-07T00:00:00Z", "2026-12-09T00:00:00Z"] {
            for command in [
                vec!["build", "--now", now],
                vec!["build", "--future", "--now", now],
            ] {
                let run = site.stakes_here(&command);
                assert_eq!(
                    run.errors(),
                    vec![format!("content/a.md:5: {message}")],
                    "{settings} {command:?}"
                );
            }
            let checked = site.stakes_here(&["check", "--now", now]);
            assert_eq!(checked.output.status.code(), Some(1), "{settings} {now}");
            assert!(
                checked
                    .stdout()
                    .contains(&format!("content/a.md\n  5: error: {message}\n")),
                "{}",
                checked.stdout()
            );
        }
    }
}

/// A Brussels site removing expired articles, where `a` links to `b` (expiring at midnight on
/// 10 December) from its body (line 9), a correction (line 6) and `read_more` (line 3).
fn linking_to_expiring() -> Site {
    Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\ntimezone: Europe/Brussels\nexpired: remove\n",
        )
        .article(
            "a.md",
            "title: A\nread_more: {title: The offer, url: \"@/b.md\"}\ndate: 2026-12-02\ncorrections:\n  - date: 2026-12-03\n    text: See [the offer](@/b.md).\n",
            "Read [the offer](@/b.md) first.\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-12-01\nexpires: 2026-12-10 00:00\n",
            "Intro.\n",
        )
}

/// The trial of #18: with `expired: remove`, a link to an article that expired failed the
/// unattended rebuild at the expiry moment ("there is no content/b.md …"), and with it every
/// publication. The link is a warning at its line and shown as its text; `check` warns ahead.
#[test]
fn issue18_trial_a_link_to_a_removed_article_is_dropped_with_a_warning() {
    let site = linking_to_expiring();
    let built = site
        .stakes_here(&["build", "--now", "2026-12-11T00:00:00Z"])
        .ok();
    let gone = "content/b.md expired at 2026-12-10 00:00 CET and was removed (`expired: remove` in site.yaml): the link is shown as its text; remove it or link to another article";
    assert_eq!(
        built.warnings(),
        vec![
            format!("content/a.md:3: `read_more`: link `@/b.md`: {gone}"),
            format!("content/a.md:6: correction 1: link `@/b.md`: {gone}"),
            format!("content/a.md:9: link `@/b.md`: {gone}"),
        ]
    );
    let page = built.html("a/index.html");
    assert!(page.all("main a[href*='b']").is_empty());
    assert!(page.all("a[href='']").is_empty());
    assert!(page.all(".read-more").is_empty());
    assert!(built.read("a/index.html").contains("Read the offer first."));
    let correction = text_of(page.one("p.correction"));
    assert!(correction.ends_with("See the offer."), "{correction}");
    assert!(page.all("p.correction a").is_empty());

    let ahead = site
        .stakes_here(&["check", "--now", "2026-12-05T00:00:00Z"])
        .stdout();
    let soon = "content/b.md expires at 2026-12-10 00:00 CET and will be removed (`expired: remove` in site.yaml): the link will be dropped then; remove it or link to another article";
    for line in [
        format!("  3: warning: `read_more`: link `@/b.md`: {soon}\n"),
        format!("  6: warning: correction 1: link `@/b.md`: {soon}\n"),
        format!("  9: warning: link `@/b.md`: {soon}\n"),
    ] {
        assert!(ahead.contains(&line), "{line}{ahead}");
    }
}

/// The trial of #18: a link to a scheduled article said "there is no content/b.md".
#[test]
fn issue18_trial_a_link_to_a_scheduled_article_says_it_is_scheduled() {
    let site = Site::in_brussels()
        .article("a.md", "title: A\ndate: 2026-12-01\n", "See [B](@/b.md).\n")
        .article("b.md", "title: B\ndate: 2026-12-08 06:00\n", "Intro.\n");
    assert_eq!(
        site.stakes_here(&["build", "--now", "2026-12-07T00:00:00Z"])
            .errors(),
        vec!["content/a.md:5: link `@/b.md`: content/b.md is scheduled to publish at 2026-12-08 06:00 CET: link to it once it is published, or build with --future"]
    );
}

/// The trial of #18: a producer typed `--now "2026-12-08 06:00"`, which was refused for want
/// of an offset. `--now` takes the forms of front matter, read in the site's time zone.
#[test]
fn issue18_trial_now_takes_the_forms_of_front_matter() {
    let site = newsroom();
    let scheduled = |now: &str| {
        site.stakes_here(&["build", "--now", now])
            .ok()
            .exists("world/summit/index.html")
    };
    assert!(!scheduled("2026-12-08 05:59"));
    assert!(scheduled("2026-12-08 06:00"));
    assert!(scheduled("2026-12-08T06:00"));
    assert!(scheduled("2026-12-08T06:00:30"));
    assert!(!scheduled("2026-12-08"));
    assert!(scheduled("2026-12-09"));
    assert_eq!(
        site.stakes_here(&["build", "--now", "2026-03-29 02:30"]).errors(),
        vec!["--now: `2026-03-29 02:30` does not exist in Europe/Brussels: the clocks skip that time when they change from +01 to +02; write the time the clocks showed, e.g. `2026-03-29 03:30`, or give the offset (`2026-03-29T02:30:00+01:00`)"]
    );
    assert_eq!(
        site.stakes_here(&["check", "--now", "2026-10-25 02:30"]).errors(),
        vec!["--now: `2026-10-25 02:30` happens twice in Europe/Brussels: the clocks go back from +02 to +01; say which with the offset, `2026-10-25T02:30:00+02:00` (the first, before the change) or `2026-10-25T02:30:00+01:00` (the second)"]
    );
}

#[test]
fn a_drafts_bundle_publishes_none_of_its_photos_until_the_draft_does() {
    // A trial of #21 found a draft's full-size photo in the output: an embargo leak.
    let site = Site::new()
        .png("content/world/embargo/leak.png", 600, 400)
        .file("content/world/embargo/notes.pdf", "%PDF-1.4\n")
        .article(
            "world/embargo/index.md",
            "title: Under embargo\ndate: 2026-05-01\ndraft: true\nimage:\n  src: leak.png\n  alt: A photo\n  credit: A | B\n",
            "Text.\n",
        )
        .article("world/open.md", BASIC_FRONT, "Open.\n");
    let built = site.stakes_here(&["build"]).ok();
    assert!(built.exists("world/open/index.html"));
    assert!(
        !built.exists("world/embargo"),
        "nothing of the draft's bundle is published"
    );
    let previewed = site.stakes_here(&["build", "--drafts"]).ok();
    assert!(previewed.exists("world/embargo/index.html"));
    assert!(previewed.exists("world/embargo/notes.pdf"));
}
