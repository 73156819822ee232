//! Publication dates: parsing the date lines of plain-text articles
//! ("Tuesday 19 February 2019 09:19 EST", "Published: Feb. 19, 2019 at 9:19
//! a.m. ET") and normalizing the dates found in HTML metadata and JSON input
//! to RFC 3339 (when a time and a zone are known) or `YYYY-MM-DD`.

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// Words that may introduce a date line and carry no date themselves.
const PREFIXES: &[&str] = &[
    "published",
    "updated",
    "posted",
    "last",
    "modified",
    "first",
    "on",
    "at",
    "date",
    "dated",
    "created",
    "released",
    "issued",
    "|",
    "/",
    "-",
    "–",
    "—",
    "•",
    "·",
    "the",
    "of",
];

/// Normalizes a date string from metadata or JSON: kept as given when it is
/// already RFC 3339 or `YYYY-MM-DD`; otherwise parsed from other ISO 8601
/// shapes, RFC 2822 or a written-out date, and returned as RFC 3339 or
/// `YYYY-MM-DD`. `None` when no date can be read from it.
pub fn normalize_date(s: &str) -> Option<String> {
    let s = s.trim();
    if s.is_empty() || s.len() > 200 {
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
/// 3339 in UTC.
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

/// Parses a line that is a date and nothing else (besides words such as
/// "Published", a weekday, a time and a zone): "Tuesday 19 February 2019
/// 09:19 EST" gives `2019-02-19T09:19:00-05:00`, "Feb 19, 2019" gives
/// `2019-02-19`. A time without a known zone gives the day only. Any other
/// word makes it not a date line (`None`).
pub fn parse_date_line(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.len() > 160 {
        return None;
    }
    // "Published 19 Feb 2019 09:19 GMT | Updated 20 Feb 2019": the first
    // part that is a date.
    if line.contains('|') {
        return line.split('|').find_map(parse_date_part);
    }
    parse_date_part(line)
}

fn parse_date_part(line: &str) -> Option<String> {
    let line = line.trim();
    if line.is_empty() || line.len() > 120 {
        return None;
    }
    let mut p = Parts::default();
    let toks = tokenize(line);
    if toks.len() > 16 {
        return None;
    }
    let mut i = 0;
    while i < toks.len() {
        let t = toks.get(i).map(String::as_str).unwrap_or_default();
        let next = toks.get(i + 1).map(String::as_str);
        let used = p.take(t, next)?;
        i += used;
    }
    p.finish()
}

/// Splits a line into words, cutting `,`, `(` and `)` and letting `/`-dates,
/// times and offsets stay whole.
fn tokenize(line: &str) -> Vec<String> {
    line.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|t| !t.is_empty())
        .map(|t| t.to_lowercase())
        .collect()
}

#[derive(Default, Debug)]
struct Parts {
    year: Option<i32>,
    month: Option<u32>,
    day: Option<u32>,
    weekday: bool,
    time: Option<(u32, u32, u32)>,
    /// Set by "am"/"pm" after the time.
    meridiem: Option<bool>,
    /// Fixed offset in seconds east of UTC.
    offset: Option<i32>,
    /// A US zone written without S/D ("ET"): its standard offset in hours.
    us_zone: Option<i32>,
}

impl Parts {
    /// Consumes token `t` (and maybe `next`); returns how many tokens were
    /// used, or `None` when `t` cannot be part of a date line.
    fn take(&mut self, t: &str, next: Option<&str>) -> Option<usize> {
        let bare = t.trim_end_matches([':', '.']);
        if bare.is_empty() || PREFIXES.contains(&bare) {
            return Some(1);
        }
        if bare == "gmt" || bare == "utc" || bare == "z" {
            if let Some(off) = next.and_then(parse_offset) {
                self.offset = Some(off);
                return Some(2);
            }
            self.offset = Some(0);
            return Some(1);
        }
        if let Some(rest) = bare
            .strip_prefix("gmt")
            .or_else(|| bare.strip_prefix("utc"))
        {
            self.offset = Some(parse_offset(rest)?);
            return Some(1);
        }
        if matches!(bare, "am" | "a.m" | "pm" | "p.m")
            && self.time.is_some()
            && self.meridiem.is_none()
        {
            self.meridiem = Some(bare.starts_with('p'));
            return Some(1);
        }
        if weekday(bare) && !self.weekday {
            self.weekday = true;
            return Some(1);
        }
        if let Some(m) = month(bare) {
            if self.month.is_some() {
                return None;
            }
            self.month = Some(m);
            return Some(1);
        }
        if let Some(z) = zone(bare) {
            if self.offset.is_some() || self.us_zone.is_some() {
                return None;
            }
            match z {
                Zone::Fixed(o) => self.offset = Some(o),
                Zone::Us(h) => self.us_zone = Some(h),
            }
            return Some(1);
        }
        if (t.starts_with('+') || t.starts_with('-'))
            && self.time.is_some()
            && self.offset.is_none()
        {
            self.offset = Some(parse_offset(t)?);
            return Some(1);
        }
        if let Some((ymd, ok)) = numeric_date(bare) {
            if !ok || self.year.is_some() || self.month.is_some() || self.day.is_some() {
                return None;
            }
            let (y, m, d) = ymd;
            self.year = Some(y);
            self.month = Some(m);
            self.day = Some(d);
            return Some(1);
        }
        if let Some((time, mer)) = parse_time(bare) {
            if self.time.is_some() {
                return None;
            }
            self.time = Some(time);
            if mer.is_some() {
                self.meridiem = mer;
            }
            return Some(1);
        }
        let digits = bare
            .strip_suffix("st")
            .or_else(|| bare.strip_suffix("nd"))
            .or_else(|| bare.strip_suffix("rd"))
            .or_else(|| bare.strip_suffix("th"))
            .unwrap_or(bare);
        if !digits.is_empty() && digits.len() <= 4 && digits.bytes().all(|b| b.is_ascii_digit()) {
            let n: u32 = digits.parse().ok()?;
            if digits.len() == 4 && self.year.is_none() && (1900..=2200).contains(&n) {
                self.year = i32::try_from(n).ok();
                return Some(1);
            }
            if digits.len() <= 2 && self.day.is_none() && (1..=31).contains(&n) {
                self.day = Some(n);
                return Some(1);
            }
        }
        None
    }

    fn finish(self) -> Option<String> {
        let date = NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)?;
        let Some((mut h, m, s)) = self.time else {
            return Some(date.format("%Y-%m-%d").to_string());
        };
        match self.meridiem {
            Some(pm) => {
                if h == 0 || h > 12 {
                    return None;
                }
                if pm && h != 12 {
                    h += 12;
                } else if !pm && h == 12 {
                    h = 0;
                }
            }
            None if h > 23 => return None,
            None => {}
        }
        let time = NaiveTime::from_hms_opt(h, m, s)?;
        let naive = date.and_time(time);
        let offset = match (self.offset, self.us_zone) {
            (Some(o), _) => o,
            (None, Some(std_hours)) => {
                let dst = us_dst(naive);
                (std_hours + i32::from(dst)) * 3600
            }
            (None, None) => return Some(date.format("%Y-%m-%d").to_string()),
        };
        let tz = FixedOffset::east_opt(offset)?;
        let dt = tz.from_local_datetime(&naive).single()?;
        Some(dt.to_rfc3339())
    }
}

