//! Every front-matter key reaches the page, and bad keys are explained.

use crate::support::*;

const FULL: &str = "title: Three things at stake in the vote
date: 2026-05-01
updated: 2026-05-03T10:00:00+02:00
dek: The standfirst
authors: [Ann Author, Bo Writer]
tags: [Elections, City Hall]
slug: the-vote
description: Meta description here
image:
  src: lead.png
  alt: The lead photo
  caption: Lead *caption*
  credit: 'Jane Doe |Agency| Agency Images'
read_more:
  title: More on the vote
  url: https://example.org/more
extra:
  kicker_colour: red
";

const THREE: &str = "Intro.\n\n## One\n\nA\n\n## Two\n\nB\n\n## Three\n\nC\n";

#[test]
fn every_front_matter_key_reaches_the_article_page() {
    let site =
        Site::new()
            .png("content/world/lead.png", 8, 6)
            .article("world/vote.md", FULL, THREE);
    let built = site.build().ok();
    let page = built.html("world/the-vote/index.html");
    assert_eq!(
        page.text("h1.headline"),
        "Three things at stake in the vote"
    );
    assert_eq!(page.text("p.dek"), "The standfirst");
    assert!(page
        .text("p.byline")
        .starts_with("By Ann Author and Bo Writer"));
    assert_eq!(page.attr("p.byline > time", "datetime"), "2026-05-01");
    assert_eq!(page.text("p.byline > time"), "1 May 2026");
    assert_eq!(
        page.attr(".updated time", "datetime"),
        "2026-05-03T10:00:00+02:00"
    );
    assert_eq!(
        page.attr("meta[name=description]", "content"),
        "Meta description here"
    );
    assert_eq!(page.texts("ul.tags a"), vec!["Elections", "City Hall"]);
    assert_eq!(
        page.attr("ul.tags a[href='/tags/city-hall/']", "rel"),
        "tag"
    );
    assert_eq!(
        page.attr("figure.figure--lead img", "alt"),
        "The lead photo"
    );
    let lead = page.attr("figure.figure--lead img", "src");
    assert!(
        lead.starts_with("/world/lead.8.") && lead.ends_with(".png"),
        "{lead}"
    );
    assert_eq!(
        page.one("figure.figure--lead .caption").inner_html(),
        "Lead <em>caption</em>"
    );
    assert_eq!(
        page.text("figure.figure--lead .credit"),
        "Credit: Jane Doe | Agency | Agency Images"
    );
    assert_eq!(
        page.attr("aside.read-more a", "href"),
        "https://example.org/more"
    );
    assert_eq!(page.text("aside.read-more a"), "More on the vote");
    assert_eq!(
        page.attr("link[rel=canonical]", "href"),
        "https://news.example/world/the-vote/"
    );
    let og = page.attr("meta[property='og:image']", "content");
    assert!(
        og.starts_with("https://news.example/world/lead.og.") && og.ends_with(".png"),
        "{og}"
    );
    let json: serde_json::Value =
        serde_json::from_str(&page.one("script[type='application/ld+json']").inner_html()).unwrap();
    assert_eq!(json["@type"], "NewsArticle");
    assert_eq!(json["headline"], "Three things at stake in the vote");
    assert_eq!(json["datePublished"], "2026-05-01");
    assert_eq!(json["dateModified"], "2026-05-03T10:00:00+02:00");
    assert_eq!(json["author"][1]["name"], "Bo Writer");
    assert_eq!(json["publisher"]["name"], "Test Site");
    let lead_src = page.attr("figure.figure--lead img", "src");
    let lead_stem = lead_src.split('.').next().unwrap();
    let image = json["image"][0]["url"].as_str().unwrap();
    assert!(
        image.starts_with(&format!("https://news.example{lead_stem}.")),
        "the lead photo's largest copy: {image}"
    );
    assert_eq!(
        json["image"][0]["creditText"],
        "Jane Doe | Agency | Agency Images"
    );
    assert!(page.text("span.reading-time").ends_with("min read"));
}

