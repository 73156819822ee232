//! The run index, `index.md`: one row per report in the folder, what the
//! last run or batch did, and the inputs that failed and were not processed
//! since (from [`crate::failures`]).
//!
//! Below the table, "Across the reports" adds up what the reports share:
//! the entities mentioned in most of them, who is quoted most, and one
//! timeline of their dated events.
//!
//! The watch daemon calls `finish` after every batch for months, so the
//! index cannot come from this process's memory. Instead every report starts
//! with a one-line HTML comment holding a small JSON [`Record`]
//! (`<!-- gleaner: {...} -->`), invisible when rendered; [`scan`] reads the
//! first line of each `*.md` in the folder to rebuild the index from what is
//! on disk.

use crate::escape;
use crate::report::{calendar_key, timeline_entries, TimelineEntry};
use gleaner_core::{Document, Failure, RunSummary};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeSet, HashMap, HashSet};
use std::fmt::Write as _;
use std::fs;
use std::io::{self, BufRead, BufReader, Read};
use std::path::Path;

/// File name of the index in the output folder.
pub const INDEX_FILE: &str = "index.md";
/// How a report's first line starts.
pub const HEADER_PREFIX: &str = "<!-- gleaner: ";
/// How a report's first line ends.
pub const HEADER_SUFFIX: &str = " -->";
/// Version of the record format written now (2 added `mentioned`,
/// `quoted` and `dated`; version 1 records still read, without them).
pub const RECORD_VERSION: u32 = 2;
/// Longest first line read from a report, in bytes.
const MAX_HEADER: u64 = 256 * 1024;
/// Longest text field of a record, in characters (at most 4 bytes each, and
/// JSON escapes at most 6 bytes per character: 4 fields stay under 48 KiB).
pub const MAX_RECORD_FIELD: usize = 2000;
/// Longest name or expression in the cross-report lists, in characters.
const MAX_NAME: usize = 120;
/// Longest sentence kept for the cross-report timeline, in characters.
const MAX_RECORD_SENTENCE: usize = 240;
/// Entities a record keeps (the most mentioned).
const MAX_MENTIONED: usize = 15;
/// Sources a record keeps (the most quoted).
const MAX_QUOTED: usize = 10;
/// Dated expressions a record keeps (the first in the text).
const MAX_DATED: usize = 20;
/// Rows of the index's "most mentioned" and "most quoted" tables.
const MAX_ROWS: usize = 20;
/// Lines of the index's timeline (the most recent are kept).
const MAX_TIMELINE: usize = 100;

/// What the index needs to know about one report.
///
/// Serialized in field order (derive, not a map), so the header's keys
/// have a fixed order whatever serde_json features the build turns on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Record {
    /// Record format version ([`RECORD_VERSION`]).
    pub v: u32,
    /// The document's id.
    pub id: String,
    /// Headline.
    #[serde(default)]
    pub title: Option<String>,
    /// Publication or site name.
    #[serde(default)]
    pub outlet: Option<String>,
    /// Publication date or time, as in the document.
    #[serde(default)]
    pub published: Option<String>,
    /// Number of canonical entities.
    #[serde(default)]
    pub entities: usize,
    /// Number of claims.
    #[serde(default)]
    pub claims: usize,
    /// Number of time expressions.
    #[serde(default)]
    pub dates: usize,
    /// The most mentioned canonical entities, most mentions first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mentioned: Vec<Mentioned>,
    /// Who the claims come from, most claims first.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub quoted: Vec<Quoted>,
    /// Dated expressions of the timeline, in calendar order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub dated: Vec<Dated>,
}

/// A canonical entity of a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mentioned {
    /// Canonical name.
    pub name: String,
    /// Label as in JSON (`PERSON`, `ORG`, …).
    pub label: String,
    /// Mentions in the report.
    pub mentions: usize,
}

/// A source of a report's claims: its entity's canonical name when it was
/// resolved, else the words of the source.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quoted {
    /// Who.
    pub name: String,
    /// Claims of the report with that source.
    pub claims: usize,
}

/// A dated expression of a report's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Dated {
    /// TIMEX3 value (a calendar value: `2019-02-16`, `2018-12`).
    pub value: String,
    /// TIMEX3 modifier (`MID`, `START`…), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub modifier: Option<String>,
    /// The expression as written.
    pub text: String,
    /// The sentence it occurs in, cut.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sentence: Option<String>,
}

