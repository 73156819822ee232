//! Lines and paragraphs: the third pass of the normalizer.
//!
//! [`split_lines`] cuts the character-normalized text into non-blank lines
//! (trimmed of spaces) grouped into paragraphs (runs of lines between blank
//! lines). [`emit`] then writes the final text from the lines the boilerplate
//! classifiers kept:
//!
//! * runs of spaces inside a line fold into one space;
//! * paragraphs are separated by exactly one blank line (`\n\n`); a text
//!   that has no blank line at all is taken to separate its paragraphs by
//!   single line breaks, so each of its lines becomes a paragraph (hard-wrapped
//!   lines stay with the line they continue);
//! * lines of one paragraph are separated by a single `\n`, which the sentence
//!   splitter treats as a sentence break, except that a hard-wrapped line (a
//!   long line that stops mid-sentence and is continued by the next one, in
//!   a run of such lines whose sentence ends) is joined to the next with a
//!   space when `unwrap` is on: a list of short unpunctuated items stays a
//!   list;
//! * a removed line inside a paragraph leaves the lines around it joined by
//!   `\n`, never by a space, so no sentence spans a removal.
//!
//! Each separator maps to the whitespace it replaces in the source. Removals
//! are placed at the start of the next kept content (or at the end of the
//! kept part of a line whose tail was cut off).

use crate::boilerplate::Action;
use gleaner_core::{OffsetMap, OffsetMapBuilder};
use std::ops::Range;

/// One non-blank line of the character-normalized text.
#[derive(Debug, Clone)]
pub(crate) struct Line<'a> {
    /// The line without leading and trailing spaces.
    pub text: &'a str,
    /// Character range of `text` in the character-normalized text.
    pub chars: Range<usize>,
    /// Paragraph the line belongs to (0-based).
    pub para: usize,
    /// True when a blank line (or the start of the text) comes just before.
    pub blank_before: bool,
}

/// Non-blank lines of `t` and the paragraphs, as ranges of line indices.
pub(crate) fn split_lines(t: &str) -> (Vec<Line<'_>>, Vec<Range<usize>>) {
    let mut lines = Vec::new();
    let mut paras: Vec<Range<usize>> = Vec::new();
    let mut char_pos = 0usize;
    let mut para = 0usize;
    let mut in_para = false;
    for raw in t.split('\n') {
        let raw_chars = raw.chars().count();
        let lead = raw.len() - raw.trim_start_matches(' ').len();
        let text = raw.trim_matches(' ');
        if text.is_empty() {
            if in_para {
                para += 1;
                in_para = false;
            }
        } else {
            let c0 = char_pos + lead;
            let c1 = c0 + text.chars().count();
            let in_para_before = in_para;
            if !in_para {
                paras.push(lines.len()..lines.len());
                in_para = true;
            }
            lines.push(Line {
                text,
                chars: c0..c1,
                para,
                blank_before: !in_para_before,
            });
            if let Some(p) = paras.last_mut() {
                p.end = lines.len();
            }
        }
        char_pos += raw_chars + 1;
    }
    if paras.len() == 1 && lines.len() >= 2 {
        paras = lines_as_paragraphs(&mut lines);
    }
    (lines, paras)
}

/// A text without any blank line uses single line breaks between its
/// paragraphs: each line becomes a paragraph, except that hard-wrapped lines
/// stay with the line they continue.
fn lines_as_paragraphs(lines: &mut [Line<'_>]) -> Vec<Range<usize>> {
    let para_max = lines.iter().map(|l| l.chars.len()).max().unwrap_or(0);
    let texts: Vec<&str> = lines.iter().map(|l| l.text).collect();
    let wraps = wrap_joins(&texts, para_max);
    let mut paras: Vec<Range<usize>> = Vec::new();
    for i in 0..lines.len() {
        let joins = i > 0 && wraps.get(i - 1).copied().unwrap_or(false);
        if !joins {
            paras.push(i..i);
        }
        if let Some(p) = paras.last_mut() {
            p.end = i + 1;
        }
        let idx = paras.len().saturating_sub(1);
        if let Some(l) = lines.get_mut(i) {
            l.para = idx;
        }
    }
    paras
}

/// A removal found while emitting: where it lands in the output, which
/// characters of the character-normalized text it covers, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Removed {
    /// Character offset in the final text.
    pub point: usize,
    /// Characters of the character-normalized text removed.
    pub chars: Range<usize>,
    /// Snake-case reason.
    pub reason: &'static str,
}

