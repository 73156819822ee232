//! Training: word clusters learned from unlabeled text, gazetteers from the
//! training annotations and from GUM/MEANTIME, and a structured averaged
//! perceptron over BIO tags with Viterbi decoding, tuned (number of epochs)
//! on a dev file. [`train_command`] is the command-line entry point.

use crate::conll::{self, ConllDoc, Scorer};
use crate::features::TokInfo;
use crate::features::{hash_lower, seq_hash, HashMap64};
use crate::model::{self, viterbi, History, Model, PreparedDoc, Resources, NT, TYPES};
use crate::tokenize::tokenize;
use crate::EntitiesError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// Options of a training run.
#[derive(Debug, Clone)]
pub struct TrainOptions {
    /// CoNLL training file.
    pub train: PathBuf,
    /// CoNLL dev file for choosing the epoch count (optional).
    pub dev: Option<PathBuf>,
    /// GUM folder (`dep/*.conllu`): unlabeled text and a name gazetteer.
    pub gum: Option<PathBuf>,
    /// MEANTIME folder: unlabeled text and a name gazetteer.
    pub meantime: Option<PathBuf>,
    /// More folders of unlabeled text (`.txt`, `.tml`, `.xml`), searched
    /// recursively.
    pub unlabeled: Vec<PathBuf>,
    /// Where to write the model.
    pub out: PathBuf,
    /// Maximum epochs.
    pub epochs: usize,
    /// Fixed epoch count (no dev selection).
    pub fixed_epochs: Option<usize>,
    /// log2 of the weight-table rows.
    pub bits: u32,
    /// Fine clusters.
    pub k_fine: usize,
    /// Coarse clusters.
    pub k_coarse: usize,
}

fn usage() -> String {
    "usage: train --conll-train FILE [--dev FILE] [--gum DIR] [--meantime DIR] \
     [--unlabeled DIR]... --out PATH [--epochs N] [--fixed-epochs N] [--bits N] \
     [--clusters N] [--coarse-clusters N]"
        .to_string()
}

/// Parses training arguments (without the program name).
pub fn parse_args(args: &[String]) -> Result<TrainOptions, EntitiesError> {
    let mut o = TrainOptions {
        train: PathBuf::new(),
        dev: None,
        gum: None,
        meantime: None,
        unlabeled: Vec::new(),
        out: PathBuf::new(),
        epochs: 20,
        fixed_epochs: None,
        bits: 20,
        k_fine: 400,
        k_coarse: 64,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || {
            it.next()
                .cloned()
                .ok_or_else(|| EntitiesError::Usage(format!("{a} needs a value; {}", usage())))
        };
        let num = |v: String| {
            v.parse::<usize>()
                .map_err(|_| EntitiesError::Usage(format!("{a}: not a number: {v}")))
        };
        match a.as_str() {
            "--conll-train" => o.train = PathBuf::from(val()?),
            "--dev" => o.dev = Some(PathBuf::from(val()?)),
            "--gum" => o.gum = Some(PathBuf::from(val()?)),
            "--meantime" => o.meantime = Some(PathBuf::from(val()?)),
            "--unlabeled" => o.unlabeled.push(PathBuf::from(val()?)),
            "--out" => o.out = PathBuf::from(val()?),
            "--epochs" => o.epochs = num(val()?)?,
            "--fixed-epochs" => o.fixed_epochs = Some(num(val()?)?),
            "--bits" => o.bits = num(val()?)? as u32,
            "--clusters" => o.k_fine = num(val()?)?,
            "--coarse-clusters" => o.k_coarse = num(val()?)?,
            "-h" | "--help" => return Err(EntitiesError::Usage(usage())),
            other => {
                return Err(EntitiesError::Usage(format!(
                    "unknown argument {other}; {}",
                    usage()
                )))
            }
        }
    }
    if o.train.as_os_str().is_empty() || o.out.as_os_str().is_empty() {
        return Err(EntitiesError::Usage(usage()));
    }
    if !(12..=24).contains(&o.bits) {
        return Err(EntitiesError::Usage(
            "--bits must be between 12 and 24".into(),
        ));
    }
    Ok(o)
}

