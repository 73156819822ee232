//! Named-entity recognition for news with canonical entities per document.
//!
//! * [`tokenize`]: byte-offset tokenizer and sentence splitter.
//! * [`features`], [`model`]: hashed features, the perceptron tagger with
//!   Viterbi decoding, and its compact binary format.
//! * [`labels`]: OntoNotes-style labels from CoNLL types and the mapping back.
//! * [`conll`]: CoNLL reading and conlleval-style scoring.
//! * [`train`]: clusters, gazetteers and perceptron training ([`train_command`]).
//!
//! The trained model (`model/entities.bin`, see `MODEL.md`) is embedded in
//! the binary and loaded once by [`EntityRecognizer::embedded`].

pub mod analyzer;
pub mod canon;
pub mod conll;
pub mod features;
pub mod labels;
pub mod model;
pub mod names;
pub mod repair;
pub mod tokenize;
pub mod train;

pub use analyzer::{EntitiesAnalyzer, EntitiesFactory, EntitiesOptions};
pub use train::train_command;

use gleaner_core::EntityLabel;
use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;
use std::sync::{Arc, OnceLock};

/// The embedded model bytes.
static MODEL_BYTES: &[u8] = include_bytes!("../model/entities.bin");

/// The embedded given-name table (see `MODEL.md` and [`names`]).
static GIVEN_NAMES_BYTES: &[u8] = include_bytes!("../model/given_names.bin");

/// Errors of this crate.
#[derive(Debug, thiserror::Error)]
pub enum EntitiesError {
    /// The model bytes are not a valid model.
    #[error("entities model: {0}")]
    Model(String),
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: String,
        /// The I/O error.
        #[source]
        source: std::io::Error,
    },
    /// A corpus file is malformed.
    #[error("{path}:{line}: {message}")]
    Corpus {
        /// The file.
        path: String,
        /// 1-based line.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// Bad command-line arguments.
    #[error("{0}")]
    Usage(String),
}

/// The loaded tagger: a cheap handle (cloning shares the model).
#[derive(Debug, Clone)]
pub struct EntityRecognizer {
    model: Arc<model::Model>,
    given: Arc<names::GivenNames>,
}

static EMBEDDED: OnceLock<Result<EntityRecognizer, String>> = OnceLock::new();

impl EntityRecognizer {
    /// Loads a model from its bytes.
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, EntitiesError> {
        Ok(EntityRecognizer {
            model: Arc::new(model::Model::from_bytes(bytes)?),
            given: Arc::new(names::GivenNames::from_bytes(GIVEN_NAMES_BYTES)?),
        })
    }

    /// The embedded model, loaded once per process; every call returns a
    /// handle to the same model.
    pub fn embedded() -> Result<Self, EntitiesError> {
        EMBEDDED
            .get_or_init(|| Self::from_bytes(MODEL_BYTES).map_err(|e| e.to_string()))
            .clone()
            .map_err(EntitiesError::Model)
    }

    /// Size of the embedded model file in bytes.
    pub fn embedded_size() -> usize {
        MODEL_BYTES.len()
    }

