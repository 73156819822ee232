//! One file through the pipeline, the daemon's way: hash its bytes, skip it
//! when that content was already done, otherwise ingest, analyze and write
//! every document with every sink, retrying sink writes that failed with a
//! transient error (disk full, permission denied) with exponential backoff.
//! Also the file moves that follow: into the done or failed folder, with an
//! error file beside a failed one.

use super::fswatch::FileStat;
use super::settings::Settings;
use crate::config::{Pipeline, SinkStage};
use crate::process::{self, with_id};
use crate::source::InputFile;
use gleaner_core::{Document, Failure};
use sha2::{Digest, Sha256};
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::time::Duration;
use tracing::{debug, warn};

/// What became of one file.
#[derive(Debug)]
pub enum Outcome {
    /// It was gone (or not a regular file) when its turn came.
    Vanished,
    /// Its content is the one the state already has as done.
    Unchanged {
        /// Metadata when read.
        stat: FileStat,
    },
    /// Its content changed while it was being processed; nothing was
    /// recorded, it goes back to the quiet period.
    Unstable,
    /// It is there but could not be read (permissions, I/O error); nothing
    /// was recorded.
    Unreadable {
        /// Metadata when tried.
        stat: FileStat,
        /// Why.
        error: String,
    },
    /// It went through the pipeline.
    Processed(Processed),
}

/// A file that went through the pipeline.
#[derive(Debug)]
pub struct Processed {
    /// Metadata before reading.
    pub stat: FileStat,
    /// `sha256:` content hash of the bytes processed.
    pub hash: String,
    /// Every file the sinks wrote.
    pub outputs: Vec<String>,
    /// Documents that failed.
    pub failures: Vec<Failure>,
    /// Documents written by every sink.
    pub documents: usize,
    /// True when the file changed again after it was read (it is not moved;
    /// the change is processed next).
    pub changed_since: bool,
}

/// `sha256:` and the hex digest of `bytes`, as ingest writes it.
pub fn content_hash(bytes: &[u8]) -> String {
    format!("sha256:{:x}", Sha256::digest(bytes))
}

/// [`content_hash`] of a file's bytes, read in blocks.
fn hash_file(path: &Path) -> io::Result<String> {
    let mut file = fs::File::open(path)?;
    let mut hasher = Sha256::new();
    io::copy(&mut file, &mut hasher)?;
    Ok(format!("sha256:{:x}", hasher.finalize()))
}

/// Processes `input` unless its content is `done_hash`.
pub async fn process(
    pipeline: &Pipeline,
    settings: &Settings,
    input: &InputFile,
    done_hash: Option<String>,
) -> Outcome {
    let path = input.path.clone();
    // The hash streams the file: a huge one is refused by ingest's size
    // limit later, never held in memory here.
    let read = tokio::task::spawn_blocking(move || {
        let stat = FileStat::of(&path)?;
        Some((stat, hash_file(&path)))
    })
    .await;
    let (stat, hash) = match read {
        Ok(Some((stat, Ok(hash)))) => (stat, hash),
        Ok(None) => return Outcome::Vanished,
        Ok(Some((_, Err(e)))) if e.kind() == io::ErrorKind::NotFound => return Outcome::Vanished,
        Ok(Some((stat, Err(e)))) => {
            return Outcome::Unreadable {
                stat,
                error: e.to_string(),
            }
        }
        Err(e) => {
            return Outcome::Unreadable {
                stat: FileStat::of(&input.path).unwrap_or_default(),
                error: format!("reading it crashed: {e}"),
            }
        }
    };
    if done_hash.as_deref() == Some(hash.as_str()) {
        return Outcome::Unchanged { stat };
    }

    let mut outputs = Vec::new();
    let mut failures = Vec::new();
    let mut documents = 0;
    // Two articles of one file with the same id: the first keeps it, as in
    // a batch run (across files the later one wins, with a warning).
    let ids = process::RunIds::default();
    for doc in process::ingest(pipeline, input).await {
        let doc = match doc {
            Ok(d) => d,
            Err(f) => {
                failures.push(f);
                continue;
            }
        };
        if doc.source.hash != hash {
            debug!(path = %input.path.display(), "file changed while it was read; waiting for it to settle");
            return Outcome::Unstable;
        }
        let id = doc.id.clone();
        match process::analyze(pipeline, input, doc).await {
            Ok(doc) => {
                let written = match ids.claim(input, &doc) {
                    Ok(()) => write_all(pipeline, settings, input, &doc).await,
                    Err(f) => Err(f),
                };
                match written {
                    Ok(paths) => {
                        outputs.extend(paths.into_iter().map(|p| p.to_string_lossy().into_owned()));
                        documents += 1;
                    }
                    Err(f) => failures.push(with_id(f, &id)),
                }
            }
            Err(f) => failures.push(with_id(f, &id)),
        }
    }
    let changed_since = FileStat::of(&input.path) != Some(stat);
    Outcome::Processed(Processed {
        stat,
        hash,
        outputs,
        failures,
        documents,
        changed_since,
    })
}

