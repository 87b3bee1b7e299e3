//! Stage 8: reported speech without quotation marks ("officials say that ...", "..., according
//! to former officers"): one claim per sentence and source, with the content span.

use crate::lang::Class;
use crate::registry::RuleId;
use crate::sources::{DocView, Found, Sources, may_be_cue};
use crate::types::{Claim, ClaimKind, Span, SpeakerType};

/// A claim's content has at least this many words outside quotation marks.
const MIN_CONTENT_WORDS: usize = 4;
/// "told The Times that …": the reported clause's "that" within this many tokens.
const TOLD_THAT_TOKENS: usize = 14;
/// Tokens after a cue searched for the "that" that opens the reported clause.
const THAT_AFTER_CUE_TOKENS: usize = 7;

/// Finds reported-speech claims. `used_cues` are tokens already spent on quote attribution.
pub fn find(doc: &DocView, used_cues: &[usize]) -> Vec<Claim> {
    let sources = Sources::new(doc);
    let at = &sources;
    let used_cues: rustc_hash::FxHashSet<usize> = used_cues.iter().copied().collect();
    let seg = at.seg;
    let text = at.text;
    let outside = OutsideQuotes::new(at);
    let mut out = Vec::new();
    for (si, s) in seg.sentences.iter().enumerate() {
        // Speakers already given a claim in this sentence (a set: a run-on sentence may
        // name thousands).
        let mut seen: rustc_hash::FxHashSet<String> = rustc_hash::FxHashSet::default();
        let mut verb_done = false;
        if let Some(claim) = colon_claim(at, si) {
            seen.insert(
                claim
                    .speaker
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_default(),
            );
            verb_done = true;
            out.push(claim);
        }
        for c in s.first_token..s.end_token {
            let t = seg.tokens[c];
            if !may_be_cue(&t) {
                continue;
            }
            // Cues are lower-case words, but for "According to" opening a sentence.
            // (A capitalised cue the lexicon lists as written, a headline's "Says", counts.)
            if t.cap && !at.tok(c).starts_with("Accord") && !at.is(c, Class::Speech) {
                continue;
            }
            let evidence = at.is(c, Class::Evidence);
            if !(at.is_cue(c) || evidence) || at.in_quote(t.span().start) {
                continue;
            }
            let according = at.is_according(c);
            if !according && (verb_done || used_cues.contains(&c)) {
                continue;
            }
            // "declined to comment", "did not say": no claim.
            let prev2 = &text[s.span.start..t.span().start];
            if prev2.ends_with("declined to ")
                || prev2.ends_with("not ")
                || prev2.ends_with("refused to ")
            {
                continue;
            }
            // "Russia has added dozens of staff": these verbs report speech only before a
            // clause ("added that", "added,") or after the quote or clause they report.
            if at.is(c, Class::Transitive) {
                let next = text[t.full_end()..].trim_start();
                let clause = next.starts_with(',')
                    || next.starts_with(':')
                    || next.starts_with('.')
                    || next.starts_with("that ");
                if !clause {
                    continue;
                }
            }
            let (speakers, rule): (Vec<Found>, RuleId) = if according {
                (at.objects(c + 2), RuleId::ClaimAccordingTo)
            } else {
                let subj = at.subjects(c);
                if subj.is_empty() {
                    // "…, said Ada Brook." at the end of the sentence.
                    // (A closing mark may sit after the comma: ",'' said Ada Brook".)
                    let before = text[..t.span().start]
                        .trim_end()
                        .trim_end_matches(['\'', '"', '”', '’']);
                    let objs = if c > s.first_token && before.ends_with(',') {
                        at.final_objects(c + 1)
                    } else {
                        Vec::new()
                    };
                    (objs, RuleId::ClaimCueSubject)
                } else {
                    if at.is(c, Class::Belief) && subj.iter().any(|f| f.pronoun) {
                        continue;
                    }
                    // "The poll shows …", "a study found …": documents and bodies, not people.
                    if evidence
                        && subj
                            .iter()
                            .any(|f| f.pronoun || f.speaker.stype == SpeakerType::Person)
                    {
                        continue;
                    }
                    let r = if subj.iter().any(|f| f.pronoun) {
                        RuleId::ClaimPronounCue
                    } else {
                        RuleId::ClaimSubjectCue
                    };
                    (subj, r)
                }
            };
            let speakers: Vec<Found> = speakers
                .into_iter()
                .filter(|f| !at.is_fragment(f))
                .collect();
            if speakers.is_empty() {
                continue;
            }
            // "the things that Brook has said.": the cue closes a relative clause and
            // reports nothing.
            let lead = text[..speakers[0].start].trim_end();
            let closes = text[t.full_end()..]
                .trim_start()
                .starts_with(['.', ',', ';']);
            if !according
                && closes
                && (lead.ends_with(" that") || lead.ends_with(" what") || lead.ends_with(" which"))
            {
                continue;
            }
            if !according {
                verb_done = true;
                if at.is(c, Class::NotClaim) && !told_that(at, c, s.end_token) {
                    // "X told Y" without a reported clause is an event, not a claim, unless the
                    // clause sits before it ("…, officials told The Times.").
                    if !text[s.span.start..speakers[0].start]
                        .trim_end()
                        .ends_with(',')
                    {
                        continue;
                    }
                }
            }
            let content = content_span(at, &outside, si, c, &speakers, according);
            if outside.words(at, content) < MIN_CONTENT_WORDS {
                continue;
            }
            for f in speakers {
                if !seen.insert(f.speaker.name.clone()) {
                    continue;
                }
                let rule =
                    if f.speaker.stype == SpeakerType::Group && rule == RuleId::ClaimPronounCue {
                        RuleId::ClaimSubjectCue
                    } else {
                        rule
                    };
                out.push(Claim {
                    kind: ClaimKind::Indirect,
                    speaker: Some(f.speaker),
                    cue: Some(at.cue_text(c)),
                    content,
                    rule,
                    confidence: rule.claim_confidence(),
                    speaker_span: Some(Span::new(f.start, f.end)),
                    cue_span: Some(at.cue_span(c)),
                });
            }
        }
    }
    out
}

