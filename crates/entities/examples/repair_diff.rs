//! Prints, per sentence of plain-text files, the entity spans that the
//! context repairs (`src/repair.rs`) change, to review the rules on real
//! text: `cargo run --release -p gleaner-entities --example repair_diff -- FILE...`.

use gleaner_entities::{tokenize, EntityRecognizer};

fn main() {
    let rec = match EntityRecognizer::embedded() {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    };
    for path in std::env::args().skip(1) {
        let text = match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{path}: {e}");
                continue;
            }
        };
        let toks = tokenize::tokenize(&text);
        let sents = tokenize::sentences(&text, &toks);
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| {
                toks.get(s.clone())
                    .unwrap_or(&[])
                    .iter()
                    .map(|r| text.get(r.clone()).unwrap_or(""))
                    .collect()
            })
            .collect();
        let before = rec.tag_tokens_unrepaired(&words);
        let after = rec.tag_tokens(&words);
        for ((b, a), w) in before.iter().zip(&after).zip(&words) {
            if b == a {
                continue;
            }
            let show = |v: &[(usize, usize, &str)], other: &[(usize, usize, &str)]| {
                v.iter()
                    .filter(|x| !other.contains(x))
                    .map(|&(s, e, t)| format!("{}/{t}", w.get(s..e).unwrap_or(&[]).join(" ")))
                    .collect::<Vec<_>>()
                    .join(", ")
            };
            let sentence: String = w.join(" ").chars().take(200).collect();
            println!(
                "{path}\n   - {}\n   + {}\n   | {sentence}",
                show(b, a),
                show(a, b)
            );
        }
    }
}
