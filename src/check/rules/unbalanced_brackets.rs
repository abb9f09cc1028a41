//! Rule `unbalanced-brackets`: a bracket or quotation mark without its
//! partner in the same paragraph, heading or title.
//!
//! The pairs are （） 《》 “” 【】 ‘’ 「」 『』 〔〕 〈〉 and the half-width
//! `( )`, which pair only with each other. Each leaf that holds text (the
//! title, a heading, a paragraph, a furniture line such as a byline) is
//! scanned on its own, over the source text of its position, with a stack:
//!
//! ```text
//! > | 　　学习《决定精神。
//!         ^ unclosed `《`
//! > | 　　学习决定》精神。
//!             ^ unmatched `》`
//! > | 　　学习《决定）精神。
//!             ^ expected `》`, found `）` (opening `《` at 1:5)
//! ```
//!
//! A closing mark that does not match the innermost open one is read as a
//! mistyped partner (``expected `》`, found `）` ``) when no partner of the
//! open one follows in the same node, and as a stray mark
//! (``unmatched `）` ``) when one does. A closing mark whose partner is open
//! further out closes it, and the marks opened in between are unclosed.
//!
//! Not counted: the brackets of a numbering marker (`1）`, `(一)`, whose
//! style other rules judge), and `’` used as an apostrophe after a Latin
//! letter (`China’s`; `students’` too when no `‘` is open). A quotation
//! that runs over several paragraphs opens each of them and closes only in
//! the last (GB/T 15834): an opening quotation mark left open at the end of
//! a paragraph whose next paragraph opens with the same mark is not
//! reported.
//!
//! Linear in the text: every mark is pushed and popped at most once.

use crate::check::{walk, Diagnostic, Input, Node, RuleInfo, Severity};
use crate::text::is_space;
use crate::tree::Block;

/// What the rule is.
pub(crate) const RULE: RuleInfo = RuleInfo {
    id: "unbalanced-brackets",
    default_severity: Severity::Error,
    summary: "an opening （ 《 “ 【 ‘ 「 『 〔 without its partner within one paragraph, heading or title, or a closing one without its opening",
    why: "An unclosed bracket or quotation usually hides a deleted or mistyped character and changes the meaning of what follows.",
    bad: "　　学习《决定精神。",
    good: "　　学习《决定》精神。",
};

/// The pairs, opening then closing.
const PAIRS: [(char, char); 10] = [
    ('（', '）'),
    ('《', '》'),
    ('“', '”'),
    ('【', '】'),
    ('‘', '’'),
    ('「', '」'),
    ('『', '』'),
    ('〔', '〕'),
    ('〈', '〉'),
    ('(', ')'),
];

/// What kind of leaf a span of text is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum SpanKind {
    /// The title.
    Title,
    /// A heading.
    Heading,
    /// A paragraph.
    Paragraph,
    /// A furniture line: subtitle, addressee, byline, attachment, …
    Furniture,
}

/// The source text of one leaf, with the numbering markers inside it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct TextSpan {
    /// What the leaf is.
    pub kind: SpanKind,
    /// Offset of its first character.
    pub start: usize,
    /// Offset just after its last character.
    pub end: usize,
    /// Byte ranges of the numbering markers in it (a heading's or a point's
    /// marker at its start, inline points' markers), in order.
    pub markers: Vec<(usize, usize)>,
}

impl TextSpan {
    /// Whether an offset lies in one of the markers; `cursor` walks the
    /// markers forward, so that a scan in order costs linear time.
    pub(crate) fn in_marker(&self, offset: usize, cursor: &mut usize) -> bool {
        while let Some(&(_, end)) = self.markers.get(*cursor) {
            if end > offset {
                break;
            }
            *cursor += 1;
        }
        self.markers
            .get(*cursor)
            .is_some_and(|&(start, end)| start <= offset && offset < end)
    }
}

