//! The pipeline file: parsing the TOML into raw tables, then validating it
//! into a runnable [`Pipeline`].
//!
//! Validation never stops at the first problem: it walks every section and
//! reports every error at once, each with the file, line and column and the
//! dotted key it concerns (Vector's way). Stage options are checked against
//! the options each stage type declares, so every unknown key is reported,
//! with a suggestion when one is close.

use crate::registry::Registry;
use gleaner_core::{Analyzer, BuildContext, ConfigIssue, OptionInfo, Sink};
use serde::Deserialize;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Capabilities every pipeline has without an analyzer providing them.
const ALWAYS_PROVIDED: &[&str] = &["text", "sentences", "meta"];

/// Top-level tables a pipeline file may have.
const TOP_LEVEL: &[&str] = &[
    "source",
    "ingest",
    "normalize",
    "analyzers",
    "sinks",
    "runner",
    "watch",
];

/// The `[source]` table: where articles come from.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct SourceConfig {
    /// `folder`: every supported file in a folder (and its subfolders).
    #[serde(rename = "type")]
    pub kind: String,
    /// The folder to read.
    pub path: Option<String>,
    /// Also read subfolders.
    #[serde(default = "default_true")]
    pub recursive: bool,
    /// Keep running and process files as they arrive (as `gleaner watch`).
    #[serde(default)]
    pub watch: bool,
    /// When watching, poll the folder instead of relying on file-system
    /// events (network file systems, containers, WSL).
    #[serde(default)]
    pub poll: bool,
}

fn default_true() -> bool {
    true
}

/// Options of the `[source]` table, for `gleaner stages`.
pub fn source_options() -> Vec<OptionInfo> {
    vec![
        OptionInfo {
            name: "type",
            ty: "string",
            default: None,
            doc:
                "`folder`: read every supported file (.txt .md .html .htm .json .jsonl) in a folder",
        },
        OptionInfo {
            name: "path",
            ty: "path",
            default: None,
            doc: "the folder to read (replaced by `gleaner run --input`)",
        },
        OptionInfo {
            name: "recursive",
            ty: "bool",
            default: Some("true"),
            doc: "also read subfolders",
        },
        OptionInfo {
            name: "watch",
            ty: "bool",
            default: Some("false"),
            doc: "keep running and process new and changed files (as `gleaner watch`)",
        },
        OptionInfo {
            name: "poll",
            ty: "bool",
            default: Some("false"),
            doc: "when watching, poll instead of file-system events (NFS, SMB, WSL, containers)",
        },
    ]
}

/// The `[runner]` table: how documents are scheduled.
#[derive(Debug, Clone, Deserialize, PartialEq)]
#[serde(deny_unknown_fields, default)]
pub struct RunnerConfig {
    /// Documents processed at once (0: one per CPU core).
    pub concurrency: usize,
    /// Input files queued ahead of the workers; bounds memory on huge folders.
    pub queue: usize,
}

impl Default for RunnerConfig {
    fn default() -> Self {
        Self {
            concurrency: 0,
            queue: 256,
        }
    }
}

impl RunnerConfig {
    /// Concurrency with 0 resolved to the number of cores.
    pub fn workers(&self) -> usize {
        if self.concurrency > 0 {
            self.concurrency
        } else {
            std::thread::available_parallelism().map_or(2, |n| n.get())
        }
    }
}

/// Options of the `[runner]` table, for `gleaner stages`.
pub fn runner_options() -> Vec<OptionInfo> {
    vec![
        OptionInfo {
            name: "concurrency",
            ty: "integer",
            default: Some("0"),
            doc: "documents processed at once; 0 means one per CPU core",
        },
        OptionInfo {
            name: "queue",
            ty: "integer",
            default: Some("256"),
            doc: "input files queued ahead of the workers (bounds memory on huge folders)",
        },
    ]
}

/// One analyzer of a pipeline, built.
#[derive(Clone)]
pub struct AnalyzerStage {
    /// Its name: the key under `[analyzers]`, and where custom output goes.
    pub name: String,
    /// Its type.
    pub type_name: String,
    /// Capabilities it provides.
    pub provides: Vec<String>,
    /// Capabilities it requires.
    pub requires: Vec<String>,
    /// The analyzer.
    pub analyzer: Arc<dyn Analyzer>,
}

