//! From text to claims: tokenize, tag with the model, link the tagged
//! sources, cues and contents into attributions, apply the rules for
//! quotations that continue over paragraphs or follow a colon, and classify
//! each claim (direct, indirect, mixed; cue class). Offsets here are bytes.

use crate::cues::{keeps, ClaimView, CueFilter};
use crate::features::{cue_buckets, lex_info, LexInfo, CANDIDATE_BUCKET};
use crate::model::{Stack, B_CON, B_CUE, B_SRC, I_CON, I_CUE, I_SRC};
use crate::tokenize::{tokenize, TokKind, Tokenized};
use gleaner_core::{ClaimKind, CueClass};

/// One extracted claim, in byte offsets of the analyzed text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RawClaim {
    /// Source span, if any.
    pub source: Option<(usize, usize)>,
    /// Cue span.
    pub cue: (usize, usize),
    /// Content parts in text order (at least one).
    pub content: Vec<(usize, usize)>,
    /// Direct, indirect or mixed.
    pub kind: ClaimKind,
    /// Cue class.
    pub class: CueClass,
}

/// Which role a tagged span has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Src,
    Cue,
    Con,
}

#[derive(Debug, Clone, Copy)]
struct Run {
    role: Role,
    first: usize,
    last: usize,
}

fn runs(tags: &[u8]) -> Vec<Run> {
    let mut out: Vec<Run> = Vec::new();
    for (i, &t) in tags.iter().enumerate() {
        let (role, begin) = match t {
            B_SRC => (Role::Src, true),
            I_SRC => (Role::Src, false),
            B_CUE => (Role::Cue, true),
            I_CUE => (Role::Cue, false),
            B_CON => (Role::Con, true),
            I_CON => (Role::Con, false),
            _ => continue,
        };
        match out.last_mut() {
            Some(r) if !begin && r.role == role && r.last + 1 == i => r.last = i,
            _ => out.push(Run {
                role,
                first: i,
                last: i,
            }),
        }
    }
    out
}

/// How spans are found: for comparing the parts on a corpus.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Method {
    /// Heuristic tags from the cue lexicon and quotation marks, then linking
    /// and the rules.
    Rules,
    /// The tagger, then plain linking (no rules).
    Model,
    /// The tagger, then linking and the rules (the default).
    Both,
}

/// Options of the extraction.
#[derive(Debug, Clone, Copy)]
pub struct ExtractOptions {
    /// Keep reported speech without quotation marks.
    pub include_indirect: bool,
    /// Keep claims whose source the text does not give.
    pub include_sourceless: bool,
    /// Rules, model or both.
    pub method: Method,
    /// Which cues count: speech acts and reports only, or everything
    /// PolNeAR calls an attribution (the default here, and what the corpus
    /// evaluation uses).
    pub cues: CueFilter,
}

impl Default for ExtractOptions {
    fn default() -> Self {
        Self {
            include_indirect: true,
            include_sourceless: true,
            method: Method::Both,
            cues: CueFilter::All,
        }
    }
}

/// Tags from the cue lexicon alone: a strong cue word or multiword cue
/// outside quotations is a cue; an adjacent quotation, or else the rest of
/// the sentence after the cue (or before it, for a sentence-final cue), is
/// the content; the words between the cue and the previous punctuation (or
/// after a cue that follows a quotation) are the source.
fn heuristic_tags(tok: &Tokenized, li: &LexInfo) -> Vec<u8> {
    let toks = &tok.tokens;
    let n = toks.len();
    let mut tags = vec![0u8; n];
    let is_punct = |i: usize| toks.get(i).is_none_or(|t| t.kind != TokKind::Word);
    let sent = |i: usize| toks.get(i).map(|t| t.sent);
    let mut i = 0;
    while i < n {
        let strong = li.cue_bucket(i) >= 4
            && toks
                .get(i)
                .is_some_and(|t| !t.in_quote && t.kind == TokKind::Word);
        if !strong || tags.get(i).is_some_and(|&t| t != 0) {
            i += 1;
            continue;
        }
        let mut last = i;
        if li.phrase.get(i).is_some_and(|m| m.1) {
            while li.phrase.get(last + 1).is_some_and(|m| m.0 > 0 && !m.1) {
                last += 1;
            }
        }
        let set = |tags: &mut Vec<u8>, a: usize, b: usize, bt: u8, it: u8| {
            for k in a..=b {
                if let Some(t) = tags.get_mut(k) {
                    if *t == 0 {
                        *t = if k == a { bt } else { it };
                    }
                }
            }
        };
        set(&mut tags, i, last, B_CUE, I_CUE);
        // Content: a quotation ending just before or starting just after.
        let before_q = (i.saturating_sub(4)..i)
            .rev()
            .find_map(|k| toks.get(k).and_then(|t| t.quote_id).filter(|_| k + 4 >= i))
            .and_then(|q| tok.quotes.get(q as usize))
            .filter(|q| q.has_clause && q.words > 3);
        let after_q = (last + 1..(last + 5).min(n))
            .find_map(|k| toks.get(k).and_then(|t| t.quote_id))
            .and_then(|q| tok.quotes.get(q as usize))
            .filter(|q| q.has_clause && q.words > 3);
        let mut src_after = false;
        if let Some(q) = before_q {
            set(&mut tags, q.first, q.last, B_CON, I_CON);
            src_after = true;
        } else if let Some(q) = after_q {
            set(&mut tags, q.first, q.last, B_CON, I_CON);
        } else {
            let mut a = last + 1;
            while sent(a) == sent(i) && is_punct(a) && a < n {
                a += 1;
            }
            let mut b = a;
            while sent(b + 1) == sent(i) && b + 1 < n {
                b += 1;
            }
            while b > a && is_punct(b) {
                b -= 1;
            }
            if sent(a) == sent(i) && b > a {
                set(&mut tags, a, b, B_CON, I_CON);
            } else {
                // Sentence-final cue: the clause before it.
                let mut e = i;
                while e > 0 && sent(e - 1) == sent(i) && !is_punct(e - 1) {
                    e -= 1;
                }
                if e > 0 && sent(e - 1) == sent(i) {
                    let mut f = e - 1;
                    while f > 0 && sent(f - 1) == sent(i) {
                        f -= 1;
                    }
                    set(&mut tags, e, i.saturating_sub(1), B_SRC, I_SRC);
                    if e >= 2 {
                        set(&mut tags, f, e - 2, B_CON, I_CON);
                    }
                }
                i = last + 1;
                continue;
            }
        }
        // Source.
        if src_after {
            let a = last + 1;
            let mut b = a;
            while b + 1 < n && !is_punct(b + 1) && sent(b + 1) == sent(i) && b - a < 6 {
                b += 1;
            }
            if !is_punct(a) && sent(a) == sent(i) {
                set(&mut tags, a, b, B_SRC, I_SRC);
            }
        } else if i > 0 {
            let mut a = i;
            while a > 0 && !is_punct(a - 1) && sent(a - 1) == sent(i) && i - a < 6 {
                a -= 1;
            }
            if a < i {
                set(&mut tags, a, i - 1, B_SRC, I_SRC);
            }
        }
        i = last + 1;
    }
    tags
}

/// Extracts claims from `text`. `sentence_starts` are byte offsets where
/// sentences start (empty: segment here).
pub fn extract_claims(
    model: &Stack,
    text: &str,
    sentence_starts: &[usize],
    opts: ExtractOptions,
) -> Vec<RawClaim> {
    let tok = tokenize(text, sentence_starts);
    if tok.tokens.is_empty() {
        return Vec::new();
    }
    let li = lex_info(&tok, &model.first.lexicon);
    let mut tags = match opts.method {
        Method::Rules => heuristic_tags(&tok, &li),
        Method::Model | Method::Both => model.tag_with(&tok, &li),
    };
    let cb = cue_buckets(&li);
    if opts.method == Method::Both {
        split_overlong_cues(&mut tags, &li);
    }
    link(&tok, &tags, &cb, text, opts)
}

/// A cue run that starts with a strong one-word cue ("said") and goes on
/// with words that are neither a known multiword cue nor cue-like is cut
/// after its first word; the rest becomes content.
fn split_overlong_cues(tags: &mut [u8], li: &LexInfo) {
    let marks = &li.phrase;
    let n = tags.len();
    let mut i = 0;
    while i < n {
        let is_start = tags.get(i) == Some(&B_CUE);
        let strong = li.word.get(i).is_some_and(|&b| b >= 5);
        let next_cont = tags.get(i + 1) == Some(&I_CUE);
        let next_plain = marks.get(i + 1).is_some_and(|m| m.0 == 0)
            && li.word.get(i + 1).is_some_and(|&b| b <= 2);
        if is_start && strong && next_cont && next_plain {
            let mut j = i + 1;
            let mut first = true;
            while tags.get(j) == Some(&I_CUE) {
                if let Some(t) = tags.get_mut(j) {
                    *t = if first { B_CON } else { I_CON };
                }
                first = false;
                j += 1;
            }
            // A content run right after continues the new one.
            if tags.get(j) == Some(&B_CON) {
                if let Some(t) = tags.get_mut(j) {
                    *t = I_CON;
                }
            }
            i = j;
            continue;
        }
        i += 1;
    }
}

struct Draft {
    cue: Run,
    source: Option<Run>,
    source_cost: usize,
    content: Vec<(usize, usize)>,
}

fn gap(a: (usize, usize), b: (usize, usize)) -> usize {
    if a.1 < b.0 {
        b.0 - a.1
    } else {
        a.0.saturating_sub(b.1)
    }
}

