//! Gleaner's core: the document model, spans and their offset maps, and the
//! traits a processing stage implements.
//!
//! This crate is what plugin authors depend on. It stays small and stable:
//! no I/O, no runtime, no models. Everything a stage needs to read a
//! [`Document`] and to add annotations to it is here.
//!
//! * [`document`]: the JSON document (`gleaner/document@1`) and its parts.
//! * [`span`]: [`Span`] (character offsets into `text` and into the ingested
//!   body), the [`OffsetMap`] between the two, and [`SpanBuilder`] to turn the
//!   byte offsets analyzers work in into spans.
//! * [`annotations`]: what the built-in analyzers produce (entities, dates,
//!   claims).
//! * [`files`]: safe file names for document ids and atomic writes, for sinks.
//! * [`stage`]: the [`Analyzer`] and [`Sink`] traits, their factories and the
//!   description of their options.

pub mod annotations;
pub mod document;
pub mod error;
pub mod files;
pub mod span;
pub mod stage;

pub use annotations::{
    Claim, ClaimKind, ClaimSource, CueClass, Entity, EntityLabel, Mention, TextSpan, TimeExpr,
    TimexType,
};
pub use document::{Document, Format, Meta, Removal, Sentence, SourceInfo, SCHEMA};
pub use error::{AnalyzeError, ConfigIssue, SinkError};
pub use files::{atomic_temp_pid, safe_file_stem, write_atomic};
pub use span::{CharIndex, OffsetMap, OffsetMapBuilder, Span, SpanBuilder};
pub use stage::parse_options;
pub use stage::{
    Analyzer, AnalyzerFactory, Annotations, BuildContext, Failure, OptionInfo, RunSummary, Sink,
    SinkFactory, StageInfo, StageKind,
};
