//! End-to-end tests of `gleaner watch`: the real binary on a temporary drop
//! folder, with a pipeline that writes JSON (no analyzers, to stay fast).
//!
//! The tests wait for conditions with generous timeouts and never assert on
//! timing: a slow machine makes them slower, not flaky.

use serde_json::Value;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(30);

/// A temporary drop folder (`in`), output folder (`out/json`) and pipeline.
struct Setup {
    dir: tempfile::TempDir,
}

impl Setup {
    fn new(watch_extra: &str) -> Setup {
        let dir = tempfile::tempdir().expect("tempdir");
        fs::create_dir_all(dir.path().join("in")).expect("in");
        let s = Setup { dir };
        s.write_pipeline("out/json", watch_extra);
        s
    }

    fn path(&self, rel: &str) -> PathBuf {
        self.dir.path().join(rel)
    }

    fn pipeline_text(out: &str, watch_extra: &str) -> String {
        format!(
            "[source]\ntype = \"folder\"\npath = \"in\"\n\n[sinks.json]\ntype = \"json\"\npath = \"{out}\"\npretty = false\n\n[watch]\nquiet = \"300ms\"\npoll_interval = \"100ms\"\nfinish_interval = \"200ms\"\nstatus_interval = \"2s\"\nretry_delay = \"100ms\"\nshutdown_timeout = \"5s\"\n{watch_extra}\n"
        )
    }

    fn write_pipeline(&self, out: &str, watch_extra: &str) {
        fs::write(
            self.path("pipeline.toml"),
            Self::pipeline_text(out, watch_extra),
        )
        .expect("pipeline");
    }

    fn start(&self, extra_args: &[&str]) -> Daemon {
        let log = fs::OpenOptions::new()
            .create(true)
            .append(true)
            .open(self.path("daemon.log"))
            .expect("log");
        let child = Command::new(env!("CARGO_BIN_EXE_gleaner"))
            .arg("watch")
            .arg("pipeline.toml")
            .args(extra_args)
            .current_dir(self.dir.path())
            .env_remove("RUST_LOG")
            .stdout(Stdio::null())
            .stderr(log)
            .spawn()
            .expect("start gleaner watch");
        Daemon { child: Some(child) }
    }

    fn log(&self) -> String {
        fs::read_to_string(self.path("daemon.log")).unwrap_or_default()
    }

    /// The output of source `stem`, when it exists.
    fn output(&self, stem: &str) -> Option<String> {
        fs::read_to_string(self.path(&format!("out/json/{stem}.json"))).ok()
    }

