//! End-to-end tests of `ingest_file`/`ingest_bytes` on the fixtures in
//! `tests/fixtures/` (all written for this crate) and on generated hostile
//! input.

use gleaner_core::{Document, Format};
use gleaner_ingest::{ingest_bytes, ingest_file, is_supported, IngestError, IngestOptions};
use proptest::prelude::*;
use std::path::{Path, PathBuf};

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(name)
}

fn one(name: &str) -> Document {
    let mut out = ingest_file(&fixture(name), "fixtures/x", &IngestOptions::default());
    assert_eq!(out.len(), 1, "{name}");
    match out.pop() {
        Some(Ok(d)) => d,
        Some(Err(e)) => panic!("{name}: {e}"),
        None => unreachable!(),
    }
}

fn err(name: &str) -> IngestError {
    let mut out = ingest_file(&fixture(name), "x", &IngestOptions::default());
    assert_eq!(out.len(), 1, "{name}");
    match out.pop() {
        Some(Err(e)) => e,
        other => panic!("{name}: expected an error, got {other:?}"),
    }
}

#[test]
fn plain_text_article() {
    let d = one("article.txt");
    assert_eq!(d.id, "fixtures/x");
    assert_eq!(d.source.format, Format::Txt);
    assert_eq!(d.source.encoding.as_deref(), Some("UTF-8"));
    assert!(d.source.hash.starts_with("sha256:") && d.source.hash.len() == 7 + 64);
    assert_eq!(d.source.path, fixture("article.txt").to_string_lossy());
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Harbour council backs ferry link after decade of delays")
    );
    assert_eq!(d.meta.authors, vec!["Marta Olsen"]);
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2019-02-19T09:19:00-05:00")
    );
    assert_eq!(d.published_date(), Some("2019-02-19"));
    let raw = std::fs::read_to_string(fixture("article.txt")).unwrap();
    assert_eq!(d.body, raw);
    assert_eq!(d.text, d.body);
}

#[test]
fn markdown_byline_and_published_line() {
    let d = one("byline.md");
    assert_eq!(d.source.format, Format::Md);
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Night trains return to the northern line")
    );
    assert_eq!(d.meta.authors, vec!["Jane Doe", "Omar al Rashid"]);
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2021-03-03T18:30:00-05:00")
    );
}

#[test]
fn html_article_body_and_metadata() {
    let d = one("article.html");
    assert_eq!(d.source.format, Format::Html);
    let m = &d.meta;
    assert_eq!(
        m.title.as_deref(),
        Some("Island ferry link approved after decade of delays")
    );
    assert_eq!(m.authors, vec!["Marta Olsen", "Luis Ferreira"]);
    assert_eq!(m.published.as_deref(), Some("2019-02-19T09:19:00-05:00"));
    assert_eq!(m.outlet.as_deref(), Some("The Harbour Times"));
    assert_eq!(
        m.url.as_deref(),
        Some("https://harbour.example/news/ferry-link")
    );
    assert_eq!(m.language.as_deref(), Some("en-GB"));
    for kept in [
        "voted nine to four on Monday",
        "We have waited long enough",
        "start building the new pier",
        "review the decision before any contract is signed",
    ] {
        assert!(d.body.contains(kept), "missing {kept:?} in {:?}", d.body);
    }
    for dropped in [
        "SCRIPT TEXT",
        "font-family",
        "Advertisement",
        "Weather",
        "Reader42",
        "Who is going to pay",
        "All rights reserved",
        "Bridge plan shelved",
    ] {
        assert!(
            !d.body.contains(dropped),
            "boilerplate {dropped:?} in {:?}",
            d.body
        );
    }
    assert!(
        d.body.contains("\n\n"),
        "paragraphs are separated by blank lines"
    );
}

#[test]
fn html_declared_latin1_is_honoured() {
    let d = one("latin1.html");
    assert_eq!(d.source.encoding.as_deref(), Some("windows-1252"));
    assert!(d.body.contains("La fête de la musique"), "{}", d.body);
    assert!(d.body.contains("événement"));
    assert_eq!(d.meta.title.as_deref(), Some("Fête de la musique"));
}

#[test]
fn windows_1252_text() {
    let d = one("cp1252.txt");
    assert_eq!(d.source.encoding.as_deref(), Some("windows-1252"));
    assert_eq!(
        d.meta.title.as_deref(),
        Some("Café owners protest new terrace fees")
    );
    assert_eq!(d.meta.authors, vec!["Renée Dubois"]);
    assert_eq!(d.meta.published.as_deref(), Some("2020-03-12"));
    assert!(d.body.contains("“unfair” – and") && d.body.contains("€300"));
}

