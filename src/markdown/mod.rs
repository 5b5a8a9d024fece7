//! Markdown to the explainer structure. Pure: a body string and a [`Resolve`] for URLs in, an
//! intro, numbered sections, figures, pull quotes and footnotes out, with problems reported at
//! lines of the file. Templates then render the structure, so a theme controls how every figure
//! and quote looks.
//!
//! This file is the API: [`Resolve`], [`Problem`] and [`Renderer`], the one checked way Markdown
//! becomes HTML; the model, the event walk, the safety checks and the text counting live in the
//! files below. It must not read files or know templates, and nothing outside this folder may
//! render Markdown any other way.

mod convert;
mod model;
mod sanitise;
pub(crate) mod skeleton;
mod text;

use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

use convert::{Converter, Spanned};
use sanitise::Checked;

pub(crate) use convert::odd_space_name;
pub use model::{
    normalise_credit, Block, Body, Crop, Figure, Footnote, ImageSource, InlineImage, LocalImage,
    Section,
};
pub use sanitise::is_script_url;
pub(crate) use text::count_newlines;

/// Turns URLs written in the body into the URLs we publish, and says why one is wrong.
pub trait Resolve {
    /// The published URL of an image written as `src` (with the local file behind it, if any),
    /// or why it cannot be used.
    fn image(&self, src: &str) -> Result<(String, Option<LocalImage>), String>;
    /// The published URL of a link written as `dest` (`@/…` and root-relative links are
    /// rewritten), or why it cannot be used.
    fn link(&self, dest: &str) -> Result<String, String>;
    /// What the writer should hear about a link written as `dest` besides its URL: that its
    /// article was removed when it expired (the link is then shown as its text), or will be.
    /// Asked before [`Resolve::link`]; none by default.
    fn notice(&self, _dest: &str) -> Option<LinkNotice> {
        None
    }
}

/// A link whose article is, or will be, removed at its expiry (`expired: remove`, the trial
/// of #18): a warning, never an error, so one expired article does not stop the unattended
/// rebuild that publishes everything else.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkNotice {
    /// Removed: the link is shown as its text, with this warning.
    Dropped(String),
    /// Still published, removed at its expiry: this warning, the link kept.
    Expiring(String),
}

/// A problem found in the body, at a line of the file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// Line of the file.
    pub line: usize,
    /// What is wrong and how to fix it.
    pub message: String,
}

/// Ids the default theme uses itself, so headings never collide with them.
const RESERVED_IDS: [&str; 5] = ["main", "top", "contents", "footnotes", "read-more"];

/// The one way Markdown becomes HTML in stakes. Every piece a writer gives us — an article
/// body, a figure's caption (inline, from an image title, or from front matter), a section's
/// `_index.md` introduction — is rendered by one of its three methods, and every event of every
/// piece goes through the same checks before it becomes HTML:
///
/// - links and images are resolved by the [`Resolve`] given here (`@/` content links,
///   root-relative links under the base path, images that must exist), so a wrong one is a
///   [`Problem`] at its line;
/// - script URLs are refused in links and images however they are spelled, and so are
///   `data:` URLs other than images (see [`is_script_url`]);
/// - raw HTML goes through the `ammonia` sanitiser when the site sets `unsafe_html: false`
///   (and is shown as text in captions, always).
///
/// Nothing else in stakes turns Markdown into HTML: the renderer of pulldown-cmark is called in
/// one private function of this folder (`sanitise::to_html`), which only takes events these
/// checks produced, and `clippy.toml` refuses a call anywhere else.
pub struct Renderer<'r> {
    resolver: &'r dyn Resolve,
    sanitize_html: bool,
    /// Whether bodies keep their plain text for the search index (issue #20); without search
    /// the copy is skipped.
    keep_text: bool,
    /// The site language's word for a photo's credit line (`Crédit`, `Foto`), read beside
    /// `Credit:` (issue #21).
    credit_label: Option<&'r str>,
}

