//! Structured data (issue #19): the JSON-LD of article and section pages, read as JSON and held
//! to a small table of the schema.org properties each type may and must carry; the publisher
//! from site.yaml with its logo fitted to 600×60; every photo an `ImageObject` with its credit;
//! the numbered sections an `ItemList`; the breadcrumb trail.

use serde_json::Value;

use crate::support::*;

/// What each schema.org type we write may carry, and what it must (besides `@type`,
/// `@context` and `@id`): from schema.org and Google's NewsArticle, Breadcrumb and image
/// metadata documentation.
const SCHEMA: &[(&str, &[&str], &[&str])] = &[
    (
        "NewsArticle",
        &[
            "headline",
            "datePublished",
            "dateModified",
            "author",
            "publisher",
            "mainEntityOfPage",
            "url",
            "inLanguage",
            "wordCount",
            "isAccessibleForFree",
        ],
        &[
            "description",
            "image",
            "articleSection",
            "keywords",
            "hasPart",
            "correction",
        ],
    ),
    (
        "WebPage",
        &[],
        &[
            "headline",
            "description",
            "datePublished",
            "dateModified",
            "author",
            "publisher",
            "mainEntityOfPage",
            "url",
            "inLanguage",
            "image",
            "keywords",
            "isAccessibleForFree",
            "hasPart",
            "correction",
            "breadcrumb",
        ],
    ),
    ("Person", &["name"], &["url", "jobTitle", "sameAs", "image"]),
    ("Organization", &["name", "url"], &["logo"]),
    (
        "ImageObject",
        &["url"],
        &[
            "width",
            "height",
            "caption",
            "creditText",
            "creator",
            "copyrightNotice",
        ],
    ),
    ("ItemList", &["itemListElement"], &["name", "numberOfItems"]),
    ("ListItem", &["position", "name"], &["url", "item"]),
    ("BreadcrumbList", &["itemListElement"], &[]),
    ("CorrectionComment", &["text", "datePublished"], &[]),
];

/// Every typed object in `value` follows [`SCHEMA`]: a known type, its required properties
/// present, nothing it may not carry. Returns how many objects were checked.
fn check_schema(value: &Value, at: &str) -> usize {
    match value {
        Value::Array(items) => items
            .iter()
            .enumerate()
            .map(|(i, item)| check_schema(item, &format!("{at}[{i}]")))
            .sum(),
        Value::Object(map) => {
            let mut checked = 0;
            if let Some(kind) = map.get("@type") {
                let kind = kind.as_str().unwrap();
                let (_, required, optional) = SCHEMA
                    .iter()
                    .find(|(name, ..)| *name == kind)
                    .unwrap_or_else(|| panic!("{at}: unexpected type {kind}"));
                for key in *required {
                    assert!(map.contains_key(*key), "{at}: {kind} lacks {key}");
                }
                for key in map.keys() {
                    assert!(
                        key.starts_with('@')
                            || required.contains(&key.as_str())
                            || optional.contains(&key.as_str()),
                        "{at}: {kind} has an unexpected property {key}"
                    );
                }
                checked += 1;
            } else {
                assert!(
                    at.is_empty() || at.ends_with(']'),
                    "{at}: an untyped object"
                );
            }
            checked
                + map
                    .iter()
                    .map(|(key, item)| check_schema(item, &format!("{at}.{key}")))
                    .sum::<usize>()
        }
        _ => 0,
    }
}

/// The page's one JSON-LD block, parsed.
fn json_ld(page: &Page) -> Value {
    serde_json::from_str(&page.one("script[type='application/ld+json']").inner_html())
        .expect("JSON-LD parses")
}

/// The published file an absolute URL of the site names.
fn published_file(built: &Built, url: &str) -> std::path::PathBuf {
    let path = url
        .strip_prefix("https://news.example/")
        .unwrap_or_else(|| panic!("{url} is not on the site"));
    let file = built.public.join(path);
    assert!(file.is_file(), "{url} is not a published file");
    file
}

/// A JPEG whose IPTC names its photographer and copyright.
fn agency_jpeg() -> Vec<u8> {
    let decoded = stakes_images::decode(&png(64, 48)).unwrap();
    let bytes = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    stakes::testing::embed_for_tests(
        &bytes,
        &[
            (80, "Libkos"),
            (110, "Getty Images"),
            (116, "© 2026 Getty Images"),
        ],
        None,
    )
}

