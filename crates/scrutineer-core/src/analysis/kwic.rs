//! Keyword in context: every occurrence of a term or theme as a line with ~60 characters of
//! text either side, and the live preview of a draft pattern.
//!
//! Terms are read as patterns ([`super::pattern`]): whole words, case-insensitive on
//! normalised text, `stem*` allowed, so KWIC finds what a theme pattern would. Context is cut
//! from the *original* text at word boundaries and its whitespace collapsed to single spaces
//! (a line break inside the context would break the column layout).
//!
//! Input: the [`ParagraphRow`]s to search (standing paragraphs are skipped) and their
//! [`MeetingRow`]s for citations.

use std::collections::HashSet;

use super::matcher::ThemeMatcher;
use super::rows::{by_id, paragraph_evidence, MeetingRow, ParagraphRow};
use crate::model::{Codebook, KwicLine, PatternPreview};
use crate::{Error, Result};

/// Characters of context either side of the keyword.
pub const CONTEXT_CHARS: usize = 60;

/// What to look for.
#[derive(Debug, Clone, Copy)]
pub enum KwicQuery<'a> {
    /// A word, phrase or `stem*`, as in a codebook pattern.
    Term(&'a str),
    /// Every include pattern of a theme (after its excludes).
    Theme {
        codebook: &'a Codebook,
        theme_id: &'a str,
    },
}

/// Keyword-in-context lines for a term or theme, in paragraph order, at most `limit`.
pub fn kwic(
    query: KwicQuery<'_>,
    paragraphs: &[ParagraphRow],
    meetings: &[MeetingRow],
    limit: usize,
) -> Result<Vec<KwicLine>> {
    let matcher = match query {
        KwicQuery::Term(term) => ThemeMatcher::from_patterns("term", &[term.to_string()], &[])?,
        KwicQuery::Theme { codebook, theme_id } => {
            if !codebook.themes.iter().any(|t| t.id == theme_id) {
                return Err(Error::NotFound(format!("theme \"{theme_id}\"")));
            }
            ThemeMatcher::for_themes(codebook, &[theme_id.to_string()])?
        }
    };
    Ok(lines(&matcher, paragraphs, meetings, limit))
}

fn lines(
    matcher: &ThemeMatcher,
    paragraphs: &[ParagraphRow],
    meetings: &[MeetingRow],
    limit: usize,
) -> Vec<KwicLine> {
    let meetings = by_id(meetings);
    let mut out = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.standing) {
        for m in matcher.match_text(&p.text) {
            if out.len() >= limit {
                return out;
            }
            let (left, keyword, right) = context(&p.text, m.start, m.end, CONTEXT_CHARS);
            out.push(KwicLine {
                left,
                keyword,
                right,
                evidence: paragraph_evidence(meetings.get(&p.meeting_id).copied(), p),
            });
        }
    }
    out
}

/// The text around `start..end`: up to `chars` characters each side, cut back to a word
/// boundary, whitespace collapsed.
pub fn context(text: &str, start: usize, end: usize, chars: usize) -> (String, String, String) {
    let left_all = &text[..start];
    let right_all = &text[end..];
    let mut left_from = left_all
        .char_indices()
        .rev()
        .nth(chars.saturating_sub(1))
        .map_or(0, |(i, _)| i);
    if left_from > 0 {
        // Start at the next word, not in the middle of one.
        if let Some(space) = left_all[left_from..].find(char::is_whitespace) {
            left_from += space;
        }
    }
    let mut right_to = right_all
        .char_indices()
        .nth(chars)
        .map_or(right_all.len(), |(i, _)| i);
    if right_to < right_all.len() {
        if let Some(space) = right_all[..right_to].rfind(char::is_whitespace) {
            right_to = space;
        }
    }
    let squash = |s: &str| s.split_whitespace().collect::<Vec<_>>().join(" ");
    let mut left = squash(&left_all[left_from..]);
    if left_all[left_from..].ends_with(char::is_whitespace) && !left.is_empty() {
        left.push(' ');
    }
    let mut right = squash(&right_all[..right_to]);
    if right_all.starts_with(char::is_whitespace) && !right.is_empty() {
        right.insert(0, ' ');
    }
    (left, squash(&text[start..end]), right)
}

/// How a draft pattern would match: paragraphs and meetings it finds (standing paragraphs
/// skipped, as in theme statistics) and a few examples. An invalid pattern is an error that
/// says why, so the editor can show it while the user types.
pub fn preview_pattern(
    pattern: &str,
    paragraphs: &[ParagraphRow],
    meetings: &[MeetingRow],
    examples: usize,
) -> Result<PatternPreview> {
    let matcher = ThemeMatcher::from_patterns("preview", &[pattern.to_string()], &[]).map_err(
        |e| match e {
            Error::Invalid(m) => Error::Invalid(
                m.trim_start_matches("theme \"preview\": include ")
                    .to_string(),
            ),
            other => other,
        },
    )?;
    let mut found = 0u32;
    let mut in_meetings = HashSet::new();
    let mut matched: Vec<ParagraphRow> = Vec::new();
    for p in paragraphs.iter().filter(|p| !p.standing) {
        if matcher.covers(&p.text) {
            found += 1;
            in_meetings.insert(p.meeting_id);
            // Examples from different meetings first: the preview should show range.
            if matched.len() < examples && !matched.iter().any(|q| q.meeting_id == p.meeting_id) {
                matched.push(p.clone());
            }
        }
    }
    let mut examples_out = Vec::new();
    for p in &matched {
        examples_out.extend(lines(&matcher, std::slice::from_ref(p), meetings, 1));
    }
    Ok(PatternPreview {
        pattern: pattern.to_string(),
        paragraphs: found,
        meetings: in_meetings.len() as u32,
        examples: examples_out,
        capped: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn context_is_cut_at_word_boundaries_and_squashed() {
        let text = "alpha beta gamma delta\nepsilon KEY zeta eta theta iota kappa";
        let at = text.find("KEY").expect("has key");
        let (l, k, r) = context(text, at, at + 3, 12);
        assert_eq!(k, "KEY");
        assert_eq!(l, "epsilon ", "left context starts on a whole word");
        assert_eq!(r, " zeta eta", "right context ends on a whole word");
    }

    #[test]
    fn context_at_the_edges_is_whatever_there_is() {
        let (l, k, r) = context("KEY", 0, 3, 60);
        assert_eq!((l.as_str(), k.as_str(), r.as_str()), ("", "KEY", ""));
    }
}
