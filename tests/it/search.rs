//! Issue #20, static search: the index a build writes under `search/`, decoded as the browser
//! client reads it (through `stakes_search`'s reader), the search page and the header form.

use std::path::Path;

use stakes_search::reader::IndexReader;

use crate::support::{Built, Site};

/// The index a build wrote, read from its output folder.
fn index(public: &Path) -> IndexReader<impl Fn(&str) -> Option<Vec<u8>>> {
    let dir = public.join("search");
    IndexReader::open(move |path: &str| std::fs::read(dir.join(path)).ok()).expect("an index")
}

/// The URLs of the articles a query finds, best first.
fn found(built: &Built, query: &str, filters: &[(&str, &str)]) -> Vec<String> {
    let mut reader = index(&built.public);
    let hits = reader.search(query, filters).hits;
    hits.iter()
        .map(|hit| {
            let fragment = reader.fragment(hit.article).expect("a fragment per result");
            fragment["url"].as_str().unwrap().to_string()
        })
        .collect()
}

const BODY: &str = "An intro about budgets.\n\n## Oil money\n\nThe quetzalcoatl levy funds schools.\n\n\
                    ![A ship](https://example.org/ship.jpg)\nA tanker at sea.\nCredit: Zoltan Pix | Getty\n\n\
                    ## Sanctions\n\nThe embargo bites.\n\n> We will not back down.\n>\n> — Xavera Quill\n";

fn site_with_every_kind_of_article() -> Site {
    Site::new()
        .article(
            "world/live.md",
            "title: Two things at stake in the levy\ndate: 2026-05-01\ntags: [Budget]\nauthors: Ann Lee\n",
            BODY,
        )
        .article(
            "world/older.md",
            "title: Two things at stake in the embargo\ndate: 2025-03-01\n",
            "Intro.\n\n## Sanctions\n\nThe embargo bites harder.\n\n## More\n\nText.\n",
        )
        .article(
            "draft.md",
            "title: A draft\ndate: 2026-04-01\ndraft: true\n",
            "Vexdraftia appears.\n",
        )
        .article(
            "later.md",
            "title: A scheduled one\ndate: 2026-04-01\npublish_at: 2099-01-01\n",
            "Vexlateria appears.\n",
        )
        .article(
            "hidden.md",
            "title: Left out\ndate: 2026-04-01\nsearch: false\n",
            "Vexhiddia appears.\n",
        )
        .article(
            "about.md",
            "title: About us\ndate: 2026-01-01\ntemplate: page.html\n",
            "Vexaboutia appears.\n",
        )
        .article(
            "contact.md",
            "title: Contact\ndate: 2026-01-01\ntemplate: page.html\nsearch: true\n",
            "Vexcontactia appears.\n",
        )
}

#[test]
fn issue20_index_holds_published_articles_only() {
    let site = site_with_every_kind_of_article();
    let built = site.build_with(&["--drafts", "--future"]).ok();
    // Built as pages (drafts and scheduled ones with those flags) …
    assert!(built.exists("draft/index.html") && built.exists("later/index.html"));
    // … but not in the index (made-up words: no prefix of one is a word of the site).
    for word in ["vexdraftia", "vexlateria", "vexhiddia", "vexaboutia"] {
        assert_eq!(found(&built, word, &[]), Vec::<String>::new(), "{word}");
    }
    assert_eq!(found(&built, "vexcontactia", &[]), ["/contact/"]);
    assert_eq!(index(&built.public).manifest.articles, 3);
}

#[test]
fn issue20_a_word_of_one_section_lands_on_that_section() {
    let site = site_with_every_kind_of_article();
    let built = site.build().ok();
    let mut reader = index(&built.public);
    let hits = reader.search("Quetzalcoatl", &[]).hits;
    assert_eq!(hits.len(), 1);
    let fragment = reader.fragment(hits[0].article).unwrap();
    assert_eq!(fragment["url"], "/world/live/");
    let sub = &fragment["subs"][hits[0].sub];
    assert_eq!(sub["kind"], "section");
    assert_eq!(sub["number"], 1);
    assert_eq!(sub["heading"], "Oil money");
    assert_eq!(sub["anchor"], "oil-money");
    // The anchor is the section's id on the page.
    let page = built.html("world/live/index.html");
    assert_eq!(page.all("#oil-money").len(), 1);
}

#[test]
fn issue20_captions_credits_quotes_and_authors_are_found() {
    let site = site_with_every_kind_of_article();
    let built = site.build().ok();
    let mut reader = index(&built.public);
    for (query, kind) in [
        ("zoltan getty", "caption"),
        ("xavera", "quote"),
        ("tanker", "caption"),
    ] {
        let hits = reader.search(query, &[]).hits;
        assert_eq!(hits.len(), 1, "{query}");
        let fragment = reader.fragment(hits[0].article).unwrap();
        assert_eq!(fragment["subs"][hits[0].sub]["kind"], kind, "{query}");
    }
    assert_eq!(found(&built, "ann lee", &[]), ["/world/live/"]);
}

