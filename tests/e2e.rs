//! End-to-end tests: the real `gleaner` binary on the sample articles under
//! `examples/articles` and on hostile inputs made in temporary folders.

use serde_json::Value;
use std::fs;
mod common;

use common::{gleaner, root, text};
use std::path::{Path, PathBuf};

/// A pipeline file in `dir` reading `input` and writing JSON and Markdown
/// into `dir/out`, with the given analyzers and extra TOML.
fn pipeline(dir: &Path, input: &Path, analyzers: &[&str], extra: &str) -> PathBuf {
    let mut toml = format!(
        "[source]\ntype = \"folder\"\npath = {:?}\n\n[normalize]\nboilerplate = true\n\n",
        input.display().to_string()
    );
    for a in analyzers {
        toml.push_str(&format!("[analyzers.{a}]\ntype = \"{a}\"\n\n"));
    }
    toml.push_str(&format!(
        "[sinks.json]\ntype = \"json\"\npath = {:?}\n\n[sinks.report]\ntype = \"markdown\"\npath = {:?}\n\n{extra}",
        dir.join("out/json").display().to_string(),
        dir.join("out/reports").display().to_string(),
    ));
    let p = dir.join("pipeline.toml");
    fs::write(&p, toml).expect("write pipeline");
    p
}

fn read_docs(dir: &Path) -> Vec<Value> {
    let mut docs: Vec<Value> = fs::read_dir(dir)
        .expect("json dir")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .map(|p| serde_json::from_slice(&fs::read(&p).expect("read")).expect("json"))
        .collect();
    docs.sort_by_key(|d| d["id"].as_str().unwrap_or_default().to_string());
    docs
}

fn doc<'a>(docs: &'a [Value], id: &str) -> &'a Value {
    docs.iter()
        .find(|d| d["id"] == id)
        .unwrap_or_else(|| panic!("no document {id}"))
}

fn chars(s: &str, start: u64, end: u64) -> String {
    s.chars()
        .skip(start as usize)
        .take((end - start) as usize)
        .collect()
}

