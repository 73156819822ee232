//! Scores gleaner-ingest's HTML extraction on the article-extraction
//! benchmark (until the CLI's `gleaner eval extract --benchmark DIR` exists):
//!
//! ```text
//! cargo run --release -p gleaner-ingest --example eval_extract -- ../shared/data/article-extraction-dev
//! ```

use std::path::PathBuf;

fn main() -> std::process::ExitCode {
    let Some(dir) = std::env::args_os().nth(1).map(PathBuf::from) else {
        eprintln!("usage: eval_extract BENCHMARK_DIR");
        return std::process::ExitCode::from(2);
    };
    match gleaner_ingest::eval_extraction(&dir) {
        Ok(report) => {
            print!("{report}");
            std::process::ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            std::process::ExitCode::FAILURE
        }
    }
}
