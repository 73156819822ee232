//! End-to-end tests of the embedded claims model and its rules on hand-written
//! news sentences, the analyzer factory, and the brat scorer on a small
//! fixture.

use gleaner_claims::{
    brat, eval, eval_brat, ClaimExtractor, ClaimsFactory, CueFilter, ExtractOptions,
};
use gleaner_core::{
    AnalyzerFactory, BuildContext, Claim, ClaimKind, CueClass, Document, Entity, EntityLabel,
    Format, Mention, Meta, SourceInfo,
};
use std::path::Path;

fn doc(text: &str) -> Document {
    let source = SourceInfo {
        path: "test.txt".into(),
        format: Format::Txt,
        hash: "0".into(),
        line: None,
        encoding: None,
    };
    Document::new("test", source, Meta::default(), text.to_string())
}

fn entity(d: &Document, id: &str, label: EntityLabel, names: &[&str]) -> Entity {
    let sb = d.span_builder();
    let mut mentions = Vec::new();
    for n in names {
        let mut from = 0;
        while let Some(i) = d.text[from..].find(n) {
            let s = from + i;
            mentions.push(Mention {
                span: sb.span(s, s + n.len()),
                text: n.to_string(),
            });
            from = s + n.len();
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    Entity {
        id: id.into(),
        label,
        name: names[0].into(),
        aliases: Vec::new(),
        attributes: Default::default(),
        mentions,
    }
}

fn claims(d: &Document) -> Vec<Claim> {
    ClaimExtractor::shared()
        .unwrap()
        .extract_document(d, ExtractOptions::default())
}

fn find<'a>(cs: &'a [Claim], cue: &str) -> &'a Claim {
    cs.iter()
        .find(|c| c.cue.text.to_lowercase().contains(cue))
        .unwrap_or_else(|| panic!("no claim with cue {cue:?} in {cs:#?}"))
}

#[test]
fn direct_quote_before_cue() {
    let d = doc("\"We will finish the bridge before the spring floods,\" a city spokeswoman said on Monday.");
    let cs = claims(&d);
    let c = find(&cs, "said");
    assert_eq!(c.kind, ClaimKind::Direct);
    assert!(c.content.text.contains("We will finish the bridge"));
    assert!(c.source.as_ref().unwrap().text.contains("spokeswoman"));
    assert_eq!(c.cue_class, CueClass::Statement);
}

#[test]
fn direct_quote_after_cue() {
    let d = doc("The mayor, Ellen Park, said on Tuesday: \"The budget is balanced and every school is funded.\"");
    let cs = claims(&d);
    let c = find(&cs, "said");
    assert!(c.content.text.contains("The budget is balanced"));
    assert!(c.source.as_ref().unwrap().text.contains("mayor"));
}

#[test]
fn split_quotation_is_one_claim() {
    let d = doc("\"The plan is sound,\" Park said. \"It will save money for every taxpayer in the county.\"");
    let cs = claims(&d);
    assert_eq!(cs.len(), 1, "{cs:#?}");
    let c = &cs[0];
    assert_eq!(c.content_parts.len(), 2, "{c:#?}");
    assert!(c.content_parts[0].text.contains("The plan is sound"));
    assert!(c.content_parts[1].text.contains("save money"));
    assert_eq!(c.source.as_ref().unwrap().text, "Park");
}

#[test]
fn quotation_over_two_paragraphs() {
    let d = doc("Park told the council on Monday: \"We have cut waste in every department and we have kept our promises to the voters.\n\n\"We will keep doing that until the job is finished, whatever our critics say.\"");
    let cs = claims(&d);
    let c = find(&cs, "told");
    let whole = &d.text[d.span_builder().byte_range(&c.content.span)];
    assert!(whole.contains("cut waste"), "{c:#?}");
    assert!(whole.contains("until the job is finished"), "{c:#?}");
}

