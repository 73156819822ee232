//! Metadata of plain-text and Markdown articles, read from the top of the
//! file: the title (first non-empty line, or a Markdown heading or front
//! matter), a byline ("By Jane Doe", or a bare name line directly above a
//! date line) and a publication date line.

use gleaner_core::Meta;
use gleaner_datelines::{normalize_date, parse_date_line};

/// How many non-empty lines after the title are searched for a byline and a
/// date; articles put them right under the headline and standfirst.
const HEAD_LINES: usize = 12;

/// Longest line taken as a title, in characters.
const MAX_TITLE_CHARS: usize = 300;

/// Reads title, authors and publication date from the top of `text`. Only
/// the first few lines are looked at, so this is O(1) in the file size.
pub fn text_meta(text: &str, markdown: bool) -> Meta {
    let mut meta = Meta::default();
    let mut lines = text.lines().map(str::trim).filter(|l| !l.is_empty());
    // Markdown front matter: `---`, `key: value` lines, `---`.
    let mut pending: Vec<&str> = Vec::new();
    if markdown && text.trim_start().starts_with("---") {
        lines.next();
        for line in lines.by_ref().take(40) {
            if line == "---" || line == "..." {
                break;
            }
            front_matter_line(line, &mut meta);
        }
    }
    if meta.title.is_none() {
        for line in lines.by_ref() {
            let line = if markdown { strip_markdown(line) } else { line };
            if line.is_empty() {
                continue;
            }
            if is_title(line) {
                meta.title = Some(line.to_string());
            } else {
                // Not a headline (the file starts with body text): still
                // look for a byline and date from this line on.
                pending.push(line);
            }
            break;
        }
    }
    let head: Vec<&str> = pending
        .into_iter()
        .chain(lines.take(HEAD_LINES))
        .map(|l| if markdown { strip_markdown(l) } else { l })
        .collect();
    for (i, line) in head.iter().enumerate() {
        if meta.published.is_none() {
            if let Some(d) = parse_date_line(line) {
                meta.published = Some(d);
                if meta.authors.is_empty() && i > 0 {
                    if let Some(prev) = head.get(i - 1) {
                        if looks_like_name(prev) {
                            meta.authors = vec![(*prev).to_string()];
                        }
                    }
                }
                // The same line may carry the byline too: "By Ann Lee and
                // Bo Park | Published 12 March 2024".
            }
        }
        if meta.authors.is_empty() {
            if let Some(authors) = byline(line) {
                meta.authors = authors;
            }
        }
    }
    meta
}

/// A headline is one line, not too long, and not a paragraph of running
/// text (many words ending in a full stop).
fn is_title(line: &str) -> bool {
    let words = line.split_whitespace().count();
    line.chars().count() <= MAX_TITLE_CHARS && !(line.ends_with('.') && words > 25)
}

fn strip_markdown(line: &str) -> &str {
    let l = line.trim_start_matches('#').trim();
    let l = l
        .strip_prefix("**")
        .and_then(|x| x.strip_suffix("**"))
        .unwrap_or(l);
    let l = l
        .strip_prefix('*')
        .and_then(|x| x.strip_suffix('*'))
        .unwrap_or(l);
    let l = l
        .strip_prefix('_')
        .and_then(|x| x.strip_suffix('_'))
        .unwrap_or(l);
    l.trim()
}

fn front_matter_line(line: &str, meta: &mut Meta) {
    let Some((k, v)) = line.split_once(':') else {
        return;
    };
    let v = yaml_scalar(v);
    let v = v.trim();
    if v.is_empty() {
        return;
    }
    match k.trim().to_ascii_lowercase().as_str() {
        "title" => meta.title = Some(v.to_string()),
        "author" | "authors" | "byline" => {
            let v = v.trim_start_matches('[').trim_end_matches(']');
            meta.authors = split_authors(v);
        }
        "date" | "published" | "pubdate" => meta.published = normalize_date(v),
        "url" | "canonical" => meta.url = Some(v.to_string()),
        "outlet" | "source" | "site" | "publisher" => meta.outlet = Some(v.to_string()),
        "lang" | "language" => meta.language = Some(v.to_string()),
        _ => {}
    }
}

/// The value of a one-line YAML scalar: a double-quoted string loses its
/// quotes and keeps the single quotes inside (`"'Hi': a talk"` is `'Hi': a
/// talk`), with its escapes read (`\"`, `\\`, `\n`, `\t`, `\uXXXX`); a
/// single-quoted string loses its quotes and reads `''` as one `'`; a plain
/// scalar loses a trailing ` # comment`. A quote that is not closed at the
/// end of the line is text.
fn yaml_scalar(v: &str) -> String {
    let v = v.trim();
    let uncommented = v
        .find(" #")
        .map_or(v, |at| v.get(..at).unwrap_or(v).trim_end());
    quoted_scalar(v)
        .or_else(|| quoted_scalar(uncommented))
        .unwrap_or_else(|| uncommented.to_string())
}

