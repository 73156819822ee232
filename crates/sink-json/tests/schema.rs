//! Validates documents as this sink writes them against the shipped JSON
//! Schema, and checks that the schema rejects broken documents.

use gleaner_core::{
    Claim, ClaimKind, ClaimSource, CueClass, Document, Entity, EntityLabel, Format, Mention, Meta,
    Removal, Sentence, SinkFactory, SourceInfo, Span, TextSpan, TimeExpr, TimexType,
};
use gleaner_sink_json::{JsonSinkFactory, DOCUMENT_SCHEMA};
use serde_json::{json, Value};
use std::collections::BTreeMap;

fn schema() -> Value {
    serde_json::from_str(DOCUMENT_SCHEMA).unwrap()
}

fn validator() -> jsonschema::Validator {
    jsonschema::draft202012::new(&schema()).unwrap()
}

fn errors(v: &Value) -> Vec<String> {
    validator()
        .iter_errors(v)
        .map(|e| format!("{} at {}", e, e.instance_path()))
        .collect()
}

/// Span of `needle`'s first occurrence in `text`, in characters; the body
/// is `prefix` characters longer than the text before it.
fn span_of(text: &str, needle: &str, prefix: usize) -> Span {
    let b = text.find(needle).unwrap();
    let start = text[..b].chars().count();
    let end = start + needle.chars().count();
    Span {
        start,
        end,
        source_start: start + prefix,
        source_end: end + prefix,
    }
}

/// A document with every optional part filled in.
fn rich_document() -> Document {
    let banner = "Support local news: donate today!\n";
    let text = "Ana Ruiz, the mayor of Tallbridge, said on Tuesday that the bridge “will reopen in March,” adding: “We are confident.” The council denied the report. Ruiz has led the city since 2016.";
    let body = format!("{banner}{text}");
    let p = banner.chars().count();
    let mut d = Document::new(
        "2019/tallbridge-bridge",
        SourceInfo {
            path: "articles/2019/tallbridge-bridge.jsonl".into(),
            format: Format::Jsonl,
            hash: format!("sha256:{}", "0f".repeat(32)),
            line: Some(3),
            encoding: Some("UTF-8".into()),
        },
        Meta {
            title: Some("Tallbridge bridge to reopen in March".into()),
            authors: vec!["Lee Park".into(), "Sam Okafor".into()],
            published: Some("2019-02-19T09:19:00-05:00".into()),
            outlet: Some("The Valley Ledger".into()),
            url: Some("https://news.example/tallbridge".into()),
            language: Some("en".into()),
        },
        body.clone(),
    );
    d.text = text.to_string();
    d.removed = vec![Removal {
        span: Span {
            start: 0,
            end: 0,
            source_start: 0,
            source_end: p,
        },
        reason: "donation_appeal".into(),
        text: banner.into(),
    }];
    let s1 = "Ana Ruiz, the mayor of Tallbridge, said on Tuesday that the bridge “will reopen in March,” adding: “We are confident.”";
    let s2 = "The council denied the report.";
    let s3 = "Ruiz has led the city since 2016.";
    d.sentences = vec![
        Sentence {
            span: span_of(text, s1, p),
            paragraph: 0,
        },
        Sentence {
            span: span_of(text, s2, p),
            paragraph: 0,
        },
        Sentence {
            span: span_of(text, s3, p),
            paragraph: 1,
        },
    ];
    let mut attributes = BTreeMap::new();
    attributes.insert("titles".to_string(), vec!["mayor".to_string()]);
    d.entities = vec![
        Entity {
            id: "e1".into(),
            label: EntityLabel::Person,
            name: "Ana Ruiz".into(),
            aliases: vec!["Ruiz".into()],
            attributes,
            mentions: vec![
                Mention {
                    span: span_of(text, "Ana Ruiz", p),
                    text: "Ana Ruiz".into(),
                },
                Mention {
                    span: span_of(text, "Ruiz has", p),
                    text: "Ruiz".into(),
                },
            ],
        },
        Entity {
            id: "e2".into(),
            label: EntityLabel::Gpe,
            name: "Tallbridge".into(),
            aliases: vec![],
            attributes: BTreeMap::new(),
            mentions: vec![Mention {
                span: span_of(text, "Tallbridge", p),
                text: "Tallbridge".into(),
            }],
        },
    ];
    d.dates = vec![
        TimeExpr {
            span: span_of(text, "Tuesday", p),
            text: "Tuesday".into(),
            kind: TimexType::Date,
            value: "2019-02-19".into(),
            modifier: None,
            anchored: true,
            sentence: Some(0),
        },
        TimeExpr {
            span: span_of(text, "March", p),
            text: "March".into(),
            kind: TimexType::Date,
            value: "2019-03".into(),
            modifier: Some("START".into()),
            anchored: true,
            sentence: Some(0),
        },
        TimeExpr {
            span: span_of(text, "since 2016", p),
            text: "since 2016".into(),
            kind: TimexType::Duration,
            value: "P3Y".into(),
            modifier: None,
            anchored: false,
            sentence: None,
        },
    ];
    let quote1 = "will reopen in March,";
    let quote2 = "We are confident.";
    let content_start = span_of(text, quote1, p);
    let content_end = span_of(text, quote2, p);
    let content_span = Span {
        start: content_start.start,
        end: content_end.end,
        source_start: content_start.source_start,
        source_end: content_end.source_end,
    };
    let content_text: String = text
        .chars()
        .skip(content_span.start)
        .take(content_span.end - content_span.start)
        .collect();
    d.claims = vec![
        Claim {
            kind: ClaimKind::Direct,
            cue_class: CueClass::Statement,
            source: Some(ClaimSource {
                span: span_of(text, "Ana Ruiz", p),
                text: "Ana Ruiz".into(),
                entity: Some("e1".into()),
            }),
            cue: TextSpan {
                span: span_of(text, "said", p),
                text: "said".into(),
            },
            content: TextSpan {
                span: content_span,
                text: content_text,
            },
            content_parts: vec![
                TextSpan {
                    span: span_of(text, quote1, p),
                    text: quote1.into(),
                },
                TextSpan {
                    span: span_of(text, quote2, p),
                    text: quote2.into(),
                },
            ],
        },
        Claim {
            kind: ClaimKind::Indirect,
            cue_class: CueClass::Denial,
            source: None,
            cue: TextSpan {
                span: span_of(text, "denied", p),
                text: "denied".into(),
            },
            content: TextSpan {
                span: span_of(text, "the report", p),
                text: "the report".into(),
            },
            content_parts: vec![],
        },
    ];
    d.analyzers.insert(
        "keywords".into(),
        json!({"top": ["bridge", "reopen"], "scores": [{"word": "bridge", "score": 0.8}]}),
    );
    d.analyzers.insert("readability".into(), json!(61.2));
    d
}

