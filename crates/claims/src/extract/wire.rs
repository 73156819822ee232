//! The two shapes of attribution that carry most wire copy, read by rule
//! over the tagger's tags:
//!
//! * "Northwind will cut 300 jobs in Leeds, its chief executive said on
//!   Monday." — a clause, a comma, a short noun phrase and a speech verb
//!   closing the sentence: the clause is the content, the phrase the source;
//! * "Northwind said on Monday it would cut 300 jobs." — a short noun phrase
//!   opening the sentence, a speech verb, an optional time, and the clause
//!   after it: the phrase is the source, the clause the content, the time
//!   neither.
//!
//! The tagger, trained on long political articles, often mislabels these
//! when they stand alone (a short clause after "said" read as an inverted
//! source, "on Monday" as part of the cue). Only sentences with no
//! quotation marks are read here; quotations have their own rules.

use super::words::{is_month, is_time_word};
use crate::features::LexInfo;
use crate::model::{B_CON, B_CUE, B_SRC, I_CON, I_CUE, I_SRC, O};
use crate::tokenize::{TokKind, Tokenized};

/// Speech verbs that close a sentence ("…, police said.").
fn closes_sentence(w: &str) -> bool {
    takes_clause(w)
        || matches!(
            w,
            "told" | "reported" | "announced" | "wrote" | "tweeted" | "replied" | "responded"
        )
}

/// Speech verbs followed directly by what was said ("X said sales rose").
fn takes_clause(w: &str) -> bool {
    matches!(
        w,
        "said"
            | "says"
            | "say"
            | "added"
            | "adds"
            | "warned"
            | "warns"
            | "noted"
            | "stated"
            | "explained"
            | "confirmed"
            | "insisted"
            | "argued"
            | "claimed"
            | "claims"
            | "predicted"
            | "estimated"
            | "acknowledged"
            | "admitted"
            | "conceded"
            | "cautioned"
            | "complained"
            | "countered"
            | "suggested"
            | "denied"
            | "denies"
    )
}

/// Words that cannot open a clause that is itself what was said, nor a
/// source: prepositions and subordinators ("After the vote, officials
/// said.").
fn opens_adjunct(w: &str) -> bool {
    matches!(
        w,
        "after"
            | "before"
            | "when"
            | "while"
            | "if"
            | "as"
            | "although"
            | "though"
            | "because"
            | "since"
            | "despite"
            | "during"
            | "in"
            | "on"
            | "at"
            | "for"
            | "with"
            | "by"
            | "from"
            | "following"
            | "asked"
            | "speaking"
            | "according"
            | "unless"
            | "until"
            | "once"
            | "under"
            | "amid"
            | "over"
            | "to"
            | "of"
            | "about"
            | "where"
            | "why"
            | "how"
            | "what"
            | "whether"
            | "and"
            | "but"
            | "or"
            | "so"
            | "then"
            | "meanwhile"
            | "however"
    )
}

/// Words that make a stretch a clause rather than a noun phrase.
fn breaks_phrase(w: &str) -> bool {
    matches!(
        w,
        "that" | "which" | "who" | "whom" | "whose" | "where" | "when" | "if" | "because" | "while"
    ) || closes_sentence(w)
        || is_auxiliary(w)
}

/// Auxiliaries: inside a source they make it a clause ("The plant was
/// announced"); right before the verb they belong to the cue ("the company
/// has said").
fn is_auxiliary(w: &str) -> bool {
    super::words::is_auxiliary(w) || matches!(w, "do" | "does" | "did")
}

/// Start of the cue ending at verb `v`: the auxiliaries right before it
/// ("has | said" → "has said").
fn cue_start(tok: &Tokenized, v: usize) -> usize {
    let mut k = v;
    while k > 0
        && v - k < 2
        && tok
            .tokens
            .get(k - 1)
            .is_some_and(|t| matches!(t.lower.as_str(), "has" | "have" | "had"))
    {
        k -= 1;
    }
    k
}

/// Whether the tagger found a cue-like word's cue inside `a..=b`: a nested
/// attribution ("Surveys have found that …, the authority said") that the
/// rewrite would erase.
fn inner_cue(tags: &[u8], li: &LexInfo, a: usize, b: usize) -> bool {
    (a..=b).any(|k| {
        matches!(tags.get(k), Some(&B_CUE) | Some(&I_CUE))
            && li.word.get(k).is_some_and(|&x| x >= 4)
    })
}

