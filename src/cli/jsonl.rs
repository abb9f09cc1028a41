//! `outline parse --jsonl`: a stream of articles as JSON Lines in, a stream
//! of outlines out, one line for one line, in input order. This is the
//! shape Spark's `RDD.pipe`, Hadoop Streaming and `parallel --pipe` expect.
//!
//! Input: one JSON object a line, `{"id": …, "text": "…", …}`. `text` is
//! the article; `id` (any JSON value) and the other fields are optional.
//! Lines that are empty or only whitespace are skipped, and so is a UTF-8
//! byte order mark at the start of the stream.
//!
//! Output, one line per non-empty input line:
//!
//! - `{…, "outline": DOCUMENT}`: the input's fields exactly as written
//!   (same order, same spelling of numbers and escapes), without `text`
//!   and without any `outline` or `error` field of the input, then the
//!   outline. Its `source.name` is the id: a string's value, another
//!   value's JSON (`42`); without an id, `FILE:LINE` (`-:3` for line 3 of
//!   standard input). The text is UTF-8, so `source.encoding` is `utf-8`
//!   and `source.bytes` its length in UTF-8. A `\u` escape of a lone
//!   surrogate in `text` (Python writes them for undecodable bytes) is read
//!   as U+FFFD, the replacement character.
//! - `{"id": ID, "error": "…"}`, ID as written, for a line that is a JSON
//!   object but has no string `text`; `{"line": N, "error": "…"}` (N
//!   counting every line from 1) for a line that is not UTF-8, not JSON or
//!   not an object.
//!
//! The exit status is 0 when the stream was read to its end, even with
//! malformed lines: they are answered in the stream (a non-zero status
//! fails a whole Spark or Hadoop task). Standard error then says
//! `outline: FILE: N of M lines failed`. It is 2 when the stream cannot be
//! read or standard output cannot be written.
//!
//! Memory stays bounded: a reader thread reads up to 64 lines a worker
//! ahead; the workers answer them one at a time on the rayon pool, and the
//! answers are written in order, with no more waiting than `batch::run`'s
//! window holds; standard output is flushed whenever the writer has
//! caught up, so a line answered is soon seen downstream.

use super::batch::{self, BatchArgs, Sink};
use super::io::{io_message, report, Stdout, STDIN_NAME};
use super::{Failure, Status};
use outline::{Options, Segmentation};
use serde::de::{DeserializeOwned, IgnoredAny};
use std::fs::File;
use std::io::{self, BufRead, BufReader};
use std::path::Path;
use std::sync::mpsc;
use std::thread;

/// One non-empty input line, without its line break.
struct Line {
    /// 1-based, counting every line.
    number: usize,
    bytes: Vec<u8>,
}

/// The answer to one line, with its line break.
struct Answer {
    json: Vec<u8>,
    failed: bool,
}

/// Run the stream from `file` (standard input for `-` or none).
pub(crate) fn run(
    file: Option<&Path>,
    segmentation: Segmentation,
    batch: &BatchArgs,
) -> Result<Status, Failure> {
    let (origin, reader): (String, Box<dyn BufRead + Send>) = match file {
        Some(path) if path.as_os_str() != STDIN_NAME => {
            let name = path.display().to_string();
            if path.is_dir() {
                return Err(Failure(format!("{name}: is a directory, not a file")));
            }
            let file = File::open(path)
                .map_err(|err| Failure(format!("{name}: cannot read: {}", io_message(&err))))?;
            (name, Box::new(BufReader::with_capacity(1 << 20, file)))
        }
        _ => (
            STDIN_NAME.to_owned(),
            Box::new(BufReader::with_capacity(1 << 20, io::stdin())),
        ),
    };
    let pool = batch.pool()?;
    // The reader reads ahead up to 64 lines a worker (at least 64, at most
    // 4,096), so that the workers need not wait for it.
    let (sender, receiver) = mpsc::sync_channel(batch.jobs().saturating_mul(64).clamp(64, 4096));
    let reader_origin = origin.clone();
    // Not joined: when the output side stops early, the reader may be
    // blocked on input that never comes; the process ends without it.
    thread::Builder::new()
        .name("outline-reader".to_owned())
        .spawn(move || read_lines(reader, &reader_origin, &sender))
        .map_err(|err| Failure(format!("cannot start the reader thread: {err}")))?;
    let mut lines = Lines {
        receiver,
        failure: None,
    };

    let options = Options {
        segmentation,
        ..Options::default()
    };
    let sink = Answers {
        stdout: Stdout::new(),
        lines: 0,
        failed: 0,
    };
    let sink = batch::run(
        &pool,
        &mut lines,
        batch.window(),
        |line| answer(&line, &origin, &options),
        |answer| answer.json.len() as u64,
        sink,
    )?;
    if let Some(failure) = lines.failure {
        return Err(failure);
    }
    if sink.failed > 0 {
        report(&format!(
            "{origin}: {} of {} lines failed",
            sink.failed, sink.lines
        ));
    }
    Ok(Status::Clean)
}

