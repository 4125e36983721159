//! Figures: money, counts with their noun, percentages and ranges, each with its sentence.
//!
//! Minutes are dense with numbers that are not figures: dates ("24th April", "March 2014",
//! "7 and 8 September"), years and year ranges ("2017", "2016/17", "2017-18"), times ("5.00 pm"),
//! item and paragraph numbers ("10/17", "9.1", "(1)"), phone numbers ("0121 569 3896"),
//! references ("Regulation 7 (6)", "Key Stage 4", "phase 2"), ages ("aged 18", "0-25 year
//! old") and votes ("carried 5-0"). Each is recognised by its context and skipped. What remains
//! is a figure when it is money (a currency sign or word), a percentage (`%`, "per cent", "two
//! thirds of"), or a count followed by the noun it counts ("18 cases per social worker"). A bare
//! number in a list after a count inherits that count's noun ("587 looked after children in
//! March 2016, 611 a year later"). Small counts written as words count when their noun is
//! plural ("three foster carer couples"); durations ("two years") do not.
//!
//! `what` is the noun phrase after the number (stopping at the first verb, preposition or
//! punctuation, but carrying on through "per social worker" and "increase in enquiries"); for
//! money with no noun after it, the phrase before it ("the cost of a placement was £23,000").

use std::collections::HashMap;
use std::sync::LazyLock;

use regex::Regex;

use super::layout::{sentences, word_before, Layout};
use super::paragraphs::runs;
use super::resolutions::item_containing;
use super::text::Doc;
use crate::model::{AgendaItem, Figure, FigureUnit, Paragraph};

/// Find the figures stated in the paragraphs.
pub fn find(
    doc: &Doc,
    layout: &Layout,
    paragraphs: &[Paragraph],
    items: &[AgendaItem],
) -> Vec<Figure> {
    let by_start: HashMap<usize, usize> = paragraphs
        .iter()
        .enumerate()
        .map(|(i, p)| (p.span.start, i))
        .collect();
    let mut out = Vec::new();
    for run in runs(doc, layout, items) {
        let flow = layout.flow_of(doc, &run);
        let flow = flow.as_ref();
        if !flow.text.bytes().any(|b| b.is_ascii_digit())
            && !NUMBER_WORD.is_match(&flow.text)
            && !FRACTION.is_match(&flow.text)
        {
            continue;
        }
        let para_span = flow.span(doc, 0, flow.text.len());
        let paragraph_index = by_start.get(&para_span.start).copied().or_else(|| {
            paragraphs.iter().position(|p| {
                p.span.start <= para_span.start
                    && para_span.start < p.span.end.max(p.span.start + 1)
            })
        });
        let item_index = paragraph_index
            .and_then(|i| paragraphs[i].item_index)
            .or_else(|| item_containing(items, para_span.start));
        for raw in scan(&flow.text) {
            let span = flow.span(doc, raw.start, raw.end);
            out.push(Figure {
                text: flow.original(doc, raw.start, raw.end),
                value: raw.value,
                value_max: raw.value_max,
                unit: raw.unit,
                what: raw.what,
                approximate: raw.approximate,
                sentence: flow.original(doc, raw.sentence.0, raw.sentence.1),
                page: doc.page_at(flow.norm_at(raw.start)),
                span,
                paragraph_index,
                item_index,
            });
        }
    }
    out
}

/// A figure found in a paragraph's running text, before it is mapped to the document.
#[derive(Debug, Clone, PartialEq)]
struct RawFigure {
    start: usize,
    end: usize,
    value: f64,
    value_max: Option<f64>,
    unit: FigureUnit,
    what: Option<String>,
    approximate: bool,
    sentence: (usize, usize),
}

static NUM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?").expect("number pattern compiles")
});
static NUMBER_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|a\s+dozen|a\s+hundred)\b",
    )
    .expect("number word pattern compiles")
});
static FRACTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<n>one|two|three|four|a|an)[\s-]+(?P<d>half|halves|thirds?|quarters?|fifths?|tenths?)|(?P<h>half))\s+of\b",
    )
    .expect("fraction pattern compiles")
});
static APPROX: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)(?:^|[^\w])(?P<m>approx(?:imately|\.)?|about|around|circa|c\.|some|almost|nearly|over|more\s+than|less\s+than|fewer\s+than|under|up\s+to|in\s+the\s+region\s+of|in\s+excess\s+of|at\s+least|roughly|just\s+over|just\s+under|upwards\s+of|an\s+estimated|estimated|between)\s*$",
    )
    .expect("approximation pattern compiles")
});
static MULTIPLIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s?(?P<m>million|mn|m|billion|bn|thousand|k)\b")
        .expect("multiplier pattern compiles")
});
static PERCENT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s?(?:%|per\s?cent\b|percent\b)").expect("percent pattern compiles")
});
static CURRENCY_WORD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s?(?P<w>pounds?|sterling|euros?|dollars?)\b")
        .expect("currency word pattern compiles")
});
static CURRENCY_CODE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?P<c>GBP|EUR|USD)\s?$").expect("currency code pattern compiles")
});
static RANGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^\s?(?P<sep>-|to|and|or)\s?(?P<cur>[£€$])?\s?(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)",
    )
    .expect("range pattern compiles")
});
static PHONE_TAIL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\s\d{3,}").expect("phone pattern compiles"));
static ORDINAL: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(?:st|nd|rd|th)\b").expect("ordinal pattern compiles"));
static TIME_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s?(?:am|pm|a\.m\.|p\.m\.|hrs\b|hours?\b|o'clock)")
        .expect("time pattern compiles")
});
static AGE_TAIL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\+|\s?-?\s?years?[\s-]+olds?\b|\s?yrs?\b|\s?-?\s?year-olds?\b)")
        .expect("age pattern compiles")
});
static AGE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:aged|ages?|age\s+of|ages\s+of|under-?)\s*$")
        .expect("age head pattern compiles")
});
static VOTE_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:carried|passed|vote[ds]?|failed|approved|adopted|defeated|unanimous(?:ly)?|ayes|nays|noes|for|against|abstentions?)\b[\s:,(]*$")
        .expect("vote pattern compiles")
});

