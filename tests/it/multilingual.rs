//! Several languages in one site (issue #21): `languages:` in site.yaml, translations beside
//! the originals (`summit.fr.md`, `index.ar.md`, `_index.fr.md`), one edition per language
//! under `/<tag>/`, linked both ways by hreflang, the switcher and the sitemaps. Every site is
//! built from its own folder, as the README says.

use crate::support::*;

const SITE_YAML: &str = "title: The Desk\nbase_url: https://news.example/\nlanguages:\n  - en\n  - language: fr\n    title: Le Desk\n    description: Des décryptages\n  - ar\n";

/// English, French and Arabic: a summit explainer in all three (a bundle with a shared photo),
/// an English-only explainer, and the section translated.
fn three_languages() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML)
        .file("content/world/_index.md", "---\ntitle: World\n---\n")
        .file("content/world/_index.fr.md", "---\ntitle: Monde\n---\n")
        .file("content/world/_index.ar.md", "---\ntitle: العالم\n---\n")
        .png("content/world/summit/leaders.png", 1200, 800)
        .article(
            "world/summit/index.md",
            "title: Two things at stake in the summit\ndate: 2026-12-03\nauthors: [Ana Silva]\ntags: [Summit]\nimage:\n  src: leaders.png\n  alt: The leaders\n  caption: The leaders arrive.\n  credit: Studio | Agency\n",
            "Intro, see [the budget](@/world/budget.md).\n\n## Trade\n\nA.\n\n## Climate\n\nB.\n",
        )
        .article(
            "world/summit/index.fr.md",
            "title: Deux choses en jeu au sommet\ndate: 2026-12-03\nauthors: [Ana Silva]\ntags: [Sommet]\nimage:\n  src: leaders.png\n  alt: Les dirigeants\n  caption: Les dirigeants arrivent.\n  credit: Studio | Agence\n",
            "Intro, voir [le budget](@/world/budget.md).\n\n## Le commerce\n\nA.\n\n## Le climat\n\nB.\n",
        )
        .article(
            "world/summit/index.ar.md",
            "title: أمور على المحك في القمة\ncount: 2\ndate: 2026-12-03\nauthors: [Ana Silva]\ntags: [القمة]\nimage:\n  src: leaders.png\n  alt: القادة\n  caption: وصول القادة.\n  credit: Studio | وكالة\n",
            "مقدمة.\n\n## التجارة\n\nأ.\n\n## المناخ\n\nب.\n",
        )
        .article(
            "world/budget.md",
            "title: Two things at stake in the budget\ndate: 2026-12-01\nauthors: [Ana Silva]\n",
            "Intro.\n\n## Taxes\n\nA.\n\n## Spending\n\nB.\n",
        )
}

/// The sitemaps a build's `robots.txt` lists, in its order.
fn robots_sitemaps(built: &Built) -> Vec<String> {
    built
        .read("robots.txt")
        .lines()
        .filter_map(|l| l.strip_prefix("Sitemap: "))
        .map(str::to_string)
        .collect()
}

