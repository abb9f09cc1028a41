//! Rule `inconsistent-indent`: a paragraph whose first line is indented
//! differently from the document's usual paragraph indent.
//!
//! The usual indent is the most common indentation among the first lines
//! of paragraphs (points' first paragraphs included); on a tie, the one
//! seen first. Indentations are compared by their characters as written:
//! two U+3000, one U+3000, two U+2003 and four ASCII spaces all differ.
//! Word segmentation puts one ASCII space between tokens, so a run of
//! exactly one ASCII space is dropped before comparing (`\u{3000} \u{3000} `
//! is two U+3000, `\u{2003}\u{2003} ` two U+2003); two or more ASCII spaces
//! are an indent and stay.
//!
//! ```text
//!   | 　　加快发展。
//! > | 　扩大应用。
//!     ^ expected an indent of 2 ideographic spaces, found 1
//!   | 　　深化改革。
//! ```
//!
//! Not looked at: paragraphs that start mid-sentence after a separator
//! (`truncated_start`, an excerpt cut them), paragraphs that do not start
//! their line (the body of a run-in heading), and documents with fewer than
//! three paragraphs left or none indented. The finding covers the
//! indentation, or the first character when there is none.

use crate::check::{walk, Diagnostic, Input, RuleInfo, Severity};
use crate::text::is_space;
use std::collections::HashMap;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "inconsistent-indent",
    default_severity: Severity::Warning,
    summary: "a paragraph whose first line is indented differently from the document's usual paragraph indent",
    why: "GB/T 9704 §7.3.3 indents every paragraph by two characters; an odd indent is a sign of pasted or hand-edited text.",
    bad: "　　加快发展。\n\n　扩大应用。\n\n　　深化改革。",
    good: "　　加快发展。\n\n　　扩大应用。\n\n　　深化改革。",
};

/// Fewer paragraphs than this say nothing about a usual indent.
const MIN_PARAGRAPHS: usize = 3;

/// One paragraph's first line.
struct FirstLine {
    /// Offset of the line's first character.
    line_start: usize,
    /// Offset of the paragraph's first character.
    content_start: usize,
    /// The indentation, segmentation spaces dropped.
    indent: String,
}

/// Report every paragraph whose indentation differs from the usual one.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let mut first_lines = Vec::new();
    walk(input.document, |node, _| {
        let Some(paragraph) = node.paragraph() else {
            return;
        };
        if paragraph.truncated_start {
            return;
        }
        let start = paragraph.position.start.offset;
        if input
            .line_at(start)
            .is_none_or(|info| info.content_start != start)
        {
            return;
        }
        let indent = indentation_before(input.text, start);
        first_lines.push(FirstLine {
            line_start: start - indent.len(),
            content_start: start,
            indent: normalize(indent),
        });
    });
    if first_lines.len() < MIN_PARAGRAPHS || first_lines.iter().all(|f| f.indent.is_empty()) {
        return;
    }
    let Some(usual) = usual_indent(&first_lines) else {
        return;
    };
    let example = first_lines.iter().find(|f| f.indent == usual.indent);
    for first in &first_lines {
        if first.indent == usual.indent {
            continue;
        }
        let (start, end) = if first.line_start < first.content_start {
            (first.line_start, first.content_start)
        } else {
            let width = input
                .slice(first.content_start, input.text.len())
                .chars()
                .next()
                .map_or(0, char::len_utf8);
            (first.content_start, first.content_start + width)
        };
        let expected = describe(&usual.indent);
        let found = describe_found(&usual.indent, &first.indent);
        let message = if usual.indent.is_empty() {
            format!("expected no indent, found {found}")
        } else {
            format!("expected an indent of {expected}, found {found}")
        };
        let mut diagnostic = Diagnostic::new(&RULE, RULE.default_severity, message, start, end)
            .expected_actual(expected, describe(&first.indent));
        if let Some(example) = example {
            let (from, to) = if example.line_start < example.content_start {
                (example.line_start, example.content_start)
            } else {
                (example.content_start, example.content_start)
            };
            diagnostic = diagnostic.related("first paragraph with the usual indent", from, to);
        }
        out.push(diagnostic);
    }
}

/// The white space between the start of its line and `offset`.
fn indentation_before(text: &str, offset: usize) -> &str {
    let before = text.get(..offset).unwrap_or_default();
    let length: usize = before
        .chars()
        .rev()
        .take_while(|&c| is_space(c) && c != '\n' && c != '\r')
        .map(char::len_utf8)
        .sum();
    before.get(before.len() - length..).unwrap_or_default()
}

/// The most common indentation; on a tie, the first seen.
fn usual_indent(first_lines: &[FirstLine]) -> Option<&FirstLine> {
    // Per indentation: where it was first seen, and how often.
    let mut counts: HashMap<&str, (usize, usize)> = HashMap::new();
    for (index, first) in first_lines.iter().enumerate() {
        counts.entry(first.indent.as_str()).or_insert((index, 0)).1 += 1;
    }
    let (first_seen, _) =
        counts
            .into_values()
            .max_by(|(a_index, a_count), (b_index, b_count)| {
                a_count.cmp(b_count).then(b_index.cmp(a_index))
            })?;
    first_lines.get(first_seen)
}

/// The indentation without segmentation spaces: every run of exactly one
/// ASCII space goes.
fn normalize(indent: &str) -> String {
    let mut out = String::new();
    let mut spaces = 0;
    for c in indent.chars() {
        if c == ' ' {
            spaces += 1;
            continue;
        }
        if spaces >= 2 {
            out.extend(std::iter::repeat_n(' ', spaces));
        }
        spaces = 0;
        out.push(c);
    }
    if spaces >= 2 {
        out.extend(std::iter::repeat_n(' ', spaces));
    }
    out
}

