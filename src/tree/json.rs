//! The outline as compact JSON, written straight to a byte sink.
//!
//! [`Document::write_json`] writes exactly the bytes `serde_json::to_writer`
//! writes for the same document (the `Serialize` derives stay the model;
//! `tests/json_writer.rs` compares the two on every fixture and on generated
//! documents), but several times faster: no serializer state machine per
//! field, string escaping that skips eight bytes at a time when none needs
//! escaping (Chinese text never does), and output gathered in a buffer that
//! goes to the sink in large writes.
//!
//! Nesting is walked recursively: the depth of an outline is bounded by the
//! number of heading ranks and point schemes (see `tree::build`), not by the
//! input.

use super::blocks::TextFiller;
use super::{
    Block, Document, Furniture, Heading, InlinePoint, List, Paragraph, Point, Section, Source,
    Title,
};
use crate::source::{Location, Position};
use crate::text::{push_run, TextSink, MAY_NEED_ESCAPE};
use std::io::{self, Write};

/// Bytes gathered before they go to the sink.
const FLUSH_AT: usize = 256 * 1024;

impl Document {
    /// Write the document as compact JSON (no final line break), the same
    /// bytes as `serde_json::to_writer(out, self)`, faster. The sink gets
    /// large writes; wrapping it in a `BufWriter` gains nothing.
    ///
    /// # Errors
    ///
    /// The first error the sink returns.
    ///
    /// ```
    /// let doc = outline::parse("标题\n\n　　正文。\n");
    /// let mut fast = Vec::new();
    /// doc.write_json(&mut fast).unwrap();
    /// assert_eq!(fast, serde_json::to_vec(&doc).unwrap());
    /// ```
    pub fn write_json<W: Write>(&self, out: W) -> io::Result<()> {
        let mut json = JsonWriter::new(out, None);
        json.document(self)?;
        json.flush()
    }
}

/// A document's JSON written a part at a time, for outlines too large to
/// hold: the head (version, source, title), then the top-level blocks as
/// they are built, then the end. The bytes are those of
/// [`Document::write_json`] for the whole document.
/// The paragraphs whose text is empty get theirs from a [`TextFiller`]
/// as they are written.
pub(crate) struct JsonStream<'t, W> {
    json: JsonWriter<'t, W>,
    children: usize,
}

impl<'t, W: Write> JsonStream<'t, W> {
    /// Write the head.
    pub(crate) fn new(
        out: W,
        version: u32,
        source: &Source,
        title: Option<&Title>,
        texts: TextFiller<'t>,
    ) -> Self {
        let mut json = JsonWriter::new(out, Some(texts));
        json.head(version, source, title);
        JsonStream { json, children: 0 }
    }

    /// The maker of the paragraphs' texts, to hand over what it needs for
    /// the next blocks.
    pub(crate) fn texts(&mut self) -> Option<&mut TextFiller<'t>> {
        self.json.texts.as_mut()
    }

    /// Write the next top-level block.
    pub(crate) fn block(&mut self, block: &Block) -> io::Result<()> {
        self.json.child(self.children, block)?;
        self.children += 1;
        Ok(())
    }

    /// Close the document, whose position is `position`, and hand the rest
    /// to the sink.
    pub(crate) fn finish(mut self, position: &Position) -> io::Result<()> {
        self.json.tail(position);
        self.json.flush()
    }
}

struct JsonWriter<'t, W> {
    buf: Vec<u8>,
    out: W,
    /// Makes the texts of the paragraphs whose text is empty, if any.
    texts: Option<TextFiller<'t>>,
}

