//! Reads .txt, .md, .html, .json and .jsonl articles into Gleaner documents: encoding detection, article extraction and metadata.
