//! Emergent themes: recurring phrases the codebook does not cover yet, offered as candidate
//! themes.
//!
//! A codebook only finds what someone thought to look for. Councils keep raising things nobody
//! listed — a new programme's name, a local pressure — and those should surface by
//! themselves. Candidates are 1–3-word phrases cut from sentences at stopwords, punctuation and
//! numbers (so "the number of foster carers" yields "foster carers", never "of foster"), with
//! dates, numbers and likely personal names (words always capitalised) dropped, and phrases
//! made only of the field's everyday words ("children", "social care") left out. A phrase
//! must appear in at least `min_meetings` meetings and not be covered by the codebook: neither
//! matched on its own nor found mostly inside the codebook's matches ("looked" inside "looked
//! after children").
//!
//! **Ranking** is class-based TF-IDF (c-TF-IDF, as in BERTopic): each council is a class, and
//! `score(t, c) = tf(t, c) / words(c) · ln(1 + A / f(t))` where `A` is the mean words per class
//! and `f(t)` the phrase's frequency over all classes. A phrase's score is its best over the
//! councils and the whole library taken as one class, times 1000 (per thousand words), and
//! half as much again for each word after the first (longer phrases are rarer by nature and
//! say more). A phrase every council uses a little scores below one a single council uses a
//! lot. A single word must look like a noun: common adjectives, adverbs and verbs are left out.
//!
//! **Near-duplicates merge**: singular and plural forms are counted as one phrase (shown in
//! the commoner spelling); a phrase that nearly always occurs inside a longer candidate gives
//! way to it; and a phrase inside a higher-scoring kept phrase is dropped.
//!
//! Input: [`ParagraphRow`]s (standing ones are skipped), [`MeetingRow`]s for councils and
//! citations, and the [`ThemeMatcher`] of the current codebook.

use std::collections::{BTreeSet, HashMap, HashSet};

use super::keytext::KeyText;
use super::matcher::ThemeMatcher;
use super::rows::{by_id, paragraph_evidence, MeetingRow, ParagraphRow};
use crate::model::{EmergentTheme, Id};

/// Settings of emergent-theme discovery.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct EmergentConfig {
    /// Meetings a phrase must appear in.
    pub min_meetings: u32,
    /// Candidates returned, best first.
    pub max_phrases: usize,
    /// Citations per candidate, from different meetings.
    pub evidence: usize,
}

impl Default for EmergentConfig {
    fn default() -> EmergentConfig {
        EmergentConfig {
            min_meetings: 2,
            max_phrases: 25,
            evidence: 3,
        }
    }
}

