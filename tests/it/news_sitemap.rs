//! Issue #18, the Google News sitemap: the last two days' articles with the `news:`
//! namespace, valid XML, referenced from robots.txt, and a switch to turn it off.

use crate::support::*;

const NEWS: &str = "http://www.google.com/schemas/sitemap-news/0.9";

fn newsroom(settings: &str) -> Site {
    Site::new()
        .file(
            "site.yaml",
            &format!("title: T\nbase_url: https://news.example/\npublisher: Riverton & District News\nlanguage: en-GB\ntimezone: Europe/Brussels\n{settings}"),
        )
        .article("old.md", "title: Old\ndate: 2026-12-04 09:00\n", "Intro.\n")
        .article(
            "yesterday.md",
            "title: Tax & <spending>\ndate: 2026-12-06 07:30\n",
            "Intro.\n",
        )
        .article(
            "embargo.md",
            "title: Embargo\ndate: 2026-12-05\npublish_at: 2026-12-07 06:00\n",
            "Intro.\n",
        )
        .article("about.md", "title: About\ndate: 2026-12-07\ntemplate: page.html\n", "Text.\n")
        .article("later.md", "title: Later\ndate: 2026-12-09\n", "Intro.\n")
}

#[test]
fn issue18_the_news_sitemap_lists_the_last_two_days_in_the_news_namespace() {
    let site = newsroom("");
    let built = site
        .stakes_here(&["build", "--future", "--now", "2026-12-07T12:00:00+01:00"])
        .ok();
    let text = built.read("news-sitemap.xml");
    let doc = parse_xml(&text);
    let root = doc.root_element();
    assert_eq!(root.tag_name().name(), "urlset");
    assert_eq!(
        root.tag_name().namespace(),
        Some("http://www.sitemaps.org/schemas/sitemap/0.9")
    );
    let entries: Vec<(String, String, String, String, String)> = root
        .children()
        .filter(|n| n.has_tag_name("url"))
        .map(|url| {
            let news = |name: &str| {
                url.descendants()
                    .find(|n| n.tag_name().name() == name && n.tag_name().namespace() == Some(NEWS))
                    .and_then(|n| n.text())
                    .unwrap_or_default()
                    .to_string()
            };
            let loc = url
                .children()
                .find(|n| n.has_tag_name("loc"))
                .and_then(|n| n.text())
                .unwrap()
                .to_string();
            (
                loc,
                news("name"),
                news("language"),
                news("publication_date"),
                news("title"),
            )
        })
        .collect();
    // Newest first, by when each went live; not the older one, the page, or the one to come
    // (built with --future, but not published yet).
    assert_eq!(
        entries,
        vec![
            (
                "https://news.example/embargo/".into(),
                "Riverton & District News".into(),
                "en".into(),
                "2026-12-07T06:00:00+01:00".into(),
                "Embargo".into()
            ),
            (
                "https://news.example/yesterday/".into(),
                "Riverton & District News".into(),
                "en".into(),
                "2026-12-06T07:30:00+01:00".into(),
                "Tax & <spending>".into()
            ),
        ]
    );
    assert!(built
        .read("robots.txt")
        .contains("Sitemap: https://news.example/sitemap.xml\nSitemap: https://news.example/news-sitemap.xml\n"));
}

#[test]
fn issue18_a_site_can_turn_the_news_sitemap_off() {
    let site = newsroom("news_sitemap: false\n");
    let built = site
        .stakes_here(&["build", "--now", "2026-12-07T12:00:00+01:00"])
        .ok();
    assert!(!built.exists("news-sitemap.xml"));
    assert!(!built.read("robots.txt").contains("news-sitemap"));
}

/// The trial of #18: with `date:` a day and `publish_at: 06:00`, the feed said the article
/// was published at midnight while the news sitemap said 06:00.
#[test]
fn issue18_trial_the_feed_publishes_an_embargoed_article_at_publish_at() {
    let site = Site::in_brussels().article(
        "summit.md",
        "title: Summit\ndate: 2026-12-08\npublish_at: 2026-12-08 06:00\n",
        "Intro.\n",
    );
    let built = site
        .stakes_here(&["build", "--now", "2026-12-08T07:00:00+01:00"])
        .ok();
    let feed = built.read("atom.xml");
    let doc = parse_xml(&feed);
    let entry = doc.descendants().find(|n| n.has_tag_name("entry")).unwrap();
    let child = |name: &str| {
        entry
            .children()
            .find(|n| n.has_tag_name(name))
            .and_then(|n| n.text())
            .unwrap_or("")
            .to_string()
    };
    assert_eq!(child("published"), "2026-12-08T06:00:00+01:00");
    assert_eq!(child("updated"), "2026-12-08T06:00:00+01:00");
}

/// The trial of #18: with nothing recent, `news-sitemap.xml` was an empty `<urlset>`, which the
/// sitemaps schema refuses and Google flags. It is not written, nor listed in robots.txt.
#[test]
fn issue18_trial_no_news_sitemap_when_nothing_is_recent() {
    let site = newsroom("");
    let built = site
        .stakes_here(&["build", "--now", "2027-03-01T12:00:00+01:00"])
        .ok();
    assert!(!built.exists("news-sitemap.xml"));
    assert_eq!(
        built.read("robots.txt").matches("Sitemap:").count(),
        1,
        "{}",
        built.read("robots.txt")
    );
    assert!(!built.read("sitemap.xml").contains("news-sitemap"));
}
