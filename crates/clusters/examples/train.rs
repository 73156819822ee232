//! Learns the word-class table from unlabeled corpus text.
//!
//! `cargo run --release -p gleaner-clusters --example train -- --text DIR --conll FILE … --out FILE`
//! (the same as `gleaner train clusters …`; see data/PROVENANCE.md).

use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match gleaner_clusters::train_command(&args) {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(2)
        }
    }
}
