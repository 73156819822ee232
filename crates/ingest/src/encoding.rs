//! Text encoding detection and decoding: byte-order marks (UTF-8, UTF-16
//! LE/BE), binary-file detection (NUL bytes, well-known magic numbers), valid
//! UTF-8, a charset declared by an HTML page, and a statistical guess among
//! legacy encodings (Windows-1252 and friends) for everything else. Input that
//! decodes to mostly control characters in every plausible encoding is
//! rejected rather than turned into garbage.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8};

/// Why bytes could not be decoded as text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DecodeProblem {
    /// The bytes look like a binary file; the string says why.
    Binary(String),
    /// No plausible text encoding; the string says what was tried.
    Undecodable(String),
}

/// Decoded text and the name of the encoding it was decoded from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decoded {
    /// The text, without any byte-order mark.
    pub text: String,
    /// The encoding's WHATWG name, e.g. `UTF-8`, `UTF-16LE`, `windows-1252`.
    pub encoding: &'static str,
}

/// Well-known binary file signatures and what they are. Signatures made of
/// printable ASCII only (`BZh`, `ID3`, `RIFF`, `OggS`, `GIF8…`) count only
/// when the file is not valid UTF-8 anyway, so that a text starting with such
/// a word is still text; `%PDF-` always counts.
const MAGIC: &[(&[u8], &str)] = &[
    (b"%PDF-", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive (or DOCX/EPUB)"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"\xFF\xD8\xFF", "a JPEG image"),
    (b"\x1F\x8B", "gzip-compressed data"),
    (b"BZh", "bzip2-compressed data"),
    (b"\xFD7zXZ\x00", "xz-compressed data"),
    (b"7z\xBC\xAF\x27\x1C", "a 7-Zip archive"),
    (b"\x28\xB5\x2F\xFD", "zstd-compressed data"),
    (b"\x7FELF", "an ELF executable"),
    (b"MZ\x90\x00", "a Windows executable"),
    (
        b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1",
        "an OLE document (old Word/Excel)",
    ),
    (b"RIFF", "a RIFF media file"),
    (b"OggS", "an Ogg media file"),
    (b"ID3", "an MP3 file"),
    (b"\x00asm", "a WebAssembly module"),
    (b"SQLite format 3\x00", "an SQLite database"),
];

/// How many leading bytes the binary and UTF-16 heuristics look at.
const SNIFF: usize = 8192;

/// Largest share of control characters (other than tab, newline, carriage
/// return and form feed) that decoded text may contain.
const MAX_CONTROL_SHARE: f64 = 0.05;

/// Decodes `bytes` as text. `declared` is a charset label the container
/// declares (an HTML `<meta charset>`); a byte-order mark wins over it, and it
/// wins over guessing.
pub fn decode(bytes: &[u8], declared: Option<&str>) -> Result<Decoded, DecodeProblem> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let rest = bytes.get(bom_len..).unwrap_or_default();
        return finish(enc, rest);
    }
    if let Some(kind) = binary_magic(bytes) {
        let printable = |m: &[u8]| m.iter().all(|b| b.is_ascii_graphic());
        let strict = kind.0.starts_with(b"%PDF") || !printable(kind.0);
        if strict || std::str::from_utf8(bytes).is_err() {
            return Err(DecodeProblem::Binary(format!("starts like {}", kind.1)));
        }
    }
    let head = &bytes[..bytes.len().min(SNIFF)];
    if head.contains(&0) {
        if let Some(enc) = utf16_without_bom(head) {
            return finish(enc, bytes);
        }
        return Err(DecodeProblem::Binary("contains NUL bytes".to_string()));
    }
    if let Some(enc) = declared.and_then(|l| Encoding::for_label(l.trim().as_bytes())) {
        // A page served as UTF-16 cannot declare it inside ASCII-compatible
        // bytes; browsers read such a declaration as UTF-8.
        // The `replacement` encoding (labels of dangerous legacy encodings)
        // would turn the whole page into one U+FFFD: guess instead.
        let enc = if enc == UTF_16LE || enc == UTF_16BE {
            UTF_8
        } else {
            enc
        };
        if enc != encoding_rs::REPLACEMENT && (enc != UTF_8 || std::str::from_utf8(bytes).is_ok()) {
            // A page whose bytes do not fit its declared charset (many
            // invalid sequences) is guessed instead of refused.
            match finish(enc, bytes) {
                Ok(d) => return Ok(d),
                Err(p) => tracing::debug!(
                    declared = enc.name(),
                    problem = ?p,
                    "bytes do not fit the declared charset; detecting instead"
                ),
            }
        }
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return check_text(s.to_string(), UTF_8);
    }
    if mostly_utf8(bytes) {
        // UTF-8 with a few broken sequences (a truncated download, one
        // pasted Latin-1 character): keep UTF-8, with U+FFFD for the breaks.
        return check_text(String::from_utf8_lossy(bytes).into_owned(), UTF_8);
    }
    let mut detector = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
    detector.feed(bytes, true);
    let guess = detector.guess(None, chardetng::Utf8Detection::Deny);
    finish(guess, bytes)
        .and_then(plausible)
        .map_err(|p| match p {
            DecodeProblem::Undecodable(why) => DecodeProblem::Undecodable(format!(
                "not valid UTF-8, and not plausible as {} either: {why}",
                guess.name()
            )),
            other => other,
        })
}