/// Whether US daylight saving time is in force at local time `t` (second
/// Sunday of March to first Sunday of November, since 2007).
fn us_dst(t: NaiveDateTime) -> bool {
    let y = t.year();
    let nth_sunday = |month: u32, n: u32| {
        let first = NaiveDate::from_ymd_opt(y, month, 1)?;
        let to_sunday = (7 - first.weekday().num_days_from_sunday()) % 7;
        NaiveDate::from_ymd_opt(y, month, 1 + to_sunday + 7 * (n - 1))
    };
    match (nth_sunday(3, 2), nth_sunday(11, 1)) {
        (Some(start), Some(end)) => {
            let start = start.and_hms_opt(2, 0, 0);
            let end = end.and_hms_opt(2, 0, 0);
            matches!((start, end), (Some(s), Some(e)) if t >= s && t < e)
        }
        _ => false,
    }
}

enum Zone {
    Fixed(i32),
    Us(i32),
}

fn zone(t: &str) -> Option<Zone> {
    let h = |x: i32| Some(Zone::Fixed(x * 3600));
    match t {
        "est" => h(-5),
        "edt" => h(-4),
        "cst" => h(-6),
        "cdt" => h(-5),
        "mst" => h(-7),
        "mdt" => h(-6),
        "pst" => h(-8),
        "pdt" => h(-7),
        "akst" => h(-9),
        "akdt" => h(-8),
        "hst" => h(-10),
        "bst" => h(1),
        "wet" => h(0),
        "west" => h(1),
        "cet" => h(1),
        "cest" => h(2),
        "eet" => h(2),
        "eest" => h(3),
        "msk" => h(3),
        "ist" => Some(Zone::Fixed(5 * 3600 + 1800)),
        "sgt" | "hkt" | "awst" => h(8),
        "jst" | "kst" => h(9),
        "acst" => Some(Zone::Fixed(9 * 3600 + 1800)),
        "aest" => h(10),
        "aedt" => h(11),
        "nzst" => h(12),
        "nzdt" => h(13),
        "et" => Some(Zone::Us(-5)),
        "ct" => Some(Zone::Us(-6)),
        "mt" => Some(Zone::Us(-7)),
        "pt" => Some(Zone::Us(-8)),
        _ => None,
    }
}