/// Words that cannot start, end or sit inside a candidate phrase: English function words and
/// the vocabulary every set of minutes shares.
#[rustfmt::skip]
const STOPWORDS: &[&str] = &[
    "a", "about", "above", "according", "across", "after", "again", "against", "all", "almost",
    "along", "already", "also", "although", "always", "am", "among", "an", "and", "another",
    "any", "anyone", "anything", "are", "around", "as", "at", "be", "because", "been", "before",
    "being", "below", "between", "both", "but", "by", "can", "cannot", "could", "did", "do",
    "does", "doing", "done", "down", "due", "during", "each", "either", "else", "enough", "etc",
    "even", "ever", "every", "few", "for", "from", "further", "had", "has", "have", "having",
    "he", "her", "here", "hers", "herself", "him", "himself", "his", "how", "however", "i", "if",
    "in", "into", "is", "it", "its", "itself", "just", "least", "less", "like", "made", "make",
    "many", "may", "me", "might", "more", "most", "much", "must", "my", "near", "need", "needed",
    "needs", "neither", "no", "nor", "not", "now", "of", "off", "often", "on", "once", "one",
    "only", "or", "other", "others", "otherwise", "our", "ours", "ourselves", "out", "over",
    "own", "per", "perhaps", "please", "put", "quite", "rather", "really", "same", "several",
    "shall", "she", "should", "since", "so", "some", "still", "such", "than", "that", "the",
    "their", "theirs", "them", "themselves", "then", "there", "therefore", "these", "they",
    "this", "those", "though", "through", "thus", "to", "together", "too", "towards", "under",
    "until", "up", "upon", "us", "very", "via", "was", "we", "well", "were", "what", "whatever",
    "when", "where", "whether", "which", "while", "who", "whole", "whom", "whose", "why", "will",
    "with", "within", "without", "would", "yet", "you", "your", "yours", "two", "three", "four",
    "five", "six", "seven", "eight", "nine", "ten", "first", "second", "third", "last", "next",
    "previous", "following", "new", "current", "currently", "recent", "recently", "particular",
    "particularly", "number", "numbers", "level", "levels", "way", "ways", "part", "place",
    "point", "points", "issue", "issues", "matter", "matters", "area", "areas", "time", "times",
    "year", "years", "month", "months", "week", "weeks", "day", "days", "today", "date",
    "good", "better", "best", "important", "significant", "key", "main", "general", "able",
    "possible", "likely", "clear", "regard", "regards", "regarding", "relation", "respect",
    "terms", "order", "result", "results", "example", "overall", "total", "around", "approximately",
    "including", "include", "includes", "included", "ensure", "ensuring", "provide", "provided",
    "providing", "take", "taken", "taking", "given", "give", "get", "got", "going", "use", "used",
    "using", "see", "seen", "look", "looking", "work", "working", "worked", "continue",
    "continued", "continues", "set", "sets", "around", "said", "says", "stated", "advised",
    "explained", "informed", "highlighted", "noted", "notes", "note", "confirmed", "reported",
    "report", "reports", "asked", "agreed", "resolved", "received", "presented", "presentation",
    "discussed", "discussion", "considered", "consideration", "questions", "question", "answer",
    "response", "responded", "thanked", "thank", "thanks", "welcomed", "welcome", "referred",
    "update", "updates", "updated", "meeting", "meetings", "minutes", "item", "items", "agenda",
    "committee", "committees", "board", "panel", "council", "councils", "councillor",
    "councillors", "cllr", "cllrs", "member", "members", "chair", "chairman", "chairperson",
    "vice", "officer", "officers", "director", "mr", "mrs", "ms", "miss", "dr", "page", "pages",
    "appendix", "paragraph", "section", "recommendation", "recommendations", "paper",
    "attached", "attendance", "apologies", "present", "held", "members'", "january", "february",
    "march", "april", "june", "july", "august", "september", "october", "november", "december",
    "none", "nothing", "something", "everyone", "anyone", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "am", "pm",
];

/// Words every set of children's services (or council) minutes is full of. A phrase made only
/// of these ("children", "social care", "young people") is never a candidate, though they may
/// stand inside one ("family hubs", "care experienced").
#[rustfmt::skip]
const WEAK: &[&str] = &[
    "children", "child", "childrens", "young", "people", "peoples", "person", "persons",
    "services", "service", "social", "care", "family", "families", "parent", "parents", "staff",
    "plan", "plans", "system", "systems", "local", "authority", "authorities", "team", "teams",
    "worker", "workers", "support", "supported", "data", "information", "process", "processes",
    "approach", "practice", "case", "cases", "management", "manager", "managers", "partners",
    "partner", "partnership", "partnerships", "improvement", "improvements", "improve",
    "improved", "improving", "performance", "quality", "review", "reviews", "reviewed", "budget",
    "funding", "cost", "costs", "resources", "looked", "community", "communities", "health",
    "education", "school", "schools", "group", "groups", "programme", "project", "projects",
    "strategy", "policy", "policies", "action", "actions", "challenge", "challenges",
    "pressure", "pressures", "demand", "provision", "outcome", "outcomes", "progress",
    "development", "increase", "increased", "increasing", "decrease", "reduce", "reduced",
    "reduction", "change", "changes", "position", "impact", "national", "government", "borough",
    "county", "city", "district", "service's", "needs", "need", "help", "risk", "risks",
    "assessment", "assessments", "concern", "concerns", "officers", "director", "directors",
    "head", "lead", "senior", "cabinet", "portfolio", "holder", "sub", "scrutiny", "overview",
    "meeting", "report", "figures", "figure", "rate", "rates", "average", "percentage",
    "currently", "previously", "number", "recruitment", "retention", "safeguarding",
];

