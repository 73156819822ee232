//! OntoNotes-style labels from the tagger's CoNLL types, and back.
//!
//! The tagger predicts CoNLL-2003's PER, ORG, LOC and MISC. Finer labels are
//! derived by rules over the mention's words:
//!
//! | CoNLL | label | rule |
//! |---|---|---|
//! | PER | PERSON | always |
//! | ORG | ORG | always |
//! | LOC | FAC | names of two words or more ending in a facility word (Airport, Station, Bridge, Tunnel, Stadium, Terminal, Dam, Highway, Street, …) |
//! | LOC | LOC | continents, regions, and names with a geographic head word (River, Sea, Mountains, Valley, Gulf, …) |
//! | LOC | GPE | every other LOC (countries, cities, states) |
//! | MISC | NORP | nationality, religious or political-group words (`-an`, `-ese`, `-ish`, `-i` adjectives and a list) |
//! | MISC | EVENT | head words such as Cup, Championship, Olympics, War, Games, Open, Summit, Election |
//! | MISC | LAW | head words Act, Treaty, Law, Convention, Accord, Amendment, Constitution |
//! | MISC | MISC | everything else |
//!
//! Back to CoNLL (for evaluation): PERSON→PER, ORG→ORG, GPE/LOC/FAC→LOC,
//! NORP/EVENT/LAW/PRODUCT/WORK_OF_ART/MISC→MISC. Because the fine labels are
//! a refinement of the tagger's type, this round trip is exact.

use gleaner_core::EntityLabel;

const LOC_HEADS: &[&str] = &[
    "river",
    "sea",
    "ocean",
    "lake",
    "mountain",
    "mountains",
    "mount",
    "mt.",
    "valley",
    "gulf",
    "bay",
    "peninsula",
    "desert",
    "strait",
    "straits",
    "channel",
    "coast",
    "basin",
    "plateau",
    "island",
    "islands",
    "alps",
    "himalayas",
    "canal",
    "region",
    "forest",
    "park",
    "delta",
    "reef",
    "reefs",
    "glacier",
    "volcano",
    "falls",
    "canyon",
    "lagoon",
    "archipelago",
    "highlands",
    "fjord",
    "cape",
    "oceans",
    "seas",
    "lakes",
    "rivers",
    "wetlands",
];
/// Last words of facility names ("Tarrow Airport", "Kelso Bridge").
const FAC_HEADS: &[&str] = &[
    "airport",
    "airfield",
    "station",
    "bridge",
    "tunnel",
    "stadium",
    "arena",
    "terminal",
    "dam",
    "highway",
    "motorway",
    "tower",
    "street",
    "road",
    "avenue",
    "boulevard",
];
const CONTINENTS: &[&str] = &[
    "europe",
    "asia",
    "africa",
    "antarctica",
    "oceania",
    "north america",
    "south america",
    "latin america",
    "central america",
    "middle east",
    "the middle east",
    "balkans",
    "the balkans",
    "scandinavia",
    "caribbean",
    "the caribbean",
    "mediterranean",
    "the gulf",
    "southeast asia",
    "east asia",
    "central asia",
    "eastern europe",
    "western europe",
    "the west",
    "west",
    "arctic",
    "the arctic",
    "sahara",
    "pacific",
    "atlantic",
    "siberia",
    "kashmir",
    "south asia",
    "west africa",
    "east africa",
    "the americas",
    "persian gulf",
];
const NORP_WORDS: &[&str] = &[
    "muslim",
    "muslims",
    "christian",
    "christians",
    "jew",
    "jews",
    "jewish",
    "catholic",
    "catholics",
    "protestant",
    "protestants",
    "buddhist",
    "hindu",
    "sikh",
    "islamic",
    "islamist",
    "islamists",
    "democrat",
    "democrats",
    "democratic",
    "republican",
    "republicans",
    "communist",
    "communists",
    "socialist",
    "socialists",
    "conservative",
    "conservatives",
    "labour",
    "liberal",
    "liberals",
    "tory",
    "tories",
    "nazi",
    "nazis",
    "kurd",
    "kurds",
    "kurdish",
    "arab",
    "arabs",
    "serb",
    "serbs",
    "croat",
    "croats",
    "greek",
    "greeks",
    "thai",
    "swiss",
    "dutch",
    "french",
    "british",
    "irish",
    "welsh",
    "scottish",
    "danish",
    "swedish",
    "finnish",
    "polish",
    "turkish",
    "spanish",
    "english",
    "czech",
    "slovak",
    "iraqi",
    "iraqis",
    "israeli",
    "israelis",
    "pakistani",
    "pakistanis",
    "saudi",
    "saudis",
    "kuwaiti",
    "yemeni",
    "bangladeshi",
    "afghan",
    "afghans",
    "zionist",
    "sunni",
    "shi'ite",
    "shiite",
    "shia",
    "orthodox",
    "mormon",
    "evangelical",
    "evangelicals",
    "hutu",
    "hutus",
    "tutsi",
    "tutsis",
    "palestinian",
    "palestinians",
    "chinese",
    "japanese",
    "vietnamese",
    "portuguese",
    "lebanese",
    "taiwanese",
    "sudanese",
    "congolese",
    "senegalese",
    "burmese",
    "maltese",
    "nepalese",
    "filipino",
    "filipinos",
    "briton",
    "britons",
    "scot",
    "scots",
    "dane",
    "danes",
    "finn",
    "finns",
    "swede",
    "swedes",
    "pole",
    "poles",
    "turk",
    "turks",
    "uzbek",
    "kazakh",
    "tajik",
    "basque",
    "flemish",
    "walloon",
    "bosnian",
    "bosnians",
    "latino",
    "latinos",
    "hispanic",
    "hispanics",
    "maori",
];
const EVENT_HEADS: &[&str] = &[
    "cup",
    "championship",
    "championships",
    "olympics",
    "olympic",
    "games",
    "war",
    "open",
    "summit",
    "election",
    "elections",
    "tour",
    "grand",
    "prix",
    "festival",
    "conference",
    "revolution",
    "crisis",
    "marathon",
    "series",
    "league",
    "trophy",
    "world",
    "derby",
    "classic",
    "masters",
    "rally",
    "forum",
    "expo",
    "congress",
    "super",
    "bowl",
    "holocaust",
    "uprising",
];

