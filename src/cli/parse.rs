//! `outline parse`: outlines as JSON, in three modes.
//!
//! - **One input** (a file, or standard input), without `--out-dir`: one
//!   JSON document on standard output or in `--output FILE`; exit 0, or 2
//!   with a message when the input cannot be read or decoded.
//! - **Batch**: several inputs, a directory, or `--out-dir`. Inputs are
//!   read, parsed, serialized and written on `--jobs` threads
//!   (`batch::run`). With `--out-dir DIR`, one `NAME.json` (`.txt`, `.md`
//!   for the other formats) per input under
//!   DIR (the path inside a directory argument, or the file name of a file
//!   argument), each written to a temporary file and renamed; without it,
//!   JSON Lines on standard output, one outline a line in input order. A
//!   failing input is reported (`outline: FILE: message`), counted and
//!   skipped; at the end `outline: N of M files failed` and exit 1. Exit 2
//!   when the run itself fails (bad arguments, an `--out-dir` that cannot
//!   be created, a directory with no file to read). Files a
//!   walk finds that are this run's outputs from an earlier run (with
//!   `--out-dir` the directory walked) are left out.
//! - **Stream** (`--jsonl`): JSON Lines of articles in, JSON Lines of
//!   outlines out; see `jsonl`.

use super::batch::{self, BatchArgs, Progress, Sink};
use super::inputs::{self, Input, Selection};
use super::io::{io_message, read_input, write_atomically, write_output, write_with, Stdout};
use super::{jsonl, view, Failure, InputArgs, Status};
use outline::{Document, EncodingChoice, Options, Segmentation};
use std::borrow::Cow;
use std::collections::{HashMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};

/// What `outline parse --help` adds after the options.
pub(crate) const AFTER_LONG_HELP: &str = "\
Batch: with several inputs, a directory (walked recursively; see --glob), \
or --out-dir, every input is read, parsed and written on --jobs threads. \
With --out-dir DIR, each outline goes to DIR/PATH.json (PATH.txt for \
--format tree, PATH.md for markdown), where PATH is the path inside the \
directory argument, or the file name of a file argument \
(written to a temporary file and renamed: no half-written output). \
Without --out-dir, the outlines go to standard output as JSON Lines, one \
a line, in input order (--format tree: each outline after its header line \
naming the file; markdown: each after a line <!-- outline source: \"NAME\" --> \
and a blank line, NAME a JSON string). source.name is the path as given, joined with the \
path inside the directory. A failing input is reported on standard error, \
counted and skipped.

Stream (--jsonl): reads JSON Lines from FILE or standard input, one \
article a line: {\"id\": …, \"text\": \"…\", …}. Writes one line per \
non-empty input line, in input order: the input's fields as written, \
except text (and any outline or error field), followed by \
\"outline\": DOCUMENT, whose source.name is the id (a string's value, \
otherwise its JSON), or FILE:LINE without an id. A line that is not a JSON \
object with a string text gives {\"id\": ID, \"error\": \"…\"} (or \
{\"line\": N, \"error\": \"…\"} without an id) and the stream goes on. \
Empty lines are skipped. Works as a filter for Spark RDD.pipe, Hadoop \
Streaming and GNU parallel --pipe.

Exit status: 0 on success; 1 when some inputs of a batch failed (each is \
reported, then `outline: N of M files failed`); 2 when the tool failed \
(a single input that cannot be read or decoded, bad arguments, an output \
that cannot be written, a directory with no file to read). With --jsonl, \
malformed lines are answered in the stream and the status is 0 (stderr \
gets `outline: FILE: N of M lines failed`); 2 when the stream cannot be \
read.";

#[derive(clap::Args)]
pub(crate) struct ParseArgs {
    /// The articles to read: files, directories (walked recursively), or
    /// `-` for standard input (the default). With --jsonl, one file of
    /// JSON Lines.
    #[arg(value_name = "FILE")]
    files: Vec<PathBuf>,
    /// Indent the JSON for people to read (not for JSON Lines).
    #[arg(long, conflicts_with = "jsonl")]
    pretty: bool,
    /// Write the JSON to this file instead of standard output (one input
    /// only). A FILE not there yet is made through a temporary file beside
    /// it, renamed when complete, so a failed or interrupted run leaves
    /// none; an existing FILE is written in place.
    #[arg(
        long,
        short = 'o',
        value_name = "FILE",
        conflicts_with_all = ["out_dir", "jsonl"]
    )]
    output: Option<PathBuf>,
    /// Write one file per input under DIR, as DIR/PATH.json (.txt for
    /// --format tree, .md for markdown; PATH: the path inside a directory
    /// argument, or a file argument's name);
    /// folders are created as needed, existing files replaced.
    #[arg(long, value_name = "DIR", conflicts_with = "jsonl")]
    out_dir: Option<PathBuf>,
    /// Read JSON Lines of {"id": …, "text": …} objects and write one line
    /// per input line with the fields except text, plus "outline" (or
    /// "error"); see below.
    #[arg(long, conflicts_with = "globs")]
    jsonl: bool,
    /// What to print: the outline JSON, an indented tree for people
    /// (coloured on a terminal unless NO_COLOR is set), or a Markdown outline.
    #[arg(long, value_enum, default_value_t = view::Format::Json, conflicts_with = "jsonl")]
    format: view::Format,
    #[command(flatten)]
    batch: BatchArgs,
    #[command(flatten)]
    input: InputArgs,
}

