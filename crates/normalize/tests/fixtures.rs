//! The normalizer on invented articles carrying the kinds of boilerplate that
//! real scraped articles carry: every article sentence stays, the boilerplate
//! goes with the right reason.

mod common;

use common::*;
use gleaner_core::Meta;
use gleaner_normalize::NormalizeOptions;

const PORT: &str = include_str!("fixtures/port_business.txt");
const APPEAL: &str = include_str!("fixtures/appeal_news.txt");
const UPDATE: &str = include_str!("fixtures/update_comments.txt");
const FERRY: &str = include_str!("fixtures/plain_ferry.txt");
const LIGHTHOUSE: &str = include_str!("fixtures/newsletter_photos.txt");

#[test]
fn business_article_loses_teasers_trailers_and_reply_form() {
    let d = run(PORT, naive_meta(PORT), &NormalizeOptions::default());
    assert_sentences(
        &d,
        &[
            "The harbor authority and crane maker Velko are locked in a bitter dispute.",
            "Officials say Velko's software lets the maker watch every container.",
            "Velko rejects this.",
            "The authority has asked partner ports to refuse Velko's new cranes, but several are still buying.",
            "For nearly two years the authority has fought Velko over claims that its cranes send data to the company's servers abroad.",
            "Tensions rose in March 2021 when Velko's finance chief, Ilse Marr, was questioned in Rotterdam.",
            "Marr and Velko deny any wrongdoing.",
            "At first Velko was polite, with founder Bram Ostrander (who is also Marr's uncle) calling the harbor director a \"fair partner.\"",
            "Since then, however, the tone has changed.",
            "Port director Hanna Vos warned in mid-April that it would be \"much harder\" for the authority to work with ports that kept buying Velko cranes.",
            // The cut-off sentence stays; only the marker goes.
            "The authority delayed a final ruling on whether to exclude Velko from its",
        ],
    );
    assert_removed(
        &d,
        "metadata",
        "Harbor authority is pressing shipping lines",
    );
    assert_removed(&d, "homepage_link", "Visit Coastline Ledger's homepage");
    assert_removed(&d, "teaser", "Read more: What we know");
    assert_removed(&d, "teaser", "SEE ALSO: A group of port captains");
    assert_removed(&d, "teaser", "…read more");
    assert_removed(&d, "source_trailer", "Source:: Coastline Ledger");
    assert_removed(&d, "visit_counter", "(Visited 37 times");
    assert_removed(&d, "comment_form", "Leave a Reply");
    assert_removed(
        &d,
        "comment_form",
        "Your email address will not be published",
    );
    assert!(d.text.ends_with("exclude Velko from its"));
}

#[test]
fn appeal_article_loses_appeal_captions_widgets_and_meta_lines() {
    let meta = Meta {
        title: Some("Crane maker says 'nobody can shut us out'".into()),
        authors: vec!["Rita Okafor".into()],
        published: Some("2021-03-03T11:40:00Z".into()),
        ..Meta::default()
    };
    let d = run(APPEAL, meta, &NormalizeOptions::default());
    assert_sentences(
        &d,
        &[
            "Bram Ostrander warned ports risked falling behind on automation if they turned away from Velko",
            "The founder of Velko has said the company can survive attempts by harbor authorities to shut it out of European ports.",
            "Bram Ostrander said the authority was trying to \"bury\" his firm by urging partner ports not to buy Velko cranes.",
            "\"Nobody can shut us out,\" he told a radio interviewer.",
            "\"The ports need us because our cranes are faster.",
            "Even if a few ports stop buying for a while, we will simply sell elsewhere.\"",
            "In 2016, a review by the North Sea Ports Council described alleged links between Velko and a foreign shipping ministry.",
            "Since then several other ports have also questioned the firm's ties.",
            "\"The council is committed to the safety of every terminal, and we keep a close watch on all crane software,\" a council spokesperson said.",
        ],
    );
    assert_removed(&d, "metadata", "Crane maker says");
    assert_removed(&d, "metadata", "Rita Okafor");
    assert_removed(&d, "metadata", "Wednesday 3 March 2021 11:40 GMT");
    assert_removed(&d, "caption", "Automated cranes have moved from trial runs");
    assert_removed(&d, "caption", "(AFP via Getty Images)");
    assert_removed(
        &d,
        "donation_appeal",
        "Independent reporting needs your backing",
    );
    assert_removed(&d, "donation_appeal", "Every week our reporters travel");
    assert_removed(&d, "donation_appeal", "Your contribution helps us");
    assert_removed(
        &d,
        "donation_appeal",
        "We do not put our reporting behind a paywall",
    );
    assert_removed(&d, "donation_appeal", "Every contribution matters");
    assert_removed(&d, "comment_form", "Join our commenting forum");
    assert_removed(&d, "comment_form", "Join lively debates");
    assert_removed(&d, "comment_form", "Thank you for registering");
    assert_removed(&d, "comment_form", "Please refresh the page");
    assert!(d
        .removed
        .iter()
        .any(|r| r.reason == "share_widget" && r.text == "Comments"));
    assert!(d.text.starts_with("Bram Ostrander warned"));
}