    /// Tags sentences of tokens (the sentences of one document, in order);
    /// returns, per sentence, the entity spans as `(first token, end token
    /// exclusive, CoNLL type)`.
    ///
    /// These are the spans of [`tag_tokens_unrepaired`](Self::tag_tokens_unrepaired)
    /// after the context repairs of [`repair`] (company cues, head nouns,
    /// "Theresa May", acronym + person, letter brands); a one-word name a
    /// company cue made an organisation in one sentence is one in the
    /// document's other sentences too.
    pub fn tag_tokens<S: AsRef<str>>(
        &self,
        sents: &[Vec<S>],
    ) -> Vec<Vec<(usize, usize, &'static str)>> {
        let spans = self.tag_tokens_unrepaired(sents);
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|sw| sw.iter().map(AsRef::as_ref).collect())
            .collect();
        // Words of the document's multi-word person names (surnames used
        // alone are persons, whatever the context); not of "persons" the
        // repairs will make companies ("Helmsdale Biotech": "Helmsdale"
        // alone is still the company).
        let mut person_words: HashSet<String> = HashSet::new();
        // The last words of those names: surnames the tagger may miss when
        // used alone ("… ," Oduya-Berg said").
        let mut surnames: HashSet<String> = HashSet::new();
        for (sp, sw) in spans.iter().zip(&words) {
            for &(a, b, ty) in sp {
                if ty != "PER" || b - a < 2 {
                    continue;
                }
                let Some(name) = sw.get(a..b) else {
                    continue;
                };
                if self.is_company_name(name) {
                    continue;
                }
                if let Some(last) = name.last() {
                    surnames.insert(last.to_lowercase());
                }
                // "CEO of Veltra Annika Falkenrath": the first word of a
                // long "person" after a company role may be the company.
                let skip = usize::from(b - a >= 3 && a >= 2 && repair::role_of(a, sw));
                for w in name.iter().skip(skip) {
                    person_words.insert(w.to_lowercase());
                }
            }
        }
        let mut repaired: Vec<Vec<(usize, usize, &'static str)>> = spans
            .iter()
            .zip(&words)
            .map(|(sp, sw)| repair::repair(sp, sw, self, &person_words))
            .collect();
        // One-word names a company cue made organisations somewhere in the
        // document ("CEO of Kinderly") are organisations in its other
        // sentences too ("Kinderly is growing fast"), where the tagger
        // took them for a person or a place.
        let mut cue_orgs: HashSet<String> = HashSet::new();
        for ((rep, before), sw) in repaired.iter().zip(&spans).zip(&words) {
            for &(a, b, ty) in rep {
                if ty == "ORG" && b - a == 1 && !before.contains(&(a, b, ty)) {
                    if let Some(w) = sw.get(a) {
                        cue_orgs.insert(w.to_lowercase());
                    }
                }
            }
        }
        // A surname of the document the tagger left untagged is the person's.
        // (The word is lowercased once and looked up among the surnames
        // before the sentence's spans are scanned.)
        if !surnames.is_empty() {
            for (rep, sw) in repaired.iter_mut().zip(&words) {
                let mut found = Vec::new();
                for (i, &w) in sw.iter().enumerate() {
                    if !(w.starts_with(char::is_uppercase) && w.chars().any(char::is_lowercase)) {
                        continue;
                    }
                    let lw = w.to_lowercase();
                    if surnames.contains(&lw)
                        && !rep.iter().any(|s| s.0 <= i && i < s.1)
                        && !self.is_common_lowercase(w)
                        && !is_leading_function_word(w)
                        && !gleaner_datelines::is_weekday_name(&lw)
                        && !gleaner_datelines::is_month_word(&lw)
                        && !repair::ORG_HEADS.contains(&lw.as_str())
                        && !repair::COMPANY_HEADS.contains(&lw.as_str())
                    {
                        found.push((i, i + 1, "PER"));
                    }
                }
                if !found.is_empty() {
                    rep.extend(found);
                    rep.sort_unstable();
                }
            }
        }
        if cue_orgs.is_empty() {
            return repaired;
        }
        for (rep, sw) in repaired.iter_mut().zip(&words) {
            for span in rep.iter_mut() {
                let (a, b, ty) = *span;
                if b - a != 1 || !matches!(ty, "PER" | "LOC") {
                    continue;
                }
                let Some(&w) = sw.get(a) else {
                    continue;
                };
                let key = w.to_lowercase();
                if cue_orgs.contains(&key)
                    && !person_words.contains(&key)
                    && !self.given.contains(w)
                    && self.known_mask(&[w]) & 5 == 0
                {
                    span.2 = "ORG";
                }
            }
            // "CEO of Veltra Annika Falkenrath": such a company opening a
            // long "person" is split off.
            let mut k = 0;
            while k < rep.len() {
                let Some(&(a, b, ty)) = rep.get(k) else {
                    break;
                };
                let first = sw.get(a).copied().unwrap_or("");
                if ty == "PER"
                    && b - a >= 3
                    && cue_orgs.contains(&first.to_lowercase())
                    && !self.given.contains(first)
                {
                    rep[k] = (a, a + 1, "ORG");
                    rep.insert(k + 1, (a + 1, b, "PER"));
                    k += 1;
                }
                k += 1;
            }
        }
        repaired
    }

