//! The `stdout` sink: prints each finished document to standard output,
//! either as a few human lines (`format = "summary"`, see [`summary`]) or as
//! its full JSON on one line (`format = "jsonl"`).
//!
//! In `jsonl` mode the sink prints nothing but the documents, one per line,
//! so the output can be piped to `jq` or another program; logs go to stderr
//! through `tracing`. Every write takes one process-wide lock and writes and
//! flushes whole records under it, so records never interleave when documents
//! finish concurrently. A closed pipe (`gleaner run … | head`) is an ordinary
//! [`SinkError`], never a panic.

pub mod summary;

use async_trait::async_trait;
use gleaner_core::{
    parse_options, BuildContext, ConfigIssue, Document, OptionInfo, Sink, SinkError, SinkFactory,
    StageInfo, StageKind,
};
use serde::Deserialize;
use std::io::{self, Write};
use std::path::PathBuf;
use std::sync::{Arc, Mutex, OnceLock};

/// The `type = "…"` that selects this sink in a pipeline file.
pub const TYPE_NAME: &str = "stdout";

/// Options of the `stdout` sink.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StdoutOptions {
    /// `summary` (a few human lines per document) or `jsonl` (the full
    /// document JSON, one line each, and nothing else).
    #[serde(default)]
    pub format: OutputFormat,
}

/// How documents are printed (`format = "summary" | "jsonl"`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum OutputFormat {
    /// A few human lines per document.
    #[default]
    Summary,
    /// The full document JSON on one line.
    Jsonl,
}

/// Builds `stdout` sinks from pipeline options.
#[derive(Debug, Clone, Copy, Default)]
pub struct StdoutSinkFactory;

impl SinkFactory for StdoutSinkFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: TYPE_NAME,
            kind: StageKind::Sink,
            description: "Prints each document to stdout: a short summary, or its full JSON as one line (jsonl).",
            options: vec![OptionInfo {
                name: "format",
                ty: "string",
                default: Some("\"summary\""),
                doc: "\"summary\" (a few human lines per document) or \"jsonl\" (the full document JSON, one line each, nothing else on stdout).",
            }],
            provides: Vec::new(),
            requires: Vec::new(),
        }
    }

    fn build(
        &self,
        name: &str,
        options: serde_json::Value,
        _ctx: &BuildContext,
    ) -> Result<Arc<dyn Sink>, Vec<ConfigIssue>> {
        let format = parse_options::<StdoutOptions>(options)?.format;
        tracing::debug!(sink = name, ?format, "stdout sink ready");
        Ok(Arc::new(StdoutSink::stdout(format)))
    }
}

/// Where output goes: a writer behind the lock that serializes records.
pub type SharedWriter = Arc<Mutex<Box<dyn Write + Send>>>;

/// The process's stdout behind one lock shared by every stdout sink, so two
/// sinks of this type in one pipeline cannot interleave either.
fn shared_stdout() -> SharedWriter {
    static STDOUT: OnceLock<SharedWriter> = OnceLock::new();
    STDOUT
        .get_or_init(|| Arc::new(Mutex::new(Box::new(io::stdout()))))
        .clone()
}

/// Prints documents to a writer (stdout unless built for a test).
pub struct StdoutSink {
    format: OutputFormat,
    out: SharedWriter,
}

impl std::fmt::Debug for StdoutSink {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("StdoutSink")
            .field("format", &self.format)
            .finish_non_exhaustive()
    }
}

impl StdoutSink {
    /// A sink printing to the process's stdout.
    pub fn stdout(format: OutputFormat) -> Self {
        Self {
            format,
            out: shared_stdout(),
        }
    }

    /// A sink printing to `out` (for tests and embedding).
    pub fn with_writer(format: OutputFormat, out: SharedWriter) -> Self {
        Self { format, out }
    }

    /// The bytes printed for `doc`, ending with a newline.
    pub fn render(&self, doc: &Document) -> Result<Vec<u8>, SinkError> {
        match self.format {
            OutputFormat::Summary => Ok(summary::render(doc).into_bytes()),
            OutputFormat::Jsonl => {
                let mut bytes = serde_json::to_vec(doc).map_err(|e| SinkError {
                    message: format!("document {:?}: cannot serialize to JSON: {e}", doc.id),
                    transient: false,
                    source: Some(Box::new(e)),
                })?;
                bytes.push(b'\n');
                Ok(bytes)
            }
        }
    }
}

