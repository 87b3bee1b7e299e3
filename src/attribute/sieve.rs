//! The quote sieve: each speech quote goes down an ordered list of rungs, from the most to
//! the least certain, until one names its speaker. Each rung is a unit with its rule id;
//! titles, scare quotes and nicknames are passed through as not speech.

use super::{context, near};
use crate::registry::RuleId;
use crate::sources::{Found, Sources};
use crate::types::{Claim, ClaimKind, Quote, QuoteKind, Span};

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
pub(super) const AFTER_QUOTE_TOKENS: usize = 20;
/// Tokens before a quote searched for a cue right before it ("X said: “").
pub(super) const BEFORE_QUOTE_TOKENS: usize = 12;
/// A cue before the quote is "right before" within this many tokens.
pub(super) const CUE_BEFORE_MAX_GAP: usize = 4;
/// Tokens on each side of a quote searched for a cue in its sentence: a run-on sentence
/// must not make the search quadratic.
pub(super) const SENTENCE_CUE_TOKENS: usize = 40;
/// An attribution sentence after the quote has at most this many tokens ("Brook said.").
pub(super) const SHORT_SENTENCE_TOKENS: usize = 6;
/// Earlier quotes of the paragraph a continuation looks back over.
pub(super) const CONTINUATION_QUOTES: usize = 6;
/// A partial quote of at most this many words that nobody is found to have said is a
/// scare quote or a term.
const SCARE_QUOTE_WORDS: usize = 5;
/// Words of a transcript label ("SEN. BROOK:").
pub(super) const TRANSCRIPT_LABEL_TOKENS: usize = 3;
/// Words of a name credited after a dash ("― Julie A. Diaz Martinez").
pub(super) const DASH_NAME_TOKENS: usize = 5;
/// Words of an unknown name between a quote and its cue ("“…,” Varga, …, said").
pub(super) const UNKNOWN_NAME_TOKENS: usize = 3;

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
    pub(super) speaker: Found,
    pub(super) cue: Option<String>,
    pub(super) cue_span: Option<Span>,
    pub(super) spent: Option<usize>,
}

/// A hit through the cue word at token `c`; `spend` when a direct quote uses it up.
pub(super) fn cued(at: &Sources, speaker: Found, c: usize, spend: bool) -> Hit {
    Hit {
        speaker,
        cue: Some(at.cue_text(c)),
        cue_span: Some(at.cue_span(c)),
        spent: spend.then_some(c),
    }
}

/// A hit with no cue word in the text (a colon, a continuation).
pub(super) fn uncued(speaker: Found, cue: Option<String>) -> Hit {
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
    Rung { rule: RuleId::QuoteTranscript, find: near::transcript },
    Rung { rule: RuleId::QuoteAfterCueSpeaker, find: near::after_cue_speaker },
    Rung { rule: RuleId::QuoteAfterSpeakerCue, find: near::after_speaker_cue },
    Rung { rule: RuleId::QuoteAfterSpeakerVerb, find: near::after_speaker_verb },
    Rung { rule: RuleId::QuoteDashCredit, find: near::dash_credit },
    Rung { rule: RuleId::QuoteAsPutIt, find: near::as_put_it },
    Rung { rule: RuleId::QuoteBefore, find: near::cue_before },
    Rung { rule: RuleId::QuoteSentenceCue, find: near::sentence_cue },
    Rung { rule: RuleId::QuoteColon, find: context::colon_subject },
    Rung { rule: RuleId::QuoteNextSentence, find: context::next_sentence },
    Rung { rule: RuleId::QuoteContinuation, find: context::continuation },
    Rung { rule: RuleId::QuoteColon, find: context::colon_paragraph },
    Rung { rule: RuleId::QuoteParagraphContinuation, find: context::paragraph_continuation },
    Rung { rule: RuleId::QuotePreviousSentence, find: context::previous_sentence },
];

/// What one rung found for a quote, kept when the sieve is traced (`whosaid explain`).
#[derive(Debug, Clone)]
pub struct Considered {
    /// The rung's place in [`SIEVE`], 0 first.
    pub rung: usize,
    /// The rung's rule.
    pub rule: RuleId,
    /// The speaker it names and where.
    pub speaker: Found,
    /// Where its cue is written, when it has a cue word.
    pub cue_span: Option<Span>,
    /// True when the speaker is a clause fragment, which is never a speaker.
    pub fragment: bool,
}

/// Every rung's finding for one speech quote, in sieve order: the first that is not a
/// fragment is the one the claim took.
#[derive(Debug, Clone)]
pub struct Trace {
    /// The quote's index in the document's quotes.
    pub quote: usize,
    /// What the rungs found.
    pub considered: Vec<Considered>,
}

/// Attributes every speech quote; other quotes get `quote.not-speech`. Returns the claims
/// and the cue tokens that direct quotes spent. With `trace`, every rung is asked about
/// every speech quote and what each found is kept; the claims are the same.
pub fn attribute(
    at: &Sources,
    quotes: &[Quote],
    mut trace: Option<&mut Vec<Trace>>,
) -> (Vec<Claim>, Vec<usize>) {
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
        let got = match trace.as_deref_mut() {
            None => first_hit(at, &place),
            Some(tr) => {
                let considered = every_hit(at, &place);
                let won = considered.iter().position(|c| !c.0.fragment);
                tr.push(Trace {
                    quote: qi,
                    considered: considered.iter().map(|c| c.0.clone()).collect(),
                });
                won.and_then(|i| considered.into_iter().nth(i)).map(|c| c.1)
            }
        };
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

/// The first rung's attribution. A clause fragment is never a speaker: the rung passes the
/// quote on.
fn first_hit(at: &Sources, place: &QuoteAt) -> Option<Attribution> {
    SIEVE.iter().find_map(|rung| {
        (rung.find)(at, place)
            .filter(|h| !at.is_fragment(&h.speaker))
            .map(|h| attribution(rung.rule, h))
    })
}

/// What every rung finds, in sieve order, each with the attribution it would make.
fn every_hit(at: &Sources, place: &QuoteAt) -> Vec<(Considered, Attribution)> {
    SIEVE
        .iter()
        .enumerate()
        .filter_map(|(i, rung)| {
            let h = (rung.find)(at, place)?;
            let c = Considered {
                rung: i,
                rule: rung.rule,
                speaker: h.speaker.clone(),
                cue_span: h.cue_span,
                fragment: at.is_fragment(&h.speaker),
            };
            Some((c, attribution(rung.rule, h)))
        })
        .collect()
}

fn attribution(rule: RuleId, h: Hit) -> Attribution {
    Attribution {
        speaker: h.speaker,
        cue: h.cue,
        cue_span: h.cue_span,
        rule,
        spent: h.spent,
    }
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