#[test]
fn update_article_loses_headline_repeats_caption_widgets_and_thread() {
    let d = run(UPDATE, naive_meta(UPDATE), &NormalizeOptions::default());
    assert_sentences(
        &d,
        &[
            "Crane maker Velko is growing fast, selling equipment to ports on four continents, with one notable exception - the harbor authority.",
            "Wary of Velko's ties to a foreign ministry, the authority has kept Velko out of its own terminals, and now asks partner ports to follow.",
            "According to a Tidewater Journal report, officials have contacted port directors in several countries, including Norway, Spain and Chile, asking them to stop buying Velko cranes.",
            "Velko 'disappointed' by the authority, asks for fair treatment",
            "When we contacted Velko's office in Hamburg, they sent us the following statement:",
            "\"Velko cranes work in more than 90 ports.",
            "We are disappointed by the behavior of the authority as described in the Tidewater Journal article.",
            "We will keep serving our customers.\"",
            "What do you think of the authority's campaign?",
            "Is Velko a real risk?",
        ],
    );
    assert_eq!(
        d.removed.iter().filter(|r| r.reason == "metadata").count(),
        2,
        "headline and its repeat"
    );
    assert_removed(&d, "update_note", "Update: Reply from Velko");
    assert_removed(&d, "caption", "Rotterdam Cranes 2");
    assert_removed(&d, "caption", "/ © Harborpix");
    assert_removed(&d, "share_widget", "Liked this story? Share it now!");
    assert_removed(&d, "comment_form", "Join the conversation");
    assert_removed(&d, "related_links", "Latest news");
    assert_removed(&d, "comment_form", "Write new comment:");
    assert_removed(&d, "comment_thread", "Pia Lund Mar 4, 2021 Link to comment");
    assert_removed(&d, "comment_thread", "protecting the local crane makers");
    assert_removed(&d, "comment_thread", "sent from my phone");
    assert_removed(&d, "comment_thread", "Simple as that.");
    assert!(d.text.ends_with("Is Velko a real risk?"));
}

#[test]
fn plain_article_is_only_normalized() {
    let d = run(FERRY, naive_meta(FERRY), &NormalizeOptions::default());
    // Only the headline (equal to meta.title) goes.
    assert_eq!(d.removed.len(), 1);
    assert_eq!(d.removed[0].reason, "metadata");
    assert!(!d.text.contains('\r'));
    assert!(!d.text.contains('\u{a0}'));
    assert!(!d.text.contains('\u{ad}'));
    assert_sentences(
        &d,
        &[
            // Hard-wrapped lines are joined.
            "The city council approved the new ferry schedule on Tuesday after a three-hour debate, and the first boats will run on the new times next month, officials said.",
            "Councillor Ana Ruiz of the Green Party said the plan was \"the best we could do.\"",
            "Dr. Paulsen, who advises the U.S. Coast Guard, disagreed.",
            "\"It ignores the night shift,\" he said.",
            "The plan costs 2.5 million euros.",
            "Mayor José M. Lind said the city would pay 60 per cent, with the rest from St. Anne's Harbour Trust Inc. and the regional government.",
            "\"We waited... and waited,\" said one commuter.",
            "\"Will it work?\" she asked.",
            "Nobody knew.",
        ],
    );
    assert_eq!(d.sentences.len(), 9);
    // The decomposed é became one character and maps back to both.
    let e = d.text.chars().position(|c| c == 'é').unwrap();
    let sb = d.span_builder();
    let sp = sb.char_span(e, e + 1);
    assert_eq!(chars(&d.body, sp.source_start..sp.source_end), "e\u{301}");
    // Paragraph indices follow blank lines.
    let paras: Vec<usize> = d.sentences.iter().map(|s| s.paragraph).collect();
    assert_eq!(paras, vec![0, 1, 1, 1, 2, 2, 3, 3, 3]);
}

