//! Stage 1: load gazetteers. Entity lists (`*.tsv`: id, type, name, aliases, roles) and
//! the language folder (`lexicon/en/`: word classes, honorifics, ambiguous place names; see
//! [`crate::lang`]). The built-in set is compiled into the binary; users add their own folder.

use crate::error::GazetteerError;
use crate::lang::Language;
use crate::types::EntityType;
use std::collections::HashMap;
use std::fs;
use std::path::Path;

mod builtin {
    include!(concat!(env!("OUT_DIR"), "/builtin_gazetteers.rs"));
}

/// One gazetteer row.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GazEntry {
    /// Stable id, the entity id in output (`geonames:<id>`, `org:<slug>` ...).
    pub id: String,
    /// The entity type of the `type` column.
    pub etype: EntityType,
    /// Canonical name; an entity's name when the text uses this form.
    pub name: String,
    /// Other surface forms that match the entry (the `|`-separated column); may be empty.
    pub aliases: Vec<String>,
    /// Titles the entity holds ("President of Russia", the `|`-separated column); may be
    /// empty.
    pub roles: Vec<String>,
    /// Lower wins when two entries share a surface form (user files first, then people,
    /// organisations, countries, regions, divisions, cities).
    pub rank: u8,
}

/// The loaded gazetteers: entity rows and lexicons.
#[derive(Debug, Clone, Default)]
pub struct Gazetteers {
    /// The entity rows.
    pub entries: Vec<GazEntry>,
    /// The words of the language the rules read.
    pub language: Language,
}

/// The language of the built-in word lists.
pub const DEFAULT_LANGUAGE: &str = "en";

/// The built-in language without the named files (for tests with word lists of their own).
#[cfg(test)]
pub(crate) fn builtin_language_except(skip: &[&str]) -> Language {
    let mut l = Language::new(DEFAULT_LANGUAGE);
    for (code, file, text) in builtin::LANGUAGE_FILES {
        if *code == DEFAULT_LANGUAGE && !skip.contains(file) {
            l.add_file(file, file, text)
                .expect("built-in language file");
        }
    }
    l.index_honorifics();
    l
}

/// Rank of the built-in country list: countries are places whatever else their name means.
pub const RANK_COUNTRY: u8 = 3;

/// Rank of the built-in city list: the towns sports clubs are named after ("Dunmore"), where
/// first-level divisions field national-like sides ("England", "Scotland").
pub const RANK_CITY: u8 = 6;

fn rank_of(file: &str, user: bool) -> u8 {
    if user {
        return 0;
    }
    let f = file.to_ascii_lowercase();
    if f.starts_with("people") {
        1
    } else if f.starts_with("org") {
        2
    } else if f.starts_with("countr") {
        3
    } else if f.starts_with("region") {
        4
    } else if f.starts_with("admin") {
        5
    } else {
        6
    }
}

fn split_list(s: &str) -> Vec<String> {
    s.split('|')
        .map(str::trim)
        .filter(|a| !a.is_empty())
        .map(String::from)
        .collect()
}

/// Parses one entity file. Errors name the file and the 1-based line.
pub fn parse_entities(
    file: &str,
    text: &str,
    rank: u8,
) -> Result<Vec<GazEntry>, Vec<GazetteerError>> {
    let mut out = Vec::new();
    let mut errors = Vec::new();
    let err = |line: usize, message: String| GazetteerError {
        file: file.to_string(),
        line,
        message,
    };
    for (i, raw) in text.lines().enumerate() {
        let line = raw.trim_end_matches('\r');
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() < 3 || cols.len() > 5 {
            errors.push(err(
                i + 1,
                format!(
                    "expected 5 tab-separated columns (id, type, name, aliases, roles), found {}",
                    cols.len()
                ),
            ));
            continue;
        }
        let (id, typ, name) = (cols[0].trim(), cols[1].trim(), cols[2].trim());
        if id.is_empty() || name.is_empty() {
            errors.push(err(i + 1, "empty id or name".to_string()));
            continue;
        }
        let Some(etype) = EntityType::parse(typ) else {
            errors.push(err(
                i + 1,
                format!("type {typ:?} is not PERSON, ORG or LOC"),
            ));
            continue;
        };
        out.push(GazEntry {
            id: id.to_string(),
            etype,
            name: name.to_string(),
            aliases: cols.get(3).map(|s| split_list(s)).unwrap_or_default(),
            roles: cols.get(4).map(|s| split_list(s)).unwrap_or_default(),
            rank,
        });
    }
    if errors.is_empty() {
        Ok(out)
    } else {
        Err(errors)
    }
}

impl Gazetteers {
    /// The built-in gazetteers compiled into the binary.
    pub fn builtin() -> Gazetteers {
        let mut g = Gazetteers::default();
        for (file, text) in builtin::ENTITY_FILES {
            let rows = parse_entities(file, text, rank_of(file, false))
                .unwrap_or_else(|e| panic!("built-in gazetteer is invalid: {}", e[0]));
            g.entries.extend(rows);
        }
        g.language = Language::new(DEFAULT_LANGUAGE);
        for (code, file, text) in builtin::LANGUAGE_FILES {
            if *code == DEFAULT_LANGUAGE {
                g.language
                    .add_file(file, file, text)
                    .unwrap_or_else(|e| panic!("built-in language file is invalid: {}", e[0]));
            }
        }
        g.language.index_honorifics();
        g
    }

