//! Character-level normalization: the first two passes of the normalizer.
//!
//! Pass one ([`map_chars`]) rewrites single characters (and a few pairs) in
//! one left-to-right scan: line ends become `\n`, tabs and odd spaces become
//! a plain space, curly and angle quotes become straight ones, doubled
//! apostrophes or backticks used as quotation marks become `"`, and
//! zero-width characters, bidi controls, other control characters and soft
//! hyphens are dropped. Pass two ([`nfc`]) puts the result in Unicode NFC.
//!
//! Both passes return an [`OffsetMap`] from their output back to their input,
//! so the normalizer can chain them. Both are linear in the input.

use gleaner_core::{OffsetMap, OffsetMapBuilder};
use unicode_normalization::char::canonical_combining_class;
use unicode_normalization::{is_nfc, is_nfc_quick, IsNormalized, UnicodeNormalization};

/// What pass one does with one character.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharClass {
    /// Copied as is.
    Keep,
    /// Replaced by this one character.
    To(char),
    /// Dropped.
    Drop,
    /// A paragraph separator: becomes a blank line.
    ParagraphBreak,
    /// A single quotation mark or apostrophe (straight or curly) or a
    /// backtick, which may pair with the next character into `"`.
    SingleQuote(char),
}

fn classify(c: char) -> CharClass {
    match c {
        '\n' => CharClass::Keep,
        // Line ends of other conventions.
        '\u{000B}' | '\u{000C}' | '\u{0085}' | '\u{2028}' => CharClass::To('\n'),
        '\u{2029}' => CharClass::ParagraphBreak,
        // Tabs, no-break and typographic spaces.
        '\t'
        | '\u{00A0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200A}'
        | '\u{202F}'
        | '\u{205F}'
        | '\u{3000}' => CharClass::To(' '),
        // Soft hyphen, zero-width and format characters, bidi controls, BOM.
        '\u{00AD}'
        | '\u{180E}'
        | '\u{200B}'..='\u{200F}'
        | '\u{202A}'..='\u{202E}'
        | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{206F}'
        | '\u{FEFF}' => CharClass::Drop,
        // Other C0 controls, DEL and C1 controls (`\r` is handled by the caller).
        '\u{0000}'..='\u{001F}' | '\u{007F}'..='\u{009F}' => CharClass::Drop,
        // Double quotation marks.
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{00AB}' | '\u{00BB}'
        | '\u{301D}' | '\u{301E}' | '\u{301F}' => CharClass::To('"'),
        // Single quotation marks and apostrophes.
        '\'' | '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2039}' | '\u{203A}'
        | '`' => CharClass::SingleQuote(c),
        _ => CharClass::Keep,
    }
}

/// Pass one: character replacements and removals (see the module doc).
///
/// Returns the rewritten text and its map back to `src`.
pub(crate) fn map_chars(src: &str) -> (String, OffsetMap) {
    let mut out = String::with_capacity(src.len());
    let mut b = OffsetMapBuilder::new();
    let mut it = src.char_indices().peekable();
    let mut i = 0usize; // character index into src
                        // A pending run of characters copied unchanged: (byte start, char start).
    let mut run: Option<(usize, usize)> = None;
    let flush = |run: &mut Option<(usize, usize)>,
                 end_byte: usize,
                 end_char: usize,
                 out: &mut String,
                 b: &mut OffsetMapBuilder| {
        if let Some((rb, rc)) = run.take() {
            out.push_str(src.get(rb..end_byte).unwrap_or(""));
            b.keep(rc, end_char - rc);
        }
    };
    while let Some((bi, c)) = it.next() {
        if c != '\r' {
            if let CharClass::Keep = classify(c) {
                if run.is_none() {
                    run = Some((bi, i));
                }
                i += 1;
                continue;
            }
        }
        flush(&mut run, bi, i, &mut out, &mut b);
        if c == '\r' {
            if it.peek().map(|&(_, n)| n) == Some('\n') {
                it.next();
                out.push('\n');
                b.replace(1, i, 2);
                i += 2;
            } else {
                out.push('\n');
                b.replace(1, i, 1);
                i += 1;
            }
            continue;
        }
        match classify(c) {
            CharClass::Keep => {}
            CharClass::To(r) => {
                out.push(r);
                b.replace(1, i, 1);
            }
            CharClass::Drop => {}
            CharClass::ParagraphBreak => {
                out.push_str("\n\n");
                b.replace(2, i, 1);
            }
            CharClass::SingleQuote(q) => {
                // '' or `` (or their curly forms) used as a quotation mark,
                // possibly with dropped characters between the two.
                let mut ahead = it.clone();
                let mut skipped = 0usize;
                let mut pairs = false;
                for (_, n) in ahead.by_ref() {
                    match classify(n) {
                        CharClass::Drop if n != '\r' => skipped += 1,
                        CharClass::SingleQuote(n) => {
                            pairs = (q == '`') == (n == '`');
                            break;
                        }
                        _ => break,
                    }
                }
                if pairs {
                    it = ahead;
                    out.push('"');
                    b.replace(1, i, skipped + 2);
                    i += skipped + 2;
                    continue;
                }
                if q == '`' {
                    out.push('`');
                    b.keep(i, 1);
                } else {
                    out.push('\'');
                    b.replace(1, i, 1);
                }
            }
        }
        i += 1;
    }
    flush(&mut run, src.len(), i, &mut out, &mut b);
    (out, b.finish(i))
}

