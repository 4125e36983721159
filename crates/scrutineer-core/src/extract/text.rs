//! The document as extraction sees it: the pages joined into one text, a normalised copy for
//! matching, and its lines, each knowing its page and its place in the original.
//!
//! Every extractor reads lines from here and reports spans through [`Doc::span`], so evidence
//! always points into the original text the user sees.

use std::collections::HashMap;
use std::sync::{LazyLock, OnceLock};

use regex::Regex;

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
    /// Running headers and footers ingest took out of the pages, as `(page, normalised text)`.
    /// They often name the council, the committee and the date, so metadata extractors read
    /// them as weak header evidence (they have no span: they are not in the page text).
    pub removed: Vec<(u32, String)>,
    /// [`Doc::header_end`], computed once.
    header_end: OnceLock<usize>,
    /// [`Doc::repeated_lines`], computed once.
    repeated: OnceLock<Vec<bool>>,
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
            removed: src
                .removed_lines
                .iter()
                .map(|r| (r.page, crate::normalize::normalize(r.text.trim())))
                .collect(),
            header_end: OnceLock::new(),
            repeated: OnceLock::new(),
        }
    }

    /// The raw normalised text of a line (markup included).
    pub fn line_raw(&self, line: &Line) -> &str {
        &self.norm.text[line.start..line.end]
    }

    /// A line as it stands in the original text, for its layout: normalising turns tabs into
    /// single spaces, and a tab is often all that separates a table's columns.
    pub fn line_layout(&self, line: &Line) -> std::borrow::Cow<'_, str> {
        let original = self.original_text(self.span(line.start, line.end));
        if original.contains('\t') {
            std::borrow::Cow::Owned(original.replace('\t', "    "))
        } else {
            std::borrow::Cow::Borrowed(self.line_raw(line))
        }
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

    /// The first line after the document's opening block: the title, council, committee, date,
    /// time and venue lines that precede the first agenda item or the first paragraph of prose.
    ///
    /// Metadata stated there is the document's own; the same words in the body are usually about
    /// something else (a previous meeting, another council). The block ends at the first line
    /// that is numbered like an agenda item, the first long sentence after the first line (a
    /// first line of prose, "A meeting of the X was held on…", is the header), the end of the
    /// first page, or after 40 lines of text, whichever comes first.
    pub fn header_end(&self) -> usize {
        *self.header_end.get_or_init(|| self.find_header_end())
    }

    fn find_header_end(&self) -> usize {
        let first_page = self.lines.first().map(|l| l.page).unwrap_or(1);
        let mut seen = 0usize;
        // A title sentence wrapped over lines ("Minutes of … held in the Council Chamber,
        // County" / "Buildings, … on Monday 20th November 2023 at 3.00 p.m.") is header to its end.
        let mut in_title = false;
        for (i, line) in self.lines.iter().enumerate() {
            if line.page != first_page {
                return i;
            }
            if line.is_blank() {
                in_title = false;
                continue;
            }
            seen += 1;
            let continues_title = in_title && !is_item_heading(&line.plain);
            if !continues_title
                && (seen > 40
                    || is_item_heading(&line.plain)
                    || (seen > 1 && is_prose(&line.plain) && !is_title_sentence(&line.plain)))
            {
                return i;
            }
            let title = is_title_sentence(&line.plain) || continues_title;
            in_title = title && !line.plain.ends_with('.');
        }
        self.lines.len()
    }

    /// For each line, whether the same text (ignoring case and spacing) stands on another line
    /// too: a running header or footer that ingest left in the text. Blank lines, very short
    /// and long lines are never counted as repeated.
    pub fn repeated_lines(&self) -> &[bool] {
        self.repeated.get_or_init(|| self.find_repeated_lines())
    }

    fn find_repeated_lines(&self) -> Vec<bool> {
        // `plain` is normalised with single spaces already: lower case is the only folding left.
        let key = |l: &Line| {
            let words = l.plain.split_whitespace().count();
            (2..=20).contains(&words).then(|| l.plain.to_lowercase())
        };
        let mut counts: HashMap<String, usize> = HashMap::new();
        for line in &self.lines {
            if let Some(k) = key(line) {
                *counts.entry(k).or_default() += 1;
            }
        }
        self.lines
            .iter()
            .map(|l| key(l).is_some_and(|k| counts.get(&k).copied().unwrap_or(0) > 1))
            .collect()
    }
}

/// Compile a pattern with ASCII word boundaries and digits (`\\b`, `\\d`, `\\w` as in ASCII).
///
/// The metadata patterns are English keywords, numbers and dates. With Unicode word boundaries
/// the regex engine's fast DFA gives up on any text holding a non-ASCII character (a "£", an
/// "é") and falls back to a much slower engine; ASCII boundaries keep whole-document scans fast.
pub(crate) fn ascii_regex(pattern: &str) -> Result<Regex, regex::Error> {
    let p = pattern
        .replace(r"\b", r"(?-u:\b)")
        .replace(r"\d", "[0-9]")
        .replace(r"\w", "[0-9A-Za-z_]")
        .replace(r"\W", "[^0-9A-Za-z_]");
    Regex::new(&p)
}

/// A line that opens an agenda item: `10/17 Minutes`, `A26/17 Apologies`, `15. Present:`,
/// `Item 4 - Budget`, `9.1 The Cabinet Member…`. A line that starts with a date or a time
/// (`14TH JANUARY 2014`, `24/04/2017`, `6.30 pm`) is not one.
pub(crate) fn is_item_heading(plain: &str) -> bool {
    static ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"^(?:(?i:item|minute|min\.?)\s+)?[A-Z]{0,3}\d{1,3}(?:[./]\d{1,3})?[.):]?\s+\S")
            .expect("item heading pattern is valid")
    });
    static NOT_ITEM: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?i)^\d{1,2}(?:st|nd|rd|th)?\.?\s*(?:day\s+of\s+)?(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|^\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}|^\d{1,2}(?:[.:]\d{2})?\s*(?:am|pm|a\.m|p\.m|noon|hrs)\b|^\d{4}\b|^\d{1,3}(?:,\d{3})*\s+(?-i:[a-z])",
        )
        .expect("date-line pattern is valid")
    });
    ITEM.is_match(plain) && !NOT_ITEM.is_match(plain)
}

/// A title line written as a sentence: "Minutes of the meeting of the Council held on …",
/// "A meeting of the Parish Council was held …". Long, but header, not prose.
pub(crate) fn is_title_sentence(plain: &str) -> bool {
    static TITLE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)^(?:(?:draft|approved|unconfirmed|confirmed)\s+)?(?:minutes?|notes|record)\s+of\b|^(?:an?\s+)?(?:(?:special|extraordinary|annual|ordinary|monthly|regular)\s+)*meeting\s+of\b")
            .expect("title sentence pattern is valid")
    });
    TITLE.is_match(plain)
}

/// The cells of a line laid out in columns (pdftotext `-layout`, a Word table saved as text):
/// the text between runs of three or more spaces or tabs.
pub(crate) fn cells(raw: &str) -> Vec<&str> {
    static GAP: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r" {3,}|\t+ *").expect("column gap pattern is valid"));
    GAP.split(raw.trim())
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .collect()
}

/// A line of running prose rather than a heading or a label: twenty words or more, or ten or
/// more ending with a full stop.
pub(crate) fn is_prose(plain: &str) -> bool {
    let words = plain.split_whitespace().count();
    words >= 20 || (words >= 10 && plain.ends_with('.'))
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