#[test]
fn a_single_author_string_and_description_fallbacks() {
    let site = Site::new()
        .article(
            "a.md",
            "title: With dek\ndate: 2026-05-01\nauthors: Solo Writer\ndek: Dek wins\n",
            "First sentence. Second.\n",
        )
        .article(
            "b.md",
            "title: Without dek\ndate: 2026-05-01\n",
            "First sentence here. Second one.\n",
        );
    let built = site.build().ok();
    let a = built.html("a/index.html");
    assert_eq!(a.text(".authors"), "By Solo Writer");
    assert_eq!(a.attr("meta[name=description]", "content"), "Dek wins");
    let b = built.html("b/index.html");
    assert_eq!(
        b.attr("meta[name=description]", "content"),
        "First sentence here."
    );
    assert!(
        b.all(".authors").is_empty(),
        "no byline names when none are given"
    );
}

#[test]
fn count_from_front_matter_overrides_the_title() {
    let site = Site::new().article(
        "a.md",
        "title: Plain title\ndate: 2026-05-01\ncount: 2\n",
        THREE,
    );
    let errors = site.build().errors();
    assert_eq!(
        errors,
        vec!["content/a.md:4: `count: 2` promises 2 things but the body has 3 numbered sections (One, Two, Three): add or remove a `## ` section, mark extra ones `{.unnumbered}`, or set `count:`"]
    );
    let fixed = Site::new().article(
        "a.md",
        "title: Two things at stake\ndate: 2026-05-01\ncount: 3\n",
        THREE,
    );
    fixed.build().ok();
}

#[test]
fn extra_and_template_reach_a_custom_template() {
    let site = Site::new()
        .file("templates/special.html", "<p id=\"colour\">{{ article.extra.colour }}</p><p id=\"title\">{{ article.title }}</p>")
        .article("a.md", "title: Custom\ndate: 2026-05-01\ntemplate: special.html\nextra:\n  colour: teal\n", "Body\n");
    let page = site.build().ok().html("a/index.html");
    assert_eq!(page.text("#colour"), "teal");
    assert_eq!(page.text("#title"), "Custom");
}

#[test]
fn plain_pages_are_published_but_not_listed() {
    let site = Site::new()
        .article(
            "about.md",
            "title: About us\ndate: 2026-05-01\ntemplate: page.html\n",
            "We are a newsroom.\n\n## Contact\n\nWrite to us.\n",
        )
        .article("news.md", BASIC_FRONT, "Body\n");
    let built = site.build().ok();
    assert!(
        built
            .stdout()
            .starts_with("Built 1 article, 0 sections, 0 tags, 1 page in "),
        "{}",
        built.stdout()
    );
    let about = built.html("about/index.html");
    assert_eq!(about.text("h1.headline"), "About us");
    assert_eq!(about.texts("section.section h2"), vec!["Contact"]);
    let home = built.html("index.html");
    assert_eq!(home.texts(".card-title a"), vec!["A plain explainer"]);
    let feed = built.read("atom.xml");
    assert!(!parse_xml(&feed)
        .descendants()
        .any(|n| n.text() == Some("About us")));
}

#[test]
fn unknown_keys_name_the_line_and_suggest_the_closest_key() {
    let site = Site::new().article("a.md", "title: T\ndate: 2026-05-01\ntagz: [x]\n", "Body\n");
    let errors = site.build().errors();
    assert_eq!(errors.len(), 1);
    assert!(
        errors[0].starts_with("content/a.md:4: unknown key `tagz`: did you mean `tags`?"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("under `extra:`"));
}

#[test]
fn broken_yaml_and_bad_values_are_reported_at_file_lines() {
    let site = Site::new()
        .article(
            "colon.md",
            "date: 2026-05-01\ntitle: Breaking: the vote\n",
            "Body\n",
        )
        .article("date.md", "title: T\ndate: yesterday\n", "Body\n")
        .article("missing.md", "date: 2026-05-01\n", "Body\n")
        .article("null.md", "title: ~\ndate: 2026-05-01\n", "Body\n");
    let errors = site.build().errors();
    assert_eq!(errors.len(), 4, "{errors:?}");
    assert!(
        errors[0].starts_with("content/colon.md:3:"),
        "{}",
        errors[0]
    );
    assert!(errors[0].contains("must be quoted"));
    assert!(
        errors[1].starts_with("content/date.md:3: `date`: `yesterday` is not a valid date"),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].starts_with("content/missing.md")
            && errors[2].contains("the required key `title` is missing"),
        "{}",
        errors[2]
    );
    assert!(errors[3].starts_with("content/null.md:2"), "{}", errors[3]);
}

