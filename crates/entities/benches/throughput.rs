//! Throughput and load-time benchmark: `cargo bench -p gleaner-entities`.
//!
//! Generates about 300,000 words of news-style text from templates written
//! for this benchmark, then measures (single thread) the model load time,
//! `EntityRecognizer::recognize` and the full analyzer (recognition plus
//! canonical merging), printing words per second.

use gleaner_core::{Document, Format, Meta, SourceInfo};
use gleaner_entities::{EntitiesAnalyzer, EntitiesOptions, EntityRecognizer};
use std::time::Instant;

const PEOPLE: &[&str] = &[
    "Maria Lindqvist",
    "Tomasz Nowak",
    "Aiko Tanaka",
    "David Mensah",
    "Laura Pérez",
    "Olaf Brenner",
    "Priya Raman",
    "Chen Jianguo",
    "Fatima Haddad",
    "John O'Neill",
];
const ORGS: &[&str] = &[
    "Nordic Rail",
    "Helix Systems",
    "the World Bank",
    "Orion Motors",
    "Baltic Energy Group",
    "the Federal Reserve",
    "Kestrel Airlines",
    "Unity Health",
    "VANTAGE",
    "Brightwater Capital",
];
const PLACES: &[&str] = &[
    "Oslo",
    "Warsaw",
    "Tokyo",
    "Accra",
    "Madrid",
    "Hamburg",
    "Chennai",
    "Shanghai",
    "Beirut",
    "Dublin",
    "the United States",
    "Brazil",
];
const TEMPLATES: &[&str] = &[
    "{P}, the chief executive of {O}, said on Tuesday that the company would open a new office in {L} next year.",
    "Shares in {O} rose 3.5 percent after analysts in {L} raised their forecasts for 5G spending.",
    "\"We are confident in our plan,\" {P} told reporters in {L}, adding that {O} had no comment on the talks.",
    "Officials from {L} and {O} met on Monday to discuss the deal, which {P} described as a turning point.",
    "{O} reported a quarterly profit of $120 million, beating estimates, while {P} warned of weaker demand in {L}.",
    "In {L}, thousands of people gathered to hear {P} speak about the economy and jobs.",
];

fn generate(words_target: usize) -> String {
    let mut s = String::new();
    let mut words = 0;
    let mut i = 0usize;
    while words < words_target {
        let t = TEMPLATES[i % TEMPLATES.len()];
        let sent = t
            .replace("{P}", PEOPLE[(i * 7 + 3) % PEOPLE.len()])
            .replace("{O}", ORGS[(i * 5 + 1) % ORGS.len()])
            .replace("{L}", PLACES[(i * 3 + 2) % PLACES.len()]);
        words += sent.split_whitespace().count();
        s.push_str(&sent);
        s.push(if i % 5 == 4 { '\n' } else { ' ' });
        i += 1;
    }
    s
}

fn main() {
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
