//! Stage 7: attribute each quotation to its speaker, as a sieve from most to least certain:
//! an explicit cue in the quote's sentence, a pronoun or nominal speaker resolved to its
//! antecedent, an attribution in the next sentence or the previous quote's speaker, and
//! otherwise unknown. Every rung has its own rule id and confidence (see `QUOTE_RULES`).

use crate::cues::{Pronoun, is_framing_verb, is_source_head, is_speech_verb, pronoun_kind};
use crate::segment::Segments;
use crate::types::{
    Claim, ClaimKind, Entity, EntityType, Mention, Quote, QuoteKind, Span, Speaker, SpeakerType,
};

/// The rungs of quote attribution: id, confidence, reason.
#[rustfmt::skip]
pub const QUOTE_RULES: &[(&str, f32, &str)] = &[
    ("quote.after.speaker-cue", 0.95, "“…,” Ada Brook said / “…,” she said: speaker and cue right after the quote"),
    ("quote.after.cue-speaker", 0.95, "“…,” said Ada Brook: cue then speaker right after the quote"),
    ("quote.after.speaker-verb", 0.85, "“…,” Brook charged. / “…,” he continued.: a person and a verb closing the clause"),
    ("quote.before", 0.9, "Ada Brook said: “…” / according to Ada Brook, “…”: cue right before the quote"),
    ("quote.sentence-cue", 0.8, "a cue elsewhere in the quote's sentence: X said they are “sharply focused”"),
    ("quote.colon", 0.6, "Ada Brook praises the plan: “…”: the sentence's named subject introduces the quote"),
    ("quote.next-sentence", 0.7, "no cue in the sentence, a short attribution follows: “…” Brook said."),
    ("quote.continuation", 0.75, "no cue, an earlier quote in the same paragraph has a speaker"),
    ("quote.unattributed", 0.1, "no cue and no earlier speaker: speaker left unknown"),
    ("quote.not-speech", 1.0, "a title, scare quote or nickname: not speech (written with --all-quotes)"),
];

fn conf(rule: &str) -> f32 {
    QUOTE_RULES
        .iter()
        .find(|r| r.0 == rule)
        .map_or(0.5, |r| r.1)
}

/// Words that sit between a subject and its cue ("officials have long said").
const AUX: &[&str] = &[
    "also",
    "have",
    "has",
    "had",
    "would",
    "will",
    "previously",
    "repeatedly",
    "publicly",
    "privately",
    "later",
    "again",
    "often",
    "once",
    "later",
    "recently",
    "since",
    "then",
    "had",
    "long",
    "earlier",
    "separately",
    "still",
    "both",
    "all",
    "further",
    "flatly",
];

/// Lower-case words allowed inside an unnamed-source phrase before its head noun.
const MODIFIERS: &[&str] = &[
    "a",
    "an",
    "the",
    "some",
    "many",
    "several",
    "few",
    "most",
    "all",
    "both",
    "other",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "dozens",
    "of",
    "former",
    "current",
    "senior",
    "top",
    "retired",
    "and",
    "&",
    "intelligence",
    "military",
    "administration",
    "government",
    "law",
    "enforcement",
    "security",
    "defense",
    "foreign",
    "federal",
    "state",
    "local",
    "health",
    "election",
    "campaign",
    "party",
    "independent",
    "outside",
    "anonymous",
    "unnamed",
    "two",
    "more",
    "western",
    "european",
    "american",
    "russian",
    "israeli",
    "palestinian",
    "ukrainian",
    "chinese",
    "counterintelligence",
    "national",
    "police",
    "city",
    "county",
    "company",
    "industry",
    "legal",
    "medical",
    "public",
    "diplomatic",
    "economic",
    "financial",
    "political",
    "regional",
    "u.s.",
    "these",
    "those",
    "such",
    "longtime",
    "veteran",
    "high-ranking",
    "mid-level",
    "white",
    "house",
    "justice",
    "department",
    "pentagon",
    "trade",
    "energy",
    "climate",
    "human",
    "rights",
    "civil",
];

/// Words that end a source phrase when walking back from its head noun.
const FUNCTION_WORDS: &[&str] = &[
    "in", "on", "at", "by", "with", "from", "to", "for", "of", "that", "which", "who", "whom",
    "is", "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would",
    "can", "could", "may", "might", "should", "must", "it", "he", "she", "they", "we", "you", "i",
    "but", "or", "if", "because", "when", "while", "as", "than", "not", "no", "so", "do", "does",
    "did", "there", "here", "about", "after", "before", "over", "under", "into", "its", "also",
];

