//! Reads .txt, .md, .html, .json and .jsonl articles into Gleaner documents:
//! encoding detection, article extraction and metadata.
//!
//! * [`encoding`]: byte-order marks, binary detection, declared and guessed
//!   charsets.
//! * [`text`]: title, byline and date lines at the top of plain text.
//! * [`dates`]: date lines and metadata dates to RFC 3339 / `YYYY-MM-DD`
//!   (the `gleaner-datelines` crate, which normalize shares, re-exported).
//! * [`html`]: main text (rs-trafilatura, with a fallback) and page metadata.
//! * [`json`]: JSON articles, lists and news API exports; JSONL.
//! * [`sanitize`]: script/style removal and a nesting cap before HTML parsing.
//! * [`eval`]: the article-extraction benchmark's metric, for
//!   [`eval_extraction`].
//!
//! Every failure is per document: [`ingest_file`] returns one result per
//! article, and an [`IngestError`] names the file (and the JSONL line or
//! the article's position in a JSON list).

pub mod encoding;
pub mod eval;
pub mod html;
pub mod json;
pub mod sanitize;
pub mod text;

pub use gleaner_datelines as dates;

use encoding::{DecodeProblem, Decoded};
use gleaner_core::{Document, Format, Meta, OptionInfo, SourceInfo};
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};

/// Options from the pipeline file's optional `[ingest]` table.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct IngestOptions {
    /// Largest input file accepted, in bytes; larger files fail with an
    /// error naming the limit. Default 64 MiB.
    pub max_bytes: u64,
    /// Largest HTML page accepted, in bytes (HTML parsing costs far more
    /// memory and time per byte than plain text). Default 16 MiB.
    pub max_html_bytes: u64,
    /// When rs-trafilatura finds no article in an HTML page, take the page's
    /// paragraphs instead of failing. Default true.
    pub html_fallback: bool,
}

impl Default for IngestOptions {
    fn default() -> Self {
        Self {
            max_bytes: 64 << 20,
            max_html_bytes: 16 << 20,
            html_fallback: true,
        }
    }
}

/// The `[ingest]` options, for `gleaner stages`.
pub fn options_info() -> Vec<OptionInfo> {
    vec![
        OptionInfo {
            name: "max_bytes",
            ty: "integer",
            default: Some("67108864"),
            doc: "Largest input file accepted, in bytes (64 MiB).",
        },
        OptionInfo {
            name: "max_html_bytes",
            ty: "integer",
            default: Some("16777216"),
            doc: "Largest HTML page accepted, in bytes (16 MiB).",
        },
        OptionInfo {
            name: "html_fallback",
            ty: "bool",
            default: Some("true"),
            doc: "Take a page's paragraphs when the article extractor finds nothing.",
        },
    ]
}

/// Where an error happened: a file, and for JSONL a 1-based line, for a
/// JSON list of articles a 1-based position in it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    /// The file, as given.
    pub path: PathBuf,
    /// The JSONL line, if any.
    pub line: Option<usize>,
    /// The article's position in a JSON file's list of articles, if any.
    pub item: Option<usize>,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match (self.line, self.item) {
            (Some(l), _) => write!(f, "{}:{l}", self.path.display()),
            (None, Some(i)) => write!(f, "{} (article {i})", self.path.display()),
            (None, None) => write!(f, "{}", self.path.display()),
        }
    }
}

