//! The Markdown report of one document: title, metadata, a summary of
//! counts, entities grouped by label, claims, a timeline of calendar dates
//! with the sentences they occur in, one section per custom analyzer, and
//! optionally the removed boilerplate.
//!
//! Sections with nothing in them are omitted; the summary line always gives
//! every count, so a missing section reads as "none found". The first line
//! is the index record (see [`crate::index`]).

use crate::escape;
use crate::index::Record;
use crate::value;
use gleaner_core::{CharIndex, Claim, Document, Entity, EntityLabel, TimeExpr, TimexType};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// Longest sentence quoted in the timeline, in characters.
const MAX_SENTENCE: usize = 300;

/// Renders the full report of `doc`.
pub fn render(doc: &Document, include_removed: bool) -> String {
    let mut out = String::new();
    let timeline = timeline_entries(doc);
    out.push_str(&Record::from_timeline(doc, &timeline).header_line());
    out.push('\n');
    // The headline, else the id, else a word: whichever shows something
    // once escaped (a title of control characters shows nothing).
    let title = [doc.meta.title.as_deref(), Some(doc.id.as_str())]
        .into_iter()
        .flatten()
        .map(escape::line_start)
        .find(|t| !t.is_empty())
        .unwrap_or_else(|| "Untitled".to_string());
    let _ = writeln!(out, "# {title}\n");
    out.push_str(&metadata_line(doc));
    out.push_str("\n\n");
    out.push_str(&summary_line(doc, include_removed, timeline.len()));
    out.push('\n');

    let sections = [
        ("Entities", entities_section(doc)),
        ("Claims", claims_section(doc)),
        ("Timeline", timeline_section(&timeline, doc)),
    ];
    for (heading, body) in sections {
        if let Some(body) = body {
            let _ = write!(out, "\n## {heading}\n\n{body}");
        }
    }
    for (name, v) in &doc.analyzers {
        if value::is_empty(v) {
            continue;
        }
        let _ = write!(
            out,
            "\n## Analyzer {}\n\n{}",
            escape::code(name),
            value::render(v)
        );
    }
    if include_removed {
        if let Some(body) = removed_section(doc) {
            let _ = write!(out, "\n## Removed boilerplate\n\n{body}");
        }
    }
    out
}

/// `**Outlet** · By A, B · Published … · <url> · Source: `path``
fn metadata_line(doc: &Document) -> String {
    let m = &doc.meta;
    let mut parts = Vec::new();
    if let Some(o) = m.outlet.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("**{}**", escape::inline(o)));
    }
    let authors: Vec<String> = m
        .authors
        .iter()
        .filter(|a| !a.trim().is_empty())
        .map(|a| escape::inline(a))
        .collect();
    if !authors.is_empty() {
        parts.push(format!("By {}", authors.join(", ")));
    }
    if let Some(p) = m.published.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(format!("Published {}", escape::inline(p)));
    }
    if let Some(u) = m.url.as_deref().filter(|s| !s.trim().is_empty()) {
        parts.push(escape::url(u));
    }
    let mut source = format!("Source: {}", escape::code(&doc.source.path));
    if let Some(line) = doc.source.line {
        let _ = write!(source, " line {line}");
    }
    parts.push(source);
    parts.join(" · ")
}

/// One line of counts.
fn summary_line(doc: &Document, include_removed: bool, dated: usize) -> String {
    let paragraphs = doc
        .sentences
        .iter()
        .map(|s| s.paragraph)
        .collect::<std::collections::BTreeSet<_>>()
        .len();
    let mentions: usize = doc.entities.iter().map(|e| e.mentions.len()).sum();
    let mut parts = vec![
        format!(
            "{} in {}",
            plural(doc.sentences.len(), "sentence"),
            plural(paragraphs, "paragraph")
        ),
        format!(
            "{} ({})",
            plural(doc.entities.len(), "entity"),
            plural(mentions, "mention")
        ),
        plural(doc.claims.len(), "claim"),
        format!(
            "{}, {dated} on the timeline",
            plural(doc.dates.len(), "time expression")
        ),
    ];
    if include_removed {
        parts.push(format!(
            "{} of boilerplate removed",
            plural(doc.removed.len(), "stretch")
        ));
    }
    parts.join(" · ")
}

fn plural(n: usize, word: &str) -> String {
    if n == 1 {
        format!("1 {word}")
    } else if let Some(stem) = word.strip_suffix('y') {
        format!("{n} {stem}ies")
    } else if word.ends_with("ch") || word.ends_with('s') {
        format!("{n} {word}es")
    } else {
        format!("{n} {word}s")
    }
}