/// One sink of a pipeline, built.
#[derive(Clone)]
pub struct SinkStage {
    /// Its name: the key under `[sinks]`.
    pub name: String,
    /// Its type.
    pub type_name: String,
    /// The sink.
    pub sink: Arc<dyn Sink>,
}

/// A validated pipeline, ready to run.
#[derive(Clone)]
pub struct Pipeline {
    /// The pipeline file.
    pub file: PathBuf,
    /// The `[source]` table.
    pub source: SourceConfig,
    /// The `[ingest]` table.
    pub ingest: gleaner_ingest::IngestOptions,
    /// The `[normalize]` table.
    pub normalize: gleaner_normalize::NormalizeOptions,
    /// The `[runner]` table.
    pub runner: RunnerConfig,
    /// Analyzers in file order.
    pub analyzers: Vec<AnalyzerStage>,
    /// Analyzer indexes grouped in layers: each layer's analyzers depend only
    /// on earlier layers, so a layer runs in parallel on one document.
    pub layers: Vec<Vec<usize>>,
    /// Sinks in file order.
    pub sinks: Vec<SinkStage>,
    /// The raw `[watch]` table (the daemon validates it).
    pub watch: serde_json::Value,
    /// The pipeline file's text this was parsed from (for placing the
    /// daemon's `[watch]` errors without reading the file again).
    pub text: String,
}

impl fmt::Debug for Pipeline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Pipeline")
            .field("file", &self.file)
            .field("source", &self.source)
            .field(
                "analyzers",
                &self.analyzers.iter().map(|a| &a.name).collect::<Vec<_>>(),
            )
            .field("layers", &self.layers)
            .field(
                "sinks",
                &self.sinks.iter().map(|s| &s.name).collect::<Vec<_>>(),
            )
            .finish()
    }
}

/// One problem in a pipeline file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// The pipeline file.
    pub file: PathBuf,
    /// 1-based line and column, when the key is in the file.
    pub location: Option<(usize, usize)>,
    /// Dotted key path (`sinks.json.path`).
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.file.display())?;
        if let Some((line, col)) = self.location {
            write!(f, ":{line}:{col}")?;
        }
        if self.key.is_empty() {
            write!(f, ": {}", self.message)
        } else {
            write!(f, ": {}: {}", self.key, self.message)
        }
    }
}

/// Every problem found in a pipeline file.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct ConfigErrors(pub Vec<ConfigError>);

impl fmt::Display for ConfigErrors {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let n = self.0.len();
        writeln!(
            f,
            "{n} error{} in the pipeline file:",
            if n == 1 { "" } else { "s" }
        )?;
        for e in &self.0 {
            writeln!(f, "  {e}")?;
        }
        Ok(())
    }
}

/// Options that change validation.
#[derive(Debug, Clone, Default)]
pub struct LoadOptions {
    /// Inputs given on the command line replace the source's path, so its
    /// folder need not exist.
    pub inputs_override: bool,
}

/// Reads and validates a pipeline file.
pub fn load(
    path: &Path,
    registry: &Registry,
    opts: &LoadOptions,
) -> Result<Pipeline, ConfigErrors> {
    let text = std::fs::read_to_string(path).map_err(|e| {
        ConfigErrors(vec![ConfigError {
            file: path.to_path_buf(),
            location: None,
            key: String::new(),
            message: format!("cannot read the pipeline file: {e}"),
        }])
    })?;
    parse(path, &text, registry, opts)
}

