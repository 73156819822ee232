//! Benchmark of `gleaner watch` (the release binary): latency from a file's
//! close to its JSON output on disk, one article of about 5 KB at a time,
//! then the throughput of a burst of files dropped at once and the daemon's
//! peak memory (VmHWM).
//!
//! ```text
//! cargo bench -p gleaner --bench watch
//! GLEANER_BENCH_FILES=200 GLEANER_BENCH_BURST=2000 cargo bench -p gleaner --bench watch
//! GLEANER_BENCH_ANALYZERS=1 cargo bench -p gleaner --bench watch   # with entities, dates, claims
//! ```
//!
//! Linux only (it reads /proc for the memory figure and relies on inotify).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

fn env_usize(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

/// About 5 KB of article text, different for each `i`.
fn article(i: usize) -> String {
    let sentences = [
        "The regional transport authority said on Wednesday that it would extend the night bus network to three more districts.",
        "Officials expect the change to cost about four million euros a year, paid from the fuel levy approved last spring.",
        "Residents of the northern suburbs have asked for later services since the last rail connection closed in 2019.",
        "\"We heard the complaints and we think this is a fair answer,\" the authority's director told reporters at the depot.",
        "Opposition councillors questioned whether the drivers' union had been consulted before the announcement.",
        "A spokesperson for the union said talks were planned for next month and that staffing remained the main concern.",
        "The first new routes are scheduled to start in September, with the rest following before the end of the year.",
        "Small businesses near the stations welcomed the plan, saying late-evening customers had been hard to reach.",
    ];
    let mut out = format!("Night buses to reach three more districts, report {i}\n\n");
    let mut k = i;
    while out.len() < 5000 {
        for _ in 0..4 {
            out.push_str(sentences[k % sentences.len()]);
            out.push(' ');
            k = k.wrapping_mul(31).wrapping_add(7);
        }
        out.push_str("\n\n");
    }
    out
}

struct Bench {
    dir: tempfile::TempDir,
    child: Child,
}

impl Bench {
    fn start(analyzers: bool) -> Bench {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(dir.path().join("in")).expect("in");
        let mut toml = String::from("[source]\ntype = \"folder\"\npath = \"in\"\n\n");
        if analyzers {
            for a in ["entities", "dates", "claims"] {
                toml.push_str(&format!("[analyzers.{a}]\ntype = \"{a}\"\n\n"));
            }
        }
        toml.push_str(
            "[sinks.json]\ntype = \"json\"\npath = \"out/json\"\npretty = false\n\n[watch]\nstatus_interval = \"5s\"\n",
        );
        fs::write(dir.path().join("pipeline.toml"), toml).expect("pipeline");
        let log = fs::File::create(dir.path().join("daemon.log")).expect("log");
        let child = Command::new(env!("CARGO_BIN_EXE_gleaner"))
            .args(["watch", "pipeline.toml"])
            .current_dir(dir.path())
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start gleaner watch");
        let b = Bench { dir, child };
        b.wait_for(Duration::from_secs(60), || {
            b.log().contains("initial scan done")
        });
        b
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn log(&self) -> String {
        fs::read_to_string(self.path("daemon.log")).unwrap_or_default()
    }

    fn wait_for(&self, limit: Duration, mut cond: impl FnMut() -> bool) {
        let start = Instant::now();
        while !cond() {
            if start.elapsed() > limit {
                panic!("timed out; daemon log:\n{}", self.log());
            }
            std::thread::sleep(Duration::from_millis(1));
        }
    }

    /// Peak resident memory of the daemon, in KiB.
    fn peak_rss_kib(&self) -> Option<u64> {
        let status = fs::read_to_string(format!("/proc/{}/status", self.child.id())).ok()?;
        status
            .lines()
            .find(|l| l.starts_with("VmHWM:"))?
            .split_whitespace()
            .nth(1)?
            .parse()
            .ok()
    }

    fn stop(mut self) {
        let _ = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status();
        let _ = self.child.wait();
    }
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

fn count_outputs(dir: &Path) -> usize {
    fs::read_dir(dir).map_or(0, |rd| {
        rd.filter_map(|e| e.ok())
            .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
            .count()
    })
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let files = env_usize("GLEANER_BENCH_FILES", 1000);
    let burst = env_usize("GLEANER_BENCH_BURST", 10_000);
    let analyzers = std::env::var("GLEANER_BENCH_ANALYZERS").is_ok_and(|v| v == "1");
    let b = Bench::start(analyzers);
    let label = if analyzers {
        "normalize + entities + dates + claims + json sink"
    } else {
        "normalize + json sink"
    };

    // Warm-up: the first document pays for lazily built tables.
    fs::write(b.path("in/warmup.txt"), article(0)).expect("write");
    b.wait_for(Duration::from_secs(60), || {
        b.path("out/json/warmup.json").exists()
    });

    let mut lat = Vec::with_capacity(files);
    for i in 0..files {
        let text = article(i + 1);
        let out = b.path(&format!("out/json/lat{i:05}.json"));
        fs::write(b.path(&format!("in/lat{i:05}.txt")), &text).expect("write");
        let closed = Instant::now();
        b.wait_for(Duration::from_secs(60), || out.exists());
        lat.push(closed.elapsed());
    }
    lat.sort();
    println!(
        "watch latency, close -> JSON output on disk ({label}), {files} files of ~5 KB: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        ms(percentile(&lat, 0.50)),
        ms(percentile(&lat, 0.99)),
        ms(percentile(&lat, 1.0)),
    );

    let out_dir = b.path("out/json");
    let before = count_outputs(&out_dir);
    let start = Instant::now();
    for i in 0..burst {
        fs::write(b.path(&format!("in/burst{i:05}.txt")), article(i + 7)).expect("write");
    }
    let written = start.elapsed();
    b.wait_for(Duration::from_secs(3600), || {
        std::thread::sleep(Duration::from_millis(20));
        count_outputs(&out_dir) >= before + burst
    });
    let total = start.elapsed();
    println!(
        "watch burst ({label}): {burst} files dropped in {:.2} s, all processed in {:.2} s: {:.0} files/s",
        written.as_secs_f64(),
        total.as_secs_f64(),
        burst as f64 / total.as_secs_f64()
    );
    match b.peak_rss_kib() {
        Some(kib) => println!(
            "watch daemon peak memory (VmHWM): {:.1} MiB",
            kib as f64 / 1024.0
        ),
        None => println!("watch daemon peak memory: unavailable (no /proc)"),
    }
    let log = b.log();
    println!(
        "watch burst: {} event-queue overflows, {} times the queue was full (files picked up by a rescan)",
        log.matches("rescanning").count(),
        log.matches("queue full").count()
    );
    b.stop();
}
