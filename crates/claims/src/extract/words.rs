//! Word lists the linking rules share: day and month names, words that are
//! never a source, function words; and counting the words of a stretch.

use crate::tokenize::{TokKind, Tokenized};

/// Number of word tokens from token `a` to token `b` (inclusive).
pub(super) fn word_count(tok: &Tokenized, a: usize, b: usize) -> usize {
    tok.tokens
        .get(a..=b)
        .unwrap_or(&[])
        .iter()
        .filter(|t| t.kind == TokKind::Word)
        .count()
}

pub(super) fn is_time_word(w: &str) -> bool {
    gleaner_datelines::is_weekday_name(w) || matches!(w, "yesterday" | "today" | "tonight")
}

/// A month name or its abbreviation, lowercased, with or without a
/// final period ("nov.").
pub(super) fn is_month(w: &str) -> bool {
    gleaner_datelines::is_month_word(w.trim_end_matches('.'))
}

/// Words that are never a source on their own: prepositions, conjunctions,
/// determiners and sentence adverbs, none of which is a noun phrase.
pub(super) const NOT_SOURCE_WORDS: &[&str] = &[
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
    "the",
    "a",
    "an",
    "yet",
    "so",
    "or",
    "how",
    "being",
    "earlier",
    "namely",
    "moreover",
    "really",
    "please",
    "personally",
    "let",
];

pub(super) const FUNCTION_WORDS: &[&str] = &[
    "the", "a", "an", "and", "or", "but", "of", "to", "that", "this", "it", "is", "was", "he",
    "she", "they", "we", "i", "you",
];

/// Nouns for what someone says about someone else ("accusations of
/// espionage", "reports of a deal").
pub(super) fn is_claim_noun(w: &str) -> bool {
    matches!(
        w,
        "accusation"
            | "accusations"
            | "allegation"
            | "allegations"
            | "claim"
            | "claims"
            | "charge"
            | "charges"
            | "report"
            | "reports"
            | "suggestion"
            | "suggestions"
            | "rumour"
            | "rumours"
            | "rumor"
            | "rumors"
    )
}

/// A past participle as the passive-"by" rules read one ("reported",
/// "said", "told").
pub(super) fn is_participle(w: &str) -> bool {
    w.ends_with("ed") || w == "said" || w == "told"
}

/// A form of *be* or *have*, or a modal verb.
pub(super) fn is_auxiliary(w: &str) -> bool {
    matches!(
        w,
        "is" | "are"
            | "was"
            | "were"
            | "be"
            | "been"
            | "being"
            | "has"
            | "have"
            | "had"
            | "will"
            | "would"
            | "can"
            | "could"
            | "should"
            | "may"
            | "might"
            | "must"
    )
}
