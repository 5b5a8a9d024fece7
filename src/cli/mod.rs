//! The command line: one `XxxArgs` struct per subcommand, each with a `run` that calls the
//! library and prints. The library never prints; this module does.

mod build;

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
}

/// Parses the command line, runs the subcommand and returns the process exit code: 0 on
/// success, 1 when the site has errors, 2 for bad usage (from clap).
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Build(args) => args.run(),
    };
    match result {
        Ok(code) => code,
        Err(error) => {
            print_errors(&error);
            ExitCode::from(1)
        }
    }
}

/// Prints every problem in an error on its own line, then a count.
pub(crate) fn print_errors(error: &Error) {
    let problems = error.problems();
    for problem in &problems {
        eprintln!("error: {problem}");
    }
    if problems.len() > 1 {
        eprintln!("{} errors; nothing was written.", problems.len());
    }
}

/// Prints warnings, which do not change the exit code.
pub(crate) fn print_warnings(warnings: &[Warning]) {
    for warning in warnings {
        eprintln!("warning: {warning}");
    }
}
