//! The rule registry: every rule whose id an output row can carry (`mentions.source`,
//! `claims.rule`), with its stage, confidence, one-line reason and the examples it must and
//! must not match, kept together. `whosaid rules` prints it; a test runs every example
//! through the pipeline; the README's rule table is checked against it.

use crate::gazetteer::UserRules;
use serde::Serialize;

/// The pipeline stage whose rows carry a rule's id.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Stage {
    /// Entity mentions (`mentions.source`).
    Match,
    /// Quote attribution (`claims.rule` of quotes).
    Attribute,
    /// Reported speech without quotation marks (`claims.rule` of indirect claims).
    Claims,
}

impl Stage {
    /// The stage's name as printed.
    pub fn as_str(self) -> &'static str {
        match self {
            Stage::Match => "match",
            Stage::Attribute => "attribute",
            Stage::Claims => "claims",
        }
    }
}

macro_rules! registry {
    ($( $variant:ident = $id:literal, $stage:ident, $conf:expr, $reason:literal,
        must [$($yes:literal),* $(,)?], must_not [$($no:literal),* $(,)?]; )*) => {
        /// A rule's stable id. Users filter on the ids: they never change meaning.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub enum RuleId {
            $( #[doc = $reason] $variant, )*
        }

        impl RuleId {
            /// Every rule, in the registry's order.
            pub const ALL: &'static [RuleId] = &[$(RuleId::$variant),*];

            /// The id as written in the output ("quote.before").
            pub fn as_str(self) -> &'static str {
                match self { $(RuleId::$variant => $id,)* }
            }

            /// The id as `mentions.source` writes it ("rule:person.title"), a constant:
            /// a row per mention needs no string built.
            pub fn source_label(self) -> &'static str {
                match self { $(RuleId::$variant => concat!("rule:", $id),)* }
            }

            /// The stage whose rows carry the id.
            pub fn stage(self) -> Stage {
                match self { $(RuleId::$variant => Stage::$stage,)* }
            }

            /// The confidence written with a claim of this rule; `None` for mention rules.
            pub fn confidence(self) -> Option<f32> {
                match self { $(RuleId::$variant => $conf,)* }
            }

            /// Why the rule exists, in one line.
            pub fn reason(self) -> &'static str {
                match self { $(RuleId::$variant => $reason,)* }
            }

            /// Texts whose output must carry the id.
            pub fn must_match(self) -> &'static [&'static str] {
                match self { $(RuleId::$variant => &[$($yes),*],)* }
            }

            /// Near misses whose output must not carry the id.
            pub fn must_not_match(self) -> &'static [&'static str] {
                match self { $(RuleId::$variant => &[$($no),*],)* }
            }
        }
    };
}

