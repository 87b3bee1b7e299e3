//! Stage 3: segment a document into paragraphs, sentences and word tokens, all as byte
//! spans into the text. One pass over each paragraph; no allocation per token.

mod tokenize;

use crate::lang::{Class, Classes, Language};
use crate::types::{Span, one_space_between};
use tokenize::tokenize;

/// A word token. Possessive endings ("Russia’s") are left out of the span and flagged.
///
/// 24 bytes: offsets are kept as `u32` (a document is at most
/// [`MAX_DOCUMENT_BYTES`](crate::read::MAX_DOCUMENT_BYTES) long, and [`segment`] stops at
/// 4 GiB), so a long document's tokens take half the memory of `usize` spans.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Token {
    /// The word classes of the token (speech verb, given name ...), looked up once.
    pub lex: Classes,
    start: u32,
    end: u32,
    sentence: u32,
    /// Bytes of the possessive ending after `end` (0 when there is none).
    tail: u8,
    /// Starts with an upper-case letter.
    pub cap: bool,
    /// True only when the span is letters and digits alone (no inner mark or period), so
    /// that its first word is all of it; false for some such spans too.
    plain: bool,
}

// A token per five or six bytes of news: its size is most of a long document's memory.
const _: () = assert!(std::mem::size_of::<Token>() == 24);

impl Token {
    /// The token of `span` whose possessive ending, if any, runs to `full_end`. Both must
    /// lie under 4 GiB, and the ending be shorter than 256 bytes.
    pub(crate) fn new(span: Span, full_end: usize, cap: bool, plain: bool) -> Token {
        debug_assert!(full_end <= u32::MAX as usize && full_end - span.end < 256);
        Token {
            lex: Classes::NONE,
            start: span.start as u32,
            end: span.end as u32,
            sentence: 0,
            tail: (full_end - span.end) as u8,
            cap,
            plain,
        }
    }
    /// The word's byte span, without a possessive ending.
    #[inline]
    pub fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
    /// Index of the sentence holding the token.
    #[inline]
    pub fn sentence(&self) -> usize {
        self.sentence as usize
    }
    /// End of the token including a possessive ending.
    #[inline]
    pub fn full_end(&self) -> usize {
        self.end as usize + usize::from(self.tail)
    }
    /// Followed by a possessive `’s` / `'s` (left out of [`span`](Token::span)).
    #[inline]
    pub fn possessive(&self) -> bool {
        self.tail != 0
    }
    /// True only when the span (without a possessive ending) is letters and digits alone:
    /// no hyphen, apostrophe, ampersand or period inside it.
    #[inline]
    pub fn plain(&self) -> bool {
        self.plain
    }
    /// True when the token is of word class `c`.
    #[inline]
    pub fn is(&self, c: Class) -> bool {
        self.lex.has(c)
    }
}

/// A sentence of one paragraph; sentences never cross a line break.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Sentence {
    /// Byte span from the first non-space character to the terminator and any closing marks.
    pub span: Span,
    /// Index into `Segments::paragraphs` of the paragraph holding it.
    pub paragraph: usize,
    /// Tokens `[first_token, end_token)` of this sentence.
    pub first_token: usize,
    /// One past the last token of the sentence (exclusive); equal to `first_token` when the
    /// sentence has no word.
    pub end_token: usize,
    /// A title-case headline: all its longer words capitalised.
    pub headline: bool,
}

/// Paragraphs, sentences and tokens of one document.
#[derive(Debug, Clone, Default)]
pub struct Segments {
    /// One byte span per non-blank line, trimmed of surrounding white space, in text order.
    pub paragraphs: Vec<Span>,
    /// Every sentence of the document, in text order.
    pub sentences: Vec<Sentence>,
    /// Every word token of the document, in text order; sentences index into it.
    pub tokens: Vec<Token>,
}

impl Segments {
    /// The sentence holding byte offset `at` (the last one starting at or before it).
    pub fn sentence_at(&self, at: usize) -> usize {
        self.sentences
            .partition_point(|s| s.span.start <= at)
            .saturating_sub(1)
    }
    /// The first token starting at or after `at`.
    pub fn token_at_or_after(&self, at: usize) -> usize {
        self.tokens.partition_point(|t| t.span().start < at)
    }
    /// The token whose span is exactly `sp`, if there is one.
    pub fn token_spanning(&self, sp: Span) -> Option<&Token> {
        self.tokens
            .get(self.token_at_or_after(sp.start))
            .filter(|t| t.span() == sp)
    }
    /// The tokens of sentence `s` (an index into `sentences`; panics when out of range).
    pub fn sentence_tokens(&self, s: usize) -> &[Token] {
        let s = &self.sentences[s];
        &self.tokens[s.first_token..s.end_token]
    }
}

