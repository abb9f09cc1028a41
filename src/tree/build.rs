//! Second pass: recognized lines → the typed outline tree.
//!
//! 1. Lines are grouped into blocks by the document's paragraph layout
//!    ([`super::paragraphs`]).
//! 2. Each block is classified: the title, a repetition of the title, a
//!    heading, a paragraph that opens a point, a paragraph, a separator, a
//!    placeholder.
//! 3. Headings open sections on a stack: a heading closes the open sections
//!    of its own family or of a family ranked at or below it, and nests under
//!    the rest ([`HeadingKey`]).
//! 4. When a section closes, its points are gathered into lists: a point
//!    holds the blocks up to the next point of its list; the blocks after a
//!    list's last point belong to the section.

use super::paragraphs::{blocks, detect_layout, RawBlock};
use super::{
    Block, Heading, List, Paragraph, Placeholder, Point, RepeatedTitle, Section, Separator, Title,
};
use crate::source::Position;
use crate::syntax::heading::{is_heading_shaped, HEADING_CHARS_MAX, TITLE_CHARS_MAX};
use crate::syntax::point_marker::{point_marker, PointMarker, PointScheme};
use crate::syntax::{LineInfo, LineKind};
use crate::text::{
    is_closing_punctuation, is_sentence_end, is_space, normalize, SegmentationEvidence,
};
use std::collections::VecDeque;

/// Whether the input is word-segmented.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Segmentation {
    /// Decide from the text (spaces next to CJK characters).
    #[default]
    Auto,
    /// The words are separated by spaces.
    Yes,
    /// The text is written as usual, without spaces between words.
    No,
}

/// What the second pass makes of the lines.
pub(crate) struct Built {
    pub title: Option<Title>,
    pub children: Vec<Block>,
    pub segmented: bool,
}

/// Build the outline of `text`, whose lines have been recognized as `infos`.
pub(crate) fn build(text: &str, infos: &[LineInfo], segmentation: Segmentation) -> Built {
    let segmented = match segmentation {
        Segmentation::Yes => true,
        Segmentation::No => false,
        Segmentation::Auto => {
            let mut evidence = SegmentationEvidence::default();
            for info in infos.iter().filter(|i| i.kind == LineKind::Text) {
                evidence.add(
                    text.get(info.content_start..info.content_end)
                        .unwrap_or_default(),
                );
            }
            evidence.is_segmented()
        }
    };
    let layout = detect_layout(text, infos);
    let raw = blocks(infos, layout);
    let context = Context {
        text,
        infos,
        segmented,
        indented_paragraphs: indented_paragraphs(infos, &raw),
    };
    let mut tree = TreeBuilder::default();
    let mut title: Option<Title> = None;
    for (index, block) in raw.iter().enumerate() {
        let previous = index.checked_sub(1).and_then(|i| raw.get(i));
        let next = raw.get(index + 1);
        match block.kind {
            LineKind::Separator => {
                let position = context.position(block);
                tree.push(Item::Block(Block::Separator(Separator { position })));
            }
            LineKind::Placeholder => {
                let position = context.position(block);
                let raw = text.get(position.range()).unwrap_or_default().to_owned();
                tree.push(Item::Block(Block::Placeholder(Placeholder {
                    raw,
                    position,
                })));
            }
            LineKind::Blank => {}
            LineKind::Text => {
                let text_block = context.text_block(block);
                if index == 0 && text_block.is_title() {
                    title = Some(Title {
                        text: text_block.text,
                        position: text_block.position,
                    });
                } else if title.as_ref().is_some_and(|t| text_block.repeats(t)) {
                    tree.push(Item::Block(Block::RepeatedTitle(RepeatedTitle {
                        position: text_block.position,
                    })));
                } else if let Some(marker) = text_block.point_marker() {
                    let paragraph = context.paragraph(text_block, block, previous, next);
                    tree.push(Item::Point(marker, paragraph));
                } else if text_block.is_heading() {
                    tree.open_section(
                        HeadingKey::Unnumbered,
                        Heading {
                            text: text_block.text,
                            numbering: None,
                            run_in: false,
                            position: text_block.position,
                        },
                    );
                } else {
                    let paragraph = context.paragraph(text_block, block, previous, next);
                    tree.push(Item::Block(Block::Paragraph(paragraph)));
                }
            }
        }
    }
    Built {
        title,
        children: tree.finish(),
        segmented,
    }
}

/// Whether most paragraphs of the document start with an indented line.
fn indented_paragraphs(infos: &[LineInfo], raw: &[RawBlock]) -> bool {
    let (mut indented, mut all) = (0usize, 0usize);
    for block in raw.iter().filter(|b| b.kind == LineKind::Text) {
        all += 1;
        if infos
            .get(block.first)
            .is_some_and(|i| i.indent.is_indented())
        {
            indented += 1;
        }
    }
    indented * 2 > all
}

