//! Lower-casing without allocation, for word lookups, and the runs of ASCII letters and
//! digits that words are made of.

/// Calls `f` with `w` in lower case, without allocating for short ASCII words.
pub fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) && w.is_ascii() {
        return f(w);
    }
    // Lower case of a `&str` is UTF-8: the check cannot fail (and runs only when loading
    // word lists; the per-token lookups take the bytes).
    with_lowercase_bytes(w, |l| f(std::str::from_utf8(l).unwrap_or(w)))
}

/// Calls `f` with the bytes of `w` in lower case, without allocating for short ASCII
/// words: the word maps take bytes, so there is no UTF-8 check of the buffer. For a word
/// the caller knows has a capital (every capitalised token), so it does not look again.
#[inline(always)]
pub fn with_lowercase_bytes<R>(w: &str, f: impl FnOnce(&[u8]) -> R) -> R {
    let mut buf = [0u8; 32];
    if w.is_ascii() && w.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        return f(&buf[..w.len()]);
    }
    f(w.to_lowercase().as_bytes())
}

/// How many ASCII letters and digits `b` starts with, eight bytes at a time. A loop of a
/// byte per step ended every word on a branch the processor could not predict: a third of
/// the tokenizer's time in a profile. Here a word of up to seven bytes takes one step
/// (when eight bytes remain; the last few bytes of a text go byte by byte).
#[inline]
pub(crate) fn ascii_alnum_run(b: &[u8]) -> usize {
    let mut n = 0;
    while let Some(chunk) = b.get(n..n + 8).and_then(|c| c.first_chunk::<8>()) {
        let stop = !alnum_bytes(u64::from_le_bytes(*chunk)) & HIGH;
        if stop != 0 {
            return n + (stop.trailing_zeros() / 8) as usize;
        }
        n += 8;
    }
    n + b[n..]
        .iter()
        .position(|c| !c.is_ascii_alphanumeric())
        .unwrap_or(b.len() - n)
}

/// At least as many as the word tokens of `b`, and close to it for news in a Latin script
/// (not for others, whose every letter counts): the ASCII letters
/// and digits that follow anything else (the tokenizer takes a whole run of them, so a
/// token that starts with one starts after another byte), plus the lead bytes of
/// multi-byte characters (at most one token each starts there). For reserving a long
/// document's tokens once: growing by doubling left up to half the vector unused.
pub(crate) fn max_word_starts(b: &[u8]) -> usize {
    let mut n = 0;
    // The high bit of the previous byte's "letter or digit", carried into byte 0's place.
    let mut before = 0u64;
    let mut chunks = b.chunks_exact(8);
    for chunk in &mut chunks {
        let w = u64::from_le_bytes(chunk.try_into().unwrap_or([0; 8]));
        let alnum = alnum_bytes(w);
        n += (alnum & !(alnum << 8 | before)).count_ones() as usize;
        n += (w & (w << 1) & HIGH).count_ones() as usize;
        before = alnum >> 56;
    }
    let mut prev = before != 0;
    for &c in chunks.remainder() {
        let alnum = c.is_ascii_alphanumeric();
        n += usize::from(alnum && !prev) + usize::from(c >= 0xC0);
        prev = alnum;
    }
    n
}

/// The high bit of every byte of `w` equal to `b`, an ASCII byte other than NUL (exactly:
/// the range test below, one wide).
#[inline]
pub(crate) const fn bytes_equal(w: u64, b: u8) -> u64 {
    bytes_between(w, b as u64 - 1, b as u64 + 1)
}

pub(crate) const ONES: u64 = 0x0101_0101_0101_0101;
pub(crate) const HIGH: u64 = ONES * 0x80;
const LOW7: u64 = ONES * 0x7F;

/// The high bit of every byte of `w` that lies strictly between `m` and `n` (`m < 128`,
/// `n <= 128`); bytes from 0x80 up never. No byte's sum or difference carries into the
/// next: (127 + n) - (x & 127) >= 0 and (x & 127) + (127 - m) < 256.
#[inline]
pub(crate) const fn bytes_between(w: u64, m: u64, n: u64) -> u64 {
    let low = w & LOW7;
    (ONES * (127 + n)).wrapping_sub(low) & !w & (low + ONES * (127 - m)) & HIGH
}

/// The high bit of every byte of `w` that is an ASCII letter or digit (a letter with its
/// 0x20 bit set is a lower-case one, and no other byte becomes one).
#[inline]
const fn alnum_bytes(w: u64) -> u64 {
    bytes_between(w | (ONES * 0x20), b'a' as u64 - 1, b'z' as u64 + 1)
        | bytes_between(w, b'0' as u64 - 1, b'9' as u64 + 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_without_allocating() {
        assert!(with_lowercase("Said", |l| l == "said"));
        assert!(with_lowercase("ÉCOLE", |l| l == "école"));
        assert!(with_lowercase("plain", |l| l == "plain"));
        assert!(with_lowercase_bytes("ÉCOLE", |l| l == "école".as_bytes()));
        let long = "A".repeat(40);
        assert!(with_lowercase_bytes(&long, |l| l == "a".repeat(40).as_bytes()));
    }

    #[test]
    fn word_starts_bound_the_tokens_and_match_a_byte_by_byte_count() {
        let scalar = |b: &[u8]| {
            let mut prev = false;
            b.iter()
                .filter(|&&c| {
                    let a = c.is_ascii_alphanumeric();
                    let start = (a && !prev) || c >= 0xC0;
                    prev = a;
                    start
                })
                .count()
        };
        let lang = crate::lang::Language::default();
        let texts = [
            "",
            "a",
            "Plain words, U.S. and C.I.A.’s chief; Ben-Ami don’t J. Doe",
            "“Zoë” — naïve café 日本語 🙂 x1y2 Ada's, Bob's-era Cy's",
            "aaaaaaa bbbbbbbb cccccccccccccccc d e f g h i j k l m n o p",
            "........,,,,,,,,a........b",
        ];
        for t in texts {
            for cut in 0..t.len() {
                let Some(s) = t.get(cut..) else { continue };
                let n = max_word_starts(s.as_bytes());
                assert_eq!(n, scalar(s.as_bytes()), "{s:?}");
                let tokens = crate::segment::segment(s, &lang).tokens.len();
                assert!(n >= tokens, "{s:?}: {n} < {tokens}");
            }
        }
    }

    #[test]
    fn alnum_runs_match_a_byte_by_byte_count() {
        let scalar = |b: &[u8]| b.iter().take_while(|c| c.is_ascii_alphanumeric()).count();
        // Every byte value at every place of runs shorter, as long as and longer than a
        // step, after letters and digits of every kind.
        for v in 0..=255u8 {
            for len in 0..20 {
                for at in 0..=len {
                    let mut b: Vec<u8> = (0..len).map(|i| b"aZ09mQ"[i % 6]).collect();
                    if at < len {
                        b[at] = v;
                    }
                    assert_eq!(ascii_alnum_run(&b), scalar(&b), "{v} {len} {at}");
                }
            }
        }
        assert_eq!(ascii_alnum_run("Zoë".as_bytes()), 2);
        assert_eq!(ascii_alnum_run(b"abcdefgh,"), 8);
        assert_eq!(ascii_alnum_run(b""), 0);
    }
}