impl<'r> Renderer<'r> {
    /// A renderer resolving URLs with `resolver`; with `sanitize_html`, raw HTML the writer
    /// typed is cleaned (scripts, event handlers and dangerous URLs removed).
    pub fn new(resolver: &'r dyn Resolve, sanitize_html: bool) -> Renderer<'r> {
        Renderer {
            resolver,
            sanitize_html,
            keep_text: true,
            credit_label: None,
        }
    }

    /// The same renderer, reading `label:` (the site language's word, `Crédit :`) as a credit
    /// line beside `Credit:`.
    pub fn crediting_with(mut self, label: Option<&'r str>) -> Renderer<'r> {
        self.credit_label = label;
        self
    }

    /// The same renderer, keeping plain text only if `keep` (see `Body::intro_text`).
    pub fn keeping_text(mut self, keep: bool) -> Renderer<'r> {
        self.keep_text = keep;
        self
    }

    /// An article body that starts on line `first_line` of its file: intro, numbered
    /// sections, figures, pull quotes and footnotes, with problems at lines of the file.
    pub fn body(&self, markdown: &str, first_line: usize) -> (Body, Vec<Problem>) {
        // Explainers average one event per ~60 bytes of Markdown: sized once instead of grown.
        let mut events: Vec<Spanned<'_>> = Vec::with_capacity(markdown.len() / 48 + 16);
        events.extend(Parser::new_ext(markdown, article_options()).into_offset_iter());
        let mut converter = Converter::new(markdown, first_line, self);
        converter.convert(&mut events);
        let mut body = converter.body;
        converter.footnotes.sort_by_key(|f| f.number);
        body.footnotes = converter.footnotes;
        (body, converter.problems)
    }

    /// A whole document without the article structure (a section's `_index.md`
    /// introduction), starting on line `first_line` of its file.
    pub fn document(&self, markdown: &str, first_line: usize) -> (String, Vec<Problem>) {
        // No footnotes: a listing page has no notes section for them to land in.
        let options = article_options() - Options::ENABLE_FOOTNOTES;
        let mut events: Vec<Spanned<'_>> = Parser::new_ext(markdown, options)
            .into_offset_iter()
            .collect();
        let mut converter = Converter::new(markdown, first_line, self);
        let mut checked = Checked::default();
        converter.transform(&mut events, &mut checked);
        (converter.html(&mut checked), converter.problems)
    }

    /// A short piece of inline Markdown written on line `line` (a caption from front matter).
    /// Raw HTML is shown as text: captions are text, and `<script>` in one must show as such.
    pub fn inline(&self, markdown: &str, line: usize) -> (String, Vec<Problem>) {
        let piece = self.inline_counted(markdown, line);
        (piece.html, piece.problems)
    }

    /// [`Renderer::inline`], with the images the text shows, for the article to check like
    /// any other (issue #16: no image escapes the photo checks).
    pub fn inline_with_images(&self, markdown: &str, line: usize) -> InlinePiece {
        self.inline_counted(markdown, line)
    }

    /// [`Renderer::inline`], with the number of words of the text and its images.
    fn inline_counted(&self, markdown: &str, line: usize) -> InlinePiece {
        // All on the one line: an offset of 0 is reported there, whatever the text holds.
        let mut events: Vec<Spanned<'_>> = Parser::new_ext(markdown, inline_options())
            .filter(|e| {
                !matches!(
                    e,
                    Event::Start(Tag::Paragraph) | Event::End(TagEnd::Paragraph)
                )
            })
            .map(|e| (e, 0..0))
            .collect();
        let mut converter = Converter::new(markdown, line, self);
        let mut checked = Checked::default();
        converter.transform(&mut events, &mut checked);
        checked.escape_raw_html();
        let html = converter.html(&mut checked).trim().to_string();
        InlinePiece {
            html,
            text: converter.text,
            words: converter.body.word_count,
            problems: converter.problems,
            images: converter.body.inline_images,
            warnings: converter.body.warnings,
        }
    }
}

/// A rendered piece of inline Markdown and what was found in it.
pub struct InlinePiece {
    /// The HTML.
    pub html: String,
    /// The text as plain words, for the search index (issue #20).
    pub text: String,
    words: usize,
    /// Its errors.
    pub problems: Vec<Problem>,
    /// The images it shows.
    pub images: Vec<InlineImage>,
    /// What does not stop a build (a link to a removed article).
    pub warnings: Vec<Problem>,
}

/// How many numbered sections an article body has (its top-level `## ` headings not marked
/// `{.unnumbered}`), without converting it: what a related card needs of an article whose
/// title promises no number (issue #19). Agrees with [`Body::numbered_count`] of the converted
/// body; a property test says so.
pub fn numbered_sections(markdown: &str) -> u32 {
    let mut depth = 0usize;
    let mut count = 0;
    for event in Parser::new_ext(markdown, article_options()) {
        match event {
            Event::Start(tag) => {
                if depth == 0 {
                    if let Tag::Heading {
                        level: pulldown_cmark::HeadingLevel::H2,
                        classes,
                        ..
                    } = &tag
                    {
                        count += u32::from(!classes.iter().any(|c| c.as_ref() == "unnumbered"));
                    }
                }
                depth += 1;
            }
            Event::End(_) => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    count
}

fn article_options() -> Options {
    Options::ENABLE_TABLES
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_SMART_PUNCTUATION
        | Options::ENABLE_HEADING_ATTRIBUTES
}

fn inline_options() -> Options {
    Options::ENABLE_SMART_PUNCTUATION | Options::ENABLE_STRIKETHROUGH
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Fixed;

    impl Resolve for Fixed {
        fn image(&self, src: &str) -> Result<(String, Option<LocalImage>), String> {
            if src.contains("missing") {
                Err(format!("image `{src}` does not exist"))
            } else {
                Ok((format!("/img/{src}"), None))
            }
        }
        fn link(&self, dest: &str) -> Result<String, String> {
            Ok(dest.to_string())
        }
    }

    fn parse(markdown: &str) -> (Body, Vec<Problem>) {
        parse_body(markdown, 10, &Fixed, false)
    }

    pub(super) fn parse_body(
        markdown: &str,
        first_line: usize,
        resolver: &dyn Resolve,
        sanitize_html: bool,
    ) -> (Body, Vec<Problem>) {
        Renderer::new(resolver, sanitize_html).body(markdown, first_line)
    }

    #[test]
    fn a_no_break_space_after_hashes_is_a_problem_at_its_line() {
        let text = "Intro\n##\u{a0}Joined to the intro\n\n## Real\n\n###\u{202f}Sub\n\n\
                    - ##\u{a0}in a list\n\n```\n##\u{a0}in code\n```\n\nRanked\u{a0}#\u{a0}1\n";
        let (body, problems) = parse(text);
        assert_eq!(body.numbered_count(), 1);
        let found: Vec<(usize, &str)> = problems
            .iter()
            .map(|p| (p.line, p.message.as_str()))
            .collect();
        assert_eq!(
            found,
            vec![
                (11, "a non-breaking space (U+00A0) after `##`: use a plain space (as written, this line is published as text, not as a numbered section)"),
                (15, "a narrow non-breaking space (U+202F) after `###`: use a plain space (as written, this line is published as text, not as a heading)"),
            ]
        );
    }

    #[test]
    fn raw_html_is_sanitised_when_the_site_asks() {
        let markdown = "<div class=\"chart\" onclick=\"x()\"><script>alert(1)</script><b>Kept</b></div>\n\n## A <img src=x onerror=y>\n";
        let (body, _) = parse_body(markdown, 1, &Fixed, true);
        let Block::Html { html } = &body.intro[0] else {
            panic!()
        };
        assert!(
            html.contains("<div class=\"chart\"><b>Kept</b></div>"),
            "{html}"
        );
        assert!(!html.contains("script") && !html.contains("onclick"));
        assert!(!body.sections[0].title_html.contains("onerror"));
        let (raw, _) = parse_body(markdown, 1, &Fixed, false);
        let Block::Html { html } = &raw.intro[0] else {
            panic!()
        };
        assert!(html.contains("<script>"), "passes through by default");
    }

    #[test]
    fn intro_is_everything_before_the_first_h2_and_sections_are_numbered() {
        let (body, problems) =
            parse("Intro one. Two.\n\n## Ceasefire\n\nA\n\n### Detail\n\nB\n\n## Sanctions\n\nC\n");
        assert!(problems.is_empty());
        assert_eq!(body.intro.len(), 1);
        assert_eq!(body.first_sentence, "Intro one.");
        let numbers: Vec<_> = body.sections.iter().map(|s| s.number).collect();
        assert_eq!(numbers, vec![Some(1), Some(2)]);
        assert_eq!(body.sections[0].id, "ceasefire");
        assert_eq!(body.sections[0].line, 12);
        let Block::Html { html } = &body.sections[0].blocks[0] else {
            panic!()
        };
        assert!(html.contains("<h3 id=\"detail\">Detail</h3>"), "{html}");
    }

    #[test]
    fn unnumbered_sections_and_custom_ids() {
        let (body, _) =
            parse("## One {#first}\n\n## What next {.unnumbered}\n\n## Two\n\n## Two\n");
        let got: Vec<_> = body
            .sections
            .iter()
            .map(|s| (s.number, s.id.as_str()))
            .collect();
        assert_eq!(
            got,
            vec![
                (Some(1), "first"),
                (None, "what-next"),
                (Some(2), "two"),
                (Some(3), "two-1")
            ]
        );
        assert_eq!(body.numbered_count(), 3);
    }

    #[test]
    fn a_paragraph_starting_with_an_image_is_a_figure_with_caption_and_credit() {
        let (body, problems) = parse("![Ruins at dawn](ruins.jpg)\nThe city of *Chasiv Yar*.\ncredit:  Libkos |Getty Images News|Getty Images\n");
        assert!(problems.is_empty());
        let Block::Figure(figure) = &body.intro[0] else {
            panic!("{:?}", body.intro)
        };
        assert_eq!(figure.src, "/img/ruins.jpg");
        assert_eq!(figure.alt, "Ruins at dawn");
        assert_eq!(
            figure.caption_html.as_deref(),
            Some("The city of <em>Chasiv Yar</em>.")
        );
        assert_eq!(
            figure.credit.as_deref(),
            Some("Libkos | Getty Images News | Getty Images")
        );
        assert_eq!(figure.line, 10);
    }

    #[test]
    fn figures_without_caption_or_credit_and_missing_alt() {
        let (body, problems) = parse("![](bare.jpg)\n");
        let Block::Figure(figure) = &body.intro[0] else {
            panic!()
        };
        assert_eq!(figure.caption_html, None);
        assert_eq!(figure.credit, None);
        // A figure's alt may come from its photo: the article checks it after the photos.
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(figure.alt, "");
        // An image inside text has no photo metadata to fall back on.
        let (_, problems) = parse("Text ![](inline.jpg) more.\n");
        assert_eq!(problems.len(), 1);
        assert!(problems[0].message.contains("has no alt text"));
        let (body, _) = parse("![Alt](a.jpg)\nCredit: Only Credit\n");
        let Block::Figure(figure) = &body.intro[0] else {
            panic!()
        };
        assert_eq!(figure.caption_html, None);
        assert_eq!(figure.credit.as_deref(), Some("Only Credit"));
    }

    #[test]
    fn raw_html_in_captions_is_escaped() {
        let (body, _) = parse("![A](a.jpg)\nBad <script>alert(1)</script> caption\nCredit: X\n");
        let Block::Figure(figure) = &body.intro[0] else {
            panic!()
        };
        let caption = figure.caption_html.as_deref().unwrap();
        assert!(caption.contains("&lt;script&gt;"), "{caption}");
        assert!(!caption.contains("<script>"));
    }

    #[test]
    fn issue20_plain_text_is_kept_for_search() {
        let (body, _) = parse(
            "The **intro** with `code`.\n\n## Oil prices\n\nSanctions\nbite.\n\n\
             ![A ship](ship.jpg)\nA *tanker* at sea.\nCredit: Getty\n\n\
             > Never.\n>\n> — Ann Lee\n",
        );
        assert_eq!(
            body.intro_text.split_whitespace().collect::<Vec<_>>(),
            ["The", "intro", "with", "code."]
        );
        let section = &body.sections[0];
        assert!(
            !section.text.contains("Oil"),
            "the heading is not text: {:?}",
            section.text
        );
        assert!(
            section.text.contains("Sanctions bite."),
            "{:?}",
            section.text
        );
        let Block::Figure(figure) = &section.blocks[1] else {
            panic!("{:?}", section.blocks)
        };
        assert_eq!(figure.caption_text, "A tanker at sea.");
        let Block::Quote { text, .. } = &section.blocks[2] else {
            panic!("{:?}", section.blocks)
        };
        assert_eq!(
            text.split_whitespace().collect::<Vec<_>>(),
            ["Never.", "Ann", "Lee"]
        );
    }

    #[test]
    fn blockquote_ending_in_a_dash_line_is_a_pull_quote() {
        let (body, _) = parse("> We will not *back down*.\n>\n> — Jane Doe, union leader\n\n> Just a quote.\n\n> Two\n>\n> -- Smart Dash\n");
        let Block::Quote {
            html,
            attribution_html,
            ..
        } = &body.intro[0]
        else {
            panic!("{:?}", body.intro)
        };
        assert_eq!(html.trim(), "<p>We will not <em>back down</em>.</p>");
        assert_eq!(attribution_html, "Jane Doe, union leader");
        assert!(matches!(&body.intro[1], Block::Html { html } if html.contains("<blockquote>")));
        let Block::Quote {
            attribution_html, ..
        } = &body.intro[2]
        else {
            panic!()
        };
        assert_eq!(attribution_html, "Smart Dash");
    }

    #[test]
    fn script_urls_and_missing_images_are_problems_at_file_lines() {
        let (_, problems) = parse(
            "Intro\n\n[x](javascript:alert(1)) and [y](java&#9;script:1)\n\n![A](missing.jpg)\n",
        );
        let lines: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, vec![12, 12, 14]);
        assert!(problems[2].message.contains("does not exist"));
    }

    #[test]
    fn footnotes_are_numbered_by_first_reference_and_collected() {
        let (body, _) = parse("A[^b] B[^a] C[^b]\n\n[^a]: Note A\n[^b]: Note B\n");
        let numbers: Vec<_> = body
            .footnotes
            .iter()
            .map(|f| (f.number, f.id.as_str()))
            .collect();
        assert_eq!(numbers, vec![(1, "fn-b"), (2, "fn-a")]);
        let Block::Html { html } = &body.intro[0] else {
            panic!()
        };
        assert_eq!(html.matches("id=\"fnref-b\"").count(), 1);
    }

    #[test]
    fn body_word_count_goes_on_across_inline_markup_and_smart_punctuation() {
        // Issue #16: words were counted per text event, and smart punctuation and inline
        // markup cut words into several events.
        for (markdown, words) in [
            ("don't don't don't\n", 3),
            ("AT&T a*b*c **x**y \"quoted\" it's\n", 5),
            ("Use `git rebase` now.\n", 4),
            ("a [link](https://x.example/)s b\n", 3),
            ("One\ntwo\n\nthree\n", 3),
            ("## Head line\n\nBody text\n", 4),
            ("claim[^1] next\n\n[^1]: Note text.\n", 4),
            ("- one\n- two\n\n| a | b |\n|---|---|\n| c | d |\n", 6),
            ("![A](a.jpg)\nCaption *here*s\nCredit: Not counted\n", 2),
        ] {
            let (body, _) = parse(markdown);
            assert_eq!(body.word_count, words, "{markdown:?}");
        }
    }

    #[test]
    fn a_quote_attributed_with_a_hyphen_is_a_warning() {
        let (body, problems) = parse("> We will not back down.\n>\n> - Jane Doe, union leader\n\n> Fine.\n>\n> — Ann\n\n> A list:\n>\n> - one\n> - two\n\n> - only a list\n");
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(
            body.warnings,
            vec![Problem {
                line: 12,
                message: "the quote's last line `- Jane Doe, union leader` is read as a list, so the quote has no attribution: start the line with an em dash instead (`— Jane Doe, union leader`)".to_string()
            }]
        );
    }

    #[test]
    fn script_urls_in_image_titles_are_refused_at_the_figure_line() {
        let (body, problems) =
            parse("Intro\n\n![A](a.jpg \"See [x](javascript:alert(1)) and [y](@/b.md)\")\n");
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].line, 12);
        assert!(problems[0]
            .message
            .starts_with("link to `javascript:alert(1)` is a script URL"));
        let Block::Figure(figure) = &body.intro[1] else {
            panic!("{:?}", body.intro)
        };
        let caption = figure.caption_html.as_deref().unwrap();
        assert!(!caption.contains("javascript"), "{caption}");
        assert!(
            caption.contains("<a href=\"@/b.md\">y</a>"),
            "resolved by the resolver: {caption}"
        );
    }

