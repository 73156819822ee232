//! The `entities` analyzer stage: runs the embedded recognizer over a
//! document's normalized text, merges mentions into canonical entities and
//! returns them as [`Annotations::entities`].

use crate::canon::{canonicalize, RawMention};
use crate::tokenize::{sentences, tokenize};
use crate::EntityRecognizer;
use async_trait::async_trait;
use gleaner_core::{
    parse_options, AnalyzeError, Analyzer, AnalyzerFactory, Annotations, BuildContext, ConfigIssue,
    Document, Entity, EntityLabel, Mention, OptionInfo, StageInfo, StageKind,
};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::num::NonZeroUsize;
use std::ops::Range;
use std::sync::Arc;

/// Options of the `entities` analyzer in a pipeline file.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct EntitiesOptions {
    /// Labels to keep (`PERSON`, `ORG`, `GPE`, `LOC`, `FAC`, `NORP`, `EVENT`,
    /// `LAW`, `MISC`, …); empty or absent keeps every label.
    #[serde(default)]
    pub labels: Vec<EntityLabel>,
    /// Minimum number of mentions an entity needs to be reported (default
    /// 1; 0 is refused when the options are read).
    #[serde(default)]
    pub min_mentions: Option<NonZeroUsize>,
}

/// Factory for the `entities` analyzer.
#[derive(Debug, Default, Clone, Copy)]
pub struct EntitiesFactory;

impl AnalyzerFactory for EntitiesFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: "entities",
            kind: StageKind::Analyzer,
            description: "People, organisations, places and groups, merged into one canonical entity per document",
            options: vec![
                OptionInfo {
                    name: "labels",
                    ty: "array of string",
                    default: Some("[]"),
                    doc: "Labels to keep (PERSON, ORG, GPE, LOC, FAC, NORP, EVENT, LAW, MISC); empty keeps all",
                },
                OptionInfo {
                    name: "min_mentions",
                    ty: "integer",
                    default: Some("1"),
                    doc: "Minimum number of mentions for an entity to be reported",
                },
            ],
            provides: vec!["entities"],
            requires: vec![],
        }
    }

    fn build(
        &self,
        _name: &str,
        options: serde_json::Value,
        _ctx: &BuildContext,
    ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>> {
        let opts: EntitiesOptions = parse_options(options)?;
        let analyzer = EntitiesAnalyzer::new(opts)
            .map_err(|e| vec![ConfigIssue::new("", format!("cannot load the model: {e}"))])?;
        Ok(Arc::new(analyzer))
    }
}

/// The analyzer built by [`EntitiesFactory`].
#[derive(Debug)]
pub struct EntitiesAnalyzer {
    rec: EntityRecognizer,
    opts: EntitiesOptions,
}

impl EntitiesAnalyzer {
    /// An analyzer with the embedded model and these options.
    pub fn new(opts: EntitiesOptions) -> Result<Self, crate::EntitiesError> {
        Ok(EntitiesAnalyzer {
            rec: EntityRecognizer::embedded()?,
            opts,
        })
    }

    /// Finds and merges the entities of `doc`.
    pub fn entities(&self, doc: &Document) -> Vec<Entity> {
        let text = doc.text.as_str();
        let sb = doc.span_builder();
        let (toks, sents) = if doc.sentences.is_empty() {
            let t = tokenize(text);
            let s = sentences(text, &t);
            (t, s)
        } else {
            // Tokenize within the normalizer's sentences; line breaks inside
            // a sentence still end it.
            let mut toks: Vec<Range<usize>> = Vec::new();
            let mut sents = Vec::new();
            for s in &doc.sentences {
                let r = sb.byte_range(&s.span);
                let Some(st) = text.get(r.clone()) else {
                    continue;
                };
                let local = tokenize(st);
                let first = toks.len();
                toks.extend(
                    local
                        .into_iter()
                        .map(|t| t.start + r.start..t.end + r.start),
                );
                for sub in sentences(text, &toks[first..]) {
                    sents.push(sub.start + first..sub.end + first);
                }
            }
            (toks, sents)
        };
        let raw: Vec<RawMention> = self
            .rec
            .recognize_tokens(text, &toks, &sents)
            .into_iter()
            // CoNLL tags time zones ("14:05 GMT") MISC, and the tagger
            // learned it; a reader's list of who and what is mentioned has
            // no use for them.
            .filter(|(range, _)| !text.get(range.clone()).is_some_and(is_time_zone))
            .map(|(range, label)| RawMention { range, label })
            .collect();
        let min = self.opts.min_mentions.map_or(1, NonZeroUsize::get);
        let known_place = |name: &str| self.rec.is_known_place(name);
        canonicalize(text, &toks, &sents, &raw, &known_place)
            .into_iter()
            .filter(|e| self.opts.labels.is_empty() || self.opts.labels.contains(&e.label))
            .filter(|e| e.mentions.len() >= min)
            .enumerate()
            .map(|(i, e)| {
                let mut attributes = BTreeMap::new();
                if !e.titles.is_empty() {
                    attributes.insert("titles".to_string(), e.titles);
                }
                Entity {
                    id: format!("e{}", i + 1),
                    label: e.label,
                    name: e.name,
                    aliases: e.aliases,
                    attributes,
                    mentions: e
                        .mentions
                        .into_iter()
                        .map(|r| Mention {
                            span: sb.span(r.start, r.end),
                            text: text.get(r).unwrap_or("").to_string(),
                        })
                        .collect(),
                }
            })
            .collect()
    }
}

#[async_trait]
impl Analyzer for EntitiesAnalyzer {
    async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError> {
        Ok(Annotations {
            entities: Some(self.entities(doc)),
            ..Annotations::default()
        })
    }
}

/// A time-zone abbreviation ("GMT", "EST", "CEST").
fn is_time_zone(w: &str) -> bool {
    const ZONES: &[&str] = &[
        "GMT", "UTC", "BST", "CET", "CEST", "EET", "EEST", "WET", "EST", "EDT", "CST", "CDT",
        "MST", "MDT", "PST", "PDT", "AEST", "AEDT", "IST", "JST", "KST", "SGT", "HKT",
    ];
    ZONES.contains(&w)
}