fn is_open_quote(c: char) -> bool {
    matches!(
        c,
        '“' | '‘'
            | '"'
            | '\''
            | '«'
            | '»'
            | '„'
            | '‚'
            | '‹'
            | '「'
            | '『'
            | '('
            | '['
            | '¿'
            | '¡'
    )
}

fn is_close_punct(c: char) -> bool {
    matches!(
        c,
        '”' | '’' | '"' | '\'' | '»' | '«' | '“' | '‘' | '›' | '」' | '』' | ')' | ']'
    )
}

/// Past this length a document's tokens are counted from above before they are reserved;
/// below it a guess from the length is as good and costs nothing.
const COUNT_TOKENS_FROM: usize = 1 << 20;

/// The most tokens reserved from a guess: a long document of one token must not reserve
/// several times its size.
const MAX_GUESSED_TOKENS: usize = 1 << 20;

/// Splits `text` into segments, each token tagged with its word classes in `lang`. Text
/// past its first 4 GiB is left out (tokens keep 32-bit offsets).
pub fn segment(text: &str, lang: &Language) -> Segments {
    // Room for a document's tokens at once, rather than a copy of the vector at every
    // doubling and up to twice the room after it: news runs at about one token per six
    // bytes; a long document (up to 32 MiB) gets the bound of a quick pass instead, as
    // a guess could be far off (one long word, or a list of numbers).
    let guess = (text.len() / 5 + 16).min(MAX_GUESSED_TOKENS);
    let room = if text.len() < COUNT_TOKENS_FROM {
        guess
    } else {
        // The bound counts every letter of a script written without ASCII (Cyrillic,
        // Greek, Chinese) as a possible start: above a token per four bytes, it is far
        // off, and the vector starts from the guess, at most a million tokens, and grows.
        let bound = crate::words::max_word_starts(text.as_bytes());
        if bound <= text.len() / 4 {
            bound
        } else {
            guess
        }
    };
    let mut seg = Segments {
        tokens: Vec::with_capacity(room),
        ..Segments::default()
    };
    let mut start = 0;
    for line in text.split_inclusive('\n') {
        let end = start + line.len();
        // Tokens keep `u32` offsets: text past 4 GiB (no reader passes one) is left out.
        if end > u32::MAX as usize {
            break;
        }
        let body = line.trim_end_matches(['\n', '\r']);
        if !body.trim().is_empty() {
            let lead = body.len() - body.trim_start().len();
            let p = Span::new(start + lead, start + body.trim_end().len());
            let pi = seg.paragraphs.len();
            seg.paragraphs.push(p);
            split_sentences(text, lang, p, pi, &mut seg);
        }
        start = end;
    }
    seg
}

fn split_sentences(text: &str, lang: &Language, para: Span, pi: usize, seg: &mut Segments) {
    let first_tok = seg.tokens.len();
    tokenize(text, lang, para, &mut seg.tokens);
    let toks_end = seg.tokens.len();
    lang.tag(text, &mut seg.tokens[first_tok..]);
    let mut sent_start = para.start;
    let mut sent_tok = first_tok;
    let mut ti = first_tok;
    while ti < toks_end {
        let tok = seg.tokens[ti];
        // The punctuation run after this token, up to the next token.
        let next_start = if ti + 1 < toks_end {
            seg.tokens[ti + 1].span().start
        } else {
            para.end
        };
        let after = tok.full_end();
        // Most words are followed by one space and end no sentence.
        if one_space_between(text, after, next_start) && text.as_bytes()[tok.span().end - 1] != b'.'
        {
            ti += 1;
            continue;
        }
        let gap = &text[after.min(next_start)..next_start];
        let word = &text[tok.span().start..tok.span().end];
        let gap_start = after.min(next_start);
        let ends = if let Some(rest) = word.strip_suffix('.') {
            // The period belongs to the token: an abbreviation, an initial or "U.S.".
            let starter = ti + 1 < toks_end && seg.tokens[ti + 1].is(Class::SentenceStarter);
            let next_cap = ti + 1 < toks_end && seg.tokens[ti + 1].cap;
            let closers = gap.len() - gap.trim_start_matches(is_close_punct).len();
            let rest_gap = &gap[closers..];
            let ok = rest_gap.starts_with(char::is_whitespace)
                && !tok.is(Class::NeverEndsSentence)
                && !(rest.chars().count() == 1 && next_cap)
                && (starter || rest_gap.trim_start().starts_with(is_open_quote));
            ok.then_some(closers)
        } else {
            let next_starts = ti + 1 < toks_end && starts_sentence(text, seg.tokens[ti + 1]);
            terminator_len(gap, next_starts)
        };
        if let Some(len) = ends.filter(|_| ti + 1 < toks_end) {
            let end = gap_start + len;
            push_sentence(seg, text, Span::new(sent_start, end), pi, sent_tok, ti + 1);
            let lead = &text[end..next_start];
            sent_start = end
                + lead
                    .find(|c: char| !c.is_whitespace())
                    .unwrap_or(lead.len());
            sent_tok = ti + 1;
        }
        ti += 1;
    }
    push_sentence(
        seg,
        text,
        Span::new(sent_start, para.end),
        pi,
        sent_tok,
        toks_end,
    );
}

