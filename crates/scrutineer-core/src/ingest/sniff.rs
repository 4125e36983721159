//! What a file really is, from its first bytes.
//!
//! Extensions lie: a Word document renamed `.txt`, a scanned page saved as `.pdf` by a phone
//! app, a web server's error page downloaded as `minutes.pdf`. Decoding any of these as text
//! would put garbage into the library, so ingest looks at the content first and either reads it
//! as what it is (a PDF named `.txt` is still a PDF) or refuses it with a reason the user can act
//! on ("Word document (.docx) — save it as PDF or text").

/// What the bytes look like.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Sniffed {
    /// A PDF (`%PDF-` within the first kilobyte, as readers accept).
    Pdf,
    /// A web page (starts with a doctype or an `<html>` tag).
    Html,
    /// A known kind of file we do not read, with what to tell the user.
    Foreign(String),
    /// Anything else: decoded as text, which refuses binary data.
    Other,
}

/// Look at the first bytes of a file.
pub(crate) fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if find(head, b"%PDF-").is_some() {
        return Sniffed::Pdf;
    }
    if let Some(what) = foreign(bytes) {
        return Sniffed::Foreign(what);
    }
    if looks_like_html(head) {
        return Sniffed::Html;
    }
    Sniffed::Other
}

/// The known non-text formats people save minutes in, or that end up in a folder of minutes.
fn foreign(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(64 * 1024)];
    let save_as = "save it as PDF or text";
    if bytes.starts_with(b"PK\x03\x04") {
        let what = if find(head, b"word/").is_some() {
            format!("Word document (.docx) \u{2014} {save_as}")
        } else if find(head, b"opendocument.text").is_some() {
            format!("OpenDocument text (.odt) \u{2014} {save_as}")
        } else if find(head, b"xl/").is_some() || find(head, b"opendocument.spreadsheet").is_some()
        {
            format!("spreadsheet (.xlsx/.ods) \u{2014} {save_as}")
        } else if find(head, b"ppt/").is_some()
            || find(head, b"opendocument.presentation").is_some()
        {
            "presentation (.pptx/.odp) \u{2014} save it as PDF".to_string()
        } else if find(head, b"application/epub").is_some() {
            "e-book (.epub) \u{2014} save it as PDF or text".to_string()
        } else {
            "zip archive \u{2014} unzip it and import the files inside".to_string()
        };
        return Some(what);
    }
    if bytes.starts_with(b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1") {
        let utf16 =
            |s: &str| -> Vec<u8> { s.encode_utf16().flat_map(|u| u.to_le_bytes()).collect() };
        let what = if find(bytes, &utf16("WordDocument")).is_some() {
            format!("Word 97-2003 document (.doc) \u{2014} {save_as}")
        } else if find(bytes, &utf16("Workbook")).is_some() || find(bytes, &utf16("Book")).is_some()
        {
            format!("Excel 97-2003 workbook (.xls) \u{2014} {save_as}")
        } else if find(bytes, &utf16("PowerPoint Document")).is_some() {
            "PowerPoint 97-2003 presentation (.ppt) \u{2014} save it as PDF".to_string()
        } else {
            format!("Microsoft Office 97-2003 file \u{2014} {save_as}")
        };
        return Some(what);
    }
    if bytes.starts_with(b"{\\rtf") {
        return Some(format!(
            "Rich Text Format document (.rtf) \u{2014} {save_as}"
        ));
    }
    let image = if bytes.starts_with(b"\x89PNG\r\n\x1A\n") {
        Some("PNG")
    } else if bytes.starts_with(b"\xFF\xD8\xFF") {
        Some("JPEG")
    } else if bytes.starts_with(b"GIF87a") || bytes.starts_with(b"GIF89a") {
        Some("GIF")
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Some("TIFF")
    } else if bytes.len() > 12 && bytes.starts_with(b"RIFF") && &bytes[8..12] == b"WEBP" {
        Some("WebP")
    } else if bytes.len() > 12
        && &bytes[4..8] == b"ftyp"
        && matches!(&bytes[8..12], b"heic" | b"heix" | b"mif1")
    {
        Some("HEIC")
    } else if bytes.len() > 26 && bytes.starts_with(b"BM") && bytes[6..10] == [0, 0, 0, 0] {
        Some("BMP")
    } else {
        None
    };
    if let Some(kind) = image {
        return Some(format!(
            "image ({kind}) \u{2014} a picture of a page has no text; run OCR on it or save the minutes as a PDF with text"
        ));
    }
    let archive = if bytes.starts_with(b"\x1F\x8B") {
        Some("gzip archive")
    } else if bytes.starts_with(b"7z\xBC\xAF\x27\x1C") {
        Some("7-Zip archive")
    } else if bytes.starts_with(b"Rar!\x1A\x07") {
        Some("RAR archive")
    } else {
        None
    };
    if let Some(kind) = archive {
        return Some(format!(
            "{kind} \u{2014} unpack it and import the files inside"
        ));
    }
    if bytes.starts_with(b"%!PS") {
        return Some("PostScript file \u{2014} convert it to PDF".to_string());
    }
    if bytes.starts_with(b"\x7FELF")
        || (bytes.starts_with(b"MZ") && super::decode::looks_binary(bytes))
    {
        return Some("program (executable), not a document".to_string());
    }
    None
}

