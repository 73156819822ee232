//! Trains the entities model: `cargo run --release -p gleaner-entities --example train -- --conll-train FILE --dev FILE --gum DIR --meantime DIR --unlabeled DIR --out PATH`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match gleaner_entities::train_command(&args) {
        Ok(s) => print!("{s}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
