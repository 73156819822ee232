//! Boilerplate classifiers for plain-text scraped articles.
//!
//! Each rule looks at one line (a few look at their neighbours or at whole
//! paragraphs) and, when it fires, marks the line dropped with a snake_case
//! reason. Rules are written as patterns that such boilerplate takes across
//! outlets, anchored on the whole line or bounded in length, so that an
//! article sentence that merely mentions a newsletter, a photo or a comment
//! is kept. Lines longer than [`MAX_LINE`] bytes are never boilerplate (only
//! their last bytes are checked for a "…read more" cut-off marker), which also
//! keeps every rule linear on hostile input. All patterns use the `regex`
//! crate, whose matching is linear in the input.
//!
//! The rules, with their reasons:
//!
//! | reason | what |
//! |---|---|
//! | `metadata` | among the first lines: the headline (equal to `meta.title`), byline and date lines whose parts are `meta.authors`, `meta.outlet`, reporter roles (`Senior Correspondent`, or a beat in title case: `Courts Correspondent`) or the day of `meta.published` (a part is a date by `gleaner-datelines`, the grammar ingest reads date lines with; with a zone, the day `meta.published` falls on in that zone counts too) |
//! | `update_note` | among the first lines: a short `Update: …` line without final punctuation |
//! | `donation_appeal` | a run of paragraphs asking for support (`Your donation allows us …`, `Support our journalism`), with the outlet-voice paragraphs between them |
//! | `newsletter` | sign-up appeals (`Sign up for our … newsletter`, `Enter your email`, `By signing up you agree …`) and their short follow-up lines |
//! | `teaser` | `Read more: …`, `SEE ALSO: …`, `Related: …` lines, bare `Read more` / `Continue reading` lines, and a `…read more` cut-off marker at the end of a line (only the marker goes) |
//! | `homepage_link` | `Visit X's homepage for more stories` |
//! | `caption` | a line ending in a photo credit (`… (Getty)`, `… / © Agency`, `… Photo: X`), the same line repeated before it without the credit, a short alt-text line just before it, and a short unpunctuated line repeated twice in a row |
//! | `photo_credit` | a line that is only a credit (`(Getty Images)`, `Photo: X`, `AP Photo/X`) |
//! | `copyright` | `© 2020 X`, `Copyright 2020 X`, `All rights reserved` |
//! | `duplicate` | a punctuated line repeated twice in a row (the second copy goes) |
//! | `share_widget` | `Share`, `Share on Facebook`, `Liked this article? Share now!`, `Comments`, `12 comments`, `Follow us on …` |
//! | `comment_form` | `Leave a Reply`, `Join the discussion`, `Write new comment:`, `Your email address will not be published …`, `Please refresh the page …`, and, after such a marker, short lines about comments, readers, replies or logging in |
//! | `comment_thread` | from the first comment header (`• Name Nov 26, 2018 Link to comment`) to the end of the text |
//! | `related_links` | `Latest articles`, `Related stories`, `You may also like` |
//! | `source_trailer` | `Source: X`, `Source:: X`, `This article originally appeared on X` |
//! | `credits` | a wire story's staff credits, bracketed `(Reporting by X; Editing by Y)` or two roles or more `Writing by X; Editing by Y`, and `Our Standards: The Thomson Reuters Trust Principles.` |
//! | `visit_counter` | `(Visited 12 times, 3 visits today)`, `Views: 120` |
//! | `press_release` | a press release's closing blocks, as a run that reaches the end of the text: `About Acme Corp.` headings with their paragraphs (the first naming the company), `Forward-Looking Statements` / `Safe Harbor Statement` / `Cautionary Note Regarding Forward-Looking Statements` sections, `Media Contact:` / `Investor Contacts` / `Press contact` blocks with the short lines under them, a `SOURCE Acme Corp.` line; only when the run holds a legal section, a `SOURCE` line or a media or investor contact, or the lede had a press-release wire's dateline. `###` and `-30-` end markers anywhere |
//! | `author_bio` | the author's closing credit: the last line left, a short paragraph of its own, opening with a name of `meta.authors` and `is a` / `is an` / `is the` (`Ann Lee is a transport writer and a former council planner.`) |
//! | `dateline` | a wire dateline opening the lede (the first kept line after any headline-like one), only that prefix: `LONDON (Reuters) - `, `HALIFAX, Nova Scotia (Harbour Wire) — `, `WASHINGTON — `, `NEW YORK, Nov 26, 2024 (AP) _ `, `McALLEN, Texas (AP) — `, `NEW DELHI: `, and with an agency any place or none: `Paris (AFP) - `, `(Reuters) - `; a press release's: `AUSTIN, Texas, March 3, 2025 /PRNewswire/ -- `, `SAN FRANCISCO--(BUSINESS WIRE)--`, `OSLO, March 3, 2025 (GLOBE NEWSWIRE) -- ` (then a sentence) |

use crate::layout::Line;
use gleaner_core::Meta;
use gleaner_datelines::{classify_part, DatePart};
use regex::Regex;
use std::ops::Range;
use std::sync::LazyLock;

/// What the normalizer does with one line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Action {
    /// Kept.
    Keep,
    /// Removed whole, for this reason.
    Drop(&'static str),
    /// The line from byte `at` (of its trimmed text) on is removed.
    DropSuffix {
        /// Byte offset in the line's trimmed text where the removal starts.
        at: usize,
        /// Why.
        reason: &'static str,
    },
    /// The line up to byte `at` (of its trimmed text) is removed.
    DropPrefix {
        /// Byte offset in the line's trimmed text where the kept text starts.
        at: usize,
        /// Why.
        reason: &'static str,
    },
}

/// Which rule families run.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Settings {
    /// Remove title, byline and date lines that repeat `meta`.
    pub metadata: bool,
    /// Remove reader comment threads to the end of the text.
    pub comment_threads: bool,
}

/// Lines longer than this (bytes) are never classified as boilerplate.
pub(crate) const MAX_LINE: usize = 1200;
/// Metadata lines are looked for among this many first lines.
const HEADER_LINES: usize = 15;
/// A donation appeal spans at most this many paragraphs.
const MAX_APPEAL_PARAS: usize = 10;

fn re(p: &str) -> Regex {
    // Built-in constant patterns; `patterns_compile` in the tests checks them.
    Regex::new(p).unwrap_or_else(|e| panic!("built-in pattern {p:?} does not compile: {e}"))
}

/// Every pattern, compiled once.
struct Patterns {
    visit: Regex,
    views: Regex,
    source: Regex,
    originally: Regex,
    credits: Regex,
    homepage: Vec<Regex>,
    teaser_prefix: Regex,
    teaser_caps: Regex,
    teaser_whole: Regex,
    cutoff: Vec<Regex>,
    newsletter: Vec<Regex>,
    newsletter_vocab: Regex,
    share: Regex,
    comment_strong: Vec<Regex>,
    comment_form: Vec<Regex>,
    comment_vocab: Regex,
    comment_header: Regex,
    related: Regex,
    photo_credit: Vec<Regex>,
    copyright: Regex,
    caption_suffix: Vec<Regex>,
    update: Regex,
    appeal_strong: Vec<Regex>,
    appeal_voice: Regex,
    appeal_vocab: Regex,
    byline_prefix: Regex,
    role: Regex,
    titled_role: Regex,
    pr_about: Regex,
    pr_legal: Regex,
    pr_contact: Regex,
    pr_source: Regex,
    pr_end: Regex,
    pr_wire: Regex,
}

const AGENCIES: &str = r"getty(?:\s+images)?|afp|reuters|ap|ap\s+photo|epa(?:-efe)?|pa|pa\s+wire|pa\s+media|shutterstock|istock(?:photo)?|alamy|bloomberg|rex|rex\s+features|xinhua|anadolu(?:\s+agency)?|sipa|dpa|unsplash|nasa|supplied|handout|file\s+photo|getty\s+images\s+for\s+[^()]{1,40}|[^()/]{1,40}\s+via\s+getty\s+images";
const MONTHS: &str = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?";

