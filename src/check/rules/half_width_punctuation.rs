//! Rule `half-width-punctuation`: a half-width , . ; : ? ! between CJK
//! characters.
//!
//! A mark is reported when the nearest characters other than white space
//! on both sides are CJK (`text::is_cjk`), within one paragraph, heading,
//! title or furniture line and across its line breaks and segmentation
//! spaces. At the very end of a paragraph a CJK character on the left is
//! enough (`扩大应用.`); headings and titles are left to
//! `heading-punctuation` there.
//!
//! ```text
//! > | 　　加快发展,扩大应用.
//!             ^ expected `，`, found `,`
//!                      ^ expected `。`, found `.`
//! ```
//!
//! Full-width digits and Latin letters (`１.５`, `Ｕ.Ｓ.`) are not CJK here,
//! so decimals and abbreviations stay; ASCII ones never count. Marks inside
//! a numbering marker (`一.`) are left to the marker rules.

use super::unbalanced_brackets::{text_spans, SpanKind, TextSpan};
use crate::check::{Diagnostic, Input, RuleInfo, Severity};
use crate::text::{is_cjk, is_space};

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "half-width-punctuation",
    default_severity: Severity::Warning,
    summary: "half-width , . ; : ? ! between CJK characters",
    why: "Chinese text takes full-width punctuation (GB/T 15834); half-width marks between Chinese characters are typing slips.",
    bad: "　　加快发展,扩大应用.",
    good: "　　加快发展，扩大应用。",
};

/// The full-width mark for a half-width one.
fn full_width(c: char) -> Option<char> {
    match c {
        ',' => Some('，'),
        '.' => Some('。'),
        ';' => Some('；'),
        ':' => Some('：'),
        '?' => Some('？'),
        '!' => Some('！'),
        _ => None,
    }
}

/// Whether a neighbour counts as CJK: full-width digits and Latin letters
/// do not.
fn is_cjk_neighbour(c: char) -> bool {
    is_cjk(c) && !matches!(c, '０'..='９' | 'Ａ'..='Ｚ' | 'ａ'..='ｚ')
}

/// Report every half-width mark between CJK characters.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    for span in text_spans(input) {
        check_span(input.text, &span, out);
    }
}

fn check_span(text: &str, span: &TextSpan, out: &mut Vec<Diagnostic>) {
    let source = text.get(span.start..span.end).unwrap_or_default();
    let mut cursor = 0;
    let mut previous: Option<char> = None;
    // A mark with CJK on its left, waiting for its right neighbour.
    let mut pending: Option<(usize, char, char)> = None;
    for (index, c) in source.char_indices() {
        if is_space(c) {
            continue;
        }
        let offset = span.start + index;
        if let Some((at, mark, wanted)) = pending.take() {
            if is_cjk_neighbour(c) {
                out.push(finding(at, mark, wanted));
            }
        }
        if let Some(wanted) = full_width(c) {
            if previous.is_some_and(is_cjk_neighbour) && !span.in_marker(offset, &mut cursor) {
                pending = Some((offset, c, wanted));
            }
        }
        previous = Some(c);
    }
    if let Some((at, mark, wanted)) = pending {
        if span.kind == SpanKind::Paragraph {
            out.push(finding(at, mark, wanted));
        }
    }
}

fn finding(at: usize, mark: char, wanted: char) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        RULE.default_severity,
        format!("expected `{wanted}`, found `{mark}`"),
        at,
        at + mark.len_utf8(),
    )
    .expected_actual(wanted.to_string(), mark.to_string())
}

#[cfg(test)]
mod tests {

    /// A text, the findings expected on it, and why.
    type Case = (
        &'static str,
        &'static [(&'static str, usize, usize)],
        &'static str,
    );

    fn findings(text: &str) -> Vec<(String, usize, usize)> {
        super::super::messages_at(&super::RULE, text)
    }

    #[test]
    fn half_width_marks_between_cjk() {
        let cases: [Case; 9] = [
            ("　　加快发展，扩大应用。\n", &[], "full-width"),
            (
                "　　加快发展,扩大应用.\n",
                &[
                    ("expected `，`, found `,`", 1, 7),
                    ("expected `。`, found `.`", 1, 12),
                ],
                "between CJK and at the end of a paragraph",
            ),
            (
                "　　加快 发展 ; 扩大 应用 。\n",
                &[("expected `；`, found `;`", 1, 9)],
                "segmentation spaces are skipped",
            ),
            (
                "　　当前的主要任务是加快培育壮大新兴产业,\n推动传统产业转型升级。\n",
                &[("expected `，`, found `,`", 1, 21)],
                "across a line break",
            ),
            (
                "　　增长3.5%,达到。\n",
                &[],
                "a decimal, and a mark after a percent sign",
            ),
            ("　　增长１.５倍。\n", &[], "a full-width decimal"),
            ("　　美国Ｕ.Ｓ.政府。\n", &[], "a full-width abbreviation"),
            (
                "　　use machine learning, deep learning.\n",
                &[],
                "Latin text",
            ),
            (
                "　　他说:“加快发展。”\n",
                &[("expected `：`, found `:`", 1, 5)],
                "before a quotation mark",
            ),
        ];
        for (text, expected, why) in cases {
            let expected: Vec<_> = expected
                .iter()
                .map(|&(m, l, c)| (m.to_owned(), l, c))
                .collect();
            assert_eq!(findings(text), expected, "{why}");
        }
    }
}
