//! The preview server's site: built once into a private folder, then updated on every change
//! with the least work that stays correct. Editing one article re-renders that article and the
//! pages that show it; a template change re-renders what uses it; a `static/` change copies one
//! file. Anything else (settings, sections, added or removed articles) rebuilds everything.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::content::{self, LinkIndex, LoadOptions, SourceFile};
use crate::error::{Error, Result, Warning};
use crate::layout::{CONTENT_DIR, STATIC_DIR};
use crate::output::{self, Staging};
use crate::progress::Progress;
use crate::render::{Job, RenderCache, Renderer};
use crate::site::{LoadOutcome, Site, SiteOptions};
use crate::templates::{DateStyle, Theme};

use super::watch::{classify, Change};

/// What one (re)build did, for the terminal and the browser.
#[derive(Debug)]
pub struct RebuildReport {
    /// What was rebuilt (`content/world/summit.md`, `templates/article.html`, `everything`).
    pub what: String,
    /// Pages rendered besides the changed article itself.
    pub pages: usize,
    /// Wall time.
    pub elapsed: Duration,
    /// Problems that did not stop the build.
    pub warnings: Vec<Warning>,
    /// Problems of single pages: the site was built without them (each shows its last good
    /// version if it had one), so one broken draft does not stop everyone's preview.
    pub errors: Option<Error>,
}

/// The preview's build state.
pub struct Workspace {
    root: PathBuf,
    base_url: String,
    load: LoadOptions,
    scratch: PathBuf,
    /// Number of the folder holding the current full build.
    folder: u64,
    /// Bumped on every successful rebuild, full or not.
    generation: u64,
    site: Option<Site>,
    /// The other languages' editions of a multilingual site (issue #21); any change to one
    /// rebuilds them all.
    other_editions: Vec<Site>,
    /// Kept from the last render while the articles' order and listings stay the same.
    cache: Option<RenderCache>,
    /// Whether the last rebuild failed; the next change then rebuilds everything.
    broken: bool,
    /// Where the next full build counts its progress (once taken, builds count privately).
    progress: Option<Arc<Progress>>,
    /// Whether an article edited in place changed what the search index holds; it is written
    /// again after the page reloads ([`Workspace::refresh_search`], issue #20).
    search_stale: bool,
}

impl Workspace {
    /// A workspace that builds `root` into folders under `scratch` (which it owns).
    pub fn new(root: &Path, base_url: String, load: LoadOptions, scratch: &Path) -> Workspace {
        Workspace {
            root: root.to_path_buf(),
            base_url,
            load,
            scratch: scratch.to_path_buf(),
            folder: 0,
            generation: 0,
            site: None,
            other_editions: Vec::new(),
            cache: None,
            broken: true,
            search_stale: false,
            progress: None,
        }
    }

    /// Counts the first full build's progress in `progress`, for the terminal.
    pub fn counting_first_build(mut self, progress: Arc<Progress>) -> Workspace {
        self.progress = Some(progress);
        self
    }

    /// The folder holding the current good build.
    pub fn output(&self) -> PathBuf {
        self.scratch.join(format!("site-{}", self.folder))
    }

    /// Builds everything into a new folder and switches to it. Articles and pages with errors
    /// of their own are left out (their last good page kept, if there was one) and reported
    /// in [`RebuildReport::errors`]; only a problem of the whole site fails it.
    pub fn full(&mut self) -> Result<RebuildReport> {
        let started = Instant::now();
        let result = self.full_inner();
        self.broken = !matches!(result, Ok((_, None)));
        result.map(|(pages, errors)| RebuildReport {
            what: "everything".to_string(),
            pages,
            elapsed: started.elapsed(),
            warnings: self.warnings(),
            errors,
        })
    }

    /// Every edition's warnings, each once.
    fn warnings(&self) -> Vec<Warning> {
        crate::site::once_each_warning(
            (self.site.iter())
                .chain(&self.other_editions)
                .flat_map(Site::warnings)
                .collect(),
        )
    }