/// The words of `s`, folding the characters normalization changes.
fn words(s: &str) -> Vec<String> {
    let folded: String = s
        .chars()
        .map(|c| match c {
            '“' | '”' | '„' | '«' | '»' => '"',
            '‘' | '’' | '‚' => '\'',
            c if c.is_whitespace() => ' ',
            c => c,
        })
        .collect();
    folded
        .replace("''", "\"")
        .split(' ')
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

/// Every object with start/end/source_start/source_end inside `v`.
fn spans(v: &Value, out: &mut Vec<(u64, u64, u64, u64)>) {
    match v {
        Value::Object(m) => {
            if let (Some(s), Some(e), Some(ss), Some(se)) = (
                m.get("start").and_then(Value::as_u64),
                m.get("end").and_then(Value::as_u64),
                m.get("source_start").and_then(Value::as_u64),
                m.get("source_end").and_then(Value::as_u64),
            ) {
                out.push((s, e, ss, se));
            }
            m.values().for_each(|x| spans(x, out));
        }
        Value::Array(a) => a.iter().for_each(|x| spans(x, out)),
        _ => {}
    }
}

#[test]
fn example_pipeline_processes_every_sample_article() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = root().join("examples/articles");
    let p = pipeline(tmp.path(), &input, &["entities", "dates", "claims"], "");
    let out = gleaner(&["run", p.to_str().expect("utf8")], tmp.path());
    assert!(
        out.status.success(),
        "stderr: {}\nstdout: {}",
        text(&out.stderr),
        text(&out.stdout)
    );
    let docs = read_docs(&tmp.path().join("out/json"));
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(
        ids,
        vec![
            "brief-001",
            "brief-002",
            "brief-003",
            "courier-api-export-1",
            "courier-api-export-2",
            "harbour-strike",
            "rail-tender",
            "reef-survey",
            "wire-2023-0917-drought"
        ]
    );

    // Validate every document against the published JSON Schema.
    let schema: Value = serde_json::from_str(gleaner_schema()).expect("schema is JSON");
    let validator = jsonschema::validator_for(&schema).expect("schema compiles");
    for d in &docs {
        let errors: Vec<String> = validator.iter_errors(d).map(|e| e.to_string()).collect();
        assert!(errors.is_empty(), "{}: {errors:?}", d["id"]);
        assert_eq!(d["schema"], "gleaner/document@1");
    }

    // Offsets: every span's source range in `body` holds the same words as
    // its range in `text`.
    for d in &docs {
        let body = d["body"].as_str().expect("body");
        let txt = d["text"].as_str().expect("text");
        let mut all = Vec::new();
        for key in ["sentences", "entities", "dates", "claims"] {
            spans(&d[key], &mut all);
        }
        assert!(!all.is_empty(), "{} has no spans", d["id"]);
        // Boilerplate removed from inside a span's source range is not in
        // its text: take it out of the body slice before comparing.
        let removed: Vec<(u64, u64)> = d["removed"]
            .as_array()
            .expect("removed")
            .iter()
            .filter_map(|r| Some((r["source_start"].as_u64()?, r["source_end"].as_u64()?)))
            .collect();
        let body_chars: Vec<char> = body.chars().collect();
        for (s, e, ss, se) in all {
            let kept: String = (ss..se)
                .filter(|&i| !removed.iter().any(|&(rs, re)| rs <= i && i < re))
                .filter_map(|i| body_chars.get(i as usize))
                .collect();
            assert_eq!(
                words(&chars(txt, s, e)),
                words(&kept),
                "{}: span {s}..{e} / {ss}..{se}",
                d["id"]
            );
        }
    }

    // Boilerplate is gone, the article is kept.
    let strike = doc(&docs, "harbour-strike");
    let t = strike["text"].as_str().expect("text");
    for junk in [
        "Your support keeps",
        "your donation allows",
        "Read more:",
        "Join our commenting forum",
        "Thank you for registering",
        "(Reuters)",
    ] {
        assert!(!t.contains(junk), "harbour-strike still has {junk:?}");
    }
    for kept in [
        "Sharon Graham, the union's general secretary",
        "The strike began on 4 March",
        "if no new offer arrives by the end of the month.",
    ] {
        assert!(t.contains(kept), "harbour-strike lost {kept:?}");
    }
    assert_eq!(strike["meta"]["authors"][0], "Priya Raman");
    assert!(strike["meta"]["published"]
        .as_str()
        .is_some_and(|p| p.starts_with("2024-03-14")));
    let reasons: Vec<&str> = strike["removed"]
        .as_array()
        .expect("removed")
        .iter()
        .filter_map(|r| r["reason"].as_str())
        .collect();
    assert!(reasons.len() >= 4, "{reasons:?}");

    let rail = doc(&docs, "rail-tender");
    let t = rail["text"].as_str().expect("text");
    for junk in [
        "homepage",
        "SEE ALSO",
        "Source::",
        "Visited 14 times",
        "Leave a Reply",
        "Required fields",
        "read more",
    ] {
        assert!(!t.contains(junk), "rail-tender still has {junk:?}");
    }
    assert!(
        t.contains("The Commission has until 30 June to decide whether to widen the investigation")
    );

    let reef = doc(&docs, "reef-survey");
    assert_eq!(reef["meta"]["outlet"], "Ocean Post");
    assert_eq!(reef["meta"]["authors"][0], "Hannah Cole");
    let t = reef["text"].as_str().expect("text");
    assert!(t.contains("nearly three quarters of its reefs were bleached"));
    for junk in [
        "Advertisement",
        "Heartbreaking",
        "All rights reserved",
        "track(",
    ] {
        assert!(!t.contains(junk), "reef-survey still has {junk:?}");
    }

    let json = doc(&docs, "wire-2023-0917-drought");
    assert_eq!(json["meta"]["published"], "2023-09-17T08:30:00-07:00");
    assert_eq!(json["source"]["format"], "json");
    let brief = doc(&docs, "brief-002");
    assert_eq!(brief["meta"]["published"], "2024-02-02");
    assert_eq!(brief["source"]["format"], "jsonl");

    // Reports and their index.
    let reports = tmp.path().join("out/reports");
    let index = fs::read_to_string(reports.join("index.md")).expect("index.md");
    assert!(index.contains("Dockworkers extend strike"));
    assert!(reports.join("harbour-strike.md").is_file());
}

