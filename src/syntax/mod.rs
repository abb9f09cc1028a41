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

/// `*space`: the white space that opens `input`, which the recognizers
/// read between the parts of a marker (`第 一 章`). Most often there is
/// none, told by the first byte.
pub(crate) fn spaces(input: &str) -> nom::IResult<&str, &str> {
    let rest = crate::text::trim_start_spaces(input);
    let (spaces, rest) = input
        .split_at_checked(input.len() - rest.len())
        .unwrap_or(("", input));
    Ok((rest, spaces))
}

/// Recognize one line of `text`.
///
/// An empty line, a third of an article's lines, is told where the line
/// is at hand (this is always inlined into the loops over the lines):
/// blank, with nothing to measure, without a call and the line's text
/// taken from `text`. Any other line is recognized by [`classify_text`].
#[inline(always)]
pub(crate) fn classify_line(text: &str, line: &Line) -> LineInfo {
    if line.start >= line.end {
        return empty_line(line.end);
    }
    classify_text(text, line)
}

/// What an empty line ending at `end` is: blank.
fn empty_line(end: usize) -> LineInfo {
    LineInfo {
        kind: LineKind::Blank,
        content_start: end,
        content_end: end,
        indent: Indent::default(),
        chars: 0,
        content_chars: 0,
        ends_mid_sentence: false,
    }
}

