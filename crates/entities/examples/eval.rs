//! Evaluates the embedded model (or `--model PATH`) on a CoNLL file:
//! `cargo run --release -p gleaner-entities --example eval -- FILE [--model PATH]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(file) = args.first() else {
        eprintln!("usage: eval FILE [--model PATH]");
        std::process::exit(2);
    };
    let result = match args.get(1).map(String::as_str) {
        Some("--model") => {
            let Some(p) = args.get(2) else {
                eprintln!("--model needs a path");
                std::process::exit(2);
            };
            std::fs::read(p)
                .map_err(|e| gleaner_entities::EntitiesError::Io {
                    path: p.clone(),
                    source: e,
                })
                .and_then(|b| gleaner_entities::EntityRecognizer::from_bytes(&b))
                .and_then(|r| gleaner_entities::eval_conll_with(&r, std::path::Path::new(file)))
        }
        _ => gleaner_entities::eval_conll(std::path::Path::new(file)),
    };
    match result {
        Ok(s) => print!("{s}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
