//! Reading PolNeAR-style brat standoff annotations.
//!
//! A corpus folder holds `.ann` files either beside their `.txt` (plain brat)
//! or, as PolNeAR ships them, in `attributions/` with the texts in `text/`
//! (an `.ann` named `<stem>_<annotator>.ann` belongs to `<stem>.txt`).
//! `Source`, `Cue` and `Content` text-bound annotations (`T` lines, offsets in
//! Unicode code points, fragments separated by `;`) are tied into
//! attributions by `E` lines (`Attribution:T4 Cue:T2 Source:T1 Content:T3`,
//! possibly with `Content2:`). Other annotation types are ignored.

use crate::ClaimsError;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// A span in characters, possibly in several fragments (sorted, end
/// exclusive).
pub type Frags = Vec<(usize, usize)>;

/// One gold attribution.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GoldAttribution {
    /// The source, when there is one.
    pub source: Option<Frags>,
    /// The cue.
    pub cue: Frags,
    /// The content (all parts).
    pub content: Frags,
}

/// One annotated document.
#[derive(Debug, Clone)]
pub struct BratDoc {
    /// The `.ann` file it was read from.
    pub ann_path: PathBuf,
    /// The raw text.
    pub text: String,
    /// Attributions with a cue and a content.
    pub attributions: Vec<GoldAttribution>,
    /// Every `Source` span.
    pub sources: Vec<Frags>,
    /// Every `Cue` span.
    pub cues: Vec<Frags>,
    /// Every `Content` span.
    pub contents: Vec<Frags>,
}

fn parse_frags(s: &str) -> Option<Frags> {
    let mut out = Vec::new();
    for part in s.split(';') {
        let mut it = part.split_whitespace();
        let a: usize = it.next()?.parse().ok()?;
        let b: usize = it.next()?.parse().ok()?;
        if it.next().is_some() || b < a {
            return None;
        }
        out.push((a, b));
    }
    out.sort_unstable();
    Some(out)
}

/// Parses the content of one `.ann` file; `path` is only for messages.
pub fn parse_ann(
    content: &str,
    path: &Path,
) -> Result<(Vec<GoldAttribution>, [Vec<Frags>; 3]), ClaimsError> {
    let mut spans: HashMap<&str, (&str, Frags)> = HashMap::new();
    let mut roles: [Vec<Frags>; 3] = [Vec::new(), Vec::new(), Vec::new()];
    let mut events: Vec<(usize, &str)> = Vec::new();
    for (ln, line) in content.lines().enumerate() {
        let bad = |what: &str| ClaimsError::Brat {
            path: path.to_path_buf(),
            line: ln + 1,
            message: what.to_string(),
        };
        // Span texts may contain line breaks: lines that do not start with
        // an annotation id are continuations and skipped.
        let is_id = |c: char| {
            line.starts_with(c)
                && line
                    .get(1..)
                    .and_then(|r| r.split('\t').next())
                    .is_some_and(|d| !d.is_empty() && d.bytes().all(|b| b.is_ascii_digit()))
        };
        if is_id('T') {
            let mut cols = line.splitn(3, '\t');
            let id = cols.next().ok_or_else(|| bad("missing id"))?;
            let head = cols.next().ok_or_else(|| bad("missing type and offsets"))?;
            let (ty, offs) = head.split_once(' ').ok_or_else(|| bad("missing offsets"))?;
            let frags = parse_frags(offs).ok_or_else(|| bad("bad offsets"))?;
            match ty {
                "Source" => roles[0].push(frags.clone()),
                "Cue" => roles[1].push(frags.clone()),
                "Content" => roles[2].push(frags.clone()),
                _ => {}
            }
            spans.insert(id, (ty, frags));
        } else if is_id('E') {
            let body = line
                .split('\t')
                .nth(1)
                .ok_or_else(|| bad("missing arguments"))?;
            events.push((ln + 1, body));
        }
    }
    let mut atts = Vec::new();
    for (_ln, body) in events {
        let mut source: Option<Frags> = None;
        let mut cue: Option<Frags> = None;
        let mut content: Frags = Vec::new();
        for arg in body.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let Some((_, frags)) = spans.get(id) else {
                continue;
            };
            if role.starts_with("Source") {
                source = Some(frags.clone());
            } else if role.starts_with("Cue") {
                cue = Some(frags.clone());
            } else if role.starts_with("Content") {
                content.extend(frags.iter().copied());
            }
        }
        content.sort_unstable();
        if let Some(cue) = cue {
            if !content.is_empty() {
                atts.push(GoldAttribution {
                    source,
                    cue,
                    content,
                });
            }
        }
    }
    Ok((atts, roles))
}