/// Words before a number that make it a reference, not a quantity ("Regulation 7", "phase 2").
#[rustfmt::skip]
const LABELS: &[&str] = &[
    "regulation", "regulations", "section", "sections", "s", "schedule", "paragraph", "paragraphs",
    "para", "paras", "item", "items", "minute", "page", "pages", "p", "pp", "appendix", "annex",
    "annexe", "part", "parts", "phase", "phases", "stage", "stages", "level", "levels", "tier",
    "tiers", "year", "ward", "article", "articles", "clause", "clauses", "rule", "rules", "order",
    "no", "nos", "number", "chapter", "policy", "option", "options", "room", "route", "floor",
    "version", "grade", "band", "zone", "question", "questions", "recommendation",
    "recommendations", "priority", "priorities", "appendices", "figure", "fig", "table", "chart",
    "line", "lines", "box", "objective", "objectives", "outcome", "action", "step", "steps",
    "point", "points", "criterion", "standard", "plot", "wave", "round", "junction", "covid", "ks",
    "class", "form", "unit", "block", "flat", "house", "lot", "site", "application", "ref",
    "reference", "case", "bus", "week", "day", "month", "quarter", "q", "term", "platform",
    "channel", "goal", "pillar", "theme", "area", "district", "division",
];
/// Words that end a counted noun phrase.
#[rustfmt::skip]
const STOP: &[&str] = &[
    "a", "an", "the", "this", "that", "these", "those", "was", "were", "is", "are", "be", "been",
    "being", "had", "has", "have", "will", "would", "could", "should", "may", "might", "must",
    "can", "shall", "do", "does", "did", "and", "or", "but", "nor", "so", "yet", "to", "in", "on",
    "at", "by", "with", "from", "into", "onto", "of", "for", "since", "during", "as", "than",
    "which", "who", "whom", "whose", "where", "when", "while", "whilst", "it", "its", "they",
    "them", "their", "there", "he", "she", "his", "her", "we", "our", "you", "your", "not", "no",
    "all", "each", "also", "only", "just", "currently", "now", "then", "due", "across", "within",
    "under", "over", "between", "against", "about", "around", "after", "before", "through", "out",
    "up", "down", "off", "if", "because", "although", "though", "including", "such", "like",
    "more", "less", "fewer", "most", "least", "respectively", "via", "per", "every", "among",
    "amongst", "whereas", "until", "till", "without", "both", "either", "neither", "whether",
    "what", "how", "why", "very", "too", "still", "already", "here", "i", "me", "my", "us", "him",
    "one", "other's", "being", "am", "pm", "elsewhere", "overall", "annually", "altogether",
    "instead", "alone", "together", "apiece", "effective", "excluding", "inclusive", "exclusive",
    "plus", "minus", "monthly", "weekly", "daily", "yearly", "net", "gross", "paid", "spent",
    "made", "gave", "given", "received", "took", "taken", "said", "held", "sent", "won", "lost",
    "bought", "sold", "got", "kept", "brought", "met", "showed", "shows", "includes", "include",
    "needs", "need", "requires", "require", "says", "saw", "seen", "went", "gone", "became",
    "become", "remains", "remain", "became", "totalled", "totaled",
];
/// Time units: a number of these is a duration, not a count of things.
#[rustfmt::skip]
const TIME_UNITS: &[&str] = &[
    "year", "years", "month", "months", "week", "weeks", "day", "days", "hour", "hours", "minute",
    "minutes", "decade", "decades", "am", "pm", "yrs", "mins", "hrs", "seconds", "second", "times",
    "time",
];
/// Verbs of change before "to"/"by" and a figure ("fees rise to $1,850").
#[rustfmt::skip]
const CHANGE_VERBS: &[&str] = &[
    "rise", "rises", "rising", "fall", "falls", "falling", "increase", "increases", "increasing",
    "decrease", "decreases", "decreasing", "grow", "grows", "drop", "drops", "go", "goes",
];
/// A year or a span of years: "2017", "2022-23", "2016/17".
static YEARISH: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\(?(?:19|20)\d{2}(?:[-/](?:\d{2}|(?:19|20)\d{2}))?\)?[.,;:]?$")
        .expect("year pattern compiles")
});
/// Units of measure: "620 tonnes of salt" carries on through "of".
#[rustfmt::skip]
const MEASURES: &[&str] = &[
    "tonnes", "tons", "litres", "liters", "gallons", "kilometres", "kilometers", "km", "miles",
    "metres", "meters", "acres", "hectares", "kg", "kilograms", "bags", "boxes", "sacks", "loads",
    "units", "pieces", "sq", "square",
];
/// Head words a noun phrase may continue after with "in", "of" or "for" ("increase in enquiries").
#[rustfmt::skip]
const CHANGE_HEADS: &[&str] = &[
    "increase", "decrease", "rise", "fall", "reduction", "drop", "growth", "cut", "cuts", "share",
    "proportion", "number", "cost", "costs", "budget", "spend", "saving", "savings", "overspend",
    "underspend", "uplift", "change", "improvement", "allocation", "investment", "contribution",
];
#[rustfmt::skip]
const MONTHS: &[&str] = &[
    "january", "february", "march", "april", "may", "june", "july", "august", "september",
    "october", "november", "december", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep",
    "sept", "oct", "nov", "dec",
];
/// True when `w` is a month name, capitalised as in a date.
fn is_month(w: &str) -> bool {
    let t = w.trim_end_matches(['.', ',']);
    t.chars().next().is_some_and(|c| c.is_uppercase())
        && MONTHS.contains(&t.to_lowercase().as_str())
}

/// The value of a number as printed ("23,000", "1.5").
fn parse_value(s: &str) -> Option<f64> {
    s.replace(',', "").parse().ok()
}

/// The words after byte `at`, each with its end offset; stops at the first punctuation mark.
fn words_after(text: &str, at: usize, max: usize) -> Vec<(String, usize, bool)> {
    let mut out = Vec::new();
    let mut i = at;
    let bytes = text.as_bytes();
    while out.len() < max {
        while i < text.len() && bytes[i] == b' ' {
            i += 1;
        }
        if i >= text.len() {
            break;
        }
        let start = i;
        while i < text.len() {
            let c = text[i..].chars().next().unwrap_or(' ');
            if c.is_alphanumeric() || c == '\'' || c == '-' || c == '&' {
                i += c.len_utf8();
            } else {
                break;
            }
        }
        if i == start {
            break;
        }
        let word = text[start..i].trim_end_matches(['-', '\'']).to_string();
        // Punctuation right after the word ends the phrase after it.
        let stops = i < text.len() && bytes[i] != b' ';
        out.push((
            word,
            start + text[start..i].trim_end_matches(['-', '\'']).len(),
            stops,
        ));
        if stops {
            break;
        }
    }
    out
}

