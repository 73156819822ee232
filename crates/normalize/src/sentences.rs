//! Sentence segmentation of normalized text.
//!
//! Rules, in order:
//!
//! * every line break ends a sentence (the normalizer keeps a line break only
//!   where the source had a real one: a headline, a list item, a byline; it
//!   folds hard-wrapped lines into spaces), and a blank line also starts a new
//!   paragraph;
//! * inside a line, a sentence ends after `.`, `!`, `?` or an ellipsis, plus
//!   any closing quotes and brackets, when whitespace and then an uppercase
//!   letter, a digit or an opening quote follow;
//! * except after abbreviations: titles (`Mr.`, `Dr.`, `Gen.`, `Sen.` …) never
//!   end a sentence; words that may (`Inc.`, `Corp.`, `Ltd.`, `St.`, months,
//!   `No.`, initials like `L.` and initialisms like `U.S.`) end one only when
//!   the next word is a common sentence opener (`The`, `He`, `But` …);
//! * and not when a closing quote is followed by a name and a speech verb
//!   (`"Why?" Smith asked.`).
//!
//! Decimals (`3.5`) never split because no whitespace follows the period.
//! The scan is linear: look-behind and look-ahead are capped at a few dozen
//! bytes.

use std::ops::Range;

/// Titles and other abbreviations that never end a sentence.
const NEVER_FINAL: &[&str] = &[
    "Mr", "Mrs", "Ms", "Mx", "Dr", "Prof", "Gen", "Col", "Lt", "Sgt", "Capt", "Cmdr", "Cdr", "Adm",
    "Maj", "Brig", "Rep", "Reps", "Sen", "Sens", "Gov", "Rev", "Fr", "Hon", "Pres", "Supt", "Det",
    "Insp", "Cpl", "Pvt", "Atty", "Messrs", "Mme", "Mlle", "Mt", "Ft", "vs", "Vs", "cf", "ca",
    "Amb", "Sec", "Gov't", "Lt.Col", "Rt", "Hon'ble", "Sr", "Jr", "Nr", "Vol", "Fig", "fig", "pp",
    "Art", "Ch", "Eq", "Ref", "Op",
];

/// Abbreviations that end a sentence only before a common sentence opener.
const MAYBE_FINAL: &[&str] = &[
    "Inc", "Corp", "Ltd", "Co", "Bros", "Plc", "PLC", "LLC", "St", "Ave", "Blvd", "Rd", "Jan",
    "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mon", "Tue",
    "Tues", "Wed", "Thu", "Thur", "Thurs", "Fri", "Sat", "Sun", "No", "Nos", "etc", "al", "approx",
    "est", "dept", "Dept", "Univ", "Assn", "Intl", "Natl", "govt", "e.g", "i.e", "a.m", "p.m",
];

/// Words that commonly open a sentence; used after ambiguous abbreviations.
const OPENERS: &[&str] = &[
    "The",
    "A",
    "An",
    "This",
    "That",
    "These",
    "Those",
    "There",
    "Then",
    "They",
    "Their",
    "He",
    "She",
    "It",
    "Its",
    "His",
    "Her",
    "We",
    "Our",
    "I",
    "You",
    "Your",
    "In",
    "On",
    "At",
    "As",
    "After",
    "Before",
    "But",
    "And",
    "Or",
    "So",
    "Since",
    "While",
    "When",
    "Where",
    "Why",
    "What",
    "Who",
    "How",
    "If",
    "However",
    "Meanwhile",
    "Also",
    "Still",
    "Yet",
    "For",
    "From",
    "By",
    "With",
    "Without",
    "According",
    "Although",
    "Though",
    "Despite",
    "During",
    "Earlier",
    "Later",
    "Last",
    "Next",
    "Now",
    "One",
    "Some",
    "Many",
    "Most",
    "Several",
    "Both",
    "Each",
    "All",
    "Another",
    "Other",
    "Such",
    "Under",
    "Over",
    "Among",
    "Instead",
    "Indeed",
    "Moreover",
    "Furthermore",
    "Nevertheless",
    "Today",
    "Yesterday",
    "Tomorrow",
    "Officials",
    "Analysts",
    "Following",
    "Asked",
    "Not",
    "No",
    "Only",
    "Even",
    "Until",
    "Because",
    "Unlike",
    "Like",
];

/// Verbs of speech that follow `"Quote?" Name said`.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "asked",
    "asks",
    "added",
    "told",
    "wrote",
    "replied",
    "explained",
    "noted",
    "insisted",
    "shouted",
    "continued",
    "recalled",
    "argued",
    "tweeted",
];

/// How far to look behind and ahead of a candidate boundary, in bytes.
const LOOK: usize = 48;

fn is_terminal(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…')
}

fn is_closer(c: char) -> bool {
    matches!(c, '"' | '\'' | ')' | ']' | '}' | '”' | '’' | '»')
}

