//! The `[watch]` table of a pipeline file: the daemon's options, their
//! validation (every error at once, with file, line and column), and the
//! [`Settings`] they resolve to (absolute folders, durations).

use crate::config::{ConfigError, ConfigErrors, Pipeline};
use gleaner_core::OptionInfo;
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// What happens to a source file once every document in it is done.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize, Default)]
#[serde(rename_all = "lowercase")]
pub enum After {
    /// Leave it where it is (the state remembers it was processed).
    #[default]
    Keep,
    /// Move it into the done folder, keeping its path below the source folder.
    Move,
    /// Delete it.
    Delete,
}

impl After {
    /// The option's spelling.
    pub fn as_str(&self) -> &'static str {
        match self {
            After::Keep => "keep",
            After::Move => "move",
            After::Delete => "delete",
        }
    }
}

/// The `[watch]` table as written in the pipeline file.
#[derive(Debug, Clone, Deserialize, Default)]
#[serde(deny_unknown_fields)]
pub struct WatchConfig {
    /// Folder of the daemon's state (what was processed into which
    /// outputs). Default: `.gleaner` inside the source folder.
    pub state: Option<String>,
    /// What to do with a source file after all its documents are written:
    /// `keep` (default), `move` (into `done`) or `delete`.
    pub after: Option<After>,
    /// Folder that `after = "move"` moves finished files into. Default:
    /// `done` inside the source folder (never read as input).
    pub done: Option<String>,
    /// Folder that failed files are moved into, each with a `.error.txt`
    /// beside it. Default: `failed` inside the source folder (never read as
    /// input).
    pub failed: Option<String>,
    /// How long a file's size and modification time must stay unchanged
    /// before it counts as complete, where close-after-write events are not
    /// available (poll mode, macOS, Windows, and files found by a scan).
    /// Default `"1s"`.
    pub quiet: Option<String>,
    /// Poll the folder instead of using file-system events (as `--poll`).
    /// Default: `[source] poll`.
    pub poll: Option<bool>,
    /// Time between two scans of the folder in poll mode. Default `"1s"`.
    pub poll_interval: Option<String>,
    /// Time between two full rescans in event mode, a safety net for events
    /// the operating system lost; `"0s"` turns it off. Default `"10m"`.
    pub rescan_interval: Option<String>,
    /// Time between two one-line status logs; `"0s"` turns them off.
    /// Default `"60s"`.
    pub status_interval: Option<String>,
    /// Shortest time between two calls of the sinks' end-of-batch step
    /// (e.g. the Markdown index), run when the daemon is idle. Default `"2s"`.
    pub finish_interval: Option<String>,
    /// Attempts after the first for a sink write that failed with a
    /// transient error (disk full, permission denied). Default 8.
    pub retries: Option<u32>,
    /// Wait before the first retry; doubles on each attempt. Default `"1s"`.
    pub retry_delay: Option<String>,
    /// Longest wait between two retries. Default `"60s"`.
    pub retry_max_delay: Option<String>,
    /// Most files waiting to be processed; beyond it, new events are dropped
    /// and a rescan picks the files up once the queue has drained, so memory
    /// stays bounded however many files arrive. Default 4096.
    pub queue_limit: Option<usize>,
    /// On SIGINT/SIGTERM, how long to let in-flight files finish before they
    /// are abandoned (and processed again on the next start). Default `"10s"`.
    pub shutdown_timeout: Option<String>,
    /// The state forgets a file that left the source folder (moved, deleted,
    /// failed) this long after it was processed. Default `"30d"`.
    pub forget_after: Option<String>,
}

/// Options of the `[watch]` table, for documentation and `gleaner stages`.
pub fn watch_options() -> Vec<OptionInfo> {
    let o = |name, ty, default, doc| OptionInfo {
        name,
        ty,
        default: Some(default),
        doc,
    };
    vec![
        o(
            "state",
            "path",
            "\"<source>/.gleaner\"",
            "folder of the daemon's state",
        ),
        o(
            "after",
            "string",
            "\"keep\"",
            "what to do with a finished source file: keep, move (into `done`) or delete",
        ),
        o(
            "done",
            "path",
            "\"<source>/done\"",
            "where `after = \"move\"` puts finished files",
        ),
        o(
            "failed",
            "path",
            "\"<source>/failed\"",
            "where failed files go, each with a .error.txt beside it",
        ),
        o(
            "quiet",
            "duration",
            "\"1s\"",
            "size and mtime unchanged this long = complete (poll mode, non-Linux, scans)",
        ),
        o(
            "poll",
            "bool",
            "[source] poll",
            "poll instead of file-system events",
        ),
        o(
            "poll_interval",
            "duration",
            "\"1s\"",
            "time between two scans in poll mode",
        ),
        o(
            "rescan_interval",
            "duration",
            "\"10m\"",
            "full rescan in event mode as a safety net; \"0s\" turns it off",
        ),
        o(
            "status_interval",
            "duration",
            "\"60s\"",
            "time between two status lines; \"0s\" turns them off",
        ),
        o(
            "finish_interval",
            "duration",
            "\"2s\"",
            "shortest time between two end-of-batch steps of the sinks (indexes)",
        ),
        o(
            "retries",
            "integer",
            "8",
            "retries of a sink write that failed with a transient error",
        ),
        o(
            "retry_delay",
            "duration",
            "\"1s\"",
            "first retry delay, doubled each time",
        ),
        o(
            "retry_max_delay",
            "duration",
            "\"60s\"",
            "longest retry delay",
        ),
        o(
            "queue_limit",
            "integer",
            "4096",
            "most files waiting; beyond it a rescan picks them up later",
        ),
        o(
            "shutdown_timeout",
            "duration",
            "\"10s\"",
            "on SIGTERM, how long in-flight files may finish",
        ),
        o(
            "forget_after",
            "duration",
            "\"30d\"",
            "forget files that left the folder this long after processing",
        ),
    ]
}

