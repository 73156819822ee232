//! Prints documents to stdout: a short summary or full JSON lines.