    fn full_inner(&mut self) -> Result<(usize, Option<Error>)> {
        let options = SiteOptions {
            base_url: Some(self.base_url.clone()),
            include_drafts: self.load.include_drafts,
            include_future: self.load.include_future,
            now: self.load.now,
            process_images: true,
            progress: self.progress.take().unwrap_or_default(),
        };
        // Every language's edition of a multilingual site (issue #21), each into its folder.
        let outcomes = crate::site::load_every_language(&self.root, &options)?;
        let next = self.scratch.join(format!("site-{}", self.folder + 1));
        let mut staging = Staging::begin(&next, true)?;
        let mut sites = Vec::with_capacity(outcomes.len());
        let (mut pages, mut errors) = (0, Vec::new());
        let mut cache = None;
        for outcome in outcomes {
            let LoadOutcome {
                site,
                errors: mut found,
                left_out,
                ..
            } = outcome;
            let Ok(site) = site else {
                errors.append(&mut found);
                return Err(Error::from_list(errors));
            };
            errors.append(&mut found);
            let folder = site.config.output_folder();
            staging.write_into(&folder);
            let (written, rendered_cache) =
                self.write_edition(&site, &staging, &folder, &left_out, &mut errors)?;
            pages += written;
            cache.get_or_insert(rendered_cache);
            sites.push(site);
        }
        staging.write_into("");
        self.search_stale = false;
        staging.commit()?;
        let previous = self.output();
        self.folder += 1;
        self.generation += 1;
        if previous.exists() {
            let _ = std::fs::remove_dir_all(previous);
        }
        let mut sites = sites.into_iter();
        self.site = sites.next();
        self.other_editions = sites.collect();
        self.cache = cache;
        // A problem of a file every edition reads (authors.yaml, a template) is said once.
        let errors = crate::site::once_each_error(errors);
        let errors = (!errors.is_empty()).then(|| Error::from_list(errors));
        Ok((pages, errors))
    }

    /// Renders one edition (the whole site, for a site in one language) into `staging`, whose
    /// writes go into `folder`: its pages, search index and copied files. Pages that fail
    /// keep their last good version; their problems join `errors`. Returns how many pages
    /// it wrote and the listings' cache.
    fn write_edition(
        &self,
        site: &Site,
        staging: &Staging,
        folder: &str,
        left_out: &[String],
        errors: &mut Vec<Error>,
    ) -> Result<(usize, RenderCache)> {
        let (rendering, cache) = {
            let renderer = Renderer::new(&site.config, &site.content, &site.theme)?;
            let rendering =
                site.render_past_errors(&renderer, |page| staging.write(&page.path, &page.bytes));
            (rendering, renderer.into_cache())
        };
        let mut pages = rendering.paths;
        errors.extend(rendering.errors);
        let index = crate::search::SearchIndex::of_loaded(
            &site.config,
            &site.root,
            &site.content.articles,
            &site.content.sections,
        );
        for (path, bytes) in index {
            staging.write(&path, &bytes)?;
        }
        let missing = left_out.iter().map(|path| content::page_file(path));
        pages.extend(self.keep_last_good(staging, folder, missing.chain(rendering.failed)));
        let copies = site.files_to_copy()?;
        let clashes = crate::site::clashes(&self.root, &pages, &copies);
        if !clashes.is_empty() {
            return Err(Error::from_list(clashes));
        }
        for (source, path) in copies {
            staging.copy(&source, &path)?;
        }
        Ok((pages.len(), cache))
    }

    /// Copies into `staging` the last good version of each page that could not be built this
    /// time (`world/summit/index.html`), where the current build has one; returns those kept.
    fn keep_last_good(
        &self,
        staging: &Staging,
        folder: &str,
        pages: impl Iterator<Item = String>,
    ) -> Vec<String> {
        let previous = self.output().join(folder);
        pages
            .filter(|page| {
                std::fs::read(previous.join(page))
                    .is_ok_and(|bytes| staging.write(page, &bytes).is_ok())
            })
            .collect()
    }

    /// Writes the search index again if an edit made it stale: called after open pages were
    /// told to reload, so an edited article is findable by its new words a moment later
    /// without delaying its reload (issue #20). Each file is replaced whole (written beside it,
    /// then renamed), so the search page never reads half of one.
    pub fn refresh_search(&mut self) -> Result<()> {
        let Some(site) = self.site.as_ref().filter(|_| self.search_stale) else {
            return Ok(());
        };
        self.search_stale = false;
        let output = self.output();
        let index = crate::search::SearchIndex::of_loaded(
            &site.config,
            &site.root,
            &site.content.articles,
            &site.content.sections,
        );
        for (path, bytes) in index {
            let target = output.join(&path);
            let fresh = output.join(format!("{path}.new"));
            std::fs::write(&fresh, &bytes).map_err(|e| Error::io(&fresh, e))?;
            std::fs::rename(&fresh, &target).map_err(|e| Error::io(&target, e))?;
        }
        Ok(())
    }

