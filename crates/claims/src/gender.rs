//! The gender a document gives each person it names, so that "he said" and
//! "she said" reach someone they can refer to.
//!
//! The evidence, with its weight:
//! - a title right before a mention ("Mr. Lowry", "Dame Ann Park": weight 3);
//! - a gendered role or kinship noun naming the person, before the name
//!   ("his wife, Helen Lowry", "spokeswoman Ann Park") or as an apposition
//!   after it ("Tom Lowry, her husband,": weight 2);
//! - a third-person pronoun outside quotation marks that can only be theirs:
//!   the person is the first one named in their sentence, and from that
//!   sentence's start to a "he/his/him" or "she/her" at most one sentence
//!   later no other person is named (weight 1);
//! - a given name the embedded table knows (`model/given-names.tsv`: names
//!   whose bearers the CoNLL-2003 and PolNeAR training texts mostly call
//!   "he" or "she" by the evidence above; [`learn_given_names`] makes it),
//!   once per person, from their first mention of two words or more
//!   (weight 2).
//!
//! The larger total wins; a tie stays unknown, and unknown agrees with
//! every pronoun.

use crate::resolve::MentionRef;
use gleaner_core::EntityLabel;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::sync::LazyLock;

/// The embedded given-name table: `name<TAB>M|F<TAB>documents`, `#` comments.
const GIVEN_NAMES: &str = include_str!("../model/given-names.tsv");

static NAMES: LazyLock<HashMap<&'static str, Gender>> = LazyLock::new(|| parse_names(GIVEN_NAMES));

fn parse_names(table: &str) -> HashMap<&str, Gender> {
    table
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut cols = l.split('\t');
            let name = cols.next()?;
            let g = match cols.next()? {
                "M" => Gender::Male,
                "F" => Gender::Female,
                _ => return None,
            };
            Some((name, g))
        })
        .collect()
}

/// The gender the embedded table gives a given name ("Sarah"), if any.
pub fn given_name(name: &str) -> Gender {
    NAMES.get(name).copied().unwrap_or_default()
}

/// What the document says of a person's gender.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Gender {
    /// No evidence, or as much for one as for the other.
    #[default]
    Unknown,
    /// Referred to as "he", "Mr.", "his wife's husband" …
    Male,
    /// Referred to as "she", "Ms.", "his wife" …
    Female,
}

impl Gender {
    /// The gender a pronoun refers to ("he" → male); unknown for others.
    pub fn of_pronoun(word: &str) -> Gender {
        // Called on every word of a document: compare without allocating.
        let is = |forms: &[&str]| forms.iter().any(|f| f.eq_ignore_ascii_case(word));
        if is(&["he", "him", "his", "himself"]) {
            Gender::Male
        } else if is(&["she", "her", "hers", "herself"]) {
            Gender::Female
        } else {
            Gender::Unknown
        }
    }

    /// Whether the two can be the same person: equal, or either unknown.
    pub fn agrees(self, other: Gender) -> bool {
        self == Gender::Unknown || other == Gender::Unknown || self == other
    }
}

const MALE_TITLES: &[&str] = &[
    "mr", "sir", "lord", "king", "prince", "duke", "monsieur", "herr", "señor", "senor",
];
const FEMALE_TITLES: &[&str] = &[
    "mrs", "ms", "miss", "lady", "dame", "queen", "princess", "duchess", "madame", "mme", "frau",
    "señora", "senora",
];
const MALE_NOUNS: &[&str] = &[
    "husband",
    "father",
    "son",
    "brother",
    "widower",
    "boyfriend",
    "grandfather",
    "grandson",
    "uncle",
    "nephew",
    "stepfather",
    "stepson",
    "businessman",
    "chairman",
    "congressman",
    "spokesman",
    "councilman",
    "assemblyman",
    "policeman",
];
const FEMALE_NOUNS: &[&str] = &[
    "wife",
    "mother",
    "daughter",
    "sister",
    "widow",
    "girlfriend",
    "grandmother",
    "granddaughter",
    "aunt",
    "niece",
    "stepmother",
    "stepdaughter",
    "businesswoman",
    "chairwoman",
    "congresswoman",
    "spokeswoman",
    "councilwoman",
    "assemblywoman",
    "policewoman",
    "actress",
];
/// Words that may stand between an apposition's comma and its noun
/// ("Tom Lowry, her late husband,").
const APPOSITION_WORDS: &[&str] = &[
    "his",
    "her",
    "their",
    "the",
    "a",
    "an",
    "late",
    "former",
    "estranged",
    "eldest",
    "elder",
    "younger",
    "older",
    "second",
];

