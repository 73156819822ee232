//! Token features for the attribution tagger.
//!
//! Each token gets a few dozen hashed features: its word and neighbours,
//! shape, suffix, how cue-like it and its neighbours are (from the learned
//! [`Lexicon`]), quotation state (inside a real quotation or a scare quote,
//! whether a cue candidate stands right before or after the quotation), and
//! its distance to the nearest cue candidate on each side within its sentence.

use crate::lexicon::Lexicon;
use crate::tokenize::{TokKind, Tokenized};

/// Per-token hashed feature ids (already reduced modulo the table size).
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// `feats[offsets[i]..offsets[i+1]]` are token `i`'s features.
    pub offsets: Vec<u32>,
    /// Feature ids.
    pub feats: Vec<u32>,
    /// True for the first token of a paragraph: no role continues across a
    /// paragraph break (a quotation that does is linked by a rule).
    pub breaks: Vec<bool>,
}

impl Features {
    /// Features of token `i`.
    pub fn of(&self, i: usize) -> &[u32] {
        let a = self.offsets.get(i).copied().unwrap_or(0) as usize;
        let b = self.offsets.get(i + 1).copied().unwrap_or(0) as usize;
        self.feats.get(a..b).unwrap_or(&[])
    }

    /// Number of tokens.
    pub fn len(&self) -> usize {
        self.offsets.len().saturating_sub(1)
    }

