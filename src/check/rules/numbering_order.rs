//! Rule `numbering-order`: a numbering sequence that goes backwards, or
//! that starts above 1 where nothing was left out before it.
//!
//! Sequences are those of [`sequences`]: sibling headings of one scheme
//! under one parent, the points of one list, the law articles of the whole
//! document. Schemes numbered by their place (`——`, `首先，…最后，`) and
//! inserted articles (`第三条之一`) are not compared.
//!
//! - Backwards: an item whose number is lower than the previous item's and
//!   that no earlier item of the sequence had (a number seen before is
//!   `numbering-duplicate`'s). Reported at the item, related to the previous
//!   one, expecting the number after the previous.
//! - A late start: the first item of a sequence is above 1 and no `--`
//!   separator lies between the start of its scope and the item. The scope
//!   is the parent that holds the sequence: the section (from its heading)
//!   or the point a heading or list stands in, or the whole document for
//!   top-level headings and for law articles. A separator earlier in the
//!   document, before the parent's heading, does not excuse the start: the
//!   parent is there from its heading on, so nothing of its sequence was
//!   left out. A list that continues the enumeration of a paragraph
//!   before it (`……：一是……；二是……。` then `三是……`) does not start
//!   late. 编, 章 and 节 headings are only checked at the top level:
//!   under a higher heading their numbers may count on from the previous
//!   part (the 1999 合同法 opens 分则 with 第九章), so a later start there
//!   proves nothing.
//!
//! ```text
//!   | 一、总体要求
//! > | 　　三是扩大应用。
//!         ^^^^ expected `一是` first, found `三是`
//!   | 　　一是加快发展。
//!   | 二、主要任务
//!   | （一）加强领导。
//!   | （三）完善制度。
//! > | （二）强化保障。
//!     ^^^^^^ expected `（四）`, found `（二）` after `（三）`
//! ```

use crate::check::rules::marker_punctuation::marker_span;
use crate::check::rules::numbering_duplicate::{is_inserted, marker_with_number};
use crate::check::sequences::{is_numbered_by_place, sequences};
use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::tree::{Block, InlinePoint};
use std::collections::HashSet;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "numbering-order",
    default_severity: Severity::Error,
    summary: "a sequence that goes backwards (三、 after 四、), or starts above 1 (三是 first) with no `--` separator before it",
    why: "Numbers out of order break the reader's sense of structure; a sequence that starts at 三 with nothing left out before it has lost its beginning.",
    bad: "　　二是扩大应用。\n　　一是加快发展。",
    good: "　　一是加快发展。\n　　二是扩大应用。",
};

/// Report backward steps and late starts.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    backwards(input, out);
    late_starts(input, out);
}

/// Items numbered below the item before them.
fn backwards(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    for sequence in sequences(input) {
        if is_numbered_by_place(&sequence.scheme) {
            continue;
        }
        let mut seen = HashSet::new();
        let mut previous: Option<(&str, u32, usize)> = None;
        for item in &sequence.items {
            if is_inserted(&sequence.scheme, &item.marker) {
                continue;
            }
            let new = seen.insert(item.number);
            if let Some((marker, number, start)) = previous {
                if new && item.number < number {
                    let expected = number.checked_add(1).map_or_else(
                        || number.to_string(),
                        |next| marker_with_number(marker, number, next),
                    );
                    let (begin, end) = marker_span(input.text, item.start, &item.marker);
                    let (previous_begin, previous_end) = marker_span(input.text, start, marker);
                    out.push(
                        Diagnostic::new(
                            &RULE,
                            RULE.default_severity,
                            format!(
                                "expected `{expected}`, found `{}` after `{marker}`",
                                item.marker
                            ),
                            begin,
                            end,
                        )
                        .expected_actual(expected, item.marker.clone())
                        .related(
                            format!("previous `{marker}`"),
                            previous_begin,
                            previous_end,
                        ),
                    );
                }
            }
            previous = Some((&item.marker, item.number, item.start));
        }
    }
}