/// A readable name for a label's group.
fn label_heading(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Person => "People",
        EntityLabel::Org => "Organizations",
        EntityLabel::Gpe => "Countries, cities and states",
        EntityLabel::Loc => "Places",
        EntityLabel::Norp => "Groups and nationalities",
        EntityLabel::Fac => "Facilities",
        EntityLabel::Product => "Products",
        EntityLabel::Event => "Events",
        EntityLabel::Law => "Laws",
        EntityLabel::WorkOfArt => "Works",
        EntityLabel::Misc => "Other",
    }
}

/// Entities grouped by label, each group by mention count then name.
fn entities_section(doc: &Document) -> Option<String> {
    if doc.entities.is_empty() {
        return None;
    }
    let mut groups: BTreeMap<EntityLabel, Vec<&Entity>> = BTreeMap::new();
    for e in &doc.entities {
        groups.entry(e.label).or_default().push(e);
    }
    let mut out = String::new();
    for (label, mut list) in groups {
        list.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        let _ = writeln!(out, "### {} ({})\n", label_heading(label), label.as_str());
        for e in list {
            out.push_str(&entity_line(e));
            out.push('\n');
        }
        out.push('\n');
    }
    // One blank line between sections, not two.
    out.pop();
    Some(out)
}

fn entity_line(e: &Entity) -> String {
    let mut line = format!("- **{}**", escape::inline(&e.name));
    let aliases: Vec<String> = e
        .aliases
        .iter()
        .filter(|a| !a.trim().is_empty() && *a != &e.name)
        .map(|a| escape::inline(a))
        .collect();
    if !aliases.is_empty() {
        let _ = write!(line, " (also {})", aliases.join(", "));
    }
    for (attr, values) in &e.attributes {
        let values: Vec<String> = values.iter().map(|v| escape::inline(v)).collect();
        if !values.is_empty() {
            let _ = write!(line, " · {}: {}", escape::inline(attr), values.join(", "));
        }
    }
    let _ = write!(line, " · {}", plural(e.mentions.len(), "mention"));
    line
}

/// Each claim as a block quote with its attribution.
fn claims_section(doc: &Document) -> Option<String> {
    if doc.claims.is_empty() {
        return None;
    }
    let blocks: Vec<String> = doc.claims.iter().map(|c| claim_block(doc, c)).collect();
    Some(blocks.join("\n"))
}

fn claim_block(doc: &Document, c: &Claim) -> String {
    let content = if c.content_parts.is_empty() {
        escape::line_start(&c.content.text)
    } else {
        let parts: Vec<&str> = c.content_parts.iter().map(|p| p.text.as_str()).collect();
        escape::line_start(&parts.join(" … "))
    };
    let content = if content.is_empty() {
        "(no text)".to_string()
    } else {
        content
    };
    let source = match &c.source {
        None => "unattributed".to_string(),
        Some(s) => {
            // "Sharon Graham, the union's leader," reads better without the
            // comma that ended the apposition in the sentence.
            let written = escape::inline(s.text.trim_end_matches([',', ';', ':', ' ']));
            let canonical = s
                .entity
                .as_deref()
                .and_then(|id| doc.entities.iter().find(|e| e.id == id))
                .map(|e| e.name.as_str())
                .filter(|name| !s.text.to_lowercase().contains(&name.to_lowercase()));
            match canonical {
                Some(name) => format!("{written} ({})", escape::inline(name)),
                None if written.is_empty() => "unattributed".to_string(),
                None => written,
            }
        }
    };
    format!(
        "> {content}\n>\n> — {source} ({}, {})\n",
        c.cue_class.as_str(),
        c.kind.as_str()
    )
}

/// Sort key of a calendar TIMEX value: year, month, day, then the rest.
/// `None` for values that are not on a calendar (`P3M`, `PAST_REF`,
/// `XXXX-03-01`).
pub(crate) fn calendar_key(value: &str) -> Option<(u32, u32, u32, String)> {
    let head = value.get(..4)?;
    if !head.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let year: u32 = head.parse().ok()?;
    let rest = value.get(4..)?;
    let rest = match rest.strip_prefix('-') {
        Some(r) => r,
        None if rest.is_empty() => return Some((year, 0, 0, String::new())),
        // `2019T10:00` and other odd shapes: year first, then as written.
        None => return Some((year, 0, 0, rest.to_string())),
    };
    let two = |s: &str| -> Option<u32> {
        let d = s.get(..2)?;
        d.bytes()
            .all(|b| b.is_ascii_digit())
            .then(|| d.parse().ok())?
    };
    let (month, after_month) = if let Some(m) = two(rest) {
        (m, rest.get(2..).unwrap_or(""))
    } else if let Some(w) = rest.strip_prefix('W').and_then(two) {
        // ISO week: the day of its Thursday, which is always in the year.
        if let Some((m, d)) = iso_week_thursday(year, w) {
            return Some((year, m, d, rest.to_string()));
        }
        (0, rest)
    } else if let Some(q) = rest
        .strip_prefix('Q')
        .and_then(|s| s.get(..1)?.parse::<u32>().ok())
    {
        (q.saturating_sub(1) * 3 + 1, rest)
    } else if let Some(h) = rest
        .strip_prefix('H')
        .and_then(|s| s.get(..1)?.parse::<u32>().ok())
    {
        (h.saturating_sub(1) * 6 + 1, rest)
    } else {
        // The dates analyzer's "2024-WI" is the winter that begins in
        // December 2024 (January and February belong to the winter before).
        let season = match rest.get(..2) {
            Some("WI") => 12,
            Some("SP") => 3,
            Some("SU") => 6,
            Some("FA") => 9,
            _ => 0,
        };
        return Some((year, season, 0, rest.to_string()));
    };
    let (day, tail) = match after_month
        .strip_prefix('-')
        .and_then(|r| Some((two(r)?, r)))
    {
        Some((d, r)) => (d, r.get(2..).unwrap_or("").to_string()),
        None => (0, after_month.to_string()),
    };
    Some((year, month, day, tail))
}

