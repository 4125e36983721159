//! The document as extraction sees it: the pages joined into one text, a normalised copy for
//! matching, and its lines, each knowing its page and its place in the original.
//!
//! Every extractor reads lines from here and reports spans through [`Doc::span`], so evidence
//! always points into the original text the user sees.

use crate::model::{SourceText, Span, PAGE_JOINER};
use crate::normalize::Normalized;

/// One line of the normalised text.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    /// Byte range in `Doc::norm.text`, without the line break.
    pub start: usize,
    pub end: usize,
    pub page: u32,
    /// The line with markup a converter may have left removed (Markdown `#` headings, `**bold**`,
    /// `__underline__`, `<u>…</u>` and other tags, leading `>` quotes) and outer whitespace trimmed.
    pub plain: String,
    /// Markup said this line is a heading (`#`), or it is wholly bold/underlined.
    pub emphasised: bool,
    /// Leading spaces before the text (a tab counts as four).
    pub indent: usize,
}

impl Line {
    /// True when the line has no visible text.
    pub fn is_blank(&self) -> bool {
        self.plain.is_empty()
    }
}

/// A document prepared for extraction.
#[derive(Debug, Clone)]
pub(crate) struct Doc {
    /// The pages' texts joined by [`PAGE_JOINER`]: the text spans index into.
    pub original: String,
    /// `original`, normalised, with a byte map back.
    pub norm: Normalized,
    /// Where each page starts in `norm.text`, and its number.
    pub pages: Vec<(usize, u32)>,
    pub lines: Vec<Line>,
    /// The title ingest found (HTML `<title>`, PDF metadata).
    pub title: Option<String>,
}

impl Doc {
    pub fn new(src: &SourceText) -> Doc {
        let mut original = String::new();
        let mut page_starts_original = Vec::with_capacity(src.pages.len());
        for (i, page) in src.pages.iter().enumerate() {
            if i > 0 {
                original.push_str(PAGE_JOINER);
            }
            page_starts_original.push((original.len(), page.number));
            original.push_str(&page.text);
        }
        if page_starts_original.is_empty() {
            page_starts_original.push((0, 1));
        }
        let norm = Normalized::new(&original);
        // Page starts in normalised offsets: the first normalised byte at or after each start.
        let mut pages = Vec::with_capacity(page_starts_original.len());
        let mut j = 0usize;
        for &(orig_start, number) in &page_starts_original {
            while j < norm.text.len() && norm.to_original(j) < orig_start {
                j += 1;
            }
            pages.push((j, number));
        }
        let mut lines = Vec::new();
        let mut start = 0usize;
        let text = &norm.text;
        for piece in text.split('\n') {
            let end = start + piece.len();
            let page = page_at(&pages, start);
            let (plain, emphasised) = strip_markup(piece);
            let indent = piece
                .chars()
                .take_while(|c| *c == ' ' || *c == '\t')
                .map(|c| if c == '\t' { 4 } else { 1 })
                .sum();
            lines.push(Line {
                start,
                end,
                page,
                plain,
                emphasised,
                indent,
            });
            start = end + 1;
        }
        Doc {
            original,
            norm,
            pages,
            lines,
            title: src.title.clone(),
        }
    }

    /// The raw normalised text of a line (markup included).
    pub fn line_raw(&self, line: &Line) -> &str {
        &self.norm.text[line.start..line.end]
    }

    /// The page a normalised offset falls on.
    pub fn page_at(&self, norm_offset: usize) -> u32 {
        page_at(&self.pages, norm_offset)
    }

    /// The original-text span of a normalised range.
    pub fn span(&self, norm_start: usize, norm_end: usize) -> Span {
        let (start, end) = self.norm.span_to_original(norm_start, norm_end);
        Span { start, end }
    }

    /// The original-text span of a run of lines (inclusive).
    pub fn lines_span(&self, first: usize, last: usize) -> Span {
        self.span(self.lines[first].start, self.lines[last].end)
    }

    /// The original text of a span.
    pub fn original_text(&self, span: Span) -> &str {
        self.original.get(span.start..span.end).unwrap_or("")
    }

