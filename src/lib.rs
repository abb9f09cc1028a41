//! # outline
//!
//! Turns plain-text articles — Chinese policy commentary, government work
//! reports, regulations, laws, news features — into a typed outline tree
//! (title, sections with headings, numbered points, paragraphs, excerpt
//! separators) that serializes to the JSON contract of
//! `docs/json.md` (version 1).
//!
//! Parsing never fails on text: whatever the input, [`parse`] returns a
//! [`Document`]. Only decoding bytes in a forced encoding can fail
//! ([`parse_bytes`]).
//!
//! ```
//! let doc = outline::parse("人工智能产业\n\n　　一是加快发展。\n　　二是扩大应用。\n");
//! assert_eq!(doc.title.as_ref().map(|t| t.text.as_str()), Some("人工智能产业"));
//! let outline::Block::List(list) = &doc.children[0] else { panic!("a list") };
//! assert_eq!(list.children[0].marker, "一是");
//! assert_eq!(list.children[0].lead.as_deref(), Some("加快发展"));
//! // The position of the point: line 3, column 3 (after two ideographic spaces).
//! assert_eq!(list.children[0].position.start.line, 3);
//! assert_eq!(list.children[0].position.start.column, 3);
//! ```
//!
//! The passes, each in its own module: `syntax` recognizes what each line
//! is (nom parsers, one file per construct), `tree` groups lines into
//! paragraphs and builds sections, lists and points.

#![deny(missing_docs)]
// Two functions use `unsafe`, each for a step a long input would otherwise
// spend on one thread while the other core waits: `input::text_if_checked`
// takes bytes checked as UTF-8 in pieces as text without checking them
// again, `join_in_place` sets a line table's length to what two threads
// wrote into its room. Nothing else may.
#![deny(unsafe_code)]

pub mod check;
mod decode;
mod input;
mod source;
mod stream;
mod syntax;
mod text;
mod tree;

pub use decode::{decode, DecodeError, Decoded, EncodingChoice};
pub use input::InputBytes;
pub use source::{Location, Position};
pub use tree::{
    Block, Document, Furniture, Heading, InlinePoint, List, Numbering, Paragraph, Placeholder,
    Point, RepeatedTitle, Section, Segmentation, Separator, Source, TableOfContents, Title,
    VERSION,
};

use source::{LineEndings, LineIndex, Lines};

/// How to read an input.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Options {
    /// The name reported in `source.name`: the file name as given, or `-`
    /// for standard input.
    pub name: String,
    /// The encoding of the bytes, or [`EncodingChoice::Auto`] to detect it.
    pub encoding: EncodingChoice,
    /// Whether the words are separated by spaces, or
    /// [`Segmentation::Auto`] to detect it.
    pub segmentation: Segmentation,
}

impl Default for Options {
    fn default() -> Self {
        Options {
            name: "-".to_owned(),
            encoding: EncodingChoice::Auto,
            segmentation: Segmentation::Auto,
        }
    }
}

/// Parse an article. This never fails: text that fits no construct becomes
/// a paragraph.
///
/// A leading byte order mark (U+FEFF) is not part of the text: offsets count
/// from after it, as the contract says.
///
/// ```
/// let doc = outline::parse("标题\n\n--\n");
/// assert_eq!(doc.source.lines, 3);
/// assert!(matches!(doc.children[0], outline::Block::Separator(_)));
/// ```
pub fn parse(text: &str) -> Document {
    parse_str(text, &Options::default())
}

/// Parse an article that is already text, with options (the encoding
/// option is ignored: the text is reported as UTF-8).
pub fn parse_str(text: &str, options: &Options) -> Document {
    let (body, bom) = match text.strip_prefix('\u{feff}') {
        Some(rest) => (rest, true),
        None => (text, false),
    };
    build_document(body, "utf-8", bom, text.len(), options)
}