#[test]
fn drafts_are_left_out_unless_asked_for() {
    let site = Site::new()
        .article("ready.md", BASIC_FRONT, "Body\n")
        .article(
            "wip.md",
            "title: Work in progress\ndate: 2026-05-02\ndraft: true\n",
            "Body\n",
        );
    let built = site.build().ok();
    assert!(!built.exists("wip/index.html"));
    assert_eq!(
        built.html("index.html").texts(".card-title a"),
        vec!["A plain explainer"]
    );
    let with_drafts = site.build_with(&["--drafts"]).ok();
    let page = with_drafts.html("wip/index.html");
    assert_eq!(page.text("p.draft-badge"), "Draft — not published");
    assert_eq!(page.attr("meta[name=robots]", "content"), "noindex");
    let sitemap = with_drafts.read("sitemap.xml");
    assert!(!sitemap.contains("/wip/"), "drafts stay out of the sitemap");
}

#[test]
fn front_matter_longer_than_the_first_read_is_read_whole() {
    // The build reads only the start of each file for its front matter: a dek of several
    // kilobytes (multi-byte characters across every boundary) must still arrive whole, and
    // the body after it too.
    let dek = "Á longer standfirst, “quoted” — ".repeat(300);
    let front =
        format!("title: Three things at stake in the vote\ndate: 2026-05-01\ndek: \"{dek}\"\n");
    let site = Site::new().article("vote.md", &front, THREE);
    let built = site.build().ok();
    let page = built.html("vote/index.html");
    assert_eq!(page.text("p.dek"), dek.trim_end());
    assert_eq!(
        page.texts("section.stake h2 .stake-title"),
        ["One", "Two", "Three"]
    );
}

// Issue #16: front matter that is valid YAML but not what was typed warns at its line; the
// build goes on and `check` lists the warning. Run from the site's folder, as the README says.

const HASHTAG_FRONT: &str = "title: The vote\ndate: 2026-05-01\ndek: Why the vote matters #Riverton\ndraft: false # a real comment\n";

#[test]
fn issue16_a_hashtag_cut_from_a_dek_warns_with_its_line_and_quotes() {
    let site = Site::new()
        .article("a.md", HASHTAG_FRONT, "Body\n")
        .file(
            "content/world/_index.md",
            "---\ntitle: World\ndescription: Our coverage #world\n---\n",
        )
        .article("world/b.md", BASIC_FRONT, "Body\n");
    let built = site.stakes_here(&["build"]).ok();
    let warning = "content/a.md:4: `dek` is cut before `#Riverton`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: dek: \"Why the vote matters #Riverton\"";
    let section = "content/world/_index.md:3: `description` is cut before `#world`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: description: \"Our coverage #world\"";
    assert_eq!(built.warnings(), vec![warning, section]);
    // What YAML read is what is published, so the warning is about the real page.
    assert_eq!(
        built.html("a/index.html").text("p.dek"),
        "Why the vote matters"
    );
    let checked = site.stakes_here(&["check"]);
    assert!(checked.output.status.success(), "{}", checked.stdout());
    assert!(
        checked.stdout().contains(
            "content/a.md\n  4: warning: `dek` is cut before `#Riverton`: YAML reads ` #` as the start of a comment."
        ),
        "{}",
        checked.stdout()
    );
    // Quoted, the whole dek is kept and nothing is said.
    let quoted = Site::new().article(
        "a.md",
        "title: The vote\ndate: 2026-05-01\ndek: \"Why the vote matters #Riverton\"\n",
        "Body\n",
    );
    let built = quoted.stakes_here(&["build"]).ok();
    assert!(built.warnings().is_empty(), "{}", built.stderr());
    assert_eq!(
        built.html("a/index.html").text("p.dek"),
        "Why the vote matters #Riverton"
    );
}

