//! Temporal expressions normalized to TIMEX3 values against the publication date.