/// True when NFC never changes text across a boundary just before `c`: `c`
/// is a starter that never composes with what precedes it.
fn boundary_before(c: char) -> bool {
    c.is_ascii()
        || (canonical_combining_class(c) == 0
            && is_nfc_quick(std::iter::once(c)) == IsNormalized::Yes)
}

/// Pass two: Unicode NFC.
///
/// Returns `None` when `src` is already in NFC (the common case, checked in
/// one quick scan). Otherwise the text is cut into chunks at safe boundaries
/// (before each starter that never composes backwards); chunks already in NFC
/// map character to character and the others map as a whole to their source.
pub(crate) fn nfc(src: &str) -> Option<(String, OffsetMap)> {
    if is_nfc_quick(src.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut out = String::with_capacity(src.len());
    let mut b = OffsetMapBuilder::new();
    let mut chunk_byte = 0usize;
    let mut chunk_char = 0usize;
    let mut chars = 0usize;
    let mut flush = |from_b: usize, to_b: usize, from_c: usize, to_c: usize, out: &mut String| {
        let chunk = src.get(from_b..to_b).unwrap_or("");
        if chunk.is_empty() {
            return;
        }
        if is_nfc(chunk) {
            out.push_str(chunk);
            b.keep(from_c, to_c - from_c);
        } else {
            let before = out.len();
            out.extend(chunk.nfc());
            let written = out.get(before..).map_or(0, |s| s.chars().count());
            b.replace(written, from_c, to_c - from_c);
        }
    };
    for (bi, c) in src.char_indices() {
        if bi > chunk_byte && boundary_before(c) {
            flush(chunk_byte, bi, chunk_char, chars, &mut out);
            chunk_byte = bi;
            chunk_char = chars;
        }
        chars += 1;
    }
    flush(chunk_byte, src.len(), chunk_char, chars, &mut out);
    Some((out, b.finish(chars)))
}

/// Both character passes over `src`, with the map of the result back to `src`.
pub(crate) fn normalize_chars(src: &str) -> (String, OffsetMap) {
    let (mapped, m1) = map_chars(src);
    match nfc(&mapped) {
        None => (mapped, m1),
        Some((composed, m2)) => {
            let m = m2.compose(&m1);
            (composed, m)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(s: &str) -> String {
        normalize_chars(s).0
    }

    #[test]
    fn quotes_become_straight() {
        assert_eq!(
            run("“a” „b“ «c» ‘d’ it’s ‚e‘"),
            "\"a\" \"b\" \"c\" 'd' it's 'e'"
        );
    }

    #[test]
    fn doubled_apostrophes_and_backticks_become_double_quotes() {
        assert_eq!(run("``Yes,'' he said."), "\"Yes,\" he said.");
        assert_eq!(run("’’No’’"), "\"No\"");
        assert_eq!(run("rock 'n' roll"), "rock 'n' roll");
        assert_eq!(run("a\u{2019}\u{200b}\u{2018}b"), "a\"b");
    }

    #[test]
    fn line_ends_and_spaces() {
        assert_eq!(run("a\r\nb\rc\u{2028}d"), "a\nb\nc\nd");
        assert_eq!(run("a\tb\u{a0}c\u{2009}d"), "a b c d");
        assert_eq!(run("a\u{2029}b"), "a\n\nb");
    }

    #[test]
    fn invisible_characters_are_dropped() {
        assert_eq!(
            run("in\u{ad}cred\u{200b}ible\u{feff}\u{200e}\u{7}"),
            "incredible"
        );
    }

    #[test]
    fn nfc_composes_and_maps_to_the_whole_cluster() {
        let src = "cafe\u{301} ok";
        let (out, map) = normalize_chars(src);
        assert_eq!(out, "café ok");
        assert_eq!(map.source_range(3..4), 3..5);
        assert_eq!(map.source_range(5..7), 6..8);
    }

    #[test]
    fn nfc_reorders_marks_within_a_chunk() {
        // a + dot below + acute, given in the wrong order.
        let (out, _) = normalize_chars("xa\u{301}\u{323}y");
        let expect: String = "xa\u{301}\u{323}y".nfc().collect();
        assert_eq!(out, expect);
    }

    #[test]
    fn crlf_maps_to_both_characters() {
        let (out, map) = normalize_chars("a\r\nb");
        assert_eq!(out, "a\nb");
        assert_eq!(map.source_range(1..2), 1..3);
        assert_eq!(map.source_range(2..3), 3..4);
    }
}
