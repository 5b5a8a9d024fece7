//! The explainer structure: intro, numbered sections, figures, pull quotes, the count check and
//! escaping.

use crate::support::*;

#[test]
fn intro_then_numbered_sections_with_anchors_and_a_table_of_contents() {
    let body = "Intro paragraph.\n\n## Ceasefire\n\nOne.\n\n### Detail\n\nDeep.\n\n## Europe’s security {#security}\n\nTwo.\n\n## What next {.unnumbered}\n\nLater.\n";
    let site = Site::new().article(
        "world/summit.md",
        "title: Two things at stake at the summit\ndate: 2026-05-01\n",
        body,
    );
    let page = site.build().ok().html("world/summit/index.html");
    assert_eq!(page.text(".intro"), "Intro paragraph.");
    let stakes = page.all("article.explainer section.stake");
    assert_eq!(stakes.len(), 2);
    assert_eq!(stakes[0].value().attr("id"), Some("ceasefire"));
    assert_eq!(stakes[1].value().attr("id"), Some("security"));
    assert_eq!(
        page.texts("section.stake h2 > span.stake-number:first-child"),
        vec!["1", "2"]
    );
    assert_eq!(
        page.texts("section.stake > h2"),
        vec!["1 Ceasefire", "2 Europe’s security"]
    );
    assert_eq!(page.attr("section.stake h3", "id"), "detail");
    assert_eq!(page.text("section.section > h2"), "What next");
    assert_eq!(page.attr("section.section", "id"), "what-next");
    let toc: Vec<_> = page
        .all("nav.stakes-toc ol li a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(toc, vec!["#ceasefire", "#security"]);
    assert_eq!(page.text("nav.stakes-toc h2"), "Two things at stake");
}

#[test]
fn slugs_transliterate_headings_and_file_names() {
    let site = Site::new().article(
        "Europe’s Security Summit.md",
        "title: Summit\ndate: 2026-05-01\n",
        "## Kyiv’s winter\n\nText\n",
    );
    let built = site.build().ok();
    let page = built.html("europes-security-summit/index.html");
    assert_eq!(page.attr("section.stake", "id"), "kyivs-winter");
}

#[test]
fn the_count_promised_by_the_title_must_match_the_numbered_sections() {
    let body = "## Ceasefire\n\nA\n\n## Sanctions\n\nB\n\n## Energy\n\nC\n\n## Europe’s security\n\nD\n\n## Next {.unnumbered}\n\nE\n";
    let site = Site::new().article(
        "world/summit.md",
        "date: 2026-05-01\ntitle: Five things at stake at the summit\n",
        body,
    );
    let errors = site.build().errors();
    assert_eq!(
        errors,
        vec!["content/world/summit.md:3: the title (“Five things at stake”) promises 5 things but the body has 4 numbered sections (Ceasefire, Sanctions, Energy, Europe’s security): add or remove a `## ` section, mark extra ones `{.unnumbered}`, or set `count:`"]
    );
    assert!(
        !site.root().join("public").exists(),
        "nothing is written on error"
    );

    let digits = Site::new().article(
        "a.md",
        "title: 4 questions about the summit\ndate: 2026-05-01\n",
        body,
    );
    digits.build().ok();
    let too_many = Site::new().article("a.md", "title: Three big risks\ndate: 2026-05-01\n", body);
    assert!(too_many.build().errors()[0].contains("promises 3 things but the body has 4"));
}

#[test]
fn titles_without_a_number_are_not_checked() {
    let site = Site::new().article(
        "a.md",
        "title: What the 2026 summit means\ndate: 2026-05-01\n",
        "## Only one\n\nA\n",
    );
    let page = site.build().ok().html("a/index.html");
    assert_eq!(page.all("section.stake").len(), 1);
}

#[test]
fn figures_with_caption_credit_and_alt_use_one_partial() {
    let body = "Intro.\n\n![Ruins at dawn](ruins.png)\nThe ruins of *Chasiv Yar*.\nCredit: Libkos   |Getty Images News|  Getty Images\n\n## One\n\n![Only credit](ruins.png)\ncredit: A | B\n";
    let site = Site::new()
        .png("content/world/ruins.png", 4, 3)
        .png("content/world/lead.png", 4, 3)
        .article("world/a.md", "title: A\ndate: 2026-05-01\nimage: {src: lead.png, alt: Lead, caption: Cap, credit: 'X |Y'}\n", body);
    let page = site.build().ok().html("world/a/index.html");
    let figures = page.all("figure.figure");
    assert_eq!(figures.len(), 3, "lead and two inline figures");
    assert_eq!(page.all("figure.figure.figure--lead").len(), 1);
    for figure in &figures {
        let img = figure
            .select(&Selector::parse("img").unwrap())
            .next()
            .expect("img");
        assert!(img.value().attr("alt").is_some_and(|a| !a.is_empty()));
        assert!(figure
            .select(&Selector::parse("figcaption > span.credit").unwrap())
            .next()
            .is_some());
    }
    let credits = page.texts("figure.figure .credit");
    assert_eq!(
        credits,
        vec![
            "Credit: X | Y",
            "Credit: Libkos | Getty Images News | Getty Images",
            "Credit: A | B"
        ]
    );
    let captions = page.all("figure.figure .caption");
    assert_eq!(
        captions.len(),
        2,
        "the credit-only figure has no caption span"
    );
    assert_eq!(
        captions[1].inner_html(),
        "The ruins of <em>Chasiv Yar</em>."
    );
    assert_eq!(page.attr("section.stake figure img", "loading"), "lazy");
    assert_eq!(
        page.attr("figure.figure--lead img", "fetchpriority"),
        "high"
    );
}

#[test]
fn figures_without_alt_or_credit_or_file_are_errors_with_lines() {
    let body = "![](a.png)\nCaption\nCredit: X\n\n![Alt](a.png)\nNo credit here\n\n![Alt](nope.png)\nCredit: X\n";
    let site = Site::new()
        .png("content/a.png", 2, 2)
        .article("a.md", BASIC_FRONT, body);
    let errors = site.build().errors();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(
        errors[0].starts_with("content/a.md:5: image `a.png` has no alt text"),
        "{}",
        errors[0]
    );
    assert!(
        errors[1].starts_with("content/a.md:9: figure `a.png` has no credit"),
        "{}",
        errors[1]
    );
    assert!(
        errors[2].starts_with("content/a.md:12: image `nope.png` does not exist"),
        "{}",
        errors[2]
    );

    let relaxed = Site::new()
        .file(
            "site.yaml",
            "base_url: https://news.example/\nrequire_credits: false\n",
        )
        .png("content/a.png", 2, 2)
        .article("a.md", BASIC_FRONT, "![Alt](a.png)\nJust a caption\n");
    let page = relaxed.build().ok().html("a/index.html");
    assert!(page.all("figure.figure .credit").is_empty());
}

#[test]
fn an_address_with_a_space_is_an_error_not_markdown_published_as_typed() {
    let body = "Intro.\n\n![Dock workers](dock workers.jpg)\nWorkers at the gate.\nCredit: Ann Lee | AP\n\nSee [the report](https://example.org/a report) and `[code](a b)`.\n";
    let site = Site::new().png("content/a/dock workers.jpg", 4, 3).article(
        "a/index.md",
        BASIC_FRONT,
        body,
    );
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            "content/a/index.md:7: image `dock workers.jpg` is not read as an image because its path has a space (the page would show the Markdown as typed): rename the file without spaces, or write the path as `<dock workers.jpg>`".to_string(),
            "content/a/index.md:11: link to `https://example.org/a report` is not read as a link because its address has a space (the page would show the Markdown as typed): write the space as `%20`, or the address as `<https://example.org/a report>`".to_string(),
        ]
    );

    // The fix the message gives works: the photo is a figure, published under an encoded URL.
    let fixed = site.article(
        "a/index.md",
        BASIC_FRONT,
        "Intro.\n\n![Dock workers](<dock workers.jpg>)\nWorkers at the gate.\nCredit: Ann Lee | AP\n",
    );
    let built = fixed.stakes_here(&["build", "--no-image-processing"]).ok();
    let page = built.html("a/index.html");
    assert_eq!(page.attr("figure img", "src"), "/a/dock%20workers.jpg");
    assert!(built.exists("a/dock workers.jpg"));
}

