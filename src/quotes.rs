//! Stage 6: find quotations in every quotation-mark style and tell speech from titles,
//! scare quotes and nicknames. Apostrophes (don’t, Russia’s, ’90s, the Smiths’) never open
//! a quote; a quote may run over paragraphs when each one reopens it; an unclosed mark is
//! cut at its paragraph's end with a warning.

use crate::lang::{Class, Language};
use crate::segment::Segments;
use crate::types::{Quote, QuoteKind, Span, Warning};

/// The marks that may close a quote opened by `open`.
fn closers(open: char) -> &'static [char] {
    match open {
        '“' => &['”', '"'],
        '„' => &['“', '”'],
        '«' => &['»'],
        '»' => &['«'],
        '‹' => &['›'],
        '›' => &['‹'],
        '「' => &['」'],
        '『' => &['』'],
        '‘' => &['’'],
        '‚' => &['‘', '’'],
        // Mixed marks happen in real text: "…” and “…".
        '"' => &['"', '”'],
        '\'' => &['\''],
        '”' => &['”'],
        _ => &[],
    }
}

/// Single marks double as apostrophes: they pair within one paragraph only and never warn.
fn is_single(open: char) -> bool {
    matches!(open, '‘' | '‚' | '\'' | '‹' | '›')
}

/// Bytes that can begin a quotation mark or a newline: `"`, `'`, `\n`, and the UTF-8 lead
/// bytes of « » (C2), “ ” ‘ ’ „ ‚ ‹ › (E2) and 「 」 『 』 (E3).
static MAY_START_MARK: [bool; 256] = {
    let mut t = [false; 256];
    t[b'"' as usize] = true;
    t[b'\'' as usize] = true;
    t[b'\n' as usize] = true;
    t[0xC2] = true;
    t[0xE2] = true;
    t[0xE3] = true;
    t
};

/// Quotes nest a few levels at most; deeper marks are read as text, which keeps the
/// closing-mark search short on text made of marks.
const MAX_DEPTH: usize = 8;

struct Open {
    mark: char,
    at: usize,
    content: usize,
}

/// Finds every outermost quotation in `text`. Nested quotations stay inside their outer one.
pub fn find(text: &str, warnings: &mut Vec<Warning>) -> Vec<Quote> {
    let mut out = Vec::new();
    let mut stack: Vec<Open> = Vec::new();
    let bytes = text.as_bytes();
    let mut i = 0;
    // Jump from one byte that may start a mark (or a newline) to the next.
    while let Some(off) = bytes[i..].iter().position(|&b| MAY_START_MARK[b as usize]) {
        i += off;
        let c = text[i..].chars().next().unwrap_or('\0');
        let next = text[i + c.len_utf8()..].chars().next();
        let prev = text[..i].chars().next_back();
        if c == '\n' {
            if !stack.is_empty() {
                // Continue only when the next paragraph reopens with the outermost mark.
                let rest = &text[i..];
                let skip = rest.len() - rest.trim_start().len();
                let mark = stack[0].mark;
                if !is_single(mark) && rest.trim_start().starts_with(mark) {
                    // A quote running over paragraphs: each paragraph is a quote of its own
                    // (one speaker turn each in a transcript; later ones continue the first).
                    let o = &stack[0];
                    let end = text[..i].trim_end().len().max(o.content);
                    out.push(Quote {
                        content: Span::new(o.content, end),
                        outer: Span::new(o.at, end),
                        kind: QuoteKind::Direct,
                        unclosed: false,
                        continues: true,
                    });
                    stack.truncate(1);
                    stack[0].at = i + skip;
                    stack[0].content = i + skip + mark.len_utf8();
                    i += skip + mark.len_utf8();
                    continue;
                }
                let o = &stack[0];
                if !is_single(o.mark) {
                    warnings.push(Warning {
                        offset: o.at,
                        message: format!(
                            "unclosed quotation mark {}: quote cut at the end of its paragraph",
                            o.mark
                        ),
                    });
                    let end = text[..i].trim_end().len().max(o.content);
                    out.push(Quote {
                        content: Span::new(o.content, end),
                        outer: Span::new(o.at, end),
                        kind: QuoteKind::Direct,
                        unclosed: true,
                        continues: false,
                    });
                }
                stack.clear();
            }
            i += 1;
            continue;
        }
        let closes = stack
            .iter()
            .rposition(|o| closers(o.mark).contains(&c) && close_ok(o.mark, c, next));
        if let Some(pos) = closes {
            if pos == 0 {
                let o = &stack[0];
                out.push(Quote {
                    content: Span::new(o.content, i),
                    outer: Span::new(o.at, i + c.len_utf8()),
                    kind: QuoteKind::Direct,
                    unclosed: false,
                    continues: false,
                });
            }
            stack.truncate(pos);
        } else if stack.len() < MAX_DEPTH && open_ok(c, prev, next, stack.is_empty()) {
            stack.push(Open {
                mark: c,
                at: i,
                content: i + c.len_utf8(),
            });
        }
        i += c.len_utf8();
    }
    if let Some(o) = stack.first()
        && !is_single(o.mark)
    {
        warnings.push(Warning {
            offset: o.at,
            message: format!(
                "unclosed quotation mark {}: quote cut at the end of the text",
                o.mark
            ),
        });
        let end = text.trim_end().len().max(o.content);
        out.push(Quote {
            content: Span::new(o.content, end),
            outer: Span::new(o.at, end),
            kind: QuoteKind::Direct,
            unclosed: true,
            continues: false,
        });
    }
    out.retain(|q| !q.content.of(text).trim().is_empty());
    for q in &mut out {
        let c = q.content.of(text);
        q.content = Span::new(
            q.content.start + (c.len() - c.trim_start().len()),
            q.content.start + c.trim_end().len(),
        );
    }
    out
}

