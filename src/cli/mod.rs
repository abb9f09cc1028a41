//! The commands of the `outline` binary, one module each, and what they
//! share: arguments, reading input, writing output.
//!
//! | module | command |
//! |---|---|
//! | `parse` | `outline parse`: the outline as JSON, of one file or many |
//! | `jsonl` | `outline parse --jsonl`: JSON Lines of articles in, of outlines out |
//! | `check` | `outline check`: layout findings, in the formats of `format/` |
//! | `explain` | `outline check --explain`: what a rule checks |
//! | `schema` | `outline schema`: JSON Schemas of the outline and the configuration |
//!
//! and what they share:
//!
//! | module | what |
//! |---|---|
//! | `inputs` | FILE arguments: directories walked, `--glob` |
//! | `batch` | `--jobs`: the parallel, ordered pipeline over many inputs; the progress bar |
//! | `io` | reading files and standard input, writing standard output and files |

mod batch;
mod check;
mod explain;
mod format;
mod inputs;
mod interrupt;
mod io;
mod jsonl;
mod parse;
mod report;
mod schema;
mod view;

use clap::{Parser, Subcommand, ValueEnum};
use outline::{EncodingChoice, Segmentation};
use std::process::ExitCode;

/// Turn plain-text Chinese articles into outline JSON, and check their layout.
#[derive(Parser)]
#[command(name = "outline", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the outline of an article as JSON (contract version 1); of
    /// many files or directories, as JSON Lines or files under --out-dir;
    /// of a JSON Lines stream of articles with --jsonl.
    #[command(after_long_help = parse::AFTER_LONG_HELP)]
    Parse(parse::ParseArgs),
    /// Check the layout of articles: numbering, headings, punctuation,
    /// placeholders … (see docs/rules.md or `--explain`).
    ///
    /// Directories are walked recursively (see --glob); files are checked
    /// on --jobs threads and reported in input order.
    ///
    /// Exit status: 0 when no error-level finding remains, 1 when one does
    /// (with `--deny warnings`, a warning too) or when some inputs of a
    /// batch failed (each is reported, the others are still checked, then
    /// `outline: N of M files failed`), 2 when the tool failed (the one
    /// input of a single-file check, the configuration, the arguments).
    Check(check::CheckArgs),
    /// Print a JSON Schema: of the outline JSON, or of `outline.toml`.
    Schema(schema::SchemaArgs),
    /// Write an HTML report: each article's outline beside its source text,
    /// with the findings of `outline check` marked and summed up per rule.
    /// Exit status: 0 whatever the findings, 1 when some of several files
    /// could not be read (each is reported, the others are in the report,
    /// then `outline: N of M files failed`), 2 when none could.
    Report(report::ReportArgs),
}

/// How to read an input: shared by `parse` and `check`.
#[derive(clap::Args)]
struct InputArgs {
    /// The input's encoding: auto, utf-8, gb18030, gbk, utf-16le, utf-16be or
    /// another WHATWG label.
    #[arg(long, default_value = "auto", value_name = "ENCODING")]
    encoding: String,
    /// Whether words are separated by spaces (jieba-style segmentation).
    #[arg(long, value_enum, default_value_t = SegmentedArg::Auto)]
    segmented: SegmentedArg,
}

impl InputArgs {
    /// The encoding choice, or a failure naming the unknown label.
    fn encoding(&self) -> Result<EncodingChoice, Failure> {
        EncodingChoice::from_label(&self.encoding).map_err(Failure)
    }

    fn segmentation(&self) -> Segmentation {
        match self.segmented {
            SegmentedArg::Auto => Segmentation::Auto,
            SegmentedArg::Yes => Segmentation::Yes,
            SegmentedArg::No => Segmentation::No,
        }
    }
}

#[derive(Clone, Copy, ValueEnum)]
enum SegmentedArg {
    Auto,
    Yes,
    No,
}

/// A failure of the tool, with the message to print after `outline: `.
struct Failure(String);

/// How a command ended, as the exit status says it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum Status {
    /// 0: done, nothing (serious enough) found.
    Clean,
    /// 1: `check` found an error (or a denied warning).
    Findings,
    /// 1: `parse`, `check` or `report` over many inputs skipped some that
    /// failed.
    SomeFailed,
    /// 2: the tool failed (for a single input: that input).
    Failed,
}

impl From<Status> for ExitCode {
    fn from(status: Status) -> ExitCode {
        ExitCode::from(match status {
            Status::Clean => 0,
            Status::Findings | Status::SomeFailed => 1,
            Status::Failed => 2,
        })
    }
}

/// Parse the arguments, run the command, print a failure, exit.
pub(crate) fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Parse(args) => parse::run(&args),
        Command::Check(args) => check::run(&args),
        Command::Schema(args) => schema::run(&args).map(|()| Status::Clean),
        Command::Report(args) => report::run(&args),
    };
    match result {
        Ok(status) => status.into(),
        Err(Failure(message)) => {
            io::report(&message);
            Status::Failed.into()
        }
    }
}