    /// Like [`tag_tokens`](Self::tag_tokens) without the context repairs:
    /// the model's decision with the rules of [`spans_from_tags`] (a lone
    /// digit-letter code such as "5G" is never an entity, a capitalized
    /// function word opening a sentence is not part of a name, a comma
    /// splits a span).
    pub fn tag_tokens_unrepaired<S: AsRef<str>>(
        &self,
        sents: &[Vec<S>],
    ) -> Vec<Vec<(usize, usize, &'static str)>> {
        let tags = self.model.tag_doc(sents);
        tags.iter()
            .zip(sents)
            .map(|(t, sw)| {
                let words: Vec<&str> = sw.iter().map(AsRef::as_ref).collect();
                let is_common = |w: &str| {
                    self.is_common_lowercase(w)
                        || (w.len() > 5
                            && w.ends_with("ly")
                            && words.get(1) == Some(&",")
                            && !self.in_gazetteer(w))
                };
                spans_from_tags(t, &words, &is_common)
            })
            .collect()
    }

    /// Type bits (1 PER, 2 ORG, 4 LOC, 8 MISC) of the name `words` in the
    /// model's gazetteers.
    fn known_mask(&self, words: &[&str]) -> u8 {
        let h = train::gazetteer_key(words);
        self.model.res.gaz.get(&h).copied().unwrap_or(0)
            | self.model.res.ext.get(&h).copied().unwrap_or(0)
    }

    /// Whether the name `words` ends in a company word ("Helmsdale
    /// Biotech") and the gazetteers do not know it as a person: the repairs
    /// make it an organisation whatever the tagger said.
    fn is_company_name(&self, words: &[&str]) -> bool {
        repair::ends_in_company_word(words) && self.known_mask(words) & 1 == 0
    }

    /// Whether `w` (not in capitals) is capitalized inside sentences less
    /// than 10% of the time in the unlabeled text.
    fn is_common_lowercase(&self, w: &str) -> bool {
        if !w.chars().any(char::is_lowercase) {
            return false;
        }
        let h = features::hash_lower(w);
        self.model.res.clusters.get(&h).is_some_and(|c| c.2 == 1)
    }

    /// Whether the one-word name `w` is in a gazetteer of the model.
    fn in_gazetteer(&self, w: &str) -> bool {
        let h = train::gazetteer_key(&[w]);
        self.model.res.gaz.contains_key(&h) || self.model.res.ext.contains_key(&h)
    }

    /// Whether `name` is a place in the model's gazetteers (training data,
    /// GUM, MEANTIME).
    pub fn is_known_place(&self, name: &str) -> bool {
        let words: Vec<&str> = tokenize::tokenize(name)
            .into_iter()
            .filter_map(|r| name.get(r))
            .collect();
        let h = train::gazetteer_key(&words);
        let loc = 1 << 2;
        self.model.res.gaz.get(&h).is_some_and(|m| m & loc != 0)
            || self.model.res.ext.get(&h).is_some_and(|m| m & loc != 0)
    }

    /// Finds entities in `text`: byte ranges with their labels, in order.
    pub fn recognize(&self, text: &str) -> Vec<(Range<usize>, EntityLabel)> {
        let toks = tokenize::tokenize(text);
        let sents = tokenize::sentences(text, &toks);
        self.recognize_tokens(text, &toks, &sents)
    }

