//! Unlabeled text out of the corpora's formats, as token sequences (one per
//! paragraph or sentence): plain `.txt` folders, CoNLL-2003 columns,
//! CoNLL-U (GUM) and TimeML. Only the words are read; no annotation is used.

use crate::ClustersError;
use std::fs;
use std::path::{Path, PathBuf};

/// Splits text into word tokens the way the taggers see them, roughly:
/// runs of letters and digits, with an apostrophe, hyphen, period or
/// ampersand kept between two of them (*didn't, U.S., AT&T, 5G-ready*); a
/// clitic *'s* or *n't* is split off; other punctuation marks are tokens
/// of their own.
pub fn tokenize(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_whitespace() {
            i += 1;
            continue;
        }
        if !c.is_alphanumeric() {
            out.push(c.to_string());
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() {
            let c = chars[i];
            let joiner = matches!(c, '\'' | '\u{2019}' | '-' | '.' | '&');
            if c.is_alphanumeric()
                || (joiner && chars.get(i + 1).is_some_and(|n| n.is_alphanumeric()))
            {
                i += 1;
            } else {
                break;
            }
        }
        let word: String = chars[start..i].iter().collect();
        let lower = word.to_lowercase().replace('\u{2019}', "'");
        if let Some(stem) = lower.strip_suffix("n't").filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
            out.push("n't".to_string());
        } else if let Some(stem) = lower.strip_suffix("'s").filter(|s| !s.is_empty()) {
            out.push(stem.to_string());
            out.push("'s".to_string());
        } else {
            out.push(word);
        }
    }
    out
}

fn io(path: &Path, source: std::io::Error) -> ClustersError {
    ClustersError::Io {
        path: path.display().to_string(),
        source,
    }
}

/// Files below `dir` whose extension is one of `exts`, in sorted path order
/// (depth first, names in byte order).
pub fn files(dir: &Path, exts: &[&str]) -> Result<Vec<PathBuf>, ClustersError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).map_err(|e| io(&d, e))? {
            let p = e.map_err(|e| io(&d, e))?.path();
            if p.is_dir() {
                stack.push(p);
            } else if p
                .extension()
                .and_then(|x| x.to_str())
                .is_some_and(|x| exts.contains(&x))
            {
                out.push(p);
            }
        }
    }
    // Path order compares component by component: the same as visiting
    // each folder's entries in sorted order.
    out.sort();
    Ok(out)
}

/// Markup removed: every tag becomes a space; `&amp;`, `&quot;` and
/// `&apos;` are decoded (in that order).
pub fn strip_tags(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut in_tag = false;
    for c in s.chars() {
        match c {
            '<' => in_tag = true,
            '>' if in_tag => {
                in_tag = false;
                out.push(' ');
            }
            _ if !in_tag => out.push(c),
            _ => {}
        }
    }
    out.replace("&amp;", "&")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
}

/// Every `.txt` file below `dir`, one sequence per non-empty line.
pub fn text_dir(dir: &Path) -> Result<Vec<Vec<String>>, ClustersError> {
    let mut out = Vec::new();
    for p in files(dir, &["txt"])? {
        let bytes = fs::read(&p).map_err(|e| io(&p, e))?;
        let text = String::from_utf8_lossy(&bytes);
        out.extend(text.lines().map(tokenize).filter(|s| !s.is_empty()));
    }
    Ok(out)
}

/// A CoNLL-2003 file: the first column, one sequence per sentence
/// (`-DOCSTART-` lines skipped).
pub fn conll(path: &Path) -> Result<Vec<Vec<String>>, ClustersError> {
    let text = fs::read_to_string(path).map_err(|e| io(path, e))?;
    let mut out = Vec::new();
    let mut cur = Vec::new();
    for line in text.lines() {
        let word = line.split_whitespace().next();
        match word {
            None => {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
            }
            Some("-DOCSTART-") => {}
            Some(w) => cur.push(w.to_string()),
        }
    }
    if !cur.is_empty() {
        out.push(cur);
    }
    Ok(out)
}

/// Every `.conllu` file below `dir`: the FORM column of word lines, one
/// sequence per sentence.
pub fn conllu_dir(dir: &Path) -> Result<Vec<Vec<String>>, ClustersError> {
    let mut out = Vec::new();
    for p in files(dir, &["conllu"])? {
        let text = fs::read_to_string(&p).map_err(|e| io(&p, e))?;
        let mut cur = Vec::new();
        for line in text.lines() {
            if line.trim().is_empty() {
                if !cur.is_empty() {
                    out.push(std::mem::take(&mut cur));
                }
                continue;
            }
            if line.starts_with('#') {
                continue;
            }
            let mut cols = line.split('\t');
            let id = cols.next().unwrap_or_default();
            // Multiword ranges ("3-4") and empty nodes ("5.1") are not words.
            if id.contains('-') || id.contains('.') {
                continue;
            }
            if let Some(form) = cols.next() {
                cur.push(form.to_string());
            }
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    Ok(out)
}

/// Every `.tml` file below `dir`: the text of its `<TEXT>` element with
/// the tags removed, one sequence per non-empty line.
pub fn timeml_dir(dir: &Path) -> Result<Vec<Vec<String>>, ClustersError> {
    let mut out = Vec::new();
    for p in files(dir, &["tml"])? {
        let text = fs::read_to_string(&p).map_err(|e| io(&p, e))?;
        let body = match (text.find("<TEXT>"), text.find("</TEXT>")) {
            (Some(a), Some(b)) if a < b => &text[a + 6..b],
            _ => continue,
        };
        let plain = strip_tags(body);
        out.extend(plain.lines().map(tokenize).filter(|s| !s.is_empty()));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_keep_abbreviations_and_split_clitics() {
        assert_eq!(
            tokenize("The U.S. didn't say, AT&T's chief said."),
            ["The", "U.S", ".", "did", "n't", "say", ",", "at&t", "'s", "chief", "said", "."]
        );
    }

    #[test]
    fn readers_take_words_only() {
        let tmp = tempfile::tempdir().unwrap();
        let d = tmp.path();
        fs::write(
            d.join("a.conll"),
            "-DOCSTART- -X- O O\n\nPort NNP B-NP B-ORG\nshut VBD B-VP O\n\n",
        )
        .unwrap();
        assert_eq!(
            conll(&d.join("a.conll")).unwrap(),
            vec![vec!["Port", "shut"]]
        );
        fs::create_dir(d.join("u")).unwrap();
        fs::write(
            d.join("u/x.conllu"),
            "# text = It's\n1-2\tIt's\t_\n1\tIt\tit\n2\t's\tbe\n\n",
        )
        .unwrap();
        assert_eq!(conllu_dir(&d.join("u")).unwrap(), vec![vec!["It", "'s"]]);
        fs::create_dir(d.join("t")).unwrap();
        fs::write(
            d.join("t/x.tml"),
            "<TimeML><DCT>x</DCT><TEXT>Sales rose <TIMEX3 tid=\"t1\">last week</TIMEX3>.</TEXT></TimeML>",
        )
        .unwrap();
        assert_eq!(
            timeml_dir(&d.join("t")).unwrap(),
            vec![vec!["Sales", "rose", "last", "week", "."]]
        );
        let e = text_dir(&d.join("missing")).unwrap_err().to_string();
        assert!(e.contains("missing"), "{e}");
    }
}
