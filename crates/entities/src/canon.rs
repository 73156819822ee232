//! Canonical entities within one document: cleaning mentions (titles and
//! possessives are not part of a name), collecting titles as attributes, and
//! merging the mentions of one person, organisation or place.
//!
//! Merging rules, in order, for each mention in text order:
//! 1. the same normalized key (case, periods and a leading "the" ignored;
//!    country aliases such as US / U.S. / the United States / America share
//!    a key);
//! 2. an acronym and its expansion ("National Cyber Security Centre (NCSC)"
//!    or initials that spell the acronym);
//! 3. a part of a person's name ("Ren" after "Ren Zhengfei"; also a full
//!    name after its short form);
//! 4. a company's short name ("Bluewater" after "Bluewater Ferries", joining
//!    the first company of the document it starts; also the full name after
//!    the short one), see `company_short_form`.
//!
//! A merged entity takes the label of its longest mention (ties: the most
//! frequent label), and its name is the fullest form, preferring one not
//! written in capitals.

use gleaner_core::EntityLabel;
use std::collections::BTreeMap;
use std::ops::Range;

/// Words that only modify a title ("vice", "former", "of", "foreign"): with
/// [`TITLE_HEADS`] they make up every word a title may contain.
const TITLE_MODIFIERS: &[&str] = &[
    "vice",
    "prime",
    "assistant",
    "senior",
    "former",
    "acting",
    "interim",
    "foreign",
    "defense",
    "defence",
    "finance",
    "treasury",
    "commerce",
    "homeland",
    "security",
    "national",
    "star",
    "singer",
    "actor",
    "actress",
    "player",
    "champion",
    "majority",
    "minority",
    "house",
    "solicitor",
    "trade",
    "state",
    "of",
    "the",
    "and",
    "u.s.",
    "us",
    "white",
    "staff",
    "board",
    "managing",
    "founding",
    // "chief financial officer", "chief operating officer".
    "financial",
    "operating",
    "technology",
    "information",
    "marketing",
    "commercial",
    "investment",
    "legal",
    "medical",
    "scientific",
    "presidential",
    // Portfolios and bodies: "transport minister", "opposition leader",
    // "union secretary", "competition commissioner".
    "transport",
    "transportation",
    "health",
    "interior",
    "home",
    "justice",
    "education",
    "energy",
    "environment",
    "agriculture",
    "economy",
    "culture",
    "labour",
    "labor",
    "industry",
    "business",
    "competition",
    "opposition",
    "union",
    "party",
    "press",
    "police",
];

/// Role words that end a non-person mention only by mistake.
const TRAILING_ROLES: &[&str] = &[
    "vice",
    "president",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "chairman",
    "chairwoman",
    "founder",
    "co-founder",
    "director",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "minister",
    "secretary",
    "prime",
    "chief",
    "executive",
    "officer",
    "deputy",
    "chancellor",
];

/// Roles that only a company or institution has ("Acme CFO"), besides
/// [`crate::repair::COMPANY_OFFICERS`].
const ORG_ROLES: &[&str] = &[
    "cio",
    "president",
    "director",
    "employee",
    "employees",
    "executive",
    "executives",
    "engineer",
    "engineers",
    "board",
    "spokesman",
    "spokeswoman",
    "spokesperson",
];

/// Words after a name that mark it as a company ("Acme equipment").
const ORG_CONTEXT_AFTER: &[&str] = &[
    "equipment",
    "products",
    "devices",
    "phones",
    "smartphones",
    "handsets",
    "networks",
    "technology",
    "technologies",
    "shares",
    "stock",
    "executives",
    "employees",
    "headquarters",
    "gear",
    "components",
    "chips",
    "subsidiary",
    "subsidiaries",
    "investors",
    "customers",
    "stores",
    "brand",
    "software",
    "hardware",
    "revenue",
    "revenues",
    "profits",
    "earnings",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "ceo",
    "cfo",
    "founder",
    "chairman",
];

/// Words before a name that mark it as a company ("phone giant Acme").
const ORG_CONTEXT_BEFORE: &[&str] = &[
    "company",
    "firm",
    "giant",
    "maker",
    "manufacturer",
    "carrier",
    "rival",
    "supplier",
    "vendor",
    "conglomerate",
    "retailer",
    "startup",
    "brand",
    "operator",
    "corporation",
    "automaker",
    "bank",
    "insurer",
    "airline",
    "chipmaker",
    "provider",
];

/// Words that mark a name as an organisation's.
const ORG_WORDS: &[&str] = &[
    "group",
    "corp",
    "inc",
    "bank",
    "party",
    "union",
    "council",
    "committee",
    "association",
    "agency",
    "ministry",
    "university",
    "club",
    "united",
    "city",
    "fc",
    "news",
    "times",
    "post",
    "journal",
    "airlines",
    "airways",
    "motors",
    "systems",
    "technologies",
    "telecom",
    "capital",
    "partners",
    "holdings",
    "press",
    "media",
    "institute",
    "foundation",
    "commission",
    "department",
    "office",
    "service",
    "services",
    "army",
    "force",
    "navy",
    "court",
    "senate",
    "house",
    "congress",
    "parliament",
    "assembly",
    "government",
    "company",
    "industries",
    "international",
    "energy",
    "oil",
    "airlines",
    "network",
    "networks",
    "communications",
    "electric",
    "motor",
    "insurance",
    "securities",
    "investments",
    "fund",
    "trust",
    "league",
    "federation",
    "society",
    "church",
    "school",
    "college",
    "hospital",
    "police",
    "team",
    "rail",
    "railways",
    "railway",
    "airport",
    "studios",
    "records",
    "pharmaceuticals",
    "labs",
];

/// Verbs of saying that follow a speaker's name.
const SPEECH_VERBS: &[&str] = &[
    "said",
    "says",
    "told",
    "warned",
    "added",
    "claimed",
    "argued",
    "insisted",
    "stated",
    "explained",
    "wrote",
    "tweeted",
    "denied",
    "admitted",
    "noted",
    "replied",
];

/// Honorifics: dropped from names, not recorded as titles.
const HONORIFICS: &[&str] = &["mr", "mr.", "mrs", "mrs.", "ms", "ms.", "miss", "mx", "mx."];