/// Month and day of the Thursday of ISO week `week` of `year` (week 1 holds
/// January 4th); `None` for a week the year does not have.
fn iso_week_thursday(year: u32, week: u32) -> Option<(u32, u32)> {
    let (y, w) = (i16::try_from(year).ok()?, i8::try_from(week).ok()?);
    let d = jiff::civil::ISOWeekDate::new(y, w, jiff::civil::Weekday::Thursday)
        .ok()?
        .date();
    Some((u32::try_from(d.month()).ok()?, u32::try_from(d.day()).ok()?))
}

/// A dated expression with the sentence it occurs in.
pub(crate) struct TimelineEntry<'a> {
    pub expr: &'a TimeExpr,
    pub sentence: Option<&'a str>,
}

/// `doc.dates` that are calendar DATE/TIME values, in calendar order (ties
/// in text order).
pub(crate) fn timeline_entries(doc: &Document) -> Vec<TimelineEntry<'_>> {
    let index = CharIndex::new(&doc.text);
    let mut dated: Vec<(_, &TimeExpr)> = doc
        .dates
        .iter()
        .filter(|d| matches!(d.kind, TimexType::Date | TimexType::Time))
        .filter_map(|d| Some((calendar_key(&d.value)?, d)))
        .collect();
    dated.sort_by(|(ka, a), (kb, b)| ka.cmp(kb).then(a.span.start.cmp(&b.span.start)));
    dated
        .into_iter()
        .map(|(_, expr)| TimelineEntry {
            expr,
            sentence: sentence_of(doc, &index, expr),
        })
        .collect()
}

/// The text of the sentence holding `expr`: by its `sentence` index when
/// that index exists and contains it, else the sentence whose span contains
/// the expression's.
fn sentence_of<'a>(doc: &'a Document, index: &CharIndex, expr: &TimeExpr) -> Option<&'a str> {
    let contains =
        |s: &gleaner_core::Sentence| s.span.start <= expr.span.start && expr.span.end <= s.span.end;
    let sentence = expr
        .sentence
        .and_then(|i| doc.sentences.get(i))
        .filter(|s| contains(s))
        .or_else(|| doc.sentences.iter().find(|s| contains(s)))?;
    let start = index.byte_of_char(sentence.span.start);
    let end = index.byte_of_char(sentence.span.end);
    doc.text.get(start..end).filter(|t| !t.trim().is_empty())
}

/// Dates and times whose year the text leaves open (`XXXX-05`, `XXXX-04-24`):
/// relative expressions with no publication date to resolve them against,
/// or a bare day or month the analyzer could not place.
fn unplaced(doc: &Document) -> Vec<&TimeExpr> {
    doc.dates
        .iter()
        .filter(|d| matches!(d.kind, TimexType::Date | TimexType::Time))
        .filter(|d| d.value.starts_with("XXXX"))
        .collect()
}

