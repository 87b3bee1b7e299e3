//! Stage 4a: match gazetteer names and aliases in the text, keyed by their first word, on
//! word boundaries, leftmost-longest. Place names that are also ordinary words need
//! evidence before they count.

use crate::gazetteer::Gazetteers;
use crate::segment::Segments;
use crate::types::{Candidate, Mention, Source, Span};
use std::sync::atomic::{AtomicU8, Ordering};

mod build;
mod evidence;

use evidence::{
    after_name, after_place, caps_evidence, division_signalled, names_event, place_evidence,
    plain_evidence,
};

/// The gazetteer forms, one pattern per distinct surface form, keyed by their first word:
/// at a word start one hash lookup gives the few forms that can start there, longest first
/// (an anchored automaton search per word start measured 2 to 2.6 times slower, and took
/// about 200 ms to build).
pub struct GazMatcher {
    /// How many entries the gazetteers it was built from have (see `need`).
    entries: usize,
    /// Every form, end to end: one allocation instead of one per form (the build's
    /// allocations were most of start-up).
    arena: String,
    /// Each pattern's form: its byte range in `arena`.
    pats: Vec<(u32, u32)>,
    /// The groups of patterns that share a first word, by that word.
    groups: crate::wordmap::WordMap<u32>,
    /// Group `g`'s patterns are `order[group_start[g]..group_start[g + 1]]`, longest form
    /// first, each with the bytes that follow its first word (see `Tail`).
    group_start: Vec<u32>,
    order: Vec<(u32, Tail)>,
    /// For each pattern, the gazetteer entry it stands for.
    entry_of: Vec<u32>,
    /// For each pattern, the evidence it needs before it counts, worked out the first time
    /// the pattern matches (`UNKNOWN` until then): most of some 94,000 patterns never
    /// match in a run, and working them all out took a sixth of start-up. The value is a
    /// pure function of the pattern, so threads that race to store it store the same.
    need: Vec<AtomicU8>,
    /// Which first bytes (and, for lower-case first letters, which first two bytes) some
    /// pattern starts with: a word that starts otherwise is not searched at all.
    first_byte: [bool; 256],
    /// (The pairs as bits, one per two bytes: a test at every word start that starts in
    /// lower case, where a hash set lookup cost more than the rest of the test.)
    lower_pairs: Box<[u64; 1024]>,
    /// A division whose name alone means a city (`city_first.txt`): the city's entry.
    city_first: rustc_hash::FxHashMap<usize, usize>,
}

/// Evidence a gazetteer form needs in the text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[repr(u8)]
enum Need {
    Nothing,
    /// Month and weekday names: never a place.
    Never,
    /// An ambiguous place name ("Reading", "March"): a locative preposition before it.
    Place,
    /// A place named like a person ("London", "Houston"): not right after a name word.
    NotName,
    /// An upper-case copy ("WASHINGTON"): a dateline or an all-capitals line around it.
    Caps,
    /// A single ordinary word ("Target", "Shell"): not opening a sentence, not in a headline.
    Plain,
    /// An abbreviated division ("Wash."): right after a place's name and a comma.
    AfterPlace,
}

/// A pattern's need not yet worked out.
const UNKNOWN: u8 = u8::MAX;

impl Need {
    fn from_u8(v: u8) -> Need {
        match v {
            0 => Need::Nothing,
            1 => Need::Never,
            2 => Need::Place,
            3 => Need::NotName,
            4 => Need::Caps,
            5 => Need::Plain,
            6 => Need::AfterPlace,
            _ => unreachable!("a need is stored as one of its own bytes"),
        }
    }
}

impl GazMatcher {
    /// The form of pattern `p`.
    fn pat(&self, p: usize) -> &str {
        let (s, e) = self.pats[p];
        &self.arena[s as usize..e as usize]
    }

    /// The evidence pattern `p` needs.
    #[inline]
    fn need(&self, p: usize, gaz: &Gazetteers) -> Need {
        let known = self.need[p].load(Ordering::Relaxed);
        if known != UNKNOWN {
            return Need::from_u8(known);
        }
        // The cache holds for the gazetteers the matcher was built from, which the pipeline
        // always passes.
        debug_assert_eq!(
            gaz.entries.len(),
            self.entries,
            "matcher used with other gazetteers"
        );
        let n = build::need(gaz, self.pat(p), self.entry_of[p] as usize);
        self.need[p].store(n as u8, Ordering::Relaxed);
        n
    }

    /// The patterns whose first word is `key`, longest first.
    #[inline]
    fn group(&self, key: &str) -> Option<&[(u32, Tail)]> {
        let g = self.groups.get(key)? as usize;
        Some(&self.order[self.group_start[g] as usize..self.group_start[g + 1] as usize])
    }

