//! A batch run: read -> extract in parallel -> write in input order, as three stages on
//! their own threads joined by bounded channels. Batches are bounded in documents and in
//! bytes, so memory stays flat however large the input; a bad document becomes an error
//! row and the others go on.

use crate::Pipeline;
use crate::error::{Error, InputError};
use crate::read;
use crate::read::Pending;
use crate::types::{Document, Extraction};
use crate::write::{self, Format, Rendered, Sink};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::collections::BTreeMap;
use std::io::{IsTerminal, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::mpsc::sync_channel;
use std::sync::{Condvar, Mutex};
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
    pub warnings: usize,
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
            "whosaid: {} documents, {} errors, {} warnings, {:.1} MB in {:.2} s ({:.1} MB/s)",
            self.documents, self.errors, self.warnings, mb, self.seconds, rate
        )
    }
}

/// Documents and bytes that may be in flight (read but not yet written): enough to keep
/// every worker busy while one works through a long document, small enough to keep memory
/// flat whatever the input's size.
const WINDOW_CHUNKS: usize = 64;
const WINDOW_BYTES: usize = 64 << 20;
/// A chunk: the unit a worker takes at a time.
const CHUNK_DOCS: usize = 32;
const CHUNK_BYTES: usize = 1 << 20;

/// One document's outcome.
pub type Outcome = Result<(Document, Extraction), InputError>;

/// What the writer thread receives per document: its rendered rows, and what the summary
/// and the error messages need.
struct Done {
    rendered: Rendered,
    bytes: usize,
    warnings: usize,
    error: Option<InputError>,
}

/// What is in flight between the reader and the writer, for back-pressure.
struct InFlight {
    state: Mutex<(usize, usize)>,
    freed: Condvar,
}

impl InFlight {
    /// Waits until a chunk of `bytes` fits in the window, then counts it in. A chunk
    /// larger than the window still goes through, alone.
    fn enter(&self, bytes: usize) {
        let mut s = self.state.lock().expect("in-flight lock");
        while s.0 > 0 && (s.0 >= WINDOW_CHUNKS || s.1 + bytes > WINDOW_BYTES) {
            s = self.freed.wait(s).expect("in-flight lock");
        }
        s.0 += 1;
        s.1 += bytes;
    }

    fn leave(&self, bytes: usize) {
        let mut s = self.state.lock().expect("in-flight lock");
        s.0 -= 1;
        s.1 -= bytes;
        self.freed.notify_one();
    }
}

/// Reads `docs`, resolves and extracts them on `threads` worker threads (each takes the
/// next document as soon as it is free), renders each outcome there with `render`, and
/// hands the rendered rows to `write` in input order. Reading, extracting and writing
/// overlap; a window bounds what is in flight.
pub fn drive<I, R, W>(
    pipeline: &Pipeline,
    docs: I,
    threads: usize,
    render: R,
    mut write: W,
) -> Result<Summary, Error>
where
    I: Iterator<Item = Pending> + Send,
    R: Fn(&Outcome) -> Rendered + Sync,
    W: FnMut(&Rendered, usize, Option<&InputError>) -> Result<(), Error> + Send,
{
    let started = Instant::now();
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    let (todo_tx, todo_rx) = sync_channel::<(usize, usize, Vec<Pending>)>(threads * 4);
    let todo_rx = Mutex::new(todo_rx);
    let (done_tx, done_rx) = sync_channel::<(usize, usize, Vec<Done>)>(threads * 4);
    let window = InFlight {
        state: Mutex::new((0, 0)),
        freed: Condvar::new(),
    };
    std::thread::scope(|scope| {
        let window = &window;
        // Documents travel in small chunks: one message per document would cost more in
        // locking and waking than short news articles take to extract.
        scope.spawn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            let mut seq = 0;
            let mut docs = docs.peekable();
            while let Some(d) = docs.next() {
                bytes += d.len();
                chunk.push(d);
                if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES || docs.peek().is_none() {
                    window.enter(bytes);
                    if todo_tx
                        .send((seq, bytes, std::mem::take(&mut chunk)))
                        .is_err()
                    {
                        return;
                    }
                    seq += 1;
                    bytes = 0;
                }
            }
        });
        for _ in 0..threads {
            let (todo_rx, done_tx, render) = (&todo_rx, done_tx.clone(), &render);
            scope.spawn(move || {
                loop {
                    let next = todo_rx.lock().expect("work queue lock").recv();
                    let Ok((seq, held, chunk)) = next else { return };
                    let done = chunk
                        .into_iter()
                        .map(|p| {
                            let outcome = extract_one(pipeline, p.resolve());
                            let rendered = render(&outcome);
                            match outcome {
                                Ok((doc, ex)) => Done {
                                    rendered,
                                    bytes: doc.text.len(),
                                    warnings: ex.warnings.len(),
                                    error: None,
                                },
                                Err(e) => Done {
                                    rendered,
                                    bytes: 0,
                                    warnings: 0,
                                    error: Some(e),
                                },
                            }
                        })
                        .collect();
                    if done_tx.send((seq, held, done)).is_err() {
                        return;
                    }
                }
            });
        }
        drop(done_tx);
        // Put results back in input order as they arrive.
        let mut summary = Summary::default();
        let mut pending: BTreeMap<usize, (usize, Vec<Done>)> = BTreeMap::new();
        let mut next = 0;
        let mut failed = None;
        for (seq, held, done) in done_rx {
            pending.insert(seq, (held, done));
            while let Some((held, chunk)) = pending.remove(&next) {
                next += 1;
                window.leave(held);
                for d in &chunk {
                    if failed.is_some() {
                        break;
                    }
                    match &d.error {
                        None => {
                            summary.documents += 1;
                            summary.bytes += d.bytes;
                            summary.warnings += d.warnings;
                        }
                        Some(_) => summary.errors += 1,
                    }
                    if let Err(e) = write(&d.rendered, d.bytes, d.error.as_ref()) {
                        failed = Some(e);
                    }
                }
            }
        }
        if let Some(e) = failed {
            return Err(e);
        }
        summary.seconds = started.elapsed().as_secs_f64();
        Ok(summary)
    })
}

