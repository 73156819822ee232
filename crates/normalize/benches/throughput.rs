//! Throughput of `normalize` on a synthetic article stream (std::time, no
//! criterion). Prints MB/s for ordinary articles, Markdown articles and
//! pathological Markdown, a single 10 MB line and a body of whitespace only.
//!
//! ```text
//! cargo bench -p gleaner-normalize --bench throughput
//! ```

use gleaner_core::{Document, Format, Meta, SourceInfo};
use gleaner_normalize::{normalize, NormalizeOptions};
use std::time::Instant;

fn doc_as(body: String, format: Format) -> Document {
    let source = SourceInfo {
        path: "bench.txt".into(),
        format,
        hash: String::new(),
        line: None,
        encoding: None,
    };
    let meta = Meta {
        title: Some("Harbor board delays vote on new cranes".into()),
        ..Meta::default()
    };
    Document::new("bench", source, meta, body)
}

/// An invented article with curly quotes, odd spaces and boilerplate lines.
fn article(i: usize) -> String {
    format!(
        "Harbor board delays vote on new cranes\n\n\
         The harbor board put off a vote on {i} new cranes on Tuesday, \u{201c}for now,\u{201d} said Gen. Ada L. Brandt.\u{a0}\u{a0}Costs rose 3.5 percent.\n\
         Read more: Why the port is losing money\n\n\
         Dock workers unload a ship in the rain (Getty)\n\n\
         Critics said the plan\u{2019}s budget was unclear. \u{201c}We need answers,\u{201d} one member said.\r\n\r\n\
         Leave a Reply\n\
         Your email address will not be published. Required fields are marked *\n\n"
    )
}

fn run(name: &str, body: String, reps: usize) {
    run_with(name, body, reps, &NormalizeOptions::default());
}

fn run_with(name: &str, body: String, reps: usize, opts: &NormalizeOptions) {
    run_as(name, body, reps, opts, Format::Txt);
}

/// A Markdown version of [`article`].
fn md_article(i: usize) -> String {
    format!(
        "# Harbor board delays vote on new cranes\n\n*By Ada Brandt*\n\n\
         The **harbor board** put off a vote on {i} new cranes on [Tuesday](https://x.test/t), \u{201c}for now,\u{201d} said Gen. Ada L. Brandt.\n\n\
         ![Dock workers unload a ship](https://x.test/p.jpg)\n\n\
         > Critics said the plan\u{2019}s budget was unclear.\n\n\
         - Costs rose 3.5 percent.\n- A vote is due in *June*.\n\n"
    )
}

fn run_as(name: &str, body: String, reps: usize, opts: &NormalizeOptions, format: Format) {
    let bytes = body.len() * reps;
    let start = Instant::now();
    let mut sentences = 0;
    for _ in 0..reps {
        let mut d = doc_as(body.clone(), format);
        normalize(&mut d, opts);
        sentences += d.sentences.len();
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{name}: {:.1} MB in {:.3} s = {:.1} MB/s ({sentences} sentences)",
        bytes as f64 / 1e6,
        secs,
        bytes as f64 / 1e6 / secs.max(1e-9)
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let articles: String = (0..20_000).map(article).collect();
    run("articles (20k concatenated)", articles.clone(), 1);
    let off = NormalizeOptions {
        boilerplate: false,
        ..NormalizeOptions::default()
    };
    run_with("articles, boilerplate = false", articles.clone(), 1, &off);
    let big: String = articles.repeat(6);
    run("50 MB text", big, 1);
    run("one article x 2000", article(7), 2000);
    let md = NormalizeOptions::default();
    let md_articles: String = (0..20_000).map(md_article).collect();
    run_as(
        "markdown articles (20k concatenated)",
        md_articles,
        1,
        &md,
        Format::Md,
    );
    run_as(
        "markdown, 1 MB of unclosed brackets and emphasis",
        "[*a _b ![c ".repeat(100_000),
        1,
        &md,
        Format::Md,
    );
    run_as(
        "markdown, 1 MB of nested quotes and lists",
        "> - > 1. ".repeat(100_000),
        1,
        &md,
        Format::Md,
    );
    run("single 10 MB line", "word ".repeat(2_000_000), 1);
    run("whitespace only 10 MB", " \n\t\u{a0}".repeat(2_500_000), 1);
}
