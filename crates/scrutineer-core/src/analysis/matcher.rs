//! Finding a codebook's themes in paragraphs, explainably and fast.
//!
//! A [`ThemeMatcher`] compiles every include and exclude pattern of every theme into one
//! Aho-Corasick automaton over the patterns' literal starts, so a paragraph is scanned once
//! whatever the size of the codebook; each candidate is then checked word by word
//! ([`Pattern::verify`]). Each match says which theme, which pattern as the user wrote it, and
//! where: a byte range in the *original* paragraph text, so the UI can highlight it.
//!
//! **Excludes suppress overlapping matches only.** An exclude pattern of a theme removes that
//! theme's include matches that overlap it, not the whole paragraph: in "a work placement for
//! a care leaver, and two foster placements", `work placement*` silences the first "placement"
//! but the second still counts. A paragraph-wide veto would lose real evidence whenever two
//! senses share a paragraph, which in minutes is often.
//!
//! When two patterns of one theme match overlapping text ("foster*" and "foster carer*" on
//! "foster carers"), the longer match is kept: it is the more specific explanation.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};

use super::keytext::KeyText;
use super::pattern::Pattern;
use crate::model::{Codebook, ThemeMatch};
use crate::{Error, Result};

/// A compiled codebook.
#[derive(Debug, Clone)]
pub struct ThemeMatcher {
    theme_ids: Vec<String>,
    patterns: Vec<Compiled>,
    automaton: Option<AhoCorasick>,
    /// For each automaton literal, the patterns that start with it.
    by_literal: Vec<Vec<usize>>,
}

#[derive(Debug, Clone)]
struct Compiled {
    theme: usize,
    exclude: bool,
    /// As written in the codebook: what a user sees as the reason for a match.
    source: String,
    pattern: Pattern,
}

/// A match by index, for callers that store matches (the library): the theme (an index into
/// [`ThemeMatcher::theme_ids`]), the pattern (see [`ThemeMatcher::pattern_source`]) and the
/// byte range in the original text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct IndexedMatch {
    pub theme: usize,
    pub pattern: usize,
    pub start: usize,
    pub end: usize,
}

/// A raw match in key-text coordinates.
#[derive(Debug, Clone, Copy)]
struct Hit {
    pattern: usize,
    start: usize,
    end: usize,
}

impl ThemeMatcher {
    /// Compile every theme of a codebook. Fails, naming the theme and pattern, when a pattern
    /// is invalid.
    pub fn new(codebook: &Codebook) -> Result<ThemeMatcher> {
        ThemeMatcher::build(codebook, |_| true)
    }

    /// Compile only the themes in `theme_ids`: re-applying a changed codebook re-matches only
    /// the themes whose patterns changed (see [`super::codebook::diff`]).
    pub fn for_themes(codebook: &Codebook, theme_ids: &[String]) -> Result<ThemeMatcher> {
        ThemeMatcher::build(codebook, |id| theme_ids.iter().any(|t| t == id))
    }

    /// A matcher for loose patterns, as one theme with id `theme_id` (pattern previews, KWIC).
    pub fn from_patterns(
        theme_id: &str,
        include: &[String],
        exclude: &[String],
    ) -> Result<ThemeMatcher> {
        let codebook = Codebook {
            name: String::new(),
            themes: vec![crate::model::Theme {
                id: theme_id.to_string(),
                label: theme_id.to_string(),
                description: String::new(),
                group: String::new(),
                include: include.to_vec(),
                exclude: exclude.to_vec(),
            }],
        };
        ThemeMatcher::new(&codebook)
    }