registry! {
    Gazetteer = "gazetteer", Match, None,
        "a name or alias of a gazetteer row, with the evidence its form needs (a locative before \"Reading\")",
        must ["The ferry to Denver leaves at noon."],
        must_not ["Reading is fun on a rainy day."];
    PersonTitle = "person.title", Match, None,
        "an honorific or title before capitalised words names a person: \"Gen. Ada Brook\"",
        must ["Gen. Tomas Vrba inspected the harbour in Dunmore on Monday."],
        must_not ["The Gen. Assembly met in Dunmore on Monday."];
    PersonGivenName = "person.given-name", Match, None,
        "a known given name (or an initial, or a capitalised or hyphenated given name) followed by capitalised words is a full name: \"Maria Lindqvist\"",
        must ["Ada Brook opened the new library in Kelso on Tuesday."],
        must_not ["Brook Street in Kelso was closed on Tuesday."];
    PersonSpeechCue = "person.speech-cue", Match, None,
        "capitalised words right before or after a speech verb are a speaker: \"said Ed Voss\"",
        must ["The bridge will reopen next month, said Vrba Kellan on Friday.", "Orvo Kellan said the bridge will reopen next month."],
        must_not ["The bridge will reopen next month, officials said on Friday.", "The bridge will reopen next month, said the Kelso Council on Friday."];
    PersonApposition = "person.apposition", Match, None,
        "capitalised words followed by \", a/the/who ...\" describe a person",
        must ["Vrba Kellan, a retired engineer, inspected the bridge in Dunmore."],
        must_not ["Dunmore, a small port town, welcomed the new ferry."];
    PersonSuffix = "person.suffix", Match, None,
        "a name ending in Jr., Sr. or a roman numeral is a person",
        must ["Orvo Kellan Jr. opened the new bakery in Kelso.", "The bakery was opened by Vrba Kellan Sr. on Monday."],
        must_not ["Orvo Kellan opened the new bakery in Kelso.", "The Apollo XI exhibition opened in Kelso on Monday."];
    PersonOccupation = "person.occupation", Match, None,
        "an occupation noun before capitalised words names a person: \"singer Ola Berg\"",
        must ["Singer Kellan Orvo performed in Dunmore on Saturday."],
        must_not ["The singer performed in Dunmore on Saturday."];
    PersonSurname = "person.surname", Match, None,
        "a surname (or last two names) of a person named in full earlier or later in the document",
        must ["Mira Okafor opened the new clinic in Kelso. Okafor hopes it will serve 2,000 patients.", "Mira Okafor opened the new clinic in Kelso on Monday. Later, Okafor toured the wards."],
        must_not ["Okafor hopes the new clinic in Kelso will serve 2,000 patients.", "Okafor Street in Kelso was closed for repairs on Monday."];
    PersonTable = "person.table", Match, None,
        "in a sports report, an unknown side of a results or standings table whose known sides are people is a person",
        must ["ATHLETICS - RESULTS .\nResults of the women 's 400 metres at the athletics meeting on Friday , a championship race :\n1. Mira Okafor ( Norway ) 50.31 seconds\n2. Tavi Lunde ( Sweden ) 50.42\n3. Ada Brook ( Kenya ) 51.10"],
        must_not ["SOCCER - LEAGUE RESULTS .\nResults of league matches played on Saturday :\nLeeds 2 Hull 1\nBrackwater 0 Tolland 3\nThe goals all came in the second half of the matches ."];
    OrgHead = "org.head", Match, None,
        "capitalised words ending in an organisation noun: \"Senate Finance Committee\"",
        must ["The Dunmore Harbour Commission approved the new ferry route."],
        must_not ["The harbour in Dunmore reopened after repairs."];
    OrgAdministration = "org.administration", Match, None,
        "a leader's name or a demonym before \"administration\"/\"government\"",
        must ["The Okafor administration approved the new ferry route."],
        must_not ["The new administration building in Kelso opened on Monday."];
    OrgCompany = "org.company", Match, None,
        "\"the X company/firm/network\": X is an organisation",
        must ["Ada Brook joined the Kellmark company in 2019."],
        must_not ["Ada Brook joined the company in 2019."];
    OrgParty = "org.party", Match, None,
        "capitalised words before \"party\" name a political party",
        must ["Ada Brook joined the Green Future party in 2019."],
        must_not ["Ada Brook danced at the French party in Kelso."];
    OrgCopyright = "org.copyright", Match, None,
        "the holder in \"X ©\" is an organisation",
        must ["Photo: Kellmark Media ©"],
        must_not ["Photo: Ada Brook, all rights reserved"];
    OrgStation = "org.station", Match, None,
        "a broadcaster's acronym followed by a place is a station: \"NBC Denver\"",
        must ["Ada Brook told NBC Denver that the bridge would reopen."],
        must_not ["Ada Brook told reporters in Denver that the bridge would reopen."];
    OrgTeam = "org.team", Match, None,
        "in a sports report, a town, a division or a lone unlisted name with a score or a result verb beside it is its club",
        must ["Dunmore Rovers beat Kelso United 3-1 in the league on Saturday, with the striker scoring two goals.", "Leeds beat Hull 3-1 in the league on Saturday, with the striker scoring two goals in the soccer match.", "Brackwater beat Tolland 3-1 in the league on Saturday, with the striker scoring two goals in the soccer match."],
        must_not ["Dunmore Rovers held a charity dinner for elderly residents of the town.", "Leeds beat Hull 3-1 in a council vote on the new ferry route."];
    OrgTable = "org.table", Match, None,
        "in a sports report, the sides of a results, standings or fixtures table whose known sides are places or clubs are clubs, and so is every other mention of them",
        must ["SOCCER - LEAGUE TABLE .\nThe league standings after the matches played on Saturday , with goals for and against :\nLeeds 4 3 1 0 9 2 10\nOld Brackwater 4 1 1 2 3 6 4"],
        must_not ["COUNCIL VOTE .\nSeats won by each party in the ward count on Saturday :\nLeeds 4 3 1 0 9 2 10\nOld Brackwater 4 1 1 2 3 6 4", "ATHLETICS - RESULTS .\nResults of the women 's 400 metres at the athletics meeting on Friday , a championship race :\n1. Mira Okafor ( Norway ) 50.31 seconds\n2. Tavi Lunde ( Sweden ) 50.42\n3. Ada Brook ( Kenya ) 51.10"];
    NameHeadline = "name.headline-caps", Match, None,
        "a name in capitals in a headline is the name the body writes in lower case, of the body's type",
        must ["OKAFOR OPENS CLINIC\nMira Okafor opened the new clinic in Kelso on Monday."],
        must_not ["DOCTORS OPEN CLINIC\nMira Okafor opened the new clinic in Kelso on Monday."];
    OrgKindBefore = "org.kind-before", Match, None,
        "a name of up to three words right after an organisation's kind noun: \"tyre giant Zetaco\", \"the Dutch bank Verdabank\"",
        must ["Shares of the tyre giant Zetaco rose on Monday.", "The Dutch bank Verdabank cut its rates."],
        must_not ["The bank President Ada Brook cut its rates.", "The bank on Main Street cut its rates."];
    OrgRepeat = "org.repeat", Match, None,
        "a name that a rule found as an organisation is that organisation wherever else the document writes it",
        must ["Shares of the tyre giant Zetaco rose on Monday. Analysts said Zetaco would expand."],
        must_not ["Analysts said Zetaco would expand."];
    OrgAcronym = "org.acronym", Match, None,
        "an all-capital acronym that spells the initials of an organisation named in the document",
        must ["The Dunmore Harbour Commission met on Monday. The DHC approved the new ferry route."],
        must_not ["The Dunmore Harbour Commission met on Monday. The XYZ approved the new ferry route."];
    QuoteAfterSpeakerCue = "quote.after.speaker-cue", Attribute, Some(0.95),
        "“…,” Ada Brook said / “…,” she said: speaker and cue right after the quote",
        must ["“We will rebuild the bridge,” Ada Brook said."],
        must_not ["“We will rebuild the bridge.”"];
    QuoteAfterCueSpeaker = "quote.after.cue-speaker", Attribute, Some(0.95),
        "“…,” said Ada Brook: cue then speaker right after the quote",
        must ["“We will rebuild the bridge,” said Ada Brook."],
        must_not ["“We will rebuild the bridge,” Ada Brook said."];
    QuoteAfterSpeakerVerb = "quote.after.speaker-verb", Attribute, Some(0.85),
        "“…,” Brook charged. / “…,” he continued.: a person and a verb closing the clause",
        must ["Ada Brook opened the meeting. “This plan is a disgrace,” Brook charged."],
        must_not ["Ada Brook opened the meeting. “This plan is a disgrace,” Brook said."];
    QuoteBefore = "quote.before", Attribute, Some(0.9),
        "Ada Brook said: “…” / according to Ada Brook, “…”: cue right before the quote",
        must ["Ada Brook said: “We will rebuild the bridge.”"],
        must_not ["“We will rebuild the bridge,” Ada Brook said."];
    QuoteSentenceCue = "quote.sentence-cue", Attribute, Some(0.8),
        "a cue elsewhere in the quote's sentence: X said they are “deeply worried”",
        must ["Ada Brook said residents are “deeply worried” about the bridge."],
        must_not ["Residents are “deeply worried” about the bridge."];
    QuoteColon = "quote.colon", Attribute, Some(0.6),
        "Ada Brook praises the plan: “…”: the sentence's named subject introduces the quote with a colon, also from a paragraph ending in a colon",
        must ["Ada Brook praises the plan: “It is the best route we have.”"],
        must_not ["The plan is simple: “rebuild the bridge first.”"];
    QuoteNextSentence = "quote.next-sentence", Attribute, Some(0.7),
        "no cue in the sentence, a short attribution follows: “…” Brook said.",
        must ["“We will rebuild the bridge.” Brook said."],
        must_not ["“We will rebuild the bridge.” The work starts in May."];
    QuoteContinuation = "quote.continuation", Attribute, Some(0.75),
        "no cue, an earlier quote in the same paragraph has a speaker",
        must ["“We will rebuild the bridge,” Ada Brook said. “It will take two years.”"],
        must_not ["“We will rebuild the bridge.” “It will take two years.”"];
    QuoteTranscript = "quote.transcript", Attribute, Some(0.9),
        "a quoted transcript turn opens with its speaker's label: “BROOK: We are ready.”",
        must ["Ada Brook spoke to the council.\n\n“BROOK: We are ready to sail at dawn.”"],
        must_not ["“Note: the office is closed on Monday.”"];
    QuoteAsPutIt = "quote.as-put-it", Attribute, Some(0.85),
        "the quote's sentence says whose words they are: as Ada Brook put it, “…”",
        must ["The plan is, as Ada Brook put it, “a bridge to nowhere.”"],
        must_not ["The plan is, as the council put the vote off, “a bridge to nowhere.”"];
    QuoteDashCredit = "quote.dash-credit", Attribute, Some(0.85),
        "a quote credited with a dash at the end of its line: “…” ― Ada Brook",
        must ["“The best mayor this town has had.” ― Ada Brook"],
        must_not ["“The best mayor this town has had.” ― and nobody disagreed."];
    QuoteParagraphContinuation = "quote.paragraph-continuation", Attribute, Some(0.7),
        "a paragraph that is only a quote continues the speaker of the quote closing the paragraph before",
        must ["Ada Brook said: “The mill is closing.”\n\n“Three hundred people will lose their jobs.”"],
        must_not ["Ada Brook said: “The mill is closing.”\n\nThe mill opened in 1902.\n\n“Three hundred people will lose their jobs.”"];
    QuotePreviousSentence = "quote.previous-sentence", Attribute, Some(0.6),
        "no cue, the sentence before names who spoke: “Brook announced the fees. “We …”",
        must ["Ada Brook announced the new fees on Monday. “We have no other choice.”"],
        must_not ["The council met on Monday. “We have no other choice.”"];
    QuoteScare = "quote.scare", Attribute, Some(0.5),
        "a short quoted fragment nobody is found to have said is a scare quote or a term (kept with --all-quotes, kind term)",
        must ["It was said that the plan was “dead on arrival” in May."],
        must_not ["The mayor called the plan “a gift to polluters.”"];
    QuoteUnattributed = "quote.unattributed", Attribute, Some(0.1),
        "no cue and no earlier speaker: speaker left unknown",
        must ["“We have no other choice.”"],
        must_not ["“We have no other choice,” Ada Brook said."];
    QuoteNotSpeech = "quote.not-speech", Attribute, Some(1.0),
        "a title, scare quote or nickname: not speech (written with --all-quotes)",
        must ["Residents are “deeply worried” about the bridge.", "Ada Brook read the novel “The Quiet Harbour” to pupils in Kelso."],
        must_not ["“Residents are deeply worried about the bridge,” Ada Brook said.", "Ada Brook said: “The Quiet Harbour is my favourite place.”"];
    ClaimColon = "claim.colon", Claims, Some(0.75),
        "Ada Brook: The port will reopen.: a name and a colon opening a headline or a transcript line",
        must ["Ada Brook: The port will reopen next week."],
        must_not ["Update: The port will reopen next week."];
    ClaimSubjectCue = "claim.subject-cue", Claims, Some(0.85),
        "Ada Brook said (that) …: a named or unnamed subject before a speech verb",
        must ["Ada Brook said the port will reopen next week.", "Port officials said that the ferry will resume in May."],
        must_not ["The port authority declined to comment on the plan.", "Officials did not say whether the port will reopen."];
    ClaimPronounCue = "claim.pronoun-cue", Claims, Some(0.7),
        "…, he said.: a pronoun subject resolved to the nearest named person",
        must ["Ada Brook visited the port on Monday. The port will reopen next week, she said.", "Tomas Vrba toured the ferry terminal. The new route will cut fares, he said."],
        must_not ["Ada Brook visited the port on Monday. The port will reopen next week.", "The new route will cut fares, he said."];
    ClaimAccordingTo = "claim.according-to", Claims, Some(0.85),
        "…, according to former officials: the source after \"according to\"",
        must ["The port will reopen next week, according to former officials."],
        must_not ["The port will reopen next week, in line with the plan."];
    ClaimCueSubject = "claim.cue-subject", Claims, Some(0.8),
        "…, said Ada Brook: the source after the verb",
        must ["The port will reopen next week, said Ada Brook."],
        must_not ["The port will reopen next week, Ada Brook hoped."];
}

