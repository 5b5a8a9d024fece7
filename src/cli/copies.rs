//! `stakes theme` and `stakes i18n`: the built-in theme files and translation tables copied
//! into the site to be changed.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::Args;

use crate::error::Result;
use crate::scaffold::copies;

/// Options of `stakes theme`.
#[derive(Debug, Args)]
pub struct ThemeArgs {
    /// Theme files to copy into templates/ (e.g. article.html stakes.css); none lists them.
    files: Vec<String>,
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl ThemeArgs {
    /// Lists the theme's files, or copies the ones named.
    pub fn run(self) -> Result<ExitCode> {
        if self.files.is_empty() {
            say!("The built-in theme's files (copy one with `stakes theme FILE` to change it):");
            for (name, text) in copies::theme_files() {
                say!("  {name:<18} {} lines", text.lines().count());
            }
            return Ok(ExitCode::SUCCESS);
        }
        crate::site::check_root(&self.root)?;
        for path in copies::copy_theme(&self.root, &self.files)? {
            say!(
                "created {} (it now replaces the built-in one)",
                shown(&self.root, &path)
            );
        }
        Ok(ExitCode::SUCCESS)
    }
}

/// Options of `stakes i18n`.
#[derive(Debug, Args)]
pub struct I18nArgs {
    /// The language whose built-in table to copy into i18n/ (e.g. fr, fr-BE, pl).
    language: String,
    /// The site folder.
    #[arg(long, default_value = ".")]
    root: PathBuf,
}

impl I18nArgs {
    /// Writes `i18n/<language>.yaml`.
    pub fn run(self) -> Result<ExitCode> {
        crate::site::check_root(&self.root)?;
        let path = copies::copy_table(&self.root, &self.language)?;
        say!(
            "created {} (change any text; the build checks it)",
            shown(&self.root, &path)
        );
        Ok(ExitCode::SUCCESS)
    }
}

fn shown(root: &std::path::Path, path: &std::path::Path) -> String {
    crate::content::slash_path(&crate::content::shown_path(root, path))
}