    /// Applies a batch of changed paths.
    pub fn apply(&mut self, paths: &[PathBuf]) -> Result<Option<RebuildReport>> {
        // A file `ignore:` leaves out is not published, in the preview either (#16).
        let changes: BTreeSet<Change> = paths
            .iter()
            .filter(|p| !self.ignores(p))
            .filter_map(|p| classify(&self.root, p, p.is_dir()))
            .collect();
        if changes.is_empty() {
            return Ok(None);
        }
        // A full rebuild says what caused it (a trial of #19: a tag edit printed only "Built
        // the site", naming no file).
        let cause = what_changed(&self.root, &changes);
        let full = |workspace: &mut Workspace| {
            workspace.full().map(|mut report| {
                report.what = format!("everything after {cause}");
                Some(report)
            })
        };
        // A multilingual site is rebuilt whole: a change to one edition can change every
        // other's switcher, hreflang links and sitemap (issue #21).
        if self.broken
            || self.site.is_none()
            || !self.other_editions.is_empty()
            || changes.iter().any(needs_full_rebuild)
        {
            return full(self);
        }
        let started = Instant::now();
        let result = self.incremental(&changes);
        match result {
            Ok(Some((what, pages))) => {
                self.generation += 1;
                Ok(Some(RebuildReport {
                    what,
                    pages,
                    elapsed: started.elapsed(),
                    warnings: Vec::new(),
                    errors: None,
                }))
            }
            // A page with errors: the full build leaves it out (keeping its last good
            // version) and serves the rest; a problem of the whole site keeps the last good
            // build.
            Ok(None) | Err(_) => full(self),
        }
    }

    /// Whether `relative` (to `static/`) is the logo `publisher.logo` names.
    fn is_publisher_logo(&self, relative: &Path) -> bool {
        let logo = self
            .site
            .as_ref()
            .and_then(|s| s.config.publisher.logo.as_ref());
        logo.is_some_and(|logo| relative == Path::new(&logo.written))
    }

    /// Returns `None` when the changes cannot be applied piecemeal.
    fn incremental(&mut self, changes: &BTreeSet<Change>) -> Result<Option<(String, usize)>> {
        let mut described = Vec::new();
        let mut pages = 0;
        let output = self.output();
        let mut templates = Vec::new();
        let mut articles = Vec::new();
        for change in changes {
            match change {
                Change::Static(path) => {
                    let relative = path
                        .strip_prefix(self.root.join(STATIC_DIR))
                        .expect("classified under static/");
                    // Every article's JSON-LD names the publisher logo's size (issue #19).
                    if self.is_publisher_logo(relative) {
                        return Ok(None);
                    }
                    sync_file(path, &output.join(relative))?;
                    described.push(content::slash_path(&content::shown_path(&self.root, path)));
                }
                Change::Asset(path)
                    if path.is_file()
                        && !self.site.as_ref().is_some_and(|s| s.photos.knows(path)) =>
                {
                    let relative = path
                        .strip_prefix(self.root.join(CONTENT_DIR))
                        .expect("classified under content/");
                    sync_file(path, &output.join(relative))?;
                    described.push(content::slash_path(&content::shown_path(&self.root, path)));
                }
                Change::Template(name) => templates.push(name.clone()),
                Change::Article(path) => articles.push(path.clone()),
                _ => return Ok(None),
            }
        }
        if !templates.is_empty() {
            match self.rerender_for_templates(&templates)? {
                Some(count) => pages += count,
                None => return Ok(None),
            }
            described.extend(templates.iter().map(|t| format!("templates/{t}")));
        }
        for path in articles {
            match self.update_article(&path)? {
                Some(count) => pages += count,
                None => return Ok(None),
            }
            described.push(content::slash_path(&content::shown_path(&self.root, &path)));
        }
        Ok(Some((described.join(", "), pages)))
    }

    /// Whether the site's `ignore:` rules leave out a file under `content/` (or a folder above
    /// it).
    fn ignores(&self, path: &Path) -> bool {
        let (Some(site), Some(file)) = (&self.site, SourceFile::under(&self.root, path)) else {
            return false;
        };
        let mut prefix = 0;
        file.content_path.split('/').any(|name| {
            prefix += name.len() + 1;
            let above = &file.content_path[..(prefix - 1).min(file.content_path.len())];
            site.config
                .ignore
                .is_ignored(name, || std::borrow::Cow::Borrowed(above))
        })
    }