#[test]
fn a_credit_written_under_another_label_gets_told_how_to_write_it() {
    let body = "![Dock](a.png)\nWorkers at the gate.\nPhoto: Bob Smith/Reuters\n\n![Gate](a.png)\nThe gate.\nPhoto by Bob Smith\n";
    let site = Site::new()
        .png("content/a.png", 2, 2)
        .article("a.md", BASIC_FRONT, body);
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            "content/a.md:5: figure `a.png` has no credit (and the photo carries none): its last line starts `Photo:`, but only a line starting `Credit:` is read as the credit: write `Credit: Photographer | Agency` (or set `require_credits: false` in site.yaml)".to_string(),
            "content/a.md:9: figure `a.png` has no credit (and the photo carries none): add a last line `Credit: Photographer | Agency` under its caption (or set `require_credits: false` in site.yaml)".to_string(),
        ]
    );
}

#[test]
fn root_relative_images_come_from_static() {
    let site = Site::new().png("static/images/map.png", 3, 3).article(
        "a.md",
        BASIC_FRONT,
        "![Map](/images/map.png)\nCredit: Desk\n",
    );
    let built = site.build().ok();
    let src = built.html("a/index.html").attr("figure img", "src");
    assert!(
        src.starts_with("/images/map.3.") && src.ends_with(".png"),
        "{src}"
    );
    assert!(built.exists(src.trim_start_matches('/')));
    assert!(built.exists("images/map.png"), "static/ is copied as it is");
}