fn gleaner_schema() -> &'static str {
    include_str!("../crates/sink-json/schema/document.schema.json")
}

#[test]
fn check_reports_every_error_with_its_line() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let p = tmp.path().join("broken.toml");
    fs::write(
        &p,
        r#"[source]
type = "folder"
path = "no/such/folder"

[normalise]
boilerplate = true

[analyzers.claims]
type = "claims"

[analyzers.people]
type = "entitys"

[sinks.json]
type = "json"
pth = "out"

[sinks.report]
type = "markdwn"
path = "out/reports"
"#,
    )
    .expect("write");
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    for (needle, line) in [
        ("source.path: `no/such/folder` does not exist", 3),
        ("unknown section `normalise` (did you mean `normalize`?)", 5),
        (
            "unknown analyzer type `entitys` (did you mean `entities`?)",
            12,
        ),
        ("unknown option `pth` (did you mean `path`?)", 16),
        ("unknown sink type `markdwn` (did you mean `markdown`?)", 19),
    ] {
        let hit = err
            .lines()
            .find(|l| l.contains(needle))
            .unwrap_or_else(|| panic!("missing {needle:?} in:\n{err}"));
        assert!(hit.contains(&format!("broken.toml:{line}:")), "{hit}");
    }
    assert!(
        err.contains("requires `entities`") && err.contains("claims"),
        "{err}"
    );
}

#[test]
fn check_reports_a_missing_requirement_beside_a_bad_option_of_the_same_analyzer() {
    let tmp = tempfile::tempdir().expect("tempdir");
    fs::create_dir_all(tmp.path().join("in")).expect("mkdir");
    let p = tmp.path().join("p.toml");
    fs::write(
        &p,
        "[source]\ntype = \"folder\"\npath = \"in\"\n\n[analyzers.claims]\ntype = \"claims\"\ncues = \"speach\"\n\n[sinks.json]\ntype = \"json\"\npath = \"out\"\n",
    )
    .expect("write");
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("unknown variant `speach`"), "{err}");
    assert!(err.contains("requires `entities`"), "{err}");
}

