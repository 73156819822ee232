//! The tagging model: BIO tags over CoNLL's four types, hashed feature
//! weights (16-bit quantized), tag transitions, word clusters and gazetteers;
//! Viterbi decoding; and the compact binary file format the model is stored
//! in and embedded from.
//!
//! File layout (all little-endian): magic `GLENT\x02`, `bits` (u32, the weight
//! table has `2^bits` rows of [`NT`] weights), `scale` (f32), the transition
//! matrix (`(NT+1)·NT` f32, row 0 is the start state), the non-zero weight
//! rows (count u32, then per row a LEB128 delta of its index and `NT` i16),
//! the word table (count u32, then u64 word hash, u16 fine cluster, u16
//! coarse cluster, u8 case prior), the
//! training-data gazetteer and the GUM/MEANTIME gazetteer (count u32, then
//! u64 sequence hash and u8 type mask each), and `gaz_max` (u32).

use crate::features::{
    self, gazetteer_flags, is_caps_sentence, tok_info, DocContext, Extra, HashMap64, TokInfo,
};
use crate::EntitiesError;

/// Number of tags: O plus B/I for PER, ORG, LOC, MISC.
pub const NT: usize = 9;
/// CoNLL type names, index = type.
pub const TYPES: [&str; 4] = ["PER", "ORG", "LOC", "MISC"];
/// Longest gazetteer entry in tokens.
pub const GAZ_MAX: usize = 6;

const MAGIC: &[u8; 6] = b"GLENT\x02";
const HASH_K: u64 = 0x9e37_79b9_7f4a_7c15;

/// Tag index of B-type.
#[inline]
pub fn b_tag(ty: usize) -> u8 {
    (1 + 2 * ty) as u8
}

/// Tag index of I-type.
#[inline]
pub fn i_tag(ty: usize) -> u8 {
    (2 + 2 * ty) as u8
}

/// The type of a non-O tag.
#[inline]
pub fn tag_type(tag: u8) -> Option<usize> {
    (tag > 0).then(|| (usize::from(tag) - 1) / 2)
}

/// Whether `tag` is an I- tag.
#[inline]
pub fn is_inside(tag: u8) -> bool {
    tag > 0 && tag % 2 == 0
}

/// The weight-table row of a feature hash.
#[inline]
pub fn bucket(h: u64, bits: u32) -> u32 {
    (h.wrapping_mul(HASH_K) >> (64 - bits)) as u32
}

/// Whether the transition `prev → next` is allowed in BIO (`prev` = None at
/// the sentence start).
pub fn allowed(prev: Option<u8>, next: u8) -> bool {
    if !is_inside(next) {
        return true;
    }
    match prev {
        None | Some(0) => false,
        Some(p) => tag_type(p) == tag_type(next),
    }
}