#[test]
fn pronoun_source_resolves_to_person() {
    let mut d = doc("Tom Reyes, the chief executive of Norbridge Energy, spoke in Oslo on Friday. He told the BBC that the company would never sell its stake in the pipeline.");
    let e1 = entity(&d, "e1", EntityLabel::Person, &["Tom Reyes"]);
    let e2 = entity(&d, "e2", EntityLabel::Org, &["Norbridge Energy"]);
    d.entities = vec![e1, e2];
    let cs = claims(&d);
    let c = find(&cs, "told");
    let src = c.source.as_ref().unwrap();
    assert_eq!(src.text, "He");
    assert_eq!(src.entity.as_deref(), Some("e1"));
    assert_eq!(c.kind, ClaimKind::Indirect);
    assert!(c.content.text.contains("would never sell"));
}

#[test]
fn spokesperson_resolves_to_organisation() {
    let mut d =
        doc("\"The network is safe and we check it every day,\" a Norbridge spokesperson said.");
    let e = entity(&d, "e7", EntityLabel::Org, &["Norbridge"]);
    d.entities = vec![e];
    let cs = claims(&d);
    let c = find(&cs, "said");
    assert_eq!(c.source.as_ref().unwrap().entity.as_deref(), Some("e7"));
}

#[test]
fn passive_attribution() {
    let d = doc("The region faces \"a severe shortage of water before the end of the decade, and farms will suffer first,\" as reiterated by Lena Hart, a hydrologist at the state university.");
    let cs = claims(&d);
    let c = find(&cs, "reiterated");
    assert!(
        c.source.as_ref().unwrap().text.contains("Lena Hart"),
        "{c:#?}"
    );
    assert!(c.content.text.contains("shortage of water"));
}

#[test]
fn according_to() {
    let d =
        doc("Exports of grain fell by a third last year, according to the Harbor Trade Council.");
    let cs = claims(&d);
    let c = find(&cs, "according to");
    assert_eq!(c.cue_class, CueClass::Report);
    assert!(c
        .source
        .as_ref()
        .unwrap()
        .text
        .contains("Harbor Trade Council"));
    assert!(c.content.text.contains("Exports of grain fell"));
}

#[test]
fn statement_followed_by_quote_paragraph() {
    let d = doc("Norbridge provided us with the following statement:\n\n\"We comply with all laws and regulations in every market where we operate, and we always will.\"");
    let cs = claims(&d);
    let c = cs
        .iter()
        .find(|c| c.content.text.contains("We comply with all laws"))
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert_eq!(c.kind, ClaimKind::Direct);
    assert!(c.cue.span.start < c.content.span.start);
}

#[test]
fn tweet() {
    let d = doc("Governor Sam Diaz recently tweeted: \"Our roads are in better shape than they have ever been, and we did it without new taxes.\"");
    let cs = claims(&d);
    let c = find(&cs, "tweet");
    assert!(c.source.as_ref().unwrap().text.contains("Sam Diaz"));
    assert!(c.content.text.contains("Our roads are"));
}

#[test]
fn denial_is_classified() {
    let d = doc("A Norbridge executive, Ana Cole, denied that the firm had shared customer data with any government.");
    let cs = claims(&d);
    let c = find(&cs, "denied");
    assert_eq!(c.cue_class, CueClass::Denial);
    assert!(c.content.text.contains("shared customer data"));
}

