//! The daemon's scheduler: one task owns the state, the queues and the
//! watcher; workers process files concurrently and hand their outcomes back
//! to it, so the state has a single writer.
//!
//! A file waits either in the *settling* map (seen, not yet known to be
//! complete: it must keep its size and mtime for the quiet period) or in the
//! *ready* queue (complete: closed after writing, renamed in, or quiet). Both
//! are capped together by `queue_limit`; a file that does not fit is dropped
//! and sets the rescan flag, and once the queues have drained a scan of the
//! folder picks up whatever is still unprocessed. A path is never queued
//! twice; an event for a file being processed marks it to be looked at again
//! when its worker is done.
//!
//! A processed file is recorded in this order: outputs its previous content
//! had and this one has not are removed; the state entry is appended to the
//! journal; the journal is synced; only then is the source moved or deleted.
//! A crash anywhere in between leaves either the old entry (the file is
//! processed again, outputs overwritten in place) or the new one (a scan
//! finds the file still there and finishes the move).

use super::fswatch::{self, FileStat, FsEvent, Handler};
use super::settings::{self, After, Settings};
use super::state::{Entry, Status, Store};
use super::work::{self, Outcome, Processed};
use crate::config::{self, LoadOptions, Pipeline};
use crate::registry::Registry;
use crate::source::{self, InputFile};
use gleaner_core::{Failure, RunSummary};
use std::collections::{HashMap, HashSet, VecDeque};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::mpsc;
use tokio::task::JoinSet;
use tracing::{debug, error, info, warn};

/// Failures kept for the sinks' end-of-batch summary.
const SUMMARY_FAILURES: usize = 1000;
/// Capacity of the channel from the watcher.
const EVENT_CHANNEL: usize = 8192;

