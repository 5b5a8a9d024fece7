//! Publishing: subpath base URLs, precompressed files, `stakes new` and `stakes init`.

use std::io::Read;

use crate::support::*;

/// Every URL a page refers to: href, src and each srcset entry.
fn urls(page: &Page) -> Vec<String> {
    let mut found = Vec::new();
    for element in page.all("[href], [src], [srcset]") {
        let value = element.value();
        found.extend(value.attr("href").map(str::to_string));
        found.extend(value.attr("src").map(str::to_string));
        if let Some(srcset) = value.attr("srcset") {
            found.extend(
                srcset
                    .split(", ")
                    .map(|entry| entry.split(' ').next().unwrap().to_string()),
            );
        }
    }
    found
}

#[test]
fn under_a_subpath_every_link_of_every_page_resolves_to_a_file() {
    let site = Site::new()
        // The logo stands inside running text, which credits-required sites refuse (#16).
        .file("site.yaml", "title: T\nbase_url: https://org.github.io/explainers/\nper_page: {home: 1}\nrequire_credits: false\n")
        .png("static/logo.png", 8, 8)
        .png("content/world/summit/lead.png", 600, 300)
        .article(
            "world/summit/index.md",
            "title: Two things at stake\ndate: 2026-05-02\ntags: [Summit]\nimage: {src: lead.png, alt: Lead, credit: Desk}\nread_more: {title: Other, url: '@/other.md'}\n",
            "See [the other](@/other.md#one), [tags](/tags/) and ![Logo](/logo.png)\n\n## One\n\nA\n\n## Two\n\nB\n",
        )
        .article("other.md", "title: Other\ndate: 2026-05-01\n", "## One\n\nBack to [the summit](/world/summit/).\n");
    let built = site.build().ok();
    let mut checked = 0;
    for entry in walkdir::WalkDir::new(&built.public) {
        let entry = entry.unwrap();
        if entry.path().extension().is_none_or(|e| e != "html") {
            continue;
        }
        let page = Page(Html::parse_document(
            &std::fs::read_to_string(entry.path()).unwrap(),
        ));
        for url in urls(&page) {
            let local = url.strip_prefix("https://org.github.io").unwrap_or(&url);
            if !local.starts_with('/') {
                assert!(
                    local.starts_with('#')
                        || local.starts_with("https://")
                        || local.starts_with("http://"),
                    "{url} in {}",
                    entry.path().display()
                );
                continue;
            }
            let inside = local.strip_prefix("/explainers/").unwrap_or_else(|| {
                panic!("{url} in {} misses the subpath", entry.path().display())
            });
            let path = inside.split('#').next().unwrap();
            let file = if path.is_empty() || path.ends_with('/') {
                format!("{path}index.html")
            } else {
                path.to_string()
            };
            assert!(
                built.public.join(&file).is_file(),
                "{url} in {} leads nowhere",
                entry.path().display()
            );
            checked += 1;
        }
    }
    assert!(checked > 50, "only {checked} links checked");
    let feed = built.read("atom.xml");
    assert!(feed.contains("<id>https://org.github.io/explainers/world/summit/</id>"));
    let sitemap = built.read("sitemap.xml");
    assert!(sitemap.contains("<loc>https://org.github.io/explainers/other/</loc>"));
}

#[test]
fn precompressed_files_decompress_to_their_originals() {
    // Without the news sitemap robots.txt stays one `Sitemap:` line: too small to compress.
    let site = Site::new()
        .file(
            "site.yaml",
            "title: Test Site\nbase_url: https://news.example/\nnews_sitemap: false\n",
        )
        .article(
            "a.md",
            BASIC_FRONT,
            &"A paragraph that repeats. ".repeat(200),
        );
    let built = site.build_with(&["--precompress"]).ok();
    assert!(
        built.stdout().contains("Precompressed: "),
        "{}",
        built.stdout()
    );
    let original = std::fs::read(built.public.join("a/index.html")).unwrap();
    let mut gunzipped = Vec::new();
    flate2::read::GzDecoder::new(
        std::fs::File::open(built.public.join("a/index.html.gz")).unwrap(),
    )
    .read_to_end(&mut gunzipped)
    .unwrap();
    assert_eq!(gunzipped, original);
    let mut unbrotlied = Vec::new();
    brotli::Decompressor::new(
        std::fs::File::open(built.public.join("a/index.html.br")).unwrap(),
        4096,
    )
    .read_to_end(&mut unbrotlied)
    .unwrap();
    assert_eq!(unbrotlied, original);
    assert!(
        !built.exists("robots.txt.gz"),
        "tiny files are not worth compressing"
    );
    let css = built
        .html("a/index.html")
        .attr("link[rel=stylesheet]", "href");
    assert!(built.exists(&format!("{}.br", css.trim_start_matches('/'))));
}

