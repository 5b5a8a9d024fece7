//! Recognising figures (a paragraph opening with an image, then caption and credit lines) and
//! pull quotes (a blockquote ending in a dash line) among a body's blocks. It must not render
//! HTML except through the checked path of [`Converter`], nor resolve URLs but through its
//! `Resolve`.

use pulldown_cmark::{CowStr, Event, Tag};

use super::{matching_end, plain_text, written_text, Converter, Spanned};
use crate::markdown::model::{normalise_credit, Block, Figure, LocalImage};
use crate::markdown::sanitise::{is_script_url, Checked};
use crate::markdown::Problem;

impl<'a> Converter<'a, '_> {
    pub(super) fn figure(&mut self, block: &mut [Spanned<'a>]) -> Figure {
        let image_end = matching_end(block, 1);
        let (written_src, title) = match &block[1].0 {
            Event::Start(Tag::Image {
                dest_url, title, ..
            }) => (dest_url.to_string(), title.to_string()),
            _ => unreachable!("figure blocks start with an image"),
        };
        let offset = block[1].1.start;
        let alt = plain_text(&block[2..image_end]).trim().to_string();
        // A figure's alt may still come from the photo (issue #19): checked after the photo
        // pipeline, with its credit.
        let (src, file) = self.image_url(&written_src, None, offset);
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
        let label = self.renderer.credit_label;
        let credit = lines.last().and_then(|line| {
            let text = written_text(line);
            let text = text.trim();
            credit_text(text, "credit")
                .or_else(|| label.and_then(|label| credit_text(text, label)))
                .map(normalise_credit)
        });
        let credit_lookalike = match credit {
            Some(_) => {
                lines.pop();
                None
            }
            None => lines
                .last()
                .and_then(|line| credit_label(&written_text(line)).map(str::to_string)),
        };
        let mut caption_events = Checked::default();
        let mark = self.text.len();
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
        let caption_text = self.text_since(mark);
        let mut figure = Figure::new(src, written_src, alt, file, self.line_of(offset));
        figure.caption_text = caption_text;
        figure.caption_from = caption_html.is_some().then_some("written");
        figure.caption_html = caption_html;
        figure.credit = credit.filter(|c| !c.is_empty());
        figure.credit_from = figure.credit.is_some().then_some("written");
        figure.credit_lookalike = credit_lookalike;
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

    /// An image's URL and local file; `alt` is checked here when given (images inside text),
    /// and left to the article's photo checks when not (figures, whose photo may supply it).
    pub(super) fn image_url(
        &mut self,
        src: &str,
        alt: Option<&str>,
        offset: usize,
    ) -> (String, Option<LocalImage>) {
        if alt.is_some_and(str::is_empty) {
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
    pub(super) fn warn_of_list_attribution(&mut self, block: &[Spanned<'a>]) {
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
    pub(super) fn quote(&mut self, block: &mut [Spanned<'a>]) -> Option<Block> {
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
        let mark = self.text.len();
        self.transform(&mut inner[..start], &mut quote_events);
        let mut attribution_events = Checked::default();
        self.transform(&mut attribution, &mut attribution_events);
        Some(Block::Quote {
            html: self.html(&mut quote_events),
            attribution_html: self.html(&mut attribution_events).trim().to_string(),
            text: self.text_since(mark),
        })
    }
}

/// What follows `label:` at the start of a line (`Credit: AFP`, `Crédit : AFP`: the label in
/// any case, spaces allowed before the colon, as French writes it), if the line starts so.
fn credit_text<'t>(line: &'t str, label: &str) -> Option<&'t str> {
    let end = label_len(line, label);
    let head = &line[..end];
    let same = head.chars().count() == label.chars().count()
        && head
            .chars()
            .flat_map(char::to_lowercase)
            .eq(label.chars().flat_map(char::to_lowercase));
    if !same {
        return None;
    }
    line[end..]
        .trim_start_matches([' ', '\u{a0}', '\u{202f}'])
        .strip_prefix(':')
}

/// The byte length of the first `label`'s worth of characters of `line`.
fn label_len(line: &str, label: &str) -> usize {
    line.char_indices()
        .nth(label.chars().count())
        .map_or(line.len(), |(at, _)| at)
}

/// The label of a line that credits a photo under another name than `Credit:` (`Photo: Ann
/// Lee/Reuters`, `Picture: …`, `Source: …`), as written: stakes reads only `Credit:` lines.
fn credit_label(line: &str) -> Option<&str> {
    const LABELS: [&str; 12] = [
        "photo",
        "photos",
        "photograph",
        "picture",
        "pictures",
        "image",
        "images",
        "foto",
        "fotos",
        "pic",
        "source",
        "courtesy",
    ];
    let (label, _) = line.trim().split_once(':')?;
    let label = label.trim_end();
    LABELS
        .iter()
        .any(|known| known.eq_ignore_ascii_case(label))
        .then_some(label)
}

#[cfg(test)]
mod tests {
    use super::credit_text;

    #[test]
    fn a_credit_line_is_read_with_the_languages_word_in_any_case() {
        assert_eq!(credit_text("Credit: AFP", "credit"), Some(" AFP"));
        assert_eq!(credit_text("CREDIT:AFP", "credit"), Some("AFP"));
        assert_eq!(credit_text("Crédit : AFP", "Crédit"), Some(" AFP"));
        assert_eq!(credit_text("crédit\u{a0}: AFP", "Crédit"), Some(" AFP"));
        assert_eq!(credit_text("الصورة: رويترز", "الصورة"), Some(" رويترز"));
        assert_eq!(credit_text("Credits: AFP", "credit"), None);
        assert_eq!(credit_text("Cré", "Crédit"), None);
        assert_eq!(credit_text("Crédit", "Crédit"), None);
    }
}