/// The gender of `word`, lowercased, by the two lists.
fn listed(word: &str, male: &[&str], female: &[&str]) -> Gender {
    let w = word.to_lowercase();
    if male.contains(&w.as_str()) {
        Gender::Male
    } else if female.contains(&w.as_str()) {
        Gender::Female
    } else {
        Gender::Unknown
    }
}

/// "wife" → female; a word with a final period ("wife.") ends a sentence
/// and names no one.
fn noun_gender(word: &str) -> Gender {
    listed(word, MALE_NOUNS, FEMALE_NOUNS)
}

/// "Mr." and "Mr" → male.
fn title_gender(word: &str) -> Gender {
    listed(word.trim_end_matches('.'), MALE_TITLES, FEMALE_TITLES)
}

/// A char boundary at most `n` bytes before `at`.
fn back(text: &str, at: usize, n: usize) -> usize {
    let mut a = at.saturating_sub(n);
    while a > 0 && !text.is_char_boundary(a) {
        a -= 1;
    }
    a
}

/// A char boundary at most `n` bytes after `at`, within `text`.
fn ahead(text: &str, at: usize, n: usize) -> usize {
    let mut b = (at + n).min(text.len());
    while b > at && !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

/// Words of `s` with their byte offsets in the whole text (`base` + …).
fn words(s: &str, base: usize) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        let part = c.is_alphanumeric() || c == '.' || c == '\'' || c == '’';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(a)) => {
                out.push((base + a, &s[a..i]));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(a) = start {
        out.push((base + a, &s[a..]));
    }
    out
}

/// Byte ranges inside quotation marks (straight or curly), per paragraph.
fn quoted(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match c {
            '\n' => {
                if let Some(a) = open.take() {
                    out.push((a, i));
                }
            }
            '“' => open = Some(i),
            '”' => {
                if let Some(a) = open.take() {
                    out.push((a, i));
                }
            }
            '"' => match open.take() {
                Some(a) => out.push((a, i)),
                None => open = Some(i),
            },
            _ => {}
        }
    }
    if let Some(a) = open {
        out.push((a, text.len()));
    }
    out
}

/// The gender of each of `entities` entities, from `mentions` (sorted by
/// start, byte offsets into `text`) and the sentence start offsets
/// `sentence_starts` (sorted; empty means one sentence).
pub fn genders(
    text: &str,
    mentions: &[MentionRef],
    sentence_starts: &[usize],
    entities: usize,
) -> Vec<Gender> {
    let (male, female) = evidence(text, mentions, sentence_starts, entities, true);
    male.iter()
        .zip(&female)
        .map(|(&m, &f)| match m.cmp(&f) {
            std::cmp::Ordering::Greater => Gender::Male,
            std::cmp::Ordering::Less => Gender::Female,
            std::cmp::Ordering::Equal => Gender::Unknown,
        })
        .collect()
}

