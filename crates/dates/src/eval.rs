//! Evaluation against TIMEX3-annotated corpora with the TempEval-3 timex
//! measures: strict (exact span) and relaxed (overlapping span) extraction
//! precision, recall and F1, and, over the relaxed matches, type and value
//! accuracy and attribute F1 (TempEval-3's definition: a true positive needs
//! an overlapping span *and* the same attribute; precision divides by the
//! system's timexes, recall by the gold ones).
//!
//! Two readers: TimeML (`.tml`: TIMEX3 inside `<TEXT>`, the DCT as anchor)
//! and MEANTIME's NewsReader XML (tokens, TIMEX3 markables over token ids,
//! the `CREATION_TIME` timex as anchor).

use crate::tagger::DateTagger;
use crate::value::Anchor;
use crate::{DatesError, DatesOptions};
use std::collections::HashSet;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// Options of an evaluation run.
#[derive(Debug, Clone, Copy, Default)]
pub struct EvalOptions {
    /// Append every error (missed, spurious, wrong value) to the report.
    pub list_errors: bool,
}

/// One annotated timex: byte range in the document text, type and value.
#[derive(Debug, Clone)]
struct Gold {
    s: usize,
    e: usize,
    kind: String,
    value: String,
}

/// One document of a corpus.
#[derive(Debug, Clone)]
struct Doc {
    name: String,
    text: String,
    anchor: Option<Anchor>,
    gold: Vec<Gold>,
}

#[derive(Debug, Default, Clone, Copy)]
struct Counts {
    gold: usize,
    sys: usize,
    strict: usize,
    relaxed: usize,
    type_ok: usize,
    value_ok: usize,
}

fn prf(tp: usize, sys: usize, gold: usize) -> (f64, f64, f64) {
    let p = if sys == 0 {
        0.0
    } else {
        tp as f64 / sys as f64
    };
    let r = if gold == 0 {
        0.0
    } else {
        tp as f64 / gold as f64
    };
    let f = if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    };
    (p, r, f)
}

/// Scores TimeML files (`*.tml`, searched recursively under `dir`).
pub fn eval_timeml(dir: &Path) -> Result<String, DatesError> {
    eval_timeml_with(dir, EvalOptions::default())
}

/// [`eval_timeml`] with options.
pub fn eval_timeml_with(dir: &Path, opts: EvalOptions) -> Result<String, DatesError> {
    let files = collect(dir, "tml")?;
    if files.is_empty() {
        return Err(DatesError::NoFiles {
            dir: dir.to_path_buf(),
            kind: ".tml",
        });
    }
    let mut docs = Vec::with_capacity(files.len());
    for f in &files {
        let s = read(f)?;
        docs.push(parse_timeml(f, &s)?);
    }
    Ok(score("TimeML", dir, &docs, opts))
}

/// Scores MEANTIME NewsReader XML files (`*.xml`, searched recursively;
/// a document found twice, e.g. in both annotation folders, counts once).
pub fn eval_meantime(dir: &Path) -> Result<String, DatesError> {
    eval_meantime_with(dir, EvalOptions::default())
}

/// [`eval_meantime`] with options.
pub fn eval_meantime_with(dir: &Path, opts: EvalOptions) -> Result<String, DatesError> {
    let files = collect(dir, "xml")?;
    let mut docs = Vec::new();
    let mut seen = HashSet::new();
    for f in &files {
        let s = read(f)?;
        if !s.contains("<token") {
            continue;
        }
        let d = parse_meantime(f, &s)?;
        if seen.insert(d.name.clone()) {
            docs.push(d);
        }
    }
    if docs.is_empty() {
        return Err(DatesError::NoFiles {
            dir: dir.to_path_buf(),
            kind: "MEANTIME .xml",
        });
    }
    Ok(score("MEANTIME", dir, &docs, opts))
}

fn read(p: &Path) -> Result<String, DatesError> {
    std::fs::read_to_string(p).map_err(|source| DatesError::Io {
        path: p.to_path_buf(),
        source,
    })
}

