//! The quote sieve: each speech quote goes down an ordered list of rungs, from the most to
//! the least certain, until one names its speaker. Each rung is a unit with its rule id;
//! titles, scare quotes and nicknames are passed through as not speech.

use crate::lang::Class;
use crate::registry::RuleId;
use crate::sources::{Found, Sources};
use crate::types::{Claim, ClaimKind, EntityType, Quote, QuoteKind, Span};

/// A speaker found for a quote: who, by which cue, by which rung.
#[derive(Debug, Clone)]
pub struct Attribution {
    /// The speaker and where the text names it.
    pub speaker: Found,
    /// The cue as written, when the rung has one.
    pub cue: Option<String>,
    /// Where the cue is written, when it is a word of this sentence.
    pub cue_span: Option<Span>,
    /// The rung's rule.
    pub rule: RuleId,
    /// The cue token this attribution spends: a direct quote's cue is not a claim again.
    pub spent: Option<usize>,
}

/// Tokens after a quote searched for its cue ("“…,” Ada Brook, the firm's director, said").
const AFTER_QUOTE_TOKENS: usize = 20;
/// Tokens before a quote searched for a cue right before it ("X said: “").
const BEFORE_QUOTE_TOKENS: usize = 12;
/// A cue before the quote is "right before" within this many tokens.
const CUE_BEFORE_MAX_GAP: usize = 4;
/// Tokens on each side of a quote searched for a cue in its sentence: a run-on sentence
/// must not make the search quadratic.
const SENTENCE_CUE_TOKENS: usize = 40;
/// An attribution sentence after the quote has at most this many tokens ("Brook said.").
const SHORT_SENTENCE_TOKENS: usize = 6;
/// Earlier quotes of the paragraph a continuation looks back over.
const CONTINUATION_QUOTES: usize = 6;
/// A partial quote of at most this many words that nobody is found to have said is a
/// scare quote or a term.
const SCARE_QUOTE_WORDS: usize = 5;
/// Words of a transcript label ("SEN. BROOK:").
const TRANSCRIPT_LABEL_TOKENS: usize = 3;
/// Words of a name credited after a dash ("― Julie A. Diaz Martinez").
const DASH_NAME_TOKENS: usize = 5;
/// Words of an unknown name between a quote and its cue ("“…,” Varga, …, said").
const UNKNOWN_NAME_TOKENS: usize = 3;

/// Where a quote sits: what every rung reads.
pub struct QuoteAt<'q> {
    /// The quote.
    pub q: &'q Quote,
    /// The sentences of its opening and closing marks.
    pub s_open: usize,
    /// See `s_open`.
    pub s_close: usize,
    /// The first token of the opening sentence.
    pub first: usize,
    /// The first token at or after the opening mark.
    pub before_end: usize,
    /// The first token at or after the closing mark.
    pub after: usize,
    /// The quotes before this one, and their claims.
    pub earlier: &'q [Quote],
    /// See `earlier`.
    pub done: &'q [Claim],
}

/// What a rung finds: the speaker, the cue as written and where, the cue token it spends.
pub struct Hit {
    speaker: Found,
    cue: Option<String>,
    cue_span: Option<Span>,
    spent: Option<usize>,
}

/// A hit through the cue word at token `c`; `spend` when a direct quote uses it up.
fn cued(at: &Sources, speaker: Found, c: usize, spend: bool) -> Hit {
    Hit {
        speaker,
        cue: Some(at.cue_text(c)),
        cue_span: Some(at.cue_span(c)),
        spent: spend.then_some(c),
    }
}

/// A hit with no cue word in the text (a colon, a continuation).
fn uncued(speaker: Found, cue: Option<String>) -> Hit {
    Hit {
        speaker,
        cue,
        cue_span: None,
        spent: None,
    }
}

/// A rung of the sieve: a named unit with its rule.
pub struct Rung {
    /// The rule its attributions carry.
    pub rule: RuleId,
    find: fn(&Sources, &QuoteAt) -> Option<Hit>,
}

