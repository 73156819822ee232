//! The `summary` format: a few human lines per document.
//!
//! ```text
//! Port Ellery ferry terminal to open by June [2019/port-ellery-ferry]
//!   The Valley Ledger · 2019-02-19
//!   5 entities, 4 claims, 7 dates
//!   top entities: Marta Okonkwo (PERSON, 2), Ellery Harbour Authority (ORG, 2)
//!   first claim: Marta Okonkwo (statement): “will open by the end of June, …”
//! ```
//!
//! Article text can hold anything, so every field is cleaned before it
//! reaches a terminal: control characters (escape sequences included) and
//! bidi overrides are dropped and whitespace is folded, so one document is
//! always these few lines and cannot move the cursor or recolour the screen.

use gleaner_core::{Claim, Document, Entity};

/// How many entities the summary names.
const TOP_ENTITIES: usize = 3;
/// Longest title shown, in characters.
const MAX_TITLE: usize = 120;
/// Longest claim content shown, in characters.
const MAX_CLAIM: usize = 160;
/// Longest other field shown, in characters.
const MAX_FIELD: usize = 80;

/// The summary of `doc`, every line ending with a newline.
pub fn render(doc: &Document) -> String {
    let mut out = String::new();
    let id = clean(&doc.id, MAX_FIELD);
    let title = doc
        .meta
        .title
        .as_deref()
        .map(|t| clean(t, MAX_TITLE))
        .filter(|t| !t.is_empty());
    match title {
        Some(t) => out.push_str(&format!("{t} [{id}]\n")),
        None if id.is_empty() => out.push_str("(untitled)\n"),
        None => out.push_str(&format!("{id}\n")),
    }

    let mut where_when = Vec::new();
    if let Some(o) = doc.meta.outlet.as_deref().map(|o| clean(o, MAX_FIELD)) {
        if !o.is_empty() {
            where_when.push(o);
        }
    }
    let published = doc
        .published_date()
        .map(str::to_string)
        .or_else(|| doc.meta.published.as_deref().map(|p| clean(p, MAX_FIELD)))
        .filter(|p| !p.is_empty());
    if let Some(p) = published {
        where_when.push(p);
    }
    if !where_when.is_empty() {
        out.push_str(&format!("  {}\n", where_when.join(" · ")));
    }

    out.push_str(&format!(
        "  {}, {}, {}\n",
        count(doc.entities.len(), "entity", "entities"),
        count(doc.claims.len(), "claim", "claims"),
        count(doc.dates.len(), "date", "dates"),
    ));

    let top = top_entities(&doc.entities);
    if !top.is_empty() {
        let names: Vec<String> = top
            .iter()
            .map(|e| {
                format!(
                    "{} ({}, {})",
                    clean(&e.name, MAX_FIELD),
                    e.label.as_str(),
                    e.mentions.len()
                )
            })
            .collect();
        out.push_str(&format!("  top entities: {}\n", names.join(", ")));
    }

    if let Some(c) = doc.claims.first() {
        out.push_str(&format!("  first claim: {}\n", claim_line(c)));
    }
    out
}

fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// The entities with the most mentions, ties by name.
fn top_entities(entities: &[Entity]) -> Vec<&Entity> {
    let mut list: Vec<&Entity> = entities.iter().collect();
    list.sort_by(|a, b| {
        b.mentions
            .len()
            .cmp(&a.mentions.len())
            .then_with(|| a.name.cmp(&b.name))
    });
    list.truncate(TOP_ENTITIES);
    list
}

fn claim_line(c: &Claim) -> String {
    let source = c
        .source
        .as_ref()
        .map(|s| clean(s.text.trim_end_matches([',', ';', ':', ' ']), MAX_FIELD))
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unattributed".to_string());
    let content = if c.content_parts.is_empty() {
        c.content.text.clone()
    } else {
        c.content_parts
            .iter()
            .map(|p| p.text.as_str())
            .collect::<Vec<_>>()
            .join(" … ")
    };
    format!(
        "{source} ({}): “{}”",
        c.cue_class.as_str(),
        clean(&content, MAX_CLAIM)
    )
}

