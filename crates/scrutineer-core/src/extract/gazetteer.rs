//! A gazetteer of UK and Irish local authorities: official names, short forms and web domains.
//!
//! Minutes rarely print a council's official name. They say "Sandwell Council House", "the
//! County Council", "Walsall MBC", or give an e-mail address at `walsall.gov.uk`. The data file
//! (`data/councils.tsv`) lists every principal council of Great Britain and Northern Ireland and
//! Ireland's 31 local authorities once, with its place names and domains; the usual short forms
//! are derived here from the council's kind, so the file stays small and a rule fixed once is
//! fixed for every council.
//!
//! All names go into one Aho-Corasick automaton built on first use, so finding every mention in
//! a document is one pass over its text. Town, parish and community councils and US councils
//! are not listed (no list has them all); `council.rs` recognises them by pattern.

use std::collections::HashMap;
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::normalize::fold;

/// The data file, compiled in so the gazetteer never depends on the working directory.
const DATA: &str = include_str!("../../data/councils.tsv");

/// What sort of authority a council is. Decides the short forms people use for it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Kind {
    County,
    District,
    Unitary,
    Metropolitan,
    London,
    CityOfLondon,
    Welsh,
    Scottish,
    NorthernIrish,
    IrishCounty,
    IrishCity,
    IrishCityCounty,
}

impl Kind {
    fn parse(s: &str) -> Option<Kind> {
        Some(match s {
            "county" => Kind::County,
            "district" => Kind::District,
            "unitary" => Kind::Unitary,
            "metropolitan" => Kind::Metropolitan,
            "london" => Kind::London,
            "city-of-london" => Kind::CityOfLondon,
            "welsh" => Kind::Welsh,
            "scottish" => Kind::Scottish,
            "ni" => Kind::NorthernIrish,
            "irish-county" => Kind::IrishCounty,
            "irish-city" => Kind::IrishCity,
            "irish-city-county" => Kind::IrishCityCounty,
            _ => return None,
        })
    }

    /// The name patterns of this kind of council, `{}` standing for the place.
    fn qualified_forms(self) -> &'static [&'static str] {
        match self {
            Kind::County => &["{} County Council", "{} CC"],
            Kind::District => &[
                "{} District Council",
                "{} Borough Council",
                "{} City Council",
                "{} Council",
                "{} DC",
                "{} BC",
                "Borough of {}",
            ],
            Kind::Unitary => &[
                "{} Council",
                "{} Borough Council",
                "{} City Council",
                "{} BC",
                "Borough of {}",
            ],
            Kind::Metropolitan => &[
                "{} Metropolitan Borough Council",
                "{} Metropolitan District Council",
                "{} Metropolitan Borough",
                "Metropolitan Borough of {}",
                "{} Borough Council",
                "{} City Council",
                "{} Council",
                "{} MBC",
                "{} MDC",
            ],
            Kind::London => &[
                "London Borough of {}",
                "Royal Borough of {}",
                "{} London Borough Council",
                "{} Borough Council",
                "{} Council",
                "LB {}",
            ],
            Kind::CityOfLondon => &[],
            Kind::Welsh => &[
                "{} County Council",
                "{} County Borough Council",
                "{} Council",
                "{} City Council",
                "{} CBC",
                "Cyngor {}",
            ],
            Kind::Scottish => &["{} Council", "{} City Council"],
            Kind::NorthernIrish => &[
                "{} Borough Council",
                "{} District Council",
                "{} City Council",
                "{} Council",
            ],
            Kind::IrishCounty => &[
                "{} County Council",
                "{} Co. Council",
                "{} Co Council",
                "County {} Council",
                "{} Council",
            ],
            Kind::IrishCity => &["{} City Council", "{} Council"],
            Kind::IrishCityCounty => &[
                "{} City and County Council",
                "{} City Council",
                "{} County Council",
                "{} Council",
            ],
        }
    }

    /// True when the council is commonly called "the County Council" in its own minutes.
    pub fn says_county_council(self) -> bool {
        matches!(self, Kind::County | Kind::IrishCounty | Kind::Welsh)
    }
}

/// Buildings a council's own meetings are held in: "Sandwell Council House", "Barnsley Town
/// Hall". A meeting's venue names its council more reliably than the body text does.
const BUILDINGS: &[&str] = &[
    "{} Council House",
    "{} Town Hall",
    "{} City Hall",
    "{} Civic Centre",
    "{} Civic Offices",
    "{} County Hall",
    "{} Guildhall",
    "{} Council Offices",
];

/// One local authority.
#[derive(Debug, Clone)]
pub(crate) struct Council {
    /// The official name: what the record stores.
    pub official: String,
    pub kind: Kind,
    /// False for councils abolished in a reorganisation.
    pub current: bool,
}