/// Why a file (or one JSONL line) could not be ingested. The message names
/// the file (and line) and says what is wrong.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read.
    #[error("{}: cannot read file: {source}", path.display())]
    Unreadable {
        /// The file.
        path: PathBuf,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// The extension is not one ingest reads.
    #[error("{}: unsupported file type (expected .txt, .md, .html, .htm, .json or .jsonl)", path.display())]
    Unsupported {
        /// The file.
        path: PathBuf,
    },
    /// The file is empty or only whitespace.
    #[error("{}: file is empty", path.display())]
    Empty {
        /// The file.
        path: PathBuf,
    },
    /// The file is over a size limit.
    #[error("{}: file is {size} bytes, over the {option} limit of {limit} bytes", path.display())]
    TooLarge {
        /// The file.
        path: PathBuf,
        /// Its size in bytes.
        size: u64,
        /// The limit.
        limit: u64,
        /// The option that sets the limit (`max_bytes`, `max_html_bytes`).
        option: &'static str,
    },
    /// The file is binary, not text.
    #[error("{}: binary file, not text ({why})", path.display())]
    Binary {
        /// The file.
        path: PathBuf,
        /// What gave it away.
        why: String,
    },
    /// The bytes are not text in any plausible encoding.
    #[error("{}: cannot decode text: {why}", path.display())]
    Encoding {
        /// The file.
        path: PathBuf,
        /// What was tried.
        why: String,
    },
    /// Malformed JSON, or JSON that is not an article object.
    #[error("{at}: malformed JSON: {message}")]
    Json {
        /// File and line.
        at: Location,
        /// The parser's message.
        message: String,
    },
    /// A JSON article without a non-empty text field.
    #[error("{at}: JSON article has no text: none of `text`, `body`, `content`, `bodyText`, `articleBody`, `description` (or another text field the README's Input section lists) is a non-empty string")]
    NoText {
        /// File and line.
        at: Location,
    },
    /// A JSON list of articles with none to read in it.
    #[error("{}: no articles: {what}", path.display())]
    NoArticles {
        /// The file.
        path: PathBuf,
        /// Which list, and why it holds none.
        what: String,
    },
    /// A JSON article with an unusable `id`.
    #[error("{at}: bad id: {why}")]
    BadId {
        /// File and line.
        at: Location,
        /// What is wrong with it.
        why: String,
    },
    /// An HTML page with no article text, or whose extraction failed.
    #[error("{}: {why}", path.display())]
    Html {
        /// The file.
        path: PathBuf,
        /// What went wrong.
        why: String,
    },
    /// The extraction benchmark folder is unusable.
    #[error("{}: {message}", path.display())]
    Benchmark {
        /// The file or folder.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Whether `path`'s extension is one ingest reads.
pub fn is_supported(path: &Path) -> bool {
    format_of(path).is_some()
}

fn format_of(path: &Path) -> Option<Format> {
    path.extension()
        .and_then(|e| e.to_str())
        .and_then(Format::from_extension)
}

/// Reads and ingests one file. `id_base` is the file's path relative to the
/// source root without extension, with `/` separators; it becomes the
/// Document id for non-JSON input (for a lone JSON article without an id,
/// `id_base`; for the n-th article of a JSON list without an id,
/// `{id_base}-{n}`; for JSONL lines without an id, `{id_base}-{line}`).
pub fn ingest_file(
    path: &Path,
    id_base: &str,
    opts: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    if !is_supported(path) {
        return vec![Err(IngestError::Unsupported {
            path: path.to_path_buf(),
        })];
    }
    match read_limited(path, opts) {
        Ok(bytes) => ingest_bytes(path, id_base, &bytes, opts),
        Err(e) => vec![Err(e)],
    }
}

/// Reads at most the limit for the file's format, failing when the file is
/// larger, without reading more than one byte past the limit.
fn read_limited(path: &Path, opts: &IngestOptions) -> Result<Vec<u8>, IngestError> {
    let unreadable = |source| IngestError::Unreadable {
        path: path.to_path_buf(),
        source,
    };
    let (limit, option) = limit_for(path, opts);
    let file = std::fs::File::open(path).map_err(unreadable)?;
    let meta = file.metadata().map_err(unreadable)?;
    if meta.is_dir() {
        return Err(unreadable(std::io::Error::new(
            std::io::ErrorKind::IsADirectory,
            "is a directory",
        )));
    }
    if meta.len() > limit {
        return Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size: meta.len(),
            limit,
            option,
        });
    }
    let mut bytes = Vec::with_capacity(usize::try_from(meta.len()).unwrap_or(0));
    file.take(limit.saturating_add(1))
        .read_to_end(&mut bytes)
        .map_err(unreadable)?;
    Ok(bytes)
}

