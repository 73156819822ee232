//! Which cues count as claims for a news reader: speech acts and reports
//! (*said, told, denied, warned, according to, tweeted, found*), as opposed
//! to PolNeAR's broader attributions, which also cover beliefs, intentions
//! and actions (*has sought, is concerned about, is expected to*).
//!
//! The table [`SPEECH_CUES`] was drawn from the cue lexicon the model learned
//! on PolNeAR train (the 400 words most often inside a gold cue, see
//! `CLAIMS.md`): the speech, reporting and assertion ones were kept, with
//! their class; beliefs (*think, believe, hope, fear, want*), intentions
//! (*plan, seek, try*) and actions (*vote, sign, support, endorse*) were not.

use gleaner_core::CueClass;
use serde::Deserialize;

/// Which attributions the extractor keeps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum CueFilter {
    /// Only speech acts and reports: the cue holds a word of
    /// [`SPEECH_CUES`], or the claim is a direct quotation with a speaker,
    /// or its cue is punctuation (a speaker label's colon or a signature's
    /// dash).
    Speech,
    /// Everything the model finds, PolNeAR-style (beliefs, intentions and
    /// actions too); what the corpus evaluation uses.
    #[default]
    All,
}

/// When a cue word counts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    /// Always.
    Always,
    /// Only when the content is a question or a quotation (*asked whether*,
    /// *asked: "…?"*), not a request to act (*asking them to leave*).
    Question,
    /// Only when the content is a clause (*that…*, a question, a
    /// quotation): *the judge ruled that…*, not *ruled the country*.
    Clause,
    /// Only inflected (*pointed out, points out*), not the noun (*a point*).
    Inflected,
    /// Only when the source is a document or an inquiry (*the report found*,
    /// *the survey shows*), not a person's discovery or display.
    DocumentSource,
}

