//! `stakes check`.

use std::process::ExitCode;

use clap::Args;

use crate::check::{self, Severity};
use crate::error::Result;

/// Options of `stakes check`.
#[derive(Debug, Args)]
pub struct CheckArgs {
    #[command(flatten)]
    site: super::SiteSelection,
    /// Also list every photo with its caption and credit and where each came from.
    #[arg(long)]
    list_credits: bool,
    /// Also request every link to another site (HEAD, then GET), reporting error answers.
    #[arg(long)]
    external: bool,
    /// Seconds to wait for each external server.
    #[arg(long, default_value_t = 10, requires = "external")]
    timeout: u64,
    /// External requests in flight at once.
    #[arg(long, default_value_t = 8, requires = "external")]
    concurrency: usize,
    /// Print only the findings (and --list-credits): no progress, no closing count.
    #[arg(long, short)]
    quiet: bool,
}

/// What is scheduled, and the next publication and expiry, for the desk (issue #18).
fn print_schedule(report: &check::CheckReport) {
    super::print_scheduled(&report.scheduled);
    let next = [
        ("publication", report.scheduled.first()),
        ("expiry", report.next_expiry.as_ref()),
    ];
    for (what, entry) in next {
        if let Some(entry) = entry {
            say!(
                "Next {what}: {} at {}",
                crate::content::slash_path(&entry.source),
                entry.shown
            );
        }
    }
}

impl CheckArgs {
    /// Checks, showing progress while it lasts, and prints findings grouped by file; exit 1 if
    /// any is an error.
    pub fn run(self) -> Result<ExitCode> {
        let options = self.site.into_options()?;
        let progress = std::sync::Arc::clone(&options.progress);
        let external = self.external.then(|| check::ExternalLinks {
            timeout: std::time::Duration::from_secs(self.timeout),
            concurrency: self.concurrency,
        });
        let display = super::progress::show(progress, "checked", self.quiet);
        let report = check::check(&options, self.list_credits, external.as_ref());
        drop(display);
        let report = report?;
        for (file, findings) in check::by_file(&report.findings) {
            say!("{file}");
            for finding in findings {
                let kind = match finding.severity {
                    Severity::Error => "error",
                    Severity::Warning => "warning",
                };
                match finding.at.line {
                    Some(line) => say!("  {line}: {kind}: {}", finding.message),
                    None => say!("  {kind}: {}", finding.message),
                }
            }
        }
        print_schedule(&report);
        if !report.credits.is_empty() {
            say!("Photos:");
            for (article, photos) in &report.credits {
                say!("{}", crate::content::slash_path(article));
                for photo in photos {
                    say!("  {}: {}", photo.line, photo.src);
                    let from = |source: Option<&str>| {
                        source.map(|s| format!(" ({s})")).unwrap_or_default()
                    };
                    say!(
                        "    caption{}: {}",
                        from(photo.caption_from),
                        photo.caption.as_deref().unwrap_or("—")
                    );
                    say!(
                        "    credit{}: {}",
                        from(photo.credit_from),
                        photo.credit.as_deref().unwrap_or("— (missing)")
                    );
                }
            }
        }
        let errors = report
            .findings
            .iter()
            .filter(|f| f.severity == Severity::Error)
            .count();
        let warnings = report.findings.len() - errors;
        let plural = |n: usize, word: &str| format!("{n} {word}{}", if n == 1 { "" } else { "s" });
        if let Some(reason) = report.stopped_early {
            // "Checked 0 pages" would claim a clean site had nothing in it (issue #16). Said
            // even with --quiet: the links were not checked.
            say!(
                "Checking stopped before any page was rendered, because {reason}: {}, {}. Fix the errors, then check again for broken links and anchors.",
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        } else if !self.quiet {
            say!(
                "Checked {}: {}, {}.",
                plural(report.pages, "page"),
                plural(errors, "error"),
                plural(warnings, "warning")
            );
        }
        Ok(if report.has_errors() {
            ExitCode::from(1)
        } else {
            ExitCode::SUCCESS
        })
    }
}
