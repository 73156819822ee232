//! Unit tests of the tagger, the analyzer and the scorers, on sentences
//! written for these tests (anchor 2019-02-19 unless said otherwise).

use super::*;
use gleaner_core::{Format, Meta, Sentence, SourceInfo, TimexType};

fn anchor() -> Anchor {
    Anchor::parse("2019-02-19").unwrap()
}

fn tag_with(text: &str, opts: DatesOptions, a: Option<&Anchor>) -> Vec<(String, String)> {
    DateTagger::new(opts)
        .tag(text, a)
        .into_iter()
        .map(|t| (text[t.range].to_string(), t.value))
        .collect()
}

fn tag(text: &str) -> Vec<(String, String)> {
    tag_with(text, DatesOptions::default(), Some(&anchor()))
}

/// Asserts that `expr` is found in `text` with `value`.
fn has(text: &str, expr: &str, value: &str) {
    let got = tag(text);
    assert!(
        got.iter().any(|(e, v)| e == expr && v == value),
        "{text:?}: wanted {expr:?} = {value}, got {got:?}"
    );
}

/// Asserts that nothing at all is found in `text`.
fn none(text: &str) {
    let got = tag(text);
    assert!(got.is_empty(), "{text:?}: wanted nothing, got {got:?}");
}

fn full(text: &str) -> Vec<Timex> {
    DateTagger::new(DatesOptions::default()).tag(text, Some(&anchor()))
}

#[test]
fn relative_expressions_follow_tense_and_context() {
    has(
        "The activist was detained in December.",
        "December",
        "2018-12",
    );
    has(
        "The company has until March 1 to respond.",
        "March 1",
        "2019-03-01",
    );
    has(
        "The ministry said Saturday that talks had stalled.",
        "Saturday",
        "2019-02-16",
    );
    has(
        "The order was signed in May last year.",
        "May last year",
        "2018-05",
    );
    has(
        "Officials met earlier this month in Geneva.",
        "earlier this month",
        "2019-02",
    );
    has(
        "Prices have risen in recent months.",
        "recent months",
        "PAST_REF",
    );
    has("The board will meet on Thursday.", "Thursday", "2019-02-21");
    has("Sales fell last year.", "last year", "2018");
    has("The vote is next week.", "next week", "2019-W09");
    has("He arrived yesterday.", "yesterday", "2019-02-18");
    has("The plant opened two years ago.", "two years ago", "2017");
    has("Shares rose today.", "today", "2019-02-19");
    has("Inflation is currently low.", "currently", "PRESENT_REF");
    has("They spoke this morning.", "this morning", "2019-02-19TMO");
    has(
        "The law takes effect in the future.",
        "the future",
        "FUTURE_REF",
    );
}

#[test]
fn modifiers_are_kept() {
    let t = full("Talks resumed in mid-February 2019 after a pause.");
    let m = t.iter().find(|x| x.value == "2019-02").unwrap();
    assert_eq!(m.modifier.as_deref(), Some("MID"));
    let t = full("The firm was founded in early 2018.");
    let m = t.iter().find(|x| x.value == "2018").unwrap();
    assert_eq!(m.modifier.as_deref(), Some("START"));
    let t = full("The merger closed late last year.");
    let m = t.iter().find(|x| x.value == "2018").unwrap();
    assert_eq!(m.modifier.as_deref(), Some("END"));
    let t = full("The strike lasted nearly two months.");
    let m = t.iter().find(|x| x.value == "P2M").unwrap();
    assert_eq!(m.modifier.as_deref(), Some("LESS_THAN"));
}

#[test]
fn absolute_forms_of_every_common_style() {
    has(
        "It happened on Nov 26, 2018 in Paris.",
        "Nov 26, 2018",
        "2018-11-26",
    );
    has(
        "It happened on Nov. 26, 2018 in Paris.",
        "Nov. 26, 2018",
        "2018-11-26",
    );
    has(
        "It happened on 26 November 2018 in Paris.",
        "26 November 2018",
        "2018-11-26",
    );
    has(
        "Filed 2018-11-26 with the court.",
        "2018-11-26",
        "2018-11-26",
    );
    has(
        "Filed 11/26/2018 with the court.",
        "11/26/2018",
        "2018-11-26",
    );
    has("The plant closed in the 1990s.", "the 1990s", "199");
    has("Revenue grew in fiscal 2019.", "fiscal 2019", "2019");
    // In February a past Q3 is last year's, as "the third quarter" is.
    has("Revenue grew in Q3.", "Q3", "2018-Q3");
    has("Revenue will grow in Q3.", "Q3", "2019-Q3");
    has(
        "Revenue grew in the third quarter of 2017.",
        "the third quarter of 2017",
        "2017-Q3",
    );
    has("The war ended in 1945.", "1945", "1945");
    has("Sales peaked in November 2018.", "November 2018", "2018-11");
    has(
        "The summit took place in the summer of 2016.",
        "the summer of 2016",
        "2016-SU",
    );
}

#[test]
fn less_common_forms() {
    has("The summit is on April 24 and 25.", "25", "2019-04-25");
    has("Crime fell through the nineties.", "the nineties", "199");
    has("The feud has lasted for years.", "years", "PXY");
    has(
        "Sales rose in the last week of January.",
        "the last week of January",
        "2019-W05",
    );
    has("The refugees stayed 2 1/2 years.", "2 1/2 years", "P2Y6M");
    has(
        "It began in nineteen ninety-six.",
        "nineteen ninety-six",
        "1996",
    );
    has(
        "Net rose in this year's third quarter.",
        "this year's third quarter",
        "2019-Q3",
    );
    has(
        "The law stays for the time being.",
        "the time being",
        "PRESENT_REF",
    );
    has("She left a week ago.", "a week ago", "2019-02-12");
    none("He is in his 30s and earns $2 million a year.");
    // Curly apostrophes: a possessive weekday is in the past.
    has(
        "Critics will attack Friday\u{2019}s ruling.",
        "Friday",
        "2019-02-15",
    );
}

#[test]
fn day_first_option() {
    let opts = DatesOptions {
        day_first: true,
        ..DatesOptions::default()
    };
    let got = tag_with("Filed 03/04/2019 with the court.", opts, Some(&anchor()));
    assert_eq!(
        got,
        vec![("03/04/2019".to_string(), "2019-04-03".to_string())]
    );
    has(
        "Filed 03/04/2019 with the court.",
        "03/04/2019",
        "2019-03-04",
    );
}

#[test]
fn dateline_with_time_zone() {
    let text = "Tuesday 19 February 2019 09:19 EST";
    let t = full(text);
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(t[0].range, 0..text.len());
    assert_eq!(t[0].kind, TimexType::Time);
    assert_eq!(t[0].value, "2019-02-19T09:19-05:00");
    has(
        "The meeting starts at 10:30 a.m. today.",
        "10:30 a.m. today",
        "2019-02-19T10:30",
    );
    has(
        "Launch is set for 18:00 UTC.",
        "18:00 UTC",
        "2019-02-19T18:00Z",
    );
}

#[test]
fn durations_and_sets() {
    has("The project took three years.", "three years", "P3Y");
    has("They signed a five-year contract.", "five-year", "P5Y");
    has("Talks lasted 48 hours.", "48 hours", "PT48H");
    has(
        "Over the past two decades the town grew.",
        "the past two decades",
        "P20Y",
    );
    has("He waited a few days.", "a few days", "PXD");
    has("The paper is printed daily.", "daily", "P1D");
    has("The committee meets every week.", "every week", "P1W");
    let t = full("The committee meets every week.");
    assert_eq!(t[0].kind, TimexType::Set);
}

#[test]
fn no_anchor_keeps_unresolved_values() {
    let got: Vec<Timex> = DateTagger::new(DatesOptions::default()).tag(
        "The ministry said Saturday that the deadline is March 1.",
        None,
    );
    let sat = got.iter().find(|t| t.value == "XXXX-WXX-6").unwrap();
    assert!(!sat.anchored);
    let m1 = got.iter().find(|t| t.value == "XXXX-03-01").unwrap();
    assert!(!m1.anchored);
    let got = tag_with("Sales fell last year.", DatesOptions::default(), None);
    assert_eq!(got, vec![("last year".to_string(), "XXXX".to_string())]);
}