    /// True when there are no tokens.
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

const FNV_OFFSET: u64 = 0xcbf2_9ce4_8422_2325;
const FNV_PRIME: u64 = 0x0000_0100_0000_01b3;

#[inline]
fn mix(mut h: u64, bytes: &[u8]) -> u64 {
    for &b in bytes {
        h ^= b as u64;
        h = h.wrapping_mul(FNV_PRIME);
    }
    h
}

#[inline]
fn fin(h: u64, mask: u64) -> u32 {
    let h = (h ^ (h >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    ((h ^ (h >> 32)) & mask) as u32
}

struct Sink<'a> {
    out: &'a mut Vec<u32>,
    mask: u64,
}

impl Sink<'_> {
    #[inline]
    fn s(&mut self, tpl: u8, a: &str) {
        let h = mix(
            FNV_OFFSET ^ (tpl as u64).wrapping_mul(0x9E37_79B9),
            a.as_bytes(),
        );
        self.out.push(fin(h, self.mask));
    }
    #[inline]
    fn s2(&mut self, tpl: u8, a: &str, b: &str) {
        let h = mix(
            FNV_OFFSET ^ (tpl as u64).wrapping_mul(0x9E37_79B9),
            a.as_bytes(),
        );
        let h = mix(h ^ 0xff, b.as_bytes());
        self.out.push(fin(h, self.mask));
    }
    #[inline]
    fn n(&mut self, tpl: u8, vals: &[u8]) {
        let h = mix(
            FNV_OFFSET ^ (tpl as u64).wrapping_mul(0x9E37_79B9) ^ 0x55,
            vals,
        );
        self.out.push(fin(h, self.mask));
    }
}

fn shape(t: &crate::tokenize::Token) -> u8 {
    match t.kind {
        TokKind::QuoteAmbig | TokKind::QuoteOpen | TokKind::QuoteClose => 1,
        TokKind::Punct => match t.lower.as_str() {
            "," => 2,
            "." | "?" | "!" => 3,
            ":" => 4,
            "(" | ")" | "[" | "]" => 5,
            "—" | "–" | "-" => 6,
            _ => 7,
        },
        TokKind::Word => {
            let first = t.lower.chars().next().unwrap_or(' ');
            if first.is_ascii_digit() {
                8
            } else if t.cap {
                9
            } else {
                10
            }
        }
    }
}

fn dist_bucket(d: Option<usize>) -> u8 {
    match d {
        None => 0,
        Some(0..=1) => 1,
        Some(2) => 2,
        Some(3) => 3,
        Some(4..=6) => 4,
        Some(7..=10) => 5,
        Some(11..=20) => 6,
        Some(_) => 7,
    }
}

const PRONOUNS: &[&str] = &[
    "he", "she", "they", "it", "we", "i", "you", "him", "her", "them", "us", "his", "their",
];

fn lemma(w: &str) -> &str {
    for suf in ["ing", "ed", "es", "s"] {
        if w.len() > suf.len() + 2 {
            if let Some(stem) = w.strip_suffix(suf) {
                return stem;
            }
        }
    }
    w
}

/// Lexicon lookups for every token of a document, computed once.
#[derive(Debug, Clone, Default)]
pub struct LexInfo {
    /// Cue bucket of each token's word.
    pub word: Vec<u8>,
    /// Bucket of the best multiword cue covering each token, and whether the
    /// token starts it.
    pub phrase: Vec<(u8, bool)>,
}

impl LexInfo {
    /// How cue-like token `i` is, as a word or inside a multiword cue.
    pub fn cue_bucket(&self, i: usize) -> u8 {
        let w = self.word.get(i).copied().unwrap_or(0);
        let p = self.phrase.get(i).map(|m| m.0).unwrap_or(0);
        w.max(p)
    }
}

/// Looks every token of `tok` up in `lex`.
pub fn lex_info(tok: &Tokenized, lex: &Lexicon) -> LexInfo {
    let words: Vec<&str> = tok.tokens.iter().map(|t| t.lower.as_str()).collect();
    LexInfo {
        word: words.iter().map(|w| lex.word_bucket(w)).collect(),
        phrase: lex.phrase_marks(&words),
    }
}

/// Per-token cue-likeness used by features and by the linker.
pub fn cue_buckets(li: &LexInfo) -> Vec<u8> {
    (0..li.word.len()).map(|i| li.cue_bucket(i)).collect()
}

/// Minimum lexicon bucket for a token to count as a cue candidate.
pub const CANDIDATE_BUCKET: u8 = 3;

/// Computes the features of every token, hashed into `1 << bits` slots.
pub fn extract(tok: &Tokenized, lex: &Lexicon, bits: u32) -> Features {
    extract_with(tok, lex, bits, &lex_info(tok, lex))
}

/// [`extract`] with the lexicon lookups already done.
#[allow(clippy::needless_range_loop)] // several parallel arrays are indexed by token
pub fn extract_with(tok: &Tokenized, lex: &Lexicon, bits: u32, li: &LexInfo) -> Features {
    let toks = &tok.tokens;
    let n = toks.len();
    let mask = (1u64 << bits) - 1;
    let words: Vec<&str> = toks.iter().map(|t| t.lower.as_str()).collect();
    let wb = &li.word;
    let marks = &li.phrase;
    let shapes: Vec<u8> = toks.iter().map(shape).collect();
    let cand: Vec<bool> = (0..n)
        .map(|i| {
            let b = wb.get(i).copied().unwrap_or(0);
            let pb = marks.get(i).map(|m| m.0).unwrap_or(0);
            let q = toks.get(i).is_some_and(|t| t.in_quote);
            !q && (b >= CANDIDATE_BUCKET || pb >= CANDIDATE_BUCKET)
        })
        .collect();
    // Nearest candidate on each side within the sentence.
    let (left, right) = nearest_in_sentence(tok, |i| cand[i]);
    // Per quotation: a cue candidate within 4 tokens before or after it.
    let qcue: Vec<(bool, bool)> = tok
        .quotes
        .iter()
        .map(|q| {
            let before = (q.first.saturating_sub(4)..q.first).any(|j| cand[j]);
            let after = (q.last + 1..(q.last + 5).min(n)).any(|j| cand[j]);
            (before, after)
        })
        .collect();
    // Paragraph starts and whether each paragraph opens with a quotation and
    // whether the previous paragraph's quotation was left open.
    let mut feats = Vec::with_capacity(n * 40);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0u32);
    let empty = "<s>";
    let w = |i: isize| -> &str {
        if i < 0 {
            empty
        } else {
            words.get(i as usize).copied().unwrap_or("</s>")
        }
    };
    let sh = |i: isize| -> u8 {
        if i < 0 {
            0
        } else {
            shapes.get(i as usize).copied().unwrap_or(0)
        }
    };
    let lb = |i: isize| -> u8 {
        if i < 0 {
            9
        } else {
            let i = i as usize;
            wb.get(i)
                .copied()
                .unwrap_or(9)
                .max(marks.get(i).map(|m| m.0).unwrap_or(0))
        }
    };
    // Per token: length of the run of capitalised words outside quotations
    // it is in (1, 2, 3 or more; 0 outside one): names, titles and
    // organisations, the usual sources.
    let mut cap_run = vec![0u8; n];
    {
        let capw = |i: usize| {
            toks.get(i)
                .is_some_and(|t| t.cap && t.kind == crate::tokenize::TokKind::Word && !t.in_quote)
        };
        let sent_of = |i: usize| toks.get(i).map(|t| t.sent);
        let mut i = 0;
        while i < n {
            if !capw(i) {
                i += 1;
                continue;
            }
            let mut j = i;
            while j + 1 < n && capw(j + 1) && sent_of(j + 1) == sent_of(i) {
                j += 1;
            }
            let len = (j - i + 1).min(3) as u8;
            for c in cap_run.iter_mut().take(j + 1).skip(i) {
                *c = len;
            }
            i = j + 1;
        }
    }
    let mut sent_start = 0usize;
    for i in 0..n {
        let t = &toks[i];
        if i > 0 && toks[i - 1].sent != t.sent {
            sent_start = i;
        }
        let ii = i as isize;
        let mut s = Sink {
            out: &mut feats,
            mask,
        };
        let w0 = w(ii);
        s.s(0, "bias");
        s.s(1, w0);
        s.s(2, w(ii - 1));
        s.s(3, w(ii + 1));
        s.s(4, w(ii - 2));
        s.s(5, w(ii + 2));
        s.s2(6, w(ii - 1), w0);
        s.s2(7, w0, w(ii + 1));
        let suf = match w0.char_indices().rev().nth(2) {
            Some((b, _)) => w0.get(b..).unwrap_or(w0),
            None => w0,
        };
        s.s(8, suf);
        s.s(9, lemma(w0));
        s.n(10, &[sh(ii)]);
        s.n(11, &[sh(ii - 1), sh(ii), sh(ii + 1)]);
        let b0 = lb(ii);
        s.n(12, &[b0]);
        s.n(13, &[lb(ii - 1)]);
        s.n(14, &[lb(ii + 1)]);
        s.n(15, &[lb(ii + 2)]);
        s.n(16, &[lb(ii - 1), b0, lb(ii + 1)]);
        s.n(17, &[b0, sh(ii)]);
        let (pb, pstart) = marks.get(i).copied().unwrap_or((0, false));
        s.n(18, &[pb, pstart as u8]);
        // Quotation state.
        let (qstate, qlen, qb, qa, qpos) = match t.quote_id.and_then(|q| tok.quotes.get(q as usize))
        {
            None => (0u8, 0u8, 0u8, 0u8, 0u8),
            Some(q) => {
                let st = if q.has_clause && q.words > 3 {
                    1
                } else if q.words > 3 {
                    2
                } else {
                    3
                };
                let len = match q.words {
                    0..=2 => 1,
                    3..=6 => 2,
                    7..=15 => 3,
                    16..=40 => 4,
                    _ => 5,
                };
                let (b, a) = t
                    .quote_id
                    .and_then(|qi| qcue.get(qi as usize))
                    .copied()
                    .unwrap_or((false, false));
                let pos = if i == q.first {
                    1
                } else if i == q.last {
                    2
                } else {
                    3
                };
                (st, len, b as u8, a as u8, pos)
            }
        };
        s.n(19, &[qstate, qpos]);
        s.n(20, &[qstate, qlen]);
        s.n(21, &[qstate, qb, qa]);
        let para_start = i == 0 || toks[i - 1].para != t.para;
        let sent_first = i == sent_start;
        s.n(22, &[para_start as u8, sent_first as u8, qstate]);
        // Candidate distances.
        let dl = left[i].map(|j| i - j);
        let dr = right[i].map(|j| j - i);
        let bl = dist_bucket(dl);
        let br = dist_bucket(dr);
        s.n(23, &[bl]);
        s.n(24, &[br]);
        s.n(25, &[bl, br]);
        s.n(26, &[bl, br, qstate]);
        s.n(27, &[bl, br, sh(ii)]);
        if let Some(j) = left[i] {
            s.s2(28, w(j as isize), if dl == Some(1) { "adj" } else { "far" });
        }
        if let Some(j) = right[i] {
            s.s2(29, w(j as isize), if dr == Some(1) { "adj" } else { "far" });
        }
        // Paragraph-level quotation continuation.
        let prev_open = i > 0 && para_start && {
            let p = &toks[i - 1];
            p.quote_id
                .and_then(|q| tok.quotes.get(q as usize))
                .is_some_and(|q| !q.closed)
        };
        let prev_colon = i > 0 && para_start && toks[i - 1].lower == ":";
        s.n(
            30,
            &[prev_open as u8, prev_colon as u8, qstate, para_start as u8],
        );
        s.n(
            31,
            &[PRONOUNS.contains(&w0) as u8, t.cap as u8, lb(ii + 1).min(5)],
        );
        let pos_in_sent = match i - sent_start {
            0 => 0u8,
            1 => 1,
            2..=3 => 2,
            4..=8 => 3,
            _ => 4,
        };
        s.n(32, &[pos_in_sent, qstate, bl]);
        s.s2(33, w0, if t.in_quote { "q" } else { "nq" });
        let bs = [b'0' + b0];
        let bs = std::str::from_utf8(&bs).unwrap_or("0");
        s.s2(34, bs, w(ii + 1));
        s.s2(35, bs, w(ii - 1));
        s.n(36, &[lex.word_bucket(lemma(w0)), sh(ii)]);
        // Capitalised run, and whether a cue candidate follows or precedes
        // it closely ("Mike Pence said", "said Ann Lee").
        let run = cap_run.get(i).copied().unwrap_or(0);
        let next_c = right[i] == Some(i + 1) || right[i] == Some(i + 2);
        let prev_c = left[i].is_some_and(|j| i - j <= 2);
        s.n(39, &[run, next_c as u8, prev_c as u8]);
        s.n(
            57,
            &[run, cap_run.get(i + 1).copied().unwrap_or(0), b0.min(5)],
        );
        offsets.push(feats.len() as u32);
    }
    let breaks = paragraph_breaks(tok);
    Features {
        offsets,
        feats,
        breaks,
    }
}

