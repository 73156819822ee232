//! The options of an `[analyzers.NAME] type = "exec"` table, their
//! descriptions for `gleaner stages`, and their validation into a [`Spec`]
//! (the command found, limits checked) so that `gleaner check` reports a
//! missing program before anything runs.

use gleaner_core::{BuildContext, ConfigIssue, OptionInfo};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::Duration;

/// Options of an `exec` analyzer.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ExecOptions {
    /// The program to run: a path (relative to the working directory) or a
    /// name looked up on `PATH`.
    pub command: String,
    /// Arguments given to the program.
    #[serde(default)]
    pub args: Vec<String>,
    /// Environment variables set for the program, on top of Gleaner's own.
    #[serde(default)]
    pub env: BTreeMap<String, String>,
    /// Milliseconds allowed for one document's response; past it, the
    /// document fails and the process is killed and restarted.
    #[serde(default = "default_timeout_ms")]
    pub timeout_ms: u64,
    /// Milliseconds a fresh process has to write its handshake (loading a
    /// model can take a while); past it, the start counts as a crash.
    #[serde(default = "default_start_timeout_ms")]
    pub start_timeout_ms: u64,
    /// Processes run at once; each handles one document at a time.
    #[serde(default = "default_instances")]
    pub instances: usize,
    /// Capabilities this analyzer provides to others of the pipeline.
    #[serde(default)]
    pub provides: Vec<String>,
    /// Capabilities it needs from other analyzers of the pipeline (e.g.
    /// `entities`): they run first, and `gleaner check` fails without them.
    #[serde(default)]
    pub requires: Vec<String>,
    /// Crashes within `crash_window_ms` after which documents fail at once
    /// instead of restarting the process again.
    #[serde(default = "default_max_crashes")]
    pub max_crashes: usize,
    /// The window, in milliseconds, in which crashes are counted.
    #[serde(default = "default_crash_window_ms")]
    pub crash_window_ms: u64,
    /// Delay before the first restart after a crash, in milliseconds; it
    /// doubles with each further crash in the window (up to 30 s).
    #[serde(default = "default_restart_backoff_ms")]
    pub restart_backoff_ms: u64,
    /// Longest response line accepted, in bytes; a longer one fails the
    /// document and restarts the process.
    #[serde(default = "default_max_response_bytes")]
    pub max_response_bytes: usize,
}

fn default_timeout_ms() -> u64 {
    30_000
}
fn default_start_timeout_ms() -> u64 {
    10_000
}
fn default_instances() -> usize {
    1
}
fn default_max_crashes() -> usize {
    5
}
fn default_crash_window_ms() -> u64 {
    60_000
}
fn default_restart_backoff_ms() -> u64 {
    250
}
fn default_max_response_bytes() -> usize {
    64 * 1024 * 1024
}

/// Most processes one analyzer may run.
const MAX_INSTANCES: usize = 256;

/// Longest backoff between restarts.
pub const MAX_BACKOFF: Duration = Duration::from_secs(30);
/// Longest `restart_backoff_ms`.
const MAX_BACKOFF_MS: u64 = 30_000;
/// Longest `crash_window_ms`.
const MAX_WINDOW_MS: u64 = 86_400_000;

