//! Fuzzes gleaner-ingest: the first byte picks the input format, the rest is
//! the file's bytes. Whatever the bytes, ingest must return results or errors,
//! never panic, hang or overflow the stack.

#![no_main]

use gleaner_ingest::{ingest_bytes, IngestOptions};
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, bytes)) = data.split_first() else {
        return;
    };
    let name = match selector % 6 {
        0 => "fuzz.txt",
        1 => "fuzz.md",
        2 => "fuzz.html",
        3 => "fuzz.htm",
        4 => "fuzz.json",
        _ => "fuzz.jsonl",
    };
    let opts = IngestOptions {
        max_bytes: 1 << 20,
        max_html_bytes: 1 << 20,
        ..IngestOptions::default()
    };
    for result in ingest_bytes(Path::new(name), "fuzz", bytes, &opts) {
        match result {
            Ok(doc) => {
                assert_eq!(doc.text, doc.body);
                assert!(doc.source.hash.starts_with("sha256:"));
            }
            Err(e) => {
                // Every error names the file.
                assert!(e.to_string().contains(name));
            }
        }
    }
});
