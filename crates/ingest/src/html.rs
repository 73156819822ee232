//! HTML articles: the main text, extracted with `rs-trafilatura` (the best
//! extractor measured on the article-extraction benchmark, see
//! EXTRACTION.md) with a simple paragraph extractor as fallback when it finds
//! nothing, and the metadata (title, authors, publication date, outlet,
//! canonical URL, language) from JSON-LD, OpenGraph/`article:` and other
//! `<meta>` tags, `<link rel=canonical>`, `<time>` and `<title>`.
//!
//! The page first goes through [`crate::sanitize`] (no scripts or styles,
//! nesting capped), so parsing time stays linear. Parsing runs on a worker
//! thread with its own large stack, so no page can overflow the caller's
//! stack, and a panic inside a parser becomes an error for that document
//! instead of taking the process down.

use crate::text::{looks_like_name, split_authors};
use dom_query::{Document, Selection};
use gleaner_core::Meta;
use gleaner_datelines::{normalize_date, parse_date_line};
use serde_json::Value;

/// Stack size of the extraction thread. The sanitizer caps nesting at 512
/// elements, so recursive walks stay far below this; only touched pages of
/// the reservation are committed.
const STACK_BYTES: usize = 64 << 20;

/// An extracted HTML article.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct HtmlArticle {
    /// Main text, paragraphs separated by blank lines.
    pub body: String,
    /// Metadata found in the page.
    pub meta: Meta,
    /// Which extractor produced `body`: `trafilatura` or `fallback`.
    pub extractor: &'static str,
}

/// Extracts the article from `html` on a worker thread; `Err` carries a
/// message when the extractor panicked or the thread could not start.
pub fn extract(html: String, fallback: bool) -> Result<HtmlArticle, String> {
    let worker = std::thread::Builder::new()
        .name("gleaner-ingest-html".to_string())
        .stack_size(STACK_BYTES)
        .spawn(move || extract_here(&html, fallback))
        .map_err(|e| format!("cannot start the HTML extraction thread: {e}"))?;
    worker
        .join()
        .map_err(|_| "the HTML extractor panicked on this page".to_string())
}

/// Extracts the article on the current thread; with `fallback`, a page
/// rs-trafilatura finds nothing in gets [`fallback_text`].
pub fn extract_here(html: &str, fallback: bool) -> HtmlArticle {
    let html = crate::sanitize::sanitize(html);
    let doc = Document::from(html.as_str());
    let meta = page_meta(&doc);
    let body = main_text(&html);
    let (body, extractor) = if body.trim().is_empty() && fallback {
        (fallback_text(&doc), "fallback")
    } else {
        (body, "trafilatura")
    };
    let headings = [
        meta.title.clone(),
        Some(collapse_ws(&doc.select("head title").first().text())),
        Some(collapse_ws(&doc.select("h1").first().text())),
    ];
    let body = drop_leading_furniture(body, &headings);
    HtmlArticle {
        body,
        meta,
        extractor,
    }
}

/// The article text as rs-trafilatura finds it, blank lines between
/// paragraphs; empty when it finds none.
pub fn main_text(html: &str) -> String {
    let opts = rs_trafilatura::Options {
        include_comments: false,
        include_images: false,
        include_links: false,
        ..rs_trafilatura::Options::default()
    };
    match rs_trafilatura::extract_with_options(html, &opts) {
        Ok(r) => paragraphs(&r.content_text),
        Err(e) => {
            tracing::debug!("rs-trafilatura found no article: {e}");
            String::new()
        }
    }
}

