//! Measures candidate HTML article extractors side by side on the
//! article-extraction benchmark, with the same decoding for all of them; the
//! table in EXTRACTION.md comes from here:
//!
//! ```text
//! cargo run --release -p gleaner-ingest --features compare-extractors \
//!     --example compare_extractors -- ../shared/data/article-extraction-dev
//! ```

use gleaner_ingest::encoding::{decode, html_declared_charset};
use gleaner_ingest::eval::{evaluate_with, load_benchmark, TABLE_HEADER};
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
    let pages = load_benchmark(&dir)?;
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
