//! Date lines of news articles, and the dates in their metadata.
//!
//! This crate decides one thing: whether a short piece of text is a date,
//! and which. Gleaner's ingest stage uses it to read `meta.published` from
//! the date line under a plain-text headline, and its normalize stage uses it
//! to recognise date lines that repeat `meta.published` so it can remove
//! them; one grammar means both stages agree on what a date line is.
//!
//! * [`parse_date_line`]: a line that is only a date ("Tuesday 19 February
//!   2019 09:19 EST") as RFC 3339 or `YYYY-MM-DD`.
//! * [`classify_part`]: one part of a byline or date line as a full date,
//!   date/time words without a full date, or not a date ([`DatePart`]).
//! * [`normalize_date`]: a date from HTML metadata or JSON (ISO 8601, RFC
//!   2822, or a date line) as RFC 3339 or `YYYY-MM-DD`.
//! * [`from_timestamp`]: a Unix timestamp as RFC 3339.
//!
//! The date-line grammar (`src/line.rs`) takes, in any
//! order: words that introduce a date ("Published", "Updated on", "at"), a
//! weekday, a month name or its abbreviation, a day ("19", "3rd"), a year, a
//! numeric date (`2019-02-19`, `19/02/2019`, `19.02.2019`; day and month are
//! told apart only when one is over 12 or both are equal), an ISO 8601 date
//! and time in one word (`2019-02-19T09:19:00-05:00`), a time (`09:19`,
//! `9.19`, `9:19pm`, `9 a.m.`), and a zone: an offset (`+01:00`, `GMT+2`,
//! `UTC-5`), an abbreviation with a known offset (`EST`, `CEST`, `IST`), a
//! US zone without S/D (`ET`, `PT`: daylight saving time decides), or other
//! capitals ending in `T` after a time (`SAST`: offset unknown). Any other
//! word makes the part not a date. A time without a known zone gives the day
//! only, since a time without an offset is not RFC 3339.
//!
//! Input is bounded before any work (lines over 160 bytes, parts over 120
//! bytes or 16 words are not dates), so every function takes constant time
//! on any input, and none panics.

mod line;
mod tables;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime};

/// Longest line, in bytes, that [`parse_date_line`] reads.
const MAX_LINE_BYTES: usize = 160;

/// Longest metadata value, in bytes, that [`normalize_date`] reads.
const MAX_VALUE_BYTES: usize = 200;

/// What one part of a byline or date line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DatePart {
    /// Every word belongs to a date line and together they make one valid
    /// date (the one [`parse_date_line`] gives for the part): its calendar
    /// day as written, in the line's own zone.
    Date {
        /// Year, e.g. 2019.
        year: i32,
        /// Month, 1 to 12.
        month: u32,
        /// Day of the month, 1 to 31.
        day: u32,
        /// The zone's offset in seconds east of UTC, when the part gave a
        /// time and a zone with a known offset ("09:19 EST": -18000).
        offset: Option<i32>,
    },
    /// Every word belongs to a date line but they make no valid date: only
    /// introducing words, a weekday, a time or a zone ("Updated 9:19 AM
    /// ET"), a month and year ("February 2019"), or an impossible date
    /// ("February 30, 2019"). An empty part is this too.
    Words,
    /// A word that no date line holds, or a part too long to be a date.
    NotDate,
}

impl DatePart {
    /// The (year, month, day) of a [`DatePart::Date`].
    pub fn ymd(self) -> Option<(i32, u32, u32)> {
        match self {
            DatePart::Date {
                year, month, day, ..
            } => Some((year, month, day)),
            DatePart::Words | DatePart::NotDate => None,
        }
    }

    /// Whether this part is a date on the day of `published` (a
    /// `meta.published` value: RFC 3339 or `YYYY-MM-DD`): the day written is
    /// the day `published` begins with, or, when the part has a zone and
    /// `published` is RFC 3339, the day `published` falls on in the part's
    /// zone ("Feb 19, 2019 9:19 PM EST" is the day of
    /// `2019-02-20T02:19:00Z`).
    ///
    /// ```
    /// use gleaner_datelines::classify_part;
    /// let part = classify_part("Feb 19, 2019 9:19 PM EST");
    /// assert!(part.is_day_of("2019-02-19"));
    /// assert!(part.is_day_of("2019-02-20T02:19:00Z"));
    /// assert!(!classify_part("Feb 19, 2019").is_day_of("2019-02-20T02:19:00Z"));
    /// ```
    pub fn is_day_of(self, published: &str) -> bool {
        let DatePart::Date {
            year,
            month,
            day,
            offset,
        } = self
        else {
            return false;
        };
        let published = published.trim();
        let written = format!("{year:04}-{month:02}-{day:02}");
        if published.get(..10) == Some(written.as_str()) {
            return true;
        }
        let (Some(offset), Ok(moment)) = (offset, DateTime::parse_from_rfc3339(published)) else {
            return false;
        };
        let Some(zone) = FixedOffset::east_opt(offset) else {
            return false;
        };
        let local = moment.with_timezone(&zone).date_naive();
        (local.year(), local.month(), local.day()) == (year, month, day)
    }
}