fn open_ok(c: char, prev: Option<char>, next: Option<char>, outermost: bool) -> bool {
    let prev_word = prev.is_some_and(|p| p.is_alphanumeric());
    let next_space = next.is_none_or(char::is_whitespace);
    match c {
        '“' | '„' | '「' | '『' => !next_space,
        // French guillemets take a (thin) space inside.
        '«' | '‹' => true,
        // Danish/Swedish style »…« and ”…” only open when nothing is open.
        '»' | '›' | '”' => {
            outermost && !prev_word && !next_space && prev.is_none_or(char::is_whitespace)
        }
        '‘' | '‚' => {
            !prev_word
                && next.is_some_and(|n| n.is_alphanumeric() || n == '“' || n == '"')
                && !next.is_some_and(|n| n.is_ascii_digit())
        }
        '"' => !prev_word && !next_space,
        '\'' => {
            prev.is_none_or(|p| p.is_whitespace() || matches!(p, '(' | '[' | '—' | '“' | '"'))
                && next.is_some_and(char::is_alphabetic)
        }
        _ => false,
    }
}

fn close_ok(open: char, c: char, next: Option<char>) -> bool {
    match c {
        // ’ and ' inside a word are apostrophes: "don’t" within ‘…’.
        '’' | '\'' => !next.is_some_and(|n| n.is_alphanumeric()),
        '‘' if open == '‚' => !next.is_some_and(|n| n.is_alphanumeric()),
        _ => true,
    }
}

/// Sorts each quote into direct, partial, title, term or nickname.
pub fn classify(text: &str, seg: &Segments, lang: &Language, quotes: &mut [Quote]) {
    for q in quotes.iter_mut() {
        q.kind = kind_of(text, seg, lang, q);
    }
}

/// Bytes of context read on each side of a quote when classifying it.
const WINDOW: usize = 400;
/// Words before a quote searched for a noun that makes it a title ("the book").
const WORK_NOUN_WORDS: usize = 6;

fn floor_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn ceil_char(text: &str, mut i: usize) -> usize {
    while !text.is_char_boundary(i) {
        i += 1;
    }
    i
}

