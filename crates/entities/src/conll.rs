//! Reading CoNLL-format files (word … tag per line, blank line between
//! sentences, `-DOCSTART-` between documents) and conlleval-style scoring:
//! exact span match, per-type and overall precision, recall and F1.

use crate::model::TYPES;
use crate::EntitiesError;
use std::collections::BTreeMap;
use std::path::Path;

/// A CoNLL sentence: words and their IOB2 tags (`O`, `B-PER`, …).
#[derive(Debug, Clone, Default)]
pub struct Sentence {
    /// Words.
    pub words: Vec<String>,
    /// Tags, normalized to IOB2.
    pub tags: Vec<String>,
}

/// A CoNLL document.
#[derive(Debug, Clone, Default)]
pub struct ConllDoc {
    /// Its sentences.
    pub sents: Vec<Sentence>,
}

/// Parses CoNLL text; the tag is the last column. IOB1 tags are converted
/// to IOB2. `origin` names the source in errors.
pub fn parse(text: &str, origin: &str) -> Result<Vec<ConllDoc>, EntitiesError> {
    let mut docs = Vec::new();
    let mut doc = ConllDoc::default();
    let mut sent = Sentence::default();
    for (ln, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.is_empty() {
            if !sent.words.is_empty() {
                doc.sents.push(std::mem::take(&mut sent));
            }
            continue;
        }
        let mut cols = line.split_whitespace();
        let word = cols.next().unwrap_or("");
        if word == "-DOCSTART-" {
            if !sent.words.is_empty() {
                doc.sents.push(std::mem::take(&mut sent));
            }
            if !doc.sents.is_empty() {
                docs.push(std::mem::take(&mut doc));
            }
            continue;
        }
        let tag = cols.last().ok_or_else(|| EntitiesError::Corpus {
            path: origin.to_string(),
            line: ln + 1,
            message: "expected at least two columns (word and tag)".into(),
        })?;
        let tag = if tag == "O" {
            "O".to_string()
        } else {
            let (bi, ty) = tag.split_once('-').ok_or_else(|| EntitiesError::Corpus {
                path: origin.to_string(),
                line: ln + 1,
                message: format!("bad tag {tag:?}"),
            })?;
            let prev_same = sent
                .tags
                .last()
                .and_then(|p| p.split_once('-'))
                .is_some_and(|(_, pt)| pt == ty);
            if bi == "B" || !prev_same {
                format!("B-{ty}")
            } else {
                format!("I-{ty}")
            }
        };
        sent.words.push(word.to_string());
        sent.tags.push(tag);
    }
    if !sent.words.is_empty() {
        doc.sents.push(sent);
    }
    if !doc.sents.is_empty() {
        docs.push(doc);
    }
    Ok(docs)
}

/// Reads and parses a CoNLL file.
pub fn read(path: &Path) -> Result<Vec<ConllDoc>, EntitiesError> {
    let text = std::fs::read_to_string(path).map_err(|e| EntitiesError::Io {
        path: path.display().to_string(),
        source: e,
    })?;
    parse(&text, &path.display().to_string())
}

/// Entity spans `(start, end_exclusive, type)` of an IOB2 tag sequence.
pub fn spans(tags: &[String]) -> Vec<(usize, usize, String)> {
    let mut out = Vec::new();
    let mut cur: Option<(usize, String)> = None;
    for (i, t) in tags.iter().enumerate() {
        let (bi, ty) = t.split_once('-').unwrap_or(("O", ""));
        let continues = bi == "I" && cur.as_ref().is_some_and(|(_, c)| c == ty);
        if !continues {
            if let Some((s, c)) = cur.take() {
                out.push((s, i, c));
            }
            if bi == "B" || bi == "I" {
                cur = Some((i, ty.to_string()));
            }
        }
    }
    if let Some((s, c)) = cur {
        out.push((s, tags.len(), c));
    }
    out
}

/// Span counts for precision/recall.
#[derive(Debug, Default, Clone, Copy)]
pub struct Counts {
    /// Correct predicted spans.
    pub tp: usize,
    /// Predicted spans.
    pub pred: usize,
    /// Gold spans.
    pub gold: usize,
}

impl Counts {
    /// Precision, recall, F1.
    pub fn prf(&self) -> (f64, f64, f64) {
        let p = if self.pred == 0 {
            0.0
        } else {
            self.tp as f64 / self.pred as f64
        };
        let r = if self.gold == 0 {
            0.0
        } else {
            self.tp as f64 / self.gold as f64
        };
        let f = if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        };
        (p, r, f)
    }
}

