//! A linear-time pre-pass over HTML before it reaches the HTML5 parser: it
//! removes `<script>` (except JSON-LD), `<style>`, `<noscript>`,
//! `<template>` and comment contents, and caps element nesting at a fixed
//! depth by dropping start tags (and their end tags) beyond it.
//!
//! Browsers cap the DOM depth (Chromium at 512) because the HTML5 tree
//! builder's scope checks walk the stack of open elements: on 100,000 nested
//! `<div>`s that is quadratic, and recursive tree walks downstream overflow
//! the stack. The tag scanner here keeps its own stack of open elements that
//! never undercounts the parser's (it pops only on matching end tags and on
//! the implied ends the parser also performs), so the parser never sees a
//! tree deeper than the cap.

/// Deepest element nesting passed on to the parser.
pub const MAX_DEPTH: usize = 512;

/// How far down the stack an end tag looks for its start tag. A stray end
/// tag that matches nothing in reach is passed on unchanged (the parser
/// ignores it, stopping at the first special element).
const END_TAG_REACH: usize = 64;

const VOID: &[&str] = &[
    "area", "base", "br", "col", "embed", "hr", "img", "input", "keygen", "link", "meta", "param",
    "source", "track", "wbr", "basefont", "bgsound", "frame",
];

/// Elements whose content is dropped entirely.
const DROPPED: &[&str] = &["script", "style", "noscript", "template"];

/// Elements whose content is raw text (no tags inside).
const RAW: &[&str] = &["textarea", "title", "xmp", "iframe", "noembed", "noframes"];

/// Pops the elements that start tag `new` implicitly ends when they are the
/// current ones, as the HTML parser does (`<p>` after an open `<p>`, `<tr>`
/// after an open cell and row, …).
fn implied_ends(new: &str, stack: &mut Vec<Open>) {
    let pop_if = |stack: &mut Vec<Open>, names: &[&str]| {
        if stack
            .last()
            .is_some_and(|o| names.contains(&o.name.as_str()))
        {
            stack.pop();
        }
    };
    match new {
        "p" | "li" | "option" => pop_if(stack, &[new]),
        "dt" | "dd" => pop_if(stack, &["dt", "dd"]),
        "td" | "th" => pop_if(stack, &["td", "th"]),
        "tr" => {
            pop_if(stack, &["td", "th"]);
            pop_if(stack, &["tr"]);
        }
        "tbody" | "thead" | "tfoot" => {
            pop_if(stack, &["td", "th"]);
            pop_if(stack, &["tr"]);
            pop_if(stack, &["tbody", "thead", "tfoot"]);
        }
        _ => {}
    }
}

struct Open {
    name: String,
    dropped: bool,
}

/// Returns `html` without script/style contents and with nesting capped at
/// [`MAX_DEPTH`]. Runs in time linear in the input.
pub fn sanitize(html: &str) -> String {
    let bytes = html.as_bytes();
    let mut out = String::with_capacity(html.len());
    let mut stack: Vec<Open> = Vec::new();
    let mut foreign = 0usize; // depth inside <svg>/<math>
    let mut i = 0;
    let mut text_from = 0;
    while let Some(off) = memchr(bytes.get(i..).unwrap_or_default(), b'<') {
        let lt = i + off;
        let after = bytes.get(lt + 1).copied();
        // Comments, doctype and processing instructions.
        if html.get(lt..).is_some_and(|s| s.starts_with("<!--")) {
            out.push_str(html.get(text_from..lt).unwrap_or_default());
            let end = find(html, lt + 4, "-->").map_or(html.len(), |e| e + 3);
            i = end;
            text_from = end;
            continue;
        }
        let is_end = after == Some(b'/');
        let name_start = if is_end { lt + 2 } else { lt + 1 };
        if !bytes.get(name_start).is_some_and(u8::is_ascii_alphabetic) {
            i = lt + 1;
            continue;
        }
        let name_end = bytes
            .get(name_start..)
            .unwrap_or_default()
            .iter()
            .position(|b| b.is_ascii_whitespace() || *b == b'>' || *b == b'/')
            .map_or(bytes.len(), |p| name_start + p);
        let name = html
            .get(name_start..name_end)
            .unwrap_or_default()
            .to_ascii_lowercase();
        let tag_end = tag_end(bytes, name_end);
        let tag = html.get(lt..tag_end).unwrap_or_default();
        out.push_str(html.get(text_from..lt).unwrap_or_default());
        i = tag_end;
        text_from = tag_end;
        if is_end {
            let reach = stack.len().saturating_sub(END_TAG_REACH);
            let found = stack
                .get(reach..)
                .and_then(|top| top.iter().rposition(|o| o.name == name))
                .map(|p| reach + p);
            match found {
                Some(pos) => {
                    let dropped = stack.get(pos).is_some_and(|o| o.dropped);
                    for o in stack.drain(pos..) {
                        if o.name == "svg" || o.name == "math" {
                            foreign = foreign.saturating_sub(1);
                        }
                    }
                    if !dropped {
                        out.push_str(tag);
                    }
                }
                _ => out.push_str(tag),
            }
            continue;
        }
        if DROPPED.contains(&name.as_str()) {
            let close = format!("</{name}");
            let content_end = find_ci(html, tag_end, &close).unwrap_or(html.len());
            let keep = name == "script" && tag.to_ascii_lowercase().contains("ld+json");
            if keep {
                out.push_str(tag);
                out.push_str(html.get(tag_end..content_end).unwrap_or_default());
                out.push_str(&format!("</{name}>"));
            }
            let end = if content_end < html.len() {
                tag_end_after_name(bytes, content_end + close.len())
            } else {
                html.len()
            };
            i = end;
            text_from = end;
            continue;
        }
        if RAW.contains(&name.as_str()) {
            let close = format!("</{name}");
            let content_end = find_ci(html, tag_end, &close).unwrap_or(html.len());
            let end = if content_end < html.len() {
                tag_end_after_name(bytes, content_end + close.len())
            } else {
                html.len()
            };
            if stack.len() < MAX_DEPTH {
                out.push_str(html.get(lt..end).unwrap_or_default());
            } else {
                out.push_str(html.get(tag_end..content_end).unwrap_or_default());
            }
            i = end;
            text_from = end;
            continue;
        }
        let self_closing = tag.ends_with("/>");
        if VOID.contains(&name.as_str()) || (self_closing && foreign > 0) {
            out.push_str(tag);
            continue;
        }
        implied_ends(&name, &mut stack);
        let dropped = stack.len() >= MAX_DEPTH;
        if !dropped {
            out.push_str(tag);
        }
        if name == "svg" || name == "math" {
            foreign += 1;
        }
        stack.push(Open { name, dropped });
    }
    out.push_str(html.get(text_from..).unwrap_or_default());
    out
}

