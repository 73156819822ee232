//! Resolving a claim's source to a canonical entity of the document.
//!
//! A source that contains an entity mention ("an NCSC spokesperson", "US Vice
//! President Mike Pence") takes that entity, people first (a person,
//! organisation or place; a nationality or group only when it is the whole
//! source); a personal pronoun
//! takes the nearest person mentioned before it whom the document does not
//! name as the other gender ([`crate::gender`]); "it", "the company" and
//! similar take the nearest organisation; "they" the nearest organisation,
//! country or group.

use crate::gender::Gender;
use gleaner_core::EntityLabel;

/// One entity mention in byte offsets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct MentionRef {
    /// First byte.
    pub start: usize,
    /// One past the last byte.
    pub end: usize,
    /// Index of the entity in the document's list.
    pub entity: usize,
    /// The entity's label.
    pub label: EntityLabel,
}

fn rank(l: EntityLabel) -> u8 {
    match l {
        EntityLabel::Person => 0,
        EntityLabel::Org => 1,
        EntityLabel::Gpe => 2,
        EntityLabel::Norp | EntityLabel::Fac => 3,
        _ => 4,
    }
}

/// A role noun ("the judge") and the titles a person of that role is
/// named with ("Judge Sarah Whitcombe", "Sen. Ruth Okafor").
const ROLE_TITLES: &[(&str, &[&str])] = &[
    ("judge", &["judge", "justice"]),
    ("senator", &["senator", "sen."]),
    ("prosecutor", &["prosecutor"]),
    ("minister", &["minister"]),
    ("mayor", &["mayor"]),
    ("governor", &["governor", "gov."]),
    ("president", &["president"]),
    ("chancellor", &["chancellor"]),
    ("secretary", &["secretary"]),
    ("chairman", &["chairman", "chair"]),
    ("chairwoman", &["chairwoman", "chair"]),
    ("inspector", &["inspector"]),
    ("detective", &["detective"]),
    ("coach", &["coach"]),
    ("congressman", &["congressman", "rep."]),
    ("congresswoman", &["congresswoman", "rep."]),
];

/// The nearest person before byte `s` named with one of `titles` just
/// before the name ("… Judge Sarah Whitcombe KC …").
fn titled_person(s: usize, text: &str, mentions: &[MentionRef], titles: &[&str]) -> Option<usize> {
    mentions
        .iter()
        .rev()
        .filter(|m| m.end <= s && m.label == EntityLabel::Person)
        .find(|m| {
            let from = m.start.saturating_sub(40);
            let before = (from..m.start)
                .find(|&i| text.is_char_boundary(i))
                .and_then(|i| text.get(i..m.start))
                .unwrap_or("");
            before
                .split_whitespace()
                .rev()
                .take(3)
                .any(|w| titles.contains(&w.trim_matches(',').to_lowercase().as_str()))
        })
        .map(|m| m.entity)
}

/// Nouns for an organisation other than a company ("the ministry"); with
/// [`COMPANY_NOUNS`], what "the …" can stand for.
const ORG_NOUNS: &[&str] = &[
    "ministry",
    "agency",
    "department",
    "government",
    "organisation",
    "organization",
    "administration",
    "campaign",
    "party",
    "committee",
    "office",
    "court",
    "police",
];

/// People who speak for an organisation.
const REPRESENTATIVES: &[&str] = &[
    "spokesperson",
    "spokesman",
    "spokeswoman",
    "spokespeople",
    "representative",
    "official",
    "officials",
    "executive",
    "executives",
    "source",
    "sources",
    "lawyer",
    "lawyers",
];

/// Nouns for a company: a representative of "the company" speaks for the
/// company named before, but "a government spokesman" or "court officials"
/// do not speak for the last company named.
const COMPANY_NOUNS: &[&str] = &[
    "company",
    "firm",
    "group",
    "bank",
    "corporation",
    "carrier",
    "maker",
    "giant",
    "network",
    "newspaper",
];