    /// The normalised offset of an original offset: the first normalised byte that maps at or
    /// after it.
    pub fn norm_offset(&self, original: usize) -> usize {
        let (mut lo, mut hi) = (0usize, self.norm.text.len());
        while lo < hi {
            let mid = (lo + hi) / 2;
            if self.norm.to_original(mid) < original {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        lo
    }

    /// The index of the line holding a normalised offset.
    pub fn line_at(&self, norm_offset: usize) -> usize {
        match self.lines.binary_search_by(|l| l.start.cmp(&norm_offset)) {
            Ok(i) => i,
            Err(0) => 0,
            Err(i) => i - 1,
        }
    }
}

fn page_at(pages: &[(usize, u32)], norm_offset: usize) -> u32 {
    match pages.binary_search_by(|(start, _)| start.cmp(&norm_offset)) {
        Ok(i) => pages[i].1,
        Err(0) => pages.first().map(|p| p.1).unwrap_or(1),
        Err(i) => pages[i - 1].1,
    }
}

/// Remove the markup document converters leave in text: Markdown headings and emphasis, simple
/// HTML tags, block quotes. Returns the plain text and whether the line was marked as a heading
/// or wholly emphasised.
pub(crate) fn strip_markup(line: &str) -> (String, bool) {
    let mut s = line.trim();
    let mut emphasised = false;
    while let Some(rest) = s.strip_prefix('>') {
        s = rest.trim_start();
    }
    let hashes = s.chars().take_while(|c| *c == '#').count();
    if hashes > 0 && hashes <= 6 && s[hashes..].starts_with(' ') {
        s = s[hashes..].trim_start();
        emphasised = true;
    }
    // Drop simple tags like <u>, </u>, <b>, <br/>.
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        let after = &rest[lt + 1..];
        let close = after.find('>');
        let is_tag = close.is_some_and(|c| {
            let inner = &after[..c];
            !inner.is_empty()
                && inner.len() <= 12
                && inner
                    .trim_start_matches('/')
                    .chars()
                    .next()
                    .is_some_and(|c| c.is_ascii_alphabetic())
                && inner
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '/' || c == ' ')
        });
        if is_tag {
            out.push_str(&rest[..lt]);
            rest = &after[close.unwrap_or(0) + 1..];
        } else {
            out.push_str(&rest[..=lt]);
            rest = after;
        }
    }
    out.push_str(rest);
    // Markdown emphasis markers (** and __, and single * or _ hugging words).
    let whole = out.trim();
    if (whole.starts_with("**") && whole.ends_with("**") && whole.len() > 4)
        || (whole.starts_with("__") && whole.ends_with("__") && whole.len() > 4)
    {
        emphasised = true;
    }
    let cleaned = out.replace("**", "").replace("__", "");
    let cleaned = strip_single_emphasis(&cleaned);
    (
        cleaned.split_whitespace().collect::<Vec<_>>().join(" "),
        emphasised,
    )
}

/// Remove `*word*` / `_word_` emphasis without touching `*42` item numbers or snake_case.
fn strip_single_emphasis(s: &str) -> String {
    let t = s.trim();
    for m in ['*', '_'] {
        if t.len() > 2 && t.starts_with(m) && t.ends_with(m) && !t[1..].starts_with(' ') {
            return t[1..t.len() - 1].to_string();
        }
    }
    t.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{PageText, SourceText};

    fn two_pages() -> SourceText {
        let mut src = SourceText::from_plain("Alpha line\nBeta\u{00A0}line");
        src.pages.push(PageText {
            number: 2,
            text: "Gamma \u{2013} line".into(),
        });
        src
    }

    #[test]
    fn lines_know_their_page_and_original_span() {
        let doc = Doc::new(&two_pages());
        let gamma = doc
            .lines
            .iter()
            .find(|l| l.plain.starts_with("Gamma"))
            .expect("gamma line");
        assert_eq!(gamma.page, 2, "a line on the second page says page 2");
        assert_eq!(gamma.plain, "Gamma - line", "lines are normalised");
        let span = doc.span(gamma.start, gamma.end);
        assert_eq!(
            doc.original_text(span),
            "Gamma \u{2013} line",
            "spans point into the original text"
        );
    }

    #[test]
    fn markup_is_stripped() {
        assert_eq!(
            strip_markup("# **Education & Children's Services**"),
            ("Education & Children's Services".into(), true)
        );
        assert_eq!(
            strip_markup("15. <u>**Present:**</u> Councillors"),
            ("15. Present: Councillors".into(), false)
        );
        assert_eq!(strip_markup("*42 Budget"), ("*42 Budget".into(), false));
        assert_eq!(
            strip_markup("a < b and c > d"),
            ("a < b and c > d".into(), false)
        );
    }
}
