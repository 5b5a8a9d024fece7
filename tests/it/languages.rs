//! One language, done right (issue #21): the theme's words, dates, plural forms, reading
//! speed, writing direction and the count check in the site's language; a site's own
//! `i18n/<lang>.yaml`, each of its mistakes at its line; a language stakes has no table for.
//! Every site is built from its own folder, as the README says.

use crate::support::*;

/// A French site: one explainer whose title promises three things, in a section, with a tag,
/// an update and a photo.
fn french() -> Site {
    Site::new()
        .file(
            "site.yaml",
            "title: Les Enjeux\nbase_url: https://enjeux.example/\nlanguage: fr\n",
        )
        .file("content/economie/_index.md", "---\ntitle: Économie\n---\n")
        .png("content/economie/banque.png", 1200, 800)
        .article(
            "economie/taux.md",
            "title: Trois choses à savoir avant la décision sur les taux\ndate: 2026-12-03\nupdated: 2026-12-05\nauthors: [Léa Martin, Paul Roy]\ntags: [Énergie]\nimage:\n  src: banque.png\n  alt: La banque centrale\n  credit: Studio | Agence\n",
            "L’intro.\n\n## Les prix\n\nA.\n\n## Les prêts\n\nB.\n\n## La monnaie\n\nC.\n",
        )
}

#[test]
fn a_french_site_speaks_french_on_every_page() {
    let site = french();
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("economie/taux/index.html");
    assert_eq!(page.attr("html", "lang"), "fr");
    assert_eq!(page.attr("html", "dir"), "ltr");
    assert_eq!(
        page.text(".byline"),
        "Par Léa Martin et Paul Roy · 3 décembre 2026 · Mis à jour le 5 décembre 2026 · 1 min de lecture"
    );
    assert_eq!(page.text("#contents"), "Trois choses");
    assert_eq!(page.text(".credit .visually-hidden"), "Crédit :");
    assert_eq!(page.text(".credit bdi"), "Studio | Agence");
    assert_eq!(page.text(".explainer-footer h2"), "Sujets");
    assert_eq!(page.attr(".skip-link", "href"), "#main");
    assert_eq!(page.text(".skip-link"), "Aller au contenu");
    assert_eq!(page.attr("meta[property='og:locale']", "content"), "fr_FR");
    let home = built.html("index.html");
    assert_eq!(home.text("h1"), "Derniers décryptages");
    assert_eq!(home.text(".card-meta"), "3 décembre 2026 · Trois choses");
    let tag = built.html("tags/energie/index.html");
    assert_eq!(
        tag.attr("meta[name='description']", "content"),
        "Décryptages sur Énergie"
    );
    assert_eq!(tag.text(".listing-header .kicker"), "Sujet");
    let missing = built.html("404.html");
    assert_eq!(missing.text("h1"), "Page introuvable");
    let search = built.html("search/index.html");
    let strings: serde_json::Value =
        serde_json::from_str(&search.attr("#stakes-search", "data-strings")).unwrap();
    assert_eq!(strings["results"]["other"], "{count} résultats {what}.");
    assert_eq!(strings["any"], "Tous");
}

#[test]
fn the_count_check_reads_french_and_reports_a_wrong_count_at_its_line() {
    let site = french().article(
        "economie/quatre.md",
        "title: Quatre leçons du sommet\ndate: 2026-12-01\n",
        "Intro.\n\n## Une\n\nA.\n\n## Deux\n\nB.\n",
    );
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        ["content/economie/quatre.md:2: the title (“Quatre leçons”) promises 4 things but the body has 2 numbered sections (Une, Deux): add or remove a `## ` section, mark extra ones `{.unnumbered}`, or set `count:`"]
    );
}

/// An Arabic site: right to left, every CLDR plural form, a Latin credit kept in order.
fn arabic() -> Site {
    Site::new()
        .file(
            "site.yaml",
            "title: على المحك\nbase_url: https://ar.example/\nlanguage: ar\n",
        )
        .png("content/qimma.png", 1200, 800)
        .article(
            "qimma.md",
            "title: خمسة أمور على المحك في القمة\ndate: 2026-12-03\nimage:\n  src: qimma.png\n  alt: قاعة القمة\n  caption: القادة في القاعة.\n  credit: Jane Doe | Reuters\n",
            "مقدمة.\n\n## الأول\n\nأ.\n\n## الثاني\n\nب.\n\n## الثالث\n\nج.\n\n## الرابع\n\nد.\n\n## الخامس\n\nه.\n",
        )
}

