//! The rungs that read the quote's own sentence: a cue right after or right before the
//! quote, a cue elsewhere in its sentence, a transcript label, a dash credit, "as X put it".

use super::sieve::{
    AFTER_QUOTE_TOKENS, BEFORE_QUOTE_TOKENS, CUE_BEFORE_MAX_GAP, DASH_NAME_TOKENS, Hit, QuoteAt,
    SENTENCE_CUE_TOKENS, TRANSCRIPT_LABEL_TOKENS, UNKNOWN_NAME_TOKENS, cued, uncued,
};
use crate::lang::Class;
use crate::sources::{Found, Sources};
use crate::types::{EntityType, Span};

/// The token right after the closing mark, when only a comma or a dash separates them
/// inside the closing sentence: where "said Ada Brook" or "Ada Brook said" starts.
pub(super) fn right_after(at: &Sources, q: &QuoteAt) -> Option<usize> {
    let k = q.after;
    let seg = at.seg;
    let ok = k < seg.tokens.len()
        && seg.tokens[k].sentence() == q.s_close
        && !at.in_quote(seg.tokens[k].span().start)
        && at.text[q.q.outer.end..seg.tokens[k].span().start]
            .trim()
            .chars()
            .all(|c| matches!(c, ',' | '—' | '–' | '-'));
    ok.then_some(k)
}

/// “…,” said Ada Brook. / “…,” saying …: the cue right after the quote, the speaker after it
/// (or the clause's subject for a participle).
pub(super) fn after_cue_speaker(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let k = right_after(at, q)?;
    if !at.is_cue(k) {
        return None;
    }
    let skip = if at.is_according(k) { 2 } else { 1 };
    let f = if at.is_participle(k) {
        at.clause_subject(k)
    } else {
        at.final_objects(k + skip)
            .into_iter()
            .next()
            .or_else(|| at.role_then_name(k + skip, q.s_close))
    }?;
    Some(cued(at, f, k, true))
}

/// “…,” Ada Brook said. / “…,” Ola Berg, the firm's director, said: the speaker after the
/// quote, then the cue.
pub(super) fn after_speaker_cue(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let k = right_after(at, q)?;
    let seg = at.seg;
    for c in k + 1..(k + AFTER_QUOTE_TOKENS).min(seg.tokens.len()) {
        if seg.tokens[c].sentence() != q.s_close || at.in_quote(seg.tokens[c].span().start) {
            return None;
        }
        if !at.is_cue(c) {
            continue;
        }
        // A quote ending mid-sentence with no comma after it ("… “broke the story” of the
        // standoff, others argue") is inside its clause: only a speaker starting right after
        // it is the quote's.
        let embedded = at.text[q.q.outer.end..seg.tokens[k].span().start]
            .trim()
            .is_empty()
            && !q
                .q
                .content
                .of(at.text)
                .ends_with(['.', ',', '?', '!', ';', ':']);
        if let Some(f) = at.quote_subject(c)
            && f.start >= q.q.outer.end
            && !opens_clause(at, k, seg.token_at_or_after(f.start))
            && !(embedded && seg.token_at_or_after(f.start) > k)
        {
            return Some(cued(at, f, c, true));
        }
        // The name right after the quote, known or not.
        let named = match at.mention_at(k).filter(|m| m.etype == EntityType::Person) {
            Some(m) => {
                // "“…,” Ada Brook and Ola Berg wrote": the coordination as written.
                let mut f = at.named(m);
                let e = seg.token_at_or_after(m.span.end);
                let names_to_cue = e + 1 < c
                    && at.tok(e) == "and"
                    && c - (e + 1) <= UNKNOWN_NAME_TOKENS
                    && (e + 1..c).all(|t| seg.tokens[t].cap && at.sep(t).trim().is_empty());
                if names_to_cue {
                    f.end = seg.tokens[c - 1].span().end;
                }
                Some(f)
            }
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
        // (Inside its clause, a quote is the name's only when the cue follows the name.)
        let next = |f: &Found| seg.token_at_or_after(f.end);
        return named
            .filter(|f| !embedded || next(f) == c)
            .map(|f| cued(at, f, c, true));
    }
    None
}

/// A word opening a new clause among tokens `[a, b)`.
pub(super) fn opens_clause(at: &Sources, a: usize, b: usize) -> bool {
    (a..b).any(|t| at.is(t, Class::ClauseOpener))
}

/// “…,” Brook charged. / “…,” he continued.: a person and any verb closing the clause.
pub(super) fn after_speaker_verb(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let k = right_after(at, q)?;
    let f = at.person_then_verb(k, q.s_close)?;
    let verb = at.seg.token_at_or_after(f.end);
    Some(cued(at, f, verb, false))
}

/// Ada Brook said: “…” / according to Ada Brook, “…”: a cue right before the opening mark.
pub(super) fn cue_before(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    for c in (q.first..q.before_end).rev().take(BEFORE_QUOTE_TOKENS) {
        if at.in_quote(seg.tokens[c].span().start) {
            return None;
        }
        if !at.is_quote_cue(c) {
            continue;
        }
        let tail = &at.text[seg.tokens[c].full_end()..q.q.outer.start];
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
            at.quote_subject(c)
        }?;
        return Some(cued(at, f, c, true));
    }
    None
}

