//! Throughput of the tagger on generated news-style text: prints words/s on
//! one core. `cargo bench -p gleaner-dates`

use gleaner_dates::{Anchor, DateTagger, DatesOptions};
use std::time::Instant;

/// Builds about `words` words of news-like text from a fixed pool of
/// sentences (written for this benchmark), about one in four with a date.
fn corpus(words: usize) -> String {
    const POOL: &[&str] = &[
        "The ministry said Saturday that talks with the company had stalled again.",
        "Shares of the firm fell 4.5 percent to $23.10 in early trading on the exchange.",
        "Analysts expect revenue to grow in the third quarter of 2019, according to a survey.",
        "The board will meet on March 1 to decide whether to approve the merger plan.",
        "Officials declined to comment on the report, citing an ongoing investigation by regulators.",
        "Prices have risen sharply in recent months as supply tightened across the region.",
        "The executive was detained in December and released on bail two weeks later.",
        "We may never know what the minister told Theresa May during the private meeting.",
        "The plant, which employs 1,200 people, opened in 1998 and was expanded in the 2000s.",
        "Call the newsroom at 555-2019 or write to the editors with corrections and tips.",
        "Demonstrators gathered outside parliament, chanting slogans and waving national flags.",
        "Tuesday 19 February 2019 09:19 EST",
        "The contract runs for three years with an option to extend it by another five-year term.",
        "A spokesperson said the company had complied with every law in every market it serves.",
    ];
    let mut s = String::with_capacity(words * 7);
    let mut n = 0;
    let mut i = 0usize;
    while n < words {
        let sent = POOL[i % POOL.len()];
        s.push_str(sent);
        s.push(if i % 5 == 4 { '\n' } else { ' ' });
        n += sent.split_whitespace().count();
        i += 1;
    }
    s
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let text = corpus(2_000_000);
    let words = text.split_whitespace().count();
    let tagger = DateTagger::new(DatesOptions::default());
    let anchor = Anchor::parse("2019-02-19");
    // Warm-up.
    let found = tagger.tag(&text, anchor.as_ref()).len();
    let runs = 5;
    let start = Instant::now();
    let mut total = 0;
    for _ in 0..runs {
        total += tagger
            .tag(std::hint::black_box(&text), anchor.as_ref())
            .len();
    }
    let secs = start.elapsed().as_secs_f64();
    let wps = (words * runs) as f64 / secs;
    println!(
        "dates tagger: {words} words x {runs} runs in {secs:.3} s = {wps:.0} words/s ({found} expressions per run, {total} total)"
    );
}