    /// Re-reads one article; re-renders it and the pages showing it. `None` when the change
    /// needs a full rebuild (a new or deleted file, a new URL or template).
    fn update_article(&mut self, path: &Path) -> Result<Option<usize>> {
        let output = self.output();
        let site = self.site.as_mut().expect("checked by caller");
        let Some(file) = SourceFile::under(&self.root, path) else {
            return Ok(None);
        };
        let Some(mut index) = site
            .content
            .articles
            .iter()
            .position(|a| a.content_path == file.content_path)
        else {
            // A new file needs a full rebuild; a temporary file that is already gone needs nothing.
            return Ok(if path.is_file() { None } else { Some(0) });
        };
        if !path.is_file() {
            return Ok(None);
        }
        let content_path = file.content_path.clone();
        let article = content::reload_article(
            &self.root,
            &site.config,
            &LinkIndex::Scan(&site.content),
            file,
            self.load,
            &site.photos,
        )?;
        let Some(mut article) = article else {
            return Ok(None);
        };
        for (from, to) in site.photos.files_for(&article) {
            let target = output.join(&to);
            if !target.exists() {
                sync_file(&from, &target)?;
            }
        }
        let old = &site.content.articles[index];
        // Other authors change which author pages exist, and every byline naming them.
        if old.path != article.path
            || old.template != article.template
            || old.authors != article.authors
        {
            return Ok(None);
        }
        let dates_changed = old.modified() != article.modified() || old.draft != article.draft;
        let relisted = old.date.instant != article.date.instant
            || old.draft != article.draft
            || old.section != article.section
            || old.tags != article.tags;
        // Related explainers (issue #19) are chosen across the site from what relists an
        // article and from `related:`: changing either rebuilds everything.
        if site.config.related > 0
            && (relisted || old.related_key != article.related_key || old.timing != article.timing)
        {
            return Ok(None);
        }
        article.related = old.related.clone();
        let recarded = card_changed(old, &article);
        self.search_stale |= old.in_search() || article.in_search();
        site.content.articles[index] = article;
        let showing_its_card = if recarded {
            recard(&mut site.content.articles, index)
        } else {
            Vec::new()
        };
        let cache = self.cache.take();
        let renderer = match cache {
            Some(cache) if !relisted => {
                Renderer::from_cache(&site.config, &site.content, &site.theme, cache, Some(index))?
            }
            _ => {
                content::sort_newest_first(&mut site.content.articles);
                index = site
                    .content
                    .articles
                    .iter()
                    .position(|a| a.content_path == content_path)
                    .expect("still there");
                Renderer::new(&site.config, &site.content, &site.theme)?
            }
        };
        let mut jobs = if relisted {
            let mut jobs = renderer.listing_jobs();
            jobs.push(Job::Article(index));
            jobs
        } else {
            renderer.jobs_showing(index, dates_changed)
        };
        jobs.extend(showing_its_card.into_iter().map(Job::Article));
        let count = render_jobs(&renderer, &jobs, &output)?;
        self.cache = Some(renderer.into_cache());
        Ok(Some(count.saturating_sub(1)))
    }

    /// Recompiles the theme and re-renders the pages that use the changed templates.
    fn rerender_for_templates(&mut self, names: &[String]) -> Result<Option<usize>> {
        let output = self.output();
        let site = self.site.as_mut().expect("checked by caller");
        let theme = Theme::load(&self.root, DateStyle::of(&site.config))?;
        let stylesheet_changed = theme.stylesheet_name != site.theme.stylesheet_name;
        site.theme = theme;
        let renderer = match self.cache.take() {
            Some(cache) => {
                Renderer::from_cache(&site.config, &site.content, &site.theme, cache, None)?
            }
            None => Renderer::new(&site.config, &site.content, &site.theme)?,
        };
        let mut jobs: Vec<Job> = Vec::new();
        if stylesheet_changed {
            jobs = renderer.jobs();
        } else {
            for name in names {
                match renderer.jobs_using_template(name) {
                    Some(list) => jobs.extend(list),
                    None => {
                        jobs = renderer.jobs();
                        break;
                    }
                }
            }
        }
        jobs.sort_by_key(|j| format!("{j:?}"));
        jobs.dedup();
        let count = render_jobs(&renderer, &jobs, &output)?;
        self.cache = Some(renderer.into_cache());
        Ok(Some(count))
    }