/// How a mention names its council, strongest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) enum Form {
    /// "Sandwell Metropolitan Borough Council".
    Official,
    /// "Sandwell MBC", "Sandwell Council", "London Borough of Croydon", a listed alias.
    Qualified,
    /// "walsall.gov.uk", "@croydon.gov.uk".
    Domain,
    /// "Sandwell Council House".
    Building,
    /// The place alone: "Sandwell", "West Sussex". Weak: places are named for many reasons.
    Place,
}

/// A council named in a text.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Mention {
    /// Byte range in the searched text.
    pub start: usize,
    pub end: usize,
    /// The councils the words could name (two for "Cork", city and county), with how.
    pub councils: Vec<(usize, Form)>,
}

impl Mention {
    /// The strongest form among the councils named.
    pub fn form(&self) -> Form {
        self.councils
            .iter()
            .map(|c| c.1)
            .min()
            .unwrap_or(Form::Place)
    }
}

/// One searchable name.
#[derive(Debug, Clone)]
struct Pattern {
    text: String,
    /// Capitals in the pattern must be capitals in the text: places and abbreviations
    /// ("Reading" the town, not "reading"; "MBC", not "mbc").
    keep_case: bool,
    /// A domain: may follow `@`, `.` or `/`, never a letter or hyphen.
    domain: bool,
    councils: Vec<(usize, Form)>,
}

/// The loaded gazetteer with its matcher.
pub(crate) struct Gazetteer {
    pub councils: Vec<Council>,
    patterns: Vec<Pattern>,
    matcher: Option<AhoCorasick>,
    by_name: HashMap<String, usize>,
}

/// The gazetteer, parsed and compiled once per process.
pub(crate) fn gazetteer() -> &'static Gazetteer {
    static GAZETTEER: LazyLock<Gazetteer> = LazyLock::new(|| Gazetteer::parse(DATA));
    &GAZETTEER
}

impl Gazetteer {
    /// Parse the data file. Malformed lines are skipped (the data is ours and tested; a bad
    /// line must not take extraction down with it).
    fn parse(data: &str) -> Gazetteer {
        let mut councils = Vec::new();
        let mut names: HashMap<String, Pattern> = HashMap::new();
        let mut add = |text: String, form: Form, council: usize, keep_case: bool, domain: bool| {
            let key = if keep_case {
                text.clone()
            } else {
                text.to_ascii_lowercase()
            };
            let p = names.entry(key).or_insert_with(|| Pattern {
                text: text.clone(),
                keep_case,
                domain,
                councils: Vec::new(),
            });
            match p.councils.iter_mut().find(|c| c.0 == council) {
                Some(c) => c.1 = c.1.min(form),
                None => p.councils.push((council, form)),
            }
        };
        for line in data.lines() {
            if line.starts_with('#') || line.trim().is_empty() {
                continue;
            }
            let cols: Vec<&str> = line.split('\t').collect();
            let (Some(official), Some(kind)) =
                (cols.first(), cols.get(1).and_then(|k| Kind::parse(k)))
            else {
                continue;
            };
            let list = |i: usize| -> Vec<String> {
                cols.get(i)
                    .map(|c| {
                        c.split('|')
                            .map(str::trim)
                            .filter(|s| !s.is_empty())
                            .map(str::to_string)
                            .collect()
                    })
                    .unwrap_or_default()
            };
            let places = list(2);
            let domains = list(3);
            let aliases = list(4);
            let note = cols.get(5).copied().unwrap_or("");
            let idx = councils.len();
            for v in variants(official) {
                add(v, Form::Official, idx, false, false);
            }
            for alias in &aliases {
                let acronym = !alias.chars().any(|c| c.is_lowercase());
                for v in variants(alias) {
                    add(v, Form::Qualified, idx, acronym, false);
                }
            }
            for place in &places {
                for p in variants(place) {
                    for form in kind.qualified_forms() {
                        let text = form.replace("{}", &p);
                        // Abbreviated forms ("Walsall MBC") must keep their capitals.
                        let abbreviated = form
                            .split(' ')
                            .any(|w| w.len() >= 2 && w.chars().all(|c| c.is_ascii_uppercase()));
                        add(text, Form::Qualified, idx, abbreviated, false);
                    }
                    for form in BUILDINGS {
                        add(form.replace("{}", &p), Form::Building, idx, false, false);
                    }
                    add(p.clone(), Form::Place, idx, true, false);
                }
            }
            for d in &domains {
                add(d.to_ascii_lowercase(), Form::Domain, idx, false, true);
            }
            councils.push(Council {
                official: official.to_string(),
                kind,
                current: !note.contains("abolished") && !note.contains("replaced"),
            });
        }
        let patterns: Vec<Pattern> = names.into_values().collect();
        let matcher = AhoCorasickBuilder::new()
            .ascii_case_insensitive(true)
            .match_kind(MatchKind::Standard)
            .build(patterns.iter().map(|p| p.text.as_str()))
            .ok();
        let by_name = councils
            .iter()
            .enumerate()
            .map(|(i, c)| (fold(&c.official), i))
            .collect();
        Gazetteer {
            councils,
            patterns,
            matcher,
            by_name,
        }
    }

