//! Theme patterns: the small language users write codebooks in.
//!
//! A pattern is one or more words. It matches whole words of a paragraph's key text
//! ([`super::keytext`]): case, apostrophes, hyphens and line breaks do not matter, so
//! `looked after child*` finds "Looked-After Children" and "looked after child". The syntax is
//! kept deliberately small so that anyone can read a codebook:
//!
//! - `word` matches that word only (`cin` does not match "cinema");
//! - `stem*` matches any word starting with the stem (`foster*`: foster, fostering, fosters);
//!   a stem needs three letters or more, so a pattern cannot match half the language;
//! - `two words` matches the words in sequence, joined by any whitespace or hyphens;
//! - a word written wholly in capitals (`SEND`, `IT`, `CIN`) matches only where the text has it
//!   in capitals: acronyms that are also ordinary words ("send a letter", "it is").
//!
//! Why not regular expressions? Users edit codebooks; a pattern they cannot read is a pattern
//! they cannot trust, and one catastrophic regex would slow every import.

use std::fmt;

use super::keytext::{is_word_byte, KeyText};

/// The shortest stem a `*` may follow.
pub const MIN_STEM: usize = 3;
/// The most words a pattern may have.
pub const MAX_WORDS: usize = 8;

/// A parsed pattern.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Pattern {
    words: Vec<Word>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct Word {
    /// Lower-case key form.
    text: String,
    /// Ends in `*`: matches any word starting with `text`.
    stem: bool,
    /// Written in capitals: matches only capitals.
    capitals: bool,
}

/// Why a pattern is not valid. Its message is shown to the person editing the codebook.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PatternError(pub String);

impl fmt::Display for PatternError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl Pattern {
    /// Parse a pattern as written in a codebook.
    pub fn parse(source: &str) -> Result<Pattern, PatternError> {
        let normalised = crate::normalize::normalize(source);
        let mut words = Vec::new();
        for raw in normalised.split(|c: char| c.is_whitespace() || c == '-') {
            if raw.is_empty() {
                continue;
            }
            let raw: String = raw.chars().filter(|&c| c != '\'').collect();
            let (body, stem) = match raw.strip_suffix('*') {
                Some(body) => (body, true),
                None => (raw.as_str(), false),
            };
            if body.contains('*') {
                return Err(PatternError(format!(
                    "\"{raw}\": `*` may only end a word (as in foster*)"
                )));
            }
            if let Some(bad) = body.chars().find(|c| !c.is_alphanumeric()) {
                return Err(PatternError(format!(
                    "\"{raw}\": `{bad}` is not allowed; patterns are words, spaces, hyphens and a trailing *"
                )));
            }
            if body.is_empty() {
                return Err(PatternError("a `*` needs a stem before it".to_string()));
            }
            if stem && body.chars().count() < MIN_STEM {
                return Err(PatternError(format!(
                    "\"{raw}\": a stem needs at least {MIN_STEM} letters, or it matches too much"
                )));
            }
            let letters: Vec<char> = body.chars().filter(|c| c.is_alphabetic()).collect();
            let capitals = letters.len() >= 2 && letters.iter().all(|c| c.is_uppercase());
            words.push(Word {
                text: body.to_lowercase(),
                stem,
                capitals,
            });
        }
        if words.is_empty() {
            return Err(PatternError("the pattern is empty".to_string()));
        }
        if words.len() > MAX_WORDS {
            return Err(PatternError(format!(
                "a pattern may have at most {MAX_WORDS} words"
            )));
        }
        Ok(Pattern { words })
    }

    /// The canonical spelling: lower case (capitals kept where they matter), single spaces.
    /// Two patterns that match the same text have the same canonical form.
    pub fn canonical(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if w.capitals {
                out.push_str(&w.text.to_uppercase());
            } else {
                out.push_str(&w.text);
            }
            if w.stem {
                out.push('*');
            }
        }
        out
    }

    /// The literal text every match starts with: the words up to and including the first stem.
    /// The automaton looks for this; [`Pattern::verify`] checks the rest.
    pub(crate) fn literal(&self) -> String {
        let mut out = String::new();
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            out.push_str(&w.text);
            if w.stem {
                break;
            }
        }
        out
    }

    /// Whether the pattern matches at key byte `start`; if so, the end of the match.
    pub(crate) fn verify(&self, text: &KeyText, start: usize) -> Option<usize> {
        let key = text.key.as_bytes();
        if start > 0 && is_word_byte(key[start - 1]) {
            return None;
        }
        let mut pos = start;
        for (i, w) in self.words.iter().enumerate() {
            if i > 0 {
                if key.get(pos) != Some(&b' ') {
                    return None;
                }
                pos += 1;
            }
            let word_start = pos;
            if !key[pos..].starts_with(w.text.as_bytes()) {
                return None;
            }
            pos += w.text.len();
            if w.stem {
                while pos < key.len() && is_word_byte(key[pos]) {
                    pos += 1;
                }
            } else if pos < key.len() && is_word_byte(key[pos]) {
                return None;
            }
            if w.capitals && !text.is_capitals(word_start, pos) {
                return None;
            }
        }
        Some(pos)
    }
}

