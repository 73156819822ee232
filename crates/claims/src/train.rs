//! Training the tagger on brat data: gold BIO tags from the annotated spans,
//! a cue lexicon learned from the training split (cross-fitted in five folds
//! so that the training features see the lexicon as unseen text would), and
//! averaged-perceptron epochs, optionally scored on a dev split after each.

use crate::brat::{load_dir, BratDoc};
use crate::features::{extract, with_stack, Features};
use crate::lexicon::Lexicon;
use crate::model::{Model, Stack, Trainer, B_CON, B_CUE, B_SRC, I_CON, I_CUE, I_SRC, O};
use crate::tokenize::{tokenize, Tokenized};
use crate::ClaimsError;
use gleaner_core::CharIndex;
use std::fmt::Write as _;
use std::path::PathBuf;

/// Training settings.
#[derive(Debug, Clone)]
pub struct TrainConfig {
    /// Training split (brat).
    pub train: PathBuf,
    /// Dev split to score after each epoch, if any.
    pub dev: Option<PathBuf>,
    /// Where to write the model.
    pub out: PathBuf,
    /// Number of epochs.
    pub epochs: usize,
    /// Hash bits of the feature table.
    pub bits: u32,
    /// Train a second, stacked model on the first one's tags.
    pub stack: bool,
    /// Number of shuffles whose models are averaged (1: no bagging).
    pub bags: usize,
}

/// A tokenized training document with gold tags.
pub struct Example {
    /// Tokens.
    pub tok: Tokenized,
    /// Gold tag per token.
    pub tags: Vec<u8>,
}

/// Gold tags of `doc`'s tokens.
pub fn gold_tags(doc: &BratDoc, tok: &Tokenized) -> Vec<u8> {
    let idx = CharIndex::new(&doc.text);
    let mut tags = vec![O; tok.tokens.len()];
    let roles = [
        (&doc.contents, B_CON, I_CON),
        (&doc.sources, B_SRC, I_SRC),
        (&doc.cues, B_CUE, I_CUE),
    ];
    for (spans, b, i) in roles {
        for frags in spans {
            let mut first = true;
            for &(cs, ce) in frags {
                let (bs, be) = (idx.byte_of_char(cs), idx.byte_of_char(ce));
                let from = tok.tokens.partition_point(|t| t.end <= bs);
                for (k, t) in tok.tokens.iter().enumerate().skip(from) {
                    if t.start >= be {
                        break;
                    }
                    if let Some(slot) = tags.get_mut(k) {
                        *slot = if first { b } else { i };
                    }
                    first = false;
                }
            }
        }
    }
    // No role continues across a paragraph break (see `Features::breaks`).
    let mut prev_para: Option<u32> = None;
    for (t, tag) in tok.tokens.iter().zip(tags.iter_mut()) {
        if prev_para != Some(t.para) {
            *tag = match *tag {
                I_SRC => B_SRC,
                I_CUE => B_CUE,
                I_CON => B_CON,
                x => x,
            };
        }
        prev_para = Some(t.para);
    }
    tags
}

fn cue_runs(tags: &[u8]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for (k, &t) in tags.iter().enumerate() {
        if t == B_CUE {
            out.push((k, k));
        } else if t == I_CUE {
            if let Some(l) = out.last_mut() {
                if l.1 + 1 == k {
                    l.1 = k;
                }
            }
        }
    }
    out
}

/// Builds a lexicon from the given examples.
pub fn build_lexicon<'a>(examples: impl Iterator<Item = &'a Example> + Clone) -> Lexicon {
    let mut lex = Lexicon::default();
    for ex in examples.clone() {
        let words: Vec<&str> = ex.tok.tokens.iter().map(|t| t.lower.as_str()).collect();
        let cue: Vec<bool> = ex.tags.iter().map(|&t| t == B_CUE || t == I_CUE).collect();
        lex.add_doc(&words, &cue, &cue_runs(&ex.tags));
    }
    for ex in examples {
        let words: Vec<&str> = ex.tok.tokens.iter().map(|t| t.lower.as_str()).collect();
        lex.count_phrases(&words);
    }
    lex.prune();
    lex
}

