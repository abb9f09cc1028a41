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
/// text order ([`visit_blocks`]). Where nodes nest as the contract says
/// (children within their parent, siblings in order), the list comes out
/// sorted, and resolving it needs no sort.
pub(crate) fn collect_blocks<'a>(blocks: &'a mut [Block], locations: &mut Vec<&'a mut Location>) {
    visit_blocks(blocks, locations);
}

/// What is done with each location of a tree ([`visit_blocks`]).
pub(crate) trait VisitLocation<'a> {
    fn visit(&mut self, location: &'a mut Location);
}

/// Gathers the locations.
impl<'a> VisitLocation<'a> for Vec<&'a mut Location> {
    #[inline(always)]
    fn visit(&mut self, location: &'a mut Location) {
        self.push(location);
    }
}

/// Resolves the locations as they are reached, while they come in order
/// of offset (see [`resolve_blocks`]).
struct ResolveInOrder<'i, 't> {
    index: &'i mut LineIndex<'t>,
    /// Whether every location so far came at or after the one before
    /// (and the first at or after where the index was).
    in_order: bool,
}

impl VisitLocation<'_> for ResolveInOrder<'_, '_> {
    #[inline(always)]
    fn visit(&mut self, location: &mut Location) {
        if self.in_order {
            self.in_order = self.index.resolve_forward(location);
        }
    }
}

/// Fill in line and column of every location of `blocks`, resolving each
/// as it is reached ([`LineIndex::resolve_forward`]) instead of gathering
/// them into a list first: where nodes nest as the contract says, they
/// are reached in order of offset. Should one come before the place the
/// index is at (before the one reached last, in a tree that breaks the
/// contract; or the first, before where the index stopped for earlier
/// blocks), the index goes back to where it was and the locations are
/// gathered, sorted and resolved
/// ([`LineIndex::resolve`]): a place resolves to the same line and column
/// whichever way it is reached. Within a batch the time is linear either
/// way; a batch whose first location lies behind where the index stopped
/// makes [`LineIndex::resolve`] sweep again from the top of the text, as
/// it did before blocks were resolved as reached. A tree the parser
/// builds never does that: its batches come in order of offset.
pub(crate) fn resolve_blocks(blocks: &mut [Block], index: &mut LineIndex<'_>) {
    let before = index.clone();
    let mut resolve = ResolveInOrder {
        index,
        in_order: true,
    };
    visit_blocks(blocks, &mut resolve);
    if !resolve.in_order {
        *index = before;
        let mut locations = Vec::new();
        collect_blocks(blocks, &mut locations);
        index.resolve(&mut locations);
    }
}

/// Hand `visit` the locations of `blocks` and of everything inside them,
/// in text order: a node's start, then what it holds, then its end.
pub(crate) fn visit_blocks<'a>(blocks: &'a mut [Block], visit: &mut impl VisitLocation<'a>) {
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
                visit.visit(location);
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
                visit.visit(&mut position.start);
                visit_position(&mut heading.position, visit);
                pending.push(Step::Location(&mut position.end));
                pending.extend(children.iter_mut().rev().map(Step::Enter));
            }
            Block::List(list) => {
                visit.visit(&mut list.position.start);
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
                visit.visit(&mut position.start);
                for point in inline_points.iter_mut() {
                    visit_position(&mut point.position, visit);
                }
                visit.visit(&mut position.end);
            }
            Block::Separator(b) => visit_position(&mut b.position, visit),
            Block::Placeholder(b) => visit_position(&mut b.position, visit),
            Block::RepeatedTitle(b) => visit_position(&mut b.position, visit),
            Block::TableOfContents(b) => visit_position(&mut b.position, visit),
            Block::Subtitle(b)
            | Block::Addressee(b)
            | Block::Byline(b)
            | Block::PageNumber(b)
            | Block::Attachment(b)
            | Block::Signature(b)
            | Block::Date(b) => visit_position(&mut b.position, visit),
        }
    }
}

pub(crate) fn collect<'a>(position: &'a mut Position, locations: &mut Vec<&'a mut Location>) {
    locations.push(&mut position.start);
    locations.push(&mut position.end);
}

/// Hand `visit` the start and the end of `position`.
#[inline(always)]
fn visit_position<'a>(position: &'a mut Position, visit: &mut impl VisitLocation<'a>) {
    visit.visit(&mut position.start);
    visit.visit(&mut position.end);
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Resolving the locations of blocks as they are reached
    /// ([`resolve_blocks`]) gives what gathering, sorting and resolving
    /// them gives (the way it falls back to, kept as the oracle): on every
    /// fixture and on Chinese texts with every kind of line break, blank
    /// lines and no break at the end, with the offsets the parser gave (in
    /// order) and with them scrambled (out of order, inside characters,
    /// at line ends, past the end); from a fresh index and from one that
    /// has swept to the end already (the first location is behind it).
    ///
    /// Both ways go through the same [`LineIndex`] look-up, so this test
    /// checks the order of resolving and the fall-back (that the index goes
    /// back to where it was); that a place gets the right line and column
    /// is the test of `source` that compares the look-up with a plain sweep
    /// (`places_looked_up_in_the_lines_are_the_places_swept_to`).
    #[test]
    fn resolving_as_reached_agrees_with_gathering_first() {
        let mut texts: Vec<String> = [
            "标题\r\n\r\n　　一是加快发展。\r\n　　二是\r三是 end",
            "标题\n\n一、总体要求\n\n　　（一）加快发展，主要做好以下工作：一是规划；二是建设。\n\n二、保障\n正文\n",
            "甲\r\r\n\n乙 ",
        ]
        .map(str::to_owned)
        .into();
        texts.extend(crate::source::fixture_texts());
        let (mut in_order, mut out_of_order) = (0, 0);
        for text in &texts {
            let infos = crate::recognize(text).infos;
            let parsed = crate::parse(text).children;
            let mut scrambled = parsed.clone();
            let mut locations = Vec::new();
            collect_blocks(&mut scrambled, &mut locations);
            let mut seed = 0x9E37_79B9_7F4A_7C15u64;
            for location in locations {
                seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                location.offset = (seed >> 33) as usize % (text.len() + 3);
                (location.line, location.column) = (0, 0);
            }
            for blocks in [parsed, scrambled] {
                let mut copy = blocks.clone();
                let mut offsets = Vec::new();
                collect_blocks(&mut copy, &mut offsets);
                if offsets.is_sorted_by_key(|l| l.offset) {
                    in_order += 1;
                } else {
                    out_of_order += 1;
                }
                for swept_already in [false, true] {
                    let index = || {
                        let mut index = LineIndex::with_lines(text, &infos);
                        if swept_already {
                            index.resolve(&mut [&mut Location {
                                offset: text.len(),
                                ..Location::default()
                            }]);
                        }
                        index
                    };
                    let mut ours = blocks.clone();
                    resolve_blocks(&mut ours, &mut index());
                    let mut theirs = blocks.clone();
                    let mut locations = Vec::new();
                    collect_blocks(&mut theirs, &mut locations);
                    index().resolve(&mut locations);
                    assert_eq!(ours, theirs, "{text:?}");
                }
            }
        }
        assert!(
            in_order > 50 && out_of_order > 50,
            "{in_order} {out_of_order}"
        );
    }

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