#[test]
fn blockquotes_ending_with_a_dash_line_are_pull_quotes() {
    let body = "> We will not back down.\n>\n> — Jane Doe, union leader\n\n> An ordinary quotation.\n\n> Two dashes work too.\n>\n> -- Sam Roe\n";
    let site = Site::new().article("a.md", BASIC_FRONT, body);
    let page = site.build().ok().html("a/index.html");
    let quotes = page.all("figure.quote");
    assert_eq!(quotes.len(), 2);
    assert_eq!(
        page.texts("figure.quote > blockquote"),
        vec!["We will not back down.", "Two dashes work too."]
    );
    assert_eq!(
        page.texts("figure.quote > figcaption.attribution"),
        vec!["Jane Doe, union leader", "Sam Roe"]
    );
    assert_eq!(
        page.all("blockquote").len(),
        3,
        "the plain blockquote stays a blockquote"
    );
}

#[test]
fn script_in_title_caption_and_credit_is_escaped() {
    let front = "title: \"Vote </script><script>alert(1)</script>\"\ndate: 2026-05-01\ndek: \"<b>bold</b>\"\nimage: {src: a.png, alt: '\"><script>x</script>', caption: '<script>alert(2)</script>', credit: '<script>alert(3)</script>'}\n";
    let body =
        "![Alt](a.png)\nCaption <script>alert(4)</script>\nCredit: <img src=x onerror=alert(5)>\n";
    let site = Site::new()
        .png("content/a.png", 2, 2)
        .article("a.md", front, body);
    let built = site.build().ok();
    let page = built.html("a/index.html");
    assert_eq!(
        page.all("script").len(),
        1,
        "only the JSON-LD script element exists"
    );
    assert_eq!(page.all("img[onerror]").len(), 0);
    assert_eq!(
        page.text("h1.headline"),
        "Vote </script><script>alert(1)</script>"
    );
    assert_eq!(page.text("p.dek"), "<b>bold</b>");
    assert_eq!(
        page.texts("figure .caption"),
        vec![
            "<script>alert(2)</script>",
            "Caption <script>alert(4)</script>"
        ]
    );
    assert_eq!(
        page.texts("figure .credit"),
        vec![
            "Credit: <script>alert(3)</script>",
            "Credit: <img src=x onerror=alert(5)>"
        ]
    );
    let json: serde_json::Value =
        serde_json::from_str(&page.one("script[type='application/ld+json']").inner_html()).unwrap();
    assert_eq!(json["headline"], "Vote </script><script>alert(1)</script>");
}