fn io_err(path: &Path, e: std::io::Error) -> EntitiesError {
    EntitiesError::Io {
        path: path.display().to_string(),
        source: e,
    }
}

fn walk(dir: &Path, exts: &[&str], out: &mut Vec<PathBuf>) -> Result<(), EntitiesError> {
    let rd = std::fs::read_dir(dir).map_err(|e| io_err(dir, e))?;
    let mut entries: Vec<PathBuf> = Vec::new();
    for e in rd {
        entries.push(e.map_err(|e| io_err(dir, e))?.path());
    }
    entries.sort();
    for p in entries {
        if p.is_dir() {
            walk(&p, exts, out)?;
        } else if p
            .extension()
            .and_then(|x| x.to_str())
            .is_some_and(|x| exts.contains(&x))
        {
            out.push(p);
        }
    }
    Ok(())
}

fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// Collects unlabeled sentences (lowercased tokens are hashed later) from
/// the training words, GUM, MEANTIME and extra folders.
fn unlabeled_text(o: &TrainOptions, train: &[ConllDoc]) -> Result<Vec<Vec<String>>, EntitiesError> {
    let mut sents: Vec<Vec<String>> = Vec::new();
    for d in train {
        for s in &d.sents {
            sents.push(s.words.clone());
        }
    }
    if let Some(g) = &o.gum {
        let mut files = Vec::new();
        walk(&g.join("dep"), &["conllu"], &mut files)?;
        for f in files {
            let t = std::fs::read_to_string(&f).map_err(|e| io_err(&f, e))?;
            let mut cur = Vec::new();
            for line in t.lines() {
                if line.is_empty() {
                    if !cur.is_empty() {
                        sents.push(std::mem::take(&mut cur));
                    }
                } else if !line.starts_with('#') {
                    let mut c = line.split('\t');
                    let id = c.next().unwrap_or("");
                    if id.contains('-') || id.contains('.') {
                        continue;
                    }
                    if let Some(w) = c.next() {
                        cur.push(w.to_string());
                    }
                }
            }
            if !cur.is_empty() {
                sents.push(cur);
            }
        }
    }
    let mut text_files = Vec::new();
    if let Some(m) = &o.meantime {
        walk(&m.join("intra-doc_annotation"), &["xml"], &mut text_files)?;
    }
    for u in &o.unlabeled {
        walk(u, &["txt", "tml"], &mut text_files)?;
    }
    for f in text_files {
        let raw = std::fs::read_to_string(&f).map_err(|e| io_err(&f, e))?;
        let is_meantime = raw.contains("<token ");
        let text = if is_meantime {
            // One token per element; keep only the token lines.
            raw.lines()
                .filter(|l| l.starts_with("<token "))
                .map(strip_tags)
                .collect::<Vec<_>>()
                .join(" ")
        } else if f.extension().is_some_and(|x| x == "tml") {
            strip_tags(&raw)
        } else {
            raw
        };
        for line in text.lines() {
            let toks: Vec<String> = tokenize(line)
                .into_iter()
                .filter_map(|r| line.get(r).map(str::to_string))
                .collect();
            if !toks.is_empty() {
                sents.push(toks);
            }
        }
    }
    Ok(sents)
}

/// Case prior buckets: how often each lowercase word is capitalized when it
/// is not the first word of a sentence and the sentence is not in capitals.
fn case_priors(sents: &[Vec<String>]) -> HashMap<String, u8> {
    let mut counts: HashMap<String, (u32, u32)> = HashMap::new();
    for s in sents {
        let has_lower = s.iter().any(|w| w.chars().any(char::is_lowercase));
        if !has_lower {
            continue;
        }
        for w in s.iter().skip(1) {
            let Some(c) = w.chars().next() else { continue };
            if !c.is_alphabetic() {
                continue;
            }
            let e = counts.entry(w.to_lowercase()).or_insert((0, 0));
            e.0 += 1;
            if c.is_uppercase() {
                e.1 += 1;
            }
        }
    }
    counts
        .into_iter()
        .filter(|(_, (n, _))| *n >= 3)
        .map(|(w, (n, cap))| {
            let f = f64::from(cap) / f64::from(n);
            let b = if f < 0.1 {
                1
            } else if f < 0.5 {
                2
            } else if f < 0.9 {
                3
            } else {
                4
            };
            (w, b)
        })
        .collect()
}

