//! `sourcing`: how an article sources what it reports. An example of a
//! custom Gleaner analyzer crate, written against `gleaner-core` only.
//!
//! A reader judging a news story wants to know how much of it rests on what
//! someone said, and who those someones are: named people and
//! organisations, or "officials" and "a spokesperson". This analyzer reads
//! the claims found by the built-in `claims` analyzer (so it *requires*
//! `claims`) and reports, under `analyzers.<name>` in the JSON:
//!
//! * `sentences`, `attributed_sentences` and `attributed_share`: how much of
//!   the text carries a claim (its content or its cue);
//! * `claims`, and how they are reported: `direct`, `indirect`, `mixed`;
//! * who is behind them: `named_claims` (a resolved entity or a proper
//!   name), `unnamed_claims` ("officials", "a spokesperson", "the
//!   ministry"), `unresolved_claims` (a pronoun no entity was linked to) and
//!   `sourceless_claims` (no source at all), with `named_share`;
//! * `top_sources`: the most-quoted named sources, with how many claims
//!   (and direct quotes) each has.
//!
//! The pieces a custom analyzer needs: an options struct
//! ([`SourcingOptions`]), a factory that describes the stage and builds it
//! ([`SourcingFactory`]), and the [`Analyzer`] itself ([`SourcingAnalyzer`]).
//! `src/main.rs` builds a `gleaner` binary that knows it.

use async_trait::async_trait;
use gleaner_core::{
    parse_options, AnalyzeError, Analyzer, AnalyzerFactory, Annotations, BuildContext, Claim,
    ClaimKind, ConfigIssue, Document, EntityLabel, OptionInfo, Span, StageInfo, StageKind,
};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;

/// Head nouns of sources that do not name anyone ("senior officials", "a
/// spokesperson for the ministry", "people familiar with the talks"), even
/// when the organisation they belong to is known.
const UNNAMED_PEOPLE: &[&str] = &[
    "official",
    "officials",
    "source",
    "sources",
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "person",
    "people",
    "aide",
    "aides",
    "adviser",
    "advisers",
    "advisor",
    "advisors",
    "analyst",
    "analysts",
    "expert",
    "experts",
    "insider",
    "insiders",
    "diplomat",
    "diplomats",
    "executive",
    "executives",
    "critic",
    "critics",
    "witness",
    "witnesses",
    "resident",
    "residents",
    "observer",
    "observers",
    "researcher",
    "researchers",
    "scientist",
    "scientists",
    "economist",
    "economists",
    "investigator",
    "investigators",
    "lawmaker",
    "lawmakers",
    "member",
    "members",
    "employee",
    "employees",
    "worker",
    "workers",
    "staff",
    "police",
    "officers",
    "authorities",
    "campaigners",
    "activists",
    "organisers",
    "organizers",
    "leaders",
    "judge",
    "judges",
    "others",
    "parents",
    "patients",
    "voters",
    "commuters",
    "students",
    "teachers",
    "doctors",
    "nurses",
    "farmers",
    "traders",
    "drivers",
    "customers",
    "users",
    "fans",
];

/// Head nouns of institutions and documents ("the ministry", "a report"):
/// unnamed unless linked to an entity ("the company", resolved to the
/// company named earlier, is named).
const GENERIC_INSTITUTIONS: &[&str] = &[
    "government",
    "ministry",
    "department",
    "agency",
    "company",
    "firm",
    "union",
    "board",
    "council",
    "committee",
    "group",
    "office",
    "statement",
    "statements",
    "report",
    "reports",
    "study",
    "studies",
    "survey",
    "surveys",
    "figures",
    "data",
    "documents",
    "filing",
];

/// Words that stand for a source mentioned elsewhere.
const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "who", "this", "that",
    "his", "their", "its",
];

/// Options of a `sourcing` analyzer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct SourcingOptions {
    /// How many named sources `top_sources` lists.
    pub top_sources: usize,
    /// Extra head nouns that mark a source as unnamed (e.g. "negotiators").
    pub unnamed_terms: Vec<String>,
}

impl Default for SourcingOptions {
    fn default() -> Self {
        Self {
            top_sources: 5,
            unnamed_terms: Vec::new(),
        }
    }
}

/// The `sourcing` stage type.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourcingFactory;

