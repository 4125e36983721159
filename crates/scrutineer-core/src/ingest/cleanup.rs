//! Repairs for the quirks of text pulled out of PDFs.
//!
//! A PDF stores glyphs at positions, not text; extractors rebuild lines from the positions and
//! leave marks of the process: form feeds, trailing and doubled spaces, ligature glyphs (`ﬁ`),
//! words broken across lines with a hyphen ("recruit-" / "ment"), and rotated or letter-spaced
//! headings that come out one character per line. Extraction finds paragraphs by blank lines
//! and sentences by words, so these are repaired here, once, and paragraph breaks (blank lines)
//! are kept.
//!
//! Hyphens are treated with care: council minutes are full of real compounds ("in-house",
//! "co-opted", "long-term") that a line break can fall after. A line-end hyphen is removed only
//! when the document itself spells the joined word elsewhere, or when the second half is a
//! suffix that is not a word on its own ("-ment", "-tion"); otherwise the halves are joined and
//! the hyphen kept.

use std::collections::HashSet;

/// The words of a whole document, for deciding line-end hyphens.
#[derive(Debug, Default)]
pub struct Vocabulary {
    words: HashSet<String>,
    compounds: HashSet<String>,
}

impl Vocabulary {
    /// Collect the words of all pages.
    pub fn of<'a>(pages: impl IntoIterator<Item = &'a str>) -> Vocabulary {
        let mut v = Vocabulary::default();
        for page in pages {
            for line in page.lines() {
                // A line-end hyphenated fragment is not evidence of a compound.
                let line = line.trim_end();
                let body = line.strip_suffix('-').unwrap_or(line);
                for token in body.split_whitespace() {
                    let token = token.trim_matches(|c: char| !c.is_alphanumeric());
                    if token.contains('-') {
                        v.compounds.insert(token.to_lowercase());
                    }
                    for w in token.split(|c: char| !c.is_alphabetic()) {
                        if w.len() > 1 {
                            v.words.insert(w.to_lowercase());
                        }
                    }
                }
            }
        }
        v
    }
}

/// Second halves of broken words that are never words on their own.
const SUFFIXES: &[&str] = &[
    "tion", "tions", "sion", "sions", "ment", "ments", "ing", "ings", "ed", "ly", "ity", "ities",
    "ness", "ance", "ances", "ence", "ences", "ible", "able", "ation", "ations", "ure", "ures",
    "ise", "ised", "ize", "ized", "ally", "ive", "ives", "ous", "ious", "ial", "ual", "ship",
    "ships", "ward", "wards", "ically", "ement", "ements", "ency", "ancy", "ient", "ients",
];

/// Clean one page of extracted PDF text.
pub fn clean_page(text: &str, vocab: &Vocabulary) -> String {
    let text = text.replace('\u{0C}', "\n");
    let mut lines: Vec<String> = text
        .split('\n')
        .map(|l| tidy_line(&replace_ligatures(l)))
        .collect();
    join_single_character_runs(&mut lines);
    join_hyphenated(&mut lines, vocab);
    collapse_blank_lines(lines)
}

fn replace_ligatures(s: &str) -> String {
    if !s.chars().any(|c| ('\u{FB00}'..='\u{FB06}').contains(&c)) {
        return s.to_string();
    }
    let mut out = String::with_capacity(s.len() + 4);
    for c in s.chars() {
        match c {
            '\u{FB00}' => out.push_str("ff"),
            '\u{FB01}' => out.push_str("fi"),
            '\u{FB02}' => out.push_str("fl"),
            '\u{FB03}' => out.push_str("ffi"),
            '\u{FB04}' => out.push_str("ffl"),
            '\u{FB05}' | '\u{FB06}' => out.push_str("st"),
            c => out.push(c),
        }
    }
    out
}

/// Drop control characters and trailing spaces; collapse runs of spaces inside the line.
fn tidy_line(line: &str) -> String {
    let mut out = String::with_capacity(line.len());
    let mut leading = true;
    let mut spaces = 0usize;
    for c in line.chars() {
        if c.is_control() && c != '\t' {
            continue;
        }
        if c == ' ' {
            spaces += 1;
            if leading {
                out.push(' ');
            }
            continue;
        }
        if !leading && spaces > 0 {
            out.push(' ');
        }
        leading = false;
        spaces = 0;
        out.push(c);
    }
    if leading {
        // Only spaces: a blank line.
        out.clear();
    }
    out
}

/// Three or more consecutive lines of one letter each are one word set vertically or
/// letter-spaced by the extractor.
fn join_single_character_runs(lines: &mut Vec<String>) {
    let single = |l: &str| {
        let mut cs = l.trim().chars();
        matches!((cs.next(), cs.next()), (Some(c), None) if c.is_alphabetic())
    };
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    let mut i = 0;
    while i < lines.len() {
        let mut j = i;
        while j < lines.len() && single(&lines[j]) {
            j += 1;
        }
        if j - i >= 3 {
            out.push(lines[i..j].iter().map(|l| l.trim()).collect());
            i = j;
        } else {
            out.push(std::mem::take(&mut lines[i]));
            i += 1;
        }
    }
    *lines = out;
}