/// The rungs, most certain first.
#[rustfmt::skip]
pub const SIEVE: &[Rung] = &[
    Rung { rule: RuleId::QuoteTranscript, find: transcript },
    Rung { rule: RuleId::QuoteAfterCueSpeaker, find: after_cue_speaker },
    Rung { rule: RuleId::QuoteAfterSpeakerCue, find: after_speaker_cue },
    Rung { rule: RuleId::QuoteAfterSpeakerVerb, find: after_speaker_verb },
    Rung { rule: RuleId::QuoteDashCredit, find: dash_credit },
    Rung { rule: RuleId::QuoteAsPutIt, find: as_put_it },
    Rung { rule: RuleId::QuoteBefore, find: cue_before },
    Rung { rule: RuleId::QuoteSentenceCue, find: sentence_cue },
    Rung { rule: RuleId::QuoteColon, find: colon_subject },
    Rung { rule: RuleId::QuoteNextSentence, find: next_sentence },
    Rung { rule: RuleId::QuoteContinuation, find: continuation },
    Rung { rule: RuleId::QuoteColon, find: colon_paragraph },
    Rung { rule: RuleId::QuoteParagraphContinuation, find: paragraph_continuation },
    Rung { rule: RuleId::QuotePreviousSentence, find: previous_sentence },
];

/// Attributes every speech quote; other quotes get `quote.not-speech`. Returns the claims
/// and the cue tokens that direct quotes spent.
pub fn attribute(at: &Sources, quotes: &[Quote]) -> (Vec<Claim>, Vec<usize>) {
    let mut out: Vec<Claim> = Vec::with_capacity(quotes.len());
    let mut used = Vec::new();
    for (qi, q) in quotes.iter().enumerate() {
        if !q.kind.is_speech() {
            out.push(Claim {
                kind: q.kind.into(),
                speaker: None,
                cue: None,
                content: q.content,
                rule: RuleId::QuoteNotSpeech,
                confidence: RuleId::QuoteNotSpeech.claim_confidence(),
                speaker_span: None,
                cue_span: None,
            });
            continue;
        }
        let place = quote_at(at, q, &quotes[..qi], &out);
        // A clause fragment is never a speaker: the rung passes the quote on.
        let got = SIEVE.iter().find_map(|rung| {
            (rung.find)(at, &place)
                .filter(|h| !at.is_fragment(&h.speaker))
                .map(|h| Attribution {
                    speaker: h.speaker,
                    cue: h.cue,
                    cue_span: h.cue_span,
                    rule: rung.rule,
                    spent: h.spent,
                })
        });
        // Only a direct quote spends its cue: a partial quote sits inside a paraphrase
        // that is a claim of its own.
        if q.kind == QuoteKind::Direct
            && let Some(c) = got.as_ref().and_then(|a| a.spent)
        {
            used.push(c);
        }
        let claim = match got {
            Some(a) => Claim {
                kind: ClaimKind::from(q.kind),
                speaker: Some(a.speaker.speaker),
                cue: a.cue,
                content: q.content,
                rule: a.rule,
                confidence: a.rule.claim_confidence(),
                speaker_span: (a.speaker.start < a.speaker.end)
                    .then(|| Span::new(a.speaker.start, a.speaker.end)),
                cue_span: a.cue_span,
            },
            // A few quoted words inside a sentence that nobody is found to have said are a
            // scare quote or a term ("the so-called “deal”"), not an unattributed quote.
            None if q.kind == QuoteKind::Partial
                && !q.continues
                && q.content.of(at.text).split_whitespace().count() <= SCARE_QUOTE_WORDS =>
            {
                Claim {
                    kind: ClaimKind::from(QuoteKind::Term),
                    speaker: None,
                    cue: None,
                    content: q.content,
                    rule: RuleId::QuoteScare,
                    confidence: RuleId::QuoteScare.claim_confidence(),
                    speaker_span: None,
                    cue_span: None,
                }
            }
            None => Claim {
                kind: ClaimKind::from(q.kind),
                speaker: None,
                cue: None,
                content: q.content,
                rule: RuleId::QuoteUnattributed,
                confidence: RuleId::QuoteUnattributed.claim_confidence(),
                speaker_span: None,
                cue_span: None,
            },
        };
        out.push(claim);
    }
    // A quote running over paragraphs is one speaker's: an opening paragraph that found no
    // speaker takes the one its closing paragraph names ("“A¶“B,” she said.").
    for i in (0..quotes.len().saturating_sub(1)).rev() {
        if quotes[i].continues
            && out[i].speaker.is_none()
            && out[i + 1].speaker.is_some()
            && quotes[i].kind.is_speech()
        {
            let next = out[i + 1].clone();
            out[i] = Claim {
                kind: ClaimKind::from(quotes[i].kind),
                content: quotes[i].content,
                rule: RuleId::QuoteContinuation,
                confidence: RuleId::QuoteContinuation.claim_confidence(),
                speaker_span: None,
                cue_span: None,
                ..next
            };
        }
    }
    (out, used)
}

