//! Organisation rules: capitalised names ending in an organisation noun, "X administration",
//! "the X company", "X party", "X ©", and acronyms of organisations named in the document.

use super::{Ctx, Run};
use crate::lang::Class;
use crate::registry::RuleId;
use crate::types::{Candidate, EntityType, Span};

/// An organisation's name has at most this many words: a title-case headline is not one.
const MAX_ORG_WORDS: usize = 6;
/// Lower-case words between "the X" and its kind noun ("the Zeta aerospace company").
const MAX_KIND_GAP: usize = 3;
/// Words of a name right after its kind noun ("carrier Air Zeta").
const MAX_KIND_NAME_WORDS: usize = 3;
/// Words of "X administration" before the noun.
const MAX_ADMINISTRATION_WORDS: usize = 3;

pub fn find(ctx: &Ctx, runs: &[Run]) -> Vec<Candidate> {
    let mut out = Vec::new();
    for &run in runs {
        let s = lead(ctx, run);
        if s >= run.end {
            continue;
        }
        if s == run.first + 1
            && s + 1 == run.end
            && ctx.tok(run.first) == "The"
            && ctx.is(s, Class::Newspaper)
        {
            out.push(org(ctx, run.first, run.end, RuleId::OrgHead));
            continue;
        }
        let last = run.end - 1;
        // In a sports report, club names: "Stoke City", "Bristol Rovers".
        if ctx.is(last, Class::ClubHead)
            && ctx.is_sports_report()
            && last > s
            && !ctx.token(s).possessive()
        {
            out.push(org(ctx, s, run.end, RuleId::OrgTeam));
            continue;
        }
        // (At most six words: a title-case headline is not an organisation's name.)
        if ctx.is(last, Class::OrgHead)
            && last > s
            && run.end - s <= MAX_ORG_WORDS
            && !ctx.token(s).possessive()
        {
            out.push(org(ctx, s, run.end, RuleId::OrgHead));
            continue;
        }
        if ctx.next_word(last).is_some() {
            let after = ctx.token(last + 1);
            if after.is(Class::GovernmentNoun) && run.end - s <= MAX_ADMINISTRATION_WORDS {
                out.push(org_to(ctx, s, after.span().end, RuleId::OrgAdministration));
            } else if matches!(ctx.tok(last + 1), "party" | "Party")
                && !ctx.is(last, Class::Demonym)
            {
                out.push(org_to(ctx, s, after.span().end, RuleId::OrgParty));
            }
        }
        // "the Zeta aerospace company": up to two lower-case words before the kind noun.
        if s > 0 && ctx.prev_word(s) == Some("the") {
            let mut j = run.end;
            let mut lower = 0;
            while j < ctx.seg.tokens.len()
                && ctx.adjacent(j - 1)
                && !ctx.token(j).cap
                && lower < MAX_KIND_GAP
            {
                if ctx.is(j, Class::OrgKind) {
                    out.push(org(ctx, s, run.end, RuleId::OrgCompany));
                    break;
                }
                lower += 1;
                j += 1;
            }
        }
        // "tyre giant Pirelli", "the Dutch bank Rabobank": a kind noun right before the name.
        // (The name stops at a weekday or a month: "network ZTV Friday".)
        let kind_end = (s..run.end)
            .find(|&j| ctx.is(j, Class::NeverPlace))
            .unwrap_or(run.end);
        if s == run.first
            && s > 0
            && kind_end > s
            && kind_end - s <= MAX_KIND_NAME_WORDS
            && ctx.tok(s).chars().count() >= 2
            && ctx.prev_word(s).is_some()
            && !ctx.token(s - 1).cap
            && ctx.is(s - 1, Class::OrgKind)
            && ![Class::GivenName, Class::Demonym, Class::Occupation]
                .iter()
                .any(|&c| ctx.is(s, c))
            && !ctx.lex.honorific_index.contains_key(ctx.tok(s))
        {
            out.push(org(ctx, s, kind_end, RuleId::OrgKindBefore));
        }
        let after = &ctx.text[ctx.token(last).full_end()..];
        if after.starts_with(" ©") || after.starts_with(" (c)") {
            out.push(org(ctx, s, run.end, RuleId::OrgCopyright));
        }
    }
    out
}

/// Skips plain words that open a run ("The", "But"; demonyms stay: "Mexican Embassy").
fn lead(ctx: &Ctx, run: Run) -> usize {
    let mut s = run.first;
    while s < run.end && ctx.is(s, Class::OrgLead) {
        s += 1;
    }
    s
}

fn org(ctx: &Ctx, a: usize, b: usize, rule: RuleId) -> Candidate {
    org_to(ctx, a, ctx.token(b - 1).span().end, rule)
}

fn org_to(ctx: &Ctx, a: usize, end: usize, rule: RuleId) -> Candidate {
    let span = Span::new(ctx.token(a).span().start, end);
    Candidate::from_rule(span, EntityType::Org, rule, None)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;
    use crate::types::Source;

    fn orgs(text: &str) -> Vec<(String, RuleId)> {
        let lex = crate::Gazetteers::builtin().language;
        let seg = segment(text, &lex);
        let ctx = Ctx::new(text, &seg, &lex);
        find(&ctx, &super::super::runs(&ctx))
            .into_iter()
            .map(|c| {
                let Source::Rule(r) = c.source else {
                    unreachable!()
                };
                (c.span.of(text).to_string(), r)
            })
            .collect()
    }

    #[test]
    fn table() {
        let cases: &[(&str, &str, RuleId)] = &[
            (
                "She told the Senate Finance Committee in May.",
                "Senate Finance Committee",
                RuleId::OrgHead,
            ),
            (
                "The Mexican Embassy did not reply.",
                "Mexican Embassy",
                RuleId::OrgHead,
            ),
            (
                "He led U.S. Southern Command until 2020.",
                "U.S. Southern Command",
                RuleId::OrgHead,
            ),
            (
                "The Okafor administration denied it.",
                "Okafor administration",
                RuleId::OrgAdministration,
            ),
            (
                "It worked for the Zeta aerospace company then.",
                "Zeta",
                RuleId::OrgCompany,
            ),
            (
                "It is led by the Verde party now.",
                "Verde party",
                RuleId::OrgParty,
            ),
            ("KLMNews © 2025", "KLMNews", RuleId::OrgCopyright),
        ];
        for (text, name, rule) in cases {
            let got = orgs(text);
            assert!(
                got.iter().any(|(n, r)| n == name && r == rule),
                "{text}: got {got:?}"
            );
        }
    }

    #[test]
    fn club_names_in_sports_reports_only() {
        let sports =
            "Soccer results. Midfield goals decided the league match: Dunmore Rovers beat Kelso.";
        assert!(
            orgs(sports)
                .iter()
                .any(|(n, r)| n == "Dunmore Rovers" && *r == RuleId::OrgTeam)
        );
        assert!(
            orgs("The Dunmore Rovers walked the hills on Sunday.")
                .iter()
                .all(|(n, _)| n != "Dunmore Rovers")
        );
    }
}
