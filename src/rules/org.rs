//! Organisation rules: capitalised names ending in an organisation noun, "X administration",
//! "the X company", "X party", "X ©", and acronyms of organisations named in the document.

use super::{Ctx, Run};
use crate::matcher::Candidate;
use crate::types::{EntityType, Source, Span};
use crate::words::Words;

pub const HEAD: &str = "org.head";
pub const ADMINISTRATION: &str = "org.administration";
pub const COMPANY: &str = "org.company";
pub const PARTY: &str = "org.party";
pub const COPYRIGHT: &str = "org.copyright";
pub const ACRONYM: &str = "org.acronym";
pub const STATION: &str = "org.station";

/// Newspaper names that "The" completes: "The Times", "The Post".
#[rustfmt::skip]
static PAPERS: Words = Words::new(&[
    "Times", "Post", "Guardian", "Telegraph", "Economist", "Atlantic", "Globe", "Herald", "Tribune",
    "Journal",
]);

/// Nouns that end an organisation's name.
#[rustfmt::skip]
static HEADS: Words = Words::new(&[
    "Agency", "Administration", "Association", "Authority", "Bank", "Board", "Bureau", "Command",
    "Commission", "Committee", "Company", "Corp.", "Corporation", "Council", "Court", "Department",
    "Directorate", "Embassy", "Consulate", "Federation", "Forces", "Foundation", "Fund", "Group",
    "Inc.", "Institute", "Institution", "League", "Ltd.", "Ministry", "Organization",
    "Organisation", "Party", "Police", "Service", "Services", "Society", "Union", "University",
    "College", "School", "Academy", "Office", "Corps", "Guard", "Network", "Centre", "Center",
    "Coalition", "Alliance", "Club", "Times", "Post", "Tribune", "Journal", "Herald", "Gazette",
    "Inc", "Corp", "LLC", "Ltd", "Co.", "Partners", "Holdings", "Airlines", "Airways", "Motors",
    "Industries", "Technologies", "Systems", "Labs", "Cabinet", "Parliament", "Assembly",
    "Congress", "Senate", "Secretariat", "Tribunal", "Brigade", "Battalion", "Regiment", "Division",
    "Fleet", "Army", "Navy", "Caucus", "Movement", "Front", "Church", "Hospital", "Museum", "Trust",
    "Exchange", "Reserve", "Initiative", "Project", "Program", "Programme", "Campaign", "Festival",
    "Conference", "Summit", "Forum", "Review", "Magazine", "Press", "Radio", "Television", "TV",
    "Studios", "Records", "Hall", "Airport", "Stadium", "Station", "Bridge", "Award",
    "PAC",
]);

/// Nouns after "the X" that say X is an organisation.
#[rustfmt::skip]
static KIND_NOUNS: Words = Words::new(&[
    "company", "firm", "corporation", "conglomerate", "group", "network", "agency", "bank",
    "outlet", "newspaper", "broadcaster", "channel", "startup", "automaker", "carrier", "airline",
    "retailer", "manufacturer", "lender", "insurer", "publisher", "platform", "militia",
    "organization", "charity",
]);