impl Record {
    /// The record of a document. Text fields are cut (to
    /// [`MAX_RECORD_FIELD`] characters and less for the lists) so that the
    /// header line stays far below what [`scan`] reads.
    pub fn from_document(doc: &Document) -> Self {
        Self::from_timeline(doc, &timeline_entries(doc))
    }

    /// [`Record::from_document`] with the document's timeline already
    /// built (the report renders it too).
    pub(crate) fn from_timeline(doc: &Document, timeline: &[TimelineEntry<'_>]) -> Self {
        let cut = |s: &str| escape::truncate(s, MAX_RECORD_FIELD);
        let name = |s: &str| escape::truncate(s.trim(), MAX_NAME);
        let mut by_mentions: Vec<_> = doc.entities.iter().collect();
        by_mentions.sort_by(|a, b| {
            b.mentions
                .len()
                .cmp(&a.mentions.len())
                .then_with(|| a.name.cmp(&b.name))
        });
        let mentioned = by_mentions
            .into_iter()
            .filter(|e| !e.name.trim().is_empty())
            .take(MAX_MENTIONED)
            .map(|e| Mentioned {
                name: name(&e.name),
                label: e.label.as_str().to_string(),
                mentions: e.mentions.len(),
            })
            .collect();
        // Sources resolved to an entity of the article: "officials", "the
        // report" or an unresolved "he" name no one across reports.
        let names: HashMap<&str, &str> = doc
            .entities
            .iter()
            .map(|e| (e.id.as_str(), e.name.trim()))
            .collect();
        let mut sources: Vec<(String, usize)> = Vec::new();
        let mut slot: HashMap<&str, usize> = HashMap::new();
        for c in &doc.claims {
            let Some(who) = c
                .source
                .as_ref()
                .and_then(|s| s.entity.as_deref())
                .and_then(|id| names.get(id).copied())
                .filter(|n| !n.is_empty())
            else {
                continue;
            };
            match slot.get(who) {
                Some(&k) => sources[k].1 += 1,
                None => {
                    slot.insert(who, sources.len());
                    sources.push((who.to_string(), 1));
                }
            }
        }
        // Most claims first; ties in the order the article quotes them.
        sources.sort_by_key(|s| std::cmp::Reverse(s.1));
        let quoted = sources
            .into_iter()
            .take(MAX_QUOTED)
            .map(|(n, claims)| Quoted {
                name: name(&n),
                claims,
            })
            .collect();
        // The first MAX_DATED in the text, kept in the timeline's calendar
        // order.
        let mut first: Vec<usize> = (0..timeline.len()).collect();
        first.sort_by_key(|&i| timeline[i].expr.span.start);
        first.truncate(MAX_DATED);
        first.sort_unstable();
        let dated = first
            .into_iter()
            .map(|i| {
                let e = &timeline[i];
                Dated {
                    value: name(&e.expr.value),
                    modifier: e.expr.modifier.as_deref().map(name),
                    text: name(&e.expr.text),
                    sentence: e
                        .sentence
                        .map(|s| escape::truncate(s.trim(), MAX_RECORD_SENTENCE)),
                }
            })
            .collect();
        Self {
            v: RECORD_VERSION,
            id: cut(&doc.id),
            title: doc.meta.title.as_deref().map(cut),
            outlet: doc.meta.outlet.as_deref().map(cut),
            published: doc.meta.published.as_deref().map(cut),
            entities: doc.entities.len(),
            claims: doc.claims.len(),
            dates: doc.dates.len(),
            mentioned,
            quoted,
            dated,
        }
    }

    /// The report's first line: `<!-- gleaner: {...} -->`. The JSON has `<`
    /// and `>` written as `\u003c`/`\u003e` so that no title can close the
    /// comment, and no newline (serde escapes them).
    pub fn header_line(&self) -> String {
        // A record holds only strings, numbers and lists, which always
        // serialize; were that ever to change, the report keeps a minimal
        // header and says why in the log.
        let json = match serde_json::to_string(self) {
            Ok(j) => j,
            Err(e) => {
                tracing::warn!(id = %self.id, error = %e, "index record not serializable; writing a minimal one");
                format!("{{\"v\":{},\"id\":{}}}", self.v, serde_json::Value::from(self.id.as_str()))
            }
        }
        .replace('<', "\\u003c")
            .replace('>', "\\u003e");
        format!("{HEADER_PREFIX}{json}{HEADER_SUFFIX}")
    }

    /// Parses a report's first line; `None` when it is not a Gleaner header.
    pub fn parse_header(line: &str) -> Option<Record> {
        let json = line
            .trim_end_matches(['\n', '\r'])
            .strip_prefix(HEADER_PREFIX)?
            .strip_suffix(HEADER_SUFFIX)?;
        serde_json::from_str(json).ok()
    }

    /// The title to show: the headline, else the id.
    fn display_title(&self) -> &str {
        self.title
            .as_deref()
            .filter(|t| !t.trim().is_empty())
            .unwrap_or(&self.id)
    }
}

/// One report found in the folder.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The report's file name inside the folder.
    pub file: String,
    /// Its record.
    pub record: Record,
}

