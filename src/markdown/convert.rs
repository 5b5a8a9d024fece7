//! pulldown-cmark events → [`Body`]: blocks are walked in order, every event goes through
//! [`Converter::transform`] (heading ids, links and images resolved, script URLs refused,
//! footnotes numbered, words counted) and becomes HTML only as [`Checked`] events. Pure: no I/O,
//! and it must not call pulldown-cmark's HTML writer itself (that is `sanitise::to_html`).

mod figures;
mod urls;

use std::ops::Range;

use pulldown_cmark::{CowStr, Event, HeadingLevel, Tag, TagEnd};
use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use super::model::{Block, Body, Footnote, Section};
use super::sanitise::{sanitize, to_html, Checked};
use super::text::{count_newlines, count_words, first_sentence, is_ascii_space};
use super::{Problem, Renderer, RESERVED_IDS};
use crate::slug::slugify;

pub(super) struct Converter<'a, 'r> {
    src: &'a str,
    first_line: usize,
    /// (offset, newlines before it): lines are asked for in increasing order, so each is
    /// counted from the last answer instead of indexing every line of the file up front.
    lines_counted: std::cell::Cell<(usize, usize)>,
    renderer: &'r Renderer<'r>,
    pub(super) problems: Vec<Problem>,
    ids: HashSet<String>,
    footnote_numbers: HashMap<String, u32>,
    pub(super) footnotes: Vec<Footnote>,
    pub(super) body: Body,
    pending: Checked<'a>,
    /// Whether the last text ended inside a word: a word goes on across text and inline
    /// events (`don’t` is three events with smart punctuation, `**x**y` three more).
    in_word: bool,
    /// The plain text read since the last section began (text and code events, a space at
    /// each break between words), for the search index (issue #20).
    pub(super) text: String,
    /// Whether some `#` is followed by a no-break space ([`Converter::lost_headings`]).
    odd_headings: bool,
    /// Whether the link being read is shown as its text ([`super::LinkNotice::Dropped`]):
    /// its start and end are left out. Links do not nest.
    dropping_link: bool,
}

pub(super) type Spanned<'a> = (Event<'a>, Range<usize>);

