//! Word classes learned from unlabeled news text, for the taggers' features.
//!
//! A tagger trained on a few hundred annotated articles has never seen most
//! words of the next article; a word class says that an unseen *contended*
//! behaves like *argued* and *insisted*. The classes come from the exchange
//! algorithm (Kneser and Ney 1993; Martin, Liermann and Ney 1998): every word
//! of the vocabulary is moved, one at a time, to the class that most raises
//! the likelihood of a class bigram model of the text, until few words move.
//! [`train`] runs it for one or more class counts (a fine and a coarse
//! partition); [`Clusters`] is the table a tagger consults, embedded from
//! `data/clusters.tsv` (see `data/PROVENANCE.md` and [`train_command`]).
//!
//! * [`corpus`]: reading unlabeled text out of the corpora's formats.
//! * [`exchange`]: the clustering itself.

pub mod corpus;
pub mod exchange;

use std::collections::HashMap;
use std::sync::OnceLock;

/// The embedded table.
const EMBEDDED: &str = include_str!("../data/clusters.tsv");
/// First line of a table file.
pub const MAGIC: &str = "# gleaner-clusters v1";

/// Errors of reading a table or a corpus.
#[derive(Debug, thiserror::Error)]
pub enum ClustersError {
    /// A table line that does not parse.
    #[error("cluster table line {line}: {message}")]
    Table {
        /// 1-based line number.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// A corpus file that cannot be read.
    #[error("{path}: {source}")]
    Io {
        /// The file or folder.
        path: String,
        /// The error.
        #[source]
        source: std::io::Error,
    },
    /// Bad command-line arguments of [`train_command`].
    #[error("{0}")]
    Usage(String),
}

/// Word classes: for each known word, its class in each partition (finest
/// first).
#[derive(Debug, Clone, Default)]
pub struct Clusters {
    sizes: Vec<u16>,
    map: HashMap<String, Vec<u16>>,
}

/// The form a word is looked up by: lowercase, typographic apostrophes as
/// `'`, every digit as `0` (so that years and amounts share classes).
pub fn key(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            '\u{2019}' | '\u{2018}' => '\'',
            c if c.is_ascii_digit() => '0',
            c => c,
        })
        .collect()
}

impl Clusters {
    /// The embedded table, parsed once.
    pub fn embedded() -> &'static Clusters {
        static CELL: OnceLock<Clusters> = OnceLock::new();
        CELL.get_or_init(|| match Clusters::parse(EMBEDDED) {
            Ok(c) => c,
            Err(e) => {
                // The table is committed and tested; a broken one only
                // means no class features.
                tracing::error!(error = %e, "embedded word clusters do not parse");
                Clusters::default()
            }
        })
    }

    /// Parses a table: the [`MAGIC`] line, `classes N M …`, then one
    /// `word<TAB>class<TAB>class…` line per word.
    pub fn parse(text: &str) -> Result<Clusters, ClustersError> {
        let mut lines = text.lines().enumerate();
        let bad = |line: usize, message: String| ClustersError::Table {
            line: line + 1,
            message,
        };
        match lines.next() {
            Some((_, l)) if l.trim_end() == MAGIC => {}
            _ => return Err(bad(0, format!("expected {MAGIC:?}"))),
        }
        let sizes: Vec<u16> = match lines.next() {
            Some((n, l)) => {
                let rest = l
                    .strip_prefix("classes ")
                    .ok_or_else(|| bad(n, "expected `classes N …`".into()))?;
                rest.split_whitespace()
                    .map(|s| s.parse::<u16>().map_err(|e| bad(n, format!("{s:?}: {e}"))))
                    .collect::<Result<_, _>>()?
            }
            None => return Err(bad(1, "missing `classes` line".into())),
        };
        let mut map = HashMap::new();
        for (n, l) in lines {
            if l.is_empty() {
                continue;
            }
            let mut parts = l.split('\t');
            let word = parts.next().unwrap_or_default();
            let ids: Vec<u16> = parts
                .map(|s| s.parse::<u16>().map_err(|e| bad(n, format!("{s:?}: {e}"))))
                .collect::<Result<_, _>>()?;
            if ids.len() != sizes.len() || word.is_empty() {
                return Err(bad(
                    n,
                    format!("expected a word and {} classes", sizes.len()),
                ));
            }
            if let Some((k, (&id, &size))) = ids
                .iter()
                .zip(&sizes)
                .enumerate()
                .find(|(_, (&id, &size))| id >= size)
            {
                return Err(bad(
                    n,
                    format!("class {id} of partition {k} is not below {size}"),
                ));
            }
            map.insert(word.to_string(), ids);
        }
        Ok(Clusters { sizes, map })
    }

    /// The table as text, words in byte order (what [`Clusters::parse`] reads).
    pub fn to_text(&self) -> String {
        let mut words: Vec<&String> = self.map.keys().collect();
        words.sort();
        let mut out = format!("{MAGIC}\nclasses");
        for s in &self.sizes {
            out.push_str(&format!(" {s}"));
        }
        out.push('\n');
        for w in words {
            out.push_str(w);
            for id in &self.map[w] {
                out.push_str(&format!("\t{id}"));
            }
            out.push('\n');
        }
        out
    }

    /// Number of classes of each partition, finest first.
    pub fn sizes(&self) -> &[u16] {
        &self.sizes
    }

    /// Number of words with a class.
    pub fn len(&self) -> usize {
        self.map.len()
    }

    /// True when the table has no words.
    pub fn is_empty(&self) -> bool {
        self.map.is_empty()
    }

    /// The classes of `word` (looked up by [`key`]), finest first; `None`
    /// for a word too rare in the training text.
    pub fn get(&self, word: &str) -> Option<&[u16]> {
        self.map.get(&key(word)).map(Vec::as_slice)
    }
}

