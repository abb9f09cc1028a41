//! Rule `numbering-duplicate`: the same number twice in one numbering
//! sequence.
//!
//! A sequence is what [`sequences`] makes: the sibling headings of one
//! scheme under one parent, the points of one list, or the law articles of
//! the whole document. An item whose number an earlier item of its sequence
//! already had is reported once, at its marker, with the first item as the
//! related place. Not compared: schemes numbered by their place (`——`,
//! `首先，…最后，`) and inserted articles (`第三条之一` shares 3 with
//! `第三条` on purpose).
//!
//! The outline starts a new list wherever a point numbered 1 comes, so a
//! slip like `一是 … 一是` gives two lists. Where a list of a single point
//! is followed, among the same blocks, by the next list of its scheme and
//! that list opens with the same number, the opening point is reported as a
//! duplicate of the single point (and `single-point-list` stays quiet about
//! both): an enumeration that really starts over has more than one point
//! before it does.
//!
//! ```text
//!   | 　　一是加快发展。
//!   | 　　二是扩大应用。
//! > | 　　二是完善制度。
//!         ^^^^ expected `三是`, found `二是` again (related: first `二是`)
//! ```

use crate::check::rules::marker_punctuation::marker_span;
use crate::check::rules::numbering_gap::expected_marker;
use crate::check::sequences::{is_numbered_by_place, sequences, Item};
use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::syntax::numeral::enclosed_number;
use crate::tree::{Block, Document, List};
use std::collections::HashMap;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "numbering-duplicate",
    default_severity: Severity::Error,
    summary: "the same number twice in one sequence: 二是 … 二是, 二、 … 二、",
    why: "Two items with one number make references ambiguous and usually mean a copy-paste slip or a forgotten renumbering.",
    bad: "　　一是加快发展。\n　　二是扩大应用。\n　　二是完善制度。",
    good: "　　一是加快发展。\n　　二是扩大应用。\n　　三是完善制度。",
};

/// Report every item whose number came earlier in its sequence, and the
/// point that restarts a single-point list.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    for sequence in sequences(input) {
        if is_numbered_by_place(&sequence.scheme) {
            continue;
        }
        let mut first_of: HashMap<u32, &Item> = HashMap::new();
        let mut previous: Option<&Item> = None;
        for item in &sequence.items {
            if is_inserted(&sequence.scheme, &item.marker) {
                continue;
            }
            match first_of.get(&item.number) {
                Some(first) => out.push(duplicate(
                    input,
                    (&item.marker, item.number, item.start),
                    previous.map(|p| (p.marker.as_str(), p.number)),
                    (&first.marker, first.start),
                )),
                None => {
                    first_of.insert(item.number, item);
                }
            }
            previous = Some(item);
        }
    }
    for (first, second) in restarted_lists(input.document) {
        let (Some(point), Some(again)) = (first.children.first(), second.children.first()) else {
            continue;
        };
        out.push(duplicate(
            input,
            (&again.marker, again.number, again.position.start.offset),
            Some((&point.marker, point.number)),
            (&point.marker, point.position.start.offset),
        ));
    }
}

/// The finding for `item` (marker, number, start), which repeats `first`
/// (marker, start) and follows `previous` (marker, number).
fn duplicate(
    input: &Input<'_>,
    item: (&str, u32, usize),
    previous: Option<(&str, u32)>,
    first: (&str, usize),
) -> Diagnostic {
    let (marker, _, start) = item;
    let (begin, end) = marker_span(input.text, start, marker);
    let (first_marker, first_start) = first;
    let (first_begin, first_end) = marker_span(input.text, first_start, first_marker);
    let expected = previous.and_then(|(previous, number)| {
        number
            .checked_add(1)
            .map(|next| marker_with_number(previous, number, next))
    });
    let message = match &expected {
        Some(expected) => format!("expected `{expected}`, found `{marker}` again"),
        None => format!("found `{marker}` again"),
    };
    let mut diagnostic = Diagnostic::new(&RULE, RULE.default_severity, message, begin, end)
        .related(format!("first `{first_marker}`"), first_begin, first_end);
    if let Some(expected) = expected {
        diagnostic = diagnostic.expected_actual(expected, marker);
    }
    diagnostic
}

/// Whether an item is an inserted law article (`第三条之一`), which shares
/// its number with the article before it.
pub(crate) fn is_inserted(scheme: &str, marker: &str) -> bool {
    scheme == "article" && marker.contains('之')
}