#[test]
fn issue20_headings_rank_first_then_the_newest_and_filters_narrow() {
    let site = site_with_every_kind_of_article();
    let built = site.build().ok();
    // Both have "embargo" in a section; "sanctions" is a heading in both: the newer first.
    assert_eq!(
        found(&built, "sanctions embargo", &[]),
        ["/world/live/", "/world/older/"]
    );
    // "embargo" is in the older one's headline: it ranks first.
    assert_eq!(
        found(&built, "embargo", &[]),
        ["/world/older/", "/world/live/"]
    );
    assert_eq!(
        found(&built, "embargo", &[("year", "2025")]),
        ["/world/older/"]
    );
    assert_eq!(
        found(&built, "embargo", &[("tag", "budget")]),
        ["/world/live/"]
    );
    assert_eq!(
        found(&built, "embargo", &[("author", "ann lee")]),
        ["/world/live/"]
    );
    assert_eq!(found(&built, "embargo", &[("section", "world")]).len(), 2);
}

#[test]
fn issue20_subpath_urls_for_page_script_index_and_results() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/explainers/\n",
        )
        .article("world/live.md", "title: Levy\ndate: 2026-05-01\n", BODY);
    let built = site.build().ok();
    let page = built.html("search/index.html");
    let root = page.one("#stakes-search");
    assert_eq!(root.value().attr("data-index"), Some("/explainers/search/"));
    let script = page
        .one("script[type=module]")
        .value()
        .attr("src")
        .unwrap()
        .to_string();
    let script = script
        .strip_prefix("/explainers/")
        .expect("under the base path");
    assert!(built.exists(script), "{script}");
    assert!(page
        .one("label[for=search-q]")
        .text()
        .any(|t| !t.is_empty()));
    assert!(page.one("[aria-live=polite]").value().attr("role") == Some("status"));
    let noscript = page.one("noscript").inner_html();
    assert!(noscript.contains("/explainers/tags/"), "{noscript}");
    assert_eq!(
        found(&built, "quetzalcoatl", &[]),
        ["/explainers/world/live/"]
    );
    // Every page has the header form, leading to the search page.
    let article = built.html("world/live/index.html");
    let form = article.one("form.site-search");
    assert_eq!(form.value().attr("action"), Some("/explainers/search/"));
    assert_eq!(form.value().attr("method"), Some("get"));
    assert_eq!(article.all("form.site-search input[name=q]").len(), 1);
    // And no script: article and listing pages stay script-free.
    assert!(article
        .all("script:not([type='application/ld+json'])")
        .is_empty());
    assert!(built
        .html("index.html")
        .all("script:not([type='application/ld+json'])")
        .is_empty());
}

#[test]
fn issue20_search_false_in_site_yaml_writes_no_index_page_or_form() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\nsearch: false\n",
        )
        .article("live.md", "title: Levy\ndate: 2026-05-01\n", BODY);
    let built = site.build().ok();
    assert!(!built.exists("search"));
    assert!(built
        .html("live/index.html")
        .all("form.site-search")
        .is_empty());
}

#[test]
fn issue20_prune_cache_clears_the_kept_articles_once_search_is_off() {
    let site = Site::new()
        .file("site.yaml", "title: T\nbase_url: https://news.example/\n")
        .article("a.md", "title: Alpha\ndate: 2026-05-01\n", BODY)
        .article("b.md", "title: Beta\ndate: 2026-05-02\n", BODY);
    site.stakes_here(&["build"]).ok();
    assert_eq!(kept(&site).len(), 2);
    let site = site.file(
        "site.yaml",
        "title: T\nbase_url: https://news.example/\nsearch: false\n",
    );
    let pruned = site.stakes_here(&["build", "--prune-cache"]).ok();
    assert!(
        pruned
            .stdout()
            .contains("Pruned 2 unused search cache entries"),
        "{}",
        pruned.stdout()
    );
    assert!(kept_files(&site).is_empty(), "{:?}", kept_files(&site));
}

#[test]
fn issue20_precompressed_index() {
    let long: String = (0..400)
        .map(|n| format!("Word{n} levy budget schools. "))
        .collect();
    let site = Site::new().article(
        "live.md",
        "title: Levy\ndate: 2026-05-01\n",
        &format!("{long}\n\n## One\n\n{long}\n"),
    );
    let built = site.build_with(&["--precompress"]).ok();
    for file in [
        "search/index.html",
        "search/manifest.json",
        "search/chunks/0.bin",
        "search/fragments/0.json",
    ] {
        assert!(built.exists(&format!("{file}.gz")), "{file}.gz");
    }
}