static P: LazyLock<Patterns> = LazyLock::new(|| {
    let agency_paren = format!(
        r"(?i)\s\((?:{AGENCIES}|[^()]{{0,60}}/\s*(?:{AGENCIES})\b[^()]{{0,30}}|(?:photo|image|picture|pic|credit|photograph|video|illustration)s?\s*(?::|by\b|credit\b:?)\s*[^()]{{1,60}})\)\.?$"
    );
    Patterns {
        visit: re(
            r"(?i)^\(?\s*visited\s+[\d,.]+\s+times?\s*(?:,\s*[\d,.]+\s+visits?\s+today\s*)?\)?\.?$",
        ),
        views: re(
            r"(?i)^(?:(?:page\s*)?views|reads|hits)\s*:\s*[\d,.]+k?$|^[\d,.]+k?\s+(?:views|reads)$",
        ),
        source: re(r"(?i)^(?:source|sources|via)\s*::?\s*\S"),
        credits: {
            let role = r"(?i:(?:(?:additional|further)\s+)?(?:reporting|writing|editing|compiled|compiling|graphics|research|translation|production)\s+by)";
            // Names, or "the Oslo newsroom".
            let name = r"(?:(?i:the)\s+)?\p{Lu}[\p{L}'.-]*(?:\s+(?:\p{Lu}[\p{L}'.-]*|in|and|de|da|van|von|al|bin|&|newsroom|desk|bureau|staff))*";
            // Bracketed ("(Reporting by X)"), or two roles or more
            // ("Reporting by X; Editing by Y"): a subhead such as "Research
            // by Region Finds Link" is neither.
            re(&format!(
                r"^[(\[]\s*{role}\s+{name}(?:\s*[;,]\s*(?i:and\s+)?{role}\s+{name})*\s*[)\]]\.?$|^{role}\s+{name}(?:\s*[;,]\s*(?i:and\s+)?{role}\s+{name})+\.?$|^(?i:our\s+standards\s*:\s*the\s+(?:thomson\s+reuters\s+)?trust\s+principles)\.?$"
            ))
        },
        originally: re(
            r"(?i)^(?:this\s+(?:article|story|post|piece|report)\s+(?:was\s+|is\s+|has\s+been\s+)?(?:originally\s+|first\s+)?(?:published|appeared|posted)|originally\s+(?:published|appeared|posted)|republished\s+(?:with\s+permission\s+)?(?:from|by))\b",
        ),
        homepage: vec![
            re(
                r"(?i)^(?:visit|check\s+out|head\s+to|go\s+to)\s+.{1,80}?\s+(?:homepage|home\s+page|website|site|page)\s+for\s+more\b",
            ),
            re(
                r"(?i)^for\s+more\s+(?:stories|news|articles|coverage)\b.{0,60}\b(?:visit|go\s+to|head\s+to|check\s+out)\b",
            ),
            re(r"(?i)^click\s+here\s+for\s+more\s+(?:stories|news|articles)\b"),
        ],
        teaser_prefix: re(
            r"(?i)^(?:read\s+more|read\s+also|also\s+read|see\s+also|related|related\s+(?:article|articles|story|stories|coverage|content|reading|links?|video)|recommended(?:\s+reading|\s+stories)?|read\s+next|up\s+next|more\s+on\s+(?:this|that)(?:\s+story|\s+topic)?|more\s+from\s+[^:]{1,40}|watch|watch\s+now|listen|editor'?s\s+picks?|don'?t\s+miss|must\s+read|in\s+case\s+you\s+missed\s+it|icymi|further\s+reading|more\s+coverage)\s*(?::|>>|»|\|)\s*\S",
        ),
        teaser_caps: re(r"^(?:READ MORE|SEE ALSO|ALSO READ|READ ALSO)\b\s*[:>»|-]?\s+\S"),
        teaser_whole: re(
            r"(?i)^(?:read\s+more|read\s+the\s+(?:full|whole|rest\s+of\s+the)\s+(?:story|article)|continue\s+reading(?:\s+the\s+(?:story|article))?|click\s+here\s+to\s+read\s+more|read\s+full\s+(?:story|article)|see\s+more|more\s+stories|read\s+on|keep\s+reading|view\s+(?:full\s+)?(?:story|article)|full\s+(?:story|article))\s*(?:»|>>|>|→|\.\.\.|…|\.|:)?$",
        ),
        cutoff: vec![
            re(
                r"(?i)(?:\.\.\.|…)\s*\[?\s*(?:read\s+more|continue\s+reading|read\s+(?:the\s+)?full\s+(?:story|article)|more|read\s+on)\s*\]?\s*(?:»|>>|→|>)?\s*$",
            ),
            re(r"(?i)\[\s*(?:read\s+more|continue\s+reading|more)\s*(?:»|\.\.\.|…)?\s*\]\s*$"),
            re(r"(?i)\b(?:read\s+more|continue\s+reading)\s*(?:»|>>|→)\s*$"),
        ],
        newsletter: vec![
            re(
                r"(?i)^(?:please\s+)?(?:sign\s+up|subscribe|register|join)\b.{0,80}\bnewsletters?\b",
            ),
            re(
                r"(?i)\b(?:sign\s+up|subscribe|signing\s+up|subscribing)\s+(?:for|to)\s+our\b.{0,60}\b(?:newsletters?|briefings?|digest|mailing\s+list|daily\s+email|alerts)\b",
            ),
            re(
                r"(?i)^(?:get|receive)\b.{0,80}\b(?:newsletter|delivered\s+(?:straight\s+|directly\s+)?to\s+your\s+inbox|in\s+your\s+inbox)\b",
            ),
            re(
                r"(?i)^(?:enter\s+your\s+e-?mail(?:\s+address)?|thanks?(?:\s+you)?\s+for\s+(?:signing\s+up|subscribing)|you(?:'re|\s+are)\s+(?:now\s+)?(?:signed\s+up|subscribed)|invalid\s+e-?mail)\b.{0,80}$",
            ),
            re(
                r"(?i)^by\s+(?:signing\s+up|subscribing|clicking|submitting)\b.{0,160}\b(?:privacy|terms|policy)\b",
            ),
            re(r"(?i)^(?:want|like)\s+(?:more|this)\b.{0,80}\b(?:sign\s+up|subscribe)\b"),
        ],
        newsletter_vocab: re(
            r"(?i)\b(?:e-?mail|inbox|unsubscribe|privacy\s+(?:policy|notice)|sign\s+up|subscribe|newsletters?)\b",
        ),
        share: re(
            r"(?i)^(?:share|share\s+this(?:\s+(?:article|story|post|page))?|share\s+(?:on|via|to)\s+(?:facebook|twitter|x|linkedin|whatsapp|e-?mail|reddit|pinterest|telegram)|share\s+now|share\s+(?:article|story)|tweet(?:\s+this)?|e-?mail(?:\s+this)?(?:\s+(?:article|story))?|print(?:\s+this)?(?:\s+(?:article|story|page))?|copy\s+link|link\s+copied|(?:liked|like|enjoyed|enjoy|did\s+you\s+(?:like|enjoy))\s+this\s+(?:article|story|post)\??(?:\s+share(?:\s+it)?(?:\s+now)?(?:\s+with\s+[^.!?]{1,40})?)?|comments?|\d+\s+comments?|(?:view|show|see|hide|read)\s+comments|(?:follow|like)\s+us\s+on\s+[a-z ,&]{1,40}|click\s+to\s+share\s+on\s+[a-z ]{1,30}(?:\s+\(opens\s+in\s+new\s+window\))?|facebook|twitter|linkedin|whatsapp|pinterest|reddit|flipboard)$",
        ),
        comment_strong: vec![
            re(
                r"(?i)^(?:leave|post|add|write|submit|make)\s+(?:a|new|your|the\s+first)\s+(?:reply|comment|response)(?:\s+to\s+[^.]{1,80})?(?:\s+cancel\s+reply)?$",
            ),
            re(
                r"(?i)^join\s+(?:the|our|in\s+the)\s+(?:discussion|conversation|debate|commenting\s+forum|comments?(?:\s+section)?)(?:\s+(?:below|now|here|today))?$",
            ),
            re(
                r"(?i)^(?:comments\s+are\s+closed|comments\s+(?:are|have\s+been)\s+(?:closed|disabled|turned\s+off)\b.*|be\s+the\s+first\s+to\s+comment\b.*|there\s+are\s+no\s+comments(?:\s+yet)?\b.*|\d+\s+(?:comments?|responses?|replies)\s+(?:to|on)\s+.{1,100})$",
            ),
        ],
        comment_form: vec![
            re(
                r"(?i)^(?:your\s+)?e-?mail\s+(?:address\s+)?will\s+not\s+be\s+(?:published|displayed|shared)\b.{0,100}$",
            ),
            re(r"(?i)^required\s+fields\s+are\s+marked\b.{0,10}$"),
            re(r"(?i)^(?:all\s+)?changes\s+(?:will\s+be|are|have\s+been)\s+saved\b.{0,120}$"),
            re(r"(?i)^no\s+drafts\s+(?:are|will\s+be)\s+saved\b.{0,60}$"),
            re(
                r"(?i)^thanks?(?:\s+you)?\s+for\s+(?:registering|commenting|your\s+comment|signing\s+in|logging\s+in)\b.{0,40}$",
            ),
            re(
                r"(?i)^please\s+(?:refresh|reload|be\s+respectful|keep\s+(?:comments|it)\s+civil)\b.{0,200}$",
            ),
            re(
                r"(?i)^please\s+(?:log\s*in|sign\s*in|register)\b.{0,80}\b(?:comment|reply|account|continue|discussion)\b.{0,80}$",
            ),
            re(r"(?i)^you\s+must\s+be\s+(?:logged|signed)\s+in\b.{0,100}$"),
            re(
                r"(?i)^(?:(?:log|sign)\s*in|register)\s+(?:to|and)\s+(?:comment|reply|join)\b.{0,60}$",
            ),
            re(
                r"(?i)^(?:cancel\s+reply|post\s+comment|submit\s+comment|add\s+comment|post\s+reply|notify\s+me\s+of\s+(?:follow-up\s+comments|new\s+posts|new\s+comments)\b.*|save\s+my\s+name,\s+e-?mail,?\s+and\s+website\b.*|(?:name|e-?mail|website|comment)\s*\*|comment\s+policy\b.{0,60}|community\s+guidelines)$",
            ),
        ],
        comment_vocab: re(
            r"(?i)\b(?:comments?|commenting|commenters?|conversations?|discussions?|replies|reply|readers?|register(?:ed|ing)?|log(?:ged)?\s*in|sign(?:ed)?\s*in|refresh|drafts?|community\s+guidelines|moderat\w*|account)\b",
        ),
        comment_header: re(&format!(
            r"(?i)^(?P<bullet>[•·*▪◦‣–-]\s*)?(?:\d+\s+)?\S.{{0,60}}?\s+(?:{MONTHS}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+\d{{4}}|\d{{1,2}}(?:st|nd|rd|th)?\s+{MONTHS},?\s+\d{{4}}|\d{{4}}-\d{{2}}-\d{{2}}|\d{{1,2}}/\d{{1,2}}/\d{{2,4}}|\d+\s+(?:seconds?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)\s+ago)(?:,?\s+(?:at\s+)?\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?)?\s*(?P<link>link\s+to\s+comment|reply|report|permalink|flag|says:|said:|wrote:|commented:)?$"
        )),
        related: re(
            r"(?i)^(?:latest|related|recommended|popular|trending|most\s+(?:read|popular|viewed|shared|commented)|you\s+(?:may|might)\s+(?:also\s+)?like|recommended\s+for\s+you|more\s+(?:stories|articles|news|videos)(?:\s+from\s+[^.]{1,40}|\s+like\s+this)?|latest\s+(?:articles|news|stories|headlines|videos|posts)|related\s+(?:articles|stories|posts|content|coverage|links|topics|videos)|top\s+stories|editor'?s\s+picks|what\s+to\s+read\s+next|more\s+in\s+[^.]{1,30}|read\s+these\s+next|(?:trending|popular)\s+(?:now|today|stories))$",
        ),
        photo_credit: vec![
            re(
                r"(?i)^\(?\s*(?:photo|photograph|image|picture|pic|illustration|graphic|video|photo\s+credit|image\s+credit|image\s+source|credit|photos|images)\s*:\s*[^.!?]{1,80}\)?$",
            ),
            re(
                r"^\(?\s*(?:[Pp]hoto|PHOTO|[Pp]hotograph|[Ii]mage|[Pp]icture|[Ii]llustration|[Vv]ideo|[Pp]hotos|[Ii]mages)s?\s+(?:by|BY)\s+\p{Lu}[^.!?]{0,60}\)?$",
            ),
            re(&format!(
                r"(?i)^\(\s*(?:{AGENCIES})(?:\s*(?:/|via)\s*[^()]{{1,60}})?\s*\)$"
            )),
            re(&format!(
                r"(?i)^(?:getty\s+images|shutterstock|afp\s+via\s+getty\s+images|ap\s+photo(?:\s*/\s*.{{1,40}})?|reuters\s*/\s*.{{1,40}}|(?:photo|image)s?\s+courtesy\s+(?:of\s+)?.{{1,60}}|[^.]{{1,40}}/\s*(?:{AGENCIES}))$"
            )),
        ],
        copyright: re(
            r"(?i)^(?:©.{0,100}|\(c\)\s*\d{4}.{0,100}|copyright\s*(?:©|\(c\))?\s*\d{4}\b.{0,100}|all\s+rights\s+reserved\.?)$",
        ),
        caption_suffix: vec![
            re(&agency_paren),
            re(r"(?i)\s/\s*(?:©|\(c\))\s*[^/]{1,60}$"),
            re(
                r"(?i)\s(?:\||-|–|—|/)\s*(?:photo|image|credit|photograph|picture|pic|illustration)s?\s*(?::|by\b)\s*.{1,60}$",
            ),
            re(
                r"(?i)[.!?]\s+(?:photo|photograph|image|picture|credit|illustration)s?\s*:\s*[^.]{1,60}$",
            ),
            re(r"\s©\s*[^©]{1,60}$"),
        ],
        update: re(r"(?i)^(?:update|updated|editor'?s\s+note|correction|clarification)\s*:\s*\S"),
        appeal_strong: vec![
            re(
                r"(?i)\b(?:your|a|any|every|each)\s+(?:support|donation|contribution|gift|membership|subscription)s?\s+(?:helps?|allows?|makes?|enables?|keeps?|means|matters|funds?|will\s+help|lets)\b",
            ),
            re(
                r"(?i)\b(?:donate|make\s+a\s+(?:donation|contribution)|become\s+a\s+(?:member|supporter|patron|subscriber)|support\s+(?:us|our\s+(?:journalism|work|reporting|newsroom|mission))|support\s+(?:independent|quality)\s+journalism|contribute\s+(?:today|now|to\s+(?:us|our)))\b",
            ),
            re(
                r"(?i)\b(?:needs?|relies\s+on|depends\s+on|counts\s+on)\s+(?:your|readers'?|reader)\s+(?:support|backing|help|donations?|contributions?)\b",
            ),
            re(
                r"(?i)\bhelp\s+(?:us|fund|keep|sustain)\b.{0,60}\b(?:journalism|reporting|journalists|reporters|independent|free\s+for\s+everyone)\b",
            ),
        ],
        appeal_voice: re(r"(?i)\b(?:we|our|us)\b"),
        appeal_vocab: re(
            r"(?i)\b(?:journalism|journalists|reporters|reporting|newsroom|paywalls?|subscriptions?|subscribers?|readers|independent|funding|documentary|donat\w+|support\w*|the\s+story|afford)\b",
        ),
        byline_prefix: re(
            r"(?i)^(?:by|written\s+by|words\s+by|story\s+by|reporting\s+by|posted\s+by|author:?)\s+",
        ),
        role: re(
            r"(?i)^(?:(?:staff|senior|chief|special|contributing|political|technology|tech|business|science|foreign|health|economics|sports?|deputy|associate|managing|news|digital|global|us|uk|europe|asia)\s+)*(?:writer|reporter|correspondent|editor|contributor|columnist|journalist|staff)$",
        ),
        // A beat in title case before the role: "Courts Correspondent",
        // "Home Affairs Editor" (a lower-case "a former reporter" is no
        // byline part).
        // "About Acme Robotics Corp.", "About Lumen Sensing, Inc.", "About
        // the Harbour Trust": the name's first word is captured.
        pr_about: re(
            r"^About\s+(?:the\s+)?(?P<name>\p{Lu}[\p{L}\p{N}&'’-]*)(?:,?\s+(?:[\p{Lu}\p{N}&][\p{L}\p{N}&.'’-]*|of|for|and|de|the))*\.?$",
        ),
        pr_legal: re(
            r"(?i)^(?:(?:cautionary|special|important)\s+)?(?:(?:note|notes|statement|statements|notice|language|information)\s+(?:regarding|concerning|about|on|relating\s+to)\s+)?(?:forward[\s-]+looking\s+(?:statements?|information)|safe\s+harbou?r(?:\s+statement)?)(?:\s+under\s+the\s+private\s+securities\s+litigation\s+reform\s+act(?:\s+of\s+1995)?)?\s*:?$",
        ),
        // "Media Contact:", "Investor Contacts", "Press contact", "Media and
        // Investor Relations Contact:", "Contact:" (with its colon), and the
        // same with the contact on the line: "Media Contact: Ann Lee, …".
        pr_contact: re(
            r"(?i)^(?:(?:(?:media|press|investors?|analysts?|public|news\s+media|company|pr)(?:\s+(?:and|&|/)\s+(?:media|press|investors?|analysts?))?(?:\s+relations)?\s+(?:contacts?|inquiries|enquiries))\s*(?::.{0,200})?|(?:contacts?|for\s+(?:further|more)\s+information(?:,\s*(?:please\s+)?contact)?)\s*:.{0,200})$",
        ),
        pr_source: re(r"^SOURCE:?\s+\p{Lu}[^!?]{0,100}$"),
        pr_end: re(r"^(?:#\s*){3}$|^-\s*30\s*-$"),
        pr_wire: re(
            r"(?i)newswire|news\s+wire|business\s*wire|presswire|accesswire|prweb|marketwired|\bcnw\b|globenewswire",
        ),
        titled_role: re(
            r"^(?:\p{Lu}[\p{L}'’&-]*\s+){1,3}(?i:writer|reporter|correspondent|editor|contributor|columnist|journalist|critic|producer|photographer|commentator)$",
        ),
    }
});