/// The weighted evidence for each entity being male and female, with or
/// without the given-name table.
fn evidence(
    text: &str,
    mentions: &[MentionRef],
    sentence_starts: &[usize],
    entities: usize,
    with_names: bool,
) -> (Vec<u32>, Vec<u32>) {
    let mut male = vec![0u32; entities];
    let mut female = vec![0u32; entities];
    let mut vote = |entity: usize, g: Gender, weight: u32| {
        let tally = match g {
            Gender::Male => &mut male,
            Gender::Female => &mut female,
            Gender::Unknown => return,
        };
        if let Some(t) = tally.get_mut(entity) {
            *t += weight;
        }
    };
    let people: Vec<&MentionRef> = mentions
        .iter()
        .filter(|m| m.label == EntityLabel::Person)
        .collect();
    for m in &people {
        // The word right before the name, with only a space or a comma
        // between: "Mr. Lowry", "spokeswoman Ann Park", "his wife, Helen".
        let head = text.get(back(text, m.start, 40)..m.start).unwrap_or("");
        if let Some(&(at, w)) = words(head, m.start - head.len()).last() {
            let gap = text.get(at + w.len()..m.start).unwrap_or("");
            if gap.trim().is_empty() {
                vote(m.entity, title_gender(w), 3);
            }
            if gap.trim().is_empty() || gap.trim() == "," {
                vote(m.entity, noun_gender(w), 2);
            }
        }
        // A title tagged inside the mention ("Mr. Lowry" whole).
        let own = text.get(m.start..m.end).unwrap_or("");
        if let Some(&(_, w)) = words(own, m.start).first() {
            vote(m.entity, title_gender(w), 3);
        }
        // "Tom Lowry, her late husband,".
        let tail = text.get(m.end..ahead(text, m.end, 80)).unwrap_or("");
        if let Some(rest) = tail.strip_prefix(", ") {
            for (_, w) in words(rest, 0).into_iter().take(4) {
                let g = noun_gender(w);
                if g != Gender::Unknown {
                    // Not "the son of" someone else's name: the noun ends
                    // the apposition or governs "of".
                    vote(m.entity, g, 2);
                    break;
                }
                let lw = w.to_lowercase();
                let possessive = w.ends_with("'s") || w.ends_with("’s");
                if !APPOSITION_WORDS.contains(&lw.as_str()) && !possessive {
                    break;
                }
            }
        }
    }
    // A given name the table knows, once per person.
    let mut named: HashSet<usize> = HashSet::new();
    for m in &people {
        if !with_names || named.contains(&m.entity) {
            continue;
        }
        let own = text.get(m.start..m.end).unwrap_or("");
        let ws = words(own, m.start);
        if ws.len() >= 2 {
            // Past a title ("Dr. Sarah Lee"): the first word the table knows.
            let g = ws
                .iter()
                .take(ws.len() - 1)
                .map(|&(_, w)| given_name(w))
                .find(|g| *g != Gender::Unknown)
                .unwrap_or_default();
            vote(m.entity, g, 2);
            named.insert(m.entity);
        }
    }
    // Pronouns that can only be one person's.
    let quotes = quoted(text);
    let sentence_of = |at: usize| -> usize {
        match sentence_starts.partition_point(|&s| s <= at) {
            0 => 0,
            k => k - 1,
        }
    };
    let start_of = |k: usize| sentence_starts.get(k).copied().unwrap_or(0);
    for (at, w) in words(text, 0) {
        let g = Gender::of_pronoun(w);
        // The ranges are sorted and disjoint: the last one opening before.
        let k = quotes.partition_point(|&(a, _)| a < at);
        let quoted = k > 0 && quotes.get(k - 1).is_some_and(|&(_, b)| at < b);
        if g == Gender::Unknown || quoted {
            continue;
        }
        let here = sentence_of(at);
        let from = start_of(here.saturating_sub(1));
        // People named from the previous sentence's start up to the pronoun.
        let lo = people.partition_point(|m| m.start < from);
        let hi = people.partition_point(|m| m.start < at);
        let Some(last) = people.get(lo..hi).and_then(|p| p.last()) else {
            continue;
        };
        let first_of_its_sentence = start_of(sentence_of(last.start));
        let lo2 = people.partition_point(|m| m.start < first_of_its_sentence);
        let alone = people
            .get(lo2..hi)
            .is_some_and(|p| p.iter().all(|m| m.entity == last.entity));
        if alone {
            vote(last.entity, g, 1);
        }
    }
    (male, female)
}

/// One document for [`learn_given_names`]: its text, its person mentions
/// (sorted, entity indices dense from 0) and its sentence starts.
pub struct LearnDoc {
    /// The text.
    pub text: String,
    /// Person mentions, sorted by start.
    pub mentions: Vec<MentionRef>,
    /// Sentence start offsets, sorted.
    pub sentence_starts: Vec<usize>,
}