/// Loads and tags a brat split.
pub fn examples(docs: &[BratDoc]) -> Vec<Example> {
    docs.iter()
        .map(|d| {
            let tok = tokenize(&d.text, &[]);
            let tags = gold_tags(d, &tok);
            Example { tok, tags }
        })
        .collect()
}

/// Trains one perceptron on the documents `sel` with features `feats`.
#[allow(clippy::too_many_arguments)] // private helper, called three ways
fn train_level(
    feats: &[Features],
    exs: &[Example],
    sel: &[usize],
    bits: u32,
    lexicon: Lexicon,
    epochs: usize,
    log: &mut String,
    label: &str,
    bags: usize,
) -> Model {
    // Training sequences: paragraphs (grouped to at least 40 tokens), so that
    // the perceptron updates often; decoding runs over whole documents.
    let mut order: Vec<(usize, usize, usize)> = Vec::new();
    for &d in sel {
        let Some(e) = exs.get(d) else { continue };
        let toks = &e.tok.tokens;
        let mut start = 0;
        for i in 1..=toks.len() {
            let brk = i == toks.len()
                || (i - start >= 40
                    && toks.get(i).map(|t| t.para) != toks.get(i - 1).map(|t| t.para));
            if brk {
                order.push((d, start, i));
                start = i;
            }
        }
    }
    // Bagging over shuffles: bag 0 is the plain run; further bags reshuffle
    // and their averaged weights are averaged together.
    let mut acc: Option<Model> = None;
    for bag in 0..bags.max(1) {
        let mut trainer = Trainer::new(bits, lexicon.clone());
        let mut seed: u64 =
            0x2545_F491_4F6C_DD1D ^ (bag as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
        let mut order = order.clone();
        for epoch in 0..epochs {
            for i in (1..order.len()).rev() {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                order.swap(i, (seed % (i as u64 + 1)) as usize);
            }
            let mut errors = 0;
            let mut total = 0;
            for &(i, a, b) in &order {
                if let (Some(f), Some(e)) = (feats.get(i), exs.get(i)) {
                    errors += trainer.learn(f, &e.tags, a, b);
                    total += b - a;
                }
            }
            tracing::info!(
                label,
                bag,
                epoch = epoch + 1,
                errors,
                "claims training epoch"
            );
            if epoch + 1 == epochs && bag == 0 {
                let _ = writeln!(
                    log,
                    "{label}: epoch {} tag error rate {:.4}",
                    epoch + 1,
                    errors as f64 / total.max(1) as f64
                );
            }
        }
        let m = trainer.finish();
        acc = Some(match acc {
            None => m,
            Some(mut a) => {
                for (x, y) in a.weights.iter_mut().zip(&m.weights) {
                    *x += *y;
                }
                for (x, y) in a.trans.iter_mut().zip(&m.trans) {
                    *x += *y;
                }
                a
            }
        });
    }
    let mut model = acc.unwrap_or_else(|| Model::new(bits, lexicon));
    let k = bags.max(1) as f32;
    if k > 1.0 {
        for x in model.weights.iter_mut().chain(model.trans.iter_mut()) {
            *x /= k;
        }
    }
    model
}

/// Trains a tagger (stacked unless `cfg.stack` is false); returns it and a
/// log.
pub fn train(cfg: &TrainConfig) -> Result<(Stack, String), ClaimsError> {
    let mut log = String::new();
    let docs = load_dir(&cfg.train)?;
    let exs = examples(&docs);
    const FOLDS: usize = 5;
    let fold_lex: Vec<Lexicon> = (0..FOLDS)
        .map(|k| {
            build_lexicon(
                exs.iter()
                    .enumerate()
                    .filter(move |(i, _)| i % FOLDS != k)
                    .map(|(_, e)| e),
            )
        })
        .collect();
    let full = build_lexicon(exs.iter());
    let _ = writeln!(
        log,
        "train docs {}, tokens {}, lexicon words {}, phrases {}",
        exs.len(),
        exs.iter().map(|e| e.tags.len()).sum::<usize>(),
        full.words.len(),
        full.phrases.len()
    );
    let feats: Vec<Features> = exs
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let lex = fold_lex.get(i % FOLDS).unwrap_or(&full);
            extract(&e.tok, lex, cfg.bits)
        })
        .collect();
    let all: Vec<usize> = (0..exs.len()).collect();
    let first = train_level(
        &feats,
        &exs,
        &all,
        cfg.bits,
        full.clone(),
        cfg.epochs,
        &mut log,
        "level 1",
        cfg.bags,
    );
    let second = if cfg.stack {
        // Cross-fitted first-level tags for the training documents.
        let mut tags1: Vec<Vec<u8>> = vec![Vec::new(); exs.len()];
        for k in 0..FOLDS {
            let sel: Vec<usize> = all.iter().copied().filter(|i| i % FOLDS != k).collect();
            let m = train_level(
                &feats,
                &exs,
                &sel,
                cfg.bits,
                full.clone(),
                cfg.epochs,
                &mut log,
                "fold",
                cfg.bags,
            );
            for i in all.iter().copied().filter(|i| i % FOLDS == k) {
                if let (Some(f), Some(slot)) = (feats.get(i), tags1.get_mut(i)) {
                    *slot = m.decode(f);
                }
            }
        }
        let feats2: Vec<Features> = exs
            .iter()
            .zip(&feats)
            .zip(&tags1)
            .map(|((e, f), t)| with_stack(f, &e.tok, t, cfg.bits))
            .collect();
        Some(train_level(
            &feats2,
            &exs,
            &all,
            cfg.bits,
            full.clone(),
            cfg.epochs,
            &mut log,
            "level 2",
            cfg.bags,
        ))
    } else {
        None
    };
    let stack = Stack { first, second };
    if let Some(dev) = &cfg.dev {
        let dev_docs = load_dir(dev)?;
        if cfg.stack {
            let one = Stack {
                first: stack.first.clone(),
                second: None,
            };
            let s = crate::score_docs(&crate::ClaimExtractor::from_model(one), &dev_docs);
            let _ = writeln!(log, "dev, level 1 only:\n{}", crate::eval::report(&s));
        }
        let s = crate::score_docs(&crate::ClaimExtractor::from_model(stack.clone()), &dev_docs);
        let _ = writeln!(log, "dev:\n{}", crate::eval::report(&s));
    }
    Ok((stack, log))
}

