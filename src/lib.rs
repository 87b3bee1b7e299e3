#![warn(missing_docs)]
//! whosaid: who is mentioned in news text, and who said what.
//!
//! The pipeline reads as a chain, one module per stage, plain data between them:
//! [`gazetteer`] (load) -> [`read`] -> [`segment`] -> `matcher` + `rules` (match) ->
//! `resolve` -> [`quotes`] -> `attribute` -> `claims` -> [`write`](mod@write).
//!
//! ```
//! use whosaid::{Document, Gazetteers, Pipeline, Options};
//! let pipeline = Pipeline::new(Gazetteers::builtin(), Options::default());
//! let doc = Document::new("d1", "“We are ready,” said Ada Brook, a retired naval officer.");
//! let out = pipeline.extract(&doc);
//! assert_eq!(out.claims[0].speaker.as_ref().unwrap().name, "Ada Brook");
//! ```

pub(crate) mod attribute;
pub(crate) mod claims;
pub mod error;
pub mod explain;
pub mod gazetteer;
pub mod lang;
pub(crate) mod matcher;
pub(crate) mod offsets;
pub mod quotes;
pub mod read;
pub mod registry;
pub(crate) mod resolve;
pub(crate) mod rules;
pub mod run;
pub mod segment;
pub(crate) mod sources;
pub mod types;
pub(crate) mod wordmap;
pub(crate) mod words;
pub mod write;

pub use error::{Error, GazetteerError, InputError};
pub use gazetteer::Gazetteers;
pub use lang::Language;
pub use registry::RuleId;
pub use types::*;

use matcher::GazMatcher;

/// What to extract beyond the defaults.
#[derive(Debug, Clone, Copy, Default)]
pub struct Options {
    /// Also write titles, scare quotes and nicknames as claims rows, with their kind.
    pub all_quotes: bool,
}

/// The compiled pipeline: gazetteers and their matcher, shared by all threads.
pub struct Pipeline {
    gaz: Gazetteers,
    matcher: GazMatcher,
    options: Options,
}

impl Pipeline {
    /// Indexes the gazetteers' names and aliases for matching, once: build one
    /// pipeline and share it across threads.
    pub fn new(gaz: Gazetteers, options: Options) -> Pipeline {
        let matcher = GazMatcher::new(&gaz);
        Pipeline {
            gaz,
            matcher,
            options,
        }
    }

    /// The gazetteers the pipeline was built with.
    pub fn gazetteers(&self) -> &Gazetteers {
        &self.gaz
    }

    /// Runs every stage on one document. Text past its first 4 GiB is not segmented, so
    /// nothing is found there (tokens keep 32-bit offsets); the readers refuse documents
    /// over [`MAX_DOCUMENT_BYTES`](read::MAX_DOCUMENT_BYTES) long before that.
    pub fn extract(&self, doc: &Document) -> Extraction {
        self.stages(doc, None)
    }

    /// Runs every stage on one document and explains each claim: the candidates every
    /// rung of the sieve considered and why the winner won. The extraction is the one
    /// [`extract`](Pipeline::extract) gives; the explanations are in claim order.
    pub fn explain(&self, doc: &Document) -> (Extraction, Vec<explain::Explanation>) {
        let mut why = Vec::new();
        let ex = self.stages(doc, Some(&mut why));
        (ex, why)
    }

    /// Stage 4: the gazetteer matches of a segmented document.
    fn matches(&self, text: &str, seg: &segment::Segments) -> Vec<Candidate> {
        self.matcher.find(text, seg, &self.gaz)
    }

    /// Stage 4b: the pattern rules' candidates, added to the matches and settled: the
    /// mentions that resolve groups.
    fn rule_candidates(
        &self,
        text: &str,
        seg: &segment::Segments,
        mut cands: Vec<Candidate>,
    ) -> Vec<Candidate> {
        let lang = &self.gaz.language;
        let ctx = rules::Ctx::new(text, seg, lang);
        cands.extend(rules::find(&ctx));
        // Nationality words ("Russian") are not entities even when a list holds them.
        // (A one-word candidate's classes are its token's, looked up when it was tagged:
        // a second lookup was a cache miss in a large table.)
        cands.retain(|c| {
            let lex = seg
                .token_spanning(c.span)
                .map_or_else(|| lang.classes(c.span.of(text)), |t| t.lex);
            !lex.has(lang::Class::Demonym)
        });
        rules::team::retype(text, seg, &self.gaz, &mut cands);
        // The user's rules come last: no built-in filter or retyping applies to them.
        cands.extend(rules::user::find(&self.gaz.patterns, text));
        rules::document::apply(text, seg, resolve::select(cands))
    }

    fn stages(&self, doc: &Document, why: Option<&mut Vec<explain::Explanation>>) -> Extraction {
        let text = doc.text.as_str();
        let lang = &self.gaz.language;
        let seg = segment::segment(text, lang);
        let selected = self.rule_candidates(text, &seg, self.matches(text, &seg));
        let (entities, mentions) = resolve::resolve(text, &self.gaz, selected);

        let mut warnings = Vec::new();
        if let Some(before) = &doc.renamed_from {
            warnings.push(Warning {
                offset: 0,
                message: format!(
                    "doc_id {before:?} is used by an earlier document of the run; this \
                     document's rows use {:?}: give each document its own id",
                    doc.id
                ),
            });
        }
        let mut quotes = quotes::find(text, &mut warnings);
        quotes::classify(text, &seg, lang, &mut quotes);
        let view = sources::DocView {
            text,
            seg: &seg,
            lang,
            mentions: &mentions,
            entities: &entities,
            quotes: &quotes,
        };
        let mut traces = Vec::new();
        let tracing = why.is_some();
        let (mut claims, used) = attribute::attribute(&view, tracing.then_some(&mut traces));
        if !self.options.all_quotes {
            claims.retain(|c| !matches!(c.rule, RuleId::QuoteNotSpeech | RuleId::QuoteScare));
        }
        claims.extend(claims::find(&view, &used));
        claims.sort_by_key(|c| (c.content.start, c.content.end));
        if let Some(why) = why {
            *why = explain::build(&view, &claims, &traces, &quotes);
        }
        Extraction {
            doc_id: doc.id.clone(),
            entities,
            mentions,
            claims,
            warnings,
        }
    }
}

/// The stages one at a time, for the per-stage benchmarks in `benches/`: not a stable API.
#[doc(hidden)]
pub mod stages {
    use crate::segment::Segments;
    use crate::{Candidate, Entity, Mention, Pipeline};

    /// Stage 4a: gazetteer matching.
    pub fn matches(p: &Pipeline, text: &str, seg: &Segments) -> Vec<Candidate> {
        p.matches(text, seg)
    }

    /// Stage 4b: pattern rules, retyping, selection and the document rules. `seg` must be
    /// tagged with the pipeline's language, as [`segment`](crate::segment::segment) with
    /// `p`'s gazetteers tags it: some filters read the tokens' classes.
    pub fn rules(p: &Pipeline, text: &str, seg: &Segments, m: Vec<Candidate>) -> Vec<Candidate> {
        p.rule_candidates(text, seg, m)
    }

    /// Stage 5: mentions grouped into entities.
    pub fn resolve(
        p: &Pipeline,
        text: &str,
        selected: Vec<Candidate>,
    ) -> (Vec<Entity>, Vec<Mention>) {
        crate::resolve::resolve(text, p.gazetteers(), selected)
    }
}
