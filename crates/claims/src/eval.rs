//! Scoring predicted attributions against brat gold annotations.
//!
//! Measures, summed over documents:
//! * for each role (source, cue, content): precision, recall and F1 with
//!   *exact* matching (same extent after trimming whitespace and punctuation,
//!   quotation marks included, from both ends: annotators differ on whether a
//!   closing quote or period belongs to a content), *strict* matching (same
//!   raw offsets), and *overlap* matching (any shared character);
//! * token-level content F1 (word characters covered by gold and predicted
//!   contents, counted per word token);
//! * attribution F1: a predicted attribution matches a gold one when their
//!   cues and contents overlap and their sources overlap or both are absent
//!   (one-to-one, greedy in text order).
//!
//! Every offset here is in Unicode code points, like brat's.

use crate::brat::{BratDoc, Frags};
use std::fmt::Write as _;

/// A predicted attribution in character offsets.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PredAttribution {
    /// Source fragments (one), if any.
    pub source: Option<Frags>,
    /// Cue fragments.
    pub cue: Frags,
    /// Content fragments.
    pub content: Frags,
}

/// Precision/recall counts.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct Prf {
    /// Predictions that matched.
    pub tp_pred: usize,
    /// Predictions.
    pub pred: usize,
    /// Gold items that were matched.
    pub tp_gold: usize,
    /// Gold items.
    pub gold: usize,
}

impl Prf {
    /// Precision.
    pub fn p(&self) -> f64 {
        if self.pred == 0 {
            0.0
        } else {
            self.tp_pred as f64 / self.pred as f64
        }
    }
    /// Recall.
    pub fn r(&self) -> f64 {
        if self.gold == 0 {
            0.0
        } else {
            self.tp_gold as f64 / self.gold as f64
        }
    }
    /// F1.
    pub fn f(&self) -> f64 {
        let (p, r) = (self.p(), self.r());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    fn add(&mut self, o: Prf) {
        self.tp_pred += o.tp_pred;
        self.pred += o.pred;
        self.tp_gold += o.tp_gold;
        self.gold += o.gold;
    }
}

/// All scores of one evaluation.
#[derive(Debug, Clone, Default)]
pub struct Scores {
    /// Documents scored.
    pub docs: usize,
    /// [source, cue, content] × [exact, strict, overlap].
    pub roles: [[Prf; 3]; 3],
    /// Token-level content.
    pub content_tokens: Prf,
    /// Attributions.
    pub attributions: Prf,
}

fn overlaps(a: &Frags, b: &Frags) -> bool {
    a.iter()
        .any(|&(s1, e1)| b.iter().any(|&(s2, e2)| s1 < e2 && s2 < e1))
}

fn hull(f: &Frags) -> Option<(usize, usize)> {
    let s = f.iter().map(|x| x.0).min()?;
    let e = f.iter().map(|x| x.1).max()?;
    Some((s, e))
}

fn trimmed(f: &Frags, chars: &[char]) -> Option<(usize, usize)> {
    let (mut s, mut e) = hull(f)?;
    let skip = |c: char| {
        c.is_whitespace()
            || (c.is_ascii_punctuation() && c != '$' && c != '%')
            || "“”‘’—–…".contains(c)
    };
    while s < e && chars.get(s).is_some_and(|&c| skip(c)) {
        s += 1;
    }
    while e > s && chars.get(e - 1).is_some_and(|&c| skip(c)) {
        e -= 1;
    }
    Some((s, e))
}

fn match_sets(pred: &[Frags], gold: &[Frags], eq: &dyn Fn(&Frags, &Frags) -> bool) -> Prf {
    let tp_pred = pred
        .iter()
        .filter(|p| gold.iter().any(|g| eq(p, g)))
        .count();
    let tp_gold = gold
        .iter()
        .filter(|g| pred.iter().any(|p| eq(p, g)))
        .count();
    Prf {
        tp_pred,
        pred: pred.len(),
        tp_gold,
        gold: gold.len(),
    }
}

fn word_tokens(chars: &[char]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
            let s = i;
            while chars.get(i).is_some_and(|c| c.is_alphanumeric()) {
                i += 1;
            }
            out.push((s, i));
        } else {
            i += 1;
        }
    }
    out
}

fn covered(words: &[(usize, usize)], spans: &[Frags]) -> Vec<bool> {
    let mut mark = vec![false; words.len()];
    for f in spans {
        for &(s, e) in f {
            let from = words.partition_point(|w| w.1 <= s);
            for (k, w) in words.iter().enumerate().skip(from) {
                if w.0 >= e {
                    break;
                }
                if let Some(m) = mark.get_mut(k) {
                    *m = true;
                }
            }
        }
    }
    mark
}

