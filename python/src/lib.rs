//! `whosaid._whosaid`: the Rust pipeline for Python (PyO3). The Python package `whosaid`
//! re-exports it; see `whosaid/__init__.py` and the stubs `whosaid/_whosaid.pyi`.
//!
//! Every result row is one of the library's own row structs (`whosaid::write::rows`, the
//! columns of the CSV contract, typed), turned into Python dicts by `pythonize`: one row
//! definition for CSV, JSON lines, the stream and Python. The pipeline runs with the
//! interpreter released (`Python::detach`), so other Python threads go on meanwhile and
//! `extract_many` runs documents on several cores at once.

use pyo3::call::PyCallArgs;
use pyo3::exceptions::PyTypeError;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyIterator, PyList, PyMapping, PyString, PyTuple};
use std::collections::VecDeque;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock};
use whosaid::read::{MAX_DOCUMENT_BYTES, NO_TEXT, TEXT_NOT_A_STRING, check_text};
use whosaid::write::rows;
use whosaid::{Document, Extraction, Gazetteers, Options};

/// Documents `extract_many` pulls from its input per thread before it extracts them: enough
/// to keep every thread busy, few enough to keep memory flat on an endless input.
const BATCH_PER_THREAD: usize = 16;
/// Bytes of text a batch may hold (a batch holds at least one document).
const BATCH_BYTES: usize = 32 << 20;
/// The message of a document whose extraction panicked (the command line's words).
const INTERNAL_ERROR: &str = "internal error while extracting this document; please report it";

/// The exception classes, defined in Python (`whosaid/_errors.py`) so that they carry
/// attributes and `DocumentTypeError` can be both a `DocumentError` and a `TypeError`.
fn exception<'py>(py: Python<'py>, class: &str, args: impl PyCallArgs<'py>) -> PyErr {
    let made = py
        .import("whosaid._errors")
        .and_then(|m| m.getattr(class))
        .and_then(|c| c.call1(args));
    match made {
        Ok(e) => PyErr::from_value(e),
        Err(e) => e,
    }
}

/// Why a document cannot be extracted, before it is raised, skipped or returned.
struct Refusal {
    /// The document's id, when the item gave a usable one.
    id: Option<String>,
    /// Position in the input (`extract_many`), 0-based.
    index: Option<usize>,
    /// What is wrong (the reader's words where it has them).
    reason: String,
    /// A value of the wrong type (raised as `DocumentTypeError`, also a `TypeError`).
    wrong_type: bool,
}

impl Refusal {
    fn new(id: Option<String>, reason: impl Into<String>) -> Refusal {
        Refusal {
            id,
            index: None,
            reason: reason.into(),
            wrong_type: false,
        }
    }

    fn wrong_type(mut self) -> Refusal {
        self.wrong_type = true;
        self
    }

    /// The exception: `DocumentError`, or `DocumentTypeError` for a wrong type; the
    /// message names the document and its position.
    fn to_err(&self, py: Python<'_>) -> PyErr {
        let who = match &self.id {
            Some(id) => format!("document {}", py_repr(py, id)),
            None => "document".to_string(),
        };
        let at = match self.index {
            Some(i) => format!(" (item {i} of the input)"),
            None => String::new(),
        };
        let message = format!("{who}{at}: {}", self.reason);
        let class = if self.wrong_type {
            "DocumentTypeError"
        } else {
            "DocumentError"
        };
        exception(
            py,
            class,
            (message, self.id.clone(), self.index, self.reason.clone()),
        )
    }

    /// What `errors="include"` yields: `{"id": ..., "error": ...}`.
    fn to_dict<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let d = PyDict::new(py);
        d.set_item("id", self.id.as_deref())?;
        d.set_item("error", &self.reason)?;
        Ok(d.into_any())
    }
}

/// `repr(s)` as Python writes it, for messages.
fn py_repr(py: Python<'_>, s: &str) -> String {
    PyString::new(py, s)
        .repr()
        .map_or_else(|_| format!("{s:?}"), |r| r.to_string())
}