/// Whether lowercase `w` is a weekday's full name ("monday"; not "sun" or
/// "wed", which are words too).
pub fn is_weekday_name(w: &str) -> bool {
    tables::WEEKDAYS.contains(&w)
}

/// Whether lowercase `w` is a month's name or its usual abbreviation
/// ("march", "mar", "sept"); unlike the date grammar, no other prefix
/// ("marc" is a name).
///
/// ```
/// assert!(gleaner_datelines::is_month_word("sept"));
/// assert!(!gleaner_datelines::is_month_word("marc"));
/// ```
pub fn is_month_word(w: &str) -> bool {
    w == "sept"
        || tables::MONTHS
            .iter()
            .any(|m| *m == w || (w.len() == 3 && m.starts_with(w)))
}

/// Classifies one part of a byline or date line (a piece between `|`
/// separators, say) by the same grammar as [`parse_date_line`]: whenever
/// [`parse_date_line`] reads a date from `part`, this gives
/// [`DatePart::Date`] with its day.
///
/// ```
/// use gleaner_datelines::{classify_part, DatePart};
/// assert_eq!(
///     classify_part("Published: 19 Feb 2019, 09:19 GMT"),
///     DatePart::Date { year: 2019, month: 2, day: 19, offset: Some(0) }
/// );
/// assert_eq!(classify_part("Updated 9:19 AM ET"), DatePart::Words);
/// assert_eq!(classify_part("Rita Okafor"), DatePart::NotDate);
/// ```
pub fn classify_part(part: &str) -> DatePart {
    let Some(parts) = line::read_part(part) else {
        return DatePart::NotDate;
    };
    match parts.resolve() {
        Some(r) => DatePart::Date {
            year: r.date.year(),
            month: r.date.month(),
            day: r.date.day(),
            offset: r.moment.map(|m| m.offset().local_minus_utc()),
        },
        None => DatePart::Words,
    }
}

/// Parses a line that is a date and nothing else (besides words such as
/// "Published", a weekday, a time and a zone): "Tuesday 19 February 2019
/// 09:19 EST" gives `2019-02-19T09:19:00-05:00`, "Feb 19, 2019" gives
/// `2019-02-19`. A time without a known zone gives the day only. Parts
/// separated by `|` are read in turn and the first date wins ("Published 19
/// Feb 2019 | Updated 20 Feb 2019"). Any other word makes the line not a
/// date line (`None`).
///
/// ```
/// use gleaner_datelines::parse_date_line;
/// assert_eq!(
///     parse_date_line("Tuesday 19 February 2019 09:19 EST").as_deref(),
///     Some("2019-02-19T09:19:00-05:00")
/// );
/// assert_eq!(parse_date_line("The meeting is on March 3"), None);
/// ```
pub fn parse_date_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.len() > MAX_LINE_BYTES {
        return None;
    }
    line.split(PART_SEPARATORS).find_map(parse_date_part)
}

/// What separates the parts of a date or byline line ("Published 19 Feb
/// 2019 · Updated 20 Feb 2019", "By Ann Lee | 19 Feb 2019"): ingest reads
/// the first part that is a date, normalize checks every part against the
/// metadata.
pub const PART_SEPARATORS: [char; 4] = ['|', ';', '•', '·'];

/// One part of a date line as RFC 3339 or `YYYY-MM-DD`.
fn parse_date_part(part: &str) -> Option<String> {
    Some(line::read_part(part)?.resolve()?.value())
}

