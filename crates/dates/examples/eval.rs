//! Scores the tagger on a TimeML or MEANTIME corpus.
//!
//! `cargo run --release -p gleaner-dates --example eval -- --timeml DIR [--errors]`
//! `cargo run --release -p gleaner-dates --example eval -- --meantime DIR [--errors]`

use gleaner_dates::{eval_meantime_with, eval_timeml_with, EvalOptions};
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = EvalOptions::default();
    let mut job: Option<(bool, PathBuf)> = None;
    let mut i = 0;
    while i < args.len() {
        match args[i].as_str() {
            "--timeml" | "--meantime" if i + 1 < args.len() => {
                job = Some((args[i] == "--timeml", PathBuf::from(&args[i + 1])));
                i += 2;
            }
            "--errors" => {
                opts.list_errors = true;
                i += 1;
            }
            other => {
                eprintln!("unknown argument {other:?}; usage: eval (--timeml DIR | --meantime DIR) [--errors]");
                return ExitCode::from(2);
            }
        }
    }
    let Some((timeml, dir)) = job else {
        eprintln!("usage: eval (--timeml DIR | --meantime DIR) [--errors]");
        return ExitCode::from(2);
    };
    let r = if timeml {
        eval_timeml_with(&dir, opts)
    } else {
        eval_meantime_with(&dir, opts)
    };
    match r {
        Ok(report) => {
            print!("{report}");
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}
