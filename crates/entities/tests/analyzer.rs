//! The `entities` analyzer on documents written for these tests.

use gleaner_core::{
    AnalyzerFactory, BuildContext, Document, EntityLabel, Format, Meta, SourceInfo,
};
use gleaner_entities::{EntitiesAnalyzer, EntitiesFactory, EntitiesOptions};

fn doc(text: &str) -> Document {
    Document::new(
        "t",
        SourceInfo {
            path: "t.txt".into(),
            format: Format::Txt,
            hash: "sha256:00".into(),
            line: None,
            encoding: None,
        },
        Meta::default(),
        text.to_string(),
    )
}

fn fixture(name: &str) -> String {
    let p = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name);
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn factory_describes_itself_and_rejects_unknown_options() {
    let f = EntitiesFactory;
    let info = f.info();
    assert_eq!(info.type_name, "entities");
    assert_eq!(info.provides, vec!["entities"]);
    assert!(info.requires.is_empty());
    let bad = f.build(
        "entities",
        serde_json::json!({"bogus": 1}),
        &BuildContext::default(),
    );
    let issues = bad.err().unwrap();
    assert_eq!(issues[0].key, "bogus");
    assert!(f
        .build(
            "entities",
            serde_json::json!({"labels": ["PERSON"]}),
            &BuildContext::default()
        )
        .is_ok());
    assert!(f
        .build(
            "entities",
            serde_json::json!({"min_mentions": 0}),
            &BuildContext::default()
        )
        .is_err());
}

#[tokio::test]
async fn merges_mentions_in_a_news_story() {
    let text = fixture("telecom_story.txt");
    let d = doc(&text);
    let f = EntitiesFactory;
    let a = f
        .build(
            "entities",
            serde_json::Value::Null,
            &BuildContext::default(),
        )
        .unwrap();
    let ann = a.analyze(&d).await.unwrap();
    let ents = ann.entities.unwrap();
    let find = |name: &str| ents.iter().find(|e| e.name == name);
    let names: Vec<(&str, &str)> = ents
        .iter()
        .map(|e| (e.name.as_str(), e.label.as_str()))
        .collect();

    // Person: full name, then surname; title as an attribute.
    let p = find("Ingrid Halvorsen").unwrap_or_else(|| panic!("{names:?}"));
    assert_eq!(p.label, EntityLabel::Person);
    assert!(p.aliases.contains(&"Halvorsen".to_string()), "{p:?}");
    assert!(
        p.attributes["titles"]
            .iter()
            .any(|t| t.contains("chief executive")),
        "{p:?}"
    );

    // The United States under four names.
    let us = find("United States").unwrap_or_else(|| panic!("{names:?}"));
    assert_eq!(us.label, EntityLabel::Gpe);
    assert!(us.mentions.len() >= 4, "{us:?}");

    // An acronym with its expansion.
    let agency = ents
        .iter()
        .find(|e| e.aliases.iter().any(|a| a == "NTSA") || e.name == "NTSA")
        .unwrap_or_else(|| panic!("{names:?}"));
    assert_eq!(agency.name, "National Telecom Security Agency");

    // All-caps company name merged with its normal spelling; no possessive.
    let co = find("Vestrel").unwrap_or_else(|| panic!("{names:?}"));
    assert!(co.aliases.contains(&"VESTREL".to_string()), "{co:?}");
    assert!(co
        .mentions
        .iter()
        .all(|m| !m.text.contains('\'') && !m.text.contains('’')));

    // "5G" is not an entity; ids are e1, e2, …
    assert!(ents.iter().all(|e| e.name != "5G"));
    for (i, e) in ents.iter().enumerate() {
        assert_eq!(e.id, format!("e{}", i + 1));
    }
    // Spans point at the mention text.
    let sb = d.span_builder();
    for e in &ents {
        for m in &e.mentions {
            assert_eq!(&d.text[sb.byte_range(&m.span)], m.text);
        }
    }
}

#[test]
fn label_filter_keeps_only_requested_labels() {
    let a = EntitiesAnalyzer::new(EntitiesOptions {
        labels: vec![EntityLabel::Person],
        min_mentions: None,
    })
    .unwrap();
    let ents = a.entities(&doc(&fixture("telecom_story.txt")));
    assert!(!ents.is_empty());
    assert!(ents.iter().all(|e| e.label == EntityLabel::Person));
}

