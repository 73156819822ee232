//! TIMEX3 values and the calendar arithmetic behind them: the anchor (the
//! document's creation time), resolved points (day, month, year, quarter,
//! ISO week…) and their shifts, all through `jiff`'s civil dates.

use jiff::civil::Date;

/// The reference time relative expressions are resolved against: the
/// publication date, with its time of day and UTC offset when known.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Anchor {
    /// The calendar date.
    pub date: Date,
    /// Hour and minute, when known.
    pub time: Option<(u8, u8)>,
    /// UTC offset in minutes, when known.
    pub offset_minutes: Option<i32>,
}

impl Anchor {
    /// An anchor on a calendar date.
    pub fn from_ymd(year: i16, month: i8, day: i8) -> Option<Anchor> {
        Date::new(year, month, day).ok().map(|date| Anchor {
            date,
            time: None,
            offset_minutes: None,
        })
    }

    /// Parses `YYYY-MM-DD`, `YYYYMMDD`, or RFC 3339 / ISO 8601 date-times
    /// (`2019-02-19T09:19:00-05:00`, `1998-03-22T14:57:00`, `…Z`).
    pub fn parse(s: &str) -> Option<Anchor> {
        let s = s.trim();
        let b = s.as_bytes();
        let digits = |r: std::ops::Range<usize>| -> Option<i32> {
            let part = s.get(r)?;
            if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
                return None;
            }
            part.parse().ok()
        };
        let (y, m, d, rest) = if b.len() >= 10 && b.get(4) == Some(&b'-') && b.get(7) == Some(&b'-')
        {
            (digits(0..4)?, digits(5..7)?, digits(8..10)?, s.get(10..)?)
        } else if b.len() >= 8 {
            (digits(0..4)?, digits(4..6)?, digits(6..8)?, s.get(8..)?)
        } else {
            return None;
        };
        let date = Date::new(
            i16::try_from(y).ok()?,
            i8::try_from(m).ok()?,
            i8::try_from(d).ok()?,
        )
        .ok()?;
        let mut a = Anchor {
            date,
            time: None,
            offset_minutes: None,
        };
        let rb = rest.as_bytes();
        if rb.len() >= 6 && (rb[0] == b'T' || rb[0] == b't' || rb[0] == b' ') && rb[3] == b':' {
            let hh = u8::try_from(digits_in(rest, 1..3)?).ok()?;
            let mm = u8::try_from(digits_in(rest, 4..6)?).ok()?;
            if hh < 24 && mm < 60 {
                a.time = Some((hh, mm));
            }
            let mut k = 6;
            if rb.get(6) == Some(&b':') {
                k = 9;
                while rb.get(k).is_some_and(|c| c.is_ascii_digit() || *c == b'.') {
                    k += 1;
                }
            }
            match rb.get(k) {
                Some(b'Z') | Some(b'z') => a.offset_minutes = Some(0),
                Some(&sign) if sign == b'+' || sign == b'-' => {
                    let oh = digits_in(rest, k + 1..k + 3)?;
                    let om = if rb.get(k + 3) == Some(&b':') {
                        digits_in(rest, k + 4..k + 6)?
                    } else {
                        digits_in(rest, k + 3..k + 5).unwrap_or(0)
                    };
                    let v = oh * 60 + om;
                    a.offset_minutes = Some(if sign == b'-' { -v } else { v });
                }
                _ => {}
            }
        }
        Some(a)
    }

    /// The anchor's year.
    pub fn year(&self) -> i32 {
        i32::from(self.date.year())
    }

    /// The anchor's month (1..=12).
    pub fn month(&self) -> u8 {
        u8::try_from(self.date.month()).unwrap_or(1)
    }
}

fn digits_in(s: &str, r: std::ops::Range<usize>) -> Option<i32> {
    let part = s.get(r)?;
    if part.is_empty() || !part.bytes().all(|c| c.is_ascii_digit()) {
        return None;
    }
    part.parse().ok()
}

/// A point or period on the calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Point {
    Day(Date),
    /// A day of a year-less month (`XXXX-03-01`).
    MonthDayX(u8, u8),
    Month(i32, u8),
    /// A month without year (`XXXX-12`).
    MonthX(u8),
    Year(i32),
    Quarter(i32, u8),
    Half(i32, u8),
    Week(i32, u8),
    Weekend(i32, u8),
    Season(i32, u8),
    /// Decade given by its first three digits (199 for the 1990s).
    Decade(i32),
    /// Century given by its first two digits (19 for the 1900s).
    Century(i32),
    /// A weekday without anchor (`XXXX-WXX-6`).
    WeekdayX(u8),
    /// Any literal value (`PAST_REF`, `XXXX-XX-XX`…).
    Lit(String),
}

pub(crate) fn season_code(s: u8) -> &'static str {
    match s {
        1 => "SP",
        2 => "SU",
        3 => "FA",
        _ => "WI",
    }
}