#[test]
fn issue21_every_edition_speaks_its_language_at_its_own_address() {
    let site = three_languages();
    let built = site.stakes_here(&["build"]).ok();
    assert!(
        built
            .stdout()
            .contains("in 3 languages (articles: en 2, fr 1, ar 1)"),
        "{}",
        built.stdout()
    );
    let english = built.html("world/summit/index.html");
    assert_eq!(english.attr("html", "lang"), "en");
    assert_eq!(english.text("h1"), "Two things at stake in the summit");
    assert_eq!(english.text(".site-title"), "The Desk");
    let french = built.html("fr/world/summit/index.html");
    assert_eq!(french.attr("html", "lang"), "fr");
    assert_eq!(french.attr("html", "dir"), "ltr");
    assert_eq!(french.text("h1"), "Deux choses en jeu au sommet");
    assert_eq!(french.text(".site-title"), "Le Desk");
    assert_eq!(french.attr(".site-title", "href"), "/fr/");
    assert_eq!(
        french.text(".byline"),
        "Par Ana Silva · 3 décembre 2026 · 1 min de lecture"
    );
    assert_eq!(french.text("#contents"), "Deux choses");
    assert_eq!(french.text(".credit bdi"), "Studio | Agence");
    assert_eq!(
        french.attr("link[rel=canonical]", "href"),
        "https://news.example/fr/world/summit/"
    );
    assert_eq!(
        french.attr("meta[property='og:locale']", "content"),
        "fr_FR"
    );
    let others: Vec<String> = french
        .all("meta[property='og:locale:alternate']")
        .into_iter()
        .map(|m| m.value().attr("content").unwrap_or_default().to_string())
        .collect();
    assert_eq!(others, ["en_US", "ar_EG"]);
    // The shared photo is resized once and published in each edition.
    let webp = french.attr("figure.figure--lead source[type='image/webp']", "srcset");
    assert!(webp.starts_with("/fr/world/summit/leaders.480."), "{webp}");
    assert!(built.exists(webp.split(' ').next().unwrap().trim_start_matches('/')));
    let arabic = built.html("ar/world/summit/index.html");
    assert_eq!(arabic.attr("html", "lang"), "ar");
    assert_eq!(arabic.attr("html", "dir"), "rtl");
    assert_eq!(
        arabic.text(".byline .visually-hidden, .byline time"),
        "3 ديسمبر 2026"
    );
    // Each edition is a whole site: listings, tags, feed, search and 404 in its language.
    assert_eq!(
        built.html("fr/index.html").text("h1"),
        "Derniers décryptages"
    );
    assert_eq!(built.html("fr/world/index.html").text("h1"), "Monde");
    assert_eq!(built.html("fr/404.html").text("h1"), "Page introuvable");
    assert!(built.exists("fr/tags/sommet/index.html"));
    assert!(!built.exists("fr/tags/summit/index.html"));
    assert!(built.exists("fr/search/manifest.json"));
    assert!(built.exists("ar/atom.xml"));
    let feed = built.read("fr/atom.xml");
    let feed = parse_xml(&feed);
    let titles: Vec<&str> = feed
        .descendants()
        .filter(|n| n.has_tag_name("entry"))
        .filter_map(|e| e.children().find(|c| c.has_tag_name("title")))
        .filter_map(|t| t.text())
        .collect();
    assert_eq!(titles, ["Deux choses en jeu au sommet"]);
    // An article in one language is only in its edition.
    assert!(built.exists("world/budget/index.html"));
    assert!(!built.exists("fr/world/budget/index.html"));
}

