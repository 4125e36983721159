//! A small PDF writer: text laid out as real PDFs, and deliberately broken PDFs.
//!
//! Tests need PDFs whose text is known, in our own words, with the layouts real minutes have
//! (running headers and footers, page numbers, paragraphs across page breaks), and PDFs that are
//! broken in the ways real files are (scanned, encrypted, truncated, a broken cross-reference
//! table, a form that draws itself, far too many pages). Generating them from text keeps the
//! fixtures small and readable and the expected output beside them; the benchmark generator
//! uses the same writer to produce large libraries.
//!
//! [`text_pdf`] lays text out on A4 pages in Helvetica (a standard Type 1 font every reader has,
//! so nothing is embedded) with WinAnsiEncoding, so `£`, `€`, curly quotes and dashes survive.
//! Lines are word-wrapped; a blank line leaves a paragraph gap; a form feed (`\f`) starts a new
//! page; text that overflows a page continues on the next. Lines can be written the way word
//! processors write them or the way Ghostscript does ([`TextOperators`]), which pdf-extract
//! cannot read and the fallback extractor must.
//!
//! ```
//! use scrutineer_core::pdfgen::{text_pdf, PdfLayout};
//! let layout = PdfLayout { footer: Some("Page {page} of {pages}".into()), ..PdfLayout::default() };
//! let bytes = text_pdf("Minutes of the Parks Committee\n\nThe committee met.", &layout).unwrap();
//! assert!(bytes.starts_with(b"%PDF-"));
//! ```

use lopdf::content::{Content, Operation};
use lopdf::{dictionary, Dictionary, Document, Object, ObjectId, Stream, StringFormat};

use crate::error::{Error, Result};

/// A4 in points.
const PAGE_WIDTH: f64 = 595.276;
const PAGE_HEIGHT: f64 = 841.89;

/// How text is laid out.
#[derive(Debug, Clone, PartialEq)]
pub struct PdfLayout {
    /// The document's Title metadata.
    pub title: Option<String>,
    /// A running header on every page. `{page}` and `{pages}` are replaced by the page number
    /// and the page count.
    pub header: Option<String>,
    /// A running footer on every page, with the same placeholders.
    pub footer: Option<String>,
    /// Body font size in points.
    pub font_size: f64,
    /// Page margin in points (header and footer sit in it).
    pub margin: f64,
    /// Which text operators place the lines.
    pub operators: TextOperators,
}

/// How lines are placed in the content stream. Producers differ, and extractors with them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum TextOperators {
    /// Each line in its own text object, moved into place with `Td` and shown with `Tj` (as
    /// word processors write).
    #[default]
    Positioned,
    /// One text object per page under a scaled graphics state, lines advanced with `TL` and
    /// shown with the `'` operator, as Ghostscript writes. pdf-extract 0.12 reads almost
    /// nothing from these; the fallback extractor must.
    NextLine,
}

impl Default for PdfLayout {
    fn default() -> Self {
        PdfLayout {
            title: None,
            header: None,
            footer: None,
            font_size: 11.0,
            margin: 64.0,
            operators: TextOperators::Positioned,
        }
    }
}

/// One placed line of text.
struct Placed {
    x: f64,
    y: f64,
    size: f64,
    text: String,
}

/// Lay `text` out as a PDF.
pub fn text_pdf(text: &str, layout: &PdfLayout) -> Result<Vec<u8>> {
    let pages = paginate(text, layout);
    let mut doc = build(&pages, layout)?;
    save(&mut doc)
}