/// Street names end in these: "400 Lakeview Drive" is an address, not a count.
#[rustfmt::skip]
const STREET_WORDS: &[&str] = &[
    "street", "st", "road", "rd", "lane", "ln", "avenue", "ave", "drive", "dr", "way", "close",
    "court", "place", "crescent", "terrace", "boulevard", "blvd", "square", "parade", "gardens",
    "grove", "walk", "hill", "row", "mews",
];
/// Plural nouns that do not end in "s".
#[rustfmt::skip]
const PLURALS: &[&str] = &[
    "people", "children", "staff", "men", "women", "police", "personnel",
];

/// True when a lower-cased word reads as a verb in the past ("resigned", "approved"), not a
/// noun that happens to end in "ed" ("bed", "speed") or "looked after".
fn looks_past_tense(lower: &str) -> bool {
    lower.len() >= 5 && lower.ends_with("ed") && !lower.ends_with("eed") && lower != "looked"
}

/// True when a word reads as a plural noun.
fn is_plural(w: &str) -> bool {
    let l = w.to_lowercase();
    (l.ends_with('s') && !l.ends_with("ss")) || PLURALS.contains(&l.as_str())
}

/// The noun phrase after a number: "cases per social worker", "increase in fostering
/// enquiries", "Key Stage 4 young people". With `skip_determiners`, a leading "a"/"the" is
/// passed over ("for an in-house placement").
fn noun_after(text: &str, at: usize, skip_determiners: bool) -> Option<String> {
    let words = words_after(text, at, 14);
    let mut phrase: Vec<&str> = Vec::new();
    let mut k = 0;
    let mut continued = false;
    if skip_determiners {
        while words.get(k).is_some_and(|(w, _, stops)| {
            !stops
                && matches!(
                    w.to_lowercase().as_str(),
                    "a" | "an" | "the" | "each" | "every"
                )
        }) {
            k += 1;
        }
    }
    while k < words.len() && phrase.len() < 7 {
        let (w, _, stops) = &words[k];
        let lower = w.to_lowercase();
        let is_digit = w.chars().all(|c| c.is_ascii_digit());
        if is_digit {
            // A number inside a name ("Key Stage 4 young people").
            let after_name = phrase
                .last()
                .is_some_and(|p| p.chars().next().is_some_and(|c| c.is_uppercase()));
            if !after_name {
                break;
            }
        } else if lower == "per" {
            // "cases per social worker", "£240 per child": carry on.
        } else if lower == "after"
            && phrase
                .last()
                .is_some_and(|p| p.eq_ignore_ascii_case("looked"))
        {
            // "looked after children".
        } else if matches!(lower.as_str(), "in" | "of" | "for" | "on")
            && !continued
            && phrase.len() == 1
            && (CHANGE_HEADS.contains(&phrase[0].to_lowercase().as_str())
                || (lower == "of" && MEASURES.contains(&phrase[0].to_lowercase().as_str())))
        {
            continued = true;
        } else if STOP.contains(&lower.as_str())
            || is_month(w)
            || (phrase.is_empty() && !w.chars().next().is_some_and(char::is_alphabetic))
        {
            break;
        } else if looks_past_tense(&lower) && phrase.last().is_some_and(|p| is_plural(p)) {
            // "15 foster carers resigned": the verb after the counted noun.
            break;
        }
        phrase.push(w);
        k += 1;
        if *stops {
            break;
        }
    }
    // A phrase never ends on a joining word.
    while phrase.last().is_some_and(|w| {
        matches!(
            w.to_lowercase().as_str(),
            "per" | "in" | "of" | "for" | "on" | "after"
        )
    }) {
        phrase.pop();
    }
    let first = phrase.first()?.to_lowercase();
    if TIME_UNITS.contains(&first.as_str()) {
        return None;
    }
    Some(phrase.join(" "))
}

/// True when the words after a number name a street ("400 Lakeview Drive"): an address.
fn is_address(text: &str, at: usize) -> bool {
    let words = words_after(text, at, 4);
    words
        .first()
        .is_some_and(|(w, _, _)| w.chars().next().is_some_and(char::is_uppercase))
        && words.iter().skip(1).any(|(w, _, _)| {
            w.chars().next().is_some_and(char::is_uppercase)
                && STREET_WORDS.contains(&w.to_lowercase().as_str())
        })
}

