//! `gleaner-custom`: the `gleaner` command line with every built-in stage
//! plus the `sourcing` analyzer of this crate.

use gleaner_pipeline::Registry;
use gleaner_sourcing::SourcingFactory;
use std::process::ExitCode;

fn main() -> ExitCode {
    gleaner_pipeline::cli::main_with(Registry::builtin().with_analyzer(SourcingFactory))
}