impl<'t, W: Write> JsonWriter<'t, W> {
    fn new(out: W, texts: Option<TextFiller<'t>>) -> Self {
        JsonWriter {
            buf: Vec::with_capacity(FLUSH_AT + 4096),
            out,
            texts,
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.write_all(&self.buf)?;
        self.buf.clear();
        Ok(())
    }

    /// Hand the buffer to the sink once it is large; called between nodes.
    fn maybe_flush(&mut self) -> io::Result<()> {
        if self.buf.len() >= FLUSH_AT {
            self.flush()?;
        }
        Ok(())
    }

    fn raw(&mut self, s: &str) {
        self.buf.extend_from_slice(s.as_bytes());
    }

    fn number(&mut self, n: u64) {
        let mut digits = itoa::Buffer::new();
        self.buf.extend_from_slice(digits.format(n).as_bytes());
    }

    fn size(&mut self, n: usize) {
        // usize is at most 64 bits on every target Rust supports.
        self.number(n as u64);
    }

    fn boolean(&mut self, b: bool) {
        self.raw(if b { "true" } else { "false" });
    }

    fn string(&mut self, s: &str) {
        write_escaped(&mut self.buf, s.as_bytes());
    }

    /// `,"position":{…}}` — the last field of every node, and its close.
    /// A position whose numbers are all below 10^8 (every one in a text
    /// below 100 MB) is written by [`ShortPosition`] in place: the buffer
    /// is lengthened by the room it is written in (zeroed by the compiler
    /// with stores of its own) and cut back to what was written. Any other
    /// is written a piece at a time ([`JsonWriter::long_position`]). Not
    /// inlined: one copy serves every kind of node.
    #[inline(never)]
    fn position_last(&mut self, position: &Position) {
        match ShortPosition::of(position) {
            Some(short) => self.in_room::<SHORT_POSITION_ROOM>(|room| short.write(room)),
            None => self.long_position(position),
        }
    }

    /// [`JsonWriter::position_last`] for a position with a number at 10^8
    /// or beyond (a text of 100 MB or more): each piece pushed on its own,
    /// the numbers by [`JsonWriter::size`].
    #[cold]
    fn long_position(&mut self, position: &Position) {
        self.raw(",\"position\":{\"start\":");
        self.location(&position.start);
        self.raw(",\"end\":");
        self.location(&position.end);
        self.raw("}}");
    }

    /// `{"line":…,"column":…,"offset":…}`.
    fn location(&mut self, at: &Location) {
        self.raw("{\"line\":");
        self.size(at.line);
        self.raw(",\"column\":");
        self.size(at.column);
        self.raw(",\"offset\":");
        self.size(at.offset);
        self.raw("}");
    }

    /// Lengthen the buffer by `ROOM` zeros, let `write` write into them and
    /// say how many it wrote (at most `ROOM`), and cut the rest off.
    #[inline(always)]
    fn in_room<const ROOM: usize>(&mut self, write: impl FnOnce(&mut [u8; ROOM]) -> usize) {
        let start = self.buf.len();
        self.buf.resize(start + ROOM, 0);
        // The room is the last `ROOM` bytes: one bound to check.
        let room = self.buf.last_chunk_mut::<ROOM>();
        let len = match room {
            Some(room) => write(room),
            None => 0,
        };
        self.buf.truncate(start + len);
    }

    fn document(&mut self, doc: &Document) -> io::Result<()> {
        self.head(doc.version, &doc.source, doc.title.as_ref());
        for (i, block) in doc.children.iter().enumerate() {
            self.child(i, block)?;
        }
        self.tail(&doc.position);
        Ok(())
    }

    /// The document up to the opening bracket of its children.
    fn head(&mut self, version: u32, source: &Source, title: Option<&Title>) {
        self.raw("{\"type\":\"document\",\"version\":");
        self.number(u64::from(version));
        self.raw(",\"source\":");
        self.source(source);
        self.raw(",\"title\":");
        match title {
            Some(title) => {
                self.raw("{\"type\":\"title\",\"text\":");
                self.string(&title.text);
                self.position_last(&title.position);
            }
            None => self.raw("null"),
        }
        self.raw(",\"children\":[");
    }

    /// The `index`-th child of the document.
    fn child(&mut self, index: usize, block: &Block) -> io::Result<()> {
        if index > 0 {
            self.raw(",");
        }
        self.block(block)?;
        self.maybe_flush()
    }

    /// The document after its children.
    fn tail(&mut self, position: &Position) {
        self.raw("]");
        self.position_last(position);
    }

    fn source(&mut self, source: &Source) {
        self.raw("{\"name\":");
        self.string(&source.name);
        self.raw(",\"encoding\":");
        self.string(&source.encoding);
        self.raw(",\"bom\":");
        self.boolean(source.bom);
        self.raw(",\"line_ending\":");
        self.string(&source.line_ending);
        self.raw(",\"segmented\":");
        self.boolean(source.segmented);
        self.raw(",\"bytes\":");
        self.size(source.bytes);
        self.raw(",\"lines\":");
        self.size(source.lines);
        self.raw("}");
    }

    /// `marker`: that of the point the blocks are the children of, which
    /// the paragraph opening it starts with.
    fn blocks(&mut self, blocks: &[Block], marker: Option<&str>) -> io::Result<()> {
        self.raw("[");
        for (i, block) in blocks.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            match block {
                Block::Paragraph(paragraph) if i == 0 => self.paragraph(paragraph, marker),
                _ => self.block(block)?,
            }
            self.maybe_flush()?;
        }
        self.raw("]");
        Ok(())
    }

    fn block(&mut self, block: &Block) -> io::Result<()> {
        match block {
            Block::Section(section) => return self.section(section),
            Block::List(list) => return self.list(list),
            Block::Paragraph(paragraph) => self.paragraph(paragraph, None),
            Block::Separator(separator) => {
                self.raw("{\"type\":\"separator\"");
                self.position_last(&separator.position);
            }
            Block::Placeholder(placeholder) => {
                self.raw("{\"type\":\"placeholder\",\"raw\":");
                self.string(&placeholder.raw);
                self.position_last(&placeholder.position);
            }
            Block::RepeatedTitle(repeated) => {
                self.raw("{\"type\":\"repeated_title\"");
                self.position_last(&repeated.position);
            }
            Block::TableOfContents(contents) => {
                self.raw("{\"type\":\"table_of_contents\",\"text\":");
                self.string(&contents.text);
                self.raw(",\"entries\":[");
                for (i, entry) in contents.entries.iter().enumerate() {
                    if i > 0 {
                        self.raw(",");
                    }
                    self.string(entry);
                }
                self.raw("]");
                self.position_last(&contents.position);
            }
            Block::Subtitle(f) => self.furniture("subtitle", f),
            Block::Addressee(f) => self.furniture("addressee", f),
            Block::Byline(f) => self.furniture("byline", f),
            Block::PageNumber(f) => self.furniture("page_number", f),
            Block::Attachment(f) => self.furniture("attachment", f),
            Block::Signature(f) => self.furniture("signature", f),
            Block::Date(f) => self.furniture("date", f),
        }
        Ok(())
    }

    fn furniture(&mut self, kind: &str, furniture: &Furniture) {
        self.raw("{\"type\":\"");
        self.raw(kind);
        self.raw("\",\"text\":");
        self.string(&furniture.text);
        self.position_last(&furniture.position);
    }