    #[test]
    fn inline_and_document_pieces_get_the_same_checks() {
        let renderer = Renderer::new(&Fixed, true);
        let (html, problems) =
            renderer.inline("*Big* <b>x</b> [a](vbscript:x) ![B](missing.jpg)", 7);
        assert!(
            html.starts_with("<em>Big</em> &lt;b&gt;x&lt;/b&gt;"),
            "{html}"
        );
        let found: Vec<_> = problems.iter().map(|p| p.line).collect();
        assert_eq!(found, vec![7, 7]);
        let (html, problems) = renderer.document(
            "Intro\n\n## Next\n\n<script>alert(1)</script><b onclick=\"x()\">Bold</b>\n\nSee [a](javascript:x)\n",
            3,
        );
        assert!(html.contains("<h2 id=\"next\">Next</h2>"), "{html}");
        assert!(
            !html.contains("script>") && !html.contains("onclick"),
            "{html}"
        );
        assert_eq!(problems.len(), 1);
        assert_eq!(problems[0].line, 9);
    }

    #[test]
    fn script_urls_in_entities_and_data_urls_are_refused() {
        let (_, problems) = parse("[a](&#106;avascript:x) [b](JaVaScRiPt&colon;x) [c](data:text/html,x) [d](DATA:application/x)\n\n![e](data:image/png;base64,AAAA)\n");
        let refused: Vec<_> = problems.iter().map(|p| p.message.as_str()).collect();
        assert_eq!(refused.len(), 4, "{refused:?}");
        assert!(refused.iter().all(|m| m.contains("is a script URL")));
    }
}