pub(crate) fn run(args: &ParseArgs) -> Result<Status, Failure> {
    if args.jsonl {
        return stream(args);
    }
    if args.out_dir.is_none() && !inputs::is_batch(&args.files) {
        return single(args).map(|()| Status::Clean);
    }
    run_batch(args)
}

/// How an outline is written out. (The place to add other renderings.)
#[derive(Clone, Copy)]
struct Render {
    pretty: bool,
    format: view::Format,
    color: bool,
    /// One of several outlines on one stream: a Markdown outline comes
    /// after a comment naming its source (`view::markdown::render_one_of_many`).
    one_of_many: bool,
}

impl Render {
    /// The outline with its final line break; a failure names the input.
    fn render(self, document: &Document) -> Result<Vec<u8>, Failure> {
        match self.format {
            view::Format::Json => {}
            view::Format::Tree => return Ok(view::tree::render(document, self.color).into_bytes()),
            view::Format::Markdown if self.one_of_many => {
                return Ok(view::markdown::render_one_of_many(document).into_bytes())
            }
            view::Format::Markdown => return Ok(view::markdown::render(document).into_bytes()),
        }
        let mut json = Vec::new();
        if self.pretty {
            serde_json::to_writer_pretty(&mut json, document).map_err(|err| {
                Failure(format!(
                    "{}: cannot serialize the outline: {err}",
                    document.source.name
                ))
            })?;
        } else {
            // Writing to a Vec cannot fail.
            let _ = document.write_json(&mut json);
        }
        json.push(b'\n');
        Ok(json)
    }
}

/// Inputs at least this long are built and written on two threads
/// ([`outline::write_json_pipelined`]); below it, a thread costs more than
/// it saves.
const PIPELINE_MIN_BYTES: usize = 1 << 20;

/// One input, one JSON document: the original behaviour.
fn single(args: &ParseArgs) -> Result<(), Failure> {
    let encoding = args.input.encoding()?;
    let (name, bytes) = read_input(args.files.first().map(PathBuf::as_path))?;
    let options = Options {
        name: name.clone(),
        encoding,
        segmentation: args.input.segmentation(),
    };
    let decoded = bytes
        .decode(options.encoding)
        .map_err(|err| Failure(format!("{name}: {err}")))?;
    let size = bytes.len();
    if matches!(args.format, view::Format::Json) && !args.pretty {
        // Compact JSON is written while the outline is built, each
        // top-level block as soon as it is final: the whole tree is never
        // in memory. Text converted from another encoding owns its bytes,
        // and the input goes first.
        // A long input is built on a second core while this one writes.
        let pipelined = size >= PIPELINE_MIN_BYTES
            && std::thread::available_parallelism().is_ok_and(|n| n.get() > 1);
        let write = |decoded: &outline::Decoded<'_>| {
            write_with(args.output.as_deref(), |out| {
                if pipelined {
                    outline::write_json_pipelined(decoded, size, &options, &mut *out)?;
                } else {
                    outline::write_json(decoded, size, &options, &mut *out)?;
                }
                out.write_all(b"\n")
            })
        };
        if matches!(decoded.text, Cow::Owned(_)) {
            let decoded = decoded.into_owned();
            drop(bytes);
            return write(&decoded);
        }
        return write(&decoded);
    }
    let document = outline::parse_decoded(&decoded, size, &options);
    let result = Render {
        pretty: args.pretty,
        format: args.format,
        color: view::colour_for(args.output.as_deref()),
        one_of_many: false,
    }
    .render(&document)
    .and_then(|text| write_output(args.output.as_deref(), &text));
    // The process ends right after: freeing every node one by one would
    // only cost time.
    std::mem::forget(document);
    result
}

