//! Who speaks: second speech verbs of the same speaker, names next to speech
//! verbs, the subject before a cue (not the object at the end of a longer
//! phrase), passive and raising subjects as content, and "to call X a
//! “…”" infinitives.

use super::*;

/// "… described the showdown as ominous, and said the panel …": a strong
/// cue verb after "and"/"but" inside another claim's unquoted content is a
/// second claim of the same source; the first content stops before the
/// conjunction.
pub(super) fn coordinated_cues(tok: &Tokenized, cb: &[u8], drafts: &mut Vec<Draft>) {
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
                // "had been arrested and charged with theft": a second
                // participle of the same passive, not a second claim.
                let participles = c
                    .checked_sub(1)
                    .and_then(|p| toks.get(p))
                    .is_some_and(|p| p.lower.ends_with("ed") && p.kind == TokKind::Word);
                c > a
                    && !participles
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
pub(super) fn speaker_next_to_verb(tok: &Tokenized, drafts: &mut [Draft]) {
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
        let after_quote = v
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(closes_quote);
        if after_quote {
            if let Some((f, l)) = inverted_speaker(tok, v) {
                found.push((
                    di,
                    Run {
                        role: Role::Src,
                        first: f,
                        last: l,
                    },
                ));
                continue;
            }
        }
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
            continue;
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

/// A content that opens with "to" and a speech verb ("breaking a long
/// silence to call the minister a "great partner"") was said with that
/// verb: it becomes the cue when the tagged cue has no speech word, the
/// rest stays the content, and a name between the old cue's source and the
/// verb (outside parentheses) is the speaker.
pub(super) fn infinitive_speech_cues(tok: &Tokenized, drafts: &mut [Draft]) {
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
pub(super) fn name_before(tok: &Tokenized, to: usize, floor: usize) -> Option<(usize, usize)> {
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
pub(super) fn subject_name(tok: &Tokenized, cue: usize) -> Option<(usize, usize)> {
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

/// A sourceless cue in the second half of a coordination ("Suspicious of
/// its ties, Washington has blocked the firm, and now urges allies to do
/// the same") takes the subject of the first half: the last untagged run
/// of capitalised words before the "and" that opens the sentence or
/// follows a comma and is followed by a verb (an auxiliary, or a lowercase
/// word ending in "ed" or "s"). Speech mode only.
pub(super) fn coordinated_subject(tok: &Tokenized, tags: &[u8], drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    for d in drafts.iter_mut().filter(|d| d.source.is_none()) {
        let Some(ct) = toks.get(d.cue.first) else {
            continue;
        };
        if ct.in_quote {
            continue;
        }
        let s = ct.sent;
        // "and", then at most two adverbs, then the cue.
        let mut k = d.cue.first;
        let mut adverbs = 0;
        while k > 0
            && adverbs < 2
            && toks.get(k - 1).is_some_and(|t| {
                t.sent == s
                    && matches!(
                        t.lower.as_str(),
                        "now" | "also" | "then" | "later" | "since"
                    )
            })
        {
            k -= 1;
            adverbs += 1;
        }
        if k == 0
            || toks
                .get(k - 1)
                .is_none_or(|t| t.lower != "and" || t.sent != s)
        {
            continue;
        }
        let and = k - 1;
        let mut found: Option<(usize, usize)> = None;
        // From the sentence's first token, not the document's.
        let mut i = and;
        while i > 0 && toks.get(i - 1).is_some_and(|t| t.sent == s) {
            i -= 1;
        }
        while i < and {
            let Some(t) = toks.get(i) else { break };
            let starts_run = t.sent == s
                && t.kind == TokKind::Word
                && t.cap
                && !t.in_quote
                && tags.get(i) == Some(&0)
                && (i == 0
                    || toks
                        .get(i - 1)
                        .is_some_and(|p| p.sent != s || p.lower == ","));
            if !starts_run {
                i += 1;
                continue;
            }
            let mut e = i;
            while e + 1 < and
                && toks.get(e + 1).is_some_and(|t| {
                    t.kind == TokKind::Word && t.cap && !t.in_quote && tags.get(e + 1) == Some(&0)
                })
            {
                e += 1;
            }
            let verb = toks.get(e + 1).is_some_and(|v| {
                v.kind == TokKind::Word
                    && !v.cap
                    && (is_auxiliary(&v.lower)
                        || (v.lower.len() > 3
                            && (v.lower.ends_with("ed") || v.lower.ends_with('s'))))
            });
            if verb && e + 1 < and {
                found = Some((i, e));
            }
            i = e + 1;
        }
        if let Some((a, b)) = found {
            d.source = Some(Run {
                role: Role::Src,
                first: a,
                last: b,
            });
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
pub(super) fn subject_before_cue(tok: &Tokenized, tags: &[u8], cb: &[u8], drafts: &mut [Draft]) {
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
        if n == 0 {
            // "Ann Lee, the fire chief, said": a name and its apposition.
            if let Some(r) = apposed_subject(tok, tags, d.cue.first) {
                d.source = Some(r);
            }
            continue;
        }
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
pub(super) fn phrase_start(tok: &Tokenized, k: usize) -> Option<usize> {
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
pub(super) fn object_of_a_larger_phrase(tok: &Tokenized, k: usize) -> bool {
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
pub(super) const CLAUSE_BOUNDARIES: &[&str] = &[
    "that", "which", "who", "whom", "whose", "and", "but", "or", "when", "while", "because", "if",
    "as", "after", "before", "since", "where", "so", "than", "though", "although", "until",
    "whether",
];

/// Lowercase words a subject may open with.
pub(super) const SUBJECT_OPENERS: &[&str] = &[
    "he", "she", "it", "they", "we", "i", "you", "the", "a", "an", "this", "these", "those", "his",
    "her", "its", "their", "our", "my", "several", "many", "some", "other", "both", "all", "each",
    "most", "one", "two", "three",
];

/// A passive cue whose subject is its patient ("has been criticized",
/// "was accused of", "is expected", "were seen as"), not followed by "by",
/// a raising verb ("seems", "appeared") or a hearsay adverb
/// ("reportedly", "allegedly"):
/// a form of "be" then, at most one word later, a participle that is not
/// an adjective of feeling ("is worried", "was thrilled with" keep their
/// subject as source, as in PolNeAR).
pub(super) fn passive_cue(tok: &Tokenized, cue: Run) -> bool {
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
        // "Rubio seemed to urge …": with the verb after "to" inside the cue
        // the subject is its source (train gold: 35 such cues with a
        // source, 2 without; "seemed" alone: 7 with, 189 without).
        let with_verb = words.windows(3).any(|w| match w {
            [r, to, _] => {
                matches!(
                    *r,
                    "seem" | "seems" | "seemed" | "appear" | "appears" | "appeared"
                ) && *to == "to"
            }
            _ => false,
        });
        return words.len() <= 4 && !with_verb;
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
pub(super) const PASSIVE_PARTICIPLES: &[&str] = &["seen", "known", "told", "thought", "said"];

/// "-ed" words that after "be" describe how the subject feels or stands:
/// the subject stays the source.
pub(super) const EXPERIENCER: &[&str] = &[
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

/// "Ann Lee, who chairs the panel, said …": a source that is the relative
/// pronoun of a clause closed by a comma before the cue stands for the
/// noun phrase the clause hangs on, which is the speaker (PolNeAR keeps
/// "who" as the source only for a cue inside the relative clause). The
/// phrase runs back from the comma before the pronoun to punctuation, a
/// clause word or the sentence start, over a parenthesis ("(D-Ohio)"), at
/// most ten words, and opens like a subject.
pub(super) fn relative_antecedent(tok: &Tokenized, src: Run, cue: Run) -> Option<Run> {
    let toks = &tok.tokens;
    let pron = toks.get(src.first)?;
    if src.first != src.last
        || pron.in_quote
        || !matches!(pron.lower.as_str(), "who" | "which")
        || src.last >= cue.first
    {
        return None;
    }
    let s = pron.sent;
    let plain = |i: usize, w: &str| {
        toks.get(i)
            .is_some_and(|t| t.lower == w && !t.in_quote && t.sent == s)
    };
    // The relative clause is closed by a comma before the cue.
    if !(src.last + 1..cue.first).any(|i| plain(i, ",")) {
        return None;
    }
    let comma = src.first.checked_sub(1).filter(|&c| plain(c, ","))?;
    let last = comma.checked_sub(1)?;
    let (first, words, depth) = phrase_back(toks, comma, s);
    let opens = opens_subject(toks, first);
    (first <= last && depth == 0 && words > 0 && opens).then_some(Run {
        role: Role::Src,
        first,
        last,
    })
}

/// "…,” said the former mayor of Lyon, a critic of the plan.": after a
/// speech verb that follows a quotation, the speaker is the noun phrase
/// from the verb to the end of the sentence, appositions included, up to
/// a relative or participial clause (", who …", ", adding …"), a new
/// quotation or a time ("on Monday"); it opens with a capital or a
/// determiner and holds at most 15 words.
pub(super) fn inverted_speaker(tok: &Tokenized, v: usize) -> Option<(usize, usize)> {
    let toks = &tok.tokens;
    let s = toks.get(v)?.sent;
    let first = v + 1;
    let opens = toks.get(first).is_some_and(|t| {
        t.kind == TokKind::Word
            && !t.in_quote
            && t.sent == s
            && (t.cap || SUBJECT_OPENERS.contains(&t.lower.as_str()))
    });
    if !opens {
        return None;
    }
    let mut last = first;
    let mut words = 0;
    let mut k = first;
    while let Some(t) = toks.get(k).filter(|t| t.sent == s) {
        if t.in_quote {
            break;
        }
        if t.kind == TokKind::Word {
            if is_time_word(&t.lower) || CLAUSE_BOUNDARIES.contains(&t.lower.as_str()) {
                break;
            }
            if k > first && matches!(t.lower.as_str(), "on" | "in" | "at" | "during" | "after") {
                break;
            }
            words += 1;
            last = k;
        } else if t.lower == "," {
            let next = toks.get(k + 1);
            let clause = next.is_none_or(|n| {
                n.in_quote
                    || n.kind != TokKind::Word
                    || CLAUSE_BOUNDARIES.contains(&n.lower.as_str())
                    || (!n.cap && n.lower.ends_with("ing"))
                    || is_time_word(&n.lower)
            });
            if clause {
                break;
            }
        } else if t.lower == ")" {
            last = k;
        } else if !matches!(t.lower.as_str(), "(" | "-" | "'s" | "." | "&") {
            break;
        }
        k += 1;
    }
    (words <= 15).then_some((first, last))
}

/// "Ann Lee, speaking to reporters on Monday, said …", "Lee, whose term
/// ends in May, said …": a cue right after a comma-closed interruption
/// that opens with a relative word or an -ing form has for speaker the
/// noun phrase before the interruption; a source the tagger found inside
/// the interruption (a pronoun or an object there) or none at all gives
/// way to it.
pub(super) fn subject_before_interruption(
    tok: &Tokenized,
    src: Option<Run>,
    cue: Run,
) -> Option<Run> {
    let toks = &tok.tokens;
    // "Acme, a maker of robots, today announced": the day is no speaker.
    let day = |i: usize| toks.get(i).is_some_and(|t| is_time_word(&t.lower));
    let c = match cue.first.checked_sub(1) {
        Some(k) if day(k) => k,
        _ => cue.first,
    };
    let ct = toks.get(c)?;
    let s = ct.sent;
    let plain = |i: usize, w: &str| {
        toks.get(i)
            .is_some_and(|t| t.lower == w && !t.in_quote && t.sent == s)
    };
    let close = c.checked_sub(1).filter(|&k| plain(k, ","))?;
    // The comma that opens the interruption: the nearest one before.
    let open = (close.saturating_sub(30)..close)
        .rev()
        .find(|&k| plain(k, ","))?;
    let head = toks.get(open + 1)?;
    let opens_clause = head.kind == TokKind::Word
        && !head.in_quote
        && !head.cap
        && (matches!(head.lower.as_str(), "who" | "whose" | "which")
            || (head.lower.ends_with("ing") && head.lower.len() > 4)
            || (c < cue.first && matches!(head.lower.as_str(), "a" | "an" | "the")));
    if !opens_clause
        || (open + 1..close).any(|i| toks.get(i).is_none_or(|t| t.in_quote || t.sent != s))
    {
        return None;
    }
    // Only replace a missing source, one inside the interruption, or a day.
    let replaceable =
        |r: Run| (r.first > open && r.last < close) || (r.first == r.last && day(r.first));
    if src.is_some_and(|r| !replaceable(r)) {
        return None;
    }
    let last = open.checked_sub(1)?;
    let (first, words, depth) = phrase_back(toks, open, s);
    let opens = opens_subject(toks, first);
    (first <= last && depth == 0 && words > 0 && opens && !object_of_a_larger_phrase(tok, first))
        .then_some(Run {
            role: Role::Src,
            first,
            last,
        })
}

/// Whether token `k` is "asked" opening a reduced clause: at the start of
/// its sentence ("Asked whether …, she said") or after "when", "if",
/// "being", "once", "while", "after" ("when asked about …").
pub(super) fn asked_clause(tok: &Tokenized, k: usize) -> bool {
    let toks = &tok.tokens;
    let Some(t) = toks.get(k) else { return false };
    if t.in_quote || t.lower != "asked" {
        return false;
    }
    let prev = k.checked_sub(1).and_then(|p| toks.get(p));
    match prev {
        None => true,
        Some(p) if p.sent != t.sent || p.para != t.para => true,
        Some(p) => matches!(
            p.lower.as_str(),
            "when" | "if" | "being" | "once" | "while" | "after" | "whenever"
        ),
    }
}

/// The relative pronoun ("who", "which") that is the subject of the cue at
/// token `cue`: right before it in its sentence, past at most two
/// auxiliaries and adverbs ("who has long argued", "which later denied").
pub(super) fn relative_subject(tok: &Tokenized, cue: usize) -> Option<usize> {
    let toks = &tok.tokens;
    let s = toks.get(cue)?.sent;
    let mut k = cue;
    while k > 0 {
        let t = toks.get(k - 1)?;
        if t.sent != s || t.in_quote {
            return None;
        }
        let w = t.lower.as_str();
        if w == "who" || w == "which" {
            return Some(k - 1);
        }
        let skip = matches!(
            w,
            "has"
                | "have"
                | "had"
                | "is"
                | "was"
                | "are"
                | "were"
                | "would"
                | "will"
                | "also"
                | "later"
                | "then"
                | "previously"
                | "once"
                | "still"
                | "never"
                | "often"
                | "already"
                | "recently"
                | "now"
                | "'d"
                | "'s"
                | "'ve"
                | "just"
                | "long"
        ) || (w.ends_with("ly") && w.len() > 3);
        if !skip || cue - k >= 3 {
            return None;
        }
        k -= 1;
    }
    None
}

/// Where the words at the end of source `src` that belong to the verb
/// group of the cue after it begin: lowercase adverbs ("often",
/// "repeatedly", "almost universally"), auxiliaries and modals ("have",
/// "could"); `src.last + 1` when there are none. The first word of the
/// source always stays.
pub(super) fn verb_group_start(tok: &Tokenized, src: Run) -> usize {
    let toks = &tok.tokens;
    let mut k = src.last + 1;
    while k > src.first + 1 {
        let Some(t) = toks.get(k - 1) else { break };
        let w = t.lower.as_str();
        let adverb = !t.cap
            && w.ends_with("ly")
            && w.len() > 4
            && !matches!(w, "only" | "family" | "ally" | "italy" | "rally" | "supply");
        let aux = matches!(
            w,
            "has"
                | "have"
                | "had"
                | "could"
                | "would"
                | "will"
                | "can"
                | "may"
                | "might"
                | "should"
                | "must"
                | "also"
                | "often"
                | "later"
                | "further"
                | "still"
                | "never"
                | "again"
                | "then"
                | "now"
                | "first"
                | "once"
                | "already"
                | "even"
                | "did"
                | "does"
                | "do"
                | "not"
        );
        if t.in_quote || t.kind != TokKind::Word || !(adverb || aux) {
            break;
        }
        k -= 1;
    }
    k
}

/// "Ann Lee, the fire chief, said": before the cue at token `cue`, a comma,
/// an untagged apposition opening with "a", "an" or "the", a comma, and
/// an untagged run of capitalised words opening its clause (at most four,
/// after the sentence start or punctuation): the name and apposition.
pub(super) fn apposed_subject(tok: &Tokenized, tags: &[u8], cue: usize) -> Option<Run> {
    let toks = &tok.tokens;
    let s = toks.get(cue)?.sent;
    let free = |i: usize| {
        toks.get(i).is_some_and(|t| t.sent == s && !t.in_quote)
            && tags.get(i).copied().unwrap_or(0) == 0
    };
    let close = cue
        .checked_sub(1)
        .filter(|&c| free(c) && toks.get(c).is_some_and(|t| t.lower == ","))?;
    let open = (close.saturating_sub(16)..close)
        .rev()
        .find(|&i| toks.get(i).is_some_and(|t| t.lower == ","))?;
    let det = toks.get(open + 1)?;
    if !matches!(det.lower.as_str(), "a" | "an" | "the") || det.cap {
        return None;
    }
    if !(open + 1..close).all(|i| {
        free(i)
            && toks
                .get(i)
                .is_some_and(|t| t.kind == TokKind::Word || t.lower == "'s")
    }) {
        return None;
    }
    let mut first = open;
    while first > 0
        && open - first < 4
        && free(first - 1)
        && toks
            .get(first - 1)
            .is_some_and(|t| t.kind == TokKind::Word && (t.cap || t.lower == "'s"))
    {
        first -= 1;
    }
    let starts_clause = first == 0
        || toks
            .get(first - 1)
            .is_some_and(|t| t.sent != s || t.kind == TokKind::Punct);
    (first < open && starts_clause).then_some(Run {
        role: Role::Src,
        first,
        last: close - 1,
    })
}

/// "a 2014 study by | Harvard", "one of | the family's lawyers", "data
/// from | the census": where the noun phrase whose object starts at token
/// `k` begins, when the object follows "of", "by" or "from" and the phrase
/// before it is short (at most eight words back to punctuation, a clause
/// word or the sentence start), opens like a noun phrase and holds no
/// verb (no "-ed" word except a participle right before "by", no form of
/// "be", "have" or "do").
pub(super) fn noun_phrase_head(tok: &Tokenized, k: usize) -> Option<usize> {
    let toks = &tok.tokens;
    let prep = k.checked_sub(1)?;
    let p = toks.get(prep)?;
    if p.in_quote || !matches!(p.lower.as_str(), "of" | "by" | "from") {
        return None;
    }
    let first = phrase_start(tok, prep)?;
    if prep - first > 8 {
        return None;
    }
    let verb = (first..prep).any(|i| {
        toks.get(i).is_some_and(|t| {
            let w = t.lower.as_str();
            (w.ends_with("ed") && !(i + 1 == prep && p.lower == "by"))
                || matches!(
                    w,
                    "is" | "was"
                        | "are"
                        | "were"
                        | "be"
                        | "been"
                        | "has"
                        | "have"
                        | "had"
                        | "did"
                        | "does"
                        | "do"
                        | "took"
                        | "came"
                        | "sent"
                        | "spent"
                        | "made"
                        | "said"
                        | "told"
                        | "got"
                        | "went"
                        | "met"
                        | "led"
                        | "won"
                        | "ran"
                        | "put"
                        | "set"
                )
        })
    });
    (!verb).then_some(first)
}

/// "“…,” said Ann Lee, president of | the Port Authority. “…”": a source
/// right after a speech verb that follows a quotation, cut short by a
/// content the tagger started inside the speaker's phrase, runs to the end
/// of the phrase (`inverted_speaker`); the content loses those words.
pub(super) fn finish_inverted_speakers(tok: &Tokenized, drafts: &mut [Draft]) {
    let toks = &tok.tokens;
    for d in drafts.iter_mut() {
        let v = d.cue.first;
        let Some(r) = d.source else { continue };
        if d.cue.last != v || r.first != v + 1 {
            continue;
        }
        let after_quote = v
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(closes_quote);
        if !after_quote
            || !toks
                .get(v)
                .is_some_and(|t| CLOSING_VERBS.contains(&t.lower.as_str()))
        {
            continue;
        }
        let Some((_, l)) = inverted_speaker(tok, v) else {
            continue;
        };
        if l <= r.last {
            continue;
        }
        let swallowed = d.content.iter().any(|&(a, _)| a > r.last && a <= l);
        if !swallowed {
            continue;
        }
        let mut parts = Vec::with_capacity(d.content.len());
        for &(a, b) in &d.content {
            if a > r.last && a <= l {
                let mut a2 = l + 1;
                while a2 <= b
                    && toks
                        .get(a2)
                        .is_some_and(|t| t.kind == TokKind::Punct && !t.in_quote)
                {
                    a2 += 1;
                }
                if a2 <= b {
                    parts.push((a2, b));
                }
            } else {
                parts.push((a, b));
            }
        }
        d.content = parts;
        d.source = Some(Run { last: l, ..r });
    }
}

/// "Survival, Mr. Lee says, depends on readers", "The museum, she said,
/// honours them": a speech verb outside quotations set off by commas with
/// its speaker (one to four words after the first comma, a name, pronoun
/// or determiner first) says the clause after it (and, through the
/// parenthetical rule, the one before). When the tagger tagged the verb
/// as a cue but gave it no content, or left it in no role, it gets the
/// clause after it; a cue the tagger found inside that clause with no
/// source of its own or with the speaker as source is dropped.
pub(super) fn parenthetical_speech(tok: &Tokenized, tags: &[u8], drafts: &mut Vec<Draft>) {
    let toks = &tok.tokens;
    let mut new = Vec::new();
    let mut drop: Vec<usize> = Vec::new();
    for (v, t) in toks.iter().enumerate() {
        if t.in_quote
            || !matches!(
                t.lower.as_str(),
                "said"
                    | "says"
                    | "say"
                    | "added"
                    | "adds"
                    | "noted"
                    | "notes"
                    | "argued"
                    | "argues"
                    | "insisted"
                    | "insists"
                    | "wrote"
                    | "writes"
                    | "explained"
                    | "explains"
            )
        {
            continue;
        }
        let s = t.sent;
        let plain_comma = |i: usize| {
            toks.get(i)
                .is_some_and(|x| x.lower == "," && !x.in_quote && x.sent == s)
        };
        if !plain_comma(v + 1) {
            continue;
        }
        let Some(open) = (v.saturating_sub(5)..v).rev().find(|&i| plain_comma(i)) else {
            continue;
        };
        if open == 0 || open + 1 >= v {
            continue;
        }
        let subject_ok = (open + 1..v).all(|i| {
            toks.get(i)
                .is_some_and(|x| x.kind == TokKind::Word && !x.in_quote)
                && matches!(tags.get(i).copied().unwrap_or(0), 0 | B_SRC | I_SRC)
        }) && toks
            .get(open + 1)
            .is_some_and(|x| x.cap || SUBJECT_OPENERS.contains(&x.lower.as_str()));
        if !subject_ok {
            continue;
        }
        let mut end = v + 1;
        while toks.get(end + 1).is_some_and(|x| x.sent == s) {
            end += 1;
        }
        while end > v + 1
            && toks
                .get(end)
                .is_some_and(|x| x.kind == TokKind::Punct && !x.in_quote)
        {
            end -= 1;
        }
        if end <= v + 2 {
            continue;
        }
        let speaker = Run {
            role: Role::Src,
            first: open + 1,
            last: v - 1,
        };
        let own = drafts
            .iter()
            .position(|d| d.cue.first <= v && v <= d.cue.last);
        match own {
            Some(i)
                if drafts.get(i).is_some_and(|d| {
                    d.content.is_empty() && d.cue.first == v && d.cue.last == v
                }) =>
            {
                if let Some(d) = drafts.get_mut(i) {
                    d.content = vec![(v + 2, end)];
                    d.source = Some(speaker);
                    d.source_cost = 0;
                }
            }
            Some(_) => continue,
            None => {
                let held = drafts
                    .iter()
                    .any(|d| d.content.iter().any(|&(a, b)| a <= v && v <= b));
                if held {
                    continue;
                }
                new.push(Draft {
                    cue: Run {
                        role: Role::Cue,
                        first: v,
                        last: v,
                    },
                    source: Some(speaker),
                    source_cost: 0,
                    content: vec![(v + 2, end)],
                });
            }
        }
        for (j, d) in drafts.iter().enumerate() {
            let inside = d.cue.first > v + 1 && d.cue.first <= end;
            let src_ok = d.source.is_none_or(|r| r.first <= v && r.last < v);
            if inside && src_ok {
                drop.push(j);
            }
        }
    }
    let mut j = 0;
    drafts.retain(|_| {
        let keep = !drop.contains(&j);
        j += 1;
        keep
    });
    drafts.extend(new);
}

/// "Derek Holt, 74, who drove buses …, said": a source the tagger started at
/// an age set off after a name is the name with its age.
pub(super) fn name_before_age(tok: &Tokenized, src: Run) -> Option<Run> {
    let toks = &tok.tokens;
    let age = toks.get(src.first)?;
    let is_age = age.kind == TokKind::Word
        && (1..=3).contains(&age.lower.len())
        && age.lower.bytes().all(|b| b.is_ascii_digit());
    let comma = src.first.checked_sub(1)?;
    if !is_age || toks.get(comma).is_none_or(|t| t.lower != "," || t.in_quote) {
        return None;
    }
    let (first, words, depth) = phrase_back(toks, comma, age.sent);
    let named = toks.get(first).is_some_and(|t| t.cap && !t.in_quote);
    (first < comma && words > 0 && words <= 4 && depth == 0 && named).then_some(Run {
        role: Role::Src,
        first,
        last: src.first,
    })
}

/// The words of sentence `sent` right before token `end`, read backwards up
/// to punctuation, a quotation, a clause word or ten words (a parenthesis
/// is skipped whole): (first token, words read, parentheses left open).
fn phrase_back(toks: &[crate::tokenize::Token], end: usize, sent: u32) -> (usize, usize, usize) {
    let mut first = end;
    let mut words = 0;
    let mut depth = 0usize;
    while first > 0 && words < 10 {
        let Some(t) = toks.get(first - 1) else { break };
        if t.sent != sent || t.in_quote {
            break;
        }
        match t.lower.as_str() {
            ")" => depth += 1,
            "(" if depth > 0 => depth -= 1,
            _ if depth > 0 => {}
            w if t.kind != TokKind::Word && w != "'s" => break,
            w if CLAUSE_BOUNDARIES.contains(&w) => break,
            _ => words += 1,
        }
        first -= 1;
    }
    (first, words, depth)
}

/// Whether the token at `first` can open a subject: a capitalised word or
/// a subject opener ("the", "a", …).
fn opens_subject(toks: &[crate::tokenize::Token], first: usize) -> bool {
    toks.get(first).is_some_and(|t| {
        t.kind == TokKind::Word && (t.cap || SUBJECT_OPENERS.contains(&t.lower.as_str()))
    })
}