/// Common adjectives, adverbs and verbs: a single word among these is not a theme.
#[rustfmt::skip]
const NOT_NOUNS: &[&str] = &[
    "appropriate", "essential", "involved", "focus", "available", "additional", "necessary",
    "relevant", "specific", "various", "positive", "negative", "high", "low", "higher", "lower",
    "large", "small", "different", "similar", "effective", "unable", "concerned", "aware",
    "sure", "certain", "full", "wider", "real", "strong", "poor", "worse", "major", "minor",
    "past", "late", "long", "short", "initial", "final", "potential", "existing", "required",
    "requested", "suggested", "proposed", "expected", "interim", "permanent", "open", "closed",
    "visit", "visits", "seek", "sought", "agree", "explain", "highlight", "consider", "provide",
    "ensure", "continue", "understand", "understanding", "believe", "feel", "felt", "know",
    "known", "want", "wanted", "hope", "hoped", "keen", "happy", "pleased", "difficult",
    "challenging", "robust", "key", "critical", "vital", "crucial", "urgent", "ongoing",
    "regular", "frequent", "wide", "broad", "whole", "extra", "direct", "indirect", "average",
    "executive", "general", "overall", "specialist", "independent", "statutory", "external",
    "internal", "recruit", "retain", "deliver", "delivered", "delivering", "develop", "place",
    "placed", "increase", "talk", "talked",
];

/// Whether a single word can name a theme: not a common adjective, adverb or verb, and not
/// shaped like one (-ly, -ed, -ful, -ous, -able, -ible).
fn noun_ish(word: &str) -> bool {
    !NOT_NOUNS.contains(&word)
        && !["ly", "ed", "ful", "ous", "able", "ible"]
            .iter()
            .any(|suffix| word.ends_with(suffix))
}

/// One word of a run: its lower-case form, its key-text range, whether it was capitalised in
/// the text, and whether it may be part of a phrase.
struct Token {
    lower: String,
    start: usize,
    end: usize,
    capital: bool,
    usable: bool,
}

/// Split a paragraph's key text into runs of words between punctuation (key-text `.`); the
/// words of a run were joined by whitespace or hyphens.
fn runs(key: &KeyText<'_>, original: &str) -> Vec<Vec<Token>> {
    let mut out = Vec::new();
    let text = key.key.as_str();
    let mut at = 0;
    for run_text in text.split('.') {
        let mut run = Vec::new();
        let mut word_at = at;
        for word in run_text.split(' ') {
            if !word.is_empty() {
                let (s, _) = key.to_original(word_at, word_at + word.len());
                let capital = original[s..].chars().next().is_some_and(char::is_uppercase);
                let usable = word.chars().count() >= 3
                    && !word.chars().any(|c| c.is_ascii_digit())
                    && !STOPWORDS.contains(&word);
                run.push(Token {
                    lower: word.to_string(),
                    start: word_at,
                    end: word_at + word.len(),
                    capital,
                    usable,
                });
            }
            word_at += word.len() + 1;
        }
        if !run.is_empty() {
            out.push(run);
        }
        at += run_text.len() + 1;
    }
    out
}

/// The plural-blind key of a phrase: each word without a plural ending.
fn singular_key(phrase: &str) -> String {
    phrase
        .split(' ')
        .map(|w| {
            if let Some(b) = w.strip_suffix("ies") {
                if b.len() >= 2 {
                    return format!("{b}y");
                }
            }
            if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
                return w[..w.len() - 1].to_string();
            }
            w.to_string()
        })
        .collect::<Vec<_>>()
        .join(" ")
}

#[derive(Default)]
struct Stats {
    /// Occurrences per council.
    per_council: HashMap<usize, u64>,
    total: u64,
    meetings: BTreeSet<Id>,
    /// Occurrences written with a capital at a word other than the sentence's first.
    capitalised: u64,
    /// Occurrences overlapping a codebook match.
    covered: u64,
    /// Paragraphs (indices) to cite, from different meetings.
    evidence: Vec<usize>,
    /// Spellings seen, with counts (the commoner one is shown).
    spellings: HashMap<String, u64>,
}