#[test]
fn utf16_with_bom() {
    let d = one("utf16le.txt");
    assert_eq!(d.source.encoding.as_deref(), Some("UTF-16LE"));
    assert_eq!(d.meta.title.as_deref(), Some("Snow closes mountain pass"));
    assert_eq!(d.meta.authors, vec!["Jürgen Weiß"]);
    assert_eq!(d.meta.published.as_deref(), Some("2021-01-15"));
    assert!(!d.body.starts_with('\u{FEFF}'));
    let d = one("utf16be.md");
    assert_eq!(d.source.encoding.as_deref(), Some("UTF-16BE"));
    assert_eq!(d.meta.title.as_deref(), Some("Snow closes mountain pass"));
}

#[test]
fn json_article() {
    let d = one("article.json");
    assert_eq!(d.id, "harbour/2019/ferry-link");
    assert_eq!(d.source.format, Format::Json);
    assert_eq!(d.source.line, None);
    assert!(d.body.starts_with("The Harbour council voted"));
    assert_eq!(
        d.meta.published.as_deref(),
        Some("2019-02-19T09:19:00-05:00")
    );
    assert_eq!(d.meta.authors, vec!["Marta Olsen", "Luis Ferreira"]);
    assert_eq!(d.meta.outlet.as_deref(), Some("The Harbour Times"));
}

#[test]
fn json_without_id_uses_id_base() {
    let out = ingest_bytes(
        Path::new("in/a.json"),
        "in/a",
        br#"{"text": "Some words."}"#,
        &IngestOptions::default(),
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].as_ref().unwrap().id, "in/a");
}

#[test]
fn jsonl_articles_fail_line_by_line() {
    let out = ingest_file(
        &fixture("articles.jsonl"),
        "feeds/day",
        &IngestOptions::default(),
    );
    assert_eq!(out.len(), 7, "blank line 3 is skipped");
    let d1 = out[0].as_ref().unwrap();
    assert_eq!((d1.id.as_str(), d1.source.line), ("a-1", Some(1)));
    assert_eq!(d1.meta.published.as_deref(), Some("2019-03-01T08:00:00Z"));
    assert_eq!(d1.meta.authors, vec!["Marta Olsen"]);
    assert_eq!(d1.meta.outlet.as_deref(), Some("Harbour Times"));
    let d2 = out[1].as_ref().unwrap();
    assert_eq!((d2.id.as_str(), d2.source.line), ("feeds/day-2", Some(2)));
    assert_eq!(d2.meta.published.as_deref(), Some("2019-03-02"));
    let d4 = out[2].as_ref().unwrap();
    assert_eq!(
        (d4.id.as_str(), d4.body.as_str()),
        ("a-3", "Body field instead of text.")
    );
    assert_eq!(d4.source.line, Some(4));
    let path = fixture("articles.jsonl");
    let e5 = out[3].as_ref().unwrap_err();
    assert!(matches!(e5, IngestError::Json { .. }));
    assert!(
        e5.to_string()
            .starts_with(&format!("{}:5: malformed JSON", path.display())),
        "{e5}"
    );
    // The file's line only: the parser's own "line 1" is left out.
    assert!(!e5.to_string().contains("line 1"), "{e5}");
    assert!(e5.to_string().contains(" at column "), "{e5}");
    let e6 = out[4].as_ref().unwrap_err();
    assert!(matches!(e6, IngestError::NoText { .. }));
    assert!(e6.to_string().contains(":6: "), "{e6}");
    let e7 = out[5].as_ref().unwrap_err();
    assert!(matches!(e7, IngestError::BadId { .. }), "{e7}");
    assert!(e7.to_string().contains(":7: bad id") && e7.to_string().contains("U+0007"));
    let d8 = out[6].as_ref().unwrap();
    assert_eq!(d8.id, "a-7");
    assert_eq!(d8.meta.published, None, "unreadable dates are dropped");
    // All documents of a file share its hash.
    assert_eq!(d1.source.hash, d8.source.hash);
}

