//! The word tables of the date-line grammar: words that may introduce a date
//! line, weekday and month names, and time-zone abbreviations. Every table
//! takes a lowercase word.

/// Words that may introduce or join the parts of a date line and carry no
/// date themselves ("Published", "Updated on", "at", separators).
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

/// Whether `t` (lowercase, without a trailing `:` or `.`) is a word that may
/// stand in a date line without being part of the date.
pub(crate) fn is_prefix(t: &str) -> bool {
    PREFIXES.contains(&t)
}

/// The seven weekday names, lowercase, Monday first.
pub(crate) const WEEKDAYS: [&str; 7] = [
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
];

/// Whether `t` (lowercase) names a weekday, in full or abbreviated.
pub(crate) fn weekday(t: &str) -> bool {
    const ABBREVIATIONS: &[&str] = &[
        "mon", "tue", "tues", "wed", "thu", "thur", "thurs", "fri", "sat", "sun",
    ];
    WEEKDAYS.contains(&t) || ABBREVIATIONS.contains(&t)
}

/// The twelve month names, lowercase, January first.
pub(crate) const MONTHS: [&str; 12] = [
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

/// The month (1 to 12) that `t` (lowercase) names: the full name or any
/// prefix of it of three letters or more ("feb", "sept", "janu").
pub(crate) fn month(t: &str) -> Option<u32> {
    if t.len() < 3 {
        return None;
    }
    let i = MONTHS.iter().position(|m| m.starts_with(t))?;
    u32::try_from(i + 1).ok()
}

/// A time zone named by its abbreviation.
pub(crate) enum Zone {
    /// A fixed offset, seconds east of UTC ("EST", "CEST").
    Fixed(i32),
    /// A US zone written without S/D ("ET"): its standard offset in hours;
    /// daylight saving time decides the offset on the day.
    Us(i32),
}

/// The zone that the lowercase abbreviation `t` names.
pub(crate) fn zone(t: &str) -> Option<Zone> {
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

/// Whether `raw` (as written) looks like a zone abbreviation that is not in
/// [`zone`]'s table: three to five capital letters ending in `T` ("SAST",
/// "NZT"). Its offset is unknown, so a time with it gives the day only.
pub(crate) fn zone_like(raw: &str) -> bool {
    (3..=5).contains(&raw.len())
        && raw.ends_with('T')
        && raw.bytes().all(|b| b.is_ascii_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn months_and_their_prefixes() {
        assert_eq!(month("february"), Some(2));
        assert_eq!(month("feb"), Some(2));
        assert_eq!(month("sept"), Some(9));
        assert_eq!(month("ma"), None);
        assert_eq!(month("mar"), Some(3));
        assert_eq!(month("may"), Some(5));
        assert_eq!(month("mayor"), None);
        assert_eq!(month(""), None);
    }

    #[test]
    fn zone_like_words() {
        assert!(zone_like("SAST"));
        assert!(zone_like("NZT"));
        assert!(!zone_like("AT"));
        assert!(!zone_like("Sast"));
        assert!(!zone_like("SASTX"));
        assert!(!zone_like("ABOUT_"));
    }
}