/// A document id: a `str`, or an integer (anything with `__index__`, numpy's too), written
/// in decimal.
fn doc_id(id: &Bound<'_, PyAny>) -> Result<String, Refusal> {
    if let Ok(s) = id.cast::<PyString>() {
        return s
            .to_cow()
            .map(|c| c.into_owned())
            .map_err(|e| Refusal::new(None, format!("the id cannot be encoded as UTF-8: {e}")));
    }
    if id.hasattr("__index__").unwrap_or(false)
        && let Ok(n) = id.call_method0("__index__").and_then(|n| n.str())
    {
        return Ok(n.to_string());
    }
    let t = type_name(id);
    Err(Refusal::new(None, format!("the id must be a str or an int, not {t}")).wrong_type())
}

fn type_name(x: &Bound<'_, PyAny>) -> String {
    x.get_type()
        .name()
        .map_or_else(|_| "?".to_string(), |n| n.to_string())
}

/// The document of `id` and `text`, or why there is none: the text must be a `str` of at
/// most [`MAX_DOCUMENT_BYTES`] bytes of UTF-8 with something besides white space.
fn document(id: String, text: &Bound<'_, PyAny>) -> Result<Document, Refusal> {
    let Ok(s) = text.cast::<PyString>() else {
        let why = format!("{TEXT_NOT_A_STRING}, not {}", type_name(text));
        return Err(Refusal::new(Some(id), why).wrong_type());
    };
    let text = match s.to_cow() {
        Ok(t) => t,
        Err(e) => {
            let why = format!("\"text\" cannot be encoded as UTF-8: {e}");
            return Err(Refusal::new(Some(id), why));
        }
    };
    if let Err(why) = check_text(&text) {
        return Err(Refusal::new(Some(id), why));
    }
    Ok(Document::new(id, text.into_owned()))
}

/// One item of `extract_many`'s input: a mapping with `"id"` and `"text"`, or an
/// `(id, text)` tuple or list.
fn item_document(item: &Bound<'_, PyAny>) -> Result<Document, Refusal> {
    let pair = if let Ok(t) = item.cast::<PyTuple>() {
        (t.len() == 2).then(|| (t.get_item(0), t.get_item(1)))
    } else if let Ok(l) = item.cast::<PyList>() {
        (l.len() == 2).then(|| (l.get_item(0), l.get_item(1)))
    } else if let Ok(m) = item.cast::<PyMapping>() {
        let id = match m.get_item("id") {
            Ok(id) => doc_id(&id)?,
            Err(_) => return Err(Refusal::new(None, "no \"id\" field")),
        };
        return match m.get_item("text") {
            Ok(text) => document(id, &text),
            Err(_) => Err(Refusal::new(Some(id), NO_TEXT)),
        };
    } else {
        let why = format!(
            "an item must be a dict with \"id\" and \"text\" or an (id, text) tuple, not {}",
            type_name(item)
        );
        return Err(Refusal::new(None, why).wrong_type());
    };
    match pair {
        Some((Ok(id), Ok(text))) => document(doc_id(&id)?, &text),
        _ => {
            let why = "an (id, text) item must have exactly two elements";
            Err(Refusal::new(None, why).wrong_type())
        }
    }
}

/// Extracts one document, a panic becoming an error (as the command line does).
fn extract_guarded(pipeline: &whosaid::Pipeline, doc: &Document) -> Result<Extraction, ()> {
    catch_unwind(AssertUnwindSafe(|| pipeline.extract(doc))).map_err(|_| ())
}