/// Length of the time phrase starting at token `i` ("on Monday", "Monday
/// night", "yesterday", "last week", "earlier this month"), 0 if none.
fn time_phrase(tok: &Tokenized, i: usize) -> usize {
    let w = |k: usize| tok.tokens.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    let day_part = |k: usize| matches!(w(k), "morning" | "afternoon" | "evening" | "night");
    let mut k = i;
    if w(k) == "on" {
        k += 1;
    }
    if is_time_word(w(k)) {
        k += 1;
        if day_part(k) {
            k += 1;
        }
        return k - i;
    }
    if is_month(w(k))
        && tok
            .tokens
            .get(k + 1)
            .is_some_and(|t| t.lower.bytes().all(|b| b.is_ascii_digit()))
    {
        return k + 2 - i;
    }
    if k > i {
        return 0; // "on" without a day
    }
    if matches!(w(k), "earlier" | "later") {
        k += 1;
    }
    if matches!(w(k), "last" | "this" | "next")
        && matches!(
            w(k + 1),
            "week" | "month" | "year" | "night" | "weekend" | "morning"
        )
    {
        k += 2;
    }
    if k == i + 1 && !matches!(w(i), "earlier" | "later") {
        return 0;
    }
    k - i
}

/// Rewrites the tags of wire-style attributions (see the module doc).
pub(super) fn wire_attributions(tok: &Tokenized, li: &LexInfo, tags: &mut [u8]) {
    let toks = &tok.tokens;
    let n = toks.len().min(tags.len());
    let mut s = 0;
    while s < n {
        let mut e = s;
        while e + 1 < n && toks.get(e + 1).is_some_and(|t| t.sent == toks[s].sent) {
            e += 1;
        }
        let quoted = toks.get(s..=e).is_some_and(|ts| {
            ts.iter()
                .any(|t| t.in_quote || t.kind != TokKind::Word && t.kind != TokKind::Punct)
        });
        if !quoted && !sentence_final(tok, li, tags, s, e) {
            sentence_initial(tok, li, tags, s, e);
        } else if quoted {
            colon_quote(tok, tags, s, e);
        }
        s = e + 1;
    }
}

fn set(tags: &mut [u8], a: usize, b: usize, first: u8, rest: u8) {
    for k in a..=b {
        if let Some(t) = tags.get_mut(k) {
            *t = if k == a { first } else { rest };
        }
    }
}

/// First and last word of sentence `s..=e` without its edge punctuation.
fn trimmed(tok: &Tokenized, s: usize, e: usize) -> Option<(usize, usize)> {
    let word = |k: usize| tok.tokens.get(k).is_some_and(|t| t.kind == TokKind::Word);
    let a = (s..=e).find(|&k| word(k))?;
    let b = (a..=e).rev().find(|&k| word(k))?;
    Some((a, b))
}

/// A short noun phrase: one to seven words, no comma, no clause word, not
/// opened by a preposition or subordinator.
fn noun_phrase(tok: &Tokenized, a: usize, b: usize) -> bool {
    if b < a || b - a >= 7 {
        return false;
    }
    let Some(ts) = tok.tokens.get(a..=b) else {
        return false;
    };
    ts.first().is_some_and(|t| !opens_adjunct(&t.lower))
        && ts.iter().all(|t| {
            (t.kind == TokKind::Word || matches!(t.lower.as_str(), "'s" | "’s" | "-" | "&"))
                && !breaks_phrase(&t.lower)
        })
}

/// "CLAUSE, SOURCE said [tail]." Returns whether it matched.
fn sentence_final(tok: &Tokenized, li: &LexInfo, tags: &mut [u8], s: usize, e: usize) -> bool {
    let toks = &tok.tokens;
    let Some((a, b)) = trimmed(tok, s, e) else {
        return false;
    };
    let w = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    // The speech verb: the last one, with at most eight tokens of tail
    // (no comma, no "that") after it.
    let Some(v) = (a..=b).rev().take(9).find(|&k| closes_sentence(w(k))) else {
        return false;
    };
    if (v + 1..=b).any(|k| matches!(w(k), "," | "that" | ";" | ":")) {
        return false;
    }
    // The tail says when, where or to whom ("on Monday", "in a statement",
    // "told reporters"), never what: "Earlier this year, the company said
    // it would cut jobs" has its content after the verb.
    let tail_ok = v == b
        || time_phrase(tok, v + 1) > 0
        || matches!(
            w(v + 1),
            "in" | "on" | "at" | "late" | "earlier" | "during" | "via" | "through" | "from"
        )
        || (matches!(w(v), "told") && b - v <= 3);
    if !tail_ok {
        return false;
    }
    let Some(c) = (a..v).rev().find(|&k| w(k) == ",") else {
        return false;
    };
    let cs = cue_start(tok, v);
    if cs <= c + 1 || !noun_phrase(tok, c + 1, cs - 1) || c < a + 3 {
        return false;
    }
    let clause_words = (a..c).filter(|&k| toks.get(k).is_some_and(|t| t.kind == TokKind::Word));
    if clause_words.count() < 3
        || opens_adjunct(w(a))
        || (a..c).any(|k| closes_sentence(w(k)))
        || inner_cue(tags, li, a, c)
    {
        return false;
    }
    let cue_tagged = matches!(tags.get(v), Some(&B_CUE) | Some(&I_CUE));
    if cue_tagged && tags.get(a) == Some(&B_CON) && tags.get(c + 1) == Some(&B_SRC) {
        return true; // the tagger read it right: its boundaries stand
    }
    set(tags, a, c - 1, B_CON, I_CON);
    set(tags, c, c, O, O);
    set(tags, c + 1, cs - 1, B_SRC, I_SRC);
    set(tags, cs, v, B_CUE, I_CUE);
    set(tags, v + 1, e, O, O);
    true
}