#[test]
fn issue21_translations_link_each_other_both_ways_with_x_default() {
    let site = three_languages();
    let built = site.stakes_here(&["build"]).ok();
    let alternates = |path: &str| -> Vec<(String, String)> {
        let page = built.html(path);
        page.all("link[rel=alternate][hreflang]")
            .into_iter()
            .map(|l| {
                let attr = |n: &str| l.value().attr(n).unwrap_or_default().to_string();
                (attr("hreflang"), attr("href"))
            })
            .collect()
    };
    let expected: Vec<(String, String)> = [
        ("en", "https://news.example/world/summit/"),
        ("fr", "https://news.example/fr/world/summit/"),
        ("ar", "https://news.example/ar/world/summit/"),
        ("x-default", "https://news.example/world/summit/"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    for page in [
        "world/summit/index.html",
        "fr/world/summit/index.html",
        "ar/world/summit/index.html",
    ] {
        assert_eq!(alternates(page), expected, "{page}");
    }
    assert_eq!(
        alternates("fr/world/index.html")[0].1,
        "https://news.example/world/"
    );
    assert_eq!(alternates("ar/index.html")[1].1, "https://news.example/fr/");
    // A page in one language has no alternates.
    assert!(alternates("world/budget/index.html").is_empty());
}

#[test]
fn issue21_the_switcher_goes_to_the_translation_or_that_languages_home() {
    let site = three_languages();
    let built = site.stakes_here(&["build"]).ok();
    let switcher = |path: &str| -> Vec<(String, String)> {
        let page = built.html(path);
        page.all(".site-languages li > *")
            .into_iter()
            .map(|item| {
                let href = item.value().attr("href").unwrap_or("(current)").to_string();
                (text_of(item), href)
            })
            .collect()
    };
    assert_eq!(
        switcher("fr/world/summit/index.html"),
        [
            ("English".to_string(), "/world/summit/".to_string()),
            ("Français".to_string(), "(current)".to_string()),
            ("العربية".to_string(), "/ar/world/summit/".to_string()),
        ]
    );
    assert_eq!(
        switcher("world/budget/index.html"),
        [
            ("English".to_string(), "(current)".to_string()),
            ("Français".to_string(), "/fr/".to_string()),
            ("العربية".to_string(), "/ar/".to_string()),
        ]
    );
    let page = built.html("fr/world/summit/index.html");
    assert_eq!(page.attr(".site-languages", "aria-label"), "Langues");
    assert_eq!(page.attr(".site-languages [aria-current]", "lang"), "fr");
}

#[test]
fn issue21_a_link_to_an_untranslated_article_goes_to_the_original() {
    let site = three_languages();
    let built = site.stakes_here(&["build"]).ok();
    let french = built.html("fr/world/summit/index.html");
    let link = french
        .all("a")
        .into_iter()
        .find(|a| text_of(*a) == "le budget")
        .expect("the link to the budget explainer");
    assert_eq!(link.value().attr("href"), Some("/world/budget/"));
    let checked = site.stakes_here(&["check"]);
    assert!(
        checked.output.status.success(),
        "{}{}",
        checked.stdout(),
        checked.stderr()
    );
}

#[test]
fn issue21_each_sitemap_gives_every_pages_alternates_and_robots_lists_them_all() {
    let site = three_languages();
    let built = site.stakes_here(&["build"]).ok();
    let sitemap = built.read("fr/sitemap.xml");
    let sitemap = parse_xml(&sitemap);
    let summit = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("url"))
        .find(|url| {
            url.children().any(|c| {
                c.has_tag_name("loc") && c.text() == Some("https://news.example/fr/world/summit/")
            })
        })
        .expect("the French summit is in the French sitemap");
    let links: Vec<(&str, &str)> = summit
        .children()
        .filter(|c| c.has_tag_name(("http://www.w3.org/1999/xhtml", "link")))
        .map(|l| {
            (
                l.attribute("hreflang").unwrap(),
                l.attribute("href").unwrap(),
            )
        })
        .collect();
    assert_eq!(
        links,
        [
            ("en", "https://news.example/world/summit/"),
            ("fr", "https://news.example/fr/world/summit/"),
            ("ar", "https://news.example/ar/world/summit/"),
            ("x-default", "https://news.example/world/summit/"),
        ]
    );
    let sitemaps = robots_sitemaps(&built);
    assert_eq!(
        sitemaps,
        [
            "https://news.example/sitemap.xml",
            "https://news.example/fr/sitemap.xml",
            "https://news.example/ar/sitemap.xml",
        ]
    );
    assert!(!built.exists("fr/robots.txt"));
}

#[test]
fn issue21_every_editions_mistakes_are_reported_in_one_run_each_at_its_line() {
    let site = three_languages()
        .article(
            "world/vote.fr.md",
            "title: Trois leçons du vote\ndate: 2026-12-02\n",
            "Intro.\n\n## Une\n\nA.\n\n## Deux\n\nB.\n",
        )
        .article(
            "world/vote.md",
            "title: Two lessons of the vote\ndate: 2026-12-02\n",
            "Intro.\n\n## One\n\nA.\n\n## Two\n\nB.\n",
        )
        .article(
            "world/vote.ar.md",
            "title: خمسة أمور في التصويت\ndate: 2026-12-02\n",
            "مقدمة.\n\n## الأول\n\nأ.\n\n## الثاني\n\nب.\n",
        )
        .file(
            "content/world/summit/index.fr.md",
            "---\ntitle: Deux choses en jeu au sommet\ndate: 2026-12-03\n---\nIntro.\n\n## Le commerce\n\n![Les dirigeants](leaders.png)\nSans crédit.\n\n## Le climat\n\nB.\n",
        );
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        [
            "content/world/summit/index.fr.md:9: figure `leaders.png` has no credit (and the photo carries none): add a last line `Credit: Photographer | Agency` under its caption (or set `require_credits: false` in site.yaml)",
            "content/world/vote.ar.md:2: the title (“خمسة أمور”) promises 5 things but the body has 2 numbered sections (الأول, الثاني): add or remove a `## ` section, mark extra ones `{.unnumbered}`, or set `count:`",
            "content/world/vote.fr.md:2: the title (“Trois leçons”) promises 3 things but the body has 2 numbered sections (Une, Deux): add or remove a `## ` section, mark extra ones `{.unnumbered}`, or set `count:`",
        ]
    );
    assert!(!built.exists("index.html"), "nothing is written");
}

