//! The cues of speech: verbs and phrases that attribute words to a speaker. Shared by the
//! person rules (names next to a cue), quote attribution and reported-speech claims.

use crate::words::Words;

/// Speech verbs as written. Forms that are mostly nouns ("report", "claims", "notes") stay
/// out: they would make "a false report by X" a cue.
#[rustfmt::skip]
pub static SPEECH_VERBS: Words = Words::new(&[
    "said", "says", "say", "told", "tells", "tell", "added", "adds", "warned", "warns", "warn",
    "wrote", "writes", "insisted", "insists", "insist", "argued", "argues", "argue", "explained",
    "explains", "explain", "asked", "asks", "noted", "stated", "declared", "declares", "claimed",
    "announced", "announces", "acknowledged", "acknowledges", "acknowledge", "admitted", "admits",
    "confirmed", "confirms", "denied", "denies", "deny", "recalled", "recalls", "replied",
    "replies", "responded", "tweeted", "testified", "testifies", "testify", "suggested", "suggests",
    "suggest", "predicted", "predicts", "cautioned", "cautions", "conceded", "concedes",
    "emphasized", "emphasizes", "stressed", "stresses", "urged", "urges", "contended", "contends",
    "contend", "maintained", "maintains", "maintain", "reported", "believe", "believes", "believed",
    "worry", "worries", "worried", "fear", "feared", "allege", "alleges", "alleged", "complained",
    "complains", "observed", "remarked", "quipped", "boasted", "joked", "vowed", "pledged",
    "countered", "concluded", "revealed", "reveals", "disclosed", "assured", "asserted", "asserts",
    "shouted", "exclaimed", "answered", "recounted", "described", "describes", "reiterated",
    "reiterates", "clarified", "emailed", "texted", "saying", "telling", "adding", "noting",
    "arguing", "warning", "insisting", "explaining", "stressing", "claiming", "asserting",
    "whispered", "yelled", "wondered", "retorted", "snapped", "pleaded", "mused", "lamented",
    "interjected", "write", "writing", "tweeting", "posting", "asking", "stating", "responding",
    "replying", "pressed", "demanded", "questioned", "queried",
]);

/// Verbs of belief: a cue only with a named or unnamed source, never a bare pronoun
/// ("a friend he believed was loyal" reports no claim).
#[rustfmt::skip]
pub static BELIEF_VERBS: Words = Words::new(&[
    "believe", "believes", "believed", "worry", "worries", "worried", "fear", "feared",
]);

/// Verbs that frame a quoted phrase as someone's words without being speech verbs:
/// "called the plan “a disaster”", "vowing to “fight on”". Quote cues, never claim cues.
#[rustfmt::skip]
pub static FRAMING_VERBS: Words = Words::new(&[
    "called", "calls", "calling", "dubbed", "labeled", "labelled", "branded", "vowing", "promising",
    "declaring", "describing", "accusing", "urging", "pledging", "blasted", "slammed", "praised",
    "criticized", "accused", "mocked", "touted", "labeling", "labelling", "labels", "referred",
    "refers", "referring", "dubbing", "branding", "thought", "hailed", "hailing", "denounced",
    "denouncing", "derided", "decried", "warned",
]);

pub fn is_framing_verb(w: &str) -> bool {
    FRAMING_VERBS.contains(&w)
}

pub fn is_speech_verb(w: &str) -> bool {
    SPEECH_VERBS.contains(&w)
}

/// Verbs by which polls, studies and records report findings ("the survey shows").
/// Claim cues only with a document or body as subject.
pub static EVIDENCE_VERBS: Words = Words::new(&[
    "shows",
    "show",
    "showed",
    "found",
    "finds",
    "find",
    "indicates",
    "indicate",
    "indicated",
]);

pub fn is_evidence_verb(w: &str) -> bool {
    EVIDENCE_VERBS.contains(&w)
}

pub fn is_belief_verb(w: &str) -> bool {
    BELIEF_VERBS.contains(&w)
}

/// Head nouns of unnamed sources ("U.S. officials", "a spokeswoman", "experts").
#[rustfmt::skip]
pub static SOURCE_HEADS: Words = Words::new(&[
    "official", "officials", "officer", "officers", "expert", "experts", "diplomat", "diplomats",
    "analyst", "analysts", "critic", "critics", "source", "sources", "people", "person", "lawmaker",
    "lawmakers", "aide", "aides", "side", "sides", "authorities", "spokesman", "spokeswoman",
    "spokesperson", "observers", "investigators", "investigator", "prosecutors", "prosecutor",
    "residents", "resident", "witnesses", "witness", "scientists", "researchers", "researcher",
    "economists", "economist", "advocates", "activists", "leaders", "leader", "executives",
    "executive", "members", "member", "agents", "spokespeople", "representatives", "representative",
    "police", "administration", "government", "ministry", "department", "statement", "report",
    "reports", "documents", "data", "study", "survey", "poll", "polls", "filings", "records",
    "supporters", "opponents", "allies", "insiders", "staffers", "advisers", "adviser", "advisors",
    "colleagues", "friends", "family", "relatives", "neighbors", "doctors", "historians",
    "veterans", "voters", "campaign", "intelligence", "military", "commanders", "ambassador",
    "minister", "president", "director", "general", "senator", "governor", "mayor", "nominee",
    "candidate", "lawsuit", "ad", "memo", "letter", "chairman", "chairwoman", "founder", "staffer",
    "strategist", "strategists", "consultant", "consultants", "operative", "operatives", "donor",
    "donors", "organizer", "organizers", "pollster", "pollsters", "professor", "lawyer", "lawyers",
    "attorney", "attorneys", "editor", "reporter", "correspondent", "commentator", "columnist",
    "writer", "author", "manager", "friend", "neighbor", "worker", "workers", "employee",
    "employees", "student", "students", "teacher", "doctor", "nurse", "agent", "delegate",
    "delegates", "protester", "protesters", "veteran", "farmer", "owner", "owners", "host",
    "anchor", "chief", "secretary", "judge", "ads", "email", "tweet", "website",
]);

pub fn is_source_head(w: &str) -> bool {
    SOURCE_HEADS.contains(&w)
}

/// Subject pronouns that speak ("he said").
pub fn pronoun_kind(w: &str) -> Option<Pronoun> {
    match w {
        "he" | "He" | "she" | "She" => Some(Pronoun::Singular),
        "they" | "They" => Some(Pronoun::Plural),
        _ => None,
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pronoun {
    Singular,
    Plural,
}