/// The reader thread: non-empty lines to the channel, then a read failure
/// if there is one; it ends at the end of the input or when nobody
/// listens.
fn read_lines(
    mut reader: impl BufRead,
    origin: &str,
    sender: &mpsc::SyncSender<Result<Line, Failure>>,
) {
    let mut number = 0;
    loop {
        let mut bytes = Vec::new();
        match reader.read_until(b'\n', &mut bytes) {
            Ok(0) => return,
            Ok(_) => {
                number += 1;
                if bytes.last() == Some(&b'\n') {
                    bytes.pop();
                    if bytes.last() == Some(&b'\r') {
                        bytes.pop();
                    }
                }
                if number == 1 && bytes.starts_with(b"\xEF\xBB\xBF") {
                    // A byte order mark some editors write: not part of
                    // the first object.
                    bytes.drain(..3);
                }
                if bytes.iter().all(u8::is_ascii_whitespace) {
                    continue;
                }
                if sender.send(Ok(Line { number, bytes })).is_err() {
                    return;
                }
            }
            Err(err) => {
                let message = format!("{origin}: cannot read: {}", io_message(&err));
                let _ = sender.send(Err(Failure(message)));
                return;
            }
        }
    }
}

/// The lines the reader has read, one at a time, until the input ends or
/// cannot be read.
struct Lines {
    receiver: mpsc::Receiver<Result<Line, Failure>>,
    /// Why the input ended early, if it did.
    failure: Option<Failure>,
}

impl Iterator for Lines {
    type Item = Line;

    fn next(&mut self) -> Option<Line> {
        if self.failure.is_some() {
            return None;
        }
        match self.receiver.recv() {
            Ok(Ok(line)) => Some(line),
            Ok(Err(failure)) => {
                self.failure = Some(failure);
                None
            }
            Err(mpsc::RecvError) => None,
        }
    }
}

/// The writer side: answers to standard output, counted.
struct Answers {
    stdout: Stdout,
    lines: usize,
    failed: usize,
}

impl Sink<Answer> for Answers {
    fn item(&mut self, answer: Answer) -> Result<(), Failure> {
        self.lines += 1;
        self.failed += usize::from(answer.failed);
        self.stdout.write(&answer.json)
    }

    fn idle(&mut self) -> Result<(), Failure> {
        self.stdout.flush()
    }

    fn stopped(&self) -> bool {
        self.stdout.closed()
    }
}

/// The answer to one line: its outline, or an error object.
fn answer(line: &Line, origin: &str, options: &Options) -> Answer {
    let text = match std::str::from_utf8(&line.bytes) {
        Ok(text) => text,
        Err(err) => {
            let message = format!("not UTF-8: invalid byte at offset {}", err.valid_up_to());
            return error(Err(line.number), &message);
        }
    };
    let record = match scan(text) {
        Some(record) => record,
        None => return error(Err(line.number), &malformed(text)),
    };
    let id = record.id;
    let reply = |message: &str| error(id.ok_or(line.number), message);
    if let Some(field) = record.duplicate {
        return reply(&format!("more than one `{field}` field"));
    }
    let article = match record.text.map(read_string) {
        Some(Ok(article)) => article,
        Some(Err(message)) => return reply(&message),
        None => return reply("no `text` field"),
    };
    let name = match id {
        Some(raw) if raw.starts_with('"') => string_of(raw).unwrap_or_else(|_| raw.to_owned()),
        Some(raw) => raw.to_owned(),
        None => format!("{origin}:{}", line.number),
    };
    let document = outline::parse_str(
        &article,
        &Options {
            name,
            ..options.clone()
        },
    );
    let mut json = Vec::with_capacity(article.len() * 4 + 256);
    json.push(b'{');
    for (key, value) in &record.kept {
        json.extend_from_slice(key.as_bytes());
        json.push(b':');
        json.extend_from_slice(value.as_bytes());
        json.push(b',');
    }
    json.extend_from_slice(b"\"outline\":");
    if let Err(err) = document.write_json(&mut json) {
        return reply(&format!("cannot serialize the outline: {err}"));
    }
    json.extend_from_slice(b"}\n");
    Answer {
        json,
        failed: false,
    }
}