    fn build(codebook: &Codebook, keep: impl Fn(&str) -> bool) -> Result<ThemeMatcher> {
        let mut theme_ids = Vec::new();
        let mut patterns = Vec::new();
        for theme in codebook.themes.iter().filter(|t| keep(&t.id)) {
            let index = theme_ids.len();
            theme_ids.push(theme.id.clone());
            let lists = [(false, &theme.include), (true, &theme.exclude)];
            for (exclude, list) in lists {
                for source in list {
                    let pattern = Pattern::parse(source).map_err(|e| {
                        Error::Invalid(format!(
                            "theme \"{}\": {} pattern \"{source}\": {e}",
                            theme.id,
                            if exclude { "exclude" } else { "include" }
                        ))
                    })?;
                    patterns.push(Compiled {
                        theme: index,
                        exclude,
                        source: source.clone(),
                        pattern,
                    });
                }
            }
        }
        let mut literals: Vec<String> = Vec::new();
        let mut by_literal: Vec<Vec<usize>> = Vec::new();
        let mut literal_index: HashMap<String, usize> = HashMap::new();
        for (i, c) in patterns.iter().enumerate() {
            let lit = c.pattern.literal();
            let at = *literal_index.entry(lit.clone()).or_insert_with(|| {
                literals.push(lit);
                by_literal.push(Vec::new());
                literals.len() - 1
            });
            by_literal[at].push(i);
        }
        let automaton = if literals.is_empty() {
            None
        } else {
            // A DFA is fastest; a very large user codebook may exceed its size limit, and then
            // the builder's own choice (a compact NFA) still works.
            let build = |kind| {
                AhoCorasickBuilder::new()
                    .match_kind(MatchKind::Standard)
                    .kind(kind)
                    .build(&literals)
            };
            let automaton = build(Some(AhoCorasickKind::DFA))
                .or_else(|_| build(None))
                .map_err(|e| Error::Invalid(format!("cannot compile the codebook: {e}")))?;
            Some(automaton)
        };
        Ok(ThemeMatcher {
            theme_ids,
            patterns,
            automaton,
            by_literal,
        })
    }

    /// The ids of the themes this matcher finds, in codebook order.
    pub fn theme_ids(&self) -> &[String] {
        &self.theme_ids
    }

    /// Every theme match in a paragraph, after excludes, in text order. Offsets are byte
    /// offsets into `text` as given (not normalised).
    pub fn match_text(&self, text: &str) -> Vec<ThemeMatch> {
        let key = KeyText::new(text);
        let kept = self.matches_in_key(&key);
        kept.into_iter()
            .map(|h| {
                let (start, end) = key.to_original(h.start, h.end);
                let c = &self.patterns[h.pattern];
                ThemeMatch {
                    theme_id: self.theme_ids[c.theme].clone(),
                    pattern: c.source.clone(),
                    start,
                    end,
                }
            })
            .collect()
    }

    /// Every theme match in a paragraph, as [`ThemeMatcher::match_text`] finds them, by index
    /// rather than by name: no strings are copied.
    pub fn match_indexed(&self, text: &str) -> Vec<IndexedMatch> {
        let key = KeyText::new(text);
        self.matches_in_key(&key)
            .into_iter()
            .map(|h| {
                let (start, end) = key.to_original(h.start, h.end);
                IndexedMatch {
                    theme: self.patterns[h.pattern].theme,
                    pattern: h.pattern,
                    start,
                    end,
                }
            })
            .collect()
    }

    /// A pattern as written in the codebook, by the index an [`IndexedMatch`] carries.
    pub fn pattern_source(&self, pattern: usize) -> &str {
        self.patterns.get(pattern).map_or("", |c| c.source.as_str())
    }

    /// The themes found in a paragraph (indices into [`ThemeMatcher::theme_ids`]), each once.
    /// Cheaper than [`ThemeMatcher::match_text`] when positions are not needed.
    pub fn themes_in(&self, text: &str) -> Vec<usize> {
        let key = KeyText::new(text);
        let mut themes: Vec<usize> = self
            .matches_in_key(&key)
            .into_iter()
            .map(|h| self.patterns[h.pattern].theme)
            .collect();
        themes.sort_unstable();
        themes.dedup();
        themes
    }

    /// Whether any include pattern matches `text` (after excludes).
    pub fn covers(&self, text: &str) -> bool {
        !self.matches_in_key(&KeyText::new(text)).is_empty()
    }

