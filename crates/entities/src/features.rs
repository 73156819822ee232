//! Feature extraction for the tagger: hashed sparse features per token.
//!
//! Every string is hashed once per token ([`TokInfo`]); feature templates
//! then combine those hashes with a template id, so extraction costs a few
//! multiplications per feature and allocates nothing per feature. Templates:
//! the word, its lowercase form, word shape (full and collapsed), prefixes and
//! suffixes up to 4 characters, ±2 words of context, shape bigrams/trigrams,
//! learned word clusters (fine and coarse) of the word and its neighbours,
//! the capitalisation pattern of the sentence (all-caps headlines), the
//! case profile of the same word elsewhere in the document, and gazetteer
//! matches (names from the training data and from GUM/MEANTIME annotations).

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

/// A hasher for keys that are already good 64-bit hashes.
#[derive(Debug, Default, Clone, Copy)]
pub struct PreHashed(u64);

impl Hasher for PreHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0.rotate_left(8) ^ u64::from(b)).wrapping_mul(K);
        }
    }
    fn write_u64(&mut self, x: u64) {
        self.0 = x;
    }
}

/// A map keyed by precomputed 64-bit hashes.
pub type HashMap64<V> = HashMap<u64, V, BuildHasherDefault<PreHashed>>;

/// 64-bit multiplicative hashing constant (from FxHash).
const K: u64 = 0x517c_c1b7_2722_0a95;

/// Hashes bytes (FxHash-style, 8 bytes at a time would be faster but words
/// are short).
#[inline]
pub fn hash_bytes(seed: u64, b: &[u8]) -> u64 {
    let mut h = seed ^ 0x9e37_79b9_7f4a_7c15;
    for &x in b {
        h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(K);
    }
    h
}

/// Hashes the lowercase form of `s` without allocating for ASCII.
#[inline]
pub fn hash_lower(s: &str) -> u64 {
    let mut h = 0x9e37_79b9_7f4a_7c15u64;
    if s.is_ascii() {
        for &x in s.as_bytes() {
            h = (h.rotate_left(5) ^ u64::from(x.to_ascii_lowercase())).wrapping_mul(K);
        }
    } else {
        let mut buf = [0u8; 4];
        for c in s.chars().flat_map(char::to_lowercase) {
            for &x in c.encode_utf8(&mut buf).as_bytes() {
                h = (h.rotate_left(5) ^ u64::from(x)).wrapping_mul(K);
            }
        }
    }
    h
}

/// Combines two hashes.
#[inline]
pub fn mix(a: u64, b: u64) -> u64 {
    (a.rotate_left(23) ^ b).wrapping_mul(K) ^ (b >> 29)
}

/// Hash of a sequence of lowercase-word hashes (gazetteer keys).
#[inline]
pub fn seq_hash(prev: u64, next_lower: u64) -> u64 {
    mix(prev ^ 0x1234_5678, next_lower)
}

/// Token flags.
pub const F_INIT_UPPER: u8 = 1;
/// All letters uppercase (and at least one letter).
pub const F_ALL_UPPER: u8 = 2;
/// Contains a digit.
pub const F_DIGIT: u8 = 4;
/// Contains a lowercase letter.
pub const F_LOWER: u8 = 8;
/// Is alphabetic-free punctuation.
pub const F_PUNCT: u8 = 16;

/// What the feature templates need from one token, hashed once.
#[derive(Debug, Clone, Copy, Default)]
pub struct TokInfo {
    /// Hash of the word as written.
    pub word: u64,
    /// Hash of its lowercase form.
    pub lower: u64,
    /// Hash of its shape (`Xxxxx`, capped).
    pub shape: u64,
    /// Hash of its collapsed shape (`Xx`).
    pub short_shape: u64,
    /// Prefix hashes, 1 to 4 characters (lowercase).
    pub pre: [u64; 4],
    /// Suffix hashes, 1 to 4 characters (lowercase).
    pub suf: [u64; 4],
    /// Fine word cluster (0 = unknown).
    pub c_fine: u16,
    /// Coarse word cluster (0 = unknown).
    pub c_coarse: u16,
    /// How often the word is capitalized inside sentences of the unlabeled
    /// text: 0 unknown, 1 (<10%) to 4 (>90%).
    pub case_prior: u8,
    /// `F_*` flags.
    pub flags: u8,
    /// Length in characters, capped at 255.
    pub len: u8,
}

