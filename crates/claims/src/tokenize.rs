//! Tokenization, paragraph and sentence segmentation, and quotation state.
//!
//! Everything here works on byte offsets into one `&str`. Tokens are words
//! (with internal apostrophes, hyphens and abbreviation periods), numbers and
//! single punctuation marks; two apostrophes (`''`), as some outlets write a
//! double quotation mark, are one quote token. The quote state of every token
//! (inside or outside a quotation) is tracked per paragraph, so that a
//! quotation reopened at the start of the next paragraph continues.

/// What sort of token this is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokKind {
    /// Letters, digits and what joins them.
    Word,
    /// A double quotation mark whose direction is unknown: `"` or `''`.
    QuoteAmbig,
    /// An opening double quotation mark `“`.
    QuoteOpen,
    /// A closing double quotation mark `”`.
    QuoteClose,
    /// Any other single punctuation or symbol character.
    Punct,
}

/// One token.
#[derive(Debug, Clone)]
pub struct Token {
    /// Byte offset of the first byte.
    pub start: usize,
    /// Byte offset one past the last byte.
    pub end: usize,
    /// Kind.
    pub kind: TokKind,
    /// Lowercased text (with typographic apostrophes folded to `'`).
    pub lower: String,
    /// Index of the paragraph (a paragraph ends at a line break).
    pub para: u32,
    /// Index of the sentence.
    pub sent: u32,
    /// True when the token is inside a quotation (quote marks themselves are
    /// inside too).
    pub in_quote: bool,
    /// Index of the quotation region it belongs to, when inside one.
    pub quote_id: Option<u32>,
    /// First letter is uppercase.
    pub cap: bool,
}

/// A quotation region: the tokens from an opening to a closing mark (or the
/// paragraph's end).
#[derive(Debug, Clone)]
pub struct QuoteRegion {
    /// First token (the opening mark).
    pub first: usize,
    /// Last token (the closing mark, or the paragraph's last token).
    pub last: usize,
    /// True when the region was closed by a mark in the same paragraph.
    pub closed: bool,
    /// Number of word tokens inside.
    pub words: usize,
    /// True when a sentence-ending mark or comma is inside (a real quotation
    /// rather than a scare quote or a title).
    pub has_clause: bool,
}

/// A tokenized document.
#[derive(Debug, Clone, Default)]
pub struct Tokenized {
    /// Tokens in text order.
    pub tokens: Vec<Token>,
    /// Quotation regions in text order.
    pub quotes: Vec<QuoteRegion>,
    /// Number of sentences.
    pub n_sents: u32,
}

const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "capt", "st", "jr",
    "sr", "inc", "co", "corp", "ltd", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct",
    "nov", "dec", "prof", "rev", "vs", "no", "vol", "mt", "ft", "pres", "adm", "maj", "cmdr",
    "supt", "messrs", "sens", "reps", "govs", "gens", "dept", "univ", "est", "approx", "fig",
    "u.s", "u.k", "u.n", "d.c", "e.g", "i.e", "a.m", "p.m",
];

/// A party and state label as US outlets write it after a politician's
/// name: "(D-Wis.)", "(R-Tenn.)": the period is an abbreviation's.
fn is_party_state(w: &str) -> bool {
    let mut parts = w.splitn(2, '-');
    let (Some(party), Some(state)) = (parts.next(), parts.next()) else {
        return false;
    };
    matches!(party, "d" | "r" | "i")
        && (2..=5).contains(&state.len())
        && state.chars().all(|c| c.is_ascii_lowercase() || c == '.')
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

fn is_joiner(c: char) -> bool {
    matches!(c, '\'' | '’' | '-' | '.' | '&' | '_' | '@' | '/' | ',')
}

fn fold_lower(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '’' | '‘' => out.push('\''),
            c if c.is_ascii() => out.push(c.to_ascii_lowercase()),
            c => out.extend(c.to_lowercase()),
        }
    }
    out
}