impl AnalyzerFactory for SourcingFactory {
    fn info(&self) -> StageInfo {
        StageInfo {
            type_name: "sourcing",
            kind: StageKind::Analyzer,
            description: "how an article sources its claims: share of attributed sentences, named vs unnamed sources, most-quoted sources",
            options: vec![
                OptionInfo {
                    name: "top_sources",
                    ty: "integer",
                    default: Some("5"),
                    doc: "how many named sources top_sources lists",
                },
                OptionInfo {
                    name: "unnamed_terms",
                    ty: "array of strings",
                    default: Some("[]"),
                    doc: "extra head nouns that mark a source as unnamed (e.g. [\"negotiators\"])",
                },
            ],
            provides: vec!["sourcing"],
            requires: vec!["claims"],
        }
    }

    fn build(
        &self,
        _name: &str,
        options: serde_json::Value,
        _ctx: &BuildContext,
    ) -> Result<Arc<dyn Analyzer>, Vec<ConfigIssue>> {
        let opts: SourcingOptions = parse_options(options)?;
        if opts.top_sources > 100 {
            return Err(vec![ConfigIssue::new(
                "top_sources",
                format!("at most 100, found {}", opts.top_sources),
            )]);
        }
        if let Some(bad) = opts
            .unnamed_terms
            .iter()
            .find(|t| t.trim().is_empty() || t.contains(' '))
        {
            return Err(vec![ConfigIssue::new(
                "unnamed_terms",
                format!("each term must be one word, found {bad:?}"),
            )]);
        }
        Ok(Arc::new(SourcingAnalyzer::new(opts)))
    }
}

/// The analyzer.
#[derive(Debug, Clone)]
pub struct SourcingAnalyzer {
    top_sources: usize,
    unnamed: Vec<String>,
}

impl SourcingAnalyzer {
    /// An analyzer with these options.
    pub fn new(opts: SourcingOptions) -> Self {
        let unnamed = UNNAMED_PEOPLE
            .iter()
            .map(|s| s.to_string())
            .chain(opts.unnamed_terms.iter().map(|t| t.trim().to_lowercase()))
            .collect();
        Self {
            top_sources: opts.top_sources,
            unnamed,
        }
    }

    /// Measures one document.
    pub fn measure(&self, doc: &Document) -> Sourcing {
        let sentences = doc.sentences.len();
        let attributed_sentences = doc
            .sentences
            .iter()
            .filter(|s| doc.claims.iter().any(|c| touches(c, &s.span)))
            .count();

        let mut out = Sourcing {
            sentences,
            attributed_sentences,
            attributed_share: share(attributed_sentences, sentences),
            claims: doc.claims.len(),
            ..Sourcing::default()
        };
        let mut named: HashMap<String, SourceCount> = HashMap::new();
        let mut order: Vec<String> = Vec::new();
        for claim in &doc.claims {
            match claim.kind {
                ClaimKind::Direct => out.direct += 1,
                ClaimKind::Indirect => out.indirect += 1,
                ClaimKind::Mixed => out.mixed += 1,
            }
            match self.classify(doc, claim) {
                Who::Named { key, name, entity } => {
                    out.named_claims += 1;
                    let entry = named.entry(key.clone()).or_insert_with(|| {
                        order.push(key);
                        SourceCount {
                            name,
                            entity,
                            claims: 0,
                            direct: 0,
                        }
                    });
                    entry.claims += 1;
                    if claim.kind == ClaimKind::Direct {
                        entry.direct += 1;
                    }
                }
                Who::Unnamed => out.unnamed_claims += 1,
                Who::Unresolved => out.unresolved_claims += 1,
                Who::Nobody => out.sourceless_claims += 1,
            }
        }
        out.named_share = share(out.named_claims, out.claims);
        out.distinct_named_sources = named.len();
        // Most claims first; ties keep the order of first appearance.
        let mut sources: Vec<SourceCount> = order.iter().filter_map(|k| named.remove(k)).collect();
        sources.sort_by_key(|s| std::cmp::Reverse(s.claims));
        sources.truncate(self.top_sources);
        out.top_sources = sources;
        out
    }