fn limit_for(path: &Path, opts: &IngestOptions) -> (u64, &'static str) {
    if format_of(path) == Some(Format::Html) && opts.max_html_bytes < opts.max_bytes {
        (opts.max_html_bytes, "max_html_bytes")
    } else {
        (opts.max_bytes, "max_bytes")
    }
}

/// Ingests the bytes of one file (read by the caller). See [`ingest_file`].
pub fn ingest_bytes(
    path: &Path,
    id_base: &str,
    bytes: &[u8],
    opts: &IngestOptions,
) -> Vec<Result<Document, IngestError>> {
    let Some(format) = format_of(path) else {
        return vec![Err(IngestError::Unsupported {
            path: path.to_path_buf(),
        })];
    };
    let (limit, option) = limit_for(path, opts);
    let size = bytes.len() as u64;
    if size > limit {
        return vec![Err(IngestError::TooLarge {
            path: path.to_path_buf(),
            size,
            limit,
            option,
        })];
    }
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return vec![Err(IngestError::Empty {
            path: path.to_path_buf(),
        })];
    }
    let declared = (format == Format::Html)
        .then(|| encoding::html_declared_charset(bytes))
        .flatten();
    let decoded = match encoding::decode(bytes, declared.as_deref()) {
        Ok(d) => d,
        Err(p) => return vec![Err(decode_error(path, p))],
    };
    if decoded.text.trim().is_empty() {
        return vec![Err(IngestError::Empty {
            path: path.to_path_buf(),
        })];
    }
    let source = SourceInfo {
        path: path.to_string_lossy().into_owned(),
        format,
        hash: format!("sha256:{:x}", Sha256::digest(bytes)),
        line: None,
        encoding: Some(decoded.encoding.to_string()),
    };
    match format {
        Format::Txt | Format::Md => {
            let meta = text::text_meta(&decoded.text, format == Format::Md);
            vec![Ok(Document::new(id_base, source, meta, decoded.text))]
        }
        Format::Html => vec![ingest_html(path, id_base, source, decoded, opts)],
        Format::Json => ingest_json(path, id_base, &source, &decoded.text),
        Format::Jsonl => ingest_jsonl(path, id_base, &source, &decoded.text),
    }
}

fn decode_error(path: &Path, p: DecodeProblem) -> IngestError {
    match p {
        DecodeProblem::Binary(why) => IngestError::Binary {
            path: path.to_path_buf(),
            why,
        },
        DecodeProblem::Undecodable(why) => IngestError::Encoding {
            path: path.to_path_buf(),
            why,
        },
    }
}

fn ingest_html(
    path: &Path,
    id_base: &str,
    source: SourceInfo,
    decoded: Decoded,
    opts: &IngestOptions,
) -> Result<Document, IngestError> {
    let html_err = |why: String| IngestError::Html {
        path: path.to_path_buf(),
        why,
    };
    let fallback = opts.html_fallback;
    let article = html::extract(decoded.text, fallback).map_err(html_err)?;
    if article.body.trim().is_empty() {
        return Err(html_err("no article text found in the page".to_string()));
    }
    tracing::debug!(path = %path.display(), extractor = article.extractor, "extracted HTML article");
    Ok(Document::new(id_base, source, article.meta, article.body))
}

fn json_error(at: Location, p: json::ArticleProblem) -> IngestError {
    match p {
        json::ArticleProblem::Malformed(message) => {
            // A JSONL line is one line: the parser's "at line 1 column 72"
            // beside the file's line number would read as two lines.
            let message = match (at.line, message.rsplit_once(" at line 1 column ")) {
                (Some(_), Some((what, col))) if col.bytes().all(|b| b.is_ascii_digit()) => {
                    format!("{what} at column {col}")
                }
                _ => message,
            };
            IngestError::Json { at, message }
        }
        json::ArticleProblem::NoText => IngestError::NoText { at },
        json::ArticleProblem::BadId(why) => IngestError::BadId { at, why },
        json::ArticleProblem::NoArticles(what) => IngestError::NoArticles {
            path: at.path,
            what,
        },
    }
}

