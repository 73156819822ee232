//! Where the time of HTML extraction goes, per page of the article-extraction
//! benchmark: decoding, `sanitize`, gleaner-ingest's own `dom_query` parse
//! and `page_meta` walk, rs-trafilatura (which parses the page again on its
//! own), and `extract_here` as a whole, in ms per page.
//!
//! ```text
//! cargo run --release -p gleaner-ingest --example html_phases -- ../shared/data/article-extraction-dev [ROUNDS]
//! ```

use gleaner_ingest::{encoding, eval, html, sanitize};
use std::process::ExitCode;
use std::time::Instant;

fn main() -> ExitCode {
    let mut args = std::env::args_os().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: html_phases BENCHMARK_DIR [ROUNDS]");
        return ExitCode::from(2);
    };
    let rounds: u32 = match args.next().map(|r| r.to_string_lossy().parse()) {
        None => 3,
        Some(Ok(r)) if r > 0 => r,
        Some(_) => {
            eprintln!("ROUNDS must be a positive integer");
            return ExitCode::from(2);
        }
    };
    let pages = match eval::load_benchmark(std::path::Path::new(&dir)) {
        Ok(p) => p,
        Err(e) => {
            eprintln!("error: {e}");
            return ExitCode::FAILURE;
        }
    };
    let mut texts = Vec::with_capacity(pages.len());
    let t = Instant::now();
    for p in &pages {
        let declared = encoding::html_declared_charset(&p.html);
        match encoding::decode(&p.html, declared.as_deref()) {
            Ok(d) => texts.push(d.text),
            Err(e) => eprintln!("{}: not decoded ({e:?})", p.name),
        }
    }
    let decode = t.elapsed().as_secs_f64();
    let mut phase = [0.0f64; 5];
    for _ in 0..rounds {
        for text in &texts {
            let t = Instant::now();
            let clean = sanitize::sanitize(text);
            phase[0] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            let doc = dom_query::Document::from(clean.as_str());
            phase[1] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(html::page_meta(&doc));
            phase[2] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(html::main_text(&clean));
            phase[3] += t.elapsed().as_secs_f64();
            let t = Instant::now();
            std::hint::black_box(html::extract_here(text, true));
            phase[4] += t.elapsed().as_secs_f64();
        }
    }
    let n = texts.len().max(1) as f64;
    let ms = |s: f64, runs: f64| s / (n * runs) * 1e3;
    let r = f64::from(rounds);
    println!("{} pages, {rounds} rounds, ms per page:", texts.len());
    println!("| decode | sanitize | dom_query parse | page_meta | rs-trafilatura | extract_here |");
    println!("|---|---|---|---|---|---|");
    println!(
        "| {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} |",
        ms(decode, 1.0),
        ms(phase[0], r),
        ms(phase[1], r),
        ms(phase[2], r),
        ms(phase[3], r),
        ms(phase[4], r)
    );
    ExitCode::SUCCESS
}
