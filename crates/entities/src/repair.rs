//! Span repairs after tagging: context cues the sequence model misses on
//! real news text.
//!
//! The tagger decides from a window of a few words; some errors on company
//! news need a wider or more specific look, and are fixed here as rules over
//! the sentence's words and the predicted spans `(start, end, CoNLL type)`:
//!
//! * **ORG cues**: a name tagged as a place or a person is an organisation
//!   when it carries a corporate suffix ("Acme Corp", span extended), follows
//!   "shares of/in", follows a business noun ("the chipmaker Acme", "the
//!   building firm, Acme,", "carriers including Acme"), has a business
//!   possessive ("Acme's chief executive"), follows a company role and "of"
//!   ("CEO of Acme", "the chief executive of Acme") or a staff noun and "at"
//!   ("an analyst at Acme"), has a business apposition after it ("Acme, the
//!   Swedish carmaker,"), is a one-word "person" speaking as a "which"
//!   ("said Acme, which …"), is the subject of "said … it would/will/…", or
//!   "won the tender/contract". Names the gazetteers know as places are
//!   never changed (countries say "it would" too).
//! * **ORG head nouns**: a place or MISC name headed by Agency, Survey,
//!   Department, University, … is an organisation; so is a place, MISC or
//!   person name ending in a company word (Foods, Labs, Motors, Capital,
//!   Ferries, Technologies, …).
//! * **Given name + "May"**: a one-word person followed by a capitalized
//!   month or modal that is not a date ("Theresa May said") is one name.
//! * **Acronym + person**: an organisation span ending in an acronym and two
//!   name words ("head of ACME John Doe") is split into ORG + PER.
//! * **Letter brands**: an untagged "X-Word" token (one capital letter,
//!   hyphen, capitalized word) is an organisation ("Q-Mobile").

use std::collections::HashSet;

/// What the rules need to know about words and names.
pub trait Lexicon {
    /// Type bits (1 = PER, 2 = ORG, 4 = LOC, 8 = MISC) the gazetteers give
    /// the name made of `words`; 0 when unknown.
    fn known(&self, words: &[&str]) -> u8;
    /// Type bits of the name in the openly licensed name lists alone (GUM,
    /// MEANTIME); 0 when unknown there.
    fn known_external(&self, words: &[&str]) -> u8;
    /// Whether `w` is usually written in lowercase inside sentences.
    fn is_common(&self, w: &str) -> bool;
    /// Whether `w` is a known given name ("Jane").
    fn is_given_name(&self, w: &str) -> bool;
}

