//! The structure a Markdown body becomes: blocks, figures, pull quotes, numbered sections and
//! footnotes, which templates render. Data and small accessors only: it must not parse
//! Markdown or render HTML (that is `convert`'s), nor touch files.

use serde::Serialize;

use super::Problem;

/// One piece of an intro or section, in reading order.
#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Block {
    /// Rendered Markdown (paragraphs, lists, tables, raw HTML …).
    Html {
        /// The HTML, safe to emit as is.
        #[serde(serialize_with = "crate::html::serialize_html")]
        html: String,
    },
    /// A photo with caption and credit.
    Figure(Box<Figure>),
    /// A pull quote with its attribution.
    Quote {
        /// The quoted text as HTML.
        #[serde(serialize_with = "crate::html::serialize_html")]
        html: String,
        /// Who said it, as inline HTML.
        #[serde(serialize_with = "crate::html::serialize_html")]
        attribution_html: String,
        /// The quote and attribution as plain text, for the search index (issue #20).
        #[serde(skip)]
        text: String,
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

/// One crop of a lead photo (issue #19): a published file of a fixed aspect ratio.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Crop {
    /// The aspect ratio, as written in the README: `16:9`, `4:3`, `1:1` or `1.91:1`.
    pub ratio: &'static str,
    /// The published URL, root-relative (under the base path).
    pub src: String,
    /// Width in pixels.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
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
    #[serde(serialize_with = "crate::html::serialize_optional_html")]
    pub caption_html: Option<String>,
    /// The caption as plain text (written, or the photo's own when it shows that), for the
    /// search index (issue #20).
    #[serde(skip)]
    pub caption_text: String,
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
    /// A lead photo's social-card crop (1.91:1, 1200 × 630 where the photo allows), for
    /// `og:image`; `None` for other figures and photos we do not process (issue #19).
    pub og: Option<Crop>,
    /// A lead photo's crops for structured data, in this order: 16:9, 4:3, 1:1 (issue #19).
    pub crops: Vec<Crop>,
    /// Where a lead photo's crops are centred, as fractions of its width and height
    /// (`image.focus`; the centre by default).
    #[serde(skip)]
    pub focus: (f64, f64),
    /// The largest resized copy (the one `width` and `height` describe), root-relative; for
    /// JSON-LD (issue #19).
    #[serde(skip)]
    pub largest_src: Option<String>,
    /// The photographer(s) the photo's IPTC/XMP names, for JSON-LD's `creator`.
    #[serde(skip)]
    pub creator: Vec<String>,
    /// The copyright notice the photo's IPTC/XMP carries, for JSON-LD's `copyrightNotice`.
    #[serde(skip)]
    pub copyright: Option<String>,
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
    /// A last caption line that looks like a credit under another label (`Photo: Ann Lee`), as
    /// written before its colon: the missing-credit error then says how to write it.
    #[serde(skip)]
    pub credit_lookalike: Option<String>,
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
            caption_text: String::new(),
            credit: None,
            credit_lookalike: None,
            lead: false,
            width: None,
            height: None,
            srcset: None,
            sizes: None,
            sources: Vec::new(),
            thumbnail: None,
            og: None,
            largest_src: None,
            creator: Vec::new(),
            copyright: None,
            crops: Vec::new(),
            focus: (0.5, 0.5),
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
    #[serde(serialize_with = "crate::html::serialize_html")]
    pub title_html: String,
    /// The heading as plain text, for the table of contents and messages.
    pub title_text: String,
    /// Content up to the next `## `.
    pub blocks: Vec<Block>,
    /// Its running text as plain words (captions and quotes included), for the search index
    /// (issue #20).
    #[serde(skip)]
    pub text: String,
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
    #[serde(serialize_with = "crate::html::serialize_html")]
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
    /// The intro's running text as plain words, for the search index (issue #20).
    #[serde(skip)]
    pub intro_text: String,
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
    /// `stakes new`'s skeleton paragraphs left whole in the body, each with its line.
    #[serde(skip)]
    pub placeholders: Vec<(usize, &'static str)>,
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
                        ..
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

#[cfg(test)]
mod tests {
    use super::*;

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
}