    /// Every gazetteer match on word boundaries, leftmost-longest, non-overlapping.
    pub fn find(&self, text: &str, seg: &Segments, gaz: &Gazetteers) -> Vec<Candidate> {
        if self.pats.is_empty() {
            return Vec::new();
        }
        // Names start words: search anchored at each word start (and after a hyphen inside
        // a word: "U.S.-Mexico"), longest first, then shorter ones at the same start when
        // the longest fails its boundary or its evidence.
        let mut out = Vec::new();
        let mut last_end = 0;
        let bytes = text.as_bytes();
        let mut at = |s: usize, word_end: Option<usize>| {
            if s >= last_end
                && let Some(m) = self.match_at(text, seg, gaz, s, word_end)
            {
                last_end = m.span.end;
                out.push(m);
            }
        };
        for t in &seg.tokens {
            let s = t.span().start;
            // A plain token is one word: its first word is all of it, and no mark inside
            // it starts another. (A token holds no slash: hyphens are the only marks.)
            if t.plain() {
                at(s, Some(t.span().end));
                continue;
            }
            at(s, None);
            let inner = &bytes[s..t.full_end().saturating_sub(1).max(s)];
            for (i, &b) in inner.iter().enumerate() {
                if b == b'-' {
                    at(s + i + 1, None);
                }
            }
        }
        out
    }

    /// The longest match that starts at `s` and passes its boundaries and evidence, if
    /// any. `word_end` is the end of the first word there when the token gave it.
    #[inline]
    fn match_at(
        &self,
        text: &str,
        seg: &Segments,
        gaz: &Gazetteers,
        s: usize,
        word_end: Option<usize>,
    ) -> Option<Candidate> {
        let bytes = text.as_bytes();
        let b0 = bytes[s];
        let may_start = if b0.is_ascii_lowercase() {
            let (word, bit) = pair_bit(b0, bytes.get(s + 1).copied().unwrap_or(0));
            self.lower_pairs[word] & bit != 0
        } else {
            self.first_byte[b0 as usize]
        };
        if !may_start {
            return None;
        }
        let rest = &text[s..];
        let key = match word_end {
            Some(e) => &text[s..e],
            None => first_word(rest),
        };
        let cands = self.group(key)?;
        let tail = Tail::of(&rest.as_bytes()[key.len()..]).bytes;
        for &(p, t) in cands {
            // The tail first: most candidates fail it, and reading their form from the
            // arena was a cache miss each (a fifth of this function in a profile).
            if tail & t.mask != t.bytes {
                continue;
            }
            let p = p as usize;
            let (fs, fe) = self.pats[p];
            let form = &self.arena.as_bytes()[fs as usize..fe as usize];
            if !rest.as_bytes().starts_with(form) {
                continue;
            }
            let e = s + form.len();
            let span = Span::new(s, e);
            if !on_boundaries(text, s, e) || names_event(&gaz.language, text, span) {
                continue;
            }
            let ok = match self.need(p, gaz) {
                Need::Nothing => true,
                Need::Never => false,
                Need::Place => place_evidence(text, seg, span),
                Need::NotName => !after_name(text, seg, span),
                Need::Caps => caps_evidence(text, seg, span),
                Need::Plain => plain_evidence(text, seg, span),
                Need::AfterPlace => after_place(text, seg, span),
            };
            if !ok {
                continue;
            }
            let mut entry = self.entry_of[p] as usize;
            if let Some(&city) = self.city_first.get(&entry)
                && !division_signalled(text, seg, span)
            {
                entry = city;
            }
            return Some(Mention {
                span,
                etype: gaz.entries[entry].etype,
                source: Source::Gazetteer,
                gaz: Some(entry),
                role: None,
                entity: (),
            });
        }
        None
    }
}

/// The word and bit of the pair of bytes `(a, b)` in a set of pairs kept as 65,536 bits.
#[inline]
fn pair_bit(a: u8, b: u8) -> (usize, u64) {
    let i = usize::from(a) << 8 | usize::from(b);
    (i >> 6, 1 << (i & 63))
}

/// Up to eight bytes after a form's first word, with the mask of those it has: a candidate
/// whose next bytes differ from the text's is passed over without comparing the strings
/// (the forms of one first word, "New …", are many).
#[derive(Debug, Clone, Copy)]
struct Tail {
    bytes: u64,
    mask: u64,
}

impl Tail {
    fn of(b: &[u8]) -> Tail {
        let n = b.len().min(8);
        let mut buf = [0u8; 8];
        buf[..n].copy_from_slice(&b[..n]);
        let mask = if n == 8 {
            u64::MAX
        } else {
            (1u64 << (8 * n)) - 1
        };
        Tail {
            bytes: u64::from_le_bytes(buf) & mask,
            mask,
        }
    }
}

