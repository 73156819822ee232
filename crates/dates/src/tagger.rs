//! The date grammar: finds temporal expressions in the token stream and
//! normalizes each to a TIMEX3 type, value and modifier, resolving relative
//! ones against the anchor with the tense of their sentence.
//!
//! Matching is hand-written: at each token that can start an expression
//! (a word of the lexicon or a number) every pattern is tried and the longest
//! match wins; the scan then continues after it. Patterns call each other for
//! the parts they share (a modifier before a duration, "early" before a
//! month, a weekday before a date).

use crate::token::{tokenize, Kind, Kw, Lex, Pod, Tok, Unit};
use crate::value::{
    add_days, add_months, easter, iso_week, nth_weekday, offset_str, quarter_of, season_of,
    weekday, ymd, Anchor, Point,
};
use crate::DatesOptions;
use gleaner_core::TimexType;
use std::ops::Range;

/// One temporal expression found in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// Byte range in the text.
    pub range: Range<usize>,
    /// TIMEX3 type.
    pub kind: TimexType,
    /// TIMEX3 value.
    pub value: String,
    /// TIMEX3 modifier, if any.
    pub modifier: Option<String>,
    /// True when the value was computed from the anchor.
    pub anchored: bool,
}

/// Finds and normalizes temporal expressions.
#[derive(Debug, Clone, Default)]
pub struct DateTagger {
    day_first: bool,
}

impl DateTagger {
    /// A tagger with these options (`anchor` is the analyzer's business and
    /// is not used here).
    pub fn new(opts: DatesOptions) -> Self {
        Self {
            day_first: opts.day_first,
        }
    }

    /// Tags `text`; relative expressions resolve against `anchor` when given.
    /// Sentences for tense context are found with a simple splitter.
    pub fn tag(&self, text: &str, anchor: Option<&Anchor>) -> Vec<Timex> {
        self.tag_with_sentences(text, anchor, &[])
    }

    /// Like [`DateTagger::tag`], with known sentence byte ranges (in order)
    /// used for tense context; an empty slice means "split on your own".
    pub fn tag_with_sentences(
        &self,
        text: &str,
        anchor: Option<&Anchor>,
        sentences: &[Range<usize>],
    ) -> Vec<Timex> {
        let toks = tokenize(text);
        let sid = sentence_ids(text, &toks, sentences);
        let m = Matcher {
            text,
            t: &toks,
            a: anchor.copied(),
            day_first: self.day_first,
            sid: &sid,
            doc_quarter: toks
                .iter()
                .any(|t| t.lex == Lex::Unit(crate::token::Unit::Quarter, false)),
            sports: std::cell::OnceCell::new(),
            named_quarter: named_quarter(text, &toks, anchor.map(|a| a.year())),
        };
        let mut out = Vec::new();
        // The last day, month and year named in the text, for "the day".
        let mut named = Named::default();
        let mut i = 0;
        while i < toks.len() {
            match m.try_at(i) {
                Some(mut f) if f.e > i => {
                    let sent = sid.get(f.s).copied().unwrap_or(0);
                    if let (Some(r), Some(a)) = (f.refer, m.a) {
                        // A bare clock time takes only a day named before it
                        // in its own sentence, on its own line ("saying all
                        // centres were open by 09:30" is not on the Monday a
                        // sentence before): else the day the story is at.
                        let own = !f.ref_own_sentence
                            || m.that_day_before(f.s)
                            || named.day_end.is_some_and(|(s, e)| {
                                s == sent && e <= f.s && !(e..=f.s).any(|x| m.nl(x))
                            });
                        let window = f.ref_same_sentence.then_some(0);
                        let resolved = own.then(|| named.resolve(r, sent, window)).flatten();
                        if resolved.is_none() && f.ref_only {
                            i += 1;
                            continue;
                        }
                        if let Some(v) = resolved {
                            let own = Point::Day(a.date).value();
                            f.val = match r.0 {
                                // Keep a part of day or a time after the day.
                                Unit::Day if r.1 == 0 && f.val.starts_with(&own) => {
                                    format!("{v}{}", &f.val[own.len()..])
                                }
                                Unit::Day if r.1 == 0 => f.val,
                                _ => v,
                            };
                        }
                    }
                    if matches!(f.kind, TimexType::Date | TimexType::Time)
                        && named.note(&f.val, sent)
                    {
                        named.day_end = Some((sent, f.e));
                    }
                    let (s, e) = (toks[f.s].s, toks[f.e - 1].e);
                    // "April 24 and 25": the second day shares month and year.
                    let second = f.day.filter(|_| f.kind == TimexType::Date).and_then(|d| {
                        let k = f.e;
                        let joins = m.kw(k, Kw::And) || m.kw(k, Kw::Or) || m.kw(k, Kw::To);
                        let (n, nd) = m.num(k + 1)?;
                        let follows = m.t.get(k + 2).map(|t| t.lex);
                        let free = !matches!(follows, Some(Lex::Unit(..) | Lex::Month(..)))
                            && !m.p(k + 2, b':')
                            && !m.p(k + 2, b'%');
                        (joins && nd <= 2 && free)
                            .then(|| {
                                ymd(
                                    i32::from(d.year()),
                                    u8::try_from(d.month()).ok()?,
                                    u8::try_from(n).ok()?,
                                )
                            })
                            .flatten()
                            .filter(|d2| *d2 > d)
                            .map(|d2| (k + 1, d2))
                    });
                    out.push(Timex {
                        range: s..e,
                        kind: f.kind,
                        value: f.val,
                        modifier: f.md.map(str::to_string),
                        anchored: f.anch,
                    });
                    i = f.e;
                    if let Some((k, d2)) = second {
                        out.push(Timex {
                            range: toks[k].s..toks[k].e,
                            kind: TimexType::Date,
                            value: Point::Day(d2).value(),
                            modifier: None,
                            anchored: f.anch,
                        });
                        i = k + 1;
                    }
                }
                _ => i += 1,
            }
        }
        out
    }
}

/// The day, month and year last named in a text, with their sentences.
#[derive(Default)]
struct Named {
    day: Option<(jiff::civil::Date, u32)>,
    month: Option<(i32, u8, u32)>,
    year: Option<(i32, u32)>,
    /// The sentence and the token after the expression that named `day`.
    day_end: Option<(u32, usize)>,
}

impl Named {
    /// Notes the point a DATE or TIME value names; true when it names a day.
    fn note(&mut self, v: &str, sent: u32) -> bool {
        let num = |r: Range<usize>| {
            v.get(r)
                .filter(|x| x.bytes().all(|b| b.is_ascii_digit()))
                .and_then(|x| x.parse::<i32>().ok())
        };
        let Some(y) = num(0..4) else { return false };
        if !(v.len() == 4 || v.as_bytes().get(4) == Some(&b'-')) {
            return false;
        }
        self.year = Some((y, sent));
        let Some(m) = num(5..7)
            .and_then(|m| u8::try_from(m).ok())
            .filter(|m| (1..=12).contains(m))
        else {
            return false;
        };
        self.month = Some((y, m, sent));
        if let Some(d) = v
            .get(..10)
            .filter(|d| is_day_value(d))
            .and_then(|_| num(8..10))
            .and_then(|d| ymd(y, m, u8::try_from(d).ok()?))
        {
            self.day = Some((d, sent));
            return true;
        }
        false
    }

    /// The value `r.1` units of `r.0` from the point last named within a
    /// few sentences before `sent`.
    /// `window` narrows how many sentences back the point may be.
    fn resolve(&self, r: (Unit, i32), sent: u32, window: Option<u32>) -> Option<String> {
        let near = |s: u32, n: u32| sent.saturating_sub(s) <= window.unwrap_or(n).min(n);
        match r.0 {
            Unit::Day => {
                let (d, s) = self.day?;
                near(s, 3).then_some(())?;
                add_days(d, i64::from(r.1)).map(|d| Point::Day(d).value())
            }
            Unit::Month => {
                let (y, m, s) = self.month?;
                // "the same period last year" (-12) only after a month named
                // in its own sentence ("rose in February compared to …").
                near(s, if r.1.abs() >= 12 { 0 } else { 5 }).then_some(())?;
                let k = y * 12 + i32::from(m) - 1 + r.1;
                let mm = u8::try_from(k.rem_euclid(12) + 1).ok()?;
                Some(Point::Month(k.div_euclid(12), mm).value())
            }
            Unit::Week => {
                // "the following week": the week after the day named; after
                // only a month ("learned of it in August and began an
                // inquiry the following week") a week of that year, not
                // the anchor's next week.
                // The day only when no month was named after it.
                let month_after = |ds: u32| self.month.is_some_and(|(_, _, ms)| ms > ds);
                if let Some((d, _)) = self.day.filter(|&(_, s)| near(s, 3) && !month_after(s)) {
                    let (y, w) = iso_week(add_days(d, 7 * i64::from(r.1))?);
                    return Some(Point::Week(y, w).value());
                }
                let (y, _, s) = self.month?;
                near(s, 3).then_some(())?;
                Some(format!("{y:04}-WXX"))
            }
            Unit::Year => {
                let (y, s) = self.year?;
                near(s, 5).then_some(())?;
                Some(Point::Year(y + r.1).value())
            }
            _ => None,
        }
    }
}

/// Whether `v` is a calendar day value, `YYYY-MM-DD`.
fn is_day_value(v: &str) -> bool {
    v.len() == 10
        && v.bytes().enumerate().all(|(k, b)| {
            if k == 4 || k == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// Sentence number of each token: from the given ranges, or by splitting on
/// sentence-final punctuation followed by a capital and on blank lines.
fn sentence_ids(text: &str, toks: &[Tok], sentences: &[Range<usize>]) -> Vec<u32> {
    let mut ids = Vec::with_capacity(toks.len());
    if !sentences.is_empty() {
        let mut k = 0usize;
        for t in toks {
            while k + 1 < sentences.len() && sentences[k].end <= t.s {
                k += 1;
            }
            ids.push(u32::try_from(k).unwrap_or(u32::MAX));
        }
        return ids;
    }
    let mut cur = 0u32;
    let b = text.as_bytes();
    for (j, t) in toks.iter().enumerate() {
        if j > 0 {
            let p = &toks[j - 1];
            let blank = t.nl
                && text
                    .get(p.e..t.s)
                    .is_some_and(|g| g.matches('\n').count() > 1);
            let end_punct = p.kind == Kind::Punct
                && matches!(p.ch, b'.' | b'!' | b'?')
                && t.sp
                && (t.cap || t.kind != Kind::Word)
                && !(j >= 2 && matches!(toks[j - 2].lex, Lex::Month(_, true)))
                && !(p.ch == b'.' && j >= 2 && title_abbrev(text, toks, j - 2));
            if blank || end_punct || (t.nl && b.get(p.e) == Some(&b'\n')) {
                cur += 1;
            }
        }
        ids.push(cur);
    }
    ids
}

/// Whether the word at `k`, right before a period, is an abbreviation that
/// comes before a name and so never ends a sentence: a title ("Dr.",
/// "Sen.", "Gen."), "vs." or an initial ("John F. Kennedy"; not the last
/// letter of "U.S.", which can end one).
fn title_abbrev(text: &str, toks: &[Tok], k: usize) -> bool {
    let (Some(w), Some(dot)) = (toks.get(k), toks.get(k + 1)) else {
        return false;
    };
    if w.kind != Kind::Word || w.e != dot.s {
        return false;
    }
    let Some(word) = text.get(w.s..w.e) else {
        return false;
    };
    if word.len() == 1 {
        let acronym = k
            .checked_sub(1)
            .and_then(|p| toks.get(p))
            .is_some_and(|p| p.kind == Kind::Punct && p.ch == b'.' && p.e == w.s);
        return !acronym && word.bytes().all(|b| b.is_ascii_uppercase());
    }
    [
        "Mr", "Mrs", "Ms", "Dr", "Prof", "Gen", "Sen", "Rep", "Gov", "Lt", "Col", "Sgt", "Capt",
        "Adm", "Cmdr", "Rev", "Sens", "Reps", "Messrs", "St", "vs", "Vs", "v",
    ]
    .contains(&word)
}

/// Past or future reference, from the tense of the context.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Dir {
    Past,
    Future,
    Unknown,
}

/// A quantity in a duration.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Q {
    N(u32),
    /// n and a half.
    Half(u32),
    /// Unspecified ("a few", "several").
    X,
}

/// A match: token range, type, value, modifier.
#[derive(Debug, Clone)]
struct Found {
    s: usize,
    e: usize,
    kind: TimexType,
    val: String,
    md: Option<&'static str>,
    anch: bool,
    /// A preceding "the" belongs to the expression.
    the_ok: bool,
    /// The point, for patterns that build on it (time after a date…).
    day: Option<jiff::civil::Date>,
    /// A duration or a date computed with "ago": may take a modifier word.
    modable: bool,
    /// "the day", "the same day", "later in the day" (Day, 0), "the
    /// following year" (Year, 1): that many units from the day, month or
    /// year last named nearby in the text, else from the anchor.
    refer: Option<(Unit, i32)>,
    /// Only an expression when `refer` finds its point in the text ("that
    /// year" with no year named nearby is dropped).
    ref_only: bool,
    /// `refer` may only find a day named earlier in the same sentence and
    /// line (a bare clock time).
    ref_own_sentence: bool,
    /// `refer` may only find a point named earlier in the same sentence,
    /// and keeps the expression's own value otherwise ("a month earlier").
    ref_same_sentence: bool,
}

impl Found {
    fn new(s: usize, e: usize, kind: TimexType, val: String, anch: bool) -> Self {
        Found {
            s,
            e,
            kind,
            val,
            md: None,
            anch,
            the_ok: false,
            day: None,
            modable: false,
            refer: None,
            ref_only: false,
            ref_own_sentence: false,
            ref_same_sentence: false,
        }
    }
    fn date(s: usize, e: usize, p: Point, anch: bool) -> Self {
        let day = match p {
            Point::Day(d) => Some(d),
            _ => None,
        };
        let mut f = Found::new(s, e, TimexType::Date, p.value(), anch);
        f.day = day;
        f
    }
    fn the(mut self) -> Self {
        self.the_ok = true;
        self
    }
    fn with_md(mut self, md: &'static str) -> Self {
        self.md = Some(md);
        self
    }
    fn day_ref(mut self) -> Self {
        self.refer = Some((Unit::Day, 0));
        self
    }
}

struct Matcher<'a> {
    text: &'a str,
    t: &'a [Tok],
    a: Option<Anchor>,
    day_first: bool,
    sid: &'a [u32],
    /// The text talks about quarters (an earnings report).
    doc_quarter: bool,
    /// The quarter number the text first names without a year ("its
    /// fiscal first quarter", "third-quarter profit"): the reported one.
    named_quarter: Option<u8>,
    /// The text is a match report (see `match_period`); computed when
    /// first needed.
    sports: std::cell::OnceCell<bool>,
}

/// Words of match reports: two different ones in a text make a bare
/// "first half" or "fourth quarter" the game's, not the year's. Not
/// "goal", "penalty" or "scored", which business and court news use too.
const SPORTS_WORDS: &[&str] = &[
    "header",
    "touchdown",
    "touchdowns",
    "halftime",
    "kickoff",
    "striker",
    "goalkeeper",
    "quarterback",
    "innings",
    "equaliser",
    "equalizer",
    "equalised",
    "equalized",
    "stoppage",
    "referee",
    "midfielder",
    "rebounds",
    "playoff",
    "playoffs",
];

/// Words of results: a sentence with one is about a company's period.
const RESULTS_WORDS: &[&str] = &[
    "profit", "profits", "revenue", "revenues", "sales", "earnings", "income", "net", "loss",
    "losses", "dividend",
];

/// The first quarter named by its ordinal without a year in `toks`
/// ("third-quarter", "the fiscal fourth quarter"), if any.
fn named_quarter(text: &str, toks: &[Tok], anchor_year: Option<i32>) -> Option<u8> {
    toks.iter().enumerate().find_map(|(i, t)| {
        if let Lex::Kw(Kw::Q(q)) = t.lex {
            // "Q3", "Q3 FY2026", "Q3 2026": the reported quarter unless a
            // year other than the anchor's follows.
            let next = toks.get(i + 1).filter(|n| !n.nl);
            let year = next.and_then(|n| {
                let w = text.get(n.s..n.e)?;
                let digits = w.strip_prefix("FY").unwrap_or(w);
                match digits.len() {
                    4 => digits.parse::<i32>().ok(),
                    2 if w.starts_with("FY") => digits.parse::<i32>().ok().map(|y| 2000 + y),
                    _ => None,
                }
            });
            return match (year, anchor_year) {
                (None, _) => Some(q),
                (Some(y), Some(a)) if y == a => Some(q),
                _ => None,
            };
        }
        let n = match (t.kind, t.lex) {
            (Kind::OrdNum, _) => t.num,
            (_, Lex::Ord(n)) => n,
            (_, Lex::Unit(Unit::Second, false)) => 2,
            _ => return None,
        };
        if !(1..=4).contains(&n) {
            return None;
        }
        let mut j = i + 1;
        if toks
            .get(j)
            .is_some_and(|h| h.kind == Kind::Punct && h.ch == b'-' && !h.sp)
        {
            j += 1;
        }
        if toks.get(j)?.lex != Lex::Unit(Unit::Quarter, false) {
            return None;
        }
        // "the 1988 third quarter", "the third quarter of 1988", "next
        // year's first quarter": another year's quarter.
        let prev_year_or_rel = i.checked_sub(1).and_then(|p| toks.get(p)).is_some_and(|p| {
            (p.kind == Kind::Num && p.ndig == 4)
                || matches!(
                    p.lex,
                    Lex::Kw(Kw::Next | Kw::Last | Kw::Previous | Kw::Same)
                )
        });
        let of_after = toks.get(j + 1).is_some_and(|o| o.lex == Lex::Kw(Kw::Of));
        if prev_year_or_rel || of_after {
            return None;
        }
        u8::try_from(n).ok()
    })
}

fn unit_code(u: Unit) -> (&'static str, &'static str, u32) {
    // (prefix, letter, multiplier)
    match u {
        Unit::Second => ("PT", "S", 1),
        Unit::Minute => ("PT", "M", 1),
        Unit::Hour => ("PT", "H", 1),
        Unit::Day => ("P", "D", 1),
        Unit::Week => ("P", "W", 1),
        Unit::Fortnight => ("P", "W", 2),
        Unit::Weekend => ("P", "WE", 1),
        Unit::Month => ("P", "M", 1),
        Unit::Quarter => ("P", "Q", 1),
        Unit::Year => ("P", "Y", 1),
        Unit::Decade => ("P", "Y", 10),
        Unit::Century => ("P", "Y", 100),
    }
}

fn duration(u: Unit, q: Q) -> String {
    let (p, l, mul) = unit_code(u);
    match q {
        Q::N(n) => format!("{p}{}{l}", n.saturating_mul(mul)),
        Q::X => format!("{p}X{l}"),
        Q::Half(n) => match u {
            Unit::Year => format!("P{n}Y6M"),
            Unit::Hour => format!("PT{n}H30M"),
            Unit::Day => format!("P{n}DT12H"),
            Unit::Minute => format!("PT{n}M30S"),
            Unit::Month => format!("P{n}M15D"),
            Unit::Week => format!("P{}D", n * 7 + 3),
            _ => format!("{p}{}{l}", n.saturating_mul(mul)),
        },
    }
}

impl<'a> Matcher<'a> {
    // ----- token helpers -------------------------------------------------