/// Speech, reporting and assertion cues: lemma (or noun), class, condition.
pub const SPEECH_CUES: &[(&str, CueClass, Condition)] = &[
    // Statements.
    ("say", CueClass::Statement, Condition::Always),
    ("tell", CueClass::Statement, Condition::Always),
    ("state", CueClass::Statement, Condition::Always),
    ("statement", CueClass::Statement, Condition::Always),
    ("add", CueClass::Statement, Condition::Always),
    ("note", CueClass::Statement, Condition::Always),
    ("explain", CueClass::Statement, Condition::Always),
    ("describe", CueClass::Statement, Condition::Always),
    ("announce", CueClass::Statement, Condition::Always),
    ("announcement", CueClass::Statement, Condition::Always),
    ("declare", CueClass::Statement, Condition::Always),
    ("confirm", CueClass::Statement, Condition::Always),
    ("acknowledge", CueClass::Statement, Condition::Always),
    ("admit", CueClass::Statement, Condition::Always),
    ("concede", CueClass::Statement, Condition::Always),
    ("respond", CueClass::Statement, Condition::Always),
    ("response", CueClass::Statement, Condition::Always),
    ("reply", CueClass::Statement, Condition::Always),
    ("answer", CueClass::Statement, Condition::Always),
    ("comment", CueClass::Statement, Condition::Always),
    ("remark", CueClass::Statement, Condition::Always),
    ("mention", CueClass::Statement, Condition::Always),
    ("recall", CueClass::Statement, Condition::Always),
    ("reiterate", CueClass::Statement, Condition::Always),
    ("repeat", CueClass::Statement, Condition::Always),
    ("stress", CueClass::Statement, Condition::Always),
    ("emphasize", CueClass::Statement, Condition::Always),
    ("emphasise", CueClass::Statement, Condition::Always),
    ("point", CueClass::Statement, Condition::Inflected),
    ("write", CueClass::Statement, Condition::Always),
    ("tweet", CueClass::Statement, Condition::Always),
    ("post", CueClass::Statement, Condition::Always),
    ("speak", CueClass::Statement, Condition::Always),
    ("talk", CueClass::Statement, Condition::Always),
    ("testify", CueClass::Statement, Condition::Always),
    ("testimony", CueClass::Statement, Condition::Always),
    ("quote", CueClass::Statement, Condition::Always),
    ("echo", CueClass::Statement, Condition::Always),
    ("express", CueClass::Statement, Condition::Always),
    ("interview", CueClass::Statement, Condition::Always),
    ("speech", CueClass::Statement, Condition::Always),
    ("disclose", CueClass::Statement, Condition::Always),
    ("inform", CueClass::Statement, Condition::Always),
    ("urge", CueClass::Statement, Condition::Always),
    ("demand", CueClass::Statement, Condition::Always),
    ("plead", CueClass::Statement, Condition::Always),
    ("appeal", CueClass::Statement, Condition::Always),
    ("propose", CueClass::Statement, Condition::Always),
    ("recommend", CueClass::Statement, Condition::Always),
    ("advise", CueClass::Statement, Condition::Always),
    ("praise", CueClass::Statement, Condition::Always),
    ("rule", CueClass::Statement, Condition::Clause),
    ("complain", CueClass::Statement, Condition::Always),
    ("ask", CueClass::Statement, Condition::Question),
    ("question", CueClass::Statement, Condition::Always),
    // Claims and assertions.
    ("claim", CueClass::Claim, Condition::Always),
    ("argue", CueClass::Claim, Condition::Always),
    ("insist", CueClass::Claim, Condition::Always),
    ("maintain", CueClass::Claim, Condition::Always),
    ("contend", CueClass::Claim, Condition::Always),
    ("assert", CueClass::Claim, Condition::Always),
    ("suggest", CueClass::Claim, Condition::Always),
    ("predict", CueClass::Claim, Condition::Always),
    ("call", CueClass::Claim, Condition::Always),
    // Denials.
    ("deny", CueClass::Denial, Condition::Always),
    ("denial", CueClass::Denial, Condition::Always),
    ("reject", CueClass::Denial, Condition::Always),
    ("dismiss", CueClass::Denial, Condition::Always),
    ("refute", CueClass::Denial, Condition::Always),
    ("rebut", CueClass::Denial, Condition::Always),
    ("dispute", CueClass::Denial, Condition::Always),
    // Accusations.
    ("accuse", CueClass::Accusation, Condition::Always),
    ("accusation", CueClass::Accusation, Condition::Always),
    ("allege", CueClass::Accusation, Condition::Always),
    ("allegation", CueClass::Accusation, Condition::Always),
    ("blame", CueClass::Accusation, Condition::Always),
    ("condemn", CueClass::Accusation, Condition::Always),
    ("criticize", CueClass::Accusation, Condition::Always),
    ("criticise", CueClass::Accusation, Condition::Always),
    ("criticism", CueClass::Accusation, Condition::Always),
    ("denounce", CueClass::Accusation, Condition::Always),
    // Warnings.
    ("warn", CueClass::Warning, Condition::Always),
    ("warning", CueClass::Warning, Condition::Always),
    ("caution", CueClass::Warning, Condition::Always),
    ("threaten", CueClass::Warning, Condition::Always),
    // Promises.
    ("promise", CueClass::Promise, Condition::Always),
    ("vow", CueClass::Promise, Condition::Always),
    ("pledge", CueClass::Promise, Condition::Always),
    ("swear", CueClass::Promise, Condition::Always),
    ("guarantee", CueClass::Promise, Condition::Always),
    // Reports.
    ("report", CueClass::Report, Condition::Always),
    ("reportedly", CueClass::Report, Condition::Always),
    ("according", CueClass::Report, Condition::Always),
    ("reveal", CueClass::Report, Condition::Always),
    ("publish", CueClass::Report, Condition::Always),
    ("cite", CueClass::Statement, Condition::Always),
    ("find", CueClass::Report, Condition::DocumentSource),
    ("finding", CueClass::Report, Condition::DocumentSource),
    ("show", CueClass::Report, Condition::DocumentSource),
    ("indicate", CueClass::Report, Condition::DocumentSource),
    ("estimate", CueClass::Report, Condition::DocumentSource),
    ("conclude", CueClass::Report, Condition::DocumentSource),
];