/// For each token, the nearest token before it and after it in its
/// sentence for which `hit` holds.
fn nearest_in_sentence(
    tok: &Tokenized,
    hit: impl Fn(usize) -> bool,
) -> (Vec<Option<usize>>, Vec<Option<usize>>) {
    let toks = &tok.tokens;
    let n = toks.len();
    let same_sent = |a: usize, b: usize| toks.get(a).map(|t| t.sent) == toks.get(b).map(|t| t.sent);
    let mut left = vec![None; n];
    let mut last: Option<usize> = None;
    for (i, slot) in left.iter_mut().enumerate() {
        if i > 0 && !same_sent(i - 1, i) {
            last = None;
        }
        *slot = last;
        if hit(i) {
            last = Some(i);
        }
    }
    let mut right = vec![None; n];
    let mut next: Option<usize> = None;
    for i in (0..n).rev() {
        if i + 1 < n && !same_sent(i + 1, i) {
            next = None;
        }
        right[i] = next;
        if hit(i) {
            next = Some(i);
        }
    }
    (left, right)
}

fn paragraph_breaks(tok: &Tokenized) -> Vec<bool> {
    let mut prev: Option<u32> = None;
    tok.tokens
        .iter()
        .map(|t| {
            let b = prev != Some(t.para);
            prev = Some(t.para);
            b
        })
        .collect()
}