/// The output of [`emit`].
#[derive(Debug)]
pub(crate) struct Emitted {
    /// The final text.
    pub text: String,
    /// Map from the final text to the character-normalized text.
    pub map: OffsetMap,
    /// Removals in text order.
    pub removed: Vec<Removed>,
}

fn ends_clause(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ':' | ';' | '"' | '\'' | ')' | ']' | '…' | '*'
    )
}

/// Lines after the end of a run of wrapped lines in which its sentence
/// may still end (scraped text is sometimes wrapped oddly).
const WRAP_CLOSE_REACH: usize = 3;

/// For each of `texts` (consecutive lines), whether it is hard-wrapped into
/// the next one.
///
/// A pair of lines must look wrapped ([`soft_join`]), and the sentence it
/// continues must end: the last line of the run of wrapped lines, or one of
/// the [`WRAP_CLOSE_REACH`] lines after it, ends a clause. A list of short
/// unpunctuated items ("Red warning extended for western Scotland" /
/// "ScotRail cancels all services") looks wrapped pair by pair when the
/// list's longest line is short, but no sentence ends in it, so each item
/// stays its own line. Linear in the number of lines.
fn wrap_joins(texts: &[&str], para_max: usize) -> Vec<bool> {
    let n = texts.len();
    // The first line at or after each line that ends a clause.
    let mut next_close = vec![n; n + 1];
    for i in (0..n).rev() {
        let closes = texts
            .get(i)
            .and_then(|t| t.chars().next_back())
            .is_some_and(ends_clause);
        let after = next_close.get(i + 1).copied().unwrap_or(n);
        if let Some(slot) = next_close.get_mut(i) {
            *slot = if closes { i } else { after };
        }
    }
    let pair: Vec<bool> = texts
        .windows(2)
        .map(|w| match w {
            [a, b] => soft_join(a, b, para_max),
            _ => false,
        })
        .collect();
    // closes[i]: the run of wrapped lines through line i ends a sentence.
    let mut closes = vec![false; n];
    for i in (0..n).rev() {
        let c = if pair.get(i).copied().unwrap_or(false) {
            closes.get(i + 1).copied().unwrap_or(false)
        } else {
            next_close
                .get(i)
                .is_some_and(|&j| j < n && j <= i + WRAP_CLOSE_REACH)
        };
        if let Some(slot) = closes.get_mut(i) {
            *slot = c;
        }
    }
    pair.iter()
        .enumerate()
        .map(|(i, &p)| p && closes.get(i + 1).copied().unwrap_or(false))
        .collect()
}

/// True when `prev` looks hard-wrapped into `next` (see the module doc).
fn soft_join(prev: &str, next: &str, para_max: usize) -> bool {
    let Some(last) = prev.chars().next_back() else {
        return false;
    };
    if ends_clause(last) {
        return false;
    }
    let Some(first) = next.chars().next() else {
        return false;
    };
    if matches!(first, '-' | '*' | '•' | '·' | '–' | '—' | '>' | '#') {
        return false;
    }
    let plen = prev.chars().count();
    if plen < 30 || para_max > 120 {
        return false;
    }
    let long_enough = plen * 10 >= para_max * 6;
    if first.is_lowercase() {
        return long_enough;
    }
    (last == ',' || last == '-' || last.is_lowercase()) && long_enough && plen >= 50
}

