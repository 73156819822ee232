//! Prints the canonical entities of plain-text files:
//! `cargo run --release -p gleaner-entities --example annotate -- [--raw] FILE...`
//! (`--raw` also prints every recognized mention before merging).

use gleaner_core::{Document, Format, Meta, SourceInfo};
use gleaner_entities::{EntitiesAnalyzer, EntitiesOptions};

fn main() {
    let analyzer = match EntitiesAnalyzer::new(EntitiesOptions::default()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    let args: Vec<String> = std::env::args().skip(1).collect();
    let raw = args.iter().any(|a| a == "--raw");
    for path in args.into_iter().filter(|a| a != "--raw") {
        let body = match std::fs::read_to_string(&path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let src = SourceInfo {
            path: path.clone(),
            format: Format::Txt,
            hash: String::new(),
            line: None,
            encoding: None,
        };
        let doc = Document::new(path.clone(), src, Meta::default(), body);
        println!("== {path}");
        if raw {
            if let Ok(rec) = gleaner_entities::EntityRecognizer::embedded() {
                for (r, l) in rec.recognize(&doc.text) {
                    println!(
                        "  {:>6} {:12} {}",
                        r.start,
                        l.as_str(),
                        &doc.text[r.clone()]
                    );
                }
            }
        }
        for e in analyzer.entities(&doc) {
            let titles = e
                .attributes
                .get("titles")
                .map(|t| t.join("; "))
                .unwrap_or_default();
            println!(
                "{:4} {:12} {:32} x{:<3} aliases: {:?}{}",
                e.id,
                e.label.as_str(),
                e.name,
                e.mentions.len(),
                e.aliases,
                if titles.is_empty() {
                    String::new()
                } else {
                    format!(" titles: {titles}")
                }
            );
        }
    }
}
