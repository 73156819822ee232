//! Fuzzes the normalizer: arbitrary bytes, decoded lossily, as a document
//! body (with a title taken from the data so the metadata rules run too).
//! Asserts every span is within the text and maps into the body, and every
//! removal's text is exactly its source range.

#![no_main]

use gleaner_core::{CharIndex, Document, Format, Meta, SourceInfo};
use gleaner_normalize::{normalize, split_sentences, NormalizeOptions};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let body = String::from_utf8_lossy(data).into_owned();
    let title = body.lines().next().map(str::to_owned);
    let source = SourceInfo {
        path: "fuzz.txt".into(),
        format: Format::Txt,
        hash: String::new(),
        line: None,
        encoding: None,
    };
    let meta = Meta {
        title,
        published: Some("2020-01-02".into()),
        authors: vec!["Ann Lee".into()],
        ..Meta::default()
    };
    for boilerplate in [true, false] {
        let mut doc = Document::new("fuzz", source.clone(), meta.clone(), body.clone());
        let opts = NormalizeOptions {
            boilerplate,
            ..NormalizeOptions::default()
        };
        normalize(&mut doc, &opts);
        let n = doc.text.chars().count();
        let src_n = doc.body.chars().count();
        assert_eq!(doc.offsets.norm_len(), n);
        for s in &doc.sentences {
            let sp = s.span;
            assert!(sp.start < sp.end && sp.end <= n);
            assert!(sp.source_start <= sp.source_end && sp.source_end <= src_n);
        }
        let body_ix = CharIndex::new(&doc.body);
        for r in &doc.removed {
            let sp = r.span;
            assert!(sp.start == sp.end && sp.start <= n);
            assert!(sp.source_start <= sp.source_end && sp.source_end <= src_n);
            let a = body_ix.byte_of_char(sp.source_start);
            let b = body_ix.byte_of_char(sp.source_end);
            assert_eq!(doc.body.get(a..b), Some(r.text.as_str()));
        }
        if !boilerplate {
            assert!(doc.removed.is_empty());
        }
        for r in split_sentences(&doc.text) {
            assert!(r.start < r.end && r.end <= doc.text.len());
            assert!(doc.text.is_char_boundary(r.start) && doc.text.is_char_boundary(r.end));
        }
    }
});
