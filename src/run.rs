//! A batch run: read -> extract in parallel -> write in input order, as three stages on
//! their own threads joined by bounded channels. Batches are bounded in documents and in
//! bytes, so memory stays flat however large the input; a bad document becomes an error
//! row and the others go on.

use crate::Pipeline;
use crate::error::{Error, InputError};
use crate::read;
use crate::read::Pending;
use crate::types::Document;
use crate::write::{Format, Stream};
use std::collections::BTreeMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{RecvTimeoutError, sync_channel};
use std::sync::{Arc, Condvar, Mutex};
use std::time::{Duration, Instant};

pub use crate::write::Outcome;

/// What to run on; where and how to write is the [`Format`] given to [`run`].
#[derive(Debug, Clone, Default)]
pub struct RunConfig {
    /// `.txt` files, folders of them, `.jsonl` files, or `-` for JSON lines on stdin.
    pub inputs: Vec<PathBuf>,
    /// Worker threads; 0 means all cores.
    pub threads: usize,
    /// Stops the run when set (a signal handler holds a clone): nothing is committed.
    pub cancel: Cancel,
}

/// A flag that stops a run early; clones share it. A cancelled run commits no output and
/// returns [`Error::Interrupted`].
#[derive(Debug, Clone, Default)]
pub struct Cancel(Arc<AtomicBool>);

impl Cancel {
    /// Asks the run to stop.
    pub fn cancel(&self) {
        self.0.store(true, Ordering::SeqCst);
    }
    /// True once [`cancel`](Cancel::cancel) was called.
    pub fn is_cancelled(&self) -> bool {
        self.0.load(Ordering::SeqCst)
    }
}

/// What a run did.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Summary {
    /// Documents extracted.
    pub documents: usize,
    /// Documents that could not be read or extracted.
    pub errors: usize,
    /// Warnings (unclosed quotation marks and the like) over all documents.
    pub warnings: usize,
    /// Bytes of text extracted.
    pub bytes: usize,
    /// Wall-clock time from the start until the last document was written.
    pub seconds: f64,
    /// Files inside input folders that were not read for their name (not .txt or .jsonl).
    pub skipped: Vec<PathBuf>,
}

impl Summary {
    /// One line for the user: counts, size, time and rate.
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

/// What a run reports while it goes. The library never prints: the caller (the command
/// line) turns these calls into a progress bar and messages. The calls come from the
/// thread that called [`run`], [`stream`] or [`drive`], documents in input order; every
/// method does nothing unless implemented.
pub trait Progress {
    /// The documents are about to be read; `total_bytes` is the size of the input files,
    /// `None` when it is not known (standard input).
    fn start(&mut self, _total_bytes: Option<u64>) {}

    /// A document was extracted and written; `bytes` is the size of its text.
    fn done(&mut self, _bytes: usize) {}

    /// A document could not be read or extracted; its error row was written.
    fn failed(&mut self, _error: &InputError) {}
}

/// A [`Progress`] that ignores everything.
#[derive(Debug, Clone, Copy, Default)]
pub struct Silent;

impl Progress for Silent {}

/// Documents and bytes that may be in flight (read but not yet written): enough to keep
/// every worker busy while one works through a long document, small enough to keep memory
/// flat whatever the input's size. Chunks per worker thread, and at least `MIN_CHUNKS`: a
/// fixed 64 held some 6 MB more than two workers need (peak 94 -> 88 MB on 200 MB with
/// two threads, same speed).
const CHUNKS_PER_THREAD: usize = 8;
const MIN_CHUNKS: usize = 16;
const WINDOW_BYTES: usize = 64 << 20;
/// How often a waiting thread looks whether the run was stopped.
const POLL: Duration = Duration::from_millis(50);
/// A chunk: the unit a worker takes at a time.
const CHUNK_DOCS: usize = 32;
const CHUNK_BYTES: usize = 1 << 20;

/// What the writer thread receives per document: its rendered output, and what the
/// summary and the progress reports need.
struct Done<R> {
    rendered: R,
    bytes: usize,
    warnings: usize,
    error: Option<InputError>,
}

/// What is in flight between the reader and the writer, for back-pressure.
struct InFlight {
    state: Mutex<(usize, usize)>,
    freed: Condvar,
    /// The most chunks in flight.
    chunks: usize,
}

impl InFlight {
    /// Waits until a chunk of `bytes` fits in the window, then counts it in. A chunk
    /// larger than the window still goes through, alone. False when the run stopped.
    fn enter(&self, bytes: usize, halt: &AtomicBool) -> bool {
        let mut s = self.state.lock().expect("in-flight lock");
        while s.0 > 0 && (s.0 >= self.chunks || s.1 + bytes > WINDOW_BYTES) {
            if halt.load(Ordering::SeqCst) {
                return false;
            }
            s = self.freed.wait_timeout(s, POLL).expect("in-flight lock").0;
        }
        s.0 += 1;
        s.1 += bytes;
        true
    }

