//! The word tokens of one paragraph, in one pass over its bytes: the bytes between words
//! take a table lookup each, a word's ASCII letters and digits eight at a time, and only
//! the bytes around a word's end are decoded.

use super::{Language, Span, Token};
use crate::lang::Class;

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric()
}

/// The ASCII letters and digits, by byte (every byte from 0x80 up is `false`): one load
/// per byte between words, where a word may start.
const ASCII_WORD: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Word tokens of one paragraph: letters and digits with inner `-`, `’`, `'`, `&`, and the
/// periods of abbreviations and dotted acronyms ("U.S.", "Gen.", "J.").
pub(super) fn tokenize(text: &str, lang: &Language, para: Span, out: &mut Vec<Token>) {
    let s = &text[para.start..para.end];
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // ASCII fast path: most bytes are plain letters, digits, spaces and punctuation.
        let c = if bytes[i] < 0x80 {
            if !ASCII_WORD[usize::from(bytes[i])] {
                i += 1;
                continue;
            }
            bytes[i] as char
        } else {
            let c = s[i..].chars().next().unwrap_or(' ');
            if !is_word_char(c) {
                i += c.len_utf8();
                continue;
            }
            c
        };
        let start = i;
        let mut end = i + c.len_utf8();
        let mut letters = 1usize;
        let mut dotted = false;
        // No mark joins it and no period is its own (see `Token::plain`).
        let mut plain = true;
        // The word ended at an ASCII byte that joins nothing (a space, a comma): most words
        // end so, and then neither the joining marks nor a possessive ending follow.
        let mut plain_end = false;
        loop {
            let run = crate::words::ascii_alnum_run(&bytes[end..]);
            end += run;
            letters += run;
            if bytes
                .get(end)
                .is_some_and(|&b| b < 0x80 && !matches!(b, b'-' | b'\'' | b'&' | b'.'))
            {
                plain_end = true;
                break;
            }
            let rest = &s[end..];
            let mut rc = rest.chars();
            let Some(n) = rc.next() else { break };
            if is_word_char(n) {
                end += n.len_utf8();
                letters += 1;
                continue;
            }
            let n2 = rc.next();
            if matches!(n, '-' | '’' | '\'' | '&' | '‑') && n2.is_some_and(is_word_char) {
                end += n.len_utf8();
                plain = false;
                continue;
            }
            if n == '.' {
                // "U.S." / "C.I.A.": single letters joined by periods.
                if letters == 1
                    && n2.is_some_and(|x| x.is_alphabetic())
                    && rest[1..].chars().nth(1) == Some('.')
                {
                    end += 1;
                    letters = 0;
                    dotted = true;
                    plain = false;
                    continue;
                }
                let word = &s[start..end];
                // (The abbreviation with its period: "Inc.")
                let abbrev = dotted
                    || (letters == 1 && word.chars().last().is_some_and(|x| x.is_uppercase()))
                    || lang.is(&s[start..end + 1], Class::Abbreviation);
                if abbrev {
                    end += 1;
                    plain = false;
                }
            }
            break;
        }
        // Leave the possessive ending out of the span. After a plain end the next byte is
        // neither quote mark, so no ending follows the word: only one inside it (joined
        // by the apostrophe rule above), which ends in "s", is tested for.
        let word = &s[start..end];
        let mut wend = end;
        let suffixes = if plain_end && !word.ends_with('s') {
            [].as_slice()
        } else {
            ["’s", "'s"].as_slice()
        };
        for suf in suffixes {
            if word.len() > suf.len() && word.ends_with(suf) {
                wend = end - suf.len();
            } else if s[end..].starts_with(suf) && !s[end + suf.len()..].starts_with(is_word_char) {
                end += suf.len();
            }
        }
        i = end;
        out.push(Token::new(
            Span::new(para.start + start, para.start + wend),
            para.start + end,
            c.is_uppercase(),
            plain,
        ));
    }
}

#[cfg(test)]
mod tests {
    use crate::segment::Token;
    use crate::segment::tests::segment;

    fn toks(text: &str) -> Vec<&str> {
        segment(text)
            .tokens
            .iter()
            .map(|t| t.span().of(text))
            .collect()
    }

    /// Each token's text with what `flag` says of it.
    fn flagged(text: &str, flag: fn(&Token) -> bool) -> Vec<(&str, bool)> {
        segment(text)
            .tokens
            .iter()
            .map(|k| (k.span().of(text), flag(k)))
            .collect()
    }

    #[test]
    fn tokens_keep_acronyms_and_drop_possessives() {
        assert_eq!(
            toks("The C.I.A.’s chief, Ben-Ami, don’t J. Doe"),
            vec!["The", "C.I.A.", "chief", "Ben-Ami", "don’t", "J.", "Doe"]
        );
        let s = segment("Russia’s army");
        assert!(s.tokens[0].possessive());
        // ASCII apostrophes, before a plain end, a joining mark and the paragraph's end.
        let got = flagged("Ada's, Bob's-era Cy's", Token::possessive);
        assert_eq!(got, [("Ada", true), ("Bob's-era", false), ("Cy", true)]);
        assert_eq!(toks("bus stops, its ends"), ["bus", "stops", "its", "ends"]);
    }

    #[test]
    fn plain_tokens_are_one_run_of_letters_and_digits() {
        let t = "Russia’s Ben-Ami U.S. Inc. don’t Bob's-era Zoë 42 AT&T S's";
        assert_eq!(
            flagged(t, Token::plain),
            [
                // (A possessive is joined by its apostrophe: not plain, though its span is.)
                ("Russia", false),
                ("Ben-Ami", false),
                ("U.S.", false),
                ("Inc.", false),
                ("don’t", false),
                ("Bob's-era", false),
                ("Zoë", true),
                ("42", true),
                ("AT&T", false),
                ("S", false),
            ]
        );
    }
}