#[test]
fn an_arabic_site_reads_right_to_left_with_arabic_words_and_plurals() {
    let site = arabic();
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("qimma/index.html");
    assert_eq!(page.attr("html", "lang"), "ar");
    assert_eq!(page.attr("html", "dir"), "rtl");
    assert_eq!(page.text("#contents"), "خمسة أمور");
    assert_eq!(page.text(".reading-time"), "دقيقة واحدة للقراءة");
    assert_eq!(page.text(".byline time"), "3 ديسمبر 2026");
    assert_eq!(page.text(".credit bdi"), "Jane Doe | Reuters");
    assert_eq!(page.attr("meta[property='og:locale']", "content"), "ar_EG");
}

#[test]
fn the_count_check_reads_arabic_number_words() {
    let site = arabic().article(
        "durus.md",
        "title: أربعة دروس من الانتخابات\ndate: 2026-12-01\n",
        "مقدمة.\n\n## الأول\n\nأ.\n\n## الثاني\n\nب.\n\n## الثالث\n\nج.\n",
    );
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        ["content/durus.md:2: the title (“أربعة دروس”) promises 4 things but the body has 3 numbered sections (الأول, الثاني, الثالث): add or remove a `## ` section, mark extra ones `{.unnumbered}`, or set `count:`"]
    );
}

#[test]
fn a_site_table_overrides_words_and_each_mistake_is_reported_at_its_line() {
    let site = french().file(
        "i18n/fr.yaml",
        "by: De\nmore_explainers: Dans la même série\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    assert!(built.warnings().is_empty(), "{:?}", built.warnings());
    let page = built.html("economie/taux/index.html");
    assert!(page.text(".byline").starts_with("De Léa Martin"));
    let site = french().file(
        "i18n/fr.yaml",
        "by: De\nupdatedd: Revu le\npage_of: \"Page {pge} sur {pages}\"\nreading_time:\n  un: \"{count} min\"\n  other: \"{count} min\"\n",
    );
    let built = site.stakes_here(&["build"]);
    assert!(!built.output.status.success());
    assert_eq!(
        built.errors(),
        [
            "i18n/fr.yaml:2: unknown key `updatedd`: did you mean `updated`? The keys are those of the built-in English table (see the README, \"Languages\")",
            "i18n/fr.yaml:3: `page_of` has the placeholder `{pge}`, which the theme never fills: did you mean `{page}`? it takes {page}, {pages}",
            "i18n/fr.yaml:4: `reading_time` has a plural form `un`: did you mean `one`? The forms are CLDR's plural categories: zero, one, two, few, many, other",
        ]
    );
    assert!(!site.root().join("public").exists());
}

#[test]
fn a_language_without_a_table_keeps_english_words_and_says_which() {
    let site = Site::new().file(
        "site.yaml",
        "title: Stawka\nbase_url: https://pl.example/\nlanguage: pl\n",
    );
    let site = site.article("a.md", BASIC_FRONT, "Intro.\n");
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built.warnings(),
        ["site.yaml: `language: pl` has no built-in translation, so the theme's words and month names are in English and titles are not read for the number of things they promise (`count:` still sets one): add i18n/pl.yaml with the keys of the README's \"Languages\" table"]
    );
    assert_eq!(
        built.html("a/index.html").text(".reading-time"),
        "1 min read"
    );
    let site = site.file(
        "i18n/pl.yaml",
        "by: Autor\nreading_time:\n  one: \"{count} minuta czytania\"\n  few: \"{count} minuty czytania\"\n  many: \"{count} minut czytania\"\n  other: \"{count} minuty czytania\"\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built.html("a/index.html").text(".reading-time"),
        "1 minuta czytania"
    );
    let warnings = built.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(
        warnings[0].starts_with("i18n/pl.yaml: 72 of 74 keys are not translated and show in English: all_topics, archived_notice, archived_page_notice,"),
        "{warnings:?}"
    );
}