    fn lex(&self, j: usize) -> Lex {
        self.t.get(j).map_or(Lex::None, |t| t.lex)
    }
    fn kw(&self, j: usize, k: Kw) -> bool {
        self.lex(j) == Lex::Kw(k)
    }
    fn p(&self, j: usize, c: u8) -> bool {
        self.t
            .get(j)
            .is_some_and(|t| t.kind == Kind::Punct && t.ch == c)
    }
    /// A quotation mark at j: `"`, `''`, a curly double quote.
    fn quote(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j) else { return false };
        t.kind == Kind::Punct
            && (t.ch == b'"'
                || (t.ch == b'\'' && self.p(j + 1, b'\'') && self.tight(j + 1))
                || self
                    .text
                    .get(t.s..t.e)
                    .is_some_and(|x| x == "\u{201c}" || x == "\u{201d}"))
    }

    /// An apostrophe, straight or curly.
    fn apos(&self, j: usize) -> bool {
        self.p(j, b'\'') || (self.p(j, 0xE2) && self.word(j) == "\u{2019}")
    }
    fn tight(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| !t.sp)
    }
    /// Skips a hyphen joining two tokens ("third-quarter").
    fn hy(&self, j: usize) -> usize {
        if self.p(j, b'-') && self.tight(j) && self.tight(j + 1) {
            j + 1
        } else {
            j
        }
    }
    /// Skips a period right after the previous token ("Nov.").
    fn dot(&self, j: usize) -> usize {
        if self.p(j, b'.') && self.tight(j) {
            j + 1
        } else {
            j
        }
    }
    fn num(&self, j: usize) -> Option<(u32, u8)> {
        let t = self.t.get(j)?;
        (t.kind == Kind::Num && t.lex == Lex::None).then_some((t.num, t.ndig))
    }
    fn word(&self, j: usize) -> &'a str {
        self.t.get(j).map_or("", |t| &self.text[t.s..t.e])
    }
    fn is_word(&self, j: usize, w: &str) -> bool {
        self.word(j).eq_ignore_ascii_case(w)
    }
    /// Whether a line break precedes token j (a live blog's "Friday" at
    /// the end of one paragraph and "07:58 GMT" heading the next are not
    /// one expression).
    fn nl(&self, j: usize) -> bool {
        self.t.get(j).is_some_and(|t| t.nl)
    }
    /// Whether "that day", "the same day", "that morning"… comes before j
    /// in its sentence and line: a bare time there is on the day named
    /// before ("Crews arrived that day at 10 p.m.").
    fn that_day_before(&self, j: usize) -> bool {
        let mut k = j;
        while k > 1 && self.same_sent(k - 1, j) && !self.nl(k) {
            k -= 1;
            let that = self.is_word(k - 1, "that") || self.is_word(k - 1, "same");
            if that
                && ["day", "morning", "afternoon", "evening", "night"]
                    .iter()
                    .any(|w| self.is_word(k, w))
            {
                return true;
            }
        }
        false
    }
    fn same_sent(&self, a: usize, b: usize) -> bool {
        self.sid.get(a).is_some() && self.sid.get(a) == self.sid.get(b)
    }
    /// A year number at j (4 digits, 1000..=2199), with the next index.
    fn year_at(&self, j: usize) -> Option<(i32, usize)> {
        let (n, d) = self.num(j)?;
        if d == 4 && (1000..=2199).contains(&n) && !self.p(j + 1, b'%') {
            return Some((i32::try_from(n).ok()?, j + 1));
        }
        None
    }
    /// A fiscal year at j written "FY2026", "FY26", "FY 2026" or "FY'26":
    /// the year and the next index. Two digits are 20xx below 50, else
    /// 19xx.
    fn fy_year(&self, j: usize) -> Option<(i32, usize)> {
        let t = self.t.get(j)?;
        if t.kind != Kind::Word {
            return None;
        }
        let rest = self.word(j).strip_prefix("FY")?;
        let two = |n: u32| -> Option<i32> {
            let n = i32::try_from(n).ok()?;
            Some(if n < 50 { 2000 + n } else { 1900 + n })
        };
        if rest.is_empty() {
            if self.nl(j + 1) {
                return None;
            }
            if let Some(x) = self.year_at(j + 1) {
                return Some(x);
            }
            if self.apos(j + 1) && self.tight(j + 1) && self.tight(j + 2) {
                let (n, d) = self.num(j + 2)?;
                return (d == 2).then_some((two(n)?, j + 3));
            }
            let (n, d) = self.num(j + 1)?;
            return (d == 2).then_some((two(n)?, j + 2));
        }
        if !rest.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        let n: u32 = rest.parse().ok()?;
        match rest.len() {
            4 if (1900..=2199).contains(&n) => Some((i32::try_from(n).ok()?, j + 1)),
            2 => Some((two(n)?, j + 1)),
            _ => None,
        }
    }

    /// A fiscal year ("FY2026") as the year, as "fiscal 2026" is; with a
    /// quarter or half after it ("FY26 Q3") that quarter of the year.
    fn p_fy(&self, i: usize) -> Option<Found> {
        let (y, e) = self.fy_year(i)?;
        if !self.nl(e) {
            match self.lex(e) {
                Lex::Kw(Kw::Q(q)) => {
                    return Some(Found::date(i, e + 1, Point::Quarter(y, q), false))
                }
                Lex::Kw(Kw::H(h)) => return Some(Found::date(i, e + 1, Point::Half(y, h), false)),
                _ => {}
            }
        }
        Some(Found::date(i, e, Point::Year(y), false))
    }

    /// A year in words at j: "nineteen ninety-four", "two thousand".
    fn spoken_year(&self, j: usize) -> Option<(i32, usize)> {
        let Lex::Num(a) = self.lex(j) else {
            return None;
        };
        if a == 2 && self.is_word(j + 1, "thousand") {
            let mut y = 2000;
            let mut k = j + 2;
            if self.kw(k, Kw::And) {
                k += 1;
            }
            if let Lex::Num(b) = self.lex(k) {
                if b < 20 {
                    y += i32::try_from(b).ok()?;
                    k += 1;
                }
            }
            return Some((y, k));
        }
        if !(11..=20).contains(&a) {
            return None;
        }
        let Lex::Num(b) = self.lex(j + 1) else {
            return None;
        };
        if !(10..=90).contains(&b) {
            return None;
        }
        let mut y = a * 100 + b;
        let mut k = j + 2;
        if b >= 20 {
            let k2 = self.hy(k);
            if let Lex::Num(u) = self.lex(k2) {
                if u < 10 {
                    y += u;
                    k = k2 + 1;
                }
            }
        }
        Some((i32::try_from(y).ok()?, k))
    }

    /// "last year", "this year", "next year" at j: the year.
    fn rel_year(&self, j: usize) -> Option<(Option<i32>, usize)> {
        if !matches!(self.lex(j + 1), Lex::Unit(Unit::Year, false)) {
            return None;
        }
        let d = match self.lex(j) {
            Lex::Kw(Kw::Last) | Lex::Kw(Kw::Past) | Lex::Kw(Kw::Previous) => -1,
            Lex::Kw(Kw::This) | Lex::Kw(Kw::Current) => 0,
            Lex::Kw(Kw::Next) | Lex::Kw(Kw::Coming) => 1,
            _ => return None,
        };
        Some((self.a.map(|a| a.year() + d), j + 2))
    }
    /// A year given explicitly or relatively ("2018", "last year").
    fn any_year(&self, j: usize) -> Option<(Option<i32>, usize, bool)> {
        if let Some((y, k)) = self.year_at(j).or_else(|| self.spoken_year(j)) {
            return Some((Some(y), k, false));
        }
        self.rel_year(j).map(|(y, k)| (y, k, true))
    }

    // ----- tense -----------------------------------------------------------

    /// The direction of reference for an expression over tokens s..e.
    fn dir(&self, s: usize, e: usize) -> Dir {
        // Words right before the expression that fix the direction.
        let mut j = s;
        for _ in 0..3 {
            let Some(p) = j.checked_sub(1) else { break };
            if !self.same_sent(p, s) {
                break;
            }
            let w = self.word(p);
            if self.reporting(p) {
                return Dir::Past;
            }
            if w.eq_ignore_ascii_case("for")
                && p > 0
                && ["planned", "scheduled", "set", "slated", "due", "expected"]
                    .iter()
                    .any(|c| self.is_word(p - 1, c))
            {
                // "A hearing set for July was postponed": the schedule is
                // reported as past; the nearest one.
                let past_after = (e..(e + 4).min(self.t.len()))
                    .take_while(|&k| self.same_sent(k, s))
                    .any(|k| ["was", "were", "had"].iter().any(|v| self.is_word(k, v)));
                return if past_after {
                    Dir::Unknown
                } else {
                    Dir::Future
                };
            }
            // "holders of record Nov. 15" (not "record fourth-quarter
            // profit", the adjective).
            let of_record = w.eq_ignore_ascii_case("record") && p > 0 && self.kw(p - 1, Kw::Of);
            // "new fares apply beginning in March".
            if of_record
                || self.schedule_start(p)
                || ["payable", "effective", "by", "until", "till", "due"]
                    .iter()
                    .any(|c| w.eq_ignore_ascii_case(c))
            {
                return Dir::Future;
            }
            if ["through", "thru"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c))
            {
                // "loans through January", "this year through August": a
                // span's end, either side of the anchor; the nearest.
                return Dir::Unknown;
            }
            if self.kw(p, Kw::Last) && p + 1 == s {
                // "last Oct. 23": the latest past one.
                return Dir::Past;
            }
            if ["since", "ended", "dating"]
                .iter()
                .any(|c| w.eq_ignore_ascii_case(c))
            {
                return Dir::Past;
            }
            if !matches!(
                self.lex(p),
                Lex::Kw(
                    Kw::On
                        | Kw::In
                        | Kw::Of
                        | Kw::The
                        | Kw::At
                        | Kw::Least
                        | Kw::Early
                        | Kw::Late
                        | Kw::Mid
                )
            ) && !self.p(p, b'-')
            {
                break;
            }
            j = p;
        }
        // Verbs after a conjunction that follows the expression belong to
        // another clause ("would hold hearings in April | but predicted the
        // bill would pass").
        self.clause_then_sentence(s, e, |cut| {
            Some(self.dir_scan(s, e, cut)).filter(|&d| d != Dir::Unknown)
        })
        .unwrap_or(Dir::Unknown)
    }

    /// Runs a tense scan of `s..e` first within the expression's own clause
    /// (`scan` gets the clause's end, see `clause_end`), then, when that
    /// finds no tense and the clause ends before the sentence does, over the
    /// whole sentence (`scan` gets `None`).
    fn clause_then_sentence(
        &self,
        s: usize,
        e: usize,
        scan: impl Fn(Option<usize>) -> Option<Dir>,
    ) -> Option<Dir> {
        let clause_end = self.clause_end(s, e);
        scan(clause_end).or_else(|| clause_end.and_then(|_| scan(None)))
    }

    /// The first word after `s..e` in its sentence (within 25 tokens) that
    /// opens another clause: "but", "after", "before", "because"…
    fn clause_end(&self, s: usize, e: usize) -> Option<usize> {
        (e..(e + 25).min(self.t.len()))
            .take_while(|&j| self.same_sent(j, s))
            .find(|&j| {
                [
                    "after", "before", "because", "although", "though", "whereas", "but",
                ]
                .iter()
                .any(|w| self.is_word(j, w))
            })
    }

    /// Whether "starting" or "beginning" at `p` opens a schedule ("new fares
    /// apply beginning in March"): not when it opens its sentence
    /// ("Starting Monday, the bridge was closed" takes that sentence's
    /// tense).
    fn schedule_start(&self, p: usize) -> bool {
        p > 0
            && self.same_sent(p - 1, p)
            && ["starting", "beginning"].iter().any(|w| self.is_word(p, w))
    }

    /// A participle opening a phrase after a comma ("…, followed by a
    /// memorial"): it has no tense of its own.
    fn participle(&self, j: usize) -> bool {
        j > 0 && self.p(j - 1, b',') && self.is_word(j + 1, "by")
    }

    /// The first quotation mark at or after `e` in the sentence of `s`, found
    /// once per scan rather than again for every token looked at.
    fn first_quote_in_sentence(&self, s: usize, e: usize) -> Option<usize> {
        (e..self.t.len())
            .take_while(|&k| self.same_sent(k, s))
            .find(|&k| self.quote(k))
    }

    /// The tense cue for `dir`, scanning both sides of `s..e` and, after it,
    /// not past `clause_end`.
    fn dir_scan(&self, s: usize, e: usize, clause_end: Option<usize>) -> Dir {
        let far = self.t.len();
        let first_quote = self.first_quote_in_sentence(s, e);
        // First both sides nearby; then, when that finds no tense, farther
        // right in the sentence: a fronted expression ("In January, a week
        // after the anniversary of the ruling, a bombing killed a guard")
        // takes the tense of its main clause, however long the adverbial.
        for (d, near) in (1..=25usize)
            .map(|d| (d, true))
            .chain((11..far).map(|d| (d, false)))
        {
            if !near && (e - 1 + d >= self.t.len() || !self.same_sent(e - 1 + d, s)) {
                break;
            }
            let mut hits = [Dir::Unknown; 2];
            // The right side is the expression's own clause only nearby.
            let right = (d <= 10 || !near).then_some(e - 1 + d);
            let left = if near { s.checked_sub(d) } else { None };
            for (h, j) in [left, right].into_iter().enumerate() {
                let Some(j) = j else { continue };
                if j >= self.t.len() || !self.same_sent(j, s) {
                    continue;
                }
                if h == 1 && clause_end.is_some_and(|c| j > c) {
                    continue;
                }
                if h == 1 && first_quote.is_some_and(|q| q <= j) {
                    // The verb after a closing quote is the report's; so is
                    // everything farther on.
                    if !near {
                        return Dir::Unknown;
                    }
                    continue;
                }
                let t = &self.t[j];
                hits[h] = match t.lex {
                    _ if h == 1 && self.tail_attribution(e, j) => Dir::Unknown,
                    _ if h == 1 && self.main_verb_after_relative(s, e, j) => Dir::Unknown,
                    _ if d <= 4 && self.reporting(j) => Dir::Past,
                    _ if self.to_future(j) => self.future_cue(j),
                    Lex::Kw(Kw::FutureCue) => self.future_cue(j),
                    Lex::Kw(Kw::Until) | Lex::Kw(Kw::Coming) => Dir::Future,
                    Lex::Kw(Kw::PresentCue) if self.kw(j + 1, Kw::To) => Dir::Future,
                    // "decided to admit them in March": the infinitive.
                    Lex::Kw(Kw::To)
                        if h == 0 && self.infinitive(j + 1) && self.past_verb_before(j) =>
                    {
                        Dir::Future
                    }
                    Lex::Kw(Kw::Next) if d > 2 && !self.kw(j + 1, Kw::To) => Dir::Future,
                    Lex::Kw(Kw::PastCue) if !self.reporting(j) => self.verb_dir(j),
                    Lex::Kw(Kw::Ago) | Lex::Kw(Kw::Since) => Dir::Past,
                    Lex::Kw(Kw::Last) if d > 2 => Dir::Past,
                    Lex::None
                        if t.ed
                            && t.kind == Kind::Word
                            && !t.cap
                            && !self.reporting(j)
                            && !self.adjectival(j)
                            && !self.participle(j) =>
                    {
                        self.verb_dir(j)
                    }
                    _ => Dir::Unknown,
                };
            }
            if hits[0] != Dir::Unknown {
                return hits[0];
            }
            if hits[1] != Dir::Unknown {
                return hits[1];
            }
        }
        Dir::Unknown
    }

    /// Whether the word at j, after "to", looks like a bare verb: a
    /// lower-case word outside the lexicon, not an -ed, -ing or plural form.
    fn infinitive(&self, j: usize) -> bool {
        let Some(t) = self.t.get(j) else { return false };
        let w = self.word(j);
        t.kind == Kind::Word
            && t.lex == Lex::None
            && !t.cap
            && !t.ed
            && w.len() > 2
            && !w.ends_with("ing")
            && !w.ends_with('s')
            && ![
                "be", "date", "market", "power", "court", "office", "home", "work",
            ]
            .iter()
            .any(|x| w.eq_ignore_ascii_case(x))
    }

    /// Whether a past verb governs the "to" at j within three words
    /// ("agreed to buy", "had chosen to square", "asked them to leave").
    fn past_verb_before(&self, j: usize) -> bool {
        (1..=3).any(|k| {
            j.checked_sub(k).is_some_and(|p| {
                self.same_sent(p, j)
                    && self.t[p].kind == Kind::Word
                    && !self.t[p].cap
                    && (self.t[p].ed
                        || ["chosen", "chose", "sought", "vowed"]
                            .iter()
                            .any(|w| self.is_word(p, w)))
            })
        })
    }

    /// An -ed word after a determiner is an adjective ("a still
    /// unspecified date", "the proposed merger"), not a verb.
    fn adjectival(&self, j: usize) -> bool {
        let mut p = j;
        for _ in 0..2 {
            let Some(q) = p.checked_sub(1) else {
                return false;
            };
            match self.lex(q) {
                Lex::Kw(Kw::A | Kw::An | Kw::The | Kw::This | Kw::That | Kw::These) => return true,
                _ if ["its", "his", "her", "their", "our", "still", "newly"]
                    .iter()
                    .any(|w| self.is_word(q, w)) =>
                {
                    p = q;
                }
                _ => return false,
            }
        }
        false
    }

    /// "forecast to reach", "likely to open", "bound to fall": a word
    /// outside the tense lexicon that, before an infinitive, looks ahead
    /// ("due to the storm" does not).
    fn to_future(&self, j: usize) -> bool {
        self.kw(j + 1, Kw::To)
            && self.infinitive(j + 2)
            && ["forecast", "forecasts", "likely", "unlikely", "bound"]
                .iter()
                .any(|w| self.is_word(j, w))
    }

    /// The direction of a past-looking verb at j: future when a modal or
    /// "to" governs it ("will be paid", "expected to be completed").
    fn verb_dir(&self, j: usize) -> Dir {
        if ["was", "were"].iter().any(|w| self.is_word(j, w))
            && [
                "planning",
                "going",
                "due",
                "scheduled",
                "expected",
                "set",
                "slated",
            ]
            .iter()
            .any(|w| self.is_word(j + 1, w))
        {
            // "were planning to drive", "was due to expire".
            return Dir::Future;
        }
        if self.kw(j + 1, Kw::To)
            && [
                "expected",
                "scheduled",
                "planned",
                "set",
                "slated",
                "poised",
                "projected",
                "predicted",
                "tipped",
                "supposed",
                "prepared",
                "determined",
                "going",
            ]
            .iter()
            .any(|w| self.is_word(j, w))
        {
            // "expected to", "scheduled to", "planned to"…
            return Dir::Future;
        }
        if self.is_word(j + 1, "for")
            && ["scheduled", "planned", "set", "slated"]
                .iter()
                .any(|w| self.is_word(j, w))
        {
            return Dir::Future;
        }
        let mut k = j;
        for _ in 0..3 {
            let Some(p) = k.checked_sub(1) else { break };
            if !self.same_sent(p, j) {
                break;
            }
            match self.lex(p) {
                // "could cut", "might hit": a base form that looks like a
                // past; the modal decides.
                _ if p + 1 == j
                    && !self.t[j].ed
                    && ["could", "might"].iter().any(|w| self.is_word(p, w)) =>
                {
                    return Dir::Unknown
                }
                // "could be located": the past modal, as often as not.
                _ if ["could", "might"].iter().any(|w| self.is_word(p, w)) => break,
                Lex::Kw(Kw::FutureCue) | Lex::Kw(Kw::To) => return Dir::Future,
                _ => {}
            }
            let w = self.word(p);
            if ![
                "be",
                "been",
                "have",
                // "will stay closed", "would remain shut", "will get paid".
                "stay",
                "remain",
                "get",
                "become",
                "not",
                "also",
                "then",
                "soon",
                "likely",
                "still",
                "only",
                "now",
                "again",
                "probably",
                "already",
                "eventually",
                "finally",
                "first",
            ]
            .iter()
            .any(|c| w.eq_ignore_ascii_case(c))
            {
                break;
            }
            k = p;
        }
        Dir::Past
    }

    /// The direction of a future cue at j: future, except in the past
    /// perfect ("had been due to expire Friday", "had planned") and for
    /// the noun "plan" ("announced the plan Aug. 21"), which has no tense.
    fn future_cue(&self, j: usize) -> Dir {
        let prev = |k: usize| j.checked_sub(k).filter(|&p| self.same_sent(p, j));
        if self.is_word(j, "due") && self.kw(j + 1, Kw::To) && !self.infinitive(j + 2) {
            // "abandoned on Saturday due to the storm": a cause.
            return Dir::Unknown;
        }
        if ["plan", "plans"].iter().any(|w| self.is_word(j, w))
            && prev(1).is_some_and(|p| {
                matches!(self.lex(p), Lex::Kw(Kw::A | Kw::The | Kw::This | Kw::That))
                    || ["its", "his", "her", "their", "our", "new"]
                        .iter()
                        .any(|w| self.is_word(p, w))
            })
        {
            return Dir::Unknown;
        }
        if ["could", "might"].iter().any(|w| self.is_word(j, w))
            && ["not", "n't", "have", "hardly"]
                .iter()
                .any(|w| self.is_word(j + 1, w))
        {
            // "could not stop", "might have been": past.
            return Dir::Past;
        }
        let mut k = 1;
        while let Some(p) = prev(k) {
            let w = self.word(p);
            if w.eq_ignore_ascii_case("had") {
                return Dir::Past;
            }
            if k >= 3
                || !["been", "not", "already", "also"]
                    .iter()
                    .any(|c| w.eq_ignore_ascii_case(c))
            {
                break;
            }
            k += 1;
        }
        Dir::Future
    }

    /// Whether the reporting verb at `j`, after an expression ending at
    /// `e`, closes the sentence as an attribution after a comma ("will walk
    /// out on Thursday, the union said."): its tense is the report's, not
    /// the clause's. A verb with a complement ("On Friday, officials said
    /// the plant would close") is the clause's own and is dated by it.
    fn tail_attribution(&self, e: usize, j: usize) -> bool {
        if !(j >= e && self.reporting(j) && (e..j).any(|k| self.p(k, b','))) {
            return false;
        }
        if j + 1 >= self.t.len()
            || !self.same_sent(j + 1, j)
            || [b'.', b',', b';', b'!', b'?']
                .iter()
                .any(|&c| self.p(j + 1, c))
            || self.quote(j + 1)
        {
            return true;
        }
        // "…, officials said on Thursday.", "…, she said in a statement.":
        // a short adjunct to the sentence's end, with no verb of its own.
        let mut k = j + 1;
        while k < self.t.len() && k < j + 8 && self.same_sent(k, j) {
            let t = &self.t[k];
            if matches!(
                t.lex,
                Lex::Kw(Kw::FutureCue | Kw::PastCue | Kw::PresentCue | Kw::To)
            ) || (t.ed && t.kind == Kind::Word && !t.cap)
                || self.is_word(k, "that")
            {
                return false;
            }
            k += 1;
        }
        k >= self.t.len() || !self.same_sent(k, j)
    }

    /// Whether the reporting verb at `j` follows the comma that closes a
    /// relative clause holding the expression at `s..e` ("The government,
    /// which faces elections in the spring, said it would appeal"): the
    /// verb is the main clause's, not the expression's.
    fn main_verb_after_relative(&self, s: usize, e: usize, j: usize) -> bool {
        if j < e || !self.reporting(j) || !(e..j).any(|k| self.p(k, b',')) {
            return false;
        }
        let mut k = s;
        while k > 0 && self.same_sent(k - 1, s) && s - k < 12 {
            k -= 1;
            if self.p(k, b',') {
                return ["which", "who", "whose"]
                    .iter()
                    .any(|w| self.is_word(k + 1, w));
            }
        }
        false
    }

    /// A reporting verb ("said", "told"): its tense is the report's, not
    /// the reported event's.
    fn reporting(&self, j: usize) -> bool {
        let w = self.word(j);
        [
            "said",
            "says",
            "told",
            "announced",
            "reported",
            "added",
            "stated",
            "noted",
        ]
        .iter()
        .any(|r| w.eq_ignore_ascii_case(r))
    }

    // ----- resolution ------------------------------------------------------

    fn res_weekday(&self, wd: u8, dir: Dir) -> (Point, bool) {
        let Some(a) = self.a else {
            return (Point::WeekdayX(wd), false);
        };
        let aw = i64::from(weekday(a.date));
        let w = i64::from(wd);
        let off = match dir {
            Dir::Future => (w - aw).rem_euclid(7),
            _ => -((aw - w).rem_euclid(7)),
        };
        match add_days(a.date, off) {
            Some(d) => (Point::Day(d), true),
            None => (Point::WeekdayX(wd), false),
        }
    }

    fn res_month(&self, m: u8, dir: Dir) -> (Point, bool) {
        let Some(a) = self.a else {
            return (Point::MonthX(m), false);
        };
        let (ay, am) = (a.year(), i32::from(a.month()));
        let diff = i32::from(m) - am;
        // In a past-tense sentence a later month is last year's ("came in
        // March" in February); a future one may be last month ("will report
        // January sales" early in February). Without a tense, the nearest.
        let y = match dir {
            Dir::Past if diff > 0 => ay - 1,
            Dir::Future if diff < -1 => ay + 1,
            Dir::Unknown if diff > 6 => ay - 1,
            Dir::Unknown if diff < -6 => ay + 1,
            _ => ay,
        };
        (Point::Month(y, m), true)
    }

    /// At "the" (i): "the turn of the century" (the nearest year ending in
    /// 00, `APPROX`), "the turn of the 20th century" (1900), "the turn of
    /// the millennium" (2000); "the new year" (next year from September
    /// on, else this year; not "the Chinese New Year", not "the New Year's
    /// Day" or "the New Year Honours").
    fn turn_or_new_year(&self, i: usize) -> Option<Found> {
        let anchor_year = self.a.map(|a| a.year());
        if self.is_word(i + 1, "turn") && self.kw(i + 2, Kw::Of) && self.kw(i + 3, Kw::The) {
            let j = i + 4;
            let (y, e, anch) = match self.lex(j) {
                Lex::Unit(Unit::Century, false) => {
                    ((anchor_year? + 50).div_euclid(100) * 100, j + 1, true)
                }
                Lex::Ord(n) if self.lex(j + 1) == Lex::Unit(Unit::Century, false) => {
                    ((i32::try_from(n).ok()? - 1) * 100, j + 2, false)
                }
                _ if self.t.get(j)?.kind == Kind::OrdNum
                    && self.lex(j + 1) == Lex::Unit(Unit::Century, false) =>
                {
                    ((i32::try_from(self.t[j].num).ok()? - 1) * 100, j + 2, false)
                }
                _ if self.is_word(j, "millennium") => {
                    ((anchor_year? + 500).div_euclid(1000) * 1000, j + 1, true)
                }
                _ => return None,
            };
            return Some(Found::date(i, e, Point::Year(y), anch).with_md("APPROX"));
        }
        let new = self.t.get(i + 1)?;
        let year = self.t.get(i + 2)?;
        if self.word(i + 1).eq_ignore_ascii_case("new")
            && self.lex(i + 2) == Lex::Unit(Unit::Year, false)
            && new.cap == year.cap
            && !self.apos(i + 3)
            && !self
                .t
                .get(i + 3)
                .is_some_and(|n| n.cap && n.kind == Kind::Word)
        {
            let a = self.a?;
            let y = if a.month() >= 9 {
                a.year() + 1
            } else {
                a.year()
            };
            return Some(Found::date(i, i + 3, Point::Year(y), true));
        }
        None
    }

    /// "on the 3rd", "by the 21st": a day of the month named by its
    /// ordinal alone (British usage), after on/by/until/since/from/before/
    /// after and before a clause boundary or a word that cannot be its
    /// noun ("on the 3rd floor" is not a date). The month is the anchor's,
    /// or the one before (after) it when the tense puts the day in the
    /// past (future).
    fn day_of_month(&self, i: usize) -> Option<Found> {
        let prev = i.checked_sub(1).filter(|&p| self.same_sent(p, i))?;
        if !matches!(
            self.lex(prev),
            Lex::Kw(Kw::On | Kw::By | Kw::Until | Kw::Since | Kw::From)
        ) && !["before", "after"].iter().any(|w| self.is_word(prev, w))
        {
            return None;
        }
        let t = self.t.get(i + 1)?;
        if t.kind != Kind::OrdNum || !(1..=31).contains(&t.num) {
            return None;
        }
        let e = i + 2;
        let boundary = e >= self.t.len()
            || !self.same_sent(e, i)
            || [b'.', b',', b';', b':', b'!', b'?', b')']
                .iter()
                .any(|&c| self.p(e, c))
            || matches!(self.lex(e), Lex::Kw(Kw::To | Kw::And | Kw::Or | Kw::At))
            || ["when", "but", "after", "before", "because", "with", "for"]
                .iter()
                .any(|w| self.is_word(e, w));
        if !boundary {
            return None;
        }
        let d = u8::try_from(t.num).ok()?;
        let Some(a) = self.a else {
            return Some(Found::new(
                i,
                e,
                TimexType::Date,
                format!("XXXX-XX-{d:02}"),
                false,
            ));
        };
        let dir = self.dir(i, e);
        let cands = [-1, 0, 1].map(|k| {
            let (y, m) = add_months(a.year(), a.month(), k);
            ymd(y, m, d)
        });
        let days = |c: &jiff::civil::Date| (*c - a.date).get_days();
        let mut it = cands.iter().flatten();
        let pick = match dir {
            Dir::Past => it.filter(|c| days(c) <= 0).max(),
            Dir::Future => it.find(|c| days(c) >= 0),
            Dir::Unknown => it.min_by_key(|c| days(c).abs()),
        }?;
        Some(Found::date(i, e, Point::Day(*pick), true))
    }

    fn res_month_day(&self, m: u8, d: u8, dir: Dir) -> (Point, bool) {
        let Some(a) = self.a else {
            return (Point::MonthDayX(m, d), false);
        };
        let ay = a.year();
        let Some(cand) = ymd(ay, m, d) else {
            // 29 February of another year, or an impossible day.
            return match (ymd(ay - 1, m, d), ymd(ay + 1, m, d)) {
                (Some(p), _) if dir != Dir::Future => (Point::Day(p), true),
                (_, Some(n)) => (Point::Day(n), true),
                _ => (Point::MonthDayX(m, d), false),
            };
        };
        let y = ay + year_shift((cand - a.date).get_days(), dir);
        match ymd(y, m, d) {
            Some(dt) => (Point::Day(dt), true),
            None => (Point::MonthDayX(m, d), false),
        }
    }

    /// The point `shift` units away from the anchor ("last week" = Week, -1).
    fn shifted(&self, u: Unit, shift: i32) -> Option<Point> {
        let Some(a) = self.a else {
            return Some(Point::Lit(
                match u {
                    Unit::Day => "XXXX-XX-XX",
                    Unit::Week => "XXXX-WXX",
                    Unit::Weekend => "XXXX-WXX-WE",
                    Unit::Month => "XXXX-XX",
                    Unit::Quarter => "XXXX-QX",
                    Unit::Year => "XXXX",
                    Unit::Decade => "XXX",
                    Unit::Century => "XX",
                    _ => return None,
                }
                .to_string(),
            ));
        };
        Some(match u {
            Unit::Day => Point::Day(add_days(a.date, i64::from(shift))?),
            Unit::Week => {
                let (y, w) = iso_week(add_days(a.date, 7 * i64::from(shift))?);
                Point::Week(y, w)
            }
            Unit::Weekend => {
                let (y, w) = iso_week(add_days(a.date, 7 * i64::from(shift))?);
                Point::Weekend(y, w)
            }
            Unit::Month => {
                let (y, m) = add_months(a.year(), a.month(), shift);
                Point::Month(y, m)
            }
            Unit::Quarter => {
                let q = i32::from(quarter_of(a.month())) - 1 + shift;
                let y = a.year() + q.div_euclid(4);
                Point::Quarter(y, u8::try_from(q.rem_euclid(4) + 1).ok()?)
            }
            Unit::Year => Point::Year(a.year() + shift),
            Unit::Decade => Point::Decade(a.year().div_euclid(10) + shift),
            Unit::Century => Point::Century(a.year().div_euclid(100) + shift),
            _ => return None,
        })
    }

    /// The quarter reported on at token i: one named by its ordinal earlier
    /// in the same sentence ("reported third-quarter profit … a year
    /// earlier"), else the text's (see `report_quarter`).
    fn report_quarter_at(&self, i: usize) -> Point {
        let mut j = i;
        while j > 0 && self.same_sent(j - 1, i) && i - j < 40 {
            j -= 1;
        }
        let local = self
            .t
            .get(j..i)
            .and_then(|t| named_quarter(self.text, t, self.a.map(|a| a.year())));
        match (local, self.a) {
            (Some(q), Some(a)) => Point::Quarter(Self::quarter_year(a, q), q),
            _ => self.report_quarter(),
        }
    }

    /// The year of the reported quarter q: this year's, or last year's when
    /// it has not begun yet.
    fn quarter_year(a: Anchor, q: u8) -> i32 {
        if q > quarter_of(a.month()) {
            a.year() - 1
        } else {
            a.year()
        }
    }

    /// The quarter most recently reported on: the last complete one.
    fn report_quarter(&self) -> Point {
        if let (Some(q), Some(a)) = (self.named_quarter, self.a) {
            // The quarter the report names: this year's, or last year's
            // when it has not begun yet.
            let y = if q > quarter_of(a.month()) {
                a.year() - 1
            } else {
                a.year()
            };
            return Point::Quarter(y, q);
        }
        self.shifted(Unit::Quarter, -1)
            .unwrap_or_else(|| Point::Lit("XXXX-QX".into()))
    }

    /// The point `n` units before (negative: after) the anchor, at the
    /// unit's granularity ("two years ago" = the year two years back).
    fn ago(&self, u: Unit, q: Q, sign: i32) -> (Point, bool) {
        let n = match q {
            Q::N(n) | Q::Half(n) => i32::try_from(n).unwrap_or(0),
            Q::X => {
                return (
                    Point::Lit(if sign > 0 { "PAST_REF" } else { "FUTURE_REF" }.into()),
                    false,
                )
            }
        };
        if self.a.is_none() {
            return (
                self.shifted(u, 0).unwrap_or(Point::Lit("XXXX".into())),
                false,
            );
        }
        let p = match u {
            Unit::Second | Unit::Minute | Unit::Hour => self.shifted(Unit::Day, 0),
            Unit::Decade => self.shifted(Unit::Year, -sign * n * 10),
            Unit::Century => self.shifted(Unit::Year, -sign * n * 100),
            Unit::Weekend => self.shifted(Unit::Week, -sign * n),
            // "a week ago" points at a day; "six weeks ago" at a week.
            Unit::Week if n <= 2 => self.shifted(Unit::Day, -sign * n * 7),
            // "a fortnight ago": a day, as "two weeks ago".
            Unit::Fortnight => self.shifted(Unit::Day, -sign * n * 14),
            u => self.shifted(u, -sign * n),
        };
        (p.unwrap_or(Point::Lit("XXXX".into())), true)
    }

    // ----- driver ------------------------------------------------------------

    fn try_at(&self, i: usize) -> Option<Found> {
        let t = self.t.get(i)?;
        let interesting = match t.lex {
            Lex::None => false,
            // Words that never start an expression (prepositions, cues…).
            Lex::Kw(
                Kw::Of
                | Kw::In
                | Kw::On
                | Kw::Since
                | Kw::Until
                | Kw::By
                | Kw::From
                | Kw::Through
                | Kw::During
                | Kw::Ago
                | Kw::Future
                | Kw::Full
                | Kw::Some
                | Kw::Than
                | Kw::Least
                | Kw::To
                | Kw::Per
                | Kw::Am
                | Kw::Pm
                | Kw::And
                | Kw::Or
                | Kw::So
                | Kw::Eve
                | Kw::Overnight
                | Kw::Near
                | Kw::Term
                | Kw::Long
                | Kw::Short
                | Kw::Present
                | Kw::Moment
                | Kw::Ended
                | Kw::Period
                | Kw::Other
                | Kw::Straight
                | Kw::Consecutive
                | Kw::Trading
                | Kw::Business
                | Kw::Additional
                | Kw::Tz(_)
                | Kw::FutureCue
                | Kw::PastCue
                | Kw::PresentCue,
            ) => false,
            _ => true,
        } || matches!(t.kind, Kind::Num | Kind::OrdNum)
            || (t.kind == Kind::OtherNum && self.dotted_clock(i).is_some())
            || (t.kind == Kind::Punct && (t.ch == b'\'' || t.ch == 0xE2));
        if !interesting {
            // "Memorial Day": a plain word that starts a holiday's name;
            // "FY2026": a fiscal year.
            return self
                .p_named_holiday(i)
                .or_else(|| self.p_fy(i))
                .or_else(|| self.p_wc(i))
                .or_else(|| self.p_year_to_date(i))
                .map(|f| self.extend_time(f));
        }
        if let Lex::Weekday(wd, false) = t.lex {
            if self.newspaper_title(i) {
                return None;
            }
            if let Some(named) = self.p_named_weekday(i, wd) {
                return named.map(|f| self.extend_time(f));
            }
        }
        if self.kw(i, Kw::A) && self.kw(i + 1, Kw::Later) && self.is_word(i + 2, "date") {
            // "at a later date".
            return Some(Found::new(
                i,
                i + 3,
                TimexType::Date,
                "FUTURE_REF".into(),
                false,
            ))
            .map(|f| self.extend_time(f));
        }
        let cands = [self.p_mod(i), self.p_the(i), self.p_core(i)];
        let best = cands
            .into_iter()
            .flatten()
            .max_by_key(|f| (f.e, usize::MAX - f.s))?;
        Some(self.extend_time(best))
    }

    /// Every pattern that starts at i without a determiner or modifier.
    fn p_core(&self, i: usize) -> Option<Found> {
        let cands = [
            self.p_named_holiday(i),
            self.p_weekday(i),
            self.p_month_first(i),
            self.p_day_first(i),
            self.p_numeric(i),
            self.p_time(i),
            self.p_year(i),
            self.p_rel(i),
            self.p_dur(i),
            self.p_fraction(i),
            self.p_ord(i),
            self.p_edge(i),
            self.p_misc(i),
            self.p_year_to_date(i),
        ];
        cands.into_iter().flatten().max_by_key(|f| f.e)
    }

    /// "(the) year to date", "year-to-date", "YTD": the year under way, as
    /// "so far this year" is ("this year").
    fn p_year_to_date(&self, i: usize) -> Option<Found> {
        let y = if self.kw(i, Kw::The) { i + 1 } else { i };
        let e = if self.lex(y) == Lex::Unit(Unit::Year, false) {
            let j = self.hy(y + 1);
            let k = self.hy(j + 1);
            if !(self.kw(j, Kw::To) && self.is_word(k, "date")) {
                return None;
            }
            k + 1
        } else if self.word(i) == "YTD" {
            i + 1
        } else {
            return None;
        };
        let p = self.shifted(Unit::Year, 0)?;
        Some(Found::date(i, e, p, self.a.is_some()))
    }

    /// A time after a day ("Tuesday 19 February 2019 09:19 EST").
    fn extend_time(&self, f: Found) -> Found {
        let Some(day) = f.day else { return f };
        if f.kind != TimexType::Date {
            return f;
        }
        let mut j = f.e;
        if self.p(j, b',') {
            j += 1;
        }
        if self.kw(j, Kw::At) {
            j += 1;
        }
        // Nothing between the day and the time may break the line.
        if (f.e..=j).any(|x| self.nl(x)) {
            return f;
        }
        if let Some((h, m, tz, k)) = self.clock(j) {
            let mut g = f;
            g.e = k;
            g.kind = TimexType::Time;
            g.val = time_value(&Point::Day(day).value(), h, m, tz);
            return g;
        }
        f
    }

    // ----- patterns --------------------------------------------------------

    /// about / nearly / more than / at least … + duration or "ago" date.
    fn p_mod(&self, i: usize) -> Option<Found> {
        let (md, j) = match self.lex(i) {
            Lex::Kw(Kw::About)
            | Lex::Kw(Kw::Around)
            | Lex::Kw(Kw::Approximately)
            | Lex::Kw(Kw::Roughly) => ("APPROX", i + 1),
            Lex::Kw(Kw::Nearly) | Lex::Kw(Kw::Almost) => ("LESS_THAN", i + 1),
            Lex::Kw(Kw::More) if self.kw(i + 1, Kw::Than) => ("MORE_THAN", i + 2),
            Lex::Kw(Kw::Less) if self.kw(i + 1, Kw::Than) => ("LESS_THAN", i + 2),
            Lex::Kw(Kw::Over) => ("MORE_THAN", i + 1),
            Lex::Kw(Kw::At) if self.kw(i + 1, Kw::Least) => ("EQUAL_OR_MORE", i + 2),
            Lex::Kw(Kw::Up) if self.kw(i + 1, Kw::To) => ("EQUAL_OR_LESS", i + 2),
            Lex::Kw(Kw::No) if self.kw(i + 1, Kw::More) && self.kw(i + 2, Kw::Than) => {
                ("EQUAL_OR_LESS", i + 3)
            }
            _ => return None,
        };
        let mut f = self
            .p_dur(j)
            .or_else(|| self.p_fraction(j))
            .or_else(|| match self.lex(i) {
                Lex::Kw(Kw::About) | Lex::Kw(Kw::Around) => {
                    self.p_time(j).or_else(|| self.p_month_first(j))
                }
                _ => None,
            })?;
        if !f.modable && f.kind != TimexType::Time && f.day.is_none() {
            return None;
        }
        if md == "MORE_THAN" && self.kw(i, Kw::Over) && f.kind != TimexType::Duration {
            return None;
        }
        f.s = i;
        f.md = Some(if f.kind == TimexType::Duration || f.modable {
            md
        } else {
            "APPROX"
        });
        Some(f)
    }

    /// "the" + an expression that takes it, and fixed phrases with "the".
    fn p_the(&self, i: usize) -> Option<Found> {
        if !self.kw(i, Kw::The) {
            return None;
        }
        if let Some(f) = self.day_of_month(i).or_else(|| self.turn_or_new_year(i)) {
            return Some(f);
        }
        let j = i + 1;
        let fixed = match self.lex(j) {
            Lex::Kw(Kw::Past)
                if !self.starts_quantity(j + 1)
                    && !matches!(
                        self.lex(j + 1),
                        Lex::Unit(..)
                            | Lex::Kw(Kw::Few)
                            | Lex::Kw(Kw::Several)
                            | Lex::Season(_)
                            | Lex::Weekday(..)
                    ) =>
            {
                Some(Found::new(
                    i,
                    j + 1,
                    TimexType::Date,
                    "PAST_REF".into(),
                    false,
                ))
            }
            Lex::Kw(Kw::Last)
                if (self.kw(j + 1, Kw::Half) && self.kw(j + 2, Kw::Of))
                    || (self.lex(j + 1) == Lex::Num(2)
                        && self.lex(j + 2) == Lex::Unit(Unit::Quarter, true)
                        && self.kw(j + 3, Kw::Of)) =>
            {
                // "the last half of 1989", "the last two quarters of 1990".
                let k = if self.kw(j + 1, Kw::Half) {
                    j + 3
                } else {
                    j + 4
                };
                self.year_at(k)
                    .map(|(y, e)| Found::date(i, e, Point::Half(y, 2), false))
            }
            Lex::Kw(Kw::Future) => Some(Found::new(
                i,
                j + 1,
                TimexType::Date,
                "FUTURE_REF".into(),
                false,
            )),
            Lex::Unit(u, true)
                if self.is_word(j + 1, "ahead")
                    && !matches!(u, Unit::Second | Unit::Minute | Unit::Weekend) =>
            {
                // "in the weeks ahead": "the coming weeks".
                let mut f = Found::new(i, j + 2, TimexType::Duration, duration(u, Q::X), false);
                f.modable = true;
                Some(f)
            }
            Lex::Kw(Kw::Near) if self.kw(j + 1, Kw::Future) || self.kw(j + 1, Kw::Term) => Some(
                Found::new(i, j + 2, TimexType::Date, "FUTURE_REF".into(), false),
            ),
            Lex::Kw(Kw::Long) | Lex::Kw(Kw::Short) if self.kw(j + 1, Kw::Term) => Some(Found::new(
                i,
                j + 2,
                TimexType::Date,
                "FUTURE_REF".into(),
                false,
            )),
            Lex::Unit(Unit::Weekend, false) => {
                let dir = self.dir(i, j + 1);
                let shift = match (dir, self.a.map(|a| weekday(a.date))) {
                    (Dir::Future, _) => 0,
                    (_, Some(w)) if w >= 5 => 0,
                    _ => -1,
                };
                self.shifted(Unit::Weekend, shift)
                    .map(|p| Found::date(i, j + 1, p, self.a.is_some()))
            }
            Lex::Unit(Unit::Quarter, false) if !(self.p(j + 1, b'-') && self.tight(j + 1)) => {
                // "the quarter", "the quarter a year ago"
                let mut rq = self.report_quarter();
                if let (true, Lex::Month(m, _), Some(a)) =
                    (self.kw(j + 1, Kw::Ended), self.lex(j + 2), self.a)
                {
                    // "the quarter ended July 31": the calendar quarter
                    // holding most of the three months up to that month.
                    let mid = if m == 1 { 12 } else { m - 1 };
                    let y = if m > a.month() || m == 1 {
                        a.year() - 1
                    } else {
                        a.year()
                    };
                    rq = Point::Quarter(y, quarter_of(mid));
                }
                if self.kw(j + 1, Kw::A)
                    && self.is_word(j + 2, "year")
                    && (self.kw(j + 3, Kw::Ago) || self.kw(j + 3, Kw::Earlier))
                {
                    let p = match rq {
                        Point::Quarter(y, q) => Point::Quarter(y - 1, q),
                        p => p,
                    };
                    Some(Found::date(i, j + 4, p, self.a.is_some()))
                } else {
                    Some(Found::date(i, j + 1, rq, self.a.is_some()))
                }
            }
            Lex::Unit(Unit::Day, false)
                if i > 0
                    && (matches!(self.lex(i - 1), Lex::Kw(Kw::On | Kw::End | Kw::Ended))
                        || ["for", "finish", "finished", "during", "close", "closed"]
                            .iter()
                            .any(|w| self.is_word(i - 1, w)))
                    && !matches!(self.lex(j + 1), Lex::Kw(Kw::Of | Kw::That))
                    && !["when", "before", "after"]
                        .iter()
                        .any(|w| self.is_word(j + 1, w)) =>
            {
                self.shifted(Unit::Day, 0)
                    .map(|p| Found::date(i, j + 1, p, self.a.is_some()).day_ref())
            }
            _ => None,
        };
        let inner = self
            .p_core(j)
            .filter(|f| f.the_ok && f.s == j)
            .map(|mut f| {
                f.s = i;
                f
            });
        let week_of = self.week_of_month(i, j).or_else(|| self.week_of_day(i, j));
        let special = match (self.lex(j), self.lex(j + 1)) {
            (_, Lex::Kw(Kw::Being)) if self.is_word(j, "time") => Some(Found::new(
                i,
                j + 2,
                TimexType::Date,
                "PRESENT_REF".into(),
                false,
            )),
            (Lex::Kw(Kw::Latest), Lex::Kw(Kw::Period)) => Some(Found::date(
                i,
                j + 2,
                self.report_quarter(),
                self.a.is_some(),
            )),
            (Lex::Kw(Kw::Full), Lex::Unit(Unit::Year, false)) => {
                let p = match self.report_quarter() {
                    Point::Quarter(y, _) => Point::Year(y),
                    p => p,
                };
                Some(Found::date(i, j + 2, p, self.a.is_some()))
            }
            (Lex::Unit(Unit::Year, false), _)
                if self.kw(j + 1, Kw::Ended) && !self.p(j + 1, b'-') =>
            {
                // "the year ended Sept. 30": the year is a duration.
                Some(Found::new(
                    i,
                    j + 1,
                    TimexType::Duration,
                    "P1Y".into(),
                    false,
                ))
            }
            (Lex::Unit(Unit::Year, false), _)
                if i > 0
                    && (self.is_word(i - 1, "for")
                        || (self.kw(i - 1, Kw::Of)
                            && i > 1
                            && (matches!(self.lex(i - 2), Lex::Unit(_, true))
                                || ["rest", "remainder", "balance", "half"]
                                    .iter()
                                    .any(|w| self.is_word(i - 2, w)))))
                    && !self.p(j + 1, b'-')
                    && !(self.kw(j + 1, Kw::Of) && self.year_at(j + 2).is_some())
                    && !self.kw(j + 1, Kw::Ended)
                    && !self.apos(j + 1) =>
            {
                self.shifted(Unit::Year, 0)
                    .map(|p| Found::date(i, j + 1, p, self.a.is_some()))
            }
            (Lex::Kw(Kw::Same), Lex::Unit(Unit::Day, false)) => self
                .shifted(Unit::Day, 0)
                .map(|p| Found::date(i, j + 2, p, self.a.is_some()).day_ref()),
            _ => None,
        };
        let special = match (special, week_of) {
            (Some(a), Some(b)) => Some(if b.e > a.e { b } else { a }),
            (a, b) => a.or(b),
        };
        let year_q = self.year_at(j).and_then(|(y, k)| {
            let mut k = k;
            let mut q = None;
            if let Lex::Ord(n) = self.lex(k) {
                q = u8::try_from(n).ok().filter(|n| (1..=4).contains(n));
                q?;
                k = self.hy(k + 1);
            } else if self.lex(k) == Lex::Unit(Unit::Second, false) {
                q = Some(2);
                k = self.hy(k + 1);
            }
            let is_q = self.lex(k) == Lex::Unit(Unit::Quarter, false);
            if !(is_q || q.is_none() && self.kw(k, Kw::Period)) {
                return None;
            }
            let rq = match self.report_quarter() {
                Point::Quarter(_, rq) => rq,
                _ => 4,
            };
            Some(Found::date(
                i,
                k + 1,
                Point::Quarter(y, q.unwrap_or(rq)),
                false,
            ))
        });
        let yago = self.year_ago_period(j).map(|mut f| {
            f.s = i;
            f
        });
        [fixed, inner, yago, year_q, special]
            .into_iter()
            .flatten()
            .max_by_key(|f| f.e)
    }

    /// "the first/second/last week of March": an ISO week.
    fn week_of_month(&self, i: usize, j: usize) -> Option<Found> {
        let n = match self.lex(j) {
            Lex::Ord(n) if n <= 4 => n,
            Lex::Unit(Unit::Second, false) => 2,
            Lex::Kw(Kw::Last) | Lex::Ord(99) => 5,
            _ => return None,
        };
        if self.lex(j + 1) != Lex::Unit(Unit::Week, false) || !self.kw(j + 2, Kw::Of) {
            return None;
        }
        let f = self.p_month_first(j + 3)?;
        let (y, m) = match self.lex(j + 3) {
            Lex::Month(m, _) => {
                let y: i32 = f.val.get(..4)?.parse().ok()?;
                (y, m)
            }
            _ => return None,
        };
        if f.day.is_some() {
            return None;
        }
        let day = if n == 5 {
            let first_next = {
                let (ny, nm) = add_months(y, m, 1);
                ymd(ny, nm, 1)?
            };
            add_days(first_next, -4)?
        } else {
            ymd(y, m, u8::try_from(n * 7 - 3).ok()?)?
        };
        let (wy, w) = iso_week(day);
        Some(Found::date(i, f.e, Point::Week(wy, w), f.anch))
    }

    /// "the week of March 6": the ISO week that holds the day.
    fn week_of_day(&self, i: usize, j: usize) -> Option<Found> {
        // "the week of March 6"; British "the week commencing (beginning,
        // starting) 14 October".
        let of = self.kw(j + 1, Kw::Of)
            || ["commencing", "beginning", "starting"]
                .iter()
                .any(|w| self.is_word(j + 1, w));
        if self.lex(j) != Lex::Unit(Unit::Week, false) || !of {
            return None;
        }
        self.week_holding(i, j + 2)
    }

    /// "w/c 14 October", "w/b 14 Oct" (week commencing / beginning): the
    /// ISO week that holds the day.
    fn p_wc(&self, i: usize) -> Option<Found> {
        if !(self.word(i).eq_ignore_ascii_case("w")
            && self.p(i + 1, b'/')
            && self.tight(i + 1)
            && self.tight(i + 2)
            && ["c", "b"]
                .iter()
                .any(|w| self.word(i + 2).eq_ignore_ascii_case(w)))
        {
            return None;
        }
        self.week_holding(i, i + 3)
    }

    /// The ISO week holding the full or month-day date at j, as an
    /// expression from i.
    fn week_holding(&self, i: usize, j: usize) -> Option<Found> {
        let f = self.p_month_first(j).or_else(|| self.p_day_first(j))?;
        let day = f.day?;
        let (wy, w) = iso_week(day);
        Some(Found::date(i, f.e, Point::Week(wy, w), f.anch))
    }

    /// "year-earlier quarter", "year-ago period", "same period last year"…
    fn year_ago_period(&self, j: usize) -> Option<Found> {
        let mut k = j;
        let mut ok = false;
        if self.kw(k, Kw::Same) {
            k += 1;
            ok = true;
        }
        if self.is_word(k, "year")
            && self.p(k + 1, b'-')
            && self.tight(k + 1)
            && (self.kw(k + 2, Kw::Earlier) || self.kw(k + 2, Kw::Ago))
        {
            k += 3;
            ok = true;
        }
        if !ok {
            return None;
        }
        let mut ord = None;
        if let Lex::Ord(n) = self.lex(k) {
            if (1..=4).contains(&n) {
                ord = u8::try_from(n).ok();
                k = self.hy(k + 1);
            }
        }
        let is_q = matches!(self.lex(k), Lex::Unit(Unit::Quarter, false));
        let is_p = self.kw(k, Kw::Period);
        if !is_q && !is_p {
            return None;
        }
        k += 1;
        if self.kw(k, Kw::Last) && self.is_word(k + 1, "year") {
            k += 2;
        } else if self.kw(k, Kw::A)
            && self.is_word(k + 1, "year")
            && (self.kw(k + 2, Kw::Ago) || self.kw(k + 2, Kw::Earlier))
        {
            k += 3;
        }
        let p = match (self.a, ord) {
            (Some(a), Some(q)) => Point::Quarter(a.year() - 1, q),
            (Some(_), None) => match self.report_quarter() {
                Point::Quarter(y, q) => Point::Quarter(y - 1, q),
                p => p,
            },
            (None, Some(q)) => Point::Lit(format!("XXXX-Q{q}")),
            (None, None) => Point::Lit("XXXX-QX".into()),
        };
        let mut f = Found::date(j, k, p, self.a.is_some()).the();
        if is_p {
            // "sales rose in February compared to the same period last
            // year": February a year before, when a month was just named.
            f.refer = Some((Unit::Month, -12));
        }
        Some(f)
    }

    /// "that year", "that same month", and after "earlier/later" (`day_ok`)
    /// "that day": the year, month or day last named nearby; nothing when
    /// none is ("that day" alone is not tagged in TimeBank).
    fn that_unit(&self, j: usize, day_ok: bool) -> Option<Found> {
        let mut k = j + 1;
        let same = self.kw(k, Kw::Same);
        if same {
            k += 1;
        }
        let Lex::Unit(u, false) = self.lex(k) else {
            return None;
        };
        if !(matches!(u, Unit::Year | Unit::Month) || (u == Unit::Day && (day_ok || same))) {
            return None;
        }
        if self.p(k + 1, b'-') && self.tight(k + 1) {
            // "said that year-end sales …": "that" is a conjunction.
            return None;
        }
        let p = self.shifted(u, 0)?;
        let mut f = Found::date(j, k + 1, p, self.a.is_some());
        f.refer = Some((u, 0));
        f.ref_only = true;
        Some(f)
    }

    /// Whether the sentence of token i talks about quarterly results, where
    /// "a year ago" means the same quarter a year before.
    fn quarter_context(&self, i: usize) -> bool {
        if self.multi_quarter_sentence(i) {
            // "In the first nine months, net was …, compared with … a year
            // earlier": the comparison is of years, not quarters.
            return false;
        }
        let mut j = i;
        while j > 0 && self.same_sent(j - 1, i) && i - j < 40 {
            j -= 1;
            if self.financial(j) {
                return true;
            }
        }
        let mut j = i;
        while j + 1 < self.t.len() && self.same_sent(j + 1, i) && j - i < 40 {
            j += 1;
            if self.financial(j) {
                return true;
            }
        }
        false
    }

    /// Whether the sentence of token i (before it) names a reporting period
    /// longer than a quarter: "the first nine months", "the first half",
    /// "the fiscal year", "for the year".
    fn multi_quarter_sentence(&self, i: usize) -> bool {
        let mut j = i;
        while j > 0 && self.same_sent(j - 1, i) && i - j < 40 {
            j -= 1;
            let long = match self.lex(j) {
                Lex::Unit(Unit::Month, true) => {
                    matches!(self.lex(j.wrapping_sub(1)), Lex::Num(6 | 9))
                        || self
                            .num(j.wrapping_sub(1))
                            .is_some_and(|(n, _)| n == 6 || n == 9)
                }
                Lex::Kw(Kw::Half) => true,
                Lex::Unit(Unit::Year, false) => {
                    self.kw(j.wrapping_sub(1), Kw::The) || self.kw(j.wrapping_sub(1), Kw::Fiscal)
                }
                _ => false,
            };
            if long {
                return true;
            }
        }
        false
    }

    /// Whether a half or quarter at i named without a year is a period
    /// of a game: the text is a match report (two sports words) and the
    /// sentence names no results ("first-half profit").
    fn match_period(&self, i: usize) -> bool {
        let sports = *self.sports.get_or_init(|| {
            let mut seen = [false; SPORTS_WORDS.len()];
            for (j, t) in self.t.iter().enumerate() {
                if t.kind != Kind::Word {
                    continue;
                }
                let w = self.word(j);
                if let Some(k) = SPORTS_WORDS.iter().position(|s| w.eq_ignore_ascii_case(s)) {
                    if let Some(x) = seen.get_mut(k) {
                        *x = true;
                    }
                }
            }
            seen.iter().filter(|&&x| x).count() >= 2
        });
        if !sports {
            return false;
        }
        let mut j = i;
        while j > 0 && self.same_sent(j - 1, i) {
            j -= 1;
        }
        !(j..self.t.len())
            .take_while(|&k| self.same_sent(k, i))
            .any(|k| {
                RESULTS_WORDS
                    .iter()
                    .any(|w| self.word(k).eq_ignore_ascii_case(w))
            })
    }

    /// A word of quarterly results: quarter, period, share, net, revenue…
    fn financial(&self, j: usize) -> bool {
        if matches!(self.lex(j), Lex::Unit(Unit::Quarter, false)) || self.kw(j, Kw::Period) {
            return true;
        }
        self.doc_quarter
            && [
                "share", "net", "revenue", "sales", "earned", "profit", "loss", "income",
                "earnings",
            ]
            .iter()
            .any(|w| self.is_word(j, w))
    }

    fn starts_quantity(&self, j: usize) -> bool {
        self.quant(j).is_some()
    }

    /// A quantity: digits, number words ("twenty-four"), "a", "a few",
    /// "several", "a couple of", "two and a half".
    fn quant(&self, j: usize) -> Option<(Q, usize, Option<&'static str>)> {
        let t = self.t.get(j)?;
        let (q, k, md) = match t.lex {
            Lex::None if t.kind == Kind::Num && t.ndig <= 4 => {
                if self.p(j + 1, b':') && self.tight(j + 1) {
                    return None;
                }
                // "2 1/2"
                if self.num(j + 1) == Some((1, 1))
                    && self.p(j + 2, b'/')
                    && self.tight(j + 2)
                    && self.tight(j + 3)
                    && self.num(j + 3) == Some((2, 1))
                {
                    return Some((Q::Half(t.num), j + 4, None));
                }
                (Q::N(t.num), j + 1, None)
            }
            Lex::Num(n) => {
                let mut n = n;
                let mut k = j + 1;
                if (20..=90).contains(&n) {
                    let k2 = self.hy(k);
                    if let Lex::Num(u) = self.lex(k2) {
                        if u < 10 {
                            n += u;
                            k = k2 + 1;
                        }
                    }
                }
                if let Lex::Num(100) = self.lex(k) {
                    n *= 100;
                    k += 1;
                }
                // "two thousand years": a count, not the year 2000.
                if n < 1000 && self.is_word(k, "thousand") {
                    n *= 1000;
                    k += 1;
                }
                (Q::N(n), k, None)
            }
            Lex::Kw(Kw::A) | Lex::Kw(Kw::An) if !self.tight(j + 1) => match self.lex(j + 1) {
                Lex::Kw(Kw::Few) => (Q::X, j + 2, None),
                Lex::Kw(Kw::Couple) if self.kw(j + 2, Kw::Of) => (Q::N(2), j + 3, Some("APPROX")),
                Lex::Kw(Kw::Couple) => (Q::N(2), j + 2, Some("APPROX")),
                Lex::Num(100) => (Q::N(100), j + 2, None),
                Lex::Num(12) => (Q::N(12), j + 2, None),
                _ => (Q::N(1), j + 1, None),
            },
            Lex::Kw(Kw::Few) | Lex::Kw(Kw::Several) => (Q::X, j + 1, None),
            Lex::Kw(Kw::Couple) if self.kw(j + 1, Kw::Of) => (Q::N(2), j + 2, Some("APPROX")),
            _ => return None,
        };
        if let Q::N(n) = q {
            if self.kw(k, Kw::And) && self.kw(k + 1, Kw::A) && self.kw(k + 2, Kw::Half) {
                return Some((Q::Half(n), k + 3, md));
            }
        }
        Some((q, k, md))
    }

    /// A fraction of a unit as a duration in the next smaller one: "half an
    /// hour" (`PT30M`), "a quarter of an hour" (`PT15M`), "three quarters
    /// of an hour" (`PT45M`), "a half-hour", "a quarter-hour", "half a day"
    /// (`PT12H`), "half a year" (`P6M`). Only units that divide evenly.
    fn p_fraction(&self, i: usize) -> Option<Found> {
        let mut j = i;
        let mut count = 1u32;
        if matches!(self.lex(j), Lex::Kw(Kw::A) | Lex::Kw(Kw::An)) {
            j += 1;
        } else if let Lex::Num(n @ 1..=3) = self.lex(j) {
            count = n;
            j += 1;
        }
        let (den, plural) = match self.lex(j) {
            Lex::Kw(Kw::Half) => (2u32, false),
            Lex::Unit(Unit::Quarter, p) => (4, p),
            _ => return None,
        };
        // "three quarters", "one half": the count agrees with the noun.
        if count > 1 && !plural || count == 1 && plural || count >= den {
            return None;
        }
        let frac_at = j;
        let k = self.hy(j + 1);
        let (u, e) = if k != j + 1 {
            // "a half-hour", "a quarter-hour".
            if i == frac_at {
                return None;
            }
            match self.lex(k) {
                Lex::Unit(u, false) => (u, k + 1),
                _ => return None,
            }
        } else {
            let mut k = j + 1;
            if den == 4 {
                // "a quarter of an hour".
                if !self.kw(k, Kw::Of) {
                    return None;
                }
                k += 1;
            } else if i != frac_at {
                // "a half hour" without the hyphen.
                if let Lex::Unit(u, false) = self.lex(k) {
                    return self.fraction_found(i, k + 1, u, count, den);
                }
            }
            if !matches!(self.lex(k), Lex::Kw(Kw::A) | Lex::Kw(Kw::An)) {
                return None;
            }
            match self.lex(k + 1) {
                Lex::Unit(u, false) => (u, k + 2),
                _ => return None,
            }
        };
        self.fraction_found(i, e, u, count, den)
    }

    /// The duration `count / den` of `u` over tokens `s..e`, in the next
    /// smaller unit when that is a whole number of them.
    fn fraction_found(&self, s: usize, e: usize, u: Unit, count: u32, den: u32) -> Option<Found> {
        if !self.t.get(e - 1).is_some_and(|t| t.kind == Kind::Word) {
            return None;
        }
        let (small, per) = match u {
            Unit::Hour => (Unit::Minute, 60),
            Unit::Minute => (Unit::Second, 60),
            Unit::Day => (Unit::Hour, 24),
            Unit::Year => (Unit::Month, 12),
            Unit::Decade => (Unit::Year, 10),
            Unit::Century => (Unit::Year, 100),
            _ => return None,
        };
        let n = count * per;
        if n % den != 0 {
            return None;
        }
        let mut f = Found::new(
            s,
            e,
            TimexType::Duration,
            duration(small, Q::N(n / den)),
            false,
        );
        f.modable = true;
        Some(f)
    }

    /// Durations and what is computed from them: "three years", "a
    /// five-year plan", "two weeks ago", "a year earlier", "20 years from now".
    fn p_dur(&self, i: usize) -> Option<Found> {
        let (q, j0, qmd) = self.quant(i)?;
        let mut j = self.hy(j0);
        let hyphenated = j != j0;
        if !hyphenated {
            while matches!(
                self.lex(j),
                Lex::Kw(Kw::Trading)
                    | Lex::Kw(Kw::Business)
                    | Lex::Kw(Kw::Straight)
                    | Lex::Kw(Kw::Consecutive)
                    | Lex::Kw(Kw::Additional)
                    | Lex::Kw(Kw::More)
                    | Lex::Kw(Kw::Full)
            ) {
                j += 1;
            }
        }
        let (u, _plural) = match self.lex(j) {
            Lex::Unit(u, p) if self.t.get(j).is_some_and(|t| t.kind == Kind::Word) => (u, p),
            _ => return None,
        };
        let a_word = matches!(self.lex(i), Lex::Kw(Kw::A) | Lex::Kw(Kw::An));
        // A four-digit count before a unit is more often a year or an
        // amount ("1990 hours"); a spelled-out one ("two thousand years")
        // is a duration.
        if matches!(q, Q::N(n) if n >= 1000) && !self.is_word(j.wrapping_sub(1), "thousand") {
            return None;
        }
        if a_word && matches!(u, Unit::Second) {
            return None;
        }
        // 'Today it is "fifteen-minute".': a compound quoted as a word,
        // modifying nothing ('a "two-year" deal' stays a duration).
        let qm = |k: usize| {
            self.quote(k) || self.p(k, b'\'') || ["\u{2018}", "\u{2019}"].contains(&self.word(k))
        };
        if hyphenated
            && i > 0
            && qm(i - 1)
            && self.tight(i)
            && qm(j + 1)
            && self.tight(j + 1)
            && !self.t.get(j + 2).is_some_and(|t| t.kind == Kind::Word)
        {
            return None;
        }
        // "a 15-minute city": the planning concept, not a stretch of time
        // ("a 15-minute walk" stays a duration, as the corpora tag it).
        if hyphenated
            && matches!(u, Unit::Minute)
            && [
                "city",
                "cities",
                "neighbourhood",
                "neighbourhoods",
                "neighborhood",
                "neighborhoods",
            ]
            .iter()
            .any(|w| self.is_word(j + 1, w))
        {
            return None;
        }
        if matches!(u, Unit::Quarter)
            && ((self.kw(j + 1, Kw::Of) && !_plural) || a_word || hyphenated)
        {
            return None;
        }
        // "three quarters of its reefs": a fraction of something owned or
        // counted, not three fiscal quarters.
        if matches!(u, Unit::Quarter)
            && self.kw(j + 1, Kw::Of)
            && [
                "its",
                "their",
                "his",
                "her",
                "our",
                "your",
                "all",
                "those",
                "these",
                "them",
                "us",
                "voters",
                "respondents",
                "people",
            ]
            .iter()
            .any(|w| self.is_word(j + 2, w))
        {
            return None;
        }
        if matches!(u, Unit::Second)
            && self.t.get(i).is_some_and(|t| t.kind == Kind::Word)
            && matches!(self.lex(i), Lex::Num(1))
        {
            return None;
        }
        let mut k = j + 1;
        if self.p(k, b'-')
            && self.tight(k)
            && (self.kw(k + 1, Kw::Earlier) || self.kw(k + 1, Kw::Ago))
        {
            // "a year-earlier loss": the adjective is the expression.
            return None;
        }
        let mut q = q;
        if let Q::N(n) = q {
            if self.kw(k, Kw::And) && self.kw(k + 1, Kw::A) && self.kw(k + 2, Kw::Half) {
                q = Q::Half(n);
                k += 3;
            }
        }
        if self.p(k, b'-') && self.tight(k) && self.is_word(k + 1, "long") {
            // "a two-week-long strike"
            k += 2;
        }
        // Ages ("a 6-year-old", "52 years old") are not temporal expressions.
        if (self.p(k, b'-') && self.tight(k) && self.is_word(k + 1, "old"))
            || self.is_word(k, "old")
        {
            return None;
        }
        if matches!(q, Q::N(_)) && self.kw(k, Kw::Or) && self.kw(k + 1, Kw::So) {
            k += 2;
        }
        if self.kw(k, Kw::Ago) || self.kw(k, Kw::Earlier) {
            if self.kw(k, Kw::Earlier)
                && !matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Day)
            {
                return None;
            }
            let (mut p, anch) = self.ago(u, q, 1);
            let mut earnings = false;
            if u == Unit::Year && q == Q::N(1) && self.quarter_context(i) {
                if let Point::Quarter(y, rq) = self.report_quarter_at(i) {
                    p = Point::Quarter(y - 1, rq);
                    earnings = true;
                }
            }
            let mut f = Found::date(i, k + 1, p, anch);
            f.modable = true;
            f.md = qmd;
            // "rose to 4.3% in November from 4.1% a month earlier": from the
            // month (day, year) named before it in its sentence.
            if let (true, false, Q::N(n), Unit::Day | Unit::Month | Unit::Year) =
                (self.kw(k, Kw::Earlier), earnings, q, u)
            {
                f.refer = Some((u, -i32::try_from(n).ok()?));
                f.ref_same_sentence = true;
            }
            return Some(f);
        }
        if self.kw(k, Kw::Later)
            && matches!(q, Q::N(_))
            && matches!(u, Unit::Year | Unit::Month | Unit::Week | Unit::Day)
            // "three years later than planned": a delay, a duration.
            && !self.kw(k + 1, Kw::Than)
        {
            let (p, anch) = self.ago(u, q, -1);
            let mut f = Found::date(i, k + 1, p, anch);
            f.modable = true;
            // "three days later": counted from the day, month or year
            // named nearby, not from the anchor.
            if let (Q::N(n), Unit::Day | Unit::Month | Unit::Year) = (q, u) {
                f.refer = Some((u, i32::try_from(n).ok()?));
            }
            return Some(f);
        }
        if self.kw(k, Kw::From) && self.kw(k + 1, Kw::Now) {
            let (p, anch) = self.ago(u, q, -1);
            let mut f = Found::date(i, k + 2, p, anch);
            f.modable = true;
            return Some(f);
        }
        if let (true, Q::N(n), Unit::Day | Unit::Week) = (self.kw(k, Kw::From), q, u) {
            // "two weeks from Tuesday", "a week from today": the day that
            // many days or weeks after the day named (a weekday, or today,
            // tomorrow, yesterday; after a calendar date "from" more often
            // starts a span).
            let deictic = match self.lex(k + 1) {
                Lex::Kw(Kw::Today) | Lex::Kw(Kw::Tonight) => Some(0),
                Lex::Kw(Kw::Yesterday) => Some(-1),
                Lex::Kw(Kw::Tomorrow) => Some(1),
                _ => None,
            };
            let base = match deictic {
                Some(sh) => self
                    .a
                    .and_then(|a| add_days(a.date, sh))
                    .map(|d| (d, k + 2)),
                None => self
                    .p_weekday(k + 1)
                    .filter(|f| f.kind == TimexType::Date && f.s == k + 1 && f.anch)
                    .filter(|f| !self.apos(f.e))
                    .and_then(|f| f.day.map(|d| (d, f.e))),
            };
            // "the festival runs ten days from Monday": a span that starts
            // then, not a day.
            let span = i.checked_sub(1).is_some_and(|p| {
                ["run", "runs", "ran", "last", "lasts", "lasted", "for"]
                    .iter()
                    .any(|w| self.is_word(p, w))
            });
            let base = base.filter(|_| !span);
            if let Some((d, e)) = base {
                let days = i64::from(n) * if u == Unit::Week { 7 } else { 1 };
                let day = add_days(d, days)?;
                return Some(Found::date(i, e, Point::Day(day), true));
            }
        }
        // "twice a year" is a set; "$5 a year", "24 hours a day" are rates,
        // which the annotated corpora leave untagged.
        if a_word && i > 0 {
            let prev = &self.t[i - 1];
            let per = matches!(
                u,
                Unit::Year | Unit::Month | Unit::Week | Unit::Day | Unit::Hour
            );
            let freq = ["twice", "times", "once"]
                .iter()
                .any(|w| self.is_word(i - 1, w));
            if per && freq {
                return Some(Found::new(
                    i,
                    k,
                    TimexType::Set,
                    duration(u, Q::N(1)),
                    false,
                ));
            }
            let rate = matches!(prev.kind, Kind::Num | Kind::OtherNum)
                || matches!(prev.lex, Lex::Unit(..))
                || [
                    "million", "billion", "percent", "seats", "flights", "shares",
                ]
                .iter()
                .any(|w| self.is_word(i - 1, w));
            if per && rate {
                return None;
            }
        }
        // Title-case units are names ("60 Minutes", "This Week").
        if self.t.get(j).is_some_and(|t| t.cap) && !self.t.get(i).is_some_and(|t| t.cap) {
            return None;
        }
        let mut f = Found::new(i, k, TimexType::Duration, duration(u, q), false);
        f.the_ok = !hyphenated;
        f.modable = true;
        f.md = qmd;
        Some(f)
    }

    /// Weekdays: "Saturday", "Friday morning", "Tuesday, Feb. 19",
    /// "Mondays" (a set).
    fn p_weekday(&self, i: usize) -> Option<Found> {
        self.p_weekday_in(i, i)
    }

    /// A weekday at i whose expression starts at `s0` ("9 a.m. Tuesday"
    /// starts at "9": the words before it give the direction).
    fn p_weekday_in(&self, i: usize, s0: usize) -> Option<Found> {
        let Lex::Weekday(wd, plural) = self.lex(i) else {
            return None;
        };
        if plural {
            let mut v = format!("XXXX-WXX-{wd}");
            let mut e = i + 1;
            if let Lex::Pod(p, _) = self.lex(e) {
                v.push('T');
                v.push_str(p.code());
                e += 1;
            }
            return Some(Found::new(i, e, TimexType::Set, v, false));
        }
        // Weekday followed by a full date.
        let mut j = i + 1;
        if self.p(j, b'.') && self.tight(j) {
            j += 1;
        }
        if self.p(j, b',') {
            j += 1;
        }
        if let Some(mut f) = self.p_month_first(j).or_else(|| self.p_day_first(j)) {
            if f.day.is_some() && !self.t[j].nl {
                f.s = i;
                return Some(f);
            }
        }
        let mut e = i + 1;
        let mut pod = None;
        if let Lex::Pod(p, false) = self.lex(e) {
            // "Friday evening" is the day with the part of day (`TEV`);
            // "Friday night", "Friday morning" are the day's date (the
            // annotated corpora's majority for each: "night" often spans
            // only the weekday there).
            e += 1;
            pod = (p == Pod::Evening).then_some(p);
        }
        let dir = self.weekday_dir(s0.min(i), e);
        let (p, anch) = self.res_weekday(wd, dir);
        let f = Found::date(i, e, p, anch);
        Some(match pod {
            Some(p) if anch => {
                let mut g = Found::new(
                    f.s,
                    f.e,
                    TimexType::Time,
                    format!("{}T{}", f.val, p.code()),
                    true,
                );
                g.the_ok = f.the_ok;
                g
            }
            _ => f,
        })
    }

    /// Direction for a bare weekday: news reports the past ("said Friday",
    /// "Friday's ruling") unless the clause is about the future.
    fn weekday_dir(&self, s: usize, e: usize) -> Dir {
        // "fell ahead of Friday's jobs report", "traders are awaiting
        // Friday's data": what is awaited has not happened yet.
        let before = |k: usize| s.checked_sub(k).filter(|&p| self.same_sent(p, s));
        let awaited = before(1).is_some_and(|p| {
            ["awaiting", "await", "awaits", "awaited"]
                .iter()
                .any(|w| self.is_word(p, w))
                || (self.kw(p, Kw::Of) && before(2).is_some_and(|q| self.is_word(q, "ahead")))
        });
        if awaited {
            return Dir::Future;
        }
        if self.apos(e) && self.is_word(e + 1, "s") {
            return Dir::Past;
        }
        if s >= 3
            && self.is_word(s - 1, "as")
            && (self.is_word(s - 2, "early") || self.is_word(s - 2, "soon"))
            && self.is_word(s - 3, "as")
        {
            return Dir::Future;
        }
        // "until Thursday", "until on Thursday", "until at least Thursday".
        let mut b = s;
        if b > 0 && self.kw(b - 1, Kw::On) {
            b -= 1;
        }
        if b > 1 && self.kw(b - 1, Kw::Least) && self.kw(b - 2, Kw::At) {
            b -= 2;
        }
        if b > 0 && self.schedule_start(b - 1) {
            // "declared three days of mourning starting Friday": a
            // schedule, whatever the tense of the report.
            return Dir::Future;
        }
        if b > 0 && self.kw(b - 1, Kw::Until) {
            // "Until Thursday, they had not called him a suspect": past.
            let past_perfect = (e..e + 6)
                .filter(|&j| j < self.t.len() && self.same_sent(j, s))
                .any(|j| self.is_word(j, "had"));
            return if past_perfect { Dir::Past } else { Dir::Future };
        }
        // Verbs after a subordinating word that follows the weekday belong
        // to another clause: "will return to work on Monday | after members
        // voted" is the coming Monday; a fronted "On Monday, after the vote,
        // the minister will resign" finds its tense over the whole sentence.
        self.clause_then_sentence(s, e, |cut| self.weekday_scan(s, e, cut))
            .unwrap_or(Dir::Past)
    }

    /// The tense cue nearest a weekday at `s..e`, scanning both ways in its
    /// sentence and, after it, not past `clause_end`.
    fn weekday_scan(&self, s: usize, e: usize, clause_end: Option<usize>) -> Option<Dir> {
        let first_quote = self.first_quote_in_sentence(s, e);
        for d in 1..=25usize {
            for j in [s.checked_sub(d), Some(e - 1 + d)].into_iter().flatten() {
                if j >= self.t.len() || !self.same_sent(j, s) {
                    continue;
                }
                if j >= e && clause_end.is_some_and(|c| j > c) {
                    continue;
                }
                if j >= e && first_quote.is_some_and(|q| q <= j) {
                    // The verb after a closing quote is the report's.
                    continue;
                }
                let t = &self.t[j];
                let hit = match t.lex {
                    // "will march on Saturday, the paper reported": an
                    // attribution after a comma is the report's tense, not
                    // the clause's ("said Friday" still dates the saying).
                    _ if self.tail_attribution(e, j) => Dir::Unknown,
                    _ if self.main_verb_after_relative(s, e, j) => Dir::Unknown,
                    _ if self.reporting(j) => Dir::Past,
                    _ if self.to_future(j) => self.future_cue(j),
                    _ if ["planned", "planning", "plans", "scheduled"]
                        .iter()
                        .any(|w| self.is_word(j, w)) =>
                    {
                        self.future_cue(j)
                    }
                    // "could not be located Wednesday": the past modal.
                    _ if ["could", "might"].iter().any(|w| self.is_word(j, w)) => Dir::Unknown,
                    Lex::Kw(Kw::FutureCue) => self.future_cue(j),
                    Lex::Kw(Kw::PresentCue) if self.kw(j + 1, Kw::To) => Dir::Future,
                    Lex::Kw(Kw::Next) | Lex::Kw(Kw::Coming) if d > 2 && !self.kw(j + 1, Kw::To) => {
                        Dir::Future
                    }
                    Lex::Kw(Kw::PastCue) => self.verb_dir(j),
                    Lex::Kw(Kw::Ago) | Lex::Kw(Kw::Since) => Dir::Past,
                    Lex::None if t.ed && t.kind == Kind::Word && !t.cap && !self.participle(j) => {
                        self.verb_dir(j)
                    }
                    _ => Dir::Unknown,
                };
                if hit != Dir::Unknown {
                    return Some(hit);
                }
            }
        }
        None
    }

    fn with_pod(&self, f: Found, pod: Option<Pod>) -> Found {
        match pod {
            Some(p) => {
                let mut g = Found::new(
                    f.s,
                    f.e,
                    TimexType::Time,
                    format!("{}T{}", f.val, p.code()),
                    f.anch,
                );
                g.the_ok = f.the_ok;
                g
            }
            None => f,
        }
    }

    /// Whether a bare month name at i is a month and not a verb, a modal or a
    /// name ("March on", "may", "Theresa May").
    fn bare_month_ok(&self, i: usize, m: u8, abbr: bool) -> bool {
        let t = &self.t[i];
        if abbr || !t.cap {
            return false;
        }
        let prev = i.checked_sub(1).map(|p| &self.t[p]);
        let prev_cap_name = prev.is_some_and(|p| {
            p.kind == Kind::Word && p.cap && p.lex == Lex::None && self.same_sent(i - 1, i)
        });
        if prev_cap_name {
            return false;
        }
        let next_cap = self
            .t
            .get(i + 1)
            .is_some_and(|n| n.kind == Kind::Word && n.cap && n.lex == Lex::None);
        let prev_temporal = prev.is_some_and(|p| {
            matches!(
                p.lex,
                Lex::Kw(
                    Kw::In
                        | Kw::Since
                        | Kw::Until
                        | Kw::By
                        | Kw::From
                        | Kw::Through
                        | Kw::During
                        | Kw::Of
                        | Kw::Last
                        | Kw::Next
                        | Kw::This
                        | Kw::Early
                        | Kw::Late
                        | Kw::Mid
                        | Kw::End
                        | Kw::Beginning
                        | Kw::Start
                        | Kw::On
                        | Kw::And
                        | Kw::Or
                        | Kw::To
                        | Kw::Earlier
                        | Kw::Later
                        | Kw::Past
                        | Kw::Coming
                        | Kw::Each
                        | Kw::Every
                        | Kw::The
                )
            ) || (p.kind == Kind::Punct && p.ch == b'-')
        });
        // "between March and May"; "before/after/around March" (not for May,
        // which after "after" is as often the politician).
        let prev_word = i.checked_sub(1).map(|p| self.word(p).to_ascii_lowercase());
        // "until at least March".
        let until_least = prev_word.as_deref() == Some("least")
            && i >= 3
            && self.kw(i - 2, Kw::At)
            && (self.kw(i - 3, Kw::Until) || self.kw(i - 3, Kw::Through) || self.kw(i - 3, Kw::By));
        // "as early as March", "as late as May".
        let as_early = prev_word.as_deref() == Some("as")
            && i >= 2
            && ["early", "late", "soon"]
                .iter()
                .any(|w| self.is_word(i - 2, w));
        let prev_temporal = prev_temporal
            || until_least
            || as_early
            || prev_word.as_deref() == Some("between")
            || (m != 5
                && matches!(
                    prev_word.as_deref(),
                    Some("before" | "after" | "around" | "till" | "throughout")
                ));
        let next_year = self.rel_year(i + 1).is_some();
        match m {
            3 | 5 => (prev_temporal || next_year) && !next_cap,
            4 | 6 | 8 => prev_temporal || next_year || !next_cap,
            _ => true,
        }
    }

    /// Month-first dates: "Nov 26, 2018", "Nov. 26", "November 2018",
    /// "May last year", "December".
    fn p_month_first(&self, i: usize) -> Option<Found> {
        let Lex::Month(m, abbr) = self.lex(i) else {
            return None;
        };
        let mut j = i + 1;
        if abbr {
            j = self.dot(j);
        }
        // Day.
        let day = self.t.get(j).and_then(|t| match t.kind {
            Kind::Num if t.ndig <= 2 && (1..=31).contains(&t.num) && t.lex == Lex::None => (!(self
                .p(j + 1, b':')
                && self.tight(j + 1)
                && self.tight(j + 2)
                && self.num(j + 2).is_some()))
            .then_some(t.num),
            Kind::OrdNum if (1..=31).contains(&t.num) => Some(t.num),
            _ => None,
        });
        if let Some(d) = day {
            if !self.t[i].cap && m == 5 {
                return None;
            }
            let d = u8::try_from(d).ok()?;
            let mut k = j + 1;
            let mut kk = k;
            if self.p(kk, b',') {
                kk += 1;
            }
            if let Some((y, e)) = self.year_at(kk) {
                k = e;
                let p = ymd(y, m, d).map(Point::Day)?;
                return Some(Found::date(i, k, p, false));
            }
            if let Some(f) = self.nine_eleven(i, k, m, d) {
                return Some(f);
            }
            let dir = self.dir(i, k);
            let (p, anch) = self.res_month_day(m, d, dir);
            return Some(Found::date(i, k, p, anch));
        }
        // Month + year.
        let mut k = j;
        if self.p(k, b',') {
            k += 1;
        }
        if self.kw(k, Kw::Of) && self.year_at(k + 1).is_some() {
            k += 1;
        }
        if let Some((y, e, rel)) = self.any_year(k) {
            if !self.t[i].cap && !rel {
                return None;
            }
            if rel && !self.bare_month_ok(i, m, abbr) {
                return None;
            }
            let p = match y {
                Some(y) => Point::Month(y, m),
                None => Point::MonthX(m),
            };
            return Some(Found::date(i, e, p, rel && self.a.is_some()));
        }
        if !self.bare_month_ok(i, m, abbr) {
            return None;
        }
        // "October of next year": the year phrase is its own expression.
        if self.kw(j, Kw::Of) {
            if let Some((Some(y), _)) = self.rel_year(j + 1) {
                return Some(Found::date(i, j, Point::Month(y, m), true));
            }
        }
        let dir = self.dir(i, j);
        let (p, anch) = self.res_month(m, dir);
        Some(Found::date(i, j, p, anch))
    }

    /// Day-first dates: "26 November 2018", "the 26th of November".
    fn p_day_first(&self, i: usize) -> Option<Found> {
        let t = self.t.get(i)?;
        let d = match t.kind {
            Kind::Num if t.ndig <= 2 && t.lex == Lex::None => t.num,
            Kind::OrdNum => t.num,
            _ => return None,
        };
        if !(1..=31).contains(&d) {
            return None;
        }
        if i > 0 && self.t[i - 1].kind == Kind::Punct && matches!(self.t[i - 1].ch, b'$' | b'#') {
            return None;
        }
        let mut j = i + 1;
        if t.kind == Kind::OrdNum && self.kw(j, Kw::Of) {
            j += 1;
        }
        let Lex::Month(m, abbr) = self.lex(j) else {
            return None;
        };
        if !self.t[j].cap {
            return None;
        }
        let mut k = j + 1;
        if abbr {
            k = self.dot(k);
        }
        let d = u8::try_from(d).ok()?;
        let mut kk = k;
        if self.p(kk, b',') {
            kk += 1;
        }
        if let Some((y, e)) = self.year_at(kk) {
            let p = ymd(y, m, d).map(Point::Day)?;
            return Some(Found::date(i, e, p, false));
        }
        if let Some(f) = self.nine_eleven(i, k, m, d) {
            return Some(f);
        }
        let dir = self.dir(i, k);
        let (p, anch) = self.res_month_day(m, d, dir);
        Some(Found::date(i, k, p, anch))
    }

    /// "the Sept. 11 attacks", "the 11 September commission": 11 September
    /// without a year before a word of the 2001 attacks is that day, not
    /// the nearest 11 September.
    fn nine_eleven(&self, i: usize, k: usize, m: u8, d: u8) -> Option<Found> {
        let attacks = [
            "attack",
            "attacks",
            "terrorist",
            "terror",
            "hijackers",
            "hijackings",
            "commission",
            "victims",
            "memorial",
        ];
        if m != 9 || d != 11 || !attacks.iter().any(|w| self.is_word(k, w)) {
            return None;
        }
        Some(Found::date(i, k, Point::Day(ymd(2001, 9, 11)?), false))
    }

    /// "2018-11-26", "11/26/2018", "26/11/2018" (day first), "7/8/07".
    fn p_numeric(&self, i: usize) -> Option<Found> {
        let (a, da) = self.num(i)?;
        if i > 0 && self.tight(i) && self.t[i - 1].kind != Kind::Word {
            let pc = self.t[i - 1].ch;
            if matches!(pc, b'-' | b'/' | b'.' | b'$' | b':') {
                return None;
            }
        }
        let sep = self.t.get(i + 1)?;
        if sep.kind != Kind::Punct || !matches!(sep.ch, b'-' | b'/' | b'.') || sep.sp {
            return None;
        }
        let ch = sep.ch;
        let (b, db) = self.num(i + 2).filter(|_| self.tight(i + 2))?;
        if !(self.p(i + 3, ch) && self.tight(i + 3)) {
            return None;
        }
        let (c, dc) = self.num(i + 4).filter(|_| self.tight(i + 4))?;
        // Not part of a longer number chain (phone numbers, versions).
        if (self.p(i + 5, ch) || self.p(i + 5, b'-') || self.p(i + 5, b'.'))
            && self.tight(i + 5)
            && self.num(i + 6).is_some()
        {
            return None;
        }
        let to8 = |x: u32| u8::try_from(x).ok();
        let (y, m, d) = if da == 4 && ch != b'.' {
            (i32::try_from(a).ok()?, to8(b)?, to8(c)?)
        } else if dc == 4 || (dc == 2 && ch != b'-') {
            let y = if dc == 4 {
                i32::try_from(c).ok()?
            } else if c < 50 {
                2000 + i32::try_from(c).ok()?
            } else {
                1900 + i32::try_from(c).ok()?
            };
            if da > 2 || db > 2 {
                return None;
            }
            let day_first = self.day_first || ch == b'.' || a > 12;
            if day_first {
                (y, to8(b)?, to8(a)?)
            } else {
                (y, to8(a)?, to8(b)?)
            }
        } else {
            return None;
        };
        let p = ymd(y, m, d)?;
        Some(Found::date(i, i + 5, Point::Day(p), false))
    }

    /// A clock time at j: "09:19", "9:19 a.m. EST", "10 p.m.", "noon",
    /// "0800 UTC". Returns hour, minute, offset and the next index.
    fn clock(&self, j: usize) -> Option<(u8, u8, Option<Zone>, usize)> {
        let t = self.t.get(j)?;
        let (mut h, m, mut k);
        match t.lex {
            Lex::Kw(Kw::Noon) | Lex::Kw(Kw::Midday)
                if t.cap && j > 0 && self.t[j - 1].kind == Kind::Word && self.t[j - 1].cap =>
            {
                // "High Noon"
                return None;
            }
            Lex::Kw(Kw::Noon) | Lex::Kw(Kw::Midday) => return Some((12, 0, None, j + 1)),
            Lex::Kw(Kw::Midnight) => return Some((24, 0, None, j + 1)),
            _ => {}
        }
        if let Some((hh, mm, kk)) = self.spoken_clock(j) {
            // "at half past nine", "by a quarter to ten".
            h = hh;
            m = mm;
            k = kk;
        } else if let Some((hh, mm)) = self.dotted_clock(j) {
            // "9.30am", "10.15 pm" (British).
            h = hh;
            m = mm;
            k = j + 1;
        } else {
            let (n, nd) = self.num(j)?;
            if nd <= 2 && self.p(j + 1, b':') && self.tight(j + 1) && self.tight(j + 2) {
                let (mm, md) = self.num(j + 2)?;
                if md != 2 || n > 24 || mm > 59 {
                    return None;
                }
                h = u8::try_from(n).ok()?;
                m = u8::try_from(mm).ok()?;
                k = j + 3;
                if self.p(k, b':') && self.tight(k) && self.num(k + 1).is_some_and(|(_, d)| d == 2)
                {
                    k += 2;
                }
            } else if nd <= 2
                && n <= 12
                && matches!(self.lex(j + 1), Lex::Kw(Kw::Am) | Lex::Kw(Kw::Pm))
            {
                h = u8::try_from(n).ok()?;
                m = 0;
                k = j + 1;
            } else if let Some((hh, e)) = self.hour_of_day(j, n, nd) {
                // "at 4 in the morning", "until 10 at night".
                return Some((hh, 0, None, e));
            } else if nd == 4
                && n % 100 < 60
                && n / 100 < 24
                && (matches!(self.lex(j + 1), Lex::Kw(Kw::Tz(_)))
                    || us_zone(self.word(j + 1)).is_some()
                    || self.local_time(j + 1))
            {
                h = u8::try_from(n / 100).ok()?;
                m = u8::try_from(n % 100).ok()?;
                k = j + 1;
            } else {
                return None;
            }
        }
        match self.lex(k) {
            Lex::Kw(Kw::Am) => {
                if h == 12 {
                    h = 0;
                }
                k += 1;
            }
            Lex::Kw(Kw::Pm) => {
                if h < 12 {
                    h += 12;
                }
                k += 1;
            }
            _ => {}
        }
        let mut tz = None;
        if let Lex::Kw(Kw::Tz(o)) = self.lex(k) {
            if self.t[k].cap || self.word(k).len() <= 1 {
                tz = Some(Zone::Fixed(i32::from(o)));
                k += 1;
            }
        } else if let Some(o) = us_zone(self.word(k)) {
            tz = Some(Zone::Us(o));
            k += 1;
        } else if self.local_time(k) {
            // "0600 local time", "9 a.m. local time": no offset to give.
            k += 2;
        }
        Some((h, m, tz, k))
    }

    /// "local time" at j, after a clock time.
    fn local_time(&self, j: usize) -> bool {
        self.is_word(j, "local") && self.is_word(j + 1, "time") && !self.nl(j)
    }

    /// A clock time in words at j: "half past nine", "a quarter to ten",
    /// "twenty past 6", "ten minutes to midnight" is not one (only hours
    /// 1-12). Needs a word that introduces a time before it (at, by,
    /// until, from, around, about, before, after, since): "a quarter to
    /// one percent" is a share. The hour and minute, and the next index.
    fn spoken_clock(&self, j: usize) -> Option<(u8, u8, usize)> {
        let mut k = j;
        if self.kw(k, Kw::A) {
            k += 1;
        }
        let min: u32 = match self.lex(k) {
            Lex::Kw(Kw::Half) => 30,
            Lex::Unit(Unit::Quarter, false) => 15,
            Lex::Num(n) if (1..=29).contains(&n) && k == j => n,
            _ => match self.num(k) {
                Some((n, nd)) if nd <= 2 && (1..=29).contains(&n) && k == j => n,
                _ => return None,
            },
        };
        k += 1;
        if self.lex(k) == Lex::Unit(Unit::Minute, true) {
            k += 1;
        }
        let past = match self.lex(k) {
            Lex::Kw(Kw::Past) => true,
            Lex::Kw(Kw::To) => false,
            _ => return None,
        };
        // The introducing word, looked at only once the shape fits (`clock`,
        // and so this, is tried at every token that may start a time).
        let intro = j
            .checked_sub(1)
            .filter(|&p| self.same_sent(p, j))
            .is_some_and(|p| {
                let p = if self.kw(p, Kw::A) && p > 0 { p - 1 } else { p };
                [
                    "at", "by", "until", "till", "from", "around", "about", "before", "after",
                    "since",
                ]
                .iter()
                .any(|w| self.is_word(p, w))
            });
        if !intro {
            return None;
        }
        k += 1;
        let hour = match self.lex(k) {
            Lex::Num(n) => n,
            _ => match self.num(k) {
                Some((n, nd)) if nd <= 2 => n,
                _ => return None,
            },
        };
        if !(1..=12).contains(&hour) {
            return None;
        }
        // "from a quarter to one percent", "half to one point".
        let e = k + 1;
        if self.p(e, b'%')
            || matches!(self.lex(e), Lex::Unit(..))
            || ["percent", "per", "point", "points", "of"]
                .iter()
                .any(|w| self.is_word(e, w))
        {
            return None;
        }
        let (h, m) = if past {
            (hour, min)
        } else {
            (if hour == 1 { 12 } else { hour - 1 }, 60 - min)
        };
        Some((u8::try_from(h).ok()?, u8::try_from(m).ok()?, k + 1))
    }

    /// A British clock time written with a dot at j ("9.30am", "10.15
    /// pm"): the hour and minute, when "am"/"pm" follows (without it the
    /// number is as often a decimal).
    fn dotted_clock(&self, j: usize) -> Option<(u8, u8)> {
        let t = self.t.get(j)?;
        if t.kind != Kind::OtherNum || !matches!(self.lex(j + 1), Lex::Kw(Kw::Am) | Lex::Kw(Kw::Pm))
        {
            return None;
        }
        let (hs, ms) = self.text.get(t.s..t.e)?.split_once('.')?;
        if hs.is_empty() || hs.len() > 2 || ms.len() != 2 {
            return None;
        }
        let h: u8 = hs.parse().ok()?;
        let m: u8 = ms.parse().ok()?;
        ((1..=12).contains(&h) && m <= 59).then_some((h, m))
    }

    /// An hour named with its part of the day at j ("4 in the morning",
    /// "3 in the afternoon", "10 at night"), after a word that introduces a
    /// time ("at", "until", "by", "before", "after", "around"…): the hour on
    /// the 24-hour clock and the next index. Without that word a number
    /// before "in the morning" is more often a count ("rose 5 in the
    /// morning session").
    fn hour_of_day(&self, j: usize, n: u32, nd: u8) -> Option<(u8, usize)> {
        if nd > 2 || !(1..=12).contains(&n) {
            return None;
        }
        let intro = j.checked_sub(1).is_some_and(|p| {
            self.same_sent(p, j)
                // Not "to", "by" or "about": they lead counts after
                // verbs of change ("fell to 4 in the morning session").
                && ["at", "until", "till", "before", "after", "around", "since", "from"]
                    .iter()
                    .any(|w| self.is_word(p, w))
        });
        if !intro {
            return None;
        }
        let (pod, e) = match (self.lex(j + 1), self.lex(j + 2), self.lex(j + 3)) {
            (Lex::Kw(Kw::In), Lex::Kw(Kw::The), Lex::Pod(p, false)) if p != Pod::Night => {
                (p, j + 4)
            }
            (Lex::Kw(Kw::At), Lex::Pod(Pod::Night, false), _) => (Pod::Night, j + 3),
            // "at 7 tomorrow morning", "at 6 this evening", "at 10
            // tonight": the day words after the hour are left to
            // `day_after_time`.
            (
                Lex::Kw(Kw::Today | Kw::Tomorrow | Kw::Yesterday | Kw::This),
                Lex::Pod(p, false),
                _,
            ) => (p, j + 1),
            (Lex::Kw(Kw::Tonight), _, _) => (Pod::Night, j + 1),
            _ => return None,
        };
        // "at 4 in the morning session": the part of day describes a noun.
        let after = if e == j + 1 && !self.kw(e, Kw::Tonight) {
            e + 2
        } else {
            e + usize::from(e == j + 1)
        };
        let next = self.word(after);
        if self.lex(after) == Lex::None && next.starts_with(|c: char| c.is_ascii_lowercase()) {
            return None;
        }
        let h = u8::try_from(n).ok()?;
        let h = match pod {
            Pod::Morning if h == 12 => 0,
            Pod::Morning => h,
            Pod::Afternoon | Pod::Evening if h < 12 => h + 12,
            Pod::Afternoon | Pod::Evening => h,
            // "10 at night" is 22:00, "2 at night" 02:00, "12 at night" midnight.
            Pod::Night if (6..12).contains(&h) => h + 12,
            Pod::Night if h == 12 => 0,
            Pod::Night => h,
        };
        Some((h, e))
    }

    /// The day a date expression at j names (a weekday, a month and day,
    /// today/yesterday/tomorrow), for a time before it: value, anchored and
    /// the next index. `s0` is where the time starts (its tense context).
    fn day_after_time(&self, j: usize, s0: usize) -> Option<(String, bool, usize)> {
        let j0 = j;
        let mut j = j;
        if self.p(j, b',') {
            j += 1;
        }
        if self.kw(j, Kw::On) {
            j += 1;
        }
        // "07:58 GMT\n\nFriday …": a day never attaches across a line.
        if (j0..=j).any(|x| self.nl(x)) {
            return None;
        }
        if let Some(f) = self
            .p_weekday_in(j, s0)
            .or_else(|| self.p_month_first(j))
            .or_else(|| self.p_day_first(j))
        {
            if f.kind == TimexType::Date && (f.day.is_some() || f.val.starts_with("XXXX-")) {
                return Some((f.val, f.anch, f.e));
            }
            return None;
        }
        // "at 7 tomorrow morning", "6 this evening": the day, with the
        // part of day the hour already took.
        if self.kw(j, Kw::This) {
            if let Lex::Pod(_, false) = self.lex(j + 1) {
                let p = self.shifted(Unit::Day, 0)?;
                return Some((p.value(), self.a.is_some(), j + 2));
            }
        }
        let (v, a, e) = self.deictic_day(j)?;
        let e = if matches!(self.lex(e), Lex::Pod(_, false)) {
            e + 1
        } else {
            e
        };
        Some((v, a, e))
    }

    /// The day given by a parenthetical right after a time at k, for the
    /// time's value only: "10:35 a.m. (0735 GMT) Friday" and "4 in the
    /// morning (4 a.m. EDT Thursday)" are Friday's and Thursday's; so is
    /// the converted time itself when the day follows its closing
    /// parenthesis ("(0735 GMT) Friday").
    fn paren_day(&self, k: usize, s0: usize) -> Option<(String, bool)> {
        if self.p(k, b')') {
            return self.day_after_time(k + 1, s0).map(|(v, a, _)| (v, a));
        }
        if !self.p(k, b'(') {
            return None;
        }
        let c = (k + 2..(k + 9).min(self.t.len()))
            .take_while(|&c| self.same_sent(c, k))
            .find(|&c| self.p(c, b')'))?;
        // A time inside: its day, when the day ends at the parenthesis.
        if let Some((_, _, _, k2)) = self.clock(k + 1) {
            if let Some((v, a, e)) = self.day_after_time(k2, s0) {
                if e == c {
                    return Some((v, a));
                }
            }
            if k2 != c {
                return None;
            }
        } else if !(k + 1..c).all(|x| {
            matches!(self.lex(x), Lex::Kw(Kw::Tz(_)))
                || self.p(x, b'+')
                || self.p(x, b'-')
                || self.num(x).is_some()
        }) {
            // Only a conversion ("(GMT +8)") or a time may sit in between.
            return None;
        }
        self.day_after_time(c + 1, s0).map(|(v, a, _)| (v, a))
    }

    /// Times: "9:19 a.m.", "10 p.m. Wednesday", "noon Saturday",
    /// "16:00 UTC today", "5 p.m. EST Nov. 9".
    fn p_time(&self, i: usize) -> Option<Found> {
        let (h, m, tz, mut k) = self.clock(i)?;
        let mut day: Option<(String, bool)> = None;
        if let Some((v, anch, e)) = self.day_after_time(k, i) {
            day = Some((v, anch));
            k = e;
        } else if let Some(d) = self.paren_day(k, i) {
            day = Some(d);
        }
        let bare = day.is_none();
        let (dv, anch) = match day {
            Some(d) => d,
            None => match self.a {
                Some(a) => (Point::Day(a.date).value(), true),
                None => ("XXXX-XX-XX".to_string(), false),
            },
        };
        let mut f = Found::new(i, k, TimexType::Time, time_value(&dv, h, m, tz), anch);
        f.modable = true;
        if bare {
            // "at 10 p.m.": on the day the story is at.
            f.refer = Some((Unit::Day, 0));
            f.ref_own_sentence = true;
        }
        Some(f)
    }

    /// today / yesterday / tomorrow at j: value, anchored, next index.
    fn deictic_day(&self, j: usize) -> Option<(String, bool, usize)> {
        let shift = match self.lex(j) {
            Lex::Kw(Kw::Today) | Lex::Kw(Kw::Tonight) => 0,
            Lex::Kw(Kw::Yesterday) => -1,
            Lex::Kw(Kw::Tomorrow) => 1,
            _ => return None,
        };
        let p = self.shifted(Unit::Day, shift)?;
        Some((p.value(), self.a.is_some(), j + 1))
    }

    /// Years and decades: "2018", "the 1990s", "'90s", "fiscal 2019".
    fn p_year(&self, i: usize) -> Option<Found> {
        let t = self.t.get(i)?;
        // '90s
        if t.kind == Kind::Punct && (t.ch == b'\'' || t.ch == 0xE2) {
            let n = self.t.get(i + 1)?;
            if n.kind == Kind::Num
                && n.ndig == 2
                && n.lex == Lex::None
                && self.tight(i + 1)
                && t.sp
                && !self
                    .t
                    .get(i + 2)
                    .is_some_and(|x| !x.sp && x.kind != Kind::Punct)
                && i > 0
                && matches!(
                    self.t[i - 1].lex,
                    Lex::Kw(_) | Lex::Month(..) | Lex::Season(_)
                )
            {
                let y = if n.num < 30 { 2000 } else { 1900 } + i32::try_from(n.num).ok()?;
                return Some(Found::date(i, i + 2, Point::Year(y), false));
            }
            if n.kind == Kind::Num
                && n.ndig == 2
                && n.lex == Lex::Unit(Unit::Decade, true)
                && self.tight(i + 1)
                && n.num % 10 == 0
            {
                let c = if n.num <= 20 { 200 } else { 190 };
                let d = c + i32::try_from(n.num / 10).ok()?;
                return Some(Found::date(i, i + 2, Point::Decade(d), false).the());
            }
            return None;
        }
        if t.kind != Kind::Num {
            return None;
        }
        if t.lex == Lex::Unit(Unit::Decade, true) {
            if t.num % 10 != 0 {
                return None;
            }
            // "in his 30s" is an age; "highs in the low 30s", "the upper
            // 80s" a temperature or a price (a decade is early/late/mid).
            if i > 0
                && [
                    "his", "her", "their", "my", "your", "our", "low", "high", "upper", "lower",
                ]
                .iter()
                .any(|w| self.is_word(i - 1, w))
            {
                return None;
            }
            let d = match t.ndig {
                4 => i32::try_from(t.num / 10).ok()?,
                2 => 190 + i32::try_from(t.num / 10).ok()?,
                _ => return None,
            };
            return Some(Found::date(i, i + 1, Point::Decade(d), false).the());
        }
        // "1998-99", "the 2025-26 season", "the 2026/27 budget", "FY2025-26":
        // the second year of a range.
        if t.ndig == 2
            && !t.sp
            && i >= 2
            && (self.p(i - 1, b'-') || self.p(i - 1, b'/'))
            && self.tight(i - 1)
        {
            let first = self
                .year_at(i - 2)
                .or_else(|| self.fy_year(i - 2).filter(|&(_, e)| e == i - 1));
            if let Some((y1, _)) = first.filter(|&(y1, _)| {
                let last = u32::try_from(y1.rem_euclid(100)).unwrap_or(99);
                (1800..=2100).contains(&y1) && t.num > last
            }) {
                let y = y1 - y1.rem_euclid(100) + i32::try_from(t.num).ok()?;
                let free = !self.t.get(i + 1).is_some_and(|n| {
                    !n.sp && n.kind == Kind::Punct && matches!(n.ch, b'-' | b'/' | b'.' | b':')
                });
                if free {
                    return Some(Found::date(i, i + 1, Point::Year(y), false));
                }
            }
        }
        let (y, _) = self.year_at(i)?;
        // "post-1959 politics", "pre-2008 levels": the year, whatever
        // follows (a plural noun after a bare number is a count below).
        if i >= 2 && self.p(i - 1, b'-') && self.tight(i - 1) && self.tight(i) {
            let md = match self.word(i - 2).to_ascii_lowercase().as_str() {
                "pre" => Some("BEFORE"),
                "post" => Some("AFTER"),
                _ => None,
            };
            if let Some(md) = md {
                return Some(Found::date(i - 2, i + 1, Point::Year(y), false).with_md(md));
            }
        }
        // Reject numbers inside other numbers, prices, versions, phones.
        if i > 0 {
            let p = &self.t[i - 1];
            if p.kind == Kind::Punct && matches!(p.ch, b'$' | b'#' | 0xC2 | 0xE2) {
                return None;
            }
            // "1990-1995", "2012/2016": the second year of a range.
            let range = matches!(p.ch, b'-' | b'/')
                && i >= 2
                && self
                    .year_at(i - 2)
                    .is_some_and(|(y1, _)| y1 < y && y - y1 <= 100);
            if !t.sp
                && p.kind == Kind::Punct
                && matches!(p.ch, b'-' | b'/' | b'.' | b':' | b',')
                && i >= 2
                && matches!(self.t[i - 2].kind, Kind::Num | Kind::OtherNum)
                && !range
            {
                return None;
            }
            if p.kind == Kind::Word && p.cap && !t.nl {
                let w = self.word(i - 1);
                if [
                    "Windows",
                    "Office",
                    "Fortune",
                    "Model",
                    "Route",
                    "Highway",
                    "Interstate",
                    "Flight",
                    "Room",
                    "No",
                    "Number",
                    "Version",
                    "Suite",
                    "Box",
                    "Boeing",
                    "Airbus",
                    "Russell",
                    "Russel",
                    "Series",
                    "Nasdaq",
                    "Dow",
                    "FTSE",
                    "DAX",
                    "Nikkei",
                    "Index",
                ]
                .contains(&w)
                {
                    return None;
                }
            }
            if p.kind == Kind::Num {
                return None;
            }
        }
        if let Some(n) = self.t.get(i + 1) {
            // "1990-1995": a range of years, each tagged.
            let range = matches!(n.ch, b'-' | b'/')
                && self
                    .year_at(i + 2)
                    .is_some_and(|(y2, _)| y < y2 && y2 - y <= 100);
            if !n.sp
                && n.kind == Kind::Punct
                && matches!(n.ch, b'-' | b'/' | b'.' | b':')
                && self
                    .t
                    .get(i + 2)
                    .is_some_and(|x| matches!(x.kind, Kind::Num | Kind::OtherNum) && x.ndig != 2)
                && !range
            {
                return None;
            }
            if n.kind == Kind::Word && n.lex == Lex::None && !n.cap {
                let w = self.word(i + 1);
                if w.eq_ignore_ascii_case("percent") || w.eq_ignore_ascii_case("per") {
                    return None;
                }
                // "the 2019 floods", "its 2024 accounts": after a
                // determiner a year-like number before a plural noun is the
                // year ("the 2000 metres" is a distance).
                let det_year = (1900..=2100).contains(&y)
                    && i > 0
                    && (self.kw(i - 1, Kw::The)
                        || ["its", "their", "his", "her", "our"]
                            .iter()
                            .any(|d| self.is_word(i - 1, d)))
                    && ![
                        "metres", "meters", "miles", "yards", "votes", "points", "people",
                        "members", "dollars", "pounds", "euros", "units", "shares", "jobs",
                        "troops",
                    ]
                    .iter()
                    .any(|u| w.eq_ignore_ascii_case(u));
                let plural = (w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !n.ed)
                    || ["people", "men", "women", "children"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x));
                // "2019 to 2022 models", "the 2010 and 2014 elections": the
                // end of a pair of years.
                let pair_end = i >= 2
                    && (self.kw(i - 1, Kw::To)
                        || self.kw(i - 1, Kw::And)
                        || self.kw(i - 1, Kw::Through))
                    && self
                        .year_at(i - 2)
                        .is_some_and(|(y1, _)| y1 < y && y - y1 <= 50);
                if plural && !det_year && !pair_end {
                    return None;
                }
            }
            if n.kind == Kind::Num || n.kind == Kind::OtherNum {
                return None;
            }
        }
        if !(1800..=2060).contains(&y) {
            let prev_prep = i > 0
                && matches!(
                    self.t[i - 1].lex,
                    Lex::Kw(
                        Kw::In
                            | Kw::Since
                            | Kw::Of
                            | Kw::From
                            | Kw::Until
                            | Kw::By
                            | Kw::Through
                            | Kw::During
                    )
                );
            if !prev_prep {
                return None;
            }
        }
        Some(Found::date(i, i + 1, Point::Year(y), false))
    }

    /// Deictic and relative expressions: today, now, last week, next
    /// March, this morning, earlier this month, recent years, daily…
    fn p_rel(&self, i: usize) -> Option<Found> {
        let Lex::Kw(k) = self.lex(i) else {
            return None;
        };
        let anch = self.a.is_some();
        let lit = |e: usize, v: &str| Some(Found::new(i, e, TimexType::Date, v.to_string(), false));
        match k {
            Kw::Today
                if self.apos(i + 1)
                    && self.is_word(i + 2, "s")
                    && [
                        "world",
                        "youth",
                        "society",
                        "generation",
                        "young",
                        "children",
                        "kids",
                        "economy",
                        "technology",
                        "personal",
                        "modern",
                        "global",
                        "consumers",
                    ]
                    .iter()
                    .any(|w| self.is_word(i + 3, w)) =>
            {
                // "today's youth", "today's world": nowadays, generic; not
                // tagged in TimeBank.
                None
            }
            Kw::Today
                if self.t[i].cap
                    && i > 0
                    && self.same_sent(i - 1, i)
                    && self.t[i - 1].kind == Kind::Word
                    && self.t[i - 1].cap
                    && self.t[i - 1].lex == Lex::None =>
            {
                // "USA Today", "VOA Today": a capitalised "Today" after a
                // name inside a sentence is a title, not the day.
                None
            }
            Kw::Today | Kw::Yesterday | Kw::Tomorrow => {
                let (v, an, e) = self.deictic_day(i)?;
                if let Lex::Pod(p, false) = self.lex(e) {
                    return Some(Found::new(
                        i,
                        e + 1,
                        TimexType::Time,
                        format!("{v}T{}", p.code()),
                        an,
                    ));
                }
                Some(Found::new(i, e, TimexType::Date, v, an))
            }
            Kw::Tonight => {
                let (v, an, e) = self.deictic_day(i)?;
                Some(Found::new(i, e, TimexType::Time, format!("{v}TNI"), an))
            }
            Kw::Now if self.p(i + 1, b'-') && self.tight(i + 1) => None,
            Kw::Now | Kw::Currently | Kw::Nowadays => lit(i + 1, "PRESENT_REF"),
            Kw::Right if self.kw(i + 1, Kw::Now) => lit(i + 2, "PRESENT_REF"),
            Kw::These if self.lex(i + 1) == Lex::Unit(Unit::Day, true) => lit(i + 2, "PRESENT_REF"),
            Kw::At
                if self.kw(i + 1, Kw::Present)
                    || (self.kw(i + 1, Kw::The) && self.kw(i + 2, Kw::Moment)) =>
            {
                lit(
                    if self.kw(i + 1, Kw::Present) {
                        i + 2
                    } else {
                        i + 3
                    },
                    "PRESENT_REF",
                )
                .map(|mut f| {
                    f.s = i + 1;
                    f
                })
            }
            Kw::Recently
                if i > 0
                    && ["was", "were", "is", "are", "been", "most"]
                        .iter()
                        .any(|w| self.is_word(i - 1, w)) =>
            {
                // "was recently extended", "most recently": an adverb
                // inside a passive verb or a superlative, not tagged in
                // TimeBank (none of its uses there).
                None
            }
            Kw::Recently => lit(i + 1, "PAST_REF"),
            Kw::More if self.kw(i + 1, Kw::Recently) => lit(i + 2, "PAST_REF"),
            Kw::Recent => match self.lex(i + 1) {
                Lex::Unit(_, true) => lit(i + 2, "PAST_REF").map(Found::the),
                _ => None,
            },
            Kw::Daily
            | Kw::Weekly
            | Kw::Fortnightly
            | Kw::Monthly
            | Kw::Yearly
            | Kw::Annually
            | Kw::Hourly => {
                let t = &self.t[i];
                if t.cap && i > 0 && self.same_sent(i - 1, i) && !self.p(i - 1, b'"') {
                    return None;
                }
                let prev = i.checked_sub(1).filter(|&p| self.same_sent(p, i));
                // "average daily volume", "rise 8% annually" (a rate, like
                // "$5 million a year"): not timexes in TimeBank.
                if prev.is_some_and(|p| {
                    self.is_word(p, "average") || self.p(p, b'%') || self.is_word(p, "percent")
                }) {
                    return None;
                }
                let v = match k {
                    Kw::Daily => "P1D",
                    Kw::Weekly => "P1W",
                    Kw::Fortnightly => "P2W",
                    Kw::Monthly => "P1M",
                    Kw::Hourly => "PT1H",
                    _ => "P1Y",
                };
                Some(Found::new(i, i + 1, TimexType::Set, v.into(), false))
            }
            Kw::Every | Kw::Each => {
                let mut j = i + 1;
                let mut n = 1;
                if self.kw(j, Kw::Other) {
                    n = 2;
                    j += 1;
                } else if let Some((Q::N(q), e, _)) =
                    self.quant(j).filter(|(_, _, _)| !self.kw(j, Kw::A))
                {
                    n = q;
                    j = e;
                }
                match self.lex(j) {
                    Lex::Unit(u, _) => {
                        let v = duration(u, Q::N(n));
                        Some(Found::new(i, j + 1, TimexType::Set, v, false))
                    }
                    Lex::Weekday(d, _) => Some(Found::new(
                        i,
                        j + 1,
                        TimexType::Set,
                        format!("XXXX-WXX-{d}"),
                        false,
                    )),
                    Lex::Month(m, false) if self.t[j].cap => Some(Found::new(
                        i,
                        j + 1,
                        TimexType::Set,
                        format!("XXXX-{m:02}"),
                        false,
                    )),
                    Lex::Pod(p, false) => Some(Found::new(
                        i,
                        j + 1,
                        TimexType::Set,
                        format!("XXXX-XX-XXT{}", p.code()),
                        false,
                    )),
                    _ => None,
                }
            }
            Kw::Earlier | Kw::Later => {
                let md = if k == Kw::Earlier { "START" } else { "END" };
                let j = i + 1;
                if self.kw(j, Kw::In)
                    && self.kw(j + 1, Kw::The)
                    && matches!(
                        self.lex(j + 2),
                        Lex::Unit(Unit::Year | Unit::Month | Unit::Week | Unit::Day, false)
                    )
                {
                    let Lex::Unit(u, _) = self.lex(j + 2) else {
                        return None;
                    };
                    let p = self.shifted(u, 0)?;
                    let f = Found::date(i, j + 3, p, anch).with_md(md);
                    return Some(if u == Unit::Day { f.day_ref() } else { f });
                }
                if self.kw(j, Kw::That) {
                    // "later that year", "earlier that day"
                    return self.that_unit(j, true).map(|mut f| {
                        f.s = i;
                        f.md = Some(md);
                        f
                    });
                }
                let inner = match self.lex(j) {
                    Lex::Kw(
                        Kw::This | Kw::Last | Kw::Next | Kw::Today | Kw::Yesterday | Kw::Tomorrow,
                    ) => self.p_rel(j),
                    _ => None,
                };
                let mut f = inner?;
                if f.kind == TimexType::Duration {
                    return None;
                }
                f.s = i;
                f.md = Some(md);
                Some(f)
            }
            Kw::This
            | Kw::Last
            | Kw::Next
            | Kw::Past
            | Kw::Coming
            | Kw::Previous
            | Kw::Following
            | Kw::Latest => self.p_det(i, k),
            Kw::That => self.that_unit(i, false),
            Kw::Current => self.p_det(i, k).or_else(|| {
                // "the current weakness", "his current wife": the present,
                // as TimeBank tags it; not the noun ("a strong current")
                // or accounting terms ("current assets").
                let n = self.t.get(i + 1)?;
                let accounting = [
                    "account",
                    "accounts",
                    "assets",
                    "liabilities",
                    "affairs",
                    "events",
                ]
                .iter()
                .any(|w| self.is_word(i + 1, w));
                if !(matches!(n.kind, Kind::Word | Kind::Num) && !n.cap && !accounting) {
                    return None;
                }
                // "the then current chairman", "then-current": the present
                // of a past story.
                let then = if self.p(i.wrapping_sub(1), b'-')
                    && self.tight(i.wrapping_sub(1))
                    && self.tight(i)
                {
                    i.checked_sub(2)
                } else {
                    i.checked_sub(1)
                }
                .filter(|&p| self.is_word(p, "then"));
                match then {
                    Some(p) => lit(i + 1, "PAST_REF").map(|mut f| {
                        f.s = p;
                        f
                    }),
                    None => lit(i + 1, "PRESENT_REF"),
                }
            }),
            Kw::Fiscal => {
                // "fiscal 2019", "fiscal year 2019", "fiscal 1990 first quarter"
                let mut j = i + 1;
                if self.is_word(j, "year") {
                    j += 1;
                }
                if let Some((y, e)) = self.year_at(j) {
                    return Some(Found::date(i, e, Point::Year(y), false));
                }
                if let Some(mut f) = self.p_ord(i + 1) {
                    f.s = i;
                    return Some(f.the());
                }
                // "the fiscal year" (not "from a fiscal year to a calendar year")
                if self.is_word(i + 1, "year") && i > 0 && self.kw(i - 1, Kw::The) {
                    if self.kw(i + 2, Kw::Ended) && !self.p(i + 2, b'-') {
                        // "the fiscal year ended Jan. 31": a duration, as
                        // "the year ended".
                        return Some(
                            Found::new(i, i + 2, TimexType::Duration, "P1Y".into(), false).the(),
                        );
                    }
                    let p = self.shifted(Unit::Year, 0)?;
                    return Some(Found::date(i, i + 2, p, anch).the());
                }
                None
            }
            Kw::Q(q) | Kw::H(q) => {
                let is_q = matches!(k, Kw::Q(_));
                let mut j = i + 1;
                let y = if let Some((y, e)) = self.year_at(j) {
                    j = e;
                    Some(y)
                } else if self.p(j, b'-') && self.tight(j) {
                    self.year_at(j + 1).map(|(y, e)| {
                        j = e;
                        y
                    })
                } else if let Some((y, e)) = self.fy_year(j).filter(|_| !self.nl(j)) {
                    // "Q3 FY2026".
                    j = e;
                    Some(y)
                } else {
                    None
                };
                let (y, an) = match (y, self.a) {
                    (Some(y), _) => (Some(y), false),
                    // "record Q4 sales" in February: last year's, as for
                    // "the fourth quarter".
                    (None, Some(_)) if is_q => (self.bare_quarter_year(q, i, j), true),
                    (None, Some(a)) => (Some(a.year()), true),
                    (None, None) => (None, false),
                };
                let v = match (y, is_q) {
                    (Some(y), true) => Point::Quarter(y, q).value(),
                    (Some(y), false) => Point::Half(y, q).value(),
                    (None, true) => format!("XXXX-Q{q}"),
                    (None, false) => format!("XXXX-H{q}"),
                };
                Some(Found::new(i, j, TimexType::Date, v, an))
            }
            Kw::Christmas | Kw::Thanksgiving | Kw::Halloween | Kw::New => self.p_holiday(i, k),
            Kw::Decades(n) => {
                // "the nineties", "the early eighties" (not "in his forties")
                let prev_ok = i > 0
                    && (matches!(
                        self.lex(i - 1),
                        Lex::Kw(Kw::The | Kw::Early | Kw::Late | Kw::Mid)
                    ) || self.p(i - 1, b'-'));
                prev_ok
                    .then(|| Found::date(i, i + 1, Point::Decade(190 + i32::from(n)), false).the())
            }
            Kw::Election if self.t[i].cap && self.is_word(i + 1, "Day") => {
                // US election day: the Tuesday after the first Monday of November.
                let a = self.a?;
                let day = |y: i32| nth_weekday(y, 11, 1, 1).and_then(|d| add_days(d, 1));
                let this = day(a.year())?;
                let dir = self.dir(i, i + 2);
                let d = match dir {
                    Dir::Past if this > a.date => day(a.year() - 1)?,
                    Dir::Future | Dir::Unknown if (this - a.date).get_days() < -60 => {
                        day(a.year() + 1)?
                    }
                    _ => this,
                };
                Some(Found::date(i, i + 2, Point::Day(d), true))
            }
            _ => None,
        }
    }

    /// Holidays: Christmas (Day/Eve), New Year's Day/Eve, Thanksgiving, Halloween.
    fn p_holiday(&self, i: usize, k: Kw) -> Option<Found> {
        if !self.t[i].cap {
            return None;
        }
        let (m, d, e) = match k {
            Kw::Christmas => {
                if self.kw(i + 1, Kw::Eve) {
                    (12, 24, i + 2)
                } else if self.is_word(i + 1, "Day") {
                    (12, 25, i + 2)
                } else {
                    (12, 25, i + 1)
                }
            }
            Kw::Halloween => (10, 31, i + 1),
            Kw::New => {
                // New Year's Day / Eve
                if !self.is_word(i + 1, "Year") || !self.apos(i + 2) || !self.is_word(i + 3, "s") {
                    return None;
                }
                if self.kw(i + 4, Kw::Eve) {
                    (12, 31, i + 5)
                } else if self.is_word(i + 4, "Day") {
                    (1, 1, i + 5)
                } else {
                    return None;
                }
            }
            Kw::Thanksgiving => {
                let e = if self.is_word(i + 1, "Day") {
                    i + 2
                } else {
                    i + 1
                };
                return self.feast(i, e, "XXXX-11-XX", |y| nth_weekday(y, 11, 4, 4));
            }
            _ => return None,
        };
        let mut e2 = e;
        if let Some((y, ee)) = self.year_at(e) {
            let p = ymd(y, m, d)?;
            e2 = ee;
            return Some(Found::date(i, e2, Point::Day(p), false));
        }
        let dir = self.dir(i, e2);
        let (p, an) = self.res_month_day(m, d, dir);
        Some(Found::date(i, e2, p, an))
    }

    /// Whether the weekday at i is part of a newspaper's title: "the
    /// Sunday Times", "Sunday Telegraph", "the Mail on Sunday", "the
    /// Independent on Sunday".
    fn newspaper_title(&self, i: usize) -> bool {
        let title_after = self.t.get(i + 1).is_some_and(|n| n.cap && !n.nl)
            && self.same_sent(i, i + 1)
            && [
                "Times",
                "Telegraph",
                "Mirror",
                "Express",
                "Herald",
                "Mail",
                "Star",
                "Tribune",
                "Post",
                "Sport",
            ]
            .iter()
            .any(|w| self.word(i + 1) == *w)
            // "On Sunday Times Square was empty."
            && !self.is_word(i + 2, "Square");
        let on_after_title = i >= 2
            && self.kw(i - 1, Kw::On)
            && self.same_sent(i - 2, i)
            && ["Mail", "Independent"]
                .iter()
                .any(|w| self.word(i - 2) == *w);
        title_after || on_after_title
    }

    /// A weekday that is part of a day's name: "Good Friday", "Easter
    /// Monday", "Black Friday", "Cyber Monday" are dated from Easter or
    /// Thanksgiving of the year the text means; "Black Monday", "Super
    /// Tuesday", "Bloody Sunday" name a day this tagger cannot date, so
    /// the weekday is not read as a day of the anchor's week.
    ///
    /// `None`: not a named day. `Some(None)`: a name, left untagged.
    fn p_named_weekday(&self, i: usize, wd: u8) -> Option<Option<Found>> {
        let s = i.checked_sub(1)?;
        let m = self.t.get(s)?;
        if !m.cap || m.kind != Kind::Word || !self.same_sent(s, i) || self.t[i].nl {
            return None;
        }
        let rule = named_day_rule(&self.word(s).to_ascii_lowercase(), wd)?;
        // "Rep. Diane Black Tuesday said", "Jack Black Friday": a surname
        // before a weekday, which keeps its own meaning.
        let name_before = s
            .checked_sub(1)
            .and_then(|p| self.t.get(p))
            .is_some_and(|p| p.cap && p.kind == Kind::Word && p.lex == Lex::None)
            && self.same_sent(s - 1, s);
        if name_before {
            return None;
        }
        // "the Good Friday Agreement", "Black Friday Sale": a name that
        // contains the day is not the day.
        let name_after = self
            .t
            .get(i + 1)
            .is_some_and(|n| n.cap && n.kind == Kind::Word && n.lex == Lex::None && !n.nl)
            && self.same_sent(i, i + 1);
        let NamedDay::Dated(base, off) = rule else {
            return Some(None);
        };
        if name_after {
            return Some(None);
        }
        // Without a year, only the month of days that stay in November.
        let unknown = match base {
            NamedBase::Thanksgiving | NamedBase::Remembrance if off <= 1 => "XXXX-11-XX",
            _ => "XXXX-XX-XX",
        };
        Some(self.feast(s, i + 1, unknown, |y| {
            let d = match base {
                NamedBase::Easter => easter(y)?,
                NamedBase::Thanksgiving => nth_weekday(y, 11, 4, 4)?,
                NamedBase::Remembrance => nth_weekday(y, 11, 7, 2)?,
            };
            add_days(d, off)
        }))
    }

    /// A feast day spanning tokens `s..e`: with a year right after it
    /// ("Easter Monday 2020"), that year's; without an anchor, `unknown`;
    /// else the nearest one, the window shifted by the sentence's tense
    /// ([`year_shift`], as for "March 1").
    fn feast(
        &self,
        s: usize,
        e: usize,
        unknown: &str,
        day: impl Fn(i32) -> Option<jiff::civil::Date>,
    ) -> Option<Found> {
        if let Some((y, ye)) = self.year_at(e) {
            return day(y).map(|d| Found::date(s, ye, Point::Day(d), false));
        }
        let Some(a) = self.a else {
            return Some(Found::new(s, e, TimexType::Date, unknown.into(), false));
        };
        let this = day(a.year())?;
        let y = a.year() + year_shift((this - a.date).get_days(), self.dir(s, e));
        day(y).map(|d| Found::date(s, e, Point::Day(d), true))
    }

    /// Holidays named "<Name> Day" with a fixed date or a fixed weekday of
    /// a month ("Memorial Day", "Labor Day", "Veterans Day", "Valentine's
    /// Day", "Boxing Day"), and "the Fourth of July".
    fn p_named_holiday(&self, i: usize) -> Option<Found> {
        if !self.t.get(i)?.cap {
            return None;
        }
        if self.is_word(i, "Fourth")
            && self.kw(i + 1, Kw::Of)
            && self.lex(i + 2) == Lex::Month(7, false)
            && self.t.get(i + 2).is_some_and(|t| t.cap)
        {
            return self
                .feast(i, i + 3, "XXXX-07-04", |y| ymd(y, 7, 4))
                .map(Found::the);
        }
        // British and Irish fixed days: "St Patrick's Day", "St. Andrew's
        // Day", "Bonfire Night", "Guy Fawkes Night", "Burns Night",
        // "Hogmanay".
        if let Some((m, d, e)) = self.uk_day(i) {
            let unknown = format!("XXXX-{m:02}-{d:02}");
            return self.feast(i, e, &unknown, |y| ymd(y, m, d));
        }
        // "Easter week" is the week before Easter in some usage and the
        // week after it in Irish and British usage: left untagged.
        if self.is_word(i, "Easter") && self.is_word(i + 1, "week") {
            return None;
        }
        if self.is_word(i, "Holy") && self.word(i + 1) == "Week" {
            // "Holy Week": the ISO week that ends on Easter Sunday (Holy
            // Week runs from Palm Sunday, the day before).
            let f = self.feast(i, i + 2, "XXXX-WXX", easter)?;
            return Some(match f.day {
                Some(d) => {
                    let (y, w) = iso_week(d);
                    Found::date(f.s, f.e, Point::Week(y, w), f.anch)
                }
                None => f,
            });
        }
        let mut j = i + 1;
        if self.apos(j) {
            j += 1;
            if self.is_word(j, "s") {
                j += 1;
            }
        }
        if self.word(j) != "Day" {
            return None;
        }
        let rule = holiday_rule(&self.word(i).to_ascii_lowercase())?;
        let unknown = match rule {
            Holiday::Fixed(m, d) => format!("XXXX-{m:02}-{d:02}"),
            Holiday::Nth(m, ..) | Holiday::Last(m, _) => format!("XXXX-{m:02}-XX"),
        };
        self.feast(i, j + 1, &unknown, |y| match rule {
            Holiday::Fixed(m, d) => ymd(y, m, d),
            Holiday::Nth(m, wd, n) => nth_weekday(y, m, wd, n),
            Holiday::Last(m, wd) => {
                let (ny, nm) = add_months(y, m, 1);
                let first_next = ymd(ny, nm, 1)?;
                let back = (i64::from(weekday(first_next)) - i64::from(wd) - 1).rem_euclid(7) + 1;
                add_days(first_next, -back)
            }
        })
    }

    /// A British or Irish fixed day's name at i: (month, day, end).
    fn uk_day(&self, i: usize) -> Option<(u8, u8, usize)> {
        let w = self.word(i);
        if w == "Hogmanay" {
            return Some((12, 31, i + 1));
        }
        if w == "St" || w == "Saint" {
            let mut j = i + 1;
            if self.p(j, b'.') && self.tight(j) {
                j += 1;
            }
            let (m, d) = match self.word(j) {
                "Patrick" => (3, 17),
                "David" => (3, 1),
                "George" => (4, 23),
                "Andrew" => (11, 30),
                "Valentine" => (2, 14),
                "Stephen" => (12, 26),
                _ => return None,
            };
            let mut k = j + 1;
            if self.apos(k) && self.is_word(k + 1, "s") {
                k += 2;
            }
            return (self.word(k) == "Day").then_some((m, d, k + 1));
        }
        let (m, d, k) = match w {
            "Bonfire" => (11, 5, i + 1),
            "Burns" => (1, 25, i + 1),
            "Guy" if self.word(i + 1) == "Fawkes" => (11, 5, i + 2),
            _ => return None,
        };
        (self.word(k) == "Night").then_some((m, d, k + 1))
    }

    /// this/last/next/past/coming/previous/following/current/latest + X.
    fn p_det(&self, i: usize, k: Kw) -> Option<Found> {
        let anch = self.a.is_some();
        let mut j = i + 1;
        // "this past spring", "this coming Sunday"
        let mut k = k;
        if k == Kw::This && matches!(self.lex(j), Lex::Kw(Kw::Past | Kw::Coming)) {
            if let Lex::Kw(k2) = self.lex(j) {
                k = k2;
            }
            j += 1;
        }
        if matches!(self.lex(j), Lex::Unit(..)) && self.t.get(j).is_some_and(|t| t.cap) {
            // Title case: a name ("This Week", the TV show).
            return None;
        }
        let fiscal = self.kw(j, Kw::Fiscal);
        if fiscal {
            j += 1;
        }
        let shift = match k {
            Kw::This | Kw::Current => 0,
            Kw::Last | Kw::Past | Kw::Previous | Kw::Latest => -1,
            Kw::Next | Kw::Coming | Kw::Following => 1,
            _ => return None,
        };
        match self.lex(j) {
            Lex::Unit(u, false) => {
                if matches!(u, Unit::Second | Unit::Minute | Unit::Hour) {
                    return None;
                }
                if u == Unit::Day {
                    if !matches!(k, Kw::Next | Kw::Following | Kw::Previous) {
                        return None;
                    }
                    let p = self.shifted(Unit::Day, shift)?;
                    let mut f = Found::date(i, j + 1, p, anch).the();
                    if i > 0 && self.kw(i - 1, Kw::The) {
                        // "the next day": after the day the story is at.
                        f.refer = Some((Unit::Day, shift));
                    }
                    return Some(f);
                }
                if u == Unit::Year && self.apos(j + 1) && self.is_word(j + 2, "s") {
                    // "this year's third quarter", "last year's quarter"
                    let mut e = j + 3;
                    let mut q = None;
                    if let Lex::Ord(n) = self.lex(e) {
                        q = u8::try_from(n).ok().filter(|n| (1..=4).contains(n));
                        e = self.hy(e + 1);
                    }
                    if self.lex(e) == Lex::Unit(Unit::Quarter, false) {
                        if let Some(a) = self.a {
                            let rq = match self.report_quarter() {
                                Point::Quarter(_, rq) => rq,
                                _ => 4,
                            };
                            let p = Point::Quarter(a.year() + shift, q.unwrap_or(rq));
                            return Some(Found::date(i, e + 1, p, true).the());
                        }
                    }
                }
                // "the past fortnight", "the next fortnight": no calendar
                // unit, so the two weeks up to (from) now.
                let fortnight = u == Unit::Fortnight && k != Kw::This && k != Kw::Current;
                if fortnight
                    || (matches!(u, Unit::Decade | Unit::Century)
                        && matches!(k, Kw::Past | Kw::Last))
                {
                    // "the past decade": a duration up to now.
                    let mut f =
                        Found::new(i, j + 1, TimexType::Duration, duration(u, Q::N(1)), false)
                            .the();
                    f.modable = true;
                    return Some(f);
                }
                // "This quarter's loss includes charges": a quarter whose
                // results are stated is the reported one, not the calendar
                // quarter under way ("this quarter's results will show" is).
                let stated = u == Unit::Quarter
                    && k == Kw::This
                    && self.apos(j + 1)
                    && self.is_word(j + 2, "s")
                    && [
                        "loss", "losses", "profit", "net", "earnings", "results", "income",
                        "revenue", "sales",
                    ]
                    .iter()
                    .any(|w| self.is_word(j + 3, w))
                    && self.dir(i, j + 4) != Dir::Future;
                let p = if u == Unit::Quarter && (k == Kw::Latest || stated) {
                    self.report_quarter_at(i)
                } else if u == Unit::Weekend && k == Kw::This {
                    self.shifted(Unit::Weekend, 0)?
                } else {
                    self.shifted(u, shift)?
                };
                let mut f = Found::date(i, j + 1, p, anch).the();
                if matches!(k, Kw::Following | Kw::Previous)
                    && matches!(u, Unit::Year | Unit::Month | Unit::Week)
                {
                    // "the following year": after the year last named.
                    f.refer = Some((u, shift));
                }
                Some(f)
            }
            Lex::Unit(u, true) => {
                // "the coming months", "the past few weeks" (no number)
                if matches!(k, Kw::Past | Kw::Last | Kw::Next | Kw::Coming) {
                    let mut f =
                        Found::new(i, j + 1, TimexType::Duration, duration(u, Q::X), false).the();
                    f.modable = true;
                    return Some(f);
                }
                None
            }
            Lex::Weekday(wd, false) => {
                let Some(a) = self.a else {
                    return Some(Found::date(i, j + 1, Point::WeekdayX(wd), false));
                };
                let aw = i64::from(weekday(a.date));
                let w = i64::from(wd);
                let off = match k {
                    Kw::Last | Kw::Past | Kw::Previous => {
                        let b = (aw - w).rem_euclid(7);
                        -(if b == 0 { 7 } else { b })
                    }
                    Kw::Next | Kw::Coming | Kw::Following => {
                        let f = (w - aw).rem_euclid(7);
                        if f == 0 {
                            7
                        } else {
                            f
                        }
                    }
                    _ => w - aw,
                };
                let d = add_days(a.date, off)?;
                let mut e = j + 1;
                let mut pod = None;
                if let Lex::Pod(p, false) = self.lex(e) {
                    pod = Some(p);
                    e += 1;
                }
                let f = self.with_pod(Found::date(i, e, Point::Day(d), true), pod);
                // "the previous Friday", "the following Monday"
                Some(if matches!(k, Kw::Previous | Kw::Following) {
                    f.the()
                } else {
                    f
                })
            }
            Lex::Month(m, false) if self.t[j].cap => {
                let Some(a) = self.a else {
                    return Some(Found::date(i, j + 1, Point::MonthX(m), false));
                };
                let (ay, am) = (a.year(), a.month());
                let y = match shift {
                    -1 => {
                        if m < am {
                            ay
                        } else {
                            ay - 1
                        }
                    }
                    1 => {
                        if m > am {
                            ay
                        } else {
                            ay + 1
                        }
                    }
                    _ => ay,
                };
                Some(Found::date(i, j + 1, Point::Month(y, m), true))
            }
            Lex::Season(s) => {
                let Some(a) = self.a else {
                    return Some(Found::new(
                        i,
                        j + 1,
                        TimexType::Date,
                        format!("XXXX-{}", crate::value::season_code(s)),
                        false,
                    ));
                };
                let (cy, cs) = season_of(a.year(), a.month());
                let y = match shift {
                    -1 => {
                        if s < cs {
                            cy
                        } else {
                            cy - 1
                        }
                    }
                    1 => {
                        if s > cs {
                            cy
                        } else {
                            cy + 1
                        }
                    }
                    _ => cy,
                };
                Some(Found::date(i, j + 1, Point::Season(y, s), true).the())
            }
            Lex::Pod(p, false) => {
                if matches!(k, Kw::Next | Kw::Following | Kw::Previous)
                    && i > 0
                    && self.kw(i - 1, Kw::The)
                {
                    // "appeared in court the next morning": the day after
                    // the day the story is at, as for "the next day" (its
                    // date, like "Friday morning").
                    let p = self.shifted(Unit::Day, shift)?;
                    let mut f = Found::date(i, j + 1, p, anch).the();
                    f.refer = Some((Unit::Day, shift));
                    return Some(f);
                }
                let day_shift = match (k, p) {
                    (Kw::This, _) => 0,
                    (Kw::Last, Pod::Night | Pod::Evening) => -1,
                    _ => return None,
                };
                let d = self.shifted(Unit::Day, day_shift)?;
                Some(Found::new(
                    i,
                    j + 1,
                    TimexType::Time,
                    format!("{}T{}", d.value(), p.code()),
                    anch,
                ))
            }
            _ => {
                // past/last/next/coming/first + quantity + unit: a duration.
                if matches!(
                    k,
                    Kw::Past | Kw::Last | Kw::Next | Kw::Coming | Kw::Following | Kw::Previous
                ) {
                    let mut f = self.p_dur(j)?;
                    if f.kind != TimexType::Duration {
                        return None;
                    }
                    f.s = i;
                    return Some(f.the());
                }
                None
            }
        }
    }

    /// The year of a quarter named without one at `s..e` ("the fourth
    /// quarter", "Q4"): a later quarter than the current one is last
    /// year's when the tense says so, or when it is too far ahead to be
    /// the one being reported.
    fn bare_quarter_year(&self, q: u8, s: usize, e: usize) -> Option<i32> {
        let a = self.a?;
        let cq = quarter_of(a.month());
        let dir = self.dir(s, e);
        let past = dir == Dir::Past || (q >= cq + 2 && dir != Dir::Future);
        Some(if q > cq && past {
            a.year() - 1
        } else {
            a.year()
        })
    }

    /// Ordinals: "the third quarter (of 1990)", "third-quarter", "the first
    /// half", "the first nine months", "the 20th century".
    fn p_ord(&self, i: usize) -> Option<Found> {
        let t = self.t.get(i)?;
        let n = match (t.kind, t.lex) {
            (Kind::OrdNum, _) => t.num,
            (_, Lex::Ord(n)) => n,
            (_, Lex::Unit(Unit::Second, false)) => 2,
            _ => return None,
        };
        let j = self.hy(i + 1);
        let anch = self.a.is_some();
        let y_after = |k: usize| -> (Option<i32>, usize, bool) {
            let mut kk = k;
            if self.kw(kk, Kw::Of) {
                kk += 1;
            }
            if let Some((y, e, rel)) = self.any_year(kk) {
                return (y, e, rel);
            }
            if self.kw(kk, Kw::The) && self.is_word(kk + 1, "year") {
                return (self.a.map(|a| a.year()), kk + 2, true);
            }
            (None, k, true)
        };
        match self.lex(j) {
            Lex::Unit(Unit::Quarter, false) if (1..=4).contains(&n) || n == 99 => {
                let q = if n == 99 { 4 } else { u8::try_from(n).ok()? };
                let (y, e, rel) = y_after(j + 1);
                if y.is_none() && self.match_period(i) {
                    // "scored 12 points in the fourth quarter".
                    return None;
                }
                let y = y.or_else(|| self.bare_quarter_year(q, i, j + 1));
                let p = match y {
                    Some(y) => Point::Quarter(y, q),
                    None => Point::Lit(format!("XXXX-Q{q}")),
                };
                let f = Found::date(i, e, p, rel && anch);
                // "the third quarter" but "the [third-quarter] results"
                Some(if j > i + 1 && e == j + 1 { f } else { f.the() })
            }
            Lex::Kw(Kw::Half) if (1..=2).contains(&n) => {
                let (y, e, rel) = y_after(j + 1);
                if y.is_none() && self.match_period(i) {
                    // "a first-half penalty", "in the second half".
                    return None;
                }
                let y = y.or_else(|| self.a.map(|a| a.year()));
                let p = match y {
                    Some(y) => Point::Half(y, u8::try_from(n).ok()?),
                    None => Point::Lit(format!("XXXX-H{n}")),
                };
                Some(Found::date(i, e, p, rel && anch).the())
            }
            Lex::Unit(Unit::Century, false)
                if t.kind == Kind::OrdNum || matches!(t.lex, Lex::Ord(_)) =>
            {
                let c = i32::try_from(n).ok()? - 1;
                Some(Found::date(i, j + 1, Point::Century(c), false).the())
            }
            Lex::Num(2)
                if n == 1
                    && self.lex(j + 1) == Lex::Unit(Unit::Quarter, true)
                    && self.kw(j + 2, Kw::Of) =>
            {
                // "the first two quarters of 1990": the first half.
                let (y, e, rel) = y_after(j + 2);
                let y = y.filter(|_| e > j + 3)?;
                Some(Found::date(i, e, Point::Half(y, 1), rel && anch).the())
            }
            _ => {
                if n == 1 && t.kind == Kind::Word {
                    // "the first nine months"
                    let f = self.p_dur(i + 1)?;
                    if f.kind != TimexType::Duration {
                        return None;
                    }
                    let mut f = f;
                    f.s = i;
                    return Some(f.the());
                }
                None
            }
        }
    }

    /// early/late/mid + X; the end/beginning/middle of X; year-end.
    fn p_edge(&self, i: usize) -> Option<Found> {
        let (md, j) = match self.lex(i) {
            Lex::Kw(Kw::Early | Kw::Late)
                if self.kw(i + 1, Kw::In)
                    && self.kw(i + 2, Kw::The)
                    && matches!(
                        self.lex(i + 3),
                        Lex::Unit(Unit::Day | Unit::Week | Unit::Month | Unit::Year, false)
                    ) =>
            {
                let Lex::Unit(u, _) = self.lex(i + 3) else {
                    return None;
                };
                let md = if self.kw(i, Kw::Early) {
                    "START"
                } else {
                    "END"
                };
                let p = self.shifted(u, 0)?;
                return Some(Found::date(i, i + 4, p, self.a.is_some()).with_md(md));
            }
            Lex::Kw(Kw::Early) => ("START", i + 1),
            Lex::Kw(Kw::Late) => ("END", i + 1),
            Lex::Kw(Kw::Mid) => ("MID", self.hy(i + 1)),
            Lex::Kw(Kw::End | Kw::Beginning | Kw::Start | Kw::Middle) if self.kw(i + 1, Kw::Of) => {
                let md = match self.lex(i) {
                    Lex::Kw(Kw::End) => "END",
                    Lex::Kw(Kw::Middle) => "MID",
                    _ => "START",
                };
                (md, i + 2)
            }
            _ => return None,
        };
        let j = if md != "MID" { self.hy(j) } else { j };
        let mut inner = match self.lex(j) {
            Lex::Kw(Kw::The) => {
                // "the end of the year", "the middle of the month"
                match self.lex(j + 1) {
                    Lex::Unit(
                        u @ (Unit::Year
                        | Unit::Month
                        | Unit::Week
                        | Unit::Quarter
                        | Unit::Decade
                        | Unit::Day),
                        false,
                    ) => {
                        let p = self.shifted(u, 0)?;
                        let f = Found::date(j, j + 2, p, self.a.is_some());
                        Some(if u == Unit::Day { f.day_ref() } else { f })
                    }
                    _ => self.p_the(j),
                }
            }
            Lex::Kw(_) => self.p_rel(j),
            Lex::Month(..) => self.p_month_first(j),
            Lex::Weekday(..) => self.p_weekday(j),
            Lex::Season(s) => self.season(j, s),
            Lex::Pod(p, false) if md == "MID" || md == "END" || md == "START" => {
                // "mid-afternoon yesterday": the day after it, if any.
                let (dv, anch, e) = match self.deictic_day(j + 1) {
                    Some(x) => x,
                    None => (self.shifted(Unit::Day, 0)?.value(), self.a.is_some(), j + 1),
                };
                Some(Found::new(
                    j,
                    e,
                    TimexType::Time,
                    format!("{dv}T{}", p.code()),
                    anch,
                ))
            }
            _ => self.p_year(j),
        }?;
        if inner.kind == TimexType::Duration || inner.kind == TimexType::Set {
            return None;
        }
        if inner.val.ends_with("_REF") {
            return None;
        }
        inner.s = i;
        inner.md = Some(md);
        inner.day = None;
        if matches!(self.lex(i), Lex::Kw(Kw::Early | Kw::Late | Kw::Mid)) {
            inner.the_ok = inner.val.len() == 3 || inner.the_ok;
        } else {
            inner.the_ok = true;
        }
        Some(inner)
    }

    /// A season with an optional year: "summer", "the summer of 2018".
    fn season(&self, i: usize, s: u8) -> Option<Found> {
        let mut j = i + 1;
        if self.kw(j, Kw::Of) {
            j += 1;
        }
        if let Some((y, e, rel)) = self.any_year(j) {
            let p = match y {
                Some(y) => Point::Season(y, s),
                None => Point::Lit(format!("XXXX-{}", crate::value::season_code(s))),
            };
            return Some(Found::date(i, e, p, rel && self.a.is_some()).the());
        }
        let Some(a) = self.a else {
            return Some(
                Found::new(
                    i,
                    i + 1,
                    TimexType::Date,
                    format!("XXXX-{}", crate::value::season_code(s)),
                    false,
                )
                .the(),
            );
        };
        let (cy, cs) = season_of(a.year(), a.month());
        let dir = self.dir(i, i + 1);
        let y = match dir {
            Dir::Future if s < cs => cy + 1,
            Dir::Past if s > cs => cy - 1,
            _ => cy,
        };
        Some(Found::date(i, i + 1, Point::Season(y, s), true).the())
    }

    /// Seasons, "year-end", "year-ago" and other leftovers.
    fn p_misc(&self, i: usize) -> Option<Found> {
        // "for years", "in decades", "within weeks", "over the years": an
        // unspecified duration.
        if let Lex::Unit(u, true) = self.lex(i) {
            let prev = i.checked_sub(1).map(|p| (p, self.word(p)));
            let lead = match prev {
                Some((_, w))
                    if ["for", "in", "within"]
                        .iter()
                        .any(|x| w.eq_ignore_ascii_case(x)) =>
                {
                    true
                }
                Some((p, _)) if self.kw(p, Kw::The) && p > 0 && self.kw(p - 1, Kw::Over) => true,
                _ => false,
            };
            let next_bad = matches!(
                self.lex(i + 1),
                Lex::Kw(Kw::Of | Kw::Ago | Kw::Earlier | Kw::Later)
            ) || (self.p(i + 1, b'-') && self.tight(i + 1))
                || self.is_word(i + 1, "before")
                || self.is_word(i + 1, "after");
            let next_ok = !next_bad;
            if lead && next_ok && !matches!(u, Unit::Weekend | Unit::Quarter) {
                return Some(Found::new(
                    i,
                    i + 1,
                    TimexType::Duration,
                    duration(u, Q::X),
                    false,
                ));
            }
        }
        // "decades-long", "day-long"; "single-day"
        if let Lex::Unit(u, plural) = self.lex(i) {
            if self.p(i + 1, b'-') && self.tight(i + 1) && self.is_word(i + 2, "long") {
                let q = if plural { Q::X } else { Q::N(1) };
                return Some(Found::new(
                    i,
                    i + 3,
                    TimexType::Duration,
                    duration(u, q),
                    false,
                ));
            }
        }
        if self.kw(i, Kw::Single) && self.p(i + 1, b'-') && self.tight(i + 1) {
            if let Lex::Unit(u, false) = self.lex(i + 2) {
                return Some(Found::new(
                    i,
                    i + 3,
                    TimexType::Duration,
                    duration(u, Q::N(1)),
                    false,
                ));
            }
        }
        match self.lex(i) {
            Lex::Num(_) => {
                let (y, e) = self.spoken_year(i)?;
                // "nineteen ninety-six" but not "two thousand people".
                if self
                    .t
                    .get(e)
                    .is_some_and(|t| t.kind == Kind::Word && t.lex == Lex::None && !t.cap)
                    && y == 2000
                {
                    return None;
                }
                Some(Found::date(i, e, Point::Year(y), false))
            }
            Lex::Unit(Unit::Year, false) if i > 0 && self.kw(i - 1, Kw::The) => {
                let (y, e) = self.spoken_year(i + 1).or_else(|| self.year_at(i + 1))?;
                Some(Found::date(i, e, Point::Year(y), false).the())
            }
            Lex::Season(s) => {
                let t = &self.t[i];
                let is_fall = self.is_word(i, "fall");
                let prev_cap =
                    i > 0 && self.t[i - 1].kind == Kind::Word && self.t[i - 1].cap && !t.nl;
                let next_cap = self
                    .t
                    .get(i + 1)
                    .is_some_and(|n| n.kind == Kind::Word && n.cap)
                    || (self.kw(i + 1, Kw::Of) && self.t.get(i + 2).is_some_and(|n| n.cap));
                let possessive = i > 0
                    && [
                        "their", "its", "our", "his", "her", "this", "next", "last", "but", "and",
                    ]
                    .iter()
                    .any(|w| self.is_word(i - 1, w));
                if !is_fall && !(t.cap && (prev_cap || next_cap)) && (possessive || !t.cap) {
                    return self.season(i, s);
                }
                if !matches!(
                    i.checked_sub(1).map(|p| self.lex(p)),
                    Some(Lex::Kw(
                        Kw::In
                            | Kw::The
                            | Kw::This
                            | Kw::Last
                            | Kw::Next
                            | Kw::Since
                            | Kw::During
                            | Kw::By
                            | Kw::Until
                            | Kw::Early
                            | Kw::Late
                            | Kw::Of
                    ))
                ) {
                    return None;
                }
                self.season(i, s)
            }
            Lex::Unit(Unit::Year, false) => {
                // year-end, year end, year's end; year-ago, year-earlier
                let anch = self.a.is_some();
                if self.p(i + 1, b'-') && self.tight(i + 1) {
                    if self.kw(i + 2, Kw::End) {
                        let p = self.shifted(Unit::Year, 0)?;
                        return Some(Found::date(i, i + 3, p, anch).with_md("END").the());
                    }
                    if self.kw(i + 2, Kw::Ago) || self.kw(i + 2, Kw::Earlier) {
                        let mut p = self.shifted(Unit::Year, -1)?;
                        if self.quarter_context(i) {
                            if let Point::Quarter(y, rq) = self.report_quarter_at(i) {
                                p = Point::Quarter(y - 1, rq);
                            }
                        }
                        return Some(Found::date(i, i + 3, p, anch).the());
                    }
                }
                if self.apos(i + 1) && self.is_word(i + 2, "s") && self.kw(i + 3, Kw::End) {
                    let p = self.shifted(Unit::Year, 0)?;
                    return Some(Found::date(i, i + 4, p, anch).with_md("END"));
                }
                if self.kw(i + 1, Kw::End) && !self.kw(i.wrapping_sub(1), Kw::The) {
                    let p = self.shifted(Unit::Year, 0)?;
                    return Some(Found::date(i, i + 2, p, anch).with_md("END"));
                }
                None
            }
            _ => None,
        }
    }
}