    /// Like [`recognize`](Self::recognize) with tokens and sentences (ranges
    /// of token indices) given.
    pub fn recognize_tokens(
        &self,
        text: &str,
        toks: &[Range<usize>],
        sents: &[Range<usize>],
    ) -> Vec<(Range<usize>, EntityLabel)> {
        let words: Vec<Vec<&str>> = sents
            .iter()
            .map(|s| {
                toks.get(s.clone())
                    .unwrap_or(&[])
                    .iter()
                    .map(|r| text.get(r.clone()).unwrap_or(""))
                    .collect()
            })
            .collect();
        let spans = self.tag_tokens(&words);
        let mut out = Vec::new();
        for ((s, sp), sw) in sents.iter().zip(&spans).zip(&words) {
            for &(a, b, ty) in sp {
                let ent_words = sw.get(a..b).unwrap_or(&[]);
                let (Some(first), Some(last)) = (toks.get(s.start + a), toks.get(s.start + b - 1))
                else {
                    continue;
                };
                out.push((first.start..last.end, labels::fine_label(ty, ent_words)));
            }
        }
        out
    }
}

impl repair::Lexicon for EntityRecognizer {
    fn known(&self, words: &[&str]) -> u8 {
        self.known_mask(words)
    }
    fn known_external(&self, words: &[&str]) -> u8 {
        let h = train::gazetteer_key(words);
        self.model.res.ext.get(&h).copied().unwrap_or(0)
    }
    fn is_common(&self, w: &str) -> bool {
        self.is_common_lowercase(w)
    }
    fn is_given_name(&self, w: &str) -> bool {
        self.given.contains(w)
    }
}

/// Entity spans `(start, end, CoNLL type)` of one sentence's BIO tags, with
/// the post-tagging rules: a capitalized function word opening the sentence
/// is dropped from a name ("Another Acme employee"); a lone digit-letter
/// code ("5G") and a lone sentence-initial word for which `is_common` holds
/// are not entities; a comma splits a span in two.
pub fn spans_from_tags(
    tags: &[u8],
    words: &[&str],
    is_common: &dyn Fn(&str) -> bool,
) -> Vec<(usize, usize, &'static str)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < tags.len() {
        let Some(ty) = model::tag_type(tags[i]) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < tags.len() && model::is_inside(tags[j]) && model::tag_type(tags[j]) == Some(ty) {
            j += 1;
        }
        let mut a = i;
        // "The Commerce Department said": a sentence's capitalised "The"
        // before a name of two words or more is the article, not the name
        // ("The Hague" keeps it).
        // (Counted up to a comma, which splits the span below.)
        let seg = (a..j).find(|&k| words.get(k) == Some(&",")).unwrap_or(j);
        let leading_the = seg >= 3 && words.first() == Some(&"The");
        if a == 0
            && j > 1
            && (leading_the || words.first().is_some_and(|w| is_leading_function_word(w)))
        {
            a = 1;
        }
        let single_code = j - a == 1 && words.get(a).is_some_and(|w| is_non_entity_token(w));
        // The plural test is not for people: "Sessions said", "Waters
        // said" are surnames the tagger rightly took for names.
        let common_word = j - a == 1
            && a == 0
            && words.first().is_some_and(|w| {
                is_common(w)
                    || (model::TYPES.get(ty) != Some(&"PER")
                        && singular(w).is_some_and(|s| is_common(&s)))
            });
        if !single_code && !common_word {
            let name = model::TYPES.get(ty).copied().unwrap_or("MISC");
            let mut start = a;
            for k in a..j {
                if words.get(k) == Some(&",") {
                    if k > start {
                        out.push((start, k, name));
                    }
                    start = k + 1;
                }
            }
            if j > start {
                out.push((start, j, name));
            }
        }
        i = j;
    }
    out
}

/// The singular of a capitalized plural noun opening a sentence
/// ("Campaigners" → "Campaigner", "Utilities" → "Utility"), for the
/// common-word check; `None` for words that do not end like a plural.
fn singular(w: &str) -> Option<String> {
    if w.len() < 5 || w.ends_with("ss") || w.ends_with("us") || w.ends_with('\'') {
        return None;
    }
    if let Some(stem) = w.strip_suffix("ies") {
        return Some(format!("{stem}y"));
    }
    w.strip_suffix('s').map(str::to_string)
}

