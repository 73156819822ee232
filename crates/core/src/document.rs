//! The document model: one article as it flows through a pipeline, and its
//! JSON form, schema `gleaner/document@1`.
//!
//! Ingest fills `id`, `source`, `meta` and `body`; normalize fills `text`,
//! `removed`, `sentences` and the offset map; analyzers fill `entities`,
//! `dates`, `claims` and `analyzers`. The field names are a contract that
//! outside tools read: extend them, never rename them.

use crate::annotations::{Claim, Entity, TimeExpr};
use crate::span::{OffsetMap, Span, SpanBuilder};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The schema name and version written into every document.
pub const SCHEMA: &str = "gleaner/document@1";

/// The input format a document was read from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// Plain text (`.txt`).
    Txt,
    /// Markdown (`.md`).
    Md,
    /// HTML (`.html`, `.htm`).
    Html,
    /// One JSON article object (`.json`).
    Json,
    /// One JSON article per line (`.jsonl`).
    Jsonl,
}

impl Format {
    /// The format for a file extension (without the dot, any case).
    pub fn from_extension(ext: &str) -> Option<Format> {
        match ext.to_ascii_lowercase().as_str() {
            "txt" | "text" => Some(Format::Txt),
            "md" | "markdown" => Some(Format::Md),
            "html" | "htm" | "xhtml" => Some(Format::Html),
            "json" => Some(Format::Json),
            "jsonl" | "ndjson" => Some(Format::Jsonl),
            _ => None,
        }
    }

    /// The lowercase name used in JSON.
    pub fn as_str(&self) -> &'static str {
        match self {
            Format::Txt => "txt",
            Format::Md => "md",
            Format::Html => "html",
            Format::Json => "json",
            Format::Jsonl => "jsonl",
        }
    }
}

/// Where a document came from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct SourceInfo {
    /// Path of the input file as given to the pipeline.
    pub path: String,
    /// The input format.
    pub format: Format,
    /// Content hash of the input file's bytes: `sha256:` and 64 hex digits.
    pub hash: String,
    /// For JSONL input, the 1-based line the article was on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<usize>,
    /// The text encoding the bytes were decoded from (e.g. `UTF-8`, `windows-1252`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
}

/// Article metadata found by ingest.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Meta {
    /// Headline.
    pub title: Option<String>,
    /// Author names, in byline order.
    #[serde(default)]
    pub authors: Vec<String>,
    /// Publication date or time: RFC 3339 (`2019-02-19T09:19:00-05:00`) or `YYYY-MM-DD`.
    pub published: Option<String>,
    /// Publication or site name.
    pub outlet: Option<String>,
    /// Canonical URL.
    pub url: Option<String>,
    /// BCP 47 language tag, when known.
    pub language: Option<String>,
}

/// A stretch of the ingested body that normalization removed as boilerplate.
///
/// `start == end` is the point in `text` where it was; `source_start` and
/// `source_end` cover the removed text in the body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Removal {
    /// Where it was.
    #[serde(flatten)]
    pub span: Span,
    /// Why it was removed: a short snake_case reason such as `donation_appeal`.
    pub reason: String,
    /// The removed text.
    pub text: String,
}

/// One sentence of `text`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// 0-based index of the paragraph it belongs to.
    pub paragraph: usize,
}