    /// A number that changes on every successful rebuild, so open pages know to reload.
    pub fn generation_marker(&self) -> u64 {
        self.generation
    }
}

/// Changes that invalidate more than we track piecemeal.
/// The changes in a writer's words: the first file (relative to the site), and how many more.
fn what_changed(root: &Path, changes: &BTreeSet<Change>) -> String {
    let shown = |path: &Path| {
        crate::content::slash_path(path.strip_prefix(root).unwrap_or(path)).to_string()
    };
    let first = match changes.iter().next() {
        Some(Change::Article(path) | Change::Asset(path) | Change::Static(path)) => shown(path),
        Some(Change::Template(name)) => format!("templates/{name}"),
        Some(Change::SectionIndex) => "a section's _index.md".to_string(),
        Some(Change::Config(file)) => file.trim_end_matches('/').to_string(),
        Some(Change::ContentFolder) | None => "a folder of content/".to_string(),
    };
    match changes.len() {
        0 | 1 => first,
        2 => format!("{first} and 1 more change"),
        n => format!("{first} and {} more changes", n - 1),
    }
}

/// Gives every article showing article `index` as a related explainer its new card; returns
/// those articles.
fn recard(articles: &mut [content::Article], index: usize) -> Vec<usize> {
    let path = articles[index].path.clone();
    let mut card: Option<Arc<content::RelatedCard>> = None;
    let mut showing = Vec::new();
    for i in 0..articles.len() {
        for j in 0..articles[i].related.len() {
            if articles[i].related[j].path == path {
                let id = articles[i].related[j].id;
                let fresh = card
                    .get_or_insert_with(|| {
                        Arc::new(content::RelatedCard::of_article(id, &articles[index]))
                    })
                    .clone();
                articles[i].related[j] = fresh;
                showing.push(i);
            }
        }
    }
    showing
}

/// Whether an edit changed what the article's related card shows on other pages.
fn card_changed(old: &content::Article, new: &content::Article) -> bool {
    let lead = |a: &content::Article| {
        a.lead
            .as_ref()
            .map(|f| (f.src.clone(), f.alt.clone(), f.srcset.clone()))
    };
    old.title != new.title
        || old.dek != new.dek
        || old.description != new.description
        || old.count != new.count
        || old.count_noun != new.count_noun
        || lead(old) != lead(new)
}

fn needs_full_rebuild(change: &Change) -> bool {
    match change {
        Change::Config(_) | Change::SectionIndex | Change::ContentFolder => true,
        Change::Asset(path) => !path.is_file(),
        Change::Static(_) | Change::Template(_) | Change::Article(_) => false,
    }
}

/// Renders jobs in parallel into `dir`, each file replaced atomically; returns how many. A
/// rebuild's pages are counted apart from the first build's progress.
fn render_jobs(renderer: &Renderer<'_>, jobs: &[Job], dir: &Path) -> Result<usize> {
    crate::site::render_jobs(renderer, jobs.to_vec(), &Progress::default(), |page| {
        output::replace_file(dir, &page.path, &page.bytes)
    })
    .map(|paths| paths.len())
}

