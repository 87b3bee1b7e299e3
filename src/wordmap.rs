//! A map from words to small values, for the lookups made at every token: the word classes
//! (once per token of every document, and again in many rule tests) and the matcher's
//! groups by first word. A word of up to 15 bytes is stored inside its slot, compared
//! there, and hashed as those two words of eight bytes by one multiplication (a general
//! byte hash over the word was a fifth of tagging's instructions); longer ones live in one
//! string. A map of boxed strings followed a pointer to a heap string on every probe (about
//! a fifth of a run's time in a profile), and built some 70,000 of them at start-up.

use rustc_hash::FxBuildHasher;
use std::hash::BuildHasher;

/// The longest word kept inside its slot.
pub(crate) const INLINE: usize = 15;
/// The marker, in a slot's last byte, of a word kept in `long`.
const LONG: u8 = u8::MAX;

/// A slot's key: a short word's bytes, little-endian, zeros after them and its length in
/// the last byte; or, for a word longer than `INLINE` bytes, its offset and length in
/// `long` (two `u32`s in the first half) and `LONG` in the last byte. A short word's key
/// is its own hash input and its own comparison: two words of eight bytes, no loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Key([u8; INLINE + 1]);

impl Key {
    /// The key of a word of at most `INLINE` bytes, built from a few overlapping loads of
    /// the word (each byte landing at its own place) instead of a byte loop.
    #[inline(always)]
    pub(crate) fn short(w: &[u8]) -> Key {
        let n = w.len();
        debug_assert!(n <= INLINE);
        let load4 = |i: usize| u64::from(u32::from_le_bytes([w[i], w[i + 1], w[i + 2], w[i + 3]]));
        let load8 = |i: usize| u64::from_le_bytes(w[i..i + 8].try_into().unwrap_or([0; 8]));
        // Bytes 0-7, then 8-14.
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
        Key::of(lo, hi | (n as u64) << 56)
    }

    #[inline(always)]
    fn of(lo: u64, hi: u64) -> Key {
        let mut k = [0u8; INLINE + 1];
        k[..8].copy_from_slice(&lo.to_le_bytes());
        k[8..].copy_from_slice(&hi.to_le_bytes());
        Key(k)
    }

    /// Bytes 0-7 and 8-15, little-endian.
    #[inline(always)]
    fn halves(self) -> (u64, u64) {
        let (lo, hi) = self.0.split_at(8);
        let w = |b: &[u8]| u64::from_le_bytes(b.try_into().unwrap_or([0; 8]));
        (w(lo), w(hi))
    }

    /// True when the word is all ASCII (a length byte never has its high bit set).
    #[inline(always)]
    pub(crate) fn is_ascii(self) -> bool {
        let (lo, hi) = self.halves();
        (lo | hi) & crate::words::HIGH == 0
    }

    /// The key of the word in ASCII lower case, or `None` when it has no capital. For an
    /// ASCII word's key ([`Key::is_ascii`]): each capital gains its 0x20 bit, eight bytes a
    /// step, where lower-casing into a buffer and hashing it again took a byte loop each.
    #[inline(always)]
    pub(crate) fn ascii_lowercase(self) -> Option<Key> {
        let upper = |w: u64| crate::words::bytes_between(w, b'A' as u64 - 1, b'Z' as u64 + 1);
        // The length byte (at most 15) is never a capital.
        let (lo, hi) = self.halves();
        let (a, b) = (upper(lo), upper(hi));
        if a | b == 0 {
            return None;
        }
        Some(Key::of(lo | a >> 2, hi | b >> 2))
    }

    /// The hash of a short word's key: the two halves' 128-bit product, folded. Its high
    /// bits (hashbrown's tags) and low bits (its buckets) both depend on every byte.
    #[inline(always)]
    fn hash(self) -> u64 {
        let (lo, hi) = self.halves();
        let m = u128::from(lo ^ 0x243F_6A88_85A3_08D3) * u128::from(hi ^ 0x1319_8A2E_0370_7344);
        (m as u64) ^ (m >> 64) as u64
    }

    /// The key of a word kept in `long` at `off`, `len` bytes long.
    fn long(off: u32, len: u32) -> Key {
        let mut k = [0u8; INLINE + 1];
        k[..4].copy_from_slice(&off.to_le_bytes());
        k[4..8].copy_from_slice(&len.to_le_bytes());
        k[INLINE] = LONG;
        Key(k)
    }

    fn is_long(self) -> bool {
        self.0[INLINE] == LONG
    }

    /// The word's bytes: in the key, or (for a long word) in `long`.
    fn word<'a>(&'a self, long: &'a str) -> &'a [u8] {
        if !self.is_long() {
            return &self.0[..usize::from(self.0[INLINE])];
        }
        let off = u32::from_le_bytes([self.0[0], self.0[1], self.0[2], self.0[3]]) as usize;
        let len = u32::from_le_bytes([self.0[4], self.0[5], self.0[6], self.0[7]]) as usize;
        &long.as_bytes()[off..off + len]
    }
}

