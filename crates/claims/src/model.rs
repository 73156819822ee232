//! The tagger: a first-order averaged structured perceptron over BIO tags for
//! sources, cues and contents, decoded with Viterbi, and its binary format.
//!
//! Format (little endian): magic `GLCLAIM1`, `u32` hash bits, `u32` tag count,
//! `f32` weight scale, the lexicon (words then phrases, each `u32` count
//! followed by entries `u16` length, UTF-8 bytes, `u32` cue count, `u32`
//! total), `(tags + 1) * tags` `f32` transition weights (the last row is the
//! start state), then `tags << bits` `i16` feature weights (times the scale).

use crate::features::Features;
use crate::lexicon::Lexicon;
use crate::ClaimsError;

/// Number of tags.
pub const NTAGS: usize = 7;
/// Outside any role.
pub const O: u8 = 0;
/// Source, first token.
pub const B_SRC: u8 = 1;
/// Source, later token.
pub const I_SRC: u8 = 2;
/// Cue, first token.
pub const B_CUE: u8 = 3;
/// Cue, later token.
pub const I_CUE: u8 = 4;
/// Content, first token.
pub const B_CON: u8 = 5;
/// Content, later token.
pub const I_CON: u8 = 6;

const MAGIC: &[u8; 8] = b"GLCLAIM1";
const STACK_MAGIC: &[u8; 8] = b"GLCLSTK1";

/// The tagger used at run time: a first model, and optionally a second one
/// that also sees the first one's tags (stacking).
#[derive(Debug, Clone)]
pub struct Stack {
    /// First-level model (its lexicon is the one used).
    pub first: Model,
    /// Second-level model.
    pub second: Option<Model>,
}

impl Stack {
    /// The tags of a tokenized document.
    pub fn tag(&self, tok: &crate::tokenize::Tokenized) -> Vec<u8> {
        let li = crate::features::lex_info(tok, &self.first.lexicon);
        self.tag_with(tok, &li)
    }

    /// [`Stack::tag`] with the lexicon lookups already done.
    pub fn tag_with(
        &self,
        tok: &crate::tokenize::Tokenized,
        li: &crate::features::LexInfo,
    ) -> Vec<u8> {
        let base = crate::features::extract_with(tok, &self.first.lexicon, self.first.bits, li);
        let tags = self.first.decode(&base);
        match &self.second {
            None => tags,
            Some(m) => {
                let f = crate::features::with_stack(&base, tok, &tags, m.bits);
                m.decode(&f)
            }
        }
    }

    /// Serializes: one model as is, or `GLCLSTK1` followed by each model's
    /// length (`u64`) and bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        match &self.second {
            None => self.first.to_bytes(),
            Some(m2) => {
                let mut out = STACK_MAGIC.to_vec();
                for m in [&self.first, m2] {
                    let b = m.to_bytes();
                    out.extend_from_slice(&(b.len() as u64).to_le_bytes());
                    out.extend_from_slice(&b);
                }
                out
            }
        }
    }

    /// Reads either format written by [`Stack::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ClaimsError> {
        if !bytes.starts_with(STACK_MAGIC) {
            return Ok(Self {
                first: Model::from_bytes(bytes)?,
                second: None,
            });
        }
        let mut r = Reader { b: bytes, pos: 8 };
        let mut models = Vec::new();
        while r.pos < bytes.len() {
            let len = r.u64()? as usize;
            models.push(Model::from_bytes(r.take(len)?)?);
        }
        let mut it = models.into_iter();
        let first = it
            .next()
            .ok_or_else(|| ClaimsError::Model("empty stack".into()))?;
        let second = it.next();
        if it.next().is_some() {
            return Err(ClaimsError::Model(
                "more than two models in the stack".into(),
            ));
        }
        if second.as_ref().is_some_and(|m| m.bits != first.bits) {
            return Err(ClaimsError::Model(
                "stacked models differ in hash bits".into(),
            ));
        }
        Ok(Self { first, second })
    }
}

/// True when tag `b` may follow tag `a` (an inside tag continues its role).
pub fn allowed(a: Option<u8>, b: u8) -> bool {
    match b {
        I_SRC => matches!(a, Some(B_SRC) | Some(I_SRC)),
        I_CUE => matches!(a, Some(B_CUE) | Some(I_CUE)),
        I_CON => matches!(a, Some(B_CON) | Some(I_CON)),
        _ => true,
    }
}