    fn section(&mut self, section: &Section) -> io::Result<()> {
        self.raw("{\"type\":\"section\",\"level\":");
        self.number(u64::from(section.level));
        self.raw(",\"heading\":");
        self.heading(&section.heading);
        self.raw(",\"children\":");
        self.blocks(&section.children, None)?;
        self.position_last(&section.position);
        Ok(())
    }

    fn heading(&mut self, heading: &Heading) {
        self.raw("{\"type\":\"heading\",\"text\":");
        self.string(&heading.text);
        self.raw(",\"numbering\":");
        match &heading.numbering {
            Some(numbering) => {
                self.raw("{\"scheme\":");
                self.string(&numbering.scheme);
                self.raw(",\"marker\":");
                self.string(&numbering.marker);
                self.raw(",\"number\":");
                self.number(u64::from(numbering.number));
                self.raw("}");
            }
            None => self.raw("null"),
        }
        self.raw(if heading.run_in {
            ",\"run_in\":true"
        } else {
            ",\"run_in\":false"
        });
        self.position_last(&heading.position);
    }

    fn list(&mut self, list: &List) -> io::Result<()> {
        self.raw("{\"type\":\"list\",\"scheme\":");
        self.string(&list.scheme);
        self.raw(",\"children\":[");
        for (i, point) in list.children.iter().enumerate() {
            if i > 0 {
                self.raw(",");
            }
            self.point(point)?;
        }
        self.raw("]");
        self.position_last(&list.position);
        Ok(())
    }

    fn point(&mut self, point: &Point) -> io::Result<()> {
        self.raw("{\"type\":\"point\",\"number\":");
        self.number(u64::from(point.number));
        self.raw(",\"marker\":");
        self.string(&point.marker);
        self.raw(",\"lead\":");
        match (&point.lead, self.texts.as_mut()) {
            // Left by the builder for the writer to make, straight into
            // the output, as paragraph texts are.
            (Some(lead), Some(texts)) if lead.is_empty() => {
                self.buf.push(b'"');
                texts.lead(point, &mut JsonText(&mut self.buf));
                self.buf.push(b'"');
            }
            (Some(lead), _) => self.string(lead),
            (None, _) => self.raw("null"),
        }
        self.raw(",\"children\":");
        self.blocks(&point.children, Some(&point.marker))?;
        self.position_last(&point.position);
        Ok(())
    }

    /// `marker`: that of the point the paragraph opens, if it does.
    fn paragraph(&mut self, paragraph: &Paragraph, marker: Option<&str>) {
        // The text's opening quote with the keys, in one copy.
        self.raw("{\"type\":\"paragraph\",\"text\":\"");
        match self.texts.as_mut() {
            Some(texts) if paragraph.text.is_empty() => {
                // The text is made from the source lines within the
                // paragraph's offsets: about that many bytes.
                let source_len = paragraph
                    .position
                    .end
                    .offset
                    .saturating_sub(paragraph.position.start.offset);
                self.buf.reserve(source_len + 1);
                texts.text(paragraph, marker, &mut JsonText(&mut self.buf));
            }
            _ => {
                self.buf.reserve(paragraph.text.len() + 1);
                escape_into(&mut self.buf, paragraph.text.as_bytes());
            }
        }
        // The text's closing quote and both flags with their keys, in one
        // copy.
        self.raw(match (paragraph.truncated_start, paragraph.truncated_end) {
            (false, false) => "\",\"truncated_start\":false,\"truncated_end\":false",
            (false, true) => "\",\"truncated_start\":false,\"truncated_end\":true",
            (true, false) => "\",\"truncated_start\":true,\"truncated_end\":false",
            (true, true) => "\",\"truncated_start\":true,\"truncated_end\":true",
        });
        if !paragraph.inline_points.is_empty() {
            self.raw(",\"inline_points\":[");
            for (i, point) in paragraph.inline_points.iter().enumerate() {
                if i > 0 {
                    self.raw(",");
                }
                self.inline_point(point);
            }
            self.raw("]");
        }
        self.position_last(&paragraph.position);
    }

    fn inline_point(&mut self, point: &InlinePoint) {
        self.raw("{\"number\":");
        self.number(u64::from(point.number));
        self.raw(",\"marker\":");
        self.string(&point.marker);
        self.raw(",\"text\":");
        self.string(&point.text);
        self.position_last(&point.position);
    }
}

/// A position whose six numbers are all below 10^8, written into room at
/// the end of the output buffer ([`JsonWriter::position_last`]): a node's
/// position is six numbers and ten pieces of punctuation, each of which
/// would otherwise be a push of its own, with the buffer's length and
/// capacity loaded, checked and stored again. Each piece is a constant,
/// and each number at most eight digits, made in a register
/// ([`eight_digits`]) and stored eight bytes at once, so every place is a
/// sum of known bounds, at most [`SHORT_POSITION_MAX`], which the compiler
/// works out itself and so leaves out the check of each piece against the
/// room's end (the check stays in the code, and a piece that failed it
/// would be left out, never written out of bounds).
struct ShortPosition<'a> {
    start: &'a Location,
    end: &'a Location,
}

/// The longest short position: 88 bytes of keys and punctuation and six
/// numbers of eight digits.
const SHORT_POSITION_MAX: usize = 88 + 6 * 8;

