//! The exchange algorithm: a partition of the vocabulary into `k` classes
//! that locally maximises the likelihood of a class bigram model.
//!
//! With `N(a,b)` the count of class bigrams, `L(a)` and `R(b)` its row and
//! column sums, the log-likelihood is, up to terms that do not depend on the
//! partition, `Σ f(N(a,b)) − Σ f(L(a)) − Σ f(R(b))` with `f(x) = x ln x`.
//! Moving a word only changes the rows and columns of its old and new class,
//! so each candidate class is scored from the word's own bigram counts with
//! neighbouring classes (sparse) in `O(k · neighbours)`.
//! Sequence edges are a boundary word of their own whose class never moves.
//! Words are visited in frequency order; everything is deterministic.

use std::collections::HashMap;

/// Bigram statistics of a corpus over its vocabulary.
#[derive(Debug, Clone)]
pub struct Data {
    /// Vocabulary (keys), by falling frequency.
    words: Vec<String>,
    /// Count of each vocabulary word (index = word id; the boundary and the
    /// rare-word bucket come after the vocabulary).
    counts: Vec<u64>,
    /// Right neighbours of each word id: (id, count), without self pairs.
    right: Vec<Vec<(u32, u64)>>,
    /// Left neighbours of each word id, without self pairs.
    left: Vec<Vec<(u32, u64)>>,
    /// Count of each word followed by itself.
    selfs: Vec<u64>,
}

impl Data {
    /// Counts the bigrams of `sequences` (tokens keyed with
    /// [`crate::key`]); words seen fewer than `min_count` times share one
    /// rare-word id.
    pub fn new(sequences: &[Vec<String>], min_count: u32) -> Data {
        let mut freq: HashMap<String, u64> = HashMap::new();
        for s in sequences {
            for t in s {
                *freq.entry(crate::key(t)).or_default() += 1;
            }
        }
        let mut words: Vec<(String, u64)> = freq
            .into_iter()
            .filter(|(_, n)| *n >= u64::from(min_count.max(1)))
            .collect();
        words.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        let id: HashMap<&str, u32> = words
            .iter()
            .enumerate()
            .map(|(i, (w, _))| (w.as_str(), i as u32))
            .collect();
        let v = words.len();
        let boundary = v as u32;
        let rare = v as u32 + 1;
        let total = v + 2;
        let mut pairs: HashMap<(u32, u32), u64> = HashMap::new();
        let mut counts = vec![0u64; total];
        for s in sequences {
            let mut prev = boundary;
            counts[boundary as usize] += 1;
            for t in s {
                let cur = id.get(crate::key(t).as_str()).copied().unwrap_or(rare);
                counts[cur as usize] += 1;
                *pairs.entry((prev, cur)).or_default() += 1;
                prev = cur;
            }
            *pairs.entry((prev, boundary)).or_default() += 1;
        }
        let mut right = vec![Vec::new(); total];
        let mut left = vec![Vec::new(); total];
        let mut selfs = vec![0u64; total];
        let mut sorted: Vec<((u32, u32), u64)> = pairs.into_iter().collect();
        sorted.sort_unstable();
        for ((a, b), n) in sorted {
            if a == b {
                selfs[a as usize] += n;
            } else {
                right[a as usize].push((b, n));
                left[b as usize].push((a, n));
            }
        }
        Data {
            words: words.into_iter().map(|(w, _)| w).collect(),
            counts,
            right,
            left,
            selfs,
        }
    }

    /// The vocabulary, by falling frequency (class ids of [`cluster`] follow
    /// this order).
    pub fn words(&self) -> &[String] {
        &self.words
    }
}

#[inline]
fn f(x: i64) -> f64 {
    if x <= 0 {
        0.0
    } else {
        let x = x as f64;
        x * x.ln()
    }
}