impl RuleId {
    /// The rule of an id as written; `None` for an unknown id.
    pub fn parse(id: &str) -> Option<RuleId> {
        RuleId::ALL.iter().copied().find(|r| r.as_str() == id)
    }

    /// The confidence of a claim rule (a mention rule has none: 1.0).
    pub fn claim_confidence(self) -> f32 {
        self.confidence().unwrap_or(1.0)
    }
}

impl std::fmt::Display for RuleId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One row of `whosaid rules`: a registry rule, or a user rule of a `patterns.tsv`.
#[derive(Debug, Clone, Serialize)]
pub struct RuleRow<'a> {
    /// The id as written in the output.
    pub id: &'a str,
    /// The stage whose rows carry it.
    pub stage: &'static str,
    /// The confidence of its claims; none for mention rules.
    pub confidence: Option<f32>,
    /// Why the rule exists.
    pub reason: &'a str,
    /// Texts it must match (none for a user rule).
    pub must_match: Vec<&'a str>,
    /// Texts it must not match (none for a user rule).
    pub must_not_match: Vec<&'a str>,
}

/// The registry as rows, in order.
pub fn rows() -> Vec<RuleRow<'static>> {
    RuleId::ALL
        .iter()
        .map(|&r| RuleRow {
            id: r.as_str(),
            stage: r.stage().as_str(),
            confidence: r.confidence(),
            reason: r.reason(),
            must_match: r.must_match().to_vec(),
            must_not_match: r.must_not_match().to_vec(),
        })
        .collect()
}