    fn classify(&self, doc: &Document, claim: &Claim) -> Who {
        let Some(source) = &claim.source else {
            return Who::Nobody;
        };
        let words: Vec<&str> = source
            .text
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
            .filter(|w| !w.is_empty())
            .collect();
        let Some(h) = head_index(&words) else {
            return Who::Nobody;
        };
        let head_word = words.get(h).copied().unwrap_or_default();
        let head = fold(head_word);
        // A sentence's first word is capitalized anyway ("Officials said").
        let initial = starts_sentence(doc, source.span.start);
        let capitalized = |i: usize, w: &str| {
            w.chars().next().is_some_and(char::is_uppercase) && (i > 0 || !initial)
        };
        // "officials", "a spokesperson for the port", "Critics": a generic
        // head noun, not part of a name ("Department" in "Arizona
        // Department of Water Resources" is).
        let name_part = capitalized(h, head_word);
        let unnamed_people = self.unnamed.contains(&head) && !name_part;
        let institution = GENERIC_INSTITUTIONS.contains(&head.as_str()) && !name_part;

        if let Some(id) = &source.entity {
            let entity = doc.entities.iter().find(|e| &e.id == id);
            // "Scientists at Marrow University" is linked to the university
            // but names no one; a person entity is always named.
            let person = entity.is_some_and(|e| e.label == EntityLabel::Person);
            if unnamed_people && !person {
                return Who::Unnamed;
            }
            let name = entity.map_or_else(|| source.text.trim().to_string(), |e| e.name.clone());
            return Who::Named {
                key: format!("entity:{id}"),
                name,
                entity: Some(id.clone()),
            };
        }
        if words.len() == 1 && PRONOUNS.contains(&head.as_str()) {
            return Who::Unresolved;
        }
        if unnamed_people || institution {
            return Who::Unnamed;
        }
        // A proper name: a capitalized word ("Mayor Helen Okafor"); a
        // sentence-initial one only when an entity is called so.
        let proper = words
            .iter()
            .enumerate()
            .any(|(i, w)| capitalized(i, w) || (i == 0 && initial && names_entity(doc, w)));
        if proper {
            let name = source.text.trim().to_string();
            Who::Named {
                key: format!("text:{}", name.to_lowercase()),
                name,
                entity: None,
            }
        } else {
            Who::Unnamed
        }
    }
}

/// Who is behind a claim.
enum Who {
    Named {
        key: String,
        name: String,
        entity: Option<String>,
    },
    Unnamed,
    Unresolved,
    Nobody,
}

/// Words that end a source's head noun phrase ("officials *at* the port").
const PREPOSITIONS: &[&str] = &[
    "at", "of", "for", "from", "with", "in", "on", "to", "by", "close", "familiar", "who", "said",
];

/// The head noun of a source: the index of the last word before the first
/// preposition ("spokesperson" in "a spokesperson for the union"), else of
/// the last word; `None` without words.
fn head_index(words: &[&str]) -> Option<usize> {
    let end = words
        .iter()
        .skip(1)
        .position(|w| PREPOSITIONS.contains(&w.to_lowercase().as_str()))
        .map_or(words.len(), |i| i + 1);
    end.checked_sub(1)
}

/// A word lowercased, without a possessive.
fn fold(word: &str) -> String {
    let w = word.to_lowercase();
    w.trim_end_matches("'s").trim_end_matches("’s").to_string()
}

/// True when character `pos` of the text begins a sentence (after any
/// opening quotes or brackets).
fn starts_sentence(doc: &Document, pos: usize) -> bool {
    doc.sentences.iter().any(|s| {
        s.span.start <= pos
            && pos < s.span.end
            && doc
                .text
                .chars()
                .skip(s.span.start)
                .take(pos - s.span.start)
                .all(|c| c.is_whitespace() || "\"'“‘«([".contains(c))
    })
}

/// True when `word` is part of an entity's name or aliases.
fn names_entity(doc: &Document, word: &str) -> bool {
    doc.entities.iter().any(|e| {
        std::iter::once(&e.name)
            .chain(&e.aliases)
            .any(|n| n.split_whitespace().any(|t| t == word))
    })
}

/// True when the claim's content or cue overlaps `span`.
fn touches(c: &Claim, span: &Span) -> bool {
    let overlaps = |s: &Span| s.start < span.end && span.start < s.end;
    let content = if c.content_parts.is_empty() {
        overlaps(&c.content.span)
    } else {
        c.content_parts.iter().any(|p| overlaps(&p.span))
    };
    content || overlaps(&c.cue.span)
}