#[test]
fn issue16_curly_quotes_around_a_value_warn_with_their_line() {
    let site = Site::new().png("content/a/lead.png", 8, 6).article(
        "a/index.md",
        "title: “The budget vote”\ndate: 2026-05-01\nimage:\n  src: lead.png\n  alt: ‘City hall’\n  credit: Desk\ndek: \u{a0}Standfirst\n",
        "Body\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    assert_eq!(
        built.warnings(),
        vec![
            "content/a/index.md:2: `title` is wrapped in curly quotes (“…”), which YAML keeps as part of the text: remove them, or use straight quotes (\"…\"). To show them on purpose, put them inside straight ones (\"“…”\")",
            "content/a/index.md:6: `alt` is wrapped in curly quotes (‘…’), which YAML keeps as part of the text: remove them, or use straight quotes (\"…\"). To show them on purpose, put them inside straight ones (\"‘…’\")",
            "content/a/index.md:8: a non-breaking space (U+00A0) after `dek:`: use a plain space",
        ]
    );
    assert_eq!(
        built.html("a/index.html").text("h1.headline"),
        "“The budget vote”"
    );
    let checked = site.stakes_here(&["check"]);
    assert!(
        checked
            .stdout()
            .contains("  2: warning: `title` is wrapped in curly quotes"),
        "{}",
        checked.stdout()
    );
    // Curly quotes inside straight ones are meant, and nothing is said.
    let meant = Site::new().article(
        "a.md",
        "title: \"“We will not back down”\"\ndate: 2026-05-01\n",
        "Body\n",
    );
    assert!(meant.stakes_here(&["build"]).ok().warnings().is_empty());
}

#[test]
fn issue16_check_lists_front_matter_warnings_beside_errors_in_bodies() {
    let site = Site::new()
        .article("a.md", HASHTAG_FRONT, "Body\n")
        .article(
            "b.md",
            "title: Three things at stake\ndate: 2026-05-01\n",
            "## One\n",
        );
    let checked = site.stakes_here(&["check"]);
    assert_eq!(checked.output.status.code(), Some(1));
    let out = checked.stdout();
    assert!(
        out.contains("content/a.md\n  4: warning: `dek` is cut before `#Riverton`")
            && out.contains(
                "content/b.md\n  2: error: the title (“Three things at stake”) promises 3 things"
            )
            && out.contains("1 error, 1 warning."),
        "{out}"
    );
}

/// `extra:` holding `depth` nested maps, the last with `leaf: x`, after `before` (more keys).
fn deep_extra(before: &str, depth: usize) -> String {
    let mut front = format!("title: Deep\ndate: 2026-05-01\n{before}extra:\n");
    for level in 1..depth {
        front.push_str(&format!("{}k:\n", " ".repeat(level)));
    }
    front + &" ".repeat(depth) + "leaf: x\n"
}

#[test]
fn issue16_too_deep_front_matter_fails_whether_or_not_a_block_scalar_is_there() {
    // The fast YAML path read 139 nested levels that serde_yaml refuses: the file built, and
    // failed only once an unrelated block scalar sent it to serde_yaml.
    for before in ["", "dek: |\n  A block scalar.\n"] {
        let site = Site::new().article("deep.md", &deep_extra(before, 139), "Body.\n");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stakes"))
            .current_dir(site.root())
            .arg("build")
            .output()
            .expect("run stakes");
        let stderr = String::from_utf8_lossy(&out.stderr);
        // `---`, title, date, the lines of `before`, `extra:`; then the 128th nested key.
        let line = 4 + before.lines().count() + 128;
        let column = 129;
        assert_eq!(
            stderr.lines().next(),
            Some(format!("error: content/deep.md:{line}:{column}: front matter nests lists and maps more than 128 levels deep here: flatten it").as_str()),
            "{stderr}"
        );
        assert_eq!(out.status.code(), Some(1));
        assert!(!site.root().join("public").exists());
    }
}

#[test]
fn issue16_deep_but_allowed_front_matter_builds_the_same_either_way() {
    for before in ["", "dek: |\n  A block scalar.\n"] {
        let site = Site::new().article("deep.md", &deep_extra(before, 127), "Body.\n");
        let out = std::process::Command::new(env!("CARGO_BIN_EXE_stakes"))
            .current_dir(site.root())
            .arg("build")
            .output()
            .expect("run stakes");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let page = Html::parse_document(
            &std::fs::read_to_string(site.root().join("public/deep/index.html")).unwrap(),
        );
        let h1 = page.select(&Selector::parse("h1").unwrap()).next().unwrap();
        assert_eq!(h1.text().collect::<String>().trim(), "Deep");
    }
}