#[derive(Clone, Copy, Debug)]
struct Slot<V> {
    key: Key,
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

/// The hash of a word longer than `INLINE` bytes (short ones hash their [`Key`]).
#[inline]
fn long_hash(w: &[u8]) -> u64 {
    FxBuildHasher.hash_one(w)
}

/// A byte offset into a word store as the `u32` the slots keep: word lists of 4 GiB are
/// refused loudly rather than wrapped into wrong words.
pub(crate) fn offset(n: usize) -> u32 {
    u32::try_from(n).expect("word lists and gazetteer forms must stay under 4 GiB in all")
}

/// The hash of the word in a slot, as `get` computes it for the word.
fn slot_hash(k: Key, long: &str) -> u64 {
    if k.is_long() {
        long_hash(k.word(long))
    } else {
        k.hash()
    }
}

impl<V: Copy> WordMap<V> {
    /// The value of `w` exactly as written, if it has one.
    // Always inlined: at a call per token, saving and restoring the registers of a call
    // cost a fifth of the lookup (cachegrind).
    #[inline(always)]
    pub(crate) fn get<W: AsRef<[u8]> + ?Sized>(&self, w: &W) -> Option<V> {
        let w = w.as_ref();
        if w.len() <= INLINE {
            return self.get_key(Key::short(w));
        }
        self.table
            .find(long_hash(w), |s| {
                s.key.is_long() && s.key.word(&self.long) == w
            })
            .map(|s| s.value)
    }

    /// The value of the short word whose key is `k` ([`Key::short`]).
    #[inline(always)]
    pub(crate) fn get_key(&self, k: Key) -> Option<V> {
        self.table.find(k.hash(), |s| s.key == k).map(|s| s.value)
    }

    /// Sets the value of word `w` to `v`, or to `merge(old, v)` when it has one: the old
    /// value, if any (so that "look up, else add" is one probe).
    pub(crate) fn add(&mut self, w: &str, v: V, merge: impl FnOnce(V, V) -> V) -> Option<V> {
        let b = w.as_bytes();
        let long = &self.long;
        let (h, k, found) = if b.len() <= INLINE {
            let k = Key::short(b);
            let h = k.hash();
            (h, Some(k), self.table.find_mut(h, |s| s.key == k))
        } else {
            let h = long_hash(b);
            let found = self
                .table
                .find_mut(h, |s| s.key.is_long() && s.key.word(long) == b);
            (h, None, found)
        };
        if let Some(s) = found {
            let old = s.value;
            s.value = merge(old, v);
            return Some(old);
        }
        let key = k.unwrap_or_else(|| {
            let k = Key::long(offset(self.long.len()), offset(b.len()));
            self.long.push_str(w);
            k
        });
        let long = &self.long;
        self.table
            .insert_unique(h, Slot { key, value: v }, |s| slot_hash(s.key, long));
        None
    }

    /// Every word and its value, in no particular order.
    pub(crate) fn iter(&self) -> impl Iterator<Item = (&str, V)> + '_ {
        self.table.iter().map(|s| {
            // Keys are whole words copied from `&str`s: valid UTF-8.
            let w = std::str::from_utf8(s.key.word(&self.long)).unwrap_or_default();
            (w, s.value)
        })
    }

    /// Room for `n` more words.
    pub(crate) fn reserve(&mut self, n: usize) {
        let long = &self.long;
        self.table.reserve(n, |s| slot_hash(s.key, long));
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
    fn keys_lower_case_their_capitals_only() {
        // Every ASCII byte in every position of words of every short length, including the
        // neighbours of the capitals' range ('@', '[', '`', '{').
        for n in 1..=INLINE {
            for b in 1..128u8 {
                for at in 0..n {
                    let mut w = vec![b'q'; n];
                    w[at] = b;
                    let k = Key::short(&w);
                    assert!(k.is_ascii());
                    let low = w.to_ascii_lowercase();
                    let want = (low != w).then(|| Key::short(&low));
                    assert_eq!(k.ascii_lowercase(), want, "{n} {b} {at}");
                }
            }
        }
        assert!(!Key::short("Zoë".as_bytes()).is_ascii());
        assert!(
            Key::short(b"Fifteen-Letters").ascii_lowercase()
                == Some(Key::short(b"fifteen-letters"))
        );
    }

    #[test]
    fn inline_keys_are_the_slots_bytes() {
        for n in 0..=INLINE {
            let w: Vec<u8> = (0..n as u8).map(|i| b'a' + i).collect();
            let mut want = [0u8; INLINE + 1];
            want[..n].copy_from_slice(&w);
            want[INLINE] = n as u8;
            assert_eq!(Key::short(&w).0, want, "{n}");
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