/// Recurring phrases not covered by `matcher`, best first.
pub fn emergent_themes(
    paragraphs: &[ParagraphRow],
    meetings: &[MeetingRow],
    matcher: &ThemeMatcher,
    config: EmergentConfig,
) -> Vec<EmergentTheme> {
    let meeting_of = by_id(meetings);
    let mut councils: Vec<String> = Vec::new();
    let mut council_index: HashMap<String, usize> = HashMap::new();
    let mut words_per_council: Vec<u64> = Vec::new();
    let mut stats: HashMap<String, Stats> = HashMap::new();

    for (pi, p) in paragraphs.iter().enumerate().filter(|(_, p)| !p.standing) {
        let council = meeting_of
            .get(&p.meeting_id)
            .map_or(super::rows::UNKNOWN_COUNCIL, |m| m.council_name())
            .to_string();
        let ci = *council_index.entry(council.clone()).or_insert_with(|| {
            councils.push(council);
            words_per_council.push(0);
            councils.len() - 1
        });
        let key = KeyText::new(&p.text);
        // Where the codebook already finds something: occurrences inside are covered.
        let matched: Vec<(usize, usize)> = matcher
            .match_text(&p.text)
            .into_iter()
            .map(|m| (m.start, m.end))
            .collect();
        for run in runs(&key, &p.text) {
            words_per_council[ci] += run.iter().filter(|t| t.usable).count() as u64;
            for start in 0..run.len() {
                for len in 1..=3 {
                    let end = start + len;
                    if end > run.len() || !run[start..end].iter().all(|t| t.usable) {
                        break;
                    }
                    let words = &run[start..end];
                    if words.iter().all(|t| WEAK.contains(&t.lower.as_str()))
                        || (len == 1 && !noun_ish(&words[0].lower))
                    {
                        continue;
                    }
                    let phrase: String = words
                        .iter()
                        .map(|t| t.lower.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let (os, oe) = key.to_original(words[0].start, words[len - 1].end);
                    let s = stats.entry(singular_key(&phrase)).or_default();
                    *s.per_council.entry(ci).or_default() += 1;
                    s.total += 1;
                    if matched.iter().any(|&(ms, me)| ms < oe && os < me) {
                        s.covered += 1;
                    }
                    if start > 0 && words.iter().all(|t| t.capital) {
                        s.capitalised += 1;
                    }
                    *s.spellings.entry(phrase).or_default() += 1;
                    if s.meetings.insert(p.meeting_id) && s.evidence.len() < config.evidence {
                        s.evidence.push(pi);
                    }
                }
            }
        }
    }

    // Candidates: recurring across meetings, not names, not already in the codebook.
    let mut candidates: Vec<(String, Stats)> = stats
        .into_iter()
        .filter(|(_, s)| s.meetings.len() as u32 >= config.min_meetings.max(1))
        .filter(|(key, s)| {
            // A single word always capitalised mid-sentence is a name or a place.
            key.contains(' ') || s.capitalised * 10 < s.total * 9
        })
        .collect();
    // Show each phrase in its commoner spelling; drop what the codebook already finds.
    let mut shown: HashMap<String, String> = HashMap::new();
    for (key, s) in &candidates {
        let spelling = s
            .spellings
            .iter()
            .max_by(|a, b| a.1.cmp(b.1).then(b.0.cmp(a.0)))
            .map_or_else(|| key.clone(), |(w, _)| w.clone());
        shown.insert(key.clone(), spelling);
    }
    candidates.retain(|(key, s)| {
        let spelling = shown.get(key).map_or(key.as_str(), String::as_str);
        // Mostly inside what the codebook finds ("looked" in "looked after children"), or
        // matched by it on its own: not new.
        s.covered * 2 < s.total && !matcher.covers(spelling) && !matcher.covers(key)
    });

    // A phrase that nearly always occurs inside a longer candidate gives way to it.
    let totals: HashMap<&str, u64> = candidates
        .iter()
        .map(|(k, s)| (k.as_str(), s.total))
        .collect();
    let absorbed: HashSet<String> = candidates
        .iter()
        .filter(|(k, s)| {
            totals.iter().any(|(longer, &t)| {
                longer.len() > k.len() && contains_words(longer, k) && t * 10 >= s.total * 8
            })
        })
        .map(|(k, _)| k.clone())
        .collect();
    candidates.retain(|(k, _)| !absorbed.contains(k));

    // c-TF-IDF.
    let total_words: u64 = words_per_council.iter().sum();
    let classes = words_per_council.len().max(1) as f64;
    let mean_words = total_words as f64 / classes;
    let mut scored: Vec<(f64, String, Stats)> = candidates
        .into_iter()
        .map(|(key, s)| {
            let f = s.total as f64;
            let idf = (1.0 + mean_words / f).ln();
            let mut best = if total_words > 0 {
                f / total_words as f64 * (1.0 + total_words as f64 / f).ln()
            } else {
                0.0
            };
            for (&ci, &tf) in &s.per_council {
                let w = words_per_council[ci];
                if w > 0 {
                    best = best.max(tf as f64 / w as f64 * idf);
                }
            }
            // Longer phrases say more and are rarer by nature: half as much again per word.
            let words = key.split(' ').count() as f64;
            (best * 1000.0 * (1.0 + 0.5 * (words - 1.0)), key, s)
        })
        .collect();
    scored.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));

    // A phrase inside a higher-scoring kept phrase is a near-duplicate of it.
    let mut kept: Vec<EmergentTheme> = Vec::new();
    let mut kept_keys: Vec<String> = Vec::new();
    for (score, key, s) in scored {
        if kept.len() >= config.max_phrases {
            break;
        }
        if kept_keys.iter().any(|k| contains_words(k, &key)) {
            continue;
        }
        let mut in_councils: Vec<String> = s
            .per_council
            .keys()
            .map(|&ci| councils[ci].clone())
            .collect();
        in_councils.sort();
        kept.push(EmergentTheme {
            phrase: shown.get(&key).cloned().unwrap_or_else(|| key.clone()),
            score,
            meetings: s.meetings.len() as u32,
            councils: in_councils,
            evidence: s
                .evidence
                .iter()
                .map(|&pi| {
                    let p = &paragraphs[pi];
                    paragraph_evidence(meeting_of.get(&p.meeting_id).copied(), p)
                })
                .collect(),
        });
        kept_keys.push(key);
    }
    kept
}

