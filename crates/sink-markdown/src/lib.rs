//! The `markdown` sink: a readable report per document,
//! `<path>/<safe stem of the id>.md`, and `index.md` over every report in the
//! folder, rewritten at the end of each run (or each batch of the watch
//! daemon).
//!
//! * [`report`]: what a report holds (title, metadata, counts, entities by
//!   label, claims, a timeline, custom analyzers, removed boilerplate).
//! * [`index`]: the one-line record at the top of each report, and the index
//!   rebuilt from those records on disk.
//! * [`failures`]: the inputs that failed and were not processed since,
//!   kept across runs and batches for the index.
//! * [`value`]: custom analyzers' JSON rendered as lists and tables.
//! * [`escape`]: Markdown escaping of article text.
//!
//! All files are written atomically with [`gleaner_core::write_atomic`].

pub mod escape;
pub mod failures;
pub mod index;
pub mod report;
pub mod value;

use async_trait::async_trait;
use gleaner_core::{
    parse_options, safe_file_stem, write_atomic, BuildContext, ConfigIssue, Document, OptionInfo,
    RunSummary, Sink, SinkError, SinkFactory, StageInfo, StageKind,
};
use serde::Deserialize;
use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

/// The `type = "…"` that selects this sink in a pipeline file.
pub const TYPE_NAME: &str = "markdown";

/// Options of the `markdown` sink.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct MarkdownOptions {
    /// Folder to write `<id>.md` reports and `index.md` into, relative to the
    /// working directory; created when missing.
    pub path: String,
    /// Add a section counting the boilerplate removed from each document, by
    /// reason.
    #[serde(default)]
    pub include_removed: bool,
}

/// Builds `markdown` sinks from pipeline options.
#[derive(Debug, Clone, Copy, Default)]
pub struct MarkdownSinkFactory;

impl SinkFactory for MarkdownSinkFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: TYPE_NAME,
            kind: StageKind::Sink,
            description: "Writes a readable Markdown report per document and an index.md over the folder.",
            options: vec![
                OptionInfo {
                    name: "path",
                    ty: "path",
                    default: None,
                    doc: "Folder to write <id>.md reports and index.md into (relative to the working directory); created when missing.",
                },
                OptionInfo {
                    name: "include_removed",
                    ty: "bool",
                    default: Some("false"),
                    doc: "Add a section counting the boilerplate removed from each document, by reason.",
                },
            ],
            provides: Vec::new(),
            requires: Vec::new(),
        }
    }

    fn build(
        &self,
        name: &str,
        options: serde_json::Value,
        ctx: &BuildContext,
    ) -> Result<Arc<dyn Sink>, Vec<ConfigIssue>> {
        let opts: MarkdownOptions = parse_options(options)?;
        let dir = ctx.output_folder("path", &opts.path).map_err(|e| vec![e])?;
        tracing::debug!(sink = name, dir = %dir.display(), "markdown sink ready");
        Ok(Arc::new(MarkdownSink::new(dir, opts.include_removed)))
    }
}

/// Writes reports into one folder and keeps its `index.md` current.
#[derive(Debug, Clone)]
pub struct MarkdownSink {
    dir: PathBuf,
    include_removed: bool,
    /// Input paths written since the last index, which clear their stored
    /// failures (shared by the clones handed to blocking tasks).
    written: Arc<Mutex<HashSet<String>>>,
}

impl MarkdownSink {
    /// A sink writing into `dir` (used as given, not resolved).
    pub fn new(dir: impl Into<PathBuf>, include_removed: bool) -> Self {
        Self {
            dir: dir.into(),
            include_removed,
            written: Arc::default(),
        }
    }

    /// The report file of a document with `id`: always directly inside the
    /// folder, whatever the id holds, and never `index.md` (an id `index`
    /// gets a suffixed stem).
    pub fn path_for(&self, id: &str) -> PathBuf {
        let mut stem = safe_file_stem(id);
        if format!("{stem}.md").eq_ignore_ascii_case(index::INDEX_FILE) {
            stem.push_str("-doc");
        }
        self.dir.join(format!("{stem}.md"))
    }

