//! Issue #18, newsroom time: the site's time zone, the date forms read in it across
//! daylight-saving changes, and the errors for zones and times that do not exist.

use crate::support::*;

/// The text of the first child element named `name`.
fn child(node: roxmltree::Node<'_, '_>, name: &str) -> String {
    node.children()
        .find(|n| n.has_tag_name(name))
        .and_then(|n| n.text())
        .unwrap_or("")
        .to_string()
}

/// `(datetime attribute, text)` of an article page's publication time.
fn byline_time(built: &Built, page: &str) -> (String, String) {
    let page = built.html(page);
    (
        page.attr(".byline > time", "datetime"),
        page.text(".byline > time"),
    )
}

/// Each date form, on both sides of a daylight-saving change, in two zones: read in the site's
/// zone (shown with its abbreviation), a day kept a day, an offset kept as written; the feed,
/// sitemap and JSON-LD carry RFC 3339 with the offset.
#[test]
fn issue18_each_date_form_is_read_in_the_site_zone_across_a_dst_change() {
    // (zone, day before the spring change, day after, offsets before and after, abbreviations)
    let zones = [
        (
            "Europe/Brussels",
            "2026-03-28",
            "2026-03-30",
            "+01:00",
            "+02:00",
            "CET",
            "CEST",
        ),
        (
            "America/New_York",
            "2026-03-07",
            "2026-03-09",
            "-05:00",
            "-04:00",
            "EST",
            "EDT",
        ),
    ];
    for (zone, before, after, off_before, off_after, abbr_before, abbr_after) in zones {
        let site = Site::new()
            .file(
                "site.yaml",
                &format!("title: T\nbase_url: https://news.example/\ntimezone: {zone}\n"),
            )
            .article(
                "a.md",
                &format!("title: A\ndate: {before} 06:00\n"),
                "Intro.\n",
            )
            .article(
                "b.md",
                &format!("title: B\ndate: {after}T06:00\n"),
                "Intro.\n",
            )
            .article(
                "c.md",
                &format!("title: C\ndate: {after}T06:00:30\n"),
                "Intro.\n",
            )
            .article("d.md", &format!("title: D\ndate: {after}\n"), "Intro.\n")
            .article(
                "e.md",
                &format!("title: E\ndate: {after}T06:00:00+09:00\n"),
                "Intro.\n",
            );
        let built = site.stakes_here(&["build"]).ok();
        let day = |d: &str| {
            let date: Vec<&str> = d.split('-').collect();
            let month = if date[1] == "03" { "March" } else { "?" };
            format!("{} {month} 2026", date[2].trim_start_matches('0'))
        };
        assert_eq!(
            byline_time(&built, "a/index.html"),
            (
                format!("{before}T06:00:00{off_before}"),
                format!("{}, 06:00 {abbr_before}", day(before))
            ),
            "{zone}"
        );
        assert_eq!(
            byline_time(&built, "b/index.html"),
            (
                format!("{after}T06:00:00{off_after}"),
                format!("{}, 06:00 {abbr_after}", day(after))
            ),
            "{zone}"
        );
        assert_eq!(
            byline_time(&built, "c/index.html").0,
            format!("{after}T06:00:30{off_after}")
        );
        assert_eq!(
            byline_time(&built, "d/index.html"),
            (after.to_string(), day(after))
        );
        // Kept as written: not the site's offset, so shown in its own.
        assert_eq!(
            byline_time(&built, "e/index.html"),
            (
                format!("{after}T06:00:00+09:00"),
                format!("{}, 06:00 +09", day(after))
            )
        );
        let ld: serde_json::Value = serde_json::from_str(
            &built
                .html("b/index.html")
                .one("script[type=\"application/ld+json\"]")
                .inner_html(),
        )
        .unwrap();
        assert_eq!(ld["datePublished"], format!("{after}T06:00:00{off_after}"));

        let feed = built.read("atom.xml");
        let feed = parse_xml(&feed);
        let published: Vec<(String, String)> = feed
            .root_element()
            .children()
            .filter(|n| n.has_tag_name("entry"))
            .map(|e| (child(e, "title"), child(e, "published")))
            .collect();
        assert!(published.contains(&("A".into(), format!("{before}T06:00:00{off_before}"))));
        assert!(published.contains(&("B".into(), format!("{after}T06:00:00{off_after}"))));
        // A day in a feed is its first moment in the site's zone.
        assert!(published.contains(&("D".into(), format!("{after}T00:00:00{off_after}"))));
        assert!(published.contains(&("E".into(), format!("{after}T06:00:00+09:00"))));
        let sitemap = built.read("sitemap.xml");
        assert!(
            sitemap.contains(&format!(
                "<loc>https://news.example/a/</loc><lastmod>{before}T06:00:00{off_before}</lastmod>"
            )) || sitemap.contains(&format!("{before}T06:00:00{off_before}")),
            "{sitemap}"
        );
        parse_xml(&sitemap);
    }
}