#[test]
fn scare_quotes_and_titles_are_not_claims() {
    let d = doc("The museum will screen 'The Quiet Harbor' next month. The so-called \"green corridor\" runs along the river for six miles.");
    let cs = claims(&d);
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn reader_questions_are_not_claims() {
    let d = doc("What does the new tariff mean for your weekly shopping bill? And should you buy a car now or wait until next year?");
    let cs = claims(&d);
    assert!(cs.is_empty(), "{cs:#?}");
}

#[test]
fn only_quotations_when_indirect_is_off() {
    let d = doc("Park said the plan was sound. \"It will save money,\" she said.");
    let ex = ClaimExtractor::shared().unwrap();
    let all = ex.extract_document(&d, ExtractOptions::default());
    let direct = ex.extract_document(
        &d,
        ExtractOptions {
            include_indirect: false,
            ..ExtractOptions::default()
        },
    );
    assert!(all.len() > direct.len(), "{all:#?}");
    assert!(direct.iter().all(|c| c.kind != ClaimKind::Indirect));
}

#[test]
fn no_sourceless_claims_when_sourceless_is_off() {
    // A passive cue's subject becomes content, leaving no source.
    let d =
        doc("He has been harshly criticized for his policies. The mayor said the plan was sound.");
    let ex = ClaimExtractor::shared().unwrap();
    let all = ex.extract_document(&d, ExtractOptions::default());
    assert!(all.iter().any(|c| c.source.is_none()), "{all:#?}");
    let sourced = ex.extract_document(
        &d,
        ExtractOptions {
            include_sourceless: false,
            ..ExtractOptions::default()
        },
    );
    assert!(!sourced.is_empty(), "{all:#?}");
    assert!(sourced.iter().all(|c| c.source.is_some()), "{sourced:#?}");
}

#[tokio::test]
async fn factory_builds_the_analyzer() {
    let f = ClaimsFactory;
    let info = f.info();
    assert_eq!(info.type_name, "claims");
    assert_eq!(info.provides, vec!["claims"]);
    assert_eq!(info.requires, vec!["entities"]);
    let ctx = BuildContext::default();
    assert!(f
        .build("claims", serde_json::json!({"bogus": 1}), &ctx)
        .is_err());
    let a = f
        .build(
            "claims",
            serde_json::json!({"include_indirect": true}),
            &ctx,
        )
        .unwrap();
    let d = doc("\"Prices will fall,\" the minister said.");
    let ann = a.analyze(&d).await.unwrap();
    let cs = ann.claims.unwrap();
    assert_eq!(cs.len(), 1);
    // Spans are character offsets.
    assert_eq!(
        &d.text[d.span_builder().byte_range(&cs[0].cue.span)],
        "said"
    );
}

fn claims_with(d: &Document, cues: CueFilter) -> Vec<Claim> {
    ClaimExtractor::shared().unwrap().extract_document(
        d,
        ExtractOptions {
            cues,
            ..ExtractOptions::default()
        },
    )
}

#[test]
fn actions_are_claims_only_in_all_mode() {
    let d = doc("The ministry has sought the files from the regional court.");
    let all = claims_with(&d, CueFilter::All);
    assert!(
        all.iter().any(|c| c.cue.text.contains("sought")),
        "{all:#?}"
    );
    let speech = claims_with(&d, CueFilter::Speech);
    assert!(speech.is_empty(), "{speech:#?}");
}

#[test]
fn beliefs_are_dropped_in_speech_mode() {
    let d = doc("Brussels is concerned about the pace of the new trade rules.");
    let all = claims_with(&d, CueFilter::All);
    assert!(!all.is_empty(), "{all:#?}");
    assert!(claims_with(&d, CueFilter::Speech).is_empty());
}

#[test]
fn speech_is_kept_in_both_modes() {
    let d = doc("Mayor Lena Ortiz said the bridge would reopen in May.");
    for mode in [CueFilter::All, CueFilter::Speech] {
        let cs = claims_with(&d, mode);
        let c = find(&cs, "said");
        assert_eq!(c.source.as_ref().unwrap().text, "Mayor Lena Ortiz");
        assert!(c.content.text.contains("the bridge would reopen"));
    }
}

#[test]
fn speech_mode_keeps_quotations_reports_and_questions() {
    let d = doc(concat!(
        "\"We will not back down,\" the union leader told reporters on Monday.\n",
        "According to a report by the port authority, the delays cost $3m a day.\n",
        "A new audit found that the fund had lost track of 40 contracts.\n",
        "The senator asked whether the money had been spent.\n",
        "The council is asking residents to save water."
    ));
    let cs = claims_with(&d, CueFilter::Speech);
    let q = find(&cs, "told");
    assert_eq!(q.kind, ClaimKind::Direct);
    assert!(q.source.as_ref().unwrap().text.contains("union leader"));
    let r = find(&cs, "according to");
    assert!(r.source.as_ref().unwrap().text.contains("port authority"));
    find(&cs, "found");
    find(&cs, "asked");
    assert!(!cs.iter().any(|c| c.cue.text.contains("asking")), "{cs:#?}");
}

#[test]
fn speech_mode_repairs_according_to_over_a_comma() {
    // Whatever the tagger makes of the verb, the claim is "according to",
    // in both modes.
    let d = doc("According to the Grain Traders Association, the drought is draining the sector of about $9m a week.");
    for mode in [CueFilter::Speech, CueFilter::All] {
        let cs = claims_with(&d, mode);
        let c = find(&cs, "according to");
        assert_eq!(
            c.source.as_ref().unwrap().text,
            "the Grain Traders Association"
        );
        assert!(c.content.text.starts_with("the drought"), "{cs:#?}");
    }
}

#[tokio::test]
async fn factory_defaults_to_speech_cues() {
    let f = ClaimsFactory;
    assert!(f.info().options.iter().any(|o| o.name == "cues"));
    let ctx = BuildContext::default();
    assert!(f
        .build("claims", serde_json::json!({"cues": "beliefs"}), &ctx)
        .is_err());
    let d = doc("The ministry has sought the files from the regional court.");
    let speech = f.build("claims", serde_json::json!({}), &ctx).unwrap();
    assert!(speech.analyze(&d).await.unwrap().claims.unwrap().is_empty());
    let all = f
        .build("claims", serde_json::json!({"cues": "all"}), &ctx)
        .unwrap();
    assert!(!all.analyze(&d).await.unwrap().claims.unwrap().is_empty());
}

#[test]
fn unicode_offsets_are_characters() {
    let d = doc("Café owner José Núñez said the rent had doubled since the spring.");
    let cs = claims(&d);
    let c = find(&cs, "said");
    let chars: Vec<char> = d.text.chars().collect();
    let cue: String = chars[c.cue.span.start..c.cue.span.end].iter().collect();
    assert_eq!(cue, "said");
}

fn fixture() -> &'static Path {
    Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/brat"))
}

