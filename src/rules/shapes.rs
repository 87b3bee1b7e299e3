//! A prefilter for the document rules' lookups of a document's names.

use crate::types::Span;

/// The first bytes and lengths of a document's few names, as bits: a span of text whose
/// shape no name has is not looked up. The document rules test up to three spans at every
/// capitalised word, and skipping the hash for most of them saved about 1% of a run's
/// instructions (cachegrind, commit bde4565).
pub(super) struct Shapes(Box<[u128; 256]>);

impl Shapes {
    pub(super) fn of<'a>(names: impl Iterator<Item = &'a str>) -> Shapes {
        let mut bits = Box::new([0u128; 256]);
        for n in names {
            if let Some(&b) = n.as_bytes().first() {
                bits[usize::from(b)] |= 1 << n.len().min(127);
            }
        }
        Shapes(bits)
    }

    /// False when no name has the first byte and length of `w` (lengths from 127 up
    /// share a bit).
    #[cfg(test)]
    fn may_hold(&self, w: &str) -> bool {
        w.as_bytes().first().is_some_and(|&b| self.fits(b, w.len()))
    }

    /// [`Shapes::may_hold`] of the text of `sp`, read without slicing the text (a slice
    /// tests its char boundaries, at every capitalised word up to three times).
    #[inline]
    pub(super) fn may_hold_span(&self, text: &str, sp: Span) -> bool {
        !sp.is_empty() && self.fits(text.as_bytes()[sp.start], sp.len())
    }

    #[inline]
    fn fits(&self, first: u8, len: usize) -> bool {
        self.0[usize::from(first)] & 1 << len.min(127) != 0
    }
}

#[cfg(test)]
mod tests {
    use super::Span;

    #[test]
    fn shapes_pass_every_name_and_few_others() {
        let long = "A".repeat(300);
        let names = ["Ada Brook", "Brook", "Zetaco", long.as_str()];
        let shapes = super::Shapes::of(names.iter().copied());
        for n in names {
            assert!(shapes.may_hold(n), "{n}");
        }
        // By span, as by slice.
        let text = "x Brook, Yetaco";
        for (a, b) in [(2, 7), (9, 15), (2, 8), (0, 0), (2, 2)] {
            let sp = Span::new(a, b);
            assert_eq!(shapes.may_hold_span(text, sp), shapes.may_hold(sp.of(text)));
        }
        assert!(shapes.may_hold("Zeroes"), "same first byte and length");
        assert!(shapes.may_hold(&"A".repeat(200)), "long names share a bit");
        for other in ["Ada Brooks", "Brooks", "Yetaco", "", "ada brook"] {
            assert!(!shapes.may_hold(other), "{other}");
        }
    }
}
