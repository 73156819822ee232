//! One analyzer process: spawning it with piped stdio, reading its
//! handshake, one request/response exchange at a time, and finding out how
//! it ended. Its stderr is forwarded line by line to `tracing` (target
//! `gleaner_exec::stderr`, level info), and the last lines are kept for
//! crash messages.
//!
//! A worker never decides about restarts or timeouts: it reports a
//! [`Fault`] and the pool in [`crate::analyzer`] acts on it. The child is
//! spawned with `kill_on_drop`, so dropping a worker (a timeout, a
//! cancelled document, the pipeline going away) kills its process.

use crate::options::Spec;
use crate::protocol::{self, Handshake, Reply};
use std::collections::VecDeque;
use std::process::{ExitStatus, Stdio};
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::io::{AsyncBufRead, AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::process::{Child, ChildStdin, ChildStdout, Command};
use tokio::task::JoinHandle;

/// Lines of stderr kept for crash messages.
const STDERR_KEEP: usize = 20;
/// Lines of stderr quoted in a crash message.
const STDERR_QUOTE_LINES: usize = 3;
/// Characters of stderr quoted in a crash message.
const STDERR_QUOTE_CHARS: usize = 400;
/// Longest stderr line forwarded whole.
const STDERR_LINE_MAX: usize = 8 * 1024;
/// Bytes of a too-long line kept to quote.
const KEEP_PREFIX: usize = 256;

/// How an exchange with a process went wrong.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Fault {
    /// The process is gone (exited, closed its stdout, a broken pipe, a
    /// failed spawn); the text has the exit status and last stderr lines.
    Crashed(String),
    /// It broke the protocol; the text says how, quoting what it sent.
    Garbage(String),
}

/// The result of reading one line with a size limit.
#[derive(Debug, PartialEq, Eq)]
pub enum LineRead {
    /// A whole line, without its `\n` (and `\r`).
    Line(Vec<u8>),
    /// The stream ended; what was read of an unfinished line.
    Eof(Vec<u8>),
    /// The line is longer than the limit; its first bytes.
    TooLong(Vec<u8>),
}

/// Reads one line of at most `limit` bytes (without the newline). After
/// [`LineRead::TooLong`] the stream is in the middle of that line.
pub async fn read_line_limited<R: AsyncBufRead + Unpin>(
    r: &mut R,
    limit: usize,
) -> std::io::Result<LineRead> {
    let mut out = Vec::new();
    loop {
        let buf = r.fill_buf().await?;
        if buf.is_empty() {
            return Ok(LineRead::Eof(out));
        }
        let (chunk, found) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (buf.split_at(i).0, true),
            None => (buf, false),
        };
        if out.len() + chunk.len() > limit {
            let room = KEEP_PREFIX.saturating_sub(out.len()).min(chunk.len());
            out.extend_from_slice(chunk.split_at(room).0);
            out.truncate(KEEP_PREFIX);
            return Ok(LineRead::TooLong(out));
        }
        out.extend_from_slice(chunk);
        let used = chunk.len() + usize::from(found);
        r.consume(used);
        if found {
            if out.last() == Some(&b'\r') {
                out.pop();
            }
            return Ok(LineRead::Line(out));
        }
    }
}

/// The last lines a process wrote to stderr.
#[derive(Debug, Default)]
struct StderrTail(Mutex<VecDeque<String>>);

impl StderrTail {
    fn push(&self, line: String) {
        let mut q = self.0.lock().unwrap_or_else(|e| e.into_inner());
        if q.len() == STDERR_KEEP {
            q.pop_front();
        }
        q.push_back(line);
    }

    /// The last few non-blank lines, joined with ` | ` and cut to a
    /// readable length.
    fn quote(&self) -> String {
        let q = self.0.lock().unwrap_or_else(|e| e.into_inner());
        let lines: Vec<&str> = q
            .iter()
            .map(|l| l.trim())
            .filter(|l| !l.is_empty())
            .collect();
        let start = lines.len().saturating_sub(STDERR_QUOTE_LINES);
        let joined = lines.get(start..).unwrap_or_default().join(" | ");
        let n = joined.chars().count();
        if n > STDERR_QUOTE_CHARS {
            let tail: String = joined.chars().skip(n - STDERR_QUOTE_CHARS).collect();
            format!("…{tail}")
        } else {
            joined
        }
    }
}

/// One running analyzer process.
pub struct Worker {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
    stderr: Arc<StderrTail>,
    stderr_task: Option<JoinHandle<()>>,
    next_id: u64,
    max_response: usize,
    /// The handshake it sent.
    pub handshake: Handshake,
}