/// The registry's rows, then the user's rules (mention rules, with no examples).
pub fn rows_with(user: &UserRules) -> Vec<RuleRow<'_>> {
    let mut out = rows();
    out.extend(user.rules().iter().map(|r| RuleRow {
        id: r.id,
        stage: Stage::Match.as_str(),
        confidence: None,
        reason: &r.reason,
        must_match: Vec::new(),
        must_not_match: Vec::new(),
    }));
    out
}

/// A confidence as the claims table writes it ("0.85"), empty for none.
fn confidence_text(c: Option<f32>) -> String {
    c.map(|c| format!("{c:.2}")).unwrap_or_default()
}

/// The registry as CSV: `id,stage,confidence,reason,must_match,must_not_match`, examples
/// `|`-separated as the list columns of the output tables are.
pub fn csv() -> String {
    csv_with(&UserRules::default())
}

/// [`csv`] with the user's rules after the registry's.
pub fn csv_with(user: &UserRules) -> String {
    let mut w = ::csv::Writer::from_writer(Vec::new());
    for r in rows_with(user) {
        // Writing into memory cannot fail.
        w.serialize((
            r.id,
            r.stage,
            confidence_text(r.confidence),
            r.reason,
            r.must_match.join("|"),
            r.must_not_match.join("|"),
        ))
        .expect("a registry row serialises");
    }
    let body = w.into_inner().expect("in-memory CSV writer flushes");
    let mut out = String::from("id,stage,confidence,reason,must_match,must_not_match\n");
    out.push_str(&String::from_utf8_lossy(&body));
    out
}