const ARTICLE: &str = "title: Two things at stake in the vote
slug: vote
date: 2026-05-01
authors: [Ana Ruiz, Li Wei]
tags: [Elections, City Hall]
image:
  src: lead.png
  alt: The hall
  caption: The hall at <dusk> & *after*
  credit: Jane Doe | Agency
";

const BODY: &str = "Intro.

![Ruins](agency.jpg)
The ruins & the *river*

## The budget

Text.

![Chart](chart.png)
Where the money goes
Credit: Desk

## Context {.unnumbered}

More.

## The seats

Text.
";

fn news_site() -> Site {
    Site::new()
        .file(
            "site.yaml",
            "title: Test Site\nbase_url: https://news.example/\nlanguage: en-GB\npublisher:\n  name: Riverton News\n  logo: brand/logo.png\n  url: https://riverton.example/\n",
        )
        .png("static/brand/logo.png", 1200, 200)
        .file("content/world/_index.md", "---\ntitle: World\n---\n")
        .file("content/world/europe/_index.md", "---\ntitle: Europe\n---\n")
        .png("content/world/europe/lead.png", 80, 60)
        .png("content/world/europe/chart.png", 40, 30)
        .bytes("content/world/europe/agency.jpg", &agency_jpeg())
        .article("world/europe/vote.md", ARTICLE, BODY)
        .file(
            "authors.yaml",
            "Ana Ruiz:\n  role: Europe correspondent\n  url: https://ana.example/\n  social: [https://social.example/@ana]\n",
        )
}

#[test]
fn issue19_the_article_json_ld_follows_the_schema_table() {
    let site = news_site();
    let built = site.build().ok();
    let page = built.html("world/europe/vote/index.html");
    let ld = json_ld(&page);
    // The article, 2 authors, the publisher and its logo, 3 crops of the lead, 3 photos and 1
    // creator, the list
    // and its 2 entries, the page, its trail and its 4 steps.
    assert_eq!(check_schema(&ld, ""), 1 + 2 + 2 + 3 + 3 + 1 + 3 + 1 + 1 + 4);
    assert_eq!(ld["@context"], "https://schema.org");
    assert_eq!(ld["@type"], "NewsArticle");
    assert_eq!(ld["inLanguage"], "en-GB");
    assert_eq!(ld["articleSection"], "Europe");
    assert_eq!(
        ld["keywords"],
        serde_json::json!(["Elections", "City Hall"])
    );
    assert_eq!(ld["isAccessibleForFree"], true);
    let words = ld["wordCount"].as_u64().unwrap();
    assert!((10..40).contains(&words), "{words}");
    assert_eq!(
        ld["author"],
        serde_json::json!([
            {
                "@type": "Person",
                "name": "Ana Ruiz",
                "url": "https://news.example/authors/ana-ruiz/",
                "jobTitle": "Europe correspondent",
                "sameAs": ["https://ana.example/", "https://social.example/@ana"]
            },
            {"@type": "Person", "name": "Li Wei", "url": "https://news.example/authors/li-wei/"}
        ])
    );
}

#[test]
fn issue19_every_photo_is_an_image_object_with_its_caption_and_credit() {
    let site = news_site();
    let built = site.build().ok();
    let page = built.html("world/europe/vote/index.html");
    let ld = json_ld(&page);
    let all = ld["image"].as_array().unwrap();
    let credits: Vec<String> = page
        .texts("figure .credit")
        .iter()
        .map(|c| c.strip_prefix("Credit: ").unwrap().to_string())
        .collect();
    // The lead photo's three crops (16:9, 4:3, 1:1) come first, with the lead's caption and
    // credit; then every figure as published.
    let (crops, images) = all.split_at(3);
    assert_eq!(images.len(), page.all("figure.figure").len());
    let ratios: Vec<f64> = crops
        .iter()
        .map(|c| c["width"].as_f64().unwrap() / c["height"].as_f64().unwrap())
        .collect();
    for (ratio, expected) in ratios.iter().zip([16.0 / 9.0, 4.0 / 3.0, 1.0]) {
        assert!((ratio - expected).abs() < 0.05, "{ratios:?}");
    }
    for crop in crops {
        assert_eq!(crop["creditText"], images[0]["creditText"]);
        assert_eq!(crop["caption"], images[0]["caption"]);
    }
    assert_eq!(
        images
            .iter()
            .map(|i| i["creditText"].as_str().unwrap())
            .collect::<Vec<_>>(),
        credits
    );
    assert_eq!(
        images
            .iter()
            .map(|i| i["caption"].as_str().unwrap())
            .collect::<Vec<_>>(),
        page.texts("figure .caption")
    );
    assert_eq!(images[0]["caption"], "The hall at <dusk> & after");
    assert_eq!(images[1]["creditText"], "Libkos | Getty Images");
    assert_eq!(
        images[1]["creator"],
        serde_json::json!([{"@type": "Person", "name": "Libkos"}])
    );
    assert_eq!(images[1]["copyrightNotice"], "© 2026 Getty Images");
    assert!(images[0].get("creator").is_none() && images[2].get("copyrightNotice").is_none());
    for image in images {
        let file = published_file(&built, image["url"].as_str().unwrap());
        let (_, width, height) = stakes_images::probe(&std::fs::read(file).unwrap()).unwrap();
        assert_eq!(
            (image["width"].as_u64(), image["height"].as_u64()),
            (Some(u64::from(width)), Some(u64::from(height)))
        );
    }
}