    /// Waits for `cond`, failing the test with the daemon's log on timeout.
    fn wait(&self, what: &str, mut cond: impl FnMut() -> bool) {
        let start = Instant::now();
        while !cond() {
            assert!(
                start.elapsed() < TIMEOUT,
                "timed out waiting for {what}; daemon log:\n{}",
                self.log()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// Waits until source `stem`'s output contains `marker`.
    fn wait_output(&self, stem: &str, marker: &str) {
        self.wait(&format!("out/json/{stem}.json with {marker}"), || {
            self.output(stem).is_some_and(|t| t.contains(marker))
        });
    }

    /// Every output file; each must be complete JSON (never half-written).
    fn outputs(&self, dir: &str) -> Vec<(String, Value)> {
        let mut out = Vec::new();
        let Ok(rd) = fs::read_dir(self.path(dir)) else {
            return out;
        };
        for e in rd {
            let p = e.expect("entry").path();
            let name = p.file_name().unwrap().to_string_lossy().into_owned();
            if name.starts_with('.') {
                continue; // a sink's temporary file, never an output
            }
            let bytes = fs::read(&p).expect("read output");
            let v: Value = serde_json::from_slice(&bytes)
                .unwrap_or_else(|e| panic!("{name} is not complete JSON: {e}"));
            out.push((name, v));
        }
        out.sort_by(|a, b| a.0.cmp(&b.0));
        out
    }
}

/// A running daemon, killed when dropped.
struct Daemon {
    child: Option<Child>,
}

impl Daemon {
    fn pid(&self) -> u32 {
        self.child.as_ref().expect("running").id()
    }

    fn signal(&self, sig: &str) {
        let ok = Command::new("kill")
            .args([sig, &self.pid().to_string()])
            .status()
            .expect("kill")
            .success();
        assert!(ok, "kill {sig} failed");
    }

    /// SIGTERM, then waits for the exit.
    fn stop(mut self) -> ExitStatus {
        self.signal("-TERM");
        let mut child = self.child.take().expect("running");
        let start = Instant::now();
        loop {
            if let Some(status) = child.try_wait().expect("wait") {
                return status;
            }
            if start.elapsed() > TIMEOUT {
                let _ = child.kill();
                panic!("the daemon did not stop within {TIMEOUT:?} of SIGTERM");
            }
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    /// SIGKILL: no chance to clean up.
    fn kill9(mut self) {
        self.signal("-KILL");
        let mut child = self.child.take().expect("running");
        let _ = child.wait();
    }
}

impl Drop for Daemon {
    fn drop(&mut self) {
        if let Some(mut c) = self.child.take() {
            let _ = c.kill();
            let _ = c.wait();
        }
    }
}

fn article(title: &str, marker: &str) -> String {
    format!(
        "{title}\n\nThe city council met on Tuesday to discuss the new budget, and the mayor said the plan would be voted on next month. Marker {marker} appears in this paragraph.\n\nResidents who spoke at the meeting asked for more money for parks and libraries.\n"
    )
}

fn mtime(p: &Path) -> std::time::SystemTime {
    fs::metadata(p).and_then(|m| m.modified()).expect("mtime")
}

#[test]
fn processes_every_kind_of_arrival_once() {
    let s = Setup::new("");
    // Dropped while the daemon was down.
    fs::write(s.path("in/before.txt"), article("Before", "zebra-before")).unwrap();
    let d = s.start(&[]);
    s.wait_output("before", "zebra-before");

    // Dropped during the run.
    fs::write(s.path("in/during.txt"), article("During", "zebra-during")).unwrap();
    s.wait_output("during", "zebra-during");

    // Written under a temporary name, then renamed to its final name.
    fs::write(
        s.path("in/renamed.txt.part"),
        article("Renamed", "zebra-renamed"),
    )
    .unwrap();
    fs::write(s.path("in/.dotted.txt"), article("Dotted", "zebra-dotted")).unwrap();
    fs::rename(s.path("in/renamed.txt.part"), s.path("in/renamed.txt")).unwrap();
    s.wait_output("renamed", "zebra-renamed");

    // Written slowly in pieces through one open handle: never processed
    // half-written.
    {
        let mut f = fs::File::create(s.path("in/slow.txt")).unwrap();
        let text = article("Slow", "zebra-slow-end");
        let (a, b) = text.split_at(text.len() / 2);
        f.write_all(a.as_bytes()).unwrap();
        f.flush().unwrap();
        std::thread::sleep(Duration::from_millis(700));
        assert!(
            s.output("slow").is_none(),
            "processed before the writer closed the file"
        );
        f.write_all(b.as_bytes()).unwrap();
    }
    s.wait_output("slow", "zebra-slow-end");

    // An identical copy under a new name gets its own outputs.
    fs::copy(s.path("in/during.txt"), s.path("in/copy.txt")).unwrap();
    s.wait_output("copy", "zebra-during");

    // A file that cannot be ingested goes to failed/ with its error.
    fs::write(s.path("in/broken.json"), "{ this is not json").unwrap();
    s.wait("broken.json in failed/ with its error file", || {
        s.path("in/failed/broken.json").exists()
            && fs::read_to_string(s.path("in/failed/broken.json.error.txt"))
                .is_ok_and(|t| t.contains("ingest"))
    });
    assert!(!s.path("in/broken.json").exists());

    // Mended and put back: processed, and its stale error file goes.
    fs::remove_file(s.path("in/failed/broken.json")).unwrap();
    fs::write(
        s.path("in/broken.json"),
        "{\"title\": \"Mended\", \"text\": \"The mended article says zebra-mended.\"}",
    )
    .unwrap();
    s.wait_output("broken", "zebra-mended");
    s.wait("the stale error file removed", || {
        !s.path("in/failed/broken.json.error.txt").exists()
    });

    // Changed after processing: its output is replaced.
    let before_out = s.path("out/json/before.json");
    fs::write(s.path("in/before.txt"), article("Before", "zebra-changed")).unwrap();
    s.wait_output("before", "zebra-changed");

    // Touched but unchanged: not processed again.
    let stamp = mtime(&before_out);
    let f = fs::OpenOptions::new()
        .append(true)
        .open(s.path("in/before.txt"))
        .unwrap();
    drop(f); // open for writing and close: a close-after-write event, same bytes
    fs::write(s.path("in/marker1.txt"), article("Marker", "zebra-m1")).unwrap();
    s.wait_output("marker1", "zebra-m1");
    assert_eq!(
        mtime(&before_out),
        stamp,
        "unchanged content was processed again"
    );

    assert!(
        d.stop().success(),
        "exit status after SIGTERM; log:\n{}",
        s.log()
    );

    // Restart: nothing is processed again; a file dropped while down is.
    fs::write(s.path("in/while-down.txt"), article("Down", "zebra-down")).unwrap();
    let d = s.start(&[]);
    s.wait_output("while-down", "zebra-down");
    assert_eq!(
        mtime(&before_out),
        stamp,
        "restart processed unchanged content again"
    );
    assert!(d.stop().success());

    let names: Vec<String> = s.outputs("out/json").into_iter().map(|(n, _)| n).collect();
    assert_eq!(
        names,
        [
            "before.json",
            "broken.json",
            "copy.json",
            "during.json",
            "marker1.json",
            "renamed.json",
            "slow.json",
            "while-down.json"
        ]
    );
    // The state is versioned JSON.
    let state: Value =
        serde_json::from_slice(&fs::read(s.path("in/.gleaner/state.json")).unwrap()).unwrap();
    assert_eq!(state["version"], 1);
    assert_eq!(state["entries"]["before.txt"]["status"], "done");
}

#[test]
fn survives_sigkill_mid_burst() {
    let s = Setup::new("after = \"move\"");
    let n = 300;
    let d = s.start(&[]);
    for i in 0..n {
        fs::write(
            s.path(&format!("in/a{i:03}.txt")),
            article("Burst", &format!("zebra-{i:03}-v1")),
        )
        .unwrap();
    }
    s.wait("some outputs before the kill", || {
        s.outputs("out/json").len() >= 20
    });
    d.kill9();
    // Whatever is there is whole: `outputs` parses every file and panics
    // on a torn one.
    s.outputs("out/json");

    // Also change a file that may or may not have been processed.
    fs::write(s.path("in/a007.txt"), article("Burst", "zebra-007-v2")).unwrap();
    let d = s.start(&[]);
    s.wait("every source moved to done/", || {
        (0..n).all(|i| {
            s.path(&format!("in/done/a{i:03}.txt")).exists()
                || s.path(&format!("in/done/a{i:03}-2.txt")).exists()
        }) && fs::read_dir(s.path("in"))
            .unwrap()
            .filter_map(|e| e.ok())
            .all(|e| e.path().is_dir())
    });
    assert!(d.stop().success(), "log:\n{}", s.log());

    let outs = s.outputs("out/json");
    assert_eq!(outs.len(), n, "exactly one output per file");
    for (i, (name, doc)) in outs.iter().enumerate() {
        assert_eq!(name, &format!("a{i:03}.json"));
        let want = if i == 7 {
            "zebra-007-v2".to_string()
        } else {
            format!("zebra-{i:03}-v1")
        };
        assert!(doc.to_string().contains(&want), "{name} lacks {want}");
    }
    assert!(
        !s.path("in/failed").exists(),
        "nothing failed; log:\n{}",
        s.log()
    );
    // No temporary file of an interrupted write is left behind.
    let leftovers: Vec<String> = fs::read_dir(s.path("out/json"))
        .unwrap()
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".tmp"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[test]
fn poll_mode_quiet_period_and_reload() {
    let s = Setup::new("");
    let d = s.start(&["--poll"]);
    fs::write(s.path("in/p1.txt"), article("Poll", "zebra-p1")).unwrap();
    s.wait_output("p1", "zebra-p1");

    // Written in pieces: whatever happens in between, the final output has
    // the final content.
    {
        let mut f = fs::File::create(s.path("in/p2.txt")).unwrap();
        let text = article("Pieces", "zebra-p2-end");
        for chunk in text.as_bytes().chunks(64) {
            f.write_all(chunk).unwrap();
            f.flush().unwrap();
            std::thread::sleep(Duration::from_millis(30));
        }
    }
    s.wait_output("p2", "zebra-p2-end");

    // A broken pipeline file is rejected; the running one keeps running.
    fs::write(
        s.path("pipeline.toml"),
        "[source]\ntype = \"folder\"\npath = \"in\"\n[sinks.json]\ntype = \"jsn\"\n",
    )
    .unwrap();
    s.wait("the rejection in the log", || s.log().contains("rejected"));
    fs::write(s.path("in/p3.txt"), article("Still", "zebra-p3")).unwrap();
    s.wait_output("p3", "zebra-p3");

    // A good one is taken: new files go to the new output folder.
    s.write_pipeline("out/json2", "");
    s.wait("the reload in the log", || {
        s.log().contains("pipeline reloaded")
    });
    fs::write(s.path("in/p4.txt"), article("New", "zebra-p4")).unwrap();
    s.wait("p4 in the new output folder", || {
        fs::read_to_string(s.path("out/json2/p4.json")).is_ok_and(|t| t.contains("zebra-p4"))
    });
    // SIGHUP reloads too.
    d.signal("-HUP");
    s.wait("the SIGHUP reload", || {
        s.log().matches("pipeline reloaded").count() >= 2
    });
    assert!(d.stop().success(), "log:\n{}", s.log());
}

#[test]
fn bad_watch_options_and_a_shared_state_are_refused() {
    let s = Setup::new("after = \"archive\"\nretries = \"many\"\nwhat = 1");
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(["watch", "pipeline.toml"])
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("3 errors"), "{err}");
    assert!(
        err.contains("pipeline.toml:") && err.contains("watch."),
        "{err}"
    );

    s.write_pipeline("out/json", "");
    let d = s.start(&[]);
    s.wait("the first daemon to start", || {
        s.log().contains("initial scan done")
    });
    let out = Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(["watch", "pipeline.toml"])
        .current_dir(s.dir.path())
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("in use"));
    assert!(d.stop().success());
}

#[test]
fn a_changed_file_loses_the_outputs_its_new_content_no_longer_has() {
    let s = Setup::new("");
    let d = s.start(&[]);
    let line = |title: &str, marker: &str| {
        serde_json::json!({"title": title, "text": article(title, marker)}).to_string()
    };
    let three = [
        line("One", "zebra-l1"),
        line("Two", "zebra-l2"),
        line("Three", "zebra-l3"),
    ]
    .join("\n");
    fs::write(s.path("in/feed.jsonl"), three + "\n").unwrap();
    s.wait_output("feed-3", "zebra-l3");
    s.wait_output("feed-1", "zebra-l1");

    // Now two lines, the second one changed: feed-3 must go, feed-2 change.
    let two = [line("One", "zebra-l1"), line("Two", "zebra-l2-new")].join("\n");
    fs::write(s.path("in/feed.jsonl"), two + "\n").unwrap();
    s.wait_output("feed-2", "zebra-l2-new");
    s.wait("feed-3.json to be removed", || s.output("feed-3").is_none());
    assert!(d.stop().success(), "log:\n{}", s.log());
    let names: Vec<String> = s.outputs("out/json").into_iter().map(|(n, _)| n).collect();
    assert_eq!(names, ["feed-1.json", "feed-2.json"]);
}
