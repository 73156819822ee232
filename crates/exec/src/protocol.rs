//! The `gleaner-exec/1` protocol: what goes over a child process's stdin and
//! stdout, and the parsing of what comes back.
//!
//! Every message is one line of UTF-8 JSON (an object) ended by `\n`.
//!
//! 1. On start, the process writes a **handshake**:
//!    `{"protocol": "gleaner-exec/1", "name": "readability", "version": "1.0"}`
//!    (`name` and `version` are optional and only logged).
//! 2. Gleaner then writes one **request** per document, and waits for its
//!    response before writing the next one to that process:
//!    `{"protocol": "gleaner-exec/1", "id": 1, "document": {…}}`, where
//!    `document` is the whole document as the JSON sink writes it.
//! 3. The process answers each request with one **response** carrying the
//!    same `id`: `{"id": 1, "annotations": <any JSON>}`, or
//!    `{"id": 1, "error": "why this document failed"}`.
//!
//! Unknown fields are ignored in both directions, so later minor additions
//! stay compatible; an incompatible change gets a new protocol name
//! (`gleaner-exec/2`). Blank lines on stdout are skipped; logs go to stderr.

use gleaner_core::Document;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// The protocol name and major version, in every handshake and request.
pub const PROTOCOL: &str = "gleaner-exec/1";

/// How many characters of a bad line an error message quotes.
const QUOTE_CHARS: usize = 120;

/// A request: one document to analyze.
#[derive(Debug, Serialize)]
pub struct Request<'a> {
    /// Always [`PROTOCOL`].
    pub protocol: &'static str,
    /// Sequence number, unique per process, starting at 1; the response
    /// carries it back.
    pub id: u64,
    /// The document, serialized as the JSON sink writes it.
    pub document: &'a Document,
}

impl<'a> Request<'a> {
    /// The request line for `document`, with its trailing newline.
    pub fn line(id: u64, document: &'a Document) -> Result<Vec<u8>, serde_json::Error> {
        let mut out = serde_json::to_vec(&Request {
            protocol: PROTOCOL,
            id,
            document,
        })?;
        out.push(b'\n');
        Ok(out)
    }
}

/// The first line a process writes.
#[derive(Debug, Clone, PartialEq, Eq, Deserialize)]
pub struct Handshake {
    /// Must be [`PROTOCOL`].
    pub protocol: String,
    /// The analyzer's own name, for logs.
    #[serde(default)]
    pub name: Option<String>,
    /// The analyzer's own version, for logs.
    #[serde(default)]
    pub version: Option<String>,
}

/// A well-formed response to a request.
#[derive(Debug, Clone, PartialEq)]
pub enum Reply {
    /// The document's annotations (`null`: nothing to add).
    Annotations(Value),
    /// The analyzer could not analyze this document; it stays up.
    Error(String),
}

/// A line that breaks the protocol. The message says what was wrong and
/// quotes the start of the line.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct ProtocolError(pub String);

/// Quotes the start of `line` for an error message: at most
/// [`QUOTE_CHARS`] characters, control characters escaped, with the full
/// length when cut.
pub fn quote(line: &[u8]) -> String {
    let text = String::from_utf8_lossy(line);
    let mut out = String::from("`");
    let mut cut = false;
    for (n, c) in text.chars().enumerate() {
        if n == QUOTE_CHARS {
            cut = true;
            break;
        }
        if c.is_control() {
            out.extend(c.escape_default());
        } else {
            out.push(c);
        }
    }
    out.push('`');
    if cut {
        out.push_str(&format!("… ({} bytes)", line.len()));
    }
    out
}

fn parse_object(line: &[u8], what: &str) -> Result<serde_json::Map<String, Value>, ProtocolError> {
    match serde_json::from_slice::<Value>(line) {
        Ok(Value::Object(m)) => Ok(m),
        Ok(other) => Err(ProtocolError(format!(
            "{what} is JSON but not an object (found {}): received {}",
            kind(&other),
            quote(line)
        ))),
        Err(e) => Err(ProtocolError(format!(
            "{what} is not JSON ({e}): received {}",
            quote(line)
        ))),
    }
}

fn kind(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
    }
}

/// Parses a handshake line and checks its protocol.
pub fn parse_handshake(line: &[u8]) -> Result<Handshake, ProtocolError> {
    let obj = parse_object(line, "the handshake")?;
    let hs: Handshake = serde_json::from_value(Value::Object(obj)).map_err(|e| {
        ProtocolError(format!(
            "the handshake is not {{\"protocol\": \"{PROTOCOL}\", …}} ({e}): received {}",
            quote(line)
        ))
    })?;
    if hs.protocol != PROTOCOL {
        return Err(ProtocolError(format!(
            "the process speaks protocol `{}`, Gleaner speaks `{PROTOCOL}`: received {}",
            hs.protocol,
            quote(line)
        )));
    }
    Ok(hs)
}