/// Normalizes a date string from metadata or JSON: kept as given when it is
/// already RFC 3339 or `YYYY-MM-DD`; otherwise parsed from other ISO 8601
/// shapes, RFC 2822 or a written-out date (a date line), and returned as RFC
/// 3339 or `YYYY-MM-DD`. `None` when no date can be read from it.
///
/// ```
/// use gleaner_datelines::normalize_date;
/// assert_eq!(
///     normalize_date("Tue, 19 Feb 2019 09:19:00 -0500").as_deref(),
///     Some("2019-02-19T09:19:00-05:00")
/// );
/// assert_eq!(normalize_date("yesterday"), None);
/// ```
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > MAX_VALUE_BYTES {
        return None;
    }
    if is_rfc3339(s) || is_plain_date(s) {
        return Some(s.to_string());
    }
    if let Ok(d) = DateTime::parse_from_rfc3339(&s.replacen(' ', "T", 1)) {
        return Some(d.to_rfc3339());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
    ] {
        if let Ok(d) = DateTime::parse_from_str(s, fmt) {
            return Some(d.to_rfc3339());
        }
    }
    if let Ok(d) = DateTime::parse_from_rfc2822(s) {
        return Some(d.to_rfc3339());
    }
    for fmt in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
        "%Y-%m-%d %H:%M",
    ] {
        if let Ok(d) = NaiveDateTime::parse_from_str(s, fmt) {
            // A time without a zone is not RFC 3339: keep the day.
            return Some(d.date().format("%Y-%m-%d").to_string());
        }
    }
    for fmt in ["%Y/%m/%d", "%Y%m%d", "%Y.%m.%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(s, fmt) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    parse_date_line(s)
}

/// A Unix timestamp (seconds, or milliseconds when larger than 10^11) as RFC
/// 3339 in UTC; `None` when it is not finite or outside 1970 to 2096.
///
/// ```
/// assert_eq!(
///     gleaner_datelines::from_timestamp(1_550_585_940.0).as_deref(),
///     Some("2019-02-19T14:19:00Z")
/// );
/// ```
pub fn from_timestamp(n: f64) -> Option<String> {
    if !n.is_finite() {
        return None;
    }
    let secs = if n.abs() > 1e11 { n / 1000.0 } else { n };
    if !(0.0..=4.0e9).contains(&secs) {
        return None;
    }
    let d = DateTime::from_timestamp(secs as i64, 0)?;
    Some(d.format("%Y-%m-%dT%H:%M:%SZ").to_string())
}

fn is_rfc3339(s: &str) -> bool {
    s.len() >= 20 && s.as_bytes().get(10) == Some(&b'T') && DateTime::parse_from_rfc3339(s).is_ok()
}

