//! Writes a readable Markdown report per document and an index over the run.
