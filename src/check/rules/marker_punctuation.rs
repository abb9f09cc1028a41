//! Rule `marker-punctuation`: the wrong punctuation after a numbering
//! marker, against GB/T 15834-2011 Appendix B.3.
//!
//! ```text
//! chinese                 一、      not 一. 一． 一， 一, 一：        (B.3.2)
//! chinese_parenthesized   （一）    not （一）、                    (B.3.4)
//! arabic                  1.  １．  not 1、 １、                   (B.3.3)
//! arabic_parenthesized,
//! circled, ㈠             （1） ①   not （1）、 （1）， ①、 ①，     (B.3.4)
//! numeral_shi, numeral_yao 一是     not 一是， 一是、 一是：        (B.3.7)
//! ```
//!
//! It looks at section headings and at the points of lists, whatever list
//! they are in (the `（一）` items of a law article included). For the
//! families whose punctuation is part of the marker (`一.`, `（一）、`, `1、`)
//! the marker says it; for the others the character right after the written
//! marker does.
//!
//! ```text
//! > | 一.总体要求
//!     ^^ expected `一、`, found `一.`
//! > | 　　一是，加快发展。
//!         ^^^ expected `一是`, found `一是，`
//! ```
//!
//! Not flagged: the width of a comma (`第一,` is `half-width-punctuation`'s),
//! a colon after an ordinal word (`第一：`, `首先：` introduce what follows),
//! and markers inside a paragraph (`inline_points`).

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::text::is_space;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "marker-punctuation",
    default_severity: Severity::Warning,
    summary: "wrong punctuation after a marker: 一. 一， （一）、 1、 一是， where the standard wants 一、 （一） 1. 一是",
    why: "GB/T 15834-2011 B.3: a Chinese numeral takes 、, a bracketed or circled marker takes nothing, an Arabic numeral takes a full stop, and 一是 / 二是 take nothing.",
    bad: "一.总体要求\n\n　　坚持稳中求进。",
    good: "一、总体要求\n\n　　坚持稳中求进。",
};

/// Report every marker written with the wrong punctuation.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    walk(input.document, |node, _| match node {
        Node::Section(section) => {
            if let Some(numbering) = &section.heading.numbering {
                report(
                    input,
                    &numbering.scheme,
                    &numbering.marker,
                    section.heading.position.start.offset,
                    out,
                );
            }
        }
        Node::List(list) => {
            for point in &list.children {
                report(
                    input,
                    &list.scheme,
                    &point.marker,
                    point.position.start.offset,
                    out,
                );
            }
        }
        Node::Point(_) | Node::Block(_) => {}
    });
}

fn report(input: &Input<'_>, scheme: &str, marker: &str, start: usize, out: &mut Vec<Diagnostic>) {
    let (begin, end) = marker_span(input.text, start, marker);
    let (expected, found, end) = if let Some(expected) = corrected(scheme, marker) {
        (expected, marker.to_owned(), end)
    } else {
        let Some((mark, after)) = mark_after(input.text, end, scheme) else {
            return;
        };
        (marker.to_owned(), format!("{marker}{mark}"), after)
    };
    out.push(
        Diagnostic::new(
            &RULE,
            RULE.default_severity,
            format!("expected `{expected}`, found `{found}`"),
            begin,
            end,
        )
        .expected_actual(expected, found),
    );
}

/// The marker as the standard writes it, when its own punctuation is wrong:
/// `一.` → `一、`, `（一）、` → `（一）`, `1、` → `1.`, `１、` → `１．`.
pub(crate) fn corrected(scheme: &str, marker: &str) -> Option<String> {
    let mut chars = marker.chars();
    let last = chars.next_back()?;
    let head = chars.as_str();
    match scheme {
        "chinese" if last != '、' => Some(format!("{head}、")),
        "chinese_parenthesized" if last == '、' => Some(head.to_owned()),
        "arabic" if last == '、' => {
            let full_width = head.chars().any(|c| ('０'..='９').contains(&c));
            Some(format!("{head}{}", if full_width { '．' } else { '.' }))
        }
        _ => None,
    }
}