/// Spherical k-means word clusters over PPMI-weighted left/right context
/// vectors, plus case priors. Returns lowercase word hash → (fine, coarse,
/// case prior); clusters are 1-based, 0 = none.
fn learn_clusters(
    sents: &[Vec<String>],
    k_fine: usize,
    k_coarse: usize,
) -> HashMap64<(u16, u16, u8)> {
    let priors = case_priors(sents);
    let mut freq: HashMap<String, u32> = HashMap::new();
    let lower: Vec<Vec<String>> = sents
        .iter()
        .map(|s| s.iter().map(|w| w.to_lowercase()).collect())
        .collect();
    for s in &lower {
        for w in s {
            *freq.entry(w.clone()).or_insert(0) += 1;
        }
    }
    let mut by_freq: Vec<(&String, u32)> = freq.iter().map(|(w, c)| (w, *c)).collect();
    by_freq.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    const NCTX: usize = 1000;
    let ctx_id: HashMap<&str, usize> = by_freq
        .iter()
        .take(NCTX)
        .enumerate()
        .map(|(i, (w, _))| (w.as_str(), i))
        .collect();
    let vocab: Vec<&String> = by_freq
        .iter()
        .filter(|(_, c)| *c >= 3)
        .take(80_000)
        .map(|(w, _)| *w)
        .collect();
    let vid: HashMap<&str, usize> = vocab
        .iter()
        .enumerate()
        .map(|(i, w)| (w.as_str(), i))
        .collect();
    let dim = 2 * (NCTX + 2);
    let mut counts: Vec<HashMap<u32, f32>> = vec![HashMap::new(); vocab.len()];
    let mut ctx_tot = vec![0f32; dim];
    for s in &lower {
        for i in 0..s.len() {
            let Some(&v) = vid.get(s[i].as_str()) else {
                continue;
            };
            let l = if i == 0 {
                NCTX
            } else {
                ctx_id.get(s[i - 1].as_str()).copied().unwrap_or(NCTX + 1)
            };
            let r = if i + 1 == s.len() {
                NCTX
            } else {
                ctx_id.get(s[i + 1].as_str()).copied().unwrap_or(NCTX + 1)
            };
            let r = r + NCTX + 2;
            *counts[v].entry(l as u32).or_insert(0.0) += 1.0;
            *counts[v].entry(r as u32).or_insert(0.0) += 1.0;
            ctx_tot[l] += 1.0;
            ctx_tot[r] += 1.0;
        }
    }
    let total: f32 = ctx_tot.iter().sum::<f32>().max(1.0);
    let vecs: Vec<Vec<(u32, f32)>> = counts
        .iter()
        .map(|m| {
            let wt: f32 = m.values().sum::<f32>().max(1.0);
            let mut v: Vec<(u32, f32)> = m
                .iter()
                .filter_map(|(&c, &n)| {
                    let pmi = (n * total / (wt * ctx_tot[c as usize].max(1.0))).ln();
                    (pmi > 0.0).then_some((c, pmi))
                })
                .collect();
            v.sort_by_key(|x| x.0);
            let norm = v.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt().max(1e-6);
            for x in &mut v {
                x.1 /= norm;
            }
            v
        })
        .collect();
    let kmeans = |k: usize| -> Vec<u16> {
        let n = vecs.len();
        let k = k.min(n.max(1));
        let mut cent = vec![0f32; k * dim];
        // Initialize from words spread over the frequency ranking.
        for c in 0..k {
            let w = (c * n) / k.max(1);
            for &(d, x) in &vecs[w] {
                cent[c * dim + d as usize] = x;
            }
        }
        let mut assign = vec![0u16; n];
        for iter in 0..12 {
            let mut changed = 0;
            for (w, v) in vecs.iter().enumerate() {
                let mut best = 0;
                let mut bs = f32::NEG_INFINITY;
                for c in 0..k {
                    let base = c * dim;
                    let s: f32 = v.iter().map(|&(d, x)| cent[base + d as usize] * x).sum();
                    if s > bs {
                        bs = s;
                        best = c;
                    }
                }
                if assign[w] != best as u16 {
                    changed += 1;
                }
                assign[w] = best as u16;
            }
            cent.iter_mut().for_each(|x| *x = 0.0);
            for (w, v) in vecs.iter().enumerate() {
                let base = usize::from(assign[w]) * dim;
                for &(d, x) in v {
                    cent[base + d as usize] += x;
                }
            }
            for c in 0..k {
                let row = &mut cent[c * dim..(c + 1) * dim];
                let norm = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-6);
                row.iter_mut().for_each(|x| *x /= norm);
            }
            tracing::info!(k, iter, changed, "k-means iteration");
            if changed * 1000 < n {
                break;
            }
        }
        assign
    };
    let fine = kmeans(k_fine);
    let coarse = kmeans(k_coarse);
    let mut out: HashMap64<(u16, u16, u8)> = priors
        .iter()
        .map(|(w, p)| (hash_lower(w), (0, 0, *p)))
        .collect();
    for (i, w) in vocab.iter().enumerate() {
        let p = priors.get(w.as_str()).copied().unwrap_or(0);
        out.insert(hash_lower(w), (fine[i] + 1, coarse[i] + 1, p));
    }
    out
}

