//! User pattern rules: `patterns.tsv` in a gazetteer folder, one rule a row, four
//! tab-separated columns `id`, `type`, `pattern`, `reason`. The pattern is an expression of
//! the `regex` crate; every match in a document becomes a mention of the row's type, written
//! with source `rule:<id>` (matching is in `rules::user`).
//!
//! The patterns are compiled once, into one `RegexSet` (which patterns match a document, in
//! one pass over its text) and one `Regex` each (the spans, asked only of the patterns that
//! matched), so that a hundred rules cost about one scan of the text.

use crate::error::GazetteerError;
use crate::registry::RuleId;
use crate::types::EntityType;
use regex::{Regex, RegexSet};
use std::collections::BTreeSet;
use std::sync::{Arc, Mutex, PoisonError};

/// The name of the pattern file in a gazetteer folder.
pub const PATTERNS_FILE: &str = "patterns.tsv";

/// One row of a `patterns.tsv`.
#[derive(Debug, Clone)]
pub struct UserRule {
    /// The rule's id, written `rule:<id>` in `mentions.source`. Interned: one copy per
    /// distinct id for the life of the process, so that mentions carry it as a plain
    /// `&'static str` (see [`Source::User`](crate::types::Source::User)).
    pub id: &'static str,
    /// The type of the mentions it finds.
    pub etype: EntityType,
    /// The expression, as written.
    pub pattern: String,
    /// Why the rule exists, as written (may be empty).
    pub reason: String,
    /// The file the row is in, for messages.
    pub file: Arc<str>,
    /// The 1-based line of the row in its file.
    pub line: usize,
    /// The compiled expression.
    regex: Regex,
}

impl UserRule {
    /// Where the row is: `file:line`.
    pub fn location(&self) -> String {
        format!("{}:{}", self.file, self.line)
    }
}

/// The loaded user rules, compiled: every pattern in one `RegexSet`, and each on its own.
#[derive(Debug, Clone, Default)]
pub struct UserRules {
    rules: Vec<UserRule>,
    /// All patterns at once; `None` when there are no rules.
    set: Option<RegexSet>,
}

impl UserRules {
    /// The rules, in the order they were loaded (folder order, then line order).
    pub fn rules(&self) -> &[UserRule] {
        &self.rules
    }

    /// True when there is no rule.
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The problems of adding `added` (another folder's rules) to these: an id may not be
    /// an id already loaded.
    pub fn check_reuse(&self, added: &UserRules) -> Vec<GazetteerError> {
        added
            .rules
            .iter()
            .filter_map(|r| {
                let prev = self.rules.iter().find(|p| p.id == r.id)?;
                Some(problem(
                    &r.file,
                    r.line,
                    format!(
                        "rule id {:?} is already the id of the rule at {}: ids are unique \
                         across all folders, pick another one",
                        r.id,
                        prev.location()
                    ),
                ))
            })
            .collect()
    }

    /// These rules and then `added`'s, compiled into one set (the ids are not checked here:
    /// see [`check_reuse`](UserRules::check_reuse)).
    pub fn with(&self, added: &UserRules) -> Result<UserRules, GazetteerError> {
        compile(self.rules.iter().chain(&added.rules).cloned().collect())
    }

    /// Indices of the rules with at least one match in `text`, in rule order.
    pub(crate) fn matching(&self, text: &str) -> Vec<usize> {
        match &self.set {
            Some(set) => set.matches(text).into_iter().collect(),
            None => Vec::new(),
        }
    }

    /// The compiled expression of rule `i`.
    pub(crate) fn regex(&self, i: usize) -> &Regex {
        &self.rules[i].regex
    }
}

/// The set over `rules`' patterns. Every pattern compiled on its own; together they can
/// still pass the `regex` crate's size limit.
fn compile(rules: Vec<UserRule>) -> Result<UserRules, GazetteerError> {
    if rules.is_empty() {
        return Ok(UserRules::default());
    }
    let set = RegexSet::new(rules.iter().map(|r| r.pattern.as_str())).map_err(|e| {
        problem(
            &rules[0].file,
            0,
            format!(
                "the {} patterns together do not compile ({e}): use fewer or smaller patterns",
                rules.len()
            ),
        )
    })?;
    Ok(UserRules {
        rules,
        set: Some(set),
    })
}

fn problem(file: &str, line: usize, message: String) -> GazetteerError {
    GazetteerError {
        file: file.to_string(),
        line,
        message,
    }
}

/// The one `&'static str` of an id: ids are leaked once per distinct string, however many
/// pipelines load them.
fn intern(id: &str) -> &'static str {
    static IDS: Mutex<BTreeSet<&'static str>> = Mutex::new(BTreeSet::new());
    let mut ids = IDS.lock().unwrap_or_else(PoisonError::into_inner);
    if let Some(&s) = ids.get(id) {
        return s;
    }
    let s: &'static str = Box::leak(id.into());
    ids.insert(s);
    s
}