/// Every leaf that holds text, in document order: the title, headings,
/// paragraphs and furniture lines (not tables of contents).
pub(crate) fn text_spans(input: &Input<'_>) -> Vec<TextSpan> {
    let mut spans = Vec::new();
    if let Some(title) = &input.document.title {
        spans.push(TextSpan {
            kind: SpanKind::Title,
            start: title.position.start.offset,
            end: title.position.end.offset,
            markers: Vec::new(),
        });
    }
    // The marker of the point whose first paragraph comes next.
    let mut point_marker: Option<(usize, usize)> = None;
    walk(input.document, |node, _| match node {
        Node::Section(section) => {
            let heading = &section.heading;
            let start = heading.position.start.offset;
            let markers = heading
                .numbering
                .as_ref()
                .map(|numbering| (start, marker_end(input.text, start, &numbering.marker)))
                .into_iter()
                .collect();
            spans.push(TextSpan {
                kind: SpanKind::Heading,
                start,
                end: heading.position.end.offset,
                markers,
            });
        }
        Node::Point(point) => {
            let start = point.position.start.offset;
            point_marker = Some((start, marker_end(input.text, start, &point.marker)));
        }
        Node::Block(Block::Paragraph(paragraph)) => {
            let start = paragraph.position.start.offset;
            let mut markers: Vec<(usize, usize)> = point_marker
                .take()
                .filter(|&(marker_start, _)| marker_start == start)
                .into_iter()
                .collect();
            for inline in &paragraph.inline_points {
                let at = inline.position.start.offset;
                markers.push((at, marker_end(input.text, at, &inline.marker)));
            }
            markers.sort_unstable();
            spans.push(TextSpan {
                kind: SpanKind::Paragraph,
                start,
                end: paragraph.position.end.offset,
                markers,
            });
        }
        Node::Block(
            Block::Subtitle(furniture)
            | Block::Addressee(furniture)
            | Block::Byline(furniture)
            | Block::PageNumber(furniture)
            | Block::Attachment(furniture)
            | Block::Signature(furniture)
            | Block::Date(furniture),
        ) => spans.push(TextSpan {
            kind: SpanKind::Furniture,
            start: furniture.position.start.offset,
            end: furniture.position.end.offset,
            markers: Vec::new(),
        }),
        _ => {}
    });
    spans
}

/// Where a marker that starts at `start` ends in the source: after as many
/// characters other than white space as the normalized marker has (the
/// source may hold segmentation spaces inside it: `一 是`).
pub(crate) fn marker_end(text: &str, start: usize, marker: &str) -> usize {
    let wanted = marker.chars().filter(|c| !is_space(*c)).count();
    let mut seen = 0;
    let mut end = start;
    if wanted == 0 {
        return start;
    }
    for (index, c) in text.get(start..).unwrap_or_default().char_indices() {
        if is_space(c) {
            continue;
        }
        seen += 1;
        end = start + index + c.len_utf8();
        if seen == wanted {
            break;
        }
    }
    end
}

/// Report the rule's findings.
pub(crate) fn check(input: &Input<'_>, out: &mut Vec<Diagnostic>) {
    let spans = text_spans(input);
    for (index, span) in spans.iter().enumerate() {
        // A quotation over several paragraphs: the next paragraph opens
        // with the same mark.
        let continued = spans
            .get(index + 1)
            .filter(|next| span.kind == SpanKind::Paragraph && next.kind == SpanKind::Paragraph)
            .and_then(|next| input.slice(next.start, next.end).chars().next())
            .and_then(opening_kind)
            .filter(|&kind| is_quotation(kind));
        check_span(input.text, span, continued, out);
    }
}

/// The pair an opening mark starts.
fn opening_kind(c: char) -> Option<usize> {
    PAIRS.iter().position(|&(open, _)| open == c)
}

/// The pair a closing mark ends.
fn closing_kind(c: char) -> Option<usize> {
    PAIRS.iter().position(|&(_, close)| close == c)
}

/// Whether a pair is a quotation (may stay open into the next paragraph).
fn is_quotation(kind: usize) -> bool {
    PAIRS
        .get(kind)
        .is_some_and(|&(open, _)| matches!(open, '“' | '‘' | '「' | '『'))
}

fn open_char(kind: usize) -> char {
    PAIRS.get(kind).map_or('?', |&(open, _)| open)
}

fn close_char(kind: usize) -> char {
    PAIRS.get(kind).map_or('?', |&(_, close)| close)
}

/// A bracket or quotation mark found in a span.
struct Mark {
    /// Where it is.
    offset: usize,
    /// The mark.
    c: char,
    /// Its pair.
    kind: usize,
    /// Whether it opens the pair.
    opening: bool,
    /// A `’` right after a Latin letter: maybe an apostrophe.
    apostrophe: bool,
    /// Whether a Latin letter follows it.
    inside_word: bool,
}