fn words(s: &str) -> usize {
    s.split_whitespace().count()
}

/// True when the line ends with sentence-final punctuation (after any
/// closing quotes or brackets).
fn ends_terminal(s: &str) -> bool {
    let t = s.trim_end_matches(['"', '\'', ')', ']', ' ']);
    t.ends_with(['.', '!', '?', '…'])
}

/// Lowercase words of `s` (letters and digits only), single-space joined.
fn fold(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for w in s
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        if !out.is_empty() {
            out.push(' ');
        }
        out.extend(w.chars().flat_map(char::to_lowercase));
    }
    out
}

fn any(rs: &[Regex], s: &str) -> bool {
    rs.iter().any(|r| r.is_match(s))
}

/// Strips trailing `!`, `.`, `:` and spaces for whole-line widget matches.
fn strip_tail(s: &str) -> &str {
    s.trim_end_matches(['!', '.', ':', ' '])
}

/// Cheap test before the cut-off patterns: the line ends in one of their
/// last words (`more`, `reading`, `story`, `article`, `on`).
fn may_end_in_cutoff(tail: &str) -> bool {
    let t = tail
        .trim_end_matches([' ', ']', '»', '>', '→', '.', '…'])
        .as_bytes();
    [&b"more"[..], b"reading", b"story", b"article", b"on"]
        .iter()
        .any(|suf| {
            t.len() >= suf.len()
                && t.get(t.len() - suf.len()..)
                    .is_some_and(|end| end.eq_ignore_ascii_case(suf))
        })
}

