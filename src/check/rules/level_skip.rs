//! Rule `level-skip`: a marker family nested two or more steps below its
//! parent on the 公文 ladder.
//!
//! The ladder (GB/T 9704-2012 §7.3.3, with the customary fifth level):
//!
//! ```text
//! chinese 一、 > chinese_parenthesized （一） > arabic 1. > arabic_parenthesized （1） > circled ①
//! ```
//!
//! For each heading of a ladder family, and each list of points of a ladder
//! family, the parent is the nearest enclosing section whose heading is
//! numbered on the ladder, or the nearest enclosing point of a ladder list
//! (`（1）` items inside a `（一）` item step one level down from it).
//! Unnumbered, Markdown and law headings in between do not count. When the
//! family stands two or more steps below its parent's, the first such
//! heading or list under that parent is reported — once per parent and
//! family, not once per item:
//!
//! - `1.` directly under `一、` is accepted practice in two-level documents
//!   (the second level may be `（一）` or `1.`): info;
//! - any other skip (`（1）` under `一、`, `（1）` under `（一）`, `①` under
//!   `1.` …): warning.
//!
//! Points of a law article (`（一）` 项, `1.` 目) follow the law hierarchy,
//! not the ladder: nothing under an article section is checked. A family
//! at or above its parent's (climbing back up) is not this rule's concern.
//!
//! ```text
//!   | 一、总体要求
//! > | （1）坚持稳中求进
//!     ^^^ expected `（一）` under `一、`, found `（1）`
//! ```

use crate::check::rules::marker_punctuation::marker_span;
use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::syntax::numeral::chinese_numeral_text;
use std::collections::HashSet;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "level-skip",
    default_severity: Severity::Warning,
    summary: "a marker family nested two or more steps below its parent in the 一、 > （一） > 1. > （1） > ① order, such as （1） directly under 一、; `1.` directly under `一、` is accepted practice, so only info",
    why: "GB/T 9704-2012 §7.3.3 orders the levels 一、（一）1.（1）; skipping levels makes the hierarchy hard to follow.",
    bad: "一、总体要求\n\n（1）坚持稳中求进\n\n　　统筹发展和安全。",
    good: "一、总体要求\n\n（一）坚持稳中求进\n\n　　统筹发展和安全。",
};

/// The place of a scheme on the 公文 ladder, 0 for `一、`.
pub(crate) fn ladder_rank(scheme: &str) -> Option<u32> {
    match scheme {
        "chinese" => Some(0),
        "chinese_parenthesized" => Some(1),
        "arabic" => Some(2),
        "arabic_parenthesized" => Some(3),
        "circled" => Some(4),
        _ => None,
    }
}

/// The canonical marker of a ladder level for a number: `（二）`, `3.`.
fn ladder_marker(rank: u32, number: u32) -> String {
    let chinese = chinese_numeral_text(number).unwrap_or_else(|| number.to_string());
    match rank {
        0 => format!("{chinese}、"),
        1 => format!("（{chinese}）"),
        2 => format!("{number}."),
        3 => format!("（{number}）"),
        _ => number
            .checked_add(0x245F)
            .filter(|_| (1..=20).contains(&number))
            .and_then(char::from_u32)
            .map_or_else(|| format!("（{number}）"), String::from),
    }
}

/// A numbered item on the ladder: its rank, marker and where it starts.
#[derive(Clone, Copy)]
struct Rung<'a> {
    rank: u32,
    number: u32,
    marker: &'a str,
    start: usize,
}

/// The ladder item a node is, when it is a ladder heading or list.
fn rung<'a>(node: Node<'a>) -> Option<Rung<'a>> {
    match node {
        Node::Section(section) => {
            let numbering = section.heading.numbering.as_ref()?;
            Some(Rung {
                rank: ladder_rank(&numbering.scheme)?,
                number: numbering.number,
                marker: &numbering.marker,
                start: section.heading.position.start.offset,
            })
        }
        Node::List(list) => {
            let point = list.children.first()?;
            Some(Rung {
                rank: ladder_rank(&list.scheme)?,
                number: point.number,
                marker: &point.marker,
                start: point.position.start.offset,
            })
        }
        Node::Point(_) | Node::Block(_) => None,
    }
}

