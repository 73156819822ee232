//! Measures candidate HTML article extractors side by side on the
//! article-extraction benchmark, with the same decoding for all of them; the
//! table in EXTRACTION.md comes from here:
//!
//! ```text
//! cargo run --release -p gleaner-ingest --features compare-extractors \
//!     --example compare_extractors -- ../shared/data/article-extraction-dev [--worst N]
//! ```
//!
//! With `--worst N` it also lists gleaner-ingest's N pages of lowest
//! precision, with the start of the extracted and the gold text.

use gleaner_ingest::encoding::{decode, html_declared_charset};
use gleaner_ingest::eval::{evaluate_with, load_benchmark, score_page, TABLE_HEADER};
use gleaner_ingest::{extract_for_eval, html, IngestOptions};
use std::path::PathBuf;

fn text_of(bytes: &[u8]) -> String {
    decode(bytes, html_declared_charset(bytes).as_deref())
        .map(|d| d.text)
        .unwrap_or_default()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: compare_extractors BENCHMARK_DIR")?;
    let worst: usize = match std::env::args().nth(2).as_deref() {
        Some("--worst") => std::env::args()
            .nth(3)
            .and_then(|n| n.parse().ok())
            .unwrap_or(10),
        _ => 0,
    };
    let pages = load_benchmark(&dir)?;
    if worst > 0 {
        let opts = IngestOptions::default();
        let mut rows: Vec<(f64, f64, &str, String, &str)> = pages
            .iter()
            .map(|p| {
                let pred = extract_for_eval(&p.html, &opts);
                let s = score_page(&p.gold, &pred);
                let prec = if s.tp + s.fp > 0.0 {
                    s.tp / (s.tp + s.fp)
                } else {
                    1.0
                };
                let rec = if s.tp + s.fn_ > 0.0 {
                    s.tp / (s.tp + s.fn_)
                } else {
                    1.0
                };
                (prec, rec, p.name.as_str(), pred, p.gold.as_str())
            })
            .collect();
        rows.sort_by(|a, b| a.0.total_cmp(&b.0));
        for (prec, rec, name, pred, gold) in rows.iter().take(worst) {
            let head = |t: &str| t.chars().take(300).collect::<String>().replace('\n', " / ");
            println!(
                "{name} P={prec:.3} R={rec:.3}\n  pred: {}\n  gold: {}\n",
                head(pred),
                head(gold)
            );
        }
    }
    println!("{TABLE_HEADER}");
    let with_fallback = IngestOptions::default();
    let r = evaluate_with(&pages, |b| extract_for_eval(b, &with_fallback));
    println!(
        "{}",
        r.row("gleaner-ingest: rs-trafilatura 0.2.2 + fallback")
    );
    let r = evaluate_with(&pages, |b| html::main_text(&text_of(b)));
    println!("{}", r.row("rs-trafilatura 0.2.2 alone"));
    let r = evaluate_with(&pages, |b| {
        let doc = dom_query::Document::from(text_of(b));
        html::fallback_text(&doc)
    });
    println!("{}", r.row("fallback paragraphs alone"));
    let r = evaluate_with(&pages, |b| {
        dom_smoothie::Readability::new(text_of(b), None, None)
            .and_then(|mut r| r.parse())
            .map(|a| a.text_content.to_string())
            .unwrap_or_default()
    });
    println!("{}", r.row("dom_smoothie 0.19.0"));
    let base = url::Url::parse("https://example.com/")?;
    let r = evaluate_with(&pages, |b| {
        let text = text_of(b);
        readability::extractor::extract(&mut text.as_bytes(), &base)
            .map(|p| p.text)
            .unwrap_or_default()
    });
    println!("{}", r.row("readability 0.3.0"));
    Ok(())
}
