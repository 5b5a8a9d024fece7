//! `stakes new --lang fr --translation-of @/world/summit.md "…"` (issue #21), run from the
//! site's own folder as a desk runs it: the draft translation beside its original, its front
//! matter, and each refusal with the exact message naming what to do.

use crate::support::*;

const SITE_YAML: &str = "title: The Desk\nbase_url: https://news.example/\nlanguages:\n  - en\n  - language: fr\n    title: Le Desk\n  - ar\n";

const FRONT: &str = "title: Two things at stake in the summit\ndate: 2026-12-03\ndek: The leaders meet on Monday.\ndescription: The summit in two points.\nauthors: [Ana Silva]\ntags: [Summit, Trade]\nimage:\n  src: leaders.png\n  alt: The leaders\n  caption: The leaders arrive.\n  credit: Studio | Agency\n  focus: [0.5, 0.3]\nread_more:\n  title: The budget\n  url: \"@/world/budget.md\"\n";

const BODY: &str = "Intro.\n\n## Trade\n\nA.\n\n> We will not sign.\n>\n> — A minister\n\n## Climate\n\nB.\n\n![The hall](leaders.png)\nThe hall on Monday.\nCredit: Studio | Agency\n\n## What happens next {.unnumbered}\n\nC.\n";

/// English, French and Arabic, with one English explainer (flat, with a photo) to translate,
/// another (a folder) and the one its read-more link names.
fn three_languages() -> Site {
    Site::new()
        .file("site.yaml", SITE_YAML)
        .png("content/world/leaders.png", 1200, 800)
        .article("world/summit.md", FRONT, BODY)
        .article(
            "world/budget.md",
            "title: The budget\ndate: 2026-12-01\n",
            "Intro.\n",
        )
        .article(
            "world/vote/index.md",
            "title: The vote\ndate: 2026-12-02\n",
            "Intro.\n",
        )
}

const TRANSLATE: [&str; 6] = [
    "new",
    "--lang",
    "fr",
    "--translation-of",
    "@/world/summit.md",
    "Deux choses à retenir du sommet",
];

fn read(site: &Site, path: &str) -> String {
    std::fs::read_to_string(site.root().join(path)).unwrap_or_else(|e| panic!("{path}: {e}"))
}

#[test]
fn issue21_a_translation_starts_as_a_draft_beside_its_original() {
    let site = three_languages();
    let made = site.stakes_here(&TRANSLATE).ok();
    assert_eq!(
        made.stdout(),
        "Created content/world/summit.fr.md (a draft translation of content/world/summit.md: translate it, then remove draft: true)\n"
    );
    assert_eq!(made.stderr(), "");

    let text = read(&site, "content/world/summit.fr.md");
    let (front, body) = text
        .strip_prefix("---\n")
        .and_then(|rest| rest.split_once("---\n"))
        .unwrap();
    assert!(front.lines().any(|line| line
        == "# Translate every text below from the original (content/world/summit.md), then remove draft: true."));
    let front: serde_yaml::Value = serde_yaml::from_str(front).unwrap();
    let original: serde_yaml::Value = serde_yaml::from_str(FRONT).unwrap();
    assert_eq!(front["title"], "Deux choses à retenir du sommet");
    assert_eq!(front["draft"], true);
    for key in [
        "date",
        "dek",
        "description",
        "authors",
        "tags",
        "image",
        "read_more",
    ] {
        assert_eq!(front[key], original[key], "{key}");
    }
    let keys: Vec<&str> = (front.as_mapping().unwrap().keys())
        .map(|key| key.as_str().unwrap())
        .collect();
    assert_eq!(
        keys,
        [
            "title",
            "date",
            "draft",
            "authors",
            "dek",
            "description",
            "tags",
            "image",
            "read_more"
        ]
    );
    // Photos, pull quotes and numbered sections stay, to be translated in place.
    assert_eq!(body, BODY);

    // A draft: the French edition leaves it out until `draft: true` goes.
    let built = site.stakes_here(&["build"]).ok();
    assert!(!built.exists("fr/world/summit/index.html"));
    let drafts = site.stakes_here(&["build", "--drafts"]).ok();
    let page = drafts.html("fr/world/summit/index.html");
    assert_eq!(page.attr("html", "lang"), "fr");
    assert_eq!(page.text("h1"), "Deux choses à retenir du sommet");
}

#[test]
fn issue21_an_original_is_found_by_its_path_or_its_folder() {
    let site = three_languages();
    let made = site
        .stakes_here(&[
            "new",
            "--lang",
            "ar",
            "--translation-of",
            "content/world/summit.md",
            "أمران على المحك في القمة",
        ])
        .ok();
    assert!(
        made.stdout()
            .starts_with("Created content/world/summit.ar.md "),
        "{}",
        made.stdout()
    );
    let made = site
        .stakes_here(&[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "@/world/vote/",
            "Le vote",
        ])
        .ok();
    assert_eq!(
        made.stdout(),
        "Created content/world/vote/index.fr.md (a draft translation of content/world/vote/index.md: translate it, then remove draft: true)\n"
    );
}

