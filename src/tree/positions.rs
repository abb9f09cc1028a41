//! Filling in line and column of every position once the tree is built.
//!
//! The tree is built with byte offsets only; this pass gathers every
//! location of the tree and resolves them all in one sorted sweep
//! ([`LineIndex::resolve`]), which keeps the cost linear in the text however
//! many nodes share a long line.

use super::{Block, Document, Paragraph, Point, Section};
use crate::source::{LineIndex, Location, Position};

/// Fill in line and column of every position in the document.
pub(crate) fn resolve_positions(document: &mut Document, index: &mut LineIndex<'_>) {
    let mut locations: Vec<&mut Location> = Vec::new();
    collect(&mut document.position, &mut locations);
    if let Some(title) = &mut document.title {
        collect(&mut title.position, &mut locations);
    }
    collect_blocks(&mut document.children, &mut locations);
    index.resolve(&mut locations);
}

/// Gather the locations of `blocks` and of everything inside them.
pub(crate) fn collect_blocks<'a>(blocks: &'a mut [Block], locations: &mut Vec<&'a mut Location>) {
    // Walk the blocks with an explicit stack: nesting depth is bounded, but
    // nothing here should depend on that.
    let mut pending: Vec<&mut Block> = blocks.iter_mut().collect();
    while let Some(block) = pending.pop() {
        match block {
            Block::Section(section) => {
                let Section {
                    heading,
                    children,
                    position,
                    ..
                } = &mut **section;
                collect(position, locations);
                collect(&mut heading.position, locations);
                pending.extend(children.iter_mut());
            }
            Block::List(list) => {
                collect(&mut list.position, locations);
                for Point {
                    position, children, ..
                } in list.children.iter_mut()
                {
                    collect(position, locations);
                    pending.extend(children.iter_mut());
                }
            }
            Block::Paragraph(Paragraph {
                position,
                inline_points,
                ..
            }) => {
                collect(position, locations);
                for point in inline_points.iter_mut() {
                    collect(&mut point.position, locations);
                }
            }
            Block::Separator(b) => collect(&mut b.position, locations),
            Block::Placeholder(b) => collect(&mut b.position, locations),
            Block::RepeatedTitle(b) => collect(&mut b.position, locations),
            Block::TableOfContents(b) => collect(&mut b.position, locations),
            Block::Subtitle(b)
            | Block::Addressee(b)
            | Block::Byline(b)
            | Block::PageNumber(b)
            | Block::Attachment(b)
            | Block::Signature(b)
            | Block::Date(b) => collect(&mut b.position, locations),
        }
    }
}

pub(crate) fn collect<'a>(position: &'a mut Position, locations: &mut Vec<&'a mut Location>) {
    locations.push(&mut position.start);
    locations.push(&mut position.end);
}