/// Extracts `docs` on up to `threads` scoped threads, each taking the next document as soon
/// as it is free; results in input order.
fn extract_all(
    pipeline: &whosaid::Pipeline,
    docs: &[Document],
    threads: usize,
) -> Vec<Result<Extraction, ()>> {
    let workers = threads.min(docs.len());
    if workers <= 1 {
        return docs.iter().map(|d| extract_guarded(pipeline, d)).collect();
    }
    let next = AtomicUsize::new(0);
    let slots: Vec<OnceLock<Result<Extraction, ()>>> =
        docs.iter().map(|_| OnceLock::new()).collect();
    std::thread::scope(|scope| {
        for _ in 0..workers {
            scope.spawn(|| {
                loop {
                    let i = next.fetch_add(1, Ordering::Relaxed);
                    let Some(doc) = docs.get(i) else { break };
                    let _ = slots[i].set(extract_guarded(pipeline, doc));
                }
            });
        }
    });
    slots
        .into_iter()
        .map(|s| s.into_inner().unwrap_or(Err(())))
        .collect()
}

/// The result dict of one document: the rows of every table, as the CSV contract types
/// them. `source` (the warnings' column) is empty: the text came from Python, not a file.
fn to_python<'py>(py: Python<'py>, doc: &Document, ex: &Extraction) -> PyResult<Bound<'py, PyAny>> {
    Ok(pythonize::pythonize(py, &rows(doc, ex, ""))?)
}

/// Worker threads for `threads` (0: all cores).
fn thread_count(threads: usize) -> usize {
    if threads == 0 {
        std::thread::available_parallelism().map_or(1, |n| n.get())
    } else {
        threads
    }
}

/// What `extract_many` does with a document it cannot extract.
#[derive(Clone, Copy, PartialEq, Eq)]
enum OnError {
    Raise,
    Skip,
    Include,
}

/// The compiled pipeline: gazetteers loaded and indexed once, then shared by every call
/// and thread. Build one and reuse it; building takes a fraction of a second.
///
/// gazetteers: a folder, or a list of folders, of gazetteer files (`*.tsv` entity lists,
///     `lexicon/` word lists, `patterns.tsv` pattern rules) added to the built-in ones, as
///     `whosaid extract --gazetteers DIR` adds them. A problem in them raises `whosaid.GazetteerError`
///     (a ValueError) listing every problem as `file:line: message`.
/// default_gazetteers: False to use only the given folders (`--no-default-gazetteers`).
/// all_quotes: True to also return titles, scare quotes and nicknames as claims rows,
///     with their kind (`--all-quotes`).
#[pyclass(frozen, module = "whosaid._whosaid", name = "Pipeline")]
struct Pipeline {
    inner: Arc<whosaid::Pipeline>,
    dirs: Vec<PathBuf>,
    default_gazetteers: bool,
    all_quotes: bool,
}

/// The folders of the `gazetteers` argument: None, one path (str or os.PathLike) or an
/// iterable of paths.
fn gazetteer_dirs(arg: Option<&Bound<'_, PyAny>>) -> PyResult<Vec<PathBuf>> {
    let Some(arg) = arg.filter(|a| !a.is_none()) else {
        return Ok(Vec::new());
    };
    if let Ok(one) = arg.extract::<PathBuf>() {
        return Ok(vec![one]);
    }
    let Ok(items) = arg.try_iter() else {
        let t = type_name(arg);
        return Err(PyTypeError::new_err(format!(
            "gazetteers must be a path or a list of paths, not {t}"
        )));
    };
    items
        .map(|p| {
            p?.extract::<PathBuf>().map_err(|_| {
                PyTypeError::new_err(
                    "gazetteers must be a path or a list of paths (str or os.PathLike)",
                )
            })
        })
        .collect()
}

/// `Pipeline`'s arguments: gazetteer folders, default gazetteers, all quotes.
type PipelineArgs = (Vec<PathBuf>, bool, bool);