/// Writes one whole record under the lock and flushes it.
fn emit(out: &SharedWriter, bytes: &[u8]) -> Result<(), SinkError> {
    // A panic while holding the lock cannot leave a half record that matters
    // more than stopping output would, so a poisoned lock is still used.
    let mut w = out.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
    w.write_all(bytes)
        .and_then(|()| w.flush())
        .map_err(stdout_error)
}

fn stdout_error(err: io::Error) -> SinkError {
    let message = if err.kind() == io::ErrorKind::BrokenPipe {
        "stdout: the reading end of the pipe is closed (broken pipe); nothing more can be printed"
            .to_string()
    } else {
        format!("stdout: {err}")
    };
    let transient = matches!(
        err.kind(),
        io::ErrorKind::Interrupted | io::ErrorKind::WouldBlock | io::ErrorKind::TimedOut
    );
    SinkError {
        message,
        transient,
        source: Some(Box::new(err)),
    }
}

#[async_trait]
impl Sink for StdoutSink {
    async fn write(&self, doc: &Document) -> Result<Vec<PathBuf>, SinkError> {
        let bytes = self.render(doc)?;
        let out = self.out.clone();
        // A slow reader blocks the write: keep that off the async workers.
        match tokio::runtime::Handle::try_current() {
            Ok(handle) => handle
                .spawn_blocking(move || emit(&out, &bytes))
                .await
                .map_err(|e| SinkError::new(format!("stdout: write task failed: {e}")))??,
            Err(_) => emit(&out, &bytes)?,
        }
        Ok(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::{Format, Meta, SourceInfo};
    use serde_json::json;

    /// A writer into a shared buffer that writes a few bytes per call, so
    /// that unserialized writers would interleave.
    #[derive(Clone, Default)]
    struct Buffer(Arc<Mutex<Vec<u8>>>);

    impl Write for Buffer {
        fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
            let n = buf.len().min(7);
            self.0.lock().unwrap().extend_from_slice(&buf[..n]);
            std::thread::yield_now();
            Ok(n)
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    impl Buffer {
        fn text(&self) -> String {
            String::from_utf8(self.0.lock().unwrap().clone()).unwrap()
        }
    }

    fn sink(format: OutputFormat) -> (StdoutSink, Buffer) {
        let buf = Buffer::default();
        let w: SharedWriter = Arc::new(Mutex::new(Box::new(buf.clone())));
        (StdoutSink::with_writer(format, w), buf)
    }

    fn doc(id: &str) -> Document {
        let mut d = Document::new(
            id,
            SourceInfo {
                path: format!("in/{id}.txt"),
                format: Format::Txt,
                hash: format!("sha256:{}", "ef".repeat(32)),
                line: None,
                encoding: None,
            },
            Meta {
                title: Some("Quarry expansion put on hold".into()),
                published: Some("2020-06-03".into()),
                outlet: Some("Hill Country Post".into()),
                ..Meta::default()
            },
            "The county paused the quarry expansion.\nResidents cheered.".into(),
        );
        d.analyzers.insert("x".into(), json!({"note": "a\nb"}));
        d
    }

    #[tokio::test]
    async fn jsonl_prints_one_full_document_per_line() {
        let (s, buf) = sink(OutputFormat::Jsonl);
        let a = doc("a");
        let b = doc("b");
        assert!(s.write(&a).await.unwrap().is_empty());
        assert!(s.write(&b).await.unwrap().is_empty());
        let text = buf.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2);
        assert!(text.ends_with('\n'));
        let first: serde_json::Value = serde_json::from_str(lines[0]).unwrap();
        assert_eq!(first, serde_json::to_value(&a).unwrap());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_writes_never_interleave() {
        let (s, buf) = sink(OutputFormat::Jsonl);
        let s = Arc::new(s);
        let mut tasks = Vec::new();
        for t in 0..8 {
            let s = s.clone();
            tasks.push(tokio::spawn(async move {
                for i in 0..25 {
                    s.write(&doc(&format!("t{t}-{i}"))).await.unwrap();
                }
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let text = buf.text();
        let mut ids: Vec<String> = text
            .lines()
            .map(|l| {
                let v: serde_json::Value = serde_json::from_str(l).unwrap();
                v["id"].as_str().unwrap().to_string()
            })
            .collect();
        assert_eq!(ids.len(), 200);
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), 200);
    }

    #[tokio::test]
    async fn summary_is_a_few_lines_per_document() {
        let (s, buf) = sink(OutputFormat::Summary);
        s.write(&doc("a")).await.unwrap();
        let text = buf.text();
        assert!(
            text.starts_with("Quarry expansion put on hold [a]\n"),
            "{text}"
        );
        assert!(text.contains("Hill Country Post · 2020-06-03"), "{text}");
        assert!(text.lines().count() <= 6);
    }

    /// Fails like a pipe whose reader went away.
    struct ClosedPipe;

    impl Write for ClosedPipe {
        fn write(&mut self, _: &[u8]) -> io::Result<usize> {
            Err(io::Error::from(io::ErrorKind::BrokenPipe))
        }
        fn flush(&mut self) -> io::Result<()> {
            Ok(())
        }
    }

    #[tokio::test]
    async fn a_closed_pipe_is_an_error_not_a_panic() {
        let w: SharedWriter = Arc::new(Mutex::new(Box::new(ClosedPipe)));
        let s = StdoutSink::with_writer(OutputFormat::Jsonl, w);
        for _ in 0..3 {
            let err = s.write(&doc("a")).await.unwrap_err();
            assert!(err.message.contains("broken pipe"), "{}", err.message);
            assert!(!err.transient);
        }
    }

    #[cfg(unix)]
    #[tokio::test]
    async fn a_real_closed_pipe_is_an_error() {
        use std::process::{Command, Stdio};
        // `true` exits without reading: its stdin is a pipe with no reader.
        let mut child = Command::new("true").stdin(Stdio::piped()).spawn().unwrap();
        let stdin = child.stdin.take().unwrap();
        child.wait().unwrap();
        let w: SharedWriter = Arc::new(Mutex::new(Box::new(stdin)));
        let s = StdoutSink::with_writer(OutputFormat::Summary, w);
        // The first write can land in the pipe buffer on some systems;
        // a few always reach the closed end.
        let mut failed = None;
        for _ in 0..64 {
            if let Err(e) = s.write(&doc("a")).await {
                failed = Some(e);
                break;
            }
        }
        let err = failed.expect("writes to a closed pipe kept succeeding");
        assert!(err.message.contains("broken pipe"), "{}", err.message);
    }

    #[test]
    fn writes_work_without_a_runtime_too() {
        let (s, buf) = sink(OutputFormat::Jsonl);
        let bytes = s.render(&doc("a")).unwrap();
        emit(&s.out, &bytes).unwrap();
        assert_eq!(buf.text().lines().count(), 1);
    }

    fn build(options: serde_json::Value) -> Result<Arc<dyn Sink>, Vec<ConfigIssue>> {
        StdoutSinkFactory.build("console", options, &BuildContext::default())
    }

    #[test]
    fn formats_are_checked_at_build_time() {
        assert!(build(json!({})).is_ok());
        assert!(build(json!({"format": "summary"})).is_ok());
        assert!(build(json!({"format": "jsonl"})).is_ok());
        let err = build(json!({"format": "xml"})).err().unwrap();
        assert_eq!(err[0].key, "format");
        assert!(
            err[0].message.contains("summary") && err[0].message.contains("jsonl"),
            "{}",
            err[0].message
        );
        assert!(err[0].message.contains("xml"));
        let err = build(json!({"format": "JSONL"})).err().unwrap();
        assert_eq!(err[0].key, "format");
    }

    #[test]
    fn unknown_and_mistyped_options_are_rejected() {
        let err = build(json!({"formatt": "jsonl"})).err().unwrap();
        assert_eq!(err[0].key, "formatt");
        let err = build(json!({"format": 3})).err().unwrap();
        assert_eq!(err[0].key, "format");
        assert!(
            err[0].message.contains("invalid type"),
            "{}",
            err[0].message
        );
        assert!(build(json!(["jsonl"])).is_err());
    }

    #[test]
    fn info_lists_the_option() {
        let info = StdoutSinkFactory.info();
        assert_eq!(info.type_name, "stdout");
        assert_eq!(info.options.len(), 1);
        assert_eq!(info.options[0].name, "format");
        assert_eq!(info.options[0].default, Some("\"summary\""));
    }
}
