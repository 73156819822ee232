//! The stage traits: [`Analyzer`] and [`Sink`], the factories that build them
//! from a pipeline file's options, and the description of those options that
//! `gleaner stages` prints.
//!
//! An analyzer reads a `&Document` and returns [`Annotations`]; the runner
//! merges them. Because analyzers never mutate the document, those that do not
//! depend on each other run in parallel on one document. Dependencies are
//! declared by name: an analyzer *provides* capabilities (`entities`) and
//! *requires* others; the pipeline checks that every requirement is met
//! before anything runs.

use crate::annotations::{Claim, Entity, TimeExpr};
use crate::document::Document;
use crate::error::{AnalyzeError, ConfigIssue, SinkError};
use async_trait::async_trait;
use std::path::PathBuf;
use std::sync::Arc;

/// What one analyzer adds to a document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Annotations {
    /// Replaces the document's `entities` when set.
    pub entities: Option<Vec<Entity>>,
    /// Replaces the document's `dates` when set.
    pub dates: Option<Vec<TimeExpr>>,
    /// Replaces the document's `claims` when set.
    pub claims: Option<Vec<Claim>>,
    /// Stored under `analyzers.<name>`, the analyzer's name in the pipeline.
    pub custom: Option<serde_json::Value>,
}

impl Annotations {
    /// Writes these annotations into `doc`; `name` is the analyzer's name.
    pub fn apply(self, name: &str, doc: &mut Document) {
        if let Some(e) = self.entities {
            doc.entities = e;
        }
        if let Some(d) = self.dates {
            doc.dates = d;
        }
        if let Some(c) = self.claims {
            doc.claims = c;
        }
        if let Some(v) = self.custom {
            doc.analyzers.insert(name.to_string(), v);
        }
    }
}

/// A stage that reads a document and annotates it.
#[async_trait]
pub trait Analyzer: Send + Sync {
    /// Analyzes one document. Errors fail that document only.
    async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError>;

    /// Capabilities this analyzer provides on top of its type's
    /// [`StageInfo::provides`], for types whose capabilities depend on their
    /// options (an `exec` analyzer declares them in the pipeline file). The
    /// pipeline checks them like the static ones. The default adds none.
    fn extra_provides(&self) -> Vec<String> {
        Vec::new()
    }

    /// Capabilities this analyzer requires on top of its type's
    /// [`StageInfo::requires`], for types whose requirements depend on their
    /// options. The pipeline checks them like the static ones. The default
    /// adds none.
    fn extra_requires(&self) -> Vec<String> {
        Vec::new()
    }
}

/// A stage that writes finished documents somewhere.
#[async_trait]
pub trait Sink: Send + Sync {
    /// Writes one document; returns the files written (for the watch
    /// daemon's state). A document counts as done only when every sink has
    /// written it.
    async fn write(&self, doc: &Document) -> Result<Vec<PathBuf>, SinkError>;

    /// Called once at the end of a run (or a batch, in watch mode), e.g. to
    /// write an index. The default does nothing.
    async fn finish(&self, _summary: &RunSummary) -> Result<(), SinkError> {
        Ok(())
    }
}

/// A document that failed, for run summaries.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Failure {
    /// The input file.
    pub path: String,
    /// The stage that failed (`ingest`, `analyzers.entities`, `sinks.json`…).
    pub stage: String,
    /// What went wrong.
    pub message: String,
}

/// What a run did, handed to [`Sink::finish`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RunSummary {
    /// Documents written by every sink.
    pub processed: usize,
    /// Documents that failed, with why.
    pub failures: Vec<Failure>,
}

/// Kinds of stage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum StageKind {
    /// Produces input files.
    Source,
    /// Annotates documents.
    Analyzer,
    /// Writes documents.
    Sink,
}

/// One option of a stage, for `gleaner stages` and documentation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OptionInfo {
    /// Key in the stage's table.
    pub name: &'static str,
    /// Value type as a user writes it (`string`, `integer`, `bool`, `path`, …).
    pub ty: &'static str,
    /// Default, as TOML; `None` when the option is required.
    pub default: Option<&'static str>,
    /// One line on what it does.
    pub doc: &'static str,
}

/// Describes a stage type.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageInfo {
    /// The `type = "…"` value that selects it.
    pub type_name: &'static str,
    /// Source, analyzer or sink.
    pub kind: StageKind,
    /// One line on what it does.
    pub description: &'static str,
    /// Its options.
    pub options: Vec<OptionInfo>,
    /// Capabilities it provides (analyzers), e.g. `entities`.
    pub provides: Vec<&'static str>,
    /// Capabilities it requires from other analyzers of the pipeline.
    pub requires: Vec<&'static str>,
}

/// What a factory knows about the pipeline it builds a stage for.
#[derive(Debug, Clone, Default)]
pub struct BuildContext {
    /// Folder of the pipeline file.
    pub base_dir: PathBuf,
}