fn char_class(c: char) -> char {
    if c.is_uppercase() {
        'X'
    } else if c.is_lowercase() {
        'x'
    } else if c.is_numeric() {
        'd'
    } else if c.is_alphabetic() {
        'a'
    } else {
        c
    }
}

/// Computes the token's hashes and flags.
pub fn tok_info(w: &str, clusters: &HashMap64<(u16, u16, u8)>) -> TokInfo {
    let lower = hash_lower(w);
    let mut shape_h = 0x51u64;
    let mut short_h = 0x52u64;
    let mut last = '\0';
    let mut run = 0;
    let mut flags = 0u8;
    let mut n = 0usize;
    let mut any_alpha = false;
    let mut all_upper = true;
    for (i, c) in w.chars().enumerate() {
        let cl = char_class(c);
        if cl == 'X' {
            if i == 0 {
                flags |= F_INIT_UPPER;
            }
            any_alpha = true;
        } else if cl == 'x' {
            flags |= F_LOWER;
            all_upper = false;
            any_alpha = true;
        } else if cl == 'd' {
            flags |= F_DIGIT;
        } else if cl == 'a' {
            any_alpha = true;
        }
        if cl == last {
            run += 1;
        } else {
            run = 0;
            short_h = mix(short_h, cl as u64);
        }
        if run < 4 {
            shape_h = mix(shape_h, cl as u64);
        }
        last = cl;
        n += 1;
    }
    if any_alpha && all_upper {
        flags |= F_ALL_UPPER;
    }
    if !any_alpha && flags & F_DIGIT == 0 {
        flags |= F_PUNCT;
    }
    let mut pre = [0u64; 4];
    let mut suf = [0u64; 4];
    if w.is_ascii() {
        let b = w.as_bytes();
        for k in 0..4 {
            if k < b.len() {
                pre[k] = hash_lower(&w[..=k]);
                suf[k] = hash_lower(&w[b.len() - k - 1..]);
            }
        }
    } else {
        let idx: Vec<usize> = w.char_indices().map(|(i, _)| i).collect();
        for k in 0..4 {
            if k < idx.len() {
                let pe = idx.get(k + 1).copied().unwrap_or(w.len());
                pre[k] = hash_lower(&w[..pe]);
                let ss = idx[idx.len() - k - 1];
                suf[k] = hash_lower(&w[ss..]);
            }
        }
    }
    let (c_fine, c_coarse, mut case_prior) = clusters.get(&lower).copied().unwrap_or((0, 0, 0));
    if flags & F_ALL_UPPER != 0 && n > 1 {
        // "US" is not "us": the corpus prior of the lowercase form says
        // nothing about an acronym.
        case_prior = 5;
    }
    TokInfo {
        word: hash_bytes(0, w.as_bytes()),
        lower,
        shape: shape_h,
        short_shape: short_h,
        pre,
        suf,
        c_fine,
        c_coarse,
        case_prior,
        flags,
        len: n.min(255) as u8,
    }
}

/// Document case profile bits for a lowercase word (seen outside sentence
/// starts and all-caps sentences).
pub const P_TITLE: u8 = 1;
/// Seen all lowercase.
pub const P_LOWER: u8 = 2;
/// Seen all uppercase (in a mixed-case sentence).
pub const P_UPPER: u8 = 4;
/// Seen anywhere at all besides this sentence start.
pub const P_SEEN: u8 = 8;

/// Most neighbours remembered per capitalized word of a document.
const MAX_NEIGH: usize = 16;

/// Per-document context for feature extraction.
#[derive(Debug, Default)]
pub struct DocContext {
    /// Case profile of each lowercase word in the document.
    pub profile: HashMap64<u8>,
    /// For each capitalized word, the words next to its occurrences across
    /// the document (hashed with their side).
    pub neigh: HashMap64<Vec<u64>>,
}