/// Nouns that make a source a document or an inquiry (for
/// [`Condition::DocumentSource`]).
const DOCUMENT_SOURCES: &[&str] = &[
    "report",
    "study",
    "survey",
    "poll",
    "data",
    "analysis",
    "investigation",
    "research",
    "researchers",
    "review",
    "audit",
    "document",
    "documents",
    "records",
    "figures",
    "statistics",
    "inquiry",
    "probe",
    "investigators",
    "scientists",
    "paper",
    "assessment",
    "census",
    "filing",
    "ruling",
];

/// Irregular forms of the verbs in the table.
const IRREGULAR: &[(&str, &str)] = &[
    ("said", "say"),
    ("says", "say"),
    ("told", "tell"),
    ("wrote", "write"),
    ("written", "write"),
    ("spoke", "speak"),
    ("spoken", "speak"),
    ("found", "find"),
    ("swore", "swear"),
    ("sworn", "swear"),
];

/// The table entry of one lowercased word, trying its inflections
/// (*-s, -es, -ed, -d, -ied, -ing*, doubled final consonants).
pub fn lookup(word: &str) -> Option<(CueClass, Condition)> {
    let find = |w: &str| entry(w).map(|&(_, c, k)| (c, k));
    if let Some(x) = find(word) {
        return Some(x);
    }
    if let Some(&(_, l)) = IRREGULAR.iter().find(|(f, _)| *f == word) {
        return find(l);
    }
    let mut candidates: Vec<String> = Vec::new();
    for suffix in ["ing", "ed", "es", "s", "d"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            if stem.len() < 2 {
                continue;
            }
            candidates.push(stem.to_string());
            candidates.push(format!("{stem}e"));
            // Doubled consonant: "admitted", "rebutted".
            // (Letters, not bytes: a stem ending in a multi-byte letter
            // must not be cut inside it.)
            let mut rev = stem.chars().rev();
            let (last, before) = (rev.next(), rev.next());
            if stem.chars().count() >= 3 && last.is_some() && last == before {
                let cut = stem.len() - last.map_or(0, char::len_utf8);
                if let Some(x) = stem.get(..cut) {
                    candidates.push(x.to_string());
                }
            }
        }
    }
    for suffix in ["ied", "ies"] {
        if let Some(stem) = word.strip_suffix(suffix) {
            candidates.push(format!("{stem}y"));
        }
    }
    candidates.iter().find_map(|c| find(c))
}

/// The table entry whose lemma is `word` itself.
fn entry(word: &str) -> Option<&'static (&'static str, CueClass, Condition)> {
    SPEECH_CUES.iter().find(|(l, _, _)| *l == word)
}

/// The word is itself a lemma of the table (not an inflected form).
fn lookup_exact(word: &str) -> Option<&'static str> {
    entry(word).map(|&(l, _, _)| l)
}

/// The content opens like an indirect question.
fn opens_question(first: Option<&str>) -> bool {
    first.is_some_and(|f| {
        matches!(
            f,
            "whether" | "if" | "why" | "what" | "how" | "when" | "who" | "where"
        )
    })
}

/// What [`keeps`] looks at in one claim (words lowercased).
#[derive(Debug, Clone, Copy)]
pub struct ClaimView<'a> {
    /// The cue's tokens.
    pub cue: &'a [&'a str],
    /// The source's tokens (empty when there is none).
    pub source: &'a [&'a str],
    /// The first word of the content, outside quotation marks.
    pub content_first: Option<&'a str>,
    /// The content ends in a question mark.
    pub question: bool,
    /// The content is (almost) all inside quotation marks.
    pub direct: bool,
    /// Up to three words right after the cue, lowercased.
    pub after_cue: &'a [&'a str],
}

/// What a company reports that is a figure, not a statement: "reported
/// record revenue", "reports a loss".
const FIGURES: &[&str] = &[
    "revenue", "revenues", "profit", "profits", "loss", "losses", "earnings", "sales", "income",
    "turnover", "results", "growth", "margin", "margins", "deficit", "surplus", "dividend",
    "ebitda",
];

