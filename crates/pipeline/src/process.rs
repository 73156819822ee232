//! Processing one input file through a pipeline: ingest, normalize, the
//! analyzers layer by layer (a layer's analyzers run concurrently on the
//! document), then every sink. Each document succeeds or fails on its own:
//! a JSONL file with one bad line still yields its other documents.

use crate::config::{Pipeline, SinkStage};
use crate::source::InputFile;
use gleaner_core::{Document, Failure};
use std::path::PathBuf;
use std::sync::Arc;
use tracing::debug;

/// What became of one document (or of a file that yielded none).
#[derive(Debug)]
pub struct Outcome {
    /// The input file.
    pub input: PathBuf,
    /// The document id, when ingest got that far.
    pub id: Option<String>,
    /// Its title, when known.
    pub title: Option<String>,
    /// Words in its normalized text (0 when it failed before normalizing).
    pub words: usize,
    /// The files the sinks wrote, or why the document failed.
    pub result: Result<Vec<PathBuf>, Failure>,
}

fn failure(input: &InputFile, stage: &str, message: impl Into<String>) -> Failure {
    Failure {
        path: input.path.display().to_string(),
        stage: stage.to_string(),
        message: message.into(),
    }
}

/// Ingests one file into documents (on a blocking thread: it reads and parses).
pub async fn ingest(pipeline: &Pipeline, input: &InputFile) -> Vec<Result<Document, Failure>> {
    let opts = pipeline.ingest.clone();
    let path = input.path.clone();
    let id_base = input.id_base.clone();
    let joined =
        tokio::task::spawn_blocking(move || gleaner_ingest::ingest_file(&path, &id_base, &opts))
            .await;
    match joined {
        Ok(results) => results
            .into_iter()
            .map(|r| r.map_err(|e| failure(input, "ingest", e.to_string())))
            .collect(),
        Err(e) => vec![Err(failure(
            input,
            "ingest",
            format!("ingest crashed: {e}"),
        ))],
    }
}

/// A failure of one document, its message led by the document's id (a
/// file may hold many: a JSONL file, an API export).
pub(crate) fn with_id(mut f: Failure, id: &str) -> Failure {
    f.message = format!("document `{id}`: {}", f.message);
    f
}

/// Why a document has no text once normalized: every line was boilerplate
/// (with the reasons), or the body held no words.
fn nothing_left(doc: &Document) -> String {
    if doc.removed.is_empty() {
        return "no text once normalized (markup or whitespace only)".to_string();
    }
    let mut reasons: Vec<(&str, usize)> = Vec::new();
    for r in &doc.removed {
        match reasons.iter_mut().find(|(name, _)| *name == r.reason) {
            Some((_, n)) => *n += 1,
            None => reasons.push((&r.reason, 1)),
        }
    }
    let list: Vec<String> = reasons.iter().map(|(r, n)| format!("{r} {n}")).collect();
    format!(
        "no text left: every line was removed as boilerplate ({}); \
         set [normalize] boilerplate = false to keep it",
        list.join(", ")
    )
}

/// Normalizes and analyzes one document, returning it annotated.
pub async fn analyze(
    pipeline: &Pipeline,
    input: &InputFile,
    mut doc: Document,
) -> Result<Document, Failure> {
    let opts = pipeline.normalize.clone();
    doc = tokio::task::spawn_blocking(move || {
        gleaner_normalize::normalize(&mut doc, &opts);
        doc
    })
    .await
    .map_err(|e| failure(input, "normalize", format!("normalize crashed: {e}")))?;
    if doc.text.trim().is_empty() {
        return Err(failure(input, "normalize", nothing_left(&doc)));
    }

    for layer in &pipeline.layers {
        let shared = Arc::new(doc);
        // Each analyzer of a layer on its own task, so independent analyzers
        // use several cores on one document.
        let runs = layer.iter().map(|&i| {
            let analyzer = Arc::clone(&pipeline.analyzers[i].analyzer);
            let d = Arc::clone(&shared);
            let task = tokio::spawn(async move { analyzer.analyze(&d).await });
            async move { (i, task.await) }
        });
        let results = futures::future::join_all(runs).await;
        doc = Arc::try_unwrap(shared).unwrap_or_else(|a| (*a).clone());
        for (i, r) in results {
            let stage = &pipeline.analyzers[i];
            let stage_name = format!("analyzers.{}", stage.name);
            match r {
                Ok(Ok(ann)) => ann.apply(&stage.name, &mut doc),
                Ok(Err(e)) => {
                    let mut msg = e.to_string();
                    let mut src = std::error::Error::source(&e);
                    while let Some(s) = src {
                        msg.push_str(&format!(": {s}"));
                        src = s.source();
                    }
                    return Err(failure(input, &stage_name, msg));
                }
                Err(join) => {
                    let msg = if join.is_panic() {
                        let panic = join.into_panic();
                        format!(
                            "the analyzer crashed (a bug in it): {}",
                            crate::runner::panic_message(&*panic)
                        )
                    } else {
                        "the analyzer was cancelled".to_string()
                    };
                    return Err(failure(input, &stage_name, msg));
                }
            }
        }
    }
    Ok(doc)
}

