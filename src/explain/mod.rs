//! Why each claim has its speaker: the one explanation structure that `whosaid explain`
//! prints and the review page shows. It is built from what the sieve itself found (every
//! rung asked, see [`crate::attribute::Trace`]), not by reasoning again: the page and the
//! command cannot tell different stories.

mod text;

pub use text::to_text;

use crate::attribute::{SIEVE, Trace};
use crate::registry::{RuleId, Stage};
use crate::sources::DocView;
use crate::types::{Claim, ClaimKind, EntityType, Quote, Span};

/// Why one claim (one row of `claims.csv`) has the speaker it has. Spans are byte offsets
/// into the document's text, like every span of the pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct Explanation {
    /// The claim's `claim_id` (1-based, as in `claims.csv`).
    pub claim_id: usize,
    /// The claim's kind.
    pub kind: ClaimKind,
    /// The rule in the claim's row.
    pub rule: RuleId,
    /// The claim's confidence.
    pub confidence: f32,
    /// The quoted or reported words.
    pub content: Span,
    /// The sentences the claim sits in.
    pub sentence: Span,
    /// The quotation marks and what they hold, for a quote.
    pub marks: Option<Span>,
    /// The cue word, when the claim has one in the text.
    pub cue: Option<Span>,
    /// The cue as the claims row writes it (also when it is not at this claim: a quote
    /// that takes the next paragraph's speaker).
    pub cue_word: Option<String>,
    /// The speaker's name; `None` when the claim has none.
    pub speaker: Option<String>,
    /// Where the text names the speaker for this claim.
    pub speaker_mention: Option<Span>,
    /// Every speaker candidate considered, the winner first.
    pub candidates: Vec<Candidate>,
    /// Why the winner won (or why no one did), in one sentence.
    pub decision: String,
}

/// One speaker candidate for a claim and the evidence for and against it.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    /// The speaker's name, or the mention's words.
    pub name: String,
    /// Where the text names it, when it does.
    pub mention: Option<Span>,
    /// Its entity (an index into `Extraction::entities`), when it is one.
    pub entity: Option<usize>,
    /// The rule that proposed it; `None` for a name that no rule proposed.
    pub rule: Option<RuleId>,
    /// What became of it.
    pub verdict: Verdict,
    /// Evidence for it.
    pub evidence_for: Vec<String>,
    /// Evidence against it.
    pub evidence_against: Vec<String>,
}

/// What became of a candidate.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verdict {
    /// It is the claim's speaker.
    Chosen,
    /// A rung found it, but an earlier rung had already named the speaker.
    Outranked,
    /// A rung found it, but it is a clause fragment, never a speaker.
    Refused,
    /// A name in the sentence that no rule proposed as the speaker.
    NotProposed,
}

impl Verdict {
    /// The verdict as written: `chosen`, `outranked`, `refused`, `not proposed`.
    pub fn as_str(self) -> &'static str {
        match self {
            Verdict::Chosen => "chosen",
            Verdict::Outranked => "outranked",
            Verdict::Refused => "refused",
            Verdict::NotProposed => "not proposed",
        }
    }
}

/// The explanations of a document's claims, in claim order (`claims` as extracted, with
/// the sieve's `traces` of the same run).
pub(crate) fn build(
    view: &DocView,
    claims: &[Claim],
    traces: &[Trace],
    quotes: &[Quote],
) -> Vec<Explanation> {
    claims
        .iter()
        .enumerate()
        .map(|(n, c)| explain_claim(view, n + 1, c, traces, quotes))
        .collect()
}