#[test]
fn issue19_the_numbered_sections_are_an_item_list_linking_their_anchors() {
    let site = news_site();
    let built = site.build().ok();
    let page = built.html("world/europe/vote/index.html");
    let list = &json_ld(&page)["hasPart"];
    assert_eq!(list["@type"], "ItemList");
    assert_eq!(list["name"], "Two things at stake");
    assert_eq!(list["numberOfItems"], 2);
    let stakes = page.all("section.stake");
    let entries = list["itemListElement"].as_array().unwrap();
    assert_eq!(entries.len(), stakes.len());
    for (n, (entry, section)) in entries.iter().zip(&stakes).enumerate() {
        let id = section.value().attr("id").unwrap();
        assert_eq!(entry["position"], n + 1);
        assert_eq!(
            entry["url"],
            format!("https://news.example/world/europe/vote/#{id}")
        );
        let heading = section
            .select(&Selector::parse("h2").unwrap())
            .next()
            .unwrap();
        assert!(text_of(heading).ends_with(entry["name"].as_str().unwrap()));
    }
    assert_eq!(entries[1]["name"], "The seats");
}

#[test]
fn issue19_the_publisher_comes_from_site_yaml_with_its_logo_fitted_to_600_by_60() {
    let site = news_site();
    let built = site.build().ok();
    let ld = json_ld(&built.html("world/europe/vote/index.html"));
    let publisher = &ld["publisher"];
    assert_eq!(publisher["name"], "Riverton News");
    assert_eq!(publisher["url"], "https://riverton.example/");
    let logo = &publisher["logo"];
    assert_eq!(logo["url"], "https://news.example/publisher-logo.png");
    assert_eq!(
        (logo["width"].as_u64(), logo["height"].as_u64()),
        (Some(360), Some(60))
    );
    let file = published_file(&built, logo["url"].as_str().unwrap());
    let bytes = std::fs::read(file).unwrap();
    assert_eq!(
        stakes_images::probe(&bytes).unwrap(),
        (stakes_images::Format::Png, 360, 60)
    );
}