fn time_value(day: &str, h: u8, m: u8, tz: Option<Zone>) -> String {
    let mut v = format!("{day}T{h:02}:{m:02}");
    let offset = match tz {
        Some(Zone::Fixed(o)) => Some(o),
        Some(Zone::Us(o)) => us_daylight(day).map(|dst| if dst { o + 60 } else { o }),
        None => None,
    };
    if let Some(o) = offset {
        v.push_str(&offset_str(o));
    }
    v
}

/// The time zone written after a clock time.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Zone {
    /// A fixed UTC offset in minutes ("GMT", "EDT", "BST").
    Fixed(i32),
    /// A US zone named without standard or daylight time ("ET", "PT"):
    /// its standard offset in minutes, an hour more in daylight time.
    Us(i32),
}

/// The standard offset of a US zone written as "ET", "CT", "MT" or "PT"
/// (capitals only: "et" is Latin, "Et" starts a sentence).
fn us_zone(word: &str) -> Option<i32> {
    Some(match word {
        "ET" => -300,
        "CT" => -360,
        "MT" => -420,
        "PT" => -480,
        _ => return None,
    })
}

/// Whether US daylight time is in force on a `YYYY-MM-DD` day (from the
/// second Sunday of March to the first Sunday of November, the rule since
/// 2007); `None` when the day is not known.
fn us_daylight(day: &str) -> Option<bool> {
    let y: i32 = day.get(0..4)?.parse().ok()?;
    let m: u8 = day.get(5..7)?.parse().ok()?;
    let d: u8 = day.get(8..10)?.parse().ok()?;
    let date = ymd(y, m, d)?;
    let start = nth_weekday(y, 3, 7, 2)?;
    let end = nth_weekday(y, 11, 7, 1)?;
    Some(date >= start && date < end)
}