/// Drops paragraphs at the top of an extracted body that are page furniture
/// rather than article text: the headline (any of `headings`), a date line
/// or a byline. Headlines are not part of an article's body, and the
/// metadata keeps them.
fn drop_leading_furniture(body: String, headings: &[Option<String>]) -> String {
    let same = |a: &str, b: &str| {
        let (a, b) = (a.trim().to_lowercase(), b.trim().to_lowercase());
        !a.is_empty() && (a == b || (b.starts_with(&a) && a.len() * 2 > b.len()))
    };
    let mut start = 0;
    for para in body.split("\n\n") {
        let furniture = para.chars().count() <= 200
            && (headings.iter().flatten().any(|h| same(para, h))
                || parse_date_line(para).is_some()
                || crate::text::byline(para).is_some());
        if !furniture {
            break;
        }
        start += para.len() + 2;
    }
    match body.get(start..) {
        Some(rest) if start > 0 && !rest.trim().is_empty() => rest.to_string(),
        _ => body,
    }
}

/// Joins non-empty lines with blank lines between them, trimming each.
fn paragraphs(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + text.len() / 16);
    for line in text.lines().map(collapse_ws).filter(|l| !l.is_empty()) {
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&line);
    }
    out
}

fn collapse_ws(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Marks standing for a paragraph break and a line break while an HTML
/// fragment is parsed (private-use characters, which text never holds).
const PARA_MARK: char = '\u{E000}';
const LINE_MARK: char = '\u{E001}';

/// Elements that start and end a block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "table",
    "tr",
    "section",
    "article",
    "header",
    "footer",
    "figure",
    "figcaption",
    "dl",
    "dt",
    "dd",
    "hr",
    "aside",
    "main",
    "nav",
    "address",
];

/// The text of an HTML fragment known to be the article body (a news API's
/// `content.rendered` or HTML `body`): a paragraph break at every block
/// element, a line break at `<br>`, entities decoded, whitespace folded,
/// figures, scripts and styles left out, and no paragraph dropped for being
/// short. Linear in the input: the fragment goes through [`crate::sanitize`] first,
/// like a page.
pub fn fragment_text(html: &str) -> String {
    let clean = crate::sanitize::sanitize(html);
    let mut marked = String::with_capacity(clean.len() + clean.len() / 8);
    let mut rest = clean.as_str();
    while let Some(lt) = rest.find('<') {
        let (before, tag) = rest.split_at(lt);
        marked.push_str(before);
        let name: String = tag
            .trim_start_matches('<')
            .trim_start_matches('/')
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        if name == "br" {
            marked.push(LINE_MARK);
        } else if BLOCK_TAGS.contains(&name.as_str()) {
            marked.push(PARA_MARK);
        }
        marked.push('<');
        rest = tag.get(1..).unwrap_or("");
    }
    marked.push_str(rest);
    let doc = Document::from(marked.as_str());
    doc.select("script, style, noscript, template, iframe, svg, figure, figcaption")
        .remove();
    let text = doc.select("body").text();
    let mut out = String::with_capacity(text.len());
    let mut pending: Option<&str> = None;
    for piece in text.split_inclusive([PARA_MARK, LINE_MARK]) {
        let brk = if piece.ends_with(PARA_MARK) {
            Some("\n\n")
        } else if piece.ends_with(LINE_MARK) {
            Some("\n")
        } else {
            None
        };
        let words = collapse_ws(piece.trim_end_matches([PARA_MARK, LINE_MARK]));
        if !words.is_empty() {
            if let Some(b) = pending.take() {
                if !out.is_empty() {
                    out.push_str(b);
                }
            }
            out.push_str(&words);
        }
        // A paragraph break wins over a line break next to it.
        pending = match (pending, brk) {
            (Some("\n\n"), _) | (_, Some("\n\n")) => Some("\n\n"),
            (p, None) => p,
            (_, b) => b,
        };
    }
    out
}

/// A simple extractor for pages rs-trafilatura finds nothing in: the
/// `<p>` paragraphs of the page outside navigation, headers, footers, asides
/// and forms; failing that, the text of `<body>` without them.
pub fn fallback_text(doc: &Document) -> String {
    doc.select("script, style, noscript, template, nav, header, footer, aside, form, iframe, svg")
        .remove();
    let mut out = String::new();
    for p in doc.select("p, h2, h3, li, blockquote, pre").iter() {
        // Skip list items and quotes inside paragraphs already taken.
        let parent = p.parent();
        if parent.is("p") || parent.is("blockquote") {
            continue;
        }
        let t = collapse_ws(&p.text());
        if t.split_whitespace().count() < 4 && !p.is("h2, h3") {
            continue;
        }
        if !out.is_empty() {
            out.push_str("\n\n");
        }
        out.push_str(&t);
    }
    if out.is_empty() {
        out = paragraphs(&doc.select("body").text());
    }
    out
}

