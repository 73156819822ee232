//! Writes one pretty JSON file per document, atomically.
