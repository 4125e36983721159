//! The form of a paragraph that patterns are matched against, with a way back to the original.
//!
//! Minutes spell the same words many ways: "Looked-After", "looked after", "looked\nafter"
//! across a wrapped line, "children’s" with a curly apostrophe, "CHILDREN'S". Rather than make
//! every pattern cope with that, we match on a *key text* in which all of those are one form:
//!
//! - the text is first normalised ([`crate::normalize::Normalized`]: curly quotes, odd spaces
//!   and dashes, ligatures);
//! - letters and digits are lower-cased;
//! - apostrophes are dropped, so "children's", "childrens'" and "childrens" are one word;
//! - a run of whitespace and hyphens between words becomes one space, so "looked-after" is
//!   "looked after";
//! - every other character becomes `.`, a word boundary that phrases do not cross.
//!
//! Every byte of the key text remembers the original character it came from, so a match in
//! the key text is a byte range in the original paragraph that a user can be shown.

use crate::normalize::normalize;

/// A paragraph's key text and the map back to the original text.
#[derive(Debug)]
pub(crate) struct KeyText<'a> {
    /// Lower-case words, single spaces where words were joined by whitespace or hyphens, `.`
    /// for any other character. Bytes >= 0x80 belong to non-ASCII letters and digits.
    pub key: String,
    /// `src[i]` is the byte offset in `original` of the character key byte `i` came from.
    src: Vec<u32>,
    original: &'a str,
}

/// True when a key-text byte is part of a word (key text holds no non-word characters outside
/// ASCII: those became `.`).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl<'a> KeyText<'a> {
    /// Prepare `original` for matching.
    ///
    /// The key is built in one pass over the original text. ASCII characters, nearly all of
    /// any minutes, need no normalisation beyond what the key does anyway (whitespace kinds
    /// collapse, the backtick is an apostrophe, NUL goes); every other character goes through
    /// [`crate::normalize::normalize`], so typographic variants key exactly as they normalise,
    /// and the key maps straight back to the original without a second map.
    pub fn new(original: &'a str) -> KeyText<'a> {
        let mut b = Builder {
            key: String::with_capacity(original.len()),
            src: Vec::with_capacity(original.len()),
            last_space: true,
        };
        let mut buf = [0u8; 4];
        for (at, c) in original.char_indices() {
            if c.is_ascii() {
                b.push(original, at, c);
            } else {
                for n in normalize(c.encode_utf8(&mut buf)).chars() {
                    b.push(original, at, n);
                }
            }
        }
        KeyText {
            key: b.key,
            src: b.src,
            original,
        }
    }

    /// The byte range in the original text of the key-text range `start..end` (non-empty).
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        if self.src.is_empty() || start >= end {
            return (0, 0);
        }
        let s = self.src[start.min(self.src.len() - 1)] as usize;
        let last = self.src[(end - 1).min(self.src.len() - 1)] as usize;
        let width = self.original[last..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        (s, (last + width).max(s))
    }

    /// True when every letter of the original behind key range `start..end` is a capital.
    pub fn is_capitals(&self, start: usize, end: usize) -> bool {
        let (s, e) = self.to_original(start, end);
        normalize(&self.original[s..e])
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    }
}

struct Builder {
    key: String,
    src: Vec<u32>,
    /// Whether the last thing pushed was a separator space (runs collapse to one).
    last_space: bool,
}

impl Builder {
    /// Add normalised character `c`, which came from the original character at byte `at`.
    fn push(&mut self, original: &str, at: usize, c: char) {
        let at32 = u32::try_from(at).unwrap_or(u32::MAX);
        if c.is_ascii_alphanumeric() {
            self.key.push(c.to_ascii_lowercase());
            self.src.push(at32);
            self.last_space = false;
        } else if matches!(c, '\'' | '`' | '\0') {
            // Dropped: "children's" and "childrens" are one word.
        } else if c.is_whitespace() || c == '-' {
            if !self.last_space {
                self.key.push(' ');
                self.src.push(at32);
                self.last_space = true;
            }
        } else if c == '.'
            && original.as_bytes()[at] == b'.'
            && initialism_dot(original, at, &self.key)
        {
            // Dropped inside an initialism: "I.T." is "it", "S.E.N.D." is "send".
        } else if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                let before = self.key.len();
                self.key.push(lc);
                let width = self.key.len() - before;
                self.src.extend(std::iter::repeat_n(at32, width));
            }
            self.last_space = false;
        } else {
            self.key.push('.');
            self.src.push(at32);
            self.last_space = false;
        }
    }
}

/// Whether the `.` at byte `at` of `text` joins the letters of an initialism: it follows a
/// one-letter segment and precedes a single letter ("I.T.", "S.E.N.D.", "e.g."), not a
/// longer word ("A.Smith") or a number ("No.5").
fn initialism_dot(text: &str, at: usize, key: &str) -> bool {
    if !key.as_bytes().last().is_some_and(u8::is_ascii_alphabetic) {
        return false;
    }
    // The letter before the dot stands alone: no letter or digit right before it.
    if text[..at]
        .chars()
        .rev()
        .nth(1)
        .is_some_and(char::is_alphanumeric)
    {
        return false;
    }
    let mut next = text[at + 1..].chars();
    matches!(next.next(), Some(c) if c.is_alphabetic())
        && !next.next().is_some_and(char::is_alphanumeric)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spellings_of_one_phrase_share_a_key() {
        for text in [
            "Looked-After Children",
            "looked after  children",
            "looked\nafter children",
            "LOOKED \u{2013} AFTER children",
        ] {
            assert_eq!(
                KeyText::new(text).key,
                "looked after children",
                "hyphens, dashes, case and line breaks do not change the key of {text:?}"
            );
        }
    }

    #[test]
    fn apostrophes_vanish_and_punctuation_stays_a_boundary() {
        let k = KeyText::new("Children\u{2019}s trust. Board");
        assert_eq!(k.key, "childrens trust. board");
    }

    #[test]
    fn an_ellipsis_is_punctuation() {
        assert_eq!(KeyText::new("a\u{2026}b I\u{2026}T").key, "a...b i...t");
    }

    #[test]
    fn initialisms_lose_their_dots() {
        assert_eq!(KeyText::new("poor I.T. systems").key, "poor it. systems");
        assert_eq!(
            KeyText::new("S.E.N.D. and e.g. this").key,
            "send. and eg. this"
        );
        assert_eq!(KeyText::new("A.Smith No.5 end.").key, "a.smith no.5 end.");
    }

    #[test]
    fn key_ranges_map_back_to_the_original() {
        let original = "the \u{201C}Looked\u{2011}After\u{201D} cohort";
        let k = KeyText::new(original);
        let at = k.key.find("looked after").expect("key has the phrase");
        let (s, e) = k.to_original(at, at + "looked after".len());
        assert_eq!(&original[s..e], "Looked\u{2011}After");
    }

    #[test]
    fn capitals_are_read_from_the_original() {
        let k = KeyText::new("SEND and send");
        assert!(k.is_capitals(0, 4), "SEND is written in capitals");
        assert!(!k.is_capitals(9, 13), "send is not");
    }
}
