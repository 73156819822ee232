//! The batch runner: feeds every input file of a run through the pipeline
//! concurrently on tokio, with a bounded queue between the folder walker and
//! a fixed number of in-flight files, so memory stays flat on a folder of
//! 100,000 files. Collects failures; one broken document never stops the
//! others.

use crate::config::Pipeline;
use crate::process::{process_file, Outcome, RunIds};
use crate::source::{walk, InputFile, InputSpec};
use gleaner_core::{Failure, RunSummary};
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{info, warn};

/// What a run did.
#[derive(Debug, Default)]
pub struct RunReport {
    /// Documents written by every sink.
    pub processed: usize,
    /// Documents (or files) that failed.
    pub failures: Vec<Failure>,
    /// Input files read.
    pub files: usize,
    /// Words in the processed documents' text.
    pub words: usize,
    /// Wall time of the run.
    pub elapsed: Duration,
}

/// Receives progress as the run goes (the CLI draws a progress bar with it).
pub trait Progress: Send + Sync {
    /// A new input file was found.
    fn found(&self) {}
    /// An input file was finished with these outcomes.
    fn finished(&self, _outcomes: &[Outcome]) {}
    /// The run is over.
    fn done(&self) {}
}

/// No progress reporting.
pub struct NoProgress;
impl Progress for NoProgress {}

/// Runs `pipeline` over `inputs` and calls every sink's `finish`.
pub async fn run(
    pipeline: Arc<Pipeline>,
    inputs: Vec<InputSpec>,
    progress: Arc<dyn Progress>,
) -> RunReport {
    let started = Instant::now();
    let queue = pipeline.runner.queue.max(1);
    let workers = pipeline.runner.workers().max(1);
    let (tx, mut rx) = mpsc::channel::<Result<InputFile, (PathBuf, String)>>(queue);

    let walker = tokio::task::spawn_blocking(move || {
        walk(&inputs, |item| tx.blocking_send(item).is_ok());
    });

    let mut report = RunReport::default();
    // Ids given out so far: a second document with one fails unwritten.
    let ids = Arc::new(RunIds::default());
    let mut set: JoinSet<Vec<Outcome>> = JoinSet::new();

    let handle = |outcomes: Vec<Outcome>, report: &mut RunReport| {
        progress.finished(&outcomes);
        for o in outcomes {
            report.words += o.words;
            match o.result {
                Ok(_) => report.processed += 1,
                Err(f) => {
                    warn!(path = %f.path, stage = %f.stage, error = %f.message, "document failed");
                    report.failures.push(f);
                }
            }
        }
    };

    while let Some(item) = rx.recv().await {
        match item {
            Ok(input) => {
                progress.found();
                report.files += 1;
                while set.len() >= workers {
                    if let Some(r) = set.join_next().await {
                        handle(joined(r), &mut report);
                    }
                }
                let p = Arc::clone(&pipeline);
                let ids = Arc::clone(&ids);
                set.spawn(async move {
                    let work = std::panic::AssertUnwindSafe(process_file(&p, &input, &ids));
                    match futures::FutureExt::catch_unwind(work).await {
                        Ok(outcomes) => outcomes,
                        Err(panic) => vec![crashed(&input, panic_message(&*panic))],
                    }
                });
            }
            Err((path, message)) => {
                warn!(path = %path.display(), error = %message, "cannot read input");
                report.failures.push(Failure {
                    path: path.display().to_string(),
                    stage: "source".into(),
                    message,
                });
            }
        }
    }
    while let Some(r) = set.join_next().await {
        handle(joined(r), &mut report);
    }
    if let Err(e) = walker.await {
        report.failures.push(Failure {
            path: pipeline.file.display().to_string(),
            stage: "source".into(),
            message: format!("the folder walker crashed: {e}"),
        });
    }

    let summary = RunSummary {
        processed: report.processed,
        failures: report.failures.clone(),
    };
    for s in &pipeline.sinks {
        if let Err(e) = s.sink.finish(&summary).await {
            report.failures.push(Failure {
                path: pipeline.file.display().to_string(),
                stage: format!("sinks.{}", s.name),
                message: format!("finishing the run failed: {e}"),
            });
        }
    }
    report.elapsed = started.elapsed();
    info!(
        processed = report.processed,
        failed = report.failures.len(),
        seconds = report.elapsed.as_secs_f64(),
        "run finished"
    );
    report
}