/// "SOURCE said [time]: "QUOTE"", when the tagger did not see the verb as
/// a cue: the phrase is the source, the quotation the content.
fn colon_quote(tok: &Tokenized, tags: &mut [u8], s: usize, e: usize) {
    let toks = &tok.tokens;
    let w = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    let Some((a, _)) = trimmed(tok, s, e) else {
        return;
    };
    if toks.get(a).is_some_and(|t| t.in_quote) {
        return;
    }
    let Some(v) = (a + 1..=e.min(a + 7)).find(|&k| closes_sentence(w(k))) else {
        return;
    };
    let colon = v + 1 + time_phrase(tok, v + 1);
    let Some(q) = toks.get(colon + 1).and_then(|t| t.quote_id) else {
        return;
    };
    let Some(region) = tok.quotes.get(q as usize) else {
        return;
    };
    let cs = cue_start(tok, v);
    if w(colon) != ":"
        || region.first != colon + 1
        || cs <= a
        || !noun_phrase(tok, a, cs - 1)
        || matches!(tags.get(v), Some(&B_CUE) | Some(&I_CUE))
    {
        return;
    }
    let last = region.last.min(e);
    set(tags, a, cs - 1, B_SRC, I_SRC);
    set(tags, cs, v, B_CUE, I_CUE);
    set(tags, v + 1, colon, O, O);
    set(tags, colon + 1, last, B_CON, I_CON);
}