/// Writes `doc` with every sink, all sinks at once (as the batch runner
/// does); transient errors are retried with backoff, each sink on its own.
/// Fails with the first failing sink in pipeline order.
async fn write_all(
    pipeline: &Pipeline,
    settings: &Settings,
    input: &InputFile,
    doc: &Document,
) -> Result<Vec<PathBuf>, Failure> {
    process::write_each(pipeline, |stage| write_one(stage, settings, input, doc)).await
}

/// Writes `doc` with one sink, retrying transient errors with backoff.
async fn write_one(
    stage: &SinkStage,
    settings: &Settings,
    input: &InputFile,
    doc: &Document,
) -> Result<Vec<PathBuf>, Failure> {
    let mut delay = backoff(settings.retry_delay, settings.retry_max_delay, 0);
    let mut attempt = 0u32;
    loop {
        match stage.sink.write(doc).await {
            Ok(paths) => return Ok(paths),
            Err(e) if e.transient && attempt < settings.retries => {
                attempt += 1;
                warn!(path = %input.path.display(), sink = %stage.name, error = %e,
                    attempt, of = settings.retries, retry_in_ms = delay.as_millis() as u64,
                    "transient sink error; retrying");
                tokio::time::sleep(delay).await;
                delay = backoff(settings.retry_delay, settings.retry_max_delay, attempt);
            }
            Err(e) => {
                let tries = if attempt > 0 {
                    format!(" (after {} attempts)", attempt + 1)
                } else {
                    String::new()
                };
                return Err(Failure {
                    path: input.path.display().to_string(),
                    stage: format!("sinks.{}", stage.name),
                    message: format!("{e}{tries}"),
                });
            }
        }
    }
}

/// A free path for `rel` inside `dir`: `dir/rel`, or with `-2`, `-3`, …
/// before the extension when that is taken.
pub fn free_path(dir: &Path, rel: &str) -> PathBuf {
    let first = dir.join(rel);
    numbered(dir, rel)
        .find(|p| !p.exists() && !sidecar(p).exists())
        .unwrap_or(first)
}

/// `dir/rel`, then the same with `-2`, `-3`, … before the extension.
fn numbered(dir: &Path, rel: &str) -> impl Iterator<Item = PathBuf> {
    let first = dir.join(rel);
    let stem = first
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = first
        .extension()
        .map(|e| format!(".{}", e.to_string_lossy()))
        .unwrap_or_default();
    let parent = first.parent().map(Path::to_path_buf).unwrap_or_default();
    std::iter::once(first).chain((2u64..).map(move |n| parent.join(format!("{stem}-{n}{ext}"))))
}

/// The error files in `failed_dir` left by earlier failures of `rel` whose
/// failed copy is gone (`rel.error.txt`, `rel-2.error.txt`, … as
/// [`free_path`] named them, up to the first name with neither).
pub fn orphaned_sidecars(failed_dir: &Path, rel: &str) -> Vec<PathBuf> {
    numbered(failed_dir, rel)
        .take_while(|p| p.exists() || sidecar(p).exists())
        .filter(|p| !p.exists())
        .map(|p| sidecar(&p))
        .collect()
}

/// The error file beside a failed file.
pub fn sidecar(path: &Path) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".error.txt");
    PathBuf::from(name)
}

/// Moves `from` to `to` (creating folders), copying when they are on
/// different file systems.
pub fn move_file(from: &Path, to: &Path) -> io::Result<()> {
    if let Some(parent) = to.parent() {
        fs::create_dir_all(parent)?;
    }
    match fs::rename(from, to) {
        Ok(()) => Ok(()),
        Err(e) if e.raw_os_error() == Some(18) => {
            // EXDEV: another file system.
            let bytes = fs::read(from)?;
            gleaner_core::write_atomic(to, &bytes)?;
            fs::remove_file(from)
        }
        Err(e) => Err(e),
    }
}