/// "Ada Brook: The port will reopen." / "BROOK: We are ready.": a name opening a sentence
/// (a headline or a transcript line), a colon, and what follows as the content.
fn colon_claim(at: &Sources, si: usize) -> Option<Claim> {
    let s = at.seg.sentences[si];
    let text = at.text;
    if s.end_token - s.first_token < 4 {
        return None;
    }
    // The name: 1 to 5 tokens from the sentence start, ending right before the colon.
    let colon_tok = (s.first_token..(s.first_token + 5).min(s.end_token - 1))
        .find(|&t| text[at.seg.tokens[t].full_end()..].starts_with(':'))?;
    let found = at.speaker_phrase(s.first_token, colon_tok + 1)?;
    let content_start = at.seg.tokens[colon_tok + 1].span().start;
    let content = Span::new(content_start, s.span.end);
    if at.seg.token_at_or_after(content.end) - (colon_tok + 1) < 3 {
        return None;
    }
    Some(Claim {
        kind: ClaimKind::Indirect,
        speaker: Some(found.speaker),
        cue: Some(":".to_string()),
        content,
        rule: RuleId::ClaimColon,
        confidence: RuleId::ClaimColon.claim_confidence(),
        speaker_span: Some(Span::new(found.start, found.end)),
        cue_span: None,
    })
}

/// "told The Times that …": a reported clause follows within a few words.
fn told_that(at: &Sources, c: usize, end: usize) -> bool {
    (c + 1..end.min(c + TOLD_THAT_TOKENS)).any(|k| at.tok(k) == "that")
}

