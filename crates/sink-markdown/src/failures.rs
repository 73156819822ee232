//! Failures still outstanding, kept across runs and watch batches in
//! `.gleaner-failures.json` beside the reports, so that `index.md` lists
//! every input that failed and has not been processed since, not only the
//! failures of the latest batch (the watch daemon finishes a batch every few
//! seconds, which would otherwise hide a failure from a minute ago).
//!
//! A failure is cleared when a later batch writes a document from the same
//! input path; a new failure of the same path replaces the old one. At most
//! [`MAX_KEPT`] failures are kept, the newest. Deleting the file resets the
//! list.

use gleaner_core::{write_atomic, Failure};
use serde::{Deserialize, Serialize};
use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::Path;

/// File name of the store in the report folder (a dot file: never a report).
pub const FAILURES_FILE: &str = ".gleaner-failures.json";
/// Store format version.
const STORE_VERSION: u32 = 1;
/// Most failures kept; the oldest go first.
pub const MAX_KEPT: usize = 1000;

/// The file's shape.
#[derive(Debug, Serialize, Deserialize)]
struct Store {
    v: u32,
    failures: Vec<Failure>,
}

/// Reads the stored failures of `dir`. A missing file is an empty list; a
/// file that cannot be parsed (another program's, or a newer version) is
/// logged as a warning with its path and treated as empty, since it only
/// feeds the index and is rewritten at once.
pub fn load(dir: &Path) -> io::Result<Vec<Failure>> {
    let path = dir.join(FAILURES_FILE);
    let bytes = match fs::read(&path) {
        Ok(b) => b,
        Err(e) if e.kind() == io::ErrorKind::NotFound => return Ok(Vec::new()),
        Err(e) => return Err(io::Error::new(e.kind(), format!("{}: {e}", path.display()))),
    };
    match serde_json::from_slice::<Store>(&bytes) {
        Ok(store) if store.v == STORE_VERSION => Ok(store.failures),
        Ok(store) => {
            tracing::warn!(file = %path.display(), version = store.v,
                "unknown failure list version; starting a new list");
            Ok(Vec::new())
        }
        Err(e) => {
            tracing::warn!(file = %path.display(), error = %e,
                "unreadable failure list; starting a new list");
            Ok(Vec::new())
        }
    }
}

/// The outstanding failures after a batch: `previous` minus the inputs that
/// were written in the batch (`written`, input paths) or failed again, then
/// the batch's `new` failures (one per path and stage, the last), the
/// newest [`MAX_KEPT`] of them.
pub fn merge(previous: Vec<Failure>, written: &HashSet<String>, new: &[Failure]) -> Vec<Failure> {
    let failed_again: HashSet<&str> = new.iter().map(|f| f.path.as_str()).collect();
    let mut out: Vec<Failure> = previous
        .into_iter()
        .filter(|f| !written.contains(&f.path) && !failed_again.contains(f.path.as_str()))
        .collect();
    for f in new {
        out.retain(|o| !(o.path == f.path && o.stage == f.stage && o.message == f.message));
        out.push(f.clone());
    }
    if out.len() > MAX_KEPT {
        out.drain(..out.len() - MAX_KEPT);
    }
    out
}

/// Writes `failures` to the store in `dir` (atomically); removes the store
/// when the list is empty.
pub fn store(dir: &Path, failures: &[Failure]) -> io::Result<()> {
    let path = dir.join(FAILURES_FILE);
    if failures.is_empty() {
        return match fs::remove_file(&path) {
            Err(e) if e.kind() != io::ErrorKind::NotFound => {
                Err(io::Error::new(e.kind(), format!("{}: {e}", path.display())))
            }
            _ => Ok(()),
        };
    }
    let store = Store {
        v: STORE_VERSION,
        failures: failures.to_vec(),
    };
    let json = serde_json::to_vec_pretty(&store).map_err(io::Error::other)?;
    write_atomic(&path, &json)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(path: &str, message: &str) -> Failure {
        Failure {
            path: path.into(),
            stage: "ingest".into(),
            message: message.into(),
        }
    }

    #[test]
    fn a_later_success_clears_and_a_new_failure_replaces() {
        let previous = vec![
            f("a.html", "bad"),
            f("b.json", "bad json"),
            f("c.txt", "empty"),
        ];
        let written: HashSet<String> = ["a.html".to_string()].into();
        let merged = merge(previous, &written, &[f("b.json", "still bad")]);
        assert_eq!(merged, vec![f("c.txt", "empty"), f("b.json", "still bad")]);
    }

    #[test]
    fn a_jsonl_file_with_good_and_bad_lines_keeps_its_failure() {
        let written: HashSet<String> = ["w.jsonl".to_string()].into();
        let merged = merge(Vec::new(), &written, &[f("w.jsonl", "line 3: bad json")]);
        assert_eq!(merged, vec![f("w.jsonl", "line 3: bad json")]);
    }

    #[test]
    fn only_the_newest_are_kept() {
        let new: Vec<Failure> = (0..MAX_KEPT + 5)
            .map(|i| f(&format!("{i}.txt"), "x"))
            .collect();
        let merged = merge(Vec::new(), &HashSet::new(), &new);
        assert_eq!(merged.len(), MAX_KEPT);
        assert_eq!(merged[0].path, "5.txt");
    }

    #[test]
    fn store_round_trips_and_an_empty_list_removes_the_file() {
        let tmp = tempfile::tempdir().unwrap();
        let list = vec![f("a | b.html", "not UTF-8\nat all")];
        store(tmp.path(), &list).unwrap();
        assert_eq!(load(tmp.path()).unwrap(), list);
        store(tmp.path(), &[]).unwrap();
        assert!(!tmp.path().join(FAILURES_FILE).exists());
        assert!(load(tmp.path()).unwrap().is_empty());
    }

    #[test]
    fn an_unreadable_store_starts_a_new_list() {
        let tmp = tempfile::tempdir().unwrap();
        fs::write(tmp.path().join(FAILURES_FILE), b"{not json").unwrap();
        assert!(load(tmp.path()).unwrap().is_empty());
        fs::write(tmp.path().join(FAILURES_FILE), br#"{"v":99,"failures":[]}"#).unwrap();
        assert!(load(tmp.path()).unwrap().is_empty());
    }
}