fn minimal_document() -> Document {
    Document::new(
        "bare",
        SourceInfo {
            path: "bare.txt".into(),
            format: Format::Txt,
            hash: format!("sha256:{}", "1".repeat(64)),
            line: None,
            encoding: None,
        },
        Meta::default(),
        String::new(),
    )
}

#[test]
fn the_schema_itself_is_a_valid_2020_12_schema() {
    let s = schema();
    assert!(
        jsonschema::meta::is_valid(&s),
        "schema does not validate against its meta-schema"
    );
}

#[test]
fn rich_and_minimal_documents_validate() {
    for d in [rich_document(), minimal_document()] {
        let v = serde_json::to_value(&d).unwrap();
        let errs = errors(&v);
        assert!(errs.is_empty(), "{}: {errs:#?}", d.id);
    }
}

#[test]
fn the_rich_document_exercises_every_optional_field() {
    // Guards the test itself: if the fixture lost an optional field, the
    // validation above would prove less than it claims.
    let v = serde_json::to_value(rich_document()).unwrap();
    assert!(v["source"]["line"].is_u64());
    assert!(v["source"]["encoding"].is_string());
    assert!(v["entities"][0]["attributes"]["titles"].is_array());
    assert!(v["entities"][1].get("attributes").is_none());
    assert!(v["dates"][1]["mod"].is_string());
    assert!(v["dates"][0]["sentence"].is_u64());
    assert!(v["dates"][2].get("sentence").is_none());
    assert!(v["claims"][0]["source"]["entity"].is_string());
    assert!(v["claims"][0]["content_parts"].is_array());
    assert!(v["claims"][1].get("source").is_none());
    assert!(v["claims"][1].get("content_parts").is_none());
    assert!(v["removed"][0]["source_end"].is_u64());
}