/// The outcome of an input whose processing panicked.
pub(crate) fn crashed(input: &InputFile, message: String) -> Outcome {
    Outcome {
        input: input.path.clone(),
        id: None,
        title: None,
        words: 0,
        result: Err(Failure {
            path: input.path.display().to_string(),
            stage: "runner".into(),
            message: format!("processing crashed (a bug in a stage): {message}"),
        }),
    }
}

/// The text of a panic payload.
pub(crate) fn panic_message(panic: &(dyn std::any::Any + Send)) -> String {
    panic
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

/// A task's outcomes. Panics are caught inside the task, so an error here
/// means it was cancelled (only at shutdown); that is logged, not hidden.
fn joined(r: Result<Vec<Outcome>, tokio::task::JoinError>) -> Vec<Outcome> {
    r.unwrap_or_else(|e| {
        tracing::error!(error = %e, "a document task ended without a result");
        Vec::new()
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{parse, LoadOptions};
    use crate::registry::Registry;
    use async_trait::async_trait;
    use gleaner_core::{
        AnalyzeError, Analyzer, AnalyzerFactory, Annotations, BuildContext, ConfigIssue, Document,
        StageInfo, StageKind,
    };

    /// Panics on documents whose text mentions "boom"; counts words otherwise.
    struct Fragile;

    #[async_trait]
    impl Analyzer for Fragile {
        async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError> {
            assert!(!doc.text.contains("boom"), "fragile analyzer hit a boom");
            Ok(Annotations {
                custom: Some(serde_json::json!(doc.text.split_whitespace().count())),
                ..Annotations::default()
            })
        }
    }

    struct FragileFactory;

    impl AnalyzerFactory for FragileFactory {
        fn info(&self) -> StageInfo {
            StageInfo {
                type_name: "fragile",
                kind: StageKind::Analyzer,
                description: "test analyzer",
                options: vec![],
                provides: vec!["fragile"],
                requires: vec![],
            }
        }
        fn build(
            &self,
            _name: &str,
            _options: serde_json::Value,
            _ctx: &BuildContext,
        ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>> {
            Ok(Arc::new(Fragile))
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_panicking_analyzer_fails_only_its_document() {
        let dir = tempfile::tempdir().unwrap();
        let input = dir.path().join("in");
        std::fs::create_dir_all(&input).unwrap();
        for (name, text) in [
            ("a.txt", "Title\n\nThe council met in Leeds."),
            ("b.txt", "Title\n\nA boom was heard in Hull."),
            ("c.txt", "Title\n\nThe ferry left Dover on time."),
        ] {
            std::fs::write(input.join(name), text).unwrap();
        }
        let toml = format!(
            "[source]\ntype = \"folder\"\npath = {:?}\n[analyzers.f]\ntype = \"fragile\"\n[sinks.json]\ntype = \"json\"\npath = {:?}\n",
            input.display().to_string(),
            dir.path().join("out").display().to_string()
        );
        let registry = Registry::empty()
            .with_analyzer(FragileFactory)
            .with_sink(gleaner_sink_json::JsonSinkFactory);
        let pipeline = parse(
            &dir.path().join("p.toml"),
            &toml,
            &registry,
            &LoadOptions::default(),
        )
        .unwrap();
        let specs = vec![InputSpec::Folder {
            root: input.clone(),
            recursive: true,
        }];
        let report = run(Arc::new(pipeline), specs, Arc::new(NoProgress)).await;
        assert_eq!(report.processed, 2);
        assert_eq!(report.failures.len(), 1);
        let f = &report.failures[0];
        assert!(f.path.ends_with("b.txt"), "{f:?}");
        assert_eq!(f.stage, "analyzers.f");
        assert!(f.message.contains("fragile analyzer hit a boom"), "{f:?}");
        assert!(dir.path().join("out/a.json").is_file());
        assert!(dir.path().join("out/c.json").is_file());
    }
}