/// What is wrong with a pattern: it does not compile (the `regex` crate's message), or it
/// can match the empty string (every position of every text).
fn pattern_problem(pattern: &str) -> Result<Regex, String> {
    let regex = Regex::new(pattern).map_err(|e| format!("invalid pattern: {e}"))?;
    // The parser that `Regex::new` uses, with its defaults: it has just accepted the pattern.
    let hir = regex_syntax::Parser::new()
        .parse(pattern)
        .map_err(|e| format!("invalid pattern: {e}"))?;
    match hir.properties().minimum_len() {
        Some(0) => Err(format!(
            "pattern {pattern:?} can match the empty string: every match must have at \
             least one character (use + rather than *, and do not make the whole \
             pattern optional)"
        )),
        None => Err(format!("pattern {pattern:?} can never match anything")),
        Some(_) => Ok(regex),
    }
}

/// Parses a `patterns.tsv` and compiles its rules. Every bad row is reported, by file and
/// line: a wrong number of columns, an id that is empty, holds a space, is a built-in rule's
/// id or repeats, a type other than PERSON, ORG or LOC, and a pattern that does not compile
/// or can match the empty string.
pub fn parse_patterns(file: &str, text: &str) -> Result<UserRules, Vec<GazetteerError>> {
    let shared: Arc<str> = Arc::from(file);
    let mut rules: Vec<UserRule> = Vec::new();
    let mut errors = Vec::new();
    let mut ids: Vec<(&str, usize)> = Vec::new();
    for (i, raw) in text.lines().enumerate() {
        let n = i + 1;
        let line = raw.trim_end_matches('\r');
        // A first line naming the columns is a header, as spreadsheets write one.
        let header = n == 1
            && line
                .split('\t')
                .map(str::trim)
                .eq(["id", "type", "pattern", "reason"]);
        if line.trim().is_empty() || line.starts_with('#') || header {
            continue;
        }
        let mut err = |message: String| errors.push(problem(file, n, message));
        let cols: Vec<&str> = line.split('\t').collect();
        if cols.len() != 4 {
            err(format!(
                "expected 4 tab-separated columns (id, type, pattern, reason), found {}: \
                 keep an empty reason's tab",
                cols.len()
            ));
            continue;
        }
        let (id, typ, pattern, reason) = (cols[0].trim(), cols[1].trim(), cols[2], cols[3]);
        let mut ok = true;
        if id.is_empty() {
            err("empty rule id: every rule needs one (\"user.operation\")".to_string());
            ok = false;
        } else if id.contains(char::is_whitespace) {
            err(format!(
                "rule id {id:?} holds a space: write it without (\"user.operation\")"
            ));
            ok = false;
        } else if RuleId::parse(id).is_some() {
            err(format!(
                "rule id {id:?} is a built-in rule's id (`whosaid rules` lists them): pick \
                 another one, such as \"user.{id}\""
            ));
            ok = false;
        } else if let Some(&(_, first)) = ids.iter().find(|(p, _)| *p == id) {
            err(format!(
                "rule id {id:?} is already the id of the rule at line {first}: pick another one"
            ));
            ok = false;
        } else {
            ids.push((id, n));
        }
        let etype = EntityType::parse(typ);
        if etype.is_none() {
            err(format!("type {typ:?} is not PERSON, ORG or LOC"));
        }
        let regex = pattern_problem(pattern).map_err(&mut err).ok();
        if let (true, Some(etype), Some(regex)) = (ok, etype, regex) {
            rules.push(UserRule {
                id: intern(id),
                etype,
                pattern: pattern.to_string(),
                reason: reason.trim().to_string(),
                file: shared.clone(),
                line: n,
                regex,
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    compile(rules).map_err(|e| vec![e])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn errors(text: &str) -> Vec<String> {
        parse_patterns("p.tsv", text)
            .unwrap_err()
            .iter()
            .map(ToString::to_string)
            .collect()
    }

    #[test]
    fn parses_rows_skipping_comments_and_blank_lines() {
        let text = "# id\ttype\tpattern\treason\n\n\
                    user.operation\tORG\tOperation [A-Z][a-z]+\tnamed operations\n\
                    user.ship\tLOC\tHMS [A-Z]\\w+\t\n";
        let rules = parse_patterns("p.tsv", text).unwrap();
        let r = rules.rules();
        assert_eq!(r.len(), 2);
        assert_eq!((r[0].id, r[0].etype), ("user.operation", EntityType::Org));
        assert_eq!(r[0].reason, "named operations");
        assert_eq!(r[0].location(), "p.tsv:3");
        assert_eq!(
            (r[1].id, r[1].line, r[1].reason.as_str()),
            ("user.ship", 4, "")
        );
    }

    #[test]
    fn a_first_line_naming_the_columns_is_a_header() {
        let text = "id\ttype\tpattern\treason\nuser.operation\tORG\tOperation [A-Z][a-z]+\t\n";
        let rules = parse_patterns("p.tsv", text).unwrap();
        assert_eq!(rules.rules().len(), 1);
        // Only the first line: later, the same words are a row with a bad type.
        assert!(parse_patterns("p.tsv", &format!("{text}id\ttype\tpattern\treason\n")).is_err());
    }

    #[test]
    fn every_bad_row_is_reported_by_file_and_line() {
        let text = "a\tORG\tX+\n\
                    \tORG\tAlpha\tr\n\
                    my rule\tORG\tAlpha\tr\n\
                    org.head\tORG\tAlpha\tr\n\
                    user.a\tTHING\tAlpha\tr\n\
                    user.b\tORG\tOperation [A-Z\tr\n\
                    user.c\tORG\t(Operation)?\tr\n\
                    user.d\tORG\t\tr\n\
                    user.e\tORG\tAlpha\tr\n\
                    user.e\tORG\tBeta\tr\n";
        let e = errors(text);
        let want = [
            "p.tsv:1: expected 4 tab-separated columns (id, type, pattern, reason), found 3",
            "p.tsv:2: empty rule id",
            "p.tsv:3: rule id \"my rule\" holds a space",
            "p.tsv:4: rule id \"org.head\" is a built-in rule's id",
            "p.tsv:5: type \"THING\" is not PERSON, ORG or LOC",
            "p.tsv:6: invalid pattern: regex parse error:",
            "p.tsv:7: pattern \"(Operation)?\" can match the empty string",
            "p.tsv:8: pattern \"\" can match the empty string",
            "p.tsv:10: rule id \"user.e\" is already the id of the rule at line 9",
        ];
        assert_eq!(e.len(), want.len(), "{e:#?}");
        for (got, want) in e.iter().zip(want) {
            assert!(
                got.starts_with(want),
                "{got:?} does not start with {want:?}"
            );
        }
        // The regex crate's own message says what is wrong.
        assert!(e[5].contains("unclosed character class"), "{}", e[5]);
    }

    #[test]
    fn assertions_alone_match_the_empty_string() {
        for p in [r"\b", "^", "(?m)$", "a*", "x{0,3}"] {
            let e = errors(&format!("user.x\tORG\t{p}\tr\n"));
            assert!(e[0].contains("can match the empty string"), "{p}: {e:?}");
        }
        assert!(errors("user.x\tORG\t[^\\s\\S]\tr\n")[0].contains("can never match"));
        assert!(parse_patterns("p.tsv", "user.x\tORG\t\\bA\\w*\tr\n").is_ok());
    }

    #[test]
    fn the_set_finds_which_rules_match() {
        let text = "user.a\tORG\tOperation [A-Z][a-z]+\t\n\
                    user.b\tLOC\tHMS [A-Z]\\w+\t\n\
                    user.c\tPERSON\tDr\\. No\t\n";
        let rules = parse_patterns("p.tsv", text).unwrap();
        assert_eq!(
            rules.matching("Operation Sandstorm left HMS Daring."),
            vec![0, 1]
        );
        assert_eq!(rules.matching("Nothing here."), Vec::<usize>::new());
        assert!(
            UserRules::default()
                .matching("Operation Sandstorm")
                .is_empty()
        );
    }

    #[test]
    fn a_second_folder_cannot_reuse_an_id() {
        let a = parse_patterns("a/patterns.tsv", "user.a\tORG\tAlpha\t\n").unwrap();
        let b = parse_patterns("b/patterns.tsv", "# x\nuser.a\tORG\tBeta\t\n").unwrap();
        let e = a.check_reuse(&b);
        assert_eq!((e[0].file.as_str(), e[0].line), ("b/patterns.tsv", 2));
        assert!(
            e[0].message.contains("rule at a/patterns.tsv:1"),
            "{}",
            e[0]
        );
        let c = parse_patterns("c/patterns.tsv", "user.c\tLOC\tGamma\t\n").unwrap();
        assert!(a.check_reuse(&c).is_empty());
        let a = a.with(&c).unwrap();
        assert_eq!(a.rules().len(), 2);
        assert_eq!(a.matching("Gamma and Alpha"), vec![0, 1]);
    }

    #[test]
    fn ids_are_interned_once() {
        let a = parse_patterns("a.tsv", "user.same\tORG\tAlpha\t\n").unwrap();
        let b = parse_patterns("b.tsv", "user.same\tORG\tBeta\t\n").unwrap();
        assert!(std::ptr::eq(a.rules()[0].id, b.rules()[0].id));
    }
}
