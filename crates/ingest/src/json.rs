//! JSON input: one article object per `.jsonl` line; a `.json` file holds one
//! article object, an array of them, or a news API's export with its list of
//! articles under a key such as `articles` (NewsAPI), `response.results`
//! (The Guardian), `response.docs` (The New York Times), `results`, `items`,
//! `data` or `docs` (or a JSON Feed's `items`). Items NewsAPI marks as
//! withdrawn (text `[Removed]`) are skipped.
//!
//! Fields are read under the names news APIs use, first found wins:
//!
//! * text: `text`, `bodyText`, `body`, `content`, `articleBody`, `article`,
//!   `full_text`, `story`, `lead_paragraph`, `content_text`/`content_html`
//!   (JSON Feed), then `description`, `abstract` or `summary` when there is
//!   nothing longer. HTML text (`<p>…</p>`, as WordPress's
//!   `content.rendered`, or just entities such as `&amp;`) becomes plain
//!   paragraphs, in every field; NewsAPI's "… [+1234 chars]" truncation
//!   marker is dropped.
//! * `id` (or `uuid`, `_id`); title: `title`, `headline` (NYT's
//!   `headline.main`), `webTitle`; published: `published`, `date`,
//!   `publishedAt`, `published_at`, `pubDate`, `pub_date`,
//!   `webPublicationDate`, `datePublished`, `date_published`,
//!   `published_date`; url: `url`, `link`, `webUrl`,
//!   `web_url`; outlet: `outlet`, `source` (or `source.name`), `publisher`,
//!   `site_name`; authors: `authors`, `author`, `byline` (NYT's
//!   `byline.original`), `creator` (a string or an array); `language`.
//!
//! Each field is looked up in the article object, then in its `fields`
//! object (The Guardian's `show-fields`). A value may be a string or an
//! object holding one under `rendered`, `main`, `original` or `name`. Other
//! fields are ignored.

use crate::text::split_authors;
use gleaner_core::Meta;
use gleaner_datelines::{from_timestamp, normalize_date};
use serde_json::{Map, Value};

/// Longest accepted `id`, in bytes.
pub const MAX_ID_BYTES: usize = 512;

/// What is wrong with one JSON article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ArticleProblem {
    /// Not valid JSON, or not an object.
    Malformed(String),
    /// No text field with a non-empty string (see the module docs).
    NoText,
    /// The `id` is unusable; the string says why.
    BadId(String),
    /// A list of articles with none in it; the string says which list.
    NoArticles(String),
}

/// One article read from JSON.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct JsonArticle {
    /// The input's `id`, if it has one.
    pub id: Option<String>,
    /// Metadata.
    pub meta: Meta,
    /// The `text` (or `body`) field.
    pub body: String,
}

/// Parses one article object from JSON text.
pub fn parse_article(src: &str) -> Result<JsonArticle, ArticleProblem> {
    let v: Value =
        serde_json::from_str(src).map_err(|e| ArticleProblem::Malformed(e.to_string()))?;
    let Value::Object(o) = v else {
        return Err(ArticleProblem::Malformed(format!(
            "expected one article object, found {}",
            kind(&v)
        )));
    };
    article_from(&o)
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Keys holding the article text, most complete first.
const BODY_KEYS: &[&str] = &[
    "text",
    "bodyText",
    "body",
    "content",
    "content_text",
    "content_html",
    "articleBody",
    "article",
    "full_text",
    "fullText",
    "story",
    "lead_paragraph",
    "description",
    "abstract",
    "summary",
];
const ID_KEYS: &[&str] = &["id", "uuid", "_id"];
const TITLE_KEYS: &[&str] = &["title", "headline", "webTitle"];
const DATE_KEYS: &[&str] = &[
    "published",
    "date",
    "publishedAt",
    "published_at",
    "pubDate",
    "pub_date",
    "webPublicationDate",
    "datePublished",
    "publication_date",
    "date_published",
    "published_date",
];
const URL_KEYS: &[&str] = &["url", "link", "webUrl", "web_url"];
const OUTLET_KEYS: &[&str] = &["outlet", "source", "publisher", "site_name", "source_name"];
const AUTHOR_KEYS: &[&str] = &["authors", "author", "byline", "creator"];
/// Keys under which an export lists its articles.
const COLLECTION_KEYS: &[&str] = &[
    "articles",
    "results",
    "docs",
    "items",
    "data",
    "news",
    "stories",
    "entries",
    "posts",
    "documents",
    "hits",
];
/// Keys of an envelope around the list (`{"response": {"results": […]}}`).
const ENVELOPE_KEYS: &[&str] = &["response", "data", "result"];

/// `text` without NewsAPI's truncation marker at its end ("… [+1234
/// chars]"), and without the ellipsis before it.
fn drop_truncation(text: &str) -> &str {
    let t = text.trim_end();
    let Some(rest) = t.strip_suffix(" chars]") else {
        return text;
    };
    let Some(open) = rest.rfind("[+") else {
        return text;
    };
    let digits = rest.get(open + 2..).unwrap_or("");
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return text;
    }
    let kept = rest.get(..open).unwrap_or(text).trim_end();
    let kept = kept.strip_suffix('…').unwrap_or(kept);
    kept.strip_suffix("...").unwrap_or(kept).trim_end()
}