/// Splits `text` into tokens with their byte offsets (no sentences yet).
fn raw_tokens(text: &str) -> Vec<(usize, usize, TokKind)> {
    let mut out = Vec::with_capacity(text.len() / 5 + 8);
    let chars: Vec<(usize, char)> = text.char_indices().collect();
    let n = chars.len();
    let byte_at = |i: usize| chars.get(i).map(|&(b, _)| b).unwrap_or(text.len());
    let ch = |i: usize| chars.get(i).map(|&(_, c)| c).unwrap_or('\0');
    let mut i = 0;
    while i < n {
        let c = ch(i);
        if c == '\n' {
            out.push((byte_at(i), byte_at(i + 1), TokKind::Punct));
            // Collapse runs of line breaks and spaces into one break token.
            i += 1;
            while i < n && ch(i).is_whitespace() {
                i += 1;
            }
            continue;
        }
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if is_word_char(c) {
            let s = i;
            i += 1;
            loop {
                if i < n && is_word_char(ch(i)) {
                    i += 1;
                } else if i + 1 < n && is_joiner(ch(i)) && is_word_char(ch(i + 1)) {
                    // Commas join only digits (1,000).
                    if ch(i) == ',' && !(ch(i - 1).is_ascii_digit() && ch(i + 1).is_ascii_digit()) {
                        break;
                    }
                    i += 2;
                } else {
                    break;
                }
            }
            // Split a possessive 's off the word.
            let mut e = i;
            if e >= s + 3 && matches!(ch(e - 2), '\'' | '’') && matches!(ch(e - 1), 's' | 'S') {
                e -= 2;
            }
            // Abbreviation period.
            if e == i && ch(i) == '.' {
                let word = fold_lower(&text[byte_at(s)..byte_at(i)]);
                let single_cap = i - s == 1 && c.is_uppercase();
                if single_cap || ABBREVIATIONS.contains(&word.as_str()) || is_party_state(&word) {
                    i += 1;
                    e = i;
                }
            }
            out.push((byte_at(s), byte_at(e), TokKind::Word));
            if e < i {
                out.push((byte_at(e), byte_at(i), TokKind::Word));
            }
            continue;
        }
        match c {
            '\'' if ch(i + 1) == '\'' => {
                out.push((byte_at(i), byte_at(i + 2), TokKind::QuoteAmbig));
                i += 2;
            }
            '"' => {
                out.push((byte_at(i), byte_at(i + 1), TokKind::QuoteAmbig));
                i += 1;
            }
            '“' | '„' => {
                out.push((byte_at(i), byte_at(i + 1), TokKind::QuoteOpen));
                i += 1;
            }
            '”' => {
                out.push((byte_at(i), byte_at(i + 1), TokKind::QuoteClose));
                i += 1;
            }
            _ => {
                out.push((byte_at(i), byte_at(i + 1), TokKind::Punct));
                i += 1;
            }
        }
    }
    out
}

/// Tokenizes `text`. `sentence_starts`, when not empty, gives the byte
/// offsets where sentences start (from the document); otherwise sentences are
/// found here.
pub fn tokenize(text: &str, sentence_starts: &[usize]) -> Tokenized {
    let raw = raw_tokens(text);
    let mut tokens: Vec<Token> = Vec::with_capacity(raw.len());
    let mut para = 0u32;
    for (s, e, kind) in raw {
        let slice = text.get(s..e).unwrap_or("");
        if slice == "\n" {
            para += 1;
            continue;
        }
        let cap = slice.chars().next().is_some_and(|c| c.is_uppercase());
        tokens.push(Token {
            start: s,
            end: e,
            kind,
            lower: fold_lower(slice),
            para,
            sent: 0,
            in_quote: false,
            quote_id: None,
            cap,
        });
    }
    let quotes = mark_quotes(&mut tokens);
    let n_sents = if sentence_starts.is_empty() {
        split_sentences(&mut tokens, &quotes)
    } else {
        assign_sentences(&mut tokens, sentence_starts)
    };
    Tokenized {
        tokens,
        quotes,
        n_sents,
    }
}