impl std::fmt::Debug for Worker {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Worker")
            .field("pid", &self.child.id())
            .field("next_id", &self.next_id)
            .finish()
    }
}

impl Worker {
    /// Spawns the process and reads its handshake. The caller bounds the
    /// time this takes.
    pub async fn start(spec: &Spec) -> Result<Worker, Fault> {
        let mut cmd = Command::new(&spec.program);
        cmd.args(&spec.args)
            .envs(&spec.env)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .kill_on_drop(true);
        let mut child = cmd
            .spawn()
            .map_err(|e| Fault::Crashed(format!("cannot run {}: {e}", spec.program.display())))?;
        let pid = child.id();
        let (Some(stdin), Some(stdout), Some(stderr)) =
            (child.stdin.take(), child.stdout.take(), child.stderr.take())
        else {
            return Err(Fault::Crashed("the process's stdio is not piped".into()));
        };
        let tail = Arc::new(StderrTail::default());
        let stderr_task = tokio::spawn(forward_stderr(
            BufReader::new(stderr),
            Arc::clone(&tail),
            spec.name.clone(),
            pid,
        ));
        let mut worker = Worker {
            child,
            stdin,
            stdout: BufReader::new(stdout),
            stderr: tail,
            stderr_task: Some(stderr_task),
            next_id: 1,
            max_response: spec.max_response_bytes,
            handshake: Handshake {
                protocol: String::new(),
                name: None,
                version: None,
            },
        };
        let line = worker.read_reply_line("its handshake").await??;
        worker.handshake = protocol::parse_handshake(&line).map_err(|e| Fault::Garbage(e.0))?;
        tracing::debug!(
            analyzer = %spec.name,
            pid,
            name = worker.handshake.name.as_deref().unwrap_or(""),
            version = worker.handshake.version.as_deref().unwrap_or(""),
            "exec analyzer process started"
        );
        Ok(worker)
    }

    /// The process id, while it runs.
    pub fn pid(&self) -> Option<u32> {
        self.child.id()
    }

    /// The id the next request gets.
    pub fn next_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// True when the process has exited (e.g. died while idle).
    pub fn has_exited(&mut self) -> bool {
        !matches!(self.child.try_wait(), Ok(None))
    }

    /// Sends a request line and reads the response to request `id`.
    pub async fn exchange(&mut self, id: u64, request: &[u8]) -> Result<Reply, Fault> {
        let written = async {
            self.stdin.write_all(request).await?;
            self.stdin.flush().await
        }
        .await;
        if let Err(e) = written {
            let detail = self.exit_detail().await;
            return Err(Fault::Crashed(format!(
                "writing the document failed: {e}; {detail}"
            )));
        }
        let line = self.read_reply_line("its response").await??;
        protocol::parse_response(&line, id).map_err(|e| Fault::Garbage(e.0))
    }

    /// Reads the next non-blank stdout line. The outer error is a crash
    /// (already described); the inner one a too-long line.
    async fn read_reply_line(&mut self, what: &str) -> Result<Result<Vec<u8>, Fault>, Fault> {
        loop {
            match read_line_limited(&mut self.stdout, self.max_response).await {
                Ok(LineRead::Line(l)) if l.iter().all(u8::is_ascii_whitespace) => continue,
                Ok(LineRead::Line(l)) => return Ok(Ok(l)),
                Ok(LineRead::TooLong(prefix)) => {
                    return Ok(Err(Fault::Garbage(format!(
                        "{what} is longer than max_response_bytes = {} bytes: received {}",
                        self.max_response,
                        protocol::quote(&prefix)
                    ))))
                }
                Ok(LineRead::Eof(partial)) => {
                    let detail = self.exit_detail().await;
                    let partial = if partial.is_empty() {
                        String::new()
                    } else {
                        format!("; it had written {}", protocol::quote(&partial))
                    };
                    return Err(Fault::Crashed(format!(
                        "it exited before {what}: {detail}{partial}"
                    )));
                }
                Err(e) => {
                    let detail = self.exit_detail().await;
                    return Err(Fault::Crashed(format!(
                        "reading {what} failed: {e}; {detail}"
                    )));
                }
            }
        }
    }