#[test]
fn scorer_gives_full_marks_to_gold() {
    let docs = brat::load_dir(fixture()).unwrap();
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0].attributions.len(), 3);
    let mut s = eval::Scores::default();
    for d in &docs {
        let pred: Vec<eval::PredAttribution> = d
            .attributions
            .iter()
            .map(|a| eval::PredAttribution {
                source: a.source.clone(),
                cue: a.cue.clone(),
                content: a.content.clone(),
            })
            .collect();
        eval::score_doc(d, &pred, &mut s);
    }
    assert!((s.attributions.f() - 1.0).abs() < 1e-9);
    for r in 0..3 {
        for m in 0..3 {
            assert!((s.roles[r][m].f() - 1.0).abs() < 1e-9, "role {r} match {m}");
        }
    }
    assert!((s.content_tokens.f() - 1.0).abs() < 1e-9);
}

#[test]
fn scorer_penalizes_missing_and_wrong() {
    let docs = brat::load_dir(fixture()).unwrap();
    let d = &docs[0];
    let first = &d.attributions[0];
    let pred = vec![
        eval::PredAttribution {
            source: first.source.clone(),
            cue: first.cue.clone(),
            content: first.content.clone(),
        },
        // Right cue and content, wrong source.
        eval::PredAttribution {
            source: Some(vec![(0, 6)]),
            cue: d.attributions[1].cue.clone(),
            content: d.attributions[1].content.clone(),
        },
    ];
    let mut s = eval::Scores::default();
    eval::score_doc(d, &pred, &mut s);
    assert_eq!(s.attributions.tp_pred, 1);
    assert!((s.attributions.p() - 0.5).abs() < 1e-9);
    assert!((s.attributions.r() - 1.0 / 3.0).abs() < 1e-9);
    assert_eq!(s.roles[1][0].tp_gold, 2);
}

