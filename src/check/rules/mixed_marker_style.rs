//! Rule `mixed-marker-style`: markers of one family written in two styles
//! in one document.
//!
//! A marker's style is its spelling with the number abstracted: the
//! brackets (`（一）`, `(一)`, `（一)`), the punctuation (`1.`, `1．`), the
//! digits (ASCII `1`, full-width `１`, Chinese `一`) and, for single code
//! points, the set (`①`, `❶`, `⑴`, `⒈`, `㈠`). Punctuation that
//! `marker-punctuation` reports as wrong is corrected first (`1、` counts
//! as `1.`), so that a wrong mark is reported once, by that rule; the
//! `之一` of an inserted article and the word of `首先，`/`其次，` are not
//! part of the style.
//!
//! The scope is the whole document, per scheme: the numbered headings and
//! the points of lists of one scheme (`chinese_parenthesized` headings and
//! the `（一）` items of law articles alike) should look the same
//! throughout, so a `(二)` in the fifth section is as wrong as one beside
//! `（一）`. The expected style is the one most items of the scheme use,
//! the earliest on a tie; every item in another style is reported, with
//! the first item of the expected style as the related place. Markdown
//! headings and `——` points have no style to compare.
//!
//! ```text
//!   | （一）加强领导。
//! > | (二)完善制度。
//!     ^^^^ expected `（二）`, found `(二)` (related: first `（一）`)
//! ```

use crate::check::rules::marker_punctuation::{corrected, marker_span};
use crate::check::rules::numbering_duplicate::marker_with_number;
use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::syntax::numeral::{enclosed_number, EnclosedKind};
use std::collections::HashMap;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "mixed-marker-style",
    default_severity: Severity::Warning,
    summary: "markers of one family written in two styles in one document: 1. beside 1．, （一） beside (一), full-width beside half-width digits",
    why: "One level should look the same throughout; mixed full- and half-width brackets, dots or digits look careless in print.",
    bad: "（一）加强领导。成立工作专班。\n\n(二)完善制度。健全考核机制。",
    good: "（一）加强领导。成立工作专班。\n\n（二）完善制度。健全考核机制。",
};

/// One numbered item: a heading or a point.
struct Marked<'a> {
    scheme: &'a str,
    marker: &'a str,
    number: u32,
    start: usize,
    style: String,
}

/// How often a style occurs in a scheme, and its first item.
struct Count {
    style: String,
    count: usize,
    first: usize,
}

/// Report every item whose style is not its scheme's usual one.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let mut items: Vec<Marked<'_>> = Vec::new();
    walk(input.document, |node, _| match node {
        Node::Section(section) => {
            if let Some(numbering) = &section.heading.numbering {
                if numbering.scheme != "markdown" {
                    items.push(Marked {
                        scheme: &numbering.scheme,
                        marker: &numbering.marker,
                        number: numbering.number,
                        start: section.heading.position.start.offset,
                        style: style(&numbering.scheme, &numbering.marker),
                    });
                }
            }
        }
        Node::List(list) if list.scheme != "em_dash" => {
            items.extend(list.children.iter().map(|point| Marked {
                scheme: &list.scheme,
                marker: &point.marker,
                number: point.number,
                start: point.position.start.offset,
                style: style(&list.scheme, &point.marker),
            }));
        }
        Node::List(_) | Node::Point(_) | Node::Block(_) => {}
    });
    let mut counts: HashMap<&str, Vec<Count>> = HashMap::new();
    for (index, item) in items.iter().enumerate() {
        let styles = counts.entry(item.scheme).or_default();
        match styles.iter_mut().find(|c| c.style == item.style) {
            Some(count) => count.count += 1,
            None => styles.push(Count {
                style: item.style.clone(),
                count: 1,
                first: index,
            }),
        }
    }
    // The usual style of each scheme: the most frequent, the earliest on a
    // tie (the styles are listed in order of first use).
    let usual: HashMap<&str, &Count> = counts
        .iter()
        .filter_map(|(scheme, styles)| {
            let mut best: Option<&Count> = None;
            for count in styles {
                if best.is_none_or(|b| count.count > b.count) {
                    best = Some(count);
                }
            }
            best.map(|b| (*scheme, b))
        })
        .collect();
    for item in &items {
        let Some(reference) = usual.get(item.scheme).and_then(|c| items.get(c.first)) else {
            continue;
        };
        if reference.style == item.style {
            continue;
        }
        let model = corrected(reference.scheme, reference.marker);
        let model = model.as_deref().unwrap_or(reference.marker);
        let expected = marker_with_number(model, reference.number, item.number);
        let (begin, end) = marker_span(input.text, item.start, item.marker);
        let (first_begin, first_end) = marker_span(input.text, reference.start, reference.marker);
        out.push(
            Diagnostic::new(
                &RULE,
                RULE.default_severity,
                format!("expected `{expected}`, found `{}`", item.marker),
                begin,
                end,
            )
            .expected_actual(expected, item.marker)
            .related(
                format!("first `{}`", reference.marker),
                first_begin,
                first_end,
            ),
        );
    }
}

