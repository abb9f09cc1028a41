//! The outline: a typed tree of what an article contains.
//!
//! These types are the JSON model of `../shared/spec/outline-json.md`
//! (version 1): field and variant names are part of the output format, so
//! renaming one is a breaking change. New node types and fields may be added.

mod blocks;
mod build;
mod json;
pub(crate) use json::JsonStream;
mod paragraphs;
mod positions;

pub(crate) use blocks::{Deferred, TextFiller};
pub use build::Segmentation;
pub(crate) use build::{build, build_streaming, DeferPoints};
pub(crate) use positions::{collect, resolve_blocks, resolve_positions};

use crate::source::Position;
use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

/// The version of the JSON contract these types serialize to.
pub const VERSION: u32 = 1;

/// A parsed article: its source, title and top-level blocks.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename = "document")]
pub struct Document {
    /// Version of the JSON contract, [`VERSION`].
    pub version: u32,
    /// What was read: name, encoding, line endings, segmentation, size.
    pub source: Source,
    /// The article's title, when it has one.
    pub title: Option<Title>,
    /// Blocks before the first heading, then the top-level sections.
    pub children: Vec<Block>,
    /// The whole text.
    pub position: Position,
}

/// What was read, as detected or forced.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Source {
    /// The file name as given, or `-` for standard input.
    pub name: String,
    /// The encoding the bytes were decoded with: `utf-8`, `gb18030`, `gbk`,
    /// `utf-16le`, `utf-16be`, …
    pub encoding: String,
    /// Whether the input began with a byte order mark.
    pub bom: bool,
    /// `lf`, `crlf`, `cr` or `mixed`.
    pub line_ending: String,
    /// Whether words were separated by spaces (detected or forced).
    pub segmented: bool,
    /// Size of the input as read, before decoding.
    pub bytes: usize,
    /// Number of lines.
    pub lines: usize,
}

/// The article title.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename = "title")]
pub struct Title {
    /// The title, normalized.
    pub text: String,
    /// Where it stands.
    pub position: Position,
}

/// A block: anything that can stand in a document, a section or a point.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    /// A heading and everything under it.
    Section(Box<Section>),
    /// A run of numbered points of one family.
    List(List),
    /// A paragraph.
    Paragraph(Paragraph),
    /// A `--` line: text between excerpts was left out.
    Separator(Separator),
    /// A line that stands for missing content, such as `[ ]`.
    Placeholder(Placeholder),
    /// A later line that repeats the title.
    RepeatedTitle(RepeatedTitle),
    /// A table of contents (`目录` and its entries); it creates no sections.
    TableOfContents(TableOfContents),
    /// A title line after the title: `——2007年3月5日在……会议上`.
    Subtitle(Furniture),
    /// The addressee: `各位代表：`.
    Addressee(Furniture),
    /// A byline or dateline: `新华社北京3月5日电`, `来源：……`, `责任编辑：……`,
    /// a speaker line `国务院总理　温家宝`.
    Byline(Furniture),
    /// A page number left by a PDF extraction: `— 3 —`.
    PageNumber(Furniture),
    /// An attachment line: `附件：1.……`.
    Attachment(Furniture),
    /// The issuing organisation before the closing date.
    Signature(Furniture),
    /// The closing date: `2024年1月5日`.
    Date(Furniture),
}

impl Block {
    /// Where the block lies.
    pub fn position(&self) -> &Position {
        match self {
            Block::Section(b) => &b.position,
            Block::List(b) => &b.position,
            Block::Paragraph(b) => &b.position,
            Block::Separator(b) => &b.position,
            Block::Placeholder(b) => &b.position,
            Block::RepeatedTitle(b) => &b.position,
            Block::TableOfContents(b) => &b.position,
            Block::Subtitle(b)
            | Block::Addressee(b)
            | Block::Byline(b)
            | Block::PageNumber(b)
            | Block::Attachment(b)
            | Block::Signature(b)
            | Block::Date(b) => &b.position,
        }
    }
}

/// A heading and everything under it up to the next heading of the same or
/// a higher level.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Section {
    /// 1 for a top-level section.
    pub level: u32,
    /// The heading line.
    pub heading: Heading,
    /// Blocks and subsections under the heading.
    pub children: Vec<Block>,
    /// From the heading to the last descendant.
    pub position: Position,
}

/// A heading line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename = "heading")]
pub struct Heading {
    /// The heading, normalized, marker included.
    pub text: String,
    /// Its numbering, or `None` for an unnumbered heading.
    pub numbering: Option<Numbering>,
    /// Whether the heading is the first sentence of a paragraph whose rest
    /// became the section's first paragraph.
    pub run_in: bool,
    /// Where it stands.
    pub position: Position,
}

/// The numbering of a heading.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Numbering {
    /// The marker family, a stable snake_case name (see docs/json.md).
    pub scheme: String,
    /// The marker as normalized, without inner spaces: `一、`, `（一）`.
    pub marker: String,
    /// Its value: `十一、` → 11.
    pub number: u32,
}

/// A run of points of one numbering family in one section.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct List {
    /// The points' family, a stable snake_case name (see docs/json.md).
    pub scheme: String,
    /// The points.
    pub children: Vec<Point>,
    /// From the first point's marker to the end of the last point.
    pub position: Position,
}

/// One numbered point of a list.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(tag = "type", rename = "point")]
pub struct Point {
    /// The marker's value: 2 for `二是`.
    pub number: u32,
    /// The marker, normalized: `二是` (written `二是` or `二 是`).
    pub marker: String,
    /// The first sentence after the marker without its closing punctuation,
    /// or `None` when the paragraph has no finished first sentence.
    pub lead: Option<String>,
    /// The paragraph that opens with the marker, then the blocks up to the
    /// next point of the same list.
    pub children: Vec<Block>,
    /// From the marker to the end of the last child.
    pub position: Position,
}

/// A paragraph, its wrapped lines joined.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Paragraph {
    /// The paragraph, normalized.
    pub text: String,
    /// It starts mid-sentence because text before it was left out.
    pub truncated_start: bool,
    /// It ends without closing punctuation right before a separator or the
    /// end of the input.
    pub truncated_end: bool,
    /// Enumerations inside the paragraph (`一是……；二是……`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub inline_points: Vec<InlinePoint>,
    /// Where it stands.
    pub position: Position,
}

/// A point enumerated inside a paragraph.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct InlinePoint {
    /// The marker's value.
    pub number: u32,
    /// The marker, normalized.
    pub marker: String,
    /// The text from after the marker to the next marker or the paragraph's
    /// end, normalized.
    pub text: String,
    /// From the marker to the end of its text.
    pub position: Position,
}

/// A `--` line.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Separator {
    /// Where it stands.
    pub position: Position,
}

/// A line that stands for missing content.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Placeholder {
    /// The line as written, without surrounding white space.
    pub raw: String,
    /// Where it stands.
    pub position: Position,
}

/// A later line that repeats the title (a running header or footer).
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct RepeatedTitle {
    /// Where it stands.
    pub position: Position,
}

/// A table of contents: the `目录` line and its entries. A leaf.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct TableOfContents {
    /// The heading line, normalized (`目录`).
    pub text: String,
    /// The entries, one per line, normalized (`第一章总则`).
    pub entries: Vec<String>,
    /// From the heading line to the last entry.
    pub position: Position,
}

/// A line of document furniture (subtitle, addressee, byline, page number,
/// attachment, signature, date). A leaf; its `type` says which.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
pub struct Furniture {
    /// The line(s), normalized.
    pub text: String,
    /// Where it stands.
    pub position: Position,
}