    /// Every council mention in `text`, left to right, not overlapping: where names overlap the
    /// longest wins ("Sandwell Council House" over "Sandwell Council" over "Sandwell").
    pub fn find(&self, text: &str) -> Vec<Mention> {
        let Some(matcher) = &self.matcher else {
            return Vec::new();
        };
        let bytes = text.as_bytes();
        let mut found: Vec<(usize, usize, usize)> = Vec::new();
        for m in matcher.find_overlapping_iter(text) {
            let p = &self.patterns[m.pattern().as_usize()];
            let (s, e) = (m.start(), m.end());
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            if !bounded(text, s, e, p.domain) {
                continue;
            }
            if p.keep_case
                && p.text
                    .bytes()
                    .zip(&bytes[s..e])
                    .any(|(pc, tc)| pc.is_ascii_uppercase() && !tc.is_ascii_uppercase())
            {
                continue;
            }
            found.push((s, e, m.pattern().as_usize()));
        }
        // Leftmost-longest over the valid matches.
        found.sort_by(|a, b| a.0.cmp(&b.0).then(b.1.cmp(&a.1)));
        let mut out = Vec::new();
        let mut next_free = 0usize;
        for (s, e, p) in found {
            if s < next_free {
                continue;
            }
            next_free = e;
            out.push(Mention {
                start: s,
                end: e,
                councils: self.patterns[p].councils.clone(),
            });
        }
        out
    }

    /// The council whose official name is `name` (any case and spacing).
    pub fn by_official(&self, name: &str) -> Option<&Council> {
        self.by_name.get(&fold(name)).map(|&i| &self.councils[i])
    }
}

/// True when `text[s..e]` stands as whole words: no letter or digit runs on at either end.
fn bounded(text: &str, s: usize, e: usize, domain: bool) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let word = |c: Option<char>| c.is_some_and(|c| c.is_alphanumeric());
    if domain {
        // `democracy.walsall.gov.uk` and `@walsall.gov.uk` count; `northwalsall.gov.uk` and
        // `walsall.gov.uk.example` do not.
        let after_ok = match after {
            Some('.') => !word(text[e + 1..].chars().next()),
            Some(c) => !(c.is_alphanumeric() || c == '-'),
            None => true,
        };
        return !word(before) && before != Some('-') && after_ok;
    }
    !word(before) && !word(after) && before != Some('@')
}

/// The spellings of a name people type: with "&" for "and", without accents, with spaces for
/// hyphens, with "St." for "St".
fn variants(name: &str) -> Vec<String> {
    let mut out = vec![name.to_string()];
    let push = |v: String, out: &mut Vec<String>| {
        if !out.contains(&v) {
            out.push(v);
        }
    };
    let plain: String = name.chars().map(unaccent).collect();
    push(plain, &mut out);
    for v in out.clone() {
        if v.contains(" and ") {
            push(v.replace(" and ", " & "), &mut out);
        }
    }
    for v in out.clone() {
        if v.contains('-') {
            push(v.replace('-', " "), &mut out);
        }
        if let Some(rest) = v.strip_prefix("St ") {
            push(format!("St. {rest}"), &mut out);
        }
    }
    out
}

