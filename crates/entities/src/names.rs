//! Given names: a table derived from the person names of labelled training
//! data, and its lookup.
//!
//! A word is a given name when it opens multi-word person names of the
//! training data ("Jane" in "Jane Roe") more often than it is used as a
//! surname or alone, and more often than it appears inside other entity
//! types. The table is a sorted list of 64-bit hashes of the lowercase words
//! (`model/given_names.bin`, little-endian), so it holds no corpus text; see
//! `MODEL.md` for its provenance and [`given_names_command`] for the command.

use crate::features::hash_lower;
use crate::{conll, EntitiesError};
use std::collections::HashMap;
use std::path::Path;

/// Sorted hashes of given names.
#[derive(Debug, Clone, Default)]
pub struct GivenNames {
    hashes: Vec<u64>,
}

impl GivenNames {
    /// Parses the table's bytes (a multiple of 8: little-endian `u64`s in
    /// ascending order).
    pub fn from_bytes(bytes: &[u8]) -> Result<Self, EntitiesError> {
        if bytes.len() % 8 != 0 {
            return Err(EntitiesError::Model(format!(
                "given-name table: {} bytes is not a multiple of 8",
                bytes.len()
            )));
        }
        let hashes: Vec<u64> = bytes
            .chunks_exact(8)
            .map(|c| {
                let mut a = [0u8; 8];
                a.copy_from_slice(c);
                u64::from_le_bytes(a)
            })
            .collect();
        if hashes.windows(2).any(|w| w[0] >= w[1]) {
            return Err(EntitiesError::Model(
                "given-name table: hashes are not strictly ascending".into(),
            ));
        }
        Ok(GivenNames { hashes })
    }

    /// The table's bytes.
    pub fn to_bytes(&self) -> Vec<u8> {
        self.hashes.iter().flat_map(|h| h.to_le_bytes()).collect()
    }

    /// Builds a table from words.
    pub fn from_words<S: AsRef<str>>(words: &[S]) -> Self {
        let mut hashes: Vec<u64> = words.iter().map(|w| hash_lower(w.as_ref())).collect();
        hashes.sort_unstable();
        hashes.dedup();
        GivenNames { hashes }
    }

    /// Whether `w` (any case) is a given name.
    pub fn contains(&self, w: &str) -> bool {
        self.hashes.binary_search(&hash_lower(w)).is_ok()
    }

    /// Number of names.
    pub fn len(&self) -> usize {
        self.hashes.len()
    }

    /// Whether the table is empty.
    pub fn is_empty(&self) -> bool {
        self.hashes.is_empty()
    }
}

/// Given names of CoNLL-format documents: words (title case, letters only)
/// that open multi-word PER names, more often than they end
/// a PER name or stand alone as one, and more often than they occur inside
/// other entity types.
pub fn derive_given_names(docs: &[conll::ConllDoc]) -> Vec<String> {
    // first, last-or-alone, other-type
    let mut counts: HashMap<String, [usize; 3]> = HashMap::new();
    for d in docs {
        for s in &d.sents {
            for (a, b, ty) in conll::spans(&s.tags) {
                let Some(ws) = s.words.get(a..b) else {
                    continue;
                };
                if ty == "PER" {
                    if let Some(f) = ws.first().filter(|_| ws.len() >= 2) {
                        counts.entry(f.clone()).or_default()[0] += 1;
                    }
                    if let Some(l) = ws.last() {
                        counts.entry(l.clone()).or_default()[1] += 1;
                    }
                } else {
                    for w in ws {
                        counts.entry(w.clone()).or_default()[2] += 1;
                    }
                }
            }
        }
    }
    let mut out: Vec<String> = counts
        .into_iter()
        .filter(|(w, c)| {
            let mut cs = w.chars();
            cs.next().is_some_and(char::is_uppercase)
                && cs.all(char::is_lowercase)
                && w.chars().count() >= 2
                && c[0] >= 1
                && c[0] > c[1]
                && c[0] > c[2]
        })
        .map(|(w, _)| w)
        .collect();
    out.sort();
    out
}

/// `--conll-train FILE --out PATH`: derives the given-name table from a
/// CoNLL training file and writes it; returns a summary line.
pub fn given_names_command(args: &[String]) -> Result<String, EntitiesError> {
    let usage = || EntitiesError::Usage("usage: --conll-train FILE --out PATH".into());
    let mut train = None;
    let mut out = None;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        match a.as_str() {
            "--conll-train" => train = Some(it.next().ok_or_else(usage)?.clone()),
            "--out" => out = Some(it.next().ok_or_else(usage)?.clone()),
            _ => return Err(usage()),
        }
    }
    let (Some(train), Some(out)) = (train, out) else {
        return Err(usage());
    };
    let docs = conll::read(Path::new(&train))?;
    let names = derive_given_names(&docs);
    let table = GivenNames::from_words(&names);
    std::fs::write(&out, table.to_bytes()).map_err(|e| EntitiesError::Io {
        path: out.clone(),
        source: e,
    })?;
    Ok(format!(
        "{} given names from {} documents written to {out}\n",
        table.len(),
        docs.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn derives_first_names_not_surnames() {
        let text = "-DOCSTART- -X- -X- O\n\n\
            Mara NNP B-NP B-PER\nHadley NNP I-NP I-PER\nmet VBD B-VP O\n\
            Mara NNP B-NP B-PER\nOsk NNP I-NP I-PER\nand CC O O\n\
            Hadley NNP B-NP B-PER\n. . O O\n\n\
            Ivo NNP B-NP B-PER\nHadley NNP I-NP I-PER\nand CC O O\n\
            Ivo NNP B-NP B-ORG\nBank NNP I-NP I-ORG\nand CC O O\n\
            Ivo NNP B-NP B-ORG\nFund NNP I-NP I-ORG\n. . O O\n";
        let docs = conll::parse(text, "mini").unwrap();
        // Mara opens two names; Hadley is a surname; Ivo is more often an
        // organisation word than a first name.
        assert_eq!(derive_given_names(&docs), vec!["Mara".to_string()]);
    }

    #[test]
    fn table_round_trips_and_rejects_bad_bytes() {
        let t = GivenNames::from_words(&["Mara", "Ivo", "mara"]);
        assert_eq!(t.len(), 2);
        let back = GivenNames::from_bytes(&t.to_bytes()).unwrap();
        assert!(back.contains("MARA") && back.contains("ivo"));
        assert!(!back.contains("Hadley"));
        assert!(GivenNames::from_bytes(&[1, 2, 3]).is_err());
        let mut rev = t.to_bytes();
        rev.rotate_left(8);
        assert!(GivenNames::from_bytes(&rev).is_err());
    }

    #[test]
    fn command_writes_a_table() {
        let dir = std::env::temp_dir().join(format!("gleaner-given-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let src = dir.join("t.conll");
        std::fs::write(
            &src,
            "-DOCSTART- -X- -X- O\n\nMara NNP B-NP B-PER\nHadley NNP I-NP I-PER\n\nMara NNP B-NP B-PER\nOsk NNP I-NP I-PER\n",
        )
        .unwrap();
        let out = dir.join("g.bin");
        let args: Vec<String> = [
            "--conll-train",
            src.to_str().unwrap(),
            "--out",
            out.to_str().unwrap(),
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        let msg = given_names_command(&args).unwrap();
        assert!(msg.starts_with("1 given names"), "{msg}");
        let t = GivenNames::from_bytes(&std::fs::read(&out).unwrap()).unwrap();
        assert!(t.contains("Mara"));
        assert!(given_names_command(&["--bogus".to_string()]).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
