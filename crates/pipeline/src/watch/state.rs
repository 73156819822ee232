//! The daemon's durable state: for every source file (by its path below the
//! source folder), the hash of the content last processed, the outputs that
//! content produced, and whether it succeeded.
//!
//! On disk, in the state folder:
//! * `state.json`: a snapshot, `{"format": "gleaner-watch-state", "version":
//!   1, "root": ..., "entries": {...}}`, only ever replaced whole (temporary
//!   file, fsync, rename, fsync of the folder);
//! * `journal.jsonl`: one line per change since the snapshot (`{"put": path,
//!   "entry": {...}}` or `{"del": path}`), appended with a single write and
//!   synced in batches. Replaying it over the snapshot is idempotent, so a
//!   crash between writing a snapshot and emptying the journal is harmless;
//!   a torn last line (a crash mid-append) is ignored: that change was never
//!   acknowledged, and its file is processed again;
//! * `lock`: held with `flock` while a daemon runs, so two daemons never
//!   share (and corrupt) one state.
//!
//! An unreadable snapshot never stops the daemon: it is moved aside and the
//! daemon starts empty, which at worst processes files again (outputs are
//! overwritten in place, so nothing is duplicated).

use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};
use std::fs::{self, File, OpenOptions};
use std::io::{self, BufRead, Write};
use std::path::{Path, PathBuf};
use tracing::{info, warn};

/// The `format` field of the snapshot.
pub const FORMAT: &str = "gleaner-watch-state";
/// The snapshot and journal format version this build reads and writes.
pub const VERSION: u32 = 1;

/// Compact the journal when it has more lines than this and than entries.
const COMPACT_MIN_LINES: usize = 1000;

/// Whether a file's latest content was processed successfully.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    /// Every document was written by every sink.
    Done,
    /// At least one document failed; the file went to the failed folder.
    Failed,
}

/// What the state knows about one source file.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// Content hash of the bytes processed: `sha256:` and 64 hex digits.
    pub hash: String,
    /// Size in bytes when processed.
    pub size: u64,
    /// Modification time when processed, nanoseconds since the Unix epoch.
    pub mtime_ns: u64,
    /// Inode number when processed (0 where unknown).
    #[serde(default)]
    pub ino: u64,
    /// Outcome.
    pub status: Status,
    /// Every file the sinks wrote for this content.
    #[serde(default)]
    pub outputs: Vec<String>,
    /// Why it failed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// When it was processed, seconds since the Unix epoch.
    pub at: u64,
    /// False once the file left the source folder (moved to done or failed,
    /// or deleted).
    #[serde(default = "yes")]
    pub present: bool,
}

fn yes() -> bool {
    true
}

/// State errors that stop the daemon from starting.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// The folder or a file in it cannot be used.
    #[error("state folder {path}: {source}")]
    Io {
        /// The file or folder.
        path: PathBuf,
        /// The I/O error.
        source: io::Error,
    },
    /// Another daemon holds the lock.
    #[error("state folder {0} is in use by another `gleaner watch` (it holds {0}/lock); two daemons must not share one state folder")]
    Locked(PathBuf),
    /// The state was written for another source folder.
    #[error("state folder {dir} belongs to source folder {theirs}, not {ours}; give this pipeline its own [watch] state folder")]
    OtherRoot {
        /// The state folder.
        dir: PathBuf,
        /// The root recorded in it.
        theirs: String,
        /// This pipeline's root.
        ours: String,
    },
    /// A newer build wrote this state.
    #[error("state file {path} has format version {found}; this gleaner reads version {VERSION}: upgrade gleaner, or remove the state folder to process everything again")]
    Version {
        /// The snapshot.
        path: PathBuf,
        /// Its version.
        found: u32,
    },
}

#[derive(Serialize, Deserialize)]
struct Snapshot {
    format: String,
    version: u32,
    root: String,
    entries: BTreeMap<String, Entry>,
}

#[derive(Serialize, Deserialize)]
#[serde(untagged)]
enum Change {
    Put { put: String, entry: Entry },
    Del { del: String },
}

/// The open state of one daemon.
pub struct Store {
    dir: PathBuf,
    root: String,
    entries: HashMap<String, Entry>,
    /// Output file → the source paths whose entries list it.
    owners: HashMap<String, Vec<String>>,
    journal: File,
    journal_lines: usize,
    unsynced: bool,
    _lock: File,
}

