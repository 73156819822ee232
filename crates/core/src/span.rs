//! Spans and offset maps.
//!
//! Every span in a Gleaner document carries two pairs of offsets, both counted
//! in Unicode scalar values (what Python's `str` indexing counts), end
//! exclusive:
//!
//! * `start`/`end` into the document's normalized `text`;
//! * `source_start`/`source_end` into the ingested body before normalization.
//!
//! Normalization replaces, merges and removes characters, so the second pair is
//! computed through an [`OffsetMap`], built by the normalizer as it rewrites the
//! text. Analyzers work on `&str` with byte offsets; a [`SpanBuilder`] turns
//! those into full [`Span`]s.

use serde::{Deserialize, Serialize};
use std::ops::Range;

/// A region of a document, in characters, both in `text` and in the ingested body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub struct Span {
    /// First character of the region in the normalized `text`.
    pub start: usize,
    /// One past the last character of the region in the normalized `text`.
    pub end: usize,
    /// First character of the region in the ingested body.
    pub source_start: usize,
    /// One past the last character of the region in the ingested body.
    pub source_end: usize,
}

impl Span {
    /// Number of characters of `text` the span covers.
    pub fn len(&self) -> usize {
        self.end.saturating_sub(self.start)
    }

    /// True when the span covers no character of `text`.
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// One run of the map: `norm_len` normalized characters starting at
/// `norm_start` stand for `src_len` source characters starting at `src_start`.
/// When both lengths are equal the run maps character to character; otherwise
/// it is atomic (a whole replacement, e.g. a run of spaces folded into one).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Segment {
    norm_start: usize,
    norm_len: usize,
    src_start: usize,
    src_len: usize,
}

impl Segment {
    fn one_to_one(&self) -> bool {
        self.norm_len == self.src_len
    }
    fn norm_end(&self) -> usize {
        self.norm_start + self.norm_len
    }
    fn src_end(&self) -> usize {
        self.src_start + self.src_len
    }
}

/// Maps character offsets of a normalized text back to the text it was made from.
///
/// Built with [`OffsetMapBuilder`] in order of the normalized text. Lookups are a
/// binary search over runs, so the map stays small for long documents (one run
/// per edit, not one entry per character).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct OffsetMap {
    segments: Vec<Segment>,
    norm_len: usize,
    src_len: usize,
}

impl OffsetMap {
    /// The map of a text to itself (no normalization).
    pub fn identity(chars: usize) -> Self {
        let mut b = OffsetMapBuilder::new();
        b.keep(0, chars);
        b.finish(chars)
    }

    /// Length of the normalized text, in characters.
    pub fn norm_len(&self) -> usize {
        self.norm_len
    }

    /// Length of the source text, in characters.
    pub fn source_len(&self) -> usize {
        self.src_len
    }

    fn segment_at(&self, norm: usize) -> Option<&Segment> {
        let idx = self
            .segments
            .partition_point(|s| s.norm_end() <= norm)
            .min(self.segments.len());
        self.segments.get(idx).filter(|s| s.norm_start <= norm)
    }

    /// Source offset where the normalized character at `norm` starts.
    pub fn source_start(&self, norm: usize) -> usize {
        match self.segment_at(norm) {
            Some(s) if s.one_to_one() => s.src_start + (norm - s.norm_start),
            Some(s) => s.src_start,
            None => self.segments.last().map_or(0, |s| {
                if norm >= self.norm_len {
                    s.src_end()
                } else {
                    s.src_start
                }
            }),
        }
    }

    /// Source offset where a region of the normalized text ending at `norm`
    /// (exclusive) ends.
    pub fn source_end(&self, norm: usize) -> usize {
        if norm == 0 {
            return self.segments.first().map_or(0, |s| s.src_start);
        }
        match self.segment_at(norm - 1) {
            Some(s) if s.one_to_one() => s.src_start + (norm - s.norm_start),
            Some(s) => s.src_end(),
            None => self.segments.last().map_or(0, |s| s.src_end()),
        }
    }