/// Parses the response to request `expected_id`.
pub fn parse_response(line: &[u8], expected_id: u64) -> Result<Reply, ProtocolError> {
    let mut obj = parse_object(line, "the response")?;
    match obj.get("id") {
        None => {
            return Err(ProtocolError(format!(
                "the response has no `id` (expected {expected_id}): received {}",
                quote(line)
            )))
        }
        Some(id) if id.as_u64() == Some(expected_id) => {}
        Some(id) => {
            return Err(ProtocolError(format!(
                "the response's id is {id}, the request's was {expected_id}: received {}",
                quote(line)
            )))
        }
    }
    match (obj.remove("annotations"), obj.remove("error")) {
        (Some(a), None) => Ok(Reply::Annotations(a)),
        (None, Some(Value::String(e))) => Ok(Reply::Error(e)),
        (None, Some(other)) => Err(ProtocolError(format!(
            "the response's `error` must be a string, found {}: received {}",
            kind(&other),
            quote(line)
        ))),
        (Some(_), Some(_)) => Err(ProtocolError(format!(
            "the response has both `annotations` and `error`: received {}",
            quote(line)
        ))),
        (None, None) => Err(ProtocolError(format!(
            "the response has neither `annotations` nor `error`: received {}",
            quote(line)
        ))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use gleaner_core::{Format, Meta, SourceInfo};

    fn doc() -> Document {
        Document::new(
            "d1",
            SourceInfo {
                path: "d1.txt".into(),
                format: Format::Txt,
                hash: "sha256:00".into(),
                line: None,
                encoding: None,
            },
            Meta::default(),
            "Line one.\nLine \"two\".".into(),
        )
    }

    #[test]
    fn request_is_one_line_with_the_whole_document() {
        let line = Request::line(7, &doc()).unwrap();
        assert_eq!(line.last(), Some(&b'\n'));
        assert_eq!(line.iter().filter(|&&b| b == b'\n').count(), 1);
        let v: Value = serde_json::from_slice(&line).unwrap();
        assert_eq!(v["protocol"], PROTOCOL);
        assert_eq!(v["id"], 7);
        assert_eq!(v["document"]["text"], "Line one.\nLine \"two\".");
        assert_eq!(v["document"]["schema"], gleaner_core::SCHEMA);
    }

    #[test]
    fn handshake_checks_the_protocol() {
        let hs = parse_handshake(br#"{"protocol":"gleaner-exec/1","name":"r","extra":1}"#).unwrap();
        assert_eq!(hs.name.as_deref(), Some("r"));
        let e = parse_handshake(br#"{"protocol":"gleaner-exec/2"}"#).unwrap_err();
        assert!(e.0.contains("speaks protocol `gleaner-exec/2`"), "{e}");
        let e = parse_handshake(b"ready").unwrap_err();
        assert!(e.0.contains("not JSON") && e.0.contains("`ready`"), "{e}");
        let e = parse_handshake(br#"{"name":"r"}"#).unwrap_err();
        assert!(e.0.contains("missing field `protocol`"), "{e}");
    }

    #[test]
    fn responses_parse_or_say_what_is_wrong() {
        assert_eq!(
            parse_response(br#"{"id":3,"annotations":{"a":1}}"#, 3).unwrap(),
            Reply::Annotations(serde_json::json!({"a": 1}))
        );
        assert_eq!(
            parse_response(br#"{"id":3,"error":"too short"}"#, 3).unwrap(),
            Reply::Error("too short".into())
        );
        let cases: [(&[u8], &str); 7] = [
            (b"Traceback (most recent call last):", "not JSON"),
            (b"[1,2]", "not an object (found an array)"),
            (br#"{"annotations":1}"#, "has no `id`"),
            (
                br#"{"id":2,"annotations":1}"#,
                "id is 2, the request's was 3",
            ),
            (br#"{"id":3}"#, "neither `annotations` nor `error`"),
            (br#"{"id":3,"annotations":1,"error":"x"}"#, "both"),
            (br#"{"id":3,"error":{"code":1}}"#, "must be a string"),
        ];
        for (line, want) in cases {
            let e = parse_response(line, 3).unwrap_err();
            assert!(e.0.contains(want), "{e} should contain {want}");
            assert!(e.0.contains("received `"), "{e} should quote the line");
        }
    }

    #[test]
    fn quote_cuts_and_escapes() {
        assert_eq!(quote(b"a\tb"), "`a\\tb`");
        let long = vec![b'x'; 500];
        let q = quote(&long);
        assert!(q.ends_with("… (500 bytes)"), "{q}");
        assert_eq!(q.matches('x').count(), QUOTE_CHARS);
        assert_eq!(quote(&[0xff, b'a']), "`\u{fffd}a`");
    }
}
