//! Stage 7: attribute each quotation to its speaker, as a sieve from most to least certain:
//! an explicit cue in the quote's sentence, a pronoun or nominal speaker resolved to its
//! antecedent, an attribution in the next sentence or the previous quote's speaker, and
//! otherwise unknown. Every rung is a unit of [`sieve::SIEVE`] with its own rule id; the rule's
//! confidence is the registry's. The grammar of sources is in [`crate::sources`].

mod context;
mod near;
mod sieve;

pub use sieve::{SIEVE, Trace};

use crate::sources::{DocView, Sources};
use crate::types::Claim;

/// Attributes every quote of a resolved document: the quote claims (in quote order) and the
/// cue tokens that direct quotes spent, which reported-speech claims must not take again.
/// With `trace`, what every rung found for each speech quote is kept there.
pub fn attribute(doc: &DocView, trace: Option<&mut Vec<Trace>>) -> (Vec<Claim>, Vec<usize>) {
    sieve::attribute(&Sources::new(doc), doc.quotes, trace)
}