    /// Maps a normalized range to the source range it came from.
    pub fn source_range(&self, norm: Range<usize>) -> Range<usize> {
        if norm.start >= norm.end {
            let p = self.source_start(norm.start);
            return p..p;
        }
        self.source_start(norm.start)..self.source_end(norm.end)
    }

    /// Chains two maps: `self` maps C to B and `inner` maps B to A; the result
    /// maps C to A. Normalizers that work in passes use this to keep one map.
    pub fn compose(&self, inner: &OffsetMap) -> OffsetMap {
        let mut b = OffsetMapBuilder::new();
        for s in &self.segments {
            if s.one_to_one() {
                // Split at the inner map's run boundaries so that 1:1 stays exact.
                let mut n = 0;
                while n < s.norm_len {
                    let mid = s.src_start + n;
                    match inner.segment_at(mid) {
                        Some(is) if is.one_to_one() => {
                            let take = (is.norm_end() - mid).min(s.norm_len - n);
                            b.keep(is.src_start + (mid - is.norm_start), take);
                            n += take;
                        }
                        Some(is) => {
                            // Part of an atomic inner run: the chars of this run
                            // that fall inside it map atomically to its source.
                            let take = (is.norm_end() - mid).min(s.norm_len - n);
                            b.replace(take, is.src_start, is.src_len);
                            n += take;
                        }
                        None => {
                            let p = inner.source_end(mid);
                            b.replace(s.norm_len - n, p, 0);
                            n = s.norm_len;
                        }
                    }
                }
            } else {
                let r = inner.source_range(s.src_start..s.src_end());
                let (start, len) = if s.src_len == 0 {
                    let p = inner.source_start(s.src_start);
                    (p, 0)
                } else {
                    (r.start, r.end - r.start)
                };
                b.replace(s.norm_len, start, len);
            }
        }
        b.finish(inner.src_len)
    }
}

/// Builds an [`OffsetMap`] while a normalizer writes its output left to right.
///
/// Call [`keep`](Self::keep) for characters copied unchanged,
/// [`replace`](Self::replace) for characters written in place of others (or
/// inserted, with a source length of 0), and simply skip source characters that
/// are dropped.
#[derive(Debug, Default)]
pub struct OffsetMapBuilder {
    segments: Vec<Segment>,
    norm_len: usize,
}

impl OffsetMapBuilder {
    /// An empty builder.
    pub fn new() -> Self {
        Self::default()
    }

    /// Characters written so far.
    pub fn norm_len(&self) -> usize {
        self.norm_len
    }

    /// `len` characters copied unchanged from `src_start` onwards.
    pub fn keep(&mut self, src_start: usize, len: usize) {
        if len == 0 {
            return;
        }
        if let Some(last) = self.segments.last_mut() {
            if last.one_to_one() && last.src_end() == src_start && last.norm_end() == self.norm_len
            {
                last.norm_len += len;
                last.src_len += len;
                self.norm_len += len;
                return;
            }
        }
        self.segments.push(Segment {
            norm_start: self.norm_len,
            norm_len: len,
            src_start,
            src_len: len,
        });
        self.norm_len += len;
    }

    /// `norm_len` characters written in place of the `src_len` source
    /// characters starting at `src_start`.
    pub fn replace(&mut self, norm_len: usize, src_start: usize, src_len: usize) {
        if norm_len == 0 {
            return;
        }
        if norm_len == src_len {
            // Same length replacements (a curly quote made straight) still map
            // character to character.
            self.keep(src_start, norm_len);
            return;
        }
        self.segments.push(Segment {
            norm_start: self.norm_len,
            norm_len,
            src_start,
            src_len,
        });
        self.norm_len += norm_len;
    }

