//! The run writes through any `Format` and reports through `Progress`: a format defined
//! here, outside the library, receives every document once, in input order.

use std::io::Cursor;
use std::sync::{Arc, Mutex};
use whosaid::run::{Progress, RunConfig, Silent, drive, run};
use whosaid::write::{Format, Outcome, Writer};
use whosaid::{Error, Gazetteers, InputError, Options, Pipeline, read};

/// Renders each document as its id (or `error:<line>`) and collects them in memory.
#[derive(Default)]
struct Ids {
    out: Arc<Mutex<Vec<String>>>,
    finished: Arc<Mutex<bool>>,
}

struct IdsWriter {
    out: Arc<Mutex<Vec<String>>>,
    finished: Arc<Mutex<bool>>,
}

impl Format for Ids {
    type Rendered = String;

    fn render(&self, outcome: &Outcome) -> String {
        match outcome {
            Ok((doc, _)) => doc.id.clone(),
            Err(e) => format!("error:{}", e.line.unwrap_or(0)),
        }
    }

    fn open(&self) -> Result<Box<dyn Writer<String>>, Error> {
        Ok(Box::new(IdsWriter {
            out: self.out.clone(),
            finished: self.finished.clone(),
        }))
    }
}

impl Writer<String> for IdsWriter {
    fn write(&mut self, doc: &String) -> Result<(), Error> {
        self.out.lock().unwrap().push(doc.clone());
        Ok(())
    }

    fn finish(self: Box<Self>) -> Result<(), Error> {
        *self.finished.lock().unwrap() = true;
        Ok(())
    }
}

#[derive(Default)]
struct Record {
    total: Option<Option<u64>>,
    done: usize,
    failed: Vec<InputError>,
}

impl Progress for Record {
    fn start(&mut self, total_bytes: Option<u64>) {
        self.total = Some(total_bytes);
    }
    fn done(&mut self, _bytes: usize) {
        self.done += 1;
    }
    fn failed(&mut self, error: &InputError) {
        self.failed.push(error.clone());
    }
}

fn pipeline() -> Pipeline {
    Pipeline::new(Gazetteers::builtin(), Options::default())
}

#[test]
fn any_format_gets_every_document_in_input_order() {
    let mut input = String::new();
    for n in 0..200 {
        if n == 57 {
            input.push_str("not json\n");
        } else {
            input.push_str(&format!(
                "{{\"id\":\"d{n}\",\"text\":\"“Fine,” said Ada Brook.\"}}\n"
            ));
        }
    }
    let docs = read::JsonLines::new("-".into(), "stdin".into(), Cursor::new(input));
    let format = Ids::default();
    let mut progress = Record::default();
    let summary = drive(
        &pipeline(),
        docs,
        3,
        &format,
        &mut progress,
        &Default::default(),
    )
    .unwrap();
    let out = format.out.lock().unwrap();
    let expected: Vec<String> = (0..200)
        .map(|n| {
            if n == 57 {
                "error:58".to_string()
            } else {
                format!("d{n}")
            }
        })
        .collect();
    assert_eq!(*out, expected);
    assert!(*format.finished.lock().unwrap());
    assert_eq!((summary.documents, summary.errors), (199, 1));
    assert_eq!(progress.done, 199);
    assert_eq!(progress.failed.len(), 1);
    assert_eq!(progress.failed[0].line, Some(58));
}

#[test]
fn a_missing_input_fails_before_anything_is_opened() {
    let format = Ids::default();
    let config = RunConfig {
        inputs: vec!["/no/such/input.txt".into()],
        threads: 1,
        ..RunConfig::default()
    };
    let err = run(&pipeline(), &config, &format, &mut Silent).unwrap_err();
    assert!(matches!(err, Error::MissingInput(_)));
    assert!(!*format.finished.lock().unwrap());
}

#[test]
fn run_reports_the_total_size_of_its_files() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("a.txt");
    std::fs::write(&file, "“Fine,” said Ada Brook.").unwrap();
    let format = Ids::default();
    let mut progress = Record::default();
    let config = RunConfig {
        inputs: vec![file],
        threads: 1,
        ..RunConfig::default()
    };
    run(&pipeline(), &config, &format, &mut progress).unwrap();
    let len = "“Fine,” said Ada Brook.".len() as u64;
    assert_eq!(progress.total, Some(Some(len)));
    assert_eq!(*format.out.lock().unwrap(), vec!["a".to_string()]);
}
