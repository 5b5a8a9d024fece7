//! The second half of a load: a [`Surveyed`] site (settings, theme, every front matter) whose
//! bodies are then parsed, handing each article to the build as it is ready. It owns what a
//! load that meets errors keeps ([`LoadOutcome`]: the site without the articles left out, or
//! the [`Stop`] of the whole site); it must not render or write pages itself.

use std::path::PathBuf;
use std::sync::{Arc, OnceLock};

use rustc_hash::FxHashSet as HashSet;

use crate::config::SiteConfig;
use crate::content::{self, Article};
use crate::error::{Error, Result, Warning};
use crate::photos::Photos;
use crate::progress::Progress;
use crate::render::Frame;
use crate::templates::Theme;

use super::Site;

/// A site whose front matter is read and whose bodies are not: see [`Site::survey`].
pub struct Surveyed {
    pub(super) root: PathBuf,
    pub(super) config: SiteConfig,
    pub(super) theme: Result<Theme>,
    pub(super) survey: content::Survey,
    pub(super) photos: Photos,
    pub(super) progress: Arc<Progress>,
}

impl Surveyed {
    /// Tells the progress counters how many photos the article pass may resize: the resizable
    /// files under `content/` and in `statics` (the files of `static/`). A file that no figure
    /// shows is counted and never resized; finding which are shown would mean reading every
    /// body first.
    pub fn expect_photos(&self, statics: &[(PathBuf, String)]) {
        let photos = self
            .survey
            .assets()
            .iter()
            .map(|a| &a.file)
            .chain(statics.iter().map(|(file, _)| file))
            .filter(|file| self.photos.may_replace(file))
            .count();
        self.progress.expect_photos(photos);
    }

    /// Files under `content/` that can be published before any article is read: those photo
    /// processing cannot replace.
    pub fn content_files_known_early(&self) -> Vec<(PathBuf, String)> {
        self.survey
            .assets()
            .iter()
            .filter(|a| !self.photos.may_replace(&a.file))
            .map(|a| (a.file.clone(), a.content_path.clone()))
            .collect()
    }

    /// The search index to build beside the article pass (none with `search: false`).
    pub fn plan_search(&self) -> Option<crate::search::SearchIndex> {
        let order = self.survey.search_order(&self.config.timezone);
        crate::search::SearchIndex::plan(&self.config, &self.root, order, self.survey.sections())
    }

    /// The content paths of the articles the feed will show, from their front matter.
    pub fn feed_articles(&self) -> HashSet<String> {
        self.survey
            .newest(self.config.feed_limit, &self.config.timezone)
    }