/// A span: first token, end token (exclusive), CoNLL type.
pub type Span = (usize, usize, &'static str);

const LOC_BIT: u8 = 4;

/// Corporate suffixes that make the name before them a company.
const CORP_SUFFIXES: &[&str] = &[
    "inc",
    "inc.",
    "corp",
    "corp.",
    "corporation",
    "plc",
    "ag",
    "sa",
    "s.a.",
    "ltd",
    "ltd.",
    "llc",
    "nv",
    "n.v.",
    "gmbh",
    "co.",
    "holdings",
    "incorporated",
    "limited",
    "oyj",
    "asa",
    "spa",
    "s.p.a.",
];

/// Singular business nouns that precede a company name ("the chipmaker X").
const BUSINESS_NOUNS: &[&str] = &[
    "company",
    "firm",
    "maker",
    "operator",
    "chipmaker",
    "carmaker",
    "automaker",
    "carrier",
    "airline",
    "lender",
    "insurer",
    "retailer",
    "supplier",
    "manufacturer",
    "conglomerate",
    "giant",
    "startup",
    "start-up",
    "producer",
    "brewer",
    "miner",
    "broker",
    "shipper",
    "subsidiary",
    "developer",
    "contractor",
    "distributor",
    "wholesaler",
    "outfit",
    "builder",
    "shipbuilder",
    "telecoms",
    "utility",
];

/// Plural business nouns before "including / such as / like X".
const BUSINESS_PLURALS: &[&str] = &[
    "companies",
    "firms",
    "lines",
    "carriers",
    "airlines",
    "lenders",
    "banks",
    "makers",
    "operators",
    "groups",
    "retailers",
    "suppliers",
    "manufacturers",
    "rivals",
    "insurers",
    "brands",
    "giants",
    "automakers",
    "carmakers",
    "chipmakers",
    "businesses",
    "corporations",
    "producers",
    "competitors",
    "utilities",
    "providers",
];

/// Words after "X's" that make X a company.
const POSSESSED_BUSINESS: &[&str] = &[
    "ceo",
    "cfo",
    "shares",
    "stock",
    "board",
    "chairman",
    "chairwoman",
    "profit",
    "profits",
    "revenue",
    "revenues",
    "earnings",
    "subsidiary",
    "shareholders",
    "executives",
    "stake",
    "share",
    "factory",
    "factories",
    "plant",
    "chips",
];

/// Officers that only a company or institution has: before "of" here
/// ("CEO of X"), after the name in `canon`'s title qualifiers ("Acme
/// CFO").
pub(crate) const COMPANY_OFFICERS: &[&str] = &[
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "cofounder",
];

/// People who work at a company ("an analyst at X").
const STAFF_NOUNS: &[&str] = &[
    "analyst",
    "analysts",
    "economist",
    "economists",
    "strategist",
    "strategists",
    "researcher",
    "researchers",
    "engineer",
    "engineers",
    "executive",
    "executives",
    "employee",
    "employees",
    "lawyers",
    "bankers",
];

/// Verbs of saying whose subject may be picked up again by "it".
const SAY_VERBS: &[&str] = &[
    "said",
    "says",
    "announced",
    "reported",
    "added",
    "confirmed",
    "warned",
    "stated",
];

/// Words after "it" that make "it" a subject ("it would", "it expects").
const IT_VERBS: &[&str] = &[
    "would", "will", "had", "has", "was", "is", "expects", "expected", "plans", "planned", "could",
    "might", "intends", "aims", "hopes", "wants", "did", "does", "remained", "remains",
];

/// Objects of "won the …" that make the winner a company.
const AWARDS: &[&str] = &[
    "tender",
    "contract",
    "contracts",
    "bid",
    "order",
    "orders",
    "deal",
    "auction",
    "concession",
    "licence",
    "license",
    "franchise",
];

/// Head nouns that make a name an organisation.
pub const ORG_HEADS: &[&str] = &[
    "survey",
    "agency",
    "department",
    "authority",
    "bureau",
    "commission",
    "council",
    "court",
    "association",
    "university",
    "institute",
    "ministry",
    "party",
    "bank",
    "fund",
    "committee",
    "corporation",
    "foundation",
    "administration",
    "service",
    "board",
    "federation",
    "union",
    "society",
    "organisation",
    "organization",
    "college",
    "company",
    "office",
    "police",
    "tribunal",
    "parliament",
    "senate",
    "assembly",
    "inc",
    "corp",
    "plc",
    "ltd",
    "library",
    "museum",
    "hospital",
    "club",
    "academy",
    "school",
    "theatre",
    "theater",
    "orchestra",
];

/// Last words of company names ("Halden Foods", "Nexa Labs", "Orvik
/// Capital"): a name of two words or more ending in one is an organisation
/// whatever the tagger took it for, a person included (no one is called
/// that). CoNLL-2003 has no person, place or MISC name ending in one of
/// them but "West Bank", which the gazetteers protect.
pub const COMPANY_HEADS: &[&str] = &[
    "airlines",
    "airways",
    "automotive",
    "bancorp",
    "beverages",
    "biosciences",
    "biotech",
    "brands",
    "brewing",
    "capital",
    "chemicals",
    "communications",
    "dairy",
    "electronics",
    "energy",
    "entertainment",
    "ferries",
    "financial",
    "foods",
    "freight",
    "group",
    "holdings",
    "industries",
    "insurance",
    "investments",
    "labs",
    "laboratories",
    "logistics",
    "media",
    "mining",
    "motors",
    "networks",
    "partners",
    "petroleum",
    "pharma",
    "pharmaceuticals",
    "properties",
    "realty",
    "resources",
    "robotics",
    "securities",
    "semiconductor",
    "semiconductors",
    "shipping",
    "software",
    "solutions",
    "studios",
    "systems",
    "technologies",
    "telecom",
    "therapeutics",
    "trucks",
    "ventures",
];

/// Whether a name of two words or more ends in one of [`COMPANY_HEADS`]
/// ("Helmsdale Biotech").
pub fn ends_in_company_word(words: &[&str]) -> bool {
    words.len() >= 2
        && words
            .last()
            .is_some_and(|w| COMPANY_HEADS.contains(&lower(w).as_str()))
}

/// Last words that make a two-word-or-longer name a place, not a person,
/// even after a given name ("Tern Island", "Cape Breton Island", "Edward
/// Island"): no one is called that.
const PLACE_LAST: &[&str] = &[
    "island",
    "islands",
    "avenue",
    "square",
    "county",
    "province",
    "canyon",
    "peninsula",
    "boulevard",
];

/// Last words that make a name a place unless it opens with a given name
/// ("Harbour Street", but "Michael Bay", "Nathan Lane").
const PLACE_LAST_WEAK: &[&str] = &[
    "pass",
    "strait",
    "street",
    "road",
    "bridge",
    "harbour",
    "harbor",
    "valley",
    "river",
    "lake",
    "mountains",
    "bay",
    "coast",
    "lane",
    "heights",
    "hills",
];

/// Words before a place name that the tagger leaves out as a title
/// ("Prince | Edward Island", "Cape | Breton Island").
const PLACE_LEAD: &[&str] = &[
    "prince", "saint", "st.", "cape", "port", "fort", "mount", "new",
];

/// First words that make a name a place ("Rue Saint-Denis", "Lake Como").
const PLACE_FIRST: &[&str] = &[
    "rue",
    "avenue",
    "boulevard",
    "via",
    "calle",
    "lake",
    "mount",
];

/// Generic geographic nouns: capitalized alone only because they open a
/// sentence ("Island councillors voted", "Valley farmers protested"), they
/// name nothing. Not "State" or "Port", short names of a department or an
/// authority ("State initially said it would …").
const GENERIC_PLACE_WORDS: &[&str] = &[
    "island",
    "islands",
    "lake",
    "lakes",
    "valley",
    "bay",
    "river",
    "coast",
    "county",
    "province",
    "region",
    "peninsula",
    "harbour",
    "harbor",
    "strait",
    "canyon",
    "mountain",
    "mountains",
    "hills",
    "forest",
    "beach",
    "delta",
    "desert",
    "reef",
];

/// Capitalized words that are both a month or modal and a surname.
const MONTH_SURNAMES: &[&str] = &["May", "June", "April", "August", "Will", "Hope", "Grace"];

/// Titles before a person name ("Prime Minister Olga May").
const PERSON_TITLES: &[&str] = &[
    "minister",
    "president",
    "secretary",
    "chancellor",
    "premier",
    "mrs",
    "mrs.",
    "ms",
    "ms.",
    "mr",
    "mr.",
    "dr",
    "dr.",
    "sir",
    "dame",
    "lady",
    "lord",
    "leader",
    "governor",
    "senator",
    "sen.",
    "rep.",
    "mayor",
    "judge",
    "ambassador",
    "commissioner",
    "director",
    "professor",
];

/// Words that do not end a person name in "ACRONYM First Last".
const ORGISH_WORDS: &[&str] = &[
    "world",
    "news",
    "international",
    "group",
    "global",
    "media",
    "radio",
    "television",
    "tv",
    "energy",
    "capital",
    "partners",
    "systems",
    "technologies",
    "airlines",
    "airways",
    "motors",
    "sport",
    "sports",
    "one",
    "two",
    "plus",
    "online",
    "digital",
    "network",
    "networks",
    "america",
    "europe",
    "asia",
    "africa",
    "china",
    "india",
    "insurance",
    "financial",
    "securities",
    "research",
    "labs",
    "studios",
    "records",
    "pictures",
    "entertainment",
];

fn lower(w: &str) -> String {
    w.to_lowercase()
}

fn is_title(w: &str) -> bool {
    let mut cs = w.chars();
    cs.next().is_some_and(char::is_uppercase)
        && w.chars()
            .skip(1)
            .all(|c| c.is_lowercase() || c == '\'' || c == '-')
        && w.chars().count() >= 2
}

fn is_acronym(w: &str) -> bool {
    let n = w.chars().count();
    (2..=6).contains(&n)
        && w.chars()
            .all(|c| c.is_ascii_uppercase() || c.is_ascii_digit())
        && w.chars().filter(char::is_ascii_uppercase).count() >= 2
}

/// "T-Mobile": one capital letter, a hyphen, a capitalized word of three or
/// more letters.
pub fn is_letter_brand(w: &str) -> bool {
    let b = w.as_bytes();
    b.len() >= 5
        && b.first().is_some_and(u8::is_ascii_uppercase)
        && b.get(1) == Some(&b'-')
        && b.get(2).is_some_and(u8::is_ascii_uppercase)
        && b.get(3..)
            .is_some_and(|t| t.iter().all(u8::is_ascii_lowercase))
}

/// Applies the repairs to one sentence's spans (sorted, non-overlapping) and
/// returns the new spans, sorted; empty or out-of-range spans are dropped.
///
/// `person_words` holds the lowercase words of the document's multi-word
/// person names: a one-word person among them keeps its type.
pub fn repair(
    spans: &[Span],
    words: &[&str],
    lex: &dyn Lexicon,
    person_words: &HashSet<String>,
) -> Vec<Span> {
    // A sentence in capitals (a headline) has no case cues to go on.
    let letters = words
        .iter()
        .flat_map(|w| w.chars())
        .filter(|c| c.is_alphabetic());
    let (mut up, mut all) = (0usize, 0usize);
    for c in letters {
        all += 1;
        up += usize::from(c.is_uppercase());
    }
    if all > 0 && up * 10 > all * 8 {
        return spans
            .iter()
            .filter(|s| s.0 < s.1 && s.1 <= words.len())
            .copied()
            .collect();
    }
    let w = |i: usize| words.get(i).copied().unwrap_or("");
    let lw = |i: usize| lower(w(i));
    let mut out: Vec<Span> = Vec::with_capacity(spans.len() + 1);
    // End of the last company of a list ("firms such as X, Y and Z").
    let mut chain_end: Option<usize> = None;
    for (si, &(a, b, ty)) in spans.iter().enumerate() {
        // Empty or out-of-range spans are dropped.
        if b <= a || b > words.len() {
            continue;
        }
        let next_start = spans.get(si + 1).map_or(words.len(), |s| s.0);
        let names = words.get(a..b).unwrap_or(&[]);
        let known = lex.known(names);
        let mut span = (a, b, ty);
        // Given name + "May".
        if ty == "PER"
            && b - a == 1
            && b < next_start
            && MONTH_SURNAMES.contains(&w(b))
            && !w(b + 1).starts_with(|c: char| c.is_ascii_digit() || c.is_uppercase())
            && is_title(w(a))
            && (lex.is_given_name(w(a)) || (a > 0 && PERSON_TITLES.contains(&lw(a - 1).as_str())))
        {
            span = (a, b + 1, "PER");
            out.push(span);
            continue;
        }
        // Acronym + person name.
        if ty == "ORG" && b - a >= 3 {
            let (x, y, z) = (w(b - 3), w(b - 2), w(b - 1));
            let personish = |t: &str| {
                is_title(t)
                    && t.len() >= 3
                    && !gleaner_datelines::is_month_word(&lower(t))
                    && !ORGISH_WORDS.contains(&lower(t).as_str())
                    && !ORG_HEADS.contains(&lower(t).as_str())
                    && !lex.is_common(t)
            };
            let tail = [y, z];
            let tail_known = lex.known(&tail);
            if is_acronym(x)
                && (tail_known & 1 != 0
                    || (tail_known == 0 && lex.is_given_name(y) && personish(y) && personish(z)))
                && lex.known(names) & 2 == 0
            {
                out.push((a, b - 2, "ORG"));
                out.push((b - 2, b, "PER"));
                continue;
            }
        }
        // "Island councillor Jo Fenn": a generic place noun opening the
        // sentence before a lowercase word is no name (a person "Lake said"
        // and a speaker "Valley said" are left alone).
        let opens = a == 0 || (a == 1 && matches!(w(0), "\"" | "“" | "'" | "‘" | "-" | "—"));
        if ty != "PER"
            && b - a == 1
            && opens
            && GENERIC_PLACE_WORDS.contains(&lw(a).as_str())
            && w(b).starts_with(char::is_lowercase)
            && !SAY_VERBS.contains(&lw(b).as_str())
        {
            continue;
        }
        // "MPs", "MSPs", "CEOs": a plural of initials names no one.
        let plural_initials = |t: &str| {
            t.len() >= 3
                && t.ends_with('s')
                && t[..t.len() - 1].chars().all(|c| c.is_ascii_uppercase())
        };
        if ty != "MISC" && b - a == 1 && plural_initials(w(a)) {
            continue;
        }
        // "Storm Elowen", "Hurricane Mitch": a named storm, not a person.
        let storm = |i: usize| {
            w(i).starts_with(char::is_uppercase)
                && crate::labels::STORM_WORDS.contains(&lw(i).as_str())
        };
        if ty == "PER" && b - a >= 2 && storm(a) {
            out.push((a, b, "MISC"));
            continue;
        }
        if ty == "PER" && a > 0 && storm(a - 1) && out.last().is_none_or(|p| p.1 < a) {
            out.push((a - 1, b, "MISC"));
            continue;
        }
        // A "person" named like a place is a place. (The word lists before
        // the given-name lookup, which would otherwise be done for every
        // person of two words.)
        let place_named = |last: &str| {
            PLACE_LAST.contains(&last)
                || ((PLACE_LAST_WEAK.contains(&last) || PLACE_FIRST.contains(&lw(a).as_str()))
                    && !lex.is_given_name(w(a)))
        };
        if ty == "PER" && b - a >= 2 && known & 1 == 0 && place_named(&lw(b - 1)) {
            let lead = a > 0
                && w(a - 1).starts_with(char::is_uppercase)
                && PLACE_LEAD.contains(&lw(a - 1).as_str())
                && out.last().is_none_or(|p| p.1 < a);
            out.push((if lead { a - 1 } else { a }, b, "LOC"));
            continue;
        }
        if ty == "LOC" || ty == "PER" || ty == "MISC" {
            let protected = ty == "LOC" && known & LOC_BIT != 0;
            // Corporate suffix right after the name: extend.
            if !protected
                && ty != "MISC"
                && b < next_start
                && CORP_SUFFIXES.contains(&lw(b).as_str())
                && (w(b).starts_with(char::is_uppercase) || lw(b) == "plc")
            {
                out.push((a, b + 1, "ORG"));
                continue;
            }
            // Head noun: "U.S. Geological Survey", "University of Acme".
            let head_last = lower(names.last().copied().unwrap_or(""));
            let head_first = lower(names.first().copied().unwrap_or(""));
            let of_form = names.get(1).is_some_and(|x| *x == "of");
            let headed = names.len() >= 2
                && ((ty != "PER"
                    && (ORG_HEADS.contains(&head_last.as_str())
                        || (of_form && ORG_HEADS.contains(&head_first.as_str()))))
                    || (ends_in_company_word(names) && known & 1 == 0));
            // A one-word person the document or the gazetteers know as a
            // person, or a given name, keeps its type.
            let person_known = ty == "PER"
                && (known & 1 != 0
                    || names
                        .iter()
                        .any(|n| person_words.contains(&lower(n)) || lex.is_given_name(n)));
            // The openly licensed names (GUM, MEANTIME) know the name only as
            // an organisation, and the training names not as a person or
            // place (CoNLL's sports clubs are city names).
            let org_only =
                ty != "MISC" && !person_known && lex.known_external(names) == 2 && known & 5 == 0;
            // "firms such as X and Y": Y continues the list of companies.
            let in_list = ty != "MISC"
                && (ty == "LOC" || b - a == 1)
                && chain_end.is_some_and(|e| {
                    e < a
                        && a - e <= 2
                        && words.get(e..a).is_some_and(|g| {
                            g.iter().all(|x| matches!(*x, "," | "and" | "or" | "&"))
                        })
                });
            if !protected
                && (headed
                    || (ty != "MISC" && business_apposition(a, b, words))
                    || org_only
                    || (!person_known && in_list)
                    || (ty != "MISC" && !person_known && org_context(a, b, words, ty)))
            {
                span.2 = "ORG";
            }
        }
        // The list goes on after a company named in it.
        let listed =
            list_cue(span.0, words) || chain_end.is_some_and(|e| e < span.0 && span.0 - e <= 2);
        chain_end = (span.2 == "ORG" && listed).then_some(span.1);
        out.push(span);
    }
    // "the Maritime and Coastguard Agency": an untagged capitalized word
    // and "and" before an organisation of two words or more, opening the
    // sentence or after "the", are the start of its name.
    let name_word = |t: &str| {
        is_title(t)
            && !lex.is_common(t)
            && !lex.is_given_name(t)
            && !crate::is_leading_function_word(t)
            && lex.known(&[t]) & 5 == 0
    };
    for k in 0..out.len() {
        let Some(&(a, b, ty)) = out.get(k) else {
            continue;
        };
        let free = k == 0 || out.get(k - 1).is_some_and(|p| p.1 + 2 <= a);
        if ty == "ORG"
            && b - a >= 2
            && a >= 2
            && free
            && w(a - 1) == "and"
            && name_word(w(a - 2))
            && (a == 2 || lw(a - 3) == "the")
        {
            if let Some(sp) = out.get_mut(k) {
                sp.0 = a - 2;
            }
        }
    }
    // Letter brands and unknown names that "said it would" the tagger left
    // untagged.
    let mut extra = Vec::new();
    for (i, t) in words.iter().enumerate() {
        let untagged = !out.iter().any(|s| s.0 <= i && i < s.1);
        // (The context first: the word tests look up tables.)
        if untagged
            && (is_title(t) || is_acronym(t))
            && (said_it(i + 1, words)
                || business_possessive(i + 1, words)
                || coordinated_with_org(i, words, &out))
            && !lex.is_common(t)
            && !lex.is_given_name(t)
            && !crate::is_leading_function_word(t)
            && !gleaner_datelines::is_month_word(&lower(t))
            && !gleaner_datelines::is_weekday_name(&lower(t))
            && lex.known(&[t]) & 5 == 0
        {
            extra.push((i, i + 1, "ORG"));
            continue;
        }
        // "D-Calif", "R-Texas": party and state, not a brand. (The
        // gazetteer is looked up only for letter brands: it was once done
        // for every word.)
        if !is_letter_brand(t) {
            continue;
        }
        let party = matches!(t.as_bytes().first(), Some(b'D' | b'R' | b'I'));
        let place = || {
            t.get(2..)
                .is_some_and(|tail| lex.known(&[tail]) & LOC_BIT != 0)
        };
        if !party && untagged && !place() {
            extra.push((i, i + 1, "ORG"));
        }
    }
    if !extra.is_empty() {
        out.extend(extra);
        out.sort_unstable();
    }
    out
}

/// Whether the word at `i` is joined by "and" to an organisation named
/// with "the" in `spans` ("Ofcom and the Met Office", "the Met Office and
/// Ofcom"), or by "and" to one of two words or more after a comma ("Time,
/// Slate and Drudge Report"); not "Bond and PIBOR futures", nor "Trump
/// Plaza Hotel and Casino".
fn coordinated_with_org(i: usize, words: &[&str], spans: &[Span]) -> bool {
    let w = |k: usize| words.get(k).copied().unwrap_or("");
    let org_at = |start: usize| spans.iter().find(|s| s.0 == start && s.2 == "ORG");
    let the_org_ending = |end: usize| {
        spans.iter().any(|s| {
            s.1 == end && s.2 == "ORG" && s.0 > 0 && w(s.0 - 1).eq_ignore_ascii_case("the")
        })
    };
    let after_the = w(i + 1) == "and" && w(i + 2) == "the" && org_at(i + 3).is_some();
    let listed = i > 0
        && w(i - 1) == ","
        && w(i + 1) == "and"
        && org_at(i + 2).is_some_and(|s| s.1 - s.0 >= 2);
    let before = i >= 2 && w(i - 1) == "and" && the_org_ending(i - 1);
    after_the || listed || before
}

/// Whether the words around the name `words[a..b]` (tagged `ty`, a place or
/// a person) say it is a company.
fn org_context(a: usize, b: usize, words: &[&str], ty: &str) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    let prev = if a > 0 { lw(a - 1) } else { String::new() };
    let prev2 = if a > 1 { lw(a - 2) } else { String::new() };
    // People keep their type unless the name is one word.
    if ty == "PER" && b - a > 1 {
        return false;
    }
    // "shares of X", "shares in X".
    if (prev == "of" || prev == "in") && matches!(prev2.as_str(), "shares" | "stake" | "stock") {
        return true;
    }
    // "the chipmaker X" (not "the company's X").
    if BUSINESS_NOUNS.contains(&prev.as_str()) {
        return true;
    }
    // "carriers including X", "firms such as X".
    if list_cue(a, words) {
        return true;
    }
    // "X's chief executive".
    if business_possessive(b, words) {
        return true;
    }
    // "X, which won the tender", "X won the contract".
    let mut k = b;
    if lw(k) == "," && lw(k + 1) == "which" {
        k += 2;
    }
    if lw(k) == "won"
        && matches!(lw(k + 1).as_str(), "the" | "a" | "an")
        && AWARDS.contains(&lw(k + 2).as_str())
    {
        return true;
    }
    // "CEO of X", "the chief executive of X", "shareholders of X".
    if role_of(a, words) {
        return true;
    }
    // "an analyst at X", "researchers at X".
    if a >= 2 && prev == "at" && STAFF_NOUNS.contains(&prev2.as_str()) {
        return true;
    }
    // "X, the Swedish carmaker, said".
    if business_apposition_after(b, words) {
        return true;
    }
    // "…," said X, which has …": a speaker that is not a "who" (an unknown
    // "place" that speaks is a company too). Not any "X, which": places and
    // court cases are "which" too.
    if SAY_VERBS.contains(&prev.as_str()) && lw(b) == "," && lw(b + 1) == "which" {
        return true;
    }
    // "X said on Thursday it would …" (people say "it was" about anything).
    ty != "PER" && said_it(b, words)
}