    fn leave(&self, bytes: usize) {
        let mut s = self.state.lock().expect("in-flight lock");
        s.0 -= 1;
        s.1 -= bytes;
        self.freed.notify_one();
    }
}

/// Reads `docs`, resolves and extracts them on `threads` worker threads (each takes the
/// next document as soon as it is free; 0 means all cores), renders each outcome there
/// with `format`, and hands the rendered documents to the format's writer in input order,
/// reporting each to `progress`. Reading, extracting and writing overlap; a window bounds
/// what is in flight. The writer is finished once every document is written; when the run
/// fails it is dropped unfinished.
pub fn drive<I, F>(
    pipeline: &Pipeline,
    docs: I,
    threads: usize,
    format: &F,
    progress: &mut dyn Progress,
    cancel: &Cancel,
) -> Result<Summary, Error>
where
    I: Iterator<Item = Pending> + Send,
    F: Format + ?Sized,
{
    let started = Instant::now();
    let mut out = format.open()?;
    let threads = if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    };
    let (todo_tx, todo_rx) = sync_channel::<(usize, usize, Vec<Pending>)>(threads * 4);
    let todo_rx = Mutex::new(todo_rx);
    let (done_tx, done_rx) = sync_channel::<(usize, usize, Vec<Done<F::Rendered>>)>(threads * 4);
    let window = InFlight {
        state: Mutex::new((0, 0)),
        freed: Condvar::new(),
        chunks: (threads * CHUNKS_PER_THREAD).max(MIN_CHUNKS),
    };
    // Set when the run must stop: the output failed (a closed pipe, a full disk) or the run
    // was cancelled. The reader stops reading, the workers stop extracting.
    let halt = AtomicBool::new(false);
    std::thread::scope(|scope| {
        let window = &window;
        let halt = &halt;
        // Documents travel in small chunks: one message per document would cost more in
        // locking and waking than short news articles take to extract.
        scope.spawn(move || {
            let mut chunk = Vec::new();
            let mut bytes = 0;
            let mut seq = 0;
            let mut docs = docs.peekable();
            while let Some(d) = docs.next() {
                if halt.load(Ordering::SeqCst) {
                    return;
                }
                bytes += d.len();
                chunk.push(d);
                if chunk.len() >= CHUNK_DOCS || bytes >= CHUNK_BYTES || docs.peek().is_none() {
                    if !window.enter(bytes, halt) {
                        return;
                    }
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
            let (todo_rx, done_tx) = (&todo_rx, done_tx.clone());
            scope.spawn(move || {
                loop {
                    let next = todo_rx.lock().expect("work queue lock").recv();
                    let Ok((seq, held, chunk)) = next else { return };
                    if halt.load(Ordering::SeqCst) {
                        // Drain without work until the reader stops.
                        continue;
                    }
                    let done = chunk
                        .into_iter()
                        .map(|p| {
                            let outcome = extract_one(pipeline, p.resolve());
                            let rendered = format.render(&outcome);
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
                    // The writer is gone only once the run halted: keep draining until
                    // the reader stops, or it could block on a full queue forever.
                    let _ = done_tx.send((seq, held, done));
                }
            });
        }
        drop(done_tx);
        // Put results back in input order as they arrive.
        let mut summary = Summary::default();
        let mut pending = BTreeMap::new();
        let mut next = 0;
        let mut failed = None;
        loop {
            if cancel.is_cancelled() {
                halt.store(true, Ordering::SeqCst);
                failed.get_or_insert(Error::Interrupted);
            }
            if failed.is_some() {
                halt.store(true, Ordering::SeqCst);
                break;
            }
            let (seq, held, done) = match done_rx.recv_timeout(POLL) {
                Ok(m) => m,
                Err(RecvTimeoutError::Timeout) => continue,
                Err(RecvTimeoutError::Disconnected) => break,
            };
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
                    if let Err(e) = out.write(&d.rendered) {
                        failed = Some(e);
                        break;
                    }
                    match &d.error {
                        None => progress.done(d.bytes),
                        Some(e) => progress.failed(e),
                    }
                }
            }
        }
        // The workers end when the reader does; what they still hold is dropped.
        drop(done_rx);
        if let Some(e) = failed {
            return Err(e);
        }
        summary.seconds = started.elapsed().as_secs_f64();
        out.finish()?;
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

/// Total size of the input files, for the progress bar; `None` when reading a stream.
fn total_bytes(sources: &[read::Source]) -> Option<u64> {
    sources.iter().try_fold(0u64, |acc, s| match s {
        read::Source::Text(p) | read::Source::JsonLines(p) => {
            Some(acc + std::fs::metadata(p).map_or(0, |m| m.len()))
        }
        read::Source::Refused(..) => Some(acc),
        read::Source::Stdin | read::Source::Pipe(_) => None,
    })
}

/// `whosaid extract`: runs the pipeline over every input and writes it in `format`.
pub fn run<F: Format + ?Sized>(
    pipeline: &Pipeline,
    config: &RunConfig,
    format: &F,
    progress: &mut dyn Progress,
) -> Result<Summary, Error> {
    let inputs = read::expand(&config.inputs)?;
    if inputs.sources.is_empty() {
        return Err(Error::NoDocuments {
            skipped: inputs.skipped.len(),
            example: inputs.skipped.first().cloned(),
        });
    }
    progress.start(total_bytes(&inputs.sources));
    let mut summary = drive(
        pipeline,
        read::documents(inputs.sources),
        config.threads,
        format,
        progress,
        &config.cancel,
    )?;
    summary.skipped = inputs.skipped;
    Ok(summary)
}

/// `whosaid stream`: JSON lines in on standard input, one JSON line out per input line on
/// standard output, in input order (see [`Stream`]).
pub fn stream(
    pipeline: &Pipeline,
    threads: usize,
    progress: &mut dyn Progress,
    cancel: &Cancel,
) -> Result<Summary, Error> {
    let stdin = std::io::BufReader::with_capacity(1 << 16, std::io::stdin());
    // One output line for each input line, blank ones included.
    let docs = read::JsonLines::new("-".to_string(), "stdin".to_string(), stdin).keep_blank_lines();
    progress.start(None);
    drive(pipeline, docs, threads, &Stream, progress, cancel)
}