fn looks_like_html(head: &[u8]) -> bool {
    let text = String::from_utf8_lossy(head);
    let start = text
        .trim_start_matches('\u{FEFF}')
        .trim_start()
        .to_ascii_lowercase();
    if start.starts_with("<!doctype html") || start.starts_with("<html") {
        return true;
    }
    if start.starts_with("<?xml") || start.starts_with("<!--") {
        return start.contains("<html");
    }
    false
}

/// A short, printable picture of the first bytes, for "not a PDF (file starts with …)".
pub(crate) fn preview(bytes: &[u8]) -> String {
    let mut out = String::new();
    for &b in bytes.iter().take(16) {
        match b {
            b' '..=b'~' => out.push(b as char),
            b'\n' => out.push_str("\\n"),
            b'\r' => out.push_str("\\r"),
            b'\t' => out.push_str("\\t"),
            _ => out.push_str(&format!("\\x{b:02X}")),
        }
    }
    if bytes.len() > 16 {
        out.push('…');
    }
    out
}

/// Why bytes handed to the PDF reader are not a PDF.
pub(crate) fn not_a_pdf(bytes: &[u8]) -> String {
    let hint = if looks_like_html(&bytes[..bytes.len().min(1024)]) {
        "; it is a web page \u{2014} save it as .html"
    } else if super::decode::looks_binary(bytes) {
        ""
    } else {
        "; it looks like text \u{2014} name it .txt"
    };
    format!("not a PDF (file starts with \"{}\"){hint}", preview(bytes))
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() || haystack.len() < needle.len() {
        return None;
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffing_table() {
        let mut docx = b"PK\x03\x04\x14\0\x06\0".to_vec();
        docx.extend_from_slice(b"[Content_Types].xml....word/document.xml");
        let mut odt = b"PK\x03\x04\x14\0\0\0".to_vec();
        odt.extend_from_slice(b"mimetypeapplication/vnd.oasis.opendocument.text");
        let mut doc = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1".to_vec();
        doc.extend(vec![0u8; 100]);
        doc.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        let cases: Vec<(&str, Vec<u8>, &str)> = vec![
            ("pdf", b"%PDF-1.7\n...".to_vec(), "pdf"),
            ("pdf after junk", b"\r\n\r\n%PDF-1.4".to_vec(), "pdf"),
            ("docx", docx, "Word document (.docx)"),
            ("odt", odt, "OpenDocument text (.odt)"),
            ("doc", doc, "Word 97-2003 document (.doc)"),
            ("rtf", b"{\\rtf1\\ansi text}".to_vec(), "Rich Text Format"),
            (
                "png",
                b"\x89PNG\r\n\x1A\n\0\0\0\rIHDR".to_vec(),
                "image (PNG)",
            ),
            (
                "jpeg",
                b"\xFF\xD8\xFF\xE0\0\x10JFIF".to_vec(),
                "image (JPEG)",
            ),
            ("gzip", b"\x1F\x8B\x08\0\0\0".to_vec(), "gzip archive"),
            ("html", b"  <!DOCTYPE html><html>".to_vec(), "html"),
            ("text", b"Minutes of the meeting".to_vec(), "other"),
        ];
        for (name, bytes, want) in cases {
            let got = match sniff(&bytes) {
                Sniffed::Pdf => "pdf".to_string(),
                Sniffed::Html => "html".to_string(),
                Sniffed::Other => "other".to_string(),
                Sniffed::Foreign(what) => what,
            };
            assert!(
                got.starts_with(want),
                "{name}: sniffed as {got:?}, want {want:?}"
            );
        }
    }

    #[test]
    fn not_a_pdf_names_the_first_bytes() {
        let msg = not_a_pdf(b"<!DOCTYPE html><html><body>Not found</body></html>");
        assert!(
            msg.starts_with("not a PDF (file starts with \"<!DOCTYPE html><…\")"),
            "{msg}"
        );
        assert!(
            msg.contains("web page"),
            "an HTML page is named as such: {msg}"
        );
        let msg = not_a_pdf(&[0x00, 0x01, 0xFE, b'A']);
        assert!(
            msg.contains("\\x00\\x01\\xFEA"),
            "binary bytes are escaped: {msg}"
        );
    }
}
