//! Attribution extraction: who said, claimed, denied or warned what.
//!
//! The `claims` analyzer finds attributions in news text: a source (who), a
//! cue (the word or phrase that attributes: *said*, *told*, *according to*,
//! *tweeted*, *in a statement*) and the content (what was said), as direct
//! quotations, reported speech or a mix of both.
//!
//! How: an averaged structured perceptron tags every token as part of a
//! source, cue or content (BIO tags, Viterbi decoding), with features that
//! include a cue lexicon learned from PolNeAR's training split and the
//! quotation state of each token ([`model`], [`features`]). Tagged spans are
//! then linked into attributions around each cue, and rules handle quotations
//! that continue over paragraphs or follow a colon ([`extract`]). Sources are
//! resolved to the document's entities ([`resolve`]). The model is trained by
//! [`train_command`] and embedded in the library; see `CLAIMS.md`.
//!
//! The analyzer keeps only speech acts and reports by default ([`cues`],
//! option `cues = "speech"`); `cues = "all"` keeps PolNeAR's broader
//! attributions (beliefs, intentions, actions).
//!
//! [`eval_brat`] scores the extractor on a PolNeAR-style brat folder, always
//! with every attribution the model finds.

pub mod brat;
pub mod cues;
pub mod eval;
pub mod extract;
pub mod features;
pub mod gender;
pub mod lexicon;
pub mod model;
pub mod resolve;
pub mod tokenize;
pub mod train;

use async_trait::async_trait;
use gleaner_core::{
    parse_options, AnalyzeError, Analyzer, AnalyzerFactory, Annotations, BuildContext, CharIndex,
    Claim, ClaimSource, ConfigIssue, Document, OptionInfo, StageInfo, StageKind, TextSpan,
};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::sync::{Arc, OnceLock};

pub use cues::CueFilter;
pub use extract::{ExtractOptions, Method, RawClaim};
pub use model::{Model, Stack};

/// The embedded model (see `model/PROVENANCE.md`).
static MODEL_BYTES: &[u8] = include_bytes!("../model/claims.bin");

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum ClaimsError {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// What happened.
        #[source]
        source: std::io::Error,
    },
    /// A brat file is malformed.
    #[error("{path}:{line}: {message}")]
    Brat {
        /// The file.
        path: PathBuf,
        /// 1-based line (0 when about the whole file).
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A folder has no annotated documents.
    #[error(
        "{0}: no .ann files found (expected brat files, or PolNeAR's attributions/ and text/)"
    )]
    NoData(PathBuf),
    /// The model bytes are not a valid model.
    #[error("claims model: {0}")]
    Model(String),
    /// Bad command-line arguments.
    #[error("{0}")]
    Usage(String),
}

/// Extracts claims with a trained model.
#[derive(Debug, Clone)]
pub struct ClaimExtractor {
    model: Stack,
}

static SHARED: OnceLock<Result<ClaimExtractor, String>> = OnceLock::new();

impl ClaimExtractor {
    /// The extractor with the model embedded in the library.
    pub fn embedded() -> Result<Self, ClaimsError> {
        Ok(Self {
            model: Stack::from_bytes(MODEL_BYTES)?,
        })
    }

