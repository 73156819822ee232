//! Derives the given-name table: `cargo run --release -p gleaner-entities --example given_names -- --conll-train FILE --out crates/entities/model/given_names.bin`.

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    match gleaner_entities::names::given_names_command(&args) {
        Ok(s) => print!("{s}"),
        Err(e) => {
            eprintln!("error: {e}");
            std::process::exit(1);
        }
    }
}