/// First non-empty `content` of the `<meta>` tags matching `sel`.
fn meta_content(doc: &Document, sel: &str) -> Option<String> {
    doc.select(sel)
        .iter()
        .filter_map(|m| m.attr("content"))
        .map(|c| collapse_ws(&c))
        .find(|c| !c.is_empty())
}

/// Metadata from JSON-LD, `<meta>` tags, `<link rel=canonical>`, `<time>`,
/// `<title>`, `<html lang>`.
pub fn page_meta(doc: &Document) -> Meta {
    let ld = json_ld(doc);
    let mut meta = Meta::default();

    meta.outlet = meta_content(
        doc,
        r#"meta[property="og:site_name"], meta[name="og:site_name"]"#,
    )
    .or_else(|| {
        ld.as_ref()
            .and_then(|a| a.get("publisher"))
            .and_then(name_of)
    })
    .or_else(|| {
        meta_content(
            doc,
            r#"meta[name="application-name"], meta[name="publisher"]"#,
        )
    });

    meta.title = meta_content(doc, r#"meta[property="og:title"], meta[name="og:title"]"#)
        .or_else(|| ld.as_ref().and_then(|a| str_field(a, "headline")))
        .or_else(|| {
            meta_content(
                doc,
                r#"meta[name="twitter:title"], meta[property="twitter:title"]"#,
            )
        })
        .or_else(|| {
            let t = collapse_ws(&doc.select("head title").first().text());
            (!t.is_empty()).then(|| strip_site_suffix(&t, meta.outlet.as_deref()))
        })
        .or_else(|| {
            let t = collapse_ws(&doc.select("h1").first().text());
            (!t.is_empty()).then_some(t)
        });

    meta.authors = ld
        .as_ref()
        .and_then(|a| a.get("author"))
        .map(names_of)
        .filter(|v| !v.is_empty())
        .or_else(|| {
            meta_content(
                doc,
                r#"meta[name="author"], meta[name="byl"], meta[name="sailthru.author"], meta[name="parsely-author"], meta[name="dc.creator"], meta[name="DC.creator"], meta[property="article:author"]"#,
            )
            .filter(|a| !a.starts_with("http"))
            .map(|a| split_authors(a.trim_start_matches("By ").trim_start_matches("by ")))
        })
        .or_else(|| {
            let names: Vec<String> = doc
                .select(r#"[rel="author"], [itemprop="author"] [itemprop="name"], .byline__name, .author-name"#)
                .iter()
                .map(|n| collapse_ws(&n.text()))
                .filter(|n| looks_like_name(n))
                .collect();
            (!names.is_empty()).then_some(names)
        })
        .map(clean_authors)
        .unwrap_or_default();

    meta.published = ld
        .as_ref()
        .and_then(|a| str_field(a, "datePublished"))
        .and_then(|d| normalize_date(&d))
        .or_else(|| {
            meta_content(
                doc,
                r#"meta[property="article:published_time"], meta[name="article:published_time"], meta[itemprop="datePublished"], meta[name="pubdate"], meta[name="publishdate"], meta[name="publish-date"], meta[name="date"], meta[name="dc.date"], meta[name="DC.date.issued"], meta[name="dcterms.created"], meta[name="sailthru.date"], meta[name="parsely-pub-date"], meta[property="og:published_time"]"#,
            )
            .and_then(|d| normalize_date(&d))
        })
        .or_else(|| {
            doc.select(r#"time[itemprop="datePublished"], time[pubdate], article time, time"#)
                .iter()
                .find_map(|t| t.attr("datetime").and_then(|d| normalize_date(&d)))
        });

    meta.url = doc
        .select(r#"link[rel="canonical"]"#)
        .iter()
        .filter_map(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
        .find(|h| h.starts_with("http"))
        .or_else(|| meta_content(doc, r#"meta[property="og:url"], meta[name="og:url"]"#))
        .or_else(|| ld.as_ref().and_then(|a| str_field(a, "url")));

    meta.language = doc
        .select("html")
        .first()
        .attr("lang")
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty() && l.len() <= 35)
        .or_else(|| {
            meta_content(doc, r#"meta[property="og:locale"]"#).map(|l| l.replace('_', "-"))
        });
    meta
}

/// Removes a trailing " | Site" or " - Site" from a `<title>`.
fn strip_site_suffix(title: &str, outlet: Option<&str>) -> String {
    for sep in [" | ", " - ", " — ", " – ", " :: "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let is_site = outlet.is_some_and(|o| tail.trim().eq_ignore_ascii_case(o.trim()))
                || tail.split_whitespace().count() <= 3;
            if is_site && head.split_whitespace().count() >= 3 {
                return head.trim().to_string();
            }
        }
    }
    title.to_string()
}

/// Cleans author names (cuts "| Outlet", " - Role", ". Outlet" tails and a
/// leading "By", drops URLs and e-mail addresses) and removes duplicates,
/// also a name that only adds words before another ("About Jane Doe").
fn clean_authors(v: Vec<String>) -> Vec<String> {
    let mut names: Vec<String> = v.iter().filter_map(|n| clean_author(n)).collect();
    let snapshot = names.clone();
    names.retain(|n| {
        !snapshot.iter().any(|o| {
            o.len() < n.len()
                && n.to_lowercase()
                    .ends_with(&format!(" {}", o.to_lowercase()))
        })
    });
    let mut out: Vec<String> = Vec::with_capacity(names.len());
    for n in names {
        if !out.iter().any(|o| o.to_lowercase() == n.to_lowercase()) {
            out.push(n);
        }
    }
    out
}

fn clean_author(name: &str) -> Option<String> {
    let mut n = name.trim();
    for prefix in ["By ", "by ", "BY "] {
        n = n.strip_prefix(prefix).unwrap_or(n);
    }
    for sep in [" | ", "|", " • ", " - ", " — ", " – "] {
        n = n.split(sep).next().unwrap_or(n);
    }
    if let Some((head, _)) = n.split_once(". ") {
        if head.split_whitespace().count() >= 2 {
            n = head;
        }
    }
    let n = crate::text::strip_role(n)
        .trim()
        .trim_end_matches(',')
        .trim();
    let bad = n.is_empty() || n.contains("://") || n.contains('@') || n.chars().count() > 80;
    (!bad).then(|| n.to_string())
}

/// The first JSON-LD object that describes an article (`NewsArticle`,
/// `Article`, `BlogPosting`, `ReportageNewsArticle`, …), looking inside
/// arrays and `@graph`.
fn json_ld(doc: &Document) -> Option<Value> {
    let scripts: Selection = doc.select(r#"script[type="application/ld+json"]"#);
    let mut found = None;
    for s in scripts.iter() {
        let Ok(v) = serde_json::from_str::<Value>(s.text().trim()) else {
            continue;
        };
        if let Some(a) = find_article(&v, 0) {
            found = Some(a.clone());
            break;
        }
    }
    found
}

fn find_article(v: &Value, depth: usize) -> Option<&Value> {
    if depth > 8 {
        return None;
    }
    match v {
        Value::Array(items) => items.iter().find_map(|i| find_article(i, depth + 1)),
        Value::Object(o) => {
            let is_article = |t: &Value| {
                t.as_str()
                    .is_some_and(|s| s.ends_with("Article") || s == "BlogPosting" || s == "Report")
            };
            let typed = match o.get("@type") {
                Some(Value::Array(ts)) => ts.iter().any(is_article),
                Some(t) => is_article(t),
                None => false,
            };
            if typed {
                return Some(v);
            }
            o.get("@graph").and_then(|g| find_article(g, depth + 1))
        }
        _ => None,
    }
}

fn str_field(v: &Value, key: &str) -> Option<String> {
    match v.get(key)? {
        Value::String(s) => Some(collapse_ws(s)).filter(|s| !s.is_empty()),
        Value::Object(_) => str_field(v.get(key)?, "@id"),
        _ => None,
    }
}

/// A name from `"X"` or `{"name": "X"}`.
fn name_of(v: &Value) -> Option<String> {
    match v {
        Value::String(s) => Some(collapse_ws(s)),
        Value::Object(_) => str_field(v, "name"),
        Value::Array(a) => a.iter().find_map(name_of),
        _ => None,
    }
    .filter(|s| !s.is_empty())
}

/// Names from a JSON-LD `author`: a string, an object or an array of them.
fn names_of(v: &Value) -> Vec<String> {
    match v {
        Value::Array(a) => a.iter().filter_map(name_of).collect(),
        other => name_of(other)
            .map(|n| split_authors(&n))
            .unwrap_or_default(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headline_date_and_byline_paragraphs_are_dropped_from_the_top() {
        let body = "Ferry link approved\n\nBy Jane Doe\n\n19 February 2019\n\nThe council voted on Monday.\n\nBy the end of the year it will run."
            .to_string();
        let heads = [Some("Ferry link approved | Harbour Times".to_string())];
        assert_eq!(
            drop_leading_furniture(body, &heads),
            "The council voted on Monday.\n\nBy the end of the year it will run."
        );
        // A body that is nothing but furniture is kept whole.
        let only = "Ferry link approved".to_string();
        assert_eq!(drop_leading_furniture(only.clone(), &heads), only);
    }

    #[test]
    fn json_ld_in_a_graph_with_author_objects() {
        let doc = Document::from(
            r#"<html lang="fr"><head><script type="application/ld+json">
            {"@graph": [{"@type": "WebSite", "name": "Site"},
                        {"@type": ["NewsArticle"], "headline": "Titre", "datePublished": "2020-06-21T20:00:00+02:00",
                         "author": {"@type": "Person", "name": "Anne Martin"}, "publisher": {"name": "Le Journal"}}]}
            </script></head><body></body></html>"#,
        );
        let m = page_meta(&doc);
        assert_eq!(m.title.as_deref(), Some("Titre"));
        assert_eq!(m.authors, vec!["Anne Martin"]);
        assert_eq!(m.published.as_deref(), Some("2020-06-21T20:00:00+02:00"));
        assert_eq!(m.outlet.as_deref(), Some("Le Journal"));
        assert_eq!(m.language.as_deref(), Some("fr"));
    }

    #[test]
    fn author_names_are_cleaned() {
        let raw = [
            "Amy Kuperinsky | NJ Advance Media for NJ.com",
            "Finian Cunningham. Sputnik International",
            "Sobre Carlos Nadalim",
            "Carlos Nadalim",
            "https://www.facebook.com/someone",
            "By J. R. Smith",
            "amy kuperinsky",
            "ROBERT BURNS, AP National Security Writer",
        ];
        assert_eq!(
            clean_authors(raw.iter().map(|s| s.to_string()).collect()),
            vec![
                "Amy Kuperinsky",
                "Finian Cunningham",
                "Carlos Nadalim",
                "J. R. Smith",
                "ROBERT BURNS"
            ]
        );
    }

    #[test]
    fn title_tag_loses_its_site_suffix() {
        assert_eq!(
            strip_site_suffix(
                "Ferry link approved by council | Harbour Times",
                Some("Harbour Times")
            ),
            "Ferry link approved by council"
        );
        assert_eq!(
            strip_site_suffix("Q&A - a long talk with the mayor about ferries", None),
            "Q&A - a long talk with the mayor about ferries"
        );
    }
}