/// Words that open a described source: "the lawsuit", "one aide", "his spokesman".
const DETERMINERS: &[&str] = &[
    "the", "The", "a", "A", "an", "An", "one", "One", "another", "his", "His", "her", "Her",
    "their", "Their", "its", "Its", "this", "This", "that", "a", "two", "three", "several", "some",
    "Some",
];

/// Capitalised words that never start a source phrase.
const NOT_SOURCE: &[&str] = &[
    "But",
    "And",
    "So",
    "Yet",
    "Then",
    "Now",
    "Still",
    "Also",
    "However",
    "That",
    "This",
    "When",
    "While",
    "If",
    "Because",
    "Since",
    "As",
    "In",
    "On",
    "At",
    "For",
    "Meanwhile",
    "Instead",
    "Asked",
];

/// Finds speakers around cues in one document.
pub struct Attributor<'a> {
    pub text: &'a str,
    pub seg: &'a Segments,
    pub mentions: &'a [Mention],
    pub entities: &'a [Entity],
    /// Outer spans of all quotes, sorted.
    pub quote_spans: Vec<Span>,
}

/// A speaker found at a place in the text.
#[derive(Debug, Clone)]
pub struct Found {
    pub speaker: Speaker,
    /// Where the speaker phrase starts and ends (for content spans).
    pub start: usize,
    pub end: usize,
    pub pronoun: bool,
}

