//! Hostile input: huge texts, a single huge line, whitespace only, empty,
//! control characters, bytes decoded lossily. Nothing may panic, and the
//! invariants hold. (No timing assertions: see the `throughput` bench.)

mod common;

use common::*;
use gleaner_core::Meta;
use gleaner_normalize::{split_sentences, NormalizeOptions};

#[test]
fn empty_and_whitespace_only() {
    for body in [
        "",
        " ",
        "\n",
        "\r\n\r\n",
        " \t\u{a0}\u{2009}\n\n\u{2029}\u{200b}",
    ] {
        let d = run(body, Meta::default(), &NormalizeOptions::default());
        assert_eq!(d.text, "");
        assert!(d.sentences.is_empty());
        assert!(d.removed.is_empty());
    }
}

#[test]
fn whitespace_megabytes() {
    let body = " \n\t\u{a0}\r\n".repeat(400_000);
    let d = run(&body, Meta::default(), &NormalizeOptions::default());
    assert_eq!(d.text, "");
}

#[test]
fn single_ten_megabyte_line() {
    let body = "crane. U.S. vote... “harbor” e\u{301} ".repeat(300_000);
    assert!(body.len() > 10_000_000);
    let mut d = doc(&body, Meta::default());
    gleaner_normalize::normalize(&mut d, &NormalizeOptions::default());
    assert!(!d.text.contains('\n'));
    assert!(d.sentences.len() > 100_000);
    let last = d.sentences.last().unwrap().span;
    assert!(last.end <= d.text.chars().count());
    assert!(last.source_end <= d.body.chars().count());
}

#[test]
fn one_huge_token_without_spaces() {
    let body = "a.".repeat(3_000_000);
    let d = doc(&body, Meta::default());
    let mut d2 = d.clone();
    gleaner_normalize::normalize(&mut d2, &NormalizeOptions::default());
    assert_eq!(d2.sentences.len(), 1);
    assert_eq!(split_sentences(&d2.text).len(), 1);
}

#[test]
fn many_boilerplate_lines() {
    let body = "Share\nRead more: x\n(Getty)\nThe vote passed.\n".repeat(20_000);
    let d = run(&body, Meta::default(), &NormalizeOptions::default());
    assert_eq!(d.sentences.len(), 20_000);
    assert_eq!(d.removed.len(), 60_000);
}

#[test]
fn lossy_random_bytes() {
    // A fixed pseudo-random byte stream (xorshift), decoded lossily.
    let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
    let bytes: Vec<u8> = (0..100_000)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            (x >> 24) as u8
        })
        .collect();
    let body = String::from_utf8_lossy(&bytes).into_owned();
    let d = run(&body, Meta::default(), &NormalizeOptions::default());
    assert!(d.text.chars().count() <= d.body.chars().count() * 2);
}

#[test]
fn combining_marks_only() {
    let body = "\u{301}\u{323}\u{308}".repeat(10_000);
    let d = run(&body, Meta::default(), &NormalizeOptions::default());
    assert_eq!(d.sentences.len(), 1);
}

#[test]
fn comment_thread_at_the_very_start_removes_everything_after() {
    let body = "• Ann B. Jan 2, 2020 Link to comment\nGreat piece.\n\nMore text here.";
    let d = run(body, Meta::default(), &NormalizeOptions::default());
    assert_eq!(d.text, "");
    assert_eq!(d.removed.len(), 3);
    assert!(d.removed.iter().all(|r| r.reason == "comment_thread"));
}