#[test]
fn a_good_pipeline_checks_clean() {
    let out = gleaner(&["check", "pipelines/news.toml"], &root());
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn bad_inputs_fail_alone_and_are_named() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    fs::write(
        input.join("good.txt"),
        "A headline\n\nThe mayor of Leeds said on Monday that the bridge would reopen.\n",
    )
    .expect("write");
    fs::write(input.join("empty.txt"), "").expect("write");
    fs::write(
        input.join("binary.txt"),
        b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x03\0",
    )
    .expect("write");
    fs::write(input.join("broken.json"), "{\"title\": \"x\", \"text\": ").expect("write");
    // Nothing but boilerplate, and nothing but front matter: no text left.
    fs::write(
        input.join("widgets.txt"),
        "Leave a Reply\nYour email address will not be published. Required fields are marked *\n",
    )
    .expect("write");
    fs::write(input.join("front.md"), "---\ntitle: Only metadata\n---\n").expect("write");
    fs::write(
        input.join("mixed.jsonl"),
        "{\"id\": \"ok-1\", \"text\": \"Officials in Oslo said the plan was approved.\"}\nnot json at all\n{\"id\": \"ok-2\", \"body\": \"Nothing happened in Lima on Tuesday.\"}\n",
    )
    .expect("write");
    #[cfg(unix)]
    std::os::unix::fs::symlink(input.join("missing-target.txt"), input.join("dangling.txt"))
        .expect("symlink");
    let p = pipeline(tmp.path(), &input, &[], "");
    let out = gleaner(&["run", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    for name in ["empty.txt", "binary.txt", "broken.json", "mixed.jsonl"] {
        assert!(err.contains(name), "no error names {name}:\n{err}");
    }
    assert!(
        err.contains("widgets.txt: normalize: document `widgets`: no text left: every line was removed as boilerplate"),
        "{err}"
    );
    assert!(
        err.contains("front.md: normalize: document `front`: no text once normalized"),
        "{err}"
    );
    #[cfg(unix)]
    assert!(err.contains("dangling.txt"), "{err}");
    let docs = read_docs(&tmp.path().join("out/json"));
    let ids: Vec<&str> = docs.iter().filter_map(|d| d["id"].as_str()).collect();
    assert_eq!(ids, vec!["good", "ok-1", "ok-2"]);
}

#[test]
fn hostile_ids_never_escape_the_output_folder() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    fs::write(
        input.join("evil.jsonl"),
        concat!(
            "{\"id\": \"../../escaped\", \"text\": \"Rome said yes.\"}\n",
            "{\"id\": \"/tmp/absolute\", \"text\": \"Paris said no.\"}\n",
            "{\"id\": \"..\", \"text\": \"Berlin said maybe.\"}\n",
            "{\"id\": \"a\\u0000b\", \"text\": \"Madrid said later.\"}\n",
        ),
    )
    .expect("write");
    let p = pipeline(tmp.path(), &input, &[], "");
    let out = gleaner(&["run", p.to_str().expect("utf8")], tmp.path());
    let err = text(&out.stderr);
    assert!(!tmp.path().join("escaped.json").exists());
    assert!(!tmp.path().join("out/escaped.json").exists());
    assert!(!Path::new("/tmp/absolute.json").exists());
    let written: Vec<_> = fs::read_dir(tmp.path().join("out/json"))
        .expect("out")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    // The NUL id is refused with an error naming the file; the others land
    // inside the folder under safe names.
    assert_eq!(written.len(), 3, "{written:?}\n{err}");
    assert!(written.iter().all(|n| !n.starts_with('.')), "{written:?}");
    assert!(err.contains("evil.jsonl"), "{err}");
    // One document failed: exit code 1.
    assert_eq!(out.status.code(), Some(1), "{err}");
}

#[test]
fn stdout_jsonl_prints_only_documents() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = root().join("examples/articles");
    let p = tmp.path().join("p.toml");
    fs::write(
        &p,
        format!(
            "[source]\ntype = \"folder\"\npath = {:?}\n[analyzers.dates]\ntype = \"dates\"\n[sinks.out]\ntype = \"stdout\"\nformat = \"jsonl\"\n",
            input.display().to_string()
        ),
    )
    .expect("write");
    let out = gleaner(&["run", "-v", p.to_str().expect("utf8")], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), 9, "{stdout}");
    for l in lines {
        let v: Value = serde_json::from_str(l).expect("each line is a document");
        assert_eq!(v["schema"], "gleaner/document@1");
    }
}

