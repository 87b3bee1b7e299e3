//! The command line: parses arguments and calls the library. Nothing else.

use clap::{Parser, Subcommand, ValueEnum};
use std::path::PathBuf;
use std::process::ExitCode;
use whosaid::run::{RunConfig, run};
use whosaid::write::Format;
use whosaid::{Gazetteers, Options, Pipeline, gazetteer};

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
    Csv,
    Jsonl,
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
        /// Add the gazetteers in this folder (*.tsv, lexicon/*.txt) to the built-in ones.
        #[arg(long)]
        gazetteers: Vec<PathBuf>,
        /// Use only the gazetteers given with --gazetteers.
        #[arg(long)]
        no_default_gazetteers: bool,
        /// Output format.
        #[arg(long, value_enum, default_value = "csv")]
        format: FormatArg,
        /// Worker threads (0: all cores).
        #[arg(long, default_value_t = 0)]
        threads: usize,
        /// Also write titles, scare quotes and nicknames to claims, with their kind.
        #[arg(long)]
        all_quotes: bool,
        /// No warnings or summary on stderr.
        #[arg(long, short)]
        quiet: bool,
    },
    /// Work with gazetteer files.
    Gazetteer {
        #[command(subcommand)]
        command: GazCommand,
    },
}

#[derive(Subcommand)]
enum GazCommand {
    /// Validate a gazetteer folder; reports every problem by file and line.
    Check { dir: PathBuf },
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    match cli.command {
        Command::Extract {
            inputs,
            out,
            gazetteers,
            no_default_gazetteers,
            format,
            threads,
            all_quotes,
            quiet,
        } => {
            let mut gaz = if no_default_gazetteers {
                Gazetteers::empty()
            } else {
                Gazetteers::builtin()
            };
            for dir in &gazetteers {
                if let Err(errors) = gaz.add_dir(dir) {
                    for e in errors {
                        eprintln!("whosaid: gazetteer error: {e}");
                    }
                    return ExitCode::from(2);
                }
            }
            let pipeline = Pipeline::new(gaz, Options { all_quotes });
            let format = match format {
                FormatArg::Csv => Format::Csv,
                FormatArg::Jsonl => Format::JsonLines,
            };
            let config = RunConfig {
                inputs,
                out,
                format,
                threads,
                quiet,
            };
            match run(&pipeline, &config) {
                Ok(summary) => {
                    if !quiet {
                        eprintln!("{}", summary.line());
                    }
                    if summary.errors > 0 {
                        ExitCode::from(1)
                    } else {
                        ExitCode::SUCCESS
                    }
                }
                Err(e) => {
                    eprintln!("whosaid: error: {e}");
                    ExitCode::from(if matches!(e, whosaid::Error::MissingInput(_)) {
                        2
                    } else {
                        1
                    })
                }
            }
        }
        Command::Gazetteer {
            command: GazCommand::Check { dir },
        } => match gazetteer::load_dir(&dir) {
            Ok(g) => {
                println!("{}: ok ({} entities)", dir.display(), g.entries.len());
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