#[test]
fn issue20_a_misspelt_search_key_is_named_with_a_suggestion() {
    let site = Site::new().article(
        "a.md",
        "title: A\ndate: 2026-05-01\nserch: false\n",
        "Text.\n",
    );
    let built = site.build();
    let errors = built.errors();
    assert!(
        errors[0].starts_with("content/a.md:4: unknown key `serch`: did you mean `search`?"),
        "{errors:?}"
    );
}

#[test]
fn issue20_a_result_shows_its_date_as_the_site_does() {
    let site = Site::new()
        .file(
            "site.yaml",
            "title: T\nbase_url: https://news.example/\ndate_format: \"%d/%m/%Y\"\ndatetime_format: \"%d/%m/%Y %H:%M\"\n",
        )
        .article("day.md", "title: A day\ndate: 2026-05-01\n", "Text.\n")
        .article(
            "timed.md",
            "title: A time\ndate: 2026-04-01T09:30:00+00:00\n",
            "Text.\n",
        );
    let built = site.build().ok();
    let fragment = |n: u32| -> serde_json::Value {
        serde_json::from_str(&built.read(&format!("search/fragments/{n}.json"))).unwrap()
    };
    // Newest first: the day, then the timed one.
    assert_eq!(fragment(0)["date"], "2026-05-01");
    assert_eq!(fragment(0)["date_shown"], "01/05/2026");
    assert_eq!(fragment(1)["date_shown"], "01/04/2026 09:30");
}

/// The articles kept in the cache folder between builds, by file name; each has its
/// fragment kept beside it (`<key>.json`).
fn kept(site: &Site) -> Vec<(String, std::time::SystemTime)> {
    let mut files = Vec::new();
    for file in kept_files(site) {
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            let article = file.with_extension("");
            assert!(article.is_file(), "{file:?} is kept without its article");
            continue;
        }
        assert!(
            file.with_extension("json").is_file(),
            "{file:?} is kept without its fragment"
        );
        let modified = file.metadata().unwrap().modified().unwrap();
        files.push((name, modified));
    }
    files.sort();
    files
}

/// Every file of the search cache.
fn kept_files(site: &Site) -> Vec<std::path::PathBuf> {
    let dir = site.root().join(".stakes-cache/search");
    let mut files = Vec::new();
    for folder in std::fs::read_dir(dir).expect("a search cache").flatten() {
        for file in std::fs::read_dir(folder.path()).unwrap().flatten() {
            files.push(file.path());
        }
    }
    files
}

#[test]
fn issue20_an_unchanged_article_is_read_back_and_an_edited_one_indexed_anew() {
    let site = Site::new()
        .article(
            "a.md",
            "title: Alpha\ndate: 2026-05-01\n",
            "Quetzal words.\n",
        )
        .article("b.md", "title: Beta\ndate: 2026-05-02\n", "Ocelot words.\n");
    let first = site.stakes_here(&["build"]).ok();
    let manifest = first.read("search/manifest.json");
    let chunks = first.read("search/chunks/0.bin");
    let before = kept(&site);
    assert_eq!(before.len(), 2, "{before:?}");
    std::thread::sleep(std::time::Duration::from_millis(20));
    // Unchanged: each article is read back, not written again, and the index is the same.
    let again = site.stakes_here(&["build"]).ok();
    assert_eq!(kept(&site), before);
    assert_eq!(again.read("search/manifest.json"), manifest);
    assert_eq!(again.read("search/chunks/0.bin"), chunks);
    // Edited: found by its new words, no longer by its old ones.
    let site = site.article(
        "a.md",
        "title: Alpha\ndate: 2026-05-01\n",
        "Axolotl words.\n",
    );
    let edited = site.stakes_here(&["build"]).ok();
    assert_eq!(found(&edited, "axolotl", &[]), ["/a/"]);
    assert!(found(&edited, "quetzal", &[]).is_empty());
    assert_eq!(found(&edited, "ocelot", &[]), ["/b/"]);
    assert_eq!(kept(&site).len(), 3);
    // `--prune-cache` deletes the entry of the old text.
    let pruned = site.stakes_here(&["build", "--prune-cache"]).ok();
    assert!(
        pruned
            .stdout()
            .contains("Pruned 1 unused search cache entries"),
        "{}",
        pruned.stdout()
    );
    assert_eq!(kept(&site).len(), 2);
    // No folder is left empty by the prune.
    let dir = site.root().join(".stakes-cache/search");
    for folder in std::fs::read_dir(dir).unwrap().flatten() {
        assert!(
            std::fs::read_dir(folder.path()).unwrap().next().is_some(),
            "{folder:?} is empty"
        );
    }
}