/// Which year a yearly day belongs to, given how many days this year's
/// falls after the anchor (negative: before it): -1 for last year's, 1 for
/// next year's, 0 for this year's. The nearest such day, the window shifted
/// by the tense; a past-tense sentence still reports scheduled days a few
/// weeks ahead ("was subpoenaed to testify on Feb. 10" in early January).
fn year_shift(days_after_anchor: i32, dir: Dir) -> i32 {
    let (lo, hi) = match dir {
        Dir::Past => (-320, 45),
        Dir::Future => (-60, 305),
        Dir::Unknown => (-182, 183),
    };
    if days_after_anchor > hi {
        -1
    } else if days_after_anchor < lo {
        1
    } else {
        0
    }
}

/// How a "<Name> Day" holiday falls in a year.
#[derive(Clone, Copy)]
enum Holiday {
    /// A fixed month and day.
    Fixed(u8, u8),
    /// The n-th weekday (Monday = 1) of a month: (month, weekday, n).
    Nth(u8, u8, u8),
    /// The last weekday of a month: (month, weekday).
    Last(u8, u8),
}

/// Holidays named "<word> Day" (word lowercase) that every reader dates
/// the same way; the US ones where a name is shared (Labor Day).
fn holiday_rule(word: &str) -> Option<Holiday> {
    use Holiday::{Fixed, Last, Nth};
    Some(match word {
        "valentine" => Fixed(2, 14),
        "presidents" => Nth(2, 1, 3),
        "memorial" => Last(5, 1),
        // US Labor Day; "Labour Day" is May 1 in most of the world and the
        // first Monday of September in Canada, so it is left undated.
        "labor" => Nth(9, 1, 1),
        "columbus" => Nth(10, 1, 2),
        "veterans" | "armistice" | "remembrance" => Fixed(11, 11),
        "boxing" => Fixed(12, 26),
        // May Day (May 1); "Mayday", the distress call, is one word.
        "may" => Fixed(5, 1),
        _ => return None,
    })
}