    /// One process-wide embedded extractor, loaded on first use.
    pub fn shared() -> Result<&'static ClaimExtractor, ClaimsError> {
        SHARED
            .get_or_init(|| Self::embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|e| ClaimsError::Model(e.clone()))
    }

    /// An extractor with the given (stacked) tagger.
    pub fn from_model(model: Stack) -> Self {
        Self { model }
    }

    /// An extractor from model bytes (as written by the trainer).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ClaimsError> {
        Ok(Self {
            model: Stack::from_bytes(bytes)?,
        })
    }

    /// Claims of plain text, in byte offsets.
    pub fn extract_text(&self, text: &str, opts: ExtractOptions) -> Vec<RawClaim> {
        extract::extract_claims(&self.model, text, &[], opts)
    }

    /// Claims of a document: spans from its span builder, sources resolved to
    /// its entities.
    pub fn extract_document(&self, doc: &Document, opts: ExtractOptions) -> Vec<Claim> {
        let sb = doc.span_builder();
        let starts: Vec<usize> = doc
            .sentences
            .iter()
            .map(|s| sb.byte_range(&s.span).start)
            .collect();
        let raw = extract::extract_claims(&self.model, &doc.text, &starts, opts);
        let mut mentions: Vec<resolve::MentionRef> = Vec::new();
        for (k, e) in doc.entities.iter().enumerate() {
            for m in &e.mentions {
                let r = sb.byte_range(&m.span);
                mentions.push(resolve::MentionRef {
                    start: r.start,
                    end: r.end,
                    entity: k,
                    label: e.label,
                });
            }
        }
        mentions.sort_by_key(|m| (m.start, m.end));
        let contents: Vec<(usize, usize)> =
            raw.iter().flat_map(|c| c.content.iter().copied()).collect();
        let genders = gender::genders(&doc.text, &mentions, &starts, doc.entities.len());
        let titles: Vec<Vec<String>> = doc
            .entities
            .iter()
            .map(|e| match e.label {
                gleaner_core::EntityLabel::Person => {
                    e.attributes.get("titles").cloned().unwrap_or_default()
                }
                _ => Vec::new(),
            })
            .collect();
        let ts = |a: usize, b: usize| TextSpan {
            span: sb.span(a, b),
            text: doc.text.get(a..b).unwrap_or("").to_string(),
        };
        raw.into_iter()
            .filter_map(|c| {
                let first = c.content.first()?.0;
                let last = c.content.last()?.1;
                let source = c.source.map(|(a, b)| {
                    let t = ts(a, b);
                    let known = resolve::Known {
                        contents: &contents,
                        genders: &genders,
                        titles: &titles,
                    };
                    let k = resolve::resolve_in((a, b), &doc.text, &mentions, known);
                    // A speaker found through a role ("the judge") is a
                    // mention of that person for the pronouns after it.
                    if let Some(e) = k.and_then(|k| doc.entities.get(k).map(|e| (k, e))) {
                        let known = mentions.iter().any(|m| m.start < b && a < m.end);
                        if !known && e.1.label == gleaner_core::EntityLabel::Person {
                            let at = mentions.partition_point(|m| (m.start, m.end) < (a, b));
                            mentions.insert(
                                at,
                                resolve::MentionRef {
                                    start: a,
                                    end: b,
                                    entity: e.0,
                                    label: e.1.label,
                                },
                            );
                        }
                    }
                    ClaimSource {
                        span: t.span,
                        text: t.text,
                        entity: k.and_then(|k| doc.entities.get(k)).map(|e| e.id.clone()),
                    }
                });
                let parts = if c.content.len() > 1 {
                    c.content.iter().map(|&(a, b)| ts(a, b)).collect()
                } else {
                    Vec::new()
                };
                Some(Claim {
                    kind: c.kind,
                    cue_class: c.class,
                    source,
                    cue: ts(c.cue.0, c.cue.1),
                    content: ts(first, last),
                    content_parts: parts,
                })
            })
            .collect()
    }
}

/// Options of the `claims` analyzer.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClaimsOptions {
    /// Keep reported speech without quotation marks (default true); false
    /// keeps only direct and mixed quotations.
    #[serde(default = "yes")]
    pub include_indirect: bool,
    /// Keep claims whose source the text does not give (default true).
    #[serde(default = "yes")]
    pub include_sourceless: bool,
    /// Which cues count (default `"speech"`): `"speech"` keeps speech acts
    /// and reports (said, told, denied, warned, according to, tweeted, a
    /// report found…), direct quotations with a speaker and speaker labels;
    /// `"all"` keeps everything the model finds, PolNeAR-style, including
    /// beliefs, intentions and actions (has sought, is concerned about).
    #[serde(default = "speech")]
    pub cues: CueFilter,
}

fn speech() -> CueFilter {
    CueFilter::Speech
}

fn yes() -> bool {
    true
}

/// The `claims` analyzer.
pub struct ClaimsAnalyzer {
    extractor: &'static ClaimExtractor,
    opts: ExtractOptions,
}

#[async_trait]
impl Analyzer for ClaimsAnalyzer {
    async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError> {
        let claims = self.extractor.extract_document(doc, self.opts);
        tracing::debug!(doc = %doc.id, claims = claims.len(), "claims extracted");
        Ok(Annotations {
            claims: Some(claims),
            ..Annotations::default()
        })
    }
}

/// Builds `claims` analyzers.
pub struct ClaimsFactory;

impl AnalyzerFactory for ClaimsFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: "claims",
            kind: StageKind::Analyzer,
            description:
                "Attributions: who said, claimed, denied or warned what (source, cue, content)",
            options: vec![
                OptionInfo {
                    name: "include_indirect",
                    ty: "bool",
                    default: Some("true"),
                    doc: "Keep reported speech without quotation marks",
                },
                OptionInfo {
                    name: "include_sourceless",
                    ty: "bool",
                    default: Some("true"),
                    doc: "Keep claims whose source the text does not give",
                },
                OptionInfo {
                    name: "cues",
                    ty: "string",
                    default: Some("speech"),
                    doc: "\"speech\": only speech acts and reports (said, denied, warned, according to, a report found), direct quotations with a speaker and speaker labels; \"all\": everything PolNeAR calls an attribution, beliefs, intentions and actions too",
                },
            ],
            provides: vec!["claims"],
            requires: vec!["entities"],
        }
    }

    fn build(
        &self,
        _name: &str,
        options: serde_json::Value,
        _ctx: &BuildContext,
    ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>> {
        let o: ClaimsOptions = parse_options(options)?;
        let extractor =
            ClaimExtractor::shared().map_err(|e| vec![ConfigIssue::new("", e.to_string())])?;
        Ok(Arc::new(ClaimsAnalyzer {
            extractor,
            opts: ExtractOptions {
                include_indirect: o.include_indirect,
                include_sourceless: o.include_sourceless,
                method: Method::Both,
                cues: o.cues,
            },
        }))
    }
}