/// Decode bytes and parse them.
///
/// With [`EncodingChoice::Auto`] this never fails: the encoding is
/// detected (byte order mark, UTF-8, or a guess among legacy encodings such
/// as GB18030) and malformed sequences become U+FFFD. With a forced
/// encoding, bytes that are invalid in it are an error that says at which
/// byte offset.
///
/// ```
/// let (gbk, _, _) = encoding_rs::GB18030.encode("标题\n\n　　一是加快发展。\n");
/// let doc = outline::parse_bytes(&gbk, &outline::Options::default()).unwrap();
/// assert!(doc.source.encoding == "gbk" || doc.source.encoding == "gb18030");
/// assert_eq!(doc.title.unwrap().text, "标题");
///
/// let forced = outline::Options {
///     encoding: outline::EncodingChoice::Forced(encoding_rs::UTF_8),
///     ..outline::Options::default()
/// };
/// let err = outline::parse_bytes(b"ab\xffcd", &forced).unwrap_err();
/// assert_eq!(err.offset, 2);
/// ```
pub fn parse_bytes(bytes: &[u8], options: &Options) -> Result<Document, DecodeError> {
    let decoded = decode::decode(bytes, options.encoding)?;
    Ok(parse_decoded(&decoded, bytes.len(), options))
}

/// Parse text decoded by [`decode`]; `bytes` is the size of the input as
/// read. Use this with [`check::check`], which needs the decoded text:
///
/// ```
/// let bytes = "标题\n\n　　一是加快发展。\n　　三是扩大应用。\n".as_bytes();
/// let decoded = outline::decode(bytes, outline::EncodingChoice::Auto).unwrap();
/// let doc = outline::parse_decoded(&decoded, bytes.len(), &outline::Options::default());
/// let findings = outline::check::check(&doc, &decoded.text, &outline::check::Config::default());
/// assert!(findings.iter().any(|d| d.rule == "numbering-gap"));
/// ```
pub fn parse_decoded(decoded: &Decoded<'_>, bytes: usize, options: &Options) -> Document {
    build_document(&decoded.text, decoded.encoding, decoded.bom, bytes, options)
}

/// The lines of a text, recognized, with what `source` reports of them.
#[cfg_attr(test, derive(Debug, PartialEq))]
struct Recognized {
    infos: Vec<syntax::LineInfo>,
    line_ending: String,
    /// The number of lines, as `wc -l` counts them for a text that ends
    /// with a line break and one more for a last line without one: the
    /// empty line after a final break is not counted (the contract's seed
    /// has 100 lines).
    lines: usize,
}

/// Split the text into lines and recognize each as it comes: no table of
/// lines is kept, only what the tree is built from. The table has room for
/// every line from the start, and is filled by pushing, which takes fewer
/// instructions a line than writing into its room as the halves of
/// [`recognize_in_parallel`] are (on the 10 MB benchmark input, 11.2M
/// against 12.9M).
fn recognize(text: &str) -> Recognized {
    let (room, returns) = room_for_lines(text.as_bytes());
    let mut infos = Vec::with_capacity(room);
    let mut endings = LineEndings::default();
    for line in Lines::starting_at_counted(text, 0, returns) {
        endings.add(line.ending);
        infos.push(syntax::classify_line(text, &line));
    }
    finish_recognizing(text, infos, endings)
}

/// [`recognize`] on two threads for a long text: each recognizes the lines
/// of one half (the halves meet just after a `\n`).
fn recognize_in_parallel(text: &str) -> Recognized {
    recognize_halves(text).unwrap_or_else(|| recognize(text))
}

