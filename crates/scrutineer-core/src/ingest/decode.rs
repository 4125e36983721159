//! Text decoding: UTF-8 with or without BOM, UTF-16 LE/BE with BOM (or recognised by its NUL
//! pattern), Windows-1252 fallback.
//!
//! Council minutes arrive as text from many eras of office software: UTF-8 from the web, UTF-16
//! from "Save as Unicode text" in Word, Windows-1252 from older systems (where `£` is the single
//! byte 0xA3 and would be invalid UTF-8). The encoding is decided once per file, never per line,
//! and every guess other than plain UTF-8 is reported as a diagnostic so a reader can tell why a
//! character looks odd. Binary data is refused rather than decoded into garbage.
//!
//! The decoded text is kept as it is (line endings included): normalisation for matching happens
//! in extraction, with a byte map back to this text.

use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};

use crate::error::{Error, Result};
use crate::model::Diagnostic;

/// The encoding a text was decoded from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TextEncoding {
    Utf8,
    /// UTF-8 with a byte-order mark (removed).
    Utf8Bom,
    Utf16Le,
    Utf16Be,
    Windows1252,
}

impl TextEncoding {
    /// A name users recognise.
    pub fn label(self) -> &'static str {
        match self {
            TextEncoding::Utf8 => "UTF-8",
            TextEncoding::Utf8Bom => "UTF-8 (with byte-order mark)",
            TextEncoding::Utf16Le => "UTF-16LE",
            TextEncoding::Utf16Be => "UTF-16BE",
            TextEncoding::Windows1252 => "Windows-1252",
        }
    }
}

/// A decoded text and what was done to get it.
#[derive(Debug, Clone, PartialEq)]
pub struct Decoded {
    pub text: String,
    pub encoding: TextEncoding,
    pub diagnostics: Vec<Diagnostic>,
}

/// How much of a file the byte-level heuristics look at.
const SAMPLE: usize = 64 * 1024;

/// Decode a text file's bytes. Fails only for data that is not text at all.
pub fn decode(bytes: &[u8]) -> Result<Decoded> {
    let mut diagnostics = Vec::new();
    let (text, encoding) = if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        let (text, replaced) = lossy(UTF_8, rest);
        if replaced {
            diagnostics.push(replaced_diagnostic());
        }
        (text, TextEncoding::Utf8Bom)
    } else if let Some(rest) = bytes.strip_prefix(b"\xFF\xFE") {
        (
            utf16(UTF_16LE, rest, &mut diagnostics, "byte-order mark"),
            TextEncoding::Utf16Le,
        )
    } else if let Some(rest) = bytes.strip_prefix(b"\xFE\xFF") {
        (
            utf16(UTF_16BE, rest, &mut diagnostics, "byte-order mark"),
            TextEncoding::Utf16Be,
        )
    } else if let Some(encoding) = utf16_without_bom(bytes) {
        let which = if encoding == UTF_16LE {
            TextEncoding::Utf16Le
        } else {
            TextEncoding::Utf16Be
        };
        (
            utf16(
                encoding,
                bytes,
                &mut diagnostics,
                "no byte-order mark; recognised by its NUL bytes",
            ),
            which,
        )
    } else {
        if looks_binary(bytes) {
            return Err(Error::NotText("binary data, not text".into()));
        }
        decode_8bit(bytes, &mut diagnostics)
    };
    let text = remove_nuls(text, &mut diagnostics);
    Ok(Decoded {
        text,
        encoding,
        diagnostics,
    })
}

