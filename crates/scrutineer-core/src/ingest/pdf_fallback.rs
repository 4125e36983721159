//! The fallback PDF text extractor, built on lopdf's content parser.
//!
//! pdf-extract is the primary extractor, but it returns almost nothing for some producers
//! (Ghostscript output among them) and fails whole pages on fonts it cannot size. lopdf's own
//! `extract_text` reads those, but it loses the layout: no blank lines between paragraphs, no
//! spaces between separately placed words, and extraction needs both. So this walks the content
//! stream itself with lopdf's font decoding, tracks where each string lands (text and graphics
//! matrices, glyph widths), and rebuilds lines, spaces and paragraph breaks from the positions,
//! with the same thresholds pdf-extract uses (a new line when the baseline moves, a blank line
//! when it moves more than one and a half times the font size).
//!
//! Form XObjects are followed with a guard: a form already being drawn is not entered again, and
//! nesting stops at [`MAX_FORM_DEPTH`], so a form that draws itself cannot recurse forever.

use std::collections::{HashMap, HashSet};

use lopdf::content::Content;
use lopdf::{Dictionary, Document, Encoding, Object, ObjectId};

/// How deep form XObjects may nest.
const MAX_FORM_DEPTH: usize = 16;

/// The text of one page, or why it could not be read.
pub fn page_text(doc: &Document, page_id: ObjectId) -> lopdf::Result<String> {
    let content = doc.get_page_content(page_id)?;
    let resources = page_resources(doc, page_id);
    let fonts = FontTable::collect(doc, &resources);
    let fonts = fonts.decoders(doc);
    let mut walker = Walker {
        doc,
        fonts: &fonts,
        out: Lines::default(),
        forms: Vec::new(),
    };
    walker.run(&content, &resources, IDENTITY)?;
    Ok(walker.out.finish())
}

/// True when a page draws text at all (fonts in its resources or text operators in its content).
pub fn page_has_text_operators(doc: &Document, page_id: ObjectId) -> bool {
    if doc.get_page_fonts(page_id).is_ok_and(|f| !f.is_empty()) {
        return true;
    }
    doc.get_page_content(page_id)
        .is_ok_and(|c| c.windows(2).any(|w| w == b"BT"))
}