/// Break text into pages of placed lines.
fn paginate(text: &str, layout: &PdfLayout) -> Vec<Vec<Placed>> {
    let size = layout.font_size;
    let leading = size * 1.25;
    let top = PAGE_HEIGHT - layout.margin - size;
    let bottom = layout.margin;
    let width = PAGE_WIDTH - 2.0 * layout.margin;
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    for chunk in text.split('\u{0C}') {
        let mut page: Vec<Placed> = Vec::new();
        let mut y = top;
        for source_line in chunk.split('\n') {
            let line = source_line.trim_end();
            if line.trim().is_empty() {
                // A paragraph gap, except at the top of a page.
                if !page.is_empty() {
                    y -= leading;
                }
                continue;
            }
            let indent_chars = line.len() - line.trim_start().len();
            let indent = indent_chars as f64 * text_width(" ", size);
            for wrapped in wrap(line.trim_start(), width - indent, size) {
                if y < bottom {
                    pages.push(std::mem::take(&mut page));
                    y = top;
                }
                page.push(Placed {
                    x: layout.margin + indent,
                    y,
                    size,
                    text: wrapped,
                });
                y -= leading;
            }
        }
        pages.push(page);
    }
    let count = pages.len();
    for (i, page) in pages.iter_mut().enumerate() {
        let fill = |t: &str| {
            t.replace("{page}", &(i + 1).to_string())
                .replace("{pages}", &count.to_string())
        };
        if let Some(h) = &layout.header {
            page.insert(
                0,
                Placed {
                    x: layout.margin,
                    y: PAGE_HEIGHT - layout.margin / 2.0,
                    size: size - 1.0,
                    text: fill(h),
                },
            );
        }
        if let Some(f) = &layout.footer {
            page.push(Placed {
                x: layout.margin,
                y: layout.margin / 2.0,
                size: size - 1.0,
                text: fill(f),
            });
        }
    }
    pages
}

/// Greedy word wrap by Helvetica widths. A word longer than the line is put on a line alone.
fn wrap(line: &str, width: f64, size: f64) -> Vec<String> {
    let mut out = Vec::new();
    let mut current = String::new();
    for word in line.split(' ') {
        let candidate = if current.is_empty() {
            word.to_string()
        } else {
            format!("{current} {word}")
        };
        if text_width(&candidate, size) <= width || current.is_empty() {
            current = candidate;
        } else {
            out.push(std::mem::replace(&mut current, word.to_string()));
        }
    }
    if !current.is_empty() {
        out.push(current);
    }
    out
}

/// Helvetica advance widths (thousandths of the font size) for ASCII 32–126.
const HELVETICA_ASCII: [u16; 95] = [
    278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556,
    556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556, 1015, 667, 667, 722, 722, 667,
    611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667,
    667, 611, 278, 278, 278, 469, 556, 333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500,
    222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
];

fn char_width(c: char) -> f64 {
    let w = match c {
        ' '..='~' => HELVETICA_ASCII[c as usize - 32],
        '\u{2018}' | '\u{2019}' | '\u{201A}' => 222,
        '\u{201C}' | '\u{201D}' | '\u{201E}' => 333,
        '\u{2014}' | '\u{2026}' | '\u{2030}' => 1000,
        '\u{2022}' => 350,
        '\u{A0}' => 278,
        c if c.is_uppercase() => 667,
        _ => 556,
    };
    f64::from(w)
}

fn text_width(s: &str, size: f64) -> f64 {
    s.chars().map(char_width).sum::<f64>() / 1000.0 * size
}

/// Text in WinAnsiEncoding; characters it lacks become `?`.
fn win_ansi(s: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(s.len());
    let mut buf = [0u8; 4];
    for c in s.chars() {
        let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(c.encode_utf8(&mut buf));
        if unmappable || bytes.len() != 1 {
            out.push(b'?');
        } else {
            out.push(bytes[0]);
        }
    }
    out
}

fn pdf_error(e: impl std::fmt::Display) -> Error {
    Error::Invalid(format!("cannot write the PDF: {e}"))
}