/// Word prefixes every text a pattern matches must contain, for a full-text index to find
/// candidates before the pattern is checked: each word of the pattern up to its first
/// apostrophe (a search index splits "children's" into "children" and "s"), lower-cased. A
/// text matches the pattern only if it has every prefix at a word start, so the candidates
/// are a superset of the matches, except for text that spells a word with an apostrophe or
/// initialism dots the pattern does not have ("O'Brien" for `obrien`, "I.T." for `IT`).
pub fn prefilter_words(source: &str) -> Vec<String> {
    let normalised = crate::normalize::normalize(source);
    normalised
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter_map(|raw| {
            let word: String = raw
                .split(['\'', '`'])
                .next()
                .unwrap_or("")
                .trim_end_matches('*')
                .to_lowercase();
            (!word.is_empty() && word.chars().all(char::is_alphanumeric)).then_some(word)
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn finds(pattern: &str, text: &str) -> Vec<String> {
        let p = Pattern::parse(pattern).expect("test pattern parses");
        let k = KeyText::new(text);
        let lit = p.literal();
        let mut out = Vec::new();
        for (at, _) in k.key.match_indices(lit.as_str()) {
            if let Some(end) = p.verify(&k, at) {
                let (s, e) = k.to_original(at, end);
                out.push(text[s..e].to_string());
            }
        }
        out
    }

    #[test]
    fn stems_cover_inflections_and_words_stay_whole() {
        assert_eq!(
            finds("foster*", "Fostering, foster carers and fosters"),
            ["Fostering", "foster", "fosters"]
        );
        assert!(
            finds("cin", "a cinema trip").is_empty(),
            "a word pattern does not match inside a longer word"
        );
        assert!(
            finds("care", "childcare").is_empty(),
            "a pattern does not match the end of a longer word"
        );
    }

    #[test]
    fn phrases_cross_hyphens_and_line_breaks_but_not_punctuation() {
        assert_eq!(
            finds("looked after child*", "Looked-After\nChildren"),
            ["Looked-After\nChildren"]
        );
        assert!(
            finds("looked after", "was looked. After that").is_empty(),
            "a phrase does not run across a full stop"
        );
    }

    #[test]
    fn stems_may_stand_inside_a_phrase() {
        assert_eq!(
            finds("foster* carer*", "fostering carers"),
            ["fostering carers"]
        );
    }

    #[test]
    fn capitals_match_only_capitals() {
        assert_eq!(
            finds("SEND", "SEND reforms; we will send a letter"),
            ["SEND"]
        );
        assert_eq!(finds("send", "SEND and send").len(), 2);
    }

    #[test]
    fn bad_patterns_are_refused_with_a_reason() {
        for (bad, why) in [
            ("", "empty"),
            ("  - ", "empty"),
            ("fo*", "at least 3"),
            ("fos*ter", "only end a word"),
            ("cost (£)", "not allowed"),
            ("*", "stem before"),
        ] {
            let err = Pattern::parse(bad).expect_err("pattern is invalid");
            assert!(
                err.0.contains(why),
                "{bad:?} is refused because {why}: {err}"
            );
        }
    }

    #[test]
    fn prefilter_words_are_the_words_before_any_apostrophe() {
        assert_eq!(
            prefilter_words("Looked-After child*"),
            ["looked", "after", "child"]
        );
        assert_eq!(
            prefilter_words("children's trust"),
            ["children", "trust"],
            "an index splits children's at the apostrophe"
        );
    }

    #[test]
    fn canonical_form_ignores_spelling() {
        let a = Pattern::parse("Looked-After  child*").expect("parses");
        let b = Pattern::parse("looked after child*").expect("parses");
        assert_eq!(a.canonical(), b.canonical());
        assert_eq!(Pattern::parse("SEND").expect("parses").canonical(), "SEND");
        assert_eq!(
            Pattern::parse("children's trust")
                .expect("parses")
                .canonical(),
            "childrens trust"
        );
    }
}