    /// How the process ended: its exit status (killing it when it closed
    /// stdout but lingers) and its last stderr lines.
    pub async fn exit_detail(&mut self) -> String {
        let status = match tokio::time::timeout(Duration::from_secs(1), self.child.wait()).await {
            Ok(Ok(s)) => describe(s),
            Ok(Err(e)) => format!("exit status unknown: {e}"),
            Err(_) => {
                let _ = self.child.start_kill();
                let _ = tokio::time::timeout(Duration::from_secs(1), self.child.wait()).await;
                "it closed its stdout but kept running, so it was killed".to_string()
            }
        };
        if let Some(mut task) = self.stderr_task.take() {
            // Let the forwarder read what the process wrote before exiting.
            if tokio::time::timeout(Duration::from_millis(500), &mut task)
                .await
                .is_err()
            {
                task.abort();
            }
        }
        let tail = self.stderr.quote();
        if tail.is_empty() {
            format!("{status}, nothing on stderr")
        } else {
            format!("{status}, last stderr: {tail}")
        }
    }

    /// Kills the process and reaps it.
    pub async fn kill(mut self) {
        let _ = self.child.start_kill();
        let _ = tokio::time::timeout(Duration::from_secs(1), self.child.wait()).await;
    }
}

fn describe(s: ExitStatus) -> String {
    s.to_string()
}

/// Forwards a process's stderr to `tracing`, keeping the last lines.
async fn forward_stderr<R: AsyncBufRead + Unpin>(
    mut r: R,
    tail: Arc<StderrTail>,
    analyzer: String,
    pid: Option<u32>,
) {
    loop {
        match read_line_limited(&mut r, STDERR_LINE_MAX).await {
            Ok(LineRead::Line(l)) => {
                let line = String::from_utf8_lossy(&l).into_owned();
                tracing::info!(target: "gleaner_exec::stderr", analyzer = %analyzer, pid, "{line}");
                tail.push(line);
            }
            Ok(LineRead::Eof(l)) => {
                if !l.is_empty() {
                    let line = String::from_utf8_lossy(&l).into_owned();
                    tracing::info!(target: "gleaner_exec::stderr", analyzer = %analyzer, pid, "{line}");
                    tail.push(line);
                }
                return;
            }
            Ok(LineRead::TooLong(prefix)) => {
                let line = format!("{}…", String::from_utf8_lossy(&prefix));
                tracing::info!(target: "gleaner_exec::stderr", analyzer = %analyzer, pid, "{line}");
                tail.push(line);
                // Skip the rest of the long line.
                loop {
                    let buf = match r.fill_buf().await {
                        Ok(b) if !b.is_empty() => b,
                        _ => return,
                    };
                    match buf.iter().position(|&b| b == b'\n') {
                        Some(i) => {
                            r.consume(i + 1);
                            break;
                        }
                        None => {
                            let n = buf.len();
                            r.consume(n);
                        }
                    }
                }
            }
            Err(e) => {
                tracing::debug!(analyzer = %analyzer, pid, error = %e, "stderr of the exec analyzer closed");
                return;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    async fn lines(input: &[u8], limit: usize) -> Vec<LineRead> {
        // A tiny buffer makes lines span several fill_buf calls.
        let mut r = BufReader::with_capacity(3, input);
        let mut out = Vec::new();
        loop {
            let l = read_line_limited(&mut r, limit).await.unwrap();
            match l {
                LineRead::Line(_) => out.push(l),
                _ => {
                    out.push(l);
                    return out;
                }
            }
        }
    }

    #[tokio::test]
    async fn reads_lines_across_buffers() {
        let got = lines(b"hello\r\nworld\n\nend", 100).await;
        assert_eq!(
            got,
            vec![
                LineRead::Line(b"hello".to_vec()),
                LineRead::Line(b"world".to_vec()),
                LineRead::Line(Vec::new()),
                LineRead::Eof(b"end".to_vec()),
            ]
        );
    }

    #[tokio::test]
    async fn stops_at_the_limit() {
        let got = lines(b"12345\n123456789\n", 6).await;
        assert_eq!(got[0], LineRead::Line(b"12345".to_vec()));
        match &got[1] {
            LineRead::TooLong(p) => assert!(b"123456789".starts_with(p) && p.len() >= 6),
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn stderr_tail_quotes_the_last_lines() {
        let t = StderrTail::default();
        for i in 0..30 {
            t.push(format!("line {i}"));
        }
        t.push("   ".into());
        assert_eq!(t.quote(), "line 27 | line 28 | line 29");
        t.push("x".repeat(1000));
        let q = t.quote();
        assert!(q.starts_with('…') && q.chars().count() == STDERR_QUOTE_CHARS + 1);
    }
}
