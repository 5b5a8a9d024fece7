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
mod new;
mod progress;
mod serve;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::error::{Error, Warning};

/// stakes builds explainer sites ("Five things at stake in …") from Markdown.
#[derive(Debug, Parser)]
#[command(name = "stakes", version, about, long_about = None)]
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
}

/// Parses the command line, runs the subcommand and returns the process exit code: 0 on
/// success, 1 when the site has errors, 2 for bad usage (from clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    prepare_open_files();
    let result = match cli.command {
        Command::Build(args) => args.run(),
        Command::Serve(args) => args.run(),
        Command::Check(args) => args.run(),
        Command::New(args) => args.run(),
        Command::Init(args) => args.run(),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            print_errors(&error);
            ExitCode::from(1)
        }
    }
}

/// Lets a build keep its articles open between reading their front matter and their bodies
/// (see `content::OpenHandles`), as far as the system allows: the usual soft limit (1,024
/// files) is far below the usual hard one. Then grows the process's table of open files to
/// the size the build will use, while this is the only thread: grown later, with worker
/// threads running, each doubling of the table waits for an RCU grace period (measured: the
/// front-matter pass of 10,000 articles went from 80 ms to 140 ms).
fn prepare_open_files() {
    #[cfg(unix)]
    {
        use rustix::process::{getrlimit, setrlimit, Resource, Rlimit};
        use std::os::fd::AsFd;
        let limit = getrlimit(Resource::Nofile);
        let mut current = limit.current;
        if let (Some(now), Some(maximum)) = (limit.current, limit.maximum) {
            // Refused or not, the build adapts to the limit it has.
            if now < maximum
                && setrlimit(
                    Resource::Nofile,
                    Rlimit {
                        current: Some(maximum),
                        maximum: Some(maximum),
                    },
                )
                .is_ok()
            {
                current = Some(maximum);
            }
        }
        let wanted = crate::content::MOST_FILES_KEPT_OPEN + crate::content::FILES_LEFT_FREE;
        if let Some(top) = current.map(|c| c.min(wanted as u64)) {
            // A duplicate at the highest number used grows the table once; closing it keeps
            // the table.
            let _ = rustix::io::fcntl_dupfd_cloexec(std::io::stderr().as_fd(), top as i32 - 1);
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

/// Prints warnings, which do not change the exit code.
pub(crate) fn print_warnings(warnings: &[Warning]) {
    for warning in warnings {
        complain!("warning: {warning}");
    }
}