    /// Parses every body in parallel, attaches its photos, checks its credits, then hands the
    /// article and what every page shares to `each` (a build renders and writes the page there).
    /// Every problem of the theme and of every file is reported together.
    #[cfg(test)]
    pub fn finish<F>(self, each: F) -> Result<Site>
    where
        F: Fn(&Frame<'_>, &mut Article) -> Result<()> + Sync,
    {
        let outcome = self.load_all(each, false);
        match outcome.site {
            Ok(site) if outcome.errors.is_empty() => Ok(site),
            _ => Err(Error::from_list(outcome.errors)),
        }
    }

    /// Parses every body in parallel, attaches its photos, checks its credits and hands each
    /// article with what every page shares to `each` (a build renders and writes the page
    /// there), keeping what loaded when some files have errors: the articles that built, every
    /// problem of the theme and of every file, and (with `note_left_out`) the pages left out. Nothing is handed to `each` when a problem of the whole site stops it.
    pub fn load_all<F>(self, each: F, note_left_out: bool) -> LoadOutcome
    where
        F: Fn(&Frame<'_>, &mut Article) -> Result<()> + Sync,
    {
        let Surveyed {
            root,
            config,
            theme,
            survey,
            photos,
            progress,
        } = self;
        let theme = match theme {
            Ok(theme) => theme,
            Err(error) => {
                // Still read every article, so the writer sees all problems in one go.
                let mut errors = error.into_list();
                let loaded = survey.finish(
                    &root,
                    &config,
                    &photos,
                    (|_: &_| {}, |_: &mut _| Ok(())),
                    note_left_out,
                );
                errors.extend(loaded.errors);
                return LoadOutcome {
                    site: Err(Stop::Theme),
                    errors,
                    left_out: loaded.left_out,
                    warnings: loaded.content.warnings,
                };
            }
        };
        // Made once the authors' photos are processed (bylines carry them), before any
        // article is built.
        let frame: OnceLock<Frame<'_>> = OnceLock::new();
        let sections = survey.sections().to_vec();
        // Two files claiming one URL and the like: find the rest of the problems, but render
        // nothing (the pages could only collide).
        let blocked = survey.is_blocked();
        let loaded = survey.finish(
            &root,
            &config,
            &photos,
            (
                |authors: &crate::authors::Authors| {
                    let _ = frame.set(Frame::new(&config, &theme, &sections, authors));
                },
                |article: &mut Article| {
                    if blocked {
                        Ok(())
                    } else {
                        let frame = frame.get().expect("made before any article is built");
                        each(frame, article).map_err(Error::into_list)
                    }
                },
            ),
            note_left_out,
        );
        drop(frame);
        // A lost index only costs re-reading photos next time.
        let _ = photos.save_index();
        let content::Loaded {
            mut content,
            mut errors,
            mut left_out,
        } = loaded;
        if note_left_out {
            leave_out_missing_templates(&theme, &mut content, &mut errors, &mut left_out);
        }
        let site = Site {
            root,
            config,
            theme,
            content,
            photos,
            progress,
        };
        if blocked {
            return LoadOutcome {
                warnings: site.warnings(),
                site: Err(Stop::Urls),
                errors,
                left_out,
            };
        }
        LoadOutcome {
            site: Ok(site),
            errors,
            left_out,
            warnings: Vec::new(),
        }
    }
}

/// Leaves out the articles that name a template the theme does not have, as if their own
/// errors had: a build finds them as it renders each page, but `check` and `serve` render
/// the listings with every article that loaded, and one such article stopped them all.
fn leave_out_missing_templates(
    theme: &Theme,
    content: &mut content::Content,
    errors: &mut Vec<Error>,
    left_out: &mut Vec<String>,
) {
    let before = errors.len();
    content.articles.retain(
        |article| match crate::render::missing_template(theme, article) {
            Some(error) => {
                errors.push(error);
                left_out.push(article.path.clone());
                false
            }
            None => true,
        },
    );
    if errors.len() > before {
        errors.sort_by_cached_key(Error::sort_key);
    }
}

/// What stops a whole site from rendering, so that no page is checked or served.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Stop {
    /// `site.yaml` cannot be read.
    Settings,
    /// A template does not compile.
    Theme,
    /// Two files claim one URL, or a file claims a page the site generates.
    Urls,
}

impl Stop {
    /// What stopped it, for the closing line of `check`.
    pub fn reason(self) -> &'static str {
        match self {
            Stop::Settings => "site.yaml cannot be read",
            Stop::Theme => "a template does not compile",
            Stop::Urls => "two pages would publish at one URL",
        }
    }
}

/// A load that goes on past the errors of single files ([`Surveyed::load_all`]).
pub struct LoadOutcome {
    /// The site without the articles left out by their own errors, or what stopped it.
    pub site: std::result::Result<Site, Stop>,
    /// Every problem found, sorted by file and line.
    pub errors: Vec<Error>,
    /// Site paths (`world/summit/`) of the articles left out by their own errors.
    pub left_out: Vec<String>,
    /// The warnings found, when there is no site to ask ([`Site::warnings`] otherwise).
    pub warnings: Vec<Warning>,
}
