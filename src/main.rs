//! The `outline` command line: reads files, prints outlines, sets the exit
//! status. Everything else lives in the library.
//!
//! Exit status: 0 on success, 2 when the tool failed (a file that cannot be
//! read, bytes invalid in a forced encoding, bad arguments).

use clap::{Parser, Subcommand, ValueEnum};
use outline::{EncodingChoice, Options, Segmentation};
use std::fs;
use std::io::{self, Read, Write};
use std::path::PathBuf;
use std::process::ExitCode;

/// Turn plain-text Chinese articles into outline JSON.
#[derive(Parser)]
#[command(name = "outline", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Print the outline of an article as JSON (contract version 1).
    Parse(ParseArgs),
}

#[derive(clap::Args)]
struct ParseArgs {
    /// The article to read; standard input when absent or `-`.
    file: Option<PathBuf>,
    /// Indent the JSON for people to read.
    #[arg(long)]
    pretty: bool,
    /// Write the JSON to this file instead of standard output.
    #[arg(long, short = 'o', value_name = "FILE")]
    output: Option<PathBuf>,
    /// The input's encoding: auto, utf-8, gb18030, gbk, utf-16le, utf-16be or
    /// another WHATWG label.
    #[arg(long, default_value = "auto", value_name = "ENCODING")]
    encoding: String,
    /// Whether words are separated by spaces (jieba-style segmentation).
    #[arg(long, value_enum, default_value_t = SegmentedArg::Auto)]
    segmented: SegmentedArg,
}

#[derive(Clone, Copy, ValueEnum)]
enum SegmentedArg {
    Auto,
    Yes,
    No,
}

/// A failure of the tool, with the message to print.
struct Failure(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(()) => ExitCode::SUCCESS,
        Err(Failure(message)) => {
            eprintln!("outline: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<(), Failure> {
    match cli.command {
        Command::Parse(args) => parse(args),
    }
}

fn parse(args: ParseArgs) -> Result<(), Failure> {
    let encoding = EncodingChoice::from_label(&args.encoding).map_err(Failure)?;
    let (name, bytes) = read_input(args.file.as_ref())?;
    let options = Options {
        name: name.clone(),
        encoding,
        segmentation: match args.segmented {
            SegmentedArg::Auto => Segmentation::Auto,
            SegmentedArg::Yes => Segmentation::Yes,
            SegmentedArg::No => Segmentation::No,
        },
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
    write_output(args.output.as_ref(), &json)
}

/// Read a file, or standard input for `-` or no file; the name to report.
fn read_input(file: Option<&PathBuf>) -> Result<(String, Vec<u8>), Failure> {
    match file {
        Some(path) if path.as_os_str() != "-" => {
            let name = path.display().to_string();
            if path.is_dir() {
                return Err(Failure(format!("{name}: is a directory, not a file")));
            }
            let bytes = fs::read(path)
                .map_err(|err| Failure(format!("{name}: cannot read: {}", io_message(&err))))?;
            Ok((name, bytes))
        }
        _ => {
            let mut bytes = Vec::new();
            io::stdin().lock().read_to_end(&mut bytes).map_err(|err| {
                Failure(format!("standard input: cannot read: {}", io_message(&err)))
            })?;
            Ok(("-".to_owned(), bytes))
        }
    }
}

/// Write to a file, or to standard output; a closed pipe is not a failure.
fn write_output(output: Option<&PathBuf>, bytes: &[u8]) -> Result<(), Failure> {
    match output {
        Some(path) => fs::write(path, bytes).map_err(|err| {
            Failure(format!(
                "{}: cannot write: {}",
                path.display(),
                io_message(&err)
            ))
        }),
        None => {
            let mut stdout = io::stdout().lock();
            match stdout.write_all(bytes).and_then(|()| stdout.flush()) {
                Err(err) if err.kind() != io::ErrorKind::BrokenPipe => Err(Failure(format!(
                    "standard output: cannot write: {}",
                    io_message(&err)
                ))),
                _ => Ok(()),
            }
        }
    }
}

/// An I/O error as a lower-case phrase: "no such file or directory".
fn io_message(err: &io::Error) -> String {
    match err.kind() {
        io::ErrorKind::NotFound => "no such file or directory".to_owned(),
        io::ErrorKind::PermissionDenied => "permission denied".to_owned(),
        _ => err.to_string(),
    }
}