/// Rules that look at one line alone. Returns the reason when one fires.
fn line_rule(t: &str) -> Option<&'static str> {
    let p = &*P;
    let n = words(t);
    if n > 60 {
        // Every rule below is bounded at 60 words or fewer.
        return None;
    }
    if p.visit.is_match(t) || p.views.is_match(t) {
        return Some("visit_counter");
    }
    if n <= 10 && p.source.is_match(t) && !t.contains(". ") {
        return Some("source_trailer");
    }
    if n <= 30 && p.originally.is_match(t) {
        return Some("source_trailer");
    }
    if n <= 40 && p.credits.is_match(t) {
        return Some("credits");
    }
    if n <= 20 && any(&p.homepage, t) {
        return Some("homepage_link");
    }
    if n <= 40 && (p.teaser_prefix.is_match(t) || p.teaser_caps.is_match(t)) {
        return Some("teaser");
    }
    if n <= 8 && p.teaser_whole.is_match(t) {
        return Some("teaser");
    }
    let bare = strip_tail(t);
    if n <= 40 && (any(&p.comment_strong, bare) || any(&p.comment_form, t)) {
        return Some("comment_form");
    }
    let lower = t.to_ascii_lowercase();
    let has = |words: &[&str]| words.iter().any(|w| lower.contains(w));
    if n <= 40
        && has(&[
            "newsletter",
            "inbox",
            "mail",
            "sign",
            "subscrib",
            "briefing",
            "digest",
            "alert",
        ])
        && any(&p.newsletter, t)
    {
        return Some("newsletter");
    }
    if n <= 12 && p.share.is_match(bare) {
        return Some("share_widget");
    }
    if n <= 8 && p.related.is_match(bare) {
        return Some("related_links");
    }
    if n <= 15 && p.copyright.is_match(t) {
        return Some("copyright");
    }
    if n <= 12 && any(&p.photo_credit, t) {
        return Some("photo_credit");
    }
    let credit_cue = t.ends_with(')')
        || t.ends_with(").")
        || t.contains('©')
        || has(&["photo", "image", "credit", "picture", "pic", "illustration"]);
    if (2..=60).contains(&n) && credit_cue && any(&p.caption_suffix, t) {
        return Some("caption");
    }
    None
}

/// A line that opens a comment section (after which short comment-related
/// lines are removed too).
fn is_comment_marker(t: &str) -> bool {
    words(t) <= 40 && any(&P.comment_strong, strip_tail(t))
}

/// `• Name Nov 26, 2018 Link to comment` and the like.
fn is_comment_header(t: &str, after_marker: bool) -> bool {
    if words(t) > 20 {
        return false;
    }
    match P.comment_header.captures(t) {
        Some(c) => c.name("link").is_some() || (after_marker && c.name("bullet").is_some()),
        None => false,
    }
}

/// A byline, date line or both, made only of what `meta` already holds.
///
/// `published` is `meta.published`: a date part repeats it when it is on its
/// day (see [`DatePart::is_day_of`]).
fn is_meta_line(t: &str, meta: &Meta, published: Option<&str>) -> bool {
    if words(t) > 25 {
        return false;
    }
    let p = &*P;
    let authors: Vec<String> = meta.authors.iter().map(|a| fold(a)).collect();
    let outlet = meta.outlet.as_deref().map(fold);
    let mut matched = false;
    let body = p.byline_prefix.replace(t, "");
    let mut parts: Vec<&str> = Vec::new();
    for chunk in body.split(gleaner_datelines::PART_SEPARATORS) {
        // A whole chunk may be one date with commas in it ("February 19,
        // 2019, 9:19 AM ET"); only otherwise do commas separate names.
        let whole = p.byline_prefix.replace(chunk.trim(), "");
        if !whole.trim().is_empty() {
            match classify_part(&whole) {
                DatePart::NotDate => {}
                date => {
                    matched |= published.is_some_and(|p| date.is_day_of(p));
                    continue;
                }
            }
        }
        for piece in chunk
            .split(',')
            .flat_map(|s| s.split(" and "))
            .flat_map(|s| s.split(" & "))
        {
            parts.push(piece);
        }
    }
    for part in parts {
        let part = p.byline_prefix.replace(part.trim(), "");
        let f = fold(&part);
        if f.is_empty() {
            continue;
        }
        if authors.iter().any(|a| !a.is_empty() && *a == f) {
            matched = true;
            continue;
        }
        if outlet.as_deref().is_some_and(|o| !o.is_empty() && o == f)
            || p.role.is_match(&f)
            || p.titled_role.is_match(part.trim())
        {
            continue;
        }
        match classify_part(&part) {
            DatePart::NotDate => return false,
            date => matched |= published.is_some_and(|p| date.is_day_of(p)),
        }
    }
    // A part that is another date (an update time) is allowed, but only a part
    // equal to the metadata makes the line metadata.
    matched
}