fn quote_at<'q>(
    at: &Sources,
    q: &'q Quote,
    earlier: &'q [Quote],
    done: &'q [Claim],
) -> QuoteAt<'q> {
    let seg = at.seg;
    let s_open = seg.sentence_at(q.outer.start);
    QuoteAt {
        q,
        s_open,
        s_close: seg.sentence_at(q.outer.end.saturating_sub(1)),
        first: seg.sentences[s_open].first_token,
        before_end: seg.token_at_or_after(q.outer.start),
        after: seg.token_at_or_after(q.outer.end),
        earlier,
        done,
    }
}

/// The token right after the closing mark, when only a comma or a dash separates them
/// inside the closing sentence: where "said Ada Brook" or "Ada Brook said" starts.
fn right_after(at: &Sources, q: &QuoteAt) -> Option<usize> {
    let k = q.after;
    let seg = at.seg;
    let ok = k < seg.tokens.len()
        && seg.tokens[k].sentence == q.s_close
        && !at.in_quote(seg.tokens[k].span.start)
        && at.text[q.q.outer.end..seg.tokens[k].span.start]
            .trim()
            .chars()
            .all(|c| matches!(c, ',' | '—' | '–' | '-'));
    ok.then_some(k)
}

/// “…,” said Ada Brook. / “…,” saying …: the cue right after the quote, the speaker after it
/// (or the clause's subject for a participle).
fn after_cue_speaker(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let k = right_after(at, q)?;
    if !at.is_cue(k) {
        return None;
    }
    let skip = if at.is_according(k) { 2 } else { 1 };
    let f = if at.is_participle(k) {
        at.clause_subject(k)
    } else {
        at.final_objects(k + skip).into_iter().next()
    }?;
    Some(cued(at, f, k, true))
}

/// “…,” Ada Brook said. / “…,” Ola Berg, the firm's director, said: the speaker after the
/// quote, then the cue.
fn after_speaker_cue(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let k = right_after(at, q)?;
    let seg = at.seg;
    for c in k + 1..(k + AFTER_QUOTE_TOKENS).min(seg.tokens.len()) {
        if seg.tokens[c].sentence != q.s_close || at.in_quote(seg.tokens[c].span.start) {
            return None;
        }
        if !at.is_cue(c) {
            continue;
        }
        if let Some(f) = at.subjects(c).into_iter().last()
            && f.start >= q.q.outer.end
            && !opens_clause(at, k, seg.token_at_or_after(f.start))
        {
            return Some(cued(at, f, c, true));
        }
        // The name right after the quote, known or not.
        let named = match at.mention_at(k).filter(|m| m.etype == EntityType::Person) {
            Some(m) => Some(at.named(m)),
            None => {
                let mut e = k;
                while e < c
                    && e < k + UNKNOWN_NAME_TOKENS
                    && seg.tokens[e].cap
                    && at.sep(e).trim().is_empty()
                {
                    e += 1;
                }
                let comma = e < c && e > k && at.sep(e).trim() == ",";
                if seg.tokens[e].cap && comma {
                    at.raw_name(k, e + 1)
                } else if e == c && e > k && at.sep(e - 1).trim().is_empty() {
                    // "“…,” Varga said.": the name right before the cue.
                    at.raw_name(k, e)
                } else {
                    None
                }
            }
        };
        return named.map(|f| cued(at, f, c, true));
    }
    None
}

/// A word opening a new clause among tokens `[a, b)`.
fn opens_clause(at: &Sources, a: usize, b: usize) -> bool {
    (a..b).any(|t| at.is(t, Class::ClauseOpener))
}

/// “…,” Brook charged. / “…,” he continued.: a person and any verb closing the clause.
fn after_speaker_verb(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let k = right_after(at, q)?;
    let f = at.person_then_verb(k, q.s_close)?;
    let verb = at.seg.token_at_or_after(f.end);
    Some(cued(at, f, verb, false))
}