/// Whether a `#` is followed by a space that only looks like one: one vector search per body,
/// as nearly none has such a line.
fn has_odd_heading_space(markdown: &str) -> bool {
    // One pass over the few `#` of a body: every article and caption is read, and building two
    // substring searchers per text cost ~1 % of a large build.
    let bytes = markdown.as_bytes();
    memchr::memchr_iter(b'#', bytes).any(|at| {
        let after = &bytes[at + 1..];
        after.starts_with("\u{a0}".as_bytes()) || after.starts_with("\u{202f}".as_bytes())
    })
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
    pub(super) fn new(src: &'a str, first_line: usize, renderer: &'r Renderer<'r>) -> Self {
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
            text: String::new(),
            odd_headings: has_odd_heading_space(src),
            dropping_link: false,
        }
    }

    /// Renders checked events to HTML, sanitised when the site asks for it. The events are
    /// drained, so a buffer used for every block keeps its capacity.
    pub(super) fn html(&self, events: &mut Checked<'a>) -> String {
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
    pub(super) fn convert(&mut self, events: &mut [Spanned<'a>]) {
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
            if let [(Event::Start(Tag::Paragraph), span), (Event::Text(text), _), _] = &*block {
                if let Some(placeholder) = super::skeleton::placeholder_paragraph(text) {
                    let line = self.line_of(span.start);
                    self.body.placeholders.push((line, placeholder));
                }
            }
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
        self.close_text();
    }

    /// Hands the text read so far to the intro or the section it belongs to.
    fn close_text(&mut self) {
        let text = std::mem::take(&mut self.text);
        match self.body.sections.last_mut() {
            Some(section) => section.text = text,
            None => self.body.intro_text = text,
        }
    }

    /// The plain text read since `mark` (a length of [`Self::text`]), taken out of it.
    pub(super) fn text_since(&mut self, mark: usize) -> String {
        let text = self.text.split_off(mark);
        text.trim().to_string()
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

    fn warning(&mut self, offset: usize, message: String) {
        let line = self.line_of(offset);
        self.body.warnings.push(Problem { line, message });
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

    /// A heading's id: the one written (`{#id}`), or else the slug of its text, made unique.
    fn heading_id(&mut self, custom: Option<&str>, text: &str) -> String {
        match custom {
            Some(custom) => self.unique_id(custom),
            None => self.unique_id(&slugify(text)),
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
        self.close_text();
        let last = block.len() - 1;
        let title_text = plain_text(&block[1..last]).trim().to_string();
        let (id, numbered) = match &block[0].0 {
            Event::Start(Tag::Heading { id, classes, .. }) => (
                self.heading_id(id.as_deref(), &title_text),
                !classes.iter().any(|c| c.as_ref() == "unnumbered"),
            ),
            _ => unreachable!("sections start with a heading"),
        };
        let mut title_events = Checked::default();
        self.transform(&mut block[1..last], &mut title_events);
        // The heading's words are its title, not the section's text.
        self.text.clear();
        let number = numbered.then(|| self.body.numbered_count() + 1);
        let line = self.line_of(block[0].1.start);
        self.body.sections.push(Section {
            number,
            id,
            title_html: self.html(&mut title_events),
            title_text,
            blocks: Vec::new(),
            text: String::new(),
            line,
        });
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
    pub(super) fn transform(&mut self, events: &mut [Spanned<'a>], checked: &mut Checked<'a>) {
        let out = &mut checked.0;
        // A run of events handed over together starts a block: no word goes on into it.
        self.in_word = false;
        if self.renderer.keep_text {
            self.text.push(' ');
        }
        for i in 0..events.len() {
            let offset = events[i].1.start;
            // Headings and images need their text, which follows them: read before moving.
            let inner_text = match &events[i].0 {
                Event::Start(Tag::Heading { .. } | Tag::Image { .. }) => {
                    Some(plain_text(&events[i + 1..matching_end(events, i)]))
                }
                _ => None,
            };
            let event = std::mem::replace(&mut events[i].0, Event::SoftBreak);
            let html_continues = matches!(out.last(), Some(Event::Html(_)));
            let event = self.check_event(event, inner_text, offset, (events, i), html_continues);
            out.push(event);
        }
    }

    /// One event of [`Self::transform`], checked: `inner_text` is a heading's or image's text,
    /// `(events, i)` where it stood (for looking ahead), `html_continues` whether it continues an
    /// HTML block already read.
    fn check_event(
        &mut self,
        event: Event<'a>,
        inner_text: Option<String>,
        offset: usize,
        (events, i): (&[Spanned<'a>], usize),
        html_continues: bool,
    ) -> Event<'a> {
        match event {
            Event::Start(Tag::Heading {
                level,
                id,
                classes,
                attrs,
            }) => {
                let id = self.heading_id(id.as_deref(), &inner_text.unwrap_or_default());
                Event::Start(Tag::Heading {
                    level,
                    id: Some(CowStr::from(id)),
                    classes,
                    attrs,
                })
            }
            Event::Start(link @ Tag::Link { .. }) => self.link_start(link, offset),
            Event::End(TagEnd::Link) if self.dropping_link => {
                self.dropping_link = false;
                Event::Text(CowStr::Borrowed(""))
            }
            Event::Start(Tag::Image {
                link_type,
                dest_url,
                title,
                id,
            }) => Event::Start(Tag::Image {
                link_type,
                dest_url: CowStr::from(self.inline_image_url(
                    &dest_url,
                    inner_text.unwrap_or_default().trim(),
                    offset,
                )),
                title,
                id,
            }),
            Event::FootnoteReference(name) => self.footnote_reference(&name),
            Event::Text(text) => {
                self.read_text(&text, events, i);
                if self.renderer.keep_text {
                    self.text.push_str(&text);
                }
                Event::Text(text)
            }
            Event::Code(text) => {
                self.count_words_of(&text);
                if self.renderer.keep_text {
                    self.text.push_str(&text);
                }
                Event::Code(text)
            }
            Event::Html(html) => {
                if !html_continues {
                    self.refuse_script_urls_in_block(&html, &events[i + 1..], offset);
                }
                Event::Html(html)
            }
            Event::InlineHtml(html) => {
                self.refuse_script_urls(&html, offset);
                Event::InlineHtml(html)
            }
            other => {
                if breaks_words(&other) {
                    self.in_word = false;
                    if self.renderer.keep_text {
                        self.text.push(' ');
                    }
                }
                other
            }
        }
    }

    /// A link's start with its URL resolved (or an empty text when the link is dropped: its
    /// target was removed at expiry, and only its text is shown).
    fn link_start(&mut self, link: Tag<'a>, offset: usize) -> Event<'a> {
        let Tag::Link {
            link_type,
            dest_url,
            title,
            id,
        } = link
        else {
            unreachable!("called with links only")
        };
        let dest_url = self.link_url(&dest_url, offset);
        if self.dropping_link {
            return Event::Text(CowStr::Borrowed(""));
        }
        Event::Start(Tag::Link {
            link_type,
            dest_url: CowStr::from(dest_url),
            title,
            id,
        })
    }

    /// Counts a text's words, and looks for a link or image Markdown did not read (`text` is
    /// event `i` of `events`).
    fn read_text(&mut self, text: &str, events: &[Spanned<'a>], i: usize) {
        if text.ends_with(']') {
            self.unread_destination(events, i);
        }
        self.count_words_of(text);
    }

    /// A footnote mark linking to its note, numbered by first reference; only the first
    /// reference to a note gets the id its back link points to.
    fn footnote_reference(&mut self, name: &str) -> Event<'a> {
        let first = !self.footnote_numbers.contains_key(name);
        let number = self.footnote_number(name);
        let slug = footnote_slug(name);
        let id_attr = if first {
            format!(" id=\"fnref-{slug}\"")
        } else {
            String::new()
        };
        Event::InlineHtml(CowStr::from(format!(
            "<sup class=\"footnote-ref\"{id_attr}><a href=\"#fn-{slug}\">{number}</a></sup>"
        )))
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

fn footnote_slug(name: &str) -> String {
    let slug = slugify(name);
    if slug.is_empty() {
        "note".to_string()
    } else {
        slug
    }
}
