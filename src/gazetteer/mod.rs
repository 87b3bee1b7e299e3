//! Stage 1: load gazetteers. Entity lists (`*.tsv`: id, type, name, aliases, roles, and an
//! optional wikidata column), the language folder (`lexicon/en/`: word classes,
//! honorifics, ambiguous place names; see [`crate::lang`]) and, in a user folder, pattern
//! rules (`patterns.tsv`: id, type, pattern, reason; see [`patterns`]). The built-in set is
//! compiled into the binary; users add their own folder.

mod check;
mod files;
pub mod patterns;

pub use check::{check_entries, check_reuse};
pub use patterns::{PATTERNS_FILE, UserRule, UserRules, parse_patterns};

use crate::error::GazetteerError;
use crate::lang::Language;
use crate::types::EntityType;
use files::{dir_files, read_file};
use std::path::Path;
use std::sync::Arc;

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
    /// The Wikidata item of the entity (`Q42`), from the optional sixth column; `None`
    /// when the column is absent or empty.
    pub wikidata: Option<String>,
    /// Lower wins when two entries share a surface form (user files first, then people,
    /// organisations, countries, regions, divisions, cities).
    pub rank: u8,
    /// The file the row is in (`gazetteers/cities.tsv` for a built-in row), for messages.
    pub file: Arc<str>,
    /// The 1-based line of the row in its file.
    pub line: usize,
}

impl GazEntry {
    /// Whether the row is one of the built-in lists (user rows have rank 0).
    pub fn is_builtin(&self) -> bool {
        self.rank > 0
    }