impl DocContext {
    /// Builds the case profile from the document's sentences.
    pub fn build(sents: &[Vec<TokInfo>], caps: &[bool]) -> Self {
        let mut profile: HashMap64<u8> = HashMap64::default();
        let mut neigh: HashMap64<Vec<u64>> = HashMap64::default();
        for (s, sent) in sents.iter().enumerate() {
            let is_caps = caps.get(s).copied().unwrap_or(false);
            for (i, t) in sent.iter().enumerate() {
                if t.flags & (F_LOWER | F_INIT_UPPER | F_ALL_UPPER) == 0 {
                    continue;
                }
                let e = profile.entry(t.lower).or_insert(0);
                *e |= P_SEEN;
                if is_caps {
                    continue;
                }
                if t.flags & (F_INIT_UPPER | F_ALL_UPPER) != 0 {
                    let n = neigh.entry(t.lower).or_default();
                    let left = if i == 0 { 0xb05 } else { sent[i - 1].lower };
                    let right = sent.get(i + 1).map_or(0xe05, |x| x.lower);
                    for h in [mix(1, left), mix(2, right)] {
                        if n.len() < MAX_NEIGH && !n.contains(&h) {
                            n.push(h);
                        }
                    }
                }
                if i == 0 {
                    continue;
                }
                if t.flags & F_ALL_UPPER != 0 && t.len > 1 {
                    *e |= P_UPPER;
                } else if t.flags & F_INIT_UPPER != 0 {
                    *e |= P_TITLE;
                } else if t.flags & F_LOWER != 0 {
                    *e |= P_LOWER;
                }
            }
        }
        DocContext { profile, neigh }
    }
}

/// True when the sentence is written in capitals (a CoNLL headline).
pub fn is_caps_sentence(sent: &[TokInfo]) -> bool {
    let mut upper = 0;
    let mut lower = 0;
    for t in sent {
        if t.flags & F_LOWER != 0 {
            lower += 1;
        } else if t.flags & F_ALL_UPPER != 0 && t.len > 1 {
            upper += 1;
        }
    }
    upper >= 2 && lower == 0 || upper >= 3 && lower * 4 < upper
}

/// Gazetteer flags per token: bit `2*type` = match starts here, bit
/// `2*type+1` = inside a match; types 0..4 are PER, ORG, LOC, MISC.
pub fn gazetteer_flags(
    sent: &[TokInfo],
    lookup: &impl Fn(u64) -> u8,
    max_len: usize,
    out: &mut Vec<u8>,
) {
    out.clear();
    out.resize(sent.len(), 0);
    for i in 0..sent.len() {
        let t = &sent[i];
        if t.flags & (F_INIT_UPPER | F_ALL_UPPER | F_DIGIT) == 0 {
            continue;
        }
        let mut h = 0u64;
        for l in 0..max_len.min(sent.len() - i) {
            h = seq_hash(h, sent[i + l].lower);
            let m = lookup(h);
            if m == 0 {
                continue;
            }
            for ty in 0..4 {
                if m & (1 << ty) != 0 {
                    out[i] |= 1 << (2 * ty);
                    for o in out.iter_mut().take(i + l + 1).skip(i + 1) {
                        *o |= 1 << (2 * ty + 1);
                    }
                }
            }
        }
    }
}

/// Extra per-token inputs beyond the token itself.
#[derive(Debug, Clone, Copy, Default)]
pub struct Extra {
    /// Gazetteer flags from the training-data gazetteer.
    pub gaz: u8,
    /// Gazetteer flags from the GUM/MEANTIME gazetteer.
    pub ext: u8,
}

const BOS: u64 = 0xb05;
const EOS: u64 = 0xe05;