/// The name of one indentation character, singular and plural.
fn name(c: char) -> (String, String) {
    let (one, many) = match c {
        '\u{3000}' => ("ideographic space", "ideographic spaces"),
        '\u{2003}' => ("em space", "em spaces"),
        '\u{2002}' => ("en space", "en spaces"),
        ' ' => ("space", "spaces"),
        '\t' => ("tab", "tabs"),
        '\u{a0}' => ("no-break space", "no-break spaces"),
        _ => {
            let code = format!("U+{:04X}", u32::from(c));
            return (code.clone(), code);
        }
    };
    (one.to_owned(), many.to_owned())
}

/// Runs of one character: `　　 ` → [(U+3000, 2), (' ', 1)].
fn runs(indent: &str) -> Vec<(char, usize)> {
    let mut runs: Vec<(char, usize)> = Vec::new();
    for c in indent.chars() {
        match runs.last_mut() {
            Some((last, count)) if *last == c => *count += 1,
            _ => runs.push((c, 1)),
        }
    }
    runs
}

/// `2 ideographic spaces`, `1 em space, 2 spaces`, `none`.
fn describe(indent: &str) -> String {
    let parts: Vec<String> = runs(indent)
        .into_iter()
        .map(|(c, count)| {
            let (one, many) = name(c);
            format!("{count} {}", if count == 1 { one } else { many })
        })
        .collect();
    if parts.is_empty() {
        "none".to_owned()
    } else {
        parts.join(", ")
    }
}

/// What was found, short when it is the same character as expected:
/// `1` for one ideographic space where two were expected.
fn describe_found(expected: &str, found: &str) -> String {
    match (runs(expected).as_slice(), runs(found).as_slice()) {
        ([(want, _)], [(have, count)]) if want == have => count.to_string(),
        _ => describe(found),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check::{check, Config};

    /// A text, the findings expected on it, and why.
    type Case = (
        &'static str,
        &'static [(&'static str, usize, usize, usize)],
        &'static str,
    );

    fn findings(text: &str) -> Vec<(String, usize, usize, usize)> {
        let document = crate::parse(text);
        check(&document, text, &Config::default())
            .into_iter()
            .filter(|d| d.rule == RULE.id)
            .map(|d| {
                (
                    d.message,
                    d.position.start.line,
                    d.position.start.column,
                    d.position.end.column,
                )
            })
            .collect()
    }

    #[test]
    fn indentations_are_normalized_and_described() {
        let cases = [
            (
                "\u{3000}\u{3000}",
                "\u{3000}\u{3000}",
                "2 ideographic spaces",
            ),
            (
                "\u{3000} \u{3000} ",
                "\u{3000}\u{3000}",
                "2 ideographic spaces",
            ),
            ("\u{2003}\u{2003} ", "\u{2003}\u{2003}", "2 em spaces"),
            ("    ", "    ", "4 spaces"),
            (" ", "", "none"),
            ("\u{3000}  ", "\u{3000}  ", "1 ideographic space, 2 spaces"),
            ("\t", "\t", "1 tab"),
        ];
        for (raw, normalized, description) in cases {
            assert_eq!(normalize(raw), normalized, "{raw:?}");
            assert_eq!(describe(&normalize(raw)), description, "{raw:?}");
        }
    }

    #[test]
    fn paragraphs_keep_the_usual_indent() {
        let cases: [Case; 8] = [
            (
                "　　加快发展。\n\n　　扩大应用。\n\n　　深化改革。\n",
                &[],
                "all alike",
            ),
            (
                "　　加快发展。\n\n　扩大应用。\n\n　　深化改革。\n",
                &[("expected an indent of 2 ideographic spaces, found 1", 3, 1, 2)],
                "one ideographic space short",
            ),
            (
                "　　加快发展。\n\n    扩大应用。\n\n　　深化改革。\n",
                &[("expected an indent of 2 ideographic spaces, found 4 spaces", 3, 1, 5)],
                "ASCII spaces",
            ),
            (
                "　　加快发展。\n\n扩大应用。\n\n　　深化改革。\n",
                &[("expected an indent of 2 ideographic spaces, found none", 3, 1, 2)],
                "no indent: the first character",
            ),
            (
                "\u{2003} \u{2003} 加快 发展 。\n\n\u{2003}\u{2003} 扩大 应用 。\n\n\u{2003}\u{2003}深化 改革 。\n",
                &[],
                "segmentation spaces do not count",
            ),
            (
                "　　加快发展。\n\n　扩大应用。\n",
                &[],
                "too few paragraphs",
            ),
            (
                "　　加快发展。\n\n　扩大应用。\n\n　深化改革。\n\n　　推进创新。\n",
                &[
                    ("expected an indent of 2 ideographic spaces, found 1", 3, 1, 2),
                    ("expected an indent of 2 ideographic spaces, found 1", 5, 1, 2),
                ],
                "on a tie, the indent seen first",
            ),
            (
                "加快发展。\n\n扩大应用。\n\n　　深化改革。\n\n推进创新。\n",
                &[("expected no indent, found 2 ideographic spaces", 5, 1, 3)],
                "flush paragraphs",
            ),
        ];
        for (text, expected, why) in cases {
            let expected: Vec<_> = expected
                .iter()
                .map(|&(m, l, c, e)| (m.to_owned(), l, c, e))
                .collect();
            assert_eq!(findings(text), expected, "{why}");
        }
    }
}
