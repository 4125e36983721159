//! Codebooks: the themes a user looks for, as data the user owns.
//!
//! Scrutineer ships two codebooks as readable TOML files (`data/codebooks/`): one for
//! children's services scrutiny and a smaller one for local government in general, so that
//! other committees are not blank. Users edit them in the app or by hand; every edit here is a
//! pure function that validates first and changes nothing when it fails, with an error
//! (`Error::Invalid`) that says which theme, field or line is wrong.
//!
//! Re-applying a codebook to a library of thousands of meetings should not re-read every
//! paragraph for every theme. Each theme has a [`fingerprint`] (a hash of its patterns, not of
//! its label): the store keeps the fingerprints it last matched with, and [`diff`] tells it
//! which themes to re-match everywhere (new or changed patterns), which to drop, and which are
//! unchanged (to be matched only against new paragraphs).

use std::collections::HashSet;

use serde::{Deserialize, Serialize};
use sha2::{Digest, Sha256};
use ts_rs::TS;

use super::pattern::Pattern;
use crate::model::{Codebook, Theme};
use crate::{Error, Result};

/// Bumped whenever matching semantics change, so every theme's fingerprint changes with it and
/// stored matches are recomputed.
pub const MATCHER_VERSION: u32 = 1;

const CHILDRENS_SERVICES: &str = include_str!("../../data/codebooks/childrens-services.toml");
const LOCAL_GOVERNMENT: &str = include_str!("../../data/codebooks/local-government.toml");

/// The codebooks Scrutineer ships.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum BuiltinCodebook {
    /// Children's services scrutiny: fostering, looked-after children, Ofsted, caseloads…
    ChildrensServices,
    /// Local government in general: planning, housing, highways, budgets…
    LocalGovernment,
}

/// One of the shipped codebooks.
pub fn builtin(which: BuiltinCodebook) -> Result<Codebook> {
    let text = match which {
        BuiltinCodebook::ChildrensServices => CHILDRENS_SERVICES,
        BuiltinCodebook::LocalGovernment => LOCAL_GOVERNMENT,
    };
    from_toml(text)
}

/// The codebook a new library starts with: children's services themes, then local government.
pub fn default_codebook() -> Result<Codebook> {
    let mut codebook = builtin(BuiltinCodebook::ChildrensServices)?;
    codebook.name = "Scrutineer default".to_string();
    codebook
        .themes
        .extend(builtin(BuiltinCodebook::LocalGovernment)?.themes);
    validate(&codebook)?;
    Ok(codebook)
}

// ---------------------------------------------------------------------------------------------
// Import and export
// ---------------------------------------------------------------------------------------------

/// A codebook file as people write it: description, group and exclude may be left out, and an
/// unknown key (a typo such as `inclde`) is an error rather than silently ignored.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct CodebookFile {
    name: String,
    #[serde(default)]
    themes: Vec<ThemeFile>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct ThemeFile {
    id: String,
    label: String,
    #[serde(default)]
    description: String,
    #[serde(default)]
    group: String,
    #[serde(default)]
    include: Vec<String>,
    #[serde(default)]
    exclude: Vec<String>,
}

impl From<CodebookFile> for Codebook {
    fn from(f: CodebookFile) -> Codebook {
        Codebook {
            name: f.name,
            themes: f
                .themes
                .into_iter()
                .map(|t| Theme {
                    id: t.id,
                    label: t.label,
                    description: t.description,
                    group: t.group,
                    include: t.include,
                    exclude: t.exclude,
                })
                .collect(),
        }
    }
}

/// Read a codebook from TOML. Syntax errors name the line and column; invalid themes name the
/// theme, the field and the line.
pub fn from_toml(text: &str) -> Result<Codebook> {
    let file: CodebookFile = toml::from_str(text)
        .map_err(|e| Error::Invalid(format!("codebook is not valid: {}", e.to_string().trim())))?;
    let codebook = Codebook::from(file);
    validate(&codebook).map_err(|e| locate(e, text))?;
    Ok(codebook)
}

/// Read a codebook from JSON (the shape of [`Codebook`]).
pub fn from_json(text: &str) -> Result<Codebook> {
    let file: CodebookFile = serde_json::from_str(text)
        .map_err(|e| Error::Invalid(format!("codebook is not valid: {e}")))?;
    let codebook = Codebook::from(file);
    validate(&codebook).map_err(|e| locate(e, text))?;
    Ok(codebook)
}

