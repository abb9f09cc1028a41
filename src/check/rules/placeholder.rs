//! Rule `placeholder`: a placeholder such as `[ ]` left in the text.

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::tree::Block;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "placeholder",
    default_severity: Severity::Warning,
    summary: "a placeholder such as `[ ]` left in the text",
    why: "A placeholder stands for content that was never filled in.",
    bad: "[ ]",
    good: "（the missing text）",
};

/// Report every placeholder node.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    walk(input.document, |node, _| {
        if let Node::Block(Block::Placeholder(placeholder)) = node {
            let range = placeholder.position.range();
            out.push(
                Diagnostic::new(
                    &RULE,
                    RULE.default_severity,
                    format!("placeholder `{}` left in the text", placeholder.raw),
                    range.start,
                    range.end,
                )
                .expected_actual("the missing content", placeholder.raw.clone()),
            );
        }
    });
}