impl Point {
    pub(crate) fn value(&self) -> String {
        match self {
            Point::Day(d) => format!("{:04}-{:02}-{:02}", d.year(), d.month(), d.day()),
            Point::MonthDayX(m, d) => format!("XXXX-{m:02}-{d:02}"),
            Point::Month(y, m) => format!("{y:04}-{m:02}"),
            Point::MonthX(m) => format!("XXXX-{m:02}"),
            Point::Year(y) => format!("{y:04}"),
            Point::Quarter(y, q) => format!("{y:04}-Q{q}"),
            Point::Half(y, h) => format!("{y:04}-H{h}"),
            Point::Week(y, w) => format!("{y:04}-W{w:02}"),
            Point::Weekend(y, w) => format!("{y:04}-W{w:02}-WE"),
            Point::Season(y, s) => format!("{y:04}-{}", season_code(*s)),
            Point::Decade(d) => format!("{d:03}"),
            Point::Century(c) => format!("{c:02}"),
            Point::WeekdayX(d) => format!("XXXX-WXX-{d}"),
            Point::Lit(s) => s.clone(),
        }
    }
}

/// Adds `n` days.
pub(crate) fn add_days(d: Date, n: i64) -> Option<Date> {
    d.checked_add(jiff::Span::new().days(n)).ok()
}

/// Adds `n` months to a (year, month) pair.
pub(crate) fn add_months(y: i32, m: u8, n: i32) -> (i32, u8) {
    let idx = y * 12 + i32::from(m) - 1 + n;
    (
        idx.div_euclid(12),
        u8::try_from(idx.rem_euclid(12) + 1).unwrap_or(1),
    )
}

/// The ISO week (year, week) of a date.
pub(crate) fn iso_week(d: Date) -> (i32, u8) {
    let w = d.iso_week_date();
    (i32::from(w.year()), u8::try_from(w.week()).unwrap_or(1))
}

/// Weekday of a date, Monday = 1.
pub(crate) fn weekday(d: Date) -> u8 {
    u8::try_from(d.weekday().to_monday_one_offset()).unwrap_or(1)
}

/// A date from parts, when valid.
pub(crate) fn ymd(y: i32, m: u8, d: u8) -> Option<Date> {
    Date::new(
        i16::try_from(y).ok()?,
        i8::try_from(m).ok()?,
        i8::try_from(d).ok()?,
    )
    .ok()
}

/// The quarter (1..=4) of a month.
pub(crate) fn quarter_of(m: u8) -> u8 {
    (m.saturating_sub(1)) / 3 + 1
}

/// The season (1 spring … 4 winter) of a month; winter months of January
/// and February belong to the previous year's winter.
pub(crate) fn season_of(y: i32, m: u8) -> (i32, u8) {
    match m {
        3..=5 => (y, 1),
        6..=8 => (y, 2),
        9..=11 => (y, 3),
        12 => (y, 4),
        _ => (y - 1, 4),
    }
}

/// The n-th (1-based) given weekday of a month.
pub(crate) fn nth_weekday(y: i32, m: u8, wd: u8, n: u8) -> Option<Date> {
    let first = ymd(y, m, 1)?;
    let off = (i64::from(wd) - i64::from(weekday(first))).rem_euclid(7);
    add_days(first, off + 7 * (i64::from(n) - 1))
}

/// Western Easter Sunday of a Gregorian year (the anonymous Gregorian
/// computus, Meeus/Jones/Butcher).
pub(crate) fn easter(y: i32) -> Option<Date> {
    let a = y.rem_euclid(19);
    let (b, c) = (y.div_euclid(100), y.rem_euclid(100));
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15).rem_euclid(30);
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k).rem_euclid(7);
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    ymd(
        y,
        u8::try_from(n / 31).ok()?,
        u8::try_from(n % 31 + 1).ok()?,
    )
}

/// A UTC offset in minutes as TIMEX3 writes it: `Z` or `-05:00`.
pub(crate) fn offset_str(min: i32) -> String {
    if min == 0 {
        return "Z".to_string();
    }
    let sign = if min < 0 { '-' } else { '+' };
    let a = min.abs();
    format!("{sign}{:02}:{:02}", a / 60, a % 60)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn anchors_parse() {
        let a = Anchor::parse("2019-02-19T09:19:00-05:00").unwrap();
        assert_eq!(a.date, ymd(2019, 2, 19).unwrap());
        assert_eq!(a.time, Some((9, 19)));
        assert_eq!(a.offset_minutes, Some(-300));
        let b = Anchor::parse("19980108").unwrap();
        assert_eq!(b.date, ymd(1998, 1, 8).unwrap());
        assert!(Anchor::parse("Feb 2019").is_none());
        assert_eq!(
            Anchor::parse("2019-02-19T09:19Z").unwrap().offset_minutes,
            Some(0)
        );
    }

    #[test]
    fn arithmetic() {
        assert_eq!(add_months(2019, 1, -2), (2018, 11));
        assert_eq!(add_months(2019, 12, 1), (2020, 1));
        assert_eq!(iso_week(ymd(2019, 2, 19).unwrap()), (2019, 8));
        assert_eq!(weekday(ymd(2019, 2, 19).unwrap()), 2);
        assert_eq!(
            nth_weekday(2018, 11, 4, 4).unwrap(),
            ymd(2018, 11, 22).unwrap()
        );
        assert_eq!(offset_str(-300), "-05:00");
        assert_eq!(easter(2019), ymd(2019, 4, 21));
        assert_eq!(easter(2024), ymd(2024, 3, 31));
        assert_eq!(easter(2000), ymd(2000, 4, 23));
        assert_eq!(easter(2038), ymd(2038, 4, 25));
        assert_eq!(Point::Decade(199).value(), "199");
    }
}