fn type_index(t: &str) -> Option<usize> {
    TYPES.iter().position(|x| *x == t)
}

fn name_hash<S: AsRef<str>>(words: &[S]) -> u64 {
    words
        .iter()
        .fold(0u64, |h, w| seq_hash(h, hash_lower(w.as_ref())))
}

/// Training-data gazetteer with per-document counts, so each training
/// document sees only names from the other documents (otherwise the model
/// learns to trust the gazetteer blindly).
struct TrainGaz {
    total: HashMap<u64, [u32; 4]>,
    per_doc: Vec<HashMap<u64, [u32; 4]>>,
}

impl TrainGaz {
    fn build(train: &[ConllDoc]) -> Self {
        let mut total: HashMap<u64, [u32; 4]> = HashMap::new();
        let mut per_doc = Vec::new();
        for d in train {
            let mut own: HashMap<u64, [u32; 4]> = HashMap::new();
            for s in &d.sents {
                for (a, b, t) in conll::spans(&s.tags) {
                    if b - a > model::GAZ_MAX {
                        continue;
                    }
                    let Some(ti) = type_index(&t) else { continue };
                    let h = name_hash(&s.words[a..b]);
                    own.entry(h).or_insert([0; 4])[ti] = 1;
                }
            }
            for (h, c) in &own {
                let e = total.entry(*h).or_insert([0; 4]);
                for t in 0..4 {
                    e[t] += c[t];
                }
            }
            per_doc.push(own);
        }
        TrainGaz { total, per_doc }
    }

    fn lookup_excluding(&self, doc: usize, h: u64) -> u8 {
        let Some(t) = self.total.get(&h) else {
            return 0;
        };
        let own = self.per_doc.get(doc).and_then(|m| m.get(&h));
        let mut m = 0u8;
        for ty in 0..4 {
            let n = t[ty] - own.map_or(0, |o| o[ty]);
            if n > 0 {
                m |= 1 << ty;
            }
        }
        m
    }

    fn full(&self) -> HashMap64<u8> {
        self.total
            .iter()
            .map(|(h, t)| {
                let m = (0..4)
                    .filter(|&ty| t[ty] > 0)
                    .fold(0u8, |m, ty| m | (1 << ty));
                (*h, m)
            })
            .collect()
    }
}

fn name_like(words: &[&str]) -> bool {
    let Some(first) = words.first() else {
        return false;
    };
    if !first.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    words.iter().all(|w| {
        w.chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
            || matches!(
                *w,
                "of" | "de" | "and" | "for" | "the" | "&" | "-" | "von" | "van" | "la"
            )
    }) && words.len() <= model::GAZ_MAX
}