#[test]
fn eval_brat_reports_every_measure() {
    let r = eval_brat(fixture()).unwrap();
    for key in [
        "source", "cue", "content", "exact", "overlap", "tokens", "attrib", "words/s",
    ] {
        assert!(r.contains(key), "{key} missing from\n{r}");
    }
    assert!(eval_brat(Path::new("/nonexistent/brat")).is_err());
}

#[test]
fn tweet_with_description_before_the_colon() {
    let d = doc("However, the governor recently tweeted this surprising message that hints the plan may be dropped: \"We will review every option with the council before the summer, and nothing is decided yet.\"");
    let cs = claims(&d);
    let c = find(&cs, "tweeted");
    assert!(c.content.text.starts_with('"'), "{c:#?}");
    assert_eq!(c.kind, ClaimKind::Direct);
}

#[test]
fn passive_after_a_long_clause() {
    let d = doc("The council worries about the cost, because \"if the river floods again this winter, the town will not be able to pay for the repairs on its own,\" as stressed by Mayor Ellen Park, who chairs the budget committee.");
    let cs = claims(&d);
    let c = cs
        .iter()
        .find(|c| {
            c.source
                .as_ref()
                .is_some_and(|s| s.text.contains("Ellen Park"))
        })
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert!(c.content.text.contains("if the river floods"), "{c:#?}");
    // PolNeAR leaves "by" out of the cue.
    assert!(c.cue.text.ends_with("stressed"), "{c:#?}");
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]
    /// Any text, with quotes of every style, line breaks and wide
    /// characters: no panic, and every span lies inside the text on
    /// character boundaries with its text copied from there.
    #[test]
    fn any_text_gives_well_formed_claims(
        parts in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("\"".to_string()),
                proptest::strategy::Just("''".to_string()),
                proptest::strategy::Just("“".to_string()),
                proptest::strategy::Just("”".to_string()),
                proptest::strategy::Just("\n\n".to_string()),
                proptest::strategy::Just(", ".to_string()),
                proptest::strategy::Just(". ".to_string()),
                proptest::strategy::Just(": ".to_string()),
                proptest::strategy::Just(" said ".to_string()),
                proptest::strategy::Just(" according to ".to_string()),
                proptest::strategy::Just(" as stated by ".to_string()),
                proptest::strategy::Just("Ana Núñez".to_string()),
                proptest::strategy::Just(" ― ".to_string()),
                proptest::strategy::Just("HOLT: ".to_string()),
                proptest::strategy::Just(" (D-Wis.) ".to_string()),
                proptest::strategy::Just(" she said ".to_string()),
                "[a-zA-Zé’ ]{0,12}",
            ],
            0..40,
        )
    ) {
        let text: String = parts.concat();
        let d = doc(&text);
        let chars = d.text.chars().count();
        for c in claims(&d) {
            let mut spans = vec![(&c.cue.span, &c.cue.text), (&c.content.span, &c.content.text)];
            for p in &c.content_parts {
                spans.push((&p.span, &p.text));
            }
            if let Some(s) = &c.source {
                spans.push((&s.span, &s.text));
            }
            for (span, t) in spans {
                proptest::prop_assert!(span.start <= span.end && span.end <= chars);
                let got: String = d.text.chars().skip(span.start).take(span.end - span.start).collect();
                proptest::prop_assert_eq!(&got, t);
            }
        }
    }
}

