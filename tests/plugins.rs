//! End-to-end tests of out-of-process analyzers: the real `gleaner` binary
//! runs pipelines with an `exec` analyzer backed by the Python example in
//! `examples/exec-analyzer/readability.py`, including a process that hangs
//! on one document, one that crashes, one that keeps crashing and one that
//! writes garbage; and `gleaner check` / `gleaner stages` on exec
//! analyzers. The Python tests are skipped, with a message, when `python3`
//! is not installed (a failure instead under
//! `GLEANER_REQUIRE_PYTHON=1`, as in CI).

use serde_json::Value;
use std::fs;
mod common;

use common::{gleaner, root, text};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn readability_script() -> String {
    root()
        .join("examples/exec-analyzer/readability.py")
        .display()
        .to_string()
}

fn python() -> bool {
    let ok = Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        // CI sets GLEANER_REQUIRE_PYTHON=1 (and installs python3), so there
        // these tests can never pass by being skipped.
        assert!(
            std::env::var("GLEANER_REQUIRE_PYTHON").as_deref() != Ok("1"),
            "python3 is not installed but GLEANER_REQUIRE_PYTHON is set: the exec analyzer tests need it"
        );
        eprintln!("SKIPPED: python3 is not installed; the exec analyzer tests need it");
    }
    ok
}

/// Short articles, written for these tests.
const ARTICLES: &[&str] = &[
    "Ferry timetable changes from Monday\n\nThe island ferry will leave the harbour twenty minutes earlier on weekdays from Monday, the operator said. Commuters who travel to the mainland for work asked for the change last winter.\n\nThe last sailing of the evening stays at ten past nine.",
    "Library reopens after flood repairs\n\nThe central library reopened on Saturday after four months of repairs to its flooded basement. Volunteers carried more than two thousand books back to the shelves in a single weekend.\n\n\"It feels like coming home,\" said one reader who had waited outside since eight.",
    "Market traders push back on parking fees\n\nStallholders at the Thursday market have signed a petition against new parking charges for delivery vans. They say the fees, which start next month, would wipe out the margin on a slow day.\n\nThe council will discuss the petition at its next meeting.",
    "School kitchen wins regional award\n\nThe kitchen team at Northfield Primary won a regional prize for school meals on Wednesday. The judges praised a menu built around vegetables from the school's own garden.\n\nPupils helped plan three of the winning dishes.",
];

/// Writes the given article ids (with the texts above, in turn) into
/// `dir/in` and returns that folder.
fn articles(dir: &Path, ids: &[&str]) -> PathBuf {
    let input = dir.join("in");
    fs::create_dir_all(&input).expect("input dir");
    for (i, id) in ids.iter().enumerate() {
        let body = ARTICLES
            .get(i % ARTICLES.len())
            .copied()
            .unwrap_or_default();
        fs::write(input.join(format!("{id}.txt")), body).expect("write article");
    }
    input
}

/// A pipeline in `dir` over `input` with an exec analyzer `readability`
/// running the Python example with `args`, plus extra analyzer options and
/// extra TOML; writes JSON and Markdown under `dir/out`.
fn pipeline(dir: &Path, input: &Path, args: &[&str], options: &str, extra: &str) -> PathBuf {
    let mut all_args = vec![readability_script()];
    all_args.extend(args.iter().map(|a| a.to_string()));
    let toml = format!(
        "[source]\ntype = \"folder\"\npath = {input:?}\n\n\
         [runner]\nconcurrency = 2\n\n\
         [analyzers.readability]\ntype = \"exec\"\ncommand = \"python3\"\nargs = {args:?}\n{options}\n\n\
         {extra}\n\n\
         [sinks.json]\ntype = \"json\"\npath = {json:?}\n\n\
         [sinks.report]\ntype = \"markdown\"\npath = {md:?}\n",
        input = input.display().to_string(),
        args = all_args,
        json = dir.join("out/json").display().to_string(),
        md = dir.join("out/reports").display().to_string(),
    );
    let p = dir.join("pipeline.toml");
    fs::write(&p, toml).expect("write pipeline");
    p
}

fn run(dir: &Path, pipeline: &Path) -> Output {
    gleaner(
        &["run", pipeline.to_str().expect("utf8"), "--no-progress"],
        dir,
    )
}

fn read_doc(dir: &Path, id: &str) -> Option<Value> {
    let bytes = fs::read(dir.join(format!("out/json/{id}.json"))).ok()?;
    Some(serde_json::from_slice(&bytes).expect("json"))
}

