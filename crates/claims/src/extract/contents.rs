//! What was said: the untagged rest of a sentence for a cue without content,
//! times and places between a cue and "that", both sides of a parenthetical
//! cue ("X, he said, Y"), and "According to X, Y" (also when the tagger
//! missed it).

use super::*;

/// A claim rebuilt around an "according to" just before its source.
pub(super) struct Repaired {
    pub(super) cue: Run,
    pub(super) source: Run,
    pub(super) content: (usize, usize),
}

/// "According to X, Y": when `source` follows "according to" and runs over
/// a comma ("the Port Authority, the delay", the verb after it taken as
/// cue), or when the cue is "according to" (with no source, or a source
/// shared from elsewhere in the sentence) and its content starts right
/// after it and holds a comma outside quotations, the report
/// is "according to", the words up to the comma its source and everything
/// after the comma to the content's end its content.
pub(super) fn according_repair(
    tok: &Tokenized,
    cue: Run,
    source: Option<Run>,
    content: &[(usize, usize)],
) -> Option<Repaired> {
    let toks = &tok.tokens;
    let is = |i: usize, w: &str| toks.get(i).is_some_and(|t| !t.in_quote && t.lower == w);
    let last = content.iter().map(|p| p.1).max()?;
    // X is the start of the stretch after "according to".
    let (x, end) = match source {
        Some(s) if s.first >= 2 && is(s.first - 2, "according") && is(s.first - 1, "to") => {
            (s, last.max(s.last))
        }
        _ if is(cue.first, "according") && is(cue.last, "to") && cue.last == cue.first + 1 => {
            let &(a, b) = content.first()?;
            if a != cue.last + 1 || content.len() != 1 {
                return None;
            }
            (
                Run {
                    role: Role::Src,
                    first: a,
                    last: b,
                },
                b,
            )
        }
        _ => return None,
    };
    let comma = (x.first + 1..=x.last).find(|&i| is(i, ","))?;
    if comma + 1 > end {
        return None;
    }
    // The report runs on to the end of its sentence or the next comma
    // ("…, the stoppage is costing the wider economy about £80m a day.").
    let mut end = end;
    {
        let s = toks.get(end).map(|t| t.sent);
        while toks.get(end + 1).is_some_and(|t| {
            Some(t.sent) == s && !t.in_quote && !matches!(t.lower.as_str(), "," | ";")
        }) {
            end += 1;
        }
        while end > comma + 1 && toks.get(end).is_some_and(|t| t.kind == TokKind::Punct) {
            end -= 1;
        }
    }
    Some(Repaired {
        cue: Run {
            role: Role::Cue,
            first: x.first - 2,
            last: x.first - 1,
        },
        source: Run {
            role: Role::Src,
            first: x.first,
            last: comma - 1,
        },
        content: (comma + 1, end),
    })
}

/// A cue left without content takes the untagged rest of its sentence after
/// it, or else the part of its sentence before it (and its source).
pub(super) fn fallback_contents(tok: &Tokenized, tags: &[u8], drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    let words = |a: usize, b: usize| word_count(tok, a, b);
    for d in drafts.iter_mut().filter(|d| d.content.is_empty()) {
        let Some(cue_tok) = toks.get(d.cue.last) else {
            continue;
        };
        let s = cue_tok.sent;
        let in_sent = |i: usize| toks.get(i).is_some_and(|t| t.sent == s);
        let free = |i: usize| matches!(tags.get(i), Some(&t) if t == 0 || t >= B_CON);
        // After the cue.
        let mut a = d.cue.last + 1;
        while in_sent(a)
            && toks
                .get(a)
                .is_some_and(|t| t.kind == TokKind::Punct && t.lower != "\"")
        {
            a += 1;
        }
        let mut b = a;
        while in_sent(b + 1) && free(b + 1) {
            b += 1;
        }
        while b > a && toks.get(b).is_some_and(|t| t.kind == TokKind::Punct) {
            b -= 1;
        }
        if in_sent(a) && free(a) && words(a, b) >= 3 {
            d.content.push((a, b));
            continue;
        }
        // Before the cue and its source.
        let left_edge = d
            .source
            .map(|r| r.first.min(d.cue.first))
            .unwrap_or(d.cue.first);
        if left_edge == 0 {
            continue;
        }
        let mut e = left_edge - 1;
        while e > 0 && in_sent(e) && toks.get(e).is_some_and(|t| t.kind == TokKind::Punct) {
            e -= 1;
        }
        let mut f = e;
        while f > 0 && in_sent(f - 1) && free(f - 1) {
            f -= 1;
        }
        if in_sent(e) && free(e) && words(f, e) >= 3 {
            d.content.push((f, e));
        }
    }
}

