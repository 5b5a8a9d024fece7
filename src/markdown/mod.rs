//! Markdown to the explainer structure. Pure: a body string and a [`Resolve`] for URLs in, an
//! intro, numbered sections, figures, pull quotes and footnotes out, with problems reported at
//! lines of the file. Templates then render the structure, so a theme controls how every figure
//! and quote looks.

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Options, Parser, Tag, TagEnd};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};
use serde::Serialize;

use crate::slug::slugify;

/// Turns URLs written in the body into the URLs we publish, and says why one is wrong.
pub trait Resolve {
    /// The published URL of an image written as `src` (with the local file behind it, if any),
    /// or why it cannot be used.
    fn image(&self, src: &str) -> Result<(String, Option<LocalImage>), String>;
    /// The published URL of a link written as `dest` (`@/…` and root-relative links are
    /// rewritten), or why it cannot be used.
    fn link(&self, dest: &str) -> Result<String, String>;
}

/// One piece of an intro or section, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Rendered Markdown (paragraphs, lists, tables, raw HTML …).
    Html {
        /// The HTML, safe to emit as is.
        #[serde(serialize_with = "crate::templates::serialize_html")]
        html: String,
    },
    /// A photo with caption and credit.
    Figure(Box<Figure>),
    /// A pull quote with its attribution.
    Quote {
        /// The quoted text as HTML.
        #[serde(serialize_with = "crate::templates::serialize_html")]
        html: String,
        /// Who said it, as inline HTML.
        #[serde(serialize_with = "crate::templates::serialize_html")]
        attribution_html: String,
    },
}

/// A local image file a figure shows, for the photo pipeline.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LocalImage {
    /// The file to read.
    pub file: std::path::PathBuf,
    /// Its output path relative to the site root (`world/summit/ruins.jpg`).
    pub site_path: String,
}

/// An image inside running text (not at the start of its paragraph, so not a figure), kept so
/// the article can check it like a figure's photo: it cannot carry a caption or credit, and its
/// file is published as it is (issue #16).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InlineImage {
    /// The image as written, for messages.
    pub written_src: String,
    /// The local file, when the image is one.
    pub file: Option<LocalImage>,
    /// Line of the file where the image is written.
    pub line: usize,
}

/// A `<source>` of a `<picture>`: another format of the same photo.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct ImageSource {
    /// MIME type (`image/webp`).
    pub kind: String,
    /// `url 480w, url 960w`.
    pub srcset: String,
}

/// A photo: lead (from front matter) or inline (from a paragraph that starts with an image).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figure {
    /// The published URL.
    pub src: String,
    /// The image as written by the writer, for messages.
    #[serde(skip)]
    pub written_src: String,
    /// Alt text.
    pub alt: String,
    /// Caption as inline HTML (raw HTML in captions is escaped).
    #[serde(serialize_with = "crate::templates::serialize_optional_html")]
    pub caption_html: Option<String>,
    /// Normalised credit, plain text (`A | B | C`).
    pub credit: Option<String>,
    /// The lead photo of the article.
    pub lead: bool,
    /// Intrinsic size, when known.
    pub width: Option<u32>,
    /// Intrinsic size, when known.
    pub height: Option<u32>,
    /// Resized copies in the fallback format (`url 480w, …`), when processed.
    pub srcset: Option<String>,
    /// The `sizes` attribute that goes with `srcset`.
    pub sizes: Option<String>,
    /// Other formats (WebP) for `<picture>`.
    pub sources: Vec<ImageSource>,
    /// The smallest copy, for listings.
    pub thumbnail: Option<String>,
    /// The Open Graph copy (1200 px wide), root-relative.
    pub og: Option<String>,
    /// Where the caption came from: `written` or `embedded` (in the photo's metadata).
    pub caption_from: Option<&'static str>,
    /// Where the credit came from: `written` or `embedded`.
    pub credit_from: Option<&'static str>,
    /// The local file, when the image is one.
    #[serde(skip)]
    pub file: Option<LocalImage>,
    /// Line of the file where the figure is written.
    #[serde(skip)]
    pub line: usize,
}

impl Figure {
    /// A figure with nothing but the essentials set; the photo pipeline fills in the rest.
    pub fn new(
        src: String,
        written_src: String,
        alt: String,
        file: Option<LocalImage>,
        line: usize,
    ) -> Figure {
        Figure {
            src,
            written_src,
            alt,
            caption_html: None,
            credit: None,
            lead: false,
            width: None,
            height: None,
            srcset: None,
            sizes: None,
            sources: Vec::new(),
            thumbnail: None,
            og: None,
            caption_from: None,
            credit_from: None,
            file,
            line,
        }
    }
}

/// A `## ` section: numbered ("a thing at stake") unless marked `{.unnumbered}`.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Section {
    /// 1-based number among numbered sections; `None` for unnumbered ones.
    pub number: Option<u32>,
    /// Anchor id, unique within the page.
    pub id: String,
    /// The heading's inline HTML.
    #[serde(serialize_with = "crate::templates::serialize_html")]
    pub title_html: String,
    /// The heading as plain text, for the table of contents and messages.
    pub title_text: String,
    /// Content up to the next `## `.
    pub blocks: Vec<Block>,
    /// Line of the file where the heading is.
    #[serde(skip)]
    pub line: usize,
}