    /// An empty set, for `--no-default-gazetteers`.
    pub fn empty() -> Gazetteers {
        Gazetteers {
            entries: Vec::new(),
            language: Language::new(DEFAULT_LANGUAGE),
        }
    }

    /// Adds a user folder: `*.tsv` entity files and an optional language folder
    /// (`lexicon/en/`, or the files right in `lexicon/`). User rows win over built-in rows
    /// that share a surface form; user words add to the built-in classes.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), Vec<GazetteerError>> {
        let loaded = load_dir(dir)?;
        self.entries.extend(loaded.entries);
        self.language.extend(loaded.language);
        Ok(())
    }
}

fn dir_files(dir: &Path, ext: &str) -> Result<Vec<std::path::PathBuf>, GazetteerError> {
    let rd = fs::read_dir(dir).map_err(|e| GazetteerError {
        file: dir.display().to_string(),
        line: 0,
        message: format!("cannot read folder: {e}"),
    })?;
    let mut files: Vec<_> = rd
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == ext))
        .collect();
    files.sort();
    Ok(files)
}

fn read_file(p: &Path) -> Result<String, GazetteerError> {
    let bytes = fs::read(p).map_err(|e| GazetteerError {
        file: p.display().to_string(),
        line: 0,
        message: format!("cannot read: {e}"),
    })?;
    String::from_utf8(bytes).map_err(|e| {
        let line = 1 + e.as_bytes()[..e.utf8_error().valid_up_to()]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        GazetteerError {
            file: p.display().to_string(),
            line,
            message: "not valid UTF-8".to_string(),
        }
    })
}

/// Loads one gazetteer folder, checking every file; all problems are returned together.
pub fn load_dir(dir: &Path) -> Result<Gazetteers, Vec<GazetteerError>> {
    let mut g = Gazetteers::default();
    let mut errors = Vec::new();
    let mut tsv = dir_files(dir, "tsv").map_err(|e| vec![e])?;
    tsv.sort();
    for p in &tsv {
        let name = p.display().to_string();
        match read_file(p) {
            Ok(text) => match parse_entities(&name, &text, rank_of(&name, true)) {
                Ok(rows) => g.entries.extend(rows),
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(e),
        }
    }
    let lexdir = dir.join("lexicon");
    if lexdir.is_dir() {
        g.language = Language::new(DEFAULT_LANGUAGE);
        // The files of `lexicon/en/`, and (the older layout) those right in `lexicon/`.
        let mut files = Vec::new();
        for d in [lexdir.clone(), lexdir.join(DEFAULT_LANGUAGE)] {
            if d.is_dir() {
                files.extend(dir_files(&d, "txt").map_err(|e| vec![e])?);
                files.extend(dir_files(&d, "tsv").map_err(|e| vec![e])?);
            }
        }
        for p in files {
            let fname = p
                .file_name()
                .unwrap_or_default()
                .to_string_lossy()
                .to_string();
            match read_file(&p) {
                Ok(text) => {
                    if let Err(e) = g.language.add_file(&fname, &p.display().to_string(), &text) {
                        errors.extend(e);
                    }
                }
                Err(e) => errors.push(e),
            }
        }
    }
    if tsv.is_empty() && !lexdir.is_dir() {
        errors.push(GazetteerError {
            file: dir.display().to_string(),
            line: 0,
            message: "no gazetteer files here: expected *.tsv files or a lexicon/ folder"
                .to_string(),
        });
    }
    errors.extend(check_entries(&g.entries));
    if errors.is_empty() {
        Ok(g)
    } else {
        Err(errors)
    }
}

/// Checks across rows: duplicate ids within the set.
pub fn check_entries(entries: &[GazEntry]) -> Vec<GazetteerError> {
    let mut seen: HashMap<&str, usize> = HashMap::new();
    let mut errors = Vec::new();
    for (i, e) in entries.iter().enumerate() {
        if let Some(prev) = seen.insert(&e.id, i) {
            errors.push(GazetteerError {
                file: e.id.clone(),
                line: 0,
                message: format!("duplicate id (also used by {:?})", entries[prev].name),
            });
        }
    }
    errors
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_rows_and_reports_bad_lines() {
        let text = "# comment\norg:cia\tORG\tCIA\tC.I.A.|Central Intelligence Agency\t\nbad\tTHING\tX\t\t\n";
        let err = parse_entities("t.tsv", text, 0).unwrap_err();
        assert_eq!(err.len(), 1);
        assert_eq!(err[0].line, 3);
        assert!(err[0].to_string().starts_with("t.tsv:3:"));
        let ok = parse_entities(
            "t.tsv",
            "org:cia\tORG\tCIA\tC.I.A.|Central Intelligence Agency\t\n",
            0,
        )
        .unwrap();
        assert_eq!(ok[0].aliases, vec!["C.I.A.", "Central Intelligence Agency"]);
        assert_eq!(ok[0].etype, EntityType::Org);
    }

    #[test]
    fn wrong_column_count_is_an_error() {
        let err = parse_entities("t.tsv", "a\tLOC\n", 0).unwrap_err();
        assert!(err[0].message.contains("5 tab-separated columns"));
    }

    #[test]
    fn builtin_set_loads() {
        let g = Gazetteers::builtin();
        assert!(check_entries(&g.entries).is_empty());
    }
}
