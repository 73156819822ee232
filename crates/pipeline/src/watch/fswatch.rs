//! File-system side of the daemon: `notify` events turned into the few
//! things the scheduler cares about, folder scans, and the metadata used to
//! tell whether a file changed.
//!
//! On Linux a file counts as complete when it is closed after writing
//! (`IN_CLOSE_WRITE`) or renamed into the folder; creation and writes alone
//! are ignored, because the close always follows. Elsewhere there is no
//! close event, so every create, write or rename sends the file through the
//! quiet period. Queue overflow (the rescan flag) and a full channel both
//! become a rescan request instead of being dropped silently.

use notify::event::{AccessKind, AccessMode, CreateKind, ModifyKind, RenameMode};
use notify::{Event, EventKind};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::Arc;
use tokio::sync::mpsc;

/// What the scheduler learns from the file system.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum FsEvent {
    /// The file is complete (closed after writing, or renamed in).
    Complete(PathBuf),
    /// The file changed; process it once it has been quiet for a while.
    Changed(PathBuf),
    /// A folder appeared (created or renamed in): scan it.
    Folder(PathBuf),
    /// Events were lost (queue overflow): scan everything.
    Rescan,
    /// The watch limit was reached: events no longer cover every folder.
    Limit,
    /// Any other watcher error.
    Error(String),
}

/// Size, modification time and inode: what a scan compares.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct FileStat {
    /// Size in bytes.
    pub size: u64,
    /// Modification time, nanoseconds since the Unix epoch.
    pub mtime_ns: u64,
    /// Inode number (0 where unknown).
    pub ino: u64,
}

impl FileStat {
    /// Reads the metadata of `path`; `None` when it is not a regular file.
    pub fn of(path: &Path) -> Option<FileStat> {
        let md = std::fs::metadata(path).ok()?;
        md.is_file().then(|| FileStat::from_metadata(&md))
    }

    /// From metadata already read.
    pub fn from_metadata(md: &std::fs::Metadata) -> FileStat {
        let mtime_ns = md
            .modified()
            .ok()
            .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
            .map_or(0, |d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX));
        FileStat {
            size: md.len(),
            mtime_ns,
            ino: inode(md),
        }
    }
}

#[cfg(unix)]
fn inode(md: &std::fs::Metadata) -> u64 {
    std::os::unix::fs::MetadataExt::ino(md)
}

#[cfg(not(unix))]
fn inode(_md: &std::fs::Metadata) -> u64 {
    0
}

/// Receives `notify` events on notify's thread and forwards what matters.
pub struct Handler {
    /// Where events go; bounded.
    pub tx: mpsc::Sender<FsEvent>,
    /// Set when an event could not be queued: the scheduler rescans.
    pub overflow: Arc<AtomicBool>,
    /// Whether close-after-write events are delivered (Linux inotify).
    pub close_events: bool,
}

impl Handler {
    fn send(&self, ev: FsEvent) {
        if self.tx.try_send(ev).is_err() {
            self.overflow.store(true, Ordering::Release);
        }
    }
}

impl notify::EventHandler for Handler {
    fn handle_event(&mut self, event: notify::Result<Event>) {
        match event {
            Ok(ev) => {
                for out in translate(&ev, self.close_events) {
                    self.send(out);
                }
            }
            Err(e) => {
                if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) {
                    self.send(FsEvent::Limit);
                } else {
                    self.send(FsEvent::Error(e.to_string()));
                }
            }
        }
    }
}

/// True when a file name is one the daemon never reads.
fn ignored_name(path: &Path) -> bool {
    path.file_name()
        .and_then(|n| n.to_str())
        .is_none_or(crate::source::is_hidden_or_temp)
}