/// Validates pipeline TOML `text` read from `file`.
pub fn parse(
    file: &Path,
    text: &str,
    registry: &Registry,
    opts: &LoadOptions,
) -> Result<Pipeline, ConfigErrors> {
    let mut v = Validator {
        file: file.to_path_buf(),
        text,
        spans: text.parse::<toml_edit::Document<String>>().ok(),
        errors: Vec::new(),
        unbuilt_provides: BTreeSet::new(),
        unbuilt_requires: Vec::new(),
    };
    let table: toml::Table = match text.parse::<toml::Table>() {
        Ok(t) => t,
        Err(e) => {
            let location = e.span().map(|s| line_col(text, s.start));
            return Err(ConfigErrors(vec![ConfigError {
                file: file.to_path_buf(),
                location,
                key: String::new(),
                message: format!("not valid TOML: {}", e.message()),
            }]));
        }
    };
    let ctx = BuildContext {
        base_dir: file
            .parent()
            .map(Path::to_path_buf)
            .unwrap_or_else(|| PathBuf::from(".")),
    };

    for key in table.keys() {
        if !TOP_LEVEL.contains(&key.as_str()) {
            let hint = suggest(key, TOP_LEVEL.iter().copied());
            v.error(
                &[key],
                format!(
                    "unknown section `{key}`{hint}; sections are {}",
                    TOP_LEVEL.join(", ")
                ),
            );
        }
    }

    let source = v.source(table.get("source"), opts);
    let ingest: gleaner_ingest::IngestOptions = v
        .plain_table(
            "ingest",
            table.get("ingest"),
            &gleaner_ingest::options_info(),
        )
        .unwrap_or_default();
    let normalize: gleaner_normalize::NormalizeOptions = v
        .plain_table(
            "normalize",
            table.get("normalize"),
            &gleaner_normalize::options_info(),
        )
        .unwrap_or_default();
    let runner: RunnerConfig = v
        .plain_table("runner", table.get("runner"), &runner_options())
        .unwrap_or_default();
    let watch = table
        .get("watch")
        .map(toml_to_json)
        .unwrap_or(serde_json::Value::Null);

    let analyzers = v.analyzers(table.get("analyzers"), registry, &ctx);
    let layers = v.layers(&analyzers);
    let sinks = v.sinks(table.get("sinks"), registry, &ctx);

    if !v.errors.is_empty() {
        // In file order; errors without a place (a missing table) last.
        v.errors
            .sort_by_key(|e| (e.location.is_none(), e.location.unwrap_or_default()));
        return Err(ConfigErrors(v.errors));
    }
    match source {
        Some(source) => Ok(Pipeline {
            file: file.to_path_buf(),
            source,
            ingest,
            normalize,
            runner,
            analyzers,
            layers,
            sinks,
            watch,
            text: text.to_string(),
        }),
        None => Err(ConfigErrors(vec![ConfigError {
            file: file.to_path_buf(),
            location: None,
            key: "source".into(),
            message: "invalid [source]".into(),
        }])),
    }
}

struct Validator<'a> {
    file: PathBuf,
    text: &'a str,
    spans: Option<toml_edit::Document<String>>,
    errors: Vec<ConfigError>,
    /// Capabilities of analyzers whose options were wrong: their own errors
    /// are reported, so analyzers requiring them are not reported again.
    unbuilt_provides: BTreeSet<String>,
    /// Analyzers whose options failed, with their type and what their type
    /// requires: still checked, so one `check` reports every error.
    unbuilt_requires: Vec<(String, String, Vec<String>)>,
}