/// Learns a table from token sequences (already split; [`key`] is applied
/// here), one partition per entry of `sizes`, over the words seen at least
/// `min_count` times.
pub fn train(
    sequences: &[Vec<String>],
    sizes: &[u16],
    min_count: u32,
    iterations: usize,
) -> Clusters {
    let data = exchange::Data::new(sequences, min_count);
    let mut map: HashMap<String, Vec<u16>> = data
        .words()
        .iter()
        .map(|w| (w.clone(), Vec::with_capacity(sizes.len())))
        .collect();
    for &size in sizes {
        let classes = exchange::cluster(&data, usize::from(size), iterations);
        for (w, c) in data.words().iter().zip(classes) {
            if let Some(v) = map.get_mut(w) {
                v.push(c);
            }
        }
    }
    Clusters {
        sizes: sizes.to_vec(),
        map,
    }
}

/// `gleaner train clusters`: reads unlabeled text from the corpora named by
/// the arguments and writes a table. Arguments: `--text DIR` (every `.txt`
/// below), `--conll FILE` (CoNLL-2003 columns), `--conllu DIR` (every
/// `.conllu` below), `--timeml DIR` (every `.tml` below, tags stripped),
/// each repeatable; `--out FILE`; `--classes N,M` (default `256,64`);
/// `--min-count N` (default 3); `--iterations N` (default 12).
pub fn train_command(args: &[String]) -> Result<String, ClustersError> {
    let mut seqs: Vec<Vec<String>> = Vec::new();
    let mut out: Option<String> = None;
    let mut sizes: Vec<u16> = vec![256, 64];
    let mut min_count = 3u32;
    let mut iterations = 12usize;
    let mut sources = Vec::new();
    let mut i = 0;
    let usage = || {
        ClustersError::Usage(
            "usage: train clusters (--text DIR | --conll FILE | --conllu DIR | --timeml DIR)… \
             --out FILE [--classes 256,64] [--min-count 3] [--iterations 12]"
                .into(),
        )
    };
    while i < args.len() {
        let value = args.get(i + 1).cloned().ok_or_else(usage)?;
        match args[i].as_str() {
            "--text" => seqs.extend(corpus::text_dir(value.as_ref())?),
            "--conll" => seqs.extend(corpus::conll(value.as_ref())?),
            "--conllu" => seqs.extend(corpus::conllu_dir(value.as_ref())?),
            "--timeml" => seqs.extend(corpus::timeml_dir(value.as_ref())?),
            "--out" => out = Some(value.clone()),
            "--classes" => {
                sizes = value
                    .split(',')
                    .map(|s| s.trim().parse::<u16>().map_err(|_| usage()))
                    .collect::<Result<_, _>>()?;
                if sizes.iter().any(|&s| s < 2) {
                    return Err(usage());
                }
            }
            "--min-count" => min_count = value.parse().map_err(|_| usage())?,
            "--iterations" => iterations = value.parse().map_err(|_| usage())?,
            _ => return Err(usage()),
        }
        if matches!(
            args[i].as_str(),
            "--text" | "--conll" | "--conllu" | "--timeml"
        ) {
            sources.push(format!("{} {value}", args[i]));
        }
        i += 2;
    }
    let out = out.ok_or_else(usage)?;
    if seqs.is_empty() {
        return Err(ClustersError::Usage(
            "no text read: name at least one corpus".into(),
        ));
    }
    let tokens: usize = seqs.iter().map(Vec::len).sum();
    let table = train(&seqs, &sizes, min_count, iterations);
    std::fs::write(&out, table.to_text()).map_err(|source| ClustersError::Io {
        path: out.clone(),
        source,
    })?;
    Ok(format!(
        "{} words in {:?} classes from {} tokens in {} sequences ({}) -> {out}\n",
        table.len(),
        table.sizes(),
        tokens,
        seqs.len(),
        sources.join(", ")
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_fold_case_apostrophes_and_digits() {
        assert_eq!(key("Didn\u{2019}t"), "didn't");
        assert_eq!(key("1996"), "0000");
    }

    #[test]
    fn parse_rejects_bad_tables_with_their_line() {
        let e = Clusters::parse("nope").unwrap_err().to_string();
        assert!(e.contains("line 1"), "{e}");
        let e = Clusters::parse(&format!("{MAGIC}\nclasses 4 2\nsaid\t1\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("line 3"), "{e}");
        let e = Clusters::parse(&format!("{MAGIC}\nclasses 4 2\nsaid\t4\t1\n"))
            .unwrap_err()
            .to_string();
        assert!(e.contains("not below 4"), "{e}");
    }

    #[test]
    fn text_round_trips() {
        let t = Clusters::parse(&format!("{MAGIC}\nclasses 4 2\nsaid\t3\t1\nthe\t0\t0\n")).unwrap();
        assert_eq!(t.get("SAID"), Some(&[3u16, 1][..]));
        assert_eq!(
            Clusters::parse(&t.to_text()).unwrap().get("the"),
            Some(&[0u16, 0][..])
        );
        assert!(t.get("unseen").is_none());
    }

    #[test]
    fn embedded_table_loads_and_groups_speech_verbs() {
        let c = Clusters::embedded();
        assert!(c.len() > 5000, "{}", c.len());
        assert_eq!(c.sizes().len(), 2);
        // Frequent reporting verbs share a coarse class more often than not
        // with "said"; at least the table knows them.
        for w in ["said", "told", "according", "president", "monday"] {
            assert!(c.get(w).is_some(), "{w}");
        }
    }
}