/// Ada Brook said: “…” / according to Ada Brook, “…”: a cue right before the opening mark.
fn cue_before(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    for c in (q.first..q.before_end).rev().take(BEFORE_QUOTE_TOKENS) {
        if at.in_quote(seg.tokens[c].span.start) {
            return None;
        }
        if !at.is_quote_cue(c) {
            continue;
        }
        let tail = &at.text[seg.tokens[c].full_end..q.q.outer.start];
        let near = q.before_end - c <= CUE_BEFORE_MAX_GAP
            && (tail.trim_end().ends_with([':', ','])
                || tail.trim().is_empty()
                || tail.trim_end().ends_with(" that"));
        if !near {
            return None;
        }
        let f = if at.is_according(c) {
            at.objects(c + 2).into_iter().next()
        } else {
            at.subjects(c).into_iter().last()
        }?;
        return Some(cued(at, f, c, true));
    }
    None
}

/// X said they are “deeply worried”: a cue elsewhere in the quote's sentences, nearest first.
fn sentence_cue(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let last = seg.sentences[q.s_close]
        .end_token
        .min(q.after + SENTENCE_CUE_TOKENS);
    let near_first = q
        .first
        .max(q.before_end.saturating_sub(SENTENCE_CUE_TOKENS));
    let mut cues: Vec<usize> = (near_first..last)
        .filter(|&c| !at.in_quote(seg.tokens[c].span.start) && at.is_quote_cue(c))
        .collect();
    // Nearest first, but a cue after the quote that a new clause holds ("…” in response,
    // and he urged", "…” when he said") after every other.
    cues.sort_by_key(|&c| {
        let later_clause = c >= q.after && opens_clause(at, q.after, c);
        (
            later_clause,
            seg.tokens[c].span.start.abs_diff(q.q.outer.start),
        )
    });
    let found = |c: usize| {
        if at.is_according(c) {
            at.objects(c + 2).into_iter().next()
        } else {
            // "said Ada Brook" in the middle of a sentence: only verbs a name follows; the
            // object of "tells his supporters" is who listens.
            at.subjects(c).into_iter().last().or_else(|| {
                at.is(c, Class::BeforeName)
                    .then(|| at.final_objects(c + 1).into_iter().next())
                    .flatten()
            })
        }
    };
    // A cue whose subject is only a common noun phrase ("the spate of protests demands")
    // is a verb of things, not of speakers: any cue with a real source goes first.
    let mut weak = None;
    let mut best: Option<(Found, usize)> = None;
    for &c in &cues {
        let Some(f) = found(c) else { continue };
        if at.is_thing(&f) {
            weak = weak.or(Some((f, c)));
            continue;
        }
        match &best {
            None => best = Some((f, c)),
            // Two cues of the quote's sentence name two speakers at about the same distance
            // ("X said Y called it “…”"): position cannot tell, so no one is named.
            // (A cue in a later clause ranks after every other and never competes.)
            Some((b, bc))
                if b.speaker.name != f.speaker.name
                    && !(c >= q.after && opens_clause(at, q.after, c)) =>
            {
                let d = |k: usize| seg.tokens[k].span.start.abs_diff(q.q.outer.start);
                if d(c) < 2 * d(*bc) {
                    return None;
                }
                break;
            }
            Some(_) => break,
        }
    }
    if let Some((f, c)) = best {
        return Some(cued(at, f, c, true));
    }
    weak.map(|(f, c)| cued(at, f, c, true))
}

/// Ada Brook praises the plan: “…”: the sentence's named subject introduces the quote.
fn colon_subject(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    if !at.text[..q.q.outer.start].trim_end().ends_with(':') {
        return None;
    }
    // "Pollsters agree - Ada Brook: “…”": the name right before the colon.
    let seg = at.seg;
    if q.before_end > q.first {
        let last = q.before_end - 1;
        if at.text[seg.tokens[last].full_end..q.q.outer.start].trim() == ":"
            && let Some(m) = at.mention_at(last).filter(|m| m.etype != EntityType::Loc)
        {
            return Some(uncued(at.named(m), None));
        }
    }
    // The clause's subject past a fronted phrase ("With leaders worried about Brook, Voss
    // is rolling out a message: “…”"), else its first name.
    if let Some(f) = at.clause_start_subject(q.first, q.before_end) {
        return Some(uncued(f, None));
    }
    let m = (q.first..q.before_end)
        .find_map(|t| at.mention_at(t).filter(|m| m.etype != EntityType::Loc))?;
    Some(uncued(at.named(m), None))
}

