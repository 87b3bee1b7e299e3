//! One test per bug found, named after it (ripgrep's tests/regression.rs style).

use whosaid::{ClaimKind, Document, Gazetteers, Options, Pipeline};

fn extract(text: &str) -> whosaid::Extraction {
    let p = Pipeline::new(Gazetteers::builtin(), Options::default());
    p.extract(&Document::new("r", text))
}

/// A document ending in a name particle ("of", "de") read past the last token.
#[test]
fn particle_at_the_end_of_the_text() {
    for text in ["He works at the Bank of", "Ana de la", "Then came Maria de"] {
        let _ = extract(text);
    }
}

/// A surname key of two words and of one word both matched, giving overlapping mentions.
#[test]
fn two_word_surname_gives_one_mention() {
    let text = "Gen. Ada Voss Okafor spoke on Monday. Later the mayor met Voss Okafor and left.";
    let ex = extract(text);
    let mut spans: Vec<_> = ex.mentions.iter().map(|m| m.span).collect();
    spans.sort();
    assert!(
        spans.windows(2).all(|w| w[0].end <= w[1].start),
        "{spans:?}"
    );
}

/// "…, said Ada Brook" closing a line with no full stop lost its claim.
#[test]
fn cue_then_speaker_at_a_line_end() {
    let text = "The harbor will reopen in the spring this year, said Ada Brook\nThe port reopened.";
    let ex = extract(text);
    assert!(ex.claims.iter().any(|c| c.kind == ClaimKind::Indirect
        && c.speaker.as_ref().is_some_and(|s| s.name == "Ada Brook")));
}

/// A direct quote attributed through a cue elsewhere in its sentence also became a claim.
#[test]
fn sentence_cue_of_a_direct_quote_is_not_a_claim_too() {
    let text = "Ada Brook said yesterday in a long statement to reporters at the port: “We are ready for anything.”";
    let ex = extract(text);
    let kinds: Vec<ClaimKind> = ex.claims.iter().map(|c| c.kind).collect();
    assert_eq!(kinds, vec![ClaimKind::Direct], "{:?}", ex.claims);
}

/// A role searched for after an inverted cue ran past the last token ("‘Mr. ’ said  said ").
#[test]
fn inverted_cue_at_the_end_of_the_text() {
    for text in [
        "‘Mr. ’ said  said ",
        "“We won,” said the",
        "“We won,” said Voss’s deputy,",
    ] {
        let _ = extract(text);
    }
}

/// The ids of a document's entities, with the surface forms of each entity's mentions.
fn ids_and_forms(ex: &whosaid::Extraction, text: &str) -> Vec<(String, Vec<String>)> {
    ex.entities
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let forms = ex.mentions.iter().filter(|m| m.entity == i);
            (
                e.id.clone(),
                forms
                    .map(|m| text[m.span.start..m.span.end].to_string())
                    .collect(),
            )
        })
        .collect()
}

/// One name written with a straight and a curly apostrophe gave two entities with one id
/// (the slug drops apostrophes; the grouping key kept them apart).
#[test]
fn one_name_with_two_apostrophes_is_one_entity() {
    let text = "Tara O'Neill chairs the harbour board. \
                “We will reopen in May,” Tara O’Neill said on Monday.";
    let ex = extract(text);
    let got = ids_and_forms(&ex, text);
    let oneill: Vec<_> = got.iter().filter(|(id, _)| id.contains("neill")).collect();
    assert_eq!(oneill.len(), 1, "{got:?}");
    assert_eq!(oneill[0].0, "person:tara-oneill");
    assert_eq!(oneill[0].1, ["Tara O'Neill", "Tara O’Neill"]);
}

/// "Mr. Lee" and "Mrs. Lee" are two people the text never names in full: both entities were
/// named "Lee" and got the id `person:lee`.
#[test]
fn two_people_of_one_slug_get_two_ids() {
    let text = "Mr. Lee said the ferry was late. Mrs. Lee said it was on time.";
    let ex = extract(text);
    let got = ids_and_forms(&ex, text);
    let ids: Vec<&str> = got.iter().map(|(id, _)| id.as_str()).collect();
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), ids.len(), "{got:?}");
}