/// Parses `--train DIR [--dev DIR] [--out FILE] [--epochs N] [--bits B]`.
pub fn parse_args(args: &[String]) -> Result<TrainConfig, ClaimsError> {
    let mut cfg = TrainConfig {
        train: PathBuf::new(),
        dev: None,
        out: PathBuf::from("crates/claims/model/claims.bin"),
        epochs: 8,
        bits: 18,
        stack: true,
        bags: 1,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut val = || {
            it.next()
                .cloned()
                .ok_or_else(|| ClaimsError::Usage(format!("{a} needs a value")))
        };
        match a.as_str() {
            "--train" => cfg.train = PathBuf::from(val()?),
            "--dev" => cfg.dev = Some(PathBuf::from(val()?)),
            "--no-stack" => cfg.stack = false,
            "--bags" => {
                cfg.bags = val()?
                    .parse()
                    .map_err(|_| ClaimsError::Usage("--bags takes a number".into()))?
            }
            "--out" => cfg.out = PathBuf::from(val()?),
            "--epochs" => {
                cfg.epochs = val()?
                    .parse()
                    .map_err(|_| ClaimsError::Usage("--epochs takes a number".into()))?
            }
            "--bits" => {
                let b: u32 = val()?
                    .parse()
                    .map_err(|_| ClaimsError::Usage("--bits takes a number".into()))?;
                if !(8..=24).contains(&b) {
                    return Err(ClaimsError::Usage("--bits must be 8..=24".into()));
                }
                cfg.bits = b;
            }
            other => return Err(ClaimsError::Usage(format!("unknown argument {other}"))),
        }
    }
    if cfg.train.as_os_str().is_empty() {
        return Err(ClaimsError::Usage(
            "usage: train --train DIR [--dev DIR] [--out FILE] [--epochs N] [--bits B] [--bags N] [--no-stack]".into(),
        ));
    }
    Ok(cfg)
}
