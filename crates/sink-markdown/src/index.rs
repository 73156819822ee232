//! The run index, `index.md`: one row per report in the folder, what the
//! last run or batch did, and the inputs that failed and were not processed
//! since (from [`crate::failures`]).
//!
//! The watch daemon calls `finish` after every batch for months, so the
//! index cannot come from this process's memory. Instead every report starts
//! with a one-line HTML comment holding a small JSON [`Record`]
//! (`<!-- gleaner: {...} -->`), invisible when rendered; [`scan`] reads the
//! first line of each `*.md` in the folder to rebuild the index from what is
//! on disk.

use crate::escape;
use gleaner_core::{Document, Failure, RunSummary};
use serde::Deserialize;
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
/// Version of the record format written now.
pub const RECORD_VERSION: u32 = 1;
/// Longest first line read from a report, in bytes.
const MAX_HEADER: u64 = 64 * 1024;
/// Longest text field of a record, in characters (at most 4 bytes each, and
/// JSON escapes at most 6 bytes per character: 4 fields stay under 64 KiB).
pub const MAX_RECORD_FIELD: usize = 2000;

/// What the index needs to know about one report.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
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
}

impl Record {
    /// The record of a document. Text fields are cut to
    /// [`MAX_RECORD_FIELD`] characters so that the header line stays far
    /// below what [`scan`] reads.
    pub fn from_document(doc: &Document) -> Self {
        let cut = |s: &str| escape::truncate(s, MAX_RECORD_FIELD);
        Self {
            v: RECORD_VERSION,
            id: cut(&doc.id),
            title: doc.meta.title.as_deref().map(cut),
            outlet: doc.meta.outlet.as_deref().map(cut),
            published: doc.meta.published.as_deref().map(cut),
            entities: doc.entities.len(),
            claims: doc.claims.len(),
            dates: doc.dates.len(),
        }
    }

    /// The report's first line: `<!-- gleaner: {...} -->`. The JSON has `<`
    /// and `>` written as `\u003c`/`\u003e` so that no title can close the
    /// comment, and no newline (serde escapes them).
    pub fn header_line(&self) -> String {
        // Written by hand in a fixed key order: a `json!` map's order depends
        // on serde_json's `preserve_order` feature, which another crate of
        // the build may turn on.
        use serde_json::Value;
        let json = format!(
            "{{\"v\":{},\"id\":{},\"title\":{},\"outlet\":{},\"published\":{},\"entities\":{},\"claims\":{},\"dates\":{}}}",
            self.v,
            Value::from(self.id.as_str()),
            Value::from(self.title.clone()),
            Value::from(self.outlet.clone()),
            Value::from(self.published.clone()),
            self.entities,
            self.claims,
            self.dates,
        )
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
