//! Reading a language folder. Two shapes of file:
//! - `<class>.txt`: one form a line (anything after a tab is a note), the class named by
//!   the file (`occupations.txt`);
//! - `<table>.tsv`: a header row naming the columns, the form first; a column named after a
//!   class marks its rows with `x`; `lemma`, `gender` and `titles` (`|`-separated titles a
//!   role noun stands for: "senator" for "Sen.") are information columns.
//!
//! Four files have shapes of their own: `phrasal_cues.txt` (a verb form and its particle), `honorifics.tsv` (form, gender: words before a
//! name, multi-word ones whole), `ambiguous.txt` (form, reason) and the phrase lists
//! `place_events.txt` and `term_cues.txt`. Errors name the file and the 1-based line.

use super::{Class, Gender, Language};
use crate::error::GazetteerError;

/// What a file of a language folder holds, by its name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LanguageFile {
    /// A list of one class.
    List(Class),
    /// A table whose marked columns are classes.
    Table,
    /// Honorifics with their gender.
    Honorifics,
    /// Place names that need evidence, with the reason.
    Ambiguous,
    /// Words or phrases after a place that make it an event.
    PlaceEvents,
    /// Words or phrases before a quote that mark a coined term.
    TermCues,
    /// Two-word cues of speech: a verb form and its particle ("called for").
    PhrasalCues,
}

impl LanguageFile {
    /// The kind of a language file, from its file name; `None` for an unknown name.
    pub fn of(file_name: &str) -> Option<LanguageFile> {
        match file_name {
            "honorifics.tsv" => return Some(LanguageFile::Honorifics),
            "ambiguous.txt" => return Some(LanguageFile::Ambiguous),
            "place_events.txt" => return Some(LanguageFile::PlaceEvents),
            "term_cues.txt" => return Some(LanguageFile::TermCues),
            "phrasal_cues.txt" => return Some(LanguageFile::PhrasalCues),
            _ => {}
        }
        if file_name.ends_with(".tsv") {
            return Some(LanguageFile::Table);
        }
        let stem = file_name.strip_suffix(".txt")?;
        Class::ALL
            .iter()
            .find(|c| c.name() == stem)
            .map(|&c| LanguageFile::List(c))
    }
}

/// The information columns a table may have besides its class columns.
const INFO_COLUMNS: &[&str] = &["form", "lemma", "gender", "titles"];

/// Data lines: (1-based line number, line without `\r`), comments and blanks skipped.
fn data_lines(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.lines()
        .enumerate()
        .map(|(i, l)| (i + 1, l.trim_end_matches('\r')))
        .filter(|(_, l)| !l.trim().is_empty() && !l.starts_with('#'))
}

fn gender(v: &str) -> Result<Option<Gender>, String> {
    match v.trim() {
        "" => Ok(None),
        "m" => Ok(Some(Gender::Male)),
        "f" => Ok(Some(Gender::Female)),
        "n" => Ok(Some(Gender::Neuter)),
        other => Err(format!("gender {other:?} is not m, f, n or empty")),
    }
}