/// A whole double- or single-quoted YAML scalar, unquoted (see
/// [`yaml_scalar`]); `None` when `v` is not one.
fn quoted_scalar(v: &str) -> Option<String> {
    if let Some(inner) = v
        .strip_prefix('"')
        .and_then(|x| x.strip_suffix('"'))
        // The closing quote must not be escaped (an even run of `\` before it).
        .filter(|x| (x.len() - x.trim_end_matches('\\').len()) % 2 == 0)
    {
        let mut out = String::with_capacity(inner.len());
        let mut chars = inner.chars();
        while let Some(c) = chars.next() {
            if c != '\\' {
                out.push(c);
                continue;
            }
            match chars.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('u') => {
                    let hex: String = chars.by_ref().take(4).collect();
                    match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                        Some(ch) => out.push(ch),
                        None => {
                            out.push_str("\\u");
                            out.push_str(&hex);
                        }
                    }
                }
                // `\"`, `\\`, `\/` and any other escaped character.
                Some(other) => out.push(other),
                None => out.push('\\'),
            }
        }
        return Some(out);
    }
    v.strip_prefix('\'')
        .and_then(|x| x.strip_suffix('\''))
        .map(|inner| inner.replace("''", "'"))
}

/// Authors from a byline such as "By Jane Doe and John Roe" or "Words by Jane
/// Doe | Reuters"; `None` when the line is not a byline.
pub fn byline(line: &str) -> Option<Vec<String>> {
    let lower = line.to_lowercase();
    let rest = [
        "by ",
        "words by ",
        "written by ",
        "reporting by ",
        "author: ",
        "authors: ",
    ]
    .iter()
    .find_map(|p| lower.starts_with(p).then(|| line.get(p.len()..)))
    .flatten()?;
    // Cut a trailing date, outlet or role: "By Jane Doe | Feb 19, 2019".
    let rest = rest
        .split(['|', '•', '·', '—', '–', '\u{2009}'])
        .next()
        .unwrap_or_default()
        .split(" - ")
        .next()
        .unwrap_or_default();
    let rest = strip_role(rest);
    let names = split_authors(rest);
    (!names.is_empty() && names.iter().all(|n| looks_like_name(n))).then_some(names)
}

/// Cuts a role or place after a comma: "Jane Doe, Business Correspondent",
/// "Jane Doe, in Paris", "JANE DOE, AP National Security Writer".
pub fn strip_role(name: &str) -> &str {
    name.split_once(", ")
        .filter(|(_, tail)| {
            let t = tail.trim().to_lowercase();
            [
                "correspondent",
                "reporter",
                "editor",
                "writer",
                "columnist",
                "staff",
            ]
            .iter()
            .any(|r| t.ends_with(r))
                || t.starts_with("in ")
                || t.starts_with("for ")
        })
        .map_or(name, |(head, _)| head)
}

/// Splits "A, B and C" / "A & B" / "A; B" into names.
pub fn split_authors(s: &str) -> Vec<String> {
    s.split([',', ';', '&'])
        .flat_map(|p| p.split(" and "))
        .map(|p| p.trim().trim_matches(|c| c == '"' || c == '\'').trim())
        .filter(|p| !p.is_empty())
        .map(str::to_string)
        .collect()
}