/// "a spokesperson for the company", "a company spokesman", "its
/// spokeswoman": a representative of a company named only by a common noun
/// or a possessive.
fn speaks_for_org_noun(words: &[String]) -> bool {
    let w: Vec<&str> = words.iter().map(String::as_str).collect();
    let rep = |x: &str| REPRESENTATIVES.contains(&x);
    match w.as_slice() {
        // [a] company spokesman / [the] firm's lawyers ("s" from the split)
        [det, org, rep_word] | [det, org, "s", rep_word]
            if matches!(*det, "a" | "an" | "the")
                && COMPANY_NOUNS.contains(org)
                && rep(rep_word) =>
        {
            true
        }
        [org, rep_word] | [org, "s", rep_word] if COMPANY_NOUNS.contains(org) && rep(rep_word) => {
            true
        }
        ["its", rep_word] => rep(rep_word),
        [.., rep_word, prep, det, org]
            if rep(rep_word)
                && matches!(*prep, "for" | "of" | "at" | "from")
                && matches!(*det, "the" | "its" | "this" | "that")
                && COMPANY_NOUNS.contains(org) =>
        {
            w.len() <= 6
        }
        _ => false,
    }
}

/// The words of `t`, lowercased, split at every character that is not a
/// letter or digit.
fn lower_words(t: &str) -> Vec<String> {
    t.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect()
}

/// "The founder of Acme", "Acme's chief executive": the one person whom the
/// document titles with the source's role words and the organisation it
/// names ("Acme founder Jo Lin"), when the source names no person itself.
/// `titles` holds each entity's titles (by entity index; empty for
/// non-people).
fn by_title(
    source: (usize, usize),
    text: &str,
    mentions: &[MentionRef],
    titles: &[Vec<String>],
) -> Option<usize> {
    let (s, e) = source;
    let inside: Vec<&MentionRef> = mentions
        .iter()
        .filter(|m| m.start >= s && m.end <= e)
        .collect();
    if inside.iter().any(|m| m.label == EntityLabel::Person) {
        return None;
    }
    let org = inside.iter().find(|m| m.label == EntityLabel::Org)?;
    let org_words = lower_words(text.get(org.start..org.end)?);
    let role: Vec<String> = lower_words(text.get(s..org.start)?)
        .into_iter()
        .chain(lower_words(text.get(org.end..e)?))
        .filter(|w| {
            !matches!(
                w.as_str(),
                "the" | "a" | "an" | "of" | "s" | "its" | "at" | "for"
            )
        })
        .collect();
    if role.is_empty() || role.len() > 3 {
        return None;
    }
    let mut found = titles.iter().enumerate().filter(|(_, ts)| {
        ts.iter().any(|t| {
            let tw = lower_words(t);
            role.iter().all(|r| tw.contains(r)) && org_words.iter().all(|o| tw.contains(o))
        })
    });
    match (found.next(), found.next()) {
        (Some((k, _)), None) => Some(k),
        _ => None,
    }
}

/// What the document knows besides its mentions, all optional (empty:
/// not known).
#[derive(Debug, Clone, Copy, Default)]
pub struct Known<'a> {
    /// The byte spans of the document's claim contents: who is named in
    /// what was said is seldom the one saying it.
    pub contents: &'a [(usize, usize)],
    /// Each entity's gender ([`crate::gender::genders`]), by entity index.
    pub genders: &'a [Gender],
    /// Each entity's titles ("Acme founder"), by entity index; empty for
    /// non-people.
    pub titles: &'a [Vec<String>],
}

/// The entity index `source` (bytes of `text`) refers to. `mentions` must be
/// sorted by start.
pub fn resolve(source: (usize, usize), text: &str, mentions: &[MentionRef]) -> Option<usize> {
    resolve_in(source, text, mentions, Known::default())
}

