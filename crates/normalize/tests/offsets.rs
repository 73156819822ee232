//! Property tests: the offset map is exact.
//!
//! Random bodies mix words, curly and doubled quotes, odd whitespace,
//! decomposed letters, zero-width characters, line-end conventions and whole
//! boilerplate lines. For every sentence and every word of the normalized
//! text, the body characters its span points at normalize to the same text;
//! every removal's source range holds exactly its text; and the text holds
//! exactly the body's words minus the boilerplate lines.

mod common;

use common::*;
use gleaner_core::{CharIndex, Meta};
use gleaner_normalize::{normalize_fragment, split_sentences, NormalizeOptions};
use proptest::prelude::*;

const WORDS: &[&str] = &[
    "harbor", "crane", "vote", "council", "ferry", "Maria", "Oslo", "tide", "port", "ship", "U.S.",
    "Dr.", "3.5", "Gen.", "L.",
];

const BOILERPLATE: &[&str] = &[
    "Read more: Ferry council votes again",
    "Share",
    "(Getty Images)",
    "Leave a Reply",
    "Sign up for our morning newsletter",
    "(Visited 3 times, 1 visits today)",
    "Source:: Tide Courier",
    "SEE ALSO: Crane vote delayed",
    "Visit Tide Courier's homepage for more stories.",
];