/// The letter without its accent, for the Irish names ("Dún Laoghaire").
fn unaccent(c: char) -> char {
    match c {
        'á' | 'à' | 'â' | 'ä' => 'a',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'í' | 'ì' | 'î' | 'ï' => 'i',
        'ó' | 'ò' | 'ô' | 'ö' => 'o',
        'ú' | 'ù' | 'û' | 'ü' => 'u',
        'Á' => 'A',
        'É' => 'E',
        'Í' => 'I',
        'Ó' => 'O',
        'Ú' => 'U',
        _ => c,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn count(kind: &[Kind], current: bool) -> usize {
        gazetteer()
            .councils
            .iter()
            .filter(|c| kind.contains(&c.kind) && c.current == current)
            .count()
    }

    #[test]
    fn the_gazetteer_is_complete() {
        use Kind::*;
        let gb_ni = count(
            &[
                County,
                District,
                Unitary,
                Metropolitan,
                London,
                CityOfLondon,
                Welsh,
                Scottish,
                NorthernIrish,
            ],
            true,
        );
        assert_eq!(
            gb_ni, 382,
            "every principal council of GB and NI is listed once"
        );
        assert_eq!(count(&[London], true), 32, "32 London boroughs");
        assert_eq!(count(&[Metropolitan], true), 36, "36 metropolitan boroughs");
        assert_eq!(count(&[County], true), 21, "21 county councils since 2023");
        assert_eq!(
            count(&[District], true),
            164,
            "164 district councils since 2023"
        );
        assert_eq!(count(&[Welsh], true), 22, "22 Welsh principal areas");
        assert_eq!(count(&[Scottish], true), 32, "32 Scottish council areas");
        assert_eq!(
            count(&[NorthernIrish], true),
            11,
            "11 Northern Irish districts"
        );
        let irish = count(&[IrishCounty, IrishCity, IrishCityCounty], true);
        assert_eq!(irish, 31, "Ireland's 31 local authorities");
        let mut names: Vec<String> = gazetteer()
            .councils
            .iter()
            .map(|c| fold(&c.official))
            .collect();
        names.sort();
        let before = names.len();
        names.dedup();
        assert_eq!(before, names.len(), "no council is listed twice");
    }

    fn named(text: &str) -> Vec<(String, String, Form)> {
        let g = gazetteer();
        g.find(text)
            .into_iter()
            .map(|m| {
                let names: Vec<&str> = m
                    .councils
                    .iter()
                    .map(|c| g.councils[c.0].official.as_str())
                    .collect();
                (
                    text[m.start..m.end].to_string(),
                    names.join(" / "),
                    m.form(),
                )
            })
            .collect()
    }

    #[test]
    fn short_forms_domains_and_capitals_are_recognised() {
        let cases: &[(&str, &str, &str, Form)] = &[
            (
                "at the Sandwell Council House, Oldbury",
                "Sandwell Council House",
                "Sandwell Metropolitan Borough Council",
                Form::Building,
            ),
            (
                "BARNSLEY METROPOLITAN BOROUGH COUNCIL",
                "BARNSLEY METROPOLITAN BOROUGH COUNCIL",
                "Barnsley Metropolitan Borough Council",
                Form::Official,
            ),
            (
                "write to jo.bloggs@walsall.gov.uk today",
                "walsall.gov.uk",
                "Walsall Metropolitan Borough Council",
                Form::Domain,
            ),
            (
                "see https://democracy.croydon.gov.uk/x",
                "croydon.gov.uk",
                "London Borough of Croydon",
                Form::Domain,
            ),
            (
                "a report to Walsall MBC",
                "Walsall MBC",
                "Walsall Metropolitan Borough Council",
                Form::Qualified,
            ),
            (
                "Dun Laoghaire-Rathdown County Council met",
                "Dun Laoghaire-Rathdown County Council",
                "Dún Laoghaire-Rathdown County Council",
                Form::Official,
            ),
            (
                "Brighton & Hove City Council",
                "Brighton & Hove City Council",
                "Brighton and Hove City Council",
                Form::Official,
            ),
            (
                "Stoke on Trent City Council",
                "Stoke on Trent City Council",
                "Stoke-on-Trent City Council",
                Form::Official,
            ),
            (
                "the Royal Borough of Greenwich",
                "Royal Borough of Greenwich",
                "Royal Borough of Greenwich",
                Form::Official,
            ),
            (
                "Cork County Council",
                "Cork County Council",
                "Cork County Council",
                Form::Official,
            ),
            (
                "Cork City Council",
                "Cork City Council",
                "Cork City Council",
                Form::Official,
            ),
            (
                "St. Helens Council",
                "St. Helens Council",
                "St Helens Metropolitan Borough Council",
                Form::Qualified,
            ),
        ];
        for (text, matched, council, form) in cases {
            let found = named(text);
            assert_eq!(
                found.first(),
                Some(&(matched.to_string(), council.to_string(), *form)),
                "{text:?}: the longest name wins and maps to the canonical council"
            );
        }
    }

    #[test]
    fn lower_case_words_and_word_parts_are_not_places() {
        for text in [
            "reading the report",
            "they bury the cable",
            "Sandwellian",
            "northwalsall.gov.uk",
            "a kent of walsall mbc",
        ] {
            let found = named(text);
            assert!(
                found.is_empty(),
                "{text:?}: a place must be capitalised and a whole word, got {found:?}"
            );
        }
    }

    #[test]
    fn a_shared_place_names_both_councils() {
        let found = named("in Cork the council");
        assert_eq!(found.len(), 1);
        assert!(
            found[0].1.contains("Cork County Council") && found[0].1.contains("Cork City Council"),
            "bare 'Cork' may be the city or the county: {found:?}"
        );
    }
}