fn kind_of(text: &str, seg: &Segments, lang: &Language, q: &Quote) -> QuoteKind {
    let content = q.content.of(text);
    // Every test below of the number of words is "at most 10" or less, and the words are
    // read only under those tests (`all_caps_words` counts under `title_case`, n <= 10):
    // the first 11 words tell, and a long quote is not split to its end.
    let words: Vec<&str> = content.split_whitespace().take(11).collect();
    let n = words.len();
    // Context is read in a bounded window, so a 10 MB line of quotes stays linear.
    let lo = floor_char(text, q.outer.start.saturating_sub(WINDOW));
    let hi = ceil_char(text, (q.outer.end + WINDOW).min(text.len()));
    let before_line = &text[lo..q.outer.start];
    let before_line = &before_line[before_line.rfind('\n').map_or(0, |p| p + 1)..];
    let after = &text[q.outer.end..hi];
    let after_line = &after[..after.find('\n').unwrap_or(after.len())];
    let prev_word = before_line.split_whitespace().next_back().unwrap_or("");
    let next_word = after_line.split_whitespace().next().unwrap_or("");
    let cap = |w: &str| w.starts_with(char::is_uppercase);
    // Ruth “Rudi” Okafor: capitalised words on both sides, no space-free punctuation.
    if n <= 2
        && words
            .iter()
            .all(|w| cap(w) && w.chars().all(char::is_alphabetic))
        && before_line.ends_with(' ')
        && after_line.starts_with(' ')
        && cap(prev_word)
        && cap(next_word)
        && prev_word.chars().all(char::is_alphabetic)
    {
        return QuoteKind::Nickname;
    }
    let lower_prev = prev_word.trim_end_matches([',', ':']).to_lowercase();
    let sentence = seg.sentences[seg.sentence_at(q.outer.start)].span;
    let sent_end = seg.sentences[seg.sentence_at(q.outer.end.saturating_sub(1))]
        .span
        .end;
    // The sentence's words before and after the quote.
    let outside = [
        &text[sentence.start.max(lo)..q.outer.start],
        &text[q.outer.end..sent_end.max(q.outer.end).min(hi)],
    ];
    // Looked up only when a test below needs it (a word at a time, in a large table), and
    // then once.
    let mut cue = None;
    let mut has_cue = || {
        *cue.get_or_insert_with(|| {
            outside
                .iter()
                .flat_map(|part| part.split(|c: char| !c.is_alphanumeric()))
                .any(|w| {
                    let c = lang.classes(w);
                    c.has(Class::Speech) || c.has(Class::Framing) || w == "according"
                })
        })
    };
    // (`find` drops quotes of only white space, so a first word exists; `first` keeps a
    // later change to that from becoming a panic.)
    let title_case = n <= 10
        && words.first().is_some_and(|w| cap(w))
        && words
            .iter()
            .filter(|w| w.chars().count() >= 4)
            .all(|w| cap(w) || w.starts_with(|c: char| !c.is_alphabetic()));
    let recent = before_line
        .rsplit(['.', '!', '?'])
        .next()
        .unwrap_or("")
        .to_lowercase();
    let near_work = || {
        recent
            .split(|c: char| !c.is_alphanumeric())
            .rev()
            .take(WORK_NOUN_WORDS)
            .any(|x| lang.is(x, Class::WorkNoun))
    };
    // Title case over every longer word: a headline, a show or a book, not speech.
    let all_caps_words = words.iter().filter(|w| w.chars().count() >= 4).count() >= 2;
    // A short capitalised name after "on", "told" or a possessive ("on MSNBC's “Morning
    // Joe”", "told “Fox and Friends”"): a show or a paper, not someone's words.
    let names_a_work = n <= 5
        && words
            .iter()
            .all(|w| cap(w) || (w.len() <= 3 && w.chars().all(char::is_lowercase)))
        && (lang.is(&lower_prev, Class::WorkLead)
            || prev_word.ends_with("’s")
            || prev_word.ends_with("'s"));
    if title_case
        && (names_a_work
            || after_line.starts_with(':')
            || (all_caps_words && n <= 8)
            || near_work()
            || (!content.ends_with(['.', '?', '!', ',']) && !has_cue()))
    {
        return QuoteKind::Title;
    }
    let recent_bare = recent
        .trim_end()
        .trim_end_matches(" the")
        .trim_end_matches(" a");
    // "was called the “X”" names a term; "whom he called “X”" quotes someone's words.
    let active = recent_bare
        .split_whitespace()
        .rev()
        .nth(1)
        .is_some_and(|w| {
            matches!(
                w,
                "he" | "she" | "they" | "we" | "i" | "who" | "whom" | "and"
            )
        });
    if lang
        .term_cues
        .iter()
        .any(|t| recent_bare.ends_with(t.as_str()))
        && n <= 5
        && !active
    {
        return QuoteKind::Term;
    }
    if n <= 3 && !content.ends_with(['.', '?', '!']) && !has_cue() {
        return QuoteKind::Term;
    }
    // A quote that opens its sentence or follows a colon or comma is a full utterance.
    let lead = text[sentence.start.min(q.outer.start)..q.outer.start].trim();
    if lead.is_empty() || lead.ends_with([':', ',']) || lower_prev.is_empty() {
        QuoteKind::Direct
    } else {
        QuoteKind::Partial
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::segment;

    fn quotes(text: &str) -> Vec<(String, QuoteKind, bool)> {
        let mut w = Vec::new();
        let mut q = find(text, &mut w);
        let lang = crate::Gazetteers::builtin().language;
        classify(text, &segment(text, &lang), &lang, &mut q);
        q.iter()
            .map(|q| (q.content.of(text).to_string(), q.kind, q.unclosed))
            .collect()
    }

    fn contents(text: &str) -> Vec<String> {
        quotes(text).into_iter().map(|q| q.0).collect()
    }

    #[test]
    fn every_style() {
        for (t, want) in [
            ("He said “yes sir” then.", "yes sir"),
            ("He said \"yes sir\" then.", "yes sir"),
            ("He said ‘yes sir’ then.", "yes sir"),
            ("He said 'yes sir' then.", "yes sir"),
            ("Il a dit « oui monsieur » hier.", "oui monsieur"),
            ("Er sagte »ja doch« gestern.", "ja doch"),
            ("Er sagte „ja doch“ gestern.", "ja doch"),
            ("Rzekł „tak jest” wczoraj.", "tak jest"),
            ("Er sagte ‚ja doch‘ gestern.", "ja doch"),
            ("Il dit ‹ oui › hier.", "oui"),
            ("彼は「はい」と言った。", "はい"),
            ("彼は『はい』と言った。", "はい"),
        ] {
            assert_eq!(contents(t), vec![want.to_string()], "{t}");
        }
    }

    #[test]
    fn apostrophes_do_not_open_quotes() {
        assert!(
            contents("Russia’s army and the Smiths’ dog don’t care about the ’90s.").is_empty()
        );
        assert!(contents("It's the Smiths' dog, isn't it? Rock 'n' roll").len() <= 1);
        assert_eq!(contents("‘I don’t know,’ she said."), vec!["I don’t know,"]);
    }

    #[test]
    fn nested_stay_inside() {
        assert_eq!(
            contents("“He told me ‘never again,’ and left,” she said."),
            vec!["He told me ‘never again,’ and left,"]
        );
    }

    #[test]
    fn multi_paragraph_and_unclosed() {
        let t = "“First part.\n“Second part,” she said.\nNext “open here\nand “fine” end.";
        let q = quotes(t);
        // A quote over paragraphs gives one quote a paragraph.
        assert_eq!(q[0].0, "First part.");
        assert!(!q[0].2);
        assert_eq!(q[1].0, "Second part,");
        assert_eq!(q[2].0, "open here");
        assert!(q[2].2);
        assert_eq!(q[3].0, "fine");
        let mut w = Vec::new();
        find(t, &mut w);
        assert_eq!(w.len(), 1);
    }

    #[test]
    fn kinds() {
        let k = |t: &str| quotes(t)[0].1;
        assert_eq!(k("Ruth “Rudi” Okafor left."), QuoteKind::Nickname);
        assert_eq!(k("He wrote a memoir, “The Long Winter.”"), QuoteKind::Title);
        assert_eq!(k("She cashed her “bonus” cheques."), QuoteKind::Term);
        assert_eq!(k("“We will win,” she said."), QuoteKind::Direct);
        assert_eq!(
            k("She said they are “deeply worried” about it."),
            QuoteKind::Partial
        );
        assert_eq!(k("He said: “Go now.”"), QuoteKind::Direct);
    }
}