/// A trained tagger.
#[derive(Debug, Clone)]
pub struct Model {
    /// Hash bits of the feature table.
    pub bits: u32,
    /// Feature weights, `[feature * NTAGS + tag]`.
    pub weights: Vec<f32>,
    /// Transition weights, `[prev * NTAGS + tag]`, `prev == NTAGS` = start.
    pub trans: Vec<f32>,
    /// The cue lexicon the features use.
    pub lexicon: Lexicon,
    /// Inference form of a model read from bytes: the quantized weights of
    /// each feature padded to 8 tags (16 bytes, one cache line at most), and
    /// their scale. Empty for a model being trained (which uses `weights`).
    packed: Vec<[i16; 8]>,
    scale: f32,
}

impl Model {
    /// An all-zero model.
    pub fn new(bits: u32, lexicon: Lexicon) -> Self {
        Self {
            bits,
            weights: vec![0.0; NTAGS << bits],
            trans: vec![0.0; (NTAGS + 1) * NTAGS],
            lexicon,
            packed: Vec::new(),
            scale: 1.0,
        }
    }

    /// The weight of feature `f` for tag `tag`.
    pub fn weight(&self, f: usize, tag: usize) -> f32 {
        if self.packed.is_empty() {
            self.weights.get(f * NTAGS + tag).copied().unwrap_or(0.0)
        } else {
            self.packed
                .get(f)
                .and_then(|w| w.get(tag))
                .map(|&q| q as f32 * self.scale)
                .unwrap_or(0.0)
        }
    }

    fn emissions(&self, f: &Features, from: usize, to: usize) -> Vec<[f32; NTAGS]> {
        let mut out = vec![[0f32; NTAGS]; to.saturating_sub(from)];
        if !self.packed.is_empty() {
            for (k, row) in out.iter_mut().enumerate() {
                let mut acc = [0i32; 8];
                for &fi in f.of(from + k) {
                    if let Some(ws) = self.packed.get(fi as usize) {
                        for (a, &w) in acc.iter_mut().zip(ws) {
                            *a += w as i32;
                        }
                    }
                }
                for (r, a) in row.iter_mut().zip(acc) {
                    *r = a as f32 * self.scale;
                }
            }
            return out;
        }
        for (k, row) in out.iter_mut().enumerate() {
            for &fi in f.of(from + k) {
                let base = fi as usize * NTAGS;
                if let Some(ws) = self.weights.get(base..base + NTAGS) {
                    for (r, w) in row.iter_mut().zip(ws) {
                        *r += *w;
                    }
                }
            }
        }
        out
    }

    /// The best tag sequence.
    pub fn decode(&self, f: &Features) -> Vec<u8> {
        self.decode_range(f, 0, f.len())
    }

    /// The best tag sequence of tokens `from..to`.
    pub fn decode_range(&self, f: &Features, from: usize, to: usize) -> Vec<u8> {
        let em = self.emissions(f, from, to);
        let breaks = f.breaks.get(from..to).unwrap_or(&[]);
        viterbi(&em, &self.trans, breaks)
    }

