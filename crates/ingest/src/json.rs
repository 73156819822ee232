//! JSON input: one article object (`.json`) or one per line (`.jsonl`), with
//! fields `id`, `title`, `text` or `body`, `published` or `date`, `url`,
//! `outlet` or `source`, `authors` or `author` (a string or an array) and
//! `language`. Other fields are ignored.

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
    /// No string `text` or `body` field.
    NoText,
    /// The `id` is unusable; the string says why.
    BadId(String),
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
        Value::Array(_) => "an array (use .jsonl for one article per line)",
        Value::Object(_) => "an object",
    }
}

fn article_from(o: &Map<String, Value>) -> Result<JsonArticle, ArticleProblem> {
    let id = match o.get("id") {
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
    let body = ["text", "body"]
        .iter()
        .find_map(|k| o.get(*k).and_then(Value::as_str))
        .filter(|t| !t.trim().is_empty())
        .ok_or(ArticleProblem::NoText)?
        .to_string();
    let string = |keys: &[&str]| {
        keys.iter()
            .find_map(|k| o.get(*k).and_then(Value::as_str))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
    };
    let published = ["published", "date"].iter().find_map(|k| match o.get(*k) {
        Some(Value::String(s)) => {
            let d = normalize_date(s);
            if d.is_none() && !s.trim().is_empty() {
                tracing::warn!("unreadable date {s:?} in field `{k}` ignored");
            }
            d
        }
        Some(Value::Number(n)) => n.as_f64().and_then(from_timestamp),
        _ => None,
    });
    let outlet = string(&["outlet", "source"]).or_else(|| {
        o.get("source")
            .and_then(|s| s.get("name"))
            .and_then(Value::as_str)
            .map(str::to_string)
    });
    let authors = match o.get("authors").or_else(|| o.get("author")) {
        Some(Value::String(s)) => split_authors(s),
        Some(Value::Array(a)) => a
            .iter()
            .filter_map(|x| x.as_str().or_else(|| x.get("name").and_then(Value::as_str)))
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect(),
        Some(Value::Object(a)) => a
            .get("name")
            .and_then(Value::as_str)
            .map(split_authors)
            .unwrap_or_default(),
        _ => Vec::new(),
    };
    Ok(JsonArticle {
        id,
        meta: Meta {
            title: string(&["title", "headline"]),
            authors,
            published,
            outlet,
            url: string(&["url"]),
            language: string(&["language", "lang"]),
        },
        body,
    })
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
            matches!(parse_article("[1]"), Err(ArticleProblem::Malformed(m)) if m.contains("jsonl"))
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

    proptest! {
        #[test]
        fn parse_never_panics(s in "\\PC{0,200}") {
            let _ = parse_article(&s);
        }

        #[test]
        fn any_clean_id_is_kept(id in "[^\\p{Cc}]{1,100}") {
            let src = serde_json::json!({"id": id, "text": "body"}).to_string();
            prop_assert_eq!(parse_article(&src).unwrap().id, Some(id));
        }
    }
}