/// For money and percentages with no noun after them: the phrase before ("the agency cost
/// was £40,000" → "agency cost"), from the clause the figure stands in or, when that holds
/// only a verb ("…nurses, which had risen to £1.9m"), the clause before it.
fn noun_before(text: &str, at: usize) -> Option<String> {
    #[rustfmt::skip]
    const SEPARATORS: &[&str] = &[
        ", ", "; ", ": ", "(", ". ", " that ", " which ", " where ", " whereas ", " but ",
        " while ", " whilst ",
    ];
    #[rustfmt::skip]
    const SEPARATOR_WORDS: &[&str] = &[
        "that", "which", "where", "whereas", "but", "while", "whilst",
    ];
    #[rustfmt::skip]
    const LINKS: &[&str] = &[
        "was", "were", "is", "are", "be", "been", "being", "of", "at", "by", "to", "for",
        "totalling", "totaling", "costing", "amounting", "worth", "valued", "has", "have", "had",
        "will", "would", "a", "an", "the", "approx", "approximately", "about", "around", "some",
        "over", "nearly", "almost", "from", "stood", "now", "currently", "estimated", "risen",
        "fallen", "grown", "increased", "decreased", "reached", "dropped", "rose", "fell", "grew",
        "amounted", "come", "came", "up", "down", "which", "that", "who", "confirmed", "set",
        "agreed", "approved", "fixed", "budgeted", "forecast", "projected", "reported", "put",
        "saves", "save",
    ];
    #[rustfmt::skip]
    const LEADING: &[&str] = &[
        "the", "a", "an", "this", "these", "its", "their", "our", "his", "her", "which", "that",
        "who", "about", "of", "for", "on", "in", "with", "and", "to",
    ];
    let mut end = at;
    for _ in 0..3 {
        let before = &text[..end];
        let mut cut = 0usize;
        for sep in SEPARATORS {
            if let Some(i) = before.rfind(sep) {
                cut = cut.max(i + sep.len());
            }
        }
        // Never reach back past another figure (a year is not one: "the precept for 2022-23").
        let mut after_figure = false;
        let figure_digit = before[cut..]
            .split_whitespace()
            .rev()
            .find(|w| w.chars().any(|c| c.is_ascii_digit()) && !YEARISH.is_match(w))
            .and_then(|w| {
                let at = before[cut..].rfind(w)?;
                before[cut + at..]
                    .rfind(|c: char| c.is_ascii_digit())
                    .map(|d| at + d)
            });
        if let Some(d) = figure_digit {
            let digit_at = cut + d;
            cut = before[digit_at..]
                .find(' ')
                .map_or(before.len(), |i| digit_at + i + 1);
            if let Some(m) = MULTIPLIER.find(&before[cut.min(before.len())..]) {
                cut = (cut + m.end()).min(before.len());
            }
            after_figure = true;
        }
        let clause = &before[cut..];
        let mut words: Vec<&str> = clause
            .split_whitespace()
            .map(|w| w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-')))
            .filter(|w| !w.is_empty())
            .collect();
        if words.is_empty() {
            // Nothing between the figure and the separator: a list, not a clause.
            return None;
        }
        loop {
            let lower: Vec<String> = words
                .iter()
                .rev()
                .take(2)
                .map(|w| w.to_lowercase())
                .collect();
            if matches!(lower.as_slice(), [last, verb] if matches!(last.as_str(), "to" | "by")
                && CHANGE_VERBS.contains(&verb.as_str()))
            {
                // "fees rise to $1,850".
                words.truncate(words.len() - 2);
            } else if matches!(lower.as_slice(), [cost, modal] if matches!(cost.as_str(), "cost" | "costs")
                && matches!(modal.as_str(), "will" | "would" | "could" | "may" | "might" | "to" | "should" | "can" | "did" | "does"))
            {
                // "the scheme will cost £1-2m".
                words.truncate(words.len() - 2);
            } else if lower.first().is_some_and(|w| LINKS.contains(&w.as_str())) {
                words.pop();
            } else {
                break;
            }
        }
        words.retain(|w| !matches!(w.to_lowercase().as_str(), "has" | "have" | "had" | "been"));
        while words
            .first()
            .is_some_and(|w| LEADING.contains(&w.to_lowercase().as_str()))
        {
            words.remove(0);
        }
        if words.len() > 8 {
            words.drain(..words.len() - 8);
        }
        if !words.is_empty() && words.iter().any(|w| w.chars().any(char::is_alphabetic)) {
            return Some(words.join(" "));
        }
        // Only a verb here: try the clause before, unless this one started a sentence.
        let sep_here = before[..cut].trim_end();
        if cut == 0 || after_figure || sep_here.ends_with('.') {
            return None;
        }
        // Step back over the separator (", which") to the clause before.
        let mut prev = before[..cut].trim_end();
        loop {
            let t = prev.trim_end_matches([',', ';', ':', '(', ' ']);
            let last = t.rsplit(' ').next().unwrap_or("");
            if SEPARATOR_WORDS.contains(&last.to_lowercase().as_str()) {
                prev = &t[..t.len() - last.len()];
            } else {
                prev = t;
                break;
            }
        }
        if prev.is_empty() {
            return None;
        }
        end = prev.len();
    }
    None
}

/// The nouns right before "of" (or "totalling", "worth"): "a council tax rise of 3.99%" →
/// "council tax rise".
fn noun_run_before(text: &str, at: usize) -> Option<String> {
    let before = text[..at].trim_end();
    let mut words: Vec<&str> = before.split(' ').collect();
    words.pop(); // the linking word itself
    let mut run: Vec<&str> = Vec::new();
    while let Some(w) = words.pop() {
        let clean = w.trim_matches(|c: char| !(c.is_alphanumeric() || c == '\'' || c == '-'));
        let lower = clean.to_lowercase();
        let punctuated = w.ends_with([',', ';', ':', '.', ')']) && !run.is_empty();
        if clean.is_empty()
            || punctuated
            || STOP.contains(&lower.as_str())
            || (looks_past_tense(&lower) && !run.is_empty())
            || !clean.chars().any(char::is_alphabetic)
            || run.len() >= 5
        {
            break;
        }
        run.push(clean);
    }
    run.reverse();
    (!run.is_empty()).then(|| run.join(" "))
}

/// What a sum is for when no noun follows it: the subject before a linking verb ("the agency
/// cost was £40,000"), else the object of "of"/"for"/"on" after it ("£40k for repairs"), else
/// the phrase before it.
fn money_purpose(text: &str, start: usize, end: usize) -> Option<String> {
    #[rustfmt::skip]
    const LINKING: &[&str] = &[
        "was", "were", "is", "are", "be", "been", "of", "at", "by", "totalling", "totaling",
        "costing", "cost", "costs", "stood", "reached", "to",
    ];
    let linking = word_before(text, start);
    if matches!(linking.as_str(), "of" | "totalling" | "totaling" | "worth") {
        if let Some(w) = noun_run_before(text, start) {
            return Some(w);
        }
    }
    if LINKING.contains(&linking.as_str()) {
        if let Some(w) = noun_before(text, start) {
            return Some(w);
        }
    }
    let rest = &text[end..];
    let trimmed = rest.trim_start();
    for prep in ["of ", "for ", "on ", "towards "] {
        if let Some(r) = trimmed.strip_prefix(prep) {
            if let Some(w) = noun_after(text, text.len() - r.len(), true) {
                return Some(w);
            }
        }
    }
    noun_before(text, start)
}

/// A number found in the text, digits or words.
struct Token {
    start: usize,
    end: usize,
    /// The number as written, for parsing.
    value: f64,
    /// Written in words ("three").
    word: bool,
    /// A fraction written in words ("two thirds of"), already a percentage.
    fraction: bool,
}

fn word_value(w: &str) -> Option<f64> {
    let w = w.to_lowercase();
    let w = w.split_whitespace().collect::<Vec<_>>().join(" ");
    Some(match w.as_str() {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        "five" => 5.0,
        "six" => 6.0,
        "seven" => 7.0,
        "eight" => 8.0,
        "nine" => 9.0,
        "ten" => 10.0,
        "eleven" => 11.0,
        "twelve" | "a dozen" => 12.0,
        "thirteen" => 13.0,
        "fourteen" => 14.0,
        "fifteen" => 15.0,
        "sixteen" => 16.0,
        "seventeen" => 17.0,
        "eighteen" => 18.0,
        "nineteen" => 19.0,
        "twenty" => 20.0,
        "thirty" => 30.0,
        "forty" => 40.0,
        "fifty" => 50.0,
        "sixty" => 60.0,
        "seventy" => 70.0,
        "eighty" => 80.0,
        "ninety" => 90.0,
        "a hundred" => 100.0,
        _ => return None,
    })
}

fn fraction_value(c: &regex::Captures) -> f64 {
    if c.name("h").is_some() {
        return 50.0;
    }
    let n: f64 = match c
        .name("n")
        .map_or("", |m| m.as_str())
        .to_lowercase()
        .as_str()
    {
        "two" => 2.0,
        "three" => 3.0,
        "four" => 4.0,
        _ => 1.0,
    };
    let d = c.name("d").map_or("", |m| m.as_str()).to_lowercase();
    let d = if d.starts_with("hal") {
        2.0
    } else if d.starts_with("third") {
        3.0
    } else if d.starts_with("quarter") {
        4.0
    } else if d.starts_with("fifth") {
        5.0
    } else {
        10.0
    };
    (n / d * 1000.0).round() / 10.0
}

/// All numbers in a text, in order.
fn tokens(text: &str) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::new();
    for m in NUM.find_iter(text) {
        if let Some(v) = parse_value(m.as_str()) {
            out.push(Token {
                start: m.start(),
                end: m.end(),
                value: v,
                word: false,
                fraction: false,
            });
        }
    }
    for c in FRACTION.captures_iter(text) {
        if let Some(m) = c.get(0) {
            // End before " of", which belongs to the noun.
            let end = m.start() + m.as_str().rfind(" of").unwrap_or(m.as_str().len());
            out.push(Token {
                start: m.start(),
                end,
                value: fraction_value(&c),
                word: true,
                fraction: true,
            });
        }
    }
    for m in NUMBER_WORD.find_iter(text) {
        if out
            .iter()
            .any(|t| t.fraction && t.start <= m.start() && m.start() < t.end)
        {
            continue;
        }
        if let Some(v) = word_value(m.as_str()) {
            out.push(Token {
                start: m.start(),
                end: m.end(),
                value: v,
                word: true,
                fraction: false,
            });
        }
    }
    out.sort_by_key(|t| t.start);
    out
}