#[test]
fn lighthouse_article_loses_newsletter_credits_and_footer() {
    let d = run(
        LIGHTHOUSE,
        naive_meta(LIGHTHOUSE),
        &NormalizeOptions::default(),
    );
    assert_sentences(
        &d,
        &[
            "The last keepers left Skarvik in 1987.",
            "This summer, two volunteers moved back into the tower.",
            "The volunteers, Elin and Karl Moe, will keep the lamp clean and log the weather every three hours.",
            "The work is unpaid, but the island council covers food and fuel.",
            "\"It is quiet here, and we like that,\" Karl Moe said.",
        ],
    );
    assert_eq!(d.sentences.len(), 5);
    assert_removed(&d, "photo_credit", "Photo: Jonas Berg/Skarvik Herald");
    assert_removed(&d, "newsletter", "Sign up for our weekly Coast newsletter");
    assert_removed(&d, "newsletter", "delivered straight to your inbox");
    assert_removed(&d, "newsletter", "By signing up you agree");
    assert_removed(
        &d,
        "caption",
        "The keepers' cottage at dawn (Photo: Elin Moe)",
    );
    assert_removed(&d, "related_links", "Related stories");
    assert_removed(&d, "copyright", "© 2022 Skarvik Herald");
}

#[test]
fn boilerplate_off_keeps_every_line() {
    let opts = NormalizeOptions {
        boilerplate: false,
        ..NormalizeOptions::default()
    };
    for body in [PORT, APPEAL, UPDATE, FERRY, LIGHTHOUSE] {
        let d = run(body, naive_meta(body), &opts);
        assert!(d.removed.is_empty());
        let words_in = normalize_words(body);
        let words_out = normalize_words(&d.text);
        assert_eq!(words_in, words_out);
    }
}

fn normalize_words(s: &str) -> Vec<String> {
    gleaner_normalize::normalize_fragment(s)
        .split(' ')
        .map(str::to_owned)
        .collect()
}

#[test]
fn metadata_lines_option_keeps_the_headline() {
    let opts = NormalizeOptions {
        metadata_lines: false,
        ..NormalizeOptions::default()
    };
    let d = run(PORT, naive_meta(PORT), &opts);
    assert!(d.text.starts_with("Harbor authority is pressing"));
    assert!(d.removed.iter().all(|r| r.reason != "metadata"));
}