/// Turns one notify event into scheduler events.
pub fn translate(ev: &Event, close_events: bool) -> Vec<FsEvent> {
    let mut out = Vec::new();
    if ev.need_rescan() {
        out.push(FsEvent::Rescan);
    }
    let last = ev.paths.last();
    match ev.kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => {
            if let Some(p) = last.filter(|p| !ignored_name(p)) {
                out.push(FsEvent::Complete(p.clone()));
            }
        }
        // `From` only says a file left; `To`/`Both` name the new path (the
        // last one); `Any` (macOS, Windows) may be either.
        EventKind::Modify(ModifyKind::Name(mode)) if mode != RenameMode::From => {
            if let Some(p) = last {
                if p.is_dir() {
                    out.push(FsEvent::Folder(p.clone()));
                } else if !ignored_name(p) {
                    if close_events && mode != RenameMode::Any {
                        out.push(FsEvent::Complete(p.clone()));
                    } else {
                        out.push(FsEvent::Changed(p.clone()));
                    }
                }
            }
        }
        EventKind::Create(kind) => {
            if let Some(p) = last {
                if kind == CreateKind::Folder || (kind != CreateKind::File && p.is_dir()) {
                    out.push(FsEvent::Folder(p.clone()));
                } else if !close_events && !ignored_name(p) {
                    out.push(FsEvent::Changed(p.clone()));
                }
            }
        }
        EventKind::Modify(_) | EventKind::Any if !close_events => {
            if let Some(p) = last.filter(|p| !ignored_name(p)) {
                out.push(FsEvent::Changed(p.clone()));
            }
        }
        _ => {}
    }
    out
}

/// The error text for a reached inotify watch limit.
pub fn watch_limit_message() -> String {
    let current = std::fs::read_to_string("/proc/sys/fs/inotify/max_user_watches")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into());
    format!(
        "the inotify watch limit is reached (fs.inotify.max_user_watches = {current}); every folder of a recursive watch takes one watch, shared by all programs of this user. Raise it with `sudo sysctl fs.inotify.max_user_watches=524288` and keep it across reboots with `echo fs.inotify.max_user_watches=524288 | sudo tee /etc/sysctl.d/60-gleaner.conf`, or watch in poll mode (`--poll` or [watch] poll = true)"
    )
}

/// The error text when no inotify instance can be created.
pub fn instance_limit_message(e: &notify::Error) -> String {
    let current = std::fs::read_to_string("/proc/sys/fs/inotify/max_user_instances")
        .map(|s| s.trim().to_string())
        .unwrap_or_else(|_| "unknown".into());
    format!(
        "cannot start watching: {e}. If this says \"too many open files\", the inotify instance limit is reached (fs.inotify.max_user_instances = {current}): raise it with `sudo sysctl fs.inotify.max_user_instances=1024`, or use poll mode (`--poll`)"
    )
}

/// Starts a native watcher on `root`.
pub fn start(
    root: &Path,
    recursive: bool,
    handler: Handler,
) -> Result<notify::RecommendedWatcher, String> {
    use notify::Watcher;
    let mut w = notify::recommended_watcher(handler).map_err(|e| instance_limit_message(&e))?;
    let mode = if recursive {
        notify::RecursiveMode::Recursive
    } else {
        notify::RecursiveMode::NonRecursive
    };
    w.watch(root, mode).map_err(|e| {
        if matches!(e.kind, notify::ErrorKind::MaxFilesWatch) {
            watch_limit_message()
        } else if matches!(&e.kind, notify::ErrorKind::Io(io) if io.raw_os_error() == Some(24)) {
            instance_limit_message(&e)
        } else {
            format!(
                "cannot watch {}: {e} (where file-system events are not available, use poll mode: `--poll` or [watch] poll = true)",
                root.display()
            )
        }
    })?;
    Ok(w)
}