/// The style of a marker: its spelling with each number replaced by a
/// stand-in of its kind (`1`, `１`, `一`, or the first code point of its
/// enclosed set), after correcting wrong punctuation.
pub(crate) fn style(scheme: &str, marker: &str) -> String {
    let fixed = corrected(scheme, marker);
    let mut marker = fixed.as_deref().unwrap_or(marker);
    if matches!(scheme, "part" | "chapter" | "section" | "article") {
        marker = marker.split('之').next().unwrap_or(marker);
    }
    let mut out = String::new();
    let mut last = None;
    for c in marker.chars() {
        let class = if c.is_ascii_digit() {
            '1'
        } else if ('０'..='９').contains(&c) {
            '１'
        } else if "零〇一二三四五六七八九十百千两".contains(c) {
            '一'
        } else if let Some((kind, _)) = enclosed_number(c) {
            enclosed_style(kind, c)
        } else if scheme == "discourse" && ('\u{4E00}'..='\u{9FFF}').contains(&c) {
            continue;
        } else {
            c
        };
        if matches!(class, '1' | '１' | '一') && last == Some(class) {
            continue;
        }
        out.push(class);
        last = Some(class);
    }
    out
}

/// The first code point of the set an enclosed number belongs to.
fn enclosed_style(kind: EnclosedKind, c: char) -> char {
    match kind {
        EnclosedKind::Circled => match c {
            '⓵'..='⓾' => '⓵',
            '➀'..='➉' => '➀',
            _ => '①',
        },
        EnclosedKind::NegativeCircled => match c {
            '➊'..='➓' => '➊',
            _ => '❶',
        },
        EnclosedKind::Parenthesized => '⑴',
        EnclosedKind::FullStop => '⒈',
        EnclosedKind::ParenthesizedIdeograph => '㈠',
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_abstract_the_number() {
        let cases = [
            ("chinese_parenthesized", "（十二）", "（一）"),
            ("chinese_parenthesized", "(二)", "(一)"),
            ("chinese_parenthesized", "（二)", "（一)"),
            ("chinese_parenthesized", "（二）、", "（一）"),
            ("chinese_parenthesized", "㈢", "㈠"),
            ("arabic", "12.", "1."),
            ("arabic", "１２．", "１．"),
            ("arabic", "3、", "1."),
            ("arabic", "３、", "１．"),
            ("arabic_parenthesized", "⑶", "⑴"),
            ("arabic_parenthesized", "3）", "1）"),
            ("circled", "⑫", "①"),
            ("circled", "㉑", "①"),
            ("circled", "❸", "❶"),
            ("circled", "⓬", "❶"),
            ("circled", "➌", "➊"),
            ("chinese", "十一.", "一、"),
            ("article", "第三条之一", "第一条"),
            ("article", "第12条", "第1条"),
            ("di_numeral", "第二,", "第一,"),
            ("discourse", "其次，", "，"),
            ("numeral_shi", "十一是", "一是"),
        ];
        for (scheme, marker, expected) in cases {
            assert_eq!(style(scheme, marker), expected, "{marker}");
        }
    }

    /// The rule's findings on a document of a title and these paragraphs,
    /// one blank line apart: (index of the paragraph, expected marker).
    fn findings(paragraphs: &[&str]) -> Vec<(usize, String)> {
        let text = format!("标题\n\n{}\n", paragraphs.join("\n\n"));
        let document = crate::parse(&text);
        crate::check::check(&document, &text, &crate::check::Config::default())
            .into_iter()
            .filter(|d| d.rule == RULE.id)
            .map(|d| {
                (
                    (d.position.start.line - 3) / 2,
                    d.expected.unwrap_or_default(),
                )
            })
            .collect()
    }

    /// Paragraphs, and the findings they give.
    type Case<'a> = (&'a [&'a str], &'a [(usize, &'a str)]);

    #[test]
    fn reports_items_off_the_usual_style() {
        let cases: &[Case<'_>] = &[
            (
                &["（一）加强。成立。", "(二)完善。健全。"],
                &[(1, "（二）")],
            ),
            (
                &[
                    "(一)加强。成立。",
                    "（二）完善。健全。",
                    "（三）保障。落实。",
                ],
                &[(0, "（一）")],
            ),
            (
                &["一、总体", "1.坚持", "　　坚持。", "2、统筹", "　　统筹。"],
                &[],
            ),
            (
                &["一、总体", "1.坚持", "　　坚持。", "２．统筹", "　　统筹。"],
                &[(3, "2.")],
            ),
            (
                &[
                    "一、总体",
                    "（一）坚持",
                    "　　坚持。",
                    "二、任务",
                    "(一)统筹",
                    "　　统筹。",
                ],
                &[(4, "（一）")],
            ),
        ];
        for (paragraphs, expected) in cases {
            let expected: Vec<_> = expected
                .iter()
                .map(|(i, e)| (*i, (*e).to_owned()))
                .collect();
            assert_eq!(findings(paragraphs), expected, "{paragraphs:?}");
        }
    }
}
