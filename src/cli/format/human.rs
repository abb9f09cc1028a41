//! `--format human`: one rustc-style block per finding, drawn by
//! annotate-snippets, then a summary line:
//!
//! ```text
//! error[numbering-gap]: expected `二是`, found `三是`
//!  --> a.txt:4:3
//!   |
//! 3 |   一是加快发展。
//!   |   ---- previous `一是`
//! 4 |   三是扩大应用。
//!   |   ^^^^
//!
//! 1 error, 0 warnings, 0 infos
//! ```
//!
//! Columns in the header count characters, as everywhere in the outline;
//! the carets are placed by display width (a Chinese character takes two
//! columns of the terminal), which annotate-snippets measures.
//!
//! Each finding shows only the lines its positions are on: the text is cut
//! into windows of nearby lines (line breaks `\n`, `\r\n` or a lone `\r`,
//! as the outline counts them), so a block costs what it shows, not the
//! size of the file.

use super::{Counts, FileReport};
use annotate_snippets::{AnnotationKind, Level, Renderer, Snippet};
use outline::check::{Diagnostic, Severity};
use outline::Position;
use std::ops::Range;

/// Annotated lines at most this far apart share one snippet (the lines
/// between are folded); farther ones get a snippet of their own.
const JOIN_GAP: usize = 8;

pub(crate) struct Human {
    renderer: Renderer,
}

impl Human {
    pub(crate) fn new(colour: bool) -> Self {
        Human {
            renderer: if colour {
                Renderer::styled()
            } else {
                Renderer::plain()
            },
        }
    }

    /// The blocks of one file's findings, each followed by a blank line.
    pub(crate) fn file(&self, report: &FileReport) -> String {
        let lines = Lines::new(&report.text);
        let mut out = String::new();
        for diagnostic in &report.diagnostics {
            out.push_str(&self.block(diagnostic, &report.name, &lines));
            out.push_str("\n\n");
        }
        out
    }

    /// The last line: `1 error, 2 warnings, 0 infos`.
    pub(crate) fn summary(&self, counts: Counts) -> String {
        format!("{counts}\n")
    }

    fn block(&self, diagnostic: &Diagnostic, name: &str, lines: &Lines<'_>) -> String {
        let level = match diagnostic.severity {
            Severity::Error => Level::ERROR,
            Severity::Warning => Level::WARNING,
            Severity::Info => Level::INFO,
        };
        let mut marks = vec![Mark {
            span: lines.span(&diagnostic.position),
            label: None,
        }];
        marks.extend(diagnostic.related.iter().map(|related| Mark {
            span: lines.span(&related.position),
            label: Some(related.message.as_str()),
        }));
        let snippets = windows(&marks)
            .into_iter()
            .map(|window| lines.snippet(&window, &marks, name));
        let report = [level
            .primary_title(diagnostic.message.as_str())
            .id(diagnostic.rule.as_str())
            .elements(snippets)];
        self.renderer.render(&report)
    }
}

/// A span to draw: the finding's own (the first), or a related place.
struct Mark<'a> {
    span: LineSpan,
    label: Option<&'a str>,
}

/// A span as line indexes and byte offsets in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LineSpan {
    first_line: usize,
    last_line: usize,
    start: usize,
    end: usize,
}

/// Lines shown together, and which marks are drawn on them.
#[derive(Debug, PartialEq, Eq)]
struct Window {
    lines: Range<usize>,
    marks: Vec<usize>,
}

/// Group the marks into windows of nearby lines; the window of the
/// finding's own span comes first (its place is the block's `-->` line),
/// the others follow in text order.
fn windows(marks: &[Mark<'_>]) -> Vec<Window> {
    let mut order: Vec<usize> = (0..marks.len()).collect();
    order.sort_by_key(|&index| marks.get(index).map(|mark| mark.span.first_line));
    let mut windows: Vec<Window> = Vec::new();
    for index in order {
        let Some(mark) = marks.get(index) else {
            continue;
        };
        let (first, last) = (mark.span.first_line, mark.span.last_line);
        match windows.last_mut() {
            Some(window) if first <= window.lines.end + JOIN_GAP => {
                window.lines.end = window.lines.end.max(last + 1);
                window.marks.push(index);
            }
            _ => windows.push(Window {
                lines: first..last + 1,
                marks: vec![index],
            }),
        }
    }
    if let Some(primary) = windows.iter().position(|window| window.marks.contains(&0)) {
        let window = windows.remove(primary);
        windows.insert(0, window);
    }
    windows
}

/// The lines of a text: `start..end` of each line's content, without its
/// line break.
struct Lines<'a> {
    text: &'a str,
    lines: Vec<Range<usize>>,
}

