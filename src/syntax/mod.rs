//! First pass: recognizers that say what each line is.
//!
//! An article, as this crate reads it:
//!
//! ```bnf
//! article    ::= line*
//! line       ::= blank_line | separator | placeholder | text_line
//! text_line  ::= indentation content
//! content    ::= point_marker? any+        ; a marker counts only where a paragraph starts
//! ```
//!
//! Each construct has its own module, documented with its grammar and a
//! sample line. Which text lines start a paragraph, and which paragraphs are
//! titles or headings, is decided by the second pass ([`crate::tree`]) from the
//! evidence of the whole document.

pub(crate) mod blank_line;
pub(crate) mod furniture;
pub(crate) mod heading;
pub(crate) mod heading_marker;
pub(crate) mod indent;
pub(crate) mod inline_point;
pub(crate) mod numeral;
pub(crate) mod placeholder;
pub(crate) mod point_marker;
pub(crate) mod separator;

use crate::source::Line;
use crate::text::{is_closing_punctuation, trim_end_spaces};
use indent::Indent;

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum LineKind {
    /// Only white space.
    Blank,
    /// A `--` line.
    Separator,
    /// A line standing for missing content (`[ ]`).
    Placeholder,
    /// Anything else.
    Text,
}

/// A line, recognized.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct LineInfo {
    /// What it is.
    pub kind: LineKind,
    /// Offset of its first character after the indentation.
    pub content_start: usize,
    /// Offset just after its last character that is not white space.
    pub content_end: usize,
    /// Its indentation.
    pub indent: Indent,
    /// The characters of its content that are not ASCII spaces (0 for a
    /// line that is not text): the length the layout is judged by.
    pub chars: u32,
    /// All the characters of its content, white space inside it included
    /// (`u32::MAX` when more): with the indentation's, the column where
    /// the content ends, so that line and column of the places nodes start
    /// and end at need not be counted again ([`crate::source::LineIndex`]).
    pub content_chars: u32,
    /// Whether its content ends mid-sentence: with neither closing
    /// punctuation nor a colon (false for a line that is not text). The
    /// layout is judged by it too; read here, where the line is at hand,
    /// the layout's pass over all lines need not read the text again.
    pub ends_mid_sentence: bool,
}

/// Recognize one line of `text`.
pub(crate) fn classify_line(text: &str, line: &Line) -> LineInfo {
    let raw = text.get(line.start..line.end).unwrap_or_default();
    let (rest, indent) = indent::indentation(raw).unwrap_or((raw, Indent::default()));
    let content_start = line.end - rest.len();
    let content_end = content_start + trim_end_spaces(rest).len();
    // The indentation is gone: a blank line has nothing left.
    let kind = if blank_line::blank_line(rest).is_ok() {
        LineKind::Blank
    } else if rest.starts_with('-') && separator::separator(rest).is_ok() {
        LineKind::Separator
    } else if placeholder::placeholder(rest).is_ok() {
        LineKind::Placeholder
    } else {
        LineKind::Text
    };
    let content = text.get(content_start..content_end).unwrap_or_default();
    let content_chars = bytecount::num_chars(content.as_bytes());
    let chars = match kind {
        LineKind::Text => content_chars.saturating_sub(bytecount::count(content.as_bytes(), b' ')),
        _ => 0,
    };
    let ends_mid_sentence = kind == LineKind::Text
        && content
            .chars()
            .next_back()
            .is_some_and(|c| !is_closing_punctuation(c) && !matches!(c, '：' | ':'));
    LineInfo {
        kind,
        content_start,
        content_end,
        indent,
        chars: u32::try_from(chars).unwrap_or(u32::MAX),
        content_chars: u32::try_from(content_chars).unwrap_or(u32::MAX),
        ends_mid_sentence,
    }
}

/// Every line of `text`, recognized (for the tests).
#[cfg(test)]
pub(crate) fn classify_lines(text: &str) -> Vec<LineInfo> {
    crate::source::split_lines(text)
        .iter()
        .map(|line| classify_line(text, line))
        .collect()
}

/// For the tests of a recognizer with a first-character pre-test: every
/// character of the Basic Multilingual Plane (where all markers live) that
/// `may_start` rejects, followed by each of `rests`, is rejected by
/// `parses` too, the parser without the pre-test; and most characters are
/// rejected.
#[cfg(test)]
pub(crate) fn assert_rejected_characters_start_nothing(
    may_start: fn(char) -> bool,
    parses: impl Fn(&str) -> bool,
    rests: &[&str],
) {
    let mut rejected = 0;
    for c in (0..=0xFFFF).filter_map(char::from_u32) {
        if may_start(c) {
            continue;
        }
        rejected += 1;
        for rest in rests {
            let input = format!("{c}{rest}");
            assert!(!parses(&input), "{input:?}");
        }
    }
    assert!(rejected > 60_000, "{rejected}");
}

/// For the tests of a recognizer that chooses its parsers by the first
/// character: on every character of the Basic Multilingual Plane followed
/// by each of `rests`, `chosen` finds what `all` (every parser tried in
/// turn) finds, leaving the same rest; and at least `min_found` of those
/// inputs are markers.
#[cfg(test)]
pub(crate) fn assert_choice_by_first_character_agrees<T: PartialEq + std::fmt::Debug>(
    chosen: impl for<'a> Fn(&'a str) -> nom::IResult<&'a str, T>,
    all: impl for<'a> Fn(&'a str) -> nom::IResult<&'a str, T>,
    rests: &[&str],
    min_found: usize,
) {
    let mut found = 0;
    for c in (0..=0xFFFF).filter_map(char::from_u32) {
        for rest in rests {
            let input = format!("{c}{rest}");
            let by_choice = chosen(&input).ok();
            assert_eq!(by_choice, all(&input).ok(), "{input:?}");
            found += usize::from(by_choice.is_some());
        }
    }
    assert!(found >= min_found, "{found}");
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::source::split_lines;

    #[test]
    fn lines_ending_mid_sentence() {
        let cases = [
            ("作为引领新一代科技革命和产业", true),
            ("特征。", false),
            ("　　主要包括： ", false),
            ("如下:", false),
            ("（草案）", false),
            ("“好”", false),
            ("人工智能 ", true),
            ("machine learning", true),
            ("", false),
            ("--", false),
        ];
        for (line, expected) in cases {
            let lines = split_lines(line);
            let info = lines.first().map(|l| classify_line(line, l));
            assert_eq!(
                info.is_some_and(|i| i.ends_mid_sentence),
                expected,
                "{line:?}"
            );
        }
    }

    #[test]
    fn lines_are_classified_with_their_content_span() {
        let text = "\u{2003}\u{2003} 党 的 \n--\n\n[ ]\n人工智能";
        let lines = split_lines(text);
        let infos: Vec<_> = lines
            .iter()
            .map(|l| {
                let info = classify_line(text, l);
                (info.kind, &text[info.content_start..info.content_end])
            })
            .collect();
        assert_eq!(
            infos,
            [
                (LineKind::Text, "党 的"),
                (LineKind::Separator, "--"),
                (LineKind::Blank, ""),
                (LineKind::Placeholder, "[ ]"),
                (LineKind::Text, "人工智能"),
            ]
        );
    }
}
