//! Normalizes a document's body into its text: Unicode, whitespace and
//! quotes, boilerplate removal, sentence splitting, with an offset map back to
//! the body.
//!
//! [`normalize`] runs three passes over `doc.body` (four for Markdown), each
//! with an offset map back to its input, and composes the maps into
//! `doc.offsets`:
//!
//! 0. Markdown ([`markdown`], `.md` bodies only): markup out, text and line
//!    breaks kept;
//! 1. characters ([`chars`]): CRLF/CR and other line separators become `\n`;
//!    tabs, no-break and typographic spaces become a space; curly, low and
//!    angle quotes become `"` and `'` (apostrophes too); `''` and `` `` `` used
//!    as quotation marks become `"`; zero-width characters (including ZWJ and
//!    ZWNJ), bidi controls, other control characters and soft hyphens are
//!    dropped;
//! 2. Unicode NFC;
//! 3. lines ([`layout`]): space runs fold, lines are trimmed, paragraphs are
//!    separated by exactly one blank line (in a text without any blank line,
//!    each line is a paragraph), lines of a paragraph keep their
//!    line break (a headline, a list item, a byline) unless they are
//!    hard-wrapped prose, which is joined with spaces; boilerplate lines found
//!    by [`boilerplate`] (or their start or end: a wire dateline, a "read
//!    more" marker) are left out and recorded in `doc.removed`.
//!
//! Sentences ([`sentences`]) are then split on the final text: every line
//! break ends a sentence and a blank line starts a new paragraph.
//!
//! Everything is linear in the input: no regex runs on a line longer than a
//! fixed bound, and look-arounds in the sentence splitter are capped.

mod boilerplate;
mod chars;
pub mod eval;
mod layout;
mod markdown;
mod sentences;

use gleaner_core::{CharIndex, Document, Format, OptionInfo, Removal, Sentence, Span};
use serde::Deserialize;
use std::ops::Range;

/// Options of the normalize stage (its table in a pipeline file).
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct NormalizeOptions {
    /// Remove boilerplate (donation and newsletter appeals, teasers, captions,
    /// share and comment widgets, comment threads, trailers, counters, lines
    /// repeating the metadata, a press release's closing blocks and an
    /// author's closing credit). When false, only Unicode, whitespace and
    /// quote normalization and sentence splitting happen.
    pub boilerplate: bool,
    /// Remove the headline, byline and date lines at the top of the body when
    /// they repeat `meta.title`, `meta.authors` or `meta.published` (reason
    /// `metadata`). Only used when `boilerplate` is true.
    pub metadata_lines: bool,
    /// Remove a reader comment thread, from its first comment header
    /// (`Name Date Link to comment`) to the end of the body. Only used when
    /// `boilerplate` is true.
    pub comment_threads: bool,
    /// Join hard-wrapped lines (long lines that stop mid-sentence) with a
    /// space instead of keeping their line breaks, which end sentences.
    pub unwrap_lines: bool,
    /// Read `.md` bodies as Markdown: keep the text a reader sees and drop
    /// the markup (`#`, `**`, link targets, images, front matter, raw HTML),
    /// with offsets still pointing into the body. When false, `.md` bodies
    /// are plain text like `.txt`.
    pub markdown: bool,
}

impl Default for NormalizeOptions {
    fn default() -> Self {
        Self {
            boilerplate: true,
            metadata_lines: true,
            comment_threads: true,
            unwrap_lines: true,
            markdown: true,
        }
    }
}

/// The options, for `gleaner stages`.
pub fn options_info() -> Vec<OptionInfo> {
    vec![
        OptionInfo {
            name: "boilerplate",
            ty: "bool",
            default: Some("true"),
            doc: "Remove boilerplate (appeals, teasers, captions, widgets, comment threads, trailers, press-release closing blocks, author credits); false keeps every line.",
        },
        OptionInfo {
            name: "metadata_lines",
            ty: "bool",
            default: Some("true"),
            doc: "Remove headline, byline and date lines at the top that repeat meta.title, meta.authors or meta.published.",
        },
        OptionInfo {
            name: "comment_threads",
            ty: "bool",
            default: Some("true"),
            doc: "Remove a reader comment thread from its first comment header to the end of the body.",
        },
        OptionInfo {
            name: "unwrap_lines",
            ty: "bool",
            default: Some("true"),
            doc: "Join hard-wrapped lines with spaces instead of keeping their line breaks.",
        },
        OptionInfo {
            name: "markdown",
            ty: "bool",
            default: Some("true"),
            doc: "Strip Markdown markup (headings, emphasis, link targets, images, front matter, raw HTML) from .md bodies.",
        },
    ]
}

