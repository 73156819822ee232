//! Finding input files: walking a source folder or the paths given with
//! `--input`, skipping what is not an article (dotfiles, temp files of
//! writers still at work, unsupported extensions).

use std::path::{Component, Path, PathBuf};

/// One file to ingest.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InputFile {
    /// The file.
    pub path: PathBuf,
    /// Its path relative to the folder it was found in, without extension,
    /// `/`-separated: the document id for non-JSON input.
    pub id_base: String,
}

/// What to read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSpec {
    /// Every candidate file in a folder.
    Folder {
        /// The folder.
        root: PathBuf,
        /// Whether to descend into subfolders.
        recursive: bool,
    },
    /// One file, read whatever its name.
    File(PathBuf),
}

impl InputSpec {
    /// A folder or a file, as given on the command line.
    pub fn from_path(path: PathBuf, recursive: bool) -> Self {
        if path.is_dir() {
            InputSpec::Folder {
                root: path,
                recursive,
            }
        } else {
            InputSpec::File(path)
        }
    }
}

/// Suffixes of files that writers are still writing (renamed when complete).
const TEMP_SUFFIXES: &[&str] = &[
    ".part",
    ".tmp",
    ".temp",
    ".crdownload",
    ".download",
    ".partial",
    ".swp",
    ".swx",
    "~",
];

/// True when `name` is a dotfile or a temp file that is not finished yet.
pub fn is_hidden_or_temp(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    name.starts_with('.') || TEMP_SUFFIXES.iter().any(|s| lower.ends_with(s))
}

/// True when a file found in a folder should be ingested: a supported
/// extension and not hidden or temporary.
pub fn is_candidate(path: &Path) -> bool {
    let Some(name) = path.file_name().and_then(|n| n.to_str()) else {
        return false;
    };
    !is_hidden_or_temp(name) && gleaner_ingest::is_supported(path)
}

/// The id base of `path` found under `root`.
pub fn id_base(root: &Path, path: &Path) -> String {
    let rel = path.strip_prefix(root).unwrap_or(path);
    let rel = rel.with_extension("");
    let parts: Vec<String> = rel
        .components()
        .filter_map(|c| match c {
            Component::Normal(s) => Some(s.to_string_lossy().into_owned()),
            _ => None,
        })
        .collect();
    if parts.is_empty() {
        "document".to_string()
    } else {
        parts.join("/")
    }
}

/// Walks `specs` (in directory order: streaming, so a folder of 100,000
/// files is never held in memory), calling `emit` for each input file, or
/// with an error message for a path that cannot be read. Stops early when
/// `emit` returns false.
pub fn walk(
    specs: &[InputSpec],
    mut emit: impl FnMut(Result<InputFile, (PathBuf, String)>) -> bool,
) {
    for spec in specs {
        match spec {
            InputSpec::File(path) => {
                let r = if path.is_file() {
                    let root = path.parent().unwrap_or(Path::new(""));
                    Ok(InputFile {
                        path: path.clone(),
                        id_base: id_base(root, path),
                    })
                } else if path.exists() {
                    Err((path.clone(), "not a regular file".to_string()))
                } else {
                    Err((path.clone(), "no such file or folder".to_string()))
                };
                if !emit(r) {
                    return;
                }
            }
            InputSpec::Folder { root, recursive } => {
                let depth = if *recursive { usize::MAX } else { 1 };
                let walker = walkdir::WalkDir::new(root)
                    .max_depth(depth)
                    .follow_links(true)
                    .into_iter()
                    .filter_entry(|e| {
                        e.depth() == 0
                            || !e.file_name().to_str().is_some_and(|n| n.starts_with('.'))
                    });
                for entry in walker {
                    let r = match entry {
                        Ok(e) if e.file_type().is_file() && is_candidate(e.path()) => {
                            Ok(InputFile {
                                path: e.path().to_path_buf(),
                                id_base: id_base(root, e.path()),
                            })
                        }
                        Ok(_) => continue,
                        Err(err) => {
                            let p = err.path().unwrap_or(root).to_path_buf();
                            let msg = err
                                .io_error()
                                .map_or_else(|| err.to_string(), |io| io.to_string());
                            Err((p, msg))
                        }
                    };
                    if !emit(r) {
                        return;
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temp_and_hidden_files_are_skipped() {
        for n in [
            ".x.txt",
            "a.txt.part",
            "a.tmp",
            "a.txt~",
            "a.crdownload",
            ".a.swp",
        ] {
            assert!(is_hidden_or_temp(n), "{n}");
        }
        assert!(!is_hidden_or_temp("a.txt"));
        assert!(is_candidate(Path::new("dir/a.html")));
        assert!(!is_candidate(Path::new("dir/a.pdf")));
    }

    #[test]
    fn id_base_is_relative_without_extension() {
        assert_eq!(id_base(Path::new("in"), Path::new("in/sub/a.txt")), "sub/a");
        assert_eq!(id_base(Path::new("in"), Path::new("in/a.b.json")), "a.b");
    }

    #[test]
    fn walk_reports_missing_paths_and_finds_files() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("sub")).unwrap();
        std::fs::write(dir.path().join("b.txt"), "x").unwrap();
        std::fs::write(dir.path().join("sub/a.md"), "x").unwrap();
        std::fs::write(dir.path().join(".hidden.txt"), "x").unwrap();
        std::fs::write(dir.path().join("c.txt.part"), "x").unwrap();
        let specs = vec![
            InputSpec::Folder {
                root: dir.path().to_path_buf(),
                recursive: true,
            },
            InputSpec::File(dir.path().join("missing.txt")),
        ];
        let mut ok = Vec::new();
        let mut bad = Vec::new();
        walk(&specs, |r| {
            match r {
                Ok(f) => ok.push(f.id_base),
                Err((p, m)) => bad.push((p, m)),
            }
            true
        });
        ok.sort();
        assert_eq!(ok, vec!["b", "sub/a"]);
        assert_eq!(bad.len(), 1);
        assert!(bad[0].1.contains("no such file"));
    }
}