/// Pushes the hashed features of token `i` of `sent` to `out`.
pub fn extract(
    sent: &[TokInfo],
    extra: &[Extra],
    i: usize,
    caps: bool,
    doc: &DocContext,
    out: &mut Vec<u64>,
) {
    let t = &sent[i];
    let get = |j: isize| -> Option<&TokInfo> {
        if j < 0 {
            None
        } else {
            sent.get(j as usize)
        }
    };
    let ii = i as isize;
    let lw = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| x.lower);
    let sh = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| x.short_shape);
    let cf = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| u64::from(x.c_fine));
    let cc = |j: isize| get(j).map_or(if j < 0 { BOS } else { EOS }, |x| u64::from(x.c_coarse));
    let capsb = u64::from(caps);
    out.push(1);
    out.push(mix(2, t.word));
    out.push(mix(3, t.lower));
    out.push(mix(4, t.shape));
    out.push(mix(5, t.short_shape));
    for k in 0..4 {
        if t.pre[k] != 0 {
            out.push(mix(10 + k as u64, t.pre[k]));
            out.push(mix(20 + k as u64, t.suf[k]));
        }
    }
    out.push(mix(30, lw(ii - 1)));
    out.push(mix(31, lw(ii + 1)));
    out.push(mix(32, lw(ii - 2)));
    out.push(mix(33, lw(ii + 2)));
    out.push(mix(34, mix(lw(ii - 1), t.lower)));
    out.push(mix(35, mix(t.lower, lw(ii + 1))));
    out.push(mix(36, sh(ii - 1)));
    out.push(mix(37, sh(ii + 1)));
    out.push(mix(38, mix(mix(sh(ii - 1), t.short_shape), sh(ii + 1))));
    out.push(mix(39, mix(sh(ii - 1), t.short_shape)));
    out.push(mix(40, mix(t.short_shape, sh(ii + 1))));
    out.push(mix(41, mix(lw(ii - 1), t.short_shape)));
    out.push(mix(42, mix(t.short_shape, lw(ii + 1))));
    // Clusters.
    out.push(mix(50, cf(ii)));
    out.push(mix(51, cc(ii)));
    out.push(mix(52, cf(ii - 1)));
    out.push(mix(53, cf(ii + 1)));
    out.push(mix(54, cc(ii - 1)));
    out.push(mix(55, cc(ii + 1)));
    out.push(mix(56, mix(cc(ii), t.short_shape)));
    out.push(mix(57, mix(cc(ii - 1), cc(ii))));
    out.push(mix(58, mix(cc(ii), cc(ii + 1))));
    // Corpus case prior (helps at sentence starts and in capitals).
    let cp = |j: isize| get(j).map_or(9, |x| u64::from(x.case_prior));
    out.push(mix(74, cp(ii)));
    out.push(mix(75, mix(cp(ii), t.short_shape)));
    out.push(mix(76, mix(cp(ii), mix(u64::from(i == 0), capsb))));
    out.push(mix(77, mix(cp(ii - 1), cp(ii))));
    out.push(mix(78, mix(cp(ii), cp(ii + 1))));
    // Sentence pattern.
    out.push(mix(60, mix(capsb, t.short_shape)));
    out.push(mix(61, mix(capsb, t.lower)));
    out.push(mix(62, mix(u64::from(i == 0), t.short_shape)));
    out.push(mix(63, mix(capsb, cc(ii))));
    let len_b = u64::from(t.len.min(8));
    out.push(mix(64, mix(len_b, t.short_shape)));
    // Document case profile.
    if t.flags & (F_INIT_UPPER | F_ALL_UPPER) != 0 {
        let p = u64::from(doc.profile.get(&t.lower).copied().unwrap_or(0) & 7);
        out.push(mix(70, p));
        out.push(mix(71, mix(p, mix(capsb, u64::from(i == 0)))));
        out.push(mix(72, mix(p, t.short_shape)));
        if let Some(ns) = doc.neigh.get(&t.lower) {
            for &n in ns {
                out.push(mix(73, n));
            }
        }
    }
    // Gazetteers.
    let e = extra.get(i).copied().unwrap_or_default();
    for b in 0..8 {
        if e.gaz & (1 << b) != 0 {
            out.push(mix(80, b));
            out.push(mix(81, mix(b, capsb)));
        }
        if e.ext & (1 << b) != 0 {
            out.push(mix(82, b));
        }
    }
    if i > 0 {
        let p = extra.get(i - 1).copied().unwrap_or_default();
        out.push(mix(83, u64::from(p.gaz)));
    }
    if let Some(n) = extra.get(i + 1) {
        out.push(mix(84, u64::from(n.gaz)));
    }
}
