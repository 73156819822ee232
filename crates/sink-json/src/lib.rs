//! The `json` sink: writes every finished document as one JSON file,
//! `<path>/<safe stem of the id>.json`, atomically (temporary file, fsync,
//! rename), so that readers and a crash never see half a file.
//!
//! The file is the whole [`Document`] as serde serializes it, schema
//! `gleaner/document@1`. [`DOCUMENT_SCHEMA`] is the JSON Schema (draft
//! 2020-12) of that form, shipped with the crate so outside tools can validate
//! what they read; `SCHEMA.md` beside it explains each field.

use async_trait::async_trait;
use gleaner_core::{
    parse_options, safe_file_stem, write_atomic, BuildContext, ConfigIssue, Document, OptionInfo,
    Sink, SinkError, SinkFactory, StageInfo, StageKind,
};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;

/// JSON Schema (draft 2020-12) of a serialized [`Document`]
/// (`gleaner/document@1`), as written by this sink.
pub const DOCUMENT_SCHEMA: &str = include_str!("../schema/document.schema.json");

/// The `type = "…"` that selects this sink in a pipeline file.
pub const TYPE_NAME: &str = "json";

/// Options of the `json` sink.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct JsonOptions {
    /// Folder to write `<id>.json` files into, relative to the working
    /// directory; created when missing.
    pub path: String,
    /// Indent the JSON for people (true) or write it on one line (false).
    #[serde(default = "default_pretty")]
    pub pretty: bool,
}

fn default_pretty() -> bool {
    true
}

/// Builds `json` sinks from pipeline options.
#[derive(Debug, Clone, Copy, Default)]
pub struct JsonSinkFactory;

impl SinkFactory for JsonSinkFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: TYPE_NAME,
            kind: StageKind::Sink,
            description: "Writes one JSON file per document (schema gleaner/document@1), atomically.",
            options: vec![
                OptionInfo {
                    name: "path",
                    ty: "path",
                    default: None,
                    doc: "Folder to write <id>.json files into (relative to the working directory); created when missing.",
                },
                OptionInfo {
                    name: "pretty",
                    ty: "bool",
                    default: Some("true"),
                    doc: "Indent the JSON for people (true) or write each document on one line (false).",
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
        let opts: JsonOptions = parse_options(options)?;
        let dir = ctx.output_folder("path", &opts.path).map_err(|e| vec![e])?;
        tracing::debug!(sink = name, dir = %dir.display(), pretty = opts.pretty, "json sink ready");
        Ok(Arc::new(JsonSink {
            dir,
            pretty: opts.pretty,
        }))
    }
}

/// Writes each document to `<dir>/<safe stem>.json`.
#[derive(Debug, Clone)]
pub struct JsonSink {
    dir: PathBuf,
    pretty: bool,
}

impl JsonSink {
    /// A sink writing into `dir` (used as given, not resolved).
    pub fn new(dir: impl Into<PathBuf>, pretty: bool) -> Self {
        Self {
            dir: dir.into(),
            pretty,
        }
    }

    /// The file a document with `id` is written to. Always directly inside
    /// the folder, whatever the id holds (see [`safe_file_stem`]).
    pub fn path_for(&self, id: &str) -> PathBuf {
        self.dir.join(format!("{}.json", safe_file_stem(id)))
    }

    /// Serializes `doc` as this sink writes it, with a final newline.
    pub fn render(&self, doc: &Document) -> Result<Vec<u8>, SinkError> {
        let mut bytes = if self.pretty {
            serde_json::to_vec_pretty(doc)
        } else {
            serde_json::to_vec(doc)
        }
        .map_err(|e| SinkError {
            message: format!("document {:?}: cannot serialize to JSON: {e}", doc.id),
            transient: false,
            source: Some(Box::new(e)),
        })?;
        bytes.push(b'\n');
        Ok(bytes)
    }

    /// Writes `doc` synchronously; returns the file written.
    pub fn write_sync(&self, doc: &Document) -> Result<PathBuf, SinkError> {
        let bytes = self.render(doc)?;
        let path = self.path_for(&doc.id);
        write_atomic(&path, &bytes).map_err(|e| SinkError::io(&path, e))?;
        tracing::debug!(id = %doc.id, path = %path.display(), "wrote json");
        Ok(path)
    }
}