/// Whether the words before `a` are a company role and "of" ("CEO of",
/// "chief executive of", "the founder of", "shareholders of").
pub(crate) fn role_of(a: usize, words: &[&str]) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    if a < 2 || lw(a - 1) != "of" {
        return false;
    }
    let role = lw(a - 2);
    let chief = a >= 3 && lw(a - 3) == "chief";
    COMPANY_OFFICERS.contains(&role.as_str())
        || matches!(role.as_str(), "shareholders" | "shareholder")
        || (chief && matches!(role.as_str(), "executive" | "economist"))
        || (a >= 4
            && lw(a - 4) == "chief"
            && role == "officer"
            && matches!(
                lw(a - 3).as_str(),
                "executive" | "financial" | "operating" | "technology"
            ))
}

/// Whether a name ending before `b` is followed by an apposition naming a
/// business: ", the Swedish carmaker," / ", a Danish lender." (up to three
/// words between the article and the noun).
fn business_apposition_after(b: usize, words: &[&str]) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    if lw(b) != "," || !matches!(lw(b + 1).as_str(), "the" | "a" | "an") {
        return false;
    }
    (b + 2..b + 6).any(|k| {
        BUSINESS_NOUNS.contains(&lw(k).as_str())
            && matches!(lw(k + 1).as_str(), "," | "." | ";" | ")")
            && (b + 2..k).all(|j| !matches!(lw(j).as_str(), "," | "'s" | "’s"))
    })
}