/// What the classification of blocks needs to know about the document.
struct Context<'a> {
    text: &'a str,
    infos: &'a [LineInfo],
    segmented: bool,
    indented_paragraphs: bool,
}

/// A block of text lines, normalized.
struct TextBlock<'a> {
    text: String,
    /// The first line's content, as written.
    first_line: &'a str,
    lines: usize,
    indented: bool,
    position: Position,
}

impl<'a> Context<'a> {
    /// The line infos of a block.
    fn lines(&self, block: &RawBlock) -> &'a [LineInfo] {
        self.infos.get(block.first..=block.last).unwrap_or_default()
    }

    /// From the first character of a block to the end of its last.
    fn position(&self, block: &RawBlock) -> Position {
        let lines = self.lines(block);
        match (lines.first(), lines.last()) {
            (Some(first), Some(last)) => {
                Position::from_offsets(first.content_start, last.content_end)
            }
            _ => Position::default(),
        }
    }

    fn content(&self, info: &LineInfo) -> &'a str {
        self.text
            .get(info.content_start..info.content_end)
            .unwrap_or_default()
    }

    fn text_block(&self, block: &RawBlock) -> TextBlock<'a> {
        let lines = self.lines(block);
        TextBlock {
            text: normalize(lines.iter().map(|info| self.content(info)), self.segmented),
            first_line: lines
                .first()
                .map(|info| self.content(info))
                .unwrap_or_default(),
            lines: lines.len(),
            indented: lines.first().is_some_and(|info| info.indent.is_indented()),
            position: self.position(block),
        }
    }

    /// A paragraph, with its truncation flags.
    fn paragraph(
        &self,
        text_block: TextBlock<'a>,
        block: &RawBlock,
        previous: Option<&RawBlock>,
        next: Option<&RawBlock>,
    ) -> Paragraph {
        debug_assert_eq!(self.position(block), text_block.position);
        let after_separator = previous.is_some_and(|p| p.kind == LineKind::Separator);
        let before_cut = next.is_none_or(|n| n.kind == LineKind::Separator);
        Paragraph {
            truncated_start: after_separator && !text_block.indented && self.indented_paragraphs,
            truncated_end: before_cut
                && !text_block
                    .text
                    .chars()
                    .next_back()
                    .is_some_and(is_closing_punctuation),
            text: text_block.text,
            inline_points: Vec::new(),
            position: text_block.position,
        }
    }
}

impl TextBlock<'_> {
    /// The first line(s) of a document when short, unindented and without
    /// closing punctuation.
    fn is_title(&self) -> bool {
        self.lines == 1
            && !self.indented
            && is_heading_shaped(&self.text, TITLE_CHARS_MAX)
            && self.point_marker().is_none()
    }

    /// A later line with the title's text.
    fn repeats(&self, title: &Title) -> bool {
        self.lines == 1 && self.text == title.text
    }

    /// A block of one short line without sentence punctuation.
    fn is_heading(&self) -> bool {
        self.lines == 1 && is_heading_shaped(&self.text, HEADING_CHARS_MAX)
    }

    /// The point marker that opens the block, if any.
    fn point_marker(&self) -> Option<PointMarker> {
        point_marker(self.first_line).ok().map(|(_, marker)| marker)
    }
}

/// What decides the nesting of a heading.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum HeadingKey {
    /// A short line without a marker.
    Unnumbered,
}

/// A block, or a paragraph that opens a point, before points are grouped.
enum Item {
    Block(Block),
    Point(PointMarker, Paragraph),
}

/// A section whose end has not been seen yet.
struct OpenSection {
    key: HeadingKey,
    heading: Heading,
    items: Vec<Item>,
}

/// Builds sections from headings with a stack of open sections.
#[derive(Default)]
struct TreeBuilder {
    root: Vec<Item>,
    stack: Vec<OpenSection>,
}

impl TreeBuilder {
    fn push(&mut self, item: Item) {
        match self.stack.last_mut() {
            Some(open) => open.items.push(item),
            None => self.root.push(item),
        }
    }

    /// Open a section: close the open section of the same family and
    /// everything under it, then nest under what remains.
    fn open_section(&mut self, key: HeadingKey, heading: Heading) {
        if let Some(depth) = self.stack.iter().rposition(|open| open.key == key) {
            while self.stack.len() > depth {
                self.close_innermost();
            }
        }
        self.stack.push(OpenSection {
            key,
            heading,
            items: Vec::new(),
        });
    }