/// Descriptions of the options, for `gleaner stages` and validation.
pub fn options_info() -> Vec<OptionInfo> {
    vec![
        OptionInfo {
            name: "command",
            ty: "string",
            default: None,
            doc: "program to run: a path (relative to the working directory) or a name on PATH",
        },
        OptionInfo {
            name: "args",
            ty: "array of strings",
            default: Some("[]"),
            doc: "arguments given to the program",
        },
        OptionInfo {
            name: "env",
            ty: "table of strings",
            default: Some("{}"),
            doc: "environment variables set for the program, on top of Gleaner's own",
        },
        OptionInfo {
            name: "timeout_ms",
            ty: "integer",
            default: Some("30000"),
            doc: "time allowed per document; past it the document fails and the process is killed and restarted",
        },
        OptionInfo {
            name: "start_timeout_ms",
            ty: "integer",
            default: Some("10000"),
            doc: "time a fresh process has to write its handshake; past it the start counts as a crash",
        },
        OptionInfo {
            name: "instances",
            ty: "integer",
            default: Some("1"),
            doc: "processes run at once, each handling one document at a time",
        },
        OptionInfo {
            name: "provides",
            ty: "array of strings",
            default: Some("[]"),
            doc: "capabilities it provides to other analyzers",
        },
        OptionInfo {
            name: "requires",
            ty: "array of strings",
            default: Some("[]"),
            doc: "capabilities it needs (e.g. [\"entities\"]): those analyzers run first; `gleaner check` fails without them",
        },
        OptionInfo {
            name: "max_crashes",
            ty: "integer",
            default: Some("5"),
            doc: "crashes within crash_window_ms after which documents fail at once instead of restarting it",
        },
        OptionInfo {
            name: "crash_window_ms",
            ty: "integer",
            default: Some("60000"),
            doc: "window in which crashes are counted",
        },
        OptionInfo {
            name: "restart_backoff_ms",
            ty: "integer",
            default: Some("250"),
            doc: "delay before restarting after a crash; doubles per further crash in the window (max 30 s)",
        },
        OptionInfo {
            name: "max_response_bytes",
            ty: "integer",
            default: Some("67108864"),
            doc: "longest response line accepted; a longer one fails the document and restarts the process",
        },
    ]
}

/// Validated options, ready to start processes with.
#[derive(Debug, Clone)]
pub struct Spec {
    /// The analyzer's name in the pipeline.
    pub name: String,
    /// The command as the user wrote it (for messages).
    pub command: String,
    /// The program to spawn.
    pub program: PathBuf,
    /// Its arguments.
    pub args: Vec<String>,
    /// Extra environment.
    pub env: BTreeMap<String, String>,
    /// Per-document timeout.
    pub timeout: Duration,
    /// Handshake timeout.
    pub start_timeout: Duration,
    /// Pool size.
    pub instances: usize,
    /// Declared capabilities.
    pub provides: Vec<String>,
    /// Declared requirements.
    pub requires: Vec<String>,
    /// Crash breaker threshold.
    pub max_crashes: usize,
    /// Crash breaker window.
    pub crash_window: Duration,
    /// First restart delay.
    pub backoff: Duration,
    /// Response line limit.
    pub max_response_bytes: usize,
}

impl ExecOptions {
    /// Checks the options and finds the program; returns every problem.
    pub fn validate(self, name: &str, ctx: &BuildContext) -> Result<Spec, Vec<ConfigIssue>> {
        let mut issues = Vec::new();
        let program = if self.command.trim().is_empty() {
            issues.push(ConfigIssue::new("command", "must not be empty"));
            None
        } else {
            match find_program(&self.command, ctx) {
                Ok(p) => Some(p),
                Err(msg) => {
                    issues.push(ConfigIssue::new("command", msg));
                    None
                }
            }
        };
        for k in self.env.keys() {
            if k.is_empty() || k.contains('=') || k.contains('\0') {
                issues.push(ConfigIssue::new(
                    format!("env.{k}"),
                    "an environment variable name must be non-empty, without `=` or NUL",
                ));
            }
        }
        if self.timeout_ms == 0 {
            issues.push(ConfigIssue::new("timeout_ms", "must be at least 1"));
        }
        if self.start_timeout_ms == 0 {
            issues.push(ConfigIssue::new("start_timeout_ms", "must be at least 1"));
        }
        if self.instances == 0 || self.instances > MAX_INSTANCES {
            issues.push(ConfigIssue::new(
                "instances",
                format!(
                    "must be between 1 and {MAX_INSTANCES}, found {}",
                    self.instances
                ),
            ));
        }
        if self.max_crashes == 0 {
            issues.push(ConfigIssue::new("max_crashes", "must be at least 1"));
        }
        if self.crash_window_ms == 0 || self.crash_window_ms > MAX_WINDOW_MS {
            issues.push(ConfigIssue::new(
                "crash_window_ms",
                format!("must be between 1 and {MAX_WINDOW_MS} (a day)"),
            ));
        }
        if self.restart_backoff_ms > MAX_BACKOFF_MS {
            issues.push(ConfigIssue::new(
                "restart_backoff_ms",
                format!("must be at most {MAX_BACKOFF_MS} (30 s)"),
            ));
        }
        if self.max_response_bytes < 2 {
            issues.push(ConfigIssue::new("max_response_bytes", "must be at least 2"));
        }
        for (key, list) in [("provides", &self.provides), ("requires", &self.requires)] {
            if list.iter().any(|c| c.trim().is_empty()) {
                issues.push(ConfigIssue::new(key, "capability names must not be empty"));
            }
        }
        if self.provides.iter().any(|p| self.requires.contains(p)) {
            issues.push(ConfigIssue::new(
                "requires",
                "an analyzer cannot require a capability it provides",
            ));
        }
        match program {
            Some(program) if issues.is_empty() => Ok(Spec {
                name: name.to_string(),
                command: self.command,
                program,
                args: self.args,
                env: self.env,
                timeout: Duration::from_millis(self.timeout_ms),
                start_timeout: Duration::from_millis(self.start_timeout_ms),
                instances: self.instances,
                provides: self.provides,
                requires: self.requires,
                max_crashes: self.max_crashes,
                crash_window: Duration::from_millis(self.crash_window_ms),
                backoff: Duration::from_millis(self.restart_backoff_ms),
                max_response_bytes: self.max_response_bytes,
            }),
            _ => Err(issues),
        }
    }
}