fn io_err(path: &Path) -> impl FnOnce(io::Error) -> StateError + '_ {
    move |source| StateError::Io {
        path: path.to_path_buf(),
        source,
    }
}

impl Store {
    /// Opens (creating) the state in `dir` for the source folder `root`
    /// (canonical form), takes its lock and compacts it.
    pub fn open(dir: &Path, root: &str) -> Result<Store, StateError> {
        fs::create_dir_all(dir).map_err(io_err(dir))?;
        let lock_path = dir.join("lock");
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .open(&lock_path)
            .map_err(io_err(&lock_path))?;
        lock_exclusive(&lock, dir)?;

        let snap_path = dir.join("state.json");
        let mut entries: HashMap<String, Entry> = HashMap::new();
        match fs::read(&snap_path) {
            Ok(bytes) => match serde_json::from_slice::<Snapshot>(&bytes) {
                Ok(s) if s.format == FORMAT => {
                    if s.version > VERSION {
                        return Err(StateError::Version {
                            path: snap_path,
                            found: s.version,
                        });
                    }
                    if s.root != root {
                        return Err(StateError::OtherRoot {
                            dir: dir.to_path_buf(),
                            theirs: s.root,
                            ours: root.to_string(),
                        });
                    }
                    entries.extend(s.entries);
                }
                Ok(_) => set_aside(&snap_path, "it is not a gleaner watch state"),
                Err(e) => set_aside(&snap_path, &format!("it cannot be read: {e}")),
            },
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StateError::Io {
                    path: snap_path,
                    source: e,
                })
            }
        }

        let journal_path = dir.join("journal.jsonl");
        match File::open(&journal_path) {
            Ok(f) => {
                let mut bad = 0usize;
                for line in io::BufReader::new(f).split(b'\n') {
                    let line = line.map_err(io_err(&journal_path))?;
                    if line.iter().all(u8::is_ascii_whitespace) {
                        continue;
                    }
                    match serde_json::from_slice::<Change>(&line) {
                        Ok(Change::Put { put, entry }) => {
                            entries.insert(put, entry);
                        }
                        Ok(Change::Del { del }) => {
                            entries.remove(&del);
                        }
                        Err(_) => bad += 1,
                    }
                }
                if bad > 0 {
                    warn!(journal = %journal_path.display(), lines = bad,
                        "ignored unreadable state journal lines (a crash mid-write); their files will be processed again");
                }
            }
            Err(e) if e.kind() == io::ErrorKind::NotFound => {}
            Err(e) => {
                return Err(StateError::Io {
                    path: journal_path,
                    source: e,
                })
            }
        }

        let journal = OpenOptions::new()
            .create(true)
            .append(true)
            .open(&journal_path)
            .map_err(io_err(&journal_path))?;
        let mut store = Store {
            dir: dir.to_path_buf(),
            root: root.to_string(),
            owners: HashMap::new(),
            entries: HashMap::new(),
            journal,
            journal_lines: 0,
            unsynced: false,
            _lock: lock,
        };
        for (k, e) in entries {
            store.index(&k, &e);
            store.entries.insert(k, e);
        }
        store.compact(|_, _| false).map_err(io_err(dir))?;
        Ok(store)
    }

    /// The state folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Number of files known.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// True when no file is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// What is known about `rel`.
    pub fn get(&self, rel: &str) -> Option<&Entry> {
        self.entries.get(rel)
    }

    /// Every output file of every known source file.
    pub fn outputs(&self) -> impl Iterator<Item = &str> + '_ {
        self.owners.keys().map(String::as_str)
    }

    /// Source files other than `rel` whose outputs include `output`.
    pub fn other_owners<'a>(
        &'a self,
        output: &str,
        rel: &'a str,
    ) -> impl Iterator<Item = &'a str> + 'a {
        self.owners
            .get(output)
            .into_iter()
            .flatten()
            .map(String::as_str)
            .filter(move |o| *o != rel)
    }

    fn index(&mut self, rel: &str, e: &Entry) {
        for o in &e.outputs {
            let v = self.owners.entry(o.clone()).or_default();
            if !v.iter().any(|x| x == rel) {
                v.push(rel.to_string());
            }
        }
    }

    fn unindex(&mut self, rel: &str, e: &Entry) {
        for o in &e.outputs {
            if let Some(v) = self.owners.get_mut(o) {
                v.retain(|x| x != rel);
                if v.is_empty() {
                    self.owners.remove(o);
                }
            }
        }
    }

    fn append(&mut self, change: &Change) -> io::Result<()> {
        let mut line = serde_json::to_vec(change).map_err(io::Error::other)?;
        line.push(b'\n');
        self.journal.write_all(&line)?;
        self.journal_lines += 1;
        self.unsynced = true;
        Ok(())
    }

    /// Records `entry` for `rel` (durable after the next [`Store::sync`]).
    pub fn put(&mut self, rel: &str, entry: Entry) -> io::Result<()> {
        self.append(&Change::Put {
            put: rel.to_string(),
            entry: entry.clone(),
        })?;
        if let Some(old) = self.entries.remove(rel) {
            self.unindex(rel, &old);
        }
        self.index(rel, &entry);
        self.entries.insert(rel.to_string(), entry);
        Ok(())
    }

    /// Forgets `rel`.
    pub fn remove(&mut self, rel: &str) -> io::Result<()> {
        if let Some(old) = self.entries.remove(rel) {
            self.unindex(rel, &old);
            self.append(&Change::Del {
                del: rel.to_string(),
            })?;
        }
        Ok(())
    }

    /// True when entries were appended since the last sync.
    pub fn is_dirty(&self) -> bool {
        self.unsynced
    }

    /// Makes every change so far durable.
    pub fn sync(&mut self) -> io::Result<()> {
        if self.unsynced {
            self.journal.sync_data()?;
            self.unsynced = false;
        }
        Ok(())
    }

    /// True when the journal is long enough to be folded into a snapshot.
    pub fn wants_compaction(&self) -> bool {
        self.journal_lines > COMPACT_MIN_LINES && self.journal_lines > self.entries.len()
    }

    /// Writes a new snapshot without the entries `forget` picks, then
    /// empties the journal.
    pub fn compact(&mut self, forget: impl Fn(&str, &Entry) -> bool) -> io::Result<()> {
        let gone: Vec<String> = self
            .entries
            .iter()
            .filter(|(k, e)| forget(k, e))
            .map(|(k, _)| k.clone())
            .collect();
        for k in &gone {
            if let Some(old) = self.entries.remove(k) {
                self.unindex(k, &old);
            }
        }
        if !gone.is_empty() {
            info!(
                files = gone.len(),
                "state forgot files that left the folder long ago"
            );
        }
        let snap = Snapshot {
            format: FORMAT.to_string(),
            version: VERSION,
            root: self.root.clone(),
            entries: self
                .entries
                .iter()
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect(),
        };
        let bytes = serde_json::to_vec(&snap).map_err(io::Error::other)?;
        gleaner_core::write_atomic(&self.dir.join("state.json"), &bytes)?;
        // The snapshot now holds everything the journal did: start a new one.
        let journal_path = self.dir.join("journal.jsonl");
        gleaner_core::write_atomic(&journal_path, b"")?;
        self.journal = OpenOptions::new().append(true).open(&journal_path)?;
        self.journal_lines = 0;
        self.unsynced = false;
        Ok(())
    }
}