/// [`recognize_in_parallel`]; `None` when the text has no two halves (no
/// `\n` in its second half but at its end) or, which cannot happen, a half
/// had more lines than counted.
fn recognize_halves(text: &str) -> Option<Recognized> {
    let middle = text.len() / 2;
    let split = text
        .as_bytes()
        .get(middle..)
        .and_then(|rest| memchr::memchr(b'\n', rest))
        .map(|found| middle + found + 1)
        .filter(|&split| split < text.len())?;
    let bytes = text.as_bytes();
    let (first_bytes, second_bytes) = bytes.split_at_checked(split).unwrap_or((bytes, &[]));
    // Counted first, on two threads, so that the table can be made with
    // room for both halves: each half's lines are then recognized straight
    // into their place in it, and the halves' tables need no joining (on
    // 50 MB, copying the second half's table after the first's took 9 ms
    // on one thread). The first half's count is exact: it ends with a
    // line break.
    let ((first_room, first_returns), (second_room, second_returns)) = on_two_threads(
        "outline-lines",
        || lines_ended_in(first_bytes),
        || room_for_lines(second_bytes),
    );
    let mut infos = Vec::with_capacity(first_room.saturating_add(second_room));
    let (first_slots, second_slots) = infos
        .spare_capacity_mut()
        .split_at_mut_checked(first_room)
        .unwrap_or_default();
    let second_slots = std::sync::Mutex::new(Some(second_slots));
    let (first, second) = on_two_threads(
        "outline-lines",
        || {
            // The first half's lines are those of the text up to `split`,
            // just after a `\n` (none is read past it, where `\r` bytes
            // were not counted), but for the empty line after that break,
            // which [`Lines`] gives last: it is not recognized, as its
            // room (counted exactly) has none for it. So it must be what
            // is left, and all that is: were it missing, it would have
            // been recognized into the room, a line too many.
            let head = text.get(..split).unwrap_or_default();
            let mut lines = Lines::starting_at_counted(head, 0, first_returns);
            let recognized = recognize_into(head, first_slots, &mut lines);
            let at_split = |line: source::Line| line.start == split && line.end == split;
            (lines.next().is_some_and(at_split) && lines.next().is_none()).then_some(recognized)
        },
        || {
            let slots = second_slots.lock().ok()?.take()?;
            let mut lines = Lines::starting_at_counted(text, split, second_returns);
            let recognized = recognize_into(text, slots, &mut lines);
            lines.next().is_none().then_some(recognized)
        },
    );
    let (first, second) = (first?, second?);
    join_in_place(&mut infos, first_room, first.count, second.count)?;
    let mut endings = first.endings;
    endings.merge(second.endings);
    Some(finish_recognizing(text, infos, endings))
}

/// Lines recognized into a part of a table.
struct RecognizedInto {
    /// How many, written from the part's start.
    count: usize,
    endings: LineEndings,
}

/// Recognize `lines` of `text` into `slots`, one after the other from the
/// first, until either runs out: the caller tells from what is left of
/// `lines` whether they all fitted. Per line, only the line's break is
/// noted besides (whether the last line is empty is read from the text's
/// last byte, [`finish_recognizing`]). Always inlined: called once for
/// each half, whose loop is then fitted to its lines (as a call, it took
/// 13.8M instructions on the 10 MB benchmark input, against 12.5M).
#[inline(always)]
fn recognize_into(
    text: &str,
    slots: &mut [std::mem::MaybeUninit<syntax::LineInfo>],
    lines: &mut impl Iterator<Item = source::Line>,
) -> RecognizedInto {
    let mut endings = LineEndings::default();
    let mut count = 0;
    for (slot, line) in slots.iter_mut().zip(lines) {
        endings.add(line.ending);
        slot.write(syntax::classify_line(text, &line));
        count += 1;
    }
    RecognizedInto { count, endings }
}

/// Make `infos` the lines recognized into its spare room: `first` of them
/// from its start, `second` from `second_at` (moved down to follow the
/// first, when fewer than `second_at` came before them). `None`, and
/// `infos` untouched, when they do not fit the room.
// The crate's other `unsafe`: a table's length is set to what was written
// into its room, which is how a table filled on two threads at once can be
// had without copying one part after the other.
#[allow(unsafe_code)]
fn join_in_place<T: Copy>(
    infos: &mut Vec<T>,
    second_at: usize,
    first: usize,
    second: usize,
) -> Option<()> {
    let len = first.checked_add(second)?;
    if first > second_at || second_at.checked_add(second)? > infos.capacity() || !infos.is_empty() {
        return None;
    }
    if first < second_at {
        infos
            .spare_capacity_mut()
            .copy_within(second_at..second_at + second, first);
    }
    // SAFETY: the room is empty room of `infos` (its length is 0 and its
    // capacity at least `second_at + second`); its first `first` slots were
    // written by `recognize_into`, and so were the `second` slots from
    // `second_at`, now copied to follow them. So the first `len` slots are
    // written, and `T` is `Copy`: nothing is dropped twice.
    unsafe { infos.set_len(len) };
    Some(())
}