/// Viterbi over emission scores with transition scores `trans` (row 0 is
/// the start, row `p+1` the previous tag `p`); disallowed BIO transitions
/// are never chosen.
pub fn viterbi(emit: &[[f32; NT]], trans: &[[f32; NT]; NT + 1], out: &mut Vec<u8>) {
    out.clear();
    let n = emit.len();
    if n == 0 {
        return;
    }
    let mut back: Vec<[u8; NT]> = vec![[0; NT]; n];
    let mut score = [f32::NEG_INFINITY; NT];
    for t in 0..NT {
        if allowed(None, t as u8) {
            score[t] = trans[0][t] + emit[0][t];
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; NT];
        for t in 0..NT {
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..NT {
                if !allowed(Some(p as u8), t as u8) {
                    continue;
                }
                let s = score[p] + trans[p + 1][t];
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[t] = best + emit[i][t];
            back[i][t] = arg;
        }
        score = next;
    }
    let mut best = 0usize;
    for t in 1..NT {
        if score[t] > score[best] {
            best = t;
        }
    }
    out.resize(n, 0);
    let mut cur = best as u8;
    for i in (0..n).rev() {
        out[i] = cur;
        cur = back[i][usize::from(cur)];
    }
}

/// Word clusters and gazetteers: the resources features look up.
#[derive(Debug, Default, Clone)]
pub struct Resources {
    /// Lowercase word hash → (fine, coarse) cluster ids (1-based).
    pub clusters: HashMap64<(u16, u16, u8)>,
    /// Name sequence hash → type mask, from the training data.
    pub gaz: HashMap64<u8>,
    /// Name sequence hash → type mask, from GUM and MEANTIME.
    pub ext: HashMap64<u8>,
}

/// One document prepared for scoring: token infos, sentence caps flags and
/// the document's case profile.
pub struct PreparedDoc {
    /// Token infos per sentence.
    pub sents: Vec<Vec<TokInfo>>,
    /// Whether each sentence is in capitals.
    pub caps: Vec<bool>,
    /// Case profile.
    pub ctx: DocContext,
}

impl PreparedDoc {
    /// Hashes the words of a document (sentences of tokens).
    pub fn new<S: AsRef<str>>(sents: &[Vec<S>], res: &Resources) -> Self {
        let infos: Vec<Vec<TokInfo>> = sents
            .iter()
            .map(|s| {
                s.iter()
                    .map(|w| tok_info(w.as_ref(), &res.clusters))
                    .collect()
            })
            .collect();
        let caps: Vec<bool> = infos.iter().map(|s| is_caps_sentence(s)).collect();
        let ctx = DocContext::build(&infos, &caps);
        PreparedDoc {
            sents: infos,
            caps,
            ctx,
        }
    }

    /// Computes the feature rows of every token of sentence `s`, with the
    /// gazetteers given as lookups; `out[i]` gets token `i`'s rows.
    pub fn sentence_features(
        &self,
        s: usize,
        gaz: &impl Fn(u64) -> u8,
        ext: &impl Fn(u64) -> u8,
        bits: u32,
        out: &mut Vec<Vec<u32>>,
    ) {
        let Some(sent) = self.sents.get(s) else {
            out.clear();
            return;
        };
        let mut g = Vec::new();
        let mut e = Vec::new();
        gazetteer_flags(sent, gaz, GAZ_MAX, &mut g);
        gazetteer_flags(sent, ext, GAZ_MAX, &mut e);
        let extra: Vec<Extra> = g
            .iter()
            .zip(&e)
            .map(|(&gaz, &ext)| Extra { gaz, ext })
            .collect();
        let caps = self.caps.get(s).copied().unwrap_or(false);
        out.resize_with(sent.len(), Vec::new);
        out.truncate(sent.len());
        let mut hs = Vec::with_capacity(80);
        for (i, row) in out.iter_mut().enumerate() {
            hs.clear();
            features::extract(sent, &extra, i, caps, &self.ctx, &mut hs);
            row.clear();
            row.extend(hs.iter().map(|&h| bucket(h, bits)));
        }
    }
}

/// Types the tagger gave earlier in the document to each capitalized word
/// (prediction history): later mentions of a name tend to share the type of
/// earlier ones.
#[derive(Debug, Default)]
pub struct History {
    counts: HashMap64<[u16; 5]>,
}

impl History {
    /// Appends the history feature rows of token `i` of `sent` to `row`.
    pub fn push_features(&self, sent: &[TokInfo], i: usize, bits: u32, row: &mut Vec<u32>) {
        let Some(t) = sent.get(i) else { return };
        if t.flags & (features::F_INIT_UPPER | features::F_ALL_UPPER) == 0 {
            return;
        }
        match self.counts.get(&t.lower) {
            None => row.push(bucket(features::mix(97, 0), bits)),
            Some(c) => {
                let mut best = 0;
                for k in 1..5 {
                    if c[k] > c[best] {
                        best = k;
                    }
                }
                let total: u16 = c.iter().fold(0u16, |a, &x| a.saturating_add(x));
                let unanimous = u64::from(c[best] == total);
                let m = best as u64 * 2 + unanimous;
                row.push(bucket(features::mix(95, m), bits));
                row.push(bucket(
                    features::mix(96, features::mix(m, t.short_shape)),
                    bits,
                ));
            }
        }
    }

    /// Records the tags given to a sentence.
    pub fn update(&mut self, sent: &[TokInfo], tags: &[u8]) {
        for (t, &tag) in sent.iter().zip(tags) {
            if t.flags & (features::F_INIT_UPPER | features::F_ALL_UPPER) == 0 {
                continue;
            }
            let k = tag_type(tag).map_or(0, |x| x + 1);
            let c = self.counts.entry(t.lower).or_insert([0; 5]);
            if let Some(x) = c.get_mut(k) {
                *x = x.saturating_add(1);
            }
        }
    }
}

/// The trained model, as loaded for tagging.
#[derive(Debug, Clone)]
pub struct Model {
    /// log2 of the number of weight rows.
    pub bits: u32,
    /// Quantized weights, row-major (`row * NT + tag`).
    pub weights: Vec<i16>,
    /// Multiply a quantized weight by this to get its value.
    pub scale: f32,
    /// Transition scores (row 0 = start).
    pub trans: [[f32; NT]; NT + 1],
    /// Clusters and gazetteers.
    pub res: Resources,
}

impl Model {
    /// Builds a model from trained float weights, quantizing them to 16 bits
    /// and dropping rows whose weights all round to zero.
    pub fn from_float(bits: u32, w: &[f32], trans: [[f32; NT]; NT + 1], res: Resources) -> Self {
        let max = w.iter().fold(0f32, |m, x| m.max(x.abs())).max(1e-9);
        let scale = max / 32767.0;
        let weights = w
            .iter()
            .map(|x| (x / scale).round().clamp(-32767.0, 32767.0) as i16)
            .collect();
        Model {
            bits,
            weights,
            scale,
            trans,
            res,
        }
    }

    /// Tags a document given as sentences of tokens; returns one tag per
    /// token.
    pub fn tag_doc<S: AsRef<str>>(&self, sents: &[Vec<S>]) -> Vec<Vec<u8>> {
        let doc = PreparedDoc::new(sents, &self.res);
        let gaz = |h: u64| self.res.gaz.get(&h).copied().unwrap_or(0);
        let ext = |h: u64| self.res.ext.get(&h).copied().unwrap_or(0);
        let mut rows = Vec::new();
        let mut emit: Vec<[f32; NT]> = Vec::new();
        let mut out = Vec::with_capacity(sents.len());
        let mut history = History::default();
        for s in 0..doc.sents.len() {
            doc.sentence_features(s, &gaz, &ext, self.bits, &mut rows);
            let sent = doc.sents.get(s).map_or(&[][..], Vec::as_slice);
            for (i, r) in rows.iter_mut().enumerate() {
                history.push_features(sent, i, self.bits, r);
            }
            emit.clear();
            for r in &rows {
                let mut acc = [0i32; NT];
                for &b in r {
                    let base = b as usize * NT;
                    if let Some(ws) = self.weights.get(base..base + NT) {
                        for t in 0..NT {
                            acc[t] += i32::from(ws[t]);
                        }
                    }
                }
                let mut e = [0f32; NT];
                for t in 0..NT {
                    e[t] = acc[t] as f32 * self.scale;
                }
                emit.push(e);
            }
            let mut tags = Vec::new();
            viterbi(&emit, &self.trans, &mut tags);
            history.update(sent, &tags);
            out.push(tags);
        }
        out
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut o = Vec::new();
        o.extend_from_slice(MAGIC);
        o.extend_from_slice(&self.bits.to_le_bytes());
        o.extend_from_slice(&self.scale.to_le_bytes());
        for row in &self.trans {
            for x in row {
                o.extend_from_slice(&x.to_le_bytes());
            }
        }
        let rows = self.weights.len() / NT;
        let nz: Vec<usize> = (0..rows)
            .filter(|&r| self.weights[r * NT..(r + 1) * NT].iter().any(|&x| x != 0))
            .collect();
        o.extend_from_slice(&(nz.len() as u32).to_le_bytes());
        let mut prev = 0usize;
        for &r in &nz {
            let mut d = (r - prev) as u64;
            prev = r;
            loop {
                let byte = (d & 0x7f) as u8;
                d >>= 7;
                if d == 0 {
                    o.push(byte);
                    break;
                }
                o.push(byte | 0x80);
            }
            for &x in &self.weights[r * NT..(r + 1) * NT] {
                o.extend_from_slice(&x.to_le_bytes());
            }
        }
        let mut cl: Vec<_> = self.res.clusters.iter().collect();
        cl.sort();
        o.extend_from_slice(&(cl.len() as u32).to_le_bytes());
        for (h, (f, c, p)) in cl {
            o.extend_from_slice(&h.to_le_bytes());
            o.extend_from_slice(&f.to_le_bytes());
            o.extend_from_slice(&c.to_le_bytes());
            o.push(*p);
        }
        for g in [&self.res.gaz, &self.res.ext] {
            let mut v: Vec<_> = g.iter().collect();
            v.sort();
            o.extend_from_slice(&(v.len() as u32).to_le_bytes());
            for (h, m) in v {
                o.extend_from_slice(&h.to_le_bytes());
                o.push(*m);
            }
        }
        o.extend_from_slice(&(GAZ_MAX as u32).to_le_bytes());
        o
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(b: &[u8]) -> Result<Self, EntitiesError> {
        let mut r = Reader { b, pos: 0 };
        if r.take(MAGIC.len())? != MAGIC {
            return Err(EntitiesError::Model(
                "bad magic: not a gleaner entities model".into(),
            ));
        }
        let bits = r.u32()?;
        if !(10..=26).contains(&bits) {
            return Err(EntitiesError::Model(format!(
                "weight table bits {bits} out of range"
            )));
        }
        let scale = r.f32()?;
        let mut trans = [[0f32; NT]; NT + 1];
        for row in trans.iter_mut() {
            for x in row.iter_mut() {
                *x = r.f32()?;
            }
        }
        let rows = 1usize << bits;
        let mut weights = vec![0i16; rows * NT];
        let n = r.u32()? as usize;
        let mut row = 0usize;
        for _ in 0..n {
            let mut d = 0u64;
            let mut shift = 0;
            loop {
                let byte = r.take(1)?[0];
                d |= u64::from(byte & 0x7f) << shift;
                shift += 7;
                if byte & 0x80 == 0 || shift > 56 {
                    break;
                }
            }
            row += d as usize;
            let dst = weights
                .get_mut(row * NT..(row + 1) * NT)
                .ok_or_else(|| EntitiesError::Model(format!("weight row {row} out of range")))?;
            let src = r.take(NT * 2)?;
            for (t, x) in dst.iter_mut().enumerate() {
                *x = i16::from_le_bytes([src[2 * t], src[2 * t + 1]]);
            }
        }
        let nc = r.u32()? as usize;
        let mut clusters = HashMap64::default();
        clusters.reserve(nc);
        for _ in 0..nc {
            let h = r.u64()?;
            let f = r.u16()?;
            let c = r.u16()?;
            let p = r.take(1)?[0];
            clusters.insert(h, (f, c, p));
        }
        let mut gs = Vec::new();
        for _ in 0..2 {
            let ng = r.u32()? as usize;
            let mut g = HashMap64::default();
            g.reserve(ng);
            for _ in 0..ng {
                let h = r.u64()?;
                let m = r.take(1)?[0];
                g.insert(h, m);
            }
            gs.push(g);
        }
        let gmax = r.u32()? as usize;
        if gmax != GAZ_MAX {
            return Err(EntitiesError::Model(format!(
                "model built for gazetteer entries of {gmax} tokens, this build uses {GAZ_MAX}"
            )));
        }
        if r.pos != b.len() {
            return Err(EntitiesError::Model(format!(
                "{} trailing bytes after the model",
                b.len() - r.pos
            )));
        }
        let ext = gs.pop().unwrap_or_default();
        let gaz = gs.pop().unwrap_or_default();
        Ok(Model {
            bits,
            weights,
            scale,
            trans,
            res: Resources { clusters, gaz, ext },
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], EntitiesError> {
        let s = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or_else(|| EntitiesError::Model(format!("model truncated at byte {}", self.pos)))?;
        self.pos += n;
        Ok(s)
    }
    fn u16(&mut self) -> Result<u16, EntitiesError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn u32(&mut self) -> Result<u32, EntitiesError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn f32(&mut self) -> Result<f32, EntitiesError> {
        Ok(f32::from_bits(self.u32()?))
    }
    fn u64(&mut self) -> Result<u64, EntitiesError> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bio() {
        // Emissions prefer I-PER at the start, which BIO forbids.
        let mut e0 = [0f32; NT];
        e0[usize::from(i_tag(0))] = 5.0;
        e0[usize::from(b_tag(0))] = 4.0;
        let mut e1 = [0f32; NT];
        e1[usize::from(i_tag(1))] = 5.0; // I-ORG after PER: forbidden
        e1[usize::from(i_tag(0))] = 3.0;
        let trans = [[0f32; NT]; NT + 1];
        let mut out = Vec::new();
        viterbi(&[e0, e1], &trans, &mut out);
        assert_eq!(out, vec![b_tag(0), i_tag(0)]);
    }

    #[test]
    fn history_remembers_types_of_capitalized_words() {
        let res = Resources::default();
        let doc = PreparedDoc::new(
            &[vec!["Kestrel", "rose", "."], vec!["Kestrel", "fell"]],
            &res,
        );
        let mut h = History::default();
        let mut row = Vec::new();
        h.push_features(&doc.sents[0], 0, 16, &mut row);
        assert_eq!(row.len(), 1, "unseen word: one 'no history' feature");
        h.update(&doc.sents[0], &[b_tag(1), 0, 0]);
        let mut row2 = Vec::new();
        h.push_features(&doc.sents[1], 0, 16, &mut row2);
        assert_eq!(row2.len(), 2);
        assert_ne!(row2[0], row[0]);
        // Lowercase words get no history features.
        let mut row3 = Vec::new();
        h.push_features(&doc.sents[1], 1, 16, &mut row3);
        assert!(row3.is_empty());
    }

    #[test]
    fn serialization_round_trips() {
        let bits = 10;
        let mut w = vec![0f32; (1 << bits) * NT];
        w[5 * NT + 2] = 1.5;
        w[900 * NT + 8] = -0.75;
        let mut res = Resources::default();
        res.clusters.insert(42, (3, 1, 2));
        res.gaz.insert(7, 0b101);
        res.ext.insert(9, 0b10);
        let m = Model::from_float(bits, &w, [[0.25; NT]; NT + 1], res);
        let b = m.to_bytes();
        let m2 = Model::from_bytes(&b).unwrap();
        assert_eq!(m2.weights, m.weights);
        assert_eq!(m2.res.clusters.get(&42), Some(&(3, 1, 2)));
        assert_eq!(m2.res.gaz.get(&7), Some(&0b101));
        assert_eq!(m2.res.ext.get(&9), Some(&0b10));
        assert!(Model::from_bytes(&b[..b.len() - 3]).is_err());
        assert!(Model::from_bytes(b"nonsense").is_err());
    }
}