/// Finds `command`: a path when it has a directory part, else a name on
/// `PATH`.
fn find_program(command: &str, ctx: &BuildContext) -> Result<PathBuf, String> {
    find_program_in(command, ctx, std::env::var_os("PATH"))
}

/// [`find_program`] with an explicit `PATH` value.
fn find_program_in(
    command: &str,
    ctx: &BuildContext,
    path: Option<std::ffi::OsString>,
) -> Result<PathBuf, String> {
    let has_dir = Path::new(command).components().count() > 1 || command.contains('/');
    if has_dir {
        let p = ctx.resolve(command);
        if !p.exists() {
            return Err(format!(
                "`{command}` does not exist (relative paths are taken from the working directory)"
            ));
        }
        if !p.is_file() {
            return Err(format!("`{command}` is not a file"));
        }
        if !is_executable(&p) {
            return Err(format!(
                "`{command}` is not executable: make it so (chmod +x) or run it through its interpreter (command = \"python3\", args = [\"{command}\"])"
            ));
        }
        return Ok(p);
    }
    let path = path.unwrap_or_default();
    for dir in std::env::split_paths(&path) {
        for candidate in candidates(&dir, command) {
            if candidate.is_file() && is_executable(&candidate) {
                return Ok(candidate);
            }
        }
    }
    Err(format!("`{command}` was not found on PATH"))
}

#[cfg(windows)]
fn candidates(dir: &Path, command: &str) -> Vec<PathBuf> {
    let exts = std::env::var("PATHEXT").unwrap_or_else(|_| ".COM;.EXE;.BAT;.CMD".into());
    std::iter::once(dir.join(command))
        .chain(
            exts.split(';')
                .filter(|e| !e.is_empty())
                .map(|e| dir.join(format!("{command}{}", e.to_ascii_lowercase()))),
        )
        .collect()
}

#[cfg(not(windows))]
fn candidates(dir: &Path, command: &str) -> Vec<PathBuf> {
    vec![dir.join(command)]
}

#[cfg(unix)]
fn is_executable(p: &Path) -> bool {
    use std::os::unix::fs::PermissionsExt;
    p.metadata()
        .is_ok_and(|m| m.permissions().mode() & 0o111 != 0)
}

