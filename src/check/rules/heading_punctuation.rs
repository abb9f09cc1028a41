//! Rule `heading-punctuation`: a standalone heading that ends in a
//! sentence mark.
//!
//! A heading on its own line (`run_in == false`) takes no closing
//! punctuation. The marks are 。，；：！？ and the half-width , ; : ! ? .
//!
//! ```text
//! > | 一、总体要求。
//!           ^ heading ends with `。`
//! ```
//!
//! A question or an exclamation may keep its mark (GB/T 15834-2011: a
//! heading usually takes no punctuation, but may end in a question mark,
//! an exclamation mark or an ellipsis): a heading ending in ？ ！ ? ! is only
//! reported as info. Run-in headings (`（一）强化组织领导。成立……`) end with
//! their full stop by design and are not reported.

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "heading-punctuation",
    default_severity: Severity::Warning,
    summary: "a standalone heading that ends in 。，；： or another sentence mark",
    why: "A heading on its own line takes no closing punctuation (GB/T 15834 practice); a full stop suggests a sentence that lost its paragraph. A question or exclamation mark may stay, so those are only infos.",
    bad: "标题\n\n一、总体要求。\n\n　　加快发展。",
    good: "标题\n\n一、总体要求\n\n　　加快发展。",
};

/// Report every standalone heading whose last character is a sentence
/// mark, at that mark.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    walk(input.document, |node, _| {
        let Node::Section(section) = node else {
            return;
        };
        let heading = &section.heading;
        if heading.run_in {
            return;
        }
        let range = heading.position.range();
        let Some(last) = input.slice(range.start, range.end).chars().next_back() else {
            return;
        };
        let Some(severity) = severity_of(last) else {
            return;
        };
        let start = range.end - last.len_utf8();
        let without: String = heading
            .text
            .strip_suffix(last)
            .unwrap_or(&heading.text)
            .to_owned();
        out.push(
            Diagnostic::new(
                &RULE,
                severity,
                format!("heading ends with `{last}`"),
                start,
                range.end,
            )
            .expected_actual(without, heading.text.clone()),
        );
    });
}

/// How serious a heading's final character is: `None` when it is no
/// sentence mark.
fn severity_of(c: char) -> Option<Severity> {
    match c {
        '。' | '，' | '；' | '：' | ',' | ';' | ':' | '.' => Some(RULE.default_severity),
        '！' | '？' | '!' | '?' => Some(Severity::Info),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::check::{check, Config, Severity};

    /// A text, the findings expected on it, and why.
    type Case = (
        &'static str,
        &'static [(&'static str, Severity, usize, usize)],
        &'static str,
    );

    fn findings(text: &str) -> Vec<(String, Severity, usize, usize)> {
        let document = crate::parse(text);
        check(&document, text, &Config::default())
            .into_iter()
            .filter(|d| d.rule == super::RULE.id)
            .map(|d| {
                (
                    d.message,
                    d.severity,
                    d.position.start.line,
                    d.position.start.column,
                )
            })
            .collect()
    }

    /// A document around one heading line.
    fn document(heading: &str) -> String {
        format!("标题\n\n{heading}\n\n　　各地区各部门要加快发展智能产业，推动制造业转型升级，培育新的增长点。\n")
    }

    #[test]
    fn standalone_headings_end_without_punctuation() {
        const W: Severity = Severity::Warning;
        const I: Severity = Severity::Info;
        let cases: [Case; 7] = [
            ("一、总体要求", &[], "no mark"),
            (
                "一、总体要求。",
                &[("heading ends with `。`", W, 3, 7)],
                "a full stop",
            ),
            (
                "一、主要任务：",
                &[("heading ends with `：`", W, 3, 7)],
                "a colon",
            ),
            (
                "（一）强化组织领导。",
                &[("heading ends with `。`", W, 3, 10)],
                "a full stop on a lower level",
            ),
            (
                "一、为什么发展人工智能？",
                &[("heading ends with `？`", I, 3, 12)],
                "a question mark is only info",
            ),
            (
                "一、为什么发展人工智能?",
                &[("heading ends with `?`", I, 3, 12)],
                "so is a half-width one",
            ),
            (
                "（一）强化组织领导。成立专班，明确分工。",
                &[],
                "a run-in heading ends with its full stop",
            ),
        ];
        for (heading, expected, why) in cases {
            let expected: Vec<_> = expected
                .iter()
                .map(|&(m, s, l, c)| (m.to_owned(), s, l, c))
                .collect();
            assert_eq!(findings(&document(heading)), expected, "{why}");
        }
    }
}