/// Scan one span. `continued` is the quotation kind the next paragraph
/// opens with, when it does.
fn check_span(text: &str, span: &TextSpan, continued: Option<usize>, out: &mut Vec<Diagnostic>) {
    let source = text.get(span.start..span.end).unwrap_or_default();
    let mut marks: Vec<Mark> = Vec::new();
    let mut cursor = 0;
    let mut previous: Option<char> = None;
    let mut chars = source.char_indices().peekable();
    while let Some((index, c)) = chars.next() {
        let offset = span.start + index;
        let after_letter = previous.is_some_and(|b| b.is_ascii_alphabetic());
        previous = Some(c);
        let (kind, opening) = match (opening_kind(c), closing_kind(c)) {
            (Some(kind), _) => (kind, true),
            (None, Some(kind)) => (kind, false),
            (None, None) => continue,
        };
        if span.in_marker(offset, &mut cursor) {
            continue;
        }
        let before_letter = chars.peek().is_some_and(|&(_, n)| n.is_ascii_alphabetic());
        marks.push(Mark {
            offset,
            c,
            kind,
            opening,
            apostrophe: c == '’' && after_letter,
            inside_word: before_letter,
        });
    }

    // Closing marks of each pair still to come.
    let mut remaining = [0usize; PAIRS.len()];
    for mark in marks.iter().filter(|mark| !mark.opening) {
        if let Some(count) = remaining.get_mut(mark.kind) {
            *count += 1;
        }
    }
    // Open marks: (offset, pair); and how many of each pair are open.
    let mut stack: Vec<(usize, usize)> = Vec::new();
    let mut open = [0usize; PAIRS.len()];
    for mark in marks {
        let Mark {
            offset, c, kind, ..
        } = mark;
        if mark.opening {
            stack.push((offset, kind));
            if let Some(count) = open.get_mut(kind) {
                *count += 1;
            }
            continue;
        }
        if let Some(count) = remaining.get_mut(kind) {
            *count = count.saturating_sub(1);
        }
        // `China’s`, `students’`: an apostrophe, unless a `‘` is open and
        // this one may close it.
        if mark.apostrophe && (mark.inside_word || open.get(kind).is_none_or(|&n| n == 0)) {
            continue;
        }
        let end = offset + c.len_utf8();
        let Some(&(top_offset, top_kind)) = stack.last() else {
            out.push(unmatched(offset, end, c));
            continue;
        };
        if top_kind == kind {
            stack.pop();
            decrement(&mut open, kind);
        } else if open.get(kind).is_some_and(|&n| n > 0) {
            // Its partner is open further out: what was opened in between
            // stays unclosed.
            while let Some((inner_offset, inner_kind)) = stack.pop() {
                decrement(&mut open, inner_kind);
                if inner_kind == kind {
                    break;
                }
                out.push(unclosed(inner_offset, inner_kind, &c.to_string()));
            }
        } else if remaining.get(top_kind).is_some_and(|&n| n > 0) {
            // The open mark's partner comes later: this one is stray.
            out.push(unmatched(offset, end, c));
        } else {
            // Read as the open mark's partner, mistyped.
            let expected = close_char(top_kind);
            let opening_char = open_char(top_kind);
            out.push(
                Diagnostic::new(
                    &RULE,
                    RULE.default_severity,
                    format!("expected `{expected}`, found `{c}`"),
                    offset,
                    end,
                )
                .expected_actual(expected.to_string(), c.to_string())
                .related(
                    format!("opening `{opening_char}`"),
                    top_offset,
                    top_offset + opening_char.len_utf8(),
                ),
            );
            stack.pop();
            decrement(&mut open, top_kind);
        }
    }
    for (offset, kind) in stack {
        if continued == Some(kind) {
            continue;
        }
        out.push(unclosed(offset, kind, end_of(span.kind)));
    }
}

fn decrement(open: &mut [usize; PAIRS.len()], kind: usize) {
    if let Some(count) = open.get_mut(kind) {
        *count = count.saturating_sub(1);
    }
}

fn unmatched(start: usize, end: usize, c: char) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        RULE.default_severity,
        format!("unmatched `{c}`"),
        start,
        end,
    )
}

