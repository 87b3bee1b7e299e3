//! The command line: parses arguments, calls the library, and does all the printing
//! (progress bar, error messages, summary).

// The pipeline allocates many small vectors per document; mimalloc serves them faster than
// the system allocator (about a tenth of the run time, measured with perf).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

use clap::{Args, Parser, Subcommand, ValueEnum};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use whosaid::run::{Progress, RunConfig, Silent, run, stream};
#[cfg(feature = "parquet")]
use whosaid::write::ParquetTables;
use whosaid::write::{Both, CsvTables, Format, HtmlReport, JsonLinesTables};
use whosaid::{Gazetteers, InputError, Options, Pipeline, gazetteer, registry};

/// `mi_option_purge_delay` in mimalloc's `mi_option_t` (15 in the v2 and v3 `mimalloc.h`;
/// the Rust binding names only some options).
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// How long, in milliseconds, mimalloc keeps the pages a thread freed before it returns
/// them to the system. mimalloc v3's default of a second kept a second of the workers'
/// churn resident and took the peak with two threads to the 100 MB bar; 100 ms cut it by a
/// fifth at the same speed, shorter delays cost time (`bench/RESULTS.md`, "Memory:
/// mimalloc's purge delay").
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Sets mimalloc's defaults; `MIMALLOC_PURGE_DELAY` in the environment still wins.
fn tune_allocator() {
    // SAFETY: `mi_option_set_default` writes mimalloc's option table without locking; it
    // runs first in `main`, before this program starts any thread, and 15 is a valid
    // option.
    unsafe { libmimalloc_sys::mi_option_set_default(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
}

/// No transparent huge pages from here on. mimalloc asks the kernel for 2 MiB pages for its
/// arenas; while the documents run, each page it purged came back as a fresh huge page,
/// zeroed whole (a tenth of a run's samples in the kernel's `clear_page_erms`), and a
/// partly used huge page counts whole in the resident set. Called once the tables are
/// built, so that they keep their huge pages (a tenth of the faults at start-up, fewer TLB
/// misses in the lookups) while the documents' churn gets 4 KiB pages: the peak fell by a
/// third at the same speed (`bench/RESULTS.md`, "Memory: no transparent huge pages"). The
/// kernel checks the flag at every fault (since Linux 4.13; older kernels only mark new
/// mappings, which mimalloc's advice then overrides); mimalloc's own `allow_thp` option
/// would act only before `main`, and its index differs between mimalloc versions. A kernel
/// or sandbox that refuses the call leaves the pages as they were: more memory, the same
/// output, so the error is not reported.
#[cfg(target_os = "linux")]
fn disable_huge_pages() {
    let zero: libc::c_ulong = 0;
    // SAFETY: prctl reads its arguments after the option as `unsigned long`s, hence the
    // typed values; PR_SET_THP_DISABLE takes the flag and requires the other three to be
    // zero, and it changes only this process's flags (inherited by children; whosaid
    // starts none).
    unsafe {
        libc::prctl(
            libc::PR_SET_THP_DISABLE,
            1 as libc::c_ulong,
            zero,
            zero,
            zero,
        )
    };
}

#[cfg(not(target_os = "linux"))]
fn disable_huge_pages() {}

#[derive(Parser)]
#[command(
    name = "whosaid",
    version,
    about = "Who is mentioned in news text, and who said what."
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Clone, Copy, ValueEnum)]
enum FormatArg {
    /// CSV with a header line (the contract).
    Csv,
    /// JSON lines: one object a row, typed.
    Jsonl,
    /// Parquet: typed columns (int64 offsets, float64 confidence, list<string> aliases and
    /// roles), for pyarrow, pandas and DuckDB.
    #[cfg(feature = "parquet")]
    Parquet,
}

