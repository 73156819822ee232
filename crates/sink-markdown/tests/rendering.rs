//! Parses reports and the index with a CommonMark parser (with GFM tables) to
//! check that article text renders as exactly its own characters: no HTML, no
//! links, no emphasis, no extra headings, lists or table cells, whatever the
//! text holds.

use gleaner_core::{
    Claim, ClaimKind, ClaimSource, CueClass, Document, Entity, EntityLabel, Failure, Format,
    Mention, Meta, RunSummary, SourceInfo, Span, TextSpan,
};
use gleaner_sink_markdown::MarkdownSink;
use proptest::prelude::*;
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};

/// Events of a report or index, after its first line when that is the
/// index record (an HTML comment by design, checked in `index.rs`).
fn events(md: &str) -> Vec<Event<'_>> {
    let body = match md.split_once('\n') {
        Some((first, rest)) if first.starts_with("<!-- gleaner: ") => rest,
        _ => md,
    };
    Parser::new_ext(body, Options::ENABLE_TABLES | Options::ENABLE_STRIKETHROUGH).collect()
}

/// What the escaping promises a string renders as: whitespace folded,
/// control and bidi/zero-width characters gone.
fn folded(s: &str) -> String {
    s.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| {
            !c.is_control()
                && !matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
        })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn doc(title: &str) -> Document {
    Document::new(
        "x",
        SourceInfo {
            path: "in/x.txt".into(),
            format: Format::Txt,
            hash: format!("sha256:{}", "00".repeat(32)),
            line: None,
            encoding: None,
        },
        Meta {
            title: Some(title.into()),
            ..Meta::default()
        },
        "Body.".into(),
    )
}

/// Text inside the first element opened by `is_start` up to its end.
fn text_of(evs: &[Event<'_>], is_start: impl Fn(&Tag<'_>) -> bool, end: TagEnd) -> Option<String> {
    let start = evs
        .iter()
        .position(|e| matches!(e, Event::Start(t) if is_start(t)))?;
    let mut out = String::new();
    for e in &evs[start + 1..] {
        match e {
            Event::End(t) if *t == end => return Some(out),
            Event::Text(t) | Event::Code(t) => out.push_str(t),
            Event::SoftBreak | Event::HardBreak => out.push(' '),
            _ => {}
        }
    }
    None
}

fn assert_inert(evs: &[Event<'_>], md: &str) {
    for e in evs {
        let bad = matches!(
            e,
            Event::Html(_)
                | Event::InlineHtml(_)
                | Event::Start(
                    Tag::Link { .. }
                        | Tag::Image { .. }
                        | Tag::Emphasis
                        | Tag::Strikethrough
                        | Tag::CodeBlock(_)
                        | Tag::HtmlBlock
                )
        );
        assert!(!bad, "{e:?} in:\n{md}");
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn any_title_renders_as_itself(title in "[-#*_`\\\\\\[\\]()<>|&;!~:= a-z0-9+.\n\t\u{1b}\u{202e}]{1,40}") {
        let md = MarkdownSink::new("unused", false).render(&doc(&title));
        let evs = events(&md);
        let expected = folded(&title);
        let shown = if expected.is_empty() { "x".to_string() } else { expected };
        let heading = text_of(&evs, |t| matches!(t, Tag::Heading { .. }), TagEnd::Heading(pulldown_cmark::HeadingLevel::H1));
        prop_assert_eq!(heading.as_deref().map(str::trim), Some(shown.as_str()), "{}", md);
        let headings = evs.iter().filter(|e| matches!(e, Event::Start(Tag::Heading { .. }))).count();
        prop_assert_eq!(headings, 1, "{}", md);
        prop_assert!(!evs.iter().any(|e| matches!(e, Event::Start(Tag::List(_)))), "{}", md);
        // The only link-like thing may be none here: no URL, no outlet.
        let links = evs.iter().filter(|e| matches!(e, Event::Start(Tag::Link { .. }))).count();
        prop_assert_eq!(links, 0, "{}", md);
        prop_assert!(!evs.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Emphasis | Tag::Strong | Tag::Table(_)))), "{}", md);
    }

    #[test]
    fn any_claim_renders_as_itself(content in "[-#*_`\\\\\\[\\]()<>|&;!~:= a-z0-9+.\n]{1,60}") {
        prop_assume!(!folded(&content).is_empty());
        let mut d = doc("T");
        d.claims = vec![Claim {
            kind: ClaimKind::Direct,
            cue_class: CueClass::Statement,
            source: None,
            cue: TextSpan { span: Span::default(), text: "said".into() },
            content: TextSpan { span: Span::default(), text: content.clone() },
            content_parts: vec![],
        }];
        let md = MarkdownSink::new("unused", false).render(&d);
        let evs = events(&md);
        let start = evs.iter().position(|e| matches!(e, Event::Start(Tag::BlockQuote(_)))).unwrap();
        let first_para = text_of(&evs[start..], |t| matches!(t, Tag::Paragraph), TagEnd::Paragraph).unwrap();
        let expected = folded(&content);
        prop_assert_eq!(first_para.trim(), expected.as_str(), "{}", md);
        prop_assert!(!evs.iter().any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_) | Event::Start(Tag::Link { .. } | Tag::Emphasis | Tag::List(_)))), "{}", md);
    }
}

