//! The cue lexicon learned from training data: for every word (lowercased)
//! how often it was (part of) a cue and how often it occurred, and the same
//! for multiword cues ("according to", "said in a statement").

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// FNV-1a: the lexicon is looked up several times per token, and its keys
/// are short words, where SipHash's setup cost dominates.
#[derive(Debug, Clone, Copy)]
pub struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Self {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 ^= b as u64;
            self.0 = self.0.wrapping_mul(0x0000_0100_0000_01b3);
        }
    }
}

/// A map keyed by words with the FNV hasher.
pub type WordMap = HashMap<String, (u32, u32), BuildHasherDefault<Fnv>>;

/// Longest multiword cue kept, in tokens.
pub const MAX_PHRASE: usize = 5;

/// Cue statistics.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Lexicon {
    /// word → (times inside a cue, times seen).
    pub words: WordMap,
    /// space-joined token sequence → (times as a whole cue, times seen).
    pub phrases: WordMap,
}

/// How cue-like a word or phrase is, in coarse buckets (0 = never a cue).
pub fn bucket(stats: Option<&(u32, u32)>) -> u8 {
    match stats {
        None => 0,
        Some(&(cue, total)) => {
            if cue == 0 {
                return 0;
            }
            let r = cue as f32 / (total as f32 + 1.0);
            if r < 0.03 {
                1
            } else if r < 0.12 {
                2
            } else if r < 0.3 {
                3
            } else if r < 0.6 {
                4
            } else {
                5
            }
        }
    }
}

impl Lexicon {
    /// Bucket of one word.
    pub fn word_bucket(&self, w: &str) -> u8 {
        bucket(self.words.get(w))
    }

    /// Builds the lexicon from token sequences with a cue flag for each token;
    /// `cue_runs` are the (first, last) token indices of each gold cue.
    pub fn add_doc(&mut self, words: &[&str], cue_tok: &[bool], cue_runs: &[(usize, usize)]) {
        for (w, &c) in words.iter().zip(cue_tok) {
            let e = self.words.entry((*w).to_string()).or_insert((0, 0));
            e.1 += 1;
            if c {
                e.0 += 1;
            }
        }
        for &(a, b) in cue_runs {
            if b > a && b - a < MAX_PHRASE {
                if let Some(ws) = words.get(a..=b) {
                    let key = ws.join(" ");
                    self.phrases.entry(key).or_insert((0, 0)).0 += 1;
                }
            }
        }
    }

    /// Counts how often each known phrase occurs at all (call after every
    /// `add_doc`, once per document).
    pub fn count_phrases(&mut self, words: &[&str]) {
        if self.phrases.is_empty() {
            return;
        }
        let mut key = String::new();
        for i in 0..words.len() {
            key.clear();
            for n in 0..MAX_PHRASE {
                let Some(w) = words.get(i + n) else { break };
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(w);
                if n > 0 {
                    if let Some(e) = self.phrases.get_mut(key.as_str()) {
                        e.1 += 1;
                    }
                }
            }
        }
    }

    /// Drops phrases seen only once as a cue, and words never a cue.
    pub fn prune(&mut self) {
        self.phrases.retain(|_, v| v.0 >= 2);
        self.words.retain(|_, v| v.0 >= 1);
    }

    /// For each token: the bucket of the best phrase covering it and whether
    /// it starts that phrase.
    pub fn phrase_marks(&self, words: &[&str]) -> Vec<(u8, bool)> {
        let mut out = vec![(0u8, false); words.len()];
        if self.phrases.is_empty() {
            return out;
        }
        let mut key = String::new();
        for i in 0..words.len() {
            // A phrase starts with a word that was part of a cue.
            if words.get(i).is_none_or(|w| !self.words.contains_key(*w)) {
                continue;
            }
            key.clear();
            let mut best: Option<(usize, u8)> = None;
            for n in 0..MAX_PHRASE {
                let Some(w) = words.get(i + n) else { break };
                if n > 0 {
                    key.push(' ');
                }
                key.push_str(w);
                if n > 0 {
                    let b = bucket(self.phrases.get(key.as_str()));
                    if b >= 2 && best.is_none_or(|(_, bb)| b >= bb) {
                        best = Some((n, b));
                    }
                }
            }
            if let Some((n, b)) = best {
                for k in 0..=n {
                    if let Some(slot) = out.get_mut(i + k) {
                        if slot.0 < b {
                            *slot = (b, k == 0);
                        }
                    }
                }
            }
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_words_and_phrases() {
        let mut lx = Lexicon::default();
        let w = [
            "according",
            "to",
            "him",
            "it",
            "rained",
            "according",
            "to",
            "her",
        ];
        let cue = [true, true, false, false, false, true, true, false];
        lx.add_doc(&w, &cue, &[(0, 1), (5, 6)]);
        lx.count_phrases(&w);
        lx.prune();
        assert_eq!(lx.words.get("according"), Some(&(2, 2)));
        assert!(!lx.words.contains_key("him"));
        assert_eq!(lx.phrases.get("according to"), Some(&(2, 2)));
        let marks = lx.phrase_marks(&w);
        assert_eq!(marks[0], (bucket(Some(&(2, 2))), true));
        assert!(!marks[1].1);
        assert!(marks[1].0 > 0);
        assert_eq!(marks[2].0, 0);
    }
}