fn mark_quotes(tokens: &mut [Token]) -> Vec<QuoteRegion> {
    let mut quotes: Vec<QuoteRegion> = Vec::new();
    let mut open: Option<usize> = None;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let para = tokens.get(i).map(|t| t.para).unwrap_or(0);
        let new_para = i == 0 || tokens.get(i - 1).is_some_and(|p| p.para != para);
        if new_para {
            if let Some(s) = open.take() {
                quotes.push(region(tokens, s, i - 1, false));
            }
        }
        let kind = tokens.get(i).map(|t| t.kind).unwrap_or(TokKind::Word);
        match (kind, open) {
            (TokKind::QuoteOpen, None) | (TokKind::QuoteAmbig, None) => open = Some(i),
            (TokKind::QuoteClose, Some(s)) | (TokKind::QuoteAmbig, Some(s)) => {
                quotes.push(region(tokens, s, i, true));
                open = None;
            }
            (TokKind::QuoteOpen, Some(s)) => {
                // A new opening mark: the old quotation was never closed.
                if i > s {
                    quotes.push(region(tokens, s, i - 1, false));
                }
                open = Some(i);
            }
            _ => {}
        }
        i += 1;
    }
    if let Some(s) = open {
        if n > 0 {
            quotes.push(region(tokens, s, n - 1, false));
        }
    }
    for (qi, q) in quotes.iter().enumerate() {
        for t in tokens.iter_mut().take(q.last + 1).skip(q.first) {
            t.in_quote = true;
            t.quote_id = Some(qi as u32);
        }
    }
    quotes
}

fn region(tokens: &[Token], first: usize, last: usize, closed: bool) -> QuoteRegion {
    let inner = tokens.get(first..=last).unwrap_or(&[]);
    let words = inner.iter().filter(|t| t.kind == TokKind::Word).count();
    let has_clause = inner
        .iter()
        .any(|t| matches!(t.lower.as_str(), "." | "," | "?" | "!" | ";" | ":"));
    QuoteRegion {
        first,
        last,
        closed,
        words,
        has_clause,
    }
}

fn is_sentence_end(t: &Token) -> bool {
    matches!(t.lower.as_str(), "." | "?" | "!" | "…")
}

fn split_sentences(tokens: &mut [Token], quotes: &[QuoteRegion]) -> u32 {
    let quote_first: Vec<usize> = quotes.iter().map(|q| q.first).collect();
    let quote_last: Vec<usize> = quotes.iter().map(|q| q.last).collect();
    let mut sent = 0u32;
    let n = tokens.len();
    let mut i = 0;
    while i < n {
        let para = tokens.get(i).map(|t| t.para).unwrap_or(0);
        if i > 0 && tokens.get(i - 1).is_some_and(|p| p.para != para) {
            sent += 1;
        }
        if let Some(t) = tokens.get_mut(i) {
            t.sent = sent;
        }
        let end_here = tokens.get(i).is_some_and(is_sentence_end);
        if end_here {
            // Absorb closing quotes and brackets.
            let mut j = i + 1;
            while j < n {
                let absorb = tokens.get(j).is_some_and(|t| {
                    t.para == para
                        && (t.kind == TokKind::QuoteClose
                            || (t.kind == TokKind::QuoteAmbig
                                && t.quote_id
                                    .and_then(|q| quote_last.get(q as usize))
                                    .is_some_and(|&l| l == j))
                            || t.lower == ")"
                            || t.lower == "'"
                            || t.lower == "’")
                        && tokens
                            .get(j + 1)
                            .is_none_or(|nx| nx.para != para || nx.kind != TokKind::Word || nx.cap)
                });
                if !absorb {
                    break;
                }
                if let Some(t) = tokens.get_mut(j) {
                    t.sent = sent;
                }
                j += 1;
            }
            let next_starts = tokens.get(j).is_some_and(|nx| {
                let opens_quote = match nx.kind {
                    TokKind::QuoteOpen => true,
                    TokKind::QuoteAmbig => nx
                        .quote_id
                        .and_then(|q| quote_first.get(q as usize))
                        .is_some_and(|&f| f == j),
                    _ => false,
                };
                nx.para == para
                    && ((nx.kind == TokKind::Word
                        && (nx.cap || nx.lower.starts_with(|c: char| c.is_ascii_digit())))
                        || opens_quote
                        || matches!(nx.lower.as_str(), "(" | "[" | "‘" | "'" | "—" | "–" | "-"))
            });
            if next_starts {
                sent += 1;
            }
            i = j;
            continue;
        }
        i += 1;
    }
    if n == 0 {
        0
    } else {
        sent + 1
    }
}