/// Names from GUM (person, place, organization spans that look like proper
/// names) and MEANTIME (`ENTITY` descriptors of type PER, ORG, LOC).
fn external_gazetteer(o: &TrainOptions) -> Result<HashMap64<u8>, EntitiesError> {
    let mut gaz: HashMap64<u8> = HashMap64::default();
    let mut add = |words: Vec<&str>, ty: usize| {
        let mut w = words;
        if w.first().is_some_and(|f| f.eq_ignore_ascii_case("the")) {
            w.remove(0);
        }
        if name_like(&w) {
            *gaz.entry(name_hash(&w)).or_insert(0) |= 1 << ty;
        }
    };
    if let Some(g) = &o.gum {
        let mut files = Vec::new();
        walk(&g.join("dep"), &["conllu"], &mut files)?;
        for f in files {
            let t = std::fs::read_to_string(&f).map_err(|e| io_err(&f, e))?;
            let mut words: Vec<String> = Vec::new();
            let mut open: Vec<(String, usize, usize)> = Vec::new(); // id, type, start
            let mut done: Vec<(usize, usize, usize)> = Vec::new();
            let flush = |words: &mut Vec<String>,
                         done: &mut Vec<(usize, usize, usize)>,
                         add: &mut dyn FnMut(Vec<&str>, usize)| {
                for &(a, b, ty) in done.iter() {
                    if let Some(ws) = words.get(a..b) {
                        add(ws.iter().map(String::as_str).collect(), ty);
                    }
                }
                done.clear();
                words.clear();
            };
            for line in t.lines() {
                if line.is_empty() {
                    flush(&mut words, &mut done, &mut add);
                    open.clear();
                    continue;
                }
                if line.starts_with('#') {
                    continue;
                }
                let cols: Vec<&str> = line.split('\t').collect();
                let Some(id) = cols.first() else { continue };
                if id.contains('-') || id.contains('.') {
                    continue;
                }
                let i = words.len();
                words.push(cols.get(1).copied().unwrap_or("").to_string());
                let misc = cols.get(9).copied().unwrap_or("");
                let Some(ent) = misc.split('|').find_map(|kv| kv.strip_prefix("Entity=")) else {
                    continue;
                };
                // "(1-person-...(2-place-...)" opens; "1)" closes.
                let b = ent.as_bytes();
                let mut p = 0;
                while p < b.len() {
                    if b[p] == b'(' {
                        let mut q = p + 1;
                        while q < b.len() && b[q] != b'(' && b[q] != b')' {
                            q += 1;
                        }
                        let spec = &ent[p + 1..q];
                        let mut parts = spec.split('-');
                        let eid = parts.next().unwrap_or("").to_string();
                        let ty = match parts.next().unwrap_or("") {
                            "person" => Some(0),
                            "organization" => Some(1),
                            "place" => Some(2),
                            _ => None,
                        };
                        if q < b.len() && b[q] == b')' {
                            if let Some(ty) = ty {
                                done.push((i, i + 1, ty));
                            }
                            q += 1;
                        } else if let Some(ty) = ty {
                            open.push((eid, ty, i));
                        } else {
                            open.push((eid, usize::MAX, i));
                        }
                        p = q;
                    } else if b[p].is_ascii_digit() {
                        let mut q = p;
                        while q < b.len() && b[q].is_ascii_digit() {
                            q += 1;
                        }
                        if q < b.len() && b[q] == b')' {
                            let eid = &ent[p..q];
                            if let Some(pos) = open.iter().rposition(|(e, _, _)| e == eid) {
                                let (_, ty, s) = open.remove(pos);
                                if ty != usize::MAX {
                                    done.push((s, i + 1, ty));
                                }
                            }
                            q += 1;
                        }
                        p = q.max(p + 1);
                    } else {
                        p += 1;
                    }
                }
            }
            flush(&mut words, &mut done, &mut add);
        }
    }
    if let Some(m) = &o.meantime {
        let mut files = Vec::new();
        walk(&m.join("intra_cross-doc_annotation"), &["xml"], &mut files)?;
        for f in files {
            let t = std::fs::read_to_string(&f).map_err(|e| io_err(&f, e))?;
            for part in t.split("<ENTITY ").skip(1) {
                let attr = |name: &str| -> Option<&str> {
                    let k = format!("{name}=\"");
                    let s = part.find(&k)? + k.len();
                    let e = part[s..].find('"')? + s;
                    part.get(s..e)
                };
                let ty = match attr("ent_type") {
                    Some("PER") => 0,
                    Some("ORG") => 1,
                    Some("LOC") => 2,
                    _ => continue,
                };
                let Some(desc) = attr("TAG_DESCRIPTOR") else {
                    continue;
                };
                let desc = desc.replace("&amp;", "&");
                let toks: Vec<&str> = tokenize(&desc)
                    .into_iter()
                    .filter_map(|r| desc.get(r))
                    .collect();
                add(toks, ty);
            }
        }
    }
    Ok(gaz)
}