/// Writes one document to every sink; returns the files written. Fails
/// when any sink fails (naming the first failing sink).
pub async fn write(
    pipeline: &Pipeline,
    input: &InputFile,
    doc: &Document,
) -> Result<Vec<PathBuf>, Failure> {
    write_each(pipeline, |stage| async move {
        stage
            .sink
            .write(doc)
            .await
            .map_err(|e| failure(input, &format!("sinks.{}", stage.name), e.to_string()))
    })
    .await
}

/// Runs `each` for every sink at once; returns every file written, or the
/// failure of the first failing sink in pipeline order.
pub(crate) async fn write_each<'a, F, Fut>(
    pipeline: &'a Pipeline,
    each: F,
) -> Result<Vec<PathBuf>, Failure>
where
    F: Fn(&'a SinkStage) -> Fut,
    Fut: std::future::Future<Output = Result<Vec<PathBuf>, Failure>>,
{
    let mut written = Vec::new();
    let mut first_err = None;
    for r in futures::future::join_all(pipeline.sinks.iter().map(each)).await {
        match r {
            Ok(paths) => written.extend(paths),
            Err(f) => {
                first_err.get_or_insert(f);
            }
        }
    }
    match first_err {
        Some(f) => Err(f),
        None => Ok(written),
    }
}

/// The document ids a run has given out, each with where its document came
/// from (file, and line of a JSONL file). The first analyzed document to
/// claim an id keeps it; a later one with the same id fails before it is
/// written, so no output is overwritten. Ids are kept as 64-bit hashes under
/// a per-run random key (no id can be crafted to collide) and each file's
/// path once, so a run over 100,000 files stays small.
#[derive(Debug, Default)]
pub struct RunIds(std::sync::Mutex<IdTable>);

#[derive(Debug, Default)]
struct IdTable {
    key: std::hash::RandomState,
    /// Id hash → index into `holders`.
    by_id: std::collections::HashMap<u64, usize>,
    /// Where each claimed id came from.
    holders: Vec<(Arc<std::path::Path>, Option<usize>)>,
}

impl RunIds {
    /// Claims `doc`'s id for it; on a clash, the failure of `doc`, naming
    /// the document that holds the id.
    pub fn claim(&self, input: &InputFile, doc: &Document) -> Result<(), Failure> {
        use std::hash::BuildHasher;
        let mut t = self.0.lock().unwrap_or_else(|p| p.into_inner());
        let h = t.key.hash_one(&doc.id);
        let held = match t.by_id.get(&h) {
            Some(&k) => t.holders.get(k).cloned(),
            None => {
                // Documents of one file come together: share its path.
                let path = match t.holders.last() {
                    Some((p, _)) if **p == *input.path => Arc::clone(p),
                    _ => Arc::from(input.path.as_path()),
                };
                let k = t.holders.len();
                t.holders.push((path, doc.source.line));
                t.by_id.insert(h, k);
                return Ok(());
            }
        };
        let by = match held {
            Some((p, Some(line))) if *p == *input.path => format!("line {line} of this file"),
            Some((p, None)) if *p == *input.path => "an earlier article of this file".to_string(),
            Some((p, Some(line))) => format!("{}:{line}", p.display()),
            Some((p, None)) => p.display().to_string(),
            None => "another document".to_string(),
        };
        Err(failure(
            input,
            "ingest",
            format!(
                "document id `{}` is already claimed by {by} in this run; this document's outputs were not written: give the documents distinct ids",
                doc.id
            ),
        ))
    }
}

/// Runs one input file through the whole pipeline. An analyzed document
/// whose id another document of the run already has in `ids` fails (stage
/// `ingest`) without being written.
pub async fn process_file(pipeline: &Pipeline, input: &InputFile, ids: &RunIds) -> Vec<Outcome> {
    let mut out = Vec::new();
    for doc in ingest(pipeline, input).await {
        let outcome = match doc {
            Err(f) => Outcome {
                input: input.path.clone(),
                id: None,
                title: None,
                words: 0,
                result: Err(f),
            },
            Ok(doc) => {
                let id = doc.id.clone();
                let title = doc.meta.title.clone();
                let mut words = 0;
                let result = match analyze(pipeline, input, doc).await {
                    Ok(doc) => {
                        words = doc.text.split_whitespace().count();
                        match ids.claim(input, &doc) {
                            Ok(()) => write(pipeline, input, &doc).await,
                            Err(f) => Err(f),
                        }
                    }
                    Err(f) => Err(f),
                }
                .map_err(|f| with_id(f, &id));
                debug!(id = %id, ok = result.is_ok(), "document processed");
                Outcome {
                    input: input.path.clone(),
                    id: Some(id),
                    title,
                    words,
                    result,
                }
            }
        };
        out.push(outcome);
    }
    out
}