/// The reported content: after the cue (and "that") when the cue opens the sentence's
/// report, else the part before the source.
fn content_span(
    at: &Sources,
    outside: &OutsideQuotes,
    si: usize,
    c: usize,
    speakers: &[Found],
    according: bool,
) -> Span {
    let s = at.seg.sentences[si];
    let text = at.text;
    let sent = s.span;
    let src_start = speakers
        .iter()
        .map(|f| f.start)
        .min()
        .unwrap_or(sent.start)
        .min(at.seg.tokens[c].span().start);
    let trim = |sp: Span| trim_content(text, sp);
    // "In an interview on Monday, Brook said that …": a fronted phrase is not the content;
    // nor is anything before a cue that a "that" clause follows.
    let first = s.first_token;
    let that_follows = (c + 1..s.end_token.min(c + 1 + THAT_AFTER_CUE_TOKENS)).any(|t| {
        at.tok(t) == "that" && t + 2 < s.end_token && !at.in_quote(at.seg.tokens[t].span().start)
    });
    // (Only a phrase that ends right before the source: "In May, …, officials said" keeps
    // its content before the source.)
    let fronted = at.is(first, Class::Fronting)
        && at
            .past_fronted(first, c)
            .is_some_and(|t| at.seg.tokens[t].span().start >= src_start);
    let after = after_cue(at, si, c, according);
    // "Two years ago, a scientist, Ada Brook, warned that …" or "…, Brook warned the
    // council the dam would fail": a clause after the cue is the content; a trailer ("in
    // a statement", "on Monday") is not.
    let source_first = speakers
        .iter()
        .all(|f| f.start < at.seg.tokens[c].span().start);
    let next = at.seg.token_at_or_after(after.start);
    let clause_after = source_first
        && !according
        && !at.is(c, Class::NotClaim)
        && outside.words(at, after) >= MIN_CONTENT_WORDS
        && !(next < s.end_token && at.is(next, Class::AfterSpeaker));
    if src_start > sent.start + 10 && !(that_follows || fronted || clause_after) {
        let before = trim(Span::new(sent.start, src_start));
        let before = if according {
            let b = before.of(text);
            Span::new(
                before.start,
                before.start
                    + b.trim_end_matches("according to")
                        .trim_end_matches([' ', ','])
                        .len(),
            )
        } else {
            before
        };
        if outside.words(at, before) >= MIN_CONTENT_WORDS {
            return before;
        }
    }
    after
}

/// The content after the cue at token `c`, past an object up to "that" ("told The Times
/// that").
fn after_cue(at: &Sources, si: usize, c: usize, according: bool) -> Span {
    let s = at.seg.sentences[si];
    let sent = s.span;
    let text = at.text;
    let trim = |sp: Span| trim_content(text, sp);
    let mut k = c + if according || at.is_phrasal(c) { 2 } else { 1 };
    // "said that …" right after the cue; "told The Times that …" past an object, for the
    // verbs that take one. A "that" ending the sentence opens nothing.
    let window = if at.is(c, Class::NotClaim) {
        THAT_AFTER_CUE_TOKENS
    } else {
        1
    };
    if let Some(t) =
        (k..s.end_token.min(k + window)).find(|&t| at.tok(t) == "that" && t + 2 < s.end_token)
    {
        k = t + 1;
    }
    let start = at
        .seg
        .tokens
        .get(k)
        .filter(|t| t.sentence() == si)
        .map_or(sent.end, |t| t.span().start);
    trim(Span::new(start, sent.end))
}

/// A content span without the commas, dashes and full stop around it.
fn trim_content(text: &str, sp: Span) -> Span {
    let t = sp.of(text);
    let lead = t.len() - t.trim_start_matches([' ', ',', '—']).len();
    let body = t
        .trim_start_matches([' ', ',', '—'])
        .trim_end_matches([' ', ',', '—', '.']);
    Span::new(sp.start + lead, sp.start + lead + body.len())
}

/// Words outside quotation marks in any span, in constant time: a count over the tokens
/// once per document, so that a sentence of many cues, each asking about a content span as
/// long as the sentence, stays linear.
struct OutsideQuotes {
    /// `before[i]`: tokens before token `i` that are outside quotation marks.
    before: Vec<usize>,
}

impl OutsideQuotes {
    fn new(at: &Sources) -> OutsideQuotes {
        let mut before = Vec::with_capacity(at.seg.tokens.len() + 1);
        let mut n = 0;
        before.push(0);
        let spans = &at.quote_spans;
        // The quotes' ends are in order (`quotes::find` gives outermost quotes in text
        // order), which `in_quote`'s binary search rests on too: one walk over the quotes
        // and the tokens together answers it for every token.
        debug_assert!(spans.windows(2).all(|w| w[0].end <= w[1].end));
        let mut q = 0;
        for t in &at.seg.tokens {
            let at = t.span().start;
            while spans.get(q).is_some_and(|s| s.end <= at) {
                q += 1;
            }
            n += usize::from(spans.get(q).is_none_or(|s| s.start > at));
            before.push(n);
        }
        OutsideQuotes { before }
    }

    /// Tokens outside quotation marks from the first token at or after `sp.start` up to the
    /// last that ends by `sp.end`.
    fn words(&self, at: &Sources, sp: Span) -> usize {
        let first = at.seg.token_at_or_after(sp.start);
        let end = first + at.seg.tokens[first..].partition_point(|t| t.span().end <= sp.end);
        self.before[end] - self.before[first]
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Gazetteers, Options, Pipeline};