/// A document's features, precomputed for training.
struct DocFeats {
    /// Per sentence, per token, weight rows.
    rows: Vec<Vec<Vec<u32>>>,
    /// Token infos per sentence (for the prediction-history features).
    infos: Vec<Vec<TokInfo>>,
    /// Gold tags per sentence.
    gold: Vec<Vec<u8>>,
}

fn gold_tags(s: &conll::Sentence) -> Vec<u8> {
    s.tags
        .iter()
        .map(|t| match t.split_once('-') {
            Some((bi, ty)) => match type_index(ty) {
                Some(k) if bi == "B" => model::b_tag(k),
                Some(k) => model::i_tag(k),
                None => 0,
            },
            None => 0,
        })
        .collect()
}

fn prepare(
    docs: &[ConllDoc],
    res: &Resources,
    gaz: &dyn Fn(usize, u64) -> u8,
    bits: u32,
) -> Vec<DocFeats> {
    docs.iter()
        .enumerate()
        .map(|(di, d)| {
            let words: Vec<Vec<&str>> = d
                .sents
                .iter()
                .map(|s| s.words.iter().map(String::as_str).collect())
                .collect();
            let pd = PreparedDoc::new(&words, res);
            let g = |h: u64| gaz(di, h);
            let e = |h: u64| res.ext.get(&h).copied().unwrap_or(0);
            let mut rows = Vec::new();
            for s in 0..d.sents.len() {
                let mut r = Vec::new();
                pd.sentence_features(s, &g, &e, bits, &mut r);
                rows.push(r);
            }
            DocFeats {
                rows,
                infos: pd.sents,
                gold: d.sents.iter().map(gold_tags).collect(),
            }
        })
        .collect()
}

fn emissions(w: &[f32], rows: &[Vec<u32>], out: &mut Vec<[f32; NT]>) {
    out.clear();
    for r in rows {
        let mut e = [0f32; NT];
        for &b in r {
            let base = b as usize * NT;
            for t in 0..NT {
                e[t] += w[base + t];
            }
        }
        out.push(e);
    }
}

/// The static rows of a sentence plus its prediction-history rows.
fn with_history(rows: &[Vec<u32>], infos: &[TokInfo], h: &History, bits: u32) -> Vec<Vec<u32>> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| {
            let mut r = r.clone();
            h.push_features(infos, i, bits, &mut r);
            r
        })
        .collect()
}

fn evaluate(w: &[f32], trans: &[[f32; NT]; NT + 1], docs: &[DocFeats], bits: u32) -> Scorer {
    let mut sc = Scorer::default();
    let mut em = Vec::new();
    let mut pred = Vec::new();
    for d in docs {
        let mut hist = History::default();
        for ((rows, gold), infos) in d.rows.iter().zip(&d.gold).zip(&d.infos) {
            let rows = with_history(rows, infos, &hist, bits);
            emissions(w, &rows, &mut em);
            viterbi(&em, trans, &mut pred);
            hist.update(infos, &pred);
            let g: Vec<String> = gold.iter().map(|&t| conll::tag_name(t)).collect();
            let p: Vec<String> = pred.iter().map(|&t| conll::tag_name(t)).collect();
            sc.add(&g, &p);
        }
    }
    sc
}

