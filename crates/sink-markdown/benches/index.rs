//! How long the markdown sink takes to render a rich report, to write one,
//! and to rebuild `index.md` over a folder of many reports (what the watch
//! daemon does after every batch). Run: `cargo bench -p gleaner-sink-markdown`.
//! Set `GLEANER_BENCH_REPORTS` to change the folder size (default 2000).

use gleaner_core::{Document, RunSummary};
use gleaner_sink_markdown::MarkdownSink;
use std::time::Instant;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: usize = std::env::var("GLEANER_BENCH_REPORTS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2000);
    let base: Document =
        serde_json::from_str(include_str!("../tests/fixtures/rich.json")).expect("fixture");
    let tmp = tempfile::tempdir().expect("temp dir");
    let sink = MarkdownSink::new(tmp.path(), true);

    let t = Instant::now();
    let mut bytes = 0;
    for _ in 0..n {
        bytes += sink.render(&base).len();
    }
    let render = t.elapsed();
    println!(
        "render: {n} reports of {} bytes in {:.1} ms ({:.1} µs each)",
        bytes / n.max(1),
        render.as_secs_f64() * 1e3,
        render.as_secs_f64() * 1e6 / n as f64
    );

    let t = Instant::now();
    for i in 0..n {
        let mut d = base.clone();
        d.id = format!("2019/doc-{i:05}");
        d.meta.published = Some(format!("2019-{:02}-{:02}", 1 + i % 12, 1 + i % 28));
        // Names of their own in most reports (the cross-report tables are
        // then as large as they get), shared by every tenth.
        if i % 10 != 0 {
            for e in &mut d.entities {
                e.name = format!("{} {i}", e.name);
            }
        }
        sink.write_sync(&d).expect("write");
    }
    let write = t.elapsed();
    println!(
        "write: {n} reports in {:.1} ms ({:.2} ms each, atomic with fsync)",
        write.as_secs_f64() * 1e3,
        write.as_secs_f64() * 1e3 / n as f64
    );

    let runs = 5;
    let t = Instant::now();
    for _ in 0..runs {
        sink.write_index(&RunSummary::default()).expect("index");
    }
    let index = t.elapsed() / runs;
    println!(
        "index: rebuilt over {n} reports in {:.1} ms (mean of {runs})",
        index.as_secs_f64() * 1e3
    );
}