    /// (sentence, expected speaker, expected cue) for indirect claims; None: no claim.
    const CASES: &[(&str, Option<&str>, &str)] = &[
        (
            "Port officials say the canal will reopen in June.",
            Some("Port officials"),
            "say",
        ),
        (
            "The canal will reopen in June, two senior port officials said.",
            Some("two senior port officials"),
            "said",
        ),
        (
            "The canal will reopen in June, according to people familiar with the plan.",
            Some("people familiar with the plan"),
            "according to",
        ),
        (
            "That plan, critics say, will fail within a year.",
            Some("critics"),
            "say",
        ),
        (
            "Current and former engineers told the council that the dam was unsafe.",
            Some("Current and former engineers"),
            "told",
        ),
        (
            "The port authority declined to comment on the plan.",
            None,
            "",
        ),
        ("She fears the worst, he believed.", None, ""),
    ];

    /// (speaker, cue, rule) of each indirect claim in `text`.
    fn indirect(text: &str) -> Vec<(String, String, String)> {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        p.extract(&Document::new("t", text))
            .claims
            .iter()
            .filter(|c| c.kind == crate::ClaimKind::Indirect)
            .map(|c| {
                let speaker = c
                    .speaker
                    .as_ref()
                    .map(|s| s.name.clone())
                    .unwrap_or_default();
                (
                    speaker,
                    c.cue.clone().unwrap_or_default(),
                    c.rule.to_string(),
                )
            })
            .collect()
    }

    #[test]
    fn table() {
        for (text, speaker, cue) in CASES {
            let got: Vec<(String, String)> =
                indirect(text).into_iter().map(|(s, c, _)| (s, c)).collect();
            match speaker {
                Some(s) => assert!(
                    got.contains(&(s.to_string(), cue.to_string())),
                    "{text}: {got:?}"
                ),
                None => assert!(got.is_empty(), "{text}: {got:?}"),
            }
        }
    }

    #[test]
    fn a_name_and_a_colon_open_a_claim() {
        let text = "Mira Okafor met Omar Tamm.\nTAMM: We are ready to sail at dawn.\nNote: the office is closed.";
        let got: Vec<(String, String)> =
            indirect(text).into_iter().map(|(s, _, r)| (s, r)).collect();
        assert_eq!(
            got,
            vec![("Omar Tamm".to_string(), "claim.colon".to_string())]
        );
    }

    #[test]
    fn a_run_on_sentence_of_repeated_sources_gives_each_source_once() {
        // The shape that once took quadratic time (issue: ", according to officials"
        // repeated): the words counted outside quotation marks and the speakers already
        // given a claim are looked up, not scanned, per cue.
        let text = format!("The plan failed{}.", ", according to officials".repeat(200));
        let got = indirect(&text);
        assert_eq!(got.len(), 1, "{got:?}");
        assert_eq!(got[0].0, "officials");
        let names = ["Ada Brook", "Omar Tamm", "Mira Okafor"];
        let text = format!(
            "The plan failed{}.",
            (0..300)
                .map(|i| format!(", according to {}", names[i % 3]))
                .collect::<String>()
        );
        let mut got: Vec<String> = indirect(&text).into_iter().map(|(s, _, _)| s).collect();
        got.sort();
        assert_eq!(got, ["Ada Brook", "Mira Okafor", "Omar Tamm"]);
    }

    #[test]
    fn words_outside_quotes_skip_quoted_words() {
        // The content after the cue needs four words outside the quotation marks.
        assert!(indirect("Officials said “a b c d e” the port opened.").is_empty());
        let got = indirect("Officials said “a b c” the port opened again today.");
        assert_eq!(got.len(), 1, "{got:?}");
    }

    #[test]
    fn coordinated_sources_give_one_claim_each() {
        let text = "Kemal Arslan, a retired engineer, warned of floods. The dam leaks badly, Arslan and other former engineers said.";
        let names: Vec<String> = indirect(text).into_iter().map(|(s, _, _)| s).collect();
        assert!(names.contains(&"Kemal Arslan".to_string()), "{names:?}");
        assert!(
            names.contains(&"other former engineers".to_string()),
            "{names:?}"
        );
    }
}