/// A content of one unquoted lowercase verb right after a cue ending in
/// "to" ("the call to | scrutinize| the firm more closely") runs on over
/// the untagged words after it to the end of the clause (a comma,
/// semicolon, colon, the sentence end or a quotation mark), when there is
/// at least one.
pub(super) fn lone_word_contents(tok: &Tokenized, tags: &[u8], drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    for d in drafts.iter_mut() {
        let [(a, b)] = d.content.as_slice() else {
            continue;
        };
        let (a, b) = (*a, *b);
        let infinitive = toks.get(d.cue.last).is_some_and(|t| t.lower == "to");
        let lone = a == b
            && a == d.cue.last + 1
            && infinitive
            && toks.get(a).is_some_and(|t| {
                t.kind == TokKind::Word
                    && !t.in_quote
                    && !t.cap
                    && !matches!(t.lower.as_str(), "which" | "that" | "who" | "what")
            });
        if !lone {
            continue;
        }
        let s = toks.get(a).map(|t| t.sent);
        let mut e = b;
        while let Some(t) = toks.get(e + 1) {
            let untagged = tags.get(e + 1) == Some(&0);
            let clause_end = t.kind == TokKind::Punct
                && matches!(t.lower.as_str(), "," | ";" | ":" | "." | "?" | "!" | "\"");
            if Some(t.sent) != s || !untagged || clause_end || t.in_quote {
                break;
            }
            e += 1;
        }
        if e > b {
            d.content[0] = (a, e);
        }
    }
}

/// When `part` starts right after the cue (token `cue_last`) with a time
/// or a prepositional phrase, or with the object of a verb of telling,
/// followed by "that" within ten tokens outside quotations ("Friday that",
/// "in an interview that", "at a campaign stop in Toledo, Ohio, that",
/// "told reporters that"), the part starts at "that".
pub(super) fn skip_adjunct_before_that(
    tok: &Tokenized,
    cue_last: usize,
    part: (usize, usize),
) -> (usize, usize) {
    let toks = &tok.tokens;
    let (a, b) = part;
    if a != cue_last + 1 {
        return part;
    }
    let Some(first) = toks.get(a) else {
        return part;
    };
    let opener = is_time_word(&first.lower)
        || matches!(
            first.lower.as_str(),
            "in" | "on" | "at" | "during" | "via" | "from" | "last" | "this" | "earlier" | "late"
        );
    // Or the object of a verb of telling ("told reporters that").
    let tell = toks.get(cue_last).is_some_and(|c| {
        matches!(
            c.lower.as_str(),
            "told"
                | "tell"
                | "tells"
                | "telling"
                | "assured"
                | "assuring"
                | "reminded"
                | "reminding"
                | "informed"
                | "warned"
                | "warning"
        )
    });
    if first.in_quote || !(opener || tell) {
        return part;
    }
    let s = first.sent;
    for k in a + 1..=(a + 10).min(b) {
        let Some(t) = toks.get(k) else { break };
        if t.in_quote || t.sent != s {
            break;
        }
        if t.lower == "that" {
            return if k < b { (k, b) } else { part };
        }
    }
    part
}

