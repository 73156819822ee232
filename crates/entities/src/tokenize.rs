//! A fast tokenizer and sentence splitter for news text, working in byte
//! offsets.
//!
//! Tokens follow CoNLL-2003's (Penn-style) conventions closely enough for the
//! tagger: punctuation is split off, a possessive `'s` (or `’s`) and `n't`
//! become their own tokens, abbreviations such as `U.S.`, `Mr.` and `Inc.` keep
//! their periods, and hyphenated words, numbers (`1,000.5`, `1996-08-22`) and
//! tokens such as `5G` or `T-Mobile` stay whole. Sentences end at `.`, `!` or
//! `?` followed by something that can start a sentence, and at every line
//! break (scraped text puts headlines, bylines and captions on their own
//! lines).

use std::ops::Range;

/// Abbreviations that keep their final period (compared case-insensitively,
/// without the period).
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "mt", "ft", "gen", "sen", "rep", "gov",
    "lt", "col", "capt", "cpt", "sgt", "maj", "adm", "cmdr", "gov", "pres", "rev", "hon", "inc",
    "corp", "ltd", "co", "plc", "bros", "vs", "jan", "feb", "mar", "apr", "jun", "jul", "aug",
    "sep", "sept", "oct", "nov", "dec", "etc", "approx", "dept", "univ", "assn", "ave", "blvd",
    "rd", "fig", "est", "vol", "op", "e.g", "i.e", "a.m", "p.m",
];

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_apostrophe(c: char) -> bool {
    c == '\'' || c == '’'
}

/// Splits `text` into tokens; returns their byte ranges in order.
pub fn tokenize(text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::with_capacity(text.len() / 5 + 4);
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            i += 1;
            continue;
        }
        // Find the end of the whitespace-delimited chunk.
        let mut j = i;
        while j < bytes.len() {
            let c = bytes[j];
            if c.is_ascii_whitespace() {
                break;
            }
            if c >= 0x80 {
                // Non-ASCII whitespace (no-break space and friends).
                let ch = text[j..].chars().next().unwrap_or(' ');
                if ch.is_whitespace() {
                    break;
                }
                j += ch.len_utf8();
            } else {
                j += 1;
            }
        }
        split_chunk(text, i, j, &mut out);
        i = j;
        // Skip a non-ASCII whitespace char that ended the chunk.
        if i < bytes.len() && bytes[i] >= 0x80 {
            if let Some(ch) = text[i..].chars().next() {
                if ch.is_whitespace() {
                    i += ch.len_utf8();
                }
            }
        }
    }
    out
}