#[test]
fn new_creates_one_section_per_promised_thing_and_never_overwrites() {
    let site = Site::new();
    let created = site
        .run(
            "new",
            &[
                "Five things at stake in the rail strike",
                "--section",
                "world",
            ],
        )
        .ok();
    assert!(
        created
            .stdout()
            .contains("content/world/five-things-at-stake-in-the-rail-strike/index.md"),
        "{}",
        created.stdout()
    );
    let path = site
        .root()
        .join("content/world/five-things-at-stake-in-the-rail-strike/index.md");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.contains("draft: true\n"));
    let numbered = text
        .lines()
        .filter(|l| l.starts_with("## ") && !l.contains("{.unnumbered}"))
        .count();
    assert_eq!(numbered, 5);
    site.build_with(&["--drafts"]).ok();
    std::fs::write(&path, "mine").unwrap();
    let again = site.run(
        "new",
        &[
            "Five things at stake in the rail strike",
            "--section",
            "world",
        ],
    );
    assert!(again.errors()[0].contains("already exists"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "mine");
}

#[test]
fn init_makes_a_site_that_builds_and_never_overwrites() {
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("newsroom");
    let stakes = |args: &[&str]| {
        std::process::Command::new(env!("CARGO_BIN_EXE_stakes"))
            .args(args)
            .output()
            .unwrap()
    };
    let made = stakes(&["init", target.to_str().unwrap()]);
    assert!(made.status.success());
    // The trial of #18: a desk in Brussels must see that it sets `timezone:`.
    let settings = std::fs::read_to_string(target.join("site.yaml")).unwrap();
    for line in [
        "timezone: UTC\n",
        "expired: archive\n",
        "news_sitemap: true\n",
    ] {
        assert!(settings.contains(line), "{line}{settings}");
    }
    assert!(settings.contains("Europe/Brussels"), "{settings}");
    let built = stakes(&["build", "--root", target.to_str().unwrap()]);
    assert!(
        built.status.success(),
        "{}",
        String::from_utf8_lossy(&built.stderr)
    );
    assert!(target
        .join("public/city-hall-renovation/index.html")
        .is_file());
    assert!(target.join("templates").is_dir() && target.join("static").is_dir());
    std::fs::write(target.join("site.yaml"), "title: Mine\n").unwrap();
    let refused = stakes(&["init", target.to_str().unwrap()]);
    assert_eq!(refused.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&refused.stderr).contains("is not empty"));
    let forced = stakes(&["init", "--force", target.to_str().unwrap()]);
    assert!(forced.status.success());
    assert_eq!(
        std::fs::read_to_string(target.join("site.yaml")).unwrap(),
        "title: Mine\n"
    );
}

/// The JSON-LD block of an article page.
fn json_ld(page: &Page) -> serde_json::Value {
    let script = page.one("script[type=\"application/ld+json\"]");
    serde_json::from_str(&script.inner_html()).expect("JSON-LD parses")
}

