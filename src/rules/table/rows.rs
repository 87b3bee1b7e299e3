//! Table lines, read as elements: names, numbers and result words, with the parentheses
//! that annotate a name ("( Norway )") or group a row's scorers; and the sides they name.

use crate::lang::Class;
use crate::segment::Segments;
use crate::types::Span;
use rustc_hash::FxHashSet as HashSet;

/// A parenthesis of at most this many capitalised words after a name annotates it
/// ("( Norway )", "( U.S. )"); a longer one is a group of its own ("( Ada Brook 12 )").
const MAX_ANNOTATION_WORDS: usize = 3;
/// A side has at most this many words: a longer capitalised run is a heading.
const MAX_SIDE_WORDS: usize = 5;
/// A parenthesis of one word of at most this many capitals tells two clubs of one name
/// apart, and is part of the name ("Mladost ( L )").
const MAX_CODE_LETTERS: usize = 2;

/// One element of a table line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum El {
    /// Capitalised words `[first, end)`: a candidate side.
    Name(usize, usize),
    /// A number, a score ("3-1", "197-8") or an ordinal ("61st").
    Num,
    /// A word between two sides ("beat", "v", "AT").
    Result,
    /// Any other word.
    Word,
}

#[derive(Debug, Clone, Copy)]
pub(super) struct Item {
    el: El,
    /// For a name followed by a code ("Mladost ( L )"), the byte end of the code.
    code_end: Option<usize>,
    /// Punctuation (`,` `;` `:` a parenthesis, or the line start) comes before it.
    sep: bool,
    /// A numbered entry's mark comes before it ("1." "6=" "13 -").
    numbered: bool,
    /// Inside a parenthesis group.
    inner: bool,
}

/// A side of a row: its tokens and whether it sits in a parenthesis group (scorers).
#[derive(Debug, Clone, Copy)]
pub(super) struct Side {
    pub first: usize,
    pub end: usize,
    pub code_end: Option<usize>,
    pub inner: bool,
    /// The line's block, for the vote.
    pub block: usize,
}

fn is_number(w: &str) -> bool {
    let b = w.as_bytes();
    if b.is_empty() || !b[0].is_ascii_digit() {
        return false;
    }
    // A date or a year is no score ("1996-08-30", "1997").
    let year =
        b.len() >= 4 && b[..4].iter().all(u8::is_ascii_digit) && matches!(&b[..2], b"19" | b"20");
    if year && (b.len() == 4 || b[4] == b'-') {
        return false;
    }
    let ordinal = ["st", "nd", "rd", "th"].iter().any(|o| w.ends_with(o))
        && w[..w.len() - 2].bytes().all(|c| c.is_ascii_digit());
    ordinal
        || w.bytes()
            .all(|c| c.is_ascii_digit() || c == b'-' || c == b'/')
}