fn timeline_section(entries: &[TimelineEntry<'_>], doc: &Document) -> Option<String> {
    let open = unplaced(doc);
    if entries.is_empty() && open.is_empty() {
        return None;
    }
    let mut out = String::new();
    for e in entries {
        let _ = write!(out, "- **{}**", escape::inline(&e.expr.value));
        if let Some(m) = e.expr.modifier.as_deref() {
            let _ = write!(out, " ({})", escape::inline(m));
        }
        let _ = write!(out, " — “{}”", escape::inline(&e.expr.text));
        if let Some(s) = e.sentence {
            let _ = write!(
                out,
                ": {}",
                escape::inline(&escape::truncate(s.trim(), MAX_SENTENCE))
            );
        }
        out.push('\n');
    }
    if !open.is_empty() {
        let why = if doc.meta.published.is_none() {
            "The article has no publication date, so these relative expressions are not placed"
        } else {
            "Not placed (the year is not known)"
        };
        let list: Vec<String> = open
            .iter()
            .map(|d| {
                format!(
                    "“{}” ({})",
                    escape::inline(&d.text),
                    escape::inline(&d.value)
                )
            })
            .collect();
        if !out.is_empty() {
            out.push('\n');
        }
        let _ = writeln!(out, "{why}: {}.", list.join(", "));
    }
    Some(out)
}

/// Counts of removed stretches and characters by reason.
fn removed_section(doc: &Document) -> Option<String> {
    if doc.removed.is_empty() {
        return None;
    }
    let mut by_reason: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for r in &doc.removed {
        let entry = by_reason.entry(r.reason.as_str()).or_default();
        entry.0 += 1;
        entry.1 += r.text.chars().count();
    }
    let mut out = String::new();
    for (reason, (n, chars)) in by_reason {
        let _ = writeln!(
            out,
            "- {}: {}, {}",
            escape::code(reason),
            plural(n, "stretch"),
            plural(chars, "character")
        );
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn calendar_keys_order_calendar_values() {
        let mut values = vec![
            "2019-02-19T09:19",
            "2019-W07",
            "2018",
            "2019-02",
            "2019-Q1",
            "2019-02-19",
            "2019-SU",
            "2019-03-01",
            "2019-H2",
            "2019-05-14",
            "2019-W21",
            "2019-05-24",
        ];
        values.sort_by_key(|v| calendar_key(v).unwrap());
        assert_eq!(
            values,
            [
                "2018",
                "2019-Q1",
                "2019-02",
                "2019-W07",
                "2019-02-19",
                "2019-02-19T09:19",
                "2019-03-01",
                "2019-05-14",
                "2019-W21",
                "2019-05-24",
                "2019-SU",
                "2019-H2",
            ]
        );
        // Thursdays of ISO weeks, across leap years and year ends.
        assert_eq!(iso_week_thursday(2019, 7), Some((2, 14)));
        assert_eq!(iso_week_thursday(2024, 21), Some((5, 23)));
        assert_eq!(iso_week_thursday(2020, 53), Some((12, 31)));
        assert_eq!(iso_week_thursday(2021, 1), Some((1, 7)));
        assert_eq!(iso_week_thursday(2019, 54), None);
        assert_eq!(iso_week_thursday(2021, 53), None, "2021 has 52 weeks");
        // A winter begins in December: after November of its year.
        let mut winter = vec!["2024-WI", "2024-11-04", "2024-FA"];
        winter.sort_by_key(|v| calendar_key(v).unwrap());
        assert_eq!(winter, ["2024-FA", "2024-11-04", "2024-WI"]);
    }

    #[test]
    fn non_calendar_values_have_no_key() {
        for v in [
            "P3M",
            "PAST_REF",
            "XXXX-03-01",
            "201X",
            "",
            "19",
            "２０１９-01",
        ] {
            assert_eq!(calendar_key(v), None, "{v}");
        }
    }

    #[test]
    fn claim_blocks_name_the_source_and_its_entity() {
        use gleaner_core::{
            ClaimKind, ClaimSource, CueClass, Format, Mention, Meta, SourceInfo, Span, TextSpan,
        };
        let mut doc = Document::new(
            "d",
            SourceInfo {
                path: "d.txt".into(),
                format: Format::Txt,
                hash: String::new(),
                line: None,
                encoding: None,
            },
            Meta::default(),
            String::new(),
        );
        doc.entities = vec![Entity {
            id: "e1".into(),
            label: EntityLabel::Person,
            name: "Rosa Delgado".into(),
            aliases: vec![],
            attributes: BTreeMap::new(),
            mentions: vec![Mention {
                span: Span::default(),
                text: "Rosa Delgado".into(),
            }],
        }];
        let t = |s: &str| TextSpan {
            span: Span::default(),
            text: s.into(),
        };
        let mut claim = Claim {
            kind: ClaimKind::Mixed,
            cue_class: CueClass::Warning,
            source: Some(ClaimSource {
                span: Span::default(),
                text: "the county's planner,".into(),
                entity: Some("e1".into()),
            }),
            cue: t("warned"),
            content: t("1. the dust will spread"),
            content_parts: vec![],
        };
        assert_eq!(
            claim_block(&doc, &claim),
            "> 1\\. the dust will spread\n>\n> — the county's planner (Rosa Delgado) (warning, mixed)\n"
        );
        claim.source = None;
        assert!(claim_block(&doc, &claim).ends_with("> — unattributed (warning, mixed)\n"));
    }

    #[test]
    fn plurals() {
        assert_eq!(plural(1, "entity"), "1 entity");
        assert_eq!(plural(2, "entity"), "2 entities");
        assert_eq!(plural(0, "stretch"), "0 stretches");
        assert_eq!(plural(3, "claim"), "3 claims");
    }
}
