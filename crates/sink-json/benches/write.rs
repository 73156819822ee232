//! How long the json sink takes to serialize a rich document and to write it
//! atomically (temp file, fsync, rename). Run: `cargo bench -p
//! gleaner-sink-json`. `GLEANER_BENCH_DOCS` sets the count (default 500).

use gleaner_core::Document;
use gleaner_sink_json::JsonSink;
use std::time::Instant;

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let n: usize = std::env::var("GLEANER_BENCH_DOCS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(500);
    let base: Document =
        serde_json::from_str(include_str!("../tests/fixtures/rich.json")).expect("fixture");
    let tmp = tempfile::tempdir().expect("temp dir");
    for pretty in [true, false] {
        let sink = JsonSink::new(tmp.path().join(format!("pretty-{pretty}")), pretty);
        let t = Instant::now();
        let mut bytes = 0;
        for _ in 0..n * 10 {
            bytes += sink.render(&base).expect("render").len();
        }
        let ser = t.elapsed();
        println!(
            "pretty={pretty}: serialize {} docs of {} bytes: {:.1} µs each",
            n * 10,
            bytes / (n * 10).max(1),
            ser.as_secs_f64() * 1e6 / (n * 10) as f64
        );
        let t = Instant::now();
        for i in 0..n {
            let mut d = base.clone();
            d.id = format!("2019/doc-{i:05}");
            sink.write_sync(&d).expect("write");
        }
        let w = t.elapsed();
        println!(
            "pretty={pretty}: write {n} docs atomically: {:.2} ms each",
            w.as_secs_f64() * 1e3 / n as f64
        );
    }
}
