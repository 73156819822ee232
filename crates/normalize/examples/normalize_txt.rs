//! Normalizes plain-text articles and prints the result, for reading by eye.
//!
//! Ingests each `.txt` naively (body = the file's contents, `meta.title` = its
//! first non-blank line), runs [`gleaner_normalize::normalize`] with default
//! options and prints `text`, then the sentences, then every removal with its
//! reason.
//!
//! ```text
//! cargo run -p gleaner-normalize --example normalize_txt -- FILE.txt [FILE.txt ...]
//! ```

use gleaner_core::{Document, Format, Meta, SourceInfo};
use gleaner_normalize::{normalize, NormalizeOptions};
use std::process::ExitCode;

fn main() -> ExitCode {
    let paths: Vec<String> = std::env::args().skip(1).collect();
    if paths.is_empty() {
        eprintln!("usage: normalize_txt FILE.txt [FILE.txt ...]");
        return ExitCode::from(2);
    }
    let show_sentences = std::env::var_os("SHOW_SENTENCES").is_some();
    for path in paths {
        let body = match std::fs::read_to_string(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                return ExitCode::FAILURE;
            }
        };
        let title = body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_owned);
        let meta = Meta {
            title,
            ..Meta::default()
        };
        let source = SourceInfo {
            path: path.clone(),
            format: Format::Txt,
            hash: String::new(),
            line: None,
            encoding: None,
        };
        let mut doc = Document::new(path.clone(), source, meta, body);
        normalize(&mut doc, &NormalizeOptions::default());
        println!("===== {path}");
        println!("----- text");
        println!("{}", doc.text);
        if show_sentences {
            println!("----- sentences");
            let sb = doc.span_builder();
            for s in &doc.sentences {
                let r = sb.byte_range(&s.span);
                println!("[p{}] {}", s.paragraph, doc.text.get(r).unwrap_or(""));
            }
        }
        println!("----- removed");
        for r in &doc.removed {
            println!(
                "[{}] @{} src {}..{}: {:?}",
                r.reason, r.span.start, r.span.source_start, r.span.source_end, r.text
            );
        }
    }
    ExitCode::SUCCESS
}
