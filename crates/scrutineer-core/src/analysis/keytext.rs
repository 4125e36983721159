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
//! Every byte of the key text remembers the normalised byte it came from, and the normalised
//! text remembers the original, so a match in the key text is a byte range in the original
//! paragraph that a user can be shown.

use crate::normalize::Normalized;

/// A paragraph's key text and the maps back to the original text.
#[derive(Debug)]
pub(crate) struct KeyText {
    /// Lower-case words, single spaces where words were joined by whitespace or hyphens, `.`
    /// for any other character. Bytes >= 0x80 belong to non-ASCII letters and digits.
    pub key: String,
    /// `src[i]` is the byte offset in `norm.text` of the character key byte `i` came from.
    src: Vec<u32>,
    pub norm: Normalized,
}

/// True when a key-text byte is part of a word (key text holds no non-word characters outside
/// ASCII: those became `.`).
pub(crate) fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b >= 0x80
}

impl KeyText {
    /// Prepare `original` for matching.
    pub fn new(original: &str) -> KeyText {
        let norm = Normalized::new(original);
        let (key, src) = key_of(&norm.text);
        KeyText { key, src, norm }
    }

    /// The byte range in the original text of the key-text range `start..end` (non-empty).
    pub fn to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let (s, e) = self.to_norm(start, end);
        self.norm.span_to_original(s, e)
    }

    /// The byte range in the normalised text of the key-text range `start..end` (non-empty).
    pub fn to_norm(&self, start: usize, end: usize) -> (usize, usize) {
        if self.src.is_empty() || start >= end {
            return (0, 0);
        }
        let s = self.src[start.min(self.src.len() - 1)] as usize;
        let last = self.src[(end - 1).min(self.src.len() - 1)] as usize;
        let width = self.norm.text[last..]
            .chars()
            .next()
            .map_or(0, char::len_utf8);
        (s, last + width)
    }

    /// True when every letter of the original behind key range `start..end` is a capital.
    pub fn is_capitals(&self, start: usize, end: usize) -> bool {
        let (s, e) = self.to_norm(start, end);
        self.norm.text[s..e]
            .chars()
            .filter(|c| c.is_alphabetic())
            .all(char::is_uppercase)
    }
}

/// The key text of an already normalised text, with each key byte's source offset.
pub(crate) fn key_of(norm: &str) -> (String, Vec<u32>) {
    let mut key = String::with_capacity(norm.len());
    let mut src: Vec<u32> = Vec::with_capacity(norm.len());
    // Whether the last thing pushed was a separator space (runs collapse to one).
    let mut last_space = true;
    for (at, c) in norm.char_indices() {
        let at32 = at as u32;
        if c.is_ascii() {
            let b = c as u8;
            if b.is_ascii_alphanumeric() {
                key.push(b.to_ascii_lowercase() as char);
                src.push(at32);
                last_space = false;
            } else if b == b'\'' {
                // Dropped: "children's" and "childrens" are one word.
            } else if b == b'.' && initialism_dot(norm, at, &key) {
                // Dropped inside an initialism: "I.T." is "it", "S.E.N.D." is "send".
            } else if b.is_ascii_whitespace() || b == b'-' {
                if !last_space {
                    key.push(' ');
                    src.push(at32);
                    last_space = true;
                }
            } else {
                key.push('.');
                src.push(at32);
                last_space = false;
            }
        } else if c.is_alphanumeric() {
            for lc in c.to_lowercase() {
                let before = key.len();
                key.push(lc);
                src.extend(std::iter::repeat_n(at32, key.len() - before));
            }
            last_space = false;
        } else if c.is_whitespace() {
            if !last_space {
                key.push(' ');
                src.push(at32);
                last_space = true;
            }
        } else {
            key.push('.');
            src.push(at32);
            last_space = false;
        }
    }
    (key, src)
}

/// Whether the `.` at byte `at` of `norm` joins the letters of an initialism: it follows a
/// one-letter segment (the word so far is single letters joined by dots) and precedes a single
/// letter ("I.T.", "S.E.N.D.", "e.g."), not a longer word ("A.Smith", "No.5").
fn initialism_dot(norm: &str, at: usize, key: &str) -> bool {
    let before = key.as_bytes();
    let Some(&last) = before.last() else {
        return false;
    };
    if !last.is_ascii_alphabetic() {
        return false;
    }
    // The segment before the dot is one letter: the byte before it is not a letter or digit
    // of the same word, or it is a letter joined by an earlier dropped dot. Letters joined by
    // dropped dots sit directly next to each other in the key, so look at the source instead.
    let prev_src = norm[..at].chars().rev().nth(1);
    if prev_src.is_some_and(|c| c.is_alphanumeric()) {
        return false;
    }
    let mut next = norm[at + 1..].chars();
    matches!(next.next(), Some(c) if c.is_alphabetic())
        && !next.next().is_some_and(|c| c.is_alphanumeric())
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
    fn initialisms_lose_their_dots() {
        assert_eq!(KeyText::new("poor I.T. systems").key, "poor it. systems");
        assert_eq!(KeyText::new("S.E.N.D. and e.g. this").key, "send. and eg. this");
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