/// The daemon's resolved settings.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// The source folder, as written in the pipeline (document ids are
    /// relative to it).
    pub root: PathBuf,
    /// Whether subfolders are watched too.
    pub recursive: bool,
    /// The state folder.
    pub state_dir: PathBuf,
    /// What to do with finished files.
    pub after: After,
    /// The done folder.
    pub done_dir: PathBuf,
    /// The failed folder.
    pub failed_dir: PathBuf,
    /// Quiet period.
    pub quiet: Duration,
    /// Poll instead of events.
    pub poll: bool,
    /// Poll interval.
    pub poll_interval: Duration,
    /// Safety-net rescan interval (event mode); `None` when off.
    pub rescan_interval: Option<Duration>,
    /// Status line interval; `None` when off.
    pub status_interval: Option<Duration>,
    /// Shortest time between two finish steps.
    pub finish_interval: Duration,
    /// Retries of transient sink errors.
    pub retries: u32,
    /// First retry delay.
    pub retry_delay: Duration,
    /// Longest retry delay.
    pub retry_max_delay: Duration,
    /// Most files waiting.
    pub queue_limit: usize,
    /// Grace period at shutdown.
    pub shutdown_timeout: Duration,
    /// How long the state remembers files that left the folder.
    pub forget_after: Duration,
    /// Output folders of sinks (their `path` option) that lie inside the
    /// source folder: never read as input.
    pub sink_dirs: Vec<PathBuf>,
}

impl Settings {
    /// Folders under the source root that are never read as input (done,
    /// failed and state folders when they are inside it).
    pub fn excluded(&self) -> Vec<PathBuf> {
        [&self.state_dir, &self.done_dir, &self.failed_dir]
            .into_iter()
            .chain(&self.sink_dirs)
            .filter(|d| d.starts_with(&self.root))
            .cloned()
            .collect()
    }
}

/// Parses a duration written as a number and a unit: `250ms`, `2s`, `5m`,
/// `1h`, `30d`.
pub fn parse_duration(text: &str) -> Result<Duration, String> {
    let t = text.trim();
    let split = t
        .find(|c: char| !c.is_ascii_digit() && c != '.')
        .unwrap_or(t.len());
    let (num, unit) = t.split_at(split);
    let value: f64 = num.parse().map_err(|_| {
        format!(
            "`{text}` is not a duration (write e.g. \"500ms\", \"2s\", \"5m\", \"1h\", \"30d\")"
        )
    })?;
    let secs = match unit.trim() {
        "ms" => value / 1000.0,
        "s" => value,
        "m" | "min" => value * 60.0,
        "h" => value * 3600.0,
        "d" => value * 86_400.0,
        "" => {
            return Err(format!(
                "`{text}` has no unit (write e.g. \"{text}s\" or \"{text}ms\")"
            ))
        }
        other => {
            return Err(format!(
                "`{text}`: unknown unit `{other}` (units are ms, s, m, h, d)"
            ))
        }
    };
    if !secs.is_finite() || !(0.0..=1e9).contains(&secs) {
        return Err(format!("`{text}` is out of range"));
    }
    Ok(Duration::from_secs_f64(secs))
}

