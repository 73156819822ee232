//! Batch throughput and peak memory of `gleaner run`, measured on the real
//! release binary over generated folders of article-size files.
//!
//! ```sh
//! cargo bench -p gleaner --bench pipeline                 # 1,000 and 10,000 files
//! GLEANER_BENCH_SIZES=100000 cargo bench -p gleaner --bench pipeline
//! GLEANER_BENCH_ANALYZERS=0 cargo bench -p gleaner --bench pipeline   # ingest+normalize+json only
//! ```
//!
//! Memory should stay flat as the folder grows: the runner keeps a bounded
//! number of files in flight. The figures printed are wall time, documents and
//! words per second, and the child's peak resident set (ru_maxrss).

use std::fmt::Write as _;
use std::fs;
use std::path::Path;
use std::process::Command;
use std::time::Instant;

/// A varied news-style paragraph generator (words of our own, no corpus text).
fn article(i: usize) -> String {
    const PEOPLE: &[&str] = &[
        "Maria Lopez",
        "Daniel Okafor",
        "Yuki Tanaka",
        "Peter Novak",
        "Aisha Rahman",
        "Lars Eriksen",
    ];
    const ORGS: &[&str] = &[
        "the European Commission",
        "Siemens",
        "the World Health Organization",
        "Toyota",
        "the Federal Reserve",
        "Oxfam",
    ];
    const PLACES: &[&str] = &["Berlin", "Nairobi", "Osaka", "Lima", "Warsaw", "Toronto"];
    const MONTHS: &[&str] = &["January", "March", "May", "July", "September", "November"];
    let p = |k: usize| PEOPLE[(i + k) % PEOPLE.len()];
    let o = |k: usize| ORGS[(i * 7 + k) % ORGS.len()];
    let l = |k: usize| PLACES[(i * 3 + k) % PLACES.len()];
    let m = MONTHS[i % MONTHS.len()];
    let mut s = format!("Report {i}: talks in {} end without a deal\n\n", l(0));
    for k in 0..9 {
        let _ = write!(
            s,
            "{} said on Tuesday that {} would review the plan in {m} after officials in {} raised concerns. \
             \"We will not sign anything that hurts workers in {},\" {} told reporters. \
             According to {}, the project could cost {} million euros over three years, and a decision is expected by {m} {}.\n\n",
            p(k),
            o(k),
            l(k + 1),
            l(k + 2),
            p(k + 1),
            o(k + 1),
            120 + (i + k) % 400,
            2020 + (i + k) % 6,
        );
    }
    s
}

fn peak_rss_kib(child: &mut std::process::Child) -> (std::process::ExitStatus, i64) {
    let pid = child.id() as libc::pid_t;
    let mut status: libc::c_int = 0;
    // SAFETY: rusage is plain data; wait4 fills it for our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    // SAFETY: pid is our child's; the pointers are valid for the call.
    let r = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(r, pid, "wait4 failed");
    use std::os::unix::process::ExitStatusExt;
    (std::process::ExitStatus::from_raw(status), usage.ru_maxrss)
}

fn run(n: usize, analyzers: bool, bin: &Path) {
    let dir = tempfile::tempdir().expect("tempdir");
    let input = dir.path().join("in");
    fs::create_dir_all(&input).expect("mkdir");
    let mut words = 0;
    for i in 0..n {
        let a = article(i);
        words += a.split_whitespace().count();
        fs::write(input.join(format!("a{i:06}.txt")), a).expect("write");
    }
    let mut toml = format!(
        "[source]\ntype = \"folder\"\npath = {:?}\n\n",
        input.display().to_string()
    );
    if analyzers {
        toml.push_str("[analyzers.entities]\ntype = \"entities\"\n[analyzers.dates]\ntype = \"dates\"\n[analyzers.claims]\ntype = \"claims\"\n");
    }
    let _ = write!(
        toml,
        "[sinks.json]\ntype = \"json\"\npath = {:?}\n",
        dir.path().join("out").display().to_string()
    );
    let p = dir.path().join("p.toml");
    fs::write(&p, toml).expect("pipeline");
    let t = Instant::now();
    let mut child = Command::new(bin)
        .args(["run", "--no-progress"])
        .arg(&p)
        .spawn()
        .expect("spawn gleaner");
    let (status, rss) = peak_rss_kib(&mut child);
    let secs = t.elapsed().as_secs_f64();
    assert!(status.success(), "gleaner run failed: {status}");
    println!(
        "files={n:>7} analyzers={analyzers:<5} wall={secs:>7.2}s docs/s={:>8.0} words/s={:>10.0} peak_rss={:>7.1} MiB",
        n as f64 / secs,
        words as f64 / secs,
        rss as f64 / 1024.0
    );
}

fn main() {
    // `cargo bench` passes --bench; `cargo test --benches` does not, and
    // gets nothing to run rather than a long measurement.
    if !std::env::args().any(|a| a == "--bench") {
        return;
    }
    let bin = Path::new(env!("CARGO_BIN_EXE_gleaner"));
    let sizes: Vec<usize> = std::env::var("GLEANER_BENCH_SIZES")
        .ok()
        .map(|s| s.split(',').filter_map(|x| x.trim().parse().ok()).collect())
        .unwrap_or_else(|| vec![1_000, 10_000]);
    let analyzers = std::env::var("GLEANER_BENCH_ANALYZERS").map_or(true, |v| v != "0");
    for n in sizes {
        run(n, analyzers, bin);
    }
}