/// `{"id":ID,"error":"…"}` with the id as written, or
/// `{"line":N,"error":"…"}`.
fn error(id: Result<&str, usize>, message: &str) -> Answer {
    // Serializing a string cannot fail; the fallback keeps the line JSON.
    let message = serde_json::to_string(message).unwrap_or_else(|_| "\"\"".to_owned());
    let json = match id {
        Ok(raw) => format!("{{\"id\":{raw},\"error\":{message}}}\n"),
        Err(number) => format!("{{\"line\":{number},\"error\":{message}}}\n"),
    };
    Answer {
        json: json.into_bytes(),
        failed: true,
    }
}

/// Why a line is not a JSON object. It is read past as written, so that
/// what JSON allows but Rust values do not hold (`[1e400]`, deep nesting)
/// is still told by its kind.
fn malformed(text: &str) -> String {
    match serde_json::from_str::<IgnoredAny>(text) {
        Ok(_) => match kind(
            text.get(skip_space(text.as_bytes(), 0)..)
                .unwrap_or_default(),
        ) {
            "an object" => "cannot read this JSON object".to_owned(),
            kind => format!("not a JSON object but {kind}"),
        },
        Err(err) => format!("not JSON: {err}"),
    }
}

/// The string that the JSON value `raw` (as written, a valid value) is;
/// why not, as a message about `text`. A `\u` escape of a lone surrogate,
/// which JSON lets one write but no Unicode text can hold (Python's
/// `json.dumps` writes them for bytes decoded with `surrogateescape`),
/// is read as U+FFFD, the replacement character, as undecodable bytes are.
fn read_string(raw: &str) -> Result<String, String> {
    if !raw.starts_with('"') {
        return Err(format!("`text` is not a string but {}", kind(raw)));
    }
    string_of(raw).map_err(|err| format!("`text` cannot be read: {err}"))
}

/// The string the JSON string `raw` (as written) is, a lone surrogate read
/// as U+FFFD (see [`read_string`]).
fn string_of(raw: &str) -> Result<String, serde_json::Error> {
    serde_json::from_str::<String>(raw).or_else(|err| {
        serde_json::from_str::<String>(&lone_surrogates_replaced(raw)).map_err(|_| err)
    })
}

/// `raw`, a JSON string as written, with each `\u` escape of a lone
/// surrogate (one not in a high–low pair) made `\ufffd`; other escapes and
/// text as they were.
fn lone_surrogates_replaced(raw: &str) -> String {
    let unit = |at: usize| -> Option<u16> {
        let escape = raw.get(at..at + 6)?;
        let hex = escape.strip_prefix("\\u")?;
        u16::from_str_radix(hex, 16).ok()
    };
    let is_high = |u: u16| (0xD800..0xDC00).contains(&u);
    let is_low = |u: u16| (0xDC00..0xE000).contains(&u);
    let mut out = String::with_capacity(raw.len());
    let mut copied = 0;
    let mut at = 0;
    let bytes = raw.as_bytes();
    while let Some(&byte) = bytes.get(at) {
        if byte != b'\\' {
            at += 1;
            continue;
        }
        match unit(at) {
            Some(high) if is_high(high) && unit(at + 6).is_some_and(is_low) => at += 12,
            Some(lone) if is_high(lone) || is_low(lone) => {
                out.push_str(raw.get(copied..at).unwrap_or_default());
                out.push_str("\\ufffd");
                at += 6;
                copied = at;
            }
            // Any other escape: six characters for `\u`, else two, kept.
            Some(_) => at += 6,
            None => at += 2,
        }
    }
    out.push_str(raw.get(copied..).unwrap_or_default());
    out
}

/// What the JSON value `raw` (as written, valid) is, for messages: told by
/// its first character.
fn kind(raw: &str) -> &'static str {
    match raw.bytes().next() {
        Some(b'{') => "an object",
        Some(b'[') => "an array",
        Some(b'"') => "a string",
        Some(b't' | b'f') => "a boolean",
        Some(b'n') => "null",
        _ => "a number",
    }
}