fn memchr(hay: &[u8], b: u8) -> Option<usize> {
    hay.iter().position(|&x| x == b)
}

fn find(hay: &str, from: usize, needle: &str) -> Option<usize> {
    hay.get(from..)?.find(needle).map(|p| from + p)
}

/// Case-insensitive search for an ASCII `needle` (lowercase) from `from`.
fn find_ci(hay: &str, from: usize, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let h = hay.as_bytes();
    let first = *n.first()?;
    let mut i = from;
    while i + n.len() <= h.len() {
        let off = memchr(h.get(i..)?, first)?;
        let at = i + off;
        if h.get(at..at + n.len())
            .is_some_and(|w| w.eq_ignore_ascii_case(n))
        {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// End (exclusive) of a tag whose name ends at `from`: past the `>` that is
/// not inside a quoted attribute value, or the end of input.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote: Option<u8> = None;
    let mut i = from;
    while let Some(&b) = bytes.get(i) {
        match (quote, b) {
            (None, b'"' | b'\'') => quote = Some(b),
            (Some(q), _) if b == q => quote = None,
            (None, b'>') => return i + 1,
            _ => {}
        }
        i += 1;
    }
    bytes.len()
}

/// End of a closing tag like `</script  >` whose name ends at `from`.
fn tag_end_after_name(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .unwrap_or_default()
        .iter()
        .position(|&b| b == b'>')
        .map_or(bytes.len(), |p| from + p + 1)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn scripts_and_styles_go_json_ld_stays() {
        let s = sanitize(
            "<head><script>var a = '<p>x</p>';</script><STYLE>p{}</STYLE><script type=\"application/ld+json\">{\"a\":1}</script></head><p>Hi<!-- <div> --></p>",
        );
        assert_eq!(
            s,
            "<head><script type=\"application/ld+json\">{\"a\":1}</script></head><p>Hi</p>"
        );
    }

    #[test]
    fn nesting_is_capped() {
        let depth = 5000;
        let html = format!(
            "{}<p>deep</p>{}",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let s = sanitize(&html);
        assert_eq!(s.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(s.matches("</div>").count(), MAX_DEPTH);
        assert!(s.contains("deep"));
        // Stray end tags do not unwind the stack from far below.
        let html = format!(
            "{}<p>x</p>{}",
            "<div>".repeat(depth),
            "</span>".repeat(depth)
        );
        assert_eq!(sanitize(&html).matches("<div>").count(), MAX_DEPTH);
        // Self-closing HTML elements still open (as in the HTML parser).
        let s = sanitize(&"<div/>".repeat(depth));
        assert_eq!(s.matches("<div/>").count(), MAX_DEPTH);
    }

    #[test]
    fn unclosed_paragraphs_do_not_count_as_nesting() {
        let html = "<p>para ".repeat(2000);
        assert_eq!(sanitize(&html), html);
        let rows = "<tr><td>a<td>b".repeat(2000);
        let html = format!("<table>{rows}</table>");
        assert_eq!(sanitize(&html), html);
    }

    #[test]
    fn ordinary_html_is_unchanged() {
        let html = "<!DOCTYPE html><html><body><svg><path d='M0 0'/></svg><a href=\"x>y\">link</a> 3 < 4 <br><img src=a></body></html>";
        assert_eq!(sanitize(html), html);
    }

    proptest! {
        #[test]
        fn sanitize_never_panics(s in "(<[/!a-z]{0,4}[ a-z=\"'>/-]{0,4}|[a-z<>&;é ]){0,200}") {
            let _ = sanitize(&s);
        }
    }
}