#[cfg(test)]
mod properties {
    use super::tests::parse_body;
    use super::*;
    use proptest::prelude::*;

    struct Anything;

    impl Resolve for Anything {
        fn image(&self, src: &str) -> Result<(String, Option<LocalImage>), String> {
            Ok((src.to_string(), None))
        }
        fn link(&self, dest: &str) -> Result<String, String> {
            Ok(dest.to_string())
        }
    }

    /// Elements that never have a closing tag.
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
        "track", "wbr", "param",
    ];

    /// Whether every opened element is closed, in order (a small tag scanner; enough for the
    /// HTML pulldown-cmark and ammonia write).
    fn balanced(html: &str) -> bool {
        let mut open: Vec<String> = Vec::new();
        let mut rest = html;
        while let Some(at) = rest.find('<') {
            rest = &rest[at + 1..];
            let closing = rest.starts_with('/');
            let name: String = rest
                .trim_start_matches('/')
                .chars()
                .take_while(|c| c.is_ascii_alphanumeric())
                .collect::<String>()
                .to_ascii_lowercase();
            if name.is_empty() || VOID.contains(&name.as_str()) {
                continue;
            }
            if closing {
                if open.pop().as_deref() != Some(name.as_str()) {
                    return false;
                }
            } else if !rest[..rest.find('>').unwrap_or(rest.len())].ends_with('/') {
                open.push(name);
            }
        }
        open.is_empty()
    }

    fn markdown() -> impl Strategy<Value = String> {
        let line = prop_oneof![
            "[a-zA-Z ,.]{0,30}",
            "## [a-zA-Z ]{1,20}( \\{\\.unnumbered\\})?",
            "### [a-z]{1,10}",
            "> [a-z ]{0,20}",
            "> — [A-Z][a-z]{1,8}",
            "- [a-z *_]{1,20}",
            "!\\[[a-z]{0,5}\\]\\([a-z]{1,5}\\.jpg\\)",
            "Credit: [A-Za-z |]{0,20}",
            "[*_`~\\[\\]<>&|#-]{1,8}",
            "<(div|span|b|script)>[a-z]{0,5}",
            "\\[\\^[a-z]\\]:? [a-z]{0,5}",
        ];
        proptest::collection::vec(line, 0..24).prop_map(|lines| lines.join("\n"))
    }

    #[test]
    fn the_balance_check_can_fail() {
        assert!(balanced("<p>a<br><img src=x><b>b</b></p>"));
        assert!(!balanced("<p><b>x</p>"));
        assert!(!balanced("<div>"));
    }

    proptest! {
        #[test]
        fn counting_headings_agrees_with_converting_the_body(text in markdown()) {
            let (body, _) = parse_body(&text, 1, &Anything, true);
            prop_assert_eq!(numbered_sections(&text), body.numbered_count());
        }

        #[test]
        fn numbered_sections_are_always_one_to_n(text in markdown()) {
            let (body, _) = parse_body(&text, 1, &Anything, true);
            let numbers: Vec<u32> = body.sections.iter().filter_map(|s| s.number).collect();
            let expected: Vec<u32> = (1..=numbers.len() as u32).collect();
            prop_assert_eq!(numbers, expected);
            let mut ids: Vec<&str> = body.sections.iter().map(|s| s.id.as_str()).collect();
            ids.sort_unstable();
            let before = ids.len();
            ids.dedup();
            prop_assert_eq!(before, ids.len(), "section ids are unique");
        }

        #[test]
        fn rendered_blocks_never_leave_an_element_open(text in markdown()) {
            let (body, _) = parse_body(&text, 1, &Anything, true);
            for block in body.intro.iter().chain(body.sections.iter().flat_map(|s| s.blocks.iter())) {
                match block {
                    Block::Html { html } => prop_assert!(balanced(html), "unbalanced: {html}"),
                    Block::Quote { html, attribution_html, .. } => {
                        prop_assert!(balanced(html), "unbalanced: {html}");
                        prop_assert!(balanced(attribution_html), "unbalanced: {attribution_html}");
                    }
                    Block::Figure(figure) => {
                        if let Some(caption) = &figure.caption_html {
                            prop_assert!(balanced(caption), "unbalanced: {caption}");
                        }
                    }
                }
            }
            for section in &body.sections {
                prop_assert!(balanced(&section.title_html), "unbalanced: {}", section.title_html);
            }
        }

        #[test]
        fn slugs_are_always_url_safe_and_stable(text in "\\PC{0,40}") {
            let slug = crate::slug::slugify(&text);
            prop_assert!(slug.is_empty() || crate::slug::is_valid_slug(&slug), "{slug:?}");
            prop_assert_eq!(crate::slug::slugify(&slug), slug.clone());
        }
    }
}