/// A JSON object line, taken apart.
#[derive(Default)]
struct Record<'a> {
    /// The fields to pass through, key and value as written.
    kept: Vec<(&'a str, &'a str)>,
    /// The id as written.
    id: Option<&'a str>,
    /// The value of `text` as written.
    text: Option<&'a str>,
    /// A field given twice (`id` or `text`).
    duplicate: Option<&'static str>,
}

/// Take a JSON object apart, keeping the spans of its fields; `None` when
/// the line is not exactly one JSON object.
fn scan(line: &str) -> Option<Record<'_>> {
    let bytes = line.as_bytes();
    let mut record = Record::default();
    let mut pos = skip_space(bytes, 0);
    if bytes.get(pos) != Some(&b'{') {
        return None;
    }
    pos = skip_space(bytes, pos + 1);
    if bytes.get(pos) == Some(&b'}') {
        pos += 1;
    } else {
        loop {
            if bytes.get(pos) != Some(&b'"') {
                return None;
            }
            let (_, end) = value_at::<IgnoredAny>(line, pos)?;
            let raw_key = line.get(pos..end)?;
            let key = string_of(raw_key).ok()?;
            pos = skip_space(bytes, end);
            if bytes.get(pos) != Some(&b':') {
                return None;
            }
            let start = skip_space(bytes, pos + 1);
            let end = match key.as_str() {
                // Both are passed over as written: a value that JSON
                // allows but that fits no Rust value (a number beyond f64,
                // deep nesting, a lone surrogate) is still a field, and the
                // line is answered by its id.
                "text" => {
                    let (_, end) = value_at::<IgnoredAny>(line, start)?;
                    if record.text.replace(line.get(start..end)?).is_some() {
                        record.duplicate = Some("text");
                    }
                    end
                }
                "id" => {
                    let (_, end) = value_at::<IgnoredAny>(line, start)?;
                    let raw = line.get(start..end)?;
                    if record.id.replace(raw).is_some() {
                        record.duplicate = Some("id");
                    }
                    record.kept.push((raw_key, raw));
                    end
                }
                // The tool's own fields: not passed through.
                "outline" | "error" => value_at::<IgnoredAny>(line, start)?.1,
                _ => {
                    let (_, end) = value_at::<IgnoredAny>(line, start)?;
                    record.kept.push((raw_key, line.get(start..end)?));
                    end
                }
            };
            pos = skip_space(bytes, end);
            match bytes.get(pos) {
                Some(b',') => pos = skip_space(bytes, pos + 1),
                Some(b'}') => {
                    pos += 1;
                    break;
                }
                _ => return None,
            }
        }
    }
    (skip_space(bytes, pos) == bytes.len()).then_some(record)
}

/// The JSON value that starts at `pos`, and the offset just after it.
fn value_at<T: DeserializeOwned>(line: &str, pos: usize) -> Option<(T, usize)> {
    let mut values = serde_json::Deserializer::from_str(line.get(pos..)?).into_iter::<T>();
    let value = values.next()?.ok()?;
    Some((value, pos + values.byte_offset()))
}

