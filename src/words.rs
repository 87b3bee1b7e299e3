//! Lower-casing without allocation, for word lookups.

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
}