#[test]
fn issue21_languages_mistakes_are_errors_at_their_lines() {
    let site = Site::new().file(
        "site.yaml",
        "title: T\nlanguage: fr\nlanguages:\n  - en\n  - language: french\n  - en\n  - language: ar\n    timezone: Mars/Olympus\n",
    );
    let built = site.stakes_here(&["build"]);
    let errors = built.errors();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert_eq!(
        errors[0],
        "site.yaml:2: `language: fr` disagrees with `languages:`, whose first entry (`en`) is the default language: remove `language:` or list fr first"
    );
    assert_eq!(
        errors[1],
        "site.yaml:5: `language: french` is not a language tag: write `language: fr`"
    );
    assert_eq!(
        errors[2],
        "site.yaml:6: `en` is listed twice in `languages:`: list each language once"
    );
    assert!(errors[3].starts_with("site.yaml:7: "), "{}", errors[3]);
}

#[test]
fn issue21_a_translation_without_languages_is_published_with_a_warning() {
    let site = Site::new()
        .file("site.yaml", "title: T\nbase_url: https://t.example/\n")
        .article(
            "world/summit.md",
            "title: Summit\ndate: 2026-12-01\n",
            "Text.\n",
        )
        .article(
            "world/summit.fr.md",
            "title: Sommet\ndate: 2026-12-01\n",
            "Texte.\n",
        );
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built.warnings(),
        ["content/world/summit.fr.md: looks like a translation into `fr` of content/world/summit.md, but site.yaml has no `languages:`: it is published as an article of its own; add `fr` to `languages:` to publish it as a translation, or rename it"]
    );
}