impl BuildContext {
    /// Resolves a path from the pipeline file: absolute paths stay, relative
    /// ones are taken relative to the current working directory (as a user
    /// running `gleaner run pipelines/x.toml` from the project root expects).
    pub fn resolve(&self, path: &str) -> PathBuf {
        PathBuf::from(path)
    }

    /// Resolves an output folder option named `key`: refuses an empty path
    /// and a path that exists but is not a folder (a missing folder is
    /// fine: sinks create it).
    pub fn output_folder(&self, key: &str, path: &str) -> Result<PathBuf, ConfigIssue> {
        if path.trim().is_empty() {
            return Err(ConfigIssue::new(
                key,
                "must name a folder, got an empty string",
            ));
        }
        let dir = self.resolve(path);
        if dir.exists() && !dir.is_dir() {
            return Err(ConfigIssue::new(
                key,
                format!("{} exists and is not a folder", dir.display()),
            ));
        }
        Ok(dir)
    }
}

/// Builds analyzers of one type from their pipeline options.
pub trait AnalyzerFactory: Send + Sync {
    /// The stage type's description.
    fn info(&self) -> StageInfo;

    /// Builds an analyzer named `name` from its options (the TOML table as
    /// JSON, without the `type` key). Returns every problem found, each with
    /// its key.
    fn build(
        &self,
        name: &str,
        options: serde_json::Value,
        ctx: &BuildContext,
    ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>>;
}

/// Builds sinks of one type from their pipeline options.
pub trait SinkFactory: Send + Sync {
    /// The stage type's description.
    fn info(&self) -> StageInfo;

    /// Builds a sink named `name` from its options (the TOML table as JSON,
    /// without the `type` key).
    fn build(
        &self,
        name: &str,
        options: serde_json::Value,
        ctx: &BuildContext,
    ) -> Result<Arc<dyn Sink>, Vec<ConfigIssue>>;
}

/// Deserializes a stage's options into its config struct. Every error names
/// the key it concerns (`unknown field`, `missing field`, a value of the
/// wrong type at `a.b`), and options that are not a table are refused.
pub fn parse_options<T: serde::de::DeserializeOwned>(
    options: serde_json::Value,
) -> Result<T, Vec<ConfigIssue>> {
    let options = match options {
        serde_json::Value::Null => serde_json::Value::Object(Default::default()),
        v @ serde_json::Value::Object(_) => v,
        other => {
            return Err(vec![ConfigIssue::new(
                "",
                format!("options must be a table, found {}", json_type(&other)),
            )])
        }
    };
    serde_path_to_error::deserialize(options).map_err(|e| {
        let path = e.path().to_string();
        let inner = e.into_inner().to_string();
        // serde names the key itself in "unknown field `x`" / "missing field `x`".
        let named = inner
            .split('`')
            .nth(1)
            .filter(|_| inner.starts_with("unknown field") || inner.starts_with("missing field"));
        let key = match named {
            Some(k) if path == "." || path.is_empty() => k.to_string(),
            Some(k) if inner.starts_with("missing field") => format!("{path}.{k}"),
            _ if path == "." => String::new(),
            _ => path,
        };
        vec![ConfigIssue::new(key, inner)]
    })
}

fn json_type(v: &serde_json::Value) -> &'static str {
    match v {
        serde_json::Value::Null => "nothing",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "a table",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn output_folder_refuses_empty_paths_and_files() {
        let ctx = BuildContext::default();
        assert_eq!(ctx.output_folder("path", " ").unwrap_err().key, "path");
        let file = std::env::temp_dir().join(format!("gleaner-core-of-{}", std::process::id()));
        std::fs::write(&file, b"x").unwrap();
        let err = ctx
            .output_folder("dir", file.to_str().unwrap())
            .unwrap_err();
        std::fs::remove_file(&file).unwrap();
        assert_eq!(err.key, "dir");
        assert!(err.message.contains("not a folder"), "{}", err.message);
        let missing = std::env::temp_dir().join("gleaner-core-not-there/out");
        assert_eq!(
            ctx.output_folder("path", missing.to_str().unwrap())
                .unwrap(),
            missing
        );
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Opts {
        path: String,
        #[serde(default)]
        depth: u32,
    }

    #[test]
    fn errors_name_their_key() {
        let e =
            parse_options::<Opts>(serde_json::json!({"path": "x", "depth": "deep"})).unwrap_err();
        assert_eq!(e[0].key, "depth");
        let e = parse_options::<Opts>(serde_json::json!({"path": "x", "dpth": 1})).unwrap_err();
        assert_eq!(e[0].key, "dpth");
        let e = parse_options::<Opts>(serde_json::json!({})).unwrap_err();
        assert_eq!(e[0].key, "path");
        let e = parse_options::<Opts>(serde_json::json!([1])).unwrap_err();
        assert!(e[0].message.contains("must be a table"));
        assert!(parse_options::<Opts>(serde_json::json!({"path": "x"})).is_ok());
    }
}
