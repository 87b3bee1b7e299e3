//! The words of a language, as data. Every word list the rules consult is a *word class*
//! loaded from the language folder (`gazetteers/lexicon/en/`): plain lists (`occupations.txt`,
//! one form a line) and tables whose marked columns are classes (`verbs.tsv`: speech,
//! framing, belief ...). Each token is tagged once with the bit set of its classes
//! ([`Classes`]), so the rules read bits instead of hashing strings.
//!
//! Nothing here holds an English word: the built-in English folder is compiled into the
//! binary and a user's `--gazetteers DIR` adds to it (`DIR/lexicon/en/verbs.tsv` with a row
//! for "harrumphed" makes it a speech verb, no recompile).

mod load;

pub use load::{LanguageFile, check_file};

use crate::segment::{Segments, Token};
use rustc_hash::{FxHashMap, FxHashSet};

macro_rules! classes {
    ($( $(#[$doc:meta])* $variant:ident = $name:literal, $folded:literal; )*) => {
        /// A word class: a named list of words with one purpose.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        #[repr(u8)]
        pub enum Class {
            $( $(#[$doc])* $variant, )*
        }

        impl Class {
            /// Every class, in bit order.
            pub const ALL: &'static [Class] = &[$(Class::$variant),*];

            /// The name of its list file (`<name>.txt`) or of its column in a table.
            pub fn name(self) -> &'static str {
                match self { $(Class::$variant => $name,)* }
            }

            /// Compared in lower case ("Officials" is a source head too), or as written.
            pub fn folded(self) -> bool {
                match self { $(Class::$variant => $folded,)* }
            }
        }
    };
}

classes! {
    /// A cue of speech ("said", "warned"): `verbs.tsv`.
    Speech = "speech", false;
    /// A cue of belief, only with a source that is not a bare pronoun ("believed").
    Belief = "belief", false;
    /// Frames a quoted phrase as someone's words ("called", "dubbed"): a quote cue only.
    Framing = "framing", false;
    /// Reports findings of polls, studies and records ("shows", "found").
    Evidence = "evidence", false;
    /// Takes a described subject ("the lawsuit says").
    DescribedSource = "described_source", false;
    /// As often a plain transitive verb ("added staff"): a claim cue only before a clause.
    Transitive = "transitive", false;
    /// Reports a question or an event ("asked", "told") unless a clause follows.
    NotClaim = "not_claim", false;
    /// A name right after it is a speaker ("said Ed Voss").
    BeforeName = "before_name", false;
    /// Before a place name that is also a word, it makes the place ("in Reading").
    PlaceEvidence = "place_evidence", false;
    /// Before a bare surname, it keeps the place ("in London").
    KeepsSurnamePlace = "keeps_surname_place", false;
    /// Before a town in a sports report, it keeps the place ("at Dunmore").
    KeepsTownPlace = "keeps_town_place", false;
    /// An abbreviation whose period belongs to the word ("Inc.").
    Abbreviation = "abbreviation", false;
    /// An abbreviation a name or a number always follows ("Gen.", "No.").
    NeverEndsSentence = "never_ends_sentence", false;
    /// A singular subject pronoun ("he", "she").
    PronounSingular = "singular", false;
    /// A plural subject pronoun ("they").
    PronounPlural = "plural", false;
    /// After a head noun, ties the rest of the phrase to the source ("familiar with").
    PostmodAfterHead = "after_head", false;
    /// Between a head noun and its preposition ("an official familiar with").
    PostmodBeforePreposition = "before_preposition", false;
    /// A given name ("Maria").
    GivenName = "given_names", false;
    /// A frequent ordinary word, compared in lower case.
    Common = "common_words", true;
    /// A nationality or group adjective or noun ("Russian"): not an entity.
    Demonym = "demonyms", false;
    /// The head noun of an unnamed source ("officials", "spokeswoman").
    SourceHead = "source_heads", true;
    /// Opens sentences: after "U.S." or "Inc." it signals a break.
    SentenceStarter = "sentence_starters", false;
    /// Before a quote, makes it the title of a work ("the book").
    WorkNoun = "work_nouns", true;
    /// Sits between a source and its cue ("have long said").
    SourceAux = "source_aux", false;
    /// A lower-case word inside an unnamed-source phrase ("senior", "port").
    SourceModifier = "source_modifiers", false;
    /// Ends a source phrase walking back from its head; never a name.
    FunctionWord = "function_words", false;
    /// Opens a described source ("the", "his").
    Determiner = "determiners", false;
    /// A capitalised word that never starts a source phrase ("But").
    NotSource = "not_source", false;
    /// A newspaper name that "The" completes ("Times").
    Newspaper = "newspapers", false;
    /// Ends an organisation's name ("Committee").
    OrgHead = "org_heads", false;
    /// After "the X", says X is an organisation ("company").
    OrgKind = "org_kinds", false;
    /// A lower-case word inside a name ("de", "bin", "of").
    NameParticle = "name_particles", false;
    /// After a town in a sports report, makes it the club ("beat", "coach").
    TeamAfter = "team_after", false;
    /// Before a town in a sports report, makes it the club ("against").
    TeamBefore = "team_before", false;
    /// A division's name that alone stands for the city of that name ("Washington").
    CityFirst = "city_first", false;
    /// Stands between the two sides of a result or fixture line ("beat", "v", "AT").
    ResultWord = "result_words", true;
    /// Three of these make a sports report ("goals", "league").
    SportsWord = "sports_words", true;
    /// Ends a club's name in sports reports ("Rovers").
    ClubHead = "club_heads", false;
    /// An occupation before a bare name ("novelist"), compared in lower case.
    Occupation = "occupations", true;
    /// Ends (or never starts) a person's name ("Committee", "Monday", "The").
    NotName = "not_names", false;
    /// A generational suffix ("Jr.", "III").
    NameSuffix = "name_suffixes", false;
    /// Never a place, whatever a place list says (months, weekdays).
    NeverPlace = "never_places", false;
    /// An adverb between a name and its speech verb ("then").
    CueAdverb = "cue_adverbs", false;
    /// An adverb set off by commas between a source and its verb ("however").
    Parenthetical = "parentheticals", false;
    /// A capitalised function word that never opens an organisation's name ("When").
    OrgLead = "org_leads", false;
    /// After a leader's name, makes an organisation ("administration").
    GovernmentNoun = "government_nouns", false;
    /// Opens an apposition between a source and its verb ("who", "a", "former").
    AppositionOpener = "apposition_openers", false;
    /// A preposition that qualifies a source's head noun ("officials in").
    SourcePreposition = "source_prepositions", false;
    /// After a speaker named after its verb, closes the clause ("in", "earlier").
    AfterSpeaker = "after_speaker", false;
    /// Never ends a described source ("or", "which", "he").
    PhraseBreak = "phrase_breaks", false;
    /// A longer word that title case leaves in lower case ("with", "about").
    HeadlineLowercase = "headline_lowercase", false;
    /// Opens a fronted phrase before a clause's subject ("In an interview, X said"),
    /// compared in lower case.
    Fronting = "fronting_words", true;
    /// Opens a new clause ("and", "when"): a cue after it has a subject of its own,
    /// compared in lower case.
    ClauseOpener = "clause_openers", true;
    /// Before a short capitalised quote, makes it the name of a show or paper ("on",
    /// "told"), compared in lower case.
    WorkLead = "work_leads", true;
    /// Before a name, makes the participle after the name that name's ("footage of Brook
    /// saying"), compared in lower case.
    ParticipleLead = "participle_leads", true;
    /// The verb of a two-word cue ("called" of "called for"), from `phrasal_cues.txt`: one
    /// bit test before the particle is compared.
    PhrasalVerb = "phrasal_verbs", false;
}

const _: () = assert!(Class::ALL.len() <= 64, "classes are bits of a u64");

/// The classes of one word, as bits.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Hash)]
pub struct Classes(u64);

impl Classes {
    /// No class.
    pub const NONE: Classes = Classes(0);

    /// True when the word is of class `c`.
    #[inline]
    pub fn has(self, c: Class) -> bool {
        self.0 & (1 << c as u8) != 0
    }

    pub(crate) const fn with(self, c: Class) -> Classes {
        Classes(self.0 | 1 << c as u8)
    }

    /// The classes of both.
    pub(crate) fn union(self, other: Classes) -> Classes {
        Classes(self.0 | other.0)
    }

    /// True when the word is of any class of `other`.
    #[inline]
    pub(crate) fn any(self, other: Classes) -> bool {
        self.0 & other.0 != 0
    }
}

/// The bits of the classes compared in lower case.
fn folded_mask() -> u64 {
    Class::ALL
        .iter()
        .filter(|c| c.folded())
        .fold(0, |m, &c| m | 1 << c as u8)
}

/// A gender that a word (a pronoun, an honorific) gives its person.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Gender {
    /// Masculine ("he", "Mr.").
    Male,
    /// Feminine ("she", "Mrs.").
    Female,
    /// Neither: a thing or a body ("it").
    Neuter,
}

/// The words of one language: word classes, honorifics, and the phrase lists.
#[derive(Debug, Clone)]
pub struct Language {
    /// The folder name: "en".
    pub code: String,
    words: crate::wordmap::WordMap<Classes>,
    folded: u64,
    /// Honorifics ("Gen.", "Secretary of State"), longest first.
    pub honorifics: Vec<String>,
    /// Honorifics by their first word, each as its words: "Secretary" -> ["Secretary", "of",
    /// "State"], longest first.
    pub honorific_index: FxHashMap<String, Vec<Vec<String>>>,
    /// The gender that a pronoun, an honorific or a given name gives ("she", "Mrs.", "Helen").
    pub genders: FxHashMap<String, Gender>,
    /// The titles a role noun stands for: "the senator" refers back to "Sen. Ada Brook"
    /// (`role_nouns.tsv`).
    pub role_titles: FxHashMap<String, Vec<String>>,
    /// Place names that are also ordinary words ("Reading", "Mobile"): a place only with
    /// evidence. From `ambiguous.txt` rows whose reason says "common word" (or gives none).
    pub ambiguous: FxHashSet<String>,
    /// Place names that are also given names or surnames ("London", "Houston"): a place
    /// unless a name stands right before it.
    pub name_places: FxHashSet<String>,
    /// Words or phrases after a place that make it an event ("Open", "Grand Prix").
    pub place_events: Vec<String>,
    /// Words or phrases right before a quote that mark a coined term ("so-called").
    pub term_cues: Vec<String>,
    /// Two-word cues of speech, verb form and particle: ("called", "for").
    pub phrasal_cues: Vec<(String, String)>,
}

impl Default for Language {
    fn default() -> Language {
        Language::new(crate::gazetteer::DEFAULT_LANGUAGE)
    }
}

impl Language {
    /// An empty language with the given folder name.
    pub fn new(code: &str) -> Language {
        Language {
            code: code.to_string(),
            words: crate::wordmap::WordMap::default(),
            folded: folded_mask(),
            honorifics: Vec::new(),
            honorific_index: FxHashMap::default(),
            genders: FxHashMap::default(),
            role_titles: FxHashMap::default(),
            ambiguous: FxHashSet::default(),
            name_places: FxHashSet::default(),
            place_events: Vec::new(),
            term_cues: Vec::new(),
            phrasal_cues: Vec::new(),
        }
    }

    /// Adds `word` to class `c` (folded classes store it in lower case).
    pub fn add(&mut self, word: &str, c: Class) {
        let bit = Classes::NONE.with(c);
        if c.folded() {
            crate::words::with_lowercase(word, |l| self.words.add(l, bit, Classes::union));
        } else {
            self.words.add(word, bit, Classes::union);
        }
    }

    /// The classes of a word as written: its own, and those of its lower-case form that
    /// are compared in lower case.
    pub fn classes(&self, w: &str) -> Classes {
        self.classes_inline(w)
    }

    /// [`Language::classes`], inlined into the tagging loop (a call per token).
    #[inline(always)]
    fn classes_inline(&self, w: &str) -> Classes {
        use crate::wordmap::{INLINE, Key};
        let b = w.as_bytes();
        let short = (b.len() <= INLINE).then(|| Key::short(b));
        let exact = match short {
            Some(k) => self.words.get_key(k),
            None => self.words.get(b),
        }
        .unwrap_or_default();
        let lower = match short.filter(|k| k.is_ascii()) {
            // Most tokens: a short ASCII word, lower-cased in its key eight bytes a step.
            Some(k) => match k.ascii_lowercase() {
                Some(l) => self.words.get_key(l),
                None => return exact,
            },
            None => {
                let upper = if w.is_ascii() {
                    b.iter().any(u8::is_ascii_uppercase)
                } else {
                    w.chars().any(char::is_uppercase)
                };
                if !upper {
                    return exact;
                }
                crate::words::with_lowercase_bytes(w, |l| self.words.get(l))
            }
        };
        Classes(exact.0 | (lower.unwrap_or_default().0 & self.folded))
    }

    /// True when `w` is of class `c`.
    pub fn is(&self, w: &str, c: Class) -> bool {
        self.classes(w).has(c)
    }

    /// Tags every token of `seg[from..]` with its classes: one lookup per token.
    pub(crate) fn tag(&self, text: &str, tokens: &mut [Token]) {
        for t in tokens {
            t.lex = self.classes_inline(t.span().of(text));
        }
    }

    /// Tags all tokens of a segmented document (for segments built without a language).
    pub fn tag_all(&self, text: &str, seg: &mut Segments) {
        self.tag(text, &mut seg.tokens);
    }

    /// A given name ("Maria").
    pub fn is_given_name(&self, w: &str) -> bool {
        self.is(w, Class::GivenName)
    }
    /// A nationality or group word ("Russian").
    pub fn is_demonym(&self, w: &str) -> bool {
        self.is(w, Class::Demonym)
    }
    /// A frequent ordinary word, in any case.
    pub fn is_common(&self, w: &str) -> bool {
        self.is(w, Class::Common)
    }

    /// Rebuilds `honorific_index` from `honorifics`, deduplicated and longest first (so
    /// "Lt. Gen." is tried before "Gen.").
    pub fn index_honorifics(&mut self) {
        let mut seen = FxHashSet::default();
        self.honorifics.retain(|h| seen.insert(h.clone()));
        self.honorifics
            .sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
        self.honorific_index.clear();
        for h in &self.honorifics {
            let words: Vec<String> = h.split(' ').map(String::from).collect();
            self.honorific_index
                .entry(words[0].clone())
                .or_default()
                .push(words);
        }
    }

    /// Adds everything of `other` (a user's folder) to this language.
    pub fn extend(&mut self, other: Language) {
        for (w, c) in other.words.iter() {
            self.words.add(w, c, Classes::union);
        }
        self.honorifics.extend(other.honorifics);
        self.genders.extend(other.genders);
        for (k, v) in other.role_titles {
            self.role_titles.entry(k).or_default().extend(v);
        }
        self.ambiguous.extend(other.ambiguous);
        self.name_places.extend(other.name_places);
        self.place_events.extend(other.place_events);
        self.term_cues.extend(other.term_cues);
        self.phrasal_cues.extend(other.phrasal_cues);
        self.index_honorifics();
    }

    /// How many words each class holds, in class order (for `whosaid rules` and tests).
    pub fn counts(&self) -> Vec<(Class, usize)> {
        Class::ALL
            .iter()
            .map(|&c| (c, self.words.iter().filter(|(_, w)| w.has(c)).count()))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folded_classes_match_any_case_exact_ones_do_not() {
        let mut l = Language::new("en");
        l.add("Officials", Class::SourceHead);
        l.add("said", Class::Speech);
        assert!(l.is("officials", Class::SourceHead));
        assert!(l.is("OFFICIALS", Class::SourceHead));
        assert!(l.is("said", Class::Speech));
        assert!(!l.is("Said", Class::Speech));
        assert!(!l.is("said", Class::SourceHead));
    }

    #[test]
    fn class_names_are_unique() {
        let names: FxHashSet<&str> = Class::ALL.iter().map(|c| c.name()).collect();
        assert_eq!(names.len(), Class::ALL.len());
    }
}