/// Partitions the vocabulary of `data` into `k` classes (`k` ≥ 2) with at
/// most `iterations` passes; returns each word's class, in
/// [`Data::words`] order.
pub fn cluster(data: &Data, k: usize, iterations: usize) -> Vec<u16> {
    let v = data.words.len();
    let total = data.counts.len();
    let k = k.clamp(2, usize::from(u16::MAX));
    // Class k is the boundary's own; the rare bucket is clustered like a word.
    let kk = k + 1;
    let boundary = v;
    let rare = v + 1;
    let mut class: Vec<usize> = (0..total).map(|w| w % k).collect();
    class[boundary] = k;
    let mut n = vec![0i64; kk * kk];
    let mut lsum = vec![0i64; kk];
    let mut rsum = vec![0i64; kk];
    for w in 0..total {
        let a = class[w];
        for &(u, c) in &data.right[w] {
            n[a * kk + class[u as usize]] += c as i64;
        }
        n[a * kk + a] += data.selfs[w] as i64;
    }
    for a in 0..kk {
        for b in 0..kk {
            lsum[a] += n[a * kk + b];
            rsum[b] += n[a * kk + b];
        }
    }
    let movable: Vec<usize> = (0..v).chain(std::iter::once(rare)).collect();
    let mut r_w = vec![0i64; kk];
    let mut l_w = vec![0i64; kk];
    let mut touched: Vec<usize> = Vec::new();
    for it in 0..iterations {
        let mut moved = 0usize;
        for &w in &movable {
            let a = class[w];
            // The word's bigram counts by neighbouring class.
            touched.clear();
            for &(u, c) in &data.right[w] {
                let cu = class[u as usize];
                if r_w[cu] == 0 && l_w[cu] == 0 {
                    touched.push(cu);
                }
                r_w[cu] += c as i64;
            }
            for &(u, c) in &data.left[w] {
                let cu = class[u as usize];
                if r_w[cu] == 0 && l_w[cu] == 0 {
                    touched.push(cu);
                }
                l_w[cu] += c as i64;
            }
            let s = data.selfs[w] as i64;
            let out_w: i64 = data.right[w].iter().map(|&(_, c)| c as i64).sum::<i64>() + s;
            let in_w: i64 = data.left[w].iter().map(|&(_, c)| c as i64).sum::<i64>() + s;
            // Take w out of a.
            for &c in &touched {
                n[a * kk + c] -= r_w[c];
                n[c * kk + a] -= l_w[c];
            }
            n[a * kk + a] -= s;
            lsum[a] -= out_w;
            rsum[a] -= in_w;
            // Score every class.
            let mut best = (f64::NEG_INFINITY, a);
            for b in 0..k {
                let mut d = 0.0;
                for &c in &touched {
                    if c == b {
                        continue;
                    }
                    let (nbc, ncb) = (n[b * kk + c], n[c * kk + b]);
                    d += f(nbc + r_w[c]) - f(nbc) + f(ncb + l_w[c]) - f(ncb);
                }
                let nbb = n[b * kk + b];
                d += f(nbb + r_w[b] + l_w[b] + s) - f(nbb);
                d -= f(lsum[b] + out_w) - f(lsum[b]);
                d -= f(rsum[b] + in_w) - f(rsum[b]);
                // Ties keep the word where it was.
                if d > best.0 + 1e-9 || (b == a && d >= best.0 - 1e-9) {
                    best = (d, b);
                }
            }
            let b = best.1;
            // Put w into b.
            for &c in &touched {
                if c != b {
                    n[b * kk + c] += r_w[c];
                    n[c * kk + b] += l_w[c];
                }
            }
            n[b * kk + b] += r_w[b] + l_w[b] + s;
            lsum[b] += out_w;
            rsum[b] += in_w;
            if b != a {
                class[w] = b;
                moved += 1;
            }
            for &c in &touched {
                r_w[c] = 0;
                l_w[c] = 0;
            }
        }
        tracing::info!(k, iteration = it + 1, moved, "exchange clustering");
        if moved * 1000 < movable.len() {
            break;
        }
    }
    class[..v].iter().map(|&c| c as u16).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seqs(lines: &[&str]) -> Vec<Vec<String>> {
        lines
            .iter()
            .map(|l| l.split_whitespace().map(String::from).collect())
            .collect()
    }

    /// Two kinds of words in identical frames end up in separate classes.
    #[test]
    fn words_in_the_same_frames_share_a_class() {
        let mut lines = Vec::new();
        for (who, verb) in [
            ("smith", "said"),
            ("jones", "told"),
            ("brown", "argued"),
            ("smith", "argued"),
            ("jones", "said"),
            ("brown", "told"),
        ] {
            for _ in 0..5 {
                lines.push(format!("the minister {who} {verb} that prices rose"));
            }
        }
        let lines: Vec<&str> = lines.iter().map(String::as_str).collect();
        let data = Data::new(&seqs(&lines), 1);
        let classes = cluster(&data, 4, 20);
        let of = |w: &str| {
            let i = data.words().iter().position(|x| x == w).unwrap();
            classes[i]
        };
        assert_eq!(of("said"), of("told"));
        assert_eq!(of("said"), of("argued"));
        assert_eq!(of("smith"), of("jones"));
        assert_ne!(of("said"), of("smith"));
    }

    #[test]
    fn deterministic_and_bounded() {
        let data = Data::new(&seqs(&["a b c a b c", "c b a"]), 1);
        let one = cluster(&data, 2, 5);
        assert_eq!(one, cluster(&data, 2, 5));
        assert!(one.iter().all(|&c| c < 2));
        let empty = Data::new(&[], 1);
        assert!(cluster(&empty, 8, 3).is_empty());
    }
}