#[test]
fn anchored_flag() {
    let t = full("The activist was detained in December and released on 3 January 2019.");
    assert!(t.iter().find(|x| x.value == "2018-12").unwrap().anchored);
    assert!(!t.iter().find(|x| x.value == "2019-01-03").unwrap().anchored);
}

#[test]
fn no_false_alarms() {
    none("We said we would go, and we did.");
    none("The minister may resign, officials may say.");
    none("Theresa May addressed parliament.");
    none("Thousands march on the capital.");
    none("March on, the coach told them.");
    none("The Sun reported the story first.");
    none("It was the second time the bill failed.");
    none("She ranked him second among the candidates.");
    none("The firm joined the Fortune 500 list.");
    none("Update to version 2.1.2019 is available.");
    none("Call 555-2019 or (202) 555-1987 for tickets.");
    none("Tickets cost $2019 each, or 2,019 euros.");
    none("A 52-year-old man was arrested.");
    none("About three-quarters of voters agreed.");
    none("It will take a second look.");
}

#[test]
fn sentences_are_split_for_tense_when_unknown() {
    // The future cue in the first sentence must not leak into the second;
    // in one sentence it decides.
    has(
        "The board will vote soon. Saturday.",
        "Saturday",
        "2019-02-16",
    );
    has(
        "The board will vote soon, Saturday.",
        "Saturday",
        "2019-02-23",
    );
}

fn doc(text: &str, published: Option<&str>) -> Document {
    let mut d = Document::new(
        "t",
        SourceInfo {
            path: "t.txt".into(),
            format: Format::Txt,
            hash: "sha256:00".into(),
            line: None,
            encoding: None,
        },
        Meta {
            published: published.map(str::to_string),
            ..Meta::default()
        },
        text.to_string(),
    );
    d.sentences = Vec::new();
    d
}

#[test]
fn analyzer_fills_spans_sentences_and_anchor() {
    let text = "Markets fell. The ministry said Saturday that talks stalled.";
    let mut d = doc(text, Some("2019-02-19T09:19:00-05:00"));
    let sb = d.span_builder();
    let s1 = sb.span(0, 13);
    let s2 = sb.span(14, text.len());
    d.sentences = vec![
        Sentence {
            span: s1,
            paragraph: 0,
        },
        Sentence {
            span: s2,
            paragraph: 0,
        },
    ];
    let a = DatesAnalyzer::new(DatesOptions::default()).unwrap();
    let dates = a.time_exprs(&d);
    assert_eq!(dates.len(), 1);
    assert_eq!(dates[0].text, "Saturday");
    assert_eq!(dates[0].value, "2019-02-16");
    assert_eq!(dates[0].sentence, Some(1));
    assert_eq!(dates[0].span.start, text.find("Saturday").unwrap());
    assert!(dates[0].anchored);
}

#[test]
fn analyzer_without_sentences_or_anchor() {
    let d = doc("The ministry said Saturday that talks stalled.", None);
    let a = DatesAnalyzer::new(DatesOptions::default()).unwrap();
    let dates = a.time_exprs(&d);
    assert_eq!(dates[0].value, "XXXX-WXX-6");
    assert_eq!(dates[0].sentence, None);
    assert!(!dates[0].anchored);
    let over = DatesAnalyzer::new(DatesOptions {
        anchor: Some("2019-02-19".into()),
        ..DatesOptions::default()
    })
    .unwrap();
    assert_eq!(over.time_exprs(&d)[0].value, "2019-02-16");
}

#[test]
fn factory_describes_and_validates_options() {
    let f = DatesFactory;
    let info = f.info();
    assert_eq!(info.type_name, "dates");
    assert_eq!(info.provides, vec!["dates"]);
    assert!(info.requires.is_empty());
    let ctx = BuildContext::default();
    assert!(f.build("d", serde_json::json!({}), &ctx).is_ok());
    assert!(f
        .build(
            "d",
            serde_json::json!({"day_first": true, "anchor": "2019-02-19"}),
            &ctx
        )
        .is_ok());
    let bad = f.build("d", serde_json::json!({"dayfirst": true}), &ctx);
    assert_eq!(bad.err().unwrap()[0].key, "dayfirst");
    let bad = f.build("d", serde_json::json!({"anchor": "soon"}), &ctx);
    assert_eq!(bad.err().unwrap()[0].key, "anchor");
}

#[tokio::test]
async fn analyze_returns_dates_only() {
    let f = DatesFactory;
    let an = f
        .build("d", serde_json::json!({}), &BuildContext::default())
        .unwrap();
    let d = doc("He left on 3 January 2019.", None);
    let ann = an.analyze(&d).await.unwrap();
    let dates = ann.dates.unwrap();
    assert_eq!(dates[0].value, "2019-01-03");
    assert!(ann.entities.is_none() && ann.claims.is_none());
}

const TIMEML: &str = r#"<?xml version="1.0" ?>
<TimeML>
<DOCID>test1</DOCID>
<DCT><TIMEX3 tid="t0" type="DATE" value="2019-02-19" temporalFunction="false" functionInDocument="CREATION_TIME">20190219</TIMEX3></DCT>
<TEXT>
The ministry <EVENT eid="e1">said</EVENT> <TIMEX3 tid="t1" type="DATE" value="2019-02-16">Saturday</TIMEX3> that talks had stalled for <TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3>. Prices rose in <TIMEX3 tid="t3" type="DATE" value="2018-12">December</TIMEX3> &amp; fell <TIMEX3 tid="t4" type="DATE" value="PRESENT_REF">now</TIMEX3>. The plan runs until <TIMEX3 tid="t5" type="DATE" value="2020">the end of next year</TIMEX3>.
</TEXT>
</TimeML>
"#;

#[test]
fn timeml_scorer_counts_strict_relaxed_and_values() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("sub")).unwrap();
    std::fs::write(dir.path().join("sub/a.tml"), TIMEML).unwrap();
    let r = eval_timeml(dir.path()).unwrap();
    // The tagger finds all five; "the end of next year" is found as
    // "the end of next year" with value 2020 (mod END): all spans exact.
    assert!(r.contains("gold 5  system 5"), "{r}");
    assert!(r.contains("strict   P 1.0000  R 1.0000  F1 1.0000"), "{r}");
    assert!(r.contains("value    accuracy 1.0000  F1 1.0000"), "{r}");
}

#[test]
fn timeml_scorer_relaxed_and_value_errors() {
    let dir = tempfile::tempdir().unwrap();
    let tml = TIMEML
        .replace(
            r#"<TIMEX3 tid="t2" type="DURATION" value="P3M">three months</TIMEX3>"#,
            r#"<TIMEX3 tid="t2" type="DURATION" value="P4M">three</TIMEX3> months"#,
        )
        .replace(
            "Prices rose in",
            "Prices rose on <TIMEX3 tid=\"t9\" type=\"DATE\" value=\"XXXX\">Mars</TIMEX3> in",
        );
    std::fs::write(dir.path().join("b.tml"), tml).unwrap();
    let r = eval_timeml(dir.path()).unwrap();
    // 6 gold, 5 system; "three months" overlaps "three" (relaxed only,
    // wrong value); "Mars" is missed.
    assert!(r.contains("gold 6  system 5"), "{r}");
    assert!(r.contains("strict   P 0.8000  R 0.6667"), "{r}");
    assert!(r.contains("relaxed  P 1.0000  R 0.8333"), "{r}");
    assert!(r.contains("value    accuracy 0.8000"), "{r}");
    let with_errors = eval_timeml_with(dir.path(), EvalOptions { list_errors: true }).unwrap();
    assert!(with_errors.contains("FN\tb.tml\t\"Mars\""), "{with_errors}");
}

#[test]
fn timeml_scorer_reports_missing_files() {
    let dir = tempfile::tempdir().unwrap();
    assert!(matches!(
        eval_timeml(dir.path()),
        Err(DatesError::NoFiles { .. })
    ));
    assert!(matches!(
        eval_timeml(&dir.path().join("nope")),
        Err(DatesError::Io { .. })
    ));
}