    /// The report of `doc` as this sink writes it.
    pub fn render(&self, doc: &Document) -> String {
        report::render(doc, self.include_removed)
    }

    /// Writes the report of `doc` synchronously; returns its path.
    pub fn write_sync(&self, doc: &Document) -> Result<PathBuf, SinkError> {
        let path = self.path_for(&doc.id);
        let text = self.render(doc);
        write_atomic(&path, text.as_bytes()).map_err(|e| SinkError::io(&path, e))?;
        self.note_written(doc);
        Ok(path)
    }

    fn note_written(&self, doc: &Document) {
        // A poisoned lock only means another writer panicked mid-insert;
        // the set is still usable.
        let mut set = self.written.lock().unwrap_or_else(|p| p.into_inner());
        set.insert(doc.source.path.clone());
    }

    /// Rebuilds `index.md` from the reports in the folder, `summary` and the
    /// failures still outstanding from earlier runs ([`failures`]); returns
    /// its path.
    pub fn write_index(&self, summary: &RunSummary) -> Result<PathBuf, SinkError> {
        let entries = index::scan(&self.dir).map_err(|e| SinkError::io(&self.dir, e))?;
        let written = std::mem::take(&mut *self.written.lock().unwrap_or_else(|p| p.into_inner()));
        let store = self.dir.join(failures::FAILURES_FILE);
        let previous = failures::load(&self.dir).map_err(|e| SinkError::io(&store, e))?;
        let outstanding = failures::merge(previous, &written, &summary.failures);
        failures::store(&self.dir, &outstanding).map_err(|e| SinkError::io(&store, e))?;
        let text = index::render(&entries, summary, &outstanding);
        let path = self.dir.join(index::INDEX_FILE);
        write_atomic(&path, text.as_bytes()).map_err(|e| SinkError::io(&path, e))?;
        tracing::debug!(path = %path.display(), reports = entries.len(), "wrote markdown index");
        Ok(path)
    }
}

#[async_trait]
impl Sink for MarkdownSink {
    async fn write(&self, doc: &Document) -> Result<Vec<PathBuf>, SinkError> {
        let text = self.render(doc);
        let path = self.path_for(&doc.id);
        let written = run_blocking(path.clone(), move || {
            write_atomic(&path, text.as_bytes()).map_err(|e| SinkError::io(&path, e))?;
            Ok(path)
        })
        .await?;
        self.note_written(doc);
        tracing::debug!(id = %doc.id, path = %written.display(), "wrote markdown report");
        Ok(vec![written])
    }

    async fn finish(&self, summary: &RunSummary) -> Result<(), SinkError> {
        let this = self.clone();
        let summary = summary.clone();
        run_blocking(self.dir.join(index::INDEX_FILE), move || {
            this.write_index(&summary)
        })
        .await?;
        Ok(())
    }
}