/// `s` safe for a terminal on one line: control, zero-width and bidi
/// characters dropped, whitespace folded, cut to `max` characters.
pub fn clean(s: &str, max: usize) -> String {
    let mut out = String::new();
    let mut pending_space = false;
    for c in s.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        out.push(c);
    }
    if out.chars().count() > max {
        let mut cut: String = out.chars().take(max.saturating_sub(1)).collect();
        cut.truncate(cut.trim_end().len());
        cut.push('…');
        cut
    } else {
        out
    }
}

fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::{
        ClaimKind, ClaimSource, CueClass, EntityLabel, Format, Mention, Meta, SourceInfo, Span,
        TextSpan,
    };

    fn base(id: &str, title: Option<&str>) -> Document {
        Document::new(
            id,
            SourceInfo {
                path: "x.txt".into(),
                format: Format::Txt,
                hash: "sha256:00".into(),
                line: None,
                encoding: None,
            },
            Meta {
                title: title.map(Into::into),
                ..Meta::default()
            },
            "Body.".into(),
        )
    }

    fn entity(id: &str, name: &str, label: EntityLabel, mentions: usize) -> Entity {
        Entity {
            id: id.into(),
            label,
            name: name.into(),
            aliases: vec![],
            attributes: Default::default(),
            mentions: (0..mentions)
                .map(|_| Mention {
                    span: Span::default(),
                    text: name.into(),
                })
                .collect(),
        }
    }

    fn text_span(t: &str) -> TextSpan {
        TextSpan {
            span: Span::default(),
            text: t.into(),
        }
    }

    #[test]
    fn full_summary() {
        let mut d = base("2020/quarry", Some("Quarry expansion put on hold"));
        d.meta.outlet = Some("Hill Country Post".into());
        d.meta.published = Some("2020-06-03T10:00:00Z".into());
        d.entities = vec![
            entity("e1", "Rosa Delgado", EntityLabel::Person, 1),
            entity("e2", "Harlan County", EntityLabel::Gpe, 4),
            entity("e3", "Stonebridge Aggregates", EntityLabel::Org, 2),
            entity("e4", "Ash Creek", EntityLabel::Loc, 2),
        ];
        d.claims = vec![Claim {
            kind: ClaimKind::Direct,
            cue_class: CueClass::Warning,
            source: Some(ClaimSource {
                span: Span::default(),
                text: "Delgado".into(),
                entity: Some("e1".into()),
            }),
            cue: text_span("warned"),
            content: text_span("The dust will not stop, she said. It never does."),
            content_parts: vec![
                text_span("The dust will not stop,"),
                text_span("It never does."),
            ],
        }];
        assert_eq!(
            render(&d),
            "Quarry expansion put on hold [2020/quarry]\n\
             \x20 Hill Country Post · 2020-06-03\n\
             \x20 4 entities, 1 claim, 0 dates\n\
             \x20 top entities: Harlan County (GPE, 4), Ash Creek (LOC, 2), Stonebridge Aggregates (ORG, 2)\n\
             \x20 first claim: Delgado (warning): “The dust will not stop, … It never does.”\n"
        );
    }

    #[test]
    fn bare_document_uses_its_id() {
        assert_eq!(
            render(&base("notes/one", None)),
            "notes/one\n  0 entities, 0 claims, 0 dates\n"
        );
        assert_eq!(
            render(&base("", Some("  "))),
            "(untitled)\n  0 entities, 0 claims, 0 dates\n"
        );
    }

    #[test]
    fn hostile_ids_and_titles_cannot_reach_the_terminal() {
        for id in [
            "../../x",
            "/etc/passwd",
            "a\0b",
            "\u{1b}[2J\u{1b}]0;pwned\u{7}",
            "x\ny\rz",
        ] {
            let mut d = base(id, Some("\u{1b}[31mRed\u{1b}[0m title\u{202E}"));
            d.meta.outlet = Some("Out\u{8}\u{8}let".into());
            let s = render(&d);
            assert!(
                !s.chars().any(|c| c.is_control() && c != '\n'),
                "{id:?}: {s:?}"
            );
            assert!(!s.contains('\u{202E}'));
            assert_eq!(s.lines().count(), 3, "{id:?}: {s:?}");
        }
    }

    #[test]
    fn long_fields_are_cut() {
        let long = "word ".repeat(100);
        let s = clean(&long, 20);
        assert!(s.chars().count() <= 20, "{s}");
        assert_eq!(s, "word word word word…");
        assert!(s.ends_with('…'));
        assert_eq!(clean("  a \n b  ", 10), "a b");
    }
}