/// The offset of the first byte from `pos` that is not JSON whitespace.
fn skip_space(bytes: &[u8], pos: usize) -> usize {
    let rest = bytes.get(pos..).unwrap_or_default();
    pos + rest
        .iter()
        .take_while(|byte| matches!(byte, b' ' | b'\t' | b'\r' | b'\n'))
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::Value;

    fn answer_text(line: &str) -> (String, bool) {
        let answer = answer(
            &Line {
                number: 7,
                bytes: line.as_bytes().to_vec(),
            },
            "-",
            &Options::default(),
        );
        (
            String::from_utf8(answer.json).unwrap_or_default(),
            answer.failed,
        )
    }

    #[test]
    fn fields_pass_through_as_written() {
        let (json, failed) = answer_text(
            r#" { "n" : 1.50e3 , "id":"a\u0042", "text":"标题\n", "x":[1, {"y":null}] } "#,
        );
        assert!(!failed);
        assert!(
            json.starts_with(r#"{"n":1.50e3,"id":"a\u0042","x":[1, {"y":null}],"outline":{"#),
            "{json}"
        );
        let value: Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(value["outline"]["source"]["name"], "aB");
        assert_eq!(value["outline"]["title"]["text"], "标题");
    }

    #[test]
    fn malformed_lines_get_error_objects() {
        for (line, expected) in [
            (
                r#"{"id": 3, "text": 5}"#,
                r#"{"id":3,"error":"`text` is not a string but a number"}"#,
            ),
            (r#"{"id": "a"}"#, r#"{"id":"a","error":"no `text` field"}"#),
            (
                r#"{"id": 1, "text": "a", "text": "b"}"#,
                r#"{"id":1,"error":"more than one `text` field"}"#,
            ),
            (
                "[1, 2]",
                r#"{"line":7,"error":"not a JSON object but an array"}"#,
            ),
        ] {
            let (json, failed) = answer_text(line);
            assert!(failed, "{line}");
            assert_eq!(json, format!("{expected}\n"), "{line}");
        }
        for line in [
            r#"{"id": 1, "text": "a""#,
            r#"{"id": 1 "text": "a"}"#,
            "{} x",
            "{,}",
            r#"{"a":1,}"#,
        ] {
            let (json, failed) = answer_text(line);
            assert!(failed, "{line}");
            assert!(
                json.starts_with(r#"{"line":7,"error":"not JSON: "#),
                "{line}: {json}"
            );
        }
    }

    /// Values JSON allows that no Rust value holds are still fields: a
    /// number beyond f64 or nesting past serde_json's depth as the id, a
    /// lone surrogate in the text (read as U+FFFD) or in the id.
    #[test]
    fn values_beyond_rust_types_are_still_read() {
        let deep = format!("{}1{}", "[".repeat(200), "]".repeat(200));
        for (line, name) in [
            (
                r#"{"id":1e400,"text":"标题"}"#.to_owned(),
                "1e400".to_owned(),
            ),
            (format!(r#"{{"id":{deep},"text":"标题"}}"#), deep.clone()),
            (
                r#"{"id":"a\udc80","text":"标题"}"#.to_owned(),
                "a\u{fffd}".to_owned(),
            ),
        ] {
            let (json, failed) = answer_text(&line);
            assert!(!failed, "{line}: {json}");
            // The id passed through is more than `Value` reads: the outline
            // after it is read on its own.
            let outline: Value = json
                .split_once(",\"outline\":")
                .and_then(|(_, rest)| rest.strip_suffix("}\n"))
                .and_then(|outline| serde_json::from_str(outline).ok())
                .unwrap_or_default();
            assert_eq!(outline["source"]["name"], name.as_str(), "{line}");
            assert_eq!(outline["title"]["text"], "标题", "{line}");
        }
        for (text, read) in [
            (r#""a\ud800b""#, "a\u{fffd}b"),
            (r#""\udc00\ud800""#, "\u{fffd}\u{fffd}"),
            (r#""\ud800\ud800\udc00""#, "\u{fffd}\u{10000}"),
            (r#""\ud83d\ude00 \\ud800 \u4e00""#, "\u{1f600} \\ud800 一"),
            (r#""x\ud800""#, "x\u{fffd}"),
        ] {
            assert_eq!(read_string(text), Ok(read.to_owned()), "{text}");
        }
        assert_eq!(
            read_string("[1]"),
            Err("`text` is not a string but an array".to_owned())
        );
        // A key with a lone surrogate is a key; it passes through.
        let (json, failed) = answer_text(r#"{"\ud800":1,"text":"标题"}"#);
        assert!(!failed, "{json}");
        assert!(json.starts_with(r#"{"\ud800":1,"outline":{"#), "{json}");
        // Lines that are JSON but not objects are told by their kind.
        let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
        for line in ["[1e400]", deep.as_str()] {
            let (json, failed) = answer_text(line);
            assert!(failed);
            assert_eq!(
                json, "{\"line\":7,\"error\":\"not a JSON object but an array\"}\n",
                "{:.20}",
                line
            );
        }
    }

    #[test]
    fn an_outline_or_error_field_of_the_input_is_dropped() {
        let (json, failed) = answer_text(r#"{"outline": 1, "error": "x", "text": ""}"#);
        assert!(!failed);
        assert!(json.starts_with(r#"{"outline":{"#), "{json}");
        let value: Value = serde_json::from_str(&json).unwrap_or_default();
        assert_eq!(value["outline"]["source"]["name"], "-:7");
        assert!(value.get("error").is_none());
    }
}
