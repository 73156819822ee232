//! Unit tests of the tagger, the analyzer and the scorer, on sentences
//! written for these tests (anchor 2019-02-19 unless said otherwise).

use super::*;

fn tag(text: &str) -> Vec<(String, String)> {
    let a = Anchor::parse("2019-02-19").unwrap();
    DateTagger::new(DatesOptions::default())
        .tag(text, Some(&a))
        .into_iter()
        .map(|t| (text[t.range].to_string(), t.value))
        .collect()
}

fn one(text: &str, expr: &str, value: &str) {
    let got = tag(text);
    assert!(
        got.iter().any(|(e, v)| e == expr && v == value),
        "{text:?}: wanted {expr:?} = {value}, got {got:?}"
    );
}

#[test]
fn smoke() {
    one(
        "The activist was detained in December.",
        "December",
        "2018-12",
    );
}