/// Headline, byline, date and update lines among the first lines.
fn mark_metadata(lines: &[Line<'_>], actions: &mut [Action], meta: &Meta, published: Option<&str>) {
    let title = meta.title.as_deref().map(fold).filter(|t| !t.is_empty());
    for (i, line) in lines.iter().enumerate().take(HEADER_LINES) {
        if actions.get(i) != Some(&Action::Keep) || line.text.len() > MAX_LINE {
            continue;
        }
        let t = line.text;
        let n = words(t);
        let is_title = title.as_deref().is_some_and(|ti| fold(t) == ti);
        // A long line ending in a period is a lede that a naive ingest took
        // for the headline: keep it.
        let lede = t.ends_with('.') && n >= 12;
        let reason = if (is_title && !lede) || is_meta_line(t, meta, published) {
            Some("metadata")
        } else if n <= 12 && !ends_terminal(t) && P.update.is_match(t) {
            Some("update_note")
        } else {
            None
        };
        if let (Some(r), Some(a)) = (reason, actions.get_mut(i)) {
            *a = Action::Drop(r);
        }
    }
}

/// A photo's alt text or caption that only lists who is pictured ("Jane
/// Doe John Roe"): a paragraph of its own near the top, two to six
/// capitalised words with no punctuation or digits, each of which the
/// article uses as a name mid-sentence elsewhere.
fn is_name_caption(lines: &[Line<'_>], i: usize) -> bool {
    let Some(line) = lines.get(i) else {
        return false;
    };
    let alone = line.blank_before && lines.get(i + 1).is_none_or(|next| next.blank_before);
    let ws: Vec<&str> = line.text.split_whitespace().collect();
    if !alone || !(2..=6).contains(&ws.len()) || line.text.len() > 80 {
        return false;
    }
    let shaped = ws.iter().all(|w| {
        let mut cs = w.chars();
        cs.next().is_some_and(char::is_uppercase)
            && cs.all(|c| c.is_alphabetic() || c == '-' || c == '\'')
    });
    shaped
        && ws.iter().all(|w| {
            lines
                .iter()
                .enumerate()
                .any(|(j, other)| j != i && used_mid_sentence(other.text, w))
        })
}

/// True when `word` stands in `text` after another word (not at the start of
/// the line or of a sentence), as a name does.
fn used_mid_sentence(text: &str, word: &str) -> bool {
    text.match_indices(word).any(|(at, _)| {
        let before = text.get(..at).unwrap_or("");
        let after = text.get(at + word.len()..).unwrap_or("");
        let boundary_after = after.chars().next().is_none_or(|c| !c.is_alphanumeric());
        let mut prev = before.chars().rev();
        boundary_after
            && prev.next() == Some(' ')
            && prev
                .next()
                .is_some_and(|c| c.is_alphanumeric() || c == ',' || c == '\'')
    })
}

/// The first comment header, when a comment thread starts there.
///
/// A header counts when a comment-section marker came before it, when its
/// link says "comment", or when at least two headers are found: one line
/// that merely looks like `Name Date Reply` never cuts an article short.
fn comment_thread_start(lines: &[Line<'_>]) -> Option<usize> {
    let mut after_marker = false;
    let mut first: Option<usize> = None;
    for (i, line) in lines.iter().enumerate() {
        let t = line.text;
        if t.len() > MAX_LINE {
            continue;
        }
        if is_comment_marker(t) {
            after_marker = true;
        }
        if is_comment_header(t, after_marker) {
            let says_comment = t.to_lowercase().contains("comment");
            if after_marker || says_comment {
                return Some(first.unwrap_or(i));
            }
            match first {
                Some(f) => return Some(f),
                None => first = Some(i),
            }
        }
    }
    None
}

fn set(actions: &mut [Action], i: usize, a: Action) {
    if let Some(slot) = actions.get_mut(i) {
        *slot = a;
    }
}

fn is_keep(actions: &[Action], i: usize) -> bool {
    actions.get(i) == Some(&Action::Keep)
}

/// Captions around a credited caption line and repeated caption lines.
fn mark_captions(lines: &[Line<'_>], actions: &mut [Action]) {
    for i in 0..lines.len() {
        let Some(line) = lines.get(i) else { continue };
        if actions.get(i) == Some(&Action::Drop("caption")) {
            // The same caption without its credit just before or after it.
            for j in [i.wrapping_sub(1), i + 1] {
                let Some(other) = lines.get(j) else { continue };
                if is_keep(actions, j)
                    && other.text.len() >= 10
                    && line.text.starts_with(other.text)
                    && !ends_terminal(other.text)
                {
                    set(actions, j, Action::Drop("caption"));
                }
            }
            // A short alt-text line right before it in the same paragraph.
            if let Some(prev) = i.checked_sub(1).and_then(|j| lines.get(j)) {
                if is_keep(actions, i - 1)
                    && !line.blank_before
                    && words(prev.text) <= 6
                    && !ends_terminal(prev.text)
                    && prev.text.len() <= 60
                {
                    set(actions, i - 1, Action::Drop("caption"));
                }
            }
        }
    }
    // A line repeated twice in a row.
    for i in 1..lines.len() {
        let (Some(a), Some(b)) = (lines.get(i - 1), lines.get(i)) else {
            continue;
        };
        if !is_keep(actions, i) || a.text != b.text || a.text.len() > MAX_LINE {
            continue;
        }
        let n = words(b.text);
        if !(3..=60).contains(&n) {
            continue;
        }
        if ends_terminal(b.text) {
            set(actions, i, Action::Drop("duplicate"));
        } else if is_keep(actions, i - 1) || actions.get(i - 1) == Some(&Action::Drop("caption")) {
            set(actions, i - 1, Action::Drop("caption"));
            set(actions, i, Action::Drop("caption"));
        }
    }
}

/// Paragraph-level donation appeals (see the module doc).
fn mark_appeals(lines: &[Line<'_>], paras: &[Range<usize>], actions: &mut [Action]) {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum Kind {
        /// Asks for support and speaks as the outlet (we/our/us).
        Anchor,
        /// Asks for support.
        Strong,
        /// Speaks as the outlet about its journalism.
        Voice,
        Other,
    }
    let p = &*P;
    let kinds: Vec<Kind> = paras
        .iter()
        .map(|r| {
            let Some(ls) = lines.get(r.clone()) else {
                return Kind::Other;
            };
            if r.clone().any(|i| !is_keep(actions, i)) {
                return Kind::Other;
            }
            let len: usize = ls.iter().map(|l| l.text.len() + 1).sum();
            if len > 2 * MAX_LINE {
                return Kind::Other;
            }
            let text = ls.iter().map(|l| l.text).collect::<Vec<_>>().join(" ");
            let n = words(&text);
            if text.contains('"') || n > 150 {
                return Kind::Other;
            }
            let strong = n <= 120 && any(&p.appeal_strong, &text);
            let voice = p.appeal_voice.is_match(&text);
            match (strong, voice) {
                (true, true) => Kind::Anchor,
                (true, false) => Kind::Strong,
                (false, true) if p.appeal_vocab.is_match(&text) => Kind::Voice,
                _ => Kind::Other,
            }
        })
        .collect();
    let mut k = 0;
    while k < kinds.len() {
        if !matches!(kinds.get(k), Some(Kind::Anchor | Kind::Strong)) {
            k += 1;
            continue;
        }
        let mut last_strong = k;
        let mut anchors = 0;
        let mut strongs = 0;
        let mut j = k;
        while j < kinds.len() && j < k + MAX_APPEAL_PARAS {
            match kinds.get(j) {
                Some(Kind::Anchor) => {
                    anchors += 1;
                    last_strong = j;
                }
                Some(Kind::Strong) => {
                    strongs += 1;
                    last_strong = j;
                }
                Some(Kind::Voice) => {}
                _ => break,
            }
            j += 1;
        }
        if anchors >= 1 || strongs >= 2 {
            for para in paras.get(k..=last_strong).unwrap_or(&[]) {
                for i in para.clone() {
                    set(actions, i, Action::Drop("donation_appeal"));
                }
            }
        }
        k = last_strong + 1;
    }
}

/// After a marker line (`marker`), following kept lines that `follows` accepts
/// get `reason`, until the first kept line it rejects.
fn mark_tail(
    lines: &[Line<'_>],
    actions: &mut [Action],
    marker: impl Fn(&str, &Action) -> bool,
    follows: impl Fn(&str) -> bool,
    reason: &'static str,
) {
    let mut on = false;
    for (i, line) in lines.iter().enumerate() {
        let Some(a) = actions.get(i).copied() else {
            continue;
        };
        if line.text.len() <= MAX_LINE && marker(line.text, &a) {
            on = true;
            continue;
        }
        if !on {
            continue;
        }
        match a {
            Action::Keep => {
                if line.text.len() <= MAX_LINE && follows(line.text) {
                    set(actions, i, Action::Drop(reason));
                } else {
                    on = false;
                }
            }
            Action::Drop(_) => {}
            Action::DropSuffix { .. } | Action::DropPrefix { .. } => on = false,
        }
    }
}

/// What [`classify`] found: an action for every line, and the agency a
/// removed wire dateline names ("Reuters"), if any.
pub(crate) struct Classified<'a> {
    /// One action per line.
    pub actions: Vec<Action>,
    /// The agency of the lede's dateline.
    pub agency: Option<&'a str>,
}

/// Classifies every line (see the module doc for the rules). `published` is
/// `meta.published` (RFC 3339 or `YYYY-MM-DD`), given only when it begins
/// with a day.
pub(crate) fn classify<'a>(
    lines: &[Line<'a>],
    paras: &[Range<usize>],
    meta: &Meta,
    published: Option<&str>,
    settings: Settings,
) -> Classified<'a> {
    let mut actions = vec![Action::Keep; lines.len()];
    let p = &*P;
    if settings.comment_threads {
        if let Some(start) = comment_thread_start(lines) {
            for (i, line) in lines.iter().enumerate().skip(start) {
                let t = line.text;
                // (line_rule's "comment_form" is exactly these two tests.)
                let form = t.len() <= MAX_LINE && (is_comment_marker(t) || any(&p.comment_form, t));
                set(
                    &mut actions,
                    i,
                    Action::Drop(if form {
                        "comment_form"
                    } else {
                        "comment_thread"
                    }),
                );
            }
        }
    }
    if settings.metadata {
        mark_metadata(lines, &mut actions, meta, published);
    }
    // A caption listing who is pictured is boilerplate whatever the
    // metadata_lines option says.
    for (i, line) in lines.iter().enumerate().take(HEADER_LINES) {
        if is_keep(&actions, i) && line.text.len() <= MAX_LINE && is_name_caption(lines, i) {
            set(&mut actions, i, Action::Drop("caption"));
        }
    }
    for (i, line) in lines.iter().enumerate() {
        if !is_keep(&actions, i) {
            continue;
        }
        let t = line.text;
        if t.len() <= MAX_LINE {
            if let Some(r) = line_rule(t) {
                set(&mut actions, i, Action::Drop(r));
                continue;
            }
        }
        // A cut-off marker at the end of a line: only the last bytes matter.
        let mut from = t.len().saturating_sub(120);
        while !t.is_char_boundary(from) {
            from += 1;
        }
        let tail = t.get(from..).unwrap_or("");
        if !may_end_in_cutoff(tail) {
            continue;
        }
        if let Some(m) = p.cutoff.iter().find_map(|r| r.find(tail)) {
            let at = from + m.start();
            let at = at + (t.get(at..).map_or(0, |s| s.len() - s.trim_start().len()));
            set(
                &mut actions,
                i,
                if at == 0 {
                    Action::Drop("teaser")
                } else {
                    Action::DropSuffix {
                        at,
                        reason: "teaser",
                    }
                },
            );
        }
    }
    mark_captions(lines, &mut actions);
    mark_appeals(lines, paras, &mut actions);
    mark_tail(
        lines,
        &mut actions,
        |t, _| is_comment_marker(t),
        |t| {
            let hits = P.comment_vocab.find_iter(t).take(2).count();
            words(t) <= 30 && (hits >= 2 || (hits == 1 && !ends_terminal(t)))
        },
        "comment_form",
    );
    mark_tail(
        lines,
        &mut actions,
        |_, a| *a == Action::Drop("newsletter"),
        |t| words(t) <= 30 && P.newsletter_vocab.is_match(t),
        "newsletter",
    );
    let dated = mark_dateline(lines, &mut actions);
    let wire = dated.is_some_and(|(_, a)| a.is_some_and(|w| P.pr_wire.is_match(w)));
    mark_press_release(lines, paras, &mut actions, wire);
    mark_author_bio(lines, &mut actions, meta);
    // The agency counts while its dateline is still what goes of the line.
    let agency = dated
        .filter(|&(i, _)| {
            matches!(
                actions.get(i),
                Some(Action::DropPrefix {
                    reason: "dateline",
                    ..
                })
            )
        })
        .and_then(|(_, a)| a);
    Classified { actions, agency }
}

/// A press release's closing blocks ([`mark_press_release`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PrBlock {
    /// "About Acme Corp." and its paragraphs.
    About,
    /// "Forward-Looking Statements", "Safe Harbor Statement" and their
    /// paragraphs.
    Legal,
    /// "Media Contact:" and the short lines under it.
    Contact,
    /// "SOURCE Acme Corp."
    Source,
}

/// At most this many paragraphs under an "About X" or legal heading.
const MAX_PR_PARAS: usize = 8;

/// The press-release block that line `i` opens, if any. Headings ("About
/// X", "Forward-Looking Statements") are paragraphs of their own.
fn pr_block(lines: &[Line<'_>], paras: &[Range<usize>], i: usize) -> Option<PrBlock> {
    let line = lines.get(i)?;
    let t = line.text;
    if t.len() > 300 || words(t) > 40 {
        return None;
    }
    let p = &*P;
    if p.pr_contact.is_match(t) {
        return Some(PrBlock::Contact);
    }
    if words(t) <= 16 && p.pr_source.is_match(t) {
        return Some(PrBlock::Source);
    }
    let alone = paras.get(line.para).is_some_and(|r| r.len() == 1);
    if !alone || words(t) > 12 {
        return None;
    }
    if p.pr_legal.is_match(t) {
        Some(PrBlock::Legal)
    } else if p.pr_about.is_match(t) {
        Some(PrBlock::About)
    } else {
        None
    }
}

/// A press release's closing blocks, reason `press_release`: "About X"
/// sections, forward-looking-statement and safe-harbor sections, media and
/// investor contacts, the "SOURCE X" line, and "###" / "-30-" end markers
/// anywhere.
///
/// A heading's block runs to the next block's heading; a contact block takes
/// the short lines under it. The blocks go only as a run that reaches the
/// end of the text (lines other rules removed aside), and only when the run
/// holds a legal section, a SOURCE line or a media or investor contact, or
/// the lede had a press-release wire's dateline; and each "About X" section names X in its first line: a
/// subhead "About face" near an article's end is kept.
fn mark_press_release(
    lines: &[Line<'_>],
    paras: &[Range<usize>],
    actions: &mut [Action],
    wire_dateline: bool,
) {
    let n = lines.len();
    for (i, line) in lines.iter().enumerate() {
        if is_keep(actions, i) && line.text.len() <= 20 && P.pr_end.is_match(line.text) {
            set(actions, i, Action::Drop("press_release"));
        }
    }
    let kept = |i: usize| is_keep(actions, i);
    let heads: Vec<Option<PrBlock>> = (0..n)
        .map(|i| {
            if kept(i) {
                pr_block(lines, paras, i)
            } else {
                None
            }
        })
        .collect();
    let head = |i: usize| heads.get(i).copied().flatten();
    let contact_line = |i: usize| {
        lines.get(i).is_some_and(|l| {
            let w = words(l.text);
            l.text.len() <= 120 && w <= 12 && !(ends_terminal(l.text) && w >= 6)
        })
    };
    // Blocks in text order: (first line, end line, kind).
    let mut blocks: Vec<(usize, usize, PrBlock)> = Vec::new();
    let mut i = 0;
    while i < n {
        let Some(kind) = head(i) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        match kind {
            PrBlock::About | PrBlock::Legal => {
                while j < n && head(j).is_none() {
                    j += 1;
                }
            }
            PrBlock::Contact => {
                while j < n && head(j).is_none() && (!kept(j) || contact_line(j)) {
                    j += 1;
                }
            }
            PrBlock::Source => {}
        }
        blocks.push((i, j, kind));
        i = j;
    }
    // The first kept line at or after each line.
    let mut next_kept = vec![n; n + 1];
    for k in (0..n).rev() {
        let after = next_kept.get(k + 1).copied().unwrap_or(n);
        if let Some(slot) = next_kept.get_mut(k) {
            *slot = if kept(k) { k } else { after };
        }
    }
    // The run of blocks that reaches the end of the text.
    let mut from = n;
    let mut run: Vec<(usize, usize, PrBlock)> = Vec::new();
    for &(a, b, kind) in blocks.iter().rev() {
        if next_kept.get(b).copied().unwrap_or(n) != from {
            break;
        }
        let body: Vec<&Line<'_>> = (a + 1..b)
            .filter(|&k| kept(k))
            .filter_map(|k| lines.get(k))
            .collect();
        let sound = match kind {
            PrBlock::About | PrBlock::Legal => {
                let mut distinct = body.iter().map(|l| l.para).collect::<Vec<_>>();
                distinct.dedup();
                let named = kind == PrBlock::Legal
                    || lines
                        .get(a)
                        .and_then(|l| P.pr_about.captures(l.text))
                        .and_then(|c| c.name("name"))
                        .zip(body.first())
                        .is_some_and(|(name, first)| first.text.contains(name.as_str()));
                !body.is_empty()
                    && distinct.len() <= MAX_PR_PARAS
                    && body.iter().all(|l| l.text.len() <= MAX_LINE)
                    && named
            }
            PrBlock::Contact | PrBlock::Source => true,
        };
        if !sound {
            break;
        }
        run.push((a, b, kind));
        from = a;
    }
    // Legal notes, a SOURCE line or a media or investor contact say "press
    // release"; a bare "Contact:" or "For more information:" does not.
    let telling = run.iter().any(|&(a, _, kind)| match kind {
        PrBlock::Legal | PrBlock::Source => true,
        PrBlock::Contact => lines.get(a).is_some_and(|l| {
            let lower = l.text.trim_start().to_ascii_lowercase();
            !(lower.starts_with("contact") || lower.starts_with("for "))
        }),
        PrBlock::About => false,
    });
    if !(wire_dateline || telling) {
        return;
    }
    for (a, b, _) in run {
        for k in a..b {
            if is_keep(actions, k) {
                set(actions, k, Action::Drop("press_release"));
            }
        }
    }
}

/// An author's closing credit ("Ann Lee is a transport writer and a former
/// council planner."): the last line left, a short paragraph of its own
/// that opens with a name of `meta.authors` and "is a", "is an" or "is the".
fn mark_author_bio(lines: &[Line<'_>], actions: &mut [Action], meta: &Meta) {
    let Some(i) = (0..lines.len())
        .rev()
        .find(|&i| !matches!(actions.get(i), Some(Action::Drop(_))))
    else {
        return;
    };
    let Some(line) = lines.get(i) else { return };
    let t = line.text;
    let alone = i
        .checked_sub(1)
        .and_then(|j| lines.get(j))
        .is_none_or(|p| p.para != line.para)
        && lines.get(i + 1).is_none_or(|n| n.para != line.para);
    if !is_keep(actions, i) || !alone || t.len() > 400 || words(t) > 40 || !ends_terminal(t) {
        return;
    }
    let credit = meta.authors.iter().any(|a| {
        let a = a.trim();
        a.chars().count() >= 3
            && t.strip_prefix(a).is_some_and(|rest| {
                [" is a ", " is an ", " is the "]
                    .iter()
                    .any(|cue| rest.starts_with(cue))
            })
    });
    if credit {
        set(actions, i, Action::Drop("author_bio"));
    }
}

/// A wire dateline: the place in capitals (a region after a comma, a date,
/// the agency in brackets may follow) and a dash, at the start of a line.
static DATELINE: LazyLock<Regex> = LazyLock::new(|| {
    // The place: words opening with a capital ("NEW YORK", "McALLEN", and,
    // checked below, "Paris" only with an agency), or nothing before a
    // bare "(Reuters) - ".
    let place = r"(?P<place>\p{Lu}[\p{L}.'’\-]+(?:[ /]\p{Lu}[\p{L}.'’\-]+){0,3})?";
    let region = r"(?P<region>(?:,\s+[A-Z][A-Za-z.'’\-]+(?:\s[A-Z][A-Za-z.'’\-]+){0,2}){0,2})";
    let date = r"(?P<date>,\s+[A-Z][a-z]{2,8}\.?\s+\d{1,2}(?:,\s+\d{4})?)?";
    // The agency in brackets ("(Reuters)", Business Wire's
    // "--(BUSINESS WIRE)--") or a press-release wire between slashes
    // ("/PRNewswire/").
    let agency = r"(?:\s*(?:--)?\s*\((?P<agency>[^()\n]{1,40})\)|\s+/(?P<wire>\p{Lu}[\p{L}\p{N} .&-]{1,30})/)?";
    let pattern =
        format!(r"^{place}{region}{date}{agency}\s*(?P<sep>[-—–―]{{1,2}}|_|:)(?P<space>\s*)");
    Regex::new(&pattern).unwrap_or_else(|e| panic!("dateline pattern: {e}"))
});

/// Capitalised labels that open a line with a dash but are no place.
const NOT_PLACES: &[&str] = &[
    "UPDATE",
    "UPDATED",
    "BREAKING",
    "BREAKING NEWS",
    "EXCLUSIVE",
    "WATCH",
    "LIVE",
    "OPINION",
    "ANALYSIS",
    "EDITORIAL",
    "PHOTOS",
    "VIDEO",
    "CORRECTION",
    "NOTE",
    "EDITOR'S NOTE",
    "FILE",
    "FACTBOX",
    "EXPLAINER",
    "INSIGHT",
    "WARNING",
    "INTERVIEW",
    "COMMENT",
    "REVIEW",
    "SPORTS",
    "MARKETS",
];

/// The dateline at the start of line `t`: its end (byte offset) and the
/// agency named in it (or the press-release wire: "/PRNewswire/"). The rest of the line must read as a sentence: it
/// opens with a capital or a digit ("NATO — the alliance — said" is an
/// acronym and an aside), and unless the dateline names a region, a date
/// or an agency the line ends like a sentence ("FIRE AT DOCKS — TWO HURT"
/// is a headline).
pub(crate) fn dateline(t: &str) -> Option<(usize, Option<&str>)> {
    let c = DATELINE.captures(t)?;
    let place = c.name("place").map_or("", |m| m.as_str());
    // An agency is a name: "(Reuters)", "(Harbour Wire)", not "(the parent
    // company)".
    let agency = c
        .name("agency")
        .or_else(|| c.name("wire"))
        .map(|a| a.as_str().trim());
    if agency.is_some_and(|a| !a.starts_with(|ch: char| ch.is_uppercase())) {
        return None;
    }
    // A space after the dash, except in Business Wire's
    // "--(BUSINESS WIRE)--Acme".
    let sep = c.name("sep").map_or("", |m| m.as_str());
    let spaced = c.name("space").is_some_and(|m| !m.as_str().is_empty());
    let glued_ok = agency.is_some() && sep.starts_with(['-', '—', '–']);
    if !(spaced || glued_ok) {
        return None;
    }
    let letters = place.chars().filter(|ch| ch.is_alphabetic()).count();
    let upper = place.chars().filter(|ch| ch.is_uppercase()).count();
    // A place in capitals ("McALLEN" counts), or any place or none at all
    // before an agency: "Paris (AFP) - ", "(Reuters) - ".
    let capitals = letters >= 3 && upper * 10 >= letters * 8;
    let place_ok = capitals || (agency.is_some() && (letters >= 3 || place.is_empty()));
    if !place_ok || NOT_PLACES.contains(&place) {
        return None;
    }
    // A colon only after a place in capitals ("NEW DELHI: "), never a label.
    if sep == ":" && !(capitals && agency.is_none()) {
        return None;
    }
    let end = c.get(0)?.end();
    let rest = t.get(end..)?;
    let first = rest.chars().next()?;
    if !(first.is_uppercase() || first.is_ascii_digit()) {
        return None;
    }
    let shouting = rest
        .chars()
        .filter(|ch| ch.is_alphabetic())
        .all(|ch| !ch.is_lowercase());
    let qualified = agency.is_some()
        || c.name("date").is_some()
        || c.name("region").is_some_and(|r| !r.as_str().is_empty());
    if shouting || !(qualified || ends_terminal(rest)) {
        return None;
    }
    Some((end, agency))
}

/// The dateline opening the lede goes: the first kept line, or the first
/// after a headline-like line (short, no final punctuation). Returns its
/// line and the agency it names.
fn mark_dateline<'a>(
    lines: &[Line<'a>],
    actions: &mut [Action],
) -> Option<(usize, Option<&'a str>)> {
    let kept = (0..lines.len().min(HEADER_LINES)).filter(|&i| is_keep(actions, i));
    for i in kept {
        let Some(line) = lines.get(i) else { continue };
        if line.text.len() > MAX_LINE {
            return None;
        }
        let dated =
            dateline(line.text).filter(|&(at, _)| words(line.text.get(at..).unwrap_or("")) >= 3);
        if let Some((at, agency)) = dated {
            set(
                actions,
                i,
                Action::DropPrefix {
                    at,
                    reason: "dateline",
                },
            );
            return Some((i, agency));
        }
        if words(line.text) >= 6 || ends_terminal(line.text) {
            return None; // the lede, without a dateline
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn patterns_compile() {
        let _ = &*P;
    }

    #[test]
    fn single_line_rules() {
        let cases = [
            ("(Visited 14 times, 2 visits today)", Some("visit_counter")),
            ("Source:: The Daily Planet – World", Some("source_trailer")),
            ("Source: Harbor Gazette", Some("source_trailer")),
            (
                "(Reporting by Ann Lee in Oslo; Additional reporting by Bo Park; Editing by Kim Ode)",
                Some("credits"),
            ),
            ("Writing by Ann Lee; editing by Bo Park", Some("credits")),
            (
                "Our Standards: The Thomson Reuters Trust Principles.",
                Some("credits"),
            ),
            (
                "(Reporting by Ann Lee; additional reporting by the Oslo newsroom; Editing by Kim Ode)",
                Some("credits"),
            ),
            ("Reporting by the local paper uncovered the fraud in 2019.", None),
            ("Writing By Hand Boosts Learning", None),
            ("Research by Harvard Economists Finds Link", None),
            ("Editing by Committee", None),
            ("Our standards: we never pay sources.", None),
            (
                "Visit Harbor Gazette's homepage for more stories.",
                Some("homepage_link"),
            ),
            (
                "Read more: Why the river port is losing money",
                Some("teaser"),
            ),
            (
                "SEE ALSO: The mayor's plan for the old docks",
                Some("teaser"),
            ),
            ("READ MORE", Some("teaser")),
            (
                "Sign up for our free morning newsletter",
                Some("newsletter"),
            ),
            ("Liked this article? Share now!", Some("share_widget")),
            ("Share on Twitter", Some("share_widget")),
            ("Comments", Some("share_widget")),
            ("Leave a Reply", Some("comment_form")),
            ("Join the discussion", Some("comment_form")),
            ("Write new comment:", Some("comment_form")),
            (
                "Your email address will not be published. Required fields are marked *",
                Some("comment_form"),
            ),
            ("Latest articles", Some("related_links")),
            ("(Getty Images)", Some("photo_credit")),
            ("Photo: Lena Marsh/Harbor Gazette", Some("photo_credit")),
            (
                "Dock workers unload a ship in the rain (AFP via Getty Images)",
                Some("caption"),
            ),
            (
                "Dock workers unload a ship in the rain. / © Alamy",
                Some("caption"),
            ),
            ("© 2021 Harbor Gazette", Some("copyright")),
        ];
        for (t, want) in cases {
            assert_eq!(line_rule(t), want, "{t}");
        }
    }

    #[test]
    fn article_sentences_are_not_boilerplate() {
        let keep = [
            "More than 2 million people subscribe to the newsletter, the company said.",
            "Readers left hundreds of comments under the post, and the mayor replied to some.",
            "The source of the leak was never found.",
            "Copyright law was changed in 2019 after a long debate.",
            "He said the photo was taken in 2018 (or perhaps earlier).",
            "Share prices fell 4 percent on Monday.",
            "Your support means everything to me, she told the crowd.",
            "Read the report, he urged lawmakers.",
            "The vote was 50/50 (or 60/40 by some counts)",
            "Watch the skies tonight for the meteor shower.",
            "MORE THAN 100 FAMILIES LEFT THE VALLEY",
            "Please register to vote by Friday, the clerk urged.",
            "Join the debate over the new bridge at city hall on Monday.",
            "Video by a bystander shows the crane falling",
        ];
        for t in keep {
            assert_eq!(line_rule(t), None, "{t}");
        }
    }

    #[test]
    fn press_release_datelines_name_the_wire() {
        for (t, rest, wire) in [
            (
                "TULSA, Okla., April 7, 2025 /PRNewswire/ -- Brightfield Pumps Inc. today announced a new plant.",
                "Brightfield Pumps",
                "PRNewswire",
            ),
            (
                "DENVER--(BUSINESS WIRE)--Corvale Health (NYSE: CVH) today reported results.",
                "Corvale Health",
                "BUSINESS WIRE",
            ),
            (
                "OSLO, Norway, April 07, 2025 (GLOBE NEWSWIRE) -- Fjordline ASA today opened a new route.",
                "Fjordline ASA",
                "GLOBE NEWSWIRE",
            ),
            (
                "BOSTON, April 7, 2025 /PRNewswire-PRWeb/ -- Quillby Books has opened its doors.",
                "Quillby Books",
                "PRNewswire-PRWeb",
            ),
        ] {
            let (at, agency) = dateline(t).unwrap_or_else(|| panic!("no dateline in {t}"));
            assert!(t[at..].starts_with(rest), "{t}: {:?}", &t[at..]);
            assert_eq!(agency, Some(wire), "{t}");
        }
        // A dash glued to the next word is no dateline without an agency.
        assert_eq!(
            dateline("WASHINGTON--Officials said the talks had failed."),
            None
        );
        assert_eq!(dateline("Tulsa /home/ -- the path was wrong."), None);
    }

    #[test]
    fn comment_headers() {
        assert!(is_comment_header(
            "• Dana K. Mar 3, 2020 Link to comment",
            false
        ));
        assert!(is_comment_header("• Dana K. 3 March 2020", true));
        assert!(!is_comment_header("• Dana K. 3 March 2020", false));
        assert!(!is_comment_header(
            "The plant opened on March 3, 2020 after delays.",
            true
        ));
    }

    fn lines_of(t: &str) -> Vec<Line<'_>> {
        crate::layout::split_lines(t).0
    }

    #[test]
    fn a_lone_reply_line_does_not_start_a_thread() {
        let t = "Harbor review Mar 3, 2020 Report\nThe board met.\nIt voted.";
        assert_eq!(comment_thread_start(&lines_of(t)), None);
        let t2 = "Ann Mar 3, 2020 Reply\nGood.\nBo Mar 4, 2020 Reply\nBad.";
        assert_eq!(comment_thread_start(&lines_of(t2)), Some(0));
    }

    #[test]
    fn comment_tail_keeps_article_sentences() {
        let t = "Leave a comment\nJoin other readers and see their replies\nThe account was closed in May.\nShare";
        let (lines, paras) = crate::layout::split_lines(t);
        let settings = Settings {
            metadata: false,
            comment_threads: true,
        };
        let a = classify(&lines, &paras, &Meta::default(), None, settings).actions;
        assert_eq!(a[0], Action::Drop("comment_form"));
        assert_eq!(a[1], Action::Drop("comment_form"));
        assert_eq!(a[2], Action::Keep);
        assert_eq!(a[3], Action::Drop("share_widget"));
    }

    #[test]
    fn byline_and_date_lines_match_meta() {
        let meta = Meta {
            authors: vec!["Rita Okafor".into()],
            outlet: Some("Harbor Gazette".into()),
            ..Meta::default()
        };
        let ymd = Some("2021-03-02");
        assert!(is_meta_line("By Rita Okafor", &meta, ymd));
        assert!(is_meta_line(
            "Rita Okafor, Senior Correspondent",
            &meta,
            ymd
        ));
        assert!(is_meta_line("Tuesday 2 March 2021 10:15 GMT", &meta, ymd));
        assert!(is_meta_line(
            "By Rita Okafor | Harbor Gazette | March 2, 2021",
            &meta,
            ymd
        ));
        assert!(!is_meta_line(
            "Rita Okafor said the port would close.",
            &meta,
            ymd
        ));
        assert!(!is_meta_line("Tuesday 9 March 2021", &meta, ymd));
        // A beat before the role, in title case.
        assert!(is_meta_line(
            "By Rita Okafor, Courts Correspondent",
            &meta,
            ymd
        ));
        assert!(is_meta_line(
            "Rita Okafor, Home Affairs Editor | March 2, 2021",
            &meta,
            ymd
        ));
        assert!(!is_meta_line("Rita Okafor, a former reporter", &meta, ymd));
        assert!(!is_meta_line(
            "Rita Okafor, Courts Correspondent, said the port would close",
            &meta,
            ymd
        ));
        // US-style dates carry commas of their own.
        assert!(is_meta_line("March 2, 2021", &meta, ymd));
        assert!(is_meta_line("Tue March 2, 2021 10:15 AM ET", &meta, ymd));
        assert!(is_meta_line(
            "Updated March 2, 2021, 6:30 PM ET",
            &meta,
            ymd
        ));
        assert!(!is_meta_line("March 9, 2021", &meta, ymd));
    }

    #[test]
    fn date_lines_in_every_format_ingest_reads_are_metadata() {
        let meta = Meta {
            authors: vec!["Rita Okafor".into()],
            ..Meta::default()
        };
        let ymd = Some("2021-03-19");
        for line in [
            "Published: 19 Mar 2021, 10:15 GMT",
            "March 19, 2021, 10:15 AM ET",
            "2021-03-19T10:15:00-05:00",
            "Posted 2021-03-19 10:15+01:00",
            "19.03.2021",
            "Updated 19 March 2021 10:15 SAST",
            "Published Friday, March 19th, 2021 at 10 a.m.",
            "By Rita Okafor | Published: 19 Mar 2021, 10:15 GMT",
            "By Rita Okafor | 2021-03-19T10:15:00Z | Updated 3 p.m.",
        ] {
            assert_eq!(
                gleaner_datelines::parse_date_line(line.trim_start_matches("By Rita Okafor | "))
                    .and_then(|d| d.get(..10).map(str::to_owned))
                    .as_deref(),
                Some("2021-03-19"),
                "ingest reads {line:?}"
            );
            assert!(is_meta_line(line, &meta, ymd), "{line}");
        }
        for line in [
            "Published: 20 Mar 2021, 10:15 GMT",
            "2021-03-20T10:15:00-05:00",
            "20.03.2021",
            // A word that is no date and no author keeps the line.
            "By Rita Okafor | CNET | 19 March 2021",
            "Friday 19 March 2021 10:15 the council met",
        ] {
            assert!(!is_meta_line(line, &meta, ymd), "{line}");
        }
        // meta.published in UTC, the line in the outlet's zone: an evening
        // line is on the next UTC day.
        let utc = Some("2021-03-20T02:15:00Z");
        assert!(is_meta_line(
            "Friday 19 March 2021 10:15 PM EDT",
            &meta,
            utc
        ));
        assert!(is_meta_line("March 19, 2021, 10:15 PM ET", &meta, utc));
        assert!(is_meta_line("20.03.2021", &meta, utc));
        assert!(!is_meta_line("Friday 19 March 2021", &meta, utc));
        // Any time on that local day is that day; the day before is not.
        assert!(is_meta_line("Friday 19 March 2021 8:00 AM EDT", &meta, utc));
        assert!(!is_meta_line(
            "Thursday 18 March 2021 10:15 PM EDT",
            &meta,
            utc
        ));
    }
}