/// A `.json` file: one article, or every article of a list (each its own
/// document, `<file>-<n>` unless it has an id; one broken article does not
/// stop the others).
fn ingest_json(
    path: &Path,
    id_base: &str,
    source: &SourceInfo,
    text: &str,
) -> Vec<Result<Document, IngestError>> {
    let at = |item: Option<usize>| Location {
        path: path.to_path_buf(),
        line: None,
        item,
    };
    let articles = match json::parse_articles(text) {
        Ok(a) => a,
        Err(p) => return vec![Err(json_error(at(None), p))],
    };
    articles
        .into_iter()
        .map(|(item, r)| {
            let a = r.map_err(|p| json_error(at(item), p))?;
            let id = a.id.unwrap_or_else(|| match item {
                Some(n) => format!("{id_base}-{n}"),
                None => id_base.to_string(),
            });
            Ok(Document::new(id, source.clone(), a.meta, a.body))
        })
        .collect()
}

fn ingest_jsonl(
    path: &Path,
    id_base: &str,
    source: &SourceInfo,
    text: &str,
) -> Vec<Result<Document, IngestError>> {
    let mut out = Vec::new();
    for (i, line) in text.split('\n').enumerate() {
        let n = i + 1;
        let line = line.strip_suffix('\r').unwrap_or(line);
        if line.trim().is_empty() {
            continue;
        }
        let at = Location {
            path: path.to_path_buf(),
            line: Some(n),
            item: None,
        };
        out.push(
            json::parse_article(line)
                .map_err(|p| json_error(at, p))
                .map(|a| {
                    let id = a.id.unwrap_or_else(|| format!("{id_base}-{n}"));
                    let source = SourceInfo {
                        line: Some(n),
                        ..source.clone()
                    };
                    Document::new(id, source, a.meta, a.body)
                }),
        );
    }
    if out.is_empty() {
        out.push(Err(IngestError::Empty {
            path: path.to_path_buf(),
        }));
    }
    out
}

/// Runs the HTML extraction over the article-extraction benchmark in
/// `benchmark_dir` (`ground-truth.json` and `html/*.html.gz`) and returns a
/// printable report: pages, precision, recall, F1 (the benchmark's shingle
/// metric, see [`eval`]), pages with empty output and time per page.
pub fn eval_extraction(benchmark_dir: &Path) -> Result<String, IngestError> {
    let pages = eval::load_benchmark(benchmark_dir)?;
    let opts = IngestOptions::default();
    let result = eval::evaluate_with(&pages, |bytes| extract_for_eval(bytes, &opts));
    Ok(format!(
        "article extraction on {}\n{}\n{}\n",
        benchmark_dir.display(),
        eval::TABLE_HEADER,
        result.row("gleaner-ingest (rs-trafilatura + fallback)")
    ))
}

/// Decodes and extracts one benchmark page the way [`ingest_bytes`] does;
/// a page that fails gives empty output.
pub fn extract_for_eval(bytes: &[u8], opts: &IngestOptions) -> String {
    let path = Path::new("page.html");
    match ingest_bytes(path, "page", bytes, opts).pop() {
        Some(Ok(d)) => d.body,
        Some(Err(e)) => {
            tracing::debug!("benchmark page failed: {e}");
            String::new()
        }
        None => String::new(),
    }
}

/// Meta fields as one line each, for the seed check example and debugging.
pub fn describe_meta(meta: &Meta) -> String {
    format!(
        "title: {:?}\nauthors: {:?}\npublished: {:?}\noutlet: {:?}\nurl: {:?}\nlanguage: {:?}",
        meta.title, meta.authors, meta.published, meta.outlet, meta.url, meta.language
    )
}