/// The trial: a misspelt key, a tab, a missing lead photo and a missing lead credit took three
/// builds to see; two unknown keys under `image:` and `read_more:` took two. One run now.
#[test]
fn every_front_matter_problem_is_reported_in_one_run() {
    let site = Site::new()
        .png("content/photo.png", 4, 4)
        .article(
            "a.md",
            "title: A\ndate: 2026-05-01\ndekk: The vote\nimage:\n\tsrc: missing.png\n  alt: A photo\n",
            "Body.\n",
        )
        .article(
            "b.md",
            "title: B\ndate: 2026-05-01\nimage:\n  src: photo.png\n  alt: A photo\n  credits: Jane Roe | Agency\n\
             read_more:\n  title: More\n  link: \"@/a.md\"\n  url: \"@/a.md\"\n",
            "Body.\n",
        );
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        [
            "content/a.md:4: unknown key `dekk`: did you mean `dek`? Known keys: title, date, updated, publish_at, expires, corrections, updates, dek, authors, tags, draft, slug, description, template, image, read_more, count, search, related, extra. Put custom data under `extra:`",
            "content/a.md:5: lead image: image `missing.png` does not exist: relative images are looked up beside the article (expected content/missing.png)",
            "content/a.md:5: the lead image has no `credit` (and the photo carries none): add `credit: Photographer | Agency` under `image:` (or set `require_credits: false` in site.yaml)",
            "content/a.md:6: front matter uses a tab for indentation at line 6: YAML needs spaces",
            "content/b.md:4: the lead image has no `credit` (and the photo carries none): add `credit: Photographer | Agency` under `image:` (or set `require_credits: false` in site.yaml)",
            "content/b.md:7: unknown key `credits` under `image:`: did you mean `credit`? Known keys there: src, alt, caption, credit, focus",
            "content/b.md:10: unknown key `link` under `read_more:`: Known keys there: title, url",
        ]
    );
}

/// YAML that does not parse at all says what it can: every tab, an error away from them, and
/// the traps that are only warnings (a `#hashtag` cut off), in the same run.
#[test]
fn unreadable_front_matter_still_lists_every_tab_and_its_warnings() {
    let site = Site::new().article(
        "a.md",
        "title: A\ndate: 2026-05-01\ndek: Why it matters #Riverton\ntags:\n\t- a\n\t- b\nslug: ok\ncount: many\n",
        "Body.\n",
    );
    let built = site.stakes_here(&["build"]);
    assert_eq!(
        built.errors(),
        [
            "content/a.md:6: front matter uses a tab for indentation at line 6: YAML needs spaces",
            "content/a.md:7: front matter uses a tab for indentation at line 7: YAML needs spaces",
            "content/a.md:9:8: invalid front matter: count: invalid type: string \"many\", expected a whole number (0, 1, 2 …)",
        ]
    );
    assert_eq!(
        built.warnings(),
        ["content/a.md:4: `dek` is cut before `#Riverton`: YAML reads ` #` as the start of a comment. Put the whole value in quotes to keep it: dek: \"Why it matters #Riverton\""]
    );
}

/// The trial: a script link in `image.caption` was reported at the `image:` line.
#[test]
fn a_script_link_in_the_lead_caption_is_reported_at_the_caption_line() {
    let site = Site::new().png("content/photo.png", 4, 4).article(
        "a.md",
        "title: A\ndate: 2026-05-01\nimage:\n  src: photo.png\n  alt: A photo\n  credit: Jane Roe\n  caption: See [this](javascript:alert(1)).\n",
        "Body.\n",
    );
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        ["content/a.md:8: `image.caption`: link to `javascript:alert(1)` is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead"]
    );
}

/// The same reading applies to `site.yaml` and `_index.md`: every unknown key at once, and
/// `extra:` suggested only where it exists.
#[test]
fn every_unknown_key_of_site_yaml_is_reported_at_once() {
    let site = Site::new()
        .file(
            "site.yaml",
            "titel: Test\nbase_url: https://news.example/\nimages:\n  widths: [480]\n  qualty: 80\n",
        )
        .article("a.md", BASIC_FRONT, "Body.\n");
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        [
            "site.yaml:1: unknown key `titel`: did you mean `title`? Known keys: title, base_url, language, languages, description, authors, publisher, per_page, require_credits, unsafe_html, date_format, datetime_format, timezone, expired, news_sitemap, feed_limit, search, related, favicon, count_label, slugs, images, ignore, extra. Put custom data under `extra:`",
            "site.yaml:5: unknown key `qualty` under `images:`: Known keys there: widths, jpeg_quality, webp_quality, process, cache",
        ]
    );
}
