//! Makes `model/given-names.tsv` from CoNLL-2003 training data and raw
//! news text (the committed table: PolNeAR train's texts): every
//! document's people (gold PER spans, one person per surname) are gendered
//! by the document's own titles, role nouns and pronouns
//! (`gleaner_claims::gender::learn_given_names`), and given names seen in
//! enough documents, 90 % one way, are kept.
//!
//! Raw text folders (`--text DIR`, every `.txt` below it) are read too,
//! with people found by the embedded entity recognizer.
//!
//! `cargo run --release -p gleaner-claims --example learn_names -- CONLL_FILE... [--text DIR]... [--min-docs N] [--out FILE]`

use gleaner_claims::gender::{given_names_table, learn_given_names, LearnDoc};
use gleaner_claims::resolve::MentionRef;
use gleaner_core::EntityLabel;
use std::collections::HashMap;
use std::process::ExitCode;

/// People in raw text by the entity recognizer, one person per surname;
/// sentences end after ". ", "? ", "! " before a capital, and at line breaks.
fn raw_document(rec: &gleaner_entities::EntityRecognizer, text: String) -> LearnDoc {
    let mut starts = vec![0];
    let b = text.as_bytes();
    for i in 1..b.len() {
        let prev = b[i - 1];
        let after_stop = i >= 2
            && prev == b' '
            && matches!(b[i - 2], b'.' | b'?' | b'!' | b'"')
            && b[i].is_ascii_uppercase();
        if prev == b'\n' || after_stop {
            starts.push(i);
        }
    }
    let spans: Vec<(usize, usize, String)> = rec
        .recognize(&text)
        .into_iter()
        .filter(|(_, l)| *l == EntityLabel::Person)
        .filter_map(|(r, _)| {
            let last = text.get(r.clone())?.split_whitespace().last()?.to_string();
            Some((r.start, r.end, last))
        })
        .collect();
    learn_doc(text, spans, starts)
}

/// A document of `spans` (start, end, surname): one person per surname.
fn learn_doc(text: String, spans: Vec<(usize, usize, String)>, starts: Vec<usize>) -> LearnDoc {
    let mut ids: HashMap<String, usize> = HashMap::new();
    let mut mentions: Vec<MentionRef> = spans
        .into_iter()
        .map(|(start, end, last)| {
            let n = ids.len();
            let entity = *ids.entry(last).or_insert(n);
            MentionRef {
                start,
                end,
                entity,
                label: EntityLabel::Person,
            }
        })
        .collect();
    mentions.sort_by_key(|m| (m.start, m.end));
    LearnDoc {
        text,
        mentions,
        sentence_starts: starts,
    }
}

/// Every `.txt` file below `dir`, sorted.
fn txt_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) -> std::io::Result<()> {
    for e in std::fs::read_dir(dir)? {
        let p = e?.path();
        if p.is_dir() {
            txt_files(&p, out)?;
        } else if p.extension().is_some_and(|x| x == "txt") {
            out.push(p);
        }
    }
    out.sort();
    Ok(())
}