/// UTF-8 when the bytes are UTF-8 (or nearly: a handful of bad bytes among many good multi-byte
/// characters), otherwise Windows-1252, which maps every byte to a character.
fn decode_8bit(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> (String, TextEncoding) {
    if let Ok(text) = std::str::from_utf8(bytes) {
        return (text.to_string(), TextEncoding::Utf8);
    }
    let mut multibyte = 0usize;
    let mut invalid = 0usize;
    for chunk in bytes.utf8_chunks() {
        multibyte += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        if !chunk.invalid().is_empty() {
            invalid += 1;
        }
    }
    if multibyte >= 4 * invalid.max(1) {
        let (text, _) = lossy(UTF_8, bytes);
        diagnostics.push(replaced_diagnostic());
        return (text, TextEncoding::Utf8);
    }
    let (text, _) = lossy(WINDOWS_1252, bytes);
    diagnostics.push(Diagnostic::info(
        "decoded_windows_1252",
        "the file is not UTF-8; decoded as Windows-1252 (Western European)",
    ));
    (text, TextEncoding::Windows1252)
}

fn lossy(encoding: &'static Encoding, bytes: &[u8]) -> (String, bool) {
    let (text, replaced) = encoding.decode_without_bom_handling(bytes);
    (text.into_owned(), replaced)
}

fn utf16(
    encoding: &'static Encoding,
    bytes: &[u8],
    diagnostics: &mut Vec<Diagnostic>,
    how: &str,
) -> String {
    let (text, replaced) = lossy(encoding, bytes);
    diagnostics.push(Diagnostic::info(
        "decoded_utf16",
        format!("decoded as {} ({how})", encoding.name()),
    ));
    if replaced {
        diagnostics.push(replaced_diagnostic());
    }
    text
}

fn replaced_diagnostic() -> Diagnostic {
    Diagnostic::warning(
        "invalid_utf8_replaced",
        "some bytes were not valid in the file's encoding and were replaced with \u{FFFD}",
    )
}

/// Text saved as UTF-16 without a byte-order mark: ASCII characters leave a NUL in every other
/// byte, on the odd positions for little-endian and the even ones for big-endian.
fn utf16_without_bom(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(SAMPLE)];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let (mut even, mut odd) = (0usize, 0usize);
    for pair in sample.chunks_exact(2) {
        even += usize::from(pair[0] == 0);
        odd += usize::from(pair[1] == 0);
    }
    let mostly = |n: usize| n * 10 >= pairs * 4;
    let hardly = |n: usize| n * 20 <= pairs;
    if mostly(odd) && hardly(even) {
        Some(UTF_16LE)
    } else if mostly(even) && hardly(odd) {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Binary data has many control bytes; text has almost none besides tabs, line breaks and form
/// feeds. Trailing NUL padding (left by some old systems) does not count.
pub(crate) fn looks_binary(bytes: &[u8]) -> bool {
    let end = bytes.iter().rposition(|&b| b != 0).map_or(0, |i| i + 1);
    let sample = &bytes[..end.min(SAMPLE)];
    if sample.is_empty() {
        return !bytes.is_empty();
    }
    let controls = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C | 0x1B)) || b == 0x7F)
        .count();
    controls >= 4 && controls * 20 > sample.len()
}

