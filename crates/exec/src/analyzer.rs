//! [`ExecAnalyzer`]: a pool of analyzer processes behind the [`Analyzer`]
//! trait, and [`ExecFactory`], the `exec` stage type.
//!
//! * Processes start lazily, on the first documents (so `gleaner check`
//!   starts nothing), up to `instances` of them; each handles one document
//!   at a time, and a document waits for a free one.
//! * A document that takes longer than `timeout_ms` fails with "timed out";
//!   its process is killed, and a fresh one starts for the next document.
//! * A response that breaks the protocol fails its document, quoting what
//!   was received, and the process is replaced (its stream state is
//!   unknown).
//! * A process that exits (or fails to start or to shake hands) is a
//!   crash: its document fails with the exit status and last stderr lines,
//!   and the next start waits `restart_backoff_ms`, doubling with each
//!   crash in the window. After `max_crashes` crashes within
//!   `crash_window_ms`, documents fail at once ("keeps crashing") without
//!   starting it, until the oldest crash leaves the window; then it is
//!   tried again, and one answered document clears the count.
//!
//! The pipeline never stops for any of these: each only fails documents.

use crate::error::ExecError;
use crate::options::{self, ExecOptions, Spec, MAX_BACKOFF};
use crate::protocol::{Reply, Request};
use crate::worker::{Fault, Worker};
use async_trait::async_trait;
use gleaner_core::{
    parse_options, AnalyzeError, Analyzer, AnalyzerFactory, Annotations, BuildContext, ConfigIssue,
    Document, StageInfo, StageKind,
};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::Semaphore;

/// The `exec` analyzer type.
#[derive(Debug, Clone, Copy, Default)]
pub struct ExecFactory;

impl AnalyzerFactory for ExecFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: "exec",
            kind: StageKind::Analyzer,
            description: "runs an analyzer program in any language (protocol gleaner-exec/1: one JSON line per document on stdin, one back on stdout); output under analyzers.NAME",
            options: options::options_info(),
            provides: Vec::new(),
            requires: Vec::new(),
        }
    }

    fn build(
        &self,
        name: &str,
        options: serde_json::Value,
        ctx: &BuildContext,
    ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>> {
        Ok(Arc::new(ExecAnalyzer::from_options(name, options, ctx)?))
    }
}

/// Crash history shared by a pool's processes.
#[derive(Debug, Default)]
struct Health {
    /// When recent crashes happened, oldest first.
    crashes: VecDeque<Instant>,
    /// How the last crash went (exit status, stderr).
    last: String,
}

impl Health {
    fn prune(&mut self, now: Instant, window: Duration) {
        while self
            .crashes
            .front()
            .is_some_and(|&t| now.saturating_duration_since(t) >= window)
        {
            self.crashes.pop_front();
        }
    }

    fn crash(&mut self, now: Instant, window: Duration, detail: String) {
        self.prune(now, window);
        self.crashes.push_back(now);
        self.last = detail;
    }

    fn success(&mut self) {
        self.crashes.clear();
    }

    /// What a document about to start a process must do.
    fn gate(&mut self, now: Instant, spec: &Spec) -> Gate {
        self.prune(now, spec.crash_window);
        let n = self.crashes.len();
        if n >= spec.max_crashes {
            let retry = self
                .crashes
                .front()
                .and_then(|&t| t.checked_add(spec.crash_window))
                .map_or(spec.crash_window, |until| {
                    until.saturating_duration_since(now)
                });
            return Gate::Tripped {
                crashes: n,
                last: self.last.clone(),
                retry,
            };
        }
        let Some(&latest) = self.crashes.back() else {
            return Gate::Go(Duration::ZERO);
        };
        let shift = u32::try_from(n.saturating_sub(1))
            .unwrap_or(u32::MAX)
            .min(16);
        let delay = spec.backoff.saturating_mul(1u32 << shift).min(MAX_BACKOFF);
        Gate::Go(
            latest
                .checked_add(delay)
                .map_or(delay, |at| at.saturating_duration_since(now)),
        )
    }
}

/// Whether a process may be started now.
#[derive(Debug, PartialEq)]
enum Gate {
    /// After this delay.
    Go(Duration),
    /// No: it keeps crashing.
    Tripped {
        crashes: usize,
        last: String,
        retry: Duration,
    },
}

/// An analyzer run as child processes speaking `gleaner-exec/1`.
pub struct ExecAnalyzer {
    spec: Arc<Spec>,
    /// One permit per process slot.
    slots: Semaphore,
    /// Idle live processes.
    idle: Mutex<Vec<Worker>>,
    health: Mutex<Health>,
}