#[test]
fn dates_follow_the_language_and_a_site_format_keeps_its_month_names() {
    let german = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://de.example/\nlanguage: de\n",
        )
        .article(
            "a.md",
            "title: Der Gipfel, kurz erklärt\ndate: 2026-12-03\n",
            "Intro.\n",
        );
    let built = german.stakes_here(&["build"]).ok();
    assert_eq!(
        built.html("a/index.html").text(".byline time"),
        "3. Dezember 2026"
    );
    let own_format = german.file(
        "site.yaml",
        "title: T\nbase_url: https://de.example/\nlanguage: de\ndate_format: \"%A, %-d. %b %Y\"\n",
    );
    let built = own_format.stakes_here(&["build"]).ok();
    assert_eq!(
        built.html("a/index.html").text(".byline time"),
        "Donnerstag, 3. Dez. 2026"
    );
}

#[test]
fn stakes_new_reads_the_title_in_the_site_language() {
    let site = french();
    site.stakes_here(&["new", "Cinq choses à retenir du sommet"])
        .ok();
    let text = std::fs::read_to_string(
        site.root()
            .join("content/cinq-choses-a-retenir-du-sommet/index.md"),
    )
    .unwrap();
    let numbered = text
        .lines()
        .filter(|l| l.starts_with("## ") && !l.contains(".unnumbered"))
        .count();
    assert_eq!(numbered, 5, "{text}");
    // The skeleton is in French, and its placeholders are caught as in English.
    assert!(
        text.contains(
            "\n## Enjeu 1\n\nDe quoi il s’agit, qui décide, et ce qui change pour les lecteurs.\n"
        ),
        "{text}"
    );
    assert!(
        text.contains("dek: \"Une ou deux phrases sous le titre : ce qui est décidé, et quand.\""),
        "{text}"
    );
    let check = site.stakes_here(&["check", "--drafts"]);
    let report = check.stdout() + &check.stderr();
    assert!(
        report.contains("“Enjeu 1” is placeholder text from `stakes new`"),
        "{report}"
    );
    assert!(
        report.contains("“Les dates à retenir.” is placeholder text from `stakes new`"),
        "{report}"
    );
}

#[test]
fn a_table_mistake_does_not_hide_the_articles_mistakes() {
    let site = french()
        .file("i18n/fr.yaml", "byy: De\n")
        .file("i18n/french.yaml", "by: De\n")
        .article(
            "economie/quatre.md",
            "title: Quatre leçons du sommet\ndate: 2026-12-01\n",
            "Intro.\n\n## Une\n\nA.\n",
        );
    let run = site.stakes_here(&["build"]);
    assert!(!run.output.status.success());
    let errors = run.errors();
    assert_eq!(errors.len(), 2, "{errors:?}");
    assert!(errors[0].starts_with(
        "content/economie/quatre.md:2: the title (“Quatre leçons”) promises 4 things"
    ));
    assert!(errors[1].starts_with("i18n/fr.yaml:1: unknown key `byy`: did you mean `by`?"));
    assert!(
        run.warnings().contains(&"i18n/french.yaml: `french.yaml` is not read: tables are named after the language's tag; rename it `fr.yaml`".to_string()),
        "{:?}",
        run.warnings()
    );
    let check = site.stakes_here(&["check"]);
    let report = check.stdout() + &check.stderr();
    assert!(!check.output.status.success());
    for expected in [
        "content/economie/quatre.md\n  2: error: the title (“Quatre leçons”) promises 4 things",
        "i18n/fr.yaml\n  1: error: unknown key `byy`: did you mean `by`?",
        "i18n/french.yaml\n  warning: `french.yaml` is not read",
        "2 errors, 1 warning.",
    ] {
        assert!(report.contains(expected), "{expected} in:\n{report}");
    }
}

#[test]
fn a_language_that_is_not_a_tag_is_refused_with_the_tag_meant() {
    for (written, expected) in [
        ("french", "site.yaml:3: `language: french` is not a language tag: write `language: fr`"),
        ("fr_FR", "site.yaml:3: `language: fr_FR` is not a language tag: write `language: fr-FR` (with a hyphen)"),
    ] {
        let site = Site::new()
            .file(
                "site.yaml",
                &format!("title: T\nbase_url: https://x.example/\nlanguage: {written}\n"),
            )
            .article("a.md", BASIC_FRONT, "Intro.\n");
        assert_eq!(site.stakes_here(&["build"]).errors(), [expected]);
    }
}

#[test]
fn a_theme_call_that_leaves_a_placeholder_empty_is_an_error() {
    let site = french().file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ t(key=\"page_of\", page=2, pgs=5) }}</p><p>{{ t(key=\"reading_time\") }}</p>{% endblock content %}",
    );
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(
            "t: `page_of` needs `pages=` (it was given `pgs=`, which its text does not use)"
        ),
        "{errors:?}"
    );
}

