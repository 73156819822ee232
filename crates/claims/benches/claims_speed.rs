//! Speed of the claims extractor on synthetic news paragraphs, in words/s:
//! extraction alone, and the analyzer's whole step on a document (with
//! sources resolved to the entities tagged beforehand, genders included).

use gleaner_claims::{ClaimExtractor, ExtractOptions};
use gleaner_core::{Document, Format, Meta, SourceInfo};
use std::time::Instant;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let ex = match ClaimExtractor::embedded() {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot load model: {e}");
            std::process::exit(1);
        }
    };
    let paras = [
        "\"We will not back down on this,\" the mayor said on Tuesday, adding that the city council had approved the plan.",
        "According to a report by the state auditor, the agency spent twice its budget last year.",
        "The company denied the allegations in a statement, saying it had always followed the rules.",
        "Officials warned that the storm could bring flooding to coastal towns, and residents were told to prepare.",
        "Senator Jane Moss told reporters she expected the bill to pass. \"It is a good bill,\" she said. \"It helps families.\"",
        "Prices rose by three percent in March, the highest monthly increase since the autumn of last year.",
    ];
    let mut text = String::new();
    for k in 0..60 {
        let p = paras[k % paras.len()];
        text.push_str(p);
        text.push_str("\n\n");
    }
    let words = text.split_whitespace().count();
    // Warm up, then five rounds; the machine is shared, so print the median
    // and the best round.
    let mut n = ex.extract_text(&text, ExtractOptions::default()).len();
    let iters = 60;
    let mut rates = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        for _ in 0..iters {
            n += ex.extract_text(&text, ExtractOptions::default()).len();
        }
        let secs = t0.elapsed().as_secs_f64();
        rates.push((words * iters) as f64 / secs);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "claims: {:.0} words/s median, {:.0} best ({} words x {} iterations x 5 rounds, {} claims)",
        rates[2], rates[4], words, iters, n
    );

    // The analyzer's step: extraction plus resolution on a document whose
    // entities are already tagged (as the pipeline runs it).
    let entities = match gleaner_entities::EntitiesAnalyzer::new(Default::default()) {
        Ok(a) => a,
        Err(e) => {
            eprintln!("cannot load the entity model: {e}");
            std::process::exit(1);
        }
    };
    let mut doc = Document::new(
        "bench",
        SourceInfo {
            path: "bench.txt".into(),
            format: Format::Txt,
            hash: String::new(),
            line: None,
            encoding: None,
        },
        Meta::default(),
        text.clone(),
    );
    doc.entities = entities.entities(&doc);
    let mut rates = Vec::new();
    for _ in 0..5 {
        let t0 = Instant::now();
        for _ in 0..iters {
            n += ex.extract_document(&doc, ExtractOptions::default()).len();
        }
        let secs = t0.elapsed().as_secs_f64();
        rates.push((words * iters) as f64 / secs);
    }
    rates.sort_by(|a, b| a.total_cmp(b));
    println!(
        "claims with resolution: {:.0} words/s median, {:.0} best ({} entities, {} claims in all)",
        rates[2],
        rates[4],
        doc.entities.len(),
        n
    );
}
