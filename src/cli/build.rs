//! `stakes build`.

use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::Arc;

use clap::Args;

use crate::error::Result;
use crate::progress::Progress;
use crate::site::{self, BuildOptions};

/// Options of `stakes build`.
#[derive(Debug, Args)]
pub struct BuildArgs {
    #[command(flatten)]
    site: super::SiteSelection,
    /// Where to write the site [default: <root>/public].
    #[arg(long, short)]
    output: Option<PathBuf>,
    /// Replace a non-empty output folder that stakes did not create.
    #[arg(long)]
    force: bool,
    /// Link photos as they are instead of resizing them (no srcset, no WebP); for quick
    /// drafts and for benchmarking everything else.
    #[arg(long)]
    no_image_processing: bool,
    /// Delete cached photo results that this build did not use.
    #[arg(long)]
    prune_cache: bool,
    /// Write .gz and .br beside every HTML, CSS, JS, XML, JSON, SVG and text file, for hosts
    /// that serve precompressed files.
    #[arg(long)]
    precompress: bool,
    /// Print only warnings and errors: no progress, no summary.
    #[arg(long, short)]
    quiet: bool,
}

impl BuildArgs {
    /// Builds, showing progress while it lasts, and prints the one-line summary.
    pub fn run(self) -> Result<ExitCode> {
        let progress = Arc::new(Progress::default());
        let options = BuildOptions {
            output: self.output,
            force: self.force,
            process_images: !self.no_image_processing,
            prune_cache: self.prune_cache,
            precompress: self.precompress,
            progress: Arc::clone(&progress),
            ..self.site.into_options()?
        };
        let display = super::progress::show(progress, "written", self.quiet);
        let built = site::build_keeping(&options);
        // The bar is cleared before anything else is printed, errors included.
        drop(display);
        // Warnings first, then the errors and `Nothing was written.` last, where the eye lands.
        let (summary, leftovers) = match built {
            Ok(built) => built,
            Err(failure) => {
                super::print_warnings(&failure.warnings);
                return Err(failure.error);
            }
        };
        // The process ends right after the summary: the operating system takes the memory
        // back at once, where freeing it piece by piece would cost tens of milliseconds.
        std::mem::forget(leftovers);
        super::print_warnings(&summary.warnings);
        if self.quiet {
            return Ok(ExitCode::SUCCESS);
        }
        super::print_removed(&summary.removed);
        super::print_scheduled(&summary.scheduled);
        say!("Built {summary}");
        if let Some(compressed) = summary.compressed {
            say!("Precompressed: {compressed} .gz and .br files");
        }
        if let Some(pruned) = summary.pruned {
            say!("Pruned {pruned} unused photo cache entries");
        }
        if let Some(pruned) = summary.pruned_search {
            say!("Pruned {pruned} unused search cache entries");
        }
        Ok(ExitCode::SUCCESS)
    }
}
