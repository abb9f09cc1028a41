//! Rule `no-title`: the document has no title line.
//!
//! Reported once, at the first character that is not white space, when the
//! parser found no title (`document.title` is null) and the text is not
//! empty.
//!
//! ```text
//! > | 　　加快发展。
//!         ^ document has no title
//! ```

use crate::check::{Diagnostic, Input, RuleInfo, Severity};
use crate::text::is_space;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "no-title",
    default_severity: Severity::Info,
    summary: "the document has no title line",
    why: "Articles and official documents open with a title; without one, the first line is probably body text or furniture.",
    bad: "　　加快发展。",
    good: "人工智能产业发展\n\n　　加快发展。",
};

/// How much of the first line the finding quotes.
const QUOTED: usize = 20;

/// Report a document without a title, at its first character.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    if input.document.title.is_some() {
        return;
    }
    let Some((start, first)) = input.text.char_indices().find(|&(_, c)| !is_space(c)) else {
        return;
    };
    // The first line, up to QUOTED characters (and one more to know
    // whether there are more).
    let head: Vec<char> = input
        .slice(start, input.text.len())
        .chars()
        .take_while(|&c| c != '\n' && c != '\r')
        .take(QUOTED + 1)
        .collect();
    let mut quoted: String = head.iter().take(QUOTED).collect();
    if head.len() > QUOTED {
        quoted.push('…');
    } else {
        quoted = quoted.trim_end_matches(is_space).to_owned();
    }
    out.push(
        Diagnostic::new(
            &RULE,
            RULE.default_severity,
            "document has no title",
            start,
            start + first.len_utf8(),
        )
        .expected_actual("a title line", quoted),
    );
}

#[cfg(test)]
mod tests {
    use crate::check::{check, Config};

    fn findings(text: &str) -> Vec<(usize, usize, Option<String>)> {
        check(&crate::parse(text), text, &Config::default())
            .into_iter()
            .filter(|d| d.rule == super::RULE.id)
            .map(|d| (d.position.start.line, d.position.start.column, d.actual))
            .collect()
    }

    #[test]
    fn documents_without_a_title() {
        assert_eq!(
            findings("\n　　加快发展。\n"),
            [(2, 3, Some("加快发展。".to_owned()))]
        );
        assert_eq!(findings("人工智能产业发展\n\n　　加快发展。\n"), []);
        assert_eq!(findings(""), []);
        assert_eq!(findings(" \n\u{3000}\n"), []);
    }
}