/// True for any word a title may contain.
fn is_title_word(w: &str) -> bool {
    TITLE_HEADS.contains(&w) || TITLE_MODIFIERS.contains(&w)
}

/// Title words that can head a title on their own (not just modify one).
const TITLE_HEADS: &[&str] = &[
    "president",
    "minister",
    "secretary",
    "chancellor",
    "ceo",
    "cfo",
    "coo",
    "cto",
    "cio",
    "chairman",
    "chairwoman",
    "chair",
    "founder",
    "co-founder",
    "cofounder",
    "director",
    "officer",
    "spokesman",
    "spokeswoman",
    "spokesperson",
    "senator",
    "sen.",
    "rep.",
    "representative",
    "congressman",
    "congresswoman",
    "governor",
    "gov.",
    "mayor",
    "king",
    "queen",
    "prince",
    "princess",
    "general",
    "gen.",
    "admiral",
    "colonel",
    "col.",
    "lieutenant",
    "lt.",
    "captain",
    "capt.",
    "sergeant",
    "sgt.",
    "judge",
    "justice",
    "attorney",
    "ambassador",
    "commissioner",
    "leader",
    "head",
    "analyst",
    "professor",
    "prof.",
    "dr.",
    "sir",
    "lord",
    "dame",
    "pope",
    "bishop",
    "archbishop",
    "rabbi",
    "coach",
    "manager",
    "striker",
    "midfielder",
    "goalkeeper",
    "defender",
    "deputy",
    "advisor",
    "adviser",
    "editor",
    "reporter",
    "correspondent",
    "author",
    "economist",
    "owner",
    "boss",
    "premier",
    "emperor",
    "sheikh",
    "cardinal",
    "detective",
    "inspector",
    "superintendent",
    "agent",
    "sheriff",
    "chef",
    "envoy",
    "diplomat",
    "lawmaker",
    "candidate",
    "nominee",
    "speaker",
    "whip",
    "partner",
    "dictator",
    "president-elect",
    "ex-president",
    "executive",
    "chief",
    "member",
];

/// Lowercase country alias → canonical key and display name.
const ALIASES: &[(&str, &str)] = &[
    ("us", "United States"),
    ("usa", "United States"),
    ("united states", "United States"),
    ("united states of america", "United States"),
    ("america", "United States"),
    ("uk", "United Kingdom"),
    ("united kingdom", "United Kingdom"),
    ("britain", "United Kingdom"),
    ("great britain", "United Kingdom"),
    ("eu", "European Union"),
    ("european union", "European Union"),
    ("un", "United Nations"),
    ("united nations", "United Nations"),
    ("uae", "United Arab Emirates"),
    ("united arab emirates", "United Arab Emirates"),
    ("prc", "China"),
    ("people's republic of china", "China"),
    ("china", "China"),
    ("russian federation", "Russia"),
    ("russia", "Russia"),
    ("south korea", "South Korea"),
    ("republic of korea", "South Korea"),
    ("north korea", "North Korea"),
    ("dprk", "North Korea"),
    ("nz", "New Zealand"),
    ("new zealand", "New Zealand"),
];

/// Words ignored when spelling an acronym from a name.
const ACRONYM_SKIP: &[&str] = &["of", "the", "and", "for", "&", "de", "on", "in", "to", "a"];

/// A recognized mention before merging.
#[derive(Debug, Clone)]
pub struct RawMention {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// Label.
    pub label: EntityLabel,
}

/// A merged entity with byte ranges (converted to spans by the analyzer).
#[derive(Debug, Clone, PartialEq)]
pub struct CanonEntity {
    /// Label.
    pub label: EntityLabel,
    /// Canonical name.
    pub name: String,
    /// Other names used.
    pub aliases: Vec<String>,
    /// Titles and roles found before person mentions.
    pub titles: Vec<String>,
    /// Mentions: byte ranges in text order.
    pub mentions: Vec<Range<usize>>,
}

fn norm_key(s: &str) -> String {
    let mut k: String = s
        .chars()
        .filter(|c| *c != '.')
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect::<String>()
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if let Some(rest) = k.strip_prefix("the ") {
        k = rest.to_string();
    }
    // "Acme Corp" and "Acme" are one company.
    for suffix in [
        " corp",
        " corporation",
        " inc",
        " ltd",
        " co",
        " plc",
        " llc",
        " ag",
        " sa",
        " group",
        " holdings",
        " company",
    ] {
        if let Some(rest) = k.strip_suffix(suffix) {
            if !rest.is_empty() {
                k = rest.trim_end_matches(',').to_string();
                break;
            }
        }
    }
    if let Some((_, canon)) = ALIASES.iter().find(|(a, _)| *a == k) {
        return format!("alias:{canon}");
    }
    k
}

fn alias_name(key: &str) -> Option<&str> {
    key.strip_prefix("alias:")
}

fn is_acronym(s: &str) -> bool {
    let letters: Vec<char> = s.chars().filter(|c| *c != '.' && *c != '&').collect();
    (2..=7).contains(&letters.len()) && letters.iter().all(|c| c.is_ascii_uppercase())
}

fn initials(words: &[&str]) -> String {
    words
        .iter()
        .filter(|w| !ACRONYM_SKIP.contains(&w.to_lowercase().as_str()))
        .filter_map(|w| w.chars().next())
        .filter(|c| c.is_alphabetic())
        .flat_map(char::to_uppercase)
        .collect()
}

/// Index of the token that starts at or covers byte `b`.
fn token_at(toks: &[Range<usize>], b: usize) -> Option<usize> {
    let i = toks.partition_point(|t| t.end <= b);
    toks.get(i).filter(|t| t.start <= b).map(|_| i)
}

struct Group {
    key: String,
    mentions: Vec<(Range<usize>, EntityLabel, usize)>, // range, label, token count
    titles: Vec<String>,
    /// Lowercase name tokens of person mentions, for partial-name merging.
    person_tokens: Vec<Vec<String>>,
    acronym: Option<String>,
    initials: Vec<String>,
    /// Keys of short names that joined the group by rule 5 ("bluewater"
    /// in the group of "Bluewater Ferries"): later mentions with the same
    /// key join it whatever their label.
    short_keys: Vec<String>,
}