/// What a named weekday means: a day counted from a movable feast, or a
/// name this tagger cannot date.
#[derive(Clone, Copy)]
enum NamedDay {
    /// That many days from the feast of the year.
    Dated(NamedBase, i64),
    /// A one-off or varying day ("Black Monday", "Super Tuesday").
    Undated,
}

/// The feast a named day is counted from.
#[derive(Clone, Copy)]
enum NamedBase {
    /// Western (Gregorian) Easter Sunday.
    Easter,
    /// US Thanksgiving, the fourth Thursday of November.
    Thanksgiving,
    /// Remembrance Sunday (UK), the second Sunday of November.
    Remembrance,
}

/// The named day made of `word` (lowercase) and weekday `wd` (Monday = 1).
fn named_day_rule(word: &str, wd: u8) -> Option<NamedDay> {
    use NamedBase::{Easter, Remembrance, Thanksgiving};
    use NamedDay::{Dated, Undated};
    Some(match (word, wd) {
        ("good", 5) => Dated(Easter, -2),
        ("holy" | "maundy", 4) => Dated(Easter, -3),
        ("holy", 6) => Dated(Easter, -1),
        ("easter", 7) => Dated(Easter, 0),
        ("easter", 1) => Dated(Easter, 1),
        ("palm", 7) => Dated(Easter, -7),
        ("ash", 3) => Dated(Easter, -46),
        ("shrove" | "fat", 2) => Dated(Easter, -47),
        ("whit", 7) => Dated(Easter, 49),
        ("whit", 1) => Dated(Easter, 50),
        // UK Mother's Day, three weeks before Easter.
        ("mothering", 7) => Dated(Easter, -21),
        ("remembrance", 7) => Dated(Remembrance, 0),
        ("black", 5) => Dated(Thanksgiving, 1),
        ("cyber", 1) => Dated(Thanksgiving, 4),
        ("giving", 2) => Dated(Thanksgiving, 5),
        ("black" | "blue" | "bloody" | "super" | "bowl" | "selection" | "manic", _) => Undated,
        // "Man Friday", "Girl Friday": an assistant, not a day.
        ("man" | "girl", 5) => Undated,
        _ => return None,
    })
}
