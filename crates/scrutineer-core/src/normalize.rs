//! Text normalisation for matching.
//!
//! Users see the original text; extraction, themes and search match on a normalised copy in
//! which typographic variants collapse to one form (no-break spaces to spaces, curly quotes to
//! straight ones, dashes to `-`, bullet characters to `•`, ligatures spelled out, soft hyphens and
//! zero-width characters dropped, CRLF to LF). [`Normalized`] keeps a map from every byte of the
//! normalised text back to the original, so a match found in one is a span in the other.

/// A normalised copy of a text with a byte map back to the original.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Normalized {
    /// The normalised text.
    pub text: String,
    /// `map[i]` is the byte offset in the original text of normalised byte `i`;
    /// `map[text.len()]` is the original's length.
    map: Vec<usize>,
}

impl Normalized {
    /// Normalise `original`.
    pub fn new(original: &str) -> Normalized {
        let mut text = String::with_capacity(original.len());
        let mut map = Vec::with_capacity(original.len() + 1);
        let mut chars = original.char_indices().peekable();
        while let Some((at, c)) = chars.next() {
            if c == '\r' {
                // CRLF and lone CR both become LF.
                if matches!(chars.peek(), Some((_, '\n'))) {
                    continue;
                }
                push(&mut text, &mut map, at, "\n");
                continue;
            }
            match replacement(c) {
                Some(rep) => push(&mut text, &mut map, at, rep),
                None => {
                    let mut buf = [0u8; 4];
                    push(&mut text, &mut map, at, c.encode_utf8(&mut buf));
                }
            }
        }
        map.push(original.len());
        Normalized { text, map }
    }

    /// The original byte offset of normalised byte offset `i` (clamped to the text's end).
    pub fn to_original(&self, i: usize) -> usize {
        self.map[i.min(self.map.len() - 1)]
    }

    /// The original byte range of the normalised range `start..end`.
    pub fn span_to_original(&self, start: usize, end: usize) -> (usize, usize) {
        let s = self.to_original(start);
        let e = if end == 0 { 0 } else { self.to_original(end) };
        (s, e.max(s))
    }
}

fn push(text: &mut String, map: &mut Vec<usize>, at: usize, s: &str) {
    text.push_str(s);
    map.extend(std::iter::repeat_n(at, s.len()));
}

/// The normalised form of a character, when it differs from the character itself.
fn replacement(c: char) -> Option<&'static str> {
    Some(match c {
        '\u{00A0}' | '\u{2000}'..='\u{200A}' | '\u{202F}' | '\u{205F}' | '\u{3000}' | '\t' => " ",
        '\u{00AD}' | '\u{200B}'..='\u{200D}' | '\u{2060}' | '\u{FEFF}' => "",
        '\u{2018}' | '\u{2019}' | '\u{201A}' | '\u{201B}' | '\u{2032}' | '\u{0060}'
        | '\u{00B4}' => "'",
        '\u{201C}' | '\u{201D}' | '\u{201E}' | '\u{201F}' | '\u{2033}' | '\u{00AB}'
        | '\u{00BB}' => "\"",
        '\u{2010}'..='\u{2015}' | '\u{2212}' | '\u{FE58}' | '\u{FE63}' | '\u{FF0D}' => "-",
        '\u{2022}' | '\u{00B7}' | '\u{2023}' | '\u{2043}' | '\u{2219}' | '\u{25AA}'
        | '\u{25AB}' | '\u{25CF}' | '\u{25CB}' | '\u{25E6}' | '\u{25A0}' | '\u{25A1}'
        | '\u{27A2}' | '\u{2756}' | '\u{F0B7}' | '\u{F0A7}' | '\u{F076}' | '\u{F0D8}'
        | '\u{F0FC}' => "•",
        '\u{FB00}' => "ff",
        '\u{FB01}' => "fi",
        '\u{FB02}' => "fl",
        '\u{FB03}' => "ffi",
        '\u{FB04}' => "ffl",
        '\u{2026}' => "...",
        '\u{000C}' | '\u{000B}' | '\u{2028}' | '\u{2029}' | '\u{0085}' => "\n",
        '\u{0000}' => "",
        _ => return None,
    })
}

/// Normalise a short string (a name, a title) without keeping the map.
pub fn normalize(s: &str) -> String {
    Normalized::new(s).text
}

/// Normalise and fold case and whitespace: the key two names are the same under.
pub fn fold(s: &str) -> String {
    let n = normalize(s).to_lowercase();
    n.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn typographic_variants_collapse() {
        let n = Normalized::new("Children\u{2019}s\u{00A0}Services \u{2013} \u{201C}front door\u{201D}\r\n\u{00B7} item");
        assert_eq!(n.text, "Children's Services - \"front door\"\n• item");
    }

    #[test]
    fn spans_map_back_to_the_original() {
        let original = "a\u{00A0}b \u{FB01}nance \u{2013} x";
        let n = Normalized::new(original);
        let at = n
            .text
            .find("finance")
            .expect("normalised text has the word");
        let (s, e) = n.span_to_original(at, at + "finance".len());
        assert_eq!(
            &original[s..e],
            "\u{FB01}nance",
            "a match maps back to the original bytes"
        );
        let (s, e) = n.span_to_original(n.text.len() - 1, n.text.len());
        assert_eq!(&original[s..e], "x");
    }

    #[test]
    fn fold_ignores_case_quotes_and_spacing() {
        assert_eq!(
            fold("Children\u{2019}s  Services\nBoard"),
            fold("children's services board")
        );
    }
}