/// A bare person's name: two to five words, each starting with an upper-case
/// letter (allowing particles such as "de", "van", "bin"), no digits and no
/// sentence punctuation.
pub fn looks_like_name(line: &str) -> bool {
    const PARTICLES: &[&str] = &[
        "de", "da", "del", "der", "van", "von", "bin", "al", "la", "le", "di", "du",
    ];
    let words: Vec<&str> = line.split_whitespace().collect();
    if !(2..=5).contains(&words.len()) || line.chars().count() > 60 {
        return false;
    }
    if line
        .chars()
        .any(|c| c.is_ascii_digit() || matches!(c, '!' | '?' | ':' | '"' | ',' | ';' | '|'))
    {
        return false;
    }
    let capitalized = |w: &str| w.chars().next().is_some_and(char::is_uppercase);
    let all_caps = words.iter().all(|w| !w.chars().any(char::is_lowercase));
    !all_caps
        && words.first().is_some_and(|w| capitalized(w))
        && words.last().is_some_and(|w| capitalized(w))
        && words
            .iter()
            .all(|w| capitalized(w) || PARTICLES.contains(&w.to_lowercase().as_str()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn headline_name_and_date_lines() {
        let text = "Harbour council approves new ferry link\n\nThe vote ends a decade of delays.\n\nMarta Olsen\nTuesday 19 February 2019 09:19 EST\nComments\nThe council voted on Tuesday...\n";
        let m = text_meta(text, false);
        assert_eq!(
            m.title.as_deref(),
            Some("Harbour council approves new ferry link")
        );
        assert_eq!(m.authors, vec!["Marta Olsen"]);
        assert_eq!(m.published.as_deref(), Some("2019-02-19T09:19:00-05:00"));
    }

    #[test]
    fn one_line_with_byline_and_date() {
        let text = "Regulators probe a chipmaker\n\nBy Ann Lee and Bo Park | Published 12 March 2024, 14:05 GMT | Updated 12 March 2024, 16:40 GMT\n\nThe body.\n";
        let m = text_meta(text, false);
        assert_eq!(m.authors, vec!["Ann Lee", "Bo Park"]);
        assert_eq!(m.published.as_deref(), Some("2024-03-12T14:05:00+00:00"));
    }

    #[test]
    fn by_lines() {
        assert_eq!(byline("By Jane Doe"), Some(vec!["Jane Doe".to_string()]));
        assert_eq!(
            byline("By Jane Doe and Omar al Rashid | Reuters"),
            Some(vec!["Jane Doe".to_string(), "Omar al Rashid".to_string()])
        );
        assert_eq!(
            byline("By Jane Doe, Business Correspondent"),
            Some(vec!["Jane Doe".to_string()])
        );
        assert_eq!(byline("By the end of the year prices rose."), None);
        assert_eq!(byline("Bystanders said nothing"), None);
    }

    #[test]
    fn body_first_files_have_no_title() {
        let long = "In a long opening paragraph that goes on and on, the reporter explains at length what happened in the town hall on Monday, who spoke, who left early, and why the vote matters for the harbour and the ferry company.";
        let m = text_meta(&format!("{long}\n\nMore text.\n"), false);
        assert_eq!(m.title, None);
    }

    #[test]
    fn a_bare_name_is_a_byline_only_above_a_date() {
        let m = text_meta(
            "Headline here\n\nTrump Ren Zhengfei\n\nBody text follows.\n",
            false,
        );
        assert!(m.authors.is_empty());
    }

    #[test]
    fn markdown_headings_and_front_matter() {
        let m = text_meta(
            "# Ferry link approved\n\n*By Jane Doe*\n\n2020-05-01\n\nText.",
            true,
        );
        assert_eq!(m.title.as_deref(), Some("Ferry link approved"));
        assert_eq!(m.authors, vec!["Jane Doe"]);
        assert_eq!(m.published.as_deref(), Some("2020-05-01"));
        let m = text_meta(
            "---\ntitle: \"Ferry link\"\nauthor: Jane Doe, John Roe\ndate: 2020-05-01T10:00:00Z\n---\n\nBody.",
            true,
        );
        assert_eq!(m.title.as_deref(), Some("Ferry link"));
        assert_eq!(m.authors, vec!["Jane Doe", "John Roe"]);
        assert_eq!(m.published.as_deref(), Some("2020-05-01T10:00:00Z"));
    }

    #[test]
    fn front_matter_strings_keep_their_inner_quotes() {
        let title =
            |fm: &str| text_meta(&format!("---\n{fm}\nauthor: Jane Doe\n---\n\nBody."), true).title;
        assert_eq!(
            title("title: \"'Keep the ferry': a harbour town fights back\"").as_deref(),
            Some("'Keep the ferry': a harbour town fights back")
        );
        assert_eq!(
            title("title: 'The mayor''s \"last\" budget'").as_deref(),
            Some("The mayor's \"last\" budget")
        );
        assert_eq!(
            title("title: \"A \\\"quoted\\\" word \\u00e9t\\u00e9\"").as_deref(),
            Some("A \"quoted\" word \u{e9}t\u{e9}")
        );
        assert_eq!(
            title("title: Harbour's plan # draft").as_deref(),
            Some("Harbour's plan")
        );
        assert_eq!(
            title("title: 'Unclosed quote").as_deref(),
            Some("'Unclosed quote")
        );
        assert_eq!(
            title("title: \"'Tis the season\" # festive").as_deref(),
            Some("'Tis the season")
        );
    }

    proptest! {
        #[test]
        fn text_meta_never_panics(s in "\\PC{0,400}") {
            let _ = text_meta(&s, false);
            let _ = text_meta(&s, true);
        }
    }
}