/// The room a short position is written in: its longest, and the eight
/// bytes beyond that a number's store may reach ([`put_digits`]).
const SHORT_POSITION_ROOM: usize = SHORT_POSITION_MAX + 8;

impl<'a> ShortPosition<'a> {
    /// The position, if its six numbers are all below 10^8.
    #[inline(always)]
    fn of(position: &'a Position) -> Option<Self> {
        let (start, end) = (&position.start, &position.end);
        // One test after the other (not gathered into one), so that the
        // compiler knows each number below 10^8 when it makes the digits.
        let short = |n: usize| (n as u64) < E8;
        (short(start.line)
            && short(start.column)
            && short(start.offset)
            && short(end.line)
            && short(end.column)
            && short(end.offset))
        .then_some(ShortPosition { start, end })
    }

    /// Write `,"position":{…}}` at the start of `room`; returns its
    /// length. The end is most often on the line it starts on (half of
    /// the nodes of the benchmark): its line's digits are the start's.
    #[inline(always)]
    fn write(&self, room: &mut [u8; SHORT_POSITION_ROOM]) -> usize {
        let (start, end) = (self.start, self.end);
        let at = put_piece(room, 0, b",\"position\":{\"start\":{\"line\":");
        let line = leading_digits(eight_digits(start.line as u64));
        let at = put_digits(room, at, line);
        let at = short_location_rest(room, at, start);
        let at = put_piece(room, at, b",\"end\":{\"line\":");
        let end_line = if end.line == start.line {
            line
        } else {
            leading_digits(eight_digits(end.line as u64))
        };
        let at = put_digits(room, at, end_line);
        let at = short_location_rest(room, at, end);
        put_piece(room, at, b"}}")
    }
}

/// A short location's column and offset, and its close, from `at` on;
/// returns where it ends.
#[inline(always)]
fn short_location_rest(
    room: &mut [u8; SHORT_POSITION_ROOM],
    at: usize,
    location: &Location,
) -> usize {
    let at = put_piece(room, at, b",\"column\":");
    let column = match SMALL_DECIMALS.get(location.column) {
        Some(&digits) => (u64::from(digits), 1 + usize::from(location.column >= 10)),
        None => leading_digits(eight_digits(location.column as u64)),
    };
    let at = put_digits(room, at, column);
    let at = put_piece(room, at, b",\"offset\":");
    let at = put_digits(
        room,
        at,
        leading_digits(eight_digits(location.offset as u64)),
    );
    put_piece(room, at, b"}")
}

/// Write `piece` at `at`; returns where it ends.
#[inline(always)]
fn put_piece<const N: usize, const ROOM: usize>(
    room: &mut [u8; ROOM],
    at: usize,
    piece: &[u8; N],
) -> usize {
    if let Some(place) = room.get_mut(at..at + N) {
        place.copy_from_slice(piece);
    }
    at + N
}

/// Write the first `len` (at most 8) bytes of `word` at `at`, in one
/// eight-byte store (the next piece overwrites the rest); returns where
/// they end.
#[inline(always)]
fn put_digits<const ROOM: usize>(
    room: &mut [u8; ROOM],
    at: usize,
    (word, len): (u64, usize),
) -> usize {
    if let Some(place) = room.get_mut(at..at + 8) {
        place.copy_from_slice(&word.to_le_bytes());
    }
    at + len
}

/// Eight digits from [`eight_digits`] without their leading zeros (one
/// `0` for zero), in ASCII, the first in the lowest byte, and how many
/// there are. The top bit, never set in digits, stops the count of zeros
/// at seven.
#[inline(always)]
const fn leading_digits(digits: u64) -> (u64, usize) {
    let zeros = (digits | (1 << 63)).trailing_zeros() / 8;
    ((digits | ASCII_ZEROS) >> (8 * zeros), 8 - zeros as usize)
}

/// 10^8: [`eight_digits`] makes the numbers below it.
const E8: u64 = 100_000_000;

/// The digits of the numbers below 100 in ASCII, the first in the lowest
/// byte: one digit below 10, two from 10 on.
const SMALL_DECIMALS: [u16; 100] = {
    let mut table = [0u16; 100];
    let mut n = 0;
    while n < 100 {
        table[n] = if n < 10 {
            b'0' as u16 + n as u16
        } else {
            (b'0' as u16 + (n / 10) as u16) | ((b'0' as u16 + (n % 10) as u16) << 8)
        };
        n += 1;
    }
    table
};

/// `0` in each byte: digits 0 to 9 in bytes become ASCII.
const ASCII_ZEROS: u64 = 0x3030_3030_3030_3030;

/// The eight decimal digits of `n` (below 10^8, leading zeros included),
/// one in each byte, the first in the lowest byte, made without a loop or
/// a store: `n` split into two halves of four digits in 32-bit lanes, each
/// half into two pairs in 16-bit lanes, each pair into two digits in
/// bytes, dividing by 100 and by 10 with multiplications that are exact in
/// those ranges (`x * 10486 >> 20` for x below 10^4, `x * 103 >> 10` for x
/// below 100).
const fn eight_digits(n: u64) -> u64 {
    let halves = (n / 10_000) | ((n % 10_000) << 32);
    let hundreds = ((halves * 10_486) >> 20) & 0x0000_007F_0000_007F;
    let pairs = hundreds | ((halves - hundreds * 100) << 16);
    let tens = ((pairs * 103) >> 10) & 0x000F_000F_000F_000F;
    tens | ((pairs - tens * 10) << 8)
}

