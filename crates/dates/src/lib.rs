//! `gleaner-dates`: finds temporal expressions in an article and normalizes
//! them to TIMEX3 (type, value, modifier), resolving relative ones against
//! the publication date.
//!
//! * [`DateTagger`]: the tagger itself, on plain text with an optional
//!   [`Anchor`].
//! * [`DatesFactory`]: the `dates` analyzer for pipelines.
//! * [`eval_timeml`] / [`eval_meantime`]: TempEval-3 timex scores against
//!   TimeML and MEANTIME corpora.
//!
//! Calendar arithmetic is done with `jiff`; the language part (tokenizer,
//! lexicon, grammar, tense) is hand-written for speed (see `RULES.md`).

mod eval;
mod tagger;
mod token;
mod value;

pub use eval::{eval_meantime, eval_meantime_with, eval_timeml, eval_timeml_with, EvalOptions};
pub use tagger::{DateTagger, Timex};
pub use value::Anchor;

use async_trait::async_trait;
use gleaner_core::{
    parse_options, AnalyzeError, Analyzer, AnalyzerFactory, Annotations, BuildContext, ConfigIssue,
    Document, OptionInfo, StageInfo, StageKind, TimeExpr,
};
use serde::Deserialize;
use std::path::PathBuf;
use std::sync::Arc;

/// Errors of the evaluation functions.
#[derive(Debug, thiserror::Error)]
pub enum DatesError {
    /// A file or directory could not be read.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A corpus file is not in the expected format.
    #[error("{path}: {what}")]
    Format {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        what: String,
    },
    /// The directory holds no file of the expected kind.
    #[error("{dir}: no {kind} files found")]
    NoFiles {
        /// The directory searched.
        dir: PathBuf,
        /// The kind of file looked for.
        kind: &'static str,
    },
}

/// Options of the `dates` analyzer.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct DatesOptions {
    /// Read all-numeric dates day first (`03/04/2019` = 3 April 2019)
    /// instead of the US month-first order.
    pub day_first: bool,
    /// Anchor for relative expressions (`YYYY-MM-DD` or RFC 3339), used
    /// instead of the document's publication date.
    pub anchor: Option<String>,
}

/// Builds the `dates` analyzer.
#[derive(Debug, Clone, Copy, Default)]
pub struct DatesFactory;

impl AnalyzerFactory for DatesFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: "dates",
            kind: StageKind::Analyzer,
            description: "Temporal expressions (dates, times, durations, sets) as TIMEX3 values, resolved against the publication date.",
            options: vec![
                OptionInfo {
                    name: "day_first",
                    ty: "bool",
                    default: Some("false"),
                    doc: "Read numeric dates like 03/04/2019 day first (3 April) instead of month first.",
                },
                OptionInfo {
                    name: "anchor",
                    ty: "string",
                    default: Some("unset: each document's meta.published"),
                    doc: "Anchor date (YYYY-MM-DD or RFC 3339) used instead of meta.published.",
                },
            ],
            provides: vec!["dates"],
            requires: vec![],
        }
    }

    fn build(
        &self,
        _name: &str,
        options: serde_json::Value,
        _ctx: &BuildContext,
    ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>> {
        let opts: DatesOptions = parse_options(options)?;
        let anchor = match &opts.anchor {
            Some(s) => Some(Anchor::parse(s).ok_or_else(|| {
                vec![ConfigIssue::new(
                    "anchor",
                    format!("not a date (YYYY-MM-DD or RFC 3339): {s:?}"),
                )]
            })?),
            None => None,
        };
        Ok(Arc::new(DatesAnalyzer {
            tagger: DateTagger::new(opts),
            anchor,
        }))
    }
}

/// The `dates` analyzer.
#[derive(Debug, Clone)]
pub struct DatesAnalyzer {
    tagger: DateTagger,
    anchor: Option<Anchor>,
}

impl DatesAnalyzer {
    /// An analyzer with these options; fails when `anchor` is not a date.
    pub fn new(opts: DatesOptions) -> Result<Self, ConfigIssue> {
        let anchor = match &opts.anchor {
            Some(s) => Some(
                Anchor::parse(s)
                    .ok_or_else(|| ConfigIssue::new("anchor", format!("not a date: {s:?}")))?,
            ),
            None => None,
        };
        Ok(Self {
            tagger: DateTagger::new(opts),
            anchor,
        })
    }

    /// The document's anchor: the override, else `meta.published` (with its
    /// time and offset when it has them).
    pub fn anchor_for(&self, doc: &Document) -> Option<Anchor> {
        self.anchor.or_else(|| {
            doc.meta
                .published
                .as_deref()
                .and_then(Anchor::parse)
                .or_else(|| doc.published_date().and_then(Anchor::parse))
        })
    }

    /// The temporal expressions of a document.
    pub fn time_exprs(&self, doc: &Document) -> Vec<TimeExpr> {
        let anchor = self.anchor_for(doc);
        let sb = doc.span_builder();
        let sent_ranges: Vec<std::ops::Range<usize>> = doc
            .sentences
            .iter()
            .map(|s| sb.byte_range(&s.span))
            .collect();
        let found = self
            .tagger
            .tag_with_sentences(&doc.text, anchor.as_ref(), &sent_ranges);
        found
            .into_iter()
            .map(|t| {
                let sentence = if sent_ranges.is_empty() {
                    None
                } else {
                    let k = sent_ranges.partition_point(|r| r.end <= t.range.start);
                    (k < sent_ranges.len() && sent_ranges[k].start <= t.range.start).then_some(k)
                };
                TimeExpr {
                    span: sb.span(t.range.start, t.range.end),
                    text: doc.text.get(t.range.clone()).unwrap_or("").to_string(),
                    kind: t.kind,
                    value: t.value,
                    modifier: t.modifier,
                    anchored: t.anchored,
                    sentence,
                }
            })
            .collect()
    }
}

#[async_trait]
impl Analyzer for DatesAnalyzer {
    async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError> {
        let dates = self.time_exprs(doc);
        tracing::debug!(doc = %doc.id, found = dates.len(), "dates tagged");
        Ok(Annotations {
            dates: Some(dates),
            ..Annotations::default()
        })
    }
}

#[cfg(test)]
mod tests;