/// Reads the record of every report in `dir` (every `*.md` except
/// [`INDEX_FILE`] and dot files). Files without a Gleaner header are not
/// reports and are skipped; a folder that does not exist has none.
pub fn scan(dir: &Path) -> io::Result<Vec<Entry>> {
    let listing = match fs::read_dir(dir) {
        Ok(l) => l,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(e),
    };
    let mut entries = Vec::new();
    for item in listing {
        let item = item?;
        let name = item.file_name();
        let Some(name) = name.to_str() else {
            tracing::debug!(file = ?item.path(), "not a report: file name is not UTF-8");
            continue;
        };
        if name == INDEX_FILE || name.starts_with('.') || !name.ends_with(".md") {
            continue;
        }
        let path = item.path();
        match read_first_line(&path) {
            Ok(Some(line)) => match Record::parse_header(&line) {
                Some(record) => entries.push(Entry {
                    file: name.to_string(),
                    record,
                }),
                None => tracing::debug!(file = %path.display(), "not a report: no gleaner header"),
            },
            Ok(None) => tracing::debug!(file = %path.display(), "not a report: not a text file"),
            // Removed between listing and reading (e.g. by a concurrent run).
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
        }
    }
    sort(&mut entries);
    Ok(entries)
}

/// The first line of a file, at most [`MAX_HEADER`] bytes; `None` when it
/// is a folder or not UTF-8.
fn read_first_line(path: &Path) -> io::Result<Option<String>> {
    let file = fs::File::open(path)?;
    if file.metadata()?.is_dir() {
        return Ok(None);
    }
    let mut reader = BufReader::new(file.take(MAX_HEADER));
    let mut bytes = Vec::new();
    reader.read_until(b'\n', &mut bytes)?;
    Ok(String::from_utf8(bytes).ok())
}

/// Newest first (by `published`; undated last), then by title, then file.
pub fn sort(entries: &mut [Entry]) {
    entries.sort_by(|a, b| {
        let pa = sortable_published(&a.record);
        let pb = sortable_published(&b.record);
        pb.cmp(&pa)
            .then_with(|| {
                let ta = a.record.display_title().to_lowercase();
                let tb = b.record.display_title().to_lowercase();
                ta.cmp(&tb)
            })
            .then_with(|| a.file.cmp(&b.file))
    });
}

/// `published` when it starts with a four-digit year (so that string order
/// is date order), else `None`, which sorts last.
fn sortable_published(r: &Record) -> Option<&str> {
    r.published
        .as_deref()
        .map(str::trim)
        .filter(|p| p.len() >= 4 && p.bytes().take(4).all(|b| b.is_ascii_digit()))
}

/// The published date as shown: `YYYY-MM-DD` when it has one, else as
/// written.
fn published_cell(r: &Record) -> String {
    let Some(p) = r.published.as_deref() else {
        return String::new();
    };
    let day = p.get(..10).filter(|d| {
        let b = d.as_bytes();
        b.len() == 10
            && b.iter().enumerate().all(|(i, c)| {
                if i == 4 || i == 7 {
                    *c == b'-'
                } else {
                    c.is_ascii_digit()
                }
            })
    });
    escape::inline(day.unwrap_or(p))
}