const LOW_BITS: u64 = 0x0101_0101_0101_0101;
const HIGH_BITS: u64 = 0x8080_8080_8080_8080;

/// Whether any byte of `word` is below 0x20, a `"` or a `\`: the bytes JSON
/// must escape. Exact (no false negatives), by the bit tricks for "has a
/// byte less than n" (n ≤ 128) and "has a zero byte".
const fn needs_escape(word: u64) -> bool {
    let below_space = word.wrapping_sub(LOW_BITS * 0x20) & !word;
    let quote = word ^ (LOW_BITS * (b'"' as u64));
    let backslash = word ^ (LOW_BITS * (b'\\' as u64));
    let has_quote = quote.wrapping_sub(LOW_BITS) & !quote;
    let has_backslash = backslash.wrapping_sub(LOW_BITS) & !backslash;
    (below_space | has_quote | has_backslash) & HIGH_BITS != 0
}

/// Whether any byte of `bytes` must be escaped, read a word at a time. A
/// word of bytes that all have their high bit set (Chinese text without
/// ASCII in it, most words of a paragraph once its segmentation spaces are
/// out) has none to escape, which two operations tell. The bytes after the
/// last whole word are read as part of the last eight bytes (some read
/// twice); a string shorter than a word, as its first and last four bytes
/// in one word (some read twice), or one by one below four bytes: copying
/// them into a padded word would be a copy of a length known only at run
/// time, a call, for every short string (markers, headings).
#[inline]
fn any_needs_escape(bytes: &[u8]) -> bool {
    if let (Some(first), Some(last), None) = (
        bytes.first_chunk::<4>(),
        bytes.last_chunk::<4>(),
        bytes.first_chunk::<8>(),
    ) {
        let low = u64::from(u32::from_le_bytes(*first));
        let high = u64::from(u32::from_le_bytes(*last));
        return needs_escape(low | (high << 32));
    }
    let mut words = bytes.chunks_exact(8);
    for chunk in &mut words {
        let mut word = [0u8; 8];
        word.copy_from_slice(chunk);
        let word = u64::from_le_bytes(word);
        if word & HIGH_BITS != HIGH_BITS && needs_escape(word) {
            return true;
        }
    }
    if words.remainder().is_empty() {
        return false;
    }
    match bytes.last_chunk::<8>() {
        Some(last) => needs_escape(u64::from_le_bytes(*last)),
        None => bytes.iter().any(|&byte| escape_of(byte) != 0),
    }
}

/// How serde_json escapes a byte: 0 for none, `u` for `\u00XX`, else the
/// letter after the backslash.
const fn escape_of(byte: u8) -> u8 {
    match byte {
        b'"' => b'"',
        b'\\' => b'\\',
        0x08 => b'b',
        0x09 => b't',
        0x0A => b'n',
        0x0C => b'f',
        0x0D => b'r',
        0x00..=0x1F => b'u',
        _ => 0,
    }
}

/// Append `bytes` (valid UTF-8) as a JSON string, escaped as serde_json
/// escapes: `\"`, `\\`, `\b \t \n \f \r`, other control characters as
/// `\u00xx`; everything else, non-ASCII included, as it is.
fn write_escaped(buf: &mut Vec<u8>, bytes: &[u8]) {
    buf.reserve(bytes.len() + 2);
    buf.push(b'"');
    escape_into(buf, bytes);
    buf.push(b'"');
}

/// The inside of a JSON string (quotes aside) that normalized text is
/// appended to, escaped as [`write_escaped`] escapes ([`TextSink`]): the
/// normalizer's scan of segmented text stops at the bytes to escape
/// ([`MAY_NEED_ESCAPE`]) as it stops at white space, so that the runs
/// between them are copied as they are; whole pieces of text that is not
/// segmented are escaped as any string is. Every escape is ASCII and
/// stands for an ASCII byte, which is all joining lines needs to know of a
/// character. Runs are copied as [`push_run`] copies them: most are a word
/// or two, moved in one fixed-size copy.
struct JsonText<'b>(&'b mut Vec<u8>);

impl TextSink for JsonText<'_> {
    const SPECIAL: u8 = MAY_NEED_ESCAPE;

    fn so_far(&self) -> &[u8] {
        self.0
    }

    fn push_part(&mut self, piece: &str, from: usize, to: usize) {
        push_run(self.0, piece, from, to);
    }

    fn push_piece(&mut self, piece: &str) {
        escape_into(self.0, piece.as_bytes());
    }

    fn push_special(&mut self, byte: u8) {
        escape_into(self.0, &[byte]);
    }

    fn push_space(&mut self) {
        self.0.push(b' ');
    }
}

/// `bytes` (valid UTF-8) escaped as in [`write_escaped`], without quotes.
///
/// Most strings need no escaping (Chinese text never does): they are
/// copied, those of at most 16 bytes (markers, short headings) in two
/// moves of a fixed size ([`extend_short`]), the others with one copy.
/// The escaping is a function of its own, so that the usual case keeps
/// few registers.
fn escape_into(buf: &mut Vec<u8>, bytes: &[u8]) {
    if any_needs_escape(bytes) {
        escape_each(buf, bytes);
    } else {
        extend_short(buf, bytes);
    }
}

