//! The article-extraction benchmark's metric (scrapinghub's
//! article-extraction-benchmark): per page, the multiset of 4-word shingles of
//! `\w+` tokens (case kept) of the extracted text is compared with the gold
//! `articleBody`; true/false positives and false negatives are normalized by
//! their sum; precision is averaged over pages with output, recall over pages
//! with gold text (so an empty output counts only against recall), and F1 is
//! the harmonic mean of the two averages.

use crate::IngestError;
use std::collections::HashMap;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Shingle length of the benchmark.
const NGRAM: usize = 4;

/// Normalized true positives, false positives and false negatives of one page.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct PageScore {
    /// Shingles in both, over all shingles counted.
    pub tp: f64,
    /// Shingles only in the prediction, over all shingles counted.
    pub fp: f64,
    /// Shingles only in the gold text, over all shingles counted.
    pub fn_: f64,
}

/// The benchmark's `\w+` tokens: runs of Unicode letters, digits and `_`.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// Shingle counts of `text`; a text of fewer than four tokens is one shingle.
fn shingles(text: &str) -> HashMap<Vec<&str>, usize> {
    let toks = tokens(text);
    let mut out = HashMap::new();
    if toks.is_empty() {
        return out;
    }
    if toks.len() < NGRAM {
        out.insert(toks, 1);
        return out;
    }
    for w in toks.windows(NGRAM) {
        *out.entry(w.to_vec()).or_insert(0) += 1;
    }
    out
}

/// Scores one page: `gold` is the reference body, `pred` the extraction.
pub fn score_page(gold: &str, pred: &str) -> PageScore {
    let g = shingles(gold);
    let p = shingles(pred);
    let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
    for (k, &gc) in &g {
        let pc = p.get(k).copied().unwrap_or(0);
        tp += gc.min(pc);
        fn_ += gc.saturating_sub(pc);
    }
    for (k, &pc) in &p {
        fp += pc.saturating_sub(g.get(k).copied().unwrap_or(0));
    }
    let sum = (tp + fp + fn_) as f64;
    if sum > 0.0 {
        PageScore {
            tp: tp as f64 / sum,
            fp: fp as f64 / sum,
            fn_: fn_ as f64 / sum,
        }
    } else {
        PageScore {
            tp: 0.0,
            fp: 0.0,
            fn_: 0.0,
        }
    }
}

fn precision(s: &PageScore) -> f64 {
    if s.fp == 0.0 && s.fn_ == 0.0 {
        1.0
    } else if s.tp == 0.0 && s.fp == 0.0 {
        0.0
    } else {
        s.tp / (s.tp + s.fp)
    }
}

fn recall(s: &PageScore) -> f64 {
    if s.fp == 0.0 && s.fn_ == 0.0 {
        1.0
    } else if s.tp == 0.0 && s.fn_ == 0.0 {
        0.0
    } else {
        s.tp / (s.tp + s.fn_)
    }
}

/// Averaged precision, recall and their F1 over pages, as the benchmark does.
pub fn aggregate(scores: &[PageScore]) -> (f64, f64, f64) {
    let mean = |v: Vec<f64>| {
        if v.is_empty() {
            0.0
        } else {
            v.iter().sum::<f64>() / v.len() as f64
        }
    };
    let p = mean(
        scores
            .iter()
            .filter(|s| s.tp + s.fp > 0.0)
            .map(precision)
            .collect(),
    );
    let r = mean(
        scores
            .iter()
            .filter(|s| s.tp + s.fn_ > 0.0)
            .map(recall)
            .collect(),
    );
    let f1 = if p + r > 0.0 {
        2.0 * p * r / (p + r)
    } else {
        0.0
    };
    (p, r, f1)
}

/// One benchmark page: its hash name, raw HTML bytes and gold body.
#[derive(Debug, Clone)]
pub struct BenchPage {
    /// The page's hash name (the key in `ground-truth.json`).
    pub name: String,
    /// The page's HTML bytes, un-gzipped.
    pub html: Vec<u8>,
    /// The gold `articleBody`.
    pub gold: String,
}

/// Loads the benchmark in `dir`: `ground-truth.json` and `html/<hash>.html.gz`
/// (or `.html`). Pages are returned in name order.
pub fn load_benchmark(dir: &Path) -> Result<Vec<BenchPage>, IngestError> {
    let gt_path = dir.join("ground-truth.json");
    let gt_bytes = std::fs::read(&gt_path).map_err(|e| IngestError::Unreadable {
        path: gt_path.clone(),
        source: e,
    })?;
    let gt: HashMap<String, serde_json::Value> =
        serde_json::from_slice(&gt_bytes).map_err(|e| IngestError::Benchmark {
            path: gt_path.clone(),
            message: format!("not a JSON object of pages: {e}"),
        })?;
    let mut names: Vec<&String> = gt.keys().collect();
    names.sort();
    let mut pages = Vec::with_capacity(names.len());
    for name in names {
        let gold = gt
            .get(name)
            .and_then(|v| v.get("articleBody"))
            .and_then(|v| v.as_str())
            .unwrap_or_default()
            .to_string();
        let gz: PathBuf = dir.join("html").join(format!("{name}.html.gz"));
        let html = if gz.exists() {
            let f = std::fs::File::open(&gz).map_err(|e| IngestError::Unreadable {
                path: gz.clone(),
                source: e,
            })?;
            let mut out = Vec::new();
            flate2::read::GzDecoder::new(f)
                .read_to_end(&mut out)
                .map_err(|e| IngestError::Unreadable {
                    path: gz.clone(),
                    source: e,
                })?;
            out
        } else {
            let plain = dir.join("html").join(format!("{name}.html"));
            std::fs::read(&plain).map_err(|e| IngestError::Unreadable {
                path: plain.clone(),
                source: e,
            })?
        };
        pages.push(BenchPage {
            name: name.clone(),
            html,
            gold,
        });
    }
    if pages.is_empty() {
        return Err(IngestError::Benchmark {
            path: gt_path,
            message: "no pages".to_string(),
        });
    }
    Ok(pages)
}