/// "the construction firm, Nordwerk, declined", "the port operator,
/// Meridian Terminals,": a name of up to three words set off by commas
/// after a business noun. Strong enough to overrule a given name in it.
fn business_apposition(a: usize, b: usize, words: &[&str]) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    if !(a >= 2
        && b - a <= 3
        && lw(a - 1) == ","
        && BUSINESS_NOUNS.contains(&lw(a - 2).as_str())
        && matches!(lw(b).as_str(), "," | "." | ")"))
    {
        return false;
    }
    // After a preposition ("a spokeswoman for the airline, Jane Doe,") a
    // name of two words or more is the person's; a one-word name is still
    // the company's ("a spokesman for the firm, Nordbygg,").
    if b - a == 1 {
        return true;
    }
    let det = (a.saturating_sub(7)..a - 2).rev().find(|&k| {
        matches!(
            lw(k).as_str(),
            "the" | "a" | "an" | "its" | "their" | "this"
        )
    });
    !det.is_some_and(|k| {
        k > 0
            && matches!(
                lw(k - 1).as_str(),
                "for" | "of" | "at" | "from" | "with" | "by" | "to" | "on"
            )
    })
}

/// Whether the words from `b` are "'s chief executive / CEO / shares / …"
/// (not "'s chief of staff").
fn business_possessive(b: usize, words: &[&str]) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    if !matches!(lw(b).as_str(), "'s" | "’s") {
        return false;
    }
    let noun = lw(b + 1);
    if noun == "chief" {
        matches!(
            lw(b + 2).as_str(),
            "executive" | "financial" | "operating" | "technology" | "economist"
        )
    } else {
        POSSESSED_BUSINESS.contains(&noun.as_str())
    }
}