/// What ends a span, as a finding's `actual`.
fn end_of(span: SpanKind) -> &'static str {
    match span {
        SpanKind::Title => "the end of the title",
        SpanKind::Heading => "the end of the heading",
        SpanKind::Paragraph => "the end of the paragraph",
        SpanKind::Furniture => "the end of the line",
    }
}

/// An opening mark never closed; `found` is what came instead of its
/// partner.
fn unclosed(offset: usize, kind: usize, found: &str) -> Diagnostic {
    let opening = open_char(kind);
    let closing = close_char(kind);
    Diagnostic::new(
        &RULE,
        RULE.default_severity,
        format!("unclosed `{opening}`"),
        offset,
        offset + opening.len_utf8(),
    )
    .expected_actual(closing.to_string(), found)
}

#[cfg(test)]
mod tests {
    use crate::check::Config;

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
    fn brackets_pair_within_a_paragraph() {
        let cases: [Case; 14] = [
            ("　　学习《决定》精神。\n", &[], "balanced"),
            ("　　学习《决定精神。\n", &[("unclosed `《`", 1, 5)], "unclosed"),
            ("　　学习决定》精神。\n", &[("unmatched `》`", 1, 7)], "stray closing"),
            (
                "　　学习《决定）精神。\n",
                &[("expected `》`, found `）`", 1, 8)],
                "mistyped partner",
            ),
            (
                "　　“加快）发展”。\n",
                &[("unmatched `）`", 1, 6)],
                "stray closing inside a quotation",
            ),
            (
                "　　（学习《决定）。\n",
                &[("unclosed `《`", 1, 6)],
                "closing the outer pair leaves the inner unclosed",
            ),
            ("　　加快(发展)和（扩大）。\n", &[], "half-width pairs"),
            (
                "　　加快(发展）。\n",
                &[("expected `)`, found `）`", 1, 8)],
                "half-width pairs only with half-width",
            ),
            ("　　它说“加快\n发展”。\n", &[], "across a line break"),
            ("　　China’s economy grows.\n", &[], "an apostrophe"),
            ("　　the students’ work grows.\n", &[], "a possessive apostrophe"),
            ("　　他说‘good’。\n", &[], "a closing single quotation mark after a letter"),
            (
                "　　他说：“加快发展人工智能产业，推动新兴产业集群发展，培育经济增长新动能。\n　　“深化改革，扩大开放，推动高质量发展，加快建设现代化产业体系和创新体系。”\n",
                &[],
                "a quotation over two paragraphs",
            ),
            (
                "　　1）加快发展。\n　　2）扩大应用。\n",
                &[],
                "the brackets of markers do not count",
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

    /// The rule alone (not the whole check, whose sorting of half a
    /// million findings would dominate) on a text.
    fn rule_only(text: &str) -> usize {
        let document = crate::parse(text);
        let lines = crate::source::split_lines(text);
        let infos: Vec<_> = lines
            .iter()
            .map(|line| crate::syntax::classify_line(text, line))
            .collect();
        let config = Config::default();
        let input = crate::check::Input::new(&document, text, &lines, &infos, &config);
        let mut out = Vec::new();
        super::check(&input, &mut out);
        out.len()
    }

    #[test]
    fn a_million_brackets_take_linear_time() {
        let cases = [
            // Each 》 is read as a mistyped `）`.
            (
                format!("　　{}{}\n", "（".repeat(500_000), "》".repeat(500_000)),
                500_000,
            ),
            // Each 》 closes its 《 and leaves the （ inside it unclosed.
            (
                format!("　　{}{}\n", "《（".repeat(333_333), "》".repeat(333_333)),
                333_333,
            ),
            // Deeply nested and balanced.
            (
                format!("　　{}{}\n", "“（".repeat(250_000), "）”".repeat(250_000)),
                0,
            ),
            // Stray closings, each with a partner of the open mark to come.
            (format!("　　《{}》\n", "）".repeat(1_000_000)), 1_000_000),
        ];
        for (text, count) in cases {
            let started = std::time::Instant::now();
            assert_eq!(rule_only(&text), count);
            assert!(
                started.elapsed().as_secs() < 30,
                "took {:?}",
                started.elapsed()
            );
        }
    }

    #[test]
    fn marker_end_skips_segmentation_spaces() {
        let text = "一 是 推进";
        assert_eq!(super::marker_end(text, 0, "一是"), "一 是".len());
        assert_eq!(super::marker_end(text, 0, ""), 0);
    }
}