#[derive(Debug, Clone)]
enum Piece {
    Text(String),
    Boiler(&'static str),
}

fn piece() -> impl Strategy<Value = Piece> {
    let text = prop_oneof![
        6 => proptest::sample::select(WORDS).prop_map(|w| w.to_string()),
        1 => proptest::sample::select(WORDS).prop_map(|w| format!("\u{201c}{w}\u{201d}")),
        1 => proptest::sample::select(WORDS).prop_map(|w| format!("\u{2018}{w}\u{2019}")),
        1 => Just("it\u{2019}s".to_string()),
        1 => Just("``".to_string()),
        1 => Just("''".to_string()),
        1 => Just("cafe\u{301}".to_string()),
        1 => Just("e\u{301}\u{323}".to_string()),
        1 => Just("\u{200b}".to_string()),
        1 => Just("\u{ad}".to_string()),
        1 => Just("\u{feff}".to_string()),
        1 => Just("\u{200d}".to_string()),
        4 => Just(" ".to_string()),
        1 => Just("  ".to_string()),
        1 => Just("\t".to_string()),
        1 => Just("\u{a0}".to_string()),
        1 => Just("\u{2009}".to_string()),
        2 => Just(". ".to_string()),
        1 => Just("? ".to_string()),
        1 => Just("! ".to_string()),
        1 => Just(", ".to_string()),
        1 => Just("...".to_string()),
        1 => Just("\u{2026}".to_string()),
        1 => Just("\n".to_string()),
        1 => Just("\r\n".to_string()),
        1 => Just("\r".to_string()),
        1 => Just("\n\n".to_string()),
        1 => Just("\u{2029}".to_string()),
    ];
    prop_oneof![
        12 => text.prop_map(Piece::Text),
        1 => proptest::sample::select(BOILERPLATE).prop_map(Piece::Boiler),
    ]
}

/// The body, and the body with each boilerplate line replaced by a newline.
fn assemble(pieces: &[Piece]) -> (String, String, Vec<&'static str>) {
    let mut body = String::new();
    let mut clean = String::new();
    let mut boiler = Vec::new();
    for p in pieces {
        match p {
            Piece::Text(t) => {
                body.push_str(t);
                clean.push_str(t);
            }
            Piece::Boiler(b) => {
                body.push('\n');
                body.push_str(b);
                body.push('\n');
                clean.push_str("\n\n");
                boiler.push(*b);
            }
        }
    }
    (body, clean, boiler)
}

fn word_ranges(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c == ' ' || c == '\n' {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// Markdown-ish pieces: markup, words, entities, escapes, HTML, breaks.
fn md_piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("**".to_string()),
        Just("*".to_string()),
        Just("_".to_string()),
        Just("[".to_string()),
        Just("](https://x.test/a)".to_string()),
        Just("![".to_string()),
        Just("# ".to_string()),
        Just("> ".to_string()),
        Just("- ".to_string()),
        Just("1. ".to_string()),
        Just("`".to_string()),
        Just("```\n".to_string()),
        Just("---\n".to_string()),
        Just("&amp;".to_string()),
        Just("\\*".to_string()),
        Just("<b>".to_string()),
        Just("| a | b |\n|---|---|\n".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(" ".to_string()),
        "[A-Za-z\u{e9}\u{201c}\u{201d}.,]{1,8}",
    ]
}

/// Every word of the text maps to the same word in the body.
fn words_on_their_letters(d: &gleaner_core::Document) -> Result<(), TestCaseError> {
    let sb = d.span_builder();
    let body_ix = CharIndex::new(&d.body);
    for r in word_ranges(&d.text) {
        let sp = sb.span(r.start, r.end);
        let src = slice(&d.body, &body_ix, sp.source_start..sp.source_end);
        prop_assert_eq!(normalize_fragment(src), d.text[r].to_string());
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn markdown_offsets_stay_in_order_and_on_the_same_letters(
        pieces in proptest::collection::vec(md_piece(), 0..60),
        boilerplate in any::<bool>(),
    ) {
        let body: String = pieces.concat();
        let mut d = doc(&body, Meta::default());
        d.source.format = gleaner_core::Format::Md;
        let opts = NormalizeOptions { boilerplate, ..NormalizeOptions::default() };
        gleaner_normalize::normalize(&mut d, &opts);
        let body_chars: Vec<char> = d.body.chars().collect();
        prop_assert_eq!(d.offsets.norm_len(), d.text.chars().count());
        prop_assert_eq!(d.offsets.source_len(), body_chars.len());
        let mut last = 0;
        for (i, c) in d.text.chars().enumerate() {
            let r = d.offsets.source_range(i..i + 1);
            prop_assert!(r.start <= r.end && r.end <= body_chars.len());
            prop_assert!(r.start >= last, "source offsets go back at {}", i);
            last = r.start;
            if r.end - r.start == 1 && c.is_alphanumeric() {
                prop_assert_eq!(body_chars[r.start], c);
            }
        }
    }

    #[test]
    fn spans_hold_the_same_words(pieces in proptest::collection::vec(piece(), 0..80)) {
        let (body, clean, boiler) = assemble(&pieces);
        let d = run(&body, Meta::default(), &NormalizeOptions::default());
        // Sentences (checked in run) and words.
        words_on_their_letters(&d)?;
        // The text is the body without its boilerplate lines.
        prop_assert_eq!(normalize_fragment(&d.text), normalize_fragment(&clean));
        // Every removal is one of the inserted lines, and each inserted line is removed.
        let mut removed: Vec<String> = d.removed.iter().map(|r| normalize_fragment(&r.text)).collect();
        let mut inserted: Vec<String> = boiler.iter().map(|b| normalize_fragment(b)).collect();
        removed.sort();
        inserted.sort();
        prop_assert_eq!(removed, inserted);
    }

    #[test]
    fn a_dateline_prefix_keeps_every_word_on_its_letters(
        dl in proptest::sample::select(&["LONDON (Reuters) - ", "HALIFAX, Nova Scotia (Tide Wire) \u{2014} ", "WASHINGTON \u{2014}  ", "ST. LOUIS, Nov 3 (AP) _ "][..]),
        pieces in proptest::collection::vec(piece(), 0..60),
    ) {
        let (rest, _, _) = assemble(&pieces);
        let body = format!("Tide Courier\n\n{dl}{rest}");
        let d = run(&body, Meta::default(), &NormalizeOptions::default());
        words_on_their_letters(&d)?;
        // With a sentence after it, the dateline goes.
        let letters = |s: &str| s.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
        let line = rest.split(['\n', '\r', '\u{2029}']).next().unwrap_or("");
        let sentence = line.trim_start().starts_with(|c: char| c.is_uppercase())
            && letters(line) >= 3
            && (dl.contains('(') || dl.contains(',') || normalize_fragment(line).trim_end().ends_with(['.', '!', '?']));
        if sentence {
            prop_assert!(d.removed.iter().any(|r| r.reason == "dateline"), "{body:?}");
        }
        for r in d.removed.iter().filter(|r| r.reason == "dateline") {
            prop_assert_eq!(normalize_fragment(&r.text), normalize_fragment(dl));
            prop_assert!(!d.text.contains(dl.trim_end()));
        }
    }

    #[test]
    fn no_boilerplate_mode_keeps_all_words(pieces in proptest::collection::vec(piece(), 0..60)) {
        let (body, _, _) = assemble(&pieces);
        let opts = NormalizeOptions { boilerplate: false, ..NormalizeOptions::default() };
        let d = run(&body, Meta::default(), &opts);
        prop_assert!(d.removed.is_empty());
        prop_assert_eq!(normalize_fragment(&d.text), normalize_fragment(&body));
    }

    #[test]
    fn arbitrary_text_keeps_invariants(body in "\\PC{0,200}|[\\x00-\\x7f\u{a0}\u{ad}\u{200b}\u{2019}\u{201c}\u{301}\u{2029}\r\n]{0,200}") {
        let d = run(&body, Meta::default(), &NormalizeOptions::default());
        words_on_their_letters(&d)?;
    }

    #[test]
    fn split_sentences_ranges_are_trimmed_and_ordered(text in "\\PC{0,300}") {
        let mut last = 0;
        for r in split_sentences(&text) {
            prop_assert!(r.start >= last && r.start < r.end && r.end <= text.len());
            prop_assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            let s = &text[r.clone()];
            prop_assert_eq!(s.trim(), s);
            last = r.end;
        }
    }
}
