//! Tags text from standard input and prints one TIMEX3 per line.
//!
//! `echo "He left on Saturday." | cargo run -p gleaner-dates --example tag -- 2019-02-19 [--day-first]`

use gleaner_dates::{Anchor, DateTagger, DatesOptions};
use std::io::Read;
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut anchor = None;
    let mut opts = DatesOptions::default();
    for a in std::env::args().skip(1) {
        if a == "--day-first" {
            opts.day_first = true;
        } else if let Some(x) = Anchor::parse(&a) {
            anchor = Some(x);
        } else {
            eprintln!("not an anchor date: {a:?}");
            return ExitCode::from(2);
        }
    }
    let mut text = String::new();
    if let Err(e) = std::io::stdin().read_to_string(&mut text) {
        eprintln!("error reading stdin: {e}");
        return ExitCode::FAILURE;
    }
    for t in DateTagger::new(opts).tag(&text, anchor.as_ref()) {
        println!(
            "{}..{}\t{:?}\t{:?}\t{}\t{}\tanchored={}",
            t.range.start,
            t.range.end,
            &text[t.range.clone()],
            t.kind,
            t.value,
            t.modifier.as_deref().unwrap_or("-"),
            t.anchored
        );
    }
    ExitCode::SUCCESS
}
