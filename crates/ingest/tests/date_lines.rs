//! Ingest and normalize agree on date lines: a plain-text date line that
//! ingest reads into `meta.published` is the line normalize then removes as
//! metadata, in every format the shared grammar (`gleaner-datelines`) reads;
//! and a date line in the outlet's zone repeats a UTC `published` field.

use gleaner_core::Document;
use gleaner_ingest::{ingest_bytes, IngestOptions};
use gleaner_normalize::{normalize, NormalizeOptions};
use std::path::Path;

/// An invented article with `date_line` under its byline.
fn article(date_line: &str) -> String {
    format!(
        "Ferry link wins final council vote\n\n\
         By Rita Okafor\n\
         {date_line}\n\n\
         The harbour council voted on Tuesday to pay for the new ferry link.\n\n\
         Work is due to start in the spring, officials said.\n"
    )
}

fn ingest(text: &str) -> Document {
    ingest_as("ferry.txt", text)
}

fn ingest_as(name: &str, text: &str) -> Document {
    let mut out = ingest_bytes(
        Path::new(name),
        "ferry",
        text.as_bytes(),
        &IngestOptions::default(),
    );
    assert_eq!(out.len(), 1);
    match out.pop() {
        Some(Ok(d)) => d,
        other => panic!("expected a document, got {other:?}"),
    }
}

#[test]
fn a_date_line_ingest_reads_is_removed_by_normalize() {
    let cases = [
        (
            "Tuesday 19 February 2019 09:19 EST",
            "2019-02-19T09:19:00-05:00",
        ),
        (
            "Published: 19 Feb 2019, 09:19 GMT",
            "2019-02-19T09:19:00+00:00",
        ),
        ("February 19, 2019, 9:19 AM ET", "2019-02-19T09:19:00-05:00"),
        ("2019-02-19T09:19:00-05:00", "2019-02-19T09:19:00-05:00"),
        ("Posted 2019-02-19 09:19+01:00", "2019-02-19T09:19:00+01:00"),
        ("19.02.2019", "2019-02-19"),
        (
            "Published Tuesday, February 19th, 2019 at 9 a.m. ET",
            "2019-02-19T09:00:00-05:00",
        ),
        ("Updated 19 February 2019 09:19 SAST", "2019-02-19"),
    ];
    for (line, published) in cases {
        let mut d = ingest(&article(line));
        assert_eq!(d.meta.published.as_deref(), Some(published), "{line}");
        assert_eq!(d.meta.authors, vec!["Rita Okafor"], "{line}");
        normalize(&mut d, &NormalizeOptions::default());
        let removed = removals(&d);
        assert!(
            removed.contains(&("metadata", line)),
            "{line}: removed {removed:?}"
        );
        assert!(removed.contains(&("metadata", "By Rita Okafor")), "{line}");
        assert!(
            d.text
                .starts_with("The harbour council voted on Tuesday to pay for the new ferry link."),
            "{line}: {:?}",
            d.text
        );
    }
}

#[test]
fn a_date_line_for_another_day_stays() {
    // The date under the byline is the one ingest takes; a second date line
    // further down with another day is article text to normalize.
    let text = format!(
        "{}\n19.03.2019\n",
        article("Published: 19 Feb 2019, 09:19 GMT")
    );
    let mut d = ingest(&text);
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2019-02-19T09:19:00+00:00")
    );
    normalize(&mut d, &NormalizeOptions::default());
    assert!(d.text.ends_with("19.03.2019"), "{:?}", d.text);
}

#[test]
fn a_local_date_line_repeats_a_utc_published_field() {
    // 9:40 PM in New York on 19 February is 02:40 UTC on the 20th.
    let body = article("Tuesday 19 February 2019 9:40 PM EST");
    let json = serde_json::json!({
        "title": "Ferry link wins final council vote",
        "author": "Rita Okafor",
        "published": 1_550_630_400,
        "text": body,
    })
    .to_string();
    let mut d = ingest_as("ferry.json", &json);
    assert_eq!(d.meta.published.as_deref(), Some("2019-02-20T02:40:00Z"));
    normalize(&mut d, &NormalizeOptions::default());
    let removed = removals(&d);
    assert!(
        removed.contains(&("metadata", "Tuesday 19 February 2019 9:40 PM EST")),
        "removed {removed:?}"
    );
}

/// Each removal of `d` as (reason, removed text).
fn removals(d: &gleaner_core::Document) -> Vec<(&str, &str)> {
    d.removed
        .iter()
        .map(|r| (r.reason.as_str(), r.text.as_str()))
        .collect()
}