/// Averaged structured perceptron. Returns averaged weights and transitions
/// after `epochs` epochs, calling `each_epoch` with the averaged model after
/// every epoch (for dev selection).
#[allow(clippy::type_complexity)]
fn perceptron(
    docs: &[DocFeats],
    bits: u32,
    epochs: usize,
    each_epoch: &mut dyn FnMut(usize, &[f32], &[[f32; NT]; NT + 1]) -> bool,
) -> (Vec<f32>, [[f32; NT]; NT + 1]) {
    let n = (1usize << bits) * NT;
    let mut w = vec![0f32; n];
    let mut u = vec![0f32; n];
    let mut tw = [[0f32; NT]; NT + 1];
    let mut tu = [[0f32; NT]; NT + 1];
    let mut order: Vec<usize> = (0..docs.len()).collect();
    let mut c = 1f32;
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut em = Vec::new();
    let mut pred = Vec::new();
    let mut best = (w.clone(), tw);
    for ep in 0..epochs {
        // Fisher-Yates with xorshift over documents; sentences stay in
        // order so the prediction history is built as at tagging time.
        for i in (1..order.len()).rev() {
            rng ^= rng << 13;
            rng ^= rng >> 7;
            rng ^= rng << 17;
            let j = (rng % (i as u64 + 1)) as usize;
            order.swap(i, j);
        }
        let mut errors = 0usize;
        for &d in &order {
            let mut hist = History::default();
            for s in 0..docs[d].rows.len() {
                let infos = &docs[d].infos[s];
                let rows = with_history(&docs[d].rows[s], infos, &hist, bits);
                let gold = &docs[d].gold[s];
                emissions(&w, &rows, &mut em);
                viterbi(&em, &tw, &mut pred);
                hist.update(infos, &pred);
                if pred != *gold {
                    errors += 1;
                    for i in 0..gold.len() {
                        let (g, p) = (usize::from(gold[i]), usize::from(pred[i]));
                        if g != p {
                            for &b in &rows[i] {
                                let base = b as usize * NT;
                                w[base + g] += 1.0;
                                u[base + g] += c;
                                w[base + p] -= 1.0;
                                u[base + p] -= c;
                            }
                        }
                        let gp = if i == 0 {
                            0
                        } else {
                            usize::from(gold[i - 1]) + 1
                        };
                        let pp = if i == 0 {
                            0
                        } else {
                            usize::from(pred[i - 1]) + 1
                        };
                        if gp != pp || g != p {
                            tw[gp][g] += 1.0;
                            tu[gp][g] += c;
                            tw[pp][p] -= 1.0;
                            tu[pp][p] -= c;
                        }
                    }
                }
                c += 1.0;
            }
        }
        let avg: Vec<f32> = w.iter().zip(&u).map(|(a, b)| a - b / c).collect();
        let mut tavg = tw;
        for (r, ru) in tavg.iter_mut().zip(&tu) {
            for (x, y) in r.iter_mut().zip(ru) {
                *x -= y / c;
            }
        }
        tracing::info!(epoch = ep + 1, sentence_errors = errors, "perceptron epoch");
        let keep = each_epoch(ep + 1, &avg, &tavg);
        if keep {
            best = (avg, tavg);
        }
    }
    best
}