/// The value of `key` in the article or its `fields` object.
fn field<'a>(o: &'a Map<String, Value>, key: &str) -> Option<&'a Value> {
    o.get(key)
        .filter(|v| !v.is_null())
        .or_else(|| o.get("fields")?.as_object()?.get(key))
        .filter(|v| !v.is_null())
}

/// A string value, or the string an object holds under `rendered`
/// (WordPress), `main` (NYT headline), `original` (NYT byline) or `name`.
fn text_of(v: &Value) -> Option<&str> {
    match v {
        Value::String(s) => Some(s),
        Value::Object(o) => ["rendered", "main", "original", "name"]
            .iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str)),
        _ => None,
    }
}

/// A field's text as a reader sees it: HTML (WordPress's `rendered`
/// values, `&amp;`, `&#8217;`) becomes plain text.
fn plain(raw: &str) -> String {
    if looks_like_html(raw) {
        crate::html::fragment_text(raw)
    } else {
        raw.to_string()
    }
}

/// The first non-empty string among `keys`, as plain text, trimmed.
fn first_string(o: &Map<String, Value>, keys: &[&str]) -> Option<String> {
    keys.iter()
        .filter_map(|k| field(o, k).and_then(text_of))
        .map(|s| plain(s).trim().to_string())
        .find(|s| !s.is_empty())
}

/// Whether a text field holds HTML markup or entities rather than plain
/// text (looking at its first 4 KiB).
fn looks_like_html(s: &str) -> bool {
    let mut end = s.len().min(4096);
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    let lower = s.get(..end).unwrap_or("").to_ascii_lowercase();
    [
        "</p>", "<p>", "<p ", "<br", "<div", "</h2>", "<li>", "&amp;", "&#", "&quot;", "&nbsp;",
        "&rsquo;", "&ldquo;",
    ]
    .iter()
    .any(|t| lower.contains(t))
}

/// The article text: the first body field with text, HTML turned into
/// paragraphs, a truncation marker dropped.
fn body_of(o: &Map<String, Value>) -> Option<String> {
    BODY_KEYS.iter().find_map(|k| {
        let text = plain(field(o, k).and_then(text_of)?);
        let text = drop_truncation(&text).to_string();
        (!text.trim().is_empty()).then_some(text)
    })
}

/// NewsAPI's placeholder for an article withdrawn by its publisher.
const REMOVED: &str = "[Removed]";

/// Whether an object looks like one article (it has a text field) rather
/// than an export wrapping a list of them.
fn is_article(o: &Map<String, Value>) -> bool {
    BODY_KEYS.iter().any(|k| {
        field(o, k)
            .and_then(text_of)
            .is_some_and(|t| !t.trim().is_empty())
    })
}

/// The list of articles of an export: under a collection key of the object
/// or of an envelope inside it.
fn collection(o: &Map<String, Value>, depth: u8) -> Option<(&Vec<Value>, String)> {
    for k in COLLECTION_KEYS {
        if let Some(Value::Array(a)) = o.get(*k) {
            if a.is_empty() || a.iter().any(Value::is_object) {
                return Some((a, (*k).to_string()));
            }
        }
    }
    if depth == 0 {
        return None;
    }
    ENVELOPE_KEYS.iter().find_map(|k| {
        let inner = o.get(*k)?.as_object()?;
        collection(inner, depth - 1).map(|(a, name)| (a, format!("{k}.{name}")))
    })
}

