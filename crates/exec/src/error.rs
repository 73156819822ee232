//! Why an exec analyzer failed one document. Every message names the
//! command, says what happened and what Gleaner did about it.

/// An exec analyzer could not analyze one document.
#[derive(Debug, thiserror::Error)]
pub enum ExecError {
    /// The process could not be started, or did not complete the handshake.
    #[error("`{command}` could not start: {detail}")]
    Start {
        /// The command as configured.
        command: String,
        /// What went wrong (spawn error, bad handshake, exit before it).
        detail: String,
    },
    /// The process exited (or closed its stdout) while handling the document.
    #[error("`{command}` crashed while analyzing this document ({detail}); {then}")]
    Crashed {
        /// The command as configured.
        command: String,
        /// Exit status and the last lines of stderr.
        detail: String,
        /// What happens next: a restart, or documents failing fast.
        then: String,
    },
    /// The process broke the protocol: not JSON, wrong id, missing field,
    /// a line over the size limit.
    #[error("`{command}` sent an invalid response: {detail}; the process was restarted")]
    Garbage {
        /// The command as configured.
        command: String,
        /// What was wrong, quoting a prefix of what was received.
        detail: String,
    },
    /// No response within the per-document timeout.
    #[error("`{command}` timed out after {ms} ms on this document; the process was killed and is restarted for the next one")]
    TimedOut {
        /// The command as configured.
        command: String,
        /// The timeout.
        ms: u64,
    },
    /// Too many crashes in the crash window: documents fail without
    /// starting the process until the window has passed.
    #[error("`{command}` keeps crashing: {crashes} crashes in the last {window_s} s (last: {last}); documents fail without running it for about {retry_s} s more, then it is tried again")]
    KeepsCrashing {
        /// The command as configured.
        command: String,
        /// Crashes in the window.
        crashes: usize,
        /// The window, in seconds.
        window_s: u64,
        /// The last crash: exit status and last stderr.
        last: String,
        /// Seconds until it is tried again.
        retry_s: u64,
    },
    /// The analyzer answered with an error for this document.
    #[error("`{command}` reported an error: {message}")]
    Reported {
        /// The command as configured.
        command: String,
        /// The analyzer's message.
        message: String,
    },
    /// The document could not be serialized (should not happen with a
    /// well-formed document).
    #[error("cannot serialize the document for `{command}`: {source}")]
    Serialize {
        /// The command as configured.
        command: String,
        /// Serde's error.
        #[source]
        source: serde_json::Error,
    },
}
