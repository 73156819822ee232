//! Quotation rules: a quotation that goes on over paragraphs (after a colon,
//! an unclosed one, or a whole-quotation paragraph after the speaker's),
//! an unquoted block quotation after "added:", contents kept within their
//! paragraph, "“…,” she said" inside another claim's content, and scare
//! quotes.

use super::*;

/// Speech verbs that close a quotation with their speaker ("…,” she said").
pub(super) const CLOSING_VERBS: &[&str] = &[
    "said",
    "says",
    "added",
    "adds",
    "told",
    "wrote",
    "writes",
    "asked",
    "explained",
    "continued",
    "noted",
    "recalled",
    "insisted",
    "argued",
];

/// A quotation closed by a comma and followed by its speaker and a speech
/// verb ("“…,” she said", "“…,” said Ann Lee") that the tagger swallowed
/// into another claim's content is a claim of its own: the other content is
/// cut before the quotation.
pub(super) fn quote_then_speaker(tok: &Tokenized, drafts: &mut Vec<Draft>) {
    let toks = &tok.tokens;
    let word = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.kind == TokKind::Word && !t.in_quote)
    };
    for v in 2..toks.len() {
        let Some(vt) = toks.get(v) else { continue };
        if vt.in_quote || !CLOSING_VERBS.contains(&vt.lower.as_str()) {
            continue;
        }
        if drafts.iter().any(|d| d.cue.first <= v && v <= d.cue.last) {
            continue;
        }
        // "…,” she said" (speaker before the verb) or "…,” said Ann Lee".
        let mut k = v;
        while k > 0 && word(k - 1) && v - k < 4 {
            k -= 1;
        }
        let (close, source) = if k < v {
            let Some(close) = k.checked_sub(1) else {
                continue;
            };
            (close, Some((k, v - 1)))
        } else {
            let mut e = v;
            while word(e + 1) && toks.get(e + 1).is_some_and(|t| t.cap) && e - v < 4 {
                e += 1;
            }
            (v - 1, (e > v).then_some((v + 1, e)))
        };
        let Some(source) = source else { continue };
        let Some(ct) = toks.get(close) else { continue };
        let closes = closes_quote(ct);
        let comma_before = close > 0 && toks.get(close - 1).is_some_and(|t| t.lower == ",");
        let Some(q) = ct.quote_id.and_then(|q| tok.quotes.get(q as usize)) else {
            continue;
        };
        if !closes || !comma_before || q.last != close || q.words < 3 {
            continue;
        }
        // Only when the quotation sits inside another claim's content.
        let inside = drafts
            .iter()
            .any(|d| d.content.iter().any(|&(a, b)| a < q.first && b >= close));
        // Or when no claim holds any of it (the tagger missed the whole
        // "“…,” she said").
        let untouched = !drafts
            .iter()
            .any(|d| d.content.iter().any(|&(a, b)| a <= close && b >= q.first));
        if !inside && !untouched {
            continue;
        }
        // A quotation that goes on right after the speaker's sentence
        // ("…,” she said. “…”") continues the claim.
        let after = source.1.max(v) + 1;
        let next_q = toks
            .get(after..(after + 2).min(toks.len()))
            .unwrap_or(&[])
            .iter()
            .find(|t| t.lower != "." && t.lower != ",")
            .filter(|t| t.para == vt.para && t.in_quote)
            .and_then(|t| t.quote_id)
            .and_then(|qi| tok.quotes.get(qi as usize))
            .filter(|nq| nq.first > v && nq.has_clause);
        let mut content = vec![(q.first, q.last)];
        if let Some(nq) = next_q {
            let swallowed = drafts
                .iter()
                .any(|d| d.content.iter().any(|&(a, b)| a < q.first && b >= nq.first));
            let free = !drafts.iter().any(|d| {
                d.content
                    .iter()
                    .any(|&(a, b)| a <= nq.last && b >= nq.first)
            });
            if swallowed || (untouched && free) {
                content.push((nq.first, nq.last));
            }
        }
        for d in drafts.iter_mut() {
            for part in d.content.iter_mut() {
                if part.0 < q.first && part.1 >= q.first {
                    part.1 = q.first - 1;
                }
            }
            d.content.retain(|p| p.0 <= p.1);
        }
        drafts.push(Draft {
            cue: Run {
                role: Role::Cue,
                first: v,
                last: v,
            },
            source: Some(Run {
                role: Role::Src,
                first: source.0,
                last: source.1,
            }),
            source_cost: 0,
            content,
        });
    }
}

