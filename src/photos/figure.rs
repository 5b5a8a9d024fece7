//! Fills a page's figure from its processed photo: dimensions, `src`, `srcset`, `sizes`, the
//! `<picture>` sources, a lead photo's crops (the Open Graph card among them), and the alt text, caption or credit embedded in the file
//! where the writer gave none. It must not read, decode or cache photos (pipeline, cache).

use crate::markdown::{Crop, Figure, ImageSource};

use super::crops::{CropSet, SOCIAL_CARD};
use super::pipeline::PhotoSet;

/// Attribute `sizes` for lead photos (which run wider than the text column) and inline ones.
const LEAD_SIZES: &str = "(min-width: 60rem) 52rem, 100vw";
const INLINE_SIZES: &str = "(min-width: 42rem) 40rem, 100vw";
/// The width the default `src` aims at.
const DEFAULT_WIDTH: u32 = 960;

/// Fills a figure from its photo: sizes, sources, and embedded caption or credit where the
/// writer gave none (what the writer wrote always wins).
pub(super) fn apply_set(figure: &mut Figure, set: &PhotoSet, base_path: &str) {
    apply_embedded(figure, set);
    if let Some((width, height)) = set.size {
        figure.width = Some(width);
        figure.height = Some(height);
    }
    let Some((_, fallback)) = set.by_type.last() else {
        return;
    };
    let url = |path: &str| published_url(base_path, path);
    let srcset = |list: &[(String, u32, u32)]| {
        list.iter()
            .map(|(p, w, _)| format!("{} {w}w", url(p)))
            .collect::<Vec<_>>()
            .join(", ")
    };
    let default = fallback
        .iter()
        .rev()
        .find(|(_, w, _)| *w <= DEFAULT_WIDTH)
        .or(fallback.first())
        .expect("at least one variant");
    let largest = fallback.last().expect("at least one variant");
    figure.width = Some(largest.1);
    figure.height = Some(largest.2);
    figure.src = url(&default.0);
    figure.largest_src = Some(url(&largest.0));
    figure.thumbnail = Some(url(&fallback[0].0));
    figure.srcset = Some(srcset(fallback));
    figure.sizes = Some(
        if figure.lead {
            LEAD_SIZES
        } else {
            INLINE_SIZES
        }
        .to_string(),
    );
    figure.sources = set.by_type[..set.by_type.len() - 1]
        .iter()
        .map(|(mime, list)| ImageSource {
            kind: mime.to_string(),
            srcset: srcset(list),
        })
        .collect();
}

/// The URL a published file is linked by (root-relative, under the base path).
pub(super) fn published_url(base_path: &str, output: &str) -> String {
    format!("{base_path}{}", crate::content::encode_path(output))
}

/// Gives a lead figure its crops: the social card's as `og`, the others as `crops`.
pub(super) fn apply_crops(figure: &mut Figure, set: &CropSet, base_path: &str) {
    for (shape, output, width, height) in &set.crops {
        let crop = Crop {
            ratio: shape.ratio,
            src: published_url(base_path, output),
            width: *width,
            height: *height,
        };
        if shape.name == SOCIAL_CARD {
            figure.og = Some(crop);
        } else {
            figure.crops.push(crop);
        }
    }
}

/// The alt text, credit and caption embedded in the photo, where the writer gave none, and its
/// creator and copyright notice for JSON-LD (issue #19).
fn apply_embedded(figure: &mut Figure, set: &PhotoSet) {
    figure.creator.clone_from(&set.embedded.byline);
    figure.copyright.clone_from(&set.embedded.copyright);
    if figure.alt.is_empty() {
        // Plain text, like a written alt: the templates escape it.
        if let Some(alt) = &set.embedded.alt_text {
            figure.alt = alt.clone();
        }
    }
    if figure.credit.is_none() {
        if let Some(line) = set.embedded.credit_line() {
            figure.credit = Some(line);
            figure.credit_from = Some("embedded");
        }
    }
    if figure.caption_html.is_none() {
        if let Some(caption) = &set.embedded.caption {
            figure.caption_html = Some(crate::html::escape_text(caption));
            // Shown, so searchable too (a trial of #20: it was on the page, not in the index).
            figure.caption_text = caption.trim().to_string();
            figure.caption_from = Some("embedded");
        }
    }
}