/// Trains a model per `o`, writes it to `o.out` and returns a summary.
pub fn train(o: &TrainOptions) -> Result<String, EntitiesError> {
    let t0 = Instant::now();
    let train_docs = conll::read(&o.train)?;
    let dev_docs = match &o.dev {
        Some(d) => Some(conll::read(d)?),
        None => None,
    };
    let mut log = String::new();
    let sents = unlabeled_text(o, &train_docs)?;
    let nwords: usize = sents.iter().map(Vec::len).sum();
    log.push_str(&format!(
        "unlabeled text for clusters: {} sentences, {} tokens\n",
        sents.len(),
        nwords
    ));
    let clusters = learn_clusters(&sents, o.k_fine, o.k_coarse);
    log.push_str(&format!(
        "clusters: {} words, {} fine / {} coarse ({:.1}s)\n",
        clusters.len(),
        o.k_fine,
        o.k_coarse,
        t0.elapsed().as_secs_f32()
    ));
    let tg = TrainGaz::build(&train_docs);
    let ext = external_gazetteer(o)?;
    log.push_str(&format!(
        "gazetteers: {} training names, {} GUM/MEANTIME names\n",
        tg.total.len(),
        ext.len()
    ));
    let mut res = Resources {
        clusters,
        gaz: HashMap64::default(),
        ext,
    };
    let train_feats = prepare(&train_docs, &res, &|d, h| tg.lookup_excluding(d, h), o.bits);
    res.gaz = tg.full();
    let full = res.gaz.clone();
    let dev_feats = dev_docs
        .as_ref()
        .map(|dd| prepare(dd, &res, &|_, h| full.get(&h).copied().unwrap_or(0), o.bits));
    let mut best_f = -1.0f64;
    let mut best_ep = 0usize;
    let mut best_report = String::new();
    let epochs = o.fixed_epochs.unwrap_or(o.epochs);
    let mut cb = |ep: usize, w: &[f32], t: &[[f32; NT]; NT + 1]| -> bool {
        if o.fixed_epochs.is_some() {
            if let Some(df) = &dev_feats {
                let sc = evaluate(w, t, df, o.bits);
                let f = sc.overall().prf().2;
                tracing::info!(epoch = ep, dev_f1 = f, "dev");
            }
            return ep == epochs;
        }
        match &dev_feats {
            Some(df) => {
                let sc = evaluate(w, t, df, o.bits);
                let f = sc.overall().prf().2;
                tracing::info!(epoch = ep, dev_f1 = f, "dev");
                if f > best_f {
                    best_f = f;
                    best_ep = ep;
                    best_report = sc.report();
                    true
                } else {
                    false
                }
            }
            None => ep == epochs,
        }
    };
    let (w, trans) = perceptron(&train_feats, o.bits, epochs, &mut cb);
    let model = Model::from_float(o.bits, &w, trans, res);
    let bytes = model.to_bytes();
    std::fs::write(&o.out, &bytes).map_err(|e| io_err(&o.out, e))?;
    let train_tokens: usize = train_docs
        .iter()
        .flat_map(|d| &d.sents)
        .map(|s| s.words.len())
        .sum();
    log.push_str(&format!(
        "trained on {} documents, {} tokens; epochs: {}\n",
        train_docs.len(),
        train_tokens,
        if o.fixed_epochs.is_some() || dev_feats.is_none() {
            format!("{epochs} (fixed)")
        } else {
            format!("{best_ep} of {epochs} (best on dev)")
        }
    ));
    if !best_report.is_empty() {
        log.push_str("dev (CoNLL labels):\n");
        log.push_str(&best_report);
    }
    log.push_str(&format!(
        "model: {} bytes written to {} in {:.1}s\n",
        bytes.len(),
        o.out.display(),
        t0.elapsed().as_secs_f32()
    ));
    Ok(log)
}

/// Parses `args` and trains; see [`parse_args`] for the flags.
pub fn train_command(args: &[String]) -> Result<String, EntitiesError> {
    let o = parse_args(args)?;
    train(&o)
}

/// Names and their types, for tests of the gazetteer key.
pub fn gazetteer_key(words: &[&str]) -> u64 {
    name_hash(words)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_args() {
        let a: Vec<String> = ["--conll-train", "t.txt", "--out", "m.bin", "--epochs", "3"]
            .iter()
            .map(|s| s.to_string())
            .collect();
        let o = parse_args(&a).unwrap();
        assert_eq!(o.epochs, 3);
        assert!(parse_args(&["--bogus".to_string()]).is_err());
        assert!(parse_args(&[]).is_err());
    }

    #[test]
    fn trains_a_tiny_model_end_to_end() {
        let dir = std::env::temp_dir().join(format!("gleaner-ent-train-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let train = dir.join("train.txt");
        let mut s = String::new();
        for _ in 0..20 {
            s.push_str("-DOCSTART- O\n\nMaria B-PER\nKowalski I-PER\nvisited O\nLisbon B-LOC\n. O\n\nThe O\nfirm O\nOrbix B-ORG\ngrew O\n. O\n\n");
        }
        std::fs::write(&train, s).unwrap();
        let out = dir.join("m.bin");
        let args: Vec<String> = [
            "--conll-train",
            train.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
            "--fixed-epochs",
            "3",
            "--bits",
            "14",
            "--clusters",
            "4",
            "--coarse-clusters",
            "2",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let summary = train_command(&args).unwrap();
        assert!(summary.contains("trained on 20 documents"));
        let m = Model::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
        let tags = m.tag_doc(&[vec!["Maria", "Kowalski", "visited", "Lisbon", "."]]);
        assert_eq!(tags[0], vec![1, 2, 0, 5, 0]);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
