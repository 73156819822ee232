//! Gleaner's pipeline: what turns a pipeline file into work.
//!
//! * [`config`]: parse the TOML, validate it into a runnable [`Pipeline`],
//!   reporting every error at once with its place.
//! * [`registry`]: the stage types a binary knows; custom binaries add theirs.
//! * [`source`]: finding input files in folders.
//! * [`process`]: one file through ingest, normalize, analyzers and sinks.
//! * [`runner`]: a whole batch run, concurrent and memory-bounded.
//! * [`watch`]: the drop-folder daemon (`gleaner watch`).
//! * [`cli`]: the `gleaner` command line, reusable by custom binaries.

pub mod cli;
pub mod config;
pub mod process;
pub mod registry;
pub mod runner;
pub mod source;
pub mod watch;

pub use config::{load, ConfigError, ConfigErrors, LoadOptions, Pipeline};
pub use registry::Registry;