/// Whether the words before `a` open a list of companies ("carriers
/// including", "firms such as", "companies like").
fn list_cue(a: usize, words: &[&str]) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    if a == 0 {
        return false;
    }
    let prev = lw(a - 1);
    let noun = match prev.as_str() {
        "including" | "like" if a >= 2 => lw(a - 2),
        "as" if a >= 3 && lw(a - 2) == "such" => lw(a - 3),
        _ => return false,
    };
    BUSINESS_PLURALS.contains(&noun.as_str())
}

/// Whether a verb of saying at `b` is followed, within a few words, by "it
/// would/will/…" or "its" ("X said on Thursday it would …").
fn said_it(b: usize, words: &[&str]) -> bool {
    let lw = |i: usize| words.get(i).map(|w| lower(w)).unwrap_or_default();
    if !SAY_VERBS.contains(&lw(b).as_str()) {
        return false;
    }
    for j in b + 1..(b + 8).min(words.len()) {
        let t = lw(j);
        if t == "its" || (t == "it" && IT_VERBS.contains(&lw(j + 1).as_str())) {
            return true;
        }
        let stop = matches!(
            t.as_str(),
            "he" | "she" | "they" | "we" | "i" | "his" | "her" | "that" | "." | ";" | ":"
        );
        // Another name in between ("X said Y thinks it …"), except a day or
        // month ("said on Thursday it …").
        let name = words
            .get(j)
            .is_some_and(|w| w.starts_with(char::is_uppercase))
            && !gleaner_datelines::is_weekday_name(&t)
            && !gleaner_datelines::is_month_word(&t);
        if stop || name {
            break;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Lex;
    impl Lexicon for Lex {
        fn known(&self, words: &[&str]) -> u8 {
            match words {
                ["Norway"] => LOC_BIT,
                ["Jane", "Roe"] | ["Jon", "Media"] => 1,
                _ => 0,
            }
        }
        fn known_external(&self, words: &[&str]) -> u8 {
            match words {
                ["Brightwave"] | ["Kellan"] => 2,
                _ => 0,
            }
        }
        fn is_common(&self, w: &str) -> bool {
            matches!(w, "Service" | "Office")
        }
        fn is_given_name(&self, w: &str) -> bool {
            matches!(w, "Mara" | "Olga")
        }
    }

    fn run(text: &str, spans: &[Span]) -> Vec<(String, &'static str)> {
        let words: Vec<&str> = text.split(' ').collect();
        let persons: HashSet<String> = ["ilse".to_string()].into_iter().collect();
        repair(spans, &words, &Lex, &persons)
            .into_iter()
            .map(|(a, b, t)| (words[a..b].join(" "), t))
            .collect()
    }

    #[test]
    fn company_cues_turn_places_and_people_into_orgs() {
        let cases: &[(&str, Span)] = &[
            (
                "Zentor said on Monday it would close a plant .",
                (0, 1, "LOC"),
            ),
            ("Zentor said its sales fell .", (0, 1, "LOC")),
            ("Zentor announced it expects losses .", (0, 1, "LOC")),
            ("Shares of Zentor fell 4 percent .", (2, 3, "LOC")),
            (
                "Freight carriers including Zentor raised prices .",
                (3, 4, "PER"),
            ),
            ("Retail firms such as Zentor cut jobs .", (4, 5, "PER")),
            ("Zentor 's chief executive resigned .", (0, 1, "PER")),
            ("the Danish rail operator Zentor bid .", (4, 5, "LOC")),
            (
                "critics accused Ostrava of favouring Zentor , which won the tender .",
                (5, 6, "LOC"),
            ),
            (
                "A spokesman for the building firm , Zentor , declined .",
                (7, 8, "LOC"),
            ),
            (
                "The port operator , Zentor Terminals , said no .",
                (4, 6, "PER"),
            ),
            ("Ulla Brenn , CEO of Zentor , quit .", (5, 6, "LOC")),
            ("the chief executive of Zentor quit .", (4, 5, "PER")),
            ("a former founder of Zentor Brill spoke", (4, 6, "LOC")),
            ("said Ulla Brenn , an analyst at Zentor .", (7, 8, "LOC")),
            ("Zentor , the Danish carmaker , said no .", (0, 1, "PER")),
            ("Zentor , a lender , said no .", (0, 1, "PER")),
            (
                "\" No , \" said Zentor , which makes cells .",
                (5, 6, "PER"),
            ),
        ];
        // Someone speaking for a company, in commas, stays a person.
        for (text, sp) in [
            (
                "A spokeswoman for the airline , Jana Dovek , said no .",
                (6, 8, "PER"),
            ),
            (
                "An analyst at the firm , Jon Smeth , said no .",
                (6, 8, "PER"),
            ),
        ] {
            let got = run(text, &[sp]);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, "PER", "{text}: {got:?}");
        }
        for (text, sp) in cases {
            let got = run(text, &[*sp]);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, "ORG", "{text}: {got:?}");
        }
        // An unknown "place" that speaks as a "which".
        assert_eq!(
            run(
                "\" No , \" said Zentor , which makes cells .",
                &[(5, 6, "LOC")]
            ),
            vec![("Zentor".to_string(), "ORG")]
        );
    }

    #[test]
    fn names_known_only_as_organisations() {
        assert_eq!(
            run("he joined Brightwave last year", &[(2, 3, "LOC")]),
            vec![("Brightwave".to_string(), "ORG")]
        );
        // A surname of a person named in the document stays a person.
        let words = ["Ilse", "Kellan", "met", "Kellan"];
        let persons: HashSet<String> = ["ilse".into(), "kellan".into()].into_iter().collect();
        assert_eq!(
            repair(&[(0, 2, "PER"), (3, 4, "PER")], &words, &Lex, &persons),
            vec![(0, 2, "PER"), (3, 4, "PER")]
        );
    }

    #[test]
    fn lists_of_companies_continue() {
        assert_eq!(
            run(
                "Suppliers such as Zentor , Brill and Okko raised prices with Hadley .",
                &[(3, 4, "LOC"), (5, 6, "PER"), (7, 8, "LOC"), (11, 12, "PER")]
            ),
            vec![
                ("Zentor".to_string(), "ORG"),
                ("Brill".to_string(), "ORG"),
                ("Okko".to_string(), "ORG"),
                ("Hadley".to_string(), "PER")
            ]
        );
        // A list after a place is not a list of companies.
        assert_eq!(
            run("in Zentor and Brill", &[(1, 2, "LOC"), (3, 4, "LOC")]),
            vec![("Zentor".to_string(), "LOC"), ("Brill".to_string(), "LOC")]
        );
    }

    #[test]
    fn an_untagged_name_that_said_it_would_is_an_org() {
        assert_eq!(
            run("Zentor said on Monday it would close .", &[]),
            vec![("Zentor".to_string(), "ORG")]
        );
        assert_eq!(
            run("Zentor 's chief executive left .", &[]),
            vec![("Zentor".to_string(), "ORG")]
        );
        // Not a common word, a given name, a month, or a function word, nor
        // when "it" is far or after another subject.
        for text in [
            "Service said it would close .",
            "Mara said it would close .",
            "But said it would close .",
            "Zentor on Friday announced its results .",
            "Zentor said Hadley thinks it would close .",
            "Zentor said he would close .",
        ] {
            assert_eq!(run(text, &[]), vec![], "{text}");
        }
    }

    #[test]
    fn an_untagged_name_beside_an_org_is_an_org() {
        assert_eq!(
            run(
                "Zentor and the Met Office issued guidance",
                &[(3, 5, "ORG")]
            ),
            vec![
                ("Zentor".to_string(), "ORG"),
                ("Met Office".to_string(), "ORG")
            ]
        );
        assert_eq!(
            run(
                "guidance from the Met Office and Zentor .",
                &[(3, 5, "ORG")]
            ),
            vec![
                ("Met Office".to_string(), "ORG"),
                ("Zentor".to_string(), "ORG")
            ]
        );
        assert_eq!(
            run(
                "outlets such as Time , Zentor and Drudge Report",
                &[(3, 4, "ORG"), (7, 9, "ORG")]
            ),
            vec![
                ("Time".to_string(), "ORG"),
                ("Zentor".to_string(), "ORG"),
                ("Drudge Report".to_string(), "ORG")
            ]
        );
        // Without "the" or a list, the word opens the organisation's name.
        assert_eq!(
            run("The Nautical and Coastguard Agency said", &[(3, 5, "ORG")]),
            vec![("Nautical and Coastguard Agency".to_string(), "ORG")]
        );
        assert_eq!(
            run(
                "fines from the Nautical and Coastguard Agency",
                &[(5, 7, "ORG")]
            ),
            vec![("Nautical and Coastguard Agency".to_string(), "ORG")]
        );
        // Not a common word or a given name, nor beside a place, nor a
        // word after a name that does not open with "the".
        for (text, sp) in [
            (
                "president of Zentor Plaza Hotel and Casino in Oslo",
                (2, 5, "ORG"),
            ),
            ("Service and the Met Office agreed", (3, 5, "ORG")),
            ("Mara and the Met Office agreed", (3, 5, "ORG")),
            ("Zentor and the Lake District agreed", (3, 5, "LOC")),
            ("Zentor and ZIBOR futures rose", (2, 3, "ORG")),
        ] {
            assert_eq!(run(text, &[sp]).len(), 1, "{text}");
        }
    }

    #[test]
    fn corporate_suffix_extends_the_span() {
        // "a Texas limited partnership": a lowercase suffix word is no suffix.
        assert_eq!(
            run("a Zentor limited partnership", &[(1, 2, "LOC")]),
            vec![("Zentor".to_string(), "LOC")]
        );
        assert_eq!(
            run("Zentor Corp said profits rose .", &[(0, 1, "LOC")]),
            vec![("Zentor Corp".to_string(), "ORG")]
        );
    }

    #[test]
    fn cues_do_not_fire_on_known_places_or_people_context() {
        // Countries say "it would" too.
        assert_eq!(
            run("Norway said on Monday it would join .", &[(0, 1, "LOC")]),
            vec![("Norway".to_string(), "LOC")]
        );
        // A person picked up by "he".
        assert_eq!(
            run("Hadley said he would resign .", &[(0, 1, "PER")]),
            vec![("Hadley".to_string(), "PER")]
        );
        // A full person name is never retyped by context.
        assert_eq!(
            run("Mara Hadley said its board met .", &[(0, 2, "PER")]),
            vec![("Mara Hadley".to_string(), "PER")]
        );
        // People say "it was" about anything; a chief of staff is no CEO.
        assert_eq!(
            run("Hadley said it was wrong .", &[(0, 1, "PER")]),
            vec![("Hadley".to_string(), "PER")]
        );
        assert_eq!(
            run("Hadley 's chief of staff quit .", &[(0, 1, "PER")]),
            vec![("Hadley".to_string(), "PER")]
        );
        // "which" after a place or a case; the founder of a person's firm;
        // a person who is "the firm's founder".
        for (text, sp, ty) in [
            ("Dixby , which is a town , voted .", (0, 1), "PER"),
            ("Hadley , the firm 's founder , said no .", (0, 1), "PER"),
            ("the founder of Norway 's oil fund", (3, 4), "LOC"),
            ("analysts at Norway said", (2, 3), "LOC"),
        ] {
            let got = run(text, &[(sp.0, sp.1, ty)]);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, ty, "{text}: {got:?}");
        }
        // A surname the document uses in a full name, or a given name.
        assert_eq!(
            run("Ilse 's shares rose .", &[(0, 1, "PER")]),
            vec![("Ilse".to_string(), "PER")]
        );
        assert_eq!(
            run("firms including Mara .", &[(2, 3, "PER")]),
            vec![("Mara".to_string(), "PER")]
        );
        // "the country's chief" is not a company cue for known places.
        assert_eq!(
            run("Norway 's chief negotiator left .", &[(0, 1, "LOC")]),
            vec![("Norway".to_string(), "LOC")]
        );
    }

    #[test]
    fn org_head_nouns() {
        assert_eq!(
            run("the Acme Geological Survey said", &[(1, 4, "MISC")]),
            vec![("Acme Geological Survey".to_string(), "ORG")]
        );
        assert_eq!(
            run("at the University of Lindholm today", &[(2, 5, "LOC")]),
            vec![("University of Lindholm".to_string(), "ORG")]
        );
        // Company words end company names, whatever the tagger said.
        for (text, sp) in [
            ("Workers at Tovik Foods walked out", (2, 4, "LOC")),
            ("Ulla Brenn Labs raised money", (0, 3, "PER")),
            ("shares in Marrow Ferries rose", (2, 4, "MISC")),
            ("rival Quenby Technologies said", (1, 3, "PER")),
            ("Rival Tarrin Automotive said", (1, 3, "PER")),
        ] {
            let got = run(text, &[sp]);
            assert_eq!(got.len(), 1, "{text}: {got:?}");
            assert_eq!(got[0].1, "ORG", "{text}: {got:?}");
        }
        // ... but not a person the gazetteers know by that name.
        assert_eq!(
            run("Jon Media said", &[(0, 2, "PER")]),
            vec![("Jon Media".to_string(), "PER")]
        );
        // A lone head word or a person is left alone.
        assert_eq!(
            run("Mr Bank spoke", &[(1, 2, "PER")]),
            vec![("Bank".to_string(), "PER")]
        );
    }

    #[test]
    fn storms_and_plural_initials_are_no_people() {
        assert_eq!(
            run("as Storm Elowen hit the coast", &[(2, 3, "PER")]),
            vec![("Storm Elowen".to_string(), "MISC")]
        );
        assert_eq!(
            run("as Storm Elowen hit the coast", &[(1, 3, "PER")]),
            vec![("Storm Elowen".to_string(), "MISC")]
        );
        assert!(run("Grant told MSPs the plan", &[(2, 3, "PER")]).is_empty());
        // One capital and an s is a word, not initials.
        assert_eq!(
            run("Mr Ts said", &[(1, 2, "PER")]),
            vec![("Ts".to_string(), "PER")]
        );
    }

    #[test]
    fn places_named_like_people_and_institutions_named_like_places() {
        assert_eq!(
            run("crossings to Skerry Island stop", &[(2, 4, "PER")]),
            vec![("Skerry Island".to_string(), "LOC")]
        );
        assert_eq!(
            run("a cafe on Rue Vaubecour closed", &[(3, 5, "PER")]),
            vec![("Rue Vaubecour".to_string(), "LOC")]
        );
        assert_eq!(
            run("the Elmford Public Library will close", &[(1, 4, "LOC")]),
            vec![("Elmford Public Library".to_string(), "ORG")]
        );
        // A person whose surname is a place word stays a person.
        assert_eq!(
            run("Olga Lane said", &[(0, 2, "PER")]),
            vec![("Olga Lane".to_string(), "PER")]
        );
        assert_eq!(
            run("Olga Pass said", &[(0, 2, "PER")]),
            vec![("Olga Pass".to_string(), "PER")]
        );
        assert_eq!(
            run("director Mara Bay said", &[(1, 3, "PER")]),
            vec![("Mara Bay".to_string(), "PER")]
        );
        // A title-like first word the tagger left out is part of the place.
        assert_eq!(
            run("ferries to Prince Edward Island stop", &[(3, 5, "PER")]),
            vec![("Prince Edward Island".to_string(), "LOC")]
        );
    }

    #[test]
    fn given_name_and_month_surname() {
        assert_eq!(
            run("Minister Olga May said", &[(1, 2, "PER")]),
            vec![("Olga May".to_string(), "PER")]
        );
        // A title makes up for an unknown given name.
        assert_eq!(
            run("Premier Zsofi May said", &[(1, 2, "PER")]),
            vec![("Zsofi May".to_string(), "PER")]
        );
        // Not after a word that is not a given name, nor before a capital
        // (a headline: "Hadley May Resign").
        assert_eq!(
            run("Hadley May said", &[(0, 1, "PER")]),
            vec![("Hadley".to_string(), "PER")]
        );
        assert_eq!(
            run("Olga May Resign", &[(0, 1, "PER")]),
            vec![("Olga".to_string(), "PER")]
        );
        // A date after a name is not a surname.
        assert_eq!(
            run("Olga May 12 reported", &[(0, 1, "PER")]),
            vec![("Olga".to_string(), "PER")]
        );
    }

    #[test]
    fn acronym_followed_by_person_splits() {
        assert_eq!(
            run("head of ZQRT Mara Hadley said", &[(2, 5, "ORG")]),
            vec![
                ("ZQRT".to_string(), "ORG"),
                ("Mara Hadley".to_string(), "PER")
            ]
        );
        // A credit with a month is not a person.
        assert_eq!(
            run("by ZQ Hadley Nov 12", &[(1, 4, "ORG")]),
            vec![("ZQ Hadley Nov".to_string(), "ORG")]
        );
        // Organisation words after an acronym stay in the name.
        assert_eq!(
            run("the ZBC World Service said", &[(1, 4, "ORG")]),
            vec![("ZBC World Service".to_string(), "ORG")]
        );
    }

    #[test]
    fn letter_brands() {
        assert!(is_letter_brand("Q-Mobile"));
        assert!(!is_letter_brand("US-China"));
        assert!(!is_letter_brand("X-ray"));
        // Party and state of a US politician.
        assert_eq!(run("Ann Roe ( R-Texas ) said", &[(0, 2, "PER")]).len(), 1);
        assert_eq!(
            run("data taken from Q-Mobile and others", &[]),
            vec![("Q-Mobile".to_string(), "ORG")]
        );
    }

    #[test]
    fn a_generic_place_noun_opening_a_sentence_is_no_name() {
        assert_eq!(
            run(
                "Island councillor Mara Hadley agreed",
                &[(0, 1, "MISC"), (2, 4, "PER")]
            ),
            vec![("Mara Hadley".to_string(), "PER")]
        );
        assert!(run("Valley farmers protested", &[(0, 1, "LOC")]).is_empty());
        // A name, a capital after it, a person or a place inside the
        // sentence stay.
        for (text, sp) in [
            ("Island Records signed her", (0, 2, "ORG")),
            ("Island , the label , signed her", (0, 1, "ORG")),
            ("Lake said no", (0, 1, "PER")),
            ("Valley said no", (0, 1, "ORG")),
            ("State initially said no", (0, 1, "ORG")),
            ("crossings to Island stop", (2, 3, "LOC")),
        ] {
            assert_eq!(run(text, &[sp]).len(), 1, "{text}");
        }
    }

    #[test]
    fn bad_spans_are_dropped_not_panicked_on() {
        assert_eq!(run("Zentor rose", &[(1, 1, "ORG"), (1, 9, "ORG")]), vec![]);
    }

    #[test]
    fn headlines_are_left_alone() {
        assert_eq!(
            run("ZENTOR SAID IT WOULD CLOSE", &[(0, 1, "LOC")]),
            vec![("ZENTOR".to_string(), "LOC")]
        );
    }
}