fn assign_sentences(tokens: &mut [Token], starts: &[usize]) -> u32 {
    let mut sent = 0u32;
    let mut k = 0usize;
    let mut last_para = 0u32;
    let mut first = true;
    for t in tokens.iter_mut() {
        let mut bumped = false;
        while k < starts.len() && starts.get(k).is_some_and(|&s| s <= t.start) {
            k += 1;
            bumped = true;
        }
        if !first && (bumped || t.para != last_para) {
            sent += 1;
        }
        first = false;
        last_para = t.para;
        t.sent = sent;
    }
    if tokens.is_empty() {
        0
    } else {
        sent + 1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(t: &Tokenized, text: &str) -> Vec<String> {
        t.tokens
            .iter()
            .map(|x| text[x.start..x.end].to_string())
            .collect()
    }

    #[test]
    fn splits_words_possessives_and_quotes() {
        let text = "Mr. Smith's firm said ''no,'' and \"yes\" to the U.S. plan.";
        let t = tokenize(text, &[]);
        let w = words(&t, text);
        assert_eq!(
            w,
            vec![
                "Mr.", "Smith", "'s", "firm", "said", "''", "no", ",", "''", "and", "\"", "yes",
                "\"", "to", "the", "U.S.", "plan", "."
            ]
        );
        assert_eq!(t.quotes.len(), 2);
        assert!(t.tokens[6].in_quote);
        assert!(!t.tokens[9].in_quote);
        assert_eq!(t.n_sents, 1);
    }

    #[test]
    fn sentences_and_paragraphs() {
        let text = "He left. \"I am done,\" he said.\n\nThe end came? Yes.";
        let t = tokenize(text, &[]);
        let sents: Vec<u32> = t.tokens.iter().map(|x| x.sent).collect();
        assert_eq!(sents.first(), Some(&0));
        assert_eq!(t.n_sents, 4);
        assert_eq!(t.tokens.last().map(|x| x.para), Some(1));
    }

    #[test]
    fn party_state_label_keeps_its_period() {
        let text = "Rep. Ann Lee (D-Wis.) said nothing. Lee (R-Tenn.) agreed.";
        let t = tokenize(text, &[]);
        let w = words(&t, text);
        assert!(w.contains(&"D-Wis.".to_string()), "{w:?}");
        assert!(w.contains(&"R-Tenn.".to_string()), "{w:?}");
        assert_eq!(t.n_sents, 2);
    }

    #[test]
    fn bracket_after_abbreviation_does_not_split() {
        let text = "Rep. Ann Lee (D-Wis.) said it. \"Yes,\" she said. \"Never.\" Then";
        let t = tokenize(text, &[]);
        let said = t.tokens.iter().position(|x| x.lower == "said").unwrap();
        assert_eq!(t.tokens[said].sent, 0);
        let sents: Vec<(String, u32)> =
            t.tokens.iter().map(|x| (x.lower.clone(), x.sent)).collect();
        assert_eq!(t.n_sents, 4, "{sents:?}");
    }

    #[test]
    fn unclosed_quote_ends_at_paragraph() {
        let text = "\"First part of it.\n\n\"Second part,\" she said.";
        let t = tokenize(text, &[]);
        assert_eq!(t.quotes.len(), 2);
        assert!(!t.quotes[0].closed);
        assert!(t.quotes[1].closed);
    }
}
