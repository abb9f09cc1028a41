//! One file per rule. Each declares its [`RuleInfo`](crate::check::RuleInfo)
//! as `RULE` and reports its findings from `check`.

pub(crate) mod empty_section;
pub(crate) mod half_width_punctuation;
pub(crate) mod heading_punctuation;
pub(crate) mod heading_too_long;
pub(crate) mod inconsistent_indent;
pub(crate) mod level_skip;
pub(crate) mod marker_punctuation;
pub(crate) mod mixed_marker_style;
pub(crate) mod no_title;
pub(crate) mod numbering_duplicate;
pub(crate) mod numbering_gap;
pub(crate) mod numbering_order;
pub(crate) mod placeholder;
pub(crate) mod repeated_title;
pub(crate) mod single_point_list;
pub(crate) mod truncated_paragraph;
pub(crate) mod unbalanced_brackets;

use super::{Diagnostic, Input, RuleInfo};

/// A rule: what it is, and the function that reports its findings.
pub(crate) type Rule = (RuleInfo, fn(&Input<'_>, &mut Vec<Diagnostic>));

/// Every rule, in the order `--explain` lists them.
pub(crate) const ALL: &[Rule] = &[
    (numbering_gap::RULE, numbering_gap::check),
    (numbering_duplicate::RULE, numbering_duplicate::check),
    (numbering_order::RULE, numbering_order::check),
    (level_skip::RULE, level_skip::check),
    (mixed_marker_style::RULE, mixed_marker_style::check),
    (marker_punctuation::RULE, marker_punctuation::check),
    (heading_punctuation::RULE, heading_punctuation::check),
    (heading_too_long::RULE, heading_too_long::check),
    (empty_section::RULE, empty_section::check),
    (single_point_list::RULE, single_point_list::check),
    (inconsistent_indent::RULE, inconsistent_indent::check),
    (unbalanced_brackets::RULE, unbalanced_brackets::check),
    (half_width_punctuation::RULE, half_width_punctuation::check),
    (placeholder::RULE, placeholder::check),
    (truncated_paragraph::RULE, truncated_paragraph::check),
    (repeated_title::RULE, repeated_title::check),
    (no_title::RULE, no_title::check),
];

/// The findings of one rule on a document of a title and these paragraphs,
/// one blank line apart, as indexes of the paragraphs (for the rules' unit
/// tests).
#[cfg(test)]
pub(crate) fn findings_by_paragraph(rule: &RuleInfo, paragraphs: &[&str]) -> Vec<usize> {
    let text = format!("标题\n\n{}\n", paragraphs.join("\n\n"));
    let document = crate::parse(&text);
    crate::check::check(&document, &text, &crate::check::Config::default())
        .into_iter()
        .filter(|d| d.rule == rule.id)
        .map(|d| (d.position.start.line - 3) / 2)
        .collect()
}

/// (message, line, column) of one rule's findings on a text (for the rules'
/// unit tests).
#[cfg(test)]
pub(crate) fn messages_at(rule: &RuleInfo, text: &str) -> Vec<(String, usize, usize)> {
    let document = crate::parse(text);
    crate::check::check(&document, text, &crate::check::Config::default())
        .into_iter()
        .filter(|d| d.rule == rule.id)
        .map(|d| (d.message, d.position.start.line, d.position.start.column))
        .collect()
}