/// Result of running one extractor over the benchmark.
#[derive(Debug, Clone)]
pub struct EvalResult {
    /// Pages scored.
    pub pages: usize,
    /// Averaged precision.
    pub precision: f64,
    /// Averaged recall.
    pub recall: f64,
    /// F1 of the averages.
    pub f1: f64,
    /// Pages for which the extractor returned no tokens.
    pub empty: usize,
    /// Extraction time per page (decoding and extraction; not file reading).
    pub per_page: Duration,
}

impl EvalResult {
    /// A one-line table row: name, pages, P, R, F1, empty, ms/page.
    pub fn row(&self, name: &str) -> String {
        format!(
            "| {name} | {} | {:.3} | {:.3} | {:.3} | {} | {:.1} |",
            self.pages,
            self.precision,
            self.recall,
            self.f1,
            self.empty,
            self.per_page.as_secs_f64() * 1000.0
        )
    }
}

/// Header of the table [`EvalResult::row`] writes.
pub const TABLE_HEADER: &str =
    "| extractor | pages | precision | recall | F1 | empty outputs | ms/page |\n|---|---|---|---|---|---|---|";

/// Runs `extract` (HTML bytes to article text) over `pages` and scores it.
pub fn evaluate_with(pages: &[BenchPage], mut extract: impl FnMut(&[u8]) -> String) -> EvalResult {
    let mut scores = Vec::with_capacity(pages.len());
    let mut empty = 0;
    let mut elapsed = Duration::ZERO;
    for page in pages {
        let t = Instant::now();
        let pred = extract(&page.html);
        elapsed += t.elapsed();
        if tokens(&pred).is_empty() {
            empty += 1;
        }
        scores.push(score_page(&page.gold, &pred));
    }
    let (precision, recall, f1) = aggregate(&scores);
    EvalResult {
        pages: pages.len(),
        precision,
        recall,
        f1,
        empty,
        per_page: elapsed / u32::try_from(pages.len().max(1)).unwrap_or(u32::MAX),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokens("Hé said: don't_go, 5G!"),
            vec!["Hé", "said", "don", "t_go", "5G"]
        );
    }

    #[test]
    fn identical_text_scores_one() {
        let s = score_page("one two three four five", "one two three four five");
        assert_eq!(aggregate(&[s]), (1.0, 1.0, 1.0));
    }

    #[test]
    fn scores_match_the_reference_definition() {
        // gold shingles: [a b c d], [b c d e]; pred: [a b c d], [b c d x]
        let s = score_page("a b c d e", "a b c d x");
        assert!((s.tp - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.fp - 1.0 / 3.0).abs() < 1e-9);
        assert!((s.fn_ - 1.0 / 3.0).abs() < 1e-9);
        // Case matters, as in the reference (`\w+` with IGNORECASE only
        // affects matching, not the tokens).
        let c = score_page("A b c d", "a b c d");
        assert_eq!(c.tp, 0.0);
    }

    #[test]
    fn empty_output_counts_only_against_recall() {
        let good = score_page("a b c d e", "a b c d e");
        let empty = score_page("a b c d e", "");
        let (p, r, f1) = aggregate(&[good, empty]);
        assert_eq!(p, 1.0);
        assert_eq!(r, 0.5);
        assert!((f1 - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn short_texts_are_one_shingle() {
        let s = score_page("a b", "a b");
        assert_eq!(s.tp, 1.0);
    }

    #[test]
    fn loads_a_tiny_benchmark() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir(dir.path().join("html")).unwrap();
        std::fs::write(
            dir.path().join("ground-truth.json"),
            r#"{"p1": {"articleBody": "The council met on Monday to vote.", "url": "u"}}"#,
        )
        .unwrap();
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
        std::io::Write::write_all(
            &mut gz,
            b"<html><body><p>The council met on Monday to vote.</p></body></html>",
        )
        .unwrap();
        std::fs::write(dir.path().join("html/p1.html.gz"), gz.finish().unwrap()).unwrap();
        let pages = load_benchmark(dir.path()).unwrap();
        assert_eq!(pages.len(), 1);
        let r = evaluate_with(&pages, |_| "The council met on Monday to vote.".into());
        assert_eq!(r.f1, 1.0);
        let r = evaluate_with(&pages, |_| String::new());
        assert_eq!((r.empty, r.recall), (1, 0.0));
    }
}