/// `--jsonl`: one stream of JSON Lines.
fn stream(args: &ParseArgs) -> Result<Status, Failure> {
    if args.files.len() > 1 {
        return Err(Failure(
            "--jsonl reads one stream: give one FILE, or none for standard input".to_owned(),
        ));
    }
    let encoding = args.input.encoding()?;
    if !matches!(encoding, EncodingChoice::Auto)
        && encoding != EncodingChoice::Forced(encoding_rs::UTF_8)
    {
        return Err(Failure(format!(
            "--encoding {}: does not apply to --jsonl (JSON Lines are UTF-8)",
            args.input.encoding
        )));
    }
    jsonl::run(
        args.files.first().map(PathBuf::as_path),
        args.input.segmentation(),
        &args.batch,
    )
}

/// Where the outlines of a batch go.
enum Destination<'a> {
    /// One file per input under this folder.
    Folder(&'a Path),
    /// JSON Lines on standard output.
    Lines,
}

/// What the workers of a batch share.
struct Job<'a> {
    encoding: EncodingChoice,
    segmentation: Segmentation,
    render: Render,
    destination: Destination<'a>,
}

impl Job<'_> {
    /// Read, parse, render and (for `--out-dir`) write one input. Returns
    /// the line for standard output, if any.
    fn run(&self, input: &Input) -> Result<Option<Vec<u8>>, Failure> {
        if let Some(message) = &input.failure {
            return Err(Failure(message.clone()));
        }
        let bytes = match &input.path {
            Some(path) => fs::read(path).map_err(|err| {
                Failure(format!("{}: cannot read: {}", input.name, io_message(&err)))
            })?,
            None => read_input(None)?.1.into_bytes(),
        };
        let options = Options {
            name: input.name.clone(),
            encoding: self.encoding,
            segmentation: self.segmentation,
        };
        let document = outline::parse_bytes(&bytes, &options)
            .map_err(|err| Failure(format!("{}: {err}", input.name)))?;
        let json = self.render.render(&document)?;
        match self.destination {
            Destination::Lines => Ok(Some(json)),
            Destination::Folder(folder) => {
                let path = output_path(folder, input, self.render.format);
                if let Some(parent) = path.parent() {
                    fs::create_dir_all(parent).map_err(|err| {
                        Failure(format!(
                            "{}: cannot create the folder: {}",
                            parent.display(),
                            io_message(&err)
                        ))
                    })?;
                }
                write_atomically(&path, &json)?;
                Ok(None)
            }
        }
    }
}

/// `DIR/PATH.json`, or `.txt` for `--format tree`, `.md` for Markdown.
fn output_path(folder: &Path, input: &Input, format: view::Format) -> PathBuf {
    let mut path = folder.join(&input.relative).into_os_string();
    path.push(match format {
        view::Format::Json => ".json",
        view::Format::Tree => ".txt",
        view::Format::Markdown => ".md",
    });
    PathBuf::from(path)
}

