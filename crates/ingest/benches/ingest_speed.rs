//! Ingest throughput on generated input (no corpus needed): a 20 MB plain
//! text file, a 200 KB HTML page and a page of 100,000 nested `<div>`s. Run with `cargo bench -p gleaner-ingest`.

use gleaner_ingest::{ingest_bytes, IngestOptions};
use std::path::Path;
use std::time::Instant;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let opts = IngestOptions::default();
    let mut text = String::from(
        "Ferry link approved\n\nBy Jane Doe\n\nTuesday 19 February 2019 09:19 EST\n\n",
    );
    while text.len() < 20_000_000 {
        text.push_str(
            "The council met on Monday and talked about the ferry, the pier and the cost of both. ",
        );
        text.push('\n');
    }
    let t = Instant::now();
    let out = ingest_bytes(Path::new("big.txt"), "big", text.as_bytes(), &opts);
    let secs = t.elapsed().as_secs_f64();
    assert!(out.iter().all(Result::is_ok));
    println!(
        "txt: {:.1} MB in {:.3} s = {:.0} MB/s",
        text.len() as f64 / 1e6,
        secs,
        text.len() as f64 / 1e6 / secs
    );

    let mut html = String::from(
        "<html><head><title>Ferry</title></head><body><nav><a href=/>Home</a></nav><article>",
    );
    while html.len() < 200_000 {
        html.push_str("<p>The council met on Monday and talked about the ferry, the pier and the cost of both.</p>");
    }
    html.push_str("</article></body></html>");
    let runs = 20;
    let t = Instant::now();
    for _ in 0..runs {
        let out = ingest_bytes(Path::new("page.html"), "page", html.as_bytes(), &opts);
        assert!(out.iter().all(Result::is_ok));
    }
    let per = t.elapsed().as_secs_f64() / f64::from(runs);
    println!(
        "html: {:.0} KB page in {:.1} ms",
        html.len() as f64 / 1e3,
        per * 1e3
    );

    let depth = 100_000;
    let deep = format!(
        "<html><body>{}<p>The innermost paragraph of a very deep page.</p>{}</body></html>",
        "<div>".repeat(depth),
        "</div>".repeat(depth)
    );
    let t = Instant::now();
    let out = ingest_bytes(Path::new("deep.html"), "deep", deep.as_bytes(), &opts);
    assert!(out.iter().all(Result::is_ok));
    println!(
        "html: {depth} nested divs ({:.1} MB) in {:.1} ms",
        deep.len() as f64 / 1e6,
        t.elapsed().as_secs_f64() * 1e3
    );
}
