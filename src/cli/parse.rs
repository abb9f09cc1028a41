//! `outline parse`: the outline of one article as JSON.

use super::io::{read_input, write_output};
use super::{Failure, InputArgs};
use outline::Options;
use std::path::PathBuf;

#[derive(clap::Args)]
pub(crate) struct ParseArgs {
    /// The article to read; standard input when absent or `-`.
    file: Option<PathBuf>,
    /// Indent the JSON for people to read.
    #[arg(long)]
    pretty: bool,
    /// Write the JSON to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    #[command(flatten)]
    input: InputArgs,
}

pub(crate) fn run(args: &ParseArgs) -> Result<(), Failure> {
    let encoding = args.input.encoding()?;
    let (name, bytes) = read_input(args.file.as_deref())?;
    let options = Options {
        name: name.clone(),
        encoding,
        segmentation: args.input.segmentation(),
    };
    let document =
        outline::parse_bytes(&bytes, &options).map_err(|err| Failure(format!("{name}: {err}")))?;
    let mut json = if args.pretty {
        serde_json::to_vec_pretty(&document)
    } else {
        serde_json::to_vec(&document)
    }
    .map_err(|err| Failure(format!("{name}: cannot serialize the outline: {err}")))?;
    json.push(b'\n');
    write_output(args.output.as_deref(), &json)
}