/// Builds one document from its sentences of (token, NER tag).
fn document(sentences: &[Vec<(String, String)>]) -> LearnDoc {
    let mut text = String::new();
    let mut starts = Vec::new();
    let mut spans: Vec<(usize, usize, String)> = Vec::new();
    for sent in sentences {
        if !text.is_empty() {
            text.push('\n');
        }
        starts.push(text.len());
        let mut open: Option<(usize, usize, String)> = None;
        for (k, (tok, tag)) in sent.iter().enumerate() {
            if k > 0 {
                text.push(' ');
            }
            let a = text.len();
            text.push_str(tok);
            let b = text.len();
            let person = tag.ends_with("-PER");
            let begins = tag == "B-PER" || open.is_none();
            match (&mut open, person) {
                (Some(o), true) if !begins => {
                    o.1 = b;
                    o.2 = tok.clone();
                }
                (_, true) => {
                    if let Some(o) = open.take() {
                        spans.push(o);
                    }
                    open = Some((a, b, tok.clone()));
                }
                (_, false) => {
                    if let Some(o) = open.take() {
                        spans.push(o);
                    }
                }
            }
        }
        if let Some(o) = open.take() {
            spans.push(o);
        }
    }
    learn_doc(text, spans, starts)
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut files = Vec::new();
    let mut min_docs = 3u32;
    let mut out: Option<String> = None;
    let mut text_dirs: Vec<String> = Vec::new();
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--min-docs" if i + 1 < args.len() => {
                let Ok(n) = args[i + 1].parse() else {
                    eprintln!("--min-docs takes a number, not {:?}", args[i + 1]);
                    return ExitCode::from(2);
                };
                min_docs = n;
                i += 2;
            }
            "--text" if i + 1 < args.len() => {
                text_dirs.push(args[i + 1].clone());
                i += 2;
            }
            "--out" if i + 1 < args.len() => {
                out = Some(args[i + 1].clone());
                i += 2;
            }
            f if !f.starts_with("--") => {
                files.push(f.to_string());
                i += 1;
            }
            other => {
                eprintln!("unknown argument {other:?}; usage: learn_names CONLL_FILE... [--text DIR]... [--min-docs N] [--out FILE]");
                return ExitCode::from(2);
            }
        }
    }
    if files.is_empty() && text_dirs.is_empty() {
        eprintln!("usage: learn_names CONLL_FILE... [--text DIR]... [--min-docs N] [--out FILE]");
        return ExitCode::from(2);
    }
    let mut docs = Vec::new();
    for f in &files {
        let raw = match std::fs::read_to_string(f) {
            Ok(r) => r,
            Err(e) => {
                eprintln!("{f}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let mut sentences: Vec<Vec<(String, String)>> = Vec::new();
        let mut sent: Vec<(String, String)> = Vec::new();
        for line in raw.lines() {
            if line.starts_with("-DOCSTART-") {
                if !sent.is_empty() {
                    sentences.push(std::mem::take(&mut sent));
                }
                if !sentences.is_empty() {
                    docs.push(document(&sentences));
                    sentences.clear();
                }
                continue;
            }
            let cols: Vec<&str> = line.split_whitespace().collect();
            match (cols.first(), cols.last()) {
                (Some(tok), Some(tag)) if cols.len() >= 2 => {
                    sent.push((tok.to_string(), tag.to_string()));
                }
                _ => {
                    if !sent.is_empty() {
                        sentences.push(std::mem::take(&mut sent));
                    }
                }
            }
        }
        if !sent.is_empty() {
            sentences.push(sent);
        }
        if !sentences.is_empty() {
            docs.push(document(&sentences));
        }
    }
    let conll_docs = docs.len();
    if !text_dirs.is_empty() {
        let rec = match gleaner_entities::EntityRecognizer::embedded() {
            Ok(r) => r,
            Err(e) => {
                eprintln!("entity model: {e}");
                return ExitCode::FAILURE;
            }
        };
        for d in &text_dirs {
            let mut paths = Vec::new();
            if let Err(e) = txt_files(std::path::Path::new(d), &mut paths) {
                eprintln!("{d}: {e}");
                return ExitCode::FAILURE;
            }
            for p in paths {
                match std::fs::read_to_string(&p) {
                    Ok(t) => docs.push(raw_document(&rec, t)),
                    Err(e) => {
                        eprintln!("{}: {e}", p.display());
                        return ExitCode::FAILURE;
                    }
                }
            }
        }
    }
    let votes = learn_given_names(&docs);
    let table = given_names_table(&votes, min_docs);
    let header = format!(
        "# Given names and the gender training documents give their bearers\n\
         # (name, M or F, documents). Made by crates/claims/examples/learn_names.rs\n\
         # from {conll_docs} CoNLL documents and {} raw texts, --min-docs {min_docs};\n\
         # see model/PROVENANCE.md.\n",
        docs.len() - conll_docs
    );
    let body = format!("{header}{table}");
    match out {
        Some(path) => {
            if let Err(e) = std::fs::write(&path, body) {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
            eprintln!(
                "{} names from {} documents ({} seen gendered) written to {path}",
                table.lines().count(),
                docs.len(),
                votes.len()
            );
        }
        None => print!("{body}"),
    }
    ExitCode::SUCCESS
}