/// Writes `kept` (one line, already trimmed) folding space runs.
fn push_folded(
    kept: &str,
    c0: usize,
    out: &mut String,
    b: &mut OffsetMapBuilder,
    out_chars: &mut usize,
) {
    let bytes = kept.as_bytes();
    let mut ci = c0;
    let mut seg_start = 0usize;
    let mut k = 0usize;
    let flush =
        |from: usize, to: usize, ci: &mut usize, out: &mut String, b: &mut OffsetMapBuilder| {
            let seg = kept.get(from..to).unwrap_or("");
            let n = seg.chars().count();
            out.push_str(seg);
            b.keep(*ci, n);
            *ci += n;
            n
        };
    while k < bytes.len() {
        if bytes.get(k) == Some(&b' ') && bytes.get(k + 1) == Some(&b' ') {
            *out_chars += flush(seg_start, k, &mut ci, out, b);
            let mut e = k;
            while bytes.get(e) == Some(&b' ') {
                e += 1;
            }
            let run = e - k;
            out.push(' ');
            b.replace(1, ci, run);
            ci += run;
            *out_chars += 1;
            k = e;
            seg_start = e;
        } else {
            k += 1;
        }
    }
    *out_chars += flush(seg_start, bytes.len(), &mut ci, out, b);
}