#[pymethods]
impl Pipeline {
    #[new]
    #[pyo3(signature = (gazetteers = None, default_gazetteers = true, all_quotes = false))]
    fn new(
        py: Python<'_>,
        gazetteers: Option<&Bound<'_, PyAny>>,
        default_gazetteers: bool,
        all_quotes: bool,
    ) -> PyResult<Pipeline> {
        let dirs = gazetteer_dirs(gazetteers)?;
        let built: Result<whosaid::Pipeline, Vec<whosaid::GazetteerError>> = py.detach(|| {
            let mut gaz = if default_gazetteers {
                Gazetteers::builtin()
            } else {
                Gazetteers::empty()
            };
            for dir in &dirs {
                gaz.add_dir(dir)?;
            }
            Ok(whosaid::Pipeline::new(gaz, Options { all_quotes }))
        });
        match built {
            Ok(p) => Ok(Pipeline {
                inner: Arc::new(p),
                dirs,
                default_gazetteers,
                all_quotes,
            }),
            Err(errors) => {
                let problems: Vec<String> = errors.iter().map(|e| e.to_string()).collect();
                let message = format!(
                    "{} problem(s) in the gazetteers:\n{}",
                    problems.len(),
                    problems.join("\n")
                );
                Err(exception(py, "GazetteerError", (message, problems)))
            }
        }
    }

    /// The gazetteer folders given, as paths.
    #[getter]
    fn gazetteers(&self) -> Vec<PathBuf> {
        self.dirs.clone()
    }

    /// Whether the built-in gazetteers are loaded.
    #[getter]
    fn default_gazetteers(&self) -> bool {
        self.default_gazetteers
    }

    /// Whether titles, scare quotes and nicknames are claims rows too.
    #[getter]
    fn all_quotes(&self) -> bool {
        self.all_quotes
    }

    fn __repr__(&self) -> String {
        let dirs: Vec<String> = self
            .dirs
            .iter()
            .map(|d| format!("{:?}", d.display().to_string()))
            .collect();
        format!(
            "Pipeline(gazetteers=[{}], default_gazetteers={}, all_quotes={})",
            dirs.join(", "),
            if self.default_gazetteers {
                "True"
            } else {
                "False"
            },
            if self.all_quotes { "True" } else { "False" }
        )
    }