/// `+01:00`, `-0500`, `+1`, `+5:30` as seconds east of UTC.
fn parse_offset(t: &str) -> Option<i32> {
    let (sign, rest) = match t.as_bytes().first()? {
        b'+' => (1, t.get(1..)?),
        b'-' => (-1, t.get(1..)?),
        _ => return None,
    };
    let (h, m) = if let Some((h, m)) = rest.split_once(':') {
        (h, m)
    } else if rest.len() == 4 {
        (rest.get(..2)?, rest.get(2..)?)
    } else {
        (rest, "0")
    };
    if h.is_empty() || h.len() > 2 || m.len() > 2 {
        return None;
    }
    let h: i32 = h.parse().ok()?;
    let m: i32 = m.parse().ok()?;
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// `09:19`, `9:19:30`, `09.19`, `9:19am`, `9am`: ((h, m, s), pm?).
fn parse_time(t: &str) -> Option<((u32, u32, u32), Option<bool>)> {
    let (body, mer) = if let Some(b) = t.strip_suffix("am").or_else(|| t.strip_suffix("a.m")) {
        (b, Some(false))
    } else if let Some(b) = t.strip_suffix("pm").or_else(|| t.strip_suffix("p.m")) {
        (b, Some(true))
    } else {
        (t, None)
    };
    let parts: Vec<&str> = body.split([':', '.']).collect();
    let num = |s: &str, max_len: usize| -> Option<u32> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (h, m, s) = match parts.as_slice() {
        [h] if mer.is_some() => (num(h, 2)?, 0, 0),
        [h, m] if m.len() == 2 => (num(h, 2)?, num(m, 2)?, 0),
        [h, m, s] if m.len() == 2 && s.len() == 2 => (num(h, 2)?, num(m, 2)?, num(s, 2)?),
        _ => return None,
    };
    if m > 59 || s > 59 || h > 23 {
        return None;
    }
    Some(((h, m, s), mer))
}

/// `2019-02-19`, `2019/02/19`, `19/02/2019`, `02/19/2019`: ((y, m, d),
/// unambiguous). Day/month order is decided only when one of them is over 12
/// or both are equal.
fn numeric_date(t: &str) -> Option<((i32, u32, u32), bool)> {
    let parts: Vec<&str> = t.split(['-', '/', '.']).collect();
    let [a, b, c] = parts.as_slice() else {
        return None;
    };
    if ![a, b, c]
        .iter()
        .all(|p| !p.is_empty() && p.len() <= 4 && p.bytes().all(|x| x.is_ascii_digit()))
    {
        return None;
    }
    let (a_n, b_n, c_n): (u32, u32, u32) = (a.parse().ok()?, b.parse().ok()?, c.parse().ok()?);
    if a.len() == 4 {
        return Some(((i32::try_from(a_n).ok()?, b_n, c_n), true));
    }
    if c.len() == 4 {
        let y = i32::try_from(c_n).ok()?;
        return match (a_n > 12, b_n > 12) {
            (true, false) => Some(((y, b_n, a_n), true)),
            (false, true) => Some(((y, a_n, b_n), true)),
            _ if a_n == b_n => Some(((y, a_n, b_n), true)),
            _ => Some(((y, 0, 0), false)),
        };
    }
    None
}

fn weekday(t: &str) -> bool {
    const DAYS: &[&str] = &[
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
        "mon",
        "tue",
        "tues",
        "wed",
        "thu",
        "thur",
        "thurs",
        "fri",
        "sat",
        "sun",
    ];
    DAYS.contains(&t)
}

fn month(t: &str) -> Option<u32> {
    const MONTHS: &[&str] = &[
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    for (i, m) in MONTHS.iter().enumerate() {
        let n = u32::try_from(i + 1).ok()?;
        if t == *m || (t.len() >= 3 && m.starts_with(t) && t != "ma") || (t == "sept" && n == 9) {
            return Some(n);
        }
    }
    None
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

    proptest! {
        #[test]
        fn date_line_parsing_never_panics(s in "\\PC{0,80}") {
            let _ = parse_date_line(&s);
            let _ = normalize_date(&s);
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
    }
}