/// The elements of the line holding tokens `[a, b)`.
pub(super) fn line_items(
    text: &str,
    seg: &Segments,
    (a, b): (usize, usize),
    line: Span,
    country: &HashSet<usize>,
) -> Vec<Item> {
    let toks = &seg.tokens;
    let gap = |i: usize| {
        let from = if i == a {
            line.start
        } else {
            toks[i - 1].full_end()
        };
        &text[from..toks[i].span().start]
    };
    let mut items: Vec<Item> = Vec::new();
    let mut depth = 0i32;
    let mut i = a;
    let mut after_annotation = false;
    while i < b {
        let g = gap(i);
        let opens = g.contains('(');
        // "( Norway )": up to three capitalised words closed before the next number.
        if opens && !items.is_empty() && matches!(items.last().unwrap().el, El::Name(..)) {
            let close = (i..b).find(|&k| {
                let after = if k + 1 < b {
                    gap(k + 1)
                } else {
                    &text[toks[k].full_end()..line.end]
                };
                after.contains(')')
            });
            if let Some(k) = close.filter(|&k| {
                k - i < MAX_ANNOTATION_WORDS
                    && (i..=k).all(|j| toks[j].cap && !is_number(toks[j].span().of(text)))
            }) {
                let code = toks[i].span().of(text);
                if k == i
                    && !country.contains(&i)
                    && code.len() <= MAX_CODE_LETTERS
                    && code.bytes().all(|c| c.is_ascii_uppercase())
                {
                    let close_at =
                        toks[k].full_end() + text[toks[k].full_end()..].find(')').unwrap_or(0) + 1;
                    items.last_mut().unwrap().code_end = Some(close_at);
                }
                i = k + 1;
                after_annotation = true;
                continue;
            }
        }
        let transparent = after_annotation && !g.contains([',', ';', ':', '(']);
        let closing = g.contains(')') && !after_annotation;
        after_annotation = false;
        depth += g.matches('(').count() as i32;
        if closing {
            depth -= g.matches(')').count() as i32;
        }
        depth = depth.max(0);
        let sep = !transparent && (i == a || g.contains([',', ';', ':', '(', ')']));
        let numbered = i > a
            && matches!(items.last().map(|x| x.el), Some(El::Num))
            && g.trim().len() == 1
            && g.trim().contains(['.', '=', '-']);
        let w = toks[i].span().of(text);
        let el = if is_number(w) {
            El::Num
        } else if toks[i].is(Class::ResultWord) && (!toks[i].cap || w.len() <= 2) {
            El::Result
        } else if toks[i].cap {
            // Capitalised words joined by single spaces, with particles between ("Queen of
            // South").
            let mut end = i + 1;
            loop {
                if end < b && gap(end) == " " {
                    let t = &toks[end];
                    let wd = t.span().of(text);
                    if t.cap && !is_number(wd) && !(t.is(Class::ResultWord) && wd.len() <= 2) {
                        end += 1;
                        continue;
                    }
                    if t.is(Class::NameParticle)
                        && end + 1 < b
                        && !country.contains(&(end + 1))
                        && gap(end + 1) == " "
                        && toks[end + 1].cap
                    {
                        end += 2;
                        continue;
                    }
                }
                break;
            }
            items.push(Item {
                el: El::Name(i, end),
                code_end: None,
                sep,
                numbered,
                inner: depth > 0,
            });
            i = end;
            continue;
        } else {
            El::Word
        };
        items.push(Item {
            el,
            code_end: None,
            sep,
            numbered,
            inner: depth > 0,
        });
        i += 1;
    }
    items
}

/// The sides of one line's elements. `plain(first, end)` says a name is a lone common word
/// (a label such as "Attendance" or a month), which no row names.
pub(super) fn sides_of(
    items: &[Item],
    block: usize,
    plain: &dyn Fn(usize, usize) -> bool,
    out: &mut Vec<Side>,
) {
    let name = |p: usize| {
        matches!(items.get(p).map(|x| x.el),
            Some(El::Name(f, e)) if e - f <= MAX_SIDE_WORDS && !plain(f, e))
    };
    // Opens its clause: only numbers (a rank) since the line start or a separator.
    let opens_clause = |p: usize| {
        let mut q = p;
        loop {
            if items[q].sep {
                return true;
            }
            if q == 0 || items[q - 1].el != El::Num {
                return false;
            }
            q -= 1;
        }
    };
    // The clause goes on with a score, or ends.
    let ends_or_scores = |p: usize| items.get(p).is_none_or(|n| n.sep || n.el == El::Num);
    let mut result_side = vec![false; items.len()];
    for p in 0..items.len() {
        // "Leeds beat Hull 2-1", "LEEDS AT HULL", "Leeds v Hull": a clause of two sides.
        if name(p)
            && opens_clause(p)
            && items
                .get(p + 1)
                .is_some_and(|r| r.el == El::Result && !r.sep)
            && name(p + 2)
            && !items[p + 2].sep
            && ends_or_scores(p + 3)
        {
            result_side[p] = true;
            result_side[p + 2] = true;
        }
    }
    for (p, it) in items.iter().enumerate() {
        let El::Name(first, end) = it.el else {
            continue;
        };
        if !name(p) {
            continue;
        }
        let prev = p.checked_sub(1).map(|q| items[q]);
        let opener = it.sep || prev.is_some_and(|q| q.el == El::Num);
        let scored = items.get(p + 1).is_some_and(|n| !n.sep && n.el == El::Num);
        if (opener && scored) || it.numbered || result_side[p] {
            out.push(Side {
                first,
                end,
                code_end: it.code_end,
                inner: it.inner,
                block,
            });
        }
    }
}