impl Language {
    /// Adds one file of a language folder. `file_name` decides how it is read (see the
    /// module notes); `display` is how errors name it.
    pub fn add_file(
        &mut self,
        file_name: &str,
        display: &str,
        text: &str,
    ) -> Result<(), Vec<GazetteerError>> {
        let err = |line: usize, message: String| GazetteerError {
            file: display.to_string(),
            line,
            message,
        };
        let Some(kind) = LanguageFile::of(file_name) else {
            let lists: Vec<&str> = Class::ALL.iter().map(|c| c.name()).collect();
            return Err(vec![err(
                0,
                format!(
                    "unknown language file; expected a table (.tsv), honorifics.tsv, ambiguous.txt, \
                     place_events.txt, term_cues.txt, phrasal_cues.txt or a list named after a word class: {}.txt",
                    lists.join(".txt, ")
                ),
            )]);
        };
        let mut errors = Vec::new();
        match kind {
            LanguageFile::List(c) => {
                // One growth for the file, not a doubling every few thousand words.
                self.words.reserve(crate::gazetteer::lines(text));
                for (_, l) in data_lines(text) {
                    let form = l.split('\t').next().unwrap_or("").trim();
                    if !form.is_empty() {
                        self.add(form, c);
                    }
                }
            }
            LanguageFile::PlaceEvents | LanguageFile::TermCues => {
                let list = if kind == LanguageFile::PlaceEvents {
                    &mut self.place_events
                } else {
                    &mut self.term_cues
                };
                list.extend(
                    data_lines(text)
                        .map(|(_, l)| l.split('\t').next().unwrap_or("").trim().to_string())
                        .filter(|f| !f.is_empty()),
                );
            }
            LanguageFile::PhrasalCues => {
                for (n, l) in data_lines(text) {
                    let phrase = l.split('\t').next().unwrap_or("").trim();
                    match phrase.split_once(' ') {
                        Some((verb, particle)) if !particle.contains(' ') => {
                            self.add(verb, Class::PhrasalVerb);
                            self.phrasal_cues
                                .push((verb.to_string(), particle.to_string()));
                        }
                        _ => errors.push(err(
                            n,
                            format!("{phrase:?} is not a verb and its particle (\"called for\")"),
                        )),
                    }
                }
            }
            LanguageFile::Ambiguous => {
                for (_, l) in data_lines(text) {
                    let mut cols = l.splitn(2, '\t');
                    let form = cols.next().unwrap_or("").trim().to_string();
                    let reason = cols.next().unwrap_or("");
                    if reason.is_empty() || reason.contains("common word") {
                        self.ambiguous.insert(form);
                    } else {
                        self.name_places.insert(form);
                    }
                }
            }
            LanguageFile::Honorifics | LanguageFile::Table => {
                let mut lines = data_lines(text);
                let Some((hl, header)) = lines.next() else {
                    return Ok(());
                };
                let cols: Vec<&str> = header.split('\t').map(str::trim).collect();
                if cols.first() != Some(&"form") {
                    return Err(vec![err(
                        hl,
                        "the first row names the columns, starting with \"form\"".to_string(),
                    )]);
                }
                let mut classes = Vec::with_capacity(cols.len());
                for c in &cols {
                    let class = Class::ALL.iter().copied().find(|k| k.name() == *c);
                    if class.is_none() && !INFO_COLUMNS.contains(c) {
                        errors.push(err(
                            hl,
                            format!("unknown column {c:?}: not a word class, lemma or gender"),
                        ));
                    }
                    classes.push(class);
                }
                let gender_col = cols.iter().position(|c| *c == "gender");
                let titles_col = cols.iter().position(|c| *c == "titles");
                for (n, l) in lines {
                    let vals: Vec<&str> = l.split('\t').collect();
                    if vals.len() > cols.len() {
                        errors.push(err(
                            n,
                            format!("{} columns, the header names {}", vals.len(), cols.len()),
                        ));
                        continue;
                    }
                    let form = vals[0].trim();
                    if form.is_empty() || form != vals[0] {
                        errors.push(err(n, "empty or padded form".to_string()));
                        continue;
                    }
                    if kind == LanguageFile::Honorifics {
                        self.honorifics.push(form.to_string());
                    }
                    if let Some(g) = gender_col.and_then(|i| vals.get(i)) {
                        match gender(g) {
                            Ok(Some(g)) => {
                                self.genders.insert(form.to_string(), g);
                            }
                            Ok(None) => {}
                            Err(m) => errors.push(err(n, m)),
                        }
                    }
                    if let Some(t) = titles_col.and_then(|i| vals.get(i)) {
                        let titles = t.split('|').map(str::trim).filter(|t| !t.is_empty());
                        self.role_titles
                            .entry(form.to_string())
                            .or_default()
                            .extend(titles.map(String::from));
                    }
                    for (v, class) in vals.iter().zip(&classes).skip(1) {
                        match (v.trim(), class) {
                            ("", _) | (_, None) => {}
                            ("x", Some(c)) => self.add(form, *c),
                            (other, Some(c)) => errors.push(err(
                                n,
                                format!("column {:?}: {other:?} is not x or empty", c.name()),
                            )),
                        }
                    }
                }
                if kind == LanguageFile::Honorifics {
                    self.index_honorifics();
                }
            }
        }
        if errors.is_empty() {
            Ok(())
        } else {
            Err(errors)
        }
    }
}

/// Checks one language file without keeping it: the problems, by file and line.
pub fn check_file(file_name: &str, display: &str, text: &str) -> Vec<GazetteerError> {
    Language::new("check")
        .add_file(file_name, display, text)
        .err()
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_table_marks_classes_and_reports_bad_cells() {
        let mut l = Language::new("en");
        let text = "# verbs\nform\tlemma\tspeech\tframing\nquipped\tquip\tx\t\nhailed\thail\t\tx\n";
        l.add_file("verbs.tsv", "verbs.tsv", text).unwrap();
        assert!(l.is("quipped", Class::Speech));
        assert!(!l.is("quipped", Class::Framing));
        assert!(l.is("hailed", Class::Framing));
        let bad = "form\tspeech\nmused\tyes\n";
        let e = l.add_file("verbs.tsv", "my/verbs.tsv", bad).unwrap_err();
        assert_eq!(
            e[0].to_string(),
            "my/verbs.tsv:2: column \"speech\": \"yes\" is not x or empty"
        );
        let e = l
            .add_file("verbs.tsv", "v.tsv", "form\tspech\nx\t\n")
            .unwrap_err();
        assert_eq!(e[0].line, 1);
    }

    #[test]
    fn lists_are_named_after_their_class() {
        let mut l = Language::new("en");
        l.add_file("occupations.txt", "o", "# c\nNovelist\n")
            .unwrap();
        assert!(l.is("novelist", Class::Occupation));
        assert!(l.add_file("nonsense.txt", "n", "x\n").is_err());
    }

    #[test]
    fn honorifics_keep_gender_and_index() {
        let mut l = Language::new("en");
        l.add_file(
            "honorifics.tsv",
            "h",
            "form\tgender\nMrs.\tf\nSecretary of State\t\n",
        )
        .unwrap();
        assert_eq!(l.genders.get("Mrs."), Some(&Gender::Female));
        assert_eq!(l.honorific_index["Secretary"][0].len(), 3);
    }
}
