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
        if !text.is_ascii() {
            let mut saved = 0;
            for (i, c) in text.char_indices() {
                let l = c.len_utf8();
                if l > 1 {
                    saved += l - 1;
                    table.push((i, saved));
                }
            }
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
