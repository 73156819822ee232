//! Ingests every supported file in a folder and prints each document's id,
//! encoding, metadata and body length (or its error), for checking ingest on
//! real articles:
//!
//! ```text
//! cargo run -p gleaner-ingest --example ingest_dir -- ../shared/seeds [--body]
//! ```
//!
//! `--body` prints each document's body too.

use gleaner_ingest::{describe_meta, ingest_file, is_supported, IngestOptions};
use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args_os()
        .nth(1)
        .map(PathBuf::from)
        .ok_or("usage: ingest_dir FOLDER")?;
    let show_body = std::env::args().nth(2).as_deref() == Some("--body");
    let mut paths: Vec<PathBuf> = std::fs::read_dir(&dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| is_supported(p))
        .collect();
    paths.sort();
    let opts = IngestOptions::default();
    for p in paths {
        let stem = p
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        for r in ingest_file(&p, &stem, &opts) {
            match r {
                Ok(d) => {
                    println!(
                        "== {} ({}, {} body chars)\n{}\n",
                        d.id,
                        d.source.encoding.as_deref().unwrap_or("?"),
                        d.body.chars().count(),
                        describe_meta(&d.meta)
                    );
                    if show_body {
                        println!("{}\n", d.body);
                    }
                }
                Err(e) => println!("== error: {e}\n"),
            }
        }
    }
    Ok(())
}