/// The failure lines of a run's summary that mention `id`.
fn failure_for<'a>(stderr: &'a str, id: &str) -> Vec<&'a str> {
    stderr
        .lines()
        .filter(|l| l.contains(&format!("{id}.txt: analyzers.readability:")))
        .collect()
}

fn assert_readability(dir: &Path, id: &str) {
    let doc = read_doc(dir, id).unwrap_or_else(|| panic!("{id}: no JSON output"));
    let r = &doc["analyzers"]["readability"];
    assert!(r.is_object(), "{id}: no analyzers.readability in {doc}");
    let words = r["words"].as_u64().expect("words");
    let text_words = doc["text"]
        .as_str()
        .expect("text")
        .split_whitespace()
        .count() as u64;
    assert!(
        words > 10 && words <= text_words + 5,
        "{id}: {words} words vs {text_words}"
    );
    let sentences = doc["sentences"].as_array().expect("sentences");
    let n = r["sentences"].as_u64().expect("sentences count");
    assert!(
        n >= 1 && n <= sentences.len().max(1) as u64,
        "{id}: {n} sentences"
    );
    let ease = r["flesch_reading_ease"].as_f64().expect("flesch");
    assert!((-50.0..=121.0).contains(&ease), "{id}: ease {ease}");
    assert!(r["level"].is_string());
    // The longest sentence is one of the document's sentences, with the
    // same character offsets.
    let longest = &r["longest_sentence"];
    if !sentences.is_empty() {
        assert!(
            sentences.iter().any(|s| s["start"] == longest["start"]
                && s["end"] == longest["end"]
                && s["source_start"] == longest["source_start"]),
            "{id}: {longest} is not a sentence of {sentences:?}"
        );
    }
}

#[test]
fn exec_analyzer_output_lands_under_its_name_in_json_and_markdown() {
    if !python() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let ids = ["ferry", "library", "market", "kitchen"];
    let input = articles(tmp.path(), &ids);
    let p = pipeline(
        tmp.path(),
        &input,
        &["--wpm", "200"],
        "timeout_ms = 10000\ninstances = 2",
        "",
    );
    let out = run(tmp.path(), &p);
    assert!(
        out.status.success(),
        "stderr: {}\nstdout: {}",
        text(&out.stderr),
        text(&out.stdout)
    );
    for id in ids {
        assert_readability(tmp.path(), id);
        let report = fs::read_to_string(tmp.path().join(format!("out/reports/{id}.md")))
            .expect("markdown report");
        assert!(report.contains("## Analyzer `readability`"), "{report}");
        assert!(report.contains("flesch"), "{report}");
    }
}

#[test]
fn a_hanging_document_times_out_and_the_others_are_processed() {
    if !python() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = articles(tmp.path(), &["calm-one", "slow", "calm-two"]);
    let p = pipeline(
        tmp.path(),
        &input,
        &["--hang-on", "slow"],
        "timeout_ms = 1500",
        "",
    );
    let out = run(tmp.path(), &p);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let f = failure_for(&stderr, "slow");
    assert_eq!(f.len(), 1, "{stderr}");
    assert!(f[0].contains("timed out after 1500 ms"), "{stderr}");
    assert!(read_doc(tmp.path(), "slow").is_none());
    assert_readability(tmp.path(), "calm-one");
    assert_readability(tmp.path(), "calm-two");
    assert!(stderr.contains("processed 2 documents"), "{stderr}");
}

#[test]
fn a_crash_fails_its_document_and_the_process_is_restarted() {
    if !python() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = articles(tmp.path(), &["before", "boom", "after", "later"]);
    let p = pipeline(
        tmp.path(),
        &input,
        &["--crash-on", "boom"],
        "timeout_ms = 10000\nrestart_backoff_ms = 20",
        "",
    );
    let out = run(tmp.path(), &p);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let f = failure_for(&stderr, "boom");
    assert_eq!(f.len(), 1, "{stderr}");
    assert!(
        f[0].contains("crashed while analyzing this document"),
        "{stderr}"
    );
    assert!(f[0].contains("exit status: 3"), "{stderr}");
    assert!(
        f[0].contains("crashing on boom as asked"),
        "stderr tail: {stderr}"
    );
    for id in ["before", "after", "later"] {
        assert_readability(tmp.path(), id);
    }

    // With -v, the process's stderr is forwarded to the log.
    let out = gleaner(
        &["-v", "run", p.to_str().expect("utf8"), "--no-progress"],
        tmp.path(),
    );
    let log = text(&out.stderr);
    assert!(
        log.lines()
            .any(|l| l.contains("gleaner_exec::stderr") && l.contains("crashing on boom as asked")),
        "{log}"
    );
}