#[test]
fn raw_html_in_the_body_passes_through_but_script_urls_do_not() {
    let site = Site::new().article(
        "a.md",
        BASIC_FRONT,
        "<div class=\"chart\" data-src=\"x\"></div>\n\nText\n",
    );
    let page = site.build().ok().html("a/index.html");
    assert_eq!(page.attr("div.chart", "data-src"), "x");
    let bad = Site::new().article(
        "a.md",
        BASIC_FRONT,
        "Intro\n\n[click](javascript:alert(1))\n",
    );
    let errors = bad.build().errors();
    assert_eq!(
        errors,
        vec!["content/a.md:7: link to `javascript:alert(1)` is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead"]
    );
}

/// The #16 new-producer trial: `<a href="javascript:…">` pasted as raw HTML was published while
/// the same link in Markdown was refused. Script elements stay allowed (embeds need them).
#[test]
fn script_urls_in_raw_html_are_refused_at_their_lines_and_embeds_still_pass() {
    let body = "Intro with <a href=\"javascript:alert(1)\">a pasted link</a>.\n\n\
                <div class=\"embed\">\n<script src=\"https://charts.example/embed.js\"></script>\n\
                <a\n  title=\"map\"\n  href=\"JaVaScRiPt&#58;steal()\">map</a>\n</div>\n\n\
                <form action=vbscript:x></form>\n";
    let site = Site::new().article("a.md", BASIC_FRONT, body);
    let refused = |line: usize, attribute: &str, url: &str| {
        format!("content/a.md:{line}: raw HTML `{attribute}=\"{url}\"` is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead")
    };
    assert_eq!(
        site.stakes_here(&["build"]).errors(),
        vec![
            refused(5, "href", "javascript:alert(1)"),
            refused(11, "href", "JaVaScRiPt:steal()"),
            refused(14, "action", "vbscript:x"),
        ]
    );
    let embed = Site::new().article(
        "a.md",
        BASIC_FRONT,
        "<div class=\"embed\">\n<script src=\"https://charts.example/embed.js\"></script>\n</div>\n",
    );
    let page = embed.stakes_here(&["build"]).ok().html("a/index.html");
    assert_eq!(
        page.attr("div.embed script", "src"),
        "https://charts.example/embed.js"
    );
}

#[test]
fn raw_html_is_sanitised_when_unsafe_html_is_off() {
    let site = Site::new()
        .file("site.yaml", "base_url: https://news.example/\nunsafe_html: false\n")
        .article("a.md", BASIC_FRONT, "<div class=\"chart\" onmouseover=\"steal()\">Chart<script>alert(1)</script></div>\n\nText <img src=\"x.png\" onerror=\"alert(2)\" alt=\"x\">\n");
    let page = site.build().ok().html("a/index.html");
    assert_eq!(page.text("div.chart"), "Chart");
    assert!(page.one("div.chart").value().attr("onmouseover").is_none());
    assert_eq!(page.all("script").len(), 1, "only the JSON-LD");
    assert!(page.all("img[onerror]").is_empty());
}

#[test]
fn markdown_extensions_and_footnotes() {
    let body = "A claim.[^src] ~~old~~ \"quoted\" -- dash\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n[^src]: The source.\n";
    let site = Site::new().article("a.md", BASIC_FRONT, body);
    let page = site.build().ok().html("a/index.html");
    assert_eq!(page.all("table td").len(), 2);
    assert_eq!(page.text("del"), "old");
    assert!(page.text(".intro p").contains("“quoted” – dash"));
    assert_eq!(page.attr("sup.footnote-ref a", "href"), "#fn-src");
    assert_eq!(page.attr("section.footnotes li", "id"), "fn-src");
    assert_eq!(
        page.attr("section.footnotes li a.footnote-backref", "href"),
        "#fnref-src"
    );
}

