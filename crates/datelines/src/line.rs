//! The date-line grammar. A part of a line is cut into words ([`tokenize`]),
//! and [`Parts`] takes each word as a prefix word, a weekday, a month, a day,
//! a year, a numeric or ISO 8601 date, a time, `am`/`pm` or a zone. A word
//! it cannot take makes the part not a date ([`read_part`] gives `None`);
//! otherwise [`Parts::resolve`] checks that the words make one valid date.

use crate::tables::{is_prefix, month, weekday, zone, zone_like, Zone};
use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, NaiveDateTime, NaiveTime, TimeZone};

/// Longest part, in bytes, that can be a date.
pub(crate) const MAX_PART_BYTES: usize = 120;
/// Most words a date part may have.
const MAX_WORDS: usize = 16;

/// Reads every word of `part`; `None` when the part is too long or a word
/// cannot belong to a date line. An empty part gives empty [`Parts`].
pub(crate) fn read_part(part: &str) -> Option<Parts> {
    let part = part.trim();
    if part.len() > MAX_PART_BYTES {
        return None;
    }
    // Words are read as they are cut, so most parts that are not dates stop
    // at their first word.
    let mut words = tokenize(part).peekable();
    let mut p = Parts::default();
    let mut lower = String::new();
    let mut n = 0;
    while let Some(w) = words.next() {
        lower.clear();
        if w.is_ascii() {
            lower.push_str(w);
            lower.make_ascii_lowercase();
        } else {
            lower.extend(w.chars().flat_map(char::to_lowercase));
        }
        let used = p.take(w, &lower, words.peek().copied())?;
        if used > 1 {
            words.next();
        }
        n += used;
        if n > MAX_WORDS {
            return None;
        }
    }
    Some(p)
}

/// Splits a part into words on whitespace, `,`, `;`, `(` and `)`, so that
/// `/`- and `.`-dates, times and offsets stay whole. Words keep their case.
fn tokenize(part: &str) -> impl Iterator<Item = &str> {
    part.split(|c: char| c.is_whitespace() || matches!(c, ',' | '(' | ')' | ';'))
        .filter(|t| !t.is_empty())
}

/// What the words of a part said so far.
#[derive(Default, Debug)]
pub(crate) struct Parts {
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
    /// A zone abbreviation whose offset is not known ("SAST").
    unknown_zone: bool,
}

/// Year, month, day.
type Ymd = (i32, u32, u32);
/// Hour, minute, second.
type Hms = (u32, u32, u32);

/// A valid date read from a part, with its moment when a time and a known
/// zone were given.
pub(crate) struct Resolved {
    /// The calendar day as written (local to the line's zone).
    pub date: NaiveDate,
    /// The date and time in its zone, when both were given.
    pub moment: Option<DateTime<FixedOffset>>,
}

impl Resolved {
    /// RFC 3339 when the moment is known, `YYYY-MM-DD` otherwise.
    pub fn value(&self) -> String {
        match self.moment {
            Some(dt) => dt.to_rfc3339(),
            None => self.date.format("%Y-%m-%d").to_string(),
        }
    }
}

impl Parts {
    fn has_zone(&self) -> bool {
        self.offset.is_some() || self.us_zone.is_some() || self.unknown_zone
    }

