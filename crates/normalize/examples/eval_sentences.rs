//! Scores the sentence splitter on a folder of `.conllu` files (GUM layout).
//!
//! ```text
//! cargo run --release -p gleaner-normalize --example eval_sentences -- DIR [NAME_FILTER]
//! ```

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args = std::env::args().skip(1);
    let Some(dir) = args.next() else {
        eprintln!("usage: eval_sentences DIR [NAME_FILTER]");
        return ExitCode::from(2);
    };
    let filter = args.next().unwrap_or_default();
    match gleaner_normalize::eval::eval_sentences_conllu(std::path::Path::new(&dir), &filter) {
        Ok(score) => {
            println!("{score}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("{e}");
            ExitCode::FAILURE
        }
    }
}