/// A footnote, collected so the theme can list them as endnotes with back-links.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Footnote {
    /// Anchor id of the note (`fn-…`).
    pub id: String,
    /// Anchor id of its first reference (`fnref-…`).
    pub ref_id: String,
    /// Display number.
    pub number: u32,
    /// The note as HTML.
    #[serde(serialize_with = "crate::templates::serialize_html")]
    pub html: String,
}

/// Bytes a theme typically wraps around a figure's caption (the `<figure>`, `<img>` with its
/// attributes, the credit), and around a pull quote; only used to size buffers.
const FIGURE_MARKUP: usize = 640;
const QUOTE_MARKUP: usize = 128;

/// The structured body of an article.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Body {
    /// Everything before the first `## `.
    pub intro: Vec<Block>,
    /// The sections, numbered and not.
    pub sections: Vec<Section>,
    /// Endnotes.
    pub footnotes: Vec<Footnote>,
    /// Words of running text, for reading time.
    pub word_count: usize,
    /// The first sentence of the intro, as plain text, for descriptions.
    pub first_sentence: String,
    /// Things that do not stop the build but look like mistakes, at lines of the file.
    #[serde(skip)]
    pub warnings: Vec<Problem>,
    /// Images inside running text, in order (figures are blocks of their own).
    #[serde(skip)]
    pub inline_images: Vec<InlineImage>,
}

impl Body {
    /// How many numbered sections there are.
    pub fn numbered_count(&self) -> u32 {
        self.sections.iter().filter(|s| s.number.is_some()).count() as u32
    }

    /// Roughly how many bytes of HTML the body adds to its page, to size the page's buffer.
    pub fn html_len(&self) -> usize {
        let blocks = |blocks: &[Block]| -> usize {
            blocks
                .iter()
                .map(|block| match block {
                    Block::Html { html } => html.len(),
                    Block::Figure(figure) => {
                        FIGURE_MARKUP + figure.caption_html.as_ref().map_or(0, String::len)
                    }
                    Block::Quote {
                        html,
                        attribution_html,
                    } => html.len() + attribution_html.len() + QUOTE_MARKUP,
                })
                .sum()
        };
        blocks(&self.intro)
            + self
                .sections
                .iter()
                .map(|s| blocks(&s.blocks))
                .sum::<usize>()
            + self.footnotes.iter().map(|f| f.html.len()).sum::<usize>()
    }

    /// Every inline figure, in order.
    pub fn figures(&self) -> impl Iterator<Item = &Figure> {
        self.intro
            .iter()
            .chain(self.sections.iter().flat_map(|s| s.blocks.iter()))
            .filter_map(|block| match block {
                Block::Figure(figure) => Some(&**figure),
                _ => None,
            })
    }

    /// Every inline figure, in order, to fill in.
    pub fn figures_mut(&mut self) -> impl Iterator<Item = &mut Figure> {
        self.intro
            .iter_mut()
            .chain(self.sections.iter_mut().flat_map(|s| s.blocks.iter_mut()))
            .filter_map(|block| match block {
                Block::Figure(figure) => Some(&mut **figure),
                _ => None,
            })
    }
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
/// one private function of this module, which only takes events these checks produced, and
/// `clippy.toml` refuses a call anywhere else.
pub struct Renderer<'r> {
    resolver: &'r dyn Resolve,
    sanitize_html: bool,
}

impl<'r> Renderer<'r> {
    /// A renderer resolving URLs with `resolver`; with `sanitize_html`, raw HTML the writer
    /// typed is cleaned (scripts, event handlers and dangerous URLs removed).
    pub fn new(resolver: &'r dyn Resolve, sanitize_html: bool) -> Renderer<'r> {
        Renderer {
            resolver,
            sanitize_html,
        }
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
    pub fn inline_with_images(
        &self,
        markdown: &str,
        line: usize,
    ) -> (String, Vec<Problem>, Vec<InlineImage>) {
        let piece = self.inline_counted(markdown, line);
        (piece.html, piece.problems, piece.images)
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
            words: converter.body.word_count,
            problems: converter.problems,
            images: converter.body.inline_images,
        }
    }
}

/// A rendered piece of inline Markdown and what was found in it.
struct InlinePiece {
    html: String,
    words: usize,
    problems: Vec<Problem>,
    images: Vec<InlineImage>,
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

/// `Libkos |Getty Images News|  Getty Images` → `Libkos | Getty Images News | Getty Images`.
pub fn normalise_credit(credit: &str) -> String {
    // One pass into one string: every photo of every article has a credit.
    let mut normalised = String::with_capacity(credit.len());
    for part in credit.split('|') {
        let mut words = part.split_whitespace();
        let Some(first) = words.next() else {
            continue;
        };
        if !normalised.is_empty() {
            normalised.push_str(" | ");
        }
        normalised.push_str(first);
        for word in words {
            normalised.push(' ');
            normalised.push_str(word);
        }
    }
    normalised
}

/// Whether a URL could run script when followed or shown: `javascript:` and `vbscript:` in any
/// case, also with tabs, newlines or control characters inside or before the scheme (browsers
/// ignore them; entities such as `&#106;` arrive here decoded), and `data:` URLs other than
/// images (`data:text/html,<script>…`). Every link and image written in Markdown or front
/// matter is checked.
pub fn is_script_url(url: &str) -> bool {
    // Every link and image is checked: compare byte by byte, no string built.
    let mut compact = url
        .bytes()
        .filter(|b| !b.is_ascii_whitespace() && !b.is_ascii_control())
        .map(|b| b.to_ascii_lowercase());
    let mut start = [0u8; 14];
    for slot in &mut start {
        match compact.next() {
            Some(byte) => *slot = byte,
            None => break,
        }
    }
    start.starts_with(b"javascript:")
        || start.starts_with(b"vbscript:")
        || (start.starts_with(b"data:") && !start.starts_with(b"data:image/"))
}

struct Converter<'a, 'r> {
    src: &'a str,
    first_line: usize,
    /// (offset, newlines before it): lines are asked for in increasing order, so each is
    /// counted from the last answer instead of indexing every line of the file up front.
    lines_counted: std::cell::Cell<(usize, usize)>,
    renderer: &'r Renderer<'r>,
    problems: Vec<Problem>,
    ids: HashSet<String>,
    footnote_numbers: HashMap<String, u32>,
    footnotes: Vec<Footnote>,
    body: Body,
    pending: Checked<'a>,
    /// Whether the last text ended inside a word: a word goes on across text and inline
    /// events (`don’t` is three events with smart punctuation, `**x**y` three more).
    in_word: bool,
    /// Whether some `#` is followed by a no-break space ([`Converter::lost_headings`]).
    odd_headings: bool,
}

type Spanned<'a> = (Event<'a>, Range<usize>);

/// Events that went through [`Converter::transform`] — links and images resolved, script URLs
/// refused, heading ids given — and only those (and line breaks): it is the only type
/// [`to_html`] takes, and only `transform` fills one, so no event reaches HTML unchecked.
#[derive(Default)]
struct Checked<'a>(Vec<Event<'a>>);