#[test]
fn uses_the_documents_sentences_when_present() {
    // The built-in splitter does not break before a lower-case word; the
    // document's sentences do, and the content stops there.
    let mut d = doc("The governor said rates will stay low. markets rose after the remarks.");
    let unsplit = claims(&d);
    assert!(
        find(&unsplit, "said").content.text.contains("markets"),
        "{unsplit:#?}"
    );
    let sb = d.span_builder();
    let cut = d.text.find("markets").unwrap();
    let sentences = vec![
        gleaner_core::Sentence {
            span: sb.span(0, cut - 1),
            paragraph: 0,
        },
        gleaner_core::Sentence {
            span: sb.span(cut, d.text.len()),
            paragraph: 0,
        },
    ];
    d.sentences = sentences;
    let cs = claims(&d);
    let c = find(&cs, "said");
    assert!(c.content.text.contains("rates will stay low"), "{c:#?}");
    assert!(!c.content.text.contains("markets"), "{c:#?}");
}

#[test]
fn transcript_speaker_labels_and_signed_quotes() {
    let d = doc("Interview transcript follows.\n\n\"HOLLOWAY: We will open the new bridge in the spring and the tolls will stay where they are.\n\n\u{201c}The river crossing changed my life, and I hope it stays cheap for everyone.\u{201d} \u{2015} Dana Whitfield\n");
    let cs = claims(&d);
    let c = find(&cs, ":");
    assert_eq!(c.source.as_ref().unwrap().text, "HOLLOWAY");
    assert!(c.content.text.starts_with("We will open"), "{c:#?}");
    let c = find(&cs, "\u{2015}");
    assert_eq!(c.source.as_ref().unwrap().text, "Dana Whitfield");
    assert!(c.content.text.contains("changed my life"), "{c:#?}");
    // A headline label that is not a speaker is no claim.
    let d = doc("BREAKING: The council votes to close the old harbour bridge for good.\n\nThe vote was close.\n");
    assert!(claims(&d).iter().all(|c| c.cue.text != ":"));
}

#[test]
fn nationality_in_a_source_is_not_its_entity() {
    let mut d = doc("Beijing rejected the report, a Chinese foreign ministry spokesman said on Monday, calling it groundless.");
    let e = entity(&d, "e3", EntityLabel::Norp, &["Chinese"]);
    d.entities = vec![e];
    let cs = claims(&d);
    for c in &cs {
        if let Some(s) = &c.source {
            assert_ne!(s.entity.as_deref(), Some("e3"), "{c:#?}");
        }
    }
}

#[test]
fn quotation_with_its_own_speaker_inside_a_longer_claim() {
    let d = doc("Marsh said she thought the plan was worth a try because \u{201c}nobody has ever asked the fishermen what they need,\u{201d} she said. \u{201c}We start with them this time.\u{201d}");
    let cs = claims(&d);
    let c = cs
        .iter()
        .find(|c| c.source.as_ref().is_some_and(|s| s.text == "she"))
        .unwrap_or_else(|| panic!("{cs:#?}"));
    assert!(c.content.text.contains("nobody has ever asked"), "{c:#?}");
    assert!(c.content.text.contains("We start with them"), "{c:#?}");
    let first = find(&cs, "said");
    assert!(!first.content.text.contains("fishermen"), "{cs:#?}");
}

#[test]
fn name_before_a_colon_and_a_quotation_is_the_speaker() {
    let d = doc("Turnout fell again in the north. More from Mara Quint: \"The northern districts have been losing voters for a decade and nobody expected a change.\"");
    let cs = claims(&d);
    let c = find(&cs, ":");
    assert_eq!(c.source.as_ref().unwrap().text, "Mara Quint");
    assert!(c.content.text.contains("losing voters"), "{c:#?}");
}