/// Splits one whitespace-free chunk `text[start..end]` into tokens.
fn split_chunk(text: &str, start: usize, end: usize, out: &mut Vec<Range<usize>>) {
    if start >= end {
        return;
    }
    let chunk = &text[start..end];
    // Fast path: a plain alphanumeric ASCII word.
    if chunk.bytes().all(|b| b.is_ascii_alphanumeric()) {
        out.push(start..end);
        return;
    }
    let mut pos = start;
    let mut iter = chunk.char_indices().peekable();
    while let Some((off, c)) = iter.next() {
        let at = start + off;
        if at < pos {
            continue;
        }
        if is_word_char(c) {
            // A word: alphanumerics joined by inner '-', '.', ',', '&', '/', '@', apostrophes.
            let mut e = at + c.len_utf8();
            loop {
                let rest = &text[e..end];
                let mut ch = rest.chars();
                match ch.next() {
                    Some(n) if is_word_char(n) => e += n.len_utf8(),
                    Some(n)
                        if matches!(n, '-' | '.' | ',' | '&' | '/' | '@' | '_')
                            || is_apostrophe(n) =>
                    {
                        match ch.next() {
                            Some(m) if is_word_char(m) => {
                                // ',' joins digits only ("1,000"); apostrophes
                                // never join "'s"/"'t" (split below).
                                let prev_digit = text[..e]
                                    .chars()
                                    .next_back()
                                    .is_some_and(|p| p.is_ascii_digit());
                                if n == ',' && !(prev_digit && m.is_ascii_digit()) {
                                    break;
                                }
                                if is_apostrophe(n) {
                                    let tail = &text[e + n.len_utf8()..end];
                                    let lower_tail: String =
                                        tail.chars().take(3).collect::<String>().to_lowercase();
                                    let stop = lower_tail == "s"
                                        || lower_tail.starts_with("s")
                                            && !tail.chars().nth(1).is_some_and(is_word_char)
                                        || lower_tail.starts_with("ll")
                                        || lower_tail.starts_with("re")
                                        || lower_tail.starts_with("ve")
                                        || lower_tail == "d"
                                        || lower_tail == "m"
                                        || lower_tail.starts_with('t')
                                            && text[..e].ends_with(['n', 'N']);
                                    if stop {
                                        break;
                                    }
                                }
                                e += n.len_utf8() + m.len_utf8();
                            }
                            _ => break,
                        }
                    }
                    _ => break,
                }
            }
            // "n't": split "don't" into "do" + "n't".
            let word = &text[at..e];
            let next_is_apos_t = text[e..end]
                .strip_prefix(['\'', '’'])
                .or_else(|| text[e..end].strip_prefix('’'))
                .is_some_and(|r| r.starts_with(['t', 'T']));
            let mut word_end = e;
            if next_is_apos_t && (word.ends_with('n') || word.ends_with('N')) && word.len() > 1 {
                word_end = e - 1;
            }
            // Trailing period: keep it for abbreviations.
            let after = &text[word_end..end];
            if after.starts_with('.') && word_end == e {
                let w = &text[at..e];
                if is_abbreviation(w) {
                    word_end = e + 1;
                    e += 1;
                }
            }
            out.push(at..word_end);
            pos = e;
            if word_end < e {
                // The "n" of "n't" starts the next token.
                let apos_len = text[e..].chars().next().map_or(1, char::len_utf8);
                let t_len = 1;
                out.push(word_end..e + apos_len + t_len);
                pos = e + apos_len + t_len;
            }
        } else if is_apostrophe(c) {
            // Possessive or clitic: "'s", "'re", "'ll", "'ve", "'d", "'m", "'t".
            let rest = &text[at + c.len_utf8()..end];
            let clitic = [
                "s", "re", "ll", "ve", "d", "m", "S", "RE", "LL", "VE", "D", "M",
            ]
            .iter()
            .find(|k| {
                rest.starts_with(**k) && !rest[k.len()..].chars().next().is_some_and(is_word_char)
            });
            let e = match clitic {
                Some(k) if at > start => at + c.len_utf8() + k.len(),
                _ => at + c.len_utf8(),
            };
            out.push(at..e);
            pos = e;
        } else {
            // Punctuation: runs of the same char ("--", "...") stay together.
            let mut e = at + c.len_utf8();
            while let Some(&(o2, c2)) = iter.peek() {
                if c2 == c && (c == '.' || c == '-' || c == '=' || c == '*') {
                    e = start + o2 + c2.len_utf8();
                    iter.next();
                } else {
                    break;
                }
            }
            out.push(at..e);
            pos = e;
        }
    }
}

/// True for `U.S`, `e.g`, single letters and listed abbreviations (the
/// period is checked by the caller).
fn is_abbreviation(w: &str) -> bool {
    let mut chars = w.chars();
    let first = chars.next();
    // Initials: "J" in "J. Smith", "U.S", "U.K".
    if w.chars().count() == 1 && first.is_some_and(char::is_uppercase) {
        return true;
    }
    if w.contains('.')
        && w.split('.')
            .all(|p| p.chars().count() <= 2 && !p.is_empty())
    {
        return true;
    }
    if w.len() > 6 {
        return false;
    }
    let lower = w.to_ascii_lowercase();
    ABBREVIATIONS.contains(&lower.as_str())
}