/// Smallest share of letters, digits, whitespace and punctuation that text
/// decoded from a guessed encoding must have. Text in any language is well
/// above it; random bytes read as Windows-1252 are near 0.55.
const MIN_TEXT_SHARE: f64 = 0.8;

/// Rejects a guessed decoding that does not look like writing: too few
/// letters, digits, spaces and punctuation, or undecodable sequences.
fn plausible(d: Decoded) -> Result<Decoded, DecodeProblem> {
    let (mut total, mut texty, mut broken) = (0usize, 0usize, 0usize);
    for c in d.text.chars() {
        total += 1;
        if c == '\u{FFFD}' {
            broken += 1;
        } else if c.is_alphanumeric()
            || c.is_whitespace()
            || c.is_ascii_punctuation()
            || matches!(
                c,
                '\u{2010}'..='\u{2027}' | '«' | '»' | '¡' | '¿' | '€' | '°' | '·'
            )
        {
            texty += 1;
        }
    }
    let share = texty as f64 / total.max(1) as f64;
    if broken * 100 > total || share < MIN_TEXT_SHARE {
        return Err(DecodeProblem::Undecodable(format!(
            "only {:.0}% of the characters are letters, digits, spaces or punctuation, {broken} are undecodable",
            share * 100.0
        )));
    }
    Ok(d)
}

/// Whether `bytes` are UTF-8 but for a few invalid sequences: at least
/// twenty valid multi-byte characters for every invalid sequence.
fn mostly_utf8(bytes: &[u8]) -> bool {
    let (mut valid_multi, mut invalid) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        valid_multi += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        invalid += usize::from(!chunk.invalid().is_empty());
    }
    invalid > 0 && valid_multi >= 20 * invalid
}

/// Decodes with `enc` (no BOM sniffing) and checks the result is text.
fn finish(enc: &'static Encoding, bytes: &[u8]) -> Result<Decoded, DecodeProblem> {
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    if had_errors {
        // A declared UTF-8 page with a few broken bytes: keep the replacement
        // characters, unless there are many of them. The same for UTF-16
        // after a byte-order mark: random bytes behind one decode to
        // unpaired surrogates every few dozen characters.
        let bad = text.chars().filter(|&c| c == '\u{FFFD}').count();
        if bad * 100 > text.chars().count().max(1) {
            return Err(DecodeProblem::Undecodable(format!(
                "{bad} byte sequences are invalid in {}",
                enc.name()
            )));
        }
    }
    check_text(text.into_owned(), enc)
}

/// Rejects decoded text that is mostly control characters or NULs.
fn check_text(text: String, enc: &'static Encoding) -> Result<Decoded, DecodeProblem> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars() {
        total += 1;
        if c == '\0' {
            return Err(DecodeProblem::Binary(format!(
                "contains NUL characters once decoded as {}",
                enc.name()
            )));
        }
        if c.is_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{c}') {
            control += 1;
        }
    }
    if total > 0 && control as f64 / total as f64 > MAX_CONTROL_SHARE {
        return Err(DecodeProblem::Undecodable(format!(
            "{control} of {total} characters are control characters as {}",
            enc.name()
        )));
    }
    Ok(Decoded {
        text,
        encoding: enc.name(),
    })
}

