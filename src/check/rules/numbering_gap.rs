//! Rule `numbering-gap`: a numbering sequence skips a number: 一是 → 三是, 一、 → 三、, （一） → （三）; where a `--` separator lies between the two, text was left out, so the finding is only info.

use crate::check::sequences::{is_numbered_by_place, sequences};
use crate::check::{Diagnostic, Input, RuleInfo, Severity};

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "numbering-gap",
    default_severity: Severity::Error,
    summary: "a numbering sequence skips a number: 一是 → 三是, 一、 → 三、, （一） → （三）; where a `--` separator lies between the two, text was left out, so the finding is only info",
    why: "A skipped number usually means a point or heading was deleted or misnumbered; readers and cross-references rely on the sequence.",
    bad: "　　一是加快发展。\n　　三是扩大应用。",
    good: "　　一是加快发展。\n　　二是扩大应用。",
};

/// Report the rule's findings: each item whose number is more than one
/// above the previous item's.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    for sequence in sequences(input) {
        if is_numbered_by_place(&sequence.scheme) {
            continue;
        }
        for pair in sequence.items.windows(2) {
            let [previous, item] = pair else {
                continue;
            };
            let Some(expected) = previous.number.checked_add(1) else {
                continue;
            };
            if item.number <= expected {
                continue;
            }
            let expected_marker = expected_marker(&previous.marker, previous.number, expected);
            let cut = input.separator_between(previous.end, item.start);
            let severity = if cut {
                Severity::Info
            } else {
                RULE.default_severity
            };
            let mut message = format!("expected `{expected_marker}`, found `{}`", item.marker);
            if cut {
                message.push_str(" after a separator: text was left out");
            }
            out.push(
                Diagnostic::new(
                    &RULE,
                    severity,
                    message,
                    item.start,
                    item.start + item.marker.len(),
                )
                .expected_actual(expected_marker, item.marker.clone())
                .related(
                    format!("previous `{}`", previous.marker),
                    previous.start,
                    previous.start + previous.marker.len(),
                ),
            );
        }
    }
}

/// The marker a sequence expected, spelled like the previous one:
/// `一是` → `二是`, `（九）` → `（十）`, `3.` → `4.`.
pub(crate) fn expected_marker(previous: &str, previous_number: u32, expected: u32) -> String {
    let chinese = crate::syntax::numeral::chinese_numeral_text(previous_number);
    let arabic = previous_number.to_string();
    let fullwidth: String = arabic
        .chars()
        .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')))
        .collect();
    let candidates = [
        (
            chinese,
            crate::syntax::numeral::chinese_numeral_text(expected),
        ),
        (Some(arabic), Some(expected.to_string())),
        (
            Some(fullwidth),
            Some(
                expected
                    .to_string()
                    .chars()
                    .filter_map(|c| char::from_u32(u32::from(c) - u32::from('0') + u32::from('０')))
                    .collect(),
            ),
        ),
    ];
    for (written, wanted) in candidates {
        if let (Some(written), Some(wanted)) = (written, wanted) {
            if let Some(index) = previous.find(&written) {
                let (head, tail) = previous.split_at(index);
                let tail = tail.get(written.len()..).unwrap_or_default();
                return format!("{head}{wanted}{tail}");
            }
        }
    }
    expected.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expected_markers_keep_the_previous_style() {
        let cases = [
            ("一是", 1, 2, "二是"),
            ("（九）", 9, 10, "（十）"),
            ("3.", 3, 4, "4."),
            ("１．", 1, 2, "２．"),
            ("第十九条", 19, 20, "第二十条"),
            ("①", 1, 2, "2"),
        ];
        for (previous, number, expected, marker) in cases {
            assert_eq!(
                expected_marker(previous, number, expected),
                marker,
                "{previous}"
            );
        }
    }
}