/// Groups tokens into sentences; returns ranges of token indices.
///
/// A sentence ends after `.`, `!`, `?` (or an abbreviation-free token ending
/// in a period) when the next token starts with an uppercase letter, a digit
/// or a quote, and at every line break.
pub fn sentences(text: &str, tokens: &[Range<usize>]) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut s = 0;
    for i in 0..tokens.len() {
        let Some(next) = tokens.get(i + 1) else {
            break;
        };
        let cur = &tokens[i];
        let gap = text.get(cur.end..next.start).unwrap_or("");
        let newline = gap.contains('\n');
        let tok = text.get(cur.clone()).unwrap_or("");
        let ends = matches!(tok, "." | "!" | "?" | "..." | "…");
        let next_tok = text.get(next.clone()).unwrap_or("");
        let starts = next_tok
            .chars()
            .next()
            .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit() || "\"“‘'(".contains(c));
        // A closing quote after the period belongs to the sentence; a
        // straight quote is closing when it touches the period ("No."),
        // opening after a space (`checks. "We …`).
        let closing_quote_follows = ends
            && (matches!(next_tok, "”" | "’" | ")")
                || (matches!(next_tok, "\"" | "'") && gap.is_empty()));
        // A sentence that ends in a quotation ends after the closing quote:
        // `… too fast." Berg said`.
        let after_quote = matches!(tok, "\"" | "”" | "’" | "'")
            && i > 0
            && tokens
                .get(i - 1)
                .and_then(|p| text.get(p.clone()))
                .is_some_and(|p| matches!(p, "." | "!" | "?" | "…"))
            && tokens.get(i - 1).is_some_and(|p| p.end == cur.start)
            && next_tok.starts_with(char::is_uppercase);
        if newline
            || (ends && starts && !closing_quote_follows && !gap.is_empty())
            || (after_quote && !gap.is_empty())
        {
            out.push(s..i + 1);
            s = i + 1;
        }
    }
    if s < tokens.len() {
        out.push(s..tokens.len());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(t: &str) -> Vec<&str> {
        tokenize(t).into_iter().map(|r| &t[r]).collect()
    }

    #[test]
    fn splits_punctuation_and_possessives() {
        assert_eq!(
            toks("Huawei's CFO, Ms. Meng, said: \"No.\""),
            vec![
                "Huawei", "'s", "CFO", ",", "Ms.", "Meng", ",", "said", ":", "\"", "No", ".", "\""
            ]
        );
        assert_eq!(toks("Acme’s chief"), vec!["Acme", "’s", "chief"]);
        assert_eq!(toks("They don't know"), vec!["They", "do", "n't", "know"]);
    }

    #[test]
    fn keeps_abbreviations_numbers_and_hyphens() {
        assert_eq!(
            toks("The U.S. paid $1,250.50 to T-Mobile on 2019-02-19 for 5G."),
            vec![
                "The",
                "U.S.",
                "paid",
                "$",
                "1,250.50",
                "to",
                "T-Mobile",
                "on",
                "2019-02-19",
                "for",
                "5G",
                "."
            ]
        );
        assert_eq!(toks("Acme Inc. rose"), vec!["Acme", "Inc.", "rose"]);
        assert_eq!(toks("(NCSC)"), vec!["(", "NCSC", ")"]);
    }

    #[test]
    fn byte_offsets_survive_unicode() {
        let t = "Zoë Brandt’s “plan” — done";
        let r = tokenize(t);
        let words: Vec<&str> = r.iter().map(|x| &t[x.clone()]).collect();
        assert_eq!(
            words,
            vec!["Zoë", "Brandt", "’s", "“", "plan", "”", "—", "done"]
        );
    }

    proptest::proptest! {
        #[test]
        fn tokens_are_ordered_char_aligned_and_non_empty(s in "\\PC{0,80}") {
            let toks = tokenize(&s);
            let mut last = 0;
            for t in &toks {
                proptest::prop_assert!(t.start < t.end && t.start >= last);
                proptest::prop_assert!(s.is_char_boundary(t.start) && s.is_char_boundary(t.end));
                proptest::prop_assert!(!s[t.clone()].trim().is_empty());
                last = t.end;
            }
            let ss = sentences(&s, &toks);
            let covered: usize = ss.iter().map(|r| r.len()).sum();
            proptest::prop_assert_eq!(covered, toks.len());
        }
    }

    #[test]
    fn sentence_breaks_at_periods_and_lines() {
        let t = "Rain fell in Oslo. The mayor spoke.\nPhoto caption here\nMr. Berg left.";
        let tk = tokenize(t);
        let ss = sentences(t, &tk);
        let firsts: Vec<&str> = ss.iter().map(|s| &t[tk[s.start].clone()]).collect();
        assert_eq!(firsts, vec!["Rain", "The", "Photo", "Mr."]);
    }

    #[test]
    fn sentence_breaks_around_quotations() {
        let t = "Prices rose. \"We grew too fast,\" Berg said. \"No.\" Then she left. \
                 He said \"yes.\" so they went.";
        let tk = tokenize(t);
        let ss = sentences(t, &tk);
        let firsts: Vec<&str> = ss.iter().map(|s| &t[tk[s.start].clone()]).collect();
        assert_eq!(firsts, vec!["Prices", "\"", "\"", "Then", "He"]);
    }
}