/// Extracts one document; a panic in a stage becomes an error for this document only.
fn extract_one(pipeline: &Pipeline, d: Result<Document, InputError>) -> Outcome {
    let doc = d?;
    match catch_unwind(AssertUnwindSafe(|| pipeline.extract(&doc))) {
        Ok(ex) => Ok((doc, ex)),
        Err(_) => Err(InputError {
            source_name: doc.source.clone(),
            line: None,
            doc_id: Some(doc.id.clone()),
            message: "internal error while extracting this document; please report it".to_string(),
        }),
    }
}

/// A progress bar on standard error when it is a terminal (documents, MB, rate, ETA).
fn progress(total_bytes: Option<u64>, quiet: bool) -> ProgressBar {
    if quiet || !std::io::stderr().is_terminal() {
        return ProgressBar::with_draw_target(None, ProgressDrawTarget::hidden());
    }
    let bar = match total_bytes {
        Some(n) => ProgressBar::new(n).with_style(
            ProgressStyle::with_template("{bar:30} {binary_bytes}/{binary_total_bytes} {binary_bytes_per_sec} ETA {eta} {msg}")
                .expect("template"),
        ),
        None => ProgressBar::new_spinner()
            .with_style(ProgressStyle::with_template("{spinner} {binary_bytes} {binary_bytes_per_sec} {msg}").expect("template")),
    };
    bar.set_draw_target(ProgressDrawTarget::stderr_with_hz(4));
    bar
}

/// Total size of the input files, for the progress bar; `None` when reading stdin.
fn total_bytes(sources: &[read::Source]) -> Option<u64> {
    sources.iter().try_fold(0u64, |acc, s| match s {
        read::Source::Text(p) | read::Source::JsonLines(p) => {
            Some(acc + std::fs::metadata(p).map_or(0, |m| m.len()))
        }
        read::Source::Stdin => None,
    })
}

/// `whosaid extract`: runs the pipeline over every input and writes the tables.
pub fn run(pipeline: &Pipeline, config: &RunConfig) -> Result<Summary, Error> {
    let sources = read::sources(&config.inputs)?;
    let bar = progress(total_bytes(&sources), config.quiet);
    let mut out = Sink::create(&config.out, config.format)?;
    let (quiet, format) = (config.quiet, config.format);
    let render = |o: &Outcome| match o {
        Ok((doc, ex)) => write::render(&write::rows(doc, ex, &doc.source), format),
        Err(e) => write::render_error(e, format),
    };
    let summary = drive(
        pipeline,
        read::documents(sources),
        config.threads,
        render,
        |r, bytes, err| {
            match err {
                None => bar.inc(bytes as u64),
                Some(e) if !quiet => bar.suspend(|| eprintln!("whosaid: error: {e}")),
                Some(_) => {}
            }
            out.append(r)
        },
    )?;
    bar.finish_and_clear();
    out.finish()?;
    Ok(summary)
}

/// `whosaid stream`: JSON lines in on standard input, one JSON line out per input line, in
/// input order: `{"id", "entities", "mentions", "claims", "warnings"}`, or `{"id", "error"}`
/// for a line that could not be read. Made to run under Spark's `RDD.pipe`, Hadoop
/// Streaming, `xargs` or GNU parallel.
pub fn stream(pipeline: &Pipeline, threads: usize) -> Result<Summary, Error> {
    let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    let docs = read::JsonLines::new("-".to_string(), "stdin".to_string(), stdin);
    let mut out = std::io::BufWriter::with_capacity(1 << 16, std::io::stdout());
    let render = |o: &Outcome| {
        let mut line = match o {
            Ok((doc, ex)) => serde_json::to_vec(&write::rows(doc, ex, &doc.source)),
            Err(e) => serde_json::to_vec(
                &serde_json::json!({"id": e.doc_id, "error": write::error_row(e)}),
            ),
        }
        .expect("a record serialises");
        line.push(b'\n');
        let mut r = Rendered::default();
        r.tables[0] = line;
        r
    };
    let io = |e: std::io::Error| Error::io("<stdout>", e);
    let summary = drive(pipeline, docs, threads, render, |r, _, _| {
        out.write_all(&r.tables[0]).map_err(io)
    })?;
    out.flush().map_err(io)?;
    Ok(summary)
}