/// Given names and how many documents call their bearer "he" and "she":
/// for every person a document genders decisively by its own evidence
/// (titles, role nouns, pronouns; not the embedded table: a weight of 2
/// or more, three times the other's), the first word of each of their
/// mentions of two words or more, once per document.
pub fn learn_given_names(docs: &[LearnDoc]) -> BTreeMap<String, (u32, u32)> {
    let mut out: BTreeMap<String, (u32, u32)> = BTreeMap::new();
    for d in docs {
        let n = d.mentions.iter().map(|m| m.entity + 1).max().unwrap_or(0);
        let (male, female) = evidence(&d.text, &d.mentions, &d.sentence_starts, n, false);
        let g: Vec<Gender> = male
            .iter()
            .zip(&female)
            .map(|(&m, &f)| {
                if m >= 2 && m >= 3 * f {
                    Gender::Male
                } else if f >= 2 && f >= 3 * m {
                    Gender::Female
                } else {
                    Gender::Unknown
                }
            })
            .collect();
        let mut seen: HashSet<(usize, String)> = HashSet::new();
        for m in &d.mentions {
            let gender = g.get(m.entity).copied().unwrap_or_default();
            let own = d.text.get(m.start..m.end).unwrap_or("");
            let ws = words(own, m.start);
            let Some(&(_, first)) = ws.first() else {
                continue;
            };
            let plain = first.chars().all(char::is_alphabetic)
                && first.chars().next().is_some_and(char::is_uppercase)
                && title_gender(first) == Gender::Unknown;
            if ws.len() < 2 || !plain || gender == Gender::Unknown {
                continue;
            }
            if seen.insert((m.entity, first.to_string())) {
                let e = out.entry(first.to_string()).or_default();
                match gender {
                    Gender::Male => e.0 += 1,
                    Gender::Female => e.1 += 1,
                    Gender::Unknown => {}
                }
            }
        }
    }
    out
}

