//! The review page: `report.html`, one self-contained file (inline CSS and JS, no request
//! to the network) to audit a whole run in a browser. Each document is rendered on the
//! worker threads into an inert `<template>` (its marked text) and a JSON block (its
//! claims with their explanations, its entities); the page builds a document's view only
//! when it is opened, so a run of thousands of documents stays light. The writer keeps a
//! small summary of each document for the index and writes it, with the script, at the end.

mod data;
mod markup;

use super::{Format, Outcome, Writer};
use crate::Pipeline;
use crate::error::Error;
use data::{DocSummary, RunIndex};
use std::io::{BufWriter, Write};
use std::path::PathBuf;
use tempfile::NamedTempFile;

const CSS: &str = include_str!("report.css");
const JS: &str = include_str!("report.js");

/// The review page of a run, written to `path` (under a temporary name until complete).
/// Explanations come from [`Pipeline::explain`], so it holds the run's pipeline.
pub struct HtmlReport<'p> {
    /// Where the page goes (`DIR/report.html`).
    pub path: PathBuf,
    /// The pipeline of the run, asked for each document's explanations.
    pub pipeline: &'p Pipeline,
}

/// One document of the page: its markup, and its line in the index.
pub struct RenderedDoc {
    html: String,
    summary: DocSummary,
}

impl Format for HtmlReport<'_> {
    type Rendered = RenderedDoc;

    fn render(&self, outcome: &Outcome) -> RenderedDoc {
        let (html, summary) = data::document(self.pipeline, outcome);
        RenderedDoc { html, summary }
    }

    fn open(&self) -> Result<Box<dyn Writer<RenderedDoc>>, Error> {
        let dir = match self.path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d.to_path_buf(),
            _ => PathBuf::from("."),
        };
        super::tables::out_folder(&dir)?;
        let tmp = super::output_file(&dir).map_err(|e| Error::io(&dir, e))?;
        let mut out = BufWriter::with_capacity(1 << 17, tmp);
        write!(out, "{}", head()).map_err(|e| Error::io(&self.path, e))?;
        Ok(Box::new(PageWriter {
            out,
            path: self.path.clone(),
            index: RunIndex::default(),
            tail_written: false,
        }))
    }
}

/// The page: written as documents arrive, the index and script appended by `finish`.
struct PageWriter {
    out: BufWriter<NamedTempFile>,
    path: PathBuf,
    index: RunIndex,
    tail_written: bool,
}

impl Writer<RenderedDoc> for PageWriter {
    fn write(&mut self, doc: &RenderedDoc) -> Result<(), Error> {
        let n = self.index.docs.len();
        let html = doc.html.replace("\u{0}N\u{0}", &n.to_string());
        self.out
            .write_all(html.as_bytes())
            .map_err(|e| Error::io(&self.path, e))?;
        self.index.add(n, &doc.summary);
        Ok(())
    }

    fn prepare(&mut self) -> Result<(), Error> {
        if !self.tail_written {
            self.tail_written = true;
            let index = data::script_json(&self.index);
            write!(
                self.out,
                "</div>\n<script type=\"application/json\" id=\"index\">{index}</script>\n\
                 <script>{JS}</script>\n</body>\n</html>\n"
            )
            .map_err(|e| Error::io(&self.path, e))?;
        }
        self.out.flush().map_err(|e| Error::io(&self.path, e))?;
        self.out
            .get_ref()
            .as_file()
            .sync_all()
            .map_err(|e| Error::io(&self.path, e))
    }

    fn finish(mut self: Box<Self>) -> Result<(), Error> {
        self.prepare()?;
        let tmp = self
            .out
            .into_inner()
            .map_err(|e| Error::io(&self.path, e.into_error()))?;
        tmp.persist(&self.path)
            .map_err(|e| Error::io(&self.path, e.error))?;
        Ok(())
    }
}

/// The page up to the documents: styles and the empty views the script fills.
fn head() -> String {
    format!(
        "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <title>whosaid review</title>\n<style>{CSS}</style>\n</head>\n<body>\n\
         <header><h1>whosaid review</h1><nav>\
         <button data-tab=\"docs\" class=\"on\">Documents</button>\
         <button data-tab=\"claims\">Claims</button>\
         <button data-tab=\"entities\">Entities</button></nav>\
         <span id=\"totals\"></span></header>\n\
         <section id=\"filters\">\
         <label>speaker <select id=\"f-speaker\"><option value=\"\">any</option></select></label>\
         <label>kind <select id=\"f-kind\"><option value=\"\">any</option></select></label>\
         <label>rule <select id=\"f-rule\"><option value=\"\">any</option></select></label>\
         <label>confidence below <input id=\"f-conf\" type=\"number\" min=\"0\" max=\"1.01\" \
         step=\"0.05\" value=\"1.01\"></label>\
         <button id=\"f-weak\" title=\"claims below 0.5\">weak ones</button>\
         <button id=\"f-clear\">clear</button></section>\n\
         <main>\n<section id=\"view-docs\" class=\"view\"><table id=\"doc-index\" class=\"grid\"></table></section>\n\
         <section id=\"view-claims\" class=\"view\" hidden><table id=\"claim-index\" class=\"grid\"></table></section>\n\
         <section id=\"view-entities\" class=\"view\" hidden><table id=\"entity-index\" class=\"grid\"></table>\
         <div id=\"entity-docs\"></div></section>\n\
         <section id=\"view-doc\" class=\"view\" hidden>\
         <div id=\"doc-head\"></div><p class=\"legend\">\
         <span class=\"m t-PERSON\">person</span> <span class=\"m t-ORG\">organisation</span> \
         <span class=\"m t-LOC\">place</span> <span class=\"c\">claim</span> \
         <span class=\"c\" data-conf=\"0.1\">weak claim (below 0.5)</span> \
         <span class=\"sp\">speaker as written</span> <span class=\"cue\">cue</span></p><div id=\"doc-body\"><article id=\"text\"></article>\
         <aside><div id=\"detail\"><p class=\"hint\">Click a highlighted claim to see who said \
         it, by which rule, and the other candidates.</p></div>\
         <h3>Entities</h3><table id=\"doc-entities\" class=\"grid\"></table></aside></div></section>\n\
         </main>\n<div id=\"docs\" hidden>\n"
    )
}