/// True when `w` ends organisation names ("Committee", "Inc.").
pub fn is_head(w: &str) -> bool {
    HEADS.contains(&w)
}

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
            && PAPERS.contains(&ctx.tok(s))
        {
            out.push(org(ctx, run.first, run.end, HEAD));
            continue;
        }
        let last = run.end - 1;
        let last_w = ctx.tok(last);
        // In a sports report, club names: "Stoke City", "Bristol Rovers".
        if super::team::CLUB_HEADS.contains(&last_w)
            && ctx.is_sports_report()
            && last > s
            && !ctx.token(s).possessive
        {
            out.push(org(ctx, s, run.end, super::team::TEAM));
            continue;
        }
        // (At most six words: a title-case headline is not an organisation's name.)
        if is_head(last_w) && last > s && run.end - s <= 6 && !ctx.token(s).possessive {
            out.push(org(ctx, s, run.end, HEAD));
            continue;
        }
        match ctx.next_word(last) {
            Some("administration" | "government" | "regime") if run.end - s <= 3 => {
                out.push(org_to(ctx, s, ctx.token(last + 1).span.end, ADMINISTRATION));
            }
            Some("party" | "Party") if !ctx.lex.is_demonym(last_w) => {
                out.push(org_to(ctx, s, ctx.token(last + 1).span.end, PARTY));
            }
            _ => {}
        }
        // "the Zeta aerospace company": up to two lower-case words before the kind noun.
        if s > 0 && ctx.prev_word(s) == Some("the") {
            let mut j = run.end;
            let mut lower = 0;
            while j < ctx.seg.tokens.len() && ctx.adjacent(j - 1) && !ctx.token(j).cap && lower < 3
            {
                if KIND_NOUNS.contains(&ctx.tok(j)) {
                    out.push(org(ctx, s, run.end, COMPANY));
                    break;
                }
                lower += 1;
                j += 1;
            }
        }
        let after = &ctx.text[ctx.token(last).full_end..];
        if after.starts_with(" ©") || after.starts_with(" (c)") {
            out.push(org(ctx, s, run.end, COPYRIGHT));
        }
    }
    out
}

/// Skips plain words that open a run ("The", "But", demonyms stay: "Mexican Embassy").
fn lead(ctx: &Ctx, run: Run) -> usize {
    let mut s = run.first;
    while s < run.end
        && matches!(
            ctx.tok(s),
            "The"
                | "A"
                | "An"
                | "But"
                | "And"
                | "In"
                | "At"
                | "On"
                | "For"
                | "Because"
                | "When"
                | "While"
                | "If"
                | "As"
                | "After"
                | "Before"
                | "Since"
                | "Although"
                | "So"
                | "Yet"
                | "Or"
                | "By"
                | "With"
                | "From"
                | "To"
                | "Of"
                | "That"
                | "This"
                | "Why"
                | "How"
                | "What"
                | "Where"
        )
    {
        s += 1;
    }
    s
}

fn org(ctx: &Ctx, a: usize, b: usize, rule: &'static str) -> Candidate {
    org_to(ctx, a, ctx.token(b - 1).span.end, rule)
}

fn org_to(ctx: &Ctx, a: usize, end: usize, rule: &'static str) -> Candidate {
    Candidate {
        span: Span::new(ctx.token(a).span.start, end),
        etype: EntityType::Org,
        source: Source::Rule(rule),
        gaz: None,
        role: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::gazetteer::Lexicon;
    use crate::segment::segment;

    fn orgs(text: &str) -> Vec<(String, &'static str)> {
        let seg = segment(text);
        let mut lex = Lexicon::default();
        lex.demonyms.insert("Mexican".into());
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
        let cases: &[(&str, &str, &str)] = &[
            (
                "She told the Senate Finance Committee in May.",
                "Senate Finance Committee",
                HEAD,
            ),
            (
                "The Mexican Embassy did not reply.",
                "Mexican Embassy",
                HEAD,
            ),
            (
                "He led U.S. Southern Command until 2020.",
                "U.S. Southern Command",
                HEAD,
            ),
            (
                "The Okafor administration denied it.",
                "Okafor administration",
                ADMINISTRATION,
            ),
            (
                "It worked for the Zeta aerospace company then.",
                "Zeta",
                COMPANY,
            ),
            ("It is led by the Verde party now.", "Verde party", PARTY),
            ("KLMNews © 2025", "KLMNews", COPYRIGHT),
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
                .any(|(n, r)| n == "Dunmore Rovers" && *r == crate::rules::team::TEAM)
        );
        assert!(
            orgs("The Dunmore Rovers walked the hills on Sunday.")
                .iter()
                .all(|(n, _)| n != "Dunmore Rovers")
        );
    }
}