/// [`resolve`], knowing more of the document: a role and organisation
/// the document titles one person with ("The founder of Acme" → the person
/// titled "Acme founder"); "he" or "she" first looked for among the people
/// named outside what was said ("Meyrick told the jury that Lowry had
/// lied. “…,” he said" is Meyrick) whom the document does not name as the
/// other gender.
pub fn resolve_in(
    source: (usize, usize),
    text: &str,
    mentions: &[MentionRef],
    known: Known<'_>,
) -> Option<usize> {
    if let Some(k) = by_title(source, text, mentions, known.titles) {
        return Some(k);
    }
    let Known {
        contents, genders, ..
    } = known;
    let (s, e) = source;
    // A mention inside the source span.
    // Only people, organisations and places speak; a nationality or group
    // ("a Chinese foreign ministry spokesman") only when it is the whole
    // source ("Americans", "the Democrats").
    let src = text.get(s..e).unwrap_or("");
    let core = src.trim_matches(|c: char| !c.is_alphanumeric());
    let core = ["the ", "The ", "many ", "Many ", "some ", "Some "]
        .iter()
        .find_map(|d| core.strip_prefix(d))
        .unwrap_or(core);
    let whole = |m: &MentionRef| {
        let men = text.get(m.start..m.end).unwrap_or("");
        !men.is_empty() && core == men.trim_matches(|c: char| !c.is_alphanumeric())
    };
    // The object of a gerund inside the source is not who speaks ("the
    // board in charge of vetting Acme" is not Acme).
    let object_of_gerund = |m: &MentionRef| {
        let before = text.get(s..m.start.max(s)).unwrap_or("");
        before.split_whitespace().next_back().is_some_and(|w| {
            w.len() > 5 && w.ends_with("ing") && w.chars().all(|c| c.is_lowercase())
        })
    };
    let words = lower_words(text.get(s..e).unwrap_or(""));
    // A transcript's speaker label in capitals ("SOLBERG:") is the person
    // of that surname.
    if let [w] = words.as_slice() {
        let caps = core.len() >= 3 && core.chars().all(|c| !c.is_lowercase());
        if caps {
            let named = |m: &&MentionRef| {
                m.label == EntityLabel::Person
                    && text
                        .get(m.start..m.end)
                        .and_then(|t| t.split_whitespace().next_back())
                        .is_some_and(|last| last.to_lowercase() == *w)
            };
            if let Some(m) = mentions.iter().rev().filter(|m| m.end <= s).find(named) {
                return Some(m.entity);
            }
            if let Some(m) = mentions.iter().find(named) {
                return Some(m.entity);
            }
        }
    }
    // "The Wyoming Republican", "the Ohio Democrat": the politician just
    // named, not the state.
    if words.len() >= 2
        && words.len() <= 4
        && words.first().is_some_and(|w| w == "the")
        && words
            .last()
            .is_some_and(|w| matches!(w.as_str(), "republican" | "democrat" | "lawmaker"))
    {
        return mentions
            .iter()
            .rev()
            .find(|m| m.end <= s && m.label == EntityLabel::Person)
            .map(|m| m.entity);
    }
    let inside = mentions
        .iter()
        .filter(|m| m.start < e && s < m.end)
        .filter(|m| !object_of_gerund(m))
        .filter(|m| match m.label {
            EntityLabel::Person | EntityLabel::Org | EntityLabel::Gpe => true,
            // "Downing Street said", "the Kremlin said": a building
            // speaking for who works there, when it is the whole source.
            EntityLabel::Norp | EntityLabel::Fac => whole(m),
            _ => false,
        })
        .min_by_key(|m| {
            (
                rank(m.label),
                std::cmp::Reverse(m.end.min(e) - m.start.max(s)),
            )
        });
    if let Some(m) = inside {
        return Some(m.entity);
    }
    // "the judge": the person introduced with that title.
    if let [det, noun] = words.as_slice() {
        if det == "the" {
            if let Some((_, titles)) = ROLE_TITLES.iter().find(|(r, _)| r == noun) {
                return titled_person(s, text, mentions, titles);
            }
        }
    }
    let wanted: &[EntityLabel] = match words.as_slice() {
        [w] if matches!(w.as_str(), "he" | "she" | "him" | "her") => &[EntityLabel::Person],
        [w] if w == "it" => &[EntityLabel::Org, EntityLabel::Gpe],
        [w] if w == "they" => &[EntityLabel::Org, EntityLabel::Gpe, EntityLabel::Norp],
        [det, .., noun]
            if matches!(det.as_str(), "the" | "this" | "that")
                && (COMPANY_NOUNS.contains(&noun.as_str())
                    || ORG_NOUNS.contains(&noun.as_str())) =>
        {
            &[EntityLabel::Org]
        }
        // "a spokesperson for the company",
        // "a company spokesman": someone speaking for an organisation the
        // text named before.
        _ if speaks_for_org_noun(&words) => &[EntityLabel::Org],
        _ => return None,
    };
    if wanted == [EntityLabel::Person] {
        let said = |m: &MentionRef| contents.iter().any(|&(a, b)| a <= m.start && m.end <= b);
        let pronoun = words
            .first()
            .map(|w| Gender::of_pronoun(w))
            .unwrap_or_default();
        let fits =
            |m: &MentionRef| pronoun.agrees(genders.get(m.entity).copied().unwrap_or_default());
        let before = || {
            mentions
                .iter()
                .rev()
                .filter(|m| m.end <= s && m.label == EntityLabel::Person)
        };
        // Someone named outside what was said, of a gender the pronoun
        // fits; then anyone it fits ("Lee said Ann Park would go. “…,” she
        // said" is Park); then, as without genders, the nearest speaker.
        let speaker = before()
            .filter(|m| s - m.end <= 1000)
            .find(|m| !said(m) && fits(m))
            .or_else(|| before().find(|m| fits(m)))
            .or_else(|| before().filter(|m| s - m.end <= 1000).find(|m| !said(m)));
        if let Some(m) = speaker {
            return Some(m.entity);
        }
    }
    // Labels in order of preference: an organisation mentioned shortly
    // before beats a nearer country for "they" and "it".
    for (k, label) in wanted.iter().enumerate() {
        let window = if k + 1 < wanted.len() {
            400
        } else {
            usize::MAX
        };
        let hit = mentions
            .iter()
            .rev()
            .filter(|m| m.end <= s && s - m.end <= window && m.label == *label)
            .map(|m| m.entity)
            .next();
        if hit.is_some() {
            return hit;
        }
    }
    mentions
        .iter()
        .rev()
        .filter(|m| m.end <= s && wanted.contains(&m.label))
        .map(|m| m.entity)
        .next()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mention(start: usize, end: usize, entity: usize, label: EntityLabel) -> MentionRef {
        MentionRef {
            start,
            end,
            entity,
            label,
        }
    }

    #[test]
    fn the_object_of_a_gerund_in_the_source_is_not_the_speaker() {
        let text = "Norway's panel in charge of vetting Acme said so.";
        let m = vec![
            mention(0, 6, 0, EntityLabel::Gpe),
            mention(36, 40, 1, EntityLabel::Org),
        ];
        assert_eq!(resolve((0, 40), text, &m), Some(0));
    }

    #[test]
    fn he_is_the_one_who_spoke_not_the_one_spoken_of() {
        let text = "Prosecutor Ann Meyrick told the jury that Tom Lowry had lied. \"It was a plan,\" she said.";
        let at = |w: &str| text.find(w).unwrap_or(0);
        let mentions = [
            mention(
                at("Ann Meyrick"),
                at("Ann Meyrick") + 11,
                0,
                EntityLabel::Person,
            ),
            mention(at("Tom Lowry"), at("Tom Lowry") + 9, 1, EntityLabel::Person),
        ];
        let she = (at("she said"), at("she said") + 3);
        let content = (at("Tom Lowry"), at(" had lied") + 9);
        assert_eq!(
            resolve(she, text, &mentions),
            Some(1),
            "without contents: the nearest"
        );
        assert_eq!(
            resolve_in(
                she,
                text,
                &mentions,
                Known {
                    contents: &[content],
                    ..Known::default()
                }
            ),
            Some(0)
        );
    }

    #[test]
    fn the_founder_of_an_organisation_is_the_person_titled_so() {
        let text = "Acme founder Jo Lin spoke. The founder of Acme has said profits rose.";
        let at = |p: &str| text.find(p).unwrap_or(0);
        let last = text.rfind("Acme").unwrap_or(0);
        let mentions = vec![
            mention(0, 4, 0, EntityLabel::Org),
            mention(at("Jo"), at("Jo") + 6, 1, EntityLabel::Person),
            mention(last, last + 4, 0, EntityLabel::Org),
        ];
        let titles = vec![Vec::new(), vec!["Acme founder".to_string()]];
        let src = (at("The founder"), last + 4);
        assert_eq!(by_title(src, text, &mentions, &titles), Some(1));
        assert_eq!(resolve(src, text, &mentions), Some(0), "without titles");
        let known = Known {
            titles: &titles,
            ..Known::default()
        };
        assert_eq!(resolve_in(src, text, &mentions, known), Some(1));
        // Another role, or two people so titled: no answer.
        let src2 = (at("The founder") + 4, last + 4);
        assert_eq!(by_title(src2, text, &mentions, &titles), Some(1));
        let other = vec![Vec::new(), vec!["Acme chief executive".to_string()]];
        assert_eq!(by_title(src, text, &mentions, &other), None);
        let two = vec![
            vec!["Acme founder".to_string()],
            vec!["Acme founder".to_string()],
        ];
        assert_eq!(by_title(src, text, &mentions, &two), None);
    }

    #[test]
    fn a_building_speaks_only_as_the_whole_source() {
        let text = "Downing Street said talks would go on. A guard at Downing Street said no.";
        let m = vec![
            mention(0, 15, 0, EntityLabel::Fac),
            mention(50, 65, 0, EntityLabel::Fac),
        ];
        assert_eq!(resolve((0, 15), text, &m), Some(0));
        assert_eq!(resolve((39, 65), text, &m), None);
    }

    #[test]
    fn she_is_someone_the_document_does_not_name_as_a_man() {
        let text = "Dr. Ines Varga met Tom Reyes, who said the trial would end. \
                    \"It is over,\" she said.";
        let at = |p: &str| text.find(p).unwrap_or(0);
        let mentions = vec![
            mention(at("Ines"), at("Ines") + 10, 0, EntityLabel::Person),
            mention(at("Tom"), at("Tom") + 9, 1, EntityLabel::Person),
        ];
        let she = (at("she said"), at("she said") + 3);
        assert_eq!(
            resolve_in(she, text, &mentions, Known::default()),
            Some(1),
            "nearest"
        );
        let genders = [Gender::Female, Gender::Male];
        assert_eq!(
            resolve_in(
                she,
                text,
                &mentions,
                Known {
                    genders: &genders,
                    ..Known::default()
                }
            ),
            Some(0)
        );
        let he = (at("she said") + 1, at("she said") + 3);
        assert_eq!(
            resolve_in(
                he,
                text,
                &mentions,
                Known {
                    genders: &genders,
                    ..Known::default()
                }
            ),
            Some(1)
        );
        // Said by someone else, but the only one she can be.
        let content = (at("Ines"), at("Ines") + 10);
        assert_eq!(
            resolve_in(
                she,
                text,
                &mentions,
                Known {
                    contents: &[content],
                    genders: &genders,
                    ..Known::default()
                }
            ),
            Some(0)
        );
    }

    #[test]
    fn the_judge_is_the_person_named_with_that_title() {
        let text = "Judge Sara Holm sentenced Tom Lowry. The judge said the harm was grave.";
        let at = |w: &str| text.find(w).unwrap_or(0);
        let mentions = [
            mention(at("Sara Holm"), at("Sara Holm") + 9, 0, EntityLabel::Person),
            mention(at("Tom Lowry"), at("Tom Lowry") + 9, 1, EntityLabel::Person),
        ];
        let judge = (at("The judge"), at("The judge") + 9);
        assert_eq!(resolve(judge, text, &mentions), Some(0));
        // No one was named a judge: no guess.
        let text2 = "Tom Lowry was sentenced. The judge said the harm was grave.";
        let m2 = [mention(0, 9, 1, EntityLabel::Person)];
        let j2 = (
            text2.find("The judge").unwrap_or(0),
            text2.find("The judge").unwrap_or(0) + 9,
        );
        assert_eq!(resolve(j2, text2, &m2), None);
    }

    #[test]
    fn a_party_label_is_the_politician_and_a_capitals_label_the_surname() {
        let text = "Senator Ruth Okafor of Ohio spoke. The Ohio Democrat has argued that cuts hurt. OKAFOR: We will see.";
        let at = |w: &str| text.find(w).unwrap_or(0);
        let mentions = [
            mention(
                at("Ruth Okafor"),
                at("Ruth Okafor") + 11,
                0,
                EntityLabel::Person,
            ),
            mention(at("Ohio spoke"), at("Ohio spoke") + 4, 1, EntityLabel::Gpe),
            mention(
                at("Ohio Democrat"),
                at("Ohio Democrat") + 4,
                1,
                EntityLabel::Gpe,
            ),
        ];
        let party = (at("The Ohio"), at("The Ohio") + 17);
        assert_eq!(resolve(party, text, &mentions), Some(0));
        let label = (at("OKAFOR"), at("OKAFOR") + 6);
        assert_eq!(resolve(label, text, &mentions), Some(0));
    }

    #[test]
    fn resolves_contained_pronoun_and_company() {
        let text =
            "Acme hired Jo Bell. He said yes. An Acme spokesman said no. The company said so.";
        let m = vec![
            mention(0, 4, 0, EntityLabel::Org),
            mention(11, 18, 1, EntityLabel::Person),
            mention(36, 40, 0, EntityLabel::Org),
        ];
        assert_eq!(resolve((20, 22), text, &m), Some(1));
        assert_eq!(resolve((33, 49), text, &m), Some(0));
        assert_eq!(resolve((60, 71), text, &m), Some(0));
        assert_eq!(resolve((0, 0), "", &[]), None);
        // "they" prefers an organisation shortly before over a nearer place.
        let text = "Acme staff met Oslo officials, and they said no.";
        let m = vec![
            mention(0, 4, 0, EntityLabel::Org),
            mention(15, 19, 2, EntityLabel::Gpe),
        ];
        assert_eq!(resolve((35, 39), text, &m), Some(0));
    }

    #[test]
    fn a_representative_of_the_company_speaks_for_it() {
        let text = "Rail union leaders met Norland Rail in Oslo. A spokesperson for the company said no. \
                    A company spokesman agreed. Its spokeswoman declined. A spokesman for the mayor of Oslo said yes.";
        let m = vec![
            mention(23, 35, 0, EntityLabel::Org),
            mention(39, 43, 1, EntityLabel::Gpe),
        ];
        let span = |phrase: &str| {
            let s = text.find(phrase).unwrap();
            (s, s + phrase.len())
        };
        assert_eq!(
            resolve(span("A spokesperson for the company"), text, &m),
            Some(0)
        );
        assert_eq!(resolve(span("A company spokesman"), text, &m), Some(0));
        assert_eq!(resolve(span("Its spokeswoman"), text, &m), Some(0));
        // Not a company noun: left alone.
        assert_eq!(resolve(span("A spokesman for the mayor"), text, &m), None);
        let text = "Equinor said it would cut jobs. A government spokesman said talks went on.";
        let m = vec![mention(0, 7, 0, EntityLabel::Org)];
        let s = text.find("A government spokesman").unwrap();
        assert_eq!(resolve((s, s + 22), text, &m), None);
    }

    #[test]
    fn a_nationality_inside_a_source_is_not_the_source() {
        let text = "A Chinese foreign ministry spokesman said no. Americans said yes.";
        let m = vec![
            mention(2, 9, 0, EntityLabel::Norp),
            mention(46, 55, 1, EntityLabel::Norp),
        ];
        assert_eq!(resolve((0, 35), text, &m), None);
        assert_eq!(resolve((46, 55), text, &m), Some(1));
    }
}