/// “…” Brook said.: no cue in the sentence, a short attribution sentence follows.
fn next_sentence(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let next = q.s_close + 1;
    if next >= seg.sentences.len()
        || seg.sentences[next].paragraph != seg.sentences[q.s_close].paragraph
    {
        return None;
    }
    let ns = seg.sentences[next];
    if ns.end_token - ns.first_token > SHORT_SENTENCE_TOKENS {
        return None;
    }
    (ns.first_token..ns.end_token).find_map(|c| {
        if !at.is_cue(c) {
            return None;
        }
        let f = at.subjects(c).into_iter().last()?;
        Some(cued(at, f, c, true))
    })
}

/// No cue: the previous quote of the same paragraph had a speaker.
fn continuation(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let para = seg.sentences[q.s_open].paragraph;
    for (pq, pc) in q.earlier.iter().zip(q.done).rev().take(CONTINUATION_QUOTES) {
        if seg.sentences[seg.sentence_at(pq.outer.start)].paragraph != para {
            return None;
        }
        if let Some(sp) = pc.speaker.clone().filter(|_| pq.kind.is_speech()) {
            let f = Found {
                speaker: sp,
                start: pq.outer.start,
                end: pq.outer.start,
                pronoun: false,
            };
            return Some(uncued(f, pc.cue.clone()));
        }
    }
    None
}

/// A paragraph that ends with a colon introduces the quote that opens the next: "The
/// foundation describes itself this way:\n“Everywhere we go …”".
fn colon_paragraph(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let para = seg.sentences[q.s_open].paragraph;
    if q.s_open == 0
        || seg.sentences[q.s_open - 1].paragraph + 1 != para
        || seg.sentences[q.s_open].first_token != q.before_end
    {
        return None;
    }
    let prev = seg.sentences[q.s_open - 1];
    if !at.text[..prev.span.end].trim_end().ends_with(':') {
        return None;
    }
    let named = (prev.first_token..prev.end_token)
        .find_map(|t| at.mention_at(t).filter(|m| m.etype != EntityType::Loc));
    if let Some(m) = named {
        return Some(uncued(at.named(m), Some(":".to_string())));
    }
    // "Transcript as follows:" names no one: the speaker of the quote closing the paragraph
    // before it goes on.
    let (pq, pc) = q.earlier.iter().zip(q.done).next_back()?;
    let before = q.s_open.checked_sub(2)?;
    if seg.sentences[before].paragraph + 2 != para
        || seg.sentence_at(pq.outer.end.saturating_sub(1)) != before
    {
        return None;
    }
    let f = Found {
        speaker: pc.speaker.clone()?,
        start: q.q.outer.start,
        end: q.q.outer.start,
        pronoun: false,
    };
    Some(uncued(f, Some(":".to_string())))
}

/// The sentence before, in the same paragraph, reports a named speaker: "Brook announced
/// the lawsuit on Monday. “We are seeking a court order …”".
/// Also a paragraph that is the quote alone after a paragraph whose last sentence reports
/// a named speaker: "Brook was quick to add that the deal was off.¶“Not negotiable.”".
fn previous_sentence(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    if q.s_open == 0 {
        return None;
    }
    let same_para = seg.sentences[q.s_open - 1].paragraph == seg.sentences[q.s_open].paragraph;
    let rest = &at.text[q.q.outer.end..];
    let para_end = rest.find('\n').unwrap_or(rest.len());
    let quote_alone = seg.sentences[q.s_open].first_token == q.before_end
        && seg.sentences[q.s_open - 1].paragraph + 1 == seg.sentences[q.s_open].paragraph
        && !rest[..para_end].chars().any(char::is_alphanumeric);
    if !(same_para || quote_alone) {
        return None;
    }
    let prev = seg.sentences[q.s_open - 1];
    (prev.first_token..prev.end_token).find_map(|c| {
        if at.in_quote(seg.tokens[c].span.start) || !at.is_quote_cue(c) {
            return None;
        }
        // One named subject: "Brook and Voss argued" says nothing of who spoke next.
        let subjects = at.subjects(c);
        let [f] = subjects.as_slice() else {
            return None;
        };
        f.speaker.entity?;
        Some(cued(at, f.clone(), c, false))
    })
}