    /// Takes word `raw`, whose lowercase form is `t` (and maybe the word
    /// after it, `next`); returns how many words were used, or `None` when
    /// `raw` cannot be part of a date line.
    fn take(&mut self, raw: &str, t: &str, next: Option<&str>) -> Option<usize> {
        let bare = t.trim_end_matches([':', '.']);
        if bare.is_empty() || is_prefix(bare) {
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
        if let Some(pm) = meridiem(bare) {
            if self.time.is_some() && self.meridiem.is_none() {
                self.meridiem = Some(pm);
                return Some(1);
            }
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
            if self.has_zone() {
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
            if !ok || self.has_date_part() {
                return None;
            }
            self.set_date(ymd);
            return Some(1);
        }
        if let Some((ymd, time, offset)) = iso_datetime(bare) {
            if self.has_date_part() || self.time.is_some() || (offset.is_some() && self.has_zone())
            {
                return None;
            }
            self.set_date(ymd);
            self.time = Some(time);
            if offset.is_some() {
                self.offset = offset;
            }
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
        if let Some((time, Some(off))) = time_with_offset(bare) {
            if self.time.is_some() || self.has_zone() {
                return None;
            }
            self.time = Some(time);
            self.offset = Some(off);
            return Some(1);
        }
        // An hour with its meridiem as the next word: "9 p.m.".
        if self.time.is_none() && bare.len() <= 2 && bare.bytes().all(|b| b.is_ascii_digit()) {
            if let Some(pm) = next.and_then(meridiem) {
                if let Ok(h @ 1..=12) = bare.parse::<u32>() {
                    self.time = Some((h, 0, 0));
                    self.meridiem = Some(pm);
                    return Some(2);
                }
            }
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
        if self.time.is_some() && !self.has_zone() && zone_like(raw.trim_end_matches(['.', ':'])) {
            self.unknown_zone = true;
            return Some(1);
        }
        None
    }

    fn has_date_part(&self) -> bool {
        self.year.is_some() || self.month.is_some() || self.day.is_some()
    }

    fn set_date(&mut self, (y, m, d): Ymd) {
        self.year = Some(y);
        self.month = Some(m);
        self.day = Some(d);
    }

    /// The date the words make: `None` without a valid year, month and day,
    /// or with an impossible time ("13:00 PM", "25:00").
    pub(crate) fn resolve(&self) -> Option<Resolved> {
        let date = NaiveDate::from_ymd_opt(self.year?, self.month?, self.day?)?;
        let Some((mut h, m, s)) = self.time else {
            return Some(Resolved { date, moment: None });
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
            // A time without a known zone is not a moment: the day only.
            (None, None) => return Some(Resolved { date, moment: None }),
        };
        let tz = FixedOffset::east_opt(offset)?;
        let moment = tz.from_local_datetime(&naive).single()?;
        Some(Resolved {
            date,
            moment: Some(moment),
        })
    }
}

/// `am`, `a.m.`, `pm`, `p.m.` in any case: whether it is afternoon.
fn meridiem(word: &str) -> Option<bool> {
    let w = word.trim_end_matches([':', '.']);
    let is = |x: &str| w.eq_ignore_ascii_case(x);
    if is("am") || is("a.m") {
        Some(false)
    } else if is("pm") || is("p.m") {
        Some(true)
    } else {
        None
    }
}

/// Whether `t` starts with an ASCII digit (every numeric form does).
fn starts_with_digit(t: &str) -> bool {
    t.as_bytes().first().is_some_and(u8::is_ascii_digit)
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
    let num = |s: &str| -> Option<i32> {
        if s.is_empty() || s.len() > 2 || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (h, m) = (num(h)?, num(m)?);
    if h > 14 || m > 59 {
        return None;
    }
    Some(sign * (h * 3600 + m * 60))
}

/// `09:19`, `9:19:30`, `09.19`, `9:19am`, `9am`: ((h, m, s), pm?).
fn parse_time(t: &str) -> Option<(Hms, Option<bool>)> {
    if !starts_with_digit(t) {
        return None;
    }
    let (body, mer) = if let Some(b) = t.strip_suffix("am").or_else(|| t.strip_suffix("a.m")) {
        (b, Some(false))
    } else if let Some(b) = t.strip_suffix("pm").or_else(|| t.strip_suffix("p.m")) {
        (b, Some(true))
    } else {
        (t, None)
    };
    let mut it = body.split([':', '.']);
    let parts = (it.next(), it.next(), it.next(), it.next());
    let num = |s: &str, max_len: usize| -> Option<u32> {
        if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        s.parse().ok()
    };
    let (h, m, s) = match parts {
        (Some(h), None, _, _) if mer.is_some() => (num(h, 2)?, 0, 0),
        (Some(h), Some(m), None, _) if m.len() == 2 => (num(h, 2)?, num(m, 2)?, 0),
        (Some(h), Some(m), Some(s), None) if m.len() == 2 && s.len() == 2 => {
            (num(h, 2)?, num(m, 2)?, num(s, 2)?)
        }
        _ => return None,
    };
    if m > 59 || s > 59 || h > 23 {
        return None;
    }
    Some(((h, m, s), mer))
}

/// A 24-hour time with optional fractional seconds, then nothing, `z` or an
/// offset: `09:19`, `09:19:00.123z`, `08:00+02:00`, `09:19:00-0500`.
fn time_with_offset(t: &str) -> Option<(Hms, Option<i32>)> {
    if !starts_with_digit(t) {
        return None;
    }
    let (clock, offset) = if let Some(c) = t.strip_suffix('z') {
        (c, Some(0))
    } else if let Some(i) = t.rfind(['+', '-']) {
        (t.get(..i)?, Some(parse_offset(t.get(i..)?)?))
    } else {
        (t, None)
    };
    // Fractional seconds: "09:19:00.123".
    let clock = match (clock.get(..8), clock.get(8..)) {
        (Some(hms), Some(frac))
            if frac.len() > 1
                && frac.starts_with('.')
                && frac.bytes().skip(1).all(|b| b.is_ascii_digit()) =>
        {
            hms
        }
        _ => clock,
    };
    if !clock.contains(':') {
        return None;
    }
    match parse_time(clock)? {
        (hms, None) => Some((hms, offset)),
        (_, Some(_)) => None,
    }
}

/// ISO 8601 date and time in one word: `2019-02-19t09:19:00-05:00`,
/// `2019-02-19t14:19z`, `2019-02-19t09:19` (lowercase).
fn iso_datetime(t: &str) -> Option<(Ymd, Hms, Option<i32>)> {
    if !starts_with_digit(t) {
        return None;
    }
    let date = t.get(..10)?;
    let rest = t.get(10..)?.strip_prefix('t')?;
    let b = date.as_bytes();
    if b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
        return None;
    }
    let (ymd, _) = numeric_date(date)?;
    let (time, offset) = time_with_offset(rest)?;
    Some((ymd, time, offset))
}

/// `2019-02-19`, `2019/02/19`, `19/02/2019`, `02/19/2019`, `19.02.2019`:
/// ((y, m, d), unambiguous). Day/month order is decided only when one of
/// them is over 12 or both are equal.
fn numeric_date(t: &str) -> Option<(Ymd, bool)> {
    if !starts_with_digit(t) {
        return None;
    }
    let mut it = t.split(['-', '/', '.']);
    let (Some(a), Some(b), Some(c), None) = (it.next(), it.next(), it.next(), it.next()) else {
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn offsets() {
        assert_eq!(parse_offset("+01:00"), Some(3600));
        assert_eq!(parse_offset("-0500"), Some(-5 * 3600));
        assert_eq!(parse_offset("+5:30"), Some(5 * 3600 + 1800));
        assert_eq!(parse_offset("+2"), Some(7200));
        assert_eq!(parse_offset("+15"), None);
        assert_eq!(parse_offset("+-1"), None);
        assert_eq!(parse_offset("05:00"), None);
    }

    #[test]
    fn times_with_offsets() {
        assert_eq!(
            time_with_offset("09:19:00-05:00"),
            Some(((9, 19, 0), Some(-5 * 3600)))
        );
        assert_eq!(
            time_with_offset("09:19:00.250z"),
            Some(((9, 19, 0), Some(0)))
        );
        assert_eq!(time_with_offset("09:19"), Some(((9, 19, 0), None)));
        assert_eq!(time_with_offset("10-12"), None);
        assert_eq!(time_with_offset("9pm"), None);
    }

    #[test]
    fn iso_words() {
        assert_eq!(
            iso_datetime("2019-02-19t09:19:00-05:00"),
            Some(((2019, 2, 19), (9, 19, 0), Some(-5 * 3600)))
        );
        assert_eq!(
            iso_datetime("2019-02-19t14:19z"),
            Some(((2019, 2, 19), (14, 19, 0), Some(0)))
        );
        assert_eq!(iso_datetime("2019-02-19"), None);
        assert_eq!(iso_datetime("19-02-2019t09:19"), None);
    }

    #[test]
    fn numeric_dates() {
        assert_eq!(numeric_date("19.02.2019"), Some(((2019, 2, 19), true)));
        assert_eq!(numeric_date("02/19/2019"), Some(((2019, 2, 19), true)));
        assert_eq!(numeric_date("03/04/2019").map(|(_, ok)| ok), Some(false));
        assert_eq!(numeric_date("2019-02"), None);
    }
}