/// `marker`, which stands for `number`, respelled for `wanted` in the same
/// style: `二是` → `三是`, `（九）` → `（十）`, `②` → `③`, `⑵` → `⑶`.
pub(crate) fn marker_with_number(marker: &str, number: u32, wanted: u32) -> String {
    let mut chars = marker.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        if let Some((kind, value)) = enclosed_number(c) {
            let respelled = u32::from(c)
                .checked_add(wanted)
                .and_then(|code| code.checked_sub(value))
                .and_then(char::from_u32)
                .filter(|new| enclosed_number(*new) == Some((kind, wanted)));
            if let Some(new) = respelled {
                return new.to_string();
            }
        }
    }
    expected_marker(marker, number, wanted)
}

/// Pairs of sibling lists of one scheme where the first has a single point
/// and the second, the next list of that scheme among the same blocks,
/// opens with the same number: `一是 … 一是 …`.
pub(crate) fn restarted_lists(document: &Document) -> Vec<(&List, &List)> {
    let mut pairs = Vec::new();
    scan_lists(&document.children, &mut pairs);
    walk(document, |node, _| match node {
        Node::Section(section) => scan_lists(&section.children, &mut pairs),
        Node::Point(point) => scan_lists(&point.children, &mut pairs),
        Node::List(_) | Node::Block(_) => {}
    });
    pairs
}

/// The restarted pairs among one run of sibling blocks.
fn scan_lists<'a>(blocks: &'a [Block], pairs: &mut Vec<(&'a List, &'a List)>) {
    let mut last: Vec<&List> = Vec::new();
    for block in blocks {
        let Block::List(list) = block else {
            continue;
        };
        if is_numbered_by_place(&list.scheme) {
            continue;
        }
        match last.iter_mut().find(|l| l.scheme == list.scheme) {
            Some(previous) => {
                if let ([single], Some(opening)) =
                    (previous.children.as_slice(), list.children.first())
                {
                    if single.number == opening.number {
                        pairs.push((*previous, list));
                    }
                }
                *previous = list;
            }
            None => last.push(list),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn respells_markers_in_their_style() {
        let cases = [
            ("二是", 2, 3, "三是"),
            ("（九）", 9, 10, "（十）"),
            ("②", 2, 3, "③"),
            ("⑵", 2, 3, "⑶"),
            ("⒉", 2, 3, "⒊"),
            ("㈡", 2, 3, "㈢"),
            ("❷", 2, 3, "❸"),
            ("⑳", 20, 21, "21"),
            ("１．", 1, 2, "２．"),
        ];
        for (marker, number, wanted, expected) in cases {
            assert_eq!(
                marker_with_number(marker, number, wanted),
                expected,
                "{marker}"
            );
        }
    }

    #[test]
    fn inserted_articles_are_only_articles_with_zhi() {
        assert!(is_inserted("article", "第三条之一"));
        assert!(!is_inserted("article", "第三条"));
        assert!(!is_inserted("chinese", "一、"));
    }

    fn findings(paragraphs: &[&str]) -> Vec<usize> {
        super::super::findings_by_paragraph(&RULE, paragraphs)
    }

    #[test]
    fn reports_numbers_seen_before_in_the_sequence() {
        let cases: &[(&[&str], &[usize])] = &[
            (
                &["　　一是加快。", "　　二是扩大。", "　　二是完善。"],
                &[2],
            ),
            (
                &[
                    "　　一是加快。",
                    "　　二是扩大。",
                    "　　三是完善。",
                    "　　二是健全。",
                ],
                &[3],
            ),
            (
                &["　　一是加快。", "　　一是扩大。", "　　二是完善。"],
                &[1],
            ),
            (
                &[
                    "　　一是加快。",
                    "　　二是扩大。",
                    "　　一是完善。",
                    "　　二是健全。",
                ],
                &[],
            ),
            (&["　　——加快。", "　　——扩大。"], &[]),
            (
                &["第一章　总则", "第三条　内容。", "第三条之一　内容。"],
                &[],
            ),
            (
                &["第一条　内容。", "第二条　内容。", "第二条　内容。"],
                &[2],
            ),
            (
                &["一、总体", "①加快", "　　内容。", "①扩大", "　　内容。"],
                &[3],
            ),
        ];
        for (paragraphs, expected) in cases {
            assert_eq!(&findings(paragraphs), expected, "{paragraphs:?}");
        }
    }
}
