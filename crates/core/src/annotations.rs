//! What the built-in analyzers add to a document: canonical entities with
//! their mentions, temporal expressions, and claims (attributions).
//!
//! Each type serializes with its [`Span`] flattened, so every annotation in
//! the JSON has `start`, `end`, `source_start` and `source_end` next to its
//! other fields.

use crate::span::Span;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A span together with the text it covers in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TextSpan {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The covered text, copied from `text`.
    pub text: String,
}

/// Entity types, OntoNotes-style.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum EntityLabel {
    /// People, including fictional.
    Person,
    /// Companies, agencies, institutions, teams.
    Org,
    /// Countries, cities, states.
    Gpe,
    /// Other places: regions, mountains, bodies of water.
    Loc,
    /// Nationalities, religious and political groups.
    Norp,
    /// Buildings, airports, highways, bridges.
    Fac,
    /// Objects, vehicles, devices, software.
    Product,
    /// Named events: wars, storms, conferences, sports events.
    Event,
    /// Named laws and treaties.
    Law,
    /// Titles of books, songs, shows.
    WorkOfArt,
    /// Named things that fit none of the above (CoNLL's MISC).
    Misc,
}

impl EntityLabel {
    /// The label as written in JSON (`PERSON`, `ORG`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            EntityLabel::Person => "PERSON",
            EntityLabel::Org => "ORG",
            EntityLabel::Gpe => "GPE",
            EntityLabel::Loc => "LOC",
            EntityLabel::Norp => "NORP",
            EntityLabel::Fac => "FAC",
            EntityLabel::Product => "PRODUCT",
            EntityLabel::Event => "EVENT",
            EntityLabel::Law => "LAW",
            EntityLabel::WorkOfArt => "WORK_OF_ART",
            EntityLabel::Misc => "MISC",
        }
    }
}

/// One mention of an entity in `text`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mention {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The mention's text.
    pub text: String,
}

/// A canonical entity: every mention of one person, organisation or place in
/// a document.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entity {
    /// Identifier within the document (`e1`, `e2`, …); claims refer to it.
    pub id: String,
    /// Type.
    pub label: EntityLabel,
    /// Canonical name (the fullest form used in the document).
    pub name: String,
    /// Other names the document uses for it.
    #[serde(default)]
    pub aliases: Vec<String>,
    /// Attributes found next to mentions, e.g. `"titles": ["CFO"]`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub attributes: BTreeMap<String, Vec<String>>,
    /// Every mention, in text order.
    pub mentions: Vec<Mention>,
}

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexType {
    /// A calendar date or period: `2019-02-19`, `2018-12`, `2019-W07`.
    Date,
    /// A time of day: `2019-02-19T09:19-05:00`.
    Time,
    /// A length of time: `P3M`.
    Duration,
    /// A recurrence: `P1W` with a frequency.
    Set,
}

/// A temporal expression with its normalized TIMEX3 value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpr {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The expression's text.
    pub text: String,
    /// TIMEX3 type.
    #[serde(rename = "type")]
    pub kind: TimexType,
    /// TIMEX3 value: `2019-03-01`, `2018-12`, `P3M`, `PAST_REF`, `XXXX-03-01`…
    pub value: String,
    /// TIMEX3 modifier (`MID`, `START`, `END`, `APPROX`, `BEFORE`…), if any.
    #[serde(rename = "mod", default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// True when the value was resolved against the anchor (the publication
    /// date); false when the expression is relative and had no anchor, or is
    /// absolute.
    #[serde(default)]
    pub anchored: bool,
    /// Index of the sentence that holds it, when sentences are known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<usize>,
}

/// How a claim is reported.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ClaimKind {
    /// Quoted words: "…," she said.
    Direct,
    /// Reported speech without quotation marks.
    Indirect,
    /// Reported speech with quoted fragments.
    Mixed,
}

impl ClaimKind {
    /// The kind as written in JSON (`direct`, `indirect`, `mixed`).
    pub fn as_str(&self) -> &'static str {
        match self {
            ClaimKind::Direct => "direct",
            ClaimKind::Indirect => "indirect",
            ClaimKind::Mixed => "mixed",
        }
    }
}

/// What kind of speech act the cue reports.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueClass {
    /// said, told, stated, added, tweeted.
    Statement,
    /// claimed, argued, insisted, maintained.
    Claim,
    /// denied, rejected, dismissed.
    Denial,
    /// accused, blamed, charged.
    Accusation,
    /// warned, cautioned.
    Warning,
    /// promised, vowed, pledged.
    Promise,
    /// reported, according to, found, revealed.
    Report,
}

impl CueClass {
    /// The class as written in JSON (`statement`, `denial`, …).
    pub fn as_str(&self) -> &'static str {
        match self {
            CueClass::Statement => "statement",
            CueClass::Claim => "claim",
            CueClass::Denial => "denial",
            CueClass::Accusation => "accusation",
            CueClass::Warning => "warning",
            CueClass::Promise => "promise",
            CueClass::Report => "report",
        }
    }
}

/// Who a claim is attributed to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimSource {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The source's text as written ("he", "an NCSC spokesperson").
    pub text: String,
    /// The canonical entity it refers to (an `entities[].id`), when resolved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
}

/// An attribution: a source, a cue and the content attributed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Claim {
    /// Direct, indirect or mixed.
    pub kind: ClaimKind,
    /// The cue's class.
    pub cue_class: CueClass,
    /// Who; absent when the text names no one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<ClaimSource>,
    /// The attributing word or phrase.
    pub cue: TextSpan,
    /// What was said, from its first to its last character.
    pub content: TextSpan,
    /// For a split quotation, each part of the content; empty when the
    /// content is one piece.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub content_parts: Vec<TextSpan>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn claim_names_match_their_json() {
        use CueClass::*;
        for c in [
            Statement, Claim, Denial, Accusation, Warning, Promise, Report,
        ] {
            assert_eq!(serde_json::to_value(c).unwrap(), c.as_str());
        }
        for k in [ClaimKind::Direct, ClaimKind::Indirect, ClaimKind::Mixed] {
            assert_eq!(serde_json::to_value(k).unwrap(), k.as_str());
        }
    }
}