/// The nearest ladder parent among the ancestors (outermost first), or
/// `None` when there is none or an article encloses the node.
fn parent<'a>(ancestors: &[Node<'a>]) -> Option<Rung<'a>> {
    let mut found = None;
    let mut point = None;
    for node in ancestors.iter().rev() {
        match *node {
            Node::Section(section) => {
                let numbering = section.heading.numbering.as_ref();
                if numbering.is_some_and(|n| n.scheme == "article") {
                    return None;
                }
                if found.is_none() {
                    found = rung(*node);
                }
            }
            Node::List(list) if found.is_none() => {
                if let (Some(rank), Some(point)) = (ladder_rank(&list.scheme), point) {
                    let point: &crate::tree::Point = point;
                    found = Some(Rung {
                        rank,
                        number: point.number,
                        marker: &point.marker,
                        start: point.position.start.offset,
                    });
                }
            }
            Node::Point(inner) => point = Some(inner),
            Node::List(_) | Node::Block(_) => {}
        }
    }
    found
}

/// Report the first heading or list of each family that skips a level
/// under its parent.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let mut reported: HashSet<(usize, u32)> = HashSet::new();
    walk(input.document, |node, ancestors| {
        let Some(child) = rung(node) else {
            return;
        };
        let Some(parent) = parent(ancestors) else {
            return;
        };
        if child.rank < parent.rank.saturating_add(2)
            || !reported.insert((parent.start, child.rank))
        {
            return;
        }
        let expected = ladder_marker(parent.rank + 1, child.number);
        let accepted = parent.rank == 0 && child.rank == 2;
        let (severity, note) = if accepted {
            (Severity::Info, ": accepted where a document has two levels")
        } else {
            (RULE.default_severity, "")
        };
        let (begin, end) = marker_span(input.text, child.start, child.marker);
        let (parent_begin, parent_end) = marker_span(input.text, parent.start, parent.marker);
        out.push(
            Diagnostic::new(
                &RULE,
                severity,
                format!(
                    "expected `{expected}` under `{}`, found `{}`{note}",
                    parent.marker, child.marker
                ),
                begin,
                end,
            )
            .expected_actual(expected, child.marker)
            .related(
                format!("parent `{}`", parent.marker),
                parent_begin,
                parent_end,
            ),
        );
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spells_each_rung() {
        let cases = [
            (0, 2, "二、"),
            (1, 1, "（一）"),
            (1, 11, "（十一）"),
            (2, 3, "3."),
            (3, 4, "（4）"),
            (4, 2, "②"),
            (4, 21, "（21）"),
        ];
        for (rank, number, marker) in cases {
            assert_eq!(ladder_marker(rank, number), marker, "{rank} {number}");
        }
    }

    /// The rule's findings on a document of a title and these paragraphs,
    /// one blank line apart: (index of the paragraph, severity).
    fn findings(paragraphs: &[&str]) -> Vec<(usize, Severity)> {
        let text = format!("标题\n\n{}\n", paragraphs.join("\n\n"));
        let document = crate::parse(&text);
        crate::check::check(&document, &text, &crate::check::Config::default())
            .into_iter()
            .filter(|d| d.rule == RULE.id)
            .map(|d| ((d.position.start.line - 3) / 2, d.severity))
            .collect()
    }

    /// Paragraphs, and the findings they give.
    type Case<'a> = (&'a [&'a str], &'a [(usize, Severity)]);

    #[test]
    fn reports_skips_once_per_parent_and_family() {
        use Severity::{Info, Warning};
        let cases: &[Case<'_>] = &[
            (
                &[
                    "一、总体",
                    "（1）坚持",
                    "　　坚持。",
                    "（2）统筹",
                    "　　统筹。",
                ],
                &[(1, Warning)],
            ),
            (
                &["一、总体", "1.坚持", "　　坚持。", "2.统筹", "　　统筹。"],
                &[(1, Info)],
            ),
            (
                &[
                    "一、总体",
                    "（一）坚持",
                    "1.统筹",
                    "（1）发展",
                    "①建设",
                    "　　建设。",
                ],
                &[],
            ),
            (
                &["一、总体", "（一）坚持", "（1）发展", "　　发展。"],
                &[(2, Warning)],
            ),
            (
                &["一、总体", "1.坚持", "①发展", "　　发展。"],
                &[(1, Info), (2, Warning)],
            ),
            (
                &[
                    "一、总体",
                    "（1）坚持",
                    "　　坚持。",
                    "二、任务",
                    "（1）统筹",
                    "　　统筹。",
                ],
                &[(1, Warning), (4, Warning)],
            ),
            (&["（1）坚持", "①统筹", "　　统筹。"], &[]),
            (
                &["第一条　有下列情形之一的：", "（一）坚持；", "（二）统筹。"],
                &[],
            ),
        ];
        for (paragraphs, expected) in cases {
            assert_eq!(&findings(paragraphs), expected, "{paragraphs:?}");
        }
    }
}