fn link(
    tok: &Tokenized,
    tags: &[u8],
    cb: &[u8],
    text: &str,
    opts: ExtractOptions,
) -> Vec<RawClaim> {
    let toks = &tok.tokens;
    let all = runs(tags);
    let mut drafts: Vec<Draft> = all
        .iter()
        .filter(|r| r.role == Role::Cue)
        .map(|&cue| Draft {
            cue,
            source: None,
            source_cost: usize::MAX,
            content: Vec::new(),
        })
        .collect();
    let sent = |i: usize| toks.get(i).map(|t| t.sent as usize).unwrap_or(0);
    let para = |i: usize| toks.get(i).map(|t| t.para as usize).unwrap_or(0);
    // Contents: first one content per cue, cheapest pairs first (token gap,
    // sentence and paragraph breaks); then the remaining contents (further
    // parts of split quotations) to their cheapest cue.
    // A content run is cut where a new sentence with a cue of its own
    // starts: that sentence is that cue's business.
    let cue_sents: std::collections::HashSet<usize> = drafts
        .iter()
        .flat_map(|d| [sent(d.cue.first), sent(d.cue.last)])
        .collect();
    let mut cons: Vec<Run> = Vec::new();
    for r in all.iter().filter(|r| r.role == Role::Con) {
        let mut start = r.first;
        for k in r.first + 1..=r.last {
            if sent(k) != sent(k - 1) && cue_sents.contains(&sent(k)) {
                cons.push(Run {
                    role: Role::Con,
                    first: start,
                    last: k - 1,
                });
                start = k;
            }
        }
        cons.push(Run {
            role: Role::Con,
            first: start,
            last: r.last,
        });
    }
    let mut pairs: Vec<(usize, usize, usize)> = Vec::new();
    for (ci, r) in cons.iter().enumerate() {
        let (s0, s1) = (sent(r.first), sent(r.last));
        let (p0, p1) = (para(r.first), para(r.last));
        for (di, d) in drafts.iter().enumerate() {
            let cs = sent(d.cue.first);
            let cp = para(d.cue.first);
            let sd = if cs < s0 {
                s0 - cs
            } else {
                cs.saturating_sub(s1)
            };
            let pd = if cp < p0 {
                p0 - cp
            } else {
                cp.saturating_sub(p1)
            };
            if sd > 1 || pd > 0 {
                continue;
            }
            let cost = gap((r.first, r.last), (d.cue.first, d.cue.last)) + 30 * sd + 60 * pd;
            pairs.push((cost, ci, di));
        }
    }
    pairs.sort_unstable();
    let mut con_done = vec![false; cons.len()];
    for &(_, ci, di) in &pairs {
        let free = drafts.get(di).is_some_and(|d| d.content.is_empty());
        if free && !con_done.get(ci).copied().unwrap_or(true) {
            if let (Some(d), Some(r)) = (drafts.get_mut(di), cons.get(ci)) {
                d.content.push((r.first, r.last));
            }
            if let Some(x) = con_done.get_mut(ci) {
                *x = true;
            }
        }
    }
    // Leftover runs that are questions outside quotations in a sentence
    // without a cue are the article asking its readers: not content.
    for (ci, r) in cons.iter().enumerate() {
        let ends_q = toks.get(r.last + 1).is_some_and(|t| t.lower == "?")
            || toks.get(r.last).is_some_and(|t| t.lower == "?");
        let quoted = toks.get(r.first).is_some_and(|t| t.in_quote);
        if ends_q && !quoted && !cue_sents.contains(&sent(r.first)) {
            if let Some(x) = con_done.get_mut(ci) {
                *x = true;
            }
        }
    }
    for &(_, ci, di) in &pairs {
        if !con_done.get(ci).copied().unwrap_or(true) {
            if let (Some(d), Some(r)) = (drafts.get_mut(di), cons.get(ci)) {
                d.content.push((r.first, r.last));
            }
            if let Some(x) = con_done.get_mut(ci) {
                *x = true;
            }
        }
    }
    // Sources: to the nearest cue of the same sentence without a closer one.
    for r in all.iter().filter(|r| r.role == Role::Src) {
        let s = sent(r.first);
        let mut best: Option<(usize, usize)> = None;
        for (di, d) in drafts.iter().enumerate() {
            if sent(d.cue.first) != s && sent(d.cue.last) != s {
                continue;
            }
            let cost = gap((r.first, r.last), (d.cue.first, d.cue.last));
            if best.is_none_or(|(_, c)| cost < c) {
                best = Some((di, cost));
            }
        }
        if let Some((di, cost)) = best {
            if let Some(d) = drafts.get_mut(di) {
                if cost < d.source_cost {
                    d.source = Some(*r);
                    d.source_cost = cost;
                }
            }
        }
    }
    let rules = opts.method != Method::Model;
    // A cue still without a source shares the nearest source of its
    // sentence ("Trump tweeted … and encouraged …", "he said, adding …").
    let srcs: Vec<Run> = all
        .iter()
        .copied()
        .filter(|r| r.role == Role::Src)
        .collect();
    for d in drafts.iter_mut().filter(|d| rules && d.source.is_none()) {
        let s = sent(d.cue.first);
        let best = srcs.iter().filter(|r| sent(r.first) == s).min_by_key(|r| {
            let g = gap((r.first, r.last), (d.cue.first, d.cue.last));
            // Prefer a source before the cue.
            if r.last < d.cue.first {
                g
            } else {
                g * 3
            }
        });
        if let Some(r) = best {
            d.source = Some(*r);
        }
    }
    // "as <participle> by <Name>" outside quotations is a passive cue even
    // when the tagger missed it; what another claim's content held from the
    // quotation or clause before it on is cut off there.
    if rules {
        for i in 1..toks.len().saturating_sub(2) {
            let (Some(a), Some(p), Some(b), Some(n)) = (
                toks.get(i - 1),
                toks.get(i),
                toks.get(i + 1),
                toks.get(i + 2),
            ) else {
                continue;
            };
            let passive = a.lower == "as"
                && (p.lower.ends_with("ed") || p.lower == "said" || p.lower == "told")
                && b.lower == "by"
                && n.cap
                && !p.in_quote
                && cb.get(i).copied().unwrap_or(0) >= 2;
            if !passive || drafts.iter().any(|d| d.cue.first <= i && i <= d.cue.last) {
                continue;
            }
            let cut = match toks.get(i.saturating_sub(2)).and_then(|t| t.quote_id) {
                Some(q) => tok.quotes.get(q as usize).map(|q| q.first).unwrap_or(i - 1),
                None => i - 1,
            };
            for d in drafts.iter_mut() {
                for part in d.content.iter_mut() {
                    if part.0 < cut && part.1 >= i {
                        part.1 = cut.saturating_sub(1);
                    }
                }
                d.content.retain(|p| p.0 <= p.1);
                if d.source
                    .is_some_and(|r| r.first <= i + 2 && r.last >= i - 1)
                {
                    d.source = None;
                }
            }
            drafts.push(Draft {
                cue: Run {
                    role: Role::Cue,
                    first: i - 1,
                    last: i,
                },
                source: None,
                source_cost: usize::MAX,
                content: Vec::new(),
            });
        }
    }
    // Passive: "…," as reiterated by X: X is the source and the quotation or
    // clause before the cue is the content.
    for d in drafts.iter_mut().filter(|_| rules) {
        let by = if toks.get(d.cue.last).is_some_and(|t| t.lower == "by") {
            d.cue.last
        } else if toks.get(d.cue.last + 1).is_some_and(|t| t.lower == "by") {
            d.cue.last + 1
        } else {
            continue;
        };
        let participle = toks
            .get(d.cue.first..by)
            .unwrap_or(&[])
            .iter()
            .any(|t| t.lower.ends_with("ed") || t.lower == "said" || t.lower == "told");
        if !participle {
            continue;
        }
        let has_content_before = d.content.iter().any(|&(a, _)| a < d.cue.first);
        let s = sent(by);
        let mut e = by + 1;
        while e + 1 < toks.len()
            && sent(e + 1) == s
            && e - by < 12
            && toks
                .get(e + 1)
                .is_some_and(|t| !matches!(t.lower.as_str(), "," | "." | ";" | ":" | "?" | "!"))
        {
            e += 1;
        }
        if toks.get(by + 1).is_none_or(|t| t.kind != TokKind::Word) || sent(by + 1) != s {
            continue;
        }
        // Content: a quotation ending just before the cue, or the sentence
        // up to the cue.
        let mut c_end = d.cue.first;
        while c_end > 0
            && toks
                .get(c_end - 1)
                .is_some_and(|t| t.kind == TokKind::Punct || t.lower == "as")
            && !toks.get(c_end - 1).is_some_and(|t| t.in_quote)
        {
            c_end -= 1;
        }
        if c_end == 0 {
            continue;
        }
        let last = c_end - 1;
        let first = match toks.get(last).and_then(|t| t.quote_id) {
            Some(q) => tok.quotes.get(q as usize).map(|q| q.first).unwrap_or(last),
            None => {
                let mut f = last;
                while f > 0 && sent(f - 1) == sent(last) {
                    f -= 1;
                }
                f
            }
        };
        // "by" stays out of the cue, as in PolNeAR (train: 187 cues followed
        // by "by" against 76 ending in it).
        d.cue.last = by.saturating_sub(1).max(d.cue.first);
        d.source = Some(Run {
            role: Role::Src,
            first: by + 1,
            last: e,
        });
        d.source_cost = 0;
        if !has_content_before {
            d.content = vec![(first, last)];
        }
    }
    if rules {
        quote_then_speaker(tok, &mut drafts);
    }
    if rules {
        coordinated_cues(tok, cb, &mut drafts);
    }
    if rules {
        speaker_next_to_verb(tok, &mut drafts);
    }

    if rules {
        subject_before_cue(tok, tags, cb, &mut drafts);
    }
    // "according to X": X is the source, not a content part.
    for d in drafts
        .iter_mut()
        .filter(|d| rules && d.source.is_none() && d.content.len() > 1)
    {
        let is_according = toks
            .get(d.cue.first)
            .is_some_and(|t| t.lower == "according")
            && toks.get(d.cue.last).is_some_and(|t| t.lower == "to");
        if !is_according {
            continue;
        }
        if let Some(pos) = d.content.iter().position(|&(a, _)| a == d.cue.last + 1) {
            let (a, b) = d.content.remove(pos);
            let mut b2 = b;
            while b2 > a && toks.get(b2).is_some_and(|t| t.kind == TokKind::Punct) {
                b2 -= 1;
            }
            d.source = Some(Run {
                role: Role::Src,
                first: a,
                last: b2,
            });
            d.source_cost = 0;
        }
    }
    // Rule: a quotation paragraph after a paragraph ending with a colon or an
    // unclosed quotation belongs to the last cue of that paragraph.
    if rules {
        continue_quotations(tok, tags, &mut drafts, cb);
        fallback_contents(tok, tags, &mut drafts);
        infinitive_speech_cues(tok, &mut drafts);
    }
    let mut out = Vec::new();
    let mut labelled = if rules {
        label_claims(tok, text)
    } else {
        Vec::new()
    };
    if rules {
        for l in name_colon_quotes(tok, &drafts) {
            if !labelled.iter().any(|x| x.cue.first == l.cue.first) {
                labelled.push(l);
            }
        }
        for d in drafts.iter_mut() {
            d.content.retain(|p| {
                !labelled
                    .iter()
                    .any(|l| l.content.iter().any(|c| c.0 <= p.0 && p.1 <= c.1))
            });
        }
    }
    for d in drafts {
        if labelled.iter().any(|l| l.cue.first == d.cue.first) {
            continue;
        }
        if d.content.is_empty() {
            continue;
        }
        let mut parts: Vec<(usize, usize)> = d.content;
        parts.sort_unstable();
        // Merge touching parts.
        let mut merged: Vec<(usize, usize)> = Vec::with_capacity(parts.len());
        for p in parts {
            match merged.last_mut() {
                Some(m) if p.0 <= m.1 + 1 && para(p.0) == para(m.1) => m.1 = m.1.max(p.1),
                _ => merged.push(p),
            }
        }
        let mut merged = within_paragraph(tok, &merged);
        // "… provided us with the following statement: "…"", "tweeted this
        // statement: "…"": the content is the quotation after the colon; a
        // short stretch between cue and colon joins the cue.
        let mut cue_run = d.cue;
        let hull_end = merged.last().map(|p| p.1).unwrap_or(0);
        let hull_start = merged.first().map(|p| p.0).unwrap_or(0);
        if rules && cue_run.last < hull_start {
            let from = cue_run.last + 1;
            let colon = (from..hull_end.min(from + 40)).find(|&k| {
                toks.get(k).is_some_and(|t| t.lower == ":")
                    && toks.get(k + 1).is_some_and(|t| t.in_quote)
            });
            if let Some(k) = colon {
                let plain_before = (from..k).all(|j| toks.get(j).is_some_and(|t| !t.in_quote));
                if plain_before {
                    merged = merged
                        .iter()
                        .filter(|p| p.1 > k)
                        .map(|&(a, b)| (a.max(k + 1), b))
                        .collect();
                    if k > from && k - from <= 12 {
                        cue_run.last = k - 1;
                    }
                }
            }
        }
        if merged.is_empty() {
            continue;
        }
        // Scare quotes: a content that is only a short quoted fragment, or a
        // "so-called" cue, is not a claim.
        let cue_words: String = toks
            .get(cue_run.first..=cue_run.last)
            .unwrap_or(&[])
            .iter()
            .map(|t| t.lower.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        if rules
            && matches!(
                cue_words.as_str(),
                "so-called" | "so called" | "dubbed" | "titled" | "entitled"
            )
        {
            continue;
        }
        // A cue needs a content word.
        let cue_has_word = toks
            .get(cue_run.first..=cue_run.last)
            .unwrap_or(&[])
            .iter()
            .any(|t| t.kind == TokKind::Word && !FUNCTION_WORDS.contains(&t.lower.as_str()));
        if rules && !cue_has_word {
            continue;
        }
        // Nor is a time ("last week", "on Monday").
        let cue_is_time = toks
            .get(cue_run.first..=cue_run.last)
            .unwrap_or(&[])
            .iter()
            .all(|t| {
                is_time_word(&t.lower)
                    || matches!(
                        t.lower.as_str(),
                        "last" | "this" | "next" | "week" | "month" | "year" | "earlier" | "on"
                    )
            });
        if rules && cue_is_time {
            continue;
        }
        if rules
            && merged.len() == 1
            && is_scare_quote(tok, merged.first().copied().unwrap_or((0, 0)))
        {
            continue;
        }
        // "said Friday that …", "said in an interview that …": a time or
        // place right after the cue, before "that", is in no role.
        if rules {
            if let Some(p) = merged.first_mut() {
                *p = skip_adjunct_before_that(tok, cue_run.last, *p);
            }
        }
        // "He has been | harshly criticized for …": a cue ending in "been"
        // or "be" takes the participle that opens its content (and an
        // adverb before it).
        let ends_in_be = toks
            .get(cue_run.last)
            .is_some_and(|t| matches!(t.lower.as_str(), "been" | "be" | "being"));
        if rules && ends_in_be {
            let next = cue_run.last + 1;
            if merged.first().is_some_and(|p| p.0 == next) {
                let mut k = next;
                if toks
                    .get(k)
                    .is_some_and(|t| t.lower.ends_with("ly") && !t.in_quote)
                {
                    k += 1;
                }
                let part = toks.get(k).is_some_and(|t| {
                    !t.in_quote
                        && (PASSIVE_PARTICIPLES.contains(&t.lower.as_str())
                            || (t.lower.ends_with("ed")
                                && !EXPERIENCER.contains(&t.lower.as_str())))
                });
                let end = merged.first().map(|p| p.1).unwrap_or(0);
                if part && k < end {
                    cue_run.last = k;
                    if let Some(p) = merged.first_mut() {
                        p.0 = k + 1;
                    }
                }
            }
        }
        // A preposition right after the cue that opens the content belongs
        // to the cue, as annotated ("called for", "talked about", "warned
        // of"; 71-92 % of such cases in PolNeAR train).
        if rules {
            let next = cue_run.last + 1;
            let opens = merged.first().is_some_and(|p| p.0 == next && p.1 > next);
            let prep = toks.get(next).is_some_and(|t| {
                !t.in_quote && matches!(t.lower.as_str(), "for" | "about" | "of" | "with" | "on")
            });
            if opens && prep {
                cue_run.last = next;
                if let Some(p) = merged.first_mut() {
                    p.0 = next + 1;
                }
            }
        }
        // "X, he said, Y": both sides of a parenthetical cue.
        if rules {
            if let Some(parts) = parenthetical(tok, cue_run, d.source, &merged) {
                merged = parts;
            }
        }
        let cue_of_claim = cue_run;
        // In speech mode an unquoted content after its cue stops at ", but"
        // outside quotations: "denied the reports, but as the dispute grows
        // …". (PolNeAR's contents sometimes run on: on dev this is +0.001
        // exact content F1, on train -0.001, so the corpus mode keeps them.)
        if rules && opts.cues == CueFilter::Speech {
            if let Some(last) = merged.last_mut() {
                if last.0 > cue_run.last {
                    if let Some(k) = (last.0 + 1..last.1).find(|&k| {
                        toks.get(k).is_some_and(|t| t.lower == "," && !t.in_quote)
                            && toks
                                .get(k + 1)
                                .is_some_and(|t| t.lower == "but" && !t.in_quote)
                    }) {
                        last.1 = k - 1;
                    }
                }
            }
        }
        // A content does not end in a dangling connective (", which",
        // "and", "but"): the clause it opens is not part of the claim.
        if rules {
            if let Some(last) = merged.last_mut() {
                while last.1 > last.0
                    && toks.get(last.1).is_some_and(|t| {
                        !t.in_quote
                            && matches!(
                                t.lower.as_str(),
                                "," | "which" | "who" | "and" | "but" | "while" | "whereas"
                            )
                    })
                {
                    last.1 -= 1;
                }
            }
        }
        let kind = kind_of(tok, &merged);
        if !opts.include_indirect && kind == ClaimKind::Indirect {
            continue;
        }
        if !opts.include_sourceless && d.source.is_none() {
            continue;
        }
        // A claim the tagger found no source for is mostly a spurious cue
        // (PolNeAR dev: 16 % of them are right, against 75 % of the others)
        // unless its cue has a strong cue word (lexicon bucket 5: "said",
        // "according to") or its content is a quotation ("… provided the
        // following statement: “…”"); a passive cue's subject, dropped as
        // source below, does not count here.
        if rules && d.source.is_none() {
            let strong =
                (cue_run.first..=cue_run.last).any(|i| cb.get(i).copied().unwrap_or(0) >= 5);
            // Speech mode gives such a cue the name right before it, below.
            let named =
                opts.cues == CueFilter::Speech && subject_name(tok, cue_run.first).is_some();
            if !strong && !named && kind != ClaimKind::Direct {
                continue;
            }
        }
        let bytes = |a: usize, b: usize| -> (usize, usize) {
            let s = toks.get(a).map(|t| t.start).unwrap_or(0);
            let e = toks.get(b).map(|t| t.end).unwrap_or(s);
            (s, e)
        };
        let cue = bytes(cue_of_claim.first, cue_of_claim.last);
        let cue_text = text.get(cue.0..cue.1).unwrap_or("");
        // A source does not end in a time ("a spokesman on Friday").
        let source = d.source.and_then(|mut r| {
            // A lone preposition or adverb ("from", "perhaps", "together")
            // is no source.
            let junk = |i: usize| {
                toks.get(i)
                    .is_some_and(|t| NOT_SOURCE_WORDS.contains(&t.lower.as_str()))
            };
            if r.first == r.last && junk(r.first) {
                return None;
            }
            // Nor in punctuation ("Beeden,").
            while r.last > r.first && toks.get(r.last).is_some_and(|t| t.lower == ",") {
                r.last -= 1;
            }
            while r.last > r.first && toks.get(r.last).is_some_and(|t| is_time_word(&t.lower)) {
                r.last -= 1;
                if toks.get(r.last).is_some_and(|t| t.lower == "on") && r.last > r.first {
                    r.last -= 1;
                }
            }
            Some(r)
        });
        // "According to X, Y is costing…" with X inside the source or the
        // content: "according to" is the cue, X the source, the rest the
        // content.
        if rules {
            if let Some(c) = according_repair(tok, cue_of_claim, source, &merged) {
                out.push(RawClaim {
                    source: Some(bytes(c.source.first, c.source.last)),
                    cue: bytes(c.cue.first, c.cue.last),
                    content: vec![bytes(c.content.0, c.content.1)],
                    kind: kind_of(tok, &[c.content]),
                    class: CueClass::Report,
                });
                continue;
            }
        }
        // "He has been criticized for …", "Mr. Quiros was accused of …":
        // the subject of a passive cue is what the attribution is about, a
        // content part, and the source is not given.
        let mut source = source;
        if rules {
            if let Some(r) = source {
                if r.last + 1 == cue_of_claim.first && passive_cue(tok, cue_of_claim) {
                    source = None;
                    merged.insert(0, (r.first, r.last));
                }
            }
        }
        if opts.cues == CueFilter::Speech {
            // "a dispute with Acme over claims the firm …": a cue opened by
            // a preposition is a noun of the sentence, and the words before
            // it did not make the claim.
            let led_by_preposition = toks.get(cue_of_claim.first).is_some_and(|t| {
                !t.in_quote
                    && matches!(
                        t.lower.as_str(),
                        "over" | "amid" | "despite" | "about" | "after" | "against" | "following"
                    )
            });
            if led_by_preposition && source.is_some_and(|r| r.last < cue_of_claim.first) {
                source = None;
            }
            // "Acme has denied the reports, but as the dispute between
            // Brazil and Chile grows …": a source after the cue and after the
            // start of its unquoted content names someone else; the name
            // right before the cue is the speaker, or none is shown.
            let content_start = merged.first().map(|p| p.0).unwrap_or(usize::MAX);
            let unquoted = merged
                .iter()
                .all(|&(a, b)| (a..=b).all(|i| toks.get(i).is_some_and(|t| !t.in_quote)));
            if unquoted
                && content_start > cue_of_claim.last
                && source.is_some_and(|r| r.first > content_start)
            {
                source = subject_name(tok, cue_of_claim.first).map(|(first, last)| Run {
                    role: Role::Src,
                    first,
                    last,
                });
            }
            // A source that is the object at the end of a longer phrase
            // ("the board in charge of vetting | Acme | criticised") stands
            // for that whole phrase, back to the clause's start.
            if let Some(r) = source
                .filter(|r| r.last < cue_of_claim.first && object_of_a_larger_phrase(tok, r.first))
            {
                source = phrase_start(tok, r.first).map(|first| Run {
                    role: Role::Src,
                    first,
                    last: r.last,
                });
            }
            // A speech cue the tagger gave no source, right after a name
            // ("Acme has repeatedly denied …"): the name is the speaker.
            if source.is_none() && !led_by_preposition {
                source = subject_name(tok, cue_of_claim.first).map(|(first, last)| Run {
                    role: Role::Src,
                    first,
                    last,
                });
            }
            // A relative pronoun is no speaker to show ("reports that
            // have called …").
            if source.is_some_and(|r| {
                r.first == r.last
                    && toks
                        .get(r.first)
                        .is_some_and(|t| matches!(t.lower.as_str(), "that" | "which"))
            }) {
                source = None;
            }
            // An attributive participle ("its alleged ties", "the reported
            // deal") qualifies a noun; nobody says anything.
            let attributive = cue_of_claim.first == cue_of_claim.last
                && cue_of_claim.first > 0
                && toks.get(cue_of_claim.first - 1).is_some_and(|t| {
                    matches!(
                        t.lower.as_str(),
                        "its"
                            | "his"
                            | "her"
                            | "their"
                            | "our"
                            | "the"
                            | "a"
                            | "an"
                            | "this"
                            | "these"
                    )
                })
                && toks
                    .get(cue_of_claim.first)
                    .is_some_and(|t| t.lower.ends_with("ed"));
            // A content that only says when ("was announced | in January
            // 2022") reports no words of anyone.
            let only_when = merged.iter().all(|&(a, b)| {
                toks.get(a..=b).unwrap_or(&[]).iter().all(|t| {
                    !t.in_quote
                        && (t.kind == TokKind::Punct
                            || t.lower.chars().all(|c| c.is_ascii_digit())
                            || is_time_word(&t.lower)
                            || is_month(&t.lower)
                            || matches!(
                                t.lower.as_str(),
                                "in" | "on"
                                    | "at"
                                    | "since"
                                    | "until"
                                    | "by"
                                    | "last"
                                    | "this"
                                    | "next"
                                    | "early"
                                    | "late"
                                    | "earlier"
                                    | "later"
                                    | "week"
                                    | "month"
                                    | "year"
                                    | "the"
                                    | "which"
                                    | "that"
                                    | "who"
                            ))
                })
            });
            if attributive || only_when {
                tracing::trace!(
                    cue = cue_text,
                    "attributive participle or a content of times only: dropped"
                );
                continue;
            }
            let words = |a: usize, b: usize| -> Vec<&str> {
                toks.get(a..=b)
                    .unwrap_or(&[])
                    .iter()
                    .map(|t| t.lower.as_str())
                    .collect()
            };
            let cue_words = words(cue_of_claim.first, cue_of_claim.last);
            let source_words = source.map(|r| words(r.first, r.last)).unwrap_or_default();
            let mut content_toks = merged
                .iter()
                .flat_map(|&(a, b)| toks.get(a..=b).unwrap_or(&[]));
            let content_first = content_toks
                .clone()
                .find(|t| t.kind == TokKind::Word && !t.in_quote)
                .map(|t| t.lower.as_str());
            let question = content_toks
                .rfind(|t| t.kind == TokKind::Punct)
                .is_some_and(|t| t.lower == "?");
            let view = ClaimView {
                cue: &cue_words,
                source: &source_words,
                content_first,
                question,
                direct: kind == ClaimKind::Direct,
            };
            if !keeps(&view) {
                tracing::trace!(cue = cue_text, "not a speech act: dropped");
                continue;
            }
        }
        out.push(RawClaim {
            source: source.map(|r| bytes(r.first, r.last)),
            cue,
            content: merged.iter().map(|&(a, b)| bytes(a, b)).collect(),
            kind,
            class: cue_class(cue_text),
        });
    }
    let bytes = |a: usize, b: usize| -> (usize, usize) {
        let s = toks.get(a).map(|t| t.start).unwrap_or(0);
        let e = toks.get(b).map(|t| t.end).unwrap_or(s);
        (s, e)
    };
    for l in labelled {
        let Some(&(c0, c1)) = l.content.first() else {
            continue;
        };
        let kind = kind_of(tok, &l.content);
        if !opts.include_indirect && kind == ClaimKind::Indirect {
            continue;
        }
        out.push(RawClaim {
            source: l.source.map(|r| bytes(r.first, r.last)),
            cue: bytes(l.cue.first, l.cue.last),
            content: vec![bytes(c0, c1)],
            kind,
            class: CueClass::Statement,
        });
    }
    out.sort_by_key(|c| (c.cue.0, c.cue.1));
    out
}

/// A claim rebuilt around an "according to" just before its source.
struct Repaired {
    cue: Run,
    source: Run,
    content: (usize, usize),
}

/// "According to X, Y": when `source` follows "according to" and runs over
/// a comma ("the Port Authority, the delay", the verb after it taken as
/// cue), or when the cue is "according to" (with no source, or a source
/// shared from elsewhere in the sentence) and its content starts right
/// after it and holds a comma outside quotations, the report
/// is "according to", the words up to the comma its source and everything
/// after the comma to the content's end its content.
fn according_repair(
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

/// Speech verbs that close a quotation with their speaker ("…,” she said").
const CLOSING_VERBS: &[&str] = &[
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
fn quote_then_speaker(tok: &Tokenized, drafts: &mut Vec<Draft>) {
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
        let closes = ct.in_quote && matches!(ct.kind, TokKind::QuoteClose | TokKind::QuoteAmbig);
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
        if !inside {
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
            if swallowed {
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

/// "… described the showdown as ominous, and said the panel …": a strong
/// cue verb after "and"/"but" inside another claim's unquoted content is a
/// second claim of the same source; the first content stops before the
/// conjunction.
fn coordinated_cues(tok: &Tokenized, cb: &[u8], drafts: &mut Vec<Draft>) {
    let toks = &tok.tokens;
    let mut new: Vec<Draft> = Vec::new();
    for d in drafts.iter_mut() {
        let mut parts: Vec<(usize, usize)> = Vec::with_capacity(d.content.len());
        for &(a, b) in &d.content {
            let found = (a + 2..b).find(|&k| {
                let Some(t) = toks.get(k) else { return false };
                let conj = |i: usize| {
                    toks.get(i)
                        .is_some_and(|c| !c.in_quote && matches!(c.lower.as_str(), "and" | "but"))
                };
                let c = if conj(k - 1) {
                    k - 1
                } else if toks.get(k - 1).is_some_and(|x| x.lower == "also") && conj(k - 2) {
                    k - 2
                } else {
                    return false;
                };
                let verb_form = t.lower.ends_with("ed")
                    || matches!(t.lower.as_str(), "said" | "told" | "wrote" | "spoke");
                c > a
                    && !t.in_quote
                    && t.kind == TokKind::Word
                    && verb_form
                    && cb.get(k).copied().unwrap_or(0) >= 4
                    && toks.get(c).map(|x| x.sent) == toks.get(k).map(|x| x.sent)
            });
            let Some(k) = found else {
                parts.push((a, b));
                continue;
            };
            let mut c = k - 1;
            while toks
                .get(c)
                .is_some_and(|x| matches!(x.lower.as_str(), "and" | "but" | "also"))
            {
                c -= 1;
            }
            let mut e = c;
            while e > a && toks.get(e).is_some_and(|x| x.kind == TokKind::Punct) {
                e -= 1;
            }
            if e > a {
                parts.push((a, e));
            }
            if k < b {
                new.push(Draft {
                    cue: Run {
                        role: Role::Cue,
                        first: k,
                        last: k,
                    },
                    source: d.source,
                    source_cost: usize::MAX,
                    content: vec![(k + 1, b)],
                });
            }
        }
        d.content = parts;
    }
    drafts.extend(new);
}

/// A speech verb left without a source next to its speaker ("…,” said
/// Ann Lee." or "…,” Mr. Lee said."), the tagger having put the name in a
/// content: the name is the source and leaves the content.
fn speaker_next_to_verb(tok: &Tokenized, drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    let name = |i: usize| {
        toks.get(i)
            .is_some_and(|t| t.kind == TokKind::Word && !t.in_quote && t.cap)
    };
    let mut found: Vec<(usize, Run)> = Vec::new();
    for (di, d) in drafts.iter().enumerate() {
        if d.source.is_some() || d.cue.first != d.cue.last {
            continue;
        }
        let v = d.cue.first;
        let Some(vt) = toks.get(v) else { continue };
        if vt.in_quote || !CLOSING_VERBS.contains(&vt.lower.as_str()) {
            continue;
        }
        let s = vt.sent;
        let punct = |i: usize| toks.get(i).is_some_and(|t| t.kind != TokKind::Word);
        // Before: "…,” Mr. Lee said".
        let mut k = v;
        while k > 0 && name(k - 1) && toks.get(k - 1).is_some_and(|t| t.sent == s) && v - k < 4 {
            k -= 1;
        }
        if k < v && k > 0 && punct(k - 1) {
            found.push((
                di,
                Run {
                    role: Role::Src,
                    first: k,
                    last: v - 1,
                },
            ));
            continue;
        }
        // After: "…,” said Ann Lee."
        let mut e = v;
        while name(e + 1) && toks.get(e + 1).is_some_and(|t| t.sent == s) && e - v < 4 {
            e += 1;
        }
        if e > v && punct(e + 1) && v > 0 && punct(v - 1) {
            found.push((
                di,
                Run {
                    role: Role::Src,
                    first: v + 1,
                    last: e,
                },
            ));
        }
    }
    for (di, r) in found {
        for d in drafts.iter_mut() {
            let mut parts = Vec::with_capacity(d.content.len());
            for &(a, b) in &d.content {
                if b < r.first || a > r.last {
                    parts.push((a, b));
                    continue;
                }
                if a < r.first {
                    parts.push((a, r.first - 1));
                }
                if b > r.last {
                    parts.push((r.last + 1, b));
                }
            }
            d.content = parts;
        }
        if let Some(d) = drafts.get_mut(di) {
            d.source = Some(r);
            d.source_cost = 0;
        }
    }
}

/// "… pollster Daron Shaw: “…”": a name right before a colon that opens a
/// quotation, with no cue earlier in the sentence, is the quotation's
/// speaker and the colon its cue.
fn name_colon_quotes(tok: &Tokenized, drafts: &[Draft]) -> Vec<Labelled> {
    let toks = &tok.tokens;
    let mut out = Vec::new();
    for (c, t) in toks.iter().enumerate() {
        if t.lower != ":" || t.in_quote || c == 0 {
            continue;
        }
        let Some(q) = toks
            .get(c + 1)
            .filter(|n| n.in_quote && n.para == t.para)
            .and_then(|n| n.quote_id)
            .and_then(|q| tok.quotes.get(q as usize))
        else {
            continue;
        };
        if !q.has_clause || q.words < 5 {
            continue;
        }
        let cue_before = drafts
            .iter()
            .any(|d| toks.get(d.cue.first).is_some_and(|x| x.sent == t.sent) && d.cue.first < c);
        if cue_before {
            continue;
        }
        let mut k = c;
        while k > 0
            && toks.get(k - 1).is_some_and(|x| {
                x.kind == TokKind::Word
                    && !x.in_quote
                    && x.sent == t.sent
                    && (x.cap || x.lower == "and")
            })
            && c - k < 4
        {
            k -= 1;
        }
        if k == c || toks.get(k).is_some_and(|x| !x.cap) {
            continue;
        }
        out.push(Labelled {
            source: Some(Run {
                role: Role::Src,
                first: k,
                last: c - 1,
            }),
            cue: Run {
                role: Role::Cue,
                first: c,
                last: c,
            },
            content: vec![(q.first, q.last)],
        });
    }
    out
}

/// Content parts in paragraphs after the first one's are kept only while
/// they continue an open quotation: a part that starts its paragraph with a
/// quotation mark, after a paragraph that ended inside an unclosed quotation
/// or with a colon (the multi-paragraph quotation convention). A part that
/// itself runs over a paragraph break is cut there under the same rule.
fn within_paragraph(tok: &Tokenized, parts: &[(usize, usize)]) -> Vec<(usize, usize)> {
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

/// A content that opens with "to" and a speech verb ("breaking a long
/// silence to call the minister a "great partner"") was said with that
/// verb: it becomes the cue when the tagged cue has no speech word, the
/// rest stays the content, and a name between the old cue's source and the
/// verb (outside parentheses) is the speaker.
fn infinitive_speech_cues(tok: &Tokenized, drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    let plain = |i: usize| {
        toks.get(i)
            .filter(|t| !t.in_quote && t.kind == TokKind::Word)
    };
    let speech = |i: usize| {
        plain(i).is_some_and(|t| {
            matches!(
                crate::cues::lookup(&t.lower),
                Some((_, crate::cues::Condition::Always))
            )
        })
    };
    let is_to = |i: usize| plain(i).is_some_and(|t| t.lower == "to");
    for d in drafts.iter_mut() {
        let to = if is_to(d.cue.first) && d.cue.last == d.cue.first + 1 && speech(d.cue.last) {
            // The tagger's cue is already "to <verb>".
            d.cue.first
        } else {
            let Some(&(a, b)) = d.content.iter().min() else {
                continue;
            };
            let cue_speaks = (d.cue.first..=d.cue.last).any(|i| {
                toks.get(i)
                    .is_some_and(|t| crate::cues::lookup(&t.lower).is_some())
            });
            // Only for a quoting content ("to call X a "…""): PolNeAR keeps
            // the first verb as the cue of a plain "decided to say that…".
            let quotes = (a..=b).any(|i| toks.get(i).is_some_and(|t| t.in_quote));
            if cue_speaks || !quotes || !is_to(a) || !speech(a + 1) || a + 1 >= b {
                continue;
            }
            d.cue = Run {
                role: Role::Cue,
                first: a + 1,
                last: a + 1,
            };
            if let Some(p) = d.content.iter_mut().find(|p| p.0 == a) {
                p.0 = a + 2;
            }
            a
        };
        if let Some((f, l)) = name_before(tok, to, d.source.map(|r| r.last + 1).unwrap_or(0)) {
            d.source = Some(Run {
                role: Role::Src,
                first: f,
                last: l,
            });
            d.source_cost = 0;
        }
    }
}

/// The nearest name of two or more capitalised words before token `to`
/// and at or after `floor`, in the same sentence, outside parentheses and
/// quotations, not opening the sentence.
fn name_before(tok: &Tokenized, to: usize, floor: usize) -> Option<(usize, usize)> {
    let toks = &tok.tokens;
    let sent = toks.get(to)?.sent;
    let mut depth = 0usize;
    let mut run: Option<(usize, usize)> = None;
    let mut j = to;
    while j > floor {
        j -= 1;
        let t = toks.get(j)?;
        if t.sent != sent {
            break;
        }
        let name_word = depth == 0 && t.kind == TokKind::Word && t.cap && !t.in_quote;
        if name_word {
            run = Some(match run {
                Some((f, l)) if f == j + 1 => (j, l),
                _ => (j, j),
            });
            continue;
        }
        if run.is_some_and(|(f, l)| l > f) {
            break;
        }
        run = None;
        match t.lower.as_str() {
            ")" => depth += 1,
            "(" => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    let (f, l) = run.filter(|&(f, l)| l > f)?;
    let opens_sentence = f == 0 || toks.get(f - 1).is_none_or(|p| p.sent != sent);
    (!opens_sentence).then_some((f, l))
}

/// The capitalised words right before token `cue` in its sentence, outside
/// quotations, past auxiliaries and adverbs ("Acme Corp" in "Acme Corp has
/// repeatedly denied"), without a leading day name or sentence-opening
/// function word ("On Monday Acme said"); `None` when there is no name.
fn subject_name(tok: &Tokenized, cue: usize) -> Option<(usize, usize)> {
    let toks = &tok.tokens;
    let sent = toks.get(cue)?.sent;
    let name = |i: usize| {
        toks.get(i).is_some_and(|t| {
            t.kind == TokKind::Word
                && t.cap
                && !t.in_quote
                && t.sent == sent
                && !is_time_word(&t.lower)
                && !FUNCTION_WORDS.contains(&t.lower.as_str())
        })
    };
    let mut last = cue.checked_sub(1)?;
    while last > 0
        && toks.get(last).is_some_and(|t| {
            !t.cap
                && t.sent == sent
                && matches!(
                    t.lower.as_str(),
                    "has"
                        | "have"
                        | "had"
                        | "also"
                        | "repeatedly"
                        | "again"
                        | "publicly"
                        | "previously"
                        | "long"
                        | "consistently"
                        | "strongly"
                        | "flatly"
                )
        })
    {
        last -= 1;
    }
    if !name(last) {
        return None;
    }
    let mut first = last;
    while first > 0 && name(first - 1) {
        first -= 1;
    }
    (!object_of_a_larger_phrase(tok, first)).then_some((first, last))
}

/// Whether token `a` opens a quotation that is closed and fills the rest of
/// its paragraph (only punctuation after the closing mark).
fn whole_para_quote(tok: &Tokenized, a: usize) -> bool {
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

/// A claim found by a layout rule, in token indices.
struct Labelled {
    source: Option<Run>,
    cue: Run,
    content: Vec<(usize, usize)>,
}

/// Headline and transcript labels that are not speakers.
const NOT_SPEAKERS: &[&str] = &[
    "the latest",
    "latest",
    "breaking",
    "breaking news",
    "exclusive",
    "update",
    "updated",
    "busted",
    "look",
    "boom",
    "revealed",
    "wow",
    "byline",
    "correction",
    "video",
    "watch",
    "bombshell",
    "just leaked",
    "fix is in",
    "note",
    "editor's note",
    "analysis",
    "opinion",
    "live",
    "photos",
    "photo",
    "q",
    "a",
    "crosstalk",
    "paid notice",
    "read more",
    "related",
    "source",
    "sources",
    "transcript",
    "warning",
    "spoiler",
    "review",
    "editorial",
    "commentary",
    "interview",
];

/// Layout conventions the tagger rarely sees: a speaker label before a
/// colon at the start of a transcript paragraph ("PENCE: Well, …", all
/// capitals) or of the headline ("Pence: …", one or two capitalised
/// words), and a testimonial quotation signed after a dash at the end of
/// its paragraph (""…" ― Jane Doe"). The colon or dash is the cue.
fn label_claims(tok: &Tokenized, text: &str) -> Vec<Labelled> {
    let toks = &tok.tokens;
    let mut out = Vec::new();
    let mut a = 0;
    while a < toks.len() {
        let Some(p) = toks.get(a).map(|t| t.para) else {
            break;
        };
        let mut b = a;
        while toks.get(b + 1).is_some_and(|t| t.para == p) {
            b += 1;
        }
        if let Some(l) = speaker_label(tok, text, a, b).or_else(|| signed_quote(tok, a, b)) {
            out.push(l);
        }
        a = b + 1;
    }
    out
}

fn is_quote_mark(k: TokKind) -> bool {
    matches!(
        k,
        TokKind::QuoteAmbig | TokKind::QuoteOpen | TokKind::QuoteClose
    )
}

fn speaker_label(tok: &Tokenized, text: &str, a: usize, b: usize) -> Option<Labelled> {
    let toks = &tok.tokens;
    let mut k = a;
    if toks.get(k).is_some_and(|t| is_quote_mark(t.kind)) {
        k += 1;
    }
    let headline = toks.get(a).is_some_and(|t| t.para == 0);
    let first = k;
    let mut words = Vec::new();
    // A headline label may run to six words, lowercase ones included
    // ("Former AG Mukasey at RNC: …", "Clinton camp: …"), at least half of
    // them capitalised.
    let wide = headline;
    let max_words = if wide { 6 } else { 4 };
    while let Some(t) = toks.get(k).filter(|t| t.kind == TokKind::Word && k <= b) {
        let text_caps = t.lower.chars().any(|c| c.is_alphabetic()) && t.cap;
        // After the first word, a headline label may hold lowercase words.
        let lower_ok = wide && !words.is_empty();
        if !(text_caps || lower_ok) {
            return None;
        }
        words.push(k);
        k += 1;
        if words.len() > max_words {
            return None;
        }
    }
    if wide {
        let caps = words
            .iter()
            .filter(|&&i| toks.get(i).is_some_and(|t| t.cap))
            .count();
        if caps * 2 < words.len() {
            return None;
        }
    }
    if words.is_empty() || toks.get(k).is_none_or(|t| t.lower != ":") || k >= b {
        return None;
    }
    let colon = k;
    let label = toks
        .get(first..colon)
        .unwrap_or(&[])
        .iter()
        .map(|t| t.lower.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    if NOT_SPEAKERS.contains(&label.as_str()) {
        return None;
    }
    // All capitals (a transcript speaker) anywhere; one or two capitalised
    // words only in the headline.
    let all_caps = words.iter().all(|&i| {
        toks.get(i)
            .and_then(|t| text.get(t.start..t.end))
            .is_some_and(|w| {
                w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(|c| c.is_lowercase())
            })
    });
    if !(all_caps || (headline && (words.len() <= 2 || wide))) {
        return None;
    }
    let mut c0 = colon + 1;
    while c0 <= b && toks.get(c0).is_some_and(|t| t.kind == TokKind::Punct) {
        c0 += 1;
    }
    let mut c1 = b;
    while c1 > c0 && toks.get(c1).is_some_and(|t| t.kind != TokKind::Word) {
        c1 -= 1;
    }
    let n_words = (c0..=c1)
        .filter(|&i| toks.get(i).is_some_and(|t| t.kind == TokKind::Word))
        .count();
    if n_words < 3 {
        return None;
    }
    Some(Labelled {
        source: Some(Run {
            role: Role::Src,
            first,
            last: colon - 1,
        }),
        cue: Run {
            role: Role::Cue,
            first: colon,
            last: colon,
        },
        content: vec![(c0, c1)],
    })
}

fn signed_quote(tok: &Tokenized, a: usize, b: usize) -> Option<Labelled> {
    let toks = &tok.tokens;
    if !toks.get(a).is_some_and(|t| is_quote_mark(t.kind)) {
        return None;
    }
    let d = (a + 2..b).rev().find(|&i| {
        toks.get(i)
            .is_some_and(|t| matches!(t.lower.as_str(), "―" | "—" | "–"))
    })?;
    if !toks.get(d - 1).is_some_and(|t| is_quote_mark(t.kind)) {
        return None;
    }
    let mut s1 = b;
    while s1 > d && toks.get(s1).is_some_and(|t| t.kind != TokKind::Word) {
        s1 -= 1;
    }
    let sig = toks.get(d + 1..=s1)?;
    let n_words = sig.iter().filter(|t| t.kind == TokKind::Word).count();
    let named = sig.iter().all(|t| {
        (t.kind == TokKind::Word && (t.cap || t.lower.len() <= 3))
            || matches!(t.lower.as_str(), "," | "." | "-")
    });
    if n_words == 0 || n_words > 6 || !named || !toks.get(d + 1).is_some_and(|t| t.cap) {
        return None;
    }
    let mut c1 = d - 1;
    while c1 > a && toks.get(c1).is_some_and(|t| t.kind != TokKind::Word) {
        c1 -= 1;
    }
    if c1 <= a + 1 {
        return None;
    }
    Some(Labelled {
        source: Some(Run {
            role: Role::Src,
            first: d + 1,
            last: s1,
        }),
        cue: Run {
            role: Role::Cue,
            first: d,
            last: d,
        },
        content: vec![(a, c1)],
    })
}

fn continue_quotations(tok: &Tokenized, tags: &[u8], drafts: &mut Vec<Draft>, cb: &[u8]) {
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
        let starts_para =
            q.first == 0 || toks.get(q.first - 1).is_some_and(|p| p.para != first.para);
        if !starts_para || q.first == 0 || !q.has_clause {
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

/// A cue left without content takes the untagged rest of its sentence after
/// it, or else the part of its sentence before it (and its source).
fn fallback_contents(tok: &Tokenized, tags: &[u8], drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    let words = |a: usize, b: usize| {
        toks.get(a..=b)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .count()
    };
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

/// A short subject that the tagger put into the content right before an
/// active cue ("The ministry | has sought the files") becomes its source.
/// A cue with a strong cue word (lexicon bucket 4 or more) still without a
/// source takes the untagged words right before it in its sentence, back to
/// punctuation or a clause boundary, when they open with a capital, a
/// pronoun or a determiner ("The city of Phoenix is demanding …", "he
/// suggested …", "several experts cautioned …"); not for a passive cue
/// ("have been blamed for", "is expected").
fn subject_before_cue(tok: &Tokenized, tags: &[u8], cb: &[u8], drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    for d in drafts.iter_mut().filter(|d| d.source.is_none()) {
        let Some(ct) = toks.get(d.cue.first) else {
            continue;
        };
        if ct.in_quote || d.cue.first == 0 {
            continue;
        }
        let strong = (d.cue.first..=d.cue.last).any(|i| cb.get(i).copied().unwrap_or(0) >= 4);
        let cue_words: Vec<&str> = toks
            .get(d.cue.first..=d.cue.last)
            .unwrap_or(&[])
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        let passive = cue_words
            .iter()
            .any(|w| matches!(*w, "been" | "be" | "being"))
            || cue_words.windows(2).any(|w| match w {
                [be, part] => {
                    matches!(*be, "is" | "was" | "are" | "were")
                        && (part.ends_with("ed") || *part == "expected")
                }
                _ => false,
            });
        if passive {
            continue;
        }
        let s = ct.sent;
        // A short subject the tagger put into the content right before an
        // active cue ("The ministry | has sought the files") is the source.
        if d.content.len() > 1 {
            let subject = d.content.iter().position(|&(a, b)| {
                b + 1 == d.cue.first
                    && b + 1 - a <= 5
                    && toks
                        .get(a..=b)
                        .unwrap_or(&[])
                        .iter()
                        .all(|t| t.kind == TokKind::Word && !t.in_quote && t.sent == s)
                    && toks
                        .get(a)
                        .is_some_and(|t| t.cap || SUBJECT_OPENERS.contains(&t.lower.as_str()))
            });
            let subject = subject.filter(|&p| {
                d.content
                    .get(p)
                    .is_some_and(|&(a, _)| !object_of_a_larger_phrase(tok, a))
            });
            if let Some(p) = subject {
                let (a, b) = d.content.remove(p);
                d.source = Some(Run {
                    role: Role::Src,
                    first: a,
                    last: b,
                });
                continue;
            }
        }
        if !strong {
            continue;
        }
        let mut k = d.cue.first;
        while k > 0 {
            let Some(t) = toks.get(k - 1) else { break };
            if t.sent != s
                || t.in_quote
                || t.kind != TokKind::Word
                || tags.get(k - 1).copied().unwrap_or(0) != 0
                || CLAUSE_BOUNDARIES.contains(&t.lower.as_str())
            {
                break;
            }
            k -= 1;
        }
        let n = d.cue.first - k;
        let opens = toks
            .get(k)
            .is_some_and(|t| t.cap || SUBJECT_OPENERS.contains(&t.lower.as_str()));
        if n == 0 || n > 10 || !opens || object_of_a_larger_phrase(tok, k) {
            continue;
        }
        d.source = Some(Run {
            role: Role::Src,
            first: k,
            last: d.cue.first - 1,
        });
    }
}

/// Where the noun phrase that ends in the object at token `k` begins: back
/// over words (not across punctuation, a clause boundary or a quotation),
/// at most twelve, to a capitalised word or a determiner; `None` when it
/// does not open like a subject.
fn phrase_start(tok: &Tokenized, k: usize) -> Option<usize> {
    let toks = &tok.tokens;
    let sent = toks.get(k)?.sent;
    let mut j = k;
    while j > 0 && k - j < 12 {
        let Some(t) = toks.get(j - 1) else { break };
        let joins = t.kind == TokKind::Word || t.lower == "'s";
        if t.sent != sent || t.in_quote || !joins || CLAUSE_BOUNDARIES.contains(&t.lower.as_str()) {
            break;
        }
        j -= 1;
    }
    let opens = toks
        .get(j)
        .is_some_and(|t| t.cap || SUBJECT_OPENERS.contains(&t.lower.as_str()));
    (j < k && opens).then_some(j)
}

/// Whether the words from token `k` on are the object inside a longer noun
/// phrase ("the board in charge of vetting | Acme criticised …", "a
/// report by | Acme"): the word before is a preposition or an -ing form,
/// so the speaker is the whole phrase, not the name at its end. Not after
/// "with": "with Acme denying the reports" makes Acme the speaker.
fn object_of_a_larger_phrase(tok: &Tokenized, k: usize) -> bool {
    let toks = &tok.tokens;
    let (Some(prev), Some(first)) = (k.checked_sub(1).and_then(|p| toks.get(p)), toks.get(k))
    else {
        return false;
    };
    prev.sent == first.sent
        && prev.kind == TokKind::Word
        && !prev.in_quote
        && ((prev.lower.ends_with("ing") && prev.lower.len() > 5 && !prev.cap)
            || matches!(
                prev.lower.as_str(),
                "of" | "for"
                    | "in"
                    | "on"
                    | "at"
                    | "by"
                    | "from"
                    | "into"
                    | "about"
                    | "against"
                    | "over"
                    | "to"
            ))
}

/// Words that end a subject when walking back from a cue.
const CLAUSE_BOUNDARIES: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "but", "or", "when", "while", "because", "if",
    "as", "after", "before", "since", "where", "so", "than", "though", "although", "until",
    "whether",
];

/// Lowercase words a subject may open with.
const SUBJECT_OPENERS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "the", "a", "an", "this", "these", "those", "his",
    "her", "its", "their", "our", "my", "several", "many", "some", "other", "both", "all", "each",
    "most", "one", "two", "three",
];

/// When `part` starts right after the cue (token `cue_last`) with a time
/// or a prepositional phrase, or with the object of a verb of telling,
/// followed by "that" within ten tokens outside quotations ("Friday that",
/// "in an interview that", "at a campaign stop in Toledo, Ohio, that",
/// "told reporters that"), the part starts at "that".
fn skip_adjunct_before_that(
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

/// A passive cue whose subject is its patient ("has been criticized",
/// "was accused of", "is expected", "were seen as"), not followed by "by",
/// a raising verb ("seems", "appeared") or a hearsay adverb
/// ("reportedly", "allegedly"):
/// a form of "be" then, at most one word later, a participle that is not
/// an adjective of feeling ("is worried", "was thrilled with" keep their
/// subject as source, as in PolNeAR).
fn passive_cue(tok: &Tokenized, cue: Run) -> bool {
    let toks = &tok.tokens;
    let words: Vec<&str> = toks
        .get(cue.first..=cue.last)
        .unwrap_or(&[])
        .iter()
        .map(|t| t.lower.as_str())
        .collect();
    if toks.get(cue.last + 1).is_some_and(|t| t.lower == "by") || words.contains(&"by") {
        return false;
    }
    let be = |w: &str| matches!(w, "is" | "was" | "are" | "were" | "been" | "being" | "be");
    let participle = |w: &str| {
        PASSIVE_PARTICIPLES.contains(&w) || (w.ends_with("ed") && !EXPERIENCER.contains(&w))
    };
    // "He seems | to have …", "it appeared | that …": the subject of a
    // raising verb is content too (train: 200 such cues without a source,
    // 52 with one).
    let raising = words.iter().any(|w| {
        matches!(
            *w,
            "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
        )
    });
    if raising {
        return words.len() <= 4;
    }
    // "Trump reportedly told aides …": the adverb is the cue, the rest of
    // the clause (its subject too) the content.
    if words.len() == 1
        && words.first().is_some_and(|w| {
            matches!(
                *w,
                "reportedly" | "allegedly" | "purportedly" | "supposedly" | "reputedly"
            )
        })
    {
        return true;
    }
    // The auxiliary opens the cue ("has been criticized", "was accused
    // of"); a longer cue ("tweeted a message that hints the plan may be
    // dropped") is no passive.
    words.len() <= 6
        && (0..words.len().min(3)).any(|i| {
            words.get(i).is_some_and(|w| be(w))
                && (words.get(i + 1).is_some_and(|w| participle(w))
                    || words.get(i + 2).is_some_and(|w| participle(w)))
        })
}

/// Participles of a passive cue besides the regular "-ed" ones.
const PASSIVE_PARTICIPLES: &[&str] = &["seen", "known", "told", "thought", "said"];

/// "-ed" words that after "be" describe how the subject feels or stands:
/// the subject stays the source.
const EXPERIENCER: &[&str] = &[
    "worried",
    "concerned",
    "thrilled",
    "determined",
    "convinced",
    "interested",
    "pleased",
    "disappointed",
    "surprised",
    "committed",
    "opposed",
    "divided",
    "unified",
    "excited",
    "frustrated",
    "troubled",
    "scared",
    "terrified",
    "obsessed",
    "focused",
    "prepared",
    "satisfied",
    "confused",
    "annoyed",
    "angered",
    "outraged",
    "shocked",
    "impressed",
    "aligned",
    "engaged",
    "involved",
    "dedicated",
    "inclined",
    "disposed",
    "poised",
    "set",
];

/// "X, he said, Y" / "All of this, he acknowledges, could be undone": a
/// source and cue set off by commas inside a sentence outside quotations
/// split one content in two. When the content holds only one side, the
/// other side joins it: from the sentence start to the comma before, and
/// from the comma after to the sentence end.
fn parenthetical(
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
    let words = |a: usize, b: usize| {
        toks.get(a..=b)
            .unwrap_or(&[])
            .iter()
            .filter(|t| t.kind == TokKind::Word)
            .count()
    };
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

fn is_time_word(w: &str) -> bool {
    matches!(
        w,
        "monday"
            | "tuesday"
            | "wednesday"
            | "thursday"
            | "friday"
            | "saturday"
            | "sunday"
            | "yesterday"
            | "today"
            | "tonight"
    )
}

/// A month name or its abbreviation, lowercased.
fn is_month(w: &str) -> bool {
    matches!(
        w.trim_end_matches('.'),
        "january"
            | "february"
            | "march"
            | "april"
            | "may"
            | "june"
            | "july"
            | "august"
            | "september"
            | "october"
            | "november"
            | "december"
            | "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
    )
}

/// Words that are never a source on their own.
const NOT_SOURCE_WORDS: &[&str] = &[
    "from",
    "for",
    "after",
    "before",
    "with",
    "by",
    "perhaps",
    "also",
    "then",
    "together",
    "away",
    "left",
    "almost",
    "and",
    "but",
    "even",
    "just",
    "still",
    "later",
    "meanwhile",
    "however",
    "instead",
    "now",
    "again",
    "when",
    "while",
    "as",
    "in",
    "on",
    "at",
    "to",
    "of",
];

const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "that", "this", "it", "is", "was", "he",
    "she", "they", "we", "i", "you",
];

fn is_scare_quote(tok: &Tokenized, part: (usize, usize)) -> bool {
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

fn kind_of(tok: &Tokenized, parts: &[(usize, usize)]) -> ClaimKind {
    let mut inq = 0;
    let mut outq = 0;
    for &(a, b) in parts {
        for t in tok.tokens.get(a..=b).unwrap_or(&[]) {
            if t.kind != TokKind::Word {
                continue;
            }
            if t.in_quote {
                inq += 1;
            } else {
                outq += 1;
            }
        }
    }
    if inq == 0 {
        ClaimKind::Indirect
    } else if outq == 0 || outq * 10 <= inq {
        ClaimKind::Direct
    } else {
        ClaimKind::Mixed
    }
}

/// The class of a cue from its words.
pub fn cue_class(cue: &str) -> CueClass {
    let lower = cue.to_lowercase();
    let has = |stems: &[&str]| {
        lower
            .split(|c: char| !c.is_alphanumeric())
            .any(|w| stems.iter().any(|s| w.starts_with(s)))
    };
    if has(&[
        "deni", "deny", "reject", "dismiss", "refut", "rebut", "disput",
    ]) {
        CueClass::Denial
    } else if has(&[
        "accus", "blam", "charg", "alleg", "condemn", "criticiz", "criticis", "attack", "denounc",
    ]) {
        CueClass::Accusation
    } else if has(&["warn", "caution", "threat"]) {
        CueClass::Warning
    } else if has(&[
        "promis", "vow", "pledg", "swear", "swore", "guarante", "commit",
    ]) {
        CueClass::Promise
    } else if has(&[
        "report",
        "according",
        "publish",
        "conclu",
        "found",
        "find",
        "show",
        "reveal",
        "poll",
        "survey",
        "stud",
        "data",
        "document",
        "estimat",
        "indicat",
    ]) {
        CueClass::Report
    } else if has(&[
        "claim", "argu", "insist", "maintain", "contend", "assert", "believ", "think", "suggest",
        "predict", "call",
    ]) {
        CueClass::Claim
    } else {
        CueClass::Statement
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_stops_at_a_paragraph_break_unless_a_quotation_continues() {
        let text = "She told reporters the talks had failed.\nThe strike began on Monday.\n\"We stay out,\" he said: \"until they pay.\n\"And not a day less.\"";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let last = tok.tokens.len() - 1;
        // "the talks had failed. The strike began on Monday." as one part.
        let parts = within_paragraph(&tok, &[(idx("the"), idx("monday"))]);
        assert_eq!(parts.len(), 1);
        assert_eq!(parts[0].1, idx("failed") + 1);
        // An open quotation continues into the next paragraph.
        let until = idx("until");
        let parts = within_paragraph(&tok, &[(until, last)]);
        assert_eq!(parts.last().map(|p| p.1), Some(last));
    }

    /// Hand-made tags over `text`: each role is a (first word, last word)
    /// pair of lowercased tokens, in the order given (sources, cues,
    /// contents); `strong` words get the top cue-lexicon bucket.
    struct Tagged<'a> {
        text: &'a str,
        roles: Vec<((&'a str, &'a str), Role)>,
        strong: Vec<&'a str>,
    }

    impl Tagged<'_> {
        /// Links the tags with `cues`; returns (source, cue, content hull)
        /// of each claim as text.
        fn link(&self, cues: CueFilter) -> Vec<(Option<String>, String, String)> {
            let text = self.text;
            let tok = tokenize(text, &[]);
            let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
            let mut tags = vec![0u8; tok.tokens.len()];
            for &((a, b), role) in &self.roles {
                let (begin, inside) = match role {
                    Role::Src => (B_SRC, I_SRC),
                    Role::Cue => (B_CUE, I_CUE),
                    Role::Con => (B_CON, I_CON),
                };
                let (a, b) = (idx(a), idx(b));
                tags[a] = begin;
                for t in tags.iter_mut().take(b + 1).skip(a + 1) {
                    *t = inside;
                }
            }
            let mut cb = vec![0u8; tok.tokens.len()];
            for w in &self.strong {
                cb[idx(w)] = 5;
            }
            let opts = ExtractOptions {
                cues,
                ..ExtractOptions::default()
            };
            let span = |(a, b): (usize, usize)| text[a..b].to_string();
            link(&tok, &tags, &cb, text, opts)
                .into_iter()
                .map(|c| {
                    let content = (
                        c.content.first().map(|p| p.0).unwrap_or(0),
                        c.content.last().map(|p| p.1).unwrap_or(0),
                    );
                    (c.source.map(span), span(c.cue), span(content))
                })
                .collect()
        }
    }

    /// [`Tagged::link`] in speech mode with one source, cue and content.
    fn link_speech(
        text: &str,
        source: Option<(&str, &str)>,
        cue: (&str, &str),
        content: (&str, &str),
    ) -> Vec<(Option<String>, String, String)> {
        let mut roles: Vec<_> = source.map(|s| (s, Role::Src)).into_iter().collect();
        roles.push((cue, Role::Cue));
        roles.push((content, Role::Con));
        Tagged {
            text,
            roles,
            strong: Vec::new(),
        }
        .link(CueFilter::Speech)
    }

    #[test]
    fn speech_mode_a_source_after_an_unquoted_content_yields_to_the_subject() {
        let text = "Norlink has repeatedly denied accusations of price fixing, but as the feud between Lisbon and Madrid escalates, regulators watch.";
        let got = link_speech(
            text,
            Some(("madrid", "madrid")),
            ("has", "denied"),
            ("accusations", "lisbon"),
        );
        assert_eq!(
            got,
            [(
                Some("Norlink".to_string()),
                "has repeatedly denied".to_string(),
                "accusations of price fixing".to_string()
            )]
        );
    }

    #[test]
    fn a_name_at_the_end_of_a_longer_phrase_is_not_the_speaker() {
        // "the panel in charge of vetting Norlink criticised …": the tagger
        // put "vetting" in a content run and left the name untagged; the
        // name before the strong cue is the object of "vetting", not who
        // criticised.
        let text = "In May, the panel in charge of vetting Norlink criticised the carrier's ferries for poor upkeep.";
        let claims = Tagged {
            text,
            roles: vec![
                (("vetting", "vetting"), Role::Con),
                (("criticised", "criticised"), Role::Cue),
                (("carrier", "upkeep"), Role::Con),
            ],
            strong: vec!["criticised"],
        }
        .link(CueFilter::All);
        assert!(!claims.is_empty(), "{claims:?}");
        for c in &claims {
            assert_ne!(c.0.as_deref(), Some("Norlink"), "{claims:?}");
        }
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        assert!(object_of_a_larger_phrase(&tok, idx("norlink")));
        assert!(!object_of_a_larger_phrase(&tok, idx("the")));
    }

    #[test]
    fn speech_mode_a_source_that_ends_a_longer_phrase_stands_for_all_of_it() {
        let text = "In May, the panel in charge of vetting Norlink criticised its ferries for poor upkeep.";
        let got = link_speech(
            text,
            Some(("norlink", "norlink")),
            ("criticised", "criticised"),
            ("its", "upkeep"),
        );
        assert_eq!(
            got.first().and_then(|c| c.0.as_deref()),
            Some("the panel in charge of vetting Norlink"),
            "{got:?}"
        );
        // "with X denying": X is the speaker, not an object.
        let text = "Talks stalled, with Norlink denying claims of price fixing.";
        let got = link_speech(
            text,
            Some(("norlink", "norlink")),
            ("denying", "denying"),
            ("claims", "fixing"),
        );
        assert_eq!(
            got.first().and_then(|c| c.0.as_deref()),
            Some("Norlink"),
            "{got:?}"
        );
    }

    #[test]
    fn speech_mode_a_sourceless_speech_cue_takes_the_name_before_it() {
        let text = "Norlink has repeatedly denied accusations of price fixing.";
        let got = link_speech(text, None, ("denied", "denied"), ("accusations", "fixing"));
        assert_eq!(
            got.first().and_then(|c| c.0.as_deref()),
            Some("Norlink"),
            "{got:?}"
        );
    }

    #[test]
    fn speech_mode_a_content_of_times_only_is_no_claim() {
        let text = "The plant, which was announced in January 2022, will open in 2026.";
        let got = link_speech(
            text,
            Some(("which", "which")),
            ("was", "announced"),
            ("in", "2022"),
        );
        assert!(got.is_empty(), "{got:?}");
        // A content with words besides the time stays.
        let text = "Acme announced in January that the plant would close.";
        let got = link_speech(
            text,
            Some(("acme", "acme")),
            ("announced", "announced"),
            ("in", "close"),
        );
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn speech_mode_a_cue_led_by_a_preposition_has_no_source_before_it() {
        let text =
            "The city is in a dispute with Northline over claims the operator skipped checks.";
        let got = link_speech(
            text,
            Some(("northline", "northline")),
            ("over", "claims"),
            ("operator", "checks"),
        );
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, None, "{got:?}");
    }

    fn draft(cue: usize, content: (usize, usize)) -> Draft {
        Draft {
            cue: Run {
                role: Role::Cue,
                first: cue,
                last: cue,
            },
            source: Some(Run {
                role: Role::Src,
                first: 0,
                last: 0,
            }),
            source_cost: 1,
            content: vec![content],
        }
    }

    #[test]
    fn a_second_speech_verb_inside_a_content_is_its_own_claim() {
        let text = "She called the plan reckless, and warned that prices would rise.";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let mut cb = vec![0u8; tok.tokens.len()];
        cb[idx("warned")] = 5;
        let last = idx("rise");
        let mut drafts = vec![draft(idx("called"), (idx("the"), last))];
        coordinated_cues(&tok, &cb, &mut drafts);
        assert_eq!(drafts.len(), 2);
        assert_eq!(drafts[0].content, vec![(idx("the"), idx("reckless"))]);
        assert_eq!(drafts[1].cue.first, idx("warned"));
        assert_eq!(drafts[1].content, vec![(idx("that"), last)]);
        assert_eq!(drafts[1].source.map(|r| r.first), Some(0));
        // A verb that is not a cue, or one inside a quotation, is left alone.
        cb[idx("warned")] = 1;
        let mut drafts = vec![draft(idx("called"), (idx("the"), last))];
        coordinated_cues(&tok, &cb, &mut drafts);
        assert_eq!(drafts.len(), 1);
        let q = tokenize("She called it \"reckless and warned of ruin\" today.", &[]);
        let w = q.tokens.iter().position(|t| t.lower == "warned").unwrap();
        let mut cb = vec![0u8; q.tokens.len()];
        cb[w] = 5;
        let mut drafts = vec![draft(1, (2, q.tokens.len() - 2))];
        coordinated_cues(&q, &cb, &mut drafts);
        assert_eq!(drafts.len(), 1);
    }

    #[test]
    fn a_name_next_to_a_sourceless_speech_verb_is_its_source() {
        // "…,” Mr. Lee said." with the name swallowed by the content.
        let text = "\"The dam will hold,\" Mr. Lee said. \"We checked it twice,\" said Ann Park.";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let said = idx("said");
        let said2 = tok.tokens.iter().rposition(|t| t.lower == "said").unwrap();
        let mut d1 = draft(said, (0, said - 1));
        d1.source = None;
        let mut d2 = draft(said2, (said + 2, said2 - 1));
        d2.source = None;
        let mut drafts = vec![d1, d2];
        speaker_next_to_verb(&tok, &mut drafts);
        let src = drafts[0].source.unwrap();
        assert_eq!((src.first, src.last), (idx("mr."), idx("lee")));
        assert_eq!(drafts[0].content, vec![(0, idx("mr.") - 1)]);
        let src2 = drafts[1].source.unwrap();
        assert_eq!((src2.first, src2.last), (idx("ann"), idx("park")));
        // A verb that already has a source keeps it.
        let mut drafts = vec![draft(said, (0, said - 1))];
        speaker_next_to_verb(&tok, &mut drafts);
        assert_eq!(drafts[0].source.map(|r| r.first), Some(0));
    }

    #[test]
    fn untagged_subject_before_a_strong_cue_is_its_source() {
        let text = "The city council is demanding that the park stay open.";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let tags = vec![0u8; tok.tokens.len()];
        let mut cb = vec![0u8; tok.tokens.len()];
        cb[idx("demanding")] = 4;
        let cue = Run {
            role: Role::Cue,
            first: idx("is"),
            last: idx("demanding"),
        };
        let mut d = draft(0, (idx("that"), idx("open")));
        d.cue = cue;
        d.source = None;
        let mut drafts = vec![d];
        subject_before_cue(&tok, &tags, &cb, &mut drafts);
        let src = drafts[0].source.unwrap();
        assert_eq!((src.first, src.last), (0, idx("council")));
        // Not for a weak cue, nor for a passive one.
        cb[idx("demanding")] = 2;
        drafts[0].source = None;
        subject_before_cue(&tok, &tags, &cb, &mut drafts);
        assert!(drafts[0].source.is_none());
        let p = tokenize("The mayor was criticized for the delay.", &[]);
        let mut cb = vec![0u8; p.tokens.len()];
        cb[3] = 5;
        let mut d = draft(0, (4, 6));
        d.cue = Run {
            role: Role::Cue,
            first: 2,
            last: 3,
        };
        d.source = None;
        let mut drafts = vec![d];
        subject_before_cue(&p, &vec![0u8; p.tokens.len()], &cb, &mut drafts);
        assert!(drafts[0].source.is_none());
    }

    #[test]
    fn a_time_or_place_before_that_is_not_content() {
        let tok = tokenize(
            "She said at a rally in Ohio, on Friday, that taxes would fall.",
            &[],
        );
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let last = idx("fall");
        let part = skip_adjunct_before_that(&tok, idx("said"), (idx("at"), last));
        assert_eq!(part, (idx("that"), last));
        // Not when the content does not start right after the cue, nor
        // without "that".
        let part = skip_adjunct_before_that(&tok, 0, (idx("at"), last));
        assert_eq!(part, (idx("at"), last));
        let tok = tokenize("She said in May the taxes would fall.", &[]);
        let part = skip_adjunct_before_that(&tok, 1, (2, 7));
        assert_eq!(part, (2, 7));
        let tok = tokenize("He told reporters that the bridge was safe.", &[]);
        let part = skip_adjunct_before_that(&tok, 1, (2, 7));
        assert_eq!(part, (3, 7));
    }

    #[test]
    fn according_to_with_a_shared_source_is_repaired() {
        let tok = tokenize(
            "They left. According to police, officers saw a gun, they said.",
            &[],
        );
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let cue = Run {
            role: Role::Cue,
            first: idx("according"),
            last: idx("according") + 1,
        };
        // The source the sentence shared with the cue ("they") is replaced.
        let shared = Run {
            role: Role::Src,
            first: idx("they"),
            last: idx("they"),
        };
        let content = [(idx("police"), idx("gun"))];
        let r = according_repair(&tok, cue, Some(shared), &content).unwrap();
        assert_eq!(
            (r.source.first, r.source.last),
            (idx("police"), idx("police"))
        );
        assert_eq!(r.content, (idx("officers"), idx("gun")));
        assert_eq!((r.cue.first, r.cue.last), (cue.first, cue.last));
    }

    #[test]
    fn passive_cues_are_told_from_feelings_and_agents() {
        let cue_of = |text: &str, first: usize, last: usize| {
            let tok = tokenize(text, &[]);
            passive_cue(
                &tok,
                Run {
                    role: Role::Cue,
                    first,
                    last,
                },
            )
        };
        assert!(cue_of("He has been harshly criticized for it.", 1, 4));
        assert!(cue_of("The mayor was accused of fraud.", 2, 4));
        assert!(cue_of("She is widely seen as a favourite.", 1, 4));
        assert!(cue_of("He seems to want a recount.", 1, 1));
        assert!(cue_of("Lee reportedly told aides to stay.", 1, 1));
        // A feeling keeps its subject as the source; so does an agent.
        assert!(!cue_of("The union is worried about jobs.", 2, 3));
        assert!(!cue_of("The plan was criticized by the union.", 2, 3));
        assert!(!cue_of("The mayor said it was fine.", 2, 2));
    }

    #[test]
    fn a_subject_tagged_as_content_before_an_active_cue_is_the_source() {
        let tok = tokenize("The ministry has sought the files from the court.", &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let cb = vec![0u8; tok.tokens.len()];
        let mut d = draft(0, (0, idx("ministry")));
        d.cue = Run {
            role: Role::Cue,
            first: idx("has"),
            last: idx("sought"),
        };
        d.source = None;
        d.content.push((idx("sought") + 1, idx("court")));
        let mut drafts = vec![d];
        subject_before_cue(&tok, &vec![0u8; tok.tokens.len()], &cb, &mut drafts);
        let src = drafts[0].source.unwrap();
        assert_eq!((src.first, src.last), (0, idx("ministry")));
        assert_eq!(drafts[0].content, vec![(idx("sought") + 1, idx("court"))]);
    }

    #[test]
    fn a_sourceless_claim_needs_a_strong_cue_or_a_quotation() {
        let text = "Prices rose again, fuelling fears of a long slump.";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let mut tags = vec![0u8; tok.tokens.len()];
        tags[idx("fuelling")] = B_CUE;
        tags[idx("fears")] = B_CON;
        for t in tags.iter_mut().take(idx("slump") + 1).skip(idx("of")) {
            *t = I_CON;
        }
        let mut cb = vec![0u8; tok.tokens.len()];
        let opts = ExtractOptions::default();
        assert!(link(&tok, &tags, &cb, text, opts).is_empty());
        // The same claim with a strong cue word is kept.
        cb[idx("fuelling")] = 5;
        assert_eq!(link(&tok, &tags, &cb, text, opts).len(), 1);
        // And so is a sourceless quotation.
        let text = "The statement read: \"We will rebuild the pier before the summer.\"";
        let tok = tokenize(text, &[]);
        let read = tok.tokens.iter().position(|t| t.lower == "read").unwrap();
        let mut tags = vec![0u8; tok.tokens.len()];
        tags[read] = B_CUE;
        tags[read + 2] = B_CON;
        for t in tags.iter_mut().skip(read + 3) {
            *t = I_CON;
        }
        let cb = vec![0u8; tok.tokens.len()];
        let cs = link(&tok, &tags, &cb, text, opts);
        assert_eq!(cs.len(), 1, "{cs:?}");
        assert_eq!(cs[0].kind, ClaimKind::Direct);
    }

    #[test]
    fn a_parenthetical_cue_takes_both_sides() {
        let tok = tokenize(
            "All of this, he acknowledges, could be undone by the next vote.",
            &[],
        );
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let cue = Run {
            role: Role::Cue,
            first: idx("acknowledges"),
            last: idx("acknowledges"),
        };
        let src = Run {
            role: Role::Src,
            first: idx("he"),
            last: idx("he"),
        };
        let right = (idx("could"), idx("vote"));
        let parts = parenthetical(&tok, cue, Some(src), &[right]).unwrap();
        assert_eq!(parts, vec![(0, idx("this")), right]);
        // Not without the commas around source and cue.
        let tok = tokenize("All of this he acknowledges could be undone soon.", &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let cue = Run {
            role: Role::Cue,
            first: idx("acknowledges"),
            last: idx("acknowledges"),
        };
        let src = Run {
            role: Role::Src,
            first: idx("he"),
            last: idx("he"),
        };
        let right = (idx("could"), idx("soon"));
        assert!(parenthetical(&tok, cue, Some(src), &[right]).is_none());
    }

    #[test]
    fn a_cue_ending_in_been_takes_the_participle_and_loses_its_subject() {
        let text = "He has been harshly criticized for his policies.";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let mut tags = vec![0u8; tok.tokens.len()];
        tags[0] = B_SRC;
        tags[idx("has")] = B_CUE;
        tags[idx("been")] = I_CUE;
        tags[idx("harshly")] = B_CON;
        for t in tags
            .iter_mut()
            .take(idx("policies") + 1)
            .skip(idx("criticized"))
        {
            *t = I_CON;
        }
        let cb = vec![0u8; tok.tokens.len()];
        let cs = link(&tok, &tags, &cb, text, ExtractOptions::default());
        assert_eq!(cs.len(), 1, "{cs:?}");
        let c = &cs[0];
        assert_eq!(&text[c.cue.0..c.cue.1], "has been harshly criticized for");
        assert_eq!(c.source, None);
        assert_eq!(c.content.first().map(|p| &text[p.0..p.1]), Some("He"));
        assert_eq!(
            c.content.last().map(|p| &text[p.0..p.1]),
            Some("his policies")
        );
    }

    #[test]
    fn headline_labels_run_to_six_title_case_words() {
        let text = "Former Mayor Ann Lee at Summit: Taxes will fall next year\nThe summit opened on Monday.";
        let tok = tokenize(text, &[]);
        let ls = label_claims(&tok, text);
        assert_eq!(ls.len(), 1);
        let src = ls[0].source.unwrap();
        let words: Vec<&str> = tok.tokens[src.first..=src.last]
            .iter()
            .map(|t| t.lower.as_str())
            .collect();
        assert_eq!(words, ["former", "mayor", "ann", "lee", "at", "summit"]);
        // Mostly lowercase words are no label, nor is a label in the body.
        let text = "What we know so far: taxes will fall next year\nBody.";
        assert!(label_claims(&tokenize(text, &[]), text).is_empty());
        let text = "Headline here\nFormer Mayor Ann Lee at Summit: Taxes will fall next year";
        assert!(label_claims(&tokenize(text, &[]), text).is_empty());
    }

    #[test]
    fn a_statement_after_a_comma_takes_the_quotation_paragraph() {
        let text = "When we called the firm on Monday, they provided us with the following statement:\n\"We follow every law in every market where we work.\"";
        let tok = tokenize(text, &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let mut tags = vec![0u8; tok.tokens.len()];
        tags[idx("we")] = B_SRC;
        tags[idx("called")] = B_CUE;
        tags[idx("the")] = B_CON;
        tags[idx("firm")] = I_CON;
        tags[idx("they")] = B_SRC;
        let mut cb = vec![0u8; tok.tokens.len()];
        cb[idx("called")] = 5;
        cb[idx("statement")] = 5;
        let cs = link(&tok, &tags, &cb, text, ExtractOptions::default());
        let q = cs
            .iter()
            .find(|c| text[c.content[0].0..c.content[0].1].contains("every law"))
            .unwrap_or_else(|| panic!("{cs:?}"));
        assert!(text[q.cue.0..q.cue.1].contains("statement"), "{cs:?}");
        assert_eq!(q.source.map(|s| &text[s.0..s.1]), Some("they"));
    }

    #[test]
    fn according_to_runs_to_the_end_of_the_sentence() {
        let tok = tokenize("According to the port, the strike costs £80m a day.", &[]);
        let idx = |w: &str| tok.tokens.iter().position(|t| t.lower == w).unwrap();
        let cue = Run {
            role: Role::Cue,
            first: 0,
            last: 1,
        };
        // The tagger stopped the content early.
        let content = [(idx("the"), idx("costs"))];
        let r = according_repair(&tok, cue, None, &content).unwrap();
        assert_eq!(r.content, (idx("strike") - 1, idx("day")));
    }

    #[test]
    fn runs_split_on_begin_tags() {
        let tags = [0, B_SRC, I_SRC, B_CUE, B_CON, I_CON, B_CON, 0];
        let r = runs(&tags);
        assert_eq!(r.len(), 4);
        assert_eq!((r[0].first, r[0].last), (1, 2));
        assert_eq!((r[2].first, r[2].last), (4, 5));
        assert_eq!((r[3].first, r[3].last), (6, 6));
    }

    #[test]
    fn classes() {
        assert_eq!(cue_class("denied"), CueClass::Denial);
        assert_eq!(cue_class("according to"), CueClass::Report);
        assert_eq!(cue_class("warned"), CueClass::Warning);
        assert_eq!(cue_class("said"), CueClass::Statement);
        assert_eq!(cue_class("claims"), CueClass::Claim);
        assert_eq!(cue_class("vowed"), CueClass::Promise);
        assert_eq!(cue_class("accused"), CueClass::Accusation);
    }
}