#[test]
fn issue21_a_language_with_its_own_address_has_its_own_robots_and_absolute_links() {
    let site = three_languages().file(
        "site.yaml",
        "title: The Desk\nbase_url: https://news.example/\nlanguages:\n  - en\n  - language: fr\n    base_url: https://fr.news.example/\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    let french = built.html("fr/world/summit/index.html");
    assert_eq!(
        french.attr("link[rel=canonical]", "href"),
        "https://fr.news.example/world/summit/"
    );
    assert_eq!(french.attr(".site-title", "href"), "/");
    assert!(built
        .read("fr/robots.txt")
        .contains("Sitemap: https://fr.news.example/sitemap.xml"));
    assert!(!built.read("robots.txt").contains("fr.news.example"));
    // Arabic is not one of this site's languages: its files are left out, with a warning.
    assert!(!built.exists("ar"));
    assert!(built.warnings().contains(&"content/world/summit/index.ar.md: looks like a translation into `ar` of content/world/summit/index.md, but that language is not in `languages:` in site.yaml: it is not published; add `ar` to `languages:` to publish it, or rename it".to_string()), "{:?}", built.warnings());
    // --base-url places every language under one address (a preview, a staging build).
    let staging = site
        .stakes_here(&["build", "--base-url", "https://staging.example/desk/"])
        .ok();
    let french = staging.html("fr/world/summit/index.html");
    assert_eq!(
        french.attr("link[rel=canonical]", "href"),
        "https://staging.example/desk/fr/world/summit/"
    );
}

#[test]
fn issue21_what_a_translation_left_untranslated_is_a_warning() {
    let site = three_languages()
        .article(
            "world/budget.fr.md",
            "title: Deux choses en jeu dans le budget\ndate: 2026-12-01\ndek: The money, line by line.\n# Translate every text below from the original (content/world/budget.md), then remove draft: true.\n",
            "Intro.\n\n## Les impôts\n\nA.\n\n## Les dépenses\n\nB.\n",
        )
        .article(
            "world/budget.md",
            "title: Two things at stake in the budget\ndate: 2026-12-01\ndek: The money, line by line.\n",
            "Intro.\n\n## Taxes\n\nA.\n\n## Spending\n\nB.\n",
        );
    std::fs::remove_file(site.root().join("content/world/_index.ar.md")).unwrap();
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built.warnings(),
        [
            "content/world/_index.md: has no `ar` translation: the `ar` edition's section is titled “World” (the default language's); add `_index.ar.md` with its `title:`",
            "content/world/budget.fr.md:4: dek is the original's, word for word (content/world/budget.md): translate it into `fr`",
            "content/world/budget.fr.md:5: the note of `stakes new --translation-of` is still here: translate the texts from content/world/budget.md, then delete the note",
        ]
    );
    // `stakes check` refuses to pass a translation in the original's words.
    let checked = site.stakes_here(&["check"]);
    assert!(!checked.output.status.success());
    let out = checked.stdout();
    assert!(
        out.contains("4: error: dek is the original's, word for word"),
        "{out}"
    );
    assert!(out.contains("warning: has no `ar` translation"), "{out}");
    // A body copied whole is found too.
    let copied = site.article(
        "world/budget.fr.md",
        "title: Deux choses en jeu dans le budget\ndate: 2026-12-01\ndek: L’argent, ligne par ligne.\n",
        "Intro.\n\n## Taxes\n\nA.\n\n## Spending\n\nB.\n",
    );
    let built = copied.stakes_here(&["build"]).ok();
    assert!(built.warnings().contains(&"content/world/budget.fr.md: its text is the original's, word for word (content/world/budget.md): translate it into `fr`".to_string()), "{:?}", built.warnings());
}

#[test]
fn issue21_an_authors_page_links_the_same_author_in_every_language() {
    let site = three_languages().file("authors.yaml", "Ana Silva:\n  role: Reporter\n");
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("fr/authors/ana-silva/index.html");
    let hreflangs: Vec<String> = page
        .all("link[rel=alternate][hreflang]")
        .into_iter()
        .map(|l| l.value().attr("href").unwrap_or_default().to_string())
        .collect();
    assert_eq!(
        hreflangs,
        [
            "https://news.example/authors/ana-silva/",
            "https://news.example/fr/authors/ana-silva/",
            "https://news.example/ar/authors/ana-silva/",
            "https://news.example/authors/ana-silva/",
        ]
    );
}