fn collect(dir: &Path, ext: &str) -> Result<Vec<PathBuf>, DatesError> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let rd = std::fs::read_dir(&d).map_err(|source| DatesError::Io {
            path: d.clone(),
            source,
        })?;
        for entry in rd {
            let entry = entry.map_err(|source| DatesError::Io {
                path: d.clone(),
                source,
            })?;
            let p = entry.path();
            if p.is_dir() {
                stack.push(p);
            } else if p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext)) {
                out.push(p);
            }
        }
    }
    out.sort();
    Ok(out)
}

fn score(corpus: &str, dir: &Path, docs: &[Doc], opts: EvalOptions) -> String {
    let tagger = DateTagger::new(DatesOptions::default());
    let mut c = Counts::default();
    let mut errors = String::new();
    let mut words = 0usize;
    let start = std::time::Instant::now();
    for d in docs {
        words += d.text.split_whitespace().count();
        let sys = tagger.tag(&d.text, d.anchor.as_ref());
        c.gold += d.gold.len();
        c.sys += sys.len();
        let mut used_strict = vec![false; d.gold.len()];
        let mut used = vec![false; d.gold.len()];
        let mut sys_matched = vec![false; sys.len()];
        for t in &sys {
            if let Some(k) = (0..d.gold.len()).find(|&k| {
                !used_strict[k] && d.gold[k].s == t.range.start && d.gold[k].e == t.range.end
            }) {
                used_strict[k] = true;
                c.strict += 1;
            }
        }
        for (si, t) in sys.iter().enumerate() {
            let overlap = |k: usize| d.gold[k].s < t.range.end && t.range.start < d.gold[k].e;
            let exact = (0..d.gold.len())
                .find(|&k| !used[k] && d.gold[k].s == t.range.start && d.gold[k].e == t.range.end);
            if let Some(k) = exact.or_else(|| (0..d.gold.len()).find(|&k| !used[k] && overlap(k))) {
                used[k] = true;
                sys_matched[si] = true;
                c.relaxed += 1;
                let g = &d.gold[k];
                let tname = match t.kind {
                    gleaner_core::TimexType::Date => "DATE",
                    gleaner_core::TimexType::Time => "TIME",
                    gleaner_core::TimexType::Duration => "DURATION",
                    gleaner_core::TimexType::Set => "SET",
                };
                if g.kind == tname {
                    c.type_ok += 1;
                }
                if g.value == t.value {
                    c.value_ok += 1;
                } else if opts.list_errors {
                    let _ = writeln!(
                        errors,
                        "VALUE\t{}\t{:?}\tgold {:?}={} {}\tsys {:?}={} {}\t«{}»",
                        d.name,
                        anchor_str(d.anchor),
                        &d.text[g.s..g.e],
                        g.kind,
                        g.value,
                        &d.text[t.range.clone()],
                        tname,
                        t.value,
                        context(&d.text, t.range.start, t.range.end)
                    );
                }
                if opts.list_errors && (g.s != t.range.start || g.e != t.range.end) {
                    let _ = writeln!(
                        errors,
                        "SPAN\t{}\tgold {:?}\tsys {:?}",
                        d.name,
                        &d.text[g.s..g.e],
                        &d.text[t.range.clone()]
                    );
                }
            }
        }
        if opts.list_errors {
            for (si, t) in sys.iter().enumerate() {
                if !sys_matched[si] {
                    let _ = writeln!(
                        errors,
                        "FP\t{}\t{:?}\t{}\t«{}»",
                        d.name,
                        &d.text[t.range.clone()],
                        t.value,
                        context(&d.text, t.range.start, t.range.end)
                    );
                }
            }
            for (k, g) in d.gold.iter().enumerate() {
                if !used[k] {
                    let _ = writeln!(
                        errors,
                        "FN\t{}\t{:?}\t{} {}\t«{}»",
                        d.name,
                        &d.text[g.s..g.e],
                        g.kind,
                        g.value,
                        context(&d.text, g.s, g.e)
                    );
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    let (sp, sr, sf) = prf(c.strict, c.sys, c.gold);
    let (rp, rr, rf) = prf(c.relaxed, c.sys, c.gold);
    let (_, _, tf) = prf(c.type_ok, c.sys, c.gold);
    let (_, _, vf) = prf(c.value_ok, c.sys, c.gold);
    let acc = |n: usize| {
        if c.relaxed == 0 {
            0.0
        } else {
            n as f64 / c.relaxed as f64
        }
    };
    let mut out = String::new();
    let _ = writeln!(out, "{corpus} timex evaluation: {}", dir.display());
    let _ = writeln!(
        out,
        "documents {}  gold {}  system {}  ({} words, {:.0} words/s incl. scoring)",
        docs.len(),
        c.gold,
        c.sys,
        words,
        if secs > 0.0 { words as f64 / secs } else { 0.0 }
    );
    let _ = writeln!(out, "strict   P {sp:.4}  R {sr:.4}  F1 {sf:.4}");
    let _ = writeln!(out, "relaxed  P {rp:.4}  R {rr:.4}  F1 {rf:.4}");
    let _ = writeln!(out, "type     accuracy {:.4}  F1 {tf:.4}", acc(c.type_ok));
    let _ = writeln!(out, "value    accuracy {:.4}  F1 {vf:.4}", acc(c.value_ok));
    if opts.list_errors {
        out.push_str(&errors);
    }
    out
}

fn anchor_str(a: Option<Anchor>) -> String {
    a.map(|a| {
        format!(
            "{:04}-{:02}-{:02}",
            a.date.year(),
            a.date.month(),
            a.date.day()
        )
    })
    .unwrap_or_default()
}

fn context(text: &str, s: usize, e: usize) -> String {
    let mut a = s.saturating_sub(90);
    while !text.is_char_boundary(a) {
        a -= 1;
    }
    let mut b = (e + 60).min(text.len());
    while !text.is_char_boundary(b) {
        b += 1;
    }
    format!("{}[{}]{}", &text[a..s], &text[s..e], &text[e..b]).replace('\n', " ")
}

/// Decodes the five XML entities and numeric character references.
fn unescape(s: &str, out: &mut String) {
    let mut rest = s;
    while let Some(p) = rest.find('&') {
        out.push_str(&rest[..p]);
        let after = &rest[p..];
        let Some(semi) = after.find(';').filter(|&k| k <= 10) else {
            out.push('&');
            rest = &after[1..];
            continue;
        };
        let ent = &after[1..semi];
        let ch = match ent {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            "apos" => Some('\''),
            _ if ent.starts_with("#x") => u32::from_str_radix(&ent[2..], 16)
                .ok()
                .and_then(char::from_u32),
            _ if ent.starts_with('#') => ent[1..].parse().ok().and_then(char::from_u32),
            _ => None,
        };
        match ch {
            Some(c) => {
                out.push(c);
                rest = &after[semi + 1..];
            }
            None => {
                out.push('&');
                rest = &after[1..];
            }
        }
    }
    out.push_str(rest);
}

/// The value of attribute `name` in a tag's attribute text.
fn attr(tag: &str, name: &str) -> Option<String> {
    let mut from = 0;
    while let Some(p) = tag[from..].find(name) {
        let at = from + p;
        let before_ok = at == 0 || tag.as_bytes()[at - 1].is_ascii_whitespace();
        let rest = &tag[at + name.len()..];
        let rest_t = rest.trim_start();
        if before_ok && rest_t.starts_with('=') {
            let v = rest_t[1..].trim_start();
            let q = v.chars().next()?;
            if q == '"' || q == '\'' {
                let end = v[1..].find(q)?;
                let mut out = String::new();
                unescape(&v[1..1 + end], &mut out);
                return Some(out);
            }
        }
        from = at + name.len();
    }
    None
}

fn parse_timeml(path: &Path, s: &str) -> Result<Doc, DatesError> {
    let fmt = |what: &str| DatesError::Format {
        path: path.to_path_buf(),
        what: what.to_string(),
    };
    let anchor = s.find("<DCT>").and_then(|p| {
        let rest = &s[p..];
        let t = rest.find("<TIMEX3")?;
        let end = rest[t..].find('>')?;
        attr(&rest[t..t + end], "value").and_then(|v| Anchor::parse(&v))
    });
    let start = s.find("<TEXT>").ok_or_else(|| fmt("no <TEXT> element"))? + "<TEXT>".len();
    let end = s[start..]
        .find("</TEXT>")
        .map(|e| start + e)
        .ok_or_else(|| fmt("no </TEXT>"))?;
    let body = &s[start..end];
    let mut text = String::with_capacity(body.len());
    let mut gold = Vec::new();
    let mut open: Option<(usize, String, String)> = None;
    let mut rest = body;
    while let Some(lt) = rest.find('<') {
        unescape(&rest[..lt], &mut text);
        let gt = rest[lt..]
            .find('>')
            .ok_or_else(|| fmt("unterminated tag in <TEXT>"))?
            + lt;
        let tag = &rest[lt + 1..gt];
        if let Some(attrs) = tag.strip_prefix("TIMEX3") {
            let kind = attr(attrs, "type").unwrap_or_default();
            let value = attr(attrs, "value").unwrap_or_default();
            if tag.ends_with('/') {
                // empty timex: nothing to match
            } else {
                open = Some((text.len(), kind, value));
            }
        } else if tag.starts_with("/TIMEX3") {
            if let Some((s0, kind, value)) = open.take() {
                gold.push(Gold {
                    s: s0,
                    e: text.len(),
                    kind,
                    value,
                });
            }
        }
        rest = &rest[gt + 1..];
    }
    unescape(rest, &mut text);
    // Trim whitespace inside gold spans.
    for g in &mut gold {
        while g.s < g.e && text.as_bytes()[g.s].is_ascii_whitespace() {
            g.s += 1;
        }
        while g.e > g.s && text.as_bytes()[g.e - 1].is_ascii_whitespace() {
            g.e -= 1;
        }
    }
    gold.retain(|g| g.e > g.s);
    Ok(Doc {
        name: path
            .file_name()
            .map(|f| f.to_string_lossy().into_owned())
            .unwrap_or_default(),
        text,
        anchor,
        gold,
    })
}

fn parse_meantime(path: &Path, s: &str) -> Result<Doc, DatesError> {
    let fmt = |what: String| DatesError::Format {
        path: path.to_path_buf(),
        what,
    };
    let name = s
        .find("<Document")
        .and_then(|p| {
            let e = s[p..].find('>')?;
            attr(&s[p + 9..p + e], "doc_id")
        })
        .unwrap_or_else(|| path.display().to_string());
    // MEANTIME annotates only the first sentences of each article (the
    // title and five more): the text is cut after the last sentence that
    // holds any markable's token, so the unannotated rest is not scored.
    let mut sent_of: std::collections::HashMap<String, u32> = Default::default();
    let mut from = 0;
    while let Some(p) = s[from..].find("<token ") {
        let at = from + p;
        let gt = s[at..].find('>').map_or(s.len(), |g| at + g);
        let attrs = &s[at + 7..gt];
        if let (Some(id), Some(sn)) = (attr(attrs, "t_id"), attr(attrs, "sentence")) {
            sent_of.insert(id, sn.parse().unwrap_or(0));
        }
        from = gt;
    }
    let markables = s.find("<Markables>").unwrap_or(s.len());
    let mut last_annotated = 0u32;
    let mut from = markables;
    while let Some(p) = s[from..].find("token_anchor t_id=") {
        let at = from + p;
        let e = s[at..].find("/>").map_or(s.len(), |e| at + e);
        if let Some(n) = attr(&s[at..e], "t_id").and_then(|id| sent_of.get(&id).copied()) {
            last_annotated = last_annotated.max(n);
        }
        from = e;
    }
    // Tokens, in order.
    let mut text = String::new();
    let mut tok_range: std::collections::HashMap<String, (usize, usize)> = Default::default();
    let mut last_sent: Option<String> = None;
    let mut prev_tok = String::new();
    let mut from = 0;
    while let Some(p) = s[from..].find("<token ") {
        let at = from + p;
        let gt = s[at..]
            .find('>')
            .map(|g| at + g)
            .ok_or_else(|| fmt(format!("unterminated <token> at byte {at}")))?;
        let attrs = &s[at + 7..gt];
        let close = s[gt..]
            .find("</token>")
            .map(|c| gt + c)
            .ok_or_else(|| fmt(format!("unclosed <token> at byte {at}")))?;
        let mut word = String::new();
        unescape(&s[gt + 1..close], &mut word);
        let id =
            attr(attrs, "t_id").ok_or_else(|| fmt(format!("token without t_id at byte {at}")))?;
        let sent = attr(attrs, "sentence");
        if sent
            .as_deref()
            .and_then(|n| n.parse::<u32>().ok())
            .is_some_and(|n| n > last_annotated)
        {
            from = close + 8;
            continue;
        }
        if !text.is_empty() {
            if sent != last_sent {
                text.push('\n');
            } else if !no_space_before(&word)
                && !matches!(prev_tok.as_str(), "(" | "$" | "``" | "“")
            {
                text.push(' ');
            }
        }
        last_sent = sent;
        let st = text.len();
        text.push_str(&word);
        tok_range.insert(id, (st, text.len()));
        prev_tok = word;
        from = close + 8;
    }
    // TIMEX3 markables.
    let mut gold = Vec::new();
    let mut anchor = None;
    let mut from = 0;
    while let Some(p) = s[from..].find("<TIMEX3") {
        let at = from + p;
        let gt = s[at..]
            .find('>')
            .map(|g| at + g)
            .ok_or_else(|| fmt(format!("unterminated <TIMEX3> at byte {at}")))?;
        let attrs = &s[at + 7..gt];
        let self_closing = attrs.ends_with('/');
        let close = if self_closing {
            gt
        } else {
            s[gt..]
                .find("</TIMEX3>")
                .map(|c| gt + c)
                .ok_or_else(|| fmt(format!("unclosed <TIMEX3> at byte {at}")))?
        };
        let inner = &s[gt..close];
        let kind = attr(attrs, "type").unwrap_or_default();
        let value = attr(attrs, "value").unwrap_or_default();
        if attr(attrs, "functionInDocument").as_deref() == Some("CREATION_TIME") {
            anchor = Anchor::parse(&value);
        }
        let mut span: Option<(usize, usize)> = None;
        let mut f2 = 0;
        while let Some(q) = inner[f2..].find("t_id=") {
            let a2 = f2 + q;
            let e2 = inner[a2..].find("/>").map_or(inner.len(), |e| a2 + e);
            if let Some(id) = attr(&inner[a2..e2], "t_id") {
                if let Some(&(ts, te)) = tok_range.get(&id) {
                    span = Some(match span {
                        Some((a, b)) => (a.min(ts), b.max(te)),
                        None => (ts, te),
                    });
                }
            }
            f2 = e2;
        }
        if let Some((a, b)) = span {
            gold.push(Gold {
                s: a,
                e: b,
                kind,
                value,
            });
        }
        from = close;
    }
    gold.sort_by_key(|g| g.s);
    if anchor.is_none() {
        // No usable creation time: take the dateline, the first full date.
        anchor = DateTagger::new(DatesOptions::default())
            .tag(&text, None)
            .into_iter()
            .find_map(|t| Anchor::parse(&t.value).filter(|_| t.value.len() == 10));
    }
    Ok(Doc {
        name,
        text,
        anchor,
        gold,
    })
}

fn no_space_before(w: &str) -> bool {
    matches!(
        w,
        "," | "."
            | ";"
            | ":"
            | "?"
            | "!"
            | ")"
            | "%"
            | "'s"
            | "n't"
            | "'"
            | "''"
            | "”"
            | "'re"
            | "'ve"
            | "'ll"
            | "'d"
            | "'m"
    )
}