#[test]
fn entity_names_and_index_cells_stay_in_place() {
    let hostile = "A | B *c* <i>d</i> [e](f) `g` 1. h";
    let mut d = doc(hostile);
    d.meta.outlet = Some(hostile.into());
    d.entities = vec![Entity {
        id: "e1".into(),
        label: EntityLabel::Org,
        name: hostile.into(),
        aliases: vec!["- alias".into()],
        attributes: [("titles".to_string(), vec!["# chief".to_string()])].into(),
        mentions: vec![Mention {
            span: Span::default(),
            text: "A".into(),
        }],
    }];
    d.claims = vec![Claim {
        kind: ClaimKind::Indirect,
        cue_class: CueClass::Claim,
        source: Some(ClaimSource {
            span: Span::default(),
            text: hostile.into(),
            entity: Some("e1".into()),
        }),
        cue: TextSpan {
            span: Span::default(),
            text: "claimed".into(),
        },
        content: TextSpan {
            span: Span::default(),
            text: "it | was *fine*".into(),
        },
        content_parts: vec![],
    }];
    let md = MarkdownSink::new("unused", false).render(&d);
    let evs = events(&md);
    assert_inert(&evs, &md);
    let item = text_of(&evs, |t| matches!(t, Tag::Item), TagEnd::Item).unwrap();
    assert_eq!(
        item,
        format!("{hostile} (also - alias) · titles: # chief · 1 mention")
    );

    let tmp = tempfile::tempdir().unwrap();
    let sink = MarkdownSink::new(tmp.path(), false);
    sink.write_sync(&d).unwrap();
    let summary = RunSummary {
        processed: 1,
        failures: vec![Failure {
            path: hostile.into(),
            stage: "ingest".into(),
            message: hostile.into(),
        }],
    };
    let path = sink.write_index(&summary).unwrap();
    let md = std::fs::read_to_string(path).unwrap();
    let evs = events(&md);
    // Index rows: every row has exactly the header's cells.
    let mut row_cells = Vec::new();
    let mut cells = 0;
    let mut cell_texts: Vec<String> = Vec::new();
    let mut cur = String::new();
    for e in &evs {
        match e {
            Event::Start(Tag::TableRow | Tag::TableHead) => cells = 0,
            Event::End(TagEnd::TableRow | TagEnd::TableHead) => row_cells.push(cells),
            Event::Start(Tag::TableCell) => cur.clear(),
            Event::End(TagEnd::TableCell) => {
                cells += 1;
                cell_texts.push(cur.clone());
            }
            Event::Text(t) | Event::Code(t) => cur.push_str(t),
            Event::Html(_) | Event::InlineHtml(_) => panic!("html in index:\n{md}"),
            _ => {}
        }
    }
    assert_eq!(row_cells, [6, 6, 3, 3], "{md}");
    assert!(
        cell_texts.iter().filter(|c| c.as_str() == hostile).count() >= 4,
        "{cell_texts:?}"
    );
    let links = evs
        .iter()
        .filter(|e| matches!(e, Event::Start(Tag::Link { .. })))
        .count();
    assert_eq!(links, 1);
    assert!(md.contains("](x.md)"), "{md}");
}
