//! Property tests: whatever the text, extraction does not panic, and every span it returns
//! lies inside the text on char boundaries, with the claim content inside its marks.

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