#[test]
fn options_deserialize_and_reject_unknown_keys() {
    let o: NormalizeOptions = serde_json::from_str(r#"{"boilerplate": false}"#).unwrap();
    assert!(
        !o.boilerplate && o.metadata_lines && o.comment_threads && o.unwrap_lines && o.markdown
    );
    assert!(serde_json::from_str::<NormalizeOptions>(r#"{"bogus": 1}"#).is_err());
    let names: Vec<&str> = gleaner_normalize::options_info()
        .iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(
        names,
        vec![
            "boilerplate",
            "metadata_lines",
            "comment_threads",
            "unwrap_lines",
            "markdown"
        ]
    );
}

#[test]
fn split_sentences_matches_the_documents_sentences() {
    let d = run(FERRY, naive_meta(FERRY), &NormalizeOptions::default());
    let ranges = gleaner_normalize::split_sentences(&d.text);
    let sb = d.span_builder();
    let from_doc: Vec<_> = d.sentences.iter().map(|s| sb.byte_range(&s.span)).collect();
    assert_eq!(ranges, from_doc);
}

#[test]
fn a_line_listing_who_is_pictured_is_a_caption() {
    let text = "Mayor warns the river port may close by winter\n\n\
Oduya Lindqvist Harrow\n\n\
The city council met on Monday as mayor Amina Oduya faced questions about the port.\n\n\
Port chief Erik Lindqvist said the dredging budget had run out, and councillor Tom Harrow called for an audit.\n";
    let d = run(text, naive_meta(text), &NormalizeOptions::default());
    assert_removed(&d, "caption", "Oduya Lindqvist Harrow");
    assert!(
        d.text.starts_with("The city council met on Monday"),
        "{}",
        d.text
    );
    // Not a metadata rule: it holds with metadata_lines off too.
    let no_meta = NormalizeOptions {
        metadata_lines: false,
        ..NormalizeOptions::default()
    };
    let d = run(text, naive_meta(text), &no_meta);
    assert_removed(&d, "caption", "Oduya Lindqvist Harrow");

    // A short title-case line whose words the article never uses as names
    // mid-sentence is not a caption.
    let text = "Budget day\n\nHarbour Tolls Rise\n\nThe council raised harbour tolls on Monday.\n";
    let d = run(text, naive_meta(text), &NormalizeOptions::default());
    assert!(d.text.contains("Harbour Tolls Rise"), "{}", d.text);
}

const MARKDOWN_POST: &str = "---\ntitle: \"Harbour board delays dredging\"\nauthor: Lena Ortiz\ndate: 2024-03-02\n---\n\n\
# Harbour board delays dredging\n\n\
*By Lena Ortiz \u{b7} 2 March 2024*\n\n\
The **Port Ellery Harbour Board** said on Friday it would delay the [dredging plan](https://example.test/plan) \
until an environmental review is finished.\n\n\
![A dredger at work](https://example.test/dredger.jpg)\n\n\
> \"We will not start until the review is done,\" said harbour master Tom Reyes.\n\n\
- The review is due in *June*.\n\
- Fishermen had warned that silt would damage mussel beds.\n";

#[test]
fn markdown_bodies_lose_their_markup_and_keep_their_offsets() {
    let meta = Meta {
        title: Some("Harbour board delays dredging".into()),
        authors: vec!["Lena Ortiz".into()],
        published: Some("2024-03-02".into()),
        ..Meta::default()
    };
    let mut d = doc(MARKDOWN_POST, meta.clone());
    d.source.format = gleaner_core::Format::Md;
    gleaner_normalize::normalize(&mut d, &NormalizeOptions::default());
    assert_eq!(
        d.text,
        "The Port Ellery Harbour Board said on Friday it would delay the dredging plan until an environmental review is finished.\n\n\
\"We will not start until the review is done,\" said harbour master Tom Reyes.\n\n\
The review is due in June.\n\
Fishermen had warned that silt would damage mussel beds."
    );
    // The headline and the byline went as metadata (their words: the
    // markup around them maps to nothing).
    let meta_lines: Vec<&str> = d
        .removed
        .iter()
        .filter(|r| r.reason == "metadata")
        .map(|r| r.text.as_str())
        .collect();
    assert_eq!(
        meta_lines,
        [
            "Harbour board delays dredging",
            "By Lena Ortiz \u{b7} 2 March 2024"
        ]
    );
    // Every word of the text maps to the same word in the body.
    let body_ix = gleaner_core::CharIndex::new(&d.body);
    let text_ix = gleaner_core::CharIndex::new(&d.text);
    let mut at = 0;
    for w in d
        .text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let byte = at + d.text[at..].find(w).unwrap();
        at = byte + w.len();
        let s = text_ix.char_of_byte(byte);
        let e = s + w.chars().count();
        let src = d.offsets.source_range(s..e);
        assert_eq!(slice(&d.body, &body_ix, src), w);
    }
    // As plain text (markdown = false) the markup stays.
    let mut plain = doc(MARKDOWN_POST, meta);
    plain.source.format = gleaner_core::Format::Md;
    let opts = NormalizeOptions {
        markdown: false,
        ..NormalizeOptions::default()
    };
    gleaner_normalize::normalize(&mut plain, &opts);
    assert!(plain.text.contains("**Port Ellery Harbour Board**"));
}

#[test]
fn a_wire_dateline_leaves_the_lede_and_names_the_agency() {
    let body = "Ferries halt crossings\n\nHALIFAX, Nova Scotia (Harbour Wire) — Bluewater Ferries said on Monday it would suspend its night crossings.\n\nThe company blamed fuel costs.\n";
    let d = run(body, naive_meta(body), &NormalizeOptions::default());
    assert!(
        d.text.starts_with("Bluewater Ferries said on Monday"),
        "{:?}",
        d.text
    );
    assert_removed(&d, "dateline", "HALIFAX, Nova Scotia (Harbour Wire) —");
    assert_eq!(d.meta.outlet.as_deref(), Some("Harbour Wire"));
    check_invariants(&d);

    // Other wire styles; an outlet already known is kept.
    for (lede, left) in [
        (
            "LONDON (Reuters) - Barclays said it would cut 300 jobs.",
            "Barclays said",
        ),
        (
            "WASHINGTON — The Senate passed the bill late on Friday.",
            "The Senate passed",
        ),
        (
            "NEW YORK, Nov 26 (AP) _ Stocks fell sharply on Monday morning.",
            "Stocks fell",
        ),
        (
            "BEIJING/WASHINGTON (Reuters) - Trade talks resumed in the capital.",
            "Trade talks",
        ),
        (
            "Paris (AFP) - The strike closed the metro on Monday.",
            "The strike",
        ),
        (
            "McALLEN, Texas (AP) — Border crossings fell in May.",
            "Border crossings",
        ),
        (
            "NEW DELHI: The monsoon arrived early this year.",
            "The monsoon",
        ),
        (
            "LONDON, Nov 26, 2024 (Reuters) - Gilts rallied after the budget.",
            "Gilts rallied",
        ),
        ("(Reuters) - Oil prices rose for a third day.", "Oil prices"),
    ] {
        let body = format!("Headline here\n\n{lede}\n");
        let meta = Meta {
            outlet: Some("The Daily Ledger".into()),
            ..naive_meta(&body)
        };
        let d = run(&body, meta, &NormalizeOptions::default());
        assert!(d.text.starts_with(left), "{lede}: {:?}", d.text);
        assert!(d.removed.iter().any(|r| r.reason == "dateline"), "{lede}");
        assert_eq!(d.meta.outlet.as_deref(), Some("The Daily Ledger"));
        check_invariants(&d);
    }
}

#[test]
fn a_dateline_in_markdown_gives_the_agency_without_markup() {
    let body =
        "# Stocks slide\n\n**LONDON** (*Reuters*) - Shares fell sharply on Monday morning.\n";
    let mut d = doc(body, Meta::default());
    d.source.format = gleaner_core::Format::Md;
    gleaner_normalize::normalize(&mut d, &NormalizeOptions::default());
    assert!(d.text.contains("Shares fell sharply"), "{:?}", d.text);
    assert!(!d.text.contains("LONDON"), "{:?}", d.text);
    assert_eq!(d.meta.outlet.as_deref(), Some("Reuters"));
}

#[test]
fn a_later_paragraph_keeps_its_capitals() {
    let body = "Markets in turmoil\n\nTraders braced for a rough week as oil jumped.\n\nNEW YORK — Brokers said the mood was grim.\n";
    let d = run(body, naive_meta(body), &NormalizeOptions::default());
    assert!(d.text.contains("NEW YORK — Brokers said"), "{:?}", d.text);
}

#[test]
fn capitals_and_dashes_that_are_no_dateline_stay() {
    for lede in [
        "EXCLUSIVE — The mayor will resign on Friday, aides say.",
        "NATO — the military alliance — said on Monday it would send ships.",
        "The UN — which met on Monday — said little.",
        "OK - fine.",
        "FACTBOX - What the budget means for renters",
        "FIRE AT DOCKS — TWO HURT IN OVERNIGHT BLAZE",
        "HARBOUR — Ferries resume as the storm passes",
        "Meanwhile — and this matters — the port stayed open.",
        "UPDATE: The port reopened on Monday.",
        "Note: The figures are provisional.",
        "Acme (the parent company) - Profits rose sharply this year.",
    ] {
        let body = format!("Headline here\n\n{lede}\n");
        let d = run(&body, naive_meta(&body), &NormalizeOptions::default());
        assert!(d.text.contains(lede), "{lede}: {:?}", d.text);
        assert!(d.removed.iter().all(|r| r.reason != "dateline"), "{lede}");
    }
}

#[test]
fn a_byline_with_a_beat_and_role_is_metadata() {
    let body = "Ferry captain fined over harbour collision\n\n\
By Nadia Ferreira, Maritime Correspondent\n\
Thursday 6 March 2025 11:05 GMT\n\n\
A ferry captain was fined £4,000 on Thursday after his vessel struck a moored trawler in Port Ellery.\n\n\
Nadia Ferreira, a former deckhand, watched the hearing from the gallery.\n";
    let meta = Meta {
        title: Some("Ferry captain fined over harbour collision".into()),
        authors: vec!["Nadia Ferreira".into()],
        published: Some("2025-03-06T11:05:00Z".into()),
        ..Meta::default()
    };
    let d = run(body, meta, &NormalizeOptions::default());
    assert_removed(&d, "metadata", "By Nadia Ferreira, Maritime Correspondent");
    assert!(
        d.text
            .starts_with("A ferry captain was fined £4,000 on Thursday"),
        "{}",
        d.text
    );
    // A sentence naming the author is article text.
    assert_sentences(
        &d,
        &["Nadia Ferreira, a former deckhand, watched the hearing from the gallery."],
    );
}

#[test]
fn key_points_of_a_live_blog_stay_one_item_a_line() {
    let body = "Heatwave live: schools close early as temperatures pass 38C\n\n\
Key points\n\
Extreme heat warning in force for the southern plains until Sunday\n\
Rail operator cuts services on three lines to protect the tracks\n\
Hospitals report a rise in admissions for heatstroke\n\n\
09:10 BST — Good morning and welcome to our coverage of the heatwave, which is expected to peak this afternoon.\n";
    let d = run(body, naive_meta(body), &NormalizeOptions::default());
    assert_sentences(
        &d,
        &[
            "Extreme heat warning in force for the southern plains until Sunday",
            "Rail operator cuts services on three lines to protect the tracks",
            "Hospitals report a rise in admissions for heatstroke",
        ],
    );
}

#[test]
fn an_op_eds_closing_author_credit_goes_only_for_an_author() {
    let body = "Our harbour deserves better than another car park\n\n\
The council wants to pave the old fish market. It should think again.\n\n\
Nobody who walks the quay on a Saturday morning believes the town needs more parking.\n\n\
Leona Park is a marine biologist and a member of the harbour trust.\n";
    let meta = Meta {
        title: Some("Our harbour deserves better than another car park".into()),
        authors: vec!["Leona Park".into()],
        ..Meta::default()
    };
    let d = run(body, meta.clone(), &NormalizeOptions::default());
    assert_removed(&d, "author_bio", "Leona Park is a marine biologist");
    assert!(
        d.text.ends_with("believes the town needs more parking."),
        "{}",
        d.text
    );
    // Someone else's description at the end is article text.
    let other = body.replace("Leona Park is", "Tom Reyes is");
    let d = run(&other, meta.clone(), &NormalizeOptions::default());
    assert!(
        d.text.ends_with("member of the harbour trust."),
        "{}",
        d.text
    );
    // The author described earlier on, not at the end, stays too.
    let earlier = "Leona Park is a marine biologist who has studied the harbour for years.\n\n\
The council wants to pave the old fish market.\n";
    let d = run(earlier, meta, &NormalizeOptions::default());
    assert!(
        d.text.starts_with("Leona Park is a marine biologist"),
        "{}",
        d.text
    );
}

const PRESS_RELEASE: &str = include_str!("fixtures/press_release.txt");

#[test]
fn a_press_release_loses_its_wire_dateline_about_legal_and_contact_blocks() {
    let meta = Meta {
        title: Some("Brightfield Pumps to Open Second Plant in Oklahoma, Adding 400 Jobs".into()),
        published: Some("2025-04-07".into()),
        ..Meta::default()
    };
    let d = run(PRESS_RELEASE, meta, &NormalizeOptions::default());
    assert!(
        d.text
            .starts_with("Brightfield Pumps Inc. (NASDAQ: BFPI), a maker"),
        "{}",
        d.text
    );
    assert_removed(
        &d,
        "dateline",
        "TULSA, Okla., April 7, 2025 /PRNewswire/ --",
    );
    assert_eq!(d.meta.outlet.as_deref(), Some("PRNewswire"));
    // The release itself stays, its list one item a line.
    assert_sentences(
        &d,
        &[
            "The plant is expected to open in the spring of 2026 and to employ about 400 people when it reaches full production.",
            "Plant Highlights",
            "Annual capacity of 12,000 pumps",
            "Solar panels covering the entire roof",
            "Training center run with Tulsa Community College",
        ],
    );
    assert!(
        d.text
            .ends_with("Training center run with Tulsa Community College"),
        "{}",
        d.text
    );
    for gone in [
        "About Brightfield Pumps Inc.",
        "Founded in 1987, Brightfield Pumps designs",
        "Safe Harbor Statement",
        "This news release contains forward-looking statements",
        "Media Contact:",
        "Owen Pruitt",
        "+1 (918) 555-0190",
        "Investor Contacts",
        "ir@brightfield.example",
        "SOURCE Brightfield Pumps Inc.",
        "###",
    ] {
        assert_removed(&d, "press_release", gone);
    }

    // Business Wire's dateline and a cautionary note as the only block.
    let body = "Corvale Health Reports First Quarter Results\n\n\
DENVER--(BUSINESS WIRE)--Corvale Health (NYSE: CVH) today reported revenue of $412 million for the first quarter.\n\n\
Net income rose 8 percent from a year earlier.\n\n\
Cautionary Note Regarding Forward-Looking Statements\n\n\
Statements in this release about future results are forward-looking and involve risks.\n";
    let d = run(body, naive_meta(body), &NormalizeOptions::default());
    assert!(
        d.text.starts_with("Corvale Health (NYSE: CVH) today"),
        "{}",
        d.text
    );
    assert_eq!(d.meta.outlet.as_deref(), Some("BUSINESS WIRE"));
    assert_removed(
        &d,
        "press_release",
        "Statements in this release about future results",
    );
    assert!(d.text.ends_with("from a year earlier."), "{}", d.text);
}

#[test]
fn an_article_ending_in_an_about_subhead_or_a_contact_line_keeps_it() {
    // A subhead "About face" with the article going on under it.
    let body = "Council drops parking plan\n\n\
The council dropped its parking plan on Tuesday after a week of protests.\n\n\
About Face\n\n\
Only a month ago the mayor called the plan essential to the town's finances.\n\n\
Now she says it was never more than a proposal.\n";
    let d = run(body, naive_meta(body), &NormalizeOptions::default());
    assert!(d.removed.iter().all(|r| r.reason != "press_release"));
    assert!(
        d.text.ends_with("never more than a proposal."),
        "{}",
        d.text
    );
    // A news story about a company, ending in its "About" paragraph and a
    // plain contact line, is not a press release.
    let body = "Harbour bakery wins national prize\n\n\
The Quayside Bakery in Port Ellery won the national bread prize on Sunday.\n\n\
About Quayside Bakery\n\n\
Quayside Bakery was opened by two sisters in 2009 and bakes 3,000 loaves a day.\n\n\
For more information: call the bakery on 0161 555 0199.\n";
    let d = run(body, naive_meta(body), &NormalizeOptions::default());
    assert!(d.removed.iter().all(|r| r.reason != "press_release"));
    assert!(d.text.contains("About Quayside Bakery"), "{}", d.text);
}