#[test]
fn a_news_api_export_is_one_document_per_article() {
    let export = br#"{"status":"ok","articles":[
        {"title":"Ferry saved","publishedAt":"2024-05-13T10:00:00Z","content":"The ferry was saved on Monday."},
        {"title":"No text here"},
        {"id":"kept-id","title":"Fares rise","description":"Fares will rise in June."}]}"#;
    let out = ingest_bytes(
        std::path::Path::new("feeds/export.json"),
        "feeds/export",
        export,
        &IngestOptions::default(),
    );
    assert_eq!(out.len(), 3);
    let d1 = out[0].as_ref().unwrap();
    assert_eq!(d1.id, "feeds/export-1");
    assert_eq!(d1.meta.published.as_deref(), Some("2024-05-13T10:00:00Z"));
    let e2 = out[1].as_ref().unwrap_err().to_string();
    assert!(
        e2.starts_with("feeds/export.json (article 2): JSON article has no text"),
        "{e2}"
    );
    assert_eq!(out[2].as_ref().unwrap().id, "kept-id");
}

#[test]
fn bad_inputs_name_the_file_and_the_problem() {
    let cases: [(&str, &str); 7] = [
        ("binary.txt", "binary file"),
        ("nul.txt", "binary file"),
        ("empty.txt", "file is empty"),
        ("blank.md", "file is empty"),
        ("malformed.json", "malformed JSON"),
        ("notext.json", "JSON article has no text"),
        ("garbage.txt", "cannot decode text"),
    ];
    for (name, want) in cases {
        let e = err(name);
        let msg = e.to_string();
        assert!(msg.contains(name), "{msg}");
        assert!(msg.contains(want), "{name}: {msg}");
    }
    let missing = err("no-such-file.txt");
    assert!(matches!(missing, IngestError::Unreadable { .. }));
    assert!(missing
        .to_string()
        .contains("no-such-file.txt: cannot read file"));
    // A folder with a supported extension reaches the reader, which refuses
    // it; one without an extension is refused by format first.
    let tmp = tempfile::tempdir().unwrap();
    let folder = tmp.path().join("d.txt");
    std::fs::create_dir(&folder).unwrap();
    let dir = ingest_file(&folder, "x", &IngestOptions::default());
    assert!(
        matches!(dir.as_slice(), [Err(IngestError::Unreadable { .. })]),
        "{dir:?}"
    );
    let plain = ingest_file(&fixture(""), "x", &IngestOptions::default());
    assert!(matches!(
        plain.as_slice(),
        [Err(IngestError::Unsupported { .. })]
    ));
}

#[test]
fn ids_are_checked() {
    let opts = IngestOptions::default();
    let long = format!(r#"{{"id": "{}", "text": "x"}}"#, "k".repeat(600));
    let out = ingest_bytes(Path::new("a.json"), "a", long.as_bytes(), &opts);
    let msg = out[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains("a.json: bad id") && msg.contains("600 bytes"),
        "{msg}"
    );
    let out = ingest_bytes(
        Path::new("a.json"),
        "a",
        br#"{"id": "x\u0000y", "text": "x"}"#,
        &opts,
    );
    assert!(matches!(out[0], Err(IngestError::BadId { .. })));
    let out = ingest_bytes(
        Path::new("a.json"),
        "a",
        br#"{"id": "../../x", "text": "x"}"#,
        &opts,
    );
    assert_eq!(out[0].as_ref().unwrap().id, "../../x");
}

#[test]
fn size_limits() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("big.txt");
    std::fs::write(&p, "word ".repeat(300)).unwrap();
    let opts = IngestOptions {
        max_bytes: 1000,
        ..IngestOptions::default()
    };
    let out = ingest_file(&p, "big", &opts);
    let msg = out[0].as_ref().unwrap_err().to_string();
    assert!(
        msg.contains("big.txt") && msg.contains("1500 bytes") && msg.contains("max_bytes"),
        "{msg}"
    );
    let h = dir.path().join("big.html");
    std::fs::write(&h, format!("<p>{}</p>", "word ".repeat(300))).unwrap();
    let opts = IngestOptions {
        max_html_bytes: 1000,
        ..IngestOptions::default()
    };
    let out = ingest_file(&h, "big", &opts);
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("max_html_bytes"));
    let out = ingest_bytes(&h, "big", &std::fs::read(&h).unwrap(), &opts);
    assert!(matches!(out[0], Err(IngestError::TooLarge { .. })));
}