/// Predicted attributions of one brat document in character offsets.
pub fn predict_chars(ex: &ClaimExtractor, text: &str) -> Vec<eval::PredAttribution> {
    predict_chars_with(ex, text, Method::Both)
}

/// [`predict_chars`] with a chosen method.
pub fn predict_chars_with(
    ex: &ClaimExtractor,
    text: &str,
    method: Method,
) -> Vec<eval::PredAttribution> {
    let idx = CharIndex::new(text);
    let c = |(a, b): (usize, usize)| (idx.char_of_byte(a), idx.char_of_byte(b));
    // The corpus's notion of attribution: everything, not only speech.
    let opts = ExtractOptions {
        method,
        cues: CueFilter::All,
        ..ExtractOptions::default()
    };
    ex.extract_text(text, opts)
        .into_iter()
        .map(|r| eval::PredAttribution {
            source: r.source.map(|s| vec![c(s)]),
            cue: vec![c(r.cue)],
            content: r.content.into_iter().map(c).collect(),
        })
        .collect()
}

/// Scores `ex` on loaded brat documents.
pub fn score_docs(ex: &ClaimExtractor, docs: &[brat::BratDoc]) -> eval::Scores {
    score_docs_with(ex, docs, Method::Both)
}

/// [`score_docs`] with a chosen method.
pub fn score_docs_with(
    ex: &ClaimExtractor,
    docs: &[brat::BratDoc],
    method: Method,
) -> eval::Scores {
    let mut s = eval::Scores::default();
    for d in docs {
        let pred = predict_chars_with(ex, &d.text, method);
        eval::score_doc(d, &pred, &mut s);
    }
    s
}

/// Scores the embedded extractor on a brat folder (`.ann` beside `.txt`, or
/// PolNeAR's `attributions/` + `text/`); returns a printable report.
pub fn eval_brat(dir: &Path) -> Result<String, ClaimsError> {
    let docs = brat::load_dir(dir)?;
    let ex = ClaimExtractor::shared()?;
    let t0 = std::time::Instant::now();
    let s = score_docs(ex, &docs);
    let secs = t0.elapsed().as_secs_f64();
    let words: usize = docs.iter().map(|d| d.text.split_whitespace().count()).sum();
    let mut out = format!("claims eval on {}\n", dir.display());
    out.push_str(&eval::report(&s));
    out.push_str(&format!(
        "speed: {:.0} words/s (extraction and scoring, {} words)\n",
        words as f64 / secs.max(1e-9),
        words
    ));
    out.push_str("comparison (F1): method  attribution  cue-overlap  source-overlap  content-overlap  content-exact\n");
    // "both" is the run scored above.
    let rules = score_docs_with(ex, &docs, Method::Rules);
    let model = score_docs_with(ex, &docs, Method::Model);
    for (name, x) in [("rules", &rules), ("model", &model), ("both", &s)] {
        out.push_str(&format!(
            "  {name:<6} {:>12.3} {:>12.3} {:>15.3} {:>16.3} {:>14.3}\n",
            x.attributions.f(),
            x.roles[1][2].f(),
            x.roles[0][2].f(),
            x.roles[2][2].f(),
            x.roles[2][0].f()
        ));
    }
    Ok(out)
}

/// Trains a model from command-line style arguments
/// (`--train DIR [--dev DIR] [--out FILE] [--epochs N] [--bits B]`), writes
/// it, and returns the training log.
pub fn train_command(args: &[String]) -> Result<String, ClaimsError> {
    let cfg = train::parse_args(args)?;
    let (model, mut log) = train::train(&cfg)?;
    let bytes = model.to_bytes();
    gleaner_core::write_atomic(&cfg.out, &bytes).map_err(|e| ClaimsError::Io {
        path: cfg.out.clone(),
        source: e,
    })?;
    log.push_str(&format!(
        "wrote {} ({} bytes)\n",
        cfg.out.display(),
        bytes.len()
    ));
    Ok(log)
}