/// True when a claim is a speech act or a report under [`CueFilter::Speech`].
pub fn keeps(c: &ClaimView<'_>) -> bool {
    let has_source = !c.source.is_empty();
    if c.direct && has_source {
        return true;
    }
    // "which reported record revenue": a figure in the accounts (not
    // "reported that sales fell", not "reported no loss of life").
    let figure = c.content_first != Some("that")
        && c.after_cue
            .iter()
            .take_while(|w| **w != "that")
            .enumerate()
            .any(|(i, w)| {
                FIGURES.contains(w)
                    && !(matches!(*w, "loss" | "losses") && c.after_cue.get(i + 1) == Some(&"of"))
            });
    if figure && c.cue.iter().any(|w| w.starts_with("report")) {
        return false;
    }
    // A speaker label's colon or a signature's dash.
    if !c
        .cue
        .iter()
        .any(|w| w.chars().any(|ch| ch.is_alphanumeric()))
    {
        return true;
    }
    c.cue.iter().any(|w| match lookup(w) {
        None => false,
        Some((_, Condition::Always)) => true,
        Some((_, Condition::Question)) => c.question || c.direct || opens_question(c.content_first),
        Some((_, Condition::Clause)) => {
            c.question
                || c.direct
                || opens_question(c.content_first)
                || c.content_first == Some("that")
        }
        Some((_, Condition::Inflected)) => lookup_exact(w).is_none(),
        Some((_, Condition::DocumentSource)) => c.source.iter().any(|s| {
            DOCUMENT_SOURCES.contains(s) || DOCUMENT_SOURCES.contains(&s.trim_end_matches('s'))
        }),
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::extract::cue_class;

    #[test]
    fn multi_byte_words_are_not_cut_inside_a_letter() {
        // "ぁ" is three bytes, the last two equal: not a doubled consonant.
        assert_eq!(lookup("\u{3041}s"), None);
    }

    #[test]
    fn inflections_find_their_lemma() {
        for w in [
            "said",
            "says",
            "saying",
            "told",
            "denied",
            "denies",
            "argued",
            "arguing",
            "urged",
            "admitted",
            "tweeted",
            "statement",
            "according",
            "warns",
            "wrote",
        ] {
            assert!(lookup(w).is_some(), "{w}");
        }
        for w in [
            "sought",
            "banned",
            "concerned",
            "expected",
            "struck",
            "escalates",
            "wants",
            "believes",
            "attempted",
            "plans",
            "the",
            "has",
        ] {
            assert!(lookup(w).is_none(), "{w}");
        }
    }

    #[test]
    fn table_classes_agree_with_cue_class() {
        for &(lemma, class, _) in SPEECH_CUES {
            assert_eq!(cue_class(lemma), class, "{lemma}");
        }
    }

    #[test]
    fn conditions() {
        let v = |cue: &'static [&'static str], source: &'static [&'static str], first, q| {
            keeps(&ClaimView {
                cue,
                source,
                content_first: first,
                question: q,
                direct: false,
                after_cue: &[],
            })
        };
        // A company's reported figures are no report of speech.
        let figures = ClaimView {
            cue: &["reported"],
            source: &["the", "company"],
            content_first: Some("record"),
            question: false,
            direct: false,
            after_cue: &["record", "revenue", "of"],
        };
        assert!(!keeps(&figures));
        let speech = ClaimView {
            after_cue: &["that", "the", "talks"],
            content_first: Some("that"),
            ..figures
        };
        assert!(keeps(&speech));
        let that_sales = ClaimView {
            after_cue: &["that", "sales", "fell"],
            content_first: Some("that"),
            ..figures
        };
        assert!(keeps(&that_sales));
        let loss_of_life = ClaimView {
            after_cue: &["no", "loss", "of"],
            content_first: Some("no"),
            ..figures
        };
        assert!(keeps(&loss_of_life));
        assert!(v(&["asked"], &["she"], Some("whether"), false));
        assert!(v(&["asked"], &["she"], Some("the"), true));
        assert!(!v(&["asking"], &["they"], Some("to"), false));
        assert!(v(&["found"], &["the", "audit"], Some("that"), false));
        assert!(v(&["shows"], &["a", "new", "poll"], Some("that"), false));
        assert!(!v(&["found"], &["he"], Some("a"), false));
        assert!(v(&[":"], &[], Some("we"), false));
        assert!(!v(
            &["has", "sought"],
            &["the", "ministry"],
            Some("the"),
            false
        ));
    }
}