/// Renders `index.md` from the reports found, the last run's summary and
/// the failures still outstanding (the last run's included).
pub fn render(entries: &[Entry], summary: &RunSummary, outstanding: &[Failure]) -> String {
    let mut out = String::from("# Gleaner reports\n\n");
    if entries.is_empty() {
        out.push_str("No reports yet.\n");
    } else {
        let _ = writeln!(
            out,
            "{} {}, newest first.\n",
            entries.len(),
            if entries.len() == 1 {
                "report"
            } else {
                "reports"
            }
        );
        out.push_str("| Title | Outlet | Published | Entities | Claims | Dates |\n");
        out.push_str("| --- | --- | --- | ---: | ---: | ---: |\n");
        for e in entries {
            let r = &e.record;
            let title = [r.title.as_deref(), Some(r.id.as_str())]
                .into_iter()
                .flatten()
                .map(escape::inline)
                .find(|t| !t.is_empty())
                .unwrap_or_else(|| "Untitled".to_string());
            let _ = writeln!(
                out,
                "| [{title}]({}) | {} | {} | {} | {} | {} |",
                escape::link_target(&e.file),
                escape::inline(r.outlet.as_deref().unwrap_or("")),
                published_cell(r),
                r.entities,
                r.claims,
                r.dates
            );
        }
    }
    if entries.len() >= 2 {
        out.push_str(&across(entries));
    }
    out.push_str("\n## Last run\n\n");
    let _ = writeln!(
        out,
        "{} processed, {} failed.",
        summary.processed,
        summary.failures.len()
    );
    if !outstanding.is_empty() {
        let _ = writeln!(
            out,
            "\n## Failed inputs\n\n{} not processed since they failed, oldest first.\n",
            if outstanding.len() == 1 {
                "One input".to_string()
            } else {
                format!("{} inputs", outstanding.len())
            }
        );
        out.push_str("| Path | Stage | Message |\n| --- | --- | --- |\n");
        for f in outstanding {
            let _ = writeln!(
                out,
                "| {} | {} | {} |",
                escape::inline(&f.path),
                escape::inline(&f.stage),
                escape::inline(&f.message)
            );
        }
    }
    out
}

/// "Across the reports": the entities most reports mention, who is quoted
/// in most reports, and one timeline of the reports' dated events. Empty
/// when the records hold none of these (reports of version 1).
fn across(entries: &[Entry]) -> String {
    let mut out = String::new();
    // Entities by (label, lowercase name) and sources by lowercase name:
    // the reports (indexes) naming them, mentions or claims, first spelling.
    let mut ents: HashMap<(String, String), Tally> = HashMap::new();
    let mut srcs: HashMap<String, Tally> = HashMap::new();
    for (i, e) in entries.iter().enumerate() {
        for m in &e.record.mentioned {
            ents.entry((m.label.clone(), m.name.to_lowercase()))
                .or_insert_with(|| Tally::new(&m.name))
                .add(i, m.mentions);
        }
        for q in &e.record.quoted {
            srcs.entry(q.name.to_lowercase())
                .or_insert_with(|| Tally::new(&q.name))
                .add(i, q.claims);
        }
    }
    // Each report merged its own mentions; across reports, "Trump" is the
    // "Donald Trump" of another report and "ZTE Corp" the "ZTE".
    let renames = cross_report_names(ents.keys());
    for (from, to) in &renames {
        let to_shown = ents.get(to).map(|t| t.shown.clone());
        if let Some(t) = ents.remove(from) {
            ents.entry(to.clone())
                .or_insert_with(|| Tally::new(&t.shown))
                .absorb(t);
        }
        if let Some(t) = srcs.remove(&from.1) {
            let shown = to_shown.unwrap_or_else(|| t.shown.clone());
            srcs.entry(to.1.clone())
                .or_insert_with(|| Tally::new(&shown))
                .absorb(t);
        }
    }
    let mut ents: Vec<_> = ents.into_iter().collect();
    ents.sort_by(|((la, ka), a), ((lb, kb), b)| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then(b.count.cmp(&a.count))
            .then_with(|| ka.cmp(kb))
            .then_with(|| la.cmp(lb))
    });
    let mut srcs: Vec<_> = srcs.into_iter().collect();
    srcs.sort_by(|(ka, a), (kb, b)| {
        b.reports
            .len()
            .cmp(&a.reports.len())
            .then(b.count.cmp(&a.count))
            .then_with(|| ka.cmp(kb))
    });
    let mut events: Vec<(&Entry, &Dated)> = entries
        .iter()
        .flat_map(|e| e.record.dated.iter().map(move |d| (e, d)))
        .collect();
    events.sort_by_cached_key(|(e, d)| (calendar_key(&d.value), e.file.clone()));
    if ents.is_empty() && srcs.is_empty() && events.is_empty() {
        return out;
    }
    out.push_str("\n## Across the reports\n");
    let older = entries.iter().filter(|e| e.record.v < 2).count();
    if older > 0 {
        let _ = writeln!(
            out,
            "\n{older} of the reports were written by an older Gleaner and are not counted here; run their inputs again to include them."
        );
    }
    if !ents.is_empty() {
        out.push_str("\n### Most mentioned\n\n");
        let shared: Vec<_> = ents.iter().filter(|(_, t)| t.reports.len() > 1).collect();
        if shared.is_empty() {
            out.push_str("No entity is named in more than one report.\n");
        } else {
            let _ = writeln!(
                out,
                "Entities named in more than one report, by the number of reports (each report lists its {MAX_MENTIONED} most mentioned).\n"
            );
            out.push_str("| Name | Type | Reports | Mentions |\n| --- | --- | ---: | ---: |\n");
            for ((label, _), t) in shared.into_iter().take(MAX_ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} | {} |",
                    escape::inline(&t.shown),
                    escape::inline(label),
                    t.reports.len(),
                    t.count
                );
            }
        }
    }
    if !srcs.is_empty() {
        out.push_str("\n### Most quoted\n\n");
        let shared: Vec<_> = srcs.iter().filter(|(_, t)| t.reports.len() > 1).collect();
        if shared.is_empty() {
            out.push_str("No source is quoted in more than one report.\n");
        } else {
            out.push_str(
                "Sources of claims quoted in more than one report, by the number of reports.\n\n",
            );
            out.push_str("| Source | Reports | Claims |\n| --- | ---: | ---: |\n");
            for (_, t) in shared.into_iter().take(MAX_ROWS) {
                let _ = writeln!(
                    out,
                    "| {} | {} | {} |",
                    escape::inline(&t.shown),
                    t.reports.len(),
                    t.count
                );
            }
        }
    }
    if !events.is_empty() {
        out.push_str("\n### Timeline\n\n");
        let skipped = events.len().saturating_sub(MAX_TIMELINE);
        if skipped > 0 {
            let _ = writeln!(
                out,
                "The {MAX_TIMELINE} most recent of {} dated events.\n",
                events.len()
            );
        }
        for (e, d) in events.iter().skip(skipped) {
            let _ = write!(out, "- **{}**", escape::inline(&d.value));
            if let Some(m) = d.modifier.as_deref() {
                let _ = write!(out, " ({})", escape::inline(m));
            }
            let title = escape::inline(e.record.display_title());
            let _ = write!(
                out,
                " — “{}” in [{}]({})",
                escape::inline(&d.text),
                if title.is_empty() {
                    "Untitled".to_string()
                } else {
                    title
                },
                escape::link_target(&e.file)
            );
            if let Some(s) = d.sentence.as_deref() {
                let _ = write!(out, ": {}", escape::inline(s));
            }
            out.push('\n');
        }
    }
    out
}