impl Checked<'_> {
    /// Turns raw HTML into text, for pieces (captions) where markup must show as typed.
    fn escape_raw_html(&mut self) {
        for event in &mut self.0 {
            if let Event::Html(text) | Event::InlineHtml(text) = event {
                *event = Event::Text(std::mem::replace(text, CowStr::Borrowed("")));
            }
        }
    }

    fn has_raw_html(&self) -> bool {
        self.0
            .iter()
            .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
    }

    fn is_empty(&self) -> bool {
        self.0.is_empty()
    }
}

/// Whether a `#` is followed by a space that only looks like one: one vector search per body,
/// as nearly none has such a line.
fn has_odd_heading_space(markdown: &str) -> bool {
    let bytes = markdown.as_bytes();
    ["#\u{a0}", "#\u{202f}"]
        .iter()
        .any(|needle| memchr::memmem::find(bytes, needle.as_bytes()).is_some())
}

/// How a message names a space that looks like a plain one but is not (typed by word
/// processors and some keyboards), or `None` for any other character.
pub(crate) fn odd_space_name(c: char) -> Option<&'static str> {
    match c {
        '\u{a0}' => Some("a non-breaking space (U+00A0)"),
        '\u{202f}' => Some("a narrow non-breaking space (U+202F)"),
        _ => None,
    }
}

impl<'a, 'r> Converter<'a, 'r> {
    fn new(src: &'a str, first_line: usize, renderer: &'r Renderer<'r>) -> Self {
        Converter {
            src,
            first_line,
            lines_counted: std::cell::Cell::new((0, 0)),
            renderer,
            problems: Vec::new(),
            ids: RESERVED_IDS.iter().map(|s| s.to_string()).collect(),
            footnote_numbers: HashMap::default(),
            footnotes: Vec::new(),
            body: Body::default(),
            pending: Checked::default(),
            in_word: false,
            odd_headings: has_odd_heading_space(src),
        }
    }

    /// Renders checked events to HTML, sanitised when the site asks for it. The events are
    /// drained, so a buffer used for every block keeps its capacity.
    fn html(&self, events: &mut Checked<'a>) -> String {
        // Raw HTML is looked for only when it is to be cleaned (by default it passes through).
        let clean = self.renderer.sanitize_html && events.has_raw_html();
        let html = to_html(events);
        if clean {
            sanitize(&html)
        } else {
            html
        }
    }

