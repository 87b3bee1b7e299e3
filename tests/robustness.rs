//! Property tests: whatever the text, extraction does not panic, and every span it returns
//! lies inside the text on char boundaries, with the claim content inside its marks; and
//! the entity ids of a document are unique.

use proptest::prelude::*;
use std::sync::OnceLock;
use whosaid::{Document, Gazetteers, Options, Pipeline};

fn pipeline() -> &'static Pipeline {
    static P: OnceLock<Pipeline> = OnceLock::new();
    P.get_or_init(|| Pipeline::new(Gazetteers::builtin(), Options { all_quotes: true }))
}

/// Text built from the pieces that trip tokenizers and quote pairing.
fn newsy() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("«".to_string()),
        Just("»".to_string()),
        Just("„".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just(". ".to_string()),
        Just(", ".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("Ada Brook".to_string()),
        Just("officials say ".to_string()),
        Just("London".to_string()),
        Just("he".to_string()),
        Just("é😀\u{a0}".to_string()),
        "[A-Za-z]{1,8}",
        Just(" ".to_string()),
    ];
    prop::collection::vec(piece, 0..60).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn spans_stay_in_the_text(text in newsy()) {
        let ex = pipeline().extract(&Document::new("p", text.clone()));
        for m in &ex.mentions {
            prop_assert!(m.span.end <= text.len() && text.is_char_boundary(m.span.start) && text.is_char_boundary(m.span.end));
            prop_assert!(m.entity < ex.entities.len());
        }
        for c in &ex.claims {
            prop_assert!(c.content.start <= c.content.end && c.content.end <= text.len());
            prop_assert!(text.is_char_boundary(c.content.start) && text.is_char_boundary(c.content.end));
        }
    }
}

/// Text full of names that are one name written two ways, or two names of one slug: curly
/// and straight apostrophes, hyphens and spaces, line breaks inside names, gendered
/// honorifics before a bare surname, and gazetteer names beside rule-found ones.
fn namey() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("Tara O'Neill".to_string()),
        Just("Tara O’Neill".to_string()),
        Just("Tara O‘Neill".to_string()),
        Just("O'Neill".to_string()),
        Just("Ada Brook-Lind".to_string()),
        Just("Ada Brook Lind".to_string()),
        Just("Ada\nBrook".to_string()),
        Just("Ada Brook".to_string()),
        Just("Mr. Lee".to_string()),
        Just("Mrs. Lee".to_string()),
        Just("Lee".to_string()),
        Just("Dr. Lee".to_string()),
        Just("the Zeta Works Company".to_string()),
        Just("Zeta Works".to_string()),
        Just("Vladimir Putin".to_string()),
        Just("Putin".to_string()),
        Just("London".to_string()),
        Just("Felix London".to_string()),
        "[A-Z][a-z]{2,7}",
        Just(" said ".to_string()),
        Just(", ".to_string()),
        Just(". ".to_string()),
        Just(" and ".to_string()),
        Just("“We will,” ".to_string()),
        Just(" ".to_string()),
        Just("\n\n".to_string()),
    ];
    prop::collection::vec(piece, 0..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn entity_ids_are_unique_in_a_document(text in namey()) {
        let ex = pipeline().extract(&Document::new("p", text.clone()));
        let mut ids: Vec<&str> = ex.entities.iter().map(|e| e.id.as_str()).collect();
        ids.sort_unstable();
        let n = ids.len();
        ids.dedup();
        prop_assert_eq!(ids.len(), n, "{:?}", ex.entities);
    }
}