/// Content parts in paragraphs after the first one's are kept only while
/// they continue an open quotation: a part that starts its paragraph with a
/// quotation mark, after a paragraph that ended inside an unclosed quotation
/// or with a colon (the multi-paragraph quotation convention). A part that
/// itself runs over a paragraph break is cut there under the same rule.
pub(super) fn within_paragraph(tok: &Tokenized, parts: &[(usize, usize)]) -> Vec<(usize, usize)> {
    let toks = &tok.tokens;
    let para = |i: usize| toks.get(i).map(|t| t.para);
    // Split parts at paragraph breaks.
    let mut pieces: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
    for &(a, b) in parts {
        let mut start = a;
        for k in a + 1..=b {
            if para(k) != para(k - 1) {
                pieces.push((start, k - 1));
                start = k;
            }
        }
        pieces.push((start, b));
    }
    let Some(&(first, _)) = pieces.first() else {
        return Vec::new();
    };
    let mut cur = para(first);
    let mut out: Vec<(usize, usize)> = Vec::with_capacity(pieces.len());
    for (a, b) in pieces {
        if para(a) == cur {
            out.push((a, b));
            continue;
        }
        let opens_para = a > 0 && para(a - 1) != para(a);
        let quoted_start = toks.get(a).is_some_and(|t| {
            t.in_quote && matches!(t.kind, TokKind::QuoteOpen | TokKind::QuoteAmbig)
        });
        let prev = a.checked_sub(1).and_then(|p| toks.get(p));
        let prev_open = prev.is_some_and(|p| {
            p.lower == ":"
                || p.quote_id
                    .and_then(|q| tok.quotes.get(q as usize))
                    .is_some_and(|q| !q.closed)
        });
        let next_para = match (cur, para(a)) {
            (Some(c), Some(p)) => p == c + 1,
            _ => false,
        };
        // Or a whole quotation paragraph after quoted words.
        let goes_on = prev_open
            || (whole_para_quote(tok, a)
                && out.iter().any(|&(x, y)| {
                    toks.get(x..=y)
                        .unwrap_or(&[])
                        .iter()
                        .any(|t| t.in_quote && t.kind == TokKind::Word)
                }));
        if opens_para && quoted_start && goes_on && next_para {
            cur = para(a);
            out.push((a, b));
        } else {
            break;
        }
    }
    out
}

/// Whether token `a` opens a quotation that is closed and fills the rest of
/// its paragraph (only punctuation after the closing mark).
pub(super) fn whole_para_quote(tok: &Tokenized, a: usize) -> bool {
    let toks = &tok.tokens;
    let Some(t) = toks.get(a) else { return false };
    let Some(q) = t.quote_id.and_then(|q| tok.quotes.get(q as usize)) else {
        return false;
    };
    q.first == a
        && q.closed
        && toks
            .get(q.last + 1..)
            .unwrap_or(&[])
            .iter()
            .take_while(|n| n.para == t.para)
            .all(|n| n.kind == TokKind::Punct)
}

/// A quotation mark that closes the quotation it is in.
pub(super) fn closes_quote(t: &crate::tokenize::Token) -> bool {
    t.in_quote && matches!(t.kind, TokKind::QuoteClose | TokKind::QuoteAmbig)
}

pub(super) fn is_quote_mark(k: TokKind) -> bool {
    matches!(
        k,
        TokKind::QuoteAmbig | TokKind::QuoteOpen | TokKind::QuoteClose
    )
}