/// Normalizes `doc.body` into `doc.text` (via `doc.set_text`), fills
/// `doc.removed` and `doc.sentences`, and sets an empty `meta.outlet` to
/// the agency of a wire dateline it removes ("LONDON (Reuters) - ", or a
/// press release's "AUSTIN, Texas, March 3, 2025 /PRNewswire/ -- ").
///
/// Offsets of every span are characters (Unicode scalar values), end
/// exclusive; `source_start`/`source_end` index into `doc.body`. Each
/// removal's `text` is exactly the body's characters
/// `source_start..source_end`, and its `start == end` is where it was in
/// `text`. Runs in time linear in the body.
pub fn normalize(doc: &mut Document, opts: &NormalizeOptions) {
    // Markdown first, so that the other passes see the text a reader sees.
    let md = (opts.markdown && doc.source.format == Format::Md).then(|| markdown::strip(&doc.body));
    let input = md.as_ref().map_or(doc.body.as_str(), |(t, _)| t.as_str());
    let (t2, m2) = chars::normalize_chars(input);
    let m2 = match &md {
        Some((_, m0)) => m2.compose(m0),
        None => m2,
    };
    let (lines, paras) = layout::split_lines(&t2);
    let (actions, agency) = if opts.boilerplate {
        // meta.published, when it begins with a day.
        let published = doc.published_date().and(doc.meta.published.as_deref());
        let c = boilerplate::classify(
            &lines,
            &paras,
            &doc.meta,
            published,
            boilerplate::Settings {
                metadata: opts.metadata_lines,
                comment_threads: opts.comment_threads,
            },
        );
        (c.actions, c.agency)
    } else {
        (vec![boilerplate::Action::Keep; lines.len()], None)
    };
    let t2_chars = m2.norm_len();
    let emitted = layout::emit(&lines, &paras, &actions, t2_chars, opts.unwrap_lines);
    let map = emitted.map.compose(&m2);

    let body_index = CharIndex::new(&doc.body);
    let removed: Vec<Removal> = emitted
        .removed
        .iter()
        .map(|r| {
            let src = m2.source_range(r.chars.clone());
            let a = body_index.byte_of_char(src.start);
            let b = body_index.byte_of_char(src.end);
            let text = doc.body.get(a..b).unwrap_or("").to_string();
            tracing::debug!(reason = r.reason, text = %text, "normalize: removed");
            Removal {
                span: Span {
                    start: r.point,
                    end: r.point,
                    source_start: src.start,
                    source_end: src.end,
                },
                reason: r.reason.to_string(),
                text,
            }
        })
        .collect();
    // A wire dateline names the agency the story is from (read off the
    // cleaned line, so Markdown emphasis is not part of it).
    if doc.meta.outlet.is_none() {
        if let Some(a) = agency {
            doc.meta.outlet = Some(a.to_string());
        }
    }
    doc.set_text(emitted.text, map);
    let sentences: Vec<Sentence> = {
        let sb = doc.span_builder();
        sentences::segment(&doc.text)
            .into_iter()
            .map(|(r, paragraph)| Sentence {
                span: sb.span(r.start, r.end),
                paragraph,
            })
            .collect()
    };
    tracing::debug!(
        id = %doc.id,
        removed = removed.len(),
        sentences = sentences.len(),
        "normalize: done"
    );
    doc.removed = removed;
    doc.sentences = sentences;
}

/// Sentence byte ranges of an already normalized text (for evaluators).
///
/// Line breaks end sentences; inside a line the rules of the normalizer apply
/// (abbreviations, initials, decimals, ellipses, closing quotes).
pub fn split_sentences(text: &str) -> Vec<Range<usize>> {
    sentences::segment(text)
        .into_iter()
        .map(|(r, _)| r)
        .collect()
}

/// Applies the character and whitespace normalization of [`normalize`] to a
/// fragment, folding every run of whitespace (line breaks included) into one
/// space and trimming the ends. Useful to compare a body slice with the text
/// it became.
pub fn normalize_fragment(s: &str) -> String {
    let (t, _) = chars::normalize_chars(s);
    t.split([' ', '\n'])
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}
