//! Authors in the content passes (issue #19): what the survey knows of each article's authors
//! (for the directory of author pages, before any body is read), and the bios and photos of
//! `authors.yaml`, rendered in the body pass like a section's introduction: the bio through the one checked Markdown path (links resolved as
//! from `content/`, script URLs refused, sanitised when the site asks), the photo through the
//! photo pipeline with the credit figures need. It must not decide who has a page (that is
//! [`crate::authors`]) or render the author pages.

use std::path::Path;

use super::article::AttachPhotos;
use super::links::{ArticleResolver, LinkIndex};
use crate::authors::{AuthorEntry, AuthorProfile, Authors, WrittenPhoto};
use crate::config::SiteConfig;
use crate::error::{Error, Location};

use crate::layout::AUTHORS_FILE;
use crate::markdown::{self, Figure, Resolve};

impl super::Survey {
    /// Every article as the author directory sees it, from its front matter: its authors
    /// (`default_authors`, from site.yaml, when it names none) and whether it is listed.
    pub fn author_facts<'a>(
        &'a self,
        default_authors: &'a [String],
    ) -> impl Iterator<Item = crate::authors::AuthorFacts<'a>> {
        self.listing_facts()
            .zip(&self.drafts)
            .map(move |(facts, d)| crate::authors::AuthorFacts {
                source: &d.file.shown,
                names: d
                    .front
                    .authors
                    .as_ref()
                    .map_or(default_authors, |a| a.names()),
                yaml: if d.front.authors.is_some() {
                    &d.yaml
                } else {
                    ""
                },
                listed: !facts.page,
                public: !facts.draft,
            })
    }

    /// Sets the site's authors, with the problems found reading `authors.yaml` (`errors`) and
    /// the URLs two authors would share (`clashes`, which block the site like two articles
    /// on one URL).
    pub fn set_authors(
        &mut self,
        authors: crate::authors::Authors,
        mut errors: Vec<Error>,
        mut clashes: Vec<Error>,
    ) {
        self.authors = authors;
        self.errors.append(&mut errors);
        self.blocking.append(&mut clashes);
    }

    /// The authors with pages, known before any body is parsed.
    pub fn authors(&self) -> &crate::authors::Authors {
        &self.authors
    }
}

/// The `sizes` of an author's photo: the default theme shows it 12rem wide beside the bio,
/// full width (at most 12rem) on a phone.
const PHOTO_SIZES: &str = "12rem";

/// Renders every entry's bio and photo into `authors.profiles`, adding every problem to
/// `errors`. Entries whose author has no page are rendered too: their problems are the
/// file's, and are reported whether or not an article names them yet.
pub(super) fn render_profiles(
    authors: &mut Authors,
    root: &Path,
    config: &SiteConfig,
    index: &LinkIndex<'_>,
    photos: &dyn AttachPhotos,
    errors: &mut Vec<Error>,
) {
    let resolver = ArticleResolver {
        root,
        config,
        article_dir: "",
        index,
    };
    let renderer = markdown::Renderer::new(&resolver, !config.unsafe_html)
        .crediting_with(config.translations.credit_label());
    let profiles = authors
        .book
        .entries
        .iter()
        .map(|entry| profile(entry, &renderer, &resolver, photos, config, errors))
        .collect();
    authors.profiles = profiles;
}

fn profile(
    entry: &AuthorEntry,
    renderer: &markdown::Renderer<'_>,
    resolver: &dyn Resolve,
    photos: &dyn AttachPhotos,
    config: &SiteConfig,
    errors: &mut Vec<Error>,
) -> AuthorProfile {
    let bio_html = entry.bio.as_ref().map(|(bio, line)| {
        let (html, problems) = renderer.document(bio, *line);
        errors.extend(problems.into_iter().map(|p| {
            Error::content(
                Location::line(AUTHORS_FILE, p.line),
                format!("`bio` of `{}`: {}", entry.name, p.message),
            )
        }));
        html
    });
    let photo = entry.photo.as_ref().map(|written| {
        author_photo(
            &entry.name,
            written,
            resolver,
            photos,
            config.require_credits,
            errors,
        )
    });
    AuthorProfile { bio_html, photo }
}

/// An author's photo as a figure, processed like any other: alt text required, the image
/// resolved and resized, and a credit required (written, or embedded in the photo).
fn author_photo(
    name: &str,
    written: &WrittenPhoto,
    resolver: &dyn Resolve,
    photos: &dyn AttachPhotos,
    require_credits: bool,
    errors: &mut Vec<Error>,
) -> Figure {
    let at = Location::line(AUTHORS_FILE, written.line);
    let alt = written
        .alt
        .as_deref()
        .unwrap_or_default()
        .trim()
        .to_string();
    let (src, file) = if markdown::is_script_url(&written.src) {
        errors.push(Error::content(
            at.clone(),
            format!("the photo of `{name}` has a script URL as `src`, which is not allowed"),
        ));
        (String::new(), None)
    } else {
        resolver.image(&written.src).unwrap_or_else(|message| {
            errors.push(Error::content(
                at.clone(),
                format!("the photo of `{name}`: {message}"),
            ));
            (written.src.clone(), None)
        })
    };
    let mut figure = Figure::new(src, written.src.clone(), alt, file, written.line);
    figure.credit = written
        .credit
        .as_deref()
        .map(markdown::normalise_credit)
        .filter(|c| !c.is_empty());
    figure.credit_from = figure.credit.is_some().then_some("written");
    let source = Path::new(AUTHORS_FILE);
    let attached = photos
        .attach(source, &mut figure)
        .map_err(|error| errors.push(error))
        .is_ok();
    // Shown at the top of the author page, and narrow there (the theme's `.author .figure`).
    figure.lead = true;
    if figure.sizes.is_some() {
        figure.sizes = Some(PHOTO_SIZES.to_string());
    }
    // A headshot shows its credit only: a caption the photo carries was written for the
    // photo's first use, not for the author page.
    figure.caption_html = None;
    let may_embed = super::article::may_embed_metadata(&figure);
    // Alt text may come from the photo (IPTC "Alt Text (Accessibility)"), as for figures.
    if figure.alt.is_empty() && (attached || !may_embed) {
        errors.push(Error::content(
            at.clone(),
            format!("the photo of `{name}` has no `alt` (and the photo carries none): add `alt: <what the photo shows>` under `photo:`, or fill in the photo's IPTC “Alt Text (Accessibility)” field"),
        ));
    }
    if require_credits && figure.credit.is_none() && (attached || !may_embed) {
        errors.push(Error::content(
            at,
            format!("the photo of `{name}` has no `credit` (and the photo carries none): add `credit: Photographer | Agency` under `photo:` (or set `require_credits: false` in site.yaml)"),
        ));
    }
    figure
}