/// The first word of `s`: its leading letters and digits, or its first character when that
/// is neither. Forms and text are keyed alike, so a form can only start where its key does.
fn first_word(s: &str) -> &str {
    // ASCII letters and digits eight bytes at a time; the first other byte either ends the
    // word (an ASCII mark) or hands over to the Unicode test from there.
    let b = s.as_bytes();
    let ascii = crate::words::ascii_alnum_run(b);
    let end = if ascii == b.len() || b[ascii].is_ascii() {
        ascii
    } else {
        s[ascii..]
            .char_indices()
            .find(|&(_, c)| !c.is_alphanumeric())
            .map_or(s.len(), |(i, _)| ascii + i)
    };
    if end > 0 {
        &s[..end]
    } else {
        &s[..s.chars().next().map_or(0, char::len_utf8)]
    }
}

/// True when `[s, e)` starts and ends at word boundaries.
pub fn on_boundaries(text: &str, s: usize, e: usize) -> bool {
    let before = text[..s].chars().next_back();
    let after = text[e..].chars().next();
    let last = text[..e].chars().next_back();
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    // A form ending in punctuation ("U.S.") may touch a word; one ending in a letter may not.
    let glued_after = word(after) && word(last);
    !(word(before) || glued_after)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::parse_entities;
    use crate::segment::segment;

    fn gaz() -> Gazetteers {
        let mut g = Gazetteers {
            language: Gazetteers::builtin().language,
            ..Gazetteers::default()
        };
        let rows = "loc:ny\tLOC\tNew York\t\t\norg:nyt\tORG\tThe New York Times\tNew York Times|NYT\t\n\
                    loc:r\tLOC\tReading\t\t\norg:cia\tORG\tCIA\tC.I.A.\t\nloc:us\tLOC\tUnited States\tU.S.\t\n";
        g.entries = parse_entities("t", rows, 6).unwrap();
        g.language.ambiguous.insert("Reading".into());
        g
    }

    fn found(text: &str) -> Vec<&str> {
        let g = gaz();
        let m = GazMatcher::new(&g);
        m.find(text, &segment(text, &g.language), &g)
            .iter()
            .map(|c| c.span.of(text))
            .collect()
    }

    #[test]
    fn longest_on_word_boundaries() {
        assert_eq!(
            found("The New York Times and New Yorkers in New York."),
            vec!["The New York Times", "New York"]
        );
        assert_eq!(
            found("The C.I.A.’s chief and the CIA, not CIAO."),
            vec!["C.I.A.", "CIA"]
        );
        assert_eq!(
            found("U.S.-Mexico border; NEW YORK (AP)"),
            vec!["U.S.", "NEW YORK"]
        );
    }

    #[test]
    fn capitals_count_in_datelines() {
        assert_eq!(
            found("Cup final ends .\nNEW YORK 1996-08-30\nText."),
            vec!["NEW YORK"]
        );
        assert!(found("the NEW YORK crowd").is_empty());
    }

    #[test]
    fn needs_survive_their_byte() {
        for n in [
            Need::Nothing,
            Need::Never,
            Need::Place,
            Need::NotName,
            Need::Caps,
            Need::Plain,
            Need::AfterPlace,
        ] {
            assert_eq!(Need::from_u8(n as u8), n);
        }
    }

    #[test]
    fn ambiguous_places_need_evidence() {
        assert_eq!(
            found("Reading Mode is on. He lives in Reading now."),
            vec!["Reading"]
        );
        assert!(found("Reading is fun.").is_empty());
    }

    /// The built-in lists' entity ids of every match.
    fn ids(text: &str) -> Vec<(String, String)> {
        let g = Gazetteers::builtin();
        let m = GazMatcher::new(&g);
        m.find(text, &segment(text, &g.language), &g)
            .iter()
            .map(|c| {
                (
                    c.span.of(text).to_string(),
                    g.entries[c.gaz.unwrap()].id.clone(),
                )
            })
            .collect()
    }

    #[test]
    fn washington_is_the_capital_unless_the_state_is_signalled() {
        let text = "WASHINGTON (Reuters) - Washington's policy changed. In Spokane, Washington, \
                    and in eastern Washington, the state of Washington and Washington state \
                    disagreed.";
        let got = ids(text);
        let of = |id: &str| got.iter().filter(|(_, i)| i == id).count();
        assert_eq!(of("geonames:4140963"), 2, "{got:?}");
        assert_eq!(of("iso3166-2:US-WA"), 4, "{got:?}");
    }

    #[test]
    fn state_abbreviations_count_after_a_place_and_a_comma() {
        let got = ids("SPOKANE, Wash. (AP) - Miss. Brook met Wash. officials in Fresno, Calif.");
        let abbrevs: Vec<&str> = got
            .iter()
            .filter(|(t, _)| t.ends_with('.'))
            .map(|(t, _)| t.as_str())
            .collect();
        assert_eq!(abbrevs, ["Wash.", "Calif."], "{got:?}");
    }
}