#[test]
fn content_links_resolve_and_broken_ones_are_errors() {
    let site = Site::new()
        .article(
            "world/target.md",
            "title: Target\ndate: 2026-05-01\nslug: moved\n",
            "## Point\n\nX\n",
        )
        .article(
            "a.md",
            BASIC_FRONT,
            "See [it](@/world/target.md#point) and [home](/tags/).\n",
        );
    let page = site.build().ok().html("a/index.html");
    let links: Vec<_> = page
        .all(".intro a")
        .iter()
        .map(|a| a.value().attr("href").unwrap().to_string())
        .collect();
    assert_eq!(links, vec!["/world/moved/#point", "/tags/"]);
    let broken = Site::new().article("a.md", BASIC_FRONT, "See [it](@/nope.md).\n");
    assert_eq!(
        broken.build().errors(),
        vec!["content/a.md:5: link `@/nope.md`: there is no content/nope.md (or it is a draft)"]
    );
}

#[test]
fn issue16_reading_time_counts_words_not_punctuation_events() {
    // Ten words, five of which smart punctuation or inline markup once split into several
    // (`It’s` was three words, `AT&T’s` five): 230 sentences are 2,300 words, 10 minutes.
    let sentence = "It's the council's plan, and don't forget AT&T's *big* bid. ";
    let paragraphs: Vec<String> = (0..23).map(|_| sentence.repeat(10)).collect();
    let site = Site::new().article("a.md", BASIC_FRONT, &paragraphs.join("\n\n"));
    let built = site.stakes_here(&["build"]).ok();
    let page = built.html("a/index.html");
    assert_eq!(page.text("span.reading-time"), "10 min read");
}

#[test]
fn issue16_the_contents_heading_and_cards_use_the_noun_the_title_counts() {
    let three = "## One\n\nA\n\n## Two\n\nB\n\n## Three\n\nC\n";
    let site = Site::new()
        .file(
            "site.yaml",
            "title: Test Site\nbase_url: https://news.example/\ncount_label: reasons to care\n",
        )
        .article(
            "vote.md",
            "title: Three questions about the vote\ndate: 2026-05-03\n",
            three,
        )
        .article(
            "bank.md",
            "title: 3 Big Risks for the Central Bank\ndate: 2026-05-02\n",
            three,
        )
        .article(
            "summit.md",
            "title: What the summit means for Europe\ndate: 2026-05-01\n",
            three,
        );
    let built = site.stakes_here(&["build"]).ok();
    let toc = |path: &str| built.html(path).text("nav.stakes-toc h2");
    assert_eq!(toc("vote/index.html"), "Three questions");
    assert_eq!(toc("bank/index.html"), "Three Big Risks");
    assert_eq!(toc("summit/index.html"), "Three reasons to care");
    assert_eq!(
        built.html("index.html").texts(".card-meta"),
        vec![
            "3 May 2026 · Three questions",
            "2 May 2026 · Three Big Risks",
            "1 May 2026 · Three reasons to care"
        ]
    );
    let default = Site::new().article(
        "summit.md",
        "title: What the summit means for Europe\ndate: 2026-05-01\n",
        three,
    );
    let built = default.stakes_here(&["build"]).ok();
    assert_eq!(
        built.html("summit/index.html").text("nav.stakes-toc h2"),
        "Three things at stake"
    );
    let empty = Site::new().file("site.yaml", "count_label: \"\"\n");
    assert_eq!(
        empty.stakes_here(&["build"]).errors(),
        vec!["site.yaml:1: `count_label` is empty: write what the numbered sections are, e.g. \"things at stake\""]
    );
}

#[test]
fn issue16_a_quote_attributed_with_a_hyphen_warns_with_file_and_line() {
    let site = Site::new().article(
        "a.md",
        BASIC_FRONT,
        "Intro\n\n> We will not back down.\n>\n> - Jane Doe, union leader\n\n> Kept.\n>\n> — Ann Lee\n",
    );
    let built = site.stakes_here(&["build"]).ok();
    let warnings: Vec<String> = built
        .stderr()
        .lines()
        .filter_map(|l| l.strip_prefix("warning: "))
        .map(str::to_string)
        .collect();
    assert_eq!(
        warnings,
        vec!["content/a.md:9: the quote's last line `- Jane Doe, union leader` is read as a list, so the quote has no attribution: start the line with an em dash instead (`— Jane Doe, union leader`)"]
    );
    let page = built.html("a/index.html");
    assert_eq!(page.texts("figcaption.attribution"), vec!["Ann Lee"]);
}