const MEANTIME: &str = r#"<?xml version="1.0" ?><Document doc_id="7" doc_name="x" lang="en">
<token number="0" sentence="0" t_id="1">Plant</token>
<token number="1" sentence="0" t_id="2">closes</token>
<token number="2" sentence="1" t_id="3">March</token>
<token number="3" sentence="1" t_id="4">5</token>
<token number="4" sentence="1" t_id="5">,</token>
<token number="5" sentence="1" t_id="6">2009</token>
<token number="6" sentence="2" t_id="7">The</token>
<token number="7" sentence="2" t_id="8">plant</token>
<token number="8" sentence="2" t_id="9">closed</token>
<token number="9" sentence="2" t_id="10">on</token>
<token number="10" sentence="2" t_id="11">Monday</token>
<token number="11" sentence="2" t_id="12">.</token>
<token number="12" sentence="9" t_id="13">Later</token>
<token number="13" sentence="9" t_id="14">today</token>
<Markables>
<TIMEX3 m_id="1" type="DATE" value="2009-03-05" functionInDocument="CREATION_TIME"><token_anchor t_id="3"/><token_anchor t_id="4"/><token_anchor t_id="5"/><token_anchor t_id="6"/></TIMEX3>
<TIMEX3 m_id="2" type="DATE" value="2009-03-02" functionInDocument="NONE"><token_anchor t_id="11"/></TIMEX3>
</Markables>
</Document>
"#;

#[test]
fn meantime_scorer_reads_tokens_and_skips_unannotated_sentences() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("7.xml"), MEANTIME).unwrap();
    // The same document in a second folder counts once.
    std::fs::create_dir(dir.path().join("copy")).unwrap();
    std::fs::write(dir.path().join("copy/7.xml"), MEANTIME).unwrap();
    let r = eval_meantime(dir.path()).unwrap();
    // "today" in sentence 9 lies after the annotated part and is not scored.
    assert!(r.contains("documents 1  gold 2  system 2"), "{r}");
    assert!(r.contains("value    accuracy 1.0000  F1 1.0000"), "{r}");
}

proptest::proptest! {
    /// Any input, with or without an anchor, tags without panicking and
    /// returns ranges on character boundaries, in order, without overlap.
    #[test]
    fn never_panics_and_ranges_are_sound(
        text in "(\\PC|[0-9 ./:,'-]|Jan|May|March|Friday|last|year|ago|the|third|quarter|1990s|Q3|a\\.m\\.|EST|Good|Black|Easter|Memorial|Day|Fourth|of|July|Monday|Thanksgiving){0,40}",
        y in -9999i16..=9999,
    ) {
        let a = Anchor::from_ymd(y, 12, 31);
        for anchor in [a.as_ref(), None] {
            let found = DateTagger::new(DatesOptions::default()).tag(&text, anchor);
            let mut last = 0;
            for t in &found {
                proptest::prop_assert!(t.range.start >= last && t.range.start < t.range.end);
                proptest::prop_assert!(text.is_char_boundary(t.range.start));
                proptest::prop_assert!(text.is_char_boundary(t.range.end));
                last = t.range.end;
            }
        }
    }
}

#[test]
fn modal_could_looks_ahead_for_months() {
    // A standfirst with a modal and no other verb but a passive in the
    // "unless" clause: the strike may run into the coming April.
    let a = Anchor::parse("2024-03-14").unwrap();
    let got = tag_with(
        "Union leaders say the walkout could last into April unless wages are raised",
        DatesOptions::default(),
        Some(&a),
    );
    assert_eq!(got, vec![("April".to_string(), "2024-04".to_string())]);
    // "could not" is the past.
    let got = tag_with(
        "The plant could not reopen in December after the flood.",
        DatesOptions::default(),
        Some(&a),
    );
    assert_eq!(got, vec![("December".to_string(), "2023-12".to_string())]);
    // The past modal with a weekday stays in the past.
    has(
        "The minister could not be reached Monday for comment.",
        "Monday",
        "2019-02-18",
    );
}

#[test]
fn past_perfect_and_noun_plans_are_not_future() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The offer had been scheduled to expire at midnight Friday.",
        "midnight Friday",
        "2019-02-15T24:00",
    );
    has(
        "The tender had been due to close Friday, the company said.",
        "Friday",
        "2019-02-15",
    );
    has(
        "The bank announced the plan Jan. 21.",
        "Jan. 21",
        "2019-01-21",
    );
    has(
        "Trading in the shares is to resume Thursday in Paris.",
        "Thursday",
        "2019-02-21",
    );
}

#[test]
fn weekday_evening_carries_the_part_of_day() {
    let t = full("Protesters gathered Sunday evening outside the court.");
    let m = t.iter().find(|x| x.value == "2019-02-17TEV").unwrap();
    assert_eq!(m.kind, TimexType::Time);
    // Night and morning stay the day's date.
    has(
        "The storm hit the coast Sunday night.",
        "Sunday night",
        "2019-02-17",
    );
    has(
        "The polls opened Monday morning.",
        "Monday morning",
        "2019-02-18",
    );
}

#[test]
fn more_direction_cues() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The lenders extended credit lines through November.",
        "November",
        "2018-11",
    );
    has(
        "The lenders extended credit lines through April.",
        "April",
        "2019-04",
    );
    has(
        "The council agreed to sell the depot in June.",
        "June",
        "2019-06",
    );
    has(
        "The dam failed last Oct. 23 after heavy rain.",
        "Oct. 23",
        "2018-10-23",
    );
    has(
        "The city gave the tenants until 9 a.m. Thursday to leave.",
        "9 a.m. Thursday",
        "2019-02-21T09:00",
    );
    // Inside a quotation, the reporting verb after it does not decide.
    has(
        "\"The crews will start at dawn (6 a.m. Friday),\" the mayor said.",
        "6 a.m. Friday",
        "2019-02-22T06:00",
    );
    has("The deal should close by year's end.", "year's end", "2019");
    has(
        "Rates fell in the first nine months of the year.",
        "the year",
        "2019",
    );
    has(
        "The fund may raise more money at a later date.",
        "a later date",
        "FUTURE_REF",
    );
}

#[test]
fn the_day_is_the_day_last_named() {
    // Anchor Tuesday 2019-02-19; the story is about Monday.
    has(
        "Shares slid on Monday. The index lost 2% to end the day at 7,100.",
        "the day",
        "2019-02-18",
    );
    has(
        "Markets rose on Friday, although a report released on the same day showed job losses.",
        "the same day",
        "2019-02-15",
    );
    // Without a named day, the anchor's.
    has(
        "The index lost 2% to end the day at 7,100.",
        "the day",
        "2019-02-19",
    );
}

#[test]
fn the_reported_quarter_is_the_named_one() {
    // A fiscal first quarter reported in October.
    let a = Anchor::parse("1999-10-20").unwrap();
    let got = tag_with(
        "The maker said fiscal first-quarter profit rose 20%. Sales in the quarter rose to $5 million from $4 million a year earlier.",
        DatesOptions::default(),
        Some(&a),
    );
    assert!(
        got.contains(&("the quarter".to_string(), "1999-Q1".to_string())),
        "{got:?}"
    );
    assert!(
        got.contains(&("a year earlier".to_string(), "1998-Q1".to_string())),
        "{got:?}"
    );
}

#[test]
fn a_quarter_named_in_the_sentence_is_the_compared_one() {
    // The text reports a fiscal first quarter, but this sentence is about
    // another company's third quarter.
    let a = Anchor::parse("1999-10-20").unwrap();
    let got = tag_with(
        "The maker said fiscal first-quarter profit rose 20%. Separately, a rival reported third-quarter net of $5 million, up from $4 million a year earlier.",
        DatesOptions::default(),
        Some(&a),
    );
    assert!(
        got.contains(&("a year earlier".to_string(), "1998-Q3".to_string())),
        "{got:?}"
    );
}