/// Write a codebook as TOML, readable and ready to edit.
pub fn to_toml(codebook: &Codebook) -> Result<String> {
    toml::to_string_pretty(codebook)
        .map_err(|e| Error::Invalid(format!("cannot write codebook: {e}")))
}

/// Write a codebook as pretty JSON.
pub fn to_json(codebook: &Codebook) -> Result<String> {
    serde_json::to_string_pretty(codebook)
        .map_err(|e| Error::Invalid(format!("cannot write codebook: {e}")))
}

fn invalid(message: String) -> Error {
    Error::Invalid(message)
}

/// Add "line N: " to a validation error by finding what it names in the source text: the
/// theme's `id` entry, then the first occurrence of the offending quoted value after it.
fn locate(err: Error, source: &str) -> Error {
    let Error::Invalid(message) = err else {
        return err;
    };
    // Messages quote the theme id first, then the value: `theme "x": include pattern "v": …`.
    let quoted: Vec<&str> = message.split('"').skip(1).step_by(2).collect();
    let Some(id) = quoted.first() else {
        return Error::Invalid(message);
    };
    let id_entry = regex::Regex::new(&format!(r#"\bid"?\s*[:=]\s*"{}""#, regex::escape(id)));
    // A duplicate id is reported where it is used the second time.
    let duplicate = message.contains("is used by another theme");
    let found = id_entry.ok().and_then(|re| {
        let mut all = re.find_iter(source).map(|m| m.start());
        if duplicate {
            all.last()
        } else {
            all.next()
        }
    });
    let Some(mut from) = found else {
        return Error::Invalid(message);
    };
    if let Some(value) = quoted.get(1) {
        let needle = format!("\"{value}\"");
        if let Some(at) = source[from..].find(&needle) {
            from += at;
        }
    }
    let line = source[..from].matches('\n').count() + 1;
    Error::Invalid(format!("line {line}: {message}"))
}

// ---------------------------------------------------------------------------------------------
// Validation
// ---------------------------------------------------------------------------------------------

/// Check a whole codebook: a name, unique well-formed ids, labels, patterns that compile, no
/// pattern listed twice in one theme.
pub fn validate(codebook: &Codebook) -> Result<()> {
    if codebook.name.trim().is_empty() {
        return Err(invalid("the codebook has no name".to_string()));
    }
    let mut ids = HashSet::new();
    for theme in &codebook.themes {
        validate_theme(theme)?;
        if !ids.insert(theme.id.as_str()) {
            return Err(invalid(format!(
                "theme \"{}\": id is used by another theme",
                theme.id
            )));
        }
    }
    Ok(())
}

/// Check one theme on its own.
pub fn validate_theme(theme: &Theme) -> Result<()> {
    validate_id(&theme.id)?;
    if theme.label.trim().is_empty() {
        return Err(invalid(format!("theme \"{}\": label is empty", theme.id)));
    }
    for (field, list) in [("include", &theme.include), ("exclude", &theme.exclude)] {
        let mut seen = HashSet::new();
        for source in list {
            let pattern = Pattern::parse(source).map_err(|e| {
                invalid(format!(
                    "theme \"{}\": {field} pattern \"{source}\": {e}",
                    theme.id
                ))
            })?;
            if !seen.insert(pattern.canonical()) {
                return Err(invalid(format!(
                    "theme \"{}\": {field} pattern \"{source}\" is listed twice",
                    theme.id
                )));
            }
        }
    }
    Ok(())
}

/// A theme id: 1–64 characters of lower-case letters, digits and hyphens, starting with a
/// letter or digit. Ids are keys in the library and in files, so they stay plain.
fn validate_id(id: &str) -> Result<()> {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && !id.starts_with('-');
    if ok {
        Ok(())
    } else {
        Err(invalid(format!(
                "theme \"{id}\": id must be 1-64 lower-case letters, digits and hyphens (as in looked-after-children)"
            )))
    }
}

// ---------------------------------------------------------------------------------------------
// Edits
// ---------------------------------------------------------------------------------------------

/// Which list of a theme a pattern belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum PatternList {
    Include,
    Exclude,
}

fn position(codebook: &Codebook, id: &str) -> Result<usize> {
    codebook
        .themes
        .iter()
        .position(|t| t.id == id)
        .ok_or_else(|| Error::Invalid(format!("no theme with id \"{id}\"")))
}

/// Apply `edit` to a copy, validate the copy, and only then keep it: a failed edit leaves the
/// codebook as it was.
fn edit_checked(
    codebook: &mut Codebook,
    edit: impl FnOnce(&mut Codebook) -> Result<()>,
) -> Result<()> {
    let mut copy = codebook.clone();
    edit(&mut copy)?;
    validate(&copy)?;
    *codebook = copy;
    Ok(())
}

/// Add a theme at the end.
pub fn add_theme(codebook: &mut Codebook, theme: Theme) -> Result<()> {
    edit_checked(codebook, |c| {
        c.themes.push(theme);
        Ok(())
    })
}

/// Give a theme a new label. Its id (the key its evidence is stored under) does not change.
pub fn rename_theme(codebook: &mut Codebook, id: &str, label: &str) -> Result<()> {
    edit_checked(codebook, |c| {
        let at = position(c, id)?;
        c.themes[at].label = label.trim().to_string();
        Ok(())
    })
}

/// Merge theme `from` into theme `into`: `into` gets the union of both themes' include and
/// exclude patterns (less any exclude the other theme includes outright), and `from` is
/// removed. `into`'s fingerprint changes, so the store re-matches it and
/// `from`'s evidence follows into it.
pub fn merge_themes(codebook: &mut Codebook, from: &str, into: &str) -> Result<()> {
    if from == into {
        return Err(Error::Invalid(format!(
            "cannot merge theme \"{from}\" into itself"
        )));
    }
    edit_checked(codebook, |c| {
        let source = c.themes[position(c, from)?].clone();
        let at = position(c, into)?;
        let target = &mut c.themes[at];
        let canon = |s: &String| Pattern::parse(s).map(|p| p.canonical()).ok();
        for p in &source.include {
            if !target.include.iter().any(|q| canon(q) == canon(p)) {
                target.include.push(p.clone());
            }
        }
        for p in &source.exclude {
            if !target.exclude.iter().any(|q| canon(q) == canon(p)) {
                target.exclude.push(p.clone());
            }
        }
        // An exclude written against one theme must not silence what the other includes: an
        // exclude is dropped when the merged theme also includes exactly that pattern.
        let includes: Vec<String> = target.include.iter().filter_map(canon).collect();
        target
            .exclude
            .retain(|x| canon(x).is_none_or(|x| !includes.contains(&x)));
        let at_from = position(c, from)?;
        c.themes.remove(at_from);
        Ok(())
    })
}

/// Delete a theme.
pub fn delete_theme(codebook: &mut Codebook, id: &str) -> Result<()> {
    edit_checked(codebook, |c| {
        let at = position(c, id)?;
        c.themes.remove(at);
        Ok(())
    })
}

/// Add a pattern to a theme's include or exclude list.
pub fn add_pattern(
    codebook: &mut Codebook,
    id: &str,
    list: PatternList,
    pattern: &str,
) -> Result<()> {
    edit_checked(codebook, |c| {
        let at = position(c, id)?;
        let pattern = pattern.trim().to_string();
        match list {
            PatternList::Include => c.themes[at].include.push(pattern),
            PatternList::Exclude => c.themes[at].exclude.push(pattern),
        }
        Ok(())
    })
}

/// Remove a pattern from a theme's include or exclude list. The pattern is found by its
/// canonical form, so "Looked-After" removes "looked after".
pub fn remove_pattern(
    codebook: &mut Codebook,
    id: &str,
    list: PatternList,
    pattern: &str,
) -> Result<()> {
    let wanted = Pattern::parse(pattern)
        .map_err(|e| Error::Invalid(format!("pattern \"{pattern}\": {e}")))?
        .canonical();
    edit_checked(codebook, |c| {
        let at = position(c, id)?;
        let target = match list {
            PatternList::Include => &mut c.themes[at].include,
            PatternList::Exclude => &mut c.themes[at].exclude,
        };
        let before = target.len();
        target
            .retain(|p| Pattern::parse(p).map(|p| p.canonical()).ok().as_deref() != Some(&wanted));
        if target.len() == before {
            return Err(Error::Invalid(format!(
                "theme \"{id}\" has no {} pattern \"{pattern}\"",
                match list {
                    PatternList::Include => "include",
                    PatternList::Exclude => "exclude",
                }
            )));
        }
        Ok(())
    })
}

/// One edit of a codebook, as the app and the CLI ask for it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(tag = "edit", rename_all = "camelCase")]
#[ts(export)]
pub enum CodebookEdit {
    AddTheme {
        theme: Theme,
    },
    RenameTheme {
        id: String,
        label: String,
    },
    MergeThemes {
        from: String,
        into: String,
    },
    DeleteTheme {
        id: String,
    },
    AddPattern {
        id: String,
        list: PatternList,
        pattern: String,
    },
    RemovePattern {
        id: String,
        list: PatternList,
        pattern: String,
    },
}

/// Apply one edit (see the functions above); a failed edit leaves the codebook unchanged.
pub fn apply_edit(codebook: &mut Codebook, edit: &CodebookEdit) -> Result<()> {
    match edit {
        CodebookEdit::AddTheme { theme } => add_theme(codebook, theme.clone()),
        CodebookEdit::RenameTheme { id, label } => rename_theme(codebook, id, label),
        CodebookEdit::MergeThemes { from, into } => merge_themes(codebook, from, into),
        CodebookEdit::DeleteTheme { id } => delete_theme(codebook, id),
        CodebookEdit::AddPattern { id, list, pattern } => add_pattern(codebook, id, *list, pattern),
        CodebookEdit::RemovePattern { id, list, pattern } => {
            remove_pattern(codebook, id, *list, pattern)
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Fingerprints and incremental re-application
// ---------------------------------------------------------------------------------------------

/// A theme's id and the fingerprint of its patterns, as the store keeps them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeFingerprint {
    pub theme_id: String,
    pub fingerprint: String,
}

/// A hash of what a theme matches: its patterns in canonical form (order and spelling do not
/// matter) and the matcher version. The label and description are not part of it: renaming a
/// theme does not re-match anything.
pub fn fingerprint(theme: &Theme) -> String {
    let canon = |list: &[String]| {
        let mut v: Vec<String> = list
            .iter()
            .map(|s| Pattern::parse(s).map_or_else(|_| s.clone(), |p| p.canonical()))
            .collect();
        v.sort();
        v.dedup();
        v
    };
    let mut h = Sha256::new();
    h.update(format!("scrutineer-matcher-{MATCHER_VERSION}\0").as_bytes());
    for p in canon(&theme.include) {
        h.update(b"+");
        h.update(p.as_bytes());
        h.update(b"\0");
    }
    for p in canon(&theme.exclude) {
        h.update(b"-");
        h.update(p.as_bytes());
        h.update(b"\0");
    }
    h.finalize()[..12]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// Every theme's fingerprint, in codebook order.
pub fn fingerprints(codebook: &Codebook) -> Vec<ThemeFingerprint> {
    codebook
        .themes
        .iter()
        .map(|t| ThemeFingerprint {
            theme_id: t.id.clone(),
            fingerprint: fingerprint(t),
        })
        .collect()
}

/// What re-applying a codebook has to do, given the fingerprints the library was last matched
/// with.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodebookDiff {
    /// Themes the library has never matched: match every paragraph.
    pub added: Vec<String>,
    /// Themes whose patterns changed: drop their matches and match every paragraph again.
    pub changed: Vec<String>,
    /// Themes no longer in the codebook: drop their matches.
    pub removed: Vec<String>,
    /// Themes whose matches still hold: match only paragraphs imported since.
    pub unchanged: Vec<String>,
}

/// Progress of matching themes across the library: paragraphs matched so far, of all.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct ThemeProgress {
    pub done: u32,
    pub total: u32,
}

/// What saving a codebook did to the library.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize, TS)]
#[serde(rename_all = "camelCase")]
#[ts(export)]
pub struct CodebookSaved {
    /// Which themes were matched again (added, changed), dropped (removed) or kept.
    pub diff: CodebookDiff,
    /// Paragraphs read to match the added and changed themes (0 when none changed).
    pub paragraphs: u32,
    /// Paragraph-theme hits stored for the added and changed themes.
    pub hits: u32,
}

impl CodebookDiff {
    /// The themes to match against every paragraph: added and changed.
    pub fn rematch(&self) -> Vec<String> {
        self.added.iter().chain(&self.changed).cloned().collect()
    }
}

/// Compare a codebook with the fingerprints stored for the library.
pub fn diff(stored: &[ThemeFingerprint], codebook: &Codebook) -> CodebookDiff {
    let mut out = CodebookDiff::default();
    for theme in &codebook.themes {
        match stored.iter().find(|s| s.theme_id == theme.id) {
            None => out.added.push(theme.id.clone()),
            Some(s) if s.fingerprint != fingerprint(theme) => out.changed.push(theme.id.clone()),
            Some(_) => out.unchanged.push(theme.id.clone()),
        }
    }
    for s in stored {
        if !codebook.themes.iter().any(|t| t.id == s.theme_id) {
            out.removed.push(s.theme_id.clone());
        }
    }
    out
}