/// Moves a failed file into `failed_dir` and writes its error file beside
/// it; returns where it went.
pub fn move_failed(
    path: &Path,
    rel: &str,
    failed_dir: &Path,
    pipeline_file: &Path,
    hash: &str,
    failures: &[Failure],
) -> io::Result<PathBuf> {
    let dest = free_path(failed_dir, rel);
    let mut text = format!(
        "gleaner watch could not process {}\ncontent: {hash}\npipeline: {}\nfailed at: {} (seconds since the Unix epoch)\n\n",
        path.display(),
        pipeline_file.display(),
        now_secs()
    );
    for f in failures {
        text.push_str(&format!("{}: {}\n", f.stage, f.message));
    }
    gleaner_core::write_atomic(&sidecar(&dest), text.as_bytes())?;
    move_file(path, &dest)?;
    Ok(dest)
}

/// Seconds since the Unix epoch.
pub fn now_secs() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The delay before retry `n + 1`: `first`, doubled `n` times, at most `max`.
pub fn backoff(first: Duration, max: Duration, n: u32) -> Duration {
    first.saturating_mul(2u32.saturating_pow(n)).min(max)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::Arc;

    #[test]
    fn orphaned_error_files_are_those_whose_failed_copy_is_gone() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        fs::create_dir_all(d.join("sub")).unwrap();
        // First failure, taken back; second failure (named -2), taken back;
        // a third failure still in the folder.
        fs::write(d.join("sub/a.txt.error.txt"), "x").unwrap();
        fs::write(d.join("sub/a-2.txt.error.txt"), "x").unwrap();
        fs::write(d.join("sub/a-3.txt"), "x").unwrap();
        fs::write(d.join("sub/a-3.txt.error.txt"), "x").unwrap();
        fs::write(d.join("sub/a-5.txt.error.txt"), "x").unwrap();
        assert_eq!(
            orphaned_sidecars(d, "sub/a.txt"),
            [
                d.join("sub/a.txt.error.txt"),
                d.join("sub/a-2.txt.error.txt")
            ]
        );
        assert!(orphaned_sidecars(d, "sub/b.txt").is_empty());
    }

    #[test]
    fn free_paths_do_not_clobber() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        assert_eq!(free_path(d, "sub/a.txt"), d.join("sub/a.txt"));
        fs::create_dir_all(d.join("sub")).unwrap();
        fs::write(d.join("sub/a.txt"), "x").unwrap();
        assert_eq!(free_path(d, "sub/a.txt"), d.join("sub/a-2.txt"));
        fs::write(d.join("sub/a-2.txt.error.txt"), "x").unwrap();
        assert_eq!(free_path(d, "sub/a.txt"), d.join("sub/a-3.txt"));
    }

    #[test]
    fn failed_files_get_an_error_file() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("in/b.txt");
        fs::create_dir_all(src.parent().unwrap()).unwrap();
        fs::write(&src, "broken").unwrap();
        let failures = vec![Failure {
            path: src.display().to_string(),
            stage: "ingest".into(),
            message: "no text".into(),
        }];
        let dest = move_failed(
            &src,
            "b.txt",
            &dir.path().join("failed"),
            Path::new("p.toml"),
            "sha256:00",
            &failures,
        )
        .unwrap();
        assert!(!src.exists());
        assert_eq!(fs::read_to_string(&dest).unwrap(), "broken");
        let err = fs::read_to_string(sidecar(&dest)).unwrap();
        assert!(err.contains("ingest: no text"), "{err}");
    }

    #[test]
    fn backoff_doubles_up_to_the_cap() {
        let s = Duration::from_secs(1);
        assert_eq!(backoff(s, Duration::from_secs(10), 0), s);
        assert_eq!(
            backoff(s, Duration::from_secs(10), 2),
            Duration::from_secs(4)
        );
        assert_eq!(
            backoff(s, Duration::from_secs(10), 40),
            Duration::from_secs(10)
        );
    }

    /// A sink that fails with a transient error `fail` times, then writes.
    struct Flaky {
        fail: u32,
        calls: std::sync::atomic::AtomicU32,
        transient: bool,
    }

    #[async_trait::async_trait]
    impl gleaner_core::Sink for Flaky {
        async fn write(&self, doc: &Document) -> Result<Vec<PathBuf>, gleaner_core::SinkError> {
            let n = self.calls.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            if n < self.fail {
                let mut e = gleaner_core::SinkError::new("out/x.json: No space left on device");
                e.transient = self.transient;
                return Err(e);
            }
            Ok(vec![PathBuf::from(format!("out/{}.json", doc.id))])
        }
    }

    fn setup(fail: u32, transient: bool) -> (tempfile::TempDir, Pipeline, Settings, Arc<Flaky>) {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("in");
        fs::create_dir_all(&root).unwrap();
        let text = format!(
            "[source]\ntype = \"folder\"\npath = {:?}\n\n[sinks.json]\ntype = \"json\"\npath = {:?}\n\n[watch]\nretries = 3\nretry_delay = \"1ms\"\n",
            root.display().to_string(),
            dir.path().join("out").display().to_string()
        );
        let file = dir.path().join("p.toml");
        fs::write(&file, &text).unwrap();
        let mut p = crate::config::parse(
            &file,
            &text,
            &crate::Registry::builtin(),
            &Default::default(),
        )
        .unwrap();
        let flaky = Arc::new(Flaky {
            fail,
            calls: Default::default(),
            transient,
        });
        p.sinks[0].sink = flaky.clone();
        let s = super::super::settings::resolve(&p, false).unwrap();
        fs::write(
            root.join("a.txt"),
            "A headline\n\nThe minister said on Monday that the bridge would reopen in May.\n",
        )
        .unwrap();
        (dir, p, s, flaky)
    }

    fn input(dir: &Path) -> InputFile {
        InputFile {
            path: dir.join("in/a.txt"),
            id_base: "a".into(),
        }
    }

    #[tokio::test]
    async fn an_unreadable_file_is_reported_and_a_missing_one_vanished() {
        use std::os::unix::fs::PermissionsExt;
        let (dir, p, s, _) = setup(0, true);
        let a = input(dir.path());
        fs::set_permissions(&a.path, fs::Permissions::from_mode(0o000)).unwrap();
        let readable_anyway = fs::File::open(&a.path).is_ok(); // root reads anything
        let out = process(&p, &s, &a, None).await;
        fs::set_permissions(&a.path, fs::Permissions::from_mode(0o644)).unwrap();
        if !readable_anyway {
            assert!(matches!(out, Outcome::Unreadable { .. }), "{out:?}");
        }
        fs::remove_file(&a.path).unwrap();
        assert!(matches!(process(&p, &s, &a, None).await, Outcome::Vanished));
    }

    #[tokio::test]
    async fn transient_sink_errors_are_retried() {
        let (dir, p, s, flaky) = setup(2, true);
        let Outcome::Processed(done) = process(&p, &s, &input(dir.path()), None).await else {
            panic!("not processed");
        };
        assert!(done.failures.is_empty(), "{:?}", done.failures);
        assert_eq!(done.outputs, vec!["out/a.json".to_string()]);
        assert_eq!(flaky.calls.load(std::sync::atomic::Ordering::SeqCst), 3);

        // The same content again is recognised without running the sinks.
        let again = process(&p, &s, &input(dir.path()), Some(done.hash.clone())).await;
        assert!(matches!(again, Outcome::Unchanged { .. }));
        assert_eq!(flaky.calls.load(std::sync::atomic::Ordering::SeqCst), 3);
    }

    #[tokio::test]
    async fn retries_run_out_and_permanent_errors_fail_at_once() {
        let (dir, p, s, flaky) = setup(100, true);
        let Outcome::Processed(done) = process(&p, &s, &input(dir.path()), None).await else {
            panic!("not processed");
        };
        assert_eq!(flaky.calls.load(std::sync::atomic::Ordering::SeqCst), 4);
        assert_eq!(done.failures.len(), 1);
        assert_eq!(done.failures[0].stage, "sinks.json");
        assert!(
            done.failures[0].message.contains("after 4 attempts"),
            "{:?}",
            done.failures
        );

        let (dir, p, s, flaky) = setup(100, false);
        let Outcome::Processed(done) = process(&p, &s, &input(dir.path()), None).await else {
            panic!("not processed");
        };
        assert_eq!(flaky.calls.load(std::sync::atomic::Ordering::SeqCst), 1);
        assert_eq!(done.failures.len(), 1);
    }

    #[test]
    fn hashes_match_ingest_format() {
        assert_eq!(
            content_hash(b""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
    }
}