#[test]
fn whole_quotation_paragraph_continues_the_previous_speaker() {
    let d = doc("\"The harbour board is committed to safe berths, and we review every crane twice a year,\" a board spokeswoman said.\n\n\"As we set out in the spring report, the board has concerns about the older cranes. We have asked the operator to replace them.\"");
    let cs = claims(&d);
    let c = find(&cs, "said");
    assert_eq!(c.kind, ClaimKind::Direct);
    assert_eq!(c.content_parts.len(), 2, "{c:#?}");
    assert!(c.content_parts[1].text.contains("older cranes"), "{c:#?}");
    assert!(c.source.as_ref().unwrap().text.contains("spokeswoman"));
}

#[test]
fn infinitive_speech_verb_is_the_cue() {
    let d = doc("The club struck a softer tone, with chairman Tomas Varga (who also owns the stadium) ending a month of silence to call the new coach a \"brilliant choice.\"");
    let cs = claims_with(&d, CueFilter::Speech);
    let c = find(&cs, "call");
    assert!(c.cue.text.ends_with("call"), "{c:#?}");
    assert_eq!(c.kind, ClaimKind::Mixed, "{c:#?}");
    assert!(c.content.text.starts_with("the new coach"), "{c:#?}");
    assert_eq!(c.source.as_ref().unwrap().text, "Tomas Varga", "{c:#?}");
}

#[test]
fn speech_mode_quotation_parts_do_not_open_with_narrative() {
    let d = doc("\"The numbers in this report are simply wrong,\" Lindqvist told reporters outside city hall. \"We will publish our own figures next week.\"");
    let cs = claims_with(&d, CueFilter::Speech);
    let c = find(&cs, "told");
    assert_eq!(c.content_parts.len(), 2, "{c:#?}");
    assert!(
        c.content_parts[1].text.starts_with("\"We will publish"),
        "{c:#?}"
    );
    assert_eq!(c.kind, ClaimKind::Direct, "{c:#?}");
}

#[test]
fn speech_mode_one_quotation_is_one_speakers() {
    let d = doc("Nadia Osei, the union's general secretary, said members had been \"left with no choice\" by an offer that fell short of inflation. \"Our members keep this country's shelves stocked. They will not accept a real-terms pay cut while the company posts record profits,\" she told reporters outside the terminal.");
    let cs = claims_with(&d, CueFilter::Speech);
    let told = find(&cs, "told");
    assert!(
        told.content.text.starts_with("\"Our members keep"),
        "{told:#?}"
    );
    assert_eq!(told.kind, ClaimKind::Direct, "{told:#?}");
    let said = find(&cs, "said");
    assert!(!said.content.text.contains("Our members"), "{said:#?}");
    assert!(said.content.text.ends_with("inflation"), "{said:#?}");
}

#[test]
fn speech_mode_a_relative_clause_on_the_source_is_not_content() {
    let d = doc("The ministry sent the company a warning last month, according to one of the officials, who asked not to be named because the inquiry is confidential.");
    let cs = claims_with(&d, CueFilter::Speech);
    let c = find(&cs, "according");
    assert!(
        c.content_parts
            .iter()
            .all(|p| !p.text.contains("asked not to be named")),
        "{c:#?}"
    );
}

#[test]
fn speech_mode_a_partial_quotation_stays_with_its_sentence() {
    let d = doc("Okafor said the union would \"fight this to the end. We will win,\" he added.");
    let cs = claims_with(&d, CueFilter::Speech);
    let said = find(&cs, "said");
    assert!(said.content.text.contains("fight this"), "{cs:#?}");
}

#[test]
fn speech_mode_according_to_a_statement_from() {
    let d = doc(
        "According to a statement from the port authority, the channel will reopen next month.",
    );
    let cs = claims_with(&d, CueFilter::Speech);
    let c = find(&cs, "according");
    assert_eq!(
        c.source.as_ref().unwrap().text,
        "a statement from the port authority",
        "{c:#?}"
    );
    assert!(c.content.text.contains("the channel will reopen"), "{c:#?}");
}