/// Capitalized function words that can open a sentence but not a name.
pub(crate) fn is_leading_function_word(w: &str) -> bool {
    const WORDS: &[&str] = &[
        "another",
        "a",
        "an",
        "this",
        "that",
        "these",
        "those",
        "some",
        "many",
        "most",
        "every",
        "each",
        "all",
        "both",
        "no",
        "our",
        "their",
        "his",
        "her",
        "its",
        "my",
        "your",
        "when",
        "while",
        "if",
        "but",
        "and",
        "or",
        "so",
        "as",
        "after",
        "before",
        "since",
        "in",
        "on",
        "at",
        "for",
        "with",
        "by",
        "from",
        "however",
        "meanwhile",
        "also",
        "even",
        "then",
        "now",
        "today",
        "yesterday",
        "why",
        "how",
        "what",
        "where",
        "who",
        "former",
        "other",
        "only",
    ];
    WORDS.contains(&w.to_ascii_lowercase().as_str())
}

/// Acronyms that are common nouns in today's news ("uses AI", "the IPO",
/// "EVs", "a PhD"): the tagger, trained on 1996 text that never has them,
/// takes them for organisations. None is an entity on its own in
/// CoNLL-2003.
const COMMON_NOUN_ACRONYMS: &[&str] = &[
    "AI", "AGI", "API", "APIs", "ATM", "ATMs", "CCTV", "CEO", "CFO", "COO", "CTO", "CPU", "CPUs",
    "DNA", "RNA", "ESG", "EV", "EVs", "GDP", "GPS", "GPU", "GPUs", "ICU", "IPO", "IPOs", "LED",
    "LCD", "LLM", "LLMs", "LNG", "NFT", "NFTs", "PhD", "PPE", "SMS", "SUV", "SUVs", "USB", "VAT",
    "VPN",
];

/// Tokens never taken as entities on their own: technology generations and
/// similar digit-letter codes ("5G", "4K", "3D"), and acronyms that are
/// common nouns ("AI", "IPO", "EVs").
pub fn is_non_entity_token(w: &str) -> bool {
    let b = w.as_bytes();
    (b.len() <= 3
        && b.first().is_some_and(u8::is_ascii_digit)
        && b.last().is_some_and(u8::is_ascii_alphabetic)
        && b.iter().all(u8::is_ascii_alphanumeric))
        || COMMON_NOUN_ACRONYMS.contains(&w)
}

/// Evaluates the embedded model on a CoNLL file (exact span match, as
/// conlleval), with predicted labels mapped to CoNLL's PER/ORG/LOC/MISC.
pub fn eval_conll(path: &Path) -> Result<String, EntitiesError> {
    let rec = EntityRecognizer::embedded()?;
    eval_conll_with(&rec, path)
}