impl std::fmt::Debug for ExecAnalyzer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ExecAnalyzer")
            .field("name", &self.spec.name)
            .field("command", &self.spec.command)
            .finish()
    }
}

impl ExecAnalyzer {
    /// An analyzer for validated options; starts no process yet.
    pub fn new(spec: Spec) -> Self {
        Self {
            slots: Semaphore::new(spec.instances),
            spec: Arc::new(spec),
            idle: Mutex::new(Vec::new()),
            health: Mutex::new(Health::default()),
        }
    }

    /// Builds one from pipeline options (as JSON) for analyzer `name`.
    pub fn from_options(
        name: &str,
        options: serde_json::Value,
        ctx: &BuildContext,
    ) -> Result<Self, Vec<ConfigIssue>> {
        let opts: ExecOptions = parse_options(options)?;
        Ok(Self::new(opts.validate(name, ctx)?))
    }

    fn health(&self) -> std::sync::MutexGuard<'_, Health> {
        self.health.lock().unwrap_or_else(|e| e.into_inner())
    }

    fn take_idle(&self) -> Option<Worker> {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).pop()
    }

    fn put_idle(&self, w: Worker) {
        self.idle.lock().unwrap_or_else(|e| e.into_inner()).push(w);
    }

    /// Records a crash; returns the detail with the crash count, and what
    /// happens next.
    fn record_crash(&self, detail: &str) -> (String, String) {
        let mut h = self.health();
        h.crash(Instant::now(), self.spec.crash_window, detail.to_string());
        let n = h.crashes.len();
        let window_s = self.spec.crash_window.as_secs_f64().ceil() as u64;
        let counted = format!(
            "{detail}; crash {n} of max_crashes = {} within {window_s} s",
            self.spec.max_crashes
        );
        let then = if n >= self.spec.max_crashes {
            format!("it keeps crashing, so documents fail without running it until the {window_s} s window has passed")
        } else {
            "it is restarted for the next one".to_string()
        };
        (counted, then)
    }

    /// An idle process, or a freshly started one.
    async fn acquire(&self) -> Result<Worker, ExecError> {
        if let Some(mut w) = self.take_idle() {
            if !w.has_exited() {
                return Ok(w);
            }
            // It died between documents: a crash, but not this document's.
            let detail = w.exit_detail().await;
            tracing::warn!(analyzer = %self.spec.name, "exec analyzer process exited while idle: {detail}");
            let _ = self.record_crash(&format!("exited while idle: {detail}"));
        }
        let gate = self.health().gate(Instant::now(), &self.spec);
        match gate {
            Gate::Tripped {
                crashes,
                last,
                retry,
            } => {
                return Err(ExecError::KeepsCrashing {
                    command: self.spec.command.clone(),
                    crashes,
                    window_s: self.spec.crash_window.as_secs_f64().ceil() as u64,
                    last,
                    retry_s: retry.as_secs_f64().ceil() as u64,
                })
            }
            Gate::Go(delay) if !delay.is_zero() => {
                tracing::debug!(analyzer = %self.spec.name, ?delay, "waiting before restarting the exec analyzer");
                tokio::time::sleep(delay).await;
            }
            Gate::Go(_) => {}
        }
        let started =
            tokio::time::timeout(self.spec.start_timeout, Worker::start(&self.spec)).await;
        let fault = match started {
            Ok(Ok(w)) => return Ok(w),
            Ok(Err(Fault::Crashed(d) | Fault::Garbage(d))) => d,
            Err(_) => format!(
                "no handshake within start_timeout_ms = {} ms",
                self.spec.start_timeout.as_millis()
            ),
        };
        let (detail, _) = self.record_crash(&fault);
        tracing::warn!(analyzer = %self.spec.name, "exec analyzer could not start: {detail}");
        Err(ExecError::Start {
            command: self.spec.command.clone(),
            detail,
        })
    }

    /// Analyzes one document and returns the raw annotations JSON (`None`
    /// when the process answered `null`).
    pub async fn analyze_json(
        &self,
        doc: &Document,
    ) -> Result<Option<serde_json::Value>, ExecError> {
        let _permit = self.slots.acquire().await.map_err(|_| ExecError::Start {
            command: self.spec.command.clone(),
            detail: "the analyzer is shutting down".into(),
        })?;
        let mut worker = self.acquire().await?;
        let id = worker.next_id();
        let line = Request::line(id, doc).map_err(|source| ExecError::Serialize {
            command: self.spec.command.clone(),
            source,
        })?;
        let command = self.spec.command.clone();
        match tokio::time::timeout(self.spec.timeout, worker.exchange(id, &line)).await {
            Ok(Ok(reply)) => {
                self.health().success();
                self.put_idle(worker);
                match reply {
                    Reply::Annotations(serde_json::Value::Null) => Ok(None),
                    Reply::Annotations(v) => Ok(Some(v)),
                    Reply::Error(message) => Err(ExecError::Reported { command, message }),
                }
            }
            Ok(Err(Fault::Garbage(detail))) => {
                tracing::warn!(analyzer = %self.spec.name, doc = %doc.id, "exec analyzer broke the protocol, restarting it: {detail}");
                worker.kill().await;
                Err(ExecError::Garbage { command, detail })
            }
            Ok(Err(Fault::Crashed(detail))) => {
                let (detail, then) = self.record_crash(&detail);
                tracing::warn!(analyzer = %self.spec.name, doc = %doc.id, "exec analyzer crashed: {detail}");
                Err(ExecError::Crashed {
                    command,
                    detail,
                    then,
                })
            }
            Err(_) => {
                tracing::warn!(analyzer = %self.spec.name, doc = %doc.id, pid = worker.pid(), "exec analyzer timed out, killing it");
                worker.kill().await;
                Err(ExecError::TimedOut {
                    command,
                    ms: u64::try_from(self.spec.timeout.as_millis()).unwrap_or(u64::MAX),
                })
            }
        }
    }
}