fn remove_nuls(text: String, diagnostics: &mut Vec<Diagnostic>) -> String {
    let nuls = text.matches('\0').count();
    if nuls == 0 {
        return text;
    }
    diagnostics.push(Diagnostic::info(
        "nul_removed",
        format!("{nuls} stray NUL byte(s) removed"),
    ));
    text.replace('\0', "")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn any_bytes_decode_or_are_refused_without_panicking(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
            match decode(&bytes) {
                Ok(d) => prop_assert!(!d.text.contains('\0'), "NULs are removed"),
                Err(e) => prop_assert_eq!(e.code(), "not_text"),
            }
        }

        #[test]
        fn utf8_text_comes_back_unchanged(text in "(?s)[^\u{0}-\u{8}\u{B}\u{E}-\u{1A}\u{1C}-\u{1F}\u{7F}\u{FEFF}]{0,300}") {
            let d = decode(text.as_bytes()).map_err(|e| TestCaseError::fail(e.to_string()))?;
            prop_assert_eq!(d.text, text);
        }
    }

    fn utf16le(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect()
    }

    fn utf16be(s: &str) -> Vec<u8> {
        s.encode_utf16().flat_map(|u| u.to_be_bytes()).collect()
    }

    fn codes(d: &Decoded) -> Vec<&str> {
        d.diagnostics.iter().map(|d| d.code.as_str()).collect()
    }

    #[test]
    fn decoding_table() {
        let sample = "Budget £1.2m \u{2013} “agreed”\r\nNext line";
        let mut with_bom = b"\xEF\xBB\xBF".to_vec();
        with_bom.extend_from_slice(sample.as_bytes());
        let mut le_bom = b"\xFF\xFE".to_vec();
        le_bom.extend(utf16le(sample));
        let mut be_bom = b"\xFE\xFF".to_vec();
        be_bom.extend(utf16be(sample));
        let cases: Vec<(&str, Vec<u8>, &str, TextEncoding)> = vec![
            (
                "utf-8",
                sample.as_bytes().to_vec(),
                sample,
                TextEncoding::Utf8,
            ),
            ("utf-8 bom", with_bom, sample, TextEncoding::Utf8Bom),
            ("utf-16le bom", le_bom, sample, TextEncoding::Utf16Le),
            ("utf-16be bom", be_bom, sample, TextEncoding::Utf16Be),
            (
                "utf-16le no bom",
                utf16le(sample),
                sample,
                TextEncoding::Utf16Le,
            ),
            (
                "utf-16be no bom",
                utf16be(sample),
                sample,
                TextEncoding::Utf16Be,
            ),
            (
                "windows-1252",
                b"Cost \xA3500 \x96 \x93agreed\x94".to_vec(),
                "Cost £500 \u{2013} \u{201C}agreed\u{201D}",
                TextEncoding::Windows1252,
            ),
        ];
        for (name, bytes, want, encoding) in cases {
            let got = decode(&bytes).unwrap_or_else(|e| panic!("{name}: {e}"));
            assert_eq!(got.text, want, "{name}: decoded text is the original text");
            assert_eq!(got.encoding, encoding, "{name}: the encoding is recognised");
        }
    }

    #[test]
    fn windows_1252_is_reported() {
        let got = decode(b"Caf\xE9 \xA3").expect("1252 decodes");
        assert_eq!(got.text, "Café £");
        assert!(
            codes(&got).contains(&"decoded_windows_1252"),
            "a Windows-1252 guess is reported"
        );
    }

    #[test]
    fn stray_nul_bytes_are_removed() {
        let got = decode(b"Minutes\0 of the\0 meeting\0\0\0").expect("text with NULs decodes");
        assert_eq!(got.text, "Minutes of the meeting");
        assert!(codes(&got).contains(&"nul_removed"), "removal is reported");
    }

    #[test]
    fn mostly_utf8_with_a_bad_byte_stays_utf8() {
        let mut bytes = "“one” “two” “three” – ".as_bytes().to_vec();
        bytes.push(0xFF);
        bytes.extend_from_slice(" end".as_bytes());
        let got = decode(&bytes).expect("decodes");
        assert_eq!(
            got.encoding,
            TextEncoding::Utf8,
            "one bad byte does not flip the file to 1252"
        );
        assert!(got.text.contains('\u{FFFD}') && got.text.contains("“three”"));
        assert!(codes(&got).contains(&"invalid_utf8_replaced"));
    }

    #[test]
    fn invalid_utf8_never_panics() {
        for bytes in [
            &b"\xC3"[..],
            b"\xE2\x82",
            b"abc\xF0\x9F\x98",
            b"\xED\xA0\x80",
            b"\xFE\xFF\xD8",
        ] {
            let _ = decode(bytes);
        }
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0..4096u32)
            .map(|i| (i.wrapping_mul(2654435761) >> 13) as u8)
            .collect();
        let err = decode(&bytes).expect_err("random bytes are not text");
        assert_eq!(err.code(), "not_text");
        assert!(
            err.to_string().contains("binary data"),
            "the error says why: {err}"
        );
    }
}