#[test]
fn the_quarter_ended_a_month_is_the_calendar_quarter() {
    let a = Anchor::parse("1999-10-20").unwrap();
    for (text, want) in [
        (
            "In the quarter ended July 31, the shop sold 300 boats.",
            "1999-Q2",
        ),
        ("For the quarter ended Sept. 30, net rose 5%.", "1999-Q3"),
        ("For the quarter ended Jan. 31, net rose 5%.", "1998-Q4"),
    ] {
        let got = tag_with(text, DatesOptions::default(), Some(&a));
        assert!(
            got.contains(&("the quarter".to_string(), want.to_string())),
            "{text}: {got:?}"
        );
    }
}

#[test]
fn current_before_a_noun_is_the_present() {
    has(
        "Analysts blamed current market conditions.",
        "current",
        "PRESENT_REF",
    );
    has(
        "Fares rose from the current four flights a week.",
        "current",
        "PRESENT_REF",
    );
    has(
        "Profit in the current quarter fell.",
        "the current quarter",
        "2019-Q1",
    );
    has(
        "The then current chairman resigned.",
        "then current",
        "PAST_REF",
    );
    has(
        "The then-current chairman resigned.",
        "then-current",
        "PAST_REF",
    );
    none("The swimmer fought a strong current.");
    none("The current account deficit widened.");
    none("The Current Affairs desk called.");
}

#[test]
fn recently_inside_a_passive_is_not_tagged() {
    has("Prices have recently risen.", "recently", "PAST_REF");
    has("She recently moved to Ohio.", "recently", "PAST_REF");
    none("The search was recently widened to Canada.");
    none("The rule is recently adopted.");
    none("Most recently, the firm cut jobs.");
}

#[test]
fn that_year_is_the_year_last_named() {
    has(
        "The firm sold $3 million of boats in 2011, a small share of the market that year.",
        "that year",
        "2011",
    );
    has(
        "She moved to Lisbon in June 2012 and returned later that year.",
        "later that year",
        "2012",
    );
    has(
        "The fire broke out on March 3, 2015. Earlier that day, a guard saw smoke.",
        "Earlier that day",
        "2015-03-03",
    );
    let got = tag("In 2011 he said that year-end sales rose.");
    assert!(!got.iter().any(|(e, _)| e.starts_with("that")), "{got:?}");
    // Nothing named: not an expression.
    none("They never spoke of that year again.");
    // "that day" alone is not tagged (TimeBank).
    let got = tag("The storm hit on May 2, 2016, and that day the roads closed.");
    assert!(!got.iter().any(|(e, _)| e == "that day"), "{got:?}");
}

#[test]
fn following_and_previous_refer_to_the_story_time() {
    has(
        "He joined the army in March 2011, and the following year he was promoted.",
        "the following year",
        "2012",
    );
    has(
        "The bid came in March. The following month, the board rejected it.",
        "The following month",
        "2018-04",
    );
    has(
        "The bridge closed on Jan. 4, 2017. The next day, traffic jammed the city.",
        "The next day",
        "2017-01-05",
    );
    // Nothing named before: from the anchor.
    has("The following year was calm.", "The following year", "2020");
    has(
        "Officials said they were planning a march on Saturday.",
        "Saturday",
        "2019-02-23",
    );
}

#[test]
fn rates_and_averages_are_not_sets() {
    none("Revenue should rise 8% annually over the period.");
    none("Turnover was below the average daily volume.");
    has("The paper is published daily.", "daily", "P1D");
    // A bare clock time is on the day named before it in its sentence.
    has(
        "The fire started on Feb. 2 and crews arrived at 10 p.m. to work overnight.",
        "10 p.m.",
        "2019-02-02T22:00",
    );
}

#[test]
fn a_bare_time_takes_no_day_from_an_earlier_sentence() {
    // The weekday is a plan reported a sentence before, not the time's day.
    has(
        "She said the clinic would reopen on Thursday. The council disputed \
         that, saying every ward was staffed by 08:45.",
        "08:45",
        "2019-02-19T08:45",
    );
    has(
        "The fire started on Feb. 2. Crews arrived at 10 p.m. and worked overnight.",
        "10 p.m.",
        "2019-02-19T22:00",
    );
    // "that day" carries the earlier day into the time's own sentence.
    has(
        "The fire started on Feb. 2. Crews arrived that day at 10 p.m.",
        "10 p.m.",
        "2019-02-02T22:00",
    );
    // A live blog's entry heading is the day of publication.
    has(
        "Roads will reopen on Friday, officials said\n09:10 GMT - Snow is falling again.",
        "09:10 GMT",
        "2019-02-19T09:10Z",
    );
}

#[test]
fn the_same_period_after_a_month_is_that_month_a_year_before() {
    has(
        "Car sales rose 12% in January compared to the same period last year.",
        "the same period last year",
        "2018-01",
    );
}

#[test]
fn halves_spelled_as_quarters() {
    has(
        "Margins should recover in the first two quarters of 2020.",
        "the first two quarters of 2020",
        "2020-H1",
    );
    has(
        "Profit fell in the last half of 2018.",
        "the last half of 2018",
        "2018-H2",
    );
}

#[test]
fn nine_month_comparisons_are_by_year() {
    let a = Anchor::parse("1999-10-20").unwrap();
    let text = "Third-quarter net rose 5%. In the first nine months, net was $30 million, compared with $25 million a year earlier. Quarterly sales were $9 million, up from $8 million a year earlier.";
    let got = tag_with(text, DatesOptions::default(), Some(&a));
    let vals: Vec<&str> = got
        .iter()
        .filter(|(e, _)| e == "a year earlier")
        .map(|(_, v)| v.as_str())
        .collect();
    assert_eq!(vals, vec!["1998", "1998-Q3"], "{got:?}");
}

#[test]
fn generic_today_is_not_a_date() {
    none("The app is built for today's youth.");
    has("Read today's editions for more.", "today", "2019-02-19");
}

#[test]
fn part_of_day_then_deictic_day() {
    has(
        "In Tokyo at mid-afternoon yesterday, the yen was weaker.",
        "mid-afternoon yesterday",
        "2019-02-18TAF",
    );
}

#[test]
fn the_fiscal_year_ended_is_a_duration() {
    let t = full("In the fiscal year ended Jan. 31, sales were $9 million.");
    let f = t.iter().find(|x| x.value == "P1Y").unwrap();
    assert_eq!(f.kind, TimexType::Duration);
}

#[test]
fn until_with_the_past_perfect_is_past() {
    has(
        "Until Friday, the police had not named a suspect.",
        "Friday",
        "2019-02-15",
    );
    has("The office is closed until Friday.", "Friday", "2019-02-22");
}

#[test]
fn a_fraction_in_quarters_is_not_a_duration() {
    none("Nearly three quarters of its farms flooded.");
    none("Two quarters of all voters stayed home.");
    has(
        "Profit rose for three quarters in a row.",
        "three quarters",
        "P3Q",
    );
}

#[test]
fn past_tense_sentence_keeps_a_day_a_few_weeks_ahead() {
    // Anchor 2019-02-19: 25 March is 34 days ahead, 25 January 25 days back.
    has(
        "The committee subpoenaed her to testify before the panel on March 25.",
        "March 25",
        "2019-03-25",
    );
    has(
        "The committee subpoenaed her and she testified on Jan. 25.",
        "Jan. 25",
        "2019-01-25",
    );
    // Three months ahead in a past-tense sentence is last year's.
    has("The plant closed on May 20.", "May 20", "2018-05-20");
}

#[test]
fn named_weekdays_are_the_feast_not_the_anchor_week() {
    // Anchor 2019-02-19: Easter 2019 is April 21; Thanksgiving 2018 was
    // November 22.
    has(
        "Shops will open early on Good Friday.",
        "Good Friday",
        "2019-04-19",
    );
    has(
        "The march is planned for Easter Monday.",
        "Easter Monday",
        "2019-04-22",
    );
    has(
        "Sales fell on Black Friday, the chain said.",
        "Black Friday",
        "2018-11-23",
    );
    has(
        "Online orders peaked on Cyber Monday 2017.",
        "Cyber Monday 2017",
        "2017-11-27",
    );
    has(
        "Ash Wednesday falls early next month.",
        "Ash Wednesday",
        "2019-03-06",
    );
    // Named days this tagger cannot date are not days of this week, nor
    // are names that contain one.
    none("Markets still remember Black Monday.");
    none("Brexit threatens the Good Friday Agreement, the minister said.");
    // A surname before a weekday: the weekday keeps its meaning.
    has(
        "Rep. Diane Black Tuesday announced her bid.",
        "Tuesday",
        "2019-02-19",
    );
    none("Candidates campaigned hard before Super Tuesday.");
    none("The office hired a new Girl Friday.");
    // A plain weekday after a capitalised name is still a weekday.
    has(
        "Officials met President Trump Tuesday.",
        "Tuesday",
        "2019-02-19",
    );
}