/// Accumulates conlleval-style scores.
#[derive(Debug, Default, Clone)]
pub struct Scorer {
    /// Per type.
    pub by_type: BTreeMap<String, Counts>,
    /// Tokens seen.
    pub tokens: usize,
    /// Tokens whose tag was right.
    pub tokens_right: usize,
}

impl Scorer {
    /// Adds one sentence's gold and predicted IOB2 tags.
    pub fn add(&mut self, gold: &[String], pred: &[String]) {
        let g = spans(gold);
        let p = spans(pred);
        for (_, _, t) in &g {
            self.by_type.entry(t.clone()).or_default().gold += 1;
        }
        for s in &p {
            let c = self.by_type.entry(s.2.clone()).or_default();
            c.pred += 1;
            if g.contains(s) {
                c.tp += 1;
            }
        }
        self.tokens += gold.len();
        self.tokens_right += gold.iter().zip(pred).filter(|(a, b)| a == b).count();
    }

    /// Totals over types.
    pub fn overall(&self) -> Counts {
        let mut c = Counts::default();
        for v in self.by_type.values() {
            c.tp += v.tp;
            c.pred += v.pred;
            c.gold += v.gold;
        }
        c
    }

    /// A printable report in conlleval's layout.
    pub fn report(&self) -> String {
        let o = self.overall();
        let (p, r, f) = o.prf();
        let acc = if self.tokens == 0 {
            0.0
        } else {
            self.tokens_right as f64 / self.tokens as f64
        };
        let mut s = format!(
            "processed {} tokens with {} phrases; found: {} phrases; correct: {}.\n\
             accuracy: {:6.2}%; precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}\n",
            self.tokens,
            o.gold,
            o.pred,
            o.tp,
            100.0 * acc,
            100.0 * p,
            100.0 * r,
            100.0 * f
        );
        for (t, c) in &self.by_type {
            let (p, r, f) = c.prf();
            s.push_str(&format!(
                "{:>17}: precision: {:6.2}%; recall: {:6.2}%; FB1: {:6.2}  {}\n",
                t,
                100.0 * p,
                100.0 * r,
                100.0 * f,
                c.pred
            ));
        }
        s
    }
}

/// Tag strings for tag indices.
pub fn tag_name(tag: u8) -> String {
    match crate::model::tag_type(tag) {
        None => "O".to_string(),
        Some(t) => {
            let ty = TYPES.get(t).copied().unwrap_or("MISC");
            if crate::model::is_inside(tag) {
                format!("I-{ty}")
            } else {
                format!("B-{ty}")
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const SAMPLE: &str = "-DOCSTART- -X- -X- O\n\nAnna NNP B-NP B-PER\nVoss NNP I-NP I-PER\nvisited VBD B-VP O\nOslo NNP B-NP B-LOC\n. . O O\n\nNorsk NNP B-NP I-ORG\nTele NNP I-NP I-ORG\nrose VBD B-VP O\n";

    #[test]
    fn parses_docs_and_converts_iob1() {
        let docs = parse(SAMPLE, "sample").unwrap();
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].sents.len(), 2);
        assert_eq!(docs[0].sents[1].tags, vec!["B-ORG", "I-ORG", "O"]);
        assert!(parse("word\n", "x").is_err());
    }

    #[test]
    fn scores_exact_spans() {
        let docs = parse(SAMPLE, "sample").unwrap();
        let gold = &docs[0].sents[0].tags;
        // Right PER, LOC mislabelled as ORG.
        let pred: Vec<String> = ["B-PER", "I-PER", "O", "B-ORG", "O"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut sc = Scorer::default();
        sc.add(gold, &pred);
        let o = sc.overall();
        assert_eq!((o.tp, o.pred, o.gold), (1, 2, 2));
        let (p, r, f) = o.prf();
        assert!((p - 0.5).abs() < 1e-9 && (r - 0.5).abs() < 1e-9 && (f - 0.5).abs() < 1e-9);
        // A partial span match counts as wrong.
        let pred2: Vec<String> = ["B-PER", "O", "O", "B-LOC", "O"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let mut sc2 = Scorer::default();
        sc2.add(gold, &pred2);
        assert_eq!(sc2.by_type["PER"].tp, 0);
        assert_eq!(sc2.by_type["LOC"].tp, 1);
        assert!(sc2.report().contains("FB1:  50.00"));
    }
}
