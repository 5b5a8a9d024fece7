//! The `stakes` command: parse the arguments, run, print, exit with a meaningful code.

use std::process::ExitCode;

fn main() -> ExitCode {
    stakes::cli::main()
}