/// Issue #16: a `date_format` or `format_date(format=…)` asking for the time failed with
/// "requires time to format" even for an article with a time. Now an article with a time
/// shows it, in its own offset, and `<time datetime>` carries the full RFC 3339 value; an
/// article dated by day alone shows the date, the format's time parts left out.
#[test]
fn issue16_times_are_shown_where_the_format_asks_for_them() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\ndate_format: \"%-d %B %Y, %H:%M\"\n",
        )
        .file(
            "templates/when.html",
            "<p id=\"long\">{{ article.date | format_date(format=\"%-d %B %Y, %H:%M\") }}</p>\
             <p id=\"time\">{{ article.date | format_date(format=\"%H:%M %:z\") }}</p>",
        )
        .article(
            "world/summit.md",
            "title: Summit\ndate: 2026-12-03T09:30:00+01:00\nupdated: 2026-12-03 14:05+01:00\n",
            "Intro.\n",
        )
        .article(
            "world/vote.md",
            "title: Vote\ndate: 2026-12-02\n",
            "Intro.\n",
        )
        .article(
            "world/when.md",
            "title: When\ndate: 2026-12-01T23:45:00-05:00\ntemplate: when.html\n",
            "Intro.\n",
        )
        .article(
            "world/day.md",
            "title: Day\ndate: 2026-11-30\ntemplate: when.html\n",
            "Intro.\n",
        );
    let built = site.stakes_here(&["build"]).ok();

    let summit = built.html("world/summit/index.html");
    let published = summit.one(".byline > time");
    assert_eq!(text_of(published), "3 December 2026, 09:30");
    assert_eq!(
        published.value().attr("datetime"),
        Some("2026-12-03T09:30:00+01:00")
    );
    assert_eq!(
        summit.text(".byline .updated time"),
        "3 December 2026, 14:05"
    );
    assert_eq!(
        summit.attr(".byline .updated time", "datetime"),
        "2026-12-03T14:05:00+01:00"
    );
    let ld = json_ld(&summit);
    assert_eq!(ld["datePublished"], "2026-12-03T09:30:00+01:00");
    assert_eq!(ld["dateModified"], "2026-12-03T14:05:00+01:00");

    let vote = built.html("world/vote/index.html");
    assert_eq!(vote.text(".byline > time"), "2 December 2026");
    assert_eq!(vote.attr(".byline > time", "datetime"), "2026-12-02");

    let home = built.html("index.html");
    let cards: Vec<(String, String)> = home
        .all(".card-meta time")
        .into_iter()
        .map(|t| (t.value().attr("datetime").unwrap().to_string(), text_of(t)))
        .collect();
    assert_eq!(
        cards,
        vec![
            (
                "2026-12-03T09:30:00+01:00".into(),
                "3 December 2026, 09:30".into()
            ),
            (
                "2026-12-01T23:45:00-05:00".into(),
                "1 December 2026, 23:45".into()
            ),
            ("2026-12-02".into(), "2 December 2026".into()),
            ("2026-11-30".into(), "30 November 2026".into()),
        ]
    );

    // In its own offset: 23:45 at -05:00 is the next day in UTC, but not for the reader.
    let when = built.html("world/when/index.html");
    assert_eq!(when.text("#long"), "1 December 2026, 23:45");
    assert_eq!(when.text("#time"), "23:45 -05:00");
    let day = built.html("world/day/index.html");
    assert_eq!(day.text("#long"), "30 November 2026");
    assert_eq!(day.text("#time"), "");
}

/// Issue #16: `updated` before `date` was accepted (an "Updated" byline before the
/// publication date, `dateModified` before `datePublished`). It is refused at the line of
/// `updated` by build and check; an update dated by day alone on the day of a timed
/// publication is not "before" it.
#[test]
fn issue16_an_update_before_publication_is_refused_at_its_line() {
    let site = Site::new()
        .article(
            "world/summit.md",
            "title: Summit\ndate: 2026-12-03T09:30:00+01:00\nupdated: 2026-12-02\n",
            "Body\n",
        )
        .article(
            "world/vote.md",
            "title: Vote\ndate: 2026-12-03T09:30:00+01:00\nupdated: 2026-12-03T09:00:00+01:00\n",
            "Body\n",
        )
        .article(
            "world/fine.md",
            "title: Fine\ndate: 2026-12-03T09:30:00+01:00\nupdated: 2026-12-03\n",
            "Body\n",
        );
    let expected = [
        "content/world/summit.md:4: `updated: 2026-12-02` is before `date: 2026-12-03T09:30:00+01:00`: set `updated` to when the article was last changed, or remove it",
        "content/world/vote.md:4: `updated: 2026-12-03T09:00:00+01:00` is before `date: 2026-12-03T09:30:00+01:00`: set `updated` to when the article was last changed, or remove it",
    ];
    assert_eq!(site.stakes_here(&["build"]).errors(), expected);
    let checked = site.stakes_here(&["check"]);
    assert_eq!(checked.output.status.code(), Some(1));
    assert!(
        checked.stdout().contains("content/world/summit.md\n  4: error: `updated: 2026-12-02` is before `date: 2026-12-03T09:30:00+01:00`"),
        "{}",
        checked.stdout()
    );
    assert!(
        !checked.stdout().contains("fine.md"),
        "{}",
        checked.stdout()
    );
}
