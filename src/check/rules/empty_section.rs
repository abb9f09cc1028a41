//! Rule `empty-section`: a heading with nothing under it.
//!
//! A section is empty when none of its children is content. Content is a
//! paragraph, a list, a subsection, a placeholder (reported by its own
//! rule), a table of contents, or a `--` separator — a separator means the
//! text under the heading was left out of the excerpt, not that it is
//! missing. Page numbers and repeated titles (extraction artifacts) and
//! the closing furniture (signature, date, attachment line, byline …) are
//! not content: `三、其他` followed only by the signature and the date is
//! empty.
//!
//! Such a section is followed by a heading of the same or a higher level,
//! or by the end of the document; both are reported (a heading left at the
//! end has lost its text just as much). The finding spans the empty
//! section's heading, and relates the heading that follows, if any.
//!
//! ```text
//! > | 一、总体要求
//!     ^^^^^^^^^^^^ expected content under `一、总体要求`, found the heading `二、主要任务`
//!   | 二、主要任务
//!   | 　　加快发展。
//! ```

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::tree::{Block, Section};

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "empty-section",
    default_severity: Severity::Warning,
    summary: "a heading followed directly by a heading of the same or a higher level, or by the end of the text: the section has no content",
    why: "An empty section usually means text was lost or a heading was left behind after editing.",
    bad: "一、总体要求\n\n二、主要任务\n\n　　加快发展。",
    good: "一、总体要求\n\n　　坚持稳中求进。\n\n二、主要任务\n\n　　加快发展。",
};

/// The longest heading text quoted in a message, in characters.
const QUOTED_CHARS_MAX: usize = 24;

/// Report every section without content.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let mut pending: Option<&Section> = None;
    walk(input.document, |node, _| {
        let Node::Section(section) = node else {
            return;
        };
        if let Some(empty) = pending.take() {
            let range = section.heading.position.range();
            out.push(
                finding(
                    empty,
                    &format!("the heading `{}`", quoted(&section.heading.text)),
                )
                .related(
                    format!("next heading `{}`", quoted(&section.heading.text)),
                    range.start,
                    range.end,
                ),
            );
        }
        if !section.children.iter().any(is_content) {
            pending = Some(section);
        }
    });
    if let Some(empty) = pending {
        out.push(finding(empty, "the end of the text"));
    }
}

fn finding(section: &Section, found: &str) -> Diagnostic {
    let range = section.heading.position.range();
    Diagnostic::new(
        &RULE,
        RULE.default_severity,
        format!(
            "expected content under `{}`, found {found}",
            quoted(&section.heading.text)
        ),
        range.start,
        range.end,
    )
}

/// Whether a block gives a section content.
fn is_content(block: &Block) -> bool {
    match block {
        Block::Section(_)
        | Block::List(_)
        | Block::Paragraph(_)
        | Block::Separator(_)
        | Block::Placeholder(_)
        | Block::TableOfContents(_) => true,
        Block::RepeatedTitle(_)
        | Block::PageNumber(_)
        | Block::Subtitle(_)
        | Block::Addressee(_)
        | Block::Byline(_)
        | Block::Attachment(_)
        | Block::Signature(_)
        | Block::Date(_) => false,
    }
}

/// A heading text, shortened for a message.
fn quoted(text: &str) -> String {
    match text.char_indices().nth(QUOTED_CHARS_MAX) {
        Some((index, _)) => format!("{}…", text.get(..index).unwrap_or(text)),
        None => text.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn findings(paragraphs: &[&str]) -> Vec<usize> {
        super::super::findings_by_paragraph(&RULE, paragraphs)
    }

    #[test]
    fn reports_sections_without_content() {
        let cases: &[(&[&str], &[usize])] = &[
            (&["一、总体", "二、任务", "　　加快。"], &[0]),
            (&["一、总体", "（一）坚持", "二、任务", "　　加快。"], &[1]),
            (&["一、总体", "　　坚持。", "二、任务"], &[2]),
            (&["一、总体", "--", "二、任务", "　　加快。"], &[]),
            (&["一、总体", "[ ]", "二、任务", "　　加快。"], &[]),
            (
                &[
                    "一、总体",
                    "　　一是坚持。",
                    "　　二是统筹。",
                    "二、任务",
                    "　　加快。",
                ],
                &[],
            ),
        ];
        for (paragraphs, expected) in cases {
            assert_eq!(&findings(paragraphs), expected, "{paragraphs:?}");
        }
    }

    #[test]
    fn quotes_long_headings_shortened() {
        assert_eq!(quoted("总体要求"), "总体要求");
        let long = "一".repeat(30);
        assert_eq!(quoted(&long), format!("{}…", "一".repeat(24)));
    }
}
