//! Layout rules: claims the page layout makes rather than a speech verb,
//! speaker labels before a colon ("PENCE: …", headline labels), quotation
//! paragraphs signed after a dash, and "Name: “…”".

use super::*;

/// "… pollster Daron Shaw: “…”": a name right before a colon that opens a
/// quotation, with no cue earlier in the sentence, is the quotation's
/// speaker and the colon its cue.
pub(super) fn name_colon_quotes(tok: &Tokenized, drafts: &[Draft]) -> Vec<Labelled> {
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

/// A claim found by a layout rule, in token indices.
pub(super) struct Labelled {
    pub(super) source: Option<Run>,
    pub(super) cue: Run,
    pub(super) content: Vec<(usize, usize)>,
}

/// Headline and transcript labels that are not speakers.
pub(super) const NOT_SPEAKERS: &[&str] = &[
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
pub(super) fn label_claims(tok: &Tokenized, text: &str) -> Vec<Labelled> {
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

pub(super) fn speaker_label(tok: &Tokenized, text: &str, a: usize, b: usize) -> Option<Labelled> {
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
    let max_words = if headline { 6 } else { 4 };
    while let Some(t) = toks.get(k).filter(|t| t.kind == TokKind::Word && k <= b) {
        let text_caps = t.lower.chars().any(|c| c.is_alphabetic()) && t.cap;
        // After the first word, a headline label may hold lowercase words.
        let lower_ok = headline && !words.is_empty();
        if !(text_caps || lower_ok) {
            return None;
        }
        words.push(k);
        k += 1;
        if words.len() > max_words {
            return None;
        }
    }
    if headline {
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
    // All capitals (a transcript speaker) anywhere; in the headline, the
    // mostly capitalised label checked above.
    let all_caps = words.iter().all(|&i| {
        toks.get(i)
            .and_then(|t| text.get(t.start..t.end))
            .is_some_and(|w| {
                w.chars().filter(|c| c.is_alphabetic()).count() >= 2
                    && !w.chars().any(|c| c.is_lowercase())
            })
    });
    if !(all_caps || headline) {
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

pub(super) fn signed_quote(tok: &Tokenized, a: usize, b: usize) -> Option<Labelled> {
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