/// Recognize a line that is not empty ([`classify_line`]).
#[inline(never)]
fn classify_text(text: &str, line: &Line) -> LineInfo {
    let raw = text.get(line.start..line.end).unwrap_or_default();
    let Some(&first) = raw.as_bytes().first() else {
        // Not a line of `text` (cannot happen): as an empty line.
        return empty_line(line.end);
    };
    let (rest, indent, kind) = if starts_plain_text(first) {
        (raw, Indent::default(), LineKind::Text)
    } else {
        kind_of(raw)
    };
    let content_start = line.end - rest.len();
    let (content, ends_mid) = content_and_ending(rest);
    let content_end = content_start + content.len();
    let content_chars = bytecount::num_chars(content.as_bytes());
    let chars = match kind {
        LineKind::Text => content_chars.saturating_sub(bytecount::count(content.as_bytes(), b' ')),
        _ => 0,
    };
    let ends_mid_sentence = kind == LineKind::Text && ends_mid;
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

/// A line's content, `rest` without the white space at its end, and
/// whether that content ends mid-sentence: with a character that is
/// neither closing punctuation nor a colon (false when empty).
///
/// Most lines end with a Chinese character or `。`, told from the last
/// three bytes without decoding a character: a lead byte `E4` to `E9`
/// three bytes from the end starts the last character, from U+4000 to
/// U+9FFF, which is no white space, no closing punctuation and no colon;
/// `E3 80 82` is `。`. Any other line is trimmed ([`trim_end_spaces`]) and
/// its last character decoded.
fn content_and_ending(rest: &str) -> (&str, bool) {
    match rest.as_bytes() {
        [.., lead, _, _] if starts_plain_text(*lead) => (rest, true),
        [.., 0xE3, 0x80, 0x82] => (rest, false),
        _ => {
            let content = trim_end_spaces(rest);
            (content, ends_mid_sentence(content))
        }
    }
}

/// Whether `content` ends with a character that is neither closing
/// punctuation nor a colon (false when empty).
fn ends_mid_sentence(content: &str) -> bool {
    content
        .chars()
        .next_back()
        .is_some_and(|c| !is_closing_punctuation(c) && !matches!(c, '：' | ':'))
}

/// Whether a line whose first byte is `first` is a text line, not indented,
/// told without running the recognizers: a character from U+4000 to U+9FFF
/// (lead byte `E4` to `E9`: most Chinese text) is no white space and
/// starts neither a separator nor a placeholder.
fn starts_plain_text(first: u8) -> bool {
    (0xE4..=0xE9).contains(&first)
}

/// A line's indentation, the rest of it and what it is, by the recognizers.
fn kind_of(raw: &str) -> (&str, Indent, LineKind) {
    let (rest, indent) = indent::indentation(raw).unwrap_or((raw, Indent::default()));
    // The indentation is gone: a blank line has nothing left. Text after
    // it most often starts with a character from U+4000 to U+9FFF, which
    // starts no blank line, separator or placeholder, as on a line
    // without indentation ([`starts_plain_text`]).
    let kind = if rest
        .as_bytes()
        .first()
        .is_some_and(|&b| starts_plain_text(b))
    {
        LineKind::Text
    } else if blank_line::blank_line(rest).is_ok() {
        LineKind::Blank
    } else if rest.starts_with('-') && separator::separator(rest).is_ok() {
        LineKind::Separator
    } else if placeholder::placeholder(rest).is_ok() {
        LineKind::Placeholder
    } else {
        LineKind::Text
    };
    (rest, indent, kind)
}

/// Every line of `text`, recognized (for the tests).
#[cfg(test)]
pub(crate) fn classify_lines(text: &str) -> Vec<LineInfo> {
    crate::source::split_lines(text)
        .iter()
        .map(|line| classify_line(text, line))
        .collect()
}

/// For the tests: every text made of at most `max` of `parts`, one after
/// the other (the empty text first, then those of one part, of two, …),
/// each once when the parts are distinct.
#[cfg(test)]
pub(crate) fn concatenations<S: AsRef<str>>(parts: &[S], max: usize) -> Vec<String> {
    let mut texts = vec![String::new()];
    let mut last = vec![String::new()];
    for _ in 0..max {
        last = last
            .iter()
            .flat_map(|text| {
                parts
                    .iter()
                    .map(move |part| format!("{text}{}", part.as_ref()))
            })
            .collect();
        texts.extend(last.iter().cloned());
    }
    texts
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
    fn spaces_reads_what_take_while_reads() {
        use nom::{bytes::complete::take_while, IResult, Parser};
        // The spaces read compared owned: the helper's result cannot
        // borrow its input.
        fn ours(input: &str) -> IResult<&str, String> {
            spaces(input).map(|(rest, run)| (rest, run.to_owned()))
        }
        fn by_nom(input: &str) -> IResult<&str, String> {
            take_while(crate::text::is_space)
                .parse(input)
                .map(|(rest, run): (&str, &str)| (rest, run.to_owned()))
        }
        let rests = [
            "",
            "x",
            " ",
            "\u{3000}甲",
            "一",
            "\u{3000}\u{3000}甲",
            " \t\u{2003}\u{3000}x",
            "\u{85}\u{a0}",
        ];
        crate::syntax::assert_choice_by_first_character_agrees(
            ours,
            by_nom,
            &rests,
            63_000 * rests.len(),
        );
    }

    #[test]
    fn lines_told_plain_text_by_their_first_byte_are() {
        let rests = ["", "x", " ", "--", " [ ]", "\u{3000}"];
        let mut told = 0;
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            let mut buf = [0u8; 4];
            let first = c.encode_utf8(&mut buf).as_bytes().first().copied();
            if !first.is_some_and(starts_plain_text) {
                continue;
            }
            told += 1;
            for rest in rests {
                let line = format!("{c}{rest}");
                let (left, indent, kind) = kind_of(&line);
                assert_eq!(
                    (left, indent, kind),
                    (line.as_str(), Indent::default(), LineKind::Text),
                    "{line:?}"
                );
            }
        }
        assert_eq!(told, 0xA000 - 0x4000);
    }

    /// The ending read from the last bytes is the ending trimmed and
    /// decoded: every character of the Basic Multilingual Plane (and a
    /// few beyond), alone and after text, before nothing, an ASCII space,
    /// an ideographic space and a Chinese character.
    #[test]
    fn endings_read_from_the_last_bytes_are_the_endings_decoded() {
        fn by_decoding(rest: &str) -> (&str, bool) {
            let content = trim_end_spaces(rest);
            (content, ends_mid_sentence(content))
        }
        let extra = ['\u{10000}', '\u{1F600}', '\u{10FFFF}'];
        for c in (0..=0xFFFF).filter_map(char::from_u32).chain(extra) {
            for text in [
                format!("{c}"),
                format!("甲{c}"),
                format!("a{c}"),
                format!("甲{c} "),
                format!("{c}\u{3000}"),
                format!("甲{c}乙"),
                format!("{c}。"),
            ] {
                assert_eq!(content_and_ending(&text), by_decoding(&text), "{text:?}");
            }
        }
    }

    /// A line told empty without its text read is what recognizing its
    /// text gives, and so is a line that is not one of the text.
    #[test]
    fn lines_told_empty_before_reading_are_as_read() {
        let text = "甲\n\n乙\r\n\r\n";
        let lines = split_lines(text);
        assert_eq!(lines.iter().filter(|l| l.start == l.end).count(), 3);
        for line in lines {
            assert_eq!(classify_line(text, &line), classify_text(text, &line));
        }
        for (start, end) in [(1, 1), (3, 2), (40, 50), (1, 2), (0, 99)] {
            let line = Line {
                start,
                end,
                ending: crate::source::LineEnding::None,
            };
            assert_eq!(classify_line(text, &line), classify_text(text, &line));
            assert_eq!(classify_line(text, &line), empty_line(end));
        }
    }

    /// What the recognizers say of a line, each run in turn without a
    /// pre-test: the oracle of [`kind_of`].
    fn kind_by_recognizers(raw: &str) -> (&str, Indent, LineKind) {
        let (rest, indent) = indent::indentation(raw).unwrap_or((raw, Indent::default()));
        let kind = if blank_line::blank_line(rest).is_ok() {
            LineKind::Blank
        } else if separator::separator(rest).is_ok() {
            LineKind::Separator
        } else if placeholder::placeholder(rest).is_ok() {
            LineKind::Placeholder
        } else {
            LineKind::Text
        };
        (rest, indent, kind)
    }

    /// An indented line whose text is told by its first byte is what the
    /// recognizers say: every character of the Basic Multilingual Plane
    /// after each kind of indentation, before text, a separator's dashes
    /// or a placeholder's closing brackets (`[ ]`, `【】`: `【` starts
    /// with `E3`, next to the bytes told).
    #[test]
    fn indented_lines_are_what_the_recognizers_say() {
        let mut seen = [0usize; 4];
        for c in (0..=0xFFFF).filter_map(char::from_u32) {
            for indentation in ["\u{3000}\u{3000}", " ", "\u{2003} \t"] {
                for rest in ["", "x", "--", " ]", "】"] {
                    let line = format!("{indentation}{c}{rest}");
                    assert_eq!(kind_of(&line), kind_by_recognizers(&line), "{line:?}");
                    seen[kind_of(&line).2 as usize] += 1;
                }
            }
        }
        // Every kind is found: spaces make blank lines, dashes
        // separators, brackets placeholders; and text told by its first
        // byte, at least the 0x6000 characters of each of fifteen lines.
        assert!(seen.iter().all(|&n| n > 0), "{seen:?}");
        assert!(seen[LineKind::Text as usize] > 15 * 0x6000, "{seen:?}");
    }

    #[test]
    fn empty_lines_are_blank_as_the_recognizers_say() {
        let text = "\n\n";
        for line in split_lines(text) {
            let info = classify_line(text, &line);
            let (rest, indent, kind) = kind_of("");
            assert_eq!(
                (info.kind, info.indent, info.content_start, info.content_end),
                (kind, indent, line.end - rest.len(), line.end)
            );
            assert_eq!((info.chars, info.content_chars), (0, 0));
            assert!(!info.ends_mid_sentence);
        }
    }

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
