//! Markdown markup out of a `.md` body, before the other passes: what a
//! reader sees is kept, the syntax around it goes.
//!
//! The body is parsed with pulldown-cmark (CommonMark, with YAML front
//! matter, tables, strikethrough, footnotes and task lists), and the output
//! keeps, in source order, the text of every paragraph, heading, list item,
//! quotation, table cell and code span or block, plus every line break of
//! the source. So `# Title` becomes `Title`, `**Acme** said` becomes `Acme
//! said`, `[the plan](https://…)` becomes `the plan`, `> "Quote," she said`
//! becomes `"Quote," she said` and `- item` becomes `item`, each on the line
//! it had. Dropped whole: YAML front matter (ingest has read it into the
//! metadata), images with their alt text (a caption is not article text),
//! raw HTML, link targets and reference definitions.
//!
//! Line breaks are kept where they were, so the layout pass that follows
//! sees the same lines and paragraphs as in the source. Text that differs
//! from its source (an entity `&amp;`, an escaped `\*`) maps atomically to
//! it; everything else maps character to character.

use gleaner_core::{CharIndex, OffsetMap, OffsetMapBuilder};
use pulldown_cmark::{Event, Options, Parser, Tag, TagEnd};
use std::ops::Range;

/// The body without Markdown markup, with the map from its characters to
/// the body's.
pub(crate) fn strip(body: &str) -> (String, OffsetMap) {
    let index = CharIndex::new(body);
    let opts = Options::ENABLE_YAML_STYLE_METADATA_BLOCKS
        | Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_TASKLISTS;
    // Text pieces to keep (byte range in the body, text to write) and
    // stretches whose line breaks go too (front matter, images, raw HTML).
    let mut pieces: Vec<(Range<usize>, Option<String>)> = Vec::new();
    let mut skipped: Vec<Range<usize>> = Vec::new();
    // Depth inside constructs whose text is not article text, and whether
    // the metadata block being read is front matter (the file's start) or
    // a `---` … `---` stretch in the middle, which is text.
    let mut hidden = 0usize;
    let mut front_matter = false;
    for (event, range) in Parser::new_ext(body, opts).into_offset_iter() {
        match event {
            Event::Start(Tag::MetadataBlock(_)) => {
                front_matter = body.get(..range.start).is_some_and(|b| b.trim().is_empty());
                if front_matter {
                    hidden += 1;
                    skipped.push(range);
                }
            }
            Event::End(TagEnd::MetadataBlock(_)) => {
                if front_matter {
                    hidden = hidden.saturating_sub(1);
                }
                front_matter = false;
            }
            Event::Start(Tag::Image { .. }) => {
                hidden += 1;
                skipped.push(range);
            }
            Event::End(TagEnd::Image) => hidden = hidden.saturating_sub(1),
            // Table cells side by side would run together ("NameVotes").
            Event::End(TagEnd::TableCell) => {
                pieces.push((range.end..range.end, Some(" ".to_string())));
            }
            Event::Html(_) | Event::InlineHtml(_) => skipped.push(range),
            Event::Code(t) if hidden == 0 => {
                // `code`: the text inside the backticks, mapped 1:1 when the
                // source holds it as written.
                let src = body.get(range.clone()).unwrap_or("");
                let ticks = src.len() - src.trim_start_matches('`').len();
                let inner = ticks..src.len().saturating_sub(ticks);
                let at = src.get(inner.clone()).and_then(|x| x.find(&*t));
                match at {
                    Some(off) => {
                        let s = range.start + inner.start + off;
                        pieces.push((s..s + t.len(), None));
                    }
                    None => pieces.push((range, Some(t.into_string()))),
                }
            }
            Event::Text(t) if hidden == 0 => {
                let same = body.get(range.clone()) == Some(&*t);
                pieces.push((range, (!same).then(|| t.into_string())));
            }
            _ => {}
        }
    }
    // Line breaks outside the dropped stretches, as pieces of their own: a
    // "\n", or a lone "\r" (old Mac files), which CommonMark also reads as
    // a line ending.
    skipped.sort_by_key(|r| r.start);
    let bytes = body.as_bytes();
    let mut k = 0;
    for (i, &b) in bytes.iter().enumerate() {
        let lone_cr = b == b'\r' && bytes.get(i + 1) != Some(&b'\n');
        if b != b'\n' && !lone_cr {
            continue;
        }
        while skipped.get(k).is_some_and(|r| r.end <= i) {
            k += 1;
        }
        let inside = skipped.get(k).is_some_and(|r| r.start <= i && i < r.end);
        if !inside {
            pieces.push((i..i + 1, None));
        }
    }
    pieces.sort_by_key(|(r, _)| (r.start, r.end));

    let mut out = String::with_capacity(body.len());
    let mut map = OffsetMapBuilder::new();
    let mut done = 0usize; // bytes of the body already written or passed
    for (range, text) in pieces {
        if range.start < done {
            // A line break inside a code block's text, already written.
            continue;
        }
        let Some(src) = body.get(range.clone()) else {
            continue;
        };
        let start = index.char_of_byte(range.start);
        let len = index.char_of_byte(range.end) - start;
        // (An empty range with a text is an insertion: a cell separator.)
        match text {
            None => {
                out.push_str(src);
                map.keep(start, len);
            }
            Some(t) => {
                out.push_str(&t);
                map.replace(t.chars().count(), start, len);
            }
        }
        done = range.end;
    }
    let source_chars = index.char_of_byte(body.len());
    (out, map.finish(source_chars))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stripped(md: &str) -> String {
        strip(md).0
    }

    #[test]
    fn markup_goes_and_lines_stay() {
        let md = "---\ntitle: \"Ferry\"\nauthor: Ann Lee\n---\n\n# Ferry saved\n\n*By Ann Lee*\n\n\
                  The **Harbour Board** said on [Friday](https://x.test/f) it would keep the `night` route.\n\n\
                  ![A ferry at dusk](https://x.test/ferry.jpg)\n\n\
                  > \"We listened,\" said chair Tom Reyes.\n\n\
                  - Fares stay the same.\n- Timetables change in *June*.\n\n\
                  <div class=\"ad\">Subscribe</div>\n";
        let got = stripped(md);
        assert_eq!(
            got.split('\n')
                .filter(|l| !l.is_empty())
                .collect::<Vec<_>>(),
            [
                "Ferry saved",
                "By Ann Lee",
                "The Harbour Board said on Friday it would keep the night route.",
                "\"We listened,\" said chair Tom Reyes.",
                "Fares stay the same.",
                "Timetables change in June.",
            ]
        );
    }

    #[test]
    fn offsets_point_at_the_same_words_in_the_body() {
        let md = "Some **bold** and [a link](https://x.test) \u{e9}t\u{e9} &amp; \\*stars\\*.\nNext line.";
        let (text, map) = strip(md);
        assert_eq!(
            text,
            "Some bold and a link \u{e9}t\u{e9} & *stars*.\nNext line."
        );
        let tchars: Vec<char> = text.chars().collect();
        let bchars: Vec<char> = md.chars().collect();
        for word in ["bold", "a link", "\u{e9}t\u{e9}", "Next line"] {
            let byte = text.find(word).unwrap();
            let s = text[..byte].chars().count();
            let e = s + word.chars().count();
            let r = map.source_range(s..e);
            let src: String = bchars[r].iter().collect();
            assert_eq!(src, word);
            assert_eq!(tchars[s..e].iter().collect::<String>(), word);
        }
        // The entity maps to its whole source.
        let amp = text.chars().position(|c| c == '&').unwrap();
        let r = map.source_range(amp..amp + 1);
        assert_eq!(bchars[r].iter().collect::<String>(), "&amp;");
        assert_eq!(map.source_len(), bchars.len());
    }

    #[test]
    fn front_matter_only_at_the_start_tables_and_old_mac_line_ends() {
        // A `---` stretch in the middle is text, not front matter.
        let md = "Intro para.\n\n---\nUpdate, 5 p.m.: The council voted.\n---\n\nMore text.\n";
        assert!(stripped(md).contains("Update, 5 p.m.: The council voted."));
        // Table cells stay apart.
        let md = "| Name | Votes |\n|---|---|\n| Ann Lee | 12 |\n";
        let got = stripped(md);
        assert!(got.contains("Name Votes"), "{got:?}");
        assert!(got.contains("Ann Lee 12"), "{got:?}");
        // Lone CR line ends keep their lines apart.
        let md = "First line of text.\rSecond line here.\r\rNew para.";
        assert_eq!(
            stripped(md),
            "First line of text.\rSecond line here.\r\rNew para."
        );
        // Inline code maps 1:1 to the text inside its backticks.
        let md = "Run `night` buses.";
        let (text, map) = strip(md);
        assert_eq!(text, "Run night buses.");
        assert_eq!(map.source_range(4..9), 5..10);
    }

    #[test]
    fn code_blocks_and_plain_text_pass_through() {
        let plain = "A plain article.\nWith two lines, 5 * 3 = 15, and snake_case_names.\n";
        assert_eq!(stripped(plain), plain);
        let code = "Intro.\n\n```\nlet x = 1;\nlet y = 2;\n```\n\nAfter.\n";
        // The fence lines leave their line breaks (blank lines, which the
        // layout pass folds).
        assert_eq!(
            stripped(code),
            "Intro.\n\n\nlet x = 1;\nlet y = 2;\n\n\nAfter.\n"
        );
    }
}