    /// Include hits that survive excludes and overlap pruning, in key coordinates, sorted.
    fn matches_in_key(&self, key: &KeyText) -> Vec<Hit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let mut includes: Vec<Hit> = Vec::new();
        let mut excludes: Vec<Hit> = Vec::new();
        for m in automaton.find_overlapping_iter(key.key.as_str()) {
            for &pi in &self.by_literal[m.pattern().as_usize()] {
                let c = &self.patterns[pi];
                if let Some(end) = c.pattern.verify(key, m.start()) {
                    let hit = Hit {
                        pattern: pi,
                        start: m.start(),
                        end,
                    };
                    if c.exclude {
                        excludes.push(hit);
                    } else {
                        includes.push(hit);
                    }
                }
            }
        }
        if includes.is_empty() {
            return includes;
        }
        let theme_of = |h: &Hit| self.patterns[h.pattern].theme;
        includes.retain(|h| {
            !excludes
                .iter()
                .any(|x| theme_of(x) == theme_of(h) && x.start < h.end && h.start < x.end)
        });
        // Of overlapping matches of one theme, keep the longest (then the earliest pattern).
        includes.sort_by(|a, b| {
            theme_of(a)
                .cmp(&theme_of(b))
                .then(a.start.cmp(&b.start))
                .then((b.end - b.start).cmp(&(a.end - a.start)))
                .then(a.pattern.cmp(&b.pattern))
        });
        let mut kept: Vec<Hit> = Vec::with_capacity(includes.len());
        for h in includes {
            match kept.last() {
                Some(k) if theme_of(k) == theme_of(&h) && h.start < k.end => {
                    if h.end - h.start > k.end - k.start {
                        if let Some(last) = kept.last_mut() {
                            *last = h;
                        }
                    }
                }
                _ => kept.push(h),
            }
        }
        kept.sort_by(|a, b| a.start.cmp(&b.start).then(theme_of(a).cmp(&theme_of(b))));
        kept
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Theme;

    fn theme(id: &str, include: &[&str], exclude: &[&str]) -> Theme {
        Theme {
            id: id.to_string(),
            label: id.to_string(),
            description: String::new(),
            group: String::new(),
            include: include.iter().map(|s| s.to_string()).collect(),
            exclude: exclude.iter().map(|s| s.to_string()).collect(),
        }
    }

    fn matcher(themes: Vec<Theme>) -> ThemeMatcher {
        ThemeMatcher::new(&Codebook {
            name: "test".into(),
            themes,
        })
        .expect("test codebook compiles")
    }

    #[test]
    fn exclude_silences_only_the_overlapping_match() {
        let m = matcher(vec![theme(
            "placements",
            &["placement*"],
            &["work placement*"],
        )]);
        let text = "A work placement was found; two foster placements ended.";
        let found = m.match_text(text);
        assert_eq!(found.len(), 1, "only the care placement counts: {found:?}");
        assert_eq!(&text[found[0].start..found[0].end], "placements");
    }

    #[test]
    fn an_exclude_of_one_theme_leaves_other_themes_alone() {
        let m = matcher(vec![
            theme("placements", &["placement*"], &["work placement*"]),
            theme("employment", &["work placement*"], &[]),
        ]);
        let found = m.match_text("a work placement");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].theme_id, "employment");
    }

    #[test]
    fn the_longest_overlapping_match_of_a_theme_explains_it() {
        let m = matcher(vec![theme("fostering", &["foster*", "foster carer*"], &[])]);
        let found = m.match_text("new foster carers");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].pattern, "foster carer*");
    }

    #[test]
    fn a_subset_matcher_finds_only_its_themes() {
        let cb = Codebook {
            name: "t".into(),
            themes: vec![theme("a", &["alpha"], &[]), theme("b", &["beta"], &[])],
        };
        let m = ThemeMatcher::for_themes(&cb, &["b".to_string()]).expect("compiles");
        let found = m.match_text("alpha beta");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].theme_id, "b");
        assert_eq!(m.themes_in("alpha beta"), vec![0]);
    }

    #[test]
    fn an_invalid_pattern_names_its_theme() {
        let err = ThemeMatcher::new(&Codebook {
            name: "t".into(),
            themes: vec![theme("costs", &["co*"], &[])],
        })
        .expect_err("a two-letter stem is refused");
        let msg = err.to_string();
        assert!(msg.contains("costs") && msg.contains("co*"), "{msg}");
    }
}