/// Why the daemon could not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    /// The pipeline file or its `[watch]` table is invalid.
    #[error("{0}")]
    Config(#[from] config::ConfigErrors),
    /// The state folder cannot be used.
    #[error("{0}")]
    State(#[from] super::state::StateError),
    /// The folder cannot be watched.
    #[error("{0}")]
    Watch(String),
    /// The source folder cannot be resolved.
    #[error("source folder {path}: {source}")]
    Root {
        /// The folder.
        path: PathBuf,
        /// Why.
        source: std::io::Error,
    },
}

/// A file waiting for its quiet period to pass.
struct Settle {
    stat: FileStat,
    since: Instant,
}

/// A finished file's follow-up that must wait for the state to be synced.
enum AfterAction {
    Move {
        path: PathBuf,
        rel: String,
        stat: FileStat,
    },
    Delete {
        path: PathBuf,
        stat: FileStat,
    },
}

/// Counters for the status line.
#[derive(Default)]
struct Counters {
    files: u64,
    documents: u64,
    failed: u64,
    unchanged: u64,
    last_files: u64,
    last_at: Option<Instant>,
}

/// What a worker returns.
struct Done {
    path: PathBuf,
    rel: String,
    outcome: Outcome,
}

/// The running daemon.
pub struct Daemon {
    registry: Registry,
    pipeline_file: PathBuf,
    force_poll: bool,
    /// `--concurrency`, applied to every pipeline loaded.
    concurrency: Option<usize>,
    pipeline: Arc<Pipeline>,
    settings: Arc<Settings>,
    pipeline_stamp: Option<(u64, u64)>,
    store: Store,
    /// The source folder's canonical form: `notify` reports paths below it.
    canon_root: PathBuf,
    excluded: Vec<PathBuf>,
    ready: VecDeque<PathBuf>,
    queued: HashSet<PathBuf>,
    settling: HashMap<PathBuf, Settle>,
    inflight: HashSet<PathBuf>,
    /// Files that could not be read, with their metadata then: the warning
    /// is logged again only when the file changes.
    unreadable: HashMap<PathBuf, FileStat>,
    again: HashSet<PathBuf>,
    rescan_needed: bool,
    workers: JoinSet<Done>,
    watcher: Option<notify::RecommendedWatcher>,
    events_tx: mpsc::Sender<FsEvent>,
    events_rx: mpsc::Receiver<FsEvent>,
    overflow: Arc<AtomicBool>,
    after_actions: Vec<AfterAction>,
    counters: Counters,
    summary_processed: usize,
    summary_failures: VecDeque<Failure>,
    finish_pending: bool,
    last_finish: Instant,
    last_poll: Instant,
    last_rescan: Instant,
    last_reload_check: Instant,
    last_status: Instant,
}

fn stamp(path: &Path) -> Option<(u64, u64)> {
    FileStat::of(path).map(|s| (s.size, s.mtime_ns))
}

impl Daemon {
    /// Loads the pipeline, opens the state and starts watching.
    pub fn start(
        registry: &Registry,
        pipeline_file: &Path,
        force_poll: bool,
        concurrency: Option<usize>,
    ) -> Result<Daemon, StartError> {
        let mut pipeline = config::load(pipeline_file, registry, &LoadOptions::default())?;
        if let Some(c) = concurrency {
            pipeline.runner.concurrency = c;
        }
        let settings = settings::resolve(&pipeline, force_poll)?;
        let canon = settings
            .root
            .canonicalize()
            .map_err(|source| StartError::Root {
                path: settings.root.clone(),
                source,
            })?;
        let store = Store::open(&settings.state_dir, &canon.to_string_lossy())?;
        if !settings.root.is_absolute() {
            debug!(root = %settings.root.display(), canonical = %canon.display(), "source folder resolved");
        }
        let (events_tx, events_rx) = mpsc::channel(EVENT_CHANNEL);
        let now = Instant::now();
        let mut d = Daemon {
            registry: registry.clone(),
            pipeline_file: pipeline_file.to_path_buf(),
            force_poll,
            concurrency,
            pipeline_stamp: stamp(pipeline_file),
            excluded: settings.excluded(),
            pipeline: Arc::new(pipeline),
            settings: Arc::new(settings),
            store,
            canon_root: canon,
            ready: VecDeque::new(),
            queued: HashSet::new(),
            settling: HashMap::new(),
            inflight: HashSet::new(),
            unreadable: HashMap::new(),
            again: HashSet::new(),
            rescan_needed: false,
            workers: JoinSet::new(),
            watcher: None,
            events_tx,
            events_rx,
            overflow: Arc::new(AtomicBool::new(false)),
            after_actions: Vec::new(),
            counters: Counters::default(),
            summary_processed: 0,
            summary_failures: VecDeque::new(),
            finish_pending: false,
            last_finish: now,
            last_poll: now,
            last_rescan: now,
            last_reload_check: now,
            last_status: now,
        };
        d.remove_stale_temp_files();
        d.start_watching()?;
        Ok(d)
    }

    /// Removes the temporary files (`.NAME.PID.tmp`, see
    /// [`gleaner_core::write_atomic`]) that a killed process left in the
    /// output, state, done and failed folders. They were never outputs:
    /// readers only ever see the renamed, complete files.
    fn remove_stale_temp_files(&self) {
        if !Path::new("/proc/self").exists() {
            return; // no cheap way to tell whether the writer still runs
        }
        let mut dirs: HashSet<PathBuf> = self
            .store
            .outputs()
            .filter_map(|o| Path::new(o).parent().map(Path::to_path_buf))
            .collect();
        dirs.extend([
            self.settings.state_dir.clone(),
            self.settings.failed_dir.clone(),
            self.settings.done_dir.clone(),
        ]);
        let mut removed = 0usize;
        for dir in dirs {
            let Ok(rd) = std::fs::read_dir(&dir) else {
                continue;
            };
            for e in rd.flatten() {
                let name = e.file_name().to_string_lossy().into_owned();
                if let Some(pid) = gleaner_core::atomic_temp_pid(&name) {
                    if !Path::new(&format!("/proc/{pid}")).exists()
                        && std::fs::remove_file(e.path()).is_ok()
                    {
                        removed += 1;
                    }
                }
            }
        }
        if removed > 0 {
            info!(
                files = removed,
                "removed temporary files left by a killed process"
            );
        }
    }

    fn start_watching(&mut self) -> Result<(), StartError> {
        self.watcher = None;
        if self.settings.poll {
            info!(folder = %self.settings.root.display(), interval_ms = self.settings.poll_interval.as_millis() as u64,
                quiet_ms = self.settings.quiet.as_millis() as u64, "watching in poll mode");
            return Ok(());
        }
        let handler = Handler {
            tx: self.events_tx.clone(),
            overflow: Arc::clone(&self.overflow),
            close_events: cfg!(target_os = "linux"),
        };
        let w = fswatch::start(&self.settings.root, self.settings.recursive, handler)
            .map_err(StartError::Watch)?;
        self.watcher = Some(w);
        info!(folder = %self.settings.root.display(), recursive = self.settings.recursive,
            state = %self.store.dir().display(), after = self.settings.after.as_str(), "watching for new files");
        Ok(())
    }

    /// Path below the root, when `path` is an input the daemon reads.
    fn accept(&self, path: &Path) -> Option<String> {
        let rel = settings::relative(&self.settings.root, path)?;
        if rel.split('/').any(|c| c.starts_with('.'))
            || (!self.settings.recursive && rel.contains('/'))
            || self.excluded.iter().any(|x| path.starts_with(x))
            || !source::is_candidate(path)
        {
            return None;
        }
        Some(rel)
    }

    fn waiting(&self) -> usize {
        self.ready.len() + self.settling.len()
    }

    /// A file did not fit in the queues: a later scan picks it up.
    fn queue_full(&mut self) {
        if !self.rescan_needed {
            info!(
                waiting = self.waiting(),
                limit = self.settings.queue_limit,
                "queue full; further files are picked up by a rescan once it drains"
            );
        }
        self.rescan_needed = true;
    }

    /// Queues a complete file.
    fn make_ready(&mut self, path: PathBuf) {
        if self.inflight.contains(&path) {
            self.again.insert(path);
            return;
        }
        if self.queued.contains(&path) {
            return;
        }
        let was_settling = self.settling.remove(&path).is_some();
        if !was_settling && self.waiting() >= self.settings.queue_limit {
            self.queue_full();
            return;
        }
        self.queued.insert(path.clone());
        self.ready.push_back(path);
    }

    /// Starts (or restarts) a file's quiet period.
    fn make_settling(&mut self, path: PathBuf, stat: Option<FileStat>) {
        if self.inflight.contains(&path) {
            self.again.insert(path);
            return;
        }
        if self.queued.contains(&path) {
            return;
        }
        let Some(stat) = stat.or_else(|| FileStat::of(&path)) else {
            self.settling.remove(&path);
            return;
        };
        if let Some(s) = self.settling.get_mut(&path) {
            if s.stat != stat {
                s.stat = stat;
                s.since = Instant::now();
            }
            return;
        }
        if self.waiting() >= self.settings.queue_limit {
            self.queue_full();
            return;
        }
        self.settling.insert(
            path,
            Settle {
                stat,
                since: Instant::now(),
            },
        );
    }

    /// An event's path as the source folder is written in the pipeline
    /// (`notify` reports canonical paths), so that ids and `source.path`
    /// are the ones `gleaner run` gives.
    fn event_path(&self, path: PathBuf) -> PathBuf {
        if path.starts_with(&self.settings.root) {
            return path;
        }
        match path.strip_prefix(&self.canon_root) {
            Ok(rel) => self.settings.root.join(rel),
            Err(_) => path,
        }
    }

    fn on_event(&mut self, ev: FsEvent) {
        let ev = match ev {
            FsEvent::Complete(p) => FsEvent::Complete(self.event_path(p)),
            FsEvent::Changed(p) => FsEvent::Changed(self.event_path(p)),
            FsEvent::Folder(p) => FsEvent::Folder(self.event_path(p)),
            other => other,
        };
        match ev {
            FsEvent::Complete(p) => {
                if self.accept(&p).is_some() {
                    self.make_ready(p);
                }
            }
            FsEvent::Changed(p) => {
                if self.accept(&p).is_some() {
                    self.make_settling(p, None);
                }
            }
            FsEvent::Folder(dir) => {
                if settings::relative(&self.settings.root, &dir).is_some()
                    && !self.excluded.iter().any(|x| dir.starts_with(x))
                {
                    let found = fswatch::scan(&dir, self.settings.recursive, &self.excluded);
                    self.consider(found);
                }
            }
            FsEvent::Rescan => {
                warn!("file-system events were lost (queue overflow); rescanning the folder");
                self.rescan_needed = true;
            }
            FsEvent::Limit => {
                error!(
                    "{}; switching to poll mode so that no file is missed",
                    fswatch::watch_limit_message()
                );
                self.watcher = None;
                let mut s = (*self.settings).clone();
                s.poll = true;
                self.settings = Arc::new(s);
                self.rescan_needed = true;
            }
            FsEvent::Error(e) => {
                warn!(error = %e, "file watcher error; rescanning");
                self.rescan_needed = true;
            }
        }
    }

    /// Sorts scanned files: done ones are skipped (or finished, when the
    /// source should leave the folder), the rest wait for their quiet period.
    fn consider(&mut self, found: Vec<(PathBuf, FileStat)>) {
        for (path, stat) in found {
            let Some(rel) = self.accept(&path) else {
                continue;
            };
            if self.queued.contains(&path) || self.inflight.contains(&path) {
                continue;
            }
            if let Some(e) = self.store.get(&rel) {
                let same = e.size == stat.size && e.mtime_ns == stat.mtime_ns && e.ino == stat.ino;
                if same && e.status == Status::Failed {
                    continue;
                }
                if same && e.status == Status::Done {
                    if self.settings.after != After::Keep {
                        // Done, but a crash (or a failed move) left it here.
                        self.make_ready(path);
                    }
                    continue;
                }
            }
            self.make_settling(path, Some(stat));
            if self.rescan_needed && self.waiting() >= self.settings.queue_limit {
                break;
            }
        }
    }

    async fn full_scan(&mut self) {
        let root = self.settings.root.clone();
        let recursive = self.settings.recursive;
        let excluded = self.excluded.clone();
        self.rescan_needed = false;
        self.overflow.store(false, Ordering::Release);
        self.last_rescan = Instant::now();
        match tokio::task::spawn_blocking(move || fswatch::scan(&root, recursive, &excluded)).await
        {
            Ok(found) => {
                debug!(files = found.len(), "scanned the folder");
                self.consider(found);
            }
            Err(e) => warn!(error = %e, "scanning the folder failed; retrying later"),
        }
    }

    /// Moves files whose quiet period passed into the ready queue.
    fn settle(&mut self) {
        let quiet = self.settings.quiet;
        let now = Instant::now();
        let due: Vec<PathBuf> = self
            .settling
            .iter()
            .filter(|(_, s)| now.duration_since(s.since) >= quiet)
            .map(|(p, _)| p.clone())
            .collect();
        for path in due {
            match FileStat::of(&path) {
                None => {
                    self.settling.remove(&path);
                }
                Some(stat) => {
                    let unchanged = self.settling.get(&path).is_some_and(|s| s.stat == stat);
                    if unchanged {
                        self.make_ready(path);
                    } else if let Some(s) = self.settling.get_mut(&path) {
                        s.stat = stat;
                        s.since = now;
                    }
                }
            }
        }
    }

    /// Starts workers while there is room.
    fn dispatch(&mut self) {
        let max = self.pipeline.runner.workers().max(1);
        while self.inflight.len() < max {
            let Some(path) = self.ready.pop_front() else {
                break;
            };
            self.queued.remove(&path);
            let Some(rel) = self.accept(&path) else {
                continue;
            };
            let done_hash = self
                .store
                .get(&rel)
                .filter(|e| e.status == Status::Done)
                .map(|e| e.hash.clone());
            let input = InputFile {
                id_base: source::id_base(&self.settings.root, &path),
                path: path.clone(),
            };
            let pipeline = Arc::clone(&self.pipeline);
            let settings = Arc::clone(&self.settings);
            self.inflight.insert(path.clone());
            self.workers.spawn(async move {
                let work = std::panic::AssertUnwindSafe(work::process(
                    &pipeline, &settings, &input, done_hash,
                ));
                let outcome = match futures::FutureExt::catch_unwind(work).await {
                    Ok(o) => o,
                    Err(panic) => {
                        let message = crate::runner::panic_message(&*panic);
                        Outcome::Processed(Processed {
                            stat: FileStat::of(&input.path).unwrap_or(FileStat {
                                size: 0,
                                mtime_ns: 0,
                                ino: 0,
                            }),
                            hash: String::new(),
                            outputs: Vec::new(),
                            failures: vec![Failure {
                                path: input.path.display().to_string(),
                                stage: "runner".into(),
                                message: format!(
                                    "processing crashed (a bug in a stage): {message}"
                                ),
                            }],
                            documents: 0,
                            changed_since: false,
                        })
                    }
                };
                Done { path, rel, outcome }
            });
        }
    }

    fn record_failure(&mut self, f: Failure) {
        if self.summary_failures.len() >= SUMMARY_FAILURES {
            self.summary_failures.pop_front();
        }
        self.summary_failures.push_back(f);
    }

    /// Applies a worker's outcome to the state and queues follow-ups.
    fn complete(&mut self, done: Done) {
        let Done { path, rel, outcome } = done;
        self.inflight.remove(&path);
        if !matches!(outcome, Outcome::Unreadable { .. }) {
            self.unreadable.remove(&path);
        }
        match outcome {
            Outcome::Unreadable { stat, error } => {
                if self.unreadable.insert(path.clone(), stat) != Some(stat) {
                    warn!(path = %path.display(), error = %error,
                        "cannot read the file; it is tried again at each scan, and reported again when it changes");
                }
            }
            Outcome::Vanished => {
                debug!(path = %path.display(), "file vanished before it was processed")
            }
            Outcome::Unstable => self.make_settling(path.clone(), None),
            Outcome::Unchanged { stat } => {
                self.counters.unchanged += 1;
                debug!(path = %path.display(), "content already processed; not processing it again");
                if let Some(mut e) = self.store.get(&rel).cloned() {
                    if (e.size, e.mtime_ns, e.ino) != (stat.size, stat.mtime_ns, stat.ino) {
                        e.size = stat.size;
                        e.mtime_ns = stat.mtime_ns;
                        e.ino = stat.ino;
                        e.present = self.settings.after == After::Keep;
                        self.put(&rel, e);
                    }
                }
                self.schedule_after(&path, &rel, stat);
            }
            Outcome::Processed(p) => self.record(&path, &rel, p),
        }
        if self.again.remove(&path) {
            self.make_settling(path, None);
        }
    }

    fn put(&mut self, rel: &str, entry: Entry) {
        if let Err(e) = self.store.put(rel, entry) {
            error!(state = %self.store.dir().display(), error = %e,
                "cannot write the state journal; the file will be processed again after a restart");
        }
    }

    fn record(&mut self, path: &Path, rel: &str, p: Processed) {
        let old = self.store.get(rel).cloned();
        // Outputs the previous content had and this one has not.
        if let Some(old) = &old {
            for o in old.outputs.iter().filter(|o| !p.outputs.contains(o)) {
                if self.store.other_owners(o, rel).next().is_some() {
                    continue;
                }
                match std::fs::remove_file(o) {
                    Ok(()) => {
                        info!(output = %o, source = %rel, "removed an output the file's new content no longer produces")
                    }
                    Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                    Err(e) => warn!(output = %o, error = %e, "cannot remove a stale output"),
                }
            }
        }
        for o in &p.outputs {
            if let Some(other) = self.store.other_owners(o, rel).next() {
                warn!(output = %o, source = %rel, other = %other,
                    "two source files produce the same output (same document id); the latest one wins");
            }
        }
        self.counters.documents += p.documents as u64;
        self.summary_processed += p.documents;
        self.finish_pending = true;
        let mut entry = Entry {
            hash: p.hash.clone(),
            size: p.stat.size,
            mtime_ns: p.stat.mtime_ns,
            ino: p.stat.ino,
            status: Status::Done,
            outputs: p.outputs,
            error: None,
            at: work::now_secs(),
            present: true,
        };
        if p.failures.is_empty() {
            self.counters.files += 1;
            info!(path = %path.display(), documents = p.documents, outputs = entry.outputs.len(), "processed");
            // A failed file that was mended and put back leaves its error
            // file behind in the failed folder: it no longer applies.
            if old.as_ref().is_some_and(|o| o.status == Status::Failed) {
                for side in work::orphaned_sidecars(&self.settings.failed_dir, rel) {
                    match std::fs::remove_file(&side) {
                        Ok(()) => {
                            info!(error_file = %side.display(), "removed the error file of a failure now mended")
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                        Err(e) => {
                            warn!(error_file = %side.display(), error = %e, "cannot remove a stale error file")
                        }
                    }
                }
            }
            entry.present = self.settings.after == After::Keep || p.changed_since;
            self.put(rel, entry);
            if !p.changed_since {
                self.schedule_after(path, rel, p.stat);
            }
            return;
        }
        self.counters.failed += 1;
        let message: Vec<String> = p
            .failures
            .iter()
            .map(|f| format!("{}: {}", f.stage, f.message))
            .collect();
        let message = message.join("; ");
        entry.status = Status::Failed;
        entry.error = Some(message.clone());
        if p.changed_since {
            warn!(path = %path.display(), error = %message, "failed; the file changed since, so it is processed again");
        } else {
            // As for done files: the entry is durable before the file moves,
            // so a crash in between never processes it twice.
            entry.present = false;
            self.put(rel, entry.clone());
            let synced = self.store.sync();
            let moved = synced
                .map_err(|e| format!("state journal not synced: {e}"))
                .and_then(|()| {
                    work::move_failed(
                        path,
                        rel,
                        &self.settings.failed_dir,
                        &self.pipeline_file,
                        &p.hash,
                        &p.failures,
                    )
                    .map_err(|e| e.to_string())
                });
            match moved {
                Ok(dest) => {
                    error!(path = %path.display(), moved_to = %dest.display(), error = %message, "failed");
                }
                Err(e) => {
                    error!(path = %path.display(), error = %message, move_error = %e,
                        "failed, and could not be moved to the failed folder");
                    entry.present = true;
                    self.put(rel, entry.clone());
                }
            }
        }
        for f in p.failures {
            self.record_failure(f);
        }
        if p.changed_since {
            self.put(rel, entry);
        }
    }

    fn schedule_after(&mut self, path: &Path, rel: &str, stat: FileStat) {
        match self.settings.after {
            After::Keep => {}
            After::Move => self.after_actions.push(AfterAction::Move {
                path: path.to_path_buf(),
                rel: rel.to_string(),
                stat,
            }),
            After::Delete => self.after_actions.push(AfterAction::Delete {
                path: path.to_path_buf(),
                stat,
            }),
        }
    }

    /// Syncs the state, then moves or deletes finished sources.
    fn flush(&mut self) {
        if let Err(e) = self.store.sync() {
            error!(state = %self.store.dir().display(), error = %e,
                "cannot sync the state journal; finished files stay in place until it works");
            return;
        }
        for action in std::mem::take(&mut self.after_actions) {
            match action {
                AfterAction::Move { path, rel, stat } => {
                    if FileStat::of(&path) != Some(stat) {
                        continue; // changed again: it is processed again
                    }
                    let dest = work::free_path(&self.settings.done_dir, &rel);
                    match work::move_file(&path, &dest) {
                        Ok(()) => {
                            debug!(path = %path.display(), to = %dest.display(), "moved to the done folder")
                        }
                        Err(e) => warn!(path = %path.display(), to = %dest.display(), error = %e,
                            "cannot move a finished file to the done folder; trying again at the next scan"),
                    }
                }
                AfterAction::Delete { path, stat } => {
                    if FileStat::of(&path) != Some(stat) {
                        continue;
                    }
                    if let Err(e) = std::fs::remove_file(&path) {
                        warn!(path = %path.display(), error = %e, "cannot delete a finished file");
                    }
                }
            }
        }
        if self.store.wants_compaction() {
            self.compact();
        }
    }

    fn compact(&mut self) {
        let forget = self.settings.forget_after.as_secs();
        let now = work::now_secs();
        let root = self.settings.root.clone();
        // Files that left the folder: moved or failed by the daemon, or
        // deleted by someone else (checked only for old entries).
        if let Err(e) = self.store.compact(|rel, e| {
            now.saturating_sub(e.at) > forget && (!e.present || !root.join(rel).exists())
        }) {
            warn!(state = %self.store.dir().display(), error = %e, "cannot compact the state; the journal keeps growing until it works");
        }
    }

    async fn finish_sinks(&mut self) {
        let summary = RunSummary {
            processed: self.summary_processed,
            failures: self.summary_failures.iter().cloned().collect(),
        };
        for s in &self.pipeline.sinks {
            if let Err(e) = s.sink.finish(&summary).await {
                warn!(sink = %s.name, error = %e, "the sink's end-of-batch step failed");
            }
        }
        self.finish_pending = false;
        self.last_finish = Instant::now();
    }

    fn status(&mut self) {
        let now = Instant::now();
        let secs = self
            .counters
            .last_at
            .map_or(0.0, |t| now.duration_since(t).as_secs_f64());
        let rate = if secs > 0.0 {
            (self.counters.files + self.counters.failed - self.counters.last_files) as f64 / secs
        } else {
            0.0
        };
        info!(
            processed = self.counters.files,
            documents = self.counters.documents,
            failed = self.counters.failed,
            unchanged = self.counters.unchanged,
            queued = self.waiting(),
            in_flight = self.inflight.len(),
            rate = format!("{rate:.1}/s"),
            "status"
        );
        self.counters.last_files = self.counters.files + self.counters.failed;
        self.counters.last_at = Some(now);
        self.last_status = now;
    }

    /// Reloads the pipeline file; a bad one is reported and ignored.
    fn reload(&mut self) {
        self.pipeline_stamp = stamp(&self.pipeline_file);
        let mut pipeline = match config::load(
            &self.pipeline_file,
            &self.registry,
            &LoadOptions::default(),
        ) {
            Ok(p) => p,
            Err(errs) => {
                error!("the new pipeline file is rejected; the running pipeline keeps running:\n{errs}");
                return;
            }
        };
        if let Some(c) = self.concurrency {
            pipeline.runner.concurrency = c;
        }
        let settings = match settings::resolve(&pipeline, self.force_poll) {
            Ok(s) => s,
            Err(errs) => {
                error!("the new pipeline file is rejected; the running pipeline keeps running:\n{errs}");
                return;
            }
        };
        if settings.root != self.settings.root || settings.state_dir != self.settings.state_dir {
            error!(
                "the new pipeline file changes the source folder or the state folder, which needs a restart; the running pipeline keeps running"
            );
            return;
        }
        let rewatch =
            settings.poll != self.settings.poll || settings.recursive != self.settings.recursive;
        self.excluded = settings.excluded();
        self.pipeline = Arc::new(pipeline);
        self.settings = Arc::new(settings);
        if rewatch {
            if let Err(e) = self.start_watching() {
                error!("{e}; switching to poll mode");
                let mut s = (*self.settings).clone();
                s.poll = true;
                self.settings = Arc::new(s);
            }
            self.rescan_needed = true;
        }
        info!(pipeline = %self.pipeline_file.display(), analyzers = self.pipeline.analyzers.len(),
            sinks = self.pipeline.sinks.len(), "pipeline reloaded; it applies to files processed from now on");
    }

    /// Periodic work: quiet periods, scans, status, sinks' finish, reload.
    async fn tick(&mut self) {
        let now = Instant::now();
        self.settle();
        if self.overflow.swap(false, Ordering::AcqRel) {
            warn!("the event queue overflowed; rescanning the folder");
            self.rescan_needed = true;
        }
        let poll_due =
            self.settings.poll && now.duration_since(self.last_poll) >= self.settings.poll_interval;
        let safety_due = !self.settings.poll
            && self
                .settings
                .rescan_interval
                .is_some_and(|i| now.duration_since(self.last_rescan) >= i);
        let rescan_ok = self.rescan_needed && self.waiting() < self.settings.queue_limit / 2 + 1;
        if poll_due || safety_due || rescan_ok {
            self.last_poll = now;
            self.full_scan().await;
        }
        if let Some(i) = self.settings.status_interval {
            if now.duration_since(self.last_status) >= i {
                self.status();
            }
        }
        let idle = self.inflight.is_empty() && self.ready.is_empty();
        let since = now.duration_since(self.last_finish);
        if self.finish_pending
            && ((idle && since >= self.settings.finish_interval)
                || since >= (self.settings.finish_interval * 15).max(Duration::from_secs(30)))
        {
            self.finish_sinks().await;
        }
        if now.duration_since(self.last_reload_check) >= Duration::from_secs(1) {
            self.last_reload_check = now;
            if stamp(&self.pipeline_file) != self.pipeline_stamp {
                info!(pipeline = %self.pipeline_file.display(), "the pipeline file changed; reloading");
                self.reload();
            }
        }
    }

    /// Runs until SIGINT or SIGTERM; returns after a clean shutdown.
    pub async fn run(mut self) -> Result<(), StartError> {
        let mut signals = Signals::new()?;

        // Whatever arrived while the daemon was down.
        self.full_scan().await;
        info!(
            known = self.store.len(),
            waiting = self.waiting(),
            "initial scan done"
        );
        self.status();

        let period =
            (self.settings.quiet / 4).clamp(Duration::from_millis(10), Duration::from_millis(100));
        let mut ticker = tokio::time::interval(period);
        ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        loop {
            self.dispatch();
            tokio::select! {
                Some(ev) = self.events_rx.recv() => {
                    self.on_event(ev);
                    let mut n = 0;
                    while let Ok(ev) = self.events_rx.try_recv() {
                        self.on_event(ev);
                        n += 1;
                        if n > 1024 { break; }
                    }
                }
                Some(joined) = self.workers.join_next(), if !self.workers.is_empty() => {
                    self.joined(joined);
                    while let Some(j) = self.workers.try_join_next() {
                        self.joined(j);
                    }
                }
                _ = ticker.tick() => self.tick().await,
                sig = signals.recv() => match sig {
                    Sig::Stop(name) => { info!("{name}: stopping"); break; }
                    Sig::Reload => { info!("SIGHUP: reloading the pipeline"); self.reload(); }
                },
            }
            // Sync what this round recorded (failed and kept files too, not
            // only those waiting to be moved or deleted), then compact.
            if !self.after_actions.is_empty() || self.store.is_dirty() {
                self.flush();
            }
        }
        self.shutdown(&mut signals).await;
        Ok(())
    }

    fn joined(&mut self, joined: Result<Done, tokio::task::JoinError>) {
        match joined {
            Ok(done) => self.complete(done),
            Err(e) => {
                error!(error = %e, "a worker stopped unexpectedly; its file is processed again after a restart")
            }
        }
    }

    async fn shutdown(&mut self, signals: &mut Signals) {
        self.watcher = None;
        self.ready.clear();
        self.queued.clear();
        self.settling.clear();
        if !self.workers.is_empty() {
            info!(
                in_flight = self.workers.len(),
                timeout_s = self.settings.shutdown_timeout.as_secs_f64(),
                "no new files; letting in-flight files finish"
            );
        }
        let deadline = tokio::time::sleep(self.settings.shutdown_timeout);
        tokio::pin!(deadline);
        while !self.workers.is_empty() {
            tokio::select! {
                Some(j) = self.workers.join_next() => self.joined(j),
                _ = &mut deadline => break,
                sig = signals.recv() => if let Sig::Stop(name) = sig {
                    warn!("{name} again: abandoning in-flight files");
                    break;
                },
            }
        }
        if !self.workers.is_empty() {
            let n = self.workers.len();
            self.workers.abort_all();
            while self.workers.join_next().await.is_some() {}
            warn!(
                files = n,
                "abandoned in-flight files; they are processed again on the next start"
            );
        }
        self.flush();
        if self.finish_pending {
            self.finish_sinks().await;
        }
        if let Err(e) = self.store.sync() {
            error!(error = %e, "cannot sync the state at shutdown");
        }
        self.compact();
        self.status();
        info!("stopped");
    }
}

/// What a signal asks of the daemon.
enum Sig {
    /// SIGINT or SIGTERM (Ctrl-C elsewhere): stop.
    Stop(&'static str),
    /// SIGHUP: reload the pipeline file.
    Reload,
}

/// The signals the daemon handles.
struct Signals {
    #[cfg(unix)]
    int: tokio::signal::unix::Signal,
    #[cfg(unix)]
    term: tokio::signal::unix::Signal,
    #[cfg(unix)]
    hup: tokio::signal::unix::Signal,
}

impl Signals {
    #[cfg(unix)]
    fn new() -> Result<Signals, StartError> {
        use tokio::signal::unix::{signal, SignalKind};
        let sig =
            |k| signal(k).map_err(|e| StartError::Watch(format!("cannot handle signals: {e}")));
        Ok(Signals {
            int: sig(SignalKind::interrupt())?,
            term: sig(SignalKind::terminate())?,
            hup: sig(SignalKind::hangup())?,
        })
    }

    #[cfg(not(unix))]
    fn new() -> Result<Signals, StartError> {
        Ok(Signals {})
    }

    /// The next signal.
    #[cfg(unix)]
    async fn recv(&mut self) -> Sig {
        tokio::select! {
            _ = self.int.recv() => Sig::Stop("SIGINT"),
            _ = self.term.recv() => Sig::Stop("SIGTERM"),
            _ = self.hup.recv() => Sig::Reload,
        }
    }

    /// The next signal.
    #[cfg(not(unix))]
    async fn recv(&mut self) -> Sig {
        match tokio::signal::ctrl_c().await {
            Ok(()) => Sig::Stop("Ctrl-C"),
            // No console: never asked to stop this way.
            Err(_) => std::future::pending().await,
        }
    }
}