    /// Where the row is: `file:line`.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// The loaded gazetteers: entity rows, lexicons and the user's pattern rules.
#[derive(Debug, Clone, Default)]
pub struct Gazetteers {
    /// The entity rows.
    pub entries: Vec<GazEntry>,
    /// The words of the language the rules read.
    pub language: Language,
    /// The rules of the user folders' `patterns.tsv` files, compiled; empty without them.
    pub patterns: UserRules,
}

/// The language of the built-in word lists.
pub const DEFAULT_LANGUAGE: &str = "en";

/// The built-in language without the named files (for tests with word lists of their own).
pub(crate) fn builtin_language_except(skip: &[&str]) -> Language {
    let mut l = Language::new(DEFAULT_LANGUAGE);
    for (code, file, text) in builtin::LANGUAGE_FILES {
        if *code == DEFAULT_LANGUAGE && !skip.contains(file) {
            l.add_file(file, file, text)
                .unwrap_or_else(|e| panic!("built-in language file is invalid: {}", e[0]));
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

/// Parses one entity file: every row has five columns, or six with a Wikidata item id
/// (`Q42`, or empty) last, and a known type. Errors name the file and the 1-based line;
/// every bad row is reported. The rules on names and aliases are [`check_entries`]'.
pub fn parse_entities(
    file: &str,
    text: &str,
    rank: u8,
) -> Result<Vec<GazEntry>, Vec<GazetteerError>> {
    let (rows, errors) = parse_rows(file, text, rank);
    if errors.is_empty() {
        Ok(rows)
    } else {
        Err(errors)
    }
}

/// An upper bound on the rows of `text`: its line count (to size a list once).
pub(crate) fn lines(text: &str) -> usize {
    memchr::memchr_iter(b'\n', text.as_bytes()).count() + 1
}

/// The good rows of an entity file, and the problems of the others: the good rows still go
/// through the checks, so that a folder's problems are all reported at once.
fn parse_rows(file: &str, text: &str, rank: u8) -> (Vec<GazEntry>, Vec<GazetteerError>) {
    let mut out = Vec::with_capacity(lines(text));
    let mut errors = Vec::new();
    let shared: Arc<str> = Arc::from(file);
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
        // The columns in place (no vector per row: start-up parses some 37,000 rows).
        let mut cols = [""; 6];
        let mut n = 0;
        for c in line.split('\t') {
            if let Some(slot) = cols.get_mut(n) {
                *slot = c;
            }
            n += 1;
        }
        if !(5..=6).contains(&n) {
            errors.push(err(
                i + 1,
                format!(
                    "expected 5 tab-separated columns (id, type, name, aliases, roles), or 6 \
                     with wikidata last, found {}: keep empty aliases and roles columns (a \
                     row with neither ends in two tabs)",
                    n
                ),
            ));
            continue;
        }
        let (id, typ, name) = (cols[0].trim(), cols[1].trim(), cols[2].trim());
        if id.is_empty() || name.is_empty() {
            errors.push(err(
                i + 1,
                "empty id or name: every row needs both".to_string(),
            ));
            continue;
        }
        let Some(etype) = EntityType::parse(typ) else {
            errors.push(err(
                i + 1,
                format!("type {typ:?} is not PERSON, ORG or LOC"),
            ));
            continue;
        };
        let wikidata = (n == 6).then(|| cols[5].trim()).filter(|w| !w.is_empty());
        if let Some(w) = wikidata.filter(|w| !is_qid(w)) {
            errors.push(err(
                i + 1,
                format!(
                    "wikidata {w:?} is not a Wikidata item id: write Q and its number \
                     (Q42), or leave the column empty"
                ),
            ));
            continue;
        }
        out.push(GazEntry {
            id: id.to_string(),
            etype,
            name: name.to_string(),
            aliases: split_list(cols[3]),
            roles: split_list(cols[4]),
            wikidata: wikidata.map(String::from),
            rank,
            file: shared.clone(),
            line: i + 1,
        });
    }
    (out, errors)
}

/// A Wikidata item id: `Q` and a number without leading zeros (`Q42`).
pub fn is_qid(s: &str) -> bool {
    s.strip_prefix('Q').is_some_and(|n| {
        !n.is_empty() && !n.starts_with('0') && n.bytes().all(|b| b.is_ascii_digit())
    })
}

impl Gazetteers {
    /// The built-in gazetteers compiled into the binary. With more than one CPU, the word
    /// lists load on a short-lived second thread while the entity rows are parsed.
    pub fn builtin() -> Gazetteers {
        // The word lists and the entity rows are independent and cost about the same (a
        // quarter of start-up each). On one CPU, or if the system refuses a thread, the
        // words load here after the rows, as before.
        let parallel = std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        std::thread::scope(|s| {
            let language = parallel
                .then(|| {
                    std::thread::Builder::new()
                        .spawn_scoped(s, || builtin_language_except(&[]))
                        .ok()
                })
                .flatten();
            let mut g = Gazetteers::default();
            // Room for every row at once: growing a vector of some 37,000 entries by
            // doubling copies them and touches fresh pages, a measurable share of start-up.
            g.entries
                .reserve(builtin::ENTITY_FILES.iter().map(|(_, t)| lines(t)).sum());
            for (file, text) in builtin::ENTITY_FILES {
                let shown = format!("gazetteers/{file}");
                let rows = parse_entities(&shown, text, rank_of(file, false))
                    .unwrap_or_else(|e| panic!("built-in gazetteer is invalid: {}", e[0]));
                g.entries.extend(rows);
            }
            g.language = match language {
                Some(t) => t.join().unwrap_or_else(|p| std::panic::resume_unwind(p)),
                None => builtin_language_except(&[]),
            };
            g
        })
    }

    /// An empty set, for `--no-default-gazetteers`.
    pub fn empty() -> Gazetteers {
        Gazetteers {
            entries: Vec::new(),
            language: Language::new(DEFAULT_LANGUAGE),
            patterns: UserRules::default(),
        }
    }

    /// Adds a user folder: `*.tsv` entity files, an optional language folder
    /// (`lexicon/en/`, or the files right in `lexicon/`) and optional pattern rules
    /// (`patterns.tsv`). User rows win over built-in rows that share a surface form; user
    /// words add to the built-in classes. The folder is checked as [`load_dir`] does, and
    /// its ids must not be ids already loaded (the built-in lists' or an earlier folder's);
    /// all problems are returned together.
    pub fn add_dir(&mut self, dir: &Path) -> Result<(), Vec<GazetteerError>> {
        let (loaded, mut errors) = read_dir_checked(dir);
        errors.extend(check_reuse(&self.entries, &loaded.entries));
        errors.extend(self.patterns.check_reuse(&loaded.patterns));
        if !errors.is_empty() {
            return Err(sorted(errors));
        }
        if !loaded.patterns.is_empty() {
            self.patterns = self.patterns.with(&loaded.patterns).map_err(|e| vec![e])?;
        }
        self.entries.extend(loaded.entries);
        self.language.extend(loaded.language);
        Ok(())
    }
}

/// Loads one gazetteer folder on its own, checking every file and every row by the rules of
/// `gazetteers/README.md` ([`check_entries`]; plain words are those of the built-in language
/// and the folder's own); all problems are returned together, by file and line.
pub fn load_dir(dir: &Path) -> Result<Gazetteers, Vec<GazetteerError>> {
    let (g, errors) = read_dir_checked(dir);
    if errors.is_empty() {
        Ok(g)
    } else {
        Err(sorted(errors))
    }
}

/// Problems in file order, then line order.
fn sorted(mut errors: Vec<GazetteerError>) -> Vec<GazetteerError> {
    errors.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    errors
}

/// A folder's rows and words, with every problem found in them.
fn read_dir_checked(dir: &Path) -> (Gazetteers, Vec<GazetteerError>) {
    let mut g = Gazetteers::default();
    let mut errors = Vec::new();
    let mut tsv = match dir_files(dir, "tsv") {
        Ok(t) => t,
        Err(e) => return (g, vec![e]),
    };
    tsv.sort();
    // The pattern rules are not an entity file.
    let patterns = dir.join(PATTERNS_FILE);
    tsv.retain(|p| p.file_name().is_none_or(|n| n != PATTERNS_FILE));
    let has_patterns = patterns.is_file();
    if has_patterns {
        match read_file(&patterns) {
            Ok(text) => match parse_patterns(&patterns.display().to_string(), &text) {
                Ok(rules) => g.patterns = rules,
                Err(e) => errors.extend(e),
            },
            Err(e) => errors.push(e),
        }
    }
    for p in &tsv {
        let name = p.display().to_string();
        match read_file(p) {
            Ok(text) => {
                let (rows, e) = parse_rows(&name, &text, rank_of(&name, true));
                g.entries.extend(rows);
                errors.extend(e);
            }
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
                for ext in ["txt", "tsv"] {
                    match dir_files(&d, ext) {
                        Ok(f) => files.extend(f),
                        Err(e) => errors.push(e),
                    }
                }
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
    if tsv.is_empty() && !lexdir.is_dir() && !has_patterns {
        errors.push(GazetteerError {
            file: dir.display().to_string(),
            line: 0,
            message: "no gazetteer files here: expected *.tsv files, a lexicon/ folder or a \
                      patterns.tsv"
                .to_string(),
        });
    }
    // Plain words are the built-in language's and the folder's own.
    let mut words = builtin_language_except(&[]);
    words.extend(g.language.clone());
    errors.extend(check_entries(&g.entries, &words));
    (g, errors)
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
    fn every_row_needs_five_or_six_columns() {
        // Three and four columns were accepted before; seven never were. All are reported.
        let text = "org:a\tORG\tAlpha\norg:b\tORG\tBeta\tB1\norg:c\tORG\tGamma\t\t\tQ1\t\n\
                    org:d\tORG\tDelta\t\t\norg:e\tORG\tEta\t\t\t\n";
        let err = parse_entities("t.tsv", text, 0).unwrap_err();
        let lines: Vec<usize> = err.iter().map(|e| e.line).collect();
        assert_eq!(lines, vec![1, 2, 3]);
        assert!(err[0].message.contains("found 3"), "{}", err[0]);
        assert!(err[2].message.contains("found 7"), "{}", err[2]);
    }

    #[test]
    fn the_sixth_column_is_a_wikidata_item_or_empty() {
        let text = "person:a\tPERSON\tAda Brook\tA. Brook\tadmiral\tQ42\n\
                    org:b\tORG\tBeta Corp\t\t\t\n\
                    org:c\tORG\tGamma Corp\t\t\n\
                    org:d\tORG\tDelta Corp\t\t\t Q7 \n";
        let rows = parse_entities("t.tsv", text, 0).unwrap();
        let qids: Vec<Option<&str>> = rows.iter().map(|r| r.wikidata.as_deref()).collect();
        assert_eq!(qids, [Some("Q42"), None, None, Some("Q7")]);
        assert_eq!(rows[0].roles, ["admiral"]);
    }

    #[test]
    fn a_bad_wikidata_id_is_reported_by_file_and_line() {
        let text = "# c\norg:a\tORG\tAlpha\t\t\tQ42\norg:b\tORG\tBeta\t\t\tq42\n\
                    org:c\tORG\tGamma\t\t\t42\norg:d\tORG\tDelta\t\t\tQ042\n\
                    org:e\tORG\tEpsilon\t\t\tQ\norg:f\tORG\tZeta\t\t\tQ4 2\n\
                    org:g\tORG\tEta\t\t\thttps://www.wikidata.org/wiki/Q42\n";
        let err = parse_entities("my/t.tsv", text, 0).unwrap_err();
        let lines: Vec<usize> = err.iter().map(|e| e.line).collect();
        assert_eq!(lines, [3, 4, 5, 6, 7, 8]);
        assert_eq!(
            err[0].to_string(),
            "my/t.tsv:3: wikidata \"q42\" is not a Wikidata item id: write Q and its \
             number (Q42), or leave the column empty"
        );
    }

    #[test]
    fn qids_are_q_and_a_number() {
        for ok in ["Q1", "Q42", "Q130963821"] {
            assert!(is_qid(ok), "{ok}");
        }
        for bad in [
            "", "Q", "Q0", "Q01", "q1", "P31", "Q1a", "Q-1", " Q1", "Q１",
        ] {
            assert!(!is_qid(bad), "{bad}");
        }
    }

    #[test]
    fn rows_know_their_file_and_line() {
        let rows = parse_entities("my/t.tsv", "# c\n\norg:a\tORG\tAlpha\t\t\n", 0).unwrap();
        assert_eq!(rows[0].location(), "my/t.tsv:3");
    }

    #[test]
    fn builtin_people_carry_wikidata_items() {
        let g = Gazetteers::builtin();
        let qid = |name: &str| {
            let e = g.entries.iter().find(|e| e.name == name).unwrap();
            (e.file.as_ref(), e.wikidata.as_deref())
        };
        // A hand-kept row the build matched keeps its id and gets the item.
        assert_eq!(
            qid("Bernie Sanders"),
            ("gazetteers/people.tsv", Some("Q359442"))
        );
        assert_eq!(
            qid("Donald Trump"),
            ("gazetteers/people.tsv", Some("Q22686"))
        );
        // Members of Congress of the generated file.
        assert_eq!(
            qid("Amy Klobuchar"),
            ("gazetteers/people_us_congress.tsv", Some("Q22237"))
        );
        assert_eq!(
            qid("Jim Clyburn"),
            ("gazetteers/people_us_congress.tsv", Some("Q1289889"))
        );
        // Places have none yet.
        assert_eq!(qid("Moscow").1, None);
        let linked = g.entries.iter().filter(|e| e.wikidata.is_some()).count();
        assert!(linked >= 500, "{linked}");
    }

    #[test]
    fn builtin_set_passes_the_check() {
        let g = Gazetteers::builtin();
        let errors = check_entries(&g.entries, &g.language);
        assert!(errors.is_empty(), "{}", errors[0]);
        assert!(g.entries.iter().all(GazEntry::is_builtin));
        assert!(g.entries[0].file.starts_with("gazetteers/"));
    }
}
