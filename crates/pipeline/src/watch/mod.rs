//! The drop-folder daemon (`gleaner watch`, or `gleaner run` on a pipeline
//! with `[source] watch = true`).
//!
//! It scans the source folder at start (files dropped while it was down),
//! then reacts to file-system events (or polls, with `--poll`), processes
//! each file once it is complete, and records in a durable state which
//! content was processed into which outputs, so that an unchanged file is
//! never processed twice, also across restarts, and a crash at any moment
//! loses nothing. See `docs/watch.md` for the user's view.
//!
//! * [`settings`]: the `[watch]` table and its validation;
//! * [`state`]: the crash-safe state (snapshot + journal);
//! * [`fswatch`]: `notify` events, folder scans, file metadata;
//! * [`work`]: one file through the pipeline, with sink retries;
//! * [`daemon`]: the scheduler, signals, reload, status.

pub mod daemon;
pub mod fswatch;
pub mod settings;
pub mod state;
pub mod work;

use crate::registry::Registry;
use std::path::PathBuf;
use std::process::ExitCode;

pub use daemon::{Daemon, StartError};
pub use settings::{watch_options, After, Settings, WatchConfig};

/// `gleaner watch` arguments.
#[derive(Debug, clap::Args)]
pub struct WatchArgs {
    /// The pipeline file.
    pub pipeline: PathBuf,
    /// Poll the folder instead of relying on file-system events (network
    /// file systems, containers, WSL); see `[watch] poll_interval`.
    #[arg(long)]
    pub poll: bool,
    /// Files processed at once (overrides [runner] concurrency, also after
    /// a reload).
    #[arg(long)]
    pub concurrency: Option<usize>,
}

impl WatchArgs {
    /// Arguments for watching `pipeline` with its own settings, and
    /// `concurrency` when given.
    pub fn for_pipeline(pipeline: PathBuf, concurrency: Option<usize>) -> Self {
        Self {
            pipeline,
            poll: false,
            concurrency,
        }
    }
}

/// Runs the daemon until it is stopped: exit code 0 after a clean stop
/// (SIGINT/SIGTERM), 2 when it cannot start (bad pipeline file, state folder
/// in use, watch limit reached).
pub fn cmd_watch(registry: &Registry, args: WatchArgs) -> ExitCode {
    let rt = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(rt) => rt,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::from(2);
        }
    };
    let result = rt.block_on(async {
        let daemon = Daemon::start(registry, &args.pipeline, args.poll, args.concurrency)?;
        daemon.run().await
    });
    rt.shutdown_timeout(std::time::Duration::from_secs(2));
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprint!("error: {e}");
            if !e.to_string().ends_with('\n') {
                eprintln!();
            }
            ExitCode::from(2)
        }
    }
}