/// One article, from ingest to sinks.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Document {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// Stable identifier: the input's `id` for JSON input, else the file's
    /// path relative to the source root without its extension.
    pub id: String,
    /// Where the document came from.
    pub source: SourceInfo,
    /// Article metadata.
    pub meta: Meta,
    /// The ingested body before normalization: the decoded file for `.txt` and
    /// `.md`, the `text`/`body` field for JSON, the extracted text for HTML.
    /// `source_start`/`source_end` of every span index into it.
    pub body: String,
    /// The normalized body that analyzers read; `start`/`end` index into it.
    pub text: String,
    /// Boilerplate removed from the body, with reasons.
    #[serde(default)]
    pub removed: Vec<Removal>,
    /// Sentences of `text`, in order.
    #[serde(default)]
    pub sentences: Vec<Sentence>,
    /// Canonical entities with their mentions (the `entities` analyzer).
    #[serde(default)]
    pub entities: Vec<Entity>,
    /// Temporal expressions (the `dates` analyzer).
    #[serde(default)]
    pub dates: Vec<TimeExpr>,
    /// Attributions: who said what (the `claims` analyzer).
    #[serde(default)]
    pub claims: Vec<Claim>,
    /// Output of other analyzers, under their names in the pipeline file.
    #[serde(default)]
    pub analyzers: BTreeMap<String, serde_json::Value>,
    /// Map from `text` offsets to `body` offsets (not serialized; the spans
    /// carry both).
    #[serde(skip)]
    pub offsets: OffsetMap,
}

impl Document {
    /// A fresh document whose `text` is its `body`, unnormalized.
    pub fn new(id: impl Into<String>, source: SourceInfo, meta: Meta, body: String) -> Self {
        let chars = body.chars().count();
        Self {
            schema: SCHEMA.to_string(),
            id: id.into(),
            source,
            meta,
            text: body.clone(),
            body,
            removed: Vec::new(),
            sentences: Vec::new(),
            entities: Vec::new(),
            dates: Vec::new(),
            claims: Vec::new(),
            analyzers: BTreeMap::new(),
            offsets: OffsetMap::identity(chars),
        }
    }

    /// Replaces `text` and its offset map together (the normalizer's job).
    pub fn set_text(&mut self, text: String, offsets: OffsetMap) {
        self.text = text;
        self.offsets = offsets;
    }

    /// A [`SpanBuilder`] for this document's `text`.
    pub fn span_builder(&self) -> SpanBuilder<'_> {
        SpanBuilder::new(&self.text, &self.offsets)
    }

    /// The publication date as `YYYY-MM-DD`, when `meta.published` has one.
    pub fn published_date(&self) -> Option<&str> {
        let p = self.meta.published.as_deref()?;
        let d = p.get(..10)?;
        let b = d.as_bytes();
        let ok = b.len() == 10
            && b[4] == b'-'
            && b[7] == b'-'
            && b.iter()
                .enumerate()
                .all(|(i, c)| i == 4 || i == 7 || c.is_ascii_digit());
        ok.then_some(d)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(body: &str) -> Document {
        Document::new(
            "a",
            SourceInfo {
                path: "a.txt".into(),
                format: Format::Txt,
                hash: "sha256:00".into(),
                line: None,
                encoding: None,
            },
            Meta::default(),
            body.into(),
        )
    }

    #[test]
    fn json_round_trip_keeps_contract_fields() {
        let d = doc("Hello “world”.");
        let v = serde_json::to_value(&d).unwrap();
        for k in [
            "schema",
            "id",
            "source",
            "meta",
            "text",
            "removed",
            "sentences",
            "entities",
            "dates",
            "claims",
            "analyzers",
        ] {
            assert!(v.get(k).is_some(), "missing {k}");
        }
        assert_eq!(v["schema"], SCHEMA);
        let back: Document = serde_json::from_value(v).unwrap();
        assert_eq!(back.text, d.text);
    }

    #[test]
    fn spans_count_characters_not_bytes() {
        let d = doc("Hé said “yes”.");
        let sb = d.span_builder();
        let b = d.text.find("yes").unwrap();
        let s = sb.span(b, b + 3);
        assert_eq!((s.start, s.end), (9, 12));
        assert_eq!((s.source_start, s.source_end), (9, 12));
        assert_eq!(sb.byte_range(&s), b..b + 3);
    }

    #[test]
    fn published_date_takes_the_day() {
        let mut d = doc("x");
        d.meta.published = Some("2019-02-19T09:19:00-05:00".into());
        assert_eq!(d.published_date(), Some("2019-02-19"));
        d.meta.published = Some("Feb 2019".into());
        assert_eq!(d.published_date(), None);
    }
}