    /// The finished map; `source_len` is the length of the source in characters.
    pub fn finish(self, source_len: usize) -> OffsetMap {
        OffsetMap {
            segments: self.segments,
            norm_len: self.norm_len,
            src_len: source_len,
        }
    }
}

/// Converts between byte offsets and character offsets of one string.
///
/// Stores one entry per non-ASCII character, so it is free for ASCII text.
#[derive(Debug, Clone, Default)]
pub struct CharIndex {
    /// (byte offset, char offset, extra bytes up to and including this char)
    wide: Vec<(usize, usize, usize)>,
    bytes: usize,
}

impl CharIndex {
    /// Indexes `text`.
    pub fn new(text: &str) -> Self {
        let mut wide = Vec::new();
        let mut extra = 0;
        for (ci, (bi, ch)) in text.char_indices().enumerate() {
            let w = ch.len_utf8();
            if w > 1 {
                extra += w - 1;
                wide.push((bi, ci, extra));
            }
        }
        Self {
            wide,
            bytes: text.len(),
        }
    }

    /// Character offset of byte offset `byte` (which should be a char boundary;
    /// an offset inside a character counts that character as before it).
    pub fn char_of_byte(&self, byte: usize) -> usize {
        let byte = byte.min(self.bytes);
        let i = self.wide.partition_point(|&(b, _, _)| b < byte);
        let extra = if i == 0 { 0 } else { self.wide[i - 1].2 };
        byte - extra
    }

    /// Byte offset of character offset `ch`.
    pub fn byte_of_char(&self, ch: usize) -> usize {
        let i = self.wide.partition_point(|&(_, c, _)| c < ch);
        let extra = if i == 0 { 0 } else { self.wide[i - 1].2 };
        (ch + extra).min(self.bytes)
    }
}

/// Makes [`Span`]s for one document from byte offsets into its `text`.
///
/// Get one with [`Document::span_builder`](crate::Document::span_builder) at the
/// start of an analysis and reuse it: building it indexes the text once.
#[derive(Debug)]
pub struct SpanBuilder<'a> {
    index: CharIndex,
    map: &'a OffsetMap,
}

impl<'a> SpanBuilder<'a> {
    /// A builder over `text` whose offsets map to the source through `map`.
    pub fn new(text: &str, map: &'a OffsetMap) -> Self {
        Self {
            index: CharIndex::new(text),
            map,
        }
    }

    /// The span of bytes `start..end` of the document's `text`.
    pub fn span(&self, start: usize, end: usize) -> Span {
        let s = self.index.char_of_byte(start);
        let e = self.index.char_of_byte(end.max(start));
        self.char_span(s, e)
    }

    /// The span of characters `start..end` of the document's `text`.
    pub fn char_span(&self, start: usize, end: usize) -> Span {
        let src = self.map.source_range(start..end.max(start));
        Span {
            start,
            end: end.max(start),
            source_start: src.start,
            source_end: src.end,
        }
    }