    /// Close the innermost open section and add it to its parent.
    fn close_innermost(&mut self) {
        let Some(open) = self.stack.pop() else {
            return;
        };
        let level = u32::try_from(self.stack.len() + 1).unwrap_or(u32::MAX);
        let children = group_points(open.items);
        let end = children
            .last()
            .map_or(open.heading.position.end, |child| child.position().end);
        let position = Position {
            start: open.heading.position.start,
            end,
        };
        self.push(Item::Block(Block::Section(Section {
            level,
            heading: open.heading,
            children,
            position,
        })));
    }

    fn finish(mut self) -> Vec<Block> {
        while !self.stack.is_empty() {
            self.close_innermost();
        }
        group_points(self.root)
    }
}

/// Gather the points among `items` into lists.
///
/// A list is a run of points of one scheme; it ends where the scheme starts
/// again at 1, or with the items. A point holds its paragraph and the items
/// up to the next point of its list; the items after the last point go back
/// to the enclosing level, where they may form further lists. Points of
/// another scheme inside a point are grouped there, one level down, so the
/// nesting is at most as deep as there are point schemes.
fn group_points(items: Vec<Item>) -> Vec<Block> {
    let mut out = Vec::new();
    let mut rest: VecDeque<Item> = items.into();
    while let Some(item) = rest.pop_front() {
        let (marker, paragraph) = match item {
            Item::Block(block) => {
                out.push(block);
                continue;
            }
            Item::Point(marker, paragraph) => (marker, paragraph),
        };
        let scheme = marker.scheme;
        let mut points = vec![(marker, paragraph, Vec::new())];
        while let Some(next) = rest.pop_front() {
            match next {
                Item::Point(marker, paragraph) if marker.scheme == scheme => {
                    if marker.number == Some(1) {
                        rest.push_front(Item::Point(marker, paragraph));
                        break;
                    }
                    points.push((marker, paragraph, Vec::new()));
                }
                other => {
                    if let Some((_, _, followers)) = points.last_mut() {
                        followers.push(other);
                    }
                }
            }
        }
        if let Some((_, _, followers)) = points.last_mut() {
            for item in std::mem::take(followers).into_iter().rev() {
                rest.push_front(item);
            }
        }
        out.push(Block::List(make_list(scheme, points)));
    }
    out
}

/// A list from its points, each with the items that follow it.
fn make_list(scheme: PointScheme, points: Vec<(PointMarker, Paragraph, Vec<Item>)>) -> List {
    let mut children = Vec::with_capacity(points.len());
    let mut previous_number = 0u32;
    for (place, (marker, paragraph, followers)) in points.into_iter().enumerate() {
        let number = marker.number.unwrap_or(match scheme {
            PointScheme::EmDash => u32::try_from(place + 1).unwrap_or(u32::MAX),
            _ => previous_number.saturating_add(1),
        });
        previous_number = number;
        let lead = lead_of(&paragraph.text, &marker.marker);
        let mut blocks = vec![Block::Paragraph(paragraph)];
        blocks.extend(group_points(followers));
        let start = blocks
            .first()
            .map(|b| b.position().start)
            .unwrap_or_default();
        let end = blocks.last().map(|b| b.position().end).unwrap_or_default();
        children.push(Point {
            number,
            marker: marker.marker,
            lead,
            children: blocks,
            position: Position { start, end },
        });
    }
    let start = children
        .first()
        .map(|p| p.position.start)
        .unwrap_or_default();
    let end = children.last().map(|p| p.position.end).unwrap_or_default();
    List {
        scheme: scheme.name().to_owned(),
        children,
        position: Position { start, end },
    }
}

/// The first sentence after the marker, without its closing punctuation;
/// `None` when the sentence does not end in the paragraph.
fn lead_of(text: &str, marker: &str) -> Option<String> {
    let mut remaining = marker.chars().filter(|c| !is_space(*c)).count();
    let mut start = None;
    for (index, c) in text.char_indices() {
        if is_space(c) {
            continue;
        }
        if remaining == 0 {
            start = Some(index);
            break;
        }
        remaining -= 1;
    }
    let start = start?;
    let end = text
        .get(start..)?
        .char_indices()
        .find(|(_, c)| is_sentence_end(*c))
        .map(|(i, _)| start + i)?;
    let lead = text.get(start..end)?.trim_matches(is_space);
    (!lead.is_empty()).then(|| lead.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lead_is_the_first_sentence_after_the_marker() {
        let cases = [
            (
                "一是大力发展人工智能新兴产业。人工智能",
                "一是",
                Some("大力发展人工智能新兴产业"),
            ),
            (
                "四是尊重规律，精准有效施策。应有",
                "四是",
                Some("尊重规律，精准有效施策"),
            ),
            ("二是加快推进传统产业转型", "二是", None),
            ("第一， 要扩大内需；", "第一，", Some("要扩大内需")),
            ("一是。", "一是", None),
        ];
        for (text, marker, lead) in cases {
            assert_eq!(lead_of(text, marker).as_deref(), lead, "{text}");
        }
    }
}