    /// Serializes the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let maxw = self.weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if !self.packed.is_empty() {
            self.scale
        } else if maxw > 0.0 {
            maxw / 32000.0
        } else {
            1.0
        };
        let mut out = Vec::with_capacity(self.weights.len() * 2 + 1024);
        out.extend_from_slice(MAGIC);
        out.extend_from_slice(&self.bits.to_le_bytes());
        out.extend_from_slice(&(NTAGS as u32).to_le_bytes());
        out.extend_from_slice(&scale.to_le_bytes());
        for table in [&self.lexicon.words, &self.lexicon.phrases] {
            let mut entries: Vec<_> = table.iter().collect();
            entries.sort();
            out.extend_from_slice(&(entries.len() as u32).to_le_bytes());
            for (k, (c, t)) in entries {
                let kb = k.as_bytes();
                let len = kb.len().min(u16::MAX as usize);
                out.extend_from_slice(&(len as u16).to_le_bytes());
                out.extend_from_slice(kb.get(..len).unwrap_or(kb));
                out.extend_from_slice(&c.to_le_bytes());
                out.extend_from_slice(&t.to_le_bytes());
            }
        }
        for t in &self.trans {
            out.extend_from_slice(&t.to_le_bytes());
        }
        if self.packed.is_empty() {
            for w in &self.weights {
                let q = (w / scale).round().clamp(-32767.0, 32767.0) as i16;
                out.extend_from_slice(&q.to_le_bytes());
            }
        } else {
            for ws in &self.packed {
                for q in ws.iter().take(NTAGS) {
                    out.extend_from_slice(&q.to_le_bytes());
                }
            }
        }
        out
    }

    /// Reads a model written by [`Model::to_bytes`].
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, ClaimsError> {
        let mut r = Reader { b: bytes, pos: 0 };
        if r.take(8)? != MAGIC {
            return Err(ClaimsError::Model("bad magic".into()));
        }
        let bits = r.u32()?;
        let ntags = r.u32()? as usize;
        if ntags != NTAGS || !(8..=26).contains(&bits) {
            return Err(ClaimsError::Model(format!(
                "unsupported shape: {ntags} tags, {bits} bits"
            )));
        }
        let scale = r.f32()?;
        let mut lexicon = Lexicon::default();
        for which in 0..2 {
            let n = r.u32()? as usize;
            for _ in 0..n {
                let len = r.u16()? as usize;
                let k = std::str::from_utf8(r.take(len)?)
                    .map_err(|_| ClaimsError::Model("lexicon entry is not UTF-8".into()))?
                    .to_string();
                let c = r.u32()?;
                let t = r.u32()?;
                if which == 0 {
                    lexicon.words.insert(k, (c, t));
                } else {
                    lexicon.phrases.insert(k, (c, t));
                }
            }
        }
        let mut trans = Vec::with_capacity((NTAGS + 1) * NTAGS);
        for _ in 0..(NTAGS + 1) * NTAGS {
            trans.push(r.f32()?);
        }
        let nw = NTAGS << bits;
        let raw = r.take(nw * 2)?;
        let packed = raw
            .chunks_exact(2 * NTAGS)
            .map(|c| {
                let mut w = [0i16; 8];
                for (slot, b) in w.iter_mut().zip(c.chunks_exact(2)) {
                    *slot = i16::from_le_bytes([b[0], b[1]]);
                }
                w
            })
            .collect();
        if r.pos != bytes.len() {
            return Err(ClaimsError::Model("trailing bytes".into()));
        }
        Ok(Self {
            bits,
            weights: Vec::new(),
            trans,
            lexicon,
            packed,
            scale,
        })
    }
}

struct Reader<'a> {
    b: &'a [u8],
    pos: usize,
}

impl<'a> Reader<'a> {
    fn take(&mut self, n: usize) -> Result<&'a [u8], ClaimsError> {
        let s = self
            .b
            .get(self.pos..self.pos + n)
            .ok_or_else(|| ClaimsError::Model(format!("truncated at byte {}", self.pos)))?;
        self.pos += n;
        Ok(s)
    }
    fn u32(&mut self) -> Result<u32, ClaimsError> {
        let s = self.take(4)?;
        Ok(u32::from_le_bytes([s[0], s[1], s[2], s[3]]))
    }
    fn u64(&mut self) -> Result<u64, ClaimsError> {
        let s = self.take(8)?;
        let mut a = [0u8; 8];
        a.copy_from_slice(s);
        Ok(u64::from_le_bytes(a))
    }
    fn u16(&mut self) -> Result<u16, ClaimsError> {
        let s = self.take(2)?;
        Ok(u16::from_le_bytes([s[0], s[1]]))
    }
    fn f32(&mut self) -> Result<f32, ClaimsError> {
        Ok(f32::from_bits(self.u32()?))
    }
}

/// Viterbi decoding under the BIO constraints.
#[allow(clippy::needless_range_loop)] // tag indices address several tables
/// `breaks[i]` forbids inside tags at position `i` (a paragraph start).
pub fn viterbi(em: &[[f32; NTAGS]], trans: &[f32], breaks: &[bool]) -> Vec<u8> {
    let n = em.len();
    if n == 0 {
        return Vec::new();
    }
    let tr = |p: usize, t: usize| trans.get(p * NTAGS + t).copied().unwrap_or(0.0);
    let mut score = [f32::NEG_INFINITY; NTAGS];
    let mut back = vec![[0u8; NTAGS]; n];
    for t in 0..NTAGS {
        if allowed(None, t as u8) {
            score[t] = em[0][t] + tr(NTAGS, t);
        }
    }
    for i in 1..n {
        let mut next = [f32::NEG_INFINITY; NTAGS];
        let brk = breaks.get(i).copied().unwrap_or(false);
        for t in 0..NTAGS {
            if brk && !allowed(None, t as u8) {
                continue;
            }
            let mut best = f32::NEG_INFINITY;
            let mut arg = 0u8;
            for p in 0..NTAGS {
                if !allowed(Some(p as u8), t as u8) {
                    continue;
                }
                let s = score[p] + tr(p, t);
                if s > best {
                    best = s;
                    arg = p as u8;
                }
            }
            next[t] = best + em[i][t];
            back[i][t] = arg;
        }
        score = next;
    }
    let mut best = 0usize;
    for t in 1..NTAGS {
        if score[t] > score[best] {
            best = t;
        }
    }
    let mut tags = vec![0u8; n];
    let mut cur = best as u8;
    for i in (0..n).rev() {
        tags[i] = cur;
        cur = back[i][cur as usize];
    }
    tags
}