/// Several inputs, a directory, or `--out-dir`.
fn run_batch(args: &ParseArgs) -> Result<Status, Failure> {
    if args.output.is_some() {
        return Err(Failure(
            "--output takes one input; for several, use --out-dir DIR or standard output"
                .to_owned(),
        ));
    }
    if args.pretty && args.out_dir.is_none() {
        return Err(Failure(
            "--pretty: several outlines on standard output are JSON Lines, one a line; \
             use --out-dir DIR for indented files"
                .to_owned(),
        ));
    }
    let encoding = args.input.encoding()?;
    let selection = Selection::new(&args.batch.globs)?;
    let skip = match &args.out_dir {
        Some(folder) => {
            fs::create_dir_all(folder).map_err(|err| {
                Failure(format!(
                    "{}: cannot create the folder: {}",
                    folder.display(),
                    io_message(&err)
                ))
            })?;
            folder.canonicalize().ok()
        }
        None => None,
    };
    let mut inputs = inputs::expand(&args.files, &selection, skip.as_deref())?;
    inputs::read_standard_input_once(&inputs)?;
    // The walk passes over the out dir inside a directory argument; only
    // a directory argument that is the out dir itself lists its outputs.
    let walks_out_dir = skip.as_deref().is_some_and(|out| {
        args.files
            .iter()
            .any(|file| file.is_dir() && file.canonicalize().is_ok_and(|dir| dir == out))
    });
    let destination = match &args.out_dir {
        Some(folder) => {
            if walks_out_dir {
                leave_out_earlier_outputs(&mut inputs, folder, args.format);
            }
            check_output_names(folder, &inputs, args.format)?;
            Destination::Folder(folder)
        }
        None => Destination::Lines,
    };
    let job = Job {
        encoding,
        segmentation: args.input.segmentation(),
        render: Render {
            pretty: args.pretty,
            format: args.format,
            color: false,
            one_of_many: matches!(destination, Destination::Lines),
        },
        destination,
    };

    let pool = args.batch.pool()?;
    let sink = Outlines {
        stdout: matches!(job.destination, Destination::Lines).then(Stdout::new),
        progress: Progress::new(inputs.len()),
        failed: 0,
    };
    let sink = batch::run(
        &pool,
        inputs.iter(),
        args.batch.window(),
        |input| job.run(input),
        |result| {
            result
                .as_ref()
                .map_or(0, |json| json.as_ref().map_or(0, |json| json.len() as u64))
        },
        sink,
    )?;
    sink.progress.finish();
    batch::report_failed(sink.failed, inputs.len());
    Ok(if sink.failed == 0 {
        Status::Clean
    } else {
        Status::SomeFailed
    })
}

/// Leave out the files a directory's walk found that are the outputs of
/// this run's inputs, written by an earlier run: with `--out-dir` the
/// directory walked, a run with `--format tree` would otherwise read
/// `a.txt.txt` next time, and write `a.txt.txt.txt`.
fn leave_out_earlier_outputs(inputs: &mut Vec<Input>, folder: &Path, format: view::Format) {
    let outputs: HashSet<PathBuf> = inputs
        .iter()
        .filter(|input| input.path.is_some())
        .filter_map(|input| output_path(folder, input, format).canonicalize().ok())
        .collect();
    if outputs.is_empty() {
        return;
    }
    inputs.retain(|input| {
        !input.walked
            || input
                .path
                .as_ref()
                .and_then(|path| path.canonicalize().ok())
                .is_none_or(|path| !outputs.contains(&path))
    });
}

/// Two inputs must not write the same output file, and standard input
/// has no name to write under.
fn check_output_names(
    folder: &Path,
    inputs: &[Input],
    format: view::Format,
) -> Result<(), Failure> {
    let mut seen: HashMap<PathBuf, &str> = HashMap::with_capacity(inputs.len());
    for input in inputs {
        if input.path.is_none() {
            return Err(Failure(
                "standard input (`-`) cannot be written under --out-dir".to_owned(),
            ));
        }
        if input.failure.is_some() {
            continue;
        }
        let path = output_path(folder, input, format);
        if let Some(other) = seen.insert(path.clone(), &input.name) {
            return Err(Failure(format!(
                "{}: would be written by both {other} and {}",
                path.display(),
                input.name
            )));
        }
    }
    Ok(())
}

/// The writer side of a batch: JSON Lines on standard output (or nothing,
/// for `--out-dir`), failures on standard error, the progress bar.
struct Outlines {
    stdout: Option<Stdout>,
    progress: Progress,
    failed: usize,
}

impl Sink<Result<Option<Vec<u8>>, Failure>> for Outlines {
    fn item(&mut self, item: Result<Option<Vec<u8>>, Failure>) -> Result<(), Failure> {
        match item {
            Ok(Some(json)) => {
                if let Some(stdout) = &mut self.stdout {
                    self.progress.output(|| stdout.write(&json))?;
                }
            }
            Ok(None) => {}
            Err(Failure(message)) => {
                // What was printed so far comes before the failure.
                if let Some(stdout) = &mut self.stdout {
                    stdout.flush()?;
                }
                self.progress.report(&message);
                self.failed += 1;
            }
        }
        self.progress.inc();
        Ok(())
    }

    fn idle(&mut self) -> Result<(), Failure> {
        match &mut self.stdout {
            Some(stdout) => stdout.flush(),
            None => Ok(()),
        }
    }

    fn stopped(&self) -> bool {
        self.stdout.as_ref().is_some_and(Stdout::closed)
    }
}