fn explain_claim(
    view: &DocView,
    claim_id: usize,
    c: &Claim,
    traces: &[Trace],
    quotes: &[Quote],
) -> Explanation {
    let is_quote = c.rule.stage() == Stage::Attribute;
    let quote = is_quote
        .then(|| {
            // Quotes are in text order, traces in quote order: found by search, so that
            // explaining a document of many quotes stays linear-logarithmic.
            let i = quotes.partition_point(|q| q.content.start < c.content.start);
            (i..quotes.len())
                .take_while(|&j| quotes[j].content.start == c.content.start)
                .find(|&j| quotes[j].content == c.content)
        })
        .flatten();
    let marks = quote.map(|q| quotes[q].outer);
    let trace = quote.and_then(|q| {
        traces
            .binary_search_by_key(&q, |t| t.quote)
            .ok()
            .map(|i| &traces[i])
    });
    let around = marks.unwrap_or(c.content);
    let seg = view.seg;
    let (s0, s1) = if seg.sentences.is_empty() {
        (None, None)
    } else {
        (
            Some(seg.sentence_at(around.start)),
            Some(seg.sentence_at(around.end.saturating_sub(1).max(around.start))),
        )
    };
    let sentence = match (s0, s1) {
        (Some(a), Some(b)) => Span::new(seg.sentences[a].span.start, seg.sentences[b].span.end),
        _ => around,
    };

    let mut candidates = Vec::new();
    let mut chosen_rung = None;
    if let Some(t) = trace {
        for k in &t.considered {
            let sp = &k.speaker;
            let mention = (sp.start < sp.end).then(|| Span::new(sp.start, sp.end));
            // A later rung naming the same speaker agrees: evidence, not a rival.
            if let Some(same) = candidates
                .iter_mut()
                .find(|o: &&mut Candidate| o.name == sp.speaker.name)
            {
                if !k.fragment {
                    let at = match mention {
                        Some(m) if same.mention != Some(m) => {
                            format!(" at “{}”", m.of(view.text))
                        }
                        _ => String::new(),
                    };
                    same.evidence_for.push(format!(
                        "rung {} ({}) finds the same speaker{at}",
                        k.rung + 1,
                        k.rule
                    ));
                }
                continue;
            }
            let mut evidence_for = vec![format!("{}: {}", k.rule, k.rule.reason())];
            if let Some(cs) = k.cue_span {
                evidence_for.push(format!("cue “{}”", cs.of(view.text)));
            }
            if let (true, Some(m)) = (sp.pronoun, mention) {
                evidence_for.push(format!(
                    "“{}” refers back to {}",
                    m.of(view.text),
                    sp.speaker.name
                ));
            }
            let mut evidence_against = Vec::new();
            let verdict = if k.fragment {
                evidence_against.push("a clause fragment, not a noun phrase".to_string());
                Verdict::Refused
            } else if chosen_rung.is_none() && c.speaker.is_some() {
                chosen_rung = Some(k.rung);
                Verdict::Chosen
            } else {
                if let Some(r) = chosen_rung {
                    evidence_against.push(format!(
                        "rung {} ({}) comes first in the sieve",
                        r + 1,
                        SIEVE[r].rule
                    ));
                }
                Verdict::Outranked
            };
            candidates.push(Candidate {
                name: sp.speaker.name.clone(),
                mention,
                entity: sp.speaker.entity,
                rule: Some(k.rule),
                verdict,
                evidence_for,
                evidence_against,
            });
        }
    }
    if let (None, Some(sp)) = (chosen_rung, &c.speaker) {
        // Reported speech, or a quote no rung attributed that took the speaker of the quote
        // it runs on into (the next paragraph's): the rule's own finding.
        let evidence = if trace.is_some() && c.rule == RuleId::QuoteContinuation {
            format!(
                "the quote runs on into the next paragraph, whose quote names {} \
                 ({})",
                sp.name, c.rule
            )
        } else {
            format!("{}: {}", c.rule, c.rule.reason())
        };
        candidates.insert(
            0,
            Candidate {
                name: sp.name.clone(),
                mention: c.speaker_span,
                entity: sp.entity,
                rule: Some(c.rule),
                verdict: Verdict::Chosen,
                evidence_for: vec![evidence],
                evidence_against: Vec::new(),
            },
        );
    }
    // The other names of the sentence: why none of them is the speaker.
    // Mentions are in text order: only those of the sentence are read.
    let first = view
        .mentions
        .partition_point(|m| m.span.end <= sentence.start);
    let of_sentence = view.mentions[first..]
        .iter()
        .take_while(|m| m.span.start < sentence.end);
    for m in of_sentence {
        if !m.span.overlaps(sentence) || candidates.iter().any(|k| k.mention == Some(m.span)) {
            continue;
        }
        if candidates.iter().any(|k| k.entity == Some(m.entity)) {
            continue;
        }
        let inside = c.content.start <= m.span.start && m.span.end <= c.content.end;
        let why = if m.etype == EntityType::Loc {
            "a place: a place never speaks".to_string()
        } else if inside {
            "inside the claim's own words: a name the speaker mentions is not the speaker"
                .to_string()
        } else if is_quote {
            "no rung of the sieve names it".to_string()
        } else {
            "not the subject or agent of the cue".to_string()
        };
        candidates.push(Candidate {
            name: view.entities[m.entity].name.clone(),
            mention: Some(m.span),
            entity: Some(m.entity),
            rule: None,
            verdict: Verdict::NotProposed,
            evidence_for: vec![format!("{} named in the sentence", m.etype.as_str())],
            evidence_against: vec![why],
        });
    }
    candidates.sort_by_key(|k| k.verdict != Verdict::Chosen);

    Explanation {
        claim_id,
        kind: c.kind,
        rule: c.rule,
        confidence: c.confidence,
        content: c.content,
        sentence,
        marks,
        cue: c.cue_span,
        cue_word: c.cue.clone(),
        speaker: c.speaker.as_ref().map(|s| s.name.clone()),
        speaker_mention: c.speaker_span,
        decision: decision(c, chosen_rung),
        candidates,
    }
}

