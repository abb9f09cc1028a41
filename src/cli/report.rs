//! `outline report`: an HTML report of articles, their outlines beside
//! their source text with the findings of `outline check` (see
//! `view/html.rs` for what the page holds).
//!
//! The configuration is found as `outline check` finds it: `--config FILE`,
//! else the nearest `outline.toml`, else every rule at its default level. A
//! file that cannot be read or decoded is reported on stderr and left out;
//! the report of the others is still written, `outline: N of M files
//! failed` ends the run, and the exit status is 1, as for `parse` and
//! `check` over several files. When no file could be reported on (a single
//! file that failed, or all of them: then `outline: M of M files failed`
//! ends the run) nothing is written and the status is 2.
//! Otherwise it is 0, whatever the findings: the report shows them, it does
//! not judge.

use super::batch;
use super::check::read_and_check;
use super::io::{report, write_output};
use super::view::html::{self, ReportFile};
use super::{Failure, InputArgs, Status};
use outline::check::Config;
use outline::{EncodingChoice, Options};
use std::path::{Path, PathBuf};

#[derive(clap::Args)]
pub(crate) struct ReportArgs {
    /// The articles to report on; standard input when none is given or for
    /// `-`.
    files: Vec<PathBuf>,
    /// Write the HTML to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// The configuration file of the checks; by default the nearest
    /// `outline.toml` in the current directory or its parents.
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

pub(crate) fn run(args: &ReportArgs) -> Result<Status, Failure> {
    let encoding = args.input.encoding()?;
    let config = super::check::load_config(args.config.as_deref())?;
    let options = Options {
        segmentation: args.input.segmentation(),
        ..Options::default()
    };
    let files: Vec<Option<&Path>> = if args.files.is_empty() {
        vec![None]
    } else {
        args.files.iter().map(|file| Some(file.as_path())).collect()
    };
    let total = files.len();
    let mut reports = Vec::with_capacity(total);
    let mut failed = 0;
    for file in files {
        match report_file(file, encoding, &options, &config) {
            Ok(one) => reports.push(one),
            Err(Failure(message)) => {
                report(&message);
                failed += 1;
            }
        }
    }
    if reports.is_empty() {
        if total > 1 {
            batch::report_failed(failed, total);
        }
        return Ok(Status::Failed);
    }
    write_output(args.output.as_deref(), html::report(&reports).as_bytes())?;
    batch::report_failed(failed, total);
    Ok(if failed > 0 {
        Status::SomeFailed
    } else {
        Status::Clean
    })
}

/// Read, decode, parse and check one input.
fn report_file(
    file: Option<&Path>,
    encoding: EncodingChoice,
    options: &Options,
    config: &Config,
) -> Result<ReportFile, Failure> {
    let checked = read_and_check(file, encoding, options, config)?;
    Ok(ReportFile {
        name: checked.name,
        text: checked.text,
        document: checked.document,
        diagnostics: checked.diagnostics,
    })
}