#[test]
fn a_theme_call_with_a_key_that_is_not_text_says_how_to_write_it() {
    let site = french().file(
        "templates/tags.html",
        "{% extends \"base.html\" %}{% block content %}<p>{{ t(key=42) }}</p>{% endblock content %}",
    );
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains(
            "t: `key` must be the name of a text in quotes, e.g. t(key=\"read_more\"), not `42`"
        ),
        "{errors:?}"
    );
}

#[test]
fn french_pages_write_the_first_of_the_month_and_titles_in_french() {
    let site = french().article(
        "economie/premier.md",
        "title: Le budget en bref\ndate: 2026-12-01\n",
        "Intro.\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built
            .html("economie/premier/index.html")
            .text(".byline time"),
        "1er décembre 2026"
    );
    assert_eq!(
        built.html("tags/index.html").text("title"),
        "Tous les sujets · Les Enjeux"
    );
}

#[test]
fn different_tags_that_share_an_address_are_a_warning() {
    let site = arabic().article(
        "harb.md",
        "title: الحرب\ndate: 2026-12-01\ntags: [حرب, هرب, Energy, energy]\n",
        "مقدمة.\n",
    );
    let site = site.article(
        "harab.md",
        "title: الهروب\ndate: 2026-12-02\ntags: [هرب]\n",
        "مقدمة.\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built.warnings(),
        ["content/harb.md: the tags `حرب` and `هرب` (in content/harab.md) share the address /tags/hrb/, so they are listed as one topic, `هرب`: if they are different topics, rename one", "content/harb.md:4: the tags `هرب` and `حرب` share the address /tags/hrb/, so they are listed as one topic, `حرب`: if they are different topics, rename one"]
    );
}

#[test]
fn stakes_i18n_copies_a_table_to_change_and_never_overwrites() {
    let site = french();
    let run = site.stakes_here(&["i18n", "fr"]).ok();
    assert_eq!(
        run.stdout(),
        "created i18n/fr.yaml (change any text; the build checks it)\n"
    );
    let path = site.root().join("i18n/fr.yaml");
    let table = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, table.replace("by: Par", "by: Signé")).unwrap();
    let built = site.stakes_here(&["build"]).ok();
    assert!(built.warnings().is_empty(), "{:?}", built.warnings());
    assert!(built
        .html("economie/taux/index.html")
        .text(".byline")
        .starts_with("Signé Léa Martin"));
    let again = site.stakes_here(&["i18n", "fr"]);
    assert_eq!(
        again.errors(),
        ["i18n/fr.yaml: already exists; stakes never overwrites your files. Delete or rename it to copy the built-in one again"]
    );
}

#[test]
fn issue21_slugs_unicode_keeps_each_script_and_encodes_every_url() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: على المحك\nbase_url: https://ar.example/\nlanguage: ar\nslugs: unicode\n",
        )
        .file("content/اقتصاد/_index.md", "---\ntitle: اقتصاد\n---\n")
        .article(
            "اقتصاد/أسعار الفائدة.md",
            "title: أمران على المحك في أسعار الفائدة\ncount: 2\ndate: 2026-12-01\ntags: [أسعار الفائدة, Économie]\n",
            "مقدمة، انظر [القمة](@/اقتصاد/القمة.md).\n\n## الأول\n\nأ.\n\n## الثاني\n\nب.\n",
        )
        .article(
            "اقتصاد/القمة.md",
            "title: القمة\ncount: 1\ndate: 2026-12-02\nslug: القمة-العربية\n",
            "نص.\n\n## واحد\n\nأ.\n",
        );
    let built = site.stakes_here(&["build"]).ok();
    // Files are named in their script; every URL is percent-encoded UTF-8.
    assert!(built.exists("اقتصاد/أسعار-الفائدة/index.html"));
    assert!(built.exists("اقتصاد/القمة-العربية/index.html"));
    assert!(built.exists("tags/économie/index.html"));
    let page = built.html("اقتصاد/أسعار-الفائدة/index.html");
    let encoded = |text: &str| {
        text.bytes()
            .map(|b| match b {
                b'/' | b'-' => char::from(b).to_string(),
                _ if b.is_ascii_alphanumeric() => char::from(b).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect::<String>()
    };
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        format!("https://ar.example/{}", encoded("اقتصاد/أسعار-الفائدة/"))
    );
    let link = page
        .all("a")
        .into_iter()
        .find(|a| text_of(*a) == "القمة")
        .expect("the link to the other article");
    assert_eq!(
        link.value().attr("href"),
        Some(format!("/{}", encoded("اقتصاد/القمة-العربية/")).as_str())
    );
    let sitemap = built.read("sitemap.xml");
    let sitemap = parse_xml(&sitemap);
    let locs: Vec<&str> = sitemap
        .descendants()
        .filter(|n| n.has_tag_name("loc"))
        .filter_map(|n| n.text())
        .collect();
    assert!(
        locs.contains(&format!("https://ar.example/tags/{}", encoded("économie/")).as_str()),
        "{locs:?}"
    );
    assert!(locs.iter().all(|loc| loc.is_ascii()), "{locs:?}");
    let feed = built.read("atom.xml");
    let feed = parse_xml(&feed);
    let hrefs: Vec<&str> = feed
        .descendants()
        .filter_map(|n| n.attribute("href"))
        .collect();
    assert!(
        hrefs.len() > 2 && hrefs.iter().all(|href| href.is_ascii()),
        "{hrefs:?}"
    );
    let checked = site.stakes_here(&["check"]);
    assert!(checked.output.status.success(), "{}", checked.stdout());
}

