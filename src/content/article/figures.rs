//! The photos of one article: its lead image (`image:` in front matter, its caption through
//! the checked inline Markdown path) and the photo pipeline and credit checks over every
//! figure and every image inside text. Split from [`super`] to keep each file short.

use std::path::Path;

use super::super::front_matter::{self, LeadImage};
use super::AttachPhotos;
use crate::error::{Error, Location};
use crate::markdown::{self, Body, Figure, InlineImage, Resolve};

/// Where reading the lead image puts what it finds: problems, and images in its caption.
pub(super) struct Found<'a> {
    pub(super) errors: &'a mut Vec<Error>,
    pub(super) images: &'a mut Vec<InlineImage>,
    /// Warnings at lines of the file (a caption's link to a removed article).
    pub(super) warnings: &'a mut Vec<markdown::Problem>,
}

/// The lead photo from front matter as a figure; `at` is the `image:` line and the YAML it is
/// in (where its caption's line is looked up when the caption has a problem).
pub(super) fn lead_figure(
    image: LeadImage,
    (at, yaml): (&Location, &str),
    renderer: &markdown::Renderer<'_>,
    resolver: &dyn Resolve,
    found: Found<'_>,
) -> Figure {
    let Found {
        errors,
        images,
        warnings,
    } = found;
    // A missing alt may still come from the photo (issue #19): checked in `check_photos`.
    let alt = image.alt.unwrap_or_default().trim().to_string();
    let (src, file) = if markdown::is_script_url(&image.src) {
        errors.push(Error::content(
            at.clone(),
            "the lead image `src` is a script URL, which is not allowed",
        ));
        (String::new(), None)
    } else {
        resolver.image(&image.src).unwrap_or_else(|message| {
            errors.push(Error::content(at.clone(), format!("lead image: {message}")));
            (image.src.clone(), None)
        })
    };
    let mut figure = Figure::new(src, image.src, alt, file, at.line.unwrap_or(1));
    figure.lead = true;
    match crop_focus(&image.focus) {
        Ok(focus) => figure.focus = focus,
        Err(message) => {
            let line = front_matter::line_of_nested_value(yaml, "image", "focus");
            errors.push(Error::content(
                Location::line(&at.path, line.or(at.line).unwrap_or(1)),
                message,
            ));
        }
    }
    let caption = image.caption.filter(|c| !c.trim().is_empty()).map(|c| {
        let line = at.line.unwrap_or(1);
        let piece = renderer.inline_with_images(&c, line);
        // Images in the caption are checked with those of the body (they stand in text).
        images.extend(piece.images);
        // Reported at the caption's own line: the lines are counted from `image:` while
        // rendering, and the caption's line is looked up only when there is a problem.
        let caption_line = (!piece.problems.is_empty() || !piece.warnings.is_empty())
            .then(|| front_matter::line_of_nested_value(yaml, "image", "caption"))
            .flatten()
            .unwrap_or(line);
        let at_caption = |found: usize| caption_line + found.saturating_sub(line);
        warnings.extend(piece.warnings.into_iter().map(|p| markdown::Problem {
            line: at_caption(p.line),
            message: format!("`image.caption`: {}", p.message),
        }));
        errors.extend(piece.problems.into_iter().map(|p| {
            Error::content(
                Location::line(&at.path, at_caption(p.line)),
                format!("`image.caption`: {}", p.message),
            )
        }));
        (piece.html, piece.text.trim().to_string())
    });
    if let Some((html, text)) = caption {
        figure.caption_html = Some(html);
        figure.caption_text = text;
    }
    figure.caption_from = figure.caption_html.is_some().then_some("written");
    figure.credit = image
        .credit
        .map(|c| markdown::normalise_credit(&c))
        .filter(|c| !c.is_empty());
    figure.credit_from = figure.credit.is_some().then_some("written");
    figure
}