fn share(part: usize, whole: usize) -> Option<f64> {
    (whole > 0).then(|| ((part as f64 / whole as f64) * 1000.0).round() / 1000.0)
}

/// What `sourcing` stores under `analyzers.<name>`.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Sourcing {
    /// Sentences in the text.
    pub sentences: usize,
    /// Sentences that hold part of a claim (its content or cue).
    pub attributed_sentences: usize,
    /// `attributed_sentences / sentences`, to 3 decimals (absent without sentences).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub attributed_share: Option<f64>,
    /// Claims in the document.
    pub claims: usize,
    /// Claims quoted word for word.
    pub direct: usize,
    /// Claims in reported speech.
    pub indirect: usize,
    /// Reported speech with quoted fragments.
    pub mixed: usize,
    /// Claims whose source is named (an entity or a proper name).
    pub named_claims: usize,
    /// Claims whose source is described but not named ("officials").
    pub unnamed_claims: usize,
    /// Claims whose source is a pronoun no entity was linked to.
    pub unresolved_claims: usize,
    /// Claims without any source.
    pub sourceless_claims: usize,
    /// `named_claims / claims`, to 3 decimals (absent without claims).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub named_share: Option<f64>,
    /// Named sources in the document.
    pub distinct_named_sources: usize,
    /// The most-quoted named sources, most claims first.
    pub top_sources: Vec<SourceCount>,
}

/// One named source and how often it is cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct SourceCount {
    /// The entity's canonical name, or the source as written.
    pub name: String,
    /// The entity id (`entities[].id`), when resolved.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub entity: Option<String>,
    /// Claims attributed to it.
    pub claims: usize,
    /// Of which direct quotes.
    pub direct: usize,
}