#[test]
fn uses_the_normalizer_sentences_when_present() {
    // The built-in splitter keeps "Maria Kowalski" in one sentence; the
    // document's sentences put a break inside it, and no mention crosses a
    // sentence break.
    let text = "Officials in Lisbon met Orbix executives. Maria Kowalski, the firm's chief executive, spoke.";
    let a = EntitiesAnalyzer::new(EntitiesOptions::default()).unwrap();
    let plain = a.entities(&doc(text));
    let names: Vec<&str> = plain.iter().map(|e| e.name.as_str()).collect();
    assert!(names.contains(&"Maria Kowalski"), "{names:?}");

    let mut d = doc(text);
    let sb = d.span_builder();
    let cut = text.find("Kowalski").unwrap();
    d.sentences = vec![
        gleaner_core::Sentence {
            span: sb.span(0, cut - 1),
            paragraph: 0,
        },
        gleaner_core::Sentence {
            span: sb.span(cut, text.len()),
            paragraph: 0,
        },
    ];
    let ents = a.entities(&d);
    let sb = d.span_builder();
    for e in &ents {
        for m in &e.mentions {
            let r = sb.byte_range(&m.span);
            assert_eq!(&d.text[r.clone()], m.text);
            assert!(r.end < cut || r.start >= cut, "{m:?} crosses the break");
        }
    }
    assert!(ents.iter().all(|e| e.name != "Maria Kowalski"), "{ents:#?}");
}

#[test]
fn min_mentions_drops_entities_mentioned_less_often() {
    let a = EntitiesAnalyzer::new(EntitiesOptions {
        labels: Vec::new(),
        min_mentions: std::num::NonZeroUsize::new(2),
    })
    .unwrap();
    let all = EntitiesAnalyzer::new(EntitiesOptions::default()).unwrap();
    let d = doc(&fixture("telecom_story.txt"));
    let kept = a.entities(&d);
    assert!(kept.iter().all(|e| e.mentions.len() >= 2), "{kept:#?}");
    assert!(all.entities(&d).len() > kept.len());
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    #[test]
    fn never_panics_and_spans_match_text(
        s in "([A-Z][a-z]{1,8}|[A-Z]{2,5}|[a-z]{1,7}|5G|U\\.S\\.|'s|’s|[,.()\"“”—\\n-]|\\PC){0,60}"
    ) {
        let d = doc(&s);
        let a = EntitiesAnalyzer::new(EntitiesOptions::default()).unwrap();
        let ents = a.entities(&d);
        let sb = d.span_builder();
        for e in &ents {
            proptest::prop_assert!(!e.mentions.is_empty());
            for m in &e.mentions {
                proptest::prop_assert_eq!(&d.text[sb.byte_range(&m.span)], m.text.as_str());
            }
        }
    }
}

#[test]
fn company_news_repairs_end_to_end() {
    let a = EntitiesAnalyzer::new(EntitiesOptions::default()).unwrap();
    let ents = a.entities(&doc(&fixture("company_news.txt")));
    let label = |name: &str| {
        ents.iter()
            .find(|e| e.name == name)
            .map(|e| e.label)
            .unwrap_or_else(|| {
                let names: Vec<(&str, &str)> = ents
                    .iter()
                    .map(|e| (e.name.as_str(), e.label.as_str()))
                    .collect();
                panic!("{name} not found in {names:?}")
            })
    };
    // Company cues: "said … it would", "which won the tender", "lines
    // including", a letter brand.
    for name in ["Dravenor", "Ostmark", "Halvig", "Q-Mobile"] {
        assert_eq!(label(name), EntityLabel::Org, "{name}");
    }
    // Head nouns and natural features.
    assert_eq!(label("Baltic Geological Survey"), EntityLabel::Org);
    assert_eq!(label("Great Coral Reef"), EntityLabel::Loc);
    // Acronym + person split; month surname kept.
    assert_eq!(label("NCSA"), EntityLabel::Org);
    assert_eq!(label("Jeremy Walcott"), EntityLabel::Person);
    assert_eq!(label("Theresa May"), EntityLabel::Person);
    // "the Commission" is the Baltic Maritime Commission.
    let c = ents
        .iter()
        .find(|e| e.name == "Baltic Maritime Commission")
        .unwrap();
    assert_eq!(c.mentions.len(), 2, "{c:?}");
    assert!(ents.iter().all(|e| e.name != "Commission"));
}

#[test]
fn time_zones_are_not_entities() {
    let a = EntitiesAnalyzer::new(EntitiesOptions::default()).unwrap();
    let ents = a.entities(&doc(
        "Trading in Oslo stopped at 14:05 GMT and resumed at 16:40 GMT, the exchange said.",
    ));
    assert!(ents.iter().all(|e| e.name != "GMT"), "{ents:#?}");
    assert!(ents.iter().any(|e| e.name == "Oslo"), "{ents:#?}");
}