/// `first` on this thread and `second` on a scoped thread named `name`,
/// at once: the two halves of a long input. `second` runs here too, after
/// `first`, when no second thread can be had or it fails.
pub(crate) fn on_two_threads<A, B: Send>(
    name: &str,
    first: impl FnOnce() -> A,
    second: impl Fn() -> B + Sync,
) -> (A, B) {
    std::thread::scope(|scope| {
        let other = std::thread::Builder::new()
            .name(name.to_owned())
            .spawn_scoped(scope, &second);
        let mine = first();
        let theirs = other
            .ok()
            .and_then(|handle| handle.join().ok())
            .unwrap_or_else(&second);
        (mine, theirs)
    })
}

/// Room for every line of `bytes` at once, so that recognizing them never
/// grows (and copies) the table: one more than the line break bytes
/// (a `\r\n` counts twice; room never used costs no memory); and whether
/// `bytes` hold a `\r` ([`Lines::starting_at_counted`]).
fn room_for_lines(bytes: &[u8]) -> (usize, bool) {
    let returns = bytecount::count(bytes, b'\r');
    (bytecount::count(bytes, b'\n') + returns + 1, returns > 0)
}

/// How many line breaks `bytes` has, a `\r\n` counted once: the number of
/// lines of a text that ends with one; and whether `bytes` hold a `\r`.
fn lines_ended_in(bytes: &[u8]) -> (usize, bool) {
    let returns = bytecount::count(bytes, b'\r');
    let pairs = if returns == 0 {
        0
    } else {
        memchr::memmem::find_iter(bytes, b"\r\n").count()
    };
    (
        bytecount::count(bytes, b'\n') + returns - pairs,
        returns > 0,
    )
}

/// What was recognized of `text`'s lines, `infos`, which end in the
/// `endings` seen. The last line is empty when the text is or when it ends
/// with a line break ([`Lines`] gives an empty last line after one): it is
/// not counted in `source.lines`.
fn finish_recognizing(
    text: &str,
    infos: Vec<syntax::LineInfo>,
    endings: LineEndings,
) -> Recognized {
    let last_is_empty = text
        .as_bytes()
        .last()
        .is_none_or(|&last| last == b'\n' || last == b'\r');
    let lines = infos.len().saturating_sub(usize::from(last_is_empty));
    Recognized {
        infos,
        line_ending: endings.name().to_owned(),
        lines,
    }
}

/// What `source` says of an input.
fn source_of(
    recognized: &Recognized,
    encoding: &str,
    bom: bool,
    bytes: usize,
    segmented: bool,
    options: &Options,
) -> Source {
    Source {
        name: options.name.clone(),
        encoding: encoding.to_owned(),
        bom,
        line_ending: recognized.line_ending.clone(),
        segmented,
        bytes,
        lines: recognized.lines,
    }
}

fn build_document(
    text: &str,
    encoding: &str,
    bom: bool,
    bytes: usize,
    options: &Options,
) -> Document {
    let recognized = recognize(text);
    let built = tree::build(text, &recognized.infos, options.segmentation);
    let mut document = Document {
        version: VERSION,
        source: source_of(&recognized, encoding, bom, bytes, built.segmented, options),
        title: built.title,
        children: built.children,
        position: Position::from_offsets(0, text.len()),
    };
    tree::resolve_positions(
        &mut document,
        &mut LineIndex::with_lines(text, &recognized.infos),
    );
    document
}