#[async_trait]
impl Sink for JsonSink {
    async fn write(&self, doc: &Document) -> Result<Vec<PathBuf>, SinkError> {
        // Serializing borrows the document; do that here and move only the
        // bytes to the blocking pool for the write and fsync.
        let bytes = self.render(doc)?;
        let path = self.path_for(&doc.id);
        let written = run_blocking(path.clone(), move || {
            write_atomic(&path, &bytes).map_err(|e| SinkError::io(&path, e))?;
            Ok(path)
        })
        .await?;
        tracing::debug!(id = %doc.id, path = %written.display(), "wrote json");
        Ok(vec![written])
    }
}

/// Runs blocking file work on tokio's blocking pool when a runtime is
/// present, inline otherwise (e.g. under another executor).
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
    use gleaner_core::{Format, Meta, SourceInfo};
    use serde_json::json;

    fn doc(id: &str) -> Document {
        let mut d = Document::new(
            id,
            SourceInfo {
                path: format!("in/{id}.txt"),
                format: Format::Txt,
                hash: format!("sha256:{}", "ab".repeat(32)),
                line: None,
                encoding: None,
            },
            Meta {
                title: Some("Harbour authority approves new ferry terminal".into()),
                ..Meta::default()
            },
            "The harbour authority approved the terminal on Monday.".into(),
        );
        d.analyzers.insert("wordcount".into(), json!({"words": 8}));
        d
    }

    fn build(options: serde_json::Value) -> Result<Arc<dyn Sink>, Vec<ConfigIssue>> {
        JsonSinkFactory.build("json", options, &BuildContext::default())
    }

    #[tokio::test]
    async fn writes_one_pretty_file_per_document_that_round_trips() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let sink = build(json!({"path": out.to_str().unwrap()})).unwrap();
        let d = doc("2019/harbour-ferry");
        let paths = sink.write(&d).await.unwrap();
        assert_eq!(paths.len(), 1);
        assert_eq!(paths[0].parent().unwrap(), out.as_path());
        let text = std::fs::read_to_string(&paths[0]).unwrap();
        assert!(text.starts_with("{\n  \"schema\""), "not pretty: {text}");
        assert!(text.ends_with("}\n"));
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, serde_json::to_value(&d).unwrap());
        // Nothing but the document's file in the folder (no temp files left).
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), 1);
    }

    #[tokio::test]
    async fn compact_output_is_one_line() {
        let tmp = tempfile::tempdir().unwrap();
        let sink = build(json!({"path": tmp.path().to_str().unwrap(), "pretty": false})).unwrap();
        let paths = sink.write(&doc("a")).await.unwrap();
        let text = std::fs::read_to_string(&paths[0]).unwrap();
        assert_eq!(text.lines().count(), 1);
        assert_eq!(paths[0], tmp.path().join("a.json"));
    }

    #[tokio::test]
    async fn rewriting_a_document_replaces_its_file() {
        let tmp = tempfile::tempdir().unwrap();
        let sink = JsonSink::new(tmp.path(), true);
        let mut d = doc("same");
        sink.write(&d).await.unwrap();
        d.meta.title = Some("Second version".into());
        let p = sink.write(&d).await.unwrap().remove(0);
        let back: Document = serde_json::from_slice(&std::fs::read(p).unwrap()).unwrap();
        assert_eq!(back.meta.title.as_deref(), Some("Second version"));
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[tokio::test]
    async fn hostile_ids_land_inside_the_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("out");
        let sink = JsonSink::new(&out, false);
        let ids = [
            "../../x",
            "/etc/passwd",
            "a\0b",
            "\u{1b}[31mred\u{7}",
            "..",
            "",
            "a/b\\c",
            "line\nbreak",
        ];
        let mut seen = std::collections::HashSet::new();
        for id in ids {
            let p = sink.write(&doc(id)).await.unwrap().remove(0);
            assert_eq!(p.parent().unwrap(), out.as_path(), "{id:?} escaped: {p:?}");
            assert!(p.is_file());
            assert!(seen.insert(p), "two ids share a file");
        }
        // Nothing was written next to the folder.
        let siblings: Vec<_> = std::fs::read_dir(tmp.path()).unwrap().collect();
        assert_eq!(siblings.len(), 1);
        assert_eq!(std::fs::read_dir(&out).unwrap().count(), ids.len());
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn concurrent_writes_of_one_id_leave_a_whole_file() {
        let tmp = tempfile::tempdir().unwrap();
        let sink = Arc::new(JsonSink::new(tmp.path(), true));
        let mut tasks = Vec::new();
        for i in 0..16 {
            let sink = sink.clone();
            tasks.push(tokio::spawn(async move {
                let mut d = doc("same");
                // Different sizes, so a torn mix would not parse.
                d.text = "x".repeat(1000 * (i + 1));
                sink.write(&d).await.unwrap()
            }));
        }
        for t in tasks {
            t.await.unwrap();
        }
        let text = std::fs::read_to_string(tmp.path().join("same.json")).unwrap();
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(back["text"].as_str().unwrap().len() % 1000 == 0);
        assert_eq!(std::fs::read_dir(tmp.path()).unwrap().count(), 1);
    }

    #[test]
    fn write_sync_works_without_a_runtime() {
        let tmp = tempfile::tempdir().unwrap();
        let sink = JsonSink::new(tmp.path(), true);
        let p = sink.write_sync(&doc("plain")).unwrap();
        assert!(p.is_file());
    }

    #[tokio::test]
    async fn io_errors_name_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        // A file where the folder should be: creating the folder fails.
        let blocker = tmp.path().join("blocked");
        std::fs::write(&blocker, b"x").unwrap();
        let sink = JsonSink::new(blocker.join("sub"), true);
        let err = sink.write(&doc("a")).await.unwrap_err();
        assert!(err.message.contains("a.json"), "{}", err.message);
        assert!(err.source.is_some());
    }

    #[test]
    fn missing_path_is_reported_with_its_key() {
        let err = build(json!({})).err().unwrap();
        assert_eq!(err[0].key, "path");
    }

    #[test]
    fn unknown_options_are_rejected_with_their_key() {
        let err = build(json!({"path": "out", "prety": false})).err().unwrap();
        assert_eq!(err[0].key, "prety");
    }

    #[test]
    fn mistyped_options_are_rejected_with_their_key() {
        let err = build(json!({"path": "out", "pretty": "yes"}))
            .err()
            .unwrap();
        assert_eq!(err[0].key, "pretty");
        assert!(err[0].message.contains("boolean"), "{}", err[0].message);
        let err = build(json!({"path": 3})).err().unwrap();
        assert_eq!(err[0].key, "path");
        let err = build(json!(["path"])).err().unwrap();
        assert!(err[0].message.contains("table"), "{}", err[0].message);
    }

    #[test]
    fn empty_path_or_a_file_as_folder_is_rejected() {
        let err = build(json!({"path": " "})).err().unwrap();
        assert_eq!(err[0].key, "path");
        let tmp = tempfile::NamedTempFile::new().unwrap();
        let err = build(json!({"path": tmp.path().to_str().unwrap()}))
            .err()
            .unwrap();
        assert_eq!(err[0].key, "path");
        assert!(err[0].message.contains("not a folder"));
    }

    #[test]
    fn info_lists_every_option() {
        let info = JsonSinkFactory.info();
        assert_eq!(info.type_name, "json");
        assert_eq!(info.kind, StageKind::Sink);
        let names: Vec<_> = info.options.iter().map(|o| o.name).collect();
        assert_eq!(names, ["path", "pretty"]);
        assert_eq!(info.options[0].default, None);
        assert_eq!(info.options[1].default, Some("true"));
        assert!(info.options.iter().all(|o| !o.doc.is_empty()));
    }

    #[test]
    fn schema_is_valid_json_with_a_draft() {
        let v: serde_json::Value = serde_json::from_str(DOCUMENT_SCHEMA).unwrap();
        assert_eq!(v["$schema"], "https://json-schema.org/draft/2020-12/schema");
    }
}
