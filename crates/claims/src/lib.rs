//! Attribution extraction: who said, claimed, denied or warned what.