/// Parse text decoded by [`decode`] and write its outline to `out` as
/// compact JSON while it is built: the same bytes as
/// `parse_decoded(decoded, bytes, options).write_json(out)`, but each
/// top-level block is written and freed as soon as it is final, so the
/// whole tree is never in memory: at most one top-level block is, and what
/// follows a point standing at the top level, which may still join its
/// list. This is what `outline parse` does.
///
/// # Errors
///
/// The first error `out` returns; nothing more is written after it.
///
/// ```
/// let bytes = "标题\n\n　　一是加快发展。\n　　二是扩大应用。\n".as_bytes();
/// let decoded = outline::decode(bytes, outline::EncodingChoice::Auto).unwrap();
/// let options = outline::Options::default();
/// let mut streamed = Vec::new();
/// outline::write_json(&decoded, bytes.len(), &options, &mut streamed).unwrap();
/// let mut whole = Vec::new();
/// outline::parse_decoded(&decoded, bytes.len(), &options).write_json(&mut whole).unwrap();
/// assert_eq!(streamed, whole);
/// ```
pub fn write_json<W: std::io::Write>(
    decoded: &Decoded<'_>,
    bytes: usize,
    options: &Options,
    out: W,
) -> std::io::Result<()> {
    let recognized = recognize(&decoded.text);
    let writer = stream::OutlineWriter::new(decoded, &recognized, bytes, options, out);
    stream::build_and_write(
        &decoded.text,
        &recognized.infos,
        options.segmentation,
        writer,
    )
}