type Matrix = [f64; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m × n` in PDF's row-vector convention.
fn mul(m: &Matrix, n: &Matrix) -> Matrix {
    [
        m[0] * n[0] + m[1] * n[2],
        m[0] * n[1] + m[1] * n[3],
        m[2] * n[0] + m[3] * n[2],
        m[2] * n[1] + m[3] * n[3],
        m[4] * n[0] + m[5] * n[2] + n[4],
        m[4] * n[1] + m[5] * n[3] + n[5],
    ]
}

fn translate(tx: f64, ty: f64) -> Matrix {
    [1.0, 0.0, 0.0, 1.0, tx, ty]
}

fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(i) => Some(*i as f64),
        Object::Real(r) => Some(f64::from(*r)),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: &'a Object) -> &'a Object {
    match o {
        Object::Reference(id) => doc.get_object(*id).unwrap_or(o),
        _ => o,
    }
}

fn dict_of<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

/// A page's resource dictionaries, nearest first (its own, then inherited ones).
fn page_resources(doc: &Document, page_id: ObjectId) -> Vec<&Dictionary> {
    let mut out = Vec::new();
    if let Ok((own, inherited)) = doc.get_page_resources(page_id) {
        out.extend(own);
        out.extend(
            inherited
                .into_iter()
                .filter_map(|id| doc.get_dictionary(id).ok()),
        );
    }
    out
}

fn lookup<'a>(
    doc: &'a Document,
    resources: &[&'a Dictionary],
    category: &[u8],
    name: &[u8],
) -> Option<&'a Object> {
    resources.iter().find_map(|r| {
        let cat = dict_of(doc, r.get(category).ok()?)?;
        cat.get(name).ok()
    })
}

/// The fonts a page can use (its own and its forms'), found before walking so their decoders
/// can borrow from one place.
struct FontTable<'a> {
    fonts: Vec<&'a Dictionary>,
    /// Copies of fonts that have both an `/Encoding` and a `/ToUnicode` map, without the
    /// former: lopdf prefers `/Encoding`, but producers that rename glyphs (Ghostscript's
    /// subset fonts) only make sense through `/ToUnicode`.
    unicode_only: Vec<Option<Dictionary>>,
}

impl<'a> FontTable<'a> {
    fn collect(doc: &'a Document, resources: &[&'a Dictionary]) -> FontTable<'a> {
        let mut fonts: Vec<&'a Dictionary> = Vec::new();
        let mut seen_forms: HashSet<ObjectId> = HashSet::new();
        let mut stack: Vec<&'a Dictionary> = resources.to_vec();
        while let Some(res) = stack.pop() {
            if let Some(font_dict) = res.get(b"Font").ok().and_then(|o| dict_of(doc, o)) {
                for (_, f) in font_dict.iter() {
                    if let Some(f) = dict_of(doc, f) {
                        if !fonts.iter().any(|g| std::ptr::eq(*g, f)) {
                            fonts.push(f);
                        }
                    }
                }
            }
            if let Some(xobjects) = res.get(b"XObject").ok().and_then(|o| dict_of(doc, o)) {
                for (_, x) in xobjects.iter() {
                    let Object::Reference(id) = x else { continue };
                    if !seen_forms.insert(*id) || seen_forms.len() > 1000 {
                        continue;
                    }
                    if let Ok(Object::Stream(s)) = doc.get_object(*id) {
                        if let Some(r) = s.dict.get(b"Resources").ok().and_then(|o| dict_of(doc, o))
                        {
                            stack.push(r);
                        }
                    }
                }
            }
        }
        let unicode_only = fonts
            .iter()
            .map(|f| {
                (f.has(b"Encoding") && f.has(b"ToUnicode")).then(|| {
                    let mut copy = (*f).clone();
                    copy.remove(b"Encoding");
                    copy
                })
            })
            .collect();
        FontTable {
            fonts,
            unicode_only,
        }
    }

    fn decoders<'t>(&'t self, doc: &'t Document) -> HashMap<usize, FontDecoder<'t>> {
        let mut out = HashMap::new();
        for (f, copy) in self.fonts.iter().zip(&self.unicode_only) {
            let source: &'t Dictionary = copy.as_ref().unwrap_or(f);
            out.insert(
                *f as *const Dictionary as usize,
                FontDecoder::new(doc, f, source),
            );
        }
        out
    }
}

/// How to turn a font's codes into text and widths.
struct FontDecoder<'a> {
    encoding: Option<Encoding<'a>>,
    two_byte: bool,
    /// Simple fonts: `FirstChar` and `Widths` (thousandths of the font size).
    first_char: i64,
    widths: Vec<f64>,
    /// CID fonts: widths by code, and the default.
    cid_widths: HashMap<u32, f64>,
    default_width: f64,
}

impl<'a> FontDecoder<'a> {
    fn new(doc: &'a Document, font: &'a Dictionary, source: &'a Dictionary) -> FontDecoder<'a> {
        let two_byte = font
            .get(b"Subtype")
            .and_then(Object::as_name)
            .is_ok_and(|s| s == b"Type0");
        let mut d = FontDecoder {
            encoding: source.get_font_encoding(doc).ok(),
            two_byte,
            first_char: font
                .get(b"FirstChar")
                .ok()
                .and_then(|o| num(deref(doc, o)))
                .unwrap_or(0.0) as i64,
            widths: Vec::new(),
            cid_widths: HashMap::new(),
            default_width: 500.0,
        };
        if let Some(Object::Array(ws)) = font.get(b"Widths").ok().map(|o| deref(doc, o)) {
            d.widths = ws
                .iter()
                .map(|w| num(deref(doc, w)).unwrap_or(0.0))
                .collect();
        }
        if two_byte {
            d.default_width = 1000.0;
            let descendant = font
                .get(b"DescendantFonts")
                .ok()
                .map(|o| deref(doc, o))
                .and_then(|o| o.as_array().ok())
                .and_then(|a| a.first())
                .and_then(|o| dict_of(doc, o));
            if let Some(cid) = descendant {
                if let Some(dw) = cid.get(b"DW").ok().and_then(|o| num(deref(doc, o))) {
                    d.default_width = dw;
                }
                if let Some(Object::Array(w)) = cid.get(b"W").ok().map(|o| deref(doc, o)) {
                    d.cid_widths = cid_widths(doc, w);
                }
            }
        }
        d
    }

    fn decode(&self, bytes: &[u8]) -> String {
        match &self.encoding {
            Some(e) => e.bytes_to_string(bytes).unwrap_or_else(|_| latin1(bytes)),
            None => latin1(bytes),
        }
    }

    /// Widths in thousandths of the font size, per code, and whether each code is a space.
    fn advances(&self, bytes: &[u8]) -> Vec<(f64, bool)> {
        if self.two_byte {
            bytes
                .chunks(2)
                .map(|c| {
                    let code = c.iter().fold(0u32, |a, b| a * 256 + u32::from(*b));
                    (
                        self.cid_widths
                            .get(&code)
                            .copied()
                            .unwrap_or(self.default_width),
                        false,
                    )
                })
                .collect()
        } else {
            bytes
                .iter()
                .map(|&b| {
                    let i = i64::from(b) - self.first_char;
                    let w = usize::try_from(i)
                        .ok()
                        .and_then(|i| self.widths.get(i))
                        .copied()
                        .filter(|w| *w > 0.0)
                        .unwrap_or(500.0);
                    (w, b == b' ')
                })
                .collect()
        }
    }
}

fn latin1(bytes: &[u8]) -> String {
    bytes
        .iter()
        .filter(|b| **b >= 0x20)
        .map(|&b| char::from(b))
        .collect()
}

/// A CID font's `/W` array: `c [w1 w2 …]` or `c_first c_last w`.
fn cid_widths(doc: &Document, w: &[Object]) -> HashMap<u32, f64> {
    let mut out = HashMap::new();
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(deref(doc, &w[i])) else {
            break;
        };
        match w.get(i + 1).map(|o| deref(doc, o)) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = num(deref(doc, v)) {
                        out.insert(first as u32 + k as u32, v);
                    }
                }
                i += 2;
            }
            Some(last) => {
                let (Some(last), Some(v)) =
                    (num(last), w.get(i + 2).and_then(|o| num(deref(doc, o))))
                else {
                    break;
                };
                let (first, last) = (first as u32, last as u32);
                if last >= first && last - first < 65536 {
                    for code in first..=last {
                        out.insert(code, v);
                    }
                }
                i += 3;
            }
            None => break,
        }
    }
    out
}

/// Text and graphics state while walking a content stream.
#[derive(Clone)]
struct State {
    ctm: Matrix,
    tm: Matrix,
    tlm: Matrix,
    font: Option<usize>,
    size: f64,
    leading: f64,
    char_spacing: f64,
    word_spacing: f64,
    scale: f64,
    rise: f64,
}

struct Walker<'a, 'f> {
    doc: &'a Document,
    fonts: &'f HashMap<usize, FontDecoder<'f>>,
    out: Lines,
    /// Forms being drawn, outermost first.
    forms: Vec<ObjectId>,
}

impl<'a> Walker<'a, '_> {
    fn run(
        &mut self,
        content: &[u8],
        resources: &[&'a Dictionary],
        ctm: Matrix,
    ) -> lopdf::Result<()> {
        let content = Content::decode(content)?;
        let mut st = State {
            ctm,
            tm: IDENTITY,
            tlm: IDENTITY,
            font: None,
            size: 0.0,
            leading: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            scale: 1.0,
            rise: 0.0,
        };
        let mut saved: Vec<State> = Vec::new();
        for op in &content.operations {
            let args = &op.operands;
            let n = |i: usize| args.get(i).and_then(num).unwrap_or(0.0);
            match op.operator.as_str() {
                "q" => saved.push(st.clone()),
                "Q" => {
                    if let Some(s) = saved.pop() {
                        st = s;
                    }
                }
                "cm" if args.len() == 6 => {
                    st.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &st.ctm)
                }
                "BT" => {
                    st.tm = IDENTITY;
                    st.tlm = IDENTITY;
                }
                "Tf" => {
                    st.size = n(1);
                    st.font = args
                        .first()
                        .and_then(|o| o.as_name().ok())
                        .and_then(|name| lookup(self.doc, resources, b"Font", name))
                        .and_then(|o| dict_of(self.doc, o))
                        .map(|d| d as *const Dictionary as usize);
                }
                "TL" => st.leading = n(0),
                "Tc" => st.char_spacing = n(0),
                "Tw" => st.word_spacing = n(0),
                "Tz" => st.scale = n(0) / 100.0,
                "Ts" => st.rise = n(0),
                "Td" => {
                    st.tlm = mul(&translate(n(0), n(1)), &st.tlm);
                    st.tm = st.tlm;
                }
                "TD" => {
                    st.leading = -n(1);
                    st.tlm = mul(&translate(n(0), n(1)), &st.tlm);
                    st.tm = st.tlm;
                }
                "Tm" if args.len() == 6 => {
                    st.tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    st.tm = st.tlm;
                }
                "T*" => self.next_line(&mut st),
                "Tj" => {
                    if let Some(Object::String(bytes, _)) = args.first() {
                        self.show(&mut st, bytes);
                    }
                }
                "'" => {
                    self.next_line(&mut st);
                    if let Some(Object::String(bytes, _)) = args.first() {
                        self.show(&mut st, bytes);
                    }
                }
                "\"" => {
                    st.word_spacing = n(0);
                    st.char_spacing = n(1);
                    self.next_line(&mut st);
                    if let Some(Object::String(bytes, _)) = args.get(2) {
                        self.show(&mut st, bytes);
                    }
                }
                "TJ" => {
                    if let Some(Object::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Object::String(bytes, _) => self.show(&mut st, bytes),
                                other => {
                                    if let Some(k) = num(other) {
                                        let tx = -k / 1000.0 * st.size * st.scale;
                                        st.tm = mul(&translate(tx, 0.0), &st.tm);
                                        // A gap of a fifth of the font size or more is a word space.
                                        if k < -200.0 {
                                            self.out.gap();
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
                "Do" => {
                    if let Some(name) = args.first().and_then(|o| o.as_name().ok()) {
                        self.form(&st, resources, name)?;
                    }
                }
                _ => {}
            }
        }
        Ok(())
    }

    fn next_line(&mut self, st: &mut State) {
        st.tlm = mul(&translate(0.0, -st.leading), &st.tlm);
        st.tm = st.tlm;
    }

    fn show(&mut self, st: &mut State, bytes: &[u8]) {
        let Some(font) = st.font.and_then(|f| self.fonts.get(&f)) else {
            return;
        };
        let trm = mul(
            &[st.size * st.scale, 0.0, 0.0, st.size, 0.0, st.rise],
            &mul(&st.tm, &st.ctm),
        );
        let font_size = (trm[0] * trm[3] - trm[1] * trm[2]).abs().sqrt();
        let text = font.decode(bytes);
        let mut advance = 0.0;
        for (w, space) in font.advances(bytes) {
            advance += (w / 1000.0 * st.size
                + st.char_spacing
                + if space { st.word_spacing } else { 0.0 })
                * st.scale;
        }
        let start = (trm[4], trm[5]);
        st.tm = mul(&translate(advance, 0.0), &st.tm);
        let end = mul(
            &[st.size * st.scale, 0.0, 0.0, st.size, 0.0, st.rise],
            &mul(&st.tm, &st.ctm),
        );
        self.out.put(start.0, start.1, end[4], font_size, &text);
    }

    fn form(&mut self, st: &State, resources: &[&'a Dictionary], name: &[u8]) -> lopdf::Result<()> {
        let Some(Object::Reference(id)) = lookup(self.doc, resources, b"XObject", name) else {
            return Ok(());
        };
        if self.forms.contains(id) || self.forms.len() >= MAX_FORM_DEPTH {
            return Ok(());
        }
        let Ok(Object::Stream(stream)) = self.doc.get_object(*id) else {
            return Ok(());
        };
        if stream.dict.get(b"Subtype").and_then(Object::as_name).ok() != Some(b"Form".as_slice()) {
            return Ok(());
        }
        let matrix = match stream.dict.get(b"Matrix") {
            Ok(Object::Array(m)) if m.len() == 6 => {
                let v: Vec<f64> = m.iter().map(|o| num(o).unwrap_or(0.0)).collect();
                [v[0], v[1], v[2], v[3], v[4], v[5]]
            }
            _ => IDENTITY,
        };
        let content = stream
            .decompressed_content()
            .unwrap_or_else(|_| stream.content.clone());
        let mut form_resources: Vec<&'a Dictionary> = Vec::new();
        if let Some(own) = stream
            .dict
            .get(b"Resources")
            .ok()
            .and_then(|o| dict_of(self.doc, o))
        {
            form_resources.push(own);
        }
        form_resources.extend_from_slice(resources);
        self.forms.push(*id);
        let result = self.run(&content, &form_resources, mul(&matrix, &st.ctm));
        self.forms.pop();
        result
    }
}

/// Rebuilds lines from positioned strings.
#[derive(Default)]
struct Lines {
    text: String,
    last: Option<(f64, f64, f64)>,
    /// A word gap was seen since the last string (a large `TJ` adjustment).
    gap: bool,
}

impl Lines {
    fn gap(&mut self) {
        self.gap = true;
    }

    fn put(&mut self, x: f64, y: f64, end_x: f64, size: f64, s: &str) {
        if s.is_empty() {
            return;
        }
        let size = if size > 0.1 { size } else { 10.0 };
        if let Some((last_y, last_end, last_size)) = self.last {
            let dy = (y - last_y).abs();
            let height = size.max(last_size);
            if dy > height * 1.5 {
                self.text.push_str("\n\n");
            } else if dy > height * 0.5 {
                self.text.push('\n');
            } else if (self.gap || x > last_end + size * 0.1)
                && !self.text.ends_with([' ', '\n'])
                && !s.starts_with(' ')
            {
                self.text.push(' ');
            }
        }
        self.text.push_str(s);
        self.gap = false;
        self.last = Some((y, end_x, size));
    }

    fn finish(self) -> String {
        self.text
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use lopdf::{dictionary, Stream};

    /// A one-page document drawing `content` with Helvetica as `/F1`, and optionally a form.
    fn page_with(content: &str, form: Option<&str>) -> (Document, ObjectId) {
        let mut doc = Document::with_version("1.5");
        let pages_id = doc.new_object_id();
        let font = doc.add_object(dictionary! {
            "Type" => "Font", "Subtype" => "Type1", "BaseFont" => "Helvetica", "Encoding" => "WinAnsiEncoding",
        });
        let mut resources = dictionary! { "Font" => dictionary! { "F1" => font } };
        if let Some(form) = form {
            let form_id = doc.new_object_id();
            let stream = Stream::new(
                dictionary! {
                    "Type" => "XObject", "Subtype" => "Form",
                    "Resources" => dictionary! { "Font" => dictionary! { "F1" => font }, "XObject" => dictionary! { "Fx" => form_id } },
                },
                form.as_bytes().to_vec(),
            );
            doc.objects.insert(form_id, Object::Stream(stream));
            resources.set("XObject", dictionary! { "Fx" => form_id });
        }
        let contents = doc.add_object(Stream::new(dictionary! {}, content.as_bytes().to_vec()));
        let page = doc.add_object(dictionary! {
            "Type" => "Page", "Parent" => pages_id, "Contents" => contents, "Resources" => resources,
            "MediaBox" => vec![0.into(), 0.into(), 595.into(), 842.into()],
        });
        doc.objects.insert(
            pages_id,
            Object::Dictionary(
                dictionary! { "Type" => "Pages", "Kids" => vec![page.into()], "Count" => 1 },
            ),
        );
        let catalog = doc.add_object(dictionary! { "Type" => "Catalog", "Pages" => pages_id });
        doc.trailer.set("Root", catalog);
        (doc, page)
    }

    #[test]
    fn lines_spaces_and_paragraphs_come_from_positions() {
        let content = "BT /F1 12 Tf 72 700 Td [(Coun) 20 (cil)] TJ ( met) Tj ET \
                       BT /F1 12 Tf 72 686 Td [(The) -500 (board)] TJ ET \
                       BT /F1 12 Tf 72 650 Td (Item) Tj 40 0 Td (two) Tj ET \
                       BT /F1 12 Tf 14 TL 72 600 Td (first) Tj (second) ' ET";
        let (doc, page) = page_with(content, None);
        let text = page_text(&doc, page).expect("readable");
        assert_eq!(text, "Council met\nThe board\n\nItem two\n\nfirst\nsecond");
    }

    #[test]
    fn a_form_that_draws_itself_is_drawn_once() {
        let (doc, page) = page_with(
            "BT /F1 12 Tf 72 700 Td (Outside) Tj ET /Fx Do",
            Some("BT /F1 12 Tf 72 650 Td (Inside) Tj ET /Fx Do"),
        );
        let text = page_text(&doc, page).expect("readable");
        assert_eq!(
            text, "Outside\n\nInside",
            "the form's text appears once; the recursion stops"
        );
        assert!(page_has_text_operators(&doc, page));
    }
}