/// Text operations for placed lines.
fn text_operations(lines: &[Placed], operators: TextOperators) -> Vec<Operation> {
    let show = |text: &str| Object::String(win_ansi(text), StringFormat::Literal);
    let mut ops = Vec::new();
    match operators {
        TextOperators::Positioned => {
            for line in lines {
                ops.push(Operation::new("BT", vec![]));
                ops.push(Operation::new("Tf", vec!["F1".into(), line.size.into()]));
                ops.push(Operation::new(
                    "Td",
                    vec![(line.x as f32).into(), (line.y as f32).into()],
                ));
                ops.push(Operation::new("Tj", vec![show(&line.text)]));
                ops.push(Operation::new("ET", vec![]));
            }
        }
        TextOperators::NextLine => {
            let scale = |f: f64| -> Vec<Object> {
                vec![f.into(), 0.into(), 0.into(), f.into(), 0.into(), 0.into()]
            };
            ops.push(Operation::new("q", vec![]));
            ops.push(Operation::new("cm", scale(0.1)));
            ops.push(Operation::new("q", vec![]));
            ops.push(Operation::new("cm", scale(10.0)));
            ops.push(Operation::new("BT", vec![]));
            let mut previous: Option<&Placed> = None;
            for line in lines {
                if previous.is_none_or(|p| p.size != line.size) {
                    ops.push(Operation::new("Tf", vec!["F1".into(), line.size.into()]));
                }
                match previous {
                    Some(p) if p.x == line.x => {
                        ops.push(Operation::new("TL", vec![((p.y - line.y) as f32).into()]));
                        ops.push(Operation::new("'", vec![show(&line.text)]));
                    }
                    _ => {
                        let m = vec![
                            1.into(),
                            0.into(),
                            0.into(),
                            1.into(),
                            (line.x as f32).into(),
                            (line.y as f32).into(),
                        ];
                        ops.push(Operation::new("Tm", m));
                        ops.push(Operation::new("Tj", vec![show(&line.text)]));
                    }
                }
                previous = Some(line);
            }
            ops.push(Operation::new("ET", vec![]));
            ops.push(Operation::new("Q", vec![]));
            ops.push(Operation::new("Q", vec![]));
        }
    }
    ops
}

/// The skeleton every generated PDF shares: catalog, page tree, the Helvetica font.
struct Skeleton {
    doc: Document,
    pages_id: ObjectId,
    font_id: ObjectId,
    kids: Vec<Object>,
}

impl Skeleton {
    fn new() -> Skeleton {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font_id = doc.add_object(dictionary! {
            "Type" => "Font",
            "Subtype" => "Type1",
            "BaseFont" => "Helvetica",
            "Encoding" => "WinAnsiEncoding",
        });
        Skeleton {
            doc,
            pages_id,
            font_id,
            kids: Vec::new(),
        }
    }

    fn resources(&self) -> Dictionary {
        dictionary! { "Font" => dictionary! { "F1" => self.font_id } }
    }

    fn add_page(&mut self, content: Vec<u8>, resources: Dictionary) -> ObjectId {
        let content_id = self.doc.add_object(Stream::new(dictionary! {}, content));
        let page_id = self.doc.add_object(dictionary! {
            "Type" => "Page",
            "Parent" => self.pages_id,
            "Contents" => content_id,
            "Resources" => resources,
        });
        self.kids.push(page_id.into());
        page_id
    }

    fn finish(mut self, title: Option<&str>) -> Document {
        let count = self.kids.len() as i64;
        self.doc.objects.insert(
            self.pages_id,
            Object::Dictionary(dictionary! {
                "Type" => "Pages",
                "Kids" => self.kids,
                "Count" => count,
                "MediaBox" => vec![0.into(), 0.into(), (PAGE_WIDTH as f32).into(), (PAGE_HEIGHT as f32).into()],
            }),
        );
        let catalog_id = self.doc.add_object(dictionary! {
            "Type" => "Catalog",
            "Pages" => self.pages_id,
        });
        self.doc.trailer.set("Root", catalog_id);
        // A classic cross-reference table, as most word processors still write.
        self.doc.reference_table.cross_reference_type = lopdf::xref::XrefType::CrossReferenceTable;
        if let Some(title) = title {
            let info_id = self.doc.add_object(dictionary! {
                "Title" => lopdf::text_string(title),
                "Producer" => Object::string_literal("scrutineer pdfgen"),
            });
            self.doc.trailer.set("Info", info_id);
        }
        self.doc
    }
}