/// [`write_json`] on two threads: the lines are recognized half on each
/// (and, in a long document, grouped into blocks half on each), then the
/// outline is built on a second thread while this one joins and
/// normalizes the paragraphs' texts, resolves line and column and writes
/// the JSON. The same bytes; faster on a long text when a second core is
/// free (`outline parse` does this for inputs of 1 MiB or more). The
/// builder hands blocks over in small batches and waits when the writer
/// falls behind, so memory stays bounded as with [`write_json`]; written
/// blocks go back to the builder's thread to be freed. When no second
/// thread can be had, the work is done on this one.
///
/// # Errors
///
/// The first error `out` returns; nothing more is written after it.
///
/// ```
/// let bytes = "标题\n\n　　一是加快发展。\n　　二是扩大应用。\n".as_bytes();
/// let decoded = outline::decode(bytes, outline::EncodingChoice::Auto).unwrap();
/// let options = outline::Options::default();
/// let mut pipelined = Vec::new();
/// outline::write_json_pipelined(&decoded, bytes.len(), &options, &mut pipelined).unwrap();
/// let mut whole = Vec::new();
/// outline::parse_decoded(&decoded, bytes.len(), &options).write_json(&mut whole).unwrap();
/// assert_eq!(pipelined, whole);
/// ```
pub fn write_json_pipelined<W: std::io::Write>(
    decoded: &Decoded<'_>,
    bytes: usize,
    options: &Options,
    out: W,
) -> std::io::Result<()> {
    let recognized = recognize_in_parallel(&decoded.text);
    let writer = stream::OutlineWriter::new(decoded, &recognized, bytes, options, out);
    stream::build_and_write_pipelined(
        &decoded.text,
        &recognized.infos,
        options.segmentation,
        writer,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Recognizing the halves on two threads gives what one pass gives,
    /// whatever line break the middle falls on.
    #[test]
    fn lines_recognized_in_two_halves_are_the_lines_recognized_in_one() {
        let texts = [
            "",
            "\n",
            "甲",
            "甲\n",
            "甲\n乙",
            "甲\r\n乙\r\n丙\r\n",
            "甲\r乙\r丙\r丁",
            "甲\n\n\n\n",
            "一、标题\r\n\r\n　　正文。\n--\n\r乙\r\n",
            "　　正文很长很长很长很长。\n\n\n",
        ];
        let mut halved = 0;
        for text in texts {
            // Every place the middle can fall, by padding the front.
            for pad in 0..8 {
                let padded = format!("{}{text}", "x\r\n".repeat(pad));
                assert_eq!(
                    recognize_in_parallel(&padded),
                    recognize(&padded),
                    "{padded:?}"
                );
                // Recognized in halves, not again in one go, wherever the
                // second half has a `\n` before its end.
                let middle = padded.len() / 2;
                let halves = padded
                    .as_bytes()
                    .get(middle..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
                    .is_some_and(|at| middle + at + 1 < padded.len());
                assert_eq!(recognize_halves(&padded).is_some(), halves, "{padded:?}");
                halved += usize::from(halves);
            }
        }
        assert!(halved > 50, "{halved}");
    }

    /// Recognizing with the line breaks searched for as counted (`\n`
    /// alone where no `\r` was counted), in one go or in two halves, gives
    /// what a search for both breaks on every line gives: every text of up
    /// to five of line breaks of each kind and text, padded so that the
    /// middle falls on each place.
    #[test]
    fn lines_recognized_as_counted_are_the_lines_searched_for_both_breaks() {
        let parts = ["\n", "\r", "\r\n", "甲", "　　乙。", " "];
        for text in crate::syntax::concatenations(&parts, 5) {
            for pad in 0..3 {
                let padded = format!("{}{text}", "x\n".repeat(pad));
                // Every line searched for both breaks, and the last one
                // not counted when it is empty.
                let lines: Vec<source::Line> = Lines::new(&padded).collect();
                let both = Recognized {
                    infos: lines
                        .iter()
                        .map(|line| syntax::classify_line(&padded, line))
                        .collect(),
                    line_ending: source::line_ending_name(&lines).to_owned(),
                    lines: lines.len()
                        - usize::from(lines.last().is_some_and(|line| line.start == line.end)),
                };
                assert_eq!(recognize(&padded), both, "{padded:?}");
                assert_eq!(recognize_in_parallel(&padded), both, "{padded:?}");
            }
        }
    }

    /// Two parts written into a table's room become the table, the second
    /// moved down when a gap was left; parts that did not fit, or do not
    /// fit the room, leave it empty.
    #[test]
    fn parts_written_into_room_are_joined_in_place() {
        let fill = |gap: usize| {
            let mut table: Vec<u32> = Vec::with_capacity(8);
            let room = table.spare_capacity_mut();
            for (slot, value) in room.iter_mut().zip([1, 2]) {
                slot.write(value);
            }
            for (slot, value) in room.iter_mut().skip(2 + gap).zip([3, 4, 5]) {
                slot.write(value);
            }
            table
        };
        for gap in 0..=3 {
            let mut table = fill(gap);
            assert_eq!(join_in_place(&mut table, 2 + gap, 2, 3), Some(()));
            assert_eq!(table, [1, 2, 3, 4, 5], "gap {gap}");
        }
        for (second_at, first, second) in [(1, 2, 3), (6, 2, 3), (2, 2, usize::MAX)] {
            let mut table = fill(0);
            assert_eq!(join_in_place(&mut table, second_at, first, second), None);
            assert!(table.is_empty());
        }
        let mut full = vec![7u32];
        assert_eq!(join_in_place(&mut full, 0, 0, 0), None);
        assert_eq!(full, [7]);
    }

    /// Line breaks counted as lines: `\r\n` once, a lone `\r` or `\n` once.
    #[test]
    fn lines_ended_in_counts_breaks() {
        for (text, lines) in [
            ("", 0),
            ("甲", 0),
            ("甲\n", 1),
            ("甲\r\n乙\r\n", 2),
            ("甲\r乙\n丙\r\n\r\r\n", 5),
            ("\n\r", 2),
        ] {
            assert_eq!(
                lines_ended_in(text.as_bytes()),
                (lines, text.contains('\r')),
                "{text:?}"
            );
            let (room, returns) = room_for_lines(text.as_bytes());
            assert!(room > lines && returns == text.contains('\r'), "{text:?}");
            let counted = Lines::new(text).filter(|line| line.ending != source::LineEnding::None);
            assert_eq!(counted.count(), lines, "{text:?}");
        }
    }
}