#[test]
fn issue19_breadcrumbs_lead_home_through_the_sections_on_articles_and_section_pages() {
    let site = news_site();
    let built = site.build().ok();
    let steps = |list: &Value| -> Vec<(String, String)> {
        list["itemListElement"]
            .as_array()
            .unwrap()
            .iter()
            .enumerate()
            .map(|(i, step)| {
                assert_eq!(step["position"], i + 1);
                (
                    step["name"].as_str().unwrap().to_string(),
                    step["item"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let home = ("Test Site".to_string(), "https://news.example/".to_string());
    let world = (
        "World".to_string(),
        "https://news.example/world/".to_string(),
    );
    let europe = (
        "Europe".to_string(),
        "https://news.example/world/europe/".to_string(),
    );
    let ld = json_ld(&built.html("world/europe/vote/index.html"));
    let page = &ld["mainEntityOfPage"];
    assert_eq!(page["@id"], "https://news.example/world/europe/vote/");
    assert_eq!(
        steps(&page["breadcrumb"]),
        vec![
            home.clone(),
            world.clone(),
            europe.clone(),
            (
                "Two things at stake in the vote".to_string(),
                "https://news.example/world/europe/vote/".to_string()
            )
        ]
    );
    let section = json_ld(&built.html("world/europe/index.html"));
    assert_eq!(check_schema(&section, ""), 4);
    assert_eq!(section["@context"], "https://schema.org");
    assert_eq!(section["@type"], "BreadcrumbList");
    assert_eq!(steps(&section), vec![home.clone(), world.clone(), europe]);
    assert_eq!(
        steps(&json_ld(&built.html("world/index.html"))),
        vec![home, world]
    );
}

#[test]
fn issue19_text_cannot_close_the_json_ld_script() {
    let site = Site::new().article(
        "a.md",
        "title: \"Vote </script><script>alert(1)</script> & <!--\"\ndate: 2026-05-01\n",
        "Intro.\n",
    );
    let built = site.build().ok();
    let html = built.read("a/index.html");
    let script = html
        .split("<script type=\"application/ld+json\">")
        .nth(1)
        .unwrap();
    let script = &script[..script.find("</script>").unwrap()];
    assert!(!script.contains(['<', '>', '&']), "{script}");
    assert!(script.contains(r#""headline":"Vote \u003c/script\u003e"#));
    let ld: Value = serde_json::from_str(script).unwrap();
    assert_eq!(
        ld["headline"],
        "Vote </script><script>alert(1)</script> & <!--"
    );
}

#[test]
fn issue19_plain_pages_are_web_pages_without_article_properties() {
    // The built-in page.html writes no JSON-LD; a theme's may.
    let site = Site::new()
        .file(
            "templates/page.html",
            "<script type=\"application/ld+json\">{{ article.json_ld }}</script>",
        )
        .article(
            "about.md",
            "title: About us\ndate: 2026-05-01\ntemplate: page.html\n",
            "We explain.\n",
        );
    let built = site.build().ok();
    let ld = json_ld(&built.html("about/index.html"));
    check_schema(&ld, "");
    assert_eq!(ld["@type"], "WebPage");
    assert!(ld.get("wordCount").is_none() && ld.get("articleSection").is_none());
}

#[test]
fn issue19_publisher_settings_are_checked_with_suggestions() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\npublisher:\n  name: N\n  logos: logo.png\n",
        )
        .article("a.md", BASIC_FRONT, "Intro.\n");
    assert_eq!(
        site.build().errors(),
        vec!["site.yaml:5: unknown key `logos` under `publisher:`: did you mean `logo`? Known keys there: name, logo, url"]
    );
    for (setting, message) in [
        (
            "logo: missing.png",
            "site.yaml:4: `publisher.logo: missing.png` is not a file in static/: add static/missing.png or remove the setting",
        ),
        (
            "logo: ../site.yaml",
            "site.yaml:4: `publisher.logo: ../site.yaml` must be a path inside static/, like logo.png",
        ),
        (
            "logo: logo.svg",
            "site.yaml:4: `publisher.logo: logo.svg` is not a JPEG, PNG, WebP or GIF image (its contents do not match any of them): give a PNG or JPEG (Google News does not read SVG logos)",
        ),
        (
            "url: riverton.example",
            "site.yaml:3: `publisher.url: riverton.example` must be an absolute address, like https://news.example/",
        ),
    ] {
        let site = Site::new()
            .file(
                "site.yaml",
                &format!("title: T\nbase_url: https://news.example/\npublisher:\n  {setting}\n"),
            )
            .file("static/logo.svg", "<svg xmlns=\"http://www.w3.org/2000/svg\"/>")
            .article("a.md", BASIC_FRONT, "Intro.\n");
        assert_eq!(site.build().errors(), vec![message], "{setting}");
    }
}

#[test]
fn og_locale_is_language_and_region() {
    for (language, locale) in [("en", "en_US"), ("fr-BE", "fr_BE"), ("pt", "pt_BR")] {
        let site = Site::new()
            .file(
                "site.yaml",
                &format!("title: T\nbase_url: https://news.example/\nlanguage: {language}\n"),
            )
            .article("a.md", BASIC_FRONT, "Intro.\n");
        let built = site.build().ok();
        let page = built.html("a/index.html");
        assert_eq!(page.attr("meta[property='og:locale']", "content"), locale);
        assert_eq!(page.attr("html", "lang"), language);
    }
}
