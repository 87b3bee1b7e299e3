//! A map from words to small values, for the lookups made at every token: the word classes
//! (once per token of every document, and again in many rule tests) and the matcher's
//! groups by first word. A word of up to 15 bytes is stored inside its slot and compared
//! there; longer ones live in one string. A map of boxed strings followed a pointer to a
//! heap string on every probe (about a fifth of a run's time in a profile), and built some
//! 70,000 of them at start-up.

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// The longest word kept inside its slot.
const INLINE: usize = 15;
/// The marker, in a slot's last byte, of a word kept in `long`.
const LONG: u8 = u8::MAX;

#[derive(Clone, Copy, Debug)]
struct Slot<V> {
    /// The word's bytes and, last, its length; or, for a long word, its offset and length
    /// in `long` (two little-endian `u32`s) and `LONG` last.
    key: [u8; INLINE + 1],
    value: V,
}

#[derive(Clone, Debug)]
pub(crate) struct WordMap<V> {
    table: hashbrown::HashTable<Slot<V>>,
    long: String,
}

impl<V> Default for WordMap<V> {
    fn default() -> Self {
        WordMap {
            table: hashbrown::HashTable::new(),
            long: String::new(),
        }
    }
}

#[inline]
fn hash(w: &[u8]) -> u64 {
    FxBuildHasher.hash_one(w)
}

/// A byte offset into a word store as the `u32` the slots keep: word lists of 4 GiB are
/// refused loudly rather than wrapped into wrong words.
pub(crate) fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("word lists and gazetteer forms must stay under 4 GiB in all")
}

/// The bytes of the word in slot `s`.
#[inline]
fn key<'a, V>(s: &'a Slot<V>, long: &'a str) -> &'a [u8] {
    let n = s.key[INLINE];
    if n != LONG {
        return &s.key[..n as usize];
    }
    let off = u32::from_le_bytes([s.key[0], s.key[1], s.key[2], s.key[3]]) as usize;
    let len = u32::from_le_bytes([s.key[4], s.key[5], s.key[6], s.key[7]]) as usize;
    &long.as_bytes()[off..off + len]
}

/// The slot key of a word of at most `INLINE` bytes: its bytes, zeros, its length last (as
/// `add` writes it), built from a few loads of the word instead of a byte loop.
#[inline(always)]
fn inline_key(w: &[u8]) -> [u8; INLINE + 1] {
    let n = w.len();
    debug_assert!(n <= INLINE);
    let load4 = |i: usize| u64::from(u32::from_le_bytes([w[i], w[i + 1], w[i + 2], w[i + 3]]));
    let load8 = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or([0; 8]));
    // Overlapping loads, each byte landing at its own place: bytes 0-7, then 8-14.
    let (lo, hi) = if n >= 8 {
        let hi = if n > 8 {
            load8(n - 8) >> (8 * (16 - n))
        } else {
            0
        };
        (load8(0), hi)
    } else if n >= 4 {
        (load4(0) | load4(n - 4) << (8 * (n - 4)), 0)
    } else if n > 0 {
        let b = |i: usize| u64::from(w[i]) << (8 * i);
        (b(0) | b(n / 2) | b(n - 1), 0)
    } else {
        (0, 0)
    };
    let mut k = [0u8; INLINE + 1];
    k[..8].copy_from_slice(&lo.to_le_bytes());
    k[8..].copy_from_slice(&(hi | (n as u64) << 56).to_le_bytes());
    k
}

impl<V: Copy> WordMap<V> {
    /// The value of `w` exactly as written, if it has one.
    // Always inlined: at a call per token, saving and restoring the registers of a call
    // cost a fifth of the lookup (cachegrind).
    #[inline(always)]
    pub(crate) fn get<W: AsRef<[u8]> + ?Sized>(&self, w: &W) -> Option<V> {
        let w = w.as_ref();
        if w.len() <= INLINE {
            // A short word is compared as the slot holds it, two words of eight bytes: a
            // call to `memcmp` per probe was a twentieth of the lookups' time (perf).
            let q = inline_key(w);
            return self.table.find(hash(w), |s| s.key == q).map(|s| s.value);
        }
        self.table
            .find(hash(w), |s| key(s, &self.long) == w)
            .map(|s| s.value)
    }

