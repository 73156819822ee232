//! File helpers every sink needs: a safe file name for a document id, and
//! atomic writes (temp file, fsync, rename), so that a crash never leaves a
//! half-written output.

use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

/// Longest file stem [`safe_file_stem`] returns, in bytes.
const MAX_STEM: usize = 120;

/// A file stem for `id` that is safe in any folder: ASCII letters, digits,
/// `-`, `_` and `.` only, never starting with `.`, never empty, at most 120
/// bytes. When anything had to change, a short hash of the original id is
/// appended so that distinct ids stay distinct (`../../x` becomes
/// `x-1a2b3c4d`). Path separators, `..`, NUL and control characters can never
/// reach the file system through it.
pub fn safe_file_stem(id: &str) -> String {
    let mut out = String::with_capacity(id.len().min(MAX_STEM));
    let mut last_sep = true;
    for c in id.chars() {
        let ok = c.is_ascii_alphanumeric() || c == '-' || c == '_' || (c == '.' && !last_sep);
        if ok {
            out.push(c);
            last_sep = false;
        } else if !last_sep {
            out.push('_');
            last_sep = true;
        }
    }
    let trimmed = out.trim_matches(|c| c == '_' || c == '.');
    let mut stem: String = trimmed.chars().take(MAX_STEM - 9).collect();
    if stem != id || stem.is_empty() {
        if stem.is_empty() {
            stem.push_str("doc");
        }
        stem.push('-');
        stem.push_str(&format!("{:08x}", fnv1a(id.as_bytes()) as u32));
    }
    stem
}

fn fnv1a(bytes: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for b in bytes {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x0100_0000_01b3);
    }
    h
}

/// The process id of the writer when `name` is a temporary file left by
/// [`write_atomic`] (`.NAME.PID-SEQ.tmp`, or `.NAME.PID.tmp` from older
/// versions). Cleanup code uses it to remove temp files of writers that
/// died (a `kill -9` mid-write) and to leave live writers' alone.
pub fn atomic_temp_pid(name: &str) -> Option<u32> {
    let inner = name.strip_prefix('.')?.strip_suffix(".tmp")?;
    let (_, tag) = inner.rsplit_once('.')?;
    let pid = tag.split_once('-').map_or(tag, |(pid, _)| pid);
    pid.parse().ok()
}

/// Writes `bytes` to `path` atomically: into a temporary file in the same
/// folder, flushed to disk, then renamed over `path`. Readers see the old
/// file or the new one, never a part. Creates the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().filter(|p| !p.as_os_str().is_empty());
    let dir = dir.unwrap_or_else(|| Path::new("."));
    fs::create_dir_all(dir)?;
    let name = path
        .file_name()
        .ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "path has no file name"))?;
    // Unique per process and per call: concurrent writes of the same path
    // never share a temp file.
    static SEQ: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let seq = SEQ.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let mut tmp_name = std::ffi::OsString::from(".");
    tmp_name.push(name);
    tmp_name.push(format!(".{}-{seq}.tmp", std::process::id()));
    let tmp: PathBuf = dir.join(tmp_name);
    let result = (|| {
        let mut f = fs::File::create(&tmp)?;
        f.write_all(bytes)?;
        f.sync_all()?;
        drop(f);
        fs::rename(&tmp, path)?;
        // Make the rename itself durable.
        if let Ok(d) = fs::File::open(dir) {
            let _ = d.sync_all();
        }
        Ok(())
    })();
    if result.is_err() {
        let _ = fs::remove_file(&tmp);
    }
    result
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn plain_ids_stay() {
        assert_eq!(safe_file_stem("000_f8fb"), "000_f8fb");
        assert_eq!(safe_file_stem("report-2019.v2"), "report-2019.v2");
    }

    #[test]
    fn hostile_ids_are_made_safe() {
        for id in [
            "../../x",
            "/etc/passwd",
            "a\0b",
            "..",
            ".",
            "",
            "a/b\\c",
            "\u{7}bell",
        ] {
            let s = safe_file_stem(id);
            assert!(!s.is_empty());
            assert!(!s.starts_with('.'));
            assert!(!s.contains('/') && !s.contains('\\') && !s.contains('\0'));
            assert_ne!(s, id);
        }
        assert_ne!(safe_file_stem("a/b"), safe_file_stem("a_b"));
    }

    #[test]
    fn atomic_write_replaces_whole_file() {
        let dir = std::env::temp_dir().join(format!("gleaner-core-test-{}", std::process::id()));
        let p = dir.join("sub").join("x.json");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(fs::read(&p).unwrap(), b"two");
        let leftovers: Vec<_> = fs::read_dir(p.parent().unwrap()).unwrap().collect();
        assert_eq!(leftovers.len(), 1);
        fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn recognises_temp_files_of_atomic_writes() {
        assert_eq!(atomic_temp_pid(".a.json.1234.tmp"), Some(1234));
        assert_eq!(atomic_temp_pid(".a067.json.19975-30.tmp"), Some(19975));
        assert_eq!(atomic_temp_pid(".a.json.x-30.tmp"), None);
        assert_eq!(atomic_temp_pid("a.json.1234.tmp"), None);
        assert_eq!(atomic_temp_pid(".a.json.tmp"), None);
        assert_eq!(atomic_temp_pid(".a.json"), None);
        // The names write_atomic really uses are recognised.
        let name = format!(".x.json.{}-7.tmp", std::process::id());
        assert_eq!(atomic_temp_pid(&name), Some(std::process::id()));
    }

    #[test]
    fn concurrent_writes_of_one_path_never_tear() {
        let dir = tempfile_dir("concurrent");
        let p = dir.join("same.json");
        let handles: Vec<_> = (0..16)
            .map(|i| {
                let p = p.clone();
                std::thread::spawn(move || {
                    let body = vec![b'a' + (i % 26) as u8; 100_000];
                    write_atomic(&p, &body)
                })
            })
            .collect();
        for h in handles {
            h.join().unwrap().unwrap();
        }
        let got = fs::read(&p).unwrap();
        assert_eq!(got.len(), 100_000);
        assert!(got.iter().all(|&b| b == got[0]));
        fs::remove_dir_all(&dir).unwrap();
    }

    fn tempfile_dir(tag: &str) -> PathBuf {
        let d = std::env::temp_dir().join(format!("gleaner-core-{tag}-{}", std::process::id()));
        fs::create_dir_all(&d).unwrap();
        d
    }

    proptest! {
        #[test]
        fn any_id_gives_a_plain_file_name(id in "\\PC{0,200}|[./\\\\\0a]{0,20}") {
            let s = safe_file_stem(&id);
            prop_assert!(!s.is_empty() && s.len() <= MAX_STEM);
            prop_assert!(!s.starts_with('.'));
            prop_assert!(s.chars().all(|c| c.is_ascii_alphanumeric() || "-_.".contains(c)));
            prop_assert!(Path::new(&s).components().count() == 1);
        }
    }
}
