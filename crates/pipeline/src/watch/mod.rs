//! The drop-folder daemon (`gleaner watch`). Being written; see issue 3.

use crate::registry::Registry;
use std::path::PathBuf;
use std::process::ExitCode;

/// `gleaner watch` arguments.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The pipeline file.
    pub pipeline: PathBuf,
}

impl WatchArgs {
    /// Arguments for watching `pipeline` with its own settings.
    pub fn for_pipeline(pipeline: PathBuf) -> Self {
        Self { pipeline }
    }
}

/// Runs the daemon until it is stopped.
pub fn cmd_watch(_registry: &Registry, args: WatchArgs) -> ExitCode {
    eprintln!(
        "error: {}: watch mode is not available in this build",
        args.pipeline.display()
    );
    ExitCode::from(2)
}