#[test]
fn a_process_that_keeps_crashing_fails_its_documents_without_stopping_the_run() {
    if !python() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let ids = ["a1", "a2", "a3", "a4", "a5", "a6"];
    let input = articles(tmp.path(), &ids);
    // An empty --crash-on matches every document.
    let p = pipeline(
        tmp.path(),
        &input,
        &["--crash-on", ""],
        "timeout_ms = 10000\nmax_crashes = 2\nrestart_backoff_ms = 20",
        "",
    );
    let out = run(tmp.path(), &p);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "the run finishes: {stderr}");
    assert!(
        stderr.contains("processed 0 documents from 6 files"),
        "{stderr}"
    );
    for id in ids {
        assert_eq!(failure_for(&stderr, id).len(), 1, "{id}: {stderr}");
    }
    let fast: Vec<&str> = stderr
        .lines()
        .filter(|l| l.contains("keeps crashing"))
        .collect();
    assert!(
        fast.len() >= 3,
        "documents fail fast once it keeps crashing: {stderr}"
    );
    assert!(
        fast.iter()
            .all(|l| l.contains("exit status: 3") && l.contains("last stderr")),
        "{stderr}"
    );
}

#[test]
fn garbage_on_stdout_fails_that_document_quoting_it() {
    if !python() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = articles(tmp.path(), &["tidy", "messy", "neat"]);
    let p = pipeline(
        tmp.path(),
        &input,
        &["--garbage-on", "messy"],
        "timeout_ms = 10000",
        "",
    );
    let out = run(tmp.path(), &p);
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    let f = failure_for(&stderr, "messy");
    assert_eq!(f.len(), 1, "{stderr}");
    assert!(f[0].contains("sent an invalid response"), "{stderr}");
    assert!(f[0].contains("not JSON"), "{stderr}");
    assert!(f[0].contains("`readability: scoring messy...`"), "{stderr}");
    assert_readability(tmp.path(), "tidy");
    assert_readability(tmp.path(), "neat");
}

#[test]
fn check_enforces_an_exec_analyzers_requirements_naming_both() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = articles(tmp.path(), &["one"]);
    // The gleaner binary stands in for the program: check never starts it.
    let body = format!(
        "command = {:?}\nrequires = [\"entities\"]\nprovides = [\"readability\"]",
        env!("CARGO_BIN_EXE_gleaner")
    );
    let p = tmp.path().join("pipeline.toml");
    let write = |extra: &str| {
        let toml = format!(
            "[source]\ntype = \"folder\"\npath = {:?}\n\n[analyzers.readability]\ntype = \"exec\"\n{body}\n\n{extra}\n[sinks.json]\ntype = \"json\"\npath = \"out\"\n",
            input.display().to_string()
        );
        fs::write(&p, toml).expect("write");
    };
    write("");
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(
        stderr.contains("analyzer `readability` (type exec) requires `entities`"),
        "{stderr}"
    );

    write("[analyzers.entities]\ntype = \"entities\"\n");
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(
        text(&out.stderr).contains("2 layers"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn check_reports_a_missing_program_and_bad_options() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = articles(tmp.path(), &["one"]);
    let toml = format!(
        "[source]\ntype = \"folder\"\npath = {:?}\n\n[analyzers.scorer]\ntype = \"exec\"\ncommand = \"no-such-analyzer-for-gleaner\"\ninstances = 0\ntimout_ms = 5\n\n[sinks.json]\ntype = \"json\"\npath = \"out\"\n",
        input.display().to_string()
    );
    let p = tmp.path().join("pipeline.toml");
    fs::write(&p, toml).expect("write");
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    let stderr = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2), "{stderr}");
    assert!(stderr.contains("analyzers.scorer.timout_ms"), "{stderr}");
    assert!(stderr.contains("did you mean `timeout_ms`"), "{stderr}");
    assert!(stderr.contains("analyzers.scorer.command"), "{stderr}");
    assert!(stderr.contains("not found on PATH"), "{stderr}");
    assert!(stderr.contains("analyzers.scorer.instances"), "{stderr}");
}

#[test]
fn stages_lists_exec_with_its_options() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = gleaner(&["stages"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let block: Vec<&str> = stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("exec:"))
        .take(14)
        .collect();
    let block = block.join("\n");
    for opt in [
        "command",
        "args",
        "env",
        "timeout_ms",
        "instances",
        "requires",
        "max_crashes",
    ] {
        assert!(block.contains(opt), "{opt} missing from\n{stdout}");
    }
    assert!(block.contains("gleaner-exec/1"), "{stdout}");
}