fn is_opener_punct(c: char) -> bool {
    matches!(c, '"' | '\'' | '(' | '[' | '{' | '“' | '‘' | '«')
}

/// Sentences of `text` as byte ranges with 0-based paragraph indices.
pub(crate) fn segment(text: &str) -> Vec<(Range<usize>, usize)> {
    let mut out = Vec::new();
    let mut para = 0usize;
    let mut content_in_para = false;
    let mut line_start = 0usize;
    for line in text.split('\n') {
        let base = line_start;
        line_start += line.len() + 1;
        if line.trim().is_empty() {
            if content_in_para {
                para += 1;
                content_in_para = false;
            }
            continue;
        }
        content_in_para = true;
        split_line(line, base, para, &mut out);
    }
    out
}

/// Trims whitespace off `start..end` of `line` and pushes it when non-empty.
fn push(
    line: &str,
    start: usize,
    end: usize,
    base: usize,
    para: usize,
    out: &mut Vec<(Range<usize>, usize)>,
) {
    let Some(s) = line.get(start..end) else {
        return;
    };
    let lead = s.len() - s.trim_start().len();
    let t = s.trim();
    if !t.is_empty() {
        let a = base + start + lead;
        out.push((a..a + t.len(), para));
    }
}

fn split_line(line: &str, base: usize, para: usize, out: &mut Vec<(Range<usize>, usize)>) {
    let mut sent_start = 0usize;
    let mut i = 0usize;
    let len = line.len();
    while i < len {
        let Some(c) = line.get(i..).and_then(|s| s.chars().next()) else {
            break;
        };
        if !is_terminal(c) {
            i += c.len_utf8();
            continue;
        }
        // The cluster: terminal marks, then closing quotes and brackets.
        let mut j = i;
        let mut dots = 0usize;
        let mut has_bang = false;
        let mut has_ellipsis = false;
        let mut closers = false;
        while let Some(d) = line.get(j..).and_then(|s| s.chars().next()) {
            if is_terminal(d) && !closers {
                match d {
                    '.' => dots += 1,
                    '…' => has_ellipsis = true,
                    _ => has_bang = true,
                }
                j += d.len_utf8();
            } else if is_closer(d) {
                closers = true;
                j += d.len_utf8();
            } else {
                break;
            }
        }
        let next_ws = line.get(j..).and_then(|s| s.chars().next());
        match next_ws {
            Some(w) if w.is_whitespace() => {}
            _ => {
                // End of line (handled below) or no space after: no boundary.
                i = j.max(i + c.len_utf8());
                continue;
            }
        }
        let rest = line.get(j..).unwrap_or("");
        let next_start = j + (rest.len() - rest.trim_start().len());
        let next_tok = token_after(line, next_start);
        let ellipsis = has_ellipsis || dots >= 2;
        let brk = if !starts_like_sentence(next_tok)
            || (closers && quote_then_speech(line, next_start))
        {
            false
        } else if has_bang || ellipsis || closers {
            true
        } else {
            period_ends_sentence(line, sent_start, i, next_tok)
        };
        if brk {
            push(line, sent_start, j, base, para, out);
            sent_start = next_start;
        }
        i = next_start.max(j);
    }
    push(line, sent_start, len, base, para, out);
}

/// The whitespace-delimited token starting at `at`, at most [`LOOK`] bytes.
fn token_after(line: &str, at: usize) -> &str {
    let rest = line.get(at..).unwrap_or("");
    let mut end = 0;
    for (k, ch) in rest.char_indices() {
        if ch.is_whitespace() || k >= LOOK {
            break;
        }
        end = k + ch.len_utf8();
    }
    rest.get(..end).unwrap_or("")
}

/// True when a token can open a sentence: uppercase letter, digit, or an
/// opening quote or bracket before one.
fn starts_like_sentence(tok: &str) -> bool {
    let t = tok.trim_start_matches(is_opener_punct);
    match t.chars().next() {
        Some(c) => c.is_uppercase() || c.is_numeric() || (c.is_alphabetic() && !c.is_lowercase()),
        None => false,
    }
}

/// `"Why?" Smith asked`: a capitalized word then a speech verb.
fn quote_then_speech(line: &str, next_start: usize) -> bool {
    let first = token_after(line, next_start);
    let after = next_start + first.len();
    let rest = line.get(after..).unwrap_or("");
    let second_start = after + (rest.len() - rest.trim_start().len());
    let second = token_after(line, second_start).trim_end_matches(|c: char| !c.is_alphanumeric());
    let first_word = first.trim_matches(|c: char| !c.is_alphanumeric());
    (SPEECH_VERBS.contains(&second) && !OPENERS.contains(&first_word))
        || SPEECH_VERBS.contains(&first_word.to_lowercase().as_str())
}

