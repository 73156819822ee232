//! Helpers shared by the integration tests: building documents and checking
//! the invariants every normalized document must satisfy.

#![allow(dead_code)]

use gleaner_core::{CharIndex, Document, Format, Meta, SourceInfo};
use gleaner_normalize::{normalize, normalize_fragment, NormalizeOptions};

/// A document whose body is `body`, with `meta`.
pub fn doc(body: &str, meta: Meta) -> Document {
    let source = SourceInfo {
        path: "fixture.txt".into(),
        format: Format::Txt,
        hash: "sha256:00".into(),
        line: None,
        encoding: None,
    };
    Document::new("fixture", source, meta, body.to_string())
}

/// Meta with the first non-blank line as the title, as a naive ingest does.
pub fn naive_meta(body: &str) -> Meta {
    Meta {
        title: body
            .lines()
            .map(str::trim)
            .find(|l| !l.is_empty())
            .map(str::to_owned),
        ..Meta::default()
    }
}

/// Characters `r` of `s` (indexes `s`; use [`slice`] in loops).
pub fn chars(s: &str, r: std::ops::Range<usize>) -> String {
    slice(s, &CharIndex::new(s), r).to_string()
}

/// Characters `r` of `s`, whose index is `ix`.
pub fn slice<'a>(s: &'a str, ix: &CharIndex, r: std::ops::Range<usize>) -> &'a str {
    s.get(ix.byte_of_char(r.start)..ix.byte_of_char(r.end))
        .unwrap_or("")
}

/// Normalizes and checks the invariants; returns the document.
pub fn run(body: &str, meta: Meta, opts: &NormalizeOptions) -> Document {
    let mut d = doc(body, meta);
    normalize(&mut d, opts);
    check_invariants(&d);
    d
}

/// The invariants of a normalized document.
pub fn check_invariants(d: &Document) {
    let n = d.text.chars().count();
    let src_n = d.body.chars().count();
    let text_ix = CharIndex::new(&d.text);
    let body_ix = CharIndex::new(&d.body);
    assert_eq!(d.offsets.norm_len(), n, "map covers the text");
    let mut last_end = 0;
    for s in &d.sentences {
        let sp = s.span;
        assert!(
            sp.start < sp.end && sp.end <= n,
            "sentence in bounds: {sp:?}"
        );
        assert!(sp.start >= last_end, "sentences in order");
        last_end = sp.end;
        assert!(sp.source_start <= sp.source_end && sp.source_end <= src_n);
        let t = slice(&d.text, &text_ix, sp.start..sp.end);
        let b = slice(&d.body, &body_ix, sp.source_start..sp.source_end);
        assert_eq!(normalize_fragment(b), t, "sentence maps to the same words");
    }
    let mut last_point = 0;
    for r in &d.removed {
        let sp = r.span;
        assert_eq!(sp.start, sp.end, "removal is a point");
        assert!(sp.start <= n && sp.start >= last_point, "removals in order");
        last_point = sp.start;
        assert!(sp.source_start < sp.source_end && sp.source_end <= src_n);
        assert_eq!(
            slice(&d.body, &body_ix, sp.source_start..sp.source_end),
            r.text
        );
        assert!(
            !r.reason.is_empty() && r.reason.chars().all(|c| c.is_ascii_lowercase() || c == '_')
        );
    }
}

/// The sentences of `d` as strings.
pub fn sentences(d: &Document) -> Vec<String> {
    let ix = CharIndex::new(&d.text);
    d.sentences
        .iter()
        .map(|s| slice(&d.text, &ix, s.span.start..s.span.end).to_string())
        .collect()
}

/// Asserts that each of `want` is one sentence of `d`.
pub fn assert_sentences(d: &Document, want: &[&str]) {
    let got = sentences(d);
    for w in want {
        assert!(
            got.iter().any(|g| g == w),
            "missing sentence {w:?}\nsentences: {got:#?}"
        );
    }
}

/// Asserts that a removal with `reason` holds `needle`, and that `needle` is
/// gone from the text.
pub fn assert_removed(d: &Document, reason: &str, needle: &str) {
    assert!(
        d.removed
            .iter()
            .any(|r| r.reason == reason && normalize_fragment(&r.text).contains(needle)),
        "no {reason} removal holding {needle:?}\nremoved: {:#?}",
        d.removed
    );
    assert!(
        !d.text.contains(needle),
        "{needle:?} still in text:\n{}",
        d.text
    );
}