impl Validator<'_> {
    fn error(&mut self, key: &[&str], message: impl Into<String>) {
        let location = self.locate(key);
        self.errors.push(ConfigError {
            file: self.file.clone(),
            location,
            key: key.join("."),
            message: message.into(),
        });
    }

    /// Line and column of the deepest part of `key` present in the file.
    fn locate(&self, key: &[&str]) -> Option<(usize, usize)> {
        let doc = self.spans.as_ref()?;
        let mut table: &dyn toml_edit::TableLike = doc.as_table();
        let mut best = None;
        for k in key {
            let Some((kk, item)) = table.get_key_value(k) else {
                break;
            };
            best = kk.span().or_else(|| item.span()).or(best);
            match item {
                toml_edit::Item::Table(t) => table = t,
                toml_edit::Item::Value(toml_edit::Value::InlineTable(t)) => table = t,
                _ => break,
            }
        }
        best.map(|s| line_col(self.text, s.start))
    }

    /// Reports stage issues under `prefix`.
    fn issues(&mut self, prefix: &[&str], issues: Vec<ConfigIssue>) {
        for issue in issues {
            let mut key: Vec<&str> = prefix.to_vec();
            if !issue.key.is_empty() {
                key.extend(issue.key.split('.'));
            }
            self.error(&key, issue.message);
        }
    }

    /// Reports keys of `table` that are not among `options`; returns the
    /// table without them.
    fn check_keys(
        &mut self,
        prefix: &[&str],
        table: &toml::Table,
        options: &[OptionInfo],
        extra: &[&str],
    ) -> toml::Table {
        let mut clean = toml::Table::new();
        let known = options.iter().map(|o| o.name).chain(extra.iter().copied());
        let known: Vec<&str> = known.collect();
        for (k, val) in table {
            if known.contains(&k.as_str()) {
                clean.insert(k.clone(), val.clone());
            } else {
                let hint = suggest(k, known.iter().copied());
                let list = if known.is_empty() {
                    "it takes no options".to_string()
                } else {
                    format!("options are {}", known.join(", "))
                };
                let mut key = prefix.to_vec();
                key.push(k);
                self.error(&key, format!("unknown option `{k}`{hint}; {list}"));
            }
        }
        clean
    }

    fn plain_table<T: serde::de::DeserializeOwned + Default>(
        &mut self,
        name: &str,
        value: Option<&toml::Value>,
        options: &[OptionInfo],
    ) -> Option<T> {
        let value = value?;
        let Some(table) = value.as_table() else {
            self.error(&[name], format!("`{name}` must be a table ([{name}])"));
            return None;
        };
        let clean = self.check_keys(&[name], table, options, &[]);
        match gleaner_core::parse_options::<T>(toml_to_json(&toml::Value::Table(clean))) {
            Ok(t) => Some(t),
            Err(issues) => {
                self.issues(&[name], issues);
                None
            }
        }
    }

    fn source(&mut self, value: Option<&toml::Value>, opts: &LoadOptions) -> Option<SourceConfig> {
        let Some(value) = value else {
            if opts.inputs_override {
                return Some(SourceConfig {
                    kind: "folder".into(),
                    path: None,
                    recursive: true,
                    watch: false,
                    poll: false,
                });
            }
            self.error(
                &["source"],
                "missing [source] table (e.g. type = \"folder\", path = \"articles\")",
            );
            return None;
        };
        let Some(table) = value.as_table() else {
            self.error(&["source"], "`source` must be a table ([source])");
            return None;
        };
        let clean = self.check_keys(&["source"], table, &source_options(), &[]);
        let cfg: SourceConfig =
            match gleaner_core::parse_options(toml_to_json(&toml::Value::Table(clean))) {
                Ok(c) => c,
                Err(issues) => {
                    self.issues(&["source"], issues);
                    return None;
                }
            };
        if cfg.kind != "folder" {
            let hint = suggest(&cfg.kind, ["folder"].into_iter());
            self.error(
                &["source", "type"],
                format!(
                    "unknown source type `{}`{hint}; the source type is `folder`",
                    cfg.kind
                ),
            );
        }
        if !opts.inputs_override {
            match &cfg.path {
                None => self.error(&["source", "path"], "missing `path`: the folder to read"),
                Some(p) if !Path::new(p).is_dir() => {
                    let what = if Path::new(p).exists() {
                        "is not a folder"
                    } else {
                        "does not exist"
                    };
                    self.error(&["source", "path"], format!("`{p}` {what}"));
                }
                Some(_) => {}
            }
        }
        Some(cfg)
    }

    fn stage_type<'t>(
        &mut self,
        section: &str,
        name: &str,
        table: &'t toml::Table,
    ) -> Option<&'t str> {
        match table.get("type") {
            None => {
                self.error(
                    &[section, name],
                    format!("missing `type` (e.g. type = \"{name}\")"),
                );
                None
            }
            Some(toml::Value::String(s)) => Some(s.as_str()),
            Some(other) => {
                self.error(
                    &[section, name, "type"],
                    format!("`type` must be a string, found {}", other.type_str()),
                );
                None
            }
        }
    }

    fn analyzers(
        &mut self,
        value: Option<&toml::Value>,
        registry: &Registry,
        ctx: &BuildContext,
    ) -> Vec<AnalyzerStage> {
        let mut out = Vec::new();
        let Some(value) = value else { return out };
        let Some(table) = value.as_table() else {
            self.error(
                &["analyzers"],
                "`analyzers` must hold tables: [analyzers.NAME]",
            );
            return out;
        };
        for (name, v) in table {
            let Some(t) = v.as_table() else {
                self.error(
                    &["analyzers", name],
                    format!("must be a table: [analyzers.{name}]"),
                );
                continue;
            };
            let Some(ty) = self.stage_type("analyzers", name, t) else {
                continue;
            };
            let Some(factory) = registry.analyzer(ty) else {
                let hint = suggest(ty, registry.analyzer_types());
                self.error(
                    &["analyzers", name, "type"],
                    format!(
                        "unknown analyzer type `{ty}`{hint}; known types: {}",
                        registry.analyzer_types().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            };
            let info = factory.info();
            let clean = self.check_keys(&["analyzers", name], t, &info.options, &["type"]);
            let mut opts = toml_to_json(&toml::Value::Table(clean));
            if let Some(o) = opts.as_object_mut() {
                o.remove("type");
            }
            match factory.build(name, opts, ctx) {
                Ok(analyzer) => out.push(AnalyzerStage {
                    name: name.clone(),
                    type_name: ty.to_string(),
                    provides: info
                        .provides
                        .iter()
                        .map(|s| s.to_string())
                        .chain(analyzer.extra_provides())
                        .collect(),
                    requires: info
                        .requires
                        .iter()
                        .map(|s| s.to_string())
                        .chain(analyzer.extra_requires())
                        .collect(),
                    analyzer,
                }),
                Err(issues) => {
                    self.unbuilt_provides
                        .extend(info.provides.iter().map(|p| p.to_string()));
                    self.unbuilt_requires.push((
                        name.clone(),
                        ty.to_string(),
                        info.requires.iter().map(|r| r.to_string()).collect(),
                    ));
                    self.issues(&["analyzers", name], issues)
                }
            }
        }
        out
    }

    /// Checks requirements and groups analyzers into dependency layers.
    fn layers(&mut self, analyzers: &[AnalyzerStage]) -> Vec<Vec<usize>> {
        let mut providers: BTreeMap<&str, Vec<usize>> = BTreeMap::new();
        for (i, a) in analyzers.iter().enumerate() {
            for p in &a.provides {
                providers.entry(p.as_str()).or_default().push(i);
            }
        }
        let mut deps: Vec<BTreeSet<usize>> = vec![BTreeSet::new(); analyzers.len()];
        let missing = |name: &str, ty: &str, r: &str| {
            format!(
                "analyzer `{name}` (type {ty}) requires `{r}`, which no analyzer in this pipeline provides; add one, e.g. [analyzers.{r}] type = \"{r}\""
            )
        };
        for (i, a) in analyzers.iter().enumerate() {
            for r in &a.requires {
                if ALWAYS_PROVIDED.contains(&r.as_str()) || self.unbuilt_provides.contains(r) {
                    continue;
                }
                match providers.get(r.as_str()) {
                    Some(ps) => deps[i].extend(ps.iter().copied().filter(|&p| p != i)),
                    None => self.error(&["analyzers", &a.name], missing(&a.name, &a.type_name, r)),
                }
            }
        }
        for (name, ty, requires) in std::mem::take(&mut self.unbuilt_requires) {
            for r in &requires {
                let provided = ALWAYS_PROVIDED.contains(&r.as_str())
                    || self.unbuilt_provides.contains(r)
                    || providers.contains_key(r.as_str());
                if !provided {
                    self.error(&["analyzers", &name], missing(&name, &ty, r));
                }
            }
        }
        let mut done = vec![false; analyzers.len()];
        let mut layers = Vec::new();
        loop {
            let layer: Vec<usize> = (0..analyzers.len())
                .filter(|&i| !done[i] && deps[i].iter().all(|&d| done[d]))
                .collect();
            if layer.is_empty() {
                break;
            }
            for &i in &layer {
                done[i] = true;
            }
            layers.push(layer);
        }
        let cyclic: Vec<&str> = (0..analyzers.len())
            .filter(|&i| !done[i])
            .map(|i| analyzers[i].name.as_str())
            .collect();
        if !cyclic.is_empty() {
            self.error(
                &["analyzers"],
                format!(
                    "analyzers require each other in a cycle: {}",
                    cyclic.join(", ")
                ),
            );
        }
        layers
    }

    fn sinks(
        &mut self,
        value: Option<&toml::Value>,
        registry: &Registry,
        ctx: &BuildContext,
    ) -> Vec<SinkStage> {
        let mut out = Vec::new();
        let Some(value) = value else {
            self.error(
                &["sinks"],
                "no [sinks.NAME] table: the pipeline would write nothing (e.g. [sinks.json] type = \"json\", path = \"out/json\")",
            );
            return out;
        };
        let Some(table) = value.as_table() else {
            self.error(&["sinks"], "`sinks` must hold tables: [sinks.NAME]");
            return out;
        };
        if table.is_empty() {
            self.error(&["sinks"], "no sinks: the pipeline would write nothing");
        }
        for (name, v) in table {
            let Some(t) = v.as_table() else {
                self.error(&["sinks", name], format!("must be a table: [sinks.{name}]"));
                continue;
            };
            let Some(ty) = self.stage_type("sinks", name, t) else {
                continue;
            };
            let Some(factory) = registry.sink(ty) else {
                let hint = suggest(ty, registry.sink_types());
                self.error(
                    &["sinks", name, "type"],
                    format!(
                        "unknown sink type `{ty}`{hint}; known types: {}",
                        registry.sink_types().collect::<Vec<_>>().join(", ")
                    ),
                );
                continue;
            };
            let info = factory.info();
            let clean = self.check_keys(&["sinks", name], t, &info.options, &["type"]);
            let mut opts = toml_to_json(&toml::Value::Table(clean));
            if let Some(o) = opts.as_object_mut() {
                o.remove("type");
            }
            match factory.build(name, opts, ctx) {
                Ok(sink) => out.push(SinkStage {
                    name: name.clone(),
                    type_name: ty.to_string(),
                    sink,
                }),
                Err(issues) => self.issues(&["sinks", name], issues),
            }
        }
        out
    }
}

/// 1-based line and column of byte offset `at` in `text`.
fn line_col(text: &str, at: usize) -> (usize, usize) {
    let at = at.min(text.len());
    let before = text.get(..at).unwrap_or("");
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    (line, col)
}

/// Converts TOML to JSON for stage options (dates become strings).
pub fn toml_to_json(v: &toml::Value) -> serde_json::Value {
    use serde_json::Value as J;
    match v {
        toml::Value::String(s) => J::String(s.clone()),
        toml::Value::Integer(i) => J::from(*i),
        toml::Value::Float(f) => serde_json::Number::from_f64(*f).map_or(J::Null, J::Number),
        toml::Value::Boolean(b) => J::Bool(*b),
        toml::Value::Datetime(d) => J::String(d.to_string()),
        toml::Value::Array(a) => J::Array(a.iter().map(toml_to_json).collect()),
        toml::Value::Table(t) => J::Object(
            t.iter()
                .map(|(k, v)| (k.clone(), toml_to_json(v)))
                .collect(),
        ),
    }
}

/// ", did you mean `x`?" when a known name is close to `got`.
fn suggest<'a>(got: &str, known: impl Iterator<Item = &'a str>) -> String {
    known
        .map(|k| (edit_distance(got, k), k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4) && *d < got.len().max(1))
        .min()
        .map(|(_, k)| format!(" (did you mean `{k}`?)"))
        .unwrap_or_default()
}

fn edit_distance(a: &str, b: &str) -> usize {
    let a: Vec<char> = a.chars().collect();
    let b: Vec<char> = b.chars().collect();
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_col_counts_from_one() {
        assert_eq!(line_col("a\nbc", 0), (1, 1));
        assert_eq!(line_col("a\nbc", 3), (2, 2));
    }

    #[test]
    fn suggests_close_names() {
        assert_eq!(
            suggest("markdwn", ["json", "markdown"].into_iter()),
            " (did you mean `markdown`?)"
        );
        assert_eq!(suggest("zzz", ["json"].into_iter()), "");
    }
}