#[cfg(not(unix))]
fn is_executable(_p: &Path) -> bool {
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::parse_options;
    use serde_json::json;

    /// A program that exists everywhere the tests run: the test binary.
    fn me() -> String {
        std::env::current_exe().unwrap().display().to_string()
    }

    fn build(v: serde_json::Value) -> Result<Spec, Vec<ConfigIssue>> {
        parse_options::<ExecOptions>(v)?.validate("x", &BuildContext::default())
    }

    fn keys(r: Result<Spec, Vec<ConfigIssue>>) -> Vec<String> {
        r.unwrap_err().into_iter().map(|i| i.key).collect()
    }

    #[test]
    fn defaults_apply() {
        let s = build(json!({"command": me()})).unwrap();
        assert_eq!(s.timeout, Duration::from_secs(30));
        assert_eq!(s.instances, 1);
        assert_eq!(s.max_response_bytes, 64 * 1024 * 1024);
        assert_eq!(s.program, std::path::PathBuf::from(me()));
        assert!(s.requires.is_empty());
    }

    #[test]
    fn unknown_and_missing_keys_are_named() {
        assert_eq!(
            keys(build(json!({"command": me(), "timeout": 5}))),
            ["timeout"]
        );
        assert_eq!(keys(build(json!({"args": []}))), ["command"]);
    }

    #[test]
    fn every_problem_is_reported() {
        let k = keys(build(json!({
            "command": "no-such-program-gleaner-test",
            "timeout_ms": 0,
            "instances": 0,
            "env": {"A=B": "x"},
            "provides": ["a"],
            "requires": ["a", ""],
        })));
        assert_eq!(
            k,
            [
                "command",
                "env.A=B",
                "timeout_ms",
                "instances",
                "requires",
                "requires"
            ]
        );
    }

    #[test]
    fn durations_are_bounded() {
        let k = keys(build(json!({
            "command": me(),
            "crash_window_ms": 0,
            "restart_backoff_ms": 40_000,
        })));
        assert_eq!(k, ["crash_window_ms", "restart_backoff_ms"]);
        let k = keys(build(json!({"command": me(), "crash_window_ms": u64::MAX})));
        assert_eq!(k, ["crash_window_ms"]);
    }

    #[test]
    fn command_paths_are_checked() {
        let dir = tempfile::tempdir().unwrap();
        let script = dir.path().join("a.py");
        std::fs::write(&script, "print()\n").unwrap();
        let cmd = script.display().to_string();
        let r = build(json!({"command": cmd}));
        if cfg!(unix) {
            let msg = r.unwrap_err()[0].message.clone();
            assert!(
                msg.contains("not executable") && msg.contains("python3"),
                "{msg}"
            );
        }
        let missing = dir.path().join("nope.py").display().to_string();
        let msg = build(json!({"command": missing})).unwrap_err()[0]
            .message
            .clone();
        assert!(msg.contains("does not exist"), "{msg}");
        let msg = build(json!({"command": "no-such-program-gleaner-test"})).unwrap_err()[0]
            .message
            .clone();
        assert!(msg.contains("not found on PATH"), "{msg}");
    }

    #[cfg(unix)]
    #[test]
    fn names_are_looked_up_on_path() {
        use std::os::unix::fs::PermissionsExt;
        let dir = tempfile::tempdir().unwrap();
        let prog = dir.path().join("gleaner-test-analyzer");
        std::fs::write(&prog, "#!/bin/sh\n").unwrap();
        let path = Some(std::env::join_paths([dir.path()]).unwrap());
        let ctx = BuildContext::default();
        let msg = find_program_in("gleaner-test-analyzer", &ctx, path.clone()).unwrap_err();
        assert!(
            msg.contains("not found on PATH"),
            "not executable yet: {msg}"
        );
        std::fs::set_permissions(&prog, std::fs::Permissions::from_mode(0o755)).unwrap();
        assert_eq!(
            find_program_in("gleaner-test-analyzer", &ctx, path).unwrap(),
            prog
        );
    }

    #[test]
    fn every_option_is_described() {
        let names: Vec<&str> = options_info().iter().map(|o| o.name).collect();
        let all = json!({
            "command": me(), "args": [], "env": {}, "timeout_ms": 1, "start_timeout_ms": 1, "instances": 1,
            "provides": [], "requires": [], "max_crashes": 1, "crash_window_ms": 1,
            "restart_backoff_ms": 0, "max_response_bytes": 10
        });
        let obj = all.as_object().unwrap();
        assert_eq!(names.len(), obj.len());
        for n in names {
            assert!(obj.contains_key(n), "{n}");
        }
        build(all).unwrap();
    }
}