/// Whether the last word of a normalized key ends a company name
/// ("Bluewater Ferries", "Quillon Bank", "Northway Power"; words such as
/// Power and Bank, which end surnames or places too, only merge names here
/// and do not retype spans in `repair`).
fn company_end(key: &str) -> bool {
    key.rsplit(' ').next().is_some_and(|w| {
        crate::repair::COMPANY_HEADS.contains(&w)
            || matches!(w, "bank" | "airline" | "power" | "utilities" | "gas")
    })
}

/// Rule 5 of [`canonicalize`]: the group of the company whose full name
/// starts with the words of this shorter mention ("Bluewater" after
/// "Bluewater Ferries": the first such company of the document), or, for a
/// company's full name, the group of its short form seen earlier
/// ("Halden" … "Halden Foods").
///
/// The full name must end in a company word ("Meridian" after "Meridian
/// Water Systems", not "Tallis Valley" after "Tallis Valley Water
/// Authority"), or, when the tagger called the short name an organisation,
/// add one organisation word to it ("Hofstra" after "Hofstra University",
/// not "Senate" after "Senate Democrats"); a known place never joins. A
/// full name joins a short form only when it ends in a company word and
/// every earlier mention is shorter, with no person named in full and no
/// title, and no known place.
fn company_short_form(
    groups: &[Group],
    text: &str,
    (key, surface, label, ws): (&str, &str, EntityLabel, &[&str]),
    known_place: &dyn Fn(&str) -> bool,
) -> Option<usize> {
    let ntok = ws.len();
    if key.is_empty() || !ws.iter().all(|w| w.starts_with(char::is_uppercase)) {
        return None;
    }
    // Whole words of `short` open `long` (keys are single-spaced).
    let starts_with = |long: &str, short: &str| {
        long.strip_prefix(short)
            .is_some_and(|rest| rest.starts_with(' '))
    };
    let eligible = match label {
        EntityLabel::Org | EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Misc => true,
        EntityLabel::Person => ntok == 1,
        _ => false,
    };
    if !eligible {
        return None;
    }
    // What the full name adds to the short one: any run of words ending in
    // a company word ("Water Systems"), or, for a short name the tagger
    // also called an organisation, one organisation word ("Hofstra
    // University", "Fox News"; not "Senate Intelligence Committee" after
    // "Senate", nor "Muslim Brotherhood").
    let adds_company = |long: &str| {
        company_end(long)
            || (label == EntityLabel::Org
                && long.get(key.len() + 1..).is_some_and(|rest| {
                    !rest.contains(' ')
                        && (crate::repair::ORG_HEADS.contains(&rest) || ORG_WORDS.contains(&rest))
                }))
    };
    // A short form of an earlier full name.
    let short = || {
        groups.iter().position(|g| {
            starts_with(&g.key, key)
                && g.mentions.iter().any(|m| m.1 == EntityLabel::Org)
                && adds_company(&g.key)
        })
    };
    // A full name after its short form.
    let full = || {
        if label != EntityLabel::Org || ntok < 2 || !company_end(key) {
            return None;
        }
        groups.iter().position(|g| {
            starts_with(key, &g.key)
                && g.person_tokens.is_empty()
                && g.titles.is_empty()
                && g.mentions.iter().all(|m| {
                    m.2 < ntok
                        && matches!(
                            m.1,
                            EntityLabel::Org
                                | EntityLabel::Person
                                | EntityLabel::Gpe
                                | EntityLabel::Loc
                                | EntityLabel::Misc
                        )
                        && !text.get(m.0.clone()).is_some_and(known_place)
                })
        })
    };
    // A known place never joins: asked last, only of a mention that would
    // (the lookup tokenizes the name).
    short().or_else(full).filter(|_| !known_place(surface))
}

