//! End-to-end tests of the `gleaner-custom` binary: the `sourcing` analyzer
//! runs in a real pipeline next to the built-in stages, its output lands in
//! the JSON under `analyzers.sourcing` and in the Markdown report, `stages`
//! lists it with its options, and `check` refuses it without `claims`.

use serde_json::Value;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixtures() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/articles")
}

fn gleaner(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gleaner-custom"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .output()
        .expect("run gleaner-custom")
}

fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}

/// A pipeline in `dir` with the given `[analyzers.X]` bodies, writing JSON
/// and Markdown under `dir/out`.
fn pipeline(dir: &Path, analyzers: &[(&str, &str)]) -> PathBuf {
    let mut toml = format!(
        "[source]\ntype = \"folder\"\npath = {:?}\n\n",
        fixtures().display().to_string()
    );
    for (name, body) in analyzers {
        toml.push_str(&format!("[analyzers.{name}]\n{body}\n\n"));
    }
    toml.push_str(&format!(
        "[sinks.json]\ntype = \"json\"\npath = {:?}\n\n[sinks.report]\ntype = \"markdown\"\npath = {:?}\n",
        dir.join("out/json").display().to_string(),
        dir.join("out/reports").display().to_string(),
    ));
    let p = dir.join("pipeline.toml");
    fs::write(&p, toml).expect("write pipeline");
    p
}

fn read_doc(dir: &Path, id: &str) -> Value {
    let p = dir.join(format!("out/json/{id}.json"));
    let bytes = fs::read(&p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_slice(&bytes).expect("json")
}

fn n(v: &Value) -> u64 {
    v.as_u64().unwrap_or_else(|| panic!("not a count: {v}"))
}

fn overlaps(a: &Value, s: u64, e: u64) -> bool {
    n(&a["start"]) < e && s < n(&a["end"])
}

#[test]
fn sourcing_runs_next_to_the_built_in_stages() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let p = pipeline(
        tmp.path(),
        &[
            ("entities", "type = \"entities\""),
            ("claims", "type = \"claims\""),
            ("sourcing", "type = \"sourcing\"\ntop_sources = 3"),
        ],
    );
    let out = gleaner(
        &["run", p.to_str().expect("utf8"), "--no-progress"],
        tmp.path(),
    );
    assert!(
        out.status.success(),
        "stderr: {}\nstdout: {}",
        text(&out.stderr),
        text(&out.stdout)
    );

    for id in ["bridge-vote", "clinic-hours"] {
        let doc = read_doc(tmp.path(), id);
        let s = &doc["analyzers"]["sourcing"];
        assert!(s.is_object(), "{id}: no analyzers.sourcing in {doc}");
        let sentences = doc["sentences"].as_array().expect("sentences");
        let claims = doc["claims"].as_array().expect("claims");
        assert!(
            !claims.is_empty(),
            "{id}: the claims analyzer found no claim"
        );

        // The summary agrees with the claims and sentences in the same JSON.
        assert_eq!(n(&s["sentences"]), sentences.len() as u64, "{id}");
        assert_eq!(n(&s["claims"]), claims.len() as u64, "{id}");
        assert_eq!(
            n(&s["direct"]) + n(&s["indirect"]) + n(&s["mixed"]),
            claims.len() as u64
        );
        assert_eq!(
            n(&s["named_claims"])
                + n(&s["unnamed_claims"])
                + n(&s["unresolved_claims"])
                + n(&s["sourceless_claims"]),
            claims.len() as u64
        );
        let attributed = sentences
            .iter()
            .filter(|sent| {
                let (a, b) = (n(&sent["start"]), n(&sent["end"]));
                claims.iter().any(|c| {
                    let parts = c["content_parts"].as_array().filter(|p| !p.is_empty());
                    let content = match parts {
                        Some(ps) => ps.iter().any(|p| overlaps(p, a, b)),
                        None => overlaps(&c["content"], a, b),
                    };
                    content || overlaps(&c["cue"], a, b)
                })
            })
            .count() as u64;
        assert_eq!(n(&s["attributed_sentences"]), attributed, "{id}");
        assert!(attributed >= 1, "{id}");
        let share = s["attributed_share"].as_f64().expect("share");
        assert!((share - attributed as f64 / sentences.len() as f64).abs() < 0.001);
        let top = s["top_sources"].as_array().expect("top_sources");
        assert!(top.len() <= 3);
        assert!(
            top.windows(2)
                .all(|w| n(&w[0]["claims"]) >= n(&w[1]["claims"])),
            "most-quoted first: {top:?}"
        );

        let report = fs::read_to_string(tmp.path().join(format!("out/reports/{id}.md")))
            .expect("markdown report");
        assert!(report.contains("## Analyzer `sourcing`"), "{report}");
        assert!(report.contains("attributed"), "{report}");
    }
}

#[test]
fn stages_lists_sourcing_with_its_options() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let out = gleaner(&["stages"], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
    let stdout = text(&out.stdout);
    let block: String = stdout
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("sourcing:"))
        .take(5)
        .collect::<Vec<_>>()
        .join("\n");
    assert!(block.contains("requires: claims"), "{stdout}");
    assert!(block.contains("provides: sourcing"), "{stdout}");
    assert!(block.contains("top_sources"), "{stdout}");
    assert!(block.contains("unnamed_terms"), "{stdout}");
    // The built-in stages are still there.
    for builtin in ["entities:", "claims:", "dates:", "json:", "markdown:"] {
        assert!(stdout.contains(builtin), "{builtin} missing from\n{stdout}");
    }
}

#[test]
fn check_refuses_sourcing_without_claims_naming_both() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let p = pipeline(tmp.path(), &[("sources", "type = \"sourcing\"")]);
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
    let err = text(&out.stderr);
    assert!(
        err.contains("analyzer `sources` (type sourcing) requires `claims`"),
        "{err}"
    );

    let p = pipeline(
        tmp.path(),
        &[
            ("entities", "type = \"entities\""),
            ("claims", "type = \"claims\""),
            ("sources", "type = \"sourcing\""),
        ],
    );
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    assert!(out.status.success(), "{}", text(&out.stderr));
}

#[test]
fn check_reports_a_bad_sourcing_option_with_its_key() {
    let tmp = tempfile::tempdir().expect("tempdir");
    let p = pipeline(
        tmp.path(),
        &[
            ("claims", "type = \"claims\""),
            ("sourcing", "type = \"sourcing\"\ntop_source = 3"),
        ],
    );
    let out = gleaner(&["check", p.to_str().expect("utf8")], tmp.path());
    assert_eq!(out.status.code(), Some(2));
    let err = text(&out.stderr);
    assert!(err.contains("analyzers.sourcing.top_source"), "{err}");
    assert!(err.contains("did you mean `top_sources`"), "{err}");
}
