//! Scores the embedded claims model on a brat folder:
//! `cargo run --release -p gleaner-claims --example eval -- --brat DIR`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let dir = match args.as_slice() {
        [flag, dir] if flag == "--brat" => dir.clone(),
        _ => {
            eprintln!("usage: eval --brat DIR");
            std::process::exit(2);
        }
    };
    match gleaner_claims::eval_brat(std::path::Path::new(&dir)) {
        Ok(report) => print!("{report}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