/// Builds canonical entities from recognized mentions of `text` (tokens are
/// the tokenizer's byte ranges, sentences ranges of token indices).
///
/// `known_place` tells whether a name is a known place (from the model's
/// gazetteers); such names are never relabelled as organisations.
pub fn canonicalize(
    text: &str,
    toks: &[Range<usize>],
    sents: &[Range<usize>],
    raw: &[RawMention],
    known_place: &dyn Fn(&str) -> bool,
) -> Vec<CanonEntity> {
    let word = |i: usize| toks.get(i).and_then(|r| text.get(r.clone())).unwrap_or("");
    let sent_start = |ti: usize| {
        sents
            .iter()
            .find(|s| s.contains(&ti))
            .map_or(0, |s| s.start)
    };
    let mut groups: Vec<Group> = Vec::new();
    // Ranges of all mentions (after cleaning), for title qualifiers.
    let mut cleaned: Vec<(usize, usize, EntityLabel, Vec<String>)> = Vec::new();
    // Token spans, without possessives, and without role words trailing a
    // non-person name ("US Vice" in "US Vice President Mike Pence").
    let mut spans: Vec<(usize, usize, EntityLabel)> = Vec::new();
    for m in raw {
        let (Some(a), Some(b0)) = (
            token_at(toks, m.range.start),
            token_at(toks, m.range.end.saturating_sub(1)),
        ) else {
            continue;
        };
        let mut b = b0 + 1;
        while b > a && matches!(word(b - 1), "'s" | "’s" | "'" | "’" | "'S" | "’S") {
            b -= 1;
        }
        if m.label != EntityLabel::Person {
            while b > a && TRAILING_ROLES.contains(&word(b - 1).to_lowercase().as_str()) {
                b -= 1;
            }
        }
        if a < b {
            spans.push((a, b, m.label));
        }
    }
    // "Acme-made" and "US-led" repeat a name the document already has.
    let all_keys: Vec<String> = spans
        .iter()
        .map(|&(a, b, _)| norm_key(&(a..b).map(word).collect::<Vec<_>>().join(" ")))
        .collect();
    spans.retain(|&(a, b, _)| {
        let w = word(a);
        let compound = b - a == 1
            && w.rsplit_once('-').is_some_and(|(head, tail)| {
                !tail.is_empty()
                    && tail.chars().all(char::is_lowercase)
                    && all_keys.contains(&norm_key(head))
            });
        !compound
    });
    // Two names run together on a caption line ("Smith Jane Doe"): split a
    // person mention when both parts are names used elsewhere, or when the
    // first part is an organisation of the document and a name of two
    // words or more follows ("CEO of Veltra Annika Falkenrath").
    let keys: Vec<String> = spans
        .iter()
        .map(|&(a, b, _)| norm_key(&(a..b).map(word).collect::<Vec<_>>().join(" ")))
        .collect();
    let mut split: Vec<(usize, usize, EntityLabel)> = Vec::new();
    for (si, &(a, b, label)) in spans.iter().enumerate() {
        let mut done = false;
        if label == EntityLabel::Person && b - a >= 3 {
            for k in a + 1..b {
                let left = norm_key(&(a..k).map(word).collect::<Vec<_>>().join(" "));
                let labels_of = |key: &str| -> Vec<EntityLabel> {
                    keys.iter()
                        .zip(&spans)
                        .enumerate()
                        .filter(|(j, (x, _))| *j != si && x.as_str() == key)
                        .map(|(_, (_, s))| s.2)
                        .collect()
                };
                let left_labels = labels_of(&left);
                // A first part the document does not name splits nothing.
                if left_labels.is_empty() {
                    continue;
                }
                let right = norm_key(&(k..b).map(word).collect::<Vec<_>>().join(" "));
                // "Justice Anna Roe" is a title and a name, whatever
                // "Justice" is elsewhere.
                let title = (a..k).all(|i| is_title_word(&word(i).to_lowercase()));
                let left_org = left_labels.contains(&EntityLabel::Org) && !title;
                let left_other = left_labels.iter().any(|l| *l != EntityLabel::Org);
                if (left_org || left_other)
                    && ((left_org && b - k >= 2) || !labels_of(&right).is_empty())
                {
                    let left_label = if left_org && !left_other {
                        EntityLabel::Org
                    } else {
                        label
                    };
                    split.push((a, k, left_label));
                    split.push((k, b, label));
                    done = true;
                    break;
                }
            }
        }
        if !done {
            split.push((a, b, label));
        }
    }
    // Mentions that qualify a title before a person ("Acme founder"), with
    // the title's head word.
    let mut qualifiers: Vec<(usize, String)> = Vec::new();
    for (a, b, label) in split {
        let mut a = a;
        let mut titles = Vec::new();
        let m_label = label;
        // Leading honorifics and titles inside a person mention.
        if m_label == EntityLabel::Person {
            let mut t0 = a;
            while a + 1 < b {
                let lw = word(a).to_lowercase();
                if HONORIFICS.contains(&lw.as_str()) {
                    a += 1;
                    t0 = a;
                } else if is_title_word(&lw) {
                    a += 1;
                } else {
                    break;
                }
            }
            if t0 < a {
                if let (Some(s), Some(e)) = (toks.get(t0), toks.get(a - 1)) {
                    titles.push(text[s.start..e.end].to_string());
                }
            }
        }
        if a >= b {
            continue;
        }
        // Titles just before a person mention: "Huawei CFO Meng Wanzhou".
        if m_label == EntityLabel::Person && titles.is_empty() {
            let ss = sent_start(a);
            let mut t = a;
            while t > ss {
                let lw = word(t - 1).to_lowercase();
                let cap_modifier = t < a
                    && word(t - 1).chars().next().is_some_and(char::is_uppercase)
                    && is_title_word(&lw);
                if is_title_word(&lw) || cap_modifier {
                    t -= 1;
                } else {
                    break;
                }
            }
            // Trim connectors at the start.
            while t < a && matches!(word(t).to_lowercase().as_str(), "of" | "the" | "and") {
                t += 1;
            }
            let has_head = (t..a).any(|i| TITLE_HEADS.contains(&word(i).to_lowercase().as_str()));
            if has_head && t < a {
                // An organisation or place right before the title qualifies it.
                let mut q = t;
                if let Some(pi) = cleaned.iter().rposition(|c| c.1 == t) {
                    q = cleaned[pi].0;
                    if let Some(head) = (t..a).map(|i| word(i).to_lowercase()).find(|w| {
                        crate::repair::COMPANY_OFFICERS.contains(&w.as_str())
                            || ORG_ROLES.contains(&w.as_str())
                    }) {
                        qualifiers.push((pi, head));
                    }
                }
                if let (Some(s), Some(e)) = (toks.get(q), toks.get(a - 1)) {
                    titles.push(text[s.start..e.end].to_string());
                }
            }
        }
        cleaned.push((a, b, m_label, titles));
    }
    let mut group_of: Vec<usize> = Vec::with_capacity(cleaned.len());
    for (a, b, label, titles) in cleaned {
        let (Some(s), Some(e)) = (toks.get(a), toks.get(b - 1)) else {
            continue;
        };
        let range = s.start..e.end;
        let surface = &text[range.clone()];
        let key = norm_key(surface);
        let ws: Vec<&str> = (a..b).map(word).collect();
        let lower_ws: Vec<String> = ws.iter().map(|w| w.to_lowercase()).collect();
        let ntok = b - a;
        let acr = is_acronym(surface).then(|| surface.replace('.', ""));
        let ini = (ws.len() >= 2)
            .then(|| initials(&ws))
            .filter(|i| i.len() >= 2);
        // 1. Same key.
        let mut target = groups
            .iter()
            .position(|g| g.key == key || g.short_keys.contains(&key));
        // 2. Acronym ↔ expansion.
        if target.is_none() {
            if let Some(ac) = &acr {
                target = groups
                    .iter()
                    .rposition(|g| g.initials.iter().any(|i| i == ac));
                // "Long Name (ACR)": the mention right before the parenthesis.
                if target.is_none() && a >= 2 && word(a - 1) == "(" && word(b) == ")" {
                    let prev_end = a - 1;
                    target = groups.iter().rposition(|g| {
                        g.mentions.last().is_some_and(|(r, _, _)| {
                            token_at(toks, r.end.saturating_sub(1)).map(|x| x + 1) == Some(prev_end)
                        })
                    });
                }
            } else if let Some(i) = &ini {
                target = groups
                    .iter()
                    .rposition(|g| g.acronym.as_deref() == Some(i.as_str()));
            }
        }
        // 3. "the Commission" after "the European Commission": an
        // organisation name preceded by "the" whose words end a longer
        // organisation name of the document.
        if target.is_none()
            && label == EntityLabel::Org
            && a > 0
            && word(a - 1).eq_ignore_ascii_case("the")
            && ws
                .iter()
                .all(|w| w.chars().next().is_some_and(char::is_uppercase))
        {
            let tail: Vec<String> = key.split(' ').map(str::to_string).collect();
            // One word only when it is an organisation head noun ("the
            // Commission", not "the House" after "the White House").
            let head_ok = tail.len() >= 2
                || tail
                    .first()
                    .is_some_and(|w| crate::repair::ORG_HEADS.contains(&w.as_str()));
            target = groups.iter().rposition(|g| {
                let gk: Vec<&str> = g.key.split(' ').collect();
                head_ok
                    && g.mentions.iter().any(|m| m.1 == EntityLabel::Org)
                    && gk.len() > tail.len()
                    && gk
                        .get(gk.len() - tail.len()..)
                        .is_some_and(|t| t.iter().copied().eq(tail.iter().map(String::as_str)))
            });
        }
        // 4. Partial person names.
        let person_like = label == EntityLabel::Person
            || ntok <= 2
                && ws
                    .iter()
                    .all(|w| w.chars().next().is_some_and(char::is_uppercase));
        if target.is_none() && person_like {
            let holders: Vec<usize> = groups
                .iter()
                .enumerate()
                .filter(|(_, g)| {
                    g.person_tokens.iter().any(|full| {
                        full.len() > lower_ws.len()
                            && full
                                .windows(lower_ws.len())
                                .any(|w| w == lower_ws.as_slice())
                    })
                })
                .map(|(i, _)| i)
                .collect();
            // A bare surname that several people of the story share is the
            // one introduced first ("Gareth Lowry … his wife, Helen Lowry …
            // Lowry showed no emotion"); a relative is named in full.
            target = if ntok == 1 && holders.len() > 1 {
                holders.first().copied()
            } else {
                holders.last().copied()
            };
            if target.is_none() && label == EntityLabel::Person && ntok >= 2 {
                // A full name after its short form.
                target = groups.iter().rposition(|g| {
                    g.mentions.iter().all(|(_, l, n)| {
                        matches!(l, EntityLabel::Person | EntityLabel::Org) && *n < ntok
                    }) && {
                        let gk: Vec<&str> = g.key.split(' ').collect();
                        lower_ws
                            .windows(gk.len())
                            .any(|w| w.iter().map(String::as_str).eq(gk.iter().copied()))
                    }
                });
            }
        }
        // 5. A company's short name and its full name, in either order:
        // "Bluewater" after "Bluewater Ferries", "Halden Foods" after
        // "Halden".
        if target.is_none() {
            target = company_short_form(&groups, text, (&key, surface, label, &ws), known_place);
            if let Some(g) = target.and_then(|i| groups.get_mut(i)) {
                if g.key.len() > key.len() {
                    g.short_keys.push(key.clone());
                }
            }
        }
        let gi = match target {
            Some(i) => i,
            None => {
                groups.push(Group {
                    key: key.clone(),
                    mentions: Vec::new(),
                    titles: Vec::new(),
                    person_tokens: Vec::new(),
                    acronym: None,
                    initials: Vec::new(),
                    short_keys: Vec::new(),
                });
                groups.len() - 1
            }
        };
        group_of.push(gi);
        let g = &mut groups[gi];
        g.mentions.push((range, label, ntok));
        for t in titles {
            // One title per spelling; prefer the one not in capitals.
            match g.titles.iter().position(|x| x.eq_ignore_ascii_case(&t)) {
                None => g.titles.push(t),
                Some(k) => {
                    let caps = |x: &str| !x.chars().any(char::is_lowercase);
                    if caps(&g.titles[k]) && !caps(&t) {
                        g.titles[k] = t;
                    }
                }
            }
        }
        if label == EntityLabel::Person && ntok >= 2 {
            g.person_tokens.push(lower_ws);
        }
        if let Some(ac) = acr {
            g.acronym.get_or_insert(ac);
        }
        if let Some(i) = ini {
            if !g.initials.contains(&i) {
                g.initials.push(i);
            }
        }
    }
    // A name that qualifies a company role ("Acme founder", "Acme CFO") is
    // an organisation, unless the document also names it as a full person
    // name.
    let mut org_groups: Vec<usize> = qualifiers
        .iter()
        .filter_map(|(ci, _)| group_of.get(*ci).copied())
        .collect();
    org_groups.dedup();
    for gi in org_groups {
        if let Some(g) = groups.get_mut(gi) {
            let full_person = g
                .mentions
                .iter()
                .any(|m| m.1 == EntityLabel::Person && m.2 >= 2);
            if !full_person {
                for m in &mut g.mentions {
                    let place = matches!(m.1, EntityLabel::Gpe | EntityLabel::Loc)
                        && !known_place(&text[m.0.clone()]);
                    if matches!(m.1, EntityLabel::Person | EntityLabel::Misc) || place {
                        m.1 = EntityLabel::Org;
                    }
                }
            }
        }
    }
    // A one-word "person" that the document treats as a company ("Acme
    // equipment", "telecom giant Acme", "Acme and Orbix", "Acme-made") is an
    // organisation, unless the document also gives it a title or a full name.
    let org_ranges: Vec<Range<usize>> = groups
        .iter()
        .flat_map(|g| g.mentions.iter())
        .filter(|m| m.1 == EntityLabel::Org)
        .map(|m| m.0.clone())
        .collect();
    for g in &mut groups {
        let single = g.mentions.iter().all(|m| m.2 == 1);
        let persons = g
            .mentions
            .iter()
            .filter(|m| m.1 == EntityLabel::Person)
            .count();
        let places = g
            .mentions
            .iter()
            .filter(|m| matches!(m.1, EntityLabel::Gpe | EntityLabel::Loc))
            .count();
        // An unknown one-word "place" that behaves like a company.
        let odd_place = single
            && places > persons
            && g.mentions
                .first()
                .is_some_and(|m| !known_place(&text[m.0.clone()]));
        let person_evidence = !g.titles.is_empty() || !single || persons == 0;
        if person_evidence && !odd_place {
            continue;
        }
        let needed = if odd_place { 2 } else { 1 };
        let mut cues = 0;
        for m in &g.mentions {
            let (Some(a), Some(b)) = (
                token_at(toks, m.0.start),
                token_at(toks, m.0.end.saturating_sub(1)),
            ) else {
                continue;
            };
            let mut after = b + 1;
            if matches!(word(after), "'s" | "’s") {
                after += 1;
            }
            let next = word(after).to_lowercase();
            let prev = if a > 0 {
                word(a - 1).to_lowercase()
            } else {
                String::new()
            };
            if ORG_CONTEXT_AFTER.contains(&next.as_str())
                || ORG_CONTEXT_BEFORE.contains(&prev.as_str())
            {
                cues += 1;
            }
            // Coordinated with an organisation: "Acme and Orbix".
            let coord_next = matches!(word(b + 1), "and" | "or" | "&")
                && toks
                    .get(b + 2)
                    .is_some_and(|t| org_ranges.iter().any(|r| r.start == t.start));
            let coord_prev = a >= 2
                && matches!(word(a - 1), "and" | "or" | "&")
                && toks
                    .get(a - 2)
                    .is_some_and(|t| org_ranges.iter().any(|r| r.end == t.end));
            if coord_next || coord_prev {
                cues += 1;
            }
        }
        if let Some(first) = g.mentions.first() {
            let name = &text[first.0.clone()];
            for suffix in [
                "-made",
                "-built",
                "-owned",
                "-backed",
                "-supplied",
                "-branded",
            ] {
                if text.contains(&format!("{name}{suffix}")) {
                    cues += 1;
                }
            }
        }
        if cues >= needed {
            for m in &mut g.mentions {
                if matches!(
                    m.1,
                    EntityLabel::Person | EntityLabel::Gpe | EntityLabel::Loc
                ) {
                    m.1 = EntityLabel::Org;
                }
            }
        }
    }
    // A two- or three-word "organisation" written like a personal name, with
    // no organisation word in it, that says things and is referred to as
    // he or she ("Lena Haugstad said … his company") is a person.
    for g in &mut groups {
        let Some(first) = g.mentions.iter().max_by_key(|m| m.2) else {
            continue;
        };
        if !(2..=3).contains(&first.2) || g.mentions.iter().any(|m| m.1 != EntityLabel::Org) {
            continue;
        }
        let name = &text[first.0.clone()];
        let name_like = name.split_whitespace().all(|w| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.clone().next().is_some()
                && cs.all(char::is_lowercase)
                && !ORG_WORDS.contains(&w.to_lowercase().as_str())
        });
        if !name_like {
            continue;
        }
        let mut speech = 0;
        let mut pronoun = 0;
        for m in &g.mentions {
            let Some(b) = token_at(toks, m.0.end.saturating_sub(1)) else {
                continue;
            };
            if SPEECH_VERBS.contains(&word(b + 1).to_lowercase().as_str()) {
                speech += 1;
            }
            let end = sents
                .iter()
                .find(|s| s.contains(&b))
                .map_or(b + 1, |s| s.end);
            if (b + 1..end.min(b + 13))
                .any(|i| matches!(word(i), "he" | "she" | "his" | "her" | "him"))
            {
                pronoun += 1;
            }
        }
        if speech >= 1 && pronoun >= 1 {
            for m in &mut g.mentions {
                m.1 = EntityLabel::Person;
            }
        }
    }
    groups
        .into_iter()
        .map(|mut g| {
            g.mentions.sort_by_key(|m| m.0.start);
            let mut votes: BTreeMap<EntityLabel, usize> = BTreeMap::new();
            for m in &g.mentions {
                *votes.entry(m.1).or_insert(0) += 1;
            }
            let max_tok = g.mentions.iter().map(|m| m.2).max().unwrap_or(0);
            let label = g
                .mentions
                .iter()
                .filter(|m| m.2 == max_tok)
                .map(|m| m.1)
                .max_by_key(|l| (votes.get(l).copied().unwrap_or(0), std::cmp::Reverse(*l)))
                .unwrap_or(EntityLabel::Misc);
            let surfaces: Vec<&str> = g.mentions.iter().map(|m| &text[m.0.clone()]).collect();
            let name = match alias_name(&g.key) {
                Some(n) => n.to_string(),
                None => surfaces
                    .iter()
                    .copied()
                    .max_by_key(|s| {
                        let caps = s.chars().any(char::is_lowercase);
                        (s.split_whitespace().count(), caps, s.len())
                    })
                    .unwrap_or("")
                    .to_string(),
            };
            let mut aliases: Vec<String> = Vec::new();
            for s in &surfaces {
                if *s != name && !aliases.iter().any(|a| a == s) {
                    aliases.push(s.to_string());
                }
            }
            CanonEntity {
                label,
                name,
                aliases,
                // A title was read before a mention the tagger took for a
                // person; an entity that is not one has none ("CEO of" before
                // a company).
                titles: if label == EntityLabel::Person {
                    g.titles
                } else {
                    Vec::new()
                },
                mentions: g.mentions.into_iter().map(|m| m.0).collect(),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tokenize::{sentences, tokenize};

    fn run(text: &str, ents: &[(&str, usize, EntityLabel)]) -> Vec<CanonEntity> {
        // ents: (surface, occurrence index, label)
        let toks = tokenize(text);
        let sents = sentences(text, &toks);
        let mut raw = Vec::new();
        for (s, occ, l) in ents {
            let start = text.match_indices(s).nth(*occ).unwrap().0;
            raw.push(RawMention {
                range: start..start + s.len(),
                label: *l,
            });
        }
        raw.sort_by_key(|r| r.range.start);
        canonicalize(text, &toks, &sents, &raw, &|n| n == "Oslo")
    }

    #[test]
    fn the_short_org_name_joins_the_longer_one() {
        use EntityLabel::*;
        let t = "The Nordic Shipping Authority fined Orbix. Later the Authority said Orbix paid. An Authority official spoke.";
        let e = run(
            t,
            &[
                ("Nordic Shipping Authority", 0, Org),
                ("Orbix", 0, Org),
                ("Authority", 1, Org),
                ("Orbix", 1, Org),
                ("Authority", 2, Org),
            ],
        );
        let a = e
            .iter()
            .find(|x| x.name == "Nordic Shipping Authority")
            .unwrap();
        // "the Authority" merges; the bare "An Authority official" does not.
        assert_eq!(a.mentions.len(), 2, "{e:?}");
        assert_eq!(a.aliases, vec!["Authority"]);
        assert_eq!(e.len(), 3, "{e:?}");
        // "the House" is not the tail of "the White House".
        let t = "The White House said no. Later the House voted.";
        let e = run(t, &[("White House", 0, Org), ("House", 1, Org)]);
        assert_eq!(e.len(), 2, "{e:?}");
    }

    #[test]
    fn merges_surname_and_collects_titles() {
        use EntityLabel::*;
        let t = "Nordvik founder Lena Haugstad defended the deal. Haugstad said Nordvik's board agreed. NORDVIK shares rose.";
        let e = run(
            t,
            &[
                ("Nordvik", 0, Org),
                ("Lena Haugstad", 0, Person),
                ("Haugstad", 1, Person),
                ("Nordvik", 1, Org),
                ("NORDVIK", 0, Org),
            ],
        );
        assert_eq!(e.len(), 2, "{e:?}");
        let p = e.iter().find(|x| x.label == Person).unwrap();
        assert_eq!(p.name, "Lena Haugstad");
        assert_eq!(p.aliases, vec!["Haugstad"]);
        assert_eq!(p.titles, vec!["Nordvik founder"]);
        assert_eq!(p.mentions.len(), 2);
        let o = e.iter().find(|x| x.label == Org).unwrap();
        assert_eq!(o.name, "Nordvik");
        assert_eq!(o.mentions.len(), 3);
        // The possessive is outside the mention.
        assert!(o.mentions.iter().all(|r| !t[r.clone()].contains('\'')));
    }

    #[test]
    fn a_shared_surname_alone_is_the_person_named_first() {
        let text = "Omar Lindgren was jailed. His wife, Petra Lindgren, will be retried. Lindgren showed no emotion.";
        let ents = run(
            text,
            &[
                ("Omar Lindgren", 0, EntityLabel::Person),
                ("Petra Lindgren", 0, EntityLabel::Person),
                ("Lindgren", 2, EntityLabel::Person),
            ],
        );
        let omar = ents.iter().find(|e| e.name == "Omar Lindgren").unwrap();
        assert_eq!(omar.mentions.len(), 2, "{ents:#?}");
    }

    #[test]
    fn portfolio_titles_keep_their_portfolio() {
        use EntityLabel::*;
        let t = "Opposition leader Ivo Brandt met union secretary Sara Lund and the transport minister Ole Hagen.";
        let e = run(
            t,
            &[
                ("Ivo Brandt", 0, Person),
                ("Sara Lund", 0, Person),
                ("Ole Hagen", 0, Person),
            ],
        );
        let titles = |name: &str| e.iter().find(|x| x.name == name).unwrap().titles.clone();
        assert_eq!(titles("Ivo Brandt"), vec!["Opposition leader"]);
        assert_eq!(titles("Sara Lund"), vec!["union secretary"]);
        assert_eq!(titles("Ole Hagen"), vec!["transport minister"]);
        let t = "Orbix chief financial officer Ezra Lund said so.";
        let e = run(t, &[("Orbix", 0, Org), ("Ezra Lund", 0, Person)]);
        let p = e.iter().find(|x| x.name == "Ezra Lund").unwrap();
        assert_eq!(p.titles, vec!["Orbix chief financial officer"]);
    }

    #[test]
    fn all_caps_headline_merges_and_titles_are_not_repeated() {
        use EntityLabel::*;
        let t =
            "NORDVIK FOUNDER LENA HAUGSTAD QUITS\nNordvik founder Lena Haugstad quit on Friday.";
        let e = run(
            t,
            &[
                ("NORDVIK", 0, Org),
                ("LENA HAUGSTAD", 0, Person),
                ("Nordvik", 0, Org),
                ("Lena Haugstad", 0, Person),
            ],
        );
        assert_eq!(e.len(), 2, "{e:?}");
        let p = e.iter().find(|x| x.label == Person).unwrap();
        assert_eq!(p.name, "Lena Haugstad");
        assert_eq!(p.aliases, vec!["LENA HAUGSTAD"]);
        assert_eq!(p.titles, vec!["Nordvik founder"]);
        let o = e.iter().find(|x| x.label == Org).unwrap();
        assert_eq!(o.name, "Nordvik");
    }

    #[test]
    fn merges_country_aliases_and_acronyms() {
        use EntityLabel::*;
        let t = "The National Grid Safety Office (NGSO) warned the United States. The U.S. and America agreed; the NGSO said the US would act.";
        let e = run(
            t,
            &[
                ("National Grid Safety Office", 0, Org),
                ("NGSO", 0, Org),
                ("United States", 0, Gpe),
                ("U.S.", 0, Gpe),
                ("America", 0, Gpe),
                ("NGSO", 1, Org),
                ("US", 0, Gpe),
            ],
        );
        assert_eq!(e.len(), 2, "{e:?}");
        let us = e.iter().find(|x| x.label == Gpe).unwrap();
        assert_eq!(us.name, "United States");
        assert_eq!(us.mentions.len(), 4);
        let org = e.iter().find(|x| x.label == Org).unwrap();
        assert_eq!(org.name, "National Grid Safety Office");
        assert_eq!(org.aliases, vec!["NGSO"]);
    }

    #[test]
    fn strips_titles_inside_person_mentions() {
        use EntityLabel::*;
        let t = "Yesterday Secretary of State Marta Olsen met Mr. Ruud. Olsen left.";
        let e = run(
            t,
            &[
                ("Secretary of State Marta Olsen", 0, Person),
                ("Mr. Ruud", 0, Person),
                ("Olsen", 1, Person),
            ],
        );
        assert_eq!(e.len(), 2, "{e:?}");
        assert_eq!(e[0].name, "Marta Olsen");
        assert_eq!(e[0].titles, vec!["Secretary of State"]);
        assert_eq!(e[0].mentions.len(), 2);
        assert_eq!(e[1].name, "Ruud");
        assert!(e[1].titles.is_empty());
    }

    #[test]
    fn company_context_turns_a_one_word_person_into_an_org() {
        use EntityLabel::*;
        let t = "Officials banned Zentor and Orbix equipment. Zentor said little. \
                 Orbix Corp declined to comment on Zentor-made phones.";
        let e = run(
            t,
            &[
                ("Zentor", 0, Person),
                ("Orbix", 0, Org),
                ("Zentor", 1, Person),
                ("Orbix Corp", 0, Org),
                ("Zentor", 2, Person),
            ],
        );
        let z = e.iter().find(|x| x.name == "Zentor").unwrap();
        assert_eq!(z.label, Org, "{e:?}");
        let o = e.iter().find(|x| x.name == "Orbix Corp").unwrap();
        assert_eq!(o.mentions.len(), 2, "{e:?}");
    }

    #[test]
    fn a_named_speaker_called_he_is_a_person() {
        use EntityLabel::*;
        let t = "Tomas Varga warned rivals. Later Tomas Varga said his firm would grow.";
        let e = run(t, &[("Tomas Varga", 0, Org), ("Tomas Varga", 1, Org)]);
        assert_eq!(e[0].label, Person, "{e:?}");
        let t2 = "Nordic Rail said it would grow. Nordic Rail said his plan failed.";
        let e2 = run(t2, &[("Nordic Rail", 0, Org), ("Nordic Rail", 1, Org)]);
        assert_eq!(e2[0].label, Org, "rail is an organisation word: {e2:?}");
    }

    #[test]
    fn a_company_short_name_joins_its_full_name() {
        use EntityLabel::*;
        let find = |e: &[CanonEntity], n: &str| e.iter().find(|x| x.name == n).cloned();
        // "Tarrow" after "Tarrow Ferries", whatever the tagger called it;
        // the first company of the document that starts with it.
        let t = "Tarrow Ferries bought Tarrow Freight. Tarrow said fares would rise. \
                 Maren Water Systems won the bid. Maren said work starts soon.";
        let e = run(
            t,
            &[
                ("Tarrow Ferries", 0, Org),
                ("Tarrow Freight", 0, Org),
                ("Tarrow", 2, Org),
                ("Maren Water Systems", 0, Org),
                ("Maren", 1, Person),
            ],
        );
        let f = find(&e, "Tarrow Ferries").unwrap();
        assert_eq!(f.aliases, vec!["Tarrow"], "{e:?}");
        let t = "Tarvo Power cut supply. Tarvo said lines were safe.";
        let e2 = run(t, &[("Tarvo Power", 0, Org), ("Tarvo", 1, Person)]);
        assert_eq!(e2.len(), 1, "{e2:?}");
        let m = find(&e, "Maren Water Systems").unwrap();
        assert_eq!((m.label, m.mentions.len()), (Org, 2), "{e:?}");
        assert_eq!(e.len(), 3, "{e:?}");
        // Once the short name has joined, a later one with another label
        // joins too.
        let t = "Hofvik University hired staff. Hofvik said so. Students at Hofvik agreed.";
        let e = run(
            t,
            &[
                ("Hofvik University", 0, Org),
                ("Hofvik", 1, Org),
                ("Hofvik", 2, Gpe),
            ],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].mentions.len(), 3, "{e:?}");
        // An organisation's short name joins a name that adds one
        // organisation word, not any longer name, and never when it is a
        // known place.
        let t = "Senate Democrats objected. Later Senate voted. Oslo Times said Oslo agreed.";
        let e = run(
            t,
            &[
                ("Senate Democrats", 0, Org),
                ("Senate", 1, Org),
                ("Oslo Times", 0, Org),
                ("Oslo", 1, Org),
            ],
        );
        assert_eq!(e.len(), 4, "{e:?}");
        // The full name after the short one.
        let t = "Halvik cut jobs. Halvik Foods said more cuts would follow.";
        let e = run(t, &[("Halvik", 0, Person), ("Halvik Foods", 0, Org)]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!((e[0].label, e[0].name.as_str()), (Org, "Halvik Foods"));
        // A title read before a "person" that is the company does not stay
        // with it.
        let t = "Halvik Foods cut jobs. The CEO of Halvik said more would go.";
        let e = run(t, &[("Halvik Foods", 0, Org), ("Halvik", 1, Person)]);
        assert_eq!(e.len(), 1, "{e:?}");
        assert!(e[0].titles.is_empty(), "{e:?}");
        // A place keeps its own entity: an authority is not a company word,
        // and a known place never joins.
        let t = "The Tallis Valley Water Authority warned farmers in Tallis Valley. \
                 Oslo Energy said prices in Oslo rose.";
        let e = run(
            t,
            &[
                ("Tallis Valley Water Authority", 0, Org),
                ("Tallis Valley", 1, Loc),
                ("Oslo Energy", 0, Org),
                ("Oslo", 1, Gpe),
            ],
        );
        assert_eq!(e.len(), 4, "{e:?}");
    }

    #[test]
    fn a_company_run_into_a_name_is_split_off() {
        use EntityLabel::*;
        let t = "Veltra cut jobs. CEO of Veltra Annika Falkenrath said so.";
        let e = run(
            t,
            &[("Veltra", 0, Org), ("Veltra Annika Falkenrath", 0, Person)],
        );
        assert_eq!(e.len(), 2, "{e:?}");
        let o = e.iter().find(|x| x.name == "Veltra").unwrap();
        assert_eq!((o.label, o.mentions.len()), (Org, 2), "{e:?}");
        assert!(e
            .iter()
            .any(|x| x.name == "Annika Falkenrath" && x.label == Person));
        // Not a first part the document names only as a person ("Brenna"
        // alone, a one-word rest), nor one it does not name.
        let t = "Brenna spoke. Veltra cut jobs. Brenna Annika Falkenrath left. \
                 Moss Annika Falkenrath stayed.";
        let e = run(
            t,
            &[
                ("Brenna", 0, Person),
                ("Veltra", 0, Org),
                ("Brenna Annika Falkenrath", 0, Person),
                ("Moss Annika Falkenrath", 0, Person),
            ],
        );
        assert!(
            e.iter().any(|x| x.name == "Brenna Annika Falkenrath"),
            "{e:?}"
        );
        assert!(
            e.iter().any(|x| x.name == "Moss Annika Falkenrath"),
            "{e:?}"
        );
    }

    #[test]
    fn label_follows_the_longest_mention() {
        use EntityLabel::*;
        let t = "Trump spoke. Later Donald Trump left. Trump smiled.";
        let e = run(
            t,
            &[
                ("Trump", 0, Org),
                ("Donald Trump", 0, Person),
                ("Trump", 2, Org),
            ],
        );
        assert_eq!(e.len(), 1, "{e:?}");
        assert_eq!(e[0].label, Person);
        assert_eq!(e[0].name, "Donald Trump");
    }
}
