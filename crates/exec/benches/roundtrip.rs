//! Throughput of the exec analyzer: documents per second through a Python
//! process, for the bare protocol (an analyzer that answers at once) and for
//! the readability example, with 1 and 2 instances.
//!
//! `cargo bench -p gleaner-exec --bench roundtrip` (needs python3).

use gleaner_core::{BuildContext, Document, Format, Meta, SourceInfo};
use gleaner_exec::ExecAnalyzer;
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

const DOCS: usize = 400;

const SENTENCES: &[&str] = &[
    "The harbour board met on Tuesday to discuss the dredging contract.",
    "Residents along the quay said the night work kept them awake for weeks.",
    "A spokesperson for the board declined to say when the work would finish.",
    "Fishing crews have used the inner basin for more than a century.",
    "\"We were never asked,\" said one skipper who has worked the quay since 1998.",
];

fn doc(i: usize) -> Document {
    // About 6 kB of text, like a long news article.
    let body: String = (0..90)
        .map(|k| SENTENCES[(i + k) % SENTENCES.len()])
        .collect::<Vec<_>>()
        .join(" ");
    Document::new(
        format!("doc-{i}"),
        SourceInfo {
            path: format!("doc-{i}.txt"),
            format: Format::Txt,
            hash: "sha256:00".into(),
            line: None,
            encoding: None,
        },
        Meta::default(),
        body,
    )
}

async fn measure(label: &str, args: Vec<String>, instances: usize) {
    let a = Arc::new(
        ExecAnalyzer::from_options(
            "bench",
            json!({"command": "python3", "args": args, "instances": instances}),
            &BuildContext::default(),
        )
        .expect("options"),
    );
    let docs: Arc<Vec<Document>> = Arc::new((0..DOCS).map(doc).collect());
    // Warm up: start every process.
    let mut warm = Vec::new();
    for i in 0..instances {
        let (a, docs) = (Arc::clone(&a), Arc::clone(&docs));
        warm.push(tokio::spawn(async move {
            a.analyze_json(&docs[i]).await.map(|_| ())
        }));
    }
    for w in warm {
        w.await.expect("join").expect("warm-up document");
    }
    let start = Instant::now();
    let mut tasks = Vec::new();
    for w in 0..instances {
        let (a, docs) = (Arc::clone(&a), Arc::clone(&docs));
        tasks.push(tokio::spawn(async move {
            for d in docs.iter().skip(w).step_by(instances) {
                a.analyze_json(d).await.expect("document");
            }
        }));
    }
    for t in tasks {
        t.await.expect("join");
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{label:<28} instances={instances}  {DOCS} docs of {} bytes in {secs:.2}s: {:.0} docs/s, {:.2} ms/doc",
        docs[0].text.len(),
        DOCS as f64 / secs,
        secs * 1000.0 / DOCS as f64
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let ok = std::process::Command::new("python3")
        .arg("--version")
        .output()
        .is_ok_and(|o| o.status.success());
    if !ok {
        println!("SKIPPED: python3 is not installed");
        return;
    }
    let tmp = tempfile::tempdir().expect("tempdir");
    let echo = tmp.path().join("echo.py");
    std::fs::write(
        &echo,
        "import json, sys\n\
         print(json.dumps({'protocol': 'gleaner-exec/1'}), flush=True)\n\
         for line in sys.stdin:\n\
         \x20   r = json.loads(line)\n\
         \x20   print(json.dumps({'id': r['id'], 'annotations': {'chars': len(r['document']['text'])}}), flush=True)\n",
    )
    .expect("write echo analyzer");
    let readability = PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../examples/exec-analyzer/readability.py");
    let rt = tokio::runtime::Runtime::new().expect("runtime");
    rt.block_on(async {
        for instances in [1, 2] {
            measure(
                "protocol only (echo.py)",
                vec![echo.display().to_string()],
                instances,
            )
            .await;
            measure(
                "readability.py",
                vec![readability.display().to_string()],
                instances,
            )
            .await;
        }
    });
}