/// Runs blocking file work on tokio's blocking pool when a runtime is
/// present, inline otherwise.
async fn run_blocking<T, F>(what: PathBuf, f: F) -> Result<T, SinkError>
where
    T: Send + 'static,
    F: FnOnce() -> Result<T, SinkError> + Send + 'static,
{
    match tokio::runtime::Handle::try_current() {
        Ok(handle) => handle
            .spawn_blocking(f)
            .await
            .map_err(|e| SinkError::new(format!("{}: write task failed: {e}", what.display())))?,
        Err(_) => f(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::{Failure, Format, Meta, SourceInfo};
    use serde_json::json;

    fn doc(id: &str, title: &str, published: &str) -> Document {
        Document::new(
            id,
            SourceInfo {
                path: format!("in/{id}.txt"),
                format: Format::Txt,
                hash: format!("sha256:{}", "cd".repeat(32)),
                line: None,
                encoding: None,
            },
            Meta {
                title: Some(title.into()),
                published: Some(published.into()),
                ..Meta::default()
            },
            "A short body.".into(),
        )
    }

    fn build(options: serde_json::Value) -> Result<Arc<dyn Sink>, Vec<ConfigIssue>> {
        MarkdownSinkFactory.build("report", options, &BuildContext::default())
    }

    #[tokio::test]
    async fn writes_a_report_per_document_and_an_index() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("reports");
        let sink = build(json!({"path": out.to_str().unwrap()})).unwrap();
        let p = sink
            .write(&doc("2019/ferry", "Ferry terminal approved", "2019-02-19"))
            .await
            .unwrap();
        assert_eq!(
            p,
            vec![out.join(format!("{}.md", safe_file_stem("2019/ferry")))]
        );
        let text = std::fs::read_to_string(&p[0]).unwrap();
        assert!(text.starts_with(index::HEADER_PREFIX));
        assert!(text.contains("\n# Ferry terminal approved\n"));
        sink.finish(&RunSummary::default()).await.unwrap();
        let idx = std::fs::read_to_string(out.join("index.md")).unwrap();
        assert!(idx.contains("[Ferry terminal approved]("), "{idx}");
    }

    #[tokio::test]
    async fn index_covers_reports_from_earlier_processes() {
        let tmp = tempfile::tempdir().unwrap();
        let first = MarkdownSink::new(tmp.path(), false);
        first
            .write(&doc("old", "Earlier batch", "2018-05-01"))
            .await
            .unwrap();
        first.finish(&RunSummary::default()).await.unwrap();
        // A new process (the daemon restarted) writes another batch.
        let second = MarkdownSink::new(tmp.path(), false);
        second
            .write(&doc("new", "Later batch", "2019-05-01"))
            .await
            .unwrap();
        let summary = RunSummary {
            processed: 1,
            failures: vec![Failure {
                path: "in/broken.html".into(),
                stage: "ingest".into(),
                message: "not UTF-8 | and no charset".into(),
            }],
        };
        second.finish(&summary).await.unwrap();
        let idx = std::fs::read_to_string(tmp.path().join("index.md")).unwrap();
        let later = idx.find("Later batch").unwrap();
        let earlier = idx.find("Earlier batch").unwrap();
        assert!(later < earlier, "newest first:\n{idx}");
        assert!(idx.contains("| in/broken.html | ingest | not UTF-8 \\| and no charset |"));
        assert!(idx.contains("1 processed, 1 failed."));
    }

    #[tokio::test]
    async fn failures_stay_listed_until_their_input_is_processed() {
        let tmp = tempfile::tempdir().unwrap();
        let sink = MarkdownSink::new(tmp.path(), false);
        let broken = |name: &str| Failure {
            path: format!("in/{name}.txt"),
            stage: "ingest".into(),
            message: "empty file".into(),
        };
        // Batch 1: one failure.
        let summary = RunSummary {
            processed: 0,
            failures: vec![broken("late")],
        };
        sink.finish(&summary).await.unwrap();
        // One successful document, then the index.
        let ok_batch = |sink: MarkdownSink, d: Document| async move {
            sink.write(&d).await.unwrap();
            sink.finish(&RunSummary {
                processed: 1,
                failures: Vec::new(),
            })
            .await
            .unwrap();
            std::fs::read_to_string(sink.dir.join("index.md")).unwrap()
        };
        // Batch 2 (another process, as after a daemon restart): a success,
        // no new failure; the earlier one is still listed.
        let sink = MarkdownSink::new(tmp.path(), false);
        let idx = ok_batch(sink.clone(), doc("ok", "Fine", "2019-01-01")).await;
        assert!(idx.contains("1 processed, 0 failed."), "{idx}");
        assert!(
            idx.contains("| in/late.txt | ingest | empty file |"),
            "{idx}"
        );
        // Batch 3: the fixed file is processed; the list is gone.
        let idx = ok_batch(sink, doc("late", "Fixed", "2019-01-02")).await;
        assert!(!idx.contains("Failed inputs"), "{idx}");
        assert!(!tmp.path().join(failures::FAILURES_FILE).exists());
    }

    #[tokio::test]
    async fn finish_without_documents_writes_an_empty_index() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("never-written");
        let sink = MarkdownSink::new(&out, false);
        sink.finish(&RunSummary::default()).await.unwrap();
        let idx = std::fs::read_to_string(out.join("index.md")).unwrap();
        assert!(idx.contains("No reports yet."));
    }

    #[tokio::test]
    async fn hostile_ids_land_inside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let sink = MarkdownSink::new(&out, false);
        let ids = [
            "../../x",
            "/etc/passwd",
            "a\0b",
            "\u{1b}[2J\u{7}",
            "..",
            "",
            "index",
            "INDEX",
            "a/b\\c",
        ];
        for id in ids {
            let p = sink
                .write(&doc(id, "T", "2019-01-01"))
                .await
                .unwrap()
                .remove(0);
            assert_eq!(p.parent().unwrap(), out.as_path(), "{id:?} escaped: {p:?}");
            assert_ne!(p.file_name().unwrap(), "index.md");
            assert!(p.is_file());
        }
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
        sink.finish(&RunSummary::default()).await.unwrap();
        let entries = index::scan(&out).unwrap();
        assert_eq!(entries.len(), ids.len());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_writes_and_finishes_leave_whole_files() {
        let tmp = tempfile::tempdir().unwrap();
        let sink = Arc::new(MarkdownSink::new(tmp.path(), false));
        let mut tasks = Vec::new();
        for i in 0..16 {
            let sink = sink.clone();
            tasks.push(tokio::spawn(async move {
                let title = format!("Version {i} {}", "word ".repeat(200 * (i + 1)));
                sink.write(&doc("same", &title, "2019-01-01"))
                    .await
                    .unwrap();
                sink.finish(&RunSummary::default()).await.unwrap();
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let text = std::fs::read_to_string(tmp.path().join("same.md")).unwrap();
        let first = text.lines().next().unwrap();
        let record = index::Record::parse_header(first).unwrap();
        // The header and the body come from the same write.
        let title = record.title.unwrap();
        let n: usize = title["Version ".len()..]
            .split(' ')
            .next()
            .unwrap()
            .parse()
            .unwrap();
        let heading = text.lines().nth(1).unwrap();
        assert_eq!(heading.matches("word").count(), 200 * (n + 1));
        assert!(heading.starts_with(&format!("# Version {n} ")));
        // The index is whole too.
        let idx = std::fs::read_to_string(tmp.path().join("index.md")).unwrap();
        assert!(idx.contains("1 processed") || idx.contains("0 processed, 0 failed."));
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 2);
    }

    #[test]
    fn option_errors_name_their_key() {
        assert_eq!(build(json!({})).err().unwrap()[0].key, "path");
        assert_eq!(
            build(json!({"path": "x", "include_remove": true}))
                .err()
                .unwrap()[0]
                .key,
            "include_remove"
        );
        let err = build(json!({"path": "x", "include_removed": "yes"}))
            .err()
            .unwrap();
        assert_eq!(err[0].key, "include_removed");
        assert!(err[0].message.contains("boolean"));
        assert_eq!(build(json!({"path": ["x"]})).err().unwrap()[0].key, "path");
        assert_eq!(build(json!({"path": ""})).err().unwrap()[0].key, "path");
        assert!(build(json!(["x"])).is_err());
        let file = tempfile::NamedTempFile::new().unwrap();
        let err = build(json!({"path": file.path().to_str().unwrap()}))
            .err()
            .unwrap();
        assert_eq!(err[0].key, "path");
    }

    #[test]
    fn info_lists_every_option() {
        let info = MarkdownSinkFactory.info();
        assert_eq!(info.type_name, "markdown");
        let opts: Vec<_> = info
            .options
            .iter()
            .map(|o| (o.name, o.ty, o.default))
            .collect();
        assert_eq!(
            opts,
            [
                ("path", "path", None),
                ("include_removed", "bool", Some("false"))
            ]
        );
    }

    #[test]
    fn io_errors_name_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let blocker = tmp.path().join("file");
        std::fs::write(&blocker, "x").unwrap();
        let sink = MarkdownSink::new(blocker.join("sub"), false);
        let err = sink.write_index(&RunSummary::default()).unwrap_err();
        assert!(err.message.contains("file"), "{}", err.message);
    }
}