/// Trains with the averaged structured perceptron.
pub struct Trainer {
    model: Model,
    acc_w: Vec<f64>,
    acc_t: Vec<f64>,
    step: f64,
}

impl Trainer {
    /// A trainer for a fresh model.
    pub fn new(bits: u32, lexicon: Lexicon) -> Self {
        let model = Model::new(bits, lexicon);
        Self {
            acc_w: vec![0.0; model.weights.len()],
            acc_t: vec![0.0; model.trans.len()],
            model,
            step: 1.0,
        }
    }

    /// One update on tokens `from..to` of one document (`gold` holds the
    /// whole document's tags); returns the number of wrong tags.
    pub fn learn(&mut self, f: &Features, gold: &[u8], from: usize, to: usize) -> usize {
        let pred = self.model.decode_range(f, from, to);
        let gold = gold.get(from..to).unwrap_or(&[]);
        let mut errors = 0;
        let c = self.step;
        let mut prev_g = NTAGS;
        let mut prev_p = NTAGS;
        for (k, (&g, &p)) in gold.iter().zip(&pred).enumerate() {
            let i = from + k;
            if g != p {
                errors += 1;
                for &fi in f.of(i) {
                    let base = fi as usize * NTAGS;
                    for (tag, d) in [(g as usize, 1.0f32), (p as usize, -1.0)] {
                        if let Some(w) = self.model.weights.get_mut(base + tag) {
                            *w += d;
                        }
                        if let Some(a) = self.acc_w.get_mut(base + tag) {
                            *a += c * d as f64;
                        }
                    }
                }
            }
            if g != p || prev_g != prev_p {
                for (k, d) in [
                    (prev_g * NTAGS + g as usize, 1.0f32),
                    (prev_p * NTAGS + p as usize, -1.0),
                ] {
                    if let Some(w) = self.model.trans.get_mut(k) {
                        *w += d;
                    }
                    if let Some(a) = self.acc_t.get_mut(k) {
                        *a += c * d as f64;
                    }
                }
            }
            prev_g = g as usize;
            prev_p = p as usize;
        }
        self.step += 1.0;
        errors
    }

    /// The current model (not averaged), for monitoring.
    pub fn current(&self) -> &Model {
        &self.model
    }

    /// The averaged model.
    pub fn finish(self) -> Model {
        let c = self.step;
        let mut m = self.model;
        for (w, a) in m.weights.iter_mut().zip(&self.acc_w) {
            *w -= (*a / c) as f32;
        }
        for (w, a) in m.trans.iter_mut().zip(&self.acc_t) {
            *w -= (*a / c) as f32;
        }
        m
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn viterbi_respects_bio() {
        // Emissions prefer I_CON at the first position, which is not allowed.
        let mut em = vec![[0f32; NTAGS]; 2];
        em[0][I_CON as usize] = 5.0;
        em[0][B_CON as usize] = 1.0;
        em[1][I_CON as usize] = 2.0;
        let trans = vec![0f32; (NTAGS + 1) * NTAGS];
        let tags = viterbi(&em, &trans, &[]);
        assert_eq!(tags, vec![B_CON, I_CON]);
        // A break forbids continuing.
        let tags = viterbi(&em, &trans, &[false, true]);
        assert_ne!(tags[1], I_CON);
    }

    #[test]
    fn model_round_trips() {
        let mut lex = Lexicon::default();
        lex.words.insert("said".into(), (5, 6));
        lex.phrases.insert("according to".into(), (3, 3));
        let mut m = Model::new(8, lex);
        m.weights[3] = 1.5;
        m.weights[10] = -0.25;
        m.trans[4] = 0.5;
        let back = Model::from_bytes(&m.to_bytes()).unwrap();
        assert_eq!(back.lexicon, m.lexicon);
        assert!((back.weight(0, 3) - 1.5).abs() < 1e-3);
        assert!((back.weight(1, 3) + 0.25).abs() < 1e-3);
        // Written again from the packed form, byte for byte.
        assert_eq!(back.to_bytes(), m.to_bytes());
        assert_eq!(back.trans[4], 0.5);
        assert!(Model::from_bytes(&m.to_bytes()[..20]).is_err());
    }
}
