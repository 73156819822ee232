//! The `gleaner` binary: every built-in stage, and the command line of
//! `gleaner_pipeline::cli`.

use std::process::ExitCode;

fn main() -> ExitCode {
    gleaner_pipeline::cli::main_with(gleaner_pipeline::Registry::builtin())
}
