//! Lower-casing without allocation, for word lookups.

/// Calls `f` with `w` in lower case, without allocating for short ASCII words (the usual
/// case: this runs for every capitalised token).
pub fn with_lowercase<R>(w: &str, f: impl FnOnce(&str) -> R) -> R {
    if !w.bytes().any(|b| b.is_ascii_uppercase()) && w.is_ascii() {
        return f(w);
    }
    let mut buf = [0u8; 32];
    if w.is_ascii() && w.len() <= buf.len() {
        for (d, s) in buf.iter_mut().zip(w.bytes()) {
            *d = s.to_ascii_lowercase();
        }
        // ASCII in, ASCII out: always valid UTF-8.
        return f(std::str::from_utf8(&buf[..w.len()]).unwrap_or(w));
    }
    f(&w.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lowercase_without_allocating() {
        assert!(with_lowercase("Said", |l| l == "said"));
        assert!(with_lowercase("ÉCOLE", |l| l == "école"));
        assert!(with_lowercase("plain", |l| l == "plain"));
    }
}
