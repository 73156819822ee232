//! The tokenizer and the lexicon: one pass over the bytes of the text that
//! cuts it into words, numbers and punctuation, and tags each word with the
//! class the date grammar cares about (month, weekday, unit, number word,
//! keyword…). Everything downstream works on these tokens, never on the raw
//! text, so the cost per word is one scan plus one table lookup.

/// A time unit, as used in durations and relative expressions.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    /// Two weeks (British "fortnight").
    Fortnight,
    Weekend,
    Month,
    Quarter,
    Year,
    Decade,
    Century,
}

/// A part of the day (TIMEX3 `MO`, `AF`, `EV`, `NI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Pod {
    Morning,
    Afternoon,
    Evening,
    Night,
}

impl Pod {
    pub(crate) fn code(self) -> &'static str {
        match self {
            Pod::Morning => "MO",
            Pod::Afternoon => "AF",
            Pod::Evening => "EV",
            Pod::Night => "NI",
        }
    }
}

/// Keywords the grammar refers to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kw {
    The,
    This,
    That,
    Last,
    Next,
    Past,
    Coming,
    Previous,
    Following,
    Ago,
    Earlier,
    Later,
    Early,
    Late,
    Mid,
    Middle,
    End,
    Beginning,
    Start,
    Of,
    In,
    On,
    Since,
    Until,
    By,
    From,
    Through,
    During,
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Recently,
    Recent,
    Future,
    Current,
    Latest,
    Fiscal,
    Same,
    Full,
    A,
    An,
    Few,
    Several,
    Couple,
    Some,
    About,
    Around,
    Approximately,
    Roughly,
    Nearly,
    Almost,
    More,
    Less,
    Than,
    Over,
    Least,
    At,
    Up,
    To,
    No,
    Every,
    Each,
    Per,
    Daily,
    Weekly,
    Fortnightly,
    Monthly,
    Yearly,
    Annually,
    Hourly,
    Quarterly,
    Noon,
    Midnight,
    Midday,
    Am,
    Pm,
    Half,
    And,
    Or,
    So,
    Christmas,
    Eve,
    New,
    Thanksgiving,
    Halloween,
    Overnight,
    Near,
    Term,
    Long,
    Short,
    Right,
    These,
    Nowadays,
    Present,
    Moment,
    Ended,
    Period,
    Other,
    Straight,
    Consecutive,
    Trading,
    Business,
    Additional,
    Single,
    Being,
    Election,
    /// "nineties" = 9.
    Decades(u8),
    Q(u8),
    H(u8),
    Tz(i16),
    /// A word that marks future reference (will, 'll, next…).
    FutureCue,
    /// A word that marks past reference (was, said, had…).
    PastCue,
    /// A word that marks present reference (is, are, has…).
    PresentCue,
}

/// The class of a word.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    None,
    /// 1..=12; `abbr` when abbreviated.
    Month(u8, bool),
    /// Weekday 1 (Monday) ..= 7; `plural` for "Mondays".
    Weekday(u8, bool),
    /// A unit; `plural` for "years".
    Unit(Unit, bool),
    /// A number word ("three", "twenty").
    Num(u32),
    /// An ordinal word ("third").
    Ord(u32),
    /// A season: 1 spring, 2 summer, 3 fall, 4 winter.
    Season(u8),
    /// A part of the day.
    Pod(Pod, bool),
    /// A keyword.
    Kw(Kw),
}

/// What kind of token.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Kind {
    Word,
    /// Plain digits.
    Num,
    /// Digits with an ordinal suffix ("26th").
    OrdNum,
    /// Digits with internal separators ("1.5", "2,019") or trailing letters.
    OtherNum,
    Punct,
}

/// One token.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    /// Byte offset of the first byte.
    pub s: usize,
    /// Byte offset one past the last byte.
    pub e: usize,
    pub kind: Kind,
    pub lex: Lex,
    /// Numeric value for `Num`/`OrdNum` tokens (saturating).
    pub num: u32,
    /// Number of digits for `Num`.
    pub ndig: u8,
    /// First letter uppercase.
    pub cap: bool,
    /// Whitespace (or start of text) precedes it.
    pub sp: bool,
    /// A line break precedes it.
    pub nl: bool,
    /// The punctuation byte for `Punct`.
    pub ch: u8,
    /// A word ending in "-ed" (likely past tense).
    pub ed: bool,
}

fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// Length of a non-ASCII space at `i` (no-break space, the U+2000 spaces).
fn unicode_space(b: &[u8], i: usize) -> usize {
    match (b.get(i), b.get(i + 1), b.get(i + 2)) {
        (Some(0xC2), Some(0xA0), _) => 2,
        (Some(0xE2), Some(0x80), Some(&c)) if (0x80..=0x8A).contains(&c) || c == 0xAF => 3,
        _ => 0,
    }
}

/// Whether a non-ASCII punctuation mark starts at `i` (curly quotes,
/// dashes, ellipsis, guillemets): it ends a word.
fn unicode_punct(b: &[u8], i: usize) -> bool {
    match (b.get(i), b.get(i + 1)) {
        (Some(0xE2), Some(0x80)) => true,
        (Some(0xC2), Some(&c)) => matches!(c, 0xA0 | 0xAB | 0xBB),
        _ => false,
    }
}

/// Cuts `text` into tokens.
pub(crate) fn tokenize(text: &str) -> Vec<Tok> {
    let b = text.as_bytes();
    let mut out = Vec::with_capacity(b.len() / 5 + 4);
    let mut i = 0;
    let mut sp = true;
    let mut nl = true;
    while i < b.len() {
        let c = b[i];
        if c.is_ascii_whitespace() {
            sp = true;
            if c == b'\n' {
                nl = true;
            }
            i += 1;
            continue;
        }
        let us = unicode_space(b, i);
        if us > 0 {
            sp = true;
            i += us;
            continue;
        }
        let start = i;
        let mut t = Tok {
            s: start,
            e: start,
            kind: Kind::Punct,
            lex: Lex::None,
            num: 0,
            ndig: 0,
            cap: false,
            sp,
            nl,
            ch: 0,
            ed: false,
        };
        if c.is_ascii_digit() {
            let mut v: u32 = 0;
            while i < b.len() && b[i].is_ascii_digit() {
                v = v.saturating_mul(10).saturating_add(u32::from(b[i] - b'0'));
                i += 1;
            }
            t.ndig = u8::try_from(i - start).unwrap_or(u8::MAX);
            t.num = v;
            t.kind = Kind::Num;
            // Internal separators followed by digits make another kind of number.
            let mut other = false;
            while i + 1 < b.len() && matches!(b[i], b'.' | b',') && b[i + 1].is_ascii_digit() {
                other = true;
                i += 1;
                while i < b.len() && b[i].is_ascii_digit() {
                    i += 1;
                }
            }
            if other {
                t.kind = Kind::OtherNum;
            } else if i < b.len() && b[i].is_ascii_alphabetic() {
                let ws = i;
                while i < b.len() && b[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                let suf = &text[ws..i];
                if ["st", "nd", "rd", "th"]
                    .iter()
                    .any(|x| suf.eq_ignore_ascii_case(x))
                {
                    t.kind = Kind::OrdNum;
                } else if suf.eq_ignore_ascii_case("s") {
                    // "1990s": keep as a number with the plural marked.
                    t.kind = Kind::Num;
                    t.lex = Lex::Unit(Unit::Decade, true);
                } else if suf.eq_ignore_ascii_case("am") || suf.eq_ignore_ascii_case("pm") {
                    // "9am": split the suffix into its own token.
                    i = ws;
                } else if suf.eq_ignore_ascii_case("z") && t.ndig == 4 {
                    // "0800Z"
                    i = ws;
                } else {
                    t.kind = Kind::OtherNum;
                }
            }
        } else if is_word_byte(c) && !unicode_punct(b, i) {
            // Letters, then letters or digits ("Q3", "A380s", "H1").
            while i < b.len()
                && (is_word_byte(b[i]) || b[i].is_ascii_digit())
                && !unicode_punct(b, i)
            {
                i += 1;
            }
            // a.m. / p.m.
            let w = &text[start..i];
            if (w.eq_ignore_ascii_case("a") || w.eq_ignore_ascii_case("p"))
                && i + 1 < b.len()
                && b[i] == b'.'
                && (b[i + 1] == b'm' || b[i + 1] == b'M')
            {
                i += 2;
                if i < b.len() && b[i] == b'.' {
                    i += 1;
                }
            }
            t.kind = Kind::Word;
            t.cap = c.is_ascii_uppercase();
        } else {
            // One punctuation character (a whole UTF-8 sequence for non-ASCII).
            i += 1;
            while i < b.len() && (b[i] & 0xC0) == 0x80 {
                i += 1;
            }
            t.ch = c;
        }
        t.e = i;
        if t.kind == Kind::Word {
            let w = &text[t.s..t.e];
            t.lex = lookup(w);
            let wb = w.as_bytes();
            t.ed = wb.len() > 4 && wb.ends_with(b"ed");
        }
        out.push(t);
        sp = false;
        nl = false;
    }
    out
}

/// Looks a word up in the lexicon (case-insensitively).
pub(crate) fn lookup(w: &str) -> Lex {
    let wb = w.as_bytes();
    if wb.len() > 14 || wb.is_empty() {
        return Lex::None;
    }
    let mut buf = [0u8; 14];
    for (d, s) in buf.iter_mut().zip(wb) {
        if !s.is_ascii() {
            return Lex::None;
        }
        *d = s.to_ascii_lowercase();
    }
    let l = match std::str::from_utf8(&buf[..wb.len()]) {
        Ok(s) => s,
        Err(_) => return Lex::None,
    };
    use Kw::*;
    use Lex as L;
    match l {
        "january" => L::Month(1, false),
        "february" => L::Month(2, false),
        "march" => L::Month(3, false),
        "april" => L::Month(4, false),
        "may" => L::Month(5, false),
        "june" => L::Month(6, false),
        "july" => L::Month(7, false),
        "august" => L::Month(8, false),
        "september" => L::Month(9, false),
        "october" => L::Month(10, false),
        "november" => L::Month(11, false),
        "december" => L::Month(12, false),
        "jan" => L::Month(1, true),
        "feb" => L::Month(2, true),
        "mar" => L::Month(3, true),
        "apr" => L::Month(4, true),
        "jun" => L::Month(6, true),
        "jul" => L::Month(7, true),
        "aug" => L::Month(8, true),
        "sep" | "sept" => L::Month(9, true),
        "oct" => L::Month(10, true),
        "nov" => L::Month(11, true),
        "dec" => L::Month(12, true),
        "monday" => L::Weekday(1, false),
        "tuesday" => L::Weekday(2, false),
        "wednesday" => L::Weekday(3, false),
        "thursday" => L::Weekday(4, false),
        "friday" => L::Weekday(5, false),
        "saturday" => L::Weekday(6, false),
        "sunday" => L::Weekday(7, false),
        "mondays" => L::Weekday(1, true),
        "tuesdays" => L::Weekday(2, true),
        "wednesdays" => L::Weekday(3, true),
        "thursdays" => L::Weekday(4, true),
        "fridays" => L::Weekday(5, true),
        "saturdays" => L::Weekday(6, true),
        "sundays" => L::Weekday(7, true),
        "second" => L::Unit(Unit::Second, false),
        "seconds" => L::Unit(Unit::Second, true),
        "minute" | "min" => L::Unit(Unit::Minute, false),
        "minutes" | "mins" => L::Unit(Unit::Minute, true),
        "hour" | "hr" => L::Unit(Unit::Hour, false),
        "hours" | "hrs" => L::Unit(Unit::Hour, true),
        "day" => L::Unit(Unit::Day, false),
        "days" => L::Unit(Unit::Day, true),
        "week" => L::Unit(Unit::Week, false),
        "fortnight" => L::Unit(Unit::Fortnight, false),
        "fortnights" => L::Unit(Unit::Fortnight, true),
        "weeks" => L::Unit(Unit::Week, true),
        "weekend" => L::Unit(Unit::Weekend, false),
        "weekends" => L::Unit(Unit::Weekend, true),
        "month" => L::Unit(Unit::Month, false),
        "months" => L::Unit(Unit::Month, true),
        "quarter" => L::Unit(Unit::Quarter, false),
        "quarters" => L::Unit(Unit::Quarter, true),
        "year" => L::Unit(Unit::Year, false),
        "years" => L::Unit(Unit::Year, true),
        "decade" => L::Unit(Unit::Decade, false),
        "decades" => L::Unit(Unit::Decade, true),
        "century" => L::Unit(Unit::Century, false),
        "centuries" => L::Unit(Unit::Century, true),
        "one" => L::Num(1),
        "two" => L::Num(2),
        "three" => L::Num(3),
        "four" => L::Num(4),
        "five" => L::Num(5),
        "six" => L::Num(6),
        "seven" => L::Num(7),
        "eight" => L::Num(8),
        "nine" => L::Num(9),
        "ten" => L::Num(10),
        "eleven" => L::Num(11),
        "twelve" => L::Num(12),
        "thirteen" => L::Num(13),
        "fourteen" => L::Num(14),
        "fifteen" => L::Num(15),
        "sixteen" => L::Num(16),
        "seventeen" => L::Num(17),
        "eighteen" => L::Num(18),
        "nineteen" => L::Num(19),
        "twenty" => L::Num(20),
        "thirty" => L::Num(30),
        "forty" => L::Num(40),
        "fifty" => L::Num(50),
        "sixty" => L::Num(60),
        "seventy" => L::Num(70),
        "eighty" => L::Num(80),
        "ninety" => L::Num(90),
        "hundred" => L::Num(100),
        "dozen" => L::Num(12),
        "first" => L::Ord(1),
        "third" => L::Ord(3),
        "fourth" => L::Ord(4),
        "fifth" => L::Ord(5),
        "sixth" => L::Ord(6),
        "seventh" => L::Ord(7),
        "eighth" => L::Ord(8),
        "ninth" => L::Ord(9),
        "tenth" => L::Ord(10),
        "final" => L::Ord(99),
        "spring" => L::Season(1),
        "summer" => L::Season(2),
        "fall" | "autumn" => L::Season(3),
        "winter" => L::Season(4),
        "morning" => L::Pod(Pod::Morning, false),
        "mornings" => L::Pod(Pod::Morning, true),
        "afternoon" => L::Pod(Pod::Afternoon, false),
        "afternoons" => L::Pod(Pod::Afternoon, true),
        "evening" => L::Pod(Pod::Evening, false),
        "evenings" => L::Pod(Pod::Evening, true),
        "night" => L::Pod(Pod::Night, false),
        "nights" => L::Pod(Pod::Night, true),
        "the" => L::Kw(The),
        "this" => L::Kw(This),
        "that" => L::Kw(That),
        "last" => L::Kw(Last),
        "next" => L::Kw(Next),
        "past" => L::Kw(Past),
        "coming" | "upcoming" => L::Kw(Coming),
        "previous" | "prior" | "preceding" => L::Kw(Previous),
        "following" | "subsequent" => L::Kw(Following),
        "ago" => L::Kw(Ago),
        "earlier" => L::Kw(Earlier),
        "later" => L::Kw(Later),
        "early" => L::Kw(Early),
        "late" => L::Kw(Late),
        "mid" => L::Kw(Mid),
        "middle" => L::Kw(Middle),
        "end" => L::Kw(End),
        "beginning" => L::Kw(Beginning),
        "start" => L::Kw(Start),
        "of" => L::Kw(Of),
        "in" => L::Kw(In),
        "on" => L::Kw(On),
        "since" => L::Kw(Since),
        "until" | "till" => L::Kw(Until),
        "by" => L::Kw(By),
        "from" => L::Kw(From),
        "through" => L::Kw(Through),
        "during" => L::Kw(During),
        "today" => L::Kw(Today),
        "yesterday" => L::Kw(Yesterday),
        "tomorrow" => L::Kw(Tomorrow),
        "tonight" => L::Kw(Tonight),
        "now" => L::Kw(Now),
        "currently" => L::Kw(Currently),
        "recently" | "lately" => L::Kw(Recently),
        "recent" => L::Kw(Recent),
        "future" => L::Kw(Future),
        "current" => L::Kw(Current),
        "latest" => L::Kw(Latest),
        "fiscal" | "financial" => L::Kw(Fiscal),
        "same" | "comparable" | "corresponding" => L::Kw(Same),
        "full" | "entire" | "whole" => L::Kw(Full),
        "a" => L::Kw(A),
        "an" => L::Kw(An),
        "few" => L::Kw(Few),
        "several" | "many" => L::Kw(Several),
        "couple" => L::Kw(Couple),
        "some" => L::Kw(Some),
        "about" => L::Kw(About),
        "around" => L::Kw(Around),
        "approximately" => L::Kw(Approximately),
        "roughly" => L::Kw(Roughly),
        "nearly" => L::Kw(Nearly),
        "almost" => L::Kw(Almost),
        "more" => L::Kw(More),
        "less" | "fewer" => L::Kw(Less),
        "than" => L::Kw(Than),
        "over" => L::Kw(Over),
        "least" => L::Kw(Least),
        "at" => L::Kw(At),
        "up" => L::Kw(Up),
        "to" => L::Kw(To),
        "no" => L::Kw(No),
        "every" => L::Kw(Every),
        "each" => L::Kw(Each),
        "per" => L::Kw(Per),
        "daily" => L::Kw(Daily),
        "weekly" => L::Kw(Weekly),
        "fortnightly" => L::Kw(Fortnightly),
        "monthly" => L::Kw(Monthly),
        "yearly" => L::Kw(Yearly),
        "annually" => L::Kw(Annually),
        "hourly" => L::Kw(Hourly),
        "quarterly" => L::Kw(Quarterly),
        "noon" => L::Kw(Noon),
        "midnight" => L::Kw(Midnight),
        "midday" => L::Kw(Midday),
        "am" | "a.m." | "a.m" => L::Kw(Am),
        "pm" | "p.m." | "p.m" => L::Kw(Pm),
        "half" => L::Kw(Half),
        "and" => L::Kw(And),
        "or" => L::Kw(Or),
        "so" => L::Kw(So),
        "christmas" | "xmas" => L::Kw(Christmas),
        "eve" => L::Kw(Eve),
        "new" => L::Kw(New),
        "thanksgiving" => L::Kw(Thanksgiving),
        "halloween" => L::Kw(Halloween),
        "overnight" => L::Kw(Overnight),
        "near" => L::Kw(Near),
        "term" => L::Kw(Term),
        "long" => L::Kw(Long),
        "short" => L::Kw(Short),
        "right" => L::Kw(Right),
        "these" => L::Kw(These),
        "nowadays" => L::Kw(Nowadays),
        "present" => L::Kw(Present),
        "moment" => L::Kw(Moment),
        "ended" | "ending" | "ends" => L::Kw(Ended),
        "period" => L::Kw(Period),
        "other" => L::Kw(Other),
        "straight" => L::Kw(Straight),
        "consecutive" | "successive" => L::Kw(Consecutive),
        "trading" => L::Kw(Trading),
        "business" | "working" => L::Kw(Business),
        "additional" | "extra" | "further" => L::Kw(Additional),
        "single" => L::Kw(Single),
        "being" => L::Kw(Being),
        "election" => L::Kw(Election),
        "twenties" => L::Kw(Decades(2)),
        "thirties" => L::Kw(Decades(3)),
        "forties" => L::Kw(Decades(4)),
        "fifties" => L::Kw(Decades(5)),
        "sixties" => L::Kw(Decades(6)),
        "seventies" => L::Kw(Decades(7)),
        "eighties" => L::Kw(Decades(8)),
        "nineties" => L::Kw(Decades(9)),
        "q1" => L::Kw(Q(1)),
        "q2" => L::Kw(Q(2)),
        "q3" => L::Kw(Q(3)),
        "q4" => L::Kw(Q(4)),
        "h1" => L::Kw(H(1)),
        "h2" => L::Kw(H(2)),
        "utc" | "gmt" | "z" => L::Kw(Tz(0)),
        "est" => L::Kw(Tz(-300)),
        "edt" => L::Kw(Tz(-240)),
        "cst" => L::Kw(Tz(-360)),
        "cdt" => L::Kw(Tz(-300)),
        "mst" => L::Kw(Tz(-420)),
        "mdt" => L::Kw(Tz(-360)),
        "pst" => L::Kw(Tz(-480)),
        "pdt" => L::Kw(Tz(-420)),
        "bst" | "cet" => L::Kw(Tz(60)),
        "cest" | "eet" | "sast" => L::Kw(Tz(120)),
        "eest" | "msk" => L::Kw(Tz(180)),
        "pkt" => L::Kw(Tz(300)),
        "hkt" => L::Kw(Tz(480)),
        "awst" => L::Kw(Tz(480)),
        "jst" | "kst" => L::Kw(Tz(540)),
        "acst" => L::Kw(Tz(570)),
        "aest" => L::Kw(Tz(600)),
        "acdt" => L::Kw(Tz(630)),
        "aedt" => L::Kw(Tz(660)),
        "nzst" => L::Kw(Tz(720)),
        "nzdt" => L::Kw(Tz(780)),
        "will" | "shall" | "ll" | "tomorrow's" | "plans" | "plan" | "expects" | "expected"
        | "expect" | "scheduled" | "due" | "going" | "would" | "aims" | "intends" | "hopes"
        | "should" | "must" | "deadline" | "could" | "might" => L::Kw(FutureCue),
        "was" | "were" | "had" | "did" | "said" | "told" | "says" | "came" | "went" | "took"
        | "made" | "gave" | "met" | "left" | "began" | "became" | "saw" | "found" | "held"
        | "won" | "lost" | "fell" | "rose" | "sold" | "paid" | "got" | "ran" | "set" | "put"
        | "hit" | "cut" | "been" | "spoke" | "wrote" | "brought" | "thought" | "led"
        | "announced" | "reported" => L::Kw(PastCue),
        "is" | "are" | "has" | "have" => L::Kw(PresentCue),
        _ => L::None,
    }
}
