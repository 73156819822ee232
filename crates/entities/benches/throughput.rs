//! Throughput and load-time benchmark: `cargo bench -p gleaner-entities`.
//!
//! Generates about 300,000 words of news-style text (templates with
//! pseudo-words, so the vocabulary is large as in real news and the weight
//! table is not all in cache), then measures (single thread) the model load time,
//! `EntityRecognizer::recognize` and the full analyzer (recognition plus
//! canonical merging), printing words per second.

use gleaner_core::{Document, Format, Meta, SourceInfo};
use gleaner_entities::{EntitiesAnalyzer, EntitiesOptions, EntityRecognizer};
use std::time::Instant;

/// A small deterministic generator (xorshift).
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 >> 11) as usize
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> &'a str {
        xs[self.next() % xs.len()]
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "lor", "ven", "mi", "to", "sar", "bel", "dun", "ri", "os", "tan", "gre", "hal", "vik",
    "mo", "ra", "zen", "pol", "ith", "an", "der", "sul", "fe", "nor", "cal", "bri", "um", "est",
];
const FUNCTION: &[&str] = &[
    "the", "of", "and", "to", "in", "a", "on", "for", "that", "with", "by", "from", "at", "as",
    "its", "was", "is", "has", "will", "after", "over", "their", "this", "but",
];
const VERBS: &[&str] = &[
    "said",
    "reported",
    "announced",
    "warned",
    "rose",
    "fell",
    "agreed",
    "rejected",
    "met",
    "signed",
    "opened",
    "closed",
    "won",
    "lost",
    "told",
    "expects",
    "plans",
    "denied",
];
const ORG_SUFFIX: &[&str] = &[
    "Group", "Bank", "Systems", "Motors", "Party", "Council", "Corp",
];
const TITLES: &[&str] = &[
    "chief executive",
    "minister",
    "spokesman",
    "CFO",
    "founder",
    "mayor",
];

/// A pseudo-word of 2–3 syllables: a large vocabulary, as in real news,
/// so that the benchmark does not run from a warm cache of a few features.
fn word(r: &mut Rng) -> String {
    let n = 2 + r.next() % 2;
    (0..n).map(|_| r.pick(SYLLABLES)).collect()
}

fn cap(w: &str) -> String {
    let mut c = w.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

fn sentence(r: &mut Rng) -> String {
    let person = format!("{} {}", cap(&word(r)), cap(&word(r)));
    let org = format!("{} {}", cap(&word(r)), r.pick(ORG_SUFFIX));
    let place = cap(&word(r));
    let mut parts: Vec<String> = Vec::new();
    match r.next() % 4 {
        0 => parts.push(format!("{person}, the {} of {org},", r.pick(TITLES))),
        1 => parts.push(org.clone()),
        2 => parts.push(format!("Officials in {place}")),
        _ => parts.push("The company".to_string()),
    }
    parts.push(r.pick(VERBS).to_string());
    let n = 8 + r.next() % 14;
    for i in 0..n {
        if i % 3 == 0 {
            parts.push(r.pick(FUNCTION).to_string());
        } else {
            parts.push(word(r));
        }
        if i == n / 2 && r.next() % 3 == 0 {
            parts.push(format!("in {place}"));
        }
    }
    if r.next() % 4 == 0 {
        parts.push(format!(
            "\"{} {} {}\", {person} said",
            cap(&word(r)),
            word(r),
            word(r)
        ));
    }
    let mut s = parts.join(" ");
    s.push('.');
    s
}

fn generate(words_target: usize) -> String {
    let mut r = Rng(0x9e37_79b9_7f4a_7c15);
    let mut s = String::new();
    let mut words = 0;
    let mut i = 0usize;
    while words < words_target {
        let sent = sentence(&mut r);
        words += sent.split_whitespace().count();
        s.push_str(&sent);
        s.push(if i % 5 == 4 { '\n' } else { ' ' });
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
    // Model load: parse the embedded bytes (median of 5).
    let bytes = std::hint::black_box(gleaner_entities_model_bytes());
    let mut loads = Vec::new();
    for _ in 0..5 {
        let t = Instant::now();
        let r = EntityRecognizer::from_bytes(&bytes).expect("model loads");
        loads.push(t.elapsed().as_secs_f64() * 1000.0);
        drop(r);
    }
    loads.sort_by(|a, b| a.total_cmp(b));
    println!(
        "model: {:.2} MB, load time {:.1} ms (median of 5)",
        bytes.len() as f64 / 1e6,
        loads[2]
    );

    let rec = EntityRecognizer::embedded().expect("model loads");
    // Articles of ~600 words, as in real use.
    let text = generate(300_000);
    let docs: Vec<&str> = text.split_inclusive('\n').collect();
    let articles: Vec<String> = docs.chunks(4).map(|c| c.concat()).collect();
    let words: usize = text.split_whitespace().count();
    // Warm up.
    for a in articles.iter().take(10) {
        std::hint::black_box(rec.recognize(a));
    }
    let mut best = f64::MAX;
    let mut mentions = 0;
    for _ in 0..3 {
        let t = Instant::now();
        mentions = 0;
        for a in &articles {
            mentions += std::hint::black_box(rec.recognize(a)).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "recognize: {words} words in {} articles, {mentions} mentions, {:.3} s → {:.0} words/s (best of 3, single thread)",
        articles.len(),
        best,
        words as f64 / best
    );

    let analyzer = EntitiesAnalyzer::new(EntitiesOptions::default()).expect("analyzer");
    let documents: Vec<Document> = articles
        .iter()
        .enumerate()
        .map(|(i, a)| {
            Document::new(
                format!("d{i}"),
                SourceInfo {
                    path: format!("d{i}.txt"),
                    format: Format::Txt,
                    hash: String::new(),
                    line: None,
                    encoding: None,
                },
                Meta::default(),
                a.clone(),
            )
        })
        .collect();
    let mut best = f64::MAX;
    let mut entities = 0;
    for _ in 0..3 {
        let t = Instant::now();
        entities = 0;
        for d in &documents {
            entities += std::hint::black_box(analyzer.entities(d)).len();
        }
        best = best.min(t.elapsed().as_secs_f64());
    }
    println!(
        "analyzer (recognize + canonical entities): {entities} entities, {:.3} s → {:.0} words/s",
        best,
        words as f64 / best
    );
}

fn gleaner_entities_model_bytes() -> Vec<u8> {
    std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/model/entities.bin"))
        .expect("model/entities.bin is readable")
}