/// The kind of binary file `bytes` starts like, if any.
fn binary_magic(bytes: &[u8]) -> Option<(&'static [u8], &'static str)> {
    MAGIC.iter().find(|(m, _)| bytes.starts_with(m)).copied()
}

/// Recognizes UTF-16 text without a BOM: mostly-ASCII text where every
/// second byte is zero.
fn utf16_without_bom(head: &[u8]) -> Option<&'static Encoding> {
    let pairs = head.len() / 2;
    if pairs < 2 {
        return None;
    }
    let (mut even_zero, mut odd_zero) = (0usize, 0usize);
    for pair in head.chunks_exact(2) {
        if let [a, b] = pair {
            even_zero += usize::from(*a == 0);
            odd_zero += usize::from(*b == 0);
        }
    }
    // Allow a few non-Latin characters, but demand a clear pattern.
    if odd_zero * 10 >= pairs * 9 && even_zero * 10 <= pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 9 && odd_zero * 10 <= pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Finds the charset an HTML page declares in its first 1024 bytes
/// (`<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">`), as the HTML standard's prescan does.
pub fn html_declared_charset(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(1024)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(pos) = find(&lower[from..], b"<meta") {
        let start = from + pos;
        let end = lower[start..]
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(cs) = find(tag, b"charset") {
            let rest = &tag[cs + 7..];
            let rest = trim_start(rest);
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = trim_start(rest);
                let rest = rest
                    .strip_prefix(b"\"")
                    .or_else(|| rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let label: Vec<u8> = rest
                    .iter()
                    .take_while(|&&b| {
                        !matches!(b, b'"' | b'\'' | b';' | b' ' | b'/' | b'>')
                            && !b.is_ascii_whitespace()
                    })
                    .copied()
                    .collect();
                if !label.is_empty() {
                    return String::from_utf8(label).ok();
                }
            }
        }
        from = end;
    }
    None
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn trim_start(b: &[u8]) -> &[u8] {
    let n = b.iter().take_while(|c| c.is_ascii_whitespace()).count();
    b.get(n..).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn boms_are_honoured_and_stripped() {
        let d = decode(b"\xEF\xBB\xBFcaf\xC3\xA9", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("café", "UTF-8"));
        let d = decode(b"\xFF\xFEh\x00i\x00", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-16LE"));
        let d = decode(b"\xFE\xFF\x00h\x00i", None).unwrap();
        assert_eq!((d.text.as_str(), d.encoding), ("hi", "UTF-16BE"));
    }

    #[test]
    fn legacy_text_is_guessed() {
        let bytes = b"The caf\xE9 owner said \x93no comment\x94 \x96 twice, na\xEFvely.";
        let d = decode(bytes, None).unwrap();
        assert_eq!(d.encoding, "windows-1252");
        assert!(d.text.contains("café") && d.text.contains("“no comment”"));
    }

    #[test]
    fn mostly_utf8_stays_utf8() {
        let mut bytes = "Zoë and José met in Málaga; “ça va”, said Zoë. "
            .repeat(5)
            .into_bytes();
        bytes.push(0xE9);
        bytes.extend_from_slice(" end".as_bytes());
        let d = decode(&bytes, None).unwrap();
        assert_eq!(d.encoding, "UTF-8");
        assert!(d.text.contains("Málaga") && d.text.contains('\u{FFFD}'));
    }

    #[test]
    fn declared_charset_wins_over_guessing() {
        let d = decode(b"caf\xE9", Some("iso-8859-1")).unwrap();
        assert_eq!(d.text, "café");
        // A UTF-8 declaration on bytes that are not UTF-8 falls back to guessing.
        let d = decode(b"The caf\xE9 is open again this week.", Some("utf-8")).unwrap();
        assert_eq!(d.text, "The café is open again this week.");
    }

    #[test]
    fn a_wrongly_declared_charset_is_guessed_instead() {
        // UTF-8 Japanese declared as Shift_JIS: invalid there, fine as UTF-8.
        let text = "\u{6771}\u{4eac}\u{3067}\u{4f1a}\u{8b70}\u{304c}\u{958b}\u{304b}\u{308c}\u{305f}\u{3002}".repeat(20);
        let d = decode(text.as_bytes(), Some("shift_jis")).unwrap();
        assert_eq!(d.text, text);
        assert_eq!(d.encoding, "UTF-8");
    }

    #[test]
    fn random_bytes_behind_a_utf16_bom_are_not_text() {
        // A xorshift stream: the same "random" bytes on every run.
        let mut x: u64 = 0x9E37_79B9_7F4A_7C15;
        let mut bytes = vec![0xFF, 0xFE];
        for _ in 0..4000 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            bytes.push((x >> 24) as u8);
        }
        assert!(decode(&bytes, None).is_err());
        // Real UTF-16 behind the same mark still decodes.
        let mut ok = vec![0xFF, 0xFE];
        for u in "Caf\u{e9} owners said Monday they would close.".encode_utf16() {
            ok.extend_from_slice(&u.to_le_bytes());
        }
        assert_eq!(
            decode(&ok, None).unwrap().text,
            "Caf\u{e9} owners said Monday they would close."
        );
    }

    #[test]
    fn binary_is_rejected() {
        assert!(matches!(
            decode(b"%PDF-1.7 ...", None),
            Err(DecodeProblem::Binary(_))
        ));
        assert!(matches!(
            decode(b"abc\0\x01\x02\xff", None),
            Err(DecodeProblem::Binary(_))
        ));
        let garbage: Vec<u8> = (0u8..=8).cycle().take(400).map(|b| b + 1).collect();
        assert!(matches!(
            decode(&garbage, None),
            Err(DecodeProblem::Undecodable(_))
        ));
        // Random high bytes are not text in any single-byte encoding.
        let mut x: u32 = 12345;
        let high: Vec<u8> = (0..2000)
            .map(|_| {
                x = x.wrapping_mul(1_103_515_245).wrapping_add(12345);
                0x80 | ((x >> 16) as u8)
            })
            .collect();
        assert!(matches!(
            decode(&high, None),
            Err(DecodeProblem::Undecodable(_))
        ));
    }

    #[test]
    fn utf16_without_bom_is_recognized() {
        let le: Vec<u8> = "Plain words here"
            .encode_utf16()
            .flat_map(|u| u.to_le_bytes())
            .collect();
        assert_eq!(decode(&le, None).unwrap().text, "Plain words here");
        let be: Vec<u8> = "Plain words here"
            .encode_utf16()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        assert_eq!(decode(&be, None).unwrap().encoding, "UTF-16BE");
    }

    #[test]
    fn meta_charset_is_found() {
        assert_eq!(
            html_declared_charset(b"<html><head><META Charset=\"Windows-1252\">").as_deref(),
            Some("windows-1252")
        );
        assert_eq!(
            html_declared_charset(
                b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-1'>"
            )
            .as_deref(),
            Some("iso-8859-1")
        );
        assert_eq!(html_declared_charset(b"<meta name=x content=y>"), None);
    }

    proptest! {
        #[test]
        fn utf8_round_trips(s in "\\PC{0,200}") {
            let d = decode(s.as_bytes(), None).unwrap();
            prop_assert_eq!(d.text, s);
            prop_assert_eq!(d.encoding, "UTF-8");
        }

        #[test]
        fn utf16_with_bom_round_trips(s in "\\PC{0,200}") {
            let mut le = vec![0xFF, 0xFE];
            le.extend(s.encode_utf16().flat_map(|u| u.to_le_bytes()));
            let mut be = vec![0xFE, 0xFF];
            be.extend(s.encode_utf16().flat_map(|u| u.to_be_bytes()));
            for bytes in [le, be] {
                let d = decode(&bytes, None).unwrap();
                prop_assert_eq!(d.text, s.clone());
            }
        }

        #[test]
        fn windows_1252_round_trips(s in "[ -~àéèüöçñÉ“”‘’–—€]{1,200}") {
            let (bytes, _, _) = encoding_rs::WINDOWS_1252.encode(&s);
            let d = decode(&bytes, Some("windows-1252")).unwrap();
            prop_assert_eq!(d.text, s);
        }

        #[test]
        fn decode_never_panics(bytes in proptest::collection::vec(any::<u8>(), 0..600)) {
            let _ = decode(&bytes, None);
            let _ = html_declared_charset(&bytes);
        }
    }
}
