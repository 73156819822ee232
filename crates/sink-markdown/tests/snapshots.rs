//! Snapshot tests of whole reports and of the index, from fixtures written
//! for these tests (`tests/fixtures`). Review changes with `cargo insta
//! review` or by reading the `.snap.new` files.

use gleaner_core::{Document, Failure, Format, Meta, RunSummary, SinkFactory, SourceInfo};
use gleaner_sink_markdown::{MarkdownSink, MarkdownSinkFactory};
use serde_json::json;

fn rich() -> Document {
    serde_json::from_str(include_str!("fixtures/rich.json")).unwrap()
}

fn bare(id: &str, title: Option<&str>, published: Option<&str>) -> Document {
    Document::new(
        id,
        SourceInfo {
            path: format!("articles/{id}.txt"),
            format: Format::Txt,
            hash: format!("sha256:{}", "0a".repeat(32)),
            line: None,
            encoding: None,
        },
        Meta {
            title: title.map(Into::into),
            published: published.map(Into::into),
            ..Meta::default()
        },
        "Nothing much happened.".into(),
    )
}

#[test]
fn rich_report() {
    let sink = MarkdownSink::new("unused", true);
    insta::assert_snapshot!(sink.render(&rich()));
}

#[test]
fn rich_report_without_removed_section() {
    let sink = MarkdownSink::new("unused", false);
    let text = sink.render(&rich());
    assert!(!text.contains("## Removed boilerplate"));
    assert!(!text.contains("of boilerplate removed"));
    assert!(text.contains("## Timeline"));
}

#[test]
fn bare_report_omits_empty_sections() {
    let sink = MarkdownSink::new("unused", false);
    insta::assert_snapshot!(sink.render(&bare("notes/plain", None, None)));
}

#[test]
fn undated_article_says_which_expressions_are_not_placed() {
    let mut d = bare("undated", Some("Ferry strike ends"), None);
    d.text = "The strike began in May last year and ended on April 24, 2019.".into();
    d.body = d.text.clone();
    let sb = d.span_builder();
    let expr = |text: &str, value: &str| {
        let s = d.text.find(text).unwrap();
        gleaner_core::TimeExpr {
            span: sb.span(s, s + text.len()),
            text: text.into(),
            kind: gleaner_core::TimexType::Date,
            value: value.into(),
            modifier: None,
            anchored: false,
            sentence: None,
        }
    };
    d.dates = vec![
        expr("May last year", "XXXX-05"),
        expr("April 24, 2019", "2019-04-24"),
    ];
    let text = MarkdownSink::new("unused", false).render(&d);
    insta::assert_snapshot!(text);
    assert!(text.contains("**2019-04-24**"), "{text}");
    assert!(
        text.contains("no publication date, so these relative expressions are not placed: “May last year” (XXXX-05)."),
        "{text}"
    );
}

#[test]
fn hostile_text_is_escaped() {
    let mut d = bare(
        "x",
        Some("# Breaking | <script>alert(1)</script>\n- *news*"),
        None,
    );
    d.meta.outlet = Some("[Ledger](javascript:alert(1))".into());
    d.meta.authors = vec!["1. First".into()];
    d.meta.url = Some("javascript:alert(1)".into());
    d.analyzers
        .insert("x|y".into(), json!([{"a": "1|2", "b": "<b>"}]));
    insta::assert_snapshot!(MarkdownSink::new("unused", false).render(&d));
}

#[tokio::test]
async fn index_over_a_folder() {
    let tmp = tempfile::tempdir().unwrap();
    let sink = MarkdownSinkFactory
        .build(
            "report",
            json!({"path": tmp.path().to_str().unwrap()}),
            &Default::default(),
        )
        .unwrap();
    // A second report on the same story: its entities, sources and dates
    // add up with the first one's under "Across the reports".
    let mut follow_up = rich();
    follow_up.id = "2019/port-ellery-follow-up".into();
    follow_up.meta.title = Some("Port Ellery terminal: harbour master sets date".into());
    follow_up.meta.published = Some("2019-02-20".into());
    let docs = [
        rich(),
        follow_up,
        bare("2018/old-news", Some("Old news"), Some("2018-11-02")),
        bare("undated", None, None),
        bare("pipes", Some("A | B *and* C"), Some("2019-02-19")),
    ];
    for d in &docs {
        sink.write(d).await.unwrap();
    }
    // A user's own note in the folder is not a report.
    std::fs::write(tmp.path().join("README.md"), "# My notes\n").unwrap();
    let summary = RunSummary {
        processed: 5,
        failures: vec![
            Failure {
                path: "articles/broken.html".into(),
                stage: "ingest".into(),
                message: "no article body found".into(),
            },
            Failure {
                path: "articles/x|y.txt".into(),
                stage: "sinks.json".into(),
                message: "out/json/x_y.json: No space left on device (os error 28)".into(),
            },
        ],
    };
    sink.finish(&summary).await.unwrap();
    let index = std::fs::read_to_string(tmp.path().join("index.md")).unwrap();
    insta::assert_snapshot!(index);
}