#[async_trait]
impl Analyzer for ExecAnalyzer {
    async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError> {
        match self.analyze_json(doc).await {
            Ok(custom) => Ok(Annotations {
                custom,
                ..Annotations::default()
            }),
            Err(e) => Err(AnalyzeError::new(e.to_string())),
        }
    }

    fn extra_provides(&self) -> Vec<String> {
        self.spec.provides.clone()
    }

    fn extra_requires(&self) -> Vec<String> {
        self.spec.requires.clone()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::path::PathBuf;

    fn spec(max_crashes: usize, window_ms: u64, backoff_ms: u64) -> Spec {
        Spec {
            name: "t".into(),
            command: "t".into(),
            program: PathBuf::from("t"),
            args: Vec::new(),
            env: Default::default(),
            timeout: Duration::from_secs(1),
            start_timeout: Duration::from_secs(1),
            instances: 1,
            provides: Vec::new(),
            requires: Vec::new(),
            max_crashes,
            crash_window: Duration::from_millis(window_ms),
            backoff: Duration::from_millis(backoff_ms),
            max_response_bytes: 100,
        }
    }

    #[test]
    fn backoff_doubles_then_trips_then_recovers() {
        let s = spec(3, 10_000, 100);
        let t0 = Instant::now();
        let mut h = Health::default();
        assert_eq!(h.gate(t0, &s), Gate::Go(Duration::ZERO));
        h.crash(t0, s.crash_window, "exit status: 1".into());
        assert_eq!(h.gate(t0, &s), Gate::Go(Duration::from_millis(100)));
        assert_eq!(
            h.gate(t0 + Duration::from_millis(150), &s),
            Gate::Go(Duration::ZERO)
        );
        let t1 = t0 + Duration::from_millis(200);
        h.crash(t1, s.crash_window, "exit status: 2".into());
        assert_eq!(h.gate(t1, &s), Gate::Go(Duration::from_millis(200)));
        let t2 = t1 + Duration::from_millis(300);
        h.crash(t2, s.crash_window, "exit status: 3".into());
        match h.gate(t2, &s) {
            Gate::Tripped {
                crashes,
                last,
                retry,
            } => {
                assert_eq!(crashes, 3);
                assert_eq!(last, "exit status: 3");
                assert_eq!(retry, Duration::from_millis(10_000 - 500));
            }
            g => panic!("{g:?}"),
        }
        // Once the first crash leaves the window it is tried again.
        let later = t0 + Duration::from_millis(10_000);
        assert!(matches!(h.gate(later, &s), Gate::Go(_)));
        h.success();
        assert_eq!(h.gate(later, &s), Gate::Go(Duration::ZERO));
    }

    #[test]
    fn backoff_is_capped() {
        let s = spec(100, 1_000_000, 1_000);
        let t = Instant::now();
        let mut h = Health::default();
        for _ in 0..40 {
            h.crash(t, s.crash_window, String::new());
        }
        assert_eq!(h.gate(t, &s), Gate::Go(MAX_BACKOFF));
    }
}