    /// The byte range of `text` that `span` covers.
    pub fn byte_range(&self, span: &Span) -> Range<usize> {
        self.index.byte_of_char(span.start)..self.index.byte_of_char(span.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn identity_maps_each_offset_to_itself() {
        let m = OffsetMap::identity(10);
        for i in 0..10 {
            assert_eq!(m.source_range(i..i + 1), i..i + 1);
        }
        assert_eq!(m.source_range(3..3), 3..3);
    }

    #[test]
    fn folded_whitespace_maps_to_whole_run() {
        // source "a   b" -> "a b"
        let mut b = OffsetMapBuilder::new();
        b.keep(0, 1);
        b.replace(1, 1, 3);
        b.keep(4, 1);
        let m = b.finish(5);
        assert_eq!(m.source_range(0..1), 0..1);
        assert_eq!(m.source_range(1..2), 1..4);
        assert_eq!(m.source_range(2..3), 4..5);
        assert_eq!(m.source_range(0..3), 0..5);
    }

    #[test]
    fn dropped_text_is_skipped() {
        // source "ab[junk]cd" -> "abcd"
        let mut b = OffsetMapBuilder::new();
        b.keep(0, 2);
        b.keep(8, 2);
        let m = b.finish(10);
        assert_eq!(m.source_range(1..3), 1..9);
        assert_eq!(m.source_range(2..4), 8..10);
    }

    #[test]
    fn char_index_round_trips() {
        let t = "aé“b”c";
        let ix = CharIndex::new(t);
        for (ci, (bi, _)) in t.char_indices().enumerate() {
            assert_eq!(ix.char_of_byte(bi), ci);
            assert_eq!(ix.byte_of_char(ci), bi);
        }
        assert_eq!(ix.char_of_byte(t.len()), t.chars().count());
        assert_eq!(ix.byte_of_char(t.chars().count()), t.len());
    }

    /// A toy normalizer over random input: folds runs of spaces, drops `#`,
    /// expands `&` to "and". Returns the output and its map.
    fn toy_normalize(src: &str) -> (String, OffsetMap) {
        let chars: Vec<char> = src.chars().collect();
        let mut out = String::new();
        let mut b = OffsetMapBuilder::new();
        let mut i = 0;
        while i < chars.len() {
            match chars[i] {
                ' ' => {
                    let mut j = i;
                    while j < chars.len() && chars[j] == ' ' {
                        j += 1;
                    }
                    out.push(' ');
                    b.replace(1, i, j - i);
                    i = j;
                }
                '#' => i += 1,
                '&' => {
                    out.push_str("and");
                    b.replace(3, i, 1);
                    i += 1;
                }
                c => {
                    out.push(c);
                    b.keep(i, 1);
                    i += 1;
                }
            }
        }
        (out, b.finish(chars.len()))
    }

    proptest! {
        #[test]
        fn mapped_spans_hold_the_same_words(src in "[a-cé &#]{0,40}", a in 0usize..50, b in 0usize..50) {
            let (out, map) = toy_normalize(&src);
            let n = out.chars().count();
            let (s, e) = (a.min(b).min(n), a.max(b).min(n));
            let r = map.source_range(s..e);
            prop_assert!(r.start <= r.end && r.end <= src.chars().count());
            let norm: String = out.chars().skip(s).take(e - s).collect();
            let orig: String = src.chars().skip(r.start).take(r.end - r.start).collect();
            // Whole-word spans hold the same words on both sides.
            let starts_word = s == 0 || out.chars().nth(s - 1) == Some(' ');
            let ends_word = e == n || out.chars().nth(e) == Some(' ');
            if starts_word && ends_word {
                prop_assert_eq!(toy_normalize(&orig).0, norm);
            }
        }

        #[test]
        fn composed_map_equals_direct(src in "[a-c &#]{0,40}") {
            let (mid, m1) = toy_normalize(&src);
            // Second pass: identity-like pass that drops every 'c'.
            let chars: Vec<char> = mid.chars().collect();
            let mut out = String::new();
            let mut b = OffsetMapBuilder::new();
            for (i, c) in chars.iter().enumerate() {
                if *c != 'c' { out.push(*c); b.keep(i, 1); }
            }
            let m2 = b.finish(chars.len());
            let m = m2.compose(&m1);
            let n = out.chars().count();
            for i in 0..n {
                let direct = m1.source_range(m2.source_range(i..i + 1));
                prop_assert_eq!(m.source_range(i..i + 1), direct);
            }
        }

        #[test]
        fn char_index_matches_std(s in "\\PC{0,30}") {
            let ix = CharIndex::new(&s);
            for (ci, (bi, _)) in s.char_indices().enumerate() {
                prop_assert_eq!(ix.char_of_byte(bi), ci);
                prop_assert_eq!(ix.byte_of_char(ci), bi);
            }
        }
    }
}