/// A punctuation mark written right after a marker that must stand bare,
/// and the offset after it.
fn mark_after(text: &str, marker_end: usize, scheme: &str) -> Option<(char, usize)> {
    let wrong: &[char] = match scheme {
        "chinese_parenthesized" | "arabic_parenthesized" | "circled" => &['、', '，', ','],
        "numeral_shi" | "numeral_yao" => &['，', '、', '：', ',', ':'],
        _ => return None,
    };
    let rest = text.get(marker_end..)?;
    let (index, mark) = rest.char_indices().find(|(_, c)| !is_space(*c))?;
    if !wrong.contains(&mark) {
        return None;
    }
    Some((mark, marker_end + index + mark.len_utf8()))
}

/// Where a normalized marker is written from `start` on: segmentation may
/// have put spaces inside it (`（ 一 ）`) and a Markdown prefix may stand
/// before it (`## 一、`). Falls back to `start..start + marker.len()` when
/// the text does not spell the marker.
pub(crate) fn marker_span(text: &str, start: usize, marker: &str) -> (usize, usize) {
    let fallback = (start, (start + marker.len()).min(text.len()).max(start));
    let Some(rest) = text.get(start..) else {
        return fallback;
    };
    let skip_hashes = !marker.starts_with('#');
    let mut wanted = marker.chars().peekable();
    let mut begin = None;
    let mut end = start;
    for (index, c) in rest.char_indices() {
        let Some(&next) = wanted.peek() else {
            break;
        };
        if c == next {
            wanted.next();
            begin.get_or_insert(start + index);
            end = start + index + c.len_utf8();
        } else if !(is_space(c) || (skip_hashes && begin.is_none() && c == '#')) {
            return fallback;
        }
    }
    match begin {
        Some(begin) if wanted.peek().is_none() => (begin, end),
        _ => fallback,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn corrects_the_punctuation_of_each_family() {
        let cases = [
            ("chinese", "一、", None),
            ("chinese", "一.", Some("一、")),
            ("chinese", "十一．", Some("十一、")),
            ("chinese", "三，", Some("三、")),
            ("chinese", "三：", Some("三、")),
            ("chinese_parenthesized", "（一）", None),
            ("chinese_parenthesized", "（一）、", Some("（一）")),
            ("chinese_parenthesized", "(一)、", Some("(一)")),
            ("arabic", "1.", None),
            ("arabic", "１２．", None),
            ("arabic", "1、", Some("1.")),
            ("arabic", "１、", Some("１．")),
            ("arabic", "⒈", None),
            ("arabic_parenthesized", "（1）", None),
            ("numeral_shi", "一是", None),
            ("di_numeral", "第一,", None),
            ("article", "第一条", None),
        ];
        for (scheme, marker, expected) in cases {
            assert_eq!(
                corrected(scheme, marker).as_deref(),
                expected,
                "{scheme} {marker}"
            );
        }
    }

    #[test]
    fn finds_a_mark_after_a_bare_marker() {
        let cases = [
            ("①、提高", 3, "circled", Some(('、', 6))),
            ("①提高", 3, "circled", None),
            ("（1） ，提高", 7, "arabic_parenthesized", Some(('，', 11))),
            ("一是，加快", 6, "numeral_shi", Some(('，', 9))),
            ("一是加快", 6, "numeral_shi", None),
            ("1、加快", 2, "arabic", None),
        ];
        for (text, end, scheme, expected) in cases {
            assert_eq!(mark_after(text, end, scheme), expected, "{text}");
        }
    }

    #[test]
    fn spans_the_marker_as_written() {
        let cases = [
            ("一、总体", 0, "一、", (0, 6)),
            ("（ 一 ） 加强", 0, "（一）", (0, 11)),
            ("## 一、总体", 0, "一、", (3, 9)),
            ("## 背景", 0, "##", (0, 2)),
            ("　　一 是 加快", 6, "一是", (6, 13)),
            ("别的", 0, "一、", (0, 6)),
            ("一", 0, "一、", (0, 3)),
        ];
        for (text, start, marker, span) in cases {
            assert_eq!(marker_span(text, start, marker), span, "{text}");
        }
    }
}