pub(super) fn continue_quotations(
    tok: &Tokenized,
    tags: &[u8],
    drafts: &mut Vec<Draft>,
    cb: &[u8],
) {
    let toks = &tok.tokens;
    let assigned = |drafts: &[Draft], i: usize| {
        drafts
            .iter()
            .any(|d| d.content.iter().any(|&(a, b)| a <= i && i <= b))
    };
    for q in &tok.quotes {
        let Some(first) = toks.get(q.first) else {
            continue;
        };
        // Opens a paragraph after another one (a first paragraph continues
        // nothing).
        let starts_para =
            q.first > 0 && toks.get(q.first - 1).is_some_and(|p| p.para != first.para);
        if !starts_para || !q.has_clause {
            continue;
        }
        // Only quotations that the tagger left unattributed.
        let inner_words: Vec<usize> = (q.first..=q.last)
            .filter(|&i| toks.get(i).is_some_and(|t| t.kind == TokKind::Word))
            .collect();
        let unassigned = inner_words
            .iter()
            .filter(|&&i| !assigned(drafts, i))
            .count();
        if inner_words.is_empty() || unassigned * 2 < inner_words.len() {
            continue;
        }
        // No cue of its own right after it.
        let own_cue = drafts.iter().any(|d| {
            d.cue.first > q.last
                && d.cue.first <= q.last + 4
                && toks.get(d.cue.first).is_some_and(|t| t.para == first.para)
        });
        if own_cue {
            continue;
        }
        let prev = q.first - 1;
        let Some(pt) = toks.get(prev) else { continue };
        let prev_open = pt
            .quote_id
            .and_then(|qi| tok.quotes.get(qi as usize))
            .is_some_and(|pq| !pq.closed);
        let prev_colon = pt.lower == ":";
        // A paragraph that is one whole quotation, after a paragraph whose
        // last claim quotes its speaker ("…," she said. / "…"): the same
        // speaker goes on (PolNeAR train: 91 of 122 such paragraphs are a
        // further part of the previous paragraph's attribution).
        let prev_quoted = whole_para_quote(tok, q.first)
            && drafts
                .iter()
                .rfind(|d| toks.get(d.cue.first).is_some_and(|t| t.para == pt.para))
                .is_some_and(|d| {
                    d.content.iter().any(|&(a, b)| {
                        toks.get(a..=b)
                            .unwrap_or(&[])
                            .iter()
                            .any(|t| t.in_quote && t.kind == TokKind::Word)
                    })
                });
        if !(prev_open || prev_colon || prev_quoted) {
            continue;
        }
        // The last cue in the previous paragraph; after a colon, a strong
        // cue candidate between that cue and the colon ("When we reached
        // out …, they provided us with the following statement:") wins.
        let target = drafts
            .iter()
            .enumerate()
            .filter(|(_, d)| toks.get(d.cue.first).is_some_and(|t| t.para == pt.para))
            .max_by_key(|(_, d)| d.cue.first)
            .map(|(i, _)| i);
        // (in a later clause: past a comma after that cue).
        let later_candidate = |from: usize| {
            let Some(comma) =
                (from..prev).find(|&j| toks.get(j).is_some_and(|t| t.lower == "," && !t.in_quote))
            else {
                return false;
            };
            (comma + 1..prev).any(|j| {
                cb.get(j).copied().unwrap_or(0) > CANDIDATE_BUCKET
                    && toks.get(j).is_some_and(|t| !t.in_quote)
            })
        };
        let target = match target {
            Some(t)
                if !(prev_colon
                    && drafts
                        .get(t)
                        .is_some_and(|d| later_candidate(d.cue.last + 1))) =>
            {
                Some(t)
            }
            _ if prev_colon => {
                // No tagged cue (or one in an earlier clause): accept a
                // strong cue candidate before the colon.
                let para_first = (0..prev)
                    .rev()
                    .take_while(|&j| toks.get(j).is_some_and(|t| t.para == pt.para))
                    .last()
                    .unwrap_or(prev);
                let cand = (para_first..prev).rev().find(|&j| {
                    cb.get(j).copied().unwrap_or(0) > CANDIDATE_BUCKET
                        && toks.get(j).is_some_and(|t| !t.in_quote)
                });
                cand.map(|j| {
                    let mut d = Draft {
                        cue: Run {
                            role: Role::Cue,
                            first: j,
                            last: j,
                        },
                        source: None,
                        source_cost: usize::MAX,
                        content: Vec::new(),
                    };
                    // Its source: the nearest tagged source before it in its
                    // sentence ("they provided us with the following
                    // statement").
                    let s = toks.get(j).map(|t| t.sent);
                    let is_src =
                        |i: usize| matches!(tags.get(i), Some(&t) if t == B_SRC || t == I_SRC);
                    let last = (0..j)
                        .rev()
                        .take_while(|&i| toks.get(i).map(|t| t.sent) == s)
                        .find(|&i| is_src(i));
                    if let Some(e) = last {
                        let mut f = e;
                        while f > 0 && is_src(f - 1) && tags.get(f) != Some(&B_SRC) {
                            f -= 1;
                        }
                        d.source = Some(Run {
                            role: Role::Src,
                            first: f,
                            last: e,
                        });
                    }
                    drafts.push(d);
                    drafts.len() - 1
                })
            }
            _ => None,
        };
        if let Some(d) = target.and_then(|di| drafts.get_mut(di)) {
            d.content.push((q.first, q.last));
        }
    }
}