/// [`eval_conll`] with a given recognizer.
pub fn eval_conll_with(rec: &EntityRecognizer, path: &Path) -> Result<String, EntitiesError> {
    let docs = conll::read(path)?;
    let mut sc = conll::Scorer::default();
    let t0 = std::time::Instant::now();
    let mut ntok = 0usize;
    for d in &docs {
        let words: Vec<Vec<&str>> = d
            .sents
            .iter()
            .map(|s| s.words.iter().map(String::as_str).collect())
            .collect();
        let spans = rec.tag_tokens(&words);
        for ((s, sp), ws) in d.sents.iter().zip(&spans).zip(&words) {
            let mut pred = vec!["O".to_string(); s.words.len()];
            for &(a, b, ty) in sp {
                let ent = ws.get(a..b).unwrap_or(&[]);
                let mapped = labels::to_conll(labels::fine_label(ty, ent));
                for (k, p) in pred.iter_mut().enumerate().take(b).skip(a) {
                    *p = format!("{}-{mapped}", if k == a { "B" } else { "I" });
                }
            }
            ntok += s.words.len();
            sc.add(&s.tags, &pred);
        }
    }
    let secs = t0.elapsed().as_secs_f64();
    let mut r = format!(
        "entities eval on {} ({} documents)\nlabel mapping: PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC, NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/MISC→MISC\n",
        path.display(),
        docs.len()
    );
    r.push_str(&sc.report());
    r.push_str(&format!(
        "tagging speed: {:.0} tokens/s (pre-tokenized)\n",
        ntok as f64 / secs.max(1e-9)
    ));
    Ok(r)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn embedded_model_loads_and_tags_news() {
        let rec = EntityRecognizer::embedded().unwrap();
        let text = "Prime Minister Erna Solberg met Siemens chief executive Joe Kaeser in Berlin \
                    on Tuesday, and German officials said the talks would continue.";
        let found: Vec<(&str, EntityLabel)> = rec
            .recognize(text)
            .into_iter()
            .map(|(r, l)| (&text[r], l))
            .collect();
        assert!(
            found.contains(&("Erna Solberg", EntityLabel::Person)),
            "{found:?}"
        );
        assert!(found.contains(&("Berlin", EntityLabel::Gpe)), "{found:?}");
        assert!(found.contains(&("Siemens", EntityLabel::Org)), "{found:?}");
        assert!(found.contains(&("German", EntityLabel::Norp)), "{found:?}");
        // A second handle shares the same model.
        let again = EntityRecognizer::embedded().unwrap();
        assert!(Arc::ptr_eq(&rec.model, &again.model));
    }

    #[test]
    fn sentence_initial_adverbs_are_not_names() {
        let rec = EntityRecognizer::embedded().unwrap();
        let text = "Surprisingly, the mayor of Lisbon agreed.";
        let found: Vec<&str> = rec
            .recognize(text)
            .into_iter()
            .map(|(r, _)| &text[r])
            .collect();
        assert!(!found.contains(&"Surprisingly"), "{found:?}");
        assert!(found.contains(&"Lisbon"), "{found:?}");
    }

    #[test]
    fn post_tagging_rules() {
        use model::{b_tag, i_tag};
        let never = |_: &str| false;
        // "The Commerce Department": the sentence's "The" leaves a name of
        // two words or more; "The Hague" keeps it.
        let w = ["The", "Commerce", "Department", "said"];
        let t = [b_tag(1), i_tag(1), i_tag(1), 0];
        assert_eq!(spans_from_tags(&t, &w, &never), vec![(1, 3, "ORG")]);
        let w = ["The", "Hague", "ruled"];
        let t = [b_tag(2), i_tag(2), 0];
        assert_eq!(spans_from_tags(&t, &w, &never), vec![(0, 2, "LOC")]);
        let w = ["The", "Hague", ",", "Netherlands"];
        let t = [b_tag(2), i_tag(2), i_tag(2), i_tag(2)];
        assert_eq!(
            spans_from_tags(&t, &w, &never),
            vec![(0, 2, "LOC"), (3, 4, "LOC")]
        );
        // "Another Acme employee": the function word leaves the name.
        let w = ["Another", "Acme", "employee"];
        let t = [b_tag(1), i_tag(1), 0];
        assert_eq!(spans_from_tags(&t, &w, &never), vec![(1, 2, "ORG")]);
        // A comma splits; "5G" alone is dropped.
        let w = ["Big", "Tech", ",", "Acme", "and", "5G"];
        let t = [b_tag(3), i_tag(3), i_tag(3), i_tag(3), 0, b_tag(3)];
        assert_eq!(
            spans_from_tags(&t, &w, &never),
            vec![(0, 2, "MISC"), (3, 4, "MISC")]
        );
        // A common sentence-initial word alone is dropped, not elsewhere.
        let w = ["Frankly", ",", "Oslo", "won"];
        let t = [b_tag(0), 0, b_tag(2), 0];
        let common = |x: &str| x == "Frankly";
        assert_eq!(spans_from_tags(&t, &w, &common), vec![(2, 3, "LOC")]);
        // ... and a plural of a common word ("Campaigners said"), unless
        // the tagger took it for a person ("Sessions said").
        let w = ["Campaigners", "said", "Oslo", "won"];
        let common = |x: &str| x == "Campaigner" || x == "Session";
        let t = [b_tag(1), 0, b_tag(2), 0];
        assert_eq!(spans_from_tags(&t, &w, &common), vec![(2, 3, "LOC")]);
        let w = ["Sessions", "said", "Oslo", "won"];
        let t = [b_tag(0), 0, b_tag(2), 0];
        assert_eq!(
            spans_from_tags(&t, &w, &common),
            vec![(0, 1, "PER"), (2, 3, "LOC")]
        );
        // An I- tag after O still starts a span (lenient decoding).
        let t = [0, 0, i_tag(2), 0];
        assert_eq!(spans_from_tags(&t, &w, &never), vec![(2, 3, "LOC")]);
    }

    /// Sentences split on spaces, for the tag_tokens tests.
    fn split(sents: &[&'static str]) -> Vec<Vec<&'static str>> {
        sents.iter().map(|s| s.split(' ').collect()).collect()
    }

    #[test]
    fn a_company_the_tagger_took_for_a_person_lends_no_surname() {
        let rec = EntityRecognizer::embedded().unwrap();
        let sents = split(&[
            "Its partner , Quorvale Biotech , will receive royalties .",
            "CEO of Quorvale , Ansel Pryderi , said the money would fund trials .",
        ]);
        // The tagger's own reading: two persons.
        let raw = rec.tag_tokens_unrepaired(&sents);
        assert!(raw[0].contains(&(3, 5, "PER")), "{raw:?}");
        assert!(raw[1].contains(&(2, 3, "PER")), "{raw:?}");
        // "Quorvale Biotech" is a company, so "Quorvale" is no surname of a
        // person of the document, and "CEO of" makes it the company.
        let got = rec.tag_tokens(&sents);
        assert!(got[0].contains(&(3, 5, "ORG")), "{got:?}");
        assert!(got[1].contains(&(2, 3, "ORG")), "{got:?}");
    }

    #[test]
    fn a_company_cue_in_one_sentence_holds_for_the_document() {
        let rec = EntityRecognizer::embedded().unwrap();
        let sents = split(&[
            "Orla Fennimore named chief executive of Brindlecot",
            "Brindlecot , the meal-kit app , has named Orla Fennimore as its chief executive .",
            "\" Brindlecot is at an exciting point , \" Fennimore said .",
            "Investors said Brindlecot was growing fast .",
        ]);
        let raw = rec.tag_tokens_unrepaired(&sents);
        assert!(raw[2].contains(&(1, 2, "PER")), "{raw:?}");
        assert!(raw[3].contains(&(2, 3, "PER")), "{raw:?}");
        let got = rec.tag_tokens(&sents);
        assert!(got[0].contains(&(6, 7, "ORG")), "{got:?}");
        assert!(got[2].contains(&(1, 2, "ORG")), "{got:?}");
        assert!(got[3].contains(&(2, 3, "ORG")), "{got:?}");
        // Not for a surname of a person of the document ("Brindlecot"
        // the company named after Orla Brindlecot).
        let sents = split(&[
            "Orla Brindlecot named chief executive of Brindlecot",
            "Brindlecot , the meal-kit app , has named Orla Brindlecot as its chief executive .",
            "Investors said Brindlecot was growing fast .",
        ]);
        let raw = rec.tag_tokens_unrepaired(&sents);
        let got = rec.tag_tokens(&sents);
        assert_eq!(raw[2], got[2], "{raw:?} {got:?}");
        assert!(
            raw[2].contains(&(2, 3, "PER")) && got[0].contains(&(6, 7, "ORG")),
            "{raw:?} {got:?}"
        );
    }

    #[test]
    fn a_surname_of_the_document_the_tagger_missed_is_the_person() {
        let rec = EntityRecognizer::embedded().unwrap();
        let text = "Senator Halvard Nye met the committee. \
                    But Nye is at the bottom of the list in the committee.";
        let toks = tokenize::tokenize(text);
        let sents: Vec<Vec<&str>> = tokenize::sentences(text, &toks)
            .into_iter()
            .map(|s| toks[s].iter().map(|r| &text[r.clone()]).collect())
            .collect();
        assert_eq!(sents.len(), 2, "{sents:?}");
        let raw = rec.tag_tokens_unrepaired(&sents);
        assert!(raw[1].is_empty(), "{raw:?}");
        let got = rec.tag_tokens(&sents);
        let at = sents[1].iter().position(|w| *w == "Nye").unwrap();
        assert_eq!(got[1], vec![(at, at + 1, "PER")], "{got:?}");
        // A weekday is nobody's surname here.
        let sents = split(&["Ada Monday spoke .", "She left on Monday ."]);
        assert!(rec.tag_tokens(&sents)[1].is_empty());
    }

    #[test]
    fn a_company_opening_a_long_person_name_is_split_off() {
        let rec = EntityRecognizer::embedded().unwrap();
        let sents = split(&[
            "\" This deal is good for Italy , \" said Torvalle , which is controlled by a family .",
            "CEO of Torvalle Annika Falkenrath said the firms would merge .",
        ]);
        let raw = rec.tag_tokens_unrepaired(&sents);
        assert!(raw[1].contains(&(2, 5, "PER")), "{raw:?}");
        let got = rec.tag_tokens(&sents);
        assert!(got[0].contains(&(10, 11, "ORG")), "{got:?}");
        assert_eq!(&got[1][..2], &[(2, 3, "ORG"), (3, 5, "PER")], "{got:?}");
    }

    #[test]
    fn codes_like_5g_are_not_entities() {
        assert!(is_non_entity_token("5G"));
        assert!(is_non_entity_token("4K"));
        assert!(!is_non_entity_token("G7"));
        assert!(!is_non_entity_token("Oslo"));
        assert!(is_non_entity_token("AI") && is_non_entity_token("EVs"));
        assert!(!is_non_entity_token("NHS"));
        // Alone they are dropped; inside a name they stay.
        let never = |_: &str| false;
        let w = ["Brill", "uses", "AI", "from", "Acme", "AI", "Labs"];
        let t = [
            model::b_tag(1),
            0,
            model::b_tag(1),
            0,
            model::b_tag(1),
            model::i_tag(1),
            model::i_tag(1),
        ];
        assert_eq!(
            spans_from_tags(&t, &w, &never),
            vec![(0, 1, "ORG"), (4, 7, "ORG")]
        );
        let rec = EntityRecognizer::embedded().unwrap();
        let text = "Operators in Sweden are building 5G networks.";
        assert!(rec
            .recognize(text)
            .iter()
            .all(|(r, _)| &text[r.clone()] != "5G"));
    }

    #[test]
    fn eval_reports_scores_on_a_small_file() {
        let dir = std::env::temp_dir().join(format!("gleaner-ent-eval-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let p = dir.join("mini.conll");
        std::fs::write(
            &p,
            "-DOCSTART- -X- -X- O\n\nPresident NNP B-NP O\nBarack NNP I-NP B-PER\nObama NNP I-NP I-PER\nvisited VBD B-VP O\nFrance NNP B-NP B-LOC\n. . O O\n",
        )
        .unwrap();
        let r = eval_conll(&p).unwrap();
        assert!(r.contains("processed 6 tokens with 2 phrases"), "{r}");
        assert!(r.contains("PER") && r.contains("LOC"), "{r}");
        std::fs::remove_dir_all(&dir).unwrap();
        assert!(eval_conll(Path::new("/nonexistent/file.conll")).is_err());
    }
}