/// The table [`learn_given_names`]'s counts make: names seen in at least
/// `min_docs` documents, at least 80 % of them one way.
pub fn given_names_table(votes: &BTreeMap<String, (u32, u32)>, min_docs: u32) -> String {
    let mut out = String::new();
    for (name, &(m, f)) in votes {
        let total = m + f;
        if total < min_docs {
            continue;
        }
        let g = if m * 5 >= total * 4 {
            "M"
        } else if f * 5 >= total * 4 {
            "F"
        } else {
            continue;
        };
        out.push_str(&format!("{name}\t{g}\t{total}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Person mentions at every occurrence of each name (entity = index).
    fn people(text: &str, names: &[&str]) -> Vec<MentionRef> {
        let mut out = Vec::new();
        for (k, n) in names.iter().enumerate() {
            for (at, _) in text.match_indices(n) {
                out.push(MentionRef {
                    start: at,
                    end: at + n.len(),
                    entity: k,
                    label: EntityLabel::Person,
                });
            }
        }
        out.sort_by_key(|m| (m.start, m.end));
        out
    }

    fn starts(text: &str) -> Vec<usize> {
        let mut s = vec![0];
        s.extend(text.match_indices(". ").map(|(i, _)| i + 2));
        s
    }

    #[test]
    fn a_known_given_name_counts_once_and_evidence_in_the_text_outweighs_it() {
        let t = parse_names("# comment\nSarah\tF\t8\nJohn\tM\t13\nOdd\tX\t1\n");
        assert_eq!(t.get("Sarah"), Some(&Gender::Female));
        assert_eq!(t.get("Odd"), None);
        assert_eq!(given_name("Sarah"), Gender::Female, "the embedded table");
        assert_eq!(given_name("John"), Gender::Male);
        let text = "Sarah Pell spoke to John Vey. Later Mr. John Vey left.";
        let m = people(text, &["Sarah Pell", "John Vey"]);
        let g = genders(text, &m, &starts(text), 2);
        assert_eq!(g, vec![Gender::Female, Gender::Male]);
        // A document that calls her "Mr." twice is believed over the table.
        let text = "Mr. Sarah Pell came. Mr. Sarah Pell went.";
        let m = people(text, &["Sarah Pell"]);
        assert_eq!(genders(text, &m, &starts(text), 1), vec![Gender::Male]);
    }

    #[test]
    fn learning_keeps_names_most_documents_agree_on() {
        let doc = |text: &str, names: &[&str]| LearnDoc {
            text: text.to_string(),
            mentions: people(text, names),
            sentence_starts: starts(text),
        };
        let docs = vec![
            doc("Ms. Wenna Tull spoke. She left.", &["Wenna Tull"]),
            doc("Ms. Wenna Aske came. She sat.", &["Wenna Aske"]),
            doc("Wenna Ode came. He sat.", &["Wenna Ode"]),
            doc("Mr. Brin Hale spoke. He left.", &["Brin Hale"]),
        ];
        let votes = learn_given_names(&docs);
        // The third document has one weak vote only: not counted.
        assert_eq!(votes.get("Wenna"), Some(&(0, 2)));
        assert_eq!(votes.get("Brin"), Some(&(1, 0)));
        let table = given_names_table(&votes, 2);
        assert_eq!(table, "Wenna\tF\t2\n");
    }

    proptest::proptest! {
        /// Any text and any mention offsets, even off char boundaries or
        /// past the end: no panic, one gender per entity.
        #[test]
        fn never_panics(
            text in "[ a-zA-Zé“”\"’.,\n]{0,80}",
            spans in proptest::collection::vec((0usize..90, 0usize..12, 0usize..3), 0..6),
            starts in proptest::collection::vec(0usize..90, 0..4),
        ) {
            let mut mentions: Vec<MentionRef> = spans
                .iter()
                .map(|&(a, len, entity)| MentionRef {
                    start: a,
                    end: a + len,
                    entity,
                    label: EntityLabel::Person,
                })
                .collect();
            mentions.sort_by_key(|m| (m.start, m.end));
            let mut starts = starts;
            starts.sort_unstable();
            let g = genders(&text, &mentions, &starts, 3);
            proptest::prop_assert_eq!(g.len(), 3);
        }
    }

    #[test]
    fn titles_and_role_nouns() {
        let text = "Mr. Dale Orton met spokeswoman Rina Vask and Pell Andow, her husband, in town.";
        let m = people(text, &["Dale Orton", "Rina Vask", "Pell Andow"]);
        let g = genders(text, &m, &starts(text), 3);
        assert_eq!(g, vec![Gender::Male, Gender::Female, Gender::Male]);
    }

    #[test]
    fn kinship_before_a_comma_and_an_apposition_with_a_possessive() {
        let text = "He left his wife, Mora Teel. Kit Arno, Teel's eldest son, spoke.";
        let m = people(text, &["Mora Teel", "Kit Arno"]);
        let g = genders(text, &m, &starts(text), 2);
        assert_eq!(g, vec![Gender::Female, Gender::Male]);
    }

    #[test]
    fn a_pronoun_counts_only_when_one_person_is_named_before_it() {
        let text = "Ilse Brandt runs the depot. She opened it in May. \
                    Omar Keel told Ilse Brandt that he would stay.";
        let m = people(text, &["Ilse Brandt", "Omar Keel"]);
        let g = genders(text, &m, &starts(text), 2);
        // "She" follows Brandt alone; "he" follows two people: no vote, so
        // Keel stays unknown.
        assert_eq!(g, vec![Gender::Female, Gender::Unknown]);
    }

    #[test]
    fn pronouns_inside_quotations_do_not_count() {
        let text = "Jon Pask said: “She told me to go.” Nothing else.";
        let m = people(text, &["Jon Pask"]);
        assert_eq!(genders(text, &m, &starts(text), 1), vec![Gender::Unknown]);
    }

    #[test]
    fn a_title_outweighs_a_stray_pronoun_and_ties_stay_unknown() {
        let text = "Ms. Lin Roe arrived. Lin Roe checked his papers. Ada Fry came. She sat. Ada Fry left. He waved.";
        let m = people(text, &["Lin Roe", "Ada Fry"]);
        let g = genders(text, &m, &starts(text), 2);
        assert_eq!(g, vec![Gender::Female, Gender::Unknown]);
        assert!(Gender::Unknown.agrees(Gender::Male));
        assert!(!Gender::Female.agrees(Gender::Male));
        assert_eq!(Gender::of_pronoun("She"), Gender::Female);
    }
}