/// Validates the `[watch]` table of `pipeline` (with `--poll` forcing poll
/// mode), reporting every problem with its place in the pipeline file.
pub fn resolve(pipeline: &Pipeline, force_poll: bool) -> Result<Settings, ConfigErrors> {
    let file = &pipeline.file;
    let text = pipeline.text.as_str();
    let mut errors = Vec::new();
    let mut err = |key: &str, message: String| {
        let location = locate(text, key);
        errors.push(ConfigError {
            file: file.clone(),
            location,
            key: if key.is_empty() {
                "watch".to_string()
            } else {
                format!("watch.{key}")
            },
            message,
        });
    };
    let raw = match &pipeline.watch {
        serde_json::Value::Null => WatchConfig::default(),
        serde_json::Value::Object(table) => {
            // Key by key, so that every problem is reported at once.
            let names: Vec<&str> = watch_options().iter().map(|o| o.name).collect();
            let mut clean = serde_json::Map::new();
            for (k, v) in table {
                if !names.contains(&k.as_str()) {
                    err(
                        k,
                        format!("unknown option `{k}`; options are {}", names.join(", ")),
                    );
                    continue;
                }
                let one = serde_json::Value::Object([(k.clone(), v.clone())].into_iter().collect());
                match serde_json::from_value::<WatchConfig>(one) {
                    Ok(_) => {
                        clean.insert(k.clone(), v.clone());
                    }
                    Err(e) => err(k, e.to_string()),
                }
            }
            serde_json::from_value(serde_json::Value::Object(clean)).unwrap_or_default()
        }
        _ => {
            err("", "`watch` must be a table ([watch])".to_string());
            return Err(ConfigErrors(errors));
        }
    };
    let Some(root) = pipeline.source.path.as_ref().map(PathBuf::from) else {
        err(
            "",
            "watching needs `[source] path`: the folder to watch".to_string(),
        );
        return Err(ConfigErrors(errors));
    };
    let mut dur = |key: &str, value: &Option<String>, default: &str| -> Duration {
        let v = value.as_deref().unwrap_or(default);
        match parse_duration(v) {
            Ok(d) => d,
            Err(m) => {
                err(key, m);
                Duration::ZERO
            }
        }
    };
    let quiet = dur("quiet", &raw.quiet, "1s");
    let poll_interval = dur("poll_interval", &raw.poll_interval, "1s");
    let rescan = dur("rescan_interval", &raw.rescan_interval, "10m");
    let status = dur("status_interval", &raw.status_interval, "60s");
    let finish_interval = dur("finish_interval", &raw.finish_interval, "2s");
    let retry_delay = dur("retry_delay", &raw.retry_delay, "1s");
    let retry_max_delay = dur("retry_max_delay", &raw.retry_max_delay, "60s");
    let shutdown_timeout = dur("shutdown_timeout", &raw.shutdown_timeout, "10s");
    let forget_after = dur("forget_after", &raw.forget_after, "30d");
    if raw.poll_interval.is_some() && poll_interval < Duration::from_millis(10) {
        err("poll_interval", "must be at least 10ms".to_string());
    }
    let queue_limit = raw.queue_limit.unwrap_or(4096);
    if queue_limit == 0 {
        err("queue_limit", "must be at least 1".to_string());
    }
    let folder = |value: &Option<String>, default: &str| -> PathBuf {
        value
            .as_ref()
            .map(PathBuf::from)
            .unwrap_or_else(|| root.join(default))
    };
    let state_dir = folder(&raw.state, ".gleaner");
    let done_dir = folder(&raw.done, "done");
    let failed_dir = folder(&raw.failed, "failed");
    for (key, dir) in [
        ("state", &state_dir),
        ("done", &done_dir),
        ("failed", &failed_dir),
    ] {
        if dir.exists() && !dir.is_dir() {
            err(
                key,
                format!("`{}` exists and is not a folder", dir.display()),
            );
        }
        if *dir == root {
            err(key, "must not be the source folder itself".to_string());
        }
    }
    if !errors.is_empty() {
        errors.sort_by_key(|e| (e.location.is_none(), e.location.unwrap_or_default()));
        return Err(ConfigErrors(errors));
    }
    let nonzero = |d: Duration| (!d.is_zero()).then_some(d);
    Ok(Settings {
        recursive: pipeline.source.recursive,
        state_dir,
        after: raw.after.unwrap_or_default(),
        done_dir,
        failed_dir,
        quiet,
        poll: force_poll || raw.poll.unwrap_or(pipeline.source.poll),
        poll_interval: poll_interval.max(Duration::from_millis(10)),
        rescan_interval: nonzero(rescan),
        status_interval: nonzero(status),
        finish_interval,
        retries: raw.retries.unwrap_or(8),
        retry_delay,
        retry_max_delay: retry_max_delay.max(retry_delay),
        queue_limit,
        shutdown_timeout,
        forget_after,
        sink_dirs: sink_dirs(text, &root),
        root,
    })
}

/// The `path` options of the pipeline's sinks that lie inside `root`, so
/// that a sink writing into the watched folder never feeds itself.
fn sink_dirs(text: &str, root: &Path) -> Vec<PathBuf> {
    let Ok(table) = text.parse::<toml::Table>() else {
        return Vec::new();
    };
    let Some(sinks) = table.get("sinks").and_then(|s| s.as_table()) else {
        return Vec::new();
    };
    sinks
        .values()
        .filter_map(|s| s.get("path")?.as_str().map(PathBuf::from))
        .filter(|p| p.starts_with(root))
        .collect()
}