/// The crop centre written as `image.focus: [x, y]` (fractions of the photo's width and
/// height, from its top left corner), or the centre when none is written.
fn crop_focus(written: &crate::yaml::Value) -> Result<(f64, f64), String> {
    const CENTRE: (f64, f64) = (0.5, 0.5);
    if written.is_null() {
        return Ok(CENTRE);
    }
    // Numbers only: a quoted "0.5" is text, as for every other number in front matter.
    let fraction = |value: &crate::yaml::Value| value.number().filter(|n| (0.0..=1.0).contains(n));
    let items = written.list();
    if let Some([x, y]) = items.as_deref() {
        if let (Some(x), Some(y)) = (fraction(x), fraction(y)) {
            return Ok((x, y));
        }
    }
    let as_written = |value: &crate::yaml::Value| match value.text() {
        Some(text) if value.is_string() && text.trim().parse::<f64>().is_ok() => {
            format!("\"{text}\" (text: write the number without quotes)")
        }
        Some(text) => text,
        None => value.kind().to_string(),
    };
    let shown = match items {
        Some(items) => format!(
            "[{}]",
            items.iter().map(as_written).collect::<Vec<_>>().join(", ")
        ),
        None => as_written(written),
    };
    Err(format!(
        "`image.focus` must be two fractions between 0 and 1 — across the photo's width, then down its height — e.g. `focus: [0.5, 0.3]` (the centre, [0.5, 0.5], is the default); found {shown}"
    ))
}

/// Runs the photo pipeline over every figure and every image inside running text, and checks
/// alt text and credits after it (it may find them embedded in the photo), returning every
/// problem at once.
pub(super) fn check_photos(
    source: &Path,
    photos: &dyn AttachPhotos,
    (require_credits, credit_label): (bool, Option<&str>),
    lead: Option<&mut Figure>,
    body: &mut Body,
) -> Vec<Error> {
    let mut errors = Vec::new();
    for figure in lead.into_iter().chain(body.figures_mut()) {
        let attached = photos
            .attach(source, figure)
            .map_err(|error| errors.push(error))
            .is_ok();
        // A photo that could not be read may carry a credit or alt text we could not see: its
        // own error comes first. Other figures can only be described and credited in writing.
        let knowable = attached || !may_embed_metadata(figure);
        if figure.alt.is_empty() && knowable {
            errors.push(missing_alt(source, figure));
        }
        if require_credits && figure.credit.is_none() && knowable {
            errors.push(missing_credit(source, figure, credit_label));
        }
    }
    for image in &body.inline_images {
        if require_credits {
            errors.push(Error::content(
                Location::line(source, image.line),
                format!(
                    "image `{}` stands inside text, where it can have no caption or credit of its own: start a paragraph with it to make it a figure, with a last line `Credit: Photographer | Agency` (or set `require_credits: false` in site.yaml)",
                    image.written_src
                ),
            ));
        }
        if let Err(error) = photos.inline(source, image) {
            errors.push(error);
        }
    }
    errors
}

/// Only local JPEGs (IPTC, XMP) and WebPs (XMP) carry metadata that we read.
pub(in crate::content) fn may_embed_metadata(figure: &Figure) -> bool {
    figure.file.as_ref().is_some_and(|image| {
        let extension = image
            .file
            .extension()
            .and_then(|e| e.to_str())
            .unwrap_or("");
        ["jpg", "jpeg", "webp"]
            .iter()
            .any(|known| extension.eq_ignore_ascii_case(known))
    })
}

/// The photo's own field, as the writer finds it in photo software.
const ALT_FIELD: &str = "the photo's IPTC “Alt Text (Accessibility)” field";

fn missing_alt(source: &Path, figure: &Figure) -> Error {
    let message = if figure.lead {
        format!("the lead image has no `alt` (and the photo carries none): add `alt: <what the photo shows>` under `image:`, or fill in {ALT_FIELD}")
    } else {
        let src = &figure.written_src;
        format!("image `{src}` has no alt text (and the photo carries none): describe the photo between the brackets, e.g. ![Crowds outside parliament at night]({src}), or fill in {ALT_FIELD}")
    };
    Error::content(Location::line(source, figure.line), message)
}

fn missing_credit(source: &Path, figure: &Figure, label: Option<&str>) -> Error {
    // The site language's own word is read too (`Crédit :`, issue #21).
    let read = match label {
        Some(label) => format!("`Credit:` or `{label}:`"),
        None => "`Credit:`".to_string(),
    };
    let message = if figure.lead {
        "the lead image has no `credit` (and the photo carries none): add `credit: Photographer | Agency` under `image:` (or set `require_credits: false` in site.yaml)".to_string()
    } else if let Some(lookalike) = &figure.credit_lookalike {
        format!(
            "figure `{}` has no credit (and the photo carries none): its last line starts `{lookalike}:`, but only a line starting {read} is read as the credit: write `Credit: Photographer | Agency` (or set `require_credits: false` in site.yaml)",
            figure.written_src
        )
    } else {
        format!(
            "figure `{}` has no credit (and the photo carries none): add a last line `Credit: Photographer | Agency` under its caption (or set `require_credits: false` in site.yaml)",
            figure.written_src
        )
    };
    Error::content(Location::line(source, figure.line), message)
}