    /// Pickles as its arguments: the copy loads the same gazetteers again.
    fn __reduce__<'py>(slf: &Bound<'py, Self>) -> PyResult<(Bound<'py, PyAny>, PipelineArgs)> {
        let me = slf.get();
        Ok((
            slf.get_type().into_any(),
            (me.dirs.clone(), me.default_gazetteers, me.all_quotes),
        ))
    }

    /// Extracts one document: a dict with the keys `id`, `entities`, `mentions`, `claims`
    /// and `warnings`, each a list of row dicts with the columns of the CSV tables
    /// (README, "Output tables"), typed: ints for offsets and counts, a float confidence,
    /// lists for aliases and roles, None for an absent optional offset, line or Wikidata
    /// item. Offsets are code-point offsets into `text` (`text[start:end]`). `text` is
    /// taken as given (no newline conversion). The interpreter is released while the
    /// pipeline runs.
    ///
    /// Raises whosaid.DocumentTypeError (a TypeError) when `text` is not a str, and
    /// whosaid.DocumentError (a ValueError) when it is empty or white space, larger than
    /// MAX_DOCUMENT_BYTES bytes of UTF-8, or not encodable as UTF-8 (a lone surrogate).
    #[pyo3(signature = (text, id = None), text_signature = "($self, text, id='doc')")]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: &Bound<'py, PyAny>,
        id: Option<&Bound<'py, PyAny>>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let doc = one_document(text, id).map_err(|r| r.to_err(py))?;
        let pipeline = &*self.inner;
        match py.detach(|| extract_guarded(pipeline, &doc)) {
            Ok(ex) => to_python(py, &doc, &ex),
            Err(()) => Err(Refusal::new(Some(doc.id), INTERNAL_ERROR).to_err(py)),
        }
    }

    /// Why each claim of the document has its speaker, as `whosaid explain` prints it: the
    /// sentence, the marks, the cue, every speaker candidate with the evidence for and
    /// against it, and the rule that won. Raises as `extract` does.
    #[pyo3(signature = (text, id = None), text_signature = "($self, text, id='doc')")]
    fn explain(
        &self,
        py: Python<'_>,
        text: &Bound<'_, PyAny>,
        id: Option<&Bound<'_, PyAny>>,
    ) -> PyResult<String> {
        let doc = one_document(text, id).map_err(|r| r.to_err(py))?;
        let pipeline = &*self.inner;
        let out = py.detach(|| {
            catch_unwind(AssertUnwindSafe(|| {
                let (ex, why) = pipeline.explain(&doc);
                whosaid::explain::to_text(&doc, &ex, &why)
            }))
        });
        out.map_err(|_| Refusal::new(Some(doc.id.clone()), INTERNAL_ERROR).to_err(py))
    }

    /// Extracts many documents in parallel: an iterator of `extract` results, in input
    /// order. `docs` is any iterable, a lazy generator too, of `{"id": ..., "text": ...}`
    /// mappings or `(id, text)` tuples; an id is a str or an int. It is read in batches of
    /// at most 16 documents per thread (and 32 MiB of text), each extracted on `threads`
    /// threads (0: all cores) with the interpreter released, so memory stays bounded
    /// however long the input, and nothing is read before the first result is asked for.
    ///
    /// A document that cannot be extracted (text not a str, no "id" or "text", empty text,
    /// over MAX_DOCUMENT_BYTES, an item of another shape):
    ///   errors="raise" (default): the results before it are yielded, then
    ///       whosaid.DocumentError is raised naming its id and position (`doc_id`,
    ///       `index`, `reason` attributes; a DocumentTypeError, also a TypeError, for a
    ///       wrong type), and the iteration ends;
    ///   errors="skip": it is left out;
    ///   errors="include": `{"id": id or None, "error": reason}` is yielded in its place,
    ///       the reason in the words of the command line's errors table (`empty "text"`).
    /// An exception raised by the input itself is raised after the results before it.
    #[pyo3(signature = (docs, threads = 0, errors = "raise"))]
    fn extract_many(
        &self,
        docs: &Bound<'_, PyAny>,
        threads: usize,
        errors: &str,
    ) -> PyResult<Results> {
        let on_error = match errors {
            "raise" => OnError::Raise,
            "skip" => OnError::Skip,
            "include" => OnError::Include,
            other => {
                return Err(pyo3::exceptions::PyValueError::new_err(format!(
                    "errors must be \"raise\", \"skip\" or \"include\", not {other:?}"
                )));
            }
        };
        if docs.is_instance_of::<PyString>() {
            return Err(PyTypeError::new_err(
                "extract_many takes an iterable of documents ({\"id\", \"text\"} dicts or (id, text) tuples), not a str: use extract for one text",
            ));
        }
        let threads = thread_count(threads);
        Ok(Results {
            pipeline: self.inner.clone(),
            input: Some(docs.try_iter()?.unbind()),
            threads,
            batch: threads * BATCH_PER_THREAD,
            on_error,
            position: 0,
            ready: VecDeque::new(),
        })
    }
}

/// The document of `extract(text, id)`; the id defaults to "doc".
fn one_document(
    text: &Bound<'_, PyAny>,
    id: Option<&Bound<'_, PyAny>>,
) -> Result<Document, Refusal> {
    let id = match id {
        Some(id) => doc_id(id)?,
        None => "doc".to_string(),
    };
    document(id, text)
}

/// The iterator `Pipeline.extract_many` returns: results in input order, extracted batch
/// by batch as they are asked for.
#[pyclass(module = "whosaid._whosaid", name = "Results")]
struct Results {
    pipeline: Arc<whosaid::Pipeline>,
    /// The input; `None` once it is exhausted or iteration stopped on an error.
    input: Option<Py<PyIterator>>,
    threads: usize,
    /// Documents pulled per batch.
    batch: usize,
    on_error: OnError,
    /// Items pulled from the input so far.
    position: usize,
    /// Results extracted and not yet returned; an error ends the iteration where it is.
    ready: VecDeque<PyResult<Py<PyAny>>>,
}