fn build(pages: &[Vec<Placed>], layout: &PdfLayout) -> Result<Document> {
    let mut sk = Skeleton::new();
    for page in pages {
        let content = Content {
            operations: text_operations(page, layout.operators),
        }
        .encode()
        .map_err(pdf_error)?;
        let resources = sk.resources();
        sk.add_page(content, resources);
    }
    Ok(sk.finish(layout.title.as_deref()))
}

fn save(doc: &mut Document) -> Result<Vec<u8>> {
    doc.compress();
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(pdf_error)?;
    Ok(out)
}

// ---------------------------------------------------------------------------------------------
// Broken and awkward PDFs, for hardening tests
// ---------------------------------------------------------------------------------------------

/// A scanned document: every page is one image, no text layer.
pub fn image_only_pdf(pages: u32) -> Result<Vec<u8>> {
    let mut sk = Skeleton::new();
    // A small grey gradient stands in for a scanned page.
    let pixels: Vec<u8> = (0..64u32 * 64).map(|i| (96 + (i % 64) * 2) as u8).collect();
    let image_id = sk.doc.add_object(Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Image",
            "Width" => 64,
            "Height" => 64,
            "ColorSpace" => "DeviceGray",
            "BitsPerComponent" => 8,
        },
        pixels,
    ));
    for _ in 0..pages.max(1) {
        let content = b"q 480 0 0 700 57 70 cm /Im1 Do Q".to_vec();
        let resources = dictionary! { "XObject" => dictionary! { "Im1" => image_id } };
        sk.add_page(content, resources);
    }
    let mut doc = sk.finish(None);
    save(&mut doc)
}

/// `text` as a PDF encrypted (RC4, 128-bit) with `user_password`. An empty user password gives
/// the common "copy-protected" PDF that opens without asking.
pub fn encrypted_pdf(text: &str, user_password: &str) -> Result<Vec<u8>> {
    let pages = paginate(text, &PdfLayout::default());
    let mut doc = build(&pages, &PdfLayout::default())?;
    let id = Object::String(b"scrutineer-fixed".to_vec(), StringFormat::Hexadecimal);
    doc.trailer.set("ID", vec![id.clone(), id]);
    let state = lopdf::EncryptionState::try_from(lopdf::EncryptionVersion::V2 {
        document: &doc,
        owner_password: "owner-secret",
        user_password,
        key_length: 128,
        permissions: lopdf::Permissions::PRINTABLE,
    })
    .map_err(pdf_error)?;
    doc.encrypt(&state).map_err(pdf_error)?;
    let mut out = Vec::new();
    doc.save_to(&mut out).map_err(pdf_error)?;
    Ok(out)
}

/// `text` as a PDF cut off part-way, as an interrupted download leaves it.
pub fn truncated_pdf(text: &str) -> Result<Vec<u8>> {
    let mut bytes = text_pdf(text, &PdfLayout::default())?;
    bytes.truncate(bytes.len() * 2 / 5);
    Ok(bytes)
}

/// `text` as a PDF whose cross-reference table points nowhere and whose `startxref` is wrong.
pub fn broken_xref_pdf(text: &str) -> Result<Vec<u8>> {
    let mut doc = build(
        &paginate(text, &PdfLayout::default()),
        &PdfLayout::default(),
    )?;
    let mut bytes = Vec::new();
    doc.save_to(&mut bytes).map_err(pdf_error)?;
    let Some(xref) = find(&bytes, b"\nxref") else {
        return Err(pdf_error("no cross-reference table written"));
    };
    // Every offset entry becomes nonsense, and startxref points past the end.
    let mut out = bytes[..xref].to_vec();
    let tail = String::from_utf8_lossy(&bytes[xref..]).into_owned();
    let mut broken = String::new();
    for line in tail.lines() {
        let entry = line.len() >= 18 && line.as_bytes()[..10].iter().all(u8::is_ascii_digit);
        if entry {
            broken.push_str(&format!("99999{}\n", &line[5..]));
        } else if line.trim().chars().all(|c| c.is_ascii_digit()) && !line.trim().is_empty() {
            broken.push_str("987654\n");
        } else {
            broken.push_str(line);
            broken.push('\n');
        }
    }
    out.extend_from_slice(broken.as_bytes());
    Ok(out)
}

fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack.windows(needle.len()).position(|w| w == needle)
}

/// A PDF whose page draws a form XObject that draws itself: readers that follow forms without
/// a guard recurse until the stack overflows. With `page_text`, the page also has that text
/// outside the form.
pub fn self_referencing_form_pdf(page_text: Option<&str>) -> Result<Vec<u8>> {
    let mut sk = Skeleton::new();
    let form_id = sk.doc.new_object_id();
    let form_content = b"q 0.9 0 0 0.9 5 5 cm /Fm1 Do Q".to_vec();
    let form = Stream::new(
        dictionary! {
            "Type" => "XObject",
            "Subtype" => "Form",
            "BBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
            "Resources" => dictionary! { "XObject" => dictionary! { "Fm1" => form_id } },
        },
        form_content,
    );
    sk.doc.objects.insert(form_id, Object::Stream(form));
    let mut ops = Vec::new();
    if let Some(text) = page_text {
        let pages = paginate(text, &PdfLayout::default());
        if let Some(first) = pages.first() {
            ops.extend(text_operations(first, TextOperators::Positioned));
        }
    }
    ops.push(Operation::new("Do", vec!["Fm1".into()]));
    let content = Content { operations: ops }.encode().map_err(pdf_error)?;
    let mut resources = sk.resources();
    resources.set("XObject", dictionary! { "Fm1" => form_id });
    sk.add_page(content, resources);
    let mut doc = sk.finish(None);
    save(&mut doc)
}

/// A PDF of `pages` short pages, each saying which page it is.
pub fn many_pages_pdf(pages: u32) -> Result<Vec<u8>> {
    let text: Vec<String> = (1..=pages.max(1))
        .map(|i| format!("This is page {i} of a long generated document about parking permits."))
        .collect();
    text_pdf(&text.join("\u{0C}"), &PdfLayout::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wrapping_respects_the_width() {
        let line = "word ".repeat(60);
        let lines = wrap(line.trim(), 200.0, 11.0);
        assert!(lines.len() > 5, "a long line wraps");
        assert!(
            lines.iter().all(|l| text_width(l, 11.0) <= 200.0),
            "no wrapped line is wider than the column"
        );
    }

    #[test]
    fn overflowing_text_continues_on_new_pages() {
        let text = (1..=150)
            .map(|i| format!("Line {i}"))
            .collect::<Vec<_>>()
            .join("\n");
        let pages = paginate(&text, &PdfLayout::default());
        assert!(pages.len() >= 3, "150 lines need several A4 pages");
        assert_eq!(
            pages.iter().map(Vec::len).sum::<usize>(),
            150,
            "every line is placed once"
        );
    }

    #[test]
    fn form_feeds_start_pages_and_placeholders_are_filled() {
        let layout = PdfLayout {
            footer: Some("Page {page} of {pages}".into()),
            ..PdfLayout::default()
        };
        let pages = paginate("One\u{0C}Two\u{0C}Three", &layout);
        assert_eq!(pages.len(), 3);
        assert_eq!(
            pages[1].last().map(|p| p.text.as_str()),
            Some("Page 2 of 3")
        );
    }

    #[test]
    fn win_ansi_keeps_pounds_and_quotes() {
        assert_eq!(
            win_ansi("£5 “x” – é"),
            b"\xA35 \x93x\x94 \x96 \xE9".to_vec()
        );
        assert_eq!(
            win_ansi("\u{4E2D}"),
            b"?".to_vec(),
            "characters outside the code page become ?"
        );
    }
}