/// Words that name a storm before its name ("Storm Elowen"): an event.
pub(crate) const STORM_WORDS: &[&str] = &["storm", "hurricane", "typhoon", "cyclone"];
const LAW_HEADS: &[&str] = &[
    "act",
    "treaty",
    "law",
    "convention",
    "accord",
    "accords",
    "amendment",
    "constitution",
    "charter",
    "protocol",
    "bill",
    "code",
    "agreement",
];

/// The fine label for a mention tagged with CoNLL type `conll` (PER, ORG,
/// LOC or MISC) whose tokens are `words`.
pub fn fine_label(conll: &str, words: &[&str]) -> EntityLabel {
    let lower: Vec<String> = words.iter().map(|w| w.to_lowercase()).collect();
    let last = lower.last().map(String::as_str).unwrap_or("");
    let joined = lower.join(" ");
    match conll {
        "PER" => EntityLabel::Person,
        "ORG" => EntityLabel::Org,
        "LOC" => {
            if words.len() >= 2 && FAC_HEADS.contains(&last) {
                EntityLabel::Fac
            } else if CONTINENTS.contains(&joined.as_str())
                || lower.iter().any(|w| LOC_HEADS.contains(&w.as_str()))
            {
                EntityLabel::Loc
            } else {
                EntityLabel::Gpe
            }
        }
        _ => {
            if lower.iter().any(|w| LAW_HEADS.contains(&w.as_str())) && words.len() > 1 {
                EntityLabel::Law
            } else if lower
                .iter()
                .any(|w| EVENT_HEADS.contains(&w.as_str()) || STORM_WORDS.contains(&w.as_str()))
                && words.len() > 1
                || lower.iter().any(|w| w == "olympics" || w == "olympic")
            {
                EntityLabel::Event
            } else if words.len() <= 2 && is_norp_word(last) {
                EntityLabel::Norp
            } else {
                EntityLabel::Misc
            }
        }
    }
}

fn is_norp_word(w: &str) -> bool {
    if NORP_WORDS.contains(&w) {
        return true;
    }
    let alpha = w.chars().all(|c| c.is_alphabetic() || c == '-');
    alpha
        && w.len() > 4
        && ["an", "ans", "ese", "ish", "ian", "ians", "ic", "i"]
            .iter()
            .any(|s| w.ends_with(s))
}

/// The CoNLL-2003 type a label maps to.
pub fn to_conll(label: EntityLabel) -> &'static str {
    match label {
        EntityLabel::Person => "PER",
        EntityLabel::Org => "ORG",
        EntityLabel::Gpe | EntityLabel::Loc | EntityLabel::Fac => "LOC",
        EntityLabel::Norp
        | EntityLabel::Product
        | EntityLabel::Event
        | EntityLabel::Law
        | EntityLabel::WorkOfArt
        | EntityLabel::Misc => "MISC",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn refines_and_maps_back() {
        assert_eq!(fine_label("LOC", &["Norway"]), EntityLabel::Gpe);
        assert_eq!(fine_label("LOC", &["Europe"]), EntityLabel::Loc);
        assert_eq!(fine_label("LOC", &["Rhine", "River"]), EntityLabel::Loc);
        assert_eq!(
            fine_label("LOC", &["Little", "Coral", "Reef"]),
            EntityLabel::Loc
        );
        assert_eq!(fine_label("LOC", &["Lake", "Vanern"]), EntityLabel::Loc);
        assert_eq!(fine_label("LOC", &["Tarvik", "Airport"]), EntityLabel::Fac);
        assert_eq!(fine_label("LOC", &["Harbour", "Street"]), EntityLabel::Fac);
        // A lone facility word is no facility's name.
        assert_eq!(fine_label("LOC", &["Station"]), EntityLabel::Gpe);
        assert_eq!(to_conll(fine_label("LOC", &["Tarvik", "Airport"])), "LOC");
        assert_eq!(fine_label("MISC", &["Chinese"]), EntityLabel::Norp);
        assert_eq!(fine_label("MISC", &["American"]), EntityLabel::Norp);
        assert_eq!(fine_label("MISC", &["World", "Cup"]), EntityLabel::Event);
        assert_eq!(
            fine_label("MISC", &["Clean", "Air", "Act"]),
            EntityLabel::Law
        );
        assert_eq!(fine_label("MISC", &["Windows"]), EntityLabel::Misc);
        for (c, w) in [
            ("PER", "Ann"),
            ("ORG", "Acme"),
            ("LOC", "Oslo"),
            ("MISC", "Danish"),
        ] {
            assert_eq!(to_conll(fine_label(c, &[w])), c);
        }
    }
}