/// A place in a batch: a document to extract, or what to return there already.
enum Slot {
    Doc(usize),
    Done(PyResult<Py<PyAny>>),
}

impl Results {
    /// Pulls the next batch (bounded in documents and bytes) and extracts it with the
    /// interpreter released, in parallel; a bad item is raised, skipped or included where
    /// it is. Pulling stops at an input that raises, and (with `errors="raise"`) at a bad
    /// item: the results before it are returned first.
    fn fill(&mut self, py: Python<'_>) -> PyResult<()> {
        let Some(input) = &self.input else {
            return Ok(());
        };
        let mut input = input.bind(py).clone();
        let mut slots = Vec::new();
        let mut docs: Vec<Document> = Vec::new();
        let mut bytes = 0;
        let mut stop = false;
        // Bounded in items pulled, bad ones included, so that an input of nothing but bad
        // items is also read a batch at a time.
        let mut pulled = 0;
        while pulled < self.batch && bytes < BATCH_BYTES {
            pulled += 1;
            let item = match input.next() {
                None => {
                    stop = true;
                    break;
                }
                Some(Err(e)) => {
                    slots.push(Slot::Done(Err(e)));
                    stop = true;
                    break;
                }
                Some(Ok(item)) => item,
            };
            let index = self.position;
            self.position += 1;
            match item_document(&item) {
                Ok(doc) => {
                    bytes += doc.text.len();
                    slots.push(Slot::Doc(docs.len()));
                    docs.push(doc);
                }
                Err(mut refusal) => {
                    refusal.index = Some(index);
                    match self.on_error {
                        OnError::Raise => {
                            slots.push(Slot::Done(Err(refusal.to_err(py))));
                            stop = true;
                            break;
                        }
                        OnError::Skip => {}
                        OnError::Include => {
                            slots.push(Slot::Done(refusal.to_dict(py).map(Bound::unbind)))
                        }
                    }
                }
            }
        }
        if stop {
            self.input = None;
        }
        let pipeline = &*self.pipeline;
        let threads = self.threads;
        let extracted = py.detach(|| extract_all(pipeline, &docs, threads));
        for slot in slots {
            let out = match slot {
                Slot::Done(r) => r,
                Slot::Doc(i) => match &extracted[i] {
                    Ok(ex) => to_python(py, &docs[i], ex).map(Bound::unbind),
                    Err(()) => {
                        let refusal = Refusal::new(Some(docs[i].id.clone()), INTERNAL_ERROR);
                        match self.on_error {
                            OnError::Raise => Err(refusal.to_err(py)),
                            OnError::Skip => continue,
                            OnError::Include => refusal.to_dict(py).map(Bound::unbind),
                        }
                    }
                },
            };
            let failed = out.is_err();
            self.ready.push_back(out);
            if failed {
                self.input = None;
                break;
            }
        }
        Ok(())
    }
}

#[pymethods]
impl Results {
    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    fn __next__(&mut self, py: Python<'_>) -> PyResult<Option<Py<PyAny>>> {
        while self.ready.is_empty() && self.input.is_some() {
            self.fill(py)?;
        }
        match self.ready.pop_front() {
            Some(Ok(r)) => Ok(Some(r)),
            Some(Err(e)) => {
                self.ready.clear();
                Err(e)
            }
            None => Ok(None),
        }
    }
}

/// The Rust core of the `whosaid` package: use `whosaid`, which re-exports it.
#[pymodule]
fn _whosaid(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<Pipeline>()?;
    m.add_class::<Results>()?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    m.add("MAX_DOCUMENT_BYTES", MAX_DOCUMENT_BYTES)?;
    Ok(())
}