/// Options shared by the commands that run the pipeline.
#[derive(Args)]
struct PipelineArgs {
    /// Add the gazetteers in this folder (*.tsv, lexicon/*.txt, patterns.tsv) to the
    /// built-in ones.
    #[arg(long)]
    gazetteers: Vec<PathBuf>,
    /// Use only the gazetteers given with --gazetteers.
    #[arg(long)]
    no_default_gazetteers: bool,
    /// Worker threads (0: all cores).
    #[arg(long, default_value_t = 0)]
    threads: usize,
    /// Also write titles, scare quotes and nicknames to claims, with their kind.
    #[arg(long)]
    all_quotes: bool,
    /// No progress, warnings or summary on stderr.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Subcommand)]
enum Command {
    /// Extract entities, mentions, quotes and claims into tables.
    Extract {
        /// .txt files, folders of .txt files, .jsonl files ({"id", "text"} a line) or '-' for JSON lines on stdin.
        #[arg(required = true)]
        inputs: Vec<PathBuf>,
        /// Output folder for entities, mentions, claims and errors tables.
        #[arg(long, short)]
        out: PathBuf,
        /// Output format of the tables: DIR/entities.csv, ... (.jsonl, .parquet).
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatArg,
        /// Also write OUT/report.html: a review page of the run to open in a browser
        /// (self-contained, no network).
        #[arg(long)]
        html: bool,
        #[command(flatten)]
        run: PipelineArgs,
    },
    /// Why each claim of one document has its speaker: the sentence, the marks, the cue,
    /// every speaker candidate with the evidence for and against it, and the rule that won.
    Explain {
        /// A .txt file, or a .jsonl file ({"id", "text"} a line).
        file: PathBuf,
        /// The document to explain (its doc_id); the file's first document by default.
        #[arg(long)]
        doc: Option<String>,
        #[command(flatten)]
        run: PipelineArgs,
    },
    /// JSON lines in on stdin ({"id", "text"} a line), one JSON line out per document, in
    /// input order: for Spark's RDD.pipe, Hadoop Streaming, xargs or GNU parallel.
    Stream {
        #[command(flatten)]
        run: PipelineArgs,
    },
    /// Work with gazetteer files.
    Gazetteer {
        #[command(subcommand)]
        command: GazCommand,
    },
    /// List every rule: id, stage, confidence, reason and the examples it must and must
    /// not match.
    Rules {
        /// Output format (markdown: the README's table).
        #[arg(long, value_enum, default_value = "csv")]
        format: RulesFormat,
        /// Also list the rules of this folder's patterns.tsv, after the built-in ones.
        #[arg(long)]
        gazetteers: Vec<PathBuf>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum RulesFormat {
    Csv,
    Jsonl,
    Markdown,
}

#[derive(Subcommand)]
enum GazCommand {
    /// Validate a gazetteer folder as --gazetteers would load it (its ids must not be
    /// built-in ids); reports every problem by file and line.
    Check {
        dir: PathBuf,
        /// Check the folder on its own, as with --no-default-gazetteers (built-in ids may
        /// be reused).
        #[arg(long)]
        no_default_gazetteers: bool,
    },
}

/// The pipeline over the built-in gazetteers (unless disabled) and the user's folders.
fn pipeline(args: &PipelineArgs) -> Result<Pipeline, ExitCode> {
    let base = if args.no_default_gazetteers {
        Gazetteers::empty()
    } else {
        Gazetteers::builtin()
    };
    let gaz = add_dirs(base, &args.gazetteers)?;
    let all_quotes = args.all_quotes;
    let pipeline = Pipeline::new(gaz, Options { all_quotes });
    disable_huge_pages();
    Ok(pipeline)
}

/// `gaz` with the user's folders added; gazetteer errors name file and line, and end the
/// run as a usage error.
fn add_dirs(mut gaz: Gazetteers, dirs: &[PathBuf]) -> Result<Gazetteers, ExitCode> {
    for dir in dirs {
        if let Err(errors) = gaz.add_dir(dir) {
            for e in errors {
                eprintln!("whosaid: gazetteer error: {e}");
            }
            return Err(ExitCode::from(2));
        }
    }
    Ok(gaz)
}

/// Checks a gazetteer folder alone, or on top of the built-in lists: how many entities and
/// pattern rules it holds, or every problem.
fn check_dir(
    dir: &std::path::Path,
    alone: bool,
) -> Result<(usize, usize), Vec<whosaid::GazetteerError>> {
    if alone {
        return gazetteer::load_dir(dir).map(|g| (g.entries.len(), g.patterns.rules().len()));
    }
    let mut g = Gazetteers::builtin();
    let before = g.entries.len();
    g.add_dir(dir)?;
    Ok((g.entries.len() - before, g.patterns.rules().len()))
}

/// What `whosaid extract` shows on standard error while it runs: a progress bar when
/// standard error is a terminal (bytes, rate, ETA), and one line per document that failed;
/// nothing with -q.
struct Bar {
    bar: ProgressBar,
    quiet: bool,
}

impl Bar {
    fn new(quiet: bool) -> Bar {
        Bar {
            bar: ProgressBar::hidden(),
            quiet,
        }
    }
}

impl Progress for Bar {
    fn start(&mut self, total_bytes: Option<u64>) {
        if self.quiet || !std::io::stderr().is_terminal() {
            return;
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
        self.bar = bar;
    }

    fn done(&mut self, bytes: usize) {
        self.bar.inc(bytes as u64);
    }

    /// Errors are shown even with -q: quiet hides progress and summaries, never errors.
    fn failed(&mut self, error: &InputError) {
        self.bar.suspend(|| eprintln!("whosaid: error: {error}"));
    }
}

/// Exit status of a run: 0 when all went well, 1 when some document failed (the tables
/// are written), else the error's own ([`whosaid::Error::exit_code`]: 2 usage, 3 the run
/// failed and nothing was written, 130 interrupted).
fn finished(result: Result<whosaid::run::Summary, whosaid::Error>, quiet: bool) -> ExitCode {
    let summary = match result {
        Ok(s) => s,
        // A reader that stops early (`| head`) is not an error.
        Err(whosaid::Error::Io { source, .. })
            if source.kind() == std::io::ErrorKind::BrokenPipe =>
        {
            return ExitCode::SUCCESS;
        }
        Err(e) => {
            eprintln!("whosaid: error: {e}");
            return ExitCode::from(e.exit_code());
        }
    };
    if !quiet {
        eprintln!("{}", summary.line());
        if summary.warnings > 0 {
            eprintln!(
                "whosaid: {} warnings (unclosed quotation marks and the like) are listed in the errors table",
                summary.warnings
            );
        }
        if let Some(first) = summary.skipped.first() {
            eprintln!(
                "whosaid: {} files in the input folders are not .txt or .jsonl and were skipped, such as {}",
                summary.skipped.len(),
                first.display()
            );
        }
    }
    if summary.errors > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// Ctrl-C, SIGTERM and SIGHUP cancel the run: it stops, commits nothing and removes its
/// temporary files. A run that cannot stop in time (blocked reading a pipe) is ended with
/// its temporary files removed; a second signal ends it at once.
fn on_signal(cancel: whosaid::run::Cancel) {
    let _ = ctrlc::set_handler(move || {
        if cancel.is_cancelled() {
            whosaid::write::remove_temporary_files();
            std::process::exit(130);
        }
        cancel.cancel();
        std::thread::spawn(|| {
            std::thread::sleep(std::time::Duration::from_secs(3));
            whosaid::write::remove_temporary_files();
            std::process::exit(130);
        });
    });
}

/// Runs `whosaid extract` into the tables of `format` and, when asked, the review page.
fn tables<F: Format>(
    pipeline: &Pipeline,
    config: &RunConfig,
    format: F,
    page: Option<HtmlReport>,
    bar: &mut Bar,
) -> Result<whosaid::run::Summary, whosaid::Error>
where
    F::Rendered: 'static,
{
    match page {
        Some(page) => run(pipeline, config, &Both(format, page), bar),
        None => run(pipeline, config, &format, bar),
    }
}

/// `whosaid explain`: the explanation of one document of `file` as text.
fn explain(pipeline: &Pipeline, file: &Path, id: Option<&str>) -> Result<String, String> {
    let sources = whosaid::read::sources(&[file.to_path_buf()]).map_err(|e| e.to_string())?;
    let mut ids = Vec::new();
    for pending in whosaid::read::documents(sources) {
        let doc = match pending.resolve() {
            Ok(d) => d,
            // A bad line elsewhere in the file does not stop the one asked for.
            Err(e) if id.is_some() => {
                eprintln!("whosaid: skipped: {e}");
                continue;
            }
            Err(e) => return Err(e.to_string()),
        };
        if id.is_none_or(|want| want == doc.id) {
            let (ex, why) = pipeline.explain(&doc);
            return Ok(whosaid::explain::to_text(&doc, &ex, &why));
        }
        if ids.len() < 10 {
            ids.push(doc.id);
        }
    }
    Err(match id {
        Some(want) => format!(
            "{}: no document with id {want:?} (ids there include: {})",
            file.display(),
            ids.join(", ")
        ),
        None => format!("{}: no document in it", file.display()),
    })
}

fn main() -> ExitCode {
    tune_allocator();
    let cli = Cli::parse();
    // A panic inside one document becomes an error row for it (see run::extract_one); say
    // so in one line rather than with a backtrace, and not at all with -q.
    let quiet = match &cli.command {
        Command::Extract { run, .. } | Command::Stream { run } | Command::Explain { run, .. } => {
            run.quiet
        }
        Command::Gazetteer { .. } | Command::Rules { .. } => false,
    };
    std::panic::set_hook(Box::new(move |info| {
        if !quiet {
            eprintln!(
                "whosaid: internal error (the document is reported in the errors table): {info}"
            );
        }
    }));
    match cli.command {
        Command::Extract {
            inputs,
            out,
            format,
            html,
            run: args,
        } => {
            let pipeline = match pipeline(&args) {
                Ok(p) => p,
                Err(code) => return code,
            };
            let config = RunConfig {
                inputs,
                threads: args.threads,
                ..RunConfig::default()
            };
            on_signal(config.cancel.clone());
            let mut bar = Bar::new(quiet);
            let page = html.then(|| HtmlReport {
                path: out.join("report.html"),
                pipeline: &pipeline,
            });
            let dir = out;
            let result = match format {
                FormatArg::Csv => tables(&pipeline, &config, CsvTables { dir }, page, &mut bar),
                FormatArg::Jsonl => {
                    tables(&pipeline, &config, JsonLinesTables { dir }, page, &mut bar)
                }
                #[cfg(feature = "parquet")]
                FormatArg::Parquet => {
                    tables(&pipeline, &config, ParquetTables { dir }, page, &mut bar)
                }
            };
            bar.bar.finish_and_clear();
            finished(result, quiet)
        }
        Command::Stream { run: args } => {
            let pipeline = match pipeline(&args) {
                Ok(p) => p,
                Err(code) => return code,
            };
            // Stream output is for other programs: no progress bar, and failed documents
            // are reported in the output, not on stderr.
            let cancel = whosaid::run::Cancel::default();
            on_signal(cancel.clone());
            finished(stream(&pipeline, args.threads, &mut Silent, &cancel), quiet)
        }
        Command::Explain {
            file,
            doc,
            run: args,
        } => {
            let pipeline = match pipeline(&args) {
                Ok(p) => p,
                Err(code) => return code,
            };
            match explain(&pipeline, &file, doc.as_deref()) {
                Ok(text) => {
                    print!("{text}");
                    ExitCode::SUCCESS
                }
                Err(e) => {
                    eprintln!("whosaid: error: {e}");
                    ExitCode::from(2)
                }
            }
        }
        Command::Rules { format, gazetteers } => {
            let user = match add_dirs(Gazetteers::empty(), &gazetteers) {
                Ok(g) => g.patterns,
                Err(code) => return code,
            };
            let out = match format {
                RulesFormat::Csv => registry::csv_with(&user),
                RulesFormat::Jsonl => registry::jsonl_with(&user),
                RulesFormat::Markdown => registry::markdown_with(&user),
            };
            print!("{out}");
            ExitCode::SUCCESS
        }
        Command::Gazetteer {
            command:
                GazCommand::Check {
                    dir,
                    no_default_gazetteers,
                },
        } => match check_dir(&dir, no_default_gazetteers) {
            Ok((n, rules)) => {
                let rules = match rules {
                    0 => String::new(),
                    r => format!(", {r} pattern rule(s)"),
                };
                println!("{}: ok ({n} entities{rules})", dir.display());
                ExitCode::SUCCESS
            }
            Err(errors) => {
                for e in &errors {
                    eprintln!("{e}");
                }
                eprintln!("{}: {} problem(s)", dir.display(), errors.len());
                ExitCode::from(1)
            }
        },
    }
}