/// "X, he said, Y" / "All of this, he acknowledges, could be undone": a
/// source and cue set off by commas inside a sentence outside quotations
/// split one content in two. When the content holds only one side, the
/// other side joins it: from the sentence start to the comma before, and
/// from the comma after to the sentence end.
pub(super) fn parenthetical(
    tok: &Tokenized,
    cue: Run,
    source: Option<Run>,
    merged: &[(usize, usize)],
) -> Option<Vec<(usize, usize)>> {
    let toks = &tok.tokens;
    let src = source?;
    let (p0, p1) = if src.last + 1 == cue.first {
        (src.first, cue.last)
    } else if cue.last + 1 == src.first {
        (cue.first, src.last)
    } else {
        return None;
    };
    let s = toks.get(p0)?.sent;
    let plain_comma = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.lower == "," && !t.in_quote && t.sent == s)
    };
    if p0 == 0 || !plain_comma(p0 - 1) {
        return None;
    }
    let c1 = p0 - 1;
    let c2 = (p1 + 1..=p1 + 6).find(|&i| plain_comma(i))?;
    if (p1 + 1..c2).any(|i| toks.get(i).is_some_and(|t| t.in_quote)) {
        return None;
    }
    let mut l0 = c1;
    while l0 > 0 && toks.get(l0 - 1).is_some_and(|t| t.sent == s) {
        l0 -= 1;
    }
    let mut r1 = c2;
    while toks.get(r1 + 1).is_some_and(|t| t.sent == s) {
        r1 += 1;
    }
    while r1 > c2
        && toks
            .get(r1)
            .is_some_and(|t| t.kind == TokKind::Punct && !t.in_quote)
    {
        r1 -= 1;
    }
    let words = |a: usize, b: usize| word_count(tok, a, b);
    if l0 + 1 > c1 || r1 <= c2 + 1 || words(l0, c1 - 1) < 2 || words(c2 + 1, r1) < 2 {
        return None;
    }
    if toks.get(c1 - 1).is_some_and(|t| t.in_quote) || toks.get(c2 + 1).is_some_and(|t| t.in_quote)
    {
        return None;
    }
    let (left, right) = ((l0, c1 - 1), (c2 + 1, r1));
    let inside = |p: (usize, usize), q: (usize, usize)| p.0 >= q.0 && p.1 <= q.1;
    let one_side = merged.len() == 1
        && merged
            .first()
            .is_some_and(|&p| inside(p, left) || inside(p, right));
    one_side.then(|| vec![left, right])
}

/// "According to X, Y" and "Y, according to X." that the tagger left
/// without any role (short reports are easy to miss): "according to"
/// outside quotations that no claim touches becomes a claim. Before the
/// comma-separated report, its content runs from X to the sentence end
/// (the "According to X, Y" repair splits it at the comma); at the end of
/// a sentence, X is the source and the clause before the comma the
/// content.
///
/// With `contentless_free` (speech mode) a draft without content, such as
/// a cue "According to a statement" the tagger gave nothing else, does not
/// count as touching it: it is dropped later. (In corpus mode that cost
/// 0.001 of dev attribution.)
pub(super) fn untagged_according(tok: &Tokenized, drafts: &mut Vec<Draft>, contentless_free: bool) {
    let toks = &tok.tokens;
    let mut new = Vec::new();
    for i in 0..toks.len() {
        let (Some(a), Some(b)) = (toks.get(i), toks.get(i + 1)) else {
            continue;
        };
        if a.lower != "according" || b.lower != "to" || a.in_quote || b.in_quote || a.sent != b.sent
        {
            continue;
        }
        let touched = drafts
            .iter()
            .filter(|d| !(contentless_free && d.content.is_empty()))
            .any(|d| {
                let hit = |(x, y): (usize, usize)| x <= i + 1 && y >= i;
                // A source right after "according to" is rebuilt into this
                // same claim by `according_repair`.
                hit((d.cue.first, d.cue.last))
                    || d.source
                        .is_some_and(|r| hit((r.first, r.last)) || r.first == i + 2)
                    || d.content.iter().any(|&p| hit(p))
            });
        if touched {
            continue;
        }
        let s = a.sent;
        let in_sent = |k: usize| toks.get(k).is_some_and(|t| t.sent == s);
        let mut end = i + 1;
        while in_sent(end + 1) {
            end += 1;
        }
        while end > i + 1
            && toks
                .get(end)
                .is_some_and(|t| t.kind == TokKind::Punct && !t.in_quote)
        {
            end -= 1;
        }
        if end < i + 2 {
            continue;
        }
        let cue = Run {
            role: Role::Cue,
            first: i,
            last: i + 1,
        };
        let comma_after =
            (i + 2..=end).find(|&k| toks.get(k).is_some_and(|t| t.lower == "," && !t.in_quote));
        let comma_before = i
            .checked_sub(1)
            .filter(|&k| toks.get(k).is_some_and(|t| t.lower == "," && !t.in_quote));
        if let (Some(c), None) = (comma_before, comma_after) {
            // "Y, according to X."
            let mut start = c;
            while start > 0 && in_sent(start - 1) {
                start -= 1;
            }
            if word_count(tok, start, c) < 3 {
                continue;
            }
            new.push(Draft {
                cue,
                source: Some(Run {
                    role: Role::Src,
                    first: i + 2,
                    last: end,
                }),
                source_cost: 0,
                content: vec![(start, c - 1)],
            });
        } else if comma_after.is_some() {
            // "According to X, Y."
            new.push(Draft {
                cue,
                source: None,
                source_cost: usize::MAX,
                content: vec![(i + 2, end)],
            });
        }
    }
    drafts.extend(new);
}
