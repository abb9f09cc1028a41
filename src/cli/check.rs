//! `outline check`: run the layout rules over articles and report the
//! findings in one of the formats of `format/`.
//!
//! The configuration is `--config FILE`, else the nearest `outline.toml`
//! in the current directory or a parent, else every rule at its default
//! level. Each file is read (standard input for `-` or no file; the files
//! that `--glob` selects inside a directory, recursively), decoded, parsed
//! and checked on `--jobs` threads, and reported in input order; a file
//! that cannot be read is reported on stderr and the others are still
//! checked.
//!
//! Exit status: 2 when the tool failed (the configuration, the arguments,
//! or the one input of a single-file check); else 1 if an error-level
//! finding remains (with `--deny warnings`, a warning too) or some inputs
//! of a batch (several files, or a directory) failed, each reported and
//! then counted (`outline: N of M files failed`); else 0.

use super::batch::{self, BatchArgs, Progress, Sink};
use super::format::{Counts, FileReport, Format, Writer};
use super::inputs::{self, Input, Selection};
use super::io::{io_message, read_input, Stdout};
use super::{explain, Failure, InputArgs, Status};
use clap::ValueEnum;
use outline::check::{Config, ConfigError, Diagnostic};
use outline::{Document, EncodingChoice, Options};
use std::io::IsTerminal;
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub(crate) struct CheckArgs {
    /// The articles to check: files, directories (walked recursively), or
    /// `-` for standard input (the default).
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// How to print the findings. `human` has colour when standard output
    /// is a terminal (and `NO_COLOR` is not set).
    #[arg(long, value_enum, default_value_t = Format::Human)]
    format: Format,
    /// The configuration file; by default the nearest `outline.toml` in the
    /// current directory or its parents.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Also fail (exit 1) on warnings.
    #[arg(long, value_enum, value_name = "WHAT")]
    deny: Option<Deny>,
    /// Explain a rule: what it checks, why, a bad and a good example.
    /// Without a rule, list them all.
    #[arg(
        long,
        value_name = "RULE",
        num_args = 0..=1,
        default_missing_value = "",
        require_equals = false
    )]
    explain: Option<String>,
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    input: InputArgs,
}

/// What `--deny` can make fatal.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
enum Deny {
    /// Warnings fail the check like errors.
    Warnings,
}

pub(crate) fn run(args: &CheckArgs) -> Result<Status, Failure> {
    if let Some(rule) = &args.explain {
        return explain::run(rule).map(|()| Status::Clean);
    }
    let encoding = args.input.encoding()?;
    let config = load_config(args.config.as_deref())?;
    let options = Options {
        segmentation: args.input.segmentation(),
        ..Options::default()
    };
    let selection = Selection::new(&args.batch.globs)?;
    let inputs = inputs::expand(&args.files, &selection, None)?;
    inputs::read_standard_input_once(&inputs)?;

    let colour = std::io::stdout().is_terminal()
        && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty());
    let sink = Findings {
        writer: Writer::new(args.format, colour),
        stdout: Stdout::new(),
        counts: Counts::default(),
        failed: 0,
        progress: Progress::new(inputs.len()),
    };
    let pool = args.batch.pool()?;
    let work = |input: &Input| check_file(input, encoding, &options, &config);
    let Findings {
        writer,
        mut stdout,
        counts,
        failed,
        progress,
    } = batch::run(
        &pool,
        inputs.iter(),
        args.batch.window(),
        work,
        |result| result.as_ref().map_or(0, FileReport::held),
        sink,
    )?;
    progress.finish();
    writer.finish(counts, &mut stdout)?;
    stdout.flush()?;

    let denied = counts.errors > 0 || (args.deny == Some(Deny::Warnings) && counts.warnings > 0);
    let batch = inputs::is_batch(&args.files);
    if batch {
        batch::report_failed(failed, inputs.len());
    }
    Ok(if failed > 0 && !batch {
        Status::Failed
    } else if failed > 0 {
        Status::SomeFailed
    } else if denied {
        Status::Findings
    } else {
        Status::Clean
    })
}

/// The writer side of `check`: the findings in input order, failures on
/// standard error, the progress bar.
struct Findings {
    writer: Writer,
    stdout: Stdout,
    counts: Counts,
    /// How many inputs failed.
    failed: usize,
    progress: Progress,
}