/// Whether `inner` is a contiguous run of whole words of `outer`.
fn contains_words(outer: &str, inner: &str) -> bool {
    outer == inner
        || outer.starts_with(&format!("{inner} "))
        || outer.ends_with(&format!(" {inner}"))
        || outer.contains(&format!(" {inner} "))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn phrases_are_cut_at_punctuation_and_stopwords_are_marked() {
        let text = "The number of foster-carers, in 2019; Family Hub";
        let r = runs(&KeyText::new(text), text);
        assert_eq!(r.len(), 3, "comma and semicolon end runs");
        let usable: Vec<&str> = r[0]
            .iter()
            .filter(|t| t.usable)
            .map(|t| t.lower.as_str())
            .collect();
        assert_eq!(usable, ["foster", "carers"]);
        assert!(!r[1][1].usable, "numbers are not phrase words");
        assert!(r[2][0].capital);
        let (s, e) = KeyText::new(text).to_original(r[2][0].start, r[2][1].end);
        assert_eq!(&text[s..e], "Family Hub", "words map back to the original");
    }

    #[test]
    fn plurals_share_a_key() {
        assert_eq!(singular_key("family hubs"), singular_key("family hub"));
        assert_eq!(singular_key("agencies"), "agency");
        assert_eq!(
            singular_key("business"),
            "business",
            "a double s is not a plural"
        );
    }

    #[test]
    fn sub_phrases_are_word_aligned() {
        assert!(contains_words("family hub programme", "family hub"));
        assert!(contains_words("new family hub", "hub"));
        assert!(!contains_words("family hubs", "family hub"));
    }
}
