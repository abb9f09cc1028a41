//! Rule `single-point-list`: a list of one point: `一是` with no `二是`.
//!
//! Every list of the outline with exactly one point is reported at that
//! point's marker, except:
//!
//! - `——` lists (a single dash item is an ordinary rhetorical device);
//! - a lone `最后，` (it reads as "finally", closing the text, not as the
//!   start of an enumeration);
//! - a list that `numbering-duplicate` reports as restarted (`一是 … 一是`:
//!   the two single-point lists are one enumeration with a duplicate).
//!
//! ```text
//! > | 　　一是加快发展。
//!         ^^^^ expected `二是` after `一是`, found no further point
//!   | 　　同时要扩大应用。
//! ```

use crate::check::rules::marker_punctuation::marker_span;
use crate::check::rules::numbering_duplicate::{marker_with_number, restarted_lists};
use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use std::collections::HashSet;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "single-point-list",
    default_severity: Severity::Info,
    summary: "a list with one point: 一是 with no 二是",
    why: "Enumerating a single item with 一是 promises more that never comes.",
    bad: "　　一是加快发展。\n　　同时要扩大应用。",
    good: "　　加快发展，同时扩大应用。",
};

/// Report every list of a single point.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let restarted: HashSet<usize> = restarted_lists(input.document)
        .into_iter()
        .flat_map(|(first, second)| [first.position.start.offset, second.position.start.offset])
        .collect();
    walk(input.document, |node, _| {
        let Node::List(list) = node else {
            return;
        };
        let [point] = list.children.as_slice() else {
            return;
        };
        if list.scheme == "em_dash"
            || (list.scheme == "discourse" && point.marker.starts_with("最后"))
            || restarted.contains(&list.position.start.offset)
        {
            return;
        }
        let (begin, end) = marker_span(input.text, point.position.start.offset, &point.marker);
        let mut message = format!("list of one point: `{}`", point.marker);
        if list.scheme != "discourse" {
            if let Some(next) = point.number.checked_add(1) {
                let expected = marker_with_number(&point.marker, point.number, next);
                message = format!(
                    "expected `{expected}` after `{}`, found no further point",
                    point.marker
                );
            }
        }
        out.push(Diagnostic::new(
            &RULE,
            RULE.default_severity,
            message,
            begin,
            end,
        ));
    });
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(paragraphs: &[&str]) -> Vec<usize> {
        super::super::findings_by_paragraph(&RULE, paragraphs)
    }

    #[test]
    fn reports_lists_of_one_point() {
        let cases: &[(&[&str], &[usize])] = &[
            (&["　　一是加快。", "　　同时扩大。"], &[0]),
            (&["　　一是加快。", "　　二是扩大。"], &[]),
            (&["　　第一，加快。", "　　同时扩大。"], &[0]),
            (&["　　首先，加快。", "　　同时扩大。"], &[0]),
            (&["　　——加快。", "　　同时扩大。"], &[]),
            (&["　　最后，加快。"], &[]),
            (&["　　一是加快。", "　　一是扩大。"], &[]),
        ];
        for (paragraphs, expected) in cases {
            assert_eq!(&findings(paragraphs), expected, "{paragraphs:?}");
        }
    }
}