#[test]
fn the_example_in_schema_md_validates() {
    let md = include_str!("../SCHEMA.md");
    let start = md.find("```json\n").unwrap() + "```json\n".len();
    let end = start + md[start..].find("```").unwrap();
    let v: Value = serde_json::from_str(&md[start..end]).unwrap();
    let errs = errors(&v);
    assert!(errs.is_empty(), "{errs:#?}");
    // Its offsets are right too.
    let text: Vec<char> = v["text"].as_str().unwrap().chars().collect();
    let body: Vec<char> = v["body"].as_str().unwrap().chars().collect();
    let date = &v["dates"][0];
    let slice = |s: &[char], a: &Value, b: &Value| -> String {
        s[a.as_u64().unwrap() as usize..b.as_u64().unwrap() as usize]
            .iter()
            .collect()
    };
    assert_eq!(slice(&text, &date["start"], &date["end"]), "Monday");
    assert_eq!(
        slice(&body, &date["source_start"], &date["source_end"]),
        "Monday"
    );
    let removed = &v["removed"][0];
    assert_eq!(
        slice(&body, &removed["source_start"], &removed["source_end"]),
        removed["text"].as_str().unwrap()
    );
}

#[test]
fn the_fixture_document_validates() {
    let v: Value = serde_json::from_str(include_str!("fixtures/rich.json")).unwrap();
    let errs = errors(&v);
    assert!(errs.is_empty(), "{errs:#?}");
    // And it is a Document, so the schema and the Rust model agree on it.
    let d: Document = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(serde_json::to_value(&d).unwrap(), v);
}

#[tokio::test]
async fn files_written_by_the_sink_validate() {
    let tmp = tempfile::tempdir().unwrap();
    for pretty in [true, false] {
        let sink = JsonSinkFactory
            .build(
                "json",
                json!({"path": tmp.path().to_str().unwrap(), "pretty": pretty}),
                &Default::default(),
            )
            .unwrap();
        let paths = sink.write(&rich_document()).await.unwrap();
        let v: Value = serde_json::from_slice(&std::fs::read(&paths[0]).unwrap()).unwrap();
        let errs = errors(&v);
        assert!(errs.is_empty(), "{errs:#?}");
    }
}

#[test]
fn a_document_without_text_fails() {
    let mut v = serde_json::to_value(rich_document()).unwrap();
    v.as_object_mut().unwrap().remove("text");
    assert!(!validator().is_valid(&v));
    assert!(
        errors(&v).iter().any(|e| e.contains("text")),
        "{:?}",
        errors(&v)
    );
}

#[test]
fn a_string_offset_fails() {
    let mut v = serde_json::to_value(rich_document()).unwrap();
    v["entities"][0]["mentions"][0]["start"] = json!("0");
    assert!(!validator().is_valid(&v));
    let mut v = serde_json::to_value(rich_document()).unwrap();
    v["claims"][0]["content_parts"][1]["start"] = json!("12");
    assert!(!validator().is_valid(&v));
}

/// A change that must make a valid document invalid.
type Breakage = Box<dyn Fn(&mut Value)>;

#[test]
fn other_breakages_fail() {
    let base = serde_json::to_value(rich_document()).unwrap();
    let breakages: Vec<(&str, Breakage)> = vec![
        (
            "wrong schema",
            Box::new(|v| v["schema"] = json!("gleaner/document@2")),
        ),
        (
            "negative offset",
            Box::new(|v| v["sentences"][0]["end"] = json!(-1)),
        ),
        (
            "unknown label",
            Box::new(|v| v["entities"][0]["label"] = json!("person")),
        ),
        (
            "unknown format",
            Box::new(|v| v["source"]["format"] = json!("pdf")),
        ),
        (
            "bad hash",
            Box::new(|v| v["source"]["hash"] = json!("md5:00")),
        ),
        (
            "missing meta key",
            Box::new(|v| {
                v["meta"].as_object_mut().unwrap().remove("title");
            }),
        ),
        (
            "unknown field in a span",
            Box::new(|v| v["dates"][0]["offset"] = json!(1)),
        ),
        (
            "unknown top-level field",
            Box::new(|v| v["extra"] = json!(true)),
        ),
        (
            "claim source without text",
            Box::new(|v| {
                v["claims"][0]["source"]
                    .as_object_mut()
                    .unwrap()
                    .remove("text");
            }),
        ),
        (
            "timex type lower case",
            Box::new(|v| v["dates"][0]["type"] = json!("date")),
        ),
        (
            "attribute not a list",
            Box::new(|v| v["entities"][0]["attributes"]["titles"] = json!("mayor")),
        ),
    ];
    let validator = validator();
    assert!(validator.is_valid(&base));
    for (what, f) in breakages {
        let mut v = base.clone();
        f(&mut v);
        assert!(!validator.is_valid(&v), "{what} was accepted");
    }
}