/// Append `bytes` to `buf`, at most 16 of them: in two moves of the
/// largest fixed size that fits, which overlap (`buf` lengthened by the
/// first, cut back, lengthened by the second), where a copy of a length
/// known only at run time is a call. Longer ones in one copy.
#[inline(always)]
fn extend_short(buf: &mut Vec<u8>, bytes: &[u8]) {
    fn ends<const N: usize>(buf: &mut Vec<u8>, bytes: &[u8]) {
        if let (Some(first), Some(last)) = (bytes.first_chunk::<N>(), bytes.last_chunk::<N>()) {
            let end = buf.len() + bytes.len();
            buf.extend_from_slice(first);
            buf.truncate(end - N);
            buf.extend_from_slice(last);
        }
    }
    match bytes.len() {
        0 => {}
        1..4 => buf.extend(bytes.iter().copied()),
        4..8 => ends::<4>(buf, bytes),
        8..=16 => ends::<8>(buf, bytes),
        _ => buf.extend_from_slice(bytes),
    }
}

/// [`escape_into`] for bytes of which some need escaping.
#[cold]
#[inline(never)]
fn escape_each(buf: &mut Vec<u8>, bytes: &[u8]) {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let mut copied = 0;
    let mut i = 0;
    while i < bytes.len() {
        // Skip whole words that need no escaping.
        if let Some(chunk) = bytes.get(i..i + 8) {
            let mut word = [0u8; 8];
            word.copy_from_slice(chunk);
            if !needs_escape(u64::from_le_bytes(word)) {
                i += 8;
                continue;
            }
        }
        let byte = bytes.get(i).copied().unwrap_or(0);
        let escape = escape_of(byte);
        if escape != 0 {
            buf.extend_from_slice(bytes.get(copied..i).unwrap_or_default());
            buf.push(b'\\');
            buf.push(escape);
            if escape == b'u' {
                buf.extend_from_slice(b"00");
                buf.push(HEX[usize::from(byte >> 4)]);
                buf.push(HEX[usize::from(byte & 0xF)]);
            }
            copied = i + 1;
        }
        i += 1;
    }
    buf.extend_from_slice(bytes.get(copied..).unwrap_or_default());
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::tree::Numbering;

    fn location(line: usize, column: usize, offset: usize) -> Location {
        Location {
            line,
            column,
            offset,
        }
    }

    /// A paragraph whose text was made before writing is written as
    /// serde_json writes it: with each of the four pairs of truncation
    /// flags (written with the text's closing quote in one copy), texts
    /// that need escaping or not, empty or long, with and without inline
    /// points (fails when two of the pairs are swapped).
    #[test]
    fn paragraphs_are_written_as_serde_json_writes_them() {
        let at = |offset| location(3, offset + 1, offset);
        let point = InlinePoint {
            number: 2,
            marker: "二是".to_owned(),
            text: "推进\"改革\"。".to_owned(),
            position: Position {
                start: at(4),
                end: at(9),
            },
        };
        let mut written = 0;
        for text in [
            "",
            "人工智能引领科技创新",
            "a\"b\\c\n\u{1}",
            &"字".repeat(100),
        ] {
            for (truncated_start, truncated_end) in
                [(false, false), (false, true), (true, false), (true, true)]
            {
                for inline_points in [vec![], vec![point.clone()]] {
                    let block = Block::Paragraph(Paragraph {
                        text: text.to_owned(),
                        truncated_start,
                        truncated_end,
                        inline_points,
                        position: Position {
                            start: at(0),
                            end: at(12),
                        },
                    });
                    let mut ours = JsonWriter::new(Vec::new(), None);
                    assert!(ours.block(&block).is_ok());
                    let theirs = serde_json::to_string(&block).unwrap_or_default();
                    assert_eq!(String::from_utf8_lossy(&ours.buf), theirs, "{block:?}");
                    written += 1;
                }
            }
        }
        assert_eq!(written, 32);
    }

    /// A heading is written as serde_json writes it: run in or not (the
    /// key and the flag in one copy), numbered or not (fails when the two
    /// strings of `run_in` are swapped).
    #[test]
    fn headings_are_written_as_serde_json_writes_them() {
        let at = |offset| location(7, offset + 1, offset);
        let numbering = Numbering {
            scheme: "chinese_dun".to_owned(),
            marker: "一、".to_owned(),
            number: 1,
        };
        for run_in in [false, true] {
            for numbering in [None, Some(numbering.clone())] {
                let heading = Heading {
                    text: "一、总\"则\"".to_owned(),
                    numbering,
                    run_in,
                    position: Position {
                        start: at(0),
                        end: at(15),
                    },
                };
                let mut ours = JsonWriter::new(Vec::new(), None);
                ours.heading(&heading);
                let theirs = serde_json::to_string(&heading).unwrap_or_default();
                assert_eq!(String::from_utf8_lossy(&ours.buf), theirs, "{heading:?}");
            }
        }
    }

    /// Numbers in positions are written as `to_string` writes them, one
    /// after the other: every length from 1 to 20 digits, at its bounds,
    /// in every field (the short way below 10^8, the long way beyond).
    #[test]
    fn numbers_are_written_in_decimal() {
        let mut numbers = vec![0, 1, 9, 42, usize::MAX, usize::MAX - 1];
        let mut power: usize = 1;
        while let Some(next) = power.checked_mul(10) {
            numbers.extend([power - 1, power, power + 1, next - 1, power * 7 + 3]);
            power = next;
        }
        numbers.extend((0..2000).map(|n| n * 7919));
        for n in numbers {
            let at = Location {
                line: n,
                column: n,
                offset: n,
            };
            let mut ours = JsonWriter::new(Vec::new(), None);
            ours.position_last(&Position { start: at, end: at });
            let expected = format!(
                ",\"position\":{{\"start\":{{\"line\":{n},\"column\":{n},\"offset\":{n}}},\
                 \"end\":{{\"line\":{n},\"column\":{n},\"offset\":{n}}}}}}}"
            );
            assert_eq!(String::from_utf8_lossy(&ours.buf), expected, "{n}");
        }
    }

    /// Every number below 10^8 (the range of the digits made in a
    /// register) as `to_string` writes it, in steps that reach every
    /// digit at every place.
    #[test]
    fn eight_digits_are_the_decimal_digits() {
        for n in (0..100_000_000u64).step_by(997).chain(0..20_000) {
            let (word, len) = leading_digits(eight_digits(n));
            let bytes = word.to_le_bytes();
            assert_eq!(bytes.get(..len), Some(n.to_string().as_bytes()), "{n}");
        }
    }

    /// A position is written as serde_json writes it: with the longest
    /// numbers (it fits), and with numbers of every length at their
    /// bounds in each field, start and end on the same line or not.
    #[test]
    fn positions_are_written_as_serde_json_writes_them() {
        let mut numbers = vec![0, 1, 9, 10, 99, 100, usize::MAX];
        let mut power: usize = 1000;
        while let Some(next) = power.checked_mul(10) {
            numbers.extend([power - 1, power, power + 1]);
            power = next;
        }
        let far = Location {
            line: usize::MAX,
            column: usize::MAX,
            offset: usize::MAX,
        };
        let mut positions = vec![Position {
            start: far,
            end: far,
        }];
        for (i, &n) in numbers.iter().enumerate() {
            let m = numbers[(i * 7 + 3) % numbers.len()];
            let at = Location {
                line: n,
                column: m,
                offset: n,
            };
            let other = Location {
                line: m,
                column: n,
                offset: m,
            };
            positions.push(Position { start: at, end: at });
            positions.push(Position {
                start: at,
                end: other,
            });
            positions.push(Position {
                start: other,
                end: at,
            });
        }
        for position in positions {
            let mut ours = JsonWriter::new(Vec::new(), None);
            ours.position_last(&position);
            let theirs = serde_json::to_string(&position).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours.buf),
                format!(",\"position\":{theirs}}}"),
                "{position:?}"
            );
        }
    }

    /// A position is written in the room that follows what the buffer
    /// holds (the last bytes once it is lengthened), whatever it holds
    /// and however full it is: after 0 to 300 bytes, in a buffer with no
    /// room left, some, or plenty, short and long positions; what was
    /// there stays (fails when the room is taken from the start).
    #[test]
    fn positions_are_written_after_what_the_buffer_holds() {
        let positions = [
            Position {
                start: location(1, 1, 0),
                end: location(1, 1, 0),
            },
            Position {
                start: location(12, 4, 144),
                end: location(14, 60, 838),
            },
            Position {
                start: location(99_999_999, 99, 99_999_999),
                end: location(99_999_999, 100, 99_999_999),
            },
            Position {
                start: location(1, 1, 0),
                end: location(100_000_000, 1, usize::MAX),
            },
        ];
        for held in 0..300 {
            for spare in [0, 1, 50, 500] {
                for position in &positions {
                    let before: Vec<u8> = (0..held).map(|i| b'a' + (i % 26) as u8).collect();
                    let mut buf = Vec::with_capacity(held + spare);
                    buf.extend_from_slice(&before);
                    let mut ours = JsonWriter::new(Vec::new(), None);
                    ours.buf = buf;
                    ours.position_last(position);
                    let theirs = serde_json::to_string(position).unwrap_or_default();
                    let expected = format!(
                        "{},\"position\":{theirs}}}",
                        String::from_utf8_lossy(&before)
                    );
                    assert_eq!(
                        String::from_utf8_lossy(&ours.buf),
                        expected,
                        "{held} {spare} {position:?}"
                    );
                }
            }
        }
    }

    /// A position with every number below 10^8 is written by
    /// [`ShortPosition`], in at most [`SHORT_POSITION_MAX`] bytes; one with
    /// any of its six numbers at 10^8 or beyond by
    /// [`JsonWriter::long_position`]; both as serde_json writes them, start
    /// and end on one line or not.
    #[test]
    fn short_positions_are_those_below_ten_to_the_eight() {
        let longest = E8 as usize - 1;
        let fields = |n: [usize; 6]| Position {
            start: Location {
                line: n[0],
                column: n[1],
                offset: n[2],
            },
            end: Location {
                line: n[3],
                column: n[4],
                offset: n[5],
            },
        };
        let write = |position: &Position| {
            let mut ours = JsonWriter::new(Vec::new(), None);
            ours.position_last(position);
            let theirs = serde_json::to_string(position).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours.buf),
                format!(",\"position\":{theirs}}}"),
                "{position:?}"
            );
            ours.buf.len()
        };
        let position = fields([longest; 6]);
        assert!(ShortPosition::of(&position).is_some());
        assert_eq!(write(&position), SHORT_POSITION_MAX, "the longest");
        let position = fields([0, 1, 0, 0, 1, 0]);
        assert!(ShortPosition::of(&position).is_some());
        write(&position);
        for field in 0..6 {
            for (far, near) in [(longest + 1, longest), (longest + 1, 7), (usize::MAX, 42)] {
                let mut numbers = [near; 6];
                numbers[field] = far;
                let position = fields(numbers);
                assert!(ShortPosition::of(&position).is_none(), "{numbers:?}");
                write(&position);
                numbers[field] = longest;
                let position = fields(numbers);
                assert!(ShortPosition::of(&position).is_some(), "{numbers:?}");
                write(&position);
            }
        }
    }

    #[test]
    fn strings_are_escaped_as_serde_json_escapes_them() {
        let mut cases: Vec<String> = vec![
            String::new(),
            "人工智能引领科技".to_owned(),
            "a\"b\\c".to_owned(),
            "\u{7f}\u{80}\u{2028}\u{feff}".to_owned(),
            "长长长长长长长长长\"".to_owned(),
            "\"长长长长长长长长长".to_owned(),
        ];
        // Every byte below 0x80, alone and at each place in a 9-byte word.
        for b in 0u8..0x80 {
            let c = char::from(b);
            cases.push(c.to_string());
            for at in 0..9 {
                let mut s = "x".repeat(9);
                s.replace_range(at..=at, &c.to_string());
                cases.push(s);
            }
        }
        // Every byte below 0x80 among characters of two and three bytes (a
        // word without ASCII needs no escaping), at each place in a word.
        let leads = ["", "é", "长", "éé", "é长", "长长", "éé长", "é长长"];
        for b in 0u8..0x80 {
            for lead in leads {
                cases.push(format!("{lead}{}长长长长", char::from(b)));
            }
        }
        for case in &cases {
            let mut ours = Vec::new();
            write_escaped(&mut ours, case.as_bytes());
            let theirs = serde_json::to_vec(case).unwrap_or_default();
            assert_eq!(
                String::from_utf8_lossy(&ours),
                String::from_utf8_lossy(&theirs),
                "{case:?}"
            );
        }
    }

    /// Normalized straight into a JSON string, a text is the text
    /// normalized into a `String`, escaped: on the lines of every fixture
    /// and on lines with bytes to escape, joined as a paragraph's pieces
    /// are, segmented or not.
    #[test]
    fn text_normalized_into_json_is_the_text_normalized_and_escaped() {
        use crate::text::{normalize_into, trim_spaces};
        let mut texts = crate::source::fixture_texts();
        texts.push(
            "“ 引号 ” \"a\" 和 \\ 反 斜线\n甲 \u{1} 乙\t丙 \u{1f}\n\"\n\\ x\n\u{7} \u{b}\n中 \""
                .to_owned(),
        );
        let mut compared = 0;
        for text in &texts {
            let lines: Vec<&str> = text.lines().map(trim_spaces).collect();
            for pieces in lines.chunks(3) {
                for segmented in [false, true] {
                    let mut string = String::from("before");
                    normalize_into(&mut string, pieces.iter().copied(), segmented);
                    let mut json = b"before".to_vec();
                    normalize_into(&mut JsonText(&mut json), pieces.iter().copied(), segmented);
                    let mut expected = b"before".to_vec();
                    escape_into(
                        &mut expected,
                        string.get(6..).unwrap_or_default().as_bytes(),
                    );
                    assert_eq!(
                        String::from_utf8_lossy(&json),
                        String::from_utf8_lossy(&expected),
                        "{pieces:?}"
                    );
                    compared += 1;
                }
            }
        }
        assert!(compared > 1_000, "{compared}");
    }

    /// Strings of every length up to 40 bytes (markers and short
    /// headings are copied in moves of a fixed size, the bytes to escape
    /// of strings below a word looked for in overlapping halves) are
    /// escaped as serde_json escapes them, with each kind of byte to
    /// escape at each place, or none.
    #[test]
    fn strings_of_every_length_are_escaped_as_serde_json_escapes_them() {
        for len in 0..=40 {
            let mut plain = String::new();
            for c in "长é1a".chars().cycle() {
                if plain.len() + c.len_utf8() > len {
                    break;
                }
                plain.push(c);
            }
            while plain.len() < len {
                plain.push('a');
            }
            let mut cases = vec![plain.clone()];
            for special in ['"', '\\', '\n', '\u{1}', '\u{1f}'] {
                for (at, _) in plain.char_indices() {
                    let mut case = plain.clone();
                    case.insert(at, special);
                    cases.push(case);
                }
                cases.push(format!("{plain}{special}"));
            }
            assert_eq!(plain.len(), len);
            for case in &cases {
                let mut ours = b"before".to_vec();
                escape_into(&mut ours, case.as_bytes());
                let theirs = serde_json::to_vec(case).unwrap_or_default();
                let inside = theirs.get(1..theirs.len().saturating_sub(1));
                assert_eq!(ours.get(6..), inside, "{case:?}");
            }
        }
    }

    #[test]
    fn needs_escape_finds_each_byte_to_escape_at_each_place() {
        for at in 0..8 {
            for b in [0u8, 0x1F, b'"', b'\\'] {
                let mut word = [b'a'; 8];
                word[at] = b;
                assert!(needs_escape(u64::from_le_bytes(word)), "{b:#x} at {at}");
            }
            for b in [0x20u8, b'!', b'#', b'[', b']', 0x7F, 0x80, 0xE4, 0xFF] {
                let mut word = [b'a'; 8];
                word[at] = b;
                assert!(!needs_escape(u64::from_le_bytes(word)), "{b:#x} at {at}");
            }
        }
    }
}
