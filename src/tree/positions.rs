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

/// Gather the locations of `blocks` and of everything inside them, in
/// text order: a node's start, then what it holds, then its end. Where
/// nodes nest as the contract says (children within their parent, siblings
/// in order), the list comes out sorted, and resolving it needs no sort.
pub(crate) fn collect_blocks<'a>(blocks: &'a mut [Block], locations: &mut Vec<&'a mut Location>) {
    /// What is left to do, last first.
    enum Step<'a> {
        /// Gather a block and what it holds.
        Enter(&'a mut Block),
        /// Gather this location (an end, after what the node holds).
        Location(&'a mut Location),
    }
    // An explicit stack: nesting depth is bounded, but nothing here should
    // depend on that. Made with room for the children and ends it takes
    // on as the blocks are entered (on the benchmark, about twice the
    // blocks at most), so that it seldom grows.
    let mut pending: Vec<Step<'a>> = Vec::with_capacity(2 * blocks.len() + 64);
    pending.extend(blocks.iter_mut().rev().map(Step::Enter));
    while let Some(step) = pending.pop() {
        let block = match step {
            Step::Location(location) => {
                locations.push(location);
                continue;
            }
            Step::Enter(block) => block,
        };
        match block {
            Block::Section(section) => {
                let Section {
                    heading,
                    children,
                    position,
                    ..
                } = &mut **section;
                locations.push(&mut position.start);
                collect(&mut heading.position, locations);
                pending.push(Step::Location(&mut position.end));
                pending.extend(children.iter_mut().rev().map(Step::Enter));
            }
            Block::List(list) => {
                locations.push(&mut list.position.start);
                pending.push(Step::Location(&mut list.position.end));
                for Point {
                    position, children, ..
                } in list.children.iter_mut().rev()
                {
                    pending.push(Step::Location(&mut position.end));
                    pending.extend(children.iter_mut().rev().map(Step::Enter));
                    pending.push(Step::Location(&mut position.start));
                }
            }
            Block::Paragraph(Paragraph {
                position,
                inline_points,
                ..
            }) => {
                locations.push(&mut position.start);
                for point in inline_points.iter_mut() {
                    collect(&mut point.position, locations);
                }
                locations.push(&mut position.end);
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

#[cfg(test)]
mod tests {
    use super::*;

    /// On every fixture, the locations are gathered in order of offset, so
    /// that resolving them needs no sort.
    #[test]
    fn locations_are_gathered_in_text_order() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures");
        let mut files = 0;
        for folder in ["layouts", "markers", "adversarial"] {
            let Ok(entries) = std::fs::read_dir(root.join(folder)) else {
                continue;
            };
            for entry in entries.flatten() {
                let Ok(bytes) = std::fs::read(entry.path()) else {
                    continue;
                };
                let text = String::from_utf8_lossy(&bytes);
                let mut document = crate::parse(&text);
                let mut locations = Vec::new();
                collect_blocks(&mut document.children, &mut locations);
                let offsets: Vec<usize> = locations.iter().map(|l| l.offset).collect();
                assert!(offsets.is_sorted(), "{}", entry.path().display());
                files += 1;
            }
        }
        assert!(files > 20, "{files}");
    }
}