/// Without `timezone:` the site is in UTC, and `datetime_format` shows a timed date.
#[test]
fn issue18_the_default_zone_is_utc_and_datetime_format_shows_times() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\ndatetime_format: \"%H:%M %Z, %-d %B\"\n",
        )
        .article("a.md", "title: A\ndate: 2026-03-28 06:00\n", "Intro.\n")
        .article("b.md", "title: B\ndate: 2026-03-28\n", "Intro.\n");
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        byline_time(&built, "a/index.html"),
        ("2026-03-28T06:00:00Z".into(), "06:00 UTC, 28 March".into())
    );
    assert_eq!(
        byline_time(&built, "b/index.html"),
        ("2026-03-28".into(), "28 March 2026".into())
    );
}

/// A local time the clocks skip or repeat is refused with the readings to choose from, and
/// an unknown zone gets a suggestion, each at its line.
#[test]
fn issue18_times_that_do_not_exist_or_repeat_and_unknown_zones_are_errors_at_their_lines() {
    let site = Site::in_brussels()
        .article("gap.md", "title: Gap\ndate: 2026-03-29 02:30\n", "Intro.\n")
        .article(
            "fold.md",
            "title: Fold\ndate: 2026-10-24\nupdated: 2026-10-25T02:30\n",
            "Intro.\n",
        );
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            "content/fold.md:4: `updated`: `2026-10-25T02:30` happens twice in Europe/Brussels: the clocks go back from +02 to +01; say which with the offset, `2026-10-25T02:30:00+02:00` (the first, before the change) or `2026-10-25T02:30:00+01:00` (the second)",
            "content/gap.md:3: `date`: `2026-03-29 02:30` does not exist in Europe/Brussels: the clocks skip that time when they change from +01 to +02; write the time the clocks showed, e.g. `2026-03-29 03:30`, or give the offset (`2026-03-29T02:30:00+01:00`)",
        ]
    );
    let site = Site::new().file(
        "site.yaml",
        "title: T\nbase_url: https://news.example/\n\ntimezone: Europe/Brusels\n",
    );
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec!["site.yaml:4: `timezone: Europe/Brusels` is not a known time zone: did you mean `Europe/Brussels`?"]
    );
}

/// A bad `date_format` or `datetime_format` is named at its line of site.yaml.
#[test]
fn issue18_a_bad_date_format_is_an_error_at_its_line() {
    let site = Site::new().file(
        "site.yaml",
        "title: T\nbase_url: https://news.example/\ndatetime_format: \"%H:%M %\"\n",
    );
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0]
            .starts_with("site.yaml:3: `datetime_format: %H:%M %` is not a valid strftime pattern"),
        "{errors:?}"
    );
}

/// The trial of #18: `+25:00` and `+24:00` were accepted and written into the sitemap, the
/// feed and the JSON-LD. No time zone is more than 14 hours from UTC.
#[test]
fn issue18_trial_offsets_beyond_fourteen_hours_are_refused_at_their_line() {
    let site = Site::new()
        .article(
            "a.md",
            "title: A\ndate: 2026-12-03T09:30:00+25:00\n",
            "Intro.\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-12-03\nupdated: 2026-12-04T09:30:00+24:00\n",
            "Intro.\n",
        )
        .article(
            "c.md",
            "title: C\ndate: 2026-12-03T09:30:00+14:00\n",
            "Intro.\n",
        );
    assert_eq!(
        site.stakes_here(&["build", "--now", "2026-12-05T00:00:00Z"]).errors(),
        vec![
            "content/a.md:3: `date`: `2026-12-03T09:30:00+25:00` has the UTC offset +25:00, which is not a real time zone offset: offsets run from -12:00 to +14:00; check the offset, or write the time without one to read it in the site's time zone",
            "content/b.md:4: `updated`: `2026-12-04T09:30:00+24:00` has the UTC offset +24:00, which is not a real time zone offset: offsets run from -12:00 to +14:00; check the offset, or write the time without one to read it in the site's time zone",
        ]
    );
}
