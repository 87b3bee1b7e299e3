//! Word lists for finding the source phrase around a cue.

use crate::words::Words;

/// Verbs unambiguous enough to take a described subject ("the lawsuit says", "his wife
/// whispered"); "maintained" or "noted" would make "its policy and has maintained" a source.
#[rustfmt::skip]
pub(super) static DESCRIBED_SOURCE_VERBS: Words = Words::new(&[
    "said", "says", "say", "told", "tells", "added", "wrote", "writes", "stated", "warned", "argued",
    "asked", "whispered", "replied", "responded", "explained", "insisted", "recalled", "testified",
    "tweeted", "shouted", "declared", "announced", "reads", "read", "write", "argue", "argues",
    "insist", "insists", "explain", "explains", "notes", "adds",
]);

/// Words that sit between a subject and its cue ("officials have long said").
#[rustfmt::skip]
pub(super) static AUX: Words = Words::new(&[
    "also", "have", "has", "had", "would", "will", "previously", "repeatedly", "publicly",
    "privately", "later", "again", "often", "once", "recently", "since", "then", "long", "earlier",
    "separately", "still", "both", "all", "further", "flatly",
]);

/// Lower-case words allowed inside an unnamed-source phrase before its head noun.
#[rustfmt::skip]
pub(super) static MODIFIERS: Words = Words::new(&[
    "a", "an", "the", "some", "many", "several", "few", "most", "all", "both", "other", "one",
    "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "dozens", "of",
    "former", "current", "senior", "top", "retired", "and", "&", "intelligence", "military",
    "administration", "government", "law", "enforcement", "security", "defense", "foreign",
    "federal", "state", "local", "health", "election", "campaign", "party", "independent",
    "outside", "anonymous", "unnamed", "more", "western", "european", "american", "russian",
    "israeli", "palestinian", "ukrainian", "chinese", "counterintelligence", "national", "police",
    "city", "county", "company", "industry", "legal", "medical", "public", "diplomatic", "economic",
    "financial", "political", "regional", "u.s.", "these", "those", "such", "longtime", "veteran",
    "high-ranking", "mid-level", "white", "house", "justice", "department", "pentagon", "trade",
    "energy", "climate", "human", "rights", "civil",
]);

/// Words that end a source phrase when walking back from its head noun.
#[rustfmt::skip]
pub(super) static FUNCTION_WORDS: Words = Words::new(&[
    "in", "on", "at", "by", "with", "from", "to", "for", "of", "that", "which", "who", "whom", "is",
    "are", "was", "were", "be", "been", "being", "has", "have", "had", "will", "would", "can",
    "could", "may", "might", "should", "must", "it", "he", "she", "they", "we", "you", "i", "but",
    "or", "if", "because", "when", "while", "as", "than", "not", "no", "so", "do", "does", "did",
    "there", "here", "about", "after", "before", "over", "under", "into", "its", "also",
]);

/// Words that open a described source: "the lawsuit", "one aide", "his spokesman".
#[rustfmt::skip]
pub(super) static DETERMINERS: Words = Words::new(&[
    "the", "The", "a", "A", "an", "An", "one", "One", "another", "his", "His", "her", "Her",
    "their", "Their", "its", "Its", "this", "This", "that", "two", "three", "several", "some",
    "Some",
]);

/// Capitalised words that never start a source phrase.
#[rustfmt::skip]
pub(super) static NOT_SOURCE: Words = Words::new(&[
    "But", "And", "So", "Yet", "Then", "Now", "Still", "Also", "However", "That", "This", "When",
    "While", "If", "Because", "Since", "As", "In", "On", "At", "For", "Meanwhile", "Instead",
    "Asked",
]);
