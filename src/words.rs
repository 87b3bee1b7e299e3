//! Fixed word lists with fast membership. The rules ask "is this word a speech verb, a
//! particle, a head noun?" for every token; a hashed set answers in O(1) where a slice
//! scan costs a `memcmp` per entry.

use rustc_hash::FxHashSet;
use std::sync::OnceLock;

/// A static word list; `contains` hashes (FxHash), the set is built on first use.
pub struct Words {
    list: &'static [&'static str],
    set: OnceLock<FxHashSet<&'static str>>,
}

impl Words {
    pub const fn new(list: &'static [&'static str]) -> Words {
        Words {
            list,
            set: OnceLock::new(),
        }
    }

    /// Same call shape as a slice's `contains`, so lists and sets read alike at call sites.
    pub fn contains(&self, w: &&str) -> bool {
        self.set
            .get_or_init(|| self.list.iter().copied().collect())
            .contains(*w)
    }

    pub fn iter(&self) -> impl Iterator<Item = &&'static str> {
        self.list.iter()
    }
}

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
    fn membership() {
        static W: Words = Words::new(&["said", "told"]);
        assert!(W.contains(&"said"));
        assert!(!W.contains(&"say"));
        assert_eq!(W.iter().count(), 2);
    }

    #[test]
    fn lowercase_without_allocating() {
        assert!(with_lowercase("Said", |l| l == "said"));
        assert!(with_lowercase("ÉCOLE", |l| l == "école"));
        assert!(with_lowercase("plain", |l| l == "plain"));
    }
}