/// The registry as JSON lines, one rule a line, examples as arrays.
pub fn jsonl() -> String {
    jsonl_with(&UserRules::default())
}

/// [`jsonl`] with the user's rules after the registry's.
pub fn jsonl_with(user: &UserRules) -> String {
    let mut out = String::new();
    for r in rows_with(user) {
        out.push_str(&serde_json::to_string(&r).expect("a registry row serialises"));
        out.push('\n');
    }
    out
}

/// The registry as a Markdown table (`id | stage | confidence | reason`), as the README
/// shows it.
pub fn markdown() -> String {
    markdown_with(&UserRules::default())
}

/// [`markdown`] with the user's rules after the registry's.
pub fn markdown_with(user: &UserRules) -> String {
    let mut s = String::from("| id | stage | confidence | reason |\n|---|---|---|---|\n");
    for r in rows_with(user) {
        s.push_str(&format!(
            "| `{}` | {} | {} | {} |\n",
            r.id,
            r.stage,
            confidence_text(r.confidence),
            r.reason.replace('|', "\\|")
        ));
    }
    s
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn source_labels_are_the_ids_with_their_prefix() {
        for &id in RuleId::ALL {
            assert_eq!(id.source_label(), format!("rule:{id}"));
        }
    }

    #[test]
    fn ids_are_unique_and_parse_back() {
        for &r in RuleId::ALL {
            assert_eq!(RuleId::parse(r.as_str()), Some(r));
        }
        let ids: std::collections::HashSet<&str> = RuleId::ALL.iter().map(|r| r.as_str()).collect();
        assert_eq!(ids.len(), RuleId::ALL.len());
    }

    #[test]
    fn every_rule_has_examples_both_ways() {
        for &r in RuleId::ALL {
            assert!(!r.must_match().is_empty(), "{r}: no must-match example");
            assert!(
                !r.must_not_match().is_empty(),
                "{r}: no must-not-match example"
            );
        }
    }

    #[test]
    fn claim_rules_have_a_confidence_mention_rules_none() {
        for &r in RuleId::ALL {
            assert_eq!(r.confidence().is_some(), r.stage() != Stage::Match, "{r}");
        }
    }
}
