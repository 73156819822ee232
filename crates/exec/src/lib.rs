//! The `exec` analyzer: analyzers written in any language, run as long-lived
//! child processes that speak the line-delimited JSON protocol
//! `gleaner-exec/1` on their stdin and stdout.
//!
//! A pipeline declares one with
//!
//! ```toml
//! [analyzers.readability]
//! type = "exec"
//! command = "python3"
//! args = ["examples/exec-analyzer/readability.py"]
//! timeout_ms = 5000
//! instances = 2
//! ```
//!
//! and its output lands in each document's JSON under
//! `analyzers.readability`.
//!
//! * [`protocol`]: the messages (handshake, request, response) and their
//!   parsing, with errors that quote what was received.
//! * [`options`]: the `[analyzers.NAME]` options and their validation.
//! * [`worker`]: one child process: start, handshake, one exchange, exit
//!   status, stderr forwarded to `tracing`.
//! * [`analyzer`]: [`ExecAnalyzer`], a pool of workers with per-document
//!   timeouts, restarts with backoff and a crash breaker, and
//!   [`ExecFactory`], which the registry knows it by.
//!
//! The protocol is specified for analyzer authors in `docs/plugins.md` and
//! `docs/exec-protocol.schema.json`.

pub mod analyzer;
pub mod error;
pub mod options;
pub mod protocol;
pub mod worker;

pub use analyzer::{ExecAnalyzer, ExecFactory};
pub use error::ExecError;
pub use options::ExecOptions;
pub use protocol::PROTOCOL;
