//! Whether two things would publish at one output path: a copied file on a generated page, on
//! an article's page or on another copy. It owns the sets of claimed paths and the messages
//! that name both sides; it must not copy, render or write anything (`build` and `check` act
//! on what it returns).

use std::path::{Path, PathBuf};

use rustc_hash::{FxHashMap as HashMap, FxHashSet as HashSet};

use crate::content;
use crate::error::{Error, Location, Result};
use crate::render::{Job, Renderer};

use super::Site;

/// Files that would be copied to a path a page or another file already uses, as errors naming
/// the file to rename.
pub fn clashes(root: &Path, generated: &[String], copies: &[(PathBuf, String)]) -> Vec<Error> {
    // Sized up front: growing sets of tens of thousands of paths touches fresh memory at each
    // doubling, which on this kind of machine costs more than the hashing.
    let mut taken: HashSet<&str> =
        HashSet::with_capacity_and_hasher(generated.len(), Default::default());
    taken.extend(generated.iter().map(String::as_str));
    clashes_with(root, &taken, copies)
}

/// The copies whose path is `taken` or claimed by an earlier copy, as errors.
fn clashes_with(root: &Path, taken: &HashSet<&str>, copies: &[(PathBuf, String)]) -> Vec<Error> {
    let mut seen: HashSet<&str> =
        HashSet::with_capacity_and_hasher(copies.len(), Default::default());
    copies
        .iter()
        .filter(|(_, path)| taken.contains(path.as_str()) || !seen.insert(path.as_str()))
        .map(|(source, path)| clash(root, source, path))
        .collect()
}

fn clash(root: &Path, source: &Path, path: &str) -> Error {
    Error::content(
        Location::file(content::shown_path(root, source)),
        format!("would be copied to /{path}, which another file or generated page already uses: rename or move it"),
    )
}

/// What already publishes at an output path, for the messages of the late clash check.
#[derive(Clone, Copy)]
enum Claim<'a> {
    /// A page or file the site generates.
    Output(Job),
    /// An article's page: its source file.
    Page(&'a Path),
    /// A copied file: its source.
    Copy(&'a Path),
}

/// A file copied onto a path already claimed, naming what claims it.
fn clash_with(
    root: &Path,
    outputs: &crate::render::Outputs<'_>,
    (source, path): &(PathBuf, String),
    claim: Claim<'_>,
) -> Error {
    let (what, fix) = match claim {
        Claim::Output(job) => (
            outputs.describe(job),
            "rename or move it (to change what stakes generates there, override its template in templates/)".to_string(),
        ),
        Claim::Page(article) => (
            format!("the page of {}", content::slash_path(article)),
            "rename or move one of them".to_string(),
        ),
        Claim::Copy(other) => (
            format!(
                "also where {} is copied",
                content::slash_path(&content::shown_path(root, other))
            ),
            "rename or move one of them".to_string(),
        ),
    };
    Error::content(
        Location::file(content::shown_path(root, source)),
        format!("would be copied to /{path}, which is {what}: {fix}"),
    )
}

/// The clashes a build can still have once its articles are written: the files linked early
/// were checked against the articles' pages and each other before they were linked, so they
/// are checked against the generated outputs only; the files left to link, against everything.
/// (On a site whose photos are not resized, nothing is left: the full check's sets of every
/// path would cost more than the listings take to render.) With nothing linked early this is
/// the whole check, which `check` runs too.
pub(super) fn late_clashes(
    site: &Site,
    renderer: &Renderer<'_>,
    generated: (&[Job], &[String]),
    early: &[(PathBuf, String)],
    late: &[(PathBuf, String)],
) -> Vec<Error> {
    let outputs = renderer.outputs();
    let mut taken: HashMap<&str, Claim<'_>> = generated
        .1
        .iter()
        .zip(generated.0)
        .map(|(path, &job)| (path.as_str(), Claim::Output(job)))
        .collect();
    let mut problems: Vec<Error> = early
        .iter()
        .filter_map(|copy| {
            let claim = taken.get(copy.1.as_str())?;
            Some(clash_with(&site.root, outputs, copy, *claim))
        })
        .collect();
    if late.is_empty() {
        return problems;
    }
    let pages: Vec<String> = (0..site.content.articles.len())
        .map(|i| renderer.path_of(Job::Article(i)))
        .collect();
    taken.reserve(pages.len() + early.len() + late.len());
    taken.extend(
        pages
            .iter()
            .zip(&site.content.articles)
            .map(|(path, article)| (path.as_str(), Claim::Page(&article.source))),
    );
    taken.extend(
        early
            .iter()
            .map(|(source, path)| (path.as_str(), Claim::Copy(source))),
    );
    for copy in late {
        match taken.entry(copy.1.as_str()) {
            std::collections::hash_map::Entry::Occupied(claim) => {
                problems.push(clash_with(&site.root, outputs, copy, *claim.get()));
            }
            std::collections::hash_map::Entry::Vacant(free) => {
                free.insert(Claim::Copy(&copy.0));
            }
        }
    }
    problems
}

/// Every file of `content/` and `static/` that would be copied where an article, a generated
/// output or another file already publishes, naming both (for `stakes check`, which must
/// report what `build` refuses).
pub fn copy_clashes(site: &Site, renderer: &Renderer<'_>) -> Result<Vec<Error>> {
    let jobs = renderer.site_jobs();
    let paths: Vec<String> = jobs.iter().map(|&job| renderer.path_of(job)).collect();
    Ok(late_clashes(
        site,
        renderer,
        (&jobs, &paths),
        &[],
        &site.files_to_copy()?,
    ))
}
