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

pub mod check;
mod decode;
mod source;
mod syntax;
mod text;
mod tree;

pub use decode::{decode, DecodeError, Decoded, EncodingChoice};
pub use source::{Location, Position};
pub use tree::{
    Block, Document, Furniture, Heading, InlinePoint, List, Numbering, Paragraph, Placeholder,
    Point, RepeatedTitle, Section, Segmentation, Separator, Source, TableOfContents, Title,
    VERSION,
};

use source::{line_ending_name, split_lines, LineIndex};

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

/// The number of lines, as `wc -l` counts them for a text that ends with a
/// line break and one more for a last line without one: the empty line
/// after a final break is not counted (the contract's seed has 100 lines).
fn line_count(lines: &[source::Line]) -> usize {
    match lines.last() {
        Some(last) if last.start == last.end => lines.len() - 1,
        _ => lines.len(),
    }
}

fn build_document(
    text: &str,
    encoding: &str,
    bom: bool,
    bytes: usize,
    options: &Options,
) -> Document {
    let lines = split_lines(text);
    let infos: Vec<_> = lines
        .iter()
        .map(|line| syntax::classify_line(text, line))
        .collect();
    let line_ending = line_ending_name(&lines).to_owned();
    let line_count = line_count(&lines);
    // The tree is built from the classified lines alone.
    drop(lines);
    let built = tree::build(text, &infos, options.segmentation);
    drop(infos);
    let mut document = Document {
        version: VERSION,
        source: Source {
            name: options.name.clone(),
            encoding: encoding.to_owned(),
            bom,
            line_ending,
            segmented: built.segmented,
            bytes,
            lines: line_count,
        },
        title: built.title,
        children: built.children,
        position: Position::from_offsets(0, text.len()),
    };
    tree::resolve_positions(&mut document, &LineIndex::new(text));
    document
}