/// One-line wire copy, as a reader writes it: each sentence is one claim
/// with its speaker, what was said whole, and no time in cue or content.
#[test]
fn wire_sentences_read_whole() {
    let cases = [
        (
            "Ana Ruiz said fuel costs had doubled.",
            "Ana Ruiz",
            "said",
            "fuel costs had doubled",
        ),
        ("Kestrel Air said sales rose.", "Kestrel Air", "said", "sales rose"),
        (
            "Heavy rain closed the Tern Valley road on Sunday, police said.",
            "police",
            "said",
            "Heavy rain closed the Tern Valley road on Sunday",
        ),
        (
            "The depot said on Monday it would hire 40 drivers.",
            "The depot",
            "said",
            "it would hire 40 drivers",
        ),
        (
            "Marlow Foods will shut two bakeries in Hull, its chief executive Omar Reid said on Monday.",
            "its chief executive Omar Reid",
            "said",
            "Marlow Foods will shut two bakeries in Hull",
        ),
        (
            "Police said three men had been detained and charged with arson.",
            "Police",
            "said",
            "three men had been detained and charged with arson",
        ),
        (
            "The harbour master said: \"No ship leaves tonight.\"",
            "The harbour master",
            "said",
            "\"No ship leaves tonight.\"",
        ),
        (
            "Kestrel Dynamics Inc., a maker of farm drones, today announced that it would buy Orchard Optics.",
            "Kestrel Dynamics Inc.",
            "announced",
            "that it would buy Orchard Optics",
        ),
        (
            "The depot said all gates were open by 09:30.",
            "The depot",
            "said",
            "all gates were open by 09:30",
        ),
        (
            "The embassy denied the allegation.",
            "The embassy",
            "denied",
            "the allegation",
        ),
    ];
    for (text, source, cue, content) in cases {
        for mode in [CueFilter::Speech, CueFilter::All] {
            let cs = claims_with(&doc(text), mode);
            assert_eq!(cs.len(), 1, "{text} ({mode:?}): {cs:#?}");
            let c = &cs[0];
            assert_eq!(
                c.source.as_ref().map(|s| s.text.as_str()),
                Some(source),
                "{text}"
            );
            assert_eq!(c.cue.text, cue, "{text}");
            assert_eq!(c.content.text, content, "{text}");
        }
    }
}

#[test]
fn according_to_in_speech_mode_is_one_claim() {
    let d = doc("Schools minister Ann Cole urged both sides to return to talks. According to the British Dental Association, the strike is costing the wider economy about £40m a day.");
    let cs = claims_with(&d, CueFilter::Speech);
    let according: Vec<_> = cs.iter().filter(|c| c.cue.text == "According to").collect();
    assert_eq!(according.len(), 1, "{cs:#?}");
}

/// A court report: "the judge" is the person named Judge, and the "she"
/// after the judge's ruling is the judge, not the defendant named nearer.
#[test]
fn roles_and_the_pronouns_after_them_reach_the_right_person() {
    let mut d = doc("Judge Sara Holm jailed Tom Lowry for six years on Friday. The judge ruled that the fraud had been planned for a decade. \"He betrayed everyone who trusted him,\" she said.");
    let holm = entity(&d, "e1", EntityLabel::Person, &["Sara Holm"]);
    let lowry = entity(&d, "e2", EntityLabel::Person, &["Tom Lowry"]);
    d.entities = vec![holm, lowry];
    let cs = claims(&d);
    let ruled = find(&cs, "ruled");
    assert_eq!(
        ruled.source.as_ref().and_then(|s| s.entity.as_deref()),
        Some("e1"),
        "{cs:#?}"
    );
    let said = find(&cs, "said");
    assert_eq!(
        said.source.as_ref().and_then(|s| s.entity.as_deref()),
        Some("e1"),
        "{cs:#?}"
    );
}
