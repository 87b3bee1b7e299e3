//! Which of overlapping candidates become mentions: leftmost-longest, and a user rule's
//! match over the built-in candidates it is at least as long as.

use crate::types::{Candidate, EntityType, Source};

/// Settles overlapping candidates. Built-in candidates go leftmost-longest; on equal spans a
/// gazetteer match beats a person rule, which beats another rule.
///
/// A user rule's match is the user's instruction, and wins over every built-in candidate it
/// overlaps that is no longer than it: those are dropped first (the user rules' matches
/// having been settled among themselves leftmost-longest, the earlier rule winning a tie).
/// A built-in candidate longer than the user match stays, and leftmost-longest decides
/// between the two. A gazetteer match of the very span and type a user match has gives the
/// user match its row, so that the mention keeps the gazetteer's entity id.
pub fn select(cands: Vec<Candidate>) -> Vec<Candidate> {
    if !cands.iter().any(|c| c.source.is_user()) {
        return leftmost_longest(cands);
    }
    let (user, mut others): (Vec<Candidate>, Vec<Candidate>) =
        cands.into_iter().partition(|c| c.source.is_user());
    let mut user = leftmost_longest(user);
    others.retain(|c| {
        let from = user.partition_point(|u| u.span.end <= c.span.start);
        let over = user[from..]
            .iter_mut()
            .take_while(|u| u.span.start < c.span.end)
            .find(|u| u.span.len() >= c.span.len());
        match over {
            Some(u) => {
                if u.span == c.span && u.etype == c.etype && u.gaz.is_none() {
                    u.gaz = c.gaz;
                }
                false
            }
            None => true,
        }
    });
    others.extend(user);
    leftmost_longest(others)
}

fn leftmost_longest(mut cands: Vec<Candidate>) -> Vec<Candidate> {
    let prio = |c: &Candidate| match c.source {
        Source::User(_) => 0,
        Source::Gazetteer => 1,
        Source::Rule(_) if c.etype == EntityType::Person => 2,
        Source::Rule(_) => 3,
    };
    cands.sort_by(|a, b| {
        a.span
            .start
            .cmp(&b.span.start)
            .then(b.span.len().cmp(&a.span.len()))
            .then(prio(a).cmp(&prio(b)))
    });
    let mut out: Vec<Candidate> = Vec::with_capacity(cands.len());
    for c in cands {
        if let Some(l) = out.last_mut().filter(|l| l.span.end > c.span.start) {
            // A rule that found the same name with its title ("Rep. Ada Brook") keeps the
            // title as the role of the list's match.
            if l.span == c.span && l.etype == c.etype && l.role.is_none() {
                l.role = c.role;
            }
            continue;
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::registry::RuleId;
    use crate::types::Span;

    fn c(s: usize, e: usize, source: Source) -> Candidate {
        Candidate {
            span: Span::new(s, e),
            etype: EntityType::Loc,
            source,
            gaz: None,
            role: None,
            entity: (),
        }
    }

    fn spans(got: &[Candidate]) -> Vec<(usize, usize, Source)> {
        got.iter()
            .map(|c| (c.span.start, c.span.end, c.source))
            .collect()
    }

    #[test]
    fn select_prefers_longest_then_gazetteer() {
        let got = select(vec![
            c(8, 14, Source::Gazetteer),
            c(0, 14, Source::Rule(RuleId::OrgHead)),
            c(20, 25, Source::Rule(RuleId::OrgTeam)),
            c(20, 25, Source::Gazetteer),
        ]);
        assert_eq!(got.len(), 2);
        assert_eq!(got[0].span, Span::new(0, 14));
        assert_eq!(got[1].source, Source::Gazetteer);
    }

    #[test]
    fn a_user_match_beats_what_it_is_at_least_as_long_as() {
        let (op, ship) = (Source::User("user.op"), Source::User("user.ship"));
        let head = Source::Rule(RuleId::OrgHead);
        let got = select(vec![
            // An earlier, shorter built-in candidate that overlaps: the user match wins.
            c(0, 6, head),
            c(4, 12, op),
            // The same span as a gazetteer match.
            c(20, 26, Source::Gazetteer),
            c(20, 26, ship),
            // A longer built-in candidate wins.
            c(30, 34, op),
            c(30, 40, head),
        ]);
        assert_eq!(spans(&got), [(4, 12, op), (20, 26, ship), (30, 40, head)]);
    }

    #[test]
    fn a_longer_built_in_candidate_only_wins_from_the_left() {
        let op = Source::User("user.op");
        let head = Source::Rule(RuleId::OrgHead);
        // Leftmost-longest between the two: the user match starts first.
        let got = select(vec![c(0, 5, op), c(3, 12, head)]);
        assert_eq!(spans(&got), [(0, 5, op)]);
        let got = select(vec![c(0, 9, head), c(3, 8, op)]);
        assert_eq!(spans(&got), [(0, 9, head)]);
    }

    #[test]
    fn user_matches_settle_among_themselves_first() {
        let (a, b) = (Source::User("user.a"), Source::User("user.b"));
        // b's longer match loses to a's leftmost one, so the gazetteer match that only b
        // covered stays.
        let got = select(vec![c(0, 6, a), c(4, 20, b), c(14, 18, Source::Gazetteer)]);
        assert_eq!(spans(&got), [(0, 6, a), (14, 18, Source::Gazetteer)]);
        // On one span the rule listed first (found first) wins.
        let got = select(vec![c(0, 6, b), c(0, 6, a)]);
        assert_eq!(spans(&got), [(0, 6, b)]);
    }

    #[test]
    fn a_user_match_of_a_gazetteer_span_and_type_takes_its_row() {
        let mut gaz = c(0, 6, Source::Gazetteer);
        gaz.gaz = Some(7);
        let user = c(0, 6, Source::User("user.x"));
        let got = select(vec![gaz.clone(), user.clone()]);
        assert_eq!(
            (got[0].source, got[0].gaz),
            (Source::User("user.x"), Some(7))
        );
        let mut user_org = user;
        user_org.etype = EntityType::Org;
        let got = select(vec![gaz, user_org]);
        assert_eq!((got[0].etype, got[0].gaz), (EntityType::Org, None));
    }

    #[test]
    fn a_gazetteer_match_keeps_the_role_a_rule_found_on_its_span() {
        let span = Span::new(5, 14);
        let gaz = Candidate {
            span,
            etype: EntityType::Person,
            source: Source::Gazetteer,
            gaz: Some(0),
            role: None,
            entity: (),
        };
        let titled = Candidate::from_rule(
            span,
            EntityType::Person,
            RuleId::PersonTitle,
            Some("Rep.".into()),
        );
        let got = select(vec![titled, gaz]);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].source, Source::Gazetteer);
        assert_eq!(got[0].role.as_deref(), Some("Rep."));
    }
}
