//! `stakes new` (an article, in one of the site's languages, or a translation) and
//! `stakes init`.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::error::Result;
use crate::scaffold;

/// Options of `stakes new`.
#[derive(Debug, Args)]
pub struct NewArgs {
    /// The headline, e.g. "Five things at stake in the rail strike".
    title: String,
    /// The section folder under content/ (e.g. world, or world/europe).
    #[arg(long)]
    section: Option<String>,
    /// The article's language, one of `languages:` in site.yaml (e.g. fr): with
    /// --translation-of, the language of the translation.
    #[arg(long, value_name = "TAG")]
    lang: Option<String>,
    /// Start a translation of this article, beside it: @/world/summit.md (as links write it),
    /// a path under content/, or an article's folder (@/world/summit/).
    #[arg(long, value_name = "ARTICLE", conflicts_with = "section")]
    translation_of: Option<String>,
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl NewArgs {
    /// Creates the article skeleton and says where it is.
    pub fn run(self) -> Result<ExitCode> {
        // Not a site: the article would land in a stray content/ folder no build reads.
        crate::site::check_root(&self.root)?;
        let shown = |path: &std::path::Path| {
            crate::content::slash_path(&crate::content::shown_path(&self.root, path))
        };
        let lang = self.lang.as_deref();
        if let Some(original) = &self.translation_of {
            let made = scaffold::new_translation(&self.root, &self.title, original, lang)?;
            super::print_warnings(&made.warnings);
            say!(
                "Created {} (a draft translation of {}: translate it, then remove draft: true)",
                shown(&made.file),
                shown(&made.original)
            );
            return Ok(ExitCode::SUCCESS);
        }
        let section = self.section.as_deref();
        let file = scaffold::new_article(&self.root, &self.title, section, lang)?;
        say!("Created {} (a draft: `stakes serve` shows it, `stakes build` leaves it out until you remove `draft: true`)", shown(&file));
        Ok(ExitCode::SUCCESS)
    }
}

/// Options of `stakes init`.
#[derive(Debug, Args)]
pub struct InitArgs {
    /// Folder for the new site (created if missing).
    dir: PathBuf,
    /// Add the starter files to a non-empty folder (existing files are never overwritten).
    #[arg(long)]
    force: bool,
}

impl InitArgs {
    /// Creates the site and says what to do next.
    pub fn run(self) -> Result<ExitCode> {
        let report = scaffold::init_site(&self.dir, self.force)?;
        for path in &report.created {
            say!("created {}", path.display());
        }
        for path in &report.kept {
            say!("kept    {} (it already exists)", path.display());
        }
        say!("{}", next_step(&self.dir));
        Ok(ExitCode::SUCCESS)
    }
}

/// The command to run after `stakes init DIR`, as one line the user can paste: no `cd .`
/// when the site is the current folder, and a folder name the shell reads back unchanged.
fn next_step(dir: &std::path::Path) -> String {
    let resolved = |path: &std::path::Path| std::fs::canonicalize(path).ok();
    let here = std::env::current_dir().ok().and_then(|d| resolved(&d));
    if here.is_some() && resolved(dir) == here {
        "Next: stakes serve".to_string()
    } else {
        format!("Next: cd {} && stakes serve", scaffold::shell_word(dir))
    }
}