/// Every regular file below `dir` (down to subfolders when `recursive`),
/// skipping dot-folders and the `excluded` folders, with its metadata.
/// Files that vanish mid-walk are skipped.
pub fn scan(dir: &Path, recursive: bool, excluded: &[PathBuf]) -> Vec<(PathBuf, FileStat)> {
    let depth = if recursive { usize::MAX } else { 1 };
    let mut out = Vec::new();
    let walker = walkdir::WalkDir::new(dir)
        .max_depth(depth)
        .follow_links(true)
        .into_iter()
        .filter_entry(|e| {
            e.depth() == 0
                || !(e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
                    || (e.file_type().is_dir() && excluded.iter().any(|x| e.path() == x)))
        });
    for entry in walker {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                // A file that vanished mid-walk is expected; anything else
                // (an unreadable folder, a link loop) hides files.
                if e.io_error().map(|io| io.kind()) != Some(std::io::ErrorKind::NotFound) {
                    tracing::warn!(error = %e, "scan: cannot read part of the source folder");
                }
                continue;
            }
        };
        if !entry.file_type().is_file() {
            continue;
        }
        if let Ok(md) = entry.metadata() {
            out.push((entry.into_path(), FileStat::from_metadata(&md)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{DataChange, RemoveKind};

    fn ev(kind: EventKind, paths: &[&str]) -> Event {
        let mut e = Event::new(kind);
        for p in paths {
            e = e.add_path(PathBuf::from(p));
        }
        e
    }

    #[test]
    fn linux_reacts_to_close_and_rename_only() {
        let close = ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["/x/a.txt"],
        );
        assert_eq!(
            translate(&close, true),
            vec![FsEvent::Complete("/x/a.txt".into())]
        );
        let create = ev(EventKind::Create(CreateKind::File), &["/x/a.txt"]);
        assert!(translate(&create, true).is_empty());
        let write = ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &["/x/a.txt"],
        );
        assert!(translate(&write, true).is_empty());
        let to = ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::To)),
            &["/x/b.txt"],
        );
        assert_eq!(
            translate(&to, true),
            vec![FsEvent::Complete("/x/b.txt".into())]
        );
        let from = ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::From)),
            &["/x/b.txt"],
        );
        assert!(translate(&from, true).is_empty());
        let rm = ev(EventKind::Remove(RemoveKind::File), &["/x/b.txt"]);
        assert!(translate(&rm, true).is_empty());
    }

    #[test]
    fn temp_names_wait_for_their_rename() {
        let close = ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["/x/a.txt.part"],
        );
        assert!(translate(&close, true).is_empty());
        let dot = ev(
            EventKind::Access(AccessKind::Close(AccessMode::Write)),
            &["/x/.a.txt"],
        );
        assert!(translate(&dot, true).is_empty());
        let both = ev(
            EventKind::Modify(ModifyKind::Name(RenameMode::Both)),
            &["/x/a.txt.part", "/x/a.txt"],
        );
        assert_eq!(
            translate(&both, true),
            vec![FsEvent::Complete("/x/a.txt".into())]
        );
    }

    #[test]
    fn without_close_events_everything_goes_through_the_quiet_period() {
        let create = ev(EventKind::Create(CreateKind::File), &["/x/a.txt"]);
        assert_eq!(
            translate(&create, false),
            vec![FsEvent::Changed("/x/a.txt".into())]
        );
        let write = ev(
            EventKind::Modify(ModifyKind::Data(DataChange::Any)),
            &["/x/a.txt"],
        );
        assert_eq!(
            translate(&write, false),
            vec![FsEvent::Changed("/x/a.txt".into())]
        );
    }

    #[test]
    fn the_watch_limit_error_says_how_to_raise_it() {
        let m = watch_limit_message();
        assert!(m.contains("fs.inotify.max_user_watches ="), "{m}");
        assert!(
            m.contains("sudo sysctl fs.inotify.max_user_watches="),
            "{m}"
        );
        assert!(m.contains("/etc/sysctl.d/") && m.contains("--poll"), "{m}");
    }

    #[test]
    fn overflow_asks_for_a_rescan() {
        let e = Event::new(EventKind::Other).set_flag(notify::event::Flag::Rescan);
        assert_eq!(translate(&e, true), vec![FsEvent::Rescan]);
    }

    #[test]
    fn scan_skips_dot_and_excluded_folders() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        std::fs::create_dir_all(d.join("sub")).unwrap();
        std::fs::create_dir_all(d.join(".gleaner")).unwrap();
        std::fs::create_dir_all(d.join("done")).unwrap();
        std::fs::write(d.join("a.txt"), "a").unwrap();
        std::fs::write(d.join("sub/b.txt"), "bb").unwrap();
        std::fs::write(d.join(".gleaner/state.json"), "{}").unwrap();
        std::fs::write(d.join("done/c.txt"), "c").unwrap();
        let mut found: Vec<_> = scan(d, true, &[d.join("done")])
            .into_iter()
            .map(|(p, s)| (p.strip_prefix(d).unwrap().to_path_buf(), s.size))
            .collect();
        found.sort();
        assert_eq!(
            found,
            vec![(PathBuf::from("a.txt"), 1), (PathBuf::from("sub/b.txt"), 2)]
        );
        assert_eq!(scan(d, false, &[]).len(), 1);
    }
}