/// “…” ― Ada Brook, 61, a farmer: a dash after the closing mark and a name ending the line
/// (or followed by a comma) credit the quote.
fn dash_credit(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let rest = &at.text[q.q.outer.end..];
    let line_end = q.q.outer.end + rest.find('\n').unwrap_or(rest.len());
    let lead = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    let dash_at = q.q.outer.end + lead;
    let dash = at.text[dash_at..].chars().next()?;
    if !matches!(dash, '―' | '—' | '–') {
        return None;
    }
    let cue = Span::new(dash_at, dash_at + dash.len_utf8());
    let k = seg.token_at_or_after(cue.end);
    if k >= seg.tokens.len() || seg.tokens[k].span.start >= line_end {
        return None;
    }
    let mut e = k;
    while e < seg.tokens.len()
        && e < k + DASH_NAME_TOKENS
        && seg.tokens[e].cap
        && seg.tokens[e].span.end <= line_end
        && (e == k || at.sep(e - 1).trim_matches('.').trim().is_empty())
    {
        e += 1;
    }
    // The name ends the line, or a comma or full stop follows it.
    let after = at.text[seg.tokens[e - 1].full_end..line_end].trim();
    if e == k || !(after.is_empty() || after.starts_with([',', '.'])) {
        return None;
    }
    let speaker = match at.mention_at(k).filter(|m| m.etype == EntityType::Person) {
        Some(m) => at.named(m),
        None => at.raw_name(k, e.min(k + 3))?,
    };
    Some(Hit {
        speaker,
        cue: Some(cue.of(at.text).to_string()),
        cue_span: Some(cue),
        spent: None,
    })
}

/// A paragraph that is only a quote continues the speaker of the quote closing the
/// paragraph before, when nothing intervenes.
fn paragraph_continuation(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let para = seg.sentences[q.s_open].paragraph;
    let starts_para = q.s_open > 0
        && seg.sentences[q.s_open - 1].paragraph + 1 == para
        && seg.sentences[q.s_open].first_token == q.before_end;
    // The quote is the whole paragraph: nothing but punctuation after its closing mark.
    let rest = &at.text[q.q.outer.end..];
    let para_end = rest.find('\n').unwrap_or(rest.len());
    if !starts_para || rest[..para_end].trim().chars().any(char::is_alphanumeric) {
        return None;
    }
    let (pq, pc) = q.earlier.iter().zip(q.done).next_back()?;
    // The earlier quote sits in the last sentence of the previous paragraph.
    if seg.sentence_at(pq.outer.end.saturating_sub(1)) != q.s_open - 1 || !pq.kind.is_speech() {
        return None;
    }
    let sp = pc.speaker.clone()?;
    let f = Found {
        speaker: sp,
        start: q.q.outer.start,
        end: q.q.outer.start,
        pronoun: false,
    };
    Some(uncued(f, pc.cue.clone()))
}

/// The plan is, as Ada Brook put it, “…”: "as <source> put it" in the quote's sentence.
fn as_put_it(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let last = seg.sentences[q.s_close].end_token;
    let put = (q.first..last.saturating_sub(1)).find(|&t| {
        at.tok(t) == "put" && at.tok(t + 1) == "it" && !at.in_quote(seg.tokens[t].span.start)
    })?;
    let as_tok = (put.saturating_sub(8).max(q.first)..put)
        .rev()
        .find(|&t| at.tok(t).eq_ignore_ascii_case("as"))?;
    if as_tok + 1 >= put {
        return None;
    }
    let f = at.phrase_ending_at(put - 1, as_tok + 1)?;
    if at.seg.token_at_or_after(f.start) != as_tok + 1 {
        return None;
    }
    let cue = Span::new(seg.tokens[put].span.start, seg.tokens[put + 1].span.end);
    Some(Hit {
        speaker: f,
        cue: Some(cue.of(at.text).to_string()),
        cue_span: Some(cue),
        spent: None,
    })
}

/// “BROOK: We are ready.”: a quoted transcript turn opens with its speaker's label.
fn transcript(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let a = seg.token_at_or_after(q.q.content.start);
    let colon = (a..(a + TRANSCRIPT_LABEL_TOKENS).min(seg.tokens.len()))
        .take_while(|&t| seg.tokens[t].span.end <= q.q.content.end)
        .find(|&t| at.text[seg.tokens[t].full_end..].starts_with(':'))?;
    // Only a label in capitals: "Note: …" is no speaker.
    if !(a..=colon).all(|t| at.tok(t).chars().all(|c| !c.is_lowercase())) {
        return None;
    }
    let f = at.speaker_phrase(a, colon + 1)?;
    Some(uncued(f, Some(":".to_string())))
}
