//! Rule `repeated-title`: a later line that repeats the title, such as a
//! running header or footer left by a conversion.
//!
//! ```text
//!   | 人工智能产业发展
//!   | 　　加快发展。
//! > | 人工智能产业发展
//!     ^^^^^^^^ line repeats the title
//! ```

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::tree::Block;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "repeated-title",
    default_severity: Severity::Info,
    summary: "a later line that repeats the title (a running header or footer)",
    why: "Repeated titles are page furniture left by a conversion; they are not part of the text.",
    bad: "人工智能产业发展\n\n　　加快发展。\n\n人工智能产业发展",
    good: "人工智能产业发展\n\n　　加快发展。",
};

/// Report every repeated title, with the title as related place.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    walk(input.document, |node, _| {
        let Node::Block(Block::RepeatedTitle(repeated)) = node else {
            return;
        };
        let range = repeated.position.range();
        let mut diagnostic = Diagnostic::new(
            &RULE,
            RULE.default_severity,
            "line repeats the title (a running header or footer)",
            range.start,
            range.end,
        );
        if let Some(title) = &input.document.title {
            let title_range = title.position.range();
            diagnostic = diagnostic.related(
                format!("title `{}`", title.text),
                title_range.start,
                title_range.end,
            );
        }
        out.push(diagnostic);
    });
}

#[cfg(test)]
mod tests {
    use crate::check::{check, Config};

    #[test]
    fn repeated_titles_point_back_to_the_title() {
        let text = "人工智能产业发展\n\n　　加快发展。\n\n人工智能产业发展\n";
        let found: Vec<_> = check(&crate::parse(text), text, &Config::default())
            .into_iter()
            .filter(|d| d.rule == super::RULE.id)
            .map(|d| {
                let related: Vec<_> = d
                    .related
                    .iter()
                    .map(|r| (r.message.clone(), r.position.start.line))
                    .collect();
                (d.position.start.line, d.position.start.column, related)
            })
            .collect();
        assert_eq!(
            found,
            [(5, 1, vec![("title `人工智能产业发展`".to_owned(), 1)])]
        );
    }
}
