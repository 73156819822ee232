//! Trains the claims model:
//! `cargo run --release -p gleaner-claims --example train -- --train DIR [--dev DIR] [--out FILE] [--epochs N] [--bits B]`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match gleaner_claims::train_command(&args) {
        Ok(log) => print!("{log}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