#[test]
fn issue20_a_damaged_cache_entry_is_prepared_again() {
    let site = Site::new().article(
        "a.md",
        "title: Alpha\ndate: 2026-05-01\n",
        "Quetzal words.\n",
    );
    let first = site.stakes_here(&["build"]).ok();
    let fragment = first.read("search/fragments/0.json");
    for file in kept_files(&site) {
        let bytes = std::fs::read(&file).unwrap();
        std::fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    }
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(found(&built, "quetzal", &[]), ["/a/"]);
    assert_eq!(built.read("search/fragments/0.json"), fragment);
    // Changed in place so that it still reads as an entry (a trial's "tugboat" → "tugbxat"):
    // the checksum tells, and the article is indexed from its text again.
    for file in kept_files(&site) {
        if file.extension().is_some() {
            continue;
        }
        let mut bytes = std::fs::read(&file).unwrap();
        let at = bytes
            .windows(7)
            .position(|w| w == b"quetzal")
            .expect("the entry holds the word");
        bytes[at + 5] = b'x';
        std::fs::write(&file, &bytes).unwrap();
    }
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(found(&built, "quetzal", &[]), ["/a/"]);
    assert!(found(&built, "quetzxl", &[]).is_empty());
    // A kept fragment deleted (the build links it into the site): prepared and kept again.
    for file in kept_files(&site) {
        if file.extension().is_some() {
            std::fs::remove_file(&file).unwrap();
        }
    }
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(built.read("search/fragments/0.json"), fragment);
    assert_eq!(found(&built, "quetzal", &[]), ["/a/"]);
    assert_eq!(kept(&site).len(), 1);
    let again = site.stakes_here(&["build"]).ok();
    assert_eq!(again.read("search/fragments/0.json"), fragment);
}

#[test]
fn issue20_a_kept_fragment_rewritten_through_the_site_or_retimed_is_caught() {
    let site = Site::new().article(
        "a.md",
        "title: Alpha\ndate: 2026-05-01\n",
        "Quetzal words.\n",
    );
    let fragment = site
        .stakes_here(&["build"])
        .ok()
        .read("search/fragments/0.json");
    // The second build links the kept fragment into the site.
    site.stakes_here(&["build"]).ok();
    // Rewritten in place through the site's copy (which shares the kept file), longer or
    // the same length (a trial's "mercury" → "MERCURY"): the kept length, time and checksum
    // tell, and the next build writes the fragment anew.
    let published = site.root().join("public/search/fragments/0.json");
    std::fs::write(&published, format!("{fragment}\n")).unwrap();
    let rebuilt = site.stakes_here(&["build"]).ok();
    assert_eq!(rebuilt.read("search/fragments/0.json"), fragment);
    // (The build just above wrote it anew; this one links it from the cache again.)
    site.stakes_here(&["build"]).ok();
    std::fs::write(&published, fragment.replace("Quetzal", "QUETZAL")).unwrap();
    let rebuilt = site.stakes_here(&["build"]).ok();
    assert_eq!(rebuilt.read("search/fragments/0.json"), fragment);
    assert!(fragment.contains("Quetzal"), "{fragment}");
    // The same bytes with another time (a cache copied without its times): used as they
    // are, and the entry stamped anew.
    let entry = |site: &Site| {
        let files = kept_files(site);
        let file = files.iter().find(|f| f.extension().is_none()).unwrap();
        std::fs::read(file).unwrap()
    };
    let before = entry(&site);
    for file in kept_files(&site) {
        if file.extension().is_some() {
            let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
            let handle = std::fs::File::options().write(true).open(&file).unwrap();
            handle.set_modified(an_hour_ago).unwrap();
        }
    }
    let rebuilt = site.stakes_here(&["build"]).ok();
    assert_eq!(rebuilt.read("search/fragments/0.json"), fragment);
    let after = entry(&site);
    assert_ne!(after, before, "the entry was not stamped anew");
    assert_eq!(after.len(), before.len(), "only the stamp changes");
}

#[test]
fn issue20_a_caption_taken_from_the_photo_is_searchable_as_shown() {
    let decoded = stakes_images::decode(&crate::support::png(64, 48)).unwrap();
    let jpeg = stakes_images::encode_jpeg(&decoded, 85).unwrap();
    let photo = stakes::testing::embed_for_tests(
        &jpeg,
        &[(80, "Libkos"), (120, "Harbourcranes seen at dawn")],
        None,
    );
    let site = Site::new().bytes("content/a/cranes.jpg", &photo).article(
        "a/index.md",
        "title: The port\ndate: 2026-05-01\n",
        "Intro.\n\n![Cranes](cranes.jpg)\n",
    );
    let built = site.build().ok();
    assert_eq!(
        built.html("a/index.html").text("figure .caption"),
        "Harbourcranes seen at dawn"
    );
    assert_eq!(found(&built, "harbourcranes", &[]), ["/a/"]);
}