/// Decides a single period at byte `dot` followed by a capitalized `next`.
fn period_ends_sentence(line: &str, sent_start: usize, dot: usize, next: &str) -> bool {
    // The word before the period, at most LOOK bytes back.
    let head = line.get(sent_start..dot).unwrap_or("");
    let mut wstart = head.len();
    for (k, ch) in head.char_indices().rev() {
        if ch.is_whitespace() {
            break;
        }
        if head.len() - k > LOOK {
            return true;
        }
        wstart = k;
    }
    let word = head
        .get(wstart..)
        .unwrap_or("")
        .trim_start_matches(is_opener_punct);
    if word.is_empty() {
        return true;
    }
    let next_word = next
        .trim_start_matches(is_opener_punct)
        .trim_end_matches(|c: char| !c.is_alphanumeric());
    let opener = OPENERS.contains(&next_word);
    let next_is_digit = next_word.chars().next().is_some_and(|c| c.is_ascii_digit());
    if NEVER_FINAL.contains(&word) {
        return false;
    }
    if MAYBE_FINAL.contains(&word) {
        return opener && !next_is_digit;
    }
    // A single capital letter (an initial) or an initialism like U.S / a.m.
    let letters_and_dots = word.chars().all(|c| c.is_alphabetic() || c == '.');
    let is_initial = word.chars().count() == 1 && word.chars().all(|c| c.is_uppercase());
    let is_initialism =
        letters_and_dots && word.contains('.') && word.split('.').all(|p| p.chars().count() == 1);
    if is_initial || is_initialism {
        return opener;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    fn sents(t: &str) -> Vec<&str> {
        segment(t).into_iter().map(|(r, _)| &t[r]).collect()
    }

    #[test]
    fn plain_sentences() {
        assert_eq!(
            sents("It rained. Then it stopped! Did it? Yes."),
            vec!["It rained.", "Then it stopped!", "Did it?", "Yes."]
        );
    }

    #[test]
    fn abbreviations_and_initials_do_not_split() {
        let t = "Gen. Mark O. Tully met Mr. Brandt and Dr. Ruiz of Acme Inc. in the U.S. capital on Jan. 4 at 10 a.m. local time. No. 3 was next.";
        assert_eq!(
            sents(t),
            vec![
                "Gen. Mark O. Tully met Mr. Brandt and Dr. Ruiz of Acme Inc. in the U.S. capital on Jan. 4 at 10 a.m. local time.",
                "No. 3 was next."
            ]
        );
    }

    #[test]
    fn more_abbreviations_from_the_issue() {
        let t = "Mrs. Dale of Bexley Ltd. met Feb. 3 in the U.K. with St. John's staff and Corp. lawyers. It ended. Costs hit No. 2 on the list.";
        assert_eq!(
            sents(t),
            vec![
                "Mrs. Dale of Bexley Ltd. met Feb. 3 in the U.K. with St. John's staff and Corp. lawyers.",
                "It ended.",
                "Costs hit No. 2 on the list."
            ]
        );
    }

    #[test]
    fn abbreviation_can_end_a_sentence_before_an_opener() {
        assert_eq!(
            sents("He moved to the U.S. The move was hard. She works at Vantor Corp. It is big."),
            vec![
                "He moved to the U.S.",
                "The move was hard.",
                "She works at Vantor Corp.",
                "It is big."
            ]
        );
    }

    #[test]
    fn decimals_and_ellipses() {
        assert_eq!(
            sents("Growth was 3.5 percent... Then it fell. We waited... and waited."),
            vec![
                "Growth was 3.5 percent...",
                "Then it fell.",
                "We waited... and waited."
            ]
        );
    }

    #[test]
    fn quotes_closing_after_the_period() {
        assert_eq!(
            sents("\"We are ready,\" he said. \"It is over.\" Then he left. \"Why?\" Lena asked. \"Now?\" he asked."),
            vec![
                "\"We are ready,\" he said.",
                "\"It is over.\"",
                "Then he left.",
                "\"Why?\" Lena asked.",
                "\"Now?\" he asked."
            ]
        );
    }

    #[test]
    fn line_breaks_and_paragraphs() {
        let t = "Headline without stop\nFirst line.\n\nSecond para one. Two.";
        let s = segment(t);
        let got: Vec<(&str, usize)> = s.iter().map(|(r, p)| (&t[r.clone()], *p)).collect();
        assert_eq!(
            got,
            vec![
                ("Headline without stop", 0),
                ("First line.", 0),
                ("Second para one.", 1),
                ("Two.", 1)
            ]
        );
    }

    #[test]
    fn hostile_inputs_do_not_panic() {
        assert!(segment("").is_empty());
        assert!(segment("   \n\n  \n").is_empty());
        let dots = ". ".repeat(1000);
        assert!(!segment(&dots).is_empty());
        let long = "a.".repeat(10_000);
        assert_eq!(segment(&long).len(), 1);
        let _ = segment("…… ?! \"\" ''' é. É");
    }
}
