//! Byte offsets inside, code-point offsets outside: the one place that converts.

/// Converts byte offsets of one text into Unicode code-point offsets (what Python's
/// `text[start:end]` counts). Built once per document; a lookup is a binary search over
/// the non-ASCII chars only, so ASCII text costs nothing.
pub struct CharIndex {
    /// (byte offset of wide char, bytes saved before and including it)
    table: Vec<(usize, usize)>,
}

impl CharIndex {
    pub fn new(text: &str) -> CharIndex {
        let mut table = Vec::new();
        let b = text.as_bytes();
        let mut saved = 0;
        let mut i = 0;
        // Eight bytes at a time past ASCII runs (most of a news text), then one wide
        // char at its lead byte: no char is decoded.
        while i < b.len() {
            if let Some(w) = b[i..].first_chunk::<8>()
                && u64::from_le_bytes(*w) & 0x8080_8080_8080_8080 == 0
            {
                i += 8;
                continue;
            }
            let lead = b[i];
            let l = match lead {
                0..0x80 => 1,
                0x80..0xe0 => 2,
                0xe0..0xf0 => 3,
                _ => 4,
            };
            if l > 1 {
                saved += l - 1;
                table.push((i, saved));
            }
            i += l;
        }
        CharIndex { table }
    }

    /// The code-point offset of `byte` (a char boundary).
    pub fn char_of(&self, byte: usize) -> usize {
        let n = self.table.partition_point(|&(b, _)| b < byte);
        if n == 0 {
            byte
        } else {
            byte - self.table[n - 1].1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_offset_counts_code_points_as_python_does() {
        let texts = [
            "",
            "plain ascii text that runs past eight bytes",
            "“Curly” quotes, an em dash — and ü, ß, 日本語, 🙂 emoji.",
            "ü",
            "12345678ü1234567日本🙂",
            "🙂🙂🙂🙂🙂🙂🙂🙂🙂",
        ];
        for t in texts {
            let ix = CharIndex::new(t);
            for (n, (b, _)) in t.char_indices().enumerate() {
                assert_eq!(ix.char_of(b), n, "{t:?} at byte {b}");
            }
            assert_eq!(ix.char_of(t.len()), t.chars().count(), "{t:?} at its end");
        }
    }

    #[test]
    fn ascii_is_identity() {
        let ix = CharIndex::new("hello world");
        assert_eq!(ix.char_of(0), 0);
        assert_eq!(ix.char_of(6), 6);
        assert_eq!(ix.char_of(11), 11);
    }

    #[test]
    fn matches_python_slicing() {
        let text = "“Sí,” dijo López — ok 😀 end";
        let ix = CharIndex::new(text);
        for (b, _) in text
            .char_indices()
            .chain(std::iter::once((text.len(), ' ')))
        {
            assert_eq!(ix.char_of(b), text[..b].chars().count(), "byte {b}");
        }
    }
}
