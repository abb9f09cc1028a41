//! Numbering sequences: the runs of numbered items the numbering rules
//! compare.
//!
//! A sequence is either the sibling sections under one parent whose
//! headings share a numbering scheme (`一、`, `二、` …), or the points of one
//! list (`一是`, `二是` …). Law articles are one sequence across the whole
//! document, since 第一条 … 第九十八条 count on through chapters.

use super::{walk, Input, Node};
use crate::tree::Block;

/// One numbered item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Item {
    /// Its value.
    pub number: u32,
    /// Its marker, normalized.
    pub marker: String,
    /// Where the marker's line starts and the heading or paragraph ends.
    pub start: usize,
    pub end: usize,
}

/// A run of numbered items of one scheme.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Sequence {
    /// The scheme's name.
    pub scheme: String,
    /// The items, in document order.
    pub items: Vec<Item>,
}

/// Every numbering sequence of the document.
pub(crate) fn sequences(input: &Input<'_>) -> Vec<Sequence> {
    let mut out: Vec<Sequence> = Vec::new();
    let mut articles = Sequence {
        scheme: "article".to_owned(),
        items: Vec::new(),
    };
    let mut add_siblings = |blocks: &[Block], out: &mut Vec<Sequence>| {
        let mut current: Vec<Sequence> = Vec::new();
        for block in blocks {
            let Block::Section(section) = block else {
                continue;
            };
            let Some(numbering) = &section.heading.numbering else {
                continue;
            };
            if numbering.scheme == "markdown" {
                continue;
            }
            let item = Item {
                number: numbering.number,
                marker: numbering.marker.clone(),
                start: section.heading.position.start.offset,
                end: section.heading.position.end.offset,
            };
            if numbering.scheme == "article" {
                // 第三条之一 is inserted after 第三条 without renumbering.
                if !numbering.marker.contains('之') {
                    articles.items.push(item);
                }
                continue;
            }
            match current.iter_mut().find(|s| s.scheme == numbering.scheme) {
                Some(sequence) => sequence.items.push(item),
                None => current.push(Sequence {
                    scheme: numbering.scheme.clone(),
                    items: vec![item],
                }),
            }
        }
        out.extend(current);
    };
    add_siblings(&input.document.children, &mut out);
    walk(input.document, |node, _| match node {
        Node::Section(section) => add_siblings(&section.children, &mut out),
        Node::Point(point) => add_siblings(&point.children, &mut out),
        Node::List(list) => out.push(Sequence {
            scheme: list.scheme.clone(),
            items: list
                .children
                .iter()
                .map(|point| Item {
                    number: point.number,
                    marker: point.marker.clone(),
                    start: point.position.start.offset,
                    end: point
                        .children
                        .first()
                        .map_or(point.position.end.offset, |p| p.position().end.offset),
                })
                .collect(),
        }),
        Node::Block(_) => {}
    });
    if !articles.items.is_empty() {
        out.push(articles);
    }
    out
}

/// Whether a scheme numbers its items by their place rather than by a
/// written number (`——` items, and `最后，`), so its numbers prove nothing.
pub(crate) fn is_numbered_by_place(scheme: &str) -> bool {
    matches!(scheme, "em_dash" | "discourse")
}