#[test]
fn issue21_a_tag_is_written_the_canonical_way() {
    let site = three_languages().file(
        "site.yaml",
        "title: The Desk\nbase_url: https://news.example/\nlanguages:\n  - EN\n  - fr\n  - AR\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("ar/world/summit/index.html");
    assert_eq!(page.attr("html", "lang"), "ar");
    assert_eq!(
        page.attr("link[hreflang=ar]", "href"),
        "https://news.example/ar/world/summit/"
    );
    assert!(built.exists("ar/index.html"));
}

#[test]
fn issue21_links_start_from_the_sites_root_and_check_follows_them_between_editions() {
    let site = three_languages()
        .file("content/world/treaty.pdf", "%PDF-1.4\n")
        .article(
            "world/deal.fr.md",
            "title: Deux choses dans l’accord\ndate: 2026-12-02\n",
            "Voir [le sommet](/fr/world/summit/), [le budget](/world/budget/) et [le traité](treaty.pdf).\n\n## Un\n\nA.\n\n## Deux\n\nB.\n",
        )
        .article(
            "world/deal.md",
            "title: Two things in the deal\ndate: 2026-12-02\n",
            "See [the treaty](treaty.pdf).\n\n## One\n\nA.\n\n## Two\n\nB.\n",
        );
    let built = site.stakes_here(&["build"]).ok();
    let hrefs = |path: &str| -> Vec<String> {
        built
            .html(path)
            .all(".intro a")
            .into_iter()
            .map(|a| a.value().attr("href").unwrap_or_default().to_string())
            .collect()
    };
    assert_eq!(
        hrefs("fr/world/deal/index.html"),
        [
            "/fr/world/summit/",
            "/world/budget/",
            "/fr/world/treaty.pdf"
        ]
    );
    // A flat article's page is a folder deeper than the file beside it.
    assert_eq!(hrefs("world/deal/index.html"), ["/world/treaty.pdf"]);
    assert!(built.exists("fr/world/treaty.pdf"));
    let broken = site.article(
        "world/deal.fr.md",
        "title: Deux choses dans l’accord\ndate: 2026-12-02\n",
        "Voir [rien](/world/nothere/), [la carte](carte.pdf) et [le sommet](/fr/world/summit/#nulle-part).\n\n## Un\n\nA.\n\n## Deux\n\nB.\n",
    );
    let checked = broken.stakes_here(&["check"]);
    let out = checked.stdout() + &checked.stderr();
    for expected in [
        "link to `/world/nothere/`: there is no such page or file in the site",
        "link to `carte.pdf`: there is no such page or file in the site",
        "link to `/fr/world/summit/#nulle-part`: the page has no element with id `nulle-part`",
    ] {
        assert!(out.contains(expected), "{expected} not in {out}");
    }
    assert!(!checked.output.status.success());
}

#[test]
fn issue21_two_files_for_one_translation_name_the_editions_address() {
    let site = three_languages()
        .article(
            "world/budget.fr.md",
            "title: Deux choses en jeu dans le budget\ndate: 2026-12-01\n",
            "Intro.\n\n## Les impôts\n\nA.\n\n## Les dépenses\n\nB.\n",
        )
        .article(
            "world/budget.FR.md",
            "title: Deux choses en jeu dans le budget\ndate: 2026-12-01\n",
            "Intro.\n\n## Les impôts\n\nA.\n\n## Les dépenses\n\nB.\n",
        );
    let built = site.stakes_here(&["build"]);
    let errors = built.errors();
    assert!(
        errors.iter().any(|e| e
            .ends_with("both publish to /fr/world/budget/: rename one or set a different `slug:`")),
        "{errors:?}"
    );
}

#[test]
fn issue21_a_translation_started_in_another_zone_keeps_the_originals_moment() {
    let site = three_languages()
        .file(
            "site.yaml",
            "title: The Desk\nbase_url: https://news.example/\ntimezone: Europe/Brussels\nlanguages:\n  - en\n  - language: ar\n    timezone: Asia/Beirut\n",
        )
        .article(
            "world/vote.md",
            "title: Two things at stake in the vote\ndate: 2026-03-02 08:30\n",
            "Intro.\n\n## One\n\nA.\n\n## Two\n\nB.\n",
        );
    site.stakes_here(&[
        "new",
        "--lang",
        "ar",
        "--translation-of",
        "@/world/vote.md",
        "أمران في التصويت",
    ])
    .ok();
    let text = std::fs::read_to_string(site.root().join("content/world/vote.ar.md")).unwrap();
    assert!(
        text.contains("\ndate: 2026-03-02T08:30:00+01:00\n"),
        "{text}"
    );
}

#[test]
fn issue21_robots_lists_an_editions_news_sitemap_only_when_it_has_one() {
    let site = three_languages();
    // On the 2nd only the English budget explainer (the 1st) is live, and recent.
    let built = site
        .stakes_here(&["build", "--now", "2026-12-02T12:00:00Z"])
        .ok();
    assert!(built.exists("news-sitemap.xml"));
    assert!(!built.exists("fr/news-sitemap.xml"));
    let sitemaps = robots_sitemaps(&built);
    assert_eq!(
        sitemaps,
        [
            "https://news.example/sitemap.xml",
            "https://news.example/news-sitemap.xml",
            "https://news.example/fr/sitemap.xml",
            "https://news.example/ar/sitemap.xml",
        ]
    );
}