fn role(tag: u8) -> u8 {
    match tag {
        1 | 2 => 1,
        3 | 4 => 2,
        5 | 6 => 3,
        _ => 0,
    }
}

/// Quotation class of a token: 0 outside, 1 real quotation, 2 long fragment,
/// 3 short fragment (scare quote or title).
fn quote_state(tok: &Tokenized, i: usize) -> u8 {
    match tok
        .tokens
        .get(i)
        .and_then(|t| t.quote_id)
        .and_then(|q| tok.quotes.get(q as usize))
    {
        None => 0,
        Some(q) if q.has_clause && q.words > 3 => 1,
        Some(q) if q.words > 3 => 2,
        Some(_) => 3,
    }
}

/// Adds stacking features, computed from a first tagger's `tags`, to `base`.
#[allow(clippy::needless_range_loop)] // several parallel arrays are indexed by token
pub fn with_stack(base: &Features, tok: &Tokenized, tags: &[u8], bits: u32) -> Features {
    let toks = &tok.tokens;
    let n = toks.len();
    let mask = (1u64 << bits) - 1;
    let r = |i: isize| -> u8 {
        if i < 0 {
            9
        } else {
            tags.get(i as usize).map(|&t| role(t)).unwrap_or(9)
        }
    };
    // Nearest predicted cue start on each side within the sentence.
    let is_cue = |i: usize| tags.get(i).is_some_and(|&t| t == 3);
    let (left, right) = nearest_in_sentence(tok, is_cue);
    // Per sentence: has a predicted source, cue.
    let ns = tok.n_sents as usize + 1;
    let mut sent_src = vec![false; ns];
    let mut sent_cue = vec![false; ns];
    for (t, &g) in toks.iter().zip(tags) {
        let s = t.sent as usize;
        if let Some(x) = sent_src.get_mut(s) {
            *x |= role(g) == 1;
        }
        if let Some(x) = sent_cue.get_mut(s) {
            *x |= role(g) == 2;
        }
    }
    let qcue: Vec<(bool, bool)> = tok
        .quotes
        .iter()
        .map(|q| {
            let before = (q.first.saturating_sub(4)..q.first)
                .any(|j| role(tags.get(j).copied().unwrap_or(0)) == 2);
            let after = (q.last + 1..(q.last + 5).min(n))
                .any(|j| role(tags.get(j).copied().unwrap_or(0)) == 2);
            (before, after)
        })
        .collect();
    let mut feats = Vec::with_capacity(base.feats.len() + n * 12);
    let mut offsets = Vec::with_capacity(n + 1);
    offsets.push(0u32);
    for i in 0..n {
        feats.extend_from_slice(base.of(i));
        let ii = i as isize;
        let t = &toks[i];
        let qs = quote_state(tok, i);
        let mut s = Sink {
            out: &mut feats,
            mask,
        };
        let ri = r(ii);
        s.n(40, &[r(ii - 1), ri, r(ii + 1)]);
        s.n(41, &[tags.get(i).copied().unwrap_or(0)]);
        s.n(42, &[r(ii - 2), ri, r(ii + 2)]);
        let bl = dist_bucket(left[i].map(|j| i - j));
        let br = dist_bucket(right[i].map(|j| j - i));
        s.n(43, &[bl, br, qs]);
        s.n(44, &[bl, br, ri]);
        if let Some(j) = left[i] {
            s.s2(45, toks.get(j).map(|x| x.lower.as_str()).unwrap_or(""), "l");
        }
        if let Some(j) = right[i] {
            s.s2(45, toks.get(j).map(|x| x.lower.as_str()).unwrap_or(""), "r");
        }
        let (qb, qa) = t
            .quote_id
            .and_then(|q| qcue.get(q as usize))
            .copied()
            .unwrap_or((false, false));
        s.n(46, &[qb as u8, qa as u8, qs, ri]);
        let sn = t.sent as usize;
        s.n(
            47,
            &[
                sent_src.get(sn).copied().unwrap_or(false) as u8,
                sent_cue.get(sn).copied().unwrap_or(false) as u8,
                ri,
            ],
        );
        s.s2(
            48,
            &t.lower,
            &[b'0' + ri].iter().map(|&b| b as char).collect::<String>(),
        );
        offsets.push(feats.len() as u32);
    }
    Features {
        offsets,
        feats,
        breaks: base.breaks.clone(),
    }
}