/// Moves an unreadable snapshot aside so that the daemon can start.
fn set_aside(path: &Path, why: &str) {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let aside = path.with_extension(format!("json.corrupt-{secs}"));
    match fs::rename(path, &aside) {
        Ok(()) => warn!(state = %path.display(), moved_to = %aside.display(),
            "state snapshot set aside because {why}; starting with an empty state (files are processed again, outputs overwritten in place)"),
        Err(e) => warn!(state = %path.display(), error = %e,
            "state snapshot unreadable ({why}) and could not be moved aside; starting with an empty state"),
    }
}

#[cfg(unix)]
fn lock_exclusive(file: &File, dir: &Path) -> Result<(), StateError> {
    use std::os::unix::io::AsRawFd;
    // SAFETY: flock on a valid, owned descriptor; no memory is shared.
    let r = unsafe { libc::flock(file.as_raw_fd(), libc::LOCK_EX | libc::LOCK_NB) };
    if r == 0 {
        return Ok(());
    }
    let e = io::Error::last_os_error();
    if e.kind() == io::ErrorKind::WouldBlock {
        Err(StateError::Locked(dir.to_path_buf()))
    } else {
        Err(StateError::Io {
            path: dir.join("lock"),
            source: e,
        })
    }
}

#[cfg(not(unix))]
fn lock_exclusive(_file: &File, _dir: &Path) -> Result<(), StateError> {
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(hash: &str, outputs: &[&str]) -> Entry {
        Entry {
            hash: hash.into(),
            size: 1,
            mtime_ns: 2,
            ino: 3,
            status: Status::Done,
            outputs: outputs.iter().map(|s| s.to_string()).collect(),
            error: None,
            at: 4,
            present: true,
        }
    }

    #[test]
    fn changes_survive_reopening_and_compaction() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open(dir.path(), "/root").unwrap();
            s.put("a.txt", entry("h1", &["out/a.json"])).unwrap();
            s.put("b.txt", entry("h2", &["out/b.json"])).unwrap();
            s.put("a.txt", entry("h3", &["out/a.json"])).unwrap();
            s.remove("b.txt").unwrap();
            s.sync().unwrap();
        }
        let s = Store::open(dir.path(), "/root").unwrap();
        assert_eq!(s.len(), 1);
        assert_eq!(s.get("a.txt").unwrap().hash, "h3");
        // Opening compacted: the journal is empty, the snapshot has it all.
        assert_eq!(fs::read(dir.path().join("journal.jsonl")).unwrap(), b"");
        let snap: serde_json::Value =
            serde_json::from_slice(&fs::read(dir.path().join("state.json")).unwrap()).unwrap();
        assert_eq!(snap["version"], 1);
        assert_eq!(snap["entries"]["a.txt"]["hash"], "h3");
    }

    #[test]
    fn a_torn_last_line_is_ignored() {
        let dir = tempfile::tempdir().unwrap();
        {
            let mut s = Store::open(dir.path(), "/root").unwrap();
            s.put("a.txt", entry("h1", &[])).unwrap();
            s.sync().unwrap();
        }
        let mut j = OpenOptions::new()
            .append(true)
            .open(dir.path().join("journal.jsonl"))
            .unwrap();
        j.write_all(br#"{"put":"b.txt","entry":{"hash":"#).unwrap();
        drop(j);
        let s = Store::open(dir.path(), "/root").unwrap();
        assert_eq!(s.len(), 1);
        assert!(s.get("b.txt").is_none());
    }

    #[test]
    fn a_corrupt_snapshot_is_set_aside() {
        let dir = tempfile::tempdir().unwrap();
        fs::write(dir.path().join("state.json"), b"{not json").unwrap();
        let s = Store::open(dir.path(), "/root").unwrap();
        assert!(s.is_empty());
        let aside = fs::read_dir(dir.path())
            .unwrap()
            .filter_map(|e| e.ok())
            .any(|e| e.file_name().to_string_lossy().contains("corrupt"));
        assert!(aside);
    }

    #[test]
    fn another_root_and_a_second_daemon_are_refused() {
        let dir = tempfile::tempdir().unwrap();
        let s = Store::open(dir.path(), "/root").unwrap();
        assert!(matches!(
            Store::open(dir.path(), "/root"),
            Err(StateError::Locked(_))
        ));
        drop(s);
        assert!(matches!(
            Store::open(dir.path(), "/elsewhere"),
            Err(StateError::OtherRoot { .. })
        ));
    }

    #[test]
    fn owners_track_outputs_and_forgetting() {
        let dir = tempfile::tempdir().unwrap();
        let mut s = Store::open(dir.path(), "/root").unwrap();
        s.put("a.json", entry("h", &["out/x.json"])).unwrap();
        s.put("b.json", entry("h", &["out/x.json"])).unwrap();
        assert_eq!(
            s.other_owners("out/x.json", "a.json").collect::<Vec<_>>(),
            vec!["b.json"]
        );
        s.compact(|k, _| k == "b.json").unwrap();
        assert_eq!(s.other_owners("out/x.json", "a.json").count(), 0);
        assert_eq!(s.len(), 1);
    }
}
