//! The command line: one `XxxArgs` struct per subcommand, each with a `run` that calls the
//! library and prints. The library never prints; this module does.

/// Prints a line to stdout; a closed pipe (`stakes build | head`) is no reason to crash.
macro_rules! say {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stdout(), $($arg)*);
    }};
}

/// Prints a line to stderr, ignoring a closed pipe.
macro_rules! complain {
    ($($arg:tt)*) => {{
        use std::io::Write as _;
        let _ = writeln!(std::io::stderr(), $($arg)*);
    }};
}

mod build;
mod check;
mod copies;
mod new;
mod progress;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::{Error, Warning};

/// `stakes --version`: the version and the git commit it was built from (build.rs; issue #22),
/// e.g. "0.1.0 (commit 1a2b3c4d5)", or "0.1.0 (commit unknown)" for a build outside git.
const VERSION: &str = concat!(env!("CARGO_PKG_VERSION"), " (", env!("STAKES_COMMIT"), ")");

/// stakes builds explainer sites ("Five things at stake in …") from Markdown.
#[derive(Debug, Parser)]
#[command(name = "stakes", version = VERSION, about, long_about = None)]
pub struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Build the site into the output folder (default public/).
    Build(build::BuildArgs),
    /// Preview the site locally with live reload while you write.
    Serve(serve::ServeArgs),
    /// Check the site without writing it: content errors, broken links and anchors, future dates.
    Check(check::CheckArgs),
    /// Start a new explainer: content/<section>/<slug>/index.md with one section per promised thing.
    New(new::NewArgs),
    /// Create a new site in a folder, ready to build.
    Init(new::InitArgs),
    /// List the built-in theme's files, or copy some into templates/ to change them.
    Theme(copies::ThemeArgs),
    /// Copy a language's built-in translation table into i18n/ to change its words.
    I18n(copies::I18nArgs),
}

/// Parses the command line, runs the subcommand and returns the process exit code: 0 on
/// success, 1 when the site has errors, 2 for bad usage (from clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    crate::content::prepare_open_files();
    // A failed build leaves the output as it was (it writes into a staging folder): say so.
    let failed_build_writes_nothing = matches!(cli.command, Command::Build(_));
    let result = match cli.command {
        Command::Build(args) => args.run(),
        Command::Serve(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Init(args) => args.run(),
        Command::Theme(args) => args.run(),
        Command::I18n(args) => args.run(),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            print_errors(&error);
            if failed_build_writes_nothing {
                complain!("Nothing was written.");
            }
            ExitCode::from(1)
        }
    }
}

/// Prints every problem in an error on its own line, then a count.
pub(crate) fn print_errors(error: &Error) {
    let problems = error.problems();
    for problem in &problems {
        complain!("error: {problem}");
    }
    if problems.len() > 1 {
        complain!("{} errors.", problems.len());
    }
}

/// `--now`: the moment to build, check or preview the site as of (issue #18), in any form
/// `date:` takes. A producer types `--now "2026-12-08 06:00"` (the trial of #18): a time
/// without an offset is read in the site's time zone, which is known only once `site.yaml` is
/// read, so the value is kept as typed until then ([`NowArg::moment`]).
#[derive(Debug, Clone)]
pub(crate) struct NowArg(String);

/// Checks the form of `--now` (its moment needs the site's time zone).
pub(crate) fn parse_now(text: &str) -> std::result::Result<NowArg, String> {
    crate::date::PublishDate::parse(text, &jiff::tz::TimeZone::UTC)
        .map(|_| NowArg(text.trim().to_string()))
        .map_err(|_| {
            format!("`{text}` is not a moment: write a date and time as in front matter (2026-12-08 06:00, read in the site's time zone), a day (2026-12-08, from its first moment) or RFC 3339 with its offset (2026-12-08T06:00:00+01:00)")
        })
}

impl NowArg {
    /// The moment, reading a time without an offset in the time zone of the site at `root`
    /// (UTC when its `site.yaml` cannot be read: the build then reports why). A local time the
    /// zone skips or repeats is refused, as in front matter.
    pub(crate) fn moment(&self, root: &std::path::Path) -> crate::error::Result<jiff::Timestamp> {
        if let Ok(at) = self.0.parse::<jiff::Timestamp>() {
            return Ok(at);
        }
        let zone = crate::config::SiteConfig::load(root, None)
            .map(|config| config.timezone)
            .unwrap_or(jiff::tz::TimeZone::UTC);
        crate::date::PublishDate::parse(&self.0, &zone)
            .map(|date| date.instant)
            .map_err(|message| Error::Argument(format!("--now: {message}")))
    }
}

/// The moment of an optional `--now` for the site at `root`.
pub(crate) fn now_at(
    now: Option<&NowArg>,
    root: &std::path::Path,
) -> crate::error::Result<Option<jiff::Timestamp>> {
    now.map(|now| now.moment(root)).transpose()
}

/// Prints the articles a build or check left out because they publish later, one line each.
pub(crate) fn print_scheduled(scheduled: &[crate::content::Scheduled]) {
    for entry in scheduled {
        say!(
            "scheduled: {} publishes at {} (use --future to include it)",
            crate::content::slash_path(&entry.source),
            entry.shown
        );
    }
}

/// Prints the articles a build left out because they expired (`expired: remove`).
pub(crate) fn print_removed(removed: &[crate::content::Scheduled]) {
    for entry in removed {
        say!(
            "expired: {} expired at {} and is no longer published (`expired: remove` in site.yaml)",
            crate::content::slash_path(&entry.source),
            entry.shown
        );
    }
}

/// Prints warnings, which do not change the exit code.
pub(crate) fn print_warnings(warnings: &[Warning]) {
    for warning in warnings {
        complain!("warning: {warning}");
    }
}

/// Which site, with which articles, as of when: the options `build` and `check` share.
#[derive(Debug, clap::Args)]
pub struct SiteSelection {
    /// The site folder (holding content/ and site.yaml).
    #[arg(long, default_value = ".")]
    root: std::path::PathBuf,
    /// Override `base_url` from site.yaml, e.g. for a preview deploy.
    #[arg(long)]
    base_url: Option<String>,
    /// Include articles marked `draft: true`.
    #[arg(long)]
    drafts: bool,
    /// Include articles whose `publish_at` (or `date`) is still to come.
    #[arg(long)]
    future: bool,
    /// The site as it is at this moment (2026-12-08 06:00 in the site's time zone, a day, or
    /// RFC 3339 with its offset), not at the clock's: for previewing an edition, reproducible
    /// builds and tests.
    #[arg(long, value_name = "MOMENT", value_parser = parse_now)]
    now: Option<NowArg>,
}

impl SiteSelection {
    /// Build options for this selection (photos processed, nothing else asked).
    pub(crate) fn into_options(self) -> crate::error::Result<crate::site::BuildOptions> {
        let now = now_at(self.now.as_ref(), &self.root)?;
        let mut options = crate::site::BuildOptions::new(self.root);
        options.base_url = self.base_url;
        options.include_drafts = self.drafts;
        options.include_future = self.future;
        options.now = now;
        Ok(options)
    }
}
