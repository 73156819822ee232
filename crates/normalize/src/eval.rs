//! Evaluation of the sentence splitter against a corpus with gold sentences.
//!
//! [`eval_sentences_conllu`] reads every `.conllu` file of a folder (the GUM
//! layout: `# newpar` starts a paragraph, `# text = …` gives each sentence),
//! rebuilds each document's text (sentences of a paragraph joined by a space,
//! paragraphs by a blank line), runs [`split_sentences`](crate::split_sentences)
//! and scores the sentence boundaries that fall inside paragraphs (a boundary
//! at a paragraph end is free, so it is not counted).

use std::fmt;
use std::path::{Path, PathBuf};

/// What went wrong reading the corpus.
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A folder or file could not be read.
    #[error("reading {path}: {source}")]
    Io {
        /// The folder or file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The folder holds no `.conllu` file with sentences.
    #[error("no .conllu file with `# text =` lines under {0}")]
    Empty(PathBuf),
}

/// Sentence-boundary scores over paragraph-internal boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct SentenceScore {
    /// Documents read.
    pub documents: usize,
    /// Gold sentences.
    pub sentences: usize,
    /// Gold boundaries inside paragraphs.
    pub gold: usize,
    /// Predicted boundaries inside paragraphs.
    pub predicted: usize,
    /// Predicted boundaries that are gold.
    pub correct: usize,
}

impl SentenceScore {
    /// Correct / predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.correct, self.predicted)
    }
    /// Correct / gold.
    pub fn recall(&self) -> f64 {
        ratio(self.correct, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

impl fmt::Display for SentenceScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} documents, {} sentences; paragraph-internal boundaries: gold {}, predicted {}, correct {}; P {:.3} R {:.3} F1 {:.3}",
            self.documents,
            self.sentences,
            self.gold,
            self.predicted,
            self.correct,
            self.precision(),
            self.recall(),
            self.f1()
        )
    }
}

/// One document: paragraphs of sentences.
fn read_conllu(text: &str) -> Vec<Vec<String>> {
    let mut paras: Vec<Vec<String>> = Vec::new();
    for line in text.lines() {
        if line == "# newpar" || line.starts_with("# newpar ") {
            paras.push(Vec::new());
        } else if let Some(s) = line.strip_prefix("# text = ") {
            if paras.is_empty() {
                paras.push(Vec::new());
            }
            if let Some(p) = paras.last_mut() {
                p.push(s.trim().to_string());
            }
        }
    }
    paras.retain(|p| !p.is_empty());
    paras
}

/// Scores one document's paragraphs into `score`.
fn score_document(paras: &[Vec<String>], score: &mut SentenceScore) {
    let mut text = String::new();
    let mut gold = std::collections::BTreeSet::new();
    let mut para_ends = std::collections::BTreeSet::new();
    for (pi, p) in paras.iter().enumerate() {
        if pi > 0 {
            text.push_str("\n\n");
        }
        for (si, s) in p.iter().enumerate() {
            if si > 0 {
                text.push(' ');
            }
            text.push_str(s);
            if si + 1 < p.len() {
                gold.insert(text.len());
            }
            score.sentences += 1;
        }
        para_ends.insert(text.len());
    }
    let predicted: Vec<usize> = crate::split_sentences(&text)
        .into_iter()
        .map(|r| r.end)
        .filter(|e| !para_ends.contains(e))
        .collect();
    score.gold += gold.len();
    score.predicted += predicted.len();
    score.correct += predicted.iter().filter(|e| gold.contains(e)).count();
    score.documents += 1;
}

/// Scores [`split_sentences`](crate::split_sentences) on the `.conllu` files
/// of `dir` whose file name contains `name_filter` (e.g. `GUM_news_`), or on
/// all of them when it is empty.
pub fn eval_sentences_conllu(dir: &Path, name_filter: &str) -> Result<SentenceScore, EvalError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Io { path, source }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .map_err(io(dir))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "conllu"))
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.contains(name_filter))
        })
        .collect();
    files.sort();
    let mut score = SentenceScore::default();
    for f in &files {
        let text = std::fs::read_to_string(f).map_err(io(f))?;
        let paras = read_conllu(&text);
        if !paras.is_empty() {
            score_document(&paras, &mut score);
        }
    }
    if score.documents == 0 {
        return Err(EvalError::Empty(dir.to_path_buf()));
    }
    Ok(score)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scores_a_small_document() {
        let conllu = "# newdoc id = x\n# newpar\n# text = Dr. Lee arrived.\n1\tDr.\n# text = She spoke.\n1\tShe\n# newpar\n# text = A headline\n1\tA\n";
        let paras = read_conllu(conllu);
        assert_eq!(paras.len(), 2);
        let mut s = SentenceScore::default();
        score_document(&paras, &mut s);
        assert_eq!((s.gold, s.predicted, s.correct, s.sentences), (1, 1, 1, 3));
        assert!((s.f1() - 1.0).abs() < 1e-9);
    }

    #[test]
    fn missing_folder_is_an_error() {
        let e = eval_sentences_conllu(Path::new("/nonexistent/gleaner"), "").unwrap_err();
        assert!(e.to_string().contains("/nonexistent/gleaner"));
    }

    #[test]
    fn folder_without_conllu_is_empty() {
        let dir =
            std::env::temp_dir().join(format!("gleaner-normalize-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let e = eval_sentences_conllu(&dir, "").unwrap_err();
        assert!(matches!(e, EvalError::Empty(_)));
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