fn read(path: &Path) -> Result<String, ClaimsError> {
    std::fs::read_to_string(path).map_err(|e| ClaimsError::Io {
        path: path.to_path_buf(),
        source: e,
    })
}

fn list(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, ClaimsError> {
    let rd = std::fs::read_dir(dir).map_err(|e| ClaimsError::Io {
        path: dir.to_path_buf(),
        source: e,
    })?;
    let mut out = Vec::new();
    for entry in rd {
        let entry = entry.map_err(|e| ClaimsError::Io {
            path: dir.to_path_buf(),
            source: e,
        })?;
        let p = entry.path();
        if p.extension().is_some_and(|x| x == ext) {
            out.push(p);
        }
    }
    out.sort();
    Ok(out)
}

fn find_text(ann: &Path, text_dir: &Path) -> Option<PathBuf> {
    let stem = ann.file_stem()?.to_str()?;
    let beside = ann.with_extension("txt");
    if beside.is_file() {
        return Some(beside);
    }
    let direct = text_dir.join(format!("{stem}.txt"));
    if direct.is_file() {
        return Some(direct);
    }
    let (base, _annotator) = stem.rsplit_once('_')?;
    let p = text_dir.join(format!("{base}.txt"));
    p.is_file().then_some(p)
}

/// Loads every annotated document of `dir` (plain brat or PolNeAR layout).
pub fn load_dir(dir: &Path) -> Result<Vec<BratDoc>, ClaimsError> {
    let (ann_dir, text_dir) = if dir.join("attributions").is_dir() {
        (dir.join("attributions"), dir.join("text"))
    } else {
        (dir.to_path_buf(), dir.to_path_buf())
    };
    let anns = list(&ann_dir, "ann")?;
    if anns.is_empty() {
        return Err(ClaimsError::NoData(dir.to_path_buf()));
    }
    let mut docs = Vec::with_capacity(anns.len());
    for ann in anns {
        let Some(txt) = find_text(&ann, &text_dir) else {
            return Err(ClaimsError::Brat {
                path: ann.clone(),
                line: 0,
                message: "no matching .txt file".into(),
            });
        };
        let text = read(&txt)?;
        let (attributions, [sources, cues, contents]) = parse_ann(&read(&ann)?, &ann)?;
        docs.push(BratDoc {
            ann_path: ann,
            text,
            attributions,
            sources,
            cues,
            contents,
        });
    }
    Ok(docs)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_attributions_with_split_content() {
        let ann = "T1\tSource 0 3\tAnn\nT2\tCue 4 8\tsaid\nT3\tContent 9 12;14 20\tabc def\nT4\tAttribution 4 8\tsaid\nE1\tAttribution:T4 Cue:T2 Source:T1 Content:T3\nT5\tDiscard 0 1\tA\n";
        let (atts, roles) = parse_ann(ann, Path::new("x.ann")).unwrap();
        assert_eq!(atts.len(), 1);
        assert_eq!(atts[0].content, vec![(9, 12), (14, 20)]);
        assert_eq!(atts[0].source, Some(vec![(0, 3)]));
        assert_eq!(roles[1].len(), 1);
    }

    #[test]
    fn rejects_bad_offsets() {
        let ann = "T1\tSource 5 x\tAnn\nThe continuation line\n";
        assert!(parse_ann(ann, Path::new("x.ann")).is_err());
    }
}
