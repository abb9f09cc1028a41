//! Rule `heading-too-long`: a heading longer than the limit, 30 characters
//! by default (`heading-too-long = { max = 40 }` in outline.toml).
//!
//! The length is that of the heading's normalized text, in characters:
//! marker included, segmentation spaces not counted. Run-in headings count
//! too (their text ends at their full stop), so a paragraph read as a run-in
//! heading because its first sentence is long shows up here.
//!
//! ```text
//! > | 二、加快推进人工智能与实体经济深度融合发展的若干政策措施和实施路径
//!     ^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^^
//!     heading has 33 characters, more than 30 (the finding covers it all)
//! ```

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "heading-too-long",
    default_severity: Severity::Warning,
    summary: "a heading longer than the limit (30 characters by default; `max` in outline.toml)",
    why: "Long headings are hard to scan and are often a paragraph misread as a heading, or a run-in heading missing its full stop.",
    bad: "标题\n\n二、加快推进人工智能与实体经济深度融合发展的若干政策措施和实施路径\n\n　　各地区各部门要加快发展智能产业，推动制造业转型升级，培育新的增长点。",
    good: "标题\n\n二、加强人工智能产业政策体系建设\n\n　　各地区各部门要加快发展智能产业，推动制造业转型升级，培育新的增长点。",
};

/// The limit unless configured.
const DEFAULT_MAX: usize = 30;

/// Report every heading whose text has more characters than the limit,
/// over the whole heading.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let max = input.config.max(RULE.id, DEFAULT_MAX);
    walk(input.document, |node, _| {
        let Node::Section(section) = node else {
            return;
        };
        let heading = &section.heading;
        let length = heading.text.chars().count();
        if length <= max {
            return;
        }
        let range = heading.position.range();
        out.push(
            Diagnostic::new(
                &RULE,
                RULE.default_severity,
                format!("heading has {length} characters, more than {max}"),
                range.start,
                range.end,
            )
            .expected_actual(
                format!("at most {max} characters"),
                format!("{length} characters"),
            ),
        );
    });
}

#[cfg(test)]
mod tests {
    use crate::check::{check, Config};

    fn findings(text: &str, config: &Config) -> Vec<(String, usize, usize)> {
        let document = crate::parse(text);
        check(&document, text, config)
            .into_iter()
            .filter(|d| d.rule == super::RULE.id)
            .map(|d| (d.message, d.position.start.line, d.position.end.column))
            .collect()
    }

    #[test]
    fn headings_longer_than_the_limit() {
        let long = "标题\n\n二、加快推进人工智能与实体经济深度融合发展的若干政策措施和实施路径\n\n　　各地区各部门要加快发展智能产业，推动制造业转型升级，培育新的增长点。\n";
        let short = "标题\n\n二、加强人工智能产业政策体系建设\n\n　　各地区各部门要加快发展智能产业，推动制造业转型升级，培育新的增长点。\n";
        let ten = Config::from_toml("[rules]\nheading-too-long = { max = 10 }\n").expect("valid");
        let off = Config::from_toml("[rules]\nheading-too-long = \"off\"\n").expect("valid");
        let cases = [
            (
                long,
                Config::default(),
                vec![("heading has 33 characters, more than 30", 3, 34)],
                "over the default",
            ),
            (short, Config::default(), vec![], "within the default"),
            (
                short,
                ten,
                vec![("heading has 16 characters, more than 10", 3, 17)],
                "a configured limit",
            ),
            (long, off, vec![], "off"),
        ];
        for (text, config, expected, why) in cases {
            let expected: Vec<_> = expected
                .into_iter()
                .map(|(m, l, c)| (m.to_owned(), l, c))
                .collect();
            assert_eq!(findings(text, &config), expected, "{why}");
        }
    }
}