/// Line and column of `watch.KEY` (or of the `[watch]` table) in `text`.
fn locate(text: &str, key: &str) -> Option<(usize, usize)> {
    let doc = text.parse::<toml_edit::Document<String>>().ok()?;
    let (wk, witem) = doc.as_table().get_key_value("watch")?;
    let mut span = wk.span().or_else(|| witem.span());
    if !key.is_empty() {
        if let Some(t) = witem.as_table_like() {
            if let Some((k, v)) = t.get_key_value(key) {
                span = k.span().or_else(|| v.span()).or(span);
            }
        }
    }
    let at = span?.start.min(text.len());
    let before = text.get(..at)?;
    let line = before.matches('\n').count() + 1;
    let col = before.rsplit('\n').next().map_or(0, |l| l.chars().count()) + 1;
    Some((line, col))
}

/// `path` relative to `root`, `/`-separated, or `None` when it is not
/// below it.
pub fn relative(root: &Path, path: &Path) -> Option<String> {
    let rel = path.strip_prefix(root).ok()?;
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            std::path::Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    (!parts.is_empty()).then(|| parts.join("/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn durations_need_units() {
        assert_eq!(parse_duration("250ms"), Ok(Duration::from_millis(250)));
        assert_eq!(parse_duration("2s"), Ok(Duration::from_secs(2)));
        assert_eq!(parse_duration("1.5m"), Ok(Duration::from_secs(90)));
        assert_eq!(parse_duration("30d"), Ok(Duration::from_secs(30 * 86_400)));
        assert!(parse_duration("5").unwrap_err().contains("no unit"));
        assert!(parse_duration("5y").unwrap_err().contains("unknown unit"));
        assert!(parse_duration("soon").is_err());
    }

    #[test]
    fn locates_watch_keys() {
        let text = "[source]\ntype = \"folder\"\n\n[watch]\nquiet = \"x\"\n";
        assert_eq!(locate(text, "quiet"), Some((5, 1)));
        assert_eq!(locate(text, ""), Some((4, 2)));
        assert_eq!(locate("", "quiet"), None);
    }

    fn pipeline(dir: &Path, watch: &str) -> Pipeline {
        let text = format!(
            "[source]\ntype = \"folder\"\npath = {:?}\n\n[sinks.json]\ntype = \"json\"\npath = {:?}\n\n[watch]\n{watch}\n",
            dir.display().to_string(),
            dir.join("out").display().to_string()
        );
        let file = dir.join("p.toml");
        std::fs::write(&file, &text).unwrap();
        crate::config::parse(
            &file,
            &text,
            &crate::Registry::builtin(),
            &Default::default(),
        )
        .unwrap()
    }

    #[test]
    fn every_watch_error_is_reported_with_its_place() {
        let dir = tempfile::tempdir().unwrap();
        let p = pipeline(
            dir.path(),
            "after = \"archive\"\nquiet = \"5\"\nwhat = 1\nretries = 2",
        );
        let errs = resolve(&p, false).unwrap_err().0;
        let keys: Vec<&str> = errs.iter().map(|e| e.key.as_str()).collect();
        assert_eq!(
            keys,
            vec!["watch.after", "watch.quiet", "watch.what"],
            "{errs:?}"
        );
        assert_eq!(errs[0].location, Some((10, 1)));
        assert!(errs[2].message.contains("options are"));
    }

    #[test]
    fn defaults_live_inside_the_source_folder() {
        let dir = tempfile::tempdir().unwrap();
        let p = pipeline(dir.path(), "after = \"move\"");
        let s = resolve(&p, true).unwrap();
        assert!(s.poll);
        assert_eq!(s.after, After::Move);
        assert_eq!(s.state_dir, dir.path().join(".gleaner"));
        // state, done, failed, and the sink folder (inside the source here).
        assert_eq!(s.excluded().len(), 4);
        let inside = sink_dirs(
            "[sinks.a]\npath = \"in/out\"\n[sinks.b]\npath = \"out\"\n",
            Path::new("in"),
        );
        assert_eq!(inside, vec![PathBuf::from("in/out")]);
        assert_eq!(s.quiet, Duration::from_secs(1));
    }

    #[test]
    fn relative_paths_use_slashes() {
        assert_eq!(
            relative(Path::new("in"), Path::new("in/a/b.txt")).as_deref(),
            Some("a/b.txt")
        );
        assert_eq!(relative(Path::new("in"), Path::new("other/b.txt")), None);
        assert_eq!(relative(Path::new("in"), Path::new("in")), None);
    }
}