#[test]
fn issue21_a_title_that_promises_another_count_is_a_warning() {
    let site = three_languages();
    let made = site
        .stakes_here(&[
            "new",
            "--lang",
            "fr",
            "--translation-of",
            "@/world/summit.md",
            "Trois choses à retenir du sommet",
        ])
        .ok();
    assert_eq!(
        made.warnings(),
        ["content/world/summit.fr.md:2: the title (“Trois choses”) promises 3 things but the original (content/world/summit.md) has 2 numbered sections: make the title and the sections agree before you publish"]
    );
    assert!(site.root().join("content/world/summit.fr.md").is_file());
}

#[test]
fn issue21_an_unknown_language_is_refused_with_the_site_languages() {
    let site = three_languages();
    let mut args = TRANSLATE;
    args[2] = "de";
    assert_eq!(
        site.stakes_here(&args).errors(),
        ["--lang de: not one of the site's languages (en, fr, ar): give one of them, or add de to `languages:` in site.yaml"]
    );
    assert!(!site.root().join("content/world/summit.de.md").exists());
}

#[test]
fn issue21_a_site_without_languages_says_how_to_add_them() {
    let site = three_languages().file(
        "site.yaml",
        "title: The Desk\nbase_url: https://news.example/\n",
    );
    assert_eq!(
        site.stakes_here(&TRANSLATE).errors(),
        ["site.yaml: lists no `languages:`, so the site has one language (en) and no translations: add `languages: [en, fr]` (the default language first), then run stakes new again"]
    );
    assert!(!site.root().join("content/world/summit.fr.md").exists());
}

#[test]
fn issue21_an_existing_translation_is_never_overwritten() {
    let site = three_languages().article(
        "world/summit.fr.md",
        "title: Deux choses en jeu\ndate: 2026-12-03\n",
        "Déjà traduit.\n",
    );
    assert_eq!(
        site.stakes_here(&TRANSLATE).errors(),
        ["content/world/summit.fr.md: already exists; stakes new never overwrites a file. Translate that one, or delete it to start again"]
    );
    assert_eq!(
        read(&site, "content/world/summit.fr.md"),
        "---\ntitle: Deux choses en jeu\ndate: 2026-12-03\n---\nDéjà traduit.\n"
    );
}

#[test]
fn issue21_a_missing_original_suggests_the_nearest_article() {
    let site = three_languages();
    let mut args = TRANSLATE;
    args[4] = "@/world/sumit.md";
    assert_eq!(
        site.stakes_here(&args).errors(),
        ["--translation-of @/world/sumit.md: there is no content/world/sumit.md: did you mean `@/world/summit.md`?"]
    );
}

#[test]
fn issue21_only_an_original_in_the_default_language_is_translated() {
    let site = three_languages().article(
        "world/summit.ar.md",
        "title: أمران على المحك\ndate: 2026-12-03\n",
        "مقدمة.\n",
    );
    let mut args = TRANSLATE;
    args[4] = "@/world/summit.ar.md";
    assert_eq!(
        site.stakes_here(&args).errors(),
        ["--translation-of @/world/summit.ar.md: content/world/summit.ar.md is a translation (ar), not an original: name its original, `@/world/summit.md`"]
    );
    let mut args = TRANSLATE;
    args[2] = "en";
    assert_eq!(
        site.stakes_here(&args).errors(),
        ["--lang en: en is the site's default language, the one the originals are in: a translation is in one of fr, ar"]
    );
    let missing_lang = site.stakes_here(&[
        "new",
        "--translation-of",
        "@/world/summit.md",
        "Deux choses",
    ]);
    assert_eq!(
        missing_lang.errors(),
        ["--translation-of needs --lang, the language of the translation: one of fr, ar"]
    );
}

#[test]
fn issue21_lang_alone_starts_an_article_in_that_language() {
    let site = three_languages();
    let made = site
        .stakes_here(&[
            "new",
            "--lang",
            "fr",
            "--section",
            "world",
            "Trois questions sur la grève",
        ])
        .ok();
    assert!(
        made.stdout()
            .starts_with("Created content/world/trois-questions-sur-la-greve/index.fr.md (a draft"),
        "{}",
        made.stdout()
    );
    let text = read(
        &site,
        "content/world/trois-questions-sur-la-greve/index.fr.md",
    );
    // Read and written in French: three French skeleton sections.
    assert_eq!(text.matches("\n## Enjeu ").count(), 3, "{text}");
    // Beside an English article of the same name, it would be taken for its translation.
    let clash = site.stakes_here(&["new", "--lang", "fr", "--section", "world", "Vote"]);
    assert_eq!(
        clash.errors(),
        ["content/world/vote/index.md: already exists, and an article in fr beside it would be its translation: choose another title, or translate it with `stakes new --lang fr --translation-of @/world/vote/index.md \"…\"`"]
    );
}