impl<'a> Lines<'a> {
    fn new(text: &'a str) -> Self {
        let bytes = text.as_bytes();
        let mut lines = Vec::new();
        let mut start = 0;
        let mut at = 0;
        while let Some(&byte) = bytes.get(at) {
            match byte {
                b'\n' => {
                    lines.push(start..at);
                    start = at + 1;
                }
                b'\r' => {
                    lines.push(start..at);
                    start = if bytes.get(at + 1) == Some(&b'\n') {
                        at + 2
                    } else {
                        at + 1
                    };
                }
                _ => {}
            }
            at = start.max(at + 1);
        }
        lines.push(start..text.len());
        Lines { text, lines }
    }

    /// The index of the line an offset is on (an offset inside a line break
    /// belongs to the line it ends).
    fn line_of(&self, offset: usize) -> usize {
        self.lines
            .partition_point(|line| line.start <= offset)
            .saturating_sub(1)
    }

    /// Where a position lies, by line; offsets are kept inside the text and
    /// on character boundaries. A span that ends at the very start of a
    /// line ends on the line before.
    fn span(&self, position: &Position) -> LineSpan {
        let start = self.boundary(position.start.offset);
        let end = self.boundary(position.end.offset).max(start);
        let first_line = self.line_of(start);
        let mut last_line = self.line_of(end);
        if end > start && last_line > first_line {
            if let Some(line) = self.lines.get(last_line) {
                if line.start == end {
                    last_line -= 1;
                }
            }
        }
        LineSpan {
            first_line,
            last_line,
            start,
            end,
        }
    }