/// Parses a `.json` file: one article, an array of articles, or an export
/// with its list of articles. Each article comes with its 1-based position
/// in the list (`None` for a lone article object). The whole file fails
/// only when it is not JSON or holds no article at all.
#[allow(clippy::type_complexity)]
pub fn parse_articles(
    src: &str,
) -> Result<Vec<(Option<usize>, Result<JsonArticle, ArticleProblem>)>, ArticleProblem> {
    let v: Value =
        serde_json::from_str(src).map_err(|e| ArticleProblem::Malformed(e.to_string()))?;
    let (list, name) = match &v {
        Value::Object(o) => {
            // An export's own title or description does not make it one
            // article: a list with articles in it wins (a JSON Feed has
            // both).
            let listed = collection(o, 2).filter(|(a, _)| {
                a.is_empty() || a.iter().any(|x| x.as_object().is_some_and(is_article))
            });
            match listed {
                Some((a, name)) => (a, format!("the `{name}` list")),
                None => return Ok(vec![(None, article_from(o))]),
            }
        }
        Value::Array(a) => (a, "the array".to_string()),
        other => {
            return Err(ArticleProblem::Malformed(format!(
                "expected an article object, an array of them or a news API export, found {}",
                kind(other)
            )))
        }
    };
    if list.is_empty() {
        return Err(ArticleProblem::NoArticles(format!("{name} is empty")));
    }
    let mut out = Vec::with_capacity(list.len());
    for (i, item) in list.iter().enumerate() {
        let r = match item {
            Value::Object(o) => article_from(o),
            other => Err(ArticleProblem::Malformed(format!(
                "expected an article object, found {}",
                kind(other)
            ))),
        };
        if r.as_ref().is_ok_and(|a| a.body.trim() == REMOVED) {
            tracing::info!(
                article = i + 1,
                "skipped an article its publisher withdrew (text \"[Removed]\")"
            );
            continue;
        }
        out.push((Some(i + 1), r));
    }
    if out.is_empty() {
        return Err(ArticleProblem::NoArticles(format!(
            "every article of {name} was withdrawn (\"[Removed]\")"
        )));
    }
    Ok(out)
}

fn article_from(o: &Map<String, Value>) -> Result<JsonArticle, ArticleProblem> {
    let id = match ID_KEYS.iter().find_map(|k| field(o, k)) {
        None | Some(Value::Null) => None,
        Some(Value::String(s)) => Some(check_id(s)?),
        Some(Value::Number(n)) => Some(n.to_string()),
        Some(other) => {
            return Err(ArticleProblem::BadId(format!(
                "`id` must be a string or a number, not {}",
                kind(other)
            )))
        }
    };
    let body = body_of(o).ok_or(ArticleProblem::NoText)?;
    let published = DATE_KEYS.iter().find_map(|k| match field(o, k)? {
        Value::String(s) => {
            let d = normalize_date(s);
            if d.is_none() && !s.trim().is_empty() {
                tracing::warn!("unreadable date {s:?} in field `{k}` ignored");
            }
            d
        }
        Value::Number(n) => n.as_f64().and_then(from_timestamp),
        _ => None,
    });
    let authors = match AUTHOR_KEYS.iter().find_map(|k| field(o, k)) {
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(text_of)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(v) => text_of(v)
            .map(|s| split_authors(strip_by(s)))
            .unwrap_or_default(),
        None => Vec::new(),
    };
    Ok(JsonArticle {
        id,
        meta: Meta {
            title: first_string(o, TITLE_KEYS),
            authors,
            published,
            outlet: first_string(o, OUTLET_KEYS),
            url: first_string(o, URL_KEYS),
            language: first_string(o, &["language", "lang"]),
        },
        body,
    })
}

/// A byline without its leading "By " ("By Jane Doe and John Roe").
fn strip_by(s: &str) -> &str {
    let t = s.trim();
    match t.get(..3) {
        Some(p) if p.eq_ignore_ascii_case("by ") => t.get(3..).unwrap_or(t),
        _ => t,
    }
}