fn is_plain_date(s: &str) -> bool {
    s.len() == 10 && NaiveDate::parse_from_str(s, "%Y-%m-%d").is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn date_lines() {
        let cases = [
            (
                "Tuesday 19 February 2019 09:19 EST",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            (
                "Tue 19 Feb 2019 14.05 GMT",
                Some("2019-02-19T14:05:00+00:00"),
            ),
            (
                "Published: Feb. 19, 2019 at 9:19 a.m. ET",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            (
                "Updated July 4, 2021, 6:30 PM ET",
                Some("2021-07-04T18:30:00-04:00"),
            ),
            ("March 3rd, 2020", Some("2020-03-03")),
            (
                "Published 19 Feb 2019 \u{b7} Updated 20 Feb 2019",
                Some("2019-02-19"),
            ),
            (
                "Published 19 Feb 2019; updated 20 Feb 2019",
                Some("2019-02-19"),
            ),
            ("19 February 2019", Some("2019-02-19")),
            ("2019-02-19", Some("2019-02-19")),
            ("19/02/2019 10:00 CET", Some("2019-02-19T10:00:00+01:00")),
            (
                "Posted on 2019-02-19 08:00 (GMT+2)",
                Some("2019-02-19T08:00:00+02:00"),
            ),
            ("Tuesday 19 February 2019 09:19", Some("2019-02-19")),
            (
                "Published 19 Feb 2019 09:19 GMT | Updated 20 Feb 2019",
                Some("2019-02-19T09:19:00+00:00"),
            ),
            (
                "Feb 19, 2019 / 9:19 AM EST",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            (
                "Updated 10:30 AM EST, Tue February 19, 2019",
                Some("2019-02-19T10:30:00-05:00"),
            ),
            ("May 2019 was warm and I went out on the 4th", None),
            ("Anthony Cuthbertson", None),
            ("February 30, 2019", None),
            ("The meeting is on March 3", None),
            ("03/04/2019", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_date_line(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn iso_and_other_zones_in_date_lines() {
        let cases = [
            (
                "2019-02-19T09:19:00-05:00",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            (
                "Published 2019-02-19T14:19:00.000Z",
                Some("2019-02-19T14:19:00+00:00"),
            ),
            ("Updated: 2019-02-19T09:19", Some("2019-02-19")),
            (
                "Posted 2019-02-19 08:00+02:00",
                Some("2019-02-19T08:00:00+02:00"),
            ),
            ("19.02.2019", Some("2019-02-19")),
            ("Feb 19, 2019 9 p.m. ET", Some("2019-02-19T21:00:00-05:00")),
            ("Updated 11 AM, 19 February 2019", Some("2019-02-19")),
            ("Feb 19, 2019 13 p.m. ET", None),
            ("Tuesday 19 February 2019 09:19 SAST", Some("2019-02-19")),
            // Capitals ending in T count as a zone only after a time.
            ("19 February 2019 SAST", None),
            ("19 February 2019 09:19 Sast", None),
            // One time, one zone.
            ("2019-02-19T09:19:00-05:00 10:00", None),
            ("2019-02-19T09:19:00-05:00 EST", None),
            ("Feb 19, 2019 09:19 EST SAST", None),
        ];
        for (line, want) in cases {
            assert_eq!(parse_date_line(line).as_deref(), want, "{line}");
        }
    }

    #[test]
    fn parts_are_classified() {
        let date = |year, month, day, offset| DatePart::Date {
            year,
            month,
            day,
            offset,
        };
        let h = |hours: i32| Some(hours * 3600);
        let cases = [
            (
                "Tuesday 19 February 2019 09:19 EST",
                date(2019, 2, 19, h(-5)),
            ),
            ("Feb. 19, 2019 at 9:19 p.m. ET", date(2019, 2, 19, h(-5))),
            ("2019-02-19T09:19:00-05:00", date(2019, 2, 19, h(-5))),
            ("Published: 19 Feb 2019, 09:19 GMT", date(2019, 2, 19, h(0))),
            ("February 19, 2019, 9:19 AM ET", date(2019, 2, 19, h(-5))),
            ("19.02.2019", date(2019, 2, 19, None)),
            ("Tuesday 19 February 2019 09:19", date(2019, 2, 19, None)),
            (
                "Tuesday 19 February 2019 09:19 SAST",
                date(2019, 2, 19, None),
            ),
            // The day as written, not the UTC day.
            ("Feb 19, 2019 11:30 PM ET", date(2019, 2, 19, h(-5))),
            ("Updated 9:19 AM ET", DatePart::Words),
            ("Updated 9 p.m.", DatePart::Words),
            ("February 2019", DatePart::Words),
            ("February 30, 2019", DatePart::Words),
            ("03/04/2019", DatePart::NotDate),
            ("", DatePart::Words),
            ("Published", DatePart::Words),
            ("The council met", DatePart::NotDate),
            ("Rita Okafor", DatePart::NotDate),
            ("Senior Correspondent", DatePart::NotDate),
        ];
        for (part, want) in cases {
            assert_eq!(classify_part(part), want, "{part}");
        }
        assert_eq!(date(2019, 2, 19, None).ymd(), Some((2019, 2, 19)));
        assert_eq!(DatePart::Words.ymd(), None);
    }

    #[test]
    fn parts_on_the_day_of_the_publication() {
        let evening = classify_part("Tuesday 19 February 2019 9:30 PM EST");
        assert!(evening.is_day_of("2019-02-19"));
        assert!(evening.is_day_of("2019-02-19T21:30:00-05:00"));
        // The same moment in UTC falls on the next day.
        assert!(evening.is_day_of("2019-02-20T02:30:00Z"));
        assert!(evening.is_day_of("2019-02-20T02:30:00+00:00"));
        assert!(!evening.is_day_of("2019-02-20T06:00:00Z"));
        assert!(!evening.is_day_of("2019-02-20"));
        // Without a zone only the day as written counts.
        let no_zone = classify_part("Tuesday 19 February 2019 9:30 PM");
        assert!(no_zone.is_day_of("2019-02-19T09:00:00Z"));
        assert!(!no_zone.is_day_of("2019-02-20T02:30:00Z"));
        assert!(!DatePart::Words.is_day_of("2019-02-19"));
        assert!(!DatePart::NotDate.is_day_of("2019-02-19"));
        assert!(!evening.is_day_of(""));
        assert!(!evening.is_day_of("2019-02-1é"));
    }

    #[test]
    fn metadata_dates_are_normalized() {
        let cases = [
            (
                "2019-02-19T09:19:00-05:00",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            ("2019-02-19T14:19:00Z", Some("2019-02-19T14:19:00Z")),
            ("2019-02-19", Some("2019-02-19")),
            (
                "2019-02-19T09:19:00-0500",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            (
                "2019-02-19 09:19:00+00:00",
                Some("2019-02-19T09:19:00+00:00"),
            ),
            ("2019-02-19T09:19:00", Some("2019-02-19")),
            (
                "Tue, 19 Feb 2019 09:19:00 -0500",
                Some("2019-02-19T09:19:00-05:00"),
            ),
            ("2019/02/19", Some("2019-02-19")),
            ("February 19, 2019", Some("2019-02-19")),
            ("yesterday", None),
            ("", None),
        ];
        for (s, want) in cases {
            assert_eq!(normalize_date(s).as_deref(), want, "{s}");
        }
        assert_eq!(
            from_timestamp(1_550_585_940.0).as_deref(),
            Some("2019-02-19T14:19:00Z")
        );
        assert_eq!(
            from_timestamp(1_550_585_940_000.0).as_deref(),
            Some("2019-02-19T14:19:00Z")
        );
        assert_eq!(from_timestamp(f64::NAN), None);
        assert_eq!(from_timestamp(-1.0), None);
    }

    #[test]
    fn us_zones_follow_daylight_saving() {
        assert_eq!(
            parse_date_line("Jan 5, 2020 10:00 PT").as_deref(),
            Some("2020-01-05T10:00:00-08:00")
        );
        assert_eq!(
            parse_date_line("Jun 5, 2020 10:00 PT").as_deref(),
            Some("2020-06-05T10:00:00-07:00")
        );
    }

    #[test]
    fn long_input_is_not_a_date() {
        let long = format!("{} 19 February 2019", "Published ".repeat(20));
        assert_eq!(parse_date_line(&long), None);
        assert_eq!(classify_part(&long), DatePart::NotDate);
        let many = format!("{}19 February 2019", "on ".repeat(16));
        assert_eq!(classify_part(&many), DatePart::NotDate);
    }

    proptest! {
        #[test]
        fn date_line_parsing_never_panics(s in "\\PC{0,80}") {
            let _ = parse_date_line(&s);
            let _ = normalize_date(&s);
            let _ = classify_part(&s);
        }

        #[test]
        fn date_like_lines_never_panic(
            wd in "(Mon|Tuesday|)", d in 0u32..40, m in "(Jan|February|Sept|Foo)",
            y in 1890i32..2300, h in 0u32..30, mi in 0u32..70, z in "(EST|ET|GMT|\\+05:30|-0800|)",
        ) {
            let line = format!("{wd} {d} {m} {y} {h}:{mi:02} {z}");
            if let Some(out) = parse_date_line(&line) {
                prop_assert!(normalize_date(&out).as_deref() == Some(out.as_str()));
            }
        }

        #[test]
        fn valid_dates_round_trip(y in 1950i32..2100, m in 1u32..=12, d in 1u32..=28) {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            let line = date.format("%A %-d %B %Y").to_string();
            prop_assert_eq!(parse_date_line(&line), Some(date.format("%Y-%m-%d").to_string()));
        }

        /// Whatever the part, the classification and the parser agree on
        /// whether it is a date and on its day.
        #[test]
        fn classification_agrees_with_the_parser(
            pre in "(Published:|Updated|On|)", wd in "(Tue|Friday|)", d in 0u32..35,
            m in "(Feb|March|Sept|Mayor|)", y in 1890i32..2300, t in "(9:19|21.05|7pm|09:19:00|25:00|)",
            mer in "(AM|p.m.|)", z in "(EST|ET|GMT|UTC\\+2|\\+05:30|SAST|Sast|)", sep in "(, | )",
        ) {
            let part = format!("{pre} {wd}{sep}{d} {m}{sep}{y}{sep}{t} {mer} {z}");
            let parsed = parse_date_line(&part);
            let class = classify_part(&part);
            match (&parsed, class) {
                (Some(v), DatePart::Date { year, month, day, .. }) => {
                    let day = format!("{year:04}-{month:02}-{day:02}");
                    prop_assert_eq!(v.get(..10), Some(day.as_str()));
                    // A date line is on the day of the value read from it.
                    prop_assert!(class.is_day_of(v));
                }
                (None, DatePart::Words | DatePart::NotDate) => {}
                _ => prop_assert!(false, "{part:?}: parsed {parsed:?}, classified {class:?}"),
            }
        }
    }
}