    /// The offset, at most the text's length, moved back to a character
    /// boundary.
    fn boundary(&self, offset: usize) -> usize {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// The snippet of a window: its lines joined with `\n`, the marks' spans
    /// moved into it.
    fn snippet<'m>(
        &self,
        window: &Window,
        marks: &'m [Mark<'m>],
        name: &'m str,
    ) -> Snippet<'m, annotate_snippets::Annotation<'m>> {
        let shown = self.lines.get(window.lines.clone()).unwrap_or_default();
        let mut source = String::new();
        // Where each shown line starts in `source`.
        let mut starts = Vec::with_capacity(shown.len());
        for (index, line) in shown.iter().enumerate() {
            if index > 0 {
                source.push('\n');
            }
            starts.push(source.len());
            source.push_str(self.text.get(line.clone()).unwrap_or_default());
        }
        // annotate-snippets reads a final line break as the end of the last
        // line, not as an empty line after it: give that line a space.
        if source.ends_with('\n') {
            source.push(' ');
        }
        // An offset of the text as an offset of `source`, clamped to the
        // content of its line.
        let place = |offset: usize, line: usize| -> usize {
            let (Some(range), Some(start)) = (
                self.lines.get(line),
                line.checked_sub(window.lines.start)
                    .and_then(|index| starts.get(index)),
            ) else {
                return 0;
            };
            start + offset.clamp(range.start, range.end) - range.start
        };
        let annotations = window.marks.iter().filter_map(|&index| {
            let mark = marks.get(index)?;
            let span = mark.span;
            let start = place(span.start, span.first_line);
            let end = place(span.end, span.last_line).max(start);
            let kind = if index == 0 {
                AnnotationKind::Primary
            } else {
                AnnotationKind::Context
            };
            Some(kind.span(start..end).label(mark.label))
        });
        Snippet::source(source)
            .line_start(window.lines.start + 1)
            .path(name)
            .annotations(annotations.collect::<Vec<_>>())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use outline::check::Related;
    use outline::Location;

    fn position(start: usize, end: usize) -> Position {
        let at = |offset| Location {
            line: 0,
            column: 0,
            offset,
        };
        Position {
            start: at(start),
            end: at(end),
        }
    }

    fn render(text: &str, start: usize, end: usize, related: &[(usize, usize)]) -> String {
        let diagnostic = Diagnostic {
            rule: "numbering-gap".to_owned(),
            severity: Severity::Warning,
            message: "something".to_owned(),
            position: position(start, end),
            related: related
                .iter()
                .map(|&(start, end)| Related {
                    message: "there".to_owned(),
                    position: position(start, end),
                })
                .collect(),
            expected: None,
            actual: None,
        };
        let report = FileReport {
            name: "a.txt".to_owned(),
            text: text.to_owned(),
            diagnostics: vec![diagnostic],
        };
        Human::new(false).file(&report)
    }

    #[test]
    fn odd_spans_render_without_panicking() {
        let text = "标题\r\n\r\n　　一是甲。\r乙\n\t丙\n";
        let len = text.len();
        let cases = [
            (0, 0),
            (len, len),
            (len + 10, len + 20),
            (1, 2),
            (4, 7),
            (8, len),
            (20, 5),
        ];
        for (start, end) in cases {
            let out = render(text, start, end, &[(0, 3), (len, len + 1), (2, 1)]);
            assert!(
                out.starts_with("warning[numbering-gap]: something"),
                "{out}"
            );
            assert!(out.contains("a.txt:"), "{out}");
        }
        assert!(render("", 0, 0, &[]).contains("a.txt:1:1"));
    }

    #[test]
    fn a_span_is_drawn_under_its_characters() {
        let text = "标题\n\n　　一是甲。\n　　三是乙。\n";
        let start = text.find("三是").unwrap_or_default();
        let previous = text.find("一是").unwrap_or_default();
        let out = render(text, start, start + 6, &[(previous, previous + 6)]);
        let expected = "\
warning[numbering-gap]: something
 --> a.txt:4:3
  |
3 | 　　一是甲。
  |     ---- there
4 | 　　三是乙。
  |     ^^^^

";
        assert_eq!(out, expected);
    }

    #[test]
    fn far_related_places_get_their_own_snippet() {
        let mut text = String::from("　　一是甲。\n");
        text.push_str(&"　　正文。\n".repeat(30));
        let start = text.len() + 6;
        text.push_str("　　三是乙。\n");
        let out = render(&text, start, start + 6, &[(6, 12)]);
        assert!(out.contains(" --> a.txt:32:3"), "{out}");
        assert!(out.contains(" ::: a.txt:1:3"), "{out}");
        assert!(!out.contains("正文"), "{out}");
    }

    #[test]
    fn lines_break_at_lf_crlf_and_lone_cr() {
        let lines = Lines::new("甲\r\n乙\r丙\n\n丁");
        assert_eq!(lines.lines, [0..3, 5..8, 9..12, 13..13, 14..17]);
        assert_eq!(lines.line_of(4), 0, "inside \\r\\n: the line it ends");
        assert_eq!(lines.line_of(5), 1);
        assert_eq!(lines.line_of(17), 4);
        let lines = Lines::new("");
        assert_eq!(lines.lines.first(), Some(&(0..0)));
        assert_eq!(lines.lines.len(), 1);
        let lines = Lines::new("a\n");
        assert_eq!(lines.lines, [0..1, 2..2]);
    }

    #[test]
    fn far_marks_get_their_own_window_and_the_primary_comes_first() {
        let mark = |first_line, last_line| Mark {
            span: LineSpan {
                first_line,
                last_line,
                start: 0,
                end: 0,
            },
            label: None,
        };
        let marks = [mark(40, 40), mark(38, 38), mark(2, 3)];
        let windows = windows(&marks);
        assert_eq!(
            windows,
            [
                Window {
                    lines: 38..41,
                    marks: vec![1, 0]
                },
                Window {
                    lines: 2..4,
                    marks: vec![2]
                },
            ]
        );
    }
}
