//! Markdown escaping for article text: whatever an article's title, quotes
//! or an analyzer's strings contain, they render as the same characters and
//! never as headings, lists, tables, links, HTML or emphasis.
//!
//! Everything here works on one line: [`inline`] folds whitespace (newlines
//! included) into single spaces and drops control characters, so a value
//! can never break out of its table cell, list item or heading.

/// Characters escaped wherever they appear. `&` is handled apart (only when
/// it would start an entity).
const SPECIAL: &[char] = &[
    '\\', '`', '*', '_', '[', ']', '<', '>', '|', '#', '~', '!', '{', '}',
];

/// Escapes `s` for use inside a line: whitespace runs become one space,
/// control characters are dropped, Markdown punctuation is backslashed.
pub fn inline(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 8);
    let mut pending_space = false;
    let chars: Vec<char> = s.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
            continue;
        }
        if c.is_control() || is_invisible_format(c) {
            continue;
        }
        if pending_space {
            out.push(' ');
            pending_space = false;
        }
        if SPECIAL.contains(&c) || (c == '&' && starts_entity(chars.get(i + 1..).unwrap_or(&[]))) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// Like [`inline`], and also safe at the start of a line: a leading `-`,
/// `+`, `=` or `1. ` can not turn the line into a list or a heading
/// underline.
pub fn line_start(s: &str) -> String {
    let mut out = inline(s);
    let first = out.chars().next();
    match first {
        Some('-' | '+' | '=') => out.insert(0, '\\'),
        Some(c) if c.is_ascii_digit() => {
            let digits = out.bytes().take_while(u8::is_ascii_digit).count();
            let marker = matches!(out.as_bytes().get(digits), Some(b'.' | b')'));
            let then_space = matches!(out.as_bytes().get(digits + 1), None | Some(b' '));
            if marker && then_space {
                out.insert(digits, '\\');
            }
        }
        _ => {}
    }
    out
}

/// `s` as an inline code span, whatever backticks it contains; whitespace
/// folded as in [`inline`].
pub fn code(s: &str) -> String {
    let folded: String = s
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .chars()
        .filter(|c| !c.is_control() && !is_invisible_format(*c))
        .collect();
    if folded.is_empty() {
        return "` `".to_string();
    }
    let longest = longest_run(&folded, '`');
    let fence = "`".repeat(longest + 1);
    let pad = if folded.starts_with('`') || folded.ends_with('`') {
        " "
    } else {
        ""
    };
    format!("{fence}{pad}{folded}{pad}{fence}")
}

/// A link destination for a file name: percent-encodes everything except
/// ASCII letters, digits and `-_.~`.
pub fn link_target(file_name: &str) -> String {
    let mut out = String::with_capacity(file_name.len());
    for b in file_name.bytes() {
        if b.is_ascii_alphanumeric() || b"-_.~".contains(&b) {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// An `http(s)` URL as an autolink when it is safe to (no spaces, no angle
/// brackets), else the escaped text.
pub fn url(u: &str) -> String {
    let lower = u.to_ascii_lowercase();
    let web = lower.starts_with("http://") || lower.starts_with("https://");
    let clean = !u
        .chars()
        .any(|c| c.is_whitespace() || c.is_control() || c == '<' || c == '>');
    if web && clean {
        format!("<{u}>")
    } else {
        inline(u)
    }
}

/// `s` cut to at most `max` characters, with `…` when cut.
pub fn truncate(s: &str, max: usize) -> String {
    if s.chars().count() <= max {
        return s.to_string();
    }
    let mut out: String = s.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

fn longest_run(s: &str, c: char) -> usize {
    let mut best = 0;
    let mut run = 0;
    for ch in s.chars() {
        if ch == c {
            run += 1;
            best = best.max(run);
        } else {
            run = 0;
        }
    }
    best
}

/// Zero-width and bidi control characters that would hide or reorder text.
fn is_invisible_format(c: char) -> bool {
    matches!(c, '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{FEFF}')
}

/// True when the characters after an `&` would make an HTML entity
/// (`amp;`, `#39;`, `#x27;`).
fn starts_entity(rest: &[char]) -> bool {
    let name_len = rest
        .iter()
        .take(32)
        .take_while(|c| c.is_ascii_alphanumeric() || **c == '#')
        .count();
    name_len > 0 && rest.get(name_len) == Some(&';')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_escapes_markdown_punctuation() {
        assert_eq!(inline("a|b"), "a\\|b");
        assert_eq!(inline("*bold* _it_"), "\\*bold\\* \\_it\\_");
        assert_eq!(inline("[x](y)"), "\\[x\\](y)");
        assert_eq!(inline("<script>"), "\\<script\\>");
        assert_eq!(inline("# Title #"), "\\# Title \\#");
        assert_eq!(inline("`code`"), "\\`code\\`");
        assert_eq!(inline("back\\slash"), "back\\\\slash");
        assert_eq!(inline("![img](x)"), "\\!\\[img\\](x)");
    }

    #[test]
    fn inline_folds_lines_and_drops_controls() {
        assert_eq!(inline("  one\n\n  two\tthree \r\n"), "one two three");
        assert_eq!(inline("a\u{1b}[31mred\u{7}"), "a\\[31mred");
        assert_eq!(inline("a\0b"), "ab");
        assert_eq!(inline("ab\u{202E}cd\u{200B}"), "abcd");
    }

    #[test]
    fn ampersands_are_escaped_only_before_an_entity() {
        assert_eq!(inline("AT&T & co"), "AT&T & co");
        assert_eq!(inline("&amp; &#39;"), "\\&amp; \\&\\#39;");
    }

    #[test]
    fn line_start_defuses_block_markers() {
        assert_eq!(line_start("- not a list"), "\\- not a list");
        assert_eq!(line_start("+1"), "\\+1");
        assert_eq!(line_start("==="), "\\===");
        assert_eq!(line_start("1999. A year"), "1999\\. A year");
        assert_eq!(line_start("3) three"), "3\\) three");
        assert_eq!(line_start("1999 was a year"), "1999 was a year");
        assert_eq!(line_start("61.5"), "61.5");
        assert_eq!(line_start("7."), "7\\.");
        assert_eq!(line_start("> quote"), "\\> quote");
    }

    #[test]
    fn code_spans_survive_backticks() {
        assert_eq!(code("a.txt"), "`a.txt`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x`"), "`` `x` ``");
        assert_eq!(code(""), "` `");
        assert_eq!(code("two\nlines"), "`two lines`");
    }

    #[test]
    fn link_targets_are_percent_encoded() {
        assert_eq!(link_target("a-b_c.md"), "a-b_c.md");
        assert_eq!(link_target("a b(1).md"), "a%20b%281%29.md");
        assert_eq!(link_target("é.md"), "%C3%A9.md");
    }

    #[test]
    fn urls_autolink_only_when_safe() {
        assert_eq!(url("https://x.example/a"), "<https://x.example/a>");
        assert_eq!(url("javascript:alert(1)"), "javascript:alert(1)");
        assert_eq!(url("https://x.example/a b>"), "https://x.example/a b\\>");
    }

    #[test]
    fn truncate_counts_characters() {
        assert_eq!(truncate("héllo", 10), "héllo");
        assert_eq!(truncate("héllo wörld", 6), "héllo…");
    }
}