#[test]
fn named_weekdays_without_an_anchor_keep_unknown_parts() {
    let got = tag_with(
        "Stores slashed prices for Black Friday and Good Friday.",
        DatesOptions::default(),
        None,
    );
    assert_eq!(
        got,
        vec![
            ("Black Friday".to_string(), "XXXX-11-XX".to_string()),
            ("Good Friday".to_string(), "XXXX-XX-XX".to_string()),
        ]
    );
    // Cyber Monday can fall in December.
    let got = tag_with(
        "Orders peaked on Cyber Monday.",
        DatesOptions::default(),
        None,
    );
    assert_eq!(
        got,
        vec![("Cyber Monday".to_string(), "XXXX-XX-XX".to_string())]
    );
}

#[test]
fn holidays_in_an_untensed_sentence_take_the_nearest_year() {
    // The anchor matters here: in December, Boxing Day is this year's; in
    // November, Black Friday is this year's even without a tense.
    let on = |text: &str, anchor: &str| {
        tag_with(
            text,
            DatesOptions::default(),
            Some(&Anchor::parse(anchor).unwrap()),
        )
    };
    assert_eq!(
        on("Shops are ready for Boxing Day.", "2019-12-10"),
        vec![("Boxing Day".to_string(), "2019-12-26".to_string())]
    );
    assert_eq!(
        on("Retailers are bracing for Black Friday.", "2019-11-20"),
        vec![("Black Friday".to_string(), "2019-11-29".to_string())]
    );
    assert_eq!(
        on("Traffic is heavy around Memorial Day.", "2019-05-20"),
        vec![("Memorial Day".to_string(), "2019-05-27".to_string())]
    );
}

#[test]
fn holidays_named_by_day_follow_their_rule() {
    // Anchor 2019-02-19 (a Tuesday).
    has(
        "Parades are planned for Memorial Day.",
        "Memorial Day",
        "2019-05-27",
    );
    has(
        "The strike began after Labor Day, the union said.",
        "Labor Day",
        "2018-09-03",
    );
    has(
        "Florists were busy on Valentine's Day.",
        "Valentine's Day",
        "2019-02-14",
    );
    has(
        "Offices closed for Presidents' Day.",
        "Presidents' Day",
        "2019-02-18",
    );
    has(
        "Fireworks will light the sky on the Fourth of July.",
        "the Fourth of July",
        "2019-07-04",
    );
    has(
        "Turkey prices rose before Thanksgiving 2017.",
        "Thanksgiving 2017",
        "2017-11-23",
    );
    // Not holidays: a lowercase "day" or "fourth", "Labour Day" (May 1 in
    // most of the world, September in Canada).
    none("Each Labor day was long.");
    has(
        "Sales rose in the fourth of July's week.",
        "July",
        "2018-07",
    );
    none("Workers marched on Labour Day in the capital.");
}

#[test]
fn months_after_between_before_and_after() {
    // Anchor 2019-02-19.
    // Past tense in February: last year's spring.
    has(
        "Prices were flat between March and May.",
        "March",
        "2018-03",
    );
    has(
        "Sales slowed after March, the firm said.",
        "March",
        "2018-03",
    );
    // "after May" is as often the politician: not a month there.
    none("Talks resumed after May resigned.");
}

#[test]
fn a_weekday_takes_the_tense_of_its_own_clause() {
    // Anchor 2019-02-19 (a Tuesday): the coming Monday, although the verb
    // after "after" is past.
    has(
        "Dockworkers will return to work on Monday after members voted to accept the offer.",
        "Monday",
        "2019-02-25",
    );
    has(
        "Dockworkers returned to work on Monday after members voted to accept the offer.",
        "Monday",
        "2019-02-18",
    );
    // A fronted weekday whose clause holds no tense: the sentence's.
    has(
        "On Monday, after the vote, the minister will resign.",
        "Monday",
        "2019-02-25",
    );
    has(
        "On Friday, though, the union will hold a vote.",
        "Friday",
        "2019-02-22",
    );
}

#[test]
fn a_time_takes_its_day_from_a_parenthetical() {
    // Anchor 2019-02-19 (a Tuesday).
    has(
        "The quake struck at 9:50 a.m. (0150 GMT) Sunday, cutting power to the port.",
        "9:50 a.m.",
        "2019-02-17T09:50",
    );
    has(
        "The quake struck at 9:50 a.m. (0150 GMT) Sunday, cutting power to the port.",
        "0150 GMT",
        "2019-02-17T01:50Z",
    );
    has(
        "The convoy will set off at 5 in the morning (5 a.m. EST Thursday) from the border post.",
        "5 in the morning",
        "2019-02-21T05:00",
    );
    // No day in or after the parenthesis: the story's day, as before.
    has(
        "The ferry left at 7:15 p.m. (1915 local time) with 40 passengers.",
        "7:15 p.m.",
        "2019-02-19T19:15",
    );
}

#[test]
fn an_hour_with_its_part_of_day_is_a_time() {
    has(
        "Polling stations stay open until 10 at night.",
        "10 at night",
        "2019-02-19T22:00",
    );
    has(
        "The strike begins at 6 in the morning.",
        "6 in the morning",
        "2019-02-19T06:00",
    );
    has(
        "Crews worked from 3 in the afternoon.",
        "3 in the afternoon",
        "2019-02-19T15:00",
    );
    // A count before "in the morning" is not an hour.
    none("The index lost 4 in the morning session.");
    none("Shares fell to 4 in the morning trading.");
    none("The team won by 3 in the evening game.");
    none("Up to 40 were hurt, about 5 in the evening crowd.");
}

#[test]
fn the_week_of_a_day_is_its_iso_week() {
    has(
        "A hearing on the appeal is expected the week of March 4.",
        "the week of March 4",
        "2019-W10",
    );
    has(
        "The summit took place the week of 12 November 2018.",
        "the week of 12 November 2018",
        "2018-W46",
    );
    // Not a day: no week of it.
    none("The week of the vote was calm.");
}

#[test]
fn a_year_after_pre_or_post_is_the_year() {
    has("The post-1990 reforms cut tariffs.", "post-1990", "1990");
    has("Output is back at pre-2008 levels.", "pre-2008", "2008");
    let t = full("Output is back at pre-2008 levels.");
    assert_eq!(t[0].modifier.as_deref(), Some("BEFORE"));
}

#[test]
fn spelled_out_thousands_of_years_are_a_duration() {
    has(
        "The monastery has stood for more than two thousand years.",
        "more than two thousand years",
        "P2000Y",
    );
    has(
        "In the year two thousand, the bridge opened.",
        "the year two thousand",
        "2000",
    );
    none("Two thousand people marched to the square.");
}

#[test]
fn the_next_morning_is_the_day_after_the_story_day() {
    has(
        "The ferry sank on Feb. 12 and divers reached the wreck the next morning.",
        "the next morning",
        "2019-02-13",
    );
    // No day named nearby: the day after the anchor.
    has(
        "Negotiators will meet again the following morning.",
        "the following morning",
        "2019-02-20",
    );
}

#[test]
fn the_weeks_ahead_are_the_coming_weeks() {
    has(
        "Shippers expect more delays in the weeks ahead.",
        "the weeks ahead",
        "PXW",
    );
    has(
        "The months ahead will test the coalition.",
        "The months ahead",
        "PXM",
    );
    none("The runner stayed two steps ahead.");
}