fn push_sentence(seg: &mut Segments, text: &str, span: Span, pi: usize, first: usize, end: usize) {
    let si = seg.sentences.len();
    for t in &mut seg.tokens[first..end] {
        t.sentence = si as u32;
    }
    seg.sentences.push(Sentence {
        span,
        paragraph: pi,
        first_token: first,
        end_token: end,
        headline: is_headline(text, &seg.tokens[first..end]),
    });
}

/// Words of at least this many characters count in the headline test: title case leaves
/// shorter ones (articles, prepositions) in lower case.
const HEADLINE_WORD_CHARS: usize = 4;
/// Capitalised longer words a headline has at least.
const HEADLINE_MIN_CAPS: usize = 3;

/// A sentence is a headline when all its longer words are capitalised (the longer words
/// that title case leaves in lower case excepted).
fn is_headline(text: &str, toks: &[Token]) -> bool {
    let mut cap = 0;
    for t in toks {
        let w = t.span().of(text);
        // (No word of fewer bytes has the characters, nor one of four times as many bytes
        // too few: the count is made only in between.)
        let short = w.len() < HEADLINE_WORD_CHARS
            || (w.len() < 4 * HEADLINE_WORD_CHARS && w.chars().count() < HEADLINE_WORD_CHARS);
        if short || !w.starts_with(char::is_alphabetic) {
            continue;
        }
        if t.cap {
            cap += 1;
        } else if !t.is(Class::HeadlineLowercase) {
            return false;
        }
    }
    cap >= HEADLINE_MIN_CAPS
}

fn starts_sentence(text: &str, tok: Token) -> bool {
    tok.cap || text[tok.span().start..].starts_with(|c: char| c.is_ascii_digit())
}

/// A gap like `. ` or `.” ` or `?) ` before a capitalised word ends a sentence: returns the
/// length of the terminator and closing marks, which stay with the sentence.
fn terminator_len(gap: &str, next_starts: bool) -> Option<usize> {
    let after_term = gap.trim_start_matches(['.', '!', '?']);
    if after_term.len() == gap.len() {
        return None;
    }
    let rest = after_term.trim_start_matches(is_close_punct);
    if !rest.starts_with(char::is_whitespace) {
        return None;
    }
    (next_starts || rest.trim_start().starts_with(is_open_quote)).then_some(gap.len() - rest.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A text segmented with the built-in language (the tokenizer's tests use it too).
    pub(super) fn segment(text: &str) -> Segments {
        super::segment(text, &crate::Gazetteers::builtin().language)
    }

    fn sents(text: &str) -> Vec<&str> {
        segment(text)
            .sentences
            .iter()
            .map(|s| s.span.of(text))
            .collect()
    }
    #[test]
    fn sentences_respect_abbreviations() {
        let t = "Gen. Ada Brook met Mr. Lind in the U.S. Embassy. She left. The U.S. Some say no.";
        assert_eq!(
            sents(t),
            vec![
                "Gen. Ada Brook met Mr. Lind in the U.S. Embassy.",
                "She left.",
                "The U.S.",
                "Some say no."
            ]
        );
    }

    #[test]
    fn sentences_end_after_closing_quotes() {
        let t = "“We won.” “Next time,” she said. He nodded.";
        assert_eq!(
            sents(t),
            vec!["“We won.”", "“Next time,” she said.", "He nodded."]
        );
    }

    #[test]
    fn paragraphs_are_lines() {
        let s = segment("One.\n\n  Two here.\nThree");
        assert_eq!(s.paragraphs.len(), 3);
        assert_eq!(s.sentences.len(), 3);
    }
}