/// Checks an input `id`: not empty, at most [`MAX_ID_BYTES`], no NUL or
/// control characters. Path-like ids (`../x`) are allowed: sinks make file
/// names safe themselves.
pub fn check_id(id: &str) -> Result<String, ArticleProblem> {
    if id.is_empty() {
        return Err(ArticleProblem::BadId("`id` is empty".to_string()));
    }
    if id.len() > MAX_ID_BYTES {
        return Err(ArticleProblem::BadId(format!(
            "`id` is {} bytes long; the limit is {MAX_ID_BYTES}",
            id.len()
        )));
    }
    if let Some(c) = id.chars().find(|c| c.is_control()) {
        return Err(ArticleProblem::BadId(format!(
            "`id` contains the control character U+{:04X}",
            u32::from(c)
        )));
    }
    Ok(id.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn full_article() {
        let a = parse_article(
            r#"{"id": "a1", "title": " Ferry link ", "body": "Text.", "date": "2019-02-19T09:19:00-0500",
                "source": "Harbour Times", "authors": ["Jane Doe", "John Roe"], "url": "https://x.test/a"}"#,
        )
        .unwrap();
        assert_eq!(a.id.as_deref(), Some("a1"));
        assert_eq!(a.body, "Text.");
        assert_eq!(a.meta.title.as_deref(), Some("Ferry link"));
        assert_eq!(
            a.meta.published.as_deref(),
            Some("2019-02-19T09:19:00-05:00")
        );
        assert_eq!(a.meta.outlet.as_deref(), Some("Harbour Times"));
        assert_eq!(a.meta.authors, vec!["Jane Doe", "John Roe"]);
    }

    #[test]
    fn text_wins_over_body_and_authors_may_be_a_string() {
        let a = parse_article(r#"{"text": "T", "body": "B", "authors": "Jane Doe and John Roe", "published": "2019-02-19"}"#).unwrap();
        assert_eq!(a.body, "T");
        assert_eq!(a.meta.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(a.meta.published.as_deref(), Some("2019-02-19"));
        assert_eq!(a.id, None);
    }

    #[test]
    fn problems() {
        assert!(matches!(
            parse_article("{"),
            Err(ArticleProblem::Malformed(_))
        ));
        assert!(
            matches!(parse_article("[1]"), Err(ArticleProblem::Malformed(m)) if m.contains("an array"))
        );
        assert_eq!(
            parse_article(r#"{"title": "x"}"#),
            Err(ArticleProblem::NoText)
        );
        assert_eq!(parse_article(r#"{"text": 5}"#), Err(ArticleProblem::NoText));
        assert!(matches!(
            parse_article(r#"{"id": "a\u0000b", "text": "x"}"#),
            Err(ArticleProblem::BadId(_))
        ));
        assert!(matches!(
            parse_article(r#"{"id": "a\nb", "text": "x"}"#),
            Err(ArticleProblem::BadId(_))
        ));
        let long = format!(r#"{{"id": "{}", "text": "x"}}"#, "a".repeat(513));
        assert!(matches!(
            parse_article(&long),
            Err(ArticleProblem::BadId(_))
        ));
        let ok = parse_article(r#"{"id": "../../x", "text": "x"}"#).unwrap();
        assert_eq!(ok.id.as_deref(), Some("../../x"));
    }

    /// The articles of a `.json` file, each as Ok(article) or the problem.
    fn many(src: &str) -> Vec<(Option<usize>, Result<JsonArticle, ArticleProblem>)> {
        parse_articles(src).unwrap()
    }

    #[test]
    fn newsapi_export() {
        let src = r#"{"status":"ok","totalResults":2,"articles":[
            {"source":{"id":null,"name":"Harbour Times"},"author":"Jane Doe","title":"Ferry subsidy approved",
             "description":"The council approved it.","url":"https://x.test/a","publishedAt":"2024-05-13T10:00:00Z",
             "content":"The council approved a ferry subsidy on Monday, its chair said. \"This keeps the route alive,\" she said… [+1200 chars]"},
            {"source":{"id":null,"name":"Fjord Daily"},"author":null,"title":"Fares to rise","description":"Fares will rise.",
             "url":"https://x.test/b","publishedAt":"2024-05-14T07:30:00Z","content":null}]}"#;
        let got = many(src);
        assert_eq!(got.len(), 2);
        let (n, a) = &got[0];
        let a = a.as_ref().unwrap();
        assert_eq!(*n, Some(1));
        assert_eq!(
            a.body,
            "The council approved a ferry subsidy on Monday, its chair said. \"This keeps the route alive,\" she said"
        );
        assert_eq!(a.meta.title.as_deref(), Some("Ferry subsidy approved"));
        assert_eq!(a.meta.outlet.as_deref(), Some("Harbour Times"));
        assert_eq!(a.meta.authors, vec!["Jane Doe"]);
        assert_eq!(a.meta.published.as_deref(), Some("2024-05-13T10:00:00Z"));
        assert_eq!(a.meta.url.as_deref(), Some("https://x.test/a"));
        // No content: the description is the text.
        assert_eq!(got[1].1.as_ref().unwrap().body, "Fares will rise.");
    }

    #[test]
    fn guardian_nyt_and_wordpress_exports() {
        let guardian = r#"{"response":{"status":"ok","results":[{"id":"world/2024/may/13/ferry",
            "webTitle":"Ferry saved","webPublicationDate":"2024-05-13T10:00:00Z","webUrl":"https://x.test/g",
            "fields":{"bodyText":"The ferry was saved on Monday.","byline":"Jane Doe and John Roe"}}]}}"#;
        let g = many(guardian);
        let g = g[0].1.as_ref().unwrap();
        assert_eq!(g.id.as_deref(), Some("world/2024/may/13/ferry"));
        assert_eq!(g.body, "The ferry was saved on Monday.");
        assert_eq!(g.meta.title.as_deref(), Some("Ferry saved"));
        assert_eq!(g.meta.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(g.meta.url.as_deref(), Some("https://x.test/g"));

        let nyt = r#"{"status":"OK","response":{"docs":[{"_id":"nyt://article/1","abstract":"Short.",
            "lead_paragraph":"The ferry will keep running, the council said on Monday.",
            "headline":{"main":"Ferry Keeps Running","kicker":null},"pub_date":"2024-05-13T10:00:00+0000",
            "byline":{"original":"By Jane Doe and John Roe"},"web_url":"https://x.test/n","source":"The New York Times"}]}}"#;
        let n = many(nyt);
        let n = n[0].1.as_ref().unwrap();
        assert_eq!(
            n.body,
            "The ferry will keep running, the council said on Monday."
        );
        assert_eq!(n.meta.title.as_deref(), Some("Ferry Keeps Running"));
        assert_eq!(n.meta.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(n.meta.outlet.as_deref(), Some("The New York Times"));
        assert_eq!(
            n.meta.published.as_deref(),
            Some("2024-05-13T10:00:00+00:00")
        );

        let wp = r#"[{"id":42,"date":"2024-05-13T10:00:00","link":"https://x.test/w",
            "title":{"rendered":"Ferry saved"},
            "content":{"rendered":"<p>The ferry was saved on Monday after a long campaign.</p>\n<p>Islanders had collected signatures for a year.</p>"}}]"#;
        let w = many(wp);
        let w = w[0].1.as_ref().unwrap();
        assert_eq!(w.id.as_deref(), Some("42"));
        assert_eq!(w.meta.title.as_deref(), Some("Ferry saved"));
        assert_eq!(
            w.body,
            "The ferry was saved on Monday after a long campaign.\n\nIslanders had collected signatures for a year."
        );
    }

    #[test]
    fn one_broken_article_in_a_list_does_not_stop_the_others() {
        let got = many(r#"[{"text":"One."}, {"title":"no text"}, 7, {"text":"Four."}]"#);
        assert_eq!(got.len(), 4);
        assert_eq!(got[0].1.as_ref().unwrap().body, "One.");
        assert_eq!(got[1], (Some(2), Err(ArticleProblem::NoText)));
        assert!(
            matches!(&got[2], (Some(3), Err(ArticleProblem::Malformed(m))) if m.contains("number"))
        );
        assert_eq!(got[3].1.as_ref().unwrap().body, "Four.");
        // A lone article has no position; an empty export is an error.
        assert_eq!(many(r#"{"text":"Alone."}"#)[0].0, None);
        assert!(
            matches!(parse_articles(r#"{"articles":[]}"#), Err(ArticleProblem::NoArticles(m)) if m.contains("`articles`"))
        );
        assert!(matches!(
            parse_articles("5"),
            Err(ArticleProblem::Malformed(_))
        ));
        // An object that is neither an article nor an export: no text.
        assert_eq!(many(r#"{"title":"x"}"#)[0].1, Err(ArticleProblem::NoText));
    }

    #[test]
    fn feeds_withdrawn_items_html_and_nulls() {
        // A JSON Feed: its own title and description do not make it one
        // article.
        let feed = r#"{"version":"https://jsonfeed.org/version/1.1","title":"Harbour news",
            "description":"News from the harbour","items":[
            {"id":"1","title":"Ferry saved","content_text":"The ferry was saved.","date_published":"2024-05-13T10:00:00Z"},
            {"id":"2","content_html":"<p>Fares stay the same.</p>"}]}"#;
        let got = many(feed);
        assert_eq!(got.len(), 2);
        let a = got[0].1.as_ref().unwrap();
        assert_eq!(a.body, "The ferry was saved.");
        assert_eq!(a.meta.published.as_deref(), Some("2024-05-13T10:00:00Z"));
        assert_eq!(got[1].1.as_ref().unwrap().body, "Fares stay the same.");
        // NewsAPI's withdrawn items are skipped; a list of only those has
        // no articles.
        let removed = r#"{"articles":[{"title":"[Removed]","content":"[Removed]","publishedAt":"1970-01-01T00:00:00Z"},
            {"title":"Ferry","content":"The ferry runs."}]}"#;
        let got = many(removed);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].0, Some(2));
        assert!(matches!(
            parse_articles(r#"{"articles":[{"content":"[Removed]"}]}"#),
            Err(ArticleProblem::NoArticles(_))
        ));
        // One null in an export's list is reported by its position.
        let got = many(r#"{"articles":[{"content":"The ferry runs."}, null]}"#);
        assert_eq!(got.len(), 2);
        assert!(
            matches!(&got[1], (Some(2), Err(ArticleProblem::Malformed(m))) if m.contains("null"))
        );
        // HTML: short paragraphs and line breaks kept, entities decoded, in
        // titles too.
        let wp = r#"{"title":{"rendered":"Council&#8217;s ferry plan &amp; fares"},
            "content":{"rendered":"<p>The council kept the ferry running after a long debate on Monday.</p>\n<p>&#8220;No,&#8221; she said.</p><p>A.<br>B.<br/>C.</p><figure><img src=x><figcaption>A ferry</figcaption></figure><div>The route opened in 1990.</div>"}}"#;
        let a = parse_article(wp).unwrap();
        assert_eq!(
            a.meta.title.as_deref(),
            Some("Council\u{2019}s ferry plan & fares")
        );
        assert_eq!(
            a.body,
            "The council kept the ferry running after a long debate on Monday.\n\n\u{201c}No,\u{201d} she said.\n\nA.\nB.\nC.\n\nThe route opened in 1990."
        );
        // A null under `fields` does not hide a later key.
        let a = parse_article(r#"{"fields":{"id":null},"uuid":"u1","text":"x"}"#).unwrap();
        assert_eq!(a.id.as_deref(), Some("u1"));
    }

    #[test]
    fn truncation_markers() {
        assert_eq!(drop_truncation("Said so… [+1200 chars]"), "Said so");
        assert_eq!(drop_truncation("Said so. [+12 chars]"), "Said so.");
        assert_eq!(drop_truncation("Said so... [+12 chars]"), "Said so");
        assert_eq!(drop_truncation("Costs [+5] chars]"), "Costs [+5] chars]");
        assert_eq!(drop_truncation("Plain."), "Plain.");
    }

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,200}") {
            let _ = parse_article(&s);
            let _ = parse_articles(&s);
        }

        #[test]
        fn any_clean_id_is_kept(id in "[^\\p{Cc}]{1,100}") {
            let src = serde_json::json!({"id": id, "text": "body"}).to_string();
            prop_assert_eq!(parse_article(&src).unwrap().id, Some(id));
        }
    }
}