#[test]
fn holy_week_is_the_week_ending_on_easter() {
    // Easter 2019 is April 21 (ISO week 16); anchored in February, the
    // coming one.
    has(
        "Pilgrims will fill the old town during Holy Week.",
        "Holy Week",
        "2019-W16",
    );
    has(
        "Holy Week 2020 was held without crowds.",
        "Holy Week 2020",
        "2020-W15",
    );
    // The week before Easter to some, the week after to others.
    let got = tag("The rising began in Easter week.");
    assert!(got.iter().all(|(e, _)| !e.contains("week")), "{got:?}");
}

#[test]
fn today_in_a_title_is_not_the_day() {
    none("The poll was first published by USA Today and later corrected.");
    has(
        "Today the court ruled on the appeal.",
        "Today",
        "2019-02-19",
    );
    has(
        "Officials said, Today is a turning point.",
        "Today",
        "2019-02-19",
    );
}

#[test]
fn a_title_before_a_name_does_not_end_the_sentence() {
    // Split at "Sen." the weekday's sentence would have no tense.
    has(
        "On Friday, Sen. Ames will unveil the bill.",
        "Friday",
        "2019-02-22",
    );
    has(
        "On Thursday, the Smith vs. Jones appeal will be heard.",
        "Thursday",
        "2019-02-21",
    );
}

#[test]
fn a_fronted_date_takes_the_tense_of_its_main_clause() {
    // The verb is too far right for the nearby window.
    has(
        "In March, two weeks after the floods that swept through the northern valleys and the coastal towns, the regional council approved a relief fund.",
        "March",
        "2018-03",
    );
    has(
        "In March, two weeks after the floods that swept through the northern valleys and the coastal towns, the regional council will approve a relief fund.",
        "March",
        "2019-03",
    );
}

#[test]
fn within_weeks_is_an_unspecified_duration() {
    has("Repairs should be finished within weeks.", "weeks", "PXW");
    has("The firm expects a ruling within months.", "months", "PXM");
}

#[test]
fn this_quarter_with_stated_results_is_the_reported_quarter() {
    has(
        "The retailer reported a fourth-quarter loss. This quarter's loss includes the cost of store closures.",
        "This quarter",
        "2018-Q4",
    );
    has(
        "The retailer reported a fourth-quarter loss. This quarter's results will show the cost of store closures.",
        "This quarter",
        "2019-Q1",
    );
}

#[test]
fn a_day_never_joins_a_time_across_a_line_break() {
    // Live blog: the day ends one paragraph, the next is headed by a time.
    let text = "Crews will keep working through Friday\n\n08:15 GMT - The bridge reopened.";
    let got = tag(text);
    assert!(
        got.iter().any(|(e, _)| e == "Friday") && got.iter().any(|(e, _)| e == "08:15 GMT"),
        "{got:?}"
    );
    assert!(!got.iter().any(|(e, _)| e.contains('\n')), "{got:?}");
    // The time first, the day on the next line.
    let text = "Last update 08:15 GMT\nFriday will be dry in the north.";
    let got = tag(text);
    assert!(got.iter().any(|(e, _)| e == "08:15 GMT"), "{got:?}");
    // On one line they still join.
    has(
        "The bridge reopened on Friday at 08:15 GMT.",
        "Friday at 08:15 GMT",
        "2019-02-15T08:15Z",
    );
}

#[test]
fn months_and_seasons_take_the_tense_of_their_own_clause() {
    let a = Anchor::parse("2025-03-11").unwrap();
    let got = |text: &str| tag_with(text, DatesOptions::default(), Some(&a));
    // A past verb after "but" is another clause's.
    let t = got(
        "The minister said she would open the inquiry in May but admitted the budget was thin.",
    );
    assert!(t.contains(&("May".into(), "2025-05".into())), "{t:?}");
    // A participle after a comma has no tense: the plan's future holds.
    let t = got(
        "The club said it planned a tribute match next month, followed by a fundraiser in the autumn.",
    );
    assert!(
        t.contains(&("the autumn".into(), "2025-FA".into())),
        "{t:?}"
    );
    // Without another clause the past still wins.
    let t = got("The inquiry opened in May and heard from the families.");
    assert!(t.contains(&("May".into(), "2024-05".into())), "{t:?}");
    // The same cut for weekdays: "but" ends the weekday's clause.
    let t = got("The union said it would strike on Friday but conceded talks had stalled.");
    assert!(t.contains(&("Friday".into(), "2025-03-14".into())), "{t:?}");
}

#[test]
fn a_participle_after_a_modal_and_a_linking_verb_is_future() {
    // Anchor Tuesday 2019-02-19: "will stay closed" is not a past "closed".
    has(
        "The ferry terminal will stay closed on Thursday morning.",
        "Thursday morning",
        "2019-02-21",
    );
    has(
        "Officials said the market would remain shut on Friday.",
        "Friday",
        "2019-02-22",
    );
    // A past participle on its own still reads as past.
    has(
        "The ferry terminal closed on Thursday morning.",
        "Thursday morning",
        "2019-02-14",
    );
}

#[test]
fn fractions_of_a_unit_are_durations_in_the_smaller_unit() {
    has(
        "The crowd cleared within a quarter of an hour.",
        "a quarter of an hour",
        "PT15M",
    );
    has(
        "Voting was halted for half an hour.",
        "half an hour",
        "PT30M",
    );
    has(
        "The drill lasted three quarters of an hour.",
        "three quarters of an hour",
        "PT45M",
    );
    has(
        "The talks broke off after a half-hour.",
        "a half-hour",
        "PT30M",
    );
    has("The line stretched for half a day.", "half a day", "PT12H");
    has("The ban held for half a century.", "half a century", "P50Y");
    let t = full("The meeting ran about half an hour.");
    assert_eq!(t.len(), 1, "{t:?}");
    assert_eq!(
        (t[0].value.as_str(), t[0].modifier.as_deref()),
        ("PT30M", Some("APPROX"))
    );
    // Fractions of other things are not times.
    none("A quarter of a million people signed the petition.");
    none("Three quarters of its members voted in favour.");
}

#[test]
fn a_fifteen_minute_city_is_no_duration() {
    none("The mayor campaigned for a fifteen-minute city.");
    none("Planners sketched 20-minute neighbourhoods across the region.");
    has(
        "The station is a 15-minute walk away.",
        "15-minute",
        "PT15M",
    );
    // The buzzword quoted as a word.
    none("The old slogan was \"smart\" and the new one is \"fifteen-minute\".");
    none("The new slogan is 'fifteen-minute'.");
    has("They signed a \"two-year\" deal.", "two-year", "P2Y");
}

#[test]
fn n_units_later_count_from_the_point_named_before() {
    has(
        "The ferry sank on March 3, 2015. Four days later divers found the hull.",
        "Four days later",
        "2015-03-07",
    );
    has(
        "The mill was built in 1962. Three years later it burned down.",
        "Three years later",
        "1965",
    );
    // Decades "later" stay durations, as TBAQ tags "N units later".
    has(
        "The mill was built in 1962. Two decades later it burned down.",
        "Two decades",
        "P20Y",
    );
    // A comparison is a delay.
    has(
        "The line will open two years later than planned.",
        "two years",
        "P2Y",
    );
}

#[test]
fn until_at_least_looks_forward() {
    // Anchor Tuesday 2019-02-19; the past verb is the suspension's.
    has(
        "The operator has suspended all sailings until at least Thursday morning.",
        "Thursday morning",
        "2019-02-21",
    );
    has(
        "The airline has grounded its fleet until at least November.",
        "November",
        "2019-11",
    );
    has(
        "Until Thursday, investigators had not named him.",
        "Thursday",
        "2019-02-14",
    );
}

#[test]
fn an_attribution_after_a_comma_does_not_date_a_weekday() {
    // Anchor Tuesday 2019-02-19.
    has(
        "Nurses will walk out of the city hospitals on Thursday, the union reported.",
        "Thursday",
        "2019-02-21",
    );
    has(
        "The depot closed on Thursday, the union reported.",
        "Thursday",
        "2019-02-14",
    );
    // Right after the weekday, the saying is what it dates.
    has(
        "The union reported Thursday that nurses will walk out.",
        "Thursday",
        "2019-02-14",
    );
    // A fronted day dates the saying, whatever the reported clause's tense.
    has(
        "On Thursday, the union said its members would walk out.",
        "Thursday",
        "2019-02-14",
    );
    has(
        "In January, the union said its members would walk out.",
        "January",
        "2019-01",
    );
    // The same for months: the tail attribution is not the clause's tense.
    has(
        "Nurses will walk out of the city hospitals in April, the union said.",
        "April",
        "2019-04",
    );
}