#[async_trait]
impl Analyzer for SourcingAnalyzer {
    async fn analyze(&self, doc: &Document) -> Result<Annotations, AnalyzeError> {
        let value = serde_json::to_value(self.measure(doc))
            .map_err(|e| AnalyzeError::with_source("cannot serialize the sourcing summary", e))?;
        Ok(Annotations {
            custom: Some(value),
            ..Annotations::default()
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::{
        ClaimSource, CueClass, Entity, Format, Meta, Sentence, SourceInfo, TextSpan,
    };

    fn span(start: usize, end: usize) -> Span {
        Span {
            start,
            end,
            source_start: start,
            source_end: end,
        }
    }

    fn text_span(doc: &Document, start: usize, end: usize) -> TextSpan {
        TextSpan {
            span: span(start, end),
            text: doc.text.chars().skip(start).take(end - start).collect(),
        }
    }

    /// A claim whose content is `content` and whose source is `source`
    /// (both found in the text), with cue `cue`.
    fn claim(
        doc: &Document,
        kind: ClaimKind,
        source: Option<(&str, Option<&str>)>,
        cue: &str,
        content: &str,
    ) -> Claim {
        let at = |s: &str| {
            let b = doc.text.find(s).unwrap();
            let start = doc.text[..b].chars().count();
            (start, start + s.chars().count())
        };
        let (cs, ce) = at(cue);
        let (ts, te) = at(content);
        Claim {
            kind,
            cue_class: CueClass::Statement,
            source: source.map(|(s, entity)| {
                let (ss, se) = at(s);
                ClaimSource {
                    span: span(ss, se),
                    text: s.to_string(),
                    entity: entity.map(str::to_string),
                }
            }),
            cue: text_span(doc, cs, ce),
            content: text_span(doc, ts, te),
            content_parts: Vec::new(),
        }
    }

    fn article() -> Document {
        let text = "“The bridge joins two neighbourhoods,” said Mayor Helen Okafor. \
Officials said work could start in spring. \
The vote was 7-2. \
Okafor added that the budget was fixed. \
He said nothing else. \
It was reported that costs rose.";
        let mut doc = Document::new(
            "council",
            SourceInfo {
                path: "council.txt".into(),
                format: Format::Txt,
                hash: "sha256:00".into(),
                line: None,
                encoding: None,
            },
            Meta::default(),
            text.into(),
        );
        // Sentences at each ". " boundary.
        let chars: Vec<char> = doc.text.chars().collect();
        let mut start = 0;
        for i in 0..chars.len() {
            let end_here = chars[i] == '.' && (i + 1 == chars.len() || chars[i + 1] == ' ');
            if end_here {
                doc.sentences.push(Sentence {
                    span: span(start, i + 1),
                    paragraph: 0,
                });
                start = i + 2;
            }
        }
        doc.entities.push(Entity {
            id: "e1".into(),
            label: EntityLabel::Person,
            name: "Helen Okafor".into(),
            aliases: vec!["Okafor".into()],
            attributes: Default::default(),
            mentions: Vec::new(),
        });
        let claims = vec![
            claim(
                &doc,
                ClaimKind::Direct,
                Some(("Mayor Helen Okafor", Some("e1"))),
                "said",
                "The bridge joins two neighbourhoods,",
            ),
            claim(
                &doc,
                ClaimKind::Indirect,
                Some(("Officials", None)),
                "said work",
                "work could start in spring",
            ),
            claim(
                &doc,
                ClaimKind::Indirect,
                Some(("Okafor", Some("e1"))),
                "added",
                "the budget was fixed",
            ),
            claim(
                &doc,
                ClaimKind::Indirect,
                Some(("He", None)),
                "said nothing",
                "nothing else",
            ),
            claim(&doc, ClaimKind::Indirect, None, "reported", "costs rose"),
        ];
        doc.claims = claims;
        doc
    }

    #[test]
    fn measures_attribution_and_sources() {
        let doc = article();
        assert_eq!(doc.sentences.len(), 6);
        let s = SourcingAnalyzer::new(SourcingOptions::default()).measure(&doc);
        assert_eq!(s.sentences, 6);
        assert_eq!(s.attributed_sentences, 5, "all but the vote count");
        assert_eq!(s.attributed_share, Some(0.833));
        assert_eq!((s.claims, s.direct, s.indirect, s.mixed), (5, 1, 4, 0));
        assert_eq!(s.named_claims, 2);
        assert_eq!(s.unnamed_claims, 1);
        assert_eq!(s.unresolved_claims, 1);
        assert_eq!(s.sourceless_claims, 1);
        assert_eq!(s.named_share, Some(0.4));
        assert_eq!(s.distinct_named_sources, 1);
        assert_eq!(
            s.top_sources,
            vec![SourceCount {
                name: "Helen Okafor".into(),
                entity: Some("e1".into()),
                claims: 2,
                direct: 1,
            }]
        );
    }

    #[test]
    fn unresolved_proper_names_still_count_as_named() {
        let mut doc = article();
        for c in &mut doc.claims {
            if let Some(s) = &mut c.source {
                s.entity = None;
            }
        }
        let s = SourcingAnalyzer::new(SourcingOptions::default()).measure(&doc);
        assert_eq!(s.named_claims, 2);
        assert_eq!(
            s.distinct_named_sources, 2,
            "\"Mayor Helen Okafor\" and \"Okafor\" without coreference"
        );
        let names: Vec<&str> = s.top_sources.iter().map(|t| t.name.as_str()).collect();
        assert_eq!(names, ["Mayor Helen Okafor", "Okafor"]);
    }

    #[test]
    fn extra_unnamed_terms_and_top_limit_apply() {
        let mut doc = article();
        if let Some(s) = &mut doc.claims[1].source {
            s.text = "Harbour Union negotiators".into();
        }
        let default = SourcingAnalyzer::new(SourcingOptions::default()).measure(&doc);
        assert_eq!(default.named_claims, 3, "capitalized, so named by default");
        let opts = SourcingOptions {
            top_sources: 0,
            unnamed_terms: vec!["Negotiators".into()],
        };
        let s = SourcingAnalyzer::new(opts).measure(&doc);
        assert_eq!(s.named_claims, 2);
        assert_eq!(s.unnamed_claims, 1);
        assert!(s.top_sources.is_empty());
    }

    #[test]
    fn sentence_initial_capitals_are_not_names_unless_an_entity_says_so() {
        let mut doc = article();
        // "Officials said…" begins a sentence: unnamed, as before.
        if let Some(s) = &mut doc.claims[1].source {
            s.text = "Officials".into();
        }
        // "Okafor added…" begins a sentence but names entity e1's alias.
        let at = doc.text.find("Okafor added").unwrap();
        let pos = doc.text[..at].chars().count();
        if let Some(s) = &mut doc.claims[2].source {
            s.entity = None;
            s.span = span(pos, pos + 6);
        }
        let s = SourcingAnalyzer::new(SourcingOptions::default()).measure(&doc);
        assert_eq!(s.named_claims, 2);
        // Without the entity, a sentence-initial "Okafor" proves nothing.
        doc.entities.clear();
        let s = SourcingAnalyzer::new(SourcingOptions::default()).measure(&doc);
        assert_eq!(s.named_claims, 1, "only the entity-linked mayor");
        assert_eq!(s.unnamed_claims, 2);
    }

    #[test]
    fn unnamed_people_at_a_named_organisation_stay_unnamed() {
        let mut doc = article();
        doc.entities.push(Entity {
            id: "e2".into(),
            label: EntityLabel::Org,
            name: "Marrow University".into(),
            aliases: Vec::new(),
            attributes: Default::default(),
            mentions: Vec::new(),
        });
        if let Some(s) = &mut doc.claims[1].source {
            s.text = "Scientists at Marrow University".into();
            s.entity = Some("e2".into());
        }
        let a = SourcingAnalyzer::new(SourcingOptions::default());
        let s = a.measure(&doc);
        assert_eq!((s.named_claims, s.unnamed_claims), (2, 1));
        if let Some(s) = &mut doc.claims[1].source {
            s.text = "Marrow University".into();
        }
        let s = a.measure(&doc);
        assert_eq!((s.named_claims, s.unnamed_claims), (3, 0));
        assert_eq!(
            head_index(&["a", "spokesperson", "for", "the", "union"]),
            Some(1)
        );
        assert_eq!(head_index(&["the", "union's"]), Some(1));
        assert_eq!(fold("Union's"), "union");
        assert_eq!(head_index(&[]), None);

        // An institution's own name is not a generic noun.
        if let Some(s) = &mut doc.claims[1].source {
            s.text = "the Marrow Department of Transport".into();
            s.entity = None;
        }
        let s = a.measure(&doc);
        assert_eq!((s.named_claims, s.unnamed_claims), (3, 0));
        if let Some(s) = &mut doc.claims[1].source {
            s.text = "the department".into();
        }
        let s = a.measure(&doc);
        assert_eq!((s.named_claims, s.unnamed_claims), (2, 1));
        // Resolved to a named organisation, "the department" is named.
        if let Some(s) = &mut doc.claims[1].source {
            s.entity = Some("e2".into());
        }
        let s = a.measure(&doc);
        assert_eq!((s.named_claims, s.unnamed_claims), (3, 0));
    }

    #[test]
    fn a_document_without_sentences_or_claims_has_no_shares() {
        let mut doc = article();
        doc.sentences.clear();
        doc.claims.clear();
        let s = SourcingAnalyzer::new(SourcingOptions::default()).measure(&doc);
        let v = serde_json::to_value(&s).unwrap();
        assert!(v.get("attributed_share").is_none());
        assert!(v.get("named_share").is_none());
        assert_eq!(v["claims"], 0);
    }

    #[test]
    fn options_are_checked() {
        let f = SourcingFactory;
        let ctx = BuildContext::default();
        assert!(f.build("s", serde_json::json!({}), &ctx).is_ok());
        let e = f
            .build("s", serde_json::json!({"top": 3}), &ctx)
            .err()
            .unwrap();
        assert_eq!(e[0].key, "top");
        let e = f
            .build("s", serde_json::json!({"top_sources": 500}), &ctx)
            .err()
            .unwrap();
        assert_eq!(e[0].key, "top_sources");
        let e = f
            .build(
                "s",
                serde_json::json!({"unnamed_terms": ["two words"]}),
                &ctx,
            )
            .err()
            .unwrap();
        assert_eq!(e[0].key, "unnamed_terms");
        let info = f.info();
        assert_eq!(info.requires, ["claims"]);
        assert_eq!(info.provides, ["sourcing"]);
    }

    #[tokio::test]
    async fn output_goes_to_custom_annotations() {
        let doc = article();
        let a = SourcingAnalyzer::new(SourcingOptions::default());
        let ann = a.analyze(&doc).await.unwrap();
        assert!(ann.claims.is_none() && ann.entities.is_none());
        let mut out = doc.clone();
        ann.apply("sourcing", &mut out);
        assert_eq!(out.analyzers["sourcing"]["claims"], 5);
        assert_eq!(
            out.analyzers["sourcing"]["top_sources"][0]["name"],
            "Helen Okafor"
        );
    }
}
