//! Rule `truncated-paragraph`: a paragraph that starts mid-sentence after
//! a separator, or ends without closing punctuation before a separator or
//! the end of the text.
//!
//! The parser marks these paragraphs (`truncated_start`, `truncated_end`);
//! this rule shows where text was left out. A finding covers the first
//! character of a paragraph cut at its start, the last character of one cut
//! at its end; a paragraph cut at both ends gives two.
//!
//! ```text
//! > | 　　推动制造业、交通运输业、
//!                           ^ paragraph ends without closing punctuation before a separator
//!   | --
//! ```

use crate::check::{walk, Diagnostic, Input, RuleInfo, Severity};
use crate::text::is_space;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "truncated-paragraph",
    default_severity: Severity::Info,
    summary: "a paragraph that starts mid-sentence after a separator, or ends without closing punctuation before one",
    why: "Excerpts cut paragraphs; this marks where text was left out, so that reviewers know the cut is deliberate.",
    bad: "　　推动制造业、交通运输业、\n--",
    good: "　　推动制造业、交通运输业转型。\n--",
};

/// Report every truncated paragraph, at its first or last character.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    walk(input.document, |node, _| {
        let Some(paragraph) = node.paragraph() else {
            return;
        };
        let range = paragraph.position.range();
        let source = input.slice(range.start, range.end);
        if paragraph.truncated_start {
            if let Some(first) = source.chars().next() {
                out.push(Diagnostic::new(
                    &RULE,
                    RULE.default_severity,
                    "paragraph starts mid-sentence after a separator",
                    range.start,
                    range.start + first.len_utf8(),
                ));
            }
        }
        if paragraph.truncated_end {
            if let Some(last) = source.chars().next_back() {
                let at_end = input
                    .slice(range.end, input.text.len())
                    .chars()
                    .all(is_space);
                let message = if at_end {
                    "paragraph ends without closing punctuation at the end of the text"
                } else {
                    "paragraph ends without closing punctuation before a separator"
                };
                out.push(Diagnostic::new(
                    &RULE,
                    RULE.default_severity,
                    message,
                    range.end - last.len_utf8(),
                    range.end,
                ));
            }
        }
    });
}

#[cfg(test)]
mod tests {

    fn findings(text: &str) -> Vec<(String, usize, usize)> {
        super::super::messages_at(&super::RULE, text)
    }

    #[test]
    fn truncated_paragraphs_are_marked() {
        let text = "　　加快发展。\n\n　　推动制造业、交通运输业、\n--\n医疗健康业转型。\n\n　　深化改革开放，推动高质量发展，加快建设现代化产业体系，培育经济增长新动能\n";
        assert_eq!(
            findings(text),
            [
                (
                    "paragraph ends without closing punctuation before a separator".to_owned(),
                    3,
                    14
                ),
                (
                    "paragraph starts mid-sentence after a separator".to_owned(),
                    5,
                    1
                ),
                (
                    "paragraph ends without closing punctuation at the end of the text".to_owned(),
                    7,
                    38
                ),
            ]
        );
    }
}