/// The figures in one paragraph's running text.
fn scan(text: &str) -> Vec<RawFigure> {
    let sents = sentences(text);
    let sentence_of = |at: usize| -> (usize, usize) {
        sents
            .iter()
            .copied()
            .find(|(s, e)| *s <= at && at < *e)
            .unwrap_or((0, text.len()))
    };
    let toks = tokens(text);
    let mut out: Vec<RawFigure> = Vec::new();
    let mut consumed = 0usize;
    for (ti, tok) in toks.iter().enumerate() {
        if tok.start < consumed {
            continue;
        }
        let Some(fig) = read_figure(
            text,
            tok,
            &toks[ti + 1..],
            &out,
            &sentence_of,
            &mut consumed,
        ) else {
            continue;
        };
        out.push(fig);
    }
    out
}

/// Read the figure a number token starts, or None when the number is not a figure.
fn read_figure(
    text: &str,
    tok: &Token,
    rest_tokens: &[Token],
    so_far: &[RawFigure],
    sentence_of: &dyn Fn(usize) -> (usize, usize),
    consumed: &mut usize,
) -> Option<RawFigure> {
    let (s, e) = (tok.start, tok.end);
    let before = &text[..s];
    let after = &text[e..];
    let prev_char = before.chars().last();
    let prev2 = before.chars().rev().nth(1);
    let next_char = after.chars().next();
    let raw = &text[s..e];
    let sentence = sentence_of(s);

    if !tok.word {
        // Part of a longer token: "A26", "S-56", "19.09.01", "10/17", "2016/17".
        if prev_char.is_some_and(|c| {
            c.is_alphanumeric() || matches!(c, '/' | '.' | ',' | '_' | '#' | '*' | ':')
        }) || (prev_char == Some('-') && prev2.is_some_and(|c| c.is_alphanumeric()))
        {
            return None;
        }
        if next_char == Some('/')
            || after.starts_with(":") && after[1..].starts_with(|c: char| c.is_ascii_digit())
        {
            return None;
        }
        if after.starts_with('.') && after[1..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        if ORDINAL.is_match(after) {
            return None;
        }
        // A paragraph or list label at the start: "9.1", "1.", "(1)".
        if before
            .trim_start_matches(['-', '•', '*', ' ', '('])
            .is_empty()
            && (raw.contains('.') || matches!(next_char, Some('.' | ')')))
        {
            return None;
        }
        if prev_char == Some('(') && next_char == Some(')') {
            return None;
        }
        if TIME_TAIL.is_match(after) && (raw.contains('.') || tok.value <= 12.0) {
            return None;
        }
        let digits = raw.chars().filter(|c| c.is_ascii_digit()).count();
        // Phone numbers and codes: a leading zero, or digit groups separated by spaces.
        if (raw.starts_with('0') && digits >= 3 && !raw.contains('.')) || PHONE_TAIL.is_match(after)
        {
            *consumed = e + after
                .find(|c: char| !(c.is_ascii_digit() || c == ' '))
                .unwrap_or(after.len());
            return None;
        }
        // Years, and year ranges.
        if digits == 4
            && !raw.contains(',')
            && !raw.contains('.')
            && (1900.0..=2099.0).contains(&tok.value)
            && !matches!(prev_char, Some('£' | '€' | '$'))
        {
            return None;
        }
        if letter_glued(after) && MULTIPLIER.find(after).is_none() {
            return None;
        }
    }
    // Dates: "24 April", "7 and 8 September", "June 20".
    let next_words = words_after(text, e, 3);
    let month_after = match next_words.as_slice() {
        [(w, _, _), ..] if is_month(w) => true,
        [(w, _, _), (n, _, _), (m, _, _), ..]
            if matches!(w.as_str(), "and" | "to" | "&")
                && n.chars().all(|c| c.is_ascii_digit())
                && is_month(m) =>
        {
            true
        }
        _ => false,
    };
    let prev_word_raw = {
        let b = before.trim_end();
        b.rsplit(' ').next().unwrap_or("")
    };
    // "June 20" is a date; "In the quarter to September, 61% of…" is not.
    if month_after || (is_month(prev_word_raw) && !prev_word_raw.ends_with(',')) {
        return None;
    }
    if !tok.word && is_address(text, e) {
        return None;
    }
    let prev_word = word_before(text, s);
    // "Regulation 7", "phase 2" — but not "…in the quarter. Two orders".
    let tail = before.trim_end();
    let label_before = tail.chars().last().is_some_and(char::is_alphanumeric)
        || tail.ends_with("No.")
        || tail.ends_with("no.");
    if !tok.fraction && label_before && LABELS.contains(&prev_word.as_str()) {
        return None;
    }
    if AGE_HEAD.is_match(near_before(text, s)) {
        return None;
    }

    // What kind of figure: money, percentage or count.
    let mut start = s;
    let mut end = e;
    let mut currency = match prev_char {
        Some('£') => Some(FigureUnit::Gbp),
        Some('€') => Some(FigureUnit::Eur),
        Some('$') => Some(FigureUnit::Usd),
        Some(' ') => match prev2 {
            Some('£') => Some(FigureUnit::Gbp),
            Some('€') => Some(FigureUnit::Eur),
            Some('$') => Some(FigureUnit::Usd),
            _ => None,
        },
        _ => None,
    };
    if currency.is_some() && !tok.word {
        start = before.rfind(['£', '€', '$']).unwrap_or(s);
    } else if let Some(c) = CURRENCY_CODE.captures(before) {
        currency = match c.name("c").map_or("", |m| m.as_str()) {
            "GBP" => Some(FigureUnit::Gbp),
            "EUR" => Some(FigureUnit::Eur),
            _ => Some(FigureUnit::Usd),
        };
        start = c.get(0).map_or(s, |m| m.start());
    }
    if tok.word && currency.is_some() {
        currency = None;
    }
    let mut value = tok.value;
    if currency.is_some() {
        if let Some(m) = MULTIPLIER.captures(after) {
            value *= multiplier(m.name("m").map_or("", |x| x.as_str()));
            end = e + m.get(0).map_or(0, |x| x.end());
        }
    } else if !tok.word {
        if let Some(c) = CURRENCY_WORD.captures(after) {
            let w = c.name("w").map_or("", |m| m.as_str()).to_lowercase();
            currency = Some(if w.starts_with("euro") {
                FigureUnit::Eur
            } else if w.starts_with("dollar") {
                FigureUnit::Usd
            } else {
                FigureUnit::Gbp
            });
            end = e + c.get(0).map_or(0, |m| m.end());
        }
    }

    // A range: "12-20", "£1m to £2m", "between 12 and 20", "4-5 other foster carers".
    let mut value_max = None;
    let near = near_before(text, start);
    let near_base = start - near.len();
    let approx = APPROX.captures(near);
    let marker = approx.as_ref().and_then(|c| c.name("m"));
    let between = marker.is_some_and(|m| m.as_str().eq_ignore_ascii_case("between"));
    if let Some(c) = RANGE_TAIL.captures(&text[end..]) {
        let sep = c.name("sep").map_or("", |m| m.as_str()).to_lowercase();
        let ok_sep = match sep.as_str() {
            "and" => between,
            "or" => false,
            _ => true,
        };
        let second = c.name("n").map(|m| m.as_str()).and_then(parse_value);
        let whole = c.get(0).map_or(0, |m| m.end());
        let tail_after = &text[end + whole..];
        let second_is_label = ORDINAL.is_match(tail_after)
            || tail_after.starts_with('/')
            || tail_after.starts_with(':');
        if let (true, Some(mut v2), false) = (ok_sep && !tok.word, second, second_is_label) {
            if VOTE_HEAD.is_match(near_before(text, s)) && sep == "-" {
                *consumed = end + whole;
                return None;
            }
            let mut range_end = end + whole;
            if currency.is_some() {
                if let Some(m) = MULTIPLIER.captures(tail_after) {
                    let mult = multiplier(m.name("m").map_or("", |x| x.as_str()));
                    // "£1-2m": the first number shares the second's multiplier.
                    if value < v2 && MULTIPLIER.captures(after).is_none() {
                        value *= mult;
                    }
                    v2 *= mult;
                    range_end += m.get(0).map_or(0, |x| x.end());
                }
            }
            if v2 > value {
                value_max = Some(v2);
                end = range_end;
            }
        }
    }
    *consumed = (*consumed).max(end);
    let after_fig = &text[end..];
    if AGE_TAIL.is_match(after_fig) {
        return None;
    }
    if let Some(m) = marker {
        start = start.min(near_base + m.start());
    }
    let approximate = marker.is_some_and(|m| !m.as_str().eq_ignore_ascii_case("between"));

    let unit;
    let what;
    if let Some(cur) = currency {
        unit = cur;
        what = noun_after(text, end, false)
            .filter(|w| {
                !looks_past_tense(&w.split_whitespace().next().unwrap_or("").to_lowercase())
            })
            .or_else(|| money_purpose(text, start, end));
    } else if tok.fraction {
        unit = FigureUnit::Percent;
        // Skip " of": "two thirds of Ofsted inspections".
        let of_end = after_fig.find("of").map_or(end, |i| end + i + 2);
        what = noun_after(text, of_end, true);
    } else if let Some(m) = PERCENT.find(after_fig) {
        unit = FigureUnit::Percent;
        end += m.end();
        let rest = &text[end..];
        let skip_of = rest
            .trim_start()
            .strip_prefix("of ")
            .map_or(end, |r| text.len() - r.len());
        what = noun_after(text, skip_of, skip_of != end).or_else(|| {
            if word_before(text, start) == "of" {
                noun_run_before(text, start).or_else(|| noun_before(text, start))
            } else {
                noun_before(text, start)
            }
        });
    } else {
        unit = FigureUnit::Count;
        // "1.12 million visits": a count in millions, written out.
        if !tok.word {
            if let Some(m) = COUNT_MULTIPLIER.captures(&text[end..]) {
                value *= multiplier(m.name("m").map_or("", |x| x.as_str()));
                if let Some(v2) = value_max.as_mut() {
                    *v2 *= multiplier(m.name("m").map_or("", |x| x.as_str()));
                }
                end += m.get(0).map_or(0, |x| x.end());
            }
        }
        let after_fig = &text[end..];
        let own = noun_after(text, end, false)
            .filter(|w| !is_month(w.split_whitespace().next().unwrap_or("")))
            .or_else(|| {
                // "9 of the homes", "23 of the least used banks", "18 of the 25 actions".
                if tok.word {
                    return None;
                }
                let m = OF_THE.find(after_fig)?;
                let mut at = end + m.end();
                if let Some(n) = NUM.find(&text[at..]).filter(|n| n.start() == 0) {
                    at += n.end();
                }
                noun_after(text, at, true)
            });
        // A statistic stated with no noun after it: a range ("caseloads between 14 and 22"), an
        // approximation ("approximately 1,300 a month"), an average or a peak ("an average of
        // 15"), or a value a measure reached ("the waiting list stood at 1,480."). Its noun is
        // the phrase before; a duration stated this way ("between 12 and 30 weeks") counts too.
        let statistic = value_max.is_some()
            || approximate
            || STAT_HEAD.is_match(near_before(text, start))
            || (REACHED.is_match(near_before(text, start)) && CLAUSE_END.is_match(after_fig));
        // Durations only as ranges and averages ("between 12 and 30 weeks", "an average of 19
        // weeks"), not as periods ("over 20 years", "closed for around 40 days").
        let duration_ok = value_max.is_some() || STAT_HEAD.is_match(near_before(text, start));
        let unit_after = words_after(text, end, 1)
            .first()
            .map(|(w, _, _)| w.to_lowercase())
            .filter(|w| TIME_UNITS.contains(&w.as_str()));
        let stated = || {
            if !statistic || tok.word {
                return None;
            }
            if let Some(u) = &unit_after {
                let counted = duration_ok && !matches!(u.as_str(), "am" | "pm" | "time" | "times");
                return counted.then(|| u.clone());
            }
            // "an average of 15": the phrase before names what, the head says which statistic.
            let near = near_before(text, start);
            let base = start - near.len();
            let head = STAT_HEAD.captures(near).and_then(|c| {
                Some((
                    base + c.get(0)?.start(),
                    c.name("head")?.as_str().to_lowercase(),
                ))
            });
            match head {
                Some((at, head)) => {
                    Some(noun_before(text, at).map_or(head.clone(), |n| format!("{n} ({head})")))
                }
                None => noun_before(text, start),
            }
        };
        // A number in a list after a count takes its noun: "587 children in March 2016, 611
        // in March 2017", "41 homes were good and 6 required improvement".
        let inherited = || {
            so_far
                .iter()
                .rev()
                .find(|f| f.unit == FigureUnit::Count && f.sentence == sentence)
                .and_then(|f| f.what.clone())
        };
        let verb_first = own.as_deref().is_some_and(|w| {
            let first = w.split_whitespace().next().unwrap_or("").to_lowercase();
            looks_past_tense(&first)
        });
        what = match own {
            Some(_) if verb_first && !tok.word && inherited().is_some() => inherited(),
            Some(w) if tok.word => {
                // Words count only with a plural noun: "three couples", not "one part"; the
                // phrase ends at its last plural ("three residents spoke" → "residents").
                let words: Vec<&str> = w.split_whitespace().collect();
                let last_plural = words.iter().rposition(|x| is_plural(x));
                match last_plural {
                    Some(k) if !after_fig.starts_with('-') => Some(words[..=k].join(" ")),
                    _ => return None,
                }
            }
            Some(w) => Some(w),
            // "an average of 15" is its own statistic; a bare number in a list is another of
            // the count before it.
            None if !tok.word && STAT_HEAD.is_match(near_before(text, start)) => {
                Some(stated().or_else(inherited)?)
            }
            None if !tok.word => Some(inherited().or_else(stated)?),
            None => return None,
        };
        if tok.word && rest_tokens.first().is_some_and(|t| t.start == end) {
            return None;
        }
    }
    Some(RawFigure {
        start,
        end,
        value,
        value_max,
        unit,
        what,
        approximate,
        sentence,
    })
}

/// A count's multiplier written out: "1.12 million visits".
static COUNT_MULTIPLIER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s(?P<m>million|billion|thousand)\b")
        .expect("count multiplier pattern compiles")
});
/// "9 of the homes": a part of a counted whole.
static OF_THE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s+of\s+(?:the|those|these|its|their|our)\s+")
        .expect("of-the pattern compiles")
});
/// "an average of", "a peak of": a statistic's name before its value.
static STAT_HEAD: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:an?\s+|the\s+)?(?P<head>average|mean|median|peak|total|maximum|minimum|high|low|rate)\s+of\s*$")
        .expect("statistic head pattern compiles")
});
/// "stood at", "had reached", "fallen from 19 to": a measure's value follows. ("Rose to 15"
/// alone says no more than a bare number.)
static REACHED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:stood\s+at|stands\s+at|reached|totalled|totaled|(?:risen|fallen|rose|fell|increased|decreased|dropped|grown|grew|reduced|climbed)\s+from|from\s+[\d,.]+\s+to)\s*$")
        .expect("reached pattern compiles")
});
/// The number ends its clause ("…reached 11,650.", "… from 19 to 16 since September").
static CLAUSE_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?:\s*[.,;:)]|\s*$|\s+(?:since|in|at|by|to|from|over|during|this|last)\b)")
        .expect("clause end pattern compiles")
});