    /// Walks the blocks; events are moved out of `events` as they are turned into HTML (each
    /// block is read before it is moved, and never again after).
    fn convert(&mut self, events: &mut [Spanned<'a>]) {
        let mut i = 0;
        while i < events.len() {
            let end = matching_end(events, i);
            let starts_figure = matches!(events[i].0, Event::Start(Tag::Paragraph))
                && matches!(
                    events.get(i + 1),
                    Some((Event::Start(Tag::Image { .. }), _))
                );
            if self.odd_headings && matches!(events[i].0, Event::Start(Tag::Paragraph)) {
                self.lost_headings(events[i].1.clone());
            }
            let block = &mut events[i..=end];
            match &block[0].0 {
                Event::Start(Tag::Heading {
                    level: HeadingLevel::H2,
                    ..
                }) => {
                    self.flush();
                    self.start_section(block);
                }
                Event::Start(Tag::Paragraph) if starts_figure => {
                    self.flush();
                    let figure = self.figure(block);
                    self.push_block(Block::Figure(Box::new(figure)));
                }
                Event::Start(Tag::BlockQuote(_)) => match self.quote(block) {
                    Some(quote) => {
                        self.flush();
                        self.push_block(quote);
                    }
                    None => {
                        self.warn_of_list_attribution(block);
                        self.pending_events(block);
                    }
                },
                Event::Start(Tag::FootnoteDefinition(name)) => {
                    let number = self.footnote_number(name);
                    let id = footnote_slug(name);
                    let mut inner = Checked::default();
                    let last = block.len() - 1;
                    self.transform(&mut block[1..last], &mut inner);
                    self.footnotes.push(Footnote {
                        id: format!("fn-{id}"),
                        ref_id: format!("fnref-{id}"),
                        number,
                        html: self.html(&mut inner),
                    });
                }
                Event::Start(Tag::Paragraph)
                    if self.body.sections.is_empty() && self.body.first_sentence.is_empty() =>
                {
                    self.body.first_sentence = first_sentence(&plain_text(block));
                    self.pending_events(block);
                }
                _ => self.pending_events(block),
            }
            i = end + 1;
        }
        self.flush();
    }

    /// Reports the lines of a paragraph that were meant as headings but have a no-break space
    /// after their `#`s, which Markdown does not take for a space (issue #16): a `##` line
    /// written so is a numbered section lost in the text, and the count check alone would
    /// not say why.
    fn lost_headings(&mut self, paragraph: Range<usize>) {
        let (src, mut offset) = (self.src, paragraph.start);
        for line in src[paragraph].split_inclusive('\n') {
            let rest = line.trim_start_matches(' ');
            let hashes = rest.len() - rest.trim_start_matches('#').len();
            let space = rest[hashes..].chars().next().and_then(odd_space_name);
            if let (1..=6, Some(space)) = (hashes, space) {
                let lost = if hashes == 2 {
                    "a numbered section"
                } else {
                    "a heading"
                };
                let message = format!(
                    "{space} after `{}`: use a plain space (as written, this line is published as text, not as {lost})",
                    &rest[..hashes]
                );
                self.problem(offset + line.len() - rest.len(), message);
            }
            offset += line.len();
        }
    }

    fn line_of(&self, offset: usize) -> usize {
        let offset = offset.min(self.src.len());
        let (from, before) = match self.lines_counted.get() {
            (at, lines) if at <= offset => (at, lines),
            _ => (0, 0),
        };
        let newlines = count_newlines(&self.src.as_bytes()[from..offset]);
        self.lines_counted.set((offset, before + newlines));
        self.first_line + before + newlines
    }

    fn problem(&mut self, offset: usize, message: String) {
        let line = self.line_of(offset);
        self.problems.push(Problem { line, message });
    }

    fn pending_events(&mut self, block: &mut [Spanned<'a>]) {
        let mut out = std::mem::take(&mut self.pending);
        self.transform(block, &mut out);
        self.pending = out;
    }

    fn flush(&mut self) {
        if self.pending.is_empty() {
            return;
        }
        // Drained and put back: the buffer keeps its capacity for the next run of blocks
        // (started empty each time, it grew one doubling at a time in every article).
        let mut events = std::mem::take(&mut self.pending);
        let html = self.html(&mut events);
        self.pending = events;
        self.push_block(Block::Html { html });
    }

    fn push_block(&mut self, block: Block) {
        match self.body.sections.last_mut() {
            Some(section) => section.blocks.push(block),
            None => self.body.intro.push(block),
        }
    }

    fn unique_id(&mut self, wanted: &str) -> String {
        let base = if wanted.is_empty() {
            "section".to_string()
        } else {
            wanted.to_string()
        };
        let mut candidate = base.clone();
        let mut n = 1;
        while self.ids.contains(&candidate) {
            candidate = format!("{base}-{n}");
            n += 1;
        }
        self.ids.insert(candidate.clone());
        candidate
    }

    fn start_section(&mut self, block: &mut [Spanned<'a>]) {
        let last = block.len() - 1;
        let title_text = plain_text(&block[1..last]).trim().to_string();
        let (id, numbered) = match &block[0].0 {
            Event::Start(Tag::Heading { id, classes, .. }) => (
                match id {
                    Some(custom) => self.unique_id(custom),
                    None => self.unique_id(&slugify(&title_text)),
                },
                !classes.iter().any(|c| c.as_ref() == "unnumbered"),
            ),
            _ => unreachable!("sections start with a heading"),
        };
        let mut title_events = Checked::default();
        self.transform(&mut block[1..last], &mut title_events);
        let number = numbered.then(|| self.body.numbered_count() + 1);
        let line = self.line_of(block[0].1.start);
        self.body.sections.push(Section {
            number,
            id,
            title_html: self.html(&mut title_events),
            title_text,
            blocks: Vec::new(),
            line,
        });
    }

    fn figure(&mut self, block: &mut [Spanned<'a>]) -> Figure {
        let image_end = matching_end(block, 1);
        let (written_src, title) = match &block[1].0 {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => (dest_url.to_string(), title.to_string()),
            _ => unreachable!("figure blocks start with an image"),
        };
        let offset = block[1].1.start;
        let alt = plain_text(&block[2..image_end]).trim().to_string();
        let (src, file) = self.image_url(&written_src, &alt, offset);
        let last = block.len() - 1;
        let rest = &mut block[image_end + 1..last];
        let mut lines: Vec<&mut [Spanned<'a>]> = rest
            .split_mut(|(e, _)| matches!(e, Event::SoftBreak | Event::HardBreak))
            .filter(|line| {
                !plain_text(line).trim().is_empty()
                    || line
                        .iter()
                        .any(|(e, _)| matches!(e, Event::Start(Tag::Image { .. })))
            })
            .collect();
        let credit = lines.last().and_then(|line| {
            let text = written_text(line);
            let text = text.trim();
            let prefix = text.get(..7)?;
            prefix
                .eq_ignore_ascii_case("credit:")
                .then(|| normalise_credit(&text[7..]))
        });
        if credit.is_some() {
            lines.pop();
        }
        let mut caption_events = Checked::default();
        for (n, line) in lines.into_iter().enumerate() {
            if n > 0 {
                caption_events.0.push(Event::SoftBreak);
            }
            self.transform(line, &mut caption_events);
        }
        let caption_html = if caption_events.is_empty() {
            (!title.is_empty()).then(|| self.title_caption(&title, offset))
        } else {
            caption_events.escape_raw_html();
            Some(self.html(&mut caption_events).trim().to_string())
        };
        let mut figure = Figure::new(src, written_src, alt, file, self.line_of(offset));
        figure.caption_from = caption_html.is_some().then_some("written");
        figure.caption_html = caption_html;
        figure.credit = credit.filter(|c| !c.is_empty());
        figure.credit_from = figure.credit.is_some().then_some("written");
        figure
    }

    /// An image's title used as its caption: inline Markdown of its own, through the same
    /// checks, with problems reported at the figure's line.
    fn title_caption(&mut self, title: &str, offset: usize) -> String {
        let piece = self.renderer.inline_counted(title, self.line_of(offset));
        self.body.word_count += piece.words;
        self.problems.extend(piece.problems);
        self.body.inline_images.extend(piece.images);
        piece.html
    }

    fn image_url(&mut self, src: &str, alt: &str, offset: usize) -> (String, Option<LocalImage>) {
        if alt.is_empty() {
            self.problem(
                offset,
                format!("image `{src}` has no alt text: describe the photo between the brackets, e.g. ![Crowds outside parliament at night]({src})"),
            );
        }
        if is_script_url(src) {
            self.problem(
                offset,
                format!("image source `{src}` is a script URL, which is not allowed: give the path of a photo file"),
            );
            return (String::new(), None);
        }
        match self.renderer.resolver.image(src) {
            Ok(found) => found,
            Err(message) => {
                self.problem(offset, message);
                (src.to_string(), None)
            }
        }
    }

    /// Warns about a quote whose last line was meant as its attribution but was written
    /// `- Name`, which Markdown reads as a list: the quote then shows as a plain blockquote.
    fn warn_of_list_attribution(&mut self, block: &[Spanned<'a>]) {
        let inner = &block[1..block.len() - 1];
        let mut last_block = None;
        let mut i = 0;
        while i < inner.len() {
            let end = matching_end(inner, i);
            last_block = Some((i, end));
            i = end + 1;
        }
        let Some((start, end)) = last_block else {
            return;
        };
        let one_item = start + 1 < end && matching_end(inner, start + 1) + 1 == end;
        if start == 0 || !one_item || !matches!(inner[start].0, Event::Start(Tag::List(None))) {
            return;
        }
        let written = self.src.get(inner[start].1.clone()).unwrap_or("");
        let Some(name) = written
            .lines()
            .next()
            .and_then(|l| l.trim().strip_prefix("- "))
        else {
            return;
        };
        let name = name.trim();
        let line = self.line_of(inner[start].1.start);
        self.body.warnings.push(Problem {
            line,
            message: format!("the quote's last line `- {name}` is read as a list, so the quote has no attribution: start the line with an em dash instead (`— {name}`)"),
        });
    }

    /// A blockquote whose last paragraph starts with a dash is a pull quote.
    fn quote(&mut self, block: &mut [Spanned<'a>]) -> Option<Block> {
        let last = block.len() - 1;
        let inner = &mut block[1..last];
        let mut last_paragraph = None;
        let mut i = 0;
        while i < inner.len() {
            let end = matching_end(inner, i);
            last_paragraph = matches!(inner[i].0, Event::Start(Tag::Paragraph)).then_some((i, end));
            i = end + 1;
        }
        let (start, end) = last_paragraph?;
        if start == 0 {
            return None;
        }
        let written = self.src.get(inner[start].1.clone())?.trim_start();
        if !(written.starts_with('—')
            || written.starts_with('–')
            || written.starts_with("--")
            || written.starts_with('―'))
        {
            return None;
        }
        let mut attribution: Vec<Spanned<'a>> = inner[start + 1..end].to_vec();
        while let Some((Event::Text(text), _)) = attribution.first() {
            let stripped = text.trim_start_matches(|c: char| {
                matches!(c, '—' | '–' | '-' | '―') || c.is_whitespace()
            });
            if stripped.is_empty() {
                attribution.remove(0);
            } else {
                attribution[0].0 = Event::Text(CowStr::from(stripped.to_string()));
                break;
            }
        }
        let mut quote_events = Checked::default();
        self.transform(&mut inner[..start], &mut quote_events);
        let mut attribution_events = Checked::default();
        self.transform(&mut attribution, &mut attribution_events);
        Some(Block::Quote {
            html: self.html(&mut quote_events),
            attribution_html: self.html(&mut attribution_events).trim().to_string(),
        })
    }

    fn footnote_number(&mut self, name: &str) -> u32 {
        let next = self.footnote_numbers.len() as u32 + 1;
        *self
            .footnote_numbers
            .entry(name.to_string())
            .or_insert(next)
    }

    /// Moves events to `out`, giving headings ids, resolving links and images (script URLs
    /// refused), numbering footnote references and counting words: the checks every event
    /// passes before it can become HTML. Each event is taken out of `events` (a placeholder is
    /// left), so text and attributes move instead of being copied.
    fn transform(&mut self, events: &mut [Spanned<'a>], checked: &mut Checked<'a>) {
        let out = &mut checked.0;
        // A run of events handed over together starts a block: no word goes on into it.
        self.in_word = false;
        for i in 0..events.len() {
            let offset = events[i].1.start;
            // Headings and images need their text, which follows them: read before moving.
            let inner_text = match &events[i].0 {
                Event::Start(Tag::Heading { .. } | Tag::Image { .. }) => {
                    Some(plain_text(&events[i + 1..matching_end(events, i)]))
                }
                _ => None,
            };
            match std::mem::replace(&mut events[i].0, Event::SoftBreak) {
                Event::Start(Tag::Heading {
                    level,
                    id,
                    classes,
                    attrs,
                }) => {
                    let text = inner_text.unwrap_or_default();
                    let id = match id {
                        Some(custom) => self.unique_id(&custom),
                        None => self.unique_id(&slugify(&text)),
                    };
                    out.push(Event::Start(Tag::Heading {
                        level,
                        id: Some(CowStr::from(id)),
                        classes,
                        attrs,
                    }));
                }
                Event::Start(Tag::Link {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let url = if is_script_url(&dest_url) {
                        self.problem(
                            offset,
                            format!("link to `{dest_url}` is a script URL, which is not allowed: link to a web page (https://…) or an article (@/…) instead"),
                        );
                        String::new()
                    } else {
                        match self.renderer.resolver.link(&dest_url) {
                            Ok(url) => url,
                            Err(message) => {
                                self.problem(offset, message);
                                dest_url.to_string()
                            }
                        }
                    };
                    out.push(Event::Start(Tag::Link {
                        link_type,
                        dest_url: CowStr::from(url),
                        title,
                        id,
                    }));
                }
                Event::Start(Tag::Image {
                    link_type,
                    dest_url,
                    title,
                    id,
                }) => {
                    let alt = inner_text.unwrap_or_default();
                    let (url, file) = self.image_url(&dest_url, alt.trim(), offset);
                    let line = self.line_of(offset);
                    self.body.inline_images.push(InlineImage {
                        written_src: dest_url.to_string(),
                        file,
                        line,
                    });
                    out.push(Event::Start(Tag::Image {
                        link_type,
                        dest_url: CowStr::from(url),
                        title,
                        id,
                    }));
                }
                Event::FootnoteReference(name) => {
                    let first = !self.footnote_numbers.contains_key(name.as_ref());
                    let number = self.footnote_number(&name);
                    let slug = footnote_slug(&name);
                    let id_attr = if first {
                        format!(" id=\"fnref-{slug}\"")
                    } else {
                        String::new()
                    };
                    out.push(Event::InlineHtml(CowStr::from(format!(
                        "<sup class=\"footnote-ref\"{id_attr}><a href=\"#fn-{slug}\">{number}</a></sup>"
                    ))));
                }
                Event::Text(text) => {
                    self.count_words_of(&text);
                    out.push(Event::Text(text));
                }
                Event::Code(text) => {
                    self.count_words_of(&text);
                    out.push(Event::Code(text));
                }
                other => {
                    if breaks_words(&other) {
                        self.in_word = false;
                    }
                    out.push(other);
                }
            }
        }
    }

    /// Counts the words of a text event, a word going on from the text before it when
    /// nothing but inline markup stands between them (`AT&T`, `a*b*c`, `don’t`).
    fn count_words_of(&mut self, text: &str) {
        let Some(&last) = text.as_bytes().last() else {
            return;
        };
        let joined = self.in_word && !is_ascii_space(text.as_bytes()[0]);
        self.body.word_count += count_words(text) - usize::from(joined);
        self.in_word = !is_ascii_space(last);
    }
}

/// Whether an event ends the word being read: line breaks and the edges of blocks do; inline
/// markup (emphasis, links, footnote marks, inline HTML) does not.
fn breaks_words(event: &Event<'_>) -> bool {
    match event {
        Event::SoftBreak | Event::HardBreak | Event::Rule | Event::Html(_) => true,
        Event::Start(tag) => !matches!(
            tag,
            Tag::Emphasis | Tag::Strong | Tag::Strikethrough | Tag::Link { .. } | Tag::Image { .. }
        ),
        Event::End(tag) => !matches!(
            tag,
            TagEnd::Emphasis
                | TagEnd::Strong
                | TagEnd::Strikethrough
                | TagEnd::Link
                | TagEnd::Image
        ),
        _ => false,
    }
}

/// Words in a piece of text: runs of characters between ASCII whitespace. (A no-break or
/// other Unicode space joins words, as writers use it: "10\u{a0}km" is one.) Word counts run
/// over every text event of every article, so the text is compared 32 byte pairs at a time:
/// a word starts at each non-space byte that follows a space, and summing those 0s and 1s
/// over fixed-size chunks is a loop the compiler turns into vector compares. Most text events
/// are a line or less, so the tail goes through the same compares, padded with spaces (which
/// start no word): byte by byte, the tails were ~2.5 % of a build's instructions.
fn count_words(text: &str) -> usize {
    let bytes = text.as_bytes();
    let Some(&first) = bytes.first() else {
        return 0;
    };
    let mut words = usize::from(!is_ascii_space(first));
    let (before, after) = (&bytes[..bytes.len() - 1], &bytes[1..]);
    let mut before_chunks = before.chunks_exact(WORD_LANES);
    let mut after_chunks = after.chunks_exact(WORD_LANES);
    for (previous, current) in (&mut before_chunks).zip(&mut after_chunks) {
        words += word_starts(
            previous.try_into().expect("a full chunk"),
            current.try_into().expect("a full chunk"),
        );
    }
    let (previous_tail, current_tail) = (before_chunks.remainder(), after_chunks.remainder());
    if !current_tail.is_empty() {
        let mut previous = [b' '; WORD_LANES];
        let mut current = [b' '; WORD_LANES];
        previous[..previous_tail.len()].copy_from_slice(previous_tail);
        current[..current_tail.len()].copy_from_slice(current_tail);
        words += word_starts(&previous, &current);
    }
    words
}

/// How many bytes [`word_starts`] compares at once.
const WORD_LANES: usize = 32;

/// Word starts among 32 byte pairs: a non-space byte in `current` after a space in `previous`.
fn word_starts(previous: &[u8; WORD_LANES], current: &[u8; WORD_LANES]) -> usize {
    // At most 32: fits in a u8.
    let mut starts = 0u8;
    for i in 0..WORD_LANES {
        starts += u8::from(is_ascii_space(previous[i]) & !is_ascii_space(current[i]));
    }
    usize::from(starts)
}

/// Space, or tab through carriage return. Bytes of multi-byte characters are never spaces.
fn is_ascii_space(byte: u8) -> bool {
    (byte == b' ') | (byte.wrapping_sub(b'\t') < 5)
}

/// Line feeds in `bytes`. Every section and figure records its line, so each body is counted
/// through once, by memchr's counter (vector compares, the widest the CPU has, chosen at run
/// time): a byte-by-byte filter was 4 % of a build's instructions, and a portable 32-byte
/// chunked sum still ~1 %. Every line number the build reports is counted here.
pub(crate) fn count_newlines(bytes: &[u8]) -> usize {
    memchr::memchr_iter(b'\n', bytes).count()
}

/// Index of the event closing the one at `start` (itself when it opens nothing).
fn matching_end(events: &[Spanned<'_>], start: usize) -> usize {
    if !matches!(events[start].0, Event::Start(_)) {
        return start;
    }
    let mut depth = 0usize;
    for (offset, (event, _)) in events[start..].iter().enumerate() {
        match event {
            Event::Start(_) => depth += 1,
            Event::End(_) => {
                depth -= 1;
                if depth == 0 {
                    return start + offset;
                }
            }
            _ => {}
        }
    }
    events.len() - 1
}

fn plain_text(events: &[Spanned<'_>]) -> String {
    let len = events
        .iter()
        .map(|(event, _)| match event {
            Event::Text(t) | Event::Code(t) => t.len(),
            _ => 1,
        })
        .sum();
    let mut text = String::with_capacity(len);
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) => text.push_str(t),
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Text as written, raw inline HTML included, for plain-text fields such as credits.
fn written_text(events: &[Spanned<'_>]) -> String {
    let mut text = String::new();
    for (event, _) in events {
        match event {
            Event::Text(t) | Event::Code(t) | Event::InlineHtml(t) | Event::Html(t) => {
                text.push_str(t)
            }
            Event::SoftBreak | Event::HardBreak => text.push(' '),
            _ => {}
        }
    }
    text
}

/// Cleans HTML with ammonia's safe defaults, keeping the ids and classes our own markup uses.
fn sanitize(html: &str) -> String {
    ammonia::Builder::default()
        .add_generic_attributes(["id", "class"])
        .clean(html)
        .to_string()
}

/// Renders events into a string sized from the events themselves (their text, plus room for
/// the tags around it), so it is allocated once instead of grown by doubling: every block of
/// every article goes through here. The events are drained.
#[allow(clippy::disallowed_methods)] // The one call: see `Renderer`.
fn to_html(events: &mut Checked<'_>) -> String {
    let estimate: usize = events
        .0
        .iter()
        .map(|event| match event {
            Event::Text(t) | Event::Code(t) | Event::Html(t) | Event::InlineHtml(t) => t.len(),
            Event::Start(Tag::Link { dest_url, .. } | Tag::Image { dest_url, .. }) => {
                dest_url.len() + 24
            }
            _ => 12,
        })
        .sum();
    let mut html = String::with_capacity(estimate + estimate / 16);
    pulldown_cmark::html::push_html(&mut html, events.0.drain(..));
    html
}

fn footnote_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "note".to_string()
    } else {
        slug
    }
}

/// The first sentence of a paragraph, at most about 200 characters, cut at a word.
fn first_sentence(paragraph: &str) -> String {
    // The result is decided by the first 201 characters of the collapsed text (and one
    // after, to see a sentence end): words are joined until there are more than that, and
    // the rest of the paragraph is never looked at.
    const ENOUGH: usize = 202;
    let mut text = String::with_capacity(256);
    let mut chars = 0;
    for word in paragraph.split_whitespace() {
        if !text.is_empty() {
            text.push(' ');
            chars += 1;
        }
        text.push_str(word);
        chars += word.chars().count();
        if chars > ENOUGH {
            break;
        }
    }
    sentence_of(&text)
}

/// The first sentence of text whose whitespace is collapsed, cut at a word past 200 characters.
fn sentence_of(text: &str) -> String {
    let end = text
        .char_indices()
        .find(|(i, c)| matches!(c, '.' | '?' | '!') && text[i + c.len_utf8()..].starts_with(' '))
        .map(|(i, c)| i + c.len_utf8())
        .unwrap_or(text.len());
    let sentence = &text[..end];
    if sentence.chars().count() <= 200 {
        return sentence.to_string();
    }
    let cut: String = sentence.chars().take(200).collect();
    match cut.rfind(' ') {
        Some(space) => format!("{}…", &cut[..space]),
        None => format!("{cut}…"),
    }
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
    fn newlines_are_counted_in_every_position() {
        let text: String = (0..200)
            .map(|i| {
                if i % 7 == 0 || i % 31 == 0 {
                    '\n'
                } else {
                    'é'
                }
            })
            .collect();
        let bytes = text.as_bytes();
        for start in 0..70 {
            for end in [start, start + 1, start + 33, start + 64, bytes.len()] {
                let slice = &bytes[start..end.min(bytes.len())];
                let expected = slice.iter().filter(|&&b| b == b'\n').count();
                assert_eq!(count_newlines(slice), expected, "{start}..{end}");
            }
        }
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
    fn blockquote_ending_in_a_dash_line_is_a_pull_quote() {
        let (body, _) = parse("> We will not *back down*.\n>\n> — Jane Doe, union leader\n\n> Just a quote.\n\n> Two\n>\n> -- Smart Dash\n");
        let Block::Quote {
            html,
            attribution_html,
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
    fn script_urls_are_recognised_however_they_are_spelled() {
        for url in [
            "javascript:alert(1)",
            "JavaScript:alert(1)",
            " java\tscript:alert(1)",
            "jav\nascript:x",
            "VBSCRIPT:x",
            "data:text/html,<script>",
            "\u{1}javascript:x",
            "data:application/xhtml+xml,x",
            "DATA:text/html,x",
        ] {
            assert!(is_script_url(url), "{url:?}");
        }
        for url in [
            "https://x.example/",
            "javascript",
            "data:image/png;base64,",
            "",
            "/javascript:",
        ] {
            assert!(!is_script_url(url), "{url:?}");
        }
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
    fn words_are_split_at_ascii_whitespace_only() {
        for text in [
            "",
            "   ",
            "one",
            " two  words ",
            "tab\tand\nnew\x0bline\x0c\r end",
            "caf\u{e9} na\u{ef}ve\u{a0}nbsp\u{2003}em",
            &"word ".repeat(40),
            &"x".repeat(64),
            &format!("{} {}", "a".repeat(63), "b".repeat(70)),
            &format!("{} b", "a".repeat(64)),
            "\x08\x09\x0d\x0e\x1f\x20\x21\x7f a",
            "ab\tcd\x0bef\x0c\x0dgh  ijklmnop qrstuvwx",
            "\u{2019}\u{201c}quoted\u{201d} \u{2014} dash\u{2009}thin \u{e9}\u{e9}\u{e9}\u{e9}",
        ] {
            assert_eq!(count_words(text), ascii_words(text), "{text:?}");
        }
        assert_eq!(
            count_words("10\u{a0}km of road"),
            3,
            "a no-break space joins"
        );
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

    /// The reference: words between ASCII whitespace, one character at a time.
    pub(super) fn ascii_words(text: &str) -> usize {
        text.split(|c: char| c.is_ascii() && c.is_whitespace())
            .filter(|word| !word.is_empty())
            .count()
    }

    #[test]
    fn credit_normalisation() {
        assert_eq!(normalise_credit(" A |B|  C  D "), "A | B | C D");
        assert_eq!(normalise_credit("||"), "");
        assert_eq!(
            normalise_credit("Libkos |Getty Images News|  Getty Images"),
            "Libkos | Getty Images News | Getty Images"
        );
        assert_eq!(normalise_credit(" | a\u{a0}b |\t| c "), "a b | c");
    }

    #[test]
    fn long_first_sentences_are_cut_at_a_word() {
        let long = "word ".repeat(80);
        let sentence = first_sentence(&long);
        assert!(sentence.ends_with('…') && sentence.chars().count() <= 201);
    }
}

#[cfg(test)]
mod properties {
    use super::tests::parse_body;
    use super::*;
    use proptest::prelude::*;

    /// `first_sentence` without the shortcut for long paragraphs, as the reference.
    fn whole_first_sentence(paragraph: &str) -> String {
        sentence_of(&paragraph.split_whitespace().collect::<Vec<_>>().join(" "))
    }

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
                    Block::Quote { html, attribution_html } => {
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
        fn long_paragraphs_give_the_same_first_sentence_as_whole_ones(
            words in proptest::collection::vec("[a-zé]{1,30}[.?!]?", 1..400),
            gaps in proptest::collection::vec("[ \t\n]{1,3}", 400),
        ) {
            let paragraph: String = words.iter().zip(&gaps).map(|(w, g)| format!("{w}{g}")).collect();
            prop_assert_eq!(first_sentence(&paragraph), whole_first_sentence(&paragraph));
        }

        #[test]
        fn words_are_counted_at_ascii_whitespace_for_any_text(text in "[ -~\t\n\r\x0b\x0c\x00-\x1f\u{80}-\u{3000}]{0,200}") {
            prop_assert_eq!(count_words(&text), super::tests::ascii_words(&text));
        }

        #[test]
        fn slugs_are_always_url_safe_and_stable(text in "\\PC{0,40}") {
            let slug = crate::slug::slugify(&text);
            prop_assert!(slug.is_empty() || crate::slug::is_valid_slug(&slug), "{slug:?}");
            prop_assert_eq!(crate::slug::slugify(&slug), slug.clone());
        }
    }
}