#[test]
fn may_day_is_the_first_of_may() {
    has(
        "Organisers of the May Day march said turnout had doubled.",
        "May Day",
        "2018-05-01",
    );
    has("Unions plan a rally on May Day.", "May Day", "2019-05-01");
    none("Theresa May said she would stay.");
}

#[test]
fn as_early_as_march_is_the_month() {
    has(
        "The central bank will lower rates as early as March.",
        "March",
        "2019-03",
    );
    has("The plant could reopen as soon as May.", "May", "2019-05");
    none("They march as early as they can.");
}

#[test]
fn a_base_form_after_could_is_no_past_verb() {
    // "cut" and "hit" look like pasts; after "could"/"might" they are not.
    has(
        "The central bank could cut rates in March.",
        "March",
        "2019-03",
    );
    has(
        "The storm might hit the coast in March.",
        "March",
        "2019-03",
    );
    has("The bank could not cut rates in March.", "March", "2018-03");
}

#[test]
fn a_british_dotted_clock_time_is_a_time() {
    has(
        "The first train left at 6.15am and the last at 11.40 pm on Monday.",
        "6.15am",
        "2019-02-19T06:15",
    );
    has(
        "The first train left at 6.15am and the last at 11.40 pm on Monday.",
        "11.40 pm on Monday",
        "2019-02-18T23:40",
    );
    // Without am/pm the number is a decimal.
    none("The index fell 6.15 in early trade to 11.40 points.");
}

#[test]
fn us_zones_without_daylight_take_the_days_offset() {
    let a = Anchor::parse("2026-10-17").unwrap();
    let got = tag_with(
        "The storm will reach Maine by 3pm ET on Sunday and Ohio by 9 p.m. CT on Dec. 2.",
        DatesOptions::default(),
        Some(&a),
    );
    assert!(
        got.contains(&("3pm ET on Sunday".into(), "2026-10-18T15:00-04:00".into())),
        "{got:?}"
    );
    assert!(
        got.contains(&(
            "9 p.m. CT on Dec. 2".into(),
            "2026-12-02T21:00-06:00".into()
        )),
        "{got:?}"
    );
}

#[test]
fn fy_years_are_fiscal_years() {
    let text = "Sales for Q2 FY2019 beat forecasts, and FY20 guidance rose. \
                The FY 2018 loss and FY'17 were worse; FY21 Q1 begins in May.";
    has(text, "Q2 FY2019", "2019-Q2");
    has(text, "FY20", "2020");
    has(text, "FY 2018", "2018");
    has(text, "FY'17", "2017");
    has(text, "FY21 Q1", "2021-Q1");
    none("The FY figure was lower, FYI.");
}

#[test]
fn a_quarter_named_q4_is_the_reported_quarter() {
    // Anchor 2019-02-19: the reported Q4 is 2018's.
    let text = "Lumen Foods posts record Q4 sales\n\n\
                Lumen Foods said on Monday that sales rose 9% from the same quarter a year earlier. \
                It will report first-quarter results in May.";
    has(text, "the same quarter a year earlier", "2017-Q4");
    // A quarter of another year is not the reported one.
    let text = "Lumen Foods revisits Q3 2016\n\n\
                Lumen Foods said on Monday that sales rose 9% from the same quarter a year earlier.";
    has(text, "the same quarter a year earlier", "2017-Q4");
}

#[test]
fn record_before_a_date_is_an_adjective_unless_of_record() {
    // Anchor 2019-02-19.
    has(
        "The brewer posted record fourth-quarter profit.",
        "fourth-quarter",
        "2018-Q4",
    );
    has("Exports hit a record December high.", "December", "2018-12");
    has(
        "The dividend goes to holders of record March 1.",
        "March 1",
        "2019-03-01",
    );
}

#[test]
fn a_fortnight_is_two_weeks() {
    let text = "The ferry will run a reduced timetable for the next fortnight. \
                Its sister ship broke down a fortnight ago, and repairs take two fortnights. \
                Crossings are normally fortnightly in winter.";
    has(text, "the next fortnight", "P2W");
    has(text, "a fortnight ago", "2019-02-05");
    has(text, "two fortnights", "P4W");
    has(text, "fortnightly", "P2W");
}

#[test]
fn on_the_third_is_a_day_of_the_month() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The trustees met on the 4th to approve the accounts.",
        "the 4th",
        "2019-02-04",
    );
    has(
        "The trustees met on the 25th, a day late.",
        "the 25th",
        "2019-01-25",
    );
    has("Rents are due by the 1st.", "the 1st", "2019-03-01");
    none("The trustees meet on the 4th floor.");
}

#[test]
fn week_commencing_a_day_is_its_iso_week() {
    let text = "Lane closures start in the week commencing 4 March. \
                Night works follow w/c 11 March.";
    has(text, "the week commencing 4 March", "2019-W10");
    has(text, "w/c 11 March", "2019-W11");
}

#[test]
fn the_turn_of_the_century_is_about_its_year() {
    let t = full("By the turn of the century the docks had gone; at the turn of the 19th century they were new.");
    let v: Vec<(&str, Option<&str>)> = t
        .iter()
        .map(|x| (x.value.as_str(), x.modifier.as_deref()))
        .collect();
    assert_eq!(v, vec![("2000", Some("APPROX")), ("1800", Some("APPROX"))]);
}

#[test]
fn the_new_year_is_the_coming_year_late_in_the_year() {
    let a = Anchor::parse("2018-11-20").unwrap();
    let got = tag_with(
        "The report will be published in the new year.",
        DatesOptions::default(),
        Some(&a),
    );
    assert_eq!(got, vec![("the new year".to_string(), "2019".to_string())]);
    // In February it is the year under way.
    has("Sales slowed in the new year.", "the new year", "2019");
    none("Crowds gathered for the Chinese New Year parade.");
}

#[test]
fn a_half_or_quarter_in_a_match_report_is_the_games() {
    let report = "Harbour Town 2 Millbrook 1\n\n\
                  Town trailed at halftime after a first-half header from Millbrook's striker. \
                  In the second half, Town levelled from the penalty spot. \
                  The referee added six minutes of stoppage time.";
    let got = tag(report);
    assert!(!got.iter().any(|(e, _)| e.contains("half")), "{got:?}");
    // Business news keeps its halves and quarters, even with "goals".
    has(
        "The brewer expects to meet its sales goals in the first half, its goal since 2017.",
        "the first half",
        "2019-H1",
    );
}

#[test]
fn n_weeks_from_a_weekday_is_a_day() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The appeal will be heard two weeks from Thursday.",
        "two weeks from Thursday",
        "2019-03-07",
    );
    has(
        "Voting closes a week from today.",
        "a week from today",
        "2019-02-26",
    );
    // A span that starts on the day stays a duration and a day.
    has("The fair runs ten days from Friday.", "ten days", "P10D");
}

#[test]
fn year_to_date_is_the_year_under_way() {
    let text = "The fund is down 4% year to date. Year-to-date inflows \
                and returns for the year to date were the weakest since 2011.";
    has(text, "year to date", "2019");
    has(text, "Year-to-date", "2019");
    has(text, "the year to date", "2019");
}

#[test]
fn the_low_thirties_are_a_reading_not_a_decade() {
    none("Highs will stay in the low 30s, with lows in the upper 60s.");
    none("The stock traded in the high 90s.");
    has("Prices fell in the 60s.", "the 60s", "196");
}