/// "SOURCE said [time] [that] CLAUSE."
fn sentence_initial(tok: &Tokenized, li: &LexInfo, tags: &mut [u8], s: usize, e: usize) {
    let toks = &tok.tokens;
    let Some((a, b)) = trimmed(tok, s, e) else {
        return;
    };
    let w = |k: usize| toks.get(k).map(|t| t.lower.as_str()).unwrap_or("");
    let Some(v) = (a + 1..=b.min(a + 7)).find(|&k| takes_clause(w(k))) else {
        return;
    };
    let cs = cue_start(tok, v);
    if cs <= a || !noun_phrase(tok, a, cs - 1) {
        return;
    }
    let mut c0 = v + 1 + time_phrase(tok, v + 1);
    // "said Monday's vote …", "said May 5 was the deadline", "said this
    // week would be decisive": the time belongs to what was said.
    if c0 > v + 1 && (matches!(w(c0), "'s" | "’s") || is_auxiliary(w(c0))) {
        c0 = v + 1;
    }
    let word_first = toks.get(c0).is_some_and(|t| t.kind == TokKind::Word);
    if c0 > b || !word_first || opens_adjunct(w(c0)) {
        return;
    }
    let words = (c0..=b)
        .filter(|&k| toks.get(k).is_some_and(|t| t.kind == TokKind::Word))
        .count();
    if words < 2 || (c0..=b).any(|k| closes_sentence(w(k))) || inner_cue(tags, li, c0, b) {
        return;
    }
    let cue_tagged = matches!(tags.get(v), Some(&B_CUE) | Some(&I_CUE));
    if cue_tagged && tags.get(c0) == Some(&B_CON) {
        return; // the tagger read it right: its boundaries stand
    }
    set(tags, a, cs - 1, B_SRC, I_SRC);
    set(tags, cs, v, B_CUE, I_CUE);
    if c0 > v + 1 {
        set(tags, v + 1, c0 - 1, O, O);
    }
    set(tags, c0, b, B_CON, I_CON);
    set(tags, b + 1, e, O, O);
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::tokenize;

    /// The source, cue and content read off the rewritten tags of `text`
    /// when the tagger tagged `wrong` (every token) before the rule.
    fn roles(text: &str, wrong: u8) -> (String, String, String) {
        let tok = tokenize(text, &[]);
        let mut tags = vec![wrong; tok.tokens.len()];
        wire_attributions(&tok, &LexInfo::default(), &mut tags);
        let mut out = [String::new(), String::new(), String::new()];
        for (t, &g) in tok.tokens.iter().zip(&tags) {
            let slot = match g {
                B_SRC | I_SRC => 0,
                B_CUE | I_CUE => 1,
                B_CON | I_CON => 2,
                _ => continue,
            };
            if !out[slot].is_empty() {
                out[slot].push(' ');
            }
            out[slot].push_str(&text[t.start..t.end]);
        }
        let [a, b, c] = out;
        (a, b, c)
    }

    fn r(s: &str, c: &str, t: &str) -> (String, String, String) {
        (s.into(), c.into(), t.into())
    }

    #[test]
    fn a_clause_closed_by_its_speaker_is_the_content() {
        assert_eq!(
            roles(
                "Ferry crossings will stop for a week, the harbour master said on Tuesday.",
                O
            ),
            r(
                "the harbour master",
                "said",
                "Ferry crossings will stop for a week"
            )
        );
        // The tagger had made the subject a source and the verb a cue.
        assert_eq!(
            roles("The bakery opened two shops in Perth, police said.", B_SRC),
            r("police", "said", "The bakery opened two shops in Perth")
        );
    }

    #[test]
    fn a_speaker_opening_the_sentence_says_the_clause_after_the_verb() {
        assert_eq!(
            roles("Ana Ruiz said rents had doubled.", O),
            r("Ana Ruiz", "said", "rents had doubled")
        );
        // A time after the verb is neither cue nor content.
        assert_eq!(
            roles(
                "The council said on Friday it would hire 40 wardens.",
                I_CON
            ),
            r("The council", "said", "it would hire 40 wardens")
        );
        assert_eq!(
            roles("Kestrel Air said Tuesday that fares would rise.", O),
            r("Kestrel Air", "said", "that fares would rise")
        );
    }

    #[test]
    fn adjuncts_quotations_and_nested_speech_are_left_to_the_tagger() {
        let untouched = |text: &str| {
            let tok = tokenize(text, &[]);
            let mut tags = vec![O; tok.tokens.len()];
            wire_attributions(&tok, &LexInfo::default(), &mut tags);
            tags.iter().all(|&t| t == O)
        };
        assert!(untouched("After the vote on the budget, officials said."));
        assert!(untouched("“We will reopen the line,” the operator said."));
        assert!(untouched("The mayor said the union said no."));
        assert!(untouched(
            "Rents rose, which the tenants who said so disputed."
        ));
        assert!(untouched("In March, the mayor said."));
        // A fronted adjunct is no content; what was said follows the verb.
        assert!(untouched(
            "Earlier this year, the firm said it would cut jobs."
        ));
        assert!(untouched(
            "Late on Friday, the council said it would appeal."
        ));
        assert!(untouched(
            "Sales fell 10 percent, the firm announced a new plan."
        ));
        assert!(untouched("The spokeswoman said: we will appeal."));
        // A passive is no speaker: "was" is not a noun phrase.
        assert!(untouched(
            "The depot, near the docks, was announced in May."
        ));
    }

    #[test]
    fn a_time_that_opens_what_was_said_stays_in_it() {
        assert_eq!(
            roles("Officials said Monday's vote would be delayed.", O),
            r("Officials", "said", "Monday 's vote would be delayed")
        );
        assert_eq!(
            roles("Ana Ruiz said this week would be decisive.", O),
            r("Ana Ruiz", "said", "this week would be decisive")
        );
    }

    #[test]
    fn a_quotation_after_a_speaker_and_a_colon_is_the_content() {
        assert_eq!(
            roles(
                "The minister said on Monday: \"We will not back down.\"",
                I_CON
            ),
            r("The minister", "said", "\" We will not back down . \"")
        );
    }

    #[test]
    fn an_auxiliary_before_the_verb_joins_the_cue() {
        assert_eq!(
            roles("Fares will rise in spring, the operator has said.", O),
            r("the operator", "has said", "Fares will rise in spring")
        );
    }

    #[test]
    fn a_nested_attribution_the_tagger_found_is_kept() {
        let text = "Divers have found that half the reef is bleached, the agency said.";
        let tok = tokenize(text, &[]);
        let n = tok.tokens.len();
        let found = tok
            .tokens
            .iter()
            .position(|t| t.lower == "found")
            .unwrap_or(0);
        let mut tags = vec![O; n];
        tags[found] = B_CUE;
        let li = LexInfo {
            word: (0..n).map(|k| if k == found { 4 } else { 0 }).collect(),
            phrase: vec![(0, false); n],
        };
        let before = tags.clone();
        wire_attributions(&tok, &li, &mut tags);
        assert_eq!(tags, before);
    }
}