#[test]
fn input_flag_replaces_the_source() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let one = root().join("examples/articles/rail-tender.txt");
    let p = pipeline(tmp.path(), Path::new("does/not/matter"), &["dates"], "");
    let out = gleaner(
        &[
            "run",
            p.to_str().expect("utf8"),
            "--input",
            one.to_str().expect("utf8"),
        ],
        tmp.path(),
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    let docs = read_docs(&tmp.path().join("out/json"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["id"], "rail-tender");
}

#[test]
fn stages_lists_every_builtin_stage() {
    let out = gleaner(&["stages"], &root());
    assert!(out.status.success());
    let s = text(&out.stdout);
    for t in [
        "entities:",
        "dates:",
        "claims:",
        "json:",
        "markdown:",
        "stdout:",
        "boilerplate",
    ] {
        assert!(s.contains(t), "stages lacks {t}:\n{s}");
    }
}

#[test]
fn a_second_document_with_the_same_id_is_reported() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    fs::write(
        input.join("twice.jsonl"),
        "{\"id\": \"same\", \"text\": \"Quito said yes.\"}\n{\"id\": \"same\", \"text\": \"Accra said no.\"}\n",
    )
    .expect("write");
    let p = pipeline(tmp.path(), &input, &[], "");
    let out = gleaner(&["run", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("twice.jsonl")
            && err.contains("`same` is already claimed by line 1 of this file"),
        "{err}"
    );
    // The first document keeps its outputs; the second wrote nothing.
    let docs = read_docs(&tmp.path().join("out/json"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["text"], "Quito said yes.");
}

#[test]
fn a_document_that_fails_does_not_hold_its_id() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    // Line 1 is all boilerplate: it fails at normalize, and line 2, with
    // the same id, is written.
    fs::write(
        input.join("twice.jsonl"),
        "{\"id\": \"same\", \"text\": \"Leave a Reply\"}\n{\"id\": \"same\", \"text\": \"Quito said yes.\"}\n",
    )
    .expect("write");
    let p = pipeline(tmp.path(), &input, &[], "");
    let out = gleaner(&["run", p.to_str().expect("utf8")], tmp.path());
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("normalize"), "{err}");
    assert!(!err.contains("already claimed"), "{err}");
    let docs = read_docs(&tmp.path().join("out/json"));
    assert_eq!(docs.len(), 1);
    assert_eq!(docs[0]["text"], "Quito said yes.");
}

#[test]
fn a_file_and_an_export_with_the_same_id_keep_one_output_and_name_each_other() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = tmp.path().join("in");
    fs::create_dir_all(input.join("a")).expect("mkdir");
    fs::write(
        input.join("a/x.txt"),
        "Story A\n\nThe Lisbon council said yes.\n",
    )
    .expect("write");
    fs::write(
        input.join("dup.jsonl"),
        "{\"id\": \"a/x\", \"title\": \"Story B\", \"text\": \"The Braga council said no.\"}\n",
    )
    .expect("write");
    let p = pipeline(tmp.path(), &input, &[], "");
    let out = gleaner(&["run", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    let docs = read_docs(&tmp.path().join("out/json"));
    assert_eq!(docs.len(), 1, "{err}");
    // Whichever came first kept its outputs, and the failure is the other
    // one's, naming the first.
    let kept_txt = docs[0]["text"] == "The Lisbon council said yes.";
    let (failed, holder) = if kept_txt {
        ("dup.jsonl: ingest: document `a/x`", "x.txt in this run")
    } else {
        ("x.txt: ingest: document `a/x`", "dup.jsonl:1 in this run")
    };
    assert!(err.contains(failed) && err.contains(holder), "{err}");
}

#[test]
fn usage_errors_name_the_whole_command_and_exit_2() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = gleaner(&["train", "entities"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("usage: gleaner train entities --conll-train"),
        "{}",
        text(&out.stderr)
    );
    let out = gleaner(&["train", "claims", "--help"], tmp.path());
    assert!(out.status.success());
    let out = gleaner(&["train", "entities", "--out"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("usage: gleaner train entities --conll-train"),
        "{}",
        text(&out.stderr)
    );
    let out = gleaner(&["eval", "dates"], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--meantime"),
        "{}",
        text(&out.stderr)
    );
    let out = gleaner(&["--help"], tmp.path());
    assert!(out.status.success());
    assert!(text(&out.stdout).starts_with("Gleaner: who is mentioned"));
}