    /// Sets the value of word `w` to `v`, or to `merge(old, v)` when it has one: the old
    /// value, if any (so that "look up, else add" is one probe).
    pub(crate) fn add(&mut self, w: &str, v: V, merge: impl FnOnce(V, V) -> V) -> Option<V> {
        let b = w.as_bytes();
        let h = hash(b);
        let found = if b.len() <= INLINE {
            let q = inline_key(b);
            self.table.find_mut(h, |s| s.key == q)
        } else {
            self.table.find_mut(h, |s| key(s, &self.long) == b)
        };
        if let Some(s) = found {
            let old = s.value;
            s.value = merge(old, v);
            return Some(old);
        }
        let mut k = [0u8; INLINE + 1];
        if b.len() <= INLINE {
            k[..b.len()].copy_from_slice(b);
            k[INLINE] = b.len() as u8;
        } else {
            k[..4].copy_from_slice(&offset(self.long.len()).to_le_bytes());
            k[4..8].copy_from_slice(&offset(b.len()).to_le_bytes());
            k[INLINE] = LONG;
            self.long.push_str(w);
        }
        let long = &self.long;
        self.table
            .insert_unique(h, Slot { key: k, value: v }, |s| hash(key(s, long)));
        None
    }

    /// Every word and its value, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, V)> + '_ {
        self.table.iter().map(|s| {
            // Keys are whole words copied from `&str`s: valid UTF-8.
            let k = std::str::from_utf8(key(s, &self.long)).unwrap_or_default();
            (k, s.value)
        })
    }

    /// Room for `n` more words.
    pub(crate) fn reserve(&mut self, n: usize) {
        let long = &self.long;
        self.table.reserve(n, |s| hash(key(s, long)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::lang::{Class, Classes};

    #[test]
    fn short_and_long_words_keep_their_classes() {
        let mut m = WordMap::default();
        let or = |a: Classes, b: Classes| a.union(b);
        let long = "internationalisation-minded";
        let one = Classes::NONE.with(Class::Common);
        let two = Classes::NONE.with(Class::GivenName);
        for i in 0..2000 {
            // Enough words to make the table grow (and rehash long keys) several times.
            m.add(&format!("w{i}"), one, or);
            m.add(&format!("{long}{i}"), two, or);
        }
        m.add("Ada", one, or);
        m.add("Ada", two, or);
        m.add(&format!("{long}7"), one, or);
        assert_eq!(m.get("Ada"), Some(one.union(two)));
        assert_eq!(m.get(&format!("{long}7")), Some(one.union(two)));
        assert_eq!(m.get(&format!("{long}8")), Some(two));
        assert_eq!(m.get("w1999"), Some(one));
        assert_eq!(m.get("ada"), None);
        assert_eq!(m.get(&format!("{long}2000")), None);
        // A 15-byte word sits inside its slot; 16 bytes go to the long store.
        m.add("fifteen-letters", one, or);
        m.add("sixteen-letters!", two, or);
        assert_eq!(m.get("fifteen-letters"), Some(one));
        assert_eq!(m.get("sixteen-letters!"), Some(two));
        assert_eq!(m.iter().count(), 4003);
        assert!(m.iter().any(|(w, c)| w == "sixteen-letters!" && c == two));
    }

    #[test]
    fn inline_keys_are_the_slots_bytes() {
        for n in 0..=INLINE {
            let w: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            let mut want = [0u8; INLINE + 1];
            want[..n].copy_from_slice(&w);
            want[INLINE] = n as u8;
            assert_eq!(inline_key(&w), want, "{n}");
        }
        // As `add` stores them: every length finds its word and no other.
        let mut m = WordMap::default();
        let words: Vec<String> = (1..=INLINE + 2)
            .map(|n| "é".repeat(n / 2) + &"z".repeat(n % 2))
            .collect();
        for (i, w) in words.iter().enumerate() {
            m.add(w, i as u32, |_, b| b);
        }
        for (i, w) in words.iter().enumerate() {
            assert_eq!(m.get(w.as_str()), Some(i as u32), "{w}");
            assert_eq!(
                m.get(&w.as_bytes()[..w.len() - 1]),
                words
                    .iter()
                    .position(|x| x.as_bytes() == &w.as_bytes()[..w.len() - 1])
                    .map(|p| p as u32)
            );
        }
    }
}