/// Join a word broken at a line end with a hyphen onto the first line.
fn join_hyphenated(lines: &mut [String], vocab: &Vocabulary) {
    for i in 0..lines.len().saturating_sub(1) {
        let Some(prefix) = hyphenated_tail(&lines[i]) else {
            continue;
        };
        let next = lines[i + 1].trim_start().to_string();
        let Some(first) = next.chars().next() else {
            continue;
        };
        if !first.is_lowercase() {
            continue;
        }
        let token_end = next.find(char::is_whitespace).unwrap_or(next.len());
        let token = &next[..token_end];
        let suffix: String = token.chars().take_while(|c| c.is_alphabetic()).collect();
        if suffix.is_empty() {
            continue;
        }
        let keep_hyphen = keep_hyphen(&prefix, &suffix, vocab);
        let rest = next[token_end..].trim_start().to_string();
        let line = &mut lines[i];
        if !keep_hyphen {
            line.pop();
        }
        line.push_str(token);
        lines[i + 1] = rest;
    }
}

/// The letters before a line-end hyphen ("recruit" of "… to recruit-"), when the line ends so.
fn hyphenated_tail(line: &str) -> Option<String> {
    let body = line.strip_suffix('-')?;
    let prefix: String = body
        .chars()
        .rev()
        .take_while(|c| c.is_alphabetic())
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    (prefix.chars().count() >= 2).then_some(prefix)
}

fn keep_hyphen(prefix: &str, suffix: &str, vocab: &Vocabulary) -> bool {
    let (p, s) = (prefix.to_lowercase(), suffix.to_lowercase());
    if vocab.compounds.contains(&format!("{p}-{s}")) {
        return true;
    }
    if vocab.words.contains(&format!("{p}{s}")) {
        return false;
    }
    !SUFFIXES.contains(&s.as_str())
}

/// At most one blank line in a row, none at the start or end of the page.
fn collapse_blank_lines(lines: Vec<String>) -> String {
    let mut out: Vec<String> = Vec::with_capacity(lines.len());
    for line in lines {
        let blank = line.trim().is_empty();
        if blank && out.last().is_none_or(|l| l.is_empty()) {
            continue;
        }
        out.push(if blank { String::new() } else { line });
    }
    while out.last().is_some_and(|l| l.is_empty()) {
        out.pop();
    }
    out.join("\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    proptest! {
        #[test]
        fn cleaning_never_panics_and_keeps_the_words(text in "(?s)[a-zA-Z \n\t\u{0C}\u{FB01}\u{FB02}\u{00A0}.,-]{0,400}") {
            let cleaned = clean(&text);
            prop_assert!(!cleaned.contains("\n\n\n"), "at most one blank line in a row");
            prop_assert!(!cleaned.contains('\x0C'), "form feeds are line breaks");
            let letters = |s: &str| s.chars().filter(|c| c.is_ascii_alphabetic()).count();
            let ligature_letters = text.chars().filter(|c| matches!(c, '\u{FB01}' | '\u{FB02}')).count() * 2;
            prop_assert_eq!(letters(&cleaned), letters(&text) + ligature_letters, "no letter is lost or invented");
        }
    }

    fn clean(text: &str) -> String {
        clean_page(text, &Vocabulary::of([text]))
    }

    #[test]
    fn cleanup_table() {
        let cases = [
            ("form feed", "Page one\u{0C}Page two", "Page one\nPage two"),
            (
                "doubled spaces",
                "The  Board   agreed  ",
                "The Board agreed",
            ),
            (
                "ligatures",
                "e\u{FB03}cient o\u{FB03}cers \u{FB02}ow",
                "efficient officers flow",
            ),
            (
                "suffix hyphen",
                "to improve recruit-\nment of staff",
                "to improve recruitment\nof staff",
            ),
            (
                "compound kept",
                "the in-\nhouse service",
                "the in-house\nservice",
            ),
            (
                "capital not joined",
                "Interim Director-\nChildren's Services",
                "Interim Director-\nChildren's Services",
            ),
            ("single letters", "D\nR\nA\nF\nT\nMinutes", "DRAFT\nMinutes"),
            ("two singles kept", "a\nb\nnext", "a\nb\nnext"),
            ("blank runs", "\n\nOne\n\n\n\nTwo\n\n", "One\n\nTwo"),
            ("control characters", "Re\u{1}solved", "Resolved"),
        ];
        for (name, input, want) in cases {
            assert_eq!(clean(input), want, "{name}");
        }
    }

    #[test]
    fn the_document_decides_a_broken_hyphen() {
        let text = "Care leavers need support with well-\nbeing.\n\nWellbeing is a priority.";
        assert!(
            clean(text).starts_with("Care leavers need support with wellbeing."),
            "a word the document spells whole is joined without its hyphen: {}",
            clean(text)
        );
        let text = "The decision-\nmaking was clear. Good decision-making matters.";
        assert!(
            clean(text).starts_with("The decision-making\n"),
            "{}",
            clean(text)
        );
    }
}