impl Sink<Result<FileReport, Failure>> for Findings {
    fn item(&mut self, item: Result<FileReport, Failure>) -> Result<(), Failure> {
        match item {
            Ok(report) => {
                self.counts.add(&report.diagnostics);
                let (writer, stdout) = (&mut self.writer, &mut self.stdout);
                self.progress.output(|| writer.file(&report, stdout))?;
            }
            Err(Failure(message)) => {
                // What was printed so far comes before the failure.
                self.stdout.flush()?;
                self.progress.report(&message);
                self.writer.failure(&message);
                self.failed += 1;
            }
        }
        self.progress.inc();
        Ok(())
    }

    fn idle(&mut self) -> Result<(), Failure> {
        self.stdout.flush()
    }
}

/// Read, decode, parse and check one input.
fn check_file(
    input: &Input,
    encoding: EncodingChoice,
    options: &Options,
    config: &Config,
) -> Result<FileReport, Failure> {
    if let Some(message) = &input.failure {
        return Err(Failure(message.clone()));
    }
    let checked = read_and_check(input.path.as_deref(), encoding, options, config)?;
    Ok(FileReport {
        name: checked.name,
        text: checked.text,
        diagnostics: checked.diagnostics,
    })
}

/// A file read, decoded, parsed and checked: what `check` and `report` show.
pub(crate) struct Checked {
    /// The name to report: the path as given, or `-`.
    pub name: String,
    /// The decoded text.
    pub text: String,
    pub document: Document,
    pub diagnostics: Vec<Diagnostic>,
}

/// Read `file` (standard input for `None` or `-`), decode, parse and check
/// it; a failure names the file.
pub(crate) fn read_and_check(
    file: Option<&Path>,
    encoding: EncodingChoice,
    options: &Options,
    config: &Config,
) -> Result<Checked, Failure> {
    let (name, bytes) = read_input(file)?;
    let decoded = bytes
        .decode(encoding)
        .map_err(|err| Failure(format!("{name}: {err}")))?;
    let options = Options {
        name: name.clone(),
        encoding,
        ..options.clone()
    };
    let document = outline::parse_decoded(&decoded, bytes.len(), &options);
    let diagnostics = outline::check::check(&document, &decoded.text, config);
    Ok(Checked {
        name,
        text: decoded.text.into_owned(),
        document,
        diagnostics,
    })
}

/// `--config FILE`, else the nearest `outline.toml`, else the defaults.
pub(crate) fn load_config(explicit: Option<&Path>) -> Result<Config, Failure> {
    let path = match explicit {
        Some(path) => Some(path.to_owned()),
        // Without a current directory there is nothing to discover from.
        None => std::env::current_dir()
            .ok()
            .and_then(|dir| Config::discover(&dir)),
    };
    match path {
        Some(path) => read_config(&path),
        None => Ok(Config::default()),
    }
}

/// Read a configuration file; the message names the file and, for a TOML
/// error, the line and column.
fn read_config(path: &Path) -> Result<Config, Failure> {
    let failure = |message: String| Failure(format!("{}: {message}", path.display()));
    if path.is_dir() {
        return Err(failure("is a directory, not a file".to_owned()));
    }
    let bytes =
        std::fs::read(path).map_err(|err| failure(format!("cannot read: {}", io_message(&err))))?;
    let text = String::from_utf8(bytes).map_err(|err| {
        failure(format!(
            "not UTF-8 text (invalid byte at offset {})",
            err.utf8_error().valid_up_to()
        ))
    })?;
    Config::from_toml(&text).map_err(|ConfigError { message, .. }| {
        failure(match toml_location(&text) {
            Some((line, column)) => format!("line {line}, column {column}: {message}"),
            None => message,
        })
    })
}

/// Where TOML parsing fails, as 1-based line and column (in characters),
/// when it fails at a place (the checks of rule names and parameters that
/// follow parsing have none).
fn toml_location(text: &str) -> Option<(usize, usize)> {
    let err = toml::from_str::<Config>(text).err()?;
    let offset = err.span()?.start;
    let before = text.get(..offset)?;
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |index| index + 1);
    let column = before.get(line_start..)?.chars().count() + 1;
    Some((line, column))
}