/// Sequences whose first item is above 1 with no separator before it in
/// its scope.
fn late_starts(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let scan = |blocks: &[Block], scope: Option<usize>, out: &mut Vec<Diagnostic>| {
        let mut firsts: Vec<&str> = Vec::new();
        let mut inline: Option<&InlinePoint> = None;
        for block in blocks {
            let (scheme, marker, number, start) = match block {
                Block::Paragraph(paragraph) => {
                    if let Some(last) = paragraph.inline_points.last() {
                        inline = Some(last);
                    }
                    continue;
                }
                Block::Section(section) => {
                    let Some(numbering) = &section.heading.numbering else {
                        continue;
                    };
                    if matches!(numbering.scheme.as_str(), "markdown" | "article")
                        || (is_law(&numbering.scheme) && scope.is_some())
                    {
                        continue;
                    }
                    (
                        numbering.scheme.as_str(),
                        numbering.marker.as_str(),
                        numbering.number,
                        section.heading.position.start.offset,
                    )
                }
                Block::List(list) => {
                    let Some(point) = list.children.first() else {
                        continue;
                    };
                    if inline.is_some_and(|last| continues(last, &point.marker, point.number)) {
                        continue;
                    }
                    (
                        list.scheme.as_str(),
                        point.marker.as_str(),
                        point.number,
                        point.position.start.offset,
                    )
                }
                _ => continue,
            };
            if is_numbered_by_place(scheme) {
                continue;
            }
            // Only the first heading of each scheme opens a sequence; every
            // list is a sequence of its own.
            if matches!(block, Block::Section(_)) {
                if firsts.contains(&scheme) {
                    continue;
                }
                firsts.push(scheme);
            }
            late_start(input, scope.unwrap_or(0), marker, number, start, out);
        }
    };
    scan(&input.document.children, None, out);
    let mut first_article = None;
    walk(input.document, |node, _| match node {
        Node::Section(section) => {
            scan(&section.children, Some(section.position.start.offset), out);
            if let Some(numbering) = &section.heading.numbering {
                if numbering.scheme == "article"
                    && first_article.is_none()
                    && !is_inserted(&numbering.scheme, &numbering.marker)
                {
                    first_article = Some((
                        numbering.marker.as_str(),
                        numbering.number,
                        section.heading.position.start.offset,
                    ));
                }
            }
        }
        Node::Point(point) => scan(&point.children, Some(point.position.start.offset), out),
        Node::List(_) | Node::Block(_) => {}
    });
    if let Some((marker, number, start)) = first_article {
        late_start(input, 0, marker, number, start, out);
    }
}

/// Whether a point continues an enumeration inside a paragraph: `三是`
/// after the inline `一是……；二是……`.
fn continues(last: &InlinePoint, marker: &str, number: u32) -> bool {
    last.number.checked_add(1) == Some(number)
        && marker_with_number(&last.marker, last.number, number) == marker
}

/// Whether a scheme numbers law headings above the article: 编, 章, 节.
fn is_law(scheme: &str) -> bool {
    matches!(scheme, "part" | "chapter" | "section")
}

/// Report a first item above 1 unless a separator lies between `scope` and
/// it.
fn late_start(
    input: &Input<'_>,
    scope: usize,
    marker: &str,
    number: u32,
    start: usize,
    out: &mut Vec<Diagnostic>,
) {
    if number <= 1 || input.separator_between(scope, start) {
        return;
    }
    let expected = marker_with_number(marker, number, 1);
    let (begin, end) = marker_span(input.text, start, marker);
    out.push(
        Diagnostic::new(
            &RULE,
            RULE.default_severity,
            format!("expected `{expected}` first, found `{marker}`"),
            begin,
            end,
        )
        .expected_actual(expected, marker),
    );
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(paragraphs: &[&str]) -> Vec<usize> {
        super::super::findings_by_paragraph(&RULE, paragraphs)
    }

    #[test]
    fn reports_backward_steps_and_late_starts() {
        let cases: &[(&[&str], &[usize])] = &[
            (&["一、总体", "　　三是加快。", "　　四是扩大。"], &[1]),
            (&["一、总体", "　　内容。", "--", "　　三是加快。"], &[]),
            (
                &[
                    "一、总体",
                    "　　内容。",
                    "--",
                    "　　段落。",
                    "二、任务",
                    "　　三是加快。",
                ],
                &[5],
            ),
            (
                &[
                    "（一）加强",
                    "　　内容。",
                    "（三）完善",
                    "　　内容。",
                    "（二）保障",
                    "　　内容。",
                ],
                &[4],
            ),
            (
                &[
                    "（一）加强",
                    "　　内容。",
                    "（二）完善",
                    "　　内容。",
                    "（一）保障",
                    "　　内容。",
                ],
                &[],
            ),
            (
                &["--", "（三）完善", "　　内容。", "（四）保障", "　　内容。"],
                &[],
            ),
            (
                &[
                    "第一章　总则",
                    "第一条　内容。",
                    "第一条之一　内容。",
                    "第二条　内容。",
                ],
                &[],
            ),
            (
                &[
                    "第一编　总则",
                    "第一章　规定",
                    "第一条　内容。",
                    "第二编　分则",
                    "第二章　规定",
                    "第二条　内容。",
                ],
                &[],
            ),
            (&["第三章　附则", "第九条　内容。"], &[0, 1]),
            (
                &["　　首先，加快。", "　　最后，扩大。", "　　其次，完善。"],
                &[],
            ),
            (
                &[
                    "　　主要做好以下工作：一是加快发展；二是扩大应用。",
                    "　　三是完善制度。",
                ],
                &[],
            ),
            (
                &[
                    "　　主要做好以下工作：一是加快发展；二是扩大应用。",
                    "　　四是完善制度。",
                ],
                &[1],
            ),
        ];
        for (paragraphs, expected) in cases {
            assert_eq!(&findings(paragraphs), expected, "{paragraphs:?}");
        }
    }
}