/// What one name adds up to across reports.
struct Tally {
    /// Indexes of the reports that name it.
    reports: BTreeSet<usize>,
    /// Mentions or claims, summed.
    count: usize,
    /// The spelling shown (the first seen).
    shown: String,
}

impl Tally {
    fn new(shown: &str) -> Self {
        Self {
            reports: BTreeSet::new(),
            count: 0,
            shown: shown.to_string(),
        }
    }
    fn add(&mut self, report: usize, n: usize) {
        self.reports.insert(report);
        self.count += n;
    }
    fn absorb(&mut self, other: Tally) {
        self.reports.extend(other.reports);
        self.count += other.count;
    }
}

/// Company-form words left off when comparing organisation names.
const ORG_SUFFIXES: &[&str] = &[
    "corp",
    "corporation",
    "inc",
    "incorporated",
    "ltd",
    "limited",
    "co",
    "company",
    "plc",
    "llc",
    "group",
    "holdings",
    "sa",
    "ag",
    "nv",
];

/// Names of different reports that are one entity: a one-word PERSON name
/// that is the last word of exactly one longer PERSON name ("Trump" →
/// "Donald Trump"), and an ORG name that is another's plus a company form
/// ("ZTE Corp" → "ZTE"). Keys are (label, lowercase name); each maps to the
/// key it joins.
fn cross_report_names<'a>(
    keys: impl Iterator<Item = &'a (String, String)>,
) -> Vec<((String, String), (String, String))> {
    let keys: Vec<&(String, String)> = keys.collect();
    let known: HashSet<&(String, String)> = keys.iter().copied().collect();
    // Multi-word person names by their last word.
    let mut by_last: HashMap<&str, Vec<&(String, String)>> = HashMap::new();
    for &k in &keys {
        if k.0 == "PERSON" && k.1.contains(' ') {
            if let Some(last) = k.1.rsplit(' ').next() {
                by_last.entry(last).or_default().push(k);
            }
        }
    }
    let mut renames = Vec::new();
    for &(label, name) in &keys {
        let target = match label.as_str() {
            "PERSON" if !name.contains(' ') => {
                match by_last.get(name.as_str()).map(Vec::as_slice) {
                    Some([one]) => Some((*one).clone()),
                    _ => None,
                }
            }
            "ORG" => {
                let words: Vec<&str> = name.split_whitespace().collect();
                // "JPMorgan Chase & Co." → "jpmorgan chase".
                let cut = words
                    .iter()
                    .rposition(|w| {
                        let w = w.trim_end_matches(['.', ',']);
                        !ORG_SUFFIXES.contains(&w) && !matches!(w, "&" | "and")
                    })
                    .map_or(0, |p| p + 1);
                let base = words.get(..cut).map(|w| w.join(" ")).unwrap_or_default();
                (cut < words.len() && !base.is_empty())
                    .then(|| ("ORG".to_string(), base))
                    .filter(|k| known.contains(k))
            }
            _ => None,
        };
        if let Some(t) = target {
            renames.push(((label.clone(), name.clone()), t));
        }
    }
    renames
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(id: &str, title: Option<&str>, published: Option<&str>) -> Record {
        Record {
            v: RECORD_VERSION,
            id: id.into(),
            title: title.map(Into::into),
            outlet: None,
            published: published.map(Into::into),
            entities: 1,
            claims: 2,
            dates: 3,
            mentioned: Vec::new(),
            quoted: Vec::new(),
            dated: Vec::new(),
        }
    }

    #[test]
    fn header_round_trips_and_cannot_be_closed_early() {
        let mut r = record("a/../b", Some("Ends here --> <b>and\nnew line</b>"), None);
        r.outlet = Some("Ledger".into());
        let line = r.header_line();
        assert!(!line.contains('\n'));
        assert_eq!(line.matches("-->").count(), 1);
        assert!(line.ends_with(" -->"));
        assert!(!line[..line.len() - 4].contains('>'));
        assert_eq!(Record::parse_header(&line), Some(r));
    }

    fn rich() -> Document {
        serde_json::from_str(include_str!("../tests/fixtures/rich.json")).unwrap()
    }

    #[test]
    fn records_count_only_sources_resolved_to_an_entity() {
        let mut doc = rich();
        // An unresolved "he" (or "officials") says nothing once out of its
        // article; a resolved one counts for its entity.
        let mut he = doc.claims[0].clone();
        he.source.as_mut().unwrap().text = "he".into();
        he.source.as_mut().unwrap().entity = None;
        let mut resolved_he = he.clone();
        resolved_he.source.as_mut().unwrap().entity = Some("e1".into());
        doc.claims.push(he);
        doc.claims.push(resolved_he);
        let r = Record::from_document(&doc);
        assert!(r.quoted.iter().all(|q| q.name != "he"), "{:?}", r.quoted);
        // The fixture's unresolved "a report by the Valley Transport Board"
        // is left out too.
        assert!(
            r.quoted.iter().all(|q| !q.name.starts_with("a report")),
            "{:?}",
            r.quoted
        );
        let marta = r.quoted.iter().find(|q| q.name == "Marta Okonkwo").unwrap();
        assert_eq!(marta.claims, 3);
        assert_eq!(r.quoted[0].name, "Marta Okonkwo");
        // Mentioned: most mentions first; dated: calendar order.
        assert_eq!(r.mentioned[0].mentions, 2);
        let keys: Vec<_> = r.dated.iter().map(|d| calendar_key(&d.value)).collect();
        assert!(keys.windows(2).all(|w| w[0] <= w[1]), "{keys:?}");
        // The record survives its header.
        assert_eq!(Record::parse_header(&r.header_line()), Some(r));
    }

    #[test]
    fn version_1_reports_are_indexed_without_the_cross_report_section() {
        let v1 = |id: &str| {
            format!(
                "<!-- gleaner: {{\"v\":1,\"id\":\"{id}\",\"title\":\"T {id}\",\"outlet\":null,\"published\":null,\"entities\":2,\"claims\":1,\"dates\":0}} -->"
            )
        };
        let entries: Vec<Entry> = ["a", "b"]
            .into_iter()
            .map(|id| Entry {
                file: format!("{id}.md"),
                record: Record::parse_header(&v1(id)).unwrap(),
            })
            .collect();
        assert!(entries[0].record.mentioned.is_empty());
        let text = render(&entries, &RunSummary::default(), &[]);
        assert!(text.contains("[T a](a.md)"), "{text}");
        assert!(!text.contains("Across the reports"), "{text}");
        // Next to new reports, the old ones are said to be left out.
        let mut mixed = entries.clone();
        mixed.push(Entry {
            file: "new.md".into(),
            record: Record::from_document(&rich()),
        });
        mixed.push(Entry {
            file: "new2.md".into(),
            record: Record::from_document(&rich()),
        });
        let text = render(&mixed, &RunSummary::default(), &[]);
        assert!(
            text.contains("2 of the reports were written by an older Gleaner"),
            "{text}"
        );
    }

    #[test]
    fn the_index_adds_up_what_reports_share() {
        let a = Record::from_document(&rich());
        let mut other = rich();
        other.entities.truncate(1);
        other.claims.truncate(1);
        other.dates.clear();
        let b = Record::from_document(&other);
        let entries = vec![
            Entry {
                file: "a.md".into(),
                record: a,
            },
            Entry {
                file: "b.md".into(),
                record: b,
            },
        ];
        let text = render(&entries, &RunSummary::default(), &[]);
        // Marta Okonkwo is in both reports, 2 mentions each; first row.
        let table = text.split("### Most mentioned").nth(1).unwrap();
        let first_row = table.lines().find(|l| l.starts_with("| Marta")).unwrap();
        assert_eq!(first_row, "| Marta Okonkwo | PERSON | 2 | 4 |");
        // Marta is quoted twice in report a and once in report b.
        assert!(text.contains("| Marta Okonkwo | 2 | 3 |"), "{text}");
        assert!(
            text.contains("- **2016** — “in 2016” in [Port Ellery"),
            "{text}"
        );
    }

    #[test]
    fn surnames_and_company_forms_join_across_reports() {
        let m = |name: &str, label: &str, mentions: usize| Mentioned {
            name: name.into(),
            label: label.into(),
            mentions,
        };
        let mut a = record("a", Some("A"), None);
        a.mentioned = vec![
            m("Donald Trump", "PERSON", 3),
            m("ZTE", "ORG", 2),
            m("Ann Lee", "PERSON", 1),
            m("Northgate Chase", "ORG", 1),
            m("Lee", "PERSON", 1),
        ];
        a.quoted = vec![Quoted {
            name: "Donald Trump".into(),
            claims: 1,
        }];
        let mut b = record("b", Some("B"), None);
        b.mentioned = vec![
            m("Trump", "PERSON", 1),
            m("ZTE Corp.", "ORG", 1),
            m("Northgate Chase & Co.", "ORG", 2),
            m("Lee", "PERSON", 1),
            m("Bo Lee", "PERSON", 1),
        ];
        b.quoted = vec![Quoted {
            name: "Trump".into(),
            claims: 2,
        }];
        let entries: Vec<Entry> = [a, b]
            .into_iter()
            .map(|r| Entry {
                file: format!("{}.md", r.id),
                record: r,
            })
            .collect();
        let text = render(&entries, &RunSummary::default(), &[]);
        assert!(text.contains("| Donald Trump | PERSON | 2 | 4 |"), "{text}");
        assert!(text.contains("| ZTE | ORG | 2 | 3 |"), "{text}");
        assert!(text.contains("| Northgate Chase | ORG | 2 | 3 |"), "{text}");
        assert!(text.contains("| Donald Trump | 2 | 3 |"), "{text}");
        // Two Lees in report b: a bare "Lee" joins neither, so it stays on
        // its own (listed, as report a has a bare "Lee" too), and "Ann Lee"
        // is not joined to it.
        assert!(text.contains("| Lee | PERSON | 2 | 2 |"), "{text}");
        assert!(!text.contains("| Ann Lee |"), "{text}");
    }

    #[test]
    fn huge_lists_still_give_a_readable_header() {
        let mut doc = rich();
        let long = "Ω".repeat(10_000);
        let template = doc.entities[0].clone();
        let date = doc.dates[0].clone();
        for i in 0..200 {
            let mut e = template.clone();
            e.id = format!("x{i}");
            e.name = format!("{i}{long}");
            doc.entities.push(e);
            let mut d = date.clone();
            d.text = long.clone();
            d.value = format!("19{:02}-01-01", i % 100);
            doc.dates.push(d);
        }
        let mut c = doc.claims[0].clone();
        for i in 0..50 {
            c.source.as_mut().unwrap().entity = Some(format!("x{i}"));
            doc.claims.push(c.clone());
        }
        doc.meta.title = Some("<".repeat(50_000));
        let line = Record::from_document(&doc).header_line();
        assert!((line.len() as u64) < MAX_HEADER, "{}", line.len());
        let back = Record::parse_header(&line).unwrap();
        assert_eq!(back.mentioned.len(), MAX_MENTIONED);
        assert_eq!(back.quoted.len(), MAX_QUOTED);
        assert_eq!(back.dated.len(), MAX_DATED);
        assert!(back
            .quoted
            .iter()
            .all(|q| q.name.chars().count() <= MAX_NAME));
    }

    #[test]
    fn huge_titles_still_give_a_readable_header() {
        use gleaner_core::{Format, Meta, SourceInfo};
        let doc = Document::new(
            "\u{1}".repeat(20_000),
            SourceInfo {
                path: "x".into(),
                format: Format::Txt,
                hash: String::new(),
                line: None,
                encoding: None,
            },
            Meta {
                title: Some("<\u{1}>".repeat(50_000)),
                outlet: Some("é".repeat(50_000)),
                published: Some("\"".repeat(50_000)),
                ..Meta::default()
            },
            String::new(),
        );
        let line = Record::from_document(&doc).header_line();
        assert!((line.len() as u64) < MAX_HEADER, "{}", line.len());
        let back = Record::parse_header(&line).unwrap();
        assert_eq!(back.title.unwrap().chars().count(), MAX_RECORD_FIELD);
    }

    #[test]
    fn other_first_lines_are_not_headers() {
        for l in [
            "# Title",
            "<!-- gleaner: not json -->",
            "<!-- gleaner: {\"v\":1} -->",
            "",
            "<!-- other: {} -->",
        ] {
            assert_eq!(Record::parse_header(l), None, "{l}");
        }
        // Extra fields from a newer writer are fine.
        let l = "<!-- gleaner: {\"v\":2,\"id\":\"x\",\"words\":9} -->\n";
        assert_eq!(Record::parse_header(l).unwrap().id, "x");
    }

    #[test]
    fn sorted_newest_first_then_by_title() {
        let mut entries: Vec<Entry> = [
            ("a.md", record("a", Some("beta"), Some("2019-02-19"))),
            (
                "b.md",
                record("b", Some("Alpha"), Some("2019-02-19T08:00:00Z")),
            ),
            ("c.md", record("c", Some("Old"), Some("2018-01-01"))),
            ("d.md", record("d", None, None)),
            ("e.md", record("e", Some("Alpha"), Some("2019-02-19"))),
            ("f.md", record("f", Some("Vague"), Some("Feb 2019"))),
        ]
        .into_iter()
        .map(|(f, record)| Entry {
            file: f.into(),
            record,
        })
        .collect();
        sort(&mut entries);
        let order: Vec<_> = entries.iter().map(|e| e.file.as_str()).collect();
        assert_eq!(order, ["b.md", "e.md", "a.md", "c.md", "d.md", "f.md"]);
    }

    #[test]
    fn scan_reads_reports_only() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(
            d.join("one.md"),
            format!(
                "{}\n# One\n",
                record("one", Some("One"), Some("2020-01-01")).header_line()
            ),
        )
        .unwrap();
        fs::write(d.join("notes.md"), "# My own notes\n").unwrap();
        fs::write(d.join(INDEX_FILE), "# old index\n").unwrap();
        fs::write(d.join(".one.md.123.tmp"), "partial").unwrap();
        fs::write(d.join("data.json"), "{}").unwrap();
        fs::write(d.join("binary.md"), [0xff, 0xfe, b'\n']).unwrap();
        fs::create_dir(d.join("folder.md")).unwrap();
        let entries = scan(d).unwrap();
        assert_eq!(entries.len(), 1);
        assert_eq!(entries[0].file, "one.md");
        assert_eq!(entries[0].record.title.as_deref(), Some("One"));
        assert!(scan(&d.join("missing")).unwrap().is_empty());
    }

    #[test]
    fn published_cells_show_the_day() {
        assert_eq!(
            published_cell(&record("x", None, Some("2019-02-19T09:19:00-05:00"))),
            "2019-02-19"
        );
        assert_eq!(
            published_cell(&record("x", None, Some("Feb 2019"))),
            "Feb 2019"
        );
        assert_eq!(published_cell(&record("x", None, None)), "");
    }
}
