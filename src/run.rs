//! A batch run: read -> extract in parallel -> write in input order. Documents flow in
//! bounded batches, so memory stays flat however large the input; a bad document becomes
//! an error row and the others go on.

use crate::Pipeline;
use crate::error::{Error, InputError};
use crate::read;
use crate::types::{Document, Extraction};
use crate::write::{Format, Sink};
use rayon::prelude::*;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::time::Instant;

/// What to run on and where to write.
#[derive(Debug, Clone)]
pub struct RunConfig {
    pub inputs: Vec<PathBuf>,
    pub out: PathBuf,
    pub format: Format,
    /// 0 means all cores.
    pub threads: usize,
    pub quiet: bool,
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    pub documents: usize,
    pub errors: usize,
    pub bytes: usize,
    pub seconds: f64,
}

impl Summary {
    pub fn line(&self) -> String {
        let mb = self.bytes as f64 / 1e6;
        let rate = if self.seconds > 0.0 {
            mb / self.seconds
        } else {
            0.0
        };
        format!(
            "whosaid: {} documents, {} errors, {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.documents, self.errors, mb, self.seconds, rate
        )
    }
}

/// Documents per parallel batch: large enough to keep threads busy, small enough to bound memory.
const BATCH: usize = 256;

type Outcome = Result<(Document, Extraction), InputError>;

/// Runs the pipeline over every input and writes the tables into `config.out`.
pub fn run(pipeline: &Pipeline, config: &RunConfig) -> Result<Summary, Error> {
    let started = Instant::now();
    let sources = read::sources(&config.inputs)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(config.threads)
        .build()
        .expect("thread pool");
    let mut sink = Sink::create(&config.out, config.format)?;
    let mut summary = Summary::default();
    let mut docs = read::documents(sources);
    loop {
        let batch: Vec<Result<Document, InputError>> = docs.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            break;
        }
        let results: Vec<Outcome> = pool.install(|| {
            batch
                .into_par_iter()
                .map(|d| extract_one(pipeline, d))
                .collect()
        });
        for r in results {
            match r {
                Ok((doc, ex)) => {
                    summary.documents += 1;
                    summary.bytes += doc.text.len();
                    sink.write(&doc, &ex, &doc.id)?;
                    if !config.quiet {
                        for w in &ex.warnings {
                            eprintln!("whosaid: warning: {}: {}", doc.id, w.message);
                        }
                    }
                }
                Err(e) => {
                    summary.errors += 1;
                    if !config.quiet {
                        eprintln!("whosaid: error: {e}");
                    }
                    sink.error(&e)?;
                }
            }
        }
    }
    sink.finish()?;
    summary.seconds = started.elapsed().as_secs_f64();
    Ok(summary)
}

/// Extracts one document; a panic in a stage becomes an error for this document only.
fn extract_one(pipeline: &Pipeline, d: Result<Document, InputError>) -> Outcome {
    let doc = d?;
    match catch_unwind(AssertUnwindSafe(|| pipeline.extract(&doc))) {
        Ok(ex) => Ok((doc, ex)),
        Err(_) => Err(InputError {
            source_name: doc.id.clone(),
            line: None,
            doc_id: Some(doc.id.clone()),
            message: "internal error while extracting this document; please report it".to_string(),
        }),
    }
}
