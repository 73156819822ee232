//! Helpers the end-to-end tests share: the workspace root and running the
//! real `gleaner` binary.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root (where `pipelines/` and `examples/` are).
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .expect("workspace root")
}

/// Runs the `gleaner` binary with `args` in `cwd`, `RUST_LOG` unset.
pub fn gleaner(args: &[&str], cwd: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_gleaner"))
        .args(args)
        .current_dir(cwd)
        .env_remove("RUST_LOG")
        .output()
        .expect("run gleaner")
}

/// Bytes of an output stream as text.
pub fn text(b: &[u8]) -> String {
    String::from_utf8_lossy(b).into_owned()
}