/// Copies `source` to `target`, or removes `target` when the source is gone.
fn sync_file(source: &Path, target: &Path) -> Result<()> {
    if source.is_file() {
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
        }
        std::fs::copy(source, target).map_err(|e| Error::io(source, e))?;
    } else if target.is_file() {
        std::fs::remove_file(target).map_err(|e| Error::io(target, e))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(root: &Path, path: &str, text: &str) -> PathBuf {
        let full = root.join(path);
        std::fs::create_dir_all(full.parent().unwrap()).unwrap();
        std::fs::write(&full, text).unwrap();
        full
    }

    fn workspace() -> (tempfile::TempDir, tempfile::TempDir, Workspace) {
        let site = tempfile::tempdir().unwrap();
        let scratch = tempfile::tempdir().unwrap();
        write(
            site.path(),
            "site.yaml",
            "base_url: http://localhost:1111/\nper_page: {home: 2}\n",
        );
        for (i, tag) in [(1, "x"), (2, "y"), (3, "x")] {
            write(
                site.path(),
                &format!("content/world/a{i}.md"),
                &format!("---\ntitle: A{i}\ndate: 2026-05-0{i}\ntags: [{tag}]\n---\nBody {i}.\n"),
            );
        }
        let mut workspace = Workspace::new(
            site.path(),
            "http://localhost:1111/".into(),
            LoadOptions {
                include_drafts: true,
                ..LoadOptions::default()
            },
            scratch.path(),
        );
        let report = workspace.full().unwrap();
        assert_eq!(report.what, "everything");
        (site, scratch, workspace)
    }

    #[test]
    fn editing_an_article_rerenders_only_the_pages_that_show_it() {
        let (site, _scratch, mut workspace) = workspace();
        let path = write(
            site.path(),
            "content/world/a1.md",
            "---\ntitle: A1 edited\ndate: 2026-05-01\ntags: [x]\n---\nNew body.\n",
        );
        let report = workspace.apply(&[path]).unwrap().unwrap();
        assert_eq!(report.what, "content/world/a1.md");
        // Home page 2, the section page, tag x page and the feed: a1 is the oldest, so it is not
        // on home page 1, and its dates did not change, so the sitemap stays. And a2 and a3,
        // whose "More explainers" show its card (issue #19).
        assert_eq!(report.pages, 6);
        let page = std::fs::read_to_string(workspace.output().join("world/a1/index.html")).unwrap();
        assert!(page.contains("New body."));
        for other in ["a2", "a3"] {
            let page = std::fs::read_to_string(
                workspace.output().join(format!("world/{other}/index.html")),
            )
            .unwrap();
            assert!(page.contains("A1 edited"), "{other}");
        }
        let home_two =
            std::fs::read_to_string(workspace.output().join("page/2/index.html")).unwrap();
        assert!(home_two.contains("A1 edited"));
    }

    #[test]
    fn a_date_change_relists_and_a_new_file_rebuilds_everything() {
        let (site, _scratch, mut workspace) = workspace();
        let path = write(
            site.path(),
            "content/world/a1.md",
            "---\ntitle: A1\ndate: 2026-06-01\ntags: [x]\n---\nBody.\n",
        );
        workspace.apply(&[path]).unwrap().unwrap();
        let home = std::fs::read_to_string(workspace.output().join("index.html")).unwrap();
        assert!(
            home.find(">A1<").unwrap() < home.find(">A3<").unwrap(),
            "now the newest"
        );
        let added = write(
            site.path(),
            "content/world/a4.md",
            "---\ntitle: A4\ndate: 2026-05-04\n---\nBody.\n",
        );
        assert_eq!(
            workspace.apply(&[added]).unwrap().unwrap().what,
            "everything after content/world/a4.md"
        );
        assert!(workspace.output().join("world/a4/index.html").exists());
    }

    #[test]
    fn a_template_change_rerenders_what_uses_it_and_a_broken_one_keeps_the_old_pages() {
        let (site, _scratch, mut workspace) = workspace();
        let template = write(
            site.path(),
            "templates/tag.html",
            "<h1>Tag {{ listing.title }}</h1>",
        );
        let report = workspace
            .apply(std::slice::from_ref(&template))
            .unwrap()
            .unwrap();
        assert_eq!(report.what, "templates/tag.html");
        assert_eq!(report.pages, 2, "the two tag pages");
        assert_eq!(
            std::fs::read_to_string(workspace.output().join("tags/y/index.html")).unwrap(),
            "<h1>Tag y</h1>"
        );
        write(site.path(), "templates/tag.html", "{% if %}");
        assert!(workspace.apply(&[template]).is_err());
        assert_eq!(
            std::fs::read_to_string(workspace.output().join("tags/y/index.html")).unwrap(),
            "<h1>Tag y</h1>"
        );
    }

    #[test]
    fn editor_noise_does_nothing() {
        let (site, _scratch, mut workspace) = workspace();
        let swap = write(site.path(), "content/world/.a1.md.swp", "x");
        assert!(workspace
            .apply(&[swap, site.path().join("public/index.html")])
            .unwrap()
            .is_none());
    }

    #[test]
    fn issue16_an_ignored_file_is_not_copied_into_the_preview() {
        let (site, _scratch, mut workspace) = workspace();
        let notes = write(site.path(), "content/world/notes.txt", "call back");
        assert!(workspace.apply(&[notes]).unwrap().is_none());
        assert!(!workspace.output().join("world/notes.txt").exists());
        let map = write(site.path(), "content/world/map.svg", "<svg/>");
        assert!(workspace.apply(&[map]).unwrap().is_some());
        assert!(workspace.output().join("world/map.svg").exists());
    }
}