/// Writes the final text from the kept lines (see the module doc).
pub(crate) fn emit(
    lines: &[Line<'_>],
    paras: &[Range<usize>],
    actions: &[Action],
    source_chars: usize,
    unwrap: bool,
) -> Emitted {
    let mut out = String::new();
    let mut b = OffsetMapBuilder::new();
    let mut out_chars = 0usize;
    let mut removed = Vec::new();
    let mut pending: Vec<(Range<usize>, &'static str)> = Vec::new();
    // (line index, char where the gap after it starts, kept whole, paragraph)
    let mut prev: Option<(usize, usize, bool, usize)> = None;
    for (pi, para) in paras.iter().enumerate() {
        let para_max = lines
            .get(para.clone())
            .map_or(0, |ls| ls.iter().map(|l| l.chars.len()).max().unwrap_or(0));
        let texts: Vec<&str> = lines
            .get(para.clone())
            .map_or(Vec::new(), |ls| ls.iter().map(|l| l.text).collect());
        let wraps = wrap_joins(&texts, para_max);
        for li in para.clone() {
            let Some(line) = lines.get(li) else { continue };
            let action = actions.get(li).copied().unwrap_or(Action::Keep);
            let (keep_from, keep_to, suffix) = match action {
                Action::Keep => (0, line.text.len(), None),
                Action::Drop(reason) => {
                    pending.push((line.chars.clone(), reason));
                    continue;
                }
                Action::DropSuffix { at, reason } => (0, at, Some(reason)),
                Action::DropPrefix { at, .. } => (at, line.text.len(), None),
            };
            // Chars of the line before the kept part (a dropped prefix).
            let skipped = line.text.get(..keep_from).map_or(0, |s| s.chars().count());
            if let Action::DropPrefix { reason, .. } = action {
                pending.push((line.chars.start..line.chars.start + skipped, reason));
            }
            let kept = line
                .text
                .get(keep_from..keep_to)
                .unwrap_or(line.text)
                .trim_end();
            if kept.is_empty() {
                pending.push((line.chars.clone(), suffix.unwrap_or("boilerplate")));
                continue;
            }
            let kept_chars = kept.chars().count();
            if let Some((pli, gap_from, whole, ppara)) = prev {
                let next_after_prev = lines
                    .get(pli + 1)
                    .map_or(line.chars.start, |l| l.chars.start);
                let gap_to = next_after_prev.min(line.chars.start);
                let gap_len = gap_to.saturating_sub(gap_from);
                let sep = if ppara != pi {
                    "\n\n"
                } else if unwrap
                    && whole
                    && pli + 1 == li
                    && pli
                        .checked_sub(para.start)
                        .and_then(|k| wraps.get(k))
                        .copied()
                        .unwrap_or(false)
                {
                    " "
                } else {
                    "\n"
                };
                out.push_str(sep);
                b.replace(sep.len(), gap_from, gap_len);
                out_chars += sep.len();
            }
            for (chars, reason) in pending.drain(..) {
                removed.push(Removed {
                    point: out_chars,
                    chars,
                    reason,
                });
            }
            push_folded(
                kept,
                line.chars.start + skipped,
                &mut out,
                &mut b,
                &mut out_chars,
            );
            let gap_from = match suffix {
                Some(reason) => {
                    let at_chars = line.text.get(..keep_to).map_or(0, |s| s.chars().count());
                    removed.push(Removed {
                        point: out_chars,
                        chars: line.chars.start + at_chars..line.chars.end,
                        reason,
                    });
                    line.chars.end
                }
                None => line.chars.start + skipped + kept_chars,
            };
            prev = Some((li, gap_from, suffix.is_none(), pi));
        }
    }
    for (chars, reason) in pending.drain(..) {
        removed.push(Removed {
            point: out_chars,
            chars,
            reason,
        });
    }
    Emitted {
        text: out,
        map: b.finish(source_chars),
        removed,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(t: &str) -> Emitted {
        let (lines, paras) = split_lines(t);
        let actions = vec![Action::Keep; lines.len()];
        emit(&lines, &paras, &actions, t.chars().count(), true)
    }

    #[test]
    fn folds_spaces_and_blank_lines() {
        let e = run("  a   b  \n\n\n   c\nd \n \n e");
        assert_eq!(e.text, "a b\n\nc\nd\n\ne");
        assert_eq!(e.map.source_range(1..2), 3..6);
        // "\n\n" between "a b" and "c" stands for the gap of spaces and newlines.
        assert_eq!(e.map.source_range(3..5), 7..15);
    }

    #[test]
    fn hard_wrapped_lines_are_joined() {
        let t = "The committee met on Tuesday to discuss the budget for\nthe coming year, and members agreed on most of the items\nthat were on the agenda.";
        assert_eq!(
            run(t).text,
            "The committee met on Tuesday to discuss the budget for the coming year, and members agreed on most of the items that were on the agenda."
        );
    }

    #[test]
    fn a_list_of_short_unpunctuated_items_stays_a_list() {
        // Each item looks wrapped into the next (the list's longest line is
        // short), but no sentence ends in the list.
        let items = "Main points\nAmber flood warning extended until noon for the northern valleys\nHarbour ferries suspend every crossing to the islands\nPower company says repairs could take until the weekend";
        let t = format!("{items}\n\nThe storm arrived overnight.");
        assert_eq!(run(&t).text, t);
        // Without blank lines, the same: each item is its own paragraph.
        assert_eq!(run(items).text, items.replace('\n', "\n\n"));
        // Wrapped prose at the same width is still joined.
        let t = "Amber flood warning extended until noon for the northern valleys\nafter the river rose by a metre overnight, the agency said.";
        assert_eq!(
            run(t).text,
            "Amber flood warning extended until noon for the northern valleys after the river rose by a metre overnight, the agency said."
        );
    }

    #[test]
    fn short_lines_stay_lines() {
        let t = "Maria Olsen\nMonday 3 March 2021\nThe council voted.\n\nIt rained.";
        assert_eq!(run(t).text, t);
    }

    #[test]
    fn without_blank_lines_each_line_is_a_paragraph() {
        let t = "First paragraph here.\nSecond one.\nThird.";
        let e = run(t);
        assert_eq!(e.text, "First paragraph here.\n\nSecond one.\n\nThird.");
        // The inserted blank line maps to the single source line break.
        assert_eq!(e.map.source_range(21..23), 21..22);
    }

    #[test]
    fn dropped_lines_record_their_place() {
        let t = "one.\nSHARE\ntwo.\n\nREAD MORE\n\nthree.";
        let (lines, paras) = split_lines(t);
        let mut actions = vec![Action::Keep; lines.len()];
        actions[1] = Action::Drop("share_widget");
        actions[3] = Action::Drop("teaser");
        let e = emit(&lines, &paras, &actions, t.chars().count(), true);
        assert_eq!(e.text, "one.\ntwo.\n\nthree.");
        assert_eq!(e.removed.len(), 2);
        assert_eq!(e.removed[0].point, 5);
        assert_eq!(e.removed[0].chars, 5..10);
        assert_eq!(e.removed[1].point, 11);
    }

    #[test]
    fn only_whitespace_gives_empty_text() {
        let e = run(" \n\n \n   ");
        assert_eq!(e.text, "");
        assert!(e.removed.is_empty());
    }
}
