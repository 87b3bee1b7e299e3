//! The documented ambiguity cases: place names that are also words or people. Each case
//! runs the built-in gazetteers through the whole pipeline and checks the type decided.

use whosaid::{Document, EntityType, Gazetteers, Options, Pipeline};

fn types_of(text: &str, surface: &str) -> Vec<EntityType> {
    let p = Pipeline::new(Gazetteers::builtin(), Options::default());
    let ex = p.extract(&Document::new("t", text));
    ex.mentions
        .iter()
        .filter(|m| m.span.of(text) == surface)
        .map(|m| m.etype)
        .collect()
}

#[test]
fn ambiguity_table() {
    use EntityType::*;
    // (text, surface form, the types its mentions must have; empty: no mention)
    let cases: &[(&str, &str, &[EntityType])] = &[
        ("Reading Mode is turned on.", "Reading", &[]),
        ("The club moved to Reading last year.", "Reading", &[Loc]),
        ("Mobile phones were banned in class.", "Mobile", &[]),
        ("The storm reached Mobile on Tuesday.", "Mobile", &[Loc]),
        ("Nice weather held all week.", "Nice", &[]),
        ("The festival opened in Nice on Friday.", "Nice", &[Loc]),
        ("The council met in Lincoln on Friday.", "Lincoln", &[Loc]),
        ("Troops crossed from Jordan overnight.", "Jordan", &[Loc]),
        (
            "Talks in Jordan stalled, and Jordan's king left.",
            "Jordan",
            &[Loc, Loc],
        ),
        (
            "Rita Jordan, a teacher, said no. Jordan said it twice.",
            "Jordan",
            &[Person],
        ),
        (
            "Talks opened in London. Felix London, a retired diplomat, spoke in London.",
            "London",
            &[Loc, Loc],
        ),
        (
            "Felix London, a retired diplomat, spoke. London said it was over.",
            "London",
            &[Person],
        ),
        ("The talks ended in March with no deal.", "March", &[]),
        ("LONDON (Wire) - Shares fell.", "LONDON", &[Loc]),
        ("She won the U.S. Open in 2019.", "U.S.", &[]),
    ];
    for (text, surface, want) in cases {
        assert_eq!(&types_of(text, surface), want, "{text:?} / {surface}");
    }
}

/// A lone surname that a list holds for a famous person names the person the article gave
/// in full: "Mayor Peter Vance ... Vance told reporters" is not the listed Vance.
#[test]
fn a_listed_surname_is_the_article_s_own_person() {
    let p = Pipeline::new(Gazetteers::builtin(), Options::default());
    let text = "Mayor Tobias Vance urged both sides to talk. \"We lose money every day,\" Vance told reporters.";
    let ex = p.extract(&Document::new("t", text));
    let ids: Vec<&str> = ex
        .mentions
        .iter()
        .filter(|m| m.span.of(text).ends_with("Vance"))
        .map(|m| ex.entities[m.entity].id.as_str())
        .collect();
    assert_eq!(ids, ["person:tobias-vance", "person:tobias-vance"]);
    let speaker = ex.claims[0].speaker.as_ref().expect("a speaker");
    assert_eq!(speaker.name, "Tobias Vance");
    // With no other Vance in the text, the listed one stays.
    let text = "\"We are ready,\" Vance told reporters.";
    let ex = p.extract(&Document::new("t", text));
    assert_eq!(ex.entities[0].id, "person:jd-vance");
}