#[test]
fn fifty_megabyte_text_is_ingested() {
    let para = "The council met again on Monday and talked about the ferry for a long time. ";
    let mut text = String::from("A very long report\n\nBy Jane Doe\n\n");
    while text.len() < 50_000_000 {
        text.push_str(para);
        text.push('\n');
    }
    let out = ingest_bytes(
        Path::new("long.txt"),
        "long",
        text.as_bytes(),
        &IngestOptions::default(),
    );
    let d = out[0].as_ref().unwrap();
    assert_eq!(d.body.len(), text.len());
    assert_eq!(d.meta.title.as_deref(), Some("A very long report"));
    assert_eq!(d.meta.authors, vec!["Jane Doe"]);
}

#[test]
fn deeply_nested_html_does_not_overflow() {
    let depth = 100_000;
    for (open, close) in [
        ("<div>", "</div>"),
        ("<b>", ""),
        ("<span class=x>", "</span>"),
    ] {
        let mut html = String::from("<html><body>");
        html.push_str(&open.repeat(depth));
        html.push_str(
            "<p>The innermost paragraph still has words in it, enough to be an article.</p>",
        );
        html.push_str(&close.repeat(depth));
        html.push_str("</body></html>");
        let out = ingest_bytes(
            Path::new("deep.html"),
            "deep",
            html.as_bytes(),
            &IngestOptions::default(),
        );
        assert_eq!(out.len(), 1);
        let d = out[0].as_ref().unwrap();
        assert!(d.body.contains("innermost paragraph"), "{open}: {}", d.body);
    }
}

#[test]
fn unclosed_and_script_laden_html() {
    let mut html = String::from("<html><head><title>Scripts</title></head><body>");
    for i in 0..2000 {
        html.push_str(&format!("<script>var x{i} = '<p>fake paragraph {i} in a script</p>';</script><style>.a{i}{{color:red}}</style>"));
    }
    html.push_str("<article><p>A real paragraph about the harbour, long enough to count as text for the extractor.</p>");
    html.push_str(&"<p>unclosed <b>bold <i>italic ".repeat(5000));
    let out = ingest_bytes(
        Path::new("s.html"),
        "s",
        html.as_bytes(),
        &IngestOptions::default(),
    );
    let d = out[0].as_ref().unwrap();
    assert!(!d.body.contains("fake paragraph") && !d.body.contains("color:red"));
}

#[test]
fn supported_extensions() {
    for ok in ["a.txt", "a.md", "a.html", "a.HTM", "a.json", "a.jsonl"] {
        assert!(is_supported(Path::new(ok)), "{ok}");
    }
    for no in ["a.pdf", "a", "a.docx", "txt"] {
        assert!(!is_supported(Path::new(no)), "{no}");
    }
    let out = ingest_bytes(Path::new("a.pdf"), "a", b"x", &IngestOptions::default());
    assert!(out[0]
        .as_ref()
        .unwrap_err()
        .to_string()
        .contains("unsupported file type"));
}

#[test]
fn options_deserialize_strictly() {
    let o: IngestOptions = serde_json::from_str(r#"{"max_bytes": 10}"#).unwrap();
    assert_eq!(o.max_bytes, 10);
    assert_eq!(o.max_html_bytes, IngestOptions::default().max_html_bytes);
    assert!(serde_json::from_str::<IngestOptions>(r#"{"max_byte": 10}"#).is_err());
    let names: Vec<&str> = gleaner_ingest::options_info()
        .iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(names, vec!["max_bytes", "max_html_bytes", "html_fallback"]);
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// What the fuzz target checks, on random bytes and HTML-ish text for
    /// every format: results or errors naming the file, never a panic.
    #[test]
    fn any_bytes_in_any_format(
        ext in "(txt|md|html|htm|json|jsonl)",
        bytes in prop_oneof![
            proptest::collection::vec(any::<u8>(), 0..400),
            "(<[/!a-z]{0,5}[ a-z=\"'>/-]{0,5}|[a-zé{}\":,\n ]|<script>|</div>){0,120}"
                .prop_map(String::into_bytes),
        ],
    ) {
        let name = format!("fuzz.{ext}");
        for r in ingest_bytes(Path::new(&name), "fuzz", &bytes, &IngestOptions::default()) {
            match r {
                Ok(d) => {
                    prop_assert_eq!(&d.text, &d.body);
                    prop_assert!(!d.body.trim().is_empty());
                }
                Err(e) => prop_assert!(e.to_string().contains(&name), "{}", e),
            }
        }
    }
}