/// The last few words before `at`: what the end-anchored patterns look at (scanning the
/// whole paragraph before every number would make long paragraphs slow).
fn near_before(text: &str, at: usize) -> &str {
    let mut from = at.saturating_sub(80);
    while !text.is_char_boundary(from) {
        from += 1;
    }
    &text[from..at]
}

/// True when letters follow the number with no space ("20mph", "3G", "10am").
fn letter_glued(after: &str) -> bool {
    after.chars().next().is_some_and(|c| c.is_alphabetic())
}

fn multiplier(m: &str) -> f64 {
    match m.to_lowercase().as_str() {
        "m" | "mn" | "million" => 1_000_000.0,
        "bn" | "billion" => 1_000_000_000.0,
        "k" | "thousand" => 1_000.0,
        _ => 1.0,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// (value, value_max, unit, what, approximate, text)
    type Expect<'a> = (f64, Option<f64>, FigureUnit, Option<&'a str>, bool, &'a str);
    /// The same, owned, as read.
    type Read = (f64, Option<f64>, FigureUnit, Option<String>, bool, String);

    fn check(input: &str) -> Vec<Read> {
        scan(input)
            .into_iter()
            .map(|f| {
                (
                    f.value,
                    f.value_max,
                    f.unit,
                    f.what,
                    f.approximate,
                    input[f.start..f.end].to_string(),
                )
            })
            .collect()
    }

    fn expect(e: &[Expect]) -> Vec<Read> {
        e.iter()
            .map(|(v, m, u, w, a, t)| (*v, *m, *u, w.map(str::to_string), *a, t.to_string()))
            .collect()
    }

    #[test]
    fn figures_are_read_with_value_unit_and_noun() {
        use FigureUnit::*;
        let cases: &[(&str, &str, &[Expect])] = &[
            ("money before a verb takes the phrase before it",
             "The cost of a placement in-house was £23,000 and the agency cost was £40,000.",
             &[(23000.0, None, Gbp, Some("cost of a placement in-house"), false, "£23,000"),
               (40000.0, None, Gbp, Some("agency cost"), false, "£40,000")]),
            ("approximate money keeps its marker",
             "Costs fell by approx. £250,000 this year.",
             &[(250000.0, None, Gbp, Some("Costs"), true, "approx. £250,000")]),
            ("multipliers scale money",
             "A £1.2m grant, £3.5 million of capital, £40k for repairs, €2,000 and $1.5 million.",
             &[(1_200_000.0, None, Gbp, Some("grant"), false, "£1.2m"),
               (3_500_000.0, None, Gbp, Some("capital"), false, "£3.5 million"),
               (40_000.0, None, Gbp, Some("repairs"), false, "£40k"),
               (2000.0, None, Eur, None, false, "€2,000"),
               (1_500_000.0, None, Usd, None, false, "$1.5 million")]),
            ("a range or an average with no noun after it takes the phrase before",
             "Social workers held caseloads between 14 and 22; the team had an average of 15.",
             &[(14.0, Some(22.0), Count, Some("Social workers held caseloads"), false, "between 14 and 22"),
               (15.0, None, Count, Some("team (average)"), false, "15")]),
            ("a duration as a range or an average counts; as a period it does not",
             "Waits ranged between 12 and 30 weeks. The service closed for around 40 days.",
             &[(12.0, Some(30.0), Count, Some("weeks"), false, "between 12 and 30")]),
            ("a value a measure stood at or reached, and a change from one value to another",
             "The waiting list stood at 1,480. Pupils with a plan had reached 11,650. High risks had fallen from 19 to 16 since May.",
             &[(1480.0, None, Count, Some("waiting list"), false, "1,480"),
               (11650.0, None, Count, Some("Pupils with a plan"), false, "11,650"),
               (19.0, None, Count, Some("High risks"), false, "19"),
               (16.0, None, Count, Some("High risks"), false, "16")]),
            ("parts of a whole, and counts in millions written out",
             "9 of the homes would be affordable; the sites had 1.12 million visits.",
             &[(9.0, None, Count, Some("homes"), false, "9"),
               (1_120_000.0, None, Count, Some("visits"), false, "1.12 million")]),
            ("counts take the noun after them, through 'per'",
             "There were 18 cases per social worker and 87 foster care families on the books.",
             &[(18.0, None, Count, Some("cases per social worker"), false, "18"),
               (87.0, None, Count, Some("foster care families"), false, "87")]),
            ("a bare number in a list inherits the count's noun",
             "There were 587 looked after children in March 2016, 611 in March 2017 and now 640.",
             &[(587.0, None, Count, Some("looked after children"), false, "587"),
               (611.0, None, Count, Some("looked after children"), false, "611"),
               (640.0, None, Count, Some("looked after children"), false, "640")]),
            ("percentages, with and without 'per cent'",
             "A 36% increase in enquiries in May; 12 per cent of staff; a 100% rate.",
             &[(36.0, None, Percent, Some("increase in enquiries"), false, "36%"),
               (12.0, None, Percent, Some("staff"), false, "12 per cent"),
               (100.0, None, Percent, Some("rate"), false, "100%")]),
            ("a range shares its multiplier",
             "The scheme will cost £1-2m.",
             &[(1_000_000.0, Some(2_000_000.0), Gbp, Some("scheme"), false, "£1-2m")]),
            ("ranges give a lower and upper value",
             "Caseloads ranged between 12 and 20 cases; each mentor carer supports 4-5 other foster carers; 10 to 15 visits.",
             &[(12.0, Some(20.0), Count, Some("cases"), false, "between 12 and 20"),
               (4.0, Some(5.0), Count, Some("other foster carers"), false, "4-5"),
               (10.0, Some(15.0), Count, Some("visits"), false, "10 to 15")]),
            ("approximation markers",
             "Audits of up to 40 children cases, in the region of 10,000 court applications and about 16 cases.",
             &[(40.0, None, Count, Some("children cases"), true, "up to 40"),
               (10000.0, None, Count, Some("court applications"), true, "in the region of 10,000"),
               (16.0, None, Count, Some("cases"), true, "about 16")]),
            ("small counts in words need a plural noun",
             "Three foster carer couples were booked; one part was late; it took two years.",
             &[(3.0, None, Count, Some("foster carer couples"), false, "Three")]),
            ("fractions are percentages",
             "About two thirds of inspections were poor.",
             &[(66.7, None, Percent, Some("inspections"), true, "About two thirds")]),
            ("what a sum or rate is for, from the words before it",
             "Residents face a parking charge rise of 4.5%. Hall hire fees rise to $1,250. The grant for 2024-25 was set at £7,200. The clerk paid invoices totalling £3,410.50.",
             &[(4.5, None, Percent, Some("parking charge rise"), false, "4.5%"),
               (1250.0, None, Usd, Some("Hall hire fees"), false, "$1,250"),
               (7200.0, None, Gbp, Some("grant for 2024-25"), false, "£7,200"),
               (3410.5, None, Gbp, Some("invoices"), false, "£3,410.50")]),
            ("a noun ending in 'ed' is not a verb",
             "The councils share a 4 bed unit.",
             &[(4.0, None, Count, Some("bed unit"), false, "4")]),
            ("'19 of which' inherits the noun",
             "Inspectors made 21 recommendations, 19 of which concerned front-line teams.",
             &[(21.0, None, Count, Some("recommendations"), false, "21"),
               (19.0, None, Count, Some("recommendations"), false, "19")]),
        ];
        for (rule, input, expected) in cases {
            assert_eq!(check(input), expect(expected), "{rule}");
        }
    }

    #[test]
    fn numbers_that_are_not_figures_are_skipped() {
        let cases: &[(&str, &str)] = &[
            (
                "dates and years",
                "On 24th April 2017, 3 October and 7 and 8 September 2021 in 2016/17 and 2017-18.",
            ),
            (
                "times",
                "The meeting started at 5.00 pm and ended at 6:26pm, or 9.15pm.",
            ),
            (
                "item and paragraph numbers",
                "9.1 Minute 10/17 and A26/17 were noted.",
            ),
            ("phone numbers", "Call 0121 569 3896 or 01922 652756."),
            (
                "references",
                "Under Regulation 7 (6) and Key Stage 4 in phase 2 of Section 17.",
            ),
            (
                "ages",
                "Children aged 18 stay; services for 0-25 year old people; care to 21+.",
            ),
            ("votes", "Motion carried 5-0."),
            (
                "a number with no noun",
                "The total rose to 15. It was noted.",
            ),
        ];
        for (rule, input) in cases {
            assert_eq!(check(input), vec![], "{rule} are not figures: {input}");
        }
    }
}