/// A cue after the quote that a new clause holds ("…” in response, and he urged"); "…,
/// according to X" closing the sentence attributes all of it and is not one.
fn in_later_clause(at: &Sources, q: &QuoteAt, c: usize) -> bool {
    c >= q.after && opens_clause(at, q.after, c) && !at.is_according(c)
}

/// X said they are “deeply worried”: a cue elsewhere in the quote's sentences, nearest first.
pub(super) fn sentence_cue(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let last = seg.sentences[q.s_close]
        .end_token
        .min(q.after + SENTENCE_CUE_TOKENS);
    let near_first = q
        .first
        .max(q.before_end.saturating_sub(SENTENCE_CUE_TOKENS));
    let mut cues: Vec<usize> = (near_first..last)
        .filter(|&c| !at.in_quote(seg.tokens[c].span().start) && at.is_quote_cue(c))
        .collect();
    // Nearest first, but a cue after the quote that a new clause holds ("…” in response,
    // and he urged", "…” when he said") after every other.
    let distance = |c: usize| seg.tokens[c].span().start.abs_diff(q.q.outer.start);
    cues.sort_by_key(|&c| (in_later_clause(at, q, c), distance(c)));
    let found = |c: usize| {
        if at.is_according(c) {
            at.objects(c + 2).into_iter().next()
        } else {
            // "said Ada Brook" in the middle of a sentence: only verbs a name follows; the
            // object of "tells his supporters" is who listens.
            at.quote_subject(c).or_else(|| {
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
            Some((b, bc)) if b.speaker.name != f.speaker.name && !in_later_clause(at, q, c) => {
                if distance(c) < 2 * distance(*bc) {
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

/// “BROOK: We are ready.”: a quoted transcript turn opens with its speaker's label.
pub(super) fn transcript(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let a = seg.token_at_or_after(q.q.content.start);
    let colon = (a..(a + TRANSCRIPT_LABEL_TOKENS).min(seg.tokens.len()))
        .take_while(|&t| seg.tokens[t].span().end <= q.q.content.end)
        .find(|&t| at.text[seg.tokens[t].full_end()..].starts_with(':'))?;
    // Only a label in capitals: "Note: …" is no speaker.
    if !(a..=colon).all(|t| at.tok(t).chars().all(|c| !c.is_lowercase())) {
        return None;
    }
    let f = at.speaker_phrase(a, colon + 1)?;
    Some(uncued(f, Some(":".to_string())))
}

/// The plan is, as Ada Brook put it, “…”: "as <source> put it" in the quote's sentence.
pub(super) fn as_put_it(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    // Within the tokens searched for a cue on each side of the quote (the quote's own words
    // are in quotation marks and never "put it"): a run-on sentence of many quotes must not
    // make the search quadratic.
    let end = seg.sentences[q.s_close].end_token;
    let last = end.min(q.after + SENTENCE_CUE_TOKENS);
    let near_first = q
        .first
        .max(q.before_end.saturating_sub(SENTENCE_CUE_TOKENS));
    let put = (near_first..q.before_end)
        .chain(q.after..last)
        .filter(|&t| t + 1 < end)
        .find(|&t| {
            at.tok(t) == "put" && at.tok(t + 1) == "it" && !at.in_quote(seg.tokens[t].span().start)
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
    let cue = Span::new(seg.tokens[put].span().start, seg.tokens[put + 1].span().end);
    Some(Hit {
        speaker: f,
        cue: Some(cue.of(at.text).to_string()),
        cue_span: Some(cue),
        spent: None,
    })
}

/// “…” ― Ada Brook, 61, a farmer: a dash after the closing mark and a name ending the line
/// (or followed by a comma) credit the quote.
pub(super) fn dash_credit(at: &Sources, q: &QuoteAt) -> Option<Hit> {
    let seg = at.seg;
    let rest = &at.text[q.q.outer.end..];
    let lead = rest.len() - rest.trim_start_matches([' ', '\u{a0}']).len();
    let dash_at = q.q.outer.end + lead;
    let dash = at.text[dash_at..].chars().next()?;
    if !matches!(dash, '―' | '—' | '–') {
        return None;
    }
    let cue = Span::new(dash_at, dash_at + dash.len_utf8());
    let k = seg.token_at_or_after(cue.end);
    // Where the line ends, looked for only as far as the name's words can reach: a long
    // line of dashes and quotes stays linear. (Past that horizon, the line's end is as good
    // as the horizon for every test below.)
    let horizon = seg
        .tokens
        .get(k + DASH_NAME_TOKENS)
        .map_or(at.text.len(), |t| t.span().start)
        .max(q.q.outer.end);
    let line_end = q.q.outer.end
        + memchr::memchr(b'\n', &at.text.as_bytes()[q.q.outer.end..horizon])
            .unwrap_or(horizon - q.q.outer.end);
    if k >= seg.tokens.len() || seg.tokens[k].span().start >= line_end {
        return None;
    }
    let mut e = k;
    while e < seg.tokens.len()
        && e < k + DASH_NAME_TOKENS
        && seg.tokens[e].cap
        && seg.tokens[e].span().end <= line_end
        && (e == k || at.sep(e - 1).trim_matches('.').trim().is_empty())
    {
        e += 1;
    }
    // The name ends the line, or a comma or full stop follows it.
    let after = at.text[seg.tokens[e - 1].full_end()..]
        .trim_start_matches(|c: char| c.is_whitespace() && c != '\n')
        .chars()
        .next();
    if e == k || !matches!(after, None | Some('\n' | ',' | '.')) {
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

#[cfg(test)]
mod tests {
    use crate::{Document, Gazetteers, Options, Pipeline};

    /// (content, speaker) of each claim of `text`.
    fn claims(text: &str) -> Vec<(String, String)> {
        let p = Pipeline::new(Gazetteers::builtin(), Options::default());
        p.extract(&Document::new("t", text))
            .claims
            .iter()
            .map(|c| {
                let s = c.speaker.as_ref().map_or("", |s| s.name.as_str());
                (c.content.of(text).to_string(), s.to_string())
            })
            .collect()
    }

    #[test]
    fn as_put_it_is_read_near_the_quote_only() {
        // Next to the quote, in a long sentence: found.
        let filler = "and the council met again ".repeat(20);
        let text = format!("The plan is, {filler}as Tom Keller put it, “a bridge to nowhere.”");
        assert_eq!(
            claims(&text),
            [("a bridge to nowhere.".into(), "Tom Keller".into())]
        );
    }

    #[test]
    fn dash_credit_on_a_long_line() {
        let tail = " and then more words on the same line".repeat(30);
        for (text, who) in [
            (
                "“The best mayor this town has had.” ― Nadia Farouk".to_string(),
                "Nadia Farouk",
            ),
            (
                "“I voted for change.” — Tom Keller, 61, a farmer".to_string(),
                "Tom Keller",
            ),
            (
                format!("“I voted for change.” — Tom Keller, 61,{tail}"),
                "Tom Keller",
            ),
            (
                format!("“I voted for change.” — Tom Keller\nNext line{tail}"),
                "Tom Keller",
            ),
            // The name must end the line or be followed by a comma or full stop.
            (
                format!("“I voted for change.” — Tom Keller went home{tail}"),
                "",
            ),
        ] {
            let got = claims(&text);
            assert_eq!(got[0].1, who, "{text}: {got:?}");
        }
    }
}