/// Scores one document's predictions and adds them to `scores`.
pub fn score_doc(doc: &BratDoc, pred: &[PredAttribution], scores: &mut Scores) {
    let chars: Vec<char> = doc.text.chars().collect();
    scores.docs += 1;
    // A source shared by several attributions is one span, as in brat.
    let dedup = |mut v: Vec<Frags>| {
        v.sort();
        v.dedup();
        v
    };
    let pred_roles: [Vec<Frags>; 3] = [
        dedup(pred.iter().filter_map(|p| p.source.clone()).collect()),
        dedup(pred.iter().map(|p| p.cue.clone()).collect()),
        dedup(pred.iter().map(|p| p.content.clone()).collect()),
    ];
    let gold_roles: [&Vec<Frags>; 3] = [&doc.sources, &doc.cues, &doc.contents];
    let exact = |a: &Frags, b: &Frags| {
        let (x, y) = (trimmed(a, &chars), trimmed(b, &chars));
        x.is_some() && x == y
    };
    let strict = |a: &Frags, b: &Frags| hull(a).is_some() && hull(a) == hull(b);
    let over = |a: &Frags, b: &Frags| overlaps(a, b);
    for r in 0..3 {
        let (Some(p), Some(g)) = (pred_roles.get(r), gold_roles.get(r)) else {
            continue;
        };
        let slot = &mut scores.roles[r];
        slot[0].add(match_sets(p, g, &exact));
        slot[1].add(match_sets(p, g, &strict));
        slot[2].add(match_sets(p, g, &over));
    }
    // Token-level content.
    let words = word_tokens(&chars);
    let gm = covered(&words, &doc.contents);
    let pm = covered(&words, &pred_roles[2]);
    let tp = gm.iter().zip(&pm).filter(|(g, p)| **g && **p).count();
    scores.content_tokens.add(Prf {
        tp_pred: tp,
        pred: pm.iter().filter(|x| **x).count(),
        tp_gold: tp,
        gold: gm.iter().filter(|x| **x).count(),
    });
    // Attributions, one-to-one.
    let mut used = vec![false; doc.attributions.len()];
    let mut tp = 0;
    for p in pred {
        let hit = doc.attributions.iter().enumerate().find(|(k, g)| {
            !used.get(*k).copied().unwrap_or(true)
                && overlaps(&p.cue, &g.cue)
                && overlaps(&p.content, &g.content)
                && match (&p.source, &g.source) {
                    (None, None) => true,
                    (Some(a), Some(b)) => overlaps(a, b),
                    _ => false,
                }
        });
        if let Some((k, _)) = hit {
            if let Some(u) = used.get_mut(k) {
                *u = true;
            }
            tp += 1;
        }
    }
    scores.attributions.add(Prf {
        tp_pred: tp,
        pred: pred.len(),
        tp_gold: tp,
        gold: doc.attributions.len(),
    });
}

/// A printable report.
pub fn report(s: &Scores) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "documents: {}", s.docs);
    let _ = writeln!(
        out,
        "{:<10} {:<8} {:>7} {:>7} {:>7} {:>7} {:>7}",
        "role", "match", "P", "R", "F1", "pred", "gold"
    );
    for (r, name) in ["source", "cue", "content"].iter().enumerate() {
        for (m, mname) in ["exact", "strict", "overlap"].iter().enumerate() {
            let x = s.roles[r][m];
            let _ = writeln!(
                out,
                "{:<10} {:<8} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>7}",
                name,
                mname,
                x.p(),
                x.r(),
                x.f(),
                x.pred,
                x.gold
            );
        }
    }
    let t = s.content_tokens;
    let _ = writeln!(
        out,
        "{:<10} {:<8} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>7}",
        "content",
        "tokens",
        t.p(),
        t.r(),
        t.f(),
        t.pred,
        t.gold
    );
    let a = s.attributions;
    let _ = writeln!(
        out,
        "{:<10} {:<8} {:>7.3} {:>7.3} {:>7.3} {:>7} {:>7}",
        "attrib",
        "overlap",
        a.p(),
        a.r(),
        a.f(),
        a.pred,
        a.gold
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::brat::GoldAttribution;
    use std::path::PathBuf;

    #[test]
    fn scores_a_hand_made_document() {
        let text = "\"We won,\" Ann said. Bob denied it.".to_string();
        let gold = GoldAttribution {
            source: Some(vec![(10, 13)]),
            cue: vec![(14, 18)],
            content: vec![(0, 9)],
        };
        let doc = BratDoc {
            ann_path: PathBuf::from("x.ann"),
            text,
            attributions: vec![gold.clone()],
            sources: vec![vec![(10, 13)]],
            cues: vec![vec![(14, 18)]],
            contents: vec![vec![(0, 9)]],
        };
        let good = PredAttribution {
            source: Some(vec![(10, 13)]),
            cue: vec![(14, 18)],
            content: vec![(1, 7)],
        };
        let bad = PredAttribution {
            source: Some(vec![(20, 23)]),
            cue: vec![(24, 30)],
            content: vec![(31, 33)],
        };
        let mut s = Scores::default();
        score_doc(&doc, &[good, bad], &mut s);
        assert_eq!(s.attributions.tp_pred, 1);
        assert_eq!(s.attributions.pred, 2);
        assert!((s.attributions.r() - 1.0).abs() < 1e-9);
        // Content "We won" matches exactly after trimming, not strictly.
        assert_eq!(s.roles[2][0].tp_gold, 1);
        assert_eq!(s.roles[2][1].tp_gold, 0);
        assert_eq!(s.roles[2][2].tp_gold, 1);
        assert_eq!(s.content_tokens.tp_gold, 2);
        assert!(report(&s).contains("attrib"));
    }
}