#[test]
fn forecast_likely_due_to_look_ahead() {
    // Anchor Tuesday 2019-02-19.
    has(
        "Temperatures are forecast to reach 20C on Saturday.",
        "Saturday",
        "2019-02-23",
    );
    has(
        "The new bridge is likely to open to traffic on Saturday.",
        "Saturday",
        "2019-02-23",
    );
    has(
        "Temperatures are projected to reach 20C in April.",
        "April",
        "2019-04",
    );
    // "due to" + a noun is a cause; "had been due to" is past.
    has(
        "The final was abandoned on Saturday due to the storm.",
        "Saturday",
        "2019-02-16",
    );
    has(
        "The offer had been due to expire on Saturday evening.",
        "Saturday evening",
        "2019-02-16TEV",
    );
}

#[test]
fn an_attribution_with_its_own_day_closes_the_sentence() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The new bridge is set to open to traffic on Saturday, officials said on Monday.",
        "Saturday",
        "2019-02-23",
    );
    has(
        "Nurses will walk out of the city hospitals on Friday, the union said in a statement.",
        "Friday",
        "2019-02-22",
    );
    has(
        "On Friday, officials said in a statement that the plant would close.",
        "Friday",
        "2019-02-15",
    );
}

#[test]
fn a_sunday_newspaper_is_no_day() {
    none("She wrote for the Sunday Times and later the Mail on Sunday.");
    has("On Sunday Times Square was empty.", "Sunday", "2019-02-17");
}

#[test]
fn a_year_after_a_determiner_before_a_plural_is_the_year() {
    has(
        "In the 2014 floods, warnings came a day ahead.",
        "2014",
        "2014",
    );
    has("Its 2017 accounts were filed late.", "2017", "2017");
    none("She won the 2000 metres in a record time.");
    none("Some 2000 people marched.");
}

#[test]
fn n_units_earlier_count_from_a_point_named_before_in_the_sentence() {
    // Anchor 2019-02-19.
    has(
        "Exports rose 3% in December from a month earlier.",
        "a month earlier",
        "2018-11",
    );
    has(
        "Output fell in 2017 from two years earlier.",
        "two years earlier",
        "2015",
    );
    // No point named before it in its sentence: from the anchor.
    has(
        "Exports were 3% higher a month earlier.",
        "a month earlier",
        "2019-01",
    );
}

#[test]
fn starting_friday_is_a_schedule() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The mayor declared three days of mourning starting Friday.",
        "Friday",
        "2019-02-22",
    );
    has(
        "The operator announced new fares beginning in March.",
        "March",
        "2019-03",
    );
    // Opening its sentence, it takes the sentence's tense.
    has(
        "Starting Friday, the bridge was closed to lorries.",
        "Friday",
        "2019-02-15",
    );
}

#[test]
fn british_and_irish_named_days() {
    // Anchor 2019-02-19.
    let text = "Pubs expect crowds on St Patrick's Day. Sales fell after Bonfire Night \
                and Hogmanay. Florists will open on Mothering Sunday.";
    has(text, "St Patrick's Day", "2019-03-17");
    has(text, "Bonfire Night", "2018-11-05");
    has(text, "Hogmanay", "2018-12-31");
    has(text, "Mothering Sunday", "2019-03-31");
    has(
        "Wreaths were laid on Remembrance Sunday.",
        "Remembrance Sunday",
        "2018-11-11",
    );
}

#[test]
fn a_clock_time_in_words_is_a_time() {
    let text = "The gates open at half past nine and close by a quarter to six.";
    has(text, "half past nine", "2019-02-19T09:30");
    has(text, "a quarter to six", "2019-02-19T05:45");
    has(
        "Kick-off is at twenty past 7 pm.",
        "twenty past 7 pm",
        "2019-02-19T19:20",
    );
    none("The rate rose from a quarter to one percent.");
    none("Members voted twenty to six against it.");
}

#[test]
fn a_range_of_years_gives_both_years() {
    let got = tag("She sat in parliament from 1997-2005, chaired the 2008-09 inquiry and set the 2012/13 budget.");
    let want: Vec<(String, String)> = [
        ("1997", "1997"),
        ("2005", "2005"),
        ("2008", "2008"),
        ("09", "2009"),
        ("2012", "2012"),
        ("13", "2013"),
    ]
    .iter()
    .map(|(a, b)| (a.to_string(), b.to_string()))
    .collect();
    assert_eq!(got, want);
    // Not a range: the second number is smaller, or part of a code.
    none("Case 1026-0014 was closed.");
}

#[test]
fn an_hour_before_tomorrow_morning_is_that_time() {
    // Anchor 2019-02-19.
    has(
        "Ferries will resume at 7 tomorrow morning.",
        "7 tomorrow morning",
        "2019-02-20T07:00",
    );
    has(
        "The count ends at 10 tonight.",
        "10 tonight",
        "2019-02-19T22:00",
    );
    has(
        "The launch is at 9 p.m. tomorrow night.",
        "9 p.m. tomorrow night",
        "2019-02-20T21:00",
    );
    // A part of day that describes a noun leaves the hour a number.
    has(
        "Shares changed hands at 2 this afternoon session.",
        "this afternoon",
        "2019-02-19TAF",
    );
}

#[test]
fn an_awaited_weekday_is_ahead() {
    // Anchor Tuesday 2019-02-19.
    has(
        "Stocks slipped ahead of Friday's jobs report.",
        "Friday",
        "2019-02-22",
    );
    has(
        "Traders are awaiting Thursday's rate decision.",
        "Thursday",
        "2019-02-21",
    );
    has("Friday's ruling was appealed.", "Friday", "2019-02-15");
}

#[test]
fn the_sept_11_attacks_are_of_2001() {
    has(
        "Airport checks changed after the Sept. 11 attacks.",
        "Sept. 11",
        "2001-09-11",
    );
    has(
        "Airport checks changed after the 11 September attacks.",
        "11 September",
        "2001-09-11",
    );
    has("The council met on Sept. 11.", "Sept. 11", "2018-09-11");
}

#[test]
fn a_schedule_reported_as_past_is_the_nearest() {
    // Anchor 2019-02-19.
    has(
        "A hearing set for December was postponed twice.",
        "December",
        "2018-12",
    );
    has("A hearing is set for December.", "December", "2019-12");
}

#[test]
fn the_second_year_of_a_pair_before_a_plural_is_a_year() {
    let text = "The recall covers some 2017 to 2019 models.";
    has(text, "2017", "2017");
    has(text, "2019", "2019");
    none("Crowds of 300 to 2000 people gathered.");
}

#[test]
fn the_following_week_counts_from_the_day_or_month_named() {
    // Anchor Tuesday 2019-02-19.
    has(
        "Talks resumed on Jan. 7 and collapsed the following week.",
        "the following week",
        "2019-W03",
    );
    // Only a month named: a week of that year, not the anchor's next week.
    has(
        "The fault was found in November, and staff were told the following week.",
        "the following week",
        "2018-WXX",
    );
}

#[test]
fn the_main_verb_after_a_relative_clause_does_not_date_it() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The council, which faces an election in the spring, said it would cut fees.",
        "the spring",
        "2019-SP",
    );
    has(
        "The union, which plans a strike on Friday, said talks had failed.",
        "Friday",
        "2019-02-22",
    );
    has(
        "The union, which held a strike on Friday, said talks had failed.",
        "Friday",
        "2019-02-15",
    );
}

#[test]
fn zones_of_asia_pacific_and_eastern_europe() {
    has(
        "Polls close at 8pm AEDT.",
        "8pm AEDT",
        "2019-02-19T20:00+11:00",
    );
    has(
        "The launch window opens at 0600 MSK.",
        "0600 MSK",
        "2019-02-19T06:00+03:00",
    );
    has(
        "Markets reopen at 9 a.m. JST.",
        "9 a.m. JST",
        "2019-02-19T09:00+09:00",
    );
}

#[test]
fn local_time_after_a_clock_time_is_part_of_it() {
    // Anchor Tuesday 2019-02-19.
    has(
        "The truce took effect at 0600 local time on Sunday.",
        "0600 local time on Sunday",
        "2019-02-17T06:00",
    );
    has(
        "The quake struck at 3:12 a.m. local time.",
        "3:12 a.m. local time",
        "2019-02-19T03:12",
    );
}

#[test]
fn an_fy_range_gives_both_years() {
    let text = "Profit for FY2017-18 doubled.";
    has(text, "FY2017", "2017");
    has(text, "18", "2018");
}