pub(super) fn is_scare_quote(tok: &Tokenized, part: (usize, usize)) -> bool {
    let inner = tok.tokens.get(part.0..=part.1).unwrap_or(&[]);
    let words = inner.iter().filter(|t| t.kind == TokKind::Word).count();
    let unquoted = inner
        .iter()
        .filter(|t| t.kind == TokKind::Word && !t.in_quote)
        .count();
    let all_quoted = unquoted <= 1 && inner.iter().any(|t| t.in_quote);
    let short_region = inner
        .iter()
        .filter_map(|t| t.quote_id)
        .filter_map(|q| tok.quotes.get(q as usize))
        .all(|q| !q.has_clause && q.words <= 3);
    words <= 3 && all_quoted && short_region
}

/// "The governor added:" ending a paragraph, then an unquoted paragraph:
/// the block quotation is what was said. A speech verb (lexicon bucket 5
/// or one that closes quotations) right before a colon that ends its
/// paragraph gets the whole next paragraph as content when that paragraph
/// does not open a quotation (a quoted one is the multi-paragraph rule's)
/// and no claim holds it; the verb becomes a cue if the tagger missed it.
pub(super) fn colon_paragraph(tok: &Tokenized, cb: &[u8], drafts: &mut Vec<Draft>) {
    let toks = &tok.tokens;
    for c in 1..toks.len() {
        let (Some(colon), Some(verb), Some(next)) = (toks.get(c), toks.get(c - 1), toks.get(c + 1))
        else {
            continue;
        };
        let v = c - 1;
        let speech =
            cb.get(v).copied().unwrap_or(0) >= 5 || CLOSING_VERBS.contains(&verb.lower.as_str());
        if colon.lower != ":"
            || colon.in_quote
            || verb.in_quote
            || verb.kind != TokKind::Word
            || !speech
        {
            continue;
        }
        if next.para == colon.para || next.in_quote || is_quote_mark(next.kind) {
            continue;
        }
        let mut last = c + 1;
        while toks.get(last + 1).is_some_and(|t| t.para == next.para) {
            last += 1;
        }
        while last > c + 1 && toks.get(last).is_some_and(|t| t.kind != TokKind::Word) {
            last -= 1;
        }
        if word_count(tok, c + 1, last) < 3 {
            continue;
        }
        // (a claim inside the block quotation does not count: it is nested)
        let held = drafts.iter().any(|d| {
            toks.get(d.cue.first).is_none_or(|t| t.para != next.para)
                && d.content.iter().any(|&(a, b)| a <= last && b > c)
        });
        if held {
            continue;
        }
        match drafts
            .iter_mut()
            .find(|d| d.cue.first <= v && v <= d.cue.last)
        {
            Some(d) => {
                if d.content.is_empty() {
                    d.content.push((c + 1, last));
                }
            }
            None => drafts.push(Draft {
                cue: Run {
                    role: Role::Cue,
                    first: v,
                    last: v,
                },
                source: None,
                source_cost: usize::MAX,
                content: vec![(c + 1, last)],
            }),
        }
    }
}