/// A schema that validates one message kind of the protocol schema.
fn message_validator(kind: &str) -> jsonschema::Validator {
    let schema: Value = serde_json::from_slice(
        &fs::read(root().join("docs/exec-protocol.schema.json")).expect("read schema"),
    )
    .expect("schema is JSON");
    let wrapper = serde_json::json!({
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$defs": schema["$defs"].clone(),
        "$ref": format!("#/$defs/{kind}"),
    });
    jsonschema::validator_for(&wrapper).expect("valid schema")
}

fn assert_valid(v: &jsonschema::Validator, kind: &str, msg: &Value) {
    let errors: Vec<String> = v.iter_errors(msg).map(|e| e.to_string()).collect();
    assert!(
        errors.is_empty(),
        "{kind} {msg} breaks the schema: {errors:?}"
    );
}

#[test]
fn messages_on_the_wire_follow_the_published_schema() {
    if !python() {
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let input = articles(tmp.path(), &["ferry", "library"]);
    // A second exec analyzer that records the requests Gleaner sends it; it
    // requires `readability`, so it runs after it and sees its output.
    let recorder = tmp.path().join("recorder.py");
    let log = tmp.path().join("requests.jsonl");
    fs::write(
        &recorder,
        "import json, sys\n\
         log = open(sys.argv[1], 'a', encoding='utf-8')\n\
         print(json.dumps({'protocol': 'gleaner-exec/1', 'name': 'recorder'}), flush=True)\n\
         for line in sys.stdin:\n\
         \x20   log.write(line)\n\
         \x20   log.flush()\n\
         \x20   req = json.loads(line)\n\
         \x20   print(json.dumps({'id': req['id'], 'annotations': {'seen': req['document']['id']}}), flush=True)\n",
    )
    .expect("write recorder");
    let extra = format!(
        "[analyzers.recorder]\ntype = \"exec\"\ncommand = \"python3\"\nargs = [{:?}, {:?}]\nrequires = [\"readability\"]\n",
        recorder.display().to_string(),
        log.display().to_string()
    );
    let p = pipeline(
        tmp.path(),
        &input,
        &[],
        "timeout_ms = 10000\nprovides = [\"readability\"]",
        &extra,
    );
    let out = run(tmp.path(), &p);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(
        read_doc(tmp.path(), "ferry").expect("ferry")["analyzers"]["recorder"]["seen"],
        "ferry"
    );

    let request = message_validator("request");
    let requests: Vec<Value> = fs::read_to_string(&log)
        .expect("request log")
        .lines()
        .map(|l| serde_json::from_str(l).expect("request is JSON"))
        .collect();
    assert_eq!(requests.len(), 2);
    for r in &requests {
        assert_valid(&request, "request", r);
        assert!(
            r["document"]["analyzers"]["readability"]["words"].is_u64(),
            "a required analyzer's output is in the request: {r}"
        );
    }

    // The example's own handshake and responses.
    let mut stdin = String::new();
    for r in &requests {
        stdin.push_str(&serde_json::to_string(r).expect("json"));
        stdin.push('\n');
    }
    let stdin_file = tmp.path().join("stdin.jsonl");
    fs::write(&stdin_file, stdin).expect("write");
    let out = Command::new("python3")
        .arg(readability_script())
        .stdin(fs::File::open(&stdin_file).expect("open"))
        .output()
        .expect("run the example");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let lines: Vec<Value> = text(&out.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON line"))
        .collect();
    assert_eq!(lines.len(), 3, "a handshake and two responses");
    assert_valid(&message_validator("handshake"), "handshake", &lines[0]);
    let response = message_validator("response");
    for (r, req) in lines[1..].iter().zip(&requests) {
        assert_valid(&response, "response", r);
        assert_eq!(r["id"], req["id"]);
    }

    // And the schema refuses what Gleaner refuses.
    for bad in [
        serde_json::json!({"id": 1}),
        serde_json::json!({"id": 1, "annotations": {}, "error": "x"}),
        serde_json::json!({"id": 0, "annotations": {}}),
        serde_json::json!({"id": 1, "error": 5}),
    ] {
        assert!(!response.is_valid(&bad), "{bad} should be refused");
    }
    assert!(!message_validator("handshake")
        .is_valid(&serde_json::json!({"protocol": "gleaner-exec/2"})));
}