/// Why the winner won, from the rule in the claim's row.
fn decision(c: &Claim, chosen_rung: Option<usize>) -> String {
    let rule = c.rule;
    match (rule, chosen_rung) {
        (_, Some(r)) => {
            let earlier = match r {
                0 => "it is the first rung".to_string(),
                1 => "rung 1 named no speaker that is a noun phrase".to_string(),
                _ => format!("rungs 1 to {r} named no speaker that is a noun phrase"),
            };
            format!(
                "rung {} of {}, {}: {} ({earlier})",
                r + 1,
                SIEVE.len(),
                rule,
                rule.reason()
            )
        }
        (RuleId::QuoteContinuation, None) if c.cue_span.is_none() && c.speaker.is_some() => {
            format!(
                "no rung named a speaker for this paragraph's part of the quote; the quote runs on \
             into the next paragraph and takes the speaker named there ({rule})"
            )
        }
        (RuleId::QuoteUnattributed, None) => format!(
            "no rung of the sieve named a speaker: the speaker is left empty rather than \
             guessed ({rule}, confidence {:.2})",
            c.confidence
        ),
        (RuleId::QuoteScare | RuleId::QuoteNotSpeech, None) => {
            format!("{rule}: {}; no speaker is sought", rule.reason())
        }
        (_, None) if rule.stage() == Stage::Attribute => {
            format!("no rung named a speaker here; {rule}: {}", rule.reason())
        }
        (_, None) => format!("{rule}: {}", rule.reason()),
    }
}

#[cfg(test)]
mod tests {
    use crate::{Document, Gazetteers, Options, Pipeline, RuleId};

    use super::Verdict;

    fn explain(text: &str) -> Vec<super::Explanation> {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        let doc = Document::new("t", text);
        let (ex, why) = p.explain(&doc);
        // Explaining runs the same pipeline: the same claims as extract.
        assert_eq!(ex, p.extract(&doc));
        assert_eq!(why.len(), ex.claims.len());
        why
    }

    #[test]
    fn the_winner_is_the_first_rung_and_a_name_inside_the_quote_is_not_it() {
        let why = explain(
            "Nadia Voss ran the port for a decade. “Ruben Adler never called me,” she said.",
        );
        let q = why
            .iter()
            .find(|e| e.rule == RuleId::QuoteAfterSpeakerCue)
            .expect("the quote");
        let chosen: Vec<_> = q
            .candidates
            .iter()
            .filter(|k| k.verdict == Verdict::Chosen)
            .collect();
        assert_eq!(chosen.len(), 1);
        assert_eq!(chosen[0].name, "Nadia Voss");
        assert!(
            chosen[0]
                .evidence_for
                .iter()
                .any(|f| f.contains("refers back to Nadia Voss"))
        );
        let inside = q
            .candidates
            .iter()
            .find(|k| k.name == "Ruben Adler")
            .expect("the name inside the quote is listed");
        assert_eq!(inside.verdict, Verdict::NotProposed);
        assert!(inside.evidence_against[0].contains("inside the claim's own words"));
        assert!(q.decision.starts_with("rung "), "{}", q.decision);
        assert!(q.marks.is_some() && q.cue.is_some());
    }

    #[test]
    fn an_unattributed_quote_says_it_was_left_empty() {
        let why = explain("The mood was grim.\n\n“Nothing works here anymore.”");
        assert_eq!(why.len(), 1);
        assert_eq!(why[0].rule, RuleId::QuoteUnattributed);
        assert!(why[0].speaker.is_none());
        assert!(why[0].decision.contains("left empty rather than guessed"));
    }

    #[test]
    fn reported_speech_names_its_rule_and_the_others_in_the_sentence() {
        let why = explain("Ada Brook said the Harbor Authority had ignored the report.");
        assert_eq!(why.len(), 1);
        let e = &why[0];
        assert_eq!(e.candidates[0].verdict, Verdict::Chosen);
        assert_eq!(e.candidates[0].name, "Ada Brook");
        assert!(e.decision.starts_with(e.rule.as_str()));
        assert!(
            e.candidates
                .iter()
                .any(|k| k.verdict == Verdict::NotProposed)
        );
    }
}