#[test]
fn issue21_a_misspelt_slugs_setting_is_refused_at_its_line() {
    let site = Site::new().file("site.yaml", "title: T\nslugs: arabic\n");
    let errors = site.stakes_here(&["build"]).errors();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(errors[0].starts_with("site.yaml:2"), "{}", errors[0]);
    assert!(
        errors[0].contains("ascii") && errors[0].contains("unicode"),
        "{}",
        errors[0]
    );
}

#[test]
fn issue21_check_shows_links_in_their_script_at_their_line_and_suggests_the_anchor() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: على المحك\nbase_url: https://ar.example/\nlanguage: ar\nslugs: unicode\n",
        )
        .article(
            "اقتصاد/القمة.md",
            "title: القمة\ncount: 1\ndate: 2026-12-02\n",
            "مقدمة.\n\nانظر [غير موجود](/اقتصاد/غير-موجود/) و[الأول](/اقتصاد/القمة/#الأول).\n\n## الأول\n\nأ.\n",
        );
    let checked = site.stakes_here(&["check"]);
    let out = checked.stdout();
    assert!(
        out.contains(
            "8: error: link to `/اقتصاد/غير-موجود/`: there is no such page or file in the site"
        ),
        "{out}"
    );
    assert!(
        out.contains("8: error: link to `/اقتصاد/القمة/#الأول`: the page has no element with id `الأول`: did you mean `#alaul`? (heading anchors are written in Latin letters)"),
        "{out}"
    );
}

#[test]
fn issue21_a_credit_line_in_the_sites_language_is_read() {
    let site = french().article(
        "economie/photo.md",
        "title: Deux choses en photos\ndate: 2026-12-02\n",
        "Intro.\n\n## Une\n\n![La place](../economie/banque.png)\nLa place au matin.\nCrédit : Studio | Agence\n\n## Deux\n\n![La banque](banque.png)\nLa banque.\nCredit: Autre | Agence\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("economie/photo/index.html");
    assert_eq!(
        page.texts(".figure .credit bdi"),
        ["Studio | Agence", "Autre | Agence"]
    );
    assert_eq!(
        page.texts(".figure .caption"),
        ["La place au matin.", "La banque."]
    );
    // In German, `Foto:` is not the language's word (`Bild:`): it is named in the error.
    let german = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://t.example/\nlanguage: de\n",
        )
        .png("content/a/b.png", 600, 400)
        .article(
            "a/c.md",
            "title: Zwei Dinge\ndate: 2026-12-02\n",
            "Intro.\n\n## Eins\n\n![Der Platz](b.png)\nDer Platz.\nFoto: Studio\n\n## Zwei\n\nB.\n",
        );
    let errors = german.stakes_here(&["build"]).errors();
    assert_eq!(
        errors,
        ["content/a/c.md:9: figure `b.png` has no credit (and the photo carries none): its last line starts `Foto:`, but only a line starting `Credit:` or `Bild:` is read as the credit: write `Credit: Photographer | Agency` (or set `require_credits: false` in site.yaml)"]
    );
}