impl<'a> Attributor<'a> {
    pub fn tok(&self, i: usize) -> &'a str {
        self.seg.tokens[i].span.of(self.text)
    }

    pub fn in_quote(&self, at: usize) -> bool {
        let i = self.quote_spans.partition_point(|s| s.end <= at);
        self.quote_spans.get(i).is_some_and(|s| s.start <= at)
    }

    /// True when token `i` is a cue: a speech verb or the "according" of "according to".
    pub fn is_cue(&self, i: usize) -> bool {
        let w = self.tok(i);
        is_speech_verb(w)
            || (w.eq_ignore_ascii_case("according")
                && i + 1 < self.seg.tokens.len()
                && self.tok(i + 1) == "to")
    }

    /// Cues of a quote in its own sentence: the speech verbs, and verbs that frame a quoted
    /// phrase ("called the plan “a disaster”", "vowing to “fight on”").
    pub fn is_quote_cue(&self, i: usize) -> bool {
        self.is_cue(i) || is_framing_verb(self.tok(i))
    }

    /// The cue text as written ("said", "according to").
    pub fn cue_text(&self, i: usize) -> String {
        if self.tok(i).eq_ignore_ascii_case("according") {
            Span::new(
                self.seg.tokens[i].span.start,
                self.seg.tokens[i + 1].span.end,
            )
            .of(self.text)
            .to_string()
        } else {
            self.tok(i).to_string()
        }
    }

    fn sep(&self, i: usize) -> &'a str {
        let (a, b) = (self.seg.tokens[i], self.seg.tokens[i + 1]);
        &self.text[a.full_end..b.span.start]
    }

    fn same_sentence(&self, i: usize, j: usize) -> bool {
        self.seg.tokens[i].sentence == self.seg.tokens[j].sentence
    }

    /// The mention covering token `i`.
    fn mention_at(&self, i: usize) -> Option<&'a Mention> {
        let sp = self.seg.tokens[i].span;
        let k = self.mentions.partition_point(|m| m.span.end <= sp.start);
        self.mentions
            .get(k)
            .filter(|m| m.span.start <= sp.start && sp.end <= m.span.end)
    }

    fn entity_speaker(&self, m: &Mention) -> Speaker {
        let e = &self.entities[m.entity];
        Speaker {
            name: e.name.clone(),
            entity: Some(m.entity),
            stype: if e.etype == EntityType::Person {
                SpeakerType::Person
            } else {
                SpeakerType::Org
            },
            role: m.role.clone(),
        }
    }

    fn named(&self, m: &Mention) -> Found {
        Found {
            speaker: self.entity_speaker(m),
            start: m.span.start,
            end: m.span.end,
            pronoun: false,
        }
    }

    /// The nearest named person before byte `at`, outside quotes: the antecedent of he/she.
    fn person_before(&self, at: usize) -> Option<&'a Mention> {
        let k = self.mentions.partition_point(|m| m.span.start < at);
        self.mentions[..k]
            .iter()
            .rev()
            .find(|m| m.etype == EntityType::Person && !self.in_quote(m.span.start))
    }

    fn pronoun(&self, i: usize) -> Option<Found> {
        match pronoun_kind(self.tok(i))? {
            Pronoun::Singular => {
                let m = self.person_before(self.seg.tokens[i].span.start)?;
                Some(Found {
                    speaker: self.entity_speaker(m),
                    start: self.seg.tokens[i].span.start,
                    end: self.seg.tokens[i].span.end,
                    pronoun: true,
                })
            }
            Pronoun::Plural => None,
        }
    }

    fn group(&self, a: usize, b: usize) -> Found {
        let span = Span::new(self.seg.tokens[a].span.start, self.seg.tokens[b].span.end);
        Found {
            speaker: Speaker {
                name: span.of(self.text).to_string(),
                entity: None,
                stype: SpeakerType::Group,
                role: None,
            },
            start: span.start,
            end: span.end,
            pronoun: false,
        }
    }

    /// The speaker after a cue when it closes its clause: "…, said Ada Brook." but not
    /// "said the talks were serious".
    pub fn final_objects(&self, i: usize) -> Vec<Found> {
        let mut out = self.objects(i);
        out.retain(|f| {
            // Punctuation, or a prepositional phrase: "said Ada Brook in a statement".
            let rest = self.text[f.end..].trim_start();
            let next = rest
                .split(|c: char| !c.is_alphanumeric())
                .next()
                .unwrap_or("");
            rest.is_empty()
                || rest.starts_with(['.', ',', ';', '\n', '!', '?', '—', '(', ':'])
                || matches!(
                    next,
                    "in" | "on"
                        | "at"
                        | "during"
                        | "after"
                        | "before"
                        | "from"
                        | "to"
                        | "of"
                        | "with"
                        | "for"
                        | "via"
                        | "last"
                        | "this"
                        | "earlier"
                        | "later"
                        | "recently"
                )
        });
        out
    }

    /// A head noun of a source: a listed one ("officials", "spokeswoman") or any plural
    /// common noun ("engineers", "farmers").
    fn is_head(&self, i: usize) -> bool {
        let w = self.tok(i);
        is_source_head(w)
            || (w.starts_with(char::is_uppercase) && is_source_head(&w.to_lowercase()))
            || (w.len() > 4
                && w.ends_with('s')
                && !w.ends_with("ss")
                && !w.ends_with("us")
                && self.is_plain_noun(i))
    }

    fn is_modifier(&self, i: usize) -> bool {
        let w = self.tok(i);
        let t = self.seg.tokens[i];
        if t.cap {
            return !NOT_SOURCE.contains(&w);
        }
        MODIFIERS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) || self.is_head(i)
    }

    /// A lower-case word that can modify a head noun ("port officials"): not a function
    /// word, not a verb of speech.
    fn is_plain_noun(&self, i: usize) -> bool {
        // A capital opening the sentence does not make a name: "Farmers in the valley say".
        let t = self.seg.tokens[i];
        let opens = self.seg.sentences[t.sentence].first_token == i;
        let w = self.tok(i);
        let lower;
        let w = if t.cap && opens {
            lower = w.to_lowercase();
            lower.as_str()
        } else if t.cap {
            return false;
        } else {
            w
        };
        w.chars().all(char::is_alphabetic)
            && !FUNCTION_WORDS.contains(&w)
            && !DETERMINERS.contains(&w)
            && !is_speech_verb(w)
            && !w.ends_with("ly")
            && !w.ends_with("ed")
    }

    /// An unnamed-source phrase ending at head token `h`, walking back over modifiers.
    fn group_back(&self, h: usize, floor: usize) -> usize {
        let mut a = h;
        while a > floor
            && h - a < 7
            && self.same_sentence(a - 1, a)
            && self.sep(a - 1).trim().is_empty()
            && (self.is_modifier(a - 1) || self.is_plain_noun(a - 1))
        {
            if self.seg.tokens[a - 1].possessive {
                break;
            }
            a -= 1;
            // A determiner or a number opens the phrase: nothing before it belongs.
            let w = self.tok(a);
            if DETERMINERS.contains(&w) || w.chars().all(|c| c.is_ascii_digit()) {
                break;
            }
        }
        // Never start on "and" or "of".
        while a < h && matches!(self.tok(a), "and" | "of" | "&") {
            a += 1;
        }
        a
    }

    /// The subject of the cue at token `c`: named entities, pronouns, unnamed sources, with
    /// coordinated subjects split ("London and other former officers" gives two).
    pub fn subjects(&self, c: usize) -> Vec<Found> {
        let Some(mut j) = c.checked_sub(1) else {
            return Vec::new();
        };
        let sent_first = self.seg.sentences[self.seg.tokens[c].sentence].first_token;
        if j < sent_first {
            return Vec::new();
        }
        while j > sent_first && AUX.contains(&self.tok(j)) && self.sep(j).trim().is_empty() {
            j -= 1;
        }
        if self.tok(c).ends_with("ing") {
            // "Brook backed the plan, saying …", "the group issued a statement saying …":
            // the clause's named subject.
            if let Some(f) = self.clause_subject(c) {
                return vec![f];
            }
        }
        // "Sanders, who says …": the name before the relative pronoun.
        if matches!(self.tok(j), "who" | "which")
            && j > sent_first
            && self.sep(j - 1).trim() == ","
            && let Some(m) = self.mention_at(j - 1)
        {
            return vec![self.named(m)];
        }
        let sep = self.sep(j);
        if sep.trim() == "," {
            return self.apposition_subject(j, sent_first).into_iter().collect();
        }
        if !sep.trim().is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        let start_tok;
        if let Some(m) = self.mention_at(j) {
            // A title before the name stays out: "Mr. Brook said".
            out.push(self.named(m));
            start_tok = self.seg.token_at_or_after(m.span.start);
        } else if let Some(f) = self.pronoun(j) {
            return vec![f];
        } else if self.is_head(j) {
            let a = self.group_back(j, sent_first);
            // "London and other former officers": a named entity coordinated with a group.
            if let Some(and) = (a + 1..j).find(|&t| self.tok(t) == "and")
                && let Some(m) = self.mention_at(and - 1)
            {
                let named = self.named(m);
                return vec![named, self.group(and + 1, j)];
            }
            // "officials at the ministry said": the head the phrase qualifies.
            let a = match self.head_before_preposition(a, sent_first) {
                Some(head) => self.group_back(head, sent_first),
                None => a,
            };
            out.push(self.group(a, j));
            start_tok = a;
        } else if let Some(a) = self.determiner_phrase(j, sent_first).filter(|_| {
            matches!(
                self.tok(c),
                "said"
                    | "says"
                    | "say"
                    | "told"
                    | "tells"
                    | "added"
                    | "wrote"
                    | "writes"
                    | "stated"
                    | "warned"
                    | "argued"
            )
        }) {
            // "the lawsuit says", "the Democratic nominee said": a described source, with
            // the noun it qualifies: "farmers in the valley say", "an official familiar
            // with the case said".
            if let Some(head) = self.head_before_preposition(a, sent_first) {
                return vec![self.group(self.group_back(head, sent_first), j)];
            }
            return vec![self.group(a, j)];
        } else {
            return Vec::new();
        }
        // "Ada Brook and Ed Voss said": one more named entity before "and".
        if start_tok >= 2
            && self.tok(start_tok - 1) == "and"
            && self.same_sentence(start_tok - 2, start_tok)
            && let Some(m) = self.mention_at(start_tok - 2)
        {
            out.insert(0, self.named(m));
        }
        out
    }

    /// A lower-case noun phrase ending at token `j` that opens with a determiner within four
    /// words: returns the determiner's token.
    fn determiner_phrase(&self, j: usize, floor: usize) -> Option<usize> {
        let w = self.tok(j);
        if self.seg.tokens[j].cap
            || !w.chars().all(char::is_alphabetic)
            || FUNCTION_WORDS.contains(&w)
            || matches!(
                w,
                "or" | "but"
                    | "that"
                    | "which"
                    | "who"
                    | "to"
                    | "it"
                    | "he"
                    | "she"
                    | "they"
                    | "we"
                    | "you"
                    | "i"
            )
        {
            return None;
        }
        let mut a = j;
        while a > floor
            && j - a < 5
            && self.same_sentence(a - 1, j)
            && self.sep(a - 1).trim().is_empty()
        {
            a -= 1;
            if DETERMINERS.contains(&self.tok(a)) {
                return Some(a);
            }
            if self.seg.tokens[a].possessive && self.seg.tokens[a].cap {
                // "Brook’s spokesman said".
                return Some(a);
            }
        }
        None
    }

    /// The source phrase ending at token `k`: a named entity, or an unnamed source with the
    /// phrase it governs ("newspapers in New Jersey", "an official familiar with the case").
    fn phrase_ending_at(&self, k: usize, floor: usize) -> Option<Found> {
        let start = if let Some(m) = self.mention_at(k) {
            self.seg.token_at_or_after(m.span.start)
        } else if self.is_head(k) {
            self.group_back(k, floor)
        } else {
            self.determiner_phrase(k, floor)?
        };
        if let Some(head) = self.head_before_preposition(start, floor) {
            return Some(self.group(self.group_back(head, floor), k));
        }
        match self.mention_at(k) {
            Some(m) => Some(self.named(m)),
            None => Some(self.group(start, k)),
        }
    }

    /// For a phrase starting at token `a`, the head noun it qualifies through a preposition:
    /// "officials *in* …", "an official familiar *with* …".
    fn head_before_preposition(&self, a: usize, floor: usize) -> Option<usize> {
        if a < floor + 2
            || !matches!(
                self.tok(a - 1),
                "in" | "of" | "from" | "at" | "with" | "for" | "on" | "to"
            )
        {
            return None;
        }
        let mut h = a - 2;
        if matches!(
            self.tok(h),
            "familiar" | "close" | "briefed" | "knowledgeable"
        ) && h > floor
        {
            h -= 1;
        }
        let joined = (h..a).all(|t| self.sep(t).trim().is_empty());
        (joined && self.is_head(h)).then_some(h)
    }

    /// Capitalised words `[a, end)` read as a person's name no list holds ("Karimi").
    fn raw_name(&self, a: usize, end: usize) -> Option<Found> {
        let ok = end > a
            && end - a <= 3
            && (a..end).all(|t| {
                let w = self.tok(t);
                self.seg.tokens[t].cap
                    && w.chars().any(char::is_lowercase)
                    && !FUNCTION_WORDS.contains(&w.to_lowercase().as_str())
            })
            && (a + 1..end).all(|t| self.sep(t - 1) == " ");
        if !ok {
            return None;
        }
        let span = Span::new(
            self.seg.tokens[a].span.start,
            self.seg.tokens[end - 1].span.end,
        );
        Some(Found {
            speaker: Speaker {
                name: span.of(self.text).to_string(),
                entity: None,
                stype: SpeakerType::Person,
                role: None,
            },
            start: span.start,
            end: span.end,
            pronoun: false,
        })
    }

    /// "Ada Brook, who led the agency for years, said": the mention before the apposition.
    fn apposition_subject(&self, j: usize, sent_first: usize) -> Option<Found> {
        let mut k = j;
        while k > sent_first {
            k -= 1;
            if self.sep(k).trim() == "," {
                let next = self.tok(k + 1);
                let starter = matches!(
                    next,
                    "who"
                        | "a"
                        | "an"
                        | "the"
                        | "head"
                        | "director"
                        | "chief"
                        | "whose"
                        | "then"
                        | "former"
                        | "now"
                        | "in"
                        | "on"
                        | "at"
                        | "during"
                        | "according"
                ) || next.chars().all(|c| c.is_ascii_digit())
                    || next.ends_with("ing");
                // Any apposition after the sentence's first words: "Karimi, executive
                // director of the fund, said".
                if !starter && k > sent_first + 1 {
                    continue;
                }
                if let Some(f) = self.phrase_ending_at(k, sent_first) {
                    return Some(f);
                }
                // "Karimi, director of the fund, said": an unknown name opening the sentence.
                if k == sent_first || (k == sent_first + 1 && self.seg.tokens[sent_first].cap) {
                    return self.raw_name(sent_first, k + 1);
                }
            }
        }
        None
    }

    /// The speaker right after a cue ("said Ada Brook", "according to U.S. officials"),
    /// coordinated groups split.
    pub fn objects(&self, i: usize) -> Vec<Found> {
        if i >= self.seg.tokens.len() {
            return Vec::new();
        }
        if let Some(f) = self.named_in_phrase(i) {
            return vec![f];
        }
        if let Some(f) = self.pronoun(i) {
            return vec![f];
        }
        // Forward over modifiers to the last head noun before a break.
        let mut j = i;
        let mut last_head = None;
        let mut starts = vec![i];
        while j < self.seg.tokens.len() && self.same_sentence(i, j) {
            if self.is_head(j) {
                last_head = Some(j);
            } else if self.tok(j) == "and" && last_head == Some(j - 1) {
                starts.push(j + 1);
            } else if !self.is_modifier(j) {
                break;
            }
            if j + 1 >= self.seg.tokens.len() || !self.sep(j).trim().is_empty() {
                break;
            }
            j += 1;
        }
        let Some(h) = last_head else {
            // "said the Democratic nominee": a described source up to the punctuation.
            if DETERMINERS.contains(&self.tok(i)) {
                let mut e = i;
                while e + 1 < self.seg.tokens.len()
                    && e < i + 6
                    && self.same_sentence(e, e + 1)
                    && self.sep(e).trim().is_empty()
                    && !matches!(
                        self.tok(e + 1),
                        "who" | "that" | "which" | "in" | "on" | "at"
                    )
                {
                    e += 1;
                }
                if e > i {
                    return vec![self.group(i, e)];
                }
            }
            return Vec::new();
        };
        // "people familiar with the talks": keep the postmodifier up to the next punctuation.
        if h + 1 < self.seg.tokens.len()
            && self.sep(h).trim().is_empty()
            && self.same_sentence(h, h + 1)
            && matches!(
                self.tok(h + 1),
                "familiar" | "close" | "briefed" | "involved" | "knowledgeable"
            )
        {
            let mut e = h + 1;
            while e < h + 8
                && e + 1 < self.seg.tokens.len()
                && self.same_sentence(e, e + 1)
                && self.sep(e).trim().is_empty()
            {
                e += 1;
            }
            return vec![self.group(i, e)];
        }
        // Split "officials and former officers" where both sides end in a head noun.
        let mut out = Vec::new();
        for (k, &s) in starts.iter().enumerate() {
            let e = starts.get(k + 1).map_or(h, |&n| n - 2);
            if e >= s && e <= h {
                out.push(self.group(s, e));
            }
        }
        if out.is_empty() {
            out.push(self.group(i, h));
        }
        out
    }

    /// The person a source phrase names: "Mayor Ada Brook", "former Wisconsin Gov. Ed Voss",
    /// "Huckabee campaign spokesman Ola Berg", "South Carolina Democratic Party Chairman Ola
    /// Berg". The phrase runs from token `i` to the first punctuation or clause word; the last
    /// person in it is the speaker, else its last run of capitalised words after a role noun,
    /// else an organisation that does not merely modify a head noun ("a White House official").
    fn named_in_phrase(&self, i: usize) -> Option<Found> {
        let n = self.seg.tokens.len();
        let mut end = i;
        while end < n && end < i + 12 && self.same_sentence(i, end) {
            let w = self.tok(end);
            if FUNCTION_WORDS.contains(&w) && w != "of"
                || is_speech_verb(w)
                || self.in_quote(self.seg.tokens[end].span.start)
            {
                break;
            }
            end += 1;
            if end >= n || !self.sep(end - 1).trim().is_empty() {
                break;
            }
        }
        if end == i {
            return None;
        }
        let mut person = None;
        let mut org = None;
        let mut t = i;
        while t < end {
            if let Some(m) = self.mention_at(t) {
                let after = self.seg.token_at_or_after(m.span.end);
                let modifier = after < end && !self.seg.tokens[after].cap && self.is_head(after);
                match m.etype {
                    EntityType::Person => person = Some(m),
                    EntityType::Org if org.is_none() && !modifier => org = Some(m),
                    _ => {}
                }
                t = after.max(t + 1);
            } else {
                t += 1;
            }
        }
        if let Some(m) = person {
            return Some(self.named(m));
        }
        // An unknown name closing the phrase after a lower-case role: "spokesman Ola Berg".
        let mut a = end;
        while a > i && self.seg.tokens[a - 1].cap && self.mention_at(a - 1).is_none() {
            a -= 1;
        }
        if end - a >= 2 && a > i && !self.seg.tokens[a - 1].cap {
            let span = Span::new(
                self.seg.tokens[a].span.start,
                self.seg.tokens[end - 1].span.end,
            );
            return Some(Found {
                speaker: Speaker {
                    name: span.of(self.text).to_string(),
                    entity: None,
                    stype: SpeakerType::Person,
                    role: None,
                },
                start: span.start,
                end: span.end,
                pronoun: false,
            });
        }
        org.map(|m| self.named(m))
    }

    /// A person (or he/she) at token `k` followed by a lower-case verb form ("charged",
    /// "continues", "notes") that ends the clause: the speaker of the quote just before.
    fn person_then_verb(&self, k: usize, sentence: usize) -> Option<Found> {
        let (found, after) =
            if let Some(m) = self.mention_at(k).filter(|m| m.etype == EntityType::Person) {
                (self.named(m), self.seg.token_at_or_after(m.span.end))
            } else {
                (self.pronoun(k)?, k + 1)
            };
        let v = after;
        if v >= self.seg.tokens.len()
            || self.seg.tokens[v].sentence != sentence
            || self.seg.tokens[v].cap
        {
            return None;
        }
        let w = self.tok(v);
        let verb_form =
            (w.ends_with("ed") || w.ends_with('s')) && w.len() > 3 && !FUNCTION_WORDS.contains(&w);
        let closes = v + 1 >= self.seg.tokens.len()
            || self.seg.tokens[v + 1].sentence != sentence
            || matches!(
                self.text[self.seg.tokens[v].full_end..]
                    .trim_start()
                    .chars()
                    .next(),
                Some('.' | ',' | ';' | '“' | '"')
            );
        (verb_form && closes).then_some(found)
    }

    /// The subject of a participle cue ("…, saying", "issued a statement saying"): the
    /// clause's first named person or organisation.
    fn clause_subject(&self, c: usize) -> Option<Found> {
        let first = self.seg.sentences[self.seg.tokens[c].sentence].first_token;
        // "He dismissed the critique, saying …": a pronoun subject opening the clause.
        if first < c
            && let Some(f) = self.pronoun(first)
        {
            return Some(f);
        }
        (first..c)
            .filter(|&t| !self.in_quote(self.seg.tokens[t].span.start))
            .find_map(|t| self.mention_at(t).filter(|m| m.etype != EntityType::Loc))
            .map(|m| self.named(m))
    }

    /// Attributes every speech quote; other quotes get `quote.not-speech`.
    pub fn quotes(&self, quotes: &[Quote], used_cues: &mut Vec<usize>) -> Vec<Claim> {
        let mut out: Vec<Claim> = Vec::with_capacity(quotes.len());
        for (qi, q) in quotes.iter().enumerate() {
            if !q.kind.is_speech() {
                out.push(Claim {
                    kind: q.kind.into(),
                    speaker: None,
                    cue: String::new(),
                    content: q.content,
                    rule: "quote.not-speech",
                    confidence: conf("quote.not-speech"),
                });
                continue;
            }
            // Only a direct quote spends its cue: a partial quote sits inside a paraphrase
            // that is a claim of its own.
            let mut spent = Vec::new();
            let (found, cue, rule) = self.attribute_one(q, &out, &quotes[..qi], &mut spent);
            if q.kind == QuoteKind::Direct {
                used_cues.extend(spent);
            }
            let rule = match (&found, rule) {
                (None, _) => "quote.unattributed",
                (_, r) => r,
            };
            out.push(Claim {
                kind: ClaimKind::from(q.kind),
                speaker: found.map(|f| f.speaker),
                cue,
                content: q.content,
                rule,
                confidence: conf(rule),
            });
        }
        out
    }

    fn attribute_one(
        &self,
        q: &Quote,
        done: &[Claim],
        earlier: &[Quote],
        used_cues: &mut Vec<usize>,
    ) -> (Option<Found>, String, &'static str) {
        let seg = self.seg;
        let s_open = seg.sentence_at(q.outer.start);
        let s_close = seg.sentence_at(q.outer.end.saturating_sub(1));
        let ntok = seg.tokens.len();
        // 1a. Right after the closing mark.
        let k = seg.token_at_or_after(q.outer.end);
        if k < ntok && seg.tokens[k].sentence == s_close && !self.in_quote(seg.tokens[k].span.start)
        {
            let gap = &self.text[q.outer.end..seg.tokens[k].span.start];
            if gap
                .trim()
                .chars()
                .all(|c| matches!(c, ',' | '—' | '–' | '-'))
            {
                if self.is_cue(k) {
                    let skip = if self.tok(k).eq_ignore_ascii_case("according") {
                        2
                    } else {
                        1
                    };
                    // "“…,” saying …" has the clause's subject; "“…,” said Ada Brook." the
                    // phrase after the cue, when it closes the clause.
                    let found = if self.tok(k).ends_with("ing") {
                        self.clause_subject(k)
                    } else {
                        self.final_objects(k + skip).into_iter().next()
                    };
                    if let Some(f) = found {
                        used_cues.push(k);
                        return (Some(f), self.cue_text(k), "quote.after.cue-speaker");
                    }
                }
                for c in k + 1..(k + 20).min(ntok) {
                    if seg.tokens[c].sentence != s_close || self.in_quote(seg.tokens[c].span.start)
                    {
                        break;
                    }
                    if self.is_cue(c) {
                        if let Some(f) = self.subjects(c).into_iter().last()
                            && f.start >= q.outer.end
                        {
                            used_cues.push(c);
                            return (Some(f), self.cue_text(c), "quote.after.speaker-cue");
                        }
                        // "“…,” Ola Berg, the firm's director, said": the name after the quote.
                        if let Some(m) =
                            self.mention_at(k).filter(|m| m.etype == EntityType::Person)
                        {
                            used_cues.push(c);
                            return (
                                Some(self.named(m)),
                                self.cue_text(c),
                                "quote.after.speaker-cue",
                            );
                        }
                        break;
                    }
                }
                // "“…,” Kelly charged." / "“…,” he continued.": a person and any verb.
                if let Some(f) = self.person_then_verb(k, s_close) {
                    let verb = self.seg.token_at_or_after(f.end);
                    return (
                        Some(f),
                        self.tok(verb).to_string(),
                        "quote.after.speaker-verb",
                    );
                }
            }
        }
        // 1b. A cue right before the opening mark: "X said: “", "according to X, “".
        let first = seg.sentences[s_open].first_token;
        let before_end = seg.token_at_or_after(q.outer.start);
        for c in (first..before_end).rev().take(12) {
            if self.in_quote(seg.tokens[c].span.start) {
                break;
            }
            if self.is_quote_cue(c) {
                let tail = &self.text[seg.tokens[c].full_end..q.outer.start];
                let near = before_end - c <= 4
                    && (tail.trim_end().ends_with([':', ','])
                        || tail.trim().is_empty()
                        || tail.trim_end().ends_with(" that"));
                if near {
                    let found = if self.tok(c).eq_ignore_ascii_case("according") {
                        self.objects(c + 2).into_iter().next()
                    } else {
                        self.subjects(c).into_iter().last()
                    };
                    if let Some(f) = found {
                        used_cues.push(c);
                        return (Some(f), self.cue_text(c), "quote.before");
                    }
                }
                break;
            }
        }
        // 1c. A cue elsewhere in the quote's sentences, nearest first.
        let last = seg.sentences[s_close].end_token;
        let mut cues: Vec<usize> = (first..last)
            .filter(|&c| !self.in_quote(seg.tokens[c].span.start) && self.is_quote_cue(c))
            .collect();
        cues.sort_by_key(|&c| seg.tokens[c].span.start.abs_diff(q.outer.start));
        for c in cues {
            let found = if self.tok(c).eq_ignore_ascii_case("according") {
                self.objects(c + 2).into_iter().next()
            } else {
                self.subjects(c)
                    .into_iter()
                    .last()
                    .or_else(|| self.final_objects(c + 1).into_iter().next())
            };
            if let Some(f) = found {
                return (Some(f), self.cue_text(c), "quote.sentence-cue");
            }
        }
        // 1d. "X praises the car: “…”": the sentence's named subject.
        if self.text[..q.outer.start].trim_end().ends_with(':') {
            let m = (first..before_end)
                .find_map(|t| self.mention_at(t).filter(|m| m.etype != EntityType::Loc));
            if let Some(m) = m {
                return (Some(self.named(m)), String::new(), "quote.colon");
            }
        }
        // 3a. A short attribution sentence next: "“…” Brook said."
        let next = s_close + 1;
        if next < seg.sentences.len()
            && seg.sentences[next].paragraph == seg.sentences[s_close].paragraph
        {
            let ns = seg.sentences[next];
            if ns.end_token - ns.first_token <= 6 {
                for c in ns.first_token..ns.end_token {
                    if self.is_cue(c)
                        && let Some(f) = self.subjects(c).into_iter().last()
                    {
                        used_cues.push(c);
                        return (Some(f), self.cue_text(c), "quote.next-sentence");
                    }
                }
            }
        }
        // 3b. The previous quote of the same paragraph had a speaker.
        let para = seg.sentences[s_open].paragraph;
        for (pq, pc) in earlier.iter().zip(done).rev() {
            if seg.sentences[seg.sentence_at(pq.outer.start)].paragraph != para {
                break;
            }
            if let Some(sp) = pc.speaker.clone().filter(|_| pq.kind.is_speech()) {
                return (
                    Some(Found {
                        speaker: sp,
                        start: pq.outer.start,
                        end: pq.outer.start,
                        pronoun: false,
                    }),
                    pc.cue.clone(),
                    "quote.continuation",
                );
            }
        }
        (None, String::new(), "quote.unattributed")
    }
}
